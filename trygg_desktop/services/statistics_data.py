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
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Text, and_, case as sql_case, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from ..domain.consent import ConsentFacts, Signature, age_on, derive_status
from ..domain.lifecycle import ACTION_MACHINE
from ..domain.periods import Period
from ..domain.timefmt import local, utc_midnight
from ..store.models import (Action, Assessment, Case, CaseStatusChange, ConditionBreach, Conditions, Consent,
                            ConsentSignatory, Meeting, Person, Plan, ThreatAssessment)
from .plans import is_current_plan

#: Case kinds whose work rests on consent (TREFAS has none to count: DOMAIN 3.3).
CONSENT_KINDS = ("SSPF", "AVHOPPARE")
#: The status that marks kartläggning/assessment in each kind's state machine.
ASSESSMENT_STATUS = {"SSPF": "KARTLAGGNING", "TREFAS": "BEDOMD", "AVHOPPARE": "UTREDNING"}
#: A follow-up date counts as met by a meeting of the case this many days before or after it.
FOLLOW_UP_WINDOW_DAYS = 7
#: Meeting counts are grouped 0, 1, 2, 3 and this many or more.
MEETING_BUCKETS = 4
#: Action categories (a partition of the actions due in the period).
ACTION_CATEGORIES = ("ON_TIME", "LATE", "NOT_DONE", "STRUCK", "OVERDUE", "OPEN")
THREAT_ORDER = {"LAG": 0, "MEDEL": 1, "HOG": 2}
THREAT_CHANGES = ("FIRST", "UP", "SAME", "DOWN")
CONSENT_OUTCOMES = ("VALID", "DECLINED", "NONE")
MEASURES = ("CONSENT", "ASSESSMENT", "PLAN")
_TERMINAL_ACTION = tuple(sorted(ACTION_MACHINE.terminal))


@dataclass(frozen=True, slots=True)
class Scope:
    """Which cases a report counts: kinds, and units (None: every unit)."""

    kinds: tuple[str, ...]
    unit_ids: frozenset[int] | None

    @property
    def everything(self) -> bool:
        """Every kind in every unit (the steering group): child tables need no join to the case."""
        from ..domain.vocab import CASE_KINDS
        return self.unit_ids is None and set(self.kinds) >= set(CASE_KINDS.codes)

    def where(self, model: type[Case] = Case) -> list:
        conds = [model.kind.in_(list(self.kinds))]
        if self.unit_ids is not None:
            conds.append(model.unit_id.in_(sorted(self.unit_ids)))
        return conds


@dataclass
class PeriodData:
    """Raw counts of one period (internal to the service layer)."""

    period: Period
    as_of: date
    kinds: tuple[str, ...]
    # flow[kind] = Counter of ("EARLIER"|"NEW", "CLOSED"|"OPEN")
    flow: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    closure: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    new_by_unit: Counter = field(default_factory=Counter)            # (unit_id, kind) → new cases
    source: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    concerns: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    ages: dict[int | None, Counter] = field(default_factory=lambda: defaultdict(Counter))   # age → kind → n
    gender: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    consent: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))      # kind → outcome
    days: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))  # (measure, kind)
    revocations: Counter = field(default_factory=Counter)
    meetings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))     # kind → bucket → n
    meetings_total: Counter = field(default_factory=Counter)
    actions: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))      # agency → category
    follow_ups: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))   # agency → MET|MISSED
    avh_phase_end: Counter = field(default_factory=Counter)
    avh_reached: Counter = field(default_factory=Counter)
    avh_breaches: int = 0
    avh_threats: Counter = field(default_factory=Counter)
    # Internal bookkeeping of the gathering (case ids never leave the service layer).
    active_cases: dict[int, str] = field(default_factory=dict, repr=False)
    status_now: dict[int, str] = field(default_factory=dict, repr=False)
    referral: dict[int, tuple[str, date]] = field(default_factory=dict, repr=False)

    # -- sums ---------------------------------------------------------------------------
    def new(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["NEW", "CLOSED"] + self.flow[k]["NEW", "OPEN"] for k in self._kinds(kind))

    def closed(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["NEW", "CLOSED"] + self.flow[k]["EARLIER", "CLOSED"] for k in self._kinds(kind))

    def open_at_end(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["NEW", "OPEN"] + self.flow[k]["EARLIER", "OPEN"] for k in self._kinds(kind))

    def from_earlier(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["EARLIER", "CLOSED"] + self.flow[k]["EARLIER", "OPEN"] for k in self._kinds(kind))

    def active(self, kind: str | None = None) -> int:
        return self.new(kind) + self.from_earlier(kind)

    def consent_reached(self, kinds: tuple[str, ...]) -> tuple[int, int]:
        """(reached a valid consent, referred) over ``kinds``."""
        return (sum(self.consent[k]["VALID"] for k in kinds), sum(sum(self.consent[k].values()) for k in kinds))

    def durations(self, measure: str, kind: str | None) -> list[int]:
        return sorted(d for k in self._kinds(kind) for d in self.days[measure, k])

    def _kinds(self, kind: str | None) -> tuple[str, ...]:
        return self.kinds if kind is None else (kind,)


