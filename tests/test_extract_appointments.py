"""govmodel.extract reads appointments ("bổ nhiệm", "giao quyền", "phân công") into ``Appoint``
effects and their ends ("miễn nhiệm", "cho thôi giữ chức vụ", "nghỉ hưu", "điều động") into
``EndAppointment``: the seed sentence of issue 15, sentences of public news pages (each cited
by its address; only the quoted sentences are kept), generated sentences, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.extract import Draft, ItemKind, extract
from govmodel.extract.personnel import person_id
from govmodel.serialize import dumps, loads
from govmodel.vn import format_date

SEED = ("Quyết định số 888/QĐ-UBND ngày 21/7/2021 của Chủ tịch UBND tỉnh Bắc Ninh bổ nhiệm ông "
        "Trần Văn Bình, Trưởng phòng Giáo dục Trung học, giữ chức vụ Phó Giám đốc Sở GDĐT. "
        "Thời hạn bổ nhiệm là 5 năm, các quyết định có hiệu lực kể từ ngày 26/7/2021.")


@pytest.fixture(scope="module")
def ls() -> gm.Timeline:
    return gm.load_dataset("lang-son-2021")


def appoints(draft: Draft) -> list[gm.Appoint]:
    return [i.effect for i in draft.by_kind(ItemKind.APPOINT) if isinstance(i.effect, gm.Appoint)]


def ends(draft: Draft) -> list[gm.EndAppointment]:
    return [i.effect for i in draft.by_kind(ItemKind.END_APPOINTMENT)
            if isinstance(i.effect, gm.EndAppointment)]


def effective(draft: Draft, effect: gm.Effect) -> dt.date | None:
    """The day the effect takes effect: its own date, else its decision's."""
    if effect.effective_on is not None:
        return effect.effective_on
    owner = next(d for d in draft.decisions if effect in d.effects)
    return owner.effective_on or owner.signed_on


# ---------------------------------------------------------------- the seed sentence
def test_seed_sentence_gives_an_appoint_with_term_and_effective_date() -> None:
    """Issue 15's sentence: the person, the post (a proposed id for the Sở: no Bắc Ninh data is
    bundled), the term of the next sentence, effective 26/7/2021, in decision 888/QĐ-UBND."""
    draft = extract(SEED)
    (d,) = draft.decisions
    (a,) = d.effects
    assert isinstance(a, gm.Appoint)
    assert a.person == gm.Person(id="tran-van-binh", name="Trần Văn Bình")
    assert a.post == gm.PostRef("bac-ninh/so-giao-duc-va-dao-tao", "Phó Giám đốc")
    assert a.term == "5 năm"
    assert (d.label, d.signed_on, effective(draft, a)) == (
        "888/QĐ-UBND", dt.date(2021, 7, 21), dt.date(2021, 7, 26))
    assert "bac-ninh/so-giao-duc-va-dao-tao" in {o.id for o in draft.organisations}
    item = draft.by_kind("appoint")[0]
    assert draft.text[item.citation.start:item.citation.end] == item.citation.text
    assert "Trần Văn Bình" in item.citation.text and "Phó Giám đốc" in item.citation.text


def test_seed_draft_is_a_dataset_whose_holder_has_the_computed_term() -> None:
    """The draft dataset loads; the holder holds from 26/7/2021 to the term's end 26/7/2026."""
    ds = loads(dumps(extract(SEED).to_dataset(name="draft-888")))
    tl = gm.Timeline.from_decisions(ds.decisions, initial=ds.organisations)
    (h,) = tl.holders_history(gm.PostRef("bac-ninh/so-giao-duc-va-dao-tao", "Phó Giám đốc"))
    assert (h.person_name, h.start, h.end) == ("Trần Văn Bình", dt.date(2021, 7, 26),
                                               dt.date(2026, 7, 26))


