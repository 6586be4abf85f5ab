"""A fuzz run over the dataset loader and the engine.

Feeds generated, mostly malformed input through govmodel and fails on any exception that is
not a :class:`~govmodel.errors.GovModelError`. Two kinds of input:

* **dataset texts** (:func:`malformed_texts`) — valid datasets (generated or bundled),
  turned to JSON and broken: values replaced by any JSON value, fields deleted or added,
  effect and organisation tags changed, references pointed elsewhere, items duplicated,
  dates made impossible, numbers made huge, values nested hundreds deep, the schema version
  changed; then, sometimes, the text itself cut, spliced, given invalid UTF-8 or a lone
  surrogate, or replaced by random text or bytes. Each goes through
  :func:`govmodel.serialize.loads`.
* **decision sets** (:func:`decision_sets`) — first states and decisions over a small pool
  of organisation ids and a few months, so that they collide: unknown and dead
  organisations, cycles, conflicts, duplicate identities, supersessions in every direction.
  Each set goes through ``Timeline.from_decisions``, :func:`govmodel.timeline.validate`,
  ``with_decision`` one by one, and the loader (as a dataset file).

Every timeline that is accepted is queried (``as_of`` and the snapshot's queries,
``history``, ``diff``, ``find``, ``successor``, ``pending``, ``check``), also with arbitrary
text for dates and ids. Beyond crashes, the run checks three agreements: a timeline builds
iff :func:`~govmodel.timeline.validate` finds nothing, iff the same data loads as a dataset
file; and a loaded dataset's timeline builds.

Run it from a shell (the figures are printed; the exit status is 1 on any crash)::

    python -m govmodel.testing.fuzz --examples 10000 --seed 0

Added in 0.1.
"""

from __future__ import annotations

import argparse
import collections
import copy
import datetime as dt
import functools
import json
import re
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.decisions import EFFECT_TYPES, Decision, DecisionRef
from govmodel.errors import DecisionError, GovModelError, InvalidValueError
from govmodel.model import Agency, Committee, Observation, Source, Unit
from govmodel.serialize import Dataset, dumps, loads
from govmodel.testing._args import check_int
from govmodel.testing._scenarios import datasets
from govmodel.testing._values import _organisations, dates, decisions
from govmodel.timeline import Timeline, validate

__all__ = ["Crash", "FuzzReport", "decision_sets", "main", "malformed_texts", "run"]

Org = Agency | Unit | Committee
Json = Any

# --------------------------------------------------------------------------- JSON values

_TAGS = [*sorted(EFFECT_TYPES), "Agency", "Unit", "Committee", "Organisation", "Effect"]
_FIELDS = [
    "type", "id", "org_id", "org", "name", "parent", "kind", "level", "number", "issuer",
    "year", "signed_on", "effective_on", "expires_on", "known_on", "effects", "supersedes",
    "repeals", "amends", "sources", "into", "establish", "parts", "members", "mandate",
    "extends", "schema_version", "decisions", "organisations", "observations",
]  # fmt: skip
_STRINGS = [
    "", " ", "\u0000", "a" * 300, "2021-02-30", "2021-13-01", "0000-01-01", "0001-01-01",
    "9999-12-31", "13/10/2021", "ngày 13 tháng 10 năm 2021", "2021-1-1", "1/QĐ-UBND",
    "33/2021/QĐ-UBND", "49-NQ/TU", "QĐ", "abc", "p/ubnd", "f/ubnd", "f/so-a", "lang-son-2021",
    "../../etc/passwd", "/etc/passwd", "\ud800", "head", "division", "province", "NaN", *_TAGS,
]  # fmt: skip
_NUMBERS = [0, -1, 1, 2, 999, 2**63, -(2**63), 10**40, 1.5, 1e308, float("nan")]
_NUMBER_TEXT = re.compile(r"(?<=[:\[,] )-?\d+(?=[,\]}])")

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.sampled_from(_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(_STRINGS),
)
_keys = st.one_of(st.sampled_from(_FIELDS), st.text(max_size=8))
json_values: SearchStrategy[Json] = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)

