"""Tests for govmodel.vn.text: NFC, folding, tone-mark placement and aliases."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govmodel.vn import (
    ALIASES,
    expand_aliases,
    fold,
    nfc,
    normalize_tones,
    same_text,
    skeleton,
    tokens,
)
from govmodel.vn import text as text_module

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
_vn_text = st.text(
    alphabet=st.sampled_from(list(VIETNAMESE + VIETNAMESE.upper() + " &-,.0123456789bcdghklmnq")),
    max_size=60,
)


# --- laws ------------------------------------------------------------------------------------


@given(st.text(max_size=80))
def test_fold_is_idempotent(text: str) -> None:
    """fold(fold(x)) == fold(x) for any Unicode text."""
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=80))
def test_fold_ignores_normal_form(text: str) -> None:
    """NFC and NFD spellings of the same text fold alike."""
    nfc_text = unicodedata.normalize("NFC", text)
    nfd_text = unicodedata.normalize("NFD", text)
    assert fold(nfc_text) == fold(nfd_text) == fold(text)


@given(_vn_text)
def test_fold_of_vietnamese_is_plain_ascii(text: str) -> None:
    """Vietnamese letters fold to lower-case ASCII: diacritics gone, "đ" → "d"."""
    assert fold(text).isascii()
    assert fold(text) == fold(text.upper())


@given(_vn_text)
def test_tone_styles_agree_under_fold_and_same_text(text: str) -> None:
    """Old and new tone placement fold alike, and same_text treats them as one spelling."""
    old, new = normalize_tones(text, "old"), normalize_tones(text, "new")
    assert fold(old) == fold(new) == fold(text)
    assert same_text(old, new)
    assert normalize_tones(new, "old") == old
    assert normalize_tones(old, "new") == new


@given(_vn_text)
def test_skeleton_keeps_length(text: str) -> None:
    """skeleton maps each character to one character, so spans carry over to the original."""
    assert len(skeleton(text)) == len(text)
    assert skeleton(text).lower().replace("đ", "d") == "".join(
        fold(c) if c.strip() else c for c in text
    )


@given(_vn_text)
def test_nfc_is_idempotent(text: str) -> None:
    """nfc is a projection: applying it twice changes nothing."""
    assert nfc(nfc(text)) == nfc(text)
    assert nfc(unicodedata.normalize("NFD", text)) == nfc(text)


# --- examples --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sở Thông tin", "so thong tin"),
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        ("Uỷ ban nhân dân", "uy ban nhan dan"),
        ("ĐỒNG CHÍ  Dương   Xuân Huyên", "dong chi duong xuan huyen"),
        ("Sở Bưu chính - Viễn thông", "so buu chinh - vien thong"),
        ("QÐ", "qd"),  # Icelandic eth
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    """fold lower-cases, strips diacritics, maps Đ/Ð to d and collapses spaces."""
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Ủy ban", "Uỷ ban"),
        ("hòa bình", "hoà bình"),
        ("thủy lợi", "thuỷ lợi"),
        ("khỏe mạnh", "khoẻ mạnh"),
        ("Văn hóa", "Văn hoá"),
        ("HÒA", "HOÀ"),
        ("góa", "goá"),
    ],
)
def test_tone_placement_pairs(old: str, new: str) -> None:
    """The old/new placements of "oa", "oe", "uy" convert both ways and compare equal."""
    assert normalize_tones(new, "old") == old
    assert normalize_tones(old, "new") == new
    assert same_text(old, new)
    assert fold(old) == fold(new)


@pytest.mark.parametrize("word", ["quý", "quỳ", "hoàn", "thuyết", "khuya", "ngoài", "xoáy", "quả"])
def test_tone_placement_leaves_fixed_syllables(word: str) -> None:
    """Closed syllables, "qu" and three-vowel nuclei are written alike in both styles."""
    assert normalize_tones(word, "old") == word
    assert normalize_tones(word, "new") == word


def test_same_text_keeps_diacritics_and_case() -> None:
    """same_text is not fold: different letters or case are different spellings."""
    assert not same_text("Sở", "So")
    assert not same_text("sở", "Sở")
    assert same_text("Sở  Thông tin ", "Sở Thông tin")


def test_bad_tone_style_is_refused() -> None:
    """Only the two real styles are accepted."""
    with pytest.raises(ValueError, match="tone style"):
        normalize_tones("hòa", "modern")  # type: ignore[arg-type]


ALIAS_EXAMPLES = [
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở TTTT", "Sở Thông tin và Truyền thông"),
    ("Sở TT và TT", "Sở Thông tin và Truyền thông"),
    ("Sở TT & TT", "Sở Thông tin và Truyền thông"),
    ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("HDND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở KHCN", "Sở Khoa học và Công nghệ"),
    ("Phòng CNTT", "Phòng Công nghệ thông tin"),
    ("Trung tâm CNTT-TT", "Trung tâm Công nghệ thông tin và Truyền thông"),
    ("Trung tâm CNTT và Truyền thông", "Trung tâm Công nghệ thông tin và Truyền thông"),
    ("Phòng CĐS", "Phòng Chuyển đổi số"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở VH, TT&DL", "Sở Văn hoá, Thể thao và Du lịch"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở GTVT", "Sở Giao thông vận tải"),
]


@pytest.mark.parametrize(("short", "long"), ALIAS_EXAMPLES)
def test_aliases_expand_to_the_full_name(short: str, long: str) -> None:
    """An abbreviation and the name it stands for expand and tokenise alike (search law)."""
    assert expand_aliases(short) == expand_aliases(long)
    assert tokens(short) == tokens(long)


def test_aliases_table_examples_expand() -> None:
    """Every documented alias spelling expands to its listed expansion."""
    for short, expansion in ALIASES.items():
        assert expand_aliases(short) == expansion


@pytest.mark.parametrize("text", ["tư", "từ", "tú", "tuần", "cd", "ubndx", "tt"])
def test_aliases_leave_ordinary_words(text: str) -> None:
    """Ordinary words and partial matches are not taken for abbreviations."""
    assert expand_aliases(text) == fold(text)


def test_tokens_drop_punctuation() -> None:
    """tokens gives the folded, expanded words only."""
    assert tokens("Sở TT&TT (Lạng Sơn).") == (
        "so", "thong", "tin", "va", "truyen", "thong", "lang", "son",
    )


@given(st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2028aăâđeê\u0301\u0323\u0303Ơ ơ  x"),
               max_size=20) | st.text(max_size=20))
def test_nfc_fast_path_equals_normalising_and_splitting(text):
    """Text already tidy comes back as it is; any other text as normalised and re-spaced."""
    assert nfc(text) == " ".join(unicodedata.normalize("NFC", text).split())


@given(st.text(max_size=40))
def test_marks_are_stripped_as_unicode_defines_them(text):
    """The fast mark stripper (one regular expression for the Latin marks, then a look at
    each other non-ASCII character) drops exactly the characters with a combining class."""
    decomposed = unicodedata.normalize("NFD", text)
    expected = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert text_module._strip_marks(text) == expected


_D_REF = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Ɖ": "D", "ɖ": "d"})


def _fold_reference(text: str) -> str:
    """fold() as first written: strip marks letter by letter, case-fold, strip again, "đ"."""
    def strip(t: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))

    return " ".join(strip(strip(text).casefold()).translate(_D_REF).lower().split())


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
       | st.text(alphabet="ĐđÐðƉɖİẞßŉǰΐΰﬀΩKÅ ẠạẶặỆệÔôƯưÂâĂă\u0301\u0323\u0309 aA", max_size=20))
def test_fold_equals_its_first_definition(text):
    """The faster fold ("đ" mapped first, marks dropped by a regular expression) gives what
    the letter-by-letter definition gives, on any text."""
    assert fold(text) == _fold_reference(text)


# words an abbreviation may be made of, or begin in, for token_sets
_ALIAS_WORDS = [*ALIASES, "TT", "và", "kh", "Khoa", "UB", "ND", "&", "(UBND)", "-TT", "/"]


@given(st.lists(
    st.lists(st.sampled_from(_ALIAS_WORDS) | _vn_text, max_size=6).map(" ".join)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
    | st.text(alphabet="ĐđİẞßΣσςΩ\u0301\u0323 &-(aAtTkhKH", max_size=20),
    max_size=8,
))
def test_token_sets_equal_tokens_of_each_text(texts: list[str]) -> None:
    """TokenSets, which folds word by word and each distinct word once, gives every text
    the set of tokens() of the whole text, abbreviations (one or several words) included."""
    sets = text_module.TokenSets()
    assert {t: sets[t] for t in texts} == {t: frozenset(tokens(t)) for t in texts}
    assert dict(sets) == {t: frozenset(tokens(t)) for t in texts}  # each kept as found


def test_token_sets_on_seed_names() -> None:
    """An abbreviation across words, one after punctuation, and a plain name."""
    got = text_module.TokenSets()
    for text in ["Sở TT và TT", "Sở (TT&TT)", "Phòng Tổng hợp", "Phòng Tổng hợp"]:
        got[text]
    assert got["Sở TT và TT"] == got["Sở (TT&TT)"] == {"so", "thong", "tin", "va", "truyen"}
    assert got["Phòng Tổng hợp"] == {"phong", "tong", "hop"}
    assert len(got) == 3