def test_a_known_department_resolves_to_its_id_and_the_appointment_applies(ls) -> None:
    """With the Lạng Sơn timeline the Sở is lang-son/so-tttt; the decision applies to it."""
    text = ("Quyết định số 1234/QĐ-UBND ngày 20/6/2023 của Chủ tịch UBND tỉnh Lạng Sơn bổ nhiệm "
            "bà Hoàng Thị Lan giữ chức vụ Phó Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng "
            "Sơn. Thời hạn bổ nhiệm là 3 năm, quyết định có hiệu lực kể từ ngày 1/7/2023.")
    draft = extract(text, timeline=ls)
    decision = draft.decisions[0].decision()
    assert decision is not None
    post = gm.PostRef("lang-son/so-tttt", "Phó Giám đốc")
    (h,) = ls.with_decision(decision).as_of("2024-01-01").holders(post)
    assert (h.person_name, h.start, h.end, h.known_from) == (
        "Hoàng Thị Lan", dt.date(2023, 7, 1), dt.date(2026, 7, 1), "appointment")


# ---------------------------------------------------------------- real texts
def test_thanhtra_lao_cai_transfer_into_a_post() -> None:
    """https://thanhtra.com.vn/xa-hoi/doi-song/Lao-Cai-Ong-Vuong-Trinh-Quoc-giu-chuc-Giam-doc-So-TTTT-142066.html
    (the birth year in the parenthesis is left out here): "điều động ông X, Chánh Văn phòng
    UBND tỉnh giữ chức Giám đốc Sở TT&TT" from 1/12/2018 for 5 years; the post he leaves is
    recorded nowhere, so its end is an item without effect."""
    text = ("Theo Quyết định số 3888/QĐ-UBND ngày 30/11/2018 của Chủ tịch UBND tỉnh, kể từ ngày "
            "1/12/2018, UBND tỉnh điều động ông Vương Trinh Quốc (…), Chánh Văn phòng UBND tỉnh "
            "giữ chức Giám đốc Sở TT&TT, thời hạn bổ nhiệm 5 năm.")
    draft = extract(text)
    (a,) = appoints(draft)
    assert (a.person.name, a.post.title, a.term, effective(draft, a)) == (
        "Vương Trinh Quốc", "Giám đốc", "5 năm", dt.date(2018, 12, 1))
    assert a in draft.decisions[0].effects and draft.decisions[0].label == "3888/QĐ-UBND"
    (left,) = draft.by_kind(ItemKind.END_APPOINTMENT)
    assert left.effect is None and "Chánh Văn phòng" in left.summary
    assert any("no effect" in x for x in left.ambiguities)


def test_ictvietnam_lang_son_deputy_director_from_1_5_2021(ls) -> None:
    """https://ictvietnam.vn/print/27628.html: Nguyễn Khắc Lịch is appointed Phó Giám đốc of
    Lạng Sơn's Sở TT&TT from 1/5/2021 for 2 years (the term in the next sentence); the text
    names no decision number, so the item carries the effect but no decision does."""
    text = ("Tại hội nghị, Sở Nội vụ tỉnh Lạng Sơn đã công bố quyết định tiếp nhận ông Nguyễn "
            "Khắc Lịch, Phó Cục trưởng Cục ATTT, Bộ TT&TT và bổ nhiệm giữ chức vụ Phó Giám đốc "
            "Sở TT&TT tỉnh Lạng Sơn từ ngày 1/5/2021. Thời hạn bổ nhiệm là 2 năm.")
    draft = extract(text, timeline=ls)
    (a,) = appoints(draft)
    assert a.person.id == "nguyen-khac-lich"
    assert a.post == gm.PostRef("lang-son/so-tttt", "Phó Giám đốc")
    assert (a.effective_on, a.term) == (dt.date(2021, 5, 1), "2 năm")
    (item,) = draft.by_kind(ItemKind.APPOINT)
    assert item.decision is None and "no decision named for this change" in item.ambiguities
    assert not any(d.effects for d in draft.decisions)


