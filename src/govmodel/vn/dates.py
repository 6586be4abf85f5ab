"""Vietnamese dates: always day-first."""

from __future__ import annotations

import datetime as dt
import re

from govmodel.errors import DateParseError
from govmodel.vn.text import fold

__all__ = ["format_date", "parse_date"]

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text: str | dt.date) -> dt.date:
    """Parse an ISO or Vietnamese day-first date ("13/10/2021", "ngày 13 tháng 10 năm 2021").

    >>> parse_date("ngày 13 tháng 10 năm 2021")
    datetime.date(2021, 10, 13)
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str):
        raise DateParseError(f"a date must be text or a date, not {type(text).__name__}")
    if len(text) > 200:
        raise DateParseError(f"date text too long ({len(text)} characters)")
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        f = fold(text)
        m = _WORDS.search(f) or _NUMERIC.search(f)
        if not m:
            raise DateParseError(f"not a date: {text!r}")
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise DateParseError(f"no such day: {text!r}") from None


def format_date(day: dt.date) -> str:
    """Format *day* in the official style: days < 10 and months 1–2 zero-padded.

    >>> format_date(dt.date(2023, 7, 5))
    'ngày 05 tháng 7 năm 2023'
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
