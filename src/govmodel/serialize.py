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

A dataset may **extend** bundled datasets (``"extends": ["lang-son-2021"]``): it is read as
their organisations, decisions and observations plus its own. Only names of bundled datasets
are accepted there, never file paths, so loading a file never opens another file.

>>> from govmodel.model import Source
>>> conv = make_converter()
>>> conv.unstructure(Source("seeds/001.txt", quote="Ngày 13/10/2021…"))
{'document': 'seeds/001.txt', 'quote': 'Ngày 13/10/2021…'}
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import json
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
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
from govmodel.decisions import (
    EFFECT_TYPES,
    Decision,
    DecisionRef,
    Effect,
    Establish,
    Merge,
    Split,
)
from govmodel.errors import DatasetError, DecisionError, GovModelError, InvalidValueError, Problem
from govmodel.model import Agency, Committee, Observation, Organisation, Source, Unit
from govmodel.vn.docnum import DocumentNumber

if typing.TYPE_CHECKING:
    from govmodel.timeline import Timeline

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
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

#: The deepest nesting of JSON objects and arrays accepted; deeper text is refused before
#: it is structured. The format itself never goes deeper than a dozen levels.
MAX_DEPTH: Final = 32

Org: TypeAlias = Agency | Unit | Committee

#: The organisation classes by their serialised ``"type"`` tag.
ORGANISATION_TYPES: Final[Mapping[str, type[Org]]] = types.MappingProxyType(
    {"Agency": Agency, "Unit": Unit, "Committee": Committee}
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: What a name in ``"extends"`` may look like: a bundled dataset's name, never a path.
_DATASET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


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


@attrs.frozen(slots=True, kw_only=True)
class Dataset:
    """A dataset: organisations' first states, decisions and observations, with provenance.

    Attributes:
        schema_version: the format version the dataset was written in.
        name: the dataset's short name (``lang-son-2021``).
        title: a one-line human title.
        description: what the dataset covers and where it comes from.
        extends: names of bundled datasets this one extends (``govmodel.datasets()``): its
            organisations, decisions and observations are theirs plus its own. Only names,
            never paths. Added in 0.1.
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
    extends: tuple[str, ...] = attrs.field(default=(), converter=_to_extends)
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

    def flattened(self) -> Dataset:
        """This dataset with the datasets it extends folded in.

        Returns:
            A dataset with ``extends == ()`` holding the organisations, decisions and
            observations of every extended dataset (each once, however often it is reached)
            and this dataset's own; sources and notes are gathered the same way. A first
            state this dataset gives for an organisation an extended dataset also starts
            from replaces it (see "Extending a dataset" in ``docs/dataset-format.md``).
            A dataset that extends nothing is returned as it is.

        Raises:
            UnknownDatasetError: a name in ``extends`` is not a bundled dataset.
            DatasetError: an extended dataset does not load, or this dataset repeats what
                an extended one holds.

        Added in 0.1.
        """
        if not self.extends:
            return self
        bases = [(i, name, _bundled_dataset(name)) for i, name in enumerate(self.extends)]
        problems: list[Problem] = []
        parts = _collect_parts(bases)
        base = _combine_parts(parts, problems)
        merged = _merge_own(
            base,
            list(enumerate(self.organisations)),
            list(enumerate(self.decisions)),
            list(enumerate(self.observations)),
            problems,
        )
        if problems:
            problems.sort(key=_problem_order)
            raise DatasetError(problems)
        datasets = [p.dataset for p in parts] + [self]
        return Dataset(
            schema_version=self.schema_version,
            name=self.name,
            title=self.title,
            description=self.description,
            sources=tuple(dict.fromkeys(s for ds in datasets for s in ds.sources)),
            notes=tuple(dict.fromkeys(n for ds in datasets for n in ds.notes)),
            organisations=tuple(o for _, o, _ in merged.orgs),
            decisions=tuple(d for _, d, _ in merged.decisions),
            observations=merged.observations,
        )

    def timeline(self) -> Timeline:
        """Build the timeline of this dataset (with the datasets it extends).

        Returns:
            ``Timeline.from_decisions(decisions, initial=organisations,
            observations=observations)`` of :meth:`flattened`.

        Raises:
            DecisionError: when a decision cannot be applied (a dataset returned by
                :func:`load` has already been checked, so this does not happen for one).
            DatasetError: see :meth:`flattened`.
        """
        from govmodel.timeline import Timeline  # noqa: PLC0415  (the engine sits above)

        flat = self.flattened()
        return Timeline.from_decisions(
            flat.decisions, initial=flat.organisations, observations=flat.observations
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
    "schema_version", "name", "title", "description", "extends", "sources", "notes",
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
    if len(text) > MAX_BYTES:
        raise DatasetError([Problem("$", f"file larger than {MAX_BYTES} bytes")], file=file)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a lone surrogate: no UTF-8 file can hold this text
        problem = Problem("$", f"not UTF-8 text (a lone surrogate at character {exc.start})")
        raise DatasetError([problem], file=file) from None
    if size > MAX_BYTES:
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
    if _too_deep(data):
        problem = Problem("$", f"JSON nested deeper than {MAX_DEPTH} levels")
        raise DatasetError([problem], file=file)
    return data


def _too_deep(data: object) -> bool:
    """Whether *data* nests objects and arrays more than :data:`MAX_DEPTH` deep."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                return True
            items = node.values() if isinstance(node, dict) else node
            stack.extend((item, depth + 1) for item in items)
    return False


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
    decisions: list[tuple[str, Decision, str | None]],
    orgs: list[tuple[str, Org, str | None]],
    broken: set[str],
) -> list[Problem]:
    """Run the engine's validation and map each error back to a JSON path.

    *decisions* and *orgs* are ``(path, item, extended dataset or None)``: an error in an
    item of an extended dataset is reported on ``$.extends[i]``, naming that dataset.
    """
    from govmodel.timeline import validate  # noqa: PLC0415  (the engine sits above)

    try:
        errors: list[DecisionError] = validate(
            [d for _, d, _ in decisions], initial=[o for _, o, _ in orgs]
        )
    except GovModelError as exc:  # the engine refused the whole set
        return [Problem("$", exc.message)]
    by_label = {str(d.ref): (path, d, base) for path, d, base in decisions}
    org_at = {o.id: (path, base) for path, o, base in orgs}
    out: list[Problem] = []
    for err in errors:
        if err.org_id is not None and err.org_id in broken:
            continue  # a consequence of an item already reported
        reason = err.reason
        if err.on is not None and err.on.isoformat() not in reason:
            reason = f"{reason} (on {err.on.isoformat()})"
        found = by_label.get(err.decision) if err.decision is not None else None
        if found is None:
            at = org_at.get(err.org_id) if err.org_id is not None else None
            path = "$" if at is None else at[0]
            if err.decision is not None:
                reason = f"{err.decision}: {reason}"
            if at is not None and at[1] is not None:
                reason = f"in {at[1]!r}: {reason}"
            out.append(Problem(path, reason))
            continue
        path, decision, base = found
        if base is not None:
            out.append(Problem(path, f"in {base!r}, {err.decision}: {reason}"))
            continue
        if err.effect_index is not None and 0 <= err.effect_index < len(decision.effects):
            effect = decision.effects[err.effect_index]
            path += f".effects[{err.effect_index}]" + _org_path(effect, err.org_id)
        out.append(Problem(path, reason))
    return out


