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
from dataclasses import replace

from ..domain import documents as texts
from ..domain import vocab
from ..domain.access import RESTRICTED_KINDS, Act, CaseFacts, Rec, RecordFacts, consent_covers
from ..domain.errors import AccessDenied, NotFound, ValidationError
from ..store.models import Case, Disclosure, Meeting, Person, Unit, User, utcnow
from . import est_meetings
from .base import Service, Tx, changes, current_consent
from .documents import AgendaSection, CorrectionLine, PlanLine, PlanPrintout, ProtocolDocument
from .est_picture import MARKING as EST_MARKING
from .meetings import reads_item
from .organisation import organisation_name
from .plans import action_record, current_plan
from .protocol_facts import ProtocolFacts, UserNames, facts_of
from .protocol_lines import (agencies_present, attendee_line, consent_line, disclosure_what, distribution,
                             fmt_date, named_agency, next_meeting_line, person_line, role_name,
                             unit_area)
from .protocol_scope import RecipientScope
from ..domain.topics import Topic


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

    @changes(Topic.DISCLOSURES)
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
        scope = RecipientScope(recipient=for_agency, actor_agency=self.actor.agency, facts=facts,
                       anonymised=meeting.anonymised, basis=basis)
        doc = self._document(tx, meeting, case, facts, scope, basis, legal_basis_text)
        person_id = case.person_id if case is not None else None
        if disclose:
            recipient = for_agency or self.actor.agency
            code, code_text = self._disclosure_basis(tx, meeting, case, facts, recipient, legal_basis,
                                                     legal_basis_text)
            d = Disclosure(case_id=meeting.case_id, person_id=person_id,
                           what=disclosure_what(tx, meeting, case), recipient_agency=recipient,
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
        scope = RecipientScope(recipient=None, actor_agency=self.actor.agency, facts=facts, anonymised=meeting.anonymised,
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

    def _document(self, tx: Tx, meeting: Meeting, case: Case | None, facts: CaseFacts | None, scope: RecipientScope,
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
            reads = reads_item(tx, facts, item)
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

        chair = role_name(meeting, "ORDFORANDE", meeting.chair_user_id, users)
        secretary = role_name(meeting, "SEKRETERARE", meeting.secretary_user_id, users)
        adjuster = role_name(meeting, "JUSTERARE", meeting.adjuster_user_id, users)
        kind = case.kind if case is not None else (unit.case_kind if unit else None)
        est = est_meetings.attachment_of(tx, meeting) if est_meetings.is_est(meeting) else None
        return ProtocolDocument(
            organisation=organisation_name(s),
            title=texts.protocol_title(meeting.meeting_type, kind),
            secrecy_marking=EST_MARKING if est is not None else texts.secrecy_marking(scope.recipient),
            reference=case.reference if case is not None else None,
            meeting_type=vocab.MEETING_TYPES.label(meeting.meeting_type),
            unit_area=unit_area(unit, case),
            starts_at=meeting.starts_at, ends_at=meeting.ends_at,
            place="" if protected else (meeting.place or ""),
            person_line=person_line(person, meeting.anonymised),
            consent_line="" if est is not None else consent_line(facts, stated.consent, unit, basis,
                                                                        basis_text, protected),
            attendees=tuple(attendee_line(a, protected, by_agency=est is not None) for a in meeting.attendees),
            agenda=tuple(agenda),
            plan=plan_lines, plan_version=plan_version,
            next_meeting=next_meeting_line(meeting, chair, protected),
            chair=chair, secretary=secretary, adjuster=adjuster,
            distribution=distribution(meeting, facts, stated.consent, protected),
            guardians_informed=meeting.guardians_informed or "",
            status=vocab.PROTOCOL_STATUSES.label(meeting.protocol_status),
            approved=meeting.protocol_status == "JUSTERAT",
            content_hash=meeting.content_hash if meeting.protocol_status == "JUSTERAT" else None,
            approved_at=meeting.justerat_at if meeting.protocol_status == "JUSTERAT" else None,
            corrections=tuple(CorrectionLine(created_at=c.created_at, author=users.name(c.author_user_id),
                                             text=c.text) for c in meeting.corrections),
            printed_at=utcnow().replace(microsecond=0),
            printed_by=self.actor.display_name or self.actor.username,
            recipient=(texts.FULL_VERSION_RECIPIENT.format(agency=vocab.AGENCIES.label(self.actor.agency))
                       if own_copy else vocab.AGENCIES.label(scope.recipient)),
            omitted=tuple(omitted),
            anonymised=meeting.anonymised or case is None,
            est_picture=est.picture if est is not None else None,
            est_actions=est.actions if est is not None else (),
            est_frozen=est is not None and est.frozen,
            est_agencies=agencies_present(meeting) if est is not None else (),
        )

    def _plan(self, tx: Tx, facts: CaseFacts | None, scope: RecipientScope,
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

    @changes()  # only logged: nothing a page shows changes
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
                    when = f"Senast {fmt_date(a.due_date)}"
                else:
                    when = ""
                if a.follow_up_date is not None and a.status != "GENOMFORD":
                    when = f"{when}, vi följer upp {fmt_date(a.follow_up_date)}" if when else \
                        f"Vi följer upp {fmt_date(a.follow_up_date)}"
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
                contact=contact, printed_at=utcnow().replace(microsecond=0),
                printed_by=self.actor.display_name or self.actor.username)


