"""Cases: referral, the case list, opening a case, status changes, assignments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.sql import ColumnElement

from ..domain import personnummer, vocab
from ..domain.access import COORDINATOR_ROLES, RESTRICTED_KINDS, Act, Actor, CaseFacts, Rec
from ..domain.errors import ValidationError
from ..domain.lifecycle import CASE_MACHINES, GuardContext
from ..domain.text import forbidden_character
from ..store.models import (Case, CaseAssignment, CaseReferenceCounter, CaseStatusChange, Meeting, Person, Plan,
                            Unit, utcnow)
from .base import Service, Tx, case_contexts, changes
from .case_summary import case_summary, summary_of
from .dto import CaseSummary, StatusChangeDTO
from .versions import bump, check_version
from ..domain.topics import Topic

REFERENCE_PREFIX = {"SSPF": "SSPF", "TREFAS": "TREFAS", "AVHOPPARE": "AVH"}
PAGE_SIZE_MAX = 500
MAX_TEXT = 100_000


@dataclass(frozen=True, slots=True)
class Referral:
    kind: str
    person_id: int
    unit_id: int
    referral_date: date
    area: str | None = None
    referring_agency: str | None = None
    referring_person: str | None = None
    concerns: tuple[str, ...] = ()
    description: str | None = None
    urgency: str = "NORMAL"
    orosanmalan: str = "OKANT"
    environment: str | None = None
    responsible_user_id: int | None = None
    linked_case_id: int | None = None


@dataclass(frozen=True, slots=True)
class CaseFilter:
    kind: str | None = None
    status: str | None = None
    statuses: tuple[str, ...] = ()
    unit_id: int | None = None
    area: str | None = None
    responsible_user_id: int | None = None
    mine: bool = False
    open_only: bool = False
    query: str | None = None
    order_by: str = "reference"      # reference | referral_date | status | name
    descending: bool = False
    offset: int = 0
    limit: int = 100
    extra: dict[str, str] = field(default_factory=dict)


def check_text(value: str | None, code: str, limit: int = MAX_TEXT) -> str | None:
    """The one check every free text of the case work passes (journal, plans, meetings, disclosures,
    referrals): not too long, and none of the characters no stored text may hold (domain/text.py:
    controls, a stray U+FEFF, bidirectional overrides), as the import and the person form refuse."""
    if value is not None and len(value) > limit:
        raise ValidationError("Text too long", code=code, limit=limit)
    if value is not None and (found := forbidden_character(value)) is not None:
        raise ValidationError(f"The text holds a character that is not allowed ({found[1]} at {found[0] + 1})",
                              code="text.character", field=code, position=found[0] + 1, character=found[1])
    return value


def next_reference(tx: Tx, kind: str, year: int) -> str:
    counter = tx.session.get(CaseReferenceCounter, (kind, year))
    if counter is None:
        counter = CaseReferenceCounter(kind=kind, year=year, last_number=0)
        tx.session.add(counter)
    counter.last_number += 1
    return f"{REFERENCE_PREFIX[kind]}-{year}-{counter.last_number:04d}"


def connection_filter(actor: Actor) -> ColumnElement[bool]:
    """SQL for "cases this actor is connected to" (the policy's case connection).

    The policy is applied again per row; this keeps lists fast and paged in SQL.
    """
    units = list(actor.unit_ids)
    clauses: list[ColumnElement[bool]] = [Case.responsible_user_id == actor.user_id]
    for kind, role in COORDINATOR_ROLES.items():
        if role in actor.roles and units:
            clauses.append(and_(Case.kind == kind, Case.unit_id.in_(units)))
    assigned = exists().where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == actor.user_id,
                              CaseAssignment.ended_at.is_(None))
    restricted = list(RESTRICTED_KINDS)
    clauses.append(and_(assigned, or_(Case.kind.not_in(restricted), Case.unit_id.in_(units))))
    return or_(*clauses)


class CaseService(Service):

    @changes(Topic.CASES, Topic.PERSONS)
    def create(self, r: Referral) -> CaseSummary:
        vocab.CASE_KINDS.check(r.kind)
        for concern in r.concerns:
            if concern not in vocab.REFERRAL_CONCERNS:
                raise ValidationError("Unknown concern category", code="case.concern_unknown", concern=concern)
        if r.urgency not in vocab.URGENCY or r.orosanmalan not in vocab.OROSANMALAN:
            raise ValidationError("Unknown urgency or orosanmälan value", code="case.vocab")
        if r.environment is not None and r.environment not in vocab.CASE_ENVIRONMENTS:
            raise ValidationError("Unknown environment", code="case.environment")
        if r.referring_agency is not None and r.referring_agency not in vocab.AGENCIES:
            raise ValidationError("Unknown agency", code="case.agency_unknown")
        if r.referral_date > self.today:
            raise ValidationError("The referral date is in the future", code="case.referral_future")
        check_text(r.description, "case.description_long")
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.CASE)
            unit = tx.get(Unit, r.unit_id)
            if unit.case_kind not in (None, r.kind):
                raise ValidationError("The unit does not handle that kind of case", code="case.unit_kind")
            if unit.id not in self.actor.unit_ids:
                # A case is registered only in one's own unit: the probe has no connection.
                tx.require(Act.CREATE, Rec.CASE, CaseFacts(case_id=0, kind=r.kind, unit_id=unit.id,
                                                           case_agency=unit.agency_code))
            tx.get(Person, r.person_id)
            machine = CASE_MACHINES[r.kind]
            case = Case(kind=r.kind, reference=next_reference(tx, r.kind, r.referral_date.year),
                        person_id=r.person_id, unit_id=unit.id, area=r.area or unit.area, status=machine.initial,
                        responsible_user_id=r.responsible_user_id or self.actor.user_id,
                        referral_date=r.referral_date, referring_agency=r.referring_agency,
                        referring_person=r.referring_person, concerns=list(r.concerns), description=r.description,
                        urgency=r.urgency, orosanmalan=r.orosanmalan, environment=r.environment,
                        linked_case_id=r.linked_case_id)
            tx.session.add(case)
            tx.session.flush()
            tx.session.add(CaseStatusChange(case_id=case.id, from_status=None, to_status=case.status,
                                            changed_by=self.actor.user_id))
            tx.session.add(CaseAssignment(case_id=case.id, user_id=case.responsible_user_id,
                                          role_in_case="ANSVARIG"))
            tx.audit("CASE_CREATE", entity="case", entity_id=case.id, case_id=case.id, person_id=case.person_id,
                     detail={"kind": r.kind, "unit": unit.id})
            return case_summary(tx, case)

    def list(self, f: CaseFilter = CaseFilter()) -> tuple[list[CaseSummary], int]:
        """A page of the cases this user may see, filtered and sorted in SQL; and the total."""
        limit = max(1, min(f.limit, PAGE_SIZE_MAX))
        with self.tx() as tx:
            tx.require_capability(Act.READ, Rec.CASE)
            # Ids first, rows second: the count and the page's ordering/offset run on narrow
            # index-covered queries (ix_case_file_open_list), and only the page's rows are
            # read in full. The person table is joined only where the filter or order needs it.
            needs_person = bool(f.query and f.query.strip()) or f.order_by == "name"
            ids_stmt = select(Case.id)
            if needs_person:
                ids_stmt = ids_stmt.join(Person, Person.id == Case.person_id)
            ids_stmt = self._apply_filter(ids_stmt.where(connection_filter(self.actor)), f)
            total = tx.session.scalar(select(func.count()).select_from(ids_stmt.subquery())) or 0
            order = {"reference": Case.reference, "referral_date": Case.referral_date, "status": Case.status,
                     "name": Person.last_name}.get(f.order_by, Case.reference)
            ids = list(tx.session.scalars(ids_stmt.order_by(order.desc() if f.descending else order, Case.id)
                                          .offset(max(0, f.offset)).limit(limit)))
            position = {case_id: i for i, case_id in enumerate(ids)}
            page = sorted(tx.session.execute(select(Case, Person).join(Person, Person.id == Case.person_id)
                                             .where(Case.id.in_(ids))).all(),
                          key=lambda row: position[row[0].id]) if ids else []
            units = {u.id: u for u in tx.session.scalars(select(Unit))}
            contexts = case_contexts(tx.session, [case for case, _ in page], self.today,
                                     agencies={u.id: u.agency_code for u in units.values()})
            rows = []
            for case, person in page:
                ctx = contexts[case.id]
                if tx.allowed(Act.READ, Rec.CASE, ctx.facts):
                    rows.append(summary_of(case, person, units[case.unit_id], ctx.consent_status,
                                           ctx.consent_valid_to, self.actor, self.today))
            tx.audit("CASE_LIST", entity="case", detail={"rows": len(rows), "offset": f.offset})
            return rows, total

    def _apply_filter(self, stmt, f: CaseFilter):
        if f.kind:
            stmt = stmt.where(Case.kind == f.kind)
        if f.status:
            stmt = stmt.where(Case.status == f.status)
        if f.statuses:
            stmt = stmt.where(Case.status.in_(f.statuses))
        if f.open_only:
            stmt = stmt.where(Case.closed_at.is_(None))
        if f.unit_id:
            stmt = stmt.where(Case.unit_id == f.unit_id)
        if f.area:
            stmt = stmt.where(Case.area == f.area)
        if f.responsible_user_id:
            stmt = stmt.where(Case.responsible_user_id == f.responsible_user_id)
        if f.mine:
            stmt = stmt.where(Case.responsible_user_id == self.actor.user_id)
        if f.query and f.query.strip():
            q = f.query.strip()
            try:
                stmt = stmt.where(Person.pnr == personnummer.parse(q, today=self.today).digits)
            except ValidationError:
                like = f"%{q.lower()}%"
                stmt = stmt.where(or_(func.lower(Case.reference).like(like),
                                      func.lower(Person.first_name + " " + Person.last_name).like(like)))
        return stmt

    @changes(Topic.CASE, Topic.CASES)
    def change_status(self, case_id: int, target: str, *, reason: str | None = None,
                      note: str | None = None, expected_version: int | None = None) -> CaseSummary:
        """Move a case along its state machine; the guard facts are gathered here.
        ``expected_version``: the case's version the user saw (``CaseDetail.version``); a
        colleague's change of status or follow-up in between is an ``EditConflict``."""
        check_text(note, "case.note_long")
        with self.tx() as tx:
            case = self._locked(tx, case_id)
            facts = tx.case_facts(case)
            tx.require(Act.CHANGE_STATUS, Rec.CASE, facts)
            check_version(case, expected_version, message="The case was changed by someone else in the meantime",
                          code="case.conflict", status=case.status)
            machine = CASE_MACHINES[case.kind]
            ctx = GuardContext(
                consent_valid_for_all_shared_agencies=facts.consent_status == "VALID",
                consent_revoked=facts.consent_status == "REVOKED",
                consent_expired=facts.consent_status == "EXPIRED",
                meeting_held_and_plan_saved=self._meeting_and_plan(tx, case.id),
                previous_status=case.previous_status)
            transition = machine.check(case.status, target, ctx, reason)
            self._apply_status(tx, case, target, reason, note, closure=transition.closure_code)
            return case_summary(tx, case)

    def _apply_status(self, tx: Tx, case: Case, target: str, reason: str | None, note: str | None, *,
                      closure: bool) -> None:
        source = case.status
        if target == "VILANDE_SAMTYCKE_UTGATT":
            case.previous_status = source
        elif source == "VILANDE_SAMTYCKE_UTGATT":
            case.previous_status = None
        case.status = target
        bump(case)
        if CASE_MACHINES[case.kind].is_closed(target):
            case.closed_at = self.today
            case.closure_reason = reason if closure else case.closure_reason
            case.closure_note = note
        elif case.closed_at is not None:  # reopened
            case.closed_at, case.closure_reason, case.closure_note = None, None, None
        tx.session.add(CaseStatusChange(case_id=case.id, from_status=source, to_status=target,
                                        reason=reason, changed_by=self.actor.user_id))
        tx.audit("CASE_STATUS", entity="case", entity_id=case.id, case_id=case.id, person_id=case.person_id,
                 detail={"from": source, "to": target})

    def _meeting_and_plan(self, tx: Tx, case_id: int) -> bool:
        held = tx.session.scalar(select(func.count(Meeting.id)).where(
            Meeting.case_id == case_id, Meeting.starts_at <= datetime.combine(tx.today, time.max)))
        plan = tx.session.scalar(select(func.count(Plan.id)).where(Plan.case_id == case_id))
        return bool(held) and bool(plan)

    def allowed_transitions(self, case_id: int) -> list[str]:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            if not tx.allowed(Act.CHANGE_STATUS, Rec.CASE, facts):
                return []
            ctx = GuardContext(consent_valid_for_all_shared_agencies=facts.consent_status == "VALID",
                               consent_revoked=facts.consent_status == "REVOKED",
                               consent_expired=facts.consent_status == "EXPIRED",
                               meeting_held_and_plan_saved=self._meeting_and_plan(tx, case.id),
                               previous_status=case.previous_status)
            return [t.target for t in CASE_MACHINES[case.kind].targets(case.status, ctx)]

    @changes(Topic.CASE, Topic.CASES)
    def assign(self, case_id: int, user_id: int, role_in_case: str = "DELTAGARE") -> None:
        if role_in_case not in vocab.CASE_ROLES:
            raise ValidationError("Unknown role in the case", code="case.role_in_case")
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            tx.require(Act.UPDATE, Rec.CASE, facts)
            if user_id in facts.assigned_user_ids:
                return
            tx.session.add(CaseAssignment(case_id=case.id, user_id=user_id, role_in_case=role_in_case))
            tx.audit("CASE_ASSIGN", entity="case", entity_id=case.id, case_id=case.id,
                     detail={"user_id": user_id, "role": role_in_case})

    @changes(Topic.CASE, Topic.CASES)
    def unassign(self, case_id: int, user_id: int) -> None:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            tx.require(Act.UPDATE, Rec.CASE, tx.case_facts(case))
            for a in tx.session.scalars(select(CaseAssignment).where(
                    CaseAssignment.case_id == case_id, CaseAssignment.user_id == user_id,
                    CaseAssignment.ended_at.is_(None))):
                a.ended_at = utcnow()
            tx.audit("CASE_UNASSIGN", entity="case", entity_id=case.id, case_id=case.id, detail={"user_id": user_id})

    @changes(Topic.CASE, Topic.CASES)
    def set_follow_up(self, case_id: int, when: date | None, *, expected_version: int | None = None) -> None:
        """``expected_version`` as for ``change_status``: a date a colleague set in between is
        not replaced unseen."""
        with self.tx() as tx:
            case = self._locked(tx, case_id)
            tx.require(Act.UPDATE, Rec.CASE, tx.case_facts(case))
            check_version(case, expected_version, message="The case was changed by someone else in the meantime",
                          code="case.conflict", follow_up_date=case.follow_up_date)
            case.follow_up_date = when
            bump(case)
            tx.audit("CASE_UPDATE", entity="case", entity_id=case.id, case_id=case.id, detail={"field": "follow_up"})

    @staticmethod
    def _locked(tx: Tx, case_id: int) -> Case:
        """The case read ``FOR UPDATE`` for a version check (services/versions.py)."""
        tx.session.get(Case, case_id, with_for_update=True)
        return tx.get(Case, case_id)

    def status_history(self, tx: Tx, case_id: int) -> tuple[StatusChangeDTO, ...]:
        rows = tx.session.scalars(select(CaseStatusChange).where(CaseStatusChange.case_id == case_id)
                                  .order_by(CaseStatusChange.id))
        return tuple(StatusChangeDTO(from_status=r.from_status, to_status=r.to_status, reason=r.reason,
                                     changed_at=r.changed_at, changed_by=r.changed_by) for r in rows)

