"""Keyboard and naming in the daily flow (issue 16): after Ctrl+F, Down moves into the
case list and Enter opens the selected (or first) case; meeting lists show the young
person's name beside the case reference. Real widgets, real services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trygg_desktop.services.meetings import MeetingInput

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot


def _search_page(window, qtbot):
    window.activateWindow()
    window._search()                                               # what Ctrl+F runs
    page = window.pages["cases"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.search.hasFocus(), timeout=1000)
    return page


def test_after_ctrl_f_down_moves_into_the_results_and_enter_opens_the_case(world: World, window_for,
                                                                           qtbot) -> None:
    alva = sspf_case(world)
    bo = sspf_case(world, first="Bo", last="Ek", born=date(2012, 8, 9))
    window = window_for("samordnare")
    page = _search_page(window, qtbot)
    assert page.model.rowCount() == 2
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [0]
    qtbot.keyClick(page.table, Qt.Key.Key_Down)                    # the table's own keys from here
    assert page.table.currentIndex().row() == 1
    second = page.model.case(1).id
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)                      # above the first row: back to the search
    assert page.search.hasFocus()

    # Enter in the search opens the selected row; a fresh search opens the first hit at once.
    page.table.selectRow(1)
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.pages["case"] and window.pages["case"].case_id == second

    page = _search_page(window, qtbot)
    qtbot.keyClicks(page.search, "Ek")                             # typed: the debounce has not run yet
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.filter.query == "Ek" and page.model.rowCount() == 1
    assert window.stack.currentWidget() is window.pages["case"] and window.pages["case"].case_id == bo.case_id

    page = _search_page(window, qtbot)
    qtbot.keyClicks(page.search, "Berg")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)                   # Down searches first, then moves
    assert page.table.hasFocus() and page.model.rowCount() == 1 and page.model.case(0).id == alva.case_id
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.pages["case"].case_id == alva.case_id

    page = _search_page(window, qtbot)
    qtbot.keyClicks(page.search, "Nobody")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)                 # no hit: nothing opens, the focus stays
    assert window.stack.currentWidget() is page and page.model.rowCount() == 0 and page.search.hasFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.search.hasFocus()


def test_meeting_lists_show_the_young_persons_name_beside_the_reference(world: World, window_for) -> None:
    built = sspf_case(world)
    s = world.as_("samordnare")
    when = datetime.combine(world.today + timedelta(days=2), datetime.min.time()).replace(hour=14)
    named = s.meetings.create(MeetingInput(meeting_type="NATVERKSMOTE", starts_at=when, case_id=built.case_id,
                                           place="Turebergsskolan"))
    group = s.meetings.create(MeetingInput(meeting_type="ARBETSGRUPPSMOTE", starts_at=when + timedelta(hours=2),
                                           unit_id=world.units["SSPF Tureberg"]))
    assert s.meetings.get(named.id).person_name == "Alva Berg" and s.meetings.get(group.id).person_name is None

    window = window_for("samordnare")
    window.resize(1280, 800)
    page = window.show_page("meetings")
    QApplication.processEvents()
    titles = [c.title for c in page.model.columns]
    name_col, case_col = titles.index(page.tr("Young person")), titles.index(page.tr("Case"))
    assert name_col == case_col + 1
    by_id = {r.id: n for n, r in enumerate(page.model.rows)}
    assert page.model.index(by_id[named.id], name_col).data() == "Alva Berg"
    assert page.model.index(by_id[named.id], case_col).data() == built.reference
    assert not page.model.index(by_id[group.id], name_col).data()
    page.search.setText("alva")                                    # the filter finds the name too
    assert [r.id for r in page.model.rows] == [named.id]
    page.search.clear()
    QApplication.processEvents()
    screenshot(window, "meetings_list_with_names")

    dashboard = window.show_page("dashboard")
    QApplication.processEvents()
    card = dashboard.meetings_card
    titles = [c.title for c in card.model.columns]
    rows = {r.item_id: n for n, r in enumerate(card.model.rows)}
    assert card.model.index(rows[named.id], titles.index(dashboard.tr("Name"))).data() == "Alva Berg"
    assert titles.index(dashboard.tr("Name")) == titles.index(dashboard.tr("Case")) + 1
    screenshot(window, "dashboard_meetings_with_names")
