"""Strategies for every public value class (private; see :mod:`govmodel.testing`).

Values are arbitrary but valid: each builds without error, so a test can feed them to
anything that takes govmodel values. Nothing here promises that a set of them makes a valid
timeline; :mod:`govmodel.testing._scenarios` does that.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.decisions import (
    AmendMandate,
    Decision,
    DecisionRef,
    Dissolve,
    Effect,
    Establish,
    Merge,
    Move,
    PostSuccession,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    SplitPart,
    TransferFunctions,
)
from govmodel.model import (
    ORGANISATION_CLASSES,
    AdminUnit,
    Agency,
    AgencyKind,
    AnyOrganisation,
    Committee,
    CommitteeKind,
    Level,
    Mandate,
    Membership,
    Observation,
    PostRef,
    Role,
    Source,
    TaskGroup,
    Unit,
    UnitKind,
)
from govmodel.testing._args import (
    check_effect_kinds,
    check_ids,
    check_int,
    check_opt_id,
    check_opt_strategy,
    fail,
)
from govmodel.testing._basic import (
    FIRST_DAY,
    LAST_DAY,
    _dates,
    _texts,
    dates,
    decision_refs,
    document_numbers,
    org_ids,
    texts,
)
from govmodel.testing._persons import PERSON_EFFECTS, person_effect
from govmodel.testing._units import UNIT_EFFECTS, admin_units, identifiers, unit_effect
from govmodel.vn.docnum import DocumentNumber

__all__ = [
    "dates",
    "decision_refs",
    "decisions",
    "document_numbers",
    "effects",
    "mandates",
    "memberships",
    "observations",
    "org_ids",
    "organisations",
    "post_refs",
    "sources",
    "split_parts",
    "task_groups",
    "texts",
    "value_strategies",
]

Org = AnyOrganisation
_ORG_CLASSES: dict[str, type[Org]] = {c.__name__: c for c in ORGANISATION_CLASSES}

@functools.cache
def _pick_ids(pool: tuple[str, ...] | None) -> SearchStrategy[str]:
    return org_ids() if pool is None else st.sampled_from(pool)


@functools.cache
def _maybe(strategy: SearchStrategy[Any]) -> SearchStrategy[Any]:
    return st.none() | strategy


@functools.cache
def _lists(
    strategy: SearchStrategy[Any], max_size: int, *, min_size: int = 0, unique: bool = False
) -> SearchStrategy[list[Any]]:
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique=unique)


@functools.cache
def _choice(values: tuple[Any, ...]) -> SearchStrategy[Any]:
    return st.sampled_from(values)


@functools.cache
@st.composite
def _organisations(
    draw: st.DrawFn, org_id: str | None, kind_of: str | None, pool: tuple[str, ...] | None
) -> Org:
    """An organisation; *kind_of* names its class ("Agency"…), None for any."""
    ids = _pick_ids(pool)
    oid = org_id if org_id is not None else draw(ids)
    parent = draw(_maybe(ids))
    common: dict[str, Any] = {
        "id": oid,
        "name": draw(_texts(24)),
        "short_names": draw(_lists(_texts(24), 3)),
        "parent": None if parent == oid else parent,
    }
    common["identifiers"] = draw(_lists(identifiers(), 1))
    cls = _ORG_CLASSES[kind_of] if kind_of is not None else draw(_choice(ORGANISATION_CLASSES))
    if cls is AdminUnit:
        return admin_units(common, draw)
    if cls is Agency:
        kind, level = draw(_choice(tuple(AgencyKind))), draw(_choice(tuple(Level)))
        return Agency(**common, kind=kind, level=level)
    if cls is Unit:
        return Unit(**common, kind=draw(_choice(tuple(UnitKind))))
    return Committee(**common, kind=draw(_choice(tuple(CommitteeKind))))


def organisations(org_id: str | None = None, cls: type[Org] | None = None) -> SearchStrategy[Org]:
    """An :class:`~govmodel.model.Agency`, :class:`~govmodel.model.Unit`,
    :class:`~govmodel.model.Committee` or :class:`~govmodel.model.AdminUnit` value, of any
    kind, level, aliases, codes and parent.

    Args:
        org_id: the id every value gets; default: any id.
        cls: one of the four classes; default: any.

    Raises:
        StrategyArgumentError: *org_id* is not a valid id, or *cls* not an organisation class.
    """
    oid = check_opt_id("organisations", "org_id", org_id)
    if cls is not None and cls not in ORGANISATION_CLASSES:
        raise fail("organisations", "cls", f"must be an organisation class, not {cls!r}")
    return _organisations(oid, None if cls is None else cls.__name__, None)


def post_refs() -> SearchStrategy[PostRef]:
    """Posts in organisations, with or without a qualifier."""
    return _post_refs(None)


@functools.cache
def _post_refs(pool: tuple[str, ...] | None) -> SearchStrategy[PostRef]:
    return st.builds(PostRef, _pick_ids(pool), texts(), qualifier=st.none() | texts())


def memberships() -> SearchStrategy[Membership]:
    """A role in a committee held by a post."""
    return _memberships(None)


@functools.cache
def _memberships(pool: tuple[str, ...] | None) -> SearchStrategy[Membership]:
    return st.builds(Membership, st.sampled_from(Role), _post_refs(pool))


@functools.cache
def task_groups() -> SearchStrategy[TaskGroup]:
    """A named task group with up to three tasks."""
    return st.builds(TaskGroup, texts(), st.lists(texts(), max_size=3))


@functools.cache
def mandates() -> SearchStrategy[Mandate]:
    """Any mandate: functions, task groups, powers and fields of any text."""
    return st.builds(
        Mandate,
        functions=st.lists(texts(), max_size=3),
        task_groups=st.lists(task_groups(), max_size=3),
        powers=st.lists(texts(), max_size=2),
        fields=st.lists(texts(), max_size=3),
    )


@functools.cache
def sources() -> SearchStrategy[Source]:
    """Where a fact is known from: a document, maybe a quote, a locator and a URL."""
    return st.builds(
        Source,
        texts(),
        quote=st.none() | texts(60),
        locator=st.none() | texts(),
        url=st.none() | texts(),
    )


def observations(ids: SearchStrategy[str] | None = None) -> SearchStrategy[Observation]:
    """Dated mentions of an organisation's name.

    Args:
        ids: a strategy for the organisation ids mentioned; default: any id.

    Raises:
        StrategyArgumentError: *ids* is not a hypothesis strategy.
    """
    chosen = check_opt_strategy("observations", "ids", ids)
    return st.builds(
        Observation,
        org_id=chosen if chosen is not None else org_ids(),
        name=texts(),
        on=dates(),
        source=sources(),
        published_on=st.none() | dates(),
    )


@functools.cache
@st.composite
def _split_parts(draw: st.DrawFn, org_id: str | None, pool: tuple[str, ...] | None) -> SplitPart:
    oid = org_id if org_id is not None else draw(_pick_ids(pool))
    return SplitPart(
        org_id=oid,
        mandate=draw(mandates()),
        establish=draw(_maybe(_organisations(oid, None, pool))),
    )


def split_parts(org_id: str | None = None) -> SearchStrategy[SplitPart]:
    """One part of a split: an id, the mandate it takes, maybe the new body's first state.

    Raises:
        StrategyArgumentError: *org_id* is not a valid id.
    """
    return _split_parts(check_opt_id("split_parts", "org_id", org_id), None)


@functools.cache
@st.composite
def _effects(
    draw: st.DrawFn,
    kinds: tuple[str, ...],
    pool: tuple[str, ...] | None,
    when: SearchStrategy[dt.date] | None,
) -> Effect:
    ids = _pick_ids(pool)
    days = when if when is not None else _dates(FIRST_DAY, LAST_DAY)
    on = {"effective_on": draw(_maybe(days))}
    kind = draw(_choice(kinds))
    a, b = draw(_lists(ids, 2, min_size=2, unique=True))
    if kind == "Establish":
        return Establish(org=draw(_organisations(None, None, pool)), **on)
    if kind == "Rename":
        short = draw(_maybe(_lists(_texts(24), 2)))
        return Rename(org_id=a, name=draw(_texts(24)), short_names=short, **on)
    if kind == "Move":
        return Move(org_id=a, parent=draw(_choice((b, None))), **on)
    if kind == "Dissolve":
        return Dissolve(org_id=a, **on)
    # ids other than a: b, then up to two more (any equal to a dropped)
    others = [b, *(x for x in draw(_lists(ids, 2, unique=True)) if x not in (a, b))]
    if kind == "Merge":
        est = draw(_maybe(_organisations(a, None, pool)))
        posts = draw(_lists(_post_successions(pool), 2))
        return Merge(sources=others, into=a, establish=est, posts=posts, **on)
    if kind == "Split":
        parts = [draw(_split_parts(i, pool)) for i in others]
        return Split(source=a, parts=parts, dissolve_source=draw(st.booleans()), **on)
    if kind == "TransferFunctions":
        return TransferFunctions(from_org=a, to_org=b, mandate=draw(mandates()), **on)
    if kind in UNIT_EFFECTS:
        return unit_effect(draw, kind, a, b, on)
    if kind in PERSON_EFFECTS:
        return person_effect(draw, kind, a, b, on)
    if kind == "SetMandate":
        return SetMandate(org_id=a, mandate=draw(mandates()), **on)
    if kind == "AmendMandate":
        return AmendMandate(org_id=a, add=draw(mandates()), remove=draw(mandates()), **on)
    members = draw(_lists(_memberships(pool), 4, unique=True))
    return SetComposition(org_id=a, members=members, **on)


@functools.cache
def _post_successions(pool: tuple[str, ...] | None) -> SearchStrategy[PostSuccession]:
    return st.builds(PostSuccession, _post_refs(pool), _post_refs(pool))


def effects(
    kinds: Iterable[type[Effect] | str] | None = None,
    *,
    ids: Sequence[str] | None = None,
    dates: SearchStrategy[dt.date] | None = None,
) -> SearchStrategy[Effect]:
    """One effect of any of the ten classes (or of *kinds*), valid on its own.

    Args:
        kinds: the effect classes (or their ``"type"`` names) to draw from; default: all.
        ids: draw organisation ids from these (at least two); default: any id. A small
            pool makes effects refer to each other's organisations.
        dates: a strategy for the effects' own effective dates; default: 1945 to 2100.

    Raises:
        StrategyArgumentError: an argument is not of the kind described.
    """
    names = check_effect_kinds("effects", kinds)
    pool = check_ids("effects", "ids", ids)
    when = check_opt_strategy("effects", "dates", dates)
    return _effects(names, pool, when)


@functools.cache
@st.composite
def _decisions(
    draw: st.DrawFn,
    kinds: tuple[str, ...],
    pool: tuple[str, ...] | None,
    when: SearchStrategy[dt.date] | None,
    max_effects: int,
) -> Decision:
    days = when if when is not None else _dates(FIRST_DAY, LAST_DAY)
    number = draw(document_numbers())
    signed = draw(_maybe(days))
    retroactive = draw(st.booleans())
    kw: dict[str, Any] = {}
    if signed is None or draw(st.booleans()):
        effective_on = draw(days)
        if signed is not None and effective_on < signed and not retroactive:
            effective_on = signed
        kw["effective_on"] = effective_on
    effective: dt.date = kw.get("effective_on", signed)
    room = min(3000, (dt.date.max - effective).days)
    if room >= 1 and draw(st.booleans()):
        kw["expires_on"] = effective + dt.timedelta(days=draw(st.integers(1, room)))
    if draw(st.booleans()):
        kw["known_on"] = draw(days)
    if draw(st.booleans()):
        kw["year"] = draw(st.integers(1945, 2100))
    if number.doc_type is None or draw(st.booleans()):
        kw["doc_type"] = draw(_choice(("QĐ", "NQ", "CV", "KH")))
    effs = [
        attrs.evolve(e, effective_on=None)
        if e.effective_on is not None and e.effective_on < effective
        else e
        for e in draw(_lists(_effects(kinds, pool, when), max_effects))
    ]
    plain = Decision(
        number=number,
        issuer=draw(_pick_ids(pool)),
        title=draw(_titles()),
        signed_on=signed,
        retroactive=retroactive,
        signer=draw(_maybe(_post_refs(pool))),
        effects=effs,
        sources=draw(_lists(sources(), 2)),
        **kw,
    )
    ends: dict[str, list[DecisionRef]] = {}
    for field in ("supersedes", "repeals", "amends"):
        if draw(st.integers(0, 2)) == 0:  # references are rarer than not
            ends[field] = [r for r in draw(_lists(decision_refs(), 2)) if r != plain.ref]
    return plain.evolve(**ends) if ends else plain


@functools.cache
def _titles() -> SearchStrategy[str]:
    return st.just("") | _texts(24)


def decisions(
    kinds: Iterable[type[Effect] | str] | None = None,
    *,
    ids: Sequence[str] | None = None,
    dates: SearchStrategy[dt.date] | None = None,
    max_effects: int = 3,
) -> SearchStrategy[Decision]:
    """A decision with any fields and consistent dates (an unknown signing date included).

    Each decision is valid on its own; together they need not make a valid timeline (their
    effects name arbitrary organisations): use :func:`govmodel.testing.scenarios` for that.

    Args:
        kinds: the effect classes (or ``"type"`` names) its effects are drawn from.
        ids: draw organisation ids (issuer, effects, posts) from these; default: any id.
        dates: a strategy for its dates; default: 1945 to 2100.
        max_effects: the most effects one decision has (0 for none).

    Raises:
        StrategyArgumentError: an argument is not of the kind described.
    """
    names = check_effect_kinds("decisions", kinds)
    pool = check_ids("decisions", "ids", ids)
    when = check_opt_strategy("decisions", "dates", dates)
    most = check_int("decisions", "max_effects", max_effects, minimum=0)
    return _decisions(names, pool, when, most)


def value_strategies() -> dict[type[Any], SearchStrategy[Any]]:
    """A strategy for each public value class, by class (a new dict on each call).

    The classes are those the dataset format serialises: ``DocumentNumber``,
    ``DecisionRef``, the organisations, ``PostRef``, ``Membership``, ``TaskGroup``,
    ``Mandate``, ``Source``, ``Observation``, ``PostSuccession``, ``SplitPart``, ``Effect``
    and ``Decision``.
    """
    return {
        DocumentNumber: document_numbers(),
        DecisionRef: decision_refs(),
        Agency: organisations(cls=Agency),
        Unit: organisations(cls=Unit),
        Committee: organisations(cls=Committee),
        PostRef: post_refs(),
        Membership: memberships(),
        TaskGroup: task_groups(),
        Mandate: mandates(),
        Source: sources(),
        Observation: observations(),
        PostSuccession: st.builds(PostSuccession, post_refs(), post_refs()),
        SplitPart: split_parts(),
        Effect: effects(),
        Decision: decisions(),
    }

