"""Serialisation: one ``cattrs`` converter for every public class, and dataset files.

A dataset file is JSON (UTF-8) holding the first states of organisations, decisions with
their sources, and dated observations, under a ``schema_version``. The format is documented
in ``docs/dataset-format.md``. In short:

* dates are ISO 8601 text (``"2021-10-13"``); an unknown date is ``null``;
* a document number is its text (``"2041/QĐ-UBND"``), a decision reference an object
  ``{"issuer", "number", "year"}``;
* enums are their values (``"department"``, ``"head"``);
* organisations and effects are tagged unions: an object with a ``"type"`` field naming the
  class (``"Agency"``, ``"Unit"``, ``"Committee"``; ``"Rename"``, ``"SetComposition"``…);
* fields equal to their defaults are left out when writing; unknown fields are refused when
  reading.

Loading never stops at the first fault. :func:`loads` reports **every** problem of a file
at once, each with its JSON path, as one :class:`~govmodel.errors.DatasetError`::

    $.decisions[3].effects[1].org_id: unknown organisation 'lang-son/so-ttt' on 2021-12-10

Structural faults (a missing field, a wrong type, an unknown effect type), faults of values
(an invalid id, dates that contradict each other) and faults of the timeline (an effect on an
organisation not alive on its date, a supersession of an unknown decision) are all reported
together.

>>> from govmodel.model import Source
>>> conv = make_converter()
>>> conv.unstructure(Source("seeds/001.txt", quote="Ngày 13/10/2021…"))
{'document': 'seeds/001.txt', 'quote': 'Ngày 13/10/2021…'}
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeAlias

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from govmodel._fields import to_text, to_texts, to_tuple_of
from govmodel.decisions import EFFECT_TYPES, Decision, Effect, Establish, Merge, Split
from govmodel.errors import DatasetError, DecisionError, GovModelError, InvalidValueError, Problem
from govmodel.model import Agency, Committee, Observation, Organisation, Source, Unit
from govmodel.vn.docnum import DocumentNumber

if typing.TYPE_CHECKING:
    from govmodel.timeline import Timeline

__all__ = [
    "MAX_BYTES",
    "ORGANISATION_TYPES",
    "SCHEMA_VERSION",
    "Dataset",
    "dump",
    "dumps",
    "load",
    "loads",
    "make_converter",
]

#: The version of the dataset format this library writes and reads.
SCHEMA_VERSION: Final = 1

#: Files larger than this (in bytes) are refused rather than parsed.
MAX_BYTES: Final = 20 * 1024 * 1024

Org: TypeAlias = Agency | Unit | Committee

#: The organisation classes by their serialised ``"type"`` tag.
ORGANISATION_TYPES: Final[Mapping[str, type[Org]]] = types.MappingProxyType(
    {"Agency": Agency, "Unit": Unit, "Committee": Committee}
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _to_orgs(value: object) -> tuple[Org, ...]:
    return to_tuple_of((Agency, Unit, Committee))(value)  # type: ignore[arg-type]


def _to_description(value: object) -> str:
    return "" if value == "" else to_text(value)


def _to_sources(value: object) -> tuple[Source, ...]:
    return to_tuple_of(Source)(value)


def _to_decisions(value: object) -> tuple[Decision, ...]:
    return to_tuple_of(Decision)(value)


def _to_observations(value: object) -> tuple[Observation, ...]:
    return to_tuple_of(Observation)(value)


@attrs.frozen(slots=True, kw_only=True)
class Dataset:
    """A dataset: organisations' first states, decisions and observations, with provenance.

    Attributes:
        schema_version: the format version the dataset was written in.
        name: the dataset's short name (``lang-son-2021``).
        title: a one-line human title.
        description: what the dataset covers and where it comes from.
        sources: the documents the dataset draws on (each decision and observation cites its
            own; these describe them once).
        notes: the data author's decisions and assumptions, one sentence each: what the
            sources leave unknown and how the data treats it.
        organisations: the first states of organisations alive before the first decision.
        decisions: the decisions, in any order.
        observations: dated mentions of organisations in texts.

    Added in 0.1.
    """

    schema_version: int = attrs.field(default=SCHEMA_VERSION)
    name: str = attrs.field(converter=to_text)
    title: str = attrs.field(converter=to_text)
    description: str = attrs.field(default="", converter=_to_description)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)
    notes: tuple[str, ...] = attrs.field(default=(), converter=to_texts)
    organisations: tuple[Agency | Unit | Committee, ...] = attrs.field(
        default=(), converter=_to_orgs
    )
    decisions: tuple[Decision, ...] = attrs.field(default=(), converter=_to_decisions)
    observations: tuple[Observation, ...] = attrs.field(default=(), converter=_to_observations)

    @schema_version.validator
    def _check_version(self, _attr: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or not 1 <= value <= SCHEMA_VERSION:
            raise InvalidValueError(
                f"schema_version must be an integer from 1 to {SCHEMA_VERSION}, not {value!r}"
            )

    def timeline(self) -> Timeline:
        """Build the timeline of this dataset.

        Returns:
            ``Timeline.from_decisions(decisions, initial=organisations,
            observations=observations)``.

        Raises:
            DecisionError: when a decision cannot be applied (a dataset returned by
                :func:`load` has already been checked, so this does not happen for one).
        """
        from govmodel.timeline import Timeline  # noqa: PLC0415  (the engine sits above)

        return Timeline.from_decisions(
            self.decisions, initial=self.organisations, observations=self.observations
        )


# --------------------------------------------------------------------------- the converter


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


def _noted(exc: Exception, note: object) -> Exception:
    """Attach a cattrs path note to *exc* and return it."""
    notes = list(getattr(exc, "__notes__", []))
    notes.append(note)
    # PEP 678 notes (native from Python 3.11; cattrs reads them on 3.10 too)
    exc.__notes__ = notes  # type: ignore[attr-defined]
    return exc


def _field_error(cls: type, name: str, exc: Exception) -> ClassValidationError:
    """A cattrs class error saying that field *name* of *cls* failed with *exc*."""
    note = AttributeValidationNote(
        f"Structuring class {cls.__name__} @ attribute {name}", name, cls
    )
    return ClassValidationError(f"While structuring {cls.__name__}", [_noted(exc, note)], cls)


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _structure_enum(value: object, t: type[enum.Enum]) -> enum.Enum:
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in t)
        raise InvalidValueError(
            f"{value!r} is not a {t.__name__}; expected one of {allowed}"
        ) from None


def _structure_str(value: object, t: Any) -> Any:
    # Registered for ``str``; str-based enums reach it through the class hierarchy.
    if _is_enum(t):
        return _structure_enum(value, t)
    if not isinstance(value, str):
        raise InvalidValueError(f"expected a string, not {_json_type(value)}")
    return value


def _structure_int(value: object, t: Any) -> Any:
    if t is bool:
        if not isinstance(value, bool):
            raise InvalidValueError(f"expected true or false, not {_json_type(value)}")
        return value
    if _is_enum(t):
        return _structure_enum(value, t)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(f"expected an integer, not {_json_type(value)}")
    return value


def _structure_date(value: object, _t: Any) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        shown = repr(value) if isinstance(value, str) else _json_type(value)
        raise InvalidValueError(f"expected an ISO 8601 date (YYYY-MM-DD), not {shown}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(f"no such day: {value!r}") from None


def _structure_docnum(value: object, _t: Any) -> DocumentNumber:
    if not isinstance(value, str):
        raise InvalidValueError(f"expected a document number as a string, not {_json_type(value)}")
    return DocumentNumber.parse(value)


def _union_args(t: Any) -> tuple[Any, ...]:
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        return typing.get_args(t)
    return ()


_ORG_SET = frozenset(ORGANISATION_TYPES.values())


def _is_org_union(t: Any) -> bool:
    args = _union_args(t)
    return bool(args) and frozenset(a for a in args if a is not type(None)) == _ORG_SET


def _is_optional(t: Any) -> bool:
    args = _union_args(t)
    return len(args) == 2 and type(None) in args and not _is_org_union(t)


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def make_converter() -> cattrs.Converter:
    """Make the converter for every public govmodel class.

    The converter structures with detailed validation (errors carry the path of each failing
    field), refuses unknown keys, leaves out fields equal to their defaults when
    unstructuring, and is strict about JSON types: a number is not accepted where text is
    expected, nor text where a list is.

    Returns:
        A new :class:`cattrs.Converter`; it has no state shared with other converters.

    >>> from govmodel.decisions import Rename
    >>> conv = make_converter()
    >>> conv.unstructure(Rename(org_id="a/b", name="Phòng Hạ tầng số"), unstructure_as=Effect)
    {'type': 'Rename', 'org_id': 'a/b', 'name': 'Phòng Hạ tầng số'}
    >>> conv.structure({"type": "Dissolve", "org_id": "a/b"}, Effect)
    Dissolve(effective_on=None, org_id='a/b')

    Added in 0.1.
    """
    conv = cattrs.Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        detailed_validation=True,
        unstruct_collection_overrides={tuple: list},
    )

    # -- scalars ------------------------------------------------------------------------
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_int)
    conv.register_structure_hook(float, _structure_int)  # no float fields: refuse them
    conv.register_structure_hook_func(_is_enum, _structure_enum)
    conv.register_structure_hook_func(lambda t: t is dt.date, _structure_date)
    conv.register_unstructure_hook_func(lambda t: t is dt.date, lambda d: d.isoformat())

    # -- tuples: a JSON array, nothing else (a string is not a list of characters) -----
    def tuple_factory(t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        elem = typing.get_args(t)[0]

        def structure_tuple(value: object, _t: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise InvalidValueError(f"expected an array, not {_json_type(value)}")
            handler = conv.get_structure_hook(elem)
            out: list[Any] = []
            errors: list[Exception] = []
            for i, item in enumerate(value):
                try:
                    out.append(handler(item, elem))
                except Exception as exc:
                    note = IterableValidationNote(f"Structuring {t!r} @ index {i}", i, elem)
                    errors.append(_noted(exc, note))
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return structure_tuple

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    # -- optional values -----------------------------------------------------------------
    def optional_factory(t: Any) -> Callable[[Any, Any], Any]:
        inner = next(a for a in _union_args(t) if a is not type(None))

        def structure_optional(value: object, _t: Any) -> Any:
            return None if value is None else conv.structure(value, inner)

        return structure_optional

    conv.register_structure_hook_factory(_is_optional, optional_factory)

    # -- attrs value classes: strict objects, value errors located on their field --------
    def attrs_factory(cls: Any) -> Callable[[Any, Any], Any]:
        base = make_dict_structure_fn(cls, conv)

        def structure_value(value: object, _t: Any) -> Any:
            if not isinstance(value, dict):
                raise InvalidValueError(f"expected an object, not {_json_type(value)}")
            try:
                return base(value, cls)
            except ClassValidationError as exc:
                # Some fields failed to structure; the others may still break their rules.
                failed = {note.name for _, note in exc.group_exceptions()[0]}
                more = _field_errors(conv, cls, value, skip=failed)
                if not more:
                    raise
                raise ClassValidationError(exc.message, [*exc.exceptions, *more], cls) from None
            except GovModelError as exc:
                raise _locate(conv, cls, value, exc) from None

        return structure_value

    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and attrs.has(t) and t not in (Effect, DocumentNumber),
        attrs_factory,
    )

    # -- document numbers as their text ----------------------------------------------------
    conv.register_structure_hook_func(lambda t: t is DocumentNumber, _structure_docnum)
    conv.register_unstructure_hook_func(lambda t: t is DocumentNumber, str)

    # -- organisations: a union tagged by "type" ---------------------------------------
    def structure_org(value: object, t: Any) -> Org | None:
        if value is None and type(None) in _union_args(t):
            return None
        org = _structure_tagged(conv, value, ORGANISATION_TYPES, Organisation, "organisation")
        return typing.cast(Org, org)

    def unstructure_org(value: Org | None) -> dict[str, Any] | None:
        if value is None:
            return None
        fields = conv.unstructure(value, unstructure_as=type(value))
        return {"type": type(value).__name__, **fields}

    conv.register_structure_hook_func(_is_org_union, structure_org)
    conv.register_unstructure_hook_func(_is_org_union, unstructure_org)

    # -- effects: a union tagged by "type" --------------------------------------------
    conv.register_structure_hook_func(
        lambda t: t is Effect,
        lambda value, _t: _structure_tagged(conv, value, EFFECT_TYPES, Effect, "effect"),
    )
    conv.register_unstructure_hook_func(
        lambda t: t is Effect,
        lambda e: {"type": type(e).__name__, **conv.unstructure(e, unstructure_as=type(e))},
    )

    # -- decisions: computed defaults left out only when they equal their computed value ---
    keep = override(omit_if_default=False)
    decision_base = make_dict_unstructure_fn(
        Decision, conv, _cattrs_omit_if_default=True,
        signed_on=keep, effective_on=keep, known_on=keep, year=keep, doc_type=keep,
    )

    def unstructure_decision(d: Decision) -> dict[str, Any]:
        out = decision_base(d)
        if d.signed_on is not None and d.effective_on == d.signed_on:
            del out["effective_on"]
        if d.known_on == (d.signed_on if d.signed_on is not None else d.effective_on):
            del out["known_on"]
        year = d.number.year if d.number.year is not None else (d.signed_on or d.effective_on).year
        if d.year == year:
            del out["year"]
        if d.number.doc_type is not None and d.doc_type == d.number.doc_type:
            del out["doc_type"]
        return out

    conv.register_unstructure_hook(Decision, unstructure_decision)

    # -- datasets: the version is always written ------------------------------------------
    conv.register_unstructure_hook(
        Dataset,
        make_dict_unstructure_fn(Dataset, conv, _cattrs_omit_if_default=True, schema_version=keep),
    )
    return conv


def _structure_tagged(
    conv: cattrs.Converter, value: object, tags: Mapping[str, type], base: type, what: str
) -> Any:
    """Structure an object whose ``"type"`` field names its class among *tags*."""
    if not isinstance(value, dict):
        raise InvalidValueError(f"expected an object, not {_json_type(value)}")
    if "type" not in value:
        raise _field_error(base, "type", KeyError("type"))
    tag = value["type"]
    cls = tags.get(tag) if isinstance(tag, str) else None
    if cls is None:
        allowed = ", ".join(repr(t) for t in sorted(tags))
        raise _field_error(
            base, "type",
            InvalidValueError(f"unknown {what} type {tag!r}; expected one of {allowed}"),
        )
    return conv.structure({k: v for k, v in value.items() if k != "type"}, cls)


def _field_errors(
    conv: cattrs.Converter, cls: type, value: Mapping[str, Any], skip: Iterable[str] = ()
) -> list[Exception]:
    """The fields of *cls* whose own converter or validator refuses their value in *value*.

    Each field (but those in *skip*) is structured again and passed through its converter
    and validator; every failure comes back as a cattrs class error on that field.
    """
    skipped = set(skip)
    errors: list[Exception] = []
    for field in attrs.fields(cls):
        if field.name not in value or field.name in skipped:
            continue
        try:
            item = conv.structure(value[field.name], field.type)
        except Exception:
            continue
        try:
            converter = field.converter
            if converter is not None:
                item = getattr(converter, "converter", converter)(item)
            if field.validator is not None:
                field.validator(None, field, item)
        except GovModelError as field_exc:
            note = AttributeValidationNote(
                f"Structuring class {cls.__name__} @ attribute {field.name}", field.name, cls
            )
            errors.append(_noted(field_exc, note))
    return errors


def _locate(
    conv: cattrs.Converter, cls: type, value: Mapping[str, Any], exc: GovModelError
) -> BaseException:
    """Report a constructor's error on the field(s) that caused it.

    An error no single field explains (two dates that contradict each other) stays on the
    object.
    """
    errors = _field_errors(conv, cls, value)
    if not errors:
        return exc
    return ClassValidationError(f"While structuring {cls.__name__}", errors, cls)


def _problems(exc: BaseException, path: str) -> list[Problem]:
    """Flatten a (cattrs) exception tree into problems with JSON paths."""
    out: list[Problem] = []
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, inote in with_notes:
            out += _problems(sub, f"{path}[{inote.index!r}]")
        for sub in without:
            out += _problems(sub, path)
    elif isinstance(exc, ClassValidationError):
        cwith, cwithout = exc.group_exceptions()
        for sub, anote in cwith:
            out += _problems(sub, f"{path}.{anote.name}")
        for sub in cwithout:
            out += _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        out += [Problem(f"{path}.{k}", "unknown field") for k in sorted(exc.extra_fields)]
    elif isinstance(exc, GovModelError):
        out.append(Problem(path, exc.message))
    elif isinstance(exc, KeyError):
        out.append(Problem(path, "required field missing"))
    else:
        out.append(Problem(path, f"invalid value ({type(exc).__name__}: {exc})"))
    return out


_CONVERTER: cattrs.Converter | None = None


def _converter() -> cattrs.Converter:
    global _CONVERTER  # noqa: PLW0603  (built once, on first use)
    if _CONVERTER is None:
        _CONVERTER = make_converter()
    return _CONVERTER


# --------------------------------------------------------------------------- dump


def dumps(dataset: Dataset) -> str:
    """The JSON text of *dataset* (UTF-8, Vietnamese kept as is, two-space indent).

    Args:
        dataset: the dataset to write.

    Returns:
        The text, ending with a newline; :func:`loads` reads it back to an equal dataset.

    Raises:
        InvalidValueError: when *dataset* is not a :class:`Dataset`.

    Added in 0.1.
    """
    if not isinstance(dataset, Dataset):
        raise InvalidValueError(f"expected a Dataset, not {type(dataset).__name__}")
    data = _converter().unstructure(dataset, unstructure_as=Dataset)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write *dataset* to the file *path* as JSON (see :func:`dumps`).

    Args:
        dataset: the dataset to write.
        path: the file to write; it is replaced if it exists.

    Raises:
        InvalidValueError: when *dataset* is not a :class:`Dataset`.
        OSError: when the file cannot be written.

    Added in 0.1.
    """
    text = dumps(dataset)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------------- load

