"""W3C ORG export (govmodel.export.org): Turtle read back with rdflib and queried with SPARQL."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import govmodel as gm
from govmodel.export import MissingExtraError
from strategies import scenarios
from test_export_rows import merger_timeline

rdflib = pytest.importorskip("rdflib")
from rdflib.namespace import ORG, PROV, RDF, SKOS  # noqa: E402 - after the importorskip

from govmodel.export.org import DEFAULT_BASE, to_graph, to_turtle  # noqa: E402

SO = "lang-son/so-tttt"
BCD = "lang-son/bcd-cds"

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

RENAMED_BY_33 = (
    PREFIXES
    + """
SELECT ?id ?old ?new WHERE {
  ?event a org:ChangeEvent ;
         dcterms:date "2021-12-10"^^xsd:date ;
         prov:used ?decision ;
         org:originalOrganization ?before ;
         org:resultingOrganization ?after .
  ?decision dcterms:identifier "33/2021/QĐ-UBND" .
  ?before prov:specializationOf ?unit ; skos:prefLabel ?old .
  ?after prov:specializationOf ?unit ; skos:prefLabel ?new .
  ?unit org:unitOf ?so ; org:identifier ?id .
  ?so org:identifier "lang-son/so-tttt" .
  FILTER (?old != ?new)
}
"""
)


@pytest.fixture(scope="module")
def tl() -> gm.Timeline:
    return gm.load_dataset("lang-son-2021")


@pytest.fixture(scope="module")
def graph(tl) -> rdflib.Graph:
    """The Lạng Sơn Turtle, parsed back by rdflib."""
    return rdflib.Graph().parse(data=to_turtle(tl), format="turtle")


def _org(org_id: str, base: str = DEFAULT_BASE) -> rdflib.URIRef:
    return rdflib.URIRef(base + "org/" + org_id.replace("/", "%2F"))


def test_turtle_parses_back_to_the_same_graph(tl, graph):
    """Parsing the Turtle gives back exactly the triples of the graph."""
    assert set(graph) == set(to_graph(tl))
    assert len(graph) > 500


@pytest.mark.parametrize("name", gm.datasets())
def test_every_bundled_dataset_parses_back(name):
    """Each bundled dataset's Turtle parses back to the same triples."""
    tl = gm.load_dataset(name)
    assert set(rdflib.Graph().parse(data=to_turtle(tl), format="turtle")) == set(to_graph(tl))


def test_sparql_finds_the_three_units_renamed_by_quyet_dinh_33(graph):
    """A SPARQL query finds Quyết định 33's three renamed units with their old and new names."""
    found = {(str(r.id), str(r.old), str(r.new)) for r in graph.query(RENAMED_BY_33)}
    assert found == {
        (f"{SO}/phong-bcvt", "Phòng Bưu chính, Viễn thông", "Phòng Hạ tầng số"),
        (f"{SO}/phong-cntt", "Phòng Công nghệ thông tin", "Phòng Chuyển đổi số"),
        (
            f"{SO}/trung-tam-cntt-tt",
            "Trung tâm Công nghệ thông tin và Truyền thông",
            "Trung tâm Công nghệ số",
        ),
    }


def test_organisations_have_labels_in_vietnamese(graph):
    """The latest name is the prefLabel, former and short names altLabels, all tagged @vi."""
    centre = _org(f"{SO}/trung-tam-cntt-tt")
    pref = list(graph.objects(centre, SKOS.prefLabel))
    assert pref == [rdflib.Literal("Trung tâm Công nghệ số", lang="vi")]
    alt = set(graph.objects(centre, SKOS.altLabel))
    assert rdflib.Literal("Trung tâm Công nghệ thông tin và Truyền thông", lang="vi") in alt
    assert (centre, RDF.type, ORG.OrganizationalUnit) in graph
    assert (centre, ORG.unitOf, _org(SO)) in graph
    assert (_org(SO), ORG.hasUnit, centre) in graph
    assert (_org(SO), RDF.type, ORG.FormalOrganization) in graph
    assert (_org(SO), ORG.subOrganizationOf, _org("lang-son/ubnd")) in graph


