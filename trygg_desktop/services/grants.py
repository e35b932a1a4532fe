"""Which emergency grants (nödåtkomst) are in force now, and the clock that says so.

Kept apart from ``services/emergency.py`` because ``services/base.py`` needs it to
build ``CaseFacts`` (and the emergency service builds on ``base``). The clock is a
module-level function so tests can move time forward (``grants.now = ...`` via
monkeypatch) and watch a grant run out without waiting four hours.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.models import EmergencyGrant, utcnow


def now() -> datetime:
    """Now, aware UTC (what ``UtcDateTime`` columns compare with)."""
    return utcnow()


def active_filter(at: datetime | None = None):
    at = at or now()
    return (EmergencyGrant.ended_at.is_(None), EmergencyGrant.expires_at > at)


def emergency_users(session: Session, case_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """case id → users holding an active grant to it (one indexed query for a page of cases)."""
    ids = list(case_ids)
    if not ids:
        return {}
    found: dict[int, set[int]] = {}
    for case_id, user_id in session.execute(select(EmergencyGrant.case_id, EmergencyGrant.user_id).where(
            EmergencyGrant.case_id.in_(ids), *active_filter())):
        found.setdefault(case_id, set()).add(user_id)
    return {case_id: frozenset(users) for case_id, users in found.items()}


def active_grant(session: Session, user_id: int, case_id: int) -> EmergencyGrant | None:
    """The user's grant to the case that is in force now (at most one exists)."""
    return session.scalar(select(EmergencyGrant).where(
        EmergencyGrant.user_id == user_id, EmergencyGrant.case_id == case_id, *active_filter())
        .order_by(EmergencyGrant.expires_at.desc()).limit(1))


def active_until(session: Session, user_id: int, case_id: int) -> datetime | None:
    grant = active_grant(session, user_id, case_id)
    return grant.expires_at if grant is not None else None
