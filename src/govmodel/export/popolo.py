"""Popolo JSON: organisations with their dated names, persons, posts and memberships.

`Popolo <https://www.popoloproject.com/>`_ is the open data standard for people and
organisations in public life. :func:`to_popolo` writes a timeline as a Popolo document::

    {"organizations": [...], "persons": [...], "posts": [...], "memberships": [...]}

* **organizations** — one per organisation: ``id`` (govmodel's id), ``name`` (the latest
  name, or the name on ``at``), ``classification`` (the kind), ``parent_id``,
  ``other_names`` (former names, note ``"former name"``, and short names, note ``"short
  name"``, each with the ``start_date``/``end_date`` the history shows), ``founding_date``
  and ``dissolution_date`` when the history shows them, and its sources. A body merged,
  absorbed or split away carries, beside its ``dissolution_date``, one ``links`` entry per
  successor (as the engine's :attr:`~govmodel.results.Version.ended` names them): ``url``
  the successor's URI as the ORG export mints it (``<base>org/<id>``), ``note``
  ``"successor: <id> (merged on <date> by <decision>)"`` (``successor (default)`` for the
  part of a split an old name leads to).
* **persons** — each public official who holds a post: ``id``, ``name``, ``other_names``
  (note ``"other name"``). Nothing private.
* **posts** — one per seat of a committee (``<committee>/post/<organisation>/<title>``:
  ``label`` the office holding the seat rendered with its organisation's name,
  ``other_label`` its other renderings, ``organization_id`` the committee, ``role``), and
  one per office a person holds (``<organisation>/post/<title>[/<qualifier>]``: ``label``
  "Giám đốc Sở …", ``role`` the title, ``organization_id`` the office's organisation).
* **memberships** — one per seat tenure (:func:`govmodel.export.rows.tenures`): ``role``
  (Trưởng ban…), ``post_id``, ``organization_id`` (the committee), ``on_behalf_of_id`` (the
  organisation of the office holding the seat), dates and sources; on a date, a seat the
  composition sets but no body holds (its office's organisation ended with no successor)
  is a membership too, labelled "(vacant)", with no ``on_behalf_of_id``. And one per
  holding (:func:`govmodel.export.holders.holdings`): ``person_id``, ``post_id``,
  ``organization_id`` (the office's organisation — on a date, the successor's when a
  merger passed the office on), ``role`` the title, ``start_date``/``end_date`` and the
  appointing and ending decisions as sources; a holder only named in a dated text is a
  one-day membership labelled "(named in a text of <date>)" citing that text.

Dates are ISO 8601. An ``end_date`` (and ``dissolution_date``) is the first day on which
the name, the membership or the organisation no longer holds — the effective date of the
decision that ended it — as govmodel's intervals are ``[start, end)``.

``sources`` are Popolo links, one per decision and source document with an absolute URL,
the ``note`` naming the decision (number, issuer, year and subject line). A source with no
absolute URL (the bundled data cites ``seeds/…`` files) is left out of the links — a
link's ``url`` must be a URI — and its citation is kept in the object's ``note``
(:mod:`govmodel.export.popolo_links`); the quotations stay in the dataset.

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

import attrs

from govmodel.decisions import Decision
from govmodel.effects import SetComposition
from govmodel.export import DEFAULT_BASE
from govmodel.export.holders import holdings, office_label, persons
from govmodel.export.popolo_links import JSON, iso, org_uri, put, put_sources, unique
from govmodel.export.rows import Tenure, tenures
from govmodel.model import PostRef, Source
from govmodel.results import Ending, Holding, Seat, Version
from govmodel.timeline import Timeline
from govmodel.vn.text import fold

__all__ = ["PopoloDocument", "dumps_popolo", "post_ids", "to_popolo"]

PopoloDocument = dict[str, list[JSON]]
"""The Popolo document :func:`to_popolo` returns, with ``organizations``, ``persons``,
``posts`` and ``memberships``."""

DateLike = dt.date | str

FORMER_NAME = "former name"
SHORT_NAME = "short name"
OTHER_NAME = "other name"
#: The note that starts a link to a merged body's successor.
SUCCESSOR = "successor"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


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
            put(item, "start_date", iso(start))
            put(item, "end_date", iso(end) if end != org_end else None)
            out.append(item)
    return out


def _organization(
    timeline: Timeline, org_id: str, day: dt.date | None, base: str
) -> JSON | None:
    versions = _clip(timeline.history(org_id), day)
    if not versions:
        return None
    org = versions[-1].value
    first, end = versions[0].valid_from, versions[-1].valid_to
    item: JSON = {"id": org.id, "name": org.name, "classification": str(org.kind.value)}
    put(item, "parent_id", org.parent)
    put(item, "other_names", _other_names(versions))
    put(item, "founding_date", iso(first))
    put(item, "dissolution_date", iso(end))
    ended = versions[-1].ended if end is not None else None  # the engine says who ended it
    ends_it = ended is not None and ended.kind in ("merged", "absorbed", "split", "dissolved")
    ender = ended.decision if ended is not None and ends_it else None
    if ended is not None and ended.kind in _SUCCEEDED:
        put(item, "links", [_successor(ended, into, base) for into in ended.into])
    put_sources(item, unique([*(v.decision for v in versions), ender]))
    return item


_SUCCEEDED = ("merged", "absorbed", "split")


def _successor(ended: Ending, into: str, base: str) -> JSON:
    """A link to the body that carries a merged, absorbed or split organisation on."""
    mark = " (default)" if ended.default == into and len(ended.into) > 1 else ""
    by = f" by {ended.decision.ref}" if ended.decision is not None else ""
    note = f"{SUCCESSOR}{mark}: {into} ({ended.kind} on {ended.on.isoformat()}{by})"
    return {"url": org_uri(into, base), "note": note}


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
    return _post_ids((t.committee_id, t.membership.post) for t in tenures(timeline))


def _post_ids(seats: Iterable[tuple[str, PostRef]]) -> dict[tuple[str, PostRef], str]:
    keys = sorted(set(seats), key=lambda k: (k[0], k[1].org_id, k[1].title, k[1].qualifier or ""))
    out: dict[tuple[str, PostRef], str] = {}
    seen: dict[str, int] = {}
    for committee, post in keys:
        base = f"{committee}/post/{post.org_id}/{_slug(post.title)}"
        if post.qualifier:
            base += f"/{_slug(post.qualifier)}"
        n = seen[base] = seen.get(base, 0) + 1
        out[(committee, post)] = base if n == 1 else f"{base}-{n}"
    return out


def _ref_day(t: Tenure, day: dt.date | None) -> dt.date | None:
    """The day a tenure is labelled by: *day*, else its last day (None: the latest)."""
    if day is not None:
        return day
    return None if t.end is None else t.end - dt.timedelta(days=1)


def _label(timeline: Timeline, t: Tenure, day: dt.date | None) -> str:
    """The tenure's office with its organisation's name on the tenure's reference day."""
    return office_label(timeline, t.office, _ref_day(t, day))


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
    vacant = _vacant_seats(timeline, day)
    ids = _post_ids([*((t.committee_id, t.membership.post) for t in all_tenures),
                     *((cid, seat.membership.post) for cid, seat, _ in vacant)])
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
        put(post, "other_label", [x for x in others if x != label])
        put(post, "role", next(iter(roles)).vi if len(roles) == 1 else None)
        post["organization_id"] = committee
        put(post, "start_date", iso(start))
        put(post, "end_date", iso(end))
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
        put(m, "on_behalf_of_id", t.office.org_id if t.office.org_id in org_ids else None)
        put(m, "start_date", iso(t.start))
        put(m, "end_date", iso(t.end))
        put_sources(m, t.decisions)
        memberships.append(m)
    known = {p["id"] for p in posts}
    for committee, seat, decision in vacant:
        post_id, role = ids[(committee, seat.membership.post)], seat.membership.role
        if post_id not in known:
            known.add(post_id)
            posts.append({"id": post_id, "label": seat.label, "role": role.vi,
                          "organization_id": committee})
        m = {"id": f"{post_id}/{role.value}/vacant", "label": f"{role.vi}: {seat.label} (vacant)",
             "role": role.vi, "post_id": post_id, "organization_id": committee}
        since = _vacant_since(timeline, seat)
        seated = None if decision is None else decision.effective_on
        if since is None or (seated is not None and seated > since):
            since = seated
        put(m, "start_date", iso(since))
        put_sources(m, unique([decision]))
        memberships.append(m)
    return posts, memberships


