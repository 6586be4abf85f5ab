"""Old commune addresses converted by govmodel's ``resolve`` and by ``vietnamadminunits``.

Run from the repository root, with the benchmark-only package installed
(``pip install -e '.[bench]'``, i.e. vietnamadminunits 1.0.4, MIT)::

    python benchmarks/resolve.py                       # 2,000 addresses, seed 2025
    python benchmarks/resolve.py --sample 500 --seed 1 --show 10

One run, one process. From the communes alive on 30/6/2025 in govmodel's
``vietnam-communes-2025``, ``--sample`` are drawn with a fixed seed and written as an old
address "Xã …, Huyện …, Tỉnh …" in one of four forms (as written; without accents;
"TP."/"Q."/"H."/"TX." for the district and province type words; all lower case). Each is
converted by ``vietnamadminunits.convert_address`` and by
``tl.resolve(text, on=date(2025, 7, 1))`` (its first match), and both answers are compared
by GSO code (new commune and new province) with the commune's recorded fate: its default
successor in the dataset's lineage (which the resolutions of 16/6/2025 give; the dataset's
tables were themselves read from vietnamadminunits' data, see tools/national/SOURCES.md, so
this compares the two *lookups*, not two sources). Disagreements are classified and some
are printed.

Timing: every address is converted once by each (the warm-up, which also gives the
answers), then ``--reps`` more times, each call timed with ``time.perf_counter_ns``; the
median and p99 per call are over all timed calls. Index build: govmodel's place index built
afresh ``--reps`` times on the loaded timeline (median; it is built on the first
``resolve``), and the import of vietnamadminunits (which reads its tables then). Noise:
10,000-character texts of several kinds, the slowest of 5 calls each.

vietnamadminunits geocodes an address over the network when its parser finds a street
(e.g. a "P." it does not take for phường); this run has no network, so that call is replaced
by one returning no location — the package's own fallback, the default new commune — and
the number of such calls is reported.

The figures go to ``benchmarks/results/resolve-<date>.json`` (``--out`` to change).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.metadata
import json
import platform
import random
import statistics
import string
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import govmodel as gm
from govmodel._engine.places import PlaceIndex

RESULTS = Path(__file__).resolve().parent / "results"
EVE, JULY = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
FORMS = ("written", "no_accents", "abbreviated", "lower")
ABBREVIATIONS = {"thành phố": "TP.", "quận": "Q.", "huyện": "H.", "thị xã": "TX."}

Answer = tuple[str | None, str | None]  # (new commune code, new province code)


def strip_accents(text: str) -> str:
    """*text* without diacritics, case kept ("Đ" → "D")."""
    out = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in out if not unicodedata.combining(c)))


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _abbreviated(name: str) -> str:
    for word, short in ABBREVIATIONS.items():
        if name.startswith(word + " "):
            return f"{short} {name[len(word) + 1:]}"
    return _capitalised(name)


def address(chain: Sequence[str], form: str) -> str:
    """The old address of a commune from its chain of names (commune, district, province)."""
    if form == "abbreviated":
        return ", ".join([_capitalised(chain[0]), *(_abbreviated(n) for n in chain[1:])])
    text = ", ".join(_capitalised(n) for n in chain)
    if form == "no_accents":
        return strip_accents(text)
    if form == "lower":
        return text.lower()
    return text


def gso(unit: gm.AdminUnit, day: dt.date) -> str | None:
    """The unit's GSO code on *day*."""
    return next((i.value for i in unit.identifiers if i.scheme == "gso" and i.holds_on(day)),
                None)


def province_of(snap: gm.Snapshot, org_id: str) -> gm.AdminUnit:
    """The provincial-level unit enclosing *org_id* (itself for a province)."""
    unit = snap[org_id]
    while unit.parent is not None:
        unit = snap[unit.parent]
    assert isinstance(unit, gm.AdminUnit)
    return unit


def sample(tl: gm.Timeline, n: int, seed: int) -> list[dict[str, Any]]:
    """*n* communes alive on 30/6/2025, each with its address and recorded fate."""
    before, after = tl.as_of(EVE), tl.as_of(JULY)
    communes = sorted((o for o in before.organisations()
                       if isinstance(o, gm.AdminUnit) and o.unit_type.tier == 3),
                      key=lambda o: o.id)
    rng = random.Random(seed)
    out = []
    for unit in rng.sample(communes, n):
        chain, p = [unit.name], unit.parent
        while p is not None:
            chain.append(before[p].name)
            p = before[p].parent
        form = rng.choice(FORMS)
        fate = next(t for t, _path, default, _e in tl.became(unit.id, JULY) if default)
        new = after[fate]
        assert isinstance(new, gm.AdminUnit)
        out.append({"id": unit.id, "form": form, "address": address(chain, form),
                    "truth": (gso(new, JULY), gso(province_of(after, fate), JULY)),
                    "divided": len(tl.successors(unit.id)) > 1})
    return out


