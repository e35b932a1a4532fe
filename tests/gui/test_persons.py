"""The persons page: search (for roles that register), details, registration, masking, lock."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from trygg_desktop.ui.models.person_table import ID_ROLE, PersonTableModel

from ..conftest import World, test_pnr
from ..scenarios import person, sspf_case
from .conftest import screenshot


def _persons_page(window):
    page = window.show_page("persons")
    QApplication.processEvents()
    return page


def _names(page) -> list[str]:
    return [page.proxy.index(r, PersonTableModel.NAME).data() for r in range(page.proxy.rowCount())]


def test_search_select_and_details(world: World, window_for, qtbot) -> None:
    sspf_case(world)                                                       # Alva Berg
    person(world, "Bertil", "Berg", date(2009, 4, 4), school="Runbacka skola", school_class="9A")
    person(world, "Hemlig", "Berg", date(2010, 1, 1), protected="SKYDDAD_FOLKBOKFORING")
    window = window_for("samordnare")
    page = _persons_page(window)
    assert page.results.currentWidget() is page.empty and page.empty.text()
    page.search.setText("berg")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2000)     # protected identity left out
    assert _names(page) == ["Alva Berg", "Bertil Berg"]
    page.table.selectRow(1)
    shown = page.selected_person()
    assert shown is not None and shown.first_name == "Bertil"
    assert page.detail_labels["school"].text() == "Runbacka skola"
    assert page.detail_labels["pnr"].text() == test_pnr(2009, 4, 4, shown.pnr and int(shown.pnr[-4:-1]))
    page.search.setText(shown.pnr)
    page.run_search()
    assert _names(page) == ["Bertil Berg"]
    QApplication.processEvents()
    screenshot(window, "persons_samordnare")


def test_register_person_dialog_and_protected_details(world: World, window_for) -> None:
    window = window_for("samordnare")
    page = _persons_page(window)
    page.register_person()
    dialog = page.dialog
    form = dialog.form
    assert not dialog.save_button.isEnabled()
    form.pnr.setText(test_pnr(2011, 9, 9, 993))
    form.first.setText("Saga")
    form.last.setText("Öberg")
    form.school.setText("Edsbergsskolan")
    form.protected.setCurrentIndex(form.protected.findData("SEKRETESSMARKERING"))
    assert form.protected_note.isVisible() and dialog.save_button.isEnabled()
    QApplication.processEvents()
    screenshot(dialog, "persons_register_dialog")
    dialog.save_button.click()
    registered = page.selected_person()
    assert registered is not None and registered.first_name == "Saga"
    assert page.model.rowCount() >= 1 and page.proxy.index(0, 0).data(ID_ROLE) == registered.id
    hidden = page.detail_labels["school"].text()
    assert registered.details_hidden and hidden and hidden != "Edsbergsskolan"   # "Skyddad – se akt"
    assert page.protected_banner.isVisible()
    dupes = world.as_("socialsekreterare").persons.search(test_pnr(2011, 9, 9, 993))
    assert dupes == []                                                   # protected: not in searches


def test_roles_without_search_see_a_friendly_text(world: World, window_for) -> None:
    sspf_case(world)
    page = _persons_page(window_for("skola"))
    assert not page.may_search and not page.search.isVisible() and not page.register_button.isVisible()
    assert page.results.currentWidget() is page.empty and page.empty.text()
    assert page.model.rowCount() == 0


def test_lock_clears_results_and_details(world: World, window_for) -> None:
    sspf_case(world)
    window = window_for("socialsekreterare")
    page = _persons_page(window)
    page.search.setText("Alva")
    page.run_search()
    page.table.selectRow(0)
    assert page.selected_person() is not None
    window.clear_everything()
    assert page.model.rowCount() == 0 and page.selected_person() is None and page.search.text() == ""
    assert all(not label.text() for label in page.detail_labels.values())
