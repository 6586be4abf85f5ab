"""The long history and the 2025 restructuring, answered from the bundled history datasets."""

from __future__ import annotations

import datetime as dt

import pytest

import govmodel as gm
from govmodel.datasets import load_dataset, read_dataset

SO = "lang-son/so-tttt"
KHCN = "lang-son/so-khcn-2025"
VHTTDL = "lang-son/so-vhttdl"
BCD = "lang-son/bcd-cds"
BK_SO = "bac-kan/so-tttt"
TN_KHCN = "thai-nguyen/so-khcn-2025"
TN_VHTTDL = "thai-nguyen/so-vhttdl-2025"


@pytest.fixture(scope="module")
def ls() -> gm.Timeline:
    return load_dataset("lang-son-history")


@pytest.fixture(scope="module")
def bk() -> gm.Timeline:
    return load_dataset("bac-kan-history")


@pytest.fixture(scope="module")
def vn() -> gm.Timeline:
    return load_dataset("vietnam-central-2025")


def department_name(tl: gm.Timeline, org_id: str, day: str) -> str:
    """The name of what *org_id* is (or became) on *day*."""
    return tl.successor(org_id, on=day).name


# --------------------------------------------------------------------------- Lạng Sơn


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2007-01-01", "Sở Bưu chính, Viễn thông tỉnh Lạng Sơn"),
        ("2008-06-01", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn"),
        ("2022-01-01", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn"),
        ("2025-06-01", "Sở Khoa học và Công nghệ tỉnh Lạng Sơn"),
    ],
)
def test_the_department_on_four_days(ls: gm.Timeline, day: str, name: str) -> None:
    """Its name on 2007-01-01, 2008-06-01, 2022-01-01, and what it is on 2025-06-01."""
    assert department_name(ls, SO, day) == name


def test_renamed_by_decision_473_on_17_march_2008(ls: gm.Timeline) -> None:
    """The department's versions: Sở Bưu chính, Viễn thông, then Sở TT&TT from QĐ 473."""
    versions = ls.history(SO)
    assert [v.value.name for v in versions] == [
        "Sở Bưu chính, Viễn thông tỉnh Lạng Sơn", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn"
    ]
    assert versions[1].valid_from == dt.date(2008, 3, 17)
    assert versions[1].decision is not None
    assert str(versions[1].decision.number) == "473/QĐ-UBND"
    assert versions[1].valid_to == dt.date(2025, 3, 1)
    assert ls.as_of("2008-03-16")[SO].name == "Sở Bưu chính, Viễn thông tỉnh Lạng Sơn"


def test_successor_on_2025_06_01_is_the_so_khcn(ls: gm.Timeline) -> None:
    """successor("lang-son/so-tttt", on=2025-06-01) is the consolidated Sở KH&CN."""
    succ = ls.successor(SO, on="2025-06-01")
    assert succ.id == KHCN
    assert succ.name == "Sở Khoa học và Công nghệ tỉnh Lạng Sơn"
    chain = ls.successor_chain(SO, on="2025-06-01")
    assert [o.id for o in chain] == [SO, KHCN]
    assert chain[0].name == "Sở Thông tin và Truyền thông tỉnh Lạng Sơn"
    # before the merger it is its own successor; the old Sở KH&CN has the same successor
    assert ls.successor(SO, on="2025-02-28").id == SO
    assert ls.successor("lang-son/so-khcn", on="2025-06-01").id == KHCN
    assert ls.successor(SO).id == KHCN


def test_merger_decided_by_the_peoples_council(ls: gm.Timeline) -> None:
    """Resolution 04 of 18/2/2025, known on 19/2, takes effect on 1/3/2025."""
    [nq] = [d for d in ls.decisions if str(d.number) == "04/NQ-HĐND"]
    assert nq.issuer == "lang-son/hdnd"
    assert (nq.signed_on, nq.known_on, nq.effective_on) == (
        dt.date(2025, 2, 18), dt.date(2025, 2, 19), dt.date(2025, 3, 1)
    )
    assert nq in ls.pending("2025-02-20")
    assert ls.history(KHCN)[0].decision == nq
    assert SO in ls.as_of("2025-02-28")
    assert SO not in ls.as_of("2025-03-01")


