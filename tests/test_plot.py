"""Pictures (govmodel.plot): organisation charts, lineage graphs, names-over-time charts.

The SVG tests need Graphviz's ``dot``: they skip without it, and fail when
``GOVMODEL_REQUIRE_GRAPHVIZ`` is set (as CI sets it). matplotlib and networkx come with the
``plot`` extra, which ``dev`` installs.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel as gm
import govmodel.testing as gt
from govmodel.effects import Merge, Rename
from govmodel.errors import GovModelError, MissingProgramError
from govmodel.plot import (
    LineageGraph,
    Picture,
    _graphviz,
    lineage_graph,
    name_spans,
    names_chart,
    org_chart,
    org_chart_dot,
)
from test_browser import png_pixels

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = (
    "</script><script>alert(1)</script>",
    'Sở "A" <b>B</b> & C \'D\'',
    "x'); DROP TABLE versions; --",
    "a\\N b\\n c\\\\ d\\G &amp; &#92; ]]>",
)
RENAMED = "Ủy ban <i>mới</i> & \"x\" \\L"


@pytest.fixture(scope="module")
def lang_son_2021() -> gm.Snapshot:
    return gm.load_dataset("lang-son-2021").as_of("10/12/2021")


@pytest.fixture(scope="module")
def lang_son_history() -> gm.Timeline:
    return gm.load_dataset("lang-son-history")


def nodes_of(svg: str) -> dict[str, ET.Element]:
    """The node groups of a Graphviz SVG, by their title (the organisation id)."""
    root = ET.fromstring(svg)
    out = {}
    for g in root.iter(f"{SVG}g"):
        if "node" in (g.get("class") or "").split():
            title = g.find(f"{SVG}title")
            assert title is not None and title.text is not None
            out[title.text] = g
    return out


def edges_of(svg: str) -> list[str]:
    """The titles of a Graphviz SVG's edges (``source->target``)."""
    root = ET.fromstring(svg)
    return [
        "".join(g.find(f"{SVG}title").itertext())  # type: ignore[union-attr]
        for g in root.iter(f"{SVG}g") if "edge" in (g.get("class") or "").split()
    ]


def texts_of(node: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in node.iter(f"{SVG}text")]


def name_of(node: ET.Element) -> str:
    """The name a node shows: its bold lines, joined."""
    return " ".join("".join(t.itertext()) for t in node.iter(f"{SVG}text")
                    if t.get("font-weight") == "bold")


def tooltip_of(node: ET.Element) -> str:
    anchor = node.find(f".//{SVG}a")
    assert anchor is not None
    return anchor.get("{http://www.w3.org/1999/xlink}title") or ""


