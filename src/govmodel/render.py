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

import datetime as dt
import html as _html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from govmodel import _display
from govmodel.decisions import Decision
from govmodel.model import (
    ORGANISATION_CLASSES,
    Agency,
    AnyOrganisation,
    Committee,
    Mandate,
    Membership,
    Unit,
)
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

Org = AnyOrganisation

#: Largest number of organisations drawn in a diagram or HTML tree before it is cut short.
MAX_NODES = 500


# ----------------------------------------------------------------------------- labels
def decision_label(decision: Decision | None) -> str:
    """A short label for a decision: its document number, or "—" for none.

    >>> decision_label(None)
    '—'
    """
    return "—" if decision is None else str(decision.number)


def kind_label(org: Org) -> str:
    """The organisation's kind in plain English (``public service unit``)."""
    return str(org.kind.value).replace("_", " ")


def _day(d: dt.date | None) -> str:
    return "…" if d is None else d.isoformat()


def _value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple) and value and isinstance(value[0], Membership):
        return f"{len(value)} seats"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, Mandate):
        return "none recorded" if value.is_empty else f"{len(value.items())} items"
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value)


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


def _forest(snapshot: Snapshot, root_id: str | None) -> tuple[TreeNode, ...]:
    if root_id is not None:
        return (snapshot.tree(root_id),)
    return tuple(snapshot.tree(o.id) for o in sorted(snapshot.roots(), key=lambda o: o.name))


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

    for tree in _forest(snapshot, root_id):
        walk(tree, "", True, True)
    return "\n".join(lines)


def history_table(versions: Iterable[Version]) -> str:
    """A text table of an organisation's versions: from, to, name, parent, decision."""
    return table(
        ["from", "to", "name", "parent", "decision"],
        (
            [_day(v.valid_from), _day(v.valid_to), v.value.name, v.value.parent or "—",
             decision_label(v.decision)]
            for v in versions
        ),
    )


