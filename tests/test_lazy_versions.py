"""A track's versions are made on first use (govmodel._engine.track).

A build closes each track with its values, starts and end; the immutable versions are made
from the lists it keeps only when something asks for them (a history, a version, lineage).
These tests hold the lazy path to what the versions say, show that a value on a day makes
no version, and that threads asking at once get equal versions.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from hypothesis import given, settings

import govmodel as gm
from govmodel.serialize import load
from strategies import scenarios


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_values_on_a_day_make_no_versions_and_agree_with_them(s):
    """Every snapshot value is read without making versions; made afterwards, the versions
    hold those same values on those same days."""
    tl = s.timeline()
    tracks = tl._index.tracks
    asked = {
        (day, org_id): tl.as_of(day).get(org_id)
        for day in s.dates
        for org_id in tl.organisation_ids()
    }
    assert tracks
    assert all(t.pending is not None for t in tracks.values()), "a value made versions"
    for (day, org_id), value in asked.items():
        v = tracks[org_id].at(day)
        assert (None if v is None else v.value) is value, (day, org_id)
    tl._index._check()  # every version made: contiguous, same values, lists let go


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_versions_made_late_equal_a_rebuild_asked_at_once(s):
    """Versions made after other queries (snapshots, a find, mandates) equal those a fresh
    build gives when asked first."""
    tl = s.timeline()
    for day in s.dates:
        len(tl.as_of(day))
    tl.find("a")
    late = {i: tuple(tl.history(i)) for i in tl.organisation_ids()}
    fresh = s.timeline()
    first = {i: tuple(fresh.history(i)) for i in fresh.organisation_ids()}
    assert late == first


def test_threads_asking_at_once_get_equal_versions():
    """Eight threads ask every commune's history of a fresh timeline at once: each gets
    the very same versions (made once), and every track ends with its lists let go."""
    tl = load(Path(gm.__file__).parent / "datasets" / "vietnam-communes-2025.json.gz").timeline()
    ids = sorted(tl.organisation_ids())
    assert all(t.pending is not None for t in tl._index.tracks.values())
    results: list[dict[str, tuple[gm.Version, ...]]] = []
    start = threading.Barrier(8)

    def ask() -> None:
        start.wait()
        results.append({i: tuple(tl.history(i)) for i in ids})

    threads = [threading.Thread(target=ask) for _ in range(8)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often: inside the making of versions too
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert len(results) == 8
    assert all(r == results[0] for r in results[1:])
    for i in ids:  # the same objects, not only equal ones
        assert all(r[i][k] is results[0][i][k] for r in results for k in range(len(r[i])))
    assert all(t.pending is None for t in tl._index.tracks.values())
    assert tl.history("ha-noi")[-1].value.name == "thành phố Hà Nội"
