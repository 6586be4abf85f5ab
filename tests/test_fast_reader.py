"""The fast reader of valid files (govmodel._serial.fast) on generated values.

Laws: whatever the values, the fast reader reads every item of a file, in its plain form or
its table form, exactly as the cattrs converter does (equal values, the texts and ids it
deferred all valid); a dataset read from its table form equals the one read from its plain
form; a default made by a factory is shared between objects only when it cannot change;
and the loader's checks of a whole file still report each problem on its path.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from govmodel._fields import to_id
from govmodel._serial.checks import all_ids
from govmodel._serial.fast import FastReader, Slow, _makes_frozen
from govmodel._serial.paths import _structure_list
from govmodel._serial.table import dumps_tables
from govmodel.decisions import Decision
from govmodel.effects import SplitPart
from govmodel.errors import DatasetError, GovModelError
from govmodel.model import AnyOrganisation, Mandate, PostRef, TaskGroup
from govmodel.serialize import Dataset, dumps, loads
from strategies import datasets, loose_datasets

SOME = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def converted(data: dict[str, Any], key: str, t: Any) -> list[Any]:
    """The items of ``data[key]`` as the converter reads them (every one must read)."""
    problems: list[Any] = []
    got = [x for _, x in _structure_list(data, key, t, problems)]
    assert problems == []
    return got


@SOME
@given(loose_datasets())
def test_the_fast_reader_reads_any_values_as_the_converter(ds: Dataset) -> None:
    """Any organisations and decisions, read fast from the plain form, equal the
    converter's reading of them; read from the table form, they equal the dataset's."""
    text = dumps(ds)
    # the deferred check may only be cautious with a text holding its separator, \x00
    cautious = "\\u0000" in text
    plain = json.loads(text)
    fast = FastReader()
    orgs = fast.read_many(plain.get("organisations", []), AnyOrganisation)
    decisions = fast.read_many(plain.get("decisions", []), Decision)
    assert fast.verified() or cautious
    assert orgs == converted(plain, "organisations", AnyOrganisation)
    assert decisions == converted(plain, "decisions", Decision)

    compact = json.loads(dumps_tables(ds))
    fast = FastReader()
    raw_orgs = compact.get("organisations", [])
    orgs = (fast.read_table(raw_orgs, AnyOrganisation) if isinstance(raw_orgs, dict)
            else fast.read_many(raw_orgs, AnyOrganisation))
    decisions = fast.read_many(compact.get("decisions", []), Decision)
    assert fast.verified() or cautious
    assert tuple(orgs) == ds.organisations
    assert tuple(decisions) == ds.decisions


@SOME
@given(datasets(max_steps=6))
def test_a_dataset_reads_the_same_from_its_table_form(ds: Dataset) -> None:
    """A checked dataset written as tables reads back to the dataset its plain form reads
    to, and to itself."""
    assert loads(dumps_tables(ds)) == loads(dumps(ds)) == ds


def test_a_frozen_default_is_shared_and_a_mutable_one_is_not() -> None:
    """A split part without a mandate gets the empty mandate (one value for all of them);
    a default a factory makes anew (a list) is made for each object."""
    parts = FastReader().read_many([{"org_id": "a"}, {"org_id": "b"}], SplitPart)
    assert parts == [SplitPart(org_id="a"), SplitPart(org_id="b")]
    assert parts[0].mandate == Mandate() and parts[0].mandate is parts[1].mandate

    @attrs.define
    class Bag:
        name: str
        items: list[str] = attrs.Factory(list)

    bags = FastReader().read_many([{"name": "x"}, {"name": "y"}], Bag)
    assert bags == [Bag("x"), Bag("y")] and bags[0].items is not bags[1].items
    assert _makes_frozen(Mandate)
    assert not _makes_frozen(Bag) and not _makes_frozen(list)


def test_a_mixed_table_with_nulls_reads_as_its_rows() -> None:
    """Rows of several types in one table, each with its own columns (null elsewhere),
    and optional values left out in some rows: read as the plain rows are."""
    rows = [
        {"type": "AdminUnit", "id": "p", "name": "tỉnh P", "unit_type": "tinh"},
        {"type": "Agency", "id": "p/ubnd", "name": "UBND tỉnh P", "kind": "peoples_committee",
         "level": "province", "territory": "p"},
        {"type": "AdminUnit", "id": "p/a", "name": "xã A", "parent": "p", "unit_type": "xa",
         "short_names": ["A"], "identifiers": [{"scheme": "gso", "value": "01"}]},
        {"type": "Unit", "id": "p/ubnd/vp", "name": "Văn phòng", "parent": "p/ubnd",
         "kind": "office"},
    ]
    keys = list(dict.fromkeys(k for r in rows for k in r))
    table = {"columns": {k: [r.get(k) for r in rows] for k in keys}}
    # a null where the type has the field stands for its default (the writer writes that)
    table["columns"]["short_names"] = [r.get("short_names", []) for r in rows]
    table["columns"]["identifiers"] = [r.get("identifiers", []) for r in rows]
    fast = FastReader()
    got = fast.read_table(table, AnyOrganisation)
    assert fast.verified()
    assert got == converted({"organisations": rows}, "organisations", AnyOrganisation)


@pytest.mark.parametrize("table", [
    {"columns": {"type": ["AdminUnit", 5], "id": ["p", "q"], "name": ["P", "Q"],
                 "unit_type": ["tinh", "tinh"]}},
    {"columns": {"type": ["AdminUnit", "Nope"], "id": ["p", "q"], "name": ["P", "Q"],
                 "unit_type": ["tinh", "tinh"]}},
    {"columns": {"type": ["AdminUnit"], "id": ["p", "q"]}},
    {"columns": {"type": ["AdminUnit", "Agency"], "id": ["p", "q"], "name": ["P", "Q"],
                 "unit_type": ["tinh", "tinh"], "kind": [None, "ministry"],
                 "level": [None, "central"]}},  # an Agency with a unit type
])
def test_the_fast_reader_gives_up_on_a_table_the_converter_refuses(table: Any) -> None:
    """A table with a tag that is not a text or not a type, columns of other lengths, or a
    cell a row's type does not have: not read here (the converter says what is wrong)."""
    with pytest.raises(Slow):
        FastReader().read_table(table, AnyOrganisation)


