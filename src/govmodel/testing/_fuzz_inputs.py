"""The fuzz run's inputs (private): malformed dataset texts and decision sets.

:func:`malformed_texts` mutates valid dataset texts (a field's type, a tag, a date, a
number, a truncation, bytes that are not UTF-8); :func:`decision_sets` draws decisions over
a small pool of ids, so that most refer to each other. :mod:`govmodel.testing.fuzz` feeds
them to the loader and the engine.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.decisions import EFFECT_TYPES, Decision
from govmodel.errors import InvalidValueError
from govmodel.model import Agency, AnyOrganisation, Committee, Unit
from govmodel.serialize import dumps
from govmodel.testing._scenarios import datasets
from govmodel.testing._values import _organisations, dates, decisions

__all__ = ["ARBITRARY", "decision_sets", "malformed_texts"]

Org = AnyOrganisation
Json = Any

# --------------------------------------------------------------------------- JSON values

_TAGS = [*sorted(EFFECT_TYPES), "Agency", "Unit", "Committee", "Organisation", "Effect"]
_FIELDS = [
    "type", "id", "org_id", "org", "name", "parent", "kind", "level", "number", "issuer",
    "year", "signed_on", "effective_on", "expires_on", "known_on", "effects", "supersedes",
    "repeals", "amends", "sources", "into", "establish", "parts", "members", "mandate",
    "extends", "schema_version", "decisions", "organisations", "observations",
]  # fmt: skip
_STRINGS = [
    "", " ", "\u0000", "a" * 300, "2021-02-30", "2021-13-01", "0000-01-01", "0001-01-01",
    "9999-12-31", "13/10/2021", "ngày 13 tháng 10 năm 2021", "2021-1-1", "1/QĐ-UBND",
    "33/2021/QĐ-UBND", "49-NQ/TU", "QĐ", "abc", "p/ubnd", "f/ubnd", "f/so-a", "lang-son-2021",
    "../../etc/passwd", "/etc/passwd", "\ud800", "head", "division", "province", "NaN", *_TAGS,
]  # fmt: skip
_NUMBERS = [0, -1, 1, 2, 999, 2**63, -(2**63), 10**40, 1.5, 1e308, float("nan")]
_NUMBER_TEXT = re.compile(r"(?<=[:\[,] )-?\d+(?=[,\]}])")

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.sampled_from(_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(_STRINGS),
)
_keys = st.one_of(st.sampled_from(_FIELDS), st.text(max_size=8))
json_values: SearchStrategy[Json] = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)

#: Text where a date, an id or a name is expected: from the list above, or anything.
ARBITRARY = st.sampled_from(_STRINGS) | st.text(max_size=12)

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9._\-/]*/[a-z0-9._\-/]*$")


def _slots(tree: Json) -> list[tuple[Any, Any]]:
    """Every (container, key) pair of *tree*, the root excluded, in a fixed order."""
    out: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            items: list[tuple[Any, Any]] = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            continue
        for key, value in items:
            out.append((node, key))
            stack.append(value)
    return out


def _pick(draw: st.DrawFn, items: Sequence[Any]) -> Any:
    return items[draw(st.integers(0, len(items) - 1))]


def _mutate(draw: st.DrawFn, tree: dict[str, Json]) -> str:
    """Break *tree* in one drawn way, in place; return the name of the way."""
    slots = _slots(tree)
    how = draw(
        st.sampled_from(
            [
                "replace", "delete", "add", "retag", "reref", "duplicate", "shuffle", "date",
                "number", "nest", "version",
            ]
        )
    )  # fmt: skip
    if how == "version" or not slots:
        value = draw(st.sampled_from([None, 0, -1, 2, 999, "1", 1.0, True, [1], "absent"]))
        if value == "absent":
            tree.pop("schema_version", None)
        else:
            tree["schema_version"] = value
        return "version"
    if how == "replace":
        node, key = _pick(draw, slots)
        node[key] = draw(json_values)
    elif how == "delete":
        node, key = _pick(draw, slots)
        del node[key]
    elif how == "add":
        objects = [tree, *(n[k] for n, k in slots if isinstance(n[k], dict))]
        obj = _pick(draw, objects)
        obj[draw(_keys)] = draw(json_values)
    elif how == "retag":
        tagged = [n[k] for n, k in slots if isinstance(n[k], dict) and "type" in n[k]]
        if tagged:
            _pick(draw, tagged)["type"] = draw(st.sampled_from([*_TAGS, "Teleport", "", 7, None]))
    elif how == "reref":
        refs = [(n, k) for n, k in slots if isinstance(n[k], str) and _ID_LIKE.match(n[k])]
        if refs:
            node, key = _pick(draw, refs)
            pool = sorted({n[k] for n, k in refs})
            node[key] = draw(st.sampled_from(pool) | st.sampled_from(_STRINGS))
    elif how == "duplicate":
        lists = [n[k] for n, k in slots if isinstance(n[k], list) and n[k]]
        if lists:
            target = _pick(draw, lists)
            item = copy.deepcopy(_pick(draw, target))
            target.insert(draw(st.integers(0, len(target))), item)
    elif how == "shuffle":
        lists = [n[k] for n, k in slots if isinstance(n[k], list) and len(n[k]) > 1]
        if lists:
            target = _pick(draw, lists)
            target[:] = draw(st.permutations(target))
    elif how == "date":
        found = [(n, k) for n, k in slots if isinstance(n[k], str) and _ISO.match(n[k])]
        if found:
            node, key = _pick(draw, found)
            try:
                day = dt.date.fromisoformat(node[key])
                shifted = day + dt.timedelta(days=draw(st.integers(-400, 400)))
                node[key] = draw(st.sampled_from([shifted.isoformat(), *_STRINGS[4:13]]))
            except (ValueError, OverflowError):
                node[key] = draw(st.sampled_from(_STRINGS[4:13]))
    elif how == "number":
        found = [(n, k) for n, k in slots if isinstance(n[k], int | float)]
        if found:
            node, key = _pick(draw, found)
            node[key] = draw(st.sampled_from(_NUMBERS) | st.integers())
    else:  # nest
        node, key = _pick(draw, slots)
        nested: Json = node[key]
        for _ in range(draw(st.integers(1, 400))):
            nested = [nested] if draw(st.booleans()) else {"x": nested}
        node[key] = nested
    return how


def _bundled_texts() -> list[str]:
    from govmodel.datasets import datasets as bundled  # noqa: PLC0415 - loaded on demand
    from govmodel.datasets import read_dataset  # noqa: PLC0415

    # the large national datasets would make every mutation slow and find nothing the small
    # ones do not: the fuzz run mutates the hand-made datasets only
    texts = [dumps(read_dataset(name)) for name in bundled() if not name.startswith("vietnam-")]
    return [t for t in texts if len(t) < _MAX_TEXT]


#: The largest bundled text the fuzz run mutates (characters).
_MAX_TEXT = 400_000


_BUNDLED: list[str] = []
_DATASETS = datasets(max_steps=6)


def _base_text(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:
        if not _BUNDLED:
            _BUNDLED.extend(_bundled_texts())
        if _BUNDLED:
            return str(_pick(draw, _BUNDLED))
    return dumps(draw(_DATASETS))


@st.composite
def _malformed_texts(draw: st.DrawFn) -> str | bytes:
    style = draw(st.integers(0, 19))
    if style == 0:
        return draw(st.binary(max_size=200))
    if style == 1:
        return draw(st.text(max_size=200))
    if style == 2:
        return json.dumps(draw(json_values))
    tree = json.loads(_base_text(draw))
    for _ in range(draw(st.integers(1, 4))):
        _mutate(draw, tree)
    text = json.dumps(tree, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 4)) != 0:
        return text
    cut = draw(st.integers(0, len(text)))
    damage = draw(st.sampled_from(["truncate", "splice", "bytes", "bom", "surrogate", "huge"]))
    if damage == "huge":  # more digits than Python converts to an int by default
        return _NUMBER_TEXT.sub("9" * 5000, text, count=1)
    if damage == "truncate":
        return text[:cut]
    if damage == "splice":
        return text[:cut] + draw(st.text(min_size=1, max_size=4)) + text[cut:]
    if damage == "surrogate":
        return text[:cut] + "\ud800" + text[cut:]
    raw = text.encode("utf-8")
    if damage == "bom":
        return b"\xef\xbb\xbf" + raw
    bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00"]))
    return raw[:cut] + bad + raw[cut:]


def malformed_texts() -> SearchStrategy[str | bytes]:
    """Dataset texts (``str`` or ``bytes``), nearly all of them broken in some way.

    A test of your own loading code can assert that each is refused with a
    :class:`~govmodel.errors.DatasetError`, or loaded, and nothing else.
    """
    return _malformed_texts()


# --------------------------------------------------------------------------- decision sets

POOL = ("f/ubnd", "f/so-a", "f/so-b", "f/so-a/u1", "f/so-a/u2", "f/bcd")
_FIRST_STATES: tuple[Org, ...] = (
    Agency(id="f/ubnd", name="Ủy ban nhân dân tỉnh F", kind="peoples_committee", level="province"),
    Agency(id="f/so-a", name="Sở A", parent="f/ubnd", kind="department", level="province"),
    Agency(id="f/so-b", name="Sở B", parent="f/ubnd", kind="department", level="province"),
    Unit(id="f/so-a/u1", name="Phòng 1", parent="f/so-a", kind="division"),
    Committee(id="f/bcd", name="Ban Chỉ đạo F", parent="f/ubnd"),
)
_WINDOW = dates(dt.date(2020, 1, 1), dt.date(2020, 3, 31))
_DECISIONS = st.lists(decisions(ids=POOL, dates=_WINDOW, max_effects=3), max_size=6)
_FIRST = st.lists(st.sampled_from(_FIRST_STATES), unique=True)


@st.composite
def _decision_sets(draw: st.DrawFn) -> tuple[tuple[Org, ...], tuple[Decision, ...]]:
    initial = list(draw(_FIRST))
    if draw(st.integers(0, 4)) == 0:  # first states that may not hold together
        known = {o.id for o in initial}
        extra = draw(_organisations(None, None, POOL))
        if extra.id not in known:
            initial.append(extra)
    plain: list[Decision] = []
    for d in draw(_DECISIONS):  # a small identity space, so that identities collide
        if draw(st.booleans()):
            k = draw(st.integers(1, 8))
            same = {"issuer": "f/ubnd", "year": 2020, "supersedes": (), "repeals": (), "amends": ()}
            plain.append(_evolved(d, number=f"{k}/QĐ-UBND", **same))
        else:
            plain.append(d)
    refs = [d.ref for d in plain]
    out: list[Decision] = []
    for d in plain:  # supersessions, repeals and amendments within the set
        others = [r for r in refs if r != d.ref]
        if len(others) > 0 and draw(st.booleans()):
            pick = st.lists(st.sampled_from(others), max_size=2, unique=True)
            ends = {"supersedes": draw(pick), "repeals": draw(pick), "amends": draw(pick)}
            out.append(_evolved(d, **ends))
        else:
            out.append(d)
    return tuple(initial), tuple(out)


def _evolved(d: Decision, **changes: Any) -> Decision:
    """*d* with *changes*, or *d* itself when they would make it invalid."""
    try:
        return d.evolve(**changes)
    except InvalidValueError:
        return d


def decision_sets() -> SearchStrategy[tuple[tuple[Org, ...], tuple[Decision, ...]]]:
    """``(first states, decisions)`` over six organisation ids and three months of 2020.

    Each value is valid on its own; together they are mostly not a valid timeline (unknown
    or dead organisations, cycles, same-day conflicts, duplicate identities, supersessions
    of unknown or later decisions), which is the point.
    """
    return _decision_sets()


