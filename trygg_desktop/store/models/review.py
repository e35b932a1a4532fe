"""Signed-off log reviews (loggkontroll, DOMAIN.md §6.6; SECURITY.md R20, R21).

Each row records who reviewed which period, what they concluded, and the audit
chain head (seq, mac) at sign-off. The same head goes to the sidecar anchor list
outside the database: a database rolled back to an older copy, or a truncated
log, no longer reaches that head. The row itself is not part of the chain; the
sign-off is also an audit event (AUDIT_REVIEW_SIGNED), and the head anchored is
the mac of that very event.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .utc import UtcDateTime, utcnow


class AuditReview(Base):
    __tablename__ = "audit_review"
    __table_args__ = (Index("ix_audit_review_period", "period_start", "period_end"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reviewer_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    period_start: Mapped[datetime] = mapped_column(UtcDateTime)
    period_end: Mapped[datetime] = mapped_column(UtcDateTime)
    comment: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    head_seq: Mapped[int] = mapped_column(Integer)
    head_mac: Mapped[str] = mapped_column(String(64))
    flagged_count: Mapped[int] = mapped_column(Integer, default=0)
    report_sha256: Mapped[str] = mapped_column(String(64))

