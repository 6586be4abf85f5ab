"""find() through its inverted index equals a scan of every name, and finds every name."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govmodel.vn.text import tokens
from strategies import Scenario, scenarios


def scan(sc_tl: object, text: str, day: object) -> list[str]:
    """The oracle: every version's names, word sets compared, no index."""
    tl = sc_tl
    query = frozenset(tokens(text))
    if not query:
        return []
    ranks: dict[str, int] = {}
    for org_id in tl.organisation_ids():  # type: ignore[attr-defined]
        versions = tl.history(org_id)  # type: ignore[attr-defined]
        alive = day is None or tl.as_of(day).get(org_id) is not None  # type: ignore[attr-defined]
        if not alive:
            continue
        for v in versions:
            if day is not None and v.valid_from is not None and v.valid_from > day:
                continue
            if not any(query <= frozenset(tokens(n)) for n in v.value.names):
                continue
            current = v.valid_to is None if day is None else (v.valid_to is None or day < v.valid_to)
            rank = 0 if current else 1
            ranks[org_id] = min(rank, ranks.get(org_id, rank))
    return sorted(ranks, key=lambda i: (ranks[i], i))


@settings(max_examples=60, deadline=None)
@given(scenarios(), st.data())
def test_find_equals_a_scan_of_every_name(sc: Scenario, data: st.DataObject) -> None:
    tl = sc.timeline()
    ids = tl.organisation_ids()
    org_id = data.draw(st.sampled_from(ids))
    name = data.draw(st.sampled_from([n for v in tl.history(org_id) for n in v.value.names]))
    words = tokens(name)
    # a query of some of the name's words, or of a word no name has
    k = data.draw(st.integers(1, max(1, len(words))))
    text = data.draw(st.sampled_from([" ".join(words[:k]), " ".join(words[-k:]), "zzqx"]))
    day = data.draw(st.none() | st.sampled_from(sc.dates))
    found = tl.find(text, day)
    assert found == scan(tl, text, day)
    if day is None and text != "zzqx":
        assert org_id in found
    assert tl.find(text, day) == found  # the index, once built, answers the same
