"""Valid timelines and datasets, built by simulation (private; see :mod:`govmodel.testing`).

The generator keeps the state of a small province as it goes (which organisations are
alive, under which parent, which have a mandate) and draws only steps that are valid on the
day they happen, so every effect refers only to organisations alive on its date and no two
decisions claim one attribute of one organisation on one day. The set includes the hard
cases of the semantics (``docs/concepts.md``): future-dated and retroactive provisions,
expiring decisions, "ghost" decisions superseded before they take effect, and repeals of
the superseding decision (which must not revive the ghost).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.decisions import (
    AmendMandate,
    Decision,
    Dissolve,
    Effect,
    Establish,
    Merge,
    Move,
    Rename,
    SetComposition,
    SetMandate,
    Split,
    SplitPart,
    TransferFunctions,
)
from govmodel.model import (
    Agency,
    AnyOrganisation,
    Committee,
    Mandate,
    Membership,
    PostRef,
    Role,
    TaskGroup,
    Unit,
)
from govmodel.persons import Appoint, EndAppointment, term_end
from govmodel.serialize import Dataset
from govmodel.testing._args import check_int
from govmodel.testing._persons import _TITLES, persons
from govmodel.testing._values import decisions as any_decisions
from govmodel.testing._values import observations, organisations, sources, texts
from govmodel.timeline import Timeline

__all__ = ["BASE", "GHOST", "ROOT", "Scenario", "datasets", "loose_datasets", "scenarios"]

Org = AnyOrganisation

#: The id of the simulated province's People's Committee, the root of every scenario.
ROOT = "p/ubnd"
#: The first day of every scenario.
BASE = dt.date(2020, 1, 1)
#: The name prefix of renames that must never happen (their decision is a "ghost").
GHOST = "GHOST"


def _tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(items)


@attrs.frozen(slots=True)
class Scenario:
    """A generated valid timeline: its decisions and what the generator knows about them.

    Attributes:
        initial: the first states of the organisations alive before any decision.
        decisions: the decisions, in the order generated (by signing date, mostly).
        ghosts: decisions superseded before they take effect: none of their effects
            ever happens, even after the superseding decision is repealed.
        dates: dates worth asking about: every effective date, the day before each, every
            expiry, one day before the first decision and one long after the last.
    """

    initial: tuple[Org, ...] = attrs.field(converter=_tuple)
    decisions: tuple[Decision, ...] = attrs.field(converter=_tuple)
    ghosts: tuple[Decision, ...] = attrs.field(converter=_tuple)
    dates: tuple[dt.date, ...] = attrs.field(converter=_tuple)

    def timeline(self) -> Timeline:
        """The timeline of the scenario's decisions and first states."""
        return Timeline.from_decisions(self.decisions, initial=self.initial)


def _initial() -> list[Org]:
    return [
        Agency(
            id=ROOT, name="Ủy ban nhân dân tỉnh Thử", kind="peoples_committee", level="province"
        ),
        Agency(id="p/so-a", name="Sở A", parent=ROOT, kind="department", level="province"),
        Agency(id="p/so-b", name="Sở B", parent=ROOT, kind="department", level="province"),
        Committee(id="p/bcd", name="Ban Chỉ đạo Thử", parent=ROOT),
    ]


_FUNCS = ["bưu chính", "viễn thông", "báo chí", "xuất bản", "chuyển đổi số", "an toàn thông tin"]


@st.composite
def _small_mandates(draw: st.DrawFn) -> Mandate:
    """Mandates over a small fixed vocabulary, so that provisions overlap."""
    funcs = draw(st.lists(st.sampled_from(_FUNCS), max_size=3, unique=True))
    groups = draw(
        st.lists(st.sampled_from(["hạ tầng số", "đô thị thông minh"]), max_size=2, unique=True)
    )
    return Mandate(functions=funcs, task_groups=[TaskGroup(g, [f"nhiệm vụ {g}"]) for g in groups])


_STEPS = [
    "establish",
    "establish",
    "rename",
    "move",
    "dissolve",
    "merge",
    "set_mandate",
    "amend",
    "composition",
    "transfer",
    "ghost",
    "future",
    "retro",
    "repeal",
    "split",
    "appoint",
    "appoint",
    "end_appointment",
    "end_appointment",
]


