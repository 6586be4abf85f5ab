"""Popolo JSON (govmodel.export.popolo), validated with the official Popolo schemas."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
import rfc3987  # noqa: F401 - the URI format checker must be live (dev extra), never skipped
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.export.popolo import dumps_popolo, post_ids, to_popolo
from strategies import scenarios
from test_export_rows import merger_timeline

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")
from referencing.jsonschema import DRAFT3  # noqa: E402 - after the importorskip

# The CI clone has ../shared beside the repository root.
SCHEMAS = Path(__file__).resolve().parents[1].parent / "shared" / "popolo-schemas"
ITEMS = {
    "organizations": "organization",
    "persons": "person",
    "posts": "post",
    "memberships": "membership",
}

SO = "lang-son/so-tttt"
TT = "lang-son/so-tttt/trung-tam-cntt-tt"
CNTT = "lang-son/so-tttt/phong-cntt"
BCVT = "lang-son/so-tttt/phong-bcvt"
BCD = "lang-son/bcd-cds"

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def _validators() -> dict[str, Any]:
    if not SCHEMAS.is_dir():
        pytest.skip(f"the Popolo schemas are not at {SCHEMAS} (the shared folder is missing)")
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
    registry = referencing.Registry().with_resources(
        (s["id"].rstrip("#"), referencing.Resource.from_contents(s, default_specification=DRAFT3))
        for s in schemas.values()
    )
    checker = jsonschema.FormatChecker()  # with rfc3987 (dev extra): "uri" is checked
    return {
        key: jsonschema.Draft3Validator(schemas[name], registry=registry, format_checker=checker)
        for key, name in ITEMS.items()
    }


@pytest.fixture(scope="module")
def validators() -> dict[str, Any]:
    return _validators()


@pytest.fixture(scope="module")
def tl() -> gm.Timeline:
    return gm.load_dataset("lang-son-2021")


@pytest.fixture(scope="module")
def doc(tl) -> dict[str, list[dict[str, Any]]]:
    return to_popolo(tl)


def assert_valid(doc: dict[str, list[dict[str, Any]]], validators: dict[str, Any]) -> None:
    """Every item validates against its Popolo schema, and every reference resolves."""
    assert set(doc) == set(ITEMS)
    for key, validator in validators.items():
        for item in doc[key]:
            errors = [e.message for e in validator.iter_errors(item)]
            assert not errors, (key, item.get("id"), errors)
    for key in ITEMS:
        ids = [item["id"] for item in doc[key]]
        assert len(ids) == len(set(ids)), key
    orgs = {o["id"] for o in doc["organizations"]}
    posts = {p["id"]: p for p in doc["posts"]}
    assert all(o.get("parent_id", next(iter(orgs))) in orgs for o in doc["organizations"])
    for m in doc["memberships"]:
        assert m["organization_id"] in orgs
        assert posts[m["post_id"]]["organization_id"] == m["organization_id"]
        assert m.get("on_behalf_of_id", m["organization_id"]) in orgs
    assert {p["id"] for p in doc["posts"]} == {m["post_id"] for m in doc["memberships"]}


def _org(doc: dict[str, list[dict[str, Any]]], org_id: str) -> dict[str, Any]:
    return next(o for o in doc["organizations"] if o["id"] == org_id)


def _former(org: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    return [
        (n["name"], n.get("start_date"), n.get("end_date"))
        for n in org.get("other_names", [])
        if n["note"] == "former name"
    ]


# --------------------------------------------------------------------------- validation
def test_schemas_reject_a_bad_item(validators):
    """The validators are live: a date in the wrong form fails the organisation schema, and
    the URI format is checked (a relative seeds/… path is no link)."""
    assert not validators["organizations"].is_valid({"sources": [{"url": "seeds/001.txt"}]})
    assert not validators["memberships"].is_valid({"sources": [{"url": "a b"}]})
    assert validators["organizations"].is_valid({"sources": [{"url": "https://example.org/x"}]})
    assert not validators["organizations"].is_valid({"id": "x", "founding_date": "10/12/2021"})
    assert not validators["organizations"].is_valid({"other_names": [{"end_date": "2021/12"}]})
    assert not validators["memberships"].is_valid({"sources": [{"note": "no url"}]})


def test_lang_son_document_validates(doc, validators):
    """The whole Lạng Sơn history is valid Popolo, with resolvable references."""
    assert_valid(doc, validators)
    assert len(doc["organizations"]) == 30


# The commune dataset (14,000 bodies) stands aside: exporting it is tested by the
# national tests; here rdflib and jsonschema would take minutes on it.
@pytest.mark.parametrize("name", [n for n in gm.datasets() if n != "vietnam-communes-2025"])
def test_every_bundled_dataset_validates(validators, name):
    """Each bundled dataset's whole history, and its state on its last decision's date, is valid Popolo."""
    tl = gm.load_dataset(name)
    assert_valid(to_popolo(tl), validators)
    last = max((d.effective_on for d in tl.decisions), default="2000-01-01")
    assert_valid(to_popolo(tl, at=last), validators)


@pytest.mark.parametrize("at", ["2021-10-12", "2021-12-09", "2021-12-10", "20/4/2022"])
def test_lang_son_document_on_a_date_validates(tl, validators, at):
    """The document as of a date is valid Popolo too."""
    assert_valid(to_popolo(tl, at=at), validators)


# --------------------------------------------------------------------------- seed facts
def test_renamed_units_carry_their_former_names(doc):
    """Quyết định 33 renamed three units of Sở TT&TT on 10/12/2021: new name, former name ending then."""
    expected = {
        BCVT: ("Phòng Hạ tầng số", "Phòng Bưu chính, Viễn thông"),
        CNTT: ("Phòng Chuyển đổi số", "Phòng Công nghệ thông tin"),
        TT: ("Trung tâm Công nghệ số", "Trung tâm Công nghệ thông tin và Truyền thông"),
    }
    for org_id, (new, old) in expected.items():
        org = _org(doc, org_id)
        assert org["name"] == new
        assert org["parent_id"] == SO
        assert _former(org) == [(old, None, "2021-12-10")]
        assert "33/2021/QĐ-UBND" in org["note"] and "sources" not in org  # seeds/…: no URL
    assert _org(doc, TT)["classification"] == "public_service_unit"


def test_short_names_are_other_names(doc):
    """Short names appear as other names with the note 'short name'."""
    so = _org(doc, SO)
    shorts = {n["name"] for n in so["other_names"] if n["note"] == "short name"}
    assert "Sở TT&TT" in shorts
    assert _former(so) == []
    assert "founding_date" not in so and "dissolution_date" not in so


def test_steering_committee_renamed_by_2041(doc):
    """QĐ 2041 renamed the Ban Chỉ đạo on 13/10/2021."""
    bcd = _org(doc, BCD)
    assert bcd["name"] == "Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn"
    assert bcd["classification"] == "steering_committee"
    assert _former(bcd) == [
        ("Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn", None, "2021-10-13")
    ]
    assert "sources" not in bcd  # its sources are relative seeds/… paths: cited in the note
    assert "2041/QĐ-UBND" in bcd["note"] and "seeds/001_01163d98ae2c8ae6.txt" in bcd["note"]


def test_committee_posts_and_memberships(doc):
    """QĐ 2041's 23 seats are posts of the committee; each has one membership since 13/10/2021."""
    posts = [p for p in doc["posts"] if p["organization_id"] == BCD]
    seats = [m for m in doc["memberships"] if m["organization_id"] == BCD]
    assert len(posts) == 23 == len(seats)
    deputy = next(p for p in posts if p.get("role") == "Phó Trưởng ban")
    assert deputy["id"] == "lang-son/bcd-cds/post/lang-son/so-tttt/giam-doc"
    assert deputy["label"] == "Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn"
    m = next(m for m in doc["memberships"] if m["post_id"] == deputy["id"])
    assert m["role"] == "Phó Trưởng ban"
    assert m["on_behalf_of_id"] == SO
    assert m["start_date"] == "2021-10-13" and "end_date" not in m
    assert "2041/QĐ-UBND" in m["note"] and "sources" not in m
    head = next(p for p in posts if p.get("role") == "Trưởng ban")
    assert head["label"] == "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"


