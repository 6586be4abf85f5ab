"""Tests of the bundled datasets: the seed facts, answered from load_dataset."""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

import pytest

import govmodel as gm
from govmodel.datasets import UnknownDatasetError, datasets, load_dataset, read_dataset
from govmodel.serialize import dumps

UBND = "lang-son/ubnd"
SO = "lang-son/so-tttt"
BCD = "lang-son/bcd-cds"
TT = "lang-son/so-tttt/trung-tam-cntt-tt"
CNTT = "lang-son/so-tttt/phong-cntt"
BCVT = "lang-son/so-tttt/phong-bcvt"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def ls() -> gm.Timeline:
    return load_dataset("lang-son-2021")


@pytest.fixture(scope="module")
def bk() -> gm.Timeline:
    return load_dataset("bac-kan-2008")


def _refs(decisions: tuple[gm.Decision, ...]) -> set[str]:
    return {str(d.number) for d in decisions}


# --------------------------------------------------------------------------- the loader


def test_bundled_names() -> None:
    """datasets() lists the bundled datasets by name, sorted."""
    assert datasets() == [
        "bac-kan-2008", "bac-kan-history", "lang-son-2021", "lang-son-history",
        "vietnam-central-2025", "vietnam-communes-2025", "vietnam-provinces-2025",
    ]


def test_unknown_name_lists_the_available_ones() -> None:
    """An unknown name is a GovModelError and a KeyError naming the bundled datasets."""
    with pytest.raises(UnknownDatasetError) as info:
        load_dataset("ha-noi-1999")
    assert isinstance(info.value, gm.GovModelError)
    assert isinstance(info.value, KeyError)
    assert "lang-son-2021" in str(info.value)
    assert "bac-kan-2008" in str(info.value)


def test_load_from_a_path(tmp_path: Path) -> None:
    """load_dataset also takes the path of a dataset file."""
    path = tmp_path / "copy.json"
    path.write_text(dumps(read_dataset("bac-kan-2008")), encoding="utf-8")
    assert load_dataset(path) == load_dataset("bac-kan-2008")
    assert load_dataset(str(path)) == load_dataset("bac-kan-2008")


@pytest.mark.parametrize("name", ["lang-son-2021", "bac-kan-2008"])
def test_bundled_files_are_canonical(name: str) -> None:
    """Each bundled file is exactly what dumps writes for the dataset it holds."""
    text = resources.files("govmodel.datasets").joinpath(f"{name}.json").read_text("utf-8")
    assert dumps(read_dataset(name)) == text


@pytest.mark.parametrize("name", ["lang-son-2021", "bac-kan-2008"])
def test_every_decision_and_observation_cites_a_seed(name: str) -> None:
    """Every decision and observation cites a seed file and a sentence found in it verbatim."""
    if not SEEDS.is_dir():
        pytest.skip("the seed texts are not beside the repository")
    texts = {f"seeds/{p.name}": gm.vn.nfc(p.read_text("utf-8")) for p in SEEDS.glob("*.txt")}
    ds = read_dataset(name)
    cited = [s for d in ds.decisions for s in d.sources] + [o.source for o in ds.observations]
    assert all(d.sources for d in ds.decisions)
    for source in cited:
        assert source.document in texts, source
        assert source.quote is not None
        assert source.quote in texts[source.document], source.quote


# --------------------------------------------------------------------------- Lạng Sơn


def test_committee_renamed_on_13_october_2021(ls: gm.Timeline) -> None:
    """QĐ 2041 renames the committee on 13/10/2021 (in force on signing)."""
    assert ls.as_of("2021-10-12")[BCD].name == "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn"
    assert ls.as_of("2021-10-13")[BCD].name == "Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn"


def test_1782_replaced_by_2041(ls: gm.Timeline) -> None:
    """QĐ 1782 is in force on 12/10/2021 and not on 13/10/2021, when QĐ 2041 replaces it."""
    before = _refs(ls.as_of("2021-10-12").decisions_in_force)
    after = _refs(ls.as_of("2021-10-13").decisions_in_force)
    assert "1782/QĐ-UBND" in before
    assert "2041/QĐ-UBND" not in before
    assert "1782/QĐ-UBND" not in after
    assert "2041/QĐ-UBND" in after


def test_composition_on_20_april_2022(ls: gm.Timeline) -> None:
    """On 20/4/2022 the Giám đốc Sở TT&TT is Phó Trưởng ban; the Chủ tịch is Trưởng ban."""
    seats = ls.as_of("2022-04-20").members(BCD)
    by_role: dict[str, list[str]] = {}
    for seat in seats:
        by_role.setdefault(seat.role, []).append(seat.label)
    assert by_role["Phó Trưởng ban"] == ["Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn"]
    assert by_role["Trưởng ban"] == ["Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"]
    assert by_role["Phó Trưởng ban Thường trực"] == [
        "Phó Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn phụ trách lĩnh vực Thông tin và Truyền thông"
    ]
    # 15 sở and ngành led by a "Thủ trưởng", plus three enterprises led by a "Giám đốc"
    assert len(by_role["Thành viên"]) == 20
    assert "Giám đốc Viettel Lạng Sơn" in by_role["Thành viên"]
    assert "Thủ trưởng Công an tỉnh Lạng Sơn" in by_role["Thành viên"]


