"""The ``govmodel draft`` command: a text file in, a draft dataset and a review table out.

``govmodel draft FILE.txt [--published DATE] [--dataset NAME] [-o draft.json]`` reads the
text, resolves names through the dataset when one is given (a bundled dataset extends the
draft, so its organisations need no first state), writes the draft dataset (to ``-o`` or
standard output) and prints a review table (item, text span, confidence) to standard error
when the dataset goes to standard output, else to standard output. Its arguments are
defined in ``govmodel._cli.draft``, so that ``govmodel`` loads the extractor only to run it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Protocol, TextIO

from govmodel.extract import _api as gm
from govmodel.extract.assemble import extract
from govmodel.extract.model import Draft
from govmodel.serialize import dumps

__all__ = ["review_table", "run_draft"]


class _Context(Protocol):
    """What the ``govmodel`` command hands a subcommand."""

    args: argparse.Namespace
    out: TextIO


def review_table(draft: Draft, *, width: int = 60) -> str:
    """The draft's items as a plain table: item, text span, confidence.

    >>> d = extract("Quyết định số 2041/QĐ-UBND ngày 13/10/2021 của UBND tỉnh Lạng Sơn.")
    >>> print(review_table(d).splitlines()[0])
    item | text span | confidence
    """
    rows = [("item", "text span", "confidence")]
    for item in draft.items:
        span = " ".join(item.citation.text.split())
        if len(span) > width:
            span = span[:width - 1] + "…"
        flag = " ?" if item.ambiguities else ""
        rows.append((f"{item.kind.value}: {item.summary}", f"[{item.citation.start}:"
                     f"{item.citation.end}] {span}", f"{item.confidence:.2f}{flag}"))
    lines = [" | ".join(r) for r in rows]
    for note in draft.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def run_draft(ctx: _Context) -> int:
    """Run ``govmodel draft``; 0 on success (an empty draft is a success)."""
    args = ctx.args
    path = Path(args.file)
    if not path.is_file():
        raise FileNotFoundError(2, "no such file", str(path))
    text = path.read_text(encoding="utf-8")
    timeline: gm.Timeline | None = None
    extends: tuple[str, ...] = ()
    if args.draft_dataset:
        timeline = gm.load_dataset(args.draft_dataset)
        if args.draft_dataset in gm.datasets():
            extends = (args.draft_dataset,)
    source = gm.Source(path.name)
    draft = extract(text, published_on=args.published, timeline=timeline, source=source)
    dataset = draft.to_dataset(name=args.name, extends=extends,
                               known=timeline if extends else None)
    body = dumps(dataset)
    table = review_table(draft)
    if args.output in (None, "-"):
        ctx.out.write(body if body.endswith("\n") else body + "\n")
        print(table, file=sys.stderr)
    else:
        Path(args.output).write_text(body, encoding="utf-8")
        ctx.out.write(table + "\n")
        print(f"wrote {args.output}: {len(dataset.decisions)} decisions, "
              f"{len(draft.items)} items", file=sys.stderr)
    return 0
