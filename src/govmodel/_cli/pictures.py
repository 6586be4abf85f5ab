"""``govmodel export --format svg|png``: the pictures of :mod:`govmodel.plot` from the shell.

``--chart org`` (the default) draws the organisation chart on ``--at`` (ORG: only its
subtree); ``--chart lineage`` the lineage graph around ORG (default: every merge, split,
transfer and rename of the dataset); ``--chart names`` the names-over-time chart of ORG and
every body that was ever under it (default: every body; with ``--at``, only those alive
then). SVG goes to standard output or ``-o FILE``; PNG needs ``-o FILE``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from govmodel._cli.context import Context, UsageError

if TYPE_CHECKING:
    from govmodel.plot import Picture
    from govmodel.timeline import Timeline

__all__ = ["CHARTS", "PICTURE_FORMATS", "add_picture_options", "export_picture"]

#: The export formats that are pictures.
PICTURE_FORMATS = ("svg", "png")
#: The pictures ``--chart`` chooses between.
CHARTS = ("org", "lineage", "names")


def add_picture_options(p: argparse.ArgumentParser) -> None:
    """Add ``--chart`` to the ``export`` parser."""
    p.add_argument(
        "--chart", choices=CHARTS, default="org",
        help="for svg/png: org (the organisation chart on --at, default), lineage (merges, "
        "splits, transfers and renames around ORG, or all) or names (each body's names over "
        "time: ORG and every body ever under it, or all; with --at, those alive then)",
    )


def _ever_under(tl: Timeline, root: str) -> list[str]:
    """*root* and every body that was ever under it, at any depth, parents first."""
    units: dict[str, set[str]] = {}
    for org_id in tl.organisation_ids():
        for v in tl.history(org_id):
            if v.value.parent is not None:
                units.setdefault(v.value.parent, set()).add(org_id)
    out: list[str] = []
    seen, todo = {root}, [root]
    while todo:
        cur = todo.pop(0)
        out.append(cur)
        for kid in sorted(units.get(cur, set()) - seen):
            seen.add(kid)
            todo.append(kid)
    return out


def _picture(ctx: Context) -> Picture:
    from govmodel.plot import lineage_graph, names_chart, org_chart  # noqa: PLC0415 - on use

    args, tl, fmt = ctx.args, ctx.timeline, ctx.args.format
    if args.chart == "org":
        snap = ctx.snapshot()
        ctx.note_outside(snap.on)
        root = ctx.org_id(args.org, args.at_given) if args.org else None
        return org_chart(snap, root, format=fmt)
    if args.chart == "lineage":
        if args.at_given is not None:
            raise UsageError("--chart lineage draws the whole history: leave out --at")
        org = ctx.org_id(args.org) if args.org else None
        return lineage_graph(tl, org).draw(fmt)
    if args.at_given is not None:
        ctx.note_outside(args.at_given)
        snap = ctx.snapshot()
        ids = [o for o in (_ever_under(tl, ctx.org_id(args.org, snap.on)) if args.org
                           else tl.organisation_ids()) if o in snap]
    else:
        ids = _ever_under(tl, ctx.org_id(args.org)) if args.org else list(tl.organisation_ids())
    return names_chart(tl, ids, format=fmt, title=f"{args.dataset}: names over time")


def export_picture(ctx: Context) -> int:
    """Draw the chosen picture and write it to ``-o FILE`` (or an SVG to standard output)."""
    from pathlib import Path  # noqa: PLC0415 - loaded with the pictures

    fmt, target = ctx.args.format, ctx.args.output
    if target in (None, "-"):
        if fmt == "png":
            raise UsageError("--format png writes a binary file: give -o FILE")
    elif Path(target).suffix.lower() in {".svg", ".png"} - {f".{fmt}"}:
        raise UsageError(f"--format {fmt} cannot be written to {Path(target).name!r}: "
                         f"name the file .{fmt}")
    picture = _picture(ctx)
    if target in (None, "-"):
        svg = picture.svg
        ctx.out.write(svg if svg.endswith("\n") else svg + "\n")
    else:
        picture.save(target)
        print(f"wrote {target}", file=sys.stderr)
    return 0