def _vacant_since(timeline: Timeline, seat: Seat) -> dt.date | None:
    """The day a vacant seat's office ended: the end of the last body its post led to (the
    engine follows the post through mergers, :attr:`Seat.chain`); None: unknown."""
    ended = timeline.history(seat.post.org_id)[-1].ended
    return None if ended is None else ended.on


def _vacant_seats(
    timeline: Timeline, day: dt.date | None
) -> list[tuple[str, Seat, Decision | None]]:
    """The seats that a composition in force on *day* sets but no body holds (the office's
    organisation ended with no successor): memberships of the text, vacant that day."""
    if day is None:
        return []
    snap = timeline.as_of(day)
    committees = sorted(
        {e.org_id for d in timeline.decisions for e in d.effects if isinstance(e, SetComposition)}
    )
    return [(cid, seat, snap.composition_decision(cid))
            for cid in committees if cid in snap for seat in snap.members(cid) if seat.vacant]


# --------------------------------------------------------------------------- persons
def _office_ids(posts: Iterable[PostRef]) -> dict[PostRef, str]:
    """``<organisation>/post/<title>[/<qualifier>]`` for each held office (slugs, -2…)."""
    out: dict[PostRef, str] = {}
    seen: dict[str, int] = {}
    for p in sorted(set(posts), key=lambda p: (p.org_id, p.title, p.qualifier or "")):
        base = f"{p.org_id}/post/{_slug(p.title)}"
        if p.qualifier:
            base += f"/{_slug(p.qualifier)}"
        n = seen[base] = seen.get(base, 0) + 1
        out[p] = base if n == 1 else f"{base}-{n}"
    return out


