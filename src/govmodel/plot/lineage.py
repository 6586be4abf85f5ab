"""The lineage graph: what became what — merges, absorptions, splits, transfers, renames.

The edges are the engine's (:meth:`~govmodel.timeline.Timeline.lineage`); nothing here
decides who ended whom. Drawn by Graphviz, time flows left to right: each box is one body
with its last name, its lifetime and its former names; each arrow says how, when and by
which decision one body passed (wholly or in part) into another. Renames and
reclassifications keep the body, so they are written in its box; a dissolution ends it,
so its box is grey and says by what. :meth:`LineageGraph.to_networkx` gives the same graph
to networkx.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govmodel.errors import InvalidValueError
from govmodel.plot._graphviz import label_lines, label_text, quoted, run_dot
from govmodel.plot.orgchart import decision_text, header, kind_text, organisation_label
from govmodel.plot.picture import Picture, PictureFormat, picture_format
from govmodel.plot.spans import NameSpan, name_spans
from govmodel.results import Edge
from govmodel.timeline import Timeline

if TYPE_CHECKING:
    import networkx

__all__ = ["LineageGraph", "LineageNode", "lineage_graph"]

#: How each kind of edge between two bodies is drawn.
EDGE_STYLE = {
    "merged": 'color="#1f5f99", penwidth=1.6',
    "absorbed": 'color="#1f5f99", penwidth=1.6',
    "split": 'color="#a05a00", penwidth=1.4, style=dashed',
    "part-transferred": 'color="#a05a00", style=dotted',
    "functions-transferred": 'color="#6b6b6b", style=dotted',
}
#: Edge kinds that keep the body: written inside its box rather than drawn as an arrow.
IN_BOX = frozenset({"renamed", "reclassified", "dissolved"})


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


@attrs.frozen(slots=True)
class LineageNode:
    """One body of a lineage graph.

    Attributes:
        id: the organisation's id.
        name: its last name.
        kind: its kind in plain words (its last).
        names: every name it held, in order (:class:`~govmodel.plot.NameSpan`).
        born: its first day (None when its first state has no date).
        ended: the first day it no longer existed, or None while it exists.

    Added in 0.2.
    """

    id: str
    name: str
    kind: str
    names: tuple[NameSpan, ...]
    born: dt.date | None
    ended: dt.date | None


@attrs.frozen(slots=True, repr=False)
class LineageGraph:
    """The lineage of some bodies: nodes and the engine's edges between them.

    It displays inline in Jupyter as SVG (:meth:`draw`, which needs Graphviz's ``dot``);
    :meth:`save` writes it, :meth:`to_dot` gives the DOT text, :meth:`to_networkx` a
    networkx graph.

    Attributes:
        nodes: the bodies, by first day then id.
        edges: the lineage edges (:class:`~govmodel.results.Edge`), by date.
        title: what it shows.

    Added in 0.2.
    """

    nodes: tuple[LineageNode, ...]
    edges: tuple[Edge, ...]
    title: str = ""

    def node(self, org_id: str) -> LineageNode:
        """The node of *org_id*.

        Raises:
            KeyError: it is not in this graph.
        """
        for n in self.nodes:
            if n.id == org_id:
                return n
        raise KeyError(org_id)

    def to_dot(self) -> str:
        """The DOT text of the graph (every name escaped; see :mod:`govmodel.plot`)."""
        in_box: dict[str, list[Edge]] = {}
        for e in self.edges:
            if e.kind in IN_BOX:
                in_box.setdefault(e.source, []).append(e)
        lines = header(self.title or "govmodel lineage", "LR")
        for n in self.nodes:
            small = [f"{n.kind} · {_iso(n.born) or '…'} – {_iso(n.ended) or 'now'}"]
            for span, after in itertools.pairwise(n.names):
                by = f" by {after.decision.number}" if after.decision is not None else ""
                small += label_lines(f"until {_iso(span.end) or '…'}{by}: {span.name}", 44)
            tip = [f"{n.name} [{n.id}]"]
            for e in in_box.get(n.id, ()):
                what = f"{e.kind} on {e.on.isoformat()} by {decision_text(e.decision)}"
                tip.append(what)
                if e.kind != "renamed":
                    small.append(what)
            fill = "#e8e8e8" if n.ended is not None else "#dbe9f6"
            lines.append(
                f"  {quoted(n.id)} [label={organisation_label(n.name, small)}, "
                f"tooltip={quoted('; '.join(tip))}, fillcolor={quoted(fill)}];"
            )
        for e in self.edges:
            if e.kind in IN_BOX or e.target is None:
                continue
            words = [e.kind + (" (default)" if e.default else ""), e.on.isoformat(),
                     decision_text(e.decision)]
            label = "<" + "<BR/>".join(label_text(w) for w in words) + ">"
            hint = f"{e.source} {e.kind} → {e.target} on {e.on.isoformat()}"
            if e.decision is not None:
                hint += f" by {e.decision.number}" + (
                    f": {e.decision.title}" if e.decision.title else "")
            style = EDGE_STYLE.get(e.kind, "")
            lines.append(
                f"  {quoted(e.source)} -> {quoted(e.target)} [label={label}, "
                f"tooltip={quoted(hint)}{', ' + style if style else ''}];"
            )
        lines.append("}")
        return "\n".join(lines) + "\n"

    def draw(self, format: PictureFormat | str = "svg") -> Picture:
        """The graph drawn by Graphviz, as SVG (default) or PNG.

        Raises:
            MissingProgramError: Graphviz's ``dot`` is not installed.
        """
        fmt = picture_format(format)
        return Picture(fmt, run_dot(self.to_dot(), fmt.value), title=self.title)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Draw the graph in the format *path* ends with (``.svg`` or ``.png``) and write it.

        Raises:
            InvalidValueError: *path* ends in neither.
            MissingProgramError: Graphviz's ``dot`` is not installed.
        """
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix not in {f.value for f in PictureFormat}:
            raise InvalidValueError(f"name the file .svg or .png, not {Path(path).name!r}")
        return self.draw(suffix).save(path)

    def _repr_svg_(self) -> str:
        return self.draw("svg").svg

    def to_networkx(self) -> networkx.MultiDiGraph[str]:
        """The graph as a networkx ``MultiDiGraph`` (a ``DiGraph`` that keeps every edge).

        Nodes are organisation ids with the attributes ``name``, ``kind``, ``names`` (every
        name, in order), ``born`` and ``ended`` (ISO dates, left out when unknown or
        open) and, for a dissolved body, ``dissolved`` and ``dissolved_by``. Each edge
        with a target is one edge, keyed ``"KIND DATE"``, with ``kind``, ``date`` (ISO),
        ``decision`` (its number) and, when they apply, ``default``, ``area_share`` and
        ``population_share``; renames and reclassifications are self-loops. Every
        attribute is text, a number or a boolean, so ``networkx.write_graphml`` works.

        Raises:
            MissingExtraError: networkx is not installed (``pip install 'govmodel[plot]'``).
        """
        g: networkx.MultiDiGraph[str] = _networkx().MultiDiGraph(title=self.title)
        for n in self.nodes:
            attrs_: dict[str, Any] = {"name": n.name, "kind": n.kind,
                                      "names": [s.name for s in n.names]}
            for key, day in (("born", n.born), ("ended", n.ended)):
                if day is not None:
                    attrs_[key] = day.isoformat()
            g.add_node(n.id, **attrs_)
        for e in self.edges:
            if e.target is None:
                g.nodes[e.source]["dissolved"] = e.on.isoformat()
                if e.decision is not None:
                    g.nodes[e.source]["dissolved_by"] = str(e.decision.number)
                continue
            data: dict[str, Any] = {"kind": e.kind, "date": e.on.isoformat()}
            if e.decision is not None:
                data["decision"] = str(e.decision.number)
            if e.kind == "split":
                data["default"] = e.default
            for key, share in (("area_share", e.area_share),
                               ("population_share", e.population_share)):
                if share is not None:
                    data[key] = share
            g.add_edge(e.source, e.target, key=f"{e.kind} {e.on.isoformat()}", **data)
        return g

    def __repr__(self) -> str:
        return f"<LineageGraph {self.title!r}: {len(self.nodes)} bodies, {len(self.edges)} edges>"


def _networkx() -> Any:
    try:
        import networkx  # noqa: PLC0415 - the plot extra, imported only when asked for
    except ImportError:
        from govmodel.export import MissingExtraError  # noqa: PLC0415

        raise MissingExtraError("to_networkx", "networkx", "plot") from None
    return networkx


def _all_edges(timeline: Timeline) -> tuple[Edge, ...]:
    """Every lineage edge of the timeline: the engine's lineage of each connected group."""
    covered: set[str] = set()
    edges: set[Edge] = set()
    for org_id in timeline.organisation_ids():
        if org_id in covered:
            continue
        found = timeline.lineage(org_id)
        edges.update(found)
        covered.update(x for e in found for x in (e.source, e.target) if x is not None)
    return tuple(sorted(edges, key=lambda e: (e.on, e.source, e.target or "", e.kind)))


def lineage_graph(timeline: Timeline, org_id: str | None = None) -> LineageGraph:
    """The lineage around *org_id* (the engine's :meth:`~govmodel.timeline.Timeline.lineage`:
    every body it came from or became, both ways), or of the whole timeline.

    Without *org_id* the graph holds every lineage edge of the timeline and the bodies they
    touch; bodies that never changed name or passed into another are left out.

    >>> import govmodel as gm
    >>> g = lineage_graph(gm.load_dataset("bac-kan-history"), "bac-kan")
    >>> [(e.source, e.kind, e.target) for e in g.edges]
    [('bac-kan', 'merged', 'thai-nguyen-2025'), ('thai-nguyen', 'merged', 'thai-nguyen-2025')]

    Runtime complexity: O(E + V) for E edges and V versions of the bodies in the graph.

    Raises:
        OrganisationNotFoundError: *org_id* is not an organisation of the timeline.

    Added in 0.2.
    """
    if org_id is None:
        edges = _all_edges(timeline)
        ids: set[str] = set()
        title = "lineage"
    else:
        edges = timeline.lineage(org_id)
        ids = {org_id}
        title = f"lineage of {org_id}"
    ids.update(x for e in edges for x in (e.source, e.target) if x is not None)
    nodes = []
    for i in ids:
        history = timeline.history(i)
        last = history[-1]
        nodes.append(LineageNode(i, last.value.name, kind_text(last.value), name_spans(timeline, i),
                                 history[0].valid_from, last.valid_to))
    nodes.sort(key=lambda n: (n.born or dt.date.min, n.id))
    return LineageGraph(tuple(nodes), tuple(edges), title)
