"""Column-wise helpers of the fast reader (private): loops run in C, slots set directly.

:mod:`govmodel._serial.fast` reads a table a column at a time; these are its parts that know
nothing of the dataset format: the :class:`Slow` signal (read the item with the converter
instead), calls consumed in C, index picks, slot setters, and the per-column readers of
plain values.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from itertools import accumulate, chain, compress, repeat
from operator import is_, is_not
from typing import Any

import attr
import attrs

from govmodel._serial.checks import all_of

__all__ = [
    "_NONE_GIVEN",
    "_SCALARS",
    "Memo",
    "Slow",
    "_Given",
    "_Many",
    "_enums",
    "_flat",
    "_floats",
    "_given",
    "_holds",
    "_makes_frozen",
    "_memo_worthy",
    "_missing",
    "_not_none",
    "_numbers",
    "_optionals",
    "_placed",
    "_read_distinct",
    "_regrouped",
    "_run",
    "_scalars",
    "_shareable",
    "_slot_setter",
    "_slow",
    "_text_valued",
    "_tuples",
    "_union_args",
    "_where",
]


class Slow(Exception):  # noqa: N818 - a signal, not an error shown to anyone
    """The item is not read here: read it with the converter (which says what is wrong)."""



def _slow(_values: object = None) -> typing.NoReturn:
    raise Slow


# Helpers that loop in C (map, compress, deque) rather than in Python bytecode: the reader's
# cost per cell is then a C call, not an iteration of the interpreter.

_flat = chain.from_iterable
_not_none = partial(is_not, None)


def _run(calls: Iterable[object]) -> None:
    """Consume *calls* (a map of calls made for their effect), in C."""
    deque(calls, 0)


def _where(vs: list[Any], tag: object) -> list[int]:
    """The indexes of the items of *vs* equal to *tag* (a text; *vs* holds only texts)."""
    return list(compress(range(len(vs)), map(tag.__eq__, vs)))


def _given(vs: list[Any]) -> list[int]:
    """The indexes of the items of *vs* that are not None."""
    return list(compress(range(len(vs)), map(is_not, vs, repeat(None))))


def _missing(n: int, where: list[int]) -> list[int]:
    """The rows of ``range(n)`` not in *where*."""
    left = [True] * n
    _run(map(left.__setitem__, where, repeat(False)))
    return list(compress(range(n), left))


def _holds(vs: list[Any], x: object) -> bool:
    """Whether *x* itself is one of the items of *vs* (by identity: no item's ``__eq__``
    is called, as ``x in vs`` would, for each item that is not *x*)."""
    return any(map(is_, vs, repeat(x)))


def _placed(n: int, fill: object, where: list[int], values: Iterable[Any]) -> list[Any]:
    """A list of *n* items: *values* at the indexes *where*, *fill* elsewhere."""
    out = [fill] * n
    _run(map(out.__setitem__, where, values))
    return out


def _regrouped(items: list[Any], sizes: list[int]) -> list[tuple[Any, ...]]:
    """*items* cut into tuples of the lengths *sizes*, in order.

    Tuples of one length, the usual case (one code per unit), are grouped by ``zip`` (one
    C pass); others are sliced from a tuple of *items*.
    """
    if sum(sizes) != len(items):  # pragma: no cover - a value per item read
        raise Slow
    if not sizes:
        return []
    if sizes.count(sizes[0]) == len(sizes):
        size = sizes[0]
        if size == 0:
            return [()] * len(sizes)
        return list(zip(*[iter(items)] * size, strict=False))  # items come in whole groups
    whole = tuple(items)
    ends = list(accumulate(sizes))
    return list(map(whole.__getitem__, map(slice, [0, *ends], ends)))


def _union_args(t: Any) -> tuple[Any, ...]:
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        return typing.get_args(t)
    return ()


#: Value types whose conversions are remembered (hashable, and equal only when the same).
_MEMO_TYPES = (str, type(None), dt.date)


_Many = Callable[[list[Any]], list[Any]]

#: a field's values and the rows they are given in (None: every row)
_Given = dict[str, tuple[list[Any], list[int] | None]]
# a field given in no row (shared: its lists are never changed, nor read when empty)
_NONE_GIVEN: tuple[list[Any], list[int]] = ([], [])

_IMMUTABLE = frozenset({bool, int, float, str, dt.date})


# what a frozen attrs class sets attributes with (attrs' own; None if it ever moves)
_FROZEN = getattr(getattr(attr, "_make", None), "_frozen_setattrs", None)


def _text_valued(cls: type) -> bool:
    """Whether every field of the frozen attrs class *cls* holds text or None, with no
    default made by a factory: two of its objects read from equal JSON objects are equal
    and cannot change, so that one may stand for both."""
    if _FROZEN is None or getattr(cls, "__setattr__", None) is not _FROZEN:
        return False
    attrs.resolve_types(cls)  # the fields' types, not their annotations' text
    return all(
        (f.type is str or f.type == (str | None)) and not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
        for f in attrs.fields(cls)
    )


def _read_distinct(vs: list[Any], read: Callable[[list[Any]], list[Any]]) -> list[Any] | None:
    """What *read* makes of the JSON objects *vs*, each distinct one read once and its
    value standing for every equal one; None (read them all) when they hold anything but
    texts, or repeat too little for it to pay."""
    if not all_of(list(_flat(map(dict.values, vs))), str):
        return None  # only texts compare equal exactly when they are the same JSON
    rows = list(map(tuple, map(dict.items, vs)))
    firsts = dict(zip(rows, vs, strict=True))
    if len(firsts) * 2 > len(vs):
        return None
    made = dict(zip(firsts, read(list(firsts.values())), strict=True))
    return list(map(made.__getitem__, rows))


def _shareable(value: object) -> bool:
    """Whether *value* cannot change: one may stand for several equal ones."""
    return value is None or type(value) in _IMMUTABLE or (type(value) is tuple and not value)


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """What sets the attribute *name* of an instance of *cls*: the ``__set__`` of the slot
    (member descriptor) found first in its MRO, as :func:`object.__setattr__` finds it; or
    that function itself for any other kind of attribute."""
    for c in cls.__mro__:
        found = c.__dict__.get(name)
        if found is not None:
            if type(found) is types.MemberDescriptorType:
                setter: Callable[[Any, Any], None] = found.__set__
                return setter
            break
    return partial(_set_named, name)


def _makes_frozen(factory: Callable[[], Any]) -> bool:
    """Whether *factory* makes values of a frozen, hashable attrs class (two values it
    makes are equal and neither can be changed: one may stand for the other)."""
    if not (isinstance(factory, type) and attrs.has(factory)):
        return False
    try:
        probe = factory()
        hash(probe)  # every field's value hashable (no list, no dict)
    except Exception:  # whatever it is, it is not shared
        return False
    if type(probe) is not factory:
        return False
    try:
        probe.__govmodel_probe__ = None  # type: ignore[attr-defined]
    except attrs.exceptions.FrozenInstanceError:
        return True
    except Exception:  # not frozen (a slotted class: no such attribute)
        return False
    return False  # an attribute could be set: not frozen


def _set_named(name: str, obj: object, value: object) -> None:
    object.__setattr__(obj, name, value)


def _scalars(t: type) -> _Many:
    def read_scalars(vs: list[Any]) -> list[Any]:
        if not all_of(vs, t):
            raise Slow
        return vs

    return read_scalars


_SCALARS: dict[Any, type] = {str: str, bool: bool, int: int}


def _floats(vs: list[Any]) -> list[Any]:
    if not set(map(type, vs)) <= {float, int}:
        raise Slow
    return [float(v) for v in vs]


def _numbers(memo: Memo, vs: list[Any]) -> list[Any]:
    """Document numbers from their texts, each distinct text parsed once for a whole file
    (*memo*, of ``DocumentNumber.parse``: a number is named again by the decisions ending
    it, anywhere in the file)."""
    if not all_of(vs, str):
        raise Slow
    return memo.many(vs)


class Memo:
    """A field's converter, its conversions remembered by value for a whole file (a parent
    id, a unit type, a date: the same few, over and over)."""

    __slots__ = ("convert", "done")

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert
        self.done: dict[Any, Any] = {}

    def many(self, col: list[Any]) -> list[Any]:
        """The converted values of *col*, each distinct value converted once."""
        done, convert = self.done, self.convert
        for x in set(col).difference(done):  # the slice's values walked, not all done
            done[x] = convert(x)
        return list(map(done.__getitem__, col))


def _enums(t: type[enum.Enum]) -> _Many:
    """The reader of a column of enum *t*'s values."""
    members = {m.value: m for m in t}

    def read_enums(vs: list[Any]) -> list[Any]:
        if not all_of(vs, str):
            raise Slow
        # a KeyError: not a member (the converter says so)
        return list(map(members.__getitem__, vs))

    return read_enums


