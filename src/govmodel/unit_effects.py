"""Effects on administrative units: part of an area transferred, a unit reclassified, a
whole level ended (layer 1, values).

Consolidation ("hợp nhất") and absorption ("sáp nhập vào") of units are
:class:`~govmodel.effects.Merge` (with and without ``establish``), a divided unit is a
:class:`~govmodel.effects.Split` with named parts; these three are the rest.
"""

from __future__ import annotations

import attrs

from govmodel._fields import to_id, to_opt_id, to_opt_share, to_tuple_of
from govmodel.effect_base import Event
from govmodel.errors import InvalidEffectError
from govmodel.unit_types import UnitType

__all__ = ["EndLevel", "Reclassify", "TransferArea"]


def _unit_type(value: object) -> UnitType:
    if isinstance(value, UnitType):
        return value
    try:
        return UnitType(value)
    except ValueError:
        allowed = ", ".join(t.value for t in UnitType)
        msg = f"unknown unit type {value!r}; expected one of {allowed}"
        raise InvalidEffectError(msg) from None


def _unit_types(value: object) -> tuple[UnitType, ...]:
    if isinstance(value, str | UnitType):
        value = (value,)
    out = tuple(_unit_type(v) for v in to_tuple_of(object)(value))
    if not out:
        raise InvalidEffectError("EndLevel needs at least one unit type")
    if len(set(out)) != len(out):
        raise InvalidEffectError(f"EndLevel lists a unit type twice: {[t.value for t in out]}")
    return out


@attrs.frozen(slots=True, kw_only=True)
class TransferArea(Event):
    """Part of ``from_unit``'s area ("một phần diện tích tự nhiên, quy mô dân số") goes to
    ``to_unit``; the source lives on. The shares are given when the record gives them."""

    from_unit: str = attrs.field(converter=to_id)
    to_unit: str = attrs.field(converter=to_id)
    area_share: float | None = attrs.field(default=None, converter=to_opt_share)
    population_share: float | None = attrs.field(default=None, converter=to_opt_share)

    def __attrs_post_init__(self) -> None:
        if self.from_unit == self.to_unit:
            raise InvalidEffectError(f"TransferArea of {self.from_unit!r} to itself")

    def org_ids(self) -> tuple[str, ...]:
        return (self.from_unit, self.to_unit)


@attrs.frozen(slots=True, kw_only=True)
class Reclassify(Event):
    """A unit changes type and keeps its identity and codes: a xã becomes a phường, a
    tỉnh a thành phố trực thuộc trung ương."""

    org_id: str = attrs.field(converter=to_id)
    unit_type: UnitType = attrs.field(converter=_unit_type)

    def org_ids(self) -> tuple[str, ...]:
        return (self.org_id,)


@attrs.frozen(slots=True, kw_only=True)
class EndLevel(Event):
    """A whole level of units ends as one effect (the districts on 1/7/2025): every unit
    of ``unit_types`` alive that day — within the unit ``within`` when given — ends, the
    bodies whose ``territory`` it is end with it, and its children move up to its parent.
    It applies after every other effect of its day."""

    unit_types: tuple[UnitType, ...] = attrs.field(converter=_unit_types)
    within: str | None = attrs.field(default=None, converter=to_opt_id)

    def org_ids(self) -> tuple[str, ...]:
        return (self.within,) if self.within else ()
