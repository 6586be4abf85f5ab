"""Rendering: text trees and tables, Mermaid, Graphviz DOT and HTML.

Every function here is pure and returns a string; nothing is printed or written. The same
functions give the library's Jupyter display: :class:`~govmodel.snapshot.Snapshot`,
organisation values, :class:`~govmodel.results.History` and :class:`~govmodel.results.Diff`
have ``_repr_html_`` methods that call :func:`html`.

>>> import govmodel as gm
>>> snap = gm.load_dataset("lang-son-2021").as_of("2021-12-10")
>>> print(text_tree(snap, "lang-son/so-tttt", decisions=False))  # doctest: +NORMALIZE_WHITESPACE
Sở Thông tin và Truyền thông tỉnh Lạng Sơn  (department)
├── Phòng Chuyển đổi số  (division)
├── Phòng Hạ tầng số  (division)
├── Phòng Thông tin - Báo chí - Xuất bản  (division)
├── Thanh tra Sở  (inspectorate)
├── Trung tâm Công nghệ số  (public service unit)
└── Văn phòng  (office)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from govmodel import _display
from govmodel._html import html, html_page, repr_html, strip_tags, style
from govmodel._labels import (
    MAX_NODES,
    Org,
    day_text,
    decision_label,
    forest,
    kind_label,
    value_text,
)
from govmodel.model import Agency, Committee, Mandate, Unit
from govmodel.results import (
    Change,
    Diff,
    Finding,
    Findings,
    History,
    Seat,
    Seats,
    TreeNode,
    Version,
)
from govmodel.snapshot import Snapshot

__all__ = [
    "MAX_NODES",
    "decision_label",
    "diff_table",
    "dot",
    "findings_table",
    "history_table",
    "html",
    "html_page",
    "kind_label",
    "mandate_text",
    "mermaid",
    "repr_html",
    "seats_table",
    "side_by_side",
    "strip_tags",
    "style",
    "table",
    "text_tree",
]


# ----------------------------------------------------------------------------- text
def table(header: Sequence[str], rows: Iterable[Sequence[str]], width: int | None = None) -> str:
    """An aligned plain-text table with a rule under the header; with *width*, the widest
    columns wrap between words (at spaces, or after a "/" of an id) until lines fit.

    >>> print(table(["a", "bb"], [["1", "2"], ["333", "4"]]))
    a    bb
    ───  ──
    1    2
    333  4
    """
    head, body = list(map(str, header)), [list(map(str, r)) for r in rows]
    cols = list(zip(head, *body, strict=True))
    widths = [max(map(len, col)) for col in cols]
    floor = [max(len(w) for c in col for w in re.findall(r"[^\s/]*/+|[^\s/]+", c) or [""])
             for col in cols]
    while width is not None and sum(widths) + 2 * len(widths) - 2 > width and (
            shrink := [j for j in range(len(widths)) if widths[j] > floor[j]]):
        widths[max(shrink, key=widths.__getitem__)] -= 1

    def wrap(cell: str, w: int) -> list[str]:
        out, line, gap = list[str](), "", ""
        for piece in re.findall(r"[^\s/]*/+|[^\s/]+|\s+", cell):
            if piece.isspace():
                gap = " "
            elif line and len(line) + len(gap) + len(piece) > w:
                out, line, gap = [*out, line], piece, ""
            else:
                line, gap = line + gap + piece, ""
        return [*out, line]

    def lines(cells: Sequence[str]) -> list[str]:
        parts = [[c] if len(c) <= w else wrap(c, w) for c, w in zip(cells, widths, strict=True)]
        return ["  ".join((p[k] if k < len(p) else "").ljust(w) for p, w in zip(
            parts, widths, strict=True)).rstrip() for k in range(max(map(len, parts)))]

    return "\n".join(x for r in [head, ["─" * w for w in widths], *body] for x in lines(r))


def side_by_side(left: str, right: str, *, gap: int = 4) -> str:
    """Two blocks of text next to each other, the left one padded to its widest line.

    >>> print(side_by_side("a\\nbbb", "x"))
    a      x
    bbb
    """
    ls, rs = left.splitlines(), right.splitlines()
    width = max((len(x) for x in ls), default=0) + gap
    n = max(len(ls), len(rs))
    ls += [""] * (n - len(ls))
    rs += [""] * (n - len(rs))
    return "\n".join((a.ljust(width) + b).rstrip() for a, b in zip(ls, rs, strict=True))


def text_tree(
    snapshot: Snapshot,
    root_id: str | None = None,
    *,
    decisions: bool = True,
    ids: bool = False,
) -> str:
    """The organisation tree on the snapshot's date, drawn with box-drawing characters.

    Each line reads ``name  (kind)``, followed by ``[id]`` when *ids* is true and by
    ``← decision`` (the decision that gave the organisation its present state) when
    *decisions* is true and there is one.

    Args:
        snapshot: the state on a date.
        root_id: draw only this organisation and what is under it; None draws every root.
        decisions: show the deciding decision of each organisation's present state.
        ids: show organisation ids.

    Raises:
        OrganisationNotFoundError: *root_id* is not alive on the snapshot's date.
    """
    lines: list[str] = []

    def label(org: Org) -> str:
        text = f"{org.name}  ({kind_label(org)})"
        if ids:
            text += f" [{org.id}]"
        if decisions:
            d = snapshot.version(org.id).decision
            if d is not None:
                text += f"  ← {decision_label(d)}"
        return text

    def walk(node: TreeNode, prefix: str, last: bool, top: bool) -> None:
        if top:
            lines.append(label(node.value))
            child_prefix = ""
        else:
            lines.append(prefix + ("└── " if last else "├── ") + label(node.value))
            child_prefix = prefix + ("    " if last else "│   ")
        for i, c in enumerate(node.children):
            walk(c, child_prefix, i == len(node.children) - 1, False)

    for tree in forest(snapshot, root_id):
        walk(tree, "", True, True)
    return "\n".join(lines)


def history_table(versions: Iterable[Version]) -> str:
    """A text table of an organisation's versions: from, to, name, parent, decision."""
    return table(
        ["from", "to", "name", "parent", "decision"],
        (
            [day_text(v.valid_from), day_text(v.valid_to), v.value.name, v.value.parent or "—",
             decision_label(v.decision)]
            for v in versions
        ),
    )


