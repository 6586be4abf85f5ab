"""Document references in running Vietnamese text.

News articles and documents cite each other in a few set ways::

    Quyết định số 2041/QĐ-UBND ngày 13/10/2021      full number and date
    Quyết định 197/QĐ-UBND ngày 25/01/2022          "số" left out
    Nghị quyết 49-NQ/TU                             Party number
    Quyết định 33, Nghị quyết 49, kế hoạch 226      type name and bare serial number
    … và 34/2021/QĐ-UBND                            a number on its own

:func:`find_references` finds them all, with the document type, the number (a
:class:`~govmodel.vn.docnum.DocumentNumber`, or a bare ``int`` when only the serial is
written) and the date when "ngày …" follows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import attrs

from govmodel.errors import DateParseError, DocumentNumberError
from govmodel.vn.dates import parse_date
from govmodel.vn.docnum import DocumentNumber
from govmodel.vn.doctypes import TYPE_NAMES, DocType, get_doc_type
from govmodel.vn.text import skeleton

__all__ = ["DocumentReference", "find_references"]

MAX_TEXT = 1_000_000
"""Longest text :func:`find_references` scans."""

_NAME_RE = "|".join(
    r"\s+".join(re.escape(w) for w in name.split())
    for name in sorted(TYPE_NAMES, key=len, reverse=True)
)
_SPART = r"[0-9&]*[A-Z][A-Z0-9&]*(?:[a-z][A-Z0-9&]*)?"
_SPARTS = rf"{_SPART}(?:-{_SPART}){{0,7}}(?![A-Za-z0-9&])"
_SYMBOL = (
    rf"\d{{1,6}}\s?-\s?{_SPART}\s?/\s?{_SPARTS}"                  # 49-NQ/TU
    rf"|\d{{1,6}}(?:\s?/\s?\d{{4}})?\s?/\s?{_SPARTS}"              # 2041/QĐ-UBND, 33/2021/QĐ-UBND
)
_BARE = r"\d{1,6}(?![\w/&]|\s?[/-]\s?\d|[.,]\d)"


def _date(tag: str) -> str:
    return (
        r"\d{1,2}\s+(?i:thang)\s+\d{1,2}(?:\s*,?\s+(?i:nam)\s+\d{4})?"
        rf"|\d{{1,2}}(?P<{tag}>[/.-])\d{{1,2}}(?:(?P={tag})\d{{4}})?(?![\w/]|[.-]\d)"
    )


_DATE1, _DATE2 = _date("sep"), _date("sep2")
_REF = re.compile(
    rf"(?<![^\W_])(?P<name>(?i:{_NAME_RE}))\s+(?:(?i:so)\s*:?\s*)?"
    rf"(?:(?P<num>{_SYMBOL})|(?P<bare>{_BARE}))"
    rf"(?P<date>\s*,?\s*(?i:ngay)\s+(?P<day>{_DATE1}))?"
    rf"|(?<![\w/.-])(?P<lone>{_SYMBOL})"
    rf"(?P<date2>\s*,?\s*(?i:ngay)\s+(?P<day2>{_DATE2}))?"
)


@attrs.frozen(slots=True)
class DocumentReference:
    """A document cited in running text.

    Attributes:
        doc_type: the type code ("QĐ", "NQ", "KH"), from the number's symbol when it has one,
            else from the type name written; None when neither says (official letters).
        number: the full :class:`~govmodel.vn.docnum.DocumentNumber`, or the bare serial
            number (``int``) when the text writes only "Quyết định 33".
        date: the date given after "ngày", if any.
        start: where the reference starts in the NFC text.
        end: where it ends (exclusive).
        text: the reference as written.
        type_name: the Vietnamese type name as written ("Quyết định"), if any.

    >>> r = find_references("theo Nghị quyết 49 về chuyển đổi số")[0]
    >>> (r.doc_type, r.number, r.text)
    ('NQ', 49, 'Nghị quyết 49')
    """

    doc_type: str | None
    number: DocumentNumber | int
    date: dt.date | None
    start: int
    end: int
    text: str
    type_name: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        """(start, end) in the NFC text, as :meth:`re.Match.span` gives it."""
        return (self.start, self.end)

    @property
    def serial(self) -> int:
        """The serial number, whether or not the full number was written.

        >>> find_references("Quyết định số 2041/QĐ-UBND")[0].serial
        2041
        """
        return self.number if isinstance(self.number, int) else self.number.number

    @property
    def doc_type_info(self) -> DocType | None:
        """The :class:`~govmodel.vn.doctypes.DocType` record of :attr:`doc_type`, if any."""
        return None if self.doc_type is None else get_doc_type(self.doc_type)


def find_references(
    text: str, *, reference: dt.date | None = None
) -> tuple[DocumentReference, ...]:
    """Find the document references in running Vietnamese text, in order.

    Args:
        text: running text, at most 1,000,000 characters.
        reference: the text's own date, to resolve a date written without a year after
            "ngày" ("Quyết định 33 ngày 10/12"); without it such a date is left out.

    Returns:
        The :class:`DocumentReference` records.

    Raises:
        DocumentNumberError: if *text* is not text or is too long.

    >>> r = find_references("Quyết định số 2041/QĐ-UBND ngày 13/10/2021 của Chủ tịch")[0]
    >>> (r.doc_type, str(r.number), r.date.isoformat(), r.text)
    ('QĐ', '2041/QĐ-UBND', '2021-10-13', 'Quyết định số 2041/QĐ-UBND ngày 13/10/2021')
    >>> [str(r.number) for r in find_references("các Quyết định 33 và 34/2021/QĐ-UBND")]
    ['33', '34/2021/QĐ-UBND']
    """
    if not isinstance(text, str):
        raise DocumentNumberError(f"text must be str, not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise DocumentNumberError(f"text too long to search ({len(text)} characters)")
    nfc_text = unicodedata.normalize("NFC", text)
    found: list[DocumentReference] = []
    for m in _REF.finditer(skeleton(nfc_text)):
        group = "num" if m["num"] else "bare" if m["bare"] else "lone"
        number: DocumentNumber | int
        if group == "bare":
            number = int(m["bare"])
        else:
            try:
                number = DocumentNumber.parse(nfc_text[m.start(group):m.end(group)])
            except DocumentNumberError:
                continue
        name = nfc_text[m.start("name"):m.end("name")] if m["name"] else None
        name_code = TYPE_NAMES.get(" ".join(m["name"].lower().split())) if m["name"] else None
        doc_type = (
            number.doc_type if isinstance(number, DocumentNumber) and number.doc_type
            else name_code
        )
        day_group = "day" if m["day"] else "day2" if m["day2"] else None
        end, date = m.end(group), None
        if day_group is not None:
            try:
                written = nfc_text[m.start(day_group):m.end(day_group)]
                date, end = parse_date(written, reference=reference), m.end(day_group)
            except DateParseError:
                pass
        start = m.start()
        found.append(DocumentReference(
            doc_type=doc_type, number=number, date=date, start=start, end=end,
            text=nfc_text[start:end], type_name=name,
        ))
    return tuple(found)
