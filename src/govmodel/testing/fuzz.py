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
import datetime as dt
import functools
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

from govmodel.decisions import Decision, DecisionRef
from govmodel.errors import DecisionError, GovModelError
from govmodel.model import AnyOrganisation, Observation, Source
from govmodel.serialize import Dataset, dumps, loads
from govmodel.testing._args import check_int
from govmodel.testing._fuzz_inputs import ARBITRARY, decision_sets, malformed_texts
from govmodel.timeline import Timeline, validate

__all__ = ["Crash", "FuzzReport", "decision_sets", "main", "malformed_texts", "run"]

Org = AnyOrganisation
Json = Any


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
        days = days[:4] + data.draw(st.lists(ARBITRARY, max_size=2))
        ids = [*tl.organisation_ids()[:6], data.draw(ARBITRARY)]

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
        ask("find", tl.find, data.draw(ARBITRARY))
        if tl.decisions:
            ref = data.draw(st.sampled_from(tl.decisions)).ref
            ask("ends", tl.ends, ref)
            ask("in_force", tl.in_force, ref, days[0])
            ask("decision", tl.decision, DecisionRef("x/none", "1/QĐ-UBND", 1999))
        named = data.draw(ARBITRARY)
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
