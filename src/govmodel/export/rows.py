r"""Flat rows of text: snapshots, histories, diffs and committee compositions; CSV.

Every function here returns a list of ``dict[str, str | None]`` whose keys are the
columns, in a fixed order (see the ``*_COLUMNS`` constants). Values are text: dates in ISO
8601 (``2021-12-10``), enums by their value (``department``), lists joined with ``"; "``;
None where there is nothing to say (no parent, a first state with no date, an open end).
Rows need only the standard library; :func:`govmodel.export.frame.to_dataframe` turns them
into pandas data frames.

>>> import govmodel as gm
>>> snap = gm.load_dataset("lang-son-2021").as_of("2021-12-10")
>>> row = next(r for r in snapshot_rows(snap) if r["id"] == "lang-son/so-tttt/phong-bcvt")
>>> row["name"], row["valid_from"], row["decision_number"]
('Phòng Hạ tầng số', '2021-12-10', '33/2021/QĐ-UBND')
>>> to_csv([{"id": "a", "name": "Sở A"}, {"id": "b", "name": None}])
'id,name\r\na,Sở A\r\nb,\r\n'
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections.abc import Iterable, Mapping, Sequence

from govmodel.decisions import Decision
from govmodel.model import (
    AnyOrganisation,
    Mandate,
    Membership,
    Organisation,
)
from govmodel.results import Change, Version
from govmodel.snapshot import Snapshot
from govmodel.tenures import Tenure, tenures
from govmodel.timeline import Timeline

__all__ = [
    "DIFF_COLUMNS",
    "HISTORY_COLUMNS",
    "MEMBERSHIP_COLUMNS",
    "SNAPSHOT_COLUMNS",
    "TENURE_COLUMNS",
    "Row",
    "Tenure",
    "composition_decision",
    "diff_rows",
    "history_rows",
    "membership_rows",
    "snapshot_rows",
    "tenure_rows",
    "tenures",
    "to_csv",
]

Row = dict[str, str | None]
"""One row, from column name to text (None when empty)."""

Org = AnyOrganisation

#: Separator of joined lists (short names, functions…).
SEP = "; "

_DECISION_COLUMNS = ("decision_number", "decision_issuer", "decision_year")

#: Columns of :func:`snapshot_rows` (and of :func:`history_rows`).
SNAPSHOT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "short_names",
    "type",
    "kind",
    "level",
    "parent_id",
    *_DECISION_COLUMNS,
    "valid_from",
    "valid_to",
)
#: Columns of :func:`history_rows`: the same as a snapshot's.
HISTORY_COLUMNS: tuple[str, ...] = SNAPSHOT_COLUMNS
#: Columns of :func:`diff_rows`.
DIFF_COLUMNS: tuple[str, ...] = ("id", "attribute", "before", "after", *_DECISION_COLUMNS)
#: Columns of :func:`membership_rows`.
MEMBERSHIP_COLUMNS: tuple[str, ...] = (
    "committee_id",
    "committee_name",
    "role",
    "role_code",
    "post_org_id",
    "post_title",
    "post_qualifier",
    "label",
    "vacant",
    *_DECISION_COLUMNS,
)
#: Columns of :func:`tenure_rows`.
TENURE_COLUMNS: tuple[str, ...] = (
    "committee_id",
    "role",
    "role_code",
    "post_org_id",
    "post_title",
    "post_qualifier",
    "office_org_id",
    "office_title",
    "office_qualifier",
    "start",
    "end",
    "decisions",
)


# --------------------------------------------------------------------------- helpers
def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _decision_cells(d: Decision | None) -> Row:
    if d is None:
        return dict.fromkeys(_DECISION_COLUMNS)
    return {
        "decision_number": str(d.number),
        "decision_issuer": d.issuer,
        "decision_year": str(d.year),
    }


def _joined(items: Iterable[str]) -> str | None:
    text = SEP.join(items)
    return text or None


def _org_cells(org: Organisation) -> Row:
    kind = getattr(org, "kind", None)
    level = getattr(org, "level", None)
    return {
        "id": org.id,
        "name": org.name,
        "short_names": _joined(org.short_names),
        "type": type(org).__name__,
        "kind": None if kind is None else str(kind.value),
        "level": None if level is None else str(level.value),
        "parent_id": org.parent,
    }


def _mandate_text(m: Mandate) -> str | None:
    parts: list[str] = []
    if m.functions:
        parts.append("functions: " + ", ".join(m.functions))
    for g in m.task_groups:
        tasks = f": {', '.join(g.tasks)}" if g.tasks else ""
        parts.append(f"task group {g.name}{tasks}")
    if m.powers:
        parts.append("powers: " + ", ".join(m.powers))
    if m.fields:
        parts.append("fields: " + ", ".join(m.fields))
    return _joined(parts)


def _membership_text(m: Membership) -> str:
    return f"{m.role.vi}: {m.post}"


def _text(value: object) -> str | None:
    """A value of a :class:`~govmodel.results.Change` as one line of text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Organisation):
        return value.name
    if isinstance(value, Mandate):
        return _mandate_text(value)
    if isinstance(value, Membership):
        return _membership_text(value)
    if isinstance(value, tuple):
        return _joined(t for v in value if (t := _text(v)) is not None)
    return str(value)


