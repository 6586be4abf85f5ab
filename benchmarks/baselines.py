"""What govmodel is compared with: a naive replay, and SQLite with an indexed versions table.

Both answer the benchmark's point query — the organisation with id X on day D (its name,
parent…) — and both are set up generously: the work a real first implementation would redo
per query (sorting the effects, resolving which decisions are in force) is done once, up
front, and not timed; only what must depend on (X, D) is.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence

import attrs

import govmodel as gm

__all__ = ["NaiveReplay", "SqliteVersions"]

Org = gm.Agency | gm.Unit | gm.Committee


class NaiveReplay:
    """Fold every effect up to D into a dict of organisations, then look X up.

    This is what a first implementation does: no index, one pass over the history per
    question. Effects are pre-sorted (effective date, decision order, position) and each
    decision's end is resolved once (law 2); the replay applies the events of decisions in
    force on their date, as the engine does. Point queries only need organisations' values,
    so mandates and compositions are not folded. O(n) per query for n effects.
    """

    def __init__(self, decisions: Iterable[gm.Decision], initial: Sequence[Org]) -> None:
        ds = sorted(decisions, key=gm.Decision.sort_key)
        by_ref = {d.ref: d for d in ds}
        enders: dict[gm.DecisionRef, list[gm.Decision]] = {}
        for d in ds:
            for r in d.supersedes + d.repeals:
                if r in by_ref:
                    enders.setdefault(r, []).append(d)
        ends: dict[gm.DecisionRef, dt.date | None] = {}

        def end(d: gm.Decision) -> dt.date | None:
            if d.ref not in ends:
                best = d.expires_on
                for f in enders.get(d.ref, ()):
                    f_end = end(f)
                    if (f_end is None or f.effective_on < f_end) and (
                        best is None or f.effective_on < best
                    ):
                        best = f.effective_on
                ends[d.ref] = best
            return ends[d.ref]

        for d in reversed(ds):  # enders are signed later: resolve them first
            end(d)
        self.initial = {o.id: o for o in initial}
        self.events: list[tuple[dt.date, gm.Effect]] = []
        order = {id(d): n for n, d in enumerate(ds)}
        items = [
            (d.effect_date(e), order[id(d)], i, d, e)
            for d in ds
            for i, e in enumerate(d.effects)
            if isinstance(e, gm.Event)
        ]
        items.sort(key=lambda it: it[:3])
        for t, _, _, d, e in items:
            stop = ends[d.ref]
            if d.effective_on <= t and (stop is None or t < stop):
                self.events.append((t, e))

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


class SqliteVersions:
    """One row per version of each organisation, as a database user would store them.

    ``versions(entity, valid_from, valid_to, name, parent, kind)``, ISO dates as text
    (first states from ``0001-01-01``), an index on ``(entity, valid_from)``, an in-memory
    database. The point query is the one a user would write.
    """

    QUERY = (
        "SELECT name, parent FROM versions WHERE entity = ? AND valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to > ?) ORDER BY valid_from DESC LIMIT 1"
    )

    def __init__(self, timeline: gm.Timeline) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE TABLE versions (entity TEXT NOT NULL, valid_from TEXT NOT NULL, "
            "valid_to TEXT, name TEXT NOT NULL, parent TEXT, kind TEXT)"
        )
        rows = []
        for org_id in timeline.organisation_ids():
            for v in timeline.history(org_id):
                rows.append((
                    org_id,
                    (v.valid_from or dt.date.min).isoformat(),
                    None if v.valid_to is None else v.valid_to.isoformat(),
                    v.value.name,
                    v.value.parent,
                    str(v.value.kind.value),
                ))
        self.db.executemany("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)", rows)
        self.db.execute("CREATE INDEX versions_entity_from ON versions (entity, valid_from)")
        self.db.commit()
        self.rows = len(rows)

    def get(self, org_id: str, iso_day: str) -> tuple[str, str | None] | None:
        """(name, parent) of *org_id* on the ISO date *iso_day*, or None."""
        row: tuple[str, str | None] | None = self.db.execute(
            self.QUERY, (org_id, iso_day, iso_day)
        ).fetchone()
        return row
