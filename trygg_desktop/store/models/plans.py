"""Åtagandeplan: versions, goals and actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, code
from .utc import UtcDateTime, utcnow


class Plan(Base):
    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("case_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    created_in_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    goals: Mapped[list[Goal]] = relationship(cascade="all, delete-orphan", lazy="selectin", order_by="Goal.id")
    actions: Mapped[list[Action]] = relationship(cascade="all, delete-orphan", lazy="selectin", order_by="Action.id")


class Goal(Base):
    __tablename__ = "plan_goal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(code())
    indicator: Mapped[str | None] = mapped_column(String(300))
    baseline: Mapped[str | None] = mapped_column(String(200))
    target: Mapped[str | None] = mapped_column(String(200))
    target_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(code(), default="PAGAR")
    # INFORMATION_CATEGORIES code chosen by the user; None: derived (domain/information.py).
    information_category: Mapped[str | None] = mapped_column(code())


class Action(Base):
    __tablename__ = "plan_action"
    __table_args__ = (Index("ix_plan_action_user_due", "responsible_user_id", "status", "due_date"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_goal.id"))
    description: Mapped[str] = mapped_column(Text)
    action_type: Mapped[str | None] = mapped_column(code())
    measure_type: Mapped[str | None] = mapped_column(code())
    support_area: Mapped[str | None] = mapped_column(code())
    responsible_agency: Mapped[str] = mapped_column(code())
    responsible_person: Mapped[str | None] = mapped_column(String(200))
    responsible_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(code(), default="PLANERAD")
    status_reason: Mapped[str | None] = mapped_column(Text)
    follow_up_date: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)
    created_in_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    closed_in_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    information_category: Mapped[str | None] = mapped_column(code())  # None: derived
    # Bumped on every status change: a change made with an older version is a conflict (revision 0016).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
