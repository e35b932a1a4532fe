"""Persons and guardianship."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code
from .utc import UtcDateTime, utcnow


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("pnr IS NOT NULL OR reserve_id IS NOT NULL", name="has_identifier"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pnr: Mapped[str | None] = mapped_column(String(12), unique=True)
    reserve_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date, index=True)
    legal_gender: Mapped[str] = mapped_column(code(), default="OKAND")
    protected_identity: Mapped[str] = mapped_column(code(), default="NONE")
    school: Mapped[str | None] = mapped_column(String(200))
    school_class: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Guardianship(Base):
    __tablename__ = "guardianship"
    __table_args__ = (UniqueConstraint("child_id", "guardian_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    has_custody: Mapped[bool] = mapped_column(Boolean, default=True)
    relation: Mapped[str | None] = mapped_column(String(60))
