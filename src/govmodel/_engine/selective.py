"""Replaying only what a change can reach (private): the fast path of an incremental build.

A decision added in the middle of a long history can change, directly, only the
organisations its effects name. From there a difference spreads only through effects: an
effect that names an organisation whose state may differ may itself turn out differently,
so every organisation it names may differ from that day on. :class:`Selective` replays the
days from T like a full replay, but applies only those effects ("reached"); every other
organisation keeps the old index's structures, which equal what a full replay would make,
since nothing it reads differs.

An organisation joins the reached set on the eve of the first day an effect reaching it
falls on (its state then is the old one, :func:`rewind`); on each day the set is closed
over the day's effects before any is applied, so all of a day's effects on a reached body
are applied, in the same order as a full replay (a dependency order of a day restricted to
a closed subset is the order of that subset).

Effects also *read* bodies they do not name: a move walks the new parent's ancestors (no
cycle), an ending looks at the children left under the ended body. So the selective replay
keeps one more invariant: at the end of every day, each reached body the old index holds
is alive or not, and under the same parent, as in the old index. The tree of existing
bodies is then the old one day by day, and every read of an effect not replayed gives what
it gave when the old index was built. What differs is names, mandates, compositions and
new bodies; a change that moves or ends an existing body (or undoes a move or an end) is
not for this path.

What this module cannot decide exactly raises :class:`Unsure`, and the caller replays every
day from T instead (the same result, only slower): a reached body whose place differs from
the old index's, any error (the full replay then raises the first fault, as a full build
would), a reclassification (it reads its parent's and children's types), a move whose
ancestor chain runs through a body not reached that changes on the day of the move.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left
from typing import Any

from govmodel._engine import rules
from govmodel._engine.days import items as day_items
from govmodel._engine.index import Index
from govmodel._engine.mentions import mentions, writes
from govmodel._engine.replay import _DISPATCH, Replay
from govmodel.decisions import Decision
from govmodel.effects import Move
from govmodel.errors import DecisionError
from govmodel.results import Edge
from govmodel.unit_effects import Reclassify

__all__ = ["Selective", "Unsure", "rewind"]


class Unsure(Exception):  # noqa: N818 - not an error: "replay everything instead"
    """The selective replay cannot tell the outcome exactly; replay every day instead."""


def _when(item: Any) -> dt.date:
    """The date of a provision (a tuple, date first) or of a lineage edge."""
    return item.on if isinstance(item, Edge) else item[0]


def rewind(r: Replay, old: Index, a: str, first: dt.date) -> None:
    """Put organisation *a* in *r* as it stood in *old* on the eve of *first* (copy on write).

    Its track is cut at *first*, it is alive (under its parent then) or not, and its
    provisions, lineage edges and succession from *first* on are dropped: the replay from
    *first* makes them again.
    """
    track = old.tracks.get(a)
    if track is None:
        return
    r.dirty.add(a)
    if track.starts[0] >= first:
        r.tracks.drop(a)
        now = None
    else:
        cut = track.reopen(first)
        r.tracks.put(a, cut)
        now = cut.values[-1] if cut.end is None else None
    final = old.live.get(a)
    before_p = None if final is None else final.parent
    now_p = None if now is None else now.parent
    if final is not None and before_p is not None and (now is None or now_p != before_p):
        r.kids_discard(before_p, a)
    if now is not None and now_p is not None and (final is None or now_p != before_p):
        r.kid_set(now_p).add(a)
    if now is None:
        r.current.pop(a, None)
    else:
        r.current[a] = now
    for items in (r.mandate_items, r.composition_items, r.edges):
        lst: list[Any] | None = items.get(a)
        if lst and _when(lst[-1]) >= first:
            kept = lst[: bisect_left([_when(it) for it in lst], first)]
            if kept:
                items.put(a, kept)
            else:
                items.drop(a)
    succ = r.successions.get(a)
    if succ is not None and succ.on >= first:
        del r.successions[a]


def _place(org: Any) -> tuple[Any, ...] | None:
    """What effects read of a body they do not change: whether it is alive, its parent,
    its class and (a unit) its type."""
    if org is None:
        return None
    return (type(org), org.parent, getattr(org, "unit_type", None))


class Selective(Replay):
    """A replay from a day of *old* that applies only the effects a change reaches.

    Args:
        ix: the new index (its schedule holds the old and the new decisions).
        old: the index it starts from (never changed).
        first: the first day anything can differ.
        seeds: the organisations that may differ from *first* on.
    """

    def __init__(self, ix: Index, old: Index, first: dt.date, seeds: set[str]) -> None:
        super().__init__(ix, None, base=old)
        self.old = old
        self.reached: dict[str, dt.date] = {}
        self.days_of = mentions(ix)
        self.queue: list[dt.date] = []  # a heap of the days to look at
        self.queued: set[dt.date] = set()
        self._today: list[Any] = []  # the active effects of the day being replayed
        for a in seeds:
            self.reach(a, first)

    def reach(self, a: str, t: dt.date) -> None:
        """*a* may differ from day *t* on: it is replayed from then."""
        self.reached[a] = t
        rewind(self, self.old, a, t)
        days = self.days_of.get(a)
        if days:
            queued, queue = self.queued, self.queue
            for day in days[bisect_left(days, t) :]:
                if day not in queued:
                    queued.add(day)
                    heapq.heappush(queue, day)

    def replay(self, start: int) -> None:
        ix = self.ix
        days, end_of = ix.days, ix.end_of
        queue, done = self.queue, self.queued
        try:
            while queue:
                t = heapq.heappop(queue)
                done.add(t)  # a body reached today does not queue today again
                items = day_items(days[t])
                active = [it for it in items if (end := end_of.get(id(it[0]))) is None or t < end]
                keys = self.reached.keys()
                hits = [not keys.isdisjoint(writes(it[2])) for it in active]
                if any(hits):
                    self._day(t, active, hits)
                self._same_place(t, items)
        except DecisionError as err:
            raise Unsure from err

    def _day(self, t: dt.date, active: list[Any], hits: list[bool]) -> None:
        """Apply the effects of day *t* that reach a reached body, in the full order."""
        self._close(t, active, hits)
        self._today = active
        if t in self.ix.reorder:
            # the whole day's dependency order, then the reached effects in it: an effect
            # not reached can order two reached ones (a composition naming a merged body)
            reached = {id(it) for it, hit in zip(active, hits, strict=True) if hit}
            day = [it for it in rules.day_order(active) if id(it) in reached]
        else:
            day = [it for it, hit in zip(active, hits, strict=True) if hit]
        skip = None
        if day[0][0] is not day[-1][0]:
            skip = rules.same_day_claims(t, day, self.current, self.fail)
        ended: list[tuple[str, Decision]] = []
        for it in day:
            d, i, e = it
            if skip and (id(d), i) in skip:
                continue
            te = type(e)
            if te is Reclassify:
                raise Unsure
            _DISPATCH[te](self, e, d, t, it, ended)
        if self.merged:
            self.merged.clear()
        if ended:
            self.check_orphans(t, ended)

    def _same_place(self, t: dt.date, items: list[Any]) -> None:
        """Raise :class:`Unsure` unless every reached body the day names that the old
        index holds is, at the end of day *t*, alive or not and under the parent as there.

        That keeps the tree of existing bodies the old one day by day, so what effects
        not replayed read (ancestors, children left under an ended body) is unchanged.
        """
        reached, current, old_tracks = self.reached, self.current, self.old.tracks
        for it in items:
            for x in writes(it[2]):
                if x not in reached:
                    continue
                track = old_tracks.get(x)
                if track is None:
                    continue  # new: every effect naming it is replayed
                if _place(track.value_at(t)) != _place(current.get(x)):
                    raise Unsure

    def _close(self, t: dt.date, active: list[Any], hits: list[bool]) -> None:
        """Mark every effect of the day that writes a reached body, reaching every body a
        marked effect names (so that what it reads is read as of that day), until nothing
        more is reached."""
        reached = self.reached
        keys = reached.keys()
        grew = True
        while grew:
            grew = False
            for k, it in enumerate(active):
                if not hits[k]:
                    if keys.isdisjoint(writes(it[2])):
                        continue
                    hits[k] = True
                for x in it[2].org_ids():
                    if x not in reached:
                        self.reach(x, t)
                        grew = True

    def check_no_cycle(self, e: Move, t: dt.date, where: Any) -> None:
        """Raise :class:`Unsure` unless moving under ``e.parent`` surely makes no cycle.

        The ancestors are read as they stand on *t*: a reached body from the replay, any
        other from the old index (its state then is the same); one not reached that
        changes today could stand either way, so that is unsure too.
        """
        reached, current, old_tracks = self.reached, self.current, self.old.tracks
        active = self._today
        today: set[str] | None = None
        p: str | None = e.parent
        while p is not None:
            if p == e.org_id:
                raise Unsure
            if p in reached:
                v = current.get(p)
            else:
                if today is None:
                    today = {x for it in active for x in it[2].org_ids()}
                if p in today:
                    raise Unsure
                track = old_tracks.get(p)
                v = None if track is None else track.value_at(t)
            p = None if v is None else v.parent

    def check_orphans(self, t: dt.date, ended: list[tuple[str, Decision]]) -> None:
        """Raise :class:`Unsure` if an ended body leaves a reached unit alive under it.

        Children not reached need no look: a body the old index holds ends here as it did
        there (else the day's place check gives way), and the old build found no orphan
        then; a new body has no children the old index knows.
        """
        reached, current, kids = self.reached, self.current, self.kids.data
        for org_id, _ in ended:
            for child in kids.get(org_id, ()):
                if child in reached and child in current:
                    raise Unsure
