"""A deliberately naive reference implementation of DESIGN.md §2, for the property tests.

No index, no memo: for a date D it recomputes which decisions are in force and folds every
effect up to D. The engine must agree with it on every generated timeline.
"""

from __future__ import annotations

import datetime as dt

import attrs

import govmodel as gm
from govmodel.persons import term_end


def ref_end(decisions: list[gm.Decision], d: gm.Decision) -> dt.date | None:
    """Law 2: earliest of expires_on and the effective date of each in-force ender."""
    end = d.expires_on
    for f in decisions:
        if d.ref in f.supersedes + f.repeals and ref_in_force(decisions, f, f.effective_on):
            end = f.effective_on if end is None else min(end, f.effective_on)
    return end


def ref_in_force(decisions: list[gm.Decision], d: gm.Decision, day: dt.date) -> bool:
    end = ref_end(decisions, d)
    return d.effective_on <= day and (end is None or day < end)


def ref_key(d: gm.Decision) -> tuple:
    """The reference's own same-day order of decisions (law 5): signing date (else the
    effective date), issuer, serial number, the number's text, year, term."""
    signed = d.signed_on if d.signed_on is not None else d.effective_on
    return (signed, d.issuer, d.number.number, str(d.number), d.year, d.term or "")


def _refers(e: gm.Effect) -> set[str]:
    return set(e.org_ids())


def _must_wait(e: gm.Effect, others: list[gm.Effect]) -> bool:
    """Law 5: *e* waits while another effect of its day makes a body *e* names, or names a
    body *e* ends."""
    for o in others:
        if set(o.creates()) & _refers(e) - set(e.creates()):
            return True
        if set(e.ends_ids()) & _refers(o) and not set(o.creates()) & set(e.ends_ids()):
            return True
    return False


def day_items(decisions: list[gm.Decision]) -> list[tuple]:
    """Every effect as (date, key, position, decision, effect), each day in law-5 order:
    repeatedly the first (by the reference key) effect nothing else of the day must
    precede; in a circle, the first of the rest. Quadratic, and independent of the engine."""
    raw = sorted(
        ((d.effect_date(e), ref_key(d), i, d, e) for d in decisions for i, e in enumerate(d.effects)),
        key=lambda x: x[:3],
    )
    out: list[tuple] = []
    k = 0
    while k < len(raw):
        j = k
        while j < len(raw) and raw[j][0] == raw[k][0]:
            j += 1
        rest = raw[k:j]
        while rest:
            pick = next(
                (it for it in rest if not _must_wait(it[4], [o[4] for o in rest if o is not it])),
                rest[0],
            )
            out.append(pick)
            rest.remove(pick)
        k = j
    return out


def provenance(decisions: list[gm.Decision], initial: list, day: dt.date) -> dict[str, dict]:
    """id -> {attribute: the decision that set it (None for a first state)} on *day*, for
    the attributes a rename, a move or an establishment sets (law 9)."""
    prov: dict[str, dict] = {o.id: dict.fromkeys(("established", "name", "short_names",
                                                  "parent"), None) for o in initial}
    state = {o.id: o for o in initial}
    for t, _key, _i, d, e in day_items(decisions):
        if t > day or not ref_in_force(decisions, d, t):
            continue
        made = [e.org] if isinstance(e, gm.Establish) else (
            [e.establish] if isinstance(e, gm.Merge) and e.establish is not None else
            [p.establish for p in e.parts if p.establish is not None] if isinstance(e, gm.Split)
            else [])
        for org in made:
            state[org.id] = org
            prov[org.id] = dict.fromkeys(("established", "name", "short_names", "parent"), d)
        if isinstance(e, gm.Rename):
            o = state[e.org_id]
            short = o.short_names if e.short_names is None else e.short_names
            if o.name != e.name:
                prov[e.org_id]["name"] = d
            if o.short_names != short:
                prov[e.org_id]["short_names"] = d
            state[e.org_id] = attrs.evolve(o, name=e.name, short_names=short)
        elif isinstance(e, gm.Move):
            if state[e.org_id].parent != e.parent:
                prov[e.org_id]["parent"] = d
            state[e.org_id] = attrs.evolve(state[e.org_id], parent=e.parent)
        for gone in e.ends_ids():
            state.pop(gone, None)
            prov.pop(gone, None)
    return {k: v for k, v in prov.items() if k in state}


