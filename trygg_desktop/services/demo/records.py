"""Case records shared by every kind: the case and its status walk, assignments, kartläggning,
instrument references, journal entries and disclosures."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ...domain import vocab
from ...store.models import (Assessment, AssessmentItem, Case, CaseAssignment, CaseStatusChange, Disclosure,
                             InstrumentReference, JournalEntry)
from .accounts import CONTACT_ACCOUNT
from .core import GeneratorBase, at
from .model import Acct, UnitInfo, Walk, Youth
from .places import KOMMUN, KRIMINALVARD_ORG
from .texts import (CHANNELS, CLOSURE_NOTES, CORRECTION_TEXT, DOMAIN_NOTES, DOMAIN_SOURCE, GUARDIAN_VIEWS, HARM,
                    JOURNAL, YOUTH_VIEWS)


class CaseRecords(GeneratorBase):
    """Rows every kind of case has: the case with its status changes and assignments, and the
    kartläggning, instrument references, journal entries and disclosures written on it."""

    def add_case(self, *, kind: str, y: Youth, unit: UnitInfo, area: str, walk: Walk, coordinator: Acct,
                 referring_agency: str, referring_person: str, concerns: list[str], description: str,
                 urgency: str, orosanmalan: str, environment: str | None = None, follow_up: date | None = None,
                 closure: str | None = None, linked_case_id: int | None = None,
                 previous_status: str | None = None) -> int:
        closed = walk.closed
        referral = walk.steps[0][1]
        case_id = self.rows.add(
            Case, kind=kind, reference="", person_id=y.id, unit_id=unit.id, area=area, status=walk.status,
            previous_status=previous_status, responsible_user_id=coordinator.user_id, referral_date=referral,
            referring_agency=referring_agency, referring_person=referring_person, concerns=concerns,
            description=description, urgency=urgency, orosanmalan=orosanmalan, environment=environment,
            follow_up_date=follow_up, closed_at=walk.last_date if closed else None,
            closure_reason=closure if closed else None,
            closure_note=CLOSURE_NOTES.get(closure or "") if closed else None, linked_case_id=linked_case_id,
            legal_hold=False, created_at=at(referral, 9, 15), updated_at=at(walk.last_date, 16))
        self.cases_in_batch.append(self.rows.rows[Case][-1])
        prev = None
        for i, (status, day, reason) in enumerate(walk.steps):
            self.rows.add(CaseStatusChange, case_id=case_id, from_status=prev, to_status=status, reason=reason,
                          changed_at=at(day, 9 + i % 7, 5 * (i % 12)), changed_by=coordinator.user_id)
            prev = status
        self.assign(case_id, coordinator, "ANSVARIG", referral)
        return case_id

    def assign(self, case_id: int, acct: Acct | None, role: str, day: date) -> None:
        if acct is not None and acct.user_id is not None:
            self.rows.add(CaseAssignment, case_id=case_id, user_id=acct.user_id, role_in_case=role,
                          assigned_at=at(day, 9, 30), ended_at=None)

    def assessment(self, case_id: int, y: Youth, day: date, ctx: dict[str, Any], author: Acct, end: date,
                   better: bool = False) -> None:
        day = min(day, end, self.today)
        aid = self.rows.add(
            Assessment, case_id=case_id, assessed_on=day, author_user_id=author.user_id, owning_agency="SOC",
            visibility="SHARED", youth_view=self.pick(YOUTH_VIEWS).format(**ctx),
            guardian_view=self.pick(GUARDIAN_VIEWS) if y.guardians else None,
            note="Uppföljande kartläggning inför uppföljningsmöte." if better else "Kartläggande samtal med "
            "ungdom och vårdnadshavare inför nätverksmötet.", created_at=at(day, 15))
        for domain in vocab.ASSESSMENT_DOMAINS.codes:
            risk = self.rng.choices((0, 1, 2, 3), weights=(3, 4, 3, 2) if not better else (5, 4, 2, 1))[0]
            protection = self.rng.choices((0, 1, 2, 3), weights=(2, 4, 4, 2))[0]
            if domain == "STYRKOR_INTRESSEN":
                risk = 0
            self.rows.add(AssessmentItem, assessment_id=aid, domain=domain, risk=risk, protection=protection,
                          note=DOMAIN_NOTES[domain].format(**ctx), source_agency=DOMAIN_SOURCE.get(domain, "SOC"))

    def instrument(self, case_id: int, instrument: str, day: date) -> None:
        risk = self.wpick({"Låg": 3, "Måttlig": 4, "Hög": 2})
        if instrument == "SAVRY":
            assessor = f"Leg. psykolog {self.staff_name()}, BUP"
            summary = f"SAVRY: samlad risk {risk.lower()}; skyddsfaktorer: stöd från familjen. Rapport i akten."
        else:
            ss = self.acct.get("socialsekreterare")
            assessor = f"{ss.name if ss else self.staff_name()}, socialsekreterare"
            summary = (f"{vocab.INSTRUMENTS.label(instrument)}: förhöjd risk inom skola och kamrater, skyddsfaktorer "
                       f"inom familjen. Samlad risk: {risk.lower()}. PDF i akten.")
        self.rows.add(InstrumentReference, case_id=case_id, instrument=instrument, assessed_on=day, assessor=assessor,
                      overall_risk=risk, summary=summary, owning_agency="SOC")

    def journal(self, case_id: int, kind: str, agency: str, day: date, y: Youth, area: str,
                categories: list[str], coord: Acct) -> None:
        key = CONTACT_ACCOUNT.get(agency)
        if key is None:
            key = (coord.key if kind != "SSPF" or self.chance(0.5) else "socialsekreterare")
        author = self.acct.get(key) or coord
        text = self.pick(JOURNAL[(kind, agency)]).format(**self.ctx(y, area))
        if kind == "SSPF":
            visibility = "SHARED" if self.chance(0.6) else "INTERNAL"
            default = vocab.AGENCY_DEFAULT_CATEGORY[agency]
            category = default if default in categories or not categories else self.pick(categories)
            if visibility == "SHARED" and category not in categories:
                visibility = "INTERNAL"
        else:
            visibility = "SHARED" if self.chance(0.6) else "INTERNAL"
            category = vocab.AGENCY_DEFAULT_CATEGORY[agency]
        entry_type = self.wpick({"SAMTAL": 4, "TELEFON": 3, "MOTE": 2, "ANTECKNING": 3, "INKOMMEN_HANDLING": 1})
        written = at(self.clamp(day + timedelta(days=self.rng.randint(0, 2))), self.rng.randint(8, 17),
                     self.rng.randint(0, 59))
        jid = self.rows.add(
            JournalEntry, case_id=case_id, event_date=day, written_at=written, author_user_id=author.user_id,
            author_name=author.name, author_title=author.title, entry_type=entry_type, text=text,
            source=None if agency != "SOC" else self.pick((None, "Vårdnadshavare uppger", "Egen iakttagelse")),
            owning_agency=agency, visibility=visibility, information_category=category, corrects_id=None)
        if self.chance(0.04):
            self.rows.add(
                JournalEntry, case_id=case_id, event_date=day, written_at=written + timedelta(days=1),
                author_user_id=author.user_id, author_name=author.name, author_title=author.title,
                entry_type=entry_type,
                text=CORRECTION_TEXT.format(datum=day.isoformat(), plats=self.ctx(y, area)["plats"]),
                source=None, owning_agency=agency, visibility=visibility, information_category=category,
                corrects_id=jid)

    def disclosure(self, case_id: int, y: Youth, recipient: str, basis: str, day: date, what: str,
                   decided_by: Acct, kommun: str) -> None:
        name = {"POLIS": KOMMUN[kommun]["polis"], "SOC": KOMMUN[kommun]["soc"],
                "KRIMINALVARD": KRIMINALVARD_ORG}.get(recipient, "Mottagande kommun")
        self.rows.add(Disclosure, case_id=case_id, person_id=y.id, what=what, recipient_agency=recipient,
                      recipient_name=name, legal_basis=basis,
                      legal_basis_text="SoL 2025:400 – överlämnande till annan kommun" if basis == "OTHER" else None,
                      harm_assessment=self.pick(HARM), channel=self.pick(CHANNELS),
                      decided_by_user_id=decided_by.user_id, disclosed_at=at(self.clamp(day), 14, 10))
