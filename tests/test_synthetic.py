"""The benchmark's synthetic data are valid data (benchmarks/synthetic.py).

The generator must give, for a seed, always the same decisions; decisions the engine accepts;
states equal to the naive reference replay of DESIGN.md §2 on any date; and the hard cases the
benchmark claims to cover. The benchmark's own baselines (naive replay, SQLite) must agree
with the engine, and incremental building must equal a full build on these data too. Sizes
are small: these tests check the data, they time nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest

import govmodel as gm
from reference import engine_state, replay
from test_incremental import assert_same, fold_all

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.baselines import NaiveReplay, SqliteVersions
from benchmarks.synthetic import (
    DEPT_MERGERS_2025,
    PROVINCE_MERGERS_2025,
    QUOC_HOI,
    REORG_2008,
    generate,
)

KEY_DATES = [
    REORG_2008 - dt.timedelta(days=1),
    REORG_2008,
    DEPT_MERGERS_2025 - dt.timedelta(days=1),
    DEPT_MERGERS_2025,
    PROVINCE_MERGERS_2025 - dt.timedelta(days=1),
    PROVINCE_MERGERS_2025,
    dt.date(2030, 1, 1),
]


def test_same_seed_same_data():
    """Generation is deterministic: equal arguments give equal decisions and first states;
    another seed gives other decisions."""
    a, b = generate(500, seed=3), generate(500, seed=3)
    assert a.decisions == b.decisions
    assert a.initial == b.initial
    assert generate(500, seed=4).decisions != a.decisions


@pytest.mark.parametrize(
    ("n", "seed", "provinces"),
    [(300, 0, None), (600, 1, 1), (900, 2, 3), (1500, 3, None), (4000, 4, 4)],
)
def test_generated_decisions_are_valid(n, seed, provinces):
    """Law 6: the engine finds no fault in the data (validate() lists every one)."""
    data = generate(n, seed=seed, provinces=provinces)
    assert len(data.decisions) >= n
    assert gm.validate(data.decisions, initial=data.initial) == []


@pytest.mark.parametrize(("n", "seed"), [(200, 0), (300, 5), (300, 6)])
def test_states_equal_the_reference_replay(n, seed):
    """Laws 1-4: on random dates and around each reform, as_of(D) equals the naive
    reference replay of every decision in force up to D."""
    data = generate(n, seed=seed, provinces=2)
    tl = data.timeline()
    days = KEY_DATES + data.dates(random.Random(seed), 4)
    for day in days:
        assert engine_state(tl.as_of(day)) == replay(list(data.decisions), list(data.initial), day)


def test_data_hold_the_hard_cases():
    """The data exercise what the benchmark claims: every effect class, supersession,
    repeals, amendments, retroactive, future-dated and expiring decisions, department and
    province mergers with the district level abolished."""
    data = generate(6000, seed=0)
    effects = {type(e).__name__ for d in data.decisions for e in d.effects}
    # the synthetic country has bodies, neither territories nor people: the effects on
    # administrative units and post holders are exercised by their own tests
    on_units = {"TransferArea", "Reclassify", "EndLevel", "Appoint", "EndAppointment"}
    assert effects == set(gm.effects.EFFECT_TYPES) - on_units
    ds = data.decisions
    assert any(d.supersedes for d in ds)
    assert any(d.repeals for d in ds)
    assert any(d.amends for d in ds)
    assert any(d.retroactive for d in ds)
    assert any(d.signed_on is not None and d.signed_on < d.effective_on for d in ds)
    assert any(d.expires_on for d in ds)
    assert any(d.issuer == QUOC_HOI for d in ds)
    assert any(isinstance(e, gm.Merge) and e.establish for d in ds for e in d.effects)
    tl = data.timeline()
    before = tl.as_of(PROVINCE_MERGERS_2025 - dt.timedelta(days=1))
    after = tl.as_of(PROVINCE_MERGERS_2025)
    levels = [o.level.value for o in after.organisations() if isinstance(o, gm.Agency)]
    assert "district" not in levels
    ubnd = [o for o in before.organisations() if o.id.endswith("/ubnd")]
    assert len([o for o in after.organisations() if o.id.endswith("/ubnd")]) < len(ubnd)
    merged = tl.successor("bac-kan/so-bcvt")  # Sở TT&TT Bắc Kạn → Sở KH&CN Thái Nguyên
    assert merged.id == "thai-nguyen/so-khcn"


def test_scale_follows_the_number_of_decisions():
    """About one organisation per ten decisions, provinces growing with size up to 63."""
    data = generate(6000, seed=0)
    tl = data.timeline()
    assert data.provinces == 2
    assert 6000 / 20 < len(tl.organisation_ids()) < 6000 / 5
    assert generate(300, seed=0, provinces=63).provinces == 63


def test_baselines_agree_with_the_engine():
    """The benchmark's naive replay and SQLite versions table give the engine's answers."""
    data = generate(1500, seed=2)
    tl = data.timeline()
    naive = NaiveReplay(data.decisions, data.initial)
    db = SqliteVersions(tl)
    rng = random.Random(0)
    ids = tl.organisation_ids()
    for day in data.dates(rng, 20) + KEY_DATES:
        state = naive.state(day)
        snap = tl.as_of(day)
        assert {o.id: o for o in snap.organisations()} == state
        for org_id in rng.sample(ids, 30):
            org = snap.get(org_id)
            expected = None if org is None else (org.name, org.parent)
            assert db.get(org_id, day.isoformat()) == expected


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_incremental_on_synthetic_data(seed):
    """Law 1: on generated data, adding a late, a middle and an early decision one at a time
    equals building with them from the start."""
    data = generate(800, seed=seed)
    rng = random.Random(seed)
    full = data.timeline()
    days = [*KEY_DATES, *data.dates(rng, 5)]
    picks = [len(data.decisions) - 1, len(data.decisions) // 2, 5]
    for k in picks:
        rest = data.decisions[:k] + data.decisions[k + 1 :]
        try:
            before = gm.Timeline.from_decisions(rest, initial=data.initial)
        except gm.DecisionError:
            continue  # another decision rests on this one
        fold_all(before)
        assert_same(before.with_decision(data.decisions[k]), full, days)
