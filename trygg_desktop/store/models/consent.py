"""Consents and their signatories (DOMAIN.md 1.4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, JsonList, code
from .utc import UtcDateTime, utcnow

if TYPE_CHECKING:
    from .people import Person


class Consent(Base):
    __tablename__ = "consent"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    subject_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    purpose: Mapped[str] = mapped_column(Text)
    scope_agencies: Mapped[list[dict[str, str]]] = mapped_column(JsonList, default=list)
    scope_information: Mapped[list[str]] = mapped_column(JsonList, default=list)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    joint_custody: Mapped[bool] = mapped_column(Boolean, default=True)
    single_guardian_exception: Mapped[str | None] = mapped_column(Text)
    youth_opinion: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(code(), default="DRAFT")
    revoked_at: Mapped[date | None] = mapped_column(Date)
    revoked_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    revocation_channel: Mapped[str | None] = mapped_column(String(100))
    revocation_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    signatories: Mapped[list[ConsentSignatory]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ConsentSignatory.id")
    #: The youth the consent is about; read only (the column above is what is written). Its birth
    #: date decides which signatures are needed, so the current consent is read joined to it.
    subject: Mapped[Person] = relationship(viewonly=True)


class ConsentSignatory(Base):
    __tablename__ = "consent_signatory"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("consent.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    role: Mapped[str] = mapped_column(code())
    signed_at: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str | None] = mapped_column(code())
    declined: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
