"""Precision and recall of drafts, per kind of item, against decisions or hand-written facts.

A *fact* is a small tuple of folded text and numbers: ``("QĐ", 2041)`` for a decision named,
``("QĐ", 2041, "2021-10-13")`` for its signing date, ``(org, "phong ha tang so")`` for a
rename. Organisations are keyed by id (``by="id"``: drafts resolved through a timeline,
compared with a dataset) or by folded name (``by="name"``: drafts without a timeline,
compared with facts written by hand).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from govmodel import vn
from govmodel.extract import _api as gm
from govmodel.extract.model import Draft

__all__ = ["KINDS", "Score", "decision_facts", "draft_facts", "score"]

Fact = tuple[object, ...]
Facts = dict[str, set[Fact]]

KINDS = ("decision", "signed", "effective", "supersedes", "repeals", "rename", "establish",
         "merge", "dissolve", "transfer", "move", "composition", "mandate")
"""The kinds of item scored."""


@attrs.frozen(slots=True)
class Score:
    """True positives, false positives and false negatives of one kind."""

    kind: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when nothing was found."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); None when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def _name(text: str) -> str:
    """A name folded for comparison, abbreviations spelled out ("Sở TT&TT" = "Sở Thông tin và
    Truyền thông")."""
    return vn.expand_aliases(text)


def _key(org_id: str, names: Mapping[str, str], by: str) -> str:
    if by == "id":
        return org_id
    return _name(names.get(org_id, org_id))


def _effect_facts(effect: gm.Effect, names: Mapping[str, str], by: str) -> list[tuple[str, Fact]]:
    def k(org_id: str) -> str:
        return _key(org_id, names, by)

    if isinstance(effect, gm.Rename):
        return [("rename", (k(effect.org_id), _name(effect.name)))]
    if isinstance(effect, gm.Establish):
        return [("establish", (_name(effect.org.name) if by == "name" else effect.org.id,))]
    if isinstance(effect, gm.Merge):
        into = _name(effect.establish.name) if by == "name" and effect.establish else k(
            effect.into)
        return [("merge", (tuple(sorted(k(s) for s in effect.sources)), into))]
    if isinstance(effect, gm.Dissolve):
        return [("dissolve", (k(effect.org_id),))]
    if isinstance(effect, gm.TransferFunctions):
        return [("transfer", (k(effect.from_org), k(effect.to_org)))]
    if isinstance(effect, gm.Move):
        return [("move", (k(effect.org_id), k(effect.parent) if effect.parent else None))]
    if isinstance(effect, gm.SetComposition):
        return [("composition", (k(effect.org_id), m.role.value, _name(m.post.title),
                                 k(m.post.org_id))) for m in effect.members]
    if isinstance(effect, gm.SetMandate | gm.AmendMandate):
        mandate = effect.mandate if isinstance(effect, gm.SetMandate) else effect.add
        terms = [*mandate.functions, *(g.name for g in mandate.task_groups), *mandate.fields]
        return [("mandate", (k(effect.org_id), _name(t))) for t in terms]
    return []


def _empty() -> Facts:
    return {kind: set() for kind in KINDS}


def decision_facts(decisions: Iterable[gm.Decision], *, stated_effective: Iterable[str] = ()
                   ) -> Facts:
    """The facts a list of library decisions records, organisations by id.

    Args:
        decisions: the decisions.
        stated_effective: numbers (as ``str(number)``) whose effective date the source
            states; only these count for ``"effective"`` (the rest default to signing).
    """
    out = _empty()
    stated = set(stated_effective)
    by_ref = {d.ref: d for d in decisions}
    for d in by_ref.values():
        key = (d.doc_type, d.number.number)
        out["decision"].add(key)
        if d.signed_on:
            out["signed"].add((*key, d.signed_on.isoformat()))
        if str(d.number) in stated:
            out["effective"].add((*key, d.effective_on.isoformat()))
        for field in ("supersedes", "repeals"):
            for ref in getattr(d, field):
                out[field].add((*key, ref.number.doc_type, ref.number.number))
        for e in d.effects:
            for kind, fact in _effect_facts(e, {}, "id"):
                out[kind].add(fact)
    return out


def draft_facts(draft: Draft, *, by: Literal["id", "name"] = "name",
                unattached: bool = False) -> Facts:
    """The facts a draft's decisions hold.

    Args:
        draft: the draft.
        by: key organisations by id or by folded name.
        unattached: also count the changes the text announces without naming a decision
            (they are items of the draft, never part of its decisions or datasets).
    """
    out = _empty()
    names = {o.id: o.name for o in draft.organisations}
    for d in draft.decisions:
        for e in d.effects:
            if isinstance(e, gm.Establish):
                names.setdefault(e.org.id, e.org.name)
            if isinstance(e, gm.Merge) and e.establish:
                names.setdefault(e.into, e.establish.name)
    for d in draft.decisions:
        key = (d.doc_type, d.serial)
        out["decision"].add(key)
        if d.signed_on:
            out["signed"].add((*key, d.signed_on.isoformat()))
        if d.effective_on:
            out["effective"].add((*key, d.effective_on.isoformat()))
        for field in ("supersedes", "repeals"):
            for ref in getattr(d, field):
                out[field].add((*key, ref.number.doc_type, ref.number.number))
        for e in d.effects:
            for kind, fact in _effect_facts(e, names, by):
                out[kind].add(fact)
    if unattached:
        for item in draft.items:
            if item.decision is None and item.effect is not None:
                for kind, fact in _effect_facts(item.effect, names, by):
                    out[kind].add(fact)
    return out


_PLAIN = frozenset({"decision", "signed", "effective", "supersedes", "repeals"})


def facts_from_json(data: Mapping[str, Iterable[Iterable[object]]]) -> Facts:
    """Hand-written facts (lists of lists, names as written) as folded fact sets."""
    out = _empty()
    for kind, rows in data.items():
        for row in rows:
            if kind in _PLAIN:
                out[kind].add(tuple(row))
            else:
                out[kind].add(tuple(_fold_value(v, i, kind) for i, v in enumerate(row)))
    return out


def _fold_value(v: object, i: int, kind: str) -> object:
    if kind == "composition" and i == 1:
        return v
    if isinstance(v, str):
        return _name(v)
    if isinstance(v, list):
        return tuple(sorted(_name(str(x)) for x in v))
    return v


def score(expected: Facts, found: Facts, kinds: Iterable[str] = KINDS) -> dict[str, Score]:
    """Per kind: how many expected facts were found, and how many found ones were expected."""
    out = {}
    for kind in kinds:
        e, f = expected.get(kind, set()), found.get(kind, set())
        out[kind] = Score(kind, len(e & f), len(f - e), len(e - f))
    return out


__all__ += ["facts_from_json"]
