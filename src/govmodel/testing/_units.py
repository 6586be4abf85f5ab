"""Strategies for administrative units, codes and the effects on units (private; public
through :mod:`govmodel.testing`)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.decisions import Decision
from govmodel.effect_base import Effect
from govmodel.effects import Merge, Move, Split, SplitPart
from govmodel.identifiers import Identifier
from govmodel.model import AdminUnit, Agency
from govmodel.timeline import Timeline
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea
from govmodel.unit_types import UnitType

__all__ = ["UNIT_EFFECTS", "admin_units", "identifiers", "unit_effect", "unit_timelines"]

#: The names of the effects on units.
UNIT_EFFECTS = ("TransferArea", "Reclassify", "EndLevel")

_SHARES = st.none() | st.floats(min_value=0.01, max_value=1.0, allow_nan=False)


@functools.cache
def identifiers() -> SearchStrategy[Identifier]:
    """An official code: a scheme, a value and maybe validity dates."""

    @st.composite
    def build(draw: st.DrawFn) -> Identifier:
        start = draw(st.none() | st.dates(dt.date(1976, 1, 1), dt.date(2030, 1, 1)))
        end = draw(st.none() | st.dates(dt.date(1976, 1, 2), dt.date(2040, 1, 1)))
        if start is not None and end is not None and end <= start:
            end = None
        return Identifier(
            draw(st.sampled_from(("gso", "wikidata", "mof"))),
            draw(st.from_regex(r"\A[0-9]{2,5}\Z")),
            valid_from=start,
            valid_to=end,
        )

    return build()


def admin_units(common: dict[str, Any], draw: st.DrawFn) -> AdminUnit:
    """An administrative unit with the *common* organisation fields and any type."""
    return AdminUnit(**common, unit_type=draw(st.sampled_from(tuple(UnitType))))


def unit_effect(draw: st.DrawFn, kind: str, a: str, b: str, on: dict[str, Any]) -> Effect:
    """One effect on units of *kind*, naming *a* (and *b*)."""
    if kind == "TransferArea":
        return TransferArea(
            from_unit=a, to_unit=b, area_share=draw(_SHARES), population_share=draw(_SHARES),
            **on,
        )
    if kind == "Reclassify":
        return Reclassify(org_id=a, unit_type=draw(st.sampled_from(tuple(UnitType))), **on)
    types = draw(st.lists(st.sampled_from(tuple(UnitType)), min_size=1, max_size=3, unique=True))
    return EndLevel(unit_types=types, within=draw(st.none() | st.just(b)), **on)


@st.composite
def _unit_timelines(draw: st.DrawFn) -> Any:

    qh = Agency(id="vn/qh", name="Quốc hội", kind="national_assembly", level="central")
    codes = iter(range(10, 100000))
    units: dict[str, AdminUnit] = {}
    first: list[Any] = [qh]

    def make(uid: str, kind: UnitType, parent: str | None) -> AdminUnit:
        u = AdminUnit(id=uid, name=f"{kind.vi} {uid}", unit_type=kind, parent=parent,
                      identifiers=[Identifier("gso", f"{next(codes):05d}")])
        units[uid] = u
        return u

    for p in range(draw(st.integers(2, 4))):
        first.append(make(f"p{p}", UnitType.TINH, None))
        for h in range(draw(st.integers(1, 2))):
            first.append(make(f"p{p}/h{h}", UnitType.HUYEN, f"p{p}"))
            for x in range(draw(st.integers(1, 3))):
                first.append(make(f"p{p}/h{h}/x{x}", UnitType.XA, f"p{p}/h{h}"))
    alive = {u.id: u for u in first if isinstance(u, AdminUnit)}
    decisions = []
    day = dt.date(2024, 1, 1)
    ended_level = False
    for n in range(draw(st.integers(1, 6))):
        day += dt.timedelta(days=draw(st.integers(1, 200)))
        choice = draw(st.sampled_from(("merge", "split", "transfer", "reclass", "end", "absorb")))
        communes = sorted(i for i, u in alive.items() if u.unit_type.tier == 3)
        provinces = sorted(i for i, u in alive.items() if u.unit_type.tier == 1)
        effects: list[Effect] = []
        if choice == "merge" and len(provinces) >= 2:
            a, b = draw(st.lists(st.sampled_from(provinces), min_size=2, max_size=2, unique=True))
            new = make(f"p-new{n}", UnitType.TINH, None)
            effects.append(Merge(sources=[a, b], into=new.id, establish=new))
            for kid in sorted(i for i, u in alive.items() if u.parent in (a, b)):
                effects.append(Move(org_id=kid, parent=new.id))
                alive[kid] = attrs.evolve(alive[kid], parent=new.id)
            del alive[a], alive[b]
            alive[new.id] = new
        elif choice == "split" and communes:
            src = draw(st.sampled_from(communes))
            parent = alive[src].parent
            parts = [make(f"{src}-s{n}{k}", alive[src].unit_type, parent) for k in range(2)]
            default = draw(st.integers(0, 1))
            effects.append(Split(source=src, parts=[
                SplitPart(org_id=q.id, establish=q, default=k == default)
                for k, q in enumerate(parts)]))
            del alive[src]
            alive.update({q.id: q for q in parts})
        elif choice in ("transfer", "absorb") and len(communes) >= 2:
            a, b = draw(st.lists(st.sampled_from(communes), min_size=2, max_size=2, unique=True))
            if choice == "transfer":
                effects.append(TransferArea(from_unit=a, to_unit=b, area_share=draw(_SHARES)))
            else:
                effects.append(Merge(sources=[a], into=b))
                del alive[a]
        elif choice == "reclass" and communes:
            c = draw(st.sampled_from(communes))
            to = UnitType.PHUONG if alive[c].unit_type is UnitType.XA else UnitType.XA
            effects.append(Reclassify(org_id=c, unit_type=to))
            alive[c] = attrs.evolve(alive[c], unit_type=to)
        elif choice == "end" and not ended_level:
            ended_level = True
            effects.append(EndLevel(unit_types=[UnitType.HUYEN]))
            for i, u in list(alive.items()):
                if u.unit_type is UnitType.HUYEN:
                    for kid in [k for k, v in alive.items() if v.parent == i]:
                        alive[kid] = attrs.evolve(alive[kid], parent=u.parent)
                    del alive[i]
        if effects:
            decisions.append(Decision(number=f"{n + 1}/NQ-QH", issuer="vn/qh", signed_on=day,
                                      effects=effects))
    return Timeline.from_decisions(draw(st.permutations(decisions)), initial=first)


def unit_timelines() -> SearchStrategy[Any]:
    """Valid timelines of administrative units: provinces, districts and communes with
    codes, then consolidations (with their units moved), absorptions, divided communes with
    a default part, transferred areas, reclassifications and the end of the district level,
    in any order of decisions."""
    return _unit_timelines()
