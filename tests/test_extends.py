"""Tests of ``"extends"``: a dataset built on bundled datasets, by name only, without copying."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import govmodel as gm
from govmodel.datasets import datasets, load_dataset, read_dataset
from govmodel.errors import DatasetError, InvalidValueError
from govmodel.serialize import Dataset, dumps, load, loads

# the package module (govmodel.datasets is also the name of the function the package exports)
gm_datasets = importlib.import_module("govmodel.datasets")
gm_bundled = importlib.import_module("govmodel._serial.bundled")

HISTORY = ["bac-kan-history", "lang-son-history", "vietnam-central-2025"]
SO = "lang-son/so-tttt"


def doc(**fields: Any) -> str:
    """A minimal dataset's JSON text with *fields* added."""
    return json.dumps({"schema_version": 1, "name": "test", "title": "Test", **fields})


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(DatasetError) as info:
        loads(text)
    return [(p.path, p.reason) for p in info.value.problems]


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Extra "bundled" datasets by name, for cycles and diamonds the real ones do not have."""
    extra: dict[str, str] = {}
    real_files = gm_bundled._files()
    real_raw = gm_bundled._raw
    monkeypatch.setattr(
        gm_bundled, "_files", lambda: {**real_files, **{n: f"{n}.json" for n in extra}}
    )
    monkeypatch.setattr(
        gm_bundled,
        "_raw",
        lambda file: extra[file[:-5]].encode("utf-8") if file[:-5] in extra else real_raw(file),
    )
    gm_bundled.bundled.cache_clear()
    yield extra
    gm_bundled.bundled.cache_clear()


def agency(org_id: str, name: str, parent: str | None = None) -> dict[str, Any]:
    out = {"type": "Agency", "id": org_id, "name": name, "kind": "department", "level": "province"}
    if parent:
        out["parent"] = parent
    return out


def rename(number: str, day: str, org_id: str, name: str, issuer: str = "t/ubnd") -> dict[str, Any]:
    return {
        "number": number,
        "issuer": issuer,
        "signed_on": day,
        "effects": [{"type": "Rename", "org_id": org_id, "name": name}],
    }


# --------------------------------------------------------------------------- the bundled ones


def test_history_datasets_are_bundled() -> None:
    """The three history datasets are bundled beside the two seed datasets."""
    assert set(HISTORY) | {"bac-kan-2008", "lang-son-2021"} <= set(datasets())


@pytest.mark.parametrize("name", HISTORY)
def test_bundled_file_is_canonical(name: str) -> None:
    """Each file is exactly what dumps writes: its own items and the names it extends."""
    text = resources.files("govmodel.datasets").joinpath(f"{name}.json").read_text("utf-8")
    ds = read_dataset(name)
    assert dumps(ds) == text
    assert loads(text) == ds


def test_bundled_names_match_their_files() -> None:
    """A bundled dataset's name is its file's name: "extends" and cycle checks rely on it."""
    for name in datasets():
        assert read_dataset(name).name == name


def test_extending_copies_nothing() -> None:
    """lang-son-history holds none of lang-son-2021's items, yet its timeline has them all."""
    own = read_dataset("lang-son-history")
    base = read_dataset("lang-son-2021")
    assert own.extends == ("lang-son-2021", "vietnam-central-2025")
    assert not {d.ref for d in own.decisions} & {d.ref for d in base.decisions}
    assert "lang-son/bcd-cds" not in {o.id for o in own.organisations}
    tl = load_dataset("lang-son-history")
    assert {d.ref for d in base.decisions} <= {d.ref for d in tl.decisions}
    assert "lang-son/bcd-cds" in tl.organisation_ids()
    assert "vn/bo-khcn-2025" in tl.organisation_ids()


def test_flattened_holds_everything_once() -> None:
    """flattened() folds every extended dataset in, each once; its timeline is the same."""
    ds = read_dataset("lang-son-history")
    flat = ds.flattened()
    assert flat.extends == ()
    parts = [read_dataset(n) for n in ("lang-son-2021", "vietnam-central-2025")]
    expected = sum(len(p.decisions) for p in parts) + len(ds.decisions)
    assert len(flat.decisions) == len({d.ref for d in flat.decisions}) == expected
    assert flat.timeline() == ds.timeline() == load_dataset("lang-son-history")
    assert flat.flattened() is flat
    # the earlier first state replaces the one lang-son-2021 gives
    [so] = [o for o in flat.organisations if o.id == SO]
    assert so.name == "Sở Bưu chính, Viễn thông tỉnh Lạng Sơn"


