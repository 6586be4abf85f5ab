"""The temporal engine (private): one module per law, behind :func:`build`, :func:`extend`
and :func:`validate`.

===================  ==========================================================
module               what it holds
===================  ==========================================================
``inforce``          when each decision is in force (law 2)
``rules``            one day's order, claims and validity checks (laws 3, 5, 6)
``replay``           the day-by-day replay of effects
``incremental``      adding decisions without starting over (law 1's fast path)
``fold``             standing provisions folded into values over time (law 4)
``index``            the read side, with ``Index._check()`` of its invariants
``track``, ``state`` the stored shapes; the copy-on-write maps of a replay
``values``           values made without running converters again
``build``            a full build
===================  ==========================================================

:mod:`govmodel.timeline` and :mod:`govmodel.snapshot` are the public faces.
"""

from __future__ import annotations

from collections.abc import Iterable

from govmodel._engine.build import build, canonical_initial
from govmodel._engine.incremental import extend
from govmodel._engine.index import Index
from govmodel._engine.track import Org
from govmodel.decisions import Decision
from govmodel.errors import DecisionError

__all__ = ["Index", "build", "canonical_initial", "extend", "validate"]


def validate(decisions: Iterable[Decision], initial: Iterable[Org] = ()) -> list[DecisionError]:
    """Every root problem of *decisions* (each with its follow-on problems), in replay order."""
    errors: list[DecisionError] = []
    build(decisions, initial, errors=errors)
    return errors
