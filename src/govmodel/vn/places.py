"""Place names and addresses (layer 0): type words, keys that ignore accents, case, tone
placement and i/y spelling, and addresses split into their units.

A place name is a type word ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận",
"thị xã", "thành phố", "tỉnh"; abbreviated "TP.", "Tp", "TX", "TT", "P.", "Q.") followed by
the proper name. :func:`place_key` gives the types a word may mean and the proper name's
key; :func:`split_address` splits "Phường Đội Cấn, Quận Ba Đình, Hà Nội" — or the same
without commas — into such parts, most specific first.

>>> place_key("Phường Đội Cấn")
(('phuong',), 'doi can')
>>> place_key("TP.HCM")
(('thanh_pho_tw', 'thanh_pho_tinh'), 'ho chi minh')
>>> [k for _, k in split_address("xa tan thanh huyen x tinh y")]
['tan thanh', 'x', 'y']
"""

from __future__ import annotations

import re
import unicodedata

from govmodel.vn.text import fold

__all__ = [
    "TYPE_WORDS",
    "address_readings",
    "has_marks",
    "marks_of",
    "place_key",
    "place_marks",
    "split_address",
    "split_address_marked",
]

_CITY = ("thanh_pho_tw", "thanh_pho_tinh")
#: Folded type words (longest first) and the unit types they may mean.
TYPE_WORDS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("thanh", "pho", "truc", "thuoc", "trung", "uong"), ("thanh_pho_tw",)),
    (("thanh", "pho"), _CITY),
    (("thi", "xa"), ("thi_xa",)),
    (("thi", "tran"), ("thi_tran",)),
    (("dac", "khu"), ("dac_khu",)),
    (("tinh",), ("tinh",)),
    (("huyen",), ("huyen",)),
    (("quan",), ("quan",)),
    (("xa",), ("xa",)),
    (("phuong",), ("phuong",)),
    (("tp",), _CITY),
    (("tx",), ("thi_xa",)),
    (("tt",), ("thi_tran",)),
)
#: Abbreviations that are a type word only at the head of a part ("P. 12", "Q. Ba Đình").
_HEAD_ONLY: dict[str, tuple[str, ...]] = {"p": ("phuong",), "q": ("quan",), "h": ("huyen",)}

#: Other names of places, folded → the folded official proper name.
ALIASES: dict[str, str] = {
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "saigon": "ho chi minh",
    "hn": "ha noi",
    "tp hn": "ha noi",
    "thua thien hue": "hue",
    "vung tau": "ba ria vung tau",
}

