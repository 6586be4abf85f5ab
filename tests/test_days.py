"""The schedule's days as kept: a packed day gives back the very items it was packed from.

A day is packed (its decisions alone) exactly when each of its decisions has all its
effects on it; :func:`items` makes the items again and :func:`effects` reads the effects
without them. The build and an added decision keep days packed (``Index._check`` reads
every day through :func:`items`); these tests pin the packing itself.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import govmodel as gm
from govmodel._engine.days import effects, items, packed
from govmodel._engine.track import Item

DAY = dt.date(2021, 3, 1)
OTHER = (None, None, dt.date(2021, 4, 1), DAY)  # None and DAY: on the decision's own day


def _decision(k: int, own_days: list[dt.date | None]) -> gm.Decision:
    return gm.Decision(
        number=f"{k}/QĐ-UBND",
        issuer="lang-son/ubnd",
        effective_on=DAY,
        signed_on=DAY,
        effects=[gm.Rename(org_id="t/so", name=f"N{k}.{i}", effective_on=t) for i, t in enumerate(own_days)],
    )


def _schedule(ds: list[gm.Decision]) -> dict[dt.date, list[Item]]:
    """Every effect on its day, in decision order (what a build files)."""
    days: dict[dt.date, list[Item]] = {}
    for d in ds:
        for i, e in enumerate(d.effects):
            days.setdefault(d.effect_date(e), []).append((d, i, e))
    return days


def _ids(its: list[Item]) -> list[tuple[int, int, int]]:
    return [(id(d), i, id(e)) for d, i, e in its]


decisions = st.lists(
    st.lists(st.sampled_from(OTHER), min_size=1, max_size=4), min_size=1, max_size=6
).map(lambda days: [_decision(k, own) for k, own in enumerate(days, 1)])


@given(decisions)
def test_a_packed_day_gives_back_its_items_and_effects(ds: list[gm.Decision]) -> None:
    for t, day in _schedule(ds).items():
        kept = packed(day)
        assert _ids(items(kept)) == _ids(day)
        assert list(map(id, effects(kept))) == [id(e) for _, _, e in day]
        whole = all(all(d.effect_date(e) == t for e in d.effects) for d, _, _ in day)
        assert (kept is not day) == whole, "packed exactly when every decision is whole"


def test_a_day_of_one_decision_keeps_the_decision_and_several_a_tuple() -> None:
    a, b = _decision(1, [None, None]), _decision(2, [DAY])
    assert packed(_schedule([a])[DAY]) is a
    assert packed(_schedule([a, b])[DAY]) == (a, b)
    c = _decision(3, [None, dt.date(2021, 4, 1)])  # its second effect on another day
    mixed = _schedule([a, c])
    assert packed(mixed[DAY]) is mixed[DAY]
    assert packed(mixed[dt.date(2021, 4, 1)]) is mixed[dt.date(2021, 4, 1)]
    # one decision's first effect, then another's second: the positions run 0, 1 all the same
    d, e = _decision(4, [None, dt.date(2021, 4, 1)]), _decision(5, [dt.date(2021, 4, 1), None])
    crossed = _schedule([d, e])[DAY]
    assert _ids(crossed) == [(id(d), 0, id(d.effects[0])), (id(e), 1, id(e.effects[1]))]
    assert packed(crossed) is crossed
