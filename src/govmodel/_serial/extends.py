"""Datasets that extend bundled datasets (private): ``"extends": ["lang-son-2021"]``."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govmodel._serial.constants import _check_dataset_name, _json_type
from govmodel._serial.dataset import Dataset, _bundled_dataset, _Merged
from govmodel.errors import (
    DatasetError,
    GovModelError,
    InvalidValueError,
    Problem,
    UnknownDatasetError,
)
from govmodel.timeline import Timeline

# --------------------------------------------------------------------------- extends

# The bundled datasets being loaded, outermost first: a name met again is a cycle.
_LOADING: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "govmodel_serialize_loading", default=()
)


@contextlib.contextmanager
def _loading(name: str) -> Iterator[None]:
    """Mark the bundled dataset *name* as being loaded (used by :mod:`govmodel.datasets`)."""
    token = _LOADING.set((*_LOADING.get(), name))
    try:
        yield
    finally:
        _LOADING.reset(token)



def _earlier_state_problems(merged: _Merged, tl: Timeline | None = None) -> list[Problem]:
    """Check each earlier first state: this dataset's decisions must lead to the later one.

    An extending dataset may start an organisation earlier than a dataset it extends (the
    latter's first state is the state at *its* start). Its decisions must then turn the
    organisation into exactly that first state before the extended dataset's first decision,
    so that no fact of the extended dataset changes. *tl*: the merged items' timeline,
    when built already.
    """
    if not merged.earlier:
        return []
    if tl is None:
        try:
            tl = Timeline.from_decisions(
                list(merged.decisions), initial=list(merged.orgs)
            )
        except GovModelError:
            return []  # the engine's own problems are reported already
    out: list[Problem] = []
    for i, own, theirs, part in merged.earlier:
        first = min((d.effective_on for d in part.dataset.decisions), default=None)
        versions = tl.history(own.id)
        if first is None:
            ok = any(v.value == theirs and v.valid_from is not None for v in versions)
            when = "at some date"
        else:
            day = first - dt.timedelta(days=1)
            held = [v for v in versions if v.holds_on(day)]
            ok = bool(held) and held[0].value == theirs and held[0].valid_from is not None
            when = f"by {day.isoformat()}, before its first decision takes effect"
        if not ok:
            out.append(Problem(f"$.organisations[{i}]", (
                f"{own.id!r} differs from its first state in the extended dataset "
                f"{part.key!r}: an earlier first state is allowed only if this dataset's "
                f"decisions turn it into {part.key!r}'s first state {when}"
            )))
    return out


def _read_extends(data: Mapping[str, Any], problems: list[Problem]) -> list[tuple[int, str]]:
    """The names in ``"extends"``, each with its index; bad or repeated names are problems."""
    raw = data.get("extends", [])
    if not isinstance(raw, list):
        problems.append(Problem("$.extends", f"expected an array, not {_json_type(raw)}"))
        return []
    names: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        try:
            name = _check_dataset_name(item)
        except InvalidValueError as exc:
            problems.append(Problem(f"$.extends[{i}]", exc.message))
            continue
        if name in seen:
            problems.append(Problem(f"$.extends[{i}]", f"{name!r} is already listed at "
                                    f"$.extends[{seen[name]}]"))
            continue
        seen[name] = i
        names.append((i, name))
    return names


def _resolve_extends(
    names: list[tuple[int, str]], problems: list[Problem]
) -> list[tuple[int, str, Dataset]]:
    """Load each extended (bundled) dataset; unknown names, cycles and faults are problems."""
    out: list[tuple[int, str, Dataset]] = []
    stack = _LOADING.get()
    for i, name in names:
        path = f"$.extends[{i}]"
        if name in stack:
            cycle = " → ".join((*stack[stack.index(name):], name))
            problems.append(Problem(path, f"extending {name!r} makes a cycle: {cycle}"))
            continue
        try:
            out.append((i, name, _bundled_dataset(name)))
        except UnknownDatasetError as exc:
            problems.append(Problem(path, exc.message))
        except DatasetError as exc:
            first = exc.problems[0] if exc.problems else Problem("$", "unreadable")
            count = len(exc.problems)
            problems.append(Problem(path, (
                f"the bundled dataset {name!r} does not load ({count} problem"
                f"{'s' if count != 1 else ''}; first: {first})"
            )))
    return out


