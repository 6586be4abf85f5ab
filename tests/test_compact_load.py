"""The compact form of a dataset (tables of columns) and the fast reader of valid files.

Laws: a dataset written as tables reads to the dataset its plain form reads to, and builds
the same timeline; the fast reader (govmodel._serial.fast) reads every item exactly as the
cattrs converter does, and never reads one the converter refuses; a problem in a table is
reported once, on the cell (or row) it is in; `govmodel validate` reads the compact form.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import gzip
import importlib.util
import json
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel as gm
from govmodel._fields import to_text
from govmodel._serial.bundled import bundled, names
from govmodel._serial.checks import all_tidy
from govmodel._serial.fast import FastReader, Slow
from govmodel._serial.paths import _structure_list
from govmodel._serial.table import dumps_tables
from govmodel.decisions import Decision
from govmodel.errors import DatasetError, GovModelError
from govmodel.model import AnyOrganisation
from govmodel.serialize import dump, dumps, load, loads
from strategies import datasets

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def generator() -> ModuleType:
    """tools/build_national.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("build_national", ROOT / "tools" / "build_national.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def commune_texts() -> tuple[str, str]:
    """The commune dataset as the generator writes it: (plain form, compact form)."""
    gen = generator()
    data = gen.build_communes()
    return gen.dumps(data), gen.dumps_compact(data)


def test_the_bundled_commune_file_is_the_compact_form() -> None:
    """The bundled file is what the generator's compact writer gives, and it is small."""
    path = ROOT / "src" / "govmodel" / "datasets" / "vietnam-communes-2025.json.gz"
    assert gzip.decompress(path.read_bytes()).decode("utf-8") == commune_texts()[1]
    total = sum(p.stat().st_size for p in path.parent.iterdir() if p.name.endswith((".json", ".gz")))
    assert total <= 2_000_000


def test_compact_and_plain_forms_give_equal_datasets_and_timelines() -> None:
    """The commune dataset read from its plain and from its compact form: equal datasets,
    equal timelines (decisions, first states, observations), the same snapshots."""
    plain_text, compact_text = commune_texts()
    plain, compact = loads(plain_text), loads(compact_text)
    assert plain == compact
    tl1, tl2 = plain.timeline(), compact.timeline()
    assert tl1 == tl2
    for day in ("2025-01-01", "2025-06-16", "2025-06-30", "2025-07-01", "2026-01-01"):
        a, b = tl1.as_of(day), tl2.as_of(day)
        assert a == b
        assert {o.id: o for o in a.organisations()} == {o.id: o for o in b.organisations()}
    some = "ha-noi/quan-ba-dinh/phuong-phuc-xa"
    assert tl1.history(some) == tl2.history(some)
    assert tl1.successors(some) == tl2.successors(some)


def test_the_bundled_timeline_equals_the_plain_forms() -> None:
    """gm.load_dataset of the bundled (compact) file gives the timeline the plain form gives."""
    plain = loads(commune_texts()[0])
    assert gm.load_dataset("vietnam-communes-2025") == plain.timeline()


@pytest.mark.parametrize("name", names())
def test_every_bundled_dataset_round_trips_through_the_table_form(name: str) -> None:
    """dumps_tables writes any dataset as tables; reading it back gives the same dataset."""
    ds = bundled(name)
    assert loads(dumps_tables(ds)) == ds
    assert loads(dumps(ds)) == ds


@pytest.mark.parametrize("name", names())
def test_the_fast_reader_reads_as_the_converter(name: str) -> None:
    """Every organisation and decision of every bundled dataset, read by the fast reader,
    equals the converter's reading; the texts and ids it deferred are all valid."""
    data = json.loads(dumps(bundled(name)))
    fast = FastReader()
    orgs = fast.read_many(data.get("organisations", []), AnyOrganisation)
    decisions = fast.read_many(data.get("decisions", []), Decision)
    assert fast.verified()
    assert orgs == [o for _, o in _structure_list(data, "organisations", AnyOrganisation, [])]
    assert decisions == [d for _, d in _structure_list(data, "decisions", Decision, [])]


AGENCY = {"type": "Agency", "id": "x/ubnd", "name": "Ủy ban nhân dân tỉnh X",
          "kind": "peoples_committee", "level": "province"}


@pytest.mark.parametrize("bad", [
    {"name": 5}, {"name": ""}, {"kind": "ministryy"}, {"level": None}, {"colour": "blue"},
    {"parent": "x/ubnd"}, {"short_names": "UBND"}, {"identifiers": [{"scheme": "gso"}]},
    {"identifiers": [{"scheme": "gso", "value": "01", "valid_from": "1/7/2025"}]},
    {"id": "X/UBND"}, {"type": "Agencyy"},
])
def test_the_fast_reader_never_reads_what_the_converter_refuses(bad: dict[str, Any]) -> None:
    """An item the converter refuses makes the fast reader give up (Slow), whatever the fault."""
    item = {**AGENCY, **bad}
    with pytest.raises(DatasetError):
        loads(json.dumps({"schema_version": 1, "name": "n", "title": "t",
                          "organisations": [item]}))
    fast = FastReader()
    try:
        fast.read_many([item], AnyOrganisation)
    except Slow:
        return
    assert not fast.verified()  # a fault only the deferred check sees


def test_an_untidy_text_in_a_large_file_is_read_by_the_converter() -> None:
    """A text that is not NFC (or has doubled spaces) is normalised as the plain path does:
    the file is then read by the converter and the dataset equals the tidy one."""
    _, compact = commune_texts()
    data = json.loads(compact)
    names_ = data["organisations"]["columns"]["name"]
    tidy = names_[3]
    names_[3] = unicodedata.normalize("NFD", tidy).replace(" ", "  ", 1)
    ds = loads(json.dumps(data, ensure_ascii=False))
    assert ds.organisations[3].name == tidy
    assert ds == loads(compact)


@given(st.lists(st.text(alphabet=st.sampled_from("a é\u0301\t\x00\u00a0\ud800"), max_size=6),
                max_size=5))
def test_all_tidy_agrees_with_to_text(texts: list[str]) -> None:
    """all_tidy(texts) holds when to_text returns every text unchanged (texts holding the
    separator \x00 may be refused), and never when it would change or refuse one."""
    def unchanged(t: str) -> bool:
        try:
            return to_text(t) == t
        except GovModelError:
            return False
    if all_tidy(texts):  # never more lenient than to_text
        assert all(unchanged(t) for t in texts)
    if all(unchanged(t) and "\x00" not in t for t in texts):  # and only cautious with \x00
        assert all_tidy(texts)


# --------------------------------------------------------------------------- problems

SMALL = {
    "schema_version": 1, "name": "small", "title": "Two units and a merge",
    "organisations": {"columns": {
        "type": ["AdminUnit", "AdminUnit", "AdminUnit"],
        "id": ["p", "p/a", "p/b"],
        "name": ["tỉnh P", "xã A", "xã B"],
        "parent": [None, "p", "p"],
        "unit_type": ["tinh", "xa", "xa"],
    }},
    "decisions": [{
        "number": "1/NQ-UBTVQH15", "issuer": "p", "signed_on": "2025-06-16",
        "effects": {"columns": {
            "type": ["Merge", "Rename"],
            "sources": [["p/b"], None],
            "into": ["p/a", None],
            "org_id": [None, "p/a"],
            "name": [None, "xã A mới"],
        }},
    }],
}


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DatasetError) as info:
        loads(json.dumps(data, ensure_ascii=False))
    return [str(p) for p in info.value.problems]


