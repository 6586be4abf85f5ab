"""A snapshot in the shape of the ``vietnam-provinces`` package (issue 13, shapes users
already have): export.vnprovinces and ``govmodel vn-provinces``.

The counts come from the generator's input tables (tools/national, the statistics office's
lists), not from the generated dataset; the shape from the real package's own file
(``vietnam-provinces`` 2025.10.1, a dev dependency).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import vietnam_provinces
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.export.vnprovinces import PROVINCE_KEYS, WARD_KEYS, provinces, provinces_json
from govmodel.vn.text import normalize_tones

EVE, JULY = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
NATIONAL = Path(__file__).resolve().parent.parent / "tools" / "national"


def _table(name: str) -> list[dict[str, str]]:
    with (NATIONAL / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@functools.cache
def communes() -> gm.Timeline:
    return gm.load_dataset("vietnam-communes-2025")


@functools.cache
def exported(day: dt.date) -> list[dict[str, object]]:
    return provinces(communes().as_of(day))


@functools.cache
def package() -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(
        vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    return data


def _wards_per_province_before() -> Counter[int]:
    district = {r["code"]: r["province_code"] for r in _table("districts_before.csv")}
    return Counter(int(district[r["district_code"]]) for r in _table("communes_before.csv"))


def test_on_1_july_2025_34_provinces_each_with_the_snapshots_communes():
    """From 1/7/2025: 34 provinces; each one's wards are exactly the communes the snapshot
    places directly under it (the district level has ended), by id's code and name."""
    snap = communes().as_of(JULY)
    items = exported(JULY)
    assert len(items) == 34
    by_code = {p["code"]: p for p in items}
    for unit in snap.organisations():
        if not isinstance(unit, gm.AdminUnit) or unit.unit_type.tier != 1:
            continue
        code = int(next(i.value for i in unit.identifiers if i.holds_on(JULY)))
        expected = {
            (int(next(i.value for i in c.identifiers if i.holds_on(JULY))), c.name.casefold())
            for c in snap.children(unit.id) if isinstance(c, gm.AdminUnit)}
        wards = by_code[code]["wards"]
        assert isinstance(wards, list)
        assert {(w["code"], w["name"].casefold()) for w in wards} == expected
    assert sum(len(p["wards"]) for p in items) == len(_table("communes_after.csv")) == 3321


def test_on_30_june_2025_63_provinces_with_their_districts_communes():
    """On 30/6/2025: 63 provinces, each with every commune of its districts, as many as the
    statistics office's list gives per province."""
    items = exported(EVE)
    assert len(items) == 63 == len(_table("provinces_before.csv"))
    assert Counter({p["code"]: len(p["wards"]) for p in items}) == _wards_per_province_before()


def test_ha_noi_on_both_sides_of_the_reform():
    """Hà Nội keeps code 01; its wards are the 126 communes after and the 526 before (the
    counts of the input tables; 1656/NQ-UBTVQH15 arranged 526 communes into 126)."""
    after = {p["code"]: p for p in exported(JULY)}[1]
    before = {p["code"]: p for p in exported(EVE)}[1]
    n_after = sum(r["province_code"] == "01" for r in _table("communes_after.csv"))
    assert n_after == 126
    assert len(after["wards"]) == n_after
    assert len(before["wards"]) == _wards_per_province_before()[1] == 526
    for p in (after, before):
        assert (p["name"], p["codename"], p["division_type"]) == (
            "Thành phố Hà Nội", "ha_noi", "thành phố trung ương")
    wards = {w["name"]: w for w in after["wards"]}
    assert wards["Phường Hoàn Kiếm"]["codename"] == "phuong_hoan_kiem"
    assert wards["Phường Hoàn Kiếm"]["short_codename"] == "hoan_kiem"