def _title(post: PostRef) -> str:
    return post.title + (f" {post.qualifier}" if post.qualifier else "")


def _held(timeline: Timeline, day: dt.date | None, org_ids: set[str]
          ) -> list[tuple[Holding, PostRef]]:
    """Each holding shown, with the office that carries it (on *day*: the engine's
    successor post when its organisation was merged away)."""
    if day is None:
        return [(h, h.post) for h in holdings(timeline) if h.post.org_id in org_ids]
    snap = timeline.as_of(day)
    return [(h, office) for h in holdings(timeline)
            if h.holds_on(day) and (office := snap.office(h.post)) is not None]


def _persons_part(timeline: Timeline, day: dt.date | None, org_ids: set[str]
                  ) -> tuple[list[JSON], list[JSON], list[JSON]]:
    """The persons, the offices they hold and their memberships (see the module)."""
    rows = _held(timeline, day, org_ids)
    ids = _office_ids(office for _, office in rows)
    posts: dict[PostRef, JSON] = {}
    memberships: list[JSON] = []
    for h, office in rows:
        post_id = ids[office]
        label = office_label(timeline, office, day)
        if office not in posts:
            posts[office] = {"id": post_id, "label": label, "role": _title(office),
                             "organization_id": office.org_id}
        observed = h.known_from == "observation"
        m: JSON = {
            "id": f"{post_id}/person/{h.person_id}/{h.start.isoformat()}",
            "label": f"{label}: {h.person_name}"
            + (f" (named in a text of {h.start.isoformat()})" if observed else ""),
            "role": _title(office),
            "person_id": h.person_id,
            "organization_id": office.org_id,
            "post_id": post_id,
            "start_date": h.start.isoformat(),
        }
        put(m, "end_date", iso(h.end) if day is None else None)
        cited = [(f"observed on {h.start.isoformat()}", h.source)] if observed else []
        put_sources(m, unique([h.decision, h.ended_by]),
                     [(n, s) for n, s in cited if isinstance(s, Source)])
        memberships.append(m)
    shown = {h.person_id for h, _ in rows}
    people: list[JSON] = []
    for p in persons(timeline):
        if p.id in shown:
            item: JSON = {"id": p.id, "name": p.name}
            put(item, "other_names", [{"name": n, "note": OTHER_NAME} for n in p.other_names])
            people.append(item)
    return people, list(posts.values()), memberships


# --------------------------------------------------------------------------- public
def to_popolo(
    timeline: Timeline, *, at: DateLike | None = None, base: str = DEFAULT_BASE
) -> PopoloDocument:
    """The timeline as a Popolo document.

    Args:
        timeline: the timeline.
        at: a date (``date``, ISO or Vietnamese day-first text). Without it the document
            holds the whole history: every organisation under its latest name, every
            membership with its dates. With it, the document is what one could have
            written on that date: only organisations alive on it, under their names of
            that date (former names up to it), and only memberships holding on it (a
            committee seat left vacant that day too), with nothing after it (no end dates).
        base: the namespace of the URIs that links to a successor point at (as the ORG
            export mints them).

    Returns:
        ``{"organizations": [...], "persons": [...], "posts": [...], "memberships": [...]}``;
        organisations and persons sorted by id; the committee seats and their memberships
        (by committee and start) before the held offices and their holders (by post).

    Raises:
        DateParseError: *at* is text that is not a date.

    Runtime complexity: O(N log k) for the organisations plus O(c · p · n) for the
    committees (see :func:`govmodel.export.rows.tenures`).
    """
    day = None if at is None else timeline.as_of(at).on
    organizations = [
        item
        for org_id in timeline.organisation_ids()
        if (item := _organization(timeline, org_id, day, base)) is not None
    ]
    org_ids = {o["id"] for o in organizations}
    posts, memberships = _posts_and_memberships(timeline, day, org_ids)
    people, offices, holders = _persons_part(timeline, day, org_ids)
    return {"organizations": organizations, "persons": people, "posts": posts + offices,
            "memberships": memberships + holders}


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
      "persons": [],
      "posts": [],
      "memberships": []
    }
    """
    return json.dumps(to_popolo(timeline, at=at), ensure_ascii=False, indent=2)
