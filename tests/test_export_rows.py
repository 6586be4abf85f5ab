"""Flat rows and CSV (govmodel.export.rows): seed facts, and laws on generated timelines."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.export import MissingExtraError, UnsupportedObjectError
from govmodel.export.rows import (
    DIFF_COLUMNS,
    MEMBERSHIP_COLUMNS,
    SNAPSHOT_COLUMNS,
    TENURE_COLUMNS,
    composition_decision,
    diff_rows,
    history_rows,
    membership_rows,
    snapshot_rows,
    tenure_rows,
    tenures,
    to_csv,
)
from strategies import scenarios

SO = "lang-son/so-tttt"
TT = "lang-son/so-tttt/trung-tam-cntt-tt"
CNTT = "lang-son/so-tttt/phong-cntt"
BCVT = "lang-son/so-tttt/phong-bcvt"
BCD = "lang-son/bcd-cds"
UBND = "lang-son/ubnd"

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def tl() -> gm.Timeline:
    return gm.load_dataset("lang-son-2021")


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --------------------------------------------------------------------------- errors & imports
def test_errors_are_govmodel_errors_and_builtins():
    """MissingExtraError is an ImportError, UnsupportedObjectError a TypeError; both GovModelErrors."""
    missing = MissingExtraError("org-turtle", "rdflib", "rdf")
    assert isinstance(missing, gm.GovModelError) and isinstance(missing, ImportError)
    assert str(missing) == "the 'org-turtle' export needs rdflib: pip install 'govmodel[rdf]'"
    assert missing.name == "rdflib" and missing.extra == "rdf"
    assert issubclass(UnsupportedObjectError, gm.GovModelError)
    assert issubclass(UnsupportedObjectError, TypeError)


def test_importing_the_exports_imports_neither_rdflib_nor_pandas():
    """The core and the stdlib exports never import the optional libraries."""
    code = (
        "import sys, govmodel, govmodel.export, govmodel.export.rows, govmodel.export.popolo\n"
        "bad = sorted(m for m in ('rdflib', 'pandas') if m in sys.modules)\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- seed facts
def test_snapshot_row_of_the_renamed_centre(tl):
    """On 10/12/2021 the centre is Trung tâm Công nghệ số, by Quyết định 33, since that day."""
    rows = {r["id"]: r for r in snapshot_rows(tl.as_of("2021-12-10"))}
    assert rows[TT] == {
        "id": TT,
        "name": "Trung tâm Công nghệ số",
        "short_names": rows[TT]["short_names"],
        "type": "Unit",
        "kind": "public_service_unit",
        "level": None,
        "parent_id": SO,
        "decision_number": "33/2021/QĐ-UBND",
        "decision_issuer": UBND,
        "decision_year": "2021",
        "valid_from": "2021-12-10",
        "valid_to": None,
    }
    assert rows[SO]["type"] == "Agency" and rows[SO]["level"] == "province"
    assert "Sở TT&TT" in (rows[SO]["short_names"] or "").split("; ")


def test_snapshot_row_the_day_before(tl):
    """On 9/12/2021 the centre has its first-state name, no deciding decision, ending 10/12."""
    row = next(r for r in snapshot_rows(tl.as_of("2021-12-09")) if r["id"] == TT)
    assert row["name"] == "Trung tâm Công nghệ thông tin và Truyền thông"
    assert (row["valid_from"], row["valid_to"]) == (None, "2021-12-10")
    assert row["decision_number"] is None


def test_snapshot_rows_columns_and_order(tl):
    """Every row has the snapshot columns, in order; rows are sorted by id."""
    snap = tl.as_of("2022-04-20")
    rows = snapshot_rows(snap)
    assert [r["id"] for r in rows] == list(snap)
    assert all(tuple(r) == SNAPSHOT_COLUMNS for r in rows)


def test_history_rows(tl):
    """The IT division's history: two rows, the rename by Quyết định 33 on 10/12/2021."""
    rows = history_rows(tl.history(CNTT))
    assert [(r["name"], r["valid_from"], r["valid_to"]) for r in rows] == [
        ("Phòng Công nghệ thông tin", None, "2021-12-10"),
        ("Phòng Chuyển đổi số", "2021-12-10", None),
    ]
    assert rows[1]["decision_number"] == "33/2021/QĐ-UBND"


