"""Emergency access grants (nödåtkomst, break-the-glass; DOMAIN.md 6.6).

A grant lets one user READ one case of their own agency that they are not
connected to, for a short time, after giving a reason. The free-text reason
lives here, inside the encrypted database, and not in the audit log: audit
details hold ids and codes only (the reason may well name people), while the
log review reaches the reason through the grant id in the EMERGENCY_ACCESS event.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code
from .utc import UtcDateTime, utcnow


class EmergencyGrant(Base):
    __tablename__ = "emergency_grant"
    __table_args__ = (Index("ix_emergency_grant_user_case", "user_id", "case_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    purpose: Mapped[str] = mapped_column(code())
    reason: Mapped[str] = mapped_column(Text)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # logout/lock, or ended by hand
