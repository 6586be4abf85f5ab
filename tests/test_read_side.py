"""The read side's shortcuts (govmodel._serial: load.read_bytes, cells._regrouped, the fast
reader's effect tables read together) on generated inputs.

Laws: a gzip file read in one zlib call gives exactly the bytes, or the problem, that
reading it through ``gzip.GzipFile`` gives, whatever the file (one member, several, padding,
truncated, damaged, too large); items regrouped into tuples are the tuples of their lists;
the effect tables of several decisions, read as one, give each decision the effects its
own table gives (columns left out of some tables, rows of several types); and a key given
twice anywhere in a compact file is still a problem.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from itertools import accumulate
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel._serial.cells import Slow, _regrouped
from govmodel._serial.fast import FastReader
from govmodel._serial.load import _gunzip_one, read_bytes
from govmodel._serial.table import untable
from govmodel.decisions import Decision, Effect
from govmodel.errors import DatasetError, Problem
from govmodel.serialize import loads
from test_fast_reader import converted

SOME = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def read_bytes_by_gzipfile(raw: bytes, name: str, max_bytes: int) -> bytes:
    """read_bytes as it was: every .gz file read through gzip.GzipFile."""
    if name.endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as z:
                raw = z.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise DatasetError([Problem("$", f"not a gzip file: {exc}")], file=name) from None
    if len(raw) > max_bytes:
        raise DatasetError([Problem("$", f"file larger than {max_bytes} bytes")], file=name)
    return raw


def outcome(read: Any, raw: bytes, max_bytes: int) -> tuple[str, Any]:
    try:
        return ("bytes", read(raw, "f.json.gz", max_bytes))
    except DatasetError as exc:
        return ("problems", [(p.path, p.reason) for p in exc.problems])
    except Exception as exc:  # nothing else may escape (see the test below)
        return (type(exc).__name__, str(exc))


@st.composite
def gzip_files(draw: st.DrawFn) -> bytes:
    """Gzip files, mostly whole, some with more members, padding, a cut or a bad byte."""
    members = draw(st.lists(st.binary(max_size=300), min_size=1, max_size=3))
    raw = b"".join(gzip.compress(m, mtime=0) for m in members)
    change = draw(st.sampled_from(["none", "none", "pad", "cut", "flip", "junk"]))
    if change == "pad":
        raw += b"\x00" * draw(st.integers(1, 8))
    elif change == "cut":
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif change == "flip":
        i = draw(st.integers(0, len(raw) - 1))
        raw = raw[:i] + bytes([raw[i] ^ draw(st.integers(1, 255))]) + raw[i + 1:]
    elif change == "junk":
        raw += draw(st.binary(min_size=1, max_size=20))
    return raw


@SOME
@given(gzip_files(), st.integers(0, 400))
def test_a_gzip_file_reads_as_gzipfile_reads_it(raw: bytes, max_bytes: int) -> None:
    got = outcome(read_bytes, raw, max_bytes)
    assert got == outcome(read_bytes_by_gzipfile, raw, max_bytes)
    assert got[0] in ("bytes", "problems"), got  # a bad file is a problem, never an exception


def test_a_damaged_gzip_body_is_a_problem_at_the_root() -> None:
    """A flipped byte inside the compressed body ("invalid stored block lengths") was a raw
    zlib.error; it is a DatasetError at ``$``."""
    raw = bytearray(gzip.compress(b"x" * 50, compresslevel=0, mtime=0))
    raw[12] ^= 0xFF  # the stored block's length
    with pytest.raises(DatasetError) as err:
        read_bytes(bytes(raw), "f.json.gz")
    assert err.value.problems[0].path == "$"
    assert "not a gzip file" in err.value.problems[0].reason


def test_a_whole_gzip_file_is_read_in_one_call() -> None:
    """The usual file (one member) is not read through GzipFile (the shortcut is taken)."""
    data = "xã Tân Thành".encode() * 100
    assert _gunzip_one(gzip.compress(data), len(data)) == data
    assert _gunzip_one(gzip.compress(data), len(data) - 1) is None  # too large: as before
    assert _gunzip_one(gzip.compress(data) * 2, 10 * len(data)) is None  # two members


@SOME
@given(st.lists(st.lists(st.integers(), max_size=3), max_size=8))
def test_regrouped_items_are_the_tuples_of_their_lists(lists: list[list[int]]) -> None:
    flat = [x for lst in lists for x in lst]
    assert _regrouped(flat, [len(lst) for lst in lists]) == [tuple(lst) for lst in lists]
    ends = list(accumulate(map(len, lists)))
    assert ends[-1:] == [len(flat)] or not lists


# --------------------------------------------------------------- effect tables, together

UNIT = {"type": "AdminUnit", "name": "xã A", "unit_type": "xa", "parent": "p"}


@st.composite
def effect_tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Decisions whose effects are tables: merges and renames, some columns left out of
    some tables, optional cells given in some rows only."""
    decisions = []
    for d in range(draw(st.integers(1, 4))):
        rows: list[dict[str, Any]] = []
        for r in range(draw(st.integers(0, 4))):
            into = f"p/n{d}-{r}"
            if draw(st.booleans()):
                row: dict[str, Any] = {"type": "Merge", "sources": [f"p/a{d}-{r}", f"p/b{d}-{r}"],
                                       "into": into}
                if draw(st.booleans()):
                    row["establish"] = {**UNIT, "id": into,
                                        "identifiers": [{"scheme": "gso", "value": f"{d}{r}"}]}
            else:
                row = {"type": "Rename", "org_id": f"p/a{d}-{r}", "name": f"xã B{r}"}
            if draw(st.booleans()):
                row["effective_on"] = draw(st.sampled_from(["2025-07-01", "2025-06-20"]))
            rows.append(row)
        keys = list(dict.fromkeys(k for row in rows for k in row)) or ["type"]
        columns = {k: [row.get(k) for row in rows] for k in keys}
        decisions.append({"number": f"{d + 1}/NQ-UBTVQH15", "issuer": "vn/ubtvqh",
                          "signed_on": "2025-06-16", "title": "Nghị quyết",
                          "effects": {"columns": columns}})
    return decisions


