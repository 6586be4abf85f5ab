"""A state machine against the reference replay: decisions added in random order (older ones
later, i.e. retroactively, and some that must fail), questions asked at random dates.

Each run draws a valid scenario (govmodel.testing.scenarios) and adds its decisions one by
one in random order with ``with_decision``. A decision that cannot join yet (it rests on one
not added, or would orphan a unit the other would move) must fail with a DecisionError and
leave the timeline unchanged; so must deliberately bad decisions. After each step every
answer of ``as_of`` (also as known on a date), ``history`` and ``diff`` is compared with the
naive replay of ``tests/reference.py`` over the decisions added so far, and the invariants
hold: no two versions of one organisation overlap, every live unit's parent is alive, and a
post sitting on a committee belongs to a live organisation (or to its successor after a
merge, or its seat is marked vacant).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import govmodel as gm
import govmodel.testing as gt
from reference import engine_state, replay

_COMPARED = ("name", "short_names", "parent", "kind", "level")


def _bad_decisions(tl: gm.Timeline, day: dt.date) -> list[gm.Decision]:
    """Decisions that must fail on any scenario's timeline, each for another reason."""
    root = gm.testing.ROOT
    first = tl.decisions[0] if tl.decisions else None
    bad = [
        gm.Decision(number="9001/QĐ-UBND", issuer=root, signed_on=day,
                    effects=[gm.Rename(org_id="p/khong-co", name="Không có")]),
        gm.Decision(number="9002/QĐ-UBND", issuer=root, signed_on=day,
                    effects=[gm.Establish(org=gm.Agency(id=root, name="Lại", kind="other",
                                                       level="province"))]),
        gm.Decision(number="9003/QĐ-UBND", issuer=root, signed_on=day,
                    repeals=[gm.DecisionRef(root, "1/QĐ-UBND", 1999)]),
        gm.Decision(number="9004/QĐ-UBND", issuer=root, signed_on=day,
                    effects=[gm.Move(org_id=root, parent="p/so-a")]),
    ]  # fmt: skip
    if first is not None:  # same identity, different content
        bad.append(first.evolve(title="Một quyết định khác cùng số"))
    return bad


