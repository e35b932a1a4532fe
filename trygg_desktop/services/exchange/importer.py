"""Exchange import: writes a parsed, checked document into the database.

Units and persons that already exist (by name; by personnummer or reserve id) are
reused, everything else is created. User names are mapped to this database's
accounts or dropped. The caller's transaction makes it all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ...domain import personnummer
from ...store.models import (Action, AgendaItem, Assessment, AssessmentItem, Attendee, Case, CaseAssignment,
                             CaseReferenceCounter, CaseStatusChange, ConditionBreach, Conditions, Consent,
                             ConsentSignatory, Disclosure, Goal, Guardianship, InstrumentReference, JournalEntry,
                             Meeting, Person, Plan, ProtocolCorrection, RiskLevelEntry, ThreatAssessment, Unit, User)
from ..base import Tx
from ..cases import REFERENCE_PREFIX
from .common import agenda_values, attendee_values, fail, read_date, read_local, read_utc

# Case kind of each reference prefix (SSPF-2026-0001, TREFAS-…, AVH-…).
_KIND_OF_PREFIX = {prefix: kind for kind, prefix in REFERENCE_PREFIX.items()}
_REFERENCE_RE = re.compile(r"(?P<prefix>[A-Z]+)-(?P<year>[0-9]{4})-(?P<number>[0-9]{1,9})")
_MAX_COUNTER = 10**9


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import created and reused; ``unknown_users`` were named in the file but
    have no account here, so their references were dropped (names kept as text)."""

    created: dict[str, int]
    reused: dict[str, int]
    case_references: tuple[str, ...]
    unknown_users: tuple[str, ...] = field(default=())