def test_versions_carry_qualified_validity(graph):
    """Each version of the centre has its name and interval; the old one ends on 10/12/2021."""
    q = (
        PREFIXES
        + """
    SELECT ?name ?begin ?end WHERE {
      ?v prov:specializationOf ?unit ; skos:prefLabel ?name ; time:hasTime ?i ;
         org:unitOf ?so .
      ?unit org:identifier "lang-son/so-tttt/trung-tam-cntt-tt" .
      OPTIONAL { ?i time:hasBeginning/time:inXSDDate ?begin }
      OPTIONAL { ?i time:hasEnd/time:inXSDDate ?end }
    }"""
    )
    rows = {(str(r.name), r.begin and str(r.begin), r.end and str(r.end)) for r in graph.query(q)}
    assert rows == {
        ("Trung tâm Công nghệ thông tin và Truyền thông", None, "2021-12-10"),
        ("Trung tâm Công nghệ số", "2021-12-10", None),
    }


def test_committee_membership_of_the_director(graph):
    """The holder of 'Giám đốc' of Sở TT&TT is Phó Trưởng ban of the committee since 13/10/2021,
    by QĐ 2041."""
    q = (
        PREFIXES
        + """
    SELECT ?office ?start ?number WHERE {
      ?m a org:Membership ; org:organization ?c ; org:role ?r ; org:member ?holder ;
         org:memberDuring/time:hasBeginning/time:inXSDDate ?start ;
         prov:wasDerivedFrom/dcterms:identifier ?number .
      ?c org:identifier "lang-son/bcd-cds" .
      ?r skos:prefLabel "Phó Trưởng ban"@vi .
      ?holder org:holds ?post, ?seat .
      ?post a org:Post ; org:postIn ?so ; skos:prefLabel ?office .
      ?so org:identifier "lang-son/so-tttt" .
      ?seat org:postIn ?c ; org:role ?r .
    }"""
    )
    rows = {(str(r.office), str(r.start), str(r.number)) for r in graph.query(q)}
    assert rows == {
        ("Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn", "2021-10-13", "2041/QĐ-UBND")
    }


def test_decision_is_a_prov_entity_with_its_identity(graph):
    """QĐ 2041 is a prov:Entity with its number, issuer, signing date, and replaces QĐ 1782."""
    q = (
        PREFIXES
        + """
    SELECT ?issued ?replaced WHERE {
      ?d a prov:Entity ; dcterms:identifier "2041/QĐ-UBND" ; dcterms:issued ?issued ;
         dcterms:creator ?ubnd ; dcterms:replaces/dcterms:identifier ?replaced .
      ?ubnd org:identifier "lang-son/ubnd" .
    }"""
    )
    assert {(str(r.issued), str(r.replaced)) for r in graph.query(q)} == {
        ("2021-10-13", "1782/QĐ-UBND")
    }


def test_only_terms_of_the_org_vocabulary(graph):
    """Every org: term used exists in rdflib's (closed) ORG namespace."""
    used = {t for triple in graph for t in triple if str(t).startswith(str(ORG))}
    assert used
    for term in used:
        assert getattr(ORG, str(term)[len(str(ORG)) :]) == term


def test_change_events_are_the_events_that_happened(tl, graph):
    """One org:ChangeEvent per event effect whose decision was in force on its date."""
    expected = sum(
        1
        for d in tl.decisions
        for e in d.effects
        if isinstance(e, gm.Event) and tl.in_force(d, d.effect_date(e))
    )
    assert len(set(graph.subjects(RDF.type, ORG.ChangeEvent))) == expected == 4


def test_a_custom_base_is_used(tl):
    """All minted URIs live under the base given."""
    base = "https://data.example.vn/gov#"
    g = to_graph(tl, base=base)
    assert (_org(SO, base), RDF.type, ORG.Organization) in g
    assert not any(str(s).startswith(DEFAULT_BASE) for s in g.subjects())


@pytest.mark.parametrize("base", ["govmodel/", "https://x.example/id", "https://x.example/a b/"])
def test_a_bad_base_is_refused(tl, base):
    """The base must be an absolute URI ending in '/' or '#'."""
    with pytest.raises(gm.InvalidValueError, match="base must be an absolute URI"):
        to_graph(tl, base=base)