# --------------------------------------------------------------------------- extends

# The bundled datasets being loaded, outermost first: a name met again is a cycle.
_LOADING: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "govmodel_serialize_loading", default=()
)


@contextlib.contextmanager
def _loading(name: str) -> Iterator[None]:
    """Mark the bundled dataset *name* as being loaded (used by :mod:`govmodel.datasets`)."""
    token = _LOADING.set((*_LOADING.get(), name))
    try:
        yield
    finally:
        _LOADING.reset(token)


def _bundled_dataset(name: str) -> Dataset:
    """The bundled dataset *name*, checked (UnknownDatasetError when there is none)."""
    from govmodel.datasets import _bundled_checked  # noqa: PLC0415  (datasets sits above)

    return _bundled_checked(name)


@attrs.frozen
class _Part:
    """One extended dataset, reached directly or through another one."""

    key: str  # its bundled name
    dataset: Dataset
    index: int  # the position in the top-level "extends" through which it was reached
    ancestors: frozenset[str]  # the names it extends, directly or not


def _collect_parts(bases: list[tuple[int, str, Dataset]]) -> list[_Part]:
    """Every dataset reached from *bases*, each once, every one after those it extends."""
    parts: dict[str, _Part] = {}

    def visit(name: str, ds: Dataset, index: int) -> frozenset[str]:
        if name not in parts:
            ancestors: set[str] = set()
            for sub in ds.extends:
                ancestors |= visit(sub, _bundled_dataset(sub), index)
            parts[name] = _Part(name, ds, index, frozenset(ancestors))
        return parts[name].ancestors | {name}

    for index, name, ds in bases:
        visit(name, ds, index)
    return list(parts.values())


@attrs.define
class _Base:
    """What the extended datasets hold together, each item with the part it comes from."""

    orgs: dict[str, tuple[Org, _Part]] = attrs.Factory(dict)
    decisions: dict[DecisionRef, tuple[Decision, _Part]] = attrs.Factory(dict)
    observations: dict[Observation, _Part] = attrs.Factory(dict)
    established: dict[str, tuple[Decision, _Part]] = attrs.Factory(dict)


