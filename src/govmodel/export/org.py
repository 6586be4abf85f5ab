"""The W3C Organization Ontology (ORG): a timeline as an RDF graph or Turtle text.

Needs rdflib (``pip install 'govmodel[rdf]'``); without it, :func:`to_graph` and
:func:`to_turtle` raise :class:`~govmodel.export.MissingExtraError`. Only terms of the
vocabularies rdflib ships are used — ORG (``org:``), SKOS, PROV-O, OWL-Time, DCMI terms and
FOAF — and every resource gets a URI under ``base`` (ids are percent-encoded, so
``lang-son/so-tttt`` is ``<base>org/lang-son%2Fso-tttt``):

* **organisations** ``<base>org/{id}``: ``org:Organization`` and, for an agency,
  ``org:FormalOrganization``, for a unit ``org:OrganizationalUnit``; ``org:identifier``
  (govmodel's id); ``skos:prefLabel`` the latest name and ``skos:altLabel`` every former
  and short name (``@vi``); ``org:classification`` the kind (a ``skos:Concept``); the
  latest hierarchy as ``org:subOrganizationOf``/``org:hasSubOrganization`` and, for a unit
  of an agency, ``org:unitOf``/``org:hasUnit``.
* **versions** ``<org>/version/{valid_from|first}``: the state during one interval, a
  ``prov:Entity`` that is ``prov:specializationOf`` the organisation, with its own
  ``skos:prefLabel``, ``skos:altLabel``, ``org:classification`` and hierarchy, its
  validity as ``time:hasTime`` a ``time:Interval`` whose ``time:hasBeginning`` /
  ``time:hasEnd`` are ``time:Instant`` s (``time:inXSDDate``; the end is exclusive),
  ``prov:wasRevisionOf`` the previous version, ``prov:wasGeneratedBy`` the change event
  that made it and ``prov:wasInvalidatedBy`` the one that ended it. This is the hierarchy
  and naming with qualified validity.
* **change events** ``<decision>/effect/{i}``: every event (establish, rename, move,
  dissolve, merge, split, transfer of functions) that took place is an
  ``org:ChangeEvent`` with ``dcterms:date`` and ``time:hasTime``, ``dcterms:type`` (a
  ``skos:Concept`` per event type), ``org:originalOrganization`` (the versions that held
  the day before) and ``org:resultingOrganization`` (those holding on the day: ORG models
  an organisation before and after a change as two organisations), and ``prov:used`` the
  deciding decision.
* **decisions** ``<base>decision/{issuer}/{year}/{number}``: a ``prov:Entity`` with
  ``dcterms:identifier`` (``2041/QĐ-UBND``), ``dcterms:type`` (``QĐ``), ``dcterms:title``,
  ``dcterms:creator`` (the issuer), ``dcterms:issued`` (signing date), ``dcterms:valid``
  (effective date), ``time:hasTime`` the interval it is in force, ``dcterms:replaces``
  the decisions it supersedes, ``dcterms:relation`` those it repeals or amends, and
  ``dcterms:source`` its sources (a URL, or the document's name as text).
* **committees**: each seat a deciding text sets is an ``org:Post`` ``org:postIn`` the
  committee with ``org:role`` (an ``org:Role``: Trưởng ban…); each office that holds a
  seat ex officio (``Giám đốc`` of a Sở, or its successor after a merger) is an
  ``org:Post`` ``org:postIn`` its organisation; the holder of the office (a
  ``foaf:Agent``, whoever it is) ``org:holds`` both; and each tenure
  (:func:`govmodel.export.rows.tenures`) is an ``org:Membership`` (``org:member`` the
  holder, ``org:organization`` the committee, ``org:role``, ``org:memberDuring`` a
  ``time:Interval``, ``prov:wasDerivedFrom`` the deciding decisions).
* **post holders** (:func:`govmodel.export.holders.holdings`): each person
  ``<base>person/{id}`` is a ``foaf:Person`` with ``foaf:name`` (and ``skos:altLabel`` for
  other names) who ``org:holds`` the office ``org:Post`` (``org:postIn`` its organisation,
  ``org:role`` an ``org:Role`` labelled with the title); each holding is an
  ``org:Membership`` ``<office>/holding/{person}/{start}`` with ``org:member`` the person,
  ``org:organization`` the office's organisation, ``org:role`` the title's role,
  ``org:memberDuring`` its ``time:Interval`` (the end exclusive: the term's end or the
  ending decision's date), ``dcterms:type`` ``"appointment"`` or ``"observation"``,
  ``prov:wasDerivedFrom`` the appointing and ending decisions, and for an observation
  ``dcterms:source`` the text that names the holder (a URL, or the document's name).

>>> import govmodel as gm
>>> g = to_graph(gm.load_dataset("bac-kan-2008"))
>>> from rdflib.namespace import ORG, RDF
>>> len(list(g.subjects(RDF.type, ORG.ChangeEvent)))
2
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from govmodel.decisions import (
    Decision,
    Dissolve,
    Effect,
    Establish,
    Event,
    Merge,
    Move,
    Rename,
    Split,
    TransferFunctions,
)
from govmodel.errors import InvalidValueError
from govmodel.export import DEFAULT_BASE, MissingExtraError
from govmodel.export.holders import holdings, persons
from govmodel.export.rows import Tenure, tenures
from govmodel.model import Agency, Membership, PostRef, Source, Unit
from govmodel.results import Holding, Version
from govmodel.timeline import Timeline

try:  # rdflib is optional: the functions below say so when it is missing
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, TIME, XSD
    from rdflib.plugins.serializers.turtle import TurtleSerializer
    from rdflib.term import Node
except ImportError:  # pragma: no cover - exercised by hiding rdflib in the tests
    _HAVE_RDFLIB = False
else:
    _HAVE_RDFLIB = True

    class _Turtle(TurtleSerializer):
        """rdflib's Turtle writer, looking for prefixed names only among the graph's bound
        vocabularies: each minted resource (``…/org/<id>/version/…``) would otherwise count
        as a namespace of its own, and rdflib searches all of them for every name it writes
        (quadratic: 10 minutes for the commune dataset). Minted resources are written in
        full, as rdflib writes them anyway."""

        def __init__(self, graph: Graph) -> None:
            super().__init__(graph)
            self._vocabularies = tuple(str(ns) for _p, ns in graph.namespaces())

        def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
            if isinstance(uri, URIRef) and not str.startswith(uri, self._vocabularies):
                return None
            return super().get_pname(uri, gen_prefix)

__all__ = ["DEFAULT_BASE", "to_graph", "to_turtle"]

_LANG = "vi"
_BASE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*[/#]$")
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>\"{}|\\^`]+$")


def _require_rdflib() -> None:
    if not _HAVE_RDFLIB:
        raise MissingExtraError("org-turtle", "rdflib", "rdf")


def _q(text: str) -> str:
    """Percent-encode one path segment ("/" included), so ids stay one segment."""
    return quote(text, safe="")


def _office_path(post: PostRef) -> tuple[str, ...]:
    """``{organisation}/{title}[/{qualifier}]``, each segment percent-encoded."""
    tail = () if post.qualifier is None else (_q(post.qualifier),)
    return (_q(post.org_id), _q(post.title), *tail)


class _Builder:
    """Fills one graph from one timeline (private; see :func:`to_graph`)."""

    def __init__(self, timeline: Timeline, base: str) -> None:
        self.tl = timeline
        self.base = base
        self.g = Graph()
        for prefix, ns in (
            ("org", ORG),
            ("skos", SKOS),
            ("prov", PROV),
            ("time", TIME),
            ("dcterms", DCTERMS),
            ("foaf", FOAF),
            ("xsd", XSD),
        ):
            self.g.bind(prefix, ns)
        self.versions = {i: timeline.history(i) for i in timeline.organisation_ids()}

    # ------------------------------------------------------------------ URIs
    def uri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def org(self, org_id: str) -> URIRef:
        return self.uri("org", _q(org_id))

    def version(self, v: Version) -> URIRef:
        start = "first" if v.valid_from is None else v.valid_from.isoformat()
        return URIRef(f"{self.org(v.value.id)}/version/{start}")

    def decision(self, d: Decision) -> URIRef:
        return self.uri("decision", _q(d.issuer), str(d.year), _q(str(d.number)))

    def event(self, d: Decision, index: int) -> URIRef:
        return URIRef(f"{self.decision(d)}/effect/{index}")

    def office(self, post: PostRef) -> URIRef:
        return self.uri("post", *_office_path(post))

    def seat(self, committee_id: str, m: Membership) -> URIRef:
        return self.uri("seat", _q(committee_id), m.role.value, *_office_path(m.post))

    # ------------------------------------------------------------------ small things
    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def label(self, s: URIRef, name: str, *, pref: bool = True) -> None:
        self.add(s, SKOS.prefLabel if pref else SKOS.altLabel, Literal(name, lang=_LANG))

    def concept(self, kind: str, value: str) -> URIRef:
        c = self.uri(kind, _q(value))
        self.add(c, RDF.type, SKOS.Concept)
        self.add(c, SKOS.prefLabel, Literal(value))
        return c

    def instant(self, day: dt.date) -> URIRef:
        i = self.uri("date", day.isoformat())
        self.add(i, RDF.type, TIME.Instant)
        self.add(i, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date))
        return i

    def interval(self, s: URIRef, p: URIRef, start: dt.date | None, end: dt.date | None) -> None:
        """``s p [a time:Interval; time:hasBeginning start; time:hasEnd end]`` when known."""
        if start is None and end is None:
            return
        i = URIRef(f"{s}/interval")
        self.add(s, p, i)
        self.add(i, RDF.type, TIME.Interval)
        if start is not None:
            self.add(i, TIME.hasBeginning, self.instant(start))
        if end is not None:
            self.add(i, TIME.hasEnd, self.instant(end))

    def hierarchy(self, s: URIRef, child: Version, parent_id: str, *, inverse: bool) -> None:
        """``s`` under *parent_id*: sub-organisation, and unit of an agency when it is one."""
        p = self.org(parent_id)
        parent = self.versions[parent_id][-1].value  # an organisation never changes its class
        self.add(s, ORG.subOrganizationOf, p)
        is_unit = isinstance(child.value, Unit) and isinstance(parent, Agency)
        if is_unit:
            self.add(s, ORG.unitOf, p)
        if inverse:
            self.add(p, ORG.hasSubOrganization, s)
            if is_unit:
                self.add(p, ORG.hasUnit, s)

    def at(self, org_id: str, day: dt.date) -> Version | None:
        return next((v for v in self.versions.get(org_id, ()) if v.holds_on(day)), None)

    # ------------------------------------------------------------------ organisations
    def organisations(self) -> None:
        for org_id, versions in self.versions.items():
            o = self.org(org_id)
            last = versions[-1]
            value = last.value
            self.add(o, RDF.type, ORG.Organization)
            if isinstance(value, Agency):
                self.add(o, RDF.type, ORG.FormalOrganization)
            elif isinstance(value, Unit):
                self.add(o, RDF.type, ORG.OrganizationalUnit)
            self.add(o, ORG.identifier, Literal(org_id))
            self.label(o, value.name)
            names = dict.fromkeys(n for v in versions for n in v.value.names)
            for name in names:
                if name != value.name:
                    self.label(o, name, pref=False)
            self.add(o, ORG.classification, self.concept("kind", value.kind.value))
            if value.parent is not None:
                self.hierarchy(o, last, value.parent, inverse=True)
            self.version_chain(o, versions)

    def version_chain(self, o: URIRef, versions: Sequence[Version]) -> None:
        previous: URIRef | None = None
        for v in versions:
            s = self.version(v)
            self.add(s, RDF.type, PROV.Entity)
            self.add(s, PROV.specializationOf, o)
            self.label(s, v.value.name)
            for short in v.value.short_names:
                self.label(s, short, pref=False)
            self.add(s, ORG.classification, self.concept("kind", v.value.kind.value))
            if v.value.parent is not None:
                self.hierarchy(s, v, v.value.parent, inverse=False)
            self.interval(s, TIME.hasTime, v.valid_from, v.valid_to)
            if previous is not None:
                self.add(s, PROV.wasRevisionOf, previous)
            previous = s

    # ------------------------------------------------------------------ decisions
    def decisions(self) -> None:
        for d in self.tl.decisions:
            s = self.decision(d)
            self.add(s, RDF.type, PROV.Entity)
            self.add(s, DCTERMS.identifier, Literal(str(d.number)))
            self.add(s, DCTERMS.type, Literal(d.doc_type))
            if d.title:
                self.add(s, DCTERMS.title, Literal(d.title, lang=_LANG))
            self.add(s, DCTERMS.creator, self.org(d.issuer))
            if d.signed_on is not None:
                self.add(s, DCTERMS.issued, Literal(d.signed_on.isoformat(), datatype=XSD.date))
            self.add(s, DCTERMS.valid, Literal(d.effective_on.isoformat(), datatype=XSD.date))
            self.interval(s, TIME.hasTime, d.effective_on, self.tl.ends(d))
            for ref in d.supersedes:
                self.add(s, DCTERMS.replaces, self.decision(self.tl.decision(ref)))
            for ref in (*d.repeals, *d.amends):
                self.add(s, DCTERMS.relation, self.decision(self.tl.decision(ref)))
            for src in d.sources:
                self.source(s, src)

    def source(self, s: URIRef, src: Source) -> None:
        """``s dcterms:source`` the URL, or the document's name (and locator) as text."""
        url = src.url or ""
        if _URL_RE.match(url):
            self.add(s, DCTERMS.source, URIRef(url))
        else:
            where = src.document + (f", {src.locator}" if src.locator else "")
            self.add(s, DCTERMS.source, Literal(where))

    # ------------------------------------------------------------------ change events
    def events(self) -> None:
        for d in self.tl.decisions:
            for i, e in enumerate(d.effects):
                day = d.effect_date(e)
                if isinstance(e, Event) and self.tl.in_force(d, day):
                    self.change_event(d, i, e, day)

    def change_event(self, d: Decision, index: int, e: Effect, day: dt.date) -> None:
        s = self.event(d, index)
        before, after = _sides(e)
        self.add(s, RDF.type, ORG.ChangeEvent)
        self.add(s, DCTERMS.type, self.concept("event-type", type(e).__name__))
        self.add(s, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date))
        self.add(s, TIME.hasTime, self.instant(day))
        self.add(s, PROV.used, self.decision(d))
        if day > dt.date.min:
            for org_id in before:
                v = self.at(org_id, day - dt.timedelta(days=1))
                if v is not None:
                    self.add(s, ORG.originalOrganization, self.version(v))
                    if v.valid_to == day:
                        self.add(self.version(v), PROV.wasInvalidatedBy, s)
        for org_id in after:
            v = self.at(org_id, day)
            if v is not None:
                self.add(s, ORG.resultingOrganization, self.version(v))
                if v.valid_from == day:
                    self.add(self.version(v), PROV.wasGeneratedBy, s)

    # ------------------------------------------------------------------ committees
    def committees(self) -> None:
        for t in tenures(self.tl):
            self.tenure(t)

    def tenure(self, t: Tenure) -> None:
        m, post = t.membership, t.office
        office, seat = self.office(post), self.seat(t.committee_id, m)
        holder = URIRef(f"{office}/holder")
        committee = self.org(t.committee_id)
        role = self.uri("role", m.role.value)
        versions = self.versions[post.org_id]
        renders = list(dict.fromkeys(post.render(v.value.name) for v in versions))
        self.add(office, RDF.type, ORG.Post)
        self.add(office, ORG.postIn, self.org(post.org_id))
        self.label(office, renders[-1])
        for other in renders[:-1]:
            self.label(office, other, pref=False)
        self.add(role, RDF.type, ORG.Role)
        self.label(role, m.role.vi)
        self.add(seat, RDF.type, ORG.Post)
        self.add(seat, ORG.postIn, committee)
        self.add(seat, ORG.role, role)
        self.label(seat, f"{m.role.vi}: {renders[-1]}")
        self.add(holder, RDF.type, FOAF.Agent)
        self.add(holder, ORG.holds, office)
        self.add(holder, ORG.holds, seat)
        ms = URIRef(f"{seat}/{t.start.isoformat()}")
        self.add(ms, RDF.type, ORG.Membership)
        self.add(ms, ORG.member, holder)
        self.add(ms, ORG.organization, committee)
        self.add(ms, ORG.role, role)
        self.interval(ms, ORG.memberDuring, t.start, t.end)
        for d in t.decisions:
            self.add(ms, PROV.wasDerivedFrom, self.decision(d))


    # ------------------------------------------------------------------ post holders
    def holders(self) -> None:
        for p in persons(self.tl):
            s = self.person(p.id)
            self.add(s, RDF.type, FOAF.Person)
            self.add(s, FOAF.name, Literal(p.name, lang=_LANG))
            for other in p.other_names:
                self.label(s, other, pref=False)
        for h in holdings(self.tl):
            if h.post.org_id in self.versions:
                self.holding(h)

    def person(self, person_id: str) -> URIRef:
        return self.uri("person", _q(person_id))

    def holding(self, h: Holding) -> None:
        post, person = h.post, self.person(h.person_id)
        office = self.office(post)
        title = post.title + (f" {post.qualifier}" if post.qualifier else "")
        role = self.uri("title", _q(title))
        self.add(role, RDF.type, ORG.Role)
        self.label(role, title)
        self.add(office, RDF.type, ORG.Post)
        self.add(office, ORG.postIn, self.org(post.org_id))
        self.add(office, ORG.role, role)
        self.label(office, post.render(self.versions[post.org_id][-1].value.name))
        self.add(person, ORG.holds, office)
        ms = URIRef(f"{office}/holding/{_q(h.person_id)}/{h.start.isoformat()}")
        self.add(ms, RDF.type, ORG.Membership)
        self.add(ms, ORG.member, person)
        self.add(ms, ORG.organization, self.org(post.org_id))
        self.add(ms, ORG.role, role)
        self.add(ms, DCTERMS.type, Literal(h.known_from))
        self.interval(ms, ORG.memberDuring, h.start, h.end)
        for d in (h.decision, h.ended_by):
            if d is not None:
                self.add(ms, PROV.wasDerivedFrom, self.decision(d))
        if isinstance(h.source, Source):
            self.source(ms, h.source)


