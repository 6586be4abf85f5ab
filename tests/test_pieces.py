"""Parsing a dataset's text a slice of items at a time (govmodel._serial.pieces).

Laws: on any text, ``parse_reading`` gives exactly what ``json.loads`` gives (with the
dataset's hooks) — the arrays named handed to their readers in slices of the size asked,
in order — or gives way (None) exactly when ``json.loads`` refuses the text or reads it to
something else than an object; a reader that raises makes it give way. And the loader
really takes this path: a bundled dataset is read by it, to the dataset the whole parse
gives.
"""

from __future__ import annotations

import json
import os
import threading
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from govmodel._serial import load as load_module
from govmodel._serial.fast import FastReader
from govmodel._serial.load import _Text, read_bytes
from govmodel._serial.pieces import parse_reading
from govmodel._serial.safejson import json_hooks
from govmodel.datasets import read_dataset
from govmodel.errors import DatasetError
from govmodel.model import Source
from govmodel.serialize import dumps, load, loads
from strategies import datasets
from test_bad_inputs import ENGINE, dataset_json

DATA = Path(str(files("govmodel.datasets")))
SOME = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
HOOKS = json_hooks(False)  # repeated keys and constants refused, as a dataset's parse

_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(
    alphabet=st.sampled_from('ab "\\\n\t{}[],:ệ\x00'), max_size=6
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(alphabet="ab,:[]{}", max_size=3), inner, max_size=4),
    max_leaves=20,
)
_KEYS = ("decisions", "organisations", "a")
_objects = st.dictionaries(
    st.sampled_from(_KEYS) | st.text(alphabet="abc", max_size=2),
    _json | st.lists(_json, max_size=9),
    max_size=5,
)


def _recording(calls: list[list[Any]]) -> Any:
    def read(items: list[Any]) -> list[Any]:
        calls.append(list(items))
        return [("read", item) for item in items]

    return read


