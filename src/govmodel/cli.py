"""The ``govmodel`` command: look at a dataset's organisations on any date from a terminal.

With no arguments it draws today's organisation tree of the bundled ``lang-son-2021``
dataset. Every command takes ``--dataset NAME|PATH`` (a bundled dataset's name or a dataset
JSON file). Dates are ISO (``2021-12-10``) or Vietnamese day-first (``10/12/2021``).

Exit codes: 0 success; 1 the data has problems (``validate`` found some, a dataset file is
malformed, ``check --strict`` found a conflict); 2 usage errors (bad option, bad date,
unknown organisation or dataset). Errors are one line on stderr, never a traceback.

Run ``govmodel COMMAND --help`` for each command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from govmodel import render
from govmodel._version import __version__
from govmodel.datasets import read_dataset
from govmodel.errors import DatasetError, GovModelError, OrganisationNotFoundError
from govmodel.serialize import Dataset, dumps, load
from govmodel.snapshot import Snapshot
from govmodel.timeline import Timeline
from govmodel.vn.dates import parse_date

__all__ = ["main", "parse_cli_date"]

DEFAULT_DATASET = "lang-son-2021"
FORMATS = ("json", "popolo", "org-turtle", "mermaid", "dot", "csv", "html")

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(GovModelError):
    """The command line asks for something that does not exist (exit code 2)."""


def parse_cli_date(text: str) -> dt.date:
    """A date from the command line: ``today``, ISO ``2021-12-10`` or day-first ``10/12/2021``.

    >>> parse_cli_date("10/12/2021"), parse_cli_date("2021-12-10")
    (datetime.date(2021, 12, 10), datetime.date(2021, 12, 10))

    Raises:
        argparse.ArgumentTypeError: the text is no date (argparse turns it into exit 2).
    """
    text = text.strip()
    if text.lower() in ("today", "hôm nay"):
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_date(text)
    except GovModelError as exc:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (use 2021-12-10 or 10/12/2021): {exc}"
        ) from None


# ----------------------------------------------------------------------------- plumbing
class _Context:
    """What every command needs: the dataset, built once, and the output stream."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out
        self._dataset: Dataset | None = None
        self._timeline: Timeline | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = read_dataset(self.args.dataset)
        return self._dataset

    @property
    def timeline(self) -> Timeline:
        if self._timeline is None:
            self._timeline = self.dataset.timeline()
        return self._timeline

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def org_id(self, text: str, on: dt.date | None = None) -> str:
        """An organisation id from an id or a (part of a) name; unique or a usage error."""
        tl = self.timeline
        if text in tl.organisation_ids():
            return text
        found = tl.find(text, on)
        if len(found) == 1:
            return found[0]
        if not found:
            raise UsageError(
                f"no organisation {text!r} in {self.args.dataset} "
                f"(try: govmodel find {text.split(maxsplit=1)[0] if text.split() else text!r})"
            )
        raise UsageError(
            f"{text!r} matches {len(found)} organisations: {', '.join(found[:5])}"
            + (" …" if len(found) > 5 else "")
            + "; give an id"
        )

    def snapshot(self) -> Snapshot:
        known = getattr(self.args, "known_on", None)
        return self.timeline.as_of(self.args.at, known_on=known)


# ----------------------------------------------------------------------------- commands
def _cmd_show(ctx: _Context) -> int:
    snap = ctx.snapshot()
    root = ctx.org_id(ctx.args.org, snap.on) if ctx.args.org else None
    if root is not None and root not in snap:
        snap.version(root)  # raises OrganisationNotFoundError with the reason
    head = f"As of {snap.on:%d/%m/%Y} ({snap.on.isoformat()})"
    if snap.known_on is not None:
        head += f", as known on {snap.known_on.isoformat()}"
    ctx.print(f"{head} · dataset {ctx.args.dataset}")
    ctx.print()
    ctx.print(render.text_tree(snap, root, ids=ctx.args.ids))
    if root is not None and snap.memberships(root):
        ctx.print()
        ctx.print(render.seats_table(snap.members(root)))
    if root is not None and ctx.args.mandate:
        ctx.print()
        ctx.print(render.mandate_text(snap.mandate(root)))
    return EXIT_OK


def _cmd_history(ctx: _Context) -> int:
    org = ctx.org_id(ctx.args.org)
    ctx.print(f"History of {org}")
    ctx.print()
    ctx.print(render.history_table(ctx.timeline.history(org)))
    changes = ctx.timeline.mandate_history(org)
    if changes:
        ctx.print()
        ctx.print(render.table(
            ["mandate from", "items", "decision"],
            ([on.isoformat(), str(len(m.items())), render.decision_label(d)]
             for on, m, d in changes),
        ))
    return EXIT_OK


