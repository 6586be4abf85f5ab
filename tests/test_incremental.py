"""Incremental building: ``with_decision`` equals ``from_decisions`` on the union (law 1).

``Timeline.with_decision`` replays only the days from the new decision's first effect (or the
first day it changes another decision's end) and shares everything else with the old
timeline. These tests hold it to the full build: same decisions, same answers on every date,
and the same index inside, so that later incremental steps start from a true state. A failed
``with_decision`` raises what a full build raises and leaves the old timeline as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import attrs
import pytest
from benchmarks.run import new_rename
from benchmarks.synthetic import END, generate
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel._engine import extend, selective
from govmodel._engine.fold import mandate_minus, mandate_plus
from govmodel._engine.values import evolve_org
from reference import engine_state
from strategies import ROOT, any_mandates, scenarios

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fold_all(tl: gm.Timeline) -> None:
    """Ask for every mandate and composition, so that their segments are folded (an
    incremental step inherits folded segments: this makes the tests exercise that)."""
    for org_id in tl.organisation_ids():
        tl.mandate_history(org_id)
        for v in tl.history(org_id):
            if isinstance(v.value, gm.Committee):
                tl.as_of(v.valid_from or dt.date(1900, 1, 1)).memberships(org_id)


def public_state(tl: gm.Timeline, dates: list[dt.date]) -> list[object]:
    """Every public answer of *tl* on *dates*: for comparing a timeline with itself later."""
    out: list[object] = [tl.decisions, tl.organisation_ids()]
    for day in dates:
        out.append(engine_state(tl.as_of(day)))
        out.append(tl.diff(dates[0], day))
    for org_id in tl.organisation_ids():
        out.append(tl.history(org_id))
        out.append(tl.mandate_history(org_id))
    return out


def assert_same(a: gm.Timeline, b: gm.Timeline, dates: list[dt.date]) -> None:
    """*a* and *b* hold the same decisions, answer alike on *dates* and index alike."""
    assert a == b
    for day in dates:
        assert engine_state(a.as_of(day)) == engine_state(b.as_of(day))
        assert a.decisions_in_force(day) == b.decisions_in_force(day)
        assert a.diff(dates[0], day) == b.diff(dates[0], day)
    for org_id in b.organisation_ids():
        assert a.history(org_id) == b.history(org_id)
        assert a.mandate_history(org_id) == b.mandate_history(org_id)
    for org_id in b.organisation_ids():
        for day in dates:
            if org_id in b.as_of(day):
                assert a.as_of(day).children(org_id) == b.as_of(day).children(org_id)
                assert a.provenance(org_id, day) == b.provenance(org_id, day)
        assert _successor(a, org_id) == _successor(b, org_id)
    a._index._check()
    b._index._check()


def _successor(tl: gm.Timeline, org_id: str) -> object:
    try:
        return tl.successor_chain(org_id)
    except gm.GovModelError as exc:
        return type(exc)


def _without_one(s: Any, rnd: random.Random) -> tuple[gm.Timeline, gm.Decision] | None:
    """A timeline of all but one of the scenario's decisions, and the one left out."""
    order = list(range(len(s.decisions)))
    rnd.shuffle(order)
    for k in order:
        rest = s.decisions[:k] + s.decisions[k + 1 :]
        try:
            return gm.Timeline.from_decisions(rest, initial=s.initial), s.decisions[k]
        except gm.DecisionError:
            continue  # another decision rests on this one
    return None


class _Paths:
    """Which way each :func:`extend` replayed: only what the change reaches, or (``every``
    forces it) every day from the first that can differ."""

    def __init__(self, every: bool = False) -> None:
        self.every = every
        self.selective = self.fallback = 0
        self._replay = selective.Selective.replay

    def __enter__(self) -> _Paths:
        paths = self

        def replay(r: selective.Selective, start: int) -> None:
            if paths.every:
                paths.fallback += 1
                raise selective.Unsure
            try:
                paths._replay(r, start)
            except selective.Unsure:
                paths.fallback += 1
                raise
            paths.selective += 1

        selective.Selective.replay = replay  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        selective.Selective.replay = self._replay  # type: ignore[method-assign]


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False), st.booleans())
def test_with_decision_equals_full_build(s, rnd, every_day):
    """Law 1: adding one decision (late, early or retroactive, ending others or not) to a
    built timeline gives the timeline built with it from the start, inside and out — by the
    selective replay (only what the change reaches) and by the replay of every day."""
    picked = _without_one(s, rnd)
    assume(picked is not None)
    assert picked is not None
    before, d = picked
    fold_all(before)  # fold every segment first: the new index inherits them
    full = s.timeline()
    with _Paths(every=every_day) as paths:
        after = before.with_decision(d)
    event("every day" if paths.fallback else "selective" if paths.selective else "no replay")
    assert_same(after, full, s.dates)


