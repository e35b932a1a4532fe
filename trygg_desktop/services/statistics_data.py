"""The follow-up report's raw counts for one period: a handful of SQL queries.

Everything here is counted inside the service layer and never leaves it as such:
``StatisticsService`` turns a :class:`PeriodData` into suppressed tables. The queries
are SQLAlchemy Core selects of a few columns (``GROUP BY`` counts where a count is all
that is needed, narrow tuples where a median or an age is computed in Python with
the domain's own rules), never ORM objects: at 10,000 cases a tertial is a few
thousand small rows.

Definitions (also printed in the report's notes):

* **Active in the period**: referred on or before ``as_of`` and not closed before the
  period began. **New**: referred in the period. **From earlier**: referred before it.
  **Closed**: ``closed_at`` in the period. **Open at the end**: not closed on ``as_of``
  (the period's last day, or the report day while the period runs). A reopened case
  counts by its current closure, as the case record keeps it.
* **Cohort measures** (consent reached, days to consent / kartläggning / first plan) are
  counted for the cases referred in the period, with events up to the report day.
  Consent is "reached" on the first day one of the case's consents was VALID by the
  domain's own rules (``domain.consent.derive_status``: every required signature, within
  its validity, not revoked). Kartläggning is the first recorded kartläggning or the
  first step into the kind's mapping status (SSPF KARTLAGGNING, TREFAS BEDOMD, defector
  UTREDNING), whichever came first; the first plan is the first plan version's start.
* **Meetings per case**: meetings of the case held in the period (up to ``as_of``), for
  every case active in the period; group meetings without a case are not counted.
* **Actions**: each action once (the case's current plan version, or finished in an
  older one: carried-over copies are not counted twice), planned = due in the period.
  Statuses as they stand on the report day. "Done late" needs a recorded closing meeting
  after the due date; without one a done action counts as done on time.
  **Follow-up dates**: actions whose follow-up date fell in the period (up to ``as_of``);
  met when the action is finished or a meeting of the case was held within
  ``FOLLOW_UP_WINDOW_DAYS`` of the date.
* **Defector phases**: the phase (status) on ``as_of`` of each defector case active in
  the period, and the phases cases stepped into during the period; threat level changes
  compare each threat assessment of the period with the case's previous one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import Text, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from ..domain.consent import age_on
from ..domain.periods import Period
from ..store.models import Case, Consent, Meeting, Person
from .statistics_events import count_actions, count_consents, count_defectors, count_first_events
from .statistics_period import FOLLOW_UP_WINDOW_DAYS, MEETING_BUCKETS, PeriodData, Scope, as_day, core, day_start


def gather(session: Session, period: Period, scope: Scope, today: date) -> PeriodData:
    """Every raw count of ``period`` for the cases in ``scope`` (see the module's definitions)."""
    return gather_periods(session, [period], scope, today)[0]


def gather_periods(session: Session, periods: list[Period], scope: Scope, today: date) -> list[PeriodData]:
    """The raw counts of several periods (the report's, the previous one, last year's) from one
    pass of each query over the window that covers them all; equal periods are counted once."""
    unique = list(dict.fromkeys(periods))
    datas = {p: PeriodData(period=p, as_of=p.as_of(today), kinds=scope.kinds) for p in unique}
    ds = list(datas.values())
    last = max(d.as_of for d in ds)
    in_scope = scope.where()
    # The periods as ranges of days (a tertial and last year's leave a gap between them).
    spans = _spans([(d.period.start, d.as_of) for d in ds])

    # 1. Cases active in any of the periods: flow, closure reasons, units and referral facts.
    cases: dict[int, tuple[str, date, date | None]] = {}
    for (cid, kind, unit_id, status, referred, closed_at, reason, agency, concerns, born, gender) in core(session).execute(
            select(Case.id, Case.kind, Case.unit_id, Case.status, Case.referral_date, Case.closed_at,
                   Case.closure_reason, Case.referring_agency, type_coerce(Case.concerns, Text), Person.birth_date,
                   Person.legal_gender)
            .join(Person, Person.id == Case.person_id)
            .where(*in_scope, or_(*(and_(Case.referral_date <= b, or_(Case.closed_at.is_(None), Case.closed_at >= a))
                                    for a, b in spans)))):
        cases[cid] = (kind, referred, closed_at)
        concerns_of = None
        for d in ds:
            start, as_of = d.period.start, d.as_of
            if referred > as_of or (closed_at is not None and closed_at < start):
                continue
            is_new = referred >= start
            closed = closed_at is not None and closed_at <= as_of
            d.flow[kind]["NEW" if is_new else "EARLIER", "CLOSED" if closed else "OPEN"] += 1
            d.active_cases[cid] = kind
            d.status_now[cid] = status
            if closed:
                d.closure[kind][reason or "OVRIGT"] += 1
            if not is_new:
                continue
            d.referral[cid] = (kind, referred)
            d.new_by_unit[unit_id, kind] += 1
            d.source[kind][agency or ""] += 1
            if concerns_of is None:
                concerns_of = json.loads(concerns) if concerns else []  # JSON text, decoded once
            for concern in dict.fromkeys(concerns_of):
                d.concerns[kind][concern] += 1
            d.ages[age_on(born, referred) if born is not None else None][kind] += 1
            d.gender[kind][gender or "OKAND"] += 1

    cohort_cond = and_(*in_scope, or_(*(Case.referral_date.between(a, b) for a, b in spans)))
    count_consents(session, ds, cohort_cond, today)
    count_first_events(session, ds, cohort_cond, today)

    # 2. Revocations registered in the periods.
    for kind, revoked_at in core(session).execute(
            select(Case.kind, Consent.revoked_at).join(Case, Case.id == Consent.case_id)
            .where(*in_scope, or_(*(Consent.revoked_at.between(a, b) for a, b in spans)))):
        for d in ds:
            if d.period.start <= revoked_at <= d.as_of:
                d.revocations[kind] += 1

    # 3. Meetings of the cases (by the starts_at index; the case scope is the case list above).
    window = timedelta(days=FOLLOW_UP_WINDOW_DAYS)
    meeting_days: dict[int, list[date]] = defaultdict(list)
    # coalesce() keeps SQLite off the starts_at (and case_id) index: reading the table in order
    # is several times faster than fetching a third of it row by row through an index (bench,
    # XL). Group meetings (no case) are skipped below.
    starts_at = func.coalesce(Meeting.starts_at, Meeting.starts_at)
    for cid, starts in core(session).execute(
            select(Meeting.case_id, Meeting.starts_at).where(or_(*(
                and_(starts_at >= day_start(a - window),
                     starts_at < day_start(min(b + window, today) + timedelta(days=1)))
                for a, b in _spans([(a - window, b + window) for a, b in spans]))))):
        if cid is not None:
            meeting_days[cid].append(as_day(starts))
    for d in ds:
        held: Counter = Counter()
        start, as_of = d.period.start, d.as_of
        for cid, days in meeting_days.items():
            n = sum(1 for day in days if start <= day <= as_of)
            if n:
                held[cid] = n
        for cid, kind in d.active_cases.items():
            n = held.get(cid, 0)
            d.meetings[kind][min(n, MEETING_BUCKETS)] += 1
            d.meetings_total[kind] += n

    count_actions(session, ds, scope, today, meeting_days, _spans([(d.period.start, d.period.end) for d in ds]))
    if "AVHOPPARE" in scope.kinds:
        count_defectors(session, ds, scope, last)
    return [datas[p] for p in periods]


def _spans(ranges: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping or adjacent ranges of days merged, in order."""
    out: list[list[date]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + timedelta(days=1):
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]
