"""A fast reader for items that are valid as written (private).

Reading an item with the cattrs converter (:mod:`govmodel._serial.codec`) gathers every
problem with its path, at a cost: detailed validation, a generated function per class and
the value classes' own ``__init__`` with its converters, for every object of a file. A
bundled dataset has tens of thousands of objects and no problem at all.

:class:`FastReader` reads an item the same way without that machinery: the same strict JSON
types as the converter (a number is not text, a date is ``YYYY-MM-DD``), the same unknown-key
and required-field rules, then the value built exactly as its ``__init__`` builds it — each
field through the class's own converter (remembered per distinct value: the same parent id,
unit type or date is converted once), then its validators and ``__attrs_post_init__`` — but
without calling ``__init__`` itself. Whatever it does not expect (any error, any type it has
no rule for) raises :class:`Slow`, and the caller reads that item with the converter instead,
which reports every problem as before. So an item read here equals the converter's reading
of it, and an item the converter refuses is never read here.

Two converters are not called one value at a time: text for
:func:`govmodel._fields.to_text` (and each text of :func:`~govmodel._fields.to_texts`) and
ids for :func:`~govmodel._fields.to_id` are kept as written and checked together when the
whole file has been read (:meth:`FastReader.verified`: one NFC check and one pattern match
over all of them); when any of them would change or fail, the caller reads every item again
with the converter. Both converters return a valid value unchanged, so deferring them
changes nothing else.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

import attrs

from govmodel._fields import _ID, to_id, to_opt_id, to_text, to_texts
from govmodel._serial.constants import _ISO_DATE, ORGANISATION_TYPES
from govmodel.decisions import EFFECT_TYPES, Effect
from govmodel.vn.docnum import DocumentNumber

__all__ = ["FastReader", "Slow", "all_ids", "all_tidy"]


class Slow(Exception):  # noqa: N818 - a signal, not an error shown to anyone
    """The item is not read here: read it with the converter (which says what is wrong)."""


_Read = Callable[[Any], Any]

#: What :func:`govmodel.vn.text.nfc` would change, with ``\x00`` separating the texts of a
#: column: white space at either end of a text, doubled, or other than " ".
_UNTIDY_JOINED = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)|\s\s|[^\S ]")


def all_tidy(texts: Iterable[str]) -> bool:
    """Whether :func:`govmodel._fields.to_text` returns every one of *texts* unchanged.

    Checked on the texts joined by ``\\x00``: it is a character that never combines with
    its neighbours and is not white space, so the joined text is NFC, tidy and encodable
    exactly when every text is (a text holding ``\\x00`` itself can only make the answer a
    cautious no). Empty texts and non-strings are a no.
    """
    items = list(texts)
    if not all(type(t) is str and t for t in items):
        return False
    joined = "\x00".join(items)
    if not unicodedata.is_normalized("NFC", joined) or _UNTIDY_JOINED.search(joined):
        return False
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _joined_id_pattern() -> re.Pattern[str] | None:
    """:data:`govmodel._fields._ID` for ids joined by new lines (None if it cannot be)."""
    body = _ID.pattern
    if not (body.startswith("^") and body.endswith("$")) or "\n" in body:
        return None
    one = body[1:-1]
    return re.compile(f"(?:{one}\n)*{one}")


_IDS_JOINED = _joined_id_pattern()


def all_ids(ids: list[str]) -> bool:
    """Whether :func:`govmodel._fields.to_id` accepts every one of *ids* (returning it)."""
    if not ids:
        return True
    if _IDS_JOINED is None or not all(type(i) is str for i in ids):
        return all([to_id(i) is i for i in ids])
    return _IDS_JOINED.fullmatch("\n".join(ids)) is not None


def _slow(_value: object = None) -> typing.NoReturn:
    raise Slow


def _union_args(t: Any) -> tuple[Any, ...]:
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        return typing.get_args(t)
    return ()


_ORG_SET = frozenset(ORGANISATION_TYPES.values())
#: Value types whose conversions are remembered (hashable, and equal only when the same).
_MEMO_TYPES = (str, type(None), dt.date)
_MISSING = object()

# converters checked later, all values at once (see FastReader.verified)
_TEXT, _TEXTS, _ID_KIND, _OPT_ID = 1, 2, 3, 4
_KINDS: dict[Any, int] = {to_text: _TEXT, to_texts: _TEXTS, to_id: _ID_KIND, to_opt_id: _OPT_ID}


def _kind_fits(kind: int, t: Any) -> bool:
    """Whether a field of type *t* is read as the values its deferred converter expects."""
    if kind in (_TEXT, _ID_KIND):
        return t is str
    if kind == _OPT_ID:
        return bool(t == (str | None) or t == typing.Optional[str])  # noqa: UP045
    return bool(t == tuple[str, ...])


class FastReader:
    """Reads JSON items of known types, or raises :class:`Slow` (one reader per file read).

    The items it returns are only good once :meth:`verified` says so.
    """

    def __init__(self) -> None:
        self._reads: dict[Any, _Read] = {}
        self._dates: dict[str, dt.date] = {}
        self._texts: list[str] = []  # kept for to_text, checked by verified()
        self._ids: list[str] = []  # kept for to_id, checked by verified()
        self._empty: dict[Any, Any] = {}  # converter -> its value for ()

    def verified(self) -> bool:
        """Whether every text and id kept unconverted is valid as written."""
        ok = all_tidy(self._texts) and all_ids(self._ids)
        self._texts, self._ids = [], []
        return ok

    def read(self, value: object, t: Any) -> Any:
        """*value* (parsed JSON) read as type *t*; :class:`Slow` when not read here."""
        try:
            return self._reader(t)(value)
        except Slow:
            raise
        except Exception:  # a converter or a parser refused it: the converter says why
            raise Slow from None

    # ------------------------------------------------------------------ per type

    def _reader(self, t: Any) -> _Read:
        found = self._reads.get(t)
        if found is None:
            self._reads[t] = _slow  # a recursive type reads slowly until compiled
            found = self._reads[t] = self._compile(t)
        return found

    def _compile(self, t: Any) -> _Read:
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return self._enum(t)
        if t is str:
            return lambda v: v if type(v) is str else _slow()
        if t is bool:
            return lambda v: v if type(v) is bool else _slow()
        if t is int:
            return lambda v: v if type(v) is int else _slow()
        if t is float:
            return lambda v: float(v) if type(v) in (int, float) else _slow()
        if t is dt.date:
            return self._date
        if t is DocumentNumber:
            return lambda v: DocumentNumber.parse(v) if type(v) is str else _slow()
        args = _union_args(t)
        kinds = frozenset(a for a in args if a is not type(None))
        if len(kinds) >= 2 and kinds <= _ORG_SET:
            return self._tagged(ORGANISATION_TYPES, nullable=type(None) in args)
        if t is Effect:
            return self._tagged(EFFECT_TYPES, nullable=False)
        if len(args) == 2 and type(None) in args:
            inner = self._reader(next(a for a in args if a is not type(None)))
            return lambda v: None if v is None else inner(v)
        targs = typing.get_args(t)
        if typing.get_origin(t) is tuple and len(targs) == 2 and targs[1] is Ellipsis:
            item = self._reader(targs[0])

            def read_tuple(v: object) -> tuple[Any, ...]:
                if type(v) is not list:
                    raise Slow
                return tuple([item(x) for x in v])

            return read_tuple
        if isinstance(t, type) and attrs.has(t):
            return self._attrs(t, tagged=False)
        if type(t) is tuple and t[1] == "tagged":  # an attrs class inside a tagged union
            return self._attrs(t[0], tagged=True)
        return _slow

    def _enum(self, t: type[enum.Enum]) -> _Read:
        members: dict[object, enum.Enum] = {}

        def read_enum(v: object) -> enum.Enum:
            if type(v) is not str:
                raise Slow
            m = members.get(v)
            if m is None:
                try:
                    m = members[v] = t(v)
                except ValueError:
                    raise Slow from None
            return m

        return read_enum

    def _date(self, v: object) -> dt.date:
        if type(v) is not str:
            raise Slow
        d = self._dates.get(v)
        if d is None:
            if not _ISO_DATE.match(v):
                raise Slow
            try:
                d = self._dates[v] = dt.date.fromisoformat(v)
            except ValueError:
                raise Slow from None
        return d

    def _tagged(self, tags: Mapping[str, type], *, nullable: bool) -> _Read:
        reads = {tag: self._reader((cls, "tagged")) for tag, cls in tags.items()}

        def read_tagged(v: object) -> Any:
            if v is None and nullable:
                return None
            if type(v) is not dict:
                raise Slow
            tag = v.get("type")
            read = reads.get(tag) if type(tag) is str else None
            if read is None:
                raise Slow
            return read(v)

        return read_tagged

    def _attrs(self, cls: type, *, tagged: bool) -> _Read:
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        # inside a tagged union the object also holds its "type" (the converter drops it)
        known = frozenset(f.alias for f in fields) | ({"type"} if tagged else set())
        plan: list[tuple[str, _Read, Any, Any, dict[Any, Any] | None, int]] = []
        bypass = attrs.has(cls) and "__slots__" in cls.__dict__
        for f in fields:
            conv = f.converter
            if f.alias != f.name or not f.init or (
                conv is not None and not callable(conv)
            ) or isinstance(conv, attrs.Converter):
                bypass = False
            if isinstance(f.default, attrs.Factory) and f.default.takes_self:  # type: ignore[arg-type]
                bypass = False
            memo: dict[Any, Any] | None = (
                {} if conv is not None and _memo_worthy(f.type) else None
            )
            kind = _KINDS.get(conv, 0) if isinstance(conv, Hashable) else 0
            if kind and not _kind_fits(kind, f.type):
                kind = 0
            plan.append((f.alias, self._reader(f.type), conv, f.default, memo, kind))
        validators = [f for f in fields if f.validator is not None]
        post_init = getattr(cls, "__attrs_post_init__", None)
        empty = self._empty
        new, setattr_ = object.__new__, object.__setattr__
        texts, ids = self._texts.append, self._ids.append
        more_texts = self._texts.extend

        def read_attrs(v: object) -> Any:
            if type(v) is not dict or not known.issuperset(v):
                raise Slow
            if not bypass:
                kwargs: dict[str, Any] = {}
                for name, read, _conv, default, _memo, _kind in plan:
                    if name in v:
                        kwargs[name] = read(v[name])
                    elif default is attrs.NOTHING:
                        raise Slow  # required (the converter: "required field missing")
                return cls(**kwargs)
            obj: Any = new(cls)
            for name, read, conv, default, memo, kind in plan:
                x = v.get(name, _MISSING)
                if x is _MISSING:
                    if default is attrs.NOTHING:
                        raise Slow
                    x = default.factory() if type(default) is attrs.Factory else default
                else:
                    x = read(x)
                if kind == _TEXT:
                    texts(x)  # to_text(x) is x once verified
                elif kind == _TEXTS and (len(x) < 2 or len(set(x)) == len(x)):
                    more_texts(x)  # to_texts(x) == x: tidy texts, none twice
                elif kind == _ID_KIND or (kind == _OPT_ID and x is not None):
                    ids(x)
                elif conv is not None and type(x) is tuple and not x:
                    got = empty.get(conv, empty)  # () converted once per converter
                    if got is empty:
                        got = empty[conv] = conv(x)
                    x = got
                elif memo is not None:
                    got = memo.get(x, memo)
                    if got is memo:
                        got = memo[x] = conv(x)
                    x = got
                elif conv is not None:
                    x = conv(x)
                setattr_(obj, name, x)
            if validators and not attrs.validators.get_disabled():
                for f in validators:
                    f.validator(obj, f, getattr(obj, f.name))
            if post_init is not None:
                post_init(obj)
            return obj

        return read_attrs


def _memo_worthy(t: Any) -> bool:
    """Whether conversions of a field of type *t* may be remembered by value."""
    if t in _MEMO_TYPES or (isinstance(t, type) and issubclass(t, enum.Enum)):
        return True
    args = _union_args(t)
    return bool(args) and all(a in _MEMO_TYPES for a in args)
