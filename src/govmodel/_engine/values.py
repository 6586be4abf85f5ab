"""Values the replay makes without running the attrs converters again (private).

The replay makes many values from parts that are already converted and checked (a Rename's
name is NFC text, a mandate's entries are deduplicated). Building them through the attrs
converters again costs more than the rest of the replay, so these helpers set the fields
directly. Each gives a value equal to the public operation's (tests/test_incremental.py).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

import attrs

from govmodel.model import Agency, Committee, Unit

__all__ = ["evolve_org", "evolver"]

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
        make, set_ = object.__new__, object.__setattr__

        def evolve(value: Any, *new: Any) -> Any:
            v: Any = make(cls)
            for name, x in zip(kept, get_kept(value), strict=True):
                set_(v, name, x)
            for name, x in zip(changed, new, strict=True):
                set_(v, name, x)
            return v

        f = _EVOLVERS[(cls, changed)] = evolve
    return f


def _renamed_unit(org: Any, name: str, short_names: tuple[str, ...]) -> Any:
    v = _make(Unit)
    _set(v, "id", org.id)
    _set(v, "name", name)
    _set(v, "short_names", short_names)
    _set(v, "parent", org.parent)
    _set(v, "identifiers", org.identifiers)
    _set(v, "kind", org.kind)
    return v


def _renamed_agency(org: Any, name: str, short_names: tuple[str, ...]) -> Any:
    v = _make(Agency)
    _set(v, "id", org.id)
    _set(v, "name", name)
    _set(v, "short_names", short_names)
    _set(v, "parent", org.parent)
    _set(v, "identifiers", org.identifiers)
    _set(v, "kind", org.kind)
    _set(v, "level", org.level)
    _set(v, "territory", org.territory)
    return v


def _moved_unit(org: Any, parent: str | None) -> Any:
    v = _make(Unit)
    _set(v, "id", org.id)
    _set(v, "name", org.name)
    _set(v, "short_names", org.short_names)
    _set(v, "parent", parent)
    _set(v, "identifiers", org.identifiers)
    _set(v, "kind", org.kind)
    return v


_make, _set = object.__new__, object.__setattr__
# Written out for the commonest cases (a loop over the fields costs twice as much); used
# only while the classes have exactly these fields, else evolver() makes a generic copy.
_BASE = ("id", "name", "short_names", "parent", "identifiers")
if tuple(a.name for a in attrs.fields(Unit)) == (*_BASE, "kind"):
    _EVOLVERS[(Unit, ("name", "short_names"))] = _renamed_unit
    _EVOLVERS[(Unit, ("parent",))] = _moved_unit
    _EVOLVERS[(Committee, ("name", "short_names"))] = evolver(Committee, ("name", "short_names"))
if tuple(a.name for a in attrs.fields(Agency)) == (*_BASE, "kind", "level", "territory"):
    _EVOLVERS[(Agency, ("name", "short_names"))] = _renamed_agency


def evolve_org(org: A, **changes: Any) -> A:
    """``attrs.evolve(org, **changes)`` for changes already converted and valid."""
    return evolver(type(org), tuple(changes))(org, *changes.values())  # type: ignore[no-any-return]


