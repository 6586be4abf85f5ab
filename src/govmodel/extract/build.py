"""From what each sentence says to decisions with effects, items and notes.

:class:`Builder` reads the sentences in order. Each change, membership and mandate addition is
bound to a decision: one the same sentence names as making it ("tại Quyết định số …",
"theo Quyết định …"), else the decision the text reports being made (the latest one before
the sentence, else the first). A change no decision can be found for stays an item, noted,
never an effect.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import attrs

from govmodel import vn
from govmodel.extract import _api as gm
from govmodel.extract.changes import Change, ChangeKind, find_changes
from govmodel.extract.composition import find_seats
from govmodel.extract.documents_state import DocState, Role
from govmodel.extract.lists import names_in
from govmodel.extract.mandate import find_additions
from govmodel.extract.model import Citation, DraftItem, ItemKind
from govmodel.extract.names import display_name, kind_of, province_of
from govmodel.extract.personnel import read_personnel
from govmodel.extract.resolve import Resolution, Resolver, first_state
from govmodel.extract.text import Prepared, Sentence

__all__ = ["Builder"]

_PAIRED = "old and new names are paired by position in the two lists"


@attrs.define
class _Rename:
    doc: int | None
    org: Resolution
    name: str | None
    shorts: list[str]
    citation: Citation
    confidence: float
    ambiguities: list[str]


@attrs.define
class _Pending:
    """A rename whose old names are counts only ("2 phòng và 1 Trung tâm")."""

    doc: int | None
    heads: list[str]
    news: list[str]
    citation: Citation


class Builder:
    """Collects a text's findings sentence by sentence, then builds the draft."""

    def __init__(self, prepared: Prepared, docs: list[DocState], resolver: Resolver,
                 published: dt.date | None, source: gm.Source | None) -> None:
        self.p = prepared
        self.docs = docs
        self.resolver = resolver
        self.published = published
        self.source = source
        self.renames: list[_Rename] = []
        self.pending: list[_Pending] = []
        self.effects: list[tuple[int | None, gm.Effect | None, DraftItem]] = []
        self.seats: dict[tuple[int, str], list[tuple[gm.Membership, DraftItem]]] = {}
        self.mandates: dict[tuple[int, str], list[tuple[str, str, DraftItem]]] = {}
        self.ends: list[tuple[int, int, str, Citation]] = []
        self.committee: str | None = None
        self.context_org: Resolution | None = None
        self.names: dict[str, str] = {}
        self.established: set[str] = set()
        self.awaiting_term: list[int] = []  # effects (by index) of appointments without a term

    # ------------------------------------------------------------------ binding
    def _mentions_in(self, s: Sentence) -> list[tuple[int, int]]:
        """(document index, mention index) of the mentions in *s*, with roles."""
        out = []
        for di, doc in enumerate(self.docs):
            for mi, m in enumerate(doc.mentions):
                if s.start <= m.start < s.end:
                    out.append((di, mi))
        return sorted(out, key=lambda x: self.docs[x[0]].mentions[x[1]].start)

    def _bind(self, s: Sentence) -> int | None:
        for di, mi in self._mentions_in(s):
            role = self.docs[di].roles[mi] if mi < len(self.docs[di].roles) else Role.CITED
            if role in (Role.MADE, Role.CITED):
                return di
        primaries = [(d.first.start, i) for i, d in enumerate(self.docs) if d.primary]
        before = [i for pos, i in primaries if pos < s.end]
        if before:
            return before[-1]
        if primaries:
            return primaries[0][1]
        cited = [i for i, d in enumerate(self.docs) if Role.CITED in d.roles]
        return cited[0] if len(cited) == 1 and len(self.docs) == 1 else None

    def cite(self, start: int, end: int) -> Citation:
        s = self.p.sentence_at(start)
        return Citation(start, end, self.p.nfc[start:end], s.text)

    def _resolve(self, name: str) -> Resolution:
        res = self.resolver.resolve(name)
        self.names.setdefault(res.id, res.name)
        return res

    # ------------------------------------------------------------------ sentences
    def sentence(self, s: Sentence) -> None:
        """Read one sentence's changes, memberships, mandate additions and appointments."""
        doc = self._bind(s)
        for di, mi in self._mentions_in(s):
            role = self.docs[di].roles[mi] if mi < len(self.docs[di].roles) else ""
            if role in (Role.SUPERSEDED, Role.REPEALED) and doc is not None and doc != di:
                m = self.docs[di].mentions[mi]
                self.ends.append((doc, di, role, self.cite(m.start, m.end)))
        for change in find_changes(self.p, s):
            self._change(change, doc)
        self._context(s)
        self._seats(s, doc)
        self._mandate(s, doc)
        read_personnel(self, s, doc)

    def _context(self, s: Sentence) -> None:
        items = names_in(self.p, s.start, s.end) or []
        renamed = {vn.fold(r.name): r.org.id for r in self.renames if r.name}
        for it in items:
            if it.named and kind_of(it.name) == "department":
                self.context_org = self._resolve(it.name)
            if it.named and kind_of(it.name) == "committee":
                key = vn.fold(display_name(it.name))
                self.committee = renamed.get(key) or self._resolve(it.name).id

    def _item(self, kind: ItemKind, summary: str, span: tuple[int, int], *, conf: float,
              doc: int | None, effect: gm.Effect | None, amb: list[str]) -> None:
        if doc is None:
            amb = [*amb, "no decision named for this change"]
            conf *= 0.5
        item = DraftItem(kind=kind, summary=summary, citation=self.cite(*span),
                         confidence=round(conf, 2), ambiguities=tuple(amb), decision=doc,
                         effect=effect)
        self.effects.append((doc, effect, item))

    def _change(self, c: Change, doc: int | None) -> None:
        if c.kind is ChangeKind.RENAME:
            self._rename(c, doc)
            return
        names = [x.name for x in c.sources]
        targets = [x.name for x in c.targets]
        amb: list[str] = []
        effect: gm.Effect | None = None
        try:
            if c.kind is ChangeKind.ESTABLISH:
                res = self._resolve(targets[0])
                org = first_state(res.id, res.name, self._parent(res.name))
                effect = gm.Establish(org=org)
                self.established.add(res.id)
                summary = f"establish {res.id} ({res.name})"
                kind = ItemKind.ESTABLISH
            elif c.kind is ChangeKind.MERGE:
                srcs = [self._resolve(n).id for n in names]
                if c.new_target:
                    shown = display_name(targets[0])
                    new_id = self.resolver.new_id(shown, frozenset(srcs))
                    if new_id in srcs or new_id in self.names:
                        new_id = f"{new_id}-moi"
                    self.names.setdefault(new_id, shown)
                    org = first_state(new_id, shown, self._parent(shown))
                    effect = gm.Merge(sources=srcs, into=new_id, establish=org)
                    self.established.add(new_id)
                    into = new_id
                else:
                    into = self._resolve(targets[0]).id
                    effect = gm.Merge(sources=srcs, into=into)
                summary = f"merge {', '.join(srcs)} into {into}"
                kind = ItemKind.MERGE
            elif c.kind is ChangeKind.DISSOLVE:
                res = self._resolve(names[0])
                effect, summary, kind = gm.Dissolve(org_id=res.id), f"dissolve {res.id}", \
                    ItemKind.DISSOLVE
                for extra in names[1:]:
                    other = self._resolve(extra)
                    self._item(ItemKind.DISSOLVE, f"dissolve {other.id}", (c.start, c.end),
                               conf=0.8, doc=doc, effect=gm.Dissolve(org_id=other.id), amb=[])
            elif c.kind is ChangeKind.TRANSFER:
                a, b = self._resolve(names[0]), self._resolve(targets[0])
                effect = gm.TransferFunctions(from_org=a.id, to_org=b.id,
                                              mandate=gm.Mandate(fields=c.what))
                summary = f"transfer {', '.join(c.what)} from {a.id} to {b.id}"
                kind = ItemKind.TRANSFER
            else:
                a, b = self._resolve(names[0]), self._resolve(targets[0])
                effect = gm.Move(org_id=a.id, parent=b.id)
                summary, kind = f"move {a.id} under {b.id}", ItemKind.MOVE
        except gm.GovModelError as exc:
            amb.append(f"not an effect: {exc}")
            summary = f"{c.kind.value}: {', '.join(names)} → {', '.join(targets)}"
            kind = ItemKind(c.kind.value)
            effect = None
        self._item(kind, summary, (c.start, c.end), conf=0.85, doc=doc, effect=effect, amb=amb)

    def _parent(self, name: str) -> str | None:
        if kind_of(name) != "department":
            return None
        place = self.resolver.province
        return self._resolve(f"Ủy ban nhân dân tỉnh {place}").id if place else None

    def _rename(self, c: Change, doc: int | None) -> None:
        olds, news = list(c.sources), [display_name(x.name) for x in c.targets]
        cit = self.cite(c.start, c.end)
        if not all(o.named for o in olds):
            self.pending.append(_Pending(doc, [o.head for o in olds], news, cit))
            return
        amb = [_PAIRED] if c.paired else []
        if news and len(news) != len(olds):
            amb.append(f"{len(olds)} old names but {len(news)} new ones")
        for i, old in enumerate(olds):
            res = self._resolve(old.name)
            new = news[i] if i < len(news) else None
            name, shorts = (vn.nfc(re.sub(r"\s*\(([^()]*)\)\s*$", "", new)),
                            re.findall(r"\(([^()]*)\)\s*$", new)) if new else (None, [])
            name = self._with_province(res, name)
            if res.others:
                amb.append(f"{old.name!r} could also be {', '.join(res.others)}")
            conf = 0.9 if not c.paired else 0.75
            self.renames.append(_Rename(doc, res, name, list(shorts), cit, conf, list(amb)))
            if kind_of(old.name) == "committee":
                self.committee = res.id

    def _with_province(self, res: Resolution, name: str | None) -> str | None:
        """A new name without its province takes the one the old official name carries."""
        if name is None or province_of(name):
            return name
        official = self.names.get(res.id, res.name)
        if res.known and self.resolver.timeline is not None:
            with contextlib.suppress(gm.GovModelError):
                official = self.resolver.timeline.history(res.id)[-1].value.name
        place = province_of(official)
        m = re.search(r"\s((?:tỉnh|thành phố)\s+\S.*)$", official)
        if place and m and kind_of(name) in ("department", "committee", "peoples_committee"):
            return f"{name} {m.group(1)}"
        return name

    def _seats(self, s: Sentence, doc: int | None) -> None:
        seats = find_seats(self.p, s)
        if not seats or doc is None or self.committee is None:
            return
        for seat in seats:
            org = seat.org
            if seat.group.startswith("sở") and not re.match(
                    r"(?i)(sở|văn phòng|công an|ngân hàng|ban|bộ|cục|đài|báo)\b", org):
                org = f"Sở {org}"
            res = self._resolve(org)
            title = "Phó Chủ tịch" if seat.title.lower().startswith("phó chủ tịch thường") \
                else seat.title
            qualifier = seat.qualifier
            if title != seat.title:
                qualifier = "thường trực" + (f", {qualifier}" if qualifier else "")
            member = gm.Membership(seat.role, gm.PostRef(res.id, title, qualifier=qualifier))
            item = DraftItem(
                kind=ItemKind.COMPOSITION, confidence=0.8 if res.known else 0.7,
                summary=f"{seat.role.vi}: {title} of {res.id}",
                citation=self.cite(seat.start, seat.end), decision=doc,
                ambiguities=tuple(f"{org!r} could also be {', '.join(res.others)}"
                                  for _ in [0] if res.others),
            )
            self.seats.setdefault((doc, self.committee), []).append((member, item))

    def _mandate(self, s: Sentence, doc: int | None) -> None:
        for add in find_additions(self.p, s):
            subject = names_in(self.p, s.start, add.start)
            named = [x for x in subject or [] if x.named]
            org = self._resolve(named[-1].name) if named else self.context_org
            if org is None or doc is None:
                continue
            amb = []
            if add.count is not None and add.count != len(add.task_groups):
                amb.append(f"the text counts {add.count} groups but lists "
                           f"{len(add.task_groups)}")
            for kind, terms in (("function", add.functions), ("group", add.task_groups)):
                for term in terms:
                    item = DraftItem(
                        kind=ItemKind.MANDATE, summary=f"{kind} of {org.id}: {term}",
                        citation=self.cite(add.start, add.end), confidence=0.75,
                        ambiguities=tuple(amb), decision=doc,
                    )
                    self.mandates.setdefault((doc, org.id), []).append((kind, term, item))

