"""Lineage (private): what became of an organisation and what it came from.

The replay records an edge for every structural change (a merge, an absorption, each part
of a split, a part of an area or a function transferred, a reclassification, a
dissolution); renames are read off the versions. ``successors`` and ``predecessors`` are
the edges leaving and entering one organisation; ``lineage`` is the graph both ways.
"""

from __future__ import annotations

import datetime as dt

from govmodel._engine.index import Index
from govmodel._engine.track import Org
from govmodel.errors import AmbiguousSuccessorError, OrganisationNotFoundError
from govmodel.results import Edge, Version

__all__ = ["Became", "became", "lineage", "predecessors", "successor_chain", "successors"]

#: One answer of :func:`became`: (id alive on the day, the ids passed through to reach it,
#: whether the line follows only default parts, the last edge taken or None).
Became = tuple[str, tuple[str, ...], bool, "Edge | None"]
_SUCCESSION = frozenset({"merged", "absorbed", "split"})

#: Edge kinds that lead from one organisation to another (not a change of version).
_BETWEEN = frozenset(
    {"merged", "absorbed", "split", "part-transferred", "functions-transferred", "dissolved"}
)


def successors(ix: Index, org_id: str, on: dt.date | None = None) -> tuple[Edge, ...]:
    """Every edge leaving *org_id* to another body (up to *on* when given), by date."""
    _known(ix, org_id)
    return tuple(
        e for e in ix.edges.get(org_id, ()) if e.kind in _BETWEEN and (on is None or e.on <= on)
    )


def predecessors(ix: Index, org_id: str) -> tuple[Edge, ...]:
    """Every edge entering *org_id* from another body, by date."""
    _known(ix, org_id)
    return _in_edges(ix).get(org_id, ())


def lineage(ix: Index, org_id: str) -> tuple[Edge, ...]:
    """The whole graph of what became what around *org_id*, both ways: every edge between
    bodies reachable from it, and the renames and reclassifications of each, by date."""
    _known(ix, org_id)
    ins = _in_edges(ix)
    seen = {org_id}
    todo = [org_id]
    edges: set[Edge] = set()
    while todo:
        cur = todo.pop()
        for e in (*ix.edges.get(cur, ()), *ins.get(cur, ())):
            edges.add(e)
            for other in (e.source, e.target):
                if other is not None and other not in seen:
                    seen.add(other)
                    todo.append(other)
    for cur in seen:
        track = ix.tracks.get(cur)
        if track is None:
            continue
        for v in track.versions[1:]:
            if "name" in v.changed:
                found, by = v.set_by("name")
                assert v.valid_from is not None
                edges.add(Edge(cur, cur, "renamed", v.valid_from, by if found else None))
    return tuple(sorted(edges, key=_edge_order))


def _edge_order(e: Edge) -> tuple[object, ...]:
    return (e.on, e.source, e.target or "", e.kind)


def _in_edges(ix: Index) -> dict[str, tuple[Edge, ...]]:
    ins = ix.in_edges
    if ins is None:
        acc: dict[str, list[Edge]] = {}
        for lst in ix.edges.values():
            for e in lst:
                if e.target is not None and e.target != e.source:
                    acc.setdefault(e.target, []).append(e)
        ins = {k: tuple(sorted(v, key=_edge_order)) for k, v in acc.items()}
        ix.in_edges = ins  # published whole
    return ins


def _known(ix: Index, org_id: str) -> None:
    if org_id not in ix.tracks:
        raise OrganisationNotFoundError(org_id, reason="no such organisation in this timeline")


def successor_chain(
    ix: Index, org_id: str, on: dt.date | None, function: str | None
) -> tuple[Org, ...]:
    """The organisations from *org_id* (its last value) to what it became by *on* (None:
    after every recorded change), following merges and splits.

    Raises:
        OrganisationNotFoundError: it ended with no successor, or did not yet exist.
        AmbiguousSuccessorError: it was split and *function* does not pick one part.
    """
    day = dt.date.max if on is None else on
    chain: list[Org] = []
    cur = org_id
    seen: set[str] = set()
    while True:
        track = ix.tracks.get(cur)
        if track is None:
            raise OrganisationNotFoundError(cur, reason="no such organisation in this timeline")
        v = (
            track.at(day)
            if day != dt.date.max
            else (track.versions[-1] if track.end is None else None)
        )
        if v is not None:
            chain.append(v.value)
            return tuple(chain)
        if day < track.born:
            raise OrganisationNotFoundError(cur, day, f"established only on {track.born}")
        chain.append(track.versions[-1].value)
        succ = ix.successions.get(cur)
        if succ is None or succ.on > day:
            raise OrganisationNotFoundError(
                cur,
                None if on is None else day,
                f"ended on {track.end} with no recorded successor",
            )
        seen.add(cur)
        if len(succ.into) == 1:
            cur = succ.into[0]
        else:
            picks = [
                pid
                for pid, m in succ.shares
                if function is not None and function in (*m.functions, *m.fields, *m.powers)
            ]
            if len(picks) != 1 and function is None:
                default = track.versions[-1].ended
                if default is not None and default.default is not None:
                    picks = [default.default]  # the part marked as the default successor
            if len(picks) != 1:
                raise AmbiguousSuccessorError(
                    f"{cur!r} was split on {succ.on} by {succ.decision.ref} into "
                    f"{', '.join(succ.into)}; name a function to say which line to follow"
                )
            cur = picks[0]
        if cur in seen:  # pragma: no cover - successions follow time, so cannot loop
            raise OrganisationNotFoundError(cur, reason="successor loop")


def current(ix: Index, org_id: str, day: dt.date) -> Version | None:
    """The version of *org_id* on *day* (``date.max``: its last, if it has not ended)."""
    if day != dt.date.max:
        return ix.version(org_id, day)
    track = ix.tracks.get(org_id)
    return None if track is None or track.end is not None else track.versions[-1]


def became(ix: Index, org_id: str, day: dt.date, limit: int = 20) -> list[Became]:
    """What *org_id* is on *day*: itself when alive, else the bodies it became through
    merges, absorptions and splits by then — every part of a split, the default first —
    each with the path to it and whether it is the default line."""
    out: list[Became] = []
    todo: list[Became] = [(org_id, (), True, None)]
    seen: set[str] = set()
    while todo and len(out) < limit:
        cur, path, default, last = todo.pop(0)
        if cur in seen:
            continue
        seen.add(cur)
        if current(ix, cur, day) is not None:
            out.append((cur, path, default, last))
            continue
        track = ix.tracks.get(cur)
        if track is None or track.end is None or track.end > day:
            continue  # not yet established on that day
        edges = [e for e in ix.edges.get(cur, ()) if e.kind in _SUCCESSION and e.on == track.end]
        for e in sorted(edges, key=lambda e: not e.default):
            if e.target is not None:
                line = default and (e.kind != "split" or e.default)
                todo.append((e.target, (*path, e.target), line, e))
    return out
