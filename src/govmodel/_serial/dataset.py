"""The :class:`Dataset` value: what a dataset file holds (private; public through
:mod:`govmodel.serialize`)."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from operator import attrgetter, itemgetter
from typing import TypeVar

import attrs

from govmodel._fields import to_text, to_texts, to_tuple_of
from govmodel._serial.constants import (
    SCHEMA_VERSION,
    Org,
    _problem_order,
    _to_decisions,
    _to_description,
    _to_extends,
    _to_observations,
    _to_orgs,
    _to_sources,
)
from govmodel.decisions import Decision, DecisionRef
from govmodel.errors import DatasetError, InvalidValueError, Problem
from govmodel.model import AnyOrganisation, Observation, Source
from govmodel.persons import HolderObservation
from govmodel.timeline import Timeline


def _to_holders(value: object) -> tuple[HolderObservation, ...]:
    return to_tuple_of(HolderObservation)(value)


@attrs.frozen(slots=True, kw_only=True)
class Dataset:
    """A dataset: organisations' first states, decisions and observations, with provenance.

    Attributes:
        schema_version: the format version the dataset was written in.
        name: the dataset's short name (``lang-son-2021``).
        title: a one-line human title.
        description: what the dataset covers and where it comes from.
        extends: names of bundled datasets this one extends (``govmodel.datasets()``): its
            organisations, decisions and observations are theirs plus its own. Only names,
            never paths. Added in 0.1.
        sources: the documents the dataset draws on (each decision and observation cites its
            own; these describe them once).
        notes: the data author's decisions and assumptions, one sentence each: what the
            sources leave unknown and how the data treats it.
        organisations: the first states of organisations alive before the first decision.
        decisions: the decisions, in any order.
        observations: dated mentions of organisations in texts.
        holders: dated mentions of post holders in texts (:class:`~govmodel.HolderObservation`).

    Added in 0.1.
    """

    schema_version: int = attrs.field(default=SCHEMA_VERSION)
    name: str = attrs.field(converter=to_text)
    title: str = attrs.field(converter=to_text)
    description: str = attrs.field(default="", converter=_to_description)
    extends: tuple[str, ...] = attrs.field(default=(), converter=_to_extends)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)
    notes: tuple[str, ...] = attrs.field(default=(), converter=to_texts)
    organisations: tuple[AnyOrganisation, ...] = attrs.field(
        default=(), converter=_to_orgs
    )
    decisions: tuple[Decision, ...] = attrs.field(default=(), converter=_to_decisions)
    observations: tuple[Observation, ...] = attrs.field(default=(), converter=_to_observations)
    holders: tuple[HolderObservation, ...] = attrs.field(default=(), converter=_to_holders)

    @schema_version.validator
    def _check_version(self, _attr: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or not 1 <= value <= SCHEMA_VERSION:
            raise InvalidValueError(
                f"schema_version must be an integer from 1 to {SCHEMA_VERSION}, not {value!r}"
            )

    def flattened(self) -> Dataset:
        """This dataset with the datasets it extends folded in.

        Returns:
            A dataset with ``extends == ()`` holding the organisations, decisions and
            observations of every extended dataset (each once, however often it is reached)
            and this dataset's own; sources and notes are gathered the same way. A first
            state this dataset gives for an organisation an extended dataset also starts
            from replaces it (see "Extending a dataset" in ``docs/dataset-format.md``).
            A dataset that extends nothing is returned as it is.

        Raises:
            UnknownDatasetError: a name in ``extends`` is not a bundled dataset.
            DatasetError: an extended dataset does not load, or this dataset repeats what
                an extended one holds.

        Added in 0.1.
        """
        if not self.extends:
            return self
        bases = [(i, name, _bundled_dataset(name)) for i, name in enumerate(self.extends)]
        problems: list[Problem] = []
        parts = _collect_parts(bases)
        base = _combine_parts(parts, problems)
        merged = _merge_own(
            base,
            list(enumerate(self.organisations)),
            list(enumerate(self.decisions)),
            list(enumerate(self.observations)),
            problems,
        )
        if problems:
            problems.sort(key=_problem_order)
            raise DatasetError(problems)
        datasets = [p.dataset for p in parts] + [self]
        return Dataset(
            schema_version=self.schema_version,
            name=self.name,
            title=self.title,
            description=self.description,
            sources=tuple(dict.fromkeys(s for ds in datasets for s in ds.sources)),
            notes=tuple(dict.fromkeys(n for ds in datasets for n in ds.notes)),
            organisations=tuple(merged.orgs),
            decisions=tuple(merged.decisions),
            observations=merged.observations,
            holders=tuple(dict.fromkeys(h for ds in datasets for h in ds.holders)),
        )

    def timeline(self) -> Timeline:
        """Build the timeline of this dataset (with the datasets it extends).

        Returns:
            ``Timeline.from_decisions(decisions, initial=organisations,
            observations=observations)`` of :meth:`flattened`.

        Raises:
            DecisionError: when a decision cannot be applied (a dataset returned by
                :func:`load` has already been checked, so this does not happen for one).
            DatasetError: see :meth:`flattened`.
        """
        built = _BUILT.get(id(self))
        if built is not None:
            return built
        flat = self.flattened()
        return Timeline.from_decisions(
            flat.decisions,
            initial=flat.organisations,
            observations=(*flat.observations, *flat.holders),
        )




#: Timelines already built for a dataset (``id(dataset)`` → timeline): the loader builds
#: each loaded dataset's timeline once, to check it, and :meth:`Dataset.timeline` returns
#: that one. An entry goes when its dataset is collected.
_BUILT: dict[int, Timeline] = {}


def remember_timeline(dataset: Dataset, timeline: Timeline) -> None:
    """Let ``dataset.timeline()`` return *timeline*, built from exactly its flattened items."""
    key = id(dataset)
    _BUILT[key] = timeline
    weakref.finalize(dataset, _BUILT.pop, key, None)


def _established_ids(orgs: Iterable[Org], decisions: Iterable[Decision]) -> set[str]:
    """Every organisation id a dataset introduces (first states and establishing effects)."""
    ids = {o.id for o in orgs}
    for d in decisions:
        for e in d.effects:
            ids.update(e.creates())
    return ids


@attrs.frozen
class _Part:
    """One extended dataset, reached directly or through another one."""

    key: str  # its bundled name
    dataset: Dataset
    index: int  # the position in the top-level "extends" through which it was reached
    ancestors: frozenset[str]  # the names it extends, directly or not


def _collect_parts(bases: list[tuple[int, str, Dataset]]) -> list[_Part]:
    """Every dataset reached from *bases*, each once, every one after those it extends."""
    parts: dict[str, _Part] = {}

    def visit(name: str, ds: Dataset, index: int) -> frozenset[str]:
        if name not in parts:
            ancestors: set[str] = set()
            for sub in ds.extends:
                ancestors |= visit(sub, _bundled_dataset(sub), index)
            parts[name] = _Part(name, ds, index, frozenset(ancestors))
        return parts[name].ancestors | {name}

    for index, name, ds in bases:
        visit(name, ds, index)
    return list(parts.values())


@attrs.define
class _Base:
    """What the extended datasets hold together, each item with the part it comes from."""

    orgs: dict[str, tuple[Org, _Part]] = attrs.Factory(dict)
    decisions: dict[DecisionRef, tuple[Decision, _Part]] = attrs.Factory(dict)
    observations: dict[Observation, _Part] = attrs.Factory(dict)
    established: dict[str, tuple[Decision, _Part]] = attrs.Factory(dict)


def _combine_parts(parts: list[_Part], problems: list[Problem]) -> _Base:
    """Fold the extended datasets together; what two unrelated ones both hold is a problem.

    A first state given by a dataset for an organisation that a dataset it extends also
    starts from replaces that one (it was checked when the extending dataset was loaded).
    """
    base = _Base()
    for part in parts:
        where = f"$.extends[{part.index}]"
        for org in part.dataset.organisations:
            prev = base.orgs.get(org.id)
            if prev is not None and prev[1].key not in part.ancestors:
                problems.append(Problem(where, (
                    f"{part.key!r} and {prev[1].key!r} both give a first state for "
                    f"{org.id!r}; only one dataset may introduce an organisation"
                )))
                continue
            base.orgs[org.id] = (org, part)
        for d in part.dataset.decisions:
            prev_d = base.decisions.get(d.ref)
            if prev_d is not None:
                problems.append(Problem(
                    where, f"{part.key!r} and {prev_d[1].key!r} both hold decision {d.ref}"
                ))
                continue
            base.decisions[d.ref] = (d, part)
            for org_id in _established_ids((), [d]):
                base.established.setdefault(org_id, (d, part))
        for o in part.dataset.observations:
            prev_o = base.observations.get(o)
            if prev_o is not None:
                problems.append(Problem(
                    where, f"{part.key!r} and {prev_o.key!r} both hold an observation of "
                    f"{o.org_id!r} as {o.name!r} on {o.on.isoformat()}"
                ))
                continue
            base.observations[o] = part
    return base


@attrs.define
class _Merged:
    """A dataset's own items added to what it extends, with where each comes from."""

    orgs: list[Org]  # the extended datasets' first states (those not replaced), then its own
    decisions: list[Decision]  # the extended datasets' decisions, then its own
    observations: tuple[Observation, ...]
    # own first states replacing one of an extended dataset: (index, own, theirs, part)
    earlier: list[tuple[int, Org, Org, _Part]]
    # where each of orgs and decisions comes from: the extended dataset that holds it, or
    # its index in this dataset's own section
    org_from: list[_Part | int] = attrs.Factory(list)
    decision_from: list[_Part | int] = attrs.Factory(list)

    def located_orgs(self) -> list[tuple[str, Org, str | None]]:
        """``(path, first state, extended dataset or None)`` of every first state: the
        place a problem with it is reported."""
        return _located(self.orgs, self.org_from, "organisations")

    def located_decisions(self) -> list[tuple[str, Decision, str | None]]:
        """``(path, decision, extended dataset or None)`` of every decision."""
        return _located(self.decisions, self.decision_from, "decisions")


