"""The collector during and after builds: paused while building, large builds left frozen."""

from __future__ import annotations

import gc
import sys
import weakref

import pytest

import govmodel as gm
from govmodel.serialize import Dataset, dumps, loads

build_module = sys.modules["govmodel._engine.build"]


@pytest.fixture
def fresh_gc(monkeypatch: pytest.MonkeyPatch):
    """Nothing frozen before; everything unfrozen and the module's flag reset after."""
    gc.unfreeze()
    monkeypatch.setattr(build_module, "_FROZE", [False])
    yield
    gc.unfreeze()


def _decisions(n: int) -> list[gm.Decision]:
    return [
        gm.Decision(number=f"{i}/QĐ-UBND", issuer="p/ubnd", signed_on="2020-01-01",
                    effective_on="2020-01-02",
                    effects=[gm.Establish(org=gm.Unit(id=f"p/u{i}", name=f"Phòng {i}",
                                                      kind="division"))])
        for i in range(1, n + 1)
    ]


def test_a_small_build_freezes_nothing(fresh_gc: None) -> None:
    tl = gm.Timeline.from_decisions(_decisions(5))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert len(tl.as_of("2020-01-02")) == 5


def test_a_large_build_is_left_frozen_and_later_small_builds_are_not(
    fresh_gc: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "FREEZE_AT", 10)
    tl = gm.Timeline.from_decisions(_decisions(10))
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    small = gm.Timeline.from_decisions(_decisions(3))  # below the threshold: left young
    assert gc.get_freeze_count() == frozen
    assert len(tl.as_of("2020-01-02")) == 10 and len(small.as_of("2020-01-02")) == 3


def test_after_unfreeze_a_small_build_leaves_garbage_cycles_collectable(
    fresh_gc: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "FREEZE_AT", 10)
    gm.Timeline.from_decisions(_decisions(10))
    gc.unfreeze()

    class Node:
        pass

    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]
    ref = weakref.ref(cycle)
    del cycle
    gm.Timeline.from_decisions(_decisions(3))
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert ref() is None


def test_a_large_loaded_dataset_is_left_frozen(
    fresh_gc: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "FREEZE_AT", 10)
    monkeypatch.setattr(sys.modules["govmodel._serial.load"], "FREEZE_AT", 10)
    ds = Dataset(name="gc", title="GC", decisions=tuple(_decisions(10)),
                 organisations=(gm.Agency(id="p/ubnd", name="Ủy ban nhân dân tỉnh Thử",
                                          kind="peoples_committee", level="province"),))
    loaded = loads(dumps(ds))
    assert gc.isenabled() and gc.get_freeze_count() > 0
    assert len(loaded.timeline().as_of("2020-01-02")) == 11


def test_the_collector_stays_off_when_the_caller_turned_it_off(fresh_gc: None) -> None:
    gc.disable()
    try:
        gm.Timeline.from_decisions(_decisions(3))
        assert not gc.isenabled()
    finally:
        gc.enable()
