"""What leaves the EST services (frozen DTOs): set-up, incidents, actions, import results.

None of them can point at a person: incidents carry a place, a category, times and counts,
and the free-text description only goes back to those who may read the incident itself
(its own agency's reporters and the coordinator), never into the lägesbild.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class EstWarning:
    """Something the user should look at before or after saving; nothing was refused."""

    code: str          # est.duplicate | est.description_name
    message: str       # Swedish


@dataclass(frozen=True, slots=True)
class PlaceDTO:
    id: int
    area_id: int
    name: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class AreaDTO:
    id: int
    code: str
    name: str
    municipality: str | None
    has_shape: bool
    active: bool
    places: tuple[PlaceDTO, ...] = ()


@dataclass(frozen=True, slots=True)
class CategoryDTO:
    id: int
    code: str
    label: str
    active: bool
    subcategories: tuple["CategoryDTO", ...] = ()


@dataclass(frozen=True, slots=True)
class EstSetup:
    areas: tuple[AreaDTO, ...]
    categories: tuple[CategoryDTO, ...]

    def area(self, name_or_code: str) -> AreaDTO:
        for a in self.areas:
            if name_or_code in (a.name, a.code):
                return a
        raise KeyError(name_or_code)


@dataclass(frozen=True, slots=True)
class IncidentDTO:
    id: int
    category_code: str
    category_label: str
    subcategory_code: str | None
    subcategory_label: str | None
    area_id: int
    area_name: str
    place_id: int | None
    place: str | None                 # the named place, or the free place text
    latitude: float | None
    longitude: float | None
    occurred_on: date
    occurred_from: datetime           # local wall-clock time as reported
    occurred_to: datetime | None
    time_known: bool
    reporting_agency: str             # EST_SOURCES code
    owning_agency: str                # AGENCIES code of the registering user
    persons_involved: int | None
    police_reported: bool
    cleaned_up_on: date | None
    description: str | None
    version: int
    warnings: tuple[EstWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionDTO:
    id: int
    description: str
    agency: str
    agency_label: str
    area_id: int | None
    area_name: str | None
    place_text: str | None
    decided_on: date
    due_on: date | None
    status: str
    status_label: str
    follow_up_note: str | None
    overdue: bool
    version: int


@dataclass(frozen=True, slots=True)
class RowError:
    row: int            # the file's row number (the header is row 1)
    message: str        # Swedish, names the column and the problem


@dataclass(frozen=True, slots=True)
class ImportResult:
    batch: str
    rows: int
    created: int
    duplicates: int                      # rows that match an incident already registered (warned, imported)
    warnings: tuple[RowError, ...]       # names in the text, duplicates: imported, to look at
    seconds: float


@dataclass(frozen=True, slots=True)
class AreaImportResult:
    created: tuple[str, ...]
    updated: tuple[str, ...]