def _combine_parts(parts: list[_Part], problems: list[Problem]) -> _Base:
    """Fold the extended datasets together; what two unrelated ones both hold is a problem.

    A first state given by a dataset for an organisation that a dataset it extends also
    starts from replaces that one (it was checked when the extending dataset was loaded).
    """
    base = _Base()
    for part in parts:
        where = f"$.extends[{part.index}]"
        for org in part.dataset.organisations:
            prev = base.orgs.get(org.id)
            if prev is not None and prev[1].key not in part.ancestors:
                problems.append(Problem(where, (
                    f"{part.key!r} and {prev[1].key!r} both give a first state for "
                    f"{org.id!r}; only one dataset may introduce an organisation"
                )))
                continue
            base.orgs[org.id] = (org, part)
        for d in part.dataset.decisions:
            prev_d = base.decisions.get(d.ref)
            if prev_d is not None:
                problems.append(Problem(
                    where, f"{part.key!r} and {prev_d[1].key!r} both hold decision {d.ref}"
                ))
                continue
            base.decisions[d.ref] = (d, part)
            for org_id in _established_ids((), [d]):
                base.established.setdefault(org_id, (d, part))
        for o in part.dataset.observations:
            prev_o = base.observations.get(o)
            if prev_o is not None:
                problems.append(Problem(
                    where, f"{part.key!r} and {prev_o.key!r} both hold an observation of "
                    f"{o.org_id!r} as {o.name!r} on {o.on.isoformat()}"
                ))
                continue
            base.observations[o] = part
    return base


@attrs.define
class _Merged:
    """A dataset's own items added to what it extends."""

    orgs: list[tuple[str, Org, str | None]]
    decisions: list[tuple[str, Decision, str | None]]
    observations: tuple[Observation, ...]
    # own first states replacing one of an extended dataset: (index, own, theirs, part)
    earlier: list[tuple[int, Org, Org, _Part]]


def _merge_own(
    base: _Base,
    orgs: list[tuple[int, Org]],
    decisions: list[tuple[int, Decision]],
    observations: list[tuple[int, Observation]],
    problems: list[Problem],
) -> _Merged:
    """Add a dataset's own items to *base*; repeating what an extended dataset holds fails."""
    earlier: list[tuple[int, Org, Org, _Part]] = []
    own_orgs: list[tuple[str, Org, str | None]] = []
    replaced: set[str] = set()
    for i, org in orgs:
        prev = base.orgs.get(org.id)
        made = base.established.get(org.id)
        if prev is not None and prev[0] == org:
            problems.append(Problem(f"$.organisations[{i}].id", (
                f"organisation {org.id!r} is already given by the extended dataset "
                f"{prev[1].key!r}; an extending dataset does not repeat it"
            )))
            continue
        if prev is None and made is not None:
            problems.append(Problem(f"$.organisations[{i}].id", (
                f"organisation {org.id!r} is established by {made[0].ref} in the extended "
                f"dataset {made[1].key!r}; it cannot also have a first state here"
            )))
            continue
        if prev is not None:
            earlier.append((i, org, prev[0], prev[1]))
            replaced.add(org.id)
        own_orgs.append((f"$.organisations[{i}]", org, None))
    all_orgs = [
        (f"$.extends[{part.index}]", org, part.key)
        for org, part in base.orgs.values()
        if org.id not in replaced
    ] + own_orgs

    own_decisions: list[tuple[str, Decision, str | None]] = []
    for i, d in decisions:
        prev_d = base.decisions.get(d.ref)
        if prev_d is not None:
            problems.append(Problem(f"$.decisions[{i}]", (
                f"decision {d.ref} is already in the extended dataset {prev_d[1].key!r}; "
                "an extending dataset adds decisions, it does not repeat or replace them"
            )))
            continue
        own_decisions.append((f"$.decisions[{i}]", d, None))
    all_decisions = [
        (f"$.extends[{part.index}]", d, part.key) for d, part in base.decisions.values()
    ] + own_decisions

    own_obs: list[Observation] = []
    for i, o in observations:
        prev_o = base.observations.get(o)
        if prev_o is not None:
            problems.append(Problem(
                f"$.observations[{i}]", f"the same observation is in the extended dataset "
                f"{prev_o.key!r}"
            ))
            continue
        own_obs.append(o)
    all_obs = (*base.observations, *own_obs)
    return _Merged(all_orgs, all_decisions, all_obs, earlier)


