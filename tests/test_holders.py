"""Post holders over time (issue 15): persons, appointments and who held a post on day D."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import assume, given, reject, settings
from hypothesis import strategies as st

import govmodel as gm
import govmodel.testing as gt

UBND = gm.Agency(id="bn/ubnd", name="UBND tỉnh Bắc Ninh", kind="peoples_committee",
                 level="province")
SO = gm.Agency(id="bn/so-gddt", name="Sở GDĐT", parent="bn/ubnd", kind="department",
               level="province")
PHO = gm.PostRef("bn/so-gddt", "Phó Giám đốc")
AN = gm.Person(id="nguyen-van-an", name="Nguyễn Văn An")


def qd(n: int, day: str, *effects: gm.Effect) -> gm.Decision:
    return gm.Decision(number=f"{n}/QĐ-UBND", issuer="bn/ubnd", signed_on=day, effects=effects)


def test_the_seed_holders():
    tl = gm.load_dataset("lang-son-2021")
    (h,) = tl.as_of("2022-04-20").holders(gm.PostRef("lang-son/so-tttt", "Giám đốc"))
    assert (h.person_name, h.known_from) == ("Nguyễn Khắc Lịch", "observation")
    assert "seeds/002" in h.source.document
    (q,) = tl.as_of("2018-01-18").holders(gm.PostRef("lang-son/ubnd", "Phó Chủ tịch"))
    assert q.person_name == "Lý Vinh Quang"
    assert tl.as_of("2018-01-19").holders(gm.PostRef("lang-son/ubnd", "Phó Chủ tịch")) == ()


def test_an_appointment_with_a_five_year_term_ends_on_its_last_day():
    # "Quyết định số 888/QĐ-UBND ngày 21/7/2021 … Thời hạn bổ nhiệm là 5 năm, … có hiệu lực
    # kể từ ngày 26/7/2021"
    d = gm.Decision(number="888/QĐ-UBND", issuer="bn/ubnd", signed_on="2021-07-21",
                    effective_on="2021-07-26",
                    effects=[gm.Appoint(person=AN, post=PHO, term="5 năm")])
    tl = gm.Timeline.from_decisions([d], initial=[UBND, SO])
    assert tl.as_of("2021-07-25").holders(PHO) == ()
    (h,) = tl.as_of("2026-07-25").holders(PHO)
    assert (h.person_name, h.known_from, h.decision) == ("Nguyễn Văn An", "appointment", d)
    assert tl.as_of("2026-07-26").holders(PHO) == ()
    assert tl.tenures(AN.id)[0].end == dt.date(2026, 7, 26)
    assert tl.holders_history(PHO) == tl.tenures(AN.id)


def test_an_end_before_the_term_wins_and_names_its_reason():
    a = qd(1, "2021-01-04", gm.Appoint(person=AN, post=PHO, term="5 năm"))
    e = qd(2, "2023-03-01", gm.EndAppointment(person_id=AN.id, post=PHO, reason="nghỉ hưu"))
    tl = gm.Timeline.from_decisions([e, a], initial=[UBND, SO])
    (h,) = tl.tenures(AN.id)
    assert (h.end, h.ended_by, h.reason) == (dt.date(2023, 3, 1), e, "nghỉ hưu")


def test_appointments_share_a_day_with_other_decisions():
    """Found by the fuzz run: an appointment ended, another made and a body renamed on one
    day by three decisions — the same-day rules (law 5) hold no claim for appointments, so
    the day replays instead of failing with a KeyError."""
    a = qd(1, "2021-01-04", gm.Appoint(person=AN, post=PHO, term="5 năm"))
    day = "2023-03-01"
    e = qd(2, day, gm.EndAppointment(person_id=AN.id, post=PHO, reason="nghỉ hưu"))
    binh = gm.Person(id="tran-thi-binh", name="Trần Thị Bình")
    b = qd(3, day, gm.Appoint(person=binh, post=PHO))
    r = qd(4, day, gm.Rename(org_id=SO.id, name="Sở Giáo dục và Đào tạo"))
    tl = gm.Timeline.from_decisions([a, e, b, r], initial=[UBND, SO])
    assert [h.person_name for h in tl.as_of(day).holders(PHO)] == ["Trần Thị Bình"]
    assert tl.as_of(day)[SO.id].name == "Sở Giáo dục và Đào tạo"
    assert gm.validate([a, e, b, r], initial=[UBND, SO]) == []


def test_bad_appointments_are_typed_errors_naming_decision_and_effect():
    gone = qd(1, "2021-01-04", gm.Dissolve(org_id="bn/so-gddt"))
    late = qd(2, "2021-02-01", gm.Appoint(person=AN, post=PHO))
    with pytest.raises(gm.NotAliveError) as info:
        gm.Timeline.from_decisions([gone, late], initial=[UBND, SO])
    assert "2/QĐ-UBND" in str(info.value) and info.value.effect_index == 0
    with pytest.raises(gm.InvalidEffectError, match="does not exist"):
        gm.Timeline.from_decisions(
            [qd(3, "2021-01-04", gm.EndAppointment(person_id=AN.id, post=PHO))],
            initial=[UBND, SO])
    twice = [qd(4, "2021-01-04", gm.Appoint(person=AN, post=PHO)),
             qd(5, "2021-06-01", gm.Appoint(person=AN, post=PHO))]
    with pytest.raises(gm.InvalidEffectError, match="already hold"):
        gm.Timeline.from_decisions(twice, initial=[UBND, SO])


def test_a_holder_carries_on_in_the_post_that_follows_a_merger():
    new = gm.Agency(id="bn/so-moi", name="Sở Mới", parent="bn/ubnd", kind="department",
                    level="province")
    a = qd(1, "2021-01-04", gm.Appoint(person=AN, post=PHO))
    m = qd(2, "2025-03-01", gm.Merge(sources=["bn/so-gddt"], into="bn/so-moi", establish=new))
    tl = gm.Timeline.from_decisions([a, m], initial=[UBND, SO])
    (h,) = tl.as_of("2025-06-01").holders(gm.PostRef("bn/so-moi", "Phó Giám đốc"))
    assert h.person_id == AN.id


def test_holder_observations_are_checked_against_appointments():
    a = qd(1, "2021-01-04", gm.Appoint(person=AN, post=PHO))
    src = gm.Source("báo", quote="…")
    agree = gm.HolderObservation(on="2022-01-01", post=PHO, person=AN, source=src)
    other = gm.HolderObservation(on="2022-01-01", post=PHO,
                                 person=gm.Person(id="x", name="Trần Thị X"), source=src)
    tl = gm.Timeline.from_decisions([a], initial=[UBND, SO], observations=[agree, other])
    statuses = {f.observation.person.id: f.status for f in tl.check()}
    assert statuses == {AN.id: gm.FindingStatus.AGREES, "x": gm.FindingStatus.CONFLICTS}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2000), st.sampled_from([None, "2 năm", "30 tháng"])),
                min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_appointment_laws(spans, rnd):
    """One person holds one post at most once at a time; a term ends on its computed day;
    the order of the decisions does not matter."""
    day0 = dt.date(2020, 1, 1)
    decisions, last_end = [], None
    spans = sorted(spans, key=lambda s: (s[0], s[1] or ""))
    for k, (offset, term) in enumerate(spans):
        start = day0 + dt.timedelta(days=offset)
        if last_end is not None and (last_end is dt.date.max or start < last_end):
            continue  # would overlap: the generator keeps only valid histories
        decisions.append(qd(k + 1, start.isoformat(),
                            gm.Appoint(person=AN, post=PHO, term=term)))
        last_end = gm.persons.term_end(start, term) or dt.date.max
    assume(decisions)
    tl = gm.Timeline.from_decisions(decisions, initial=[UBND, SO])
    shuffled = list(decisions)
    rnd.shuffle(shuffled)
    again = gm.Timeline.from_decisions(shuffled, initial=[UBND, SO])
    assert again.tenures(AN.id) == tl.tenures(AN.id)
    hs = tl.tenures(AN.id)
    assert len(hs) == len(decisions)
    for a, b in itertools.pairwise(hs):
        assert a.end is not None and a.end <= b.start
    for h, d in zip(hs, sorted(decisions, key=lambda d: d.effective_on), strict=True):
        assert h.end == gm.persons.term_end(d.effective_on, d.effects[0].term)


# --------------------------------------------------------------------------- laws
HISTORY = settings(max_examples=60, deadline=None)


@HISTORY
@given(gt.appointment_histories())
def test_terms_end_on_their_computed_day_and_early_ends_win(h):
    """Each appointment holds from its effective date until its term's computed end, or
    until the EndAppointment that comes before it — which names itself as ``ended_by``."""
    tl = h.timeline()
    got = tl.tenures(h.person.id)
    assert [(x.start, x.end) for x in got] == list(h.spans)
    assert [x.ended_by for x in got] == list(h.ends)
    for x in got:
        assert tl.as_of(x.start).holders(h.post)[0].person_id == h.person.id
        if x.end is not None:
            assert tl.as_of(x.end - dt.timedelta(days=1)).holders(h.post) != ()
            assert all(y.person_id != h.person.id or y.start != x.start
                       for y in tl.as_of(x.end).holders(h.post))


@HISTORY
@given(gt.appointment_histories(), st.randoms(use_true_random=False))
def test_appointments_obey_order_independence_and_retroactive_insertion(h, rnd):
    """Law 1: the order of the decisions does not matter, and inserting one later
    (retroactively) gives the timeline built with it from the start."""
    tl = h.timeline()
    shuffled = list(h.decisions)
    rnd.shuffle(shuffled)
    assert gm.Timeline.from_decisions(shuffled, initial=h.initial).tenures(h.person.id) == \
        tl.tenures(h.person.id)
    # take one appointment (and its end) out, then insert it (then its end) afterwards; an
    # appointment can come back alone only if its full term ends before the next one starts
    appoints = [d for d in h.decisions if isinstance(d.effects[0], gm.Appoint)]
    full = [gm.persons.term_end(d.effective_on, d.effects[0].term) for d in appoints]
    fits = [i for i in range(len(appoints)) if i == len(appoints) - 1
            or (full[i] is not None and full[i] <= h.spans[i + 1][0])]
    k = rnd.choice(fits)
    out = [appoints[k]] + ([h.ends[k]] if h.ends[k] is not None else [])
    base = gm.Timeline.from_decisions([d for d in h.decisions if d not in out],
                                      initial=h.initial)
    later = base
    for d in out:
        later = later.with_decision(d)
    assert later.tenures(h.person.id) == tl.tenures(h.person.id)
    assert later.holders_history(h.post) == tl.holders_history(h.post)


@HISTORY
@given(gt.appointment_histories(), st.data())
def test_holders_as_known_on_a_date_use_only_the_decisions_known_then(h, data):
    """Law 7: ``as_of(D, known_on=K).holders`` is what the decisions known on K say."""
    tl = h.timeline()
    days = sorted({x for d in h.decisions for x in (d.effective_on, d.known_on)})
    day, known = data.draw(st.sampled_from(days)), data.draw(st.sampled_from(days))
    known_then = [d for d in h.decisions if d.known_on <= known]
    assume(len(known_then) < len(h.decisions))  # some decision is not known yet
    try:
        then = gm.Timeline.from_decisions(known_then, initial=h.initial)
    except gm.InvalidEffectError:  # an end published after the reappointment it allows
        reject()
    assert tl.as_of(day, known_on=known).holders(h.post) == then.as_of(day).holders(h.post)


def test_the_history_strategy_meets_every_case():
    """The laws above see terms, open appointments, early ends and late publication."""
    seen: set[str] = set()

    @settings(max_examples=200, deadline=None, database=None)
    @given(gt.appointment_histories())
    def collect(h):
        for (_, end), ended in zip(h.spans, h.ends, strict=True):
            seen.add("open" if end is None else "ended early" if ended else "term")
        if len(h.spans) > 1:
            seen.add("several")
        if any(d.known_on > d.signed_on for d in h.decisions):
            seen.add("late")

    collect()
    assert seen == {"open", "ended early", "term", "several", "late"}


def test_bad_appointments_name_decision_effect_and_field():
    """Each bad input is a typed error naming the decision, the effect's index and the
    field at fault: the post (its body is not alive), the person (no such appointment to
    end; already in the post)."""
    gone = qd(1, "2021-01-04", gm.Dissolve(org_id="bn/so-gddt"))
    late = qd(2, "2021-02-01", gm.Rename(org_id="bn/ubnd", name="UBND"),
              gm.Appoint(person=AN, post=PHO))
    with pytest.raises(gm.NotAliveError) as info:
        gm.Timeline.from_decisions([gone, late], initial=[UBND, SO])
    err = info.value
    assert (err.decision, err.effect_index, err.effect_type) == (str(late.ref), 1, "Appoint")
    assert "post" in err.reason and err.org_id == "bn/so-gddt"
    end = qd(3, "2021-01-04", gm.EndAppointment(person_id=AN.id, post=PHO))
    with pytest.raises(gm.InvalidEffectError) as info:
        gm.Timeline.from_decisions([end], initial=[UBND, SO])
    err = info.value
    assert (err.decision, err.effect_index, err.effect_type) == (
        str(end.ref), 0, "EndAppointment")
    assert "person_id" in err.reason and "does not exist" in err.reason
    twice = [qd(4, "2021-01-04", gm.Appoint(person=AN, post=PHO, term="5 năm")),
             qd(5, "2023-06-01", gm.Appoint(person=AN, post=PHO))]
    with pytest.raises(gm.InvalidEffectError) as info:
        gm.Timeline.from_decisions(twice, initial=[UBND, SO])
    err = info.value
    assert (err.decision, err.effect_index) == (str(twice[1].ref), 0)
    assert "person" in err.reason and "already hold" in err.reason
    with pytest.raises(gm.InvalidEffectError):  # an overlap inserted later: same error
        gm.Timeline.from_decisions(twice[:1], initial=[UBND, SO]).with_decision(twice[1])


def test_seat_names_its_observed_holder_and_html_lists_members() -> None:
    """Seed 002 names Nguyễn Khắc Lịch as Giám đốc Sở on 20/4/2022: the Ban Chỉ đạo's seat
    of that post shows him (known only from the text), and the HTML tree lists the seats."""
    snap = gm.load_dataset("lang-son-2021").as_of("2022-04-20")
    seats = {s.post.org_id: s for s in snap.members("lang-son/bcd-cds")}
    assert seats["lang-son/so-tttt"].holders == ("Nguyễn Khắc Lịch",)
    assert "Nguyễn Khắc Lịch" not in "".join(
        n for s in gm.load_dataset("lang-son-2021").as_of("2022-04-21").members(
            "lang-son/bcd-cds") for n in s.holders
    )
    page = gm.render.html(snap)
    assert '<ul class="seats">' in page
    assert "Phó Trưởng ban</span> — Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn " \
        "(Nguyễn Khắc Lịch)" in page
