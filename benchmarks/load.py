"""Wall-clock time of loading a bundled dataset, each run a fresh Python process.

Issue 13's bar is that ``load_dataset("vietnam-communes-2025")`` takes under 0.5 s on
these machines. A load in a warm process says little about what a user sees, so every run
here is a new interpreter, with its bytecode cached as an installed package has it (one
unmeasured warm-up run per tree writes it). Each run gives three figures:

* **process**: the whole ``python -c`` process, from its start to its exit, timed by this
  script (the interpreter's own start-up, about 20 ms, included);
* **from import**: inside the process, from ``import govmodel`` to the loaded timeline
  (the reader and the engine are imported on the first load, so they count here);
* **load call**: a second process imports the reader and the engine first, then times the
  ``load_dataset`` call alone.

Usage, from the repository root::

    python benchmarks/load.py                                  # 20 runs of this tree
    python benchmarks/load.py --runs 10 --src /tmp/base/src    # this tree and another, interleaved
    python benchmarks/load.py --dataset lang-son-2021 --bar 100

Trees given with ``--src`` run in turn within each round, so a change in the machine's load
touches them alike. The figures move with the machine (±30 % on a shared one); the ratio
between trees moves much less. ``benchmarks/instructions.py communes`` counts instructions,
which do not move at all.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: what a child process runs: it prints its inner figures (ms) as JSON
_FROM_IMPORT = """\
import json, sys, time
t0 = time.perf_counter()
import govmodel
tl = govmodel.load_dataset(sys.argv[1])
print(json.dumps({"from_import": 1000 * (time.perf_counter() - t0)}))
"""
_LOAD_CALL = """\
import json, sys, time
import govmodel, govmodel.timeline, govmodel._serial.bundled, govmodel._engine.build
t0 = time.perf_counter()
tl = govmodel.load_dataset(sys.argv[1])
print(json.dumps({"load_call": 1000 * (time.perf_counter() - t0)}))
"""


def _child(code: str, dataset: str, src: Path) -> tuple[float, dict[str, float]]:
    """Run one fresh process on ``src``'s govmodel; return its wall time (ms) and figures."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, dataset], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=False)
    wall = 1000 * (time.perf_counter() - t0)
    if out.returncode:
        raise SystemExit(f"the load failed in {src}:\n{out.stderr[-2000:]}")
    return wall, json.loads(out.stdout.strip().splitlines()[-1])


def measure(trees: list[Path], dataset: str, runs: int) -> dict[str, dict[str, list[float]]]:
    """Every tree's figures over ``runs`` interleaved rounds (after one warm-up each)."""
    for src in trees:
        _child(_FROM_IMPORT, dataset, src)  # writes the bytecode; not measured
    figures: dict[str, dict[str, list[float]]] = {
        str(src): {"process": [], "from_import": [], "load_call": []} for src in trees}
    for _ in range(runs):
        for src in trees:
            row = figures[str(src)]
            wall, inner = _child(_FROM_IMPORT, dataset, src)
            row["process"].append(wall)
            row["from_import"].append(inner["from_import"])
            row["load_call"].append(_child(_LOAD_CALL, dataset, src)[1]["load_call"])
    return figures


def report(figures: dict[str, dict[str, list[float]]], bar: float) -> str:
    """A table: each tree's min, median and max of each figure, and the runs under ``bar``."""
    lines = [f"{'tree / figure (ms)':<44} {'min':>7} {'median':>7} {'max':>7}  under {bar:g}"]
    for tree, row in figures.items():
        lines.append(tree)
        for name, values in row.items():
            under = sum(v < bar for v in values)
            lines.append(f"  {name:<42} {min(values):>7.0f} {statistics.median(values):>7.0f} "
                         f"{max(values):>7.0f}  {under}/{len(values)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", default="vietnam-communes-2025")
    ap.add_argument("--runs", type=int, default=20, help="rounds (default 20)")
    ap.add_argument("--src", type=Path, action="append", default=[],
                    help="another govmodel tree to measure beside this one (repeatable)")
    ap.add_argument("--bar", type=float, default=500.0, help="the bar in ms (default 500)")
    ap.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = ap.parse_args()
    trees = [ROOT / "src", *args.src]
    figures = measure(trees, args.dataset, args.runs)
    print(f"{args.dataset}, {args.runs} fresh processes per tree and figure")
    print(report(figures, args.bar))
    if args.out:
        args.out.write_text(json.dumps({"dataset": args.dataset, "runs": args.runs,
                                        "bar_ms": args.bar, "figures": figures}, indent=1))


if __name__ == "__main__":
    main()