def test_a_small_table_file_reads_as_its_plain_form() -> None:
    """The table above is the plain dataset it stands for."""
    plain = copy.deepcopy(SMALL)
    cols = SMALL["organisations"]["columns"]
    plain["organisations"] = [
        {k: v[i] for k, v in cols.items() if v[i] is not None} for i in range(3)
    ]
    plain["decisions"][0]["effects"] = [
        {"type": "Merge", "sources": ["p/b"], "into": "p/a"},
        {"type": "Rename", "org_id": "p/a", "name": "xã A mới"},
    ]
    assert loads(json.dumps(SMALL)) == loads(json.dumps(plain))


def test_problems_in_a_table_are_on_their_cells() -> None:
    """A bad cell is reported at `<table>.columns.<field>[row]`, a fault of a whole row at
    `<table>.columns.*[row]`, a cell a row's type does not have as an unknown field, and
    the engine's faults on the effect table's cells."""
    data = copy.deepcopy(SMALL)
    cols = data["organisations"]["columns"]
    cols["name"][1] = 7
    cols["parent"][2] = "p/b"  # its own parent: a fault of the row
    cols["kind"] = [None, "ministry", None]  # AdminUnit has no kind
    effects = data["decisions"][0]["effects"]["columns"]
    effects["org_id"][1] = "p/zzz"
    got = problems_of(data)
    assert got[:3] == [
        "$.organisations.columns.name[1]: expected a string, not a number",
        "$.organisations.columns.kind[1]: unknown field",
        "$.organisations.columns.*[2]: organisation 'p/b' cannot be its own parent",
    ]
    assert any(p.startswith("$.decisions[0].effects.columns.org_id[1]: ") and "p/zzz" in p
               for p in got), got


def test_a_malformed_table_is_one_problem_per_fault() -> None:
    """A column of another length, a column that is not an array, no type column."""
    data = copy.deepcopy(SMALL)
    cols = data["organisations"]["columns"]
    cols["name"] = ["tỉnh P"]
    cols["parent"] = "p"
    got = problems_of(data)
    assert "$.organisations.columns.name: has 1 cells, but the table has 3 rows (the \"type\" column)" in got
    assert "$.organisations.columns.parent: expected an array, not a string" in got
    data = copy.deepcopy(SMALL)
    del data["organisations"]["columns"]["type"]
    data["organisations"]["rows"] = []
    got = problems_of(data)
    assert got[:2] == ["$.organisations.rows: unknown field",
                       "$.organisations.columns.type: required column missing"]