_T = TypeVar("_T")


def _located(
    items: list[_T], origins: list[_Part | int], section: str
) -> list[tuple[str, _T, str | None]]:
    return [
        (f"$.{section}[{at}]", x, None) if type(at) is int
        else (f"$.extends[{at.index}]", x, at.key)  # type: ignore[union-attr]
        for x, at in zip(items, origins, strict=True)
    ]


def _merge_own(
    base: _Base,
    orgs: list[tuple[int, Org]],
    decisions: list[tuple[int, Decision]],
    observations: list[tuple[int, Observation]],
    problems: list[Problem],
) -> _Merged:
    """Add a dataset's own items to *base*; repeating what an extended dataset holds fails."""
    earlier: list[tuple[int, Org, Org, _Part]] = []
    own_orgs: list[Org] = list(map(itemgetter(1), orgs))
    own_at: list[int] = list(map(itemgetter(0), orgs))
    replaced: set[str] = set()
    ids = list(map(attrgetter("id"), own_orgs))
    if not (base.orgs.keys().isdisjoint(ids) and base.established.keys().isdisjoint(ids)):
        own_orgs, own_at = [], []  # some id is the extended datasets': each one looked at
        for i, org in orgs:
            prev = base.orgs.get(org.id)
            made = base.established.get(org.id)
            if prev is not None and prev[0] == org:
                problems.append(Problem(f"$.organisations[{i}].id", (
                    f"organisation {org.id!r} is already given by the extended dataset "
                    f"{prev[1].key!r}; an extending dataset does not repeat it"
                )))
                continue
            if prev is None and made is not None:
                problems.append(Problem(f"$.organisations[{i}].id", (
                    f"organisation {org.id!r} is established by {made[0].ref} in the "
                    f"extended dataset {made[1].key!r}; it cannot also have a first state here"
                )))
                continue
            if prev is not None:
                earlier.append((i, org, prev[0], prev[1]))
                replaced.add(org.id)
            own_orgs.append(org)
            own_at.append(i)
    theirs = [(org, part) for org, part in base.orgs.values() if org.id not in replaced]
    all_orgs = [org for org, _ in theirs] + own_orgs
    org_from: list[_Part | int] = [part for _, part in theirs]
    org_from += own_at

    own_decisions: list[Decision] = []
    decision_from: list[_Part | int] = [part for _, part in base.decisions.values()]
    if not base.decisions:  # nothing extended holds a decision: none can be repeated
        own_decisions = list(map(itemgetter(1), decisions))
        decision_from += map(itemgetter(0), decisions)
        decisions = []
    for i, d in decisions:
        prev_d = base.decisions.get(d.ref)
        if prev_d is not None:
            problems.append(Problem(f"$.decisions[{i}]", (
                f"decision {d.ref} is already in the extended dataset {prev_d[1].key!r}; "
                "an extending dataset adds decisions, it does not repeat or replace them"
            )))
            continue
        own_decisions.append(d)
        decision_from.append(i)
    all_decisions = [d for d, _ in base.decisions.values()] + own_decisions

    own_obs: list[Observation] = []
    for i, o in observations:
        prev_o = base.observations.get(o)
        if prev_o is not None:
            problems.append(Problem(
                f"$.observations[{i}]", f"the same observation is in the extended dataset "
                f"{prev_o.key!r}"
            ))
            continue
        own_obs.append(o)
    all_obs = (*base.observations, *own_obs)
    return _Merged(all_orgs, all_decisions, all_obs, earlier, org_from, decision_from)


#: How a name in ``"extends"`` becomes a dataset: registered by
#: :mod:`govmodel._serial.bundled` (which reads the bundled files) when it is imported, so
#: that this module needs nothing above it.
_RESOLVERS: list[Callable[[str], Dataset]] = []


#: The datasets read from verified bytes whose extended datasets were all read so too
#: (:func:`govmodel._serial.load.loads_verified`): only for such a base may a dataset that
#: extends it skip the checks of the whole. Weak: a dropped dataset leaves no stale entry.
VERIFIED_WHOLE: weakref.WeakSet[Dataset] = weakref.WeakSet()


def _bundled_dataset(name: str) -> Dataset:
    """The bundled dataset *name*, checked (UnknownDatasetError when there is none)."""
    if not _RESOLVERS:  # pragma: no cover - govmodel.serialize registers it on import
        raise RuntimeError("no reader of bundled datasets is registered")
    return _RESOLVERS[-1](name)
