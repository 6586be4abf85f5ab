"""Appointments read from a sentence, as effects: :class:`~govmodel.persons.Appoint` and
:class:`~govmodel.persons.EndAppointment`, each an item of the draft.

The post's organisation is resolved like every name (the timeline's id when it knows the
body, else a proposed one, "bac-ninh/so-gddt"); a title written without its organisation
("giữ chức vụ Giám đốc Sở") takes the department the text is about. A term written in a
later sentence ("Thời hạn bổ nhiệm là 5 năm") completes the appointments of the last
sentence that made any. The post a transferred person leaves ("điều động ông X, Chánh Văn
phòng UBND tỉnh, giữ chức …") ends only when the timeline records that appointment: ending
one it does not hold would stop the whole decision from applying.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from govmodel import vn
from govmodel.extract import _api as gm
from govmodel.extract.appointments import Personnel, PostPhrase, find_personnel, find_term
from govmodel.extract.model import ItemKind
from govmodel.extract.names import kind_of

if TYPE_CHECKING:
    from govmodel.extract.build import Builder
    from govmodel.extract.text import Sentence

__all__ = ["person_id", "read_personnel"]

_BARE = frozenset({"so", "ban", "phong", "trung tam", "chi cuc", "cuc", "vu", "van phong"})


def person_id(name: str) -> str:
    """A person's id from the name: folded, hyphenated.

    >>> person_id("Nguyễn Khắc Lịch")
    'nguyen-khac-lich'
    """
    return re.sub(r"[^a-z0-9]+", "-", vn.fold(name)).strip("-")


def _post(b: Builder, post: PostPhrase) -> tuple[gm.PostRef, bool] | None:
    """The post as a :class:`PostRef` and whether its organisation is known, or None."""
    org = post.org
    if not org or vn.fold(org) in _BARE:
        if b.context_org is None or (org and kind_of(org) != "department"):
            return None
        res = b.context_org
    else:
        res = b._resolve(org)
    try:
        return gm.PostRef(res.id, post.title, qualifier=post.qualifier), res.known
    except gm.GovModelError:
        return None


def _recorded(b: Builder, pid: str, post: gm.PostRef, on: dt.date | None) -> bool:
    """True when the timeline records *pid* appointed to *post* on *on*."""
    tl, day = b.resolver.timeline, on or b.published
    if tl is None or day is None:
        return False
    try:
        return any(h.person_id == pid and h.known_from == "appointment"
                   for h in tl.as_of(day).holders(post))
    except gm.GovModelError:
        return False


def read_personnel(b: Builder, s: Sentence, doc: int | None) -> None:
    """Add the appointments and ends of *s* to the builder's effects, with their items."""
    found = find_personnel(b.p, s, b.published)
    if not found:
        term = find_term(b.p, s.start, s.end)
        if term is not None:
            _complete_terms(b, term)
        return
    b.awaiting_term = []
    for p in found:
        _one(b, p, doc)


def _complete_terms(b: Builder, term: str) -> None:
    """A later "Thời hạn bổ nhiệm là 5 năm": the term of the appointments still without."""
    for i in b.awaiting_term:
        doc, effect, item = b.effects[i]
        if isinstance(effect, gm.Appoint) and effect.term is None:
            new = attrs.evolve(effect, term=term)
            b.effects[i] = (doc, new, attrs.evolve(item, effect=new,
                                                   summary=f"{item.summary} for {term}"))
    b.awaiting_term = []


def _one(b: Builder, p: Personnel, doc: int | None) -> None:
    kind = ItemKind.APPOINT if p.kind == "appoint" else ItemKind.END_APPOINTMENT
    span = (p.start, p.end)
    ref = _post(b, p.post) if p.post is not None else None
    if p.name is None or ref is None:
        why = p.problem or (f"the organisation of {p.post.title!r} is not named"
                            if p.post else "no post is named")
        b._item(kind, f"{p.verb}: not read ({why})", span, conf=0.3, doc=doc, effect=None,
                amb=[why])
        return
    post, known = ref
    pid = person_id(p.name)
    amb: list[str] = []
    effect: gm.Effect
    try:
        if p.kind == "appoint":
            effect = gm.Appoint(person=gm.Person(id=pid, name=p.name), post=post, term=p.term,
                                effective_on=p.on)
            summary = f"{p.verb} {p.name} ({pid}) as {post}" + (f" for {p.term}" if p.term
                                                                  else "")
        else:
            effect = gm.EndAppointment(person_id=pid, post=post, reason=p.verb,
                                       effective_on=p.on)
            summary = f"{p.verb}: {p.name} ({pid}) leaves {post}"
            if b.resolver.timeline is not None and not _recorded(b, pid, post, p.on):
                amb.append(f"the timeline records no appointment of {p.name} as {post}: the "
                           "decision applies only once one is")
    except gm.GovModelError as exc:
        b._item(kind, f"{p.verb}: not an effect ({exc})", span, conf=0.3, doc=doc,
                effect=None, amb=[f"not an effect: {exc}"])
        return
    if not known:
        amb.append(f"{post.org_id!r} is a proposed id: the timeline does not know the body")
    b._item(kind, summary, span, conf=0.85 if known else 0.7, doc=doc, effect=effect, amb=amb)
    if p.kind == "appoint":
        if p.term is None:
            b.awaiting_term.append(len(b.effects) - 1)
        if p.previous is not None and p.verb.startswith("điều động"):
            _leaves(b, p, pid, doc)


def _leaves(b: Builder, p: Personnel, pid: str, doc: int | None) -> None:
    """The post a transferred person leaves: an effect only when the timeline records it."""
    assert p.previous is not None
    assert p.name is not None
    ref = _post(b, p.previous)
    if ref is None:
        return
    post, _ = ref
    span = (p.start, p.previous.end)
    summary = f"điều động: {p.name} ({pid}) leaves {post}"
    if _recorded(b, pid, post, p.on):
        b._item(ItemKind.END_APPOINTMENT, summary, span, conf=0.8, doc=doc,
                effect=gm.EndAppointment(person_id=pid, post=post, reason="điều động",
                                         effective_on=p.on), amb=[])
        return
    b._item(ItemKind.END_APPOINTMENT, summary, span, conf=0.5, doc=doc, effect=None,
            amb=[f"no appointment of {p.name} as {post} is recorded, so its end is no "
                 "effect"])