def test_baothainguyen_appointment_of_a_centre_director() -> None:
    """https://baothainguyen.vn/thoi-su-trong-tinh/202304/dong-chi-vu-dinh-giang-giu-chuc-giam-doc-trung-tam-cong-nghe-thong-tin-va-truyen-thong-2f73dbd/
    "bổ nhiệm đồng chí X, Phó Giám đốc phụ trách Trung tâm …, giữ chức vụ Giám đốc Trung tâm
    …"; "Thời gian bổ nhiệm là 5 năm" in the next sentence."""
    text = ("Tại Hội nghị, lãnh đạo Sở Nội vụ công bố Quyết định số 869/QĐ-UBND ngày 19/4/2023 "
            "của Chủ tịch UBND tỉnh Thái Nguyên, về việc bổ nhiệm đồng chí Vũ Đình Giang, Phó "
            "Giám đốc phụ trách Trung tâm Công nghệ thông tin và Truyền thông, giữ chức vụ Giám "
            "đốc Trung tâm Công nghệ thông tin và Truyền thông (trực thuộc Sở Thông tin và Truyền "
            "thông). Thời gian bổ nhiệm là 5 năm.")
    draft = extract(text)
    (d,) = draft.decisions
    (a,) = d.effects
    assert isinstance(a, gm.Appoint)
    assert (a.person.name, a.post.title, a.term, effective(draft, a)) == (
        "Vũ Đình Giang", "Giám đốc", "5 năm", dt.date(2023, 4, 19))
    assert a.post.org_id == "thai-nguyen/trung-tam-cong-nghe-thong-tin-va-truyen-thong"


def test_tienphong_hau_giang_assignment_and_release() -> None:
    """https://test.tienphong.vn/pho-chu-tich-ubnd-tinh-hau-giang-kiem-giam-doc-so-thong-tin-va-truyen-thong-post1462416.tpo
    "phân công bà X … kiêm giữ chức Giám đốc Sở TT&TT" from 17/8/2022 (an Appoint), and "cho
    ông Y thôi giữ chức Giám đốc Sở TT&TT" from 1/8/2022 (an EndAppointment, reason given)."""
    text = ("Theo đó, bà Hồ Thu Ánh được phân công kiêm giữ chức Giám đốc Sở TT&TT Hậu Giang từ "
            "ngày 17/8/2022 cho đến khi kiện toàn chức danh này.\n"
            "Ngày 30/7 vừa qua, UBND tỉnh Hậu Giang đã tổ chức công bố quyết định cho ông Lã "
            "Hoàng Trung thôi giữ chức Giám đốc Sở TT&TT Hậu Giang để chuyển về Bộ TT&TT kể từ "
            "ngày 1/8/2022.")
    draft = extract(text)
    (a,) = appoints(draft)
    (e,) = ends(draft)
    assert (a.person.name, a.post.title, a.effective_on, a.term) == (
        "Hồ Thu Ánh", "Giám đốc", dt.date(2022, 8, 17), None)
    assert (e.person_id, e.post.title, e.reason, e.effective_on) == (
        "la-hoang-trung", "Giám đốc", "cho thôi giữ chức vụ", dt.date(2022, 8, 1))
    assert a.post.org_id == e.post.org_id


def test_sggp_lang_son_transfer_and_appointment_to_a_deputy_head() -> None:
    """https://www.sggp.org.vn/dieu-dong-bo-nhiem-pho-truong-ban-quan-ly-khu-kinh-te-cua-khau-dong-dang-lang-son-post730754.html
    "điều động, bổ nhiệm chức vụ Phó trưởng Ban Quản lý … đối với ông X, Phó chánh Văn phòng
    UBND tỉnh": the post is named before the person."""
    text = ("Chiều 14-3, UBND tỉnh Lạng Sơn tổ chức hội nghị công bố quyết định của Chủ tịch UBND "
            "tỉnh Lạng Sơn về việc điều động, bổ nhiệm chức vụ Phó trưởng Ban Quản lý khu kinh "
            "tế cửa khẩu Đồng Đăng - Lạng Sơn đối với ông Vũ Quang Khánh, Phó chánh Văn phòng "
            "UBND tỉnh Lạng Sơn.")
    draft = extract(text)
    (a,) = appoints(draft)
    assert (a.person.name, a.post.title) == ("Vũ Quang Khánh", "Phó Trưởng ban")
    assert a.post.org_id == "lang-son/ban-quan-ly-khu-kinh-te-cua-khau-dong-dang"
    (left,) = draft.by_kind(ItemKind.END_APPOINTMENT)
    assert left.effect is None and "Phó Chánh Văn phòng" in left.summary