def _cmd_diff(ctx: _Context) -> int:
    changes = ctx.timeline.diff(ctx.args.d1, ctx.args.d2)
    if ctx.args.org:
        prefix = ctx.org_id(ctx.args.org)
        changes = type(changes)(
            c for c in changes if c.org_id == prefix or c.org_id.startswith(prefix + "/")
        )
    ctx.print(f"{len(changes)} changes between {ctx.args.d1.isoformat()} "
              f"and {ctx.args.d2.isoformat()}")
    if changes:
        ctx.print()
        ctx.print(str(changes))
    return EXIT_OK


def _cmd_decisions(ctx: _Context) -> int:
    tl = ctx.timeline
    on = ctx.args.in_force
    chosen = tl.decisions_in_force(on) if on is not None else tl.decisions
    title = f"Decisions in force on {on.isoformat()}" if on else "Decisions"
    ctx.print(f"{title}: {len(chosen)}")
    ctx.print()
    ctx.print(render.table(
        ["number", "issuer", "signed", "in force", "until", "title"],
        (
            [str(d.number), d.issuer, d.signed_on.isoformat() if d.signed_on else "unknown",
             d.effective_on.isoformat(), (e.isoformat() if (e := tl.ends(d)) else "—"),
             d.title or "—"]
            for d in chosen
        ),
    ))
    return EXIT_OK


def _cmd_find(ctx: _Context) -> int:
    tl = ctx.timeline
    found = tl.find(ctx.args.text, ctx.args.at)
    if not found:
        ctx.print(f"nothing matches {ctx.args.text!r}")
        return EXIT_OK
    rows = []
    for org_id in found:
        versions = tl.history(org_id)
        names = list(dict.fromkeys(v.value.name for v in versions))
        rows.append([org_id, names[-1], "; ".join(names[:-1]) or "—"])
    ctx.print(render.table(["id", "latest name", "former names"], rows))
    return EXIT_OK


