"""Constants and small converters of the dataset format (private)."""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Mapping
from typing import Final, TypeAlias

from govmodel._fields import to_text, to_tuple_of
from govmodel.decisions import (
    Decision,
)
from govmodel.errors import InvalidValueError, Problem
from govmodel.model import (
    ORGANISATION_CLASSES,
    AdminUnit,
    Agency,
    AnyOrganisation,
    Committee,
    Observation,
    Source,
    Unit,
)

#: The version of the dataset format this library writes and reads.
SCHEMA_VERSION: Final = 1

#: Files larger than this (in bytes) are refused rather than parsed.
MAX_BYTES: Final = 20 * 1024 * 1024

#: The deepest nesting of JSON objects and arrays accepted; deeper text is refused before
#: it is structured. The format itself never goes deeper than a dozen levels.
MAX_DEPTH: Final = 32

Org: TypeAlias = AnyOrganisation

#: The organisation classes by their serialised ``"type"`` tag.
ORGANISATION_TYPES: Final[Mapping[str, type[Org]]] = types.MappingProxyType(
    {"Agency": Agency, "Unit": Unit, "Committee": Committee, "AdminUnit": AdminUnit}
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: What a name in ``"extends"`` may look like: a bundled dataset's name, never a path.
_DATASET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


def _made_of(value: object, classes: frozenset[type]) -> bool:
    """Whether *value* is a tuple of values of exactly *classes* (what the converter of the
    field returns as it is: a dataset's items as the loader reads them), in one pass."""
    return type(value) is tuple and set(map(type, value)) <= classes


_ORG_CLASSES = frozenset(ORGANISATION_CLASSES)
_SOURCE, _DECISION, _OBSERVATION = frozenset({Source}), frozenset({Decision}), frozenset(
    {Observation}
)


def _to_orgs(value: object) -> tuple[Org, ...]:
    if _made_of(value, _ORG_CLASSES):
        return value  # type: ignore[return-value]
    return to_tuple_of(ORGANISATION_CLASSES)(value)  # type: ignore[arg-type]


def _to_description(value: object) -> str:
    return "" if value == "" else to_text(value)  # type: ignore[arg-type]  # checked there


def _to_sources(value: object) -> tuple[Source, ...]:
    if _made_of(value, _SOURCE):
        return value  # type: ignore[return-value]
    return to_tuple_of(Source)(value)


def _to_decisions(value: object) -> tuple[Decision, ...]:
    if _made_of(value, _DECISION):
        return value  # type: ignore[return-value]
    return to_tuple_of(Decision)(value)


def _to_observations(value: object) -> tuple[Observation, ...]:
    if _made_of(value, _OBSERVATION):
        return value  # type: ignore[return-value]
    return to_tuple_of(Observation)(value)


def _check_dataset_name(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"expected a dataset name, not {_json_type(value)}")
    if not _DATASET_NAME.match(value):
        raise InvalidValueError(
            f"{value!r} is not the name of a bundled dataset (lower-case letters, digits, "
            "'-' and '_'); 'extends' names bundled datasets only, never files"
        )
    return value


def _to_extends(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(f"extends must be a list of dataset names, not {value!r}")
    names = tuple(_check_dataset_name(v) for v in value)
    if len(set(names)) != len(names):
        raise InvalidValueError(f"extends lists a dataset twice: {list(names)}")
    return names




def _json_type(value: object) -> str:
    """The JSON name of a Python value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_TOP_LEVEL: Final = (
    "schema_version", "name", "title", "description", "extends", "sources", "notes",
    "organisations", "decisions", "observations", "holders",
)
# an item: $.decisions[3]…, or a row of a table (the compact form): $.organisations.columns.id[3]
_PATH_HEAD = r"^\$\.(\w+)(?:\[(\d+)\]|\.columns\.(?:\w+|\*)\[(\d+)\])?"


def _problem_order(problem: Problem) -> tuple[int, int]:
    """Sort key: problems in file order of their section, then of their item."""
    m = re.match(_PATH_HEAD, problem.path)  # compiled once, by re's cache, when first used
    if m is None:
        return (-1, -1)
    section = _TOP_LEVEL.index(m[1]) if m[1] in _TOP_LEVEL else len(_TOP_LEVEL)
    item = m[2] if m[2] is not None else m[3]
    return (section, int(item) if item is not None else -1)
