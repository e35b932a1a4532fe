"""The EST lägesbild against hand-counted data: cells, baseline, last year, levels, trend, grid,
actions and narrative; weeks across a year boundary; DST days; access and audit."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, ValidationError
from trygg_desktop.domain.est import Thresholds
from trygg_desktop.services.est_actions import ActionInput
from trygg_desktop.services.est_incidents import IncidentInput
from trygg_desktop.store.models import AuditEvent

from ..conftest import World
from ..est_world import est_template, est_world  # noqa: F401  (fixtures)

SKADA, ORDNING = "SKADEGORELSE.KLOTTER", "ORDNINGSSTORANDE.BRAK"


def _add(world: World, day: date, area: str, category: str, at: time | None = None, until: time | None = None,
         n: int = 1, user: str = "rapp_polis") -> None:
    incidents = world.as_(user).est_incidents
    for _ in range(n):
        incidents.register(IncidentInput(category=category, area=area, occurred_on=day, time_from=at, time_to=until))


@pytest.fixture
def counted(est_world: World) -> World:
    """The hand-counted data set (see the assertions for the counts)."""
    w = est_world
    # 2026-W46 (Mon 9 – Sun 15 November): the week reported.
    _add(w, date(2026, 11, 13), "Björkdalen", SKADA, time(22, 10), n=4)           # Friday 22
    _add(w, date(2026, 11, 14), "Björkdalen", SKADA, time(1, 30))                 # Saturday 01
    _add(w, date(2026, 11, 15), "Björkdalen", SKADA)                              # day only
    _add(w, date(2026, 11, 9), "Björkdalen", ORDNING, time(15, 0), time(20, 0))  # a 5-hour window
    _add(w, date(2026, 11, 11), "Ekhagen", SKADA, time(8, 0), user="rapp_bostad")  # Wednesday 08
    _add(w, date(2026, 11, 11), "Ekhagen", "SKADEGORELSE.GLASKROSS", time(8, 30), user="rapp_bostad")
    # The four weeks before (W42–W45): Björkdalen 2 a week, Ekhagen 1 in W45.
    for monday in (date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26), date(2026, 11, 2)):
        _add(w, monday, "Björkdalen", SKADA, time(12, 0), n=2)
    _add(w, date(2026, 11, 4), "Ekhagen", SKADA)
    # The same week last year (2025-W46, 10–16 November 2025): the register's first data.
    _add(w, date(2025, 11, 10), "Björkdalen", SKADA, n=3)
    return w


def test_area_by_category_cells_against_hand_counts(counted: World) -> None:
    pic = counted.as_("trygghet").est_picture.picture("2026-W46")
    assert pic.period.code == "2026-W46" and pic.period.label == "Vecka 46 2026"
    assert [p.code for p in pic.baseline_periods] == ["2026-W45", "2026-W44", "2026-W43", "2026-W42"]
    assert pic.last_year is not None and pic.last_year.code == "2025-W46"
    assert pic.categories == ("Skadegörelse", "Otrygg samling av personer", "Ordningsstörande", "Otrygg plats",
                              "Arrangemang")
    assert [r.area for r in pic.rows] == ["Björkdalen", "Ekhagen", "Solbacka"]
    b = pic.cell("Björkdalen", "Skadegörelse")
    assert (b.count, b.baseline, b.last_year, b.level, b.change) == (6, 2.0, 3, "ALLVARLIG", "+200 %")
    o = pic.cell("Björkdalen", "ORDNINGSSTORANDE")
    assert (o.count, o.baseline, o.level, o.change) == (1, 0.0, "NORMAL", "ny")
    e = pic.cell("Ekhagen", "Skadegörelse")
    assert (e.count, e.baseline, e.last_year, e.level) == (2, 0.25, 0, "NORMAL")  # 2 < min count 3
    bt = pic.row("Björkdalen").total
    assert (bt.count, bt.baseline, bt.last_year, bt.level) == (7, 2.0, 3, "ALLVARLIG")
    assert pic.row("Solbacka").total.count == 0 and pic.row("Solbacka").total.level == "NORMAL"
    t = pic.totals.total
    assert (pic.total, t.baseline, t.last_year) == (9, 2.25, 3)
    assert [r.area for r in pic.ranking][:1] == ["Björkdalen"]
    subs = {(s.category, s.subcategory): s.count for s in pic.subcategories}
    assert subs == {("Skadegörelse", "Klotter"): 7, ("Skadegörelse", "Glaskross"): 1, ("Ordningsstörande", "Bråk"): 1}


def test_thresholds_are_configurable(counted: World) -> None:
    strict = counted.as_("trygghet").est_picture.picture("2026-W46", thresholds=Thresholds(2, 10, 1000))
    assert strict.cell("Björkdalen", "Skadegörelse").level == "FORHOJD"     # +200 % < 1000 %
    assert strict.cell("Ekhagen", "Skadegörelse").level == "FORHOJD"        # 2 ≥ 2, +700 %
    lax = counted.as_("trygghet").est_picture.picture("2026-W46", thresholds=Thresholds(10))
    assert not any(c.flagged for r in lax.rows for c in (*r.cells, r.total))
    with pytest.raises(ValidationError):
        Thresholds(3, 100, 50)
    assert Thresholds.parse("4,60,120") == Thresholds(4, 60, 120) and Thresholds.parse("5") == Thresholds(5)


def test_the_grid_counts_the_reported_hour_and_unknown_times(counted: World) -> None:
    grid = counted.as_("rapp_polis").est_picture.picture("2026-W46").grid
    nonzero = {(grid.weekdays[d], h): n for d, row in enumerate(grid.counts) for h, n in enumerate(row) if n}
    assert nonzero == {("Fre", 22): 4, ("Lör", 1): 1, ("Ons", 8): 2}
    assert grid.unknown_time == 2  # the day-only incident and the five-hour window


def test_trend_is_twelve_weeks_per_area(counted: World) -> None:
    pic = counted.as_("trygghet").est_picture.picture("2026-W46")
    chart = next(c for c in pic.trend if c.title.startswith("Björkdalen"))
    assert chart.style == "line" and len(chart.categories) == 12
    assert chart.categories[0] == "v. 35" and chart.categories[-1] == "v. 46"
    assert chart.series[0].values == (0.0,) * 7 + (2.0, 2.0, 2.0, 2.0, 7.0)
    assert pic.trend_total.series[0].values[-2:] == (3.0, 9.0)


def test_baseline_only_counts_periods_with_data_and_last_year_only_where_it_exists(counted: World) -> None:
    pic = counted.as_("trygghet").est_picture.picture("2025-W47")
    assert [p.code for p in pic.baseline_periods] == ["2025-W46"]  # W43–W45 2025 lie before the first incident
    assert pic.last_year is None
    cell = pic.cell("Björkdalen", "Skadegörelse")
    assert (cell.count, cell.baseline, cell.last_year_text) == (0, 3.0, "–")
    assert "föregående vecka" in pic.notes[0]


def test_narrative_is_made_from_the_figures(counted: World) -> None:
    pic = counted.as_("trygghet").est_picture.picture("2026-W46")
    text = {n.area: n.text for n in pic.narratives}
    assert text["Björkdalen"].startswith("Björkdalen: 7 händelser vecka 46, +250 % mot snittet 2 under de fyra "
                                         "föregående veckorna.")
    assert "Samma period i fjol: 3 händelser." in text["Björkdalen"]
    assert "Mest skadegörelse (6) och ordningsstörande (1)." in text["Björkdalen"]
    assert "Allvarligt läge: skadegörelse." in text["Björkdalen"]
    assert "Flest händelser fredagar kl. 21–24." in text["Björkdalen"]
    assert text["Solbacka"] == "Solbacka: inga rapporterade händelser vecka 46."
    assert {n.area: n.level for n in pic.narratives}["Björkdalen"] == "ALLVARLIG"


def test_weeks_across_the_year_boundary(est_world: World) -> None:
    _add(est_world, date(2025, 12, 1), "Solbacka", SKADA, time(10, 0))   # 2025-W49: the first data
    _add(est_world, date(2025, 12, 30), "Solbacka", SKADA, time(10, 0), n=3)  # Tuesday of 2026-W01
    _add(est_world, date(2026, 1, 4), "Solbacka", SKADA, time(10, 0))    # Sunday of 2026-W01
    _add(est_world, date(2026, 1, 5), "Solbacka", SKADA, time(10, 0))    # 2026-W02
    pic = est_world.as_("trygghet").est_picture.picture("2026-W01")
    assert (pic.period.start, pic.period.end) == (date(2025, 12, 29), date(2026, 1, 4))
    assert [p.code for p in pic.baseline_periods] == ["2025-W52", "2025-W51", "2025-W50", "2025-W49"]
    cell = pic.cell("Solbacka", "Skadegörelse")
    assert (cell.count, cell.baseline, cell.level) == (4, 0.25, "ALLVARLIG")
    assert pic.grid.counts[1][10] == 3 and pic.grid.counts[6][10] == 1


def test_dst_days_keep_the_reported_hour(est_world: World) -> None:
    _add(est_world, date(2026, 3, 29), "Ekhagen", SKADA, time(2, 30))   # clocks go 02→03: 02.30 never happened
    _add(est_world, date(2026, 10, 25), "Ekhagen", SKADA, time(2, 30))  # clocks go 03→02: 02.30 happened twice
    _add(est_world, date(2026, 10, 25), "Ekhagen", SKADA, time(3, 30))
    spring = est_world.as_("trygghet").est_picture.picture("2026-W13").grid
    autumn = est_world.as_("trygghet").est_picture.picture("2026-W43").grid
    assert spring.counts[6][2] == 1 and sum(map(sum, spring.counts)) == 1
    assert autumn.counts[6][2] == 1 and autumn.counts[6][3] == 1


def test_actions_decided_and_the_follow_up_of_last_period(counted: World) -> None:
    actions = counted.as_("trygghet").est_actions
    now = actions.create(ActionInput("Förstärkt fältarbete fredag 20–24", "FRITID", date(2026, 11, 10),
                                     area="Björkdalen", place="Björkdalens torg", due_on=date(2026, 11, 14)))
    last = actions.create(ActionInput("Sanering av klotter inom 24 h", "BOSTAD", date(2026, 11, 3), area="Björkdalen"))
    old_open = actions.create(ActionInput("Bättre belysning i gångtunneln", "SOC", date(2026, 10, 1), area="Solbacka",
                                          due_on=date(2026, 10, 30)))
    old_done = actions.create(ActionInput("Möte med fastighetsägare", "SOC", date(2026, 10, 1)))
    counted.as_("rapp_bostad").est_actions.set_status(last.id, "GENOMFORD", note="Sanerat 4/11")
    actions.set_status(old_done.id, "GENOMFORD")
    with pytest.raises(AccessDenied):
        counted.as_("rapp_polis").est_actions.set_status(last.id, "EJ_GENOMFORD")
    pic = counted.as_("rapp_polis").est_picture.picture("2026-W46")
    assert [a.id for a in pic.actions] == [now.id]
    assert pic.actions[0].agency_label == "Fritid" and pic.actions[0].area_name == "Björkdalen"
    assert pic.actions[0].overdue, "due on the 14th, still planned on the 22nd"
    assert [a.id for a in pic.follow_up] == [old_open.id, last.id]
    done = pic.follow_up[1]
    assert (done.status_label, done.follow_up_note) == ("Genomförd", "Sanerat 4/11")


def test_access_audit_and_no_personal_data_in_the_picture(counted: World) -> None:
    with pytest.raises(AccessDenied):
        counted.as_("samordnare").est_picture.picture("2026-W46")
    with pytest.raises(AccessDenied):
        counted.as_("styrgrupp").est_picture.picture("2026-W46")
    reporter = counted.as_("rapp_bostad").est_picture
    pic = reporter.picture("2026-W46")
    reporter.record_output(pic, "PRINT")
    with pytest.raises(AccessDenied):
        reporter.export_json(pic)
    data = json.loads(counted.as_("trygghet").est_picture.export_json(pic))
    assert data["format"] == "trygg-est-lagesbild" and data["period"]["code"] == "2026-W46"
    assert data["rows"][0]["cells"][0]["count"] == 6
    with counted.db.session() as s:
        events = [(e.username, e.action) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action.in_(("EST_REPORT", "EST_PRINT", "EST_EXPORT", "ACCESS_DENIED"))).order_by(AuditEvent.seq))]
    assert events == [("samordnare", "ACCESS_DENIED"), ("styrgrupp", "ACCESS_DENIED"), ("rapp_bostad", "EST_REPORT"),
                      ("rapp_bostad", "EST_PRINT"), ("rapp_bostad", "ACCESS_DENIED"), ("trygghet", "EST_EXPORT")]
    with pytest.raises(ValidationError):
        counted.as_("trygghet").est_picture.picture("2026-W49")  # has not begun on 22 November
    with pytest.raises(ValidationError):
        counted.as_("trygghet").est_picture.picture("2026-01-01..2026-02-01")


def test_month_tertial_and_year_pictures(counted: World) -> None:
    pic = counted.as_("trygghet").est_picture
    month = pic.picture("2026-11")
    assert month.total == 9 + 2 + 1 and [p.code for p in month.baseline_periods] == ["2026-10", "2026-09",
                                                                                   "2026-08", "2026-07"]
    assert month.cell("Björkdalen", "Skadegörelse").baseline == 6 / 4  # the three October Mondays × 2
    assert month.last_year is None, "November 2025 began before the first incident (the 10th)"
    assert month.notes[0] == "Perioden pågår: siffrorna gäller till och med 2026-11-22."
    assert len(month.trend_total.categories) == 12 and month.trend_total.categories[-1] == "nov 2026"
    year = pic.picture("2026")
    assert year.total == 18 and year.trend_total.categories[0] == "jan 2026"
    assert year.baseline_periods == () and "Inga tidigare perioder" in year.notes[1]
    assert year.last_year is None  # 2025 starts before the first incident (10 November 2025)
    assert pic.picture("2026-T3").total == 18