def test_document_as_of_before_the_renames(tl):
    """On 12/10/2021 the committee has its old name and no recorded seats; the centre its first name."""
    doc = to_popolo(tl, at="2021-10-12")
    bcd = _org(doc, BCD)
    assert bcd["name"] == "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn"
    assert _former(bcd) == []
    assert doc["posts"] == [] and doc["memberships"] == []
    assert _org(doc, TT)["name"] == "Trung tâm Công nghệ thông tin và Truyền thông"
    on_9_12 = to_popolo(tl, at="ngày 9 tháng 12 năm 2021")
    assert _org(on_9_12, TT)["name"] == "Trung tâm Công nghệ thông tin và Truyền thông"
    assert _former(_org(on_9_12, BCD)) == [
        ("Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn", None, "2021-10-13")
    ]


def test_bac_kan_founding_and_rename(validators):
    """Bắc Kạn: Sở Bưu chính - Viễn thông founded 11/5/2006, renamed Sở TT&TT on 28/3/2008."""
    doc = to_popolo(gm.load_dataset("bac-kan-2008"))
    assert_valid(doc, validators)
    so = _org(doc, "bac-kan/so-tttt")
    assert so["name"] == "Sở Thông tin và Truyền thông tỉnh Bắc Kạn"
    assert so["founding_date"] == "2006-05-11"
    assert _former(so) == [("Sở Bưu chính - Viễn thông tỉnh Bắc Kạn", "2006-05-11", "2008-03-28")]
    notes = " ".join(s["note"] for s in so.get("sources", [])) + so.get("note", "")
    assert "925/2006/QĐ-UBND" in notes and "570/QĐ-UBND" in notes


