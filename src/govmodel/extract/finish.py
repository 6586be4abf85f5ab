"""The last step of an extraction: renames reconciled, decisions built, bodies proposed.

A rename stated twice (a headline and the body) is one rename; the fuller new name wins
and the other spelling is kept as a short name. A rename whose old names are counts only
("đổi tên 2 phòng và 1 Trung tâm thành …") takes its old names from another statement of
the same rename in the text, the first statement's new names winning, with any disagreement
recorded as an ambiguity.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from govmodel import vn
from govmodel.extract import _api as gm
from govmodel.extract.documents_state import DocState, Role
from govmodel.extract.model import Draft, DraftDecision, DraftItem, ItemKind
from govmodel.extract.resolve import first_state

if TYPE_CHECKING:
    from govmodel.extract.build import Builder, _Rename

__all__ = ["finish"]

_ISSUER_CODES = {
    "UBND": "Ủy ban nhân dân tỉnh {p}", "HĐND": "Hội đồng nhân dân tỉnh {p}",
    "TU": "Tỉnh ủy {p}", "TTg": "Chính phủ", "CP": "Chính phủ", "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
}


def _reconcile(b: Builder) -> list[_Rename]:
    renames = list(b.renames)
    for pend in b.pending:
        match = [r for r in renames if r.doc == pend.doc]
        groups = [match[i:i + len(pend.heads)] for i in range(0, len(match), len(pend.heads))]
        group = next((g for g in groups if len(g) == len(pend.heads)), None)
        if group is None:
            b.effects.append((pend.doc, None, DraftItem(
                kind=ItemKind.RENAME, summary=f"rename {len(pend.heads)} bodies to "
                f"{', '.join(pend.news)}", citation=pend.citation, confidence=0.3,
                ambiguities=("the text does not name the bodies renamed",), decision=pend.doc,
            )))
            continue
        for r, new in zip(group, pend.news, strict=False):
            if r.name and vn.fold(r.name) != vn.fold(new):
                r.ambiguities.append(f"the text also names it {r.name!r}; the first statement's "
                                     f"{new!r} is kept")
                r.confidence = min(r.confidence, 0.6)
            r.name = new
            if _paired(pend):
                r.ambiguities.append("the first statement pairs nothing: the old names come "
                                     "from another sentence, by position")
    out: list[_Rename] = []
    for r in renames:
        same = next((o for o in out if o.doc == r.doc and o.org.id == r.org.id), None)
        if same is None:
            out.append(r)
            continue
        if r.name and (same.name is None or len(r.name) > len(same.name)):
            if same.name:
                same.shorts.append(same.name)
            same.name = r.name
        elif r.name and same.name and vn.fold(r.name) != vn.fold(same.name):
            same.shorts.append(r.name)
        same.shorts.extend(s for s in r.shorts if s not in same.shorts)
    return out


def _paired(pend: object) -> bool:
    return True


def _issuer(b: Builder, doc: DocState) -> tuple[str | None, str | None, gm.PostRef | None]:
    name = doc.issuer_name
    code = doc.number.issuer_parts[0] if doc.number else None
    if name:
        name = re.sub(r"^(?:Ban Thường vụ|Thường trực|BTV)\s+", "", name)
        if re.fullmatch(r"(?i)(ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân) tỉnh", name) and \
                b.resolver.province:
            name = f"{name} {b.resolver.province}"
    elif code:
        key = vn.get_issuer(code)
        template = _ISSUER_CODES.get(key.code) if key else None
        if template and ("{p}" not in template or b.resolver.province):
            name = template.format(p=b.resolver.province)
    if name is None:
        return None, None, None
    res = b._resolve(name)
    title = doc.signer_title
    if code and vn.get_issuer(code) and vn.get_issuer(code).code == "TTg":  # type: ignore[union-attr]
        title = "Thủ tướng"
    signer = gm.PostRef(res.id, title) if title in ("Chủ tịch", "Thủ tướng", "Phó Chủ tịch",
                                                    "Bộ trưởng", "Giám đốc") else None
    return res.id, name, signer


def _assumed_number(doc: DocState, issuer: str | None) -> gm.DocumentNumber | None:
    if doc.doc_type is None or issuer is None:
        return None
    f = vn.expand_aliases(issuer)
    code = ("UBND" if f.startswith("uy ban nhan dan") else "HĐND"
            if f.startswith("hoi dong nhan dan") else "TU" if f.startswith("tinh uy")
            else "TTg" if f == "chinh phu" and doc.doc_type == "QĐ" else None)
    if code is None:
        return None
    try:
        if code == "TU":
            return gm.DocumentNumber(doc.first.serial, code, doc.doc_type, party=True)
        return gm.DocumentNumber(doc.first.serial, code, doc.doc_type, year=doc.year)
    except gm.GovModelError:
        return None


def _title(b: Builder, doc: DocState) -> str:
    for m in doc.mentions:
        s = b.p.sentence_at(m.start)
        t = re.compile(r"\s+(?:ve viec|quy dinh chuc nang)\s").search(b.p.flat, m.end, s.end)
        if t and t.start() - m.end < 80 and not any(
                m.end < o.start < t.start() for d in b.docs for o in d.mentions):
            return b.p.nfc[t.start():s.end].strip(" .;")
    return ""


def finish(b: Builder) -> Draft:
    """Build the :class:`Draft` of what *b* collected."""
    renames = _reconcile(b)
    notes: list[str] = []
    per_doc: dict[int, list[gm.Effect]] = {}
    items: list[DraftItem] = []
    rename: gm.Effect
    for r in renames:
        if r.name is None:
            items.append(DraftItem(kind=ItemKind.RENAME, summary=f"rename {r.org.id}: new name "
                                   "not given", citation=r.citation, confidence=0.3,
                                   ambiguities=("the new name is not given",), decision=r.doc))
            continue
        rename = gm.Rename(org_id=r.org.id, name=r.name,
                           short_names=tuple(dict.fromkeys(r.shorts)) or None)
        if r.doc is not None:
            per_doc.setdefault(r.doc, []).append(rename)
        items.append(DraftItem(
            kind=ItemKind.RENAME, summary=f"rename {r.org.id} ({r.org.name}) → {r.name}",
            citation=r.citation, confidence=r.confidence if r.doc is not None else r.confidence
            / 2, ambiguities=tuple(dict.fromkeys(r.ambiguities)) + (
                () if r.doc is not None else ("no decision named for this change",)),
            decision=r.doc, effect=rename))
    merged_into = {vn.fold(e.establish.name) for _, e, _ in b.effects
                   if isinstance(e, gm.Merge) and e.establish is not None}
    for doc_i, effect, item in b.effects:
        if isinstance(effect, gm.Establish) and vn.fold(effect.org.name) in merged_into:
            b.established.discard(effect.org.id)
            continue  # the same body as a consolidation's new one ("được thành lập trên cơ sở …")
        if doc_i is not None and effect is not None:
            per_doc.setdefault(doc_i, []).append(effect)
        items.append(item)
    for (doc_i, committee), seats in b.seats.items():
        members = tuple(dict.fromkeys(m for m, _ in seats))
        per_doc.setdefault(doc_i, []).append(gm.SetComposition(org_id=committee, members=members))
        items.extend(i for _, i in seats)
    for (doc_i, org_id), terms in b.mandates.items():
        functions = tuple(t for k, t, _ in terms if k == "function")
        groups = tuple(gm.TaskGroup(t) for k, t, _ in terms if k == "group")
        per_doc.setdefault(doc_i, []).append(gm.AmendMandate(
            org_id=org_id, add=gm.Mandate(functions=functions, task_groups=groups)))
        items.extend(i for _, _, i in terms)
    decisions = [_decision(b, i, doc, per_doc.get(i, []), items=items, notes=notes)
                 for i, doc in enumerate(b.docs)]
    decisions = _ends(b, decisions, items, notes)
    for item in items:
        if item.decision is None and item.kind is not ItemKind.DECISION:
            notes.append(f"{item.summary}: no decision named for it in the text "
                         f"({item.citation.text!r}); left out of the decisions.")
    items.sort(key=lambda i: (i.citation.start, i.kind.value))
    orgs = _proposed(b, decisions, items)
    return Draft(text=b.p.nfc, published_on=b.published, decisions=tuple(decisions),
                 items=tuple(items), notes=tuple(dict.fromkeys(notes)), organisations=orgs,
                 source=b.source)


def _decision(b: Builder, i: int, doc: DocState, effects: list[gm.Effect], *,
              items: list[DraftItem], notes: list[str]) -> DraftDecision:
    issuer, issuer_name, signer = _issuer(b, doc)
    number, assumed = doc.number, False
    if number is None:
        number = _assumed_number(doc, issuer_name)
        assumed = number is not None
    label = str(number) if number else doc.first.text
    signed = doc.signed_on
    effective: dt.date | None = doc.effective_on
    if doc.effective_rule in ("on_signing", "on_passing"):
        effective = signed
        if signed is None:
            notes.append(f"{label}: in force on signing, but the signing date is not given.")
    elif doc.effective_rule == "after_days" and doc.after_days is not None:
        effective = signed + dt.timedelta(days=doc.after_days) if signed else None
    known = b.published if signed is None and b.published is not None and doc.primary else None
    if doc.operates_on is not None and effective is not None and doc.operates_on > effective:
        day = doc.operates_on
        effects = [attrs.evolve(e, effective_on=day) if e.family == "event" else e
                   for e in effects]
    cit = b.cite(doc.first.start, doc.first.end)
    sources = (b.source,) if b.source else (gm.Source("extracted text", quote=cit.sentence),)
    amb: list[str] = []
    if assumed:
        amb.append(f"the symbol is not written: {number} is assumed from the issuer")
        notes.append(f"{doc.first.text}: the document number {number} is assumed from its "
                     "issuer; the text gives only the serial number.")
    if doc.recent and signed is None:
        notes.append(f"{label}: 'vừa ký' — signed shortly before the text's date"
                     + (f" ({b.published.isoformat()}); the signing date is unknown."
                        if b.published else "; neither date is known."))
    if effective is None and signed is not None and doc.effective_rule is None:
        notes.append(f"{label}: no effective date stated; a dataset takes it as in force "
                     f"from signing ({signed.isoformat()}).")
    items.append(DraftItem(kind=ItemKind.DECISION, summary=f"{doc.doc_type or '?'} {label}",
                           citation=cit, confidence=0.95 if doc.number else 0.7,
                           ambiguities=tuple(amb), decision=i))
    if signed is not None and doc.signed_at:
        items.append(DraftItem(kind=ItemKind.SIGNED, summary=f"{label} signed {signed}",
                               citation=b.cite(*doc.signed_at), confidence=doc.signed_conf,
                               decision=i))
    if effective is not None and doc.effective_at:
        items.append(DraftItem(kind=ItemKind.EFFECTIVE, summary=f"{label} in force {effective}",
                               citation=b.cite(*doc.effective_at), confidence=0.9, decision=i,
                               ambiguities=("the year is read from the context",)
                               if doc.effective_rule == "on_date_partial" else ()))
    for kind, when in ((ItemKind.OPERATES, doc.operates_on), (ItemKind.DEADLINE, doc.deadline)):
        if when is not None:
            items.append(DraftItem(kind=kind, summary=f"{label} {kind.value} {when}",
                                   citation=cit, confidence=0.7, decision=i))
    year = doc.year or (signed.year if signed else None) or (effective.year if effective
                                                               else None)
    return DraftDecision(
        written=doc.first.text, doc_type=doc.doc_type, serial=doc.first.serial, number=number,
        number_assumed=assumed, year=year, issuer=issuer, issuer_name=issuer_name,
        signer=signer, title=_title(b, doc), signed_on=signed, effective_on=effective,
        known_on=known, operates_on=doc.operates_on, deadline=doc.deadline,
        effects=tuple(effects), primary=doc.primary, sources=sources,
    )


def _ends(b: Builder, decisions: list[DraftDecision], items: list[DraftItem],
          notes: list[str]) -> list[DraftDecision]:
    out = list(decisions)
    for doc_i, ended_i, role, cit in b.ends:
        ref = decisions[ended_i].ref()
        kind = ItemKind.SUPERSEDES if role == Role.SUPERSEDED else ItemKind.REPEALS
        label = decisions[ended_i].label
        items.append(DraftItem(kind=kind, summary=f"{decisions[doc_i].label} {kind.value} "
                               f"{label}", citation=cit, confidence=0.9 if ref else 0.5,
                               decision=doc_i, ambiguities=() if ref else (
                                   f"{label}: issuer or year unknown",)))
        if ref is None:
            notes.append(f"{decisions[doc_i].label} {kind.value} {label}, whose identity "
                         "(issuer, number, year) the text does not give in full.")
            continue
        d = out[doc_i]
        field = "supersedes" if kind is ItemKind.SUPERSEDES else "repeals"
        if field == "supersedes" and ref not in d.supersedes:
            out[doc_i] = attrs.evolve(d, supersedes=(*d.supersedes, ref))
        elif field == "repeals" and ref not in d.repeals:
            out[doc_i] = attrs.evolve(d, repeals=(*d.repeals, ref))
    return out


def _proposed(b: Builder, decisions: list[DraftDecision], items: list[DraftItem]
              ) -> tuple[gm.Agency | gm.Unit | gm.Committee, ...]:
    needed: dict[str, None] = {}
    for item in items:
        if item.effect is not None:
            for org_id in item.effect.org_ids():
                needed.setdefault(org_id)
    for d in decisions:
        for e in d.effects:
            for org_id in e.org_ids():
                needed.setdefault(org_id)
        if d.issuer:
            needed.setdefault(d.issuer)
    known: set[str] = set()
    if b.resolver.timeline is not None:
        known = set(b.resolver.timeline.organisation_ids())
    out = []
    for org_id in needed:
        if org_id in known or org_id in b.established:
            continue
        name = b.names.get(org_id, org_id)
        try:
            out.append(first_state(org_id, name))
        except gm.GovModelError:
            continue
    return tuple(out)
