"""Place-name resolution (issue 13): tl.resolve(text, on=None, limit=10)."""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.vn.places import place_key, split_address

EVE, JULY = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
DOI_CAN = "ha-noi/quan-ba-dinh/phuong-doi-can"


@functools.cache
def communes() -> gm.Timeline:
    return gm.load_dataset("vietnam-communes-2025")


def test_an_address_finds_its_ward_on_a_date_before_the_reform():
    (first, *_rest) = communes().resolve("Phường Đội Cấn, Quận Ba Đình, Hà Nội", on=EVE)
    assert first.org_id == DOI_CAN
    assert first.redirect == ()
    assert first.name == "phường Đội Cấn"


def test_a_name_no_longer_alive_leads_to_what_it_became_default_first():
    tl = communes()
    matches = tl.resolve("Phường Đội Cấn, Quận Ba Đình, Hà Nội", on=JULY)
    became = {e.target for e in tl.successors(DOI_CAN)}
    top = [m for m in matches if m.matched_id == DOI_CAN]
    assert {m.org_id for m in top} == became
    assert all(m.redirect[-1] == m.org_id for m in top)
    ended = tl.history(DOI_CAN)[-1].ended
    assert ended is not None
    if ended.kind == "split":
        assert top[0].org_id == ended.default and top[0].default
    assert all(tl.as_of(JULY).get(m.org_id) is not None for m in matches)


def test_abbreviations_aliases_and_folded_text():
    tl = communes()
    assert tl.resolve("TP.HCM", on=JULY)[0].org_id == "ho-chi-minh-2025"
    assert tl.resolve("Sài Gòn", on=JULY, limit=3)[0].org_id in {
        "ho-chi-minh-2025", "ho-chi-minh-2025/phuong-sai-gon-2025"}
    folded = tl.resolve("phuong doi can quan ba dinh ha noi", on=EVE)
    assert folded[0].org_id == DOI_CAN
    assert place_key("Kì Sơn")[1] == place_key("Kỳ Sơn")[1]
    assert place_key("Thuỵ Hương")[1] == place_key("Thụy Hương")[1]


def test_nothing_matches_no_error_and_ambiguity_gives_close_scores():
    tl = communes()
    assert tl.resolve("qwertyuiop asdf", on=JULY) == ()
    assert tl.resolve("", on=JULY) == ()
    assert tl.resolve("x" * 10_000) == ()
    many = tl.resolve("xã Tân Thành", on=JULY, limit=5)
    assert len(many) >= 2
    assert many[0].score - many[1].score < 0.05


def test_split_address_without_commas():
    parts = split_address("xa tan thanh huyen x tinh y")
    assert parts == [(("xa",), "tan thanh"), (("huyen",), "x"), (("tinh",), "y")]


def _alive_communes(day: dt.date) -> list[gm.AdminUnit]:
    return sorted((o for o in communes().as_of(day).organisations()
                   if isinstance(o, gm.AdminUnit) and o.unit_type.tier == 3),
                  key=lambda o: o.id)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([EVE, JULY]), st.integers(0, 10**6))
def test_a_commune_named_with_its_enclosing_units_is_found_first(day, k):
    """For any commune alive on a day, its full address (commune, then the units above it)
    resolves to it on that day, ranked first or tied for first."""
    tl = communes()
    units = _alive_communes(day)
    unit = units[k % len(units)]
    snap = tl.as_of(day)
    chain = [unit.name]
    p = unit.parent
    while p is not None:
        chain.append(snap[p].name)
        p = snap[p].parent
    matches = tl.resolve(", ".join(chain), on=day, limit=20)
    assert matches
    top = matches[0].score
    assert unit.id in {m.org_id for m in matches if m.score >= top - 1e-9}


def test_the_resolve_command(tmp_path):
    import json  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "govmodel", "-d", "vietnam-communes-2025",
                               "resolve", *args], capture_output=True, text=True, check=False,
                              encoding="utf-8")

    out = run("Phường Đội Cấn, Quận Ba Đình, Hà Nội", "--at", "30/6/2025", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["matches"][0]["id"] == DOI_CAN
    none = run("qwertyuiop")
    assert none.returncode == 0
    assert "nothing matches" in none.stdout