def test_the_hand_built_2020_composition_continues(langson, validators):
    """With QĐ 1782's composition, the Chủ tịch's seat is one membership since 11/9/2020."""
    doc = to_popolo(langson)
    assert_valid(doc, validators)
    head = next(m for m in doc["memberships"] if m["role"] == "Trưởng ban")
    assert head["start_date"] == "2020-09-11" and "end_date" not in head
    cited = [c.split(" (")[0] for c in head["note"].split("; ")]
    assert set(cited) == {"1782/QĐ-UBND", "2041/QĐ-UBND"}


def _dissolving_timeline() -> gm.Timeline:
    root = gm.Agency(id="p/ubnd", name="UBND tỉnh Thử", kind="peoples_committee", level="province")
    est = gm.Decision(
        number="1/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2020-01-01",
        effects=[
            gm.Establish(org=gm.Unit(id="p/u", name="Phòng U", parent="p/ubnd", kind="division"))
        ],
        sources=[gm.Source("https://example.org/qd-1", quote="thành lập")],
    )
    end = gm.Decision(
        number="2/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2021-01-01",
        effects=[gm.Dissolve(org_id="p/u")],
        sources=[gm.Source("Công báo", url="https://example.org/qd-2")],
    )
    return gm.Timeline.from_decisions([est, end], initial=[root])


def test_founding_and_dissolution_dates(validators):
    """An establishment and a dissolution become founding_date and dissolution_date, with sources."""
    tl = _dissolving_timeline()
    doc = to_popolo(tl)
    assert_valid(doc, validators)
    unit = _org(doc, "p/u")
    assert (unit["founding_date"], unit["dissolution_date"]) == ("2020-01-01", "2021-01-01")
    assert [s["url"] for s in unit["sources"]] == [
        "https://example.org/qd-1",
        "https://example.org/qd-2",
    ]
    assert [o["id"] for o in to_popolo(tl, at="2021-01-01")["organizations"]] == ["p/ubnd"]
    on_2020 = _org(to_popolo(tl, at="2020-06-01"), "p/u")
    assert "dissolution_date" not in on_2020 and on_2020["founding_date"] == "2020-01-01"


