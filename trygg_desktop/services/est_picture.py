"""The EST lägesbild: the weekly (monthly, tertial, yearly) joint picture of incidents by area.

``EstPictureService(db, actor).picture("2026-W10", thresholds=Thresholds())`` returns a frozen
:class:`~.est_picture_dto.EstPicture`: area × category counts with the change against the mean
of the previous four periods and the same period last year (``est_picture_data``), each cell's
level by the configurable thresholds (``domain.est.level``), a 12-week (or 12-month) trend per
area, a weekday × hour grid, the actions decided in the period and the follow-up of the last
period's (and older, still open) actions, and a short generated narrative per area.

**Access** (``decide_est``, ``Rec.EST_PICTURE``): the coordinator and every reporter READ it;
PRINT (the PDF) both, EXPORT (the JSON) the coordinator. Every picture, print and export is
audited (EST_REPORT, EST_PRINT, EST_EXPORT) with the period and thresholds only.

**What leaves**: counts, labels of areas and categories, the actions (what, agency, area,
dates, status) and sentences made from the counts. Never an incident's description or place
text, its reporter or anything about a person.
"""

from __future__ import annotations

import json

from sqlalchemy import or_, select

from ..domain import est as est_rules
from ..domain.access import Act, Rec
from ..domain.errors import ValidationError
from ..domain.periods import RANGE, Period
from ..store.models import EstAction, utcnow
from .est_common import EstBase, Lookup, action_dto
from .est_picture_data import Frames, first_incident_day, frames, gather, hour_grid, kind_words, trend_unit
from .est_picture_dto import (WEEKDAYS, EstAreaRow, EstCell, EstGrid, EstMapArea, EstNarrative, EstPicture,
                              SubcategoryCount, picture_json)
from .organisation import organisation_name
from .statistics_build import period_info
from .statistics_dto import Chart, ChartSeries

TITLE = "EST-lägesbild"
MARKING = "INTERN – EST-lägesbild för samverkan; innehåller inga personuppgifter"
_BLOCKS = ((0, 6, "00–06"), (6, 12, "06–12"), (12, 18, "12–18"), (18, 21, "18–21"), (21, 24, "21–24"))
_DAY_PLURAL = ("måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar", "lördagar", "söndagar")


class EstPictureService(EstBase):

    def picture(self, period: Period | str, *, thresholds: est_rules.Thresholds | None = None) -> EstPicture:
        if isinstance(period, str):
            period = Period.parse(period)
        if period.kind == RANGE:
            raise ValidationError("Lägesbilden gäller en vecka, månad, tertial eller ett år", code="est.period")
        thresholds = thresholds or est_rules.Thresholds()
        if period.start > self.today:
            raise ValidationError(f"Perioden {period.code} har inte börjat", code="period.not_started")
        with self.tx() as tx:
            self._require(tx, Act.READ, Rec.EST_PICTURE)
            picture = picture_in(tx, period, thresholds)
            tx.audit("EST_REPORT", entity="est_picture",
                     detail={"period": period.code, "thresholds": [thresholds.min_count, thresholds.elevated_pct,
                                                                   thresholds.serious_pct],
                             "areas": len(picture.rows), "incidents": picture.total})
            return picture

    def record_output(self, picture: EstPicture, kind: str = "PRINT", output: str = "pdf") -> None:
        """Log that the picture left the program: PRINT (printed or saved as PDF) or EXPORT (JSON)."""
        act = Act.PRINT if kind == "PRINT" else Act.EXPORT
        with self.tx() as tx:
            self._require(tx, act, Rec.EST_PICTURE)
            tx.audit("EST_PRINT" if act is Act.PRINT else "EST_EXPORT", entity="est_picture",
                     detail={"period": picture.period.code, "output": output},
                     flags=["EXPORT"] if act is Act.EXPORT else ())

    def export_json(self, picture: EstPicture) -> bytes:
        """The picture as JSON bytes, audited as an export (the caller writes them privately)."""
        self.record_output(picture, "EXPORT", "json")
        return picture_json(picture)


def picture_in(tx, period: Period, thresholds: est_rules.Thresholds | None = None) -> EstPicture:
    """The picture of ``period`` inside an open transaction whose access is decided (the EST
    meeting builds its agenda and its protocol's appendix from it)."""
    session = tx.session
    return _build(tx, Lookup.load(session), frames(period, first_incident_day(session)),
                  thresholds or est_rules.Thresholds(), tx.actor.display_name or tx.actor.username,
                  organisation_name(session))


