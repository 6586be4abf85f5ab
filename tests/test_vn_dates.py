"""Tests for govmodel.vn.dates: day-first dates, official formatting, dates in running text."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govmodel.errors import DateParseError, GovModelError
from govmodel.vn import find_dates, format_date, parse_date, resolve_partial

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


# --- laws ------------------------------------------------------------------------------------


@given(st.dates())
def test_format_parse_round_trip(d: dt.date) -> None:
    """parse_date(format_date(d)) == d for every date, with or without a place name."""
    assert parse_date(format_date(d)) == d
    assert parse_date(format_date(d, place="Lạng Sơn")) == d


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from("/-."))
def test_numeric_forms_are_day_first(d: dt.date, sep: str) -> None:
    """d/m/yyyy, d-m-yyyy and d.m.yyyy, padded or not, always read the day first."""
    plain = f"{d.day}{sep}{d.month}{sep}{d.year}"
    padded = f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
    for text in (plain, padded):
        assert parse_date(text) == d
        assert parse_date(f"ngày {text}") == d


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_never_month_first(d: dt.date) -> None:
    """Text that only makes sense month-first ("10/13/2021") is refused, never re-guessed."""
    if d.day > 12:
        with pytest.raises(DateParseError):
            parse_date(f"{d.month}/{d.day}/{d.year}")


@given(st.dates(min_value=dt.date(1001, 1, 1), max_value=dt.date(9998, 12, 31)),
       st.integers(-180, 180))
def test_partial_dates_resolve_to_the_nearest(ref: dt.date, offset: int) -> None:
    """A day/month within half a year of the reference resolves to exactly that day."""
    d = ref + dt.timedelta(days=offset)
    assert parse_date(f"ngày {d.day}/{d.month}", reference=ref) == d
    assert resolve_partial(d.day, d.month, ref) == d


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_weekday_is_checked(d: dt.date) -> None:
    """A leading weekday ("Thứ năm, 15/04/2021") must agree with the date."""
    names = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
    text = f"{d.day:02d}/{d.month:02d}/{d.year}"
    assert parse_date(f"{names[d.weekday()]}, {text}") == d
    with pytest.raises(DateParseError):
        parse_date(f"{names[(d.weekday() + 1) % 7]}, {text}")


# --- examples --------------------------------------------------------------------------------

EXAMPLES = [
    ("13/10/2021", dt.date(2021, 10, 13)),
    ("ngày 13 tháng 10 năm 2021", dt.date(2021, 10, 13)),
    ("Ngày 13 tháng 10 năm 2021", dt.date(2021, 10, 13)),
    ("ngày 01-10-1997", dt.date(1997, 10, 1)),
    ("Thứ năm, 15/04/2021", dt.date(2021, 4, 15)),
    ("Thứ năm,\xa0 15/04/2021", dt.date(2021, 4, 15)),
    ("ngày 05 tháng 7 năm 2023", dt.date(2023, 7, 5)),
    ("ngày 5 tháng 7 năm 2023", dt.date(2023, 7, 5)),
    ("25/01/2022", dt.date(2022, 1, 25)),
    ("11/9/2020", dt.date(2020, 9, 11)),
    ("11.5.2006", dt.date(2006, 5, 11)),
    ("2021-12-10", dt.date(2021, 12, 10)),
    ("Lạng Sơn, ngày 13 tháng 10 năm 2021", dt.date(2021, 10, 13)),
    ("ngày 13 tháng 10, năm 2021", dt.date(2021, 10, 13)),
    ("NGÀY 13 THÁNG 10 NĂM 2021", dt.date(2021, 10, 13)),
    (unicodedata.normalize("NFD", "ngày 13 tháng 10 năm 2021"), dt.date(2021, 10, 13)),
    (dt.date(2021, 10, 13), dt.date(2021, 10, 13)),
    (dt.datetime(2021, 10, 13, 8, 30), dt.date(2021, 10, 13)),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_examples(text: str | dt.date, expected: dt.date) -> None:
    """Every written form in use reads as the day it names; a date passes through."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("ngày 10/12", dt.date(2021, 11, 15), dt.date(2021, 12, 10)),  # seed 000: in force 10/12
        ("ngày 28/9", dt.date(2021, 11, 15), dt.date(2021, 9, 28)),
        ("10 tháng 12", dt.date(2021, 11, 15), dt.date(2021, 12, 10)),
        ("ngày 28/12", dt.date(2022, 1, 5), dt.date(2021, 12, 28)),  # across New Year
        ("29/2", dt.date(2021, 6, 1), dt.date(2020, 2, 29)),  # only leap years have it
    ],
)
def test_partial_dates(text: str, reference: dt.date, expected: dt.date) -> None:
    """A date without a year takes the nearest such day to the reference (the article's date)."""
    assert parse_date(text, reference=reference) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2023, 7, 5), "ngày 05 tháng 7 năm 2023"),
        (dt.date(2021, 10, 13), "ngày 13 tháng 10 năm 2021"),
        (dt.date(2022, 1, 25), "ngày 25 tháng 01 năm 2022"),
        (dt.date(2022, 2, 1), "ngày 01 tháng 02 năm 2022"),
        (dt.date(2022, 3, 1), "ngày 01 tháng 3 năm 2022"),
    ],
)
def test_official_format(day: dt.date, expected: str) -> None:
    """Decree 30/2020/NĐ-CP: days below 10 and months 1 and 2 get a leading zero."""
    assert format_date(day) == expected


