"""Links and small helpers of the Popolo export: dates, optional keys, sources.

Popolo's ``sources`` and ``links`` are Link objects whose ``url`` is required and must be
a URI (JSON Schema format ``uri``). A source with an absolute URL (its ``url``, or a
document named by one) becomes a link whose ``note`` names the decision; a source with no
such URL (``seeds/002_….txt``, "Công báo") is left out of the links, and its citation —
the decision, the document and the locator — is kept in the object's ``note``.

>>> import govmodel as gm
>>> d = gm.Decision(number="3/QĐ-UBND", issuer="p/ubnd", signed_on="2020-01-01",
...                 sources=[gm.Source("seeds/003.txt", locator="§1"),
...                          gm.Source("Công báo", url="https://example.org/qđ-3")])
>>> item = {}
>>> put_sources(item, [d])
>>> item["sources"]
[{'url': 'https://example.org/q%C4%91-3', 'note': '3/QĐ-UBND (p/ubnd, 2020)'}]
>>> item["note"]
'3/QĐ-UBND (p/ubnd, 2020): seeds/003.txt, §1'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from govmodel.decisions import Decision
from govmodel.export import DEFAULT_BASE
from govmodel.model import Source

__all__ = ["JSON", "iso", "org_uri", "put", "put_sources", "unique"]

JSON = dict[str, Any]

_ABSOLUTE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://\S+$")
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def put(obj: JSON, key: str, value: object) -> None:
    """Set *key* only when there is something to say (Popolo leaves unknowns out)."""
    if value is not None and value not in ([], ""):
        obj[key] = value


# --------------------------------------------------------------------------- sources
def _absolute(url: str | None) -> str | None:
    """*url* as an absolute URI (non-ASCII letters percent-encoded), or None."""
    if not url or not _ABSOLUTE_URL.match(url):
        return None
    uri = quote(url, safe=_URI_SAFE)
    return uri if _URI.match(uri) else None


def _citation(s: Source) -> str:
    return s.document + (f", {s.locator}" if s.locator else "")


def _source_parts(
    decisions: Iterable[Decision], extra: Iterable[tuple[str, Source]] = ()
) -> tuple[list[JSON], list[str]]:
    """The links (absolute URLs only) and the citations of sources with no URL."""
    links: dict[tuple[str, str], JSON] = {}
    cited: dict[str, None] = {}
    cites = [(_head(d), s) for d in decisions for s in d.sources]
    for head, s in [*cites, *extra]:
        url = _absolute(s.url) or _absolute(s.document)
        if url is not None:
            links.setdefault((url, head), {"url": url, "note": head})
        else:
            cited[f"{head}: {_citation(s)}"] = None
    return list(links.values()), list(cited)


def _head(d: Decision) -> str:
    return f"{d.ref}" + (f" — {d.title}" if d.title else "")


def put_sources(
    item: JSON, decisions: Iterable[Decision], extra: Iterable[tuple[str, Source]] = ()
) -> None:
    """``sources`` (links with absolute URLs) and ``note`` (the citations without one)."""
    links, cited = _source_parts(decisions, extra)
    put(item, "sources", links)
    put(item, "note", "; ".join(cited))


def unique(decisions: Iterable[Decision | None]) -> list[Decision]:
    return list(dict.fromkeys(d for d in decisions if d is not None))


def org_uri(org_id: str, base: str = DEFAULT_BASE) -> str:
    """The URI of an organisation, as the ORG export mints it (``<base>org/<id>``)."""
    return f"{base}org/{quote(org_id, safe='')}"