def _build(tx, lookup: Lookup, f: Frames, thresholds: est_rules.Thresholds, by: str, organisation: str) -> EstPicture:
    session, today = tx.session, tx.today
    periods = [f.current, *f.baseline, *([f.last_year] if f.last_year else []), *f.trend]
    counts = gather(session, periods)
    nb = len(f.baseline)
    base_idx = list(range(1, 1 + nb))
    last_idx = 1 + nb if f.last_year else None
    trend_idx = list(range(len(periods) - len(f.trend), len(periods)))

    areas = sorted((a for a in lookup.areas.values() if a.active or counts.cells[0].get(a.id)),
                   key=lambda a: (a.sort_order, a.name))
    used = {c for frame in counts.cells for (_a, c) in frame}
    cats = sorted((c for c in lookup.categories.values() if c.parent_id is None and (c.active or c.id in used)),
                  key=lambda c: (c.sort_order, c.id))

    def cell(select_area, select_cat) -> EstCell:
        def n(i: int) -> int:
            return sum(v for (a, c), v in counts.cells[i].items() if select_area(a) and select_cat(c))
        count = n(0)
        baseline = sum(n(i) for i in base_idx) / nb if nb else None
        last = n(last_idx) if last_idx is not None else None
        return EstCell(count, baseline, last, est_rules.level(count, baseline, thresholds))

    def row(area_id, name, select_area) -> EstAreaRow:
        return EstAreaRow(area_id, name, tuple(cell(select_area, lambda c, k=cat.id: c == k) for cat in cats),
                          cell(select_area, lambda c: True))

    rows = tuple(row(a.id, a.name, lambda x, k=a.id: x == k) for a in areas)
    totals = row(None, "Summa", lambda x: True)

    subs = tuple(SubcategoryCount(lookup.categories[c].label,
                                  lookup.categories[s].label if s else "(ingen underkategori)", n)
                 for (c, s), n in sorted(counts.subcategories.items(),
                                         key=lambda kv: (lookup.categories[kv[0][0]].sort_order,
                                                         lookup.categories[kv[0][1]].sort_order if kv[0][1] else 10**6)))

    grids, unknown = hour_grid(session, f.current)
    empty = [[0] * 24 for _ in range(7)]
    grid = EstGrid(tuple(tuple(r) for r in grids.get(None, empty)), unknown.get(None, 0), WEEKDAYS)

    labels = tuple(p.short_label if p.kind != "WEEK" else f"v. {p.number}" for p in f.trend)

    def trend_chart(key: str, title: str, select_area) -> Chart:
        values = tuple(float(sum(v for (a, _c), v in counts.cells[i].items() if select_area(a))) for i in trend_idx)
        return Chart(key=key, title=title, categories=labels,
                     series=(ChartSeries("Händelser", values, tuple(str(int(v)) for v in values)),),
                     unit="händelser", style="line")

    unit = trend_unit(f.current)
    trend = tuple(trend_chart(f"trend:{a.code}", f"{a.name} – {_trend_title(unit)}", lambda x, k=a.id: x == k)
                  for a in areas)
    trend_total = trend_chart("trend:ALL", f"Alla områden – {_trend_title(unit)}", lambda x: True)

    all_areas = {a.id: a for a in lookup.areas.values()}
    actions = tuple(action_dto(r, all_areas, today) for r in session.scalars(
        select(EstAction).where(EstAction.decided_on >= f.current.start, EstAction.decided_on <= f.current.end)
        .order_by(EstAction.decided_on, EstAction.id)))
    follow = tuple(action_dto(r, all_areas, today) for r in session.scalars(
        select(EstAction).where(EstAction.decided_on < f.current.start, or_(
            EstAction.decided_on >= f.previous.start, EstAction.status.in_(("PLANERAD", "PAGAR"))))
        .order_by(EstAction.decided_on, EstAction.id)))

    singular, plural = kind_words(f.current)
    baseline_label = f"föregående {singular}" if nb == 1 else f"de {_NUMBER.get(nb, str(nb))} föregående {plural}"
    narratives = []
    for r, a in zip(rows, areas):
        top = sorted(((cats[i].label, c.count) for i, c in enumerate(r.cells) if c.count),
                     key=lambda t: (-t[1], t[0]))
        flagged = tuple((cats[i].label, c.level) for i, c in enumerate(r.cells) if c.flagged)
        facts = est_rules.NarrativeFacts(
            area=a.name, period_label=_period_words(f.current), count=r.total.count, baseline=r.total.baseline,
            baseline_label=baseline_label, last_year=r.total.last_year, top=tuple(top), flagged=flagged,
            police_reported=counts.police[0].get(a.id, 0), peak=_peak(grids.get(a.id)))
        narratives.append(EstNarrative(a.name, r.total.level, est_rules.narrative(facts)))

    notes = [
        f"Snittet är medelvärdet för {baseline_label}" + (" (perioder före den första registrerade händelsen räknas "
                                                          "inte)." if nb < 4 else ".") if nb else
        "Inga tidigare perioder har data: förändring och nivå visas inte.",
        f"Nivå: {thresholds.text}.",
        "Veckodag och timme är den tid rapportören angav; händelser med bara datum eller ett tidsfönster över "
        "två timmar räknas som okänd tid.",
        "Lägesbilden bygger på antal händelser per område och kategori och innehåller inga personuppgifter.",
    ]
    if f.current.end > today:
        notes.insert(0, f"Perioden pågår: siffrorna gäller till och med {today.isoformat()}.")
    return EstPicture(
        period=period_info(f.current, today), baseline_periods=tuple(period_info(p, today) for p in f.baseline),
        last_year=period_info(f.last_year, today) if f.last_year else None,
        categories=tuple(c.label for c in cats), category_codes=tuple(c.code for c in cats), rows=rows,
        totals=totals, subcategories=subs, grid=grid, trend=trend, trend_total=trend_total, actions=actions,
        follow_up=follow, narratives=tuple(narratives), thresholds=thresholds,
        police_reported=sum(counts.police[0].values()), generated_at=utcnow().replace(microsecond=0),
        generated_by=by, organisation=organisation, notes=tuple(notes),
        map_areas=tuple(m for m in (_map_area(a, r) for r, a in zip(rows, areas)) if m is not None),
        season=_season(session, f.current, cats, today) if f.current.kind == "YEAR" else ())


