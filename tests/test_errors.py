"""One test per kind of bad input: the error type, and a message naming the culprit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import govmodel as gm

R = "t/ubnd"
ROOT = gm.Agency(id=R, name="UBND tỉnh Thử", kind="peoples_committee", level="province")
SO = gm.Agency(id="t/so", name="Sở Thử", parent=R, kind="department", level="province")
U = gm.Unit(id="t/so/phong", name="Phòng Thử", parent="t/so", kind="division")
BCD = gm.Committee(id="t/bcd", name="Ban Chỉ đạo Thử", parent=R)
FIRST = [ROOT, SO, U, BCD]


def dec(n: int, day: str, *effects: gm.Effect, **kw: object) -> gm.Decision:
    return gm.Decision(number=f"{n}/QĐ-UBND", issuer=R, signed_on=day, effects=list(effects), **kw)


def build(*decisions: gm.Decision) -> gm.Timeline:
    return gm.Timeline.from_decisions(decisions, initial=FIRST)


def test_unknown_organisation():
    """An effect naming an id no decision establishes: UnknownOrganisationError (a KeyError)."""
    with pytest.raises(
        gm.UnknownOrganisationError,
        match=r"12/QĐ-UBND \(t/ubnd, 2021\) effect #0 \(Rename\).*'t/so-ttt'",
    ) as e:
        build(dec(12, "2021-12-10", gm.Rename(org_id="t/so-ttt", name="X")))
    assert isinstance(e.value, KeyError) and e.value.effect_index == 0


def test_not_alive_yet():
    """Renaming a body before its establishment takes effect: NotAliveError."""
    est = dec(
        2,
        "2021-06-01",
        gm.Establish(org=gm.Unit(id="t/new", name="Mới", parent=R, kind="division")),
    )
    with pytest.raises(
        gm.NotAliveError, match="'t/new' is not alive on 2021-01-01: it is established only later"
    ):
        build(est, dec(1, "2021-01-01", gm.Rename(org_id="t/new", name="Y")))


def test_rename_of_dissolved_body():
    """Renaming a dissolved body: NotAliveError naming when and by which decision it ended."""
    with pytest.raises(gm.NotAliveError, match=r"ended on 2021-01-01 by 1/QĐ-UBND"):
        build(
            dec(1, "2021-01-01", gm.Dissolve(org_id=U.id)),
            dec(2, "2021-02-01", gm.Rename(org_id=U.id, name="Z")),
        )


def test_establish_existing_id():
    """Establishing an id already in use: DuplicateOrganisationError."""
    with pytest.raises(gm.DuplicateOrganisationError, match="'t/so' already exists"):
        build(dec(1, "2021-01-01", gm.Establish(org=SO.evolve(name="Sở Khác"))))


def test_hierarchy_cycle_via_move():
    """Moving a department under its own unit: HierarchyCycleError."""
    with pytest.raises(gm.HierarchyCycleError, match="own ancestor"):
        build(dec(1, "2021-01-01", gm.Move(org_id="t/so", parent=U.id)))


def test_merge_into_itself():
    """A merge whose target is among its sources is refused when built."""
    with pytest.raises(gm.InvalidEffectError, match="into itself"):
        gm.Merge(sources=("t/so",), into="t/so")


def test_effective_before_signing_unless_retroactive():
    """effective_on before signed_on is an InvalidDatesError unless retroactive=True."""
    with pytest.raises(gm.InvalidDatesError, match="before signed_on"):
        dec(1, "2021-02-01", effective_on="2021-01-01")
    assert dec(
        1, "2021-02-01", effective_on="2021-01-01", retroactive=True
    ).effective_on == dt.date(2021, 1, 1)


def test_expiry_not_after_effect():
    """expires_on on or before effective_on: InvalidDatesError."""
    with pytest.raises(gm.InvalidDatesError, match="expires_on"):
        dec(1, "2021-02-01", expires_on="2021-02-01")


def test_unknown_signing_date_needs_effective_date():
    """With no signing date the effective date is required (Quyết định 33's case)."""
    with pytest.raises(gm.InvalidDatesError, match="effective_on is required"):
        gm.Decision(number="33/2021/QĐ-UBND", issuer=R)
    d = gm.Decision(number="33/2021/QĐ-UBND", issuer=R, effective_on="10/12/2021")
    assert d.signed_on is None and d.year == 2021 and d.known_on == dt.date(2021, 12, 10)


def test_supersession_of_unknown_decision():
    """Superseding a decision the timeline does not hold: UnknownDecisionError."""
    with pytest.raises(gm.UnknownDecisionError, match="1782/QĐ-UBND"):
        build(dec(1, "2021-01-01", supersedes=[gm.DecisionRef(R, "1782/QĐ-UBND", 2020)]))


def test_supersession_of_decision_signed_later():
    """Superseding a decision signed later: SupersessionError."""
    later = dec(2, "2021-05-01")
    with pytest.raises(gm.SupersessionError, match="signed later"):
        build(later, dec(1, "2021-01-01", supersedes=[later.ref]))


def test_same_day_conflict_names_both():
    """Two decisions moving one unit to different parents on one day: ConflictError."""
    with pytest.raises(gm.ConflictError, match=r"2/QĐ-UBND.*1/QĐ-UBND"):
        build(
            dec(1, "2021-01-01", gm.Move(org_id=U.id, parent=R)),
            dec(2, "2021-01-01", gm.Move(org_id=U.id, parent=None)),
        )


def test_duplicate_decision_identity():
    """Two different decisions with one (issuer, number, year): DuplicateDecisionError;
    the same decision twice is one decision."""
    a = dec(1, "2021-01-01", gm.Rename(org_id=U.id, name="A"))
    with pytest.raises(gm.DuplicateDecisionError, match="1/QĐ-UBND"):
        build(a, dec(1, "2021-03-01"))
    assert len(build(a, a)) == 1


def test_member_post_of_dead_organisation():
    """A committee member post in an organisation not alive: NotAliveError naming the post."""
    gone = dec(1, "2021-01-01", gm.Dissolve(org_id=U.id))
    comp = dec(
        2,
        "2021-02-01",
        gm.SetComposition(
            org_id=BCD.id, members=[gm.Membership("head", gm.PostRef(U.id, "Trưởng phòng"))]
        ),
    )
    with pytest.raises(gm.NotAliveError, match="post 'Trưởng phòng'"):
        build(gone, comp)


def test_composition_of_non_committee():
    """SetComposition on a department: InvalidEffectError."""
    with pytest.raises(gm.InvalidEffectError, match="not a Committee"):
        build(dec(1, "2021-01-01", gm.SetComposition(org_id="t/so", members=[])))


def test_dissolving_parent_of_live_unit():
    """Dissolving a department whose unit stays alive: NotAliveError naming the orphan."""
    with pytest.raises(gm.NotAliveError, match="'t/so/phong' is still alive"):
        build(dec(1, "2021-01-01", gm.Dissolve(org_id="t/so")))
    ok = build(dec(1, "2021-01-01", gm.Dissolve(org_id=U.id), gm.Dissolve(org_id="t/so")))
    assert "t/so" not in ok.as_of("2021-01-01")


def test_transfer_of_function_not_held():
    """Transferring a function the source does not hold: InvalidEffectError."""
    m = gm.Mandate(functions=["báo chí"])
    with pytest.raises(gm.InvalidEffectError, match="does not hold"):
        build(
            dec(1, "2021-01-01", gm.SetMandate(org_id="t/so", mandate=m)),
            dec(
                2,
                "2021-02-01",
                gm.TransferFunctions(
                    from_org="t/so", to_org=R, mandate=gm.Mandate(functions=["xuất bản"])
                ),
            ),
        )


def test_split_must_assign_every_function():
    """A split that leaves a function to nobody is ambiguous: InvalidEffectError."""
    m = gm.Mandate(functions=["báo chí", "xuất bản"])
    part = gm.SplitPart(org_id=R, mandate=gm.Mandate(functions=["báo chí"]))
    with pytest.raises(gm.InvalidEffectError, match="which part takes"):
        build(
            dec(1, "2021-01-01", gm.SetMandate(org_id=U.id, mandate=m)),
            dec(2, "2021-02-01", gm.Split(source=U.id, parts=[part])),
        )


def test_bad_values_are_typed():
    """Malformed ids, numbers and dates raise InvalidValueError subclasses, never TypeError."""
    with pytest.raises(gm.InvalidValueError, match="organisation id"):
        gm.Unit(id="Bad Id", name="x", kind="division")
    with pytest.raises(gm.DocumentNumberError):
        gm.Decision(number="abc", issuer=R, signed_on="2021-01-01")
    with pytest.raises(gm.InvalidValueError, match=r"no such day|not a date"):
        gm.Decision(number="1/QĐ-UBND", issuer=R, signed_on="32/13/2021")
    with pytest.raises(gm.InvalidValueError, match="not a UnitKind"):
        gm.Unit(id="a", name="x", kind="bogus")


def test_validate_collects_every_fault():
    """validate() reports all faults instead of stopping at the first."""
    errors = gm.validate(
        [
            dec(
                1,
                "2021-01-01",
                gm.Rename(org_id="t/x", name="X"),
                gm.Move(org_id="t/so", parent="t/y"),
            )
        ],
        initial=FIRST,
    )
    assert [type(e) for e in errors] == [gm.UnknownOrganisationError, gm.UnknownOrganisationError]
    assert [e.effect_index for e in errors] == [0, 1]


_REF_FIELDS = ("supersedes", "repeals", "amends")


@given(
    field=st.sampled_from(_REF_FIELDS),
    serial=st.integers(1, 999),
    others=st.lists(st.tuples(st.integers(1, 999), st.sampled_from([2020, 2021])), max_size=3),
)
def test_a_decision_naming_itself_is_refused(
    field: str, serial: int, others: list[tuple[int, int]]
) -> None:
    """A decision that supersedes, repeals or amends itself: InvalidValueError naming it and
    the field; references to other decisions (another serial, or the same serial in
    another year) are accepted, wherever the reference to itself stands among them."""
    refs = [gm.DecisionRef(R, f"{n}/QĐ-UBND", year) for n, year in others]
    assume((serial, 2021) not in others)
    kw = {f: tuple(refs) for f in _REF_FIELDS if f != field}
    assert dec(serial, "2021-05-04", **kw).number.number == serial  # the others pass
    me = gm.DecisionRef(R, f"{serial}/QĐ-UBND", 2021)
    with pytest.raises(gm.InvalidValueError, match=rf"^{serial}/QĐ-UBND .*{field} itself$"):
        dec(serial, "2021-05-04", **{**kw, field: (*refs, me)})