@SOME
@given(effect_tables())
def test_effect_tables_read_together_as_each_alone(decisions: list[dict[str, Any]]) -> None:
    """The decisions' effect tables read as one give each decision what the converter reads
    from its plain rows (and what reading its table alone gives)."""
    fast = FastReader()
    got = fast.read_many(decisions, Decision)
    assert fast.verified()
    plain, _ = untable({"decisions": decisions}, [])
    assert got == converted(plain, "decisions", Decision)
    alone = FastReader()
    assert [d.effects for d in got] == [
        tuple(alone.read_table(d["effects"], Effect)) for d in decisions
    ]


def test_a_required_column_missing_from_one_table_is_not_read_fast() -> None:
    """A merge whose table leaves out "into" is not read here, though another table has it."""
    one = {"number": "1/NQ-UBTVQH15", "issuer": "vn/ubtvqh", "signed_on": "2025-06-16",
           "title": "Nghị quyết", "effects": {"columns": {
               "type": ["Merge"], "sources": [["p/a"]], "into": ["p/n"]}}}
    two = {**one, "number": "2/NQ-UBTVQH15",
           "effects": {"columns": {"type": ["Merge"], "sources": [["p/b"]]}}}
    with pytest.raises(Slow):
        FastReader().read_many([one, two], Decision)


@pytest.mark.parametrize("where", ["columns", "row", "top"])
def test_a_key_given_twice_in_a_compact_file_is_a_problem(where: str) -> None:
    """Wherever a key is repeated (a table's columns, an object in a cell, the top level),
    the file is refused with the key named, at $."""
    cols = '"type": ["AdminUnit"], "id": ["p"], "name": ["tỉnh P"], "unit_type": ["tinh"]'
    ident = '{"scheme": "gso", "value": "01"}'
    if where == "columns":
        cols += ', "name": ["tỉnh Q"]'
    elif where == "row":
        ident = '{"scheme": "gso", "value": "01", "value": "02"}'
    top = '"name": "n", "title": "t"' + (', "title": "u"' if where == "top" else "")
    text = (f'{{"schema_version": 1, {top}, "organisations": {{"columns": {{{cols}, '
            f'"identifiers": [[{ident}]]}}}}}}')
    json.loads(text)  # valid JSON: Python's own parser keeps the last value silently
    with pytest.raises(DatasetError) as info:
        loads(text)
    [problem] = info.value.problems
    assert problem.path == "$" and "duplicate key" in problem.reason
