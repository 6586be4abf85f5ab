"""Administrative units, official codes and lineage (issue 12), through the public API.

Hand-built scenarios for every effect on units: provinces consolidated into a new one and a
province absorbed into another, a commune divided into two parts with the default marked,
part of an area transferred, a xã reclassified as a phường, the district level ended with
its communes moving up in one effect, a code passed to the new province. Then the bad
inputs, each a typed error naming the decision, the effect and the field (and, in a file,
the JSON path), and the laws on generated unit histories.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings

import govmodel as gm
from govmodel.serialize import Dataset, dumps, loads
from govmodel.testing import unit_timelines

QH = gm.Agency(id="vn/quoc-hoi", name="Quốc hội", kind="national_assembly", level="central")
JULY = dt.date(2025, 7, 1)


def tinh(uid: str, name: str, code: str, **kw: object) -> gm.AdminUnit:
    return gm.AdminUnit(id=uid, name=f"tỉnh {name}", unit_type="tinh",
                        identifiers=[gm.Identifier("gso", code, **kw)])


def unit(uid: str, name: str, kind: str, parent: str, code: str | None = None) -> gm.AdminUnit:
    ids = [gm.Identifier("gso", code)] if code else []
    return gm.AdminUnit(id=uid, name=name, unit_type=kind, parent=parent, identifiers=ids)


def nq(number: str, *effects: gm.Effect, day: str = "2025-06-12") -> gm.Decision:
    return gm.Decision(number=number, issuer="vn/quoc-hoi", signed_on=day, doc_type="NQ",
                       effects=effects)


HA_GIANG = tinh("ha-giang", "Hà Giang", "02")
TUYEN_QUANG = tinh("tuyen-quang", "Tuyên Quang", "08", valid_to="2025-07-01")
BAC_KAN = tinh("bac-kan", "Bắc Kạn", "06")
THAI_NGUYEN = tinh("thai-nguyen", "Thái Nguyên", "19")
NEW_TQ = tinh("tuyen-quang-2025", "Tuyên Quang", "08", valid_from="2025-07-01")
PROVINCES = [QH, HA_GIANG, TUYEN_QUANG, BAC_KAN, THAI_NGUYEN]


def provinces_2025() -> gm.Timeline:
    d = nq("202/2025/QH15",
           gm.Merge(sources=["ha-giang", "tuyen-quang"], into="tuyen-quang-2025",
                    establish=NEW_TQ, effective_on=JULY),
           gm.Merge(sources=["bac-kan"], into="thai-nguyen", effective_on=JULY))
    return gm.Timeline.from_decisions([d], initial=PROVINCES)


# --------------------------------------------------------------------------- consolidation
def test_two_provinces_consolidate_into_a_new_one_and_a_third_absorbs_a_fourth():
    tl = provinces_2025()
    assert {o.id for o in tl.as_of("2025-06-30").organisations()} >= {"ha-giang", "bac-kan"}
    after = tl.as_of(JULY)
    assert "ha-giang" not in after
    assert after["tuyen-quang-2025"].name == "tỉnh Tuyên Quang"
    ended = tl.history("ha-giang")[-1].ended
    assert ended is not None
    assert (ended.kind, ended.into, ended.on) == ("merged", ("tuyen-quang-2025",), JULY)
    assert ended.decision is not None and str(ended.decision.number) == "202/2025/QH15"
    absorbed = tl.history("bac-kan")[-1].ended
    assert absorbed is not None and (absorbed.kind, absorbed.into) == ("absorbed", ("thai-nguyen",))
    # the absorbing body keeps a trace: its predecessors
    assert [(e.source, e.kind) for e in tl.predecessors("thai-nguyen")] == [("bac-kan", "absorbed")]
    assert {e.source for e in tl.predecessors("tuyen-quang-2025")} == {"ha-giang", "tuyen-quang"}
    assert tl.successor("ha-giang").id == "tuyen-quang-2025"
    kinds = {(c.org_id, c.attribute) for c in tl.diff("2025-06-30", "2025-07-01")}
    assert ("ha-giang", "merged") in kinds
    assert ("bac-kan", "absorbed") in kinds
    assert not any(a == "dissolved" for _, a in kinds)


def test_a_code_passes_to_the_new_province_on_1_july():
    tl = provinces_2025()
    assert tl.by_identifier("gso", "08", on="2025-06-30") == ("tuyen-quang",)
    assert tl.by_identifier("gso", "08", on="2025-07-01") == ("tuyen-quang-2025",)
    assert tl.by_identifier("gso", "08") == ("tuyen-quang", "tuyen-quang-2025")
    assert tl.by_identifier("gso", "02", on="2025-07-01") == ()  # Hà Giang ended
    assert tl.by_identifier("gso", "02", on="2025-06-01") == ("ha-giang",)


def test_the_agency_of_the_province_that_ha_giang_became_is_one_call():
    ubnd = gm.Agency(id="tuyen-quang-2025/ubnd", name="Ủy ban nhân dân tỉnh Tuyên Quang",
                     kind="peoples_committee", level="province", territory="tuyen-quang-2025")
    base = provinces_2025()
    d = nq("1/NQ-QH", gm.Establish(org=ubnd, effective_on=JULY), day="2025-06-13")
    tl = base.with_decision(d)
    became = tl.successor("ha-giang", on="2025-07-01").id
    snap = tl.as_of(JULY)
    governing = [o.id for o in snap.organisations()
                 if isinstance(o, gm.Agency) and o.territory == became]
    assert governing == ["tuyen-quang-2025/ubnd"]


# --------------------------------------------------------------------------- split
def _commune_world() -> list[gm.Organisation]:
    return [QH, BAC_KAN,
            unit("bac-kan/cho-don", "huyện Chợ Đồn", "huyen", "bac-kan", "063"),
            unit("bac-kan/cho-don/xa-a", "xã A", "xa", "bac-kan/cho-don", "02000"),
            unit("bac-kan/cho-don/xa-b", "xã B", "xa", "bac-kan/cho-don", "02001")]


def test_a_commune_divided_into_two_parts_with_the_default_marked():
    p1 = unit("bac-kan/xa-moi-1", "xã Mới Một", "xa", "bac-kan")
    p2 = unit("bac-kan/xa-moi-2", "xã Mới Hai", "xa", "bac-kan")
    d = nq("1/NQ-UBTVQH15", gm.Split(source="bac-kan/cho-don/xa-a", parts=[
        gm.SplitPart(org_id=p1.id, establish=p1, area_share=0.6),
        gm.SplitPart(org_id=p2.id, establish=p2, default=True, area_share=0.4),
    ], effective_on=JULY))
    tl = gm.Timeline.from_decisions([d], initial=_commune_world())
    edges = tl.successors("bac-kan/cho-don/xa-a")
    assert [(e.target, e.kind, e.default, e.area_share) for e in edges] == [
        (p1.id, "split", False, 0.6), (p2.id, "split", True, 0.4)]
    assert tl.successor("bac-kan/cho-don/xa-a").id == p2.id  # the default part
    ended = tl.history("bac-kan/cho-don/xa-a")[-1].ended
    assert ended is not None and ended.default == p2.id and ended.kind == "split"
    assert set(ended.into) == {p1.id, p2.id}


def test_part_of_an_area_goes_to_another_unit_which_lives_on():
    d = nq("2/NQ-UBTVQH15", gm.TransferArea(from_unit="bac-kan/cho-don/xa-a",
                                            to_unit="bac-kan/cho-don/xa-b", area_share=0.25,
                                            effective_on=JULY))
    tl = gm.Timeline.from_decisions([d], initial=_commune_world())
    assert "bac-kan/cho-don/xa-a" in tl.as_of(JULY)
    (edge,) = tl.successors("bac-kan/cho-don/xa-a")
    assert (edge.target, edge.kind, edge.area_share) == ("bac-kan/cho-don/xa-b",
                                                         "part-transferred", 0.25)
    assert tl.predecessors("bac-kan/cho-don/xa-b") == (edge,)


def test_a_xa_reclassified_as_a_phuong_keeps_its_id_and_codes():
    d = nq("3/NQ-UBTVQH15", gm.Reclassify(org_id="bac-kan/cho-don/xa-b", unit_type="phuong"))
    tl = gm.Timeline.from_decisions([d], initial=_commune_world())
    before, after = tl.as_of("2025-06-11")["bac-kan/cho-don/xa-b"], tl.as_of("2025-06-12")[
        "bac-kan/cho-don/xa-b"]
    assert (before.unit_type, after.unit_type) == (gm.UnitType.XA, gm.UnitType.PHUONG)
    assert after.identifiers == before.identifiers
    assert tl.by_identifier("gso", "02001", on="2025-06-12") == ("bac-kan/cho-don/xa-b",)
    v = tl.history("bac-kan/cho-don/xa-b")[0]
    assert v.ended is not None and v.ended.kind == "reclassified"
    assert [c.attribute for c in tl.diff("2025-06-11", "2025-06-12")] == ["kind"]


def test_the_district_level_ends_in_one_effect_and_50_communes_move_up():
    world: list[gm.Organisation] = [QH, THAI_NGUYEN]
    for h in range(5):
        world.append(unit(f"tn/h{h}", f"huyện {h}", "huyen", "thai-nguyen"))
        world += [unit(f"tn/h{h}/x{k}", f"xã {h}-{k}", "xa", f"tn/h{h}") for k in range(10)]
    d = nq("203/2025/QH15", gm.EndLevel(unit_types=["huyen", "quan", "thi_xa", "thanh_pho_tinh"],
                                        effective_on=JULY), day="2025-06-16")
    assert len(d.effects) == 1
    tl = gm.Timeline.from_decisions([d], initial=world)
    snap = tl.as_of(JULY)
    assert not any(o.unit_type.tier == 2 for o in snap.organisations()
                   if isinstance(o, gm.AdminUnit))
    communes = [o for o in snap.organisations() if isinstance(o, gm.AdminUnit)
                and o.unit_type is gm.UnitType.XA]
    assert len(communes) == 50
    assert {c.parent for c in communes} == {"thai-nguyen"}
    assert tl.as_of("2025-06-30")["tn/h3/x7"].parent == "tn/h3"
    assert tl.history("tn/h0")[-1].ended.kind == "dissolved"


def test_pending_lists_a_decision_in_force_whose_effects_come_later():
    tl = provinces_2025()
    (d,) = tl.decisions
    assert tl.in_force(d, "2025-06-20")
    assert tl.pending("2025-06-20") == (d,)
    assert tl.pending("2025-07-01") == ()
    known = tl.as_of("2025-06-20", known_on="2025-06-11")
    assert "ha-giang" in known


# --------------------------------------------------------------------------- bad input
def _bad(decision: gm.Decision, error: type[gm.DecisionError], initial=None) -> gm.DecisionError:
    with pytest.raises(error) as info:
        gm.Timeline.from_decisions([decision], initial=initial or _commune_world())
    e = info.value
    assert e.decision is not None and "1/NQ-QH" in e.decision
    assert e.effect_index == 0
    return e


def test_a_unit_inside_a_unit_of_a_smaller_level_is_refused():
    small = unit("bac-kan/cho-don/xa-a/huyen-x", "huyện X", "huyen", "bac-kan/cho-don/xa-a")
    e = _bad(nq("1/NQ-QH", gm.Establish(org=small)), gm.InvalidEffectError)
    assert "smaller level" in e.reason and e.org_id == small.id


def test_a_split_with_no_default_or_overlapping_parts_is_refused():
    parts = [gm.SplitPart(org_id=f"bac-kan/p{i}", establish=unit(f"bac-kan/p{i}", f"xã {i}",
                                                                 "xa", "bac-kan"))
             for i in (1, 2)]
    e = _bad(nq("1/NQ-QH", gm.Split(source="bac-kan/cho-don/xa-a", parts=parts)),
             gm.InvalidEffectError)
    assert "default" in e.reason
    with pytest.raises(gm.InvalidEffectError, match="overlap"):
        gm.Split(source="bac-kan/cho-don/xa-a", parts=[
            gm.SplitPart(org_id="bac-kan/p1", area_share=0.7, default=True),
            gm.SplitPart(org_id="bac-kan/p2", area_share=0.5)])


def test_a_code_claimed_twice_on_one_day_is_refused_naming_both():
    twin = unit("bac-kan/cho-don/xa-c", "xã C", "xa", "bac-kan/cho-don", "02000")
    with pytest.raises(gm.DuplicateIdentifierError) as info:
        gm.Timeline.from_decisions([nq("1/NQ-QH", gm.Establish(org=twin))],
                                   initial=_commune_world())
    assert "bac-kan/cho-don/xa-a" in str(info.value) and "bac-kan/cho-don/xa-c" in str(info.value)
    assert info.value.decision is not None and "1/NQ-QH" in info.value.decision


def test_a_reclassification_to_the_same_type_is_refused():
    e = _bad(nq("1/NQ-QH", gm.Reclassify(org_id="bac-kan/cho-don/xa-a", unit_type="xa")),
             gm.InvalidEffectError)
    assert "already has" in e.reason


@pytest.mark.parametrize(("effect", "path"), [
    ({"type": "Reclassify", "org_id": "bac-kan/cho-don/xa-a", "unit_type": "xa"},
     "$.decisions[0].effects[0].org_id"),
    ({"type": "Establish", "org": {"type": "AdminUnit", "id": "bac-kan/cho-don/xa-a/h",
                                   "name": "huyện H", "unit_type": "huyen",
                                   "parent": "bac-kan/cho-don/xa-a"}},
     "$.decisions[0].effects[0].org.id"),
    ({"type": "Reclassify", "org_id": "bac-kan/cho-don/xa-a", "unit_type": "lang"},
     "$.decisions[0].effects[0].unit_type"),
])
def test_bad_unit_input_in_a_file_is_reported_at_its_json_path(effect, path):
    ds = json.loads(dumps(Dataset(name="units", title="units", organisations=_commune_world())))
    ds["decisions"] = [{"number": "1/NQ-QH", "issuer": "vn/quoc-hoi", "signed_on": "2025-06-12",
                        "effects": [effect]}]
    with pytest.raises(gm.DatasetError) as info:
        loads(json.dumps(ds))
    assert path in {p.path for p in info.value.problems}, info.value.problems


def test_units_and_codes_round_trip_through_the_file_format():
    tl = provinces_2025()
    ds = Dataset(name="p", title="p", organisations=tl.initial, decisions=tl.decisions)
    back = loads(dumps(ds))
    assert back == ds
    assert back.timeline().by_identifier("gso", "08", on=JULY) == ("tuyen-quang-2025",)


# --------------------------------------------------------------------------- laws
@settings(max_examples=80, deadline=None)
@given(unit_timelines())
def test_lineage_laws_on_generated_unit_histories(tl):
    ids = tl.organisation_ids()
    out = {i: tl.successors(i) for i in ids}
    into = {i: tl.predecessors(i) for i in ids}
    # successors and predecessors are inverse
    for i, edges in out.items():
        for e in edges:
            if e.target is not None and e.target != i:
                assert e in into[e.target]
    for edges in into.values():
        assert all(e in out[e.source] for e in edges)
    # the succession lineage is acyclic: what a body was merged, absorbed or split into
    # never leads back to it (parts of an area may pass back and forth between two units
    # that both live on, so those edges are not successions)
    graph = {i: {e.target for e in out[i] if e.kind in ("merged", "absorbed", "split")}
             for i in ids}
    state: dict[str, int] = {}

    def visit(n: str) -> None:
        state[n] = 1
        for m in graph.get(n, ()):
            assert state.get(m) != 1, f"lineage cycle through {n} and {m}"
            if m not in state:
                visit(m)
        state[n] = 2

    for i in ids:
        if i not in state:
            visit(i)
    # every ended version has exactly one ending, agreeing with the lineage
    for i in ids:
        versions = tl.history(i)
        for v in versions[:-1]:
            assert v.ended is not None and v.ended.on == v.valid_to
        last = versions[-1]
        assert (last.ended is None) == (last.valid_to is None)
        if last.ended is not None and last.ended.kind in ("merged", "absorbed", "split"):
            targets = {e.target for e in out[i] if e.on == last.valid_to
                       and e.kind == last.ended.kind}
            assert targets == set(last.ended.into)
    # a code has at most one holder on any day
    days = sorted({v.valid_from for i in ids for v in tl.history(i) if v.valid_from} |
                  {dt.date(2000, 1, 1)})
    for i in ids:
        for code in tl.history(i)[0].value.identifiers:
            for day in days:
                assert len(tl.by_identifier(code.scheme, code.value, on=day)) <= 1
    tl._index._check()


@settings(max_examples=40, deadline=None)
@given(unit_timelines())
def test_unit_histories_are_order_independent_and_insertable(tl):
    """Laws 1: the order of the decisions never matters; adding the last one to the rest
    equals building with it."""
    again = gm.Timeline.from_decisions(tuple(reversed(tl.decisions)), initial=tl.initial)
    assert again == tl
    for day in (dt.date(2024, 1, 1), JULY, dt.date(2026, 1, 1)):
        assert {o.id: o for o in again.as_of(day).organisations()} == {
            o.id: o for o in tl.as_of(day).organisations()}
    if tl.decisions:
        rest = gm.Timeline.from_decisions(tl.decisions[:-1], initial=tl.initial)
        one = rest.with_decision(tl.decisions[-1])
        for day in (JULY, dt.date(2026, 1, 1)):
            assert {o.id: o for o in one.as_of(day).organisations()} == {
                o.id: o for o in tl.as_of(day).organisations()}


def test_generated_unit_histories_hold_every_effect_on_units():
    """The law tests above see what they claim: consolidations, absorptions, divided
    communes, transferred areas, reclassifications and an ended level all occur."""
    from hypothesis import find  # noqa: PLC0415

    for kind in ("Merge", "Split", "TransferArea", "Reclassify", "EndLevel"):
        tl = find(unit_timelines(), lambda t, k=kind: any(
            type(e).__name__ == k for d in t.decisions for e in d.effects))
        assert tl.decisions
    absorbed = find(unit_timelines(), lambda t: any(
        e.kind == "absorbed" for i in t.organisation_ids() for e in t.successors(i)))
    assert absorbed.decisions


def test_a_problem_left_by_a_failed_reclassification_is_its_follow_on():
    # law 11: the refused reclassification leaves xã A a xã, so the later one back to xã,
    # which the data means to undo the first, fails only because of it
    up = nq("1/NQ-QH", gm.Reclassify(org_id="bac-kan/cho-don/xa-a", unit_type="thi_xa"))
    back = nq("2/NQ-QH", gm.Reclassify(org_id="bac-kan/cho-don/xa-a", unit_type="xa"),
              day="2025-08-01")
    errors = gm.validate([up, back], initial=_commune_world())
    assert len(errors) == 1 and "1/NQ-QH" in (errors[0].decision or "")
    (follow_on,) = errors[0].follow_ons
    assert "2/NQ-QH" in (follow_on.decision or "") and "already has" in follow_on.reason


def test_a_problem_left_by_a_failed_split_is_its_follow_on():
    # law 11: the refused split (a part under a parent no record has) leaves xã A alive in
    # Chợ Đồn, so dissolving the district later fails only because of it
    stray = unit("bac-kan/xa-moi", "xã Mới", "xa", "bac-kan/khong-co")
    split = nq("1/NQ-UBTVQH15", gm.Split(source="bac-kan/cho-don/xa-a", parts=[
        gm.SplitPart(org_id=stray.id, establish=stray, default=True),
        gm.SplitPart(org_id="bac-kan/cho-don/xa-b"),
    ], effective_on=JULY))
    move_b = nq("2/NQ-UBTVQH15", gm.Move(org_id="bac-kan/cho-don/xa-b", parent="bac-kan"),
                day="2025-08-01")
    end = nq("3/NQ-UBTVQH15", gm.Dissolve(org_id="bac-kan/cho-don"), day="2025-08-02")
    errors = gm.validate([split, move_b, end], initial=_commune_world())
    assert len(errors) == 1 and "1/NQ-UBTVQH15" in (errors[0].decision or "")
    (follow_on,) = errors[0].follow_ons
    assert "3/NQ-UBTVQH15" in (follow_on.decision or "")
    assert follow_on.org_id == "bac-kan/cho-don/xa-a" and "still alive" in follow_on.reason