def problems_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(DatasetError) as info:
        loads(json.dumps(data, ensure_ascii=False))
    return [(p.path, p.reason) for p in info.value.problems]


def test_an_id_given_twice_is_a_problem_in_either_form() -> None:
    """The second first state with an id already given is a problem on its id, in the plain
    form and on the id's cell of a table."""
    unit = {"type": "AdminUnit", "id": "p", "name": "tỉnh P", "unit_type": "tinh"}
    plain = {"schema_version": 1, "name": "n", "title": "t",
             "organisations": [unit, {**unit, "name": "tỉnh P mới"}]}
    reason = "organisation 'p' is already given at $.organisations[0]"
    assert problems_of(plain) == [("$.organisations[1].id", reason)]
    table = {**plain, "organisations": {"columns": {
        "type": ["AdminUnit", "AdminUnit"], "id": ["p", "p"],
        "name": ["tỉnh P", "tỉnh P mới"], "unit_type": ["tinh", "tinh"],
    }}}
    assert problems_of(table) == [("$.organisations.columns.id[1]", reason)]


def test_a_mention_of_an_unknown_organisation_is_still_a_problem() -> None:
    """An observation naming an organisation no first state or decision introduces is a
    problem on its id (the known ids are gathered when there are mentions to check)."""
    data = {"schema_version": 1, "name": "n", "title": "t",
            "organisations": [{"type": "AdminUnit", "id": "p", "name": "tỉnh P",
                               "unit_type": "tinh"}],
            "observations": [
                {"org_id": "p", "name": "tỉnh P", "on": "2025-01-01",
                 "source": {"document": "Báo P"}},
                {"org_id": "q", "name": "tỉnh Q", "on": "2025-01-01",
                 "source": {"document": "Báo P"}},
            ]}
    got = problems_of(data)
    assert [p for p, _ in got] == ["$.observations[1].org_id"]
    assert "unknown organisation 'q'" in got[0][1]


