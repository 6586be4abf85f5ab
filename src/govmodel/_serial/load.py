"""Reading a dataset text or file: every problem at once, each with its JSON path
(private; public through :mod:`govmodel.serialize`)."""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from govmodel._engine.build import FREEZE_AT, VERIFIED, gc_paused
from govmodel._fields import to_text, to_texts
from govmodel._serial.constants import _TOP_LEVEL, MAX_BYTES, Org, _problem_order
from govmodel._serial.dataset import (
    VERIFIED_WHOLE,
    Dataset,
    _collect_parts,
    _combine_parts,
    _established_ids,
    _merge_own,
    _Merged,
    remember_timeline,
)
from govmodel._serial.extends import _earlier_state_problems, _read_extends, _resolve_extends
from govmodel._serial.fast import FastReader, Slow
from govmodel._serial.paths import _broken_ids, _check_version, _engine_problems, _structure_list
from govmodel._serial.pieces import parse_reading
from govmodel._serial.safejson import json_hooks, json_text, parse_text, refuse_deep
from govmodel.decisions import (
    Decision,
)
from govmodel.errors import DatasetError, GovModelError, Problem
from govmodel.model import AnyOrganisation, Observation, Source
from govmodel.persons import HolderObservation
from govmodel.timeline import Timeline


def loads(text: str | bytes, *, file: str | None = None, max_bytes: int = MAX_BYTES) -> Dataset:
    """Read a dataset from JSON text, reporting every problem of the text at once.

    Args:
        text: the JSON text (``bytes`` are decoded as UTF-8).
        file: the file name to show in error messages.
        max_bytes: the largest text read (UTF-8 bytes; default
            ``govmodel.serialize.MAX_BYTES``, 20 MiB); a larger one is a problem at ``$``.
            Raise it for a large trusted file: the text and the objects made from it are
            held in memory at once (at the peak, about 3 bytes of memory per byte of a
            large file; the items are parsed and read a slice at a time).

    Returns:
        The dataset, checked: every decision applies to the timeline without error, together
        with those of the bundled datasets it extends (``"extends"``); the dataset holds its
        own items and the names it extends (see :meth:`Dataset.flattened`).

    Raises:
        DatasetError: when the text has any problem; ``.problems`` lists each with its JSON
            path and reason. A missing ``schema_version`` is a problem; a newer one stops
            loading at once (the rest of the file cannot be read safely). A name in
            ``"extends"`` that is not a bundled dataset, a cycle of datasets extending each
            other, and an item repeating one of an extended dataset are problems too.

    >>> loads('{"schema_version": 1, "name": "demo", "title": "Demo"}').name
    'demo'
    >>> loads('{"name": "demo", "title": "Demo", "colour": "red"}')
    Traceback (most recent call last):
    ...
    govmodel.errors.DatasetError: 2 problems in dataset
      $.schema_version: required field missing
      $.colour: unknown field

    Added in 0.1.
    """
    return _paused(_Text.of(text, file, max_bytes, checked=False))


def loads_verified(raw: bytes, file: str) -> Dataset:
    """Read a bundled file's verified bytes (see :mod:`govmodel._serial.bundled`): as
    :func:`loads` reads them, to the same dataset and timeline, without the checks that
    only read what they check (these very bytes passed them)."""
    return _paused(_Text.of(raw, file, MAX_BYTES, checked=True))


def _paused(source: _Text) -> Dataset:
    loaded: list[Dataset] = []
    # a large file makes many objects and no garbage cycles; a large dataset stays frozen as
    # a large build does (the build inside sees the collector off and leaves it to this one)
    with gc_paused(lambda: bool(loaded) and len(loaded[0].decisions) >= FREEZE_AT):
        loaded.append(_loads(source))
    return loaded[0]