def test_diff_rows_of_quyet_dinh_33(tl):
    """The diff across 10/12/2021 has the three renames, each naming Quyết định 33."""
    rows = diff_rows(tl.diff("2021-12-09", "2021-12-10"))
    assert all(tuple(r) == DIFF_COLUMNS for r in rows)
    names = {r["id"]: (r["before"], r["after"]) for r in rows if r["attribute"] == "name"}
    assert names == {
        BCVT: ("Phòng Bưu chính, Viễn thông", "Phòng Hạ tầng số"),
        CNTT: ("Phòng Công nghệ thông tin", "Phòng Chuyển đổi số"),
        TT: ("Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm Công nghệ số"),
    }
    assert {r["decision_number"] for r in rows} == {"33/2021/QĐ-UBND"}
    mandate = next(r for r in rows if r["id"] == SO and r["attribute"] == "mandate")
    assert "chuyển đổi số" in (mandate["after"] or "")


def test_diff_rows_render_organisations_and_compositions(tl):
    """Established organisations render by name, compositions as 'role: post' entries."""
    rows = diff_rows(tl.diff("2021-10-12", "2021-10-13"))
    comp = next(r for r in rows if r["id"] == BCD and r["attribute"] == "composition")
    assert comp["before"] is None
    assert (comp["after"] or "").startswith("Trưởng ban: Chủ tịch of lang-son/ubnd; ")
    est = gm.Timeline.from_decisions(
        [
            gm.Decision(
                number="1/QĐ-UBND",
                issuer="p/ubnd",
                signed_on="2020-01-01",
                effects=[gm.Establish(org=gm.Unit(id="p/u", name="Phòng U", kind="division"))],
            )
        ]
    )
    (row,) = diff_rows(est.diff("2019-12-31", "2020-01-01"))
    assert (row["attribute"], row["before"], row["after"]) == ("established", None, "Phòng U")


def test_membership_rows_after_2041(tl):
    """On 20/4/2022 the committee has 23 seats set by QĐ 2041; the Giám đốc Sở TT&TT is Phó Trưởng ban."""
    rows = membership_rows(tl.as_of("2022-04-20"), BCD)
    assert len(rows) == 23
    assert all(tuple(r) == MEMBERSHIP_COLUMNS for r in rows)
    deputy = next(r for r in rows if r["role_code"] == "deputy")
    assert deputy["role"] == "Phó Trưởng ban"
    assert deputy["label"] == "Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn"
    assert (deputy["post_org_id"], deputy["post_title"], deputy["vacant"]) == (
        SO,
        "Giám đốc",
        "false",
    )
    assert {r["decision_number"] for r in rows} == {"2041/QĐ-UBND"}
    assert {r["committee_name"] for r in rows} == {"Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn"}


def test_membership_rows_before_any_composition(tl):
    """Before QĐ 2041 the dataset records no composition (QĐ 1782's is not in the seeds)."""
    assert membership_rows(tl.as_of("2021-10-12"), BCD) == []
    assert composition_decision(tl.as_of("2021-10-12"), BCD) is None


def test_membership_rows_of_a_committee_not_alive():
    """Asking for the seats of a body not alive on the date is the usual not-found error."""
    empty = gm.Timeline.from_decisions([])
    with pytest.raises(gm.OrganisationNotFoundError):
        membership_rows(empty.as_of("2021-01-01"), BCD)


def test_tenures_continue_across_a_replacing_decision(langson):
    """QĐ 2041 replaces QĐ 1782 but keeps the Chủ tịch as Trưởng ban: one tenure since 11/9/2020."""
    ts = tenures(langson)
    head = [t for t in ts if t.membership.role is gm.Role.HEAD]
    assert len(head) == 1
    (t,) = head
    assert (t.start.isoformat(), t.end) == ("2020-09-11", None)
    assert [str(d.number) for d in t.decisions] == ["1782/QĐ-UBND", "2041/QĐ-UBND"]
    others = [t for t in ts if t.membership.role is not gm.Role.HEAD]
    assert {t.start.isoformat() for t in others} == {"2021-10-13"}
    rows = tenure_rows(langson)
    assert all(tuple(r) == TENURE_COLUMNS for r in rows)
    assert rows[0]["decisions"] == "1782/QĐ-UBND; 2041/QĐ-UBND"