#: Text where a date, an id or a name is expected: from the list above, or anything.
_ARBITRARY = st.sampled_from(_STRINGS) | st.text(max_size=12)

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9._\-/]*/[a-z0-9._\-/]*$")


def _slots(tree: Json) -> list[tuple[Any, Any]]:
    """Every (container, key) pair of *tree*, the root excluded, in a fixed order."""
    out: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            items: list[tuple[Any, Any]] = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            continue
        for key, value in items:
            out.append((node, key))
            stack.append(value)
    return out


def _pick(draw: st.DrawFn, items: Sequence[Any]) -> Any:
    return items[draw(st.integers(0, len(items) - 1))]


def _mutate(draw: st.DrawFn, tree: dict[str, Json]) -> str:
    """Break *tree* in one drawn way, in place; return the name of the way."""
    slots = _slots(tree)
    how = draw(
        st.sampled_from(
            [
                "replace", "delete", "add", "retag", "reref", "duplicate", "shuffle", "date",
                "number", "nest", "version",
            ]
        )
    )  # fmt: skip
    if how == "version" or not slots:
        value = draw(st.sampled_from([None, 0, -1, 2, 999, "1", 1.0, True, [1], "absent"]))
        if value == "absent":
            tree.pop("schema_version", None)
        else:
            tree["schema_version"] = value
        return "version"
    if how == "replace":
        node, key = _pick(draw, slots)
        node[key] = draw(json_values)
    elif how == "delete":
        node, key = _pick(draw, slots)
        del node[key]
    elif how == "add":
        objects = [tree, *(n[k] for n, k in slots if isinstance(n[k], dict))]
        obj = _pick(draw, objects)
        obj[draw(_keys)] = draw(json_values)
    elif how == "retag":
        tagged = [n[k] for n, k in slots if isinstance(n[k], dict) and "type" in n[k]]
        if tagged:
            _pick(draw, tagged)["type"] = draw(st.sampled_from([*_TAGS, "Teleport", "", 7, None]))
    elif how == "reref":
        refs = [(n, k) for n, k in slots if isinstance(n[k], str) and _ID_LIKE.match(n[k])]
        if refs:
            node, key = _pick(draw, refs)
            pool = sorted({n[k] for n, k in refs})
            node[key] = draw(st.sampled_from(pool) | st.sampled_from(_STRINGS))
    elif how == "duplicate":
        lists = [n[k] for n, k in slots if isinstance(n[k], list) and n[k]]
        if lists:
            target = _pick(draw, lists)
            item = copy.deepcopy(_pick(draw, target))
            target.insert(draw(st.integers(0, len(target))), item)
    elif how == "shuffle":
        lists = [n[k] for n, k in slots if isinstance(n[k], list) and len(n[k]) > 1]
        if lists:
            target = _pick(draw, lists)
            target[:] = draw(st.permutations(target))
    elif how == "date":
        found = [(n, k) for n, k in slots if isinstance(n[k], str) and _ISO.match(n[k])]
        if found:
            node, key = _pick(draw, found)
            try:
                day = dt.date.fromisoformat(node[key])
                shifted = day + dt.timedelta(days=draw(st.integers(-400, 400)))
                node[key] = draw(st.sampled_from([shifted.isoformat(), *_STRINGS[4:13]]))
            except (ValueError, OverflowError):
                node[key] = draw(st.sampled_from(_STRINGS[4:13]))
    elif how == "number":
        found = [(n, k) for n, k in slots if isinstance(n[k], int | float)]
        if found:
            node, key = _pick(draw, found)
            node[key] = draw(st.sampled_from(_NUMBERS) | st.integers())
    else:  # nest
        node, key = _pick(draw, slots)
        nested: Json = node[key]
        for _ in range(draw(st.integers(1, 400))):
            nested = [nested] if draw(st.booleans()) else {"x": nested}
        node[key] = nested
    return how


def _bundled_texts() -> list[str]:
    from govmodel.datasets import datasets as bundled  # noqa: PLC0415 - loaded on demand
    from govmodel.datasets import read_dataset  # noqa: PLC0415

    return [dumps(read_dataset(name)) for name in bundled()]