def _texts(value: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([
        json.dumps(value), json.dumps(value, indent=2), json.dumps(value, separators=(",", ":")),
        " \n" + json.dumps(value, ensure_ascii=False, indent="\t") + "\r\n ",
    ])


@SOME
@given(st.data(), _objects, st.integers(1, 4))
def test_a_text_reads_to_what_json_loads_gives_the_arrays_in_slices(
    data: st.DataObject, obj: dict[str, Any], chunk: int
) -> None:
    text = data.draw(_texts(obj))
    calls: dict[str, list[list[Any]]] = {key: [] for key in _KEYS}
    readers = {key: _recording(calls[key]) for key in _KEYS}
    got = parse_reading(text, readers, hooks=HOOKS, chunk=chunk)
    assert got is not None
    top, read = got
    arrays = {k for k, v in obj.items() if k in readers and type(v) is list}
    event(f"arrays read: {len(arrays)}")
    assert top == {k: v for k, v in obj.items() if k not in arrays}
    assert read == {k: [("read", x) for x in obj[k]] for k in arrays}
    for key in arrays:  # every slice of the size asked but the last, in order
        sizes = [len(c) for c in calls[key]]
        assert [x for c in calls[key] for x in c] == obj[key]
        assert all(n == chunk for n in sizes[:-1]) and 0 < (sizes[-1] if sizes else 1) <= chunk
    assert all(not calls[k] for k in _KEYS if k not in arrays)


def _loaded(text: str) -> Any:
    try:
        return json.loads(text, **HOOKS)
    except (ValueError, RecursionError):
        return None


_edits = st.tuples(st.integers(0, 10_000), st.integers(0, 3), st.sampled_from(
    ['', ',', '"', '{', '}', '[', ']', ':', ' ', 'x', '1', 'NaN', '"a":1,', '\ufeff', '\\']
))


@SOME
@given(st.data(), _objects, st.lists(_edits, min_size=1, max_size=3), st.integers(1, 3))
def test_a_text_gives_way_exactly_when_json_loads_refuses_it(
    data: st.DataObject, obj: dict[str, Any], edits: list[tuple[int, int, str]], chunk: int
) -> None:
    text = data.draw(_texts(obj))
    for where, cut, put in edits:  # characters cut and put anywhere: mostly broken texts
        at = where % (len(text) + 1)
        text = text[:at] + put + text[at + cut:]
    expected = _loaded(text)
    readers = dict.fromkeys(_KEYS, list)  # each item read as itself
    got = parse_reading(text, readers, hooks=HOOKS, chunk=chunk)
    event("refused" if got is None else "read")
    if type(expected) is not dict:
        assert got is None
    else:
        assert got is not None
        top, read = got
        assert {**top, **read} == expected
        assert not top.keys() & read.keys()


def test_a_repeated_key_or_a_constant_gives_way() -> None:
    readers = {"decisions": list}
    assert parse_reading('{"a": 1, "a": 2}', readers, hooks=HOOKS) is None
    assert parse_reading('{"decisions": [], "decisions": []}', readers, hooks=HOOKS) is None
    assert parse_reading('{"decisions": [{"x": 1, "x": 1}]}', readers, hooks=HOOKS) is None
    assert parse_reading('{"decisions": [NaN]}', readers, hooks=HOOKS) is None
    # without the hooks (a bundled file's verified bytes) a constant is read as json reads it
    got = parse_reading('{"decisions": [Infinity]}', readers, hooks={})
    assert got == ({}, {"decisions": [float("inf")]})


def test_a_reader_that_raises_makes_it_give_way() -> None:
    def refuse(items: list[Any]) -> list[Any]:
        if 3 in items:
            raise ValueError("not this one")
        return items

    text = json.dumps({"decisions": [1, 2, 3, 4], "name": "x"})
    assert parse_reading(text, {"decisions": refuse}, hooks=HOOKS, chunk=2) is None
    assert parse_reading(text, {"decisions": refuse}, hooks=HOOKS, chunk=2) is None
    ok = json.dumps({"decisions": [1, 2, 4], "name": "x"})
    assert parse_reading(ok, {"decisions": refuse}, hooks=HOOKS, chunk=2) == (
        {"name": "x"}, {"decisions": [1, 2, 4]}
    )


def test_nesting_too_deep_for_the_scanner_gives_way() -> None:
    deep = '{"decisions": [' + "[" * 100_000 + "]" * 100_000 + "]}"
    assert _loaded(deep) is None  # json.loads: RecursionError
    assert parse_reading(deep, {"decisions": list}, hooks=HOOKS) is None


@pytest.mark.parametrize(
    "name", ["lang-son-2021", "vietnam-provinces-2025", "vietnam-communes-2025.json.gz"]
)
def test_a_bundled_file_is_read_a_slice_at_a_time(name: str) -> None:
    """The loader's own path: a bundled file's text (the commune one in the compact form) is
    read as it is parsed, not given way on, to the decisions of the dataset it loads to."""
    path = DATA / (name if name.endswith(".gz") else f"{name}.json")
    text = read_bytes(path.read_bytes(), str(path), 1 << 30).decode("utf-8")
    ds = read_dataset(name.removesuffix(".json.gz"))
    fast = FastReader()
    got = _Text(text, str(path), False).read(fast)
    assert got is not None
    top, read = got
    assert fast.verified()
    assert len(read["decisions"]) == len(ds.decisions) > 0
    assert tuple(read["decisions"]) == ds.decisions
    assert "decisions" not in top and top["name"] == ds.name


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(datasets(max_steps=6), st.integers(1, 3))
def test_a_dataset_read_in_slices_equals_the_dataset(ds: Any, chunk: int) -> None:
    assume(ds.decisions)
    text = dumps(ds)
    fast = FastReader()
    readers = {"decisions": lambda items: fast.read_many(items, type(ds.decisions[0]))}
    got = parse_reading(text, readers, hooks=HOOKS, chunk=chunk)
    assert got is not None
    # the deferred check may only be cautious with a text holding its separator, \x00
    assert fast.verified() or "\\u0000" in text
    assert tuple(got[1]["decisions"]) == ds.decisions


# --------------------------------------------------------------------------- the text let go


def _whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every load parse its text whole, as before the slices."""
    monkeypatch.setattr(load_module, "parse_reading", lambda *a, **k: None)


def _problems(load_it: Any) -> tuple[Any, ...]:
    with pytest.raises(DatasetError) as info:
        load_it()
    return info.value.file, info.value.problems


@pytest.mark.parametrize("compact", [False, True], ids=["plain", "compact"])
@pytest.mark.parametrize("case", list(ENGINE), ids=list(ENGINE))
def test_a_fault_found_after_the_items_are_read_is_reported_as_the_whole_parse_reports_it(
    case: str, compact: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The items read as parsed, the text let go: an engine fault found then is reported at
    the same paths (into the effect tables of the compact form too) as when the text is
    parsed whole — from a text, its bytes, or its file."""
    c = ENGINE[case]
    ds = loads(json.dumps(dataset_json(list(c.good)), ensure_ascii=False))
    text = dumps(attrs.evolve(ds, decisions=(*ds.decisions, c.bad)), compact=compact)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    read: list[bool] = []
    real = load_module.parse_reading
    monkeypatch.setattr(load_module, "parse_reading",
                        lambda *a, **k: read.append(True) or real(*a, **k))
    sliced = [_problems(lambda: loads(text)), _problems(lambda: loads(text.encode())),
              _problems(lambda: load(path))]
    assert read == [True] * 3
    _whole(monkeypatch)
    whole = [_problems(lambda: loads(text)), _problems(lambda: loads(text.encode())),
             _problems(lambda: load(path))]
    assert sliced == whole
    assert any(".effects.columns." in p.path for p in sliced[0][1]) == (
        compact and c.effect is not None
    )


def test_a_file_read_through_a_pipe_reports_its_problems(tmp_path: Path) -> None:
    """A named pipe can be read once only: its problems are those of the same file."""
    text = json.dumps({"schema_version": 1, "name": "x", "title": "X", "zz": 1})
    plain = tmp_path / "d.json"
    plain.write_text(text, encoding="utf-8")
    fifo = tmp_path / "d.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(text,), daemon=True)
    writer.start()
    assert _problems(lambda: load(fifo))[1] == _problems(lambda: load(plain))[1]
    writer.join(5)
    assert not writer.is_alive()


def test_a_header_text_the_deferred_check_doubts_sends_the_whole_file_to_the_converter() -> None:
    """The items are read as parsed, then the header's texts are checked: one the check is
    cautious about (it holds the separator \\x00) makes the converter read the whole tree,
    which the text must still be there to give."""
    ds = read_dataset("lang-son-2021")
    doubted = attrs.evolve(ds, sources=(Source("công báo\x00 số 1"),))
    text = dumps(doubted)
    assert loads(text) == doubted
    assert loads(text.encode()) == doubted
