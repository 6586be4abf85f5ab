"""Tests of govmodel.serialize: the converter, the dataset format, and its error reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.datasets import read_dataset
from govmodel.serialize import (
    MAX_BYTES,
    SCHEMA_VERSION,
    Dataset,
    dump,
    dumps,
    load,
    loads,
    make_converter,
)
from strategies import VALUE_STRATEGIES, datasets, decisions, effects, loose_datasets

CONV = make_converter()
SLOW = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def _through_json(value: Any, t: Any) -> Any:
    """Unstructure *value* as *t*, go through JSON text and back, and structure again."""
    text = json.dumps(CONV.unstructure(value, unstructure_as=t), ensure_ascii=False)
    return CONV.structure(json.loads(text), t)


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("cls", list(VALUE_STRATEGIES), ids=lambda c: c.__name__)
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_every_class_round_trips(cls: type, data: st.DataObject) -> None:
    """Law: structure(unstructure(x)) == x for every public class, through JSON text."""
    value = data.draw(VALUE_STRATEGIES[cls])
    assert _through_json(value, cls) == value


@SLOW
@given(effects())
def test_effect_is_tagged_with_its_class_name(effect: gm.Effect) -> None:
    """An effect serialises as an object whose "type" is its class name."""
    out = CONV.unstructure(effect, unstructure_as=gm.Effect)
    assert out["type"] == type(effect).__name__


@SLOW
@given(loose_datasets())
def test_converter_round_trips_datasets(dataset: Dataset) -> None:
    """Law: the converter round-trips any Dataset value, checked by the engine or not."""
    assert _through_json(dataset, Dataset) == dataset


@SLOW
@given(datasets())
def test_load_dump_round_trip(dataset: Dataset) -> None:
    """Law: loads(dumps(x)) == x for every valid generated dataset (engine-checked)."""
    assert loads(dumps(dataset)) == dataset


@SLOW
@given(datasets())
def test_dump_is_a_fixed_point(dataset: Dataset) -> None:
    """Law: dumps(loads(dumps(x))) == dumps(x): the written form is canonical."""
    text = dumps(dataset)
    assert dumps(loads(text)) == text


@SLOW
@given(datasets())
def test_loading_builds_the_timeline_once(dataset: Dataset) -> None:
    """A loaded dataset keeps the timeline its check built: equal to a fresh build of its
    items (law: the kept timeline is the one ``from_decisions`` gives), and the same object
    on every call. A dataset made by hand builds its own."""
    loaded = loads(dumps(dataset))
    kept = loaded.timeline()
    assert kept is loaded.timeline()
    fresh = gm.Timeline.from_decisions(
        loaded.decisions, initial=loaded.organisations,
        observations=(*loaded.observations, *loaded.holders),
    )
    assert kept == fresh
    for org_id in fresh.organisation_ids():  # the built index, not only the inputs
        assert kept.history(org_id) == fresh.history(org_id)
    kept._index._check()
    assert dataset.timeline() is not dataset.timeline()
    assert dataset.timeline() == kept


def test_a_bundled_dataset_is_built_once() -> None:
    """load_dataset of a bundled name returns the timeline its loading built."""
    assert gm.load_dataset("lang-son-2021") is gm.load_dataset("lang-son-2021")
    ds = read_dataset("vietnam-communes-2025")
    assert ds.timeline() is gm.load_dataset("vietnam-communes-2025")


def test_dump_and_load_a_file(tmp_path: Path) -> None:
    """dump writes a UTF-8 file that load reads back to an equal dataset."""
    ds = Dataset(
        name="demo", title="Thử",
        organisations=[gm.Agency(id="a/ubnd", name="Ủy ban nhân dân tỉnh A",
                                 kind="peoples_committee", level="province")],
    )
    path = tmp_path / "demo.json"
    dump(ds, path)
    assert "Ủy ban nhân dân" in path.read_text(encoding="utf-8")
    assert load(path) == ds


# --------------------------------------------------------------------------- the format


def test_dates_are_iso_and_unknown_signing_date_is_null() -> None:
    """Dates are ISO 8601 text; an unknown signing date is written as null, effective_on kept."""
    d = gm.Decision(number="33/2021/QĐ-UBND", issuer="lang-son/ubnd", effective_on="2021-12-10",
                    known_on="2021-11-30")
    out = CONV.unstructure(d)
    assert out["signed_on"] is None
    assert out["effective_on"] == "2021-12-10"
    assert out["known_on"] == "2021-11-30"
    assert CONV.structure(out, gm.Decision) == d


def test_defaults_are_left_out() -> None:
    """Fields equal to their (computed) defaults are not written."""
    d = gm.Decision(number="2041/QĐ-UBND", issuer="lang-son/ubnd", signed_on="2021-10-13")
    assert CONV.unstructure(d) == {
        "number": "2041/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-10-13",
    }


def test_document_number_and_decision_ref_forms() -> None:
    """A document number is its text; a decision reference is {issuer, number, year}."""
    ref = gm.DecisionRef("lang-son/ubnd", "1782/QĐ-UBND", 2020)
    assert CONV.unstructure(ref) == {"issuer": "lang-son/ubnd", "number": "1782/QĐ-UBND",
                                     "year": 2020}


def test_organisations_are_tagged() -> None:
    """Organisations are a union tagged by "type"; enums are their values."""
    ds = Dataset(name="n", title="t", organisations=[
        gm.Unit(id="a/b", name="Văn phòng", parent="a", kind="office")])
    data = json.loads(dumps(ds))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["organisations"] == [
        {"type": "Unit", "id": "a/b", "name": "Văn phòng", "kind": "office", "parent": "a"}
    ]


# --------------------------------------------------------------------------- errors


def _base(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": 1, "name": "demo", "title": "Demo",
        "organisations": [
            {"type": "Agency", "id": "lang-son/ubnd", "name": "Ủy ban nhân dân tỉnh Lạng Sơn",
             "kind": "peoples_committee", "level": "province"},
            {"type": "Agency", "id": "lang-son/so-tttt",
             "name": "Sở Thông tin và Truyền thông tỉnh Lạng Sơn", "parent": "lang-son/ubnd",
             "kind": "department", "level": "province"},
        ],
        "decisions": [], "observations": [],
    }
    data.update(extra)
    return data


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(gm.DatasetError) as info:
        loads(json.dumps(data, ensure_ascii=False), file="demo.json")
    assert info.value.file == "demo.json"
    return [(p.path, p.reason) for p in info.value.problems]


def test_five_problems_reported_at_once() -> None:
    """A file with five different problems yields one DatasetError listing all five with paths."""
    data = _base(decisions=[
        {"number": "2041/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-10-13",
         "effects": [{"type": "Rename", "org_id": "lang-son/so-tttt", "name": "Sở mới"},
                     {"type": "Explode", "org_id": "lang-son/so-tttt"}]},     # 1 unknown type
        {"number": "not a number", "issuer": "lang-son/ubnd",                 # 2 bad number
         "signed_on": "2021-10-14"},
        {"number": "12/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "13/10/2021"},  # 3 date
        {"number": "33/2021/QĐ-UBND", "issuer": "lang-son/ubnd", "effective_on": "2021-12-10",
         "effects": [{"type": "SetMandate", "org_id": "lang-son/so-tttt", "mandate": {}},
                     {"type": "Rename", "org_id": "lang-son/so-ttt",          # 4 unknown org
                      "name": "Phòng Hạ tầng số"}]},
    ])
    data["organisations"][1]["colour"] = "blue"                               # 5 unknown field
    problems = _problems(data)
    assert len(problems) == 5, problems
    paths = [p for p, _ in problems]
    assert paths == [
        "$.organisations[1].colour",
        "$.decisions[0].effects[1].type",
        "$.decisions[1].number",
        "$.decisions[2].signed_on",
        "$.decisions[3].effects[1].org_id",
    ]
    reasons = dict(problems)
    assert reasons["$.organisations[1].colour"] == "unknown field"
    assert "unknown effect type 'Explode'" in reasons["$.decisions[0].effects[1].type"]
    assert "not a document number" in reasons["$.decisions[1].number"]
    assert "ISO 8601" in reasons["$.decisions[2].signed_on"]
    assert "lang-son/so-ttt" in reasons["$.decisions[3].effects[1].org_id"]
    assert "2021-12-10" in reasons["$.decisions[3].effects[1].org_id"]


def test_error_message_lists_every_problem() -> None:
    """The DatasetError's message has one line per problem, 'path: reason'."""
    data = _base(colour="red", decisions=[{"issuer": "lang-son/ubnd"}])
    with pytest.raises(gm.DatasetError) as info:
        loads(json.dumps(data))
    text = str(info.value)
    assert "$.colour: unknown field" in text
    assert "$.decisions[0].number: required field missing" in text