class _Text:
    """A dataset's JSON text, and its whole tree once asked for.

    Once every item is read as it was parsed (:meth:`read`, then the checks the fast
    reader deferred), the text is let go (:meth:`let_go`): it is the largest object of a
    large load, and nothing after needs it. A report of problems found then (by the
    engine, or about ``extends``) takes its paths from the top-level object and from the
    places of the effect tables noted while reading.
    """

    __slots__ = ("_text", "_tree", "checked", "effect_tables", "file")

    def __init__(self, text: str, file: str | None, checked: bool) -> None:
        self._text: str | None = text
        self.file, self.checked = file, checked
        self._tree: dict[str, Any] | None = None
        self.effect_tables: list[int] = []  # the decisions read whose effects are a table

    @classmethod
    def of(cls, text: str | bytes, file: str | None, max_bytes: int, *, checked: bool) -> _Text:
        """The text of *text* (bytes decoded); a :class:`DatasetError` at ``$`` when it is
        too large or not UTF-8."""
        return cls(json_text(text, file, max_bytes), file, checked)

    def tree(self) -> dict[str, Any]:
        """The whole parsed text, parsed once (a :class:`DatasetError` at ``$`` when it
        is not a JSON object); only before the items are read as parsed."""
        if self._tree is None:
            assert self._text is not None, "the text was let go once read"
            self._tree = parse_text(self._text, self.file, checked=self.checked)
        return self._tree

    def read(self, fast: FastReader) -> tuple[dict[str, Any], dict[str, list[Any]]] | None:
        """The top-level object without its arrays of items, and those items as *fast* read
        them, parsed and read a slice at a time; None when the text or an item is not read
        so (:func:`govmodel._serial.pieces.parse_reading`)."""
        assert self._text is not None, "the text was let go once read"
        readers = {key: _reading(fast, t, self.effect_tables if key == "decisions" else None)
                   for key, t in _SECTIONS}
        return parse_reading(self._text, readers, hooks=json_hooks(self.checked))

    @property
    def parsed(self) -> bool:
        """Whether the whole tree was made."""
        return self._tree is not None

    def let_go(self) -> None:
        """Let the text go, unless its tree was made (then the converter read the items,
        and a report may need the tree)."""
        if self._tree is None:
            self._text = None


def _reading(
    fast: FastReader, t: Any, tables: list[int] | None
) -> Callable[[list[Any]], list[Any]]:
    """What reads a slice of a section's items (*tables*: where the places of the items
    whose effects are a table go)."""
    seen = 0

    def read(items: list[Any]) -> list[Any]:
        nonlocal seen
        got = fast.read_many(items, t)
        fast.settle()  # the slice's texts and ids checked while at hand
        if tables is not None:  # every item is an object: it was read
            # a table is an object where the plain form has an array (table.is_table)
            tables.extend(seen + i for i, d in enumerate(items) if type(d.get("effects")) is dict)
        seen += len(items)
        return got

    return read


def _loads(source: _Text) -> Dataset:
    # the nesting is checked (refuse_deep) only before anything is reported or read by the
    # converter: what the fast reader reads has the format's own, shallow, shape
    file, checked = source.file, source.checked
    fast = FastReader(checked=checked)
    got = source.read(fast)
    read: dict[str, list[Any]] = {}
    if got is None:  # the whole text parsed, for its problem, or read whole
        data, fast = source.tree(), FastReader(checked=checked)
    else:
        data, read = got
    try:
        problems = _check_version(data, file)
    except DatasetError:
        refuse_deep(data, file)  # the tree, or its top if the items were read: shallow
        raise
    problems += [Problem(f"$.{k}", "unknown field") for k in data if k not in _TOP_LEVEL]
    # as written (the compact form has tables where the plain one has arrays); None while
    # the arrays of items were read as parsed, never held whole
    written = None if read else data
    data, header, orgs, decisions, observations, holders = _read_items(
        data, read, source, fast, problems
    )
    del fast  # what it kept to share equal values: not held while the timeline is built
    source.let_go()  # every item read: the text is not needed again
    names = _read_extends(data, problems)

    unique_orgs = _unique_orgs(orgs, problems)

    bases = _resolve_extends(names, problems) if names else []
    parts = _collect_parts(bases)
    base = _combine_parts(parts, problems)
    merged = _merge_own(base, unique_orgs, decisions, observations, problems)

    # Without every extended dataset, faults about their organisations would be consequences
    # of the "extends" problems already reported: the checks of the whole wait for those.
    raw_extends = data.get("extends", [])
    complete = isinstance(raw_extends, list) and len(bases) == len(raw_extends)
    # ids introduced by items that did not load (each of which is a problem)
    broken = (
        _broken_ids(data, {i for i, _ in orgs}, {i for i, _ in decisions}) if problems else set()
    )
    # verified bytes skip the checks of the whole only when every extended dataset was read
    # so too: an edited file read with every check may still clash with this one's items
    whole = checked and all(b in VERIFIED_WHOLE for _, _, b in bases)
    timeline: Timeline | None = None
    if complete:
        # A dataset without other problems is checked by building its timeline, which the
        # dataset then keeps (built once); only a failing build is replayed in validation
        # mode, to report every problem with its JSON path.
        if not problems:
            theirs = (h for p in parts for h in p.dataset.holders)
            timeline = _strict_timeline(
                merged, (*theirs, *(h for _, h in holders)), checked=whole
            )
        engine = [] if timeline is not None else _engine_problems(
            merged.located_decisions(), merged.located_orgs(), broken
        )
        problems += engine
        if not engine:
            problems += _earlier_state_problems(merged, timeline)

        # every organisation the mentions may name (gathered only when there are any)
        known = _established_ids(merged.orgs, merged.decisions) | broken if (
            holders or observations
        ) else broken
        for i, h in holders:
            if h.post.org_id not in known:
                problems.append(Problem(
                    f"$.holders[{i}].post.org_id",
                    f"unknown organisation {h.post.org_id!r}: no first state or decision "
                    "introduces it",
                ))
        for i, obs in observations:
            if obs.org_id not in known:
                problems.append(Problem(
                    f"$.observations[{i}].org_id",
                    f"unknown organisation {obs.org_id!r}: no first state or decision "
                    "introduces it",
                ))

    if problems:
        from govmodel._serial.table import table_paths  # noqa: PLC0415 - only for a report

        if written is None and source.parsed:  # the converter read the whole tree
            written = source.tree()
        if written is None:  # read as parsed, every item (shallow): the tables noted then
            refuse_deep(data, file)
            tables = table_paths(data)
            tables.paths.update(f"$.decisions[{i}].effects" for i in source.effect_tables)
        else:
            refuse_deep(written, file)
            tables = table_paths(written)  # where the file has tables instead of arrays
        problems = [tables.translate(p) for p in problems]  # paths into the file's tables
        problems.sort(key=_problem_order)  # stable: within an item, the order found
        raise DatasetError(problems, file=file)
    dataset = Dataset(
        schema_version=data["schema_version"],
        extends=tuple(name for _, name in names),
        organisations=tuple(map(_ITEM, unique_orgs)),
        decisions=tuple(map(_ITEM, decisions)),
        observations=tuple(map(_ITEM, observations)),
        holders=tuple(map(_ITEM, holders)),
        **header,
    )
    if timeline is not None:
        remember_timeline(dataset, timeline)
    if whole:
        VERIFIED_WHOLE.add(dataset)
    return dataset


