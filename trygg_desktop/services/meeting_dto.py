"""Frozen results about meetings: the meeting with its attendees, agenda and corrections.

Beside ``dto`` (the case and its records), which a case's meeting list refers to; the same
rule holds: never live ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AttendeeDTO:
    id: int
    name: str
    function: str | None
    organisation: str | None
    agency: str | None
    meeting_role: str
    present: bool
    part_note: str | None


@dataclass(frozen=True, slots=True)
class AgendaItemDTO:
    id: int
    number: int
    heading: str
    note: str | None
    decision: str | None
    owning_agency: str | None
    visibility: str
    information_category: str | None = None
    version: int = 1               # give it back when saving: a colleague's save in between is a conflict


@dataclass(frozen=True, slots=True)
class CorrectionDTO:
    id: int
    text: str
    author_user_id: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MeetingDTO:
    id: int
    case_id: int | None
    case_reference: str | None
    unit_id: int | None
    meeting_type: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    anonymised: bool
    protocol_status: str
    chair_user_id: int | None
    secretary_user_id: int | None
    adjuster_user_id: int | None
    next_meeting_at: datetime | None
    next_meeting_place: str | None
    guardians_informed: str | None
    content_hash: str | None
    justerat_at: datetime | None = None
    attendees: tuple[AttendeeDTO, ...] = ()
    agenda: tuple[AgendaItemDTO, ...] = ()
    corrections: tuple[CorrectionDTO, ...] = ()
    hidden_items: int = 0
    # The young person of a case meeting, for lists that show it beside the reference;
    # None for group-level and anonymised meetings.
    person_name: str | None = None
    est_period: str | None = None      # an EST meeting: the period of its lägesbild ("2026-W49")
    version: int = 1                   # give it back when saving "next meeting" (conflict check)