def test_committee_mandate_has_five_main_tasks(ls: gm.Timeline) -> None:
    """QĐ 2041 gives the committee its function and its 5 main tasks."""
    mandate = ls.as_of("2021-10-13").mandate(BCD)
    assert len(mandate.functions) == 1
    assert mandate.functions[0].startswith("nghiên cứu, đề xuất với UBND tỉnh")
    [main] = [g for g in mandate.task_groups if g.name == "nhiệm vụ chính"]
    assert len(main.tasks) == 5


def test_it_centre_renamed_on_10_december_2021(ls: gm.Timeline) -> None:
    """Quyết định 33 (in force 10/12/2021) renames the IT centre to Trung tâm Công nghệ số."""
    assert ls.as_of("2021-12-09")[TT].name == "Trung tâm Công nghệ thông tin và Truyền thông"
    assert ls.as_of("2021-12-10")[TT].name == "Trung tâm Công nghệ số"


def test_units_renamed_by_decision_33(ls: gm.Timeline) -> None:
    """Two divisions get new names on 10/12/2021; Phòng Thông tin - Báo chí - Xuất bản keeps its own."""
    snap = ls.as_of("2021-12-10")
    assert snap[BCVT].name == "Phòng Hạ tầng số"
    assert snap[CNTT].name == "Phòng Chuyển đổi số"
    assert snap["lang-son/so-tttt/phong-ttbcxb"].name == "Phòng Thông tin - Báo chí - Xuất bản"
    assert len(snap.children(SO)) == 6  # Văn phòng, Thanh tra, 3 divisions, 1 centre


def test_decision_33_signing_date_unknown(ls: gm.Timeline) -> None:
    """Quyết định 33's signing date is unknown (null); it takes effect on 10/12/2021."""
    [q33] = [d for d in ls.decisions if d.number.number == 33]
    assert q33.signed_on is None
    assert q33.effective_on.isoformat() == "2021-12-10"
    assert q33.signer == gm.PostRef(UBND, "Chủ tịch")


def test_department_mandate_from_decision_33(ls: gm.Timeline) -> None:
    """From 10/12/2021 Sở TT&TT has the new functions and 4 new task groups."""
    assert ls.as_of("2021-12-09").mandate(SO).is_empty
    mandate = ls.as_of("2021-12-10").mandate(SO)
    for function in ("chuyển đổi số", "chính quyền số", "kinh tế số", "xã hội số", "cửa khẩu số",
                     "đô thị thông minh", "hạ tầng số", "nền tảng số",
                     "an toàn, an ninh thông tin"):
        assert function in mandate.functions
    assert [g.name for g in mandate.task_groups] == [
        "hạ tầng số", "chuyển đổi số", "phát triển đô thị thông minh", "an toàn, an ninh thông tin"
    ]


def test_decision_33_pending_before_it_takes_effect(ls: gm.Timeline) -> None:
    """Known by the end of November 2021, Quyết định 33 is pending until 10/12/2021."""
    assert "33/2021/QĐ-UBND" in _refs(ls.pending("2021-12-01"))
    assert "33/2021/QĐ-UBND" not in _refs(ls.pending("2021-12-10"))


def test_related_documents(ls: gm.Timeline) -> None:
    """NQ 49-NQ/TU, KH 226 and QĐ 197/QĐ-UBND are held, with their dates and no effects."""
    by_number = {str(d.number): d for d in ls.decisions}
    assert by_number["49-NQ/TU"].signed_on.isoformat() == "2021-09-28"  # type: ignore[union-attr]
    assert by_number["49-NQ/TU"].issuer == "lang-son/tinh-uy"
    assert by_number["226/KH-UBND"].signed_on.isoformat() == "2021-11-18"  # type: ignore[union-attr]
    assert by_number["197/QĐ-UBND"].signed_on.isoformat() == "2022-01-25"  # type: ignore[union-attr]
    assert all(not by_number[n].effects for n in ("49-NQ/TU", "226/KH-UBND", "197/QĐ-UBND"))


def test_observations_agree_except_the_seed_000_conflict(ls: gm.Timeline) -> None:
    """The dated mentions agree with the timeline but one: seed 000's "phòng Công nghệ số"."""
    findings = ls.check()
    conflicts = [f for f in findings if not f.agrees]
    assert len(findings) >= 10
    assert [(f.observation.org_id, f.observation.name) for f in conflicts] == [
        (CNTT, "Phòng Công nghệ số")
    ]
    assert conflicts[0].expected == "Phòng Chuyển đổi số"


def test_bylines(ls: gm.Timeline) -> None:
    """The IT centre's bylines: its old name in October 2021, its new one on 20/4/2022."""
    bylines = {(f.observation.name, f.observation.on.isoformat()): f.agrees for f in ls.check()
               if f.observation.org_id == TT}
    assert bylines[("Trung tâm CNTT và Truyền thông", "2021-10-13")]
    assert bylines[("Trung tâm Công nghệ số", "2022-04-20")]