def test_press_functions_go_to_the_so_vhttdl(ls: gm.Timeline) -> None:
    """From 1/3/2025 báo chí and xuất bản belong to Sở VHTTDL, not to the new Sở KH&CN."""
    press = {"báo chí", "xuất bản"}
    assert press <= set(ls.as_of("2025-03-01").mandate(VHTTDL).fields)
    assert press <= set(ls.as_of("2025-06-01").mandate(VHTTDL).fields)
    assert not press & set(ls.as_of("2025-02-28").mandate(VHTTDL).fields)
    khcn = ls.as_of("2025-06-01").mandate(KHCN)
    assert not press & set(khcn.fields)
    assert "chuyển đổi số" in khcn.functions  # the digital functions of Quyết định 33 went there


def test_press_and_publishing_came_in_2008(ls: gm.Timeline) -> None:
    """QĐ 823 (2006) gives post and telecoms; QĐ 473 (2008) adds press and publishing."""
    fields_2007 = set(ls.as_of("2007-01-01").mandate(SO).fields)
    fields_2008 = set(ls.as_of("2008-06-01").mandate(SO).fields)
    assert {"bưu chính", "viễn thông"} <= fields_2007
    assert "báo chí" not in fields_2007
    assert {"báo chí", "xuất bản"} <= fields_2008
    assert [str(d.number) for _, _, d in ls.mandate_history(SO) if d][:2] == [
        "823/QĐ-UBND", "473/QĐ-UBND"
    ]


def test_committee_members_resolved_on_2025_06_01(ls: gm.Timeline) -> None:
    """The 2021 committee's Giám đốc Sở TT&TT is shown as what it became, with its chain."""
    seats = ls.as_of("2025-06-01").members(BCD)
    [deputy] = [s for s in seats if s.role == "Phó Trưởng ban"]
    assert deputy.label == "Giám đốc Sở Khoa học và Công nghệ tỉnh Lạng Sơn"
    assert deputy.chain == (gm.PostRef(SO, "Giám đốc"), gm.PostRef(KHCN, "Giám đốc"))
    assert not deputy.vacant
    labels = [s.label for s in seats]
    assert "Thủ trưởng Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn" not in labels
    assert labels.count("Thủ trưởng Sở Tài chính tỉnh Lạng Sơn") == 2  # KH&ĐT + Tài chính
    assert "Thủ trưởng Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn" in labels
    assert not any(s.vacant for s in seats)
    # before the merger, nothing is followed
    before = ls.as_of("2022-04-20").members(BCD)
    assert all(not s.chain for s in before)


def test_the_seed_facts_are_unchanged(ls: gm.Timeline) -> None:
    """Extending lang-son-2021 changes none of its facts from its first decision to 2025."""
    base = load_dataset("lang-son-2021")
    days = ["2020-09-11", "2021-10-12", "2021-10-13", "2021-12-10", "2022-04-20", "2025-02-28"]
    for day in days:
        a, b = base.as_of(day), ls.as_of(day)
        for org_id in base.organisation_ids():
            assert a.get(org_id) == b.get(org_id), (day, org_id)
        assert a.memberships(BCD) == b.memberships(BCD)

    def findings(tl: gm.Timeline) -> set[tuple[str, str, dt.date, bool]]:
        return {(f.observation.org_id, f.observation.name, f.observation.on, f.agrees)
                for f in tl.check()}

    assert findings(base) <= findings(ls)


