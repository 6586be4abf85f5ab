"""Documents named in a text: type, number (also damaged forms), date after "ngày", issuer.

Beyond what :func:`govmodel.vn.find_references` reads, news copy and scanned decisions damage
numbers: "07/NQ - HĐND" (spaces), "86/QĐ UBND" (no hyphen), "1961/QĐUBND" (run together),
"25/2017" (serial and year only), "Quyết định 33" (serial only). Each mention keeps what was
written; a full :class:`~govmodel.vn.DocumentNumber` is built when the symbol is there.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from govmodel import vn
from govmodel.errors import GovModelError
from govmodel.extract.text import Prepared

__all__ = ["Mention", "find_mentions"]

_TYPE_NAMES: dict[str, str | None] = {
    vn.fold(t.vi): t.code for t in vn.DOC_TYPES.values()
    if t.category is not vn.DocCategory.PARTY and t.category is not vn.DocCategory.COPY
}
_TYPE_NAMES.update({"cong van": None, "ket luan": "KL", "luat": None})
for _generic in ("ban ghi nho", "ban thoa thuan", "giay uy quyen", "giay moi", "giay gioi thieu",
                 "giay nghi phep", "phieu gui", "phieu chuyen", "phieu bao", "bien ban",
                 "hop dong", "cong dien", "du an", "phuong an", "thong cao", "luat"):
    _TYPE_NAMES.pop(_generic, None)
_NAME_RE = "|".join(
    r"\s+".join(re.escape(w) for w in n.split()) for n in sorted(_TYPE_NAMES, key=len, reverse=True)
)
_CODES = sorted(
    {c for t in vn.DOC_TYPES.values() for c in (t.code, vn.skeleton(t.code))}, key=len, reverse=True
)
_CODE_RE = "|".join(re.escape(c) for c in _CODES)
_ISSUER = r"[A-ZĐ][A-ZĐa-z0-9&]*(?:\s?[-–]\s?[A-ZĐ][A-ZĐa-z0-9&]*){0,4}"
_NUM = r"(?P<num>\d{1,6})"
_SYMBOL = (
    rf"{_NUM}\s?[-–]\s?(?P<ptype>{_CODE_RE})\s?/\s?(?P<pissuer>{_ISSUER})"
    rf"|{_NUM.replace('num', 'snum')}(?:\s?/\s?(?P<year>\d{{4}}))?\s?/\s?(?P<type>{_CODE_RE})"
    rf"(?:\s?[-–]\s?|\s|(?=[A-ZĐ]))(?P<issuer>{_ISSUER})"
)
_FULL = re.compile(rf"(?<![\w/])(?:{_SYMBOL})(?![\w/])")
_AFTER_NAME = re.compile(
    rf"\s+(?:(?i:số|so)\s*:?\s*)?(?:(?:{_SYMBOL})(?![\w/])"
    rf"|(?P<lnum>\d{{1,6}})/(?P<lyear>(?:19|20)\d\d)/(?P<lissuer>{_ISSUER})(?![\w/])"
    r"|(?P<ynum>\d{1,6})\s?/\s?(?P<yyear>(?:19|20)\d\d)(?![\w/])"
    r"|(?P<bare>\d{1,6})(?![\w/&]|\s?[/-]\s?\d|[.,]\d))"
)
_NAME = re.compile(rf"(?<![\w])(?:{_NAME_RE})(?![\w])")
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})
_HEADING = re.compile(r"(?<!\w)s[oố]\s*:\s*$", re.IGNORECASE)


@attrs.frozen(slots=True)
class Mention:
    """A document named in the text.

    Attributes:
        start: where the mention starts in the NFC text.
        end: where it ends (after the date, when one follows).
        text: the mention as written.
        doc_type: the type code ("QĐ", "NQ"), or None when neither name nor symbol gives one.
        serial: the serial number (2041, 33).
        number: the full document number when the symbol is written (repaired), else None.
        year: the year written in the number ("25/2017", "33/2021/QĐ-UBND"), if any.
        date: the date after "ngày", if any.
        issuer_code: the issuer part of the symbol ("UBND", "TTg", "TU"), if written.
        heading: True when it is the document's own number ("Số: 05/2010/QĐ-UBND").
    """

    start: int
    end: int
    text: str
    doc_type: str | None
    serial: int
    number: vn.DocumentNumber | None
    year: int | None
    date: dt.date | None
    issuer_code: str | None
    heading: bool = False

    @property
    def key(self) -> tuple[str | None, int]:
        """(type, serial): how two mentions of one document are matched."""
        return (self.doc_type, self.serial)


def _number(m: re.Match[str]) -> tuple[vn.DocumentNumber | None, str | None, int, int | None]:
    """The repaired number, its type, serial and year from a symbol match."""
    def clean(s: str) -> str:
        return re.sub(r"\s?[-–]\s?", "-", s)

    if m["ptype"]:
        text = f"{m['num']}-{m['ptype']}/{clean(m['pissuer'])}"
        serial, year = int(m["num"]), None
    else:
        serial = int(m["snum"])
        year = int(m["year"]) if m["year"] else None
        mid = f"{year}/" if year else ""
        text = f"{m['snum']}/{mid}{m['type']}-{clean(m['issuer'])}"
    try:
        number = vn.DocumentNumber.parse(text)
    except GovModelError:
        return None, None, serial, year
    return number, number.doc_type, serial, year


def _date_after(prepared: Prepared, pos: int, reference: dt.date | None
                ) -> tuple[dt.date | None, int]:
    m = re.compile(r"\s*,?\s*(?:ban hanh\s+)?ngay\s+").match(prepared.flat, pos)
    if m is None:
        return None, pos
    try:
        found = vn.find_dates(prepared.nfc[m.end() - 5:m.end() + 30], reference=reference)
    except GovModelError:
        return None, pos
    for d in found:
        if d.start <= 5:
            return d.date, m.end() - 5 + d.end
    return None, pos


def find_mentions(prepared: Prepared, reference: dt.date | None = None) -> tuple[Mention, ...]:
    """Every document named in the text, in order.

    Args:
        prepared: the text.
        reference: the text's date, to read dates written without a year.

    >>> from govmodel.extract.text import prepare
    >>> [(m.doc_type, m.serial, str(m.number)) for m in find_mentions(prepare(
    ...     "Nghị quyết số 07/NQ - HĐND và Quyết định 86/QĐ UBND, Quyết định 33"))]
    [('NQ', 7, '07/NQ-HĐND'), ('QĐ', 86, '86/QĐ-UBND'), ('QĐ', 33, 'None')]
    """
    text, flat = prepared.nfc.translate(_LOOKALIKES), prepared.flat
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _NAME.finditer(flat):
        name_code = _TYPE_NAMES.get(" ".join(m.group(0).split()))
        a = _AFTER_NAME.match(text, m.end())
        if a is None:
            continue
        number: vn.DocumentNumber | None = None
        issuer: str | None = None
        year: int | None = None
        if a["ptype"] or a["type"]:
            number, code, serial, year = _number(a)
            doc_type = code or name_code
            issuer = number.issuer_code if number else None
        elif a["lnum"]:
            serial, year, doc_type = int(a["lnum"]), int(a["lyear"]), name_code
            try:
                number = vn.DocumentNumber.parse(f"{a['lnum']}/{a['lyear']}/{a['lissuer']}")
                issuer = number.issuer_code
            except GovModelError:
                number = None
        elif a["ynum"]:
            serial, year, doc_type = int(a["ynum"]), int(a["yyear"]), name_code
        else:
            serial, doc_type = int(a["bare"]), name_code
            if not 0 < serial < 1_000_000 or "\n" in text[m.end():a.start("bare")]:
                continue
        if serial == 0:
            continue
        date, end = _date_after(prepared, a.end(), reference)
        found.append(Mention(
            start=m.start(), end=end if date else a.end(), text=text[m.start():end if date
                                                                      else a.end()],
            doc_type=doc_type, serial=serial, number=number, year=year, date=date,
            issuer_code=issuer,
        ))
        taken.append((m.start(), a.end()))
    for m in _FULL.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        number, code, serial, year = _number(m)
        if number is None or code is None:
            continue
        date, end = _date_after(prepared, m.end(), reference)
        heading = _HEADING.search(text[max(0, m.start() - 12):m.start()]) is not None
        found.append(Mention(
            start=m.start(), end=end if date else m.end(),
            text=text[m.start():end if date else m.end()], doc_type=code, serial=serial,
            number=number, year=year, date=date, issuer_code=number.issuer_code,
            heading=heading,
        ))
    found.sort(key=lambda x: x.start)
    return tuple(found)
