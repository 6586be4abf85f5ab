"""Every bad input of issue 7, in one table: its typed error, and a message naming the culprit.

Three tables:

* ``ENGINE`` — decisions that cannot join a timeline. Each case is checked three ways: the
  Python API (the error's type, and a message naming the decision by number, issuer and
  year, the effect index when an effect is at fault, and the reason), the loader (the same
  data as a dataset file: a ``DatasetError`` whose problem sits at the JSON path of the
  decision, effect and field), and atomicity (a failing ``with_decision`` leaves the
  timeline equal to before).
* ``VALUES`` — values that cannot be built (dates that contradict each other, a malformed
  number or date, a merge into itself): the Python constructor's error, and the loader's
  problem at the field's JSON path.
* ``FILES`` — texts that are not a readable dataset (malformed JSON, wrong types, unknown
  effect types and fields, a missing or newer schema version, oversized or lone-surrogate
  text, nesting beyond the bound).

Deeper tests of some cases live in ``test_errors.py`` (the engine's errors) and
``test_serialize.py`` (the loader's reports); this module keeps the list complete.
"""

from __future__ import annotations

import ast
import builtins
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import govmodel as gm
from govmodel.serialize import MAX_BYTES, dumps, loads, make_converter

R = "t/ubnd"
ROOT = gm.Agency(id=R, name="UBND tỉnh Thử", kind="peoples_committee", level="province")
SO = gm.Agency(id="t/so", name="Sở Thử", parent=R, kind="department", level="province")
U = gm.Unit(id="t/so/phong", name="Phòng Thử", parent="t/so", kind="division")
BCD = gm.Committee(id="t/bcd", name="Ban Chỉ đạo Thử", parent=R)
FIRST = (ROOT, SO, U, BCD)
CONV = make_converter()


def dec(n: int, day: str, *effects: gm.Effect, **kw: Any) -> gm.Decision:
    return gm.Decision(number=f"{n}/QĐ-UBND", issuer=R, signed_on=day, effects=list(effects), **kw)


def dataset_json(decisions: list[Any], **top: Any) -> dict[str, Any]:
    """A dataset (as JSON data) with the first states above and *decisions* (values or JSON)."""
    orgs = [CONV.unstructure(o, unstructure_as=gm.Agency | gm.Unit | gm.Committee) for o in FIRST]
    data = {"schema_version": 1, "name": "bad", "title": "Bad inputs", "organisations": orgs}
    data["decisions"] = [
        CONV.unstructure(d, unstructure_as=gm.Decision) if isinstance(d, gm.Decision) else d
        for d in decisions
    ]
    data.update(top)
    return data


def problems_of(text: str | bytes) -> gm.DatasetError:
    with pytest.raises(gm.DatasetError) as info:
        loads(text)
    return info.value


# --------------------------------------------------------------------------- the engine


@attrs.frozen
class EngineCase:
    """A decision that cannot join the timeline built from *good*."""

    good: tuple[gm.Decision, ...]
    bad: gm.Decision
    error: type[gm.DecisionError]
    culprits: tuple[str, ...]  # what the message names, beside the decision
    effect: int | None  # the index of the effect at fault, None when the decision is
    field: str = ""  # the JSON path of the field at fault inside the effect


_EST_LATER = dec(
    2, "2021-06-01", gm.Establish(org=gm.Unit(id="t/new", name="Mới", parent=R, kind="division"))
)
_LATER = dec(2, "2021-05-01")
_GONE = dec(1, "2021-01-01", gm.Dissolve(org_id=U.id))
_UNKNOWN_REF = gm.DecisionRef(R, "1782/QĐ-UBND", 2020)

