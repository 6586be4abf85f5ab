"""The cattrs converter for every public class, with errors located on their field
(private)."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

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

from govmodel._serial.constants import _ISO_DATE, ORGANISATION_TYPES, Org, _json_type
from govmodel._serial.dataset import Dataset
from govmodel.decisions import (
    EFFECT_TYPES,
    Decision,
    Effect,
)
from govmodel.errors import GovModelError, InvalidValueError, Problem
from govmodel.model import Organisation
from govmodel.vn.docnum import DocumentNumber

# --------------------------------------------------------------------------- the converter



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


def _structure_float(value: object, t: Any) -> float:
    """A JSON number (an integer or a fraction; never true/false) as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"expected a number, not {_json_type(value)}")
    return float(value)


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
    kinds = frozenset(a for a in args if a is not type(None))
    return len(kinds) >= 2 and kinds <= _ORG_SET


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
    conv.register_structure_hook(float, _structure_float)
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


