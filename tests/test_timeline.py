"""Example tests of the engine on the seeds' facts (2021 Lạng Sơn) and on its queries."""

from __future__ import annotations

import datetime as dt

import pytest

import govmodel as gm
from conftest import BCD, BCVT, CNTT, SO, TT, UBND


def test_committee_renamed_on_13_october_2021(langson):
    """Seed 001: the committee's old name holds on 12/10/2021, the new one from 13/10/2021."""
    assert (
        langson.as_of("2021-10-12")[BCD].name
        == "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn"
    )
    assert langson.as_of("13/10/2021")[BCD].name == "Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn"


def test_1782_in_force_until_superseded_by_2041(langson):
    """Seed 001: QĐ 2041 'thay thế' QĐ 1782 on signing, so 1782 ends on 13/10/2021."""
    q1782 = gm.DecisionRef(UBND, "1782/QĐ-UBND", 2020)
    assert langson.in_force(q1782, "2021-10-12")
    assert not langson.in_force(q1782, "2021-10-13")
    assert langson.ends(q1782) == dt.date(2021, 10, 13)
    assert [str(d.number) for d in langson.as_of("2021-10-13").decisions_in_force] == [
        "2041/QĐ-UBND"
    ]


def test_director_of_department_is_deputy_head_in_2022(langson):
    """Seed 001: the Giám đốc Sở TT&TT is Phó Trưởng ban; shown on 2022-04-20 by today's name."""
    seats = langson.as_of("2022-04-20").members(BCD)
    labels = {(s.role, s.label) for s in seats}
    assert ("Phó Trưởng ban", "Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn") in labels
    assert ("Trưởng ban", "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn") in labels
    assert len(langson.as_of("2021-10-12").members(BCD)) == 1  # 1782's composition


def test_it_centre_renamed_by_decision_33(langson):
    """Seed 000: Quyết định 33 in force from 10/12/2021 renames the IT centre."""
    assert langson.as_of("2021-12-09")[TT].name == "Trung tâm Công nghệ thông tin và Truyền thông"
    assert langson.as_of("2021-12-10")[TT].name == "Trung tâm Công nghệ số"
    assert langson.history(TT)[-1].decision.number == gm.DocumentNumber.parse("33/2021/QĐ-UBND")


def test_find_matches_former_names_without_diacritics(langson):
    """find() is diacritic-insensitive and finds a unit by the name it had before the rename."""
    assert langson.find("trung tam cong nghe thong tin") == [TT]
    assert langson.find("trung tam cong nghe thong tin", on="2022-01-01") == [TT]
    assert langson.find("Trung tâm Công nghệ số") == [TT]
    assert langson.find("so tttt lang son") == [SO]
    assert langson.find("TT&TT") == [SO, TT]  # TT matched only by its former name: ranked after
    assert langson.find("không có gì") == []


def test_find_ranks_current_name_first(langson):
    """An id whose current name matches comes before one that matched only formerly."""
    assert langson.find("phong chuyen doi so") == [CNTT]
    assert langson.find("phong cong nghe thong tin") == [CNTT]
    # current-name matches (Sở KH&CN, the centre) rank before a former-name match (Phòng CNTT)
    assert langson.find("cong nghe") == ["lang-son/so-khcn", TT, CNTT]


def test_diff_lists_each_change_with_its_decision(langson):
    """diff(9/12, 10/12/2021) shows the three renames and the new mandate, all by QĐ 33."""
    changes = langson.diff("2021-12-09", "2021-12-10")
    assert {(c.org_id, c.attribute) for c in changes} == {
        (SO, "mandate"),
        (BCVT, "name"),
        (CNTT, "name"),
        (TT, "name"),
    }
    assert {str(c.decision.number) for c in changes} == {"33/2021/QĐ-UBND"}
    comp = [c for c in langson.diff("2021-10-12", "2021-10-13") if c.attribute == "composition"]
    assert comp and str(comp[0].decision.number) == "2041/QĐ-UBND"


def test_history_versions_are_contiguous(langson):
    """history() gives contiguous versions; the first state has no start or decision."""
    versions = langson.history(BCD)
    assert versions[0].valid_from is None and versions[0].decision is None
    assert versions[0].valid_to == versions[1].valid_from == dt.date(2021, 10, 13)
    assert versions[-1].valid_to is None
    assert "2021-10-13" in repr(versions[1])


