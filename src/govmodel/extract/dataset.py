"""A draft as a dataset: the decisions that can be built, the rest said in the notes.

Every decision of the dataset is checked against the organisations it needs (the proposed
first states, or those of the bundled datasets it extends); a decision whose effects do not
apply is left out and the reason noted, so that ``govmodel validate`` accepts the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from govmodel.errors import GovModelError
from govmodel.extract import _api as gm
from govmodel.serialize import Dataset, dumps, loads

if TYPE_CHECKING:
    from govmodel.extract.model import Draft

__all__ = ["draft_to_dataset"]


def draft_to_dataset(draft: Draft, *, name: str, title: str | None,
                     extends: tuple[str, ...], known: gm.Timeline | None) -> Dataset:
    """See :meth:`govmodel.extract.Draft.to_dataset`."""
    notes = list(draft.notes)
    decisions: list[gm.Decision] = []
    for dd in draft.decisions:
        d = dd.decision()
        if d is None:
            why = ", ".join(dd.missing) or "its fields do not form a decision"
            notes.append(f"{dd.label}: left out of the dataset ({why} unknown).")
            continue
        if known is not None and _holds(known, d):
            notes.append(f"{dd.label}: already in {', '.join(extends) or 'the timeline'}; "
                         "left out.")
            continue
        decisions.append(d)
    orgs = list(draft.organisations)
    base = Dataset(name=name, title=title or _title(draft), extends=extends, notes=(),
                   organisations=tuple(orgs), decisions=())
    kept: list[gm.Decision] = []
    pending = sorted(decisions, key=lambda d: d.sort_key())
    reasons: dict[int, str] = {}
    progress = True
    while pending and progress:  # a superseding decision waits for the one it supersedes
        progress = False
        for d in list(pending):
            trial = _evolve(base, decisions=(*kept, d), notes=())
            try:
                loads(dumps(trial))
            except GovModelError as exc:
                reasons[id(d)] = " ".join(str(exc).split())[:300]
                continue
            kept.append(d)
            pending.remove(d)
            progress = True
    for d in pending:
        notes.append(f"{d.number}: left out of the dataset, it does not apply: {reasons[id(d)]}")
    sources = (draft.source,) if draft.source else ()
    return _evolve(base, decisions=tuple(kept), notes=tuple(dict.fromkeys(notes)),
                   sources=sources)


def _holds(tl: gm.Timeline, d: gm.Decision) -> bool:
    try:
        tl.decision(d.ref)
    except GovModelError:
        return False
    return True


def _evolve(ds: Dataset, *, decisions: tuple[gm.Decision, ...], notes: tuple[str, ...],
            sources: tuple[gm.Source, ...] = ()) -> Dataset:
    return attrs.evolve(ds, decisions=decisions, notes=notes, sources=sources)


def _title(draft: Draft) -> str:
    first = next((d for d in draft.decisions if d.primary), None) or (
        draft.decisions[0] if draft.decisions else None)
    return f"Draft from text: {first.label}" if first else "Draft from text"
