"""Results as JSON-ready dictionaries with stable field names (documented in docs/cli.md),
and text helpers that keep lines within a width.

Dates are ISO 8601 text (``"2021-12-10"``) or None; a decision is referred to by
``{"number", "issuer", "year"}``; enums by their value (``"department"``).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from govmodel.decisions import Decision
from govmodel.effect_base import Effect
from govmodel.effects import (
    AmendMandate,
    Dissolve,
    Establish,
    Merge,
    Move,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    TransferFunctions,
)
from govmodel.model import AnyOrganisation, Mandate
from govmodel.persons import Appoint, EndAppointment
from govmodel.render import kind_label
from govmodel.results import Edge, Ending, TreeNode, Version
from govmodel.snapshot import Snapshot
from govmodel.timeline import Timeline
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea

Json = dict[str, Any]

__all__ = [
    "Json",
    "coverage",
    "decision_json",
    "decision_ref",
    "edge_json",
    "effect_summary",
    "ending_json",
    "iso",
    "mandate_json",
    "org_json",
    "tree_text",
    "version_json",
    "wrap_lines",
]


def iso(day: dt.date | None) -> str | None:
    """A date as ISO text, None as None."""
    return None if day is None else day.isoformat()


def decision_ref(d: Decision | None) -> Json | None:
    """``{"number", "issuer", "year"}`` of a decision, or None."""
    if d is None:
        return None
    return {"number": str(d.number), "issuer": d.issuer, "year": d.year}


def _enum(value: object) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def org_json(o: AnyOrganisation) -> Json:
    """An organisation value: id, name, short names, type, kind, level, parent, territory,
    identifiers."""
    return {
        "id": o.id,
        "name": o.name,
        "short_names": list(o.short_names),
        "type": type(o).__name__,
        "kind": _enum(o.kind),
        "level": _enum(getattr(o, "level", None)),
        "parent": o.parent,
        "territory": getattr(o, "territory", None),
        "identifiers": [
            {"scheme": i.scheme, "value": i.value, "valid_from": iso(i.valid_from),
             "valid_to": iso(i.valid_to)}
            for i in o.identifiers
        ],
    }


def ending_json(e: Ending | None) -> Json | None:
    """How a version ended: on, kind, decision, into, default."""
    if e is None:
        return None
    return {"on": iso(e.on), "kind": e.kind, "decision": decision_ref(e.decision),
            "into": list(e.into), "default": e.default}


def version_json(v: Version) -> Json:
    """A version: the organisation's fields, its interval, decision, changes and ending."""
    return {
        **org_json(v.value),
        "valid_from": iso(v.valid_from),
        "valid_to": iso(v.valid_to),
        "decision": decision_ref(v.decision),
        "changed": list(v.changed),
        "ended": ending_json(v.ended),
    }


def edge_json(e: Edge) -> Json:
    """A lineage edge with the field names of :class:`govmodel.results.Edge`."""
    return {
        "source": e.source,
        "target": e.target,
        "kind": e.kind,
        "on": iso(e.on),
        "decision": decision_ref(e.decision),
        "default": e.default,
        "area_share": e.area_share,
        "population_share": e.population_share,
    }


def mandate_json(m: Mandate) -> Json:
    """A mandate: functions, task groups (name, tasks), powers, fields."""
    return {
        "functions": list(m.functions),
        "task_groups": [{"name": g.name, "tasks": list(g.tasks)} for g in m.task_groups],
        "powers": list(m.powers),
        "fields": list(m.fields),
    }


def decision_json(d: Decision, tl: Timeline) -> Json:
    """A decision's identity, dates (``ends``: first day no longer in force) and links."""
    return {
        **(decision_ref(d) or {}),
        "term": d.term,
        "doc_type": d.doc_type,
        "title": d.title,
        "signed_on": iso(d.signed_on),
        "effective_on": iso(d.effective_on),
        "expires_on": iso(d.expires_on),
        "known_on": iso(d.known_on),
        "ends": iso(tl.ends(d)),
        "supersedes": [str(r) for r in d.supersedes],
        "repeals": [str(r) for r in d.repeals],
        "amends": [str(r) for r in d.amends],
        "effects": len(d.effects),
    }


