"""Tests for govmodel.vn.refs: document references in running Vietnamese text."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govmodel.errors import DocumentNumberError
from govmodel.vn import DocumentNumber, DocumentReference, find_references, format_date

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

Expected = tuple[str | None, str, dt.date | None, str]  # doc_type, number, date, text


def _summary(refs: tuple[DocumentReference, ...]) -> list[Expected]:
    return [(r.doc_type, str(r.number), r.date, r.text) for r in refs]


# --- examples --------------------------------------------------------------------------------

EXAMPLES: list[tuple[str, list[Expected]]] = [
    ("Quyết định số 2041/QĐ-UBND ngày 13/10/2021 của Chủ tịch UBND tỉnh",
     [("QĐ", "2041/QĐ-UBND", dt.date(2021, 10, 13), "Quyết định số 2041/QĐ-UBND ngày 13/10/2021")]),
    ("Chủ tịch vừa ký Quyết định 33 quy định chức năng",
     [("QĐ", "33", None, "Quyết định 33")]),
    ("Ban Thường vụ đã ban hành Nghị quyết 49 về chuyển đổi số",
     [("NQ", "49", None, "Nghị quyết 49")]),
    ("UBND tỉnh đã ban hành kế hoạch 226 phân công",
     [("KH", "226", None, "kế hoạch 226")]),
    ("trong Nghị quyết 49-NQ/TU, phục vụ",
     [("NQ", "49-NQ/TU", None, "Nghị quyết 49-NQ/TU")]),
    ("theo Kế hoạch số 238-KH/TU ngày 5 tháng 3 năm 2022",
     [("KH", "238-KH/TU", dt.date(2022, 3, 5), "Kế hoạch số 238-KH/TU ngày 5 tháng 3 năm 2022")]),
    ("Quyết định số 33/2021/QĐ-UBND và 34/2021/QĐ-UBND",
     [("QĐ", "33/2021/QĐ-UBND", None, "Quyết định số 33/2021/QĐ-UBND"),
      ("QĐ", "34/2021/QĐ-UBND", None, "34/2021/QĐ-UBND")]),
    ("Nghị định số 91/2006/NĐ-CP ngày 06/9/2006 của Chính phủ",
     [("NĐ", "91/2006/NĐ-CP", dt.date(2006, 9, 6), "Nghị định số 91/2006/NĐ-CP ngày 06/9/2006")]),
    ("Nghị quyết 05/2019/NQ-HĐND của HĐND tỉnh",
     [("NQ", "05/2019/NQ-HĐND", None, "Nghị quyết 05/2019/NQ-HĐND")]),
    ("Công văn số 2881/VP-KGVX ngày 01-10-1997",
     [(None, "2881/VP-KGVX", dt.date(1997, 10, 1), "Công văn số 2881/VP-KGVX ngày 01-10-1997")]),
    ("văn bản 5511/BKHCN-CĐSQG hướng dẫn",
     [(None, "5511/BKHCN-CĐSQG", None, "5511/BKHCN-CĐSQG")]),
    ("QUYẾT ĐỊNH SỐ 197/QĐ-UBND",
     [("QĐ", "197/QĐ-UBND", None, "QUYẾT ĐỊNH SỐ 197/QĐ-UBND")]),
    ("Quyet dinh so 197/QD-UBND",  # typed without diacritics
     [("QĐ", "197/QĐ-UBND", None, "Quyet dinh so 197/QD-UBND")]),
    ("Quyết định số 2041/QĐ-UBND-Lạng Sơn",
     [("QĐ", "2041/QĐ-UBND", None, "Quyết định số 2041/QĐ-UBND")]),
    ("Thông báo số 12/TB-UBND.",
     [("TB", "12/TB-UBND", None, "Thông báo số 12/TB-UBND")]),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES, ids=lambda v: str(v)[:30])
def test_examples(text: str, expected: list[Expected]) -> None:
    """Each way of citing a document yields its type, number, date and exact span."""
    refs = find_references(text)
    assert _summary(refs) == expected
    for r in refs:
        assert text[r.start:r.end] == r.text


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 13/10/2021, có 33 trang/cổng thông tin và 3G, 4G",
        "giai đoạn 2021-2025, quý I/2022, công nghiệp 4.0",
        "các quy hoạch, kế hoạch, chương trình, đề án về chuyển đổi số",
        "Quyết định có hiệu lực kể từ ngày ký",
        "tỷ lệ 1/2, mức độ 3/4, Make-in-VietNam",
    ],
)
def test_non_references(text: str) -> None:
    """Dates, ratios, type words without a number and hyphenated names are not references."""
    assert find_references(text) == ()


def test_bare_number_and_date_without_year() -> None:
    """A partial date after a reference is kept only when a reference date resolves it."""
    text = "Quyết định 33 ngày 10/12 có hiệu lực"
    (r,) = find_references(text)
    assert (r.number, r.date, r.text) == (33, None, "Quyết định 33")
    (r,) = find_references(text, reference=dt.date(2021, 11, 15))
    assert (r.number, r.date, r.text) == (33, dt.date(2021, 12, 10), "Quyết định 33 ngày 10/12")


def test_reference_properties() -> None:
    """serial, span and doc_type_info are available whatever was written."""
    (full, bare) = find_references("Quyết định 2041/QĐ-UBND và Kế hoạch 226")
    assert isinstance(full.number, DocumentNumber)
    assert (full.serial, bare.serial) == (2041, 226)
    assert full.span == (0, len("Quyết định 2041/QĐ-UBND"))
    assert bare.doc_type_info is not None
    assert bare.doc_type_info.en == "Plan"
    assert bare.type_name == "Kế hoạch"


# --- property --------------------------------------------------------------------------------


@given(
    st.integers(1, 9999), st.sampled_from(["QĐ", "KH", "TB", "CT"]),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["Theo ", "Căn cứ ", "", "(xem "]),
)
def test_generated_citations_are_found(
    number: int, code: str, signed: dt.date, lead: str,
) -> None:
    """A citation built as officials write it is found with its number and date."""
    name = {"QĐ": "Quyết định", "KH": "Kế hoạch", "TB": "Thông báo", "CT": "Chỉ thị"}[code]
    doc = DocumentNumber(number, "UBND", code)
    text = f"{lead}{name} số {doc} {format_date(signed)} của UBND tỉnh."
    (r,) = find_references(text)
    assert (r.doc_type, r.number, r.date) == (code, doc, signed)


# --- the seeds -------------------------------------------------------------------------------

# Every document reference written in the seed texts, with the date written after it.
SEED_REFS: dict[str, list[Expected]] = {
    "000": [
        ("QĐ", "33", None, "Quyết định 33"),
        ("QĐ", "33", None, "Quyết định 33"),
        ("NQ", "49", None, "Nghị quyết 49"),
        ("KH", "226", None, "kế hoạch 226"),
    ],
    "001": [
        ("QĐ", "2041/QĐ-UBND", None, "Quyết định số 2041/QĐ-UBND"),
        ("QĐ", "1782/QĐ-UBND", dt.date(2020, 9, 11), "Quyết định số 1782/QĐ-UBND ngày 11/9/2020"),
    ],
    "002": [
        ("QĐ", "197/QĐ-UBND", dt.date(2022, 1, 25), "Quyết định 197/QĐ-UBND ngày 25/01/2022"),
        ("NQ", "49-NQ/TU", None, "Nghị quyết 49-NQ/TU"),
    ],
    "003": [],
    "004": [
        ("QĐ", "925/2006/QĐ-UBND", None, "Quyết định số 925/2006/QĐ-UBND"),
        ("QĐ", "570/QĐ-UBND", None, "Quyết định số 570/QĐ-UBND"),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_REFS))
def test_every_seed_reference_is_found(prefix: str) -> None:
    """find_references finds exactly the documents each seed text cites, and nothing else."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    refs = find_references(text)
    assert _summary(refs) == SEED_REFS[prefix]
    for r in refs:
        assert text[r.start:r.end] == r.text


# --- bounds ----------------------------------------------------------------------------------


def test_long_adversarial_text_is_fast() -> None:
    """Scanning is linear: repetitive near-misses do not backtrack catastrophically."""
    start = time.perf_counter()
    for text in ("1/" + "A" * 20_000 + "a1", "Quyết định " * 5_000, "1/AB-" * 5_000):
        find_references(text)
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("bad", ["x" * 1_000_001, 42])
def test_bad_input_is_refused(bad: object) -> None:
    """Over-long text and non-text raise DocumentNumberError."""
    with pytest.raises(DocumentNumberError):
        find_references(bad)  # type: ignore[arg-type]
