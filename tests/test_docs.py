"""The documentation is tested: its examples run as doctests and the site builds cleanly."""

from __future__ import annotations

import doctest
import inspect
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import govmodel as gm

DOCS = Path(__file__).resolve().parents[1] / "docs"

# A fenced ```python or ```pycon block of a Markdown page; its body is the doctest text.
_FENCE = re.compile(r"^```(?:python|pycon)[ \t]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)

_FLAGS = doctest.ELLIPSIS


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)


def _examples(page: Path) -> list[doctest.DocTest]:
    """One doctest per fenced Python block that has ``>>>`` examples, in page order."""
    text = page.read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    tests = []
    for match in _FENCE.finditer(text):
        body = match.group("body")
        if ">>>" not in body:
            continue
        line = text.count("\n", 0, match.start("body"))
        name = f"{page.name}:{line + 1}"
        tests.append(parser.get_doctest(body, {}, name, str(page), line))
    return tests


def _run_page(page: Path) -> doctest.TestResults:
    """Run a page's blocks in order, sharing one namespace, as a reader would."""
    runner = doctest.DocTestRunner(optionflags=_FLAGS)
    globs: dict[str, object] = {"__name__": f"docs.{page.stem}"}
    for test in _examples(page):
        test.globs = globs
        runner.run(test, clear_globs=False)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_page_examples_run(page: Path):
    """Every ``>>>`` example in a Markdown page of docs/ gives the output shown."""
    result = _run_page(page)
    assert result.failed == 0


@pytest.mark.parametrize("name", ["tutorial.md", "concepts.md"])
def test_tutorial_and_concepts_have_examples(name: str):
    """The tutorial and the concepts page are made of runnable examples, not prose alone."""
    assert len(_examples(DOCS / name)) >= 5


def test_fence_pattern_finds_the_blocks():
    """The block extractor sees a python block and skips a shell block."""
    text = "x\n```python\n>>> 1 + 1\n2\n\n```\n\n```sh\n>>> not python\n```\n"
    bodies = [m.group("body") for m in _FENCE.finditer(text)]
    assert bodies == [">>> 1 + 1\n2\n\n"]


def _inventory(path: Path) -> set[str]:
    """The object names in a Sphinx ``objects.inv`` (version 2: four header lines, then
    zlib-compressed lines ``name domain:role priority uri display-name``)."""
    lines = path.read_bytes().split(b"\n", 4)
    assert lines[0].rstrip() == b"# Sphinx inventory version 2"
    entry = re.compile(r"(?x)(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+")
    body = zlib.decompress(lines[4]).decode("utf-8")
    return {m.group(1) for m in map(entry.match, body.splitlines()) if m}


def _public_objects() -> dict[str, str]:
    """Public name → the dotted name of its definition, for classes and functions."""
    out = {}
    for module in (gm, gm.vn):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) or inspect.isfunction(obj):
                out[f"{module.__name__}.{name}"] = f"{obj.__module__}.{obj.__qualname__}"
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The HTML site, built once with warnings as errors (``--keep-going``: all are listed)."""
    pytest.importorskip("sphinx", reason="building the docs needs the [docs] extra")
    pytest.importorskip("myst_parser", reason="building the docs needs the [docs] extra")
    tmp = tmp_path_factory.mktemp("docs")
    out = tmp / "html"
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    cmd += ["-d", str(tmp / "doctrees"), str(DOCS), str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    return proc, out


def test_site_builds_without_warnings(site: tuple[subprocess.CompletedProcess[str], Path]):
    """``sphinx-build -W`` succeeds: every page, docstring and cross-reference is clean."""
    proc, _ = site
    assert proc.returncode == 0, proc.stderr


def test_api_reference_documents_every_public_name(
    site: tuple[subprocess.CompletedProcess[str], Path],
):
    """Each class and function of ``govmodel.__all__`` and ``govmodel.vn.__all__`` has an
    entry in the API reference, under the module that defines it."""
    _, out = site
    documented = _inventory(out / "objects.inv")
    missing = [p for p, home in _public_objects().items() if home not in documented]
    assert missing == []