def test_unknown_effect_type() -> None:
    """An effect whose "type" is not an effect class is reported on its "type" field."""
    data = _base(decisions=[{"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd",
                             "signed_on": "2021-01-01", "effects": [{"type": "Teleport"}]}])
    [(path, reason)] = _problems(data)
    assert path == "$.decisions[0].effects[0].type"
    assert "Teleport" in reason
    assert "Rename" in reason  # the allowed types are listed


def test_missing_effect_type() -> None:
    """An effect without "type" is a missing field."""
    data = _base(decisions=[{"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd",
                             "signed_on": "2021-01-01", "effects": [{"org_id": "lang-son/ubnd"}]}])
    assert _problems(data) == [("$.decisions[0].effects[0].type", "required field missing")]


def test_missing_schema_version_is_a_problem() -> None:
    """A file without schema_version is refused, its other problems listed too."""
    data = _base(colour="red")
    del data["schema_version"]
    assert _problems(data) == [
        ("$.schema_version", "required field missing"), ("$.colour", "unknown field")
    ]


def test_newer_schema_version_is_refused() -> None:
    """A file from a newer format version is refused at once, saying so."""
    problems = _problems(_base(schema_version=SCHEMA_VERSION + 1, decisions="garbage"))
    assert len(problems) == 1
    assert problems[0][0] == "$.schema_version"
    assert "newer" in problems[0][1]


