"""The text an extraction reads: NFC at the boundary, matching views, sentences, language.

Every offset govmodel.extract reports indexes the NFC form of the input (:attr:`Prepared.nfc`).
Matching runs on two views of the same length, so that a match's span is a span of the NFC
text: :attr:`Prepared.low` (lower case, tone marks in one place, diacritics kept: "sở" is a
department, "số" a number) and :attr:`Prepared.flat` (``low`` without diacritics, for the
fixed phrases such as "doi ten" or "co hieu luc").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import attrs

from govmodel import vn

__all__ = ["MAX_TEXT", "Prepared", "Sentence", "is_vietnamese", "prepare"]

MAX_TEXT = 1_000_000
"""Longest text an extraction reads; longer input is refused with a typed error."""

_VN_LETTERS = frozenset(
    "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
_FUNCTION_WORDS = frozenset(str.split(
    """cua va cac duoc theo ngay tinh quyet dinh nam trong voi la co nhung nay cho ve thanh
    tren dong thuc hien nhiem vu so ban uy nhan dan hoi
    """
))
# A sentence ends at a line break after punctuation, at a line break before a capital, a
# digit or a list mark, at a blank line, after ".!?" before a capital, and after "./.".
# A line break inside a sentence (scanned decisions wrap lines) is no boundary.
_BOUNDARY = re.compile(
    r"(?<=[.;:!?…|)\]])\s*\n\s*|\n\s*(?=[-+*|•(\[A-ZĐÀ-Ỹ0-9\n])|\n\s*\n\s*"
    r"|(?<=[.!?…])[\"”’)]?\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|(?<=\./\.)\s*"
)
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})
_SPACES = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\xa0": " "})
_PAGE_DATE = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b")


@attrs.frozen(slots=True)
class Sentence:
    """A sentence (or a line) of the NFC text: ``nfc[start:end] == text``."""

    start: int
    end: int
    text: str


@attrs.frozen(slots=True)
class Prepared:
    """The NFC text with its matching views and sentences.

    Attributes:
        nfc: the input in Unicode NFC; offsets index this text.
        low: lower case with tone marks in the old placement ("ủy", "hòa"), same length.
        flat: ``low`` without diacritics ("đ" → "d"), same length.
        sentences: the sentences, in order, covering every non-blank stretch.
        page_date: the date a stored page gives in its first line ("date 2021-11"), if any;
            a month alone gives its last day, the earliest day the page was surely public.
    """

    nfc: str
    low: str
    flat: str
    sentences: tuple[Sentence, ...]
    page_date: dt.date | None

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding *offset* (the last one when past the end)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]


def _same_length(view: str, base: str) -> str:
    """*view* when it has *base*'s length, else *base* lower-cased letter by letter."""
    if len(view) == len(base):
        return view
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in base)


def _split(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return tuple(out)


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


def _page_date(text: str) -> dt.date | None:
    m = _PAGE_DATE.match(text)
    if m is None:
        return None
    year, month = int(m[1]), int(m[2])
    try:
        if m[3]:
            return dt.date(year, month, int(m[3]))
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    except ValueError:
        return None
    return nxt - dt.timedelta(days=1)


def prepare(text: str) -> Prepared:
    """NFC-normalise *text* and build its matching views and sentences.

    Args:
        text: any text, at most :data:`MAX_TEXT` characters.

    Returns:
        The :class:`Prepared` text.

    >>> p = prepare("Ngày 13/10/2021, Chủ tịch đã ký. Quyết định có hiệu lực kể từ ngày ký.")
    >>> [s.text for s in p.sentences]
    ['Ngày 13/10/2021, Chủ tịch đã ký.', 'Quyết định có hiệu lực kể từ ngày ký.']
    >>> p.flat[:9]
    'ngay 13/1'
    """
    nfc = unicodedata.normalize("NFC", text)
    canon = nfc.translate(_LOOKALIKES)
    low = _same_length(vn.normalize_tones(canon).lower(), nfc).translate(_SPACES)
    flat = _same_length(vn.skeleton(low), nfc).translate(_SPACES)
    return Prepared(nfc=nfc, low=low, flat=flat, sentences=_split(nfc), page_date=_page_date(nfc))


def is_vietnamese(prepared: Prepared) -> bool:
    """Tell whether the text reads as Vietnamese: its letters and its small words say so.

    >>> is_vietnamese(prepare("Quyết định có hiệu lực kể từ ngày ký."))
    True
    >>> is_vietnamese(prepare("The decision takes effect on signing."))
    False
    """
    letters = [c for c in prepared.low if c.isalpha()]
    if len(letters) < 8:
        return False
    marked = sum(1 for c in letters if c in _VN_LETTERS)
    words = re.findall(r"[a-z]+", prepared.flat[:20_000])
    hits = sum(1 for w in words if w in _FUNCTION_WORDS)
    if marked / len(letters) >= 0.04 and hits >= 2:
        return True
    return len(words) >= 6 and hits >= 3 and hits / len(words) >= 0.2
