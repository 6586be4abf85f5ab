"""Strategies for persons and appointments (private; public through govmodel.testing)."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.effect_base import Effect
from govmodel.model import PostRef
from govmodel.persons import Appoint, EndAppointment, Person

__all__ = ["PERSON_EFFECTS", "person_effect", "persons"]

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
