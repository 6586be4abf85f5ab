"""find() through its inverted index equals a scan of every name, and finds every name."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel._engine.names import name_table
from govmodel.vn import text as text_module
from govmodel.vn.text import expand_aliases, fold, tokens
from strategies import ROOT, Scenario, scenarios


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


def rows_by_loop(tl: gm.Timeline) -> dict[str, tuple[object, ...]]:
    """The oracle of the name rows, from the public histories (not the index's lists): one
    row per name (then each short name) per run of versions holding the same names, from
    the run's first start (a first state: ``date.min``) to its last version's end."""
    out: dict[str, tuple[object, ...]] = {}
    for org_id in tl._index.tracks:
        rows: list[object] = []
        runs: list[list[gm.Version]] = []
        for v in tl.history(org_id):
            if runs and (runs[-1][-1].value.name, runs[-1][-1].value.short_names) == (
                v.value.name, v.value.short_names
            ):
                runs[-1].append(v)
            else:
                runs.append([v])
        for run in runs:
            start = dt.date.min if run[0].valid_from is None else run[0].valid_from
            for text in (run[0].value.name, *run[0].value.short_names):
                rows.append((org_id, frozenset(tokens(text)), start, run[-1].valid_to))
        out[org_id] = tuple(rows)
    return out


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_name_rows_equal_a_loop_over_versions(sc: Scenario) -> None:
    """The rows made a column at a time over all tracks equal the loop's, row for row."""
    tl = sc.timeline()
    want = rows_by_loop(tl)
    event("short names" if any(len(r) > 1 for r in want.values()) else "no short name")
    assert name_table(tl._index) == want


def test_a_new_short_name_alone_begins_a_row() -> None:
    """A rename that keeps the name and changes the short names ends the run of rows."""
    ubnd = gm.Agency(id="x/ubnd", name="Ủy ban nhân dân tỉnh X", kind="peoples_committee",
                     level="province")
    unit = gm.Unit(id="x/u1", name="Phòng Một", short_names=["P1"], parent="x/ubnd",
                   kind="division")
    rename = gm.Decision(number="2/QĐ-UBND", issuer="x/ubnd", signed_on=dt.date(2021, 3, 1),
                         effects=[gm.Rename(org_id="x/u1", name="Phòng Một", short_names=["PM"])])
    tl = gm.Timeline.from_decisions([rename], initial=[ubnd, unit])
    start = dt.date.min  # a first state holds from the beginning
    assert name_table(tl._index)["x/u1"] == (
        ("x/u1", frozenset({"phong", "mot"}), start, dt.date(2021, 3, 1)),
        ("x/u1", frozenset({"p1"}), start, dt.date(2021, 3, 1)),
        ("x/u1", frozenset({"phong", "mot"}), dt.date(2021, 3, 1), None),
        ("x/u1", frozenset({"pm"}), dt.date(2021, 3, 1), None),
    )
    assert tl.find("pm") == ["x/u1"] and tl.find("pm", "2021-02-28") == []


def test_name_rows_of_the_communes_equal_a_loop() -> None:
    """On the bundled commune dataset: 14,000 tracks, renames and codes over 2025."""
    tl = gm.load_dataset("vietnam-communes-2025")
    assert name_table(tl._index) == rows_by_loop(tl)


@settings(max_examples=40, deadline=None)
@given(scenarios(), st.data())
def test_find_after_an_addition_equals_a_scan(sc: Scenario, data: st.DataObject) -> None:
    """An index extended by a decision keeps the name rows of the organisations it did not
    touch (folded once, before) and makes the others' again: find() still equals the scan."""
    tl = sc.timeline()
    tl.find("so")  # the name rows, which the extended index inherits
    day = data.draw(st.sampled_from(sc.dates))
    alive = sorted(o.id for o in tl.as_of(day).organisations())
    assume(alive)
    org_id = data.draw(st.sampled_from(alive))
    old = [n for i in tl.organisation_ids() for v in tl.history(i) for n in v.value.names]
    name = data.draw(st.sampled_from([*old, "Phòng Chuyển đổi số", "Ban CĐS mới"]))
    rename = gm.Decision(number="9999/QĐ-UBND", issuer=ROOT, signed_on=day,
                         effects=[gm.Rename(org_id=org_id, name=name)])
    try:
        after = tl.with_decision(rename)
    except gm.DecisionError:
        assume(False)
        return
    event("rows inherited" if after._index.names else "rows made again")
    words = tokens(name)
    k = data.draw(st.integers(1, max(1, len(words))))
    text = data.draw(st.sampled_from([" ".join(words[:k]), " ".join(words[-k:]), "so"]))
    when = data.draw(st.none() | st.sampled_from(sc.dates))
    assert after.find(text, when) == scan(after, text, when)
    assert tl.find(text, when) == scan(tl, text, when)  # the first timeline is as it was


@given(st.text())
def test_plain_d_is_the_translation_of_d_like_letters(text: str) -> None:
    """The replacements fold() makes for "Đ"-like letters are those of the table."""
    assert text_module._plain_d(text) == text.translate(text_module._D_LIKE)
    assert text_module._plain_d(text + "ĐđÐðƉɖ") == text.translate(text_module._D_LIKE) + "DdDdDd"


_PIECES = [" ", "  ", "&", "-", ",", "va", "và", "tt", "TT", "kh", "KH", "cn", "ubnd", "UBND",
           "CĐS", "đ", "Đ", "ơ", "ộ", "ủy", "Ủy", "x", "a\u0301", "\u0323", "\u034f", "\u0307",
           "İ", "ß", "Ω", "中", "\u0661", "²", "tttt", "gd", "đt", "kh va dt", "KH & CN",
           *text_module.ALIASES]
_TEXTS = st.text() | st.lists(st.sampled_from(_PIECES), max_size=12).map("".join) | st.lists(
    st.sampled_from(_PIECES), max_size=8
).map(" ".join)


def _spelt_out(text: str) -> str:
    """expand_aliases() without its quick test: the expression over every text."""

    def spell(m: re.Match[str]) -> str:
        return text_module._EXPANSIONS[str(m.lastgroup)]

    return text_module._ALIAS_RE.sub(spell, fold(text))


@given(_TEXTS)
def test_texts_without_a_leading_pair_have_no_abbreviation(text: str) -> None:
    """expand_aliases() skips the expression for a text that holds none of the two-letter
    starts of the abbreviations: the result is what the expression gives."""
    assert text_module._ALIAS_STARTS is not None  # every pattern starts with two letters
    assert expand_aliases(text) == _spelt_out(text)


def test_every_abbreviation_is_spelled_out_past_the_quick_test() -> None:
    for written in text_module.ALIASES:
        for text in (written, f"Sở {written} tỉnh", f"({written.lower()})", written.upper()):
            assert expand_aliases(text) == _spelt_out(text), text
            assert expand_aliases(text) != fold(text), text


@given(_TEXTS)
def test_marks_stripped_one_by_one_as_by_the_expression(text: str) -> None:
    """_strip_marks() removes the Vietnamese marks by replacement first: the same text as
    the expression alone."""
    assert all(text_module._LATIN_MARKS.fullmatch(m) for m in text_module._VIETNAMESE_MARKS)
    nfd = unicodedata.normalize("NFD", text)
    out = text_module._LATIN_MARKS.sub("", nfd)
    expected = text if text.isascii() else out if out.isascii() else (
        text_module._NON_ASCII.sub(text_module._unless_mark, out)
    )
    assert text_module._strip_marks(text) == expected


@given(_TEXTS)
def test_tokens_split_as_the_expression_finds_them(text: str) -> None:
    """tokens() splits a folded text of letters, digits and spaces at its spaces: the words
    the expression finds."""
    assert tokens(text) == tuple(text_module._TOKEN.findall(expand_aliases(text)))


@settings(max_examples=60, deadline=None)
@given(scenarios(), st.data())
def test_a_query_makes_the_rows_of_the_organisations_holding_its_words_only(
    sc: Scenario, data: st.DataObject
) -> None:
    """The first query indexes the word sets of every name; the rows it makes are those of
    the organisations that ever held a name with every word of the query (one word: its
    rarest word is that word), and it answers as the scan."""
    tl = sc.timeline()
    ix = tl._index
    held = {i: {w for v in tl.history(i) for n in v.value.names for w in tokens(n)}
            for i in tl.organisation_ids()}
    word = data.draw(st.sampled_from(sorted(set().union(*held.values()) or {"so"})))
    assert tl.find(word) == scan(tl, word, None)
    holders = {i for i, words in held.items() if word in words}
    assert set(ix.names) == holders
    event("some organisation not made" if len(holders) < len(held) else "every one made")
    assert name_table(ix) == rows_by_loop(tl) and set(ix.names) == set(held)
