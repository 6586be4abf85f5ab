"""The example notebook executes top to bottom and shows the 2021 story's key facts."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "explore_langson.ipynb"


@pytest.fixture(scope="module")
def executed() -> object:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return nb


def outputs(nb: object, mime: str) -> str:
    texts = []
    for cell in nb.cells:  # type: ignore[attr-defined]
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out["text"] if mime == "text/plain" else "")
            data = out.get("data", {})
            if mime in data:
                texts.append(data[mime])
    return "\n".join(texts)


def test_notebook_runs_without_errors(executed: object) -> None:
    """Every code cell runs; none produced an error output."""
    for cell in executed.cells:  # type: ignore[attr-defined]
        assert all(o.get("output_type") != "error" for o in cell.get("outputs", []))


def test_notebook_displays_html_tables_and_trees(executed: object) -> None:
    """Snapshots, diffs, histories and seats display as HTML with the seeds' facts."""
    html = outputs(executed, "text/html")
    assert '<li title="lang-son/so-tttt/phong-bcvt"><b>Phòng Hạ tầng số</b>' in html
    assert "<td>Trung tâm Công nghệ thông tin và Truyền thông</td>" in html
    assert "<td>Phó Trưởng ban Thường trực</td>" in html
    assert "33/2021/QĐ-UBND" in html


def test_notebook_text_outputs(executed: object) -> None:
    """Printed outputs: the names on each side of 13/10/2021 and the known_on answer."""
    text = outputs(executed, "text/plain")
    assert "12/10/2021 — Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn" in text
    assert "13/10/2021 — Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn" in text
    assert "'Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn'" in text
    assert "flowchart TD" in text


def test_notebook_shows_pictures(executed: object) -> None:
    """The pictures section displays the org chart and lineage graph as SVG (with the
    seeds' names) and the names chart as PNG."""
    svg = outputs(executed, "image/svg+xml")
    assert "Trung tâm Công nghệ số" in svg
    assert "Sở Khoa học và Công nghệ tỉnh Lạng Sơn" in svg
    assert svg.count("<svg") == 2
    assert outputs(executed, "image/png")
    assert "('lang-son/so-tttt', 'lang-son/so-khcn-2025', 'merged', '2025-03-01')" in outputs(
        executed, "text/plain")