# ---------------------------------------------------------------- the ways out of a post
@pytest.mark.parametrize(("sentence", "name", "title", "reason"), [
    ("Chủ tịch UBND tỉnh miễn nhiệm chức vụ Phó Giám đốc Sở Y tế đối với bà Lê Thị Hà.",
     "Lê Thị Hà", "Phó Giám đốc", "miễn nhiệm"),
    ("Chủ tịch UBND tỉnh miễn nhiệm ông Lê Văn Hà, Phó Giám đốc Sở Y tế.",
     "Lê Văn Hà", "Phó Giám đốc", "miễn nhiệm"),
    ("Chủ tịch UBND tỉnh cho thôi giữ chức vụ Giám đốc Sở Tài chính đối với ông Đinh Văn Lợi.",
     "Đinh Văn Lợi", "Giám đốc", "cho thôi giữ chức vụ"),
    ("Ông Nông Văn Tâm, Giám đốc Sở Nội vụ, nghỉ hưu theo chế độ.",
     "Nông Văn Tâm", "Giám đốc", "nghỉ hưu"),
    ("UBND tỉnh điều động đồng chí Hà Văn Minh, Phó Giám đốc Sở Tài chính, đến nhận công tác "
     "tại Sở Nội vụ.", "Hà Văn Minh", "Phó Giám đốc", "điều động"),
])
def test_ends_of_appointments_name_person_post_and_reason(sentence, name, title, reason) -> None:
    """Each way out of a post gives one EndAppointment with its reason and no Appoint."""
    text = f"Quyết định số 77/QĐ-UBND ngày 2/3/2024 của Chủ tịch UBND tỉnh Lạng Sơn. {sentence}"
    draft = extract(text)
    (e,) = ends(draft)
    assert (e.person_id, e.post.title, e.reason) == (person_id(name),
                                                      title, reason)
    assert not appoints(draft)


def test_a_dismissal_ends_the_recorded_appointment_before_its_term(ls) -> None:
    """An appointment and a later "miễn nhiệm" of the same person read into two decisions; the
    second ends the first's tenure on its effective date, before the term runs out."""
    first = ("Quyết định số 11/QĐ-UBND ngày 2/1/2023 của Chủ tịch UBND tỉnh Lạng Sơn bổ nhiệm "
             "ông Lục Văn Thành giữ chức vụ Phó Giám đốc Sở Thông tin và Truyền thông. Thời hạn "
             "bổ nhiệm là 5 năm.")
    d1 = extract(first, timeline=ls).decisions[0].decision()
    assert d1 is not None
    tl = ls.with_decision(d1)
    second = ("Quyết định số 22/QĐ-UBND ngày 1/6/2024 của Chủ tịch UBND tỉnh Lạng Sơn miễn nhiệm "
              "chức vụ Phó Giám đốc Sở Thông tin và Truyền thông đối với ông Lục Văn Thành.")
    draft2 = extract(second, timeline=tl, published_on="2024-06-02")
    (item,) = draft2.by_kind(ItemKind.END_APPOINTMENT)
    assert not item.ambiguities
    d2 = draft2.decisions[0].decision()
    assert d2 is not None
    (h,) = tl.with_decision(d2).tenures("luc-van-thanh")
    assert (h.start, h.end, h.reason) == (dt.date(2023, 1, 2), dt.date(2024, 6, 1), "miễn nhiệm")


