"""The build's order of decisions: :meth:`Decision.sort_key`, found on a cheap head first.

``_engine.build._sort`` sorts on (signing date, issuer, serial number) and orders only the
runs that tie on it by the whole key. These tests draw decisions that tie often (two
issuers, three serials, two days, numbers differing only in their symbol or year) and
some with no signing date, and compare with sorting by the whole key.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from govmodel import Decision
from govmodel._engine.build import _sort

_DAYS = (dt.date(2021, 3, 1), dt.date(2021, 3, 2))


@st.composite
def _decisions(draw: st.DrawFn) -> Decision:
    serial = draw(st.sampled_from((1, 2, 12)))
    symbol = draw(st.sampled_from(("QĐ-UBND", "NQ-HĐND", "QĐ-UBND")))
    year = draw(st.sampled_from(("", "/2020", "/2021")))
    issuer = draw(st.sampled_from(("t/ubnd", "t/hdnd")))
    day = draw(st.sampled_from(_DAYS))
    if draw(st.booleans()):  # no signing date: ordered by the effective date
        return Decision(number=f"{serial}{year}/{symbol}", issuer=issuer, signed_on=None,
                        effective_on=day)
    return Decision(number=f"{serial}{year}/{symbol}", issuer=issuer, signed_on=day)


@given(st.lists(_decisions(), max_size=40))
def test_the_build_sorts_as_the_whole_key_sorts(ds: list[Decision]) -> None:
    got = _sort(ds)
    want = sorted(ds, key=Decision.sort_key)
    assert [d.sort_key() for d in got] == [d.sort_key() for d in want]
    # a permutation of what was given: every decision once (equal ones as often as given)
    assert sorted(map(id, got)) == sorted(map(id, ds))


@given(st.lists(_decisions(), min_size=2, max_size=40))
def test_decisions_tying_on_the_head_are_ordered_by_their_numbers(ds: list[Decision]) -> None:
    """Runs of one (day, issuer, serial) are the case the head alone cannot order."""
    numbers: dict[tuple[object, ...], set[str]] = {}
    for d in ds:
        head = (d.signed_on or d.effective_on, d.issuer, d.number.number)
        numbers.setdefault(head, set()).add(str(d.number))
    # a tie between numbers written differently: only the whole key can order them
    assume(any(len(written) > 1 for written in numbers.values()))
    got = _sort(ds)
    keys = [d.sort_key() for d in got]
    assert keys == sorted(keys)
