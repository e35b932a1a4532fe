"""Swedish public holidays and eves (domain/holidays.py), against the published calendars."""

from __future__ import annotations

from datetime import date

import pytest

from trygg_desktop.domain.holidays import days_off, easter_sunday, is_day_off


@pytest.mark.parametrize("year,easter", [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
                                         (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
                                         (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22))])
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_the_days_off_of_2026() -> None:
    assert days_off(2026) == {
        date(2026, 1, 1): "Nyårsdagen", date(2026, 1, 6): "Trettondedag jul", date(2026, 4, 3): "Långfredagen",
        date(2026, 4, 4): "Påskafton", date(2026, 4, 5): "Påskdagen", date(2026, 4, 6): "Annandag påsk",
        date(2026, 5, 1): "Första maj", date(2026, 5, 14): "Kristi himmelsfärdsdag",
        date(2026, 5, 24): "Pingstdagen", date(2026, 6, 6): "Sveriges nationaldag",
        date(2026, 6, 19): "Midsommarafton", date(2026, 6, 20): "Midsommardagen",
        date(2026, 10, 31): "Alla helgons dag", date(2026, 12, 24): "Julafton", date(2026, 12, 25): "Juldagen",
        date(2026, 12, 26): "Annandag jul", date(2026, 12, 31): "Nyårsafton"}


@pytest.mark.parametrize("year,midsummer_eve,all_saints", [(2024, date(2024, 6, 21), date(2024, 11, 2)),
                                                           (2025, date(2025, 6, 20), date(2025, 11, 1)),
                                                           (2027, date(2027, 6, 25), date(2027, 11, 6))])
def test_the_moving_saturdays_and_fridays(year: int, midsummer_eve: date, all_saints: date) -> None:
    names = {name: day for day, name in days_off(year).items()}
    assert names["Midsommarafton"] == midsummer_eve and midsummer_eve.weekday() == 4
    assert names["Alla helgons dag"] == all_saints and all_saints.weekday() == 5


def test_an_ordinary_day_and_a_weekend_are_not_days_off() -> None:
    assert not is_day_off(date(2026, 12, 7))     # a Monday
    assert not is_day_off(date(2026, 12, 12))    # a Saturday: a weekend, not a holiday
    assert is_day_off(date(2026, 12, 24))
