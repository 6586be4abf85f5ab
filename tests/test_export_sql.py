"""The database export: valid-time tables whose SQL "as of" answers are the API's."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.export.sql import SCHEMA, to_duckdb, to_sqlite, write_tables

AS_OF = """
SELECT name, parent_id FROM versions
WHERE org_id = ? AND (valid_from IS NULL OR valid_from <= ?)
  AND (valid_to IS NULL OR ? < valid_to)
"""

DATASETS = ["lang-son-history", "bac-kan-history", "vietnam-provinces-2025"]

Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]


def _sqlite(tl: gm.Timeline, _tmp: Path) -> Query:
    db = sqlite3.connect(":memory:")
    write_tables(tl, db)
    return lambda sql, params: db.execute(sql, params).fetchall()


def _duckdb(tl: gm.Timeline, tmp: Path) -> Query:
    import duckdb  # noqa: PLC0415 - the optional extra

    path = tmp / "gov.duckdb"
    to_duckdb(tl, path)
    db = duckdb.connect(str(path), read_only=True)
    return lambda sql, params: db.execute(sql, list(params)).fetchall()


ENGINES = [
    pytest.param(_sqlite, id="sqlite"),
    pytest.param(_duckdb, id="duckdb"),  # the dev extra installs duckdb: never skipped
]


@pytest.fixture(scope="module", params=DATASETS)
def timeline(request: pytest.FixtureRequest) -> gm.Timeline:
    tl: gm.Timeline = gm.load_dataset(request.param)
    return tl


@pytest.fixture(scope="module", params=ENGINES)
def database(request: pytest.FixtureRequest, timeline: gm.Timeline,
             tmp_path_factory: pytest.TempPathFactory) -> tuple[gm.Timeline, Query]:
    make: Callable[[gm.Timeline, Path], Query] = request.param
    return timeline, make(timeline, tmp_path_factory.mktemp("db"))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_sql_as_of_equals_the_api(database: tuple[gm.Timeline, Query], data: st.DataObject
                                  ) -> None:
    """For random dates and ids, the SQL "as of" (name, parent) is `tl.as_of(d).get(id)`."""
    tl, query = database
    org_id = data.draw(st.sampled_from(tl.organisation_ids()))
    interesting = sorted({d.effective_on + dt.timedelta(days=k) for d in tl.decisions
                          for k in (-1, 0, 1)})
    day = data.draw(st.sampled_from(interesting) | st.dates(dt.date(2000, 1, 1),
                                                            dt.date(2030, 12, 31)))
    iso = day.isoformat()
    rows = query(AS_OF, (org_id, iso, iso))
    got = tl.as_of(day).get(org_id)
    assert len(rows) <= 1
    assert (rows[0] if rows else None) == (None if got is None else (got.name, got.parent))


@pytest.mark.parametrize("make", ENGINES)
def test_the_state_on_a_date_is_the_snapshot(make: Callable[[gm.Timeline, Path], Query],
                                            tmp_path: Path) -> None:
    """Every organisation alive on 1/7/2025 in the provinces data, and no other, in SQL."""
    tl = gm.load_dataset("vietnam-provinces-2025")
    query = make(tl, tmp_path)
    day = "2025-07-01"
    rows = query("SELECT org_id, name FROM versions WHERE (valid_from IS NULL OR "
                 "valid_from <= ?) AND (valid_to IS NULL OR ? < valid_to) ORDER BY org_id",
                 (day, day))
    snap = tl.as_of(day)
    assert rows == [(i, snap[i].name) for i in sorted(snap)]


def test_tables_history_lineage_and_decisions() -> None:
    """History rows are the versions; lineage rows are the edges; decisions carry their ends."""
    tl = gm.load_dataset("lang-son-history")
    db = sqlite3.connect(":memory:")
    write_tables(tl, db)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(SCHEMA)
    org = "lang-son/so-tttt"
    history = db.execute("SELECT valid_from, valid_to, name FROM versions WHERE org_id = ? "
                         "ORDER BY version_no", (org,)).fetchall()
    assert history == [(None if v.valid_from is None else v.valid_from.isoformat(),
                        None if v.valid_to is None else v.valid_to.isoformat(), v.value.name)
                       for v in tl.history(org)]
    edges = {(e.source, e.target, e.kind, e.on.isoformat()) for e in tl.lineage(org)}
    sql_edges = set(db.execute("SELECT source, target, kind, on_date FROM lineage").fetchall())
    assert edges <= sql_edges
    assert len(sql_edges) == len({(e.source, e.target, e.kind, e.on) for i in
                                  tl.organisation_ids() for e in tl.lineage(i)})
    ends = dict(db.execute("SELECT number, ends_on FROM decisions").fetchall())
    for d in tl.decisions:
        end = tl.ends(d)
        assert ends[str(d.number)] == (None if end is None else end.isoformat())
    effects = db.execute("SELECT count(*) FROM effects").fetchone()[0]
    assert effects == sum(len(d.effects) for d in tl.decisions)
    data = json.loads(db.execute("SELECT data FROM effects LIMIT 1").fetchone()[0])
    assert "type" in data


def test_memberships_and_mandate_items() -> None:
    """The steering committee's 23 seats on 13/10/2021 and the department's functions."""
    tl = gm.load_dataset("lang-son-2021")
    db = sqlite3.connect(":memory:")
    write_tables(tl, db)
    day = "2021-10-13"
    seats = db.execute("SELECT count(*) FROM memberships WHERE committee_id = ? AND "
                       "valid_from <= ? AND (valid_to IS NULL OR ? < valid_to)",
                       ("lang-son/bcd-cds", day, day)).fetchone()[0]
    assert seats == len(tl.as_of(day).members("lang-son/bcd-cds"))
    day = "2022-01-01"
    functions = [r[0] for r in db.execute(
        "SELECT text FROM mandate_items WHERE org_id = ? AND section = 'function' AND "
        "valid_from <= ? AND (valid_to IS NULL OR ? < valid_to) ORDER BY position",
        ("lang-son/so-tttt", day, day))]
    assert tuple(functions) == tl.as_of(day).mandate("lang-son/so-tttt").functions


def test_identifiers_are_dated_codes() -> None:
    """The GSO codes of the provinces are in `identifiers` and answer by_identifier."""
    tl = gm.load_dataset("vietnam-provinces-2025")
    db = sqlite3.connect(":memory:")
    write_tables(tl, db)
    rows = db.execute("SELECT org_id, scheme, value FROM identifiers").fetchall()
    assert rows
    org_id, scheme, value = rows[0]
    assert org_id in tl.by_identifier(scheme, value)


HOSTILE = "x'); DROP TABLE versions; --"


def _hostile_timeline() -> gm.Timeline:
    ubnd = gm.Agency(id="x/ubnd", name="UBND tỉnh X", kind="peoples_committee",
                     level="province")
    bad = gm.Unit(id="x/ubnd/bad", name=HOSTILE, parent="x/ubnd", kind="office",
                  short_names=["'; DELETE FROM decisions; --"])
    d = gm.Decision(number="12/QĐ-UBND", issuer="x/ubnd", signed_on="2021-10-13",
                    title='"); DROP TABLE decisions; --',
                    effects=[gm.effects.Establish(org=bad)])
    return gm.Timeline.from_decisions([d], initial=[ubnd])


def test_hostile_names_are_bound_as_parameters(tmp_path: Path) -> None:
    """A name written as SQL stays a name: every table survives and the text comes back."""
    path = tmp_path / "gov.db"
    to_sqlite(_hostile_timeline(), path)
    db = sqlite3.connect(path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(SCHEMA)
    assert db.execute("SELECT name FROM versions WHERE org_id = 'x/ubnd/bad'").fetchone() == (
        HOSTILE,)
    assert db.execute("SELECT title FROM decisions").fetchone() == (
        '"); DROP TABLE decisions; --',)
    assert json.loads(db.execute("SELECT short_names FROM versions WHERE org_id = ?",
                                 ("x/ubnd/bad",)).fetchone()[0]) == ["'; DELETE FROM decisions; --"]


def test_export_replaces_an_existing_file(tmp_path: Path) -> None:
    """Writing twice to one path gives one fresh database (no "table exists" error)."""
    path = tmp_path / "gov.db"
    tl = gm.load_dataset("lang-son-2021")
    to_sqlite(tl, path)
    to_sqlite(tl, path)
    count = sqlite3.connect(path).execute("SELECT count(*) FROM decisions").fetchone()[0]
    assert count == len(tl.decisions)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gov.db"]


def _rows(path: Path) -> Iterator[str]:
    db = sqlite3.connect(path)
    yield from (r[0] for r in db.execute("SELECT key FROM metadata"))


def test_metadata(tmp_path: Path) -> None:
    """The database says which layout and which library version wrote it."""
    path = tmp_path / "gov.db"
    to_sqlite(gm.load_dataset("lang-son-2021"), path)
    assert {"schema_version", "govmodel_version"} <= set(_rows(path))


# --------------------------------------------------------------------------- post holders
# The holders of a post on a day: its own appointees, and those of posts whose office it
# carries after a merger (the office of that part of their holding).
HOLDERS_ON = """
SELECT DISTINCT person_id FROM holdings
WHERE ((office_org_id = ? AND office_title = ? AND office_qualifier IS NOT DISTINCT FROM ?)
       OR (post_org_id = ? AND post_title = ? AND post_qualifier IS NOT DISTINCT FROM ?))
  AND valid_from <= ? AND (valid_to IS NULL OR ? < valid_to)
