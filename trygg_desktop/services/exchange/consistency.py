"""The checks inside an exchange file that the schema cannot express: unique
identifiers, personnummer, cross references, statuses per case kind, and the hash
of approved protocols."""

from __future__ import annotations

import re
from typing import Any

from ...domain import personnummer, vocab
from ...domain.errors import PersonnummerError
from ...store.models import AgendaItem, Attendee, Meeting
from ..protocol_facts import protocol_hash
from .common import agenda_values, attendee_values, fail, read_date, read_local

# Record kinds that only exist in one kind of case (as the services enforce).
_KIND_ONLY = {"risk_levels": "TREFAS", "threat_assessments": "AVHOPPARE", "conditions": "AVHOPPARE"}


def check_consistency(doc: dict[str, Any]) -> None:
    """Raise ``ImportFormatError`` at the first inconsistency of a schema-valid document."""
    _Consistency(doc).check()


def _unique(seen: set[Any], value: Any, path: str, problem: str) -> None:
    """Note ``value`` as seen, or fail with ``import.duplicate`` if it already was."""
    if value in seen:
        raise fail("import.duplicate", path, problem)
    seen.add(value)


def _known(ref: str | None, known: set[str], path: str, problem: str) -> None:
    """Fail with ``import.reference`` unless ``ref`` is null or among ``known``."""
    if ref is not None and ref not in known:
        raise fail("import.reference", path, problem)


