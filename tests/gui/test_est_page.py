"""The EST page (ui/pages/est.py): the lägesbild as the PDF prints it, on real widgets and the
real service; the period list, Enter to show, the PDF logged and read back, and who gets it."""

from __future__ import annotations

import io
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from trygg_desktop.reports.charts import chart_svg
from trygg_desktop.reports.est_map import picture_map_svg
from trygg_desktop.reports.est_pdf import render_est
from trygg_desktop.services.est_incidents import IncidentInput
from trygg_desktop.services.facade import Services
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.ui import printing
from trygg_desktop.ui.main_window import MainWindow
from trygg_desktop.ui.pages.est import LEVEL_COLOURS, EstPage, default_index, recent_periods
from trygg_desktop.ui.widgets.stat_views import ChartView, GridView

from ..conftest import World
from ..est_world import est_template, est_world  # noqa: F401 - fixtures
from .conftest import screenshot


@pytest.fixture
def renderers():
    printing.install_renderers(est=render_est, chart_svg=chart_svg, est_map=picture_map_svg)
    yield


@pytest.fixture
def est_window(est_world: World, sync_executor, qtbot):  # noqa: F811 - the fixture above
    def make(username: str) -> MainWindow:
        window = MainWindow(Services(est_world.db, est_world.actors[username], today=est_world.today),
                            sync_executor, est_world.path)
        qtbot.addWidget(window)
        window.show()
        return window
    return make


@pytest.fixture
def incidents(est_world: World) -> World:  # noqa: F811
    """Week 46 2026: four damage reports in Björkdalen (two reported to the police), one in Ekhagen."""
    s = est_world.as_("trygghet")
    for day in (9, 10, 11, 14):
        s.est_incidents.register(IncidentInput(category="Skadegörelse", area="Björkdalen", occurred_on=date(2026, 11, day),
                                               time_from=time(22, 15), police_reported=day < 11))
    s.est_incidents.register(IncidentInput(category="Skadegörelse", area="Ekhagen", occurred_on=date(2026, 11, 12)))
    return est_world


def test_period_choices_default_to_the_last_week_that_has_ended() -> None:
    sunday = date(2026, 11, 22)  # the last day of week 47: the week has not ended yet
    weeks = recent_periods("WEEK", sunday)
    assert [p.code for p in weeks[:3]] == ["2026-W47", "2026-W46", "2026-W45"] and len(weeks) == 26
    assert weeks[default_index(weeks, sunday)].code == "2026-W46"
    assert weeks[default_index(weeks, date(2026, 11, 23))].code == "2026-W47"
    months = recent_periods("MONTH", sunday)
    assert months[default_index(months, sunday)].code == "2026-10"


