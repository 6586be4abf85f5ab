"""Merges and splits in the replay (private): a body absorbed or consolidated, a body or a
unit divided among parts; each leaves its successions and lineage edges."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from govmodel._engine import rules
from govmodel._engine.track import ESTABLISHED, Item, Succession, edge, succession
from govmodel.decisions import Decision
from govmodel.effects import Merge, PostSuccession, Split
from govmodel.errors import ConflictError, InvalidEffectError
from govmodel.model import AdminUnit, Mandate
from govmodel.results import Edge

if TYPE_CHECKING:
    from govmodel._engine.replay import Replay

__all__ = ["apply_merge", "apply_split", "combined_posts"]


def apply_merge(  # noqa: PLR0917 - as every apply function
    r: Replay, e: Merge, d: Decision, t: dt.date, where: Item, ended: list[tuple[str, Decision]]
) -> None:
    current, merged = r.current, r.merged
    sources: list[str] = []  # those not merged already today into the same body
    for s in e.sources:
        prev = merged.get(s)
        if prev is not None and s not in current:
            if prev[0] != e.into:
                raise ConflictError(
                    f"merges {s!r} into {e.into!r} on {t}, while {prev[1].ref} effect "
                    f"#{prev[2]} merges it into {prev[0]!r}, and neither supersedes the "
                    "other",
                    org_id=s,
                    on=t,
                    **rules.ctx(where),
                )
            continue
        if s not in current:
            r.alive(s, t, where, "merge source")  # raises: not alive on t
        sources.append(s)
    establish = e.establish
    if establish is not None and current.get(e.into) == establish and (
        (track := r.tracks.data.get(e.into)) is not None and track.starts[0] == t
    ):
        establish = None  # established today by another merge, with the same value
    if establish is not None:
        r.check_new(establish, t, where)
    else:
        r.alive(e.into, t, where, "merge target")
    posts = e.posts
    for ps in posts:
        if ps.old.org_id not in e.sources or ps.new.org_id != e.into:
            raise InvalidEffectError(
                f"post succession {ps.old} → {ps.new} must go from a source to {e.into!r}",
                **rules.ctx(where),
            )
    if len(sources) != len(e.sources):
        shared = [s for s in e.sources if s not in sources]
        combined = {s: combined_posts(r, s, e, where) for s in shared}
    else:
        combined = {}
    if establish is not None:
        r.set_value(establish, t, d, ESTABLISHED)
    for s, kept in combined.items():
        old = r.successions[s]
        r.successions[s] = attrs.evolve(old, posts=kept)
    target = e.into
    into, successions, mandates = (target,), r.successions, r.mandate_items
    kind = "absorbed" if e.establish is None else "merged"
    end_org, add_edge, mark = r.end_org, r.add_edge, (target, d, where[1])
    for s in sources:
        if mandates.data.get(s):  # what it still holds goes to the body it merges into
            rest = r.mandate_now(s, t)
            if not rest.is_empty:
                r.add_mandate(target, (t, "delta", (rest, Mandate.EMPTY), d))
        end_org(s, t, d)
        ended.append((s, d))
        own = tuple(ps for ps in posts if ps.old.org_id == s) if posts else ()
        successions[s] = succession(t, into, d, own)
        merged[s] = mark
        add_edge(edge(s, target, kind, t, d))


def combined_posts(r: Replay, s: str, e: Merge, where: Item) -> tuple[PostSuccession, ...]:
    """The post successions of source *s*, merged twice today: both merges' together,
    or a conflict when they send one post to two different posts."""
    have = {ps.old: ps for ps in r.successions[s].posts}
    for ps in e.posts:
        if ps.old.org_id != s:
            continue
        prev = have.get(ps.old)
        if prev is not None and prev.new != ps.new:
            raise ConflictError(
                f"makes {ps.new} the successor of {ps.old}, while "
                f"{r.successions[s].decision.ref} makes it {prev.new}",
                org_id=s,
                **rules.ctx(where),
            )
        have[ps.old] = ps
    return tuple(have.values())


def apply_split(  # noqa: PLR0917
    r: Replay, e: Split, d: Decision, t: dt.date, where: Item, ended: list[tuple[str, Decision]]
) -> None:
    source = r.alive(e.source, t, where, "split source")
    if isinstance(source, AdminUnit) and e.dissolve_source and e.default_part is None:
        raise InvalidEffectError(
            f"divides {e.source!r} into {len(e.parts)} parts but marks none as the default "
            "successor (set default on one part)",
            org_id=e.source,
            on=t,
            **rules.ctx(where),
        )
    for part in e.parts:
        if part.establish is not None:
            r.check_new(part.establish, t, where)
        else:
            r.alive(part.org_id, t, where, "split part")
    owner: dict[tuple[str, ...], str] = {}
    for part in e.parts:
        for item in part.mandate.items():
            if item in owner:
                raise InvalidEffectError(
                    f"{rules.show_items({item})} is given to both {owner[item]!r} and "
                    f"{part.org_id!r}",
                    org_id=e.source,
                    on=t,
                    **rules.ctx(where),
                )
            owner[item] = part.org_id
    have = r.mandate_now(e.source, t).items()
    if have:
        rules.require_held(e.source, have, owner, verb="gives away", t=t, where=where)
        unassigned = have - set(owner)
        if e.dissolve_source and unassigned:
            raise InvalidEffectError(
                f"does not say which part takes {rules.show_items(unassigned)}",
                org_id=e.source,
                on=t,
                **rules.ctx(where),
            )
    default = e.default_part
    for part in e.parts:
        if part.establish is not None:
            r.set_value(part.establish, t, d, ESTABLISHED)
        if not part.mandate.is_empty:
            r.add_mandate(part.org_id, (t, "delta", (part.mandate, Mandate.EMPTY), d))
        kind = "split" if e.dissolve_source else "part-transferred"
        r.add_edge(Edge(
            e.source, part.org_id, kind, t, d, part.org_id == default,
            part.area_share, part.population_share,
        ))
        if not e.dissolve_source and not part.mandate.is_empty:
            r.add_mandate(e.source, (t, "delta", (Mandate.EMPTY, part.mandate), d))
    if e.dissolve_source:
        r.end_org(e.source, t, d)
        ended.append((e.source, d))
        r.successions[e.source] = Succession(
            t,
            tuple(p.org_id for p in e.parts),
            d,
            shares=tuple((p.org_id, p.mandate) for p in e.parts),
        )
