"""Lineage (private): what became of an organisation, following merges and splits."""

from __future__ import annotations

import datetime as dt

from govmodel._engine.index import Index
from govmodel._engine.track import Org
from govmodel.errors import AmbiguousSuccessorError, OrganisationNotFoundError

__all__ = ["successor_chain"]


def successor_chain(
    ix: Index, org_id: str, on: dt.date | None, function: str | None
) -> tuple[Org, ...]:
    """The organisations from *org_id* (its last value) to what it became by *on* (None:
    after every recorded change), following merges and splits.

    Raises:
        OrganisationNotFoundError: it ended with no successor, or did not yet exist.
        AmbiguousSuccessorError: it was split and *function* does not pick one part.
    """
    day = dt.date.max if on is None else on
    chain: list[Org] = []
    cur = org_id
    seen: set[str] = set()
    while True:
        track = ix.tracks.get(cur)
        if track is None:
            raise OrganisationNotFoundError(cur, reason="no such organisation in this timeline")
        v = (
            track.at(day)
            if day != dt.date.max
            else (track.versions[-1] if track.end is None else None)
        )
        if v is not None:
            chain.append(v.value)
            return tuple(chain)
        if day < track.born:
            raise OrganisationNotFoundError(cur, day, f"established only on {track.born}")
        chain.append(track.versions[-1].value)
        succ = ix.successions.get(cur)
        if succ is None or succ.on > day:
            raise OrganisationNotFoundError(
                cur,
                None if on is None else day,
                f"ended on {track.end} with no recorded successor",
            )
        seen.add(cur)
        if len(succ.into) == 1:
            cur = succ.into[0]
        else:
            picks = [
                pid
                for pid, m in succ.shares
                if function is not None and function in (*m.functions, *m.fields, *m.powers)
            ]
            if len(picks) != 1:
                raise AmbiguousSuccessorError(
                    f"{cur!r} was split on {succ.on} by {succ.decision.ref} into "
                    f"{', '.join(succ.into)}; name a function to say which line to follow"
                )
            cur = picks[0]
        if cur in seen:  # pragma: no cover - successions follow time, so cannot loop
            raise OrganisationNotFoundError(cur, reason="successor loop")
