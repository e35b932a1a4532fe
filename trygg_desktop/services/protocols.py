"""Printed protocols and plan printouts: what one recipient may see, decided here.

A protocol goes to several agencies, and each copy may hold only what that agency
may see (DOMAIN.md 2.3 "mottagarversion"): other agencies' internal notes are left
out, shared notes only when the valid consent covers both the recipient and the
agency the note came from, and every omission is named in a sentence so the reader
knows something was left out. The recipient version is always a subset of what the
printing user may read. Saving or printing a recipient version is a disclosure: it
needs consent or a named legal basis, is recorded as a ``Disclosure`` and audited.
Protected identity (DOMAIN.md 6.7): no address, school or place on paper.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from ..domain import documents as texts
from ..domain import vocab
from ..domain.access import RESTRICTED_KINDS, Act, CaseFacts, Rec, RecordFacts, consent_covers
from ..domain.errors import AccessDenied, NotFound, ValidationError
from ..store.models import AgendaItem, Attendee, Case, Disclosure, Meeting, Person, Unit, User
from .base import Service, Tx, current_consent
from .documents import AgendaSection, AttendeeLine, CorrectionLine, PlanLine, PlanPrintout, ProtocolDocument
from . import est_meetings
from .est_picture import MARKING as EST_MARKING
from .meetings import item_record
from .organisation import organisation_name
from .plans import action_record, current_plan
from .protocol_facts import ConsentStatement, ProtocolFacts, UserNames, facts_of


def minimised_pnr(person: Person) -> str:
    """``YYYYMMDD-XXXX``: the birth date only (data minimisation on paper)."""
    if person.birth_date is None:
        return ""
    return f"{person.birth_date:%Y%m%d}-{texts.PNR_MINIMISED_SUFFIX}"


def named_agency(code: str, detail: str | None, *, hide_detail: bool = False) -> str:
    label = vocab.AGENCIES.label(code)
    detail = (detail or "").strip()
    return f"{label} ({detail})" if detail and not hide_detail else label


def _fmt_date(value) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else ""


@dataclass(frozen=True, slots=True)
class _Scope:
    """Who the copy is for and on what ground; decides each record's fate."""

    recipient: str | None        # agency code; None = the actor's full version
    actor_agency: str
    facts: CaseFacts | None
    anonymised: bool
    basis: str | None            # a legal basis other than consent, when given

    @property
    def open_within(self) -> bool:
        """Group meetings, anonymised reviews and restricted collaborations share within the unit."""
        return self.facts is None or self.anonymised or self.facts.kind in RESTRICTED_KINDS

    @property
    def consent_mode(self) -> bool:
        f, x = self.facts, self.recipient
        if f is None or x is None:
            return True
        return x == f.case_agency or consent_covers(f, x) or not self.basis

    def verdict(self, owner: str | None, visibility: str, category: str | None,
                actor_reads: bool) -> tuple[str, str | None] | None:
        """None = print it; else (reason, agency): internal | consent | basis."""
        if not actor_reads:
            if visibility == "INTERNAL" and owner and owner != self.actor_agency:
                return ("internal", owner)
            return ("consent", None)
        x = self.recipient
        if x is None or owner == x:
            return None
        if owner is None:  # the collaboration's own note or goal: only its category limits it
            f = self.facts
            if (category is None or self.open_within or f is None or x == f.case_agency or not self.consent_mode
                    or consent_covers(f, x, category)):
                return None
            return ("consent", None)
        if visibility == "INTERNAL":
            return ("internal", owner)
        if self.open_within:
            return None
        f = self.facts
        assert f is not None
        if self.consent_mode:
            if x == f.case_agency:
                ok = consent_covers(f, owner, category)
            else:
                ok = consent_covers(f, x, category) and consent_covers(f, owner)
            return None if ok else ("consent", None)
        return None if owner == self.actor_agency else ("basis", None)