def test_tenures_end_when_the_composition_is_replaced():
    """A member dropped by a later composition has a tenure that ends on its effective date."""
    root = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    so = gm.Agency(id="p/so", name="Sở A", parent="p/ubnd", kind="department", level="province")
    bcd = gm.Committee(id="p/bcd", name="Ban Chỉ đạo", parent="p/ubnd")
    chair, director = gm.PostRef("p/ubnd", "Chủ tịch"), gm.PostRef("p/so", "Giám đốc")
    first = gm.Decision(
        number="1/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2020-01-01",
        effects=[
            gm.SetComposition(
                org_id="p/bcd",
                members=[gm.Membership("head", chair), gm.Membership("member", director)],
            )
        ],
    )
    second = gm.Decision(
        number="2/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2020-06-01",
        effects=[gm.SetComposition(org_id="p/bcd", members=[gm.Membership("head", chair)])],
        supersedes=[first.ref],
    )
    tl = gm.Timeline.from_decisions([first, second], initial=[root, so, bcd])
    spans = {
        (t.membership.post.title, t.start.isoformat(), t.end and t.end.isoformat())
        for t in tenures(tl)
    }
    assert spans == {("Chủ tịch", "2020-01-01", None), ("Giám đốc", "2020-01-01", "2020-06-01")}


def merger_timeline() -> gm.Timeline:
    """Sở A's director sits on the committee; Sở A merges into Sở B on 1/3/2025, Phòng X
    (whose head also sits on it) is dissolved with no successor on 1/6/2025."""
    root = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    so_a = gm.Agency(id="p/so-a", name="Sở A", parent="p/ubnd", kind="department", level="province")
    so_b = gm.Agency(id="p/so-b", name="Sở B", parent="p/ubnd", kind="department", level="province")
    unit = gm.Unit(id="p/so-b/x", name="Phòng X", parent="p/so-b", kind="division")
    bcd = gm.Committee(id="p/bcd", name="Ban Chỉ đạo", parent="p/ubnd")
    members = [
        gm.Membership("deputy", gm.PostRef("p/so-a", "Giám đốc")),
        gm.Membership("member", gm.PostRef("p/so-b/x", "Trưởng phòng")),
    ]
    decisions = [
        gm.Decision(
            number="1/QĐ-UBND",
            issuer="p/ubnd",
            signed_on="2021-10-13",
            effects=[gm.SetComposition(org_id="p/bcd", members=members)],
        ),
        gm.Decision(
            number="2/NQ-HĐND",
            issuer="p/ubnd",
            signed_on="2025-03-01",
            effects=[gm.Merge(sources=["p/so-a"], into="p/so-b")],
        ),
        gm.Decision(
            number="3/QĐ-UBND",
            issuer="p/ubnd",
            signed_on="2025-06-01",
            effects=[gm.Dissolve(org_id="p/so-b/x")],
        ),
    ]
    return gm.Timeline.from_decisions(decisions, initial=[root, so_a, so_b, unit, bcd])


def test_a_merger_passes_the_seat_to_the_successor_office():
    """After Sở A merges into Sở B the Phó Trưởng ban seat is held by Giám đốc Sở B: the
    first tenure ends and a second begins on the merger's date, for the same membership."""
    ts = [t for t in tenures(merger_timeline()) if t.membership.role is gm.Role.DEPUTY]
    assert [(t.office.org_id, t.start.isoformat(), t.end and t.end.isoformat()) for t in ts] == [
        ("p/so-a", "2021-10-13", "2025-03-01"),
        ("p/so-b", "2025-03-01", None),
    ]
    assert ts[0].membership == ts[1].membership
    rows = [r for r in tenure_rows(merger_timeline()) if r["role_code"] == "deputy"]
    assert [(r["post_org_id"], r["office_org_id"]) for r in rows] == [
        ("p/so-a", "p/so-a"),
        ("p/so-a", "p/so-b"),
    ]


