"""Decisions by identity: :class:`ByIdentity` answers as a dict keyed by identity tuples.

It files decisions by issuer and series, then by document number, so a pair holding one
decision and a pair holding a dict of several, and equal numbers of other issuers or series,
are the cases to get right; the strategy draws from few numbers, issuers and years so that
they are common.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import govmodel as gm
from govmodel._engine.keys import ByIdentity, key_of, ref_key


def _decision(serial: int, issuer: str, year: int, term: str | None, kind: str = "QĐ") -> gm.Decision:
    party = term is not None
    if party:
        number = f"{serial}-NQ/TU"
    elif kind == "normative":  # numbered apart, with the year: "1/2020/QĐ-UBND"
        number = f"{serial}/{year}/QĐ-UBND"
    elif kind == "SNV":  # another issuer code, one issuer id: "1/QĐ-SNV" beside "1/QĐ-UBND"
        number = f"{serial}/QĐ-SNV"
    else:
        number = f"{serial}/{kind}-UBND"
    return gm.Decision(
        number=number,
        issuer=issuer,
        effective_on=dt.date(year, 3, 1),
        signed_on=dt.date(year, 3, 1),
        term=term,
    )


decisions = st.builds(
    _decision,
    st.integers(1, 3),
    st.sampled_from([f"p{i}/ubnd" for i in range(6)]),
    st.integers(2020, 2021),
    st.sampled_from([None, None, "2020-2025", "2015-2020"]),
    # one serial, several numbers: "1/QĐ-UBND", "1/KH-UBND", "1/2020/QĐ-UBND"
    st.sampled_from(["QĐ", "KH", "TB", "normative", "SNV"]),
)


@given(st.lists(decisions, max_size=40), st.lists(decisions, max_size=10), st.booleans())
def test_by_identity_is_a_dict_by_identity(
    held: list[gm.Decision], asked: list[gm.Decision], freeze: bool
) -> None:
    by, ref = ByIdentity(), {}
    for d in [*held, *held[::3]]:  # some given twice
        assert by.setdefault(d) is ref.setdefault(key_of(d), d)
    assert len(by) == len(ref)
    if freeze:  # filing done: the heads kept as sorted tuples, thawed by a later filing
        by.freeze()
    assert sorted(map(id, by.values())) == sorted(map(id, ref.values()))
    for d in [*held, *asked]:
        assert by.get(key_of(d)) is ref.get(key_of(d))
        assert by.get(ref_key(d.ref)) is ref.get(key_of(d))
    copy = by.copy()
    fresh = [d for d in asked if ref.setdefault(key_of(d), d) is d]
    copy.update(fresh)
    assert len(copy) == len(ref) and len(by) == len(ref) - len(fresh)  # the copy is its own
    for d in fresh:
        assert by.get(key_of(d)) is None
    for d in asked:
        assert copy.get(key_of(d)) is ref[key_of(d)]
    copy.freeze()
    assert sorted(map(id, copy.values())) == sorted(map(id, ref.values()))
    assert all(copy.get(key_of(d)) is ref[key_of(d)] for d in [*held, *asked])


@given(st.lists(decisions, min_size=2, max_size=40))
def test_numbers_shared_across_issuers_and_series_are_told_apart(ds: list[gm.Decision]) -> None:
    by = ByIdentity()
    for d in ds:
        by.setdefault(d)
    numbers = [d.number for d in by.values()]
    assume(len(set(numbers)) < len(numbers))  # some number is shared
    for d in ds:
        held = by.get(key_of(d))
        assert held is not None and held.ref == d.ref


def test_a_decision_already_held_cannot_be_added_again() -> None:
    d = _decision(1, "lang-son/ubnd", 2021, None)
    by = ByIdentity()
    by.update([d])
    with pytest.raises(ValueError, match="1/QĐ-UBND"):
        by.update([_decision(1, "lang-son/ubnd", 2021, None)])


def test_a_pair_of_many_decisions_is_copied_on_write() -> None:
    many = [_decision(i, "p0/ubnd", 2020, None) for i in range(1, 25)]
    by = ByIdentity()
    by.update(many[:16])
    by.freeze()
    copy = by.copy()
    copy.update(many[16:])
    assert all(by.get(key_of(d)) is d for d in many[:16])
    assert all(by.get(key_of(d)) is None for d in many[16:])  # the copy wrote its own
    assert all(copy.get(key_of(d)) is d for d in many)
    assert sorted(map(id, copy.values())) == sorted(map(id, many))
    assert by.setdefault(_decision(1, "p0/ubnd", 2020, None)) is many[0]
    kinds = [_decision(99, "p0/ubnd", 2020, None, kind) for kind in ("QĐ", "KH", "normative", "SNV")]
    by.update(kinds)  # one serial, four numbers (two in one head), in the original
    by.freeze()
    assert [by.get(key_of(d)) for d in kinds] == kinds and copy.get(key_of(kinds[2])) is None
    filed = ByIdentity()
    again = [many[0], many[1], many[0], _decision(2, "p0/ubnd", 2020, None)]
    original = ByIdentity()
    original.update(many[:16])  # not frozen: its heads are dicts when copied
    shared = original.copy()
    original.update(many[16:])
    assert all(shared.get(key_of(d)) is None for d in many[16:]), "the copy saw the original's"
    clashes = [(id(d), id(held)) for d, held in filed.fill(again)]
    assert clashes == [(id(many[0]), id(many[0])), (id(again[3]), id(many[1]))]
    assert len(filed) == 2