def replay(decisions: list[gm.Decision], initial: list, day: dt.date) -> dict[str, tuple]:
    """id -> (value, mandate, composition) for every organisation alive on *day*."""
    state = {o.id: o for o in initial}
    mandate_items: dict[str, list] = {}
    comp_items: dict[str, list] = {}
    items = day_items(decisions)

    def fold(org_id: str, upto: dt.date, on: dt.date) -> gm.Mandate:
        m = gm.Mandate()
        for t, kind, payload, d in mandate_items.get(org_id, []):
            if t > upto:
                continue
            if kind != "delta" and not ref_in_force(decisions, d, on):
                continue
            if kind == "set":
                m = payload
            else:
                add, remove = payload
                m = m.minus(remove).plus(add)
        return m

    for t, _key, _i, d, e in items:
        if t > day or not ref_in_force(decisions, d, t):
            continue
        if isinstance(e, gm.Establish):
            state[e.org.id] = e.org
        elif isinstance(e, gm.Rename):
            o = state[e.org_id]
            state[e.org_id] = attrs.evolve(
                o,
                name=e.name,
                short_names=o.short_names if e.short_names is None else e.short_names,
            )
        elif isinstance(e, gm.Move):
            state[e.org_id] = attrs.evolve(state[e.org_id], parent=e.parent)
        elif isinstance(e, gm.Dissolve):
            del state[e.org_id]
        elif isinstance(e, gm.Merge):
            if e.establish is not None:
                state[e.into] = e.establish
            for s in e.sources:
                rest = fold(s, t, t)
                if not rest.is_empty:
                    mandate_items.setdefault(e.into, []).append(
                        (t, "delta", (rest, gm.Mandate()), d)
                    )
                del state[s]
        elif isinstance(e, gm.Split):
            for part in e.parts:
                if part.establish is not None:
                    state[part.org_id] = part.establish
                mandate_items.setdefault(part.org_id, []).append(
                    (t, "delta", (part.mandate, gm.Mandate()), d)
                )
                if not e.dissolve_source:
                    mandate_items.setdefault(e.source, []).append(
                        (t, "delta", (gm.Mandate(), part.mandate), d)
                    )
            if e.dissolve_source:
                del state[e.source]
        elif isinstance(e, gm.TransferFunctions):
            mandate_items.setdefault(e.from_org, []).append(
                (t, "delta", (gm.Mandate(), e.mandate), d)
            )
            mandate_items.setdefault(e.to_org, []).append(
                (t, "delta", (e.mandate, gm.Mandate()), d)
            )
        elif isinstance(e, gm.SetMandate):
            mandate_items.setdefault(e.org_id, []).append((t, "set", e.mandate, d))
        elif isinstance(e, gm.AmendMandate):
            mandate_items.setdefault(e.org_id, []).append((t, "amend", (e.add, e.remove), d))
        elif isinstance(e, gm.SetComposition):
            comp_items.setdefault(e.org_id, []).append((t, e.members, d))
        elif isinstance(e, gm.Appoint | gm.EndAppointment):
            pass  # a post's holders change no organisation (see appointments below)
        else:
            raise NotImplementedError(type(e))
    out = {}
    for org_id, org in state.items():
        comp: tuple = ()
        for _t, members, d in comp_items.get(org_id, []):
            if ref_in_force(decisions, d, day):
                comp = members
        out[org_id] = (org, fold(org_id, day, day), comp)
    return out


def engine_state(snap: gm.Snapshot) -> dict[str, tuple]:
    """The same shape as :func:`replay`, read from an engine snapshot."""
    return {o.id: (o, snap.mandate(o.id), snap.memberships(o.id)) for o in snap.organisations()}


def appointments(
    decisions: list[gm.Decision],
) -> list[tuple[gm.PostRef, str, dt.date, dt.date | None]]:
    """Every appointment that happens, as (post, person id, first day, first day no longer
    held or None): an Appoint holds from its day until its term runs out or an
    EndAppointment of that person in that post ends it (law 3: each happens on its day if
    its decision is in force then)."""
    made: list[list] = []
    for t, _key, _i, d, e in day_items(decisions):
        if not ref_in_force(decisions, d, t):
            continue
        if isinstance(e, gm.Appoint):
            made.append([e.post, e.person.id, t, term_end(t, e.term)])
        elif isinstance(e, gm.EndAppointment):
            for a in made:
                holds = a[2] <= t and (a[3] is None or t < a[3])
                if a[0] == e.post and a[1] == e.person_id and holds:
                    a[3] = t
                    break
    return [tuple(a) for a in made]


def holders(
    decisions: list[gm.Decision], initial: list, day: dt.date
) -> dict[gm.PostRef, set[str]]:
    """Post -> the ids of those holding it on *day*, each appointment under the post that
    carries its office that day: while a post's body is merged away, the same title in
    the body it went into (a merger naming no post successions)."""
    went: dict[str, tuple[dt.date, str]] = {}  # body -> (day merged, the body it went into)
    for t, _key, _i, d, e in day_items(decisions):
        if t <= day and ref_in_force(decisions, d, t) and isinstance(e, gm.Merge):
            for s in e.sources:
                went[s] = (t, e.into)
    alive = set(replay(decisions, initial, day))
    out: dict[gm.PostRef, set[str]] = {}
    for given, person, start, end in appointments(decisions):
        if not (start <= day and (end is None or day < end)):
            continue
        post = given
        while post.org_id not in alive and post.org_id in went:
            post = gm.PostRef(went[post.org_id][1], post.title, qualifier=post.qualifier)
        out.setdefault(post, set()).add(person)
    return out
