"""Folding standing provisions into values over time (law 4), and the replay's fast values
(private).

Standing provisions count only while their decision is in force; on each date on which one
starts or ends, an organisation's mandate is folded again from its provisions in effective
date order (``SetMandate`` replaces, ``AmendMandate`` adds and removes, transfers move items)
and a committee's composition is the last ``SetComposition`` in force. The results are
:class:`~govmodel._engine.track.Segments`, folded on an organisation's first use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from govmodel._engine.track import (
    CompositionItem,
    InForce,
    MandateItem,
    Segments,
)
from govmodel.decisions import Decision
from govmodel.model import Mandate, Membership, TaskGroup


class Ends(Protocol):
    """What folding needs to know of the decisions: when each stops being in force."""

    end_of: dict[int, dt.date]  # the decisions that end (an open one: absent)
    ended_by: dict[int, Decision]

    def in_force(self, d: Decision, day: dt.date) -> bool: ...

# --------------------------------------------------------------------------- mandates
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
    if kind == "amend":
        return mandate_plus(mandate_minus(m, payload.remove), payload.add)
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


def mandate_segments(items: list[MandateItem], ix: Ends) -> Segments[Mandate]:
    end_of, ended_by, in_force = ix.end_of, ix.ended_by, ix.in_force
    first_ending: dict[dt.date, Decision] = {}  # end date -> first standing item's decision
    ending_at: dict[dt.date, int] = {}  # end date -> index of the first item ending then
    for n, (_, kind, _, d) in enumerate(items):
        if kind != "delta" and (e := end_of.get(id(d))) is not None and e not in ending_at:
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


def composition_segments(
    items: list[CompositionItem], ix: Ends
) -> Segments[tuple[Membership, ...]]:
    end_of, ended_by, in_force = ix.end_of, ix.ended_by, ix.in_force
    first_ending: dict[dt.date, Decision] = {}
    for _, _, d in items:
        if (e := end_of.get(id(d))) is not None and e not in first_ending:
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