def one_line(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------- org chart
def test_org_chart_has_a_node_per_live_organisation(dot: str, lang_son_2021: gm.Snapshot) -> None:
    """The SVG parses; it has one node per organisation alive on 10/12/2021, showing its
    name on that day, and one edge per parent → unit."""
    pic = org_chart(lang_son_2021)
    assert isinstance(pic, Picture) and pic.format.value == "svg"
    nodes = nodes_of(pic.svg)
    assert set(nodes) == set(lang_son_2021)
    assert len(nodes) == len(lang_son_2021) == 30
    for org in lang_son_2021.organisations():
        assert name_of(nodes[org.id]) == org.name
    expected = {f"{o.parent}->{o.id}" for o in lang_son_2021.organisations() if o.parent}
    assert set(edges_of(pic.svg)) == expected


def test_org_chart_names_the_deciding_decision(dot: str, lang_son_2021: gm.Snapshot) -> None:
    """The renamed units show QĐ 33/2021 under their new names and in their tooltips."""
    nodes = nodes_of(org_chart(lang_son_2021, "lang-son/so-tttt").svg)
    assert len(nodes) == 7
    centre = nodes["lang-son/so-tttt/trung-tam-cntt-tt"]
    assert texts_of(centre)[0] == "Trung tâm Công nghệ số"
    assert texts_of(centre)[-1] == "public service unit · 33/2021/QĐ-UBND"
    assert "33/2021/QĐ-UBND" in tooltip_of(centre)
    assert texts_of(nodes["lang-son/so-tttt/van-phong"])[-1] == "office"


def test_org_chart_png_is_not_blank(dot: str, lang_son_2021: gm.Snapshot) -> None:
    """The PNG decodes, has a sensible size and many distinct byte values."""
    pic = org_chart(lang_son_2021, "lang-son/so-tttt", format="png")
    width, height, raw = png_pixels(pic.png)
    assert width > 200 and height > 200
    assert len(set(raw)) > 20, "the picture is blank"
    assert pic._repr_png_() == pic.png and pic._repr_svg_() is None


def hostile_timeline(names: tuple[str, ...]) -> gm.Timeline:
    root = gm.Agency(id="p/ubnd", name="Ủy ban nhân dân tỉnh Thử", kind="peoples_committee",
                     level="province")
    units = [gm.Unit(id=f"p/u{i}", name=n, parent="p/ubnd", kind="division")
             for i, n in enumerate(names)]
    merge = gm.Decision(
        number="1/QĐ-UBND", issuer="p/ubnd", signed_on="2024-01-01",
        title="</title><script>alert(2)</script> & \"merge\" \\N",
        effects=[Merge(sources=["p/u0", "p/u1"], into="p/u2"),
                 Rename(org_id="p/ubnd", name=RENAMED)],
    )
    return gm.Timeline.from_decisions([merge], initial=[root, *units])


def test_hostile_names_stay_data_in_the_org_chart(dot: str) -> None:
    """Names holding markup, quotes, ampersands, entities and Graphviz's backslash escapes
    come out of the SVG as exactly that text, and no element of it is a script."""
    snap = hostile_timeline(HOSTILE).as_of("2023-01-01")
    svg = org_chart(snap).svg
    assert "<script" not in svg
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    nodes = nodes_of(svg)
    for i, name in enumerate(HOSTILE):
        assert name_of(nodes[f"p/u{i}"]) == name
        assert tooltip_of(nodes[f"p/u{i}"]).startswith(f"{name} [p/u{i}]")


def test_hostile_decision_titles_stay_data_in_the_lineage_graph(dot: str) -> None:
    """A decision title with markup and backslashes is text in the edges' tooltips."""
    g = lineage_graph(hostile_timeline(HOSTILE))
    svg = g.draw().svg
    assert "<script" not in svg
    anchors = [a.get("{http://www.w3.org/1999/xlink}title") or ""
               for a in ET.fromstring(svg).iter(f"{SVG}a")]
    assert any(a.endswith(': </title><script>alert(2)</script> & "merge" \\N') for a in anchors)
    names = {name_of(n) for n in nodes_of(svg).values()}
    assert names == {*HOSTILE[:3], RENAMED}  # the merged and renamed bodies; not p/u3
    assert "until 2024-01-01 by 1/QĐ-UBND: Ủy ban nhân dân tỉnh Thử" in " ".join(
        texts_of(nodes_of(svg)["p/ubnd"]))


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(gt.texts(max_size=30) | st.sampled_from(["]", "  ]  x ", "[", "]]>", "\\", "&#93;"]),
                min_size=3, max_size=3))
def test_any_name_is_the_text_of_its_node(dot: str, names: list[str]) -> None:
    """For generated names (any printable text), each node's text is the name, its
    whitespace runs made single spaces and characters XML cannot hold made U+FFFD."""
    snap = hostile_timeline(tuple(names)).as_of("2023-01-01")
    nodes = nodes_of(org_chart(snap).svg)
    for i, name in enumerate(names):
        assert one_line(name_of(nodes[f"p/u{i}"])) == one_line(
            _graphviz.clean(name))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gt.timelines(max_steps=6), st.dates(dt.date(2019, 6, 1), dt.date(2026, 1, 1)))
def test_org_chart_nodes_are_the_live_organisations(
    dot: str, tl: gm.Timeline, day: dt.date
) -> None:
    """On generated timelines and any date, the chart has exactly one node per live
    organisation and one edge per live parent → unit."""
    snap = tl.as_of(day)
    source = org_chart_dot(snap)
    assert source.count("[label=") == len(snap)
    svg = org_chart(snap).svg
    assert set(nodes_of(svg)) == set(snap)
    assert Counter(edges_of(svg)) == Counter(
        f"{o.parent}->{o.id}" for o in snap.organisations() if o.parent in snap)


