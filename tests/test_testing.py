"""govmodel.testing: its strategies draw valid values, and misuse fails at once."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import govmodel as gm
import govmodel.testing as gt
from govmodel._fields import to_id
from govmodel.decisions import EFFECT_TYPES
from govmodel.serialize import Dataset, dumps, loads

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
POOL = ("a/ubnd", "a/so", "a/so/phong")
WINDOW = (dt.date(2021, 1, 1), dt.date(2021, 6, 30))

DRAWS: dict[str, tuple[st.SearchStrategy[Any], type]] = {
    "texts": (gt.texts(), str),
    "org_ids": (gt.org_ids(), str),
    "dates": (gt.dates(), dt.date),
    "document_numbers": (gt.document_numbers(), gm.DocumentNumber),
    "decision_refs": (gt.decision_refs(), gm.DecisionRef),
    "organisations": (gt.organisations(), gm.Organisation),
    "post_refs": (gt.post_refs(), gm.PostRef),
    "memberships": (gt.memberships(), gm.Membership),
    "task_groups": (gt.task_groups(), gm.TaskGroup),
    "mandates": (gt.mandates(), gm.Mandate),
    "sources": (gt.sources(), gm.Source),
    "observations": (gt.observations(), gm.Observation),
    "split_parts": (gt.split_parts(), gm.SplitPart),
    "effects": (gt.effects(), gm.Effect),
    "decisions": (gt.decisions(), gm.Decision),
    "scenarios": (gt.scenarios(max_steps=4), gt.Scenario),
    "timelines": (gt.timelines(max_steps=4), gm.Timeline),
    "datasets": (gt.datasets(max_steps=4), Dataset),
    "loose_datasets": (gt.loose_datasets(), Dataset),
}


@pytest.mark.parametrize(("strategy", "cls"), DRAWS.values(), ids=list(DRAWS))
@SETTINGS
@given(data=st.data())
def test_each_strategy_draws_values_of_its_class(
    strategy: st.SearchStrategy[Any], cls: type, data: st.DataObject
) -> None:
    """Every public strategy draws values of the class it promises."""
    assert isinstance(data.draw(strategy), cls)


@SETTINGS
@given(gt.texts(max_size=5), gt.org_ids(), gt.dates(*WINDOW))
def test_texts_ids_and_dates_are_valid(text: str, org_id: str, day: dt.date) -> None:
    """Texts are non-empty NFC; ids pass the id rule; dates keep to their bounds."""
    assert text and gm.vn.nfc(text) == text
    assert to_id(org_id) == org_id
    assert WINDOW[0] <= day <= WINDOW[1]


@pytest.mark.parametrize("kind", sorted(EFFECT_TYPES))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_effects_of_every_kind(kind: str, data: st.DataObject) -> None:
    """effects(kinds=[K]) draws only K, for each of the ten effect classes (by class or name)."""
    cls = EFFECT_TYPES[kind]
    assert type(data.draw(gt.effects(kinds=[cls]))) is cls
    assert type(data.draw(gt.effects(kinds=[kind]))) is cls


@SETTINGS
@given(gt.decisions(ids=POOL, dates=gt.dates(*WINDOW)))
def test_decisions_over_a_pool_and_window(d: gm.Decision) -> None:
    """With ids= and dates=, a decision names only those ids and takes effect in the window."""
    assert d.issuer in POOL
    for e in d.effects:
        assert set(e.org_ids()) <= set(POOL)
    assert WINDOW[0] <= d.effective_on <= WINDOW[1]
    assert d.signed_on is None or WINDOW[0] <= d.signed_on <= WINDOW[1]


@SETTINGS
@given(gt.decisions(max_effects=0))
def test_max_effects(d: gm.Decision) -> None:
    """max_effects=0 draws decisions without effects (pure supersessions and repeals)."""
    assert d.effects == ()


@SETTINGS
@given(gt.scenarios(max_steps=12))
def test_scenarios_are_valid_timelines(s: gt.Scenario) -> None:
    """A scenario's decisions reference only organisations alive on their dates: the engine
    accepts them, validate() finds nothing, and the known dates are sorted."""
    assert gm.validate(s.decisions, initial=s.initial) == []
    tl = s.timeline()
    assert len(tl) == len(s.decisions)
    assert list(s.dates) == sorted(s.dates)
    assert gt.ROOT in tl.as_of(gt.BASE)
    assert all(g in s.decisions for g in s.ghosts)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gt.datasets(max_steps=5))
def test_datasets_load(ds: Dataset) -> None:
    """A generated dataset is valid: it loads back equal."""
    assert loads(dumps(ds)) == ds


def test_value_strategies_cover_the_serialised_classes() -> None:
    """value_strategies() maps every public value class the format writes to a strategy."""
    table = gt.value_strategies()
    assert {gm.Decision, gm.Effect, gm.Agency, gm.Unit, gm.Committee, gm.Mandate} <= set(table)
    assert all(isinstance(s, st.SearchStrategy) for s in table.values())
    assert gt.value_strategies() is not table  # a new dict each time


# --------------------------------------------------------------------------- misuse

MISUSE = {
    "texts(0)": (lambda: gt.texts(0), "texts(): max_size must be at least 1"),
    "texts('3')": (lambda: gt.texts("3"), "texts(): max_size must be an integer"),
    "texts(True)": (lambda: gt.texts(True), "texts(): max_size must be an integer"),
    "dates out of order": (
        lambda: gt.dates(dt.date(2021, 1, 2), dt.date(2021, 1, 1)),
        "dates(): min_value 2021-01-02 is after max_value 2021-01-01",
    ),
    "dates(datetime)": (
        lambda: gt.dates(dt.datetime(2021, 1, 1)),
        "dates(): min_value must be a datetime.date",
    ),
    "dates(text)": (lambda: gt.dates(max_value="2021-01-01"), "dates(): max_value must be"),
    "organisations(bad id)": (
        lambda: gt.organisations(org_id="Bad Id"),
        "organisations(): org_id is not a valid id",
    ),
    "organisations(cls=Decision)": (
        lambda: gt.organisations(cls=gm.Decision),
        "organisations(): cls must be an organisation class",
    ),
    "observations(list)": (
        lambda: gt.observations(["a/b"]),
        "observations(): ids must be a hypothesis strategy",
    ),
    "split_parts(empty id)": (lambda: gt.split_parts(""), "split_parts(): org_id is not a valid"),
    "effects(unknown kind)": (
        lambda: gt.effects(kinds=["Teleport"]),
        "effects(): kinds holds 'Teleport', not an effect kind",
    ),
    "effects(no kinds)": (lambda: gt.effects(kinds=[]), "effects(): kinds must name at least"),
    "effects(kinds as text)": (lambda: gt.effects(kinds="Rename"), "effects(): kinds must be a"),
    "effects(kinds=Decision)": (
        lambda: gt.effects(kinds=[gm.Decision]),
        "effects(): kinds holds",
    ),
    "effects(one id)": (lambda: gt.effects(ids=["a"]), "effects(): ids must hold at least two"),
    "effects(repeated id)": (
        lambda: gt.effects(ids=["a", "a"]),
        "effects(): ids must hold at least two distinct ids",
    ),
    "effects(ids as text)": (lambda: gt.effects(ids="ab"), "effects(): ids must be a list"),
    "effects(dates as list)": (
        lambda: gt.effects(dates=[dt.date(2021, 1, 1)]),
        "effects(): dates must be a hypothesis strategy",
    ),
    "decisions(bad id)": (lambda: gt.decisions(ids=["a", "B"]), "decisions(): ids is not a valid"),
    "decisions(max_effects=-1)": (
        lambda: gt.decisions(max_effects=-1),
        "decisions(): max_effects must be at least 0",
    ),
    "scenarios(0)": (lambda: gt.scenarios(0), "scenarios(): max_steps must be at least 1"),
    "scenarios(2.5)": (lambda: gt.scenarios(2.5), "scenarios(): max_steps must be an integer"),
    "timelines(0)": (lambda: gt.timelines(0), "timelines(): max_steps must be at least 1"),
    "datasets(0)": (lambda: gt.datasets(0), "datasets(): max_steps must be at least 1"),
}


@pytest.mark.parametrize(("call", "message"), MISUSE.values(), ids=list(MISUSE))
def test_arguments_are_checked_eagerly(call: Any, message: str) -> None:
    """A wrong argument fails when the strategy is made, not when it is drawn from, with a
    StrategyArgumentError naming the function and the argument; it is both a GovModelError
    (and ValueError) and hypothesis's InvalidArgument."""
    with pytest.raises(gt.StrategyArgumentError) as info:
        call()
    assert message in str(info.value)
    assert isinstance(info.value, gm.GovModelError)
    assert isinstance(info.value, InvalidArgument)
    assert isinstance(info.value, ValueError)


def test_govmodel_never_needs_hypothesis() -> None:
    """``import govmodel`` works without hypothesis; ``govmodel.testing`` then says what to
    install."""
    code = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "import govmodel\n"
        "assert govmodel.load_dataset('lang-son-2021')\n"
        "try:\n"
        "    import govmodel.testing\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "pip install 'govmodel[testing]'" in proc.stdout


def test_tests_keep_their_strategy_names() -> None:
    """tests/strategies.py re-exports every name the tests used to import from it."""
    import strategies  # noqa: PLC0415

    names = [
        "ROOT", "BASE", "GHOST", "Scenario", "mandates", "scenarios", "texts", "org_ids", "dates",
        "document_numbers", "decision_refs", "organisations", "post_refs", "memberships",
        "task_groups", "any_mandates", "sources", "observations", "split_parts", "effects",
        "decisions", "VALUE_STRATEGIES", "loose_datasets", "datasets", "Dataset", "_initial",
        "_FUNCS", "_VI_LETTERS", "_parse_or_none", "_document_number_texts", "gm", "st", "dt",
        "attrs",
    ]  # fmt: skip
    assert [n for n in names if not hasattr(strategies, n)] == []
    assert strategies.datasets is gt.datasets