class TimelineMachine(RuleBasedStateMachine):
    """Adds a scenario's decisions in random order and checks every answer."""

    def __init__(self) -> None:
        super().__init__()
        self.initial: tuple[Any, ...] = ()
        self.pending: list[gm.Decision] = []
        self.added: list[gm.Decision] = []
        self.dates: tuple[dt.date, ...] = ()
        self.tl = gm.Timeline.from_decisions([])

    @initialize(s=gt.scenarios(max_steps=10))
    def start(self, s: gt.Scenario) -> None:
        self.initial = s.initial
        self.pending = list(s.decisions)
        self.dates = s.dates
        self.tl = gm.Timeline.from_decisions([], initial=s.initial)

    # ------------------------------------------------------------------ helpers
    def _state(self, day: dt.date) -> dict[str, tuple[Any, ...]]:
        return replay(self.added, list(self.initial), day)

    def _assert_unchanged(self, before: gm.Timeline, answers: list[Any]) -> None:
        assert self.tl == before
        assert [engine_state(self.tl.as_of(d)) for d in self.dates[:4]] == answers

    def _try(self, d: gm.Decision) -> bool:
        """Add *d*; on failure check it was a DecisionError and nothing changed."""
        before = self.tl
        answers = [engine_state(before.as_of(day)) for day in self.dates[:4]]
        try:
            self.tl = self.tl.with_decision(d)
        except gm.DecisionError:
            self._assert_unchanged(before, answers)
            return False
        return True

    # ------------------------------------------------------------------ rules
    @precondition(lambda self: self.pending)
    @rule(data=st.data())
    def add_decision(self, data: st.DataObject) -> None:
        """Add a pending decision, chosen at random: often older than some already added."""
        d = data.draw(st.sampled_from(self.pending))
        if self._try(d):
            self.pending.remove(d)
            self.added.append(d)
            assert self.tl == gm.Timeline.from_decisions(self.added, initial=self.initial)

    @precondition(lambda self: self.dates)
    @rule(data=st.data())
    def add_bad_decision(self, data: st.DataObject) -> None:
        """A decision that cannot join fails with a typed error and changes nothing."""
        day = data.draw(st.sampled_from(self.dates))
        d = data.draw(st.sampled_from(_bad_decisions(self.tl, day)))
        assert not self._try(d)

    @precondition(lambda self: self.dates)
    @rule(data=st.data())
    def ask_as_of(self, data: st.DataObject) -> None:
        """as_of(D) equals the reference replay of the decisions added so far."""
        day = data.draw(st.sampled_from(self.dates))
        assert engine_state(self.tl.as_of(day)) == self._state(day)

    @precondition(lambda self: self.dates)
    @rule(data=st.data())
    def ask_as_known_on(self, data: st.DataObject) -> None:
        """as_of(D, known_on=K) equals the replay of the decisions known on K (law 7), unless
        the view had to skip an effect resting on a decision published later."""
        day = data.draw(st.sampled_from(self.dates))
        known = data.draw(st.sampled_from(self.dates))
        got = engine_state(self.tl.as_of(day, known_on=known))
        if not self.tl.known_gaps(known):
            subset = [d for d in self.added if d.known_on <= known]
            assert got == replay(subset, list(self.initial), day)

    @precondition(lambda self: self.dates)
    @rule(data=st.data())
    def ask_history(self, data: st.DataObject) -> None:
        """history(id): each version's value is the reference value on its first and last
        day, and the versions cover exactly the days the reference has it alive."""
        ids = sorted({o.id for o in self.initial} | set(self.tl.organisation_ids()))
        org_id = data.draw(st.sampled_from(ids))
        versions = list(self.tl.history(org_id))
        for v in versions:
            first = v.valid_from if v.valid_from is not None else self.dates[0]
            last = v.valid_to - dt.timedelta(days=1) if v.valid_to is not None else self.dates[-1]
            for day in {first, last}:
                assert self._state(day)[org_id][0] == v.value
        for day in self.dates:
            alive = org_id in self._state(day)
            covered = any(
                (v.valid_from is None or v.valid_from <= day)
                and (v.valid_to is None or day < v.valid_to)
                for v in versions
            )
            assert alive == covered

    @precondition(lambda self: len(self.dates) > 1)
    @rule(data=st.data())
    def ask_diff(self, data: st.DataObject) -> None:
        """diff(D1, D2) lists exactly the differences of the reference states, each with a
        decision of the timeline (or none, for a first state)."""
        d1, d2 = data.draw(st.lists(st.sampled_from(self.dates), min_size=2, max_size=2))
        a, b = self._state(d1), self._state(d2)
        expected: set[tuple[str, str]] = set()
        for org_id in set(a) | set(b):
            if org_id not in a:
                expected.add((org_id, "established"))
            elif org_id not in b:
                expected.add((org_id, "ended"))  # dissolved, merged, absorbed or split
            else:
                (va, ma, ca), (vb, mb, cb) = a[org_id], b[org_id]
                expected |= {
                    (org_id, attr)
                    for attr in _COMPARED
                    if getattr(va, attr, None) != getattr(vb, attr, None)
                }
                if ma != mb:
                    expected.add((org_id, "mandate"))
                if ca != cb:
                    expected.add((org_id, "composition"))
        changes = list(self.tl.diff(d1, d2))
        ended = {"dissolved", "merged", "absorbed", "split"}
        assert {(c.org_id, "ended" if c.attribute in ended else c.attribute)
                for c in changes} == expected
        assert all(c.decision is None or c.decision in self.tl.decisions for c in changes)

    # ------------------------------------------------------------------ invariants
    @invariant()
    def versions_never_overlap(self) -> None:
        """The versions of one organisation are contiguous and never overlap."""
        for org_id in self.tl.organisation_ids():
            versions = list(self.tl.history(org_id))
            for v in versions:
                assert v.valid_from is None or v.valid_to is None or v.valid_from < v.valid_to
            for older, newer in itertools.pairwise(versions):
                assert older.valid_to is not None and newer.valid_from is not None
                assert older.valid_to == newer.valid_from

    @invariant()
    def parents_and_posts_are_alive(self) -> None:
        """On every known date: each live organisation's parent is alive, and each committee
        seat is held by a post of a live organisation (followed through merges), or vacant
        because that organisation ended."""
        for day in self.dates:
            snap = self.tl.as_of(day)
            for org in snap.organisations():
                assert org.parent is None or org.parent in snap
                if isinstance(org, gm.Committee):
                    for seat in snap.members(org.id):
                        assert (seat.post.org_id in snap) != seat.vacant

    @invariant()
    def posts_alive_when_their_composition_begins(self) -> None:
        """A composition's posts all belong to live organisations on the day it takes effect."""
        for d in self.added:
            for e in d.effects:
                if isinstance(e, gm.SetComposition) and self.tl.in_force(d, d.effect_date(e)):
                    snap = self.tl.as_of(d.effect_date(e))
                    assert all(m.post.org_id in snap for m in e.members)


TimelineMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_timeline_machine = TimelineMachine.TestCase


@pytest.mark.slow
def test_timeline_machine_long() -> None:
    """The same machine, longer runs (on demand: -m slow)."""
    from hypothesis.stateful import run_state_machine_as_test  # noqa: PLC0415

    run_state_machine_as_test(
        TimelineMachine,
        settings=settings(
            max_examples=300,
            stateful_step_count=60,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
