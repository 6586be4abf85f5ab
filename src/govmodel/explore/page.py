"""One self-contained HTML page: the template (``page.html``, ``page.css``, ``page.js``,
package data) with the data embedded as JSON that cannot end its script element.

The data goes into ``<script type="application/json">``: JSON text in which every ``<``,
``>``, ``&``, U+2028 and U+2029 is written as a ``\\uXXXX`` escape, so no organisation name
can write ``</script>`` or ``<!--`` into the page. The page's script parses it with
``JSON.parse`` and writes every value with ``textContent``, never as markup.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

__all__ = ["embed_json", "render_page", "template"]

#: Characters written as ``\\uXXXX`` inside the embedded JSON.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
           "\u2029": "\\u2029"}
_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")
_SLOT = re.compile(r"@@(TITLE|CSS|JS|DATA)@@")


def embed_json(data: Any) -> str:
    """*data* as JSON safe to place between ``<script type="application/json">`` tags.

    ``json.loads`` of the result gives *data* back; the text holds no ``<``, ``>``, ``&``,
    U+2028 or U+2029.

    >>> embed_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _UNSAFE_RE.sub(lambda m: _UNSAFE[m.group(0)], text)


def template(name: str) -> str:
    """The text of the package data file *name* (``page.html``, ``page.css``, ``page.js``)."""
    return resources.files("govmodel.explore").joinpath(name).read_text(encoding="utf-8")


def render_page(data: Mapping[str, Any], title: str) -> str:
    """The whole page: the template with *title* (HTML-escaped), the style, the script and
    *data* (as :func:`embed_json`) filled in, in one pass (no value is read as a slot)."""
    css, js = template("page.css"), template("page.js")
    for part, name in ((css, "page.css"), (js, "page.js")):
        if any(bad in part.lower() for bad in ("</", "<!--", "<script")):  # pragma: no cover
            raise ValueError(f"{name} must not hold '</', '<!--' or '<script' (it is inlined)")
    slots = {"TITLE": html.escape(title), "CSS": css, "JS": js, "DATA": embed_json(data)}
    return _SLOT.sub(lambda m: slots[m.group(1)], template("page.html"))
