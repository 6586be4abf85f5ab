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

from govmodel.vn.text import fold

__all__ = ["TYPE_WORDS", "place_key", "split_address"]

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


def _words(text: str) -> list[str]:
    # TP.HCM, Tp.Hồ Chí Minh: a dot glued to a type abbreviation separates words
    return [_CONSONANT_Y.sub("i", w) for w in _WORD.findall(fold(text))][: _MAX_WORDS * 4]


def _type_at(words: list[str], i: int, head: bool) -> tuple[int, tuple[str, ...]]:
    for pattern, kinds in TYPE_WORDS:
        if tuple(words[i : i + len(pattern)]) == pattern and len(words) > i + len(pattern):
            return len(pattern), kinds
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


def split_address(text: str) -> list[tuple[tuple[str, ...], str]]:
    """The parts of an address, most specific first: each (types, key).

    Commas (or semicolons, dashes between spaces) separate parts, each led by at most one
    type word; without them, each type word starts a new part ("xa tan thanh huyen x
    tinh y"), so a name that itself holds a type word needs the commas.
    """
    chunks = [c for c in re.split(r"[,;\n]|\s[-–]\s", text[:2000]) if c.strip()]
    if len(chunks) > 1:
        # separated parts: a type word counts only at the head of each ("xã Mỹ Tịnh An",
        # whose name holds "Tịnh", is one part)
        return [k for k in (place_key(c) for c in chunks[:_MAX_PARTS]) if k[1]]
    out: list[tuple[tuple[str, ...], str]] = []
    for chunk in chunks[:_MAX_PARTS]:
        words = _words(chunk)
        i, start = 0, 0
        kinds: tuple[str, ...] = ()
        parts: list[tuple[tuple[str, ...], list[str]]] = []
        while i < len(words):
            n, k = _type_at(words, i, head=i == start)
            if n and (i > start or (not parts and i == 0)):
                if i > start:
                    parts.append((kinds, words[start:i]))
                kinds, start = k, i + n
                i += n
                continue
            if k and not n:
                kinds = k
            i += 1
        if start < len(words):
            parts.append((kinds, words[start:]))
        out.extend((k, _key(w)) for k, w in parts if w)
    return out[:_MAX_PARTS]