ENGINE = {
    "unknown organisation": EngineCase(
        (),
        dec(12, "2021-12-10", gm.Rename(org_id="t/so-ttt", name="X")),
        gm.UnknownOrganisationError,
        ("unknown organisation 't/so-ttt' on 2021-12-10",),
        0,
        ".org_id",
    ),
    "organisation not alive on the effect's date": EngineCase(
        (_EST_LATER,),
        dec(1, "2021-01-01", gm.Rename(org_id="t/new", name="Y")),
        gm.NotAliveError,
        ("'t/new' is not alive on 2021-01-01", "established only later"),
        0,
        ".org_id",
    ),
    "rename of a dissolved body": EngineCase(
        (_GONE,),
        dec(2, "2021-02-01", gm.Rename(org_id=U.id, name="Z")),
        gm.NotAliveError,
        ("'t/so/phong' is not alive on 2021-02-01", "ended on 2021-01-01 by 1/QĐ-UBND"),
        0,
        ".org_id",
    ),
    "establishment of an id that already exists": EngineCase(
        (),
        dec(1, "2021-01-01", gm.Establish(org=SO.evolve(name="Sở Khác"))),
        gm.DuplicateOrganisationError,
        ("'t/so' already exists",),
        0,
        ".org.id",
    ),
    "hierarchy cycle via Move": EngineCase(
        (),
        dec(1, "2021-01-01", gm.Move(org_id="t/so", parent=U.id)),
        gm.HierarchyCycleError,
        ("moving 't/so' under 't/so/phong' makes it its own ancestor",),
        0,
        ".org_id",
    ),
    "supersession of an unknown decision": EngineCase(
        (),
        dec(1, "2021-01-01", supersedes=[_UNKNOWN_REF]),
        gm.UnknownDecisionError,
        ("supersedes 1782/QĐ-UBND (t/ubnd, 2020)", "does not hold"),
        None,
    ),
    "repeal of an unknown decision": EngineCase(
        (),
        dec(1, "2021-01-01", repeals=[_UNKNOWN_REF]),
        gm.UnknownDecisionError,
        ("repeals 1782/QĐ-UBND (t/ubnd, 2020)", "does not hold"),
        None,
    ),
    "amendment of an unknown decision": EngineCase(
        (),
        dec(1, "2021-01-01", amends=[_UNKNOWN_REF]),
        gm.UnknownDecisionError,
        ("amends 1782/QĐ-UBND (t/ubnd, 2020)",),
        None,
    ),
    "supersession of a decision signed later": EngineCase(
        (_LATER,),
        dec(1, "2021-01-01", supersedes=[_LATER.ref]),
        gm.SupersessionError,
        ("supersedes 2/QĐ-UBND (t/ubnd, 2021), signed later",),
        None,
    ),
    "repeal of a decision signed later": EngineCase(
        (_LATER,),
        dec(1, "2021-01-01", repeals=[_LATER.ref]),
        gm.SupersessionError,
        ("repeals 2/QĐ-UBND (t/ubnd, 2021), signed later",),
        None,
    ),
    "two conflicting same-day effects": EngineCase(
        (dec(1, "2021-01-01", gm.Move(org_id=U.id, parent=R)),),
        dec(2, "2021-01-01", gm.Rename(org_id=R, name="UBND"), gm.Move(org_id=U.id, parent=None)),
        gm.ConflictError,
        ("sets the parent of 't/so/phong' on 2021-01-01", "1/QĐ-UBND (t/ubnd, 2021) effect #0"),
        1,
        ".org_id",
    ),
    "duplicate decision identity": EngineCase(
        (dec(1, "2021-01-01", gm.Rename(org_id=U.id, name="A")),),
        dec(1, "2021-03-01"),
        gm.DuplicateDecisionError,
        ("same identity",),
        None,
    ),
    "committee member post in an organisation not alive": EngineCase(
        (_GONE,),
        dec(
            2,
            "2021-02-01",
            gm.SetComposition(
                org_id=BCD.id, members=[gm.Membership("head", gm.PostRef(U.id, "Trưởng phòng"))]
            ),
        ),
        gm.NotAliveError,
        ("post 'Trưởng phòng'", "'t/so/phong' is not alive on 2021-02-01"),
        0,
        ".members[0].post.org_id",
    ),
}