def test_units_end_with_the_department(ls: gm.Timeline) -> None:
    """No source says what became of the units: they end on 1/3/2025 with no successor."""
    centre = "lang-son/so-tttt/trung-tam-cntt-tt"
    assert ls.as_of("2025-02-28")[centre].name == "Trung tâm Công nghệ số"
    assert centre not in ls.as_of("2025-03-01")
    with pytest.raises(gm.errors.OrganisationNotFoundError, match="no recorded successor"):
        ls.successor(centre, on="2025-06-01")


def test_observations_agree_but_the_seed_000_conflict(ls: gm.Timeline) -> None:
    """The new mentions (2022, 2025) agree; only seed 000's "Phòng Công nghệ số" conflicts."""
    conflicts = [f for f in ls.check() if not f.agrees]
    assert [(f.observation.org_id, f.observation.name) for f in conflicts] == [
        ("lang-son/so-tttt/phong-cntt", "Phòng Công nghệ số")
    ]
    new = [f for f in ls.check() if f.observation.on.year == 2025]
    assert {f.observation.org_id for f in new} >= {KHCN, VHTTDL, "lang-son/so-nnmt"}


# --------------------------------------------------------------------------- national level


def test_ministry_merged_from_1_march_2025(vn: gm.Timeline) -> None:
    """Bộ TT&TT and Bộ KH&CN are consolidated into a new Bộ KH&CN from 1/3/2025 (NĐ 55)."""
    assert "vn/bo-tttt" in vn.as_of("2025-02-28")
    assert "vn/bo-tttt" not in vn.as_of("2025-03-01")
    assert vn.successor("vn/bo-tttt", on="2025-03-01").id == "vn/bo-khcn-2025"
    assert vn.successor("vn/bo-khcn", on="2025-03-01").id == "vn/bo-khcn-2025"
    fields = vn.as_of("2025-03-01").mandate("vn/bo-khcn-2025").fields
    assert {"bưu chính", "viễn thông", "chuyển đổi số quốc gia"} <= set(fields)
    assert "báo chí" not in fields


def test_decree_55_is_retroactive(vn: gm.Timeline) -> None:
    """Signed 2/3/2025, in force from 1/3/2025: as known on 1/3 the old ministry still stands."""
    [nd55] = [d for d in vn.decisions if str(d.number) == "55/2025/NĐ-CP"]
    assert nd55.retroactive
    assert (nd55.signed_on, nd55.effective_on) == (dt.date(2025, 3, 2), dt.date(2025, 3, 1))
    assert "vn/bo-tttt" in vn.as_of("2025-03-01", known_on="2025-03-01")
    assert "vn/bo-tttt" not in vn.as_of("2025-03-01", known_on="2025-03-02")


def test_press_to_the_ministry_of_culture(vn: gm.Timeline) -> None:
    """NĐ 43/2025/NĐ-CP: press and publishing go to Bộ VHTTDL from 1/3/2025."""
    assert {"báo chí", "xuất bản"} <= set(vn.as_of("2025-03-01").mandate("vn/bo-vhttdl").fields)
    assert vn.as_of("2025-02-28").mandate("vn/bo-vhttdl").is_empty


# --------------------------------------------------------------------------- Bắc Kạn


def test_bac_kan_department_has_a_successor_in_thai_nguyen(bk: gm.Timeline) -> None:
    """After 1/7/2025 the Bắc Kạn department is succeeded by the new Thái Nguyên's Sở KH&CN."""
    succ = bk.successor(BK_SO, on="2025-07-01")
    assert succ.id == TN_KHCN
    assert succ.name == "Sở Khoa học và Công nghệ tỉnh Thái Nguyên"
    assert succ.parent == "thai-nguyen/ubnd-2025"
    assert bk.successor("bac-kan/ubnd", on="2025-07-01").id == "thai-nguyen/ubnd-2025"
    assert [o.id for o in bk.successor_chain(BK_SO, on="2026-01-01")] == [BK_SO, TN_KHCN]


