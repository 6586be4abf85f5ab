"""Build a timeline's index from a set of decisions: validate, resolve "in force", replay.

The algorithm (private; :class:`govmodel.timeline.Timeline` is the public face):

1. Decisions are made a set: identical copies collapse, two different decisions with one
   identity are a :class:`~govmodel.errors.DuplicateDecisionError`. They are sorted by
   (signing date, issuer, number, year), so insertion order never matters (law 1).
2. Each decision's end is resolved (law 2): the earliest of its ``expires_on`` and the
   effective date of every decision that supersedes or repeals it and is itself in force on
   that date. One pass from the last-signed back settles almost all (an ender is signed no
   earlier than what it ends); a memoised, iterative depth-first walk does the rest. A loop
   is a :class:`~govmodel.errors.SupersessionError`.
3. Every effect is scheduled on its effective date; within a day effects keep the decision
   order, then their position (law 5). Days are replayed in order. An item counts only if its
   decision is in force on its date (law 3). Same-day claims on one attribute from different
   decisions with different values are a :class:`~govmodel.errors.ConflictError`.
4. Events change organisations' versions; standing provisions and function transfers are
   recorded per organisation. :class:`~govmodel._index.Index` folds them into
   piecewise-constant segments, at every date on which some provision starts or ends
   (law 4), when the organisation's mandate or composition is first asked for.

:func:`extend` adds decisions to a built index without starting over. The state on the eve
of day T is recovered from the old index (tracks cut at T, provisions before T, who was alive
and under whom) and only the days from T are replayed, where T is the earliest effective date
of the new effects and of every change they make to other decisions' ends. Every structure
the replay does not touch is shared with the old index, never changed (copy on write), so the
old index stays valid whatever happens; and since the replay from T is the same code on the
same state, the result equals a full build.

Cost: O(n log n) for n effects; folding an organisation's k provisions, O(k) mandate
operations (each fold starts from the last provision that replaced the whole mandate).
:func:`extend`: O(N + n) pointer copies (N organisations) plus the replay of the days from T.

Speed: the values the replay makes (renamed organisations, folded mandates) are built
without re-running the attrs converters on parts already converted, decisions are keyed by
``id()`` rather than by references, and the cyclic garbage collector is paused during a build
(:func:`_gc_paused`). docs/performance.md has the figures and what bounds them.
"""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import Any, TypeVar

from govmodel._index import (
    BEGINNING,
    CompositionItem,
    Index,
    Item,
    Key,
    MandateItem,
    Succession,
    Track,
    evolver,
    fold_mandate,
    key_of,
    ref_key,
)
from govmodel.decisions import (
    AmendMandate,
    Decision,
    Dissolve,
    Effect,
    Establish,
    Event,
    Merge,
    Move,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    TransferFunctions,
)
from govmodel.errors import (
    ConflictError,
    DecisionError,
    DuplicateDecisionError,
    DuplicateOrganisationError,
    HierarchyCycleError,
    InvalidEffectError,
    InvalidValueError,
    NotAliveError,
    SupersessionError,
    UnknownDecisionError,
    UnknownOrganisationError,
)
from govmodel.model import Agency, Committee, Mandate, Unit

Org = Agency | Unit | Committee
A = TypeVar("A")
InForce = Callable[[Decision, dt.date], bool]

_STANDING = (SetMandate, AmendMandate, SetComposition)
_RENAMED = ("name", "short_names")
_MOVED = ("parent",)

#: Above this many new decisions (or an eighth of the old ones) :func:`extend` rebuilds.
EXTEND_LIMIT = 64


# --------------------------------------------------------------------------- canonical forms
def canonical_initial(initial: Iterable[Org]) -> tuple[Org, ...]:
    """First states as a set sorted by id; two different first states of one id fail."""
    by_id: dict[str, Org] = {}
    for org in initial:
        if not isinstance(org, Agency | Unit | Committee):
            raise InvalidValueError(f"expected an Agency, Unit or Committee, not {org!r}")
        prev = by_id.get(org.id)
        if prev is not None and prev != org:
            raise DuplicateOrganisationError(
                f"two different first states for {org.id!r}", org_id=org.id
            )
        by_id[org.id] = org
    return tuple(by_id[k] for k in sorted(by_id))


def _checked(d: object) -> Decision:
    if not isinstance(d, Decision):
        raise InvalidValueError(f"expected a Decision, not {type(d).__name__}: {d!r}")
    return d


def _ctx(where: Item) -> dict[str, Any]:
    d, i, e = where
    return {"decision": str(d.ref), "effect_index": i, "effect_type": type(e).__name__}


def _ends(d: Decision) -> tuple[Any, ...]:
    return d.supersedes + d.repeals


