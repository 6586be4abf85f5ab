"""The bundled 2025 restructuring, read through the engine (issue 13).

The expected mapping is the public record typed in tests/test_national_inputs.py (the
appendix of Nghị quyết 60-NQ/TW, whose groupings Nghị quyết 202/2025/QH15 enacted), not the
generator's inputs; here it is checked against what the timeline answers.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter

import pytest

import govmodel as gm
from test_national_inputs import MERGED, UNCHANGED

EVE, JULY = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@functools.cache
def provinces() -> gm.Timeline:
    return gm.load_dataset("vietnam-provinces-2025")


@functools.cache
def communes() -> gm.Timeline:
    return gm.load_dataset("vietnam-communes-2025")


def units(tl: gm.Timeline, day: dt.date, tier: int) -> list[gm.AdminUnit]:
    return [o for o in tl.as_of(day).organisations()
            if isinstance(o, gm.AdminUnit) and o.unit_type.tier == tier]


def short(u: gm.AdminUnit) -> str:
    return u.short_names[0] if u.short_names else u.name


def test_63_provinces_on_30_june_and_34_on_1_july():
    tl = provinces()
    assert len(units(tl, EVE, 1)) == 63
    assert len(units(tl, JULY, 1)) == 34
    # as known before the resolution was passed, 20 June still has 63
    known = tl.as_of("2025-06-20", known_on="2025-06-11")
    assert sum(1 for o in known.organisations()
               if isinstance(o, gm.AdminUnit) and o.unit_type.tier == 1) == 63


def test_the_successor_of_each_of_the_63_is_the_public_record():
    tl = provinces()
    expected: dict[str, str] = dict(zip(UNCHANGED, UNCHANGED, strict=True))
    for new, (olds, _seat) in MERGED.items():
        expected.update(dict.fromkeys(olds, new))
    got = {short(u): short(tl.successor(u.id, on=JULY)) for u in units(tl, EVE, 1)}
    assert got == expected


def test_bac_kan_to_thai_nguyen_and_ha_giang_to_tuyen_quang():
    tl = provinces()
    assert tl.successor("bac-kan", on=JULY).id == "thai-nguyen-2025"
    assert tl.successor("ha-giang", on=JULY).name == "tỉnh Tuyên Quang"
    ended = tl.history("ha-giang")[-1].ended
    assert ended is not None and ended.kind == "merged"
    assert str(ended.decision.number) == "202/2025/QH15"
    assert tl.successor("ha-giang", on="2025-06-30").id == "ha-giang"


def test_name_from_one_predecessor_seat_and_code_from_another():
    tl = provinces()
    for new, (_olds, seat) in MERGED.items():
        if seat == new:
            continue
        unit = next(u for u in units(tl, JULY, 1) if short(u) == new)
        seat_unit = next(u for u in units(tl, EVE, 1) if short(u) == seat)
        (code,) = [i.value for i in unit.identifiers if i.scheme == "gso"]
        assert tl.by_identifier("gso", code, on=JULY) == (unit.id,)
        assert tl.by_identifier("gso", code, on=EVE) == (seat_unit.id,)


def test_the_pending_resolution_is_in_force_between_passing_and_1_july():
    tl = provinces()
    (nq,) = [d for d in tl.decisions if str(d.number) == "202/2025/QH15"]
    assert tl.in_force(nq, "2025-06-20")
    assert nq in tl.pending("2025-06-20")


def test_every_old_commune_has_a_fate_and_divided_ones_one_default():
    tl = communes()
    old = units(tl, EVE, 3)
    assert len(old) == 10035
    assert len(units(tl, JULY, 3)) == 3321
    assert not units(tl, JULY, 2)  # the district level ended
    kinds = Counter()
    for u in old:
        ended = tl.history(u.id)[-1].ended
        assert ended is not None and ended.on == JULY, u.id
        kinds[ended.kind] += 1
        if ended.kind == "split":
            parts = tl.successors(u.id)
            assert len(parts) >= 2
            assert sum(e.default for e in parts) == 1
            assert tl.successor(u.id, on=JULY).id == ended.default
        else:
            assert len(ended.into) == 1
            assert tl.successor(u.id, on=JULY).id == ended.into[0]
    assert set(kinds) <= {"merged", "absorbed", "split"}
    assert kinds["split"] == 471


@pytest.mark.parametrize("name", ["vietnam-provinces-2025", "vietnam-communes-2025"])
def test_the_national_datasets_cite_every_decision(name):
    tl = gm.load_dataset(name)
    assert all(d.sources for d in tl.decisions)
    tl._index._check()