def test_resolution_in_force_before_the_bodies_change(bk: gm.Timeline) -> None:
    """NQ 202/2025/QH15 takes effect on 12/6/2025; the new bodies operate from 1/7/2025."""
    [nq] = [d for d in bk.decisions if str(d.number) == "202/2025/QH15"]
    assert nq.effective_on == dt.date(2025, 6, 12)
    assert {nq.effect_date(e) for e in nq.effects} == {dt.date(2025, 7, 1)}
    mid = bk.as_of("2025-06-20")
    assert nq in mid.decisions_in_force
    assert mid[BK_SO].name == "Sở Thông tin và Truyền thông tỉnh Bắc Kạn"
    assert bk.successor(BK_SO, on="2025-06-30").id == BK_SO
    assert BK_SO not in bk.as_of("2025-07-01")
    assert "bac-kan/ubnd" not in bk.as_of("2025-07-01")


def test_bac_kan_fields_divided_without_loss(bk: gm.Timeline) -> None:
    """The old department's 14 fields: press and information to Sở VHTTDL, the rest to KH&CN."""
    before = set(bk.as_of("2025-06-30").mandate(BK_SO).fields)
    after = bk.as_of("2025-07-01")
    to_khcn, to_vh = set(after.mandate(TN_KHCN).fields), set(after.mandate(TN_VHTTDL).fields)
    assert len(before) == 14
    assert before == to_khcn | to_vh
    assert not to_khcn & to_vh
    assert {"báo chí", "xuất bản"} <= to_vh
    assert {"bưu chính", "viễn thông"} <= to_khcn


def test_bac_kan_seed_facts_unchanged(bk: gm.Timeline) -> None:
    base = load_dataset("bac-kan-2008")
    for day in ["2006-05-11", "2007-01-01", "2008-03-28", "2020-01-01"]:
        assert base.as_of(day).get(BK_SO) == bk.as_of(day).get(BK_SO)
        assert base.as_of(day).get(BK_SO) is None or (
            base.as_of(day).mandate(BK_SO) == bk.as_of(day).mandate(BK_SO)
        )
    assert all(f.agrees for f in bk.check())


# --------------------------------------------------------------------------- provenance


@pytest.mark.parametrize("name", ["lang-son-history", "bac-kan-history", "vietnam-central-2025"])
def test_every_fact_cites_a_public_record(name: str) -> None:
    """Every decision and observation cites a page: its address and the sentence quoted."""
    ds = read_dataset(name)
    assert ds.notes
    for d in ds.decisions:
        assert d.sources, d
        for s in d.sources:
            assert s.url and s.url.startswith("http"), s
            assert s.quote, s
    for o in ds.observations:
        assert o.source.url and o.source.quote, o


def test_the_provinces_are_units_with_their_gso_codes():
    """Bắc Kạn (06) and the old Thái Nguyên (19) consolidate into the new Thái Nguyên on
    1/7/2025, which takes code 19; Lạng Sơn keeps 20 (GSO list, cited in the datasets)."""
    bk = gm.load_dataset("bac-kan-history")
    assert bk.by_identifier("gso", "06", on="2025-06-30") == ("bac-kan",)
    assert bk.by_identifier("gso", "19", on="2025-06-30") == ("thai-nguyen",)
    assert bk.by_identifier("gso", "19", on="2025-07-01") == ("thai-nguyen-2025",)
    assert bk.successor("bac-kan", on="2025-07-01").id == "thai-nguyen-2025"
    ended = bk.history("bac-kan")[-1].ended
    assert ended is not None and ended.kind == "merged" and ended.into == ("thai-nguyen-2025",)
    ubnd = bk.as_of("2025-07-01")["thai-nguyen/ubnd-2025"]
    assert isinstance(ubnd, gm.Agency) and ubnd.territory == "thai-nguyen-2025"
    ls = gm.load_dataset("lang-son-history")
    assert ls.by_identifier("gso", "20", on="2025-07-01") == ("lang-son",)
