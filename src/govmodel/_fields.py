"""Converters and validators shared by the value classes (private).

Every text field is NFC-normalised when a value is built, every date field accepts a
``datetime.date`` or a date string (ISO or Vietnamese day-first), and every failure is an
:class:`~govmodel.errors.InvalidValueError` naming the field (see :func:`name_fields`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from govmodel.errors import DateParseError, GovModelError, InvalidValueError
from govmodel.vn.dates import parse_date
from govmodel.vn.text import nfc

T = TypeVar("T")

_ID = re.compile(r"^[a-z0-9][a-z0-9._\-/]{0,199}$")


def to_id(value: str) -> str:
    """An organisation id: lower-case ASCII letters, digits and ``. _ - /``; at most 200."""
    if not isinstance(value, str) or not _ID.match(value):
        raise InvalidValueError(
            f"organisation id must be lower-case ASCII letters, digits, '.', '_', '-' or '/' "
            f"(at most 200 characters), not {value!r}"
        )
    return value


def to_opt_id(value: str | None) -> str | None:
    return None if value is None else to_id(value)


def to_text(value: str) -> str:
    """Non-empty NFC text."""
    if not isinstance(value, str):
        raise InvalidValueError(f"expected text, not {type(value).__name__}: {value!r}")
    text = nfc(value)
    if not text:
        raise InvalidValueError("text must not be empty")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: no file could hold this text
        raise InvalidValueError(
            f"text holds a lone surrogate {text[exc.start]!r} at {exc.start}: {text!r}"
        ) from None
    return text


def to_opt_text(value: str | None) -> str | None:
    return None if value is None else to_text(value)


def to_texts(value: Iterable[str]) -> tuple[str, ...]:
    """A tuple of NFC texts with duplicates dropped, first occurrence kept."""
    if isinstance(value, str):
        raise InvalidValueError(f"expected a list of texts, not the single text {value!r}")
    if not isinstance(value, Iterable):
        raise InvalidValueError(f"expected a list of texts, not {type(value).__name__}")
    return tuple(dict.fromkeys(to_text(v) for v in value))


def to_date(value: dt.date | str) -> dt.date:
    """A date from a ``date`` or a date string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except DateParseError as exc:
            raise DateParseError(exc.message) from None
    raise InvalidValueError(f"expected a date, not {type(value).__name__}: {value!r}")


def to_opt_date(value: dt.date | str | None) -> dt.date | None:
    return None if value is None else to_date(value)


def to_opt_share(value: float | None) -> float | None:
    """A share of a whole, a number from 0 (exclusive) to 1, or None (unknown)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"a share must be a number between 0 and 1, not {value!r}")
    share = float(value)
    if not 0 < share <= 1:
        raise InvalidValueError(f"a share must be more than 0 and at most 1, not {value!r}")
    return share


def to_tuple_of(
    cls: type[T], convert: Callable[[Any], T] | None = None
) -> Callable[[Any], tuple[T, ...]]:
    """A converter to a tuple whose items are *cls* (optionally converted first)."""

    def convert_all(value: object) -> tuple[T, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise InvalidValueError(f"expected a list of {cls.__name__}, not {value!r}")
        items = tuple(convert(v) if convert is not None else v for v in value)
        for item in items:
            if not isinstance(item, cls):
                raise InvalidValueError(f"expected {cls.__name__}, not {type(item).__name__}")
        return items

    return convert_all


F = TypeVar("F", bound=Callable[..., Any])


def keeps_tuples_of(cls: object) -> Callable[[F], F]:
    """Mark a converter that returns a tuple of *cls* values given to it as it is (an equal
    tuple), doing nothing else to it; the fast reader (:mod:`govmodel._serial.fast`), which
    reads such a field's values as tuples of *cls* itself, then does not call it."""

    def mark(convert: F) -> F:
        convert.__dict__["keeps_tuples_of"] = cls
        return convert

    return mark


def check_type(cls: type[Any] | tuple[type[Any], ...]) -> Callable[[Any, Any, Any], None]:
    """An attrs validator raising :class:`InvalidValueError` (not ``TypeError``)."""

    def check(_inst: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, cls):
            names = cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls)
            raise InvalidValueError(
                f"{attribute.name} must be {names}, not {type(value).__name__}: {value!r}"
            )

    # what it checks, for a reader that checks a column at once (govmodel._serial.fast)
    check.__dict__["checks_type"] = cls if isinstance(cls, tuple) else (cls,)
    return check


def to_enum(enum_cls: type[T]) -> Callable[[Any], T]:
    """A converter accepting an enum member or its value."""

    def convert(value: object) -> T:
        try:
            return enum_cls(value)  # type: ignore[call-arg]
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in enum_cls)  # type: ignore[attr-defined]
            raise InvalidValueError(
                f"{value!r} is not a {enum_cls.__name__}; expected one of {allowed}"
            ) from None

    return convert


def _label(cls: type, given: Mapping[str, Any]) -> str:
    """The class name, with the id the value was given when that id is valid."""
    for key in ("id", "org_id"):
        value = given.get(key)
        if isinstance(value, str) and _ID.match(value):
            return f"{cls.__name__} {value!r}"
    return cls.__name__


def failing_field(cls: type, given: Mapping[str, Any]) -> tuple[str, GovModelError] | None:
    """The first field of the attrs class *cls* whose converter or validator refuses its
    value in *given*, and the error; None when each field alone is fine."""
    for field in attrs.fields(cls):
        if field.name not in given:
            continue
        try:
            value = given[field.name]
            converter = field.converter
            if converter is not None:
                value = getattr(converter, "converter", converter)(value)
            if field.validator is not None:
                field.validator(None, field, value)
        except GovModelError as exc:
            return field.name, exc
        except Exception:  # a field that fails in another way is not the one at fault here
            continue
    return None


def name_fields(
    *classes: type, describe: Callable[[Mapping[str, Any]], str] | None = None
) -> None:
    """Make each attrs class's construction errors name the value and the field at fault.

    ``Rename(org_id="x", name="X", effective_on="30/2/2021")`` then raises
    ``DateParseError("Rename 'x': effective_on: no such day: '30/2/2021'")`` instead of a
    bare "no such day". The error keeps its type; an error no single field explains (two
    fields that contradict each other) is raised unchanged. *describe* names the value from
    the arguments given (default: the class name and its ``id`` or ``org_id``).
    """
    for cls in classes:
        _wrap_init(cls, describe)


def _wrap_init(cls: type, describe: Callable[[Mapping[str, Any]], str] | None) -> None:
    init: Callable[..., None] = vars(cls)["__init__"]
    positional = [f.name for f in attrs.fields(cls) if f.init and not f.kw_only]

    @functools.wraps(init)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:  # noqa: N807 - it is __init__
        try:
            init(self, *args, **kwargs)
        except InvalidValueError as exc:
            given = dict(zip(positional, args, strict=False))
            given.update(kwargs)
            found = failing_field(cls, given)
            if found is None:
                raise
            name, field_exc = found
            where = describe(given) if describe is not None else _label(cls, given)
            reason = field_exc.message
            if not reason.startswith(f"{name} "):  # check_type's messages name the field
                reason = f"{name}: {reason}"
            try:
                located = type(field_exc)(f"{where}: {reason}")
            except TypeError:  # an error class that needs more than a message
                raise exc from None
            raise located from None

    setattr(cls, "__init__", __init__)  # noqa: B010 - mypy refuses assigning to a method
