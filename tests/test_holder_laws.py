"""Post holders against the reference replay, on generated timelines (law 3 for
appointments, law 5 for their order, and offices carried through mergers).

Laws: every post's appointments (who, from when, until when) are what the naive reference
replay makes of the decisions; on every date the holders of each living post are the
reference's, holders of a post merged away carrying on in the post that follows it; the
answer does not depend on the order the decisions are given in; adding the decisions one
at a time gives the same holders as building them at once.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import pairwise

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govmodel as gm
import reference as ref
from govmodel.persons import term_end
from strategies import scenarios


def raw(tl: gm.Timeline) -> set[tuple[gm.PostRef, str, object, object]]:
    """Every appointment of the timeline: (post, person id, start, end)."""
    return {(h.post, h.person_id, h.start, h.end)
            for post in tl._index.holdings for h in tl.holders_history(post)}


@settings(max_examples=200, deadline=None)
@given(scenarios(max_steps=14))
def test_appointments_and_holders_are_the_reference_replays(s):
    made = ref.appointments(list(s.decisions))
    assume(made)
    tl = s.timeline()
    assert raw(tl) == set(made)
    for day in s.dates:
        snap = tl.as_of(day)
        want = ref.holders(list(s.decisions), list(s.initial), day)
        posts = {a[0] for a in made} | set(want)
        for post in posts:
            if post.org_id not in snap:
                continue  # a post of a body not alive: see the next test's mergers
            assert {h.person_id for h in snap.holders(post)} == want.get(post, set()), (
                day, post)


@settings(max_examples=150, deadline=None)
@given(scenarios(max_steps=14), st.integers(0, 2**32 - 1))
def test_holders_do_not_depend_on_the_order_decisions_are_given_in(s, seed):
    assume(ref.appointments(list(s.decisions)))
    shuffled = list(s.decisions)
    random.Random(seed).shuffle(shuffled)
    a = s.timeline()
    b = gm.Timeline.from_decisions(shuffled, initial=s.initial)
    assert raw(a) == raw(b)


@settings(max_examples=100, deadline=None)
@given(scenarios(max_steps=12))
def test_holders_added_one_decision_at_a_time_equal_a_build(s):
    assume(ref.appointments(list(s.decisions)))
    tl = gm.Timeline.from_decisions([], initial=s.initial)
    for d in s.decisions:
        tl = tl.with_decision(d)
    assert raw(tl) == raw(s.timeline())


@st.composite
def merged_posts(draw: st.DrawFn) -> tuple[list[gm.Decision], list, list]:
    """A post's holder whose body is then merged away, once or twice in a chain, with or
    without a term and an early end: (decisions, first states, dates to ask)."""
    ubnd = gm.Agency(id="p/ubnd", name="UBND tỉnh Thử", kind="peoples_committee",
                     level="province")
    so = gm.Agency(id="p/so", name="Sở Thử", parent="p/ubnd", kind="department",
                   level="province")
    units = [gm.Unit(id=f"p/u{k}", name=f"Phòng {k}", parent="p/so", kind="division")
             for k in range(3)]
    chain = ["p/u0", *draw(st.sampled_from([["p/u1"], ["p/so"], ["p/u1", "p/u2"],
                                            ["p/u1", "p/so"]]))]
    post = gm.PostRef("p/u0", draw(st.sampled_from(["Trưởng phòng", "Phó Trưởng phòng"])))
    person = gm.Person(id="nguoi/an", name="Nguyễn Văn An")
    day = dt.date(2021, 1, 1)
    term = draw(st.none() | st.sampled_from(["1 tháng", "2 năm"]))
    serial = iter(range(1, 10))

    def decision(on: dt.date, effect: gm.Effect) -> gm.Decision:
        return gm.Decision(number=f"{next(serial)}/QĐ-UBND", issuer="p/ubnd", signed_on=on,
                           effects=[effect])

    out = [decision(day, gm.Appoint(person=person, post=post, term=term))]
    asked = [day]
    on = day
    for src, into in pairwise(chain):
        on = on + dt.timedelta(days=draw(st.integers(1, 40)))
        out.append(decision(on, gm.Merge(sources=[src], into=into)))
        asked += [on - dt.timedelta(days=1), on]
    if draw(st.booleans()):
        stop = day + dt.timedelta(days=draw(st.integers(1, 120)))
        if term is None or stop < term_end(day, term):
            out.append(decision(stop, gm.EndAppointment(person_id=person.id, post=post)))
            asked += [stop - dt.timedelta(days=1), stop]
    asked.append(on + dt.timedelta(days=800))
    return out, [ubnd, so, *units], sorted(set(asked))


@settings(max_examples=150, deadline=None)
@given(merged_posts())
def test_a_holder_carries_on_in_the_post_that_follows_a_merger(case):
    """On every date asked, each living post's holders are the reference's: the holder of a
    post merged away (once or twice) holds the same title in the body it went into, until
    the term runs out or a decision ends the appointment."""
    decisions, initial, dates = case
    tl = gm.Timeline.from_decisions(decisions, initial=initial)
    followed = False
    for day in dates:
        snap = tl.as_of(day)
        want = ref.holders(decisions, initial, day)
        for org in ("p/u0", "p/u1", "p/u2", "p/so"):
            for title in ("Trưởng phòng", "Phó Trưởng phòng"):
                post = gm.PostRef(org, title)
                if org in snap:
                    got = {h.person_id for h in snap.holders(post)}
                    assert got == want.get(post, set()), (day, post)
                    followed |= org != "p/u0" and bool(got)
    moved = any(p.org_id != "p/u0" for d in dates for p in ref.holders(decisions, initial, d))
    assert followed == moved
