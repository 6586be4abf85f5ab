"""Decisions by identity (private): the map from a decision's identity to the decision.

A decision is identified by its issuer, its document number and its series (the year, or a
Party committee's term: see :class:`govmodel.decisions.DecisionRef`). :data:`Key` is that
identity as a plain tuple, cheaper to build and hash than a reference.

:class:`ByIdentity` files the decisions by issuer and series, then under the document
number each already holds, instead of under a key tuple made for each: a tuple per decision
is 64 bytes (13 MB at 200,000 decisions), and the pairs of issuer and series are few (one
per issuer and year).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from govmodel.decisions import Decision, DecisionRef
from govmodel.vn.docnum import DocumentNumber

__all__ = ["ByIdentity", "Key", "key_of", "ref_key"]

#: A decision's identity as a plain tuple ``(issuer, number, series)``.
Key = tuple[str, DocumentNumber, Any]


def key_of(d: Decision) -> Key:
    """The identity of *d* as a tuple (equal iff the :class:`DecisionRef`\\ s are equal)."""
    return (d.issuer, d.number, d.year if d.term is None else d.term)  # d.series, inlined


def ref_key(r: DecisionRef) -> Key:
    """The identity of reference *r* as a tuple."""
    return (r.issuer, r.number, r.year if r.term is None else r.term)  # r.series, inlined


#: ``(issuer, series)``: the identity without its number (a few thousand in a country).
Pair = tuple[str, Any]


class ByIdentity:
    """Decisions by identity: by ``(issuer, series)``, then by document number.

    A pair with one decision holds it; a pair with more, a dict of them by number. Each
    pair's tuple is made once, when its first decision is filed. A copy shares those dicts
    until it writes one.
    """

    __slots__ = ("_by", "_n", "_owned")

    def __init__(self) -> None:
        self._by: dict[Pair, Decision | dict[DocumentNumber, Decision]] = {}
        self._n = 0
        # ids of the dicts under pairs this map may write (None: all; a copy starts empty)
        self._owned: set[int] | None = None

    def __len__(self) -> int:
        return self._n

    def get(self, key: Key) -> Decision | None:
        """The decision of identity *key*, or None."""
        x = self._by.get((key[0], key[2]))
        if x is None:
            return None
        if isinstance(x, dict):
            return x.get(key[1])
        n = key[1]
        return x if x.number is n or x.number == n else None

    def setdefault(self, d: Decision) -> Decision:
        """The decision held with *d*'s identity; *d* itself, now held, when there was none."""
        for _, held in self.fill((d,)):
            return held
        return d

    def fill(self, ds: Iterable[Decision]) -> Iterator[tuple[Decision, Decision]]:
        """File each decision of *ds* in turn; yields ``(d, held)`` for each *d* not filed,
        as a decision *held* (maybe *d* itself, given twice) has its identity already."""
        by, owned = self._by, self._owned
        n = self._n
        try:
            for d in ds:
                number = d.number
                pair = (d.issuer, d.year if d.term is None else d.term)
                x = by.get(pair)
                if x is None:
                    by[pair] = d
                    n += 1
                elif isinstance(x, dict):
                    if owned is not None and id(x) not in owned:  # shared with the original
                        x = by[pair] = dict(x)
                        owned.add(id(x))
                    k = len(x)
                    held = x.setdefault(number, d)
                    if len(x) == k:
                        yield d, held
                    else:
                        n += 1
                elif x.number is number or x.number == number:
                    yield d, x
                else:
                    many = by[pair] = {x.number: x, number: d}
                    if owned is not None:
                        owned.add(id(many))
                    n += 1
        finally:
            self._n = n

    def update(self, ds: Iterable[Decision]) -> None:
        """Hold every decision of *ds* (each of an identity not held yet)."""
        for d, held in self.fill(ds):
            if held is not d:
                raise ValueError(f"{d.ref} is held already")

    def values(self) -> Iterator[Decision]:
        """Every decision held, each once."""
        for x in self._by.values():
            if isinstance(x, dict):
                yield from x.values()
            else:
                yield x

    def copy(self) -> ByIdentity:
        """A copy holding the same decisions (a compact dict's copy is a block copy; the
        dicts under pairs are shared until the copy writes one)."""
        new = ByIdentity()
        new._by, new._n, new._owned = self._by.copy(), self._n, set()
        return new
