"""Checks of the inputs and generated files of tools/build_national.py, with the json module only.

The expected 63 → 34 mapping below is typed from a public record, not read from the generator's
inputs: the appendix of Nghị quyết 60-NQ/TW (12/4/2025) «Danh sách dự kiến tên gọi các tỉnh,
thành phố và trung tâm chính trị - hành chính (tỉnh lỵ) của 34 đơn vị hành chính cấp tỉnh», as
printed by Báo Thanh Hóa, https://baothanhhoa.vn/toan-van-nghi-quyet-hoi-nghi-lan-thu-11-bch-trung-uong-dang-khoa-xiii-245497.htm
(the groupings Nghị quyết 202/2025/QH15 enacted; also listed, items 1–9 seen, at
https://nghean24h.vn/34-tinh-thanh-du-kien-hoat-dong-ngay-tu-ngay-172025-a753727.html).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "src" / "govmodel" / "datasets"
PROVINCES = DATASETS / "vietnam-provinces-2025.json"
COMMUNES = DATASETS / "vietnam-communes-2025.json.gz"
ID_RE = re.compile(r"^[a-z0-9._/-]{1,200}$")

UNCHANGED = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
             "Nghệ An", "Hà Tĩnh", "Cao Bằng"]
# new province: (its predecessors, the predecessor at its seat) — 60-NQ/TW, section II, items 1–23
MERGED = {
    "Tuyên Quang": (["Tuyên Quang", "Hà Giang"], "Tuyên Quang"),
    "Lào Cai": (["Lào Cai", "Yên Bái"], "Yên Bái"),
    "Thái Nguyên": (["Bắc Kạn", "Thái Nguyên"], "Thái Nguyên"),
    "Phú Thọ": (["Vĩnh Phúc", "Phú Thọ", "Hòa Bình"], "Phú Thọ"),
    "Bắc Ninh": (["Bắc Ninh", "Bắc Giang"], "Bắc Giang"),
    "Hưng Yên": (["Hưng Yên", "Thái Bình"], "Hưng Yên"),
    "Hải Phòng": (["Hải Dương", "Hải Phòng"], "Hải Phòng"),
    "Ninh Bình": (["Hà Nam", "Ninh Bình", "Nam Định"], "Ninh Bình"),
    "Quảng Trị": (["Quảng Bình", "Quảng Trị"], "Quảng Bình"),
    "Đà Nẵng": (["Quảng Nam", "Đà Nẵng"], "Đà Nẵng"),
    "Quảng Ngãi": (["Kon Tum", "Quảng Ngãi"], "Quảng Ngãi"),
    "Gia Lai": (["Gia Lai", "Bình Định"], "Bình Định"),
    "Khánh Hòa": (["Ninh Thuận", "Khánh Hòa"], "Khánh Hòa"),
    "Lâm Đồng": (["Lâm Đồng", "Đắk Nông", "Bình Thuận"], "Lâm Đồng"),
    "Đắk Lắk": (["Đắk Lắk", "Phú Yên"], "Đắk Lắk"),
    "Hồ Chí Minh": (["Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh"], "Hồ Chí Minh"),
    "Đồng Nai": (["Đồng Nai", "Bình Phước"], "Đồng Nai"),
    "Tây Ninh": (["Tây Ninh", "Long An"], "Long An"),
    "Cần Thơ": (["Cần Thơ", "Sóc Trăng", "Hậu Giang"], "Cần Thơ"),
    "Vĩnh Long": (["Bến Tre", "Vĩnh Long", "Trà Vinh"], "Vĩnh Long"),
    "Đồng Tháp": (["Tiền Giang", "Đồng Tháp"], "Tiền Giang"),
    "Cà Mau": (["Bạc Liêu", "Cà Mau"], "Cà Mau"),
    "An Giang": (["An Giang", "Kiên Giang"], "Kiên Giang"),
}
PROVINCE_TYPES = {"tinh", "thanh_pho_tw"}
COMMUNE_TYPES = {"xa", "phuong", "thi_tran", "dac_khu"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@pytest.fixture(scope="module")
def prov() -> dict:
    return json.loads(PROVINCES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def comm() -> dict:
    """The commune dataset as plain arrays (the file is in the compact form: tables)."""
    ds = json.loads(gzip.decompress(COMMUNES.read_bytes()).decode("utf-8"))
    assert isinstance(ds["organisations"], dict)  # a table, as the generator writes it
    ds["organisations"] = rows(ds["organisations"])
    for d in ds["decisions"]:
        d["effects"] = rows(d["effects"])
    return ds


def rows(table: dict) -> list[dict]:
    """The objects of a table (docs/dataset-format.md, "Compact form"): row i is cell i of
    every column; a null cell in this data is always a field the row's type does not have."""
    columns = table["columns"]
    n = len(columns["type"])
    assert all(len(cells) == n for cells in columns.values())
    return [{k: cells[i] for k, cells in columns.items() if cells[i] is not None} for i in range(n)]