# ----------------------------------------------------------------------------- lineage
def test_bac_kan_became_thai_nguyen(dot: str) -> None:
    """The lineage graph of bac-kan-history has the 2025 merger of Bắc Kạn into Thái
    Nguyên (Nghị quyết 202/2025/QH15), in its edges, its SVG and its networkx graph."""
    tl = gm.load_dataset("bac-kan-history")
    g = lineage_graph(tl)
    merged = [e for e in g.edges if (e.source, e.target) == ("bac-kan", "thai-nguyen-2025")]
    assert [(e.kind, e.on, str(e.decision.number)) for e in merged if e.decision] == [
        ("merged", dt.date(2025, 7, 1), "202/2025/QH15")]
    svg = g.draw().svg
    assert "bac-kan->thai-nguyen-2025" in edges_of(svg)
    assert texts_of(nodes_of(svg)["thai-nguyen-2025"])[0] == "tỉnh Thái Nguyên"
    nxg = g.to_networkx()
    data = nxg.get_edge_data("bac-kan", "thai-nguyen-2025")
    assert [d["kind"] for d in data.values()] == ["merged"]
    assert next(iter(data.values()))["decision"] == "202/2025/QH15"
    # the department's line: renamed in 2008, merged into the new Sở KH&CN in 2025
    dept = g.node("bac-kan/so-tttt")
    assert [s.name for s in dept.names] == [
        "Sở Bưu chính - Viễn thông tỉnh Bắc Kạn", "Sở Thông tin và Truyền thông tỉnh Bắc Kạn"]
    assert nxg.has_edge("bac-kan/so-tttt", "thai-nguyen/so-khcn-2025")


def assert_matches_engine(tl: gm.Timeline, g: LineageGraph) -> None:
    """The networkx graph's edges are the engine's: successors out, predecessors in,
    renames and reclassifications as self-loops, dissolutions as node attributes."""
    nxg = g.to_networkx()
    assert set(nxg.nodes) == {n.id for n in g.nodes}
    for n in nxg.nodes:
        out = Counter((v, d["kind"], d["date"]) for _, v, d in nxg.out_edges(n, data=True)
                      if v != n)
        succ = Counter((e.target, e.kind, e.on.isoformat()) for e in tl.successors(n)
                       if e.target is not None)
        assert out == succ, n
        into = Counter((u, d["kind"], d["date"]) for u, _, d in nxg.in_edges(n, data=True)
                       if u != n)
        pred = Counter((e.source, e.kind, e.on.isoformat()) for e in tl.predecessors(n))
        assert into == pred, n
        loops = Counter((d["kind"], d["date"]) for _, v, d in nxg.out_edges(n, data=True)
                        if v == n)
        own = Counter((e.kind, e.on.isoformat()) for e in tl.lineage(n)
                      if e.source == e.target == n)
        assert loops == own, n
        gone = [e for e in tl.successors(n) if e.target is None]
        assert nxg.nodes[n].get("dissolved") == (gone[0].on.isoformat() if gone else None)


def test_networkx_graph_equals_the_engines_lineage(lang_son_history: gm.Timeline) -> None:
    """Lạng Sơn 2006–2025: every edge of the networkx graph is the engine's, both ways."""
    g = lineage_graph(lang_son_history)
    assert_matches_engine(lang_son_history, g)
    nxg = g.to_networkx()
    assert nxg.number_of_edges() == sum(1 for e in g.edges if e.target is not None) == 19
    assert nxg.nodes["lang-son/so-tttt"]["names"][0] == "Sở Bưu chính, Viễn thông tỉnh Lạng Sơn"
    assert nxg.has_edge("lang-son/so-tttt", "lang-son/so-khcn-2025")
    assert nxg.nodes["lang-son/so-tttt/van-phong"]["dissolved"] == "2025-03-01"


def test_graph_of_one_body_is_the_engines_lineage(lang_son_history: gm.Timeline) -> None:
    """With an id, the graph's edges are exactly ``Timeline.lineage(id)``."""
    g = lineage_graph(lang_son_history, "lang-son/so-tttt")
    assert g.edges == lang_son_history.lineage("lang-son/so-tttt")
    assert "lang-son/so-vhttdl" in {n.id for n in g.nodes}
    assert_matches_engine(lang_son_history, g)