def test_a_vacant_seat_has_no_tenure():
    """When Phòng X is dissolved with no successor, its head's seat is vacant: the tenure ends."""
    (t,) = [t for t in tenures(merger_timeline()) if t.membership.role is gm.Role.MEMBER]
    assert (t.start.isoformat(), t.end and t.end.isoformat()) == ("2021-10-13", "2025-06-01")
    seats = membership_rows(merger_timeline().as_of("2025-06-01"), "p/bcd")
    assert [r["vacant"] for r in seats] == ["false", "true"]


# --------------------------------------------------------------------------- CSV
def test_csv_of_a_snapshot_reads_back(tl):
    """The CSV of a snapshot reads back with DictReader: same header, same rows."""
    rows = snapshot_rows(tl.as_of("2021-12-10"))
    back = _read_csv(to_csv(rows))
    assert back == [{k: v or "" for k, v in r.items()} for r in rows]
    assert to_csv(rows).splitlines()[0] == ",".join(SNAPSHOT_COLUMNS)


def test_csv_of_no_rows_is_empty():
    """No rows, no header."""
    assert to_csv([]) == ""


def test_csv_header_is_the_union_of_keys():
    """Keys missing from a row are written as empty fields."""
    back = _read_csv(to_csv([{"a": "1"}, {"b": "2", "a": None}]))
    assert back == [{"a": "1", "b": ""}, {"a": "", "b": "2"}]


_cells = st.one_of(st.none(), st.text(max_size=12))


@SETTINGS
@given(
    st.lists(
        st.fixed_dictionaries({"id": st.text(min_size=1, max_size=8), "a": _cells, "b": _cells}),
        min_size=1,
        max_size=5,
    )
)
def test_csv_round_trips_through_dictreader(rows):
    """Any text (commas, quotes, line breaks) survives to_csv → DictReader; None reads as ''."""
    assert _read_csv(to_csv(rows)) == [{k: v or "" for k, v in r.items()} for r in rows]


# --------------------------------------------------------------------------- properties
@SETTINGS
@given(scenarios(), st.data())
def test_every_live_organisation_has_exactly_one_row(s, data):
    """A snapshot's rows are its live organisations, once each, with their names on the date."""
    tl = s.timeline()
    day = data.draw(st.sampled_from(s.dates))
    snap = tl.as_of(day)
    rows = snapshot_rows(snap)
    assert [r["id"] for r in rows] == list(snap)
    for r in rows:
        assert r["name"] == snap[r["id"]].name
        assert r["parent_id"] == snap[r["id"]].parent
    assert _read_csv(to_csv(rows)) == [{k: v or "" for k, v in r.items()} for r in rows]


@SETTINGS
@given(scenarios())
def test_tenures_agree_with_compositions_on_every_date(s):
    """The tenures holding on a date are exactly the committee's held seats on that date:
    each membership with the office that holds it (vacant seats have no tenure)."""
    tl = s.timeline()
    ts = tenures(tl)
    for day in s.dates:
        snap = tl.as_of(day)
        seats = snap.members("p/bcd") if "p/bcd" in snap else ()
        expected = {(x.membership, x.post) for x in seats if not x.vacant}
        held = [(t.membership, t.office) for t in ts if t.holds_on(day)]
        assert len(held) == len(set(held))
        assert set(held) == expected
        if expected:
            assert composition_decision(snap, "p/bcd") in {
                d for t in ts if t.holds_on(day) for d in t.decisions
            }


@SETTINGS
@given(scenarios())
def test_history_and_diff_rows_have_one_row_per_item(s):
    """history_rows and diff_rows keep one row per version or change, in order."""
    tl = s.timeline()
    for org_id in tl.organisation_ids():
        versions = tl.history(org_id)
        rows = history_rows(versions)
        assert [r["name"] for r in rows] == [v.value.name for v in versions]
    changes = tl.diff(s.dates[0], s.dates[-1])
    assert [(r["id"], r["attribute"]) for r in diff_rows(changes)] == [
        (c.org_id, c.attribute) for c in changes
    ]