def median_p75(values: list[int]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    if len(values) == 1:
        return float(values[0]), float(values[0])
    return float(statistics.median(values)), float(statistics.quantiles(values, n=4, method="inclusive")[2])


def core(session: Session):
    """The session's connection: Core execution returns plain rows without the ORM's per-row
    loading machinery (a third of the report's time at XL went there)."""
    return session.connection()


def _day_start(day: date) -> datetime:
    """The wall time a day starts at, for the wall-time columns (a meeting's start)."""
    return datetime.combine(day, time.min)


def as_day(value: date | datetime | str | None) -> date | None:
    """A stored day, datetime or ISO text (SQLite returns dates as text from Core rows) as a date."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return local(value).date()  # an instant (aware): its local day; a wall time as it is
    return date.fromisoformat(str(value)[:10])


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
    _consents(session, ds, cohort_cond, today)
    _first_events(session, ds, cohort_cond, today)

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
                and_(starts_at >= _day_start(a - window),
                     starts_at < _day_start(min(b + window, today) + timedelta(days=1)))
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

    _actions(session, ds, scope, today, meeting_days, _spans([(d.period.start, d.period.end) for d in ds]))
    if "AVHOPPARE" in scope.kinds:
        _defectors(session, ds, scope, last)
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


def _consents(session: Session, ds: list[PeriodData], cohort_cond, today: date) -> None:
    """Consent outcome of each new SSPF/defector case, and the days to its first valid consent."""
    cohort = select(Case.id).where(cohort_cond, Case.kind.in_(CONSENT_KINDS))
    signatures: dict[int, list[Signature]] = defaultdict(list)
    for consent_id, role, signed_at, declined in core(session).execute(
            select(ConsentSignatory.consent_id, ConsentSignatory.role, ConsentSignatory.signed_at,
                   ConsentSignatory.declined).join(Consent, Consent.id == ConsentSignatory.consent_id)
            .where(Consent.case_id.in_(cohort))):
        signatures[consent_id].append(Signature(role=role, signed_at=signed_at, declined=bool(declined)))
    reached: dict[int, date] = {}
    declined_cases: set[int] = set()
    for (consent_id, case_id, valid_from, valid_to, joint, exception, revoked_at, status, born) in core(session).execute(
            select(Consent.id, Consent.case_id, Consent.valid_from, Consent.valid_to, Consent.joint_custody,
                   Consent.single_guardian_exception, Consent.revoked_at, Consent.status, Person.birth_date)
            .join(Person, Person.id == Consent.subject_person_id).where(Consent.case_id.in_(cohort))):
        sigs = tuple(signatures.get(consent_id, ()))
        if born is None:  # no birth date: the stored status is all there is
            if status in ("VALID", "EXPIRED"):
                days = [s.signed_at for s in sigs if s.signed_at and not s.declined]
                day = max([valid_from, *days])
                if day <= today:
                    reached[case_id] = min(reached.get(case_id, day), day)
            elif status == "DECLINED":
                declined_cases.add(case_id)
            continue
        facts = ConsentFacts(youth_birth_date=born, joint_custody=bool(joint), single_guardian_exception=exception,
                             signatures=sigs, valid_from=valid_from, valid_to=valid_to, revoked_at=revoked_at)
        day = valid_since(facts, today)
        if day is not None:
            reached[case_id] = min(reached.get(case_id, day), day)
        elif derive_status(facts, today) == "DECLINED":
            declined_cases.add(case_id)
    for d in ds:
        for cid, (kind, referred) in d.referral.items():
            if kind not in CONSENT_KINDS:
                continue
            if cid in reached:
                d.consent[kind]["VALID"] += 1
                d.days["CONSENT", kind].append(max(0, (reached[cid] - referred).days))
            elif cid in declined_cases:
                d.consent[kind]["DECLINED"] += 1
            else:
                d.consent[kind]["NONE"] += 1


def valid_since(facts: ConsentFacts, today: date) -> date | None:
    """The first day (up to ``today``) on which the consent was VALID, or None."""
    candidates = {s.signed_at for s in facts.signatures if s.signed_at is not None and not s.declined}
    if facts.valid_from is not None:
        candidates.add(facts.valid_from)
    for day in sorted(d for d in candidates if d <= today):
        if derive_status(facts, day) == "VALID":
            return day
    return None


def _first_events(session: Session, ds: list[PeriodData], cohort_cond, today: date) -> None:
    """Days from referral to the first kartläggning and to the first plan."""
    cohort = select(Case.id).where(cohort_cond)
    mapped: dict[int, date] = {}
    for cid, day in core(session).execute(select(Assessment.case_id, func.min(Assessment.assessed_on))
                                    .where(Assessment.case_id.in_(cohort)).group_by(Assessment.case_id)):
        mapped[cid] = day
    kind_of = {cid: kind for d in ds for cid, (kind, _referred) in d.referral.items()}
    for cid, status, when in core(session).execute(
            select(CaseStatusChange.case_id, CaseStatusChange.to_status, func.min(CaseStatusChange.changed_at))
            .where(CaseStatusChange.case_id.in_(cohort),
                   CaseStatusChange.to_status.in_(sorted(set(ASSESSMENT_STATUS.values()))))
            .group_by(CaseStatusChange.case_id, CaseStatusChange.to_status)):
        if ASSESSMENT_STATUS.get(kind_of.get(cid, "")) != status:
            continue  # BEDOMD is TREFAS's step, not another kind's
        day = as_day(when)
        mapped[cid] = min(mapped.get(cid, day), day)
    planned = {cid: as_day(day) for cid, day in core(session).execute(
        select(Plan.case_id, func.min(Plan.valid_from)).where(Plan.case_id.in_(cohort)).group_by(Plan.case_id))}
    for measure, events in (("ASSESSMENT", mapped), ("PLAN", planned)):
        for cid, day in events.items():
            if day is None or day > today:
                continue
            for d in ds:
                if cid in d.referral:
                    kind, referred = d.referral[cid]
                    d.days[measure, kind].append(max(0, (day - referred).days))


def _actions(session: Session, ds: list[PeriodData], scope: Scope, today: date,
             meeting_days: dict[int, list[date]], spans: list[tuple[date, date]]) -> None:
    """Actions due in the period per responsible agency (counted in SQL, one query per period),
    and follow-up dates met (finished actions counted in SQL; the open ones checked against
    the case's meetings here)."""
    closing = aliased(Meeting)
    # Each action once: its case's current plan version, or finished in an older one.
    logical = or_(is_current_plan(), Action.status.in_(_TERMINAL_ACTION))
    category = sql_case(
        (and_(Action.status == "GENOMFORD", closing.starts_at.is_not(None),
              func.date(closing.starts_at) > Action.due_date), "LATE"),
        (Action.status == "GENOMFORD", "ON_TIME"),
        (Action.status == "EJ_GENOMFORD", "NOT_DONE"),
        (Action.status == "STRUKEN", "STRUCK"),
        (Action.due_date < today, "OVERDUE"),
        else_="OPEN")
    finished = Action.status.in_(_TERMINAL_ACTION)
    conn = core(session)
    base = select(Action.responsible_agency).join(Plan, Plan.id == Action.plan_id)
    if not scope.everything:
        base = base.join(Case, Case.id == Plan.case_id).where(*scope.where())
    base = base.outerjoin(closing, closing.id == Action.closed_in_meeting_id).where(logical)
    ordered = sorted(ds, key=lambda d: d.period.start)
    if all(a.period.end < b.period.start for a, b in zip(ordered, ordered[1:])):
        # Disjoint periods (tertials, years): one pass, each action put in its period's bucket.
        due_bucket = sql_case(*((Action.due_date.between(d.period.start, d.period.end), i)
                                for i, d in enumerate(ordered)), else_=-1)
        fu_bucket = sql_case(*((and_(finished, Action.follow_up_date.between(d.period.start, d.as_of)), i)
                               for i, d in enumerate(ordered)), else_=-1)
        for agency, cat, due_i, fu_i, n in conn.execute(
                base.add_columns(category, due_bucket, fu_bucket, func.count())
                .where(or_(*(Action.due_date.between(a, b) for a, b in spans),
                           *(Action.follow_up_date.between(a, b) for a, b in spans)))
                .group_by(Action.responsible_agency, category, due_bucket, fu_bucket)):
            if due_i >= 0:
                ordered[due_i].actions[agency][cat] += n
            if fu_i >= 0:
                ordered[fu_i].follow_ups[agency]["MET"] += n  # a finished action has been followed up
    else:  # overlapping ranges: one count per period
        for d in ds:
            for agency, cat, n in conn.execute(
                    base.add_columns(category, func.count())
                    .where(Action.due_date.between(d.period.start, d.period.end))
                    .group_by(Action.responsible_agency, category)):
                d.actions[agency][cat] += n
            for agency, n in conn.execute(
                    base.add_columns(func.count())
                    .where(finished, Action.follow_up_date.between(d.period.start, d.as_of))
                    .group_by(Action.responsible_agency)):
                d.follow_ups[agency]["MET"] += n
    open_stmt = select(Plan.case_id, Action.responsible_agency, Action.follow_up_date).join(
        Plan, Plan.id == Action.plan_id)
    if not scope.everything:
        open_stmt = open_stmt.join(Case, Case.id == Plan.case_id).where(*scope.where())
    open_rows = conn.execute(open_stmt.where(logical, ~finished,
                                             or_(*(Action.follow_up_date.between(a, b) for a, b in spans)))).all()
    for cid, agency, follow_up in open_rows:
        met = any(abs((day - follow_up).days) <= FOLLOW_UP_WINDOW_DAYS for day in meeting_days.get(cid, ()))
        for d in ds:
            if d.period.start <= follow_up <= d.as_of:
                d.follow_ups[agency]["MET" if met else "MISSED"] += 1


def _defectors(session: Session, ds: list[PeriodData], scope: Scope, last: date) -> None:
    """Phases, breaches of conditions and threat level changes of defector cases (counts only)."""
    avh = Scope(kinds=("AVHOPPARE",), unit_ids=scope.unit_ids).where()
    changes: dict[int, list[tuple[datetime, int, str]]] = defaultdict(list)
    for cid, change_id, to_status, when in core(session).execute(
            select(CaseStatusChange.case_id, CaseStatusChange.id, CaseStatusChange.to_status,
                   CaseStatusChange.changed_at).join(Case, Case.id == CaseStatusChange.case_id)
            .where(*avh, CaseStatusChange.changed_at < utc_midnight(last + timedelta(days=1)))):
        changes[cid].append((when, change_id, to_status))
    for d in ds:
        start, after = utc_midnight(d.period.start), utc_midnight(d.as_of + timedelta(days=1))
        for cid, kind in d.active_cases.items():
            if kind != "AVHOPPARE":
                continue
            steps = sorted(c for c in changes.get(cid, ()) if c[0] < after)
            for when, _id, to_status in steps:
                if when >= start:
                    d.avh_reached[to_status] += 1
            d.avh_phase_end[steps[-1][2] if steps else d.status_now[cid]] += 1

    first = min(d.period.start for d in ds)
    for (occurred,) in core(session).execute(
            select(ConditionBreach.occurred_on).join(Conditions, Conditions.id == ConditionBreach.conditions_id)
            .join(Case, Case.id == Conditions.case_id)
            .where(*avh, ConditionBreach.occurred_on >= first, ConditionBreach.occurred_on <= last)):
        for d in ds:
            if d.period.start <= occurred <= d.as_of:
                d.avh_breaches += 1

    previous: dict[int, str] = {}
    for cid, day, level in core(session).execute(
            select(ThreatAssessment.case_id, ThreatAssessment.assessed_on, ThreatAssessment.level)
            .join(Case, Case.id == ThreatAssessment.case_id).where(*avh, ThreatAssessment.assessed_on <= last)
            .order_by(ThreatAssessment.case_id, ThreatAssessment.assessed_on, ThreatAssessment.id)):
        before = previous.get(cid)
        change = "FIRST" if before is None else (
            lambda delta: "UP" if delta > 0 else "DOWN" if delta < 0 else "SAME")(
            THREAT_ORDER.get(level, 1) - THREAT_ORDER.get(before, 1))
        for d in ds:
            if d.period.start <= day <= d.as_of:
                d.avh_threats[change] += 1
        previous[cid] = level
