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
whole file has been read (:meth:`FastReader.verified`: one NFC check and one check of the
id characters over all of them); so are a decision's title (``to_text`` but for ``""``) and
the ids of a merger's sources. When any of them would change or fail, the caller reads
every item again with the converter. Both converters return a valid value unchanged, so
deferring them changes nothing else.

The work is done a column at a time and, wherever it can be, in C: ``map`` over the cells
(setting a field through its slot, looking a value up, checking a type), ``compress`` to
pick rows, a ``deque`` of length 0 to run calls made for their effect. What stays in Python
is what the classes themselves run: converters (once per distinct value where that is
safe), validators and ``__attrs_post_init__``, once per object. A default made by a factory
is made once per column when the factory makes frozen, hashable attrs values (the empty
``Mandate`` of a split part): equal values that cannot change, as ``__init__`` would give.
A default made from the object itself (``takes_self``: a decision's effective date from its
signing date, its year from its number) is made for each object not given the field, once
the fields before it are set: the fields are set in their order, as ``__init__`` sets them.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable, Hashable, Mapping
from functools import partial
from itertools import compress, repeat
from operator import is_not
from typing import Any

import attrs

from govmodel._serial.cells import (
    _NONE_GIVEN,
    _SCALARS,
    Memo,
    Slow,
    _enums,
    _flat,
    _floats,
    _Given,
    _given,
    _holds,
    _makes_frozen,
    _Many,
    _memo_worthy,
    _missing,
    _not_none,
    _numbers,
    _optionals,
    _placed,
    _read_distinct,
    _regrouped,
    _run,
    _scalars,
    _shareable,
    _slot_setter,
    _slow,
    _text_valued,
    _tuples,
    _union_args,
    _where,
)
from govmodel._serial.cells import table_columns as _columns
from govmodel._serial.checks import all_ids, all_of, all_tidy
from govmodel._serial.constants import _ISO_DATE, ORGANISATION_TYPES
from govmodel._serial.kinds import (
    _CALL,
    _ID_KIND,
    _IDS,
    _KEEP,
    _KINDS,
    _MEMO,
    _OPT_ID,
    _TEXT,
    _TEXTS,
    _TITLE,
    _kind_fits,
)
from govmodel.decisions import EFFECT_TYPES, Effect
from govmodel.vn.docnum import DocumentNumber

__all__ = ["FastReader", "Slow"]


_ORG_SET = frozenset(ORGANISATION_TYPES.values())
_MISSING = object()
_ABSENT = frozenset({None, _MISSING})  # a cell of a column its row's type does not have

#: builds *n* values of a class from the columns given (see FastReader._attrs)
_Build = Callable[[_Given, int], list[Any]]