"""

BN = gm.Agency(id="bn/ubnd", name="UBND tỉnh Bắc Ninh", kind="peoples_committee",
               level="province")
GD = gm.Agency(id="bn/so-gddt", name="Sở GDĐT", parent="bn/ubnd", kind="department",
               level="province")
NEW = gm.Agency(id="bn/so-moi", name="Sở Mới", parent="bn/ubnd", kind="department",
                level="province")
PHO, GIAM_DOC = gm.PostRef("bn/so-gddt", "Phó Giám đốc"), gm.PostRef("bn/so-gddt", "Giám đốc")
AN = gm.Person(id="an", name="Nguyễn Văn An")
BINH = gm.Person(id="binh", name="Trần Thị Bình")


def holders_timeline() -> gm.Timeline:
    """Two Phó Giám đốc (one for 5 years from 26/7/2021, one retired early), a Giám đốc
    seen in a newspaper, and Sở GDĐT merged into Sở Mới on 1/3/2025 (its posts follow)."""
    def qd(n: int, day: str, *effects: gm.Effect, **kw: Any) -> gm.Decision:
        return gm.Decision(number=f"{n}/QĐ-UBND", issuer="bn/ubnd", signed_on=day,
                           effects=effects, **kw)
    ds = [
        qd(888, "2021-07-21", gm.Appoint(person=AN, post=PHO, term="5 năm"),
           effective_on="2021-07-26"),
        qd(5, "2020-02-01", gm.Appoint(person=BINH, post=PHO)),
        qd(9, "2023-03-01", gm.EndAppointment(person_id=BINH.id, post=PHO, reason="nghỉ hưu")),
        qd(12, "2024-01-02", gm.Appoint(person=BINH, post=GIAM_DOC, term="2 năm")),
        qd(30, "2025-03-01", gm.Merge(sources=["bn/so-gddt"], into="bn/so-moi", establish=NEW)),
    ]
    seen = gm.HolderObservation(on="2022-05-05", post=GIAM_DOC,
                                person=gm.Person(id="cuong", name="Lê Văn Cường"),
                                source=gm.Source("báo Bắc Ninh", quote="…"))
    return gm.Timeline.from_decisions(ds, initial=[BN, GD], observations=[seen])


@pytest.fixture(scope="module", params=ENGINES)
def holder_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[gm.Timeline, Query]:
    tl = holders_timeline()
    make: Callable[[gm.Timeline, Path], Query] = request.param
    return tl, make(tl, tmp_path_factory.mktemp("db"))


POSTS = [PHO, GIAM_DOC, gm.PostRef("bn/so-moi", "Phó Giám đốc"),
         gm.PostRef("bn/so-moi", "Giám đốc")]


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_sql_holders_equal_the_api(holder_db: tuple[gm.Timeline, Query], data: st.DataObject
                                   ) -> None:
    """For random dates and posts, the SQL holders of a post are `snap.holders(post)`: terms
    ending on their computed day, an early end, an observation, and the merger's successor
    posts (whose holders came from Sở GDĐT)."""
    tl, query = holder_db
    post = data.draw(st.sampled_from(POSTS))
    edges = [dt.date(2020, 2, 1), dt.date(2021, 7, 26), dt.date(2022, 5, 5), dt.date(2023, 3, 1),
             dt.date(2024, 1, 2), dt.date(2025, 3, 1), dt.date(2026, 1, 2), dt.date(2026, 7, 26)]
    interesting = [d + dt.timedelta(days=k) for d in edges for k in (-1, 0, 1)]
    day = data.draw(st.sampled_from(interesting) | st.dates(dt.date(2019, 1, 1),
                                                            dt.date(2028, 12, 31)))
    iso = day.isoformat()
    key = (post.org_id, post.title, post.qualifier)
    got = {r[0] for r in query(HOLDERS_ON, (*key, *key, iso, iso))}
    assert got == {h.person_id for h in tl.as_of(day).holders(post)}


def test_holders_precondition_occurs() -> None:
    """The property above meets holders in successor posts, observed ones and empty posts."""
    tl = holders_timeline()
    assert [h.person_id for h in tl.as_of("2025-06-01").holders(POSTS[2])] == ["an"]
    assert [h.known_from for h in tl.as_of("2022-05-05").holders(GIAM_DOC)] == ["observation"]
    assert tl.as_of("2026-07-26").holders(POSTS[2]) == ()


def test_persons_and_holdings_tables() -> None:
    """A holding through a merger is one row per office; the row names its decisions, the
    reason it ended and, for an observation, the text."""
    tl = holders_timeline()
    db = sqlite3.connect(":memory:")
    write_tables(tl, db)
    assert db.execute("SELECT person_id, name FROM persons ORDER BY person_id").fetchall() == [
        ("an", "Nguyễn Văn An"), ("binh", "Trần Thị Bình"), ("cuong", "Lê Văn Cường")]
    rows = db.execute(
        "SELECT office_org_id, office_label, valid_from, valid_to, known_from, d.number "
        "FROM holdings h JOIN decisions d USING (decision_id) WHERE person_id = 'an' "
        "ORDER BY valid_from").fetchall()
    assert rows == [
        ("bn/so-gddt", "Phó Giám đốc Sở GDĐT", "2021-07-26", "2025-03-01", "appointment",
         "888/QĐ-UBND"),
        ("bn/so-moi", "Phó Giám đốc Sở Mới", "2025-03-01", "2026-07-26", "appointment",
         "888/QĐ-UBND")]
    assert db.execute(
        "SELECT valid_to, end_reason, e.number FROM holdings h JOIN decisions e "
        "ON e.decision_id = h.ended_decision_id WHERE person_id = 'binh'").fetchall() == [
        ("2023-03-01", "nghỉ hưu", "9/QĐ-UBND")]
    assert db.execute("SELECT valid_from, valid_to, known_from, source_document FROM holdings "
                      "WHERE person_id = 'cuong'").fetchall() == [
        ("2022-05-05", "2022-05-06", "observation", "báo Bắc Ninh")]
    seed = sqlite3.connect(":memory:")
    write_tables(gm.load_dataset("lang-son-2021"), seed)
    assert seed.execute("SELECT h.person_id, p.name FROM holdings h JOIN persons p USING "
                        "(person_id) WHERE office_org_id = ? AND office_title = ? AND "
                        "valid_from <= ? AND ? < valid_to",
                        ("lang-son/so-tttt", "Giám đốc", "2022-04-20", "2022-04-20")
                        ).fetchall() == [("nguyen-khac-lich", "Nguyễn Khắc Lịch")]


@pytest.mark.parametrize("make", ENGINES)
def test_hostile_holder_names_are_bound_as_parameters(make: Callable[[gm.Timeline, Path], Query],
                                                      tmp_path: Path) -> None:
    """An organisation, a post and a person named `</script>…` or `x'); DROP TABLE versions;
    --` are stored as text in both engines: every table is there and the names come back."""
    names = ["</script><script>alert(1)</script>", HOSTILE]
    ubnd = gm.Agency(id="x/ubnd", name="UBND tỉnh X", kind="peoples_committee",
                     level="province")
    orgs = [gm.Unit(id=f"x/{k}", name=n, parent="x/ubnd", kind="office")
            for k, n in enumerate(names)]
    d = gm.Decision(number="1/QĐ-UBND", issuer="x/ubnd", signed_on="2021-10-13",
                    effects=[*(gm.effects.Establish(org=o) for o in orgs),
                             *(gm.Appoint(person=gm.Person(id=f"p{k}", name=n),
                                          post=gm.PostRef(f"x/{k}", n))
                               for k, n in enumerate(names))])
    query = make(gm.Timeline.from_decisions([d], initial=[ubnd]), tmp_path)
    assert query("SELECT count(*) FROM versions", ())[0][0] == 3
    for k, n in enumerate(names):
        assert query("SELECT name FROM versions WHERE org_id = ?", (f"x/{k}",)) == [(n,)]
        assert query("SELECT name FROM persons WHERE person_id = ?", (f"p{k}",)) == [(n,)]
        assert query("SELECT office_title, office_label FROM holdings WHERE person_id = ?",
                     (f"p{k}",)) == [(n, f"{n} {n}")]
