"""Finding organisations by name (private): the words of a query against every name held.

Each organisation's names over time are rows ``(id, words, first day, end)`` (see
:meth:`~govmodel._engine.index.Index.name_table`); an inverted index from words to rows
(:meth:`~govmodel._engine.index.Index.rows_with`) keeps a query to the rows that hold its
rarest word.
"""

from __future__ import annotations

import datetime as dt

from govmodel._engine.build import frozen_before, gc_paused
from govmodel._engine.index import Index
from govmodel.vn.text import tokens

__all__ = ["find"]


def find(ix: Index, text: str, day: dt.date | None) -> list[str]:
    """Ids whose names hold every word of *text* (folded); with *day*, only organisations
    alive then, by names held up to it. Ids whose present (or latest) name matches first."""
    query = frozenset(tokens(text))
    if not query:
        return []
    ranks: dict[str, int] = {}
    if ix.name_postings is None:  # the first query builds the index: as a build does, with
        # the collector paused, and left frozen if a large build left its objects frozen
        with gc_paused(frozen_before):
            rows = ix.rows_with(query)
    else:
        rows = ix.rows_with(query)
    for org_id, toks, start, end in rows:
        if not query <= toks:
            continue
        if day is None:
            current = end is None
        else:
            if start > day or ix.value(org_id, day) is None:
                continue
            current = end is None or day < end
        rank = 0 if current else 1
        ranks[org_id] = min(rank, ranks.get(org_id, rank))
    return sorted(ranks, key=lambda i: (ranks[i], i))
