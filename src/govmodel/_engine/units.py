"""Effects on administrative units in the replay (private): part of an area transferred,
a unit reclassified, a whole level ended (the districts on 1/7/2025, as one effect)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from govmodel._engine import rules
from govmodel._engine.track import Item, Org
from govmodel._engine.values import evolver
from govmodel.decisions import Decision
from govmodel.errors import InvalidEffectError
from govmodel.model import AdminUnit, Agency
from govmodel.results import Edge
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea

if TYPE_CHECKING:
    from govmodel._engine.replay import Replay

__all__ = ["apply_end_level", "apply_reclassify", "apply_transfer_area"]

MOVED = ("parent",)


def apply_transfer_area(  # noqa: PLR0917 - as every apply function
    r: Replay, e: TransferArea, d: Decision, t: dt.date, where: Item, ended: list[Any]
) -> None:
    for unit_id in (e.from_unit, e.to_unit):
        unit = r.alive(unit_id, t, where, "unit")
        rules.require_unit(unit, t, where, "TransferArea")
    r.add_edge(Edge(
        e.from_unit, e.to_unit, "part-transferred", t, d, False, e.area_share, e.population_share
    ))


def apply_reclassify(  # noqa: PLR0917
    r: Replay, e: Reclassify, d: Decision, t: dt.date, where: Item, ended: list[Any]
) -> None:
    cur = r.alive(e.org_id, t, where)
    unit = rules.require_unit(cur, t, where, "Reclassify")
    if unit.unit_type is e.unit_type:
        raise InvalidEffectError(
            f"reclassifies {e.org_id!r} as {e.unit_type.vi}, the type it already has",
            org_id=e.org_id,
            on=t,
            **rules.ctx(where),
        )
    new = evolver(AdminUnit, ("unit_type",))(unit, e.unit_type)
    if unit.parent is not None:
        rules.check_unit_parent(new, r.current[unit.parent], t, where)
    for child in r.kids.data.get(e.org_id, ()):
        rules.check_unit_parent(r.current[child], new, t, where)
    r.set_value(new, t, d, ("unit_type",))
    r.add_edge(Edge(e.org_id, e.org_id, "reclassified", t, d))


def apply_end_level(  # noqa: PLR0917
    r: Replay, e: EndLevel, d: Decision, t: dt.date, where: Item, ended: list[Any]
) -> None:
    if e.within is not None:
        r.alive(e.within, t, where, "unit")
    current = r.current
    types = set(e.unit_types)

    def inside(unit: Org) -> bool:
        p = unit.parent
        while e.within is not None and p is not None:
            if p == e.within:
                return True
            p = current[p].parent if p in current else None
        return e.within is None

    doomed = sorted(
        o.id for o in current.values()
        if isinstance(o, AdminUnit) and o.unit_type in types and inside(o)
    )
    gone = set(doomed)
    governed = sorted(
        o.id for o in current.values() if isinstance(o, Agency) and o.territory in gone
    )
    for unit_id in doomed:
        unit = current[unit_id]
        up = unit.parent
        while up is not None and up in gone:  # an ended level inside an ended level
            up = current[up].parent
        for child in sorted(r.kids.data.get(unit_id, ())):
            if child in gone or child not in current:
                continue
            kid = current[child]
            r.set_value(evolver(type(kid), MOVED)(kid, up), t, d, MOVED)
    for org_id in governed + doomed:
        r.end_org(org_id, t, d)
        ended.append((org_id, d))
        r.add_edge(Edge(org_id, None, "dissolved", t, d))
