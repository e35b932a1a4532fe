"""Meetings and their protocols: attendance, agenda (§), decisions, justering.

A protocol moves UTKAST → JUSTERING → JUSTERAT; once justerat it is locked and
hashed, and later changes are appended as corrections (rättelse/tillägg). Group
meetings (no case) belong to a unit; the anonymised template refuses text that
looks like a personnummer (DOMAIN.md 2.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..domain import information, vocab
from ..domain.personnummer import LOOKS_LIKE_PERSONNUMMER
from ..domain.access import Act, CaseFacts, Rec, RecordFacts, consent_covers
from ..domain.errors import AccessDenied, EditConflict, ValidationError
from ..domain.lifecycle import PROTOCOL_MACHINE, GuardContext
from ..store.models import (AgendaItem, Attendee, Case, Disclosure, Meeting, Person, ProtocolCorrection, Unit,
                            utcnow)
from . import est_meetings, mapping
from .base import Service, Tx, changes
from .cases import check_text
from .meeting_dto import MeetingDTO
from .protocol_facts import freeze
from .versions import bump, check_version
from ..domain.topics import Topic

# Agenda presets per meeting type (DOMAIN.md 2.2); data, editable per municipality.
AGENDA_TEMPLATES: dict[str, tuple[str, ...]] = {
    "NATVERKSMOTE": (
        "Mötets öppnande, presentation, genomgång av samtycke och sekretess", "Val av justerare",
        "Föregående möte – uppföljning av åtaganden",
        "Aktuell situation (ungdomens och vårdnadshavarnas bild; skola; socialtjänst; polis; fritid)",
        "Risk- och skyddsfaktorer / kartläggning", "Mål och åtaganden – beslut",
        "Övrigt (ev. behov av orosanmälan – ställningstagande dokumenteras)", "Nästa möte och avslut"),
    "UPPFOLJNINGSMOTE": (
        "Mötets öppnande och genomgång av samtycke", "Val av justerare", "Uppföljning av åtaganden",
        "Aktuell situation", "Reviderade mål och åtaganden – beslut", "Övrigt", "Nästa möte och avslut"),
    "ARBETSGRUPPSMOTE": (
        "Mötets öppnande", "Lägesbild grupper och platser", "Nya aktualiseringar (avidentifierat)",
        "Status aktiva ärenden", "Universella och selektiva insatser", "Övrigt"),
    "STYRGRUPPSMOTE": ("Mötets öppnande", "Uppföljning och statistik", "Resurser", "Metodutveckling", "Övrigt"),
    "TREFASMOTE": ("Mötets öppnande och sekretessgenomgång", "Lägesbild", "Individärenden – risknivåer",
                   "Åtgärder per myndighet", "Övrigt"),
}

# The domain's test for text that must stay anonymous (group meetings here, EST incidents too).
PNR_PATTERN = LOOKS_LIKE_PERSONNUMMER


@dataclass(frozen=True, slots=True)
class MeetingInput:
    meeting_type: str
    starts_at: datetime
    case_id: int | None = None
    unit_id: int | None = None
    ends_at: datetime | None = None
    place: str | None = None
    anonymised: bool = False
    chair_user_id: int | None = None
    secretary_user_id: int | None = None
    adjuster_user_id: int | None = None
    use_template: bool = True


@dataclass(frozen=True, slots=True)
class AttendeeInput:
    name: str
    function: str | None = None
    organisation: str | None = None
    agency: str | None = None
    meeting_role: str = "DELTAGARE"
    present: bool = True
    part_note: str | None = None
    person_id: int | None = None
    user_id: int | None = None
    # For an agency outside the consent: the recorded legal basis (vocab.LEGAL_BASES, not SAMTYCKE).
    legal_basis: str | None = None
    legal_basis_text: str | None = None


ATTENDEE_CHANNEL = "möte"


def item_record(item: AgendaItem) -> RecordFacts:
    return RecordFacts(owning_agency=item.owning_agency, visibility=item.visibility,
                       category=item.information_category)


def reads_item(tx: Tx, facts: CaseFacts | None, item: AgendaItem) -> bool:
    """May the actor read this § (the editor, the protocol, and before replacing it)? A case
    meeting's items follow the access policy; on a group or EST meeting another agency's
    internal item stays theirs."""
    if facts is not None:
        return tx.allowed(Act.READ, Rec.PROTOCOL, facts, item_record(item))
    return item.visibility != "INTERNAL" or item.owning_agency in (None, tx.actor.agency)


class MeetingService(Service):

    def _facts(self, tx: Tx, meeting: Meeting) -> CaseFacts | None:
        if meeting.case_id is None:
            return None
        return tx.case_facts(tx.get(Case, meeting.case_id))

    def _require(self, tx: Tx, act: Act, rec: Rec, meeting: Meeting) -> CaseFacts | None:
        if est_meetings.is_est(meeting):
            est_meetings.require(tx, act, meeting)  # the EST roles' rule, not a unit's
            return None
        facts = self._facts(tx, meeting)
        if facts is None:
            # Group-level meetings: members of the meeting's unit with a capability.
            tx.require_capability(act, rec)
            if meeting.unit_id not in self.actor.unit_ids:
                raise AccessDenied(code="access.not_in_unit", action=str(act), record=str(rec), case_id=None)
        else:
            tx.require(act, rec, facts)
        return facts

    @changes(Topic.MEETINGS)
    def create(self, data: MeetingInput) -> MeetingDTO:
        if data.meeting_type not in vocab.MEETING_TYPES or data.meeting_type == est_meetings.EST_MEETING:
            _bad("type")  # an EST meeting is booked by EstMeetingService, from its lägesbild
        if data.case_id is None and data.unit_id is None:
            _bad("case_or_unit")
        if data.ends_at and data.ends_at < data.starts_at:
            _bad("ends_before_start")
        with self.tx() as tx:
            unit_id = data.unit_id
            if data.case_id is not None:
                case = tx.get(Case, data.case_id)
                facts = tx.case_facts(case)
                tx.require(Act.CREATE, Rec.MEETING, facts)
                if (facts.kind == "SSPF" and not data.anonymised
                        and tx.case_facts(case, consent_on=data.starts_at.date()).consent_status != "VALID"):
                    # Invitations to external agencies are blocked without valid consent, judged
                    # on the meeting's day: a consent that lapses before then does not carry it.
                    raise ValidationError("A named meeting needs a consent valid on the meeting day",
                                          code="meeting.consent_required")
                unit_id = case.unit_id
            else:
                tx.require_capability(Act.CREATE, Rec.MEETING)
                tx.get(Unit, unit_id)
                if unit_id not in self.actor.unit_ids:
                    raise AccessDenied(code="access.not_in_unit", action="CREATE", record="MEETING", case_id=None)
            meeting = Meeting(case_id=data.case_id, unit_id=unit_id, meeting_type=data.meeting_type,
                              starts_at=data.starts_at, ends_at=data.ends_at, place=data.place,
                              anonymised=data.anonymised or data.case_id is None,
                              chair_user_id=data.chair_user_id or self.actor.user_id,
                              secretary_user_id=data.secretary_user_id, adjuster_user_id=data.adjuster_user_id,
                              created_by=self.actor.user_id)
            if data.use_template:
                for n, heading in enumerate(AGENDA_TEMPLATES.get(data.meeting_type, ()), start=1):
                    meeting.agenda.append(AgendaItem(number=n, heading=heading, visibility="SHARED"))
            tx.session.add(meeting)
            tx.session.flush()
            tx.audit("MEETING_CREATE", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id)
            return self._dto(tx, meeting, self._facts(tx, meeting))

    def _editable(self, meeting: Meeting) -> None:
        if meeting.protocol_status != "UTKAST":
            raise ValidationError("The protocol is locked; add a correction instead", code="meeting.locked")

    @changes(Topic.MEETINGS)
    def add_attendee(self, meeting_id: int, a: AttendeeInput) -> MeetingDTO:
        if not a.name.strip() or len(a.name) > 200:
            _bad("attendee_name")
        if a.meeting_role not in vocab.MEETING_ROLES or (a.agency is not None and a.agency not in vocab.AGENCIES):
            _bad("attendee_vocab")
        basis = a.legal_basis or None
        basis_text = (a.legal_basis_text or "").strip() or None
        if basis is not None:
            # Consent is the default rule, not a basis to record here; OTHER must name the law.
            if basis not in vocab.LEGAL_BASES or basis in ("SAMTYCKE", "ANONYMISERAD"):
                _bad("legal_basis")
            if basis == "OTHER" and basis_text is None:
                _bad("legal_basis_text")
            check_text(basis_text, "meeting.legal_basis_long", 300)
        with self.tx() as tx:
            meeting = tx.get(Meeting, meeting_id)
            facts = self._require(tx, Act.UPDATE, Rec.MEETING, meeting)
            self._editable(meeting)
            on_day = (tx.case_facts(tx.get(Case, meeting.case_id), consent_on=meeting.starts_at.date())
                      if facts is not None else None)
            disclose = on_day is not None and on_day.kind == "SSPF" and bool(a.agency) \
                and a.agency != on_day.case_agency and not consent_covers(on_day, a.agency)
            if disclose and basis is None:
                # Only agencies covered by the consent may attend (DOMAIN.md 1.4), others need a legal basis.
                raise ValidationError("That agency is not covered by the consent", code="meeting.attendee_consent")
            if disclose:
                tx.require(Act.CREATE, Rec.DISCLOSURE, facts)
            meeting.attendees.append(Attendee(
                name=a.name.strip(), function=a.function, organisation=a.organisation, agency_code=a.agency,
                meeting_role=a.meeting_role, present=a.present, part_note=a.part_note, person_id=a.person_id,
                user_id=a.user_id))
            tx.session.flush()
            if disclose:
                self._record_attendance_disclosure(tx, meeting, a, basis, basis_text)
            tx.audit("MEETING_UPDATE", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id,
                     detail={"field": "attendee"})
            return self._dto(tx, meeting, facts)

    def _record_attendance_disclosure(self, tx: Tx, meeting: Meeting, a: AttendeeInput, basis: str,
                                      basis_text: str | None) -> None:
        """Attending without consent is itself a disclosure (OSL 10 kap.): register it in the same transaction."""
        case = tx.get(Case, meeting.case_id)
        what = (f"Deltagande i möte {vocab.MEETING_TYPES.label(meeting.meeting_type)} "
                f"{meeting.starts_at:%Y-%m-%d} ({case.reference})")
        d = Disclosure(case_id=case.id, person_id=case.person_id, what=what, recipient_agency=a.agency,
                       recipient_name=a.name.strip(), legal_basis=basis, legal_basis_text=basis_text,
                       channel=ATTENDEE_CHANNEL, decided_by_user_id=self.actor.user_id)
        tx.session.add(d)
        tx.session.flush()
        tx.audit("DISCLOSURE_CREATE", entity="disclosure", entity_id=d.id, case_id=case.id,
                 person_id=case.person_id, flags=["DISCLOSURE"],
                 detail={"recipient": a.agency, "basis": basis, "meeting_id": meeting.id})

    @changes(Topic.MEETINGS)
    def set_agenda_item(self, meeting_id: int, number: int, heading: str, *, note: str | None = None,
                        decision: str | None = None, visibility: str = "SHARED",
                        owning_agency: str | None = None, information_category: str | None = None,
                        expected_version: int | None = None) -> MeetingDTO:
        """Add or replace § ``number`` of a draft protocol. ``information_category`` covers the
        note and the decision; without one, text that reads as health information is Hälsa
        (failing closed: an agency the consent gives no health information does not get it).

        ``expected_version``: the item's version the editor read (0: a new item). When a
        colleague saved in between, nothing is written and ``EditConflict`` carries the saved
        text, so two people writing the protocol never overwrite each other unseen."""
        if not heading.strip() or len(heading) > 300 or number < 1:
            _bad("agenda_item")
        if visibility not in vocab.VISIBILITY:
            _bad("visibility")
        if information_category is not None and information_category not in vocab.INFORMATION_CATEGORIES:
            _bad("category")
        category = information_category or information.suggest(heading, note, decision)
        check_text(note, "meeting.note_long")
        check_text(decision, "meeting.decision_long")
        with self.tx() as tx:
            # The protocol row locked first, its items loaded after: two saves at once must not
            # both pass the version check (PostgreSQL's READ COMMITTED lets both read version N).
            tx.session.get(Meeting, meeting_id, with_for_update=True)
            meeting = tx.get(Meeting, meeting_id)
            facts = self._require(tx, Act.UPDATE, Rec.PROTOCOL, meeting)
            self._editable(meeting)
            if meeting.anonymised:
                for text_value in (heading, note, decision):
                    if text_value and PNR_PATTERN.search(text_value):
                        raise ValidationError("An anonymised protocol cannot hold a personnummer",
                                              code="meeting.pnr_in_anonymised")
            agency = owning_agency or self.actor.agency
            existing = next((i for i in meeting.agenda if i.number == number), None)
            if existing is not None and not reads_item(tx, facts, existing):
                # Another agency's internal item: not the actor's to see, so not theirs to replace.
                raise AccessDenied(code="access.internal_item", action="UPDATE", record="PROTOCOL",
                                   case_id=meeting.case_id)
            stored = existing.version if existing is not None else 0
            if expected_version is not None and stored != expected_version:
                saved = {"version": stored}
                if existing is not None:
                    saved.update(heading=existing.heading, note=existing.note, decision=existing.decision)
                raise EditConflict("The item was saved by someone else in the meantime", code="protocol.conflict",
                                   number=number, saved=saved)
            if existing is None:
                meeting.agenda.append(AgendaItem(number=number, heading=heading.strip(), note=note,
                                                 decision=decision, visibility=visibility, owning_agency=agency,
                                                 information_category=category))
            else:
                existing.heading, existing.note, existing.decision = heading.strip(), note, decision
                existing.visibility, existing.owning_agency = visibility, agency
                existing.information_category = category
                existing.version = (existing.version or 1) + 1
            tx.session.flush()
            tx.audit("PROTOCOL_UPDATE", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id,
                     detail={"item": number})
            return self._dto(tx, meeting, facts)

    @changes(Topic.MEETINGS)
    def set_next_meeting(self, meeting_id: int, when: datetime | None, place: str | None = None,
                         guardians_informed: str | None = None, *,
                         expected_version: int | None = None) -> MeetingDTO:
        """``expected_version``: the meeting's version the editor read (``MeetingDTO.version``);
        a colleague's save of this part in between is an ``EditConflict`` with the saved text."""
        with self.tx() as tx:
            tx.session.get(Meeting, meeting_id, with_for_update=True)  # the version check reads it locked
            meeting = tx.get(Meeting, meeting_id)
            facts = self._require(tx, Act.UPDATE, Rec.PROTOCOL, meeting)
            self._editable(meeting)
            check_version(meeting, expected_version, message="The next meeting was saved by someone else in the "
                          "meantime", code="meeting.conflict", next_meeting_at=meeting.next_meeting_at,
                          next_meeting_place=meeting.next_meeting_place, guardians_informed=meeting.guardians_informed)
            meeting.next_meeting_at, meeting.next_meeting_place = when, place
            meeting.guardians_informed = check_text(guardians_informed, "meeting.text_long", 2000)
            bump(meeting)
            tx.audit("PROTOCOL_UPDATE", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id,
                     detail={"field": "next_meeting"})
            return self._dto(tx, meeting, facts)

    @changes(Topic.MEETINGS)
    def set_protocol_status(self, meeting_id: int, target: str) -> MeetingDTO:
        """Send for justering, send back, or justera (locks and hashes the protocol)."""
        with self.tx() as tx:
            meeting = tx.get(Meeting, meeting_id)
            act = Act.APPROVE if target == "JUSTERAT" else Act.UPDATE
            facts = self._require(tx, act, Rec.PROTOCOL, meeting)
            PROTOCOL_MACHINE.check(meeting.protocol_status, target, GuardContext())
            source, meeting.protocol_status = meeting.protocol_status, target
            if target == "JUSTERAT":
                meeting.justerat_at = utcnow()
                meeting.adjuster_user_id = meeting.adjuster_user_id or self.actor.user_id
                # What it states as of the meeting (an EST meeting: its lägesbild), covered by the hash.
                freeze(tx.session, meeting,
                       extra=est_meetings.frozen_part(tx, meeting) if est_meetings.is_est(meeting) else None)
            tx.audit("PROTOCOL_STATUS", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id,
                     detail={"from": source, "to": target})
            return self._dto(tx, meeting, facts)

    @changes(Topic.MEETINGS)
    def add_correction(self, meeting_id: int, text: str) -> MeetingDTO:
        if not text.strip():
            _bad("correction_text")
        check_text(text, "meeting.correction_long")
        with self.tx() as tx:
            meeting = tx.get(Meeting, meeting_id)
            facts = self._require(tx, Act.UPDATE, Rec.PROTOCOL, meeting)
            if meeting.protocol_status != "JUSTERAT":
                raise ValidationError("Edit the draft instead", code="meeting.not_locked")
            meeting.corrections.append(ProtocolCorrection(text=text.strip(), author_user_id=self.actor.user_id))
            tx.session.flush()
            tx.audit("PROTOCOL_CORRECTION", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id)
            return self._dto(tx, meeting, facts)

    def get(self, meeting_id: int) -> MeetingDTO:
        with self.tx() as tx:
            meeting = tx.get(Meeting, meeting_id)
            facts = self._require(tx, Act.READ, Rec.MEETING, meeting)
            tx.audit("MEETING_READ", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id)
            return self._dto(tx, meeting, facts)

    def list(self, case_id: int | None = None, limit: int = 200) -> list[MeetingDTO]:
        """Meetings of one case, or the group meetings of the actor's units plus their cases' meetings."""
        with self.tx() as tx:
            if case_id is not None:
                case = tx.get(Case, case_id)
                tx.require(Act.READ, Rec.MEETING, tx.case_facts(case))
                rows = tx.session.scalars(select(Meeting).where(Meeting.case_id == case_id)
                                          .order_by(Meeting.starts_at.desc()).limit(limit))
            else:
                tx.require_capability(Act.READ, Rec.MEETING)
                rows = tx.session.scalars(select(Meeting).where(Meeting.unit_id.in_(list(self.actor.unit_ids)),
                                                                Meeting.meeting_type != est_meetings.EST_MEETING)
                                          .order_by(Meeting.starts_at.desc()).limit(limit))
            result = []
            for meeting in rows:
                facts = self._facts(tx, meeting)
                if facts is None or tx.allowed(Act.READ, Rec.MEETING, facts):
                    result.append(self._dto(tx, meeting, facts, full=False))
            tx.audit("MEETING_LIST", entity="meeting", case_id=case_id, detail={"rows": len(result)})
            return result

    def dto_in(self, tx: Tx, meeting: Meeting, facts: CaseFacts | None, full: bool = True) -> MeetingDTO:
        """The meeting as the actor may see it, inside a transaction whose access is decided
        (the case view lists a case's meetings through it)."""
        return self._dto(tx, meeting, facts, full)

    def _dto(self, tx: Tx, meeting: Meeting, facts: CaseFacts | None, full: bool = True) -> MeetingDTO:
        case = tx.session.get(Case, meeting.case_id) if meeting.case_id else None
        person = tx.session.get(Person, case.person_id) if case is not None and not meeting.anonymised else None
        reference = case.reference if case is not None else None
        shown = [i for i in meeting.agenda if reads_item(tx, facts, i)]
        return mapping.meeting(meeting, reference, shown, len(meeting.agenda) - len(shown), full=full,
                               person_name=f"{person.first_name} {person.last_name}" if person is not None else None)


def _bad(what: str) -> None:
    raise ValidationError("Invalid meeting data", code=f"meeting.{what}")
