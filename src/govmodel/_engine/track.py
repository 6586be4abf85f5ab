"""The stored shapes of the read side (private): tracks of versions, segments, successions.

A :class:`Track` holds one organisation's versions, contiguous from its establishment to its
end; a :class:`Segments` a piecewise-constant value (a mandate, a composition); a
:class:`Succession` how an organisation ended by merge or split and what followed it.
Decisions are keyed internally by ``id()`` (the index holds every decision it refers to, so
ids are stable) or by identity (:mod:`govmodel._engine.keys`).
"""

from __future__ import annotations

import datetime as dt
import threading
from bisect import bisect_right
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs

from govmodel.decisions import Decision
from govmodel.effects import Effect, PostSuccession
from govmodel.model import AnyOrganisation, Mandate, Membership
from govmodel.results import Edge, Ending, Version

__all__ = [
    "BEGINNING",
    "CompositionItem",
    "InForce",
    "Item",
    "MandateItem",
    "Org",
    "Segments",
    "Succession",
    "Track",
    "edge",
    "ending",
    "succession",
]

Org = AnyOrganisation
V = TypeVar("V")
InForce = Callable[[Decision, dt.date], bool]
#: One scheduled effect: (decision, position in it, effect).
Item = tuple[Decision, int, Effect]
# A mandate item: (date, kind, payload, decision). kind and payload: "set", the mandate;
# "amend", the AmendMandate effect (its ``add`` and ``remove``); "delta", (add, remove).
MandateItem = tuple[dt.date, str, Any, Decision]
CompositionItem = tuple[dt.date, tuple[Membership, ...], Decision]

#: Stands for "before any record" in sorted date lists.
BEGINNING = dt.date.min

#: What a version changed, by kind of change (shared tuples: nothing is allocated per version).
ESTABLISHED = ("established",)


