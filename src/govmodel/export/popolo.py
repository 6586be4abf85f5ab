"""Popolo JSON: organisations with their dated names, committee posts and memberships.

`Popolo <https://www.popoloproject.com/>`_ is the open data standard for people and
organisations in public life. :func:`to_popolo` writes a timeline as a Popolo document::

    {"organizations": [...], "posts": [...], "memberships": [...]}

* **organizations** — one per organisation: ``id`` (govmodel's id), ``name`` (the latest
  name, or the name on ``at``), ``classification`` (the kind: ``department``,
  ``division``, ``steering_committee``…), ``parent_id``, ``other_names`` (former names,
  note ``"former name"``, and short names, note ``"short name"``, each with the
  ``start_date``/``end_date`` the history shows), ``founding_date`` and
  ``dissolution_date`` when the history shows them, and ``sources``: links to the
  decisions that made the organisation's versions or ended it.
* **posts** — one per seat of a committee, i.e. per office that a deciding text seats on
  it ex officio ("Giám đốc Sở Thông tin và Truyền thông"): ``label`` is the office holding
  the seat, rendered with its organisation's name (``other_label``: its other renderings
  over the seat's life — before a rename, or before a merger passed the seat to the
  successor's office), ``organization_id`` is the committee, ``role`` the role when the
  seat always had one.
* **memberships** — one per tenure (:func:`govmodel.export.rows.tenures`): ``role``
  (Trưởng ban, Phó Trưởng ban…), ``post_id``, ``organization_id`` (the committee),
  ``on_behalf_of_id`` (the organisation of the office holding the seat),
  ``start_date``/``end_date`` and the ``sources`` of the deciding decisions. No
  ``person_id``: govmodel records offices, not the people who hold them.

Dates are ISO 8601. An ``end_date`` (and ``dissolution_date``) is the first day on which
the name, the membership or the organisation no longer holds — the effective date of the
decision that ended it — as govmodel's intervals are ``[start, end)``.

Popolo's ``sources`` are links, whose ``url`` is required: a source with no URL gets its
document name as a relative reference (``seeds/000_da556e263d8a6e2f.txt``). There is one
link per decision and source document, its ``note`` naming the decision (number, issuer,
year and subject line); the quotations stay in the dataset.

Every object validates against the official Popolo JSON schemas (draft 03). Needs only the
standard library.

>>> import govmodel as gm
>>> doc = to_popolo(gm.load_dataset("lang-son-2021"))
>>> unit = next(o for o in doc["organizations"]
...             if o["id"] == "lang-son/so-tttt/trung-tam-cntt-tt")
>>> unit["name"]
'Trung tâm Công nghệ số'
>>> [(n["name"], n["end_date"]) for n in unit["other_names"] if n["note"] == "former name"]
[('Trung tâm Công nghệ thông tin và Truyền thông', '2021-12-10')]
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

import attrs

from govmodel.decisions import Decision
from govmodel.export.rows import Tenure, tenures
from govmodel.model import PostRef
from govmodel.results import Version
from govmodel.timeline import Timeline
from govmodel.vn.text import fold

__all__ = ["PopoloDocument", "dumps_popolo", "post_ids", "to_popolo"]

JSON = dict[str, Any]
PopoloDocument = dict[str, list[JSON]]
"""The Popolo document :func:`to_popolo` returns, with ``organizations``, ``posts`` and
``memberships``."""

DateLike = dt.date | str

FORMER_NAME = "former name"
SHORT_NAME = "short name"

_ABSOLUTE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://\S+$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _put(obj: JSON, key: str, value: object) -> None:
    """Set *key* only when there is something to say (Popolo leaves unknowns out)."""
    if value is not None and value not in ([], ""):
        obj[key] = value


# --------------------------------------------------------------------------- sources
def _link_url(url: str | None, document: str) -> str:
    if url:
        return url
    if _ABSOLUTE_URL.match(document):
        return document
    return quote(document, safe="/")


def _links(decisions: Iterable[Decision]) -> list[JSON]:
    """One Popolo link per decision and source document: the note names the decision."""
    out: dict[tuple[str, str], JSON] = {}
    for d in decisions:
        head = f"{d.ref}" + (f" — {d.title}" if d.title else "")
        for s in d.sources:
            url = _link_url(s.url, s.document)
            out.setdefault((url, head), {"url": url, "note": head})
    return list(out.values())


def _unique(decisions: Iterable[Decision | None]) -> list[Decision]:
    return list(dict.fromkeys(d for d in decisions if d is not None))


# --------------------------------------------------------------------------- organisations
def _clip(versions: Sequence[Version], day: dt.date | None) -> list[Version]:
    """The versions as seen on *day*: none after it, the current one left open.

    Empty when the organisation is not alive on *day*.
    """
    if day is None:
        return list(versions)
    kept = [v for v in versions if v.valid_from is None or v.valid_from <= day]
    if not kept or not kept[-1].holds_on(day):
        return []
    kept[-1] = attrs.evolve(kept[-1], valid_to=None)
    return kept


_Run = tuple[str, dt.date | None, dt.date | None]  # name, start, end


def _runs(versions: Sequence[Version], names_of: str) -> list[_Run]:
    """Maximal runs of versions during which each name (or short name) was held."""
    done: list[_Run] = []
    open_: dict[str, _Run] = {}
    for v in versions:
        names = (v.value.name,) if names_of == "name" else v.value.short_names
        for name in list(open_):
            if name not in names:
                done.append(open_.pop(name))
        for name in names:
            run = open_.get(name)
            open_[name] = (name, v.valid_from if run is None else run[1], v.valid_to)
    done.extend(open_.values())
    return sorted(done, key=lambda r: (r[1] or dt.date.min, r[0]))


def _other_names(versions: Sequence[Version]) -> list[JSON]:
    last = versions[-1]
    org_end = last.valid_to
    out: list[JSON] = []
    for kind in ("name", "short"):
        for name, start, end in _runs(versions, kind):
            if kind == "name" and name == last.value.name and end == org_end:
                continue  # the current name is the organisation's ``name``
            item: JSON = {"name": name, "note": FORMER_NAME if kind == "name" else SHORT_NAME}
            _put(item, "start_date", _iso(start))
            _put(item, "end_date", _iso(end) if end != org_end else None)
            out.append(item)
    return out


def _organization(timeline: Timeline, org_id: str, day: dt.date | None) -> JSON | None:
    versions = _clip(timeline.history(org_id), day)
    if not versions:
        return None
    org = versions[-1].value
    first, end = versions[0].valid_from, versions[-1].valid_to
    item: JSON = {"id": org.id, "name": org.name, "classification": str(org.kind.value)}
    _put(item, "parent_id", org.parent)
    _put(item, "other_names", _other_names(versions))
    _put(item, "founding_date", _iso(first))
    _put(item, "dissolution_date", _iso(end))
    ended = versions[-1].ended if end is not None else None  # the engine says who ended it
    ends_it = ended is not None and ended.kind in ("merged", "absorbed", "split", "dissolved")
    ender = ended.decision if ended is not None and ends_it else None
    _put(item, "sources", _links(_unique([*(v.decision for v in versions), ender])))
    return item


# --------------------------------------------------------------------------- posts
def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", fold(text)).strip("-") or "post"


def post_ids(timeline: Timeline) -> dict[tuple[str, PostRef], str]:
    """The Popolo id of every committee seat: ``(committee id, post)`` → id.

    A seat is a post as a deciding text names it (``Giám đốc`` of ``lang-son/so-tttt``); it
    keeps its id when a merger passes it to a successor's office. An id reads
    ``<committee>/post/<post's organisation>/<title>[/<qualifier>]``, title and qualifier
    folded to ASCII slugs (``lang-son/bcd-cds/post/lang-son/so-tttt/giam-doc``). Posts whose
    slugs coincide get ``-2``, ``-3``… in a fixed order, so an id depends only on the
    timeline.

    Args:
        timeline: the timeline.

    Returns:
        The ids.
    """
    return _post_ids(tenures(timeline))


def _post_ids(all_tenures: Iterable[Tenure]) -> dict[tuple[str, PostRef], str]:
    keys = sorted(
        {(t.committee_id, t.membership.post) for t in all_tenures},
        key=lambda k: (k[0], k[1].org_id, k[1].title, k[1].qualifier or ""),
    )
    out: dict[tuple[str, PostRef], str] = {}
    seen: dict[str, int] = {}
    for committee, post in keys:
        base = f"{committee}/post/{post.org_id}/{_slug(post.title)}"
        if post.qualifier:
            base += f"/{_slug(post.qualifier)}"
        n = seen[base] = seen.get(base, 0) + 1
        out[(committee, post)] = base if n == 1 else f"{base}-{n}"
    return out


def _name_on(versions: Sequence[Version], day: dt.date | None) -> str:
    """The name held on *day* (None: the latest), else the last one held before it."""
    if day is None:
        return versions[-1].value.name
    held = [v for v in versions if v.valid_from is None or v.valid_from <= day]
    return (held or [versions[0]])[-1].value.name


def _ref_day(t: Tenure, day: dt.date | None) -> dt.date | None:
    """The day a tenure is labelled by: *day*, else its last day (None: the latest)."""
    if day is not None:
        return day
    return None if t.end is None else t.end - dt.timedelta(days=1)


def _label(timeline: Timeline, t: Tenure, day: dt.date | None) -> str:
    """The tenure's office with its organisation's name on the tenure's reference day."""
    return t.office.render(_name_on(timeline.history(t.office.org_id), _ref_day(t, day)))


