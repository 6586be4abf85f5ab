"""Strategies for persons and appointments (private; public through govmodel.testing)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.decisions import Decision
from govmodel.effect_base import Effect
from govmodel.model import Agency, PostRef
from govmodel.persons import Appoint, EndAppointment, Person, term_end
from govmodel.testing._args import check_int
from govmodel.timeline import Timeline

__all__ = [
    "PERSON_EFFECTS",
    "AppointmentHistory",
    "appointment_histories",
    "person_effect",
    "persons",
]

#: The names of the effects on post holders.
PERSON_EFFECTS = ("Appoint", "EndAppointment")

_NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")
_TITLES = ("Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch")


@functools.cache
def persons() -> SearchStrategy[Person]:
    """A public official: an id and a name (from a small pool, so that they recur)."""
    return st.builds(
        lambda k: Person(id=f"nguoi/{k}", name=_NAMES[k]), st.integers(0, len(_NAMES) - 1)
    )


def person_effect(draw: st.DrawFn, kind: str, a: str, b: str, on: dict[str, Any]) -> Effect:
    """An appointment to, or the end of one in, a post of organisation *a*."""
    post = PostRef(a, draw(st.sampled_from(_TITLES)))
    person = draw(persons())
    if kind == "Appoint":
        term = draw(st.none() | st.sampled_from(("5 năm", "30 tháng", "2 năm")))
        return Appoint(person=person, post=post, term=term, **on)
    reason = draw(st.sampled_from(("", "nghỉ hưu", "điều động", "miễn nhiệm")))
    return EndAppointment(person_id=person.id, post=post, reason=reason, **on)


_BASE_DAY = dt.date(2020, 1, 1)


@attrs.frozen(slots=True)
class AppointmentHistory:
    """A valid history of one person in one post: appointments that never overlap, each
    with an optional term and an optional early end inside it.

    Attributes:
        initial: the province's People's Committee and the department of the post.
        decisions: the appointing and ending decisions (signed in order, known later).
        post / person: who and where.
        spans: each appointment as (start, expected end or None): the law's answer.
        ends: for each appointment, its early-ending decision or None.
    """

    initial: tuple[Agency, ...]
    decisions: tuple[Decision, ...]
    post: PostRef
    person: Person
    spans: tuple[tuple[dt.date, dt.date | None], ...]
    ends: tuple[Decision | None, ...]

    def timeline(self) -> Timeline:
        """The timeline of these decisions."""
        return Timeline.from_decisions(self.decisions, initial=self.initial)


def appointment_histories(max_appointments: int = 4) -> SearchStrategy[AppointmentHistory]:
    """Valid appointment histories of one person in one post (see :class:`AppointmentHistory`).

    Raises:
        StrategyArgumentError: *max_appointments* is below 1.
    """
    n = check_int("appointment_histories", "max_appointments", max_appointments, minimum=1)
    return _histories(n)


@st.composite
def _histories(draw: st.DrawFn, n_max: int) -> AppointmentHistory:
    ubnd = Agency(id="p/ubnd", name="UBND tỉnh Thử", kind="peoples_committee", level="province")
    so = Agency(id="p/so", name="Sở Thử", parent="p/ubnd", kind="department", level="province")
    post = PostRef("p/so", draw(st.sampled_from(_TITLES)))
    person = draw(persons())
    decisions: list[Decision] = []
    spans: list[tuple[dt.date, dt.date | None]] = []
    ends: list[Decision | None] = []
    day = _BASE_DAY + dt.timedelta(days=draw(st.integers(0, 400)))
    for k in range(draw(st.integers(1, n_max))):
        term = draw(st.none() | st.sampled_from(("5 năm", "30 tháng", "2 năm", "1 tháng")))
        full = term_end(day, term)
        late = dt.timedelta(days=draw(st.integers(0, 60)))
        appoint = Decision(number=f"{2 * k + 1}/QĐ-UBND", issuer="p/ubnd", signed_on=day,
                           known_on=day + late,
                           effects=[Appoint(person=person, post=post, term=term)])
        decisions.append(appoint)
        limit = None if full is None else (full - day).days - 1
        early = None
        if limit is None or limit >= 1:
            early = draw(st.none() | st.integers(1, 900 if limit is None else limit))
        if early is not None:
            stop = day + dt.timedelta(days=early)
            reason = draw(st.sampled_from(("nghỉ hưu", "điều động", "miễn nhiệm", "")))
            end = Decision(number=f"{2 * k + 2}/QĐ-UBND", issuer="p/ubnd", signed_on=stop,
                           known_on=stop + late,
                           effects=[EndAppointment(person_id=person.id, post=post,
                                                   reason=reason)])
            decisions.append(end)
            spans.append((day, stop))
            ends.append(end)
        else:
            spans.append((day, full))
            ends.append(None)
        last = spans[-1][1]
        if last is None:
            break  # an open appointment: nothing after it can start without overlapping
        gap = draw(st.integers(0 if ends[-1] is None else 1, 200))
        day = last + dt.timedelta(days=gap)
    return AppointmentHistory((ubnd, so), tuple(decisions), post, person, tuple(spans),
                              tuple(ends))
