"""Shared hypothesis strategies for govmodel's tests: a thin re-export of govmodel.testing.

The strategies live in the library (:mod:`govmodel.testing`) so that users can test their
own code with them; the tests import them from here under the names they always had
(``from strategies import scenarios, ROOT``). Two names keep their older meaning here:
``mandates()`` draws from the small fixed vocabulary the scenarios use (so provisions
overlap), and ``any_mandates()`` is the library's ``mandates()``, any text.
"""

from __future__ import annotations

import datetime as dt  # noqa: F401 - re-exported: tests may import it from here
from typing import Any

import attrs  # noqa: F401 - re-exported
from hypothesis import strategies as st

import govmodel as gm  # noqa: F401 - re-exported
from govmodel import testing as _testing
from govmodel.serialize import Dataset  # noqa: F401 - re-exported
from govmodel.testing import (
    BASE,
    GHOST,
    ROOT,
    Scenario,
    StrategyArgumentError,
    datasets,
    dates,
    decision_refs,
    decisions,
    document_numbers,
    effects,
    loose_datasets,
    memberships,
    org_ids,
    organisations,
    post_refs,
    scenarios,
    sources,
    split_parts,
    task_groups,
    texts,
    timelines,
    value_strategies,
)
from govmodel.testing import mandates as any_mandates
from govmodel.testing._basic import (  # noqa: F401 - re-exported
    _VI_LETTERS,
    _document_number_texts,
    _parse_or_none,
)
from govmodel.testing._scenarios import _FUNCS, _initial  # noqa: F401 - re-exported
from govmodel.testing._scenarios import _small_mandates as mandates


def observations(org_ids_: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """Dated mentions; *org_ids_* draws the ids mentioned (the library calls it ``ids``)."""
    return _testing.observations(org_ids_)


#: Every public value class the converter handles, with a strategy for it.
VALUE_STRATEGIES: dict[type, st.SearchStrategy[Any]] = value_strategies()

__all__ = [
    "BASE",
    "GHOST",
    "ROOT",
    "VALUE_STRATEGIES",
    "Scenario",
    "StrategyArgumentError",
    "any_mandates",
    "datasets",
    "dates",
    "decision_refs",
    "decisions",
    "document_numbers",
    "effects",
    "loose_datasets",
    "mandates",
    "memberships",
    "observations",
    "org_ids",
    "organisations",
    "post_refs",
    "scenarios",
    "sources",
    "split_parts",
    "task_groups",
    "texts",
    "timelines",
]