_WORD = re.compile(r"[0-9a-z]+")
_CONSONANT_Y = re.compile(r"(?<=[bcdghklmnpqrstvx])y$")
_MAX_PARTS, _MAX_WORDS = 6, 12


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding one character at a time, filled on first use.

    Folding is per character (NFD, case folding and mark stripping never look at the
    neighbours), so ``text.translate(table)`` has the words of ``fold(text)``: a white space
    character stays a separator and a lone combining mark disappears. Characters past the
    first 4,096 seen are folded without being kept (noise cannot grow it without bound).
    """

    __slots__ = ()

    def __missing__(self, code: int) -> str:
        c = chr(code)
        out = " " if c.isspace() else fold(c)
        if len(self) < 4096:
            self[code] = out
        return out


_FOLD = _FoldTable()


#: "y" ending a word after a consonant ("Kỳ" → "ki"), in folded text
_FINAL_Y = re.compile(r"(?<=[bcdghklmnpqrstvx])y(?![0-9a-z])")


def _words(text: str) -> list[str]:
    # TP.HCM, Tp.Hồ Chí Minh: a dot glued to a type abbreviation separates words
    return _WORD.findall(_FINAL_Y.sub("i", text.translate(_FOLD)))[: _MAX_WORDS * 4]


#: A word of NFD lower-case Vietnamese: letters, digits, đ and combining marks.
_MARKED = re.compile(r"[0-9a-z\u0111\u0300-\u036f]+")
_MARK_CHARS = frozenset(chr(c) for c in range(0x300, 0x370)) | {"\u0111"}


def marks_of(text: str, words: list[str]) -> tuple[str, ...] | None:
    """The diacritics of each of *words* (the folded words of *text*) as written in *text*:
    per word its marks sorted (so tone placement and i/y do not count), "đ" among them.

    None when *text* is not written in Vietnamese letters word for word (the two spellings
    do not align).

    >>> marks_of("Tân Thạnh", ["tan", "thanh"]) == ("\u0302", "\u0323")
    True
    >>> marks_of("tan thanh", ["tan", "thanh"])
    ('', '')
    """
    marked = _MARKED.findall(unicodedata.normalize("NFD", text.lower()))
    if len(marked) != len(words):
        return None
    out: list[str] = []
    for w, folded in zip(marked, words, strict=True):
        if w == folded:
            out.append("")
            continue
        marks = "".join(sorted(c for c in w if c in _MARK_CHARS))
        base = "".join(c for c in w if c not in _MARK_CHARS or c == "\u0111")
        base = _CONSONANT_Y.sub("i", base.replace("\u0111", "d"))
        if base != folded:
            return None
        out.append(marks)
    return tuple(out)


def has_marks(text: str) -> bool:
    """Whether *text* carries any Vietnamese diacritic ("đ" included).

    >>> has_marks("Xa Tan Thanh, Huyện X"), has_marks("xa tan thanh")
    (True, False)
    """
    if text.isascii():
        return False
    return not _MARK_CHARS.isdisjoint(unicodedata.normalize("NFD", text.lower()))


#: TYPE_WORDS by their first word, in their order (longest first).
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _pattern, _kinds in TYPE_WORDS:
    _BY_FIRST.setdefault(_pattern[0], []).append((_pattern, _kinds))


def _type_at(words: list[str], i: int, head: bool) -> tuple[int, tuple[str, ...]]:
    for pattern, kinds in _BY_FIRST.get(words[i], ()):
        n = len(pattern)
        if len(words) > i + n and (n == 1 or tuple(words[i : i + n]) == pattern):
            return n, kinds
    if head and words[i] in _HEAD_ONLY and len(words) > i + 1:
        return 1, _HEAD_ONLY[words[i]]
    if words[i].startswith("tp") and len(words[i]) > 2:  # "tphcm" written as one word
        return 0, _CITY
    return 0, ()


def _key(words: list[str]) -> str:
    key = " ".join(words[:_MAX_WORDS])
    if key.startswith("tp") and key[2:] in ALIASES:
        key = key[2:]
    return ALIASES.get(key, key)


def place_key(text: str) -> tuple[tuple[str, ...], str]:
    """The unit types the leading type word may mean (empty when none), and the key of the
    proper name that follows it."""
    words = _words(text)
    if not words:
        return (), ""
    n, kinds = _type_at(words, 0, head=True)
    return kinds, _key(words[n:])


def place_marks(text: str) -> tuple[str, ...] | None:
    """The diacritics of the proper name in *text* (:func:`marks_of`; the type word apart).

    >>> place_marks("xã Tân Thành") == place_marks("Tân Thành") != place_marks("Tân Thạnh")
    True
    >>> place_marks("phường Long Hoa")
    ('', '')
    """
    words = _words(text)
    if not words:
        return None
    n, _kinds = _type_at(words, 0, head=True)
    marks = marks_of(text, words)
    return None if marks is None else marks[n : n + _MAX_WORDS]


Part = tuple[tuple[str, ...], str]


_SEPARATORS = re.compile(r"[,;\n]")
_DASH = re.compile(r"\s[-–]\s")
_SEPARATORS_OR_DASH = re.compile(r"[,;\n]|\s[-–]\s")


def address_readings(text: str) -> list[str]:
    """*text*, and for a text whose parts are separated by spaced dashes alone, the readings
    that join its first dash-separated pieces into one name (a dash may belong to a name:
    "phường Văn Miếu - Quốc Tử Giám - Hà Nội"), the rest as enclosing parts.

    >>> address_readings("phường A - B - Hà Nội")
    ['phường A - B - Hà Nội', 'phường A B, Hà Nội', 'phường A B Hà Nội']
    >>> address_readings("phường A - B, Hà Nội")
    ['phường A - B, Hà Nội']
    """
    text = text[:2000]
    if _SEPARATORS.search(text) or not _DASH.search(text):
        return [text]
    pieces = _DASH.split(text)[:4]
    return [text] + [
        ", ".join([" ".join(pieces[: k + 1]), *pieces[k + 1 :]]) for k in range(1, len(pieces))
    ]


def split_address(text: str) -> list[Part]:
    """The parts of an address, most specific first: each (types, key).

    Commas or semicolons separate parts (or, in a text with neither, dashes between
    spaces), each led by at most one type word; without them, each type word starts a new
    part ("xa tan thanh huyen x tinh y"), so a name that itself holds a type word needs the
    commas.
    """
    return split_address_marked(text)[0]


def split_address_marked(text: str) -> tuple[list[Part], tuple[str, ...] | None]:
    """:func:`split_address`, and the diacritics of the first part's proper name as written
    (:func:`marks_of`; None when the text carries no diacritic at all, so that a name
    written without any counts as such only in a text that has them elsewhere).

    >>> parts, marks = split_address_marked("Xã Tân Thạnh, Huyện Thanh Bình")
    >>> parts[0], marks == ("\u0302", "\u0323")
    ((('xa',), 'tan thanh'), True)
    """
    text = text[:2000]
    # a dash between spaces separates parts only in a text with no comma or semicolon: in
    # "phường Văn Miếu - Quốc Tử Giám, Hà Nội" it is part of the name
    seps = _SEPARATORS if _SEPARATORS.search(text) else _SEPARATORS_OR_DASH
    chunks = [c for c in seps.split(text) if c.strip()]
    marked = has_marks(text)
    if len(chunks) > 1:
        # separated parts: a type word counts only at the head of each ("xã Mỹ Tịnh An",
        # whose name holds "Tịnh", is one part)
        out: list[Part] = []
        first: tuple[str, ...] | None = None
        for c in chunks[:_MAX_PARTS]:
            part = place_key(c)
            if part[1]:
                if not out and marked:
                    first = place_marks(c)
                out.append(part)
        return out, first
    found: list[Part] = []
    head: tuple[str, ...] | None = None
    for chunk in chunks[:_MAX_PARTS]:
        words = _words(chunk)
        i, start = 0, 0
        kinds: tuple[str, ...] = ()
        parts: list[tuple[tuple[str, ...], int, int]] = []
        while i < len(words):
            n, k = _type_at(words, i, head=i == start)
            if n and (i > start or (not parts and i == 0)):
                if i > start:
                    parts.append((kinds, start, i))
                kinds, start = k, i + n
                i += n
                continue
            if k and not n:
                kinds = k
            i += 1
        if start < len(words):
            parts.append((kinds, start, len(words)))
        parts = [p for p in parts if p[2] > p[1]]
        if parts and not found and marked:
            marks = marks_of(chunk, words)
            a, b = parts[0][1], parts[0][2]
            head = None if marks is None else marks[a : min(b, a + _MAX_WORDS)]
        found.extend((k, _key(words[a:b])) for k, a, b in parts)
    return found[:_MAX_PARTS], head
