"""The benchmark's synthetic data are valid data: the engine's laws hold on small sizes."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reference import engine_state, replay

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.synthetic import generate


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 10_000), st.integers(60, 200))
def test_synthetic_timelines_equal_the_reference_replay(seed: int, n: int) -> None:
    """For generated histories, the snapshot on random days equals the naive replay."""
    data = generate(n, seed=seed, provinces=1)
    tl = data.timeline()
    decisions, initial = list(data.decisions), list(data.initial)
    for day in data.dates(random.Random(seed), 4):
        assert engine_state(tl.as_of(day)) == replay(decisions, initial, day)


def test_generation_is_deterministic() -> None:
    """Equal arguments give equal decisions; another seed gives others."""
    assert generate(200, seed=3).decisions == generate(200, seed=3).decisions
    assert generate(200, seed=3).decisions != generate(200, seed=4).decisions
