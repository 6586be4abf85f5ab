"""Finding organisations by name (private): the words of a query against every name held.

Each organisation's names over time are rows ``(id, words, first day, end)``: one row per
name (then each short name) per run of versions holding the same names (:func:`rows_of`,
made for an organisation on first use and kept by the index). An inverted index from words
to the distinct word sets of the names, and from each word set to the organisations that
ever held a name of those words (:func:`rows_with`, built on the first query), keeps a query
to the rows of the organisations that hold its rarest word; only theirs are made.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from itertools import chain
from operator import attrgetter

from govmodel._engine.build import frozen_before, gc_paused
from govmodel._engine.index import Index, NameRow
from govmodel._engine.track import Track
from govmodel.vn.text import TokenSets, tokens

__all__ = ["find", "name_table", "rows_of", "rows_with"]

_NAME = attrgetter("name")
_SHORT = attrgetter("short_names")
_NO_SETS: list[frozenset[str]] = []


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
            rows = rows_with(ix, query)
    else:
        rows = rows_with(ix, query)
    for org_id, _, start, end in rows:
        if day is None:
            current = end is None
        else:
            if start > day or ix.value(org_id, day) is None:
                continue
            current = end is None or day < end
        rank = 0 if current else 1
        ranks[org_id] = min(rank, ranks.get(org_id, rank))
    return sorted(ranks, key=lambda i: (ranks[i], i))


def rows_with(ix: Index, words: frozenset[str]) -> list[NameRow]:
    """The name rows holding every one of *words*."""
    postings, groups = ix.name_postings, ix.name_groups
    if postings is None or groups is None:
        groups, postings = _build_index(ix)
    rarest = min((postings.get(w, _NO_SETS) for w in words), key=len)
    ids = dict.fromkeys(chain.from_iterable(groups[toks] for toks in rarest if words <= toks))
    return [row for org_id in ids for row in rows_of(ix, org_id) if words <= row[1]]


def rows_of(ix: Index, org_id: str) -> tuple[NameRow, ...]:
    """The name rows of *org_id* (made on first use, then kept by *ix*)."""
    rows = ix.names.get(org_id)
    if rows is None:
        rows = ix.names[org_id] = _rows(org_id, ix.tracks[org_id], ix.name_words)
    return rows


def name_table(ix: Index) -> dict[str, tuple[NameRow, ...]]:
    """Organisation id -> every name it had, with its interval (see :func:`rows_of`)."""
    return {org_id: rows_of(ix, org_id) for org_id in ix.tracks}


def _rows(org_id: str, track: Track, folded: TokenSets) -> tuple[NameRow, ...]:
    values = track.values
    if len(values) == 1 and not values[0].short_names:  # one name, all along
        return ((org_id, folded[values[0].name], track.starts[0], track.end),)
    rows: list[NameRow] = []
    starts, n, i = track.starts, len(values), 0
    while i < n:
        value = values[i]
        name, short = value.name, value.short_names
        j = i + 1
        while j < n and (w := values[j]).name == name and w.short_names == short:
            j += 1
        start, end = starts[i], starts[j] if j < n else track.end
        rows.append((org_id, folded[name], start, end))
        if short:
            rows += [(org_id, folded[text], start, end) for text in short]
        i = j
    return tuple(rows)


def _build_index(
    ix: Index,
) -> tuple[dict[frozenset[str], list[str]], dict[str, list[frozenset[str]]]]:
    """Index the organisations by the word sets of every name they held, and the word sets
    by word, in one pass over the distinct names of each track; publish both.

    Each distinct text is split into words once (the index's
    :class:`~govmodel.vn.text.TokenSets`), and each distinct word set is one frozenset that
    the index and every row holding it share. No row is made here.
    """
    by_text: defaultdict[str, list[str]] = defaultdict(list)
    for org_id, track in ix.tracks.items():
        values = track.values
        if len(values) == 1:
            texts: Iterable[str] = values[0].names
        elif any(map(_SHORT, values)):
            texts = {*map(_NAME, values), *chain.from_iterable(map(_SHORT, values))}
        else:
            texts = set(map(_NAME, values))
        for text in texts:
            by_text[text].append(org_id)
    folded = ix.name_words
    groups: dict[frozenset[str], list[str]] = {}
    for text, ids in by_text.items():
        toks = folded[text]
        group = groups.get(toks)
        if group is None:
            groups[toks] = ids
        else:
            group += ids
    postings: dict[str, list[frozenset[str]]] = {}
    get_sets = postings.get
    for toks in groups:
        for word in toks:
            sets = get_sets(word)
            if sets is None:
                postings[word] = [toks]
            else:
                sets.append(toks)
    # published whole, so that a concurrent reader never sees a half: the groups first, the
    # postings (which find() looks at) last
    ix.name_groups = groups
    ix.name_postings = postings
    return groups, postings