class Track:
    """The versions of one organisation: contiguous, from establishment to its end.

    While a build runs, changes go to the scratch lists ``values`` / ``causes`` /
    ``changes`` / ``attribs`` (parallel to ``starts``). :meth:`finish` closes the track;
    its immutable ``versions`` are made from those lists on first use (most tracks of a
    large dataset are never asked for theirs: a value on a day needs only ``starts``,
    ``values`` and ``end``, which stay).
    """

    __slots__ = (
        "_versions",
        "attribs",
        "causes",
        "changes",
        "end",
        "end_by",
        "pending",
        "starts",
        "values",
    )

    def __init__(self) -> None:
        self.starts: list[dt.date] = []
        self._versions: tuple[Version, ...] = ()
        self.end: dt.date | None = None  # dissolution (or merge/split) date
        self.end_by: Decision | None = None
        self.values: list[Org] = []
        self.causes: list[Decision | None] = []
        self.changes: list[tuple[str, ...]] = []
        self.attribs: list[tuple[tuple[str, Decision | None], ...]] = []
        # finished, versions not made yet: the ending edges (see _Pending); else None
        self.pending: _Pending | None = None

    @staticmethod
    def begun(t: dt.date, org: Org, d: Decision | None, changed: tuple[str, ...]) -> Track:
        """A new track whose first version is *org* from *t* (what ``Track()`` then
        ``record(t, org, d, changed)`` make, in one step)."""
        track = _new(Track)
        track.starts, track.values, track.causes = [t], [org], [d]
        track.changes, track.attribs = [changed], [()]
        track._versions, track.end, track.end_by, track.pending = (), None, None, None
        return track

    @property
    def versions(self) -> tuple[Version, ...]:
        """The versions, contiguous; a finished track's made on first use.

        A property over a slot rather than a ``__getattr__`` for the unset slot: with a
        ``__getattr__``, every attribute of a track (``starts``, ``values``, ``end`` on each
        point query) would be read by the generic, unspecialised lookup.
        """
        try:
            return self._versions
        except AttributeError:  # finished, not made yet
            return self._make_versions()

    def holding(self, day: dt.date) -> int:
        """The position of the version holding on *day*, or -1 (not yet established, or
        ended). Versions are contiguous: the one found by its start ends where the next
        starts, the last at ``end``."""
        i = bisect_right(self.starts, day) - 1
        end = self.end
        return i if end is None or day < end else -1

    def at(self, day: dt.date) -> Version | None:
        """The version holding on *day*, or None (not yet established, or ended)."""
        i = self.holding(day)
        return None if i < 0 else self.versions[i]

    def value_at(self, day: dt.date) -> Org | None:
        """The value holding on *day*, or None (the versions are not made for it)."""
        i = self.holding(day)
        return None if i < 0 else self.values[i]

    @property
    def born(self) -> dt.date:
        return self.starts[0]

    def record(
        self, t: dt.date, org: Org, d: Decision | None, changed: tuple[str, ...]
    ) -> None:
        """Make *org* the value from *t*, set by *d*, which changed *changed*.

        A second change on the same day folds into that day's version: its attributes keep
        the decision of each (law 9), and the version's ``decision`` is the last one.
        """
        starts = self.starts
        if starts and starts[-1] == t:
            prev_d, prev_changed = self.causes[-1], self.changes[-1]
            self.values[-1] = org
            if prev_d is d and not self.attribs[-1]:
                if changed != prev_changed:
                    self.changes[-1] = tuple(dict.fromkeys(prev_changed + changed))
                return
            attrib = dict(self.attribs[-1] or ((a, prev_d) for a in prev_changed))
            for a in changed:
                attrib[a] = d
            self.causes[-1] = d
            self.changes[-1] = tuple(attrib)
            self.attribs[-1] = tuple(attrib.items())
            return
        starts.append(t)
        self.values.append(org)
        self.causes.append(d)
        self.changes.append(changed)
        self.attribs.append(())

    def drop_last(self) -> None:
        """Forget the last change (it never held for a whole day)."""
        self.starts.pop()
        self.values.pop()
        self.causes.pop()
        self.changes.pop()
        self.attribs.pop()

    def finish(self, edges: list[Edge] | None = None) -> None:
        """Close the track: its versions are made on first use (see :meth:`_make_versions`).

        Args:
            edges: the lineage edges leaving the organisation, when it ended (how the last
                version ended is read off them: see :func:`ending`).
        """
        assert type(self.causes) is list, "a track is finished once"
        # kept as tuples (exact size: a list of one is 64 bytes, its tuple 48, and a grown
        # list holds room to spare); attributions, mostly none, as None when there are none
        # in their own slots, not a tuple of them (72 bytes a track)
        attribs = self.attribs
        self.starts, self.values = tuple(self.starts), tuple(self.values)  # type: ignore[assignment]
        self.causes, self.changes = tuple(self.causes), tuple(self.changes)  # type: ignore[assignment]
        self.attribs = tuple(attribs) if any(attribs) else None  # type: ignore[assignment]
        self.pending = _NO_EDGES if edges is None else edges
        _UNSET_VERSIONS(self)

    def _make_versions(self) -> tuple[Version, ...]:
        """Make ``versions`` from the finished track's lists (each ends where the next starts).

        Safe under threads: one maker at a time (a lock taken only on first use), the
        versions published before the lists are let go, so every thread gets the same
        versions.
        """
        with _MAKING:
            edges = self.pending
            if edges is None:  # made meanwhile by another thread (or never finished)
                return _T_VERSIONS(self)  # type: ignore[no-any-return]
            return self._made(edges)

    def _made(self, edges: _Pending) -> tuple[Version, ...]:
        causes, changes, attribs = self.causes, self.changes, self.attribs
        starts, values = self.starts, self.values
        versions: list[Version] = []
        nxt: Version | None = None
        to = self.end
        ended = None if to is None else ending(to, self.end_by, edges or ())
        new = _new
        for i in range(len(starts) - 1, -1, -1):  # from the last: each links to the next
            start = starts[i]
            # what Version(...) makes, set slot by slot (a build makes one per change)
            v = new(Version)
            _V_FROM(v, None if start == BEGINNING else start)
            _V_TO(v, to)
            _V_VALUE(v, values[i])
            _V_DECISION(v, causes[i])
            _V_CHANGED(v, changes[i])
            _V_ATTRIBUTION(v, () if attribs is None else attribs[i])
            _V_FINAL(v, ended)
            _V_NEXT(v, nxt)
            versions.append(v)
            nxt = v
            to, ended = start, None
        versions.reverse()
        made = self._versions = tuple(versions)
        self.pending = None
        self.causes = self.changes = self.attribs = _DONE  # type: ignore[assignment]
        return made

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
        t.starts = list(self.starts[:k])
        t.values = list(self.values[:k])
        with _MAKING:  # the versions not made meanwhile, nor the lists let go
            made = self.pending is None
            causes, changes, attribs = self.causes, self.changes, self.attribs
        if not made:  # versions not made: copy the lists they would be made of
            t.causes, t.changes = list(causes[:k]), list(changes[:k])
            t.attribs = [()] * k if attribs is None else list(attribs[:k])
        else:
            kept = self.versions[:k]
            t.causes = [v.decision for v in kept]
            t.changes = [v.changed for v in kept]
            t.attribs = [v.attribution for v in kept]
        if self.end is not None and (before is None or self.end < before):
            t.end, t.end_by = self.end, self.end_by
        return t

    def set_by(self, attribute: str, day: dt.date) -> Decision | None:
        """The decision that set *attribute* of the version holding on *day* (law 9)."""
        i = bisect_right(self.starts, day) - 1
        while i >= 0:
            found, d = self.versions[i].set_by(attribute)
            if found:
                return d
            i -= 1
        return None