def _earlier_state_problems(merged: _Merged) -> list[Problem]:
    """Check each earlier first state: this dataset's decisions must lead to the later one.

    An extending dataset may start an organisation earlier than a dataset it extends (the
    latter's first state is the state at *its* start). Its decisions must then turn the
    organisation into exactly that first state before the extended dataset's first decision,
    so that no fact of the extended dataset changes.
    """
    from govmodel.timeline import Timeline  # noqa: PLC0415  (the engine sits above)

    if not merged.earlier:
        return []
    try:
        tl = Timeline.from_decisions(
            [d for _, d, _ in merged.decisions], initial=[o for _, o, _ in merged.orgs]
        )
    except GovModelError:
        return []  # the engine's own problems are reported already
    out: list[Problem] = []
    for i, own, theirs, part in merged.earlier:
        first = min((d.effective_on for d in part.dataset.decisions), default=None)
        versions = tl.history(own.id)
        if first is None:
            ok = any(v.value == theirs and v.valid_from is not None for v in versions)
            when = "at some date"
        else:
            day = first - dt.timedelta(days=1)
            held = [v for v in versions if v.holds_on(day)]
            ok = bool(held) and held[0].value == theirs and held[0].valid_from is not None
            when = f"by {day.isoformat()}, before its first decision takes effect"
        if not ok:
            out.append(Problem(f"$.organisations[{i}]", (
                f"{own.id!r} differs from its first state in the extended dataset "
                f"{part.key!r}: an earlier first state is allowed only if this dataset's "
                f"decisions turn it into {part.key!r}'s first state {when}"
            )))
    return out


def _read_extends(data: Mapping[str, Any], problems: list[Problem]) -> list[tuple[int, str]]:
    """The names in ``"extends"``, each with its index; bad or repeated names are problems."""
    raw = data.get("extends", [])
    if not isinstance(raw, list):
        problems.append(Problem("$.extends", f"expected an array, not {_json_type(raw)}"))
        return []
    names: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        try:
            name = _check_dataset_name(item)
        except InvalidValueError as exc:
            problems.append(Problem(f"$.extends[{i}]", exc.message))
            continue
        if name in seen:
            problems.append(Problem(f"$.extends[{i}]", f"{name!r} is already listed at "
                                    f"$.extends[{seen[name]}]"))
            continue
        seen[name] = i
        names.append((i, name))
    return names


def _resolve_extends(
    names: list[tuple[int, str]], problems: list[Problem]
) -> list[tuple[int, str, Dataset]]:
    """Load each extended (bundled) dataset; unknown names, cycles and faults are problems."""
    from govmodel.datasets import UnknownDatasetError  # noqa: PLC0415  (datasets sits above)

    out: list[tuple[int, str, Dataset]] = []
    stack = _LOADING.get()
    for i, name in names:
        path = f"$.extends[{i}]"
        if name in stack:
            cycle = " → ".join((*stack[stack.index(name):], name))
            problems.append(Problem(path, f"extending {name!r} makes a cycle: {cycle}"))
            continue
        try:
            out.append((i, name, _bundled_dataset(name)))
        except UnknownDatasetError as exc:
            problems.append(Problem(path, exc.message))
        except DatasetError as exc:
            first = exc.problems[0] if exc.problems else Problem("$", "unreadable")
            count = len(exc.problems)
            problems.append(Problem(path, (
                f"the bundled dataset {name!r} does not load ({count} problem"
                f"{'s' if count != 1 else ''}; first: {first})"
            )))
    return out


def loads(text: str | bytes, *, file: str | None = None) -> Dataset:
    """Read a dataset from JSON text, reporting every problem of the text at once.

    Args:
        text: the JSON text (``bytes`` are decoded as UTF-8).
        file: the file name to show in error messages.

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
    names = _read_extends(data, problems)

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

    bases = _resolve_extends(names, problems) if names else []
    base = _combine_parts(_collect_parts(bases), problems)
    merged = _merge_own(base, unique_orgs, decisions, observations, problems)

    # Without every extended dataset, faults about their organisations would be consequences
    # of the "extends" problems already reported: the checks of the whole wait for those.
    raw_extends = data.get("extends", [])
    complete = isinstance(raw_extends, list) and len(bases) == len(raw_extends)
    broken = _broken_ids(data, {i for i, _ in orgs}, {i for i, _ in decisions})
    if complete:
        engine = _engine_problems(merged.decisions, merged.orgs, broken)
        problems += engine
        if not engine:
            problems += _earlier_state_problems(merged)

        known = _established_ids(
            (o for _, o, _ in merged.orgs), (d for _, d, _ in merged.decisions)
        ) | broken
        for i, obs in observations:
            if obs.org_id not in known:
                problems.append(Problem(
                    f"$.observations[{i}].org_id",
                    f"unknown organisation {obs.org_id!r}: no first state or decision "
                    "introduces it",
                ))

    if problems:
        problems.sort(key=_problem_order)  # stable: within an item, the order found
        raise DatasetError(problems, file=file)
    return Dataset(
        schema_version=data["schema_version"],
        extends=tuple(name for _, name in names),
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