def test_deep_nesting_is_still_refused_before_anything_else() -> None:
    """A file nested deeper than MAX_DEPTH is one problem at `$`, in any form."""
    deep: Any = "x"
    for _ in range(40):
        deep = [deep]
    data = copy.deepcopy(SMALL)
    data["organisations"]["columns"]["name"][0] = deep
    assert problems_of(data) == ["$: JSON nested deeper than 32 levels"]
    data = {**SMALL, "schema_version": 99, "colour": deep}
    assert problems_of(data) == ["$: JSON nested deeper than 32 levels"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from govmodel.cli import main; sys.exit(main())", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )


def test_validate_reads_the_compact_form(tmp_path: Path) -> None:
    """`govmodel validate` accepts a good compact file (gzip or not) and lists the problems
    of a bad one with their paths into the tables."""
    good = tmp_path / "communes.json.gz"
    # flattened: `validate` of a file that extends a bundled dataset does not work yet (no
    # reader of "extends" is registered on that path), whatever its form
    whole = bundled("vietnam-communes-2025").flattened()
    good.write_bytes(gzip.compress(dumps_tables(whole).encode("utf-8")))
    proc = cli("validate", str(good))
    assert proc.returncode == 0, proc.stderr
    assert "ok — 10922 organisations, 37 decisions" in proc.stdout
    small = tmp_path / "small.json"
    small.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    assert cli("validate", str(small)).returncode == 0
    bad = copy.deepcopy(SMALL)
    bad["organisations"]["columns"]["unit_type"][2] = "village"
    small.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    proc = cli("validate", str(small))
    assert proc.returncode == 1
    assert "$.organisations.columns.unit_type[2]" in proc.stdout


def test_loading_a_valid_file_needs_no_converter() -> None:
    """Loading a bundled dataset in a fresh process does not import cattrs (the converter is
    only for files with problems, and for writing)."""
    code = ("import sys, govmodel as gm; gm.load_dataset('vietnam-communes-2025'); "
            "print('cattrs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip() == "False"


def test_dates_and_texts_are_kept_as_the_converter_makes_them() -> None:
    """A value read fast is the same as the converter's: dates are dates, texts NFC."""
    ds = loads(commune_texts()[1])
    merge = ds.decisions[0].effects[0]
    assert merge.effective_on == dt.date(2025, 7, 1)
    assert merge.establish is not None and merge.establish.identifiers[0].valid_from == dt.date(2025, 7, 1)


def test_a_class_with_more_to_set_than_its_fields_is_built_by_its_init() -> None:
    """A value class whose __init__ sets more than its fields (a cached hash) is built by
    calling it; the usual value classes are built without it, equal to their __init__'s."""

    @attrs.frozen(cache_hash=True)
    class Hashed:
        a: str

    got = FastReader().read_many([{"a": "x"}], Hashed)
    assert got == [Hashed("x")] and hash(got[0]) == hash(Hashed("x"))
    unit = {"id": "p", "name": "tỉnh P", "unit_type": "tinh"}
    built = FastReader().read_many([{"type": "AdminUnit", **unit}], AnyOrganisation)[0]
    assert built == gm.AdminUnit(**unit) and hash(built) == hash(gm.AdminUnit(**unit))


@given(datasets())
def test_dump_writes_any_dataset_compact_and_compressed(ds: Any) -> None:
    """`dump(compact=True)` writes the table form, a name ending in .gz compresses it, and
    `load` reads every kind back to the same dataset; the compressed bytes depend only on
    the dataset (no name or time in the gzip header)."""
    assert dumps(ds, compact=True) == dumps_tables(ds)
    with tempfile.TemporaryDirectory() as folder:
        sizes = {}
        for name, compact in (("plain.json", False), ("tables.json", True),
                              ("tables.json.gz", True), ("again.json.gz", True)):
            path = Path(folder) / name
            dump(ds, path, compact=compact)
            assert load(path) == ds
            sizes[name] = path.read_bytes()
        assert gzip.decompress(sizes["tables.json.gz"]).decode("utf-8") == dumps(ds, compact=True)
        assert sizes["tables.json.gz"] == sizes["again.json.gz"]
        assert json.loads(sizes["tables.json"]) == json.loads(dumps_tables(ds))


def test_the_seed_dataset_written_compact_is_smaller_and_reads_back() -> None:
    """lang-son-2021, the seeds' dataset: 50.7 kB plain, smaller as tables, far smaller
    compressed; each reads back to the bundled dataset."""
    ds = bundled("lang-son-2021")
    with tempfile.TemporaryDirectory() as folder:
        plain, tables, packed = (Path(folder) / n for n in ("a.json", "b.json", "c.json.gz"))
        dump(ds, plain)
        dump(ds, tables, compact=True)
        dump(ds, packed, compact=True)
        assert packed.stat().st_size < tables.stat().st_size < plain.stat().st_size
        assert packed.stat().st_size * 4 < plain.stat().st_size
        assert load(plain) == load(tables) == load(packed) == ds
        assert gm.load_dataset(packed) == gm.load_dataset("lang-son-2021")
