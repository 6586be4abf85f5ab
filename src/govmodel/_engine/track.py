"""The stored shapes of the read side (private): tracks of versions, segments, successions.

A :class:`Track` holds one organisation's versions, contiguous from its establishment to its
end; a :class:`Segments` a piecewise-constant value (a mandate, a composition); a
:class:`Succession` how an organisation ended by merge or split and what followed it.
Decisions are keyed internally by ``id()`` (the index holds every decision it refers to, so
ids are stable) or by :data:`Key` tuples, which are cheaper to hash than references.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs

from govmodel.decisions import Decision, DecisionRef
from govmodel.effects import Effect, PostSuccession
from govmodel.model import AnyOrganisation, Mandate, Membership
from govmodel.results import Ending, Version
from govmodel.vn.docnum import DocumentNumber

__all__ = [
    "BEGINNING",
    "CompositionItem",
    "InForce",
    "Item",
    "Key",
    "MandateItem",
    "Org",
    "Segments",
    "Succession",
    "Track",
    "key_of",
    "ref_key",
]

Org = AnyOrganisation
V = TypeVar("V")
InForce = Callable[[Decision, dt.date], bool]
#: A decision's identity as a plain tuple ``(issuer, number, series)`` (cheaper than a ref).
Key = tuple[str, DocumentNumber, Any]
#: One scheduled effect: (decision, position in it, effect).
Item = tuple[Decision, int, Effect]
# A mandate item: (date, kind, payload, decision). kind: "set" | "amend" | "delta".
MandateItem = tuple[dt.date, str, Any, Decision]
CompositionItem = tuple[dt.date, tuple[Membership, ...], Decision]

#: Stands for "before any record" in sorted date lists.
BEGINNING = dt.date.min

#: What a version changed, by kind of change (shared tuples: nothing is allocated per version).
ESTABLISHED = ("established",)


def key_of(d: Decision) -> Key:
    """The identity of *d* as a tuple (equal iff the :class:`DecisionRef`\\ s are equal)."""
    return (d.issuer, d.number, d.year if d.term is None else d.term)  # d.series, inlined


def ref_key(r: DecisionRef) -> Key:
    """The identity of reference *r* as a tuple."""
    return (r.issuer, r.number, r.year if r.term is None else r.term)  # r.series, inlined


class Track:
    """The versions of one organisation: contiguous, from establishment to its end.

    While a build runs, changes go to the scratch lists ``values`` / ``causes`` /
    ``changes`` / ``attribs`` (parallel to ``starts``); :meth:`finish` turns them into the
    immutable ``versions``.
    """

    __slots__ = (
        "attribs",
        "causes",
        "changes",
        "end",
        "end_by",
        "starts",
        "values",
        "versions",
    )

    def __init__(self) -> None:
        self.starts: list[dt.date] = []
        self.versions: tuple[Version, ...] = ()
        self.end: dt.date | None = None  # dissolution (or merge/split) date
        self.end_by: Decision | None = None
        self.values: list[Org] = []
        self.causes: list[Decision | None] = []
        self.changes: list[tuple[str, ...]] = []
        self.attribs: list[tuple[tuple[str, Decision | None], ...]] = []

    def at(self, day: dt.date) -> Version | None:
        """The version holding on *day*, or None (not yet established, or ended)."""
        i = bisect_right(self.starts, day) - 1
        if i < 0:
            return None
        v = self.versions[i]
        to = v.valid_to
        return v if to is None or day < to else None

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

    def finish(self, final: Ending | None = None) -> set[str]:
        """Build ``versions`` from the scratch lists (each ends where the next starts).

        Args:
            final: how the last version ended, when the organisation ended (from the
                lineage); each earlier version ended by the change the next one made.

        Returns:
            every parent the organisation had.
        """
        starts, values, causes = self.starts, self.values, self.causes
        changes, attribs = self.changes, self.attribs
        versions: list[Version] = []
        parents: set[str] = set()
        nxt: Version | None = None
        to, ended = self.end, final
        new = _new
        for i in range(len(starts) - 1, -1, -1):  # from the last: each links to the next
            start = starts[i]
            value = values[i]
            # what Version(...) makes, set slot by slot (a build makes one per change)
            v = new(Version)
            _V_FROM(v, None if start == BEGINNING else start)
            _V_TO(v, to)
            _V_VALUE(v, value)
            _V_DECISION(v, causes[i])
            _V_CHANGED(v, changes[i])
            _V_ATTRIBUTION(v, attribs[i])
            _V_FINAL(v, ended)
            _V_NEXT(v, nxt)
            versions.append(v)
            nxt = v
            if (p := value.parent) is not None:
                parents.add(p)
            to, ended = start, None
        versions.reverse()
        self.versions = tuple(versions)
        self.values, self.causes, self.changes, self.attribs = [], [], [], []
        return parents

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
