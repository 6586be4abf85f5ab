"""Regression tests for the engine fixes real national data needed (issue "engine in layers").

Each test here failed before its fix:

* law 9 — a diff credits each change to the decision that made it, not to the decision
  behind the latest version;
* law 5 — two same-day merges that share a source merge every source (or conflict, naming
  both); two same-day renames with the same result are no conflict; effects on one day
  apply in dependency order whatever the decisions' signing dates, issuers or positions;
* law 11 — one root mistake is reported once, its follow-on problems counted under it;
* law 10 — Party documents are numbered per term, so two "01-NQ/TU" of one committee in one
  year, before and after a congress, are two documents.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.serialize import Dataset, dumps, loads

UBND = gm.Agency(id="x/ubnd", name="Ủy ban nhân dân tỉnh X", kind="peoples_committee",
                 level="province")
SO = gm.Agency(id="x/so", name="Sở A", parent="x/ubnd", kind="department", level="province")
U1 = gm.Unit(id="x/u1", name="Phòng 1", short_names=["P1"], parent="x/so", kind="division")
U2 = gm.Unit(id="x/u2", name="Phòng 2", parent="x/so", kind="division")
U3 = gm.Unit(id="x/u3", name="Phòng 3", parent="x/so", kind="division")
FIRST = [UBND, SO, U1, U2, U3]


def qd(n: int, day: str, *effects: gm.Effect, issuer: str = "x/ubnd", **kw: object) -> gm.Decision:
    return gm.Decision(number=f"{n}/QĐ-UBND", issuer=issuer, signed_on=day, effects=effects, **kw)


# --------------------------------------------------------------------------- law 9
def test_diff_credits_each_change_to_its_own_decision_on_different_days():
    rename = qd(1, "2021-03-01", gm.Rename(org_id="x/u1", name="Phòng Một"))
    move = qd(2, "2021-04-01", gm.Move(org_id="x/u1", parent="x/ubnd"))
    tl = gm.Timeline.from_decisions([rename, move], initial=FIRST)
    by = {(c.org_id, c.attribute): c.decision for c in tl.diff("2021-01-01", "2021-12-31")}
    assert by[("x/u1", "name")] is rename
    assert by[("x/u1", "parent")] is move


def test_diff_credits_each_change_to_its_own_decision_on_one_day():
    rename = qd(1, "2021-03-01", gm.Rename(org_id="x/u1", name="Phòng Một"))
    move = qd(2, "2021-03-01", gm.Move(org_id="x/u1", parent="x/ubnd"))
    tl = gm.Timeline.from_decisions([move, rename], initial=FIRST)
    by = {(c.org_id, c.attribute): c.decision for c in tl.diff("2021-01-01", "2021-12-31")}
    assert by[("x/u1", "name")] is rename
    assert by[("x/u1", "parent")] is move
    prov = tl.provenance("x/u1", "2021-03-01")
    assert prov["name"] is rename
    assert prov["parent"] is move
    assert prov["kind"] is None  # set by the first state


def test_establishment_renamed_the_same_day_is_credited_to_the_establisher():
    new = gm.Unit(id="x/u9", name="Phòng Chín", parent="x/so", kind="division")
    make = qd(1, "2021-03-01", gm.Establish(org=new))
    rename = qd(2, "2021-03-01", gm.Rename(org_id="x/u9", name="Phòng Số Chín"))
    tl = gm.Timeline.from_decisions([rename, make], initial=FIRST)
    changes = [c for c in tl.diff("2021-01-01", "2021-12-31") if c.org_id == "x/u9"]
    assert [(c.attribute, c.decision) for c in changes] == [("established", make)]
    assert changes[0].after.name == "Phòng Số Chín"
    prov = tl.provenance("x/u9", "2021-03-02")
    assert prov["established"] is make
    assert prov["name"] is rename
    assert prov["parent"] is make


# --------------------------------------------------------------------------- law 5, merges
def test_two_same_day_merges_sharing_a_source_merge_every_source():
    a = qd(1, "2021-03-01", gm.Merge(sources=["x/u1", "x/u2"], into="x/u3"))
    b = qd(2, "2021-03-01", gm.Merge(sources=["x/u2", "x/u1"], into="x/u3"))
    c = qd(3, "2021-03-01", gm.Merge(sources=["x/u1"], into="x/u3"))
    tl = gm.Timeline.from_decisions([a, b, c], initial=FIRST)
    snap = tl.as_of("2021-03-01")
    assert "x/u1" not in snap
    assert "x/u2" not in snap
    assert tl.successor("x/u2").id == "x/u3"


def test_a_shared_source_does_not_stop_the_other_sources_of_the_second_merge():
    u4 = gm.Unit(id="x/u4", name="Phòng 4", parent="x/so", kind="division")
    a = qd(1, "2021-03-01", gm.Merge(sources=["x/u1"], into="x/u3"))
    b = qd(2, "2021-03-01", gm.Merge(sources=["x/u1", "x/u4"], into="x/u3"))
    tl = gm.Timeline.from_decisions([a, b], initial=[*FIRST, u4])
    snap = tl.as_of("2021-03-02")
    assert "x/u4" not in snap  # before the fix the second merge was skipped whole
    assert tl.successor("x/u4").id == "x/u3"


def test_a_source_merged_into_two_bodies_on_one_day_is_a_conflict_naming_both():
    a = qd(1, "2021-03-01", gm.Merge(sources=["x/u1"], into="x/u3"))
    b = qd(2, "2021-03-01", gm.Merge(sources=["x/u1", "x/u2"], into="x/so"))
    with pytest.raises(gm.ConflictError) as info:
        gm.Timeline.from_decisions([a, b], initial=FIRST)
    assert "1/QĐ-UBND" in str(info.value)
    assert "2/QĐ-UBND" in str(info.value)


def test_repeated_merges_keep_both_successor_posts_or_conflict():
    head = gm.PostRef("x/u1", "Trưởng phòng")
    a = qd(1, "2021-03-01", gm.Merge(
        sources=["x/u1"], into="x/u3",
        posts=[gm.PostSuccession(old=head, new=gm.PostRef("x/u3", "Trưởng phòng"))]))
    b = qd(2, "2021-03-01", gm.Merge(
        sources=["x/u1", "x/u2"], into="x/u3",
        posts=[gm.PostSuccession(old=head, new=gm.PostRef("x/u3", "Phó Trưởng phòng"))]))
    with pytest.raises(gm.ConflictError) as info:
        gm.Timeline.from_decisions([a, b], initial=FIRST)
    assert "Phó Trưởng phòng" in str(info.value)


def test_same_day_renames_with_the_same_result_are_no_conflict():
    keep = qd(1, "2021-03-01", gm.Rename(org_id="x/u1", name="Phòng Một"))
    repeat = qd(2, "2021-03-01", gm.Rename(org_id="x/u1", name="Phòng Một", short_names=["P1"]))
    tl = gm.Timeline.from_decisions([keep, repeat], initial=FIRST)
    assert tl.as_of("2021-03-01")["x/u1"].short_names == ("P1",)
    other = qd(3, "2021-03-01", gm.Rename(org_id="x/u1", name="Phòng Một", short_names=[]))
    with pytest.raises(gm.ConflictError):
        gm.Timeline.from_decisions([keep, other], initial=FIRST)


# --------------------------------------------------------------------------- law 5, order
def test_a_split_part_may_be_listed_after_the_effect_that_uses_it():
    part = gm.Unit(id="x/u7", name="Phòng 7", parent="x/so", kind="division")
    d = qd(1, "2021-03-01",
           gm.Rename(org_id="x/u7", name="Phòng Bảy"),
           gm.Split(source="x/u3", parts=[gm.SplitPart(org_id="x/u7", mandate=gm.Mandate(),
                                                       establish=part)]))
    tl = gm.Timeline.from_decisions([d], initial=FIRST)
    assert tl.as_of("2021-03-01")["x/u7"].name == "Phòng Bảy"


def test_a_body_made_by_a_later_sorting_issuer_is_there_for_an_earlier_one():
    # the National Assembly's id sorts after its Standing Committee's: the new province
    # must still exist before the committee's resolution puts a commune under it
    qh = gm.Agency(id="vn/z-quoc-hoi", name="Quốc hội", kind="national_assembly", level="central")
    ubtv = gm.Agency(id="vn/a-ubtvqh", name="Ủy ban Thường vụ Quốc hội", kind="national_assembly",
                     level="central")
    prov = gm.Agency(id="p/ubnd", name="UBND tỉnh P", kind="peoples_committee", level="province")
    nq1 = gm.Decision(number="1/NQ-QH", issuer="vn/z-quoc-hoi", signed_on="2025-06-12",
                      effects=[gm.Establish(org=prov, effective_on="2025-07-01")])
    nq2 = gm.Decision(number="2/NQ-UBTVQH", issuer="vn/a-ubtvqh", signed_on="2025-06-10",
                      effects=[gm.Establish(
                          org=gm.Agency(id="p/xa", name="UBND xã Q", parent="p/ubnd",
                                        kind="peoples_committee", level="commune"),
                          effective_on="2025-07-01")])
    tl = gm.Timeline.from_decisions([nq1, nq2], initial=[qh, ubtv])
    assert tl.as_of("2025-07-01")["p/xa"].parent == "p/ubnd"


def test_an_effect_on_a_body_applies_before_the_same_day_merge_that_ends_it():
    move = qd(2, "2021-03-01", gm.Rename(org_id="x/u1", name="Phòng Một"))
    merge = qd(1, "2021-03-01", gm.Merge(sources=["x/u1"], into="x/u3"))
    tl = gm.Timeline.from_decisions([merge, move], initial=FIRST)
    assert tl.history("x/u1")[-1].valid_to == dt.date(2021, 3, 1)
    assert tl.successor("x/u1").id == "x/u3"


def _chain(n: int, signs: list[int], issuers: list[str]) -> tuple[list[gm.Decision], list]:
    """n decisions on one day, the k-th establishing body k under body k-1."""
    roots = [gm.Agency(id=f"i/{s}", name=f"Cơ quan {s}", kind="ministry", level="central")
             for s in sorted(set(issuers))]
    out = []
    for k in range(n):
        parent = "root" if k == 0 else f"o{k - 1}"
        org = gm.Unit(id=f"o{k}", name=f"Phòng {k}", parent=parent, kind="division")
        out.append(gm.Decision(
            number=f"{k + 1}/QĐ-BX", issuer=f"i/{issuers[k]}",
            signed_on=dt.date(2025, 1, 1) + dt.timedelta(days=signs[k]),
            effects=[gm.Establish(org=org, effective_on="2025-07-01")]))
    root = gm.Agency(id="root", name="Gốc", kind="ministry", level="central")
    return out, [root, *roots]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.randoms(use_true_random=False))
def test_same_day_dependency_order_whatever_the_sort_keys(n, rnd):
    """A dataset whose decisions' issuer ids and signing dates run opposite to their
    dependencies loads, and equals the one in dependency order."""
    forward, first = _chain(n, list(range(n)), [f"{k:02d}" for k in range(n)])
    backward, first_b = _chain(n, list(range(n, 0, -1)), [f"{n - k:02d}" for k in range(n)])
    order = list(backward)
    rnd.shuffle(order)
    a = gm.Timeline.from_decisions(forward, initial=first)
    b = gm.Timeline.from_decisions(order, initial=first_b)
    day = dt.date(2025, 7, 1)
    assert {o.id: o for o in a.as_of(day).organisations() if o.id.startswith("o")} == {
        o.id: o for o in b.as_of(day).organisations() if o.id.startswith("o")
    }
    assert len([o for o in b.as_of(day).organisations() if o.id.startswith("o")]) == n
    b._index._check()


# --------------------------------------------------------------------------- law 11
def _communes(n: int, duplicate: bool) -> dict[str, object]:
    """A commune-scale dataset: n communes with their UBND and a unit each, all merged
    into one new commune on 1/7/2025; with *duplicate*, one commune id given twice."""
    orgs: list[dict[str, object]] = [{"type": "Agency", "id": "p/ubnd", "name": "UBND tỉnh P",
                                      "kind": "peoples_committee", "level": "province"}]
    effects: list[dict[str, object]] = []
    for k in range(n):
        cid = "p/xa-0" if duplicate and k == 1 else f"p/xa-{k}"
        effects.append({"type": "Establish", "org": {
            "type": "Agency", "id": cid, "name": f"UBND xã {k}", "parent": "p/ubnd",
            "kind": "peoples_committee", "level": "commune"}})
        effects.append({"type": "Establish", "org": {
            "type": "Unit", "id": f"p/xa-{k}/van-phong", "name": "Văn phòng", "parent": cid,
            "kind": "office"}})
    merges = [{"type": "Merge", "sources": [f"p/xa-{k}" for k in range(n)], "into": "p/xa-moi",
               "establish": {"type": "Agency", "id": "p/xa-moi", "name": "UBND xã Mới",
                             "parent": "p/ubnd", "kind": "peoples_committee",
                             "level": "commune"}}]
    merges += [{"type": "Dissolve", "org_id": f"p/xa-{k}/van-phong"} for k in range(n)]
    return {
        "schema_version": 1, "name": "communes", "title": "communes", "organisations": orgs,
        "decisions": [
            {"number": "1/QĐ-UBND", "issuer": "p/ubnd", "signed_on": "2020-01-01",
             "effects": effects},
            {"number": "2/QĐ-UBND", "issuer": "p/ubnd", "signed_on": "2025-07-01",
             "effects": merges},
        ],
    }


def test_one_duplicated_id_is_one_root_problem_with_a_follow_on_count():
    assert loads(json.dumps(_communes(300, duplicate=False))).timeline()
    with pytest.raises(gm.DatasetError) as info:
        loads(json.dumps(_communes(300, duplicate=True)))
    roots = info.value.problems
    assert len(roots) == 1, [str(p) for p in roots]
    assert "already exists" in roots[0].reason
    assert roots[0].path.startswith("$.decisions[0].effects[2]")
    assert len(roots[0].follow_ons) >= 1
    assert all(p.path.startswith("$.") for p in roots[0].follow_ons)
    assert "follow-on problem" in str(info.value)


def test_validate_reports_roots_and_counts_follow_ons():
    data = _communes(50, duplicate=True)
    ds = loads(json.dumps({**data, "decisions": []}))
    decisions = [gm.Decision(number="1/QĐ-UBND", issuer="p/ubnd", signed_on="2020-01-01",
                             effects=[gm.Establish(org=gm.Agency(
                                 id="p/xa", name="UBND xã", parent="p/ubnd",
                                 kind="peoples_committee", level="commune")),
                                 gm.Establish(org=gm.Agency(
                                     id="p/xa", name="UBND xã khác", parent="p/ubnd",
                                     kind="peoples_committee", level="commune")),
                                 gm.Establish(org=gm.Unit(id="p/xa/vp", name="Văn phòng",
                                                          parent="p/xa", kind="office"))]),
                 gm.Decision(number="2/QĐ-UBND", issuer="p/ubnd", signed_on="2021-01-01",
                             effects=[gm.Dissolve(org_id="p/xa")])]
    errors = gm.validate(decisions, initial=ds.organisations)
    assert len(errors) == 1
    assert isinstance(errors[0], gm.DuplicateOrganisationError)
    assert errors[0].follow_ons  # the Văn phòng left alive under the dissolved body
    assert all(isinstance(f, gm.DecisionError) for f in errors[0].follow_ons)


# --------------------------------------------------------------------------- law 10
TU = gm.Agency(id="x/tinh-uy", name="Tỉnh ủy X", kind="party_committee", level="province")


def _nq(term: str | None, day: str, title: str) -> gm.Decision:
    return gm.Decision(number="01-NQ/TU", issuer="x/tinh-uy", signed_on=day, title=title,
                       term=term)


def test_two_party_resolutions_numbered_alike_in_one_year_are_two_documents():
    before = _nq("2015-2020", "2020-03-01", "trước Đại hội")
    after = _nq("2020-2025", "2020-11-20", "sau Đại hội")
    tl = gm.Timeline.from_decisions([before, after], initial=[TU])
    assert len(tl.decisions) == 2
    assert before.ref != after.ref
    assert tl.decision(gm.DecisionRef("x/tinh-uy", "01-NQ/TU", 2020, term="2020-2025")) is after


def test_without_a_term_the_series_is_the_year():
    a, b = _nq(None, "2020-03-01", "một"), _nq(None, "2020-11-20", "hai")
    assert a.series == 2020
    with pytest.raises(gm.DuplicateDecisionError):
        gm.Timeline.from_decisions([a, b], initial=[TU])
    c = _nq(None, "2021-01-05", "ba")
    assert len(gm.Timeline.from_decisions([a, c], initial=[TU]).decisions) == 2


def test_state_documents_have_no_term():
    with pytest.raises(gm.InvalidValueError):
        gm.Decision(number="5/QĐ-UBND", issuer="x/ubnd", signed_on="2021-01-01", term="2020-2025")
    with pytest.raises(gm.InvalidValueError):
        _nq("2025-2020", "2021-01-01", "bad term")


def test_term_round_trips_through_the_file_format():
    a, b = _nq("2015-2020", "2020-03-01", "một"), _nq("2020-2025", "2020-11-20", "hai")
    later = gm.Decision(number="7/QĐ-UBND", issuer="x/ubnd", signed_on="2021-01-01",
                        supersedes=[gm.DecisionRef("x/tinh-uy", "01-NQ/TU", 2020, term="2015-2020")])
    ds = Dataset(name="party", title="Party", organisations=[TU, UBND], decisions=[a, b, later])
    text = dumps(ds)
    assert '"term": "2020-2025"' in text
    back = loads(text)
    assert back == ds
    tl = back.timeline()
    assert tl.ends(a) == dt.date(2021, 1, 1)
    assert tl.ends(b) is None
