"""The compact form of a generated dataset: its long lists as tables of columns.

See docs/dataset-format.md, "Compact form". Standard library only, like the generator.
"""

from __future__ import annotations

import json

# The fields of each type the generator writes, with the default of those it may leave out
# (docs/dataset-format.md: in a table, a row holds every field of its type that has a column,
# and null in a column its type does not have).
FIELDS = {
    "AdminUnit": {"id": ..., "name": ..., "short_names": [], "parent": None, "identifiers": [],
                  "unit_type": ...},
    "Merge": {"effective_on": None, "sources": ..., "into": ..., "establish": None, "posts": []},
    "Split": {"effective_on": None, "source": ..., "parts": ..., "dissolve_source": True},
    "Establish": {"effective_on": None, "org": ...},
    "EndLevel": {"effective_on": None, "unit_types": ..., "within": None},
}


def table(items: list[dict]) -> dict:
    """The compact (table) form of a list of objects: one array per field, "type" first."""
    keys = ["type", *dict.fromkeys(k for x in items for k in x if k != "type")]
    columns: dict[str, list] = {k: [] for k in keys}
    for x in items:
        fields = FIELDS[x["type"]]
        assert set(x) <= {"type", *fields}, x
        for k in keys:
            if k in x:
                columns[k].append(x[k])
            elif k in fields:
                assert fields[k] is not ..., (x, k)  # a required field is always written
                columns[k].append(fields[k])
            else:
                columns[k].append(None)  # not a field of this row's type
    return {"columns": columns}


def dumps_compact(ds: dict) -> str:
    """Deterministic JSON in the compact form: the organisations and each decision's effects
    as tables, one cell per line."""
    def j(v):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    def columns(items: list[dict], indent: str) -> list[str]:
        cols = table(items)["columns"]
        lines = [indent + '{"columns": {']
        for n, (k, cells) in enumerate(cols.items()):
            lines.append(f"{indent}  {j(k)}: [")
            last = len(cells) - 1
            lines.extend(f"{indent}    {j(c)}{',' * (m < last)}" for m, c in enumerate(cells))
            lines.append(f"{indent}  ]{',' if n < len(cols) - 1 else ''}")
        lines.append(indent + "}}")
        return lines

    out = ["{"]
    keys = list(ds)
    for i, k in enumerate(keys):
        v = ds[k]
        end = "," if i < len(keys) - 1 else ""
        if k == "organisations" and v:
            body = columns(v, "  ")
            out.append(f"  {j(k)}: " + body[0].lstrip())
            out.extend(body[1:-1])
            out.append(body[-1] + end)
        elif k == "decisions" and v:
            out.append(f"  {j(k)}: [")
            for n, d in enumerate(v):
                head = {a: b for a, b in d.items() if a != "effects"}
                out.append("    {" + j(head)[1:-1] + ', "effects":')
                out.extend(columns(d["effects"], "      "))
                out.append("    }" + ("," if n < len(v) - 1 else ""))
            out.append(f"  ]{end}")
        elif k in ("sources", "notes", "extends") and v:
            out.append(f"  {j(k)}: [")
            out.extend(f"    {j(x)}{',' if n < len(v) - 1 else ''}" for n, x in enumerate(v))
            out.append(f"  ]{end}")
        else:
            out.append(f"  {j(k)}: {j(v)}{end}")
    out.append("}")
    return "\n".join(out) + "\n"