def _fresh(s: Any, rnd: random.Random, k: int) -> gm.Decision | None:
    """A new decision on a random day, naming a body alive then: a rename, a new unit, a
    mandate (all replayed selectively) or a move or a dissolution (the every-day path)."""
    tl = s.timeline()
    day = rnd.choice(s.dates)
    alive = sorted(o.id for o in tl.as_of(day).organisations())
    if not alive:
        return None
    org = rnd.choice(alive)
    kind = rnd.randrange(5)
    if kind == 0:
        effects: list[gm.Effect] = [gm.Rename(org_id=org, name=f"Tên mới {k}")]
    elif kind == 1:
        effects = [gm.Establish(org=gm.Unit(id=f"{org}/moi-{k}", name=f"Phòng mới {k}",
                                            parent=org, kind="division"))]
    elif kind == 2:
        effects = [gm.SetMandate(org_id=org, mandate=gm.Mandate(functions=[f"việc {k}"]))]
    elif kind == 3:
        others = [x for x in alive if x != org]
        effects = [gm.Move(org_id=org, parent=rnd.choice(others) if others else None)]
    else:
        effects = [gm.Dissolve(org_id=org)]
    return gm.Decision(number=f"{9000 + k}/QĐ-UBND", issuer=ROOT, signed_on=day,
                       effects=effects)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False), st.integers(0, 99))
def test_a_fresh_decision_equals_full_build(s, rnd, k):
    """Law 1 on decisions the scenario never had, on any day: the new timeline equals the
    full build, or both raise the same error (and the old timeline is unchanged)."""
    d = _fresh(s, rnd, k)
    assume(d is not None)
    assert d is not None
    before = s.timeline()
    fold_all(before)
    failure: gm.DecisionError | None = None
    try:
        full = gm.Timeline.from_decisions([*s.decisions, d], initial=s.initial)
    except gm.DecisionError as err:
        failure = err
    if failure is not None:
        with pytest.raises(gm.DecisionError) as inc_err:
            before.with_decision(d)
        assert (type(inc_err.value), str(inc_err.value)) == (type(failure), str(failure))
        event("both fail")
        before._index._check()
        return
    with _Paths() as paths:
        after = before.with_decision(d)
    event("selective" if paths.selective else "every day" if paths.fallback else "no replay")
    assert_same(after, full, s.dates)
    assert_same(before, s.timeline(), s.dates)


def test_the_selective_replay_serves_most_additions():
    """The selective replay is the path taken, not a fallback that always fires: on
    generated country-like data, adding a late, a middle and an early rename replays only
    what it reaches, and the result equals the full build."""
    data = generate(2000, seed=3)
    tl = data.timeline()
    days = [dt.date(2006, 6, 1), dt.date(2016, 6, 1), dt.date(2025, 6, 30), END]
    for when in (END + dt.timedelta(days=1), dt.date(2016, 2, 1), dt.date(2007, 1, 10)):
        d = new_rename(tl, when)
        with _Paths() as paths:
            after = tl.with_decision(d)
        assert (paths.selective, paths.fallback) == (1, 0), when
        full = gm.Timeline.from_decisions([*data.decisions, d], initial=data.initial)
        assert_same(after, full, days)
        assert after.as_of(when)[d.effects[0].org_id].name == d.effects[0].name


