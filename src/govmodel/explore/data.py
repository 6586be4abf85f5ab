"""The explorer page's data: every body's versions, the decisions, the lineage and the
changes of each change day — each fact asked of the timeline's public API, never re-derived.

The result is a JSON-ready dictionary (:func:`site_data`), compact enough to embed whole in
one page. The page computes the tree on a date by picking, for each body, the version that
holds on it; its search, history and lineage panels read the same data.

Shape (format ``govmodel-explorer``, version :data:`FORMAT_VERSION`)::

    {"format": "govmodel-explorer", "version": 1, "title": str, "dataset": str,
     "on": ISO date | null, "org": id | null,   # what the page shows first
     "days": [ISO date, ...],            # the slider's positions: every change day
     "decisions": [{"number", "issuer", "year", "doc_type", "title", "signed_on",
                    "effective_on", "ends"}, ...],   # "ends": first day no longer in force
     "orgs": {id: {"type": "Agency" | "Unit" | "Committee" | "AdminUnit",
                   "v": [[valid_from, valid_to, name, parent, kind, [decision, ...],
                          [changed attribute, ...], [short name, ...], level], ...],
                   "end": [kind, on, [into, ...], decision, default] | null,
                   "keys": [search words of one name, ...]}},
     "edges": [[source, target, kind, on, decision, default], ...],
     "changes": {ISO day: [[org, attribute, before, after, decision], ...]},
     "aliases": {abbreviation: expansion}}

Dates are ISO text (``valid_to`` exclusive; None open); a decision is its index in
``decisions`` (None for none); ``keys`` are folded words (:func:`govmodel.vn.fold`, with
abbreviations also spelled out, :func:`govmodel.vn.text.tokens`).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any

from govmodel.decisions import Decision
from govmodel.model import Mandate, Membership, Organisation
from govmodel.results import Edge, Version
from govmodel.timeline import Timeline
from govmodel.vn.text import ALIASES, fold, tokens

__all__ = ["FORMAT", "FORMAT_VERSION", "change_days", "site_data"]

FORMAT = "govmodel-explorer"
#: The version of the data's shape; a change that removes or renames a field raises it.
FORMAT_VERSION = 1

Json = dict[str, Any]
_WORD = re.compile(r"[0-9a-z]+")
_DAY = dt.timedelta(days=1)
#: Changes the page names without their values.
_OPAQUE = frozenset({"mandate", "composition"})


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _enum(value: object) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


class _Decisions:
    """Decisions numbered by their position in the timeline (its signing order)."""

    def __init__(self, tl: Timeline) -> None:
        self._tl = tl
        self._pos = {d: i for i, d in enumerate(tl.decisions)}

    def index(self, d: Decision | None) -> int | None:
        return None if d is None else self._pos[d]

    def rows(self) -> list[Json]:
        return [
            {
                "number": str(d.number),
                "issuer": d.issuer,
                "year": d.year,
                "doc_type": d.doc_type,
                "title": d.title,
                "signed_on": _iso(d.signed_on),
                "effective_on": _iso(d.effective_on),
                "ends": _iso(self._tl.ends(d)),
            }
            for d in self._tl.decisions
        ]


def change_days(tl: Timeline) -> list[dt.date]:
    """Every day the state may change: a version begins or ends, a decision or one of its
    effects takes effect, a decision stops being in force; with the day before the first
    when some body's first state is undated (so the slider can show it). Sorted."""
    days: set[dt.date] = set()
    undated = False
    for org_id in tl.organisation_ids():
        for v in tl.history(org_id):
            undated = undated or v.valid_from is None
            days.update(d for d in (v.valid_from, v.valid_to) if d is not None)
    days.update(tl.decision_days())
    if undated and days and min(days) > dt.date.min:
        days.add(min(days) - _DAY)
    return sorted(days)


def _version_decisions(v: Version, dec: _Decisions) -> list[int]:
    """The decisions that set what *v* changed (law 9): each attribute's own decision when
    several decisions changed it that day, else the version's decision."""
    found = [d for _, d in v.attribution if d is not None] or (
        [v.decision] if v.decision is not None else []
    )
    return [i for i in dict.fromkeys(dec.index(d) for d in found) if i is not None]


