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