def _given(**values: Any) -> dict[str, Any]:
    """Keyword arguments without the ``None`` ones, so column defaults apply."""
    return {k: v for k, v in values.items() if v is not None}


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class Importer:
    """Writes a parsed document inside the caller's transaction; conflicts with the database raise."""

    def __init__(self, tx: Tx, doc: dict[str, Any]) -> None:
        self.tx = tx
        self.s: Session = tx.session
        self.doc = doc
        self.users = {u.username: u.id for u in self.s.scalars(select(User))}
        self.unknown_users: set[str] = set()
        self.created: dict[str, int] = {}
        self.reused: dict[str, int] = {"units": 0, "persons": 0, "guardianships": 0}
        self.units: dict[str, Unit] = {}
        self.persons: dict[str, int] = {}
        self.cases: list[Case] = []
        self.meetings: dict[str, Meeting] = {}

    def _count(self, key: str, n: int = 1) -> None:
        self.created[key] = self.created.get(key, 0) + n

    def user(self, name: str | None) -> int | None:
        if name is None:
            return None
        uid = self.users.get(name)
        if uid is None:
            self.unknown_users.add(name)
        return uid

    def person(self, ref: str | None) -> int | None:
        return self.persons[ref] if ref is not None else None

    def run(self) -> ImportSummary:
        self._units()
        self._persons()
        self._guardianships()
        self._cases()
        self.s.flush()
        return ImportSummary(created=dict(sorted(self.created.items())), reused=dict(sorted(self.reused.items())),
                             case_references=tuple(c.reference for c in self.cases),
                             unknown_users=tuple(sorted(self.unknown_users)))

    # -- units, persons, guardianships ------------------------------------------------------------
    def _units(self) -> None:
        existing = {u.name: u for u in self.s.scalars(select(Unit))}
        for u in self.doc["units"]:
            unit = existing.get(u["name"])
            if unit is not None:
                self.reused["units"] += 1
            else:
                unit = Unit(name=u["name"], agency_code=u["agency"], case_kind=u.get("case_kind"), area=u.get("area"))
                self.s.add(unit)
                self._count("units")
            self.units[u["name"]] = unit
        self.s.flush()

    def _persons(self) -> None:
        objects: dict[str, Person] = {}
        for i, p in enumerate(self.doc["persons"]):
            path = f"$.persons[{i}]"
            found = None
            if p.get("personnummer") is not None:
                found = self.s.scalar(select(Person).where(Person.pnr == p["personnummer"]))
            if found is None and p.get("reserve_id") is not None:
                found = self.s.scalar(select(Person).where(Person.reserve_id == p["reserve_id"]))
                if found is not None and found.pnr is not None and found.pnr != p.get("personnummer"):
                    raise fail("import.duplicate", f"{path}.reserve_id",
                               "the reserve id belongs to another person in the database")
            if found is not None:
                if not (_same_name(found.first_name, p["first_name"]) and _same_name(found.last_name, p["last_name"])):
                    key = "personnummer" if p.get("personnummer") is not None else "reserve_id"
                    raise fail("import.duplicate", f"{path}.{key}",
                               "a person with this identifier but another name exists in the database")
                self.reused["persons"] += 1
                person = found
            else:
                birth = read_date(p.get("birth_date"))
                if p.get("personnummer") is not None:
                    birth = personnummer.Personnummer(p["personnummer"]).birth_date
                person = Person(**_given(
                    pnr=p.get("personnummer"), reserve_id=p.get("reserve_id"), first_name=p["first_name"],
                    last_name=p["last_name"], birth_date=birth, legal_gender=p.get("legal_gender"),
                    protected_identity=p.get("protected_identity"), school=p.get("school"),
                    school_class=p.get("school_class"), phone=p.get("phone"), email=p.get("email"),
                    address=p.get("address"), postal_code=p.get("postal_code"), city=p.get("city"),
                    created_at=read_utc(p.get("created_at")), updated_at=read_utc(p.get("updated_at"))))
                self.s.add(person)
                self._count("persons")
            objects[p["id"]] = person
        self.s.flush()
        for p in self.doc["persons"]:
            self.persons[p["id"]] = objects[p["id"]].id
            if p.get("personnummer") is not None:  # references may use the personnummer
                self.persons[p["personnummer"]] = objects[p["id"]].id

    def _guardianships(self) -> None:
        for i, g in enumerate(self.doc.get("guardianships", ())):
            child, guardian = self.person(g["child"]), self.person(g["guardian"])
            if child == guardian:
                raise fail("import.reference", f"$.guardianships[{i}].guardian",
                           "names the same person as the child")
            has_custody = g.get("has_custody", True)
            existing = self.s.scalar(select(Guardianship).where(Guardianship.child_id == child,
                                                                Guardianship.guardian_id == guardian))
            if existing is not None:
                if bool(existing.has_custody) != has_custody or existing.relation != g.get("relation"):
                    raise fail("import.duplicate", f"$.guardianships[{i}]",
                               "the database records this guardianship differently")
                self.reused["guardianships"] += 1
                continue
            self.s.add(Guardianship(child_id=child, guardian_id=guardian, has_custody=has_custody,
                                    relation=g.get("relation")))
            self._count("guardianships")
        self.s.flush()

    # -- cases ------------------------------------------------------------------------------------
    def _cases(self) -> None:
        doc = self.doc
        by_reference: dict[str, Case] = {}
        for i, c in enumerate(doc["cases"]):
            path = f"$.cases[{i}]"
            if self.s.scalar(select(Case.id).where(Case.reference == c["reference"])) is not None:
                raise fail("import.duplicate", f"{path}.reference", "a case with this reference already exists")
            unit = self.units[c["unit"]]
            if unit.case_kind not in (None, c["kind"]):
                raise fail("import.schema", f"{path}.unit", f"the unit does not handle {c['kind']} cases")
            referral = c["referral"]
            closure = c.get("closure") or {}
            case = Case(**_given(
                kind=c["kind"], reference=c["reference"], person_id=self.person(c["person"]), unit_id=unit.id,
                area=c.get("area"), status=c["status"], previous_status=c.get("previous_status"),
                responsible_user_id=self.user(c.get("responsible")), referral_date=read_date(referral["date"]),
                referring_agency=referral.get("referring_agency"), referring_person=referral.get("referring_person"),
                concerns=list(referral.get("concerns", [])), description=referral.get("description"),
                urgency=referral.get("urgency"), orosanmalan=referral.get("orosanmalan"),
                environment=c.get("environment"), follow_up_date=read_date(c.get("follow_up_date")),
                closed_at=read_date(closure.get("date")), closure_reason=closure.get("reason"),
                closure_note=closure.get("note"), legal_hold=c.get("legal_hold"),
                created_at=read_utc(c.get("created_at")), updated_at=read_utc(c.get("updated_at"))))
            self.s.add(case)
            self.cases.append(case)
            by_reference[c["reference"]] = case
            self._raise_counter(c["reference"])
        self.s.flush()
        self._count("cases", len(self.cases))
        for i, c in enumerate(doc["cases"]):
            if c.get("linked_case") is None:
                continue
            target = by_reference.get(c["linked_case"])
            target_id = target.id if target is not None else self.s.scalar(
                select(Case.id).where(Case.reference == c["linked_case"]))
            if target_id is None:
                raise fail("import.reference", f"$.cases[{i}].linked_case",
                           "names no case of the file or of the database")
            # A Core UPDATE that names updated_at keeps the file's value (no onupdate stamp).
            self.s.execute(update(Case).where(Case.id == self.cases[i].id)
                           .values(linked_case_id=target_id, updated_at=Case.updated_at)
                           .execution_options(synchronize_session=False))
        for case, c in zip(self.cases, doc["cases"]):
            self._case_records(case, c)
        self.s.flush()
        # Meetings (of cases, then group meetings) before plans and actions, which name them.
        for case, c in zip(self.cases, doc["cases"]):
            for m in c.get("meetings", ()):
                self._meeting(m, case)
        for m in doc.get("meetings", ()):
            self._meeting(m, None)
        self.s.flush()
        for case, c in zip(self.cases, doc["cases"]):
            self._plans(case, c)
            self._journal(case, c)
            for d in c.get("disclosures", ()):
                self._disclosure(d, case.id)
        for d in doc.get("disclosures", ()):
            self._disclosure(d, None)

    def _raise_counter(self, reference: str) -> None:
        """Keep generated references from colliding with imported ones."""
        m = _REFERENCE_RE.fullmatch(reference)
        if m is None or m["prefix"] not in _KIND_OF_PREFIX or int(m["number"]) >= _MAX_COUNTER:
            return
        kind, year, number = _KIND_OF_PREFIX[m["prefix"]], int(m["year"]), int(m["number"])
        counter = self.s.get(CaseReferenceCounter, (kind, year))
        if counter is None:
            self.s.add(CaseReferenceCounter(kind=kind, year=year, last_number=number))
            self.s.flush()
        elif counter.last_number < number:
            counter.last_number = number

    def _case_records(self, case: Case, c: dict[str, Any]) -> None:
        s = self.s
        for a in c.get("assignments", ()):
            uid = self.user(a["user"])
            if uid is None:
                continue  # a connection to an account that does not exist here cannot be kept
            s.add(CaseAssignment(**_given(case_id=case.id, user_id=uid, role_in_case=a["role_in_case"],
                                          assigned_at=read_utc(a.get("assigned_at")),
                                          ended_at=read_utc(a.get("ended_at")))))
        for h in c.get("status_history", ()):
            s.add(CaseStatusChange(**_given(case_id=case.id, from_status=h.get("from_status"), to_status=h["to_status"],
                                            reason=h.get("reason"), changed_at=read_utc(h.get("changed_at")),
                                            changed_by=self.user(h.get("changed_by")))))
        for x in c.get("consents", ()):
            scope = x["scope"]
            consent = Consent(**_given(
                case_id=case.id, subject_person_id=self.person(x.get("subject")) or case.person_id,
                purpose=x["purpose"],
                scope_agencies=[{"agency": a["agency"], "detail": a.get("detail")} for a in scope["agencies"]],
                scope_information=list(scope["information"]), valid_from=read_date(x["valid_from"]),
                valid_to=read_date(x["valid_to"]), joint_custody=x.get("joint_custody"),
                single_guardian_exception=x.get("single_guardian_exception"), youth_opinion=x.get("youth_opinion"),
                status=x["status"], revoked_at=read_date(x.get("revoked_at")),
                revoked_by_user_id=self.user(x.get("revoked_by")), revocation_channel=x.get("revocation_channel"),
                revocation_note=x.get("revocation_note"), version=int(x.get("version", 1)),
                created_at=read_utc(x.get("created_at"))))
            consent.signatories = [ConsentSignatory(**_given(
                person_id=self.person(sg.get("person")), role=sg["role"], signed_at=read_date(sg.get("signed_at")),
                method=sg.get("method"), declined=sg.get("declined"),
                recorded_by_user_id=self.user(sg.get("recorded_by")))) for sg in x.get("signatories", ())]
            s.add(consent)
            self._count("consents")
        for a in c.get("assessments", ()):
            s.add(Assessment(**_given(
                case_id=case.id, assessed_on=read_date(a["assessed_on"]), author_user_id=self.user(a.get("author")),
                owning_agency=a["owning_agency"], visibility=a.get("visibility"), youth_view=a.get("youth_view"),
                guardian_view=a.get("guardian_view"), note=a.get("note"), created_at=read_utc(a.get("created_at")),
                items=[AssessmentItem(domain=i["domain"], risk=int(i["risk"]), protection=int(i["protection"]),
                                      note=i.get("note"), source_agency=i["source_agency"])
                       for i in a.get("items", ())])))
            self._count("assessments")
        for i in c.get("instruments", ()):
            s.add(InstrumentReference(case_id=case.id, instrument=i["instrument"],
                                      assessed_on=read_date(i["assessed_on"]), assessor=i["assessor"],
                                      overall_risk=i.get("overall_risk"),
                                      summary=i.get("summary"), owning_agency=i["owning_agency"]))
            self._count("instruments")
        for r in c.get("risk_levels", ()):
            s.add(RiskLevelEntry(**_given(
                case_id=case.id, level=r["level"], assessed_on=read_date(r["assessed_on"]),
                assessing_agency=r["assessing_agency"], note=r.get("note"), recorded_by=self.user(r.get("recorded_by")),
                recorded_at=read_utc(r.get("recorded_at")))))
            self._count("risk_levels")
        for t in c.get("threat_assessments", ()):
            s.add(ThreatAssessment(**_given(
                case_id=case.id, assessed_by_agency=t["assessed_by_agency"], assessed_on=read_date(t["assessed_on"]),
                level=t["level"], summary=t.get("summary"), review_date=read_date(t.get("review_date")),
                recorded_by=self.user(t.get("recorded_by")), recorded_at=read_utc(t.get("recorded_at")))))
            self._count("threat_assessments")
        for x in c.get("conditions", ()):
            s.add(Conditions(**_given(
                case_id=case.id, signed_at=read_date(x.get("signed_at")), conditions=list(x["conditions"]),
                drug_test_schedule=x.get("drug_test_schedule"), created_at=read_utc(x.get("created_at")),
                breaches=[ConditionBreach(occurred_on=read_date(b["occurred_on"]), breach_type=b["breach_type"],
                                          consequence=b.get("consequence")) for b in x.get("breaches", ())])))
            self._count("conditions")

    def _meeting(self, m: dict[str, Any], case: Case | None) -> None:
        unit_id = self.units[m["unit"]].id if m.get("unit") is not None else (case.unit_id if case else None)
        meeting = Meeting(**_given(
            case_id=case.id if case else None, unit_id=unit_id, meeting_type=m["type"],
            starts_at=read_local(m["starts_at"]), ends_at=read_local(m.get("ends_at")), place=m.get("place"),
            chair_user_id=self.user(m.get("chair")), secretary_user_id=self.user(m.get("secretary")),
            adjuster_user_id=self.user(m.get("adjuster")), anonymised=m.get("anonymised"),
            protocol_status=m.get("protocol_status"), next_meeting_at=read_local(m.get("next_meeting_at")),
            next_meeting_place=m.get("next_meeting_place"), guardians_informed=m.get("guardians_informed"),
            justerat_at=read_utc(m.get("justerat_at")), content_hash=m.get("content_hash"),
            frozen_content=m.get("frozen_content"),
            created_by=self.user(m.get("created_by")), created_at=read_utc(m.get("created_at"))))
        for a in m.get("attendees", ()):
            meeting.attendees.append(Attendee(**attendee_values(a), person_id=self.person(a.get("person")),
                                              user_id=self.user(a.get("user"))))
        for item in m.get("agenda", ()):
            meeting.agenda.append(AgendaItem(**agenda_values(item)))
        for x in m.get("corrections", ()):
            meeting.corrections.append(ProtocolCorrection(**_given(
                text=x["text"], author_user_id=self.user(x.get("author")), created_at=read_utc(x.get("created_at")))))
        self.s.add(meeting)
        self.meetings[m["id"]] = meeting
        self._count("meetings")

    def _meeting_id(self, ref: str | None) -> int | None:
        return self.meetings[ref].id if ref is not None else None

    def _plans(self, case: Case, c: dict[str, Any]) -> None:
        goals: dict[str, Goal] = {}
        plans: list[tuple[Plan, dict[str, Any]]] = []
        for p in c.get("plans", ()):
            plan = Plan(**_given(case_id=case.id, version=int(p["version"]), valid_from=read_date(p["valid_from"]),
                                 created_in_meeting_id=self._meeting_id(p.get("meeting")),
                                 created_by=self.user(p.get("created_by")), created_at=read_utc(p.get("created_at"))))
            for g in p.get("goals", ()):
                goal = Goal(**_given(text=g["text"], area=g.get("area"), indicator=g.get("indicator"),
                                     baseline=g.get("baseline"), target=g.get("target"),
                                     target_date=read_date(g.get("target_date")), status=g.get("status"),
                                     information_category=g.get("information_category")))
                plan.goals.append(goal)
                goals[g["id"]] = goal
            self.s.add(plan)
            plans.append((plan, p))
            self._count("plans")
        if not plans:
            return
        self.s.flush()
        for plan, p in plans:
            for a in p.get("actions", ()):
                responsible_user = self.user(a.get("responsible_user"))
                responsible_person = a.get("responsible_person")
                if responsible_user is None and responsible_person is None:
                    responsible_person = a.get("responsible_user")  # keep the name as text
                plan.actions.append(Action(**_given(
                    goal_id=goals[a["goal"]].id if a.get("goal") is not None else None,
                    description=a["description"], action_type=a.get("action_type"),
                    measure_type=a.get("measure_type"), support_area=a.get("support_area"),
                    responsible_agency=a["responsible_agency"], responsible_person=responsible_person,
                    responsible_user_id=responsible_user, due_date=read_date(a.get("due_date")), status=a.get("status"),
                    status_reason=a.get("status_reason"), follow_up_date=read_date(a.get("follow_up_date")),
                    outcome=a.get("outcome"), created_in_meeting_id=self._meeting_id(a.get("created_in_meeting")),
                    closed_in_meeting_id=self._meeting_id(a.get("closed_in_meeting")),
                    information_category=a.get("information_category"))))
                self._count("actions")

    def _journal(self, case: Case, c: dict[str, Any]) -> None:
        entries: dict[str, JournalEntry] = {}
        pending: list[tuple[JournalEntry, str]] = []
        for e in c.get("journal", ()):
            entry = JournalEntry(**_given(
                case_id=case.id, event_date=read_date(e["event_date"]), written_at=read_utc(e.get("written_at")),
                author_user_id=self.user(e.get("author")), author_name=e["author_name"],
                author_title=e.get("author_title"), entry_type=e["entry_type"], text=e["text"], source=e.get("source"),
                owning_agency=e["owning_agency"], visibility=e.get("visibility"),
                information_category=e["information_category"]))
            self.s.add(entry)
            entries[e["id"]] = entry
            if e.get("corrects") is not None:
                pending.append((entry, e["corrects"]))
            self._count("journal_entries")
        if pending:
            self.s.flush()
            for entry, original in pending:
                entry.corrects_id = entries[original].id

    def _disclosure(self, d: dict[str, Any], case_id: int | None) -> None:
        self.s.add(Disclosure(**_given(
            case_id=case_id, person_id=self.person(d.get("person")), what=d["what"],
            recipient_agency=d["recipient_agency"], recipient_name=d.get("recipient_name"),
            legal_basis=d["legal_basis"], legal_basis_text=d.get("legal_basis_text"),
            harm_assessment=d.get("harm_assessment"), channel=d.get("channel"),
            decided_by_user_id=self.user(d.get("decided_by")), disclosed_at=read_utc(d.get("disclosed_at")))))
        self._count("disclosures")
