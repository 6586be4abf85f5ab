"""People who hold posts, in their public roles (layer 1, values).

A :class:`Person` is a named official — only public officials in their public roles, and
nothing private. :class:`Appoint` ("bổ nhiệm", "giao quyền", "phân công") puts a person in a
post from its effective date, for a ``term`` when the decision gives one ("Thời hạn bổ
nhiệm là 5 năm"); :class:`EndAppointment` ends it ("miễn nhiệm", "cho thôi", "nghỉ hưu",
"điều động"). A :class:`HolderObservation` is a dated mention of a holder in a text ("on
20/4/2022 a text names Nguyễn Khắc Lịch as Giám đốc Sở TTTT"), checked against the
appointments like name observations.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from govmodel._fields import check_type, to_date, to_id, to_opt_date, to_text, to_texts
from govmodel.effect_base import Event
from govmodel.errors import InvalidValueError
from govmodel.model import PostRef, Source
from govmodel.vn.text import fold

__all__ = ["Appoint", "EndAppointment", "HolderObservation", "Person", "term_end"]

_TERM = re.compile(r"^\s*(\d{1,3})\s*(nam|thang)\s*$")


@attrs.frozen(slots=True, kw_only=True)
class Person:
    """A public official: a stable id, the name and other names (no private data)."""

    id: str = attrs.field(converter=to_id)
    name: str = attrs.field(converter=to_text)
    other_names: tuple[str, ...] = attrs.field(default=(), converter=to_texts)


def _to_term(value: object) -> str | None:
    """A term as Vietnamese text ("5 năm", "30 tháng"), from text or a relativedelta."""
    if value is None:
        return None
    from dateutil.relativedelta import relativedelta  # noqa: PLC0415 - dateutil on first use

    if isinstance(value, relativedelta):
        if value.days or value.weeks or value.hours:
            raise InvalidValueError(f"a term is whole years or months, not {value!r}")
        months = value.years * 12 + value.months
        if months <= 0:
            raise InvalidValueError(f"a term must be positive, not {value!r}")
        return f"{months // 12} năm" if months % 12 == 0 else f"{months} tháng"
    if isinstance(value, str):
        m = _TERM.match(fold(value))
        if m is None or int(m[1]) == 0:
            raise InvalidValueError(f"a term reads '5 năm' or '30 tháng', not {value!r}")
        return f"{int(m[1])} {'năm' if m[2] == 'nam' else 'tháng'}"
    raise InvalidValueError(f"a term is text or a relativedelta, not {value!r}")


def term_end(start: dt.date, term: str | None) -> dt.date | None:
    """The first day after a term that starts on *start* (None: no term).

    >>> term_end(dt.date(2021, 7, 26), "5 năm")
    datetime.date(2026, 7, 26)
    """
    if term is None:
        return None
    from dateutil.relativedelta import relativedelta  # noqa: PLC0415 - dateutil on first use

    m = _TERM.match(fold(term))
    assert m is not None  # terms are normalised when built
    n = int(m[1])
    return start + (relativedelta(years=n) if m[2] == "nam" else relativedelta(months=n))


@attrs.frozen(slots=True, kw_only=True)
class Appoint(Event):
    """Put ``person`` in ``post`` from the effective date ("bổ nhiệm"), for ``term`` when
    given: the appointment holds until the last day of the term."""

    person: Person = attrs.field(validator=check_type(Person))
    post: PostRef = attrs.field(validator=check_type(PostRef))
    term: str | None = attrs.field(default=None, converter=_to_term)

    def org_ids(self) -> tuple[str, ...]:
        return (self.post.org_id,)


def _to_reason(value: object) -> str:
    return "" if value == "" else to_text(value)  # type: ignore[arg-type]  # checked there


@attrs.frozen(slots=True, kw_only=True)
class EndAppointment(Event):
    """End ``person_id``'s appointment to ``post`` from the effective date, for a reason:
    "miễn nhiệm" (dismissal), "cho thôi" (release), "nghỉ hưu" (retirement), "điều động"
    (transfer), or other text."""

    person_id: str = attrs.field(converter=to_id)
    post: PostRef = attrs.field(validator=check_type(PostRef))
    reason: str = attrs.field(default="", converter=_to_reason)

    def org_ids(self) -> tuple[str, ...]:
        return (self.post.org_id,)


@attrs.frozen(slots=True, kw_only=True)
class HolderObservation:
    """A dated mention of a post's holder in a text.

    Attributes:
        on: the date the mention speaks of.
        post: the post.
        person: who the text names.
        source: the text.
    """

    on: dt.date = attrs.field(converter=to_date)
    post: PostRef = attrs.field(validator=check_type(PostRef))
    person: Person = attrs.field(validator=check_type(Person))
    source: Source = attrs.field(validator=check_type(Source))
    published_on: dt.date | None = attrs.field(default=None, converter=to_opt_date)

    @property
    def org_id(self) -> str:
        """The organisation of the post (observations are sorted and checked by it)."""
        return self.post.org_id

    @property
    def name(self) -> str:
        """The person's name as the text gives it."""
        return self.person.name
