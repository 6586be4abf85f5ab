"""Measure govmodel at country scale against replays, SQLite, DuckDB and pure-Python floors.

Run from the repository root (DuckDB is optional: ``pip install -e '.[bench]'``)::

    python benchmarks/run.py                          # 20,000 and 200,000 decisions
    python benchmarks/run.py --quick                  # 2,000 and 20,000: a smoke run
    python benchmarks/run.py --sizes 20000,200000 --out benchmarks/results/NAME.json
    python benchmarks/run.py --decisions 2000000      # 200,000 and 2,000,000 (not by default)
    python benchmarks/run.py --sizes 2000000 --reps 1 --no-replay --no-load   # 2M alone
    python benchmarks/run.py --quick --compare benchmarks/results/latest.json

At 2,000,000 decisions the naive replay (seconds per query) and the dataset file (about
2.3 GB, loaded in many minutes and many GB) are what take long: ``--no-replay`` and
``--no-load`` skip them; ``--no-memory`` (the traced builds), ``--no-lean``, ``--no-duckdb``
and ``--no-process`` skip the rest that is optional.

Every size is generated with the same seed by ``benchmarks/synthetic.py``, then measured in
one process on the same data:

* the build: ``from_decisions`` (wall and CPU time, median of ``--reps`` after the first in
  the process), beside a lean replay floor (:class:`~benchmarks.baselines.LeanReplay`); peak
  and retained memory (tracemalloc, in separate builds: what the build allocates at most,
  and what it still holds once done, beside the lean replay's); a full ``gc.collect()``
  with the timeline alive;
* point queries on random alive (organisation, date) pairs, **hot** (each pair a warm-up
  call then ``--inner`` timed calls; median and p99 per pair) and **cold** (``--cold-rounds``
  streams of ``--cold-queries`` new pairs, each pair asked once, the systems' order rotating
  between rounds; mean per query), for govmodel's public ``tl.as_of(D)[id].name``, SQLite
  as committed, SQLite tuned (integer days, ``WITHOUT ROWID``), DuckDB (on
  ``--duckdb-queries`` pairs: it takes milliseconds), the "dict + bisect" floor and the naive
  replay; every answer is cross-checked;
* the full snapshot (every organisation alive on D fetched into Python): on
  ``--snapshot-days`` dates just before the province mergers of 2025-07-01, each asked once
  (median), govmodel beside SQLite, tuned SQLite, DuckDB and a column table of versions (the
  floor); and govmodel again on 2025-06-30, a date asked before;
* ``history``, ``diff`` over a year, ``with_decision`` (late, 2016, 2007), the first
  ``find()`` and every mandate and composition folded;
* the load path: the data saved as a dataset file (``serialize.dump``), its size, the time
  of ``load_dataset`` (the file-size cap raised for it), checked equal to the built
  timeline, and its peak memory in a fresh process;
* ``import govmodel`` and ``govmodel show`` in fresh processes (medians of 7).

``Index._check()``, the engine's invariant checker, is run on every timeline measured (each
build, the loaded one, each ``with_decision`` result); a failure stops the run, as does any
answer differing between systems. Ratios are printed beside the absolute figures: those
move ±40 % between runs on a shared machine, the ratios much less.

The table is printed and the figures written to ``benchmarks/results/<timestamp>.json`` (and
``latest.json``), or to ``--out``; ``--compare`` prints an earlier file's figures beside this
run's (a figure the older file lacks shows as "—"). See docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import inspect
import json
import math
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make "benchmarks" importable
    sys.path.insert(0, str(ROOT))

import govmodel as gm  # noqa: E402
from benchmarks.baselines import (  # noqa: E402
    ColumnVersions,
    DictBisect,
    DuckdbVersions,
    LeanReplay,
    NaiveReplay,
    SqliteTuned,
    SqliteVersions,
    version_rows,
)
from benchmarks.synthetic import END, START, Synthetic, generate  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
Result = dict[str, Any]


# --------------------------------------------------------------------------- timing
def _median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def _p99(xs: Sequence[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, math.ceil(0.99 * len(s)) - 1)]


def per_call_ns(
    fn: Callable[..., object], calls: Sequence[tuple[Any, ...]], reps: int
) -> list[float]:
    """For each argument tuple: one warm-up call, then the mean of *reps* timed calls (ns)."""
    out = []
    clock = time.perf_counter_ns
    for args in calls:
        fn(*args)
        t0 = clock()
        for _ in range(reps):
            fn(*args)
        out.append((clock() - t0) / reps)
    return out


def timed(
    fn: Callable[[], Any], reps: int, warmup: int = 1, each: Callable[[Any], None] | None = None
) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of *reps* calls after *warmup* calls; the last result.

    *each*, when given, is called on every result (warm-up included), outside the timing.
    """
    result: object = None
    for _ in range(warmup):
        result = fn()
        if each is not None:
            each(result)
        del result
        gc.collect()
    walls, cpus = [], []
    for _ in range(reps):
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        if each is not None:
            each(result)
        if len(walls) < reps:
            del result
    return _median(walls), _median(cpus), result


def check(ok: bool, what: object) -> None:
    """Stop the run if the systems disagree (a benchmark of wrong answers is worthless)."""
    if not ok:
        raise RuntimeError(f"benchmark check failed: {what!r}")


