"""ORM row → DTO conversions, with the masking rules applied on the way out."""

from __future__ import annotations

from datetime import date

from ..domain import information, personnummer
from ..domain.access import Actor, CaseFacts, may_see_full_personnummer, may_see_protected_details
from ..domain.consent import traffic_light
from ..domain.lifecycle import is_overdue
from ..store import models as m
from . import dto, meeting_dto


def pnr_display(pnr: str | None, actor: Actor) -> tuple[str | None, bool]:
    """Full number for roles that register identities, ``YYYYMMDD-••••`` for the rest."""
    if pnr is None:
        return None, False
    parsed = personnummer.Personnummer(pnr)
    if may_see_full_personnummer(actor):
        return parsed.long_form(), False
    return parsed.masked(), True


def person(p: m.Person, actor: Actor, case: CaseFacts | None = None, *, reveal: bool = False,
           shielded: bool = False) -> dto.PersonDTO:
    """A person as ``actor`` may see them. Address, school and contact details of a person
    with protected identity, or ``shielded`` by one (a guardian of a protected child: the
    guardian's address is where the child lives), are None with ``details_hidden`` set for
    every reader; ``reveal`` (an explicit, audited request of the service) shows them only
    when the policy lets ``actor`` have them through ``case`` (DOMAIN 6.7)."""
    shown, masked = pnr_display(p.pnr, actor)
    protected = p.protected_identity != "NONE" or shielded
    hide = protected and not (reveal and may_see_protected_details(actor, case))
    return dto.PersonDTO(
        id=p.id, pnr=shown, pnr_masked=masked, reserve_id=p.reserve_id, first_name=p.first_name,
        last_name=p.last_name, birth_date=p.birth_date, legal_gender=p.legal_gender,
        protected_identity=p.protected_identity,
        school=None if hide else p.school, school_class=None if hide else p.school_class,
        phone=None if hide else p.phone, email=None if hide else p.email,
        address=None if hide else p.address, postal_code=None if hide else p.postal_code,
        city=None if hide else p.city, details_hidden=hide,
    )


def user(u: m.User) -> dto.UserDTO:
    return dto.UserDTO(id=u.id, username=u.username, display_name=u.display_name, title=u.title,
                       agency=u.agency_code, roles=tuple(sorted(r.role for r in u.roles)),
                       unit_ids=tuple(sorted(x.unit_id for x in u.units)), active=u.active)


def unit(u: m.Unit) -> dto.UnitDTO:
    return dto.UnitDTO(id=u.id, name=u.name, case_kind=u.case_kind, area=u.area, agency=u.agency_code)


def consent(c: m.Consent, status: str, required: tuple[str, ...], today: date) -> dto.ConsentDTO:
    return dto.ConsentDTO(
        id=c.id, case_id=c.case_id, subject_person_id=c.subject_person_id, purpose=c.purpose,
        scope_agencies=tuple((a["agency"], a.get("detail", "")) for a in c.scope_agencies),
        scope_information=tuple(c.scope_information), valid_from=c.valid_from, valid_to=c.valid_to,
        joint_custody=c.joint_custody, single_guardian_exception=c.single_guardian_exception,
        youth_opinion=c.youth_opinion, status=status, light=traffic_light(status, c.valid_to, today),
        required_signatories=required,
        signatories=tuple(dto.SignatoryDTO(id=s.id, person_id=s.person_id, role=s.role, signed_at=s.signed_at,
                                           method=s.method, declined=s.declined) for s in c.signatories),
        revoked_at=c.revoked_at, revocation_channel=c.revocation_channel, revocation_note=c.revocation_note,
    )


def assessment(a: m.Assessment) -> dto.AssessmentDTO:
    return dto.AssessmentDTO(
        id=a.id, case_id=a.case_id, assessed_on=a.assessed_on, owning_agency=a.owning_agency,
        visibility=a.visibility, youth_view=a.youth_view, guardian_view=a.guardian_view, note=a.note,
        items=tuple(dto.AssessmentItemDTO(domain=i.domain, risk=i.risk, protection=i.protection, note=i.note,
                                          source_agency=i.source_agency) for i in a.items))


def risk_level(r: m.RiskLevelEntry) -> dto.RiskLevelDTO:
    return dto.RiskLevelDTO(id=r.id, level=r.level, assessed_on=r.assessed_on,
                            assessing_agency=r.assessing_agency, note=r.note)


def threat(t: m.ThreatAssessment) -> dto.ThreatAssessmentDTO:
    return dto.ThreatAssessmentDTO(id=t.id, assessed_by_agency=t.assessed_by_agency, assessed_on=t.assessed_on,
                                   level=t.level, summary=t.summary, review_date=t.review_date)


def conditions(c: m.Conditions) -> dto.ConditionsDTO:
    return dto.ConditionsDTO(
        id=c.id, signed_at=c.signed_at, conditions=tuple(c.conditions), drug_test_schedule=c.drug_test_schedule,
        breaches=tuple(dto.BreachDTO(occurred_on=b.occurred_on, breach_type=b.breach_type,
                                     consequence=b.consequence) for b in c.breaches))