def test_a_source_without_url_is_cited_in_the_note_not_linked(validators):
    """A source with no absolute URL is no link (a link's url must be a URI): its citation
    is kept in the object's note; an absolute URL with Vietnamese letters is percent-encoded."""
    d = gm.Decision(
        number="3/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2020-01-01",
        effects=[gm.Rename(org_id="p/ubnd", name="UBND mới")],
        sources=[gm.Source("Quyết định: số 3", locator="Điều 1"),
                 gm.Source("Công báo", url="https://congbao.example/quyết-định-3"),
                 gm.Source("seeds/003.txt", url="seeds/003.txt")],
    )
    root = gm.Agency(id="p/ubnd", name="UBND cũ", kind="peoples_committee", level="province")
    doc = to_popolo(gm.Timeline.from_decisions([d], initial=[root]))
    assert_valid(doc, validators)
    org = _org(doc, "p/ubnd")
    (link,) = org["sources"]
    assert link == {"url": "https://congbao.example/quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh-3",
                    "note": "3/QĐ-UBND (p/ubnd, 2020)"}
    assert org["note"] == ("3/QĐ-UBND (p/ubnd, 2020): Quyết định: số 3, Điều 1; "
                           "3/QĐ-UBND (p/ubnd, 2020): seeds/003.txt")


def test_dumps_popolo_keeps_vietnamese_and_round_trips(tl, doc):
    """dumps_popolo is indented JSON with the Vietnamese letters kept, loading back equal."""
    text = dumps_popolo(tl)
    assert "Trung tâm Công nghệ số" in text
    assert text.startswith('{\n  "organizations": [')
    assert json.loads(text) == doc
    assert json.loads(dumps_popolo(tl, at="2021-12-10")) == to_popolo(tl, at="2021-12-10")


def test_post_ids_are_stable_and_unique(tl):
    """Post ids read committee/post/organisation/title, one per seat."""
    ids = post_ids(tl)
    assert len(set(ids.values())) == len(ids) == 23
    assert ids[(BCD, gm.PostRef("lang-son/viettel", "Giám đốc"))] == (
        "lang-son/bcd-cds/post/lang-son/viettel/giam-doc"
    )


def test_post_ids_disambiguate_titles_that_fold_alike():
    """Two titles that differ only in diacritics get distinct ids (-2)."""
    root = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    bcd = gm.Committee(id="p/bcd", name="Ban Chỉ đạo", parent="p/ubnd")
    members = [
        gm.Membership("head", gm.PostRef("p/ubnd", "Chủ tịch")),
        gm.Membership("member", gm.PostRef("p/ubnd", "Chu tich")),
    ]
    d = gm.Decision(
        number="1/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2020-01-01",
        effects=[gm.SetComposition(org_id="p/bcd", members=members)],
    )
    ids = post_ids(gm.Timeline.from_decisions([d], initial=[root, bcd]))
    assert sorted(ids.values()) == ["p/bcd/post/p/ubnd/chu-tich", "p/bcd/post/p/ubnd/chu-tich-2"]


# --------------------------------------------------------------------------- properties
@SETTINGS
@given(scenarios())
def test_popolo_of_any_scenario_validates(s):
    """Law: the Popolo document of any valid timeline validates, with resolvable references."""
    validators = _validators()
    tl = s.timeline()
    doc = to_popolo(tl)
    assert_valid(doc, validators)
    assert [o["id"] for o in doc["organizations"]] == list(tl.organisation_ids())
    for org in doc["organizations"]:
        names = {v.value.name for v in tl.history(org["id"])}
        assert {org["name"], *(n for n, _, _ in _former(org))} == names


