"""Organisation: database metadata, agencies, units and user accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, code
from .utc import UtcDateTime, utcnow


class Meta(Base):
    """Key/value facts about this database: its uuid (bound into the key file), the
    audit HMAC key, the audit head. Lives inside the encrypted file."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Agency(Base):
    __tablename__ = "agency"
    code: Mapped[str] = mapped_column(code(), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Unit(Base):
    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    case_kind: Mapped[str | None] = mapped_column(code())
    area: Mapped[str | None] = mapped_column(String(200))
    agency_code: Mapped[str] = mapped_column(ForeignKey("agency.code"))


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    agency_code: Mapped[str] = mapped_column(ForeignKey("agency.code"))
    slot_id: Mapped[str] = mapped_column(String(32), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    units: Mapped[list[UserUnit]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class UserRole(Base):
    __tablename__ = "user_role"
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(code(), primary_key=True)


class UserUnit(Base):
    __tablename__ = "user_unit"
    __table_args__ = (UniqueConstraint("user_id", "unit_id"),)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)


class ServerCredential(Base):
    """Server mode only: the Argon2id verifier of an account's password, by its ``slot_id``
    (the embedded database keeps a key-file slot instead and never writes here)."""

    __tablename__ = "server_credential"
    slot_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary(16))
    verifier: Mapped[bytes] = mapped_column(LargeBinary(32))
    memory_kib: Mapped[int] = mapped_column(Integer)
    iterations: Mapped[int] = mapped_column(Integer)
    lanes: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