@given(st.lists(st.text(alphabet="aAz09._-/\nÀ ", max_size=4)
                | st.text(alphabet="a/", min_size=198, max_size=203), max_size=6))
def test_all_ids_is_never_more_lenient_than_to_id(ids: list[str]) -> None:
    """all_ids (characters, lengths and first characters checked on all the ids at once)
    accepts ids only when to_id accepts each one unchanged, and accepts every list of
    valid ids without a new line."""
    def valid(i: str) -> bool:
        try:
            return to_id(i) == i
        except GovModelError:
            return False
    if all_ids(ids):
        assert all(valid(i) for i in ids)
    if all(valid(i) and "\n" not in i for i in ids):
        assert all_ids(ids)


_NUMBERS = st.sampled_from([
    "12/QĐ-UBND", "12/2021/QĐ-UBND", "7/NQ-HĐND", "15/UBND", "3/2020/NQ-HĐND", "9/UBND-VP"])
_DAYS = st.dates(dt.date(2019, 1, 1), dt.date(2022, 12, 31)).map(dt.date.isoformat)


@st.composite
def decision_items(draw: st.DrawFn) -> dict[str, Any]:
    """A decision as JSON, with any of the fields whose defaults read the decision itself
    (effective_on, known_on, year, doc_type) left out, and the signing date known or not."""
    item: dict[str, Any] = {"number": draw(_NUMBERS), "issuer": "x/ubnd"}
    if draw(st.booleans()):
        item["signed_on"] = draw(st.none() | _DAYS)
    for key in ("effective_on", "known_on"):
        if draw(st.booleans()):
            item[key] = draw(_DAYS)
    if draw(st.booleans()):
        item["year"] = draw(st.integers(2019, 2022))
    if draw(st.booleans()):
        item["doc_type"] = draw(st.sampled_from(["QĐ", "NQ"]))
    return item


@SOME
@given(st.lists(decision_items(), min_size=1, max_size=8))
def test_defaults_made_from_the_decision_are_made_as_init_makes_them(items: list[Any]) -> None:
    """Decisions are read past their __init__: each default made from the decision (the
    effective date from the signing date, the date known from either, the year and type
    from the number) is made from the fields before it, as __init__ makes it. Items the
    converter refuses (no date at all, a number without a type) are not read fast."""
    good, bad = [], []
    for item in items:
        problems: list[Any] = []
        _structure_list({"decisions": [item]}, "decisions", Decision, problems)
        (bad if problems else good).append(item)
    event(f"{min(len(good), 3)}+ read, {min(len(bad), 1)}+ refused")
    for item in bad:
        with pytest.raises(Slow):
            FastReader().read_many([item], Decision)
    assume(good)
    fast = FastReader()
    got = fast.read_many(good, Decision)  # several together: a column of each field
    assert got == converted({"decisions": good}, "decisions", Decision) and fast.verified()