def test_the_keys_are_the_real_packages_less_what_no_record_gives():
    """Every province has the package's keys but ``phone_code`` (no record govmodel holds
    gives area codes), every ward exactly the package's ward keys, with its value types."""
    real = package()
    real_province_keys = {k for p in real for k in p}
    real_ward_keys = {k for p in real for w in p["wards"] for k in w}  # type: ignore[attr-defined]
    assert real_province_keys == set(PROVINCE_KEYS)
    assert real_ward_keys == set(WARD_KEYS)
    for day in (EVE, JULY):
        for p in exported(day):
            assert set(p) == real_province_keys - {"phone_code"}
            assert isinstance(p["code"], int) and isinstance(p["name"], str)
            for w in p["wards"]:  # type: ignore[attr-defined]
                assert set(w) == real_ward_keys
                assert isinstance(w["code"], int)
    ours = {p["code"]: p for p in exported(JULY)}
    for p in real:
        assert {k: ours[p["code"]][k] for k in ("name", "codename", "division_type")} == {
            k: p[k] for k in ("name", "codename", "division_type")}


def test_wards_named_alike_in_the_package_have_its_codenames_and_types():
    """Where the package and govmodel give a ward the same code and name (up to tone
    placement: the package writes "Hoà", the records "Hòa"), its codename, short codename
    and type are the package's. The package shortens "Xã Phượng Dực" to "duc" and "Xã
    Phương Thịnh" to "thinh" (it takes them for the type word "phường"): those are left out."""
    real = {w["code"]: w for p in package() for w in p["wards"]}  # type: ignore[attr-defined]
    same = 0
    for p in exported(JULY):
        for w in p["wards"]:  # type: ignore[attr-defined]
            r = real.get(w["code"])
            if r is None or normalize_tones(r["name"]) != normalize_tones(w["name"]):
                continue
            same += 1
            if not (w["division_type"] == "xã" and w["short_codename"].startswith("phuong_")):
                assert (w["codename"], w["short_codename"], w["division_type"]) == (
                    r["codename"], r["short_codename"], r["division_type"])
    assert same > 3000  # of 3,321: the two sources number some wards differently


def test_a_province_dataset_without_communes_and_a_unit_without_a_code():
    """Provinces with no communes recorded have an empty ``wards``; a unit with no code on
    the date has no ``code`` key (never a made-up one)."""
    items = provinces(gm.load_dataset("vietnam-provinces-2025").as_of(EVE))
    assert len(items) == 63 and all(p["wards"] == [] for p in items)
    unit = gm.AdminUnit(id="x", name="tỉnh X", unit_type="tinh")
    ward = gm.AdminUnit(id="x/y", name="xã Ý Yên", unit_type="xa", parent="x",
                        identifiers=[gm.Identifier("gso", "00123")])
    (only,) = provinces(gm.Timeline.from_decisions([], initial=[unit, ward]).as_of(EVE))
    assert only == {"name": "X", "codename": "x", "division_type": "tỉnh", "wards": [
        {"name": "Xã Ý Yên", "code": 123, "codename": "xa_y_yen", "division_type": "xã",
         "short_codename": "y_yen"}]}


@settings(max_examples=25, deadline=None)
@given(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)))
def test_on_any_date_every_commune_alive_is_a_ward_of_one_province(day):
    """On any date, the wards listed are the communes alive, each once, under the province
    that encloses it then."""
    snap = communes().as_of(day)
    items = provinces(snap)
    alive = [o for o in snap.organisations()
             if isinstance(o, gm.AdminUnit) and o.unit_type.tier == 3]
    assert len(items) == (63 if day < JULY else 34)
    listed = Counter(w["codename"] for p in items for w in p["wards"])
    assert sum(listed.values()) == len(alive)


def test_the_vn_provinces_command():
    """``govmodel vn-provinces --at DATE -f json`` writes the package's list itself."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "govmodel", "-d", "vietnam-communes-2025",
                               "vn-provinces", *args], capture_output=True, text=True,
                              check=False, encoding="utf-8")

    out = run("--at", "1/7/2025", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc == json.loads(provinces_json(communes().as_of(JULY)))
    assert len(doc) == 34
    rows = list(csv.DictReader(run("--at", "30/6/2025", "-f", "csv").stdout.splitlines()))
    assert len(rows) == 10035
    text = run("--at", "2025-06-30").stdout
    assert "63 provinces, 10035 wards on 2025-06-30" in text
