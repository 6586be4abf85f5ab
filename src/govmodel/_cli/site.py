"""``govmodel export --format site``: the explorer page (one self-contained HTML file).

``-o FILE`` writes the page there (``-`` or nothing: standard output); ``--at DATE`` is the
date it opens on and ``ORG`` the body it opens with selected (docs/explorer.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from govmodel._cli.context import Context, UsageError
from govmodel.explore import site_html

__all__ = ["export_site"]


def export_site(ctx: Context) -> int:
    """Write the explorer page of the dataset; return the exit code (0)."""
    if getattr(ctx.args, "known_on", None) is not None:
        raise UsageError("--format site shows every decision; it does not take --known-on")
    on = ctx.args.at_given
    ctx.note_outside(on)
    org = ctx.org_id(ctx.args.org, on) if ctx.args.org else None
    dataset = ctx.dataset
    page = site_html(ctx.timeline, title=dataset.title or dataset.name,
                     dataset=str(ctx.args.dataset), on=on, org=org)
    target = ctx.args.output
    if target in (None, "-"):
        ctx.out.write(page)
        return 0
    Path(target).write_text(page, encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0
