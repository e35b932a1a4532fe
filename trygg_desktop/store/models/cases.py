"""Cases of the three kinds, their references, assignments and status history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JsonList, code
from .utc import UtcDateTime, utcnow


class Case(Base):
    __tablename__ = "case_file"
    __table_args__ = (
        Index("ix_case_file_kind_status", "kind", "status"),
        Index("ix_case_file_unit_status", "unit_id", "status"),
        # The case list's count and first page from the index alone (migration 0007, bench).
        Index("ix_case_file_open_list", "closed_at", "kind", "referral_date", "unit_id", "responsible_user_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(code())
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    area: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(code())
    previous_status: Mapped[str | None] = mapped_column(code())
    responsible_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    referral_date: Mapped[date] = mapped_column(Date)
    referring_agency: Mapped[str | None] = mapped_column(code())
    referring_person: Mapped[str | None] = mapped_column(String(200))
    concerns: Mapped[list[str]] = mapped_column(JsonList, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(code(), default="NORMAL")
    orosanmalan: Mapped[str] = mapped_column(code(), default="OKANT")
    environment: Mapped[str | None] = mapped_column(code())
    follow_up_date: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[date | None] = mapped_column(Date)
    closure_reason: Mapped[str | None] = mapped_column(code())
    closure_note: Mapped[str | None] = mapped_column(Text)
    linked_case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    # Bumped by the in-place edits (follow-up date, status): an older version is a conflict (0018).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class CaseReferenceCounter(Base):
    """Last number handed out per kind and year: references are never reused."""

    __tablename__ = "case_reference_counter"
    kind: Mapped[str] = mapped_column(code(), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class CaseAssignment(Base):
    """Ties a user to a case (ärendekoppling): the basis of need-to-know access."""

    __tablename__ = "case_assignment"
    __table_args__ = (Index("ix_case_assignment_user_case", "user_id", "case_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    role_in_case: Mapped[str] = mapped_column(code())
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CaseStatusChange(Base):
    __tablename__ = "case_status_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(code())
    to_status: Mapped[str] = mapped_column(code())
    reason: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
