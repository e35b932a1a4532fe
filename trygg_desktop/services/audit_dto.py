"""Frozen results about the audit log and emergency access: events as a reader sees them, the
candidates a user may open in an emergency, the grants and their review.

Beside ``dto`` (the case and its records); the same rule holds: never live ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AuditEventDTO:
    seq: int
    ts: datetime
    username: str | None
    role: str | None
    action: str
    entity: str | None
    entity_id: str | None
    case_id: int | None
    flags: str | None
    # For people reading the log (services/audit_names.py): the acting user's name
    # ("Anna Lind (alind)", the username snapshot if the account is gone), the case's
    # reference (for a disposed case the one its GALLRING event kept, if any), and the
    # name of the record the event is about where it has one (a case, user, unit).
    user_name: str | None = None
    case_reference: str | None = None
    case_disposed: bool = False
    record_name: str | None = None


@dataclass(frozen=True, slots=True)
class EmergencyCandidate:
    """A case found for emergency access: only what is needed to choose it."""

    case_id: int
    reference: str
    kind: str
    unit_name: str
    has_access: bool                   # already connected: emergency access is not needed
    emergency_until: datetime | None   # an active grant of this user runs until then (UTC)


@dataclass(frozen=True, slots=True)
class EmergencyGrantDTO:
    id: int
    case_id: int
    reference: str
    purpose: str
    reason: str
    granted_at: datetime
    expires_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class EmergencyReviewRow:
    """One grant as the log reviewer sees it, with the reason given."""

    grant: EmergencyGrantDTO
    user_id: int
    username: str
    display_name: str
    agency: str
