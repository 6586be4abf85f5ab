"""The explorer page (``govmodel export --format site``): its data is the engine's answers,
its JSON cannot break out of its script element, and in headless Chromium (driven by
Selenium) its tree on each date is ``tl.as_of(date)``, its slider and search work, and
hostile names stay text.

The browser tests run when Debian's ``chromium`` and ``chromium-driver`` are installed (CI
installs them and sets ``GOVMODEL_REQUIRE_BROWSER=1`` so that a missing one fails instead of
skipping). One browser session serves the whole module.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govmodel as gm
from govmodel.cli import main
from govmodel.explore import change_days, embed_json, site_data, site_html, write_site
from test_browser import png_pixels

TT = "lang-son/so-tttt/trung-tam-cntt-tt"
OLD_NAMES = ("Phòng Bưu chính, Viễn thông", "Phòng Công nghệ thông tin",
             "Trung tâm Công nghệ thông tin và Truyền thông")
NEW_NAMES = ("Phòng Hạ tầng số", "Phòng Chuyển đổi số", "Trung tâm Công nghệ số")
EVIL = "</script><script>alert(1)</script>"
EVIL_SQL = "x'); DROP TABLE versions; --"


def hostile_timeline() -> gm.Timeline:
    """A body named to close the script element, renamed to an SQL injection; a decision
    whose title is markup."""
    ubnd = gm.Agency(id="x/ubnd", name="Ủy ban nhân dân tỉnh X", kind="peoples_committee",
                     level="province")
    make = gm.Decision(
        number="1/QĐ-UBND", issuer="x/ubnd", signed_on="2021-03-01",
        title="<img src=x onerror=alert(2)> & <!-- ]]>",
        effects=[gm.Establish(org=gm.Unit(id="x/evil", name=EVIL, parent="x/ubnd",
                                          kind="division", short_names=["<!-- <b>x</b>"]))],
    )
    rename = gm.Decision(number="2/QĐ-UBND", issuer="x/ubnd", signed_on="2022-03-01",
                         effects=[gm.Rename(org_id="x/evil", name=EVIL_SQL)])
    return gm.Timeline.from_decisions([make, rename], initial=[ubnd])


class _Scripts(html.parser.HTMLParser):
    """The script elements of a page as the HTML parser sees them: (attributes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def scripts_of(page: str) -> list[tuple[dict[str, str | None], str]]:
    parser = _Scripts()
    parser.feed(page)
    parser.close()
    return parser.scripts


def pick(data: dict[str, Any], org_id: str, day: str) -> list[Any] | None:
    """The page's rule: the version of *org_id* whose [valid_from, valid_to) holds *day*."""
    for v in data["orgs"][org_id]["v"]:
        if (v[0] is None or v[0] <= day) and (v[1] is None or day < v[1]):
            return list(v)
    return None


def expected_tree(snap: gm.Snapshot) -> list[tuple[str, str | None, str]]:
    """(id, parent id, name) of the snapshot's tree, depth first, roots and children sorted
    by folded name then id (the order of ``Snapshot.children``)."""
    out: list[tuple[str, str | None, str]] = []

    def walk(org: gm.AnyOrganisation, parent: str | None) -> None:
        out.append((org.id, parent, org.name))
        for child in snap.children(org.id):
            walk(child, org.id)

    for root in sorted(snap.roots(), key=lambda o: (gm.vn.fold(o.name), o.id)):
        walk(root, None)
    return out


# ----------------------------------------------------------------------------- without a browser
def test_embed_json_cannot_close_its_script_element() -> None:
    """``<``, ``>``, ``&``, U+2028 and U+2029 are written as escapes and the JSON reads back."""
    value = {"a": "</script><!-- & -->", "b": "line\u2028sep\u2029", "<k>": ["&amp;"]}
    text = embed_json(value)
    assert not set(text) & set("<>&\u2028\u2029")
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == value


def test_hostile_names_stay_inside_the_json_element() -> None:
    """A name that would close the script element leaves the page with its two script
    elements, the data element holding exactly the data, and no markup of the name."""
    tl = hostile_timeline()
    page = site_html(tl, title=f"{EVIL} & co", dataset=EVIL)
    scripts = scripts_of(page)
    assert [attrs.get("type") for attrs, _ in scripts] == ["application/json", None]
    data = json.loads(scripts[0][1])
    assert data == site_data(tl, title=f"{EVIL} & co", dataset=EVIL)
    assert data["orgs"]["x/evil"]["v"][0][2] == EVIL
    assert data["orgs"]["x/evil"]["v"][1][2] == EVIL_SQL
    assert page.lower().count("<script") == 2
    assert "<img" not in page
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>" in page


def test_data_picks_what_as_of_gives() -> None:
    """On every change day and the day before each, the version the page picks for each body
    is the one ``tl.as_of`` gives: same name, parent and kind; and with its decisions."""
    tl = gm.load_dataset("lang-son-history")
    data = site_data(tl)
    days = change_days(tl)
    assert data["days"] == [d.isoformat() for d in days]
    assert len(days) > 5
    for day in {*days, *(d - dt.timedelta(days=1) for d in days)}:
        snap = tl.as_of(day)
        for org_id in tl.organisation_ids():
            v = pick(data, org_id, day.isoformat())
            value = snap.get(org_id)
            if value is None:
                assert v is None, (org_id, day)
                continue
            assert v is not None, (org_id, day)
            assert (v[2], v[3], v[4]) == (value.name, value.parent, value.kind.value)
            version = snap.version(org_id)
            decided = {d for _, d in version.attribution if d is not None} or (
                {version.decision} if version.decision is not None else set())
            assert {tl.decisions[i] for i in v[5]} == decided


def test_data_carries_the_engines_lineage_and_changes() -> None:
    """The edges are every edge of ``tl.lineage`` (merges into the Sở KH&CN included), each
    body's end is its last version's ``ended``, and each day's changes are ``tl.diff``."""
    tl = gm.load_dataset("lang-son-history")
    data = site_data(tl)
    pos = {d: i for i, d in enumerate(tl.decisions)}
    want = {(e.source, e.target, e.kind, e.on.isoformat(),
             None if e.decision is None else pos[e.decision], e.default)
            for org_id in tl.organisation_ids() for e in tl.lineage(org_id)}
    assert {tuple(e) for e in data["edges"]} == want
    assert any(e[2] == "merged" and e[0] == "lang-son/so-tttt" for e in data["edges"])
    for org_id in tl.organisation_ids():
        ended = tl.history(org_id)[-1].ended
        end = data["orgs"][org_id]["end"]
        assert (end is None) == (ended is None)
        if ended is not None:
            assert end[:3] == [ended.kind, ended.on.isoformat(), list(ended.into)]
    day = dt.date(2025, 3, 1)
    diff = tl.diff(day - dt.timedelta(days=1), day)
    assert [(r[0], r[1], r[4]) for r in data["changes"][day.isoformat()]] == [
        (c.org_id, c.attribute, pos[c.decision] if c.decision else None) for c in diff]


def test_cli_writes_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``govmodel export --format site -o FILE`` writes the page; ``--at`` and ORG choose
    what it opens on; a name that matches nothing and ``--known-on`` are usage errors."""
    target = tmp_path / "lang-son.html"
    assert main(["export", "--format", "site", "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    data = json.loads(scripts_of(page)[0][1])
    assert data["dataset"] == "lang-son-2021" and data["on"] is None and data["org"] is None
    assert "wrote" in capsys.readouterr().err
    assert main(["export", "-f", "site", "-o", str(target), "--at", "10/12/2021",
                 "trung tâm công nghệ số"]) == 0
    data = json.loads(scripts_of(target.read_text(encoding="utf-8"))[0][1])
    assert (data["on"], data["org"]) == ("2021-12-10", TT)
    assert main(["export", "-f", "site", "-o", str(target), "no such body"]) == 2
    assert main(["export", "-f", "site", "--known-on", "2021-01-01"]) == 2
    assert "--known-on" in capsys.readouterr().err


def test_page_needs_no_network(tmp_path: Path) -> None:
    """The page loads nothing: no src or href attribute, a CSP that forbids fetching."""
    page = write_site(gm.load_dataset("lang-son-2021"), tmp_path / "p.html").read_text("utf-8")
    head = page.split('<script type="application/json"', 1)[0]
    assert "default-src 'none'" in head
    for attr in (" src=", " href=", "http://", "https://", "@import"):
        assert attr not in head


# ----------------------------------------------------------------------------- in Chromium
@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium session for the module, from Debian's chromium-driver; Selenium
    Manager is never asked to download anything."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    missing = [n for n, p in (("chromium", chromium), ("chromium-driver", chromedriver))
               if p is None]
    try:
        from selenium import webdriver  # noqa: PLC0415 - only the browser tests need it
    except ImportError:
        missing.append("selenium (pip install -e '.[dev]')")
    if missing or chromium is None or chromedriver is None:
        if os.environ.get("GOVMODEL_REQUIRE_BROWSER"):
            pytest.fail(f"GOVMODEL_REQUIRE_BROWSER is set but {', '.join(missing)} is missing")
        pytest.skip(f"needs {', '.join(missing)} (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,900", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.unhandled_prompt_behavior = "ignore"  # an alert stays open for the test to see
    service = webdriver.ChromeService(executable_path=chromedriver)
    drv = webdriver.Chrome(service=service, options=options)
    # Record every alert() instead of showing it, in every page loaded from now on.
    drv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {
        "source": "window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));"})
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The explorer pages of the bundled Lạng Sơn datasets and of the hostile timeline."""
    out = tmp_path_factory.mktemp("sites")
    made = {name: write_site(gm.load_dataset(name), out / f"{name}.html", dataset=name)
            for name in ("lang-son-2021", "lang-son-history")}
    made["hostile"] = write_site(hostile_timeline(), out / "hostile.html", title=EVIL)
    return made


def open_page(driver: Any, page: Path, fragment: str = "") -> None:
    """Load *page* afresh (not only a change of its fragment), opening on *fragment*."""
    driver.get("about:blank")
    driver.get(page.as_uri() + fragment)
    assert driver.execute_script("return typeof window.govmodelExplorer") == "object"


def dom_tree(driver: Any) -> list[tuple[str, str | None, str]]:
    """(id, parent id, name) of the tree's nodes in document order."""
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('#gm-tree li[data-id]')).map((li) => {
          const up = li.parentElement.closest('li[data-id]');
          return [li.dataset.id, up ? up.dataset.id : null,
                  li.querySelector(':scope > .gm-node > .gm-name').textContent];
        });""")
    return [(r[0], r[1], r[2]) for r in rows]


def slider_day(driver: Any) -> str:
    return str(driver.find_element("id", "gm-day").text)


def test_slider_across_10_12_2021_shows_the_three_new_names(driver: Any,
                                                           pages: dict[str, Path]) -> None:
    """Moving the slider from 18/11/2021 to 10/12/2021 (Quyết định 33) replaces the three
    old unit names by the new ones, each marked new with its decision."""
    from selenium.webdriver.common.keys import Keys  # noqa: PLC0415

    open_page(driver, pages["lang-son-2021"])
    slider = driver.find_element("id", "gm-slider")
    slider.send_keys(Keys.HOME)
    while slider_day(driver) != "18/11/2021":
        slider.send_keys(Keys.ARROW_RIGHT)
    names = {name for _, _, name in dom_tree(driver)}
    assert set(OLD_NAMES) <= names and not set(NEW_NAMES) & names
    slider.send_keys(Keys.ARROW_RIGHT)
    assert slider_day(driver) == "10/12/2021"
    names = {name for _, _, name in dom_tree(driver)}
    assert set(NEW_NAMES) <= names and not set(OLD_NAMES) & names
    marked = driver.execute_script("""
        return Array.from(document.querySelectorAll('#gm-tree .gm-node.gm-new')).map((n) =>
          [n.querySelector('.gm-name').textContent,
           Array.from(n.querySelectorAll('.gm-dec')).map((d) => d.textContent)]);""")
    assert {name: decs for name, decs in marked if name in NEW_NAMES} == {
        name: ["33/2021/QĐ-UBND"] for name in NEW_NAMES}
    changes = driver.find_element("id", "gm-changes").text
    assert "Changes on 10/12/2021" in changes and "renamed from “Phòng Công nghệ thông tin”" in changes


@pytest.mark.parametrize("name", ["lang-son-2021", "lang-son-history"])
def test_tree_on_each_date_is_as_of(driver: Any, pages: dict[str, Path], name: str) -> None:
    """At every slider position, and on a day between change days, the page's tree (ids,
    parents, names, order) is ``tl.as_of(day)``'s."""
    from selenium.webdriver.common.keys import Keys  # noqa: PLC0415

    tl = gm.load_dataset(name)
    days = change_days(tl)
    open_page(driver, pages[name])
    slider = driver.find_element("id", "gm-slider")
    slider.send_keys(Keys.HOME)
    for k, day in enumerate(days):
        if k:
            slider.send_keys(Keys.ARROW_RIGHT)
        assert slider_day(driver) == day.strftime("%d/%m/%Y")
        assert dom_tree(driver) == expected_tree(tl.as_of(day)), day
    between = days[-2] + (days[-1] - days[-2]) / 2
    open_page(driver, pages[name], f"#on={between.isoformat()}")
    assert dom_tree(driver) == expected_tree(tl.as_of(between))