def coverage(decisions: Iterable[Decision]) -> tuple[dt.date, dt.date] | None:
    """The first and last decision dates (signing, effect), or None for no decisions."""
    days: list[dt.date] = []
    for d in decisions:
        days.append(d.effective_on)
        if d.signed_on is not None:
            days.append(d.signed_on)
        days.extend(d.effect_date(e) for e in d.effects)
    return (min(days), max(days)) if days else None


def _count(m: Mandate) -> int:
    return len(m.items())


def effect_summary(e: Effect) -> str:
    """One line saying what an effect does, with the ids it names."""
    if isinstance(e, Establish):
        return f"establishes {e.org.id} ({kind_label(e.org)}) as {e.org.name!r}" + (
            f" under {e.org.parent}" if e.org.parent else "")
    if isinstance(e, Rename):
        return f"renames {e.org_id} to {e.name!r}"
    if isinstance(e, Move):
        return f"moves {e.org_id} under {e.parent or 'nothing (a root)'}"
    if isinstance(e, Dissolve):
        return f"dissolves {e.org_id}"
    if isinstance(e, Merge):
        return f"merges {', '.join(e.sources)} into {e.into}"
    if isinstance(e, Split):
        parts = ", ".join(p.org_id + (" (default)" if p.default else "") for p in e.parts)
        return f"splits {e.source} into {parts}"
    if isinstance(e, TransferFunctions):
        return f"transfers {_count(e.mandate)} mandate items from {e.from_org} to {e.to_org}"
    if isinstance(e, SetMandate):
        return f"sets the mandate of {e.org_id} ({_count(e.mandate)} items)"
    if isinstance(e, AmendMandate):
        return (f"amends the mandate of {e.org_id} (+{_count(e.add)}, "
                f"-{_count(e.remove)} items)")
    if isinstance(e, SetComposition):
        return f"sets the composition of {e.org_id} ({len(e.members)} seats)"
    if isinstance(e, TransferArea):
        return f"transfers area from {e.from_unit} to {e.to_unit}"
    if isinstance(e, Reclassify):
        return f"reclassifies {e.org_id} as {_enum(e.unit_type)}"
    if isinstance(e, EndLevel):
        types = ", ".join(str(_enum(t)) for t in e.unit_types)
        return f"ends the level {types}" + (f" within {e.within}" if e.within else "")
    if isinstance(e, Appoint):
        return f"appoints {e.person.name} as {e.post}" + (f" for {e.term}" if e.term else "")
    if isinstance(e, EndAppointment):
        return f"ends {e.person_id}'s appointment as {e.post}" + (
            f" ({e.reason})" if e.reason else "")
    return f"{type(e).__name__} of {', '.join(e.org_ids())}"


# ----------------------------------------------------------------------------- text
def wrap_lines(lines: Iterable[str], width: int | None) -> list[str]:
    """Lines longer than *width* wrapped at spaces, continued under their own indent."""
    out: list[str] = []
    for line in lines:
        if width is None or len(line) <= width:
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip(" -·")))
        out += textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
                             break_on_hyphens=False) or [line]
    return out


def tree_text(snapshot: Snapshot, roots: Sequence[TreeNode], *, ids: bool,
              width: int | None) -> str:
    """The tree drawn as :func:`govmodel.render.text_tree` draws it, each label wrapped to
    *width* under its own branch."""
    lines: list[str] = []

    def label(org: AnyOrganisation) -> str:
        text = f"{org.name}  ({kind_label(org)})" + (f" [{org.id}]" if ids else "")
        d = snapshot.version(org.id).decision
        return text + (f"  ← {d.number}" if d is not None else "")

    def walk(node: TreeNode, prefix: str, last: bool, top: bool) -> None:
        head = "" if top else prefix + ("└── " if last else "├── ")
        below = "" if top else prefix + ("    " if last else "│   ")
        more = below + ("│   " if node.children else "    ")
        text = label(node.value)
        if width is None or len(head) + len(text) <= width:
            lines.append(head + text)
        else:
            parts = textwrap.wrap(text, max(width - len(head), 20), break_long_words=False,
                                  break_on_hyphens=False)
            lines.extend([head + parts[0], *(more + p for p in parts[1:])])
        for i, c in enumerate(node.children):
            walk(c, below, i == len(node.children) - 1, False)

    for root in roots:
        walk(root, "", True, True)
    return "\n".join(lines)
