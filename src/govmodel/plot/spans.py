"""The names an organisation held, each over its interval, with the decision that set it.

Read off the timeline's versions (:meth:`~govmodel.timeline.Timeline.history`): versions in
a row with the same name form one span, and the span's decision is the one the first of
them names for its ``name`` (:meth:`~govmodel.results.Version.set_by`).
"""

from __future__ import annotations

import datetime as dt

import attrs

from govmodel.decisions import Decision
from govmodel.timeline import Timeline

__all__ = ["NameSpan", "name_spans"]


@attrs.frozen(slots=True)
class NameSpan:
    """One name of one organisation and the interval it held.

    Attributes:
        org_id: the organisation.
        name: the name.
        start: its first day, or None when the first state has no date.
        end: the first day it no longer held (exclusive), or None while it holds.
        decision: the decision that set the name (None for a first state without one).

    Added in 0.2.
    """

    org_id: str
    name: str
    start: dt.date | None
    end: dt.date | None
    decision: Decision | None


def name_spans(timeline: Timeline, org_id: str) -> tuple[NameSpan, ...]:
    """Every name *org_id* held, in order, one span per name in a row.

    >>> import govmodel as gm
    >>> tl = gm.load_dataset("bac-kan-2008")
    >>> [(s.name, str(s.decision.number)) for s in name_spans(tl, "bac-kan/so-tttt")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Sở Bưu chính - Viễn thông tỉnh Bắc Kạn', '925/2006/QĐ-UBND'),
     ('Sở Thông tin và Truyền thông tỉnh Bắc Kạn', '570/QĐ-UBND')]

    Runtime complexity: O(V) for V versions.

    Raises:
        OrganisationNotFoundError: no organisation has that id.
    """
    spans: list[NameSpan] = []
    for v in timeline.history(org_id):
        if spans and spans[-1].name == v.value.name:
            spans[-1] = attrs.evolve(spans[-1], end=v.valid_to)
            continue
        found, by = v.set_by("name")
        spans.append(NameSpan(org_id, v.value.name, v.valid_from, v.valid_to,
                              by if found else v.decision))
    return tuple(spans)
