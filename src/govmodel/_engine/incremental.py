"""Adding decisions to a built index without starting over (law 1's fast path), private.

The state on the eve of the first day anything can differ, T, is recovered from the old
index (tracks cut at T, provisions before T, who was alive and under whom), then the days
from T are replayed with the old and new decisions — only those days and effects that the
new decisions reach (:mod:`~govmodel._engine.selective`), or, when that path cannot tell
the outcome exactly, every day from T. Every structure the replay does not touch is shared
with the old index and never changed (the replay's maps are copy-on-write,
:class:`~govmodel._engine.state.CowMap`), so the old index stays valid whatever happens;
and since the replay from T is the same code on the same state, the result equals a full
build — which the tests check on random histories, by both paths, with
:meth:`Index._check` on each.

Cost: O(N + n) pointer copies (N organisations, n decisions) plus the replay of what the
new decisions reach (or of every effect from T).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from govmodel._engine import codes, inforce, rules
from govmodel._engine.build import (
    REBUILD,
    checked,
    duplicate,
    finish,
    gc_paused,
    parents_of,
)
from govmodel._engine.days import effects as day_effects
from govmodel._engine.days import items as day_items
from govmodel._engine.days import packed
from govmodel._engine.index import Index
from govmodel._engine.keys import Key, key_of, ref_key
from govmodel._engine.mentions import extended, mentions
from govmodel._engine.replay import Replay
from govmodel._engine.selective import Selective, Unsure, rewind
from govmodel._engine.track import Item
from govmodel.decisions import Decision
from govmodel.effects import AmendMandate, SetComposition, SetMandate

__all__ = ["EXTEND_LIMIT", "extend"]

#: Above this many new decisions (or an eighth of the old ones) :func:`extend` rebuilds.
EXTEND_LIMIT = 64

_STANDING = (SetMandate, AmendMandate, SetComposition)


def _raise(err: Exception) -> None:
    raise err


def extend(old: Index, decisions: Iterable[Decision]) -> Index | None:
    """*old* with *decisions* added, equal to a full build of the union.

    Returns *old* itself when every decision is already in it, and None when a full build is
    the better way (many new decisions, or *old* was built with skipped faults).

    Raises:
        DecisionError: the first fault of the union (the same a full build raises); *old* is
            left as it was.
    """
    fresh: dict[Key, Decision] = {}
    for d in decisions:
        k = key_of(checked(d))
        prev = old.by_key.get(k) or fresh.get(k)
        if prev is None:
            fresh[k] = d
        elif prev is not d and prev != d:
            raise duplicate(d)
    if not fresh:
        return old
    if not old.strict or len(fresh) > max(EXTEND_LIMIT, len(old.decisions) // 8):
        return None
    with gc_paused():
        return _extend(old, fresh)


def _extend(old: Index, fresh: dict[Key, Decision]) -> Index | None:
    ix = Index()
    added = sorted(fresh.values(), key=Decision.sort_key)
    ix.by_key = old.by_key.copy()
    ix.by_key.update(fresh.values())
    decisions = list(old.decisions)
    for d in added:
        decisions.insert(bisect_right(decisions, d.sort_key(), key=Decision.sort_key), d)
    ix.decisions = tuple(decisions)
    ix.enders = dict(old.enders)
    for d in added:
        inforce.check_references(ix, d, _raise, allow_dangling=False, keep_sorted=True)
    ix.by_key.freeze()

    # ends: only the decisions the new ones end, directly or through a chain, can change
    ix.end_of, ix.ended_by = dict(old.end_of), dict(old.ended_by)
    closure: list[Decision] = []
    seen = {id(d) for d in added}
    stack = list(added)
    while stack:
        for ref in inforce.ends_of(stack.pop()):
            target = ix.by_key.get(ref_key(ref))
            if target is not None and id(target) not in seen:
                seen.add(id(target))
                closure.append(target)
                stack.append(target)
    for x in closure:
        ix.end_of.pop(id(x), None)
        ix.ended_by.pop(id(x), None)
    inforce.resolve_ends(ix, sorted([*added, *closure], key=Decision.sort_key), _raise)

    # the replay starts on the first day anything can differ
    first: dt.date | None = None
    refresh: set[str] = set()  # organisations whose provisions changed status
    seeds = {x for d in added for e in d.effects for x in e.org_ids()}
    for d in added:
        for e in d.effects:
            t = d.effect_date(e)
            first = t if first is None or t < first else first
    for x in closure:
        was, now = old.end_of.get(id(x)), ix.end_of.get(id(x))
        if was == now and old.ended_by.get(id(x)) is ix.ended_by.get(id(x)):
            continue
        moved = was if now is None else now if was is None else min(was, now)
        if moved is not None and (first is None or moved < first):
            first = moved
        refresh.update(e.org_id for e in x.effects if isinstance(e, _STANDING))
        seeds.update(i for e in x.effects for i in e.org_ids())
    _schedule_added(ix, old, added)
    if first is None:  # nothing happens on any day: share the old state
        _share(old, ix)
        return ix
    start = bisect_left(ix.day_list, first)
    if any(t >= first for t in ix.rebuild_days):
        # a whole level ends later (it touches bodies no effect names), or appointments
        # are made or ended later (their records are rebuilt whole): a full build
        return None
    new_ids = {i for d in added for e in d.effects for i in e.creates()} - old.known_ids
    known = old.known_ids | new_ids if new_ids else old.known_ids
    ix.mentions = extended(
        mentions(old), ((d.effect_date(e), e) for d in added for e in d.effects)
    )
    r: Replay
    try:  # only what the new decisions can reach
        r = Selective(ix, old, first, seeds)
        r.known_ids = known
        r.dirty |= refresh
        r.replay(start)
    except Unsure:  # every day from the first
        r = Replay(ix, None, base=old)
        r.known_ids = known
        _prepare(r, old, first)
        r.dirty |= refresh
        r.replay(start)
    _finish_extend(r, old)
    if r.has_codes:
        codes.check(ix, _raise)
    return ix


def _schedule_added(ix: Index, old: Index, added: list[Decision]) -> None:
    ix.days = dict(old.days)
    own: dict[dt.date, list[Item]] = {}  # the days the added decisions write, as items
    for d in added:
        for i, e in enumerate(d.effects):
            t = d.effect_date(e)
            lst = own.get(t)
            if lst is None:
                was = ix.days.get(t)
                lst = own[t] = [] if was is None else list(day_items(was))
            at = bisect_right(lst, (d.sort_key(), i), key=lambda it: (it[0].sort_key(), it[1]))
            lst.insert(at, (d, i, e))
    ix.days.update((t, packed(day)) for t, day in own.items())
    ix.day_list = sorted(ix.days) if len(ix.days) != len(old.days) else old.day_list
    ix.reorder = set(old.reorder)
    ix.rebuild_days = old.rebuild_days
    special = {d.effect_date(e) for d in added for e in d.effects if type(e) in REBUILD}
    if special:
        ix.rebuild_days = ix.rebuild_days | special
    for t, day in own.items():
        if rules.day_order(day) is day:
            ix.reorder.discard(t)
        else:
            ix.reorder.add(t)


def _prepare(r: Replay, old: Index, first: dt.date) -> None:
    """The replay's state on the eve of *first*, from *old*, for every organisation an
    effect from *first* on names (copy on write)."""
    touched: set[str] = set()
    for t in old.day_list[bisect_left(old.day_list, first) :]:
        for e in day_effects(old.days[t]):
            touched.update(e.org_ids())
    for a in touched:
        rewind(r, old, a, first)


def _finish_extend(r: Replay, old: Index) -> None:
    ix = r.ix
    changed = set(r.tracks.changed())
    changed |= {a for a in r.dirty if a not in r.tracks}
    children = ix.children_ever = dict(old.children_ever)
    edited: dict[str, set[str]] = {}  # the child sets changed, as sets while they change
    for a in changed:
        before = old.tracks.get(a)
        after = r.tracks.data.get(a)
        was = parents_of(before) if before is not None else set()
        if after is None:
            now: set[str] = set()
        elif after is before:
            now = was
        else:  # made or copied by the replay: closed, then its parents
            after.finish(None if after.end is None else r.edges.data.get(a))
            now = parents_of(after)
        for p, add in [(p, False) for p in was - now] + [(p, True) for p in now - was]:
            s = edited.get(p)
            if s is None:
                s = edited[p] = set(children.get(p, ()))
            if add:
                s.add(a)
            else:
                s.discard(a)
    for p, s in edited.items():
        if s:
            children[p] = tuple(sorted(s))
        else:
            children.pop(p, None)
    # segments are folded on first use: drop those of the organisations that changed
    ix.mandates, ix.compositions = dict(old.mandates), dict(old.compositions)
    for a in r.dirty | set(r.mandate_items.changed()) | set(r.composition_items.changed()):
        ix.mandates.pop(a, None)
        ix.compositions.pop(a, None)
    ix.names = {k: v for k, v in old.names.items() if k not in changed}
    ix.name_words = old.name_words  # the word sets of texts: a cache of values, shared
    finish(r, changed=())


def _share(old: Index, ix: Index) -> None:
    """Give *ix* every replay structure of *old* (nothing on any day changed)."""
    ix.tracks, ix.successions, ix.children_ever = old.tracks, old.successions, old.children_ever
    ix.mandates, ix.compositions = old.mandates, old.compositions
    ix.mandate_items, ix.composition_items = old.mandate_items, old.composition_items
    ix.live, ix.kids, ix.known_ids = old.live, old.kids, old.known_ids
    ix.names, ix.name_words = old.names, old.name_words
    ix.mentions = old.mentions
    ix.name_postings, ix.name_groups = old.name_postings, old.name_groups
    ix.edges, ix.has_codes, ix.holdings = old.edges, old.has_codes, old.holdings
