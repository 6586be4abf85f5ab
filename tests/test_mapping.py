"""The old → new table (issue 13, shapes users already have): export.mapping and
``govmodel mapping``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.export.mapping import COLUMNS, mapping_csv, mapping_json, mapping_rows

EVE, JULY = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def test_every_old_commune_has_one_default_row_and_its_parts():
    tl = gm.load_dataset("vietnam-communes-2025")
    rows = mapping_rows(tl, EVE, JULY, tier=3)
    per_old = Counter(r["old_id"] for r in rows)
    assert len(per_old) == 10035
    defaults = Counter(r["old_id"] for r in rows if r["default"] == "true")
    assert set(defaults.values()) == {1} and len(defaults) == 10035
    divided = [o for o, n in per_old.items() if n > 1]
    assert len(divided) == 471
    for old in divided[:50]:
        assert {r["new_id"] for r in rows if r["old_id"] == old} == {
            e.target for e in tl.successors(old)}
    assert all(r["new_code"] for r in rows)
    assert {r["effective_on"] for r in rows} == {"2025-07-01"}


def test_provinces_from_any_date_to_any_later_date():
    tl = gm.load_dataset("vietnam-provinces-2025")
    rows = mapping_rows(tl, EVE, JULY, tier=1)
    assert len(rows) == 63
    assert {r["new_id"] for r in rows if r["old_id"] == "ha-giang"} == {"tuyen-quang-2025"}
    same = mapping_rows(tl, EVE, EVE, tier=1)
    assert all(r["kind"] == "same" and r["old_id"] == r["new_id"] for r in same)
    parsed = list(csv.DictReader(io.StringIO(mapping_csv(tl, EVE, JULY, tier=1))))
    assert [tuple(p) for p in parsed][:1] == [COLUMNS]
    assert len(parsed) == 63
    doc = json.loads(mapping_json(tl, EVE, JULY, tier=1))
    assert doc["from"] == "2025-06-30" and len(doc["rows"]) == 63


def test_the_mapping_command():
    out = subprocess.run(
        [sys.executable, "-m", "govmodel", "-d", "vietnam-provinces-2025", "mapping",
         "30/6/2025", "1/7/2025", "--tier", "1", "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", check=False)
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["rows"]) == 63


def test_a_rename_between_the_dates_is_named_with_its_decision():
    """Thừa Thiên Huế became thành phố Huế on 1/1/2025 (Nghị quyết 175/2024/QH15): from a
    date before it, its row says renamed, with the decision, whatever the later date."""
    tl = gm.load_dataset("vietnam-provinces-2025")
    for later in (dt.date(2025, 1, 1), EVE, JULY, dt.date(2030, 1, 1)):
        rows = mapping_rows(tl, dt.date(2024, 6, 1), later, tier=1)
        (hue,) = [r for r in rows if r["old_id"] == "hue"]
        assert (hue["old_name"], hue["new_name"]) == ("tỉnh Thừa Thiên Huế", "thành phố Huế")
        assert (hue["kind"], hue["decision"], hue["effective_on"]) == (
            "renamed", "175/2024/QH15", "2025-01-01")
    after = mapping_rows(tl, dt.date(2025, 1, 1), JULY, tier=1)
    assert [r["kind"] for r in after if r["old_id"] == "hue"] == ["same"]


def test_communes_from_after_the_reform_to_later_are_themselves():
    """From 1/7/2025 to any later date each of the 3,321 communes maps to itself."""
    tl = gm.load_dataset("vietnam-communes-2025")
    rows = mapping_rows(tl, JULY, dt.date(2026, 12, 31), tier=3)
    assert len(rows) == 3321
    assert all(r["kind"] == "same" and r["old_id"] == r["new_id"] for r in rows)


DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))


@settings(max_examples=60, deadline=None)
@given(DAYS, DAYS, DAYS)
def test_any_date_to_any_later_date_and_defaults_compose(a, b, c):
    """For any dates d1 ≤ d2 ≤ d3: each province alive on d1 has exactly one default row,
    every row leads to a unit alive on d2, and following the default from d1 to d2 and then
    to d3 lands where the default from d1 to d3 does."""
    d1, d2, d3 = sorted((a, b, c))
    tl = gm.load_dataset("vietnam-provinces-2025")
    first = mapping_rows(tl, d1, d2, tier=1)
    alive = {o.id for o in tl.as_of(d1).organisations() if isinstance(o, gm.AdminUnit)}
    defaults = {r["old_id"]: r["new_id"] for r in first if r["default"] == "true"}
    assert set(defaults) == alive
    assert Counter(r["old_id"] for r in first if r["default"] == "true") == Counter(alive)
    assert all(tl.as_of(d2).get(str(r["new_id"])) is not None for r in first)
    then = {r["old_id"]: r["new_id"] for r in mapping_rows(tl, d2, d3, tier=1)
            if r["default"] == "true"}
    direct = {r["old_id"]: r["new_id"] for r in mapping_rows(tl, d1, d3, tier=1)
              if r["default"] == "true"}
    assert {o: then[n] for o, n in defaults.items()} == direct
