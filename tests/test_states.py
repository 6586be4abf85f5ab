"""Full snapshots from kept states (govmodel._engine.states) equal the walk of every track.

From its second full snapshot on, an index answers "every organisation alive on D" from the
changes of all tracks in date order with the whole state kept every few thousand changes.
These tests hold it to the walk (one binary search per track) on every day that matters:
each change day, the day before it, and the scenario's dates.
"""

from __future__ import annotations

import datetime as dt

import pytest
from benchmarks.synthetic import generate
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel._engine import states
from strategies import scenarios

DAY = dt.timedelta(days=1)


def walked(tl: gm.Timeline, day: dt.date) -> list[int]:
    """The values alive on *day*, by id: each track's version then (its versions made)."""
    found = [v for t in tl._index.tracks.values() if (v := t.at(day)) is not None]
    return [id(v.value) for v in sorted(found, key=lambda v: v.value.id)]


def days_of(tl: gm.Timeline, extra: list[dt.date]) -> list[dt.date]:
    change_days = tl._index.day_list
    return sorted({*change_days, *(d - DAY for d in change_days if d > dt.date.min), *extra})


@settings(max_examples=150, deadline=None)
@given(scenarios(), st.sampled_from([1, 2, 3, 2048]))
def test_kept_states_equal_the_walk_on_every_day(s, step):
    """Whatever the spacing of the kept states (down to one change), the state on each day
    is the walk's: same versions, same order."""
    tl = s.timeline()
    kept = states.States(tl._index.tracks, step)
    for day in days_of(tl, list(s.dates)):
        assert [id(v) for v in kept.on(day)] == walked(tl, day), day


def test_the_second_full_snapshot_builds_them():
    """The first full snapshot walks; the second builds the kept states, which then answer
    (and Index._check compares them with the walk)."""
    tl = gm.load_dataset("lang-son-history")
    ix = tl._index
    assert ix.states is None
    first = tl.as_of("2021-12-10").organisations()
    assert ix.states is None
    second = tl.as_of("2008-04-01").organisations()
    assert ix.states is not None
    assert tl.as_of("2021-12-10").organisations() == first  # kept snapshot
    assert [o.id for o in second] == sorted(o.id for o in second)
    for day in days_of(tl, []):
        assert [id(o) for o in ix.states.on(day)] == walked(tl, day)
    ix._check()


@pytest.mark.parametrize("seed", [0, 1])
def test_kept_states_on_generated_country_data(seed):
    """On country-like generated data (mergers, splits, many changes a day) every change
    day and its eve agree with the walk."""
    data = generate(3000, seed=seed)
    tl = data.timeline()
    kept = states.States(tl._index.tracks, 64)
    for day in days_of(tl, [])[::7]:
        assert [id(v) for v in kept.on(day)] == walked(tl, day), day
