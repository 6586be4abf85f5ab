"""Shared fixtures: the 2021 Lạng Sơn facts of the seeds, built by hand (no dataset file),
and Debian's headless Chromium for the browser tests."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import settings

import govmodel as gm

# No example is timed (tests never time anything; the benchmarks do): hypothesis's deadline
# would fail a slow example on a busy machine.
settings.register_profile("govmodel", deadline=None)
settings.load_profile("govmodel")

SEED000 = "seeds/000_da556e263d8a6e2f.txt"
SEED001 = "seeds/001_01163d98ae2c8ae6.txt"

UBND = "lang-son/ubnd"
SO = "lang-son/so-tttt"
BCD = "lang-son/bcd-cds"
TT = "lang-son/so-tttt/trung-tam-cntt-tt"
CNTT = "lang-son/so-tttt/phong-cntt"
BCVT = "lang-son/so-tttt/phong-bcvt"


#: Debian's chromium, for the tests that render HTML in a browser.
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser() -> str:
    """The chromium program; a missing one fails when GOVMODEL_REQUIRE_BROWSER is set (CI)."""
    if BROWSER is None:
        if os.environ.get("GOVMODEL_REQUIRE_BROWSER"):
            pytest.fail("GOVMODEL_REQUIRE_BROWSER is set but chromium is not installed")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return BROWSER


@pytest.fixture(scope="session")
def dot() -> str:
    """Graphviz's dot; a missing one fails when GOVMODEL_REQUIRE_GRAPHVIZ is set (CI)."""
    found = shutil.which("dot")
    if found is None:
        if os.environ.get("GOVMODEL_REQUIRE_GRAPHVIZ"):
            pytest.fail("GOVMODEL_REQUIRE_GRAPHVIZ is set but Graphviz's dot is not installed")
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz)")
    return found


@pytest.fixture(scope="session")
def langson() -> gm.Timeline:
    """QĐ 1782 (2020), QĐ 2041 (13/10/2021) and Quyết định 33 (in force 10/12/2021)."""
    initial = [
        gm.Agency(
            id=UBND,
            name="Ủy ban nhân dân tỉnh Lạng Sơn",
            short_names=["UBND tỉnh Lạng Sơn"],
            kind="peoples_committee",
            level="province",
        ),
        gm.Agency(
            id=SO,
            name="Sở Thông tin và Truyền thông tỉnh Lạng Sơn",
            short_names=["Sở TT&TT Lạng Sơn"],
            parent=UBND,
            kind="department",
            level="province",
        ),
        gm.Agency(
            id="lang-son/so-khcn",
            name="Sở Khoa học và Công nghệ tỉnh Lạng Sơn",
            parent=UBND,
            kind="department",
            level="province",
        ),
        gm.Unit(
            id=TT,
            name="Trung tâm Công nghệ thông tin và Truyền thông",
            parent=SO,
            kind="public_service_unit",
        ),
        gm.Unit(id=CNTT, name="Phòng Công nghệ thông tin", parent=SO, kind="division"),
        gm.Unit(id=BCVT, name="Phòng Bưu chính, Viễn thông", parent=SO, kind="division"),
        gm.Committee(
            id=BCD, name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn", parent=UBND
        ),
    ]
    chairman = gm.PostRef(UBND, "Chủ tịch")
    q1782 = gm.Decision(
        number="1782/QĐ-UBND",
        issuer=UBND,
        signed_on="11/9/2020",
        signer=chairman,
        title="Kiện toàn Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn",
        effects=[gm.SetComposition(org_id=BCD, members=[gm.Membership("head", chairman)])],
        sources=[gm.Source(SEED001, quote="thay thế Quyết định số 1782/QĐ-UBND ngày 11/9/2020")],
    )
    q2041 = gm.Decision(
        number="2041/QĐ-UBND",
        issuer=UBND,
        signed_on="ngày 13 tháng 10 năm 2021",
        signer=chairman,
        title="Kiện toàn và đổi tên Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn",
        effects=[
            gm.Rename(org_id=BCD, name="Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn"),
            gm.SetComposition(
                org_id=BCD,
                members=[
                    gm.Membership("head", chairman),
                    gm.Membership(
                        "standing_deputy",
                        gm.PostRef(
                            UBND,
                            "Phó Chủ tịch",
                            qualifier="phụ trách lĩnh vực Thông tin và Truyền thông",
                        ),
                    ),
                    gm.Membership("deputy", gm.PostRef(SO, "Giám đốc")),
                    gm.Membership("member", gm.PostRef("lang-son/so-khcn", "Thủ trưởng")),
                ],
            ),
        ],
        supersedes=[gm.DecisionRef(UBND, "1782/QĐ-UBND", 2020)],
        sources=[
            gm.Source(
                SEED001,
                quote="Ngày 13/10/2021, Chủ tịch UBND tỉnh Lạng Sơn đã ký ban hành "
                "Quyết định số 2041/QĐ-UBND",
            )
        ],
    )
    q33 = gm.Decision(
        number="33/2021/QĐ-UBND",
        issuer=UBND,
        effective_on="10/12/2021",
        known_on="2021-11-30",
        title="Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở TT&TT",
        effects=[
            gm.SetMandate(org_id=SO, mandate=gm.Mandate(functions=["chuyển đổi số", "hạ tầng số"])),
            gm.Rename(org_id=BCVT, name="Phòng Hạ tầng số"),
            gm.Rename(org_id=CNTT, name="Phòng Chuyển đổi số"),
            gm.Rename(org_id=TT, name="Trung tâm Công nghệ số"),
        ],
        sources=[gm.Source(SEED000, quote="Quyết định 33 ... có hiệu lực thi hành từ ngày 10/12.")],
    )
    return gm.Timeline.from_decisions([q33, q2041, q1782], initial=initial)