def test_search_opens_the_history(driver: Any, pages: dict[str, Path]) -> None:
    """Searching "trung tam cong nghe" (accents and case ignored) lists the centre; choosing
    it shows its versions, with dates and decisions, in the side panel."""
    tl = gm.load_dataset("lang-son-2021")
    open_page(driver, pages["lang-son-2021"])
    box = driver.find_element("id", "gm-search")
    box.send_keys("trung tam cong nghe")
    found = [e.get_attribute("data-org")
             for e in driver.find_elements("css selector", "#gm-results li[data-org]")]
    assert found == [TT]
    assert set(tl.find("trung tam cong nghe")) <= set(found)
    for query, org_id in (("TRUNG TÂM CÔNG NGHỆ", TT), ("sở tttt", "lang-son/so-tttt"),
                          ("phong cds", "lang-son/so-tttt/phong-cntt")):
        assert org_id in driver.execute_script(
            "return window.govmodelExplorer.search(arguments[0])", query), query
    driver.find_element("css selector", f'#gm-results li[data-org="{TT}"]').click()
    panel = driver.find_element("id", "gm-panel")
    assert panel.find_element("css selector", "h2").text == "Trung tâm Công nghệ số"
    rows = panel.find_elements("css selector", ".gm-history li")
    history = tl.history(TT)
    assert [r.find_element("css selector", ".gm-vname").text for r in rows] == [
        v.value.name for v in history]
    assert "10/12/2021" in rows[1].text and "33/2021/QĐ-UBND" in rows[1].text
    assert "renamed on 10/12/2021" in panel.find_element("css selector", ".gm-lineage").text
    assert driver.find_element("css selector", "#gm-tree .gm-selected .gm-name").text == (
        "Trung tâm Công nghệ số")


