"""Every example script runs after the README install and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(name: str, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_every_example_runs_cleanly(script: str) -> None:
    """Each script exits 0, writes nothing to stderr and prints something."""
    assert run(script).strip()


def test_reorganisation_shows_both_days_side_by_side() -> None:
    """The two trees share lines: old name on the left, new name on the right."""
    out = run("langson_2021_reorganisation.py")
    lines = out.splitlines()
    assert any("On 09/12/2021" in ln and "On 10/12/2021" in ln for ln in lines)
    for old, new in [
        ("Phòng Bưu chính, Viễn thông", "Phòng Chuyển đổi số"),
        ("Phòng Công nghệ thông tin", "Phòng Hạ tầng số"),
        ("Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm Công nghệ số"),
    ]:
        assert any(old in ln and ln.index(old) < ln.index(new) for ln in lines if new in ln)


def test_reorganisation_diff_names_the_deciding_decision() -> None:
    """Each rename in the diff is attributed to Quyết định 33/2021/QĐ-UBND."""
    out = run("langson_2021_reorganisation.py")
    rows = [ln for ln in out.splitlines() if ln.startswith("lang-son/so-tttt") and " name " in ln]
    assert len(rows) == 3
    assert all(ln.rstrip().endswith("33/2021/QĐ-UBND") for ln in rows)
    assert any("Trung tâm Công nghệ thông tin và Truyền thông" in ln
               and "Trung tâm Công nghệ số" in ln for ln in rows)


def test_reorganisation_lists_new_functions_and_unknown_signing_date() -> None:
    """The mandate's new functions (seed 000) are listed; the unknown signing date is said."""
    out = run("langson_2021_reorganisation.py")
    for function in ["chuyển đổi số", "cửa khẩu số", "đô thị thông minh", "nền tảng số",
                     "an toàn, an ninh thông tin"]:
        assert f"  - {function}\n" in out
    assert "  - phát triển đô thị thông minh" in out  # one of the 4 task groups
    assert "do not give the signing date of 33/2021/QĐ-UBND" in out


def test_steering_committee_example() -> None:
    """The committee's old and new names, who is in force, and what was pending on 1/10."""
    out = run("langson_steering_committee.py")
    assert "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn" in out
    assert "Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn" in out
    assert "Pending as known on 01/10/2021: none" in out  # 2041 was not yet signed
    assert "Phó Trưởng ban: Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn" in out
    assert "ceases to be in force on 2021-10-13" in out


def test_bac_kan_history_table() -> None:
    """Two versions: the 2006 Sở Bưu chính - Viễn thông, renamed by QĐ 570 on 28/3/2008."""
    out = run("bac_kan_2008.py")
    rows = [ln.split("  ") for ln in out.splitlines() if ln.startswith(("2006-", "2008-"))]
    assert [r[0] for r in rows] == ["2006-05-11", "2008-03-28"]
    assert "Sở Bưu chính - Viễn thông tỉnh Bắc Kạn" in out.splitlines()[4]
    assert out.splitlines()[4].rstrip().endswith("925/2006/QĐ-UBND")
    assert out.splitlines()[5].rstrip().endswith("570/QĐ-UBND")
    assert "  - báo chí" in out and "  - xuất bản" in out


def test_check_sources_reports_the_seed_000_conflict() -> None:
    """Bylines agree; the 'Phòng Công nghệ số' variant of seed 000 is a listed conflict."""
    out = run("check_sources.py")
    assert "19 agree, 1 conflict" in out  # 13 names and 6 post holders
    assert "CONFLICT on 10/12/2021 for lang-son/so-tttt/phong-cntt" in out
    assert "the text says:     Phòng Công nghệ số" in out
    assert "the timeline says: Phòng Chuyển đổi số" in out
    assert "seeds/000_da556e263d8a6e2f.txt" in out


def test_langson_2006_2025_lineage_and_resolved_committee() -> None:
    """The lineage names the 2006, 2008 and 2025 documents; the 2021 Phó Trưởng ban seat
    resolves on 2025-06-01 to the merged Sở Khoa học và Công nghệ, with its chain."""
    out = run("langson_2006_2025.py")
    for number in ["823/QĐ-UBND", "473/QĐ-UBND", "33/2021/QĐ-UBND", "04/NQ-HĐND", "55/2025/NĐ-CP"]:
        assert number in out
    assert "01/01/2007: Sở Bưu chính, Viễn thông tỉnh Lạng Sơn" in out
    assert "01/06/2025: Sở Khoa học và Công nghệ tỉnh Lạng Sơn  [lang-son/so-khcn-2025]" in out
    assert "  - Phó Trưởng ban: Giám đốc Sở Khoa học và Công nghệ tỉnh Lạng Sơn\n" in out
    assert "(lang-son/so-tttt → lang-son/so-khcn-2025)" in out