def effects(ds, number=None):
    for d in ds["decisions"]:
        if number is None or d["number"] == number:
            yield from d["effects"]


def old_provinces(ds):
    return [o for o in ds["organisations"] if o["type"] == "AdminUnit" and o["unit_type"] in PROVINCE_TYPES]


def successor_of(ds) -> dict[str, str]:
    out = {}
    for e in effects(ds, "202/2025/QH15"):
        if e["type"] == "Merge" and e["establish"]["type"] == "AdminUnit":
            for s in e["sources"]:
                assert s not in out, f"{s} has two successors"
                out[s] = e["into"]
    return out


def test_63_before_and_34_after(prov):
    olds = old_provinces(prov)
    assert len(olds) == 63
    assert all(o["parent"] is None for o in olds)
    succ = successor_of(prov)
    new = {e["into"] for e in effects(prov, "202/2025/QH15") if e["type"] == "Merge"
           and e["establish"]["type"] == "AdminUnit"}
    assert len(new) == 23
    assert len(olds) - len(succ) + len(new) == 34


def test_every_old_province_has_exactly_one_successor(prov):
    succ = successor_of(prov)
    olds = {o["id"] for o in old_provinces(prov)}
    assert set(succ) <= olds
    assert len(olds - set(succ)) == 11          # the unchanged ones are their own successors


def test_mapping_equals_the_public_record(prov):
    short = {o["id"]: o["short_names"][0] for o in old_provinces(prov)}
    short["hue"] = "Huế"                         # renamed by NQ 175/2024/QH15 before 2025-06-11
    new_short = {e["into"]: e["establish"]["short_names"][0] for e in effects(prov, "202/2025/QH15")
                 if e["type"] == "Merge" and e["establish"]["type"] == "AdminUnit"}
    succ = successor_of(prov)
    generated = {fold(short[o]): fold(new_short[succ[o]]) if o in succ else fold(short[o]) for o in short}
    expected = {fold(u): fold(u) for u in UNCHANGED}
    for new, (preds, _seat) in MERGED.items():
        for p in preds:
            expected[fold(p)] = fold(new)
    assert len(expected) == 63
    assert generated == expected


def test_bac_kan_and_ha_giang(prov):
    succ = successor_of(prov)
    assert succ["bac-kan"] == "thai-nguyen-2025"
    assert succ["ha-giang"] == "tuyen-quang-2025"


def test_seat_code_reassigned(prov):
    by_id = {o["id"]: o for o in prov["organisations"]}
    # Lào Cai: name from Lào Cai (10), seat and code from Yên Bái (15)
    assert by_id["yen-bai"]["identifiers"] == [{"scheme": "gso", "value": "15", "valid_to": "2025-07-01"}]
    assert by_id["lao-cai"]["identifiers"] == [{"scheme": "gso", "value": "10"}]
    new = {e["into"]: e["establish"] for e in effects(prov, "202/2025/QH15") if e["type"] == "Merge"}
    assert new["lao-cai-2025"]["identifiers"] == [{"scheme": "gso", "value": "15", "valid_from": "2025-07-01"}]
    assert new["gia-lai-2025"]["identifiers"][0]["value"] == "52"      # Bình Định's code
    assert by_id["ha-giang"]["identifiers"] == [{"scheme": "gso", "value": "02"}]
    assert "Lào Cai" in new["lao-cai-2025"]["name"]
    notes = " ".join(prov["notes"])
    for new_name, (_preds, seat) in MERGED.items():
        if seat != new_name:
            assert f"đặt tại tỉnh {seat}" in notes or f"đặt tại thành phố {seat}" in notes