@st.composite
def _scenarios(draw: st.DrawFn, max_steps: int) -> Scenario:
    initial = _initial()
    alive: dict[str, str | None] = {o.id: o.parent for o in initial}
    kinds: dict[str, str] = {o.id: type(o).__name__ for o in initial}
    decisions: list[Decision] = []
    ghosts: list[Decision] = []
    standing: list[Decision] = []
    no_mandate = {o.id for o in initial}  # never given a mandate: safe transfer/split sources
    day = BASE
    serial = 0
    claimed: set[tuple[dt.date, str, str]] = set()
    # appointments made: [post, person id, first day, first day no longer held or None]
    held: list[list[Any]] = []

    def new_decision(signed: dt.date, effects: list[Effect], **kw: Any) -> Decision:
        nonlocal serial
        serial += 1
        known = signed + dt.timedelta(days=draw(st.integers(0, 15)))
        d = Decision(
            number=f"{serial}/QĐ-UBND",
            issuer=ROOT,
            signed_on=signed,
            known_on=max(known, signed),
            effects=effects,
            **kw,
        )
        decisions.append(d)
        return d

    def descendants(org: str) -> set[str]:
        out = {org}
        changed = True
        while changed:
            changed = False
            for k, p in alive.items():
                if p in out and k not in out:
                    out.add(k)
                    changed = True
        return out

    def claim(org: str, attr: str, on: dt.date | None = None) -> bool:
        key = (on or day, org, attr)
        if key in claimed:
            return False
        claimed.add(key)
        return True

    def leaves() -> list[str]:
        parents = set(alive.values())
        return sorted(k for k in alive if kinds[k] == "Unit" and k not in parents)

    steps = draw(st.integers(1, max_steps))
    for _ in range(steps):
        day = day + dt.timedelta(days=draw(st.integers(0, 30)))
        units = [k for k in alive if kinds[k] == "Unit"]
        movable = [k for k in alive if k != ROOT]
        step = draw(st.sampled_from(_STEPS))
        if step == "establish":
            parent = draw(st.sampled_from(sorted(alive)))
            uid = f"p/u{serial + 1}"
            if not claim(uid, "existence"):
                continue
            unit = Unit(id=uid, name=f"Phòng {serial + 1}", parent=parent, kind="division")
            new_decision(day, [Establish(org=unit)])
            alive[uid], kinds[uid] = parent, "Unit"
            no_mandate.add(uid)
        elif step == "rename" and movable:
            org = draw(st.sampled_from(sorted(movable)))
            if claim(org, "name"):
                new_decision(day, [Rename(org_id=org, name=f"Tên mới {serial + 1}")])
        elif step == "move" and units:
            org = draw(st.sampled_from(sorted(units)))
            targets = sorted(set(alive) - descendants(org) - {alive[org] or ""})
            if targets and claim(org, "parent"):
                parent = draw(st.sampled_from(targets))
                new_decision(day, [Move(org_id=org, parent=parent)])
                alive[org] = parent
        elif step == "dissolve":
            if leaves():
                org = draw(st.sampled_from(leaves()))
                if claim(org, "existence"):
                    new_decision(day, [Dissolve(org_id=org)])
                    del alive[org]
        elif step == "merge":
            if leaves():
                src = draw(st.sampled_from(leaves()))
                into = draw(st.sampled_from(sorted(set(alive) - {src})))
                if claim(src, "existence"):
                    new_decision(day, [Merge(sources=(src,), into=into)])
                    del alive[src]
                    no_mandate.discard(into)
        elif step == "split":
            # a unit that never had a mandate splits into one or two new units: the parts take
            # nothing (there is nothing to take), and the source may live on
            candidates = [u for u in leaves() if u in no_mandate]
            if candidates:
                src = draw(st.sampled_from(candidates))
                dissolve = draw(st.booleans())
                part_ids = [f"p/u{serial + 1}-{k}" for k in range(draw(st.integers(1, 2)))]
                if dissolve and not claim(src, "existence"):
                    continue
                if not all([claim(p, "existence") for p in part_ids]):  # noqa: C419 - claim all
                    continue
                above = alive[src]
                parts = [
                    SplitPart(
                        org_id=p,
                        mandate=Mandate(),
                        establish=Unit(id=p, name=f"Phòng {p}", parent=above, kind="division"),
                    )
                    for p in part_ids
                ]
                new_decision(day, [Split(source=src, parts=parts, dissolve_source=dissolve)])
                for p in part_ids:
                    alive[p], kinds[p] = above, "Unit"
                    no_mandate.add(p)
                if dissolve:
                    del alive[src]
        elif step in ("set_mandate", "future", "retro"):
            org = draw(st.sampled_from(sorted(alive))) if step == "set_mandate" else ROOT
            m = draw(_small_mandates())
            kw: dict[str, Any]
            if step == "future":
                eff = day + dt.timedelta(days=draw(st.integers(1, 60)))
                kw = {"effective_on": eff}
                if draw(st.booleans()):
                    kw["expires_on"] = eff + dt.timedelta(days=draw(st.integers(1, 60)))
                signed = day
            elif step == "retro":
                signed = day + dt.timedelta(days=draw(st.integers(1, 20)))
                kw = {"effective_on": day, "retroactive": True}
            else:
                signed, kw = day, {}
            eff_day = kw.get("effective_on", signed)
            if not claim(org, "mandate", eff_day):
                continue
            sup: tuple[Any, ...] = ()
            older = [d for d in standing if d.signed_on is not None and d.signed_on <= signed]
            if len(older) > 0 and draw(st.booleans()):
                sup = (draw(st.sampled_from(older)).ref,)
            d = new_decision(signed, [SetMandate(org_id=org, mandate=m)], supersedes=sup, **kw)
            standing.append(d)
            no_mandate.discard(org)
        elif step == "amend":
            org = draw(st.sampled_from(sorted(alive)))
            add = draw(_small_mandates())
            d = new_decision(day, [AmendMandate(org_id=org, add=add)])
            standing.append(d)
            no_mandate.discard(org)
        elif step == "composition":
            posts = draw(
                st.lists(st.sampled_from(sorted(alive)), min_size=1, max_size=3, unique=True)
            )
            roles = [Role.HEAD, Role.STANDING_DEPUTY, Role.DEPUTY, Role.MEMBER]
            members = [
                Membership(roles[min(i, 3)], PostRef(p, "Giám đốc")) for i, p in enumerate(posts)
            ]
            if "p/bcd" in alive and claim("p/bcd", "composition"):
                d = new_decision(day, [SetComposition(org_id="p/bcd", members=members)])
                standing.append(d)
        elif step == "transfer":
            sources_ = sorted((no_mandate & set(alive)) - {ROOT})
            if sources_:
                src = draw(st.sampled_from(sources_))
                dst = draw(st.sampled_from(sorted(set(alive) - {src})))
                m = Mandate(functions=[f"chức năng {serial + 1}"])
                new_decision(day, [TransferFunctions(from_org=src, to_org=dst, mandate=m)])
                no_mandate.discard(dst)
        elif step == "ghost":
            # signed today, effective later, superseded today by a decision in force today
            eff = day + dt.timedelta(days=draw(st.integers(1, 30)))
            ghost = new_decision(
                day, [Rename(org_id=ROOT, name=f"{GHOST} {serial + 1}")], effective_on=eff
            )
            killer = new_decision(day, [], supersedes=(ghost.ref,))
            ghosts.append(ghost)
            if draw(st.booleans()):  # repealing the killer later must not revive the ghost
                later = day + dt.timedelta(days=draw(st.integers(1, 10)))
                new_decision(later, [], repeals=(killer.ref,))
        elif step == "appoint":
            # often in a unit without units under it: those are the ones merged away
            bodies = leaves()
            if not (draw(st.booleans()) and bodies):
                bodies = sorted(alive)
            post = PostRef(draw(st.sampled_from(bodies)), draw(st.sampled_from(_TITLES)))
            person = draw(persons())
            busy = any(a[0] == post and a[1] == person.id and (a[3] is None or day < a[3])
                       for a in held)
            if not busy and claim(f"{post}|{person.id}", "holder"):
                term = draw(st.none() | st.sampled_from(("5 năm", "2 năm", "1 tháng")))
                new_decision(day, [Appoint(person=person, post=post, term=term)])
                held.append([post, person.id, day, term_end(day, term)])
        elif step == "end_appointment":
            # an appointment holding today (its body may have been merged away since)
            open_ = [a for a in held if a[2] < day and (a[3] is None or day < a[3])]
            if open_:
                a = draw(st.sampled_from(open_))
                if claim(f"{a[0]}|{a[1]}", "holder"):
                    reason = draw(st.sampled_from(("", "nghỉ hưu", "điều động")))
                    new_decision(day, [EndAppointment(person_id=a[1], post=a[0], reason=reason)])
                    a[3] = day
        elif step == "repeal" and standing:
            target = draw(st.sampled_from(standing))
            assert target.signed_on is not None
            new_decision(max(day, target.signed_on), [], repeals=(target.ref,))
    days = sorted(
        {BASE - dt.timedelta(days=1), day + dt.timedelta(days=400)}
        | {d.effective_on for d in decisions}
        | {d.effective_on - dt.timedelta(days=1) for d in decisions}
        | {e for d in decisions if (e := d.expires_on) is not None}
    )
    return Scenario(initial, decisions, ghosts, days)