@pytest.mark.parametrize("case", ENGINE.values(), ids=list(ENGINE))
def test_engine_refuses_with_a_typed_error_naming_the_culprit(case: EngineCase) -> None:
    """The error has the listed type; its message names the decision (number, issuer, year),
    the effect index when an effect is at fault, and the reason."""
    with pytest.raises(case.error) as info:
        gm.Timeline.from_decisions([*case.good, case.bad], initial=FIRST)
    message = str(info.value)
    assert str(case.bad.ref) in message  # "12/QĐ-UBND (t/ubnd, 2021)"
    if case.effect is not None:
        kind = type(case.bad.effects[case.effect]).__name__
        assert f"effect #{case.effect} ({kind})" in message
        assert info.value.effect_index == case.effect
    for culprit in case.culprits:
        assert culprit in message
    assert isinstance(info.value, gm.GovModelError)


@pytest.mark.parametrize("case", ENGINE.values(), ids=list(ENGINE))
def test_engine_fault_in_a_file_is_reported_at_its_json_path(case: EngineCase) -> None:
    """The same decisions in a dataset file: a DatasetError whose problem sits at the path of
    the decision, the effect and the field at fault, with the reason."""
    text = json.dumps(dataset_json([*case.good, case.bad]), ensure_ascii=False)
    error = problems_of(text)
    path = f"$.decisions[{len(case.good)}]"
    if case.effect is not None:
        path += f".effects[{case.effect}]{case.field}"
    assert path in {p.path for p in error.problems}, error.problems
    reason = next(p.reason for p in error.problems if p.path == path)
    assert case.culprits[0].split(" on ")[0] in reason
    assert f"{path}: " in str(error)


@pytest.mark.parametrize("case", ENGINE.values(), ids=list(ENGINE))
def test_failed_with_decision_leaves_the_timeline_unchanged(case: EngineCase) -> None:
    """Atomicity: with_decision raises and the timeline (and its answers) stay as before."""
    tl = gm.Timeline.from_decisions(case.good, initial=FIRST)
    days = ["2020-12-31", "2021-01-01", "2021-02-01", "2021-06-01", "2021-12-10"]
    before = [(tl.as_of(d).organisations(), tl.as_of(d).members(BCD.id)) for d in days]
    twin = gm.Timeline.from_decisions(case.good, initial=FIRST)
    with pytest.raises(case.error):
        tl.with_decision(case.bad)
    assert tl == twin
    assert [(tl.as_of(d).organisations(), tl.as_of(d).members(BCD.id)) for d in days] == before
    assert [tl.history(o.id) for o in FIRST] == [twin.history(o.id) for o in FIRST]


# --------------------------------------------------------------------------- values


@attrs.frozen
class ValueCase:
    """A value that cannot be built: in Python, and as JSON in a dataset file."""

    build: Callable[[], object]
    error: type[gm.GovModelError]
    culprits: tuple[str, ...]
    decision_json: dict[str, Any]  # the same fault, written in a file
    path: str  # where the loader reports it
    reason: str  # what the loader says


def _decision(**fields: Any) -> dict[str, Any]:
    return {"number": "1/QĐ-UBND", "issuer": R, "signed_on": "2021-02-01", **fields}