def _sides(e: Effect) -> tuple[Iterable[str], Iterable[str]]:
    """The organisations an event changes: (those before it, those after it)."""
    if isinstance(e, Establish):
        return (), (e.org.id,)
    if isinstance(e, Rename | Move | Dissolve):
        return (e.org_id,), (() if isinstance(e, Dissolve) else (e.org_id,))
    if isinstance(e, Merge):
        return (*e.sources, e.into), (e.into,)
    if isinstance(e, Split):
        parts = tuple(p.org_id for p in e.parts)
        kept = () if e.dissolve_source else (e.source,)
        return (e.source, *parts), (*parts, *kept)
    if isinstance(e, TransferFunctions):
        return (e.from_org, e.to_org), (e.from_org, e.to_org)
    return (), ()  # pragma: no cover - the event set is closed


def to_graph(timeline: Timeline, *, base: str = DEFAULT_BASE) -> Graph:
    """The timeline as an RDF graph in the W3C Organization Ontology (see the module).

    Args:
        timeline: the timeline.
        base: the namespace of the minted URIs; an absolute URI ending in ``/`` or ``#``.

    Returns:
        A new :class:`rdflib.Graph` with the usual prefixes bound.

    Raises:
        MissingExtraError: rdflib is not installed.
        InvalidValueError: *base* is not an absolute URI ending in ``/`` or ``#``.

    Runtime complexity: O(N · k) for N organisations of k versions, plus the committees'
    tenures (:func:`govmodel.export.rows.tenures`).
    """
    _require_rdflib()
    if not _BASE_RE.match(base):
        raise InvalidValueError(f"base must be an absolute URI ending in '/' or '#', not {base!r}")
    b = _Builder(timeline, base)
    b.organisations()
    b.decisions()
    b.events()
    b.committees()
    b.holders()
    return b.g


def to_turtle(timeline: Timeline, **kw: str) -> str:
    """:func:`to_graph` serialised as Turtle text.

    Args:
        timeline: the timeline.
        **kw: passed to :func:`to_graph` (``base``).

    Returns:
        The Turtle text (UTF-8 characters kept).

    Raises:
        MissingExtraError: rdflib is not installed.
    """
    graph = to_graph(timeline, **kw)  # first: it says so when rdflib is missing
    buf = io.BytesIO()
    _Turtle(graph).serialize(buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")