_BUNDLED: list[str] = []
_DATASETS = datasets(max_steps=6)


def _base_text(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:
        if not _BUNDLED:
            _BUNDLED.extend(_bundled_texts())
        if _BUNDLED:
            return str(_pick(draw, _BUNDLED))
    return dumps(draw(_DATASETS))


@st.composite
def _malformed_texts(draw: st.DrawFn) -> str | bytes:
    style = draw(st.integers(0, 19))
    if style == 0:
        return draw(st.binary(max_size=200))
    if style == 1:
        return draw(st.text(max_size=200))
    if style == 2:
        return json.dumps(draw(json_values))
    tree = json.loads(_base_text(draw))
    for _ in range(draw(st.integers(1, 4))):
        _mutate(draw, tree)
    text = json.dumps(tree, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 4)) != 0:
        return text
    cut = draw(st.integers(0, len(text)))
    damage = draw(st.sampled_from(["truncate", "splice", "bytes", "bom", "surrogate", "huge"]))
    if damage == "huge":  # more digits than Python converts to an int by default
        return _NUMBER_TEXT.sub("9" * 5000, text, count=1)
    if damage == "truncate":
        return text[:cut]
    if damage == "splice":
        return text[:cut] + draw(st.text(min_size=1, max_size=4)) + text[cut:]
    if damage == "surrogate":
        return text[:cut] + "\ud800" + text[cut:]
    raw = text.encode("utf-8")
    if damage == "bom":
        return b"\xef\xbb\xbf" + raw
    bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00"]))
    return raw[:cut] + bad + raw[cut:]


def malformed_texts() -> SearchStrategy[str | bytes]:
    """Dataset texts (``str`` or ``bytes``), nearly all of them broken in some way.

    A test of your own loading code can assert that each is refused with a
    :class:`~govmodel.errors.DatasetError`, or loaded, and nothing else.
    """
    return _malformed_texts()


# --------------------------------------------------------------------------- decision sets

POOL = ("f/ubnd", "f/so-a", "f/so-b", "f/so-a/u1", "f/so-a/u2", "f/bcd")
_FIRST_STATES: tuple[Org, ...] = (
    Agency(id="f/ubnd", name="Ủy ban nhân dân tỉnh F", kind="peoples_committee", level="province"),
    Agency(id="f/so-a", name="Sở A", parent="f/ubnd", kind="department", level="province"),
    Agency(id="f/so-b", name="Sở B", parent="f/ubnd", kind="department", level="province"),
    Unit(id="f/so-a/u1", name="Phòng 1", parent="f/so-a", kind="division"),
    Committee(id="f/bcd", name="Ban Chỉ đạo F", parent="f/ubnd"),
)
_WINDOW = dates(dt.date(2020, 1, 1), dt.date(2020, 3, 31))
_DECISIONS = st.lists(decisions(ids=POOL, dates=_WINDOW, max_effects=3), max_size=6)
_FIRST = st.lists(st.sampled_from(_FIRST_STATES), unique=True)


@st.composite
def _decision_sets(draw: st.DrawFn) -> tuple[tuple[Org, ...], tuple[Decision, ...]]:
    initial = list(draw(_FIRST))
    if draw(st.integers(0, 4)) == 0:  # first states that may not hold together
        known = {o.id for o in initial}
        extra = draw(_organisations(None, None, POOL))
        if extra.id not in known:
            initial.append(extra)
    plain: list[Decision] = []
    for d in draw(_DECISIONS):  # a small identity space, so that identities collide
        if draw(st.booleans()):
            k = draw(st.integers(1, 8))
            same = {"issuer": "f/ubnd", "year": 2020, "supersedes": (), "repeals": (), "amends": ()}
            plain.append(_evolved(d, number=f"{k}/QĐ-UBND", **same))
        else:
            plain.append(d)
    refs = [d.ref for d in plain]
    out: list[Decision] = []
    for d in plain:  # supersessions, repeals and amendments within the set
        others = [r for r in refs if r != d.ref]
        if len(others) > 0 and draw(st.booleans()):
            pick = st.lists(st.sampled_from(others), max_size=2, unique=True)
            ends = {"supersedes": draw(pick), "repeals": draw(pick), "amends": draw(pick)}
            out.append(_evolved(d, **ends))
        else:
            out.append(d)
    return tuple(initial), tuple(out)


