"""The trend line of the follow-up: new and closed cases in each of the last periods.

One light query over the case table (the full ``statistics_data.gather_periods`` for six
periods would double the report's time); the counts follow the same definitions as the
report's (new: referred in the period; closed: closed in it, up to the report day).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..domain.periods import Period
from ..store.models import Case
from .statistics_period import Scope, as_day, core


#: Periods in the trend line (the report's and the ones before it: two years of tertials).
TREND_PERIODS = 6


def trend_periods(period: Period) -> list[Period]:
    """The report's period and the :data:`TREND_PERIODS` - 1 before it, oldest first."""
    out = [period]
    while len(out) < TREND_PERIODS:
        out.append(out[-1].previous())
    return out[::-1]


def trend_counts(session: Session, periods: list[Period], scope: Scope, today: date) -> list[tuple[int, int]]:
    """(new, closed) cases in ``scope`` per period: the trend line's two counts, from one light
    query over the case table (the full ``gather_periods`` for six periods would double the
    report's time)."""
    first = min(p.start for p in periods)
    last = max(p.as_of(today) for p in periods)
    bounds = [(p.start, p.as_of(today)) for p in periods]
    counts = [[0, 0] for _ in periods]
    for referred, closed_at in core(session).execute(
            select(Case.referral_date, Case.closed_at)
            .where(*scope.where(), Case.referral_date <= last,
                   or_(Case.referral_date >= first, Case.closed_at.between(first, last)))):
        closed_day = as_day(closed_at)
        for i, (start, as_of) in enumerate(bounds):
            if start <= referred <= as_of:
                counts[i][0] += 1
            if closed_day is not None and start <= closed_day <= as_of:
                counts[i][1] += 1
    return [(new, closed) for new, closed in counts]
