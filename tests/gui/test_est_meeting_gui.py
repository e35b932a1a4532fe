"""The EST meeting through real widgets: the coordinator books it from the Meetings page (the
agenda comes from the week's picture), decides an action in it and sends it for approval; the
named adjuster, a housing-company reporter, justerar it; another reporter reads it only."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QApplication, QMessageBox

from trygg_desktop.services.est_incidents import IncidentInput
from trygg_desktop.services.facade import Services
from trygg_desktop.ui.main_window import MainWindow

from ..conftest import World
from ..est_world import est_template, est_world  # noqa: F401 - fixtures
from .conftest import screenshot


@pytest.fixture
def est_window(est_world: World, sync_executor, qtbot):  # noqa: F811
    def make(username: str) -> MainWindow:
        window = MainWindow(Services(est_world.db, est_world.actors[username], today=est_world.today),
                            sync_executor, est_world.path)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        return window
    return make


def _week_46(world: World) -> None:
    s = world.as_("rapp_polis").est_incidents
    for day in (2, 3):   # week 45: the baseline, so week 46 stands out
        s.register(IncidentInput(category="Skadegörelse", area="Ekhagen", occurred_on=date(2026, 11, day)))
    for day in (9, 10, 11, 13, 14):
        s.register(IncidentInput(category="Skadegörelse", area="Björkdalen", occurred_on=date(2026, 11, day),
                                 time_from=time(22, 0)))


def test_book_decide_and_justera_an_est_meeting(est_world: World, est_window, monkeypatch) -> None:  # noqa: F811
    _week_46(est_world)
    window = est_window("trygghet")
    assert "meetings" in window.pages
    page = window.show_page("meetings")
    assert page.new_est_button.isVisibleTo(page) and not page.new_button.isVisibleTo(page)
    page.new_est_button.click()
    dialog = page.dialog
    dialog.starts.setDateTime(QDateTime(datetime(2026, 11, 17, 9, 0)))
    assert dialog.period.text() == "2026-W46"          # follows the date: the week before
    dialog.place.setText("Kommunhuset, rum Ek")
    dialog.adjuster.setCurrentIndex(dialog.adjuster.findData(est_world.actors["rapp_bostad"].user_id))
    screenshot(dialog, "est_meeting_new_dialog")
    dialog.save()
    editor = page.editor
    assert page.stack.currentWidget() is editor and editor.meeting is not None
    meeting = editor.meeting
    assert meeting.est_period == "2026-W46" and "EST" in editor.header.subject.text()
    headings = [i.heading for i in meeting.agenda]
    assert "Lägesbild vecka 46 2026" in headings and "Björkdalen: allvarligt läge" in headings

    editor.tabs.setCurrentIndex(2)
    assert editor.tabs.isTabVisible(2) and editor.est_panel.isVisibleTo(editor)
    editor.est_panel.decide()
    decide = editor.est_panel.dialog
    assert not decide.decided.isEnabled() and decide.decided.date().toPython() == date(2026, 11, 17)
    decide.description.setPlainText("Sanering av klotter inom 24 h")
    decide.agency.setCurrentIndex(decide.agency.findData("BOSTAD"))
    decide.area.setCurrentIndex(decide.area.findText("Björkdalen"))
    decide.save()
    assert editor.est_panel.model.rowCount() == 1 and editor.tabs.tabText(2) == "Åtgärder (1)"
    QApplication.processEvents()
    screenshot(window, "est_meeting_editor")
    editor.send_button.click()
    assert editor.meeting.protocol_status == "JUSTERING"
    assert editor.approve_button.isVisibleTo(editor)        # the coordinator may, as a chair may

    reader = est_window("rapp_polis").show_page("meetings")
    assert not reader.new_est_button.isVisibleTo(reader)
    assert [m.est_period for m in reader._meetings] == ["2026-W46"]
    reader.open_meeting(meeting.id)
    assert reader.editor.print_button.isEnabled() and not reader.editor.approve_button.isVisibleTo(reader.editor)
    assert not reader.editor.est_panel.decide_button.isEnabled()

    adjuster = est_window("rapp_bostad").show_page("meetings")
    adjuster.open_meeting(meeting.id)
    assert adjuster.editor.approve_button.isVisibleTo(adjuster.editor)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    adjuster.editor.approve_button.click()
    assert adjuster.editor.meeting.protocol_status == "JUSTERAT" and adjuster.editor.meeting.content_hash