def test_networkx_graph_writes_graphml(lang_son_history: gm.Timeline, tmp_path: Path) -> None:
    """Every attribute is plain data: GraphML round-trips the graph."""
    import networkx as nx  # noqa: PLC0415

    nxg = lineage_graph(lang_son_history).to_networkx()
    for _, d in nxg.nodes(data=True):
        d["names"] = " | ".join(d["names"])  # GraphML holds no lists
    nx.write_graphml(nxg, tmp_path / "lineage.graphml")
    back = nx.read_graphml(tmp_path / "lineage.graphml")
    assert set(back.nodes) == set(nxg.nodes)
    assert back.number_of_edges() == nxg.number_of_edges()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gt.unit_timelines())
def test_lineage_graph_edges_are_the_lineage_edges(tl: gm.Timeline) -> None:
    """On generated timelines of merging, splitting and reclassified units, the graph
    holds every edge of every body's ``lineage`` and nothing else, and its networkx
    graph agrees with ``successors`` and ``predecessors``."""
    g = lineage_graph(tl)
    every = set()
    for org_id in tl.organisation_ids():
        every.update(tl.lineage(org_id))
    assert set(g.edges) == every
    assert len(g.edges) == len(every)
    assert {n.id for n in g.nodes} == {x for e in every for x in (e.source, e.target) if x}
    assert_matches_engine(tl, g)


