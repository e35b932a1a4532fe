"""Meetings, attendance, agenda items (protocol) and appended corrections."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, code
from .utc import UtcDateTime, utcnow


class Meeting(Base):
    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    meeting_type: Mapped[str] = mapped_column(code())
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # wall time (naive local), not an instant
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)  # wall time (naive local), not an instant
    place: Mapped[str | None] = mapped_column(String(300))
    chair_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    secretary_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    adjuster_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    protocol_status: Mapped[str] = mapped_column(code(), default="UTKAST")
    next_meeting_at: Mapped[datetime | None] = mapped_column(DateTime)  # wall time (naive local), not an instant
    next_meeting_place: Mapped[str | None] = mapped_column(String(300))
    guardians_informed: Mapped[str | None] = mapped_column(Text)
    justerat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    # What the justerat protocol states beyond its agenda and attendance (the consent on
    # the meeting day, the plan as it stood, next meeting), frozen as canonical JSON at
    # justering and covered by ``content_hash``; None for drafts and older protocols.
    frozen_content: Mapped[str | None] = mapped_column(Text)
    # An EST meeting (type ESTMOTE): the period of the lägesbild it discusses ("2026-W49").
    est_period: Mapped[str | None] = mapped_column(String(32))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Bumped when "next meeting" (time, place, guardians informed) is saved: an older version is
    # a conflict (0018). Agenda items carry their own version (0016).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    attendees: Mapped[list[Attendee]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Attendee.id")
    agenda: Mapped[list[AgendaItem]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AgendaItem.number")
    corrections: Mapped[list[ProtocolCorrection]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProtocolCorrection.id")


class Attendee(Base):
    __tablename__ = "meeting_attendee"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    function: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    agency_code: Mapped[str | None] = mapped_column(code())
    meeting_role: Mapped[str] = mapped_column(code(), default="DELTAGARE")
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    part_note: Mapped[str | None] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class AgendaItem(Base):
    __tablename__ = "agenda_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(Text)
    owning_agency: Mapped[str | None] = mapped_column(code())
    visibility: Mapped[str] = mapped_column(code(), default="SHARED")
    # The category of the note and decision (INFORMATION_CATEGORIES); None: no particular one.
    information_category: Mapped[str | None] = mapped_column(code())
    # Bumped on every save: a save made with an older version is a conflict (revision 0016).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ProtocolCorrection(Base):
    """Rättelse/tillägg after justering: appended, the original is kept."""

    __tablename__ = "protocol_correction"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
