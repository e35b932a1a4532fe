"""The follow-up report's event counts for the cases of a period: consents reached, the first
kartläggning and plan, actions and follow-up dates per agency, the defector phases and threat
levels. Called by ``statistics_data.gather_periods`` (the definitions are in its module text);
each is a few Core selects of narrow rows over the window that covers every period asked for.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case as sql_case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..domain.consent import ConsentFacts, Signature, derive_status
from ..domain.timefmt import utc_midnight
from ..store.models import (Action, Assessment, Case, CaseStatusChange, ConditionBreach, Conditions, Consent,
                            ConsentSignatory, Meeting, Person, Plan, ThreatAssessment)
from .plans import is_current_plan
from .statistics_period import (ASSESSMENT_STATUS, CONSENT_KINDS, FOLLOW_UP_WINDOW_DAYS, TERMINAL_ACTION,
                                THREAT_ORDER, PeriodData, Scope, as_day, core)


def count_consents(session: Session, ds: list[PeriodData], cohort_cond, today: date) -> None:
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


def count_first_events(session: Session, ds: list[PeriodData], cohort_cond, today: date) -> None:
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


def count_actions(session: Session, ds: list[PeriodData], scope: Scope, today: date,
             meeting_days: dict[int, list[date]], spans: list[tuple[date, date]]) -> None:
    """Actions due in the period per responsible agency (counted in SQL, one query per period),
    and follow-up dates met (finished actions counted in SQL; the open ones checked against
    the case's meetings here)."""
    closing = aliased(Meeting)
    # Each action once: its case's current plan version, or finished in an older one.
    logical = or_(is_current_plan(), Action.status.in_(TERMINAL_ACTION))
    category = sql_case(
        (and_(Action.status == "GENOMFORD", closing.starts_at.is_not(None),
              func.date(closing.starts_at) > Action.due_date), "LATE"),
        (Action.status == "GENOMFORD", "ON_TIME"),
        (Action.status == "EJ_GENOMFORD", "NOT_DONE"),
        (Action.status == "STRUKEN", "STRUCK"),
        (Action.due_date < today, "OVERDUE"),
        else_="OPEN")
    finished = Action.status.in_(TERMINAL_ACTION)
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


def count_defectors(session: Session, ds: list[PeriodData], scope: Scope, last: date) -> None:
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