def diff_table(changes: Iterable[Change]) -> str:
    """A text table of changes: organisation, attribute, before, after, deciding decision."""
    return table(
        ["organisation", "attribute", "before", "after", "decision"],
        (
            [c.org_id, c.attribute, value_text(c.before), value_text(c.after),
             decision_label(c.decision)]
            for c in changes
        ),
    )


def seats_table(seats: Iterable[Seat]) -> str:
    """A text table of a committee's seats: role and post as it reads on the date."""
    return table(
        ["role", "post"],
        ([s.role, s.label + (" (vacant)" if s.vacant else "")] for s in seats),
    )


def findings_table(findings: Iterable[Finding]) -> str:
    """A text table of observations checked against the timeline."""
    return table(
        ["date", "status", "organisation", "text says", "source"],
        (
            [f.observation.on.isoformat(), f.status.value, f.observation.org_id,
             f.observation.name, f.observation.source.document]
            for f in findings
        ),
    )


def mandate_text(mandate: Mandate) -> str:
    """A mandate as an indented outline: functions, task groups and their tasks, powers."""
    out: list[str] = []
    if mandate.functions:
        out.append("Functions (chức năng):")
        out += [f"  - {f}" for f in mandate.functions]
    if mandate.task_groups:
        out.append("Task groups (nhóm nhiệm vụ):")
        for g in mandate.task_groups:
            out.append(f"  - {g.name}")
            out += [f"      · {t}" for t in g.tasks]
    if mandate.powers:
        out.append("Powers (quyền hạn):")
        out += [f"  - {p}" for p in mandate.powers]
    if mandate.fields:
        out.append("Fields (lĩnh vực):")
        out += [f"  - {f}" for f in mandate.fields]
    return "\n".join(out) if out else "(no mandate recorded)"


# ----------------------------------------------------------------------------- diagrams
def _node_ids(nodes: Iterable[Org]) -> dict[str, str]:
    return {o.id: f"n{i}" for i, o in enumerate(nodes)}


def _nodes(snapshot: Snapshot, root_id: str | None) -> list[tuple[int, Org]]:
    out: list[tuple[int, Org]] = []
    for tree in forest(snapshot, root_id):
        out.extend(tree.walk())
    return out[:MAX_NODES]


_MERMAID = str.maketrans({"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"})


def _mermaid_text(text: str) -> str:
    """*text* for a Mermaid label, shown as written: ``" < > & #`` as Mermaid's entity codes
    (a label is read as HTML, and ``#…;`` as an entity)."""
    return text.translate(_MERMAID)


def mermaid(snapshot: Snapshot, root_id: str | None = None) -> str:
    """A Mermaid flowchart (top-down) of the organisation tree on the snapshot's date.

    >>> import govmodel as gm
    >>> snap = gm.load_dataset("lang-son-2021").as_of("2021-12-10")
    >>> print(mermaid(snap, "lang-son/so-tttt").splitlines()[1])
        n0["Sở Thông tin và Truyền thông tỉnh Lạng Sơn<br/><small>department</small>"]
    """
    nodes = _nodes(snapshot, root_id)
    ids = _node_ids(o for _, o in nodes)
    lines = ["flowchart TD"]
    for _, o in nodes:
        name = _mermaid_text(o.name)
        lines.append(f'    {ids[o.id]}["{name}<br/><small>{kind_label(o)}</small>"]')
    for _, o in nodes:
        if o.parent is not None and o.parent in ids:
            lines.append(f"    {ids[o.parent]} --> {ids[o.id]}")
    return "\n".join(lines)


def _dot_quote(text: str) -> str:
    """*text* as a DOT quoted string that Graphviz draws as it reads: a backslash doubled
    (Graphviz reads ``\\N``, ``\\l``… in labels), a quote escaped, and ``&`` written as an
    entity (Graphviz decodes ``&lt;`` and its like in every label)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{escaped}"'


def dot(snapshot: Snapshot, root_id: str | None = None) -> str:
    """A Graphviz DOT digraph of the organisation tree on the snapshot's date."""
    nodes = _nodes(snapshot, root_id)
    ids = _node_ids(o for _, o in nodes)
    lines = [
        f"digraph {_dot_quote('govmodel ' + snapshot.on.isoformat())} {{",
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
    ]
    for _, o in nodes:
        text = _dot_quote(f"{o.name}\n({kind_label(o)})").replace("\n", "\\n")
        lines.append(f"  {ids[o.id]} [label={text}];")
    for _, o in nodes:
        if o.parent is not None and o.parent in ids:
            lines.append(f"  {ids[o.parent]} -> {ids[o.id]};")
    lines.append("}")
    return "\n".join(lines)



# --------------------------------------------------------------------------- registration
# The values display themselves through govmodel._display; these are the implementations.
def _register() -> None:
    for t in (Snapshot, Agency, Unit, Committee, TreeNode, History, Diff, Seats, Findings):
        _display.html.register(t, repr_html)
    _display.text.register(Snapshot, text_tree)
    _display.text.register(History, history_table)
    _display.text.register(Diff, diff_table)
    _display.text.register(Seats, seats_table)
    _display.text.register(Findings, findings_table)


_register()
