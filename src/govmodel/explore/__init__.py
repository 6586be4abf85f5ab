"""The explorer page: one self-contained HTML file to look at a timeline in a browser.

:func:`site_html` writes a page with a date slider over the dataset's change days, a search
box (accents, case and common abbreviations ignored, as :func:`govmodel.vn.fold` folds), the
organisation tree on the chosen date with the decision behind each version and each change,
and a side panel with the selected body's history and lineage. It needs no network: the
style and script are inline and the data is embedded as JSON (:mod:`govmodel.explore.data`)
that no name can break out of (:func:`govmodel.explore.page.embed_json`).

>>> import govmodel as gm
>>> page = site_html(gm.load_dataset("lang-son-2021"), title="Lạng Sơn")
>>> page.startswith("<!DOCTYPE html>") and "Trung tâm Công nghệ số" in page
True

Added in 0.2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govmodel.explore.data import FORMAT, FORMAT_VERSION, change_days, site_data
from govmodel.explore.page import embed_json, render_page
from govmodel.timeline import Timeline

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "change_days",
    "embed_json",
    "site_data",
    "site_html",
    "write_site",
]


def site_html(
    tl: Timeline,
    *,
    title: str = "",
    dataset: str = "",
    on: dt.date | None = None,
    org: str | None = None,
) -> str:
    """The explorer page for *tl*, as one HTML document.

    Args:
        tl: the timeline.
        title: the page's title (default: "govmodel explorer").
        dataset: the dataset's name, shown under the title.
        on: the date the page opens on (default: the last change day).
        org: the body selected when the page opens (default: none).

    Returns:
        The page's text (UTF-8 when written; ``<meta charset="utf-8">``).
    """
    title = title or "govmodel explorer"
    data = site_data(tl, title=title, dataset=dataset, on=on, org=org)
    return render_page(data, title)


def write_site(
    tl: Timeline,
    path: str | Path,
    *,
    title: str = "",
    dataset: str = "",
    on: dt.date | None = None,
    org: str | None = None,
) -> Path:
    """Write :func:`site_html` of *tl* to *path* (UTF-8) and return the path."""
    target = Path(path)
    page = site_html(tl, title=title, dataset=dataset, on=on, org=org)
    target.write_text(page, encoding="utf-8")
    return target
