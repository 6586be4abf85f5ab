"""A full build (private): from a set of decisions to an :class:`~.index.Index`.

1. Decisions are put in a canonical order — (signing date, issuer, number, year) — so the
   order they were given in never matters (law 1); two different decisions with one identity
   are an error.
2. Each decision's end is resolved (law 2, :mod:`~govmodel._engine.inforce`).
3. Every effect is scheduled on its effective date and the days are replayed in order
   (:mod:`~govmodel._engine.replay`, laws 3, 5, 6).
4. The replay's tracks become versions; standing provisions are folded on first use
   (:mod:`~govmodel._engine.fold`, law 4).

Cost: O(n log n) for n effects; folding an organisation's k provisions, O(k) mandate
operations (each fold starts from the last provision that replaced the whole mandate).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import compress, count, islice
from operator import attrgetter, eq
from typing import Any

from govmodel._engine import codes, holders, inforce, rules
from govmodel._engine.index import Index
from govmodel._engine.replay import Replay
from govmodel._engine.track import Item, Org, Track
from govmodel.decisions import Decision
from govmodel.effects import Establish, Merge, Split
from govmodel.errors import (
    DecisionError,
    DuplicateDecisionError,
    DuplicateOrganisationError,
    HierarchyCycleError,
    InvalidValueError,
    UnknownOrganisationError,
)
from govmodel.model import ORGANISATION_CLASSES
from govmodel.persons import Appoint, EndAppointment
from govmodel.unit_effects import EndLevel

__all__ = [
    "FREEZE_AT", "VERIFIED", "build", "canonical_initial", "checked", "duplicate", "gc_paused",
    "schedule",
]


def canonical_initial(initial: Iterable[Org]) -> tuple[Org, ...]:
    """First states as a set sorted by id; two different first states of one id fail."""
    by_id: dict[str, Org] = {}
    exact = _EXACT
    for org in initial:
        if type(org) not in exact and not isinstance(org, ORGANISATION_CLASSES):
            raise InvalidValueError(f"expected an organisation value, not {org!r}")
        prev = by_id.get(org.id)
        if prev is not None and prev != org:
            raise DuplicateOrganisationError(
                f"two different first states for {org.id!r}", org_id=org.id
            )
        by_id[org.id] = org
    return tuple(by_id[k] for k in sorted(by_id))


_EXACT = frozenset(ORGANISATION_CLASSES)


def checked(d: object) -> Decision:
    """*d*, which must be a :class:`~govmodel.Decision`."""
    if not isinstance(d, Decision):
        raise InvalidValueError(f"expected a Decision, not {type(d).__name__}: {d!r}")
    return d


def duplicate(d: Decision) -> DuplicateDecisionError:
    """The error for a decision whose identity another, different decision has."""
    return DuplicateDecisionError(
        "another, different decision has the same identity (issuer, number, series)",
        decision=str(d.ref),
    )


def check_first_states(initial: tuple[Org, ...]) -> None:
    """Parents of first states must be first states, with no cycle."""
    by_id = {o.id: o for o in initial}
    for org in initial:
        if org.parent is not None and org.parent not in by_id:
            raise UnknownOrganisationError(
                f"first state of {org.id!r} names parent {org.parent!r}, which has no first "
                "state",
                org_id=org.id,
            )
    fine: set[tuple[Any, ...]] = set()  # (class, unit type) of a unit and its parent: passed
    for org in initial:
        if org.parent is not None:
            parent = by_id[org.parent]
            pair = (type(org), getattr(org, "unit_type", None), type(parent),
                    getattr(parent, "unit_type", None))
            if pair in fine:  # the rule reads only these: it passed for this pair already
                continue
            try:
                rules.check_unit_parent(org, parent, dt.date.min, _FIRST)
            except DecisionError as err:
                raise type(err)(f"first state of {err.reason}", org_id=org.id) from None
            fine.add(pair)
    rooted: set[str] = set()  # ids whose chain of parents ends at a root
    for org in initial:
        chain = [org.id]
        p = org.parent
        while p is not None and p not in rooted:
            if p in chain:
                raise HierarchyCycleError(
                    f"first states put {org.id!r} in a parent cycle", org_id=org.id
                )
            chain.append(p)
            p = by_id[p].parent
        rooted.update(chain)


_FIRST: Item = (None, 0, None)  # type: ignore[assignment]  # no decision: a first state


#: The effect classes that bring organisations into being.
_CREATING = frozenset({Establish, Merge, Split})

#: Effects after which adding a decision means a full build (see ``Index.rebuild_days``).
REBUILD = frozenset({EndLevel, Appoint, EndAppointment})


def schedule(
    ix: Index,
    known: Iterable[str],
    orders: dict[dt.date, tuple[list[Item], list[Item]]],
    packs: dict[dt.date, list[Decision]],
) -> set[str]:
    """Every effect on its day, in decision order; returns every id any decision creates.

    Also notes the days that need work when replayed: those holding an effect of a decision
    no longer in force (``filter_days``) and those whose order breaks a same-day dependency
    (``reorder``, law 5; only days with an effect that creates or ends a body can). The
    dependency order of a day found out of order by sorting it goes into *orders* (day →
    (its effects, in order)), for the replay not to sort it again; and into *packs* (day →
    its decisions, for :func:`pack`) the days each of whose decisions has all its effects
    on it.
    """
    days: defaultdict[dt.date, list[Item]] = defaultdict(list)
    ids = set(known)
    structural, creating = rules.STRUCTURAL, _CREATING
    end_of = ix.end_of
    filter_days: set[dt.date] = set()
    marks: dict[dt.date, list[int]] = {}  # day -> positions of its structural effects
    level_days: set[dt.date] = set()
    special = REBUILD
    split: set[dt.date] = set()  # days holding part of a decision's effects
    for d in ix.decisions:
        eff = d.effective_on
        end = end_of.get(id(d))
        first: dt.date | None = None  # the day of its first effect
        parted = False  # its effects fall on more than one day
        for i, e in enumerate(d.effects):
            t = e.effective_on or eff  # a date is never false
            if first is None:
                first = t
            elif t is not first and t != first:
                parted = True
            items = days[t]
            te = type(e)
            if te in structural:
                m = marks.get(t)
                if m is None:
                    marks[t] = [len(items)]
                else:
                    m.append(len(items))
                if te in creating:
                    ids.update(e.creates())
            elif te in special:
                if te is EndLevel:
                    level_days.add(t)
                ix.rebuild_days.add(t)
            items.append((d, i, e))
            if end is not None and t >= end:
                filter_days.add(t)
        if parted:
            split.update(d.effect_date(e) for e in d.effects)
        elif first is not None:
            p = packs.get(first)
            if p is None:
                packs[first] = [d]
            else:
                p.append(d)
    for t in split:
        packs.pop(t, None)
    ix.days = dict(days)
    ix.day_list = sorted(days)
    ix.filter_days = filter_days
    reorder = set()
    for t in level_days:
        ordered = rules.day_order(days[t])
        if ordered is not days[t]:
            reorder.add(t)
            orders[t] = (days[t], ordered)
    breaks = rules.breaks_order
    ix.reorder = reorder | {
        t for t, pos in marks.items() if t not in level_days and breaks(days[t], pos)
    }
    return ids


def pack(ix: Index, packs: dict[dt.date, list[Decision]]) -> None:
    """Keep the days of *packs* (from :func:`schedule`) as their decisions (see
    :mod:`govmodel._engine.days`): what :func:`~govmodel._engine.days.packed` makes of
    them, without reading their items again."""
    days = ix.days
    for t, ds in packs.items():  # in place: the same keys
        days[t] = ds[0] if len(ds) == 1 else tuple(ds)


def finish(r: Replay, changed: Iterable[str] | None = None) -> None:
    """Versions and child sets from the replay's tracks; the replay's state into the index.

    Args:
        changed: the organisations whose tracks the replay made or copied (None: all).
    """
    ix = r.ix
    children: dict[str, set[str]] = {}
    tracks = r.tracks.data
    edges = r.edges.data
    for org_id in tracks if changed is None else changed:
        track = tracks.get(org_id)
        if track is None:
            continue
        track.finish(None if track.end is None else edges.get(org_id))
        values = track.values
        # the common case, one version, without building a set
        for p in (values[0].parent,) if len(values) == 1 else parents_of(track):
            if p is None:
                continue
            s = children.get(p)
            if s is None:
                children[p] = {org_id}
            else:
                s.add(org_id)
    kept = ix.children_ever  # kept as tuples: a set is 3 to 8 times the size
    for p, s in children.items():
        have = kept.get(p)
        kept[p] = tuple(sorted(s if have is None else {*have, *s}))
    store(r)


def store(r: Replay) -> None:
    ix = r.ix
    ix.edges = r.edges.data
    ix.has_codes = r.has_codes
    ix.holdings = holders.finish_holdings(r) if r.appointments else r.base_holdings
    ix.tracks, ix.successions = r.tracks.data, r.successions
    ix.live, ix.kids = r.current, r.kids.data
    ix.mandate_items, ix.composition_items = r.mandate_items.data, r.composition_items.data
    ix.known_ids = frozenset(r.known_ids)


def parents_of(track: Track) -> set[str]:
    """Every parent the organisation ever had."""
    return {p for v in track.values if (p := v.parent) is not None}


def build(
    decisions: Iterable[Decision],
    initial: Iterable[Org] = (),
    *,
    errors: list[DecisionError] | None = None,
    allow_dangling: bool = False,
    canonical: bool = False,
) -> Index:
    """Validate *decisions* and build their index.

    Args:
        decisions: the decisions, in any order.
        initial: first states of organisations alive before any decision.
        errors: when a list is given, every root :class:`DecisionError` is appended to it
            (follow-on problems in its ``follow_ons``) and the faulty effect skipped,
            instead of raising the first.
        allow_dangling: accept references to decisions outside the set (used for
            ``known_on`` views, whose full set was validated already).
        canonical: *initial* is a tuple :func:`canonical_initial` made already.

    Raises:
        DecisionError: the first fault, when *errors* is None.
    """
    ix = Index()
    with gc_paused(lambda: len(ix.decisions) >= FREEZE_AT):
        ix.strict = errors is None and not allow_dangling
        r = Replay(ix, errors)
        ds = [d if type(d) is Decision else checked(d) for d in decisions]
        repeated = False  # a decision given twice (or two of one identity)
        for d, prev in ix.by_key.fill(ds):
            repeated = True
            if prev is not d and prev != d:
                r.fail(duplicate(d))
        # in the order given when each is filed (sorting is fastest from there)
        ix.decisions = _sort(ix.by_key.values() if repeated else ds)
        for d in ix.decisions:
            if d.supersedes or d.repeals or d.amends:
                inforce.check_references(
                    ix, d, r.fail, allow_dangling=allow_dangling, keep_sorted=False
                )
        inforce.resolve_ends(ix, ix.decisions, r.fail)
        ix.by_key.freeze()  # every reference is resolved
        first = initial if canonical and type(initial) is tuple else canonical_initial(initial)
        verified = VERIFIED.get()
        if not verified:
            check_first_states(first)
        r.seed(first)
        packs: dict[dt.date, list[Decision]] = {}
        r.known_ids = schedule(ix, r.current, r.orders, packs)
        r.replay(0)
        finish(r)
        pack(ix, packs)
        if r.has_codes and not verified:
            codes.check(ix, r.fail)
        return ix


#: True while the items built are a bundled file's verified bytes
#: (:mod:`govmodel._serial.bundled`): the checks that only read what they check, of the
#: first states and of the codes held, passed on these very items already and are not run
#: again. Every other rule runs, and the index built is the same.
VERIFIED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "govmodel_verified_build", default=False
)


def _sort(decisions: Iterable[Decision]) -> tuple[Decision, ...]:
    """*decisions* sorted by :meth:`Decision.sort_key`.

    Sorted first on the key's cheap head (signing date, issuer, serial number), each head
    made once; only runs that tie on it are ordered by the whole key (which formats the
    document number). The ties are found in C: a decision whose head equals the next one's.
    """
    ds = list(decisions)
    head: Callable[[Decision], tuple[Any, ...]] = _HEAD
    if None in map(_SIGNED_ON, ds):
        head = _head
    heads = list(map(head, ds))
    order = sorted(range(len(ds)), key=heads.__getitem__)  # stable: as sorted(ds, key=head)
    out = list(map(ds.__getitem__, order))
    ranked = list(map(heads.__getitem__, order))
    tied = list(compress(count(), map(eq, ranked, islice(ranked, 1, None))))
    k, n = 0, len(tied)
    while k < n:  # a run of ties from out[i] to out[j - 1]: ordered by the whole key
        i = tied[k]
        j, k = i + 2, k + 1
        while k < n and tied[k] == j - 1:
            j, k = j + 1, k + 1
        out[i:j] = sorted(out[i:j], key=Decision.sort_key)
    return tuple(out)


_HEAD = attrgetter("signed_on", "issuer", "number.number")
_SIGNED_ON = attrgetter("signed_on")


def _head(d: Decision) -> tuple[Any, ...]:
    return (d.effective_on if d.signed_on is None else d.signed_on, d.issuer, d.number.number)


#: From this many decisions on, what a build made stays frozen (see :func:`gc_paused`).
FREEZE_AT = 50_000


@contextmanager
def gc_paused(keep_frozen: Callable[[], bool] | None = None) -> Iterator[None]:
    """Pause the cyclic garbage collector while a build allocates; then file what it made
    as long-lived.

    A build makes about a million small containers in one burst and none of them form cycles
    that need collecting. With the collector on, its young generation fills again and again
    and each collection walks the whole young heap (the caller's decisions included), which
    doubles the build's time; re-enabled afterwards, its first collection still walks the
    new index once. So the survivors are moved straight to the oldest generation —
    ``gc.freeze()`` then ``gc.unfreeze()``, which relinks the generation lists without
    visiting an object — where the next full collection will see them, as it would have
    anyway. Nothing is done when the collector was off, or when the application has frozen
    objects of its own (``gc.freeze()`` before a fork): those stay as they are.

    When *keep_frozen* says so at the end (a large build), everything alive is left frozen
    (``gc.freeze()``): no later collection walks the timeline again, which otherwise costs
    about a second per full collection at 200,000 decisions. This is process-wide: every
    object alive then is exempt from the cyclic collector until ``gc.unfreeze()`` (reference
    counting still frees what is dropped, and the timeline's structures hold no cycles).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if keep_frozen is not None and keep_frozen():
                gc.freeze()
                _FROZE[0] = True
            elif _FROZE[0]:
                pass  # counting frozen objects (below) would walk them all: leave these young
            elif gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


#: Whether a large build has left objects frozen in this process (see gc_paused): later,
#: smaller builds then leave what they make to the collector as it is.
_FROZE = [False]


def frozen_before() -> bool:
    """Whether a large build or load has left objects frozen (then what is built on them,
    such as the name index, is left frozen too)."""
    return _FROZE[0]