def _labels_held(timeline: Timeline, t: Tenure, day: dt.date | None) -> list[str]:
    """The office rendered with every name its organisation had during the tenure."""
    return [
        t.office.render(v.value.name)
        for v in timeline.history(t.office.org_id)
        if (v.valid_to is None or v.valid_to > t.start)
        and (t.end is None or v.valid_from is None or v.valid_from < t.end)
        and (day is None or v.valid_from is None or v.valid_from <= day)
    ]


def _posts_and_memberships(
    timeline: Timeline, day: dt.date | None, org_ids: set[str]
) -> tuple[list[JSON], list[JSON]]:
    all_tenures = tenures(timeline)
    ids = _post_ids(all_tenures)
    shown: list[Tenure] = []
    for t in all_tenures:
        if day is None:
            shown.append(t)
        elif t.holds_on(day):
            shown.append(attrs.evolve(t, end=None))
    by_post: dict[tuple[str, PostRef], list[Tenure]] = {}
    for t in shown:
        by_post.setdefault((t.committee_id, t.membership.post), []).append(t)

    posts: list[JSON] = []
    for key, group in by_post.items():
        committee = key[0]
        start = min(t.start for t in group)
        end = None if any(t.end is None for t in group) else max(t.end for t in group if t.end)
        label = _label(timeline, max(group, key=lambda t: t.start), day)
        others = dict.fromkeys(x for t in group for x in _labels_held(timeline, t, day))
        roles = {t.membership.role for t in group}
        post: JSON = {"id": ids[key], "label": label}
        _put(post, "other_label", [x for x in others if x != label])
        _put(post, "role", next(iter(roles)).vi if len(roles) == 1 else None)
        post["organization_id"] = committee
        _put(post, "start_date", _iso(start))
        _put(post, "end_date", _iso(end))
        posts.append(post)

    memberships: list[JSON] = []
    for t in shown:
        post_id = ids[(t.committee_id, t.membership.post)]
        role = t.membership.role
        m: JSON = {
            "id": f"{post_id}/{role.value}/{t.start.isoformat()}",
            "label": f"{role.vi}: {_label(timeline, t, day)}",
            "role": role.vi,
            "post_id": post_id,
            "organization_id": t.committee_id,
        }
        _put(m, "on_behalf_of_id", t.office.org_id if t.office.org_id in org_ids else None)
        _put(m, "start_date", _iso(t.start))
        _put(m, "end_date", _iso(t.end))
        _put(m, "sources", _links(t.decisions))
        memberships.append(m)
    return posts, memberships