# --- refusals --------------------------------------------------------------------------------

BAD = [
    "",
    "32/13/2021",
    "31/4/2021",
    "29/2/2021",
    "13/10/21",
    "10/13/2021",
    "2021-11",
    "tháng 10/2021",
    "quý I/2022",
    "2021-2025",
    "13/10-2021",
    "ngày 13/10/2021 và ngày 14/10/2021",
    "Thứ sáu, 15/04/2021",
    "hôm qua",
    "x" * 10_000,
    "1/" * 5_000,
]


@pytest.mark.parametrize("text", BAD, ids=lambda t: repr(t[:20]))
def test_bad_dates_are_refused_quickly(text: str) -> None:
    """Non-dates, non-days and over-long text raise DateParseError, within milliseconds."""
    start = time.perf_counter()
    with pytest.raises(DateParseError) as info:
        parse_date(text)
    assert time.perf_counter() - start < 0.5
    assert isinstance(info.value, GovModelError)
    assert isinstance(info.value, ValueError)


def test_partial_without_reference_is_refused() -> None:
    """"ngày 10/12" names no year; without a reference date it is an error, not a guess."""
    with pytest.raises(DateParseError, match="reference"):
        parse_date("ngày 10/12")


def test_non_text_is_refused() -> None:
    """parse_date takes text or a date only."""
    with pytest.raises(DateParseError):
        parse_date(20211013)  # type: ignore[arg-type]


# --- running text ----------------------------------------------------------------------------

# Every date written in the seed texts, with the reference date a reader would use.
SEED_DATES: dict[str, tuple[dt.date | None, list[tuple[str, dt.date]]]] = {
    # Article of November 2021 ("date 2021-11"): dates written without a year.
    "000": (dt.date(2021, 11, 15), [
        ("ngày 10/12", dt.date(2021, 12, 10)),
        ("ngày 28/9", dt.date(2021, 9, 28)),
        ("Ngày 18/11", dt.date(2021, 11, 18)),
    ]),
    "001": (None, [
        ("Ngày 13/10/2021", dt.date(2021, 10, 13)),
        ("ngày 11/9/2020", dt.date(2020, 9, 11)),
    ]),
    "002": (None, [
        ("Ngày 20/4/2022", dt.date(2022, 4, 20)),
        ("ngày 25/01/2022", dt.date(2022, 1, 25)),
    ]),
    # The page header shows the portal's date (15/04/2021); the report itself is of the
    # conference launching the 2018 tasks, so "Sáng nay (18/1)" resolves against January 2018.
    "003": (dt.date(2018, 1, 18), [
        ("Thứ năm,\xa0 15/04/2021", dt.date(2021, 4, 15)),
        ("18/1", dt.date(2018, 1, 18)),
    ]),
    "004": (None, [
        ("08/05/2020", dt.date(2020, 5, 8)),
        ("Ngày 11/5/2006", dt.date(2006, 5, 11)),
        ("ngày 28/3/2008", dt.date(2008, 3, 28)),
    ]),
}


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", sorted(SEED_DATES))
def test_every_seed_date_is_found(prefix: str) -> None:
    """find_dates finds exactly the dates written in each seed text, and nothing else."""
    reference, expected = SEED_DATES[prefix]
    text = _seed(prefix)
    found = find_dates(text, reference=reference)
    assert [(m.text, m.date) for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.text


def test_partial_dates_need_a_reference_in_running_text() -> None:
    """Without a reference date, partial dates are left out rather than guessed."""
    text = "có hiệu lực từ ngày 10/12. Ngày 13/10/2021, Chủ tịch ký."
    assert [m.date for m in find_dates(text)] == [dt.date(2021, 10, 13)]
    found = find_dates(text, reference=dt.date(2021, 11, 1))
    assert [(m.date, m.partial) for m in found] == [
        (dt.date(2021, 12, 10), True), (dt.date(2021, 10, 13), False),
    ]


def test_running_text_skips_non_dates() -> None:
    """Year spans, quarters, versions, non-days and bare fractions are not dates."""
    text = "giai đoạn 2021-2025, quý I/2022, công nghiệp 4.0, 32/13/2021, mức độ 3/4, tỷ lệ 1/2"
    assert find_dates(text, reference=dt.date(2022, 1, 1)) == ()


def test_words_form_in_running_text() -> None:
    """The spelled-out form is found in a sentence, spans included."""
    text = "Lạng Sơn, ngày 13 tháng 10 năm 2021"
    (m,) = find_dates(text)
    assert (m.date, m.text) == (dt.date(2021, 10, 13), "ngày 13 tháng 10 năm 2021")


def test_wrong_weekday_is_left_out_of_the_span() -> None:
    """A weekday that disagrees with the date is not part of the mention; the date still is."""
    (m,) = find_dates("Thứ sáu, 15/04/2021")
    assert (m.date, m.text) == (dt.date(2021, 4, 15), "15/04/2021")
    (m,) = find_dates("Thứ năm, 15/04/2021")
    assert m.text == "Thứ năm, 15/04/2021"


def test_find_dates_is_linear() -> None:
    """A long adversarial text is scanned quickly; over-long text is refused."""
    start = time.perf_counter()
    find_dates("ngày 1/" * 20_000, reference=dt.date(2020, 1, 1))
    assert time.perf_counter() - start < 2
    with pytest.raises(DateParseError):
        find_dates("x" * 1_000_001)
