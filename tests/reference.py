"""A deliberately naive reference implementation of DESIGN.md §2, for the property tests.

No index, no memo: for a date D it recomputes which decisions are in force and folds every
effect up to D. The engine must agree with it on every generated timeline.
"""

from __future__ import annotations

import datetime as dt

import attrs

import govmodel as gm


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


def replay(decisions: list[gm.Decision], initial: list, day: dt.date) -> dict[str, tuple]:
    """id -> (value, mandate, composition) for every organisation alive on *day*."""
    state = {o.id: o for o in initial}
    mandate_items: dict[str, list] = {}
    comp_items: dict[str, list] = {}
    items = sorted(
        (
            (d.effect_date(e), d.sort_key(), i, d, e)
            for d in decisions
            for i, e in enumerate(d.effects)
        ),
        key=lambda x: x[:3],
    )

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
