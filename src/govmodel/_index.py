"""The built, read-only index of a timeline (private).

:mod:`govmodel._build` fills one :class:`Index` from a set of decisions; afterwards nothing
changes it (an :class:`Index` built incrementally from another shares every structure the new
decision did not touch, so neither may be mutated). Every point query is a binary search over
an organisation's change points: O(log k) for an organisation with k changes, never a replay.

Decisions are keyed internally by ``id()``: the index holds every decision it refers to, so
ids are stable, and ``id`` hashing costs nothing where a :class:`~govmodel.DecisionRef` would
be built and hashed for every lookup. Public entry points first map a decision or reference to
the stored decision (:meth:`Index.decision`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from typing import Any, Generic, TypeVar

import attrs

from govmodel.decisions import Decision, DecisionRef, Effect, PostSuccession
from govmodel.errors import DecisionError
from govmodel.model import Agency, Committee, Mandate, Membership, TaskGroup, Unit
from govmodel.results import Version
from govmodel.vn.docnum import DocumentNumber
from govmodel.vn.text import tokens

Org = Agency | Unit | Committee
V = TypeVar("V")
A = TypeVar("A")
InForce = Callable[[Decision, dt.date], bool]
#: A decision's identity as a plain tuple ``(issuer, number, year)`` (cheaper than a ref).
Key = tuple[str, DocumentNumber, int]
#: One scheduled effect: (decision, position in it, effect).
Item = tuple[Decision, int, Effect]
# A mandate item: (date, kind, payload, decision). kind: "set" | "amend" | "delta".
MandateItem = tuple[dt.date, str, Any, Decision]
CompositionItem = tuple[dt.date, tuple[Membership, ...], Decision]
# (id, folded name tokens, valid_from, valid_to) for one name an organisation had
NameRow = tuple[str, frozenset[str], dt.date, dt.date | None]

#: Stands for "before any record" in sorted date lists.
BEGINNING = dt.date.min


def key_of(d: Decision) -> Key:
    """The identity of *d* as a tuple (equal iff the :class:`DecisionRef`\\ s are equal)."""
    return (d.issuer, d.number, d.year)


def ref_key(r: DecisionRef) -> Key:
    """The identity of reference *r* as a tuple."""
    return (r.issuer, r.number, r.year)


class Track:
    """The versions of one organisation: contiguous, from establishment to dissolution.

    While a build runs, changes go to ``values`` / ``causes`` (parallel to ``starts``);
    :meth:`finish` turns them into the immutable ``versions``.
    """

    __slots__ = ("causes", "end", "end_by", "starts", "values", "versions")

    def __init__(self) -> None:
        self.starts: list[dt.date] = []
        self.versions: tuple[Version, ...] = ()
        self.end: dt.date | None = None  # dissolution (or merge/split) date
        self.end_by: Decision | None = None
        self.values: list[Org] = []
        self.causes: list[Decision | None] = []

    def at(self, day: dt.date) -> Version | None:
        """The version holding on *day*, or None (not yet established, or dissolved)."""
        i = bisect_right(self.starts, day) - 1
        if i < 0:
            return None
        v = self.versions[i]
        to = v.valid_to
        return v if to is None or day < to else None

    @property
    def born(self) -> dt.date:
        return self.starts[0]

    def finish(self) -> None:
        """Build ``versions`` from the scratch lists (each ends where the next starts)."""
        starts, values, causes = self.starts, self.values, self.causes
        n = len(starts)
        ends = [*starts[1:], self.end]
        self.versions = tuple(
            Version(None if starts[i] == BEGINNING else starts[i], ends[i], values[i], causes[i])
            for i in range(n)
        )
        self.values, self.causes = [], []

    def reopen(self, before: dt.date | None = None) -> Track:
        """A mutable copy holding only the versions that start before *before* (all: None).

        An end on or after *before* is dropped: the copy is the track as it stood on the eve
        of *before*. The original is not changed.
        """
        k = len(self.starts)
        if before is not None:
            while k and self.starts[k - 1] >= before:
                k -= 1
        t = Track()
        t.starts = self.starts[:k]
        kept = self.versions[:k]
        t.values = [v.value for v in kept]
        t.causes = [v.decision for v in kept]
        if self.end is not None and (before is None or self.end < before):
            t.end, t.end_by = self.end, self.end_by
        return t


class Segments(Generic[V]):
    """A piecewise-constant value over time: ``values[i]`` holds from ``starts[i]``."""

    __slots__ = ("causes", "empty", "starts", "values")

    def __init__(self, empty: V) -> None:
        self.starts: list[dt.date] = []
        self.values: list[V] = []
        self.causes: list[Decision | None] = []
        self.empty = empty

    def append(self, start: dt.date, value: V, cause: Decision | None) -> None:
        if self.values and self.values[-1] == value:
            return
        if self.starts and self.starts[-1] == start:
            self.values[-1], self.causes[-1] = value, cause
            return
        self.starts.append(start)
        self.values.append(value)
        self.causes.append(cause)

    def at(self, day: dt.date) -> tuple[V, Decision | None]:
        i = bisect_right(self.starts, day) - 1
        if i < 0:
            return self.empty, None
        return self.values[i], self.causes[i]


@attrs.frozen(slots=True)
class Succession:
    """An organisation ended by a merge or split, and what followed it."""

    on: dt.date
    into: tuple[str, ...]
    decision: Decision
    posts: tuple[PostSuccession, ...] = ()
    shares: tuple[tuple[str, Mandate], ...] = ()  # split: (part id, mandate it took)


# --------------------------------------------------------------------------- fast values
# The replay makes many values from parts that are already converted and checked (a Rename's
# name is NFC text, a mandate's entries are deduplicated). Building them through the attrs
# converters again costs more than the rest of the replay, so these helpers set the fields
# directly. Each gives a value equal to the public operation's (tests/test_incremental.py).

_EVOLVERS: dict[tuple[type, tuple[str, ...]], Callable[..., Any]] = {}


def evolver(cls: type, changed: tuple[str, ...]) -> Callable[..., Any]:
    """A function ``(value, *new) -> copy`` of attrs class *cls* with fields *changed* replaced.

    Like ``attrs.evolve`` but without running converters and validators again: the new
    field values must already be converted and valid. Made once per class and set of fields.
    """
    f = _EVOLVERS.get((cls, changed))
    if f is None:
        kept = tuple(a.name for a in attrs.fields(cls) if a.name not in changed)
        get_kept = attrgetter(*kept) if len(kept) > 1 else lambda v: (getattr(v, kept[0]),)
        make, set_ = object.__new__, object.__setattr__

        def evolve(value: Any, *new: Any) -> Any:
            v: Any = make(cls)
            for name, x in zip(kept, get_kept(value), strict=True):
                set_(v, name, x)
            for name, x in zip(changed, new, strict=True):
                set_(v, name, x)
            return v

        f = _EVOLVERS[(cls, changed)] = evolve
    return f


def _renamed_unit(org: Any, name: str, short_names: tuple[str, ...]) -> Any:
    v = _make(Unit)
    _set(v, "id", org.id)
    _set(v, "name", name)
    _set(v, "short_names", short_names)
    _set(v, "parent", org.parent)
    _set(v, "kind", org.kind)
    return v


def _renamed_agency(org: Any, name: str, short_names: tuple[str, ...]) -> Any:
    v = _make(Agency)
    _set(v, "id", org.id)
    _set(v, "name", name)
    _set(v, "short_names", short_names)
    _set(v, "parent", org.parent)
    _set(v, "kind", org.kind)
    _set(v, "level", org.level)
    return v


def _moved_unit(org: Any, parent: str | None) -> Any:
    v = _make(Unit)
    _set(v, "id", org.id)
    _set(v, "name", org.name)
    _set(v, "short_names", org.short_names)
    _set(v, "parent", parent)
    _set(v, "kind", org.kind)
    return v


_make, _set = object.__new__, object.__setattr__
# Written out for the commonest cases (a loop over the fields costs twice as much); used
# only while the classes have exactly these fields, else evolver() makes a generic copy.
if tuple(a.name for a in attrs.fields(Unit)) == ("id", "name", "short_names", "parent", "kind"):
    _EVOLVERS[(Unit, ("name", "short_names"))] = _renamed_unit
    _EVOLVERS[(Unit, ("parent",))] = _moved_unit
    _EVOLVERS[(Committee, ("name", "short_names"))] = evolver(Committee, ("name", "short_names"))
if tuple(a.name for a in attrs.fields(Agency)) == (
    "id", "name", "short_names", "parent", "kind", "level"
):
    _EVOLVERS[(Agency, ("name", "short_names"))] = _renamed_agency


def evolve_org(org: A, **changes: Any) -> A:
    """``attrs.evolve(org, **changes)`` for changes already converted and valid."""
    return evolver(type(org), tuple(changes))(org, *changes.values())  # type: ignore[no-any-return]


def _mandate(
    functions: tuple[str, ...],
    task_groups: tuple[TaskGroup, ...],
    powers: tuple[str, ...],
    fields: tuple[str, ...],
) -> Mandate:
    m = object.__new__(Mandate)
    object.__setattr__(m, "functions", functions)
    object.__setattr__(m, "task_groups", task_groups)
    object.__setattr__(m, "powers", powers)
    object.__setattr__(m, "fields", fields)
    return m


def _group(name: str, tasks: tuple[str, ...]) -> TaskGroup:
    g = object.__new__(TaskGroup)
    object.__setattr__(g, "name", name)
    object.__setattr__(g, "tasks", tasks)
    return g


def mandate_plus(a: Mandate, b: Mandate) -> Mandate:
    """``a.plus(b)``: every entry of *b* added to *a*, no duplicates."""
    if b.is_empty:
        return a
    if a.is_empty:
        return b
    merged: dict[str, list[str]] = {}
    for g in a.task_groups + b.task_groups:
        merged.setdefault(g.name, []).extend(g.tasks)
    return _mandate(
        tuple(dict.fromkeys(a.functions + b.functions)),
        tuple(_group(name, tuple(dict.fromkeys(tasks))) for name, tasks in merged.items()),
        tuple(dict.fromkeys(a.powers + b.powers)),
        tuple(dict.fromkeys(a.fields + b.fields)),
    )


def mandate_minus(a: Mandate, b: Mandate) -> Mandate:
    """``a.minus(b)``: *a* without what *b* lists (a group with no tasks drops the group)."""
    if b.is_empty or a.is_empty:
        return a
    drop_groups = {g.name for g in b.task_groups if not g.tasks}
    drop_tasks = {(g.name, t) for g in b.task_groups for t in g.tasks}
    groups = tuple(
        _group(g.name, tuple(t for t in g.tasks if (g.name, t) not in drop_tasks))
        for g in a.task_groups
        if g.name not in drop_groups
    )
    return _mandate(
        tuple(f for f in a.functions if f not in b.functions),
        groups,
        tuple(p for p in a.powers if p not in b.powers),
        tuple(f for f in a.fields if f not in b.fields),
    )


# --------------------------------------------------------------------------- folding
def _apply_item(m: Mandate, item: MandateItem, day: dt.date, in_force: InForce) -> Mandate:
    _, kind, payload, d = item
    if kind != "delta" and not in_force(d, day):
        return m
    if kind == "set":
        return payload  # type: ignore[no-any-return]
    add, remove = payload
    return mandate_plus(mandate_minus(m, remove), add)


def _fold_first(items: Sequence[MandateItem], k: int, day: dt.date, in_force: InForce) -> Mandate:
    """The fold of ``items[:k]`` on *day*, from the last whole-mandate item in force."""
    start, m = 0, Mandate.EMPTY
    for s in range(k - 1, -1, -1):
        _, kind, payload, d = items[s]
        if kind == "set" and in_force(d, day):
            start, m = s + 1, payload
            break
    for s in range(start, k):
        m = _apply_item(m, items[s], day, in_force)
    return m


def fold_mandate(items: Sequence[MandateItem], day: dt.date, in_force: InForce) -> Mandate:
    """The mandate on *day*: items up to *day*, standing ones only if in force on *day*.

    Items are in date order; a ``set`` item replaces everything before it, so the fold starts
    at the last ``set`` in force on *day*.
    """
    k = len(items)
    while k and items[k - 1][0] > day:
        k -= 1
    return _fold_first(items, k, day, in_force)


def _mandate_segments(items: list[MandateItem], ix: Index) -> Segments[Mandate]:
    end_of, ended_by, in_force = ix.end_of, ix.ended_by, ix.in_force
    first_ending: dict[dt.date, Decision] = {}  # end date -> first standing item's decision
    ending_at: dict[dt.date, int] = {}  # end date -> index of the first item ending then
    for n, (_, kind, _, d) in enumerate(items):
        if kind != "delta" and (e := end_of[id(d)]) is not None and e not in ending_at:
            first_ending[e] = d
            ending_at[e] = n
    points = sorted({it[0] for it in items}.union(first_ending))
    seg: Segments[Mandate] = Segments(Mandate.EMPTY)
    total = len(items)
    done = 0  # items[:done] are dated at or before the previous point
    m = Mandate.EMPTY
    for b in points:
        k = done
        while k < total and items[k][0] <= b:
            k += 1
        if ending_at.get(b, total) < done:  # an item already folded stops counting on b
            m = _fold_first(items, k, b, in_force)
        else:
            for s in range(done, k):
                m = _apply_item(m, items[s], b, in_force)
        done = k
        seg.append(b, m, _cause(b, items, k, first_ending, ended_by))
    return seg


def _composition_segments(
    items: list[CompositionItem], ix: Index
) -> Segments[tuple[Membership, ...]]:
    end_of, ended_by, in_force = ix.end_of, ix.ended_by, ix.in_force
    first_ending: dict[dt.date, Decision] = {}
    for _, _, d in items:
        if (e := end_of[id(d)]) is not None and e not in first_ending:
            first_ending[e] = d
    points = sorted({it[0] for it in items}.union(first_ending))
    seg: Segments[tuple[Membership, ...]] = Segments(())
    total, k = len(items), 0
    for b in points:
        while k < total and items[k][0] <= b:
            k += 1
        value: tuple[Membership, ...] = ()
        for s in range(k - 1, -1, -1):  # the last item up to b that is in force on b
            if in_force(items[s][2], b):
                value = items[s][1]
                break
        seg.append(b, value, _cause(b, items, k, first_ending, ended_by))
    return seg


def _cause(
    b: dt.date,
    items: Sequence[tuple[Any, ...]],
    k: int,
    first_ending: dict[dt.date, Decision],
    ended_by: dict[int, Decision],
) -> Decision | None:
    """What changed on *b*: the last provision starting then, else the first one ending."""
    if k and items[k - 1][0] == b:
        return items[k - 1][-1]  # type: ignore[no-any-return]
    d = first_ending.get(b)
    if d is None:
        return None
    return ended_by.get(id(d)) or d


class Index:
    """Everything the queries need, built once.

    Besides the query structures it keeps what :func:`govmodel._build.extend` needs to add a
    decision without starting over: the effect schedule by day, who ends whom, the final
    live state and the raw mandate and composition provisions.
    """

    __slots__ = (
        "by_key",
        "children_ever",
        "composition_items",
        "compositions",
        "day_list",
        "days",
        "decisions",
        "end_of",
        "ended_by",
        "enders",
        "gaps",
        "kids",
        "known_ids",
        "live",
        "mandate_items",
        "mandates",
        "name_cache",
        "names",
        "strict",
        "successions",
        "tracks",
    )

    def __init__(self) -> None:
        self.decisions: tuple[Decision, ...] = ()  # sorted by Decision.sort_key
        self.by_key: dict[Key, Decision] = {}
        self.end_of: dict[int, dt.date | None] = {}  # id(decision) -> first day not in force
        self.ended_by: dict[int, Decision] = {}  # id(decision) -> its ender, for those ended early
        self.enders: dict[int, list[Decision]] = {}  # id(decision) -> those ending it, sorted
        self.days: dict[dt.date, list[Item]] = {}  # effects by effective date, in order
        self.day_list: list[dt.date] = []  # sorted keys of days
        self.tracks: dict[str, Track] = {}
        self.children_ever: dict[str, set[str]] = {}  # parent -> every child it ever had
        # piecewise values folded from the raw provisions on first use (see mandate_segments)
        self.mandates: dict[str, Segments[Mandate]] = {}
        self.compositions: dict[str, Segments[tuple[Membership, ...]]] = {}
        self.mandate_items: dict[str, list[MandateItem]] = {}
        self.composition_items: dict[str, list[CompositionItem]] = {}
        self.successions: dict[str, Succession] = {}
        self.live: dict[str, Org] = {}  # organisations alive after the last change
        self.kids: dict[str, set[str]] = {}  # parent -> children alive after the last change
        self.known_ids: frozenset[str] = frozenset()  # every id any decision establishes
        self.gaps: tuple[DecisionError, ...] = ()  # effects skipped in a known_on view
        self.strict = True  # built with no skipped faults (so extend() may start from it)
        self.names: dict[str, tuple[NameRow, ...]] | None = None  # built on first find()
        self.name_cache: dict[str, tuple[NameRow, ...]] = {}  # rows inherited by extend()

    # ------------------------------------------------------------------ decisions
    def decision(self, ref: DecisionRef | Decision) -> Decision | None:
        """The stored decision with the identity of *ref*, or None."""
        key = key_of(ref) if isinstance(ref, Decision) else ref_key(ref)
        return self.by_key.get(key)

    def end(self, d: Decision) -> dt.date | None:
        """The first day stored decision *d* is no longer in force (None: still is)."""
        return self.end_of[id(d)]

    def in_force(self, d: Decision, day: dt.date) -> bool:
        """``effective_on ≤ day < end`` (law 2), for a decision stored in this index."""
        if day < d.effective_on:
            return False
        end = self.end_of[id(d)]
        return end is None or day < end

    def decisions_in_force(self, day: dt.date) -> tuple[Decision, ...]:
        end_of = self.end_of
        return tuple(
            d
            for d in self.decisions
            if d.effective_on <= day and ((e := end_of[id(d)]) is None or day < e)
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

    def alive(self, day: dt.date) -> Iterator[Version]:
        for track in self.tracks.values():
            v = track.at(day)
            if v is not None:
                yield v

    def mandate_segments(self, org_id: str) -> Segments[Mandate] | None:
        """The mandate of *org_id* over time (folded on first use), or None if it never had one.

        Runtime complexity: O(k) mandate operations the first time, for k provisions.
        """
        seg = self.mandates.get(org_id)
        if seg is None:
            items = self.mandate_items.get(org_id)
            if not items:
                return None
            seg = self.mandates[org_id] = _mandate_segments(items, self)
        return seg

    def composition_segments(self, org_id: str) -> Segments[tuple[Membership, ...]] | None:
        """The memberships of committee *org_id* over time (on first use), or None."""
        seg = self.compositions.get(org_id)
        if seg is None:
            items = self.composition_items.get(org_id)
            if not items:
                return None
            seg = self.compositions[org_id] = _composition_segments(items, self)
        return seg

    def mandate(self, org_id: str, day: dt.date) -> tuple[Mandate, Decision | None]:
        seg = self.mandate_segments(org_id)
        return (Mandate.EMPTY, None) if seg is None else seg.at(day)

    def composition(
        self, org_id: str, day: dt.date
    ) -> tuple[tuple[Membership, ...], Decision | None]:
        seg = self.composition_segments(org_id)
        return ((), None) if seg is None else seg.at(day)

    # ------------------------------------------------------------------ names
    def name_rows(self) -> Iterator[NameRow]:
        """Every name every organisation had, with its interval (built on first use)."""
        names = self.names
        if names is None:
            names = dict(self.name_cache)
            folded: dict[str, frozenset[str]] = {}
            for org_id, track in self.tracks.items():
                if org_id in names:
                    continue
                rows: list[NameRow] = []
                for start, v in zip(track.starts, track.versions, strict=True):
                    for name in v.value.names:
                        toks = folded.get(name)
                        if toks is None:
                            toks = folded[name] = frozenset(tokens(name))
                        rows.append((org_id, toks, start, v.valid_to))
                names[org_id] = tuple(rows)
            self.names = names  # published whole: a concurrent reader never sees a half
        for org_rows in names.values():
            yield from org_rows
