"""The built, read-only index of a timeline (private).

:mod:`govmodel._build` fills one :class:`Index` from a set of decisions; afterwards nothing
changes it. Every point query is a binary search over an organisation's change points:
O(log k) for an organisation with k changes, never a replay.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from typing import Generic, TypeVar

import attrs

from govmodel.decisions import Decision, DecisionRef, PostSuccession
from govmodel.errors import DecisionError
from govmodel.model import Agency, Committee, Mandate, Membership, Unit
from govmodel.results import Version

Org = Agency | Unit | Committee
V = TypeVar("V")

#: Stands for "before any record" in sorted date lists.
BEGINNING = dt.date.min


class Track:
    """The versions of one organisation: contiguous, from establishment to dissolution."""

    __slots__ = ("end", "end_by", "starts", "versions")

    def __init__(self) -> None:
        self.starts: list[dt.date] = []
        self.versions: list[Version] = []
        self.end: dt.date | None = None  # dissolution (or merge/split) date
        self.end_by: Decision | None = None

    def at(self, day: dt.date) -> Version | None:
        """The version holding on *day*, or None (not yet established, or dissolved)."""
        i = bisect_right(self.starts, day) - 1
        if i < 0:
            return None
        v = self.versions[i]
        return v if v.valid_to is None or day < v.valid_to else None

    @property
    def born(self) -> dt.date:
        return self.starts[0]


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


class Index:
    """Everything the queries need, built once."""

    __slots__ = (
        "by_ref",
        "children_ever",
        "compositions",
        "decisions",
        "ended_by",
        "ends",
        "gaps",
        "mandates",
        "name_index",
        "successions",
        "tracks",
    )

    def __init__(self) -> None:
        self.decisions: tuple[Decision, ...] = ()
        self.by_ref: dict[DecisionRef, Decision] = {}
        self.ends: dict[DecisionRef, dt.date | None] = {}
        self.ended_by: dict[DecisionRef, Decision | None] = {}
        self.tracks: dict[str, Track] = {}
        self.children_ever: dict[str, set[str]] = {}
        self.mandates: dict[str, Segments[Mandate]] = {}
        self.compositions: dict[str, Segments[tuple[Membership, ...]]] = {}
        self.successions: dict[str, Succession] = {}
        self.gaps: tuple[DecisionError, ...] = ()  # effects skipped in a known_on view
        # (id, folded name tokens, valid_from, valid_to) for every name an org ever had
        self.name_index: list[tuple[str, frozenset[str], dt.date, dt.date | None]] = []

    # ------------------------------------------------------------------ decisions
    def in_force(self, d: Decision, day: dt.date) -> bool:
        """``effective_on ≤ day < end`` (law 2)."""
        if day < d.effective_on:
            return False
        end = self.ends[d.ref]
        return end is None or day < end

    def decisions_in_force(self, day: dt.date) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if self.in_force(d, day))

    # ------------------------------------------------------------------ organisations
    def version(self, org_id: str, day: dt.date) -> Version | None:
        track = self.tracks.get(org_id)
        return None if track is None else track.at(day)

    def alive(self, day: dt.date) -> Iterator[Version]:
        for track in self.tracks.values():
            v = track.at(day)
            if v is not None:
                yield v

    def mandate(self, org_id: str, day: dt.date) -> tuple[Mandate, Decision | None]:
        seg = self.mandates.get(org_id)
        return (Mandate.EMPTY, None) if seg is None else seg.at(day)

    def composition(
        self, org_id: str, day: dt.date
    ) -> tuple[tuple[Membership, ...], Decision | None]:
        seg = self.compositions.get(org_id)
        return ((), None) if seg is None else seg.at(day)
