"""Decisions by identity (private): the map from a decision's identity to the decision.

A decision is identified by its issuer, its document number and its series (the year, or a
Party committee's term: see :class:`govmodel.decisions.DecisionRef`). :data:`Key` is that
identity as a plain tuple, cheaper to build and hash than a reference.

:class:`ByIdentity` files the decisions by issuer, series and document type, then by the
serial number each one's document number already holds, instead of under a key tuple made
for each: a tuple per decision is 64 bytes (13 MB at 200,000 decisions), and the heads
(:data:`Head`) are few (a handful per issuer and year).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from operator import itemgetter
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


#: ``(issuer, series, document type, year in the number)``: the identity but for its number's
#: serial and issuer code (a few thousand in a country). Normative documents are numbered
#: apart, with the year ("1/2006/QĐ-UBND" beside "1/QĐ-UBND"), hence the number's year.
Head = tuple[str, Any, "str | None", "int | None"]
#: Under a head: its decisions by serial number (``2041`` of "2041/QĐ-UBND"), with a tuple
#: under a serial several numbers share ("12/QĐ-UBND" and "12/QĐ-SNV", or a Party "12-QĐ/TU").
Serials = dict[int, "Decision | tuple[Decision, ...]"]


_SERIAL = itemgetter(0)


def _same(d: Decision, number: DocumentNumber) -> bool:
    n = d.number
    return n is number or n == number


def _among(ds: Iterable[Decision], number: DocumentNumber) -> Decision | None:
    """The decision of *ds* (decisions sharing a head and a serial) numbered *number*."""
    for d in ds:
        if _same(d, number):
            return d
    return None


def _file(serials: Serials, d: Decision) -> Decision | None:
    """File *d* under its serial; the decision of its identity held already, or None."""
    number = d.number
    serial = number.number
    y = serials.get(serial)
    if y is None:
        serials[serial] = d
    elif isinstance(y, tuple):
        if (z := _among(y, number)) is not None:
            return z
        serials[serial] = (*y, d)
    elif _same(y, number):
        return y
    else:
        serials[serial] = (y, d)
    return None


class _Sorted:
    """A head's decisions once filing is done, by serial: two tuples, sorted by serial and
    aligned (16 bytes a decision, where a dict takes about 42)."""

    __slots__ = ("decisions", "serials")

    def __init__(self, serials: Serials) -> None:
        self.serials: tuple[int, ...]
        self.decisions: tuple[Decision, ...]
        if tuple not in set(map(type, serials.values())):  # no serial shared: in C
            self.serials = tuple(sorted(serials))
            self.decisions = tuple(map(serials.__getitem__, self.serials))  # type: ignore[arg-type]
            return
        pairs = [
            (k, d) for k, x in serials.items() for d in (x if isinstance(x, tuple) else (x,))
        ]
        pairs.sort(key=_SERIAL)  # stable: the decisions sharing a serial keep their order
        self.serials = tuple(k for k, _ in pairs)
        self.decisions = tuple(d for _, d in pairs)

    def get(self, number: DocumentNumber) -> Decision | None:
        serials, serial = self.serials, number.number
        i = bisect_left(serials, serial)
        return _among(self.decisions[i:bisect_right(serials, serial, i)], number)

    def thawed(self) -> Serials:
        """The decisions as :data:`Serials` again (a dict to file more in)."""
        out: Serials = {}
        for d in self.decisions:
            _file(out, d)
        return out


class ByIdentity:
    """Decisions by identity: by :data:`Head`, then by serial number.

    A head with one decision holds it; a head with more, a dict of :data:`Serials`. Each
    head's tuple is made once, when its first decision is filed, and the serials are the
    numbers' own ints, so filing a decision makes no key; nor does it hash a document
    number (which therefore caches no hash). A copy shares the heads' dicts until it writes
    one.
    """

    __slots__ = ("_by", "_n", "_owned")

    def __init__(self) -> None:
        self._by: dict[Head, Decision | Serials | _Sorted] = {}
        self._n = 0
        # ids of the dicts under heads this map may write (None: all; a copy starts empty)
        self._owned: set[int] | None = None

    def __len__(self) -> int:
        return self._n

    def get(self, key: Key) -> Decision | None:
        """The decision of identity *key*, or None."""
        number = key[1]
        x = self._by.get((key[0], key[2], number.doc_type, number.year))
        if x is None:
            return None
        if isinstance(x, _Sorted):
            return x.get(number)
        y = x.get(number.number) if isinstance(x, dict) else x
        if isinstance(y, tuple):
            return _among(y, number)
        return y if y is not None and _same(y, number) else None

    def setdefault(self, d: Decision) -> Decision:
        """The decision held with *d*'s identity; *d* itself, now held, when there was none."""
        clash = list(self.fill((d,)))  # run to its end: the count is saved there
        return clash[0][1] if clash else d

    def fill(self, ds: Iterable[Decision]) -> Iterator[tuple[Decision, Decision]]:
        """File each decision of *ds* in turn; yields ``(d, held)`` for each *d* not filed,
        as a decision *held* (maybe *d* itself, given twice) has its identity already."""
        by, owned = self._by, self._owned
        n = self._n
        try:
            for d in ds:
                number = d.number
                series = d.year if d.term is None else d.term
                head = (d.issuer, series, number.doc_type, number.year)
                x = by.get(head)
                if x is None:
                    by[head] = d
                    n += 1
                    continue
                if isinstance(x, _Sorted):
                    x = by[head] = x.thawed()
                    if owned is not None:
                        owned.add(id(x))
                elif not isinstance(x, dict):
                    if _same(x, number):
                        yield d, x
                        continue
                    x = by[head] = {x.number.number: x}
                    if owned is not None:
                        owned.add(id(x))
                elif owned is not None and id(x) not in owned:  # shared with the original
                    x = by[head] = dict(x)
                    owned.add(id(x))
                serial = number.number
                if serial not in x:  # the common case, inline
                    x[serial] = d
                    n += 1
                elif (held := _file(x, d)) is None:
                    n += 1
                else:
                    yield d, held
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
            if isinstance(x, _Sorted):
                yield from x.decisions
            elif isinstance(x, dict):
                for y in x.values():
                    if isinstance(y, tuple):
                        yield from y
                    else:
                        yield y
            else:
                yield x

    def freeze(self) -> None:
        """Keep each head's dict as :class:`_Sorted` tuples, for good: call when filing is
        done (a later filing under a head thaws it)."""
        by = self._by
        for head, x in by.items():  # in place: the same keys
            if isinstance(x, dict):
                by[head] = _Sorted(x)
        if self._owned:
            self._owned = set()

    def copy(self) -> ByIdentity:
        """A copy holding the same decisions (a compact dict's copy is a block copy; the
        dicts under heads are shared until the copy writes one)."""
        new = ByIdentity()
        new._by, new._n, new._owned = self._by.copy(), self._n, set()
        if self._owned is None:  # the original shares its dicts now too: it writes copies
            self._owned = set()
        return new