def test_lineage_panel_shows_the_merger(driver: Any, pages: dict[str, Path]) -> None:
    """The Sở TT&TT's panel in lang-son-history names the body it was merged into, by the
    decision the engine gives."""
    tl = gm.load_dataset("lang-son-history")
    (edge,) = [e for e in tl.successors("lang-son/so-tttt") if e.kind == "merged"]
    assert edge.decision is not None
    open_page(driver, pages["lang-son-history"], "#on=2025-03-01&org=lang-son/so-tttt")
    items = driver.find_elements("css selector", '#gm-panel .gm-lineage li[data-kind="merged"]')
    assert len(items) == 1
    text = items[0].text
    assert tl.history(str(edge.target))[0].value.name in text
    assert str(edge.decision.number) in text
    assert "Not in place on 01/03/2025" in driver.find_element("id", "gm-panel").text


def test_fold_in_the_page_is_govmodels(driver: Any, pages: dict[str, Path]) -> None:
    """The page's JavaScript fold gives what ``gm.vn.fold`` gives: every name of the dataset,
    NFD text, old and new tone placement, đ/Đ and look-alikes, odd spaces."""
    tl = gm.load_dataset("lang-son-history")
    texts = sorted({n for i in tl.organisation_ids() for v in tl.history(i) for n in v.value.names})
    texts += ["Ủy ban", "Uỷ ban", "HOÀ BÌNH  hòa", "Đồng Đăng ĐÐðɖƉ", "\u0110\u1ED3ng",
              "Quye\u0302\u0301t \u0111i\u0323nh", " \t Sở\u00a0Nội\u3000vụ \n", "Straße ΣΑΣ",
              "İstanbul", "Ngũ Hành Sơn", "Hạ Long, Quảng Ninh"]
    open_page(driver, pages["lang-son-history"])
    got = driver.execute_script(
        "return arguments[0].map((t) => window.govmodelExplorer.fold(t))", texts)
    assert got == [gm.vn.fold(t) for t in texts]