@pytest.mark.parametrize("version", [0, "1", 1.0, None])
def test_invalid_schema_version(version: object) -> None:
    """A schema_version that is not a positive integer is a problem."""
    [(path, _)] = _problems(_base(schema_version=version))
    assert path == "$.schema_version"


def test_unknown_fields_everywhere() -> None:
    """Unknown keys are refused at every level: top, item, nested value, effect."""
    data = _base(extra=1, decisions=[
        {"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-01-01", "x": 1,
         "sources": [{"document": "d", "page": 3}],
         "effects": [{"type": "Dissolve", "org_id": "lang-son/so-tttt", "why": "?"}]},
    ])
    assert sorted(p for p, _ in _problems(data)) == sorted([
        "$.extra", "$.decisions[0].x", "$.decisions[0].sources[0].page",
        "$.decisions[0].effects[0].why",
    ])


def test_strict_json_types() -> None:
    """A number is not text, a string is not a list, a bool is not a number."""
    data = _base(notes="one note", decisions=[
        {"number": "1/QĐ-UBND", "issuer": 7, "signed_on": "2021-01-01", "year": True},
    ])
    problems = dict(_problems(data))
    assert problems["$.notes"] == "expected an array, not a string"
    assert problems["$.decisions[0].issuer"] == "expected a string, not a number"
    assert problems["$.decisions[0].year"] == "expected an integer, not a boolean"


def test_value_errors_are_reported_on_their_field() -> None:
    """A value the model refuses (bad id, bad enum) is reported on its own field, with others."""
    data = _base()
    data["organisations"].append({"type": "Unit", "id": "Not An Id", "name": "X",
                                  "kind": "canteen"})
    problems = dict(_problems(data))
    assert set(problems) == {"$.organisations[2].id", "$.organisations[2].kind"}
    assert "organisation id" in problems["$.organisations[2].id"]
    assert "'canteen' is not a UnitKind" in problems["$.organisations[2].kind"]


def test_contradictory_dates_are_reported_on_the_decision() -> None:
    """Dates that contradict each other are one problem on the decision."""
    data = _base(decisions=[{"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd",
                             "signed_on": "2021-02-01", "effective_on": "2021-01-01"}])
    [(path, reason)] = _problems(data)
    assert path == "$.decisions[0]"
    assert "before signed_on" in reason


def test_engine_errors_are_mapped_to_paths() -> None:
    """Faults of the timeline point at the decision, the effect and the field at fault."""
    data = _base(decisions=[
        {"number": "5/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-03-01",
         "supersedes": [{"issuer": "lang-son/ubnd", "number": "9/QĐ-UBND", "year": 2019}]},
        {"number": "6/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-03-01",
         "effects": [{"type": "Move", "org_id": "lang-son/so-tttt", "parent": "lang-son/nowhere"}]},
    ])
    problems = _problems(data)
    assert [p for p, _ in problems] == ["$.decisions[0]", "$.decisions[1].effects[0].parent"]
    assert "9/QĐ-UBND" in problems[0][1]