def _optionals(inner: _Many) -> _Many:
    """The reader of a column of values *inner* reads, or None."""
    def read_optional(vs: list[Any]) -> list[Any]:
        if not _holds(vs, None):
            return inner(vs)
        where = _given(vs)
        return _placed(len(vs), None, where, inner(list(map(vs.__getitem__, where))))

    return read_optional


def _tuples(inner: _Many) -> _Many:
    """The reader of a column of lists of values *inner* reads, as tuples."""
    def read_tuples(vs: list[Any]) -> list[Any]:
        if not all_of(vs, list):
            raise Slow
        flat = list(_flat(vs))
        got = inner(flat)
        if got is flat:  # the items as they are (texts, numbers): each list a tuple
            return list(map(tuple, vs))
        return _regrouped(got, list(map(len, vs)))

    return read_tuples


def _memo_worthy(t: Any) -> bool:
    """Whether conversions of a field of type *t* may be remembered by value."""
    if t in _MEMO_TYPES or (isinstance(t, type) and issubclass(t, enum.Enum)):
        return True
    args = _union_args(t)
    return bool(args) and all(a in _MEMO_TYPES for a in args)


def table_columns(table: object) -> dict[str, list[Any]]:
    """The columns of a well-formed table (:class:`Slow` for any other): one ``"columns"``
    object of equally long arrays, its ``"type"`` column all texts."""
    cols = table.get("columns") if type(table) is dict and len(table) == 1 else None
    if type(cols) is not dict:
        raise Slow
    kinds = cols.get("type")
    if type(kinds) is not list or not all_of(list(cols.values()), list) or (
        len(set(map(len, cols.values()))) != 1
    ):
        raise Slow
    if not all_of(kinds, str):
        raise Slow  # a tag that is not a text (the converter: not a known type)
    return cols
