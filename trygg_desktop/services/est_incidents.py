"""EST incidents (händelser): register, correct, check and list (DOMAIN 5.2).

Validation (Swedish messages, stable codes) refuses a description or place text that looks
like a personnummer (``domain.personnummer.looks_like_personnummer``, the same test group
meetings use) and any control or bidi character (``domain.text``). Two things only warn:

* ``est.duplicate``: an incident of the same category on the same day at the same place
  (named place, or the same place text, in the same area) is already registered;
* ``est.description_name``: the text reads like a person's name, or holds the first and
  last name of someone in the person register; one and the same message, which never says
  who or whether the register was the reason.

Times are local wall-clock times as reported (``store.models.est``). A time window may run
past midnight (22.00–02.00) but not longer than 24 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.access_aggregates import est_owner
from ..domain.errors import NotFound
from ..store.models import EstIncident
from .base import Tx, changes
from .est_common import (AGENCY_SOURCE, MAX_DESCRIPTION, MAX_PLACE, EstBase, Lookup, bad, check_free_text,
                         incident_dto, name_warning)
from .est_dto import EstWarning, IncidentDTO
from ..domain.topics import Topic

EARLIEST = date(2000, 1, 1)
MAX_PERSONS = 10_000


@dataclass(frozen=True, slots=True)
class IncidentInput:
    category: str                       # category code or label, or a subcategory's (then both are set)
    area: int | str                     # area id, code or name
    occurred_on: date
    subcategory: str | None = None
    place: str | None = None            # a named place of the area, else free place text
    time_from: time | None = None       # None: only the day is known
    time_to: time | None = None         # end of a time window (may be after midnight)
    reporting_agency: str | None = None  # EST_SOURCES; None: the user's own agency
    persons_involved: int | None = None  # an estimate
    police_reported: bool = False
    cleaned_up_on: date | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def normalise(inp: IncidentInput, lookup: Lookup, today: date, actor_agency: str) -> dict:
    """The incident's column values, or ValidationError (Swedish) on the first problem."""
    if inp.subcategory:
        category = lookup.category(inp.category)
        sub = lookup.category(inp.subcategory, parent=category)
    else:
        category, sub = lookup.any_category(inp.category)
    area = lookup.area(inp.area)
    day = inp.occurred_on
    if isinstance(day, datetime) or not isinstance(day, date):
        raise bad("Datum saknas eller är ogiltigt", "est.date")
    if day > today:
        raise bad(f"Datumet {day.isoformat()} ligger i framtiden", "est.date_future")
    if day < EARLIEST:
        raise bad(f"Datumet {day.isoformat()} är för gammalt", "est.date")
    start = datetime.combine(day, inp.time_from or time(0, 0))
    end = None
    if inp.time_to is not None:
        if inp.time_from is None:
            raise bad("Ett tidsfönster behöver en starttid", "est.time")
        end = datetime.combine(day, inp.time_to)
        if end <= start:
            end += timedelta(days=1)  # past midnight: 22.00–02.00
    place_text = check_free_text(inp.place, "Plats", limit=MAX_PLACE, one_line=True)
    place = lookup.place(area, place_text)
    source = inp.reporting_agency or AGENCY_SOURCE.get(actor_agency, "OTHER")
    if source not in vocab.EST_SOURCES:
        raise bad(f"Okänd rapporterande aktör {str(source)[:40]!r}", "est.source")
    persons = inp.persons_involved
    if persons is not None and (isinstance(persons, bool) or not isinstance(persons, int)
                                or not 0 <= persons <= MAX_PERSONS):
        raise bad(f"Antal personer ska vara ett heltal 0–{MAX_PERSONS}", "est.persons")
    cleaned = inp.cleaned_up_on
    if cleaned is not None and (cleaned < day or cleaned > today):
        raise bad("Sanerad-datumet ska ligga mellan händelsen och i dag", "est.cleaned")
    lat, lon = inp.latitude, inp.longitude
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
        raise bad("Koordinaterna ska vara latitud −90…90 och longitud −180…180, båda eller ingen", "est.coords")
    description = check_free_text(inp.description, "Beskrivning", limit=MAX_DESCRIPTION)
    return dict(category_id=category.id, subcategory_id=sub.id if sub else None, area_id=area.id,
                place_id=place.id if place else None, place_text=None if place else place_text,
                latitude=lat, longitude=lon, occurred_on=day, occurred_from=start, occurred_to=end,
                time_known=inp.time_from is not None, reporting_agency=source, persons_involved=persons,
                police_reported=bool(inp.police_reported), cleaned_up_on=cleaned, description=description)


def duplicate_key(values: dict) -> tuple:
    place = values["place_id"] or (values["place_text"] or "").strip().lower() or None
    return (values["occurred_on"], values["category_id"], values.get("subcategory_id"), values["area_id"], place)


def duplicates(tx: Tx, values: dict, exclude_id: int | None = None) -> int:
    stmt = select(EstIncident.place_id, EstIncident.place_text, EstIncident.subcategory_id, EstIncident.id).where(
        EstIncident.occurred_on == values["occurred_on"], EstIncident.category_id == values["category_id"],
        EstIncident.area_id == values["area_id"])
    key = duplicate_key(values)
    return sum(1 for place_id, text, sub, ident in tx.session.execute(stmt)
               if ident != exclude_id and duplicate_key(
                   {**values, "place_id": place_id, "place_text": text, "subcategory_id": sub}) == key)


def duplicate_warning(count: int) -> EstWarning | None:
    if not count:
        return None
    what = "en händelse" if count == 1 else f"{count} händelser"
    return EstWarning("est.duplicate", f"Det finns redan {what} i samma kategori på samma plats samma dag – "
                                       "kontrollera att det inte är en dubblett.")


