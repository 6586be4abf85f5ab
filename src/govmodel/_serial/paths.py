"""Problems with JSON paths (private): structuring item by item, and mapping the engine's
errors back to the place in the file they come from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from govmodel._serial.constants import SCHEMA_VERSION, Org, _json_type
from govmodel.decisions import (
    Decision,
    Effect,
)
from govmodel.errors import DatasetError, DecisionError, GovModelError, Problem
from govmodel.model import ORGANISATION_CLASSES
from govmodel.timeline import validate

# --------------------------------------------------------------------------- load


def _check_version(data: Mapping[str, Any], file: str | None) -> list[Problem]:
    """Problems with ``schema_version``; a newer version stops loading at once."""
    if "schema_version" not in data:
        return [Problem("$.schema_version", "required field missing")]
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        return [Problem("$.schema_version", f"expected an integer, not {_json_type(version)}")]
    if version > SCHEMA_VERSION:
        raise DatasetError(
            [Problem(
                "$.schema_version",
                f"schema version {version} is newer than this govmodel reads "
                f"({SCHEMA_VERSION}); upgrade govmodel",
            )],
            file=file,
        )
    if version < 1:
        return [Problem("$.schema_version", f"no schema version {version}; versions start at 1")]
    return []


def _structure_list(
    data: Mapping[str, Any], key: str, t: Any, problems: list[Problem]
) -> list[tuple[int, Any]]:
    """Structure ``data[key]`` item by item; return ``(index, value)`` for the good items."""
    from govmodel._serial.codec import _converter, _problems  # noqa: PLC0415 - cattrs on first use

    raw = data.get(key, [])
    if not isinstance(raw, list):
        problems.append(Problem(f"$.{key}", f"expected an array, not {_json_type(raw)}"))
        return []
    conv = _converter()
    good: list[tuple[int, Any]] = []
    for i, item in enumerate(raw):
        try:
            good.append((i, conv.structure(item, t)))
        except Exception as exc:
            problems += _problems(exc, f"$.{key}[{i}]")
    return good


def _raw_ids(items: Iterable[Any]) -> set[str]:
    """Organisation ids written in (possibly broken) raw organisation objects."""
    return {x["id"] for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)}


def _broken_ids(data: Mapping[str, Any], good_orgs: set[int], good_decisions: set[int]) -> set[str]:
    """Ids introduced by items that failed to load: errors about them are consequences."""
    ids: set[str] = set()
    orgs = data.get("organisations")
    if isinstance(orgs, list):
        ids |= _raw_ids(o for i, o in enumerate(orgs) if i not in good_orgs)
    decisions = data.get("decisions")
    if isinstance(decisions, list):
        for i, d in enumerate(decisions):
            if i in good_decisions or not isinstance(d, dict):
                continue
            if not isinstance(d.get("effects"), list):
                continue
            for e in d["effects"]:
                if isinstance(e, dict):
                    ids |= _raw_ids([e.get("org"), e.get("establish")])
                    if isinstance(e.get("parts"), list):
                        parts = e["parts"]
                        ids |= _raw_ids(p.get("establish") for p in parts if isinstance(p, dict))
    return ids



def _org_path(effect: Effect, org_id: str | None) -> str:
    """The path, inside an effect, of the field that names *org_id* ('' when none does)."""
    if org_id is None:
        return ""
    for field in attrs.fields(type(effect)):
        value = getattr(effect, field.name)
        if value == org_id:
            return f".{field.name}"
        if isinstance(value, ORGANISATION_CLASSES):
            if value.id == org_id:
                return f".{field.name}.id"
            if value.parent == org_id:
                return f".{field.name}.parent"
        if isinstance(value, tuple):
            for k, item in enumerate(value):
                if item == org_id:
                    return f".{field.name}[{k}]"
                post = getattr(item, "post", None)
                if post is not None and post.org_id == org_id:
                    return f".{field.name}[{k}].post.org_id"
                if getattr(item, "org_id", None) == org_id:
                    return f".{field.name}[{k}].org_id"
    return ""


def _engine_problems(
    decisions: list[tuple[str, Decision, str | None]],
    orgs: list[tuple[str, Org, str | None]],
    broken: set[str],
) -> list[Problem]:
    """Run the engine's validation and map each error back to a JSON path.

    *decisions* and *orgs* are ``(path, item, extended dataset or None)``: an error in an
    item of an extended dataset is reported on ``$.extends[i]``, naming that dataset.
    """
    try:
        errors: list[DecisionError] = validate(
            [d for _, d, _ in decisions], initial=[o for _, o, _ in orgs]
        )
    except GovModelError as exc:  # the engine refused the whole set
        return [Problem("$", exc.message)]
    by_label = {str(d.ref): (path, d, base) for path, d, base in decisions}
    org_at = {o.id: (path, base) for path, o, base in orgs}

    def problem(err: DecisionError) -> Problem:
        reason = err.reason
        if err.on is not None and err.on.isoformat() not in reason:
            reason = f"{reason} (on {err.on.isoformat()})"
        follow = tuple(problem(f) for f in err.follow_ons)
        found = by_label.get(err.decision) if err.decision is not None else None
        if found is None:
            at = org_at.get(err.org_id) if err.org_id is not None else None
            path = "$" if at is None else at[0]
            if err.decision is not None:
                reason = f"{err.decision}: {reason}"
            if at is not None and at[1] is not None:
                reason = f"in {at[1]!r}: {reason}"
            return Problem(path, reason, follow)
        path, decision, base = found
        if base is not None:
            return Problem(path, f"in {base!r}, {err.decision}: {reason}", follow)
        if err.effect_index is not None and 0 <= err.effect_index < len(decision.effects):
            effect = decision.effects[err.effect_index]
            path += f".effects[{err.effect_index}]" + _org_path(effect, err.org_id)
        return Problem(path, reason, follow)

    # a problem about an item already reported (a broken id) is a consequence, not a root
    return [problem(e) for e in errors if e.org_id is None or e.org_id not in broken]


