"""Short labels shared by the text, diagram and HTML renderings (decisions, kinds, days)."""

from __future__ import annotations

import datetime as dt

from govmodel.decisions import Decision
from govmodel.model import AnyOrganisation, Mandate, Membership
from govmodel.results import TreeNode
from govmodel.snapshot import Snapshot

Org = AnyOrganisation

#: Largest number of organisations drawn in a diagram or HTML tree before it is cut short.
MAX_NODES = 500


def decision_label(decision: Decision | None) -> str:
    """A short label for a decision: its document number, or "—" for none.

    >>> decision_label(None)
    '—'
    """
    return "—" if decision is None else str(decision.number)


def kind_label(org: Org) -> str:
    """The organisation's kind in plain English (``public service unit``)."""
    return str(org.kind.value).replace("_", " ")


def day_text(d: dt.date | None) -> str:
    return "…" if d is None else d.isoformat()


def value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple) and value and isinstance(value[0], Membership):
        return f"{len(value)} seats"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, Mandate):
        return "none recorded" if value.is_empty else f"{len(value.items())} items"
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value)


def forest(snapshot: Snapshot, root_id: str | None) -> tuple[TreeNode, ...]:
    if root_id is not None:
        return (snapshot.tree(root_id),)
    return tuple(snapshot.tree(o.id) for o in sorted(snapshot.roots(), key=lambda o: o.name))

