"""Journal entries (append-only corrections) and disclosures (utlämnanden)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code
from .utc import UtcDateTime, utcnow


class JournalEntry(Base):
    __tablename__ = "journal_entry"
    __table_args__ = (Index("ix_journal_entry_case_event", "case_id", "event_date"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    event_date: Mapped[date] = mapped_column(Date)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    author_name: Mapped[str] = mapped_column(String(200))
    author_title: Mapped[str | None] = mapped_column(String(200))
    entry_type: Mapped[str] = mapped_column(code())
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    owning_agency: Mapped[str] = mapped_column(code())
    visibility: Mapped[str] = mapped_column(code(), default="INTERNAL")
    information_category: Mapped[str] = mapped_column(code())
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"))


class Disclosure(Base):
    __tablename__ = "disclosure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    recipient_agency: Mapped[str] = mapped_column(code())
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    legal_basis: Mapped[str] = mapped_column(code())
    legal_basis_text: Mapped[str | None] = mapped_column(String(300))
    harm_assessment: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(100))
    decided_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    disclosed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
