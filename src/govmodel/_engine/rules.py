"""The rules of one day of the replay (laws 3, 5 and 6), private.

* **Order** (law 5): on one day, an effect that brings an organisation into being applies
  before every effect that refers to it, and an effect that ends an organisation applies
  after every other effect that refers to it, whatever the decisions' signing dates, issuer
  ids or the effects' positions; among independent effects the order is the decisions'
  (signed_on, issuer, number), then the position. Effects that depend on each other in a
  circle keep that order.
* **Claims** (law 5): two decisions that set one attribute of one organisation to different
  results on the same day, neither superseding the other, are a
  :class:`~govmodel.errors.ConflictError` naming both; the same result claimed twice is no
  conflict (the second claim of an event is skipped). Results are compared, not raw claims: a
  rename that omits ``short_names`` keeps the current ones.
* **Validity** (law 6): the checks every effect makes before it changes anything.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from govmodel._engine.track import BEGINNING, Item, Org, Track
from govmodel.decisions import Decision
from govmodel.effects import (
    AmendMandate,
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
    DuplicateOrganisationError,
    InvalidEffectError,
    NotAliveError,
    UnknownOrganisationError,
)
from govmodel.model import AdminUnit
from govmodel.persons import Appoint, EndAppointment
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea

__all__ = [
    "STRUCTURAL",
    "alive",
    "breaks_order",
    "check_new_id",
    "check_unit_parent",
    "ctx",
    "day_order",
    "require_held",
    "require_unit",
    "same_day_claims",
    "show_items",
]


def ctx(where: Item) -> dict[str, Any]:
    """The error context of a scheduled effect: decision, effect index and type."""
    d, i, e = where
    if d is None:  # a first state: no decision, no effect
        return {}
    return {"decision": str(d.ref), "effect_index": i, "effect_type": type(e).__name__}


# --------------------------------------------------------------------------- order
def day_order(items: list[Item]) -> list[Item]:
    """*items* (in decision order, then position) in dependency order (law 5).

    Runtime: O(n) when nothing on the day creates or ends an organisation another effect of
    the day names, or when the given order already respects every dependency; else
    O((n + r) log n) for r references.
    """
    if len(items) < 2:
        return items
    if any(type(it[2]) is EndLevel for it in items):
        # a whole level ends after everything else of its day (it refers to every unit)
        rest = [it for it in items if type(it[2]) is not EndLevel]
        ordered = day_order(rest)
        tail = [it for it in items if type(it[2]) is EndLevel]
        return [*ordered, *tail] if (ordered is not rest or items[-len(tail):] != tail) else items
    structural = _STRUCTURAL
    makers, enders = _makers_and_enders(
        items, [k for k, it in enumerate(items) if type(it[2]) in structural]
    )
    if not (makers or enders) or not _broken(items, makers, enders):
        return items
    edges: list[tuple[int, int]] = []  # (first, then)
    for k, it in enumerate(items):
        for x in it[2].org_ids():
            m = makers.get(x)
            if m is not None and m != k:
                edges.append((m, k))
            js = enders.get(x)
            if js is not None and k != m:
                edges.extend((k, j) for j in js if j != k)
    after: list[list[int]] = [[] for _ in items]  # k -> items that must come after k
    needs = [0] * len(items)
    for a, b in dict.fromkeys(edges):
        after[a].append(b)
        needs[b] += 1
    ready = [k for k in range(len(items)) if needs[k] == 0]
    heapq.heapify(ready)
    done = [False] * len(items)
    out: list[Item] = []
    while len(out) < len(items):
        if ready:
            k = heapq.heappop(ready)
            if done[k]:
                continue
        else:  # a circle of dependencies: the first remaining effect goes first
            k = next(i for i in range(len(items)) if not done[i])
        done[k] = True
        out.append(items[k])
        for j in after[k]:
            needs[j] -= 1
            if needs[j] == 0 and not done[j]:
                heapq.heappush(ready, j)
    return out


def breaks_order(items: list[Item], structural: list[int]) -> bool:
    """Whether :func:`day_order` would reorder *items*, which hold no ``EndLevel``, given
    the positions of their *structural* effects (those that create or end organisations):
    the same answer, without looking for them."""
    if len(items) < 2 or not structural:
        return False
    if len(structural) == 1:  # the common case, without the maps: one body made or ended
        k = structural[0]
        e = items[k][2]
        made = e.creates()
        if made and k and any(not set(made).isdisjoint(items[j][2].org_ids()) for j in range(k)):
            return True
        ended = e.ends_ids()
        return bool(ended) and any(
            not set(ended).isdisjoint(items[j][2].org_ids()) for j in range(k + 1, len(items))
        )
    makers, enders = _makers_and_enders(items, structural)
    return bool(makers or enders) and _broken(items, makers, enders)


def _makers_and_enders(
    items: list[Item], structural: list[int]
) -> tuple[dict[str, int], dict[str, list[int]]]:
    """The first position creating each id, and every position ending each id."""
    makers: dict[str, int] = {}
    enders: dict[str, list[int]] = {}
    for k in structural:
        e = items[k][2]
        for x in e.creates():
            if x not in makers:
                makers[x] = k
        for x in e.ends_ids():
            js = enders.get(x)
            if js is None:
                enders[x] = [k]
            else:
                js.append(k)
    return makers, enders


def _broken(items: list[Item], makers: dict[str, int], enders: dict[str, list[int]]) -> bool:
    """Whether an effect names a body made later that day or ended earlier that day.

    Only an effect before the last maker can refer to a later-made body, and only one after
    the first ender to an already-ended one: only those are looked at.
    """
    n = len(items)
    last_maker = max(makers.values(), default=-1)
    first_ender = min((js[0] for js in enders.values()), default=n)
    get_maker, get_enders = makers.get, enders.get
    made, ended = makers.keys(), enders.keys()
    for k in (range(n) if first_ender < last_maker else
              (*range(min(last_maker, n)), *range(first_ender + 1, n))):
        ids = items[k][2].org_ids()
        if k < last_maker and not made.isdisjoint(ids):
            for x in ids:
                m = get_maker(x)
                if m is not None and m > k:
                    return True
        if k > first_ender and not ended.isdisjoint(ids):
            for x in ids:
                js = get_enders(x)
                if js is not None and js[0] < k:
                    return True
    return False


#: The effect classes that create or end organisations (the rest only refer to them).
STRUCTURAL = frozenset({Establish, Merge, Split, Dissolve})
_STRUCTURAL = STRUCTURAL


# --------------------------------------------------------------------------- claims
Claim = tuple[tuple[str, str], object]


def _rename_claim(e: Rename, current: Mapping[str, Org]) -> list[Claim]:
    short = e.short_names
    if short is None:  # "keep": the result is the current short names
        cur = current.get(e.org_id)
        short = None if cur is None else cur.short_names
    return [((e.org_id, "name"), (e.name, short))]


def _merge_claims(e: Merge, current: Mapping[str, Org]) -> list[Claim]:
    # The sources' ends are settled by the replay itself (a source merged twice into one
    # body is merged once; into two bodies, a conflict): see Replay.apply_merge.
    if e.establish is None:
        return []
    return [((e.into, "existence"), ("established", e.establish))]


def _split_claims(e: Split, current: Mapping[str, Org]) -> list[Claim]:
    out: list[Claim] = [
        ((p.org_id, "existence"), ("established", p.establish))
        for p in e.parts
        if p.establish is not None
    ]
    if e.dissolve_source:
        out.append(((e.source, "existence"), ("split", e.parts)))
    return out


def _none(e: Effect, current: Mapping[str, Org]) -> list[Claim]:
    return []


#: The (organisation, attribute) pairs an effect sets, with the result it sets them to.
CLAIMS: dict[type, Callable[[Any, Mapping[str, Org]], list[Claim]]] = {
    Establish: lambda e, c: [((e.org.id, "existence"), ("established", e.org))],
    Dissolve: lambda e, c: [((e.org_id, "existence"), ("dissolved",))],
    Rename: _rename_claim,
    Move: lambda e, c: [((e.org_id, "parent"), e.parent)],
    Merge: _merge_claims,
    Split: _split_claims,
    SetMandate: lambda e, c: [((e.org_id, "mandate"), e.mandate)],
    SetComposition: lambda e, c: [((e.org_id, "composition"), e.members)],
    TransferFunctions: _none,
    AmendMandate: _none,
    TransferArea: _none,
    Reclassify: lambda e, c: [((e.org_id, "unit_type"), e.unit_type)],
    EndLevel: _none,
    # appointments name a post, not an attribute of a body: the holders' own rules
    # (govmodel._engine.holders) settle two on one day
    Appoint: _none,
    EndAppointment: _none,
}


def same_day_claims(
    t: dt.date,
    active: Iterable[Item],
    current: Mapping[str, Org],
    fail: Callable[[DecisionError], None],
) -> set[tuple[int, int]]:
    """The effects of one day to skip: a repeated claim of an event, or a conflicting one
    (reported through *fail*, naming both decisions)."""
    claims: dict[tuple[str, str], tuple[object, Decision, int]] = {}
    skip: set[tuple[int, int]] = set()
    for d, i, e in active:
        claims_of = CLAIMS[type(e)]
        if claims_of is _none:
            continue
        for key, value in claims_of(e, current):
            prev = claims.get(key)
            if prev is None or prev[1] is d:
                claims[key] = (value, d, i)
            elif prev[0] == value:
                if isinstance(e, Event) and not isinstance(e, Merge):
                    skip.add((id(d), i))
            else:
                skip.add((id(d), i))
                fail(
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


# --------------------------------------------------------------------------- validity
def alive(  # noqa: PLR0917 - the replay's state, passed apart to keep this module pure
    current: Mapping[str, Org],
    tracks: Callable[[str], Track | None],
    known_ids: Iterable[str] | frozenset[str] | set[str],
    org_id: str,
    t: dt.date,
    where: Item,
    what: str = "organisation",
) -> Org:
    """The value of *org_id* alive on *t*, or the error that says why it is not."""
    org = current.get(org_id)
    if org is not None:
        return org
    track = tracks(org_id)
    if track is None and org_id not in known_ids:
        raise UnknownOrganisationError(
            f"unknown {what} {org_id!r} on {t}", org_id=org_id, on=t, **ctx(where)
        )
    if track is None:
        reason = f"{what} {org_id!r} is not alive on {t}: it is established only later"
    else:
        by = f" by {track.end_by.ref}" if track.end_by is not None else ""
        reason = f"{what} {org_id!r} is not alive on {t}: it ended on {track.end}{by}"
    raise NotAliveError(reason, org_id=org_id, on=t, **ctx(where))


def check_new_id(track: Track | None, org: Org, t: dt.date, where: Item) -> None:
    """Refuse an id already in use (*track* is what the id holds so far)."""
    if track is not None:
        born = None if track.starts[0] == BEGINNING else track.starts[0]
        raise DuplicateOrganisationError(
            f"organisation {org.id!r} already exists (established "
            f"{born or 'in the first states'})",
            org_id=org.id,
            on=t,
            **ctx(where),
        )


def require_held(
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
            f"{verb} {show_items(missing)} which {org_id!r} does not hold on {t}",
            org_id=org_id,
            on=t,
            **ctx(where),
        )


def check_unit_parent(org: Org, parent: Org, t: dt.date, where: Item) -> None:
    """An administrative unit lies inside a unit of a higher tier (a commune inside a
    district or a province), never inside a body or a unit of its own tier or below."""
    if not isinstance(org, AdminUnit):
        return
    if not isinstance(parent, AdminUnit):
        raise InvalidEffectError(
            f"puts the {org.unit_type.vi} {org.id!r} inside {parent.id!r}, which is not an "
            "administrative unit",
            org_id=org.id, on=t, **ctx(where),
        )
    if parent.unit_type.tier >= org.unit_type.tier:
        raise InvalidEffectError(
            f"puts the {org.unit_type.vi} {org.id!r} inside the {parent.unit_type.vi} "
            f"{parent.id!r}, a unit of the same or a smaller level",
            org_id=org.id, on=t, **ctx(where),
        )


def require_unit(org: Org, t: dt.date, where: Item, what: str) -> AdminUnit:
    """*org*, which must be an administrative unit for the effect *what*."""
    if not isinstance(org, AdminUnit):
        raise InvalidEffectError(
            f"{what} of {org.id!r}, which is not an administrative unit",
            org_id=org.id, on=t, **ctx(where),
        )
    return org


def show_items(items: Iterable[tuple[str, ...]]) -> str:
    """Mandate items as a sorted, readable list."""
    return ", ".join(sorted(f"{i[0]} {' / '.join(repr(x) for x in i[1:])}" for i in items))
