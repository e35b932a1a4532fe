"""The audit log: append-only (triggers in the migration) and HMAC-chained."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .utc import UtcDateTime


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_case", "case_id"),
        Index("ix_audit_event_person", "person_id"),
        Index("ix_audit_event_user_ts", "user_id", "ts"),
        # Log review reads one period of the log (migration 0005).
        Index("ix_audit_event_ts", "ts"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[datetime] = mapped_column(UtcDateTime)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(200))
    agency: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    case_id: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer)
    purpose: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    workstation: Mapped[str | None] = mapped_column(String(100))
    flags: Mapped[str | None] = mapped_column(String(200))
    mac: Mapped[str] = mapped_column(String(64))
