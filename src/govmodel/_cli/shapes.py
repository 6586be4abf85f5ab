"""The commands that write the shapes other packages' users already read."""

from __future__ import annotations

import datetime as dt

from govmodel import render
from govmodel._cli.context import Context
from govmodel._cli.values import Json
from govmodel.export.vnprovinces import provinces, provinces_json

__all__ = ["WARD_COLUMNS", "cmd_vn_provinces"]

#: The CSV columns of ``govmodel vn-provinces``: one row per ward.
WARD_COLUMNS = ("province_code", "province_name", "province_codename",
                "province_division_type", "code", "name", "codename", "division_type",
                "short_codename")


def cmd_vn_provinces(ctx: Context) -> int:
    """``govmodel vn-provinces [--at DATE]``: the provinces and their wards on a date, as the
    ``vietnam-provinces`` package's ``nested-divisions.json`` has them (``--format json``
    writes exactly that list; csv one row per ward)."""
    if ctx.args.at is None:
        ctx.args.at = dt.date.today()
    ctx.note_outside(ctx.args.at)
    snap = ctx.snapshot()
    if ctx.format == "json":
        ctx.out.write(provinces_json(snap))
        return 0
    items = provinces(snap)
    rows: list[Json] = [
        {"province_code": p.get("code"), "province_name": p["name"],
         "province_codename": p["codename"], "province_division_type": p.get("division_type"),
         **{k: w.get(k) for k in WARD_COLUMNS[4:]}}
        for p in items for w in p["wards"]
    ]

    def text() -> str:
        if not items:
            return f"no provinces on {snap.on.isoformat()}"
        head = (f"{len(items)} provinces, {len(rows)} wards on {snap.on.isoformat()} "
                "(--format json: the vietnam-provinces shape)")
        return head + "\n\n" + render.table(
            ["code", "name", "type", "wards"],
            ([str(p.get("code", "—")), p["name"], p.get("division_type", "—"),
              str(len(p["wards"]))] for p in items), width=ctx.width)

    ctx.emit({}, text, WARD_COLUMNS, rows)
    return 0
