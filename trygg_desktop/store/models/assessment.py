"""Kartläggning, TREFAS risk levels, avhoppare threat assessments and conditions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, JsonList, code
from .utc import UtcDateTime, utcnow


class Assessment(Base):
    __tablename__ = "assessment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    owning_agency: Mapped[str] = mapped_column(code())
    visibility: Mapped[str] = mapped_column(code(), default="SHARED")
    youth_view: Mapped[str | None] = mapped_column(Text)
    guardian_view: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    items: Mapped[list[AssessmentItem]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AssessmentItem.id")


class AssessmentItem(Base):
    __tablename__ = "assessment_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(code())
    risk: Mapped[int] = mapped_column(Integer)
    protection: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    source_agency: Mapped[str] = mapped_column(code())


class RiskLevelEntry(Base):
    """TREFAS risk colour history: append-only ("polisens bedömning per <datum>")."""

    __tablename__ = "risk_level_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    level: Mapped[str] = mapped_column(code())
    assessed_on: Mapped[date] = mapped_column(Date)
    assessing_agency: Mapped[str] = mapped_column(code())
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ThreatAssessment(Base):
    """Avhoppare hotbild: restricted to the roles the access policy names."""

    __tablename__ = "threat_assessment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    assessed_by_agency: Mapped[str] = mapped_column(code())
    assessed_on: Mapped[date] = mapped_column(Date)
    level: Mapped[str] = mapped_column(code())
    summary: Mapped[str | None] = mapped_column(Text)
    review_date: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Conditions(Base):
    """The avhoppare "kontrakt": conditions, drug-test schedule and breaches."""

    __tablename__ = "conditions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    signed_at: Mapped[date | None] = mapped_column(Date)
    conditions: Mapped[list[str]] = mapped_column(JsonList, default=list)
    drug_test_schedule: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    breaches: Mapped[list[ConditionBreach]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ConditionBreach.id")


class ConditionBreach(Base):
    __tablename__ = "condition_breach"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conditions_id: Mapped[int] = mapped_column(ForeignKey("conditions.id", ondelete="CASCADE"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    breach_type: Mapped[str] = mapped_column(String(200))
    consequence: Mapped[str | None] = mapped_column(Text)


class InstrumentReference(Base):
    """A reference to an external instrument result (ESTER, SAVRY): never the instrument."""

    __tablename__ = "instrument_reference"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    instrument: Mapped[str] = mapped_column(code())
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(200))
    overall_risk: Mapped[str | None] = mapped_column(String(60))
    summary: Mapped[str | None] = mapped_column(Text)
    owning_agency: Mapped[str] = mapped_column(code())