def time_calls(fn: Callable[[str], object], texts: Sequence[str], reps: int) -> list[int]:
    """Nanoseconds of each call of *fn* on each text, *reps* rounds."""
    ns: list[int] = []
    clock = time.perf_counter_ns
    for _ in range(reps):
        for text in texts:
            t = clock()
            fn(text)
            ns.append(clock() - t)
    return ns


def p99(xs: Sequence[int]) -> int:
    """The 99th percentile (nearest rank)."""
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, -(-99 * len(s) // 100) - 1))]


def noise_texts(seed: int) -> dict[str, str]:
    """10,000-character texts that name no place, of several kinds."""
    rng = random.Random(seed)
    syllables = ["xã", "phường", "huyện", "tỉnh", "tân", "thành", "an", "bình", "long", "phú",
                 "TP.", "Q.", "P.", ",", "-", "thị", "trấn", "đặc", "khu", "sơn"]
    letters = string.ascii_letters + string.digits + " ,.;-/áàảãạăâđêôơư"
    return {
        "one letter": "x" * 10_000,
        "random characters": "".join(rng.choice(letters) for _ in range(10_000)),
        "type words and syllables": " ".join(rng.choice(syllables) for _ in range(2_500))[:10_000],
        "one address repeated": ("Xã Tân Thành, Huyện Lục Ngạn, Tỉnh Bắc Giang; " * 300)[:10_000],
        "random unicode": "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(10_000)),
    }


def classify(row: dict[str, Any]) -> str:
    """How the two answers and the recorded fate stand."""
    truth, mine, peer = row["truth"], row["govmodel"], row["peer"]
    if mine == peer == truth:
        return "agree, both right"
    if len(row["tied"]) > 1 and truth in row["tied"]:
        return ("ambiguous once folded: govmodel ties the fate first with another, peer "
                + ("the same" if mine == peer else "right" if peer == truth
                   else "no commune" if peer[0] is None else "another"))
    if mine == peer:
        return "agree, both wrong"
    if mine == truth:
        if row["peer_error"]:
            return "peer raised an error"
        if peer[0] is None:
            return "peer found no commune" + (" (province right)" if peer[1] == truth[1] else "")
        return "peer gave another commune"
    if peer == truth:
        if mine[0] is None:
            return "govmodel found nothing"
        return "govmodel gave another commune"
    return "both differ from the fate"


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure, compare, print; the figures as a dictionary."""
    t0 = time.perf_counter()
    tl = gm.load_dataset("vietnam-communes-2025")
    load_s = time.perf_counter() - t0
    rows = sample(tl, args.sample, args.seed)
    after = tl.as_of(JULY)

    builds = []
    for _ in range(args.reps):
        t = time.perf_counter_ns()
        PlaceIndex(tl._index)  # the index resolve builds on its first call
        builds.append(time.perf_counter_ns() - t)
    t = time.perf_counter_ns()
    tl.resolve("Hà Nội", on=JULY)
    first_call = time.perf_counter_ns() - t

    t = time.perf_counter_ns()
    vau = importlib.import_module("vietnamadminunits")
    conv = importlib.import_module("vietnamadminunits.converter.converter_2025")
    peer_import = time.perf_counter_ns() - t
    geocoded: list[str] = []

    def no_network(text: str) -> None:
        geocoded.append(text)

    conv.get_geo_location = no_network  # type: ignore[attr-defined]
    meta = importlib.metadata.metadata("vietnamadminunits")

    def answer(org_id: str) -> Answer:
        unit = after[org_id]
        assert isinstance(unit, gm.AdminUnit)
        return gso(unit, JULY), gso(province_of(after, org_id), JULY)

    def mine(text: str) -> tuple[Answer, list[Answer]]:
        found = tl.resolve(text, on=JULY, limit=5)
        if not found:
            return (None, None), []
        tied = [answer(m.org_id) for m in found if m.score == found[0].score]
        return tied[0], tied

    def peer(text: str) -> tuple[Answer, str | None]:
        try:
            new = vau.convert_address(text)
        except Exception as e:  # any failure of the peer is a result
            return (None, None), type(e).__name__
        return (new.ward_code or None, new.province_code or None), None

    for row in rows:  # the warm-up round gives the answers
        row["govmodel"], row["tied"] = mine(row["address"])
        n = len(geocoded)
        row["peer"], row["peer_error"] = peer(row["address"])
        row["peer_geocoded"] = len(geocoded) > n
        row["class"] = classify(row)
    texts = [r["address"] for r in rows]
    gm_ns = time_calls(lambda s: tl.resolve(s, on=JULY), texts, args.reps)
    peer_ns = time_calls(peer, texts, args.reps)

    noise = {}
    for kind, text in noise_texts(args.seed).items():
        calls = time_calls(lambda s: tl.resolve(s, on=JULY), [text], 5)
        noise[kind] = {"max_ms": max(calls) / 1e6, "matches": len(tl.resolve(text, on=JULY))}

    classes = Counter(r["class"] for r in rows)
    agree = sum(r["govmodel"] == r["peer"] for r in rows)
    by_form = {f: {"n": sum(r["form"] == f for r in rows),
                   "agree": sum(r["form"] == f and r["govmodel"] == r["peer"] for r in rows),
                   "govmodel_right": sum(r["form"] == f and r["govmodel"] == r["truth"]
                                         for r in rows),
                   "peer_right": sum(r["form"] == f and r["peer"] == r["truth"] for r in rows)}
               for f in FORMS}
    return {
        "date": dt.date.today().isoformat(),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "command": " ".join(["python", "benchmarks/resolve.py", *sys.argv[1:]]),
        "seed": args.seed, "sample": args.sample, "reps": args.reps,
        "govmodel": {"version": gm.__version__, "dataset_load_s": round(load_s, 3),
                     "index_build_ms_median": statistics.median(builds) / 1e6,
                     "index_build_ms_all": [b / 1e6 for b in builds],
                     "first_resolve_call_ms": first_call / 1e6,
                     "query_ms_median": statistics.median(gm_ns) / 1e6,
                     "query_ms_p99": p99(gm_ns) / 1e6,
                     "right": sum(r["govmodel"] == r["truth"] for r in rows)},
        "peer": {"package": "vietnamadminunits", "version": meta["Version"],
                 "licence": "MIT (LICENSE in the wheel)",
                 "import_ms": peer_import / 1e6,
                 "query_ms_median": statistics.median(peer_ns) / 1e6,
                 "query_ms_p99": p99(peer_ns) / 1e6,
                 "right": sum(r["peer"] == r["truth"] for r in rows),
                 "geocoder_calls_replaced": sum(r["peer_geocoded"] for r in rows)},
        "agreement": {"same_commune_and_province": agree, "rate": agree / len(rows),
                      "classes": dict(classes.most_common()), "by_form": by_form,
                      "divided_communes_in_sample": sum(r["divided"] for r in rows)},
        "noise_10000_chars": noise,
        "disagreements": [
            {k: r[k] for k in ("id", "form", "address", "truth", "govmodel", "tied", "peer",
                               "class")}
            for r in rows if r["class"] != "agree, both right"],
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments, run, print the summary and write the JSON."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--show", type=int, default=5, help="disagreements printed per class")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    res = run(args)
    g, p, a = res["govmodel"], res["peer"], res["agreement"]
    print(f"{args.sample} addresses, seed {args.seed}: agreement {a['rate']:.2%} "
          f"({a['same_commune_and_province']})")
    print(f"  govmodel  right {g['right']}, median {g['query_ms_median']:.3f} ms, "
          f"p99 {g['query_ms_p99']:.3f} ms, index {g['index_build_ms_median']:.1f} ms, "
          f"dataset load {g['dataset_load_s']:.2f} s")
    print(f"  {p['package']} {p['version']}  right {p['right']}, median "
          f"{p['query_ms_median']:.3f} ms, p99 {p['query_ms_p99']:.3f} ms, import "
          f"{p['import_ms']:.0f} ms, geocoder calls replaced {p['geocoder_calls_replaced']}")
    for kind, n in a["classes"].items():
        print(f"  {n:5d}  {kind}")
    for kind, f in a["by_form"].items():
        print(f"  form {kind:12s} n={f['n']:4d} agree={f['agree']:4d} "
              f"govmodel right={f['govmodel_right']:4d} peer right={f['peer_right']:4d}")
    for kind, f in res["noise_10000_chars"].items():
        print(f"  noise {kind:25s} {f['max_ms']:.2f} ms, {f['matches']} matches")
    shown: Counter[str] = Counter()
    for d in res["disagreements"]:
        if shown[d["class"]] < args.show:
            shown[d["class"]] += 1
            print(f"  [{d['class']}] {d['address']!r}: fate {d['truth']}, govmodel "
                  f"{d['govmodel']}, peer {d['peer']}")
    out = args.out or RESULTS / f"resolve-{res['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
