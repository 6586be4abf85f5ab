"""The table form of a dataset's long lists (private): columns instead of objects.

In a dataset file, ``"organisations"`` and the ``"effects"`` of any decision may be given as
a table instead of an array of objects (``docs/dataset-format.md``, "Compact form")::

    {"columns": {"type": ["AdminUnit", ...], "id": [...], "name": [...], ...}}

Row *i* is the object made of the *i*-th cell of every column; a cell is written as the
field's value is in the plain form. A column that a row's type does not have holds ``null``
in that row; a column left out gives every row its default. This module turns the tables
of a parsed file back into the plain arrays (so that everything else reads one form) and
maps the JSON paths of problems found in those arrays back to the cells of the file:
``$.organisations[5].name`` is ``$.organisations.columns.name[5]``, a problem of a whole row
``$.organisations.columns.*[5]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from govmodel._serial.constants import ORGANISATION_TYPES, _json_type
from govmodel._serial.dataset import Dataset
from govmodel.decisions import EFFECT_TYPES
from govmodel.errors import Problem

__all__ = ["dumps_tables", "is_table", "table_paths", "tabulate", "untable"]

#: The field names (and ``"type"``) of each tagged class, by tag.
_FIELDS: Final[dict[str, dict[str, frozenset[str]]]] = {}


def _fields(tags: Mapping[str, type]) -> dict[str, frozenset[str]]:
    key = ",".join(sorted(tags))
    found = _FIELDS.get(key)
    if found is None:
        found = _FIELDS[key] = {
            tag: frozenset(f.alias for f in attrs.fields(cls)) | {"type"}
            for tag, cls in tags.items()
        }
    return found


def is_table(value: object) -> bool:
    """Whether *value* (parsed JSON) is written as a table: an object, not an array."""
    return type(value) is dict


def _rows(
    table: object, tags: Mapping[str, type], path: str, problems: list[Problem]
) -> list[dict[str, Any]]:
    """The plain objects of a table; problems with its shape are added to *problems*."""
    if type(table) is not dict:  # pragma: no cover - only tables are passed
        return []
    for key in table:
        if key != "columns":
            problems.append(Problem(f"{path}.{key}", "unknown field"))
    columns = table.get("columns")
    if type(columns) is not dict:
        shown = "nothing" if "columns" not in table else _json_type(columns)
        problems.append(Problem(
            f"{path}.columns", f"a table needs \"columns\": an object of arrays, not {shown}"
        ))
        return []
    kinds = columns.get("type")
    if type(kinds) is not list:
        problems.append(Problem(
            f"{path}.columns.type",
            "required column missing" if "type" not in columns
            else f"expected an array, not {_json_type(kinds)}",
        ))
        return []
    n = len(kinds)
    keys: list[str] = []
    cells: list[list[Any]] = []
    for key, column in columns.items():
        if type(column) is not list:
            problems.append(Problem(
                f"{path}.columns.{key}", f"expected an array, not {_json_type(column)}"
            ))
        elif len(column) != n:
            problems.append(Problem(
                f"{path}.columns.{key}",
                f"has {len(column)} cells, but the table has {n} rows (the \"type\" column)",
            ))
        else:
            keys.append(key)
            cells.append(column)
    rows = [dict(zip(keys, values, strict=True)) for values in zip(*cells, strict=True)]
    # a column that a row's type does not have holds null there: not part of that object
    fields = _fields(tags)
    foreign: dict[object, list[str]] = {}
    for row in rows:
        tag = row["type"]
        if type(tag) is not str:
            tag = None
        away = foreign.get(tag)
        if away is None:
            have = fields.get(tag) if tag is not None else None
            away = foreign[tag] = [
                k for k in keys if k != "type" and (have is None or k not in have)
            ]
        for k in away:
            if row[k] is None:
                del row[k]
    return rows


@attrs.define
class Tables:
    """Where a file used tables: the JSON paths of the arrays they stand for."""

    paths: set[str] = attrs.Factory(set)

    def translate(self, problem: Problem) -> Problem:
        """*problem* with its path (and its follow-ons') pointing into the file's tables."""
        if not self.paths:
            return problem
        return Problem(
            self._path(problem.path), problem.reason,
            tuple(self.translate(f) for f in problem.follow_ons),
        )

    def _path(self, path: str) -> str:
        m = _ITEM.match(path)
        if m is None or m[1] not in self.paths:
            return path
        head, index, rest = m[1], m[2], path[m.end():]
        field = _FIELD.match(rest)
        if field is None:
            return f"{head}.columns.*[{index}]{rest}"
        return f"{head}.columns.{field[1]}[{index}]{rest[field.end():]}"


#: ``$.organisations[5]`` or ``$.decisions[3].effects[1]``: an item of an array a table may
#: stand for (the longest such head is the one matched).
_ITEM = re.compile(r"^(\$\.organisations|\$\.decisions\[\d+\]\.effects)\[(\d+)\]")
_FIELD = re.compile(r"^\.(\w+)")


def table_paths(data: dict[str, Any]) -> Tables:
    """Where *data* has tables: the paths of the arrays they stand for."""
    tables = Tables()
    if is_table(data.get("organisations")):
        tables.paths.add("$.organisations")
    decisions = data.get("decisions")
    if type(decisions) is list:
        for i, d in enumerate(decisions):
            if type(d) is dict and is_table(d.get("effects")):
                tables.paths.add(f"$.decisions[{i}].effects")
    return tables


def untable(data: dict[str, Any], problems: list[Problem]) -> tuple[dict[str, Any], Tables]:
    """*data* with every table turned into its plain array (a new object; *data* is kept).

    Problems with a table's shape (a column that is not an array, or of another length) are
    added to *problems*, on the table's own paths.
    """
    tables = Tables()
    orgs = data.get("organisations")
    decisions = data.get("decisions")
    has_effect_tables = type(decisions) is list and any(
        type(d) is dict and is_table(d.get("effects")) for d in decisions
    )
    if not is_table(orgs) and not has_effect_tables:
        return data, tables
    out = dict(data)
    if is_table(orgs):
        out["organisations"] = _rows(orgs, ORGANISATION_TYPES, "$.organisations", problems)
        tables.paths.add("$.organisations")
    if has_effect_tables:
        assert type(decisions) is list
        plain: list[Any] = []
        for i, d in enumerate(decisions):
            if type(d) is dict and is_table(d.get("effects")):
                path = f"$.decisions[{i}].effects"
                plain.append({**d, "effects": _rows(d["effects"], EFFECT_TYPES, path, problems)})
                tables.paths.add(path)
            else:
                plain.append(d)
        out["decisions"] = plain
    return out, tables


def tabulate(
    items: list[dict[str, Any]], fields: Callable[[str], Mapping[str, Any]]
) -> dict[str, Any]:
    """The table of plain objects *items* (each with a ``"type"``), for writing.

    Args:
        items: the plain objects, as the plain form writes them (defaults left out).
        fields: for a type tag, the plain (JSON) default of each of its fields that has one
            (a field without a default is always in its objects).

    Returns:
        ``{"columns": {...}}``: a column for every key any item has, ``"type"`` first; a row
        whose object leaves a column's field out holds that field's default, and ``null``
        when its type has no such field. Reading the table gives *items* back, up to the
        defaults written out.
    """
    keys = ["type", *dict.fromkeys(k for item in items for k in item if k != "type")]
    columns: dict[str, list[Any]] = {k: [] for k in keys}
    for item in items:
        defaults = fields(item["type"])
        for k in keys:
            if k in item:
                columns[k].append(item[k])
            else:
                columns[k].append(defaults.get(k))
    return {"columns": columns}


def _plain_defaults(conv: Any, cls: type) -> dict[str, Any]:
    """The JSON form of the default of each field of *cls* that has one."""
    attrs.resolve_types(cls)
    out: dict[str, Any] = {}
    for f in attrs.fields(cls):
        default = f.default
        if default is attrs.NOTHING:
            continue
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                continue
            default = default.factory()
        out[f.alias] = conv.unstructure(default, unstructure_as=f.type)
    return out


def dumps_tables(dataset: Dataset) -> str:
    """The JSON text of *dataset* with its organisations and every decision's effects as
    tables (the compact form; :func:`govmodel.serialize.loads` reads it to an equal
    dataset). One line per column.
    """
    from govmodel._serial.codec import _converter  # noqa: PLC0415 - cattrs on first use

    conv = _converter()
    data = conv.unstructure(dataset, unstructure_as=Dataset)
    classes = {**ORGANISATION_TYPES, **EFFECT_TYPES}
    defaults = {tag: _plain_defaults(conv, cls) for tag, cls in classes.items()}
    if data.get("organisations"):
        data["organisations"] = tabulate(data["organisations"], defaults.__getitem__)
    for d in data.get("decisions", []):
        if d.get("effects"):
            d["effects"] = tabulate(d["effects"], defaults.__getitem__)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