_TOP_LEVEL: Final = (
    "schema_version", "name", "title", "description", "sources", "notes",
    "organisations", "decisions", "observations",
)
_PATH_HEAD = re.compile(r"^\$\.(\w+)(?:\[(\d+)\])?")


def _problem_order(problem: Problem) -> tuple[int, int]:
    """Sort key: problems in file order of their section, then of their item."""
    m = _PATH_HEAD.match(problem.path)
    if m is None:
        return (-1, -1)
    section = _TOP_LEVEL.index(m[1]) if m[1] in _TOP_LEVEL else len(_TOP_LEVEL)
    return (section, int(m[2]) if m[2] is not None else -1)


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r} in an object")
        out[key] = value
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse(text: str | bytes, file: str | None) -> dict[str, Any]:
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise DatasetError([Problem("$", f"file larger than {MAX_BYTES} bytes")], file=file)
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problem = Problem("$", f"not UTF-8 text ({exc.reason})")
            raise DatasetError([problem], file=file) from None
    if not isinstance(text, str):
        raise InvalidValueError(f"expected JSON text, not {type(text).__name__}")
    if len(text) > MAX_BYTES or len(text.encode("utf-8")) > MAX_BYTES:
        raise DatasetError([Problem("$", f"file larger than {MAX_BYTES} bytes")], file=file)
    try:
        data = json.loads(
            text, object_pairs_hook=_pairs_no_duplicates, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise DatasetError([Problem("$", msg)], file=file) from None
    except ValueError as exc:
        raise DatasetError([Problem("$", f"not valid JSON: {exc}")], file=file) from None
    except RecursionError:
        raise DatasetError([Problem("$", "JSON nested too deeply")], file=file) from None
    if not isinstance(data, dict):
        raise DatasetError(
            [Problem("$", f"a dataset must be a JSON object, not {_json_type(data)}")], file=file
        )
    return data


def _check_version(data: Mapping[str, Any], file: str | None) -> list[Problem]:
    """Problems with ``schema_version``; a newer version stops loading at once."""
    if "schema_version" not in data:
        return [Problem("$.schema_version", "required field missing")]
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        return [Problem("$.schema_version", f"expected an integer, not {_json_type(version)}")]
    if version > SCHEMA_VERSION:
        raise DatasetError(
            [Problem(
                "$.schema_version",
                f"schema version {version} is newer than this govmodel reads "
                f"({SCHEMA_VERSION}); upgrade govmodel",
            )],
            file=file,
        )
    if version < 1:
        return [Problem("$.schema_version", f"no schema version {version}; versions start at 1")]
    return []


def _structure_list(
    conv: cattrs.Converter, data: Mapping[str, Any], key: str, t: Any, problems: list[Problem]
) -> list[tuple[int, Any]]:
    """Structure ``data[key]`` item by item; return ``(index, value)`` for the good items."""
    raw = data.get(key, [])
    if not isinstance(raw, list):
        problems.append(Problem(f"$.{key}", f"expected an array, not {_json_type(raw)}"))
        return []
    good: list[tuple[int, Any]] = []
    for i, item in enumerate(raw):
        try:
            good.append((i, conv.structure(item, t)))
        except Exception as exc:
            problems += _problems(exc, f"$.{key}[{i}]")
    return good


def _raw_ids(items: Iterable[Any]) -> set[str]:
    """Organisation ids written in (possibly broken) raw organisation objects."""
    return {x["id"] for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)}