@SETTINGS
@given(scenarios(), st.data())
def test_popolo_on_a_date_is_that_date_s_state(s, data):
    """Law: with at=D, the organisations are those alive on D under their names of D, and the
    memberships those holding on D; the document validates."""
    tl = s.timeline()
    day = data.draw(st.sampled_from(s.dates))
    snap = tl.as_of(day)
    doc = to_popolo(tl, at=day)
    assert_valid(doc, _validators())
    assert {o["id"]: o["name"] for o in doc["organizations"]} == {i: snap[i].name for i in snap}
    expected = set(snap.memberships("p/bcd")) if "p/bcd" in snap else set()
    seats = [m for m in doc["memberships"] if "person_id" not in m]
    assert len(seats) == len(expected)
    assert sorted(m["role"] for m in seats) == sorted(m.role.vi for m in expected)
    for o in doc["organizations"]:
        for n in o.get("other_names", []):
            assert n.get("start_date", "") <= day.isoformat()
            assert n.get("end_date", "") <= day.isoformat()


def _committee_timeline() -> gm.Timeline:
    """Sở A sits on the committee; it is renamed Sở B in 2021 and dropped from it in 2022."""
    root = gm.Agency(id="p/ubnd", name="UBND tỉnh Thử", kind="peoples_committee", level="province")
    so = gm.Agency(id="p/so", name="Sở A", parent="p/ubnd", kind="department", level="province")
    bcd = gm.Committee(id="p/bcd", name="Ban Chỉ đạo Thử", parent="p/ubnd")
    chair, director = gm.PostRef("p/ubnd", "Chủ tịch"), gm.PostRef("p/so", "Giám đốc")
    first = gm.Decision(
        number="1/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2020-01-01",
        effects=[
            gm.SetComposition(
                org_id="p/bcd",
                members=[gm.Membership("head", chair), gm.Membership("deputy", director)],
            )
        ],
    )
    rename = gm.Decision(
        number="2/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2021-01-01",
        effects=[gm.Rename(org_id="p/so", name="Sở B")],
    )
    second = gm.Decision(
        number="3/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2022-01-01",
        effects=[gm.SetComposition(org_id="p/bcd", members=[gm.Membership("head", chair)])],
        supersedes=[first.ref],
    )
    return gm.Timeline.from_decisions([first, rename, second], initial=[root, so, bcd])


def test_a_seat_follows_its_organisation_s_names_and_ends(validators):
    """The director's seat is labelled by Sở B (other label: Sở A) and ends when QĐ 3 drops it."""
    tl = _committee_timeline()
    doc = to_popolo(tl)
    assert_valid(doc, validators)
    post = next(p for p in doc["posts"] if p["id"] == "p/bcd/post/p/so/giam-doc")
    assert (post["label"], post["other_label"]) == ("Giám đốc Sở B", ["Giám đốc Sở A"])
    assert (post["start_date"], post["end_date"]) == ("2020-01-01", "2022-01-01")
    m = next(m for m in doc["memberships"] if m["post_id"] == post["id"])
    assert (m["role"], m["start_date"], m["end_date"]) == (
        "Phó Trưởng ban",
        "2020-01-01",
        "2022-01-01",
    )
    old = to_popolo(tl, at="2020-06-01")
    post = next(p for p in old["posts"] if p["id"] == "p/bcd/post/p/so/giam-doc")
    assert post["label"] == "Giám đốc Sở A" and "other_label" not in post
    assert [m["role"] for m in to_popolo(tl, at="2022-01-01")["memberships"]] == ["Trưởng ban"]