def test_lineage_svg_draws_every_edge_between_bodies(
    dot: str, lang_son_history: gm.Timeline, tmp_path: Path
) -> None:
    """The drawn graph has a node per body and an arrow per edge between two bodies;
    ``save`` picks the format from the file name."""
    g = lineage_graph(lang_son_history)
    svg = g._repr_svg_()
    assert set(nodes_of(svg)) == {n.id for n in g.nodes}
    assert Counter(edges_of(svg)) == Counter(
        f"{e.source}->{e.target}" for e in g.edges
        if e.target is not None and e.target != e.source)
    ET.fromstring(g.save(tmp_path / "l.svg").read_text("utf-8"))
    assert g.save(tmp_path / "l.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(GovModelError, match=r"\.svg or \.png"):
        g.save(tmp_path / "l.jpg")


# ----------------------------------------------------------------------------- names chart
def test_name_spans_follow_the_renames(lang_son_history: gm.Timeline) -> None:
    """The IT centre held two names; the second was set by QĐ 33/2021 on 10/12/2021."""
    spans = name_spans(lang_son_history, "lang-son/so-tttt/trung-tam-cntt-tt")
    assert [s.name for s in spans] == [
        "Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm Công nghệ số"]
    assert spans[0].end == spans[1].start == dt.date(2021, 12, 10)
    assert spans[1].decision is not None
    assert str(spans[1].decision.number) == "33/2021/QĐ-UBND"


def test_names_chart_png_is_not_blank(lang_son_history: gm.Timeline) -> None:
    """The PNG decodes and is not blank; it is taller with more rows."""
    ids = [i for i in lang_son_history.organisation_ids() if i.startswith("lang-son/so-tttt")]
    pic = names_chart(lang_son_history, ids)
    width, height, raw = png_pixels(pic._repr_png_() or b"")
    assert width > 600 and height > 200
    assert len(set(raw)) > 50, "the chart is blank"
    _, taller, _ = png_pixels(names_chart(lang_son_history).png)
    assert taller > height


def test_names_chart_svg_has_every_name_as_text() -> None:
    """The SVG keeps names as escaped text, even hostile ones (no mathtext, no markup)."""
    tl = hostile_timeline((*HOSTILE, "Giá $5$ và 50% $", "a\x1bb"))
    svg = names_chart(tl, format="svg").svg
    assert "<script" not in svg
    texts = {"".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")}
    for name in (*HOSTILE, "Giá $5$ và 50% $", RENAMED, "a\ufffdb"):
        assert name in texts
    assert {"1/QĐ-UBND (2024-01-01)", "first recorded state"} <= texts


def test_names_chart_rejects_an_unknown_id(lang_son_history: gm.Timeline) -> None:
    """An id no organisation has is the usual lookup error, before anything is drawn."""
    with pytest.raises(KeyError, match="no-such"):
        names_chart(lang_son_history, ["lang-son/no-such"])


# ----------------------------------------------------------------------------- pictures
def test_picture_save_and_formats(tmp_path: Path) -> None:
    """``save`` writes the bytes; it refuses a file name of the other format."""
    pic = Picture("svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert pic.save(tmp_path / "a.svg").read_text("utf-8") == pic.svg
    assert pic.save(tmp_path / "a.txt").read_bytes() == pic.data
    with pytest.raises(GovModelError, match="cannot save a svg picture"):
        pic.save(tmp_path / "a.png")
    with pytest.raises(ValueError, match="'svg' or 'png'"):
        Picture("gif", b"")
    with pytest.raises(ValueError, match="not a PNG"):
        _ = pic.png


def test_missing_dot_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``dot`` on the PATH, drawing raises MissingProgramError, an ImportError
    naming Graphviz; the DOT text needs no program."""
    monkeypatch.setenv("PATH", "/nonexistent")
    snap = gm.load_dataset("lang-son-2021").as_of("10/12/2021")
    with pytest.raises(MissingProgramError, match="apt-get install graphviz") as info:
        org_chart(snap)
    assert isinstance(info.value, ImportError) and info.value.program == "dot"
    assert org_chart_dot(snap).startswith("digraph")


def test_core_never_imports_the_plot_libraries() -> None:
    """``import govmodel`` and ``import govmodel.plot`` import neither matplotlib nor
    networkx; without them the functions raise MissingExtraError naming the extra."""
    code = (
        "import sys\n"
        "import govmodel, govmodel.plot\n"
        "assert 'matplotlib' not in sys.modules and 'networkx' not in sys.modules\n"
        "sys.modules['matplotlib'] = None; sys.modules['networkx'] = None\n"
        "tl = govmodel.load_dataset('bac-kan-2008')\n"
        "for f in (lambda: govmodel.plot.names_chart(tl),\n"
        "          lambda: govmodel.plot.lineage_graph(tl).to_networkx()):\n"
        "    try:\n"
        "        f()\n"
        "    except ImportError as exc:\n"
        "        print(type(exc).__name__, exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == [
        "MissingExtraError the 'names chart' export needs matplotlib: pip install 'govmodel[plot]'",
        "MissingExtraError the 'to_networkx' export needs networkx: pip install 'govmodel[plot]'",
    ]


# ----------------------------------------------------------------------------- CLI
def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govmodel", *args], capture_output=True,
                          cwd=cwd, timeout=300, check=False)


def test_cli_exports_each_chart(dot: str, tmp_path: Path) -> None:
    """``govmodel export --format svg|png --chart org|lineage|names`` writes each picture;
    an SVG may go to standard output."""
    done = run("export", "-f", "svg", "--at", "10/12/2021", "lang-son/so-tttt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(nodes_of(done.stdout.decode("utf-8"))) == 7

    done = run("-d", "lang-son-history", "export", "-f", "svg", "--chart", "lineage",
               "-o", "l.svg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "lang-son/so-tttt->lang-son/so-khcn-2025" in edges_of(
        (tmp_path / "l.svg").read_text("utf-8"))

    done = run("-d", "lang-son-history", "export", "-f", "png", "--chart", "names",
               "lang-son/so-tttt", "-o", "n.png", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"wrote n.png" in done.stderr
    raw = png_pixels((tmp_path / "n.png").read_bytes())[2]
    assert len(set(raw)) > 50

    done = run("-d", "lang-son-history", "export", "-f", "png", "--at", "2022-01-01",
               "--chart", "org", "-o", "o.png", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert png_pixels((tmp_path / "o.png").read_bytes())[1] > 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-f", "png"], "--format png writes a binary file: give -o FILE"),
        (["export", "-f", "svg", "-o", "x.png"], "cannot be written to 'x.png'"),
        (["export", "-f", "svg", "--chart", "lineage", "--at", "2021-01-01"], "leave out --at"),
        (["export", "-f", "svg", "--chart", "names", "lang-son/nope"], "no organisation"),
    ],
)
def test_cli_picture_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    """Misuse is a one-line error and exit code 2, and writes no file."""
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_without_dot_exits_2(tmp_path: Path) -> None:
    """With no ``dot`` on the PATH the command says to install Graphviz (exit 2)."""
    env = {**os.environ, "PATH": "/nonexistent"}
    done = subprocess.run([sys.executable, "-m", "govmodel", "export", "-f", "svg"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 2
    assert "needs the 'dot' program" in done.stderr and "Traceback" not in done.stderr
