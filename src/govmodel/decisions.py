"""Decisions and the effects they have.

A :class:`Decision` is an official document ("Quyết định", "Nghị quyết"…) with a number, an
issuer, dates and a list of effects. Effects are a closed set of frozen classes in two
families:

* **events** happen once, on their effective date, and their result persists:
  :class:`Establish`, :class:`Rename`, :class:`Move`, :class:`Dissolve`, :class:`Merge`,
  :class:`Split`, :class:`TransferFunctions`;
* **standing provisions** count only while their decision is in force:
  :class:`SetMandate`, :class:`AmendMandate`, :class:`SetComposition`.

A decision's identity is ``(issuer, number, year)`` (:class:`DecisionRef`): individual
decisions are numbered per issuer per calendar year, so "2041/QĐ-UBND" alone is not unique.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeAlias

import attrs

from govmodel._fields import (
    check_type,
    name_fields,
    to_date,
    to_id,
    to_opt_date,
    to_opt_id,
    to_text,
    to_texts,
    to_tuple_of,
)
from govmodel.errors import InvalidDatesError, InvalidEffectError, InvalidValueError
from govmodel.model import Agency, Committee, Mandate, Membership, PostRef, Source, Unit
from govmodel.vn.docnum import DocumentNumber

__all__ = [
    "EFFECT_TYPES",
    "AmendMandate",
    "Decision",
    "DecisionRef",
    "Dissolve",
    "Effect",
    "Establish",
    "Event",
    "Merge",
    "Move",
    "PostSuccession",
    "Rename",
    "SetComposition",
    "SetMandate",
    "Split",
    "SplitPart",
    "StandingProvision",
    "TransferFunctions",
]

_ORG_TYPES = (Agency, Unit, Committee)


def _to_docnum(value: object) -> DocumentNumber:
    if isinstance(value, DocumentNumber):
        return value
    if isinstance(value, str):
        return DocumentNumber.parse(value)
    raise InvalidValueError(f"expected a document number, not {type(value).__name__}")


@attrs.frozen(slots=True)
class DecisionRef:
    """The identity of a decision: issuer id, document number and year.

    >>> str(DecisionRef("lang-son/ubnd", "1782/QĐ-UBND", 2020))
    '1782/QĐ-UBND (lang-son/ubnd, 2020)'
    """

    issuer: str = attrs.field(converter=to_id)
    number: DocumentNumber = attrs.field(converter=_to_docnum)
    year: int = attrs.field(validator=check_type(int))

    def __str__(self) -> str:
        return f"{self.number} ({self.issuer}, {self.year})"


# --------------------------------------------------------------------------- effects


@attrs.frozen(slots=True, kw_only=True)
class Effect:
    """Base of every effect. ``effective_on`` overrides the decision's effective date."""

    effective_on: dt.date | None = attrs.field(default=None, converter=to_opt_date)

    family: ClassVar[str] = ""

    def org_ids(self) -> tuple[str, ...]:
        """Every organisation id the effect refers to."""
        raise NotImplementedError


@attrs.frozen(slots=True, kw_only=True)
class Event(Effect):
    """An effect that happens once, on its effective date, and persists."""

    family: ClassVar[str] = "event"


@attrs.frozen(slots=True, kw_only=True)
class StandingProvision(Effect):
    """An effect that counts only while its decision is in force."""

    family: ClassVar[str] = "standing"


@attrs.frozen(slots=True, kw_only=True)
class Establish(Event):
    """Establish ("thành lập") an organisation, given its first state."""

    org: Agency | Unit | Committee = attrs.field(validator=check_type(_ORG_TYPES))

    def org_ids(self) -> tuple[str, ...]:
        return (self.org.id,) + ((self.org.parent,) if self.org.parent else ())


def _opt_texts(value: object) -> tuple[str, ...] | None:
    return None if value is None else to_texts(value)


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


@attrs.frozen(slots=True)
class PostSuccession:
    """A post of a merged body and the post that succeeds it."""

    old: PostRef = attrs.field(validator=check_type(PostRef))
    new: PostRef = attrs.field(validator=check_type(PostRef))


def _to_org_or_none(value: object) -> Agency | Unit | Committee | None:
    if value is None or isinstance(value, _ORG_TYPES):
        return value
    raise InvalidValueError(f"expected an Agency, Unit or Committee, not {type(value).__name__}")


