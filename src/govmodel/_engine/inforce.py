"""When each decision is in force (law 2), private.

A decision is in force on D when ``effective_on ≤ D < end``, where ``end`` is the earliest of
its ``expires_on`` and the effective date E of each decision that supersedes ("thay thế") or
repeals ("bãi bỏ") it and is itself in force on E. So a superseding decision repealed before
it took effect ends nothing, and ending the ending decision later revives nothing.

The ends are resolved once per build into ``Index.end_of`` (``id(decision)`` → first day not
in force, for the decisions that end: an open one is not recorded) and ``Index.ended_by``
(the ender, for those ended early).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import attrgetter, is_not
from typing import Any

from govmodel._engine.index import Index, enders_of
from govmodel._engine.keys import ref_key
from govmodel.decisions import Decision
from govmodel.errors import DecisionError, SupersessionError, UnknownDecisionError

__all__ = ["check_references", "decision_days", "ends_of", "resolve_ends"]

Fail = Callable[[DecisionError], None]
_EXPIRES = attrgetter("expires_on")


def ends_of(d: Decision) -> tuple[Any, ...]:
    """The references *d* ends: what it supersedes and what it repeals."""
    return d.supersedes + d.repeals


def check_references(
    ix: Index, d: Decision, fail: Fail, *, allow_dangling: bool, keep_sorted: bool
) -> None:
    """Check what *d* supersedes, repeals and amends; record *d* as an ender of its targets.

    Args:
        keep_sorted: insert into each ender list in decision order (an incremental build,
            whose lists must read as a full build's); else append (a full build, which
            visits decisions in order anyway).
    """
    by_key, enders = ix.by_key, ix.enders
    signed = d.signed_on
    for field, refs in (
        ("supersedes", d.supersedes), ("repeals", d.repeals), ("amends", d.amends)
    ):
        for r in refs:
            target = by_key.get(ref_key(r))
            if target is None:
                if not allow_dangling:
                    fail(
                        UnknownDecisionError(
                            f"{field} {r}, which the timeline does not hold", decision=str(d.ref)
                        )
                    )
                continue
            if signed is not None and target.signed_on is not None and target.signed_on > signed:
                fail(
                    SupersessionError(
                        f"{field} {r}, signed later ({target.signed_on} > {signed})",
                        decision=str(d.ref),
                    )
                )
                continue
            if field == "amends":
                continue
            have = enders.get(id(target))
            if have is None:
                enders[id(target)] = d
            elif keep_sorted:  # a new list: the old index shares the old one
                lst = list(have) if isinstance(have, list) else [have]
                lst.insert(bisect_right(lst, d.sort_key(), key=Decision.sort_key), d)
                enders[id(target)] = lst
            elif isinstance(have, list):
                have.append(d)
            else:
                enders[id(target)] = [have, d]


def resolve_ends(ix: Index, order: Sequence[Decision], fail: Fail) -> None:
    """The end of each decision in *order* not known yet (memo: ``ix.end_of``).

    A decision nothing ends runs until it expires: those (most) are settled first, in C but
    for the few that expire. A decision is ended only by decisions signed no earlier, so a
    pass over the others from the last-signed back finds most enders' ends already known.
    What it cannot settle (equal or unknown signing dates, loops) a memoised, iterative
    depth-first walk does, in *order*, as it would have with nothing settled: a settled
    decision never leads to a loop.
    """
    end_of, enders = ix.end_of, ix.enders
    ids = list(map(id, order))
    ended = list(map(enders.__contains__, ids))
    pending = set(compress(ids, ended))  # not settled yet (every other decision is)
    for d in compress(order, map(is_not, map(_EXPIRES, order), repeat(None))):
        if id(d) not in enders:
            _settle(ix, pending, id(d), d.expires_on, None)
    unsettled: list[Decision] = []
    for d in reversed(list(compress(order, ended))):
        did = id(d)
        x = enders[did]
        xs = x if isinstance(x, list) else (x,)
        best, by = d.expires_on, None
        for f in xs:
            fid = id(f)
            if fid in pending:
                unsettled.append(d)
                break
            f_end = end_of.get(fid)
            eff = f.effective_on
            if (f_end is None or eff < f_end) and (best is None or eff < best):
                best, by = eff, f
        else:
            _settle(ix, pending, did, best, by)
    visiting: set[int] = set()
    for d in reversed(unsettled):  # in *order*
        did = id(d)
        if did not in pending:
            continue
        err: SupersessionError | None = None
        if did in visiting:
            err = _loop(d)
        elif did not in enders:  # nothing ends it: it runs until it expires
            _settle(ix, pending, did, d.expires_on, None)
        else:
            err = _walk(ix, d, visiting, pending)
        if err is not None:
            fail(err)
            pending.discard(did)  # left open


def _settle(
    ix: Index, pending: set[int], did: int, end: dt.date | None, by: Decision | None
) -> None:
    """Record the end of the decision of id *did* (none for an open one) and its ender."""
    pending.discard(did)
    if end is not None:
        ix.end_of[did] = end
    if by is not None:
        ix.ended_by[did] = by


def _walk(
    ix: Index, d: Decision, visiting: set[int], pending: set[int]
) -> SupersessionError | None:
    end_of, enders = ix.end_of, ix.enders
    visiting.add(id(d))
    # frames: [decision, its enders, next ender, best end, by whom]
    stack: list[list[Any]] = [[d, enders_of(enders, id(d)), 0, d.expires_on, None]]
    while stack:
        frame = stack[-1]
        x, xs, i = frame[0], frame[1], frame[2]
        if i < len(xs):
            f = xs[i]
            if id(f) not in pending:
                frame[2] = i + 1
                _better(frame, f, end_of.get(id(f)))
            elif id(f) in visiting:
                return _loop(f)
            else:
                visiting.add(id(f))
                stack.append([f, enders_of(enders, id(f)), 0, f.expires_on, None])
            continue
        stack.pop()
        visiting.discard(id(x))
        _settle(ix, pending, id(x), frame[3], frame[4])
        if stack:
            stack[-1][2] += 1
            _better(stack[-1], x, frame[3])
    return None


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


def decision_days(ix: Index) -> set[dt.date]:
    """Every day a decision or one of its effects takes effect, or a decision stops being in
    force (expiry, supersession, repeal): the only days a standing provision can change."""
    days: set[dt.date] = set(ix.days)
    days.update(d.effective_on for d in ix.decisions)
    days.update(end for end in ix.end_of.values() if end is not None)
    return days