def test_a_merged_office_s_seat_is_one_post_with_two_memberships(validators):
    """After the merger the Phó Trưởng ban post reads Giám đốc Sở B (formerly Sở A): one post,
    two memberships, each on behalf of the office's organisation of its time."""
    tl = merger_timeline()
    doc = to_popolo(tl)
    assert_valid(doc, validators)
    post = next(p for p in doc["posts"] if p["id"] == "p/bcd/post/p/so-a/giam-doc")
    assert (post["label"], post["other_label"]) == ("Giám đốc Sở B", ["Giám đốc Sở A"])
    assert "end_date" not in post
    ms = [m for m in doc["memberships"] if m["post_id"] == post["id"]]
    assert [(m["on_behalf_of_id"], m["start_date"], m.get("end_date")) for m in ms] == [
        ("p/so-a", "2021-10-13", "2025-03-01"),
        ("p/so-b", "2025-03-01", None),
    ]
    assert [m["label"] for m in ms] == [
        "Phó Trưởng ban: Giám đốc Sở A",
        "Phó Trưởng ban: Giám đốc Sở B",
    ]
    now = to_popolo(tl, at="2025-06-01")
    assert [m.get("on_behalf_of_id") for m in now["memberships"]] == ["p/so-b", None]
    assert now["memberships"][1]["label"] == "Thành viên: Trưởng phòng Phòng X (vacant)"
    # vacant since Phòng X was dissolved, not since the composition of 2021
    assert now["memberships"][1]["start_date"] == "2025-06-01"
    assert _org(doc, "p/so-a")["dissolution_date"] == "2025-03-01"


def test_on_a_date_a_vacant_seat_stays_a_membership(validators):
    """Found with --hypothesis-seed=16: the composition of 2/1/2020 seats Phòng 1's director,
    and Phòng 1 is dissolved that day. On that date the snapshot has 2 memberships; the
    export keeps both, the seat no body holds marked vacant (no on_behalf_of_id)."""
    ubnd = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    bcd = gm.Committee(id="p/bcd", name="Ban Chỉ đạo Thử", parent="p/ubnd")
    unit = gm.Unit(id="p/u1", name="Phòng 1", parent="p/bcd", kind="division")
    members = [gm.Membership("head", gm.PostRef("p/bcd", "Giám đốc")),
               gm.Membership("standing_deputy", gm.PostRef("p/u1", "Giám đốc"))]
    ds = [gm.Decision(number="2/QĐ-UBND", issuer="p/ubnd", signed_on="2020-01-02",
                      effects=[gm.SetComposition(org_id="p/bcd", members=members)]),
          gm.Decision(number="3/QĐ-UBND", issuer="p/ubnd", signed_on="2020-01-02",
                      effects=[gm.Dissolve(org_id="p/u1")])]
    tl = gm.Timeline.from_decisions(ds, initial=[ubnd, bcd, unit])
    assert len(tl.as_of("2020-01-02").memberships("p/bcd")) == 2
    doc = to_popolo(tl, at="2020-01-02")
    assert_valid(doc, validators)
    assert [(m["role"], m.get("on_behalf_of_id")) for m in doc["memberships"]] == [
        ("Trưởng ban", "p/bcd"), ("Phó Trưởng ban Thường trực", None)]
    assert doc["memberships"][1]["label"].endswith("(vacant)")
    assert doc["memberships"][1]["start_date"] == "2020-01-02"


# --------------------------------------------------------------------------- persons
def test_the_seed_holders_are_persons_with_memberships(doc, validators):
    """The officials the seeds and the cited public records name are Popolo persons; Nguyễn
    Khắc Lịch is a one-day member of the post Giám đốc of Sở TT&TT (named in seed 002 of
    20/4/2022), cited, and of the post Phó Giám đốc on 1/5/2021 (ICTVietnam)."""
    assert [p["name"] for p in doc["persons"]] == ["Dương Xuân Huyên", "Hồ Tiến Thiệu",
                                                  "Lý Vinh Quang", "Nguyễn Khắc Lịch"]
    lich = [m for m in doc["memberships"] if m.get("person_id") == "nguyen-khac-lich"]
    assert sorted(m["post_id"] for m in lich) == ["lang-son/so-tttt/post/giam-doc",
                                                  "lang-son/so-tttt/post/pho-giam-doc"]
    (m,) = [m for m in lich if m["post_id"].endswith("/giam-doc")
            and not m["post_id"].endswith("pho-giam-doc")]
    assert (m["post_id"], m["organization_id"], m["role"]) == (
        "lang-son/so-tttt/post/giam-doc", SO, "Giám đốc")
    assert (m["start_date"], m["end_date"]) == ("2022-04-20", "2022-04-21")
    assert "seeds/002" in m["note"] and "named in a text of 2022-04-20" in m["label"]
    post = next(p for p in doc["posts"] if p["id"] == m["post_id"])
    assert post["label"] == "Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn"
    huyen = next(m for m in doc["memberships"] if m.get("person_id") == "duong-xuan-huyen")
    assert huyen["post_id"] == "lang-son/ubnd/post/pho-chu-tich/thuong-truc"
    assert huyen["role"] == "Phó Chủ tịch thường trực"
    on_day = to_popolo(gm.load_dataset("lang-son-2021"), at="2022-04-20")
    assert_valid(on_day, validators)
    assert [p["id"] for p in on_day["persons"]] == ["duong-xuan-huyen", "nguyen-khac-lich"]


