"""Vietnamese dates: always day-first, never guessed month-first.

Vietnamese writes the day first ("13/10/2021", "ngày 13 tháng 10 năm 2021"). Generic parsers
fall back to month-first when the day is above 12 (``dateutil.parser.parse("10/13/2021",
dayfirst=True)`` gives 13 October), so govmodel parses with its own small grammar and refuses
whatever does not fit it. Partial dates ("ngày 10/12", as news articles write them) are
resolved against a reference date the caller supplies: the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import attrs

from govmodel.errors import DateParseError
from govmodel.vn.text import skeleton

__all__ = ["DateMention", "find_dates", "format_date", "parse_date", "resolve_partial"]

MAX_INPUT = 200
"""Longest text :func:`parse_date` looks at; longer input is refused at once."""

MAX_TEXT = 1_000_000
"""Longest text :func:`find_dates` scans."""

_WEEKDAYS = {
    "thu hai": 0, "thu 2": 0, "t2": 0,
    "thu ba": 1, "thu 3": 1, "t3": 1,
    "thu tu": 2, "thu 4": 2, "t4": 2,
    "thu nam": 3, "thu 5": 3, "t5": 3,
    "thu sau": 4, "thu 6": 4, "t6": 4,
    "thu bay": 5, "thu 7": 5, "t7": 5,
    "chu nhat": 6, "cn": 6,
}
_WEEKDAY = r"(?P<wd>(?i:thu\s?(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s?nhat|t[2-7]|cn))\s?,?\s*"
_DAY = r"(?P<d>\d{1,2})"
_NUMERIC = (
    r"(?P<nd>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})(?:\s?(?P=sep)\s?(?P<y>\d{4}))?"
)
_WORDS = rf"{_DAY}\s+(?i:thang)\s+(?P<wm>\d{{1,2}})(?:\s*,?\s+(?i:nam)\s+(?P<wy>\d{{4}}))?"
_PLACE = r"(?P<place>[^\W\d_][^\d,]{0,59}),\s*(?=(?i:ngay))"

_FULL = re.compile(
    rf"\s*(?:{_PLACE})?(?:{_WEEKDAY})?(?:(?i:ngay)\s*)?(?:{_WORDS}|{_NUMERIC})\s*[.,;]?\s*"
)
_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*")

# In running text: full dates anywhere; partial ones only after "ngày" or in "(18/1)".
_FIND = re.compile(
    rf"(?<![\w/.-])(?:{_WEEKDAY})?(?P<ngay>(?i:ngay)\s+)?"
    rf"(?:{_WORDS}|(?P<d2>\d{{1,2}})(?P<sep2>[/.-])(?P<m2>\d{{1,2}})(?:(?P=sep2)(?P<y2>\d{{4}}))?)"
    r"(?![\w/]|[.-]\d)"
)


@attrs.frozen(slots=True)
class DateMention:
    """A date found in running text.

    Attributes:
        date: the day meant.
        start: where the mention starts in the NFC text.
        end: where it ends (exclusive).
        text: the mention as written.
        partial: True when the text gave no year and it was taken from the reference date.

    >>> find_dates("Ngày 13/10/2021, Chủ tịch ký")[0].date
    datetime.date(2021, 10, 13)
    """

    date: dt.date
    start: int
    end: int
    text: str
    partial: bool = False


def resolve_partial(day: int, month: int, reference: dt.date) -> dt.date:
    """The day/month nearest to *reference* (within a year either side; a tie goes earlier).

    An article dated November 2021 that says "ngày 28/9" means 28/9/2021, and one dated
    5 January 2022 that says "ngày 28/12" means 28/12/2021.

    Args:
        day: day of month.
        month: month.
        reference: the date the text was written (the article's date).

    Returns:
        The resolved date.

    Raises:
        DateParseError: if no year near *reference* has that day (32/1, 30/2).

    >>> resolve_partial(28, 12, dt.date(2022, 1, 5))
    datetime.date(2021, 12, 28)
    >>> resolve_partial(10, 12, dt.date(2021, 11, 1))
    datetime.date(2021, 12, 10)
    """
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise DateParseError(f"no such day: {day}/{month} (near {reference.isoformat()})")
    return min(candidates, key=lambda c: (abs((c - reference).days), c))


def _build(d: str, m: str, y: str | None, text: str, reference: dt.date | None) -> dt.date:
    day, month = int(d), int(m)
    if y is None:
        if reference is None:
            raise DateParseError(f"{text!r} has no year; pass reference= (the text's date)")
        return resolve_partial(day, month, reference)
    try:
        return dt.date(int(y), month, day)
    except ValueError:
        raise DateParseError(f"no such day: {text!r}") from None


def _check_weekday(wd: str | None, day: dt.date, text: str) -> None:
    if wd is None:
        return
    expected = _WEEKDAYS[" ".join(wd.lower().replace("thu", "thu ").replace("chu", "chu ").split())]
    if expected != day.weekday():
        raise DateParseError(f"{text!r}: {day.isoformat()} is not that day of the week")


def parse_date(text: str | dt.date, *, reference: dt.date | None = None) -> dt.date:
    """Parse an ISO or a Vietnamese day-first date.

    Accepted: "2021-10-13", "13/10/2021", "13-10-2021", "13.10.2021", "ngày 01-10-1997",
    "ngày 13 tháng 10 năm 2021", "Thứ năm, 15/04/2021" (the weekday must agree),
    "Lạng Sơn, ngày 13 tháng 10 năm 2021", zero-padded or not. A date without a year
    ("ngày 10/12", "10 tháng 12") needs *reference* and takes the nearest such day
    (see :func:`resolve_partial`). The whole text must be a date: use :func:`find_dates`
    to search running text.

    Args:
        text: the text, or a ``date``/``datetime`` (returned as a ``date``).
        reference: the date the text was written, for dates without a year.

    Returns:
        The date.

    Raises:
        DateParseError: for anything else: two-digit years, month-first text, days that do
            not exist ("32/13/2021"), partial dates without *reference*, over-long text.

    >>> parse_date("ngày 13 tháng 10 năm 2021")
    datetime.date(2021, 10, 13)
    >>> parse_date("Thứ năm, 15/04/2021")
    datetime.date(2021, 4, 15)
    >>> parse_date("ngày 10/12", reference=dt.date(2021, 11, 20))
    datetime.date(2021, 12, 10)
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str):
        raise DateParseError(f"a date must be text or a date, not {type(text).__name__}")
    if len(text) > MAX_INPUT:
        raise DateParseError(f"date text too long ({len(text)} characters)")
    if reference is not None and not isinstance(reference, dt.date):
        raise DateParseError(f"reference must be a date, not {type(reference).__name__}")
    if m := _ISO.fullmatch(text):
        return _build(m[3], m[2], m[1], text, None)
    m = _FULL.fullmatch(skeleton(unicodedata.normalize("NFC", text)))
    if m is None:
        raise DateParseError(f"not a date: {text!r}")
    if m["wm"]:
        day = _build(m["d"], m["wm"], m["wy"], text, reference)
    else:
        day = _build(m["nd"], m["m"], m["y"], text, reference)
    _check_weekday(m["wd"], day, text)
    return day


