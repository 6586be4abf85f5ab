"""Our stylesheet wins inside the notebook front ends' own CSS (headless Chromium).

JupyterLab and classic Notebook style every table and list of an output cell: cells
right-aligned, rows striped, bullets and indents on lists. The page below wraps our HTML in
an output cell carrying rules of the same shape and specificity as theirs
(``.jp-RenderedHTMLCommon td``, ``… tbody tr:nth-child(odd)``, ``… ul:not(.list-inline)``,
``.rendered_html …``); a script reads the computed styles and writes them into the DOM,
which Chromium dumps.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import govmodel as gm
from govmodel import render
from test_browser import FLAGS

# Rules shaped like the front ends' (selectors and specificity), with visible values.
FRONT_END_CSS = """
.jp-RenderedHTMLCommon table{margin-left:auto;margin-right:auto;table-layout:fixed}
.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th,.jp-RenderedHTMLCommon tr{
  text-align:right;vertical-align:middle;padding:0.5em}
.jp-RenderedHTMLCommon tbody tr:nth-child(odd){background:rgb(245, 245, 245)}
.jp-RenderedHTMLCommon ul:not(.list-inline),.jp-RenderedHTMLCommon ol:not(.list-inline){
  padding-left:2em}
.jp-RenderedHTMLCommon ul{list-style:disc}
.jp-RenderedHTMLCommon li{list-style:disc}
.rendered_html td,.rendered_html th{text-align:right}
.rendered_html ul:not(.list-inline){list-style:disc;padding-left:2em}
"""

PROBE = """
<pre id="out"></pre>
<script>
const q = (s) => document.querySelector(s);
const css = (el, p) => getComputedStyle(el).getPropertyValue(p);
const td = q(".cell-table td"), row = q(".cell-table tbody tr"), tree = q(".cell-tree ul ul"),
      li = q(".cell-tree li"), table = q(".cell-table table"), ctd = q(".classic td"),
      cul = q(".classic ul ul");
document.getElementById("out").textContent = JSON.stringify({
  td_align: css(td, "text-align"), td_valign: css(td, "vertical-align"),
  row_background: css(row, "background-color"), table_margin_left: css(table, "margin-left"),
  li_style: css(li, "list-style-type"), ul_padding: css(tree, "padding-left"),
  classic_td_align: css(ctd, "text-align"), classic_li: css(cul.querySelector("li"),
  "list-style-type"),
});
</script>
"""


def computed_styles(browser: str, tmp_path: Path, table: str, tree: str) -> dict[str, str]:
    page = tmp_path / "notebook.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<style>{FRONT_END_CSS}</style></head><body>"
        f"<div class='jp-RenderedHTMLCommon cell-table'>{table}</div>"
        f"<div class='jp-RenderedHTMLCommon cell-tree'>{tree}</div>"
        f"<div class='rendered_html classic'>{table}{tree}</div>"
        f"{PROBE}</body></html>",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    found = re.search(r'<pre id="out">(.*?)</pre>', proc.stdout, re.S)
    assert found, proc.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_our_tables_and_trees_win_in_jupyter(browser: str, tmp_path: Path) -> None:
    tl = gm.load_dataset("lang-son-2021")
    table = render.repr_html(tl.history("lang-son/so-tttt"))
    tree = render.repr_html(tl.as_of("2022-04-20"))
    styles = computed_styles(browser, tmp_path, table, tree)
    assert styles["td_align"] == "left"
    assert styles["td_valign"] == "top"
    assert styles["row_background"] in ("rgba(0, 0, 0, 0)", "transparent")
    assert styles["table_margin_left"] == "0px"
    assert styles["li_style"] == "none"
    assert styles["ul_padding"] != "32px"  # 2em of 16px: theirs
    assert styles["classic_td_align"] == "left"
    assert styles["classic_li"] == "none"


def test_the_probe_sees_the_front_end_rules_without_ours(browser: str, tmp_path: Path) -> None:
    """The same page with our stylesheet left out: the front ends' rules apply, so the
    test above measures our selectors, not a page that ignores theirs."""
    tl = gm.load_dataset("lang-son-2021")
    table = render.html(tl.history("lang-son/so-tttt"))
    tree = render.html(tl.as_of("2022-04-20"))
    styles = computed_styles(browser, tmp_path, table, tree)
    assert styles["td_align"] == "right"
    assert styles["row_background"] == "rgb(245, 245, 245)"
    assert styles["li_style"] == "disc"
    assert styles["classic_li"] == "disc"