def rss_mb() -> float:
    """The process's resident set size now, in MB (Linux; else the peak so far)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:  # pragma: no cover - not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


# --------------------------------------------------------------------------- checks
def check_index(tl: gm.Timeline, what: str, r: Result) -> None:
    """Run the engine's invariant checker on *tl*; a failure stops the run.

    ``Index._check()`` is private (the read side's invariants, for tests): the benchmark
    holds every timeline it measures to it — built, loaded, and each ``with_decision``.
    """
    ix = tl._index  # private: the engine's own invariant checker
    t0 = time.perf_counter()
    try:
        ix._check()
    except AssertionError as exc:
        raise RuntimeError(f"Index._check() failed on the {what} timeline: {exc}") from exc
    r.setdefault("check_s_all", []).append(time.perf_counter() - t0)
    r.setdefault("checked", []).append(what)


# --------------------------------------------------------------------------- one size
def alive_pairs(
    tl: gm.Timeline, rng: random.Random, k: int
) -> list[tuple[str, dt.date]]:
    """*k* random (id, date) pairs with the organisation alive on the date."""
    ids = tl.organisation_ids()
    span = (END - START).days
    out: list[tuple[str, dt.date]] = []
    while len(out) < k:
        org_id = rng.choice(ids)
        day = START + dt.timedelta(days=rng.randrange(span + 1))
        if tl.as_of(day).get(org_id) is not None:
            out.append((org_id, day))
    return out


def cold_streams(
    floor: DictBisect, ids: Sequence[str], rng: random.Random, k: int, *, rounds: int,
    taken: set[tuple[str, dt.date]],
) -> list[list[tuple[str, dt.date]]]:
    """*rounds* streams of *k* (id, date) pairs alive on the date, no pair twice in all.

    Chosen with the floor, not govmodel, so the engine meets each pair for the first time
    when it is timed.
    """
    span = (END - START).days
    streams = []
    for _ in range(rounds):
        out: list[tuple[str, dt.date]] = []
        while len(out) < k:
            pair = (rng.choice(ids), START + dt.timedelta(days=rng.randrange(span + 1)))
            if pair not in taken and floor.get(*pair) is not None:
                taken.add(pair)
                out.append(pair)
        streams.append(out)
    return streams


def stream_ns(fn: Callable[[Any, Any], object], stream: Sequence[tuple[Any, Any]]) -> float:
    """Mean ns per call of *fn* over *stream*, each pair called once (the loop included)."""
    gc.collect()
    t0 = time.perf_counter_ns()
    for a, b in stream:
        fn(a, b)
    return (time.perf_counter_ns() - t0) / len(stream)


def have_duckdb() -> bool:
    try:
        import duckdb  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def measure(n: int, args: argparse.Namespace) -> Result:
    r: Result = {"decisions": n}
    say = print if args.verbose else (lambda *a, **k: None)
    t0 = time.perf_counter()
    data: Synthetic = generate(n, seed=args.seed)
    r["generate_s"] = time.perf_counter() - t0
    r["provinces"] = data.provinces
    r["effects"] = sum(len(d.effects) for d in data.decisions)
    say(f"[{n}] generated in {r['generate_s']:.1f} s")

    # -- build: warm-up + repetitions (GC paused inside the engine), then traced memory
    gc.collect()
    rss0 = rss_mb()
    t0 = time.perf_counter()
    tl = data.timeline()
    r["build_cold_s"] = time.perf_counter() - t0
    r["rss_growth_mb"] = rss_mb() - rss0
    check_index(tl, "first build", r)
    del tl
    r["build_s"], r["build_cpu_s"], built = timed(
        data.timeline, args.reps, warmup=0, each=lambda t: check_index(t, "timed build", r)
    )
    check(isinstance(built, gm.Timeline), built)
    tl = built  # type: ignore[assignment]
    r["rss_mb"] = rss_mb()
    r["organisations"] = len(tl.organisation_ids())
    r["versions"] = sum(len(tl.history(i)) for i in tl.organisation_ids())
    say(f"[{n}] build {r['build_s']:.2f} s")
    if not args.no_memory:
        other = tl
        del tl
        gc.collect()
        tracemalloc.start()
        traced = data.timeline()
        gc.collect()
        r["retained_mb"], peak = (x / 1e6 for x in tracemalloc.get_traced_memory())
        r["build_peak_mb"] = peak
        tracemalloc.stop()
        check_index(traced, "traced build", r)
        del traced
        if not args.no_lean:
            gc.collect()
            tracemalloc.start()
            lean_traced = LeanReplay(data.decisions, data.initial)
            gc.collect()
            r["lean_retained_mb"] = tracemalloc.get_traced_memory()[0] / 1e6
            tracemalloc.stop()
            del lean_traced
        tl = other
        gc.collect()
    if not args.no_lean:

        def lean() -> LeanReplay:  # the GC paused, as the engine's build pauses it
            gc.disable()
            try:
                return LeanReplay(data.decisions, data.initial)
            finally:
                gc.enable()

        r["lean_build_s"], _, lean_built = timed(lean, args.reps, warmup=0)
        check(isinstance(lean_built, LeanReplay), lean_built)
        for day in (START, dt.date(2016, 2, 1), dt.date(2025, 6, 30), END):
            want = {o.id: (o.name, o.parent) for o in tl.as_of(day).organisations()}
            check(lean_built.state(day) == want, ("lean replay", day))  # type: ignore[union-attr]
        del lean_built
        r["build_lean_ratio"] = r["build_s"] / r["lean_build_s"]
        say(f"[{n}] lean replay {r['lean_build_s']:.2f} s")

    # -- a full collection with the timeline alive (and the decisions it was built from)
    gc_s = []
    for _ in range(3):
        t0 = time.perf_counter()
        gc.collect()
        gc_s.append(time.perf_counter() - t0)
    r["gc_full_ms"], r["gc_frozen"] = _median(gc_s) * 1e3, gc.get_freeze_count()
    say(f"[{n}] full gc {r['gc_full_ms']:.0f} ms ({r['gc_frozen']:,} frozen)")
    rng = random.Random(args.seed + 1)

    pairs = measure_queries(tl, data, rng, r, args, say=say)
    gc.collect()  # the baselines are gone

    # -- history, diff
    hist_ids = [(i,) for i, _ in pairs]
    hist_ns = per_call_ns(tl.history, hist_ids, args.inner)
    r["history_us"] = _median(hist_ns) / 1e3
    starts = [START + dt.timedelta(days=rng.randrange((END - START).days - 365)) for _ in range(5)]
    diff_s = []
    changes = []
    for d1 in starts:
        t0 = time.perf_counter()
        out = tl.diff(d1, d1 + dt.timedelta(days=365))
        diff_s.append(time.perf_counter() - t0)
        changes.append(len(out))
    r["diff_ms"], r["diff_changes"] = _median(diff_s) * 1e3, int(_median(changes))

    # -- parts built on first use
    fresh = data.timeline()
    check_index(fresh, "fresh build", r)
    t0 = time.perf_counter()
    fresh.find("phong chuyen doi so")
    r["first_find_ms"] = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    for org_id in fresh.organisation_ids():  # fold every mandate and composition
        fresh.mandate_history(org_id)
        v = fresh.history(org_id)[-1]
        on = v.valid_from or dt.date.min
        if isinstance(v.value, gm.Committee) and v.holds_on(on):
            fresh.as_of(on).memberships(org_id)
    r["all_segments_s"] = time.perf_counter() - t0
    del fresh

    # -- with_decision: late, middle and early (retroactive) additions
    for label, when in (
        ("late", END + dt.timedelta(days=1)),
        ("mid", dt.date(2016, 2, 1)),
        ("early", dt.date(2007, 1, 10)),
    ):
        d = new_rename(tl, when)
        what = f"with_decision {label}"
        secs, _, tl2 = timed(lambda d=d: tl.with_decision(d), args.reps,
                             each=lambda t, what=what: check_index(t, what, r))
        check(isinstance(tl2, gm.Timeline) and len(tl2) == len(tl) + 1, d)
        r[f"with_decision_{label}_ms"] = secs * 1e3
        r[f"with_decision_{label}_speedup"] = r["build_s"] / secs
        say(f"[{n}] with_decision {label}: {secs * 1e3:.1f} ms")
        del tl2

    # -- the load path: the timeline saved as a dataset file and loaded back
    if not args.no_load:
        measure_load(data, tl, r, args, say)
    if not args.no_process:
        measure_process(r)
    checks = r.pop("check_s_all")
    r["check_s"] = _median(checks)
    r["checks"] = len(checks)
    return r


def measure_queries(
    tl: gm.Timeline, data: Synthetic, rng: random.Random, r: Result, args: argparse.Namespace,
    *, say: Callable[..., None],
) -> list[tuple[str, dt.date]]:
    """Point queries (hot and cold) and the full snapshot, for govmodel and every baseline;
    returns the hot pairs."""
    n = r["decisions"]
    # -- the baselines, filled from the same versions
    rows = version_rows(tl)
    t0 = time.perf_counter()
    db = SqliteVersions(tl, rows)
    r["sqlite_load_s"] = time.perf_counter() - t0
    r["sqlite_rows"] = db.rows
    t0 = time.perf_counter()
    tuned = SqliteTuned(rows)
    r["sqlite_tuned_load_s"] = time.perf_counter() - t0
    duck: DuckdbVersions | None = None
    if not args.no_duckdb and have_duckdb():
        t0 = time.perf_counter()
        duck = DuckdbVersions(rows)
        r["duckdb_load_s"] = time.perf_counter() - t0
    floor = DictBisect(rows)
    columns = ColumnVersions(rows)
    del rows

    # -- point queries, hot: each pair repeated
    pairs = alive_pairs(tl, rng, args.queries)
    isos = [(i, d.isoformat()) for i, d in pairs]
    days = [(i, d.toordinal()) for i, d in pairs]

    def gm_get(org_id: str, day: dt.date) -> str:
        return tl.as_of(day)[org_id].name

    gm_ns = per_call_ns(gm_get, pairs, args.inner)
    r["point_us"], r["point_p99_us"] = _median(gm_ns) / 1e3, _p99(gm_ns) / 1e3
    snaps = [(i, tl.as_of(d)) for i, d in pairs]
    snap_ns = per_call_ns(lambda i, s: s[i].name, snaps, args.inner)
    r["point_snapshot_us"], r["point_snapshot_p99_us"] = _median(snap_ns) / 1e3, _p99(snap_ns) / 1e3
    del snaps
    sql_ns = per_call_ns(db.get, isos, args.inner)
    r["sqlite_us"], r["sqlite_p99_us"] = _median(sql_ns) / 1e3, _p99(sql_ns) / 1e3
    tuned_ns = per_call_ns(tuned.get, days, args.inner)
    r["sqlite_tuned_us"], r["sqlite_tuned_p99_us"] = _median(tuned_ns) / 1e3, _p99(tuned_ns) / 1e3
    floor_ns = per_call_ns(floor.get, pairs, args.inner)
    r["floor_us"], r["floor_p99_us"] = _median(floor_ns) / 1e3, _p99(floor_ns) / 1e3
    few_days = days[: args.duckdb_queries]
    if duck is not None:
        duck_ns = per_call_ns(duck.get, few_days, max(1, args.inner // 5))
        r["duckdb_us"], r["duckdb_p99_us"] = _median(duck_ns) / 1e3, _p99(duck_ns) / 1e3
    for k, ((i, d), (_, iso), (_, n_day)) in enumerate(zip(pairs, isos, days, strict=True)):
        org = tl.as_of(d)[i]
        want = (org.name, org.parent)
        check(db.get(i, iso) == want, ("SQLite", i, d, org))
        check(tuned.get(i, n_day) == want, ("tuned SQLite", i, d, org))
        check(floor.get(i, d) == want, ("dict + bisect", i, d, org))
        if duck is not None and k < len(few_days):
            check(duck.get(i, n_day) == want, ("DuckDB", i, d, org))
    say(f"[{n}] point {r['point_us']:.2f} µs, SQLite {r['sqlite_us']:.2f} µs, tuned "
        f"{r['sqlite_tuned_us']:.2f} µs, floor {r['floor_us']:.2f} µs")
    if not args.no_replay:
        replay = NaiveReplay(data.decisions, data.initial)
        few = pairs[: args.replay_queries]
        replay.get(*few[0])
        rep_ns = per_call_ns(replay.get, few, 1)
        r["replay_ms"], r["replay_p99_ms"] = _median(rep_ns) / 1e6, _p99(rep_ns) / 1e6
        for i, d in few:
            check(replay.get(i, d) == tl.as_of(d)[i], (i, d))
        r["replay_ratio"] = r["replay_ms"] * 1e3 / r["point_us"]
        del replay
        say(f"[{n}] replay {r['replay_ms']:.1f} ms")
    r["sqlite_ratio"] = r["sqlite_us"] / r["point_us"]
    r["sqlite_ratio_snapshot"] = r["sqlite_us"] / r["point_snapshot_us"]
    r["sqlite_tuned_ratio"] = r["sqlite_tuned_us"] / r["point_us"]
    r["floor_ratio"] = r["point_us"] / r["floor_us"]
    if "duckdb_us" in r:
        r["duckdb_ratio"] = r["duckdb_us"] / r["point_us"]

    # -- point queries, cold: each pair once, interleaved rounds (the order rotates)
    streams = cold_streams(floor, tl.organisation_ids(), rng, args.cold_queries,
                           rounds=args.cold_rounds, taken=set(pairs))
    systems: list[tuple[str, Callable[[Any, Any], object], Callable[[str, dt.date], Any]]] = [
        ("cold", gm_get, lambda i, d: (i, d)),
        ("cold_floor", floor.get, lambda i, d: (i, d)),
        ("cold_sqlite", db.get, lambda i, d: (i, d.isoformat())),
        ("cold_sqlite_tuned", tuned.get, lambda i, d: (i, d.toordinal())),
    ]
    if duck is not None:
        systems.append(("cold_duckdb", duck.get, lambda i, d: (i, d.toordinal())))
    cold: dict[str, list[float]] = {name: [] for name, _, _ in systems}
    for k, stream in enumerate(streams):
        for name, fn, conv in systems[k % len(systems):] + systems[: k % len(systems)]:
            part = stream[: args.duckdb_queries] if name == "cold_duckdb" else stream
            cold[name].append(stream_ns(fn, [conv(i, d) for i, d in part]))
    for name, ns in cold.items():
        r[f"{name}_us"] = _median(ns) / 1e3
    r["cold_queries"] = args.cold_queries * args.cold_rounds
    for i, d in streams[-1][: args.duckdb_queries]:
        org = tl.as_of(d)[i]
        want = (org.name, org.parent)
        check(floor.get(i, d) == want and tuned.get(i, d.toordinal()) == want, (i, d, org))
        check(db.get(i, d.isoformat()) == want, (i, d, org))
        if duck is not None:
            check(duck.get(i, d.toordinal()) == want, (i, d, org))
    r["cold_ratio"] = r["cold_us"] / r["point_us"]
    r["cold_sqlite_tuned_ratio"] = r["cold_sqlite_tuned_us"] / r["cold_us"]
    r["cold_floor_ratio"] = r["cold_us"] / r["cold_floor_us"]
    if "cold_duckdb_us" in r:
        r["cold_duckdb_ratio"] = r["cold_duckdb_us"] / r["cold_us"]
    del streams
    say(f"[{n}] cold {r['cold_us']:.2f} µs, tuned SQLite {r['cold_sqlite_tuned_us']:.2f} µs, "
        f"floor {r['cold_floor_us']:.2f} µs")

    # -- the full snapshot: every organisation alive on D, fetched into Python
    day = dt.date(2025, 6, 30)  # the eve of the province mergers: the most organisations
    r["snapshot_ms"] = timed(lambda: tl.as_of(day).organisations(), 5)[0] * 1e3
    r["snapshot_orgs"] = len(tl.as_of(day).organisations())
    # skip the dates whose lists are kept: by the index (alive_kept), or in an older tree by
    # the snapshots the timeline keeps
    kept = getattr(tl._index, "alive_kept", None)
    if kept is None:
        kept = getattr(tl, "_snaps", {})
    cold_days = [d for d in (day - dt.timedelta(days=j) for j in range(1, 400))
                 if d not in kept][: args.snapshot_days]
    fetches: list[tuple[str, Callable[[dt.date], Sequence[Any]]]] = [
        ("snapshot_cold_ms", lambda d: tl.as_of(d).organisations()),  # a date's first time
        ("snapshot_sqlite_ms", lambda d: db.snapshot(d.isoformat())),
        ("snapshot_sqlite_tuned_ms", lambda d: tuned.snapshot(d.toordinal())),
        ("snapshot_floor_ms", columns.snapshot),
    ]
    if duck is not None:
        fetches.append(("snapshot_duckdb_ms", lambda d: duck.snapshot(d.toordinal())))
    fetch_s: dict[str, list[float]] = {key: [] for key, _ in fetches}
    for d in cold_days:  # the same dates for every system, each asked once
        got: dict[str, Sequence[Any]] = {}
        for key, fn in fetches:
            gc.collect()
            t0 = time.perf_counter()
            got[key] = fn(d)
            fetch_s[key].append(time.perf_counter() - t0)
        want = {(o.id, o.name, o.parent) for o in got.pop("snapshot_cold_ms")}
        for key, rows in got.items():
            check(len(rows) == len(want) and set(rows) == want, (key, d))
    for key, secs in fetch_s.items():
        r[key] = _median(secs) * 1e3
    r["snapshot_floor_ratio"] = r["snapshot_cold_ms"] / r["snapshot_floor_ms"]
    r["snapshot_sqlite_tuned_ratio"] = r["snapshot_sqlite_tuned_ms"] / r["snapshot_cold_ms"]
    if "snapshot_duckdb_ms" in r:
        r["snapshot_duckdb_ratio"] = r["snapshot_duckdb_ms"] / r["snapshot_cold_ms"]
    say(f"[{n}] snapshot {r['snapshot_cold_ms']:.1f} ms first, "
        f"{r['snapshot_ms']:.1f} ms again")

    return pairs


@contextlib.contextmanager
def raised_cap(size: int) -> Iterator[tuple[dict[str, int], str]]:
    """Keyword arguments for ``load_dataset`` that let it read a file of *size* bytes.

    The reader refuses files over a size cap. When ``load_dataset`` takes a parameter for
    the cap (``max_bytes``), it is passed; else the constant the reader's modules check
    (``MAX_BYTES``, read as a module global) is raised for the call and restored after.
    """
    params = inspect.signature(gm.load_dataset).parameters
    for name in ("max_bytes", "max_size"):
        if name in params:
            yield {name: size}, f"load_dataset({name}=…)"
            return
    import govmodel.serialize  # noqa: F401, PLC0415 - the reader's modules, loaded

    patched = [
        m for name, m in list(sys.modules.items())
        if name.startswith("govmodel.") and isinstance(getattr(m, "MAX_BYTES", None), int)
    ]
    old = [m.MAX_BYTES for m in patched]
    for m in patched:
        m.MAX_BYTES = max(m.MAX_BYTES, size)
    try:
        yield {}, "MAX_BYTES raised in govmodel's modules (load_dataset takes no cap)"
    finally:
        for m, value in zip(patched, old, strict=True):
            m.MAX_BYTES = value


def measure_load(
    data: Synthetic, tl: gm.Timeline, r: Result, args: argparse.Namespace,
    say: Callable[..., None],
) -> None:
    """Save *data* as a dataset file; time ``load_dataset``, its peak memory (in a fresh
    process) and check the loaded timeline equals the built one."""
    from govmodel.serialize import Dataset, dump  # noqa: PLC0415

    n = r["decisions"]
    folder = Path(tempfile.mkdtemp(prefix="govmodel-bench-"))
    path = folder / f"synthetic-{n}.json"
    try:
        ds = Dataset(name=f"synthetic-{n}", title=f"Synthetic, {n:,} decisions",
                     organisations=data.initial, decisions=data.decisions)
        t0 = time.perf_counter()
        dump(ds, path)
        r["dump_s"] = time.perf_counter() - t0
        del ds
        size = path.stat().st_size
        r["dataset_mb"] = size / 1e6
        gc.collect()
        with raised_cap(size) as (kwargs, how):
            r["load_cap"] = how
            t0 = time.perf_counter()
            loaded = gm.load_dataset(path, **kwargs)
            r["load_s"] = time.perf_counter() - t0
        check(loaded == tl, "the loaded timeline differs from the built one")
        day = dt.date(2025, 6, 30)
        check(loaded.as_of(day) == tl.as_of(day), "the loaded snapshot differs")
        check(sum(len(loaded.history(i)) for i in loaded.organisation_ids()) == r["versions"],
              "the loaded timeline has other versions")
        check_index(loaded, "loaded", r)
        del loaded
        gc.collect()
        r["load_build_ratio"] = r["load_s"] / r["build_s"]
        say(f"[{n}] load_dataset {r['load_s']:.2f} s ({r['dataset_mb']:.1f} MB)")
        child = [sys.executable, str(Path(__file__).resolve())]
        base = json.loads(subprocess.run([*child, "--child-base"], check=True,
                                         capture_output=True, text=True).stdout)
        got = json.loads(subprocess.run([*child, "--child-load", str(path)], check=True,
                                        capture_output=True, text=True).stdout)
        r["load_child_s"], r["load_peak_mb"] = got["load_s"], got["maxrss_mb"]
        r["child_base_mb"] = base["maxrss_mb"]
        say(f"[{n}] load in a fresh process {got['load_s']:.2f} s, peak RSS "
            f"{got['maxrss_mb']:.0f} MB")
        # the compact form: tables, gzip-compressed (serialize.dump(compact=True) to .gz)
        packed = folder / f"synthetic-{n}.json.gz"
        ds = Dataset(name=f"synthetic-{n}", title=f"Synthetic, {n:,} decisions",
                     organisations=data.initial, decisions=data.decisions)
        t0 = time.perf_counter()
        dump(ds, packed, compact=True)
        r["dump_compact_s"] = time.perf_counter() - t0
        del ds
        r["compact_mb"] = packed.stat().st_size / 1e6
        r["compact_ratio"] = r["compact_mb"] / r["dataset_mb"]
        got = json.loads(subprocess.run(
            [*child, "--child-load", str(packed), "--child-cap", str(size)], check=True,
            capture_output=True, text=True).stdout)
        r["load_compact_s"], r["load_compact_peak_mb"] = got["load_s"], got["maxrss_mb"]
        say(f"[{n}] compact form {r['compact_mb']:.1f} MB; its load in a fresh process "
            f"{got['load_s']:.2f} s, peak RSS {got['maxrss_mb']:.0f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def maxrss_mb() -> float:
    """This process's peak resident set size so far, in MB.

    Linux: ``VmHWM`` of ``/proc/self/status`` (the peak of this program's memory; the
    ``ru_maxrss`` of a child started by a large process starts at its parent's size).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:  # pragma: no cover - not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def child_load(path: str, cap: int | None = None) -> int:
    """In a fresh process: load *path* (the cap raised to *cap*, else to its size), check
    it, print time and peak RSS."""
    size = max(os.path.getsize(path), cap or 0)
    with raised_cap(size) as (kwargs, _):
        t0 = time.perf_counter()
        loaded = gm.load_dataset(path, **kwargs)
        secs = time.perf_counter() - t0
    peak = maxrss_mb()
    loaded._index._check()  # after the peak is read
    print(json.dumps({"load_s": secs, "maxrss_mb": peak}))
    return 0


def median_run(cmd: Sequence[str], times: int) -> float:
    """Median wall seconds of running *cmd* (output discarded) *times* times; fails loudly."""
    walls = []
    for _ in range(times):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
    return _median(walls)


def measure_process(r: Result, times: int = 7) -> None:
    """``import govmodel`` and ``govmodel show`` in fresh processes (medians of *times*)."""
    py = sys.executable
    code = "import time; t = time.perf_counter(); import govmodel; print(time.perf_counter() - t)"
    imports = [
        float(subprocess.run([py, "-c", code], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(times)
    ]
    r["import_ms"] = _median(imports) * 1e3
    r["startup_ms"] = median_run([py, "-c", "pass"], times) * 1e3
    r["import_wall_ms"] = median_run([py, "-c", "import govmodel"], times) * 1e3
    script = Path(py).parent / "govmodel"
    show = [str(script), "show"] if script.exists() else [py, "-m", "govmodel", "show"]
    r["show_ms"] = median_run(show, times) * 1e3


def new_rename(tl: gm.Timeline, when: dt.date) -> gm.Decision:
    """A valid new decision effective on *when*: renaming a unit alive then."""
    snap = tl.as_of(when)
    unit = next(o for o in snap.organisations() if isinstance(o, gm.Unit))
    signed = when if when > dt.date(2008, 1, 1) else when + dt.timedelta(days=22)
    return gm.Decision(
        number="999999/QĐ-UBND",
        issuer=unit.parent or unit.id,
        signed_on=signed,
        effective_on=when,
        retroactive=when < signed,
        title=f"Về việc đổi tên {unit.name}",
        effects=[gm.Rename(org_id=unit.id, name="Phòng Đổi tên thử nghiệm")],
    )


# --------------------------------------------------------------------------- report
ROWS: list[tuple[str, str, str, str]] = [
    # key, label, format, growth law
    ("organisations", "organisations (ever) / versions", "{organisations:,} / {versions:,}", ""),
    # -- build
    ("build_s", "build: from_decisions (median)", "{build_s:.2f} s (CPU {build_cpu_s:.2f})",
     "n log n"),
    ("build_cold_s", "build: first in process", "{build_cold_s:.2f} s", "n log n"),
    ("lean_build_s", "build floor: lean replay (values only)", "{lean_build_s:.2f} s", "n log n"),
    ("build_lean_ratio", "  from_decisions / lean replay", "{build_lean_ratio:.1f}×", ""),
    ("build_peak_mb", "build: peak traced memory", "{build_peak_mb:.0f} MB", "n"),
    ("retained_mb", "retained memory after the build (traced)", "{retained_mb:.0f} MB", "n"),
    ("lean_retained_mb", "  floor: the lean replay's versions", "{lean_retained_mb:.0f} MB", "n"),
    ("rss_mb", "process RSS (data + timeline)", "{rss_mb:.0f} MB", "n"),
    ("gc_full_ms", "full gc.collect(), timeline alive", "{gc_full_ms:.0f} ms", "n"),
    ("check_s", "Index._check() (median; not in ratios)", "{check_s:.2f} s × {checks}", "n"),
    # -- point query, hot
    ("point_us", "as_of(D)[id].name, hot  median / p99",
     "{point_us:.2f} / {point_p99_us:.2f} µs", "log n"),
    ("point_snapshot_us", "  same, snapshot held  median / p99",
     "{point_snapshot_us:.2f} / {point_snapshot_p99_us:.2f} µs", "log n"),
    ("sqlite_us", "SQLite query  median / p99", "{sqlite_us:.2f} / {sqlite_p99_us:.2f} µs",
     "log n"),
    ("sqlite_tuned_us", "SQLite tuned  median / p99",
     "{sqlite_tuned_us:.2f} / {sqlite_tuned_p99_us:.2f} µs", "log n"),
    ("duckdb_us", "DuckDB  median / p99", "{duckdb_us:.0f} / {duckdb_p99_us:.0f} µs", "log n"),
    ("floor_us", "floor: dict + bisect  median / p99",
     "{floor_us:.2f} / {floor_p99_us:.2f} µs", "log n"),
    ("replay_ms", "naive replay  median / p99", "{replay_ms:.1f} / {replay_p99_ms:.1f} ms", "n"),
    ("replay_ratio", "replay / govmodel", "{replay_ratio:,.0f}×", ""),
    ("sqlite_ratio", "SQLite / govmodel (snapshot held)",
     "{sqlite_ratio:.1f}× ({sqlite_ratio_snapshot:.1f}×)", ""),
    ("sqlite_tuned_ratio", "SQLite tuned / govmodel", "{sqlite_tuned_ratio:.1f}×", ""),
    ("duckdb_ratio", "DuckDB / govmodel", "{duckdb_ratio:,.0f}×", ""),
    ("floor_ratio", "govmodel / floor", "{floor_ratio:.1f}×", ""),
    # -- point query, cold
    ("cold_us", "as_of(D)[id].name, each pair once", "{cold_us:.2f} µs ({cold_queries:,})",
     "log n"),
    ("cold_ratio", "  cold / hot", "{cold_ratio:.1f}×", ""),
    ("cold_sqlite_us", "  SQLite, each pair once", "{cold_sqlite_us:.2f} µs", "log n"),
    ("cold_sqlite_tuned_us", "  SQLite tuned, each pair once", "{cold_sqlite_tuned_us:.2f} µs",
     "log n"),
    ("cold_duckdb_us", "  DuckDB, each pair once", "{cold_duckdb_us:.0f} µs", "log n"),
    ("cold_floor_us", "  floor: dict + bisect, each pair once", "{cold_floor_us:.2f} µs",
     "log n"),
    ("cold_sqlite_tuned_ratio", "  SQLite tuned / govmodel, cold",
     "{cold_sqlite_tuned_ratio:.1f}×", ""),
    ("cold_duckdb_ratio", "  DuckDB / govmodel, cold", "{cold_duckdb_ratio:,.0f}×", ""),
    ("cold_floor_ratio", "  govmodel / floor, cold", "{cold_floor_ratio:.1f}×", ""),
    # -- full snapshot
    ("snapshot_cold_ms", "full snapshot, a date's first time", "{snapshot_cold_ms:.1f} ms", "N"),
    ("snapshot_ms", "full snapshot on 2025-06-30, again",
     "{snapshot_ms:.1f} ms ({snapshot_orgs:,} orgs)", "N"),
    ("snapshot_sqlite_ms", "  SQLite, rows fetched", "{snapshot_sqlite_ms:.1f} ms", "n"),
    ("snapshot_sqlite_tuned_ms", "  SQLite tuned, rows fetched",
     "{snapshot_sqlite_tuned_ms:.1f} ms", "n"),
    ("snapshot_duckdb_ms", "  DuckDB, rows fetched", "{snapshot_duckdb_ms:.1f} ms", "n"),
    ("snapshot_floor_ms", "  floor: column table of versions", "{snapshot_floor_ms:.1f} ms",
     "n"),
    ("snapshot_duckdb_ratio", "  DuckDB / govmodel (first time)",
     "{snapshot_duckdb_ratio:.2f}×", ""),
    ("snapshot_sqlite_tuned_ratio", "  SQLite tuned / govmodel (first time)",
     "{snapshot_sqlite_tuned_ratio:.2f}×", ""),
    ("snapshot_floor_ratio", "  govmodel (first time) / floor", "{snapshot_floor_ratio:.1f}×",
     ""),
    # -- the rest of the API
    ("history_us", "history(id) median", "{history_us:.2f} µs", "1"),
    ("diff_ms", "diff(D, D + 1 year) median", "{diff_ms:.1f} ms ({diff_changes:,} changes)",
     "N log k"),
    ("with_decision_late_ms", "with_decision, late (vs rebuild)",
     "{with_decision_late_ms:.1f} ms ({with_decision_late_speedup:,.0f}×)", "n + N"),
    ("with_decision_mid_ms", "with_decision, 2016 (vs rebuild)",
     "{with_decision_mid_ms:.0f} ms ({with_decision_mid_speedup:,.1f}×)", "n"),
    ("with_decision_early_ms", "with_decision, 2007 retroactive",
     "{with_decision_early_ms:.0f} ms ({with_decision_early_speedup:,.1f}×)", "n"),
    ("first_find_ms", "first find() (name index)", "{first_find_ms:.0f} ms", "N"),
    ("all_segments_s", "every mandate & composition, first use", "{all_segments_s:.2f} s", "n"),
    # -- the load path
    ("dataset_mb", "dataset file (JSON)", "{dataset_mb:.1f} MB", "n"),
    ("load_s", "load_dataset of the file", "{load_s:.2f} s", "n"),
    ("load_build_ratio", "  load_dataset / from_decisions", "{load_build_ratio:.1f}×", ""),
    ("load_child_s", "  same, in a fresh process", "{load_child_s:.2f} s", "n"),
    ("load_peak_mb", "  its peak RSS (a bare process: base)",
     "{load_peak_mb:,.0f} MB (base {child_base_mb:.0f})", "n"),
    ("dump_s", "serialize.dump (not in ratios)", "{dump_s:.1f} s", "n"),
    ("compact_mb", "compact form (tables, gzip): size / of the file",
     "{compact_mb:.1f} MB / {compact_ratio:.2f}", "n"),
    ("load_compact_s", "  its load_dataset, fresh process / peak RSS",
     "{load_compact_s:.2f} s / {load_compact_peak_mb:,.0f} MB", "n"),
    ("dump_compact_s", "  dump(compact=True) (not in ratios)", "{dump_compact_s:.1f} s", "n"),
    # -- fresh processes
    ("import_ms", "import govmodel (in a fresh process)", "{import_ms:.0f} ms", ""),
    ("show_ms", "govmodel show (process wall)", "{show_ms:.0f} ms", ""),
    ("startup_ms", "  python -c pass (wall) / with import",
     "{startup_ms:.0f} / {import_wall_ms:.0f} ms", ""),
    # -- not govmodel
    ("sqlite_load_s", "SQLite load (not in the ratios)", "{sqlite_load_s:.1f} s", "n"),
    ("sqlite_tuned_load_s", "SQLite tuned load (not in the ratios)",
     "{sqlite_tuned_load_s:.1f} s", "n"),
    ("duckdb_load_s", "DuckDB load (not in the ratios)", "{duckdb_load_s:.1f} s", "n"),
    ("generate_s", "data generation (not govmodel)", "{generate_s:.1f} s", "n"),
]
MISSING = "—"


def cell(fmt: str, r: Result | None) -> str:
    """*fmt* filled from *r*, or a dash when *r* lacks one of its figures (an older file)."""
    if r is None:
        return MISSING
    try:
        return fmt.format(**r)
    except (KeyError, TypeError, ValueError):
        return MISSING


def table(results: list[Result], previous: list[Result] | None = None) -> str:
    sizes = [f"{r['decisions']:,} decisions" for r in results]
    head = ["measure", *sizes]
    if len(results) > 1:
        head.append(f"growth ×{results[-1]['decisions'] // results[0]['decisions']}")
    old = None
    if previous:
        head.append("previous run (largest size)")
        old = next((p for p in previous if p["decisions"] == results[-1]["decisions"]), None)
    lines = []
    for key, label, fmt, law in ROWS:
        if not any(key in r for r in [*results, *([old] if old else [])]):
            continue
        cells = [label, *(cell(fmt, r) for r in results)]
        if len(results) > 1:
            a, b = results[0].get(key), results[-1].get(key)
            ok = law and isinstance(a, (int, float)) and isinstance(b, (int, float)) and a
            cells.append(f"{b / a:.1f} ({law})" if ok else "")
        if previous:
            cells.append(cell(fmt, old))
        lines.append(cells)
    widths = [max(len(row[i]) for row in [head, *lines]) for i in range(len(head))]

    def fmt_row(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([fmt_row(head), rule, *(fmt_row(x) for x in lines)])


def git_describe() -> str:
    """The checkout measured: ``git describe --always --dirty`` (or "unknown")."""
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--decisions", type=int, default=200_000, help="the main size (200,000)")
    p.add_argument("--sizes", help="comma-separated sizes (default: decisions/10 and decisions)")
    p.add_argument("--quick", action="store_true", help="2,000 and 20,000 decisions")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--reps", type=int, default=3, help="timed repetitions of each build")
    p.add_argument("--queries", type=int, default=2000, help="random point-query pairs (hot)")
    p.add_argument("--inner", type=int, default=20, help="timed calls per pair (hot)")
    p.add_argument("--cold-queries", type=int, default=20_000,
                   help="pairs per round of the cold stream (each pair asked once)")
    p.add_argument("--cold-rounds", type=int, default=3, help="rounds of the cold stream")
    p.add_argument("--duckdb-queries", type=int, default=500,
                   help="pairs for DuckDB's point queries (hot and per cold round)")
    p.add_argument("--snapshot-days", type=int, default=7,
                   help="dates of the full snapshot (before 2025-07-01), each asked once")
    p.add_argument("--replay-queries", type=int, default=20, help="pairs for the naive replay")
    p.add_argument("--no-replay", action="store_true", help="skip the naive replay")
    p.add_argument("--no-lean", action="store_true", help="skip the lean replay floor")
    p.add_argument("--no-memory", action="store_true", help="skip the traced-memory builds")
    p.add_argument("--no-duckdb", action="store_true", help="skip DuckDB")
    p.add_argument("--no-load", action="store_true", help="skip saving and loading the dataset")
    p.add_argument("--no-process", action="store_true",
                   help="skip import govmodel / govmodel show in fresh processes")
    p.add_argument("--compare", type=Path, help="an earlier results JSON to print beside")
    p.add_argument("--out", type=Path, help="where to write the JSON (default: results/)")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--child-load", help=argparse.SUPPRESS)
    p.add_argument("--child-cap", type=int, help=argparse.SUPPRESS)
    p.add_argument("--child-base", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_load:
        return child_load(args.child_load, args.child_cap)
    if args.child_base:
        print(json.dumps({"maxrss_mb": maxrss_mb()}))
        return 0
    if sys.flags.optimize:
        p.error("run without -O: Index._check() asserts")
    if args.quick:
        sizes = [2_000, 20_000]
    elif args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    else:
        sizes = [args.decisions // 10, args.decisions]
    previous = None
    if args.compare:  # read first: a bad file fails before the long run
        previous = json.loads(args.compare.read_text(encoding="utf-8"))["results"]
    meta = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join(["python benchmarks/run.py", *(argv or sys.argv[1:])]),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "govmodel": gm.__version__,
        "checkout": git_describe(),
        "seed": args.seed,
        "duckdb": None if args.no_duckdb or not have_duckdb() else _duckdb_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    results = [measure(n, args) for n in sizes]
    meta["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    print(f"govmodel {meta['govmodel']} ({meta['checkout']}) · Python {meta['python']} · "
          f"{meta['platform']} · {meta['cpus']} CPUs · seed {args.seed}")
    print(table(results, previous))
    out = args.out
    if out is None:
        RESULTS.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"{stamp}-{sizes[-1]}.json"
    payload = json.dumps({"meta": meta, "results": results}, indent=2, ensure_ascii=False)
    out.write_text(payload + "\n", encoding="utf-8")
    if args.out is None:
        (RESULTS / "latest.json").write_text(payload + "\n", encoding="utf-8")
    print(f"figures written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


def _duckdb_version() -> str:
    import duckdb  # noqa: PLC0415

    return str(duckdb.__version__)


if __name__ == "__main__":
    raise SystemExit(main())
