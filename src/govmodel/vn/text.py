"""Vietnamese text at the boundary: NFC normalisation, folding for search, aliases.

``fold`` lower-cases, removes diacritics and maps "đ" to "d", so that searching is diacritic-
and case-insensitive: ``fold("Sở Thông tin") == "so thong tin"``. Old and new tone-mark
placement ("Uỷ"/"Ủy", "hoà"/"hòa") fold to the same text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["expand_aliases", "fold", "nfc", "tokens"]


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC with surrounding white space stripped and runs collapsed.

    >>> nfc("  Sở   Thông tin ") == "Sở Thông tin"
    True
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Fold *text* for comparison: lower case, no diacritics, "đ" → "d", single spaces.

    >>> fold("Sở Thông tin")
    'so thong tin'
    >>> fold("Ủy ban") == fold("Uỷ ban") == "uy ban"
    True
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = _MARKS.sub("", decomposed).replace("đ", "d")
    return " ".join(stripped.split())


# Abbreviations in folded form -> folded expansion. Applied token-wise by ``expand_aliases``.
_ALIASES: dict[str, str] = {
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "tt va tt": "thong tin va truyen thong",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "cntt": "cong nghe thong tin",
    "cds": "chuyen doi so",
    "bcd": "ban chi dao",
    "vhttdl": "van hoa, the thao va du lich",
    "cntt-tt": "cong nghe thong tin va truyen thong",
}
_ALIAS_RE = re.compile(
    r"(?<![\w&])("
    + "|".join(re.escape(k) for k in sorted(_ALIASES, key=len, reverse=True))
    + r")(?![\w&])"
)


def expand_aliases(text: str) -> str:
    """Fold *text* and spell out common abbreviations (TT&TT, UBND, CNTT, CĐS, BCĐ…).

    >>> expand_aliases("Sở TT&TT")
    'so thong tin va truyen thong'
    """
    return _ALIAS_RE.sub(lambda m: _ALIASES[m.group(1)], fold(text))


_WORD = re.compile(r"[0-9a-z]+")


def tokens(text: str) -> tuple[str, ...]:
    """The folded, alias-expanded words of *text*, punctuation dropped.

    >>> tokens("Phòng CĐS")
    ('phong', 'chuyen', 'doi', 'so')
    """
    return tuple(_WORD.findall(expand_aliases(text)))
