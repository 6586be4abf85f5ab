"""govmodel.render and the Jupyter display: every live organisation drawn once, text escaped."""

from __future__ import annotations

import html.parser
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel import render
from strategies import Scenario, scenarios

SO = "lang-son/so-tttt"


class _Collect(html.parser.HTMLParser):
    """A strict-enough HTML reader: counts the organisations' <li> (those with a title;
    a committee's seats are items too) and checks tags nest."""

    VOID = frozenset({"meta", "br"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.items = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)
        self.items += tag == "li" and any(k == "title" for k, _ in attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> _Collect:
    p = _Collect()
    p.feed(fragment)
    p.close()
    assert p.stack == [], p.stack
    return p


@settings(max_examples=40, deadline=None)
@given(scenarios(), st.data())
def test_every_live_organisation_is_drawn_once(sc: Scenario, data: st.DataObject) -> None:
    """Text tree, Mermaid, DOT and HTML each show every live organisation exactly once,
    and draw one edge per organisation whose parent is alive."""
    snap = sc.timeline().as_of(data.draw(st.sampled_from(sc.dates)))
    orgs = snap.organisations()
    edges = sum(1 for o in orgs if o.parent is not None and o.parent in snap)
    tree = render.text_tree(snap, decisions=False, ids=True)
    assert len(tree.splitlines()) == len(orgs) if orgs else tree == ""
    assert sorted(re.findall(r"\[([^\]]+)\]$", tree, re.M)) == sorted(o.id for o in orgs)
    mermaid = render.mermaid(snap)
    assert mermaid.count("-->") == edges
    assert len(re.findall(r"^    n\d+\[", mermaid, re.M)) == len(orgs)
    dot = render.dot(snap)
    assert dot.count(" -> ") == edges and dot.rstrip().endswith("}")
    assert parse(render.html(snap)).items == len(orgs)


@settings(max_examples=30, deadline=None)
@given(scenarios())
def test_history_and_diff_tables_have_a_row_per_item(sc: Scenario) -> None:
    """`str(history)` / `str(diff)` print one row per version / change; HTML nests."""
    tl = sc.timeline()
    for org_id in tl.organisation_ids()[:3]:
        h = tl.history(org_id)
        assert isinstance(h, gm.History) and h == tuple(h)
        assert len(str(h).splitlines()) == 2 + len(h)
        assert parse(h._repr_html_()).text
    d = tl.diff(sc.dates[0], sc.dates[-1])
    assert len(str(d).splitlines()) == 2 + len(d)
    parse(render.html(d))


@given(st.text(min_size=1, max_size=30).filter(str.strip))
def test_html_escapes_names(name: str) -> None:
    """Whatever an organisation is called, the HTML shows the text, not markup."""
    org = gm.Unit(id="x/u", name=name, kind="division")
    page = parse(org._repr_html_())
    assert gm.vn.nfc(name).strip() in "".join(page.text)


def test_snapshot_display_on_the_seeds() -> None:
    """The 10/12/2021 snapshot: tree lines with the deciding decision, HTML list items."""
    snap = gm.load_dataset("lang-son-2021").as_of("10/12/2021")
    text = render.text_tree(snap, SO)
    assert "├── Phòng Hạ tầng số  (division)  ← 33/2021/QĐ-UBND" in text
    assert str(snap).startswith("<Snapshot on=2021-12-10: 30 organisations>\n")
    html_ = snap._repr_html_()
    assert html_.startswith("<style>")
    assert parse(html_).items == len(snap)
    assert "← 33/2021/QĐ-UBND" in html_


def test_seats_and_findings_print_as_tables() -> None:
    """Members on 13/10/2021 print role and post; check() lists the seed-000 conflict."""
    tl = gm.load_dataset("lang-son-2021")
    seats = tl.as_of("13/10/2021").members("lang-son/bcd-cds")
    lines = str(seats).splitlines()
    assert lines[2].startswith("Trưởng ban") and lines[2].endswith("Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn")
    assert len(lines) == 2 + len(seats)
    findings = str(tl.check())
    assert "conflicts  lang-son/so-tttt/phong-cntt         Phòng Công nghệ số" in findings


def test_dot_and_mermaid_quote_their_labels() -> None:
    """Quotes and backslashes in names cannot break the diagram syntax."""
    tl = gm.Timeline.from_decisions([], initial=[
        gm.Agency(id="a", name='Sở "A" \\ B', kind="department", level="province"),
    ])
    snap = tl.as_of("2020-01-01")
    assert 'label="Sở \\"A\\" \\\\ B\\n(department)"' in render.dot(snap)
    assert "Sở #quot;A#quot;" in render.mermaid(snap)


def test_html_refuses_what_it_cannot_draw() -> None:
    """An unsupported object is a TypeError naming its type."""
    with pytest.raises(TypeError, match="cannot render int"):
        render.html(42)


@given(st.text())
def test_html_escaping_is_the_standard_librarys(text: str) -> None:
    """The renderer's escaping (made without importing :mod:`html`) is ``html.escape``."""
    import html  # noqa: PLC0415

    from govmodel._html import _e  # noqa: PLC0415

    assert _e(text) == html.escape(text, quote=True)
    assert _e(text + "<&>\"'") == html.escape(text + "<&>\"'", quote=True)