def test_a_decision_without_its_dates_reads_its_defaults_fast() -> None:
    """The seeds' common case: a decision effective and known on its signing date."""
    item = {"number": "2041/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-10-13"}
    late = {**item, "number": "15/UBND", "doc_type": "QĐ", "effective_on": "2021-11-01"}
    got = FastReader().read_many([item, late], Decision)
    assert (got[0].effective_on, got[0].known_on, got[0].year, got[0].doc_type) == (
        dt.date(2021, 10, 13), dt.date(2021, 10, 13), 2021, "QĐ")
    assert (got[1].effective_on, got[1].known_on, got[1].year) == (
        dt.date(2021, 11, 1), dt.date(2021, 10, 13), 2021)
    assert got == [Decision(number="2041/QĐ-UBND", issuer="lang-son/ubnd",
                            signed_on=dt.date(2021, 10, 13)),
                   Decision(number="15/UBND", issuer="lang-son/ubnd", doc_type="QĐ",
                            signed_on=dt.date(2021, 10, 13), effective_on=dt.date(2021, 11, 1))]


def test_a_title_is_read_as_its_converter_reads_it_fast_or_not() -> None:
    """A decision's title: "" kept, other text NFC and tidied; an untidy one sends the file
    to the converter, which tidies it (the fast reader only defers the check)."""
    base = {"issuer": "lang-son/ubnd", "signed_on": "2021-10-13"}
    tidy = [{**base, "number": f"{i}/QĐ-UBND", "title": t}
            for i, t in enumerate(["", "Về việc kiện toàn Ban Chỉ đạo"], start=1)]
    fast = FastReader()
    got = fast.read_many(tidy, Decision)
    assert fast.verified() and [d.title for d in got] == ["", "Về việc kiện toàn Ban Chỉ đạo"]
    untidy = {**base, "number": "3/QĐ-UBND",
              "title": unicodedata.normalize("NFD", "Về  việc kiện toàn ")}
    fast = FastReader()
    fast.read_many([*tidy, untidy], Decision)
    assert not fast.verified()  # the converter reads it instead
    text = json.dumps({"schema_version": 1, "name": "t", "title": "T",
                       "organisations": [{"type": "Agency", "id": "lang-son/ubnd",
                                          "name": "UBND tỉnh Lạng Sơn",
                                          "kind": "peoples_committee", "level": "province"}],
                       "decisions": [*tidy, untidy]}, ensure_ascii=False)
    titles = [d.title for d in loads(text).decisions]
    assert titles == ["", "Về việc kiện toàn Ban Chỉ đạo", "Về việc kiện toàn"]


_names = st.sampled_from(["Hạ tầng số", "Báo chí", "Xuất bản"])


@SOME
@given(st.lists(st.tuples(_names, st.lists(st.sampled_from("abcd"), max_size=3)), max_size=5))
def test_task_groups_of_one_name_become_one_read_fast_or_not(
    groups: list[tuple[str, list[str]]]
) -> None:
    """Groups sharing a name merge, tasks in first-seen order, once each; groups of distinct
    names are kept as given — built, read fast, or read by the converter."""
    merged: dict[str, list[str]] = {}
    for name, tasks in groups:
        merged.setdefault(name, []).extend(t for t in tasks if t not in merged[name])
    expected = tuple(TaskGroup(n, tuple(ts)) for n, ts in merged.items())
    event("a name repeated" if len(merged) < len(groups) else "names distinct")
    built = Mandate(task_groups=[TaskGroup(n, tuple(ts)) for n, ts in groups])
    assert built.task_groups == expected
    raw = [{"task_groups": [{"name": n, "tasks": ts} for n, ts in groups]}]
    fast = FastReader()
    assert [m.task_groups for m in fast.read_many(raw, Mandate)] == [expected]
    assert fast.verified()
    assert [m.task_groups for m in converted({"m": raw}, "m", Mandate)] == [expected]


def test_texts_read_after_a_check_are_checked_by_the_next() -> None:
    """verified() (and settle(), which uses it) checks what was read since the last check:
    an untidy text read after one is not let through by the next."""
    item = {"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-10-13"}
    fast = FastReader()
    fast.read_many([{**item, "title": "Về việc"}], Decision)
    fast.settle()
    fast.read_many([{**item, "title": "Về  việc"}], Decision)
    assert not fast.verified()
    fast.read_many([{**item, "title": "Về việc"}], Decision)
    fast.read_many([{**item, "issuer": "Lang Son"}], Decision)
    with pytest.raises(Slow):
        fast.settle()


