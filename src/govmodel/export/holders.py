"""Post holders for the exports: every holding the engine knows of, and the persons in them.

The engine answers who held a post (:meth:`govmodel.Timeline.holders_history`, from the
appointments) and who a dated text names when no appointment says so
(:meth:`govmodel.Snapshot.holders` with ``known_from="observation"``). This module only
gathers those answers for every post the timeline speaks of, so that the Popolo, ORG and
SQL exports list the same holdings; it derives no rule of its own.

>>> import govmodel as gm
>>> tl = gm.load_dataset("lang-son-2021")
>>> [(h.person_name, h.known_from) for h in holdings(tl) if h.post.title == "Giám đốc"]
[('Nguyễn Khắc Lịch', 'observation')]
"""

from __future__ import annotations

import datetime as dt

from govmodel.errors import OrganisationNotFoundError
from govmodel.model import PostRef
from govmodel.persons import Appoint, EndAppointment, HolderObservation, Person
from govmodel.results import History, Holding
from govmodel.timeline import Timeline

__all__ = ["holding_key", "holdings", "office_label", "persons"]


def _posts(timeline: Timeline) -> list[PostRef]:
    """Every post an appointment or its end names, in a fixed order."""
    posts = {
        e.post
        for d in timeline.decisions
        for e in d.effects
        if isinstance(e, Appoint | EndAppointment)
    }
    return sorted(posts, key=_post_key)


def _post_key(p: PostRef) -> tuple[str, str, str]:
    return (p.org_id, p.title, p.qualifier or "")


def holding_key(h: Holding) -> tuple[str, str, str, str, str]:
    """The order of holdings in the exports: post, start, person."""
    return (*_post_key(h.post), h.start.isoformat(), h.person_id)


def _observations(timeline: Timeline) -> list[HolderObservation]:
    return [o for o in timeline.observations if isinstance(o, HolderObservation)]


def holdings(timeline: Timeline) -> tuple[Holding, ...]:
    """Every holding of the timeline: each appointment with its interval and what ended
    it, and each holder a dated text names when no appointment covers that day (a one-day
    holding, ``known_from="observation"``).

    Args:
        timeline: the timeline.

    Returns:
        The holdings, sorted by post, start and person.

    Runtime complexity: O(a + o · h) for a appointments and o holder observations.
    """
    out = [h for p in _posts(timeline) for h in timeline.holders_history(p)]
    for o in _observations(timeline):
        out += [
            h
            for h in timeline.as_of(o.on).holders(o.post)
            if h.known_from == "observation" and h.person_id == o.person.id
            and h.source == o.source
        ]
    return tuple(sorted(dict.fromkeys(out), key=holding_key))


def persons(timeline: Timeline) -> tuple[Person, ...]:
    """The persons who hold some post in :func:`holdings`, sorted by id.

    A person named several ways (an appointment and an article) keeps the first name
    given (appointments first, then observations by date) and the others as other names.
    """
    held = {h.person_id for h in holdings(timeline)}
    seen: dict[str, list[str]] = {}
    named: list[Person] = [
        e.person for d in timeline.decisions for e in d.effects if isinstance(e, Appoint)
    ]
    named += [o.person for o in _observations(timeline)]
    for p in named:
        if p.id in held:
            names = seen.setdefault(p.id, [])
            names += [n for n in (p.name, *p.other_names) if n not in names]
    return tuple(
        Person(id=pid, name=names[0], other_names=names[1:])
        for pid, names in sorted(seen.items())
    )


def office_label(timeline: Timeline, office: PostRef, day: dt.date | None) -> str:
    """*office* rendered with its organisation's name on *day* (None: the latest name);
    before the organisation began, its first name; an organisation the timeline does not
    hold, by its id."""
    try:
        versions = timeline.history(office.org_id)
    except OrganisationNotFoundError:
        versions = History()
    if not versions:
        return office.render(office.org_id)
    if day is None:
        return office.render(versions[-1].value.name)
    held = [v for v in versions if v.valid_from is None or v.valid_from <= day]
    return office.render((held or [versions[0]])[-1].value.name)
