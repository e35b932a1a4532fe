"""Opening a case: everything the case view's tabs show, in one audited read.

Each section is filtered by the access policy for this reader; sections the
reader may not see at all are named in ``withheld`` so the UI and printouts can
say that something was left out rather than pretend it does not exist.
"""

from __future__ import annotations

from sqlalchemy import select

from ..domain.access import Act, CaseFacts, Rec, RecordFacts, may_see_protected_details
from ..domain.lifecycle import CASE_MACHINES, GuardContext
from ..store.models import (Assessment, Case, CaseAssignment, Conditions, Disclosure, InstrumentReference, Meeting, Person,
                            RiskLevelEntry, ThreatAssessment, Unit)
from . import grants, mapping
from .base import CaseContext, Service, Tx
from .case_summary import case_summary
from .cases import CaseService
from .consents import consents_of
from .dto import AssignmentDTO, CaseDetail
from .journal import visible_journal
from .meetings import MeetingService
from .persons import guardians_of
from .plans import current_plan, plan_dto


def _records(tx: Tx, facts: CaseFacts, rec: Rec, rows, to_facts, convert) -> tuple[tuple, bool]:
    """Convert the rows the reader may see; the flag says whether any were withheld."""
    if not tx.allowed(Act.READ, rec, facts):
        return (), bool(rows)
    shown = [r for r in rows if tx.allowed(Act.READ, rec, facts, to_facts(r))]
    return tuple(convert(r) for r in shown), len(shown) != len(rows)


class CaseViewService(Service):

    def open(self, case_id: int, *, purpose: str = "case_view") -> CaseDetail:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            # The session holds loaded rows weakly: held here, the case's person and unit are
            # read once for the whole view, not again by each part that needs them.
            held = tx.session.get(Person, case.person_id), tx.session.get(Unit, case.unit_id)
            context = tx.case_context(case)
            decision = tx.require(Act.READ, Rec.CASE, context.facts)
            # R17: the read is logged in this transaction; the view leaves only once it is committed.
            tx.audit("CASE_READ", entity="case", entity_id=case.id, case_id=case.id, person_id=case.person_id,
                     purpose=purpose)
            detail = self._detail(tx, case, context, decision.level)
            del held
            return detail

    def _detail(self, tx: Tx, case: Case, context: CaseContext, level: str) -> CaseDetail:
        s = tx.session
        facts = context.facts
        withheld: list[str] = []

        def section(name: str, rec: Rec, model, to_facts, convert, order) -> tuple:
            rows = list(s.scalars(select(model).where(model.case_id == case.id).order_by(*order)))
            values, hidden = _records(tx, facts, rec, rows, to_facts, convert)
            if hidden:
                withheld.append(name)
            return values

        person = s.get(Person, case.person_id)
        cases = CaseService(self.db, self.actor, today=tx.today)
        assessments = section("assessments", Rec.ASSESSMENT, Assessment,
                              lambda a: RecordFacts(a.owning_agency, a.visibility), mapping.assessment,
                              (Assessment.assessed_on.desc(),))
        instruments = section("instruments", Rec.ASSESSMENT, InstrumentReference,
                              lambda i: RecordFacts(i.owning_agency, "SHARED"), mapping.instrument,
                              (InstrumentReference.assessed_on.desc(),))
        risk_levels = section("risk_levels", Rec.RISK_LEVEL, RiskLevelEntry,
                              lambda r: RecordFacts(None, "SHARED"), mapping.risk_level,
                              (RiskLevelEntry.assessed_on.desc(), RiskLevelEntry.id.desc()))
        threats = section("threat_assessments", Rec.THREAT_ASSESSMENT, ThreatAssessment,
                          lambda t: RecordFacts(t.assessed_by_agency, "INTERNAL"), mapping.threat,
                          (ThreatAssessment.assessed_on.desc(),))
        conditions = section("conditions", Rec.CONDITIONS, Conditions, lambda c: RecordFacts(None, "SHARED"),
                             mapping.conditions, (Conditions.id.desc(),))
        disclosures = section("disclosures", Rec.DISCLOSURE, Disclosure, lambda d: RecordFacts(None, "SHARED"),
                              mapping.disclosure, (Disclosure.disclosed_at.desc(),))
        plan = current_plan(tx, case.id)
        plan_view = plan_dto(tx, plan, facts) if plan and tx.allowed(Act.READ, Rec.PLAN, facts) else None
        if plan_view is not None and plan_view.hidden_actions:
            withheld.append("plan_actions")
        journal, hidden_journal = visible_journal(tx, case, facts) if tx.allowed(Act.READ, Rec.JOURNAL, facts) else ([], 0)
        if hidden_journal:
            withheld.append("journal")
        meetings_service = MeetingService(self.db, self.actor, today=tx.today)
        meetings = tuple(meetings_service.dto_in(tx, m, facts, full=False) for m in s.scalars(
            select(Meeting).where(Meeting.case_id == case.id).order_by(Meeting.starts_at.desc())))
        ctx = GuardContext(consent_valid_for_all_shared_agencies=facts.consent_status == "VALID",
                           consent_revoked=facts.consent_status == "REVOKED",
                           consent_expired=facts.consent_status == "EXPIRED",
                           previous_status=case.previous_status, meeting_held_and_plan_saved=plan is not None)
        transitions = (tuple(t.target for t in CASE_MACHINES[case.kind].targets(case.status, ctx))
                       if tx.allowed(Act.CHANGE_STATUS, Rec.CASE, facts) else ())
        return CaseDetail(
            summary=case_summary(tx, case, context), person=mapping.person(person, self.actor, facts),
            guardians=guardians_of(tx, person.id, facts), referring_agency=case.referring_agency,
            referring_person=case.referring_person, concerns=tuple(case.concerns), description=case.description,
            urgency=case.urgency, orosanmalan=case.orosanmalan, environment=case.environment,
            closed_at=case.closed_at, closure_reason=case.closure_reason, closure_note=case.closure_note,
            linked_case_id=case.linked_case_id, access_level=level,
            consents=tuple(consents_of(tx, case.id)), assessments=assessments, instruments=instruments,
            risk_levels=risk_levels, threat_assessments=threats, conditions=conditions, plan=plan_view,
            meetings=meetings, journal=tuple(journal), disclosures=disclosures,
            status_history=cases.status_history(tx, case.id), allowed_transitions=transitions,
            withheld=tuple(withheld),
            may_reveal_protected=may_see_protected_details(self.actor, facts), plan_exists=plan is not None,
            version=case.version or 1,
            emergency_until=(grants.active_until(s, self.actor.user_id, case.id) if level == "EMERGENCY" else None),
            assignments=tuple(AssignmentDTO(a.user_id, a.role_in_case, a.assigned_at) for a in s.scalars(
                select(CaseAssignment).where(CaseAssignment.case_id == case.id, CaseAssignment.ended_at.is_(None))
                .order_by(CaseAssignment.id))))
