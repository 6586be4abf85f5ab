"""The extraction: a text in, a :class:`~govmodel.extract.model.Draft` out.

The steps, each a function below: prepare the text (NFC, sentences, language); find the
documents and their roles; date them; find the changes, memberships and mandate additions of
each sentence and bind each to its decision (one named in the same sentence, else the
decision the text reports being made); resolve names; build the draft.
"""

from __future__ import annotations

import collections
import datetime as dt

from govmodel import vn
from govmodel.errors import GovModelError, InvalidValueError
from govmodel.extract import _api as gm
from govmodel.extract.build import Builder
from govmodel.extract.dates import ClauseKind, find_clauses
from govmodel.extract.documents import Mention, find_mentions
from govmodel.extract.documents_state import DocState, Role, group_mentions, issuer_phrase, role_of
from govmodel.extract.finish import finish
from govmodel.extract.model import Citation, Draft, DraftItem, ItemKind
from govmodel.extract.names import province_of
from govmodel.extract.resolve import Resolver
from govmodel.extract.text import MAX_TEXT, Prepared, Sentence, is_vietnamese, prepare

__all__ = ["extract"]


def _as_date(value: object, what: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return vn.parse_date(value)
    raise InvalidValueError(f"{what} must be a date or a date string, not {type(value).__name__}")


def _province(prepared: Prepared) -> str | None:
    counts: collections.Counter[str] = collections.Counter()
    for s in prepared.sentences:
        place = province_of(s.text)
        if place:
            counts[place] += 1
    return counts.most_common(1)[0][0] if counts else None


def cite(prepared: Prepared, start: int, end: int) -> Citation:
    """The citation of ``nfc[start:end]`` with its sentence."""
    s = prepared.sentence_at(start)
    return Citation(start, end, prepared.nfc[start:end], s.text)


def extract(text: str, *, published_on: dt.date | str | None = None,
            timeline: gm.Timeline | None = None, source: gm.Source | None = None) -> Draft:
    """Read the decisions, dates and changes a Vietnamese text announces into a draft.

    Rule-based, deterministic and offline. Every item cites the span it comes from.

    Args:
        text: a news article or a decision's own text (at most 1,000,000 characters).
        published_on: the text's date: bounds "vừa ký" and gives the year of dates written
            without one ("từ ngày 10/12"); names are resolved as known on it.
        timeline: resolve names to this timeline's ids (else new ids are proposed).
        source: where the text comes from; cited by every decision.

    Returns:
        The :class:`Draft`. Text that is not Vietnamese, or announces nothing, gives an
        empty draft.

    Raises:
        InvalidValueError: *text* is not text or is too long; *published_on* is no date.

    >>> d = extract("Ngày 13/10/2021, Chủ tịch UBND tỉnh Lạng Sơn đã ký ban hành Quyết định "
    ...             "số 2041/QĐ-UBND về việc đổi tên Ban Chỉ đạo A thành Ban Chỉ đạo B.")
    >>> d.decisions[0].label, d.decisions[0].signed_on.isoformat()
    ('2041/QĐ-UBND', '2021-10-13')
    """
    if not isinstance(text, str):
        raise InvalidValueError(f"text must be str, not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise InvalidValueError(f"text too long to extract ({len(text)} characters)")
    if timeline is not None and not isinstance(timeline, gm.Timeline):
        raise InvalidValueError(f"timeline must be a Timeline, not {type(timeline).__name__}")
    if source is not None and not isinstance(source, gm.Source):
        raise InvalidValueError(f"source must be a Source, not {type(source).__name__}")
    given = _as_date(published_on, "published_on")
    try:
        prepared = prepare(text)
    except UnicodeError as exc:
        raise InvalidValueError(f"text cannot be normalised: {exc}") from None
    if not is_vietnamese(prepared):
        return Draft(text=prepared.nfc, published_on=given, source=source,
                     notes=("The text does not read as Vietnamese: nothing was extracted.",))
    published = given or prepared.page_date
    province = _province(prepared)
    resolver = Resolver(timeline, published, province)
    docs = _documents(prepared, published, _full_dates(prepared))
    builder = Builder(prepared, docs, resolver, published, source)
    for sentence in prepared.sentences:
        builder.sentence(sentence)
    draft = finish(builder)
    if given is None and prepared.page_date is not None:
        draft = Draft(
            text=draft.text, published_on=published, decisions=draft.decisions,
            items=draft.items, organisations=draft.organisations, source=source,
            notes=(f"The page's header dates it {prepared.page_date.isoformat()[:7]}; "
                   f"{published.isoformat() if published else ''} (its last day) is taken "
                   "as the date the text was public.", *draft.notes),
        )
    return draft


def _full_dates(prepared: Prepared) -> dict[int, list[dt.date]]:
    """The full dates of each sentence (by its start), read once for the whole text."""
    try:
        found = vn.find_dates(prepared.nfc)
    except GovModelError:
        found = ()
    out: dict[int, list[dt.date]] = {}
    for d in found:
        if not d.partial:
            out.setdefault(prepared.sentence_at(d.start).start, []).append(d.date)
    return out


def _reference(sentence: Sentence, full_dates: dict[int, list[dt.date]],
               published: dt.date | None, last_full: dt.date | None) -> dt.date | None:
    full = full_dates.get(sentence.start, [])
    if full:
        return full[0]
    return published or last_full


def _documents(prepared: Prepared, published: dt.date | None,
               full_dates: dict[int, list[dt.date]]) -> list[DocState]:
    """The documents named, with roles, issuers and dates."""
    mentions = find_mentions(prepared, published)
    groups = group_mentions(mentions)
    owner: dict[int, DocState] = {i: doc for doc, idx in groups for i in idx}
    last_full: dt.date | None = None
    for sentence in prepared.sentences:
        reference = _reference(sentence, full_dates, published, last_full)
        inside = [i for i, m in enumerate(mentions) if sentence.start <= m.start < sentence.end]
        previous: str | None = None
        for i in inside:
            m, doc = mentions[i], owner[i]
            role = role_of(prepared, sentence, m, previous)
            previous = role
            doc.roles.append(role)
            if m.date is not None and doc.signed_conf < 0.9:
                doc.signed_on, doc.signed_conf, doc.signed_at = m.date, 0.9, (m.start, m.end)
            name, title = issuer_phrase(prepared, sentence, m, role)
            if name and doc.issuer_name is None:
                doc.issuer_name, doc.signer_title = name, title
            if role == Role.MADE and "vua" in prepared.flat[max(sentence.start, m.start - 30):
                                                            m.start]:
                doc.recent = True
            if m.heading:
                _heading(prepared, m.end, doc)
        _sentence_dates(prepared, sentence, [owner[i] for i in inside], reference)
        full = full_dates.get(sentence.start, [])
        if full:
            last_full = full[-1]
    _effective(prepared, mentions, owner, published, full_dates)
    return [doc for doc, _ in groups]


def _heading(prepared: Prepared, pos: int, doc: DocState) -> None:
    """A document's own heading: the place-and-date line after "Số: …"."""
    try:
        found = vn.find_dates(prepared.nfc[pos:pos + 200])
    except GovModelError:
        return
    for d in found:
        if not d.partial and doc.signed_conf < 0.95:
            doc.signed_on, doc.signed_conf = d.date, 0.95
            doc.signed_at = (pos + d.start, pos + d.end)
            return


def _sentence_dates(prepared: Prepared, sentence: Sentence, docs: list[DocState],
                    reference: dt.date | None) -> None:
    """"Ngày D, … ký/thành lập theo Quyết định …": a date for the one undated document."""
    undated = [d for d in docs if d.signed_on is None]
    if len(undated) != 1 or len({id(d) for d in docs}) != 1:
        return
    try:
        dates = vn.find_dates(sentence.text, reference=reference)
    except GovModelError:
        return
    clauses = find_clauses(prepared, sentence, reference)
    used = {(c.start, c.end) for c in clauses}
    free = [d for d in dates if not any(a <= sentence.start + d.start < b for a, b in used)]
    if len(free) != 1:
        return
    d = free[0]
    doc = undated[0]
    verb = any(w in prepared.flat[sentence.start:sentence.end]
               for w in (" ky ", " ban hanh", "thong qua", "quyet dinh"))
    doc.signed_on, doc.signed_conf = d.date, 0.8 if verb else 0.6
    doc.signed_at = (sentence.start + d.start, sentence.start + d.end)


def _effective(prepared: Prepared, ms: tuple[Mention, ...], owner: dict[int, DocState],
               published: dt.date | None, full_dates: dict[int, list[dt.date]]) -> None:
    """Effective, operational and deadline clauses, bound to their documents."""
    primary_at: list[tuple[int, DocState]] = sorted(
        {id(d): (d.first.start, d) for i, d in owner.items() if d.primary}.values(),
        key=lambda x: x[0],
    )
    last_full: dt.date | None = None
    for sentence in prepared.sentences:
        reference = _reference(sentence, full_dates, published, last_full)
        for clause in find_clauses(prepared, sentence, reference):
            target = None
            for i, m in enumerate(ms):
                if sentence.start <= m.start < clause.start and owner[i].roles and \
                        owner[i].roles[-1] not in (Role.SUPERSEDED, Role.REPEALED, Role.BASIS):
                    target = owner[i]
            if target is None:
                before = [d for pos, d in primary_at if pos <= clause.start]
                after = [d for pos, d in primary_at if pos > clause.start]
                target = before[-1] if before else (after[0] if after else None)
            if target is None:
                target = _sole(owner)
            if target is None:
                continue
            span = (clause.start, clause.end)
            if clause.kind in (ClauseKind.ON_SIGNING, ClauseKind.ON_PASSING):
                target.effective_rule, target.effective_at = clause.kind.value, span
            elif clause.kind is ClauseKind.AFTER_DAYS:
                target.effective_rule, target.effective_at = clause.kind.value, span
                target.after_days = clause.days
            elif clause.kind is ClauseKind.ON_DATE:
                target.effective_on, target.effective_at = clause.date, span
                target.effective_rule = "on_date_partial" if clause.partial else "on_date"
            elif clause.kind is ClauseKind.OPERATES and target.operates_on is None:
                target.operates_on = clause.date
            elif clause.kind is ClauseKind.DEADLINE and target.deadline is None:
                target.deadline = clause.date
        full = full_dates.get(sentence.start, [])
        if full:
            last_full = full[-1]


def _sole(owner: dict[int, DocState]) -> DocState | None:
    """The one document of the text that is not only replaced, repealed or a legal basis."""
    docs = {id(d): d for d in owner.values()
            if any(r in (Role.MADE, Role.CITED) for r in d.roles)}
    return next(iter(docs.values())) if len(docs) == 1 else None


__all__ += ["DraftItem", "ItemKind", "cite"]