def _version_row(v: Version) -> Row:
    return {
        **_org_cells(v.value),
        **_decision_cells(v.decision),
        "valid_from": _iso(v.valid_from),
        "valid_to": _iso(v.valid_to),
    }


# --------------------------------------------------------------------------- rows
def snapshot_rows(snapshot: Snapshot) -> list[Row]:
    """One row per organisation alive on the snapshot's date, sorted by id.

    Args:
        snapshot: the state on a date (:meth:`govmodel.Timeline.as_of`).

    Returns:
        Rows with the columns :data:`SNAPSHOT_COLUMNS`: the organisation's id, name, short
        names, type (``Agency``, ``Unit``, ``Committee``), kind, level (agencies only),
        parent id, the decision that made the version holding on the date (number, issuer,
        year) and that version's interval ``[valid_from, valid_to)``.

    Runtime complexity: O(N log k) for N organisations.
    """
    return [_version_row(snapshot.version(org_id)) for org_id in snapshot]


def history_rows(versions: Iterable[Version]) -> list[Row]:
    """One row per version, in the order given (:meth:`govmodel.Timeline.history`).

    Args:
        versions: versions of one or more organisations.

    Returns:
        Rows with the columns :data:`HISTORY_COLUMNS` (the same as a snapshot's).
    """
    return [_version_row(v) for v in versions]


def diff_rows(changes: Iterable[Change]) -> list[Row]:
    """One row per change, in the order given (:meth:`govmodel.Timeline.diff`).

    ``before`` and ``after`` are text: an organisation (established, dissolved) by its
    name, a list joined with ``"; "``, a mandate as ``functions: …; task group …: …``, a
    composition as ``role: post`` entries.

    Args:
        changes: the changes.

    Returns:
        Rows with the columns :data:`DIFF_COLUMNS`.
    """
    return [
        {
            "id": c.org_id,
            "attribute": c.attribute,
            "before": _text(c.before),
            "after": _text(c.after),
            **_decision_cells(c.decision),
        }
        for c in changes
    ]


def composition_decision(snapshot: Snapshot, committee_id: str) -> Decision | None:
    """The decision whose composition of *committee_id* holds on the snapshot's date, as
    the engine folds standing provisions (:meth:`~govmodel.Snapshot.composition_decision`);
    None when no composition holds (or the committee is not alive that day)."""
    if committee_id not in snapshot:
        return None
    return snapshot.composition_decision(committee_id)


def membership_rows(snapshot: Snapshot, committee_id: str) -> list[Row]:
    """One row per seat of a committee on the snapshot's date, in the deciding text's order.

    Args:
        snapshot: the state on a date.
        committee_id: the committee.

    Returns:
        Rows with the columns :data:`MEMBERSHIP_COLUMNS`: the role (Vietnamese title and
        code), the post that holds it on the date (its organisation, title, qualifier), the
        post's label with its organisation's name on the date, ``vacant`` (``"true"`` when
        the post's organisation ended with no successor, else ``"false"``) and the decision
        that set the composition.

    Raises:
        OrganisationNotFoundError: the committee is not alive on the date.
    """
    committee = snapshot[committee_id]
    seats = snapshot.members(committee_id)
    cells = _decision_cells(composition_decision(snapshot, committee_id) if seats else None)
    return [
        {
            "committee_id": committee_id,
            "committee_name": committee.name,
            "role": s.role,
            "role_code": s.membership.role.value,
            "post_org_id": s.post.org_id,
            "post_title": s.post.title,
            "post_qualifier": s.post.qualifier,
            "label": s.label,
            "vacant": "true" if s.vacant else "false",
            **cells,
        }
        for s in seats
    ]


# --------------------------------------------------------------------------- tenures
def tenure_rows(timeline: Timeline) -> list[Row]:
    """One row per :class:`Tenure`: which office sat on which committee, in which role, when.

    Args:
        timeline: the timeline.

    Returns:
        Rows with the columns :data:`TENURE_COLUMNS`: the role, the post as the deciding
        text names it, the office holding it (the same post, or its successor after a
        merger), the interval, and the deciding decisions' numbers joined with ``"; "``.
    """
    return [
        {
            "committee_id": t.committee_id,
            "role": t.membership.role.vi,
            "role_code": t.membership.role.value,
            "post_org_id": t.membership.post.org_id,
            "post_title": t.membership.post.title,
            "post_qualifier": t.membership.post.qualifier,
            "office_org_id": t.office.org_id,
            "office_title": t.office.title,
            "office_qualifier": t.office.qualifier,
            "start": _iso(t.start),
            "end": _iso(t.end),
            "decisions": _joined(str(d.number) for d in t.decisions),
        }
        for t in tenures(timeline)
    ]


# --------------------------------------------------------------------------- CSV
def to_csv(rows: Sequence[Mapping[str, str | None]]) -> str:
    """The rows as CSV text (RFC 4180: ``\\r\\n`` line ends, minimal quoting), header first.

    The header is the rows' keys in first-seen order; None and absent keys are written as
    empty fields. Read it back with :class:`csv.DictReader`; write it to a file opened
    with ``newline=""`` (or in binary) so that the line ends are kept as they are.

    Args:
        rows: the rows, e.g. from :func:`snapshot_rows`.

    Returns:
        The CSV text; empty text when there are no rows.
    """
    if not rows:
        return ""
    header = list(dict.fromkeys(k for r in rows for k in r))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()
