"""The lägesbild's queries and the periods it compares (EST, DOMAIN 5.2).

* **Baseline**: the mean of the previous ``BASELINE_PERIODS`` periods of the same kind (the
  four weeks, months, tertials or years before), counting only those that start on or after
  the register's first incident: a period before any data is not a period of zero
  incidents. None when no previous period has data.
* **Same period last year**: the same ISO week, month, tertial or year, when it starts on or
  after the first incident; else None.
* **Trend**: 12 weeks (a weekly picture) or 12 months (monthly, tertial and yearly pictures)
  ending with the period's last week or month.
* **Weekday × hour**: the reported wall-clock hour of the period's incidents (stored as the
  reporter gave it, so a day the clocks change moves nothing); an incident with only its
  day, or a window longer than ``MAX_WINDOW_HOURS``, is counted as "time unknown".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.periods import MONTH, WEEK, Period
from ..store.models import EstIncident

BASELINE_PERIODS = 4
TREND_BUCKETS = 12
MAX_WINDOW_HOURS = 2


@dataclass(frozen=True)
class Frames:
    current: Period
    baseline: tuple[Period, ...]      # newest first, only those with data
    last_year: Period | None
    trend: tuple[Period, ...]         # oldest first
    previous: Period                  # for the actions' follow-up


def frames(period: Period, first_day: date | None) -> Frames:
    baseline, p = [], period
    for _ in range(BASELINE_PERIODS):
        p = p.previous()
        if first_day is not None and p.start >= first_day:
            baseline.append(p)
    last = period.same_period_last_year()
    last_year = last if first_day is not None and last.start >= first_day else None
    if period.kind == WEEK:
        trend = [period]
    else:
        trend = [Period.month_of(period.end)]
    while len(trend) < TREND_BUCKETS:
        trend.append(trend[-1].previous())
    return Frames(period, tuple(baseline), last_year, tuple(trend[::-1]), period.previous())


def first_incident_day(session: Session) -> date | None:
    return session.scalar(select(func.min(EstIncident.occurred_on)))


@dataclass
class Counts:
    """Counts per frame index: frame → (area, category) → n; frame → area → police-reported."""

    cells: list[dict[tuple[int, int], int]]
    police: list[dict[int, int]]
    subcategories: dict[tuple[int, int | None], int]    # the current period only


def gather(session: Session, periods: list[Period]) -> Counts:
    """One grouped query over the days the periods cover; each day is looked up once."""
    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    cells: list[dict[tuple[int, int], int]] = [{} for _ in periods]
    police: list[dict[int, int]] = [{} for _ in periods]
    subs: dict[tuple[int, int | None], int] = {}
    day_frames: dict[date, list[int]] = {}
    # The cast: PostgreSQL has no sum(boolean) (SQLite stores the flag as 0/1 anyway).
    rows = session.execute(
        select(EstIncident.area_id, EstIncident.category_id, EstIncident.subcategory_id, EstIncident.occurred_on,
               func.count(), func.count().filter(EstIncident.police_reported.is_(True)))
        .where(EstIncident.occurred_on >= start, EstIncident.occurred_on <= end)
        .group_by(EstIncident.area_id, EstIncident.category_id, EstIncident.subcategory_id, EstIncident.occurred_on))
    for area, category, sub, day, n, reported in rows:
        hits = day_frames.get(day)
        if hits is None:
            hits = day_frames[day] = [i for i, p in enumerate(periods) if p.start <= day <= p.end]
        for i in hits:
            key = (area, category)
            cells[i][key] = cells[i].get(key, 0) + n
            police[i][area] = police[i].get(area, 0) + int(reported or 0)
        if 0 in hits:
            subs[(category, sub)] = subs.get((category, sub), 0) + n
    return Counts(cells, police, subs)


def hour_grid(session: Session, period: Period) -> tuple[dict[int | None, list[list[int]]], dict[int | None, int]]:
    """area → 7×24 counts of the reported hour, and area → incidents without a usable time;
    key None is every area together."""
    grids: dict[int | None, list[list[int]]] = {}
    unknown: dict[int | None, int] = {}
    window = timedelta(hours=MAX_WINDOW_HOURS)
    for area, start, end, known in session.execute(
            select(EstIncident.area_id, EstIncident.occurred_from, EstIncident.occurred_to, EstIncident.time_known)
            .where(EstIncident.occurred_on >= period.start, EstIncident.occurred_on <= period.end)):
        for key in (None, area):
            if not known or (end is not None and end - start > window):
                unknown[key] = unknown.get(key, 0) + 1
                continue
            grid = grids.setdefault(key, [[0] * 24 for _ in range(7)])
            grid[start.weekday()][start.hour] += 1
    return grids, unknown


def trend_unit(period: Period) -> str:
    return "veckor" if period.kind == WEEK else "månader"


def kind_words(period: Period) -> tuple[str, str]:
    """("vecka", "veckorna"): for "föregående vecka" and "de fyra föregående veckorna"."""
    return {WEEK: ("vecka", "veckorna"), MONTH: ("månad", "månaderna")}.get(
        period.kind, ("tertial", "tertialen") if period.kind == "TERTIAL" else ("år", "åren"))
