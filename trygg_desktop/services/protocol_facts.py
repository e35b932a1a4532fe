"""What a protocol states about consent and plan: as of the meeting, and frozen at justering.

A protocol is a legal record of one meeting: it must state the consent that was in
force on the meeting day (not today's, nor a renewal signed since) and the plan as it
stood, and it must never change once justerat. ``live`` works these facts out from
the records as of the meeting day; ``freeze`` stores them at justering as canonical
JSON in ``meeting.frozen_content``, which the content hash covers, and a justerat
protocol is printed from that copy only. Each plan row keeps the facts the recipient
filter needs (owning agency, visibility, information category), so a recipient version
of a frozen protocol is redacted exactly as a live one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import vocab
from ..domain.access import RecordFacts
from ..store.models import Action, Case, Meeting, Plan, User
from .base import consent_in_force, consent_status_now
from .documents import PlanLine
from .plans import action_record, goal_record

FROZEN_VERSION = 1


@dataclass(frozen=True, slots=True)
class ConsentStatement:
    """The consent as it stood on the meeting day."""

    status: str                                  # CONSENT_STATUSES code; "NONE": no consent registered
    revoked_at: date | None = None
    signed: tuple[tuple[str, date], ...] = ()    # (signatory role, date) signed by the meeting day
    agencies: tuple[tuple[str, str], ...] = ()   # (agency code, detail) in the consent's scope
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One printed plan line and the facts that decide who may see it: ``record`` the
    action's (or, on a line of its own, the goal's), ``goal`` the goal's, whose text the
    line repeats and which a recipient may be denied while seeing the action."""

    line: PlanLine
    record: RecordFacts
    goal: RecordFacts | None = None


@dataclass(frozen=True, slots=True)
class ProtocolFacts:
    consent: ConsentStatement | None   # None: a group meeting or anonymised review
    plan: tuple[PlanRow, ...] = ()
    plan_version: str = ""              # "gäller från …, version N"; "" when no plan applied


def live(session: Session, meeting: Meeting) -> ProtocolFacts:
    """The facts as of the meeting day, from the records."""
    case = session.get(Case, meeting.case_id) if meeting.case_id is not None else None
    if case is None or meeting.anonymised:
        return ProtocolFacts(consent=None)
    day = meeting.starts_at.date()
    rows, version = _plan(session, meeting, case, day)
    return ProtocolFacts(consent=_consent(session, case, day), plan=rows, plan_version=version)


def facts_of(session: Session, meeting: Meeting) -> ProtocolFacts:
    """What the protocol states: the frozen copy of a justerat protocol, else ``live``."""
    if meeting.frozen_content:
        return _thaw(json.loads(meeting.frozen_content))
    return live(session, meeting)


def freeze(session: Session, meeting: Meeting, *, extra: dict[str, Any] | None = None) -> None:
    """At justering: store the live facts (and ``extra``, an EST meeting's lägesbild) and hash
    the whole protocol."""
    meeting.frozen_content = _canonical({**_dump(live(session, meeting)), **(extra or {})})
    meeting.content_hash = protocol_hash(meeting)


def protocol_hash(meeting: Any) -> str:
    """SHA-256 over what the justerat protocol prints.

    Agenda and attendance always; from ``frozen_content`` on (revision 0010) also the
    frozen consent and plan and the locked next-meeting fields. A protocol approved
    before that is hashed as it was, so its printed hash still verifies."""
    content: dict[str, Any] = {
        "type": meeting.meeting_type, "starts_at": meeting.starts_at.isoformat(), "place": meeting.place,
        "attendees": [[a.name, a.function, a.organisation, a.meeting_role, a.present] for a in meeting.attendees],
        "agenda": [[i.number, i.heading, i.note, i.decision, i.owning_agency, i.visibility] for i in meeting.agenda],
    }
    frozen = getattr(meeting, "frozen_content", None)
    if frozen is not None:
        content.update(frozen=frozen, ends_at=_iso(meeting.ends_at), next_meeting_at=_iso(meeting.next_meeting_at),
                       next_meeting_place=meeting.next_meeting_place, guardians_informed=meeting.guardians_informed)
    return hashlib.sha256(_canonical(content).encode()).hexdigest()


# -- as of the meeting day ----------------------------------------------------------------------

def _consent(session: Session, case: Case, day: date) -> ConsentStatement:
    consent = consent_in_force(session, case.id, day)
    if consent is None:
        return ConsentStatement(status="NONE")
    status = consent_status_now(session, consent, day)
    signed = tuple((sig.role, sig.signed_at) for sig in consent.signatories
                   if not sig.declined and sig.signed_at is not None and sig.signed_at <= day)
    return ConsentStatement(
        status=status, revoked_at=consent.revoked_at if status == "REVOKED" else None, signed=signed,
        agencies=tuple((a["agency"], a.get("detail") or "") for a in consent.scope_agencies),
        valid_to=consent.valid_to)


