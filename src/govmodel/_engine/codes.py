"""Official codes over time (private): who holds a code on a day, and no code held twice.

An organisation holds each of its identifiers while both it (the version that lists it) and
the identifier are valid. A code may pass from one body to another (a new province takes
its seat's old code on 1/7/2025, the old holder keeping it until then), but on one day one
scheme's code has at most one holder: two are an error naming both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from govmodel._engine.index import Index
from govmodel._engine.track import BEGINNING
from govmodel.errors import DecisionError, DuplicateIdentifierError

__all__ = ["Held", "by_identifier", "check", "holders"]

#: One holding of a code: (first day, first day no longer held or None, holder id).
Held = tuple[dt.date, dt.date | None, str]


def holders(ix: Index) -> dict[tuple[str, str], list[Held]]:
    """Every code's holdings, in date order (built on first use).

    Cost: O(v + c log c) for v versions and c holdings of the busiest code.
    """
    found = ix.codes
    if found is None:
        acc: dict[tuple[str, str], list[Held]] = {}
        for org_id, track in ix.tracks.items():
            starts, values = track.starts, track.values
            last = len(starts) - 1
            for k, value in enumerate(values):
                codes = value.identifiers
                if not codes:
                    continue
                start = starts[k]
                to = track.end if k == last else starts[k + 1]  # the version's valid_to
                for i in codes:
                    vf, vt = i.valid_from, i.valid_to
                    lo = start if vf is None or vf < start else vf
                    hi = to if vt is None else vt if to is None or vt < to else to
                    if hi is not None and hi <= lo:
                        continue
                    key = (i.scheme, i.value)
                    runs = acc.get(key)
                    if runs is None:
                        acc[key] = [(lo, hi, org_id)]
                    elif runs[-1][2] == org_id and runs[-1][1] == lo:
                        runs[-1] = (runs[-1][0], hi, org_id)  # the next version keeps it
                    else:
                        runs.append((lo, hi, org_id))
        for runs in acc.values():
            if len(runs) > 1:
                runs.sort(key=_run_order)
        found = ix.codes = acc
    return found


def _run_order(h: Held) -> tuple[dt.date, str]:
    return (h[0], h[2])


def _earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def by_identifier(ix: Index, scheme: str, value: str, on: dt.date | None) -> tuple[str, ...]:
    """The ids holding the code on *on* (at most one), or every holder over time."""
    runs = holders(ix).get((scheme, value), ())
    if on is None:
        return tuple(dict.fromkeys(h[2] for h in runs))
    return tuple(h[2] for h in runs if h[0] <= on and (h[1] is None or on < h[1]))


def check(ix: Index, fail: Callable[[DecisionError], None]) -> None:
    """Report every code two organisations hold on one day."""
    for (scheme, value), runs in holders(ix).items():
        if len(runs) < 2:
            continue
        a = runs[0]
        for b in runs[1:]:
            clash = a[2] != b[2] and (a[1] is None or b[0] < a[1])
            # the holding that reaches furthest is the one the next is compared with
            reaches = a[1] is not None and (b[1] is None or b[1] > a[1])
            a_next = b if reaches else a
            if clash:
                track = ix.tracks[b[2]]
                v = track.at(b[0])
                d = None if v is None else v.decision
                fail(
                    DuplicateIdentifierError(
                        f"code {scheme}:{value} is held by both {a[2]!r} and {b[2]!r} on "
                        f"{b[0] if b[0] != BEGINNING else 'the first day'}",
                        decision=None if d is None else str(d.ref),
                        org_id=b[2],
                        on=None if b[0] == BEGINNING else b[0],
                    )
                )
            a = a_next
