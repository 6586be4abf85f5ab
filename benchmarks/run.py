"""Measure govmodel at country scale and compare it with a naive replay and with SQLite.

Run from the repository root::

    python benchmarks/run.py                          # 200,000 decisions, and 20,000 for growth
    python benchmarks/run.py --decisions 200000 --sizes 200000,2000000
    python benchmarks/run.py --quick                  # 2,000 and 20,000: a smoke run

Every size is generated with the same seed by ``benchmarks/synthetic.py``, then measured in
one process: the build (wall and CPU time, median of repetitions after a warm-up; peak traced
memory in a separate build), point queries on random (organisation, date) pairs (govmodel,
SQLite, naive replay; each answer cross-checked), a full snapshot, ``history``, ``diff`` over
one year and ``with_decision``. The table is printed and the figures written to
``benchmarks/results/<timestamp>.json`` (and ``latest.json``) for comparison between commits
(``--compare`` prints an earlier file's figures beside this run's). See docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make "benchmarks" importable
    sys.path.insert(0, str(ROOT))

import govmodel as gm  # noqa: E402
from benchmarks.baselines import NaiveReplay, SqliteVersions  # noqa: E402
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


def timed(fn: Callable[[], object], reps: int, warmup: int = 1) -> tuple[float, float, object]:
    """Median wall and CPU seconds of *reps* calls after *warmup* calls; the last result."""
    result: object = None
    for _ in range(warmup):
        result = fn()
        del result
        gc.collect()
    walls, cpus = [], []
    for _ in range(reps):
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
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
    del tl
    r["build_s"], r["build_cpu_s"], built = timed(data.timeline, args.reps, warmup=0)
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
        r["build_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        del traced
        tl = other
        gc.collect()
    rng = random.Random(args.seed + 1)

    # -- point queries
    pairs = alive_pairs(tl, rng, args.queries)
    isos = [(i, d.isoformat()) for i, d in pairs]
    gm_ns = per_call_ns(lambda i, d: tl.as_of(d)[i].name, pairs, args.inner)
    r["point_us"], r["point_p99_us"] = _median(gm_ns) / 1e3, _p99(gm_ns) / 1e3
    snaps = [(i, tl.as_of(d)) for i, d in pairs]
    snap_ns = per_call_ns(lambda i, s: s[i].name, snaps, args.inner)
    r["point_snapshot_us"], r["point_snapshot_p99_us"] = _median(snap_ns) / 1e3, _p99(snap_ns) / 1e3
    t0 = time.perf_counter()
    db = SqliteVersions(tl)
    r["sqlite_load_s"] = time.perf_counter() - t0
    r["sqlite_rows"] = db.rows
    sql_ns = per_call_ns(db.get, isos, args.inner)
    r["sqlite_us"], r["sqlite_p99_us"] = _median(sql_ns) / 1e3, _p99(sql_ns) / 1e3
    for (i, d), (_, iso) in zip(pairs, isos, strict=True):
        row = db.get(i, iso)
        org = tl.as_of(d)[i]
        check(row == (org.name, org.parent), (i, d, row, org))
    say(f"[{n}] point {r['point_us']:.2f} µs, SQLite {r['sqlite_us']:.2f} µs")
    if not args.no_replay:
        replay = NaiveReplay(data.decisions, data.initial)
        few = pairs[: args.replay_queries]
        replay.get(*few[0])
        rep_ns = per_call_ns(replay.get, few, 1)
        r["replay_ms"], r["replay_p99_ms"] = _median(rep_ns) / 1e6, _p99(rep_ns) / 1e6
        for i, d in few:
            check(replay.get(i, d) == tl.as_of(d)[i], (i, d))
        r["replay_ratio"] = r["replay_ms"] * 1e3 / r["point_us"]
        say(f"[{n}] replay {r['replay_ms']:.1f} ms")
    r["sqlite_ratio"] = r["sqlite_us"] / r["point_us"]
    r["sqlite_ratio_snapshot"] = r["sqlite_us"] / r["point_snapshot_us"]

    # -- snapshot, history, diff
    day = dt.date(2025, 6, 30)  # the eve of the province mergers: the most organisations
    r["snapshot_ms"] = timed(lambda: tl.as_of(day).organisations(), 5)[0] * 1e3
    r["snapshot_orgs"] = len(tl.as_of(day).organisations())
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
        secs, _, tl2 = timed(lambda d=d: tl.with_decision(d), args.reps)
        check(isinstance(tl2, gm.Timeline) and len(tl2) == len(tl) + 1, d)
        r[f"with_decision_{label}_ms"] = secs * 1e3
        r[f"with_decision_{label}_speedup"] = r["build_s"] / secs
        say(f"[{n}] with_decision {label}: {secs * 1e3:.1f} ms")
    return r


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
    ("build_s", "build: from_decisions (median)", "{build_s:.2f} s (CPU {build_cpu_s:.2f})",
     "n log n"),
    ("build_cold_s", "build: first in process", "{build_cold_s:.2f} s", "n log n"),
    ("build_peak_mb", "build: peak traced memory", "{build_peak_mb:.0f} MB", "n"),
    ("rss_mb", "process RSS (data + timeline)", "{rss_mb:.0f} MB", "n"),
    ("point_us", "as_of(D)[id].name  median / p99", "{point_us:.2f} / {point_p99_us:.2f} µs",
     "log n"),
    ("point_snapshot_us", "  same, snapshot held  median / p99",
     "{point_snapshot_us:.2f} / {point_snapshot_p99_us:.2f} µs", "log n"),
    ("sqlite_us", "SQLite query  median / p99", "{sqlite_us:.2f} / {sqlite_p99_us:.2f} µs",
     "log n"),
    ("replay_ms", "naive replay  median / p99", "{replay_ms:.1f} / {replay_p99_ms:.1f} ms", "n"),
    ("replay_ratio", "replay / govmodel", "{replay_ratio:,.0f}×", ""),
    ("sqlite_ratio", "SQLite / govmodel (snapshot held)",
     "{sqlite_ratio:.1f}× ({sqlite_ratio_snapshot:.1f}×)", ""),
    ("snapshot_ms", "full snapshot on 2025-06-30", "{snapshot_ms:.1f} ms ({snapshot_orgs:,} orgs)",
     "N"),
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
    ("sqlite_load_s", "SQLite load (not in the ratios)", "{sqlite_load_s:.1f} s", "n"),
    ("generate_s", "data generation (not govmodel)", "{generate_s:.1f} s", "n"),
]


def table(results: list[Result], previous: list[Result] | None = None) -> str:
    sizes = [f"{r['decisions']:,} decisions" for r in results]
    head = ["measure", *sizes]
    if len(results) > 1:
        head.append(f"growth ×{results[-1]['decisions'] // results[0]['decisions']}")
    if previous:
        head.append("previous run (largest size)")
    lines = []
    for key, label, fmt, law in ROWS:
        if not all(key in r for r in results):
            continue
        cells = [label, *(fmt.format(**r) for r in results)]
        if len(results) > 1:
            a, b = results[0][key], results[-1][key]
            cells.append(f"{b / a:.1f} ({law})" if law and a else "")
        if previous:
            old = next((p for p in previous if p["decisions"] == results[-1]["decisions"]), None)
            cells.append(fmt.format(**old) if old and key in old else "")
        lines.append(cells)
    widths = [max(len(row[i]) for row in [head, *lines]) for i in range(len(head))]

    def fmt_row(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([fmt_row(head), rule, *(fmt_row(x) for x in lines)])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--decisions", type=int, default=200_000, help="the main size (200,000)")
    p.add_argument("--sizes", help="comma-separated sizes (default: decisions/10 and decisions)")
    p.add_argument("--quick", action="store_true", help="2,000 and 20,000 decisions")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--reps", type=int, default=3, help="timed repetitions of each build")
    p.add_argument("--queries", type=int, default=2000, help="random point-query pairs")
    p.add_argument("--inner", type=int, default=20, help="timed calls per pair")
    p.add_argument("--replay-queries", type=int, default=20, help="pairs for the naive replay")
    p.add_argument("--no-replay", action="store_true", help="skip the naive replay")
    p.add_argument("--no-memory", action="store_true", help="skip the traced-memory build")
    p.add_argument("--compare", type=Path, help="an earlier results JSON to print beside")
    p.add_argument("--out", type=Path, help="where to write the JSON (default: results/)")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    if args.quick:
        sizes = [2_000, 20_000]
    elif args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    else:
        sizes = [args.decisions // 10, args.decisions]
    results = [measure(n, args) for n in sizes]
    previous = None
    if args.compare:
        previous = json.loads(args.compare.read_text(encoding="utf-8"))["results"]
    meta = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join(["python benchmarks/run.py", *(argv or sys.argv[1:])]),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "govmodel": gm.__version__,
        "seed": args.seed,
    }
    print(f"govmodel {meta['govmodel']} · Python {meta['python']} · {meta['platform']} · "
          f"{meta['cpus']} CPUs · seed {args.seed}")
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


if __name__ == "__main__":
    raise SystemExit(main())