VALUES = {
    "merge into itself": ValueCase(
        lambda: gm.Merge(sources=("t/so",), into="t/so"),
        gm.InvalidEffectError,
        ("Merge of 't/so' into itself",),
        _decision(effects=[{"type": "Merge", "sources": ["t/so"], "into": "t/so"}]),
        "$.decisions[0].effects[0]",
        "into itself",
    ),
    "effective date before signing (not retroactive)": ValueCase(
        lambda: dec(1, "2021-02-01", effective_on="2021-01-01"),
        gm.InvalidDatesError,
        ("1/QĐ-UBND (t/ubnd, 2021)", "effective_on 2021-01-01 is before signed_on 2021-02-01"),
        _decision(effective_on="2021-01-01"),
        "$.decisions[0]",
        "before signed_on",
    ),
    "expires_on before effective_on": ValueCase(
        lambda: dec(1, "2021-02-01", expires_on="2021-01-15"),
        gm.InvalidDatesError,
        ("1/QĐ-UBND (t/ubnd, 2021)", "expires_on 2021-01-15 is not after effective_on"),
        _decision(expires_on="2021-01-15"),
        "$.decisions[0]",
        "expires_on",
    ),
    "an effect taking effect before its decision": ValueCase(
        lambda: dec(1, "2021-02-01", gm.Dissolve(org_id=U.id, effective_on="2021-01-01")),
        gm.InvalidDatesError,
        ("1/QĐ-UBND (t/ubnd, 2021) effect #0 (Dissolve)", "before the decision takes effect"),
        _decision(
            effects=[{"type": "Dissolve", "org_id": U.id, "effective_on": "2021-01-01"}]
        ),
        "$.decisions[0]",
        "effect #0",
    ),
    "malformed document number": ValueCase(
        lambda: gm.Decision(number="QĐ số 12", issuer=R, signed_on="2021-02-01"),
        gm.DocumentNumberError,
        ("decision (t/ubnd, 2021)", "number", "'QĐ số 12'"),
        _decision(number="QĐ số 12"),
        "$.decisions[0].number",
        "not a document number",
    ),
    "malformed date": ValueCase(
        lambda: gm.Decision(number="1/QĐ-UBND", issuer=R, signed_on="32/13/2021"),
        gm.DateParseError,
        ("1/QĐ-UBND (t/ubnd)", "signed_on", "'32/13/2021'"),
        _decision(signed_on="32/13/2021"),
        "$.decisions[0].signed_on",
        "expected an ISO 8601 date (YYYY-MM-DD), not '32/13/2021'",
    ),
    "impossible date": ValueCase(
        lambda: gm.Rename(org_id=U.id, name="X", effective_on="2021-02-30"),
        gm.DateParseError,
        ("Rename 't/so/phong'", "effective_on", "'2021-02-30'"),
        _decision(
            effects=[{"type": "Rename", "org_id": U.id, "name": "X", "effective_on": "2021-02-30"}]
        ),
        "$.decisions[0].effects[0].effective_on",
        "no such day: '2021-02-30'",
    ),
    "text with a lone surrogate": ValueCase(
        lambda: gm.Rename(org_id=U.id, name="Phòng \ud800"),
        gm.InvalidValueError,
        ("Rename 't/so/phong'", "name", "lone surrogate"),
        _decision(effects=[{"type": "Rename", "org_id": U.id, "name": "Phòng \ud800"}]),
        "$.decisions[0].effects[0].name",
        "lone surrogate",
    ),
}


@pytest.mark.parametrize("case", VALUES.values(), ids=list(VALUES))
def test_bad_value_raises_a_typed_error_naming_the_culprit(case: ValueCase) -> None:
    """The constructor raises the listed type (never a bare TypeError or ValueError), and
    the message names the decision or value, the field, and the bad text."""
    with pytest.raises(case.error) as info:
        case.build()
    for culprit in case.culprits:
        assert culprit in str(info.value)


@pytest.mark.parametrize("case", VALUES.values(), ids=list(VALUES))
def test_bad_value_in_a_file_is_reported_at_its_json_path(case: ValueCase) -> None:
    """The loader reports the same fault at the JSON path of the field (or of the decision,
    when two of its fields contradict each other), with the reason."""
    text = json.dumps(dataset_json([case.decision_json]))  # ASCII escapes: "\ud800" survives
    error = problems_of(text)
    found = {p.path: p.reason for p in error.problems}
    assert case.path in found, error.problems
    assert case.reason in found[case.path]