def test_the_selective_replay_gives_way_when_unsure():
    """A move whose outcome depends on a body the change does not reach but that changes on
    the same day, and an addition that fails, go to the replay of every day: the same
    timeline, the same error as a full build."""
    ubnd = gm.Agency(id="x/ubnd", name="UBND X", kind="peoples_committee", level="province")
    a = gm.Agency(id="x/a", name="Sở A", parent="x/ubnd", kind="department", level="province")
    c = gm.Agency(id="x/c", name="Sở C", parent="x/ubnd", kind="department", level="province")
    b = gm.Unit(id="x/b", name="Phòng B", parent="x/c", kind="division")
    u = gm.Unit(id="x/u", name="Tổ U", parent="x/a", kind="division")
    day = dt.date(2020, 3, 1)
    # on one day: c moves under a (not reached), u moves under b, which is under c (reached
    # by the new rename): whether u's move makes a cycle depends on c's move that day
    moves = gm.Decision(
        number="1/QĐ-UBND", issuer="x/ubnd", signed_on=day,
        effects=[gm.Move(org_id="x/c", parent="x/a")],
    )
    moves_u = gm.Decision(
        number="2/QĐ-UBND", issuer="x/ubnd", signed_on=day,
        effects=[gm.Move(org_id="x/u", parent="x/b")],
    )
    initial = [ubnd, a, c, b, u]
    before = gm.Timeline.from_decisions([moves, moves_u], initial=initial)
    rename = gm.Decision(
        number="3/QĐ-UBND", issuer="x/ubnd", signed_on="2020-01-01",
        effects=[gm.Rename(org_id="x/u", name="Phòng U mới")],
    )

    def by_every_day(d: gm.Decision, days: list[dt.date]) -> gm.Timeline:
        with _Paths() as paths:
            after = before.with_decision(d)
        assert (paths.selective, paths.fallback) == (0, 1)
        assert_same(after, gm.Timeline.from_decisions([moves, moves_u, d], initial=initial), days)
        return after

    after = by_every_day(rename, [dt.date(2020, 1, 1), day])
    snap = after.as_of(day)
    assert [snap[x].parent for x in ("x/u", "x/b", "x/c")] == ["x/b", "x/c", "x/a"]
    cycle = gm.Decision(
        number="4/QĐ-UBND", issuer="x/ubnd", signed_on="2020-02-01",
        effects=[gm.Move(org_id="x/a", parent="x/u")],  # u is under a: a cycle
    )
    with pytest.raises(gm.HierarchyCycleError) as full_err:
        gm.Timeline.from_decisions([moves, moves_u, cycle], initial=initial)
    with _Paths() as paths, pytest.raises(gm.HierarchyCycleError) as inc_err:
        before.with_decision(cycle)
    assert paths.fallback == 1
    assert str(inc_err.value) == str(full_err.value)
    # moving an existing body changes the tree every later effect reads: the every-day path
    move_b = gm.Decision(
        number="5/QĐ-UBND", issuer="x/ubnd", signed_on="2020-01-15",
        effects=[gm.Move(org_id="x/b", parent="x/a")],
    )
    by_every_day(move_b, [dt.date(2020, 1, 15), day])


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_one_by_one_equals_full_build(s, rnd):
    """Law 1: inserting every decision one at a time, in any order that the data allow,
    ends in the index a single build makes."""
    pending = list(s.decisions)
    rnd.shuffle(pending)
    tl = gm.Timeline.from_decisions([], initial=s.initial)
    stalls = 0
    while pending and stalls <= len(pending):
        d = pending.pop(0)
        try:
            tl = tl.with_decision(d)
            if rnd.random() < 0.5:
                fold_all(tl)  # fold the segments: the next step inherits them
            stalls = 0
        except gm.DecisionError:
            pending.append(d)
            stalls += 1
    if pending:
        # no one of the rest can be added alone (e.g. "establish u3 under u2" and "dissolve
        # u3" only together): add them as one batch
        tl = tl.with_decisions(pending)
    assert_same(tl, s.timeline(), s.dates)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_old_timeline_unchanged_by_with_decision(s, rnd):
    """Law 8: the timeline a decision was added to keeps its every answer and its index."""
    picked = _without_one(s, rnd)
    assume(picked is not None)
    assert picked is not None
    before, d = picked
    copy = gm.Timeline.from_decisions(before.decisions, initial=s.initial)
    fold_all(before)
    seen = public_state(before, s.dates)
    before.with_decision(d)
    assert public_state(before, s.dates) == seen
    before._index._check()
    assert_same(before, copy, s.dates)