def test_load_a_file_that_extends_a_bundled_dataset(tmp_path: Path) -> None:
    """A file read by path may extend bundled datasets; it gives the same timeline."""
    path = tmp_path / "history.json"
    path.write_text(dumps(read_dataset("lang-son-history")), encoding="utf-8")
    assert load(path) == read_dataset("lang-son-history")
    assert load_dataset(path) == load_dataset("lang-son-history")


# --------------------------------------------------------------------------- names, not paths


@pytest.mark.parametrize(
    "name",
    ["../lang-son-2021", "/etc/passwd", "lang-son-2021.json", "Lang-Son-2021", "", "a b",
     "datasets/lang-son-2021"],
)
def test_extends_takes_names_never_paths(name: str) -> None:
    """Anything that is not a bundled dataset's name is refused at its index."""
    [(path, reason)] = problems(doc(extends=[name]))
    assert path == "$.extends[0]"
    assert "never files" in reason


def test_a_file_beside_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that is also a file in the working directory is still looked up as bundled only."""
    (tmp_path / "evil").write_text(doc(), encoding="utf-8")
    (tmp_path / "evil.json").write_text(doc(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [(path, reason)] = problems(doc(extends=["evil"]))
    assert path == "$.extends[0]"
    assert reason.startswith("no bundled dataset 'evil'; available: ")
    assert "'lang-son-2021'" in reason


@pytest.mark.parametrize(
    ("value", "where", "reason"),
    [
        ("lang-son-2021", "$.extends", "expected an array, not a string"),
        ([5], "$.extends[0]", "expected a dataset name, not a number"),
        ([None], "$.extends[0]", "expected a dataset name, not null"),
    ],
)
def test_extends_structure(value: object, where: str, reason: str) -> None:
    """"extends" is an array of strings."""
    assert problems(doc(extends=value)) == [(where, reason)]


def test_a_name_listed_twice() -> None:
    """Listing one dataset twice is a problem at the second mention."""
    assert problems(doc(extends=["lang-son-2021", "lang-son-2021"])) == [
        ("$.extends[1]", "'lang-son-2021' is already listed at $.extends[0]")
    ]


def test_the_constructor_checks_names_too() -> None:
    """Dataset() refuses a path or a repeated name in extends."""
    with pytest.raises(InvalidValueError, match="never files"):
        Dataset(name="x", title="X", extends=["../x.json"])
    with pytest.raises(InvalidValueError, match="twice"):
        Dataset(name="x", title="X", extends=["a", "a"])
    with pytest.raises(InvalidValueError, match="list of dataset names"):
        Dataset(name="x", title="X", extends="lang-son-2021")


def test_extends_is_written_only_when_given() -> None:
    """An empty extends is the default: it is left out, and files without it read as before."""
    ds = loads(doc())
    assert ds.extends == ()
    assert "extends" not in json.loads(dumps(ds))
    assert json.loads(dumps(read_dataset("bac-kan-history")))["extends"] == [
        "bac-kan-2008", "vietnam-central-2025"
    ]


# --------------------------------------------------------------------------- no copying


def test_repeating_a_decision_is_a_problem() -> None:
    """A decision the extended dataset holds cannot be given again, even identical."""
    base = json.loads(dumps(read_dataset("bac-kan-2008")))
    text = doc(extends=["bac-kan-2008"], decisions=[base["decisions"][1]])
    assert problems(text) == [(
        "$.decisions[0]",
        "decision 570/QĐ-UBND (bac-kan/ubnd, 2008) is already in the extended dataset "
        "'bac-kan-2008'; an extending dataset adds decisions, it does not repeat or replace them",
    )]


def test_repeating_a_first_state_is_a_problem() -> None:
    """An identical first state is a repetition."""
    base = json.loads(dumps(read_dataset("bac-kan-2008")))
    text = doc(extends=["bac-kan-2008"], organisations=[base["organisations"][0]])
    [(path, reason)] = problems(text)
    assert path == "$.organisations[0].id"
    assert "already given by the extended dataset 'bac-kan-2008'" in reason


def test_repeating_an_observation_is_a_problem() -> None:
    base = json.loads(dumps(read_dataset("bac-kan-2008")))
    text = doc(extends=["bac-kan-2008"], observations=[base["observations"][0]])
    assert problems(text) == [
        ("$.observations[0]", "the same observation is in the extended dataset 'bac-kan-2008'")
    ]


def test_a_first_state_for_an_organisation_established_by_the_base() -> None:
    """An organisation a base decision establishes cannot also start here."""
    text = doc(extends=["bac-kan-2008"], organisations=[
        agency("bac-kan/so-tttt", "Sở Bưu chính - Viễn thông tỉnh Bắc Kạn", "bac-kan/ubnd")
    ])
    [(path, reason)] = problems(text)
    assert path == "$.organisations[0].id"
    assert "is established by 925/2006/QĐ-UBND (bac-kan/ubnd, 2006)" in reason


def test_an_error_in_a_base_decision_is_reported_on_extends() -> None:
    """Dissolving the committee in 2019 breaks lang-son-2021's QĐ 2041: reported on $.extends[0]."""
    text = doc(extends=["lang-son-2021"], decisions=[{
        "number": "1/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2019-01-02",
        "effects": [{"type": "Dissolve", "org_id": "lang-son/bcd-cds"}],
    }])
    found = problems(text)
    assert found
    assert all(path == "$.extends[0]" for path, _ in found)
    assert any("in 'lang-son-2021', 2041/QĐ-UBND (lang-son/ubnd, 2021)" in r for _, r in found)


