"""The old → new table of administrative units between two dates (tools layer).

For every unit alive on the first date, what it is on the second: itself (``same``, or
``renamed`` / ``reclassified`` when its name or type changed between the dates), or the
units it became through consolidations, absorptions and divisions (every part of a divided
unit, the default part marked), with the codes on each date and the decision that made the change —
the table converters of old addresses consume, as CSV or JSON, from any date to any later
date. The lineage is the engine's (:meth:`govmodel.Timeline.successors`).
"""

from __future__ import annotations

import datetime as dt
import json

from govmodel.export.rows import to_csv
from govmodel.model import AdminUnit
from govmodel.results import Edge, Ending
from govmodel.timeline import Timeline

__all__ = ["COLUMNS", "mapping_csv", "mapping_json", "mapping_rows"]

#: The columns of :func:`mapping_rows`, in order.
COLUMNS = (
    "old_id", "old_name", "old_type", "old_code", "new_id", "new_name", "new_type", "new_code",
    "kind", "default", "decision", "effective_on",
)

Row = dict[str, str | None]


def _code(unit: AdminUnit, day: dt.date, scheme: str) -> str | None:
    for i in unit.identifiers:
        if i.scheme == scheme and i.holds_on(day):
            return i.value
    return None


def _first_kind(tl: Timeline, org_id: str, day: dt.date) -> str:
    """How *org_id* ended by *day* (merged, absorbed, split): the first step of its line."""
    ended = tl.history(org_id)[-1].ended
    return "same" if ended is None or ended.on > day else ended.kind


def _own_change(tl: Timeline, org_id: str, old: dt.date, new: dt.date) -> Ending | None:
    """The last rename or reclassification of *org_id* after *old*, up to *new*."""
    found = None
    for v in tl.history(org_id):
        e = v.ended
        if e is not None and old < e.on <= new and e.kind in ("renamed", "reclassified"):
            found = e
    return found


def mapping_rows(
    tl: Timeline, old: dt.date, new: dt.date, *, tier: int | None = None, scheme: str = "gso"
) -> list[Row]:
    """One row per (unit alive on *old*, unit it is on *new*).

    Args:
        tl: the timeline.
        old: the first date.
        new: the second date, not before *old*.
        tier: only units of this tier (1 province, 2 district, 3 commune); default: all.
        scheme: the code scheme shown (``gso``).
    """
    if new < old:
        raise ValueError(f"the new date {new} is before the old date {old}")
    before, after = tl.as_of(old), tl.as_of(new)
    rows: list[Row] = []
    for unit in sorted(before.organisations(), key=lambda o: o.id):
        if not isinstance(unit, AdminUnit) or (tier is not None and unit.unit_type.tier != tier):
            continue
        for new_id, path, default, edge in tl.became(unit.id, new):
            kind = "same" if not path else _first_kind(tl, unit.id, new)
            by: Edge | Ending | None = edge
            if not path and (change := _own_change(tl, unit.id, old, new)) is not None:
                kind, by = change.kind, change  # tỉnh Thừa Thiên Huế → thành phố Huế, 1/1/2025
            now = after[new_id]
            assert isinstance(now, AdminUnit)
            decision = None if by is None else getattr(by.decision, "number", None)
            rows.append({
                "old_id": unit.id, "old_name": unit.name, "old_type": unit.unit_type.value,
                "old_code": _code(unit, old, scheme),
                "new_id": new_id, "new_name": now.name, "new_type": now.unit_type.value,
                "new_code": _code(now, new, scheme),
                "kind": kind, "default": "true" if default else "false",
                "decision": None if decision is None else str(decision),
                "effective_on": None if by is None else by.on.isoformat(),
            })
    return rows


def mapping_csv(tl: Timeline, old: dt.date, new: dt.date, **kw: object) -> str:
    """:func:`mapping_rows` as CSV text."""
    return to_csv(mapping_rows(tl, old, new, **kw))  # type: ignore[arg-type]


def mapping_json(tl: Timeline, old: dt.date, new: dt.date, **kw: object) -> str:
    """:func:`mapping_rows` as one JSON document ``{"from", "to", "rows"}``."""
    rows = mapping_rows(tl, old, new, **kw)  # type: ignore[arg-type]
    doc = {"from": old.isoformat(), "to": new.isoformat(), "columns": list(COLUMNS), "rows": rows}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