def test_the_picture_on_screen_is_the_service_s(incidents: World, est_window, renderers) -> None:
    window = est_window("trygghet")
    assert list(window.pages) == ["est", "meetings"]
    page = window.pages["est"]
    assert isinstance(page, EstPage) and page.period.currentData() == "2026-W46"
    picture = incidents.as_("trygghet").est_picture.picture("2026-W46")
    assert page.picture is not None and page.picture.total == picture.total == 5
    assert "5" in page.summary.text() and "2" in page.summary.text()  # 2 reported to the police
    table = next(g for g in page.content.findChildren(GridView) if g.accessibleName() == "Händelser per område och kategori")
    model = table.grid_model
    texts = [[table.cell_text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]
    column = 1 + list(picture.categories).index("Skadegörelse")
    bjorkdalen = next(row for row in texts if row[0] == "Björkdalen")
    assert bjorkdalen[column].startswith("4 (")
    assert texts[-1][0] == picture.totals.area and texts[-1][-1].startswith("5 (")
    for r, row in enumerate((*picture.rows, picture.totals)):
        for c, cell in enumerate(row.cells):
            assert texts[r][1 + c] == f"{cell.count} ({cell.change})"
            assert table.cell_colour(r, 1 + c) == LEVEL_COLOURS.get(cell.level)
    charts = page.content.findChildren(ChartView)
    assert len(charts) == 1 + len(picture.trend) and all(c.valid for c in charts)
    window.resize(1280, 800)
    screenshot(window, "est_page")


def test_enter_shows_another_period_and_save_as_pdf_is_logged(incidents: World, est_window, renderers, qtbot,
                                                               monkeypatch, tmp_path: Path) -> None:
    page = est_window("rapp_polis").pages["est"]  # a reporter of another agency reads the joint picture
    page.kind.setCurrentIndex(page.kind.findData("MONTH"))
    assert page.period.currentData() == "2026-10"
    page.period.setCurrentIndex(page.period.findData("2026-11"))
    qtbot.keyClick(page.period, Qt.Key.Key_Return)
    assert page.picture.period.code == "2026-11" and page.picture.total == 5
    out = tmp_path / "out"
    out.mkdir()
    warned: list[str] = []
    monkeypatch.setattr(printing, "confirm_unencrypted", lambda _p, text=None: warned.append(text) or True)
    monkeypatch.setattr(printing, "ask_save_path", lambda _p, _name: out / "lagesbild")
    page.save_button.click()
    pdf = out / "lagesbild.pdf"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "EST-lägesbild" in text and "INTERN" in text and "Björkdalen" in text
    assert warned and "INTERN" in warned[0]
    with incidents.db.session() as s:
        printed = s.scalars(select(AuditEvent).where(AuditEvent.action == "EST_PRINT")).all()
    assert len(printed) == 1 and printed[0].username == "rapp_polis"


def test_only_est_roles_get_the_page_and_a_lock_empties_it(incidents: World, est_window, renderers) -> None:
    assert "est" not in est_window("samordnare").pages
    assert "est" not in est_window("styrgrupp").pages
    window = est_window("trygghet")
    page = window.pages["est"]
    assert page.content.findChildren(GridView)
    window.clear_everything()
    assert page.picture is None and page.summary.text() == ""


def _dialog(page):
    page.register_button.click()
    dialog = page.incident_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_register_incidents_from_the_keyboard_with_save_and_next(incidents: World, est_window, qtbot) -> None:
    page = est_window("rapp_bostad").pages["est"]  # a housing company reporter
    assert page.register_button.isVisible()
    dialog = _dialog(page)
    assert dialog.source.currentData() == "BOSTAD" and dialog.day.date().toPython() == incidents.today
    dialog.category.setCurrentIndex(dialog.category.findText("Otrygg samling av personer"))
    dialog.subcategory.setCurrentIndex(dialog.subcategory.findText("Trapphus"))
    dialog.area.setCurrentIndex(dialog.area.findText("Ekhagen"))
    dialog.place.setEditText("Ekvägen 4, trapphus B")
    dialog.time_known.setChecked(True)
    dialog.time_from.setTime(dialog.time_from.time().fromString("21:30", "HH:mm"))
    dialog.persons.setValue(6)
    dialog.next_button.click()
    assert len(dialog.saved) == 1 and dialog.isVisible()
    first = dialog.saved[0]
    assert (first.category_label, first.subcategory_label, first.area_name, first.place, first.persons_involved) == \
        ("Otrygg samling av personer", "Trapphus", "Ekhagen", "Ekvägen 4, trapphus B", 6)
    assert first.occurred_from.strftime("%H:%M") == "21:30" and first.reporting_agency == "BOSTAD"
    # Save and next kept the area, the day and the reporter, and emptied the rest.
    assert dialog.area.currentText() == "Ekhagen" and dialog.place.currentText() == "" and dialog.persons.value() == 0
    dialog.category.setCurrentIndex(dialog.category.findText("Skadegörelse"))
    qtbot.keyClick(dialog.category, Qt.Key.Key_Return)  # Enter saves and closes
    assert len(dialog.saved) == 2 and not dialog.isVisible()
    listed, total = incidents.as_("trygghet").est_incidents.list(incidents.today, incidents.today)
    assert total == 2 and {i.owning_agency for i in listed} == {"BOSTAD"}


def test_a_duplicate_warns_first_and_a_personnummer_is_refused_without_losing_the_form(incidents: World, est_window
                                                                                       ) -> None:
    page = est_window("trygghet").pages["est"]
    dialog = _dialog(page)
    dialog.category.setCurrentIndex(dialog.category.findText("Skadegörelse"))
    dialog.area.setCurrentIndex(dialog.area.findText("Ekhagen"))
    dialog.day.setDate(dialog.day.date().fromString("2026-11-12", "yyyy-MM-dd"))  # as the fixture's report
    dialog.save_button.click()
    assert dialog.saved == [] and dialog.banner.isVisible() and dialog.banner.kind == "warning"
    assert "igen" in dialog.banner.label.text()
    dialog.description.setPlainText("Ungdom med personnummer 20110503-9811 sprayade")
    dialog.save_button.click()  # the form changed: checked again, and refused
    assert dialog.saved == [] and dialog.banner.kind == "error" and dialog.isVisible()
    assert "personnummer" in dialog.banner.label.text().lower()
    assert dialog.description.toPlainText().startswith("Ungdom med")  # nothing lost
    dialog.description.setPlainText("Klotter på skolans vägg")
    dialog.save_button.click()   # the duplicate warning again, for this version of the report
    dialog.save_button.click()   # and saved anyway
    assert len(dialog.saved) == 1 and any(w.code == "est.duplicate" for w in dialog.saved[0].warnings)


def test_the_form_is_not_offered_to_roles_that_may_only_read(incidents: World, est_window) -> None:
    from trygg_desktop.domain.access import Act, Rec, capable
    for name in ("trygghet", "rapp_polis"):
        assert capable(incidents.actors[name], Act.CREATE, Rec.EST_INCIDENT)
        assert est_window(name).pages["est"].register_button.isVisibleTo(est_window(name).pages["est"])


def test_the_demo_unlock_screen_lists_the_est_accounts(est_world: World, sync_executor) -> None:  # noqa: F811
    from trygg_desktop.app import DesktopSession
    rows, _password = DesktopSession(est_world.path, sync_executor, demo=True)._demo_accounts()
    described = {name: roles for name, _agency, roles in rows}
    assert described["trygghetssamordnare"].startswith("Trygghetssamordnare")
    assert "rapportor" in described and "samordnare" in described


def test_the_map_is_shown_when_the_areas_have_shapes(incidents: World, est_window, renderers) -> None:
    import json
    page = est_window("trygghet").pages["est"]
    name = "Karta över områdena efter läge"
    assert not any(c.accessibleName() == name for c in page.content.findChildren(ChartView))  # no shapes yet
    square = {"type": "Polygon", "coordinates": [[[17.9, 59.4], [17.91, 59.4], [17.91, 59.41], [17.9, 59.41],
                                                   [17.9, 59.4]]]}
    incidents.as_("trygghet").est_setup.import_areas(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Björkdalen"}, "geometry": square}]}).encode())
    page.show_picture()
    maps = [c for c in page.content.findChildren(ChartView) if c.accessibleName() == name]
    assert len(maps) == 1 and maps[0].valid


def test_incidents_of_the_period_are_listed_and_corrected_without_overwriting_a_colleague(
        incidents: World, est_window) -> None:
    page = est_window("trygghet").pages["est"]
    page.list_button.click()
    listing = page.incident_list
    assert listing.model.rowCount() == 5 and "5 av 5" in listing.count.text()
    first = listing.model.rows[0]
    listing.correct(first)
    editor = listing.editor
    assert editor.windowTitle() == "Rätta händelse" and not editor.next_button.isVisible()
    assert editor.area.currentData() == first.area_id and editor.day.date().toPython() == first.occurred_on
    editor.persons.setValue(4)
    editor.save_button.click()
    assert not editor.isVisible()
    again = next(i for i in listing.model.rows if i.id == first.id)  # the list was read again
    assert again.persons_involved == 4 and again.version == first.version + 1
    # A colleague corrects the same report while it is open here: the save is refused, not lost.
    listing.correct(again)
    editor = listing.editor
    service = incidents.as_("trygghet").est_incidents
    current = service.get(again.id)
    service.update(again.id, service.defaults().__class__(category=current.category_code, area=current.area_id,
                                                          occurred_on=current.occurred_on, persons_involved=9),
                   expected_version=current.version)
    editor.persons.setValue(2)
    editor.save_button.click()
    assert editor.isVisible() and editor.banner.kind == "error" and "ändrat" in editor.banner.label.text()
    assert service.get(again.id).persons_involved == 9


def test_a_reporter_lists_only_their_own_agency_s_reports(incidents: World, est_window) -> None:
    page = est_window("rapp_polis").pages["est"]
    page.list_button.click()
    assert page.incident_list.model.rowCount() == 0  # the five are social services' reports


def test_the_coordinator_decides_an_action_and_follows_it_up_from_the_picture(incidents: World, est_window) -> None:
    from trygg_desktop.ui.widgets.stat_views import GridView as Grid
    page = est_window("trygghet").pages["est"]
    page.kind.setCurrentIndex(page.kind.findData("WEEK"))
    page.period.setCurrentIndex(page.period.findData("2026-W47"))  # this week: the meeting's
    page.show_picture()
    page.decide_button.click()
    dialog = page.action_dialog
    dialog.description.setPlainText("Trygghetsvandring kring torget")
    dialog.agency.setCurrentIndex(dialog.agency.findData("BOSTAD"))
    dialog.area.setCurrentIndex(dialog.area.findText("Björkdalen"))
    dialog.due.setDate(dialog.due.date().addDays(7))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.saved is not None and not dialog.isVisible()
    assert [a.description for a in page.picture.actions] == ["Trygghetsvandring kring torget"]  # page refreshed
    grid = next(g for g in page.content.findChildren(Grid) if g.accessibleName() == "Beslutade åtgärder")
    grid.activated.emit(grid.grid_model.index(0, 0))  # Enter on the row: the follow-up
    follow = page.action_dialog
    follow.status.setCurrentIndex(follow.status.findData("GENOMFORD"))
    follow.note.setPlainText("Genomförd med boende och fastighetsvärd")
    follow.buttons.button(follow.buttons.StandardButton.Save).click()
    assert follow.saved.status == "GENOMFORD" and follow.saved.follow_up_note.startswith("Genomförd")
    assert page.picture.actions[0].status == "GENOMFORD"


def test_a_reporter_gets_no_decide_button(incidents: World, est_window) -> None:
    assert not est_window("rapp_polis").pages["est"].decide_button.isVisibleTo(est_window("rapp_polis").pages["est"])


def test_the_page_fits_a_1280_pixel_window(incidents: World, est_window) -> None:
    window = est_window("trygghet")
    window.resize(1280, 800)
    assert window.minimumSizeHint().width() <= 1280 and window.width() <= 1280