def _faulty(s: Any, rnd: random.Random) -> gm.Decision:
    """A decision that cannot be added: it names a dissolved, unknown or later body."""
    day = rnd.choice(s.dates)
    kind = rnd.randrange(3)
    if kind == 0:
        effects = [gm.Rename(org_id="p/khong-co", name="Không có")]
    elif kind == 1:
        effects = [gm.Move(org_id=ROOT, parent="p/so-a")]  # p/so-a is under ROOT: a cycle
    else:
        effects = [gm.Establish(org=gm.Unit(id="p/so-a", name="Trùng", kind="division"))]
    return gm.Decision(number="9999/QĐ-UBND", issuer=ROOT, signed_on=day, effects=effects)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_failed_with_decision_is_atomic(s, rnd):
    """Law 6: a failing with_decision raises the error a full build of the union raises,
    and the timeline stays equal, usable and indexed as before."""
    tl = s.timeline()
    seen = public_state(tl, s.dates)
    bad = _faulty(s, rnd)
    with pytest.raises(gm.DecisionError) as full_err:
        gm.Timeline.from_decisions([*s.decisions, bad], initial=s.initial)
    with pytest.raises(gm.DecisionError) as inc_err:
        tl.with_decision(bad)
    assert type(inc_err.value) is type(full_err.value)
    assert str(inc_err.value) == str(full_err.value)
    assert public_state(tl, s.dates) == seen
    tl._index._check()
    assert_same(tl, s.timeline(), s.dates)


@SETTINGS
@given(scenarios())
def test_adding_a_held_decision_changes_nothing(s):
    """Law 1: a decision the timeline already holds collapses; a different decision with
    the same identity is a DuplicateDecisionError."""
    tl = s.timeline()
    assume(s.decisions)
    d = s.decisions[-1]
    assert tl.with_decision(d) == tl
    other = d.evolve(title="Một trích yếu khác")
    with pytest.raises(gm.DuplicateDecisionError):
        tl.with_decision(other)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False), st.integers(2, 5))
def test_with_decisions_batch_equals_full_build(s, rnd, k):
    """Law 1: adding a few decisions at once equals building with them from the start."""
    assume(len(s.decisions) >= k)
    before = None
    for _ in range(12):  # a set of k whose removal leaves a valid timeline (most do)
        chosen = set(rnd.sample(range(len(s.decisions)), k))
        rest = [d for i, d in enumerate(s.decisions) if i not in chosen]
        try:
            before = gm.Timeline.from_decisions(rest, initial=s.initial)
            break
        except gm.DecisionError:
            continue
    assume(before is not None)
    assert before is not None
    added = [s.decisions[i] for i in sorted(chosen)]
    rnd.shuffle(added)
    assert_same(before.with_decisions(added), s.timeline(), s.dates)


def test_superseding_a_future_merge_before_it_happens():
    """Laws 1 and 3: a decision that supersedes a future-dated merge (and split) before they
    take effect undoes them; added incrementally it gives the full build's timeline, with no
    trace of the successions that never happened."""
    root = gm.Agency(id="x/ubnd", name="UBND X", kind="peoples_committee", level="province")
    so = gm.Agency(id="x/so", name="Sở X", parent="x/ubnd", kind="department", level="province")
    units = [gm.Unit(id=f"x/u{k}", name=f"Phòng {k}", parent="x/so", kind="division")
             for k in range(1, 4)]
    signed = dt.date(2021, 1, 1)
    future = gm.Decision(
        number="1/QĐ-UBND", issuer="x/ubnd", signed_on=signed, effective_on="2021-06-01",
        effects=[
            gm.Merge(sources=("x/u1",), into="x/u2"),
            gm.Split(source="x/u3", parts=[gm.SplitPart(
                org_id="x/u4", mandate=gm.Mandate(functions=["a"]),
                establish=gm.Unit(id="x/u4", name="Phòng 4", parent="x/so", kind="division"),
            )]),
            gm.SetMandate(org_id="x/so", mandate=gm.Mandate(functions=["b"])),
        ],
    )
    mandate = gm.Decision(
        number="2/QĐ-UBND", issuer="x/ubnd", signed_on="2021-07-01",
        effects=[gm.AmendMandate(org_id="x/so", add=gm.Mandate(functions=["c"]))],
    )
    killer = gm.Decision(
        number="3/QĐ-UBND", issuer="x/ubnd", signed_on="2021-03-01", supersedes=[future.ref]
    )
    initial = [root, so, *units]
    before = gm.Timeline.from_decisions([future, mandate], initial=initial)
    fold_all(before)
    assert before.successor("x/u1").id == "x/u2"
    after = before.with_decision(killer)
    full = gm.Timeline.from_decisions([future, mandate, killer], initial=initial)
    days = [dt.date(2020, 12, 31), dt.date(2021, 6, 1), dt.date(2021, 7, 1), dt.date(2022, 1, 1)]
    assert_same(after, full, days)
    assert after.as_of("2022-01-01")["x/u1"].name == "Phòng 1"
    assert after.as_of("2022-01-01").mandate("x/so") == gm.Mandate(functions=["c"])
    with pytest.raises(gm.OrganisationNotFoundError):
        after.history("x/u4")