def _broken_ids(data: Mapping[str, Any], good_orgs: set[int], good_decisions: set[int]) -> set[str]:
    """Ids introduced by items that failed to load: errors about them are consequences."""
    ids: set[str] = set()
    orgs = data.get("organisations")
    if isinstance(orgs, list):
        ids |= _raw_ids(o for i, o in enumerate(orgs) if i not in good_orgs)
    decisions = data.get("decisions")
    if isinstance(decisions, list):
        for i, d in enumerate(decisions):
            if i in good_decisions or not isinstance(d, dict):
                continue
            if not isinstance(d.get("effects"), list):
                continue
            for e in d["effects"]:
                if isinstance(e, dict):
                    ids |= _raw_ids([e.get("org"), e.get("establish")])
                    if isinstance(e.get("parts"), list):
                        parts = e["parts"]
                        ids |= _raw_ids(p.get("establish") for p in parts if isinstance(p, dict))
    return ids


def _established_ids(orgs: Iterable[Org], decisions: Iterable[Decision]) -> set[str]:
    """Every organisation id a dataset introduces (first states and establishing effects)."""
    ids = {o.id for o in orgs}
    for d in decisions:
        for e in d.effects:
            if isinstance(e, Establish):
                ids.add(e.org.id)
            elif isinstance(e, Merge):
                ids.add(e.into)
            elif isinstance(e, Split):
                ids.update(p.org_id for p in e.parts)
    return ids


