"""Vietnamese text at the boundary: NFC normalisation, folding for search, tone marks, aliases.

``fold`` lower-cases, removes diacritics and maps "đ" to "d", so that searching is diacritic-
and case-insensitive: ``fold("Sở Thông tin") == "so thong tin"``. Old and new tone-mark
placement ("Ủy"/"Uỷ", "hòa"/"hoà") fold to the same text; :func:`normalize_tones` and
:func:`same_text` compare them without losing the diacritics. :func:`expand_aliases` and
:func:`tokens` spell out the abbreviations officials write ("Sở TT&TT", "UBND", "CĐS").
"""

from __future__ import annotations

import re
import types
import unicodedata
from collections.abc import Mapping
from typing import Literal

__all__ = [
    "ALIASES",
    "TokenSets",
    "ToneStyle",
    "expand_aliases",
    "fold",
    "nfc",
    "normalize_tones",
    "same_text",
    "skeleton",
    "tokens",
]

ToneStyle = Literal["old", "new"]
"""Where the tone mark sits in "oa", "oe", "uy".

``"old"`` = "hòa", "Ủy" (the placement of the State's own documents); ``"new"`` = "hoà", "Uỷ".
"""


#: White space that :func:`nfc` would change: at either end, doubled, or other than " ".
_UNTIDY = re.compile(r"^\s|\s$|\s\s|[^\S ]")


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC with surrounding white space stripped and runs collapsed.

    Args:
        text: any text (NFC, NFD or mixed).

    Returns:
        The NFC text with single spaces.

    >>> nfc("  Sở   Thông tin ") == "Sở Thông tin"
    True
    """
    if unicodedata.is_normalized("NFC", text) and not _UNTIDY.search(text):
        return text  # the common case: already NFC, single spaces (no copy made)
    return " ".join(unicodedata.normalize("NFC", text).split())


# "Đ"-like letters met in scanned or badly encoded text: Icelandic eth, African D.
_D_LIKE = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Ɖ": "D", "ɖ": "d"})


def _plain_d(text: str) -> str:
    """*text* with every "Đ"-like letter as its "D" or "d" (``text.translate(_D_LIKE)``, by
    replacement: a translation through a mapping looks up every character, and costs the
    folding of a name half its time)."""
    if text.isascii():
        return text
    return (
        text.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
        .replace("ɖ", "d").replace("Ɖ", "D")
    )


# The combining marks of Vietnamese (and most Latin-script text) after NFD: dropped by one
# regular expression; any other non-ASCII character is looked at alone.
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")  # U+034F is not a mark
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _unless_mark(m: re.Match[str]) -> str:
    c = m.group()
    return "" if unicodedata.combining(c) else c


# The marks of Vietnamese after NFD (circumflex, hook, dot below, grave, acute, horn, breve,
# tilde): removed one by one before the expression, which then seldom has any left to find.
_VIETNAMESE_MARKS = ("\u0302", "\u0309", "\u0323", "\u0300", "\u0301", "\u031b", "\u0306",
                     "\u0303")


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    out = unicodedata.normalize("NFD", text)
    for mark in _VIETNAMESE_MARKS:  # each within _LATIN_MARKS: the same text in the end
        out = out.replace(mark, "")
    if out.isascii():
        return out
    out = _LATIN_MARKS.sub("", out)
    return out if out.isascii() else _NON_ASCII.sub(_unless_mark, out)


def fold(text: str) -> str:
    """Fold *text* for comparison: lower case, no diacritics, "đ" → "d", single spaces.

    Folding is idempotent and gives the same result for NFC and NFD input, and for old and
    new tone-mark placement.

    Args:
        text: any text.

    Returns:
        The folded text.

    >>> fold("Sở Thông tin")
    'so thong tin'
    >>> fold("Ủy ban") == fold("Uỷ ban") == "uy ban"
    True
    """
    # "đ" first (so that Vietnamese text is ASCII once its marks are gone), then strip,
    # case-fold, strip again: case folding can itself produce combining marks (İ).
    folded = _strip_marks(_strip_marks(_plain_d(text)).casefold())
    return " ".join(_plain_d(folded).lower().split())


def skeleton(text: str) -> str:
    """Remove diacritics from NFC *text* letter by letter, keeping case and length.

    Every character maps to exactly one character, so a regular-expression match on the
    skeleton has the same span in *text*. Used by the free-text finders.

    Args:
        text: NFC text.

    Returns:
        Text of the same length: "Quyết định" → "Quyet dinh", "Đ" → "D".

    >>> skeleton("Quyết định số 2041/QĐ-UBND")
    'Quyet dinh so 2041/QD-UBND'
    """
    out = []
    for c in text:
        base = _strip_marks(c).translate(_D_LIKE)
        out.append(base if len(base) == 1 else c)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Tone-mark placement

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
_WORD = re.compile(r"[^\W\d_]{1,40}")


def _split_tone(c: str) -> tuple[str, str]:
    """(letter without its tone mark, tone mark or "")."""
    decomposed = unicodedata.normalize("NFD", c)
    tone = "".join(m for m in decomposed if m in _TONES)
    rest = "".join(m for m in decomposed if m not in _TONES)
    return unicodedata.normalize("NFC", rest), tone


def _retone_word(word: str, style: ToneStyle) -> str:
    if len(word) < 2:
        return word
    (first, t1), (second, t2) = _split_tone(word[-2]), _split_tone(word[-1])
    if (first.lower(), second.lower()) not in _PAIRS or (t1 and t2) or not (t1 or t2):
        return word
    prefix = word[:-2]
    if any(c.lower() not in _CONSONANTS for c in prefix):
        return word  # a vowel before the pair ("ngoai" has none, "khuya" is not this case)
    if first.lower() == "u" and prefix.lower().endswith("q"):
        return word  # "quý": the u belongs to the consonant "qu"
    tone = t1 or t2
    if style == "old":
        pair = unicodedata.normalize("NFC", first + tone) + second
    else:
        pair = first + unicodedata.normalize("NFC", second + tone)
    return prefix + pair


def normalize_tones(text: str, style: ToneStyle = "old") -> str:
    """Put tone marks of open "oa", "oe", "uy" syllables in one place.

    Vietnamese has two accepted placements: old "hòa, khỏe, thủy, Ủy" and new "hoà, khoẻ,
    thuỷ, Uỷ". Syllables with a final consonant ("hoàn", "thuyết") and "qu" ("quý") are the
    same in both styles and are left alone. The result is NFC.

    Args:
        text: any text.
        style: ``"old"`` (default; the placement Decree 30/2020/NĐ-CP's own text uses,
            "Ủy ban") or ``"new"``.

    Returns:
        *text* in NFC with the chosen placement.

    Raises:
        ValueError: if *style* is neither ``"old"`` nor ``"new"``.

    >>> normalize_tones("Uỷ ban nhân dân, hoà bình, thuỷ lợi")
    'Ủy ban nhân dân, hòa bình, thủy lợi'
    >>> normalize_tones("Ủy ban, quý, hoàn thành", style="new")
    'Uỷ ban, quý, hoàn thành'
    """
    if style not in ("old", "new"):
        raise ValueError(f"tone style must be 'old' or 'new', not {style!r}")
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: _retone_word(m.group(0), style), text)


def same_text(a: str, b: str) -> bool:
    """Tell whether *a* and *b* spell the same text, up to NFC, spacing and tone placement.

    Unlike comparing :func:`fold` results, case and diacritics still count.

    Args:
        a: a text.
        b: another text.

    Returns:
        True when the two are the same Vietnamese spelling.

    >>> same_text("Uỷ ban nhân dân tỉnh", "Ủy ban  nhân dân tỉnh")
    True
    >>> same_text("Sở", "Số")
    False
    """
    return normalize_tones(nfc(a)) == normalize_tones(nfc(b))


# ---------------------------------------------------------------------------------------------
# Aliases

_ALIAS_TABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    # folded expansion: (pattern over folded text, examples as written)
    "thong tin va truyen thong": (r"tt\s?(?:&|va|-)\s?tt|tttt", ("TT&TT", "TTTT", "TT và TT")),
    "bo thong tin va truyen thong": (r"btttt", ("BTTTT",)),
    "cong nghe thong tin va truyen thong": (r"cntt\s?(?:&|-)\s?tt", ("CNTT-TT", "CNTT&TT")),
    "uy ban nhan dan": (r"ubnd", ("UBND",)),
    "hoi dong nhan dan": (r"hdnd", ("HĐND",)),
    "khoa hoc va cong nghe": (r"kh\s?(?:&|va)\s?cn|khcn", ("KH&CN", "KHCN")),
    "bo khoa hoc va cong nghe": (r"bkhcn", ("BKHCN",)),
    "cong nghe thong tin": (r"cntt", ("CNTT",)),
    "chuyen doi so": (r"cds", ("CĐS",)),
    "ban chi dao": (r"bcd", ("BCĐ",)),
    "van hoa, the thao va du lich": (r"vh\s?,?\s?tt\s?(?:&|va)\s?dl|vhttdl", ("VHTTDL",)),
    "ke hoach va dau tu": (r"kh\s?(?:&|va)\s?dt|khdt", ("KH&ĐT",)),
    "giao duc va dao tao": (r"gd\s?(?:&|va)\s?dt|gddt", ("GD&ĐT",)),
    "tai nguyen va moi truong": (r"tn\s?(?:&|va)\s?mt|tnmt", ("TN&MT",)),
    "nong nghiep va phat trien nong thon": (r"nn\s?(?:&|va)\s?ptnt|nnptnt", ("NN&PTNT",)),
    "lao dong - thuong binh va xa hoi": (r"ld\s?-?\s?tb\s?(?:&|va)\s?xh|ldtbxh", ("LĐ-TB&XH",)),
    "giao thong van tai": (r"gtvt", ("GTVT",)),
}

ALIASES: Mapping[str, str] = types.MappingProxyType(
    {ex: expansion for expansion, (_, examples) in _ALIAS_TABLE.items() for ex in examples}
)
"""Abbreviations as written (one example spelling each) → their folded expansion."""

_ALIAS_PATTERNS = [(re.compile(pattern), exp) for exp, (pattern, _) in _ALIAS_TABLE.items()]
_ALIAS_RE = re.compile(
    r"(?<![\w&])(?:"
    + "|".join(f"(?P<a{i}>{p.pattern})" for i, (p, _) in enumerate(_ALIAS_PATTERNS))
    + r")(?![\w&])"
)
_EXPANSIONS = {f"a{i}": exp for i, (_, exp) in enumerate(_ALIAS_PATTERNS)}


def _leading_pairs(pattern: str) -> set[str] | None:
    """The two letters every match of *pattern* starts with, one pair per alternative, or
    None when an alternative does not start with two plain letters."""
    alternatives, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "[":  # a class: on to its closing bracket (a first "]" is a member)
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            i += pattern[i : i + 1] == "]"
            while pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            alternatives.append(pattern[start:i])
            start = i + 1
        i += 1
    alternatives.append(pattern[start:])
    pairs = set()
    for alt in alternatives:
        if re.fullmatch("[a-z]{2}", alt[:2]) is None or alt[2:3] in {"?", "*", "+", "{"}:
            return None
        pairs.add(alt[:2])
    return pairs


def _alias_starts() -> tuple[str, ...] | None:
    pairs: set[str] = set()
    for pattern, _ in _ALIAS_PATTERNS:
        more = _leading_pairs(pattern.pattern)
        if more is None:
            return None
        pairs |= more
    return tuple(sorted(pairs))


#: Two letters one of which a text holds if an abbreviation can match in it (None: no such
#: test); most names hold none, and are spared the expression.
_ALIAS_STARTS = _alias_starts()


def expand_aliases(text: str) -> str:
    """Fold *text* and spell out common abbreviations (TT&TT, UBND, CNTT, CĐS, BCĐ…).

    Args:
        text: any text.

    Returns:
        The folded text with every known abbreviation replaced by its folded expansion.

    >>> expand_aliases("Sở TT&TT")
    'so thong tin va truyen thong'
    >>> expand_aliases("Sở TT và TT") == expand_aliases("Sở Thông tin và Truyền thông")
    True
    """
    folded = fold(text)
    if _ALIAS_STARTS is not None and not any(pair in folded for pair in _ALIAS_STARTS):
        return folded

    def spell(m: re.Match[str]) -> str:
        return _EXPANSIONS[str(m.lastgroup)]

    return _ALIAS_RE.sub(spell, folded)


_TOKEN = re.compile(r"[0-9a-z]+")


def tokens(text: str) -> tuple[str, ...]:
    """The folded, alias-expanded words of *text*, punctuation dropped.

    Args:
        text: any text.

    Returns:
        The words, in order.

    >>> tokens("Phòng CĐS")
    ('phong', 'chuyen', 'doi', 'so')
    """
    words = expand_aliases(text)
    if words.isascii() and words.replace(" ", "").isalnum():  # letters, digits and spaces
        return tuple(words.split())  # as the expression finds them: folded text is lower case
    return tuple(_TOKEN.findall(words))


def _word_tokens(word: str) -> tuple[str, ...] | None:
    """The tokens of one word (no white space in it), or None when an abbreviation may
    begin in it: after folding, a pair that begins an abbreviation at its start, or, in a
    word holding anything but letters and digits, anywhere in it."""
    if _ALIAS_STARTS is None:
        return None
    folded = fold(word)
    if folded.isalnum() and folded.isascii():
        return None if folded[:2] in _ALIAS_STARTS else (folded,)
    if any(pair in folded for pair in _ALIAS_STARTS):
        return None
    return tuple(_TOKEN.findall(folded))


class TokenSets(dict[str, frozenset[str]]):
    """Text → the set of its :func:`tokens`, found on first lookup and kept.

    Names share most of their words, so each distinct word is folded once: the folding of
    a text is the folding of its words, joined. An abbreviation can begin only where a word
    begins, or after punctuation inside one; a text with a word where one may begin is read
    whole by :func:`tokens`. A text looked up again costs one dictionary lookup.

    >>> sets = TokenSets()
    >>> sets["Phòng CĐS"] == {"phong", "chuyen", "doi", "so"}
    True
    >>> sets["Phòng Tổng hợp"] == {"phong", "tong", "hop"}
    True
    """

    __slots__ = ("_words",)

    def __init__(self) -> None:
        super().__init__()
        self._words: dict[str, tuple[str, ...] | None] = {}

    def __missing__(self, text: str) -> frozenset[str]:
        words = self._words
        found: list[str] = []
        for word in text.split():
            try:
                toks = words[word]
            except KeyError:  # a word not seen before
                toks = words[word] = _word_tokens(word)
            if toks is None:
                got = self[text] = frozenset(tokens(text))
                return got
            found += toks
        got = self[text] = frozenset(found)
        return got
