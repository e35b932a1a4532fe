"""Exchange export, part two: database rows as the file's records (``P1``, ``M3``, ``J2``
for the file-local ids), with a case worker's reading rights applied record by record."""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.access import Act, CaseFacts, Rec, RecordFacts, may_see_protected_details
from ...store.models import Assessment, Case, Consent, Disclosure, JournalEntry, Meeting, Person, Plan, User
from ..base import Tx
from ..meetings import item_record
from .. import protocol_facts
from ..plans import action_record, goal_record
from .common import iso_date, iso_local, iso_utc

# What a case worker's export counts as left out, per case (always all keys, zero if none).
WITHHELD_KEYS = ("consents", "assessments", "instruments", "risk_levels", "threat_assessments", "conditions",
                 "plans", "goals", "actions", "meetings", "agenda", "protocol_content", "journal", "disclosures",
                 "status_history")


class RecordWriter:
    """Turns rows into the file's records, inside the caller's transaction.

    ``facts`` is set for a single-case export by a case worker: then every record
    goes through the access policy like the case view, what the reader may not see
    is left out and counted in ``withheld``, and protected identities lose their
    contact details unless the reader may see them. The id maps are filled by the
    exporter (``export.Exporter``) before any record is written.
    """

    def __init__(self, tx: Tx, facts: CaseFacts | None) -> None:
        self.tx = tx
        self.s: Session = tx.session
        self.facts = facts
        self.users = {u.id: u.username for u in self.s.scalars(select(User))}
        self.person_ids: dict[int, str] = {}
        self.meeting_ids: dict[int, str] = {}
        self.case_refs: dict[int, str] = {}
        self.unit_names: dict[int, str] = {}
        self.children: dict[int, dict[str, list[Any]]] = {}
        self.counts: dict[str, int] = {}

    # -- access -----------------------------------------------------------------------------------
    def _allowed(self, rec: Rec, record: RecordFacts | None = None) -> bool:
        if self.facts is None:
            return True
        return self.tx.allowed(Act.READ, rec, self.facts, record)

    def _filter(self, key: str, rows: list[Any], rec: Rec,
                to_facts: Callable[[Any], RecordFacts | None] = lambda r: None,
                withheld: dict[str, int] | None = None) -> list[Any]:
        if self.facts is None:
            return rows
        if not self._allowed(rec):
            shown: list[Any] = []
        else:
            shown = [r for r in rows if self._allowed(rec, to_facts(r))]
        if withheld is not None and len(shown) != len(rows):
            withheld[key] = withheld.get(key, 0) + len(rows) - len(shown)
        return shown

    def _frozen(self, m: Meeting, withheld: dict[str, int] | None) -> str | None:
        """A justerat protocol's frozen content, only when the exporter may read every plan
        line in it; else it is left out and counted, and the importer skips the hash check."""
        if m.frozen_content is None or self.facts is None:
            return m.frozen_content
        rows = protocol_facts.facts_of(self.tx.session, m).plan
        if all(self._allowed(Rec.PLAN, r.record) for r in rows) and (not rows or self._allowed(Rec.PLAN)):
            return m.frozen_content
        if withheld is not None:
            withheld["protocol_content"] = withheld.get("protocol_content", 0) + 1
        return None

    def _user(self, user_id: int | None) -> str | None:
        return self.users.get(user_id) if user_id is not None else None

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    # -- records -------------------------------------------------------------------------------------
    def _person(self, p: Person) -> dict[str, Any]:
        hide = (self.facts is not None and p.protected_identity != "NONE"
                and not may_see_protected_details(self.tx.actor, self.facts))

        def detail(value: str | None) -> str | None:
            return None if hide else value

        return {
            "id": self.person_ids[p.id], "personnummer": p.pnr, "reserve_id": p.reserve_id,
            "first_name": p.first_name, "last_name": p.last_name, "birth_date": iso_date(p.birth_date),
            "legal_gender": p.legal_gender, "protected_identity": p.protected_identity,
            "school": detail(p.school), "school_class": detail(p.school_class), "phone": detail(p.phone),
            "email": detail(p.email), "address": detail(p.address), "postal_code": detail(p.postal_code),
            "city": detail(p.city), "created_at": iso_utc(p.created_at), "updated_at": iso_utc(p.updated_at),
        }

    def _pref(self, person_id: int | None) -> str | None:
        return self.person_ids.get(person_id) if person_id is not None else None

    def _case(self, c: Case, withheld: dict[str, int]) -> dict[str, Any]:
        ch = self.children[c.id]
        closure = None
        if c.closed_at is not None or c.closure_reason is not None or c.closure_note is not None:
            closure = {"date": iso_date(c.closed_at), "reason": c.closure_reason, "note": c.closure_note}
        out: dict[str, Any] = {
            "reference": c.reference, "kind": c.kind, "status": c.status, "previous_status": c.previous_status,
            "unit": self.unit_names[c.unit_id], "area": c.area, "person": self.person_ids[c.person_id],
            "responsible": self._user(c.responsible_user_id),
            "referral": {
                "date": iso_date(c.referral_date), "referring_agency": c.referring_agency,
                "referring_person": c.referring_person, "concerns": list(c.concerns), "description": c.description,
                "urgency": c.urgency, "orosanmalan": c.orosanmalan,
            },
            "environment": c.environment, "follow_up_date": iso_date(c.follow_up_date), "closure": closure,
            "linked_case": self.case_refs.get(c.linked_case_id) if c.linked_case_id is not None else None,
            "legal_hold": bool(c.legal_hold), "created_at": iso_utc(c.created_at),
            "updated_at": iso_utc(c.updated_at),
            "assignments": [{"user": self._user(a.user_id), "role_in_case": a.role_in_case,
                             "assigned_at": iso_utc(a.assigned_at), "ended_at": iso_utc(a.ended_at)}
                            for a in ch["assignments"] if self._user(a.user_id) is not None],
            "status_history": [{"from_status": h.from_status, "to_status": h.to_status, "reason": h.reason,
                                "changed_at": iso_utc(h.changed_at), "changed_by": self._user(h.changed_by)}
                               for h in ch["status_history"]],
            "consents": [self._consent(x) for x in ch["consents"]],
            "assessments": [self._assessment(x) for x in ch["assessments"]],
            "instruments": [{"instrument": i.instrument, "assessed_on": iso_date(i.assessed_on),
                             "assessor": i.assessor, "overall_risk": i.overall_risk, "summary": i.summary,
                             "owning_agency": i.owning_agency} for i in ch["instruments"]],
            "risk_levels": [{"level": r.level, "assessed_on": iso_date(r.assessed_on),
                             "assessing_agency": r.assessing_agency, "note": r.note,
                             "recorded_by": self._user(r.recorded_by), "recorded_at": iso_utc(r.recorded_at)}
                            for r in ch["risk_levels"]],
            "threat_assessments": [{"assessed_by_agency": t.assessed_by_agency,
                                    "assessed_on": iso_date(t.assessed_on), "level": t.level, "summary": t.summary,
                                    "review_date": iso_date(t.review_date), "recorded_by": self._user(t.recorded_by),
                                    "recorded_at": iso_utc(t.recorded_at)} for t in ch["threat_assessments"]],
            "conditions": [{"signed_at": iso_date(x.signed_at), "conditions": list(x.conditions),
                            "drug_test_schedule": x.drug_test_schedule, "created_at": iso_utc(x.created_at),
                            "breaches": [{"occurred_on": iso_date(b.occurred_on), "breach_type": b.breach_type,
                                          "consequence": b.consequence} for b in x.breaches]}
                           for x in ch["conditions"]],
            "plans": self._plans(ch["plans"], withheld),
            "meetings": [self._meeting(m, withheld) for m in ch["meetings"]],
            "journal": self._journal(ch["journal"]),
            "disclosures": [self._disclosure(d) for d in ch["disclosures"]],
        }
        if self.facts is not None:
            out["withheld"] = {k: withheld.get(k, 0) for k in WITHHELD_KEYS}
        for key in ("consents", "meetings", "journal", "disclosures", "plans"):
            self._count(key, len(out[key]))
        return out

    def _consent(self, x: Consent) -> dict[str, Any]:
        return {
            "subject": self._pref(x.subject_person_id), "purpose": x.purpose,
            "scope": {"agencies": [{"agency": a["agency"], "detail": a.get("detail")} for a in x.scope_agencies],
                      "information": list(x.scope_information)},
            "valid_from": iso_date(x.valid_from), "valid_to": iso_date(x.valid_to),
            "joint_custody": bool(x.joint_custody), "single_guardian_exception": x.single_guardian_exception,
            "youth_opinion": x.youth_opinion, "status": x.status, "revoked_at": iso_date(x.revoked_at),
            "revoked_by": self._user(x.revoked_by_user_id), "revocation_channel": x.revocation_channel,
            "revocation_note": x.revocation_note, "version": x.version, "created_at": iso_utc(x.created_at),
            "signatories": [{"role": sg.role, "person": self._pref(sg.person_id), "signed_at": iso_date(sg.signed_at),
                             "method": sg.method, "declined": bool(sg.declined),
                             "recorded_by": self._user(sg.recorded_by_user_id)} for sg in x.signatories],
        }

    def _assessment(self, a: Assessment) -> dict[str, Any]:
        return {
            "assessed_on": iso_date(a.assessed_on), "author": self._user(a.author_user_id),
            "owning_agency": a.owning_agency, "visibility": a.visibility, "youth_view": a.youth_view,
            "guardian_view": a.guardian_view, "note": a.note, "created_at": iso_utc(a.created_at),
            "items": [{"domain": i.domain, "risk": i.risk, "protection": i.protection, "note": i.note,
                       "source_agency": i.source_agency} for i in a.items],
        }

    def _plans(self, plans: list[Plan], withheld: dict[str, int]) -> list[dict[str, Any]]:
        goal_ids: dict[int, str] = {}
        for plan in plans:
            for g in plan.goals:
                goal_ids[g.id] = f"G{len(goal_ids) + 1}"
        out = []
        for plan in plans:
            actions = self._filter("actions", list(plan.actions), Rec.PLAN, action_record, withheld)
            goals = self._filter("goals", list(plan.goals), Rec.PLAN, goal_record, withheld)
            out.append({
                "version": plan.version, "valid_from": iso_date(plan.valid_from),
                "meeting": self.meeting_ids.get(plan.created_in_meeting_id), "created_by": self._user(plan.created_by),
                "created_at": iso_utc(plan.created_at),
                "goals": [{"id": goal_ids[g.id], "text": g.text, "area": g.area, "indicator": g.indicator,
                           "baseline": g.baseline, "target": g.target, "target_date": iso_date(g.target_date),
                           "status": g.status, "information_category": g.information_category} for g in goals],
                "actions": [{
                    "goal": goal_ids.get(a.goal_id) if a.goal_id in {g.id for g in goals} else None,
                    "description": a.description, "action_type": a.action_type, "measure_type": a.measure_type,
                    "support_area": a.support_area, "responsible_agency": a.responsible_agency,
                    "responsible_person": a.responsible_person, "responsible_user": self._user(a.responsible_user_id),
                    "due_date": iso_date(a.due_date), "status": a.status, "status_reason": a.status_reason,
                    "follow_up_date": iso_date(a.follow_up_date), "outcome": a.outcome,
                    "created_in_meeting": self.meeting_ids.get(a.created_in_meeting_id),
                    "closed_in_meeting": self.meeting_ids.get(a.closed_in_meeting_id),
                    "information_category": a.information_category,
                } for a in actions],
            })
            self._count("actions", len(actions))
        return out

    def _meeting(self, m: Meeting, withheld: dict[str, int] | None = None) -> dict[str, Any]:
        agenda = self._filter("agenda", list(m.agenda), Rec.PROTOCOL, item_record, withheld)
        return {
            "id": self.meeting_ids[m.id], "type": m.meeting_type,
            "unit": self.unit_names.get(m.unit_id) if m.unit_id is not None else None,
            "starts_at": iso_local(m.starts_at), "ends_at": iso_local(m.ends_at), "place": m.place,
            "chair": self._user(m.chair_user_id), "secretary": self._user(m.secretary_user_id),
            "adjuster": self._user(m.adjuster_user_id), "anonymised": bool(m.anonymised),
            "protocol_status": m.protocol_status, "next_meeting_at": iso_local(m.next_meeting_at),
            "next_meeting_place": m.next_meeting_place, "guardians_informed": m.guardians_informed,
            "justerat_at": iso_utc(m.justerat_at), "content_hash": m.content_hash,
            "frozen_content": self._frozen(m, withheld),
            "created_by": self._user(m.created_by), "created_at": iso_utc(m.created_at),
            "attendees": [{"name": a.name, "function": a.function, "organisation": a.organisation,
                           "agency": a.agency_code, "meeting_role": a.meeting_role, "present": bool(a.present),
                           "part_note": a.part_note, "person": self._pref(a.person_id), "user": self._user(a.user_id)}
                          for a in m.attendees],
            "agenda": [{"number": i.number, "heading": i.heading, "note": i.note, "decision": i.decision,
                        "owning_agency": i.owning_agency, "visibility": i.visibility,
                        "information_category": i.information_category} for i in agenda],
            "corrections": [{"text": x.text, "author": self._user(x.author_user_id),
                             "created_at": iso_utc(x.created_at)} for x in m.corrections],
        }

    def _journal(self, entries: list[JournalEntry]) -> list[dict[str, Any]]:
        ids = {e.id: f"J{n}" for n, e in enumerate(entries, start=1)}
        return [{
            "id": ids[e.id], "event_date": iso_date(e.event_date), "written_at": iso_utc(e.written_at),
            "author": self._user(e.author_user_id), "author_name": e.author_name, "author_title": e.author_title,
            "entry_type": e.entry_type, "text": e.text, "source": e.source, "owning_agency": e.owning_agency,
            "visibility": e.visibility, "information_category": e.information_category,
            # A correction of an entry left out of the file (withheld) cannot point at it.
            "corrects": ids.get(e.corrects_id) if e.corrects_id is not None else None,
        } for e in entries]

    def _disclosure(self, d: Disclosure) -> dict[str, Any]:
        return {
            "person": self._pref(d.person_id), "what": d.what, "recipient_agency": d.recipient_agency,
            "recipient_name": d.recipient_name, "legal_basis": d.legal_basis, "legal_basis_text": d.legal_basis_text,
            "harm_assessment": d.harm_assessment, "channel": d.channel, "decided_by": self._user(d.decided_by_user_id),
            "disclosed_at": iso_utc(d.disclosed_at),
        }