def test_equal_ids_and_texts_read_are_one_object() -> None:
    """A file names the same organisations and posts many times over: each distinct id or
    text read stands for all its equal ones (across the slices a reader reads)."""
    item = {"number": "1/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-10-13",
            "signer": {"org_id": "lang-son/ubnd", "title": "Chủ tịch"}}
    fast = FastReader()
    first = fast.read_many(json.loads(json.dumps([item])), Decision)[0]
    second = fast.read_many(json.loads(json.dumps([item])), Decision)[0]
    assert fast.verified() and first == second
    assert first.issuer is second.issuer is first.signer.org_id
    assert first.signer.title is second.signer.title


_posts = st.fixed_dictionaries(
    {"org_id": st.sampled_from(["lang-son/ubnd", "lang-son/so-tttt"]),
     "title": st.sampled_from(["Chủ tịch", "Giám đốc", unicodedata.normalize("NFD", "Giám đốc")])},
    optional={"qualifier": st.none() | st.sampled_from(["phụ trách", "thường trực"])},
).flatmap(lambda d: st.permutations(list(d.items())).map(dict))  # any key order


@SOME
@given(st.lists(_posts, min_size=1, max_size=3), st.lists(st.integers(0, 2), min_size=2,
                                                           max_size=12))
def test_objects_of_texts_only_are_read_once_each_and_stand_for_their_equals(
    pool: list[dict[str, Any]], picks: list[int]
) -> None:
    """Posts (texts only) repeat: each distinct one is read once and its value stands for
    the equal ones. The values equal the converter's reading; an untidy text still sends
    the file to the converter; a null or another key order is read on its own."""
    posts = [json.loads(json.dumps(pool[i % len(pool)])) for i in picks]  # equal, not same
    fast = FastReader()
    got = fast.read_many(posts, PostRef)
    untidy = any(not unicodedata.is_normalized("NFC", p["title"]) for p in posts)
    assert fast.verified() is not untidy
    if not untidy:
        assert got == converted({"posts": posts}, "posts", PostRef)
    texts_only = all(type(v) is str for p in posts for v in p.values())
    distinct = {tuple(p.items()) for p in posts}
    event(f"texts only {texts_only}, shared {len(distinct) * 2 <= len(posts)}")
    if texts_only and len(distinct) * 2 <= len(posts):
        for p, x in zip(posts, got, strict=True):
            twin = next(y for q, y in zip(posts, got, strict=True) if q == p and
                        list(q) == list(p))
            assert x is twin  # one object for each distinct JSON object


def test_a_task_group_of_a_subclass_is_made_a_task_group() -> None:
    """Groups are merged into plain TaskGroup values, whatever class they were given as."""
    @attrs.frozen
    class Tagged(TaskGroup):
        pass

    got = Mandate(task_groups=[Tagged("Báo chí", ("a",))]).task_groups
    assert got == (TaskGroup("Báo chí", ("a",)),) and type(got[0]) is TaskGroup


def test_numbers_and_remembered_conversions_hold_across_slices() -> None:
    """A number named again in a later slice (by a decision ending the first) is parsed
    once for the reader, and equal to the converter's reading."""
    first = {"number": "12/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-01-04"}
    later = {"number": "30/QĐ-UBND", "issuer": "lang-son/ubnd", "signed_on": "2021-03-01",
             "supersedes": [{"issuer": "lang-son/ubnd", "number": "12/QĐ-UBND", "year": 2021}]}
    fast = FastReader()
    a = fast.read_many([first], Decision)[0]
    b = fast.read_many([later], Decision)[0]
    assert fast.verified()
    assert b.supersedes[0].number is a.number
    assert [a, b] == converted({"d": [first, later]}, "d", Decision)
