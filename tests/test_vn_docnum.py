"""Tests for govmodel.vn.docnum: document numbers ("số, ký hiệu")."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govmodel.errors import DocumentNumberError, GovModelError
from govmodel.vn import DOC_TYPES, ISSUERS, DocumentNumber, NumberForm
from govmodel.vn.doctypes import canonical_type_code

# --- strategies ------------------------------------------------------------------------------

_plain_codes = st.from_regex(r"[A-ZĐ][A-ZĐ0-9&]{0,7}", fullmatch=True)
_issuer_part = st.one_of(st.sampled_from(sorted(ISSUERS)), _plain_codes)
_lead_part = _issuer_part.filter(lambda p: canonical_type_code(p) is None)
_state_types = sorted(DOC_TYPES)
_party_types = sorted(code for code, t in DOC_TYPES.items() if t.party)


@st.composite
def _issuer_codes(draw: st.DrawFn, *, lead_may_be_type: bool) -> str:
    """An issuer code of 1-3 parts whose reading back is unambiguous."""
    first = draw(_issuer_part if lead_may_be_type else _lead_part)
    rest = draw(st.lists(_issuer_part, max_size=2))
    return "-".join([first, *rest])


@st.composite
def document_numbers(draw: st.DrawFn) -> DocumentNumber:
    """Any valid number, in each of the four forms."""
    number = draw(st.integers(1, 999_999))
    width = draw(st.integers(0, 6))
    form = draw(st.sampled_from(list(NumberForm)))
    if form is NumberForm.PARTY:
        return DocumentNumber(
            number, draw(_issuer_codes(lead_may_be_type=True)),
            draw(st.sampled_from(_party_types)), party=True, width=width,
        )
    year = draw(st.integers(1900, 2999)) if form is NumberForm.NORMATIVE else None
    if form is NumberForm.LETTER or (year is not None and draw(st.booleans())):
        doc_type = None
        issuer = draw(_issuer_codes(lead_may_be_type=False))
    else:
        doc_type = draw(st.sampled_from(_state_types))
        issuer = draw(_issuer_codes(lead_may_be_type=True))
    return DocumentNumber(number, issuer, doc_type, year=year, width=width)


# --- laws ------------------------------------------------------------------------------------


@given(document_numbers())
def test_parse_str_round_trip(n: DocumentNumber) -> None:
    """parse(str(n)) == n, and the text itself is reproduced (padding kept), for all forms."""
    again = DocumentNumber.parse(str(n))
    assert again == n
    assert str(again) == str(n)
    assert hash(again) == hash(n)


@given(document_numbers(), st.sampled_from(["", " ", "  "]))
def test_spacing_is_tolerated(n: DocumentNumber, pad: str) -> None:
    """Spaces around "/" and "-" (as typed in many portals) do not change the number."""
    spaced = str(n).replace("/", f"{pad}/{pad}").replace("-", f"{pad}-{pad}")
    assert DocumentNumber.parse(f" {spaced} ") == n


@given(document_numbers())
def test_padding_does_not_change_identity(n: DocumentNumber) -> None:
    """"05/2019/NQ-HĐND" and "5/2019/NQ-HĐND" are one document: width is presentation only."""
    unpadded = DocumentNumber(n.number, n.issuer_code, n.doc_type, n.year, n.party)
    assert unpadded == n
    assert str(unpadded).lstrip("0") == str(n).lstrip("0")


@given(document_numbers())
def test_form_matches_fields(n: DocumentNumber) -> None:
    """The form is determined by party / year / type exactly as Decree 30 describes them."""
    expected = (
        NumberForm.PARTY if n.party else NumberForm.NORMATIVE if n.year
        else NumberForm.INDIVIDUAL if n.doc_type else NumberForm.LETTER
    )
    assert n.form is expected


# --- every example of the issue ----------------------------------------------------------------

EXAMPLES = [
    # text, number, year, doc_type, issuer, party, form
    ("2041/QĐ-UBND", 2041, None, "QĐ", "UBND", False, NumberForm.INDIVIDUAL),
    ("197/QĐ-UBND", 197, None, "QĐ", "UBND", False, NumberForm.INDIVIDUAL),
    ("1782/QĐ-UBND", 1782, None, "QĐ", "UBND", False, NumberForm.INDIVIDUAL),
    ("570/QĐ-UBND", 570, None, "QĐ", "UBND", False, NumberForm.INDIVIDUAL),
    ("33/2021/QĐ-UBND", 33, 2021, "QĐ", "UBND", False, NumberForm.NORMATIVE),
    ("925/2006/QĐ-UBND", 925, 2006, "QĐ", "UBND", False, NumberForm.NORMATIVE),
    ("91/2006/NĐ-CP", 91, 2006, "NĐ", "CP", False, NumberForm.NORMATIVE),
    ("05/2019/NQ-HĐND", 5, 2019, "NQ", "HĐND", False, NumberForm.NORMATIVE),
    ("30/2020/NĐ-CP", 30, 2020, "NĐ", "CP", False, NumberForm.NORMATIVE),
    ("59/2020/QH14", 59, 2020, None, "QH14", False, NumberForm.NORMATIVE),
    ("49-NQ/TU", 49, None, "NQ", "TU", True, NumberForm.PARTY),
    ("238-KH/TU", 238, None, "KH", "TU", True, NumberForm.PARTY),
    ("37-QĐi/TW", 37, None, "QĐi", "TW", True, NumberForm.PARTY),
    ("2881/VP-KGVX", 2881, None, None, "VP-KGVX", False, NumberForm.LETTER),
    ("5511/BKHCN-CĐSQG", 5511, None, None, "BKHCN-CĐSQG", False, NumberForm.LETTER),
    ("1234/TTg-KGVX", 1234, None, None, "TTg-KGVX", False, NumberForm.LETTER),
    ("01/2014/TTLT-BNV-BTC", 1, 2014, "TTLT", "BNV-BTC", False, NumberForm.NORMATIVE),
    ("09/QyĐ-UBND", 9, None, "QyĐ", "UBND", False, NumberForm.INDIVIDUAL),
]


@pytest.mark.parametrize(("text", "parts", "form"), [(e[0], e[1:6], e[6]) for e in EXAMPLES])
def test_examples(text: str, parts: tuple[object, ...], form: NumberForm) -> None:
    """Every number form in use parses to its parts and prints back exactly as written."""
    n = DocumentNumber.parse(text)
    assert (n.number, n.year, n.doc_type, n.issuer_code, n.party) == parts
    assert n.form is form
    assert str(n) == text


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("2041 / QĐ - UBND", "2041/QĐ-UBND"),
        ("2041/QD-UBND", "2041/QĐ-UBND"),
        ("2041/qđ-ubnd", "2041/QĐ-UBND"),
        ("2041/QÐ-UBND", "2041/QĐ-UBND"),  # Icelandic eth, common in old encodings
        ("05/2019/NQ-HDND", "05/2019/NQ-HĐND"),
        ("91/2006/ND-CP", "91/2006/NĐ-CP"),
        ("49 - NQ / TU", "49-NQ/TU"),
        ("Số: 2041/QĐ-UBND", "2041/QĐ-UBND"),
        ("số 33/2021/QĐ–UBND", "33/2021/QĐ-UBND"),  # en dash
        ("5511/BKHCN-CDSQG", "5511/BKHCN-CĐSQG"),
    ],
)
def test_tolerated_variants(variant: str, canonical: str) -> None:
    """Spacing, letter case, "D" for "Đ", look-alike dashes and a "Số:" prefix are tolerated."""
    assert str(DocumentNumber.parse(variant)) == canonical


def test_d_for_dj_only_where_unambiguous() -> None:
    """"HD" is Hướng dẫn and "HĐ" Hợp đồng: a plain D is never turned into Đ when both exist."""
    assert DocumentNumber.parse("12/HD-UBND").doc_type == "HD"
    assert DocumentNumber.parse("12/HĐ-UBND").doc_type == "HĐ"
    assert DocumentNumber.parse("12/DA-UBND").doc_type == "DA"
    assert DocumentNumber.parse("12/ĐA-UBND").doc_type == "ĐA"


def test_info_records() -> None:
    """A number links to its type and issuer records with Vietnamese and English names."""
    n = DocumentNumber.parse("2041/QĐ-UBND")
    assert n.doc_type_info is not None
    assert (n.doc_type_info.vi, n.doc_type_info.en) == ("Quyết định", "Decision")
    assert n.issuer_info is not None
    assert n.issuer_info.en == "People's Committee"
    assert DocumentNumber.parse("2881/VP-KGVX").doc_type_info is None


def test_constructor_normalises() -> None:
    """Values normalise themselves: a hand-built number equals the parsed one."""
    assert DocumentNumber(2041, "ubnd", "qd") == DocumentNumber.parse("2041/QĐ-UBND")
    assert DocumentNumber(5, "HDND", "NQ", 2019, width=2).issuer_code == "HĐND"


def test_sort_key_orders_numerically() -> None:
    """sort_key orders by issuer, type, year, then the serial as a number (9 before 10)."""
    texts = ["10/QĐ-UBND", "9/QĐ-UBND", "33/2021/QĐ-UBND", "2/KH-UBND"]
    ordered = sorted((DocumentNumber.parse(t) for t in texts), key=DocumentNumber.sort_key)
    assert [str(n) for n in ordered] == ["2/KH-UBND", "9/QĐ-UBND", "10/QĐ-UBND", "33/2021/QĐ-UBND"]


def test_frozen() -> None:
    """Numbers are immutable values."""
    n = DocumentNumber.parse("2041/QĐ-UBND")
    with pytest.raises(AttributeError):
        n.number = 1  # type: ignore[misc]


# --- refusals --------------------------------------------------------------------------------

BAD = [
    "",
    "   ",
    "QĐ-UBND",
    "abc/2021",
    "2021/abc",
    "0/QĐ-UBND",
    "2041/",
    "/QĐ-UBND",
    "12-XX/TU",
    "12/2021-NQ/TU",
    "1234567/QĐ-UBND",
    "33/21/QĐ-UBND",
    "2041/QĐ-UBND extra words",
    "13/10/2021",
    "x" * 10_000,
    "1/" + "A" * 10_000,
    "1/" + "-".join(["AB"] * 3_000),
]


@pytest.mark.parametrize("text", BAD, ids=lambda t: repr(t[:20]))
def test_garbage_is_refused_quickly(text: str) -> None:
    """Anything that is not a document number raises DocumentNumberError, within milliseconds."""
    start = time.perf_counter()
    with pytest.raises(DocumentNumberError) as info:
        DocumentNumber.parse(text)
    assert time.perf_counter() - start < 0.5
    assert isinstance(info.value, GovModelError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"number": 1, "issuer_code": "TU", "doc_type": None, "party": True},
        {"number": 1, "issuer_code": "TU", "doc_type": "NĐ", "party": True},
        {"number": 1, "issuer_code": "TU", "doc_type": "NQ", "party": True, "year": 2021},
        {"number": 1, "issuer_code": "QĐ-UBND", "doc_type": None},
        {"number": 1, "issuer_code": "UBND", "doc_type": "XYZ"},
        {"number": 1, "issuer_code": "", "doc_type": "QĐ"},
        {"number": 1, "issuer_code": "Lạng Sơn", "doc_type": "QĐ"},
        {"number": 1, "issuer_code": "UBND", "doc_type": "QĐ", "year": 21},
        {"number": True, "issuer_code": "UBND", "doc_type": "QĐ"},
        {"number": 1, "issuer_code": "UBND", "doc_type": "QĐ", "width": 9},
    ],
)
def test_constructor_refuses_unprintable_values(kwargs: dict[str, object]) -> None:
    """A number that would not read back as itself cannot be built."""
    with pytest.raises(DocumentNumberError):
        DocumentNumber(**kwargs)  # type: ignore[arg-type]


def test_non_text_is_refused() -> None:
    """parse takes text only."""
    with pytest.raises(DocumentNumberError):
        DocumentNumber.parse(2041)  # type: ignore[arg-type]


def _parse_skeleton_first(text: str) -> DocumentNumber:
    """DocumentNumber.parse as it was: the skeleton of the whole text made every time."""
    import unicodedata  # noqa: PLC0415

    from govmodel.vn import docnum  # noqa: PLC0415
    from govmodel.vn.text import skeleton  # noqa: PLC0415

    s = unicodedata.normalize("NFC", text).translate(docnum._LOOKALIKES).strip()
    prefix = docnum._SO_PREFIX.match(skeleton(s))
    if prefix:
        s = s[prefix.end():]
    s = docnum._SPACED.sub(r"\1", s)
    return DocumentNumber._from_match(s, text)


_PREFIXES = st.sampled_from(["", "Số", "số", "So", "SỐ", "ſo", "Sở", "Sô", "S", "Sỗ", "sò", "Ső"])


@given(_PREFIXES, st.sampled_from(["", " ", ":", " : ", ": "]), st.from_regex(
    r"\A\d{1,4}(/20\d\d)?/(QĐ|NQ|KH)-(UBND|HĐND)\Z"), st.text(max_size=3))
def test_the_prefix_is_looked_for_only_where_it_can_be(prefix, sep, number, noise):
    """parse skips the skeleton of a text that cannot start with "Số": it parses every text
    as making the skeleton first does, or refuses it as that does."""
    for text in (f"{prefix}{sep}{number}", f"{prefix}{noise}{number}"):
        try:
            want: object = _parse_skeleton_first(text)
        except GovModelError:
            want = GovModelError
        try:
            got: object = DocumentNumber.parse(text)
        except GovModelError:
            got = GovModelError
        assert got == want, text
        if isinstance(got, DocumentNumber):
            assert got.width == want.width  # type: ignore[union-attr]