class FastReader:
    """Reads lists of JSON items of known types, or raises :class:`Slow` (one per file read).

    Items are read a list at a time, a field at a time: the *i*-th object of every field's
    column is made in one pass over the list, so that the cost per object is a few list
    operations rather than a call per field. The items it returns are only good once
    :meth:`verified` says so.
    """

    def __init__(self, *, checked: bool = False) -> None:
        # *checked*: the items are a bundled file's verified bytes (govmodel._serial.bundled),
        # which passed every check of this reader already: they are not run again
        self._checked = checked
        self._reads: dict[Any, _Many] = {}
        self._dates: dict[str, dt.date] = {}
        self._texts: list[str] = []  # kept for to_text, checked by verified()
        self._ids: list[str] = []  # kept for to_id, checked by verified()
        # each distinct id and text read once: the object every equal one read stands for
        # (a file names the same organisations and posts many times over)
        self._strings: dict[str | None, str | None] = {}
        self._number_memo = Memo(DocumentNumber.parse)  # each number's text parsed once
        self._empty: dict[Any, Any] = {}  # converter -> its value for ()
        self._shared: dict[Any, Any] = {}  # a default's factory -> the value shared, or None
        # class -> (its builder from columns, its known keys)
        self._builders: dict[type, tuple[_Build, frozenset[str]]] = {}

    def verified(self) -> bool:
        """Whether every text and id kept unconverted is valid as written."""
        ok = self._checked or (all_tidy(self._texts) and all_ids(self._ids))
        # emptied, not replaced: the compiled readers hold these very lists
        self._texts.clear()
        self._ids.clear()
        return ok

    def settle(self) -> None:
        """Check the texts and ids kept so far (:meth:`verified` then checks those kept
        after); :class:`Slow` when any of them is not valid as written."""
        if not self.verified():
            raise Slow

    def read_many(self, values: list[Any], t: Any) -> list[Any]:
        """Every item of *values* (parsed JSON) read as type *t*; :class:`Slow` when any is
        not read here."""
        try:
            return self._reader(t)(values)
        except Slow:
            raise
        except Exception:  # a converter or a parser refused one: the converter says why
            raise Slow from None

    def read_table(self, table: object, t: Any) -> list[Any]:
        """The items of a table (the compact form, :mod:`govmodel._serial.table`) read as
        *t*, a tagged union, straight from its columns; :class:`Slow` when any is not read
        here, or the table is not well formed."""
        try:
            return self._table(table, t)
        except Slow:
            raise
        except Exception:
            raise Slow from None

    def _table(self, table: object, t: Any) -> list[Any]:
        return self._rows(_columns(table), t)

    def _tables(self, tables: list[Any]) -> list[tuple[Any, ...]]:
        """The effects of several tables (the decisions' own), read as one table: the
        columns of all of them end to end (a column a table leaves out, not given in its
        rows), each type's rows built once; then cut back into each table's tuple."""
        each = [_columns(table) for table in tables]
        sizes = [len(cols["type"]) for cols in each]
        keys = dict.fromkeys(_flat(each))
        holes = frozenset(k for k in keys if not all(map(dict.__contains__, each, repeat(k))))
        joined = {
            key: list(_flat(cols[key] if key in cols else [_MISSING] * size
                            for cols, size in zip(each, sizes, strict=True)))
            for key in keys
        }
        return _regrouped(self._rows(joined, Effect, holes), sizes)

    def _rows(
        self, cols: dict[str, list[Any]], t: Any, holes: frozenset[str] = frozenset()
    ) -> list[Any]:
        """The rows of the columns *cols* read as *t*; the columns named in *holes* may
        have cells _MISSING (not given), the others have none."""
        kinds = cols["type"]
        tags = ORGANISATION_TYPES if t is not Effect else EFFECT_TYPES
        n = len(kinds)
        out: list[Any] = [None] * n
        for tag in dict.fromkeys(kinds):  # each type's rows, in the order first seen
            cls = tags.get(tag)
            if cls is None:
                raise Slow
            self._reader((cls, "tagged"))
            build, known = self._builders[cls]
            every = kinds.count(tag) == n
            where = [] if every else _where(kinds, tag)
            mine: _Given = {}
            for key, cells in cols.items():
                if key == "type":
                    continue
                got = cells if every else list(map(cells.__getitem__, where))
                if key not in known:
                    if not _ABSENT.issuperset(got):
                        raise Slow  # a field its type does not have (the converter: unknown)
                elif key not in holes or not _holds(got, _MISSING):
                    mine[key] = (got, None)
                else:  # the rows of the tables that have this column
                    has = list(map(is_not, got, repeat(_MISSING)))
                    mine[key] = (list(compress(got, has)), list(compress(range(len(got)), has)))
            if every:
                return build(mine, n)
            _run(map(out.__setitem__, where, build(mine, len(where))))
        return out

    # ------------------------------------------------------------------ per type

    def _reader(self, t: Any) -> _Many:
        found = self._reads.get(t)
        if found is None:
            self._reads[t] = _slow  # a recursive type reads slowly until compiled
            found = self._reads[t] = self._compile(t)
        return found

    def _compile(self, t: Any) -> _Many:
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return _enums(t)
        if t in _SCALARS:
            return _scalars(_SCALARS[t])
        if t is float:
            return _floats
        if t is dt.date:
            return self._dates_of
        if t is DocumentNumber:
            return partial(_numbers, self._number_memo)
        args = _union_args(t)
        kinds = frozenset(a for a in args if a is not type(None))
        if len(kinds) >= 2 and kinds <= _ORG_SET:
            return self._tagged(ORGANISATION_TYPES, nullable=type(None) in args)
        if t is Effect:
            return self._tagged(EFFECT_TYPES, nullable=False)
        if len(args) == 2 and type(None) in args:
            return _optionals(self._reader(next(a for a in args if a is not type(None))))
        targs = typing.get_args(t)
        if typing.get_origin(t) is tuple and len(targs) == 2 and targs[1] is Ellipsis:
            if targs[0] is Effect:  # a decision's effects: an array or a table
                return self._effect_lists(self._reader(Effect))
            return _tuples(self._reader(targs[0]))
        if isinstance(t, type) and attrs.has(t):
            return self._attrs(t, tagged=False)
        if type(t) is tuple and t[1] == "tagged":  # an attrs class inside a tagged union
            return self._attrs(t[0], tagged=True)
        return _slow

    def _defaults(self, default: Any, n: int) -> list[Any]:
        """*n* values of a field's *default*, as ``__init__`` would give them: a factory
        called for each, unless it makes a frozen value (one of which then stands for all:
        equal, and no one can tell them apart but by ``is``)."""
        if not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            return [default] * n
        factory = default.factory
        shared = self._shared.get(factory, _MISSING)
        if shared is _MISSING:
            shared = self._shared[factory] = factory() if _makes_frozen(factory) else None
        if shared is None:
            return [factory() for _ in range(n)]
        return [shared] * n

    def _dates_of(self, vs: list[Any]) -> list[Any]:
        known = self._dates
        if all_of(vs, str) and known.keys() >= set(vs):
            return list(map(known.__getitem__, vs))  # every date seen before: one C pass
        if not all_of(vs, str):
            raise Slow
        for v in set(vs).difference(known):  # each new date parsed once
            if not _ISO_DATE.match(v):
                raise Slow
            known[v] = dt.date.fromisoformat(v)
        return list(map(known.__getitem__, vs))

    def _effect_lists(self, inner: _Many) -> _Many:
        plain = _tuples(inner)

        def read_effects(vs: list[Any]) -> list[Any]:
            if all_of(vs, list):
                return plain(vs)
            if len(vs) > 1 and all_of(vs, dict):  # tables: read together
                return self._tables(vs)
            return [tuple(self._table(v, Effect)) if type(v) is dict else plain([v])[0]
                    for v in vs]

        return read_effects

    def _tagged(self, tags: Mapping[str, type], *, nullable: bool) -> _Many:
        # a type's reader is made when the type is first read (self._reads keeps it)
        def read_tagged(vs: list[Any]) -> list[Any]:
            if nullable and _holds(vs, None):
                where = _given(vs)
                return _placed(len(vs), None, where, read_tagged(list(map(vs.__getitem__, where))))
            if not all_of(vs, dict):
                raise Slow
            kinds: list[Any] = list(map(dict.get, vs, repeat("type")))
            if not all_of(kinds, str):
                raise Slow
            found = dict.fromkeys(kinds)  # each type's items, in the order first seen
            if not found.keys() <= tags.keys():
                raise Slow
            if len(found) == 1:
                return self._reader((tags[kinds[0]], "tagged"))(vs)
            out: list[Any] = [None] * len(vs)
            for tag in found:
                where = _where(kinds, tag)
                got = self._reader((tags[tag], "tagged"))(list(map(vs.__getitem__, where)))
                _run(map(out.__setitem__, where, got))
            return out

        return read_tagged

    def _attrs(self, cls: type, *, tagged: bool) -> _Many:
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        # inside a tagged union the object also holds its "type" (the converter drops it)
        known = frozenset(f.alias for f in fields) | ({"type"} if tagged else set())
        plan: list[tuple[str, _Many, Any, Any, int]] = []
        # __init__ is bypassed only for a slotted class whose slots are its fields: nothing
        # else (a cached hash) for __init__ to set
        slots = {x for c in cls.__mro__ for x in getattr(c, "__slots__", ())}
        bypass = "__slots__" in cls.__dict__ and slots <= {f.name for f in fields} | {
            "__weakref__"
        }
        for f in fields:
            conv = f.converter
            if f.alias != f.name or not f.init or isinstance(conv, attrs.Converter):
                bypass = False
            kind = _KINDS.get(conv, 0) if isinstance(conv, Hashable) else 0
            if kind and not _kind_fits(kind, f.type):
                kind = 0
            kept = getattr(conv, "keeps_tuples_of", None)  # an equal tuple, when one is read
            if not kind and kept is not None and typing.get_args(f.type) == (kept, ...) and (
                typing.get_origin(f.type) is tuple
            ):
                kind = _KEEP
            if not kind and conv is not None:
                kind = _MEMO if _memo_worthy(f.type) else _CALL
            if kind == _MEMO:  # remembered for this field, the whole file through
                conv = Memo(conv)
            plan.append((f.alias, self._reader(f.type), conv, f.default, kind))
        # (field, the types its validator checks, if that is all it does)
        validators = [] if self._checked else [(f, getattr(f.validator, "checks_type", None))
                                               for f in fields if f.validator is not None]
        post_init = None if self._checked else getattr(cls, "__attrs_post_init__", None)
        new = object.__new__
        # each field set as object.__setattr__ sets it (past a frozen class's __setattr__):
        # through the slot it finds first in the class's MRO
        setters = {f.name: _slot_setter(cls, f.name) for f in fields} if bypass else {}
        texts, ids, empty = self._texts, self._ids, self._empty
        shared = self._strings
        defaults = self._defaults

        def fill(
            default: Any, conv: Any, kind: int, objs: list[Any], where: list[int]
        ) -> list[Any]:
            """A value of a field's *default* for each of *objs*, converted as ``__init__``
            converts them (the rows in *where* are then given theirs): a default that is no
            factory's converted once, when the value it converts to cannot change (equal
            values, as ``__init__`` gives), and shared; one made from the object, made from
            each object not given the field."""
            n = len(objs)
            if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
                col: list[Any] = [None] * n
                missing = _missing(n, where)
                made = list(map(default.factory, map(objs.__getitem__, missing)))
                _run(map(col.__setitem__, missing, convert(made, conv, kind)))
                return col
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                return convert(defaults(default, n), conv, kind)
            one = convert([default], conv, kind)[0]  # a deferred check: kept once
            if kind != _CALL or _shareable(one):
                return [one] * n
            return convert([default] * n, conv, kind)

        def convert(col: list[Any], conv: Any, kind: int) -> list[Any]:
            if kind == _TEXT:
                texts.extend(col)  # to_text(x) is x, once verified
                col = list(map(shared.setdefault, col, col))  # equal texts: one object
            elif kind == _TITLE:
                texts.extend(filter(None, col))  # the same, "" kept as it is (texts all)
            elif kind == _TEXTS:
                if max(map(len, col), default=0) > 1 and (
                    list(map(len, col)) != list(map(len, map(set, col)))
                ):
                    return [conv(x) for x in col]  # a text given twice: dropped
                texts.extend(_flat(col))
            elif kind == _ID_KIND:
                ids.extend(col)
                col = list(map(shared.setdefault, col, col))
            elif kind == _IDS:  # a tuple of ids: _to_ids(x) == x, once verified
                ids.extend(_flat(col))
            elif kind == _OPT_ID:
                ids.extend(filter(_not_none, col))
                col = list(map(shared.setdefault, col, col))
            elif kind == _MEMO:  # one call per distinct value
                return conv.many(col)  # type: ignore[no-any-return]
            elif kind == _CALL:
                if _holds(col, ()):  # () converted once per converter
                    got = empty.get(conv, empty)
                    if got is empty:
                        got = empty[conv] = conv(())
                    return [got if type(x) is tuple and not x else conv(x) for x in col]
                return list(map(conv, col))
            return col

        def build(given: _Given, n: int) -> list[Any]:
            """*n* values from the columns *given*: a field's values and the rows they are
            given in (None: every row); a field not in *given* is given in no row. Bypassing
            ``__init__``, the fields are set in their order, as ``__init__`` sets them: a
            default made from the object (``takes_self``) finds the fields before it set."""
            if not n:
                return []
            cols: list[tuple[str, list[Any]]] = []
            objs: list[Any] = list(map(new, repeat(cls, n))) if bypass else []
            for name, read, conv, default, kind in plan:
                vals, where = given.get(name, _NONE_GIVEN)
                if where is not None and default is attrs.NOTHING:
                    raise Slow  # required (the converter: "required field missing")
                got = read(vals) if vals else vals
                if not bypass:  # __init__ fills in the defaults itself: left as _MISSING
                    cols.append((name, got if where is None else _placed(n, _MISSING, where, got)))
                    continue
                if where is None:
                    col = convert(got, conv, kind)
                else:
                    col = fill(default, conv, kind, objs, where)
                    if where:
                        _run(map(col.__setitem__, where, convert(got, conv, kind)))
                if len(col) != n:  # pragma: no cover - every column has a value per object
                    raise Slow
                _run(map(setters[name], objs, col))
                cols.append((name, col))
            if not bypass:
                names = [name for name, _ in cols]
                return [
                    cls(**{k: x for k, x in zip(names, row, strict=True) if x is not _MISSING})
                    for row in zip(*(col for _, col in cols), strict=True)
                ]
            values = dict(cols)
            if validators and not attrs.validators.get_disabled():
                for f, types in validators:
                    col = values[f.name]  # a type check every value passes (exact type): in C
                    if types is None or not set(map(type, col)).issubset(types):
                        _run(map(f.validator, objs, repeat(f), col))
            if post_init is not None:
                _run(map(post_init, objs))
            return objs

        def read_attrs(vs: list[Any]) -> list[Any]:
            if not all_of(vs, dict):
                raise Slow
            if by_text and len(vs) > 1:  # posts, sources: the same few, over and over
                got = _read_distinct(vs, read_each)
                if got is not None:
                    return got
            return read_each(vs)

        def read_each(vs: list[Any]) -> list[Any]:
            # every key known: the keys of all the objects, gathered in one set
            keys = set().union(*vs)
            if not known.issuperset(keys):
                raise Slow
            n = len(vs)
            every = sum(map(len, vs)) == len(keys) * n  # every object has every key given
            given: _Given = {}
            for name in names:
                if name not in keys:
                    continue
                has = None if every else list(map(dict.__contains__, vs, repeat(name)))
                if has is None or has.count(True) == n:
                    given[name] = (list(map(dict.__getitem__, vs, repeat(name))), None)
                else:
                    given[name] = (list(map(dict.__getitem__, compress(vs, has), repeat(name))),
                                   list(compress(range(n), has)))
            return build(given, n)

        names = [name for name, *_ in plan]
        by_text = _text_valued(cls)
        self._builders[cls] = (build, known)
        return read_attrs
