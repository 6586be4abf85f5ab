"""The built, read-only index of a timeline (private): the engine's read side.

:mod:`govmodel._engine.replay` fills one :class:`Index` from a set of decisions; afterwards
nothing changes it (an index built incrementally from another shares every structure the new
decisions did not touch, so neither may be mutated), except for the caches that are filled on
first use (folded segments, the name rows), which are published whole. Every point query is a
binary search over an organisation's change points: O(log k) for an organisation with k
changes, never a replay. :meth:`Index._check` asserts every invariant of this read side; the
randomized tests call it on every index they build.

Public entry points first map a decision or reference to the stored decision
(:meth:`Index.decision`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise
from operator import attrgetter
from typing import Any, TypeVar

from govmodel._engine.days import Day, packed
from govmodel._engine.days import items as day_items
from govmodel._engine.fold import composition_segments, mandate_segments
from govmodel._engine.keys import ByIdentity, key_of, ref_key
from govmodel._engine.mentions import compute as compute_mentions
from govmodel._engine.rules import day_order
from govmodel._engine.states import States
from govmodel._engine.track import (
    CompositionItem,
    MandateItem,
    Org,
    Segments,
    Succession,
    Track,
)
from govmodel.decisions import Decision, DecisionRef
from govmodel.errors import DecisionError
from govmodel.model import Mandate, Membership
from govmodel.persons import Appoint, EndAppointment
from govmodel.results import Edge, Holding, Version
from govmodel.unit_effects import EndLevel
from govmodel.vn.text import TokenSets

__all__ = ["Index", "NameRow"]

# (id, folded name tokens, valid_from, valid_to) for one name an organisation had
NameRow = tuple[str, frozenset[str], dt.date, dt.date | None]


#: How many dates' lists of the organisations alive (and of their ids) an index keeps.
ALIVE_KEPT = 64
_T = TypeVar("_T")

#: id(decision) -> the decision ending it, or the list of them (two or more), sorted: most
#: decisions are ended by one, and a list of one costs 64 bytes (14 MB at 200,000 decisions).
Enders = dict[int, "Decision | list[Decision]"]


def enders_of(enders: Enders, did: int) -> Sequence[Decision]:
    """The decisions ending the decision of id *did*, sorted."""
    x = enders.get(did)
    return () if x is None else x if type(x) is list else (x,)  # type: ignore[return-value]


class Index:
    """Everything the queries need, built once.

    Besides the query structures it keeps what :func:`govmodel._engine.incremental.extend`
    needs to add a decision without starting over: the effect schedule by day, who ends
    whom, the final live state and the raw mandate and composition provisions.
    """

    __slots__ = (
        "alive_kept",
        "by_key",
        "children_ever",
        "codes",
        "composition_items",
        "compositions",
        "day_list",
        "days",
        "decisions",
        "edges",
        "end_of",
        "ended_by",
        "enders",
        "filter_days",
        "full_asks",
        "gaps",
        "has_codes",
        "holdings",
        "ids_kept",
        "in_edges",
        "kids",
        "known_ids",
        "live",
        "mandate_items",
        "mandates",
        "mentions",
        "name_groups",
        "name_postings",
        "name_words",
        "names",
        "places",
        "rebuild_days",
        "reorder",
        "states",
        "strict",
        "successions",
        "tracks",
    )

    def __init__(self) -> None:
        self.decisions: tuple[Decision, ...] = ()  # sorted by Decision.sort_key
        self.by_key = ByIdentity()
        # id(decision) -> first day not in force, for the decisions that end (open: absent)
        self.end_of: dict[int, dt.date] = {}
        self.ended_by: dict[int, Decision] = {}  # id(decision) -> its ender, for those ended early
        # id(decision) -> the one ending it, or a list of those, sorted (see enders_of)
        self.enders: Enders = {}
        self.days: dict[dt.date, Day] = {}  # effects by effective date, in order (see days)
        self.day_list: list[dt.date] = []  # sorted keys of days
        self.tracks: dict[str, Track] = {}
        self.children_ever: dict[str, tuple[str, ...]] = {}  # parent -> every child it had
        # piecewise values folded from the raw provisions on first use (see mandate_segments)
        self.mandates: dict[str, Segments[Mandate]] = {}
        self.compositions: dict[str, Segments[tuple[Membership, ...]]] = {}
        self.mandate_items: dict[str, list[MandateItem]] = {}
        self.composition_items: dict[str, list[CompositionItem]] = {}
        self.successions: dict[str, Succession] = {}
        self.edges: dict[str, list[Edge]] = {}  # lineage: source id -> edges leaving it
        self.in_edges: dict[str, tuple[Edge, ...]] | None = None  # built on first use
        self.has_codes = False  # some value carries an official code
        self.holdings: dict[Any, tuple[Holding, ...]] = {}  # post -> its appointments
        self.places: Any = None  # the place-name index (govmodel._engine.places), on first use
        # official codes: (scheme, value) -> holdings (see govmodel._engine.codes)
        self.codes: dict[tuple[str, str], list[tuple[dt.date, dt.date | None, str]]] | None = None
        self.live: dict[str, Org] = {}  # organisations alive after the last change
        self.kids: dict[str, set[str]] = {}  # parent -> children alive after the last change
        self.known_ids: frozenset[str] = frozenset()  # every id any decision establishes
        self.gaps: tuple[DecisionError, ...] = ()  # effects skipped in a known_on view
        self.strict = True  # built with no skipped faults (so extend() may start from it)
        # days whose effects, in decision order, break a same-day dependency (law 5): only
        # these are put in dependency order when replayed (a subset of a day in good order
        # is in good order too)
        self.reorder: set[dt.date] = set()
        # days holding an effect that touches bodies no effect names (a whole level ends) or
        # whose records are rebuilt whole (appointments): adding a decision dated on or
        # before one of them is a full build
        self.rebuild_days: set[dt.date] = set()
        # days holding an effect of a decision no longer in force that day (its effects are
        # filtered out when the day is replayed); None: unknown, filter every day
        self.filter_days: set[dt.date] | None = None
        # organisation id -> its name rows (govmodel._engine.names), made on first use
        self.names: dict[str, tuple[NameRow, ...]] = {}
        # organisation id -> the days an effect writes it (govmodel._engine.mentions), built
        # on the first incremental build from this index
        self.mentions: dict[str, list[dt.date]] | None = None
        # every version alive on any day (govmodel._engine.states), from the second full
        # snapshot on; full_asks counts the full snapshots asked before
        self.states: States | None = None
        self.full_asks = 0
        # the organisations alive on each of the last dates asked, and their ids (see
        # alive_on): kept here, not by each snapshot, so that the snapshots a timeline keeps
        # hold no list
        self.alive_kept: dict[dt.date, tuple[Org, ...]] = {}
        self.ids_kept: dict[dt.date, tuple[str, ...]] = {}
        # word -> the distinct word sets of names holding it, and word set -> the ids of the
        # organisations that ever held a name of those words (built on first find()); the
        # word sets of the names' texts, folded once
        self.name_postings: dict[str, list[frozenset[str]]] | None = None
        self.name_groups: dict[frozenset[str], list[str]] | None = None
        self.name_words = TokenSets()

    # ------------------------------------------------------------------ decisions
    def decision(self, ref: DecisionRef | Decision) -> Decision | None:
        """The stored decision with the identity of *ref*, or None."""
        key = key_of(ref) if isinstance(ref, Decision) else ref_key(ref)
        return self.by_key.get(key)

    def end(self, d: Decision) -> dt.date | None:
        """The first day stored decision *d* is no longer in force (None: still is)."""
        return self.end_of.get(id(d))

    def in_force(self, d: Decision, day: dt.date) -> bool:
        """``effective_on ≤ day < end`` (law 2), for a decision stored in this index."""
        if day < d.effective_on:
            return False
        end = self.end_of.get(id(d))
        return end is None or day < end

    def decisions_in_force(self, day: dt.date) -> tuple[Decision, ...]:
        end_of = self.end_of
        return tuple(
            d
            for d in self.decisions
            if d.effective_on <= day and ((e := end_of.get(id(d))) is None or day < e)
        )

    # ------------------------------------------------------------------ organisations
    def version(self, org_id: str, day: dt.date) -> Version | None:
        """The version of *org_id* holding on *day*, or None. O(log k) for k versions."""
        track = self.tracks.get(org_id)
        if track is None:
            return None
        i = bisect_right(track.starts, day) - 1  # Track.at, inlined: the hottest path
        if i < 0:
            return None
        v = track.versions[i]
        to = v.valid_to
        return v if to is None or day < to else None

    def value(self, org_id: str, day: dt.date) -> Org | None:
        """The value of *org_id* on *day*, or None; makes no version. O(log k)."""
        track = self.tracks.get(org_id)
        return None if track is None else track.value_at(day)

    def alive(self, day: dt.date) -> list[Org]:
        """The values holding on *day*, in no order (one binary search per track)."""
        return [v for track in self.tracks.values() if (v := track.value_at(day)) is not None]

    def alive_sorted(self, day: dt.date) -> tuple[Org, ...]:
        """The organisations alive on *day* (their values then), sorted by id.

        The first time, one binary search per track; from the second time on, from
        :class:`~govmodel._engine.states.States` (built then, kept).
        """
        states = self.states
        if states is None:
            self.full_asks += 1
            if self.full_asks < 2:
                return tuple(sorted(self.alive(day), key=_ID))
            states = self.states = States(self.tracks)  # published whole
        return states.on(day)

    def alive_on(self, day: dt.date) -> tuple[Org, ...]:
        """:meth:`alive_sorted`, kept for the last :data:`ALIVE_KEPT` dates asked."""
        alive = self.alive_kept.get(day)
        return _keep(self.alive_kept, day, self.alive_sorted(day)) if alive is None else alive

    def ids_on(self, day: dt.date) -> tuple[str, ...]:
        """The ids of :meth:`alive_on`, kept alike."""
        ids = self.ids_kept.get(day)
        if ids is None:
            ids = _keep(self.ids_kept, day, tuple([o.id for o in self.alive_on(day)]))
        return ids

    def mandate_segments(self, org_id: str) -> Segments[Mandate] | None:
        """The mandate of *org_id* over time (folded on first use), or None if it never had one.

        Runtime complexity: O(k) mandate operations the first time, for k provisions.
        """
        seg = self.mandates.get(org_id)
        if seg is None:
            items = self.mandate_items.get(org_id)
            if not items:
                return None
            seg = self.mandates[org_id] = mandate_segments(items, self)
        return seg

    def composition_segments(self, org_id: str) -> Segments[tuple[Membership, ...]] | None:
        """The memberships of committee *org_id* over time (on first use), or None."""
        seg = self.compositions.get(org_id)
        if seg is None:
            items = self.composition_items.get(org_id)
            if not items:
                return None
            seg = self.compositions[org_id] = composition_segments(items, self)
        return seg

    def mandate(self, org_id: str, day: dt.date) -> tuple[Mandate, Decision | None]:
        seg = self.mandate_segments(org_id)
        return (Mandate.EMPTY, None) if seg is None else seg.at(day)

    def composition(
        self, org_id: str, day: dt.date
    ) -> tuple[tuple[Membership, ...], Decision | None]:
        seg = self.composition_segments(org_id)
        return ((), None) if seg is None else seg.at(day)

    def composition_decision(self, org_id: str, day: dt.date) -> Decision | None:
        """The decision whose composition of *org_id* holds on *day* (law 4: the last
        composition taking effect by *day* whose decision is in force on it), or None."""
        items = self.composition_items.get(org_id, ())
        for t, _, d in reversed(items):
            if t <= day and self.in_force(d, day):
                return d
        return None

    # ------------------------------------------------------------------ invariants
    def _check(self) -> None:
        """Assert every invariant of the read side (for tests; raises AssertionError).

        Decisions are sorted and keyed by identity; every decision has an end and each early
        end names one of its enders; the schedule files each effect on its date; each track's
        versions are contiguous and end where the track ends; the live state, the child sets
        and the ever-children agree with the tracks; successions belong to ended bodies; and
        mandate and composition provisions are in date order.
        """
        ds = self.decisions
        keys = [d.sort_key() for d in ds]
        assert keys == sorted(keys), "decisions out of order"
        assert len(self.by_key) == len(ds), "by_key and decisions differ in size"
        for d in ds:
            assert self.by_key.get(key_of(d)) is d, f"{d.ref} not keyed by its identity"
            by, end = self.ended_by.get(id(d)), self.end_of.get(id(d))
            if by is not None:
                assert any(x is by for x in enders_of(self.enders, id(d))), f"{d.ref}: stray ender"
                assert end == by.effective_on, f"{d.ref}: end is not its ender's"
            else:  # not ended early: in force until it expires (None: open, not recorded)
                assert end == d.expires_on, f"{d.ref}: end is not its expiry"
            enders = enders_of(self.enders, id(d))
            assert not isinstance(self.enders.get(id(d)), list) or len(enders) > 1, "a list of one"
            ek = [x.sort_key() for x in enders]
            assert ek == sorted(ek), f"{d.ref}: enders out of order"
        assert self.day_list == sorted(self.days), "day list is not the schedule's days"
        for t, stored in self.days.items():
            items = day_items(stored)
            assert stored is items or packed(items) == stored, f"{t}: packed wrong"
            assert stored is not items or packed(items) is items, f"{t}: not packed"
            ordered = day_order(items) is items
            assert ordered == (t not in self.reorder), f"{t}: reorder flag is wrong"
            special = any(type(e) in {EndLevel, Appoint, EndAppointment} for _, _, e in items)
            assert special == (t in self.rebuild_days), f"{t}: rebuild flag is wrong"
        if self.mentions is not None:
            assert self.mentions == compute_mentions(self), "mentions differ from the schedule"
        if self.states is not None:
            every = max(1, len(self.day_list) // 16)  # 16 days, evenly spread, and the last
            for day in [*self.day_list[::every], *self.day_list[-1:]]:
                walked = [id(v) for v in sorted(self.alive(day), key=_ID)]
                kept = list(map(id, self.states.on(day)))
                assert kept == walked, f"{day}: kept states differ"
        held = {id(d) for d in ds}
        assert self.end_of.keys() <= held, "an end of a decision not held"
        assert None not in self.end_of.values(), "an open decision's end recorded"
        for t, stored in self.days.items():
            items = day_items(stored)
            assert items, f"empty day {t}"
            for d, i, e in items:
                assert id(d) in held, f"{t}: an item of a decision not held"
                assert d.effects[i] is e, f"{t}: an item not at its position"
                assert d.effect_date(e) == t, f"{d.ref} effect #{i} filed on the wrong day"
                end = self.end_of.get(id(d))
                assert self.filter_days is None or end is None or t < end or (
                    t in self.filter_days
                ), f"{t}: an effect out of force on a day not filtered"
        live: dict[str, Org] = {}
        for org_id, track in self.tracks.items():
            vs = track.versions
            assert vs, f"{org_id}: a track with no version"
            assert len(vs) == len(track.starts), f"{org_id}: versions and starts differ"
            assert list(track.values) == [v.value for v in vs], f"{org_id}: values differ"
            assert not isinstance(track.starts, list), f"{org_id}: starts kept as a list"
            assert track.pending is None, f"{org_id}: lists kept once its versions are made"
            assert not isinstance(track.causes, list), f"{org_id}: a track not finished"
            assert all(a < b for a, b in pairwise(track.starts)), f"{org_id}: starts unsorted"
            for a, b in pairwise(vs):
                assert a.valid_to == b.valid_from, f"{org_id}: versions not contiguous"
            assert vs[-1].valid_to == track.end, f"{org_id}: last version outlives its end"
            assert (track.end is None) == (track.end_by is None), f"{org_id}: end without ender"
            assert all(v.value.id == org_id for v in vs), f"{org_id}: version of another id"
            assert vs[0].set_by("established")[0], f"{org_id}: first version not established"
            if track.end is None:
                live[org_id] = vs[-1].value
            for v in vs:
                p = v.value.parent
                if p is not None:
                    assert org_id in self.children_ever.get(p, ()), f"{org_id} not under {p}"
        assert self.live == live, "live state differs from the tracks' open versions"
        for p, ever in self.children_ever.items():
            assert list(ever) == sorted(set(ever)), f"{p}: children kept unsorted or twice"
            for k in ever:
                assert any(v.value.parent == p for v in self.tracks[k].versions), f"{k}∉{p}"
        for p, kids in self.kids.items():
            for k in kids:
                assert k in live, f"{k} is a child of {p} but not alive"
                assert live[k].parent == p, f"{k} is no child of {p}"
        for org_id, org in live.items():
            if org.parent is not None:
                assert org_id in self.kids.get(org.parent, ()), f"{org_id} missing from kids"
        assert set(self.tracks) <= self.known_ids, "a track whose id no decision creates"
        for org_id, succ in self.successions.items():
            track = self.tracks[org_id]
            assert track.end == succ.on, f"{org_id}: succession on another day than its end"
        provisions: list[list[Any]] = [*self.mandate_items.values()]
        provisions += self.composition_items.values()
        for lst in provisions:
            dates = [it[0] for it in lst]
            assert dates == sorted(dates), "provisions out of date order"


_ID = attrgetter("id")


def _keep(kept: dict[dt.date, _T], day: dt.date, value: _T) -> _T:
    """Keep *value* for *day* in *kept*, which holds the last :data:`ALIVE_KEPT` dates."""
    if len(kept) >= ALIVE_KEPT:
        del kept[next(iter(kept))]  # the date asked longest ago goes
    kept[day] = value
    return value
