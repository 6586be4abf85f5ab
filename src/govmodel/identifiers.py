"""Official codes of organisations, each with its own validity (layer 1, values)."""

from __future__ import annotations

import datetime as dt

import attrs

from govmodel._fields import to_opt_date, to_text, to_tuple_of
from govmodel.errors import InvalidValueError

__all__ = ["Identifier", "to_identifiers"]


@attrs.frozen(slots=True)
class Identifier:
    """An official code in a named scheme, with its own validity dates.

    Schemes: ``gso`` for the national statistics office's unit codes ("mã đơn vị hành
    chính"), ``wikidata`` for Q-ids, or any other agreed string. Codes are reused and
    reassigned (a new province takes its seat's old code), so a code holds from
    ``valid_from`` (None: as long as its holder) to ``valid_to`` (exclusive; None: open).

    >>> Identifier("gso", "02")
    Identifier(scheme='gso', value='02', valid_from=None, valid_to=None)
    """

    scheme: str = attrs.field(converter=to_text)
    value: str = attrs.field(converter=to_text)
    valid_from: dt.date | None = attrs.field(default=None, converter=to_opt_date, kw_only=True)
    valid_to: dt.date | None = attrs.field(default=None, converter=to_opt_date, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.scheme or not self.value:
            raise InvalidValueError("an identifier needs a scheme and a value")
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise InvalidValueError(
                f"identifier {self.scheme}:{self.value}: valid_to {self.valid_to} is not after "
                f"valid_from {self.valid_from}"
            )

    def holds_on(self, day: dt.date) -> bool:
        """True when *day* lies inside ``[valid_from, valid_to)``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


def to_identifiers(value: object) -> tuple[Identifier, ...]:
    return to_tuple_of(Identifier)(value)
