"""Dates a text gives a decision: signing, taking effect, operating, deadlines.

Kept apart on purpose: "có hiệu lực" (takes effect) sets the effective date; "đi vào hoạt
động kể từ", "chính thức hoạt động từ" (starts operating) dates the bodies a decision sets
up; "chậm nhất" (at the latest) is a deadline and dates nothing the engine applies.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

from govmodel import vn
from govmodel.errors import GovModelError
from govmodel.extract.text import Prepared, Sentence

__all__ = ["Clause", "ClauseKind", "find_clauses", "first_date"]


class ClauseKind(str, enum.Enum):
    """What a dated clause says."""

    ON_SIGNING = "on_signing"
    """"có hiệu lực (thi hành) kể từ ngày ký (ban hành)": effective = signed."""
    ON_PASSING = "on_passing"
    """"có hiệu lực (ngay) từ ngày được thông qua": effective = passed (= signed)."""
    AFTER_DAYS = "after_days"
    """"có hiệu lực sau N ngày kể từ ngày ký": effective = signed + N days."""
    ON_DATE = "on_date"
    """"có hiệu lực (thi hành) (kể) từ ngày D": effective = D."""
    OPERATES = "operates"
    """"đi vào hoạt động / chính thức hoạt động (kể) từ ngày D": operational date."""
    DEADLINE = "deadline"
    """"chậm nhất (là) ngày D", "trước ngày D": a deadline."""


@attrs.frozen(slots=True)
class Clause:
    """A dated clause: its kind, the date or day count, where it is and the subject before it."""

    kind: ClauseKind
    start: int
    end: int
    date: dt.date | None = None
    days: int | None = None
    partial: bool = False
    subject_end: int = 0


_EFFECT = re.compile(
    r"co hieu luc(?: thi hanh| ke tu| chinh thuc)?\s*"
    r"(?:(?P<sign>(?:ke\s+)?(?:tu\s+)?ngay\s+(?:duoc\s+)?ky(?:\s+ban\s+hanh)?|(?:ke\s+)?tu\s+"
    r"ngay\s+ban\s+hanh)"
    r"|(?P<pass>(?:ngay\s+)?(?:ke\s+)?(?:tu\s+)?ngay\s+(?:duoc\s+)?thong\s+qua)"
    r"|sau\s+(?P<days>\d{1,3})\s+ngay(?:\s+lam\s+viec)?,?\s+(?:ke\s+)?tu\s+ngay\s+"
    r"(?:ky|ban\s+hanh)"
    r"|(?:ke\s+)?(?:tu|bat\s+dau\s+tu)\s+(?P<on>ngay\s+))"
)
_OPERATES = re.compile(
    r"(?:di\s+vao|chinh\s+thuc|bat\s+dau)\s+hoat\s+dong\s+(?:chinh\s+thuc\s+)?(?:ke\s+)?"
    r"(?:tu|vao|tu\s+ngay)\s+(?P<on>(?:ngay\s+)?)"
)
_DEADLINE = re.compile(r"cham\s+nhat\s+(?:la\s+)?(?:(?:trong|truoc)\s+)?(?P<on>(?:ngay\s+)?)")


def first_date(prepared: Prepared, pos: int, reference: dt.date | None,
               limit: int = 40) -> tuple[dt.date | None, int, bool]:
    """The date starting within a few characters of *pos*: (date, end, written without year).

    Dots as separators ("1.7.2025", "ngày 1.10") are read too.
    """
    window = prepared.nfc[pos:pos + limit]
    window = re.sub(r"(?<=\d)\.(?=\d)", "/", window)
    probe = window if window.lower().startswith("ngày") else "ngày " + window
    shift = len(probe) - len(window)
    try:
        found = vn.find_dates(probe, reference=reference)
    except GovModelError:
        return None, pos, False
    for d in found:
        if d.start <= 6:
            return d.date, pos + d.end - shift, d.partial
    return None, pos, False


def find_clauses(prepared: Prepared, sentence: Sentence, reference: dt.date | None
                 ) -> list[Clause]:
    """The dated clauses of *sentence*, in order.

    >>> from govmodel.extract.text import prepare
    >>> p = prepare("Quyết định có hiệu lực sau 10 ngày kể từ ngày ký.")
    >>> [(c.kind.value, c.days) for c in find_clauses(p, p.sentences[0], None)]
    [('after_days', 10)]
    """
    flat = prepared.flat
    out: list[Clause] = []
    a, b = sentence.start, sentence.end
    for m in _EFFECT.finditer(flat, a, b):
        if m["sign"]:
            out.append(Clause(ClauseKind.ON_SIGNING, m.start(), m.end(), subject_end=m.start()))
        elif m["pass"]:
            out.append(Clause(ClauseKind.ON_PASSING, m.start(), m.end(), subject_end=m.start()))
        elif m["days"]:
            out.append(Clause(ClauseKind.AFTER_DAYS, m.start(), m.end(), days=int(m["days"]),
                              subject_end=m.start()))
        else:
            day, end, partial = first_date(prepared, m.start("on"), reference)
            if day is not None:
                out.append(Clause(ClauseKind.ON_DATE, m.start(), end, date=day, partial=partial,
                                  subject_end=m.start()))
    for kind, rx in ((ClauseKind.OPERATES, _OPERATES), (ClauseKind.DEADLINE, _DEADLINE)):
        for m in rx.finditer(flat, a, b):
            day, end, partial = first_date(prepared, m.start("on"), reference)
            if day is not None:
                out.append(Clause(kind, m.start(), end, date=day, partial=partial,
                                  subject_end=m.start()))
    out.sort(key=lambda c: c.start)
    return out
