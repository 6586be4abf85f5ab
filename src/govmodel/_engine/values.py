"""Values the replay makes without running the attrs converters again (private).

The replay makes many values from parts that are already converted and checked (a Rename's
name is NFC text, a mandate's entries are deduplicated). Building them through the attrs
converters again costs more than the rest of the replay, so these helpers set the fields
directly. Each gives a value equal to the public operation's (tests/test_incremental.py).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

import attrs

from govmodel.model import Agency, Committee, Unit

__all__ = ["MOVERS", "RENAMERS", "ByClass", "evolve_org", "evolver"]

A = TypeVar("A")

_EVOLVERS: dict[tuple[type, tuple[str, ...]], Callable[..., Any]] = {}


def evolver(cls: type, changed: tuple[str, ...]) -> Callable[..., Any]:
    """A function ``(value, *new) -> copy`` of attrs class *cls* with fields *changed* replaced.

    Like ``attrs.evolve`` but without running converters and validators again: the new
    field values must already be converted and valid. Made once per class and set of fields.
    """
    f = _EVOLVERS.get((cls, changed))
    if f is None:
        kept = tuple(a.name for a in attrs.fields(cls) if a.name not in changed)
        get_kept = attrgetter(*kept) if len(kept) > 1 else lambda v: (getattr(v, kept[0]),)
        make = object.__new__
        set_kept = tuple(_setter(cls, a) for a in kept)
        set_changed = tuple(_setter(cls, a) for a in changed)

        def evolve(value: Any, *new: Any) -> Any:
            v: Any = make(cls)
            for set_, x in zip(set_kept, get_kept(value), strict=True):
                set_(v, x)
            for set_, x in zip(set_changed, new, strict=True):
                set_(v, x)
            return v

        f = _EVOLVERS[(cls, changed)] = evolve
    return f


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """What sets field *name* of a new *cls* value: its slot's descriptor, when it has one."""
    slot = getattr(cls, name, None)
    if isinstance(slot, types.MemberDescriptorType):
        return slot.__set__
    return lambda v, x: object.__setattr__(v, name, x)


def _renamed_unit(org: Any, name: str, short_names: tuple[str, ...]) -> Any:
    v = _make(Unit)
    _U_ID(v, org.id)
    _U_NAME(v, name)
    _U_SHORT_NAMES(v, short_names)
    _U_PARENT(v, org.parent)
    _U_IDENTIFIERS(v, org.identifiers)
    _U_KIND(v, org.kind)
    return v


def _renamed_agency(org: Any, name: str, short_names: tuple[str, ...]) -> Any:
    v = _make(Agency)
    _A_ID(v, org.id)
    _A_NAME(v, name)
    _A_SHORT_NAMES(v, short_names)
    _A_PARENT(v, org.parent)
    _A_IDENTIFIERS(v, org.identifiers)
    _A_KIND(v, org.kind)
    _A_LEVEL(v, org.level)
    _A_TERRITORY(v, org.territory)
    return v


def _moved_unit(org: Any, parent: str | None) -> Any:
    v = _make(Unit)
    _U_ID(v, org.id)
    _U_NAME(v, org.name)
    _U_SHORT_NAMES(v, org.short_names)
    _U_PARENT(v, parent)
    _U_IDENTIFIERS(v, org.identifiers)
    _U_KIND(v, org.kind)
    return v


_make = object.__new__
# Written out for the commonest cases (a loop over the fields costs twice as much); used
# only while the classes have exactly these fields, else evolver() makes a generic copy.
# Each field is set by its slot's descriptor, without the frozen classes' __setattr__.
_BASE = ("id", "name", "short_names", "parent", "identifiers")
if tuple(a.name for a in attrs.fields(Unit)) == (*_BASE, "kind"):
    _U_ID, _U_NAME, _U_SHORT_NAMES, _U_PARENT, _U_IDENTIFIERS, _U_KIND = (
        getattr(Unit, a).__set__ for a in (*_BASE, "kind")
    )
    _EVOLVERS[(Unit, ("name", "short_names"))] = _renamed_unit
    _EVOLVERS[(Unit, ("parent",))] = _moved_unit
    _EVOLVERS[(Committee, ("name", "short_names"))] = evolver(Committee, ("name", "short_names"))
if tuple(a.name for a in attrs.fields(Agency)) == (*_BASE, "kind", "level", "territory"):
    _A_ID, _A_NAME, _A_SHORT_NAMES, _A_PARENT, _A_IDENTIFIERS, _A_KIND, _A_LEVEL, _A_TERRITORY = (
        getattr(Agency, a).__set__ for a in (*_BASE, "kind", "level", "territory")
    )
    _EVOLVERS[(Agency, ("name", "short_names"))] = _renamed_agency


class ByClass(dict[type, Callable[..., Any]]):
    """``evolver(cls, changed)`` by class, for one fixed *changed* (a lookup by class alone
    is cheaper than by ``(class, fields)``)."""

    def __init__(self, changed: tuple[str, ...]) -> None:
        super().__init__()
        self.changed = changed

    def __missing__(self, cls: type) -> Callable[..., Any]:
        f = self[cls] = evolver(cls, self.changed)
        return f


#: ``RENAMERS[cls](value, name, short_names)`` and ``MOVERS[cls](value, parent)``.
RENAMERS = ByClass(("name", "short_names"))
MOVERS = ByClass(("parent",))


def evolve_org(org: A, **changes: Any) -> A:
    """``attrs.evolve(org, **changes)`` for changes already converted and valid."""
    return evolver(type(org), tuple(changes))(org, *changes.values())  # type: ignore[no-any-return]