def instrument(i: m.InstrumentReference) -> dto.InstrumentDTO:
    return dto.InstrumentDTO(id=i.id, instrument=i.instrument, assessed_on=i.assessed_on, assessor=i.assessor,
                             overall_risk=i.overall_risk, summary=i.summary, owning_agency=i.owning_agency)


def goal(g: m.Goal) -> dto.GoalDTO:
    return dto.GoalDTO(id=g.id, text=g.text, area=g.area, indicator=g.indicator, baseline=g.baseline,
                       target=g.target, target_date=g.target_date, status=g.status,
                       information_category=information.of_goal(g.information_category, g.area))


def action(a: m.Action, today: date) -> dto.ActionDTO:
    return dto.ActionDTO(
        id=a.id, plan_id=a.plan_id, goal_id=a.goal_id, description=a.description, action_type=a.action_type,
        measure_type=a.measure_type, support_area=a.support_area, responsible_agency=a.responsible_agency,
        responsible_person=a.responsible_person, responsible_user_id=a.responsible_user_id, due_date=a.due_date,
        status=a.status, status_reason=a.status_reason, follow_up_date=a.follow_up_date, outcome=a.outcome,
        overdue=is_overdue(a.status, a.due_date, today), created_in_meeting_id=a.created_in_meeting_id,
        closed_in_meeting_id=a.closed_in_meeting_id,
        information_category=information.of_action(a.information_category, a.action_type, a.responsible_agency),
        version=a.version or 1)


def attendee(a: m.Attendee) -> meeting_dto.AttendeeDTO:
    return meeting_dto.AttendeeDTO(id=a.id, name=a.name, function=a.function, organisation=a.organisation,
                           agency=a.agency_code, meeting_role=a.meeting_role, present=a.present,
                           part_note=a.part_note)


def agenda_item(i: m.AgendaItem) -> meeting_dto.AgendaItemDTO:
    return meeting_dto.AgendaItemDTO(id=i.id, number=i.number, heading=i.heading, note=i.note, decision=i.decision,
                             owning_agency=i.owning_agency, visibility=i.visibility,
                             information_category=i.information_category, version=i.version or 1)


def meeting(mt: m.Meeting, reference: str | None, agenda: list[m.AgendaItem] | None = None,
            hidden_items: int = 0, full: bool = True, person_name: str | None = None) -> meeting_dto.MeetingDTO:
    return meeting_dto.MeetingDTO(
        id=mt.id, case_id=mt.case_id, case_reference=reference, unit_id=mt.unit_id, meeting_type=mt.meeting_type,
        starts_at=mt.starts_at, ends_at=mt.ends_at, place=mt.place, anonymised=mt.anonymised,
        protocol_status=mt.protocol_status, chair_user_id=mt.chair_user_id, secretary_user_id=mt.secretary_user_id,
        adjuster_user_id=mt.adjuster_user_id, next_meeting_at=mt.next_meeting_at,
        next_meeting_place=mt.next_meeting_place, guardians_informed=mt.guardians_informed,
        content_hash=mt.content_hash, justerat_at=mt.justerat_at,
        attendees=tuple(attendee(a) for a in mt.attendees) if full else (),
        agenda=tuple(agenda_item(i) for i in (agenda if agenda is not None else mt.agenda)) if full else (),
        corrections=tuple(meeting_dto.CorrectionDTO(id=c.id, text=c.text, author_user_id=c.author_user_id,
                                            created_at=c.created_at) for c in mt.corrections) if full else (),
        hidden_items=hidden_items, person_name=None if mt.anonymised else person_name, est_period=mt.est_period,
        version=mt.version or 1,
    )


def journal(j: m.JournalEntry, corrected_by: tuple[int, ...] = ()) -> dto.JournalDTO:
    return dto.JournalDTO(
        id=j.id, case_id=j.case_id, event_date=j.event_date, written_at=j.written_at,
        author_user_id=j.author_user_id, author_name=j.author_name, author_title=j.author_title,
        entry_type=j.entry_type, text=j.text, source=j.source, owning_agency=j.owning_agency,
        visibility=j.visibility, information_category=j.information_category, corrects_id=j.corrects_id,
        corrected_by=corrected_by)


def disclosure(d: m.Disclosure) -> dto.DisclosureDTO:
    return dto.DisclosureDTO(
        id=d.id, case_id=d.case_id, person_id=d.person_id, what=d.what, recipient_agency=d.recipient_agency,
        recipient_name=d.recipient_name, legal_basis=d.legal_basis, legal_basis_text=d.legal_basis_text,
        harm_assessment=d.harm_assessment, channel=d.channel, decided_by_user_id=d.decided_by_user_id,
        disclosed_at=d.disclosed_at)
