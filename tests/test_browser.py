"""A snapshot's HTML opened in headless Chromium: the page renders and is not blank.

Runs when Debian's ``chromium`` is installed (CI installs it and sets
``GOVMODEL_REQUIRE_BROWSER=1`` so that a missing browser fails instead of skipping).
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import govmodel as gm
from govmodel import render

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG file."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_snapshot_html_renders_in_chromium(browser: str, tmp_path: Path) -> None:
    """Chromium loads the page, its DOM has the tree, and the screenshot is not blank."""
    snap = gm.load_dataset("lang-son-2021").as_of("10/12/2021")
    page = tmp_path / "snapshot.html"
    page.write_text(render.html_page(render.html(snap), "Lạng Sơn, 10/12/2021"), encoding="utf-8")
    shot = tmp_path / "snapshot.png"
    base = [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    width, height, raw = png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 900)
    assert len(set(raw)) > 20, "the screenshot is a blank page"

    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True,
                         timeout=120, check=True, text=True, encoding="utf-8").stdout
    assert "Trung tâm Công nghệ số" in dom
    assert "Phòng Hạ tầng số" in dom
    assert f"{len(snap)} organisations" in dom
