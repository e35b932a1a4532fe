"""EST (Effektiv samordning för trygghet): areas, places, categories, incidents and actions.

The EST register is about places and situations, never about people (DOMAIN 5.1): no
table here refers to a person or a case, and the description of an incident is checked
for personnummer before it is stored (``services.est_incidents``).

* ``est_area`` / ``est_place``: the configurable areas (with an optional GeoJSON shape,
  imported by the coordinator) and named places in them.
* ``est_category``: categories and their subcategories as data (``parent_id``); the
  defaults are seeded by migration 0013 from the categories municipalities use.
* ``est_incident``: one reported incident (händelse). ``occurred_from``/``occurred_to``
  are local wall-clock times as the reporter gave them (a time of day, not an instant:
  the weekday × hour grid counts the hour that was reported, also on a day the clocks
  change); ``occurred_on`` is the day, kept for the period queries; ``time_known`` is
  False when only the day is known.
* ``est_action``: an action decided in a lägesbild meeting (what, agency, area, due date,
  status), followed up the next period.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code
from .utc import UtcDateTime, utcnow


class EstArea(Base):
    __tablename__ = "est_area"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    municipality: Mapped[str | None] = mapped_column(String(100))
    #: A GeoJSON geometry (Polygon or MultiPolygon, WGS 84 longitude/latitude) as JSON text.
    geometry: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class EstPlace(Base):
    __tablename__ = "est_place"
    __table_args__ = (UniqueConstraint("area_id", "name", name="uq_est_place_area_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("est_area.id"))
    name: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class EstCategory(Base):
    """A category (``parent_id`` None) or a subcategory of one."""

    __tablename__ = "est_category"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("est_category.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class EstIncident(Base):
    __tablename__ = "est_incident"
    __table_args__ = (
        Index("ix_est_incident_area_day", "area_id", "occurred_on"),
        Index("ix_est_incident_dup", "occurred_on", "category_id", "area_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("est_category.id"))
    subcategory_id: Mapped[int | None] = mapped_column(ForeignKey("est_category.id"))
    area_id: Mapped[int] = mapped_column(ForeignKey("est_area.id"))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("est_place.id"))
    place_text: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    occurred_from: Mapped[datetime] = mapped_column(DateTime)  # wall time (naive local), not an instant
    occurred_to: Mapped[datetime | None] = mapped_column(DateTime)  # wall time (naive local), not an instant
    time_known: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Who reported it (an ``EST_SOURCES`` code: police, housing company, contact centre …).
    reporting_agency: Mapped[str] = mapped_column(code())
    #: The agency (``AGENCIES``) of the user who registered it: its reporters may change it.
    owning_agency: Mapped[str] = mapped_column(code())
    persons_involved: Mapped[int | None] = mapped_column(Integer)
    police_reported: Mapped[bool] = mapped_column(Boolean, default=False)
    cleaned_up_on: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    #: The import run that brought it in (None: registered in the form).
    import_batch: Mapped[str | None] = mapped_column(String(32))
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class EstAction(Base):
    __tablename__ = "est_action"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    description: Mapped[str] = mapped_column(Text)
    agency: Mapped[str] = mapped_column(code())
    area_id: Mapped[int | None] = mapped_column(ForeignKey("est_area.id"))
    place_text: Mapped[str | None] = mapped_column(String(300))
    decided_on: Mapped[date] = mapped_column(Date, index=True)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(code(), default="PLANERAD")
    follow_up_note: Mapped[str | None] = mapped_column(Text)
    # The EST meeting that decided it (its protocol lists it); None: recorded outside a meeting.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