def _org_path(effect: Effect, org_id: str | None) -> str:
    """The path, inside an effect, of the field that names *org_id* ('' when none does)."""
    if org_id is None:
        return ""
    for field in attrs.fields(type(effect)):
        value = getattr(effect, field.name)
        if value == org_id:
            return f".{field.name}"
        if isinstance(value, Agency | Unit | Committee):
            if value.id == org_id:
                return f".{field.name}.id"
            if value.parent == org_id:
                return f".{field.name}.parent"
        if isinstance(value, tuple):
            for k, item in enumerate(value):
                if item == org_id:
                    return f".{field.name}[{k}]"
                post = getattr(item, "post", None)
                if post is not None and post.org_id == org_id:
                    return f".{field.name}[{k}].post.org_id"
                if getattr(item, "org_id", None) == org_id:
                    return f".{field.name}[{k}].org_id"
    return ""


def _engine_problems(
    decisions: list[tuple[int, Decision]],
    orgs: list[tuple[int, Org]],
    broken: set[str],
) -> list[Problem]:
    """Run the engine's validation and map each error back to a JSON path."""
    from govmodel.timeline import validate  # noqa: PLC0415  (the engine sits above)

    try:
        errors: list[DecisionError] = validate(
            [d for _, d in decisions], initial=[o for _, o in orgs]
        )
    except GovModelError as exc:  # the engine refused the whole set
        return [Problem("$", exc.message)]
    by_label = {str(d.ref): (i, d) for i, d in decisions}
    org_index = {o.id: i for i, o in orgs}
    out: list[Problem] = []
    for err in errors:
        if err.org_id is not None and err.org_id in broken:
            continue  # a consequence of an item already reported
        reason = err.reason
        if err.on is not None and err.on.isoformat() not in reason:
            reason = f"{reason} (on {err.on.isoformat()})"
        found = by_label.get(err.decision) if err.decision is not None else None
        if found is None:
            at = org_index.get(err.org_id) if err.org_id is not None else None
            path = "$" if at is None else f"$.organisations[{at}]"
            if err.decision is not None:
                reason = f"{err.decision}: {reason}"
            out.append(Problem(path, reason))
            continue
        i, decision = found
        path = f"$.decisions[{i}]"
        if err.effect_index is not None and 0 <= err.effect_index < len(decision.effects):
            effect = decision.effects[err.effect_index]
            path += f".effects[{err.effect_index}]" + _org_path(effect, err.org_id)
        out.append(Problem(path, reason))
    return out