_new = object.__new__
#: Held while a track makes its versions (see Track._make_versions).
_MAKING = threading.Lock()
#: What a finished track keeps in ``pending`` until its versions are made: the lineage
#: edges leaving it (``causes``, ``changes`` and ``attribs`` keep the rest, as tuples).
_Pending = list[Edge] | tuple[()]
_NO_EDGES: tuple[()] = ()
#: The scratch lists of a track whose versions are made.
_DONE: tuple[()] = ()
_T_VERSIONS = vars(Track)["_versions"].__get__
_UNSET_VERSIONS = vars(Track)["_versions"].__delete__

_ENDING_KINDS = frozenset({"merged", "absorbed", "split", "dissolved"})


def ending(end: dt.date, end_by: Decision | None, edges: list[Edge] | tuple[()]) -> Ending:
    """How an organisation ended on *end*: the lineage *edges* leaving it on that day."""
    if len(edges) == 1 and (e := edges[0]).on == end and e.kind in _ENDING_KINDS:
        # the common case: one edge, which ended it (a split leaves one edge per part)
        if e.target is None:
            return Ending(end, e.kind, e.decision)
        default = e.target if e.kind != "split" or e.default else None
        return Ending(end, e.kind, e.decision, (e.target,), default)
    out = [e for e in edges if e.on == end and e.kind in _ENDING_KINDS]
    if not out:  # pragma: no cover - every effect that ends a body leaves an edge
        return Ending(end, "dissolved", end_by)
    kind = out[-1].kind
    into = tuple(e.target for e in out if e.target is not None and e.kind == kind)
    default = next((e.target for e in out if e.default), None)
    if kind != "split" and len(into) == 1:
        default = into[0]
    return Ending(end, kind, out[-1].decision, into, default)


# the slots' descriptors of Version, in field order (set without the frozen __setattr__)
_V_FIELDS = ("valid_from", "valid_to", "value", "decision", "changed", "attribution", "_final",
             "_next")
assert tuple(a.name for a in attrs.fields(Version)) == _V_FIELDS
_V_FROM, _V_TO, _V_VALUE, _V_DECISION, _V_CHANGED, _V_ATTRIBUTION, _V_FINAL, _V_NEXT = (
    vars(Version)[name].__set__ for name in _V_FIELDS
)


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


# Edge and Succession made slot by slot (a merge of the country's communes makes ~11,000 of
# each); the assertions keep the field lists in step with the classes
_E_FIELDS = ("source", "target", "kind", "on", "decision", "default", "area_share",
             "population_share")
assert tuple(a.name for a in attrs.fields(Edge)) == _E_FIELDS
_E_SET = tuple(vars(Edge)[name].__set__ for name in _E_FIELDS)
_S_FIELDS = ("on", "into", "decision", "posts", "shares")
assert tuple(a.name for a in attrs.fields(Succession)) == _S_FIELDS
_S_SET = tuple(vars(Succession)[name].__set__ for name in _S_FIELDS)


def edge(source: str, target: str | None, kind: str, on: dt.date, d: Decision | None) -> Edge:
    """``Edge(source, target, kind, on, d)``, made without its ``__init__``."""
    e = _new(Edge)
    s_source, s_target, s_kind, s_on, s_decision, s_default, s_area, s_pop = _E_SET
    s_source(e, source)
    s_target(e, target)
    s_kind(e, kind)
    s_on(e, on)
    s_decision(e, d)
    s_default(e, False)
    s_area(e, None)
    s_pop(e, None)
    return e


def succession(
    on: dt.date, into: tuple[str, ...], d: Decision, posts: tuple[PostSuccession, ...]
) -> Succession:
    """``Succession(on, into, d, posts)``, made without its ``__init__``."""
    x = _new(Succession)
    s_on, s_into, s_decision, s_posts, s_shares = _S_SET
    s_on(x, on)
    s_into(x, into)
    s_decision(x, d)
    s_posts(x, posts)
    s_shares(x, ())
    return x