_Items = list[tuple[int, Any]]
_ITEM = itemgetter(1)  # the item of an (index, item) pair


def _unique_orgs(orgs: list[tuple[int, Org]], problems: list[Problem]) -> list[tuple[int, Org]]:
    """*orgs* without those whose id an earlier one has (each of them a problem)."""
    if len(set(map(attrgetter("id"), map(_ITEM, orgs)))) == len(orgs):
        return orgs  # every id once: the usual case, seen in one pass
    seen: dict[str, int] = {}
    unique: list[tuple[int, Org]] = []
    for i, o in orgs:
        if o.id in seen:
            problems.append(Problem(
                f"$.organisations[{i}].id",
                f"organisation {o.id!r} is already given at $.organisations[{seen[o.id]}]",
            ))
        else:
            seen[o.id] = i
            unique.append((i, o))
    return unique

_HEADER: tuple[tuple[str, Any], ...] = (
    ("name", str), ("title", str), ("description", str),
    ("sources", tuple[Source, ...]), ("notes", tuple[str, ...]),
)
_SECTIONS: tuple[tuple[str, Any], ...] = (
    ("organisations", AnyOrganisation), ("decisions", Decision),
    ("observations", Observation), ("holders", HolderObservation),
)


def _read_items(
    data: dict[str, Any],
    read: dict[str, list[Any]],
    source: _Text,
    fast: FastReader,
    problems: list[Problem],
) -> tuple[dict[str, Any], dict[str, Any], _Items, _Items, _Items, _Items]:
    """*data* (the whole tree, its tables as plain arrays, when read by the converter), and
    the header fields, organisations, decisions, observations and holders of *data* that can
    be read; *read* holds the sections *fast* read as the text was parsed.

    Read first by the :class:`FastReader` *fast*, every section whole, tables straight from
    their columns. When it does not read one of them, or the texts and ids it left to check
    at the end are not all valid as written, the tables are turned into plain arrays and
    everything is read again by the converter (which reports each problem on its item).
    """
    file = source.file
    try:
        header = {key: fast.read_many([data[key]], t)[0] for key, t in _HEADER if key in data}
        sections = [
            list(enumerate(read[key])) if key in read else _fast_section(fast, data, key, t)
            for key, t in _SECTIONS
        ]
        if fast.verified():
            missing = [Problem(f"$.{k}", "required field missing") for k in ("name", "title")
                       if k not in header]
            for key in ("name", "title"):
                if key in header:
                    header[key] = to_text(header[key])
            if "notes" in header:
                header["notes"] = to_texts(header["notes"])
            problems += missing
            orgs, decisions, observations, holders = sections
            return data, header, orgs, decisions, observations, holders
    except (Slow, GovModelError):
        pass
    from govmodel._serial.table import untable  # noqa: PLC0415 - only for the converter

    data = source.tree()
    refuse_deep(data, file)
    data, _ = untable(data, problems)  # the compact form's tables, as plain arrays
    header = _slow_header(data, problems)
    orgs, decisions, observations, holders = (
        _structure_list(data, key, t, problems) for key, t in _SECTIONS
    )
    return data, header, orgs, decisions, observations, holders