def _plan(session: Session, meeting: Meeting, case: Case, day: date) -> tuple[tuple[PlanRow, ...], str]:
    """The plan made at this meeting, else the newest one in force on its day."""
    plans = list(session.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.version.desc())))
    plan = next((p for p in plans if p.created_in_meeting_id == meeting.id), None) or next(
        (p for p in plans if p.valid_from <= day), None)
    if plan is None:
        return (), ""
    goal_no = {g.id: n for n, g in enumerate(plan.goals, start=1)}
    goal_text = {g.id: f"{goal_no[g.id]}. {g.text}" for g in plan.goals}
    goal_facts = {g.id: goal_record(g) for g in plan.goals}
    users = UserNames(session)
    rows = [PlanRow(_plan_line(a, goal_text.get(a.goal_id, ""), users), action_record(a), goal_facts.get(a.goal_id))
            for a in plan.actions]
    with_actions = {a.goal_id for a in plan.actions if a.goal_id is not None}
    for g in plan.goals:  # goals without any action still belong to the plan
        if g.id not in with_actions and g.status != "STRUKET":
            rows.append(PlanRow(PlanLine(goal=goal_text[g.id], action="", responsible="", due=g.target_date,
                                         follow_up=None, status=vocab.GOAL_STATUSES.label(g.status)),
                                goal_facts[g.id]))
    return tuple(rows), f"gäller från {plan.valid_from:%Y-%m-%d}, version {plan.version}"


def _plan_line(a: Action, goal: str, users: UserNames) -> PlanLine:
    who = a.responsible_person or (users.name(a.responsible_user_id) if a.responsible_user_id else "")
    org = vocab.AGENCIES.label(a.responsible_agency)
    return PlanLine(goal=goal, action=a.description, responsible=f"{who}, {org}" if who else org,
                    due=a.due_date, follow_up=a.follow_up_date, status=vocab.ACTION_STATUSES.label(a.status))


class UserNames:
    """Display names by user id, looked up once per document."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[int, str] = {}

    def name(self, user_id: int | None) -> str:
        if user_id is None:
            return ""
        if user_id not in self._cache:
            user = self._session.get(User, user_id)
            self._cache[user_id] = (user.display_name or user.username) if user else ""
        return self._cache[user_id]


# -- the frozen form ------------------------------------------------------------------------------

def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dump(facts: ProtocolFacts) -> dict[str, Any]:
    c = facts.consent
    return {
        "v": FROZEN_VERSION,
        "consent": None if c is None else {
            "status": c.status, "revoked_at": _iso(c.revoked_at), "valid_to": _iso(c.valid_to),
            "signed": [[role, _iso(day)] for role, day in c.signed], "agencies": [list(a) for a in c.agencies]},
        "plan_version": facts.plan_version,
        "plan": [{"goal": r.line.goal, "action": r.line.action, "responsible": r.line.responsible,
                  "due": _iso(r.line.due), "follow_up": _iso(r.line.follow_up), "status": r.line.status,
                  "record": _record_dump(r.record), "goal_record": _record_dump(r.goal)}
                 for r in facts.plan],
    }


def _record_dump(record: RecordFacts | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {"owner": record.owning_agency, "visibility": record.visibility, "category": record.category}


def _record_thaw(data: dict[str, Any] | None) -> RecordFacts | None:
    if data is None:
        return None
    return RecordFacts(owning_agency=data["owner"], visibility=data["visibility"], category=data["category"])


def _thaw(data: dict[str, Any]) -> ProtocolFacts:
    c = data.get("consent")
    consent = None if c is None else ConsentStatement(
        status=c["status"], revoked_at=_day(c.get("revoked_at")), valid_to=_day(c.get("valid_to")),
        signed=tuple((role, _day(day)) for role, day in c.get("signed", ())),
        agencies=tuple((code, detail) for code, detail in c.get("agencies", ())))
    rows = tuple(PlanRow(PlanLine(goal=r["goal"], action=r["action"], responsible=r["responsible"],
                                  due=_day(r.get("due")), follow_up=_day(r.get("follow_up")), status=r["status"]),
                         _record_thaw(r.get("record")) or RecordFacts(), _record_thaw(r.get("goal_record")))
                 for r in data.get("plan", ()))
    return ProtocolFacts(consent=consent, plan=rows, plan_version=data.get("plan_version", ""))