_NUMBER = {2: "två", 3: "tre", 4: "fyra"}


def _trend_title(unit: str) -> str:
    return f"de senaste 12 {unit}na"


def _period_words(period: Period) -> str:
    if period.kind == "WEEK":
        return f"vecka {period.number}"
    if period.kind == "MONTH":
        return period.label.lower()
    if period.kind == "TERTIAL":
        return f"T{period.number} {period.year}"
    return f"år {period.year}"


def _peak(grid: list[list[int]] | None) -> str | None:
    """"fredagar kl. 21–24" when one weekday's time block holds at least 3 incidents and a
    quarter of the area's incidents with a known time."""
    if not grid:
        return None
    known = sum(sum(r) for r in grid)
    best, where = 0, None
    for day in range(7):
        for lo, hi, label in _BLOCKS:
            n = sum(grid[day][lo:hi])
            if n > best:
                best, where = n, f"{_DAY_PLURAL[day]} kl. {label}"
    return where if best >= 3 and best * 4 >= known else None


__all__ = ["MARKING", "TITLE", "EstPictureService", "picture_in", "picture_json"]


def _map_area(area, row: EstAreaRow) -> EstMapArea | None:
    """The area's outline for the hotspot map (the outer ring of each polygon), or None without a shape."""
    if not area.geometry:
        return None
    geometry = json.loads(area.geometry)
    polygons = [geometry["coordinates"]] if geometry.get("type") == "Polygon" else geometry.get("coordinates", [])
    rings = tuple(tuple((float(x), float(y)) for x, y, *_ in polygon[0]) for polygon in polygons if polygon)
    return EstMapArea(area.name, rings, row.total.count, row.total.level) if rings else None


MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _season(session, year: Period, cats, today) -> tuple[Chart, ...]:
    """Årsanalys: incidents per month of the year against the year before, and per category,
    the seasonal pattern next year's priorities are set from (one grouped query for both years)."""
    months = [Period.month(year.year, m) for m in range(1, 13)] + [Period.month(year.year - 1, m) for m in range(1, 13)]
    counts = gather(session, months)
    first = first_incident_day(session)

    def total(i: int, category=None) -> float | None:
        """None for a month before the register's first incident or not yet begun: no data is not zero."""
        if first is None or months[i].end < first or months[i].start > today:
            return None
        return float(sum(n for (_a, c), n in counts.cells[i].items() if category is None or c == category))

    def series(name: str, values: list[float | None]) -> ChartSeries:
        return ChartSeries(name, tuple(values), tuple("–" if v is None else str(int(v)) for v in values))

    years = Chart("season:years", f"Händelser per månad {year.year} och {year.year - 1}", MONTHS,
                  (series(str(year.year), [total(i) for i in range(12)]),
                   series(str(year.year - 1), [total(12 + i) for i in range(12)])), unit="händelser", style="line")
    per_category = Chart("season:categories", f"Säsongsmönster per kategori {year.year}", MONTHS,
                         tuple(series(c.label, [total(i, c.id) for i in range(12)]) for c in cats
                               if any(total(i, c.id) for i in range(12))), unit="händelser", style="line")
    # (``any`` skips None and 0 alike: a category with no incident this year has no line.)
    return (years, per_category) if per_category.series else (years,)