def test_without_rdflib_the_error_names_the_extra(monkeypatch, tl):
    """With rdflib missing, to_turtle raises MissingExtraError (also an ImportError) naming [rdf]."""
    path = Path(gm.__file__).parent / "export" / "org.py"
    monkeypatch.setitem(sys.modules, "rdflib", None)
    spec = importlib.util.spec_from_file_location("govmodel_export_org_without_rdflib", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(MissingExtraError, match=r"pip install 'govmodel\[rdf\]'") as info:
        module.to_turtle(tl)
    assert isinstance(info.value, ImportError) and isinstance(info.value, gm.GovModelError)


@SETTINGS
@given(scenarios())
def test_turtle_of_any_scenario_parses_back(s):
    """Law: the Turtle of any valid timeline parses back to the same triples, one prefLabel per
    organisation, one change event per event that happened."""
    tl = s.timeline()
    g = to_graph(tl)
    back = rdflib.Graph().parse(data=to_turtle(tl), format="turtle")
    assert len(back) == len(g)
    assert set(back) == set(g)
    for org_id in tl.organisation_ids():
        labels = list(back.objects(_org(org_id), SKOS.prefLabel))
        assert labels == [rdflib.Literal(tl.history(org_id)[-1].value.name, lang="vi")]
    happened = {
        (d.ref, i)
        for d in tl.decisions
        for i, e in enumerate(d.effects)
        if isinstance(e, gm.Event) and tl.in_force(d, d.effect_date(e))
    }
    assert len(set(back.subjects(RDF.type, ORG.ChangeEvent))) == len(happened)
    versions = sum(len(tl.history(i)) for i in tl.organisation_ids())
    assert len(set(back.subjects(PROV.specializationOf, None))) == versions


def test_membership_interval_ends_when_the_composition_is_replaced():
    """A seat dropped by a replacing composition has an org:memberDuring interval that ends then."""
    root = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    so = gm.Agency(id="p/so", name="Sở A", parent="p/ubnd", kind="department", level="province")
    bcd = gm.Committee(id="p/bcd", name="Ban Chỉ đạo", parent="p/ubnd")
    director = gm.PostRef("p/so", "Giám đốc")
    first = gm.Decision(
        number="1/QĐ-UBND",
        issuer="p/ubnd",
        signed_on="2020-01-01",
        effects=[gm.SetComposition(org_id="p/bcd", members=[gm.Membership("member", director)])],
    )
    second = gm.Decision(
        number="2/QĐ-UBND", issuer="p/ubnd", signed_on="2021-01-01", repeals=[first.ref]
    )
    g = rdflib.Graph().parse(
        data=to_turtle(gm.Timeline.from_decisions([first, second], initial=[root, so, bcd])),
        format="turtle",
    )
    q = (
        PREFIXES
        + """
    SELECT ?start ?end WHERE {
      ?m a org:Membership ; org:memberDuring ?i .
      ?i time:hasBeginning/time:inXSDDate ?start ; time:hasEnd/time:inXSDDate ?end .
    }"""
    )
    assert {(str(r.start), str(r.end)) for r in g.query(q)} == {("2020-01-01", "2021-01-01")}


def test_a_merger_passes_the_seat_to_the_successor_office():
    """The Phó Trưởng ban seat is held by Giám đốc Sở A until 1/3/2025, then by Giám đốc Sở B."""
    g = to_graph(merger_timeline())
    q = (
        PREFIXES
        + """
    SELECT ?office ?start WHERE {
      ?m a org:Membership ; org:role ?r ; org:member ?holder ;
         org:memberDuring/time:hasBeginning/time:inXSDDate ?start .
      ?r skos:prefLabel "Phó Trưởng ban"@vi .
      ?holder org:holds ?post, ?seat .
      ?post org:postIn/org:identifier ?org ; skos:prefLabel ?office .
      ?seat org:postIn/org:identifier "p/bcd" .
      FILTER (?org != "p/bcd")
    } ORDER BY ?start"""
    )
    rows = [(str(r.office), str(r.start)) for r in g.query(q)]
    assert rows == [("Giám đốc Sở A", "2021-10-13"), ("Giám đốc Sở B", "2025-03-01")]


# --------------------------------------------------------------------------- post holders
HOLDERS = (
    PREFIXES
    + """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?name ?office ?org ?start ?end ?how ?number WHERE {
  ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ;
     dcterms:type ?how ; org:memberDuring/time:hasBeginning/time:inXSDDate ?start .
  ?p a foaf:Person ; foaf:name ?name ; org:holds ?post .
  ?post a org:Post ; org:postIn ?o ; org:role ?r ; skos:prefLabel ?office .
  ?o org:identifier ?org .
  OPTIONAL { ?m org:memberDuring/time:hasEnd/time:inXSDDate ?end }
  OPTIONAL { ?m prov:wasDerivedFrom/dcterms:identifier ?number }
}"""
)


def _rows(g: rdflib.Graph) -> set[tuple[str | None, ...]]:
    return {tuple(None if x is None else str(x) for x in r) for r in g.query(HOLDERS)}


def test_the_seed_holders_hold_their_posts(graph):
    """Nguyễn Khắc Lịch holds the post Giám đốc of Sở TT&TT: an org:Membership during
    20/4/2022 (observed in seed 002, cited as dcterms:source), and Phó Giám đốc on 1/5/2021
    (observed in a cited public record)."""
    rows = {r for r in _rows(graph) if r[0] == "Nguyễn Khắc Lịch"}
    assert rows == {("Nguyễn Khắc Lịch", "Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn",
                     SO, "2022-04-20", "2022-04-21", "observation", None),
                    ("Nguyễn Khắc Lịch",
                     "Phó Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn",
                     SO, "2021-05-01", "2021-05-02", "observation", None)}
    q = PREFIXES + """SELECT ?src WHERE { ?m a org:Membership ; dcterms:type "observation" ;
        dcterms:source ?src ; org:member/<http://xmlns.com/foaf/0.1/name> "Nguyễn Khắc Lịch"@vi }"""
    srcs = sorted(str(r.src) for r in graph.query(q))
    assert len(srcs) == 2 and srcs[1].startswith("seeds/002")
    assert len({r[0] for r in _rows(graph)}) == 4


def test_an_appointment_and_its_end_are_a_membership_interval():
    """QĐ 888 appoints Nguyễn Văn An Phó Giám đốc from 26/7/2021 for 5 years; QĐ 901 retires
    him on 1/3/2023: one org:Membership from the one date to the other, derived from both."""
    ubnd = gm.Agency(id="bn/ubnd", name="UBND tỉnh Bắc Ninh", kind="peoples_committee",
                     level="province")
    so = gm.Agency(id="bn/so-gddt", name="Sở GDĐT", parent="bn/ubnd", kind="department",
                   level="province")
    pho = gm.PostRef("bn/so-gddt", "Phó Giám đốc")
    an = gm.Person(id="nguyen-van-an", name="Nguyễn Văn An")
    ds = [gm.Decision(number="888/QĐ-UBND", issuer="bn/ubnd", signed_on="2021-07-21",
                      effective_on="2021-07-26",
                      effects=[gm.Appoint(person=an, post=pho, term="5 năm")]),
          gm.Decision(number="901/QĐ-UBND", issuer="bn/ubnd", signed_on="2023-03-01",
                      effects=[gm.EndAppointment(person_id=an.id, post=pho, reason="nghỉ hưu")])]
    g = rdflib.Graph().parse(data=to_turtle(gm.Timeline.from_decisions(ds, initial=[ubnd, so])),
                             format="turtle")
    assert _rows(g) == {
        ("Nguyễn Văn An", "Phó Giám đốc Sở GDĐT", "bn/so-gddt", "2021-07-26", "2023-03-01",
         "appointment", n) for n in ("888/QĐ-UBND", "901/QĐ-UBND")}
    person = rdflib.URIRef(DEFAULT_BASE + "person/nguyen-van-an")
    assert (person, RDF.type, rdflib.namespace.FOAF.Person) in g


@pytest.mark.parametrize("name", ["</script><script>alert(1)</script>",
                                  "x'); DROP TABLE versions; --", 'a" ; <x> "b'])
def test_hostile_names_come_out_of_turtle_unharmed(name):
    """A name written as markup, SQL or Turtle syntax is a literal: the Turtle parses back
    to the same graph and the labels read exactly the name."""
    root = gm.Agency(id="p/ubnd", name="UBND", kind="peoples_committee", level="province")
    bad = gm.Unit(id="p/bad", name=name, parent="p/ubnd", kind="division")
    d = gm.Decision(number="1/QĐ-UBND", issuer="p/ubnd", signed_on="2021-01-04", title=name,
                    effects=[gm.Establish(org=bad),
                             gm.Appoint(person=gm.Person(id="p1", name=name),
                                        post=gm.PostRef("p/bad", "Trưởng phòng"))])
    tl = gm.Timeline.from_decisions([d], initial=[root])
    g = to_graph(tl)
    back = rdflib.Graph().parse(data=to_turtle(tl), format="turtle")
    from rdflib.compare import isomorphic  # noqa: PLC0415 - rdflib is imported or skipped above

    assert isomorphic(g, back)
    assert rdflib.Literal(name, lang="vi") in set(back.objects(_org("p/bad"), SKOS.prefLabel))
    assert {str(r[0]) for r in _rows(back)} == {name}
