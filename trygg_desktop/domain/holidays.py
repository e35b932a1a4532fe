"""Swedish public holidays (röda dagar) and the eves that are days off in practice.

Why here: the log review flags access at unusual hours (R21), and a case read at ten in the
morning on Christmas Eve or Midsummer Eve is as unusual as one on a Sunday. The dates follow
the law on public holidays (lag 1989:253 om allmänna helgdagar) and Easter's Gregorian
computus; the eves (midsommarafton, julafton, nyårsafton) are not public holidays by law but
are days off under the municipal collective agreements, so they count too. Saturdays and
Sundays are weekends anyway and are left to the caller. Only the standard library (domain).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType


def easter_sunday(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def _weekday_between(year: int, month: int, first_day: int, weekday: int) -> date:
    """The ``weekday`` (Monday 0) in the seven days from ``first_day`` of ``month``."""
    start = date(year, month, first_day)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


@lru_cache(maxsize=64)
def days_off(year: int) -> Mapping[date, str]:
    """The public holidays and eves of ``year``, by date, with their Swedish names (read-only:
    the mapping is cached and shared)."""
    easter = easter_sunday(year)
    named = {
        date(year, 1, 1): "Nyårsdagen",
        date(year, 1, 6): "Trettondedag jul",
        easter - timedelta(days=2): "Långfredagen",
        easter - timedelta(days=1): "Påskafton",
        easter: "Påskdagen",
        easter + timedelta(days=1): "Annandag påsk",
        date(year, 5, 1): "Första maj",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + timedelta(days=49): "Pingstdagen",
        date(year, 6, 6): "Sveriges nationaldag",
        _weekday_between(year, 6, 19, 4): "Midsommarafton",
        _weekday_between(year, 6, 20, 5): "Midsommardagen",
        _weekday_between(year, 10, 31, 5): "Alla helgons dag",
        date(year, 12, 24): "Julafton",
        date(year, 12, 25): "Juldagen",
        date(year, 12, 26): "Annandag jul",
        date(year, 12, 31): "Nyårsafton",
    }
    return MappingProxyType(dict(sorted(named.items())))


def is_day_off(day: date) -> bool:
    """A public holiday or one of the eves (not merely a weekend)."""
    return day in days_off(day.year)