def test_many_decisions_at_once_fall_back_to_a_full_build():
    """extend() declines (returns None) when a full build is as quick; the timeline still
    adds them, by building from the start."""
    root = gm.Agency(id="x/ubnd", name="UBND X", kind="peoples_committee", level="province")
    base = gm.Timeline.from_decisions([], initial=[root])
    many = [
        gm.Decision(
            number=f"{k}/QĐ-UBND", issuer="x/ubnd", signed_on=dt.date(2020, 1, 1) + dt.timedelta(k),
            effects=[gm.Rename(org_id="x/ubnd", name=f"UBND X {k}")],
        )
        for k in range(1, 100)
    ]
    assert extend(base._index, many) is None
    tl = base.with_decisions(many)
    assert tl == gm.Timeline.from_decisions(many, initial=[root])
    assert tl.as_of("2021-01-01")["x/ubnd"].name == "UBND X 99"


# --------------------------------------------------------------------------- fast values
@settings(max_examples=300, deadline=None)
@given(any_mandates(), any_mandates())
def test_fast_mandate_operations_equal_the_public_ones(a, b):
    """The replay's converter-free mandate_plus / mandate_minus equal Mandate.plus / minus."""
    assert mandate_plus(a, b) == a.plus(b)
    assert mandate_minus(a, b) == a.minus(b)
    assert mandate_plus(mandate_minus(a, b), b) == a.minus(b).plus(b)


_ORGS = [
    gm.Unit(id="x/u", name="Phòng 1", short_names=["P1"], parent="x/so", kind="division"),
    gm.Agency(id="x/so", name="Sở X", parent="x/ubnd", kind="department", level="province"),
    gm.Committee(id="x/bcd", name="Ban Chỉ đạo X", parent="x/ubnd"),
]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(_ORGS),
    st.sampled_from(["Phòng Hạ tầng số", "Trung tâm Công nghệ số"]),
    st.booleans(),
    st.sampled_from([None, "x/khac"]),
)
def test_fast_evolve_equals_attrs_evolve(org, name, with_short, parent):
    """Renames and moves built without converters equal attrs.evolve's values, for every
    organisation class."""
    short = ("PHTS",) if with_short else org.short_names
    assert evolve_org(org, name=name, short_names=short) == attrs.evolve(
        org, name=name, short_names=short
    )
    assert evolve_org(org, parent=parent) == attrs.evolve(org, parent=parent)


# ---------------------------------------------------------------- found by a review
def _same_as_full(before: gm.Timeline, rest: list[gm.Decision], d: gm.Decision,
                  initial: list[Any], days: list[dt.date]) -> None:
    """with_decision(d) equals the full build with *d*, or raises the same error."""
    failure: gm.DecisionError | None = None
    try:
        full = gm.Timeline.from_decisions([*rest, d], initial=initial)
    except gm.DecisionError as err:
        failure = err
    if failure is not None:
        with pytest.raises(type(failure)) as inc:
            before.with_decision(d)
        assert str(inc.value) == str(failure)
        return
    assert_same(before.with_decision(d), full, days)


def test_a_day_is_ordered_whole_before_its_reached_effects_are_picked():
    """A composition naming a merged body (not reached) must come before the merge, which
    pulls the merge after a new mandate of its target: the reached effects keep that order
    (the target keeps the merged body's function)."""
    r = "t/ubnd"
    initial = [gm.Agency(id=r, name="UBND", kind="peoples_committee", level="province"),
               gm.Agency(id="t/s", name="Sở S", parent=r, kind="department", level="province"),
               gm.Agency(id="t/i", name="Sở I", parent=r, kind="department", level="province"),
               gm.Committee(id="t/k", name="Ban K", parent=r)]
    t = dt.date(2021, 1, 1)
    give = gm.Decision(number="1/QĐ-UBND", issuer=r, signed_on="2020-06-01", effects=[
        gm.SetMandate(org_id="t/s", mandate=gm.Mandate(functions=["f"]))])
    merge = gm.Decision(number="2/QĐ-UBND", issuer=r, signed_on="2020-12-01", effective_on=t,
                        effects=[gm.Merge(sources=["t/s"], into="t/i")])
    comp = gm.Decision(number="3/QĐ-UBND", issuer=r, signed_on="2020-12-03", effective_on=t,
                       effects=[gm.SetComposition(org_id="t/k", members=[
                           gm.Membership("head", gm.PostRef("t/s", "Giám đốc"))])])
    rest = [give, merge, comp]
    before = gm.Timeline.from_decisions(rest, initial=initial)
    for k, effect in enumerate([
        gm.SetMandate(org_id="t/i", mandate=gm.Mandate(functions=["g"])),
        gm.AmendMandate(org_id="t/i", remove=gm.Mandate(functions=["f"])),  # f not yet held
    ]):
        new = gm.Decision(number=f"{4 + k}/QĐ-UBND", issuer=r, signed_on="2020-12-02",
                          effective_on=t, effects=[effect])
        _same_as_full(before, rest, new, initial, [t])
    added = before.with_decision(gm.Decision(
        number="4/QĐ-UBND", issuer=r, signed_on="2020-12-02", effective_on=t,
        effects=[gm.SetMandate(org_id="t/i", mandate=gm.Mandate(functions=["g"]))]))
    assert added.as_of(t).mandate("t/i").functions == ("g", "f")


