"""Decisions: official documents that change the administration, and their identity.

A :class:`Decision` is an official document ("Quyết định", "Nghị quyết"…) with a number, an
issuer, dates and a list of effects (the closed effect set lives in :mod:`govmodel.effects`
and is re-exported here, where it was first defined).

A decision's identity is ``(issuer, number, series)`` (:class:`DecisionRef`, law 10): state
documents are numbered per issuer per calendar year (the series is the year), so
"2041/QĐ-UBND" alone is not unique; Party documents ("49-NQ/TU") are numbered per term
("nhiệm kỳ") of the issuing committee, so their series is the term when it is known
(``term="2020-2025"``). When a Party document's term is not given, its series is the
calendar year — the documented default, which tells apart documents of different years but
not two "01-NQ/TU" of one year on either side of a congress: give ``term`` for those.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from operator import attrgetter
from typing import Any

import attrs

from govmodel._fields import (
    check_type,
    keeps_tuples_of,
    name_fields,
    to_date,
    to_id,
    to_opt_date,
    to_text,
    to_tuple_of,
)
from govmodel.effects import (
    EFFECT_TYPES,
    AmendMandate,
    Dissolve,
    Effect,
    Establish,
    Event,
    Merge,
    Move,
    PostSuccession,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    SplitPart,
    StandingProvision,
    TransferFunctions,
    to_effects,
)
from govmodel.errors import InvalidDatesError, InvalidValueError
from govmodel.model import PostRef, Source
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


def _to_docnum(value: object) -> DocumentNumber:
    if isinstance(value, DocumentNumber):
        return value
    if isinstance(value, str):
        return DocumentNumber.parse(value)
    raise InvalidValueError(f"expected a document number, not {type(value).__name__}")


_TERM = re.compile(r"^(\d{4})-(\d{4})$")
_SERIAL = attrgetter("number.number")  # a reference's serial number


def _to_term(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValueError(f"term must be text such as '2020-2025', not {value!r}")
    m = _TERM.match(value.strip().replace("–", "-"))
    if m is None or int(m[2]) <= int(m[1]):
        raise InvalidValueError(f"term must read 'YYYY-YYYY' (first year before last): {value!r}")
    return f"{m[1]}-{m[2]}"


def _check_term(number: DocumentNumber, term: str | None) -> None:
    if term is not None and not number.party:
        raise InvalidValueError(
            f"{number}: only Party documents are numbered per term; a state document's series "
            "is its year"
        )


def series_of(year: int, term: str | None) -> int | str:
    """The numbering series of a decision (law 10): its term when given, else its year."""
    return year if term is None else term


@attrs.frozen(slots=True)
class DecisionRef:
    """The identity of a decision: issuer id, document number and series (law 10).

    The series is the year for state documents; for Party documents the term of the issuing
    committee when given (``term``), else the year.

    >>> str(DecisionRef("lang-son/ubnd", "1782/QĐ-UBND", 2020))
    '1782/QĐ-UBND (lang-son/ubnd, 2020)'
    >>> str(DecisionRef("lang-son/tinh-uy", "01-NQ/TU", 2020, term="2020-2025"))
    '01-NQ/TU (lang-son/tinh-uy, 2020, nhiệm kỳ 2020-2025)'
    """

    issuer: str = attrs.field(converter=to_id)
    number: DocumentNumber = attrs.field(converter=_to_docnum)
    year: int = attrs.field(validator=check_type(int))
    term: str | None = attrs.field(default=None, kw_only=True, converter=_to_term)

    def __attrs_post_init__(self) -> None:
        _check_term(self.number, self.term)

    @property
    def series(self) -> int | str:
        """The numbering series of law 10, which is a Party document's term when given, else
        the year."""
        return series_of(self.year, self.term)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DecisionRef):
            return NotImplemented
        return (self.issuer, self.number, self.series) == (other.issuer, other.number, other.series)

    def __hash__(self) -> int:
        return hash((self.issuer, self.number, self.series))

    def __repr__(self) -> str:
        term = f", term={self.term!r}" if self.term is not None else ""
        return (
            f"DecisionRef(issuer={self.issuer!r}, number={self.number!r}, "
            f"year={self.year!r}{term})"
        )

    def __str__(self) -> str:
        term = f", nhiệm kỳ {self.term}" if self.term is not None else ""
        return f"{self.number} ({self.issuer}, {self.year}{term})"


def _to_refs(value: object) -> tuple[DecisionRef, ...]:
    return to_tuple_of(DecisionRef)(value)


keeps_tuples_of(DecisionRef)(_to_refs)


def _to_sources(value: object) -> tuple[Source, ...]:
    return to_tuple_of(Source)(value)


keeps_tuples_of(Source)(_to_sources)


def _to_title(value: object) -> str:
    return "" if value == "" else to_text(value)  # type: ignore[arg-type]  # checked there


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
        term: for a Party document, the term ("nhiệm kỳ") of the issuing committee that
            numbers it, e.g. ``"2020-2025"``; None when unknown (the series is then the
            year). State documents have no term.
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
    effects: tuple[Effect, ...] = attrs.field(default=(), converter=to_effects)
    supersedes: tuple[DecisionRef, ...] = attrs.field(default=(), converter=_to_refs)
    repeals: tuple[DecisionRef, ...] = attrs.field(default=(), converter=_to_refs)
    amends: tuple[DecisionRef, ...] = attrs.field(default=(), converter=_to_refs)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)
    term: str | None = attrs.field(default=None, converter=_to_term)

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
        _check_term(self.number, self.term)
        # the label (the identity, formatted) only for a message
        if (
            self.signed_on is not None
            and self.effective_on < self.signed_on
            and not self.retroactive
        ):
            raise InvalidDatesError(
                f"{self.ref}: effective_on {self.effective_on} is before signed_on "
                f"{self.signed_on} (set retroactive=True if the decision says so)"
            )
        if self.expires_on is not None and self.expires_on <= self.effective_on:
            raise InvalidDatesError(
                f"{self.ref}: expires_on {self.expires_on} is not after "
                f"effective_on {self.effective_on}"
            )
        for i, e in enumerate(self.effects):
            if e.effective_on is not None and e.effective_on < self.effective_on:
                raise InvalidDatesError(
                    f"{self.ref} effect #{i} ({type(e).__name__}): effective_on "
                    f"{e.effective_on} is before the decision takes effect ({self.effective_on})"
                )
        refs = self.supersedes + self.repeals + self.amends
        # only a decision naming a number of its own serial may name itself
        if refs and self.number.number in map(_SERIAL, refs):
            me = self.ref
            for field in ("supersedes", "repeals", "amends"):
                if me in getattr(self, field):
                    raise InvalidValueError(f"{me} {field} itself")

    @property
    def ref(self) -> DecisionRef:
        """The decision's identity ``(issuer, number, series)``."""
        return DecisionRef(self.issuer, self.number, self.year, term=self.term)

    @property
    def series(self) -> int | str:
        """The numbering series of law 10, which is the term of a Party document when given,
        else the year."""
        return self.year if self.term is None else self.term

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
        number = self.number
        return (signed, self.issuer, number.number, str(number), self.year, self.term or "")

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