def _to_ids(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(f"expected a list of organisation ids, not {value!r}")
    return tuple(to_id(x) for x in value)


def _to_successions(value: object) -> tuple[PostSuccession, ...]:
    return to_tuple_of(PostSuccession)(value)


def _to_parts(value: object) -> tuple[SplitPart, ...]:
    return to_tuple_of(SplitPart)(value)


def _to_memberships(value: object) -> tuple[Membership, ...]:
    return to_tuple_of(Membership)(value)


def _to_refs(value: object) -> tuple[DecisionRef, ...]:
    return to_tuple_of(DecisionRef)(value)


def _to_sources(value: object) -> tuple[Source, ...]:
    return to_tuple_of(Source)(value)


def _to_title(value: object) -> str:
    return "" if value == "" else to_text(value)


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
    establish: Agency | Unit | Committee | None = attrs.field(
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


@attrs.frozen(slots=True, kw_only=True)
class SplitPart:
    """One successor of a split: an existing id or a new organisation, and what it takes."""

    org_id: str = attrs.field(converter=to_id)
    mandate: Mandate = attrs.field(validator=check_type(Mandate))
    establish: Agency | Unit | Committee | None = attrs.field(
        default=None, converter=_to_org_or_none
    )

    def __attrs_post_init__(self) -> None:
        if self.establish is not None and self.establish.id != self.org_id:
            raise InvalidEffectError(
                f"SplitPart establishes {self.establish.id!r} but is for {self.org_id!r}"
            )


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

    def org_ids(self) -> tuple[str, ...]:
        parents = tuple(
            p.establish.parent for p in self.parts if p.establish and p.establish.parent
        )
        return (self.source, *(p.org_id for p in self.parts), *parents)


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
        SetMandate,
        AmendMandate,
        SetComposition,
    )
}


def _to_effects(value: object) -> tuple[Effect, ...]:
    effects = to_tuple_of(Effect)(value)
    for e in effects:
        if type(e) not in EFFECT_TYPES.values():
            raise InvalidValueError(f"{type(e).__name__} is not one of the effect classes")
    return effects


# --------------------------------------------------------------------------- decisions


