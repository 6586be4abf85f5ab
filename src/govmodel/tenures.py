"""Seat tenures (engine layer): which office held which committee seat, over which interval.

A committee's memberships are set by standing provisions and held by posts that follow
their organisation through mergers (:meth:`govmodel.Snapshot.members`); a tenure is one
membership held by one office over one unbroken interval, carried by the decisions whose
compositions set it. The exports ask this module instead of re-deriving the rule.
"""

from __future__ import annotations

import datetime as dt

import attrs

from govmodel.decisions import Decision
from govmodel.effects import SetComposition
from govmodel.model import Membership, PostRef
from govmodel.timeline import Timeline

__all__ = ["Tenure", "tenures"]


@attrs.frozen(slots=True)
class Tenure:
    """One membership of a committee, held by one office over one unbroken interval.

    The office is the membership's own post, or the post that succeeds it once its
    organisation is merged away (as :meth:`govmodel.snapshot.Snapshot.members` follows it):
    a succession ends one tenure and starts the next. A seat left vacant (its organisation
    ended with no successor) has no tenure while vacant.

    Attributes:
        committee_id: the committee.
        membership: the role and the post, as the deciding text sets them.
        office: the post that holds the membership during the tenure.
        start: the first day it holds.
        end: the first day it no longer holds (exclusive), or None while it still holds.
        decisions: the decisions whose compositions carried it, oldest first.
    """

    committee_id: str
    membership: Membership
    office: PostRef
    start: dt.date
    end: dt.date | None
    decisions: tuple[Decision, ...]

    def holds_on(self, day: dt.date) -> bool:
        """True when *day* lies inside ``[start, end)``."""
        return self.start <= day and (self.end is None or day < self.end)


def _change_points(timeline: Timeline, committee_id: str) -> list[dt.date]:
    """Every date on which a committee's seats can change.

    A composition is a standing provision: it changes only when some effect takes effect or
    a decision stops being in force (expiry, supersession, repeal); the office holding a
    seat changes only when an event (a merger, a dissolution) takes effect; and the
    committee itself lives between its first and last version.
    """
    points = set(timeline.decision_days())
    for v in timeline.history(committee_id):
        points.update(x for x in (v.valid_from, v.valid_to) if x is not None)
    return sorted(points)


_Seats = tuple[tuple[Membership, PostRef], ...]
_Segment = tuple[dt.date, _Seats, tuple[Decision, ...]]


def _segments(timeline: Timeline, committee_id: str) -> list[tuple[_Segment, dt.date | None]]:
    """The committee's held seats as (start, (membership, office)…, causes), with each end."""
    segs: list[_Segment] = []
    for t in _change_points(timeline, committee_id):
        snap = timeline.as_of(t)
        seats = snap.members(committee_id) if committee_id in snap else ()
        held = tuple((s.membership, s.post) for s in seats if not s.vacant)
        cause = snap.composition_decision(committee_id) if held else None
        causes = () if cause is None else (cause,)
        if segs and segs[-1][1] == held:
            start, _, before = segs[-1]
            segs[-1] = (start, held, before + tuple(c for c in causes if c not in before))
        else:
            segs.append((t, held, causes))
    ends: list[dt.date | None] = [s[0] for s in segs[1:]]
    return list(zip(segs, [*ends, None], strict=True))


def tenures(timeline: Timeline) -> tuple[Tenure, ...]:
    """Every committee membership of the timeline with the office and interval it held.

    A membership that two successive decisions both set (a composition replaced by one that
    keeps the post in the same role) is one tenure carried by both decisions.

    Args:
        timeline: the timeline.

    Returns:
        Tenures sorted by committee, then start, then the membership's place in the text.

    Runtime complexity: O(c · p · n) for c committees, p change points and n decisions.
    """
    committees = sorted(
        {e.org_id for d in timeline.decisions for e in d.effects if isinstance(e, SetComposition)}
    )
    out: list[Tenure] = []
    for cid in committees:
        open_: dict[tuple[Membership, PostRef], Tenure] = {}
        done: list[tuple[int, Tenure]] = []
        order: dict[Membership, int] = {}
        for (start, seats, causes), end in _segments(timeline, cid):
            for key in seats:
                m, office = key
                order.setdefault(m, len(order))
                t = open_.get(key)
                if t is not None and t.end == start:
                    extra = tuple(c for c in causes if c not in t.decisions)
                    open_[key] = attrs.evolve(t, end=end, decisions=t.decisions + extra)
                else:
                    if t is not None:
                        done.append((order[m], t))
                    open_[key] = Tenure(cid, m, office, start, end, causes)
        done.extend((order[t.membership], t) for t in open_.values())
        out.extend(t for _, t in sorted(done, key=lambda p: (p[1].start, p[0])))
    return tuple(out)