def test_retroactive_decision_may_take_effect_before_signing() -> None:
    """The exception to the dates rule: retroactive=True allows effective_on < signed_on."""
    d = dec(1, "2021-02-01", effective_on="2021-01-01", retroactive=True)
    assert str(d.effective_on) == "2021-01-01"


# --------------------------------------------------------------------------- files


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def _without_version() -> str:
    data = dataset_json([])
    del data["schema_version"]
    return _text(data)


_DECISION = {"number": "1/QĐ-UBND", "issuer": R, "signed_on": "2021-01-01"}

FILES: dict[str, tuple[str | bytes, str, str]] = {
    # name: (text, JSON path, what the reason says)
    "malformed JSON": ('{"schema_version": 1, "name": ', "$", "not valid JSON"),
    "not UTF-8": (b'{"name": "\xff"}', "$", "not UTF-8 text"),
    "duplicate key": ('{"schema_version": 1, "schema_version": 1}', "$", "duplicate key"),
    "NaN is not JSON": ('{"schema_version": NaN}', "$", "not valid JSON"),
    "wrong type: number for text": (
        _text(dataset_json([{**_DECISION, "issuer": 7}])),
        "$.decisions[0].issuer",
        "expected a string, not a number",
    ),
    "wrong type: text for a list": (
        _text(dataset_json([{**_DECISION, "effects": "Rename"}])),
        "$.decisions[0].effects",
        "expected an array, not a string",
    ),
    "wrong type: boolean for a year": (
        _text(dataset_json([{**_DECISION, "year": True}])),
        "$.decisions[0].year",
        "expected an integer, not a boolean",
    ),
    "unknown effect type": (
        _text(dataset_json([{**_DECISION, "effects": [{"type": "Teleport", "org_id": R}]}])),
        "$.decisions[0].effects[0].type",
        "unknown effect type 'Teleport'",
    ),
    "unknown field in a decision": (
        _text(dataset_json([{**_DECISION, "colour": "red"}])),
        "$.decisions[0].colour",
        "unknown field",
    ),
    "unknown field in an effect": (
        _text(dataset_json([{**_DECISION, "effects": [{"type": "Dissolve", "org_id": U.id,
                                                       "why": "?"}]}])),
        "$.decisions[0].effects[0].why",
        "unknown field",
    ),
    "unknown top-level field": (_text(dataset_json([], colour="red")), "$.colour", "unknown field"),
    "missing schema_version": (_without_version(), "$.schema_version", "required field missing"),
    "newer schema_version": (
        _text(dataset_json([], schema_version=99)),
        "$.schema_version",
        "schema version 99 is newer than this govmodel reads",
    ),
    "schema_version of the wrong type": (
        _text(dataset_json([], schema_version="1")),
        "$.schema_version",
        "expected an integer",
    ),
    "input larger than MAX_BYTES": (b" " * (MAX_BYTES + 1), "$", "larger than"),
    "JSON nested beyond the recursion limit": ("[" * 100_000 + "]" * 100_000, "$", "nested"),
}


@pytest.mark.parametrize(("text", "path", "reason"), FILES.values(), ids=list(FILES))
def test_unreadable_file_is_a_dataset_error_at_its_path(
    text: str | bytes, path: str, reason: str
) -> None:
    """A text that is not a readable dataset: one DatasetError, its problem at the path."""
    error = problems_of(text)
    found = {p.path: p.reason for p in error.problems}
    assert path in found, error.problems
    assert reason in found[path]
    assert f"{path}: " in str(error)


def test_text_with_a_raw_lone_surrogate_is_a_dataset_error() -> None:
    """A str holding a lone surrogate (no file can) is refused as not UTF-8 text."""
    text = _text(dataset_json([])).replace('"Bad inputs"', '"Bad \ud800 inputs"')
    error = problems_of(text)
    assert error.problems[0].path == "$"
    assert "surrogate" in error.problems[0].reason


