"""The ``govmodel`` command: look at a dataset's organisations on any date from a terminal.

With no arguments it draws today's organisation tree of the bundled ``lang-son-2021``
dataset, saying which date it shows and which dates the dataset's decisions cover. Every
command takes ``--dataset NAME|PATH`` (a bundled dataset's name or a dataset JSON file) and
``--format text|json|csv`` (``export`` has its own formats). Dates are ISO (``2021-12-10``)
or Vietnamese day-first (``10/12/2021``). Output is UTF-8 whatever the locale.

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
from typing import Any, NoReturn, TextIO

from govmodel._cli.context import BOM, OUTPUT_FORMATS, UsageError, output_width
from govmodel._cli.context import Context as _Context
from govmodel._cli.draft import add_draft_command
from govmodel._cli.pictures import add_picture_options
from govmodel._version import __version__
from govmodel.errors import DatasetError, GovModelError, OrganisationNotFoundError

__all__ = ["main", "parse_cli_date"]

DEFAULT_DATASET = "lang-son-2021"
FORMATS = (
    "json", "popolo", "org-turtle", "mermaid", "dot", "csv", "html", "sqlite", "duckdb", "site",
    "svg", "png",
)
#: Export formats written only to a file (-o).
FILE_FORMATS = ("sqlite", "duckdb")

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


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
    from govmodel.vn.dates import parse_date  # noqa: PLC0415 - the Vietnamese readings, on use

    try:
        return parse_date(text)
    except GovModelError as exc:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (use 2021-12-10 or 10/12/2021): {exc}"
        ) from None


def _export_text(ctx: _Context) -> str:
    fmt = ctx.args.format
    if fmt == "json":
        from govmodel.serialize import dumps  # noqa: PLC0415 - each format loads its writer

        return dumps(ctx.dataset)
    if fmt == "popolo":
        from govmodel.export.popolo import dumps_popolo  # noqa: PLC0415 - optional layer

        return dumps_popolo(ctx.timeline, at=ctx.args.at_given)
    if fmt == "org-turtle":
        from govmodel.export.org import to_turtle  # noqa: PLC0415 - needs the rdf extra

        return to_turtle(ctx.timeline)
    snap = ctx.snapshot()
    ctx.note_outside(snap.on)
    root = ctx.org_id(ctx.args.org, ctx.args.at_given) if ctx.args.org else None
    if fmt == "csv":
        from govmodel.export.rows import snapshot_rows, to_csv  # noqa: PLC0415

        rows = snapshot_rows(snap)
        if root is not None:
            keep = {o.id for _, o in snap.tree(root).walk()}
            rows = [r for r in rows if r["id"] in keep]
        return to_csv(rows)
    from govmodel import render  # noqa: PLC0415

    if fmt == "mermaid":
        return render.mermaid(snap, root) + "\n"
    if fmt == "dot":
        return render.dot(snap, root) + "\n"
    title = f"govmodel · {ctx.args.dataset} · {snap.on.isoformat()}"
    return render.html_page(render.html(snap, root), title)


def _export_database(ctx: _Context) -> int:
    target = ctx.args.output
    if target in (None, "-"):
        raise UsageError(f"--format {ctx.args.format} writes a database file: give -o FILE")
    if ctx.args.format == "sqlite":
        from govmodel.export.sql import to_sqlite  # noqa: PLC0415 - layer 4 tool

        to_sqlite(ctx.timeline, target, dataset=ctx.dataset)
    else:
        from govmodel.export.sql import to_duckdb  # noqa: PLC0415 - needs the duckdb extra

        to_duckdb(ctx.timeline, target, dataset=ctx.dataset)
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK


def _cmd_export(ctx: _Context) -> int:
    if ctx.args.format == "site":
        from govmodel._cli.site import export_site  # noqa: PLC0415 - the explorer page

        return export_site(ctx)
    if ctx.args.format in ("svg", "png"):
        from govmodel._cli.pictures import export_picture  # noqa: PLC0415 - the plot extra

        return export_picture(ctx)
    if ctx.args.format in FILE_FORMATS:
        return _export_database(ctx)
    text = _export_text(ctx)
    if ctx.args.format == "csv" and ctx.args.bom:
        text = BOM + text
    if ctx.args.output in (None, "-"):
        ctx.out.write(text if text.endswith("\n") else text + "\n")
    else:
        from pathlib import Path  # noqa: PLC0415 - only the exports write files

        with Path(ctx.args.output).open("w", encoding="utf-8", newline="") as f:
            f.write(text)  # newline="": CSV's \r\n and other text are written as they are
        print(f"wrote {ctx.args.output}", file=sys.stderr)
    return EXIT_OK


def _lazy(module: str, name: str) -> Callable[[_Context], int]:
    """The command *name* of ``govmodel._cli.<module>``, imported when it runs: each command
    loads only what it needs (``show`` no export, extractor or picture; ``--help`` no engine)."""

    def run(ctx: _Context) -> int:
        mod: object
        if module == "commands":
            from govmodel._cli import commands as mod  # noqa: PLC0415
        elif module == "more":
            from govmodel._cli import more as mod  # noqa: PLC0415
        else:
            from govmodel._cli import shapes as mod  # noqa: PLC0415
        result: int = getattr(mod, name)(ctx)
        return result

    run.__name__ = run.__qualname__ = name
    return run


# ----------------------------------------------------------------------------- parser
class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal (``COLUMNS`` when set; 80 when not
    writing to one): found without importing :mod:`shutil`, which argparse's own formatter
    does for every argument added (about 3 ms of a command's start)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=(output_width(sys.stdout) or 80) - 2)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``govmodel: error: …`` and exit code 2, and the help
    laid out by :class:`_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


_FORMAT_HELP = "text (default), json (one document; fields in docs/cli.md) or csv"
_BOM_HELP = "start CSV output with a UTF-8 byte-order mark (for Excel)"


def _add_common(p: argparse.ArgumentParser, *, at: bool = False, fmt: bool = True) -> None:
    p.add_argument(
        "--dataset", "-d", default=argparse.SUPPRESS, metavar="NAME|PATH",
        help=f"a bundled dataset or a dataset JSON file (default: {DEFAULT_DATASET})",
    )
    if fmt:
        p.add_argument("--format", "-f", dest="output_format", choices=OUTPUT_FORMATS,
                       default=argparse.SUPPRESS, help=_FORMAT_HELP)
    p.add_argument("--bom", action="store_true", default=argparse.SUPPRESS, help=_BOM_HELP)
    if at:
        p.add_argument(
            "--at", type=parse_cli_date, default=None, metavar="DATE",
            help="the date to look at: 2021-12-10 or 10/12/2021 (default: today)",
        )
        p.add_argument(
            "--known-on", type=parse_cli_date, default=None, metavar="DATE",
            help="answer with only the decisions published by this date",
        )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``govmodel`` argument parser (exposed for documentation and tests).

    Args:
        only: build only this subcommand's parser (what :func:`main` does once it has seen
            which command is asked: building all fourteen costs about 10 ms); None: all.
    """
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
    parser.add_argument("--format", "-f", dest="output_format", choices=OUTPUT_FORMATS,
                        default="text", help=_FORMAT_HELP)
    parser.add_argument("--bom", action="store_true", help=_BOM_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # the commands not asked for get their arguments on a parser that is then dropped
    scratch = _Parser(add_help=False, conflict_handler="resolve")

    def command(name: str, help_: str, func: Callable[[_Context], int], *, at: bool = False,
                fmt: bool = True) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return scratch
        p = sub.add_parser(name, help=help_, description=help_)
        _add_common(p, at=at, fmt=fmt)
        p.set_defaults(func=func)
        return p

    p = command("show", "the organisation tree on a date, with kinds and deciding decisions",
                _lazy("commands", "cmd_show"), at=True)
    p.add_argument("org", nargs="?", metavar="ORG", help="an id or a name (default: all)")
    p.add_argument("--ids", action="store_true", help="show organisation ids")
    p.add_argument("--mandate", action="store_true", help="also print ORG's mandate")

    p = command("history", "every version of an organisation and the decision behind it",
                _lazy("commands", "cmd_history"))
    p.add_argument("org", metavar="ORG", help="an id or a name")

    p = command("diff", "what changed between two dates, with the deciding decisions",
                _lazy("commands", "cmd_diff"))
    p.add_argument("d1", type=parse_cli_date, metavar="D1")
    p.add_argument("d2", type=parse_cli_date, metavar="D2")
    p.add_argument("--org", metavar="ORG", help="only this organisation and its units")

    p = command("decisions", "the dataset's decisions, or those in force on a date",
                _lazy("commands", "cmd_decisions"))
    p.add_argument("--in-force", type=parse_cli_date, default=None, metavar="DATE",
                   help="only the decisions in force on DATE")

    p = command("find", "organisations whose names match (accents and case ignored)",
                _lazy("commands", "cmd_find"), at=False)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--at", type=parse_cli_date, default=None, metavar="DATE",
                   help="only organisations alive on DATE, by names held up to it "
                   "(default: every organisation that ever existed)")

    p = command("mapping", "the old → new table of administrative units between two dates",
                _lazy("more", "cmd_mapping"))
    p.add_argument("d1", type=parse_cli_date, metavar="D1")
    p.add_argument("d2", type=parse_cli_date, metavar="D2")
    p.add_argument("--tier", type=int, choices=(1, 2, 3), default=None,
                   help="only provinces (1), districts (2) or communes (3)")

    p = command("resolve", "units a place name or an address leads to on a date, ranked",
                _lazy("more", "cmd_resolve"), at=False)
    p.add_argument("text", metavar="TEXT", help='e.g. "Phường Đội Cấn, Quận Ba Đình, Hà Nội"')
    p.add_argument("--at", type=parse_cli_date, default=None, metavar="DATE",
                   help="the date (default: after every recorded change)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N matches")

    command("vn-provinces", "the provinces and their wards on a date, in the shape of the "
            "vietnam-provinces package (--format json: its nested-divisions.json)",
            _lazy("shapes", "cmd_vn_provinces"), at=True)

    p = command("validate", "list every problem of a dataset file (exit 1 if any)",
                _lazy("commands", "cmd_validate"))
    p.add_argument("path", metavar="PATH")

    p = command("check", "the sources' dated mentions checked against the timeline",
                _lazy("commands", "cmd_check"))
    p.add_argument("--strict", action="store_true", help="exit 1 if any mention conflicts")

    p = command("lineage", "what an organisation came from and became: merges, splits, "
                "renames, transfers, each with its date and decision",
                _lazy("more", "cmd_lineage"))
    p.add_argument("org", metavar="ORG", help="an id or a name")

    p = command("decision", "what one decision did, effect by effect, when it was in force "
                "and what ended it", _lazy("more", "cmd_decision"))
    p.add_argument("number", metavar="NUMBER", help="its number: 33/2021/QĐ-UBND, or 2041")
    p.add_argument("--issuer", metavar="ORG", help="the issuer's id, when numbers repeat")
    p.add_argument("--year", type=int, metavar="YEAR", help="the year, when numbers repeat")

    command("datasets", "the bundled datasets: titles, sizes, the dates they cover",
            _lazy("more", "cmd_datasets"))

    p = command("export", "write the dataset or the state on a date in another format",
                _cmd_export, at=True, fmt=False)
    p.add_argument("--format", "-f", choices=FORMATS, default="json",
                   help="json (the dataset), popolo, org-turtle (need the whole history); "
                   "mermaid, dot, csv, html (the state on --at); sqlite, duckdb (valid-time "
                   "tables, docs/sql.md; need -o FILE); site (the explorer page: one "
                   "self-contained HTML file, docs/explorer.md); svg, png (a picture chosen by "
                   "--chart, docs/pictures.md; png needs -o FILE)")
    p.add_argument("org", nargs="?", metavar="ORG",
                   help="for mermaid/dot/csv/html: only this organisation's subtree; "
                   "for site: the body the page opens with")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    add_picture_options(p)
    if only is None or only == "draft":
        add_draft_command(sub)
    return parser


