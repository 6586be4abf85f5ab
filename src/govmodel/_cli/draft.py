"""The ``govmodel draft`` subcommand's arguments; the extractor loads only when it runs.

``govmodel draft FILE.txt [--published DATE] [--dataset NAME] [-o draft.json]``: see
:mod:`govmodel.extract.cli`, which does the work.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from govmodel.errors import GovModelError

__all__ = ["add_draft_command"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    from govmodel.vn.dates import parse_date  # noqa: PLC0415 - the Vietnamese readings, on use

    try:
        return parse_date(text)
    except GovModelError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} ({exc})") from None


def _run_draft(ctx: Any) -> int:
    from govmodel.extract.cli import run_draft  # noqa: PLC0415 - the extractor, on first use

    return run_draft(ctx)


def add_draft_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``draft`` to the ``govmodel`` subcommands (*subparsers* from ``add_subparsers``).

    Returns:
        The subparser, its ``func`` running :func:`govmodel.extract.cli.run_draft`.
    """
    help_ = "read a Vietnamese text into a draft dataset, for review"
    p: argparse.ArgumentParser = subparsers.add_parser("draft", help=help_, description=help_)
    p.add_argument("file", metavar="FILE.txt", help="the text (UTF-8)")
    p.add_argument("--published", type=_date, default=None, metavar="DATE",
                   help="the text's date (bounds 'vừa ký', gives years to '10/12')")
    p.add_argument("--dataset", "-d", dest="draft_dataset", default=None, metavar="NAME|PATH",
                   help="resolve names to this dataset's ids (a bundled one is extended)")
    p.add_argument("--output", "-o", default=None, metavar="FILE",
                   help="write the draft dataset here (default: standard output)")
    p.add_argument("--name", default="draft", help="the draft dataset's name (default: draft)")
    p.set_defaults(func=_run_draft)
    return p