def _evolved(d: Decision, **changes: Any) -> Decision:
    """*d* with *changes*, or *d* itself when they would make it invalid."""
    try:
        return d.evolve(**changes)
    except InvalidValueError:
        return d


def decision_sets() -> SearchStrategy[tuple[tuple[Org, ...], tuple[Decision, ...]]]:
    """``(first states, decisions)`` over six organisation ids and three months of 2020.

    Each value is valid on its own; together they are mostly not a valid timeline (unknown
    or dead organisations, cycles, same-day conflicts, duplicate identities, supersessions
    of unknown or later decisions), which is the point.
    """
    return _decision_sets()


# --------------------------------------------------------------------------- the run


@attrs.frozen
class Crash:
    """An exception that is not a GovModelError, with where it happened.

    Attributes:
        stage: what was called (``loads``, ``validate``, ``as_of``…).
        error: the exception's type and message.
        frame: where it was raised, ``file.py:function`` (the innermost frame).
        traceback: the formatted traceback.
        given: the input, shortened.
    """

    stage: str
    error: str
    frame: str
    traceback: str
    given: str

    @property
    def kind(self) -> tuple[str, str]:
        """``(exception type, frame)``: crashes of one kind share a cause."""
        return (self.error.split(":", 1)[0], self.frame)


@attrs.define
class FuzzReport:
    """The figures of a fuzz run (see :func:`run`).

    Attributes:
        seed: the seed of the run.
        requested: the number of inputs asked for.
        tried: inputs tried, by kind ("dataset texts", "decision sets").
        accepted: inputs loaded or built without error.
        refused: inputs refused with a GovModelError.
        finished: inputs fed through to the end (the rest were cut short when hypothesis ran
            out of data for their queries).
        queries: queries asked of accepted timelines.
        errors: GovModelErrors raised, by type name (loader, engine and queries).
        crashes: every exception that is not a GovModelError.
        disagreements: inputs on which the loader, validate() and from_decisions disagree.
        seconds: how long the run took.
    """

    seed: int
    requested: int
    tried: collections.Counter[str] = attrs.field(factory=collections.Counter)
    accepted: int = 0
    refused: int = 0
    finished: int = 0
    queries: int = 0
    errors: collections.Counter[str] = attrs.field(factory=collections.Counter)
    crashes: list[Crash] = attrs.field(factory=list)
    disagreements: list[str] = attrs.field(factory=list)
    seconds: float = 0.0

    @property
    def inputs(self) -> int:
        """How many inputs were tried."""
        return sum(self.tried.values())

    @property
    def ok(self) -> bool:
        """True when no input crashed and every agreement held."""
        return not self.crashes and not self.disagreements

    def summary(self, show: int = 5) -> str:
        """The figures as text, with the first *show* crashes and disagreements."""
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.tried.items()))
        lines = [
            f"govmodel fuzz: seed {self.seed}, {self.inputs} inputs ({kinds}) "
            f"in {self.seconds:.1f} s",
            f"  accepted: {self.accepted}, refused with a GovModelError: {self.refused}; "
            f"queries on accepted timelines: {self.queries}",
            f"  fed through to the end: {self.finished}; cut short when hypothesis ran out of "
            f"data for an input's queries: {self.inputs - self.finished}",
            "  GovModelErrors raised, by type (loader, engine and queries):",
        ]
        width = max((len(k) for k in self.errors), default=0)
        for name, n in sorted(self.errors.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"    {name:<{width}}  {n}")
        lines.append(f"  crashes (an exception that is not a GovModelError): {len(self.crashes)}")
        kinds_ = collections.Counter(c.kind for c in self.crashes)
        for (error, frame), n in sorted(kinds_.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"    {n} × {error} in {frame}")
        lines.append(f"  disagreements: {len(self.disagreements)}")
        for c in self.crashes[:show]:
            lines += [f"--- crash in {c.stage}: {c.error}", f"input: {c.given}", c.traceback]
        lines += [f"--- disagreement: {d}" for d in self.disagreements[:show]]
        return "\n".join(lines)


