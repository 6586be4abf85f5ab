"""Post holders in the replay (private): appointments made and ended, terms run out.

An :class:`~govmodel.persons.Appoint` is an event (law 3): it happens on its effective
date if its decision is in force then, and holds until its term ends or an
:class:`~govmodel.persons.EndAppointment` ends it — whichever comes first. A person holds
one post at most once at a time. The post's organisation must be alive that day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from govmodel._engine import rules
from govmodel._engine.track import Item
from govmodel.decisions import Decision
from govmodel.errors import InvalidEffectError
from govmodel.persons import Appoint, EndAppointment, term_end
from govmodel.results import Holding

if TYPE_CHECKING:
    from govmodel._engine.replay import Replay

__all__ = ["apply_appoint", "apply_end_appointment", "finish_holdings"]

# a post's appointments while the replay runs: [person, start, end, decision, ended_by, reason]


def apply_appoint(  # noqa: PLR0917 - as every apply function
    r: Replay, e: Appoint, d: Decision, t: dt.date, where: Item, ended: list[Any]
) -> None:
    r.alive(e.post.org_id, t, where, f"organisation of field post ('{e.post.title}')")
    held = r.appointments.setdefault(e.post, [])
    for a in held:
        if a[0].id == e.person.id and a[1] <= t and (a[2] is None or t < a[2]):
            raise InvalidEffectError(
                f"field person: appoints {e.person.name!r} to {e.post} on {t}, which they "
                "already hold "
                f"(appointed by {a[3].ref} on {a[1]})",
                org_id=e.post.org_id,
                on=t,
                **rules.ctx(where),
            )
    end = term_end(t, e.term)
    held.append([e.person, t, end, d, None, "term" if end is not None else ""])


def apply_end_appointment(  # noqa: PLR0917
    r: Replay, e: EndAppointment, d: Decision, t: dt.date, where: Item, ended: list[Any]
) -> None:
    for a in r.appointments.get(e.post, ()):
        if a[0].id == e.person_id and a[1] <= t and (a[2] is None or t < a[2]):
            a[2], a[4], a[5] = t, d, e.reason
            return
    raise InvalidEffectError(
        f"field person_id: ends an appointment of {e.person_id!r} to {e.post} on {t} that "
        "does not exist "
        "(no appointment of theirs to that post holds that day)",
        org_id=e.post.org_id,
        on=t,
        **rules.ctx(where),
    )


def finish_holdings(r: Replay) -> dict[Any, tuple[Holding, ...]]:
    """The appointments as values, by post, in start order."""
    return {
        post: tuple(
            Holding(a[0].id, a[0].name, post, a[1], a[2], a[3], a[4], a[5])
            for a in sorted(lst, key=lambda a: (a[1], a[0].id))
        )
        for post, lst in r.appointments.items()
    }
