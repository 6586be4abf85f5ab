"""Tests for govmodel.vn.doctypes: the document-type and issuer abbreviation tables."""

from __future__ import annotations

import pytest

from govmodel.vn import (
    DOC_TYPES,
    ISSUERS,
    DocCategory,
    doc_type_from_name,
    get_doc_type,
    get_issuer,
)

# Decree 30/2020/NĐ-CP, Appendix III, in the order of the appendix.
APPENDIX_III = [
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định"), ("CT", "Chỉ thị"), ("QC", "Quy chế"),
    ("QyĐ", "Quy định"), ("TC", "Thông cáo"), ("TB", "Thông báo"), ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"), ("KH", "Kế hoạch"), ("PA", "Phương án"), ("ĐA", "Đề án"),
    ("DA", "Dự án"), ("BC", "Báo cáo"), ("BB", "Biên bản"), ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"), ("CĐ", "Công điện"), ("BGN", "Bản ghi nhớ"), ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"), ("GM", "Giấy mời"), ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"), ("PG", "Phiếu gửi"), ("PC", "Phiếu chuyển"), ("PB", "Phiếu báo"),
]
COPIES = [("SY", "Bản sao y"), ("TrS", "Bản trích sao"), ("SL", "Bản sao lục")]


@pytest.mark.parametrize(("code", "vi"), APPENDIX_III + COPIES)
def test_appendix_iii_is_complete(code: str, vi: str) -> None:
    """Every abbreviation of Decree 30/2020/NĐ-CP Appendix III is known, with both names."""
    t = DOC_TYPES[code]
    assert t.vi == vi
    assert t.en
    expected = DocCategory.COPY if (code, vi) in COPIES else DocCategory.ADMINISTRATIVE
    assert t.category is expected
    assert doc_type_from_name(vi) == t


def test_codes_are_unique_and_named() -> None:
    """Each code appears once; every record has a Vietnamese and an English name."""
    for table in (DOC_TYPES, ISSUERS):
        for code, record in table.items():
            assert record.code == code
            assert record.vi
            assert record.en


@pytest.mark.parametrize(
    ("spelling", "code"),
    [("qd", "QĐ"), ("QD", "QĐ"), ("qyd", "QyĐ"), ("CTR", "CTr"), ("trs", "TrS"), ("nd", "NĐ"),
     ("HD", "HD"), ("HĐ", "HĐ"), ("DA", "DA"), ("ĐA", "ĐA"), ("QĐI", "QĐi")],
)
def test_type_spellings(spelling: str, code: str) -> None:
    """Any case is accepted; "D" stands for "Đ" only when no other code is spelt that way."""
    t = get_doc_type(spelling)
    assert t is not None
    assert t.code == code


@pytest.mark.parametrize(
    ("spelling", "code"),
    [("UBND", "UBND"), ("ubnd", "UBND"), ("HDND", "HĐND"), ("TTG", "TTg"), ("QH15", "QH"),
     ("BTTTT", "BTTTT"), ("BKHCN", "BKHCN"), ("TU", "TU"), ("CP", "CP"), ("DU", "ĐU")],
)
def test_issuer_spellings(spelling: str, code: str) -> None:
    """Issuer codes are found in any case, with "D" for "Đ" and a trailing term number."""
    issuer = get_issuer(spelling)
    assert issuer is not None
    assert issuer.code == code


def test_party_flags() -> None:
    """Party-only types and Party bodies are marked; state-only types are not Party types."""
    assert DOC_TYPES["KL"].party
    assert DOC_TYPES["KL"].category is DocCategory.PARTY
    assert DOC_TYPES["NQ"].party
    assert not DOC_TYPES["NĐ"].party
    assert ISSUERS["TU"].party
    assert not ISSUERS["UBND"].party


def test_names_without_abbreviation() -> None:
    """Types written without an abbreviation (Luật, Công văn) have no record; unknown is None."""
    assert doc_type_from_name("Luật") is None
    assert doc_type_from_name("công văn") is None
    assert doc_type_from_name("không phải") is None
    assert get_doc_type("XYZ") is None
    assert get_issuer("XYZ") is None


def test_tables_are_read_only() -> None:
    """The public tables cannot be changed by users."""
    with pytest.raises(TypeError):
        DOC_TYPES["X"] = DOC_TYPES["QĐ"]  # type: ignore[index]
