"""What the engine's queries return: versions, changes, committee seats, trees, findings.

All are frozen value classes with a readable ``repr``; rendering to text, HTML or diagrams
lives in :mod:`govmodel.render`.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, TypeVar

import attrs

from govmodel import _display
from govmodel.decisions import Decision
from govmodel.model import (
    AnyOrganisation,
    Membership,
    Observation,
    PostRef,
)
from govmodel.persons import HolderObservation

__all__ = [
    "EDGE_KINDS",
    "Change",
    "Diff",
    "Edge",
    "Ending",
    "Finding",
    "FindingStatus",
    "Findings",
    "History",
    "Holding",
    "PlaceMatch",
    "Seat",
    "Seats",
    "TreeNode",
    "Version",
]

Org = AnyOrganisation


def _day(d: dt.date | None) -> str:
    return "…" if d is None else d.isoformat()


#: The kinds of lineage edges (what became what).
EDGE_KINDS = (
    "renamed",
    "merged",
    "absorbed",
    "split",
    "part-transferred",
    "reclassified",
    "dissolved",
    "functions-transferred",
)


@attrs.frozen(slots=True, repr=False)
class Edge:
    """One edge of the lineage: what became of ``source``, on which day, by which decision.

    Attributes:
        source: the organisation the edge leaves.
        target: where it leads (the same id for ``renamed`` and ``reclassified``; None for
            ``dissolved``).
        kind: one of :data:`EDGE_KINDS`: ``merged`` (hợp nhất into a new body),
            ``absorbed`` (sáp nhập into an existing one), ``split`` (divided; the source
            ends), ``part-transferred`` (part of it went to the target; it lives on),
            ``functions-transferred``, ``renamed``, ``reclassified``, ``dissolved``.
        on: the day it took effect.
        decision: the decision that made it.
        default: for a split, True on the part an old name leads to by default.
        area_share / population_share: the share of the source the target took, when known.
    """

    source: str
    target: str | None
    kind: str
    on: dt.date
    decision: Decision | None
    default: bool = False
    area_share: float | None = None
    population_share: float | None = None

    def __repr__(self) -> str:
        by = f" by {self.decision.ref}" if self.decision is not None else ""
        mark = " (default)" if self.default else ""
        return f"<Edge {self.source} —{self.kind}→ {self.target}{mark} on {self.on}{by}>"


@attrs.frozen(slots=True, repr=False)
class Holding:
    """A person in a post over an interval, and what says so.

    Attributes:
        person_id / person_name: who.
        post: the post (as the appointment names it).
        start: the first day (the appointment's effective date, or the observation's date).
        end: the first day no longer held (exclusive): the end of the term, an
            :class:`~govmodel.persons.EndAppointment`, or None while it holds.
        decision: the appointing decision (None when only observed).
        ended_by: the decision that ended it early, if any.
        reason: why it ended ("nghỉ hưu"…), or "term" when the term ran out.
        known_from: ``"appointment"`` or ``"observation"``.
        source: the observation's source, when only observed.
    """

    person_id: str
    person_name: str
    post: PostRef
    start: dt.date
    end: dt.date | None
    decision: Decision | None
    ended_by: Decision | None = None
    reason: str = ""
    known_from: str = "appointment"
    source: object = None

    def holds_on(self, day: dt.date) -> bool:
        """True when *day* lies inside ``[start, end)``."""
        return self.start <= day and (self.end is None or day < self.end)

    def __repr__(self) -> str:
        to = self.end.isoformat() if self.end else "…"
        span = f"[{self.start} → {to})"
        return f"<Holding {self.person_name} as {self.post} {span} {self.known_from}>"


@attrs.frozen(slots=True, repr=False)
class PlaceMatch:
    """One answer of :meth:`govmodel.Timeline.resolve`: a unit a place name leads to.

    Attributes:
        org_id: the unit, alive on the date asked.
        name: its name on that date.
        score: how well the text matched (higher is better; 1 and more is an exact name in
            the right enclosing units).
        matched_id: the unit whose name (then) the text matched; ``org_id`` itself unless
            that unit was no longer alive, when ``redirect`` leads from it to ``org_id``.
        matched_name: the name matched.
        redirect: the ids from ``matched_id`` to ``org_id`` through merges and splits
            (empty when the name is the unit's own on that date).
        default: False when the line goes through a part of a split that is not the
            default successor.
    """

    org_id: str
    name: str
    score: float
    matched_id: str
    matched_name: str
    redirect: tuple[str, ...] = ()
    default: bool = True

    def __repr__(self) -> str:
        via = f" via {' → '.join(self.redirect)}" if self.redirect else ""
        return f"<PlaceMatch {self.org_id} {self.name!r} {self.score:.2f}{via}>"


@attrs.frozen(slots=True, repr=False)
class Ending:
    """How a version stopped holding (law 9): on which day, how, by which decision, into what.

    Attributes:
        on: the first day it no longer held.
        kind: for the organisation's last version, how the organisation ended — ``merged``,
            ``absorbed``, ``split``, ``dissolved``; for an earlier one, what the next
            version changed — ``renamed``, ``moved``, ``reclassified`` or ``changed``.
        decision: the decision that ended it.
        into: the organisations that carry it on (its own id for a change of version; every
            part for a split; empty for a dissolution).
        default: for a split, the part an old name leads to by default (None: none marked).
    """

    on: dt.date
    kind: str
    decision: Decision | None
    into: tuple[str, ...] = ()
    default: str | None = None

    def __repr__(self) -> str:
        by = f" by {self.decision.ref}" if self.decision is not None else ""
        into = f" into {', '.join(self.into)}" if self.into else ""
        return f"<Ending {self.kind}{into} on {self.on}{by}>"


@attrs.frozen(slots=True, repr=False, eq=False)
class Version:
    """One state of an organisation and the interval it held.

    Attributes:
        valid_from: first day of the state, or None for a first state recorded without a date.
        valid_to: first day it no longer holds (exclusive), or None while it still holds.
        value: the organisation's value during the interval.
        decision: the decision that put it so, or None for a first state (the last one, when
            several decisions changed it on the same day).
        changed: the attributes set on ``valid_from`` (``"established"`` for the version an
            organisation starts with: every attribute was set then).
        attribution: when several decisions changed it on ``valid_from``, the decision of
            each changed attribute (law 9); empty when ``decision`` made every change.

    Every attribute of a version names the decision that set it: :meth:`set_by` for the
    attributes changed by this version, :meth:`govmodel.Timeline.provenance` for all.
    """

    valid_from: dt.date | None
    valid_to: dt.date | None
    value: Org
    decision: Decision | None
    changed: tuple[str, ...] = ()
    attribution: tuple[tuple[str, Decision | None], ...] = ()
    # How the last version ended; an earlier one's ending is read off the version after it
    # (``next``), when asked: most endings are never asked for, and none is stored twice.
    _final: Ending | None = attrs.field(default=None, alias="ended")
    _next: Version | None = attrs.field(default=None, alias="next", eq=False)

    def _key(self) -> tuple[object, ...]:
        return (self.valid_from, self.valid_to, self.value, self.decision, self.changed,
                self.attribution)

    def __eq__(self, other: object) -> bool:
        """Equal fields and an equal ending (how the version stopped holding is part of it)."""
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key() and self.ended == other.ended

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def ended(self) -> Ending | None:
        """How the version stopped holding (an :class:`Ending`), None while it holds.

        The ending is the change the next version made, or how the organisation ended."""
        nxt = self._next
        if nxt is None:
            return self._final
        changed = nxt.changed
        kind = (
            "renamed" if "name" in changed
            else "moved" if "parent" in changed
            else _kind_of_change(changed)
        )
        by = nxt.decision if not nxt.attribution else _decision_of(nxt, kind)
        assert nxt.valid_from is not None  # only a first state starts undated
        return Ending(nxt.valid_from, kind, by, (self.value.id,))

    def set_by(self, attribute: str) -> tuple[bool, Decision | None]:
        """``(True, decision)`` when this version set *attribute* (or began the
        organisation), else ``(False, None)``: it was set by an earlier version."""
        for name, d in self.attribution:
            if name == attribute:
                return True, d
        if attribute in self.changed:
            return True, self.decision
        if "established" in self.changed:
            for name, d in self.attribution:
                if name == "established":
                    return True, d
            return True, self.decision
        return False, None

    def holds_on(self, day: dt.date) -> bool:
        """True when *day* lies inside ``[valid_from, valid_to)``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    def __repr__(self) -> str:
        by = f" by {self.decision.ref}" if self.decision is not None else ""
        return (
            f"<Version {self.value.id} {self.value.name!r} "
            f"[{_day(self.valid_from)} → {_day(self.valid_to)}){by}>"
        )


_CHANGE_KINDS = (("name", "renamed"), ("unit_type", "reclassified"), ("parent", "moved"))
_ATTR_OF = {kind: attr for attr, kind in _CHANGE_KINDS}


def _kind_of_change(changed: tuple[str, ...]) -> str:
    """How a version that changed *changed* ended the one before it."""
    for attr, kind in _CHANGE_KINDS:
        if attr in changed:
            return kind
    return "changed"


def _decision_of(v: Version, kind: str) -> Decision | None:
    """The decision that made *v*'s change of *kind* (law 9), when several changed it."""
    attr = _ATTR_OF.get(kind)
    for name, by in v.attribution:
        if name == attr:
            return by
    return v.decision


@attrs.frozen(slots=True, repr=False)
class Change:
    """One difference between two dates, with the decision that made it.

    ``attribute`` is one of ``established``; how a body ended — ``dissolved``, ``merged``
    or ``absorbed`` (``after`` is the ids it went into), ``split`` (``after`` is its parts);
    ``name``, ``short_names``, ``parent``, ``kind``, ``level``, ``mandate``,
    ``composition``.
    """

    org_id: str
    attribute: str
    before: object
    after: object
    decision: Decision | None

    def __repr__(self) -> str:
        by = f" by {self.decision.ref}" if self.decision is not None else ""
        if self.attribute in ("mandate", "composition"):
            return f"<Change {self.org_id} {self.attribute} changed{by}>"
        return f"<Change {self.org_id} {self.attribute}: {self.before!r} → {self.after!r}{by}>"


@attrs.frozen(slots=True, repr=False)
class Seat:
    """A committee membership as it reads on a date.

    Attributes:
        membership: the membership as the deciding text set it.
        post: the post that holds it on the date: the membership's own post, or its successor
            when the post's organisation was merged away (see ``chain``).
        label: the post rendered with its organisation's name on the date.
        chain: the posts followed from the membership's post to ``post`` (empty when equal).
        vacant: True when the post's organisation is not alive and has no successor.
        holders: the names of the post's holders on the date, when known.
    """

    membership: Membership
    post: PostRef
    label: str
    chain: tuple[PostRef, ...] = ()
    vacant: bool = False
    holders: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        """The role's Vietnamese title (Trưởng ban, Phó Trưởng ban…)."""
        return self.membership.role.vi

    def __repr__(self) -> str:
        who = f" ({', '.join(self.holders)})" if self.holders else ""
        return f"<Seat {self.role}: {self.label}{who}>"


@attrs.frozen(slots=True, repr=False)
class TreeNode:
    """An organisation and its children on a date."""

    value: Org
    children: tuple[TreeNode, ...] = ()

    def walk(self, depth: int = 0) -> list[tuple[int, Org]]:
        """Depth-first (depth, organisation) pairs, this node first."""
        out = [(depth, self.value)]
        for c in self.children:
            out.extend(c.walk(depth + 1))
        return out

    def __repr__(self) -> str:
        return f"<TreeNode {self.value.id} {self.value.name!r} ({len(self.children)} children)>"

    def __str__(self) -> str:
        return "\n".join(f"{'  ' * d}{o.name} [{o.id}]" for d, o in self.walk())


class FindingStatus(str, enum.Enum):
    """How an observation compares with the timeline."""

    AGREES = "agrees"
    CONFLICTS = "conflicts"


@attrs.frozen(slots=True, repr=False)
class Finding:
    """The result of checking one :class:`~govmodel.model.Observation` against the timeline.

    Attributes:
        observation: what the text says.
        status: agrees or conflicts.
        expected: the organisation's name on the observation's date (None if not alive).
        reason: one sentence explaining the verdict.
    """

    observation: Observation | HolderObservation
    status: FindingStatus
    expected: str | None
    reason: str

    @property
    def agrees(self) -> bool:
        """True when the text agrees with the timeline."""
        return self.status is FindingStatus.AGREES

    def __repr__(self) -> str:
        o = self.observation
        return f"<Finding {self.status.value}: {o.name!r} for {o.org_id} on {o.on}: {self.reason}>"


# ----------------------------------------------------------------------------- displayable tuples
# Plain tuples (equal to a tuple of the same items) that also print as tables and display as
# HTML tables in Jupyter, through the generic functions of govmodel._display (registered by
# govmodel.render, which sits above this module).


_T_co = TypeVar("_T_co", covariant=True)


class _Table(tuple[_T_co, ...]):
    """A tuple of results (typed by its items) that prints as a table."""

    __slots__ = ()

    def __str__(self) -> str:
        return _display.text(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(f"{type(self).__name__}(...)" if cycle else _display.text(self))

    def _repr_html_(self) -> str:
        return _display.html(self)


class History(_Table[Version]):
    """An organisation's versions, oldest first: a tuple that prints as a table.

    Added in 0.1.0.
    """

    __slots__ = ()


class Diff(_Table[Change]):
    """The changes between two dates, each with its deciding decision: a tuple that prints
    as a table."""

    __slots__ = ()


class Seats(_Table[Seat]):
    """A committee's seats on a date: a tuple that prints as a table of roles and posts."""

    __slots__ = ()


class Findings(_Table[Finding]):
    """Observations checked against the timeline: a tuple that prints as a table."""

    __slots__ = ()