def test_acting_and_standing_posts_keep_their_qualifier() -> None:
    """"giao quyền" is an acting post (qualifier "quyền"); "Phó Chủ tịch Thường trực" keeps
    "thường trực", as the bundled data writes it."""
    draft = extract("Quyết định số 5/QĐ-UBND ngày 2/3/2024 giao quyền Giám đốc Sở Tư pháp tỉnh "
                    "Lạng Sơn cho ông Đoàn Văn Hải. Quyết định số 6/QĐ-UBND ngày 2/3/2024 bổ nhiệm "
                    "bà Hoàng Thị Lan giữ chức vụ Phó Chủ tịch Thường trực UBND tỉnh Lạng Sơn.")
    acting, standing = appoints(draft)
    assert (acting.post.title, acting.post.qualifier) == ("Giám đốc", "quyền")
    assert (standing.post.title, standing.post.qualifier) == ("Phó Chủ tịch", "thường trực")


# ---------------------------------------------------------------- generated sentences
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Hoàng", "Lương", "Đoàn", "Hồ", "Lý", "Nông", "Vi", "Đặng",
             "Dương", "Lộc", "Chu", "Mông")
_MIDDLE = ("Văn", "Thị", "Khắc", "Xuân", "Trọng", "Thu", "Tiến", "Đình", "Quốc", "Hữu")
_GIVEN = ("Lịch", "Huyên", "Quang", "Thiệu", "Hà", "Quỳnh", "Ánh", "Bình", "Đức", "Hưng", "Nga",
          "Tuấn", "Thắng", "Ngọc", "Yến")
_POSTS = (("Giám đốc", "Sở Thông tin và Truyền thông"), ("Phó Giám đốc", "Sở Y tế"),
          ("Phó Giám đốc", "Sở Giáo dục và Đào tạo"), ("Giám đốc", "Sở Nội vụ"),
          ("Phó Chủ tịch", "UBND tỉnh"), ("Chánh Văn phòng", "Văn phòng UBND tỉnh"),
          ("Trưởng phòng", "Phòng Hạ tầng số"))


@st.composite
def person_names(draw: st.DrawFn) -> str:
    """A Vietnamese name of two to four words, with diacritics."""
    middle = draw(st.lists(st.sampled_from(_MIDDLE), min_size=0, max_size=2))
    return " ".join([draw(st.sampled_from(_SURNAMES)), *middle, draw(st.sampled_from(_GIVEN))])


def _post_text(title: str, org: str) -> str:
    """The post as written: a title ending in the organisation's head noun shares it
    ("Trưởng phòng Hạ tầng số", "Chánh Văn phòng UBND tỉnh")."""
    words = title.split()
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        if org.lower().startswith(tail.lower() + " "):
            return f"{title}{org[len(tail):]}"
    return f"{title} {org}"