#: The subcommands, in the order ``--help`` lists them.
COMMANDS = (
    "show", "history", "diff", "decisions", "find", "mapping", "resolve", "vn-provinces",
    "validate", "check", "lineage", "decision", "datasets", "export", "draft",
)
# the options before the command that take a value (``-d show`` names a dataset)
_VALUED = frozenset(("--dataset", "-d", "--format", "-f"))


def _asked(argv: Sequence[str]) -> str | None:
    """The subcommand *argv* asks for, when it can be told without parsing; else None."""
    before = ""
    for arg in argv:
        if arg in COMMANDS and before not in _VALUED:
            return arg
        if not arg.startswith("-") and before not in _VALUED:
            return None  # a word that is no command: the full parser reports it
        if arg == "--":
            return None
        before = arg
    return None


def _version() -> str:
    return __version__


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code (the ``govmodel`` script exits with it).

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).
        out: where to write results (default: standard output).
    """
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(_asked(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        parser = build_parser("show")
        args = parser.parse_args(["--dataset", args.dataset, "--format", args.output_format,
                                  "show"])
    args.at_given = getattr(args, "at", None)
    if args.command in ("show", "export") and getattr(args, "at", "absent") is None:
        args.at = dt.date.today()
    if out is None:
        out = _utf8_stdout()
    ctx = _Context(args, out)
    try:
        result: int = args.func(ctx)
        if result == EXIT_OK:
            for note in ctx.notes:
                print(f"govmodel: note: {note}", file=sys.stderr)
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
    except UnicodeEncodeError as exc:
        print(f"govmodel: error: the output cannot carry {exc.object[exc.start:exc.end]!r} "
              f"in {exc.encoding}; set PYTHONIOENCODING=utf-8", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            _silence_stdout()
            return EXIT_OK
        print(f"govmodel: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return EXIT_USAGE
    return result


def _utf8_stdout() -> TextIO:
    """Standard output as UTF-8, whatever the locale or ``PYTHONIOENCODING`` says."""
    for stream, errors in ((sys.stdout, None), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                if errors is None:
                    reconfigure(encoding="utf-8")
                else:
                    reconfigure(errors=errors)
            except (ValueError, OSError):  # pragma: no cover - a stream already written to
                pass
    return sys.stdout


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _silence_stdout() -> None:
    """After a broken pipe (``govmodel show | head``), stop Python complaining at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

