"""Checking dated mentions against the timeline (private): agreements and conflicts."""

from __future__ import annotations

import datetime as dt

from govmodel._engine.index import Index
from govmodel._engine.track import Org
from govmodel.model import Observation
from govmodel.persons import HolderObservation
from govmodel.results import Finding, FindingStatus
from govmodel.vn.text import tokens

__all__ = ["check_holder", "check_one"]


def check_one(ix: Index, o: Observation) -> Finding:
    """How observation *o* compares with the timeline: agrees or conflicts, and why.

    A mention agrees when the name it uses is one of the organisation's names or aliases on
    that date (abbreviations spelled out, a trailing "tỉnh …" optional).
    """
    said = tokens(o.name)
    track = ix.tracks.get(o.org_id)
    if track is None:
        return Finding(
            o, FindingStatus.CONFLICTS, None, f"the timeline has no organisation {o.org_id!r}"
        )
    v = track.at(o.on)
    if v is not None and said in _name_forms(v.value):
        return Finding(
            o, FindingStatus.AGREES, v.value.name, f"matches its name on {o.on.isoformat()}"
        )
    expected = None if v is None else v.value.name
    for other in track.versions:
        if other is not v and said in _name_forms(other.value):
            held = f"{_day(other.valid_from)} to {_day(other.valid_to)}"
            now = f"; on {o.on.isoformat()} it is {expected!r}" if expected else ""
            return Finding(
                o, FindingStatus.CONFLICTS, expected, f"{o.name!r} is its name from {held}{now}"
            )
    if expected is None:
        return Finding(
            o, FindingStatus.CONFLICTS, None, f"{o.org_id!r} is not alive on {o.on.isoformat()}"
        )
    return Finding(
        o,
        FindingStatus.CONFLICTS,
        expected,
        f"the timeline names it {expected!r} on {o.on.isoformat()}, never {o.name!r}",
    )


def _day(d: dt.date | None) -> str:
    return "the first record" if d is None else d.isoformat() if d != dt.date.max else "now"


def _name_forms(org: Org) -> set[tuple[str, ...]]:
    forms: set[tuple[str, ...]] = set()
    for name in org.names:
        t = tokens(name)
        forms.add(t)
        for i in range(len(t) - 1, 1, -1):
            if t[i] in ("tinh", "thanh"):
                forms.add(t[:i])
                break
    return forms


def check_holder(ix: Index, o: HolderObservation) -> Finding:
    """How a dated mention of a post's holder compares with the appointments recorded."""
    track = ix.tracks.get(o.post.org_id)
    if track is None or track.value_at(o.on) is None:
        return Finding(o, FindingStatus.CONFLICTS, None,
                       f"{o.post.org_id!r} is not alive on {o.on.isoformat()}")
    held = [h for h in ix.holdings.get(o.post, ()) if h.holds_on(o.on)]
    if any(h.person_id == o.person.id for h in held):
        (h,) = [h for h in held if h.person_id == o.person.id]
        by = h.decision.ref if h.decision is not None else "an earlier record"
        return Finding(o, FindingStatus.AGREES, o.person.name, f"appointed by {by}")
    if held:
        names = ", ".join(h.person_name for h in held)
        return Finding(o, FindingStatus.CONFLICTS, names,
                       f"the appointments say {names} hold(s) {o.post} on {o.on.isoformat()}")
    return Finding(o, FindingStatus.AGREES, o.person.name,
                   "no appointment is recorded: the observation is the only record")