def test_bodies_and_codes_of_the_63(prov):
    by_id = {o["id"]: o for o in prov["organisations"]}
    for o in old_provinces(prov):
        assert by_id[o["id"] + "/ubnd"]["territory"] == o["id"]
        assert by_id[o["id"] + "/hdnd"]["kind"] == "peoples_council"
        assert re.fullmatch(r"\d\d", o["identifiers"][0]["value"])
    assert by_id["ha-noi"]["identifiers"][0]["value"] == "01"
    assert by_id["cao-bang"]["identifiers"][0]["value"] == "04"
    assert by_id["bac-kan"]["identifiers"][0]["value"] == "06"
    assert by_id["lang-son"]["identifiers"][0]["value"] == "20"
    assert by_id["thai-nguyen"]["identifiers"][0]["value"] == "19"
    assert by_id["hue"]["name"] == "tỉnh Thừa Thiên Huế"
    assert len({o["identifiers"][0]["value"] for o in old_provinces(prov)}) == 63


def test_decisions_are_cited(prov, comm):
    for ds in (prov, comm):
        for d in ds["decisions"]:
            assert d["sources"], d["number"]
            assert d["signed_on"] <= d["effective_on"]
            for e in d["effects"]:
                assert e.get("effective_on", d["effective_on"]) >= d["effective_on"]


def test_commune_resolutions(comm):
    numbers = [d["number"] for d in comm["decisions"] if d["issuer"] == "vn/ubtvqh"]
    assert len(numbers) == len(set(numbers)) == 34
    titles = {d["number"]: d["title"] for d in comm["decisions"]}
    assert "thành phố Hà Nội" in titles["1656/NQ-UBTVQH15"]
    assert "tỉnh Thái Nguyên" in titles["1683/NQ-UBTVQH15"]
    end = [e for e in effects(comm) if e["type"] == "EndLevel"]
    assert end == [{"type": "EndLevel", "unit_types": ["huyen", "quan", "thi_xa", "thanh_pho_tinh"],
                    "effective_on": "2025-07-01"}]


def test_every_old_commune_has_a_fate(comm):
    olds = {o["id"] for o in comm["organisations"] if o["unit_type"] in COMMUNE_TYPES}
    assert len(olds) == 10035
    fate = Counter()
    for e in effects(comm):
        if e["type"] == "Merge":
            fate.update(s for s in e["sources"] if s in olds)
        elif e["type"] == "Split":
            fate[e["source"]] += 1
    assert set(fate) == olds
    assert max(fate.values()) == 1


def test_divided_communes_have_one_default(comm):
    new = set()
    for e in effects(comm):
        if e["type"] == "Merge":
            new.add(e["into"])
        elif e["type"] == "Establish":
            new.add(e["org"]["id"])
    splits = [e for e in effects(comm) if e["type"] == "Split"]
    assert splits
    for e in splits:
        assert len(e["parts"]) >= 2
        assert sum(1 for p in e["parts"] if p.get("default")) == 1
        ids = [p["org_id"] for p in e["parts"]]
        assert len(ids) == len(set(ids)) and set(ids) <= new
    assert len(new) == 3321


def test_ids_unique_and_well_formed(prov, comm):
    ids = [o["id"] for ds in (prov, comm) for o in ds["organisations"]]
    for ds in (prov, comm):
        for e in effects(ds):
            if e.get("establish"):
                ids.append(e["establish"]["id"])
            if e["type"] == "Establish":
                ids.append(e["org"]["id"])
    assert len(ids) == len(set(ids))
    assert all(ID_RE.match(i) for i in ids)


def test_input_tables():
    inputs = ROOT / "tools" / "national"
    with open(inputs / "resolutions_2025_communes.csv", encoding="utf-8") as f:
        res = {r["province_code"]: r["number"] for r in csv.DictReader(f)}
    assert res["01"] == "1656/NQ-UBTVQH15" and res["19"] == "1683/NQ-UBTVQH15"
    assert (inputs / "SOURCES.md").exists()


def test_check_passes():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "build_national.py"), "--check"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