def test_consequences_of_a_broken_item_are_not_repeated() -> None:
    """An organisation that failed to load is not reported again as unknown by each use."""
    data = _base()
    data["organisations"].append({"type": "Unit", "id": "lang-son/so-tttt/vp", "name": "VP",
                                  "parent": "lang-son/so-tttt", "kind": "nope"})
    data["decisions"] = [{"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd",
                          "signed_on": "2021-01-01",
                          "effects": [{"type": "Rename", "org_id": "lang-son/so-tttt/vp",
                                       "name": "Văn phòng Sở"}]}]
    assert [p for p, _ in _problems(data)] == ["$.organisations[2].kind"]


def test_duplicate_first_state() -> None:
    """Two first states with one id are a problem on the second."""
    data = _base()
    data["organisations"].append(dict(data["organisations"][1]))
    [(path, reason)] = _problems(data)
    assert path == "$.organisations[2].id"
    assert "$.organisations[1]" in reason


def test_observation_of_unknown_organisation() -> None:
    """An observation must name an organisation the dataset introduces."""
    data = _base(observations=[{"org_id": "lang-son/so-ttt", "name": "Sở TT&TT",
                                "on": "2022-04-20", "source": {"document": "seeds/002.txt"}}])
    assert [p for p, _ in _problems(data)] == ["$.observations[0].org_id"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[]", "a dataset must be a JSON object, not an array"),
        ('"x"', "a dataset must be a JSON object, not a string"),
        ("{", "not valid JSON"),
        ('{"schema_version": NaN}', "not valid JSON"),
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_text(text: str, reason: str) -> None:
    """Text that is not one JSON object is a single problem at '$'."""
    with pytest.raises(gm.DatasetError) as info:
        loads(text)
    [problem] = info.value.problems
    assert problem.path == "$"
    assert reason in problem.reason


def test_size_bound(tmp_path: Path) -> None:
    """Files larger than MAX_BYTES are refused before parsing."""
    path = tmp_path / "big.json"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(gm.DatasetError, match="larger than"):
        load(path)
    with pytest.raises(gm.DatasetError, match="larger than"):
        loads(b" " * (MAX_BYTES + 1))


def test_dumps_refuses_other_values() -> None:
    """dumps takes a Dataset and nothing else."""
    with pytest.raises(gm.InvalidValueError):
        dumps({"name": "x"})  # type: ignore[arg-type]


def test_dataset_timeline() -> None:
    """Dataset.timeline() builds the timeline of its decisions and first states."""
    ds = loads(json.dumps(_base(decisions=[
        {"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-01-01",
         "effects": [{"type": "Rename", "org_id": "lang-son/so-tttt", "name": "Sở Mới"}]}])))
    tl = ds.timeline()
    assert tl.as_of(dt.date(2021, 1, 1))["lang-son/so-tttt"].name == "Sở Mới"
    assert tl.as_of(dt.date(2020, 12, 31))["lang-son/so-tttt"].name.startswith("Sở Thông tin")


@SLOW
@given(decisions())
def test_decisions_survive_json(decision: gm.Decision) -> None:
    """Law: a decision of any shape (unknown signing date, no doc type…) round-trips."""
    assert _through_json(decision, gm.Decision) == decision


def test_the_size_limit_is_a_default_a_caller_can_raise(tmp_path: Path) -> None:
    """A file over ``max_bytes`` is one problem at ``$`` naming the limit, before parsing;
    with the limit raised the same file loads, equal to the bundled dataset."""
    path = tmp_path / "lang-son-2021.json"
    path.write_text(dumps(read_dataset("lang-son-2021")), encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(gm.DatasetError) as err:
        gm.load_dataset(path, max_bytes=size - 1)
    assert [(p.path, p.reason) for p in err.value.problems] == [
        ("$", f"file larger than {size - 1} bytes")]
    assert gm.load_dataset(path, max_bytes=size) == gm.load_dataset("lang-son-2021")
    assert read_dataset(path, max_bytes=size).name == "lang-son-2021"
    with pytest.raises(gm.DatasetError):
        loads(path.read_text(encoding="utf-8"), max_bytes=1000)