BN_UBND = gm.Agency(id="bn/ubnd", name="UBND tỉnh Bắc Ninh", kind="peoples_committee",
                    level="province")
BN_GD = gm.Agency(id="bn/so-gddt", name="Sở Giáo dục và Đào tạo", parent="bn/ubnd",
                  kind="department", level="province")
BN_NEW = gm.Agency(id="bn/so-moi", name="Sở Mới", parent="bn/ubnd", kind="department",
                   level="province")
AN = gm.Person(id="nguyen-van-an", name="Nguyễn Văn An", other_names=["Nguyễn V. An"])


def _appointed_timeline() -> gm.Timeline:
    """QĐ 888 (21/7/2021, in force 26/7/2021, a term of 5 years); Sở GDĐT merged in 2025."""
    appoint = gm.Decision(
        number="888/QĐ-UBND", issuer="bn/ubnd", signed_on="2021-07-21",
        effective_on="2021-07-26", title="bổ nhiệm Phó Giám đốc Sở GDĐT",
        effects=[gm.Appoint(person=AN, post=gm.PostRef("bn/so-gddt", "Phó Giám đốc"),
                            term="5 năm")],
        sources=[gm.Source("Cổng thông tin", url="https://bacninh.example/qd-888")])
    merge = gm.Decision(
        number="9/NQ-HĐND", issuer="bn/ubnd", signed_on="2025-03-01",
        effects=[gm.Merge(sources=["bn/so-gddt"], into="bn/so-moi", establish=BN_NEW)])
    return gm.Timeline.from_decisions([appoint, merge], initial=[BN_UBND, BN_GD])


def test_an_appointment_is_a_membership_with_its_term_and_source(validators):
    """QĐ 888: Nguyễn Văn An is a member through the post Phó Giám đốc from 26/7/2021 until
    the term ends (26/7/2026, exclusive), citing the decision's URL."""
    doc = to_popolo(_appointed_timeline())
    assert_valid(doc, validators)
    assert doc["persons"] == [{"id": AN.id, "name": AN.name,
                               "other_names": [{"name": "Nguyễn V. An", "note": "other name"}]}]
    (m,) = [m for m in doc["memberships"] if "person_id" in m]
    assert (m["post_id"], m["start_date"], m["end_date"]) == (
        "bn/so-gddt/post/pho-giam-doc", "2021-07-26", "2026-07-26")
    assert m["sources"] == [{"url": "https://bacninh.example/qd-888",
                             "note": "888/QĐ-UBND (bn/ubnd, 2021) — bổ nhiệm Phó Giám đốc Sở GDĐT"}]