def test_find_department(ls: gm.Timeline) -> None:
    """The department is found by its folded abbreviation."""
    assert SO in ls.find("so tttt lang son")


# --------------------------------------------------------------------------- Bắc Kạn

BK_SO = "bac-kan/so-tttt"


def test_bac_kan_department_renamed_in_2008(bk: gm.Timeline) -> None:
    """Sở Bưu chính - Viễn thông (from 11/5/2006) is Sở Thông tin và Truyền thông from 28/3/2008."""
    assert BK_SO not in bk.as_of("2006-05-10")
    assert bk.as_of("2007-01-01")[BK_SO].name == "Sở Bưu chính - Viễn thông tỉnh Bắc Kạn"
    assert bk.as_of("2008-03-27")[BK_SO].name == "Sở Bưu chính - Viễn thông tỉnh Bắc Kạn"
    assert bk.as_of("2008-06-01")[BK_SO].name == "Sở Thông tin và Truyền thông tỉnh Bắc Kạn"
    assert bk.as_of("2008-06-01")[BK_SO].parent == "bac-kan/ubnd"


def test_bac_kan_fourteen_fields(bk: gm.Timeline) -> None:
    """After 2008 the department has 14 fields of state management, press and publishing among them."""
    fields = bk.as_of("2008-06-01").mandate(BK_SO).fields
    assert len(fields) == 14
    assert {"báo chí", "xuất bản", "bưu chính", "viễn thông"} <= set(fields)
    assert "báo chí" not in bk.as_of("2007-01-01").mandate(BK_SO).fields


def test_bac_kan_history(bk: gm.Timeline) -> None:
    """The department has two versions, split on 28/3/2008 by QĐ 570/QĐ-UBND."""
    versions = bk.history(BK_SO)
    assert [v.value.name for v in versions] == [
        "Sở Bưu chính - Viễn thông tỉnh Bắc Kạn", "Sở Thông tin và Truyền thông tỉnh Bắc Kạn"
    ]
    assert versions[0].valid_from.isoformat() == "2006-05-11"  # type: ignore[union-attr]
    assert versions[1].valid_from.isoformat() == "2008-03-28"  # type: ignore[union-attr]
    assert versions[1].decision is not None
    assert str(versions[1].decision.number) == "570/QĐ-UBND"


def test_bundled_json_is_plain_data() -> None:
    """The bundled files are JSON objects with the schema version first (the large ones
    gzip-compressed JSON, the compact form)."""
    folder = resources.files("govmodel.datasets")
    for name in datasets():
        plain, packed = folder.joinpath(f"{name}.json"), folder.joinpath(f"{name}.json.gz")
        assert plain.is_file() != packed.is_file(), name  # one form per dataset
        raw = plain.read_bytes() if plain.is_file() else gzip.decompress(packed.read_bytes())
        data = json.loads(raw.decode("utf-8"))
        assert next(iter(data)) == "schema_version"
        assert data["name"] == name


def test_holders_from_cited_public_records(ls: gm.Timeline) -> None:
    """The holders found in public records are observed on the days the records state, each
    citing its page's address: Nguyễn Khắc Lịch Phó Giám đốc of the Sở TT&TT on 1/5/2021
    (ICTVietnam); Hồ Tiến Thiệu Chủ tịch UBND tỉnh, and so at the committee's Trưởng ban seat,
    on 11/9/2020 (the provincial office's page on QĐ 1782) and 28/9/2022 (Báo Lạng Sơn)."""
    pgd = ls.as_of("2021-05-01").holders(gm.PostRef(SO, "Phó Giám đốc"))
    assert [(h.person_name, h.known_from) for h in pgd] == [("Nguyễn Khắc Lịch", "observation")]
    assert isinstance(pgd[0].source, gm.Source)
    assert pgd[0].source.url == "https://ictvietnam.vn/print/27628.html"
    assert ls.as_of("2021-05-02").holders(gm.PostRef(SO, "Phó Giám đốc")) == ()
    chu_tich = gm.PostRef("lang-son/ubnd", "Chủ tịch")
    urls = {}
    for day in ("2020-09-11", "2022-09-28"):
        (h,) = ls.as_of(day).holders(chu_tich)
        assert (h.person_id, h.person_name) == ("ho-tien-thieu", "Hồ Tiến Thiệu")
        assert isinstance(h.source, gm.Source)
        urls[day] = h.source.url
    assert urls == {"2020-09-11": "https://vanphong.langson.gov.vn/en/node/62225",
                    "2022-09-28": "https://old.baolangson.vn/en/?p=26923"}
    head = ls.as_of("2022-09-28").members("lang-son/bcd-cds")[0]
    assert (head.membership.role.vi, head.holders) == ("Trưởng ban", ("Hồ Tiến Thiệu",))
    cited = [o for o in ls.observations if isinstance(o, gm.HolderObservation)
             and o.source.url is not None]
    assert len(cited) == 3 and all(o.source.quote for o in cited)
    assert all(f.agrees for f in ls.check() if isinstance(f.observation, gm.HolderObservation))