# --------------------------------------------------------------------------- public
def to_popolo(timeline: Timeline, *, at: DateLike | None = None) -> PopoloDocument:
    """The timeline as a Popolo document.

    Args:
        timeline: the timeline.
        at: a date (``date``, ISO or Vietnamese day-first text). Without it the document
            holds the whole history: every organisation under its latest name, every
            membership with its dates. With it, the document is what one could have
            written on that date: only organisations alive on it, under their names of
            that date (former names up to it), and only memberships holding on it, with
            nothing after it (no end dates).

    Returns:
        ``{"organizations": [...], "posts": [...], "memberships": [...]}``; organisations
        sorted by id, posts and memberships by committee and start.

    Raises:
        DateParseError: *at* is text that is not a date.

    Runtime complexity: O(N log k) for the organisations plus O(c · p · n) for the
    committees (see :func:`govmodel.export.rows.tenures`).
    """
    day = None if at is None else timeline.as_of(at).on
    organizations = [
        item
        for org_id in timeline.organisation_ids()
        if (item := _organization(timeline, org_id, day)) is not None
    ]
    posts, memberships = _posts_and_memberships(timeline, day, {o["id"] for o in organizations})
    return {"organizations": organizations, "posts": posts, "memberships": memberships}


def dumps_popolo(timeline: Timeline, *, at: DateLike | None = None) -> str:
    """:func:`to_popolo` as JSON text: UTF-8 characters kept, indented by 2.

    Args:
        timeline: the timeline.
        at: as for :func:`to_popolo`.

    Returns:
        The JSON text (no trailing newline).

    >>> import govmodel as gm
    >>> print(dumps_popolo(gm.Timeline.from_decisions([])))
    {
      "organizations": [],
      "posts": [],
      "memberships": []
    }
    """
    return json.dumps(to_popolo(timeline, at=at), ensure_ascii=False, indent=2)
