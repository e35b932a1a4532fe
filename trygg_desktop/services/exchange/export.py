"""Exchange export, part one: what goes into the file, in which order, under which ids.

Export ids are deterministic (units by name, persons by personnummer then
reserve id, cases by reference, children in the order they were recorded), so
exporting a database, importing the file into a fresh database and exporting
that gives the same file apart from ``exported_at``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import select

from ...domain.access import Rec, RecordFacts
from ...store.models import (Assessment, Case, CaseAssignment, CaseStatusChange, Conditions, Consent, Disclosure,
                             Guardianship, InstrumentReference, JournalEntry, Meeting, Person, Plan, RiskLevelEntry,
                             ThreatAssessment, Unit)
from ..journal import journal_record
from .common import FORMAT, VERSION, iso_utc
from .export_records import RecordWriter

# The records of a case, each kind with its model and the columns it is exported in the order of.
_CHILDREN: dict[str, tuple[Any, tuple[str, ...]]] = {
    "assignments": (CaseAssignment, ("id",)),
    "status_history": (CaseStatusChange, ("id",)),
    "consents": (Consent, ("id",)),
    "assessments": (Assessment, ("id",)),
    "instruments": (InstrumentReference, ("id",)),
    "risk_levels": (RiskLevelEntry, ("id",)),
    "threat_assessments": (ThreatAssessment, ("id",)),
    "conditions": (Conditions, ("id",)),
    "plans": (Plan, ("version", "id")),
    "meetings": (Meeting, ("starts_at", "id")),
    "journal": (JournalEntry, ("id",)),
    "disclosures": (Disclosure, ("disclosed_at", "id")),
}


def _shared(_: Any) -> RecordFacts:
    return RecordFacts(None, "SHARED")


def _no_facts(_: Any) -> None:
    return None


# For a case worker's export: the kinds of record filtered by the access policy (in this
# order), each with its record kind and the facts of one record the policy decides on.
_ACCESS: dict[str, tuple[Rec, Callable[[Any], RecordFacts | None]]] = {
    "consents": (Rec.CONSENT, _no_facts),
    "assessments": (Rec.ASSESSMENT, lambda a: RecordFacts(a.owning_agency, a.visibility)),
    "instruments": (Rec.ASSESSMENT, lambda i: RecordFacts(i.owning_agency, "SHARED")),
    "risk_levels": (Rec.RISK_LEVEL, _shared),
    "threat_assessments": (Rec.THREAT_ASSESSMENT, lambda t: RecordFacts(t.assessed_by_agency, "INTERNAL")),
    "conditions": (Rec.CONDITIONS, _shared),
    "plans": (Rec.PLAN, _no_facts),
    "meetings": (Rec.MEETING, _no_facts),
    "journal": (Rec.JOURNAL, journal_record),
    "disclosures": (Rec.DISCLOSURE, _shared),
}


class Exporter(RecordWriter):
    """Builds the document inside the caller's transaction (see ``RecordWriter`` for ``facts``)."""

    def document(self, cases: list[Case], *, scope: str) -> dict[str, Any]:
        s = self.s
        cases = sorted(cases, key=lambda c: c.reference)
        self.case_refs = {c.id: c.reference for c in cases}
        whole = scope == "database"
        # Filter first: meeting and person ids are numbered over what is actually exported.
        withheld = self._select_children(cases, whole)
        group_meetings: list[Meeting] = []
        loose_disclosures: list[Disclosure] = []
        if whole:
            group_meetings = list(s.scalars(select(Meeting).where(Meeting.case_id.is_(None))
                                            .order_by(Meeting.starts_at, Meeting.id)))
            loose_disclosures = list(s.scalars(select(Disclosure).where(Disclosure.case_id.is_(None))
                                               .order_by(Disclosure.disclosed_at, Disclosure.id)))
        meetings = [m for c in cases for m in self.children[c.id]["meetings"]] + group_meetings
        self.meeting_ids = {m.id: f"M{n}" for n, m in enumerate(meetings, start=1)}
        persons, guardianships = self._select_persons(cases, whole)
        units = self._select_units(cases, whole)
        self.unit_names = {u.id: u.name for u in s.scalars(select(Unit))}

        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": iso_utc(datetime.now(timezone.utc)),
            "scope": scope,
            "units": [{"name": u.name, "agency": u.agency_code, "case_kind": u.case_kind, "area": u.area}
                      for u in units],
            "persons": [self._person(p) for p in persons],
            "guardianships": [{"child": self.person_ids[g.child_id], "guardian": self.person_ids[g.guardian_id],
                               "has_custody": bool(g.has_custody), "relation": g.relation} for g in guardianships],
            "cases": [self._case(c, withheld[c.id]) for c in cases],
            "meetings": [self._meeting(m) for m in group_meetings],
            "disclosures": [self._disclosure(d) for d in loose_disclosures],
        }
        self._count("units", len(units))
        self._count("persons", len(persons))
        self._count("cases", len(cases))
        self._count("group_meetings", len(group_meetings))
        return doc

    def _select_children(self, cases: list[Case], whole: bool) -> dict[int, dict[str, int]]:
        """Fill ``children`` with each case's records the reader may see; what was left out, per case."""
        case_ids = list(self.case_refs)

        def rows(model: Any, order: tuple[str, ...]) -> dict[int, list[Any]]:
            grouped: dict[int, list[Any]] = {}
            stmt = select(model).order_by(*(getattr(model, column) for column in order))
            if not whole:
                stmt = stmt.where(model.case_id.in_(case_ids))
            for row in self.s.scalars(stmt):
                grouped.setdefault(row.case_id, []).append(row)
            return grouped

        children = {key: rows(model, order) for key, (model, order) in _CHILDREN.items()}
        withheld: dict[int, dict[str, int]] = {c.id: {} for c in cases}
        for c in cases:
            ch = {key: grouped.get(c.id, []) for key, grouped in children.items()}
            for key, (rec, to_facts) in _ACCESS.items():
                ch[key] = self._filter(key, ch[key], rec, to_facts, withheld[c.id])
            self.children[c.id] = ch
        return withheld

    def _select_persons(self, cases: list[Case], whole: bool) -> tuple[list[Person], list[Guardianship]]:
        """Everyone (database) or everyone the cases' records name (case), numbered ``P1``, ``P2`` …"""
        s = self.s
        if whole:
            persons = list(s.scalars(select(Person)))
            guardianships = list(s.scalars(select(Guardianship)))
        else:
            wanted: set[int] = set()
            for c in cases:
                ch = self.children[c.id]
                wanted.add(c.person_id)
                for consent in ch["consents"]:
                    wanted.add(consent.subject_person_id)
                    wanted.update(sg.person_id for sg in consent.signatories if sg.person_id is not None)
                for m in ch["meetings"]:
                    wanted.update(a.person_id for a in m.attendees if a.person_id is not None)
                wanted.update(d.person_id for d in ch["disclosures"] if d.person_id is not None)
            guardianships = list(s.scalars(select(Guardianship).where(
                Guardianship.child_id.in_([c.person_id for c in cases]))))
            wanted.update(g.guardian_id for g in guardianships)
            persons = list(s.scalars(select(Person).where(Person.id.in_(wanted))))
        persons.sort(key=lambda p: (p.pnr is None, p.pnr or "", p.reserve_id or ""))
        number = {p.id: i for i, p in enumerate(persons, start=1)}
        self.person_ids = {person_id: f"P{i}" for person_id, i in number.items()}
        guardianships = [g for g in guardianships if g.child_id in number and g.guardian_id in number]
        guardianships.sort(key=lambda g: (number[g.child_id], number[g.guardian_id]))
        return persons, guardianships

    def _select_units(self, cases: list[Case], whole: bool) -> list[Unit]:
        """Every unit (database) or those of the cases and their meetings (case), by name."""
        if whole:
            return list(self.s.scalars(select(Unit).order_by(Unit.name)))
        unit_ids: set[int] = set()
        for c in cases:
            unit_ids.add(c.unit_id)
            unit_ids.update(m.unit_id for m in self.children[c.id]["meetings"] if m.unit_id is not None)
        return list(self.s.scalars(select(Unit).where(Unit.id.in_(unit_ids)).order_by(Unit.name)))
