"""The day-by-day replay (law 3), private: effects change organisations' versions.

One :class:`Replay` runs the days of a build in order. Each day it keeps the effects whose
decision is in force on that day (law 3), puts them in dependency order and settles same-day
claims (:mod:`~govmodel._engine.rules`, law 5), applies each (events change versions;
standing provisions and transfers are recorded per organisation, folded later by
:mod:`~govmodel._engine.fold`), and at the end of the day checks that no ended body leaves a
live unit behind.

Its state is a set of :class:`~govmodel._engine.state.CowMap`\\ s: empty for a full build,
over an older index for an incremental one (which the replay never changes).

With an error list (``validate``), a failing effect is skipped and the replay goes on; a
problem that follows only from an earlier one (it names an organisation the failed effect
would have made, changed or ended) is counted under that root, not listed (law 11).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from govmodel._engine import holders, merges, rules, units
from govmodel._engine.days import items as day_items
from govmodel._engine.fold import fold_mandate
from govmodel._engine.index import Index
from govmodel._engine.mentions import writes
from govmodel._engine.state import CowMap
from govmodel._engine.track import (
    BEGINNING,
    ESTABLISHED,
    CompositionItem,
    Item,
    MandateItem,
    Org,
    Succession,
    Track,
)
from govmodel._engine.values import MOVERS, RENAMERS
from govmodel.decisions import Decision
from govmodel.effects import (
    AmendMandate,
    Dissolve,
    Establish,
    Merge,
    Move,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    TransferFunctions,
)
from govmodel.errors import (
    DecisionError,
    HierarchyCycleError,
    InvalidEffectError,
    NotAliveError,
)
from govmodel.model import AdminUnit, Committee, Mandate
from govmodel.persons import Appoint, EndAppointment
from govmodel.results import Edge
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea

__all__ = ["Replay"]

_RENAMED = ("name", "short_names")
_NAME = ("name",)
_SHORT = ("short_names",)
_MOVED = ("parent",)


def _copy_set(s: set[str]) -> set[str]:
    return set(s)


def _copy_list(lst: list[Any]) -> list[Any]:
    return list(lst)


class Replay:
    """The mutable state of one build, and the application of each effect."""

    def __init__(
        self,
        ix: Index,
        errors: list[DecisionError] | None,
        *,
        base: Index | None = None,
    ) -> None:
        self.ix = ix
        self.errors = errors
        self.tracks: CowMap[str, Track] = CowMap(
            None if base is None else base.tracks, Track.reopen
        )
        self.kids: CowMap[str, set[str]] = CowMap(None if base is None else base.kids, _copy_set)
        self.mandate_items: CowMap[str, list[MandateItem]] = CowMap(
            None if base is None else base.mandate_items, _copy_list
        )
        self.composition_items: CowMap[str, list[CompositionItem]] = CowMap(
            None if base is None else base.composition_items, _copy_list
        )
        self.successions: dict[str, Succession] = {} if base is None else dict(base.successions)
        # lineage: organisation id -> the edges leaving it, in date order
        self.edges: CowMap[str, list[Edge]] = CowMap(
            None if base is None else base.edges, _copy_list
        )
        self.current: dict[str, Org] = {} if base is None else dict(base.live)
        self.known_ids: frozenset[str] | set[str] = set()
        self.dirty: set[str] = set()  # organisations whose provisions changed (incremental)
        # law 11: organisation id -> the root problem that left it other than the data says
        self.tainted: dict[str, DecisionError] = {}
        # what merged today (source -> (into, decision, effect index)), for repeated merges
        self.merged: dict[str, tuple[str, Decision, int]] = {}
        # post -> its appointments while the replay runs (see govmodel._engine.holders)
        self.appointments: dict[Any, list[Any]] = {}
        # an incremental replay starts after every appointment (else it is a full build)
        self.base_holdings: dict[Any, Any] = {} if base is None else base.holdings
        # day -> (its effects, the same in dependency order), when the schedule sorted them
        self.orders: dict[dt.date, tuple[list[Item], list[Item]]] = {}
        # whether any value carries an official code (only then are codes checked)
        self.has_codes = base is not None and base.has_codes

    # ------------------------------------------------------------------ problems
    def fail(
        self, err: DecisionError, where: Item | None = None, ids: tuple[str, ...] = ()
    ) -> None:
        """Raise *err*, or (validating) record it as a root or as a follow-on of one."""
        errors = self.errors
        if errors is None:
            raise err
        tainted = self.tainted
        named = (*ids, *(where[2].org_ids() if where is not None else ()))
        if err.org_id is not None:
            named = (err.org_id, *named)
        root = next((tainted[x] for x in named if x in tainted), None)
        if root is None:
            errors.append(err)
            root = err
        else:
            root.follow_ons.append(err)
        if where is not None:
            e = where[2]
            for x in writes(e):  # what it would have made, changed or ended
                tainted.setdefault(x, root)

    # ------------------------------------------------------------------ seeding
    def seed(self, initial: tuple[Org, ...]) -> None:
        """Start a full build from the first states (distinct ids: canonical_initial)."""
        tracks, current = self.tracks, self.current
        assert tracks.owned is None, "only a full build is seeded"
        assert not tracks.data, "seeded once, first"
        # what set_value does for each, inlined: every track is new, nothing is replaced
        data, kids, begun = tracks.data, self.kids.data, Track.begun
        for org in initial:
            oid, p = org.id, org.parent
            data[oid] = begun(BEGINNING, org, None, ESTABLISHED)
            if p is not None:
                s = kids.get(p)
                if s is None:
                    kids[p] = {oid}
                else:
                    s.add(oid)
            current[oid] = org
        if len(data) != len(initial):  # pragma: no cover - canonical_initial's promise
            raise AssertionError("first states with one id twice reached the replay")
        if any(org.identifiers for org in initial):
            self.has_codes = True

    # ------------------------------------------------------------------ state changes
    def track_of(self, org_id: str) -> Track | None:
        return self.tracks.data.get(org_id)

    def kid_set(self, parent: str) -> set[str]:
        s = self.kids.own(parent)
        if s is None:
            s = set()
            self.kids.put(parent, s)
        return s

    def kids_discard(self, parent: str, org_id: str) -> None:
        kids = self.kids
        s = kids.data.get(parent)
        if s is not None and org_id in s:  # a full build owns every set: changed in place
            (s if kids.owned is None else self.kid_set(parent)).discard(org_id)

    def set_value(
        self, org: Org, t: dt.date, d: Decision | None, changed: tuple[str, ...]
    ) -> None:
        oid = org.id
        tracks = self.tracks
        track = tracks.data.get(oid)
        if track is None:
            tracks.put(oid, Track.begun(t, org, d, changed))
        else:
            if tracks.owned is not None and oid not in tracks.owned:
                track = tracks.own(oid)
                assert track is not None
            starts = track.starts
            if starts and starts[-1] == t:
                track.record(t, org, d, changed)
            else:  # the common case, inlined: a new version
                starts.append(t)
                track.values.append(org)
                track.causes.append(d)
                track.changes.append(changed)
                track.attribs.append(())
        old = self.current.get(oid)
        old_parent = None if old is None else old.parent
        if old is None or old_parent != org.parent:
            if old_parent is not None:
                self.kids_discard(old_parent, oid)
            if org.parent is not None:
                self.kid_set(org.parent).add(oid)
        self.current[oid] = org
        if org.identifiers:
            self.has_codes = True

    def end_org(self, org_id: str, t: dt.date, d: Decision) -> None:
        track = self.tracks.own(org_id)
        assert track is not None
        starts = track.starts
        if len(starts) > 1 and starts[-1] == t:
            # changed and ended on the same day: the change never held for a whole day, so
            # it leaves no (empty) version behind
            track.drop_last()
        track.end, track.end_by = t, d
        p = self.current.pop(org_id).parent
        if p is not None:
            self.kids_discard(p, org_id)

    def add_mandate(self, org_id: str, item: MandateItem) -> None:
        lst = self.mandate_items.own(org_id)
        if lst is None:
            self.mandate_items.put(org_id, [item])
        else:
            lst.append(item)

    def add_composition(self, org_id: str, item: CompositionItem) -> None:
        lst = self.composition_items.own(org_id)
        if lst is None:
            self.composition_items.put(org_id, [item])
        else:
            lst.append(item)

    def add_edge(self, edge: Edge) -> None:
        lst = self.edges.own(edge.source)
        if lst is None:
            self.edges.put(edge.source, [edge])
        else:
            lst.append(edge)

    def mandate_now(self, org_id: str, t: dt.date) -> Mandate:
        return fold_mandate(self.mandate_items.data.get(org_id, ()), t, self.ix.in_force)

    # ------------------------------------------------------------------ checks
    def alive(self, org_id: str, t: dt.date, where: Item, what: str = "organisation") -> Org:
        org = self.current.get(org_id)
        if org is not None:
            return org
        return rules.alive(self.current, self.track_of, self.known_ids, org_id, t, where, what)

    def check_new(self, org: Org, t: dt.date, where: Item) -> None:
        rules.check_new_id(self.tracks.data.get(org.id), org, t, where)
        if org.parent is not None:
            parent = self.alive(org.parent, t, where, "parent")
            if isinstance(org, AdminUnit):  # only a unit's parent is constrained
                rules.check_unit_parent(org, parent, t, where)

    # ------------------------------------------------------------------ the days
    def replay(self, start: int) -> None:
        ix = self.ix
        days, end_of, dispatch, reorder = ix.days, ix.end_of, _DISPATCH, ix.reorder
        orders = self.orders
        filter_days = ix.filter_days
        for t in ix.day_list[start:]:
            active = day_items(days[t])  # a full build's days: their very lists (see orders)
            if filter_days is None or t in filter_days:
                # in force on t (an item is never dated before its decision takes effect)
                active = [it for it in active if (end := end_of.get(id(it[0]))) is None or t < end]
                if not active:
                    continue
            several = active[0][0] is not active[-1][0]  # in decision order: ≥ 2 decisions
            if t in reorder:
                memo = orders.get(t)
                active = memo[1] if memo is not None and memo[0] is active else (
                    rules.day_order(active)
                )
            skip = None
            if several:
                skip = rules.same_day_claims(t, active, self.current, self.fail)
            ended: list[tuple[str, Decision]] = []
            for it in active:
                d, i, e = it
                if skip and (id(d), i) in skip:
                    continue
                try:
                    dispatch[type(e)](self, e, d, t, it, ended)
                except DecisionError as err:
                    self.fail(err, it)
            if self.merged:
                self.merged.clear()
            if ended:
                self.check_orphans(t, ended)

    def check_orphans(self, t: dt.date, ended: list[tuple[str, Decision]]) -> None:
        kids, current = self.kids.data, self.current
        for org_id, d in ended:
            under = kids.get(org_id)
            if not under:  # the common case: a body with no unit under it
                continue
            for child in sorted(under):
                if child in current:
                    self.fail(
                        NotAliveError(
                            f"ends {org_id!r} on {t} while its unit {child!r} is still alive "
                            "under it (move or dissolve the unit on the same day)",
                            decision=str(d.ref),
                            org_id=child,
                            on=t,
                        ),
                        ids=(org_id,),
                    )

    # ------------------------------------------------------------------ effects
    def apply_establish(
        self, e: Establish, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.check_new(e.org, t, where)
        self.set_value(e.org, t, d, ESTABLISHED)

    def apply_rename(
        self, e: Rename, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        cur = self.current.get(e.org_id) or self.alive(e.org_id, t, where)
        short = cur.short_names if e.short_names is None else e.short_names
        if cur.name != e.name:
            changed = _RENAMED if cur.short_names != short else _NAME
        elif cur.short_names != short:
            changed = _SHORT
        else:
            return
        self.set_value(RENAMERS[type(cur)](cur, e.name, short), t, d, changed)

    def apply_move(self, e: Move, d: Decision, t: dt.date, where: Item, ended: list[Any]) -> None:
        current = self.current
        cur = current.get(e.org_id) or self.alive(e.org_id, t, where)
        if e.parent is not None:
            parent = current.get(e.parent) or self.alive(e.parent, t, where, "parent")
            if isinstance(cur, AdminUnit):  # only a unit's parent is constrained
                rules.check_unit_parent(cur, parent, t, where)
            self.check_no_cycle(e, t, where)
        if cur.parent != e.parent:
            self.set_value(MOVERS[type(cur)](cur, e.parent), t, d, _MOVED)

    def check_no_cycle(self, e: Move, t: dt.date, where: Item) -> None:
        """Moving ``e.org_id`` under ``e.parent`` must not make it its own ancestor."""
        p: str | None = e.parent
        while p is not None:
            if p == e.org_id:
                raise HierarchyCycleError(
                    f"moving {e.org_id!r} under {e.parent!r} makes it its own ancestor",
                    org_id=e.org_id,
                    on=t,
                    **rules.ctx(where),
                )
            # an ancestor may have ended already when validate() goes on after an
            # orphan error: the chain stops there (an ended body cannot be moved)
            above = self.current.get(p)
            p = above.parent if above is not None else None

    def apply_dissolve(
        self, e: Dissolve, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.alive(e.org_id, t, where)
        self.end_org(e.org_id, t, d)
        ended.append((e.org_id, d))
        self.add_edge(Edge(e.org_id, None, "dissolved", t, d))

    def apply_transfer(
        self, e: TransferFunctions, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.alive(e.from_org, t, where)
        self.alive(e.to_org, t, where)
        have = self.mandate_now(e.from_org, t).items()
        if have:
            rules.require_held(
                e.from_org, have, e.mandate.items(), verb="transfers", t=t, where=where
            )
        self.add_mandate(e.from_org, (t, "delta", (Mandate.EMPTY, e.mandate), d))
        self.add_mandate(e.to_org, (t, "delta", (e.mandate, Mandate.EMPTY), d))
        self.add_edge(Edge(e.from_org, e.to_org, "functions-transferred", t, d))

    def apply_set_mandate(
        self, e: SetMandate, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        if e.org_id not in self.current:
            self.alive(e.org_id, t, where)
        self.add_mandate(e.org_id, (t, "set", e.mandate, d))

    def apply_amend(
        self, e: AmendMandate, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        if e.org_id not in self.current:
            self.alive(e.org_id, t, where)
        if not e.remove.is_empty:  # removing nothing needs no check
            have = self.mandate_now(e.org_id, t).items()
            rules.require_held(e.org_id, have, e.remove.items(), verb="removes", t=t, where=where)
        self.add_mandate(e.org_id, (t, "amend", e, d))  # the effect holds (add, remove)

    def apply_composition(
        self, e: SetComposition, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        org = self.current.get(e.org_id) or self.alive(e.org_id, t, where)
        if not isinstance(org, Committee):
            raise InvalidEffectError(
                f"sets a composition for {e.org_id!r}, which is not a Committee",
                org_id=e.org_id,
                on=t,
                **rules.ctx(where),
            )
        current = self.current
        for m in e.members:
            if m.post.org_id not in current:
                self.alive(m.post.org_id, t, where, f"organisation of post '{m.post.title}'")
        self.add_composition(e.org_id, (t, e.members, d))


#: How each effect class is applied.
_DISPATCH: dict[type, Callable[..., None]] = {
    Establish: Replay.apply_establish,
    Rename: Replay.apply_rename,
    Move: Replay.apply_move,
    Dissolve: Replay.apply_dissolve,
    Merge: merges.apply_merge,
    Split: merges.apply_split,
    TransferFunctions: Replay.apply_transfer,
    SetMandate: Replay.apply_set_mandate,
    AmendMandate: Replay.apply_amend,
    SetComposition: Replay.apply_composition,
    TransferArea: units.apply_transfer_area,
    Reclassify: units.apply_reclassify,
    EndLevel: units.apply_end_level,
    Appoint: holders.apply_appoint,
    EndAppointment: holders.apply_end_appointment,
}