def test_a_merged_body_carries_its_successor_and_the_holder_follows(validators):
    """Sở GDĐT merged into Sở Mới on 1/3/2025: its dissolution_date and a link to the
    successor (note "successor: …"); on 1/6/2025 the holder sits in Sở Mới's post."""
    tl = _appointed_timeline()
    doc = to_popolo(tl)
    gd = _org(doc, "bn/so-gddt")
    assert gd["dissolution_date"] == "2025-03-01"
    (link,) = gd["links"]
    assert link["url"] == "https://govmodel.example/id/org/bn%2Fso-moi"
    assert link["note"].startswith("successor: bn/so-moi (merged on 2025-03-01 by 9/NQ-HĐND")
    later = to_popolo(tl, at="2025-06-01")
    assert_valid(later, validators)
    (m,) = [m for m in later["memberships"] if "person_id" in m]
    assert (m["organization_id"], m["post_id"]) == ("bn/so-moi", "bn/so-moi/post/pho-giam-doc")
    assert "end_date" not in m
    assert to_popolo(tl, at="2026-07-26")["persons"] == []


def test_successor_links_validate_on_every_merged_body(validators):
    """In the 2025 provinces data every merged body links to its successor by a URI."""
    doc = to_popolo(gm.load_dataset("vietnam-provinces-2025"))
    assert_valid(doc, validators)
    links = [x for o in doc["organizations"] for x in o.get("links", [])]
    assert links and all(x["note"].startswith("successor") for x in links)


# --------------------------------------------------------------------------- hostile data
@pytest.mark.parametrize("name", ["</script><script>alert(1)</script>",
                                  "x'); DROP TABLE versions; --"])
def test_hostile_names_come_out_of_popolo_unharmed(validators, name):
    """A name written as markup or SQL is data: the JSON is valid Popolo and loads back
    with the very same name, for the organisation, its office and its holder."""
    bad = gm.Unit(id="p/bad", name=name, parent="p/ubnd", kind="division")
    root = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    d = gm.Decision(number="1/QĐ-UBND", issuer="p/ubnd", signed_on="2021-01-04",
                    title=name, effects=[gm.Establish(org=bad), gm.Appoint(
                        person=gm.Person(id="p1", name=name), post=gm.PostRef("p/bad", name))])
    tl = gm.Timeline.from_decisions([d], initial=[root])
    doc = json.loads(dumps_popolo(tl))
    assert_valid(doc, validators)
    assert _org(doc, "p/bad")["name"] == name
    assert doc["persons"][0]["name"] == name
    (m,) = doc["memberships"]
    assert m["label"] == f"{name} {name}: {name}" and m["role"] == name


def test_a_seat_left_vacant_by_a_split_is_vacant_since_the_split():
    """Sở A is divided into Sở B and Sở C with no part named to carry its director's post:
    the seat is vacant from the split (where the engine's post chain stops), not from the
    later end of the first part."""
    root = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    so = {x: gm.Agency(id=f"p/so-{x}", name=f"Sở {x.upper()}", parent="p/ubnd",
                       kind="department", level="province") for x in "abc"}
    bcd = gm.Committee(id="p/bcd", name="Ban Chỉ đạo", parent="p/ubnd")
    members = [gm.Membership("deputy", gm.PostRef("p/so-a", "Giám đốc"))]
    parts = [gm.SplitPart(org_id=so[x].id, establish=so[x]) for x in "bc"]
    tl = gm.Timeline.from_decisions([
        gm.Decision(number="1/QĐ-UBND", issuer="p/ubnd", signed_on="2021-10-13",
                    effects=[gm.SetComposition(org_id="p/bcd", members=members)]),
        gm.Decision(number="2/NQ-HĐND", issuer="p/ubnd", signed_on="2025-03-01",
                    effects=[gm.Split(source="p/so-a", parts=parts)]),
        gm.Decision(number="3/QĐ-UBND", issuer="p/ubnd", signed_on="2025-05-01",
                    effects=[gm.Dissolve(org_id="p/so-b")]),
    ], initial=[root, so["a"], bcd])
    (seat,) = tl.as_of("2025-06-01").members("p/bcd")
    assert seat.vacant and seat.post.org_id == "p/so-a"
    (m,) = to_popolo(tl, at="2025-06-01")["memberships"]
    assert (m["label"], m["start_date"]) == ("Phó Trưởng ban: Giám đốc Sở A (vacant)", "2025-03-01")