def diff_table(changes: Iterable[Change]) -> str:
    """A text table of changes: organisation, attribute, before, after, deciding decision."""
    return table(
        ["organisation", "attribute", "before", "after", "decision"],
        (
            [c.org_id, c.attribute, _value_text(c.before), _value_text(c.after),
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
    for tree in _forest(snapshot, root_id):
        out.extend(tree.walk())
    return out[:MAX_NODES]


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
        name = o.name.replace('"', "#quot;")
        lines.append(f'    {ids[o.id]}["{name}<br/><small>{kind_label(o)}</small>"]')
    for _, o in nodes:
        if o.parent is not None and o.parent in ids:
            lines.append(f"    {ids[o.parent]} --> {ids[o.id]}")
    return "\n".join(lines)


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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


# ----------------------------------------------------------------------------- HTML
_CSS = """
.govmodel{font-family:system-ui,sans-serif;font-size:14px;line-height:1.4}
.govmodel ul{list-style:none;margin:0;padding-left:1.2em;border-left:1px solid #ccc}
.govmodel>ul{border-left:none;padding-left:0}
.govmodel .kind{color:#666;font-size:85%}
.govmodel .dec{color:#2a6;font-size:85%}
.govmodel table{border-collapse:collapse}
.govmodel th,.govmodel td{border:1px solid #ddd;padding:2px 8px;text-align:left;
vertical-align:top}
.govmodel th{background:#f4f4f4}
""".strip()


def _e(text: object) -> str:
    return _html.escape(str(text), quote=True)


def _html_table(header: Sequence[str], rows: Iterable[Sequence[str]], caption: str) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return (
        f'<div class="govmodel"><table><caption>{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _html_tree(snapshot: Snapshot, root_id: str | None) -> str:
    count = 0

    def item(node: TreeNode) -> str:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            return ""
        o = node.value
        d = snapshot.version(o.id).decision
        dec = f' <span class="dec">← {_e(decision_label(d))}</span>' if d else ""
        kids = "".join(item(c) for c in node.children)
        sub = f"<ul>{kids}</ul>" if kids else ""
        return (
            f'<li title="{_e(o.id)}"><b>{_e(o.name)}</b> '
            f'<span class="kind">{_e(kind_label(o))}</span>{dec}{sub}</li>'
        )

    items = "".join(item(t) for t in _forest(snapshot, root_id))
    more = f"<p>… {count - MAX_NODES} more not shown</p>" if count > MAX_NODES else ""
    title = f"As of {snapshot.on.isoformat()}"
    if snapshot.known_on is not None:
        title += f", as known on {snapshot.known_on.isoformat()}"
    return (
        f'<div class="govmodel"><p><b>{_e(title)}</b> · {len(snapshot)} organisations</p>'
        f"<ul>{items}</ul>{more}</div>"
    )


def html(obj: object, root_id: str | None = None) -> str:
    """An HTML fragment for a snapshot, an organisation, a tree, versions, changes or seats.

    Args:
        obj: a :class:`~govmodel.snapshot.Snapshot` (drawn as a nested list), an
            organisation value, a :class:`~govmodel.results.TreeNode`, a result table
            (:class:`~govmodel.results.History`, :class:`~govmodel.results.Diff`,
            :class:`~govmodel.results.Seats`, :class:`~govmodel.results.Findings`), or a
            plain non-empty sequence of versions, changes, seats or findings.
        root_id: for a snapshot, draw only this organisation's subtree.

    Raises:
        TypeError: *obj* is none of the above.
    """
    if isinstance(obj, Snapshot):
        return _html_tree(obj, root_id)
    table_type = _table_type(obj)
    if table_type is not None:
        return _HTML_TABLES[table_type](obj)  # type: ignore[arg-type]
    if isinstance(obj, ORGANISATION_CLASSES):
        rows = [["id", obj.id], ["name", obj.name], ["kind", kind_label(obj)],
                ["short names", ", ".join(obj.short_names) or "—"],
                ["parent", obj.parent or "—"]]
        return _html_table(["field", "value"], rows, type(obj).__name__)
    if isinstance(obj, TreeNode):
        return (
            '<div class="govmodel"><pre>'
            + _e("\n".join("    " * d + o.name for d, o in obj.walk()))
            + "</pre></div>"
        )
    raise TypeError(f"cannot render {type(obj).__name__} as HTML")


def _table_type(obj: object) -> type | None:
    """The result-table type *obj* is, or whose items a plain non-empty sequence holds."""
    for t in _HTML_TABLES:
        if isinstance(obj, t):
            return t
    if isinstance(obj, Sequence) and not isinstance(obj, str) and len(obj) > 0:
        for t, item in _ITEM_OF.items():
            if all(isinstance(x, item) for x in obj):
                return t
    return None


def _history_html(vs: Sequence[Version]) -> str:
    return _html_table(
        ["from", "to", "name", "parent", "decision"],
        ([_day(v.valid_from), _day(v.valid_to), v.value.name, v.value.parent or "—",
          decision_label(v.decision)] for v in vs),
        f"History of {vs[0].value.id}" if vs else "History",
    )


def _diff_html(cs: Sequence[Change]) -> str:
    return _html_table(
        ["organisation", "attribute", "before", "after", "decision"],
        ([c.org_id, c.attribute, _value_text(c.before), _value_text(c.after),
          decision_label(c.decision)] for c in cs),
        f"{len(cs)} changes",
    )


def _seats_html(ss: Sequence[Seat]) -> str:
    return _html_table(["role", "post"], ([s.role, s.label] for s in ss), "Composition")


def _findings_html(fs: Sequence[Finding]) -> str:
    return _html_table(
        ["date", "status", "organisation", "text says", "expected", "reason"],
        ([f.observation.on.isoformat(), f.status.value, f.observation.org_id,
          f.observation.name, f.expected or "—", f.reason] for f in fs),
        "Observations checked",
    )


_HTML_TABLES: dict[type, Callable[[Sequence[Any]], str]] = {
    History: _history_html,
    Diff: _diff_html,
    Seats: _seats_html,
    Findings: _findings_html,
}
_ITEM_OF: dict[type, type] = {History: Version, Diff: Change, Seats: Seat, Findings: Finding}


def html_page(fragment: str, title: str = "govmodel") -> str:
    """A standalone HTML5 page (UTF-8, with the library's stylesheet) around *fragment*."""
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
        f"<body>{fragment}</body></html>\n"
    )


def style() -> str:
    """The stylesheet used by :func:`html_page` and the Jupyter display."""
    return _CSS


def repr_html(obj: object) -> str:
    """:func:`html` with the stylesheet inlined: what ``_repr_html_`` methods return."""
    return f"<style>{_CSS}</style>{html(obj)}"


_TAG = re.compile(r"<[^>]+>")


def strip_tags(fragment: str) -> str:
    """The text of an HTML fragment without its tags (for quick checks and logs)."""
    return _html.unescape(_TAG.sub(" ", fragment))


# --------------------------------------------------------------------------- registration
# The values display themselves through govmodel._display; these are the implementations.
def _register() -> None:
    for t in (Snapshot, Agency, Unit, Committee, TreeNode, *_HTML_TABLES):
        _display.html.register(t, repr_html)
    _display.text.register(Snapshot, text_tree)
    _display.text.register(History, history_table)
    _display.text.register(Diff, diff_table)
    _display.text.register(Seats, seats_table)
    _display.text.register(Findings, findings_table)


_register()
