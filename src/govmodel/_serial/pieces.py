"""Parsing a dataset's text a few items at a time (private).

``json.loads`` of a large dataset builds the whole tree of dictionaries before anything is
read from it: at 200,000 decisions the tree takes three times the memory of the file, on top
of the text itself. :func:`parse_reading` parses the top-level object with the standard
library's own scanner, one value at a time, and hands the items of the arrays it is told
about to their readers a slice at a time, so that a slice's dictionaries are read while they
are fresh in memory and dropped once read.

It gives way rather than reporting: when the text is not what ``json.loads`` would read to
an object (any fault of syntax, a repeated key, a constant it refuses, nesting too deep for
the scanner), or a reader raises, it returns None, and the caller parses the text whole with
``json.loads`` for the problem and its message. When it does read the text, its result is
exactly what ``json.loads`` gives, the arrays named read by their readers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["CHUNK", "parse_reading"]

#: the items of an array parsed, then read, at a time
CHUNK = 2048

#: reads a slice of an array's items (parsed JSON) to the values they stand for
Reader = Callable[[list[Any]], list[Any]]

_WS = re.compile(r"[ \t\n\r]*")  # JSON's white space, as the standard library's
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


def _skip(s: str, i: int) -> int:
    """The index of the first character at or after *i* that is not white space."""
    m = _WS.match(s, i)
    return m.end() if m else i


class _GiveWayError(Exception):
    """The text is not read here (the caller parses it whole)."""


def parse_reading(
    text: str,
    readers: Mapping[str, Reader],
    *,
    hooks: Mapping[str, Any],
    chunk: int = CHUNK,
) -> tuple[dict[str, Any], dict[str, list[Any]]] | None:
    """The top-level object of *text* without the arrays of the keys in *readers*, and for
    each of those keys every value its reader made of the array's items, read *chunk* at a
    time; None when *text* is not a JSON object ``json.loads(text, **hooks)`` reads, or a
    reader raises.

    A key of *readers* whose value is not an array is kept in the object, parsed as usual.
    *hooks* are the ``json.JSONDecoder`` arguments of the parse (``object_pairs_hook``,
    ``parse_constant``); a top-level object with a repeated key gives way whatever they are.
    """
    scan = json.JSONDecoder(**hooks).scan_once  # type: ignore[attr-defined]
    try:
        return _object(text, readers, scan, max(1, chunk))
    except (Exception, RecursionError):
        # a fault of the text (json.loads says which), or an item a reader refused (the
        # caller reads it whole)
        return None


def _object(
    s: str, readers: Mapping[str, Reader], scan: Callable[[str, int], tuple[Any, int]], chunk: int
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    i = _skip(s, 0)
    if s[i] != "{":
        raise _GiveWayError
    data: dict[str, Any] = {}
    read: dict[str, list[Any]] = {}
    i = _skip(s, i + 1)
    if s[i] == "}":
        i += 1
    else:
        while True:
            if s[i] != '"':
                raise _GiveWayError
            key, i = _scanstring(s, i + 1, True)
            i = _skip(s, i)
            if s[i] != ":":
                raise _GiveWayError
            i = _skip(s, i + 1)
            if key in data or key in read:
                raise _GiveWayError  # a repeated key: reported by the whole parse
            reader = readers.get(key)
            if reader is not None and s[i] == "[":
                read[key], i = _array(s, i, reader, scan, chunk)
            else:
                data[key], i = scan(s, i)
            i = _skip(s, i)
            if s[i] == ",":
                i = _skip(s, i + 1)
            elif s[i] == "}":
                i += 1
                break
            else:
                raise _GiveWayError
    if _skip(s, i) != len(s):
        raise _GiveWayError  # anything after the object
    return data, read


def _array(
    s: str, i: int, reader: Reader, scan: Callable[[str, int], tuple[Any, int]], chunk: int
) -> tuple[list[Any], int]:
    """What *reader* makes of the items of the array at ``s[i]``, and the index after it."""
    out: list[Any] = []
    items: list[Any] = []
    ws = _WS.match  # _skip, inlined: it always matches (maybe nothing)
    i = ws(s, i + 1).end()  # type: ignore[union-attr]
    if s[i] == "]":
        return out, i + 1
    while True:
        item, i = scan(s, i)
        items.append(item)
        if len(items) == chunk:
            out += reader(items)
            items = []
        i = ws(s, i).end()  # type: ignore[union-attr]
        if s[i] == ",":
            i = ws(s, i + 1).end()  # type: ignore[union-attr]
        elif s[i] == "]":
            break
        else:
            raise _GiveWayError
    if items:
        out += reader(items)
    return out, i + 1
