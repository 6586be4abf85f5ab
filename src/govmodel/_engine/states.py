"""Every organisation alive on a day, without walking every track (private).

A full snapshot asks each organisation's track for its version on the day: N binary
searches for N organisations ever. :class:`States` holds the changes of every track (a
version starts, a track ends) in date order, and the whole state — one slot per
organisation, in id order — after every few thousand changes (:data:`STEP`, at least an
eighth of N). The state on a day is a copy of the last kept state before it (one list
copy) plus the changes since.

An index builds it on the second full snapshot it is asked for (a timeline asked once pays
no more than the walk), and never changes it.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_right
from collections import deque
from functools import partial
from itertools import repeat
from operator import is_not

from govmodel._engine.track import Org, Track

__all__ = ["STEP", "States"]

_ALIVE = partial(is_not, None)  # a slot holding a value (None: not alive)
_RUN: partial[deque[None]] = partial(deque, maxlen=0)  # runs calls made for their effect, in C

#: The fewest changes between two kept states; with N organisations ever, at least N / 8,
#: so that the kept states take at most about 8 × (changes / N) × N slots — a few times the
#: tracks themselves — and a day costs O(N) whatever the size, the changes set after the
#: copy at most an eighth of it (at N / 4 they cost as much as the copy and the pick: at
#: 2,000,000 decisions a day near 2025 took 16.4 ms, against 7.9 ms at N / 8).
STEP = 2048


class States:
    """The organisations alive on any day (their values then), sorted by id.

    Args:
        tracks: every organisation's finished track.
        step: changes between two kept states (default: :data:`STEP` or N / 8).
    """

    __slots__ = ("_alive", "_days", "_kept", "_slots", "_step", "_values")

    def __init__(self, tracks: dict[str, Track], step: int | None = None) -> None:
        if step is None:
            step = max(STEP, len(tracks) // 8)
        self._step = step
        ids = sorted(tracks)
        # the changes as three columns, a track's at a time (C-level extends): its versions'
        # starts, then its end
        days: list[dt.date] = []
        slots: list[int] = []
        values: list[Org | None] = []
        for p, org_id in enumerate(ids):
            track = tracks[org_id]
            starts, end = track.starts, track.end
            days += starts
            values += track.values
            slots += repeat(p, len(starts))
            if end is not None:
                days.append(end)
                values.append(None)
                slots.append(p)
        # stable: a body made and ended on one day ends
        order = sorted(range(len(days)), key=days.__getitem__)
        self._days = list(map(days.__getitem__, order))
        self._slots = array("l", map(slots.__getitem__, order))
        self._values: list[Org | None] = list(map(values.__getitem__, order))
        del days, slots, values, order
        # which slots hold a value: where every value's class is true as any object is
        # (no __bool__, no __len__: the organisation classes), filter's own truth test,
        # without a call per slot; else a test for None
        kinds = set(map(type, self._values)) - {type(None)}
        plain = not any(hasattr(k, "__bool__") or hasattr(k, "__len__") for k in kinds)
        self._alive = None if plain else _ALIVE
        state: list[Org | None] = [None] * len(ids)
        kept = [state.copy()]
        n = len(self._days)
        for a in range(0, n - step + 1, step):  # each full run of *step* changes, in C
            _RUN(map(state.__setitem__, self._slots[a:a + step], self._values[a:a + step]))
            kept.append(state.copy())
        self._kept = kept

    def on(self, day: dt.date) -> tuple[Org, ...]:
        """The organisations alive on *day* (their values then), in id order."""
        n = bisect_right(self._days, day)
        j = n // self._step
        state = self._kept[j].copy()
        a = j * self._step
        # the changes since the kept state, then the live slots: C-level loops
        _RUN(map(state.__setitem__, self._slots[a:n], self._values[a:n]))
        return tuple(filter(self._alive, state))  # type: ignore[arg-type]  # None filtered out