class ProtocolService(Service):

    # -- access -------------------------------------------------------------------------------

    def _require(self, tx: Tx, meeting: Meeting) -> tuple[Case | None, CaseFacts | None]:
        if est_meetings.is_est(meeting):
            est_meetings.require(tx, Act.PRINT, meeting)
            return None, None
        if meeting.case_id is None:
            tx.require_capability(Act.PRINT, Rec.PROTOCOL)
            if meeting.unit_id not in self.actor.unit_ids:
                raise AccessDenied(code="access.not_in_unit", action=str(Act.PRINT), record=str(Rec.PROTOCOL),
                                   case_id=None)
            return None, None
        case = tx.get(Case, meeting.case_id)
        facts = tx.case_facts(case)
        tx.require(Act.PRINT, Rec.PROTOCOL, facts)
        return case, facts

    # -- the protocol ---------------------------------------------------------------------------

    def protocol(self, meeting_id: int, *, for_agency: str | None = None, disclose: bool = False,
                 legal_basis: str | None = None, legal_basis_text: str | None = None) -> ProtocolDocument:
        """The protocol as ``for_agency`` may see it (None: the actor's own full version).

        ``disclose=True`` (printing or saving) records the disclosure and audits
        PROTOCOL_PRINT; a recipient version of an SSPF case that no valid consent
        covers needs ``legal_basis`` (a LEGAL_BASES code) or is refused.
        """
        if for_agency is not None and for_agency not in vocab.AGENCIES:
            raise ValidationError("Unknown agency", code="protocol.agency")
        if legal_basis is not None and legal_basis not in vocab.LEGAL_BASES:
            raise ValidationError("Unknown legal basis", code="protocol.legal_basis")
        if legal_basis == "OTHER" and not (legal_basis_text and legal_basis_text.strip()):
            raise ValidationError("Name the legal basis", code="protocol.legal_basis_text")
        basis = legal_basis if legal_basis != "SAMTYCKE" else None
        with self.tx() as tx:
            meeting = tx.get(Meeting, meeting_id)
            case, facts = self._require(tx, meeting)
            if (disclose and for_agency is not None and facts is not None and facts.kind == "SSPF"
                    and not meeting.anonymised and for_agency != self.actor.agency
                    and not consent_covers(facts, for_agency) and basis is None):
                refused = (meeting.id, meeting.case_id, case.person_id if case is not None else None)
            else:
                return self._protocol(tx, meeting, case, facts, for_agency, disclose, basis, legal_basis,
                                      legal_basis_text)
        # A refused disclosure is something log review must see: audit it on its own,
        # since the action's transaction has nothing else to commit.
        with self.tx() as tx:
            tx.audit("DISCLOSURE_REFUSED", entity="meeting", entity_id=refused[0], case_id=refused[1],
                     person_id=refused[2], flags=["DENIED", "DISCLOSURE"],
                     detail={"recipient": for_agency, "reason": "protocol.no_basis"})
        raise ValidationError("No valid consent covers that recipient; give a legal basis", code="protocol.no_basis")

    def _protocol(self, tx: Tx, meeting: Meeting, case: Case | None, facts: CaseFacts | None,
                  for_agency: str | None, disclose: bool, basis: str | None, legal_basis: str | None,
                  legal_basis_text: str | None) -> ProtocolDocument:
        """Build the document (and record the disclosure when printing) inside the open transaction."""
        scope = _Scope(recipient=for_agency, actor_agency=self.actor.agency, facts=facts,
                       anonymised=meeting.anonymised, basis=basis)
        doc = self._document(tx, meeting, case, facts, scope, basis, legal_basis_text)
        person_id = case.person_id if case is not None else None
        if disclose:
            recipient = for_agency or self.actor.agency
            code, code_text = self._disclosure_basis(tx, meeting, case, facts, recipient, legal_basis,
                                                     legal_basis_text)
            d = Disclosure(case_id=meeting.case_id, person_id=person_id,
                           what=self._what(tx, meeting, case), recipient_agency=recipient,
                           legal_basis=code, legal_basis_text=code_text, channel=texts.PRINT_CHANNEL,
                           decided_by_user_id=self.actor.user_id)
            tx.session.add(d)
            tx.session.flush()
            tx.audit("PROTOCOL_PRINT", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id,
                     person_id=person_id, flags=["PRINT", "DISCLOSURE"],
                     detail={"recipient": recipient, "basis": code, "disclosure_id": d.id,
                             "omitted": len(doc.omitted)})
        else:
            tx.audit("PROTOCOL_PREVIEW", entity="meeting", entity_id=meeting.id, case_id=meeting.case_id,
                     person_id=person_id, detail={"recipient": for_agency or "FULL"})
        return doc

    def full_document_in(self, tx: Tx, meeting: Meeting, case: Case | None, facts: CaseFacts | None
                         ) -> ProtocolDocument:
        """The actor's own full version, inside a transaction whose access is decided (the
        e-archive's copy of a justerat protocol); records nothing."""
        scope = _Scope(recipient=None, actor_agency=self.actor.agency, facts=facts, anonymised=meeting.anonymised,
                       basis=None)
        return self._document(tx, meeting, case, facts, scope, None, None)

    def recipients(self, meeting_id: int) -> list[tuple[str, str]]:
        """The agencies a copy may be made for: the actor's own, and those the valid consent
        covers (group meetings, anonymised reviews and restricted collaborations: the
        agencies taking part in the meeting)."""
        with self.tx() as tx:
            meeting = tx.get(Meeting, meeting_id)
            case, facts = self._require(tx, meeting)
            hide = self._protected(tx, case)
            found: dict[str, str] = {self.actor.agency: vocab.AGENCIES.label(self.actor.agency)}
            consent = current_consent(tx.session, case.id) if case is not None else None
            if facts is not None and consent is not None and facts.consent_status == "VALID":
                for a in consent.scope_agencies:
                    found.setdefault(a["agency"], named_agency(a["agency"], a.get("detail"), hide_detail=hide))
            if facts is None or meeting.anonymised or facts.kind in RESTRICTED_KINDS:
                for att in meeting.attendees:
                    if att.agency_code:
                        found.setdefault(att.agency_code, vocab.AGENCIES.label(att.agency_code))
            order = {code: n for n, code in enumerate(vocab.AGENCIES.codes)}
            own = [(self.actor.agency, found.pop(self.actor.agency))]
            return own + sorted(found.items(), key=lambda kv: order.get(kv[0], 99))

    # -- assembly -------------------------------------------------------------------------------

    def _protected(self, tx: Tx, case: Case | None) -> bool:
        if case is None:
            return False
        person = tx.session.get(Person, case.person_id)
        return person is not None and person.protected_identity != "NONE"

    def _document(self, tx: Tx, meeting: Meeting, case: Case | None, facts: CaseFacts | None, scope: _Scope,
                  basis: str | None, basis_text: str | None) -> ProtocolDocument:
        s = tx.session
        unit = s.get(Unit, meeting.unit_id) if meeting.unit_id is not None else None
        person = s.get(Person, case.person_id) if case is not None else None
        protected = person is not None and person.protected_identity != "NONE"
        stated = facts_of(s, meeting)  # the consent and plan as of the meeting (frozen once justerat)
        users = UserNames(s)
        own_copy = scope.recipient is None
        version = texts.OWN_VERSION if own_copy else texts.RECIPIENT_VERSION

        internal: Counter[str] = Counter()
        reasons: set[str] = set()
        agenda: list[AgendaSection] = []
        for item in meeting.agenda:
            reads = self._actor_reads_item(tx, facts, item)
            verdict = scope.verdict(item.owning_agency, item.visibility, item.information_category, reads)
            if verdict is not None:
                reason, agency = verdict
                if reason == "internal" and agency:
                    internal[agency] += 1
                else:
                    reasons.add(reason)
                continue
            internal_of = (vocab.AGENCIES.label(item.owning_agency)
                           if item.visibility == "INTERNAL" and item.owning_agency else "")
            agenda.append(AgendaSection(number=item.number, heading=item.heading, note=item.note or "",
                                        decision=item.decision or "", internal_of=internal_of))

        plan_lines, plan_version, hidden_actions = self._plan(tx, facts, scope, stated)
        omitted: list[str] = []
        order = {code: n for n, code in enumerate(vocab.AGENCIES.codes)}
        for agency in sorted(internal, key=lambda a: order.get(a, 99)):
            omitted.append(texts.omitted_internal(internal[agency], vocab.AGENCIES.label(agency), version))
        if "consent" in reasons:
            omitted.append(texts.OMITTED_OUTSIDE_CONSENT)
        if hidden_actions.get("consent"):
            omitted.append(texts.omitted_plan(hidden_actions["consent"]))
        if "basis" in reasons or hidden_actions.get("basis"):
            omitted.append(texts.OMITTED_OUTSIDE_BASIS.format(agency=vocab.AGENCIES.label(self.actor.agency)))
        if hidden_actions.get("plan"):
            omitted.append(texts.OMITTED_PLAN_ALL)
        if protected:
            omitted.append(texts.OMITTED_PROTECTED)

        chair = self._role_name(meeting, "ORDFORANDE", meeting.chair_user_id, users)
        secretary = self._role_name(meeting, "SEKRETERARE", meeting.secretary_user_id, users)
        adjuster = self._role_name(meeting, "JUSTERARE", meeting.adjuster_user_id, users)
        kind = case.kind if case is not None else (unit.case_kind if unit else None)
        est = est_meetings.attachment_of(tx, meeting) if est_meetings.is_est(meeting) else None
        return ProtocolDocument(
            organisation=organisation_name(s),
            title=texts.protocol_title(meeting.meeting_type, kind),
            secrecy_marking=EST_MARKING if est is not None else texts.secrecy_marking(scope.recipient),
            reference=case.reference if case is not None else None,
            meeting_type=vocab.MEETING_TYPES.label(meeting.meeting_type),
            unit_area=self._unit_area(unit, case),
            starts_at=meeting.starts_at, ends_at=meeting.ends_at,
            place="" if protected else (meeting.place or ""),
            person_line=self._person_line(person, meeting.anonymised),
            consent_line="" if est is not None else self._consent_line(facts, stated.consent, unit, basis,
                                                                        basis_text, protected),
            attendees=tuple(self._attendee(a, protected, by_agency=est is not None) for a in meeting.attendees),
            agenda=tuple(agenda),
            plan=plan_lines, plan_version=plan_version,
            next_meeting=self._next_meeting(meeting, chair, protected),
            chair=chair, secretary=secretary, adjuster=adjuster,
            distribution=self._distribution(meeting, facts, stated.consent, protected),
            guardians_informed=meeting.guardians_informed or "",
            status=vocab.PROTOCOL_STATUSES.label(meeting.protocol_status),
            approved=meeting.protocol_status == "JUSTERAT",
            content_hash=meeting.content_hash if meeting.protocol_status == "JUSTERAT" else None,
            approved_at=_utc(meeting.justerat_at) if meeting.protocol_status == "JUSTERAT" else None,
            corrections=tuple(CorrectionLine(created_at=_utc(c.created_at), author=users.name(c.author_user_id),
                                             text=c.text) for c in meeting.corrections),
            printed_at=datetime.now().replace(microsecond=0),
            printed_by=self.actor.display_name or self.actor.username,
            recipient=(texts.FULL_VERSION_RECIPIENT.format(agency=vocab.AGENCIES.label(self.actor.agency))
                       if own_copy else vocab.AGENCIES.label(scope.recipient)),
            omitted=tuple(omitted),
            anonymised=meeting.anonymised or case is None,
            est_picture=est.picture if est is not None else None,
            est_actions=est.actions if est is not None else (),
            est_frozen=est is not None and est.frozen,
            est_agencies=_agencies_present(meeting) if est is not None else (),
        )

    def _actor_reads_item(self, tx: Tx, facts: CaseFacts | None, item: AgendaItem) -> bool:
        if facts is not None:
            return tx.allowed(Act.READ, Rec.PROTOCOL, facts, item_record(item))
        # Group meetings: the unit's members; another agency's internal note stays theirs.
        return item.visibility != "INTERNAL" or item.owning_agency in (None, self.actor.agency)

    def _plan(self, tx: Tx, facts: CaseFacts | None, scope: _Scope,
              stated: ProtocolFacts) -> tuple[tuple[PlanLine, ...], str, Counter[str]]:
        """The stated plan's lines this copy may show, and how many were left out and why."""
        hidden: Counter[str] = Counter()
        if facts is None or not stated.plan_version:
            return (), "", hidden  # no plan applied (an anonymised review carries none)
        if not tx.allowed(Act.READ, Rec.PLAN, facts):
            hidden["plan"] += 1
            return (), "", hidden
        lines: list[PlanLine] = []
        def verdict(record: RecordFacts):
            reads = tx.allowed(Act.READ, Rec.PLAN, facts, record)
            return scope.verdict(record.owning_agency, record.visibility, record.category, reads)

        for row in stated.plan:
            found = verdict(row.record)
            if found is not None:
                hidden[found[0] if found[0] != "internal" else "consent"] += 1
                continue
            if row.goal is not None and row.goal is not row.record and verdict(row.goal) is not None:
                hidden["consent"] += 1  # the action may be shown, its goal not: the line names no goal
                lines.append(replace(row.line, goal=""))
                continue
            lines.append(row.line)
        return tuple(lines), stated.plan_version, hidden

    @staticmethod
    def _person_line(person: Person | None, anonymised: bool) -> str:
        if person is None or anonymised:
            return ""
        if person.protected_identity != "NONE":
            return texts.PROTECTED_PERSON_LINE
        parts = [f"{person.first_name} {person.last_name}"]
        pnr = minimised_pnr(person)
        if pnr:
            parts.append(pnr)
        school = " ".join(x for x in (person.school, person.school_class) if x)
        if school:
            parts.append(f"skola/klass: {school}")
        return ", ".join(parts)

    @staticmethod
    def _consent_line(facts: CaseFacts | None, consent: ConsentStatement | None, unit: Unit | None,
                      basis: str | None, basis_text: str | None, protected: bool) -> str:
        """The consent as it stood on the meeting day (DOMAIN.md 2.3), or the basis printed on."""
        if facts is None or consent is None:
            return texts.ANONYMISED_CONSENT_LINE
        if basis is not None:
            label = basis_text.strip() if basis == "OTHER" and basis_text else vocab.LEGAL_BASES.label(basis)
            return texts.LEGAL_BASIS_LINE.format(basis=label)
        if consent.status == "NONE":
            if facts.kind in RESTRICTED_KINDS:
                return texts.RESTRICTED_NO_CONSENT_LINE.format(unit=unit.name if unit else "")
            return f"{texts.NO_CONSENT} {texts.CONSENT_INVALID_MARK}"
        if consent.status == "VALID":
            head = f"{vocab.CONSENT_STATUSES.label('VALID')} {texts.CONSENT_VALID_MARK}"
        else:
            head = f"{vocab.CONSENT_STATUSES.label(consent.status)} {texts.CONSENT_INVALID_MARK}"
            if consent.revoked_at:
                head += f" ({_fmt_date(consent.revoked_at)})"
        signed = ", ".join(f"{vocab.SIGNATORY_ROLES.label(role)} ({_fmt_date(day)})" for role, day in consent.signed)
        covers = ", ".join(named_agency(code, detail, hide_detail=protected) for code, detail in consent.agencies)
        parts = [head]
        if signed:
            parts.append(f"Undertecknat av: {signed}.")
        if covers:
            parts.append(f"Omfattar: {covers}.")
        parts.append(f"Giltigt t.o.m.: {_fmt_date(consent.valid_to)}.")
        return "  ".join(parts)

    @staticmethod
    def _attendee(a: Attendee, protected: bool, by_agency: bool = False) -> AttendeeLine:
        organisation = a.organisation or ""
        if by_agency and not organisation and a.agency_code:  # an EST meeting's attendance is by agency
            organisation = vocab.AGENCIES.label(a.agency_code)
        if protected:  # a named school or fritidsgård would tell where the person is
            organisation = vocab.AGENCIES.label(a.agency_code) if a.agency_code else ""
        role = "" if a.meeting_role == "DELTAGARE" else vocab.MEETING_ROLES.label(a.meeting_role)
        return AttendeeLine(name=a.name, function=a.function or "", organisation=organisation, role=role,
                            present=a.present, part_note=a.part_note or "")

    @staticmethod
    def _role_name(meeting: Meeting, role: str, user_id: int | None, users: UserNames) -> str:
        attendee = next((a for a in meeting.attendees if a.meeting_role == role), None)
        if attendee is not None:
            return attendee.name
        return users.name(user_id) if user_id else ""

    @staticmethod
    def _next_meeting(meeting: Meeting, chair: str, protected: bool) -> str:
        when = meeting.next_meeting_at
        if when is None:
            return ""
        text = f"{when:%Y-%m-%d} kl. {when:%H.%M}"
        if meeting.next_meeting_place and not protected:
            text += f", {meeting.next_meeting_place}"
        if chair:
            text += f". Kallas av: {chair}"
        return text

    @staticmethod
    def _distribution(meeting: Meeting, facts: CaseFacts | None, consent: ConsentStatement | None,
                      protected: bool) -> tuple[str, ...]:
        """Who the protocol goes to: the parties the consent covered on the meeting day."""
        covered = tuple(named_agency(code, detail, hide_detail=protected) for code, detail in consent.agencies) \
            if consent is not None and consent.status == "VALID" else ()
        if facts is not None and not meeting.anonymised and facts.kind not in RESTRICTED_KINDS:
            return covered  # distribution is blocked without a valid consent (DOMAIN.md 1.4)
        if covered:
            return covered
        seen: dict[str, None] = {}
        for a in meeting.attendees:
            if a.agency_code:
                seen.setdefault(vocab.AGENCIES.label(a.agency_code), None)
        return tuple(seen)

    @staticmethod
    def _unit_area(unit: Unit | None, case: Case | None) -> str:
        if unit is None:
            return ""
        area = (case.area if case is not None else None) or unit.area
        return f"{unit.name} / {area}" if area and area != unit.name else unit.name

    @staticmethod
    def _what(tx: Tx, meeting: Meeting, case: Case | None) -> str:
        where = case.reference if case is not None else ""
        if not where and meeting.unit_id is not None:
            unit = tx.session.get(Unit, meeting.unit_id)
            where = unit.name if unit else ""
        return (f"Protokoll {vocab.MEETING_TYPES.label(meeting.meeting_type)} "
                f"{_fmt_date(meeting.starts_at)} ({where})")

    def _disclosure_basis(self, tx: Tx, meeting: Meeting, case: Case | None, facts: CaseFacts | None,
                          recipient: str, legal_basis: str | None, legal_basis_text: str | None
                          ) -> tuple[str, str | None]:
        """The ground recorded for the disclosure: never "SAMTYCKE" unless a consent covers it."""
        if legal_basis is not None:
            return legal_basis, (legal_basis_text.strip() if legal_basis_text else None)
        if case is None or facts is None or meeting.anonymised:
            return "ANONYMISERAD", None
        if consent_covers(facts, recipient):
            return "SAMTYCKE", None
        if recipient == self.actor.agency:
            return "OTHER", texts.INTERNAL_PRINT_BASIS_TEXT
        unit = tx.session.get(Unit, case.unit_id)
        return "OTHER", texts.RESTRICTED_PRINT_BASIS_TEXT.format(unit=unit.name if unit else case.kind)

    # -- plan printout --------------------------------------------------------------------------

    def plan_printout(self, case_id: int, *, printing: bool = False) -> PlanPrintout:
        """The current åtagandeplan in plain words for the young person and the family:
        what, who, when; no internal notes, only actions the actor may read. A preview
        is audited as PLAN_PREVIEW, the printout itself (``printing``) as PLAN_PRINT."""
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            tx.require(Act.PRINT, Rec.PLAN, facts)
            plan = current_plan(tx, case.id)
            if plan is None:
                raise NotFound(code="plan.not_found")
            person = tx.get(Person, case.person_id)
            users = UserNames(tx.session)
            rows: list[tuple[str, str, str]] = []
            for a in plan.actions:
                if a.status not in texts.PLAN_PRINT_STATUSES:
                    continue
                if not tx.allowed(Act.READ, Rec.PLAN, facts, action_record(a)):
                    continue
                who_name = a.responsible_person or (users.name(a.responsible_user_id) if a.responsible_user_id else "")
                org = texts.PLAIN_AGENCY.get(a.responsible_agency, vocab.AGENCIES.label(a.responsible_agency))
                who = f"{who_name} ({org})" if who_name else org[:1].upper() + org[1:]
                if a.status == "GENOMFORD":
                    when = "Klart"
                elif a.due_date is not None:
                    when = f"Senast {_fmt_date(a.due_date)}"
                else:
                    when = ""
                if a.follow_up_date is not None and a.status != "GENOMFORD":
                    when = f"{when}, vi följer upp {_fmt_date(a.follow_up_date)}" if when else \
                        f"Vi följer upp {_fmt_date(a.follow_up_date)}"
                rows.append((a.description, who, when))
            goals = tuple(g.text for g in plan.goals if g.status != "STRUKET")
            responsible = tx.session.get(User, case.responsible_user_id) if case.responsible_user_id else None
            contact = ""
            if responsible is not None:
                title = f", {responsible.title}" if responsible.title else ""
                contact = (f"{responsible.display_name}{title}, "
                           f"{vocab.AGENCIES.label(responsible.agency_code)}")
            tx.audit("PLAN_PRINT" if printing else "PLAN_PREVIEW", entity="plan", entity_id=plan.id,
                     case_id=case.id, person_id=case.person_id, flags=["PRINT"] if printing else [],
                     detail={"rows": len(rows), "version": plan.version})
            return PlanPrintout(
                organisation=organisation_name(tx.session), person_name=f"{person.first_name} {person.last_name}",
                reference=case.reference, valid_from=plan.valid_from, goals=goals, rows=tuple(rows),
                contact=contact, printed_at=datetime.now().replace(microsecond=0),
                printed_by=self.actor.display_name or self.actor.username)


def _agencies_present(meeting: Meeting) -> tuple[str, ...]:
    codes = {a.agency_code for a in meeting.attendees if a.present and a.agency_code}
    return tuple(vocab.AGENCIES.label(c) for c in vocab.AGENCIES.codes if c in codes)


def _utc(value: datetime | None) -> datetime | None:
    """System timestamps are stored as naive UTC; mark them so the renderer shows local time."""
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value
