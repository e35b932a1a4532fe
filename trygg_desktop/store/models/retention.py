"""Gallring: retention rules (data, editable), legal holds and the disposal log.

The disposal log outlives what it describes, so it holds metadata only: the case
reference (never a name or personnummer), the dates the rule counted from, the rule,
who approved and how many rows of each table went.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code
from .utc import UtcDateTime, utcnow


class RetentionRule(Base):
    __tablename__ = "retention_rule"
    record_type: Mapped[str] = mapped_column(code(), primary_key=True)
    years: Mapped[int] = mapped_column(Integer)
    start_event: Mapped[str] = mapped_column(code())
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    research_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LegalHold(Base):
    """A case that must not be disposed (complaint, litigation, a request for documents)."""

    __tablename__ = "legal_hold"
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class DisposalLog(Base):
    __tablename__ = "disposal_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(32), index=True)
    record_type: Mapped[str] = mapped_column(code())
    record_ref: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[date | None] = mapped_column(Date)
    last_entry: Mapped[date | None] = mapped_column(Date)
    rule_years: Mapped[int] = mapped_column(Integer)
    rule_start_event: Mapped[str] = mapped_column(code())
    due_date: Mapped[date] = mapped_column(Date)
    approved_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    executed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    counts: Mapped[str] = mapped_column(Text)  # JSON: table name → rows deleted
