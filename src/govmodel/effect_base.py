"""The base classes of effects: events and standing provisions (layer 1, values)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from govmodel._fields import to_opt_date

__all__ = ["Effect", "Event", "StandingProvision"]


@attrs.frozen(slots=True, kw_only=True)
class Effect:
    """Base of every effect. ``effective_on`` overrides the decision's effective date."""

    effective_on: dt.date | None = attrs.field(default=None, converter=to_opt_date)

    family: ClassVar[str] = ""

    def org_ids(self) -> tuple[str, ...]:
        """Every organisation id the effect refers to."""
        raise NotImplementedError

    def creates(self) -> tuple[str, ...]:
        """The ids of the organisations this effect brings into being (none by default)."""
        return ()

    def ends_ids(self) -> tuple[str, ...]:
        """The ids of the organisations this effect ends (none by default)."""
        return ()



@attrs.frozen(slots=True, kw_only=True)
class Event(Effect):
    """An effect that happens once, on its effective date, and persists."""

    family: ClassVar[str] = "event"


@attrs.frozen(slots=True, kw_only=True)
class StandingProvision(Effect):
    """An effect that counts only while its decision is in force."""

    family: ClassVar[str] = "standing"
