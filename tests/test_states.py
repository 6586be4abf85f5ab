"""Full snapshots from kept states (govmodel._engine.states) equal the walk of every track.

From its second full snapshot on, an index answers "every organisation alive on D" from the
changes of all tracks in date order with the whole state kept every few thousand changes.
These tests hold it to the walk (one binary search per track) on every day that matters:
each change day, the day before it, and the scenario's dates.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

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


class _Falsy:
    """A value false as an empty container is (its length 0): alive all the same."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __len__(self) -> int:
        return 0


def test_values_false_as_containers_are_alive_all_the_same():
    """The states find the live slots by truth when every value's class is true as any
    object is (the organisation classes); values of a class that can be false are found
    by a test for None instead, and none is dropped."""
    tl = gm.load_dataset("lang-son-history")
    tracks = {
        org_id: SimpleNamespace(starts=t.starts, values=tuple(map(_Falsy, t.values)), end=t.end)
        for org_id, t in tl._index.tracks.items()
    }
    kept = states.States(tracks, 3)  # type: ignore[arg-type]  # what States reads of a track
    days = days_of(tl, [])
    assert any(walked(tl, day) for day in days)
    for day in days:
        assert [id(f.value) for f in kept.on(day)] == walked(tl, day), day


@pytest.mark.parametrize("seed", [0, 1])
def test_kept_states_on_generated_country_data(seed):
    """On country-like generated data (mergers, splits, many changes a day) every change
    day and its eve agree with the walk."""
    data = generate(3000, seed=seed)
    tl = data.timeline()
    kept = states.States(tl._index.tracks, 64)
    for day in days_of(tl, [])[::7]:
        assert [id(v) for v in kept.on(day)] == walked(tl, day), day


@settings(max_examples=30, deadline=None)
@given(scenarios())
def test_snapshots_kept_hold_no_list_and_answer_alike_after_eviction(s):
    """A timeline keeps many snapshots, each five references; the lists of who is alive
    are kept by its index for the last ALIVE_KEPT dates only. A snapshot whose date was
    pushed out answers as before, and as the walk of every track."""
    from govmodel._engine.index import ALIVE_KEPT  # noqa: PLC0415

    tl = s.timeline()
    first = tl.as_of(s.dates[0])
    before = list(first), len(first), [o.id for o in first.organisations()]
    days = [s.dates[0] + k * DAY for k in range(1, ALIVE_KEPT + 5)]
    for day in days:  # more dates than the index keeps lists for
        assert [id(o) for o in tl.as_of(day).organisations()] == walked(tl, day)
    assert len(tl._index.alive_kept) <= ALIVE_KEPT and len(tl._index.ids_kept) <= ALIVE_KEPT
    assert s.dates[0] not in tl._index.alive_kept or len(days) < ALIVE_KEPT
    assert list(tl._index.alive_kept) == days[-ALIVE_KEPT:]  # the last dates asked
    assert tl.as_of(s.dates[0]) is first  # the snapshot itself is kept
    assert not hasattr(first, "__dict__") and set(type(first).__slots__) == {
        "_index", "_observed", "_tracks", "known_on", "on"}
    assert (list(first), len(first), [o.id for o in first.organisations()]) == before
    assert [id(o) for o in first.organisations()] == walked(tl, s.dates[0])


@settings(max_examples=20, deadline=None)
@given(scenarios(), st.integers(1, 6))
def test_as_of_keeps_a_snapshot_per_date_up_to_its_cap(s, cap):
    """``as_of`` on a plain date hands back the kept snapshot; text and datetimes are parsed
    each time and never kept; when the cap is reached all kept snapshots are dropped, and a
    new one answers like the one dropped."""
    from govmodel.snapshot import Snapshots  # noqa: PLC0415

    tl = s.timeline()
    snaps = tl._snaps
    assert isinstance(snaps, Snapshots)
    kept, Snapshots.KEPT = Snapshots.KEPT, cap
    try:
        _check_cap(tl, snaps, s.dates[0], cap)
    finally:
        Snapshots.KEPT = kept


def _check_cap(tl: gm.Timeline, snaps: dict[dt.date, object], start: dt.date, cap: int):
    days = [start + k * DAY for k in range(cap + 2)]
    first = tl.as_of(days[0])
    assert tl.as_of(days[0]) is first and tl.as_of(days[0].isoformat()) == first
    assert tl.as_of(dt.datetime.combine(days[0], dt.time(9))) == first
    assert all(type(k) is dt.date for k in snaps)
    for day in days[1:]:
        assert tl.as_of(day).on == day
        assert len(snaps) <= cap
    again = tl.as_of(days[0])
    assert again is not first and again == first
    assert [o.id for o in again.organisations()] == [o.id for o in first.organisations()]