def scenarios(max_steps: int = 10) -> SearchStrategy[Scenario]:
    """Valid timelines with what the generator knows about them (see :class:`Scenario`).

    Every effect refers only to organisations alive on its date, and no two decisions set
    one attribute of one organisation on one day. Every effect class is used:
    establishments, renames, moves, dissolutions, merges, splits, transfers of functions,
    mandates set and amended, committee compositions, supersessions and repeals,
    future-dated, expiring and retroactive decisions, ghosts, and appointments to posts
    (with or without a term) and their early ends, also after the post's body is merged.

    Args:
        max_steps: the most simulated steps (some steps add two or three decisions).

    Raises:
        StrategyArgumentError: *max_steps* is not an integer of at least 1.
    """
    return _scenarios(check_int("scenarios", "max_steps", max_steps, minimum=1))


def timelines(max_steps: int = 10) -> SearchStrategy[Timeline]:
    """Valid :class:`~govmodel.timeline.Timeline` objects: :func:`scenarios`, built.

    Raises:
        StrategyArgumentError: *max_steps* is not an integer of at least 1.
    """
    return scenarios(check_int("timelines", "max_steps", max_steps, minimum=1)).map(
        Scenario.timeline
    )


@st.composite
def _loose_datasets(draw: st.DrawFn) -> Dataset:
    return Dataset(
        name=draw(texts()),
        title=draw(texts()),
        description=draw(st.just("") | texts()),
        sources=draw(st.lists(sources(), max_size=2)),
        notes=draw(st.lists(texts(), max_size=2)),
        organisations=draw(st.lists(organisations(), max_size=3)),
        decisions=draw(st.lists(any_decisions(), max_size=3)),
        observations=draw(st.lists(observations(), max_size=2)),
    )