class _Consistency:
    """Checks inside the file that the schema cannot express."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.units: set[str] = set()
        self.persons: set[str] = set()
        self.meetings: set[str] = set()

    def person(self, ref: str | None, path: str) -> None:
        _known(ref, self.persons, path, "names no person of the file's 'persons' list")

    def unit(self, name: str | None, path: str) -> None:
        _known(name, self.units, path, "names no unit of the file's 'units' list")

    def meeting(self, ref: str | None, path: str) -> None:
        _known(ref, self.meetings, path, "names no meeting of this file")

    def check(self) -> None:
        doc = self.doc
        for i, u in enumerate(doc["units"]):
            _unique(self.units, u["name"], f"$.units[{i}].name", "another unit has the same name")
        self._persons()
        pairs: set[tuple[str, str]] = set()
        aliases = self.aliases
        for i, g in enumerate(doc.get("guardianships", ())):
            self.person(g["child"], f"$.guardianships[{i}].child")
            self.person(g["guardian"], f"$.guardianships[{i}].guardian")
            pair = (aliases[g["child"]], aliases[g["guardian"]])
            if pair[0] == pair[1]:
                raise fail("import.reference", f"$.guardianships[{i}].guardian",
                           "a person cannot be their own guardian")
            _unique(pairs, pair, f"$.guardianships[{i}]", "the same guardianship appears twice")
        references: set[str] = set()
        for i, c in enumerate(doc["cases"]):
            _unique(references, c["reference"], f"$.cases[{i}].reference", "another case has the same reference")
        all_meetings = [(f"$.cases[{i}].meetings[{j}]", m) for i, c in enumerate(doc["cases"])
                        for j, m in enumerate(c.get("meetings", ()))]
        all_meetings += [(f"$.meetings[{j}]", m) for j, m in enumerate(doc.get("meetings", ()))]
        for path, m in all_meetings:
            _unique(self.meetings, m["id"], f"{path}.id", "another meeting of the file has the same id")
        for i, c in enumerate(doc["cases"]):
            self._case(c, f"$.cases[{i}]")
        for path, m in all_meetings:
            self._meeting(m, path, hash_complete=not self._agenda_withheld(path))
        for j, d in enumerate(doc.get("disclosures", ())):
            self.person(d.get("person"), f"$.disclosures[{j}].person")

    def _agenda_withheld(self, meeting_path: str) -> bool:
        match = re.match(r"\$\.cases\[(\d+)\]", meeting_path)
        if match is None:
            return False
        withheld = self.doc["cases"][int(match.group(1))].get("withheld") or {}
        return bool(withheld.get("agenda") or withheld.get("meetings") or withheld.get("protocol_content"))

    def _persons(self) -> None:
        pnrs: dict[str, str] = {}
        reserve: set[str] = set()
        self.aliases: dict[str, str] = {}
        for i, p in enumerate(self.doc["persons"]):
            path = f"$.persons[{i}]"
            _unique(self.persons, p["id"], f"{path}.id", "another person has the same id")
            self.aliases[p["id"]] = p["id"]
            pnr = p.get("personnummer")
            if pnr is not None:
                try:
                    parsed = personnummer.parse(pnr)
                except PersonnummerError as exc:
                    raise fail("import.personnummer", f"{path}.personnummer",
                               f"not a valid personnummer ({exc.code})", reason=exc.code) from None
                if parsed.digits != pnr:
                    raise fail("import.personnummer", f"{path}.personnummer", "must be exactly 12 digits")
                if pnr in pnrs:
                    raise fail("import.duplicate", f"{path}.personnummer",
                               "another person has the same personnummer")
                birth = p.get("birth_date")
                if birth is not None and read_date(birth) != parsed.birth_date:
                    raise fail("import.personnummer", f"{path}.birth_date",
                               "does not agree with the personnummer")
                pnrs[pnr] = p["id"]
            if p.get("reserve_id") is not None:
                _unique(reserve, p["reserve_id"], f"{path}.reserve_id", "another person has the same reserve id")
        # A reference may also be the personnummer of a listed person (ids never are 12 digits).
        self.aliases.update(pnrs)
        self.persons = set(self.aliases)

    def _case(self, c: dict[str, Any], path: str) -> None:
        kind = c["kind"]
        self.unit(c["unit"], f"{path}.unit")
        self.person(c["person"], f"{path}.person")
        statuses = vocab.CASE_STATUSES[kind]

        def status(value: str | None, where: str) -> None:
            if value is not None and value not in statuses:
                raise fail("import.schema", where, f"is not a status of a {kind} case")

        status(c["status"], f"{path}.status")
        status(c.get("previous_status"), f"{path}.previous_status")
        reason = (c.get("closure") or {}).get("reason")
        if reason is not None and reason not in vocab.CLOSURE_REASONS[kind]:
            raise fail("import.schema", f"{path}.closure.reason", f"is not a closure reason of a {kind} case")
        for j, h in enumerate(c.get("status_history", ())):
            for key in ("from_status", "to_status"):
                status(h.get(key), f"{path}.status_history[{j}].{key}")
        for key, only in _KIND_ONLY.items():
            if c.get(key) and kind != only:
                raise fail("import.schema", f"{path}.{key}", f"only {only} cases have {key.replace('_', ' ')}")
        for j, consent in enumerate(c.get("consents", ())):
            self.person(consent.get("subject"), f"{path}.consents[{j}].subject")
            for k, s in enumerate(consent.get("signatories", ())):
                self.person(s.get("person"), f"{path}.consents[{j}].signatories[{k}].person")
        goals: set[str] = set()
        versions: set[int] = set()
        for j, plan in enumerate(c.get("plans", ())):
            _unique(versions, plan["version"], f"{path}.plans[{j}].version", "another plan has the same version")
            self.meeting(plan.get("meeting"), f"{path}.plans[{j}].meeting")
            for k, g in enumerate(plan.get("goals", ())):
                _unique(goals, g["id"], f"{path}.plans[{j}].goals[{k}].id", "another goal of the case has the same id")
        for j, plan in enumerate(c.get("plans", ())):
            for k, a in enumerate(plan.get("actions", ())):
                apath = f"{path}.plans[{j}].actions[{k}]"
                _known(a.get("goal"), goals, f"{apath}.goal", "names no goal of this case")
                self.meeting(a.get("created_in_meeting"), f"{apath}.created_in_meeting")
                self.meeting(a.get("closed_in_meeting"), f"{apath}.closed_in_meeting")
        entries: set[str] = set()
        for j, e in enumerate(c.get("journal", ())):
            if e["id"] in entries:  # checked before "corrects", which must name an earlier entry
                raise fail("import.duplicate", f"{path}.journal[{j}].id", "another entry of the case has the same id")
            _known(e.get("corrects"), entries, f"{path}.journal[{j}].corrects",
                   "names no earlier journal entry of this case")
            entries.add(e["id"])
        for j, d in enumerate(c.get("disclosures", ())):
            self.person(d.get("person"), f"{path}.disclosures[{j}].person")
        if c.get("linked_case") == c["reference"]:
            raise fail("import.reference", f"{path}.linked_case", "a case cannot be linked to itself")

    def _meeting(self, m: dict[str, Any], path: str, *, hash_complete: bool) -> None:
        self.unit(m.get("unit"), f"{path}.unit")
        numbers: set[int] = set()
        for k, item in enumerate(m.get("agenda", ())):
            _unique(numbers, item["number"], f"{path}.agenda[{k}].number", "another item has the same number")
        for k, a in enumerate(m.get("attendees", ())):
            self.person(a.get("person"), f"{path}.attendees[{k}].person")
        if m.get("protocol_status") == "JUSTERAT" and not m.get("content_hash"):
            raise fail("import.integrity", f"{path}.content_hash", "an approved protocol needs its content hash")
        if hash_complete and m.get("protocol_status") == "JUSTERAT":
            if _meeting_hash(m) != m["content_hash"]:
                raise fail("import.integrity", f"{path}.content_hash",
                           "the approved protocol's content does not match its hash")


def _meeting_hash(m: dict[str, Any]) -> str:
    """``protocol_hash`` of the meeting as the file describes it (a transient ORM object)."""
    meeting = Meeting(meeting_type=m["type"], starts_at=read_local(m["starts_at"]), place=m.get("place"),
                      ends_at=read_local(m.get("ends_at")), next_meeting_at=read_local(m.get("next_meeting_at")),
                      next_meeting_place=m.get("next_meeting_place"), guardians_informed=m.get("guardians_informed"),
                      frozen_content=m.get("frozen_content"))
    meeting.attendees = [Attendee(**attendee_values(a)) for a in m.get("attendees", ())]
    meeting.agenda = [AgendaItem(**agenda_values(i)) for i in sorted(m.get("agenda", ()), key=lambda i: i["number"])]
    return protocol_hash(meeting)
