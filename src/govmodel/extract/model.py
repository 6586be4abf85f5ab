"""The draft: what an extraction reads out of a text, for a person to review.

A :class:`Draft` holds :class:`DraftDecision` values (the decisions the text names, with
what it leaves unknown left ``None``), :class:`DraftItem` values (each fact, with the span it
comes from, a confidence and the ambiguities seen) and notes. :meth:`DraftDecision.decision`
gives a real :class:`govmodel.Decision` where the text allows one: the library's ``Decision``
needs an effective date and a full document number, which a news article often lacks
("Quyết định 33 … có hiệu lực từ ngày 10/12" gives no symbol; "vừa ký" gives no date).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from govmodel.errors import GovModelError
from govmodel.extract import _api as gm

if TYPE_CHECKING:
    from govmodel.serialize import Dataset

__all__ = ["Citation", "Draft", "DraftDecision", "DraftItem", "ItemKind"]


class ItemKind(str, enum.Enum):
    """What a draft item states."""

    DECISION = "decision"  #: a document is named (type and number)
    SIGNED = "signed"  #: its signing date ("ký", "ban hành")
    EFFECTIVE = "effective"  #: its effective date ("có hiệu lực")
    OPERATES = "operates"  #: the date the bodies it sets up start operating
    DEADLINE = "deadline"  #: a deadline it sets ("chậm nhất")
    SUPERSEDES = "supersedes"  #: it replaces another ("thay thế")
    REPEALS = "repeals"  #: it repeals another ("bãi bỏ")
    RENAME = "rename"
    ESTABLISH = "establish"
    MERGE = "merge"
    DISSOLVE = "dissolve"
    TRANSFER = "transfer"
    MOVE = "move"
    COMPOSITION = "composition"  #: one membership of a committee, by post
    MANDATE = "mandate"  #: one function or task group added
    APPOINT = "appoint"  #: a person put in a post ("bổ nhiệm", "giao quyền", "phân công")
    END_APPOINTMENT = "end_appointment"  #: an appointment ended ("miễn nhiệm", "nghỉ hưu" …)


@attrs.frozen(slots=True)
class Citation:
    """Where an item comes from: ``text`` is ``nfc[start:end]``, inside ``sentence``.

    Offsets index the NFC form of the extracted text (:attr:`Draft.text`).
    """

    start: int
    end: int
    text: str
    sentence: str


@attrs.frozen(slots=True, kw_only=True)
class DraftItem:
    """One fact read from the text.

    Attributes:
        kind: what it states.
        summary: the fact in one line ("rename lang-son/x → Phòng Hạ tầng số").
        citation: where it comes from.
        confidence: from 0 (a guess) to 1 (read from an explicit phrase).
        ambiguities: what the reader should check ("paired by position").
        decision: index into :attr:`Draft.decisions` of the decision it belongs to, if any.
        effect: the library effect it became, if any.
    """

    kind: ItemKind
    summary: str
    citation: Citation
    confidence: float
    ambiguities: tuple[str, ...] = ()
    decision: int | None = None
    effect: gm.Effect | None = None


@attrs.frozen(slots=True, kw_only=True)
class DraftDecision:
    """A decision the text names, with what the text leaves unknown left ``None``.

    Attributes:
        written: the mention as first written ("Quyết định 33").
        doc_type: the type code ("QĐ"), if known.
        serial: the serial number.
        number: the full document number when written, else one built from the issuer
            (then ``number_assumed`` is True), else None.
        number_assumed: True when the symbol was not written but built.
        year: the year of its identity, if known.
        issuer: the issuing organisation's id, if known.
        issuer_name: the issuer as written.
        signer: the signing post, when the text says who signed.
        title: the subject line ("về việc kiện toàn …"), if given.
        signed_on / effective_on / known_on: dates, None when unknown.
        operates_on: when the bodies it sets up start operating, if said.
        deadline: a deadline it sets, if said.
        effects: the changes, as library effects.
        supersedes / repeals: decisions it replaces or repeals.
        primary: True when the text reports this decision being made (not only cites it).
    """

    written: str
    doc_type: str | None
    serial: int
    number: gm.DocumentNumber | None = None
    number_assumed: bool = False
    year: int | None = None
    issuer: str | None = None
    issuer_name: str | None = None
    signer: gm.PostRef | None = None
    title: str = ""
    signed_on: dt.date | None = None
    effective_on: dt.date | None = None
    known_on: dt.date | None = None
    operates_on: dt.date | None = None
    deadline: dt.date | None = None
    effects: tuple[gm.Effect, ...] = ()
    supersedes: tuple[gm.DecisionRef, ...] = ()
    repeals: tuple[gm.DecisionRef, ...] = ()
    primary: bool = False
    sources: tuple[gm.Source, ...] = ()

    @property
    def label(self) -> str:
        """The number if known, else the mention as written."""
        return str(self.number) if self.number is not None else self.written

    @property
    def missing(self) -> tuple[str, ...]:
        """What stops this draft from being a :class:`govmodel.Decision` (empty if nothing)."""
        out = []
        if self.number is None:
            out.append("document number (symbol not written)")
        if self.issuer is None:
            out.append("issuer")
        if self.effective_on is None and self.signed_on is None:
            out.append("effective date")
        return tuple(out)

    def ref(self) -> gm.DecisionRef | None:
        """The decision's identity, when issuer, number and year are known."""
        year = self.year or (self.signed_on.year if self.signed_on else None) or (
            self.effective_on.year if self.effective_on else None)
        if self.number is None or self.issuer is None or year is None:
            return None
        return gm.DecisionRef(self.issuer, self.number, year)

    def decision(self) -> gm.Decision | None:
        """The library :class:`govmodel.Decision`, or None when the text does not allow one."""
        if self.missing or self.number is None or self.issuer is None:
            return None
        kwargs: dict[str, object] = {}
        if self.effective_on is not None:
            kwargs["effective_on"] = self.effective_on
        if self.known_on is not None:
            kwargs["known_on"] = self.known_on
        if self.year is not None:
            kwargs["year"] = self.year
        if self.doc_type is not None and self.number.doc_type is None:
            kwargs["doc_type"] = self.doc_type
        retro = (self.signed_on is not None and self.effective_on is not None
                 and self.effective_on < self.signed_on)
        try:
            return gm.Decision(
                number=self.number, issuer=self.issuer, title=self.title,
                signed_on=self.signed_on, signer=self.signer, effects=self.effects,
                supersedes=self.supersedes, repeals=self.repeals, retroactive=retro,
                sources=self.sources, **kwargs,  # type: ignore[arg-type]
            )
        except GovModelError:
            return None


