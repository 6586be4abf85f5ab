"""The closed set of effects a decision can have, and what each one creates and ends.

Two families:

* **events** happen once, on their effective date, and their result persists:
  :class:`Establish` ("thành lập"), :class:`Rename` ("đổi tên"), :class:`Move`,
  :class:`Dissolve` ("giải thể"), :class:`Merge` ("hợp nhất", "sáp nhập"), :class:`Split`
  ("chia, tách"), :class:`TransferFunctions`;
* **standing provisions** count only while their decision is in force:
  :class:`SetMandate`, :class:`AmendMandate`, :class:`SetComposition`.

Every effect says, in one place, which organisations it refers to (``Effect.org_ids()``),
which it brings into being (``Effect.creates()``) and which it ends
(``Effect.ends_ids()``). The engine, the loader's JSON paths and the exports ask these
methods instead of keeping their own copies of the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import attrs

from govmodel._fields import (
    check_type,
    keeps_tuples_of,
    to_id,
    to_opt_id,
    to_opt_share,
    to_text,
    to_texts,
    to_tuple_of,
)
from govmodel.effect_base import Effect, Event, StandingProvision
from govmodel.errors import InvalidEffectError, InvalidValueError
from govmodel.model import (
    ORGANISATION_CLASSES,
    AnyOrganisation,
    Mandate,
    Membership,
    PostRef,
)
from govmodel.persons import Appoint, EndAppointment
from govmodel.unit_effects import EndLevel, Reclassify, TransferArea

__all__ = [
    "EFFECT_TYPES",
    "AmendMandate",
    "AnyEffect",
    "Appoint",
    "Dissolve",
    "Effect",
    "EndAppointment",
    "EndLevel",
    "Establish",
    "Event",
    "Merge",
    "Move",
    "PostSuccession",
    "Reclassify",
    "Rename",
    "SetComposition",
    "SetMandate",
    "Split",
    "SplitPart",
    "StandingProvision",
    "TransferArea",
    "TransferFunctions",
]

_ORG_TYPES = ORGANISATION_CLASSES


# --------------------------------------------------------------------------- effects


@attrs.frozen(slots=True, kw_only=True)
class Establish(Event):
    """Establish ("thành lập") an organisation, given its first state."""

    org: AnyOrganisation = attrs.field(validator=check_type(_ORG_TYPES))

    def org_ids(self) -> tuple[str, ...]:
        return (self.org.id,) + ((self.org.parent,) if self.org.parent else ())

    def creates(self) -> tuple[str, ...]:
        return (self.org.id,)


def _opt_texts(value: object) -> tuple[str, ...] | None:
    return None if value is None else to_texts(value)  # type: ignore[arg-type]  # checked there


@attrs.frozen(slots=True, kw_only=True)
class Rename(Event):
    """Rename ("đổi tên") an organisation; ``short_names`` replaces the aliases when given."""

    org_id: str = attrs.field(converter=to_id)
    name: str = attrs.field(converter=to_text)
    short_names: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_texts)

    def org_ids(self) -> tuple[str, ...]:
        return (self.org_id,)


@attrs.frozen(slots=True, kw_only=True)
class Move(Event):
    """Give an organisation a new parent (None: no parent)."""

    org_id: str = attrs.field(converter=to_id)
    parent: str | None = attrs.field(converter=to_opt_id)

    def __attrs_post_init__(self) -> None:
        if self.parent == self.org_id:
            raise InvalidValueError(f"Move: {self.org_id!r} cannot be its own parent")

    def org_ids(self) -> tuple[str, ...]:
        return (self.org_id,) + ((self.parent,) if self.parent else ())



@attrs.frozen(slots=True, kw_only=True)
class Dissolve(Event):
    """Dissolve ("giải thể") an organisation; it is not alive from the effective date."""

    org_id: str = attrs.field(converter=to_id)

    def org_ids(self) -> tuple[str, ...]:
        return (self.org_id,)

    def ends_ids(self) -> tuple[str, ...]:
        return (self.org_id,)


@attrs.frozen(slots=True)
class PostSuccession:
    """A post of a merged body and the post that succeeds it."""

    old: PostRef = attrs.field(validator=check_type(PostRef))
    new: PostRef = attrs.field(validator=check_type(PostRef))


def _to_org_or_none(value: object) -> AnyOrganisation | None:
    if value is None or isinstance(value, _ORG_TYPES):
        return value
    raise InvalidValueError(f"expected an Agency, Unit or Committee, not {type(value).__name__}")


def _to_ids(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(f"expected a list of organisation ids, not {value!r}")
    return tuple(to_id(x) for x in value)


def _to_successions(value: object) -> tuple[PostSuccession, ...]:
    return to_tuple_of(PostSuccession)(value)


keeps_tuples_of(PostSuccession)(_to_successions)


def _to_parts(value: object) -> tuple[SplitPart, ...]:
    return to_tuple_of(SplitPart)(value)


def _to_memberships(value: object) -> tuple[Membership, ...]:
    return to_tuple_of(Membership)(value)


keeps_tuples_of(Membership)(_to_memberships)


@attrs.frozen(slots=True, kw_only=True)
class Merge(Event):
    """Merge ``sources`` into ``into`` ("sáp nhập"; "hợp nhất" when ``establish`` is given).

    Each source stops being alive on the effective date and ``into`` becomes its successor.
    With ``establish``, ``into`` is a new organisation built from that value. A post of a
    source is succeeded by the post with the same title in ``into`` unless ``posts`` names
    another.
    """

    sources: tuple[str, ...] = attrs.field(converter=_to_ids)
    into: str = attrs.field(converter=to_id)
    establish: AnyOrganisation | None = attrs.field(
        default=None, converter=_to_org_or_none
    )
    posts: tuple[PostSuccession, ...] = attrs.field(default=(), converter=_to_successions)

    def __attrs_post_init__(self) -> None:
        if not self.sources:
            raise InvalidEffectError("Merge needs at least one source")
        if len(set(self.sources)) != len(self.sources):
            raise InvalidEffectError(f"Merge lists a source twice: {self.sources}")
        if self.into in self.sources:
            raise InvalidEffectError(f"Merge of {self.into!r} into itself")
        if self.establish is not None and self.establish.id != self.into:
            raise InvalidEffectError(
                f"Merge establishes {self.establish.id!r} but merges into {self.into!r}"
            )

    def org_ids(self) -> tuple[str, ...]:
        extra = (self.establish.parent,) if self.establish and self.establish.parent else ()
        return (*self.sources, self.into, *extra)

    def creates(self) -> tuple[str, ...]:
        return (self.into,) if self.establish is not None else ()

    def ends_ids(self) -> tuple[str, ...]:
        return self.sources



@attrs.frozen(slots=True, kw_only=True)
class SplitPart:
    """One successor of a split: an existing id or a new organisation, and what it takes.

    Attributes:
        org_id: the part.
        mandate: the functions and fields it takes (none, for a territory).
        establish: the part's first state when the split makes it.
        default: the part an old name leads to when nothing else picks one (a divided
            commune's "default successor"); at most one part of a split is the default.
        area_share / population_share: the share (0 to 1) of the source's area or
            population it takes, when the record gives it; None when unknown.
    """

    org_id: str = attrs.field(converter=to_id)
    mandate: Mandate = attrs.field(factory=Mandate, validator=check_type(Mandate))
    establish: AnyOrganisation | None = attrs.field(
        default=None, converter=_to_org_or_none
    )
    default: bool = attrs.field(default=False, validator=check_type(bool))
    area_share: float | None = attrs.field(default=None, converter=to_opt_share)
    population_share: float | None = attrs.field(default=None, converter=to_opt_share)

    def __attrs_post_init__(self) -> None:
        if self.establish is not None and self.establish.id != self.org_id:
            raise InvalidEffectError(
                f"SplitPart establishes {self.establish.id!r} but is for {self.org_id!r}"
            )


keeps_tuples_of(SplitPart)(_to_parts)  # defined before the class it makes


@attrs.frozen(slots=True, kw_only=True)
class Split(Event):
    """Split ("chia, tách") ``source`` into ``parts``, each taking the mandate it is given.

    The author must say which part takes which function: parts may not share an entry, and
    when the source is dissolved they must together take its whole mandate.
    """

    source: str = attrs.field(converter=to_id)
    parts: tuple[SplitPart, ...] = attrs.field(converter=_to_parts)
    dissolve_source: bool = attrs.field(default=True, validator=check_type(bool))

    def __attrs_post_init__(self) -> None:
        if not self.parts:
            raise InvalidEffectError("Split needs at least one part")
        ids = [p.org_id for p in self.parts]
        if len(set(ids)) != len(ids) or self.source in ids:
            raise InvalidEffectError(
                f"Split parts must be distinct from each other and the source: {ids}"
            )
        defaults = [p.org_id for p in self.parts if p.default]
        if len(defaults) > 1:
            raise InvalidEffectError(
                f"Split of {self.source!r} marks {len(defaults)} default parts: {defaults}"
            )
        for field in ("area_share", "population_share"):
            shares = [getattr(p, field) for p in self.parts if getattr(p, field) is not None]
            if sum(shares) > 1 + 1e-9:
                raise InvalidEffectError(
                    f"Split of {self.source!r}: the parts overlap ({field} sums to "
                    f"{sum(shares):.3f} > 1)"
                )

    @property
    def default_part(self) -> str | None:
        """The part marked as the default successor, or the only part; else None."""
        for p in self.parts:
            if p.default:
                return p.org_id
        return self.parts[0].org_id if len(self.parts) == 1 else None

    def org_ids(self) -> tuple[str, ...]:
        parents = tuple(
            p.establish.parent for p in self.parts if p.establish and p.establish.parent
        )
        return (self.source, *(p.org_id for p in self.parts), *parents)

    def creates(self) -> tuple[str, ...]:
        return tuple(p.org_id for p in self.parts if p.establish is not None)

    def ends_ids(self) -> tuple[str, ...]:
        return (self.source,) if self.dissolve_source else ()



@attrs.frozen(slots=True, kw_only=True)
class TransferFunctions(Event):
    """Move part of a mandate from one organisation to another ("chuyển giao chức năng")."""

    from_org: str = attrs.field(converter=to_id)
    to_org: str = attrs.field(converter=to_id)
    mandate: Mandate = attrs.field(validator=check_type(Mandate))

    def __attrs_post_init__(self) -> None:
        if self.from_org == self.to_org:
            raise InvalidEffectError(f"TransferFunctions from {self.from_org!r} to itself")

    def org_ids(self) -> tuple[str, ...]:
        return (self.from_org, self.to_org)


@attrs.frozen(slots=True, kw_only=True)
class SetMandate(StandingProvision):
    """Set an organisation's whole mandate while the decision is in force."""

    org_id: str = attrs.field(converter=to_id)
    mandate: Mandate = attrs.field(validator=check_type(Mandate))

    def org_ids(self) -> tuple[str, ...]:
        return (self.org_id,)


@attrs.frozen(slots=True, kw_only=True)
class AmendMandate(StandingProvision):
    """Add to and remove from an organisation's mandate ("sửa đổi, bổ sung")."""

    org_id: str = attrs.field(converter=to_id)
    add: Mandate = attrs.field(factory=Mandate, validator=check_type(Mandate))
    remove: Mandate = attrs.field(factory=Mandate, validator=check_type(Mandate))

    def org_ids(self) -> tuple[str, ...]:
        return (self.org_id,)


@attrs.frozen(slots=True, kw_only=True)
class SetComposition(StandingProvision):
    """Set a committee's memberships ("kiện toàn") while the decision is in force."""

    org_id: str = attrs.field(converter=to_id)
    members: tuple[Membership, ...] = attrs.field(converter=_to_memberships)

    def __attrs_post_init__(self) -> None:
        if len(set(self.members)) != len(self.members):
            raise InvalidEffectError(f"SetComposition of {self.org_id!r} lists a membership twice")

    def org_ids(self) -> tuple[str, ...]:
        return (self.org_id, *(m.post.org_id for m in self.members))


AnyEffect: TypeAlias = (
    Establish
    | Rename
    | Move
    | Dissolve
    | Merge
    | Split
    | TransferFunctions
    | TransferArea
    | Reclassify
    | EndLevel
    | Appoint
    | EndAppointment
    | SetMandate
    | AmendMandate
    | SetComposition
)

#: The closed set of effect classes by their serialised ``"type"`` tag.
EFFECT_TYPES: dict[str, type[Effect]] = {
    cls.__name__: cls
    for cls in (
        Establish,
        Rename,
        Move,
        Dissolve,
        Merge,
        Split,
        TransferFunctions,
        TransferArea,
        Reclassify,
        EndLevel,
        Appoint,
        EndAppointment,
        SetMandate,
        AmendMandate,
        SetComposition,
    )
}


def to_effects(value: object) -> tuple[Effect, ...]:
    """A tuple of effects of the closed set (a converter for ``Decision.effects``)."""
    effects = to_tuple_of(Effect)(value)
    for e in effects:
        if type(e) not in EFFECT_TYPES.values():
            raise InvalidValueError(f"{type(e).__name__} is not one of the effect classes")
    return effects


keeps_tuples_of(Effect)(to_effects)  # the reader reads only the effect classes