def test_nesting_beyond_the_bound_is_refused_before_structuring() -> None:
    """JSON nested deeper than the format ever needs is refused at once, at '$'."""
    deep: Any = "x"
    for _ in range(200):
        deep = [deep]
    error = problems_of(_text(dataset_json([], notes=[deep])))
    [problem] = error.problems
    assert problem.path == "$"
    assert "nested deeper than" in problem.reason


# --------------------------------------------------------------------------- safety


def test_failed_load_leaves_earlier_objects_equal() -> None:
    """Atomicity of loading: a failed load changes no dataset or timeline loaded before,
    and the bundled datasets load the same afterwards."""
    ds = gm.datasets()[0]
    tl = gm.load_dataset(ds)
    from govmodel.datasets import read_dataset  # noqa: PLC0415

    dataset = read_dataset(ds)
    text = dumps(dataset)
    kept = copy.deepcopy(json.loads(text))
    broken = copy.deepcopy(kept)
    broken["decisions"].append({"number": "x", "issuer": 5})
    broken["organisations"].append({"type": "Unit"})
    with pytest.raises(gm.DatasetError):
        loads(json.dumps(broken))
    assert json.loads(dumps(dataset)) == kept
    assert gm.load_dataset(ds) == tl
    assert loads(text) == dataset


_FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "yaml", "dill", "cloudpickle",
                      "jsonpickle"}
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "import_module", "load_module"}


def _unsafe(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in _FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in _FORBIDDEN_MODULES:
                found.append(node.module)
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in _FORBIDDEN_CALLS and not (
                isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "re"
            ):
                found.append(f"{name}() at line {node.lineno}")
    return [f"{path.name}: {x}" for x in found]


def test_loaders_never_execute_data() -> None:
    """No module of govmodel imports pickle, marshal, shelve or YAML, or calls eval, exec,
    compile or a dynamic import: data is only ever parsed as JSON."""
    root = Path(gm.__file__).parent
    assert [x for p in sorted(root.rglob("*.py")) for x in _unsafe(p)] == []


def test_loading_text_opens_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """loads() of a text reads nothing else, whatever paths its strings hold."""
    text = _text(dataset_json([{**_DECISION, "title": "/etc/passwd"}],
                              description="../../etc/passwd"))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"loads opened a file: {args!r}")

    monkeypatch.setattr(builtins, "open", refuse)
    assert loads(text).description == "../../etc/passwd"


@pytest.mark.parametrize("name", ["../lang-son-2021", "/etc/passwd", "lang-son-2021.json",
                                  "C:\\x", "~/x"])
def test_extends_names_bundled_datasets_never_paths(name: str) -> None:
    """A dataset may extend bundled datasets by name only: a path is refused, not followed."""
    error = problems_of(_text(dataset_json([], extends=[name])))
    assert any(p.path.startswith("$.extends") for p in error.problems), error.problems


def test_unknown_dataset_name_is_not_a_path() -> None:
    """A name that is neither bundled nor a file is an UnknownDatasetError (a KeyError)."""
    from govmodel.datasets import UnknownDatasetError  # noqa: PLC0415

    with pytest.raises(UnknownDatasetError, match=r"no bundled dataset '\.\./atlantis'") as info:
        gm.load_dataset("../atlantis")
    assert isinstance(info.value, KeyError)


def test_every_fault_is_reported_when_a_move_lands_under_an_orphan() -> None:
    """validate() (and so the loader) reports the orphan and goes on: a later move under the
    orphaned unit is checked without crashing."""
    v = gm.Unit(id="t/v", name="Phòng V", parent=R, kind="division")
    dissolve = dec(1, "2021-01-01", gm.Dissolve(org_id=SO.id))  # its unit t/so/phong stays
    move = dec(2, "2021-02-01", gm.Move(org_id=v.id, parent=U.id))
    errors = gm.validate([dissolve, move], initial=[*FIRST, v])
    assert [type(e) for e in errors] == [gm.NotAliveError]
    assert "'t/so/phong' is still alive" in str(errors[0])
