"""Consent: drafting, signatures, revocation (DOMAIN.md 1.4).

The stored ``status`` is a convenience for lists; every access decision derives
the status afresh from signatures and dates (``base.consent_status_now``), so an
expired or revoked consent stops sharing the moment it happens. Revocation of an
SSPF consent also closes the case (SAMTYCKE_ATERKALLAT); nothing is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.consent import ConsentFacts, required_signatories, validate
from ..domain.errors import ValidationError
from ..domain.lifecycle import CASE_MACHINES
from ..store.models import Case, CaseStatusChange, Consent, ConsentSignatory, Person
from . import mapping
from .base import Service, Tx, changes, consent_facts, consent_status_now
from .cases import check_text
from .dto import ConsentDTO
from ..domain.topics import Topic


@dataclass(frozen=True, slots=True)
class ConsentInput:
    case_id: int
    purpose: str
    scope_agencies: tuple[tuple[str, str], ...]      # (agency code, named organisation)
    scope_information: tuple[str, ...]
    valid_from: date
    valid_to: date | None
    joint_custody: bool = True
    single_guardian_exception: str | None = None
    youth_opinion: str | None = None


class ConsentService(Service):

    @changes(Topic.CASE, Topic.CASES, Topic.CONSENTS)
    def create(self, data: ConsentInput) -> ConsentDTO:
        check_text(data.purpose, "consent.purpose_long", 2000)
        check_text(data.youth_opinion, "consent.opinion_long")
        if not data.purpose.strip():
            raise ValidationError("The purpose is required", code="consent.purpose_required")
        with self.tx() as tx:
            case = tx.get(Case, data.case_id)
            tx.require(Act.CREATE, Rec.CONSENT, tx.case_facts(case))
            person = tx.get(Person, case.person_id)
            facts = ConsentFacts(
                youth_birth_date=person.birth_date or self.today, joint_custody=data.joint_custody,
                single_guardian_exception=data.single_guardian_exception, signatures=(),
                valid_from=data.valid_from, valid_to=data.valid_to,
                scope_agencies=tuple(a for a, _ in data.scope_agencies),
                scope_information=tuple(data.scope_information))
            problems = validate(facts, self.today)
            if problems:
                raise ValidationError("The consent form is incomplete", code=problems[0], problems=problems)
            consent = Consent(
                case_id=case.id, subject_person_id=case.person_id, purpose=data.purpose.strip(),
                scope_agencies=[{"agency": a, "detail": d} for a, d in data.scope_agencies],
                scope_information=list(data.scope_information), valid_from=data.valid_from,
                valid_to=data.valid_to, joint_custody=data.joint_custody,
                single_guardian_exception=data.single_guardian_exception, youth_opinion=data.youth_opinion,
                status="DRAFT")
            tx.session.add(consent)
            tx.session.flush()
            tx.audit("CONSENT_CREATE", entity="consent", entity_id=consent.id, case_id=case.id,
                     person_id=case.person_id)
            return self._dto(tx, consent)

    @changes(Topic.CASE, Topic.CASES, Topic.CONSENTS)
    def sign(self, consent_id: int, role: str, signed_at: date, *, method: str = "WRITTEN_PAPER",
             person_id: int | None = None, declined: bool = False) -> ConsentDTO:
        """Record one signatory's signature (or refusal); the status follows from the rules."""
        if role not in vocab.SIGNATORY_ROLES:
            _bad("consent.signatory_role")
        if method not in vocab.SIGNING_METHODS:
            _bad("consent.signing_method")
        if signed_at > self.today:
            _bad("consent.signature_in_future")
        with self.tx() as tx:
            consent = tx.get(Consent, consent_id)
            case = tx.get(Case, consent.case_id)
            tx.require(Act.UPDATE, Rec.CONSENT, tx.case_facts(case))
            if consent.revoked_at is not None:
                _bad("consent.revoked")
            for existing in consent.signatories:
                if existing.role == role:
                    tx.session.delete(existing)
            tx.session.flush()
            consent.signatories.append(ConsentSignatory(
                person_id=person_id, role=role, signed_at=signed_at, method=method, declined=declined,
                recorded_by_user_id=self.actor.user_id))
            tx.session.flush()
            facts = consent_facts(tx.session, consent)
            if facts is not None:
                problems = [p for p in validate(facts, self.today) if p == "consent.adult_signs_alone"]
                if problems:
                    _bad(problems[0])
            consent.status = consent_status_now(tx.session, consent, self.today)
            tx.audit("CONSENT_DECLINE" if declined else "CONSENT_SIGN", entity="consent", entity_id=consent.id,
                     case_id=case.id, person_id=case.person_id, detail={"role": role, "status": consent.status})
            return self._dto(tx, consent)

    @changes(Topic.CASE, Topic.CASES, Topic.CONSENTS, Topic.MEETINGS, Topic.PLANS, Topic.JOURNAL)
    def revoke(self, consent_id: int, revoked_at: date, *, channel: str, note: str | None = None) -> ConsentDTO:
        """Revocation takes effect at once; an open SSPF case is closed (SAMTYCKE_ATERKALLAT)."""
        check_text(note, "consent.note_long")
        if revoked_at > self.today:
            _bad("consent.revoked_in_future")
        with self.tx() as tx:
            consent = tx.get(Consent, consent_id)
            case = tx.get(Case, consent.case_id)
            tx.require(Act.UPDATE, Rec.CONSENT, tx.case_facts(case))
            if consent.revoked_at is not None:
                _bad("consent.revoked")
            consent.revoked_at = revoked_at
            consent.revoked_by_user_id = self.actor.user_id
            consent.revocation_channel = channel[:100]
            consent.revocation_note = note
            consent.status = "REVOKED"
            tx.audit("CONSENT_REVOKE", entity="consent", entity_id=consent.id, case_id=case.id,
                     person_id=case.person_id, flags=["SHARING_STOPPED"])
            self._close_on_revocation(tx, case)
            return self._dto(tx, consent)

    def _close_on_revocation(self, tx: Tx, case: Case) -> None:
        machine = CASE_MACHINES[case.kind]
        if case.kind != "SSPF" or machine.is_closed(case.status) or machine.is_terminal(case.status):
            return
        source = case.status
        case.status, case.closed_at, case.closure_reason = "AVSLUTAD", self.today, "SAMTYCKE_ATERKALLAT"
        tx.session.add(CaseStatusChange(case_id=case.id, from_status=source, to_status="AVSLUTAD",
                                        reason="SAMTYCKE_ATERKALLAT", changed_by=self.actor.user_id))
        tx.audit("CASE_STATUS", entity="case", entity_id=case.id, case_id=case.id, person_id=case.person_id,
                 detail={"from": source, "to": "AVSLUTAD", "cause": "consent_revoked"})

    def list_for_case(self, case_id: int) -> list[ConsentDTO]:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            tx.require(Act.READ, Rec.CONSENT, tx.case_facts(case))
            tx.audit("CONSENT_READ", entity="consent", case_id=case.id, person_id=case.person_id)
            return consents_of(tx, case.id)

    def _dto(self, tx: Tx, consent: Consent) -> ConsentDTO:
        return consent_dto(tx, consent)


def consent_dto(tx: Tx, consent: Consent) -> ConsentDTO:
    status = consent_status_now(tx.session, consent, tx.today)
    facts = consent_facts(tx.session, consent)
    required = tuple(sorted(required_signatories(
        facts.youth_birth_date, tx.today, facts.joint_custody, facts.single_guardian_exception))) if facts else ()
    return mapping.consent(consent, status, required, tx.today)


def consents_of(tx: Tx, case_id: int) -> list[ConsentDTO]:
    rows = tx.session.scalars(select(Consent).where(Consent.case_id == case_id)
                              .order_by(Consent.valid_from.desc(), Consent.id.desc()))
    return [consent_dto(tx, c) for c in rows]


def _bad(code: str) -> None:
    raise ValidationError("The consent cannot be changed like that", code=code)


