"""Follow-up periods of the steering group's statistics (DOMAIN.md 7).

Municipalities follow SSPF, TREFAS and defector work up per **tertial** (T1 January–April,
T2 May–August, T3 September–December) and per **year**; a report can also cover any
**range** of days. A period is a value: its first and last day (both included), how it
was asked for, and the two periods a report compares it with:

* :meth:`Period.previous` — the period just before it: the tertial before (T1's is the
  previous year's T3), the year before, or a range of the same number of days ending the
  day before this one starts. So "open at the end of the previous period" is "open at the
  start of this one".
* :meth:`Period.same_period_last_year` — the same tertial or range one year earlier (a
  range ending on 29 February ends on the 28th in a common year).

EST's lägesbild (DOMAIN 5) is weekly and monthly as well: an ISO **week** (Monday to Sunday,
``2026-W10``; week 1 is the week with the year's first Thursday, so it can start in
December) and a calendar **month** (``2026-03``). The previous week or month is the one just
before; the same week last year is the same ISO week number (week 53 becomes week 52 in a
year that has none).

Text forms (:meth:`Period.parse`, :attr:`Period.code`): ``2026-W10``, ``2026-03``, ``2026-T1``,
``2026``, ``2026-01-15..2026-03-31``. Pure standard library; errors carry a stable code
(``period.invalid``) and Swedish text for the CLI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import ValidationError

TERTIAL = "TERTIAL"
YEAR = "YEAR"
RANGE = "RANGE"
WEEK = "WEEK"
MONTH = "MONTH"

#: First and last month of each tertial.
TERTIAL_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}
_MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                "november", "december")
_MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
#: The earliest and latest year a period may lie in (typing errors, not policy).
MIN_YEAR, MAX_YEAR = 1990, 2200

_TERTIAL_RE = re.compile(r"^\s*(\d{4})\s*-?\s*T([1-3])\s*$", re.IGNORECASE)
_YEAR_RE = re.compile(r"^\s*(\d{4})\s*$")
_WEEK_RE = re.compile(r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$")
_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_RANGE_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.|/|–|—|\s)\s*(\d{4}-\d{2}-\d{2})\s*$")


def _bad(message: str, **params: object) -> ValidationError:
    return ValidationError(message, code="period.invalid", **params)


def _last_day_of_month(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _minus_one_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February in a common year
        return date(day.year - 1, 2, 28)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _bad(f"Året {year} ligger utanför {MIN_YEAR}–{MAX_YEAR}", year=year)


@dataclass(frozen=True, slots=True)
class Period:
    """A closed interval of days, ``start`` ≤ ``end``, and how it was asked for.

    ``kind`` is ``WEEK``, ``MONTH``, ``TERTIAL``, ``YEAR`` or ``RANGE``; ``year`` and ``number``
    identify an ISO week (ISO year, week 1–53), a month (1–12), a tertial (``number`` 1–3) or
    a year (``number`` 0); a range has both 0.
    """

    kind: str
    start: date
    end: date
    year: int = 0
    number: int = 0

    def __post_init__(self) -> None:
        if self.kind not in (TERTIAL, YEAR, RANGE, WEEK, MONTH):
            raise _bad("Okänd periodtyp", kind=self.kind)
        if self.end < self.start:
            raise _bad("Periodens slut ligger före dess början")
        _check_year(self.start.year)
        _check_year(self.end.year)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def tertial(cls, year: int, number: int) -> "Period":
        if number not in TERTIAL_MONTHS:
            raise _bad("Tertialet ska vara T1, T2 eller T3", number=number)
        _check_year(year)
        first, last = TERTIAL_MONTHS[number]
        return cls(TERTIAL, date(year, first, 1), _last_day_of_month(year, last), year, number)

    @classmethod
    def of_year(cls, year: int) -> "Period":
        _check_year(year)
        return cls(YEAR, date(year, 1, 1), date(year, 12, 31), year, 0)

    @classmethod
    def week(cls, year: int, number: int) -> "Period":
        """ISO week ``number`` of ISO year ``year`` (Monday–Sunday)."""
        _check_year(year)
        try:
            start = date.fromisocalendar(year, number, 1)
        except ValueError:
            raise _bad(f"Vecka {number} finns inte år {year}", year=year, number=number) from None
        return cls(WEEK, start, start + timedelta(days=6), year, number)

    @classmethod
    def week_of(cls, day: date) -> "Period":
        year, number, _ = day.isocalendar()
        return cls.week(year, number)

    @classmethod
    def month(cls, year: int, number: int) -> "Period":
        if not 1 <= number <= 12:
            raise _bad("Månaden ska vara 01–12", number=number)
        _check_year(year)
        return cls(MONTH, date(year, number, 1), _last_day_of_month(year, number), year, number)

    @classmethod
    def month_of(cls, day: date) -> "Period":
        return cls.month(day.year, day.month)

    @classmethod
    def between(cls, start: date, end: date) -> "Period":
        """Any range of days, both ends included."""
        return cls(RANGE, start, end)

    @classmethod
    def tertial_of(cls, day: date) -> "Period":
        """The tertial ``day`` falls in."""
        return cls.tertial(day.year, (day.month - 1) // 4 + 1)

    @classmethod
    def parse(cls, text: str) -> "Period":
        """``2026-T1`` (also ``2026T1``, ``2026-t1``), ``2026``, or ``2026-01-15..2026-03-31``."""
        value = (text or "").strip()
        if m := _WEEK_RE.match(value):
            return cls.week(int(m.group(1)), int(m.group(2)))
        if m := _MONTH_RE.match(value):
            return cls.month(int(m.group(1)), int(m.group(2)))
        if m := _TERTIAL_RE.match(value):
            return cls.tertial(int(m.group(1)), int(m.group(2)))
        if m := _YEAR_RE.match(value):
            return cls.of_year(int(m.group(1)))
        if m := _RANGE_RE.match(value):
            try:
                start, end = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
            except ValueError:
                raise _bad(f"Ogiltigt datum i perioden {value!r}") from None
            return cls.between(start, end)
        raise _bad(f"Okänd period {value!r}: skriv t.ex. 2026-W10, 2026-03, 2026-T1, 2026 eller "
                   "2026-01-01..2026-03-31")

    # -- comparisons ----------------------------------------------------------------------
    def previous(self) -> "Period":
        """The period just before: previous tertial, previous year, or the same number of
        days ending the day before ``start``."""
        if self.kind == WEEK:
            return Period.week_of(self.start - timedelta(days=7))
        if self.kind == MONTH:
            return Period.month_of(self.start - timedelta(days=1))
        if self.kind == TERTIAL:
            return Period.tertial(self.year - 1, 3) if self.number == 1 else Period.tertial(self.year, self.number - 1)
        if self.kind == YEAR:
            return Period.of_year(self.year - 1)
        end = self.start - timedelta(days=1)
        return Period.between(end - timedelta(days=self.days - 1), end)

    def same_period_last_year(self) -> "Period":
        if self.kind == WEEK:
            weeks = date(self.year - 1, 12, 28).isocalendar()[1]  # 28 December is always in the last week
            return Period.week(self.year - 1, min(self.number, weeks))
        if self.kind == MONTH:
            return Period.month(self.year - 1, self.number)
        if self.kind == TERTIAL:
            return Period.tertial(self.year - 1, self.number)
        if self.kind == YEAR:
            return Period.of_year(self.year - 1)
        return Period.between(_minus_one_year(self.start), _minus_one_year(self.end))

    # -- facts ------------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def as_of(self, today: date) -> date:
        """The last day figures can speak of: the period's end, or today while it runs."""
        return min(self.end, today)

    def is_running(self, today: date) -> bool:
        return self.start <= today < self.end

    def has_begun(self, today: date) -> bool:
        return self.start <= today

    @property
    def code(self) -> str:
        """The text form :meth:`parse` reads back: ``2026-W10``, ``2026-03``, ``2026-T1``, ``2026``,
        ``2026-01-15..2026-03-31``."""
        if self.kind == WEEK:
            return f"{self.year}-W{self.number:02d}"
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == TERTIAL:
            return f"{self.year}-T{self.number}"
        if self.kind == YEAR:
            return str(self.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """Swedish: "Vecka 10 2026", "Mars 2026", "T1 2026 (jan–apr)", "År 2026", "2026-01-15 – 2026-03-31"."""
        if self.kind == WEEK:
            return f"Vecka {self.number} {self.year}"
        if self.kind == MONTH:
            return f"{_MONTH_NAMES[self.number - 1].capitalize()} {self.year}"
        if self.kind == TERTIAL:
            first, last = TERTIAL_MONTHS[self.number]
            return f"T{self.number} {self.year} ({_MONTH_ABBR[first - 1]}–{_MONTH_ABBR[last - 1]})"
        if self.kind == YEAR:
            return f"År {self.year}"
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @property
    def short_label(self) -> str:
        """Swedish, for column heads: "v. 10 2026", "mar 2026", "T1 2026", "2026", "2026-01-15–03-31"."""
        if self.kind == WEEK:
            return f"v. {self.number} {self.year}"
        if self.kind == MONTH:
            return f"{_MONTH_ABBR[self.number - 1]} {self.year}"
        if self.kind == TERTIAL:
            return f"T{self.number} {self.year}"
        if self.kind == YEAR:
            return str(self.year)
        if self.start.year == self.end.year:
            return f"{self.start.isoformat()}–{self.end.isoformat()[5:]}"
        return f"{self.start.isoformat()}–{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.code
