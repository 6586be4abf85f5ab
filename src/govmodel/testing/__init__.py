"""Hypothesis strategies for testing your own code that uses govmodel.

Needs the ``testing`` extra (``pip install 'govmodel[testing]'``, which installs
`hypothesis <https://hypothesis.readthedocs.io>`_); ``import govmodel`` itself never needs
it. The strategies come in three layers:

* **values** — one strategy per public value class, each value valid on its own:
  :func:`texts`, :func:`org_ids`, :func:`dates`, :func:`document_numbers`,
  :func:`decision_refs`, :func:`organisations`, :func:`post_refs`, :func:`memberships`,
  :func:`task_groups`, :func:`mandates`, :func:`sources`, :func:`observations`,
  :func:`split_parts`, :func:`effects` (every effect kind, or those you name) and
  :func:`decisions`; :func:`value_strategies` maps each class to its strategy;
* **valid timelines** — :func:`scenarios` simulates a province and draws only steps valid on
  their day, so every decision references only organisations alive on its date;
  :func:`timelines` builds them;
* **post holders** — :func:`persons` and :func:`appointment_histories` (one person's valid
  appointments to one post, with terms, early ends and late publication);
* **datasets** — :func:`datasets` (valid: they load without a problem) and
  :func:`loose_datasets` (any values: fine for the converter, not for the engine).

Arguments are checked when a strategy is made, not when a value is first drawn: misuse
raises :class:`StrategyArgumentError` at once, which is both a
:class:`~govmodel.errors.GovModelError` and hypothesis's own ``InvalidArgument``.

>>> from hypothesis import given, settings
>>> import govmodel.testing as gt
>>> @settings(max_examples=10, database=None)
... @given(gt.timelines(max_steps=4))
... def test_the_root_is_always_there(tl):
...     assert gt.ROOT in tl.as_of("2020-01-01")
>>> test_the_root_is_always_there()
>>> gt.scenarios(max_steps=0)
Traceback (most recent call last):
...
govmodel.testing.StrategyArgumentError: scenarios(): max_steps must be at least 1, not 0

The fuzz run over the loader and the engine is :mod:`govmodel.testing.fuzz`
(``python -m govmodel.testing.fuzz --examples 10000``). See ``docs/testing.md``.

Added in 0.1.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - imported to give a clear message when it is missing
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "govmodel.testing needs hypothesis; install it with: pip install 'govmodel[testing]'"
    ) from exc

from govmodel.testing._args import StrategyArgumentError
from govmodel.testing._persons import AppointmentHistory, appointment_histories, persons
from govmodel.testing._scenarios import (
    BASE,
    GHOST,
    ROOT,
    Scenario,
    datasets,
    loose_datasets,
    scenarios,
    timelines,
)
from govmodel.testing._units import identifiers, unit_timelines
from govmodel.testing._values import (
    dates,
    decision_refs,
    decisions,
    document_numbers,
    effects,
    mandates,
    memberships,
    observations,
    org_ids,
    organisations,
    post_refs,
    sources,
    split_parts,
    task_groups,
    texts,
    value_strategies,
)

# Tracebacks name the error where users import it from.
StrategyArgumentError.__module__ = __name__

__all__ = [
    "BASE",
    "GHOST",
    "ROOT",
    "AppointmentHistory",
    "Scenario",
    "StrategyArgumentError",
    "appointment_histories",
    "datasets",
    "dates",
    "decision_refs",
    "decisions",
    "document_numbers",
    "effects",
    "identifiers",
    "loose_datasets",
    "mandates",
    "memberships",
    "observations",
    "org_ids",
    "organisations",
    "persons",
    "post_refs",
    "scenarios",
    "sources",
    "split_parts",
    "task_groups",
    "texts",
    "timelines",
    "unit_timelines",
    "value_strategies",
]