def format_date(day: dt.date, *, place: str | None = None) -> str:
    """Format *day* in the official style: days below 10 and months 1 and 2 zero-padded.

    Decree 30/2020/NĐ-CP, Appendix I: "ngày 05 tháng 7 năm 2023", "ngày 31 tháng 01 năm
    2023"; with *place*, the heading form "Lạng Sơn, ngày 05 tháng 7 năm 2023".

    Args:
        day: the date (a ``datetime`` is taken at its date).
        place: the place name ("địa danh") to put in front, if any.

    Returns:
        The formatted text; :func:`parse_date` reads it back.

    >>> format_date(dt.date(2023, 7, 5))
    'ngày 05 tháng 7 năm 2023'
    >>> format_date(dt.date(2021, 1, 13), place="Lạng Sơn")
    'Lạng Sơn, ngày 13 tháng 01 năm 2021'
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year:04d}"
    return f"{place}, {text}" if place else text


def find_dates(text: str, *, reference: dt.date | None = None) -> tuple[DateMention, ...]:
    """Find the dates in running Vietnamese text, in order.

    Full dates ("13/10/2021", "ngày 13 tháng 10 năm 2021", "Thứ năm, 15/04/2021") are always
    found. Partial ones are found after "ngày" ("ngày 28/9") or in parentheses ("Sáng nay
    (18/1)"), and only when *reference* is given. Non-days ("32/13/2021") and year spans
    ("2021-2025") are skipped. Spans index the NFC form of *text*.

    Args:
        text: running text, at most 1,000,000 characters.
        reference: the text's own date, to resolve partial dates.

    Returns:
        The :class:`DateMention` records.

    Raises:
        DateParseError: if *text* is not text or too long.

    >>> [m.date.isoformat() for m in find_dates("ngày 28/9 và ngày 18/11/2021",
    ...                                         reference=dt.date(2021, 11, 1))]
    ['2021-09-28', '2021-11-18']
    """
    if not isinstance(text, str):
        raise DateParseError(f"text must be str, not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise DateParseError(f"text too long to search ({len(text)} characters)")
    nfc_text = unicodedata.normalize("NFC", text)
    found: list[DateMention] = []
    for m in _FIND.finditer(skeleton(nfc_text)):
        if m["wm"]:
            d, mo, y = m["d"], m["wm"], m["wy"]
        else:
            d, mo, y = m["d2"], m["m2"], m["y2"]
            if y is None and m["sep2"] != "/":
                continue  # "3-4", "1.5" are not dates
        if y is None and (reference is None or not (m["ngay"] or _closed(nfc_text, m))):
            continue
        start = m.start()
        try:
            day = _build(d, mo, y, m[0], reference)
        except DateParseError:
            continue
        try:
            _check_weekday(m["wd"], day, m[0])
        except DateParseError:
            start = m.start("ngay") if m["ngay"] else m.start("d") if m["d"] else m.start("d2")
        found.append(DateMention(day, start, m.end(), nfc_text[start:m.end()], partial=y is None))
    return tuple(found)


def _closed(text: str, m: re.Match[str]) -> bool:
    """True when a bare "d/m" sits in parentheses: "(18/1)"."""
    return m.start() > 0 and text[m.start() - 1] == "(" and text[m.end():m.end() + 1] == ")"