def loose_datasets() -> SearchStrategy[Dataset]:
    """Datasets of arbitrary values: fine for the converter, not checked by the engine."""
    return _loose_datasets()


@st.composite
def _datasets(draw: st.DrawFn, max_steps: int) -> Dataset:
    scenario = draw(_scenarios(max_steps))
    known = sorted({o.id for o in scenario.initial})
    return Dataset(
        name=draw(texts()),
        title=draw(texts()),
        description=draw(st.just("") | texts()),
        sources=draw(st.lists(sources(), max_size=2)),
        notes=draw(st.lists(texts(), max_size=2)),
        organisations=scenario.initial,
        decisions=[
            attrs.evolve(d, sources=draw(st.lists(sources(), max_size=1)))
            for d in scenario.decisions
        ],
        observations=draw(st.lists(observations(st.sampled_from(known)), max_size=3)),
    )


def datasets(max_steps: int = 8) -> SearchStrategy[Dataset]:
    """Valid, checked datasets: a simulated scenario plus provenance and observations.

    Each one loads without a problem: ``loads(dumps(x)) == x``.

    Args:
        max_steps: the most simulated steps of the underlying :func:`scenarios`.

    Raises:
        StrategyArgumentError: *max_steps* is not an integer of at least 1.
    """
    return _datasets(check_int("datasets", "max_steps", max_steps, minimum=1))
