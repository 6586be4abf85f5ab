"""Properties of govmodel.extract: generated decisions read back; noise never breaks it."""

from __future__ import annotations

import datetime as dt
import time

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.extract import extract
from govmodel.vn import format_date

# Words that are neither head nouns nor words that end a name, so generated names are names.
_PHRASES = ("Hạ tầng số", "Kinh tế", "Nông nghiệp", "Môi trường", "Du lịch", "Thương mại",
            "Đầu tư", "Công nghệ", "Xây dựng", "Giao thông", "Tài chính", "Y tế", "Giáo dục",
            "Pháp chế", "Chuyển đổi số", "Dân tộc", "Ngoại vụ", "Tư pháp")
_PROVINCES = ("Lạng Sơn", "Bắc Kạn", "Hà Giang", "Tuyên Quang", "Cao Bằng", "Nghệ An",
              "Quảng Ngãi", "Đắk Lắk", "Cà Mau", "Kiên Giang")

phrases = st.sampled_from(_PHRASES)


@st.composite
def names(draw: st.DrawFn, head: str) -> str:
    """A body's name: a head noun and one or two phrases ("Sở Kinh tế và Hạ tầng số")."""
    first = draw(phrases)
    second = draw(st.none() | phrases.filter(lambda p: p != first))
    return f"{head} {first}" + (f" và {second}" if second else "")


days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


@given(serial=st.integers(1, 9999), day=days, province=st.sampled_from(_PROVINCES),
       head=st.sampled_from(["Phòng", "Trung tâm", "Sở"]), data=st.data(),
       numeric=st.booleans())
@settings(max_examples=150, deadline=None)
def test_generated_rename_reads_back(*, serial, day, province, head, data, numeric):
    """A rename in official phrasing gives back its number, dates and names."""
    old, new = data.draw(names(head)), data.draw(names(head))
    assume(old != new)
    written = f"ngày {day.day}/{day.month}/{day.year}" if numeric else format_date(day)
    text = (f"Ngày {written.removeprefix('ngày ')}, Chủ tịch UBND tỉnh {province} đã ký ban hành "
            f"Quyết định số {serial}/QĐ-UBND về việc đổi tên {old} thành {new}. "
            "Quyết định có hiệu lực kể từ ngày ký.")
    draft = extract(text)
    d = draft.decisions[0]
    assert str(d.number) == f"{serial}/QĐ-UBND"
    assert (d.signed_on, d.effective_on) == (day, day)
    assert d.signer is not None and d.signer.title == "Chủ tịch"
    renames = [e for e in d.effects if isinstance(e, gm.Rename)]
    assert [r.name for r in renames] == [new]
    decision = d.decision()
    assert decision is not None and decision.effects == d.effects


@given(serial=st.integers(1, 999), year=st.integers(2015, 2030), day=days,
       province=st.sampled_from(_PROVINCES), after=st.integers(1, 30), data=st.data())
@settings(max_examples=100, deadline=None)
def test_generated_consolidation_reads_back(*, serial, year, day, province, after, data):
    """"Thành lập C trên cơ sở hợp nhất A và B" in a HĐND resolution reads back as a Merge."""
    a, b, c = data.draw(names("Sở")), data.draw(names("Sở")), data.draw(names("Sở"))
    assume(len({a, b, c}) == 3)
    day = day.replace(year=year) if not (day.month == 2 and day.day == 29) else day
    text = (f"Ngày {day.day}/{day.month}/{day.year}, HĐND tỉnh {province} đã thông qua Nghị quyết "
            f"số {serial}/NQ-HĐND. Theo đó, thành lập {c} trên cơ sở hợp nhất {a} và {b}. "
            f"Nghị quyết có hiệu lực sau {after} ngày kể từ ngày ký.")
    d = extract(text).decisions[0]
    assert str(d.number) == f"{serial}/NQ-HĐND"
    assert d.signed_on == day and d.effective_on == day + dt.timedelta(days=after)
    merge = next(e for e in d.effects if isinstance(e, gm.Merge))
    assert merge.establish is not None and merge.establish.name.startswith(c)
    assert len(merge.sources) == 2


@given(st.text(max_size=3000))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_noise_never_raises_but_typed(text):
    """Arbitrary text gives a draft (possibly partial), never an untyped exception."""
    try:
        draft = extract(text)
    except gm.GovModelError:
        return
    for item in draft.items:
        assert draft.text[item.citation.start:item.citation.end] == item.citation.text


@given(st.text(alphabet=st.characters(codec="latin-1", categories=["Ll", "Lu", "Zs"]),
               min_size=50, max_size=2000))
@settings(max_examples=100, deadline=None)
def test_latin_text_without_vietnamese_gives_empty_draft(text):
    """Text with no Vietnamese letters or words announces nothing."""
    assume(not any(w in text.lower().split() for w in ("va", "cua", "cac", "la", "co", "so")))
    assert extract(text).is_empty


def test_ten_thousand_characters_quickly():
    """A 10,000-character input is read well within a generous bound (median ~40 ms)."""
    text = ("Quyết định số 12/QĐ-UBND ngày 05/3/2021 đổi tên Phòng Kinh tế thành Phòng Kinh tế "
            "và Hạ tầng số. " * 120)[:10_000]
    start = time.perf_counter()
    extract(text)
    assert time.perf_counter() - start < 2.0
