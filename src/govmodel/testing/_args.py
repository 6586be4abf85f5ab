"""Eager checks of strategy arguments (private).

Every public strategy of :mod:`govmodel.testing` checks its arguments when it is called,
not when a value is first drawn, and raises :class:`StrategyArgumentError` at once: a test
with a wrong argument fails at collection with a message naming the argument, instead of
deep inside a run of hypothesis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from govmodel._fields import to_id
from govmodel.decisions import EFFECT_TYPES, Effect
from govmodel.errors import InvalidValueError

__all__ = [
    "StrategyArgumentError",
    "check_date_range",
    "check_effect_kinds",
    "check_ids",
    "check_int",
    "check_opt_id",
    "check_opt_strategy",
    "fail",
]


class StrategyArgumentError(InvalidValueError, InvalidArgument):
    """A govmodel strategy was called with an invalid argument.

    It is a :class:`~govmodel.errors.InvalidValueError` (so a
    :class:`~govmodel.errors.GovModelError` and a ``ValueError``) and also hypothesis's own
    ``InvalidArgument``, the error hypothesis's strategies raise on misuse: catch either.
    """


def fail(function: str, argument: str, reason: str) -> StrategyArgumentError:
    return StrategyArgumentError(f"{function}(): {argument} {reason}")


def check_int(function: str, argument: str, value: object, *, minimum: int) -> int:
    """*value* as an int of at least *minimum* (a bool is not an int here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(function, argument, f"must be an integer, not {value!r}")
    if value < minimum:
        raise fail(function, argument, f"must be at least {minimum}, not {value!r}")
    return value


def check_opt_id(function: str, argument: str, value: object) -> str | None:
    """*value* as an organisation id, or None."""
    if value is None:
        return None
    try:
        return to_id(value)  # type: ignore[arg-type]  # checked there
    except InvalidValueError as exc:
        raise fail(function, argument, f"is not a valid id: {exc}") from None


def check_ids(function: str, argument: str, value: object) -> tuple[str, ...] | None:
    """*value* as a tuple of at least two distinct organisation ids, or None."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise fail(function, argument, f"must be a list of organisation ids, not {value!r}")
    ids: list[str] = []
    for item in value:
        checked = check_opt_id(function, argument, item)
        if checked is None:
            raise fail(function, argument, "must not contain None")
        ids.append(checked)
    unique = tuple(dict.fromkeys(ids))
    if len(unique) < 2:
        raise fail(function, argument, f"must hold at least two distinct ids, not {unique!r}")
    return unique


def check_date_range(
    function: str, min_value: object, max_value: object
) -> tuple[dt.date, dt.date]:
    """``(min_value, max_value)`` as plain dates (not datetimes), in order."""
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise fail(function, name, f"must be a datetime.date, not {value!r}")
    assert isinstance(min_value, dt.date)
    assert isinstance(max_value, dt.date)
    if min_value > max_value:
        raise fail(
            function, "min_value", f"{min_value.isoformat()} is after max_value "
            f"{max_value.isoformat()}"
        )
    return min_value, max_value


def check_opt_strategy(function: str, argument: str, value: object) -> SearchStrategy[Any] | None:
    """*value* as a hypothesis strategy, or None."""
    if value is not None and not isinstance(value, SearchStrategy):
        raise fail(function, argument, f"must be a hypothesis strategy, not {value!r}")
    return value


def check_effect_kinds(function: str, value: object) -> tuple[str, ...]:
    """Effect kinds (classes or their ``"type"`` names) as sorted type names; None: all."""
    if value is None:
        return tuple(sorted(EFFECT_TYPES))
    if isinstance(value, str | type) or not isinstance(value, Iterable):
        raise fail(function, "kinds", f"must be a list of effect classes or names, not {value!r}")
    names: set[str] = set()
    for item in value:
        kind = item.__name__ if isinstance(item, type) and issubclass(item, Effect) else item
        if not isinstance(kind, str) or kind not in EFFECT_TYPES:
            allowed = ", ".join(sorted(EFFECT_TYPES))
            raise fail(function, "kinds", f"holds {kind!r}, not an effect kind ({allowed})")
        names.add(kind)
    if not names:
        raise fail(function, "kinds", "must name at least one effect kind")
    return tuple(sorted(names))