def test_tree_and_children(langson):
    """The department's units are its children on a date, sorted by name."""
    snap = langson.as_of("2021-12-10")
    names = [o.name for o in snap.children(SO)]
    assert names == ["Phòng Chuyển đổi số", "Phòng Hạ tầng số", "Trung tâm Công nghệ số"]
    tree = snap.tree(UBND)
    assert tree.value.id == UBND and {c.value.id for c in tree.children} >= {SO, BCD}
    assert snap.parent(TT).id == SO


def test_mandate_set_by_decision_33(langson):
    """The department's mandate holds the new functions from 10/12/2021, not before."""
    assert langson.as_of("2021-12-09").mandate(SO).is_empty
    assert "chuyển đổi số" in langson.as_of("2021-12-10").mandate(SO).functions


def test_pending_and_known_on(langson):
    """Law 7: QĐ 33 known on 30/11/2021 is pending then; the view as known on 1/11 lacks it."""
    assert [str(d.number) for d in langson.pending("2021-12-01")] == ["33/2021/QĐ-UBND"]
    assert langson.pending("2021-11-01") == ()
    assert langson.as_of("2021-12-10", known_on="2021-11-01")[TT].name.startswith(
        "Trung tâm Công nghệ thông tin"
    )
    assert langson.as_of("2021-12-10", known_on="2021-12-01")[TT].name == "Trung tâm Công nghệ số"


def test_missing_id_is_both_govmodel_error_and_key_error(langson):
    """snap[id] for an id not alive raises an error that is a GovModelError and a KeyError."""
    snap = langson.as_of("2021-10-13")
    with pytest.raises(KeyError):
        snap["lang-son/khong-co"]
    with pytest.raises(gm.GovModelError, match="khong-co"):
        snap["lang-son/khong-co"]
    assert snap.get("lang-son/khong-co") is None
    assert "lang-son/khong-co" not in snap and TT in snap


def test_check_reports_agreement_and_conflict(langson):
    """check(): a byline with the then-current name agrees; the old name after the rename and
    seed 000's 'Phòng Công nghệ số' conflict, with the timeline's name given."""
    src = gm.Source("seeds/000_da556e263d8a6e2f.txt")
    obs = [
        gm.Observation(
            org_id=TT, name="Trung tâm CNTT và Truyền thông", on="13/10/2021", source=src
        ),
        gm.Observation(org_id=CNTT, name="Phòng CĐS", on="20/4/2022", source=src),
        gm.Observation(org_id=CNTT, name="Phòng Công nghệ số", on="10/12/2021", source=src),
        gm.Observation(
            org_id=TT, name="Trung tâm CNTT và Truyền thông", on="20/4/2022", source=src
        ),
    ]
    f = langson.check(obs)
    assert [x.agrees for x in f] == [True, True, False, False]
    assert f[2].expected == "Phòng Chuyển đổi số"
    assert "2021-12-10" in f[3].reason


def test_snapshot_repr_and_len(langson):
    """A snapshot tells its date and size; the timeline its span."""
    snap = langson.as_of("2022-01-01")
    assert len(snap) == 7 and "2022-01-01" in repr(snap)
    assert "3 decisions" in repr(langson)


def test_known_on_view_skips_effects_resting_on_unpublished_decisions():
    """Law 7: a rename known before the establishment it rests on is skipped in that view,
    listed in known_gaps, and applied once both are known."""
    root = gm.Agency(id="t/ubnd", name="UBND Thử", kind="peoples_committee", level="province")
    est = gm.Decision(number="1/QĐ-UBND", issuer="t/ubnd", signed_on="2021-01-01", known_on="2021-03-01",
                      effects=[gm.Establish(org=gm.Unit(id="t/u", name="Phòng A", parent="t/ubnd", kind="division"))])
    ren = gm.Decision(number="2/QĐ-UBND", issuer="t/ubnd", signed_on="2021-02-01",
                      effects=[gm.Rename(org_id="t/u", name="Phòng B")])
    tl = gm.Timeline.from_decisions([est, ren], initial=[root])
    assert tl.as_of("2021-02-15", known_on="2021-02-15").get("t/u") is None
    [gap] = tl.known_gaps("2021-02-15")
    assert isinstance(gap, gm.UnknownOrganisationError) and "2/QĐ-UBND" in str(gap)
    assert tl.as_of("2021-02-15", known_on="2021-03-01")["t/u"].name == "Phòng B"
    assert tl.known_gaps("2021-03-01") == ()