def test_a_unit_whose_type_changes_is_not_replayed_selectively():
    """Effects not replayed read a parent's type (a commune inside a district): a new
    decision that re-establishes the district as a commune, or that repeals the district's
    reclassification, must give the full build's error for the commune established later."""
    initial = [gm.AdminUnit(id="p", name="Tỉnh P", unit_type="tinh")]
    t = dt.date(2021, 1, 1)
    d1 = gm.Decision(number="1/NQ-UBTVQH", issuer="p", signed_on="2020-12-01", effective_on=t,
                     effects=[gm.Establish(org=gm.AdminUnit(id="h", name="Huyện H", parent="p",
                                                            unit_type="huyen"))])
    d3 = gm.Decision(number="3/NQ-UBTVQH", issuer="p", signed_on="2022-01-01",
                     effects=[gm.Establish(org=gm.AdminUnit(id="x", name="Xã X", parent="h",
                                                            unit_type="xa"))])
    before = gm.Timeline.from_decisions([d1, d3], initial=initial)
    new = gm.Decision(number="2/NQ-UBTVQH", issuer="p", signed_on="2020-12-15", effective_on=t,
                      supersedes=[d1.ref],
                      effects=[gm.Establish(org=gm.AdminUnit(id="h", name="Xã H", parent="p",
                                                             unit_type="xa"))])
    _same_as_full(before, [d1, d3], new, initial, [t])
    h = gm.AdminUnit(id="h", name="Xã H", parent="p", unit_type="xa")
    up = gm.Decision(number="4/NQ-UBTVQH", issuer="p", signed_on="2021-01-01",
                     effects=[gm.Reclassify(org_id="h", unit_type="huyen")])
    before = gm.Timeline.from_decisions([up, d3], initial=[*initial, h])
    undo = gm.Decision(number="5/NQ-UBTVQH", issuer="p", signed_on="2021-06-01",
                       repeals=[up.ref])
    _same_as_full(before, [up, d3], undo, [*initial, h], [t])


def test_a_move_reads_ancestors_as_they_stood_that_day():
    """The selective replay holds final values for bodies it does not reach: a move's
    ancestor walk reads them as of its day (here it used to loop for ever)."""
    r = "t/ubnd"

    def ag(i: str, p: str) -> gm.Agency:
        return gm.Agency(id=i, name=f"Cơ quan {i}", parent=p, kind="department",
                         level="province")

    initial = [gm.Agency(id=r, name="UBND", kind="peoples_committee", level="province"),
               ag("t/a", r), ag("t/b", "t/a"), ag("t/x", r)]
    rest = [gm.Decision(number="1/QĐ-UBND", issuer=r, signed_on="2022-01-01",
                        effects=[gm.Move(org_id="t/b", parent=r)]),
            gm.Decision(number="2/QĐ-UBND", issuer=r, signed_on="2023-01-01",
                        effects=[gm.Move(org_id="t/a", parent="t/b")])]
    before = gm.Timeline.from_decisions(rest, initial=initial)
    new = gm.Decision(number="3/QĐ-UBND", issuer=r, signed_on="2021-01-01",
                      effects=[gm.Move(org_id="t/x", parent="t/b")])
    with _Paths() as paths:
        _same_as_full(before, rest, new, initial,
                      [dt.date(2021, 6, 1), dt.date(2022, 6, 1), dt.date(2023, 6, 1)])
    assert paths.selective + paths.fallback == 1