@attrs.frozen(slots=True, kw_only=True)
class Draft:
    """What a text says about decisions, for a person to review.

    Attributes:
        text: the text read, in NFC; every citation indexes it.
        published_on: the text's date, given or read from its header, if any.
        decisions: the decisions named, in order of first mention.
        items: every fact read, in text order.
        notes: what the reader should know: what stayed unknown, what was assumed.
        organisations: first states proposed for bodies the timeline does not know.
        source: the source the caller named, cited by every decision.
    """

    text: str
    published_on: dt.date | None = None
    decisions: tuple[DraftDecision, ...] = ()
    items: tuple[DraftItem, ...] = ()
    notes: tuple[str, ...] = ()
    organisations: tuple[gm.Agency | gm.Unit | gm.Committee, ...] = ()
    source: gm.Source | None = None

    @property
    def is_empty(self) -> bool:
        """True when the text named no decision and announced no change."""
        return not self.items

    def __bool__(self) -> bool:
        raise TypeError("the truth value of a Draft is ambiguous; use .is_empty")

    def accepted(self) -> tuple[gm.Decision, ...]:
        """The decisions that can be built as library values, in order."""
        return tuple(d for d in (x.decision() for x in self.decisions) if d is not None)

    def by_kind(self, kind: ItemKind | str) -> tuple[DraftItem, ...]:
        """The items of one kind."""
        k = ItemKind(kind)
        return tuple(i for i in self.items if i.kind is k)

    def to_dataset(self, *, name: str = "draft", title: str | None = None,
                   extends: tuple[str, ...] = (),
                   known: gm.Timeline | None = None) -> Dataset:
        """The draft as a dataset that ``govmodel validate`` accepts.

        Decisions that cannot be built, or whose effects do not apply, are left out and
        said so in the notes; so are items that belong to no decision.

        Args:
            name: the dataset's name.
            title: its title (default: from the first decision).
            extends: bundled datasets it extends (their organisations need no first state).
            known: the timeline of those datasets, to leave out decisions it already has.
        """
        from govmodel.extract.dataset import draft_to_dataset  # noqa: PLC0415

        return draft_to_dataset(self, name=name, title=title, extends=extends, known=known)
