"""A timeline as a database of valid-time tables: SQLite (standard library) or DuckDB.

Every row that holds over time has ``valid_from`` (inclusive; NULL for a first state recorded
without a date) and ``valid_to`` (exclusive; NULL while it still holds), both ISO 8601 text,
so that comparing text compares dates and the "as of" query is::

    SELECT name, parent_id FROM versions
    WHERE org_id = ? AND (valid_from IS NULL OR valid_from <= ?)
      AND (valid_to IS NULL OR ? < valid_to)

The tables (their columns are in :data:`SCHEMA` and docs/sql.md): ``metadata``,
``decisions``, ``decision_links``, ``effects``, ``effect_organisations``, ``versions``,
``identifiers``, ``mandate_items``, ``memberships``, ``persons``, ``holdings`` and
``lineage``. Every value is bound as a
parameter; nothing from the data is ever spliced into SQL text. The facts come from the
engine (versions, ends of decisions, lineage edges, tenures, holders and the offices
that carry them through mergers), never re-derived here.

>>> import sqlite3, govmodel as gm
>>> db = sqlite3.connect(":memory:")
>>> write_tables(gm.load_dataset("lang-son-2021"), db)
>>> db.execute("SELECT name FROM versions WHERE org_id = ? AND valid_from <= ? "
...            "AND (valid_to IS NULL OR ? < valid_to)",
...            ("lang-son/so-tttt/phong-bcvt", "2021-12-10", "2021-12-10")).fetchone()
('Phòng Hạ tầng số',)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from govmodel._version import __version__
from govmodel.decisions import Decision
from govmodel.effect_base import Effect
from govmodel.export.holders import holdings, office_label, persons
from govmodel.export.rows import tenures
from govmodel.model import Mandate, PostRef, Source
from govmodel.results import Edge, Holding
from govmodel.serialize import Dataset, make_converter
from govmodel.timeline import Timeline

__all__ = ["SCHEMA", "SCHEMA_VERSION", "to_duckdb", "to_sqlite", "write_tables"]

#: Version of the table layout below; stored in ``metadata`` as ``schema_version``.
SCHEMA_VERSION = 1

#: Column definitions of each table, in creation order.
SCHEMA: dict[str, tuple[str, ...]] = {
    "metadata": ("key TEXT PRIMARY KEY", "value TEXT"),
    "decisions": (
        "decision_id INTEGER PRIMARY KEY", "number TEXT NOT NULL", "issuer TEXT NOT NULL",
        "year INTEGER NOT NULL", "term TEXT", "doc_type TEXT", "title TEXT", "signed_on TEXT",
        "effective_on TEXT NOT NULL", "expires_on TEXT", "known_on TEXT NOT NULL",
        "ends_on TEXT", "retroactive INTEGER NOT NULL",
    ),
    "decision_links": (
        "decision_id INTEGER NOT NULL", "how TEXT NOT NULL", "target_id INTEGER",
        "target_ref TEXT NOT NULL",
    ),
    "effects": (
        "decision_id INTEGER NOT NULL", "seq INTEGER NOT NULL", "type TEXT NOT NULL",
        "family TEXT NOT NULL", "effective_on TEXT NOT NULL", "data TEXT NOT NULL",
    ),
    "effect_organisations": (
        "decision_id INTEGER NOT NULL", "seq INTEGER NOT NULL", "org_id TEXT NOT NULL",
    ),
    "versions": (
        "org_id TEXT NOT NULL", "version_no INTEGER NOT NULL", "valid_from TEXT",
        "valid_to TEXT", "type TEXT NOT NULL", "name TEXT NOT NULL", "short_names TEXT NOT NULL",
        "kind TEXT", "level TEXT", "parent_id TEXT", "territory TEXT", "decision_id INTEGER",
        "changed TEXT NOT NULL", "ended_kind TEXT", "ended_decision_id INTEGER",
        "ended_into TEXT",
    ),
    "identifiers": (
        "org_id TEXT NOT NULL", "scheme TEXT NOT NULL", "value TEXT NOT NULL",
        "valid_from TEXT", "valid_to TEXT",
    ),
    "mandate_items": (
        "org_id TEXT NOT NULL", "valid_from TEXT NOT NULL", "valid_to TEXT",
        "section TEXT NOT NULL", "position INTEGER NOT NULL", "task_group TEXT",
        "text TEXT NOT NULL", "decision_id INTEGER",
    ),
    "memberships": (
        "committee_id TEXT NOT NULL", "role TEXT NOT NULL", "role_code TEXT NOT NULL",
        "post_org_id TEXT NOT NULL", "post_title TEXT NOT NULL", "post_qualifier TEXT",
        "office_org_id TEXT NOT NULL", "office_title TEXT NOT NULL", "office_qualifier TEXT",
        "valid_from TEXT NOT NULL", "valid_to TEXT", "decision_id INTEGER",
    ),
    "persons": ("person_id TEXT PRIMARY KEY", "name TEXT NOT NULL", "other_names TEXT NOT NULL"),
    "holdings": (
        "person_id TEXT NOT NULL", "post_org_id TEXT NOT NULL", "post_title TEXT NOT NULL",
        "post_qualifier TEXT", "office_org_id TEXT NOT NULL", "office_title TEXT NOT NULL",
        "office_qualifier TEXT", "office_label TEXT NOT NULL", "valid_from TEXT NOT NULL",
        "valid_to TEXT", "known_from TEXT NOT NULL", "decision_id INTEGER",
        "ended_decision_id INTEGER", "end_reason TEXT", "source_document TEXT",
        "source_locator TEXT", "source_url TEXT",
    ),
    "lineage": (
        "source TEXT NOT NULL", "target TEXT", "kind TEXT NOT NULL", "on_date TEXT NOT NULL",
        "decision_id INTEGER", "is_default INTEGER NOT NULL", "area_share REAL",
        "population_share REAL",
    ),
}

INDEXES: tuple[tuple[str, str, str], ...] = (
    ("versions_by_org", "versions", "org_id, valid_from"),
    ("versions_by_date", "versions", "valid_from, valid_to"),
    ("versions_by_parent", "versions", "parent_id"),
    ("versions_by_name", "versions", "name"),
    ("decisions_by_number", "decisions", "number, issuer, year"),
    ("effects_by_decision", "effects", "decision_id, seq"),
    ("effect_organisations_by_org", "effect_organisations", "org_id"),
    ("identifiers_by_code", "identifiers", "scheme, value"),
    ("identifiers_by_org", "identifiers", "org_id"),
    ("mandate_items_by_org", "mandate_items", "org_id, valid_from"),
    ("memberships_by_committee", "memberships", "committee_id, valid_from"),
    ("memberships_by_office", "memberships", "office_org_id"),
    ("holdings_by_office", "holdings", "office_org_id, office_title, valid_from"),
    ("holdings_by_person", "holdings", "person_id, valid_from"),
    ("lineage_by_source", "lineage", "source"),
    ("lineage_by_target", "lineage", "target"),
)


Row = tuple[Any, ...]


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _enum(value: object) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


class _Ids:
    """Decision → its ``decision_id`` (1, 2, … in the timeline's order)."""

    def __init__(self, decisions: Sequence[Decision]) -> None:
        self.by_ref = {d.ref: i for i, d in enumerate(decisions, start=1)}

    def __call__(self, d: Decision | None) -> int | None:
        return None if d is None else self.by_ref.get(d.ref)


def _decision_rows(tl: Timeline, ids: _Ids) -> Iterator[Row]:
    for d in tl.decisions:
        yield (ids(d), str(d.number), d.issuer, d.year, d.term, d.doc_type, d.title,
               _iso(d.signed_on), _iso(d.effective_on), _iso(d.expires_on), _iso(d.known_on),
               _iso(tl.ends(d)), int(d.retroactive))


def _link_rows(tl: Timeline, ids: _Ids) -> Iterator[Row]:
    for d in tl.decisions:
        for how, refs in (("supersedes", d.supersedes), ("repeals", d.repeals),
                          ("amends", d.amends)):
            for r in refs:
                yield ids(d), how, ids.by_ref.get(r), str(r)


def _effect_rows(tl: Timeline, ids: _Ids) -> tuple[list[Row], list[Row]]:
    conv = make_converter()
    effects: list[Row] = []
    orgs: list[Row] = []
    for d in tl.decisions:
        for seq, e in enumerate(d.effects, start=1):
            data = conv.unstructure(e, unstructure_as=Effect)
            effects.append((ids(d), seq, type(e).__name__, e.family, _iso(d.effect_date(e)),
                            _json(data)))
            orgs += [(ids(d), seq, org_id) for org_id in dict.fromkeys(e.org_ids())]
    return effects, orgs


def _version_rows(tl: Timeline, ids: _Ids) -> tuple[list[Row], list[Row]]:
    versions: list[Row] = []
    codes: dict[Row, None] = {}
    for org_id in tl.organisation_ids():
        for n, v in enumerate(tl.history(org_id), start=1):
            o, end = v.value, v.ended
            versions.append((
                org_id, n, _iso(v.valid_from), _iso(v.valid_to), type(o).__name__, o.name,
                _json(list(o.short_names)), _enum(o.kind), _enum(getattr(o, "level", None)),
                o.parent, getattr(o, "territory", None), ids(v.decision), _json(list(v.changed)),
                None if end is None else end.kind,
                None if end is None else ids(end.decision),
                None if end is None else _json(list(end.into)),
            ))
            for i in o.identifiers:
                codes[(org_id, i.scheme, i.value, _iso(i.valid_from), _iso(i.valid_to))] = None
    return versions, list(codes)


def _mandate_items(m: Mandate) -> Iterator[tuple[str, int, str | None, str]]:
    for i, f in enumerate(m.functions, start=1):
        yield "function", i, None, f
    for i, g in enumerate(m.task_groups, start=1):
        yield "task_group", i, g.name, g.name
        for j, t in enumerate(g.tasks, start=1):
            yield "task", j, g.name, t
    for i, p in enumerate(m.powers, start=1):
        yield "power", i, None, p
    for i, f in enumerate(m.fields, start=1):
        yield "field", i, None, f


def _mandate_rows(tl: Timeline, ids: _Ids) -> Iterator[Row]:
    for org_id in tl.organisation_ids():
        changes = tl.mandate_history(org_id)
        if not changes:
            continue
        last_end = tl.history(org_id)[-1].valid_to
        ends = [c[0] for c in changes[1:]] + [last_end]
        for (start, mandate, decision), end in zip(changes, ends, strict=True):
            for section, pos, group, text in _mandate_items(mandate):
                yield (org_id, _iso(start), _iso(end), section, pos, group, text, ids(decision))


def _membership_rows(tl: Timeline, ids: _Ids) -> Iterator[Row]:
    for t in tenures(tl):
        m, office = t.membership, t.office
        yield (t.committee_id, m.role.vi, m.role.value, m.post.org_id, m.post.title,
               m.post.qualifier, office.org_id, office.title, office.qualifier, _iso(t.start),
               _iso(t.end), ids(t.decisions[-1]) if t.decisions else None)


def _offices(tl: Timeline, h: Holding) -> list[tuple[PostRef, dt.date, dt.date | None]]:
    """The offices that carry a holding, each over its part of the holding: the engine's
    :meth:`~govmodel.Snapshot.office` on the holding's first day and on each lineage date
    inside it (the appointed post itself once no body carries it)."""
    dates = {e.on for e in tl.lineage(h.post.org_id)
             if h.start < e.on and (h.end is None or e.on < h.end)}
    parts: list[tuple[PostRef, dt.date, dt.date | None]] = []
    for day in sorted({h.start, *dates}):
        office = tl.as_of(day).office(h.post) or h.post
        if parts and parts[-1][0] == office:
            continue
        if parts:
            parts[-1] = (parts[-1][0], parts[-1][1], day)
        parts.append((office, day, h.end))
    return parts


def _holding_rows(tl: Timeline, ids: _Ids) -> tuple[list[Row], list[Row]]:
    people = [(p.id, p.name, _json(list(p.other_names))) for p in persons(tl)]
    rows: list[Row] = []
    known = set(tl.organisation_ids())
    for h in holdings(tl):
        if h.post.org_id not in known:
            continue  # a text names a post of a body the data does not hold
        src = h.source if isinstance(h.source, Source) else None
        for office, start, end in _offices(tl, h):
            label = office_label(tl, office, start)
            rows.append((
                h.person_id, h.post.org_id, h.post.title, h.post.qualifier, office.org_id,
                office.title, office.qualifier, label, _iso(start), _iso(end), h.known_from,
                ids(h.decision), ids(h.ended_by), h.reason or None,
                None if src is None else src.document, None if src is None else src.locator,
                None if src is None else src.url,
            ))
    return people, rows


def _lineage_rows(tl: Timeline, ids: _Ids) -> list[Row]:
    """Every edge: each organisation's successors, and the whole lineage graph (renames
    included) once for each connected part."""
    seen: dict[Row, None] = {}
    covered: set[str | None] = set()
    for org_id in tl.organisation_ids():
        edges: tuple[Edge, ...] = tl.successors(org_id)
        if org_id not in covered:
            edges += tl.lineage(org_id)
            covered.add(org_id)
            covered.update(x for e in edges for x in (e.source, e.target))
        for e in edges:
            seen[(e.source, e.target, e.kind, _iso(e.on), ids(e.decision), int(e.default),
                  e.area_share, e.population_share)] = None
    return sorted(seen, key=lambda r: (r[3], r[0], r[2], r[1] or ""))


def _insert(db: Any, table: str, rows: Sequence[Row]) -> None:
    if rows:
        marks = ", ".join("?" * len(SCHEMA[table]))
        db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def write_tables(tl: Timeline, db: Any, *, dataset: Dataset | None = None) -> None:
    """Create the tables and indexes in *db* (an empty database) and fill them from *tl*.

    Args:
        tl: the timeline.
        db: an open DB-API connection: sqlite3's or duckdb's.
        dataset: the dataset the timeline came from, for its name and title in ``metadata``.
    """
    for table, columns in SCHEMA.items():
        db.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
    ids = _Ids(tl.decisions)
    meta = [("schema_version", str(SCHEMA_VERSION)), ("govmodel_version", __version__)]
    if dataset is not None:
        meta += [("dataset", dataset.name), ("title", dataset.title)]
    effects, effect_orgs = _effect_rows(tl, ids)
    people, held = _holding_rows(tl, ids)
    versions, codes = _version_rows(tl, ids)
    for table, rows in (
        ("metadata", meta),
        ("decisions", list(_decision_rows(tl, ids))),
        ("decision_links", list(_link_rows(tl, ids))),
        ("effects", effects),
        ("effect_organisations", effect_orgs),
        ("versions", versions),
        ("identifiers", codes),
        ("mandate_items", list(_mandate_rows(tl, ids))),
        ("memberships", list(_membership_rows(tl, ids))),
        ("persons", people),
        ("holdings", held),
        ("lineage", _lineage_rows(tl, ids)),
    ):
        _insert(db, table, rows)
    for name, table, keys in INDEXES:
        db.execute(f"CREATE INDEX {name} ON {table} ({keys})")
    db.commit()


def _replace(path: str | os.PathLike[str], write: Any) -> None:
    """Write a new database next to *path*, then move it into place (no half-written file)."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(suffix=".db", dir=folder)
    os.close(fd)
    os.unlink(tmp)  # the engines want to create the file themselves
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def to_sqlite(tl: Timeline, path: str | os.PathLike[str], *, dataset: Dataset | None = None
              ) -> None:
    """Write *tl* as an SQLite database file at *path* (replaced if it exists).

    >>> import govmodel as gm, os, tempfile, sqlite3
    >>> path = os.path.join(tempfile.mkdtemp(), "gov.db")
    >>> to_sqlite(gm.load_dataset("lang-son-2021"), path)
    >>> sqlite3.connect(path).execute("SELECT count(*) > 0 FROM versions").fetchone()
    (1,)
    """
    import sqlite3  # noqa: PLC0415 - only for this export

    _write_file(tl, path, dataset, sqlite3.connect)


def _write_file(
    tl: Timeline, path: str | os.PathLike[str], dataset: Dataset | None,
    connect: Callable[[str], Any],
) -> None:
    """The tables of *tl* in a new database file at *path*, opened with *connect*."""

    def write(tmp: str) -> None:
        db = connect(tmp)
        try:
            write_tables(tl, db, dataset=dataset)
        finally:
            db.close()

    _replace(path, write)


def to_duckdb(tl: Timeline, path: str | os.PathLike[str], *, dataset: Dataset | None = None
              ) -> None:
    """Write *tl* as a DuckDB database file at *path*; needs the ``duckdb`` extra.

    Raises:
        ImportError: duckdb is not installed (``pip install 'govmodel[duckdb]'``).
    """
    try:
        import duckdb  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        raise ImportError("the duckdb export needs duckdb: pip install 'govmodel[duckdb]'"
                          ) from exc

    _write_file(tl, path, dataset, duckdb.connect)