class EstIncidentService(EstBase):

    def check(self, inp: IncidentInput, *, incident_id: int | None = None) -> tuple[EstWarning, ...]:
        """The warnings saving ``inp`` would give (for the form, before saving); validation
        errors are raised as when saving. Nothing is written but the refusal of a user
        without the capability."""
        with self.tx() as tx:
            self._require(tx, Act.CREATE if incident_id is None else Act.UPDATE, Rec.EST_INCIDENT)
            lookup = Lookup.load(tx.session)
            values = normalise(inp, lookup, tx.today, self.actor.agency)
            return self._warnings(tx, lookup, values, incident_id)

    @changes(Topic.EST)
    def register(self, inp: IncidentInput) -> IncidentDTO:
        with self.tx() as tx:
            self._require(tx, Act.CREATE, Rec.EST_INCIDENT)
            lookup = Lookup.load(tx.session)
            values = normalise(inp, lookup, tx.today, self.actor.agency)
            warnings = self._warnings(tx, lookup, values, None)
            row = EstIncident(**values, owning_agency=self.actor.agency, created_by_user_id=self.actor.user_id,
                              version=1)
            tx.session.add(row)
            tx.session.flush()
            tx.audit("EST_INCIDENT_CREATE", entity="est_incident", entity_id=row.id,
                     detail=_detail(values, warnings))
            return incident_dto(row, lookup, warnings)

    @changes(Topic.EST)
    def update(self, incident_id: int, inp: IncidentInput, *, expected_version: int) -> IncidentDTO:
        """Correct an incident; ``expected_version`` is the version the user edited (optimistic
        concurrency: a change by someone else in between is refused, never overwritten)."""
        with self.tx() as tx:
            self._require(tx, Act.UPDATE, Rec.EST_INCIDENT)
            row = tx.session.get(EstIncident, incident_id, with_for_update=True)  # the version check reads it locked
            if row is None:
                raise NotFound("Händelsen finns inte", code="est_incident.not_found")
            self._require(tx, Act.UPDATE, Rec.EST_INCIDENT, row.owning_agency)
            if row.version != expected_version:
                raise bad("Händelsen har ändrats av någon annan sedan du öppnade den – öppna den igen",
                          "est.conflict")
            lookup = Lookup.load(tx.session)
            values = normalise(inp, lookup, tx.today, row.owning_agency)
            if inp.reporting_agency is None:
                values["reporting_agency"] = row.reporting_agency
            warnings = self._warnings(tx, lookup, values, row.id)
            for key, value in values.items():
                setattr(row, key, value)
            row.version += 1
            tx.session.flush()
            tx.audit("EST_INCIDENT_UPDATE", entity="est_incident", entity_id=row.id,
                     detail=_detail(values, warnings))
            return incident_dto(row, lookup, warnings)

    def get(self, incident_id: int) -> IncidentDTO:
        with self.tx() as tx:
            self._require(tx, Act.READ, Rec.EST_INCIDENT)
            row = tx.session.get(EstIncident, incident_id)
            if row is None:
                raise NotFound("Händelsen finns inte", code="est_incident.not_found")
            self._require(tx, Act.READ, Rec.EST_INCIDENT, row.owning_agency)
            tx.audit("EST_INCIDENT_READ", entity="est_incident", entity_id=row.id)
            return incident_dto(row, Lookup.load(tx.session))

    def list(self, start: date, end: date, *, area: int | str | None = None,
             limit: int = 500) -> tuple[tuple[IncidentDTO, ...], int]:
        """Incidents from ``start`` to ``end`` (both included), newest first, at most ``limit``,
        and how many there are: every agency's for the coordinator, a reporter's own agency's
        otherwise (the joint picture is the lägesbild, not the single reports)."""
        with self.tx() as tx:
            self._require(tx, Act.READ, Rec.EST_INCIDENT)
            lookup = Lookup.load(tx.session)
            where = [EstIncident.occurred_on >= start, EstIncident.occurred_on <= end]
            if area is not None:
                where.append(EstIncident.area_id == lookup.area(area).id)
            if not est_owner(self.actor):
                where.append(EstIncident.owning_agency == self.actor.agency)
            total = tx.session.scalar(select(func.count()).select_from(EstIncident).where(*where)) or 0
            rows = list(tx.session.scalars(select(EstIncident).where(*where).order_by(
                EstIncident.occurred_from.desc(), EstIncident.id.desc()).limit(max(1, min(limit, 10_000)))))
            tx.audit("EST_INCIDENT_READ", entity="est_incident",
                     detail={"from": start.isoformat(), "to": end.isoformat(), "shown": len(rows), "total": total,
                             "own_agency_only": not est_owner(self.actor)})
            return tuple(incident_dto(r, lookup) for r in rows), total

    def defaults(self) -> IncidentInput:
        """The form's defaults: today and my agency (the category and area the user picks)."""
        return IncidentInput(category="", area="", occurred_on=self.today,
                             reporting_agency=AGENCY_SOURCE.get(self.actor.agency, "OTHER"))

    @staticmethod
    def _warnings(tx: Tx, lookup: Lookup, values: dict, exclude_id: int | None) -> tuple[EstWarning, ...]:
        found = [duplicate_warning(duplicates(tx, values, exclude_id)),
                 name_warning(tx.session, lookup, values["description"], values["place_text"])]
        return tuple(w for w in found if w is not None)


def _detail(values: dict, warnings: tuple[EstWarning, ...]) -> dict:
    """What the audit event says: codes and ids, never the description or the place text."""
    return {"day": values["occurred_on"].isoformat(), "category_id": values["category_id"],
            "area_id": values["area_id"], "warnings": [w.code for w in warnings]}


__all__ = ["EstIncidentService", "IncidentInput", "normalise"]
