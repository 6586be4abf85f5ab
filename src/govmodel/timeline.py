"""The engine: a timeline of decisions, and the questions it answers.

A :class:`Timeline` is an immutable set of decisions (plus first states of organisations
that existed before any of them, and observations to check). It is validated and indexed
when built; :meth:`Timeline.with_decision` returns a new timeline and never changes the old
one. The state on a date is a pure function of the set of decisions and the date.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable

from govmodel._engine import (
    Index,
    build,
    canonical_initial,
    changes,
    codes,
    extend,
    inforce,
    lineage,
    names,
)
from govmodel._engine import observations as observations_
from govmodel.decisions import Decision, DecisionRef
from govmodel.errors import (
    DecisionError,
    InvalidValueError,
    OrganisationNotFoundError,
    UnknownDecisionError,
)
from govmodel.model import AnyOrganisation, Mandate, Observation, PostRef
from govmodel.persons import HolderObservation
from govmodel.results import Diff, Edge, Findings, History, Holding, PlaceMatch
from govmodel.snapshot import Snapshot, Snapshots
from govmodel.vn.dates import parse_date

__all__ = ["Timeline", "validate"]

Org = AnyOrganisation
DateLike = dt.date | str


def as_date(value: DateLike, what: str = "date") -> dt.date:
    """A ``date`` from a date or an ISO / Vietnamese day-first string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise InvalidValueError(f"{what} must be a date or a date string, not {value!r}")


def validate(decisions: Iterable[Decision], *, initial: Iterable[Org] = ()) -> list[DecisionError]:
    """Every fault of a set of decisions, instead of only the first.

    Faulty effects are skipped and the replay goes on, so later faults are found too (some
    may follow from earlier ones).

    >>> validate([])
    []
    """
    errors: list[DecisionError] = []
    build(decisions, initial, errors=errors)
    return errors