@attrs.frozen(slots=True, kw_only=True)
class Decision:
    """An official document that changes the administration.

    Attributes:
        number: the document number ("số, ký hiệu"), e.g. ``2041/QĐ-UBND``.
        issuer: id of the issuing organisation (``lang-son/ubnd``).
        title: the subject line ("trích yếu").
        signed_on: the signing date, or None when the sources do not give it.
        effective_on: the date it takes effect; defaults to ``signed_on``
            ("có hiệu lực kể từ ngày ký"). Required when ``signed_on`` is unknown.
        expires_on: the first day it is no longer in force, if it says so.
        known_on: when it became known or published; defaults to ``signed_on``, else to
            ``effective_on``.
        year: the year of the identity; defaults to the year in the number, else of
            ``signed_on``, else of ``effective_on``.
        doc_type: the document type abbreviation; defaults to the number's.
        signer: the signing post (Chủ tịch of the UBND…).
        retroactive: True when the decision lawfully takes effect before it was signed.
        effects: what it changes, in order.
        supersedes / repeals / amends: decisions it replaces ("thay thế"), repeals
            ("bãi bỏ") or amends ("sửa đổi, bổ sung").
        sources: where the decision is known from.
    """

    number: DocumentNumber = attrs.field(converter=_to_docnum)
    issuer: str = attrs.field(converter=to_id)
    title: str = attrs.field(default="", converter=_to_title)
    signed_on: dt.date | None = attrs.field(default=None, converter=to_opt_date)
    effective_on: dt.date = attrs.field(converter=to_date)
    expires_on: dt.date | None = attrs.field(default=None, converter=to_opt_date)
    known_on: dt.date = attrs.field(converter=to_date)
    year: int = attrs.field(validator=check_type(int))
    doc_type: str = attrs.field(converter=to_text)
    signer: PostRef | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_type(PostRef))
    )
    retroactive: bool = attrs.field(default=False, validator=check_type(bool))
    effects: tuple[Effect, ...] = attrs.field(default=(), converter=_to_effects)
    supersedes: tuple[DecisionRef, ...] = attrs.field(default=(), converter=_to_refs)
    repeals: tuple[DecisionRef, ...] = attrs.field(default=(), converter=_to_refs)
    amends: tuple[DecisionRef, ...] = attrs.field(default=(), converter=_to_refs)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)

    @effective_on.default
    def _effective_default(self) -> dt.date:
        if self.signed_on is None:
            raise InvalidDatesError(
                f"decision {self.number} ({self.issuer}): effective_on is required when the "
                "signing date is unknown"
            )
        return self.signed_on

    @known_on.default
    def _known_default(self) -> dt.date:
        return self.signed_on if self.signed_on is not None else self.effective_on

    @year.default
    def _year_default(self) -> int:
        if self.number.year is not None:
            return self.number.year
        return (self.signed_on or self.effective_on).year

    @doc_type.default
    def _doc_type_default(self) -> str:
        if self.number.doc_type is None:
            raise InvalidValueError(
                f"decision {self.number} ({self.issuer}): the number has no type abbreviation; "
                "give doc_type"
            )
        return self.number.doc_type

    def __attrs_post_init__(self) -> None:
        label = str(self.ref)
        if (
            self.signed_on is not None
            and self.effective_on < self.signed_on
            and not self.retroactive
        ):
            raise InvalidDatesError(
                f"{label}: effective_on {self.effective_on} is before signed_on {self.signed_on} "
                "(set retroactive=True if the decision says so)"
            )
        if self.expires_on is not None and self.expires_on <= self.effective_on:
            raise InvalidDatesError(
                f"{label}: expires_on {self.expires_on} is not after "
                f"effective_on {self.effective_on}"
            )
        for i, e in enumerate(self.effects):
            if e.effective_on is not None and e.effective_on < self.effective_on:
                raise InvalidDatesError(
                    f"{label} effect #{i} ({type(e).__name__}): effective_on {e.effective_on} "
                    f"is before the decision takes effect ({self.effective_on})"
                )
        me = self.ref
        for field in ("supersedes", "repeals", "amends"):
            if me in getattr(self, field):
                raise InvalidValueError(f"{label} {field} itself")

    @property
    def ref(self) -> DecisionRef:
        """The decision's identity ``(issuer, number, year)``."""
        return DecisionRef(self.issuer, self.number, self.year)

    @property
    def ends(self) -> tuple[DecisionRef, ...]:
        """The decisions this one supersedes or repeals."""
        return self.supersedes + self.repeals

    def effect_date(self, effect: Effect) -> dt.date:
        """The date *effect* takes effect: its own date, else the decision's."""
        return effect.effective_on if effect.effective_on is not None else self.effective_on

    def sort_key(self) -> tuple[Any, ...]:
        """Same-day order between decisions: signing date, issuer, number, year."""
        signed = self.signed_on if self.signed_on is not None else self.effective_on
        return (signed, self.issuer, self.number.number, str(self.number), self.year)

    def evolve(self, **changes: Any) -> Decision:
        """Return a copy with *changes* applied; the original is unchanged."""
        return attrs.evolve(self, **changes)

    def __str__(self) -> str:
        return str(self.ref)


def _describe_decision(given: Mapping[str, Any]) -> str:
    """A decision's identity as far as the arguments given allow: ``1/QĐ-UBND (t/ubnd, 2021)``."""

    def attempt(convert: Any, key: str) -> Any:
        try:
            return convert(given[key]) if given.get(key) is not None else None
        except InvalidValueError:
            return None

    number: DocumentNumber | None = attempt(_to_docnum, "number")
    issuer: str | None = attempt(to_id, "issuer")
    year = given.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        year = number.year if number is not None else None
    if year is None:
        day = attempt(to_date, "signed_on") or attempt(to_date, "effective_on")
        year = day.year if day is not None else None
    where = ", ".join(str(x) for x in (issuer, year) if x is not None)
    if number is None:
        return f"decision ({where})" if where else "decision"
    return f"{number} ({where})" if where else str(number)


# Construction errors name the value and the field at fault: a decision by its identity
# ("12/QĐ-UBND (t/ubnd, 2021): signed_on: no such day: '32/13/2021'"), an effect by its class.
name_fields(
    Establish, Rename, Move, Dissolve, Merge, Split, TransferFunctions, SetMandate,
    AmendMandate, SetComposition, PostSuccession, SplitPart,
)  # fmt: skip
name_fields(Decision, describe=_describe_decision)
