"""Follow-up periods: tertials, years and ranges, their text forms and the comparison periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.domain.periods import RANGE, TERTIAL, YEAR, Period


@pytest.mark.parametrize("number,start,end", [
    (1, date(2026, 1, 1), date(2026, 4, 30)),
    (2, date(2026, 5, 1), date(2026, 8, 31)),
    (3, date(2026, 9, 1), date(2026, 12, 31)),
])
def test_tertials_are_january_april_may_august_september_december(number, start, end) -> None:
    p = Period.tertial(2026, number)
    assert (p.kind, p.start, p.end, p.year, p.number) == (TERTIAL, start, end, 2026, number)
    assert Period.parse(f"2026-T{number}") == p
    assert p.code == f"2026-T{number}"


def test_the_tertials_of_a_year_cover_it_exactly() -> None:
    for year in (2024, 2025):  # a leap year and a common one
        parts = [Period.tertial(year, n) for n in (1, 2, 3)]
        assert parts[0].start == date(year, 1, 1) and parts[-1].end == date(year, 12, 31)
        assert all(a.end + timedelta(days=1) == b.start for a, b in zip(parts, parts[1:]))
        assert sum(p.days for p in parts) == Period.of_year(year).days
    assert Period.tertial(2024, 1).days == 121 and Period.tertial(2025, 1).days == 120


@pytest.mark.parametrize("text", ["2026-T1", "2026T1", " 2026-t1 ", "2026 - T1"])
def test_parse_tertial_spellings(text: str) -> None:
    assert Period.parse(text) == Period.tertial(2026, 1)


def test_parse_year_and_range() -> None:
    assert Period.parse("2025") == Period.of_year(2025)
    assert Period.of_year(2025).kind == YEAR and Period.of_year(2025).days == 365
    r = Period.parse("2026-01-15..2026-03-31")
    assert (r.kind, r.start, r.end) == (RANGE, date(2026, 1, 15), date(2026, 3, 31))
    assert Period.parse(r.code) == r
    assert Period.parse("2026-01-15 2026-03-31") == r


@pytest.mark.parametrize("text", ["", "2026-T4", "2026-T0", "T1", "26-T1", "2026-13-01..2026-12-31",
                                  "2026-03-31..2026-01-01", "1900", "2026-02-30..2026-03-01", "next year"])
def test_bad_periods_are_refused_with_a_code(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        Period.parse(text)
    assert info.value.code == "period.invalid"


def test_previous_period() -> None:
    assert Period.tertial(2026, 1).previous() == Period.tertial(2025, 3)
    assert Period.tertial(2026, 2).previous() == Period.tertial(2026, 1)
    assert Period.tertial(2026, 3).previous() == Period.tertial(2026, 2)
    assert Period.of_year(2026).previous() == Period.of_year(2025)
    r = Period.between(date(2026, 3, 1), date(2026, 3, 10))
    assert r.previous() == Period.between(date(2026, 2, 19), date(2026, 2, 28))


def test_same_period_last_year() -> None:
    assert Period.tertial(2026, 2).same_period_last_year() == Period.tertial(2025, 2)
    assert Period.of_year(2026).same_period_last_year() == Period.of_year(2025)
    leap = Period.between(date(2024, 2, 1), date(2024, 2, 29))
    assert leap.same_period_last_year() == Period.between(date(2023, 2, 1), date(2023, 2, 28))


def test_tertial_of_a_day_and_membership() -> None:
    assert Period.tertial_of(date(2026, 4, 30)) == Period.tertial(2026, 1)
    assert Period.tertial_of(date(2026, 5, 1)) == Period.tertial(2026, 2)
    assert Period.tertial_of(date(2026, 12, 31)) == Period.tertial(2026, 3)
    t2 = Period.tertial(2026, 2)
    assert date(2026, 5, 1) in t2 and date(2026, 8, 31) in t2 and date(2026, 9, 1) not in t2
    assert t2.as_of(date(2026, 6, 15)) == date(2026, 6, 15) and t2.as_of(date(2027, 1, 1)) == t2.end
    assert t2.is_running(date(2026, 6, 15)) and not t2.is_running(date(2026, 9, 1))


def test_labels_are_swedish() -> None:
    assert Period.tertial(2026, 2).label == "T2 2026 (maj–aug)"
    assert Period.tertial(2026, 2).short_label == "T2 2026"
    assert Period.of_year(2025).label == "År 2025"
    assert Period.between(date(2026, 1, 15), date(2026, 3, 31)).short_label == "2026-01-15–03-31"


@given(start=st.dates(min_value=date(1995, 1, 1), max_value=date(2190, 1, 1)),
       length=st.integers(min_value=1, max_value=800))
def test_a_range_previous_is_adjacent_and_as_long(start: date, length: int) -> None:
    p = Period.between(start, start + timedelta(days=length - 1))
    prev = p.previous()
    assert prev.days == p.days and prev.end + timedelta(days=1) == p.start
    assert Period.parse(p.code) == p
    last = p.same_period_last_year()
    assert last.start.year == p.start.year - 1 and abs(last.days - p.days) <= 1


@given(year=st.integers(min_value=1992, max_value=2190), number=st.integers(min_value=1, max_value=3))
def test_tertial_previous_is_adjacent(year: int, number: int) -> None:
    p = Period.tertial(year, number)
    assert p.previous().end + timedelta(days=1) == p.start
    assert Period.tertial_of(p.start) == p == Period.tertial_of(p.end)


# -- weeks and months (EST lägesbild) -----------------------------------------------------------

from trygg_desktop.domain.periods import MONTH, WEEK  # noqa: E402


def test_iso_weeks_monday_to_sunday_and_across_the_year_boundary() -> None:
    w10 = Period.parse("2026-W10")
    assert (w10.kind, w10.start, w10.end, w10.year, w10.number) == (WEEK, date(2026, 3, 2), date(2026, 3, 8), 2026, 10)
    assert w10.code == "2026-W10" and w10.label == "Vecka 10 2026" and Period.parse(w10.code) == w10
    # 2026-W01 starts on Monday 29 December 2025 (the week with the year's first Thursday).
    w1 = Period.week(2026, 1)
    assert (w1.start, w1.end) == (date(2025, 12, 29), date(2026, 1, 4))
    assert w1.previous() == Period.week(2025, 52)
    assert Period.week_of(date(2025, 12, 31)) == w1 and Period.week_of(date(2027, 1, 1)) == Period.week(2026, 53)
    # 2026 has 53 weeks; 2025 has not: the same week last year is its week 52.
    w53 = Period.week(2026, 53)
    assert (w53.start, w53.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert w53.same_period_last_year() == Period.week(2025, 52)
    assert Period.week(2026, 10).same_period_last_year() == Period.week(2025, 10)
    for text in ("2026w10", "2026-w10", "2026 - W 10"):
        assert Period.parse(text) == w10
    with pytest.raises(ValidationError):
        Period.week(2025, 53)
    with pytest.raises(ValidationError):
        Period.parse("2026-W54")


def test_months() -> None:
    m = Period.parse("2026-03")
    assert (m.kind, m.start, m.end, m.number) == (MONTH, date(2026, 3, 1), date(2026, 3, 31), 3)
    assert m.code == "2026-03" and m.label == "Mars 2026" and m.short_label == "mar 2026"
    assert Period.month(2026, 1).previous() == Period.month(2025, 12)
    assert Period.month(2024, 2).end == date(2024, 2, 29) and Period.month(2025, 2).end == date(2025, 2, 28)
    assert Period.month(2026, 3).same_period_last_year() == Period.month(2025, 3)
    assert Period.month_of(date(2026, 12, 31)) == Period.month(2026, 12)
    with pytest.raises(ValidationError):
        Period.parse("2026-13")


@given(day=st.dates(min_value=date(1995, 1, 1), max_value=date(2190, 1, 1)))
def test_weeks_and_months_chain_without_gaps(day: date) -> None:
    week, month = Period.week_of(day), Period.month_of(day)
    assert day in week and day in month and week.days == 7
    assert week.previous().end + timedelta(days=1) == week.start
    assert month.previous().end + timedelta(days=1) == month.start
    assert Period.parse(week.code) == week and Period.parse(month.code) == month
