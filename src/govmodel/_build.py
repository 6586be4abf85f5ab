"""Build a timeline's index from a set of decisions: validate, resolve "in force", replay.

The algorithm (private; :class:`govmodel.timeline.Timeline` is the public face):

1. Decisions are made a set: identical copies collapse, two different decisions with one
   identity are a :class:`~govmodel.errors.DuplicateDecisionError`. They are sorted by
   (signing date, issuer, number, year), so insertion order never matters (law 1).
2. Each decision's end is resolved (law 2): the earliest of its ``expires_on`` and the
   effective date of every decision that supersedes or repeals it and is itself in force on
   that date. Memoised recursion; a loop is a :class:`~govmodel.errors.SupersessionError`.
3. Every effect becomes an item keyed (effective date, decision order, position) (law 5).
   Items are replayed day by day. An item counts only if its decision is in force on its
   date (law 3). Same-day claims on one attribute from different decisions with different
   values are a :class:`~govmodel.errors.ConflictError`.
4. Events change organisations' versions; standing provisions and function transfers are
   recorded per organisation and folded into piecewise-constant segments at every date on
   which some provision starts or ends (law 4).

Cost: O(n log n) for n effects, plus O(k²) per organisation with k mandate or composition
provisions (k is small in practice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from itertools import groupby
from typing import Any

import attrs

from govmodel._index import BEGINNING, Index, Segments, Succession, Track
from govmodel.decisions import (
    AmendMandate,
    Decision,
    DecisionRef,
    Dissolve,
    Effect,
    Establish,
    Event,
    Merge,
    Move,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    TransferFunctions,
)
from govmodel.errors import (
    ConflictError,
    DecisionError,
    DuplicateDecisionError,
    DuplicateOrganisationError,
    HierarchyCycleError,
    InvalidEffectError,
    InvalidValueError,
    NotAliveError,
    SupersessionError,
    UnknownDecisionError,
    UnknownOrganisationError,
)
from govmodel.model import Agency, Committee, Mandate, Membership, Unit
from govmodel.results import Version
from govmodel.vn.text import tokens

Org = Agency | Unit | Committee
# A mandate item: (date, kind, payload, decision). kind: "set" | "amend" | "delta".
MandateItem = tuple[dt.date, str, Any, Decision]
CompositionItem = tuple[dt.date, tuple[Membership, ...], Decision]


def canonical_decisions(
    decisions: Iterable[Decision], fail: Callable[[DecisionError], None]
) -> tuple[Decision, ...]:
    """The decisions as a sorted set; a second, different decision with one identity fails."""
    by_ref: dict[DecisionRef, Decision] = {}
    for d in decisions:
        if not isinstance(d, Decision):
            raise InvalidValueError(f"expected a Decision, not {type(d).__name__}: {d!r}")
        prev = by_ref.get(d.ref)
        if prev is None:
            by_ref[d.ref] = d
        elif prev != d:
            fail(
                DuplicateDecisionError(
                    "another, different decision has the same identity (issuer, number, year)",
                    decision=str(d.ref),
                )
            )
    return tuple(sorted(by_ref.values(), key=Decision.sort_key))


def canonical_initial(initial: Iterable[Org]) -> tuple[Org, ...]:
    """First states as a set sorted by id; two different first states of one id fail."""
    by_id: dict[str, Org] = {}
    for org in initial:
        if not isinstance(org, Agency | Unit | Committee):
            raise InvalidValueError(f"expected an Agency, Unit or Committee, not {org!r}")
        prev = by_id.get(org.id)
        if prev is not None and prev != org:
            raise DuplicateOrganisationError(
                f"two different first states for {org.id!r}", org_id=org.id
            )
        by_id[org.id] = org
    return tuple(by_id[k] for k in sorted(by_id))


def fold_mandate(
    items: list[MandateItem], day: dt.date, in_force: Callable[[Decision, dt.date], bool]
) -> Mandate:
    """The mandate on *day*: items up to *day*, standing ones only if in force on *day*."""
    m = Mandate.EMPTY
    for t, kind, payload, d in items:
        if t > day:
            break
        if kind != "delta" and not in_force(d, day):
            continue
        if kind == "set":
            m = payload
        else:
            add, remove = payload
            m = m.minus(remove).plus(add)
    return m


class _Builder:
    """One replay. Holds mutable scratch state; produces an immutable-by-convention Index."""

    def __init__(self, errors: list[DecisionError] | None, allow_dangling: bool) -> None:
        self.errors = errors
        self.allow_dangling = allow_dangling
        self.ix = Index()
        self.current: dict[str, Org] = {}
        self.kids: dict[str, set[str]] = {}
        self.known_ids: set[str] = set()
        self.mandate_items: dict[str, list[MandateItem]] = {}
        self.composition_items: dict[str, list[CompositionItem]] = {}
        self.enders: dict[DecisionRef, list[Decision]] = {}

    # ------------------------------------------------------------------ plumbing
    def fail(self, err: DecisionError) -> None:
        if self.errors is None:
            raise err
        self.errors.append(err)

    # ------------------------------------------------------------------ steps
    def run(self, decisions: Iterable[Decision], initial: Iterable[Org]) -> Index:
        ix = self.ix
        ix.decisions = canonical_decisions(decisions, self.fail)
        ix.by_ref = {d.ref: d for d in ix.decisions}
        self.check_references()
        self.resolve_ends()
        self.seed(canonical_initial(initial))
        self.collect_ids()
        self.replay()
        self.build_segments()
        self.build_name_index()
        return ix

    def check_references(self) -> None:
        ix = self.ix
        for d in ix.decisions:
            for field in ("supersedes", "repeals", "amends"):
                for r in getattr(d, field):
                    target = ix.by_ref.get(r)
                    if target is None:
                        if not self.allow_dangling:
                            self.fail(
                                UnknownDecisionError(
                                    f"{field} {r}, which the timeline does not hold",
                                    decision=str(d.ref),
                                )
                            )
                        continue
                    if (
                        target.signed_on is not None
                        and d.signed_on is not None
                        and target.signed_on > d.signed_on
                    ):
                        self.fail(
                            SupersessionError(
                                f"{field} {r}, signed later ({target.signed_on} > {d.signed_on})",
                                decision=str(d.ref),
                            )
                        )
                        continue
                    if field != "amends":
                        self.enders.setdefault(r, []).append(d)

    def resolve_ends(self) -> None:
        ix = self.ix
        visiting: set[DecisionRef] = set()

        def end_of(d: Decision) -> dt.date | None:
            ref = d.ref
            if ref in ix.ends:
                return ix.ends[ref]
            if ref in visiting:
                raise SupersessionError(
                    "decisions supersede or repeal each other in a loop", decision=str(ref)
                )
            visiting.add(ref)
            best, by = d.expires_on, None
            for f in self.enders.get(ref, ()):
                f_end = end_of(f)
                in_force_then = f_end is None or f.effective_on < f_end
                if in_force_then and (best is None or f.effective_on < best):
                    best, by = f.effective_on, f
            visiting.discard(ref)
            ix.ends[ref] = best
            ix.ended_by[ref] = by
            return best

        for d in ix.decisions:
            try:
                end_of(d)
            except SupersessionError as err:
                self.fail(err)
                ix.ends.setdefault(d.ref, None)
                ix.ended_by.setdefault(d.ref, None)

    def seed(self, initial: tuple[Org, ...]) -> None:
        ids = {o.id for o in initial}
        for org in initial:
            if org.parent is not None and org.parent not in ids:
                raise UnknownOrganisationError(
                    f"first state of {org.id!r} names parent {org.parent!r}, which has no first "
                    "state",
                    org_id=org.id,
                )
        for org in initial:
            seen = {org.id}
            p = org.parent
            by_id = {o.id: o for o in initial}
            while p is not None:
                if p in seen:
                    raise HierarchyCycleError(
                        f"first states put {org.id!r} in a parent cycle", org_id=org.id
                    )
                seen.add(p)
                p = by_id[p].parent
        for org in initial:
            self.set_value(org, BEGINNING, None)

    def collect_ids(self) -> None:
        ids = self.known_ids
        ids.update(self.current)
        for d in self.ix.decisions:
            for e in d.effects:
                if isinstance(e, Establish):
                    ids.add(e.org.id)
                elif isinstance(e, Merge) and e.establish is not None:
                    ids.add(e.into)
                elif isinstance(e, Split):
                    ids.update(p.org_id for p in e.parts if p.establish is not None)

    # ------------------------------------------------------------------ state changes
    def set_value(self, org: Org, t: dt.date, d: Decision | None) -> None:
        track = self.ix.tracks.setdefault(org.id, Track())
        start = None if t == BEGINNING else t
        new = Version(start, None, org, d)
        if track.versions and track.starts[-1] == t:
            track.versions[-1] = new
        else:
            if track.versions:
                track.versions[-1] = attrs.evolve(track.versions[-1], valid_to=t)
            track.starts.append(t)
            track.versions.append(new)
        old = self.current.get(org.id)
        if old is not None and old.parent is not None:
            self.kids.get(old.parent, set()).discard(org.id)
        if org.parent is not None:
            self.kids.setdefault(org.parent, set()).add(org.id)
            self.ix.children_ever.setdefault(org.parent, set()).add(org.id)
        self.current[org.id] = org

    def end_org(self, org_id: str, t: dt.date, d: Decision) -> None:
        track = self.ix.tracks[org_id]
        track.versions[-1] = attrs.evolve(track.versions[-1], valid_to=t)
        track.end, track.end_by = t, d
        org = self.current.pop(org_id)
        if org.parent is not None:
            self.kids.get(org.parent, set()).discard(org_id)

    # ------------------------------------------------------------------ checks
    def alive(
        self, org_id: str, t: dt.date, ctx: dict[str, Any], what: str = "organisation"
    ) -> Org:
        org = self.current.get(org_id)
        if org is not None:
            return org
        track = self.ix.tracks.get(org_id)
        if track is None and org_id not in self.known_ids:
            raise UnknownOrganisationError(
                f"unknown {what} {org_id!r} on {t}", org_id=org_id, on=t, **ctx
            )
        if track is None:
            reason = f"{what} {org_id!r} is not alive on {t}: it is established only later"
        else:
            by = f" by {track.end_by.ref}" if track.end_by is not None else ""
            reason = f"{what} {org_id!r} is not alive on {t}: it ended on {track.end}{by}"
        raise NotAliveError(reason, org_id=org_id, on=t, **ctx)

    def check_new_id(self, org: Org, t: dt.date, ctx: dict[str, Any]) -> None:
        if org.id in self.ix.tracks:
            raise DuplicateOrganisationError(
                f"organisation {org.id!r} already exists (established "
                f"{self.ix.tracks[org.id].versions[0].valid_from or 'in the first states'})",
                org_id=org.id,
                on=t,
                **ctx,
            )
        if org.parent is not None:
            self.alive(org.parent, t, ctx, "parent")

    def require_held(
        self,
        org_id: str,
        have: frozenset[tuple[str, ...]],
        wanted: Iterable[tuple[str, ...]],
        *,
        verb: str,
        t: dt.date,
        ctx: dict[str, Any],
    ) -> None:
        """Raise unless every mandate item in *wanted* is among *have* (what *org_id* holds)."""
        missing = set(wanted) - have
        if missing:
            raise InvalidEffectError(
                f"{verb} {_show(missing)} which {org_id!r} does not hold on {t}",
                org_id=org_id,
                on=t,
                **ctx,
            )

    def mandate_now(self, org_id: str, t: dt.date) -> Mandate:
        return fold_mandate(self.mandate_items.get(org_id, []), t, self.ix.in_force)

    def add_mandate(self, org_id: str, item: MandateItem) -> None:
        self.mandate_items.setdefault(org_id, []).append(item)

    # ------------------------------------------------------------------ replay
    def replay(self) -> None:
        ix = self.ix
        items = sorted(
            (
                (d.effect_date(e), d.sort_key(), i, d, e)
                for d in ix.decisions
                for i, e in enumerate(d.effects)
            ),
            key=lambda it: it[:3],
        )
        for t, day_items in groupby(items, key=lambda it: it[0]):
            active = [(d, i, e) for _, _, i, d, e in day_items if ix.in_force(d, t)]
            skip = self.same_day_claims(t, active)
            ended_today: list[tuple[str, Decision]] = []
            for d, i, e in active:
                if (d.ref, i) in skip:
                    continue
                ctx = {"decision": str(d.ref), "effect_index": i, "effect_type": type(e).__name__}
                try:
                    self.apply(e, d, t, ctx, ended_today)
                except DecisionError as err:
                    self.fail(err)
            self.check_orphans(t, ended_today)

    def same_day_claims(
        self, t: dt.date, active: list[tuple[Decision, int, Effect]]
    ) -> set[tuple[DecisionRef, int]]:
        claims: dict[tuple[str, str], tuple[object, Decision, int]] = {}
        skip: set[tuple[DecisionRef, int]] = set()
        for d, i, e in active:
            for key, value in _claims(e):
                prev = claims.get(key)
                if prev is None or prev[1].ref == d.ref:
                    claims[key] = (value, d, i)
                elif prev[0] == value:
                    if isinstance(e, Event):
                        skip.add((d.ref, i))
                else:
                    skip.add((d.ref, i))
                    self.fail(
                        ConflictError(
                            f"sets the {key[1]} of {key[0]!r} on {t} differently from "
                            f"{prev[1].ref} effect #{prev[2]}, and neither supersedes the other",
                            decision=str(d.ref),
                            effect_index=i,
                            effect_type=type(e).__name__,
                            org_id=key[0],
                            on=t,
                        )
                    )
        return skip

    def check_orphans(self, t: dt.date, ended: list[tuple[str, Decision]]) -> None:
        for org_id, d in ended:
            for child in sorted(self.kids.get(org_id, ())):
                if child in self.current:
                    self.fail(
                        NotAliveError(
                            f"ends {org_id!r} on {t} while its unit {child!r} is still alive "
                            "under it (move or dissolve the unit on the same day)",
                            decision=str(d.ref),
                            org_id=child,
                            on=t,
                        )
                    )

    def apply(
        self,
        e: Effect,
        d: Decision,
        t: dt.date,
        ctx: dict[str, Any],
        ended: list[tuple[str, Decision]],
    ) -> None:
        if isinstance(e, Establish):
            self.check_new_id(e.org, t, ctx)
            self.set_value(e.org, t, d)
        elif isinstance(e, Rename):
            cur = self.alive(e.org_id, t, ctx)
            short = cur.short_names if e.short_names is None else e.short_names
            new = attrs.evolve(cur, name=e.name, short_names=short)
            if new != cur:
                self.set_value(new, t, d)
        elif isinstance(e, Move):
            cur = self.alive(e.org_id, t, ctx)
            if e.parent is not None:
                self.alive(e.parent, t, ctx, "parent")
                p: str | None = e.parent
                while p is not None:
                    if p == e.org_id:
                        raise HierarchyCycleError(
                            f"moving {e.org_id!r} under {e.parent!r} makes it its own ancestor",
                            org_id=e.org_id,
                            on=t,
                            **ctx,
                        )
                    p = self.current[p].parent
            if cur.parent != e.parent:
                self.set_value(attrs.evolve(cur, parent=e.parent), t, d)
        elif isinstance(e, Dissolve):
            self.alive(e.org_id, t, ctx)
            self.end_org(e.org_id, t, d)
            ended.append((e.org_id, d))
        elif isinstance(e, Merge):
            self.apply_merge(e, d, t, ctx, ended)
        elif isinstance(e, Split):
            self.apply_split(e, d, t, ctx, ended)
        elif isinstance(e, TransferFunctions):
            self.alive(e.from_org, t, ctx)
            self.alive(e.to_org, t, ctx)
            have = self.mandate_now(e.from_org, t).items()
            if have:
                self.require_held(
                    e.from_org, have, e.mandate.items(), verb="transfers", t=t, ctx=ctx
                )
            self.add_mandate(e.from_org, (t, "delta", (Mandate.EMPTY, e.mandate), d))
            self.add_mandate(e.to_org, (t, "delta", (e.mandate, Mandate.EMPTY), d))
        elif isinstance(e, SetMandate):
            self.alive(e.org_id, t, ctx)
            self.add_mandate(e.org_id, (t, "set", e.mandate, d))
        elif isinstance(e, AmendMandate):
            self.alive(e.org_id, t, ctx)
            have = self.mandate_now(e.org_id, t).items()
            self.require_held(e.org_id, have, e.remove.items(), verb="removes", t=t, ctx=ctx)
            self.add_mandate(e.org_id, (t, "amend", (e.add, e.remove), d))
        elif isinstance(e, SetComposition):
            org = self.alive(e.org_id, t, ctx)
            if not isinstance(org, Committee):
                raise InvalidEffectError(
                    f"sets a composition for {e.org_id!r}, which is not a Committee",
                    org_id=e.org_id,
                    on=t,
                    **ctx,
                )
            for m in e.members:
                self.alive(m.post.org_id, t, ctx, f"organisation of post '{m.post.title}'")
            self.composition_items.setdefault(e.org_id, []).append((t, e.members, d))
        else:  # pragma: no cover - the effect set is closed and checked by Decision
            raise InvalidEffectError(f"unsupported effect {type(e).__name__}", **ctx)

    def apply_merge(
        self,
        e: Merge,
        d: Decision,
        t: dt.date,
        ctx: dict[str, Any],
        ended: list[tuple[str, Decision]],
    ) -> None:
        for s in e.sources:
            self.alive(s, t, ctx, "merge source")
        if e.establish is not None:
            self.check_new_id(e.establish, t, ctx)
        else:
            self.alive(e.into, t, ctx, "merge target")
        for ps in e.posts:
            if ps.old.org_id not in e.sources or ps.new.org_id != e.into:
                raise InvalidEffectError(
                    f"post succession {ps.old} → {ps.new} must go from a source to {e.into!r}",
                    **ctx,
                )
        if e.establish is not None:
            self.set_value(e.establish, t, d)
        for s in e.sources:
            rest = self.mandate_now(s, t)
            if not rest.is_empty:
                self.add_mandate(e.into, (t, "delta", (rest, Mandate.EMPTY), d))
            self.end_org(s, t, d)
            ended.append((s, d))
            self.ix.successions[s] = Succession(t, (e.into,), d, e.posts)

    def apply_split(
        self,
        e: Split,
        d: Decision,
        t: dt.date,
        ctx: dict[str, Any],
        ended: list[tuple[str, Decision]],
    ) -> None:
        self.alive(e.source, t, ctx, "split source")
        for part in e.parts:
            if part.establish is not None:
                self.check_new_id(part.establish, t, ctx)
            else:
                self.alive(part.org_id, t, ctx, "split part")
        owner: dict[tuple[str, ...], str] = {}
        for part in e.parts:
            for item in part.mandate.items():
                if item in owner:
                    raise InvalidEffectError(
                        f"{_show({item})} is given to both {owner[item]!r} and {part.org_id!r}",
                        org_id=e.source,
                        on=t,
                        **ctx,
                    )
                owner[item] = part.org_id
        have = self.mandate_now(e.source, t).items()
        if have:
            self.require_held(e.source, have, owner, verb="gives away", t=t, ctx=ctx)
            unassigned = have - set(owner)
            if e.dissolve_source and unassigned:
                raise InvalidEffectError(
                    f"does not say which part takes {_show(unassigned)}",
                    org_id=e.source,
                    on=t,
                    **ctx,
                )
        for part in e.parts:
            if part.establish is not None:
                self.set_value(part.establish, t, d)
            self.add_mandate(part.org_id, (t, "delta", (part.mandate, Mandate.EMPTY), d))
            if not e.dissolve_source:
                self.add_mandate(e.source, (t, "delta", (Mandate.EMPTY, part.mandate), d))
        if e.dissolve_source:
            self.end_org(e.source, t, d)
            ended.append((e.source, d))
            self.ix.successions[e.source] = Succession(
                t,
                tuple(p.org_id for p in e.parts),
                d,
                shares=tuple((p.org_id, p.mandate) for p in e.parts),
            )

    # ------------------------------------------------------------------ segments
    def cause_at(
        self, b: dt.date, starters: list[Decision], standing: list[Decision]
    ) -> Decision | None:
        if starters:
            return starters[-1]
        for d in standing:
            if self.ix.ends.get(d.ref) == b:
                return self.ix.ended_by.get(d.ref) or d
        return None

    def build_segments(self) -> None:
        ix = self.ix
        for org_id, m_items in self.mandate_items.items():
            standing = [d for _, kind, _, d in m_items if kind != "delta"]
            points = sorted({t for t, *_ in m_items} | _ends(ix, standing))
            seg: Segments[Mandate] = Segments(Mandate.EMPTY)
            for b in points:
                starters = [d for t, _, _, d in m_items if t == b]
                seg.append(
                    b, fold_mandate(m_items, b, ix.in_force), self.cause_at(b, starters, standing)
                )
            ix.mandates[org_id] = seg
        for org_id, c_items in self.composition_items.items():
            standing = [d for _, _, d in c_items]
            points = sorted({t for t, _, _ in c_items} | _ends(ix, standing))
            cseg: Segments[tuple[Membership, ...]] = Segments(())
            for b in points:
                value: tuple[Membership, ...] = ()
                for t, members, d in c_items:
                    if t <= b and ix.in_force(d, b):
                        value = members
                starters = [d for t, _, d in c_items if t == b]
                cseg.append(b, value, self.cause_at(b, starters, standing))
            ix.compositions[org_id] = cseg

    def build_name_index(self) -> None:
        for org_id, track in self.ix.tracks.items():
            for start, v in zip(track.starts, track.versions, strict=True):
                for name in v.value.names:
                    self.ix.name_index.append((org_id, frozenset(tokens(name)), start, v.valid_to))


def _ends(ix: Index, standing: list[Decision]) -> set[dt.date]:
    return {e for d in standing if (e := ix.ends.get(d.ref)) is not None}


def _claims(e: Effect) -> list[tuple[tuple[str, str], object]]:
    """The (organisation, attribute) pairs an effect sets, with the value it sets them to."""
    if isinstance(e, Establish):
        return [((e.org.id, "existence"), ("established", e.org))]
    if isinstance(e, Dissolve):
        return [((e.org_id, "existence"), ("dissolved",))]
    if isinstance(e, Rename):
        return [((e.org_id, "name"), (e.name, e.short_names))]
    if isinstance(e, Move):
        return [((e.org_id, "parent"), e.parent)]
    if isinstance(e, Merge):
        out: list[tuple[tuple[str, str], object]] = [
            ((s, "existence"), ("merged", e.into)) for s in e.sources
        ]
        if e.establish is not None:
            out.append(((e.into, "existence"), ("established", e.establish)))
        return out
    if isinstance(e, Split):
        out = [
            ((p.org_id, "existence"), ("established", p.establish))
            for p in e.parts
            if p.establish is not None
        ]
        if e.dissolve_source:
            out.append(((e.source, "existence"), ("split", e.parts)))
        return out
    if isinstance(e, SetMandate):
        return [((e.org_id, "mandate"), e.mandate)]
    if isinstance(e, SetComposition):
        return [((e.org_id, "composition"), e.members)]
    return []


def _show(items: Iterable[tuple[str, ...]]) -> str:
    return ", ".join(sorted(f"{i[0]} {' / '.join(repr(x) for x in i[1:])}" for i in items))


def build(
    decisions: Iterable[Decision],
    initial: Iterable[Org] = (),
    *,
    errors: list[DecisionError] | None = None,
    allow_dangling: bool = False,
) -> Index:
    """Validate *decisions* and build their index.

    Args:
        decisions: the decisions, in any order.
        initial: first states of organisations alive before any decision.
        errors: when a list is given, every :class:`DecisionError` is appended to it and the
            faulty effect skipped, instead of raising the first.
        allow_dangling: accept references to decisions outside the set (used for
            ``known_on`` views, whose full set was validated already).

    Returns:
        The index.

    Raises:
        DecisionError: the first fault, when *errors* is None.
    """
    return _Builder(errors, allow_dangling).run(decisions, initial)
