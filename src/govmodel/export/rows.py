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

import attrs

from govmodel.decisions import Decision, SetComposition
from govmodel.model import (
    AnyOrganisation,
    Mandate,
    Membership,
    Organisation,
    PostRef,
)
from govmodel.results import Change, Version
from govmodel.snapshot import Snapshot
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
    """The decision whose composition of *committee_id* holds on the snapshot's date.

    That is the in-force decision with the latest :class:`~govmodel.decisions.SetComposition`
    of the committee taking effect on or before the date (ties: the later decision in
    same-day order, then the later effect), as the engine folds standing provisions.

    Args:
        snapshot: the state on a date.
        committee_id: the committee.

    Returns:
        The decision, or None when no composition holds.

    Runtime complexity: O(n) for n decisions in force.
    """
    best: tuple[tuple[object, ...], Decision] | None = None
    for d in snapshot.decisions_in_force:
        for i, e in enumerate(d.effects):
            if not isinstance(e, SetComposition) or e.org_id != committee_id:
                continue
            when = d.effect_date(e)
            if when > snapshot.on:
                continue
            key = (when, d.sort_key(), i)
            if best is None or key > best[0]:
                best = (key, d)
    return None if best is None else best[1]


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
@attrs.frozen(slots=True)
class Tenure:
    """One membership of a committee, held by one office over one unbroken interval.

    The office is the membership's own post, or the post that succeeds it once its
    organisation is merged away (as :meth:`govmodel.snapshot.Snapshot.members` follows it):
    a succession ends one tenure and starts the next. A seat left vacant (its organisation
    ended with no successor) has no tenure while vacant.

    Attributes:
        committee_id: the committee.
        membership: the role and the post, as the deciding text sets them.
        office: the post that holds the membership during the tenure.
        start: the first day it holds.
        end: the first day it no longer holds (exclusive), or None while it still holds.
        decisions: the decisions whose compositions carried it, oldest first.
    """

    committee_id: str
    membership: Membership
    office: PostRef
    start: dt.date
    end: dt.date | None
    decisions: tuple[Decision, ...]

    def holds_on(self, day: dt.date) -> bool:
        """True when *day* lies inside ``[start, end)``."""
        return self.start <= day and (self.end is None or day < self.end)


def _change_points(timeline: Timeline, committee_id: str) -> list[dt.date]:
    """Every date on which a committee's seats can change.

    A composition is a standing provision: it changes only when some effect takes effect or
    a decision stops being in force (expiry, supersession, repeal); the office holding a
    seat changes only when an event (a merger, a dissolution) takes effect; and the
    committee itself lives between its first and last version.
    """
    points: set[dt.date] = set()
    for d in timeline.decisions:
        points.add(d.effective_on)
        points.update(d.effect_date(e) for e in d.effects)
        end = timeline.ends(d)
        if end is not None:
            points.add(end)
    for v in timeline.history(committee_id):
        points.update(x for x in (v.valid_from, v.valid_to) if x is not None)
    return sorted(points)


_Seats = tuple[tuple[Membership, PostRef], ...]
_Segment = tuple[dt.date, _Seats, tuple[Decision, ...]]


def _segments(timeline: Timeline, committee_id: str) -> list[tuple[_Segment, dt.date | None]]:
    """The committee's held seats as (start, (membership, office)…, causes), with each end."""
    segs: list[_Segment] = []
    for t in _change_points(timeline, committee_id):
        snap = timeline.as_of(t)
        seats = snap.members(committee_id) if committee_id in snap else ()
        held = tuple((s.membership, s.post) for s in seats if not s.vacant)
        cause = composition_decision(snap, committee_id) if held else None
        causes = () if cause is None else (cause,)
        if segs and segs[-1][1] == held:
            start, _, before = segs[-1]
            segs[-1] = (start, held, before + tuple(c for c in causes if c not in before))
        else:
            segs.append((t, held, causes))
    ends: list[dt.date | None] = [s[0] for s in segs[1:]]
    return list(zip(segs, [*ends, None], strict=True))


def tenures(timeline: Timeline) -> tuple[Tenure, ...]:
    """Every committee membership of the timeline with the office and interval it held.

    A membership that two successive decisions both set (a composition replaced by one that
    keeps the post in the same role) is one tenure carried by both decisions.

    Args:
        timeline: the timeline.

    Returns:
        Tenures sorted by committee, then start, then the membership's place in the text.

    Runtime complexity: O(c · p · n) for c committees, p change points and n decisions.
    """
    committees = sorted(
        {e.org_id for d in timeline.decisions for e in d.effects if isinstance(e, SetComposition)}
    )
    out: list[Tenure] = []
    for cid in committees:
        open_: dict[tuple[Membership, PostRef], Tenure] = {}
        done: list[tuple[int, Tenure]] = []
        order: dict[Membership, int] = {}
        for (start, seats, causes), end in _segments(timeline, cid):
            for key in seats:
                m, office = key
                order.setdefault(m, len(order))
                t = open_.get(key)
                if t is not None and t.end == start:
                    extra = tuple(c for c in causes if c not in t.decisions)
                    open_[key] = attrs.evolve(t, end=end, decisions=t.decisions + extra)
                else:
                    if t is not None:
                        done.append((order[m], t))
                    open_[key] = Tenure(cid, m, office, start, end, causes)
        done.extend((order[t.membership], t) for t in open_.values())
        out.extend(t for _, t in sorted(done, key=lambda p: (p[1].start, p[0])))
    return tuple(out)


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