def loads(text: str | bytes, *, file: str | None = None) -> Dataset:
    """Read a dataset from JSON text, reporting every problem of the text at once.

    Args:
        text: the JSON text (``bytes`` are decoded as UTF-8).
        file: the file name to show in error messages.

    Returns:
        The dataset, checked: every decision applies to the timeline without error.

    Raises:
        DatasetError: when the text has any problem; ``.problems`` lists each with its JSON
            path and reason. A missing ``schema_version`` is a problem; a newer one stops
            loading at once (the rest of the file cannot be read safely).

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
    data = _parse(text, file)
    conv = _converter()
    problems = _check_version(data, file)
    problems += [Problem(f"$.{k}", "unknown field") for k in data if k not in _TOP_LEVEL]

    header: dict[str, Any] = {}
    for key, t in (
        ("name", str), ("title", str), ("description", str),
        ("sources", tuple[Source, ...]), ("notes", tuple[str, ...]),
    ):
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

    orgs = _structure_list(conv, data, "organisations", Agency | Unit | Committee, problems)
    decisions = _structure_list(conv, data, "decisions", Decision, problems)
    observations = _structure_list(conv, data, "observations", Observation, problems)

    seen: dict[str, int] = {}
    unique_orgs: list[tuple[int, Org]] = []
    for i, o in orgs:
        if o.id in seen:
            problems.append(Problem(
                f"$.organisations[{i}].id",
                f"organisation {o.id!r} is already given at $.organisations[{seen[o.id]}]",
            ))
        else:
            seen[o.id] = i
            unique_orgs.append((i, o))

    broken = _broken_ids(data, {i for i, _ in orgs}, {i for i, _ in decisions})
    problems += _engine_problems(decisions, unique_orgs, broken)

    known = _established_ids((o for _, o in unique_orgs), (d for _, d in decisions)) | broken
    for i, obs in observations:
        if obs.org_id not in known:
            problems.append(Problem(
                f"$.observations[{i}].org_id",
                f"unknown organisation {obs.org_id!r}: no first state or decision introduces it",
            ))

    if problems:
        problems.sort(key=_problem_order)  # stable: within an item, the order found
        raise DatasetError(problems, file=file)
    return Dataset(
        schema_version=data["schema_version"],
        organisations=tuple(o for _, o in unique_orgs),
        decisions=tuple(d for _, d in decisions),
        observations=tuple(o for _, o in observations),
        **header,
    )


def load(path: str | os.PathLike[str]) -> Dataset:
    """Read a dataset file (see :func:`loads`).

    Args:
        path: the JSON file.

    Returns:
        The dataset, checked.

    Raises:
        DatasetError: when the file has any problem, or is larger than :data:`MAX_BYTES`.
        OSError: when the file cannot be read.

    Added in 0.1.
    """
    name = os.fspath(path)
    size = os.stat(name).st_size
    if size > MAX_BYTES:
        raise DatasetError([Problem("$", f"file larger than {MAX_BYTES} bytes")], file=name)
    with open(name, "rb") as f:
        raw = f.read(MAX_BYTES + 1)
    return loads(raw, file=name)