def test_own_decision_errors_keep_their_paths() -> None:
    """The extending file's own faults are reported on its own items, as always."""
    text = doc(extends=["lang-son-2021"], decisions=[
        rename("1/QĐ-UBND", "2022-01-02", "lang-son/so-ttt", "Sở X", issuer="lang-son/ubnd")
    ])
    [(path, reason)] = problems(text)
    assert path == "$.decisions[0].effects[0].org_id"
    assert "unknown organisation 'lang-son/so-ttt'" in reason


# --------------------------------------------------------------------------- earlier first states


def _earlier(day: str, name: str) -> str:
    return doc(
        extends=["lang-son-2021"],
        organisations=[agency(SO, "Sở Bưu chính, Viễn thông tỉnh Lạng Sơn", "lang-son/ubnd")],
        decisions=[{
            "number": "473/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": day,
            "effects": [{
                "type": "Rename", "org_id": SO, "name": name,
                "short_names": ["Sở TT&TT Lạng Sơn", "Sở TT&TT", "Sở TTTT",
                                "Sở Thông tin và Truyền thông"],
            }],
        }],
    )


def test_an_earlier_first_state_that_leads_to_the_base_one() -> None:
    """A dataset may start an organisation earlier if its decisions lead to the base's state."""
    tl = loads(_earlier("2008-03-17", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn")).timeline()
    assert tl.as_of("2007-01-01")[SO].name == "Sở Bưu chính, Viễn thông tỉnh Lạng Sơn"
    assert tl.as_of("2020-09-10")[SO] == load_dataset("lang-son-2021").as_of("2020-09-10")[SO]


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2008-03-17", "Sở Thông tin và Truyền thông"),  # not the base's first state
        ("2021-01-01", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn"),  # too late
    ],
)
def test_an_earlier_first_state_that_does_not(day: str, name: str) -> None:
    """Otherwise the base's facts would change: a problem on the organisation."""
    [(path, reason)] = problems(_earlier(day, name))
    assert path == "$.organisations[0]"
    assert "differs from its first state in the extended dataset 'lang-son-2021'" in reason
    assert "by 2020-09-10" in reason


# --------------------------------------------------------------------------- cycles and diamonds


def test_unknown_name() -> None:
    """An unknown name is reported once: what the file says of its organisations waits."""
    text = doc(extends=["ha-noi-1999"], decisions=[
        rename("1/QĐ-UBND", "2022-01-02", "ha-noi/ubnd", "UBND", issuer="ha-noi/ubnd")
    ], observations=[{"org_id": "ha-noi/ubnd", "name": "UBND", "on": "2022-01-02",
                      "source": {"document": "x"}}])
    [(path, reason)] = problems(text)
    assert path == "$.extends[0]"
    assert reason.startswith("no bundled dataset 'ha-noi-1999'")


def test_a_cycle_is_a_problem(registry: dict[str, str]) -> None:
    """a extends b, b extends a: loading either reports the cycle, nothing loops."""
    registry["cyc-a"] = doc(name="cyc-a", extends=["cyc-b"])
    registry["cyc-b"] = doc(name="cyc-b", extends=["cyc-a"])
    with pytest.raises(DatasetError) as info:
        read_dataset("cyc-a")
    [problem] = info.value.problems
    assert problem.path == "$.extends[0]"
    assert "'cyc-b' does not load" in problem.reason
    assert "makes a cycle: cyc-a → cyc-b → cyc-a" in problem.reason


def test_extending_itself(registry: dict[str, str]) -> None:
    registry["selfish"] = doc(name="selfish", extends=["selfish"])
    with pytest.raises(DatasetError) as info:
        read_dataset("selfish")
    assert [(p.path, p.reason) for p in info.value.problems] == [
        ("$.extends[0]", "extending 'selfish' makes a cycle: selfish → selfish")
    ]


def test_a_base_that_does_not_load(registry: dict[str, str]) -> None:
    registry["broken"] = doc(name="broken", colour="red")
    [(path, reason)] = problems(doc(extends=["broken"]))
    assert path == "$.extends[0]"
    assert reason == (
        "the bundled dataset 'broken' does not load (1 problem; first: $.colour: unknown field)"
    )


def test_a_diamond_is_read_once(registry: dict[str, str]) -> None:
    """d extends a and b, both extending c: c's items are there once, no duplicate problem."""
    registry["dia-c"] = doc(
        name="dia-c",
        organisations=[{"type": "Agency", "id": "t/ubnd", "name": "UBND Thử",
                        "kind": "peoples_committee", "level": "province"}],
        decisions=[rename("1/QĐ-UBND", "2020-01-01", "t/ubnd", "UBND Thử mới")],
    )
    registry["dia-a"] = doc(name="dia-a", extends=["dia-c"],
                            decisions=[rename("2/QĐ-UBND", "2021-01-01", "t/ubnd", "A")])
    registry["dia-b"] = doc(name="dia-b", extends=["dia-c"],
                            decisions=[rename("3/QĐ-UBND", "2022-01-01", "t/ubnd", "B")])
    ds = loads(doc(name="dia-d", extends=["dia-a", "dia-b"]))
    flat = ds.flattened()
    assert sorted(str(d.number) for d in flat.decisions) == [
        "1/QĐ-UBND", "2/QĐ-UBND", "3/QĐ-UBND"
    ]
    assert ds.timeline().as_of("2022-06-01")["t/ubnd"].name == "B"


def test_unrelated_bases_both_introducing_an_organisation(registry: dict[str, str]) -> None:
    """Two extended datasets that do not extend each other may not both start one body."""
    org = {"type": "Agency", "id": "t/ubnd", "name": "UBND Thử", "kind": "peoples_committee",
           "level": "province"}
    registry["one"] = doc(name="one", organisations=[org])
    registry["two"] = doc(name="two", organisations=[org])
    assert problems(doc(extends=["one", "two"])) == [(
        "$.extends[1]",
        "'two' and 'one' both give a first state for 't/ubnd'; only one dataset may introduce "
        "an organisation",
    )]


def test_extends_problems_sort_after_the_header() -> None:
    """Problems are listed in file order: header, extends, then the items."""
    found = problems(json.dumps({
        "schema_version": 1, "name": "x", "title": 5, "extends": ["../x"],
        "organisations": [{"type": "Agency"}],
    }))
    assert [p for p, _ in found][:2] == ["$.title", "$.extends[0]"]
    assert found[2][0].startswith("$.organisations[0]")


def test_a_timeline_with_extends_is_the_same_as_the_flat_one() -> None:
    """Timeline equality ignores how the decisions were packaged."""
    flat = read_dataset("bac-kan-history").flattened()
    tl = gm.Timeline.from_decisions(
        flat.decisions, initial=flat.organisations, observations=flat.observations
    )
    assert tl == load_dataset("bac-kan-history")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import govmodel.serialize as s; print(len(s.loads(TEXT).flattened().decisions))",
         "6\n"),
        ("import govmodel.cli as c; raise SystemExit(c.main(['validate', PATH]))",
         "ok — 30 organisations, 6 decisions"),
    ],
)
def test_a_fresh_process_reads_extends(code: str, expected: str, tmp_path: Path) -> None:
    """Found by a review: in a fresh interpreter, ``serialize.loads`` and ``govmodel validate``
    of a file that extends a bundled dataset used to fail ("no reader of bundled datasets is
    registered"): the facade now registers the reader."""
    text = json.dumps({"schema_version": 1, "name": "x", "title": "X",
                       "extends": ["lang-son-2021"], "decisions": []})
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    prog = f"TEXT = {text!r}; PATH = {str(path)!r}\n{code}"
    proc = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert expected in " ".join(proc.stdout.split()) + "\n"