def _keys(names: Iterable[str]) -> list[str]:
    """Each distinct name's search words: its folded words, then the abbreviations it holds
    spelled out (so "Sở TT&TT" is found by "thong tin")."""
    out: dict[str, None] = {}
    for name in names:
        words = (*_WORD.findall(fold(name)), *tokens(name))
        out[" ".join(dict.fromkeys(words))] = None
    return [k for k in out if k]


def _org(tl: Timeline, org_id: str, dec: _Decisions) -> Json:
    history = tl.history(org_id)
    rows = []
    names: list[str] = []
    for v in history:
        o = v.value
        names.extend(o.names)
        rows.append([
            _iso(v.valid_from), _iso(v.valid_to), o.name, o.parent, _enum(o.kind),
            _version_decisions(v, dec), list(v.changed), list(o.short_names),
            _enum(getattr(o, "level", None)),
        ])
    last = history[-1]
    end = None
    if last.ended is not None:
        e = last.ended
        end = [e.kind, _iso(e.on), list(e.into), dec.index(e.decision), e.default]
    return {"type": type(last.value).__name__, "v": rows, "end": end, "keys": _keys(names)}


def _edges(tl: Timeline, dec: _Decisions) -> list[list[Any]]:
    """Every lineage edge once: one :meth:`Timeline.lineage` call per connected group."""
    seen: set[str] = set()
    edges: set[Edge] = set()
    for org_id in tl.organisation_ids():
        if org_id in seen:
            continue
        seen.add(org_id)
        for e in tl.lineage(org_id):
            edges.add(e)
            seen.update(x for x in (e.source, e.target) if x is not None)
    ordered = sorted(edges, key=lambda e: (e.on, e.source, e.target or "", e.kind))
    return [[e.source, e.target, e.kind, _iso(e.on), dec.index(e.decision), e.default]
            for e in ordered]


def _value(value: object) -> Any:
    """A changed value as JSON: an organisation by its name, ids and text as they are,
    mandates and compositions as None (the page says only that they changed)."""
    if value is None or isinstance(value, Mandate | Membership):
        return None
    if isinstance(value, Organisation):
        return value.name
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if isinstance(value, enum.Enum):
        return _enum(value)
    return str(value)


def _changes(tl: Timeline, days: list[dt.date], dec: _Decisions) -> Json:
    """For each change day, the engine's diff from the day before, each with its decision."""
    out: Json = {}
    for day in days:
        if day == dt.date.min:
            continue
        rows = [
            [c.org_id, c.attribute, *((None, None) if c.attribute in _OPAQUE
                                      else (_value(c.before), _value(c.after))),
             dec.index(c.decision)]
            for c in tl.diff(day - _DAY, day)
        ]
        if rows:
            out[day.isoformat()] = rows
    return out


def _aliases() -> dict[str, str]:
    """The abbreviations a query may use, squeezed to letters ("tttt", "cds")."""
    return {"".join(_WORD.findall(fold(k))): v for k, v in sorted(ALIASES.items())}


def site_data(
    tl: Timeline,
    *,
    title: str = "",
    dataset: str = "",
    on: dt.date | None = None,
    org: str | None = None,
) -> Json:
    """The explorer page's data for *tl* (shape in this module's docstring).

    Args:
        tl: the timeline.
        title: the page's title (e.g. the dataset's title).
        dataset: the dataset's name, shown on the page.
        on: the date the page opens on (default: the last change day).
        org: the body the page opens with selected (default: none).

    Raises:
        OrganisationNotFoundError: *org* is not in the timeline.

    Returns:
        A JSON-ready dictionary.

    Runtime: O(D·N log k) for D change days and N organisations (one diff per day).

    >>> site_data(Timeline.from_decisions([]))["orgs"]
    {}
    """
    if org is not None:
        tl.history(org)  # raises for an unknown id
    dec = _Decisions(tl)
    days = change_days(tl)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "title": title,
        "dataset": dataset,
        "on": _iso(on),
        "org": org,
        "days": [d.isoformat() for d in days],
        "decisions": dec.rows(),
        "orgs": {i: _org(tl, i, dec) for i in tl.organisation_ids()},
        "edges": _edges(tl, dec),
        "changes": _changes(tl, days, dec),
        "aliases": _aliases(),
    }
