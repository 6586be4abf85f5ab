"""Hostile names stay data in the text, HTML, Mermaid, DOT, CSV and dataset-JSON outputs.

(The explorer page, pictures, Popolo, W3C ORG and SQL have their own hostile-data tests in
``test_explore.py``, ``test_plot.py``, ``test_export_popolo.py``, ``test_export_org.py``
and ``test_export_sql.py``.) Each output is read back with a real parser and must give the
names exactly, with nothing else added: no element, edge, row or field.
"""

from __future__ import annotations

import csv
import html.parser
import io
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel import render
from govmodel.export.rows import snapshot_rows, to_csv
from govmodel.serialize import Dataset, dumps, loads

HOSTILE = (
    "</script><script>alert(1)</script>",
    "x'); DROP TABLE versions; --",
    'Phòng "A" & <b>B</b> &amp; &lt;i&gt;',
    "Phòng \\N \\l \\\\ ]]> #quot; --> n9",
)


def timeline(names: tuple[str, ...]) -> gm.Timeline:
    root = gm.Agency(id="p/ubnd", name="Ủy ban nhân dân tỉnh Thử",
                     kind="peoples_committee", level="province")
    units = [gm.Unit(id=f"p/u{i}", name=n, parent="p/ubnd", kind="division")
             for i, n in enumerate(names)]
    return gm.Timeline.from_decisions([], initial=[root, *units])


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.bold: list[str] = []
        self._in_b = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        self._in_b = tag == "b"

    def handle_endtag(self, tag: str) -> None:
        self._in_b = False

    def handle_data(self, data: str) -> None:
        if self._in_b:
            self.bold.append(data)


def _names(tl: gm.Timeline) -> set[str]:
    return {o.name for o in tl.as_of("2020-01-01").organisations()}


def check_html(tl: gm.Timeline) -> None:
    page = render.html_page(render.html(tl.as_of("2020-01-01")), "t")
    parser = _Text()
    parser.feed(page)
    assert "script" not in parser.tags
    assert set(parser.bold) - {"As of 2020-01-01"} == _names(tl)


def _mermaid_decoded(label: str) -> str:
    """A Mermaid label's text, as Mermaid decodes its entity codes (``#quot;``, ``#35;``)."""
    assert "<" not in label and '"' not in label and "&" not in label
    return re.sub(r"#(\w+);", lambda m: html.unescape(
        f"&#{m[1]};" if m[1].isdigit() else f"&{m[1]};"), label)


def check_mermaid(tl: gm.Timeline) -> None:
    snap = tl.as_of("2020-01-01")
    text = render.mermaid(snap)
    labels = re.findall(r'^    n\d+\["(.*)<br/><small>[^"]*</small>"\]$', text, re.M)
    assert sorted(_mermaid_decoded(x) for x in labels) == sorted(_names(tl))
    assert len(re.findall(r"^    n\d+ --> n\d+$", text, re.M)) == len(snap) - 1
    assert text.count("\n") == 2 * len(snap) - 1  # one line per node and per edge


def check_csv(tl: gm.Timeline) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(snapshot_rows(tl.as_of("2020-01-01"))))))
    assert {r["name"] for r in rows} == _names(tl)


def check_dataset_json(tl: gm.Timeline) -> None:
    ds = Dataset(name="hostile", title="Hostile", organisations=tl.initial)
    assert loads(dumps(ds)).organisations == ds.organisations


@pytest.mark.parametrize("check", [check_html, check_mermaid, check_csv, check_dataset_json])
def test_hostile_names_stay_data(check: object) -> None:
    check(timeline(HOSTILE))  # type: ignore[operator]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('<>&"\'\\/[]#-;{}|() abcđư\u2028'),
                        min_size=1, max_size=30).map(" ".join).filter(lambda s: s.strip()),
                min_size=1, max_size=4, unique_by=lambda s: " ".join(s.split())))
def test_generated_hostile_names_stay_data(names: list[str]) -> None:
    tl = timeline(tuple(names))
    for check in (check_html, check_mermaid, check_csv, check_dataset_json):
        check(tl)


def test_dot_text_draws_the_names_as_written(dot: str) -> None:
    """The DOT export, drawn by Graphviz, shows each name exactly: no backslash sequence
    (``\\N``, ``\\l``) or entity (``&lt;``) is interpreted."""
    tl = timeline(HOSTILE)
    svg = subprocess.run([dot, "-Tsvg"], input=render.dot(tl.as_of("2020-01-01")),
                         capture_output=True, text=True, check=True, timeout=60).stdout
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    drawn = [t.text or "" for t in root.iter(f"{ns}text")]
    for name in _names(tl):
        assert name in drawn, (name, drawn)