def _fast_section(fast: FastReader, data: dict[str, Any], key: str, t: Any) -> _Items:
    raw = data.get(key, [])
    if type(raw) is dict and key == "organisations":
        return list(enumerate(fast.read_table(raw, t)))
    if type(raw) is not list:
        raise Slow
    return list(enumerate(fast.read_many(raw, t)))


def _slow_header(data: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """The header fields of *data*, read by the converter; problems on their paths."""
    from govmodel._serial.codec import _converter, _problems  # noqa: PLC0415 - cattrs on first use

    conv = _converter()
    header: dict[str, Any] = {}
    for key, t in _HEADER:
        if key not in data:
            if key in ("name", "title"):
                problems.append(Problem(f"$.{key}", "required field missing"))
            continue
        try:
            header[key] = conv.structure(data[key], t)
            if key in ("name", "title"):
                header[key] = to_text(header[key])
            elif key == "notes":
                header[key] = to_texts(header[key])
        except Exception as exc:
            problems += _problems(exc, f"$.{key}")
    return header


def _strict_timeline(
    merged: _Merged, holders: tuple[HolderObservation, ...], *, checked: bool = False
) -> Timeline | None:
    """The timeline of the merged items, or None when the engine refuses them."""
    token = VERIFIED.set(checked)
    try:
        return Timeline.from_decisions(
            list(merged.decisions),  # the engine's own lists: it may keep them
            initial=list(merged.orgs),
            observations=(*merged.observations, *dict.fromkeys(holders)),
        )
    except GovModelError:
        return None
    finally:
        VERIFIED.reset(token)


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Dataset:
    """Read a dataset file (see :func:`loads`).

    Args:
        path: the JSON file; a name ending in ``.gz`` is read as gzip-compressed JSON (the
            compact form of the large bundled datasets).
        max_bytes: the largest file read, once decompressed (see :func:`loads`).

    Returns:
        The dataset, checked.

    Raises:
        DatasetError: when the file has any problem, or is (once decompressed) larger than
            *max_bytes* (default ``govmodel.serialize.MAX_BYTES``, 20 MiB).
        OSError: when the file cannot be read.

    Added in 0.1.
    """
    name = os.fspath(path)
    with open(name, "rb") as f:
        raw = f.read(max_bytes + 1)
    # the bytes are not held while the text is read (a large file's are its size again)
    source = _Text(json_text(read_bytes(raw, name, max_bytes), name, max_bytes), name, False)
    del raw
    return _paused(source)


def read_bytes(raw: bytes, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The JSON bytes of a file's content: decompressed when *name* ends in ``.gz``, and
    never more than *max_bytes* (a larger text is a problem, not parsed)."""
    if name.endswith(".gz"):
        one = _gunzip_one(raw, max_bytes)
        if one is not None:
            raw = one
        else:  # anything else (and every fault) read as before, for its message
            try:
                import gzip  # noqa: PLC0415 - only when the one-call read failed

                with gzip.GzipFile(fileobj=io.BytesIO(raw)) as z:
                    raw = z.read(max_bytes + 1)
            except (OSError, EOFError, zlib.error) as exc:  # zlib: a damaged body
                problem = Problem("$", f"not a gzip file: {exc}")
                raise DatasetError([problem], file=name) from None
    if len(raw) > max_bytes:
        raise DatasetError([Problem("$", f"file larger than {max_bytes} bytes")], file=name)
    return raw


def _gunzip_one(raw: bytes, max_bytes: int) -> bytes | None:
    """The content of *raw* when it is exactly one whole gzip member (header, trailer's
    CRC-32 and length checked by zlib) of at most *max_bytes*, decompressed in one call;
    None for anything else (more members, padding, a fault, a larger content)."""
    z = zlib.decompressobj(wbits=31)  # 16 + 15: a gzip wrapper, the largest window
    try:
        out = z.decompress(raw, max_bytes + 1)
    except zlib.error:
        return None
    if not z.eof or z.unused_data or z.unconsumed_tail or len(out) > max_bytes:
        return None
    return out

