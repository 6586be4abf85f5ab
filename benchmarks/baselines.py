"""What govmodel is compared with: replays, SQLite (as committed and tuned), DuckDB, floors.

Every baseline answers the benchmark's questions — the organisation with id X on day D (its
name and parent), and every organisation alive on D fetched into Python — and each is set
up generously: the work a real first implementation would redo per query (sorting the
effects, resolving which decisions are in force, converting dates) is done once, up front,
and not timed; only what must depend on (X, D) is.

* :class:`NaiveReplay` folds the history up to D for each question.
* :class:`SqliteVersions` is the versions table as committed: ISO dates as text, an index on
  ``(entity, valid_from)``.
* :class:`SqliteTuned` is the same table tuned: integer day numbers, ``WITHOUT ROWID`` keyed
  by ``(entity, valid_from)``, an open end stored as a large day number.
* :class:`DuckdbVersions` is the tuned table in DuckDB (an optional, benchmark-only package).
* The floors, what pure Python cannot do much better than: :class:`DictBisect` (a dict of
  per-organisation start dates, bisected: the point query), :class:`ColumnVersions` (the
  versions as columns sorted by start: the full snapshot) and :class:`LeanReplay` (the
  events folded once into per-organisation versions, values only: the build).

The tables are filled from :func:`version_rows` (one row per version of the timeline).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sqlite3
import tempfile
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

import govmodel as gm

__all__ = [
    "ColumnVersions",
    "DictBisect",
    "DuckdbVersions",
    "LeanReplay",
    "NaiveReplay",
    "SqliteTuned",
    "SqliteVersions",
    "in_force_events",
    "version_rows",
]

Org = gm.Agency | gm.Unit | gm.Committee
#: (entity, valid_from, valid_to, name, parent, kind); first states from ``date.min``, an
#: open end as None.
Row = tuple[str, dt.date, "dt.date | None", str, "str | None", str]
#: The day number stored for an open end (after every real date).
OPEN_END = dt.date.max.toordinal() + 1


def version_rows(timeline: gm.Timeline) -> list[Row]:
    """One row per version of every organisation of *timeline*, by id then start."""
    rows: list[Row] = []
    for org_id in timeline.organisation_ids():
        for v in timeline.history(org_id):
            rows.append((
                org_id,
                v.valid_from or dt.date.min,
                v.valid_to,
                v.value.name,
                v.value.parent,
                str(v.value.kind.value),
            ))
    return rows


def in_force_events(decisions: Iterable[gm.Decision]) -> list[tuple[dt.date, gm.Event]]:
    """The events that happen, in the engine's order: (date, event).

    Effects are sorted (effective date, decision order, position) and each decision's end is
    resolved once (law 2: the earliest effective date of a superseding or repealing decision
    that is itself in force then, or its expiry); an event happens when its decision is in
    force on the event's date.
    """
    ds = sorted(decisions, key=gm.Decision.sort_key)
    # identities as tuples (issuer, number, series), as the engine keys them
    by_key = {(d.issuer, d.number, d.series): d for d in ds}
    enders: dict[int, list[gm.Decision]] = {}
    for d in ds:
        for r in d.supersedes + d.repeals:
            target = by_key.get((r.issuer, r.number, r.series))
            if target is not None:
                enders.setdefault(id(target), []).append(d)
    ends: dict[int, dt.date | None] = {}

    def end(d: gm.Decision) -> dt.date | None:
        key = id(d)
        if key not in ends:
            best = d.expires_on
            for f in enders.get(key, ()):
                f_end = end(f)
                if (f_end is None or f.effective_on < f_end) and (
                    best is None or f.effective_on < best
                ):
                    best = f.effective_on
            ends[key] = best
        return ends[key]

    for d in reversed(ds):  # enders are signed later: resolve them first
        end(d)
    order = {id(d): n for n, d in enumerate(ds)}
    items = [
        (d.effect_date(e), order[id(d)], i, d, e)
        for d in ds
        for i, e in enumerate(d.effects)
        if isinstance(e, gm.Event)
    ]
    items.sort(key=lambda it: it[:3])
    events: list[tuple[dt.date, gm.Event]] = []
    for t, _, _, d, e in items:
        stop = ends[id(d)]
        if d.effective_on <= t and (stop is None or t < stop):
            events.append((t, e))
    return events


class NaiveReplay:
    """Fold every effect up to D into a dict of organisations, then look X up.

    This is what a first implementation does: no index, one pass over the history per
    question. Effects are pre-sorted (effective date, decision order, position) and each
    decision's end is resolved once (law 2); the replay applies the events of decisions in
    force on their date, as the engine does. Point queries only need organisations' values,
    so mandates and compositions are not folded. O(n) per query for n effects.
    """

    def __init__(self, decisions: Iterable[gm.Decision], initial: Sequence[Org]) -> None:
        self.initial = {o.id: o for o in initial}
        self.events = in_force_events(decisions)

    def state(self, day: dt.date) -> dict[str, Org]:
        """Every organisation alive on *day*, by replaying the history up to it."""
        state = dict(self.initial)
        for t, e in self.events:
            if t > day:
                break
            if isinstance(e, gm.Establish):
                state[e.org.id] = e.org
            elif isinstance(e, gm.Rename):
                o = state[e.org_id]
                short = o.short_names if e.short_names is None else e.short_names
                state[e.org_id] = attrs.evolve(o, name=e.name, short_names=short)
            elif isinstance(e, gm.Move):
                state[e.org_id] = attrs.evolve(state[e.org_id], parent=e.parent)
            elif isinstance(e, gm.Dissolve):
                del state[e.org_id]
            elif isinstance(e, gm.Merge):
                if e.establish is not None:
                    state[e.into] = e.establish
                for s in e.sources:
                    del state[s]
            elif isinstance(e, gm.Split):
                for p in e.parts:
                    if p.establish is not None:
                        state[p.org_id] = p.establish
                if e.dissolve_source:
                    del state[e.source]
        return state

    def get(self, org_id: str, day: dt.date) -> Org | None:
        """The organisation *org_id* on *day*, or None."""
        return self.state(day).get(org_id)


class _SqliteQueries:
    """The two queries of a versions table: one organisation on a day, and every one."""

    QUERY: str
    SNAPSHOT: str
    db: sqlite3.Connection

    def get(self, org_id: str, day: object) -> tuple[str, str | None] | None:
        """(name, parent) of *org_id* on *day* (as the table stores days), or None."""
        row: tuple[str, str | None] | None = self.db.execute(
            self.QUERY, (org_id, day, day)
        ).fetchone()
        return row

    def snapshot(self, day: object) -> list[tuple[str, str, str | None]]:
        """(entity, name, parent) of every organisation alive on *day*, fetched."""
        return self.db.execute(self.SNAPSHOT, (day, day)).fetchall()


class SqliteVersions(_SqliteQueries):
    """One row per version of each organisation, as a database user would store them.

    ``versions(entity, valid_from, valid_to, name, parent, kind)``, ISO dates as text
    (first states from ``0001-01-01``), an index on ``(entity, valid_from)``, an in-memory
    database. The point query is the one a user would write.
    """

    QUERY = (
        "SELECT name, parent FROM versions WHERE entity = ? AND valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to > ?) ORDER BY valid_from DESC LIMIT 1"
    )

    SNAPSHOT = (
        "SELECT entity, name, parent FROM versions WHERE valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to > ?)"
    )

    def __init__(self, timeline: gm.Timeline, rows: Sequence[Row] | None = None) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE TABLE versions (entity TEXT NOT NULL, valid_from TEXT NOT NULL, "
            "valid_to TEXT, name TEXT NOT NULL, parent TEXT, kind TEXT)"
        )
        rows = [
            (e, f.isoformat(), None if t is None else t.isoformat(), n, p, k)
            for e, f, t, n, p, k in (version_rows(timeline) if rows is None else rows)
        ]
        self.db.executemany("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)", rows)
        self.db.execute("CREATE INDEX versions_entity_from ON versions (entity, valid_from)")
        self.db.commit()
        self.rows = len(rows)



class SqliteTuned(_SqliteQueries):
    """The versions table tuned for these queries: what a careful SQLite user would write.

    ``versions(entity, valid_from, valid_to, name, parent, kind)`` with day numbers
    (``date.toordinal()``; an open end is :data:`OPEN_END`), ``WITHOUT ROWID`` with the
    primary key ``(entity, valid_from)``: the point query is one descent of the clustered
    key. Days are passed as day numbers, converted once up front.
    """

    QUERY = (
        "SELECT name, parent FROM versions WHERE entity = ? AND valid_from <= ? "
        "AND valid_to > ? ORDER BY valid_from DESC LIMIT 1"
    )
    SNAPSHOT = "SELECT entity, name, parent FROM versions WHERE valid_from <= ? AND valid_to > ?"

    def __init__(self, rows: Sequence[Row]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE TABLE versions (entity TEXT NOT NULL, valid_from INTEGER NOT NULL, "
            "valid_to INTEGER NOT NULL, name TEXT NOT NULL, parent TEXT, kind TEXT, "
            "PRIMARY KEY (entity, valid_from)) WITHOUT ROWID"
        )
        self.db.executemany("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)", day_rows(rows))
        self.db.commit()
        self.rows = len(rows)



def day_rows(rows: Iterable[Row]) -> list[tuple[str, int, int, str, str | None, str]]:
    """*rows* with day numbers for dates (an open end: :data:`OPEN_END`)."""
    return [
        (e, f.toordinal(), OPEN_END if t is None else t.toordinal(), n, p, k)
        for e, f, t, n, p, k in rows
    ]


class DuckdbVersions:
    """The tuned versions table in DuckDB (in memory), loaded from a CSV file.

    Day numbers as in :class:`SqliteTuned`; an ART index on ``entity`` for the point query.
    The snapshot fetches the rows into Python (``fetchall``), as the other systems do.
    """

    QUERY = SqliteTuned.QUERY
    SNAPSHOT = SqliteTuned.SNAPSHOT

    def __init__(self, rows: Sequence[Row]) -> None:
        import duckdb  # noqa: PLC0415 - optional: pip install -e '.[bench]'

        self.db: Any = duckdb.connect(":memory:")
        fd, path = tempfile.mkstemp(suffix=".csv")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows(day_rows(rows))
            self.db.execute(
                "CREATE TABLE versions AS SELECT * FROM read_csv(?, header = false, "
                "columns = {'entity': 'VARCHAR', 'valid_from': 'INTEGER', "
                "'valid_to': 'INTEGER', 'name': 'VARCHAR', 'parent': 'VARCHAR', "
                "'kind': 'VARCHAR'})",
                [path],
            )
        finally:
            os.unlink(path)
        self.db.execute("CREATE INDEX versions_entity ON versions (entity)")
        self.rows = len(rows)

    def get(self, org_id: str, day: int) -> tuple[str, str | None] | None:
        """(name, parent) of *org_id* on the day number *day*, or None."""
        row: tuple[str, str | None] | None = self.db.execute(
            self.QUERY, (org_id, day, day)
        ).fetchone()
        return row

    def snapshot(self, day: int) -> list[tuple[str, str, str | None]]:
        """(entity, name, parent) of every organisation alive on the day number *day*."""
        rows: list[tuple[str, str, str | None]] = self.db.execute(
            self.SNAPSHOT, (day, day)
        ).fetchall()
        return rows


class DictBisect:
    """The point-query floor: id → (start dates, ends, values); one dict lookup, one bisect.

    Takes the same ``date`` the public API takes; answers (name, parent) or None.
    """

    def __init__(self, rows: Iterable[Row]) -> None:
        by_id: dict[str, tuple[list[dt.date], list[dt.date], list[tuple[str, str | None]]]]
        by_id = {}
        for e, f, t, n, p, _ in rows:
            entry = by_id.get(e)
            if entry is None:
                entry = by_id[e] = ([], [], [])
            entry[0].append(f)
            entry[1].append(dt.date.max if t is None else t)
            entry[2].append((n, p))
        self.by_id = by_id

    def get(self, org_id: str, day: dt.date) -> tuple[str, str | None] | None:
        """(name, parent) of *org_id* on *day*, or None."""
        starts, ends, values = self.by_id[org_id]
        i = bisect_right(starts, day) - 1
        if i < 0 or day >= ends[i]:
            return None
        return values[i]


class ColumnVersions:
    """The full-snapshot floor: every version as columns sorted by start day.

    Start and end days as day numbers, the answer rows (entity, name, parent) made once: the
    versions started on or before D are a prefix (one bisect); the rows of those not yet
    ended on D are the answer, gathered in one comprehension.
    """

    def __init__(self, rows: Iterable[Row]) -> None:
        ordered = sorted(rows, key=lambda r: r[1])
        self.starts = [r[1].toordinal() for r in ordered]
        self.ends = [OPEN_END if r[2] is None else r[2].toordinal() for r in ordered]
        self.rows = [(r[0], r[3], r[4]) for r in ordered]

    def snapshot(self, day: dt.date) -> list[tuple[str, str, str | None]]:
        """(entity, name, parent) of every organisation alive on *day*."""
        n = day.toordinal()
        k = bisect_right(self.starts, n)
        return [row for row, end in zip(self.rows[:k], self.ends[:k], strict=True) if end > n]


class LeanReplay:
    """The build floor: the events folded once, in order, into per-organisation versions.

    Everything is in the constructor (that is what is timed): sorting the decisions,
    resolving their ends (:func:`in_force_events`), then one pass that starts a new version
    (start, value) at each change, or replaces the value of a version started the same day,
    and records each end. Values only: no mandates, compositions, lineage, provenance or
    checks — what any replay must do at least. A changed value is a field-by-field copy with
    the change, made without the constructor's validation (:func:`_changed`).
    """

    def __init__(self, decisions: Iterable[gm.Decision], initial: Sequence[Org]) -> None:
        tracks: dict[str, list[Any]] = {}  # id -> [starts, values, end]
        for o in initial:
            tracks[o.id] = [[dt.date.min], [o], None]

        def put(org: Org, t: dt.date) -> None:
            track = tracks.get(org.id)
            if track is None or track[2] is not None:
                tracks[org.id] = [[t], [org], None]
            elif track[0][-1] == t:
                track[1][-1] = org
            else:
                track[0].append(t)
                track[1].append(org)

        def stop(org_id: str, t: dt.date) -> None:
            tracks[org_id][2] = t

        for t, e in in_force_events(decisions):
            if isinstance(e, gm.Rename):
                o = tracks[e.org_id][1][-1]
                short = o.short_names if e.short_names is None else e.short_names
                put(_changed(o, name=e.name, short_names=short), t)
            elif isinstance(e, gm.Move):
                put(_changed(tracks[e.org_id][1][-1], parent=e.parent), t)
            elif isinstance(e, gm.Establish):
                put(e.org, t)
            elif isinstance(e, gm.Dissolve):
                stop(e.org_id, t)
            elif isinstance(e, gm.Merge):
                if e.establish is not None:
                    put(e.establish, t)
                for s in e.sources:
                    stop(s, t)
            elif isinstance(e, gm.Split):
                for p in e.parts:
                    if p.establish is not None:
                        put(p.establish, t)
                if e.dissolve_source:
                    stop(e.source, t)
        self.tracks = tracks

    def state(self, day: dt.date) -> dict[str, tuple[str, str | None]]:
        """(name, parent) of every organisation alive on *day*, by id."""
        out = {}
        for org_id, (starts, values, end) in self.tracks.items():
            i = bisect_right(starts, day) - 1
            if i >= 0 and (end is None or day < end):
                out[org_id] = (values[i].name, values[i].parent)
        return out


_FIELDS: dict[type, tuple[str, ...]] = {}


def _changed(org: Org, **changes: Any) -> Org:
    """A copy of *org* with *changes*, unvalidated (equal to ``attrs.evolve``'s result)."""
    cls = type(org)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls))
    new = object.__new__(cls)
    for name in names:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(org, name))
    return new