class Timeline:
    """An immutable, validated, indexed set of decisions.

    Build one with :meth:`from_decisions` (or :func:`govmodel.load_dataset`). Two timelines
    are equal when they hold the same decisions, first states and observations, whatever
    order they were given in.
    """

    __slots__ = (
        "_held", "_index", "_lock", "_snaps", "_views", "decisions", "initial", "observations",
    )

    decisions: tuple[Decision, ...]
    initial: tuple[Org, ...]
    observations: tuple[Observation | HolderObservation, ...]
    _held: tuple[HolderObservation, ...]
    _index: Index
    _views: dict[dt.date, Index]
    _snaps: Snapshots
    _lock: threading.Lock

    def __init__(
        self,
        index: Index,
        initial: tuple[Org, ...],
        observations: tuple[Observation | HolderObservation, ...],
    ) -> None:
        # Private: use Timeline.from_decisions.
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "decisions", index.decisions)
        object.__setattr__(self, "initial", initial)
        object.__setattr__(self, "observations", observations)
        held = tuple(o for o in observations if isinstance(o, HolderObservation))
        object.__setattr__(self, "_held", held)
        object.__setattr__(self, "_views", {})
        object.__setattr__(self, "_snaps", Snapshots(index, held))
        object.__setattr__(self, "_lock", threading.Lock())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Timeline is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Timeline is immutable; cannot delete {name!r}")

    # ------------------------------------------------------------------ building
    @classmethod
    def from_decisions(
        cls,
        decisions: Iterable[Decision],
        *,
        initial: Iterable[Org] = (),
        observations: Iterable[Observation | HolderObservation] = (),
    ) -> Timeline:
        """Validate and index *decisions*.

        Args:
            decisions: the decisions, in any order; identical copies collapse.
            initial: first states of organisations that existed before any decision here.
            observations: dated mentions for :meth:`check`.

        Returns:
            The timeline.

        Raises:
            DecisionError: the first fault found (see :func:`validate` for all of them).

        Runtime complexity: O(n log n) for n effects.

        Garbage collection: the cyclic collector is paused while the timeline is built. From
        50,000 decisions on, what is alive when the build ends is left frozen
        (``gc.freeze()``, process-wide), so that later full collections do not walk the
        timeline again; ``gc.unfreeze()`` undoes it (see docs/performance.md).
        """
        first = canonical_initial(initial)
        obs = _canonical_observations(observations)
        return cls(build(decisions, first, canonical=True), first, obs)

    def with_decision(self, decision: Decision) -> Timeline:
        """A new timeline with *decision* added (retroactively if it is older).

        The result equals the timeline built with the decision from the start. On error the
        error is raised and this timeline is, as always, unchanged.

        Only what the decision can change is replayed: from its effective date (or the
        earliest day it changes another decision's end), the days that change a body it
        names, and in turn the bodies those days' effects name; everything else is shared
        with this timeline. A decision that moves or ends an existing body (or undoes such a
        change) replays every day from that date instead.

        Runtime complexity: O(n + N) pointer copies for n decisions and N organisations,
        plus the replay of the effects it reaches (the first addition to a timeline also
        maps, in O(e) for e effects, which days change each body; later additions inherit
        the map).
        """
        return self.with_decisions([decision])

    def with_decisions(self, decisions: Iterable[Decision]) -> Timeline:
        """A new timeline with all of *decisions* added (see :meth:`with_decision`).

        A few decisions are added incrementally; many at once are built from the start.
        """
        decisions = tuple(decisions)
        ix = extend(self._index, decisions)
        if ix is None:
            return Timeline.from_decisions(
                (*self.decisions, *decisions), initial=self.initial, observations=self.observations
            )
        return Timeline(ix, self.initial, self.observations)

    def with_observations(
        self, observations: Iterable[Observation | HolderObservation]
    ) -> Timeline:
        """A new timeline with *observations* added (decisions are not re-validated)."""
        obs = _canonical_observations((*self.observations, *observations))
        return Timeline(self._index, self.initial, obs)

    # ------------------------------------------------------------------ identity
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return (self.decisions, self.initial, self.observations) == (
            other.decisions,
            other.initial,
            other.observations,
        )

    def __hash__(self) -> int:
        return hash((self.decisions, self.initial, self.observations))

    def __repr__(self) -> str:
        span = ""
        if self.decisions:
            first = min(d.effective_on for d in self.decisions)
            last = max(d.effective_on for d in self.decisions)
            span = f", {first.isoformat()} → {last.isoformat()}"
        return (
            f"<Timeline: {len(self.decisions)} decisions, "
            f"{len(self._index.tracks)} organisations{span}>"
        )

    def __len__(self) -> int:
        return len(self.decisions)

    # ------------------------------------------------------------------ views
    def _view(self, known_on: dt.date | None) -> Index:
        if known_on is None:
            return self._index
        with self._lock:
            ix = self._views.get(known_on)
            if ix is None:
                # A decision known on K may rest on one published later (a rename of a body
                # whose establishing decision is not yet known): such effects are skipped
                # in the view, and the reasons kept (see known_gaps).
                gaps: list[DecisionError] = []
                ix = build(
                    (d for d in self.decisions if d.known_on <= known_on),
                    self.initial,
                    errors=gaps, allow_dangling=True, canonical=True,
                )
                ix.gaps = tuple(gaps)
                if len(self._views) > 64:
                    self._views.clear()
                self._views[known_on] = ix
            return ix

    def as_of(self, on: DateLike, *, known_on: DateLike | None = None) -> Snapshot:
        """The administration on *on* — as known on *known_on* when given (law 7).

        Args:
            on: the date (a ``date``, ISO text or Vietnamese day-first text).
            known_on: use only decisions known (published) on or before this date.

        Returns:
            A :class:`~govmodel.snapshot.Snapshot`. Runtime: O(1); each lookup O(log k).
        """
        if known_on is None:  # the common case, kept short: a point query is a few calls
            try:
                return self._snaps[on]  # snapshots are values: one per date is kept
            except (KeyError, TypeError):  # not a date: parse it (the parser names a fault)
                return Snapshot(self._index, as_date(on), None, self._held)
        day = as_date(on)
        known = as_date(known_on, "known_on")
        return Snapshot(self._view(known), day, known, self._held)

    def known_gaps(self, known_on: DateLike) -> tuple[DecisionError, ...]:
        """Effects skipped in the view as known on *known_on*, and why.

        A decision known on that date may rest on another published only later (e.g. it
        renames a body whose establishing decision was not yet known); the view skips such
        effects instead of failing, and lists them here.
        """
        return self._view(as_date(known_on, "known_on")).gaps

    def decisions_in_force(self, on: DateLike) -> tuple[Decision, ...]:
        """The decisions in force on *on* (law 2), in signing order. O(n)."""
        return self._index.decisions_in_force(as_date(on))

    def in_force(self, decision: Decision | DecisionRef, on: DateLike) -> bool:
        """Whether *decision* is in force on *on*."""
        return self._index.in_force(self.decision(decision), as_date(on))

    def ends(self, decision: Decision | DecisionRef) -> dt.date | None:
        """The first day *decision* is no longer in force, or None if it still is."""
        return self._index.end(self.decision(decision))

    def decision_days(self) -> list[dt.date]:
        """Every day a decision or one of its effects takes effect or a decision stops being
        in force, sorted: the days a standing provision (mandate, composition) can change."""
        return sorted(inforce.decision_days(self._index))

    def decision(self, ref: Decision | DecisionRef) -> Decision:
        """The decision with identity *ref*.

        Raises:
            UnknownDecisionError: the timeline holds no such decision.
        """
        found = self._index.decision(ref)
        if found is None:
            key = ref.ref if isinstance(ref, Decision) else ref
            raise UnknownDecisionError(f"no decision {key} in this timeline")
        return found

    def pending(self, known_on: DateLike) -> tuple[Decision, ...]:
        """Decisions known on *known_on* with an effect still to take effect after it — also
        one already in force whose effects are dated later (law 7) — by effective date."""
        k = as_date(known_on, "known_on")
        out = [
            d
            for d in self.decisions
            if d.known_on <= k
            and (k < d.effective_on or any(d.effect_date(e) > k for e in d.effects))
        ]
        return tuple(sorted(out, key=lambda d: (d.effective_on, d.sort_key())))

    # ------------------------------------------------------------------ organisations
    def organisation_ids(self) -> tuple[str, ...]:
        """Every organisation id the timeline knows, sorted."""
        return tuple(sorted(self._index.tracks))

    def history(self, org_id: str) -> History:
        """The versions of *org_id*, oldest first; each with the decision that made it.

        Raises:
            OrganisationNotFoundError: the timeline has no such organisation.
        """
        track = self._index.tracks.get(org_id)
        if track is None:
            raise OrganisationNotFoundError(org_id, reason="no such organisation in this timeline")
        return History(track.versions)

    def mandate_history(self, org_id: str) -> tuple[tuple[dt.date, Mandate, Decision | None], ...]:
        """Each date the mandate of *org_id* changed, the new mandate and the cause."""
        self.history(org_id)
        seg = self._index.mandate_segments(org_id)
        if seg is None:
            return ()
        return tuple(zip(seg.starts, seg.values, seg.causes, strict=True))

    def diff(self, d1: DateLike, d2: DateLike) -> Diff:
        """What differs between the state on *d1* and on *d2*, each with its decision.

        Compares every organisation alive on either date: existence, name, short names,
        parent, kind, level, mandate and committee composition. Sorted by organisation id.
        Each change names the decision that made it (law 9), not the latest one to touch
        the organisation. Runtime: O(N log k) for N organisations.
        """
        return Diff(changes.diff(self._index, as_date(d1), as_date(d2)))

    def provenance(self, org_id: str, on: DateLike) -> dict[str, Decision | None]:
        """For each attribute of *org_id*'s value on *on*, the decision that set it (law 9;
        None for a first state's).

        Raises:
            OrganisationNotFoundError: *org_id* is not alive on *on*.
        """
        return changes.provenance(self._index, org_id, as_date(on))

    def find(self, text: str, on: DateLike | None = None) -> list[str]:
        """Ids of organisations whose current or former names or aliases match *text*.

        Matching is diacritic- and case-insensitive and spells out abbreviations (TT&TT,
        UBND, CNTT…): every word of *text* must occur in one name. With *on*, only
        organisations alive on that date, by names held up to it. Ids whose name on that
        date (or latest name) matches come first.

        >>> Timeline.from_decisions([]).find("sở tttt")
        []
        """
        return names.find(self._index, text, None if on is None else as_date(on))

    def successor(
        self, org_id: str, on: DateLike | None = None, *, function: str | None = None
    ) -> Org:
        """The organisation *org_id* became by *on* (default: the latest date), following
        merges and splits; the organisation itself when it is still alive.

        Args:
            org_id: the organisation.
            on: the date; default: after every recorded change.
            function: for a split, follow the part that took this function or field.

        Raises:
            OrganisationNotFoundError: it ended with no successor, or did not yet exist.
            AmbiguousSuccessorError: it was split and *function* does not pick one part.
        """
        return self.successor_chain(org_id, on, function=function)[-1]

    def resolve(
        self, text: str, on: DateLike | None = None, limit: int = 10
    ) -> tuple[PlaceMatch, ...]:
        """Ranked units for a place name or a whole address — "Phường Đội Cấn, Quận Ba Đình,
        Hà Nội", "xa tan thanh huyen x tinh y", "TP.HCM", "Sài Gòn".

        Accents, case, tone placement and i/y spelling are ignored, except that a text
        written with diacritics ranks a name with those very diacritics just above one equal
        only once folded ("Tân Thành" before "Tân Thạnh"); type words (xã, phường,
        thị trấn, đặc khu, huyện, quận, thị xã, thành phố, tỉnh, TP.) and the enclosing units
        the text names rank the matches. A name no longer alive on *on* leads to what it
        became that day (every part of a divided unit, the default first), with the path.
        Text that matches nothing gives no match, never an error.

        Args:
            text: the place name or address.
            on: the date; default: after every recorded change.
            limit: at most this many matches.

        The index is built on the first call (once per timeline).
        """
        from govmodel._engine import places  # noqa: PLC0415 - its patterns load on first use

        day = None if on is None else as_date(on)
        return places.resolve(self._index, text, day, limit)

    def successors(self, org_id: str, on: DateLike | None = None) -> tuple[Edge, ...]:
        """Every successor edge of *org_id* (up to *on* when given): all parts of a split,
        the default one marked; what it was merged or absorbed into; parts of its area or
        functions passed on; a dissolution. Never raises for a split.

        Raises:
            OrganisationNotFoundError: the timeline has no such organisation.
        """
        return lineage.successors(self._index, org_id, None if on is None else as_date(on))

    def became(
        self, org_id: str, on: DateLike | None = None
    ) -> tuple[tuple[str, tuple[str, ...], bool, Edge | None], ...]:
        """What *org_id* is on *on* (default: after every change): itself while alive, else
        every body it became through merges and splits — each as (id, the ids passed
        through, whether only default parts were followed, the last edge taken)."""
        day = dt.date.max if on is None else as_date(on)
        return tuple(lineage.became(self._index, org_id, day))

    def predecessors(self, org_id: str) -> tuple[Edge, ...]:
        """The edges that led into *org_id*: what was merged, absorbed, split or passed
        into it (the inverse of :meth:`successors`)."""
        return lineage.predecessors(self._index, org_id)

    def lineage(self, org_id: str) -> tuple[Edge, ...]:
        """The graph of what became what around *org_id*, both ways: each edge with its
        source, target, kind, date and decision, renames included, by date."""
        return lineage.lineage(self._index, org_id)

    def by_identifier(
        self, scheme: str, value: str, on: DateLike | None = None
    ) -> tuple[str, ...]:
        """The ids holding the code *value* of *scheme* on *on* — at most one — or, with no
        date, every id that ever held it, in order (a code can pass to another body).

        >>> Timeline.from_decisions([]).by_identifier("gso", "02")
        ()
        """
        return codes.by_identifier(
            self._index, scheme, value, None if on is None else as_date(on)
        )

    def successor_chain(
        self, org_id: str, on: DateLike | None = None, *, function: str | None = None
    ) -> tuple[Org, ...]:
        """The organisations from *org_id* (its last value) to its successor on *on*."""
        day = None if on is None else as_date(on)
        return lineage.successor_chain(self._index, org_id, day, function)

    # ------------------------------------------------------------------ sources
    def check(
        self, observations: Iterable[Observation | HolderObservation] | None = None
    ) -> Findings:
        """Compare dated mentions with the timeline: which agree, which conflict, and why.

        Args:
            observations: the mentions to check; default: the timeline's own.

        A mention agrees when the name it uses is one of the organisation's names or aliases
        on that date (abbreviations spelled out, a trailing "tỉnh …" optional).
        """
        obs = self.observations if observations is None else tuple(observations)
        return Findings(
            observations_.check_holder(self._index, o) if isinstance(o, HolderObservation)
            else observations_.check_one(self._index, o)
            for o in obs
        )

    # ------------------------------------------------------------------ post holders
    def tenures(self, person_id: str) -> tuple[Holding, ...]:
        """Every appointment of *person_id*, by start date (with its end and what ended it)."""
        return tuple(sorted(
            (h for hs in self._index.holdings.values() for h in hs if h.person_id == person_id),
            key=lambda h: (h.start, str(h.post)),
        ))

    def holders_history(self, post: PostRef) -> tuple[Holding, ...]:
        """Every appointment to *post*, by start date."""
        return self._index.holdings.get(post, ())


def _canonical_observations(
    observations: Iterable[Observation | HolderObservation],
) -> tuple[Observation | HolderObservation, ...]:
    obs = list(dict.fromkeys(observations))
    for o in obs:
        if not isinstance(o, Observation | HolderObservation):
            raise InvalidValueError(f"expected an Observation, not {o!r}")
    return tuple(sorted(obs, key=lambda o: (o.on, o.org_id, o.name, o.source.document)))
