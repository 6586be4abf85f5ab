"""The schedule's days as an index keeps them (private): packed when a day allows it.

A build files every effect on its day as an :data:`~govmodel._engine.track.Item`
``(decision, position, effect)``. Most days hold whole decisions: every effect of each of
their decisions takes effect that day. Such a day is kept as the decision alone, or a tuple
of its decisions in order, and its items are made again when asked (:func:`items`): an item
is a 64-byte tuple, 15 MB at 200,000 decisions, and after the build only an added decision
or a selective replay reads a day's items. A day where a decision has effects on other days
keeps its list of items.
"""

from __future__ import annotations

from collections.abc import Iterator

from govmodel._engine.track import Item
from govmodel.decisions import Decision
from govmodel.effects import Effect

__all__ = ["Day", "effects", "items", "packed"]

#: A day as kept: its items, its one decision or its decisions (each with all its effects).
Day = list[Item] | tuple[Decision, ...] | Decision


def items(day: Day) -> list[Item]:
    """The items of *day*, in order (a day kept as items: that very list)."""
    if isinstance(day, list):
        return day
    if isinstance(day, tuple):
        return [(d, i, e) for d in day for i, e in enumerate(d.effects)]
    return [(day, i, e) for i, e in enumerate(day.effects)]


def effects(day: Day) -> Iterator[Effect]:
    """The effects of *day*, in order, without making its items."""
    if isinstance(day, list):
        for it in day:
            yield it[2]
    elif isinstance(day, tuple):
        for d in day:
            yield from d.effects
    else:
        yield from day.effects


def packed(day: list[Item]) -> Day:
    """*day* kept compactly: its decisions, when each has all its effects on it.

    A day's items are grouped by decision, in decision order, and each decision's in the
    order of its effects; so a run that starts at a decision's first effect and still holds
    that decision as many items on holds every one of its effects: one look per decision.
    """
    n = len(day)
    d = day[0][0]
    k = len(d.effects)
    if k == n and day[-1][0] is d and day[0][1] == 0:  # the common day: one whole decision
        return d
    ds: list[Decision] = []
    i = 0
    while i < n:
        first = day[i]
        d = first[0]
        k = len(d.effects)
        if first[1] != 0 or i + k > n or day[i + k - 1][0] is not d:
            return day
        ds.append(d)
        i += k
    return tuple(ds)
