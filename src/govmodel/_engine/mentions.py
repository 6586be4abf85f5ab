"""Which days change each organisation (private): the map the selective replay walks.

An effect *writes* the organisations whose own record it changes: the one it establishes,
renames, moves, ends or gives a provision, the sources and the target of a merge, the
source and the parts of a split, both sides of a transfer. Other organisations it names it
only reads (the parent of a new body, the bodies of a committee's posts). The same rule says
which organisations a failed effect leaves other than the data says (law 11, the replay's
follow-on problems).
:func:`mentions` maps each organisation to the sorted days on which a scheduled effect
writes it — in force or not, since an incremental build may change what is in force. It is
built on the first incremental build from an index and handed on to the next
(:func:`extended`), so a chain of additions pays for it once.
"""

from __future__ import annotations

import datetime as dt
from bisect import insort
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from govmodel._engine.days import effects as day_effects
from govmodel.effects import (
    AmendMandate,
    Dissolve,
    Effect,
    Establish,
    Merge,
    Move,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    TransferFunctions,
)
from govmodel.persons import Appoint, EndAppointment
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea

if TYPE_CHECKING:
    from govmodel._engine.index import Index

__all__ = ["Mentions", "compute", "extended", "mentions", "writes"]

#: Organisation id -> the sorted days a scheduled effect writes it.
Mentions = dict[str, list[dt.date]]


def _one(e: Effect) -> tuple[str, ...]:
    return (e.org_id,)  # type: ignore[attr-defined]  # every class mapped to it has one


_WRITES: dict[type, Callable[[Effect], tuple[str, ...]]] = {
    Rename: _one,
    Move: _one,
    Dissolve: _one,
    SetMandate: _one,
    AmendMandate: _one,
    SetComposition: _one,
    Reclassify: _one,
    Establish: lambda e: (e.org.id,),  # type: ignore[attr-defined]
    Merge: lambda e: (*e.sources, e.into),  # type: ignore[attr-defined]
    Split: lambda e: (e.source, *(p.org_id for p in e.parts)),  # type: ignore[attr-defined]
    TransferFunctions: lambda e: (e.from_org, e.to_org),  # type: ignore[attr-defined]
    TransferArea: lambda e: (e.from_unit, e.to_unit),  # type: ignore[attr-defined]
    # a post's holders are not a body's record; a whole level's end touches bodies it does
    # not name (days holding these are replayed whole: Index.rebuild_days)
    Appoint: lambda e: (),
    EndAppointment: lambda e: (),
    EndLevel: lambda e: (),
}


def writes(e: Effect) -> tuple[str, ...]:
    """The organisations effect *e* changes (every one it names, for a class not listed)."""
    f = _WRITES.get(type(e))
    return e.org_ids() if f is None else f(e)


def mentions(ix: Index) -> Mentions:
    """The days each organisation is written on, from *ix*'s schedule (cached on *ix*)."""
    have = ix.mentions
    if have is None:
        have = ix.mentions = compute(ix)  # published whole: readers never see half of it
    return have


def compute(ix: Index) -> Mentions:
    """The days each organisation is written on, from *ix*'s schedule."""
    out: Mentions = {}
    get, table = out.get, _WRITES
    for t in ix.day_list:
        for e in day_effects(ix.days[t]):
            f = table.get(type(e))
            for x in e.org_ids() if f is None else f(e):
                lst = get(x)
                if lst is None:
                    out[x] = [t]
                elif lst[-1] != t:
                    lst.append(t)
    return out


def extended(old: Mentions, added: Iterable[tuple[dt.date, Effect]]) -> Mentions:
    """*old* with the days of the *added* effects (the lists changed are copies)."""
    out = old.copy()
    own: set[str] = set()
    for t, e in added:
        for x in writes(e):
            lst = out.get(x)
            if lst is None:
                out[x] = [t]
                own.add(x)
                continue
            if x not in own:
                lst = out[x] = list(lst)
                own.add(x)
            if t not in lst:
                insort(lst, t)
    return out