def test_screenshot_is_not_blank(driver: Any, pages: dict[str, Path]) -> None:
    """A screenshot of the page with a body selected has many colours, not one blank one."""
    open_page(driver, pages["lang-son-2021"], f"#on=2021-12-10&org={TT}")
    width, height, raw = png_pixels(driver.get_screenshot_as_png())
    assert width > 600 and height > 400
    assert len(set(raw)) > 20, "the screenshot is a blank page"


def test_hostile_name_is_shown_as_text(driver: Any, pages: dict[str, Path]) -> None:
    """A body named ``</script><script>alert(1)</script>`` is shown literally, no alert
    fires, and the page still has its two script elements with the data intact."""
    from selenium.common.exceptions import NoAlertPresentException  # noqa: PLC0415

    open_page(driver, pages["hostile"], "#on=2021-03-01&org=x/evil")
    assert driver.execute_script("return window.__alerts") == []
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text
    assert ("x/evil", "x/ubnd", EVIL) in dom_tree(driver)
    assert driver.find_element("css selector", "#gm-panel h2").text == EVIL
    assert driver.execute_script("""
        return [document.scripts.length,
                JSON.parse(document.getElementById('gm-data').textContent).orgs['x/evil'].v[0][2],
                document.querySelectorAll('img').length, document.title];""") == [
        2, EVIL, 0, EVIL]
    decision = driver.find_element("css selector", "#gm-tree .gm-dec")
    assert decision.get_attribute("title").startswith("QĐ 1/QĐ-UBND — <img src=x onerror")
    open_page(driver, pages["hostile"], "#on=2022-03-01")
    assert ("x/evil", "x/ubnd", EVIL_SQL) in dom_tree(driver)
    assert driver.execute_script("return window.__alerts") == []
