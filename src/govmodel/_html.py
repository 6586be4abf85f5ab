"""HTML fragments and pages: the Jupyter display of snapshots, organisations and result tables.

Every function is pure and returns a string. The stylesheet is scoped: each rule starts with
``div.govmodel.govmodel``, which is more specific than the notebook front ends' own rules for
tables and lists (JupyterLab's ``.jp-RenderedHTMLCommon``, classic Notebook's
``.rendered_html``), so tables stay left-aligned and trees keep no bullets there too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from govmodel._labels import MAX_NODES, day_text, decision_label, forest, kind_label, value_text
from govmodel.model import ORGANISATION_CLASSES, Committee
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

__all__ = ["html", "html_page", "repr_html", "strip_tags", "style"]

# Every rule starts with "div.govmodel.govmodel" (specificity 0,2,1 before its own parts):
# more specific than the notebook front ends' rules for tables, rows and lists
# (JupyterLab's ".jp-RenderedHTMLCommon td", "… tbody tr:nth-child(odd)",
# "… ul:not(.list-inline)"; classic Notebook's ".rendered_html …"), which otherwise
# right-align the cells, stripe the rows and put bullets in the tree.
_S = "div.govmodel.govmodel"
_CSS = f"""
{_S}{{font-family:system-ui,sans-serif;font-size:14px;line-height:1.4;text-align:left}}
{_S} ul,{_S} ul.seats{{list-style:none;margin:0;padding:0 0 0 1.2em;
border-left:1px solid #ccc}}
{_S} > ul{{border-left:none;padding-left:0}}
{_S} li{{list-style:none;margin:0;padding:0}}
{_S} ul.seats{{border-left:1px dashed #ccc;color:#444;font-size:90%}}
{_S} .kind{{color:#666;font-size:85%}}
{_S} .dec{{color:#2a6;font-size:85%}}
{_S} .role{{font-style:italic}}
{_S} table{{border-collapse:collapse;table-layout:auto;margin:0}}
{_S} th,{_S} td{{border:1px solid #ddd;padding:2px 8px;text-align:left;
vertical-align:top;white-space:normal}}
{_S} tbody tr,{_S} tbody tr:nth-child(odd),{_S} tbody tr:hover{{background:transparent}}
{_S} th{{background:#f4f4f4;font-weight:bold}}
{_S} caption{{text-align:left;font-weight:bold;padding:2px 0}}
""".strip()


def _e(text: object) -> str:
    """*text* escaped for HTML text and attribute values (as ``html.escape(quote=True)``,
    without importing :mod:`html` and its table of entities)."""
    return str(text).translate(_ESCAPES)


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _html_table(header: Sequence[str], rows: Iterable[Sequence[str]], caption: str) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return (
        f'<div class="govmodel"><table><caption>{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _seats_list(snapshot: Snapshot, committee_id: str) -> str:
    """A committee's members on the snapshot's date: role, post and its holders."""
    rows = []
    for seat in snapshot.members(committee_id):
        who = f" ({', '.join(seat.holders)})" if seat.holders else ""
        vacant = " (vacant)" if seat.vacant else ""
        rows.append(
            f'<li><span class="role">{_e(seat.role)}</span> — {_e(seat.label + who + vacant)}</li>'
        )
    return f'<ul class="seats">{"".join(rows)}</ul>' if rows else ""


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
        seats = _seats_list(snapshot, o.id) if isinstance(o, Committee) else ""
        return (
            f'<li title="{_e(o.id)}"><b>{_e(o.name)}</b> '
            f'<span class="kind">{_e(kind_label(o))}</span>{dec}{seats}{sub}</li>'
        )

    items = "".join(item(t) for t in forest(snapshot, root_id))
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
        ([day_text(v.valid_from), day_text(v.valid_to), v.value.name, v.value.parent or "—",
          decision_label(v.decision)] for v in vs),
        f"History of {vs[0].value.id}" if vs else "History",
    )


def _diff_html(cs: Sequence[Change]) -> str:
    return _html_table(
        ["organisation", "attribute", "before", "after", "decision"],
        ([c.org_id, c.attribute, value_text(c.before), value_text(c.after),
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
    import html  # noqa: PLC0415 - its table of entities loads only for this

    return html.unescape(_TAG.sub(" ", fragment))


