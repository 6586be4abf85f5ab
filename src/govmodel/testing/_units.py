"""Strategies for administrative units, codes and the effects on units (private; public
through :mod:`govmodel.testing`)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.effect_base import Effect
from govmodel.identifiers import Identifier
from govmodel.model import AdminUnit
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea
from govmodel.unit_types import UnitType

__all__ = ["UNIT_EFFECTS", "admin_units", "identifiers", "unit_effect"]

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
