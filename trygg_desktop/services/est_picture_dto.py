"""The EST lägesbild's value types (frozen DTOs): what leaves ``EstPictureService``.

Counts of incidents per area, category, period, weekday and hour, levels, the actions and
generated sentences: no description, no place text, no reporter, nothing about a person.
Charts are ``statistics_dto.Chart`` values, drawn by the same chart code as the steering
group's follow-up (``reports.charts.chart_drawing``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, datetime

from ..domain.est import Thresholds, fmt_change, fmt_number
from .est_dto import ActionDTO
from .statistics_dto import Chart, PeriodInfo

WEEKDAYS = ("Mån", "Tis", "Ons", "Tor", "Fre", "Lör", "Sön")


@dataclass(frozen=True, slots=True)
class EstCell:
    count: int
    baseline: float | None        # mean of the previous periods with data; None: none had data
    last_year: int | None         # the same period last year; None: no data then
    level: str                    # NORMAL | FORHOJD | ALLVARLIG

    @property
    def change(self) -> str:
        return fmt_change(self.count, self.baseline)

    @property
    def baseline_text(self) -> str:
        return fmt_number(self.baseline)

    @property
    def last_year_text(self) -> str:
        return "–" if self.last_year is None else str(self.last_year)

    @property
    def flagged(self) -> bool:
        return self.level != "NORMAL"


@dataclass(frozen=True, slots=True)
class EstAreaRow:
    area_id: int | None           # None: the total row
    area: str
    cells: tuple[EstCell, ...]    # one per category, in ``EstPicture.categories`` order
    total: EstCell


@dataclass(frozen=True, slots=True)
class EstGrid:
    """Incidents by weekday (Monday first) and reported hour (0–23) of the period."""

    counts: tuple[tuple[int, ...], ...]     # 7 rows × 24 hours
    unknown_time: int                        # only the day known, or a window longer than 2 hours
    weekdays: tuple[str, ...] = WEEKDAYS

    @property
    def peak(self) -> int:
        return max((c for row in self.counts for c in row), default=0)


@dataclass(frozen=True, slots=True)
class EstNarrative:
    area: str
    level: str
    text: str


@dataclass(frozen=True, slots=True)
class SubcategoryCount:
    category: str
    subcategory: str              # "(ingen underkategori)" when none was given
    count: int


@dataclass(frozen=True, slots=True)
class EstMapArea:
    """One area on the hotspot map: its outline(s) in WGS 84 (longitude, latitude) and its figures."""

    area: str
    rings: tuple[tuple[tuple[float, float], ...], ...]   # the outer ring of each polygon
    count: int
    level: str                                           # NORMAL | FORHOJD | ALLVARLIG


@dataclass(frozen=True, slots=True)
class EstPicture:
    period: PeriodInfo
    baseline_periods: tuple[PeriodInfo, ...]    # the previous periods that had data (newest first)
    last_year: PeriodInfo | None                # None: no data that far back
    categories: tuple[str, ...]                 # labels of the top-level categories (the columns)
    category_codes: tuple[str, ...]
    rows: tuple[EstAreaRow, ...]                # one per area, in the areas' order
    totals: EstAreaRow                          # the total row
    subcategories: tuple[SubcategoryCount, ...]
    grid: EstGrid
    trend: tuple[Chart, ...]                    # one line chart per area (12 weeks or 12 months)
    trend_total: Chart
    actions: tuple[ActionDTO, ...]              # decided in the period
    follow_up: tuple[ActionDTO, ...]            # decided in the previous period, and older ones still open
    narratives: tuple[EstNarrative, ...]
    thresholds: Thresholds
    police_reported: int
    generated_at: datetime
    generated_by: str
    organisation: str
    notes: tuple[str, ...] = ()
    map_areas: tuple[EstMapArea, ...] = ()      # the areas that have a shape (the hotspot map); () when none
    season: tuple[Chart, ...] = ()              # a year's picture (årsanalys): per month vs last year, per category

    @property
    def total(self) -> int:
        return self.totals.total.count

    @property
    def ranking(self) -> tuple[EstAreaRow, ...]:
        """Areas by level (serious first), then by count: the hotspots."""
        order = {"ALLVARLIG": 0, "FORHOJD": 1, "NORMAL": 2}
        return tuple(sorted(self.rows, key=lambda r: (order[r.total.level], -r.total.count, r.area)))

    def row(self, area: str) -> EstAreaRow:
        for r in self.rows:
            if r.area == area:
                return r
        raise KeyError(area)

    def cell(self, area: str, category: str) -> EstCell:
        """The cell of ``area`` (or "Summa") and a category label or code."""
        row = self.totals if area == self.totals.area else self.row(area)
        names = list(self.categories)
        index = names.index(category) if category in names else list(self.category_codes).index(category)
        return row.cells[index]


def plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if is_dataclass(value):
        return {k: plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def picture_json(picture: EstPicture) -> bytes:
    """The lägesbild as UTF-8 JSON (``est report --json``): the same figures as the PDF."""
    data = plain(picture)
    data["format"] = "trygg-est-lagesbild"
    data["version"] = 1
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
