"""Kartläggning, external instrument references, TREFAS risk levels, and the
restricted avhoppare records (threat assessment, conditions and breaches)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain import vocab
from ..domain.access import Act, Rec, RecordFacts
from ..domain.errors import ValidationError
from ..store.models import (Assessment, AssessmentItem, Case, ConditionBreach, Conditions, InstrumentReference,
                            RiskLevelEntry, ThreatAssessment)
from . import mapping
from .base import Service, changes
from .cases import check_text
from .dto import AssessmentDTO, ConditionsDTO, InstrumentDTO, RiskLevelDTO, ThreatAssessmentDTO
from ..domain.topics import Topic


@dataclass(frozen=True, slots=True)
class ItemInput:
    domain: str
    risk: int
    protection: int
    note: str | None = None
    source_agency: str | None = None


def _require_kind(case: Case, *kinds: str) -> None:
    if case.kind not in kinds:
        raise ValidationError("That record does not belong to this kind of case", code="case.kind_mismatch")


def _not_future(day: date, today: date) -> None:
    if day > today:
        raise ValidationError("The date is in the future", code="date.future")


class AssessmentService(Service):

    @changes(Topic.CASE, Topic.ASSESSMENTS)
    def add_assessment(self, case_id: int, assessed_on: date, items: list[ItemInput], *,
                       youth_view: str | None = None, guardian_view: str | None = None, note: str | None = None,
                       visibility: str = "SHARED") -> AssessmentDTO:
        vocab.VISIBILITY.check(visibility)
        _not_future(assessed_on, self.today)
        for text_value in (youth_view, guardian_view, note, *(i.note for i in items)):
            check_text(text_value, "assessment.text_long")
        for item in items:
            if item.domain not in vocab.ASSESSMENT_DOMAINS:
                raise ValidationError("Unknown domain", code="assessment.domain", domain=item.domain)
            if not (0 <= item.risk <= 3 and 0 <= item.protection <= 3):
                raise ValidationError("Risk and protection are 0–3", code="assessment.scale")
            if item.source_agency is not None and item.source_agency not in vocab.AGENCIES:
                raise ValidationError("Unknown agency", code="assessment.agency")
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            tx.require(Act.CREATE, Rec.ASSESSMENT, tx.case_facts(case))
            a = Assessment(case_id=case.id, assessed_on=assessed_on, author_user_id=self.actor.user_id,
                           owning_agency=self.actor.agency, visibility=visibility, youth_view=youth_view,
                           guardian_view=guardian_view, note=note,
                           items=[AssessmentItem(domain=i.domain, risk=i.risk, protection=i.protection, note=i.note,
                                                 source_agency=i.source_agency or self.actor.agency) for i in items])
            tx.session.add(a)
            tx.session.flush()
            tx.audit("ASSESSMENT_CREATE", entity="assessment", entity_id=a.id, case_id=case.id,
                     person_id=case.person_id)
            return mapping.assessment(a)

    @changes(Topic.CASE, Topic.ASSESSMENTS)
    def add_instrument(self, case_id: int, instrument: str, assessed_on: date, assessor: str, *,
                       overall_risk: str | None = None, summary: str | None = None) -> InstrumentDTO:
        if instrument not in vocab.INSTRUMENTS:
            _unknown("instrument")
        _not_future(assessed_on, self.today)
        check_text(summary, "instrument.summary_long")
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            tx.require(Act.CREATE, Rec.ASSESSMENT, tx.case_facts(case))
            ref = InstrumentReference(case_id=case.id, instrument=instrument, assessed_on=assessed_on,
                                      assessor=assessor[:200], overall_risk=overall_risk, summary=summary,
                                      owning_agency=self.actor.agency)
            tx.session.add(ref)
            tx.session.flush()
            tx.audit("INSTRUMENT_CREATE", entity="instrument", entity_id=ref.id, case_id=case.id,
                     person_id=case.person_id)
            return mapping.instrument(ref)

    @changes(Topic.CASE, Topic.ASSESSMENTS)
    def add_risk_level(self, case_id: int, level: str, assessed_on: date, assessing_agency: str, *,
                       note: str | None = None) -> RiskLevelDTO:
        """TREFAS risk colour: appended, never edited ("polisens bedömning per <datum>")."""
        if level not in vocab.RISK_LEVELS:
            _unknown("risk_level")
        if assessing_agency not in vocab.AGENCIES:
            _unknown("agency")
        _not_future(assessed_on, self.today)
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            _require_kind(case, "TREFAS")
            tx.require(Act.CREATE, Rec.RISK_LEVEL, tx.case_facts(case))
            entry = RiskLevelEntry(case_id=case.id, level=level, assessed_on=assessed_on,
                                   assessing_agency=assessing_agency, note=check_text(note, "risk.note_long"),
                                   recorded_by=self.actor.user_id)
            tx.session.add(entry)
            tx.session.flush()
            tx.audit("RISK_LEVEL_CREATE", entity="risk_level", entity_id=entry.id, case_id=case.id,
                     person_id=case.person_id, detail={"level": level})
            return mapping.risk_level(entry)

    @changes(Topic.CASE, Topic.ASSESSMENTS)
    def add_threat_assessment(self, case_id: int, level: str, assessed_on: date, *,
                              summary: str | None = None, review_date: date | None = None) -> ThreatAssessmentDTO:
        if level not in vocab.THREAT_LEVELS:
            _unknown("threat_level")
        _not_future(assessed_on, self.today)
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            _require_kind(case, "AVHOPPARE")
            tx.require(Act.CREATE, Rec.THREAT_ASSESSMENT, tx.case_facts(case),
                       RecordFacts(owning_agency=self.actor.agency, visibility="INTERNAL"))
            t = ThreatAssessment(case_id=case.id, assessed_by_agency=self.actor.agency, assessed_on=assessed_on,
                                 level=level, summary=check_text(summary, "threat.summary_long"),
                                 review_date=review_date, recorded_by=self.actor.user_id)
            tx.session.add(t)
            tx.session.flush()
            tx.audit("THREAT_CREATE", entity="threat_assessment", entity_id=t.id, case_id=case.id,
                     person_id=case.person_id, flags=["RESTRICTED"])
            return mapping.threat(t)

    @changes(Topic.CASE, Topic.ASSESSMENTS)
    def set_conditions(self, case_id: int, conditions: list[str], *, signed_at: date | None = None,
                       drug_test_schedule: str | None = None) -> ConditionsDTO:
        if not conditions or any(not c.strip() or len(c) > 2000 for c in conditions):
            raise ValidationError("List the conditions, one per line", code="conditions.invalid")
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            _require_kind(case, "AVHOPPARE")
            tx.require(Act.CREATE, Rec.CONDITIONS, tx.case_facts(case))
            c = Conditions(case_id=case.id, signed_at=signed_at, conditions=[x.strip() for x in conditions],
                           drug_test_schedule=drug_test_schedule)
            tx.session.add(c)
            tx.session.flush()
            tx.audit("CONDITIONS_CREATE", entity="conditions", entity_id=c.id, case_id=case.id,
                     person_id=case.person_id)
            return mapping.conditions(c)

    @changes(Topic.CASE, Topic.ASSESSMENTS)
    def add_breach(self, conditions_id: int, occurred_on: date, breach_type: str, *,
                   consequence: str | None = None) -> ConditionsDTO:
        _not_future(occurred_on, self.today)
        if not breach_type.strip():
            raise ValidationError("Describe the breach", code="conditions.breach_type")
        with self.tx() as tx:
            c = tx.get(Conditions, conditions_id)
            case = tx.get(Case, c.case_id)
            tx.require(Act.UPDATE, Rec.CONDITIONS, tx.case_facts(case))
            c.breaches.append(ConditionBreach(occurred_on=occurred_on, breach_type=breach_type.strip()[:200],
                                              consequence=check_text(consequence, "conditions.text_long")))
            tx.session.flush()
            tx.audit("CONDITIONS_BREACH", entity="conditions", entity_id=c.id, case_id=case.id,
                     person_id=case.person_id)
            return mapping.conditions(c)


def _unknown(what: str) -> None:
    raise ValidationError("Unknown value", code=f"{what}.unknown")
