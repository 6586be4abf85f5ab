"""Copy-on-write maps: the replay's mutable state over an older, never-changed one (private).

A full build starts from nothing and owns everything it makes. An incremental build
(:mod:`govmodel._engine.incremental`) starts from an older index whose structures other
timelines still read, so it must never change them: each :class:`CowMap` starts as the old
map itself, makes its shallow copy at the first change (most maps of a small addition are
never changed: they stay shared) and copies a value (a track, a child set, a provision list)
the first time it is changed — the model is pyrsistent's *evolver*. This one class replaces
hand-kept "do I own this yet?" sets.

``data`` is read directly; it may be replaced by the copy at any change, so a reader holds
on to it only while nothing changes the map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

__all__ = ["CowMap"]


class CowMap(Generic[K, V]):
    """A dict over a base that it never changes: values are copied before their first change.

    Args:
        base: the map to start from (None: start empty and own everything).
        copy: how to copy a value of the base before changing it.

    ``own(key)`` is the value at *key*, safe to change (copied from the base first if it is
    shared); ``put(key, value)`` sets *key* to a value this map owns. For a full build
    (no base) they are the dict's own ``get`` and ``__setitem__``: nothing to copy, and no
    Python call on the replay's hottest paths.
    """

    __slots__ = ("_base", "_copy", "data", "own", "owned", "put")

    def __init__(self, base: dict[K, V] | None, copy: Callable[[V], V]) -> None:
        # the base itself until the first change (see _unshare)
        self.data: dict[K, V] = {} if base is None else base
        self._base = base
        self._copy = copy
        #: The keys whose values this map owns; None: nothing is shared (a full build), so
        #: every value may be changed in place.
        self.owned: set[K] | None = None if base is None else set()
        self.own: Callable[[K], V | None]
        self.put: Callable[[K, V], None]
        if base is None:
            self.own, self.put = self.data.get, self.data.__setitem__
        else:
            self.own, self.put = self._own_shared, self._put_shared

    def get(self, key: K) -> V | None:
        """The value at *key*, read only (it may be shared with the base)."""
        return self.data.get(key)

    def _unshare(self) -> dict[K, V]:
        """``data``, made this map's own copy of the base first if it is still the base."""
        data = self.data
        if data is self._base:
            data = self.data = data.copy()
        return data

    def _own_shared(self, key: K) -> V | None:
        v = self.data.get(key)
        owned = self.owned
        if v is None or owned is None or key in owned:
            return v
        v = self._unshare()[key] = self._copy(v)
        owned.add(key)
        return v

    def _put_shared(self, key: K, value: V) -> None:
        self._unshare()[key] = value
        if self.owned is not None:
            self.owned.add(key)

    def drop(self, key: K) -> None:
        """Remove *key* (the base keeps it)."""
        if key in self.data and self._unshare().pop(key, None) is not None and (
            self.owned is not None
        ):
            self.owned.add(key)

    def changed(self) -> Iterator[K]:
        """The keys set, copied or dropped since the start (every key, for a full build)."""
        return iter(self.data if self.owned is None else tuple(self.owned))

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def __len__(self) -> int:
        return len(self.data)
