"""Property tests of the laws of merges, splits and transfers of functions.

* Transfer: functions are neither lost nor duplicated — at every date each function is held by
  exactly one organisation, the one the transfers so far have given it to.
* Merge: the merged bodies end, their functions and posts pass to the body they merge into.
* Split: the author says which part takes which function; each part takes exactly its share,
  nothing is dropped or shared, and a successor question that does not name a function is
  reported as ambiguous, never guessed.
* Successor chains are acyclic and end in a body alive on the date asked, across any number
  of rounds; posts of merged bodies follow the same chain.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.errors import (
    AmbiguousSuccessorError,
    DecisionError,
    InvalidEffectError,
    OrganisationNotFoundError,
)
from strategies import scenarios

ROOT = "p/ubnd"
BCD = "p/bcd"
DAY0 = dt.date(2020, 1, 1)
POOL = [
    ("function", "bưu chính"), ("function", "viễn thông"), ("field", "báo chí"),
    ("field", "xuất bản"), ("function", "chuyển đổi số"), ("field", "tần số vô tuyến điện"),
    ("power", "cấp giấy phép"), ("field", "công nghệ thông tin"),
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def org_id(i: int) -> str:
    return f"p/so-{i}"


def department(oid: str, name: str | None = None) -> gm.Agency:
    return gm.Agency(id=oid, name=name or f"Sở {oid}", parent=ROOT, kind="department",
                     level="province")


def root() -> gm.Agency:
    return gm.Agency(id=ROOT, name="Ủy ban nhân dân tỉnh Thử", kind="peoples_committee",
                     level="province")


def mandate(items: list[tuple[str, str]] | set[tuple[str, str]]) -> gm.Mandate:
    """A mandate holding exactly *items* (("function", f), ("field", f), ("power", p))."""
    return gm.Mandate(
        functions=sorted(t for k, t in items if k == "function"),
        fields=sorted(t for k, t in items if k == "field"),
        powers=sorted(t for k, t in items if k == "power"),
    )


class Decisions:
    """Numbered decisions of one issuer, one per day."""

    def __init__(self) -> None:
        self.items: list[gm.Decision] = []

    def add(self, day: dt.date, effects: list[gm.Effect]) -> gm.Decision:
        d = gm.Decision(number=f"{len(self.items) + 1}/QĐ-UBND", issuer=ROOT, signed_on=day,
                        effects=effects)
        self.items.append(d)
        return d


# --------------------------------------------------------------------------- transfers


@st.composite
def transfer_histories(draw: st.DrawFn) -> tuple[int, dict[tuple[str, str], int], list]:
    """Orgs 0..n-1 with disjoint first mandates, then a sequence of transfers between them.

    Returns (n, first owner of each item, steps) with steps ``(day, from, to, items)``.
    """
    n = draw(st.integers(2, 4))
    items = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=len(POOL), unique=True))
    owner = {item: draw(st.integers(0, n - 1)) for item in items}
    first = dict(owner)
    steps = []
    day = DAY0
    for _ in range(draw(st.integers(1, 6))):
        day += dt.timedelta(days=draw(st.integers(1, 40)))
        holders = sorted(set(owner.values()))
        src = draw(st.sampled_from(holders))
        held = sorted(i for i, o in owner.items() if o == src)
        moved = draw(st.lists(st.sampled_from(held), min_size=1, unique=True))
        dst = draw(st.sampled_from([k for k in range(n) if k != src]))
        for item in moved:
            owner[item] = dst
        steps.append((day, src, dst, moved))
    return n, first, steps


@SETTINGS
@given(transfer_histories())
def test_transfers_neither_lose_nor_duplicate_functions(history: tuple) -> None:
    """At every date each function is held by exactly one body: the one it was last given to."""
    n, first, steps = history
    ds = Decisions()
    ds.add(DAY0, [gm.SetMandate(org_id=org_id(k),
                                mandate=mandate({i for i, o in first.items() if o == k}))
                  for k in range(n)])
    for day, src, dst, moved in steps:
        ds.add(day, [gm.TransferFunctions(from_org=org_id(src), to_org=org_id(dst),
                                          mandate=mandate(moved))])
    tl = gm.Timeline.from_decisions(
        ds.items, initial=[root(), *(department(org_id(k)) for k in range(n))]
    )
    owner = dict(first)
    checkpoints = [(DAY0, dict(owner))]
    for day, _src, dst, moved in steps:
        for item in moved:
            owner[item] = dst
        checkpoints.append((day, dict(owner)))
    for day, expected in checkpoints:
        snap = tl.as_of(day)
        held = {k: snap.mandate(org_id(k)).items() for k in range(n)}
        for item, k in expected.items():
            assert [j for j in range(n) if item in held[j]] == [k], (day, item)
        assert set().union(*held.values()) == set(expected)  # nothing lost, nothing invented


@SETTINGS
@given(st.lists(st.sampled_from(POOL), min_size=2, max_size=6, unique=True), st.data())
def test_transferring_what_is_not_held_is_refused(items: list, data: st.DataObject) -> None:
    """A body with a known mandate cannot give away a function it does not hold."""
    held, missing = items[:-1], items[-1]
    given_away = [*data.draw(st.lists(st.sampled_from(held), unique=True)), missing]
    ds = Decisions()
    ds.add(DAY0, [gm.SetMandate(org_id=org_id(0), mandate=mandate(held))])
    ds.add(DAY0 + dt.timedelta(days=1), [gm.TransferFunctions(
        from_org=org_id(0), to_org=org_id(1), mandate=mandate(given_away))])
    with pytest.raises(InvalidEffectError, match="does not hold"):
        gm.Timeline.from_decisions(ds.items, initial=[root(), department(org_id(0)),
                                                      department(org_id(1))])


# --------------------------------------------------------------------------- merges


@SETTINGS
@given(
    st.integers(1, 3),
    st.booleans(),
    st.lists(st.sampled_from(POOL), max_size=len(POOL), unique=True),
    st.data(),
)
def test_merge_passes_functions_and_posts_to_the_successor(
    k: int, new_body: bool, items: list, data: st.DataObject
) -> None:
    """Merged bodies end; the successor holds all their functions; their posts resolve to its."""
    sources = [org_id(i) for i in range(k)]
    into = "p/so-new" if new_body else org_id(k)
    top = k - 1 if new_body else k  # k: the existing target's own
    share = {item: data.draw(st.integers(0, top)) for item in items}
    renamed = {s: data.draw(st.booleans()) for s in sources}  # "Thủ trưởng" → "Giám đốc"?
    initial = [root(), *(department(s) for s in sources), gm.Committee(id=BCD, name="BCĐ Thử",
                                                                       parent=ROOT)]
    if not new_body:
        initial.append(department(into, "Sở Đích"))
    ds = Decisions()
    ds.add(DAY0, [
        *(gm.SetMandate(org_id=s, mandate=mandate({i for i, o in share.items() if o == n}))
          for n, s in enumerate(sources)),
        gm.SetComposition(org_id=BCD, members=[
            gm.Membership("member", gm.PostRef(s, "Thủ trưởng")) for s in sources
        ]),
    ])
    own = {i for i, o in share.items() if o == k}
    if not new_body and own:
        ds.add(DAY0, [gm.SetMandate(org_id=into, mandate=mandate(own))])
    merge_day = DAY0 + dt.timedelta(days=30)
    ds.add(merge_day, [gm.Merge(
        sources=sources, into=into,
        establish=department(into, "Sở Đích") if new_body else None,
        posts=[gm.PostSuccession(gm.PostRef(s, "Thủ trưởng"), gm.PostRef(into, "Giám đốc"))
               for s in sources if renamed[s]],
    )])
    tl = gm.Timeline.from_decisions(ds.items, initial=initial)
    after = tl.as_of(merge_day)
    for s in sources:
        assert s not in after
        assert s in tl.as_of(merge_day - dt.timedelta(days=1))
        assert tl.successor(s, on=merge_day).id == into
    if items:
        assert after.mandate(into).items() == set(items)
    for seat, s in zip(after.members(BCD), sources, strict=True):
        title = "Giám đốc" if renamed[s] else "Thủ trưởng"
        assert seat.post == gm.PostRef(into, title)
        assert seat.label == f"{title} Sở Đích"
        assert seat.chain == (gm.PostRef(s, "Thủ trưởng"), gm.PostRef(into, title))
        assert not seat.vacant


# --------------------------------------------------------------------------- splits


@st.composite
def splits(draw: st.DrawFn) -> tuple[list, list[int], int]:
    """Items of the source, the part (0..n-1) each goes to, and n."""
    items = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=len(POOL), unique=True))
    n = draw(st.integers(1, 3))
    parts = [draw(st.integers(0, n - 1)) for _ in items]
    return items, parts, n


def _split_timeline(items: list, parts: list[int], n: int) -> tuple[gm.Timeline, dt.date]:
    ds = Decisions()
    ds.add(DAY0, [
        gm.SetMandate(org_id=org_id(0), mandate=mandate(items)),
        gm.SetComposition(org_id=BCD, members=[
            gm.Membership("head", gm.PostRef(org_id(0), "Giám đốc"))]),
    ])
    day = DAY0 + dt.timedelta(days=10)
    ds.add(day, [gm.Split(source=org_id(0), parts=[
        gm.SplitPart(org_id=f"p/part-{j}",
                     mandate=mandate([i for i, p in zip(items, parts, strict=True) if p == j]),
                     establish=department(f"p/part-{j}"))
        for j in range(n)
    ])])
    initial = [root(), department(org_id(0)), gm.Committee(id=BCD, name="BCĐ", parent=ROOT)]
    return gm.Timeline.from_decisions(ds.items, initial=initial), day


@SETTINGS
@given(splits())
def test_split_gives_each_part_exactly_its_share(split: tuple) -> None:
    """Each part holds what the author gave it; nothing is dropped, nothing is shared."""
    items, parts, n = split
    tl, day = _split_timeline(items, parts, n)
    snap = tl.as_of(day)
    held = [snap.mandate(f"p/part-{j}").items() for j in range(n)]
    for j in range(n):
        assert held[j] == {i for i, p in zip(items, parts, strict=True) if p == j}
    assert set().union(*held) == set(items)
    assert sum(len(h) for h in held) == len(items)
    assert org_id(0) not in snap


@SETTINGS
@given(splits())
def test_split_successor_is_asked_not_guessed(split: tuple) -> None:
    """With several parts, successor() needs a function; with it, the part that took it."""
    items, parts, n = split
    tl, day = _split_timeline(items, parts, n)
    if n == 1:
        assert tl.successor(org_id(0), on=day).id == "p/part-0"
    else:
        with pytest.raises(AmbiguousSuccessorError, match="name a function"):
            tl.successor(org_id(0), on=day)
    for item, p in zip(items, parts, strict=True):
        assert tl.successor(org_id(0), on=day, function=item[1]).id == f"p/part-{p}"
    # a post of a split body is not resolved to one of the parts: it is shown vacant
    [seat] = tl.as_of(day).members(BCD)
    assert seat.vacant == (n > 1)


@SETTINGS
@given(splits(), st.data())
def test_split_must_say_where_every_function_goes(split: tuple, data: st.DataObject) -> None:
    """Leaving a function out, or giving it to two parts, is refused."""
    items, parts, n = split
    left_out = list(parts)
    left_out[data.draw(st.integers(0, len(items) - 1))] = n  # a part that does not exist
    with pytest.raises(InvalidEffectError, match="does not say which part takes"):
        _split_timeline(items, left_out, n)
    ds = Decisions()
    ds.add(DAY0, [gm.SetMandate(org_id=org_id(0), mandate=mandate(items))])
    twice = mandate([items[0]])
    ds.add(DAY0 + dt.timedelta(days=1), [gm.Split(source=org_id(0), parts=[
        gm.SplitPart(org_id="p/a", mandate=mandate(items), establish=department("p/a")),
        gm.SplitPart(org_id="p/b", mandate=twice, establish=department("p/b")),
    ])])
    with pytest.raises(InvalidEffectError, match="is given to both"):
        gm.Timeline.from_decisions(ds.items, initial=[root(), department(org_id(0))])


# --------------------------------------------------------------------------- successor chains


@st.composite
def merge_rounds(draw: st.DrawFn) -> tuple[list[gm.Decision], list, list[dt.date], int]:
    """Several rounds of merges (into existing or new bodies) and dissolutions."""
    n = draw(st.integers(2, 6))
    alive = [org_id(i) for i in range(n)]
    initial = [root(), *(department(a) for a in alive),
               gm.Committee(id=BCD, name="BCĐ", parent=ROOT)]
    ds = Decisions()
    ds.add(DAY0, [gm.SetComposition(org_id=BCD, members=[
        gm.Membership("member", gm.PostRef(a, "Giám đốc")) for a in alive])])
    day = DAY0
    days = [DAY0 - dt.timedelta(days=1), DAY0]
    for r in range(draw(st.integers(1, 6))):
        if not alive:
            break
        day += dt.timedelta(days=draw(st.integers(1, 50)))
        if len(alive) > 1 and draw(st.integers(0, 4)) == 0:
            gone = draw(st.sampled_from(alive))
            ds.add(day, [gm.Dissolve(org_id=gone)])
            alive.remove(gone)
        else:
            sources = draw(st.lists(st.sampled_from(alive), min_size=1, unique=True))
            others = [a for a in alive if a not in sources]
            if others and draw(st.booleans()):
                into, establish = draw(st.sampled_from(others)), None
            else:
                into = f"p/new-{r}"
                establish = department(into)
                alive.append(into)
            ds.add(day, [gm.Merge(sources=sources, into=into, establish=establish)])
            alive = [a for a in alive if a not in sources]
        days += [day - dt.timedelta(days=1), day]
    days.append(day + dt.timedelta(days=365))
    return ds.items, initial, days, n


def _expected_successor(decisions: list[gm.Decision], start: str, day: dt.date) -> str | None:
    """A plain reference: follow the merges in force by *day*; None if the line was dissolved."""
    merged: dict[str, tuple[dt.date, str]] = {}
    dissolved: dict[str, dt.date] = {}
    born: dict[str, dt.date] = {}
    for d in decisions:
        for e in d.effects:
            if isinstance(e, gm.Merge):
                for s in e.sources:
                    merged[s] = (d.effective_on, e.into)
                if e.establish is not None:
                    born[e.into] = d.effective_on
            elif isinstance(e, gm.Dissolve):
                dissolved[e.org_id] = d.effective_on
    cur = start
    if day < born.get(cur, dt.date.min):
        return None
    while True:
        if cur in dissolved and dissolved[cur] <= day:
            return None
        if cur in merged and merged[cur][0] <= day:
            cur = merged[cur][1]
            continue
        return cur


@SETTINGS
@given(merge_rounds())
def test_successor_chains_are_acyclic_and_end_alive(rounds: tuple) -> None:
    """Across any number of rounds, the chain has no repeat and ends in a live body."""
    decisions, initial, days, _n = rounds
    tl = gm.Timeline.from_decisions(decisions, initial=initial)
    for oid in tl.organisation_ids():
        if oid in (ROOT, BCD):
            continue
        for day in days:
            expected = _expected_successor(decisions, oid, day)
            if expected is None:
                with pytest.raises(OrganisationNotFoundError):
                    tl.successor_chain(oid, on=day)
                continue
            chain = tl.successor_chain(oid, on=day)
            ids = [o.id for o in chain]
            assert len(ids) == len(set(ids))
            assert ids[0] == oid
            assert ids[-1] == expected
            assert tl.as_of(day)[expected] == chain[-1]


@SETTINGS
@given(merge_rounds())
def test_posts_follow_the_successor_chain(rounds: tuple) -> None:
    """A post of a merged body resolves to the post of the body its line leads to."""
    decisions, initial, days, n = rounds
    tl = gm.Timeline.from_decisions(decisions, initial=initial)
    for day in days[1:]:
        seats = tl.as_of(day).members(BCD)
        assert len(seats) == n
        for i, seat in enumerate(seats):
            expected = _expected_successor(decisions, org_id(i), day)
            if expected is None:
                assert seat.vacant
                continue
            assert seat.post == gm.PostRef(expected, "Giám đốc")
            assert not seat.vacant
            chain = [p.org_id for p in seat.chain] or [org_id(i)]
            assert chain == [o.id for o in tl.successor_chain(org_id(i), on=day)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_steps=8))
def test_successor_in_generated_scenarios(scenario: object) -> None:
    """In any valid scenario, successor() answers with a body alive that day, or says why not."""
    tl = scenario.timeline()  # type: ignore[attr-defined]
    for oid in tl.organisation_ids():
        for day in scenario.dates:  # type: ignore[attr-defined]
            try:
                chain = tl.successor_chain(oid, on=day)
            except (OrganisationNotFoundError, AmbiguousSuccessorError):
                continue
            ids = [o.id for o in chain]
            assert len(ids) == len(set(ids))
            assert tl.as_of(day).get(ids[-1]) == chain[-1]


def test_a_merge_into_itself_is_refused() -> None:
    with pytest.raises(DecisionError):
        gm.Merge(sources=[org_id(0)], into=org_id(0))