@given(name=person_names(), honorific=st.sampled_from(["ông", "bà", "đồng chí"]),
       post=st.sampled_from(_POSTS), serial=st.integers(1, 9999),
       signed=st.dates(dt.date(2005, 1, 1), dt.date(2030, 12, 31)),
       lag=st.integers(0, 40), term=st.sampled_from(["5 năm", "3 năm", None]),
       shape=st.sampled_from(["giữ", "đối với", "apposition"]),
       spelled=st.booleans(), province=st.sampled_from(["Lạng Sơn", "Bắc Ninh", "Cao Bằng"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_appointments_read_back(*, name, honorific, post, serial, signed, lag, term,
                                          shape, spelled, province) -> None:
    """An appointment built from parts reads back with the same name, title, date and term."""
    title, org = post
    effective_on = signed + dt.timedelta(days=lag)
    assume(not (shape == "apposition" and title == "Phó Chủ tịch"))
    written = _post_text(title, org)
    if shape == "giữ":
        act = f"bổ nhiệm {honorific} {name} giữ chức vụ {written} tỉnh {province}"
    elif shape == "đối với":
        act = f"bổ nhiệm chức vụ {written} tỉnh {province} đối với {honorific} {name}"
    else:
        act = (f"bổ nhiệm {honorific} {name}, Phó Trưởng phòng Tổ chức cán bộ, giữ chức vụ "
               f"{written} tỉnh {province}")

    def day(d: dt.date) -> str:
        return format_date(d) if spelled else f"ngày {d.day}/{d.month}/{d.year}"

    text = (f"Quyết định số {serial}/QĐ-UBND {day(signed)} của Chủ tịch UBND tỉnh "
            f"{province} {act}. " + (f"Thời hạn bổ nhiệm là {term}, q" if term else "Q")
            + f"uyết định có hiệu lực kể từ {day(effective_on)}.")
    draft = extract(text)
    (a,) = appoints(draft)
    assert (a.person.name, a.post.title, a.term) == (name, title, term)
    assert effective(draft, a) == effective_on
    assert draft.decisions[0].effects == (a,)


# ---------------------------------------------------------------- bad input
def test_no_date_and_no_decision_gives_no_effect_in_any_decision() -> None:
    """A sentence with neither decision nor date: an item, noted, never an effect of a
    decision; the draft dataset holds nothing."""
    draft = extract("Chủ tịch UBND tỉnh bổ nhiệm ông Nguyễn Văn Bình giữ chức vụ Giám đốc Sở Y "
                    "tế tỉnh Lạng Sơn.")
    (item,) = draft.by_kind(ItemKind.APPOINT)
    assert item.decision is None and not draft.decisions
    assert any("no decision named" in n for n in draft.notes)
    assert draft.to_dataset(name="x").decisions == ()


def test_a_decision_without_any_date_is_left_out_of_the_dataset_with_a_note() -> None:
    """The decision is named but undated: its Appoint is drafted, the dataset says why not."""
    draft = extract("Quyết định số 12/QĐ-UBND của Chủ tịch UBND tỉnh Lạng Sơn bổ nhiệm ông "
                    "Nguyễn Văn Bình giữ chức vụ Giám đốc Sở Y tế.")
    assert len(appoints(draft)) == 1 and draft.decisions[0].decision() is None
    ds = draft.to_dataset(name="x")
    assert ds.decisions == () and any("effective date" in n for n in ds.notes)


@pytest.mark.parametrize("garbled", ["ng#uyen 3", "NGUYỄN VĂN", "Giám đốc", "Nguyễn", "123"])
def test_a_garbled_name_gives_a_clear_note_and_no_effect(garbled) -> None:
    """An honorific followed by no readable name: the item says so, no effect is made."""
    draft = extract(f"Quyết định số 12/QĐ-UBND ngày 1/2/2021 bổ nhiệm ông {garbled} giữ chức vụ "
                    "Giám đốc Sở Y tế.")
    (item,) = draft.by_kind(ItemKind.APPOINT)
    assert item.effect is None
    assert any("name cannot be read" in x for x in item.ambiguities)
    assert draft.decisions[0].effects == ()


def test_nouns_and_headings_are_not_appointments() -> None:
    """"Thời hạn bổ nhiệm", "Quyết định bổ nhiệm Giám đốc …" with nobody named, "phân công
    nhiệm vụ": nothing is read."""
    draft = extract("Sở Nội vụ công bố Quyết định bổ nhiệm Giám đốc Trung tâm Công nghệ thông "
                    "tin. Thời hạn bổ nhiệm là 5 năm. Giám đốc Sở phân công nhiệm vụ cho các "
                    "Phó Giám đốc.")
    assert not draft.by_kind(ItemKind.APPOINT) and not draft.by_kind(ItemKind.END_APPOINTMENT)


@given(tail=st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
                    max_size=80),
       verb=st.sampled_from(["bổ nhiệm ông ", "miễn nhiệm bà ", "điều động đồng chí ",
                             "cho ông ", "giao quyền ", "phân công "]))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_after_a_verb_never_raises(tail, verb) -> None:
    """Whatever follows a verb, the extraction returns a draft; every effect names a person."""
    draft = extract(f"Quyết định số 3/QĐ-UBND ngày 1/2/2021 {verb}{tail}")
    for a in appoints(draft):
        assert a.person.name.strip() and a.post.title
    for e in ends(draft):
        assert e.person_id and e.reason
