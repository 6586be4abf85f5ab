"""Mandate additions: "được bổ sung các chức năng như A, B và C", "thêm 4 nhóm nhiệm vụ về …".

Lists of functions are split at commas and "và", except inside the few terms that hold a
comma themselves ("an toàn, an ninh thông tin").
"""

from __future__ import annotations

import re

import attrs

from govmodel.extract.text import Prepared, Sentence

__all__ = ["MandateAddition", "find_additions", "split_terms"]

_PROTECTED = ("an toàn, an ninh thông tin", "an toàn, an ninh mạng", "chức năng, nhiệm vụ",
              "văn hóa, thể thao và du lịch", "thể dục, thể thao")
_FUNCTIONS = re.compile(
    r"\bbo sung\s+(?:them\s+)?(?:cac\s+)?chuc nang(?:,\s*nhiem vu)?\s*(?:nhu\s*:?\s*|gom\s*:?\s*|"
    r"ve\s+)?(?:tham muu\s+(?:ve\s+)?)?"
)
_GROUPS = re.compile(r"\b(?P<n>\d{1,2})\s+nhom\s+nhiem\s+vu\s+(?:moi\s+)?(?:ve|gom|la)\s*:?\s*")


@attrs.frozen(slots=True)
class MandateAddition:
    """Functions or task groups added, as written, with the span they come from."""

    start: int
    end: int
    functions: tuple[str, ...] = ()
    task_groups: tuple[str, ...] = ()
    count: int | None = None


def split_terms(text: str) -> tuple[str, ...]:
    """Split a list of terms at commas and "và", keeping the terms that hold a comma.

    >>> split_terms("kinh tế số, các nền tảng số và an toàn, an ninh thông tin")
    ('kinh tế số', 'nền tảng số', 'an toàn, an ninh thông tin')
    """
    keep: dict[str, str] = {}
    low = text
    for i, term in enumerate(_PROTECTED):
        at = low.lower().find(term)
        if at >= 0:
            token = f"\x00{i}\x00"
            keep[token] = low[at:at + len(term)]
            low = low[:at] + token + low[at + len(term):]
    parts = re.split(r",\s*|\s+và\s+", low)
    out = []
    for raw in parts:
        part = raw
        for token, term in keep.items():
            part = part.replace(token, term)
        part = re.sub(r"^(?:các|những)\s+", "", part.strip(" .…;:"))
        part = re.sub(r"\.{2,}$|…$", "", part).strip()
        if part:
            out.append(part)
    return tuple(out)


def find_additions(prepared: Prepared, sentence: Sentence) -> list[MandateAddition]:
    """The mandate additions *sentence* announces.

    >>> from govmodel.extract.text import prepare
    >>> p = prepare("Sở còn có thêm 4 nhóm nhiệm vụ về hạ tầng số, chuyển đổi số, phát triển "
    ...             "đô thị thông minh và an toàn, an ninh thông tin.")
    >>> find_additions(p, p.sentences[0])[0].task_groups[-1]
    'an toàn, an ninh thông tin'
    """
    out: list[MandateAddition] = []
    flat, text = prepared.flat, prepared.nfc
    a, b = sentence.start, sentence.end
    for m in _FUNCTIONS.finditer(flat, a, b):
        stop = _stop(flat, m.end(), b)
        terms = split_terms(text[m.end():stop])
        if terms:
            out.append(MandateAddition(m.start(), stop, functions=terms))
    for m in _GROUPS.finditer(flat, a, b):
        stop = _stop(flat, m.end(), b)
        terms = split_terms(text[m.end():stop])
        if terms:
            out.append(MandateAddition(m.start(), stop, task_groups=terms, count=int(m["n"])))
    return out


def _stop(flat: str, pos: int, end: int) -> int:
    m = re.compile(r"[.;:(]|\s+(?:theo|tai|nham|de)\s").search(flat, pos, end)
    return m.start() if m else end
