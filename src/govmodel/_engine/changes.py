"""What changed between two dates, and who set what (law 9), private.

Every attribute of every version names the decision that set it: a version records the
attributes it changed (and, when several decisions changed it on one day, the decision of
each), so a diff across several decisions credits each change to its own decision — a rename
by one and a move by another are never both credited to the last.
"""

from __future__ import annotations

import datetime as dt

import attrs

from govmodel._engine.index import Index
from govmodel.decisions import Decision
from govmodel.errors import OrganisationNotFoundError
from govmodel.results import Change

__all__ = ["COMPARED", "diff", "provenance"]

#: The attributes of organisation values a diff compares, in order.
COMPARED = ("name", "short_names", "parent", "kind", "level")


def diff(ix: Index, a: dt.date, b: dt.date) -> list[Change]:
    """The changes between the states on *a* and *b*, by organisation id."""
    out: list[Change] = []
    for org_id in sorted(ix.tracks):
        track = ix.tracks[org_id]
        va, vb = ix.value(org_id, a), ix.value(org_id, b)  # values: no versions made
        if va is None and vb is None:
            continue
        if va is None and vb is not None:
            made_by = track.versions[0].set_by("established")[1]
            out.append(Change(org_id, "established", None, vb, made_by))
            continue
        if vb is None and va is not None:
            ended_later = track.end is not None and a < track.end
            if ended_later:
                ending = track.versions[-1].ended
                kind = "dissolved" if ending is None else ending.kind
                into = None if ending is None or not ending.into else ending.into
                out.append(Change(org_id, kind, va, into, track.end_by))
            else:  # b lies before its establishment
                by = track.versions[0].set_by("established")[1]
                out.append(Change(org_id, "dissolved", va, None, by))
            continue
        assert va is not None
        assert vb is not None
        if va is not vb:  # one version holds one value object
            for attr in COMPARED:
                before = getattr(va, attr, None)
                after = getattr(vb, attr, None)
                if before != after:
                    out.append(Change(org_id, attr, before, after, track.set_by(attr, b)))
        ma, mb = ix.mandate(org_id, a)[0], ix.mandate(org_id, b)
        if ma != mb[0]:
            out.append(Change(org_id, "mandate", ma, mb[0], mb[1]))
        ca, cb = ix.composition(org_id, a)[0], ix.composition(org_id, b)
        if ca != cb[0]:
            out.append(Change(org_id, "composition", ca, cb[0], cb[1]))
    return out


def provenance(ix: Index, org_id: str, day: dt.date) -> dict[str, Decision | None]:
    """For each attribute of *org_id*'s value on *day*, the decision that set it."""
    track = ix.tracks.get(org_id)
    v = None if track is None else track.at(day)
    if track is None or v is None:
        raise OrganisationNotFoundError(org_id, day)
    out: dict[str, Decision | None] = {"established": track.versions[0].set_by("established")[1]}
    for f in attrs.fields(type(v.value)):
        if f.name != "id":
            out[f.name] = track.set_by(f.name, day)
    out["mandate"] = ix.mandate(org_id, day)[1] if ix.mandate_items.get(org_id) else None
    out["composition"] = (
        ix.composition(org_id, day)[1] if ix.composition_items.get(org_id) else None
    )
    return out