def _shown(value: object, limit: int = 600) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


class _Feeder:
    """Feeds one input through the loader or the engine, keeping the figures."""

    def __init__(self, report: FuzzReport) -> None:
        self.report = report

    def attempt(self, stage: str, given: object, call: Callable[[], Any]) -> tuple[bool, Any]:
        """Call *call*; a GovModelError is counted, anything else recorded as a crash."""
        try:
            return True, call()
        except GovModelError as exc:
            self.report.errors[type(exc).__name__] += 1
            return False, exc
        except Exception as exc:
            last = traceback.extract_tb(exc.__traceback__)[-1]
            self.report.crashes.append(
                Crash(
                    stage,
                    f"{type(exc).__name__}: {exc}",
                    f"{Path(last.filename).name}:{last.name}",
                    traceback.format_exc(),
                    _shown(given),
                )
            )
            return False, exc

    def text(self, text: str | bytes, data: st.DataObject) -> None:
        self.report.tried["dataset texts"] += 1
        ok, ds = self.attempt("loads", text, lambda: loads(text))
        if not ok:
            self.report.refused += isinstance(ds, GovModelError)
            return
        self.report.accepted += 1
        ok, tl = self.attempt("Dataset.timeline", text, ds.timeline)
        if not ok:
            self.report.disagreements.append(f"a loaded dataset's timeline fails: {tl!r}")
            return
        self.queries(tl, data)

    def decisions(
        self, initial: tuple[Org, ...], decisions: tuple[Decision, ...], data: st.DataObject
    ) -> None:
        self.report.tried["decision sets"] += 1
        given = (initial, decisions)
        built, tl = self.attempt(
            "Timeline.from_decisions",
            given,
            lambda: Timeline.from_decisions(decisions, initial=initial),
        )
        found, errors = self.attempt(
            "validate", given, lambda: validate(decisions, initial=initial)
        )
        if found and not all(isinstance(e, DecisionError) for e in errors):
            self.report.crashes.append(
                Crash(
                    "validate",
                    f"TypeError: returned {errors!r}",
                    "timeline.py:validate",
                    "",
                    _shown(given),
                )
            )
        clean = found and not errors
        if built != clean:
            self.report.disagreements.append(
                f"from_decisions {'builds' if built else 'fails'} but validate finds "
                f"{errors!r}: {_shown(given)}"
            )
        as_file = Dataset(name="fuzz", title="fuzz", organisations=initial, decisions=decisions)
        loaded, _ = self.attempt("loads", given, lambda: loads(dumps(as_file)))
        if loaded != built:
            self.report.disagreements.append(
                f"from_decisions {'builds' if built else 'fails'} but the same data "
                f"{'loads' if loaded else 'does not load'} as a dataset: {_shown(given)}"
            )
        ok, step = self.attempt(
            "Timeline.from_decisions", initial, lambda: Timeline.from_decisions([], initial=initial)
        )
        if ok:  # one by one, in a random order: older decisions come in retroactively
            for d in data.draw(st.permutations(decisions)):
                add = functools.partial(step.with_decision, d)
                more, nxt = self.attempt("with_decision", d, add)
                if more:
                    step = nxt
        if built:
            self.report.accepted += 1
            self.queries(tl, data)
        else:
            self.report.refused += isinstance(tl, GovModelError)

    def queries(self, tl: Timeline, data: st.DataObject) -> None:
        """Ask the timeline everything, at its interesting dates and with arbitrary text."""
        days: list[Any] = sorted(
            {d.effective_on for d in tl.decisions} | {dt.date(2020, 1, 1), dt.date(2100, 1, 1)}
        )
        days = days[:4] + data.draw(st.lists(_ARBITRARY, max_size=2))
        ids = [*tl.organisation_ids()[:6], data.draw(_ARBITRARY)]

        def ask(stage: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            self.report.queries += 1
            return self.attempt(stage, args, functools.partial(call, *args, **kwargs))

        for day in days:
            ok, snap = ask("as_of", tl.as_of, day)
            if not ok:
                continue
            for org_id in ids:
                ask("Snapshot[...]", snap.__getitem__, org_id)
                ask("Snapshot.children", snap.children, org_id)
                ask("Snapshot.tree", snap.tree, org_id)
                ask("Snapshot.mandate", snap.mandate, org_id)
                ask("Snapshot.members", snap.members, org_id)
            ask("Snapshot.roots", snap.roots)
            ask("Snapshot.decisions_in_force", getattr, snap, "decisions_in_force")
            ask("as_of(known_on=…)", tl.as_of, day, known_on=day)
            ask("known_gaps", tl.known_gaps, day)
            ask("pending", tl.pending, day)
        for org_id in ids:
            ask("history", tl.history, org_id)
            ask("mandate_history", tl.mandate_history, org_id)
            ask("successor", tl.successor, org_id)
            ask("successor(on=…)", tl.successor, org_id, days[-1])
        ask("diff", tl.diff, days[0], days[-1])
        ask("diff", tl.diff, days[-1], days[0])
        ask("find", tl.find, data.draw(_ARBITRARY))
        if tl.decisions:
            ref = data.draw(st.sampled_from(tl.decisions)).ref
            ask("ends", tl.ends, ref)
            ask("in_force", tl.in_force, ref, days[0])
            ask("decision", tl.decision, DecisionRef("x/none", "1/QĐ-UBND", 1999))
        named = data.draw(_ARBITRARY)
        ask(
            "check",
            lambda: tl.check(
                [Observation(org_id=ids[0], name=named, on=days[0], source=Source("fuzz"))]
            ),
        )


def _fuzz_inputs() -> SearchStrategy[tuple[str, Any]]:
    return st.one_of(
        malformed_texts().map(lambda t: ("text", t)),
        decision_sets().map(lambda s: ("decisions", s)),
    )


def run(examples: int = 1000, *, seed: int = 0) -> FuzzReport:
    """Feed at least *examples* generated inputs through the loader and the engine.

    Args:
        examples: how many inputs to try (at least 1).
        seed: the seed; the same seed feeds the same inputs.

    Returns:
        The figures: inputs tried, accepted, errors by type, crashes and disagreements.

    Raises:
        StrategyArgumentError: *examples* or *seed* is not an integer of the right range.
    """
    wanted = check_int("run", "examples", examples, minimum=1)
    start = check_int("run", "seed", seed, minimum=0)
    report = FuzzReport(seed=start, requested=wanted)
    feeder = _Feeder(report)
    began = time.perf_counter()
    round_ = 0
    while report.inputs < wanted:
        left = wanted - report.inputs

        @hypothesis_seed(start + round_)
        @settings(
            max_examples=left,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )
        @given(st.data())
        def feed(data: st.DataObject) -> None:
            kind, value = data.draw(_fuzz_inputs())
            if kind == "text":
                feeder.text(value, data)
            else:
                initial, decisions_ = value
                feeder.decisions(initial, decisions_, data)
            report.finished += 1

        feed()
        round_ += 1
    report.seconds = time.perf_counter() - began
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m govmodel.testing.fuzz --examples N --seed S``.

    Returns:
        0 when no input crashed and every agreement held, else 1.
    """
    parser = argparse.ArgumentParser(
        prog="python -m govmodel.testing.fuzz",
        description="Feed generated malformed datasets and decision sets through govmodel's "
        "loader and engine; fail on any exception that is not a GovModelError.",
    )
    parser.add_argument("--examples", type=int, default=1000, help="inputs to try (1000)")
    parser.add_argument("--seed", type=int, default=0, help="the seed (0)")
    parser.add_argument("--show", type=int, default=5, help="crashes to print in full (5)")
    args = parser.parse_args(argv)
    if args.examples < 1 or args.seed < 0:
        parser.error("--examples must be at least 1 and --seed at least 0")
    report = run(args.examples, seed=args.seed)
    print(report.summary(show=args.show))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
