"""The register extract's content: the sections, their rows and the secrecy review.

``ExtractBuilder`` walks the person's cases the compiler may read and turns each
kind of record into a section (person, guardians, consents, assessments, plans,
meetings, journal, disclosures, the access log) and the same content as
JSON-ready data; whatever a record filter withholds is counted by agency and
ground in ``extract_review.WithheldReview`` (DOMAIN.md 6.3). ``extract.ExtractService``
decides who may compile an extract and audits it.
"""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import select

from ..domain import documents as texts
from ..domain import personnummer, vocab
from ..domain.access import Act, CaseFacts, Rec, RecordFacts, may_see_protected_details
from ..store.models import (AgendaItem, Assessment, AuditEvent, Case, CaseStatusChange, Conditions, Disclosure,
                            Guardianship, InstrumentReference, JournalEntry, Meeting, Person, Plan, RiskLevelEntry,
                            ThreatAssessment, Unit, utcnow)
from . import mapping
from .base import Service, Tx
from .consents import consents_of
from .documents import ExtractSection, RegisterExtract
from .extract_review import WithheldReview, agency_label, cell_date, jsonable
from .journal import journal_record
from .meetings import item_record
from .plans import action_record
from .protocols import organisation_name


class ExtractBuilder:
    """One extract, built inside the compiling transaction from the cases the compiler reads."""

    def __init__(self, tx: Tx, service: Service, person: Person, readable: list[tuple[Case, CaseFacts]],
                 all_cases: list[Case], review: WithheldReview) -> None:
        self.tx, self.service, self.person = tx, service, person
        self.readable, self.all_cases, self.review = readable, all_cases, review
        self.actor = service.actor
        self.sections: list[ExtractSection] = []
        self.data: dict[str, Any] = {}

    def section(self, title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]], text: str = "") -> None:
        self.sections.append(ExtractSection(title=title, headers=headers, rows=tuple(rows), text=text))

    def build(self) -> RegisterExtract:
        tx, person = self.tx, self.person
        owned = [f for _, f in self.readable if may_see_protected_details(self.actor, f)]
        first_facts = owned[0] if owned else (self.readable[0][1] if self.readable else None)
        # The extract goes to the person themself (GDPR art. 15): the owner's compilation states
        # the person's own details, which ordinary reads hide (a request reveals them).
        dto = mapping.person(person, self.actor, first_facts, reveal=True)
        if dto.details_hidden:
            self.review.add(texts.EXTRACT_PROTECTED_WITHHELD)
        pnr = personnummer.Personnummer(person.pnr).long_form() if person.pnr else (person.reserve_id or "")
        self._person(dto, pnr)
        self._guardians(first_facts)
        cases_data = [self._case(case, facts) for case, facts in self.readable]
        self._access_log()
        printed_at = utcnow().replace(microsecond=0)
        printed_by = self.actor.display_name or self.actor.username
        organisation = organisation_name(tx.session)
        self.data.update({
            "document": "registerutdrag", "legal_basis": "GDPR art. 15", "organisation": organisation,
            "printed_at": printed_at.isoformat(), "printed_by": printed_by,
            "cases": cases_data, "withheld": list(self.review.lines),
        })
        return RegisterExtract(
            organisation=organisation, person_name=f"{person.first_name} {person.last_name}", personnummer=pnr,
            sections=tuple(self.sections), withheld=tuple(self.review.lines), printed_at=printed_at,
            printed_by=printed_by, data=jsonable(self.data))

    # -- person -----------------------------------------------------------------------------------

    def _person(self, dto, pnr: str) -> None:
        fields = [
            ("Namn", dto.name), ("Personnummer", pnr), ("Födelsedatum", cell_date(dto.birth_date)),
            ("Juridiskt kön", vocab.LEGAL_GENDER.label(dto.legal_gender)),
            ("Skyddade personuppgifter", vocab.PROTECTED_IDENTITY.label(dto.protected_identity)),
            ("Skola", dto.school), ("Klass", dto.school_class), ("Telefon", dto.phone), ("E-post", dto.email),
            ("Adress", dto.address), ("Postnummer", dto.postal_code), ("Ort", dto.city),
        ]
        self.section("Personuppgifter", ("Uppgift", "Värde"), [(k, v) for k, v in fields if v])
        person_data = jsonable(dto)
        person_data["pnr"] = pnr
        self.data["person"] = person_data

    def _guardians(self, facts: CaseFacts | None) -> None:
        s = self.tx.session
        guardians = s.execute(select(Guardianship, Person).join(Person, Person.id == Guardianship.guardian_id)
                              .where(Guardianship.child_id == self.person.id).order_by(Guardianship.id)).all()
        children = s.execute(select(Guardianship, Person).join(Person, Person.id == Guardianship.child_id)
                             .where(Guardianship.guardian_id == self.person.id).order_by(Guardianship.id)).all()
        rows = [(f"{p.first_name} {p.last_name}", "Vårdnadshavare", "Ja" if g.has_custody else "Nej", g.relation or "")
                for g, p in guardians]
        rows += [(f"{p.first_name} {p.last_name}", "Barn (personen är vårdnadshavare)",
                  "Ja" if g.has_custody else "Nej", g.relation or "") for g, p in children]
        if rows:
            self.section("Vårdnad", ("Namn", "Relation till personen", "Vårdnad", "Anmärkning"), rows)
        self.data["guardians"] = [{"name": f"{p.first_name} {p.last_name}", "has_custody": g.has_custody,
                                   "relation": g.relation} for g, p in guardians]
        self.data["guardian_of"] = [{"name": f"{p.first_name} {p.last_name}", "has_custody": g.has_custody,
                                     "relation": g.relation} for g, p in children]
        if children:  # no count: it would tell how many of the children have cases
            self.review.add(texts.EXTRACT_GUARDIAN_WITHHELD)

    # -- one case ---------------------------------------------------------------------------------

    def _case(self, case: Case, facts: CaseFacts) -> dict[str, Any]:
        tx, ref = self.tx, case.reference
        unit = tx.session.get(Unit, case.unit_id)
        statuses = vocab.CASE_STATUSES[case.kind]
        closure = vocab.CLOSURE_REASONS[case.kind]
        fields = [
            ("Ärendeslag", vocab.CASE_KINDS.label(case.kind)), ("Status", statuses.label(case.status)),
            ("Enhet", unit.name if unit else ""), ("Område", case.area or ""),
            ("Aktualiserat", cell_date(case.referral_date)),
            ("Aktualiserat av", ", ".join(x for x in (agency_label(case.referring_agency), case.referring_person or "")
                                          if x)),
            ("Oro", ", ".join(vocab.REFERRAL_CONCERNS.label(c) for c in case.concerns)),
            ("Beskrivning", case.description or ""), ("Brådskandegrad", vocab.URGENCY.label(case.urgency)),
            ("Orosanmälan", vocab.OROSANMALAN.label(case.orosanmalan)),
            ("Miljö", vocab.CASE_ENVIRONMENTS.label(case.environment) if case.environment else ""),
            ("Avslutat", cell_date(case.closed_at)),
            ("Avslutsorsak", closure.label(case.closure_reason) if case.closure_reason else ""),
            ("Avslutsanteckning", case.closure_note or ""),
        ]
        title = f"Ärende {ref} ({vocab.CASE_KINDS.label(case.kind)})"
        self.section(title, ("Uppgift", "Värde"), [(k, v) for k, v in fields if v])
        history = list(tx.session.scalars(select(CaseStatusChange).where(CaseStatusChange.case_id == case.id)
                                          .order_by(CaseStatusChange.id)))
        self.section(f"Statushistorik {ref}", ("Datum", "Från", "Till", "Orsak"),
                     [(cell_date(h.changed_at), statuses.label(h.from_status) if h.from_status else "",
                       statuses.label(h.to_status), h.reason or "") for h in history])
        data: dict[str, Any] = {
            "reference": ref, "kind": case.kind, "status": case.status, "unit": unit.name if unit else None,
            "area": case.area, "referral_date": case.referral_date, "referring_agency": case.referring_agency,
            "referring_person": case.referring_person, "concerns": list(case.concerns),
            "description": case.description, "urgency": case.urgency, "orosanmalan": case.orosanmalan,
            "environment": case.environment, "closed_at": case.closed_at, "closure_reason": case.closure_reason,
            "closure_note": case.closure_note,
            "status_history": [{"changed_at": h.changed_at, "from": h.from_status, "to": h.to_status,
                                "reason": h.reason} for h in history],
        }
        data["consents"] = self._consents(case, facts)
        data.update(self._assessments(case, facts))
        data["plans"] = self._plans(case, facts)
        data["meetings"] = self._meetings(case, facts)
        data["journal"] = self._journal(case, facts)
        data["disclosures"] = self._disclosures(case, facts)
        return data

    def _whole(self, rec: Rec, facts: CaseFacts, ref: str, what: str) -> bool:
        if self.tx.allowed(Act.READ, rec, facts):
            return True
        self.review.add(f"{what}, ärende {ref}: din roll får inte läsa dessa uppgifter – begär prövning hos "
                        "ansvarig enhet")
        return False

    def _filtered(self, rows: list, rec: Rec, facts: CaseFacts, to_facts: Callable[[Any], RecordFacts],
                  ref: str, noun: tuple[str, str]) -> list:
        shown, hidden = [], []
        for r in rows:
            record = to_facts(r)
            if self.tx.allowed(Act.READ, rec, facts, record):
                shown.append(r)
            else:
                hidden.append(record)
        self.review.records(ref, noun, hidden, self.actor.agency)
        return shown

    def _consents(self, case: Case, facts: CaseFacts) -> list:
        if not self._whole(Rec.CONSENT, facts, case.reference, "Samtycken"):
            return []
        consents = consents_of(self.tx, case.id)
        rows = []
        for c in consents:
            signed = "; ".join(
                f"{vocab.SIGNATORY_ROLES.label(s.role)} {'avböjde' if s.declined else 'undertecknade'} "
                f"{cell_date(s.signed_at)}" + (f" ({vocab.SIGNING_METHODS.label(s.method)})" if s.method else "")
                for s in c.signatories)
            covers = ", ".join(f"{agency_label(a)} ({d})" if d else agency_label(a) for a, d in c.scope_agencies)
            info = ", ".join(vocab.INFORMATION_CATEGORIES.label(i) for i in c.scope_information)
            rows.append((vocab.CONSENT_STATUSES.label(c.status), cell_date(c.valid_from), cell_date(c.valid_to), covers, info,
                         signed, cell_date(c.revoked_at)))
        if rows:
            self.section(f"Samtycken {case.reference}", ("Status", "Giltigt från", "Giltigt t.o.m.", "Omfattar",
                                                         "Uppgifter", "Underskrifter", "Återkallat"), rows)
        return list(consents)

    def _assessments(self, case: Case, facts: CaseFacts) -> dict[str, list]:
        tx, ref, s = self.tx, case.reference, self.tx.session
        out: dict[str, list] = {"assessments": [], "instruments": [], "risk_levels": [],
                                "threat_assessments": [], "conditions": []}
        if tx.allowed(Act.READ, Rec.ASSESSMENT, facts):
            rows = list(s.scalars(select(Assessment).where(Assessment.case_id == case.id)
                                  .order_by(Assessment.assessed_on)))
            shown = self._filtered(rows, Rec.ASSESSMENT, facts, lambda a: RecordFacts(a.owning_agency, a.visibility),
                                   ref, texts.ASSESSMENT_NOUN)
            out["assessments"] = [mapping.assessment(a) for a in shown]
            table = []
            for a in out["assessments"]:
                factors = "; ".join(f"{vocab.ASSESSMENT_DOMAINS.label(i.domain)}: risk {i.risk}, skydd {i.protection}"
                                    + (f" ({i.note})" if i.note else "") for i in a.items)
                table.append((cell_date(a.assessed_on), agency_label(a.owning_agency), factors, a.youth_view or "",
                              a.guardian_view or "", a.note or ""))
            instruments = list(s.scalars(select(InstrumentReference).where(InstrumentReference.case_id == case.id)
                                         .order_by(InstrumentReference.assessed_on)))
            shown_i = self._filtered(instruments, Rec.ASSESSMENT, facts,
                                     lambda i: RecordFacts(i.owning_agency, "SHARED"), ref, texts.ASSESSMENT_NOUN)
            out["instruments"] = [mapping.instrument(i) for i in shown_i]
            for i in out["instruments"]:
                table.append((cell_date(i.assessed_on), agency_label(i.owning_agency),
                              f"{vocab.INSTRUMENTS.label(i.instrument)}: {i.overall_risk or ''}".rstrip(": "),
                              "", "", i.summary or ""))
            if table:
                self.section(f"Kartläggning {ref}", ("Datum", "Myndighet", "Bedömning", "Ungdomens syn",
                                                     "Vårdnadshavares syn", "Anteckning"), table)
        if case.kind == "TREFAS" and self._whole(Rec.RISK_LEVEL, facts, ref, "Risknivåer"):
            levels = [mapping.risk_level(r) for r in s.scalars(
                select(RiskLevelEntry).where(RiskLevelEntry.case_id == case.id).order_by(RiskLevelEntry.id))]
            out["risk_levels"] = levels
            if levels:
                self.section(f"Risknivåer {ref}", ("Datum", "Nivå", "Bedömd av", "Anteckning"),
                             [(cell_date(r.assessed_on), vocab.RISK_LEVELS.label(r.level), agency_label(r.assessing_agency),
                               r.note or "") for r in levels])
        if case.kind == "AVHOPPARE":
            threats = list(s.scalars(select(ThreatAssessment).where(ThreatAssessment.case_id == case.id)
                                     .order_by(ThreatAssessment.assessed_on)))
            shown_t = [t for t in threats if tx.allowed(Act.READ, Rec.THREAT_ASSESSMENT, facts,
                                                        RecordFacts(t.assessed_by_agency, "INTERNAL"))]
            if len(shown_t) != len(threats):
                self.review.add(f"Hotbedömningar ({len(threats) - len(shown_t)} st.), ärende {ref}: begränsad "
                                "åtkomst – begär prövning hos ansvarig enhet")
            out["threat_assessments"] = [mapping.threat(t) for t in shown_t]
            if shown_t:
                self.section(f"Hotbedömningar {ref}", ("Datum", "Bedömd av", "Nivå", "Sammanfattning", "Omprövas"),
                             [(cell_date(t.assessed_on), agency_label(t.assessed_by_agency), vocab.THREAT_LEVELS.label(t.level),
                               t.summary or "", cell_date(t.review_date)) for t in out["threat_assessments"]])
            if self._whole(Rec.CONDITIONS, facts, ref, "Villkor"):
                out["conditions"] = [mapping.conditions(c) for c in s.scalars(
                    select(Conditions).where(Conditions.case_id == case.id).order_by(Conditions.id))]
                rows = []
                for c in out["conditions"]:
                    rows.append((cell_date(c.signed_at), "; ".join(c.conditions), c.drug_test_schedule or "",
                                 "; ".join(f"{cell_date(b.occurred_on)} {b.breach_type}" for b in c.breaches)))
                if rows:
                    self.section(f"Villkor {ref}", ("Undertecknat", "Villkor", "Drogtester", "Villkorsbrott"), rows)
        return out

    def _plans(self, case: Case, facts: CaseFacts) -> list:
        if not self._whole(Rec.PLAN, facts, case.reference, "Åtagandeplan"):
            return []
        plans = list(self.tx.session.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.version)))
        result, rows = [], []
        for plan in plans:
            goals = {g.id: g for g in plan.goals}
            shown = self._filtered(list(plan.actions), Rec.PLAN, facts, action_record, case.reference,
                                   texts.ACTION_NOUN)
            result.append({"version": plan.version, "valid_from": plan.valid_from,
                           "goals": [mapping.goal(g) for g in plan.goals],
                           "actions": [mapping.action(a, self.tx.today) for a in shown]})
            for g in plan.goals:
                rows.append((str(plan.version), cell_date(plan.valid_from), f"Mål: {g.text}", "", "",
                             cell_date(g.target_date), vocab.GOAL_STATUSES.label(g.status)))
            for a in shown:
                goal = goals.get(a.goal_id)
                rows.append((str(plan.version), cell_date(plan.valid_from), goal.text if goal else "", a.description,
                             ", ".join(x for x in (a.responsible_person or "", agency_label(a.responsible_agency)) if x),
                             cell_date(a.due_date), vocab.ACTION_STATUSES.label(a.status)))
        if rows:
            self.section(f"Åtagandeplan {case.reference}", ("Version", "Gäller från", "Mål", "Åtgärd", "Ansvarig",
                                                            "Klart senast", "Status"), rows)
        return result

    def _meetings(self, case: Case, facts: CaseFacts) -> list:
        tx, ref = self.tx, case.reference
        if not self._whole(Rec.MEETING, facts, ref, "Möten"):
            return []
        meetings = list(tx.session.scalars(select(Meeting).where(Meeting.case_id == case.id)
                                           .order_by(Meeting.starts_at)))
        reads_protocol = tx.allowed(Act.READ, Rec.PROTOCOL, facts)
        result, rows, notes = [], [], []
        for m in meetings:
            items: list[AgendaItem] = []
            if reads_protocol:
                content = [i for i in m.agenda if i.note or i.decision]
                items = self._filtered(content, Rec.PROTOCOL, facts, item_record, ref, texts.AGENDA_NOUN)
            result.append({"starts_at": m.starts_at, "ends_at": m.ends_at, "meeting_type": m.meeting_type,
                           "protocol_status": m.protocol_status,
                           "agenda": [mapping.agenda_item(i) for i in items]})
            rows.append((cell_date(m.starts_at), vocab.MEETING_TYPES.label(m.meeting_type),
                         vocab.PROTOCOL_STATUSES.label(m.protocol_status)))
            for i in items:
                notes.append((cell_date(m.starts_at.date()), f"§ {i.number}", i.heading, i.note or "", i.decision or ""))
        if not reads_protocol and meetings:
            self.review.add(f"Protokoll, ärende {ref}: din roll får inte läsa protokollen – begär prövning hos "
                            "ansvarig enhet")
        if rows:
            self.section(f"Möten {ref}", ("Datum", "Mötestyp", "Protokoll"), rows)
        if notes:
            self.section(f"Protokollanteckningar {ref}", ("Datum", "§", "Rubrik", "Anteckning", "Beslut"), notes)
        return result

    def _journal(self, case: Case, facts: CaseFacts) -> list:
        if not self._whole(Rec.JOURNAL, facts, case.reference, "Journal"):
            return []
        entries = list(self.tx.session.scalars(select(JournalEntry).where(JournalEntry.case_id == case.id)
                                               .order_by(JournalEntry.event_date, JournalEntry.id)))
        shown = self._filtered(entries, Rec.JOURNAL, facts, journal_record, case.reference, texts.JOURNAL_NOUN)
        dtos = [mapping.journal(j) for j in shown]
        if dtos:
            self.section(f"Journal {case.reference}", ("Händelsedatum", "Typ", "Skriven av", "Myndighet",
                                                       "Anteckning", "Källa"),
                         [(cell_date(j.event_date), vocab.JOURNAL_TYPES.label(j.entry_type),
                           ", ".join(x for x in (j.author_name, j.author_title or "") if x), agency_label(j.owning_agency),
                           j.text + (f" (rättelse av anteckning {j.corrects_id})" if j.corrects_id else ""),
                           j.source or "") for j in dtos])
        return dtos

    def _disclosures(self, case: Case, facts: CaseFacts) -> list:
        if not self._whole(Rec.DISCLOSURE, facts, case.reference, "Utlämnanden"):
            return []
        rows = [mapping.disclosure(d) for d in self.tx.session.scalars(
            select(Disclosure).where(Disclosure.case_id == case.id).order_by(Disclosure.disclosed_at, Disclosure.id))]
        if rows:
            self.section(f"Utlämnanden {case.reference}", ("Datum", "Vad", "Mottagare", "Lagrum", "Kanal"),
                         [(cell_date(d.disclosed_at), d.what,
                           ", ".join(x for x in (agency_label(d.recipient_agency), d.recipient_name or "") if x),
                           d.legal_basis_text or vocab.LEGAL_BASES.label(d.legal_basis), d.channel or "")
                          for d in rows])
        return rows

    # -- access log ---------------------------------------------------------------------------------

    def _access_log(self) -> None:
        s = self.tx.session
        secret = {c.id for c in self.all_cases} - {c.id for c, _ in self.readable}
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.person_id == self.person.id)
                                .order_by(AuditEvent.seq.desc()).limit(texts.EXTRACT_LOG_LIMIT)))
        shown = [e for e in events if e.case_id not in secret]  # named in EXTRACT_OTHER_CASES, uncounted
        rows = []
        data = []
        for e in shown:
            roles = ", ".join(vocab.ROLES.label(r) for r in (e.role or "").split(",") if r)
            user = e.username or ""
            if e.agency:
                user = f"{user} ({agency_label(e.agency)})" if user else agency_label(e.agency)
            rows.append((cell_date(e.ts), user, roles, texts.access_log_label(e.action)))
            data.append({"ts": e.ts, "user": e.username, "agency": e.agency, "role": e.role, "action": e.action,
                         "case_id": e.case_id})
        limit_note = (f"De senaste {texts.EXTRACT_LOG_LIMIT} händelserna visas."
                      if len(events) >= texts.EXTRACT_LOG_LIMIT else "")
        self.section("Åtkomstlogg – vem som har läst eller ändrat uppgifterna", ("Tid", "Användare", "Roll",
                                                                                 "Händelse"), rows, text=limit_note)
        self.data["access_log"] = data
