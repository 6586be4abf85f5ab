"""The organisation chart on a date: one box per live organisation, parent → unit arrows.

Each box shows the organisation's name on the snapshot's date and its kind, with the
decision that put it in its present state (the version's deciding decision) in a small
line and in the tooltip. Graphviz's ``dot`` draws it.
"""

from __future__ import annotations

from collections.abc import Sequence

from govmodel.decisions import Decision
from govmodel.model import AdminUnit, Agency, AnyOrganisation, Committee, Unit
from govmodel.plot._graphviz import label_lines, label_text, quoted, run_dot
from govmodel.plot.picture import Picture, PictureFormat, picture_format
from govmodel.snapshot import Snapshot

__all__ = ["kind_text", "org_chart", "org_chart_dot", "organisation_label"]

#: Box colours by the class of the organisation.
FILL = {Agency: "#dbe9f6", Unit: "#fdf1d6", Committee: "#e2f0d9", AdminUnit: "#eeeeee"}
FONT = "Helvetica,Arial,sans-serif"


def kind_text(org: AnyOrganisation) -> str:
    """The organisation's kind in plain words (``public service unit``, ``xa``)."""
    return str(org.kind.value).replace("_", " ")


def decision_text(decision: Decision | None) -> str:
    """A decision's number, or ``—``."""
    return "—" if decision is None else str(decision.number)


def organisation_label(name: str, small: Sequence[str], *, width: int = 32) -> str:
    """An HTML-like DOT label: *name* in bold, wrapped, then each *small* line in grey.

    >>> organisation_label("Sở <A> & B", ["department"])
    '<<B>Sở &lt;A&gt; &amp; B</B><BR/><FONT POINT-SIZE="9" COLOR="#555555">department</FONT>>'
    """
    # Graphviz rejects an empty <B></B>: a name of spaces only shows as one space.
    parts = [f"<B>{label_text(line or ' ')}</B>" for line in label_lines(name, width)]
    parts += [f'<FONT POINT-SIZE="9" COLOR="#555555">{label_text(s)}</FONT>' for s in small]
    return "<" + "<BR/>".join(parts) + ">"


def header(name: str, rankdir: str) -> list[str]:
    """The opening lines of a digraph named *name*, laid out in *rankdir*."""
    return [
        f"digraph {quoted(name)} {{",
        f"  graph [rankdir={rankdir}, fontname={quoted(FONT)}, tooltip={quoted(name)}];",
        f"  node [shape=box, style=\"rounded,filled\", fontname={quoted(FONT)}, fontsize=11,"
        ' color="#7a8a99", margin="0.12,0.06"];',
        f'  edge [color="#7a8a99", fontname={quoted(FONT)}, fontsize=9];',
    ]


def _organisations(snapshot: Snapshot, root_id: str | None) -> list[AnyOrganisation]:
    """The organisations to draw, parents before their units."""
    if root_id is not None:
        return [o for _, o in snapshot.tree(root_id).walk()]
    out: list[AnyOrganisation] = []
    seen: set[str] = set()
    for root in snapshot.roots():
        for _, o in snapshot.tree(root.id).walk():
            if o.id not in seen:
                seen.add(o.id)
                out.append(o)
    out.extend(o for o in snapshot.organisations() if o.id not in seen)
    return out


def org_chart_dot(
    snapshot: Snapshot, root_id: str | None = None, *, decisions: bool = True
) -> str:
    """The DOT text of the organisation chart on the snapshot's date.

    One node per organisation alive on that date (or under *root_id*), named by its id
    (its SVG ``<title>``), labelled with its name, kind and (with *decisions*) the decision
    behind its present state; one edge from each parent to each unit. Every name is
    escaped: the text a reader sees in the SVG is the name, whatever it holds.

    >>> import govmodel as gm
    >>> snap = gm.load_dataset("lang-son-2021").as_of("10/12/2021")
    >>> text = org_chart_dot(snap, "lang-son/so-tttt")
    >>> text.count("[label="), text.count(" -> ")
    (7, 6)

    Runtime complexity: O(N log N) for N organisations drawn.

    Raises:
        OrganisationNotFoundError: *root_id* is not alive on the snapshot's date.
    """
    orgs = _organisations(snapshot, root_id)
    drawn = {o.id for o in orgs}
    lines = header(f"govmodel organisations on {snapshot.on.isoformat()}", "LR")
    for o in orgs:
        decision = snapshot.version(o.id).decision
        small = kind_text(o)
        if decisions and decision is not None:
            small += f" · {decision.number}"
        tip = f"{o.name} [{o.id}], {kind_text(o)}"
        if decision is not None:
            tip += f"; as decided by {decision.number}"
            if decision.title:
                tip += f": {decision.title}"
        fill = next((c for cls, c in FILL.items() if isinstance(o, cls)), "#ffffff")
        lines.append(
            f"  {quoted(o.id)} [label={organisation_label(o.name, [small])}, "
            f"tooltip={quoted(tip)}, fillcolor={quoted(fill)}];"
        )
    for o in orgs:
        if o.parent is not None and o.parent in drawn:
            lines.append(f"  {quoted(o.parent)} -> {quoted(o.id)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def org_chart(
    snapshot: Snapshot,
    root_id: str | None = None,
    *,
    format: PictureFormat | str = "svg",
    decisions: bool = True,
) -> Picture:
    """The organisation chart on the snapshot's date, drawn by Graphviz.

    >>> import govmodel as gm
    >>> from govmodel.plot import org_chart
    >>> chart = org_chart(gm.load_dataset("lang-son-2021").as_of("10/12/2021"))  # doctest: +SKIP
    >>> chart.save("lang-son.svg")  # doctest: +SKIP

    Args:
        snapshot: the state on a date (``timeline.as_of(day)``).
        root_id: draw only this organisation and its units (default: every organisation).
        format: ``"svg"`` (default) or ``"png"``.
        decisions: show the deciding decision's number under each name.

    Returns:
        a :class:`~govmodel.plot.Picture` (displays inline in Jupyter).

    Raises:
        MissingProgramError: Graphviz's ``dot`` is not installed.
        OrganisationNotFoundError: *root_id* is not alive on that date.

    Added in 0.2.
    """
    fmt = picture_format(format)
    source = org_chart_dot(snapshot, root_id, decisions=decisions)
    title = f"organisations on {snapshot.on.isoformat()}" + (f" under {root_id}" if root_id else "")
    return Picture(fmt, run_dot(source, fmt.value), title=title)