class _Builder:
    """One replay. Holds mutable scratch state; produces an immutable-by-convention Index.

    In copy-on-write mode (:meth:`extend`) the dictionaries start as shallow copies of an
    old index's; a track, child set or provision list is copied before its first change.
    """

    def __init__(self, errors: list[DecisionError] | None, allow_dangling: bool) -> None:
        self.errors = errors
        self.allow_dangling = allow_dangling
        self.ix = ix = Index()
        ix.strict = errors is None and not allow_dangling
        self.tracks = ix.tracks
        self.successions = ix.successions
        self.current: dict[str, Org] = {}
        self.kids: dict[str, set[str]] = {}
        self.known_ids: frozenset[str] | set[str] = set()
        self.mandate_items: dict[str, list[MandateItem]] = {}
        self.composition_items: dict[str, list[CompositionItem]] = {}
        self.cow = False
        self.own_tracks: set[str] = set()
        self.own_kids: set[str] = set()
        self.own_mandates: set[str] = set()
        self.own_compositions: set[str] = set()
        self.dirty: set[str] = set()  # organisations whose provisions changed (cow mode)

    # ------------------------------------------------------------------ plumbing
    def fail(self, err: DecisionError) -> None:
        if self.errors is None:
            raise err
        self.errors.append(err)

    # ------------------------------------------------------------------ full build
    def run(self, decisions: Iterable[Decision], initial: Iterable[Org]) -> Index:
        ix = self.ix
        ix.decisions = self.canonical(decisions)
        for d in ix.decisions:
            if d.supersedes or d.repeals or d.amends:
                self.check_references(d)
        self.resolve_ends(ix.decisions)
        self.seed(canonical_initial(initial))
        self.schedule()
        self.replay(0)
        self.finish()
        return ix

    def canonical(self, decisions: Iterable[Decision]) -> tuple[Decision, ...]:
        by_key = self.ix.by_key
        for d in decisions:
            if type(d) is not Decision:
                _checked(d)
            prev = by_key.setdefault((d.issuer, d.number, d.year), d)
            if prev is not d and prev != d:
                self.fail(
                    DuplicateDecisionError(
                        "another, different decision has the same identity (issuer, number, year)",
                        decision=str(d.ref),
                    )
                )
        return _sort(by_key.values())

    def check_references(self, d: Decision) -> None:
        """Check what *d* supersedes, repeals and amends; record it as an ender."""
        if not (d.supersedes or d.repeals or d.amends):
            return
        by_key, enders = self.ix.by_key, self.ix.enders
        for field, refs in (
            ("supersedes", d.supersedes),
            ("repeals", d.repeals),
            ("amends", d.amends),
        ):
            for r in refs:
                target = by_key.get(ref_key(r))
                if target is None:
                    if not self.allow_dangling:
                        self.fail(
                            UnknownDecisionError(
                                f"{field} {r}, which the timeline does not hold",
                                decision=str(d.ref),
                            )
                        )
                    continue
                if (
                    target.signed_on is not None
                    and d.signed_on is not None
                    and target.signed_on > d.signed_on
                ):
                    self.fail(
                        SupersessionError(
                            f"{field} {r}, signed later ({target.signed_on} > {d.signed_on})",
                            decision=str(d.ref),
                        )
                    )
                    continue
                if field != "amends":
                    if self.cow:  # keep each list in decision order, as a full build would
                        lst = list(enders.get(id(target), ()))
                        lst.insert(bisect_right(lst, d.sort_key(), key=Decision.sort_key), d)
                        enders[id(target)] = lst
                    else:
                        enders.setdefault(id(target), []).append(d)

    def resolve_ends(self, order: Sequence[Decision]) -> None:
        """End of each decision in *order* not known yet (law 2); memo: ``ix.end_of``.

        A decision is ended only by decisions signed no earlier, so a first pass from the
        last-signed back finds most enders' ends already known. What it cannot settle (equal
        or unknown signing dates, loops) the depth-first walk does, in *order*, as it would
        have with nothing settled: a settled decision never leads to a loop.
        """
        ix = self.ix
        end_of, ended_by, enders = ix.end_of, ix.ended_by, ix.enders
        unsettled: list[Decision] = []
        for d in reversed(order):  # none of them is settled yet
            xs = enders.get(id(d))
            if xs is None:
                end_of[id(d)] = d.expires_on
                continue
            best, by = d.expires_on, None
            for f in xs:
                fid = id(f)
                if fid not in end_of:
                    unsettled.append(d)
                    break
                f_end = end_of[fid]
                eff = f.effective_on
                if (f_end is None or eff < f_end) and (best is None or eff < best):
                    best, by = eff, f
            else:
                end_of[id(d)] = best
                if by is not None:
                    ended_by[id(d)] = by
        visiting: set[int] = set()
        for d in reversed(unsettled):  # in *order*
            did = id(d)
            if did in end_of:
                continue
            err: SupersessionError | None = None
            if did in visiting:
                err = _loop(d)
            elif did not in enders:  # nothing ends it: it runs until it expires
                end_of[did] = d.expires_on
            else:
                visiting.add(id(d))
                # frames: [decision, its enders, next ender, best end, by whom]
                stack: list[list[Any]] = [[d, enders.get(id(d), ()), 0, d.expires_on, None]]
                while stack:
                    frame = stack[-1]
                    x, xs, i = frame[0], frame[1], frame[2]
                    if i < len(xs):
                        f = xs[i]
                        if id(f) in end_of:
                            frame[2] = i + 1
                            _better(frame, f, end_of[id(f)])
                        elif id(f) in visiting:
                            err = _loop(f)
                            break
                        else:
                            visiting.add(id(f))
                            stack.append([f, enders.get(id(f), ()), 0, f.expires_on, None])
                        continue
                    stack.pop()
                    visiting.discard(id(x))
                    end_of[id(x)] = frame[3]
                    if frame[4] is not None:
                        ended_by[id(x)] = frame[4]
                    if stack:
                        stack[-1][2] += 1
                        _better(stack[-1], x, frame[3])
            if err is not None:
                self.fail(err)
                end_of.setdefault(did, None)

    def seed(self, initial: tuple[Org, ...]) -> None:
        by_id = {o.id: o for o in initial}
        for org in initial:
            if org.parent is not None and org.parent not in by_id:
                raise UnknownOrganisationError(
                    f"first state of {org.id!r} names parent {org.parent!r}, which has no first "
                    "state",
                    org_id=org.id,
                )
        for org in initial:
            seen = {org.id}
            p = org.parent
            while p is not None:
                if p in seen:
                    raise HierarchyCycleError(
                        f"first states put {org.id!r} in a parent cycle", org_id=org.id
                    )
                seen.add(p)
                p = by_id[p].parent
        for org in initial:
            self.set_value(org, BEGINNING, None)

    def schedule(self) -> None:
        """Every effect on its day, in decision order; and every id any decision establishes."""
        days: defaultdict[dt.date, list[Item]] = defaultdict(list)
        ids = set(self.current)
        creates = (Establish, Merge, Split)
        for d in self.ix.decisions:
            eff = d.effective_on
            for i, e in enumerate(d.effects):
                days[eff if e.effective_on is None else e.effective_on].append((d, i, e))
                if type(e) in creates:
                    ids.update(_established_by(e))
        self.ix.days = dict(days)
        self.ix.day_list = sorted(days)
        self.known_ids = ids

    def finish(self) -> None:
        """Versions, child sets and segments from the replay's scratch state."""
        ix = self.ix
        children = ix.children_ever
        for org_id, track in self.tracks.items():
            track.finish()
            for p in _parents(track):
                s = children.get(p)
                if s is None:
                    children[p] = {org_id}
                else:
                    s.add(org_id)
        self.store_state()

    def store_state(self) -> None:
        ix = self.ix
        ix.live, ix.kids = self.current, self.kids
        ix.mandate_items, ix.composition_items = self.mandate_items, self.composition_items
        ix.known_ids = frozenset(self.known_ids)

    # ------------------------------------------------------------------ incremental
    def extend(self, old: Index, new: Iterable[Decision]) -> Index | None:
        """*old* with *new* added, or None when a full build would be as quick."""
        fresh: dict[Key, Decision] = {}
        for d in new:
            k = key_of(_checked(d))
            prev = old.by_key.get(k)
            if prev is None:
                prev = fresh.get(k)
            if prev is None:
                fresh[k] = d
            elif prev is not d and prev != d:
                raise DuplicateDecisionError(
                    "another, different decision has the same identity (issuer, number, year)",
                    decision=str(d.ref),
                )
        if not fresh:
            return old
        if not old.strict or len(fresh) > max(EXTEND_LIMIT, len(old.decisions) // 8):
            return None
        self.cow = True
        ix = self.ix
        added = sorted(fresh.values(), key=Decision.sort_key)
        ix.by_key = old.by_key.copy()  # a compact dict's copy is a block copy
        ix.by_key.update(fresh)
        decisions = list(old.decisions)
        for d in added:
            decisions.insert(bisect_right(decisions, d.sort_key(), key=Decision.sort_key), d)
        ix.decisions = tuple(decisions)
        ix.enders = dict(old.enders)
        for d in added:
            self.check_references(d)

        # ends: only the decisions the new ones end, directly or through a chain, can change
        ix.end_of, ix.ended_by = dict(old.end_of), dict(old.ended_by)
        closure: list[Decision] = []
        seen = {id(d) for d in added}
        stack = list(added)
        while stack:
            for r in _ends(stack.pop()):
                target = ix.by_key.get(ref_key(r))
                if target is not None and id(target) not in seen:
                    seen.add(id(target))
                    closure.append(target)
                    stack.append(target)
        for x in closure:
            del ix.end_of[id(x)]
            ix.ended_by.pop(id(x), None)
        self.resolve_ends(sorted([*added, *closure], key=Decision.sort_key))

        # the replay starts on the first day anything can differ
        first: dt.date | None = None
        refresh: set[str] = set()  # organisations whose provisions changed status
        for d in added:
            for e in d.effects:
                t = d.effect_date(e)
                first = t if first is None or t < first else first
        for x in closure:
            was, now = old.end_of[id(x)], ix.end_of[id(x)]
            if was == now and old.ended_by.get(id(x)) is ix.ended_by.get(id(x)):
                continue
            moved = was if now is None else now if was is None else min(was, now)
            if moved is not None and (first is None or moved < first):
                first = moved
            refresh.update(e.org_id for e in x.effects if isinstance(e, _STANDING))
        self.schedule_added(old, added)
        if first is None:  # nothing happens on any day: share the old state
            _share(old, ix)
            return ix
        self.prepare(old, first, added)
        self.dirty |= refresh
        self.replay(bisect_left(ix.day_list, first))
        self.finish_extend(old)
        return ix

    def schedule_added(self, old: Index, added: list[Decision]) -> None:
        ix = self.ix
        ix.days = dict(old.days)
        own: set[dt.date] = set()
        for d in added:
            for i, e in enumerate(d.effects):
                t = d.effect_date(e)
                if t not in own:
                    own.add(t)
                    ix.days[t] = list(ix.days.get(t, ()))
                lst = ix.days[t]
                at = bisect_right(lst, (d.sort_key(), i), key=lambda it: (it[0].sort_key(), it[1]))
                lst.insert(at, (d, i, e))
        ix.day_list = sorted(ix.days) if len(ix.days) != len(old.days) else old.day_list

    def prepare(self, old: Index, first: dt.date, added: list[Decision]) -> None:
        """The replay's state on the eve of *first*, from *old* (copy on write)."""
        self.tracks = self.ix.tracks = dict(old.tracks)
        self.successions = self.ix.successions = dict(old.successions)
        self.current = dict(old.live)
        self.kids = dict(old.kids)
        self.mandate_items = dict(old.mandate_items)
        self.composition_items = dict(old.composition_items)
        new_ids = {i for d in added for i in _established(d)} - old.known_ids
        self.known_ids = old.known_ids | new_ids if new_ids else old.known_ids
        touched: set[str] = set()
        for t in old.day_list[bisect_left(old.day_list, first) :]:
            for _, _, e in old.days[t]:
                touched.update(e.org_ids())
        for a in touched:
            track = old.tracks.get(a)
            if track is None:
                continue
            self.dirty.add(a)
            if track.starts[0] >= first:
                del self.tracks[a]
                now = None
            else:
                self.tracks[a] = cut = track.reopen(first)
                self.own_tracks.add(a)
                now = cut.values[-1] if cut.end is None else None
            final = old.live.get(a)
            before_p = None if final is None else final.parent
            now_p = None if now is None else now.parent
            if final is not None and before_p is not None and (now is None or now_p != before_p):
                self.kids_discard(before_p, a)
            if now is not None and now_p is not None and (final is None or now_p != before_p):
                self.own_kid_set(now_p).add(a)
            if now is None:
                self.current.pop(a, None)
            else:
                self.current[a] = now
            for items, own in (
                (self.mandate_items, self.own_mandates),
                (self.composition_items, self.own_compositions),
            ):
                lst: list[Any] | None = items.get(a)
                if lst and lst[-1][0] >= first:
                    kept = lst[: bisect_left([it[0] for it in lst], first)]
                    if kept:
                        items[a] = kept
                        own.add(a)
                    else:
                        del items[a]
            succ = self.successions.get(a)
            if succ is not None and succ.on >= first:
                del self.successions[a]

    def finish_extend(self, old: Index) -> None:
        ix = self.ix
        children = ix.children_ever = dict(old.children_ever)
        own_children: set[str] = set()
        changed = self.own_tracks | {a for a in self.dirty if a not in self.tracks}
        for a in changed:
            before = old.tracks.get(a)
            after = self.tracks.get(a)
            if after is not None and a in self.own_tracks:
                after.finish()
            was = _parents(before) if before is not None else set()
            now = _parents(after) if after is not None else set()
            for p, add in [(p, False) for p in was - now] + [(p, True) for p in now - was]:
                if p not in own_children:
                    own_children.add(p)
                    children[p] = set(children.get(p, ()))
                s = children[p]
                if add:
                    s.add(a)
                else:
                    s.discard(a)
                    if not s:
                        del children[p]
        # segments are folded on first use: drop those of the organisations that changed
        ix.mandates, ix.compositions = dict(old.mandates), dict(old.compositions)
        for a in self.dirty | self.own_mandates | self.own_compositions:
            ix.mandates.pop(a, None)
            ix.compositions.pop(a, None)
        rows = old.names if old.names is not None else old.name_cache
        ix.name_cache = {k: v for k, v in rows.items() if k not in changed}
        self.store_state()

    # ------------------------------------------------------------------ state changes
    def own_track(self, org_id: str) -> Track:
        track = self.tracks[org_id]
        if self.cow and org_id not in self.own_tracks:
            track = self.tracks[org_id] = track.reopen()
            self.own_tracks.add(org_id)
        return track

    def own_kid_set(self, parent: str) -> set[str]:
        s = self.kids.get(parent)
        if s is None:
            s = self.kids[parent] = set()
            self.own_kids.add(parent)
        elif self.cow and parent not in self.own_kids:
            s = self.kids[parent] = set(s)
            self.own_kids.add(parent)
        return s

    def kids_discard(self, parent: str, org_id: str) -> None:
        s = self.kids.get(parent)
        if s is not None and org_id in s:
            self.own_kid_set(parent).discard(org_id)

    def set_value(self, org: Org, t: dt.date, d: Decision | None) -> None:
        oid = org.id
        track = self.tracks.get(oid)
        if track is None:
            track = self.tracks[oid] = Track()
            self.own_tracks.add(oid)
        elif self.cow and oid not in self.own_tracks:
            track = self.own_track(oid)
        starts = track.starts
        if starts and starts[-1] == t:
            track.values[-1], track.causes[-1] = org, d
        else:
            starts.append(t)
            track.values.append(org)
            track.causes.append(d)
        old = self.current.get(oid)
        old_parent = None if old is None else old.parent
        if old is None or old_parent != org.parent:
            if old_parent is not None:
                self.kids_discard(old_parent, oid)
            if org.parent is not None:
                self.own_kid_set(org.parent).add(oid)
        self.current[oid] = org

    def end_org(self, org_id: str, t: dt.date, d: Decision) -> None:
        track = self.own_track(org_id)
        if len(track.starts) > 1 and track.starts[-1] == t:
            # changed and ended on the same day: the change never held for a whole day, so
            # it leaves no (empty) version behind
            track.starts.pop()
            track.values.pop()
            track.causes.pop()
        track.end, track.end_by = t, d
        org = self.current.pop(org_id)
        if org.parent is not None:
            self.kids_discard(org.parent, org_id)

    def add_mandate(self, org_id: str, item: MandateItem) -> None:
        lst = self.mandate_items.get(org_id)
        if lst is None:
            self.mandate_items[org_id] = [item]
            self.own_mandates.add(org_id)
            return
        if self.cow and org_id not in self.own_mandates:
            lst = self.mandate_items[org_id] = list(lst)
            self.own_mandates.add(org_id)
        lst.append(item)

    def add_composition(self, org_id: str, item: CompositionItem) -> None:
        lst = self.composition_items.get(org_id)
        if lst is None:
            self.composition_items[org_id] = [item]
            self.own_compositions.add(org_id)
            return
        if self.cow and org_id not in self.own_compositions:
            lst = self.composition_items[org_id] = list(lst)
            self.own_compositions.add(org_id)
        lst.append(item)

    # ------------------------------------------------------------------ checks
    def alive(self, org_id: str, t: dt.date, where: Item, what: str = "organisation") -> Org:
        org = self.current.get(org_id)
        if org is not None:
            return org
        track = self.tracks.get(org_id)
        if track is None and org_id not in self.known_ids:
            raise UnknownOrganisationError(
                f"unknown {what} {org_id!r} on {t}", org_id=org_id, on=t, **_ctx(where)
            )
        if track is None:
            reason = f"{what} {org_id!r} is not alive on {t}: it is established only later"
        else:
            by = f" by {track.end_by.ref}" if track.end_by is not None else ""
            reason = f"{what} {org_id!r} is not alive on {t}: it ended on {track.end}{by}"
        raise NotAliveError(reason, org_id=org_id, on=t, **_ctx(where))

    def check_new_id(self, org: Org, t: dt.date, where: Item) -> None:
        track = self.tracks.get(org.id)
        if track is not None:
            born = None if track.starts[0] == BEGINNING else track.starts[0]
            raise DuplicateOrganisationError(
                f"organisation {org.id!r} already exists (established "
                f"{born or 'in the first states'})",
                org_id=org.id,
                on=t,
                **_ctx(where),
            )
        if org.parent is not None:
            self.alive(org.parent, t, where, "parent")

    def require_held(
        self,
        org_id: str,
        have: frozenset[tuple[str, ...]],
        wanted: Iterable[tuple[str, ...]],
        *,
        verb: str,
        t: dt.date,
        where: Item,
    ) -> None:
        """Raise unless every mandate item in *wanted* is among *have* (what *org_id* holds)."""
        missing = set(wanted) - have
        if missing:
            raise InvalidEffectError(
                f"{verb} {_show(missing)} which {org_id!r} does not hold on {t}",
                org_id=org_id,
                on=t,
                **_ctx(where),
            )

    def mandate_now(self, org_id: str, t: dt.date) -> Mandate:
        return fold_mandate(self.mandate_items.get(org_id, ()), t, self.ix.in_force)

    # ------------------------------------------------------------------ replay
    def replay(self, start: int) -> None:
        ix = self.ix
        days, end_of, dispatch = ix.days, ix.end_of, _DISPATCH
        for t in ix.day_list[start:]:
            # in force on t (an item is never dated before its decision takes effect)
            active = [it for it in days[t] if (end := end_of[id(it[0])]) is None or t < end]
            if not active:
                continue
            skip = self.same_day_claims(t, active) if active[0][0] is not active[-1][0] else None
            ended: list[tuple[str, Decision]] = []
            for it in active:
                d, i, e = it
                if skip and (id(d), i) in skip:
                    continue
                apply = dispatch.get(type(e))
                try:
                    if apply is None:  # pragma: no cover - the effect set is closed
                        raise InvalidEffectError(
                            f"unsupported effect {type(e).__name__}", **_ctx(it)
                        )
                    apply(self, e, d, t, it, ended)
                except DecisionError as err:
                    self.fail(err)
            if ended:
                self.check_orphans(t, ended)

    def same_day_claims(self, t: dt.date, active: list[Item]) -> set[tuple[int, int]]:
        claims: dict[tuple[str, str], tuple[object, Decision, int]] = {}
        skip: set[tuple[int, int]] = set()
        for d, i, e in active:
            one = _CLAIM.get(type(e))
            for key, value in (one(e),) if one is not None else _CLAIMS[type(e)](e):
                prev = claims.get(key)
                if prev is None or prev[1] is d:
                    claims[key] = (value, d, i)
                elif prev[0] == value:
                    if isinstance(e, Event):
                        skip.add((id(d), i))
                else:
                    skip.add((id(d), i))
                    self.fail(
                        ConflictError(
                            f"sets the {key[1]} of {key[0]!r} on {t} differently from "
                            f"{prev[1].ref} effect #{prev[2]}, and neither supersedes the other",
                            decision=str(d.ref),
                            effect_index=i,
                            effect_type=type(e).__name__,
                            org_id=key[0],
                            on=t,
                        )
                    )
        return skip

    def check_orphans(self, t: dt.date, ended: list[tuple[str, Decision]]) -> None:
        for org_id, d in ended:
            for child in sorted(self.kids.get(org_id, ())):
                if child in self.current:
                    self.fail(
                        NotAliveError(
                            f"ends {org_id!r} on {t} while its unit {child!r} is still alive "
                            "under it (move or dissolve the unit on the same day)",
                            decision=str(d.ref),
                            org_id=child,
                            on=t,
                        )
                    )

    # ------------------------------------------------------------------ effects
    def apply_establish(
        self, e: Establish, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.check_new_id(e.org, t, where)
        self.set_value(e.org, t, d)

    def apply_rename(
        self, e: Rename, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        cur = self.alive(e.org_id, t, where)
        short = cur.short_names if e.short_names is None else e.short_names
        if cur.name != e.name or cur.short_names != short:
            self.set_value(evolver(type(cur), _RENAMED)(cur, e.name, short), t, d)

    def apply_move(self, e: Move, d: Decision, t: dt.date, where: Item, ended: list[Any]) -> None:
        cur = self.alive(e.org_id, t, where)
        if e.parent is not None:
            self.alive(e.parent, t, where, "parent")
            p: str | None = e.parent
            while p is not None:
                if p == e.org_id:
                    raise HierarchyCycleError(
                        f"moving {e.org_id!r} under {e.parent!r} makes it its own ancestor",
                        org_id=e.org_id,
                        on=t,
                        **_ctx(where),
                    )
                # an ancestor may have ended already when validate() goes on after an
                # orphan error: the chain stops there (an ended body cannot be moved)
                above = self.current.get(p)
                p = above.parent if above is not None else None
        if cur.parent != e.parent:
            self.set_value(evolver(type(cur), _MOVED)(cur, e.parent), t, d)

    def apply_dissolve(
        self, e: Dissolve, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.alive(e.org_id, t, where)
        self.end_org(e.org_id, t, d)
        ended.append((e.org_id, d))

    def apply_transfer(
        self, e: TransferFunctions, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.alive(e.from_org, t, where)
        self.alive(e.to_org, t, where)
        have = self.mandate_now(e.from_org, t).items()
        if have:
            self.require_held(
                e.from_org, have, e.mandate.items(), verb="transfers", t=t, where=where
            )
        self.add_mandate(e.from_org, (t, "delta", (Mandate.EMPTY, e.mandate), d))
        self.add_mandate(e.to_org, (t, "delta", (e.mandate, Mandate.EMPTY), d))

    def apply_set_mandate(
        self, e: SetMandate, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.alive(e.org_id, t, where)
        self.add_mandate(e.org_id, (t, "set", e.mandate, d))

    def apply_amend(
        self, e: AmendMandate, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        self.alive(e.org_id, t, where)
        if not e.remove.is_empty:  # removing nothing needs no check
            have = self.mandate_now(e.org_id, t).items()
            self.require_held(e.org_id, have, e.remove.items(), verb="removes", t=t, where=where)
        self.add_mandate(e.org_id, (t, "amend", (e.add, e.remove), d))

    def apply_composition(
        self, e: SetComposition, d: Decision, t: dt.date, where: Item, ended: list[Any]
    ) -> None:
        org = self.alive(e.org_id, t, where)
        if not isinstance(org, Committee):
            raise InvalidEffectError(
                f"sets a composition for {e.org_id!r}, which is not a Committee",
                org_id=e.org_id,
                on=t,
                **_ctx(where),
            )
        current = self.current
        for m in e.members:
            if m.post.org_id not in current:
                self.alive(m.post.org_id, t, where, f"organisation of post '{m.post.title}'")
        self.add_composition(e.org_id, (t, e.members, d))

    def apply_merge(
        self, e: Merge, d: Decision, t: dt.date, where: Item, ended: list[tuple[str, Decision]]
    ) -> None:
        for s in e.sources:
            self.alive(s, t, where, "merge source")
        if e.establish is not None:
            self.check_new_id(e.establish, t, where)
        else:
            self.alive(e.into, t, where, "merge target")
        for ps in e.posts:
            if ps.old.org_id not in e.sources or ps.new.org_id != e.into:
                raise InvalidEffectError(
                    f"post succession {ps.old} → {ps.new} must go from a source to {e.into!r}",
                    **_ctx(where),
                )
        if e.establish is not None:
            self.set_value(e.establish, t, d)
        for s in e.sources:
            rest = self.mandate_now(s, t)
            if not rest.is_empty:
                self.add_mandate(e.into, (t, "delta", (rest, Mandate.EMPTY), d))
            self.end_org(s, t, d)
            ended.append((s, d))
            self.successions[s] = Succession(t, (e.into,), d, e.posts)

    def apply_split(
        self, e: Split, d: Decision, t: dt.date, where: Item, ended: list[tuple[str, Decision]]
    ) -> None:
        self.alive(e.source, t, where, "split source")
        for part in e.parts:
            if part.establish is not None:
                self.check_new_id(part.establish, t, where)
            else:
                self.alive(part.org_id, t, where, "split part")
        owner: dict[tuple[str, ...], str] = {}
        for part in e.parts:
            for item in part.mandate.items():
                if item in owner:
                    raise InvalidEffectError(
                        f"{_show({item})} is given to both {owner[item]!r} and {part.org_id!r}",
                        org_id=e.source,
                        on=t,
                        **_ctx(where),
                    )
                owner[item] = part.org_id
        have = self.mandate_now(e.source, t).items()
        if have:
            self.require_held(e.source, have, owner, verb="gives away", t=t, where=where)
            unassigned = have - set(owner)
            if e.dissolve_source and unassigned:
                raise InvalidEffectError(
                    f"does not say which part takes {_show(unassigned)}",
                    org_id=e.source,
                    on=t,
                    **_ctx(where),
                )
        for part in e.parts:
            if part.establish is not None:
                self.set_value(part.establish, t, d)
            self.add_mandate(part.org_id, (t, "delta", (part.mandate, Mandate.EMPTY), d))
            if not e.dissolve_source:
                self.add_mandate(e.source, (t, "delta", (Mandate.EMPTY, part.mandate), d))
        if e.dissolve_source:
            self.end_org(e.source, t, d)
            ended.append((e.source, d))
            self.successions[e.source] = Succession(
                t,
                tuple(p.org_id for p in e.parts),
                d,
                shares=tuple((p.org_id, p.mandate) for p in e.parts),
            )


# --------------------------------------------------------------------------- helpers
def _loop(d: Decision) -> SupersessionError:
    return SupersessionError(
        "decisions supersede or repeal each other in a loop", decision=str(d.ref)
    )


def _better(frame: list[Any], f: Decision, f_end: dt.date | None) -> None:
    """Let ender *f* (ending on *f_end*) lower the end held in *frame* if it is in force."""
    if (f_end is None or f.effective_on < f_end) and (
        frame[3] is None or f.effective_on < frame[3]
    ):
        frame[3], frame[4] = f.effective_on, f


def _established(d: Decision) -> Iterator[str]:
    """Ids the decision establishes (whether or not it ever takes effect)."""
    for e in d.effects:
        yield from _established_by(e)


def _established_by(e: Effect) -> Iterator[str]:
    if isinstance(e, Establish):
        yield e.org.id
    elif isinstance(e, Merge) and e.establish is not None:
        yield e.into
    elif isinstance(e, Split):
        yield from (p.org_id for p in e.parts if p.establish is not None)


def _parents(track: Track) -> set[str]:
    return {p for v in track.versions if (p := v.value.parent) is not None}


def _share(old: Index, ix: Index) -> None:
    """Give *ix* every replay structure of *old* (nothing on any day changed)."""
    ix.tracks, ix.successions, ix.children_ever = old.tracks, old.successions, old.children_ever
    ix.mandates, ix.compositions = old.mandates, old.compositions
    ix.mandate_items, ix.composition_items = old.mandate_items, old.composition_items
    ix.live, ix.kids, ix.known_ids = old.live, old.kids, old.known_ids
    ix.names, ix.name_cache = old.names, old.name_cache


Claims = list[tuple[tuple[str, str], object]]


def _merge_claims(e: Merge) -> Claims:
    out: Claims = [((s, "existence"), ("merged", e.into)) for s in e.sources]
    if e.establish is not None:
        out.append(((e.into, "existence"), ("established", e.establish)))
    return out


def _split_claims(e: Split) -> Claims:
    out: Claims = [
        ((p.org_id, "existence"), ("established", p.establish))
        for p in e.parts
        if p.establish is not None
    ]
    if e.dissolve_source:
        out.append(((e.source, "existence"), ("split", e.parts)))
    return out


def _no_claims(e: Effect) -> Claims:
    return []


Claim = tuple[tuple[str, str], object]

#: The one (organisation, attribute) pair an effect sets, with the value it sets it to.
_CLAIM: dict[type, Callable[[Any], Claim]] = {
    Establish: lambda e: ((e.org.id, "existence"), ("established", e.org)),
    Dissolve: lambda e: ((e.org_id, "existence"), ("dissolved",)),
    Rename: lambda e: ((e.org_id, "name"), (e.name, e.short_names)),
    Move: lambda e: ((e.org_id, "parent"), e.parent),
    SetMandate: lambda e: ((e.org_id, "mandate"), e.mandate),
    SetComposition: lambda e: ((e.org_id, "composition"), e.members),
}

#: The pairs of effects that set several (merges, splits) or none.
_CLAIMS: dict[type, Callable[[Any], Claims]] = {
    Merge: _merge_claims,
    Split: _split_claims,
    TransferFunctions: _no_claims,
    AmendMandate: _no_claims,
}

#: How each effect class is applied.
_DISPATCH: dict[type, Callable[..., None]] = {
    Establish: _Builder.apply_establish,
    Rename: _Builder.apply_rename,
    Move: _Builder.apply_move,
    Dissolve: _Builder.apply_dissolve,
    Merge: _Builder.apply_merge,
    Split: _Builder.apply_split,
    TransferFunctions: _Builder.apply_transfer,
    SetMandate: _Builder.apply_set_mandate,
    AmendMandate: _Builder.apply_amend,
    SetComposition: _Builder.apply_composition,
}


def _sort(decisions: Iterable[Decision]) -> tuple[Decision, ...]:
    """*decisions* sorted by :meth:`Decision.sort_key`.

    Sorted first on the key's cheap head (signing date, issuer, serial number); only runs
    that tie on it are ordered by the whole key (which formats the document number).
    """
    ds = list(decisions)
    head: Callable[[Decision], tuple[Any, ...]] = _HEAD
    if any(d.signed_on is None for d in ds):
        head = _head
    out = sorted(ds, key=head)
    i, n = 0, len(out)
    prev = head(out[0]) if out else None
    while i < n:  # runs that tie on the head: order them by the whole key
        j = i + 1
        while j < n and (nxt := head(out[j])) == prev:
            j += 1
        if j - i > 1:
            out[i:j] = sorted(out[i:j], key=Decision.sort_key)
        if j < n:
            prev = nxt
        i = j
    return tuple(out)


_HEAD = attrgetter("signed_on", "issuer", "number.number")


def _head(d: Decision) -> tuple[Any, ...]:
    return (d.effective_on if d.signed_on is None else d.signed_on, d.issuer, d.number.number)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a build allocates; then file what it made
    as long-lived.

    A build makes about a million small containers in one burst and none of them form cycles
    that need collecting. With the collector on, its young generation fills again and again
    and each collection walks the whole young heap (the caller's decisions included), which
    doubles the build's time; re-enabled afterwards, its first collection still walks the
    new index once (about 0.3 s for 200,000 decisions). So the survivors are moved straight
    to the oldest generation — ``gc.freeze()`` then ``gc.unfreeze()``, which relinks the
    generation lists without visiting an object — where the next full collection will see
    them, as it would have anyway. Reference counting frees everything as usual. Nothing is
    done when the collector was off, or when the application has frozen objects of its own
    (``gc.freeze()`` before a fork): those stay as they are.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _show(items: Iterable[tuple[str, ...]]) -> str:
    return ", ".join(sorted(f"{i[0]} {' / '.join(repr(x) for x in i[1:])}" for i in items))


def build(
    decisions: Iterable[Decision],
    initial: Iterable[Org] = (),
    *,
    errors: list[DecisionError] | None = None,
    allow_dangling: bool = False,
) -> Index:
    """Validate *decisions* and build their index.

    Args:
        decisions: the decisions, in any order.
        initial: first states of organisations alive before any decision.
        errors: when a list is given, every :class:`DecisionError` is appended to it and the
            faulty effect skipped, instead of raising the first.
        allow_dangling: accept references to decisions outside the set (used for
            ``known_on`` views, whose full set was validated already).

    Returns:
        The index.

    Raises:
        DecisionError: the first fault, when *errors* is None.
    """
    with _gc_paused():
        return _Builder(errors, allow_dangling).run(decisions, initial)


def extend(old: Index, decisions: Iterable[Decision]) -> Index | None:
    """*old* with *decisions* added, equal to a full build of the union.

    Returns *old* itself when every decision is already in it, and None when a full build is
    the better way (many new decisions, or *old* was built with skipped faults).

    Raises:
        DecisionError: the first fault of the union (the same a full build raises); *old* is
            left as it was.
    """
    with _gc_paused():
        return _Builder(None, False).extend(old, decisions)
