"""Instructions executed by one step of govmodel, counted by valgrind (cachegrind).

Wall-clock figures on a shared machine move by ±40 %; an instruction count does not move
with the machine's load. Each figure here is the difference between two runs of one
process that do the same work except the measured step, done *k* and *k2* times, divided
by ``k2 - k``: data generation, imports and the first build cancel out.

Steps (on ``benchmarks.synthetic.generate(n, seed=0)``):

* ``build``: ``Timeline.from_decisions`` (a build after the first in the process);
* ``late``: ``with_decision`` of a rename dated after the last decision;
* ``segments``: every organisation's mandate history, last version and, for a committee,
  its memberships — the benchmark's "every mandate & composition, first use" (k = 0, 1);
* ``find``: the first ``find()`` of a timeline (the name index is built; k = 0, 1);
* ``communes``: ``load_dataset("vietnam-communes-2025")`` in a process that has loaded a
  small bundled dataset (so the imports cancel out; k = 0, 1; ``--n`` is not used);
* ``communes-build``: ``Timeline.from_decisions`` of the commune dataset's items, after
  the dataset has loaded once (k = 0, 1);
* ``load``: ``load_dataset`` of the generated data saved as a dataset file (written once,
  outside valgrind, by this tree's ``serialize.dump``, to the system's temporary folder),
  in a process that has loaded the file of ``lang-son-2021`` (k = 0, 1).

Usage (valgrind must be installed; each run at 200,000 decisions takes minutes)::

    python benchmarks/instructions.py build --n 20000
    python benchmarks/instructions.py late --n 200000 --src /path/to/other/checkout/src

``--src`` measures another tree's govmodel on this tree's data generator (the generator
builds its decisions with the measured tree's classes). The two runs go in parallel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: step -> (k, k2): how many times each of the two runs does the step
REPEATS = {"build": (1, 3), "late": (1, 6), "segments": (0, 1), "communes": (0, 1),
           "communes-build": (0, 1), "find": (0, 1), "load": (0, 1)}


def dataset_file(n: int) -> Path:
    """The generated data of *n* decisions saved as a dataset file (made on first use)."""
    import tempfile  # noqa: PLC0415

    path = Path(tempfile.gettempdir()) / f"govmodel-instructions-{n}.json"
    if not path.exists():
        sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
        from benchmarks.synthetic import generate  # noqa: PLC0415
        from govmodel import serialize  # noqa: PLC0415

        data = generate(n, seed=0)
        ds = serialize.Dataset(schema_version=1, name=f"synthetic-{n}", title="s",
                               organisations=tuple(data.initial),
                               decisions=tuple(data.decisions))
        serialize.dump(ds, path.with_suffix(".part"))
        path.with_suffix(".part").rename(path)
    return path


def child(step: str, n: int, k: int) -> None:
    """Do the work of one run (inside valgrind)."""
    import govmodel as gm  # noqa: PLC0415 - the tree measured, inside valgrind only
    from benchmarks.synthetic import END, generate  # noqa: PLC0415

    if step == "load":
        from govmodel.datasets import load_dataset  # noqa: PLC0415

        load_dataset(ROOT / "src" / "govmodel" / "datasets" / "lang-son-2021.json")
        if k:
            load_dataset(dataset_file(n), max_bytes=1 << 31)
        return
    if step.startswith("communes"):
        from govmodel._serial.bundled import bundled  # noqa: PLC0415

        if step == "communes":
            bundled("lang-son-2021")
            if k:
                bundled("vietnam-communes-2025")
            return
        items = bundled("vietnam-communes-2025").flattened()
        for _ in range(k):
            gm.Timeline.from_decisions(items.decisions, initial=items.organisations)
        return
    data = generate(n, seed=0)
    tl = data.timeline()
    if step == "build":
        for _ in range(k - 1):  # the first build is common to both runs
            data.timeline()
    elif step == "late":
        when = END + dt.timedelta(days=1)
        unit = next(o for o in tl.as_of(when).organisations() if isinstance(o, gm.Unit))
        d = gm.Decision(number="999999/QĐ-UBND", issuer=unit.parent or unit.id,
                        signed_on=when, effects=[gm.Rename(org_id=unit.id, name="Phòng Thử")])
        for _ in range(k):
            tl2 = tl.with_decision(d)
            del tl2
    elif step == "find" and k:
        tl.find("phòng")
    elif step == "segments" and k:
        for org_id in tl.organisation_ids():
            tl.mandate_history(org_id)
            v = tl.history(org_id)[-1]
            on = v.valid_from or dt.date.min
            if isinstance(v.value, gm.Committee) and v.holds_on(on):
                tl.as_of(on).memberships(org_id)


def count(step: str, n: int, k: int, src: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{ROOT}", "PYTHONHASHSEED": "0"}
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, str(Path(__file__).resolve()), "--child", step, "--n", str(n),
           "--k", str(k)]
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            stdout=subprocess.DEVNULL)


def refs(proc: subprocess.Popen[str]) -> int:
    _, err = proc.communicate()
    found = re.search(r"I\s+refs:\s+([\d,]+)", err)
    if proc.returncode or found is None:
        raise SystemExit(f"valgrind run failed:\n{err[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=sorted(REPEATS))
    ap.add_argument("--n", type=int, default=20000, help="decisions generated (default 20000)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the govmodel tree measured")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--k", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.step, args.n, args.k)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    k, k2 = REPEATS[args.step]
    if args.step == "load":
        dataset_file(args.n)  # written before the runs, by this tree
    a, b = count(args.step, args.n, k, args.src), count(args.step, args.n, k2, args.src)
    per_step = (refs(b) - refs(a)) / (k2 - k)
    print(f"{args.step} at {args.n:,} decisions ({args.src}): {per_step / 1e6:,.1f} M instructions")


if __name__ == "__main__":
    main()