def _cmd_validate(ctx: _Context) -> int:
    path = Path(ctx.args.path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    try:
        data = load(path).flattened()  # with the bundled datasets it extends
        data.timeline()
    except DatasetError as exc:
        ctx.print(str(exc))
        return EXIT_DATA
    ctx.print(f"{path}: ok — {len(data.organisations)} organisations, "
              f"{len(data.decisions)} decisions, {len(data.observations)} observations")
    return EXIT_OK


def _cmd_check(ctx: _Context) -> int:
    findings = ctx.timeline.check()
    conflicts = [f for f in findings if not f.agrees]
    ctx.print(f"{len(findings)} observations: {len(findings) - len(conflicts)} agree, "
              f"{len(conflicts)} conflict")
    if findings:
        ctx.print()
        ctx.print(str(findings))
    for f in conflicts:
        ctx.print()
        ctx.print(f"conflict: {f.observation.org_id} on {f.observation.on.isoformat()}: "
                  f"{f.reason} ({f.observation.source.document})")
    return EXIT_DATA if conflicts and ctx.args.strict else EXIT_OK


def _export_text(ctx: _Context) -> str:
    fmt = ctx.args.format
    if fmt == "json":
        return dumps(ctx.dataset)
    if fmt == "popolo":
        from govmodel.export.popolo import dumps_popolo  # noqa: PLC0415 - optional layer

        return dumps_popolo(ctx.timeline, at=ctx.args.at_given)
    if fmt == "org-turtle":
        from govmodel.export.org import to_turtle  # noqa: PLC0415 - needs the rdf extra

        return to_turtle(ctx.timeline)
    snap = ctx.snapshot()
    root = ctx.org_id(ctx.args.org, snap.on) if ctx.args.org else None
    if fmt == "csv":
        from govmodel.export.rows import snapshot_rows, to_csv  # noqa: PLC0415

        rows = snapshot_rows(snap)
        if root is not None:
            keep = {o.id for _, o in snap.tree(root).walk()}
            rows = [r for r in rows if r["id"] in keep]
        return to_csv(rows)
    if fmt == "mermaid":
        return render.mermaid(snap, root) + "\n"
    if fmt == "dot":
        return render.dot(snap, root) + "\n"
    title = f"govmodel · {ctx.args.dataset} · {snap.on.isoformat()}"
    return render.html_page(render.html(snap, root), title)


def _cmd_export(ctx: _Context) -> int:
    text = _export_text(ctx)
    if ctx.args.output in (None, "-"):
        ctx.out.write(text if text.endswith("\n") else text + "\n")
    else:
        with Path(ctx.args.output).open("w", encoding="utf-8", newline="") as f:
            f.write(text)  # newline="": CSV's \r\n and other text are written as they are
        print(f"wrote {ctx.args.output}", file=sys.stderr)
    return EXIT_OK


# ----------------------------------------------------------------------------- parser
class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``govmodel: error: …`` and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _add_common(p: argparse.ArgumentParser, *, at: bool = False) -> None:
    p.add_argument(
        "--dataset", "-d", default=argparse.SUPPRESS, metavar="NAME|PATH",
        help=f"a bundled dataset or a dataset JSON file (default: {DEFAULT_DATASET})",
    )
    if at:
        p.add_argument(
            "--at", type=parse_cli_date, default=None, metavar="DATE",
            help="the date to look at: 2021-12-10 or 10/12/2021 (default: today)",
        )
        p.add_argument(
            "--known-on", type=parse_cli_date, default=None, metavar="DATE",
            help="answer with only the decisions published by this date",
        )


def build_parser() -> argparse.ArgumentParser:
    """The ``govmodel`` argument parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog="govmodel",
        description="Vietnamese public-administration structures over time.",
        epilog="Dates: ISO (2021-12-10) or day-first (10/12/2021). "
        "Exit codes: 0 ok, 1 data problems, 2 usage errors.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--dataset", "-d", default=DEFAULT_DATASET, metavar="NAME|PATH",
        help=f"a bundled dataset or a dataset JSON file (default: {DEFAULT_DATASET})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_: str, func: Callable[[_Context], int], *, at: bool = False
                ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        _add_common(p, at=at)
        p.set_defaults(func=func)
        return p

    p = command("show", "the organisation tree on a date, with kinds and deciding decisions",
                _cmd_show, at=True)
    p.add_argument("org", nargs="?", metavar="ORG", help="an id or a name (default: all)")
    p.add_argument("--ids", action="store_true", help="show organisation ids")
    p.add_argument("--mandate", action="store_true", help="also print ORG's mandate")

    p = command("history", "every version of an organisation and the decision behind it",
                _cmd_history)
    p.add_argument("org", metavar="ORG", help="an id or a name")

    p = command("diff", "what changed between two dates, with the deciding decisions",
                _cmd_diff)
    p.add_argument("d1", type=parse_cli_date, metavar="D1")
    p.add_argument("d2", type=parse_cli_date, metavar="D2")
    p.add_argument("--org", metavar="ORG", help="only this organisation and its units")

    p = command("decisions", "the dataset's decisions, or those in force on a date",
                _cmd_decisions)
    p.add_argument("--in-force", type=parse_cli_date, default=None, metavar="DATE",
                   help="only the decisions in force on DATE")

    p = command("find", "organisations whose names match (accents and case ignored)",
                _cmd_find, at=False)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--at", type=parse_cli_date, default=None, metavar="DATE",
                   help="only organisations alive on DATE, by names held up to it")

    p = command("validate", "list every problem of a dataset file (exit 1 if any)",
                _cmd_validate)
    p.add_argument("path", metavar="PATH")

    p = command("check", "the sources' dated mentions checked against the timeline",
                _cmd_check)
    p.add_argument("--strict", action="store_true", help="exit 1 if any mention conflicts")

    p = command("export", "write the dataset or the state on a date in another format",
                _cmd_export, at=True)
    p.add_argument("--format", "-f", choices=FORMATS, default="json",
                   help="json (the dataset), popolo, org-turtle (need the whole history); "
                   "mermaid, dot, csv, html (the state on --at)")
    p.add_argument("org", nargs="?", metavar="ORG",
                   help="for mermaid/dot/csv/html: only this organisation's subtree")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    from govmodel.extract.cli import add_draft_command  # noqa: PLC0415 - layer 4 tool

    add_draft_command(sub)
    return parser


def _version() -> str:
    return __version__


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code (the ``govmodel`` script exits with it).

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).
        out: where to write results (default: standard output).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["--dataset", args.dataset, "show"])
    args.at_given = getattr(args, "at", None)
    if getattr(args, "at", "absent") is None:
        args.at = dt.date.today()
    ctx = _Context(args, out or sys.stdout)
    try:
        result: int = args.func(ctx)
    except DatasetError as exc:
        first = exc.problems[0] if exc.problems else "malformed"
        print(f"govmodel: error: dataset {args.dataset!r} has {len(exc.problems)} problem(s), "
              f"first: {first} (run: govmodel validate FILE)", file=sys.stderr)
        return EXIT_DATA
    except (UsageError, OrganisationNotFoundError) as exc:
        print(f"govmodel: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except GovModelError as exc:
        code = EXIT_USAGE if isinstance(exc, KeyError | ImportError) else EXIT_DATA
        print(f"govmodel: error: {_one_line(exc)}", file=sys.stderr)
        return code
    except ImportError as exc:  # an optional layer whose extra is not installed
        print(f"govmodel: error: {exc}; install the extras: pip install 'govmodel[export]'",
              file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            _silence_stdout()
            return EXIT_OK
        print(f"govmodel: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return EXIT_USAGE
    return result


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _silence_stdout() -> None:
    """After a broken pipe (``govmodel show | head``), stop Python complaining at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

