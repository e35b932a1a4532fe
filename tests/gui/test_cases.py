"""The case list and the new-case wizard, driven through real widgets and real services."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWizard

from trygg_desktop.domain import personnummer, vocab
from trygg_desktop.domain.errors import PersonnummerError
from trygg_desktop.services.cases import CaseFilter
from trygg_desktop.services.demo import DemoService
from trygg_desktop.services.facade import Services
from trygg_desktop.ui.errors import error_text
from trygg_desktop.ui.models.case_table import ID_ROLE, LIGHT_ROLE, CaseTableModel, rows_per_screen

from ..conftest import World, test_pnr
from ..scenarios import restricted_case, sspf_case
from .conftest import screenshot


def _cases_page(window):
    page = window.show_page("cases")
    QApplication.processEvents()
    return page


def _column(page, col: int) -> list[str]:
    m = page.model
    return [m.index(r, col).data() for r in range(m.rowCount())]


@pytest.fixture
def three_cases(world: World):
    alva = sspf_case(world)                                           # consent VALID, skola assigned
    bo = sspf_case(world, first="Bo", last="Ek", born=date(2012, 8, 9), consent="NONE")
    trefas = restricted_case(world, "TREFAS")
    return alva, bo, trefas


def test_list_filters_search_and_sort(window_for, three_cases, qtbot) -> None:
    alva, bo, _trefas = three_cases
    page = _cases_page(window_for("samordnare"))
    assert page.model.rowCount() == 2 and page.model.total == 2  # the TREFAS case is another unit's
    assert set(_column(page, CaseTableModel.REFERENCE)) == {alva.reference, bo.reference}
    assert all("•" not in p and len(p) == 13 for p in _column(page, CaseTableModel.PNR))  # full for coordinators
    lights = {page.model.index(r, 0).data(ID_ROLE): page.model.index(r, 0).data(LIGHT_ROLE) for r in range(2)}
    assert lights == {alva.case_id: "VALID", bo.case_id: "NONE"}
    assert vocab.SSPF_STATUSES.label("KARTLAGGNING") in _column(page, CaseTableModel.STATUS)

    page.search.setText("Ek")                     # search as you type, after the debounce
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.case(0).id == bo.case_id
    page.search.setText(personnummer.parse(page.model.case(0).pnr_display).short_form(date(2026, 11, 22)))
    qtbot.waitUntil(lambda: page.model.filter.query and page.model.filter.query[0].isdigit(), timeout=2000)
    assert page.model.rowCount() == 1 and page.model.case(0).id == bo.case_id
    page.search.clear()
    page.apply_filter()
    assert page.model.rowCount() == 2

    page.filters.kind.setCurrentIndex(page.filters.kind.findData("SSPF"))
    assert page.filters.status.isEnabled()
    page.filters.status.setCurrentIndex(page.filters.status.findData("KARTLAGGNING"))
    assert [c.id for c in (page.model.case(r) for r in range(page.model.rowCount()))] == [alva.case_id]
    page.filters.kind.setCurrentIndex(page.filters.kind.findData("TREFAS"))
    assert page.model.rowCount() == 0 and not page.filters.status.currentData()
    assert page.stack.currentWidget() is page.empty and page.empty.text()
    page.reset_filters()
    assert page.model.rowCount() == 2
    page.filters.mine.setChecked(True)                    # samordnare created both cases: responsible
    assert page.model.rowCount() == 2 and page.model.filter.mine and not page.filters.responsible.isEnabled()
    page.filters.mine.setChecked(False)

    header = page.table.horizontalHeader()        # sorting goes to the database
    header.setSortIndicator(CaseTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert page.model.filter.order_by == "name" and page.model.filter.descending
    assert _column(page, CaseTableModel.NAME) == ["Bo Ek", "Alva Berg"]
    header.setSortIndicator(CaseTableModel.UNIT, Qt.SortOrder.AscendingOrder)  # not sortable in SQL: ignored
    assert page.model.filter.order_by == "name" and header.sortIndicatorSection() == CaseTableModel.NAME


def test_masking_and_unit_separation(window_for, three_cases) -> None:
    alva, _bo, _trefas = three_cases
    skola = _cases_page(window_for("skola"))
    refs = _column(skola, CaseTableModel.REFERENCE)
    assert alva.reference in refs                  # assigned, and the consent covers SKOLA
    assert all(p.endswith("-••••") for p in _column(skola, CaseTableModel.PNR))
    assert not skola.new_button.isVisible()        # a contact person cannot register cases
    window = window_for("annan")                   # SSPF coordinator in another unit
    annan = _cases_page(window)
    assert annan.model.rowCount() == 0 and annan.model.total == 0
    assert annan.stack.currentWidget() is annan.empty
    screenshot(window, "cases_empty_other_unit")


def test_double_click_and_enter_open_the_case(window_for, three_cases, qtbot) -> None:
    window = window_for("samordnare")
    page = _cases_page(window)
    case_page = window.pages["case"]
    opened: list[int] = []
    original = case_page.load
    case_page.load = lambda case_id: (opened.append(case_id), original(case_id))
    rect = page.table.visualRect(page.model.index(1, CaseTableModel.NAME))
    # A real double-click arrives as press, release, double-click: QTest's DClick alone lacks the first.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is case_page
    assert opened == [page.model.case(1).id]
    window.show_page("cases")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is case_page and opened[-1] == page.model.case(0).id


def test_clear_drops_every_row_and_the_search(window_for, three_cases, qtbot) -> None:
    window = window_for("samordnare")
    window.show_page("dashboard")
    window.activateWindow()
    window._search()                                              # what Ctrl+F runs
    page = window.stack.currentWidget()
    assert page is window.pages["cases"]
    qtbot.waitUntil(lambda: page.search.hasFocus(), timeout=1000)
    page.search.setText("Alva")
    page.apply_filter()
    assert page.model.rowCount() == 1
    window.clear_everything()
    assert page.model.rowCount() == 0 and page.model.filter is None and page.search.text() == ""
    assert not page.model.canFetchMore()


def _next(wizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    button.click()


def test_wizard_registers_a_youth_with_a_guardian_and_opens_the_case(world: World, window_for, qtbot) -> None:
    window = window_for("samordnare")
    page = _cases_page(window)
    window._new_case()                                            # what Ctrl+N runs
    wizard = page.wizard
    assert wizard is not None and wizard.isVisible()
    form = wizard.person_page.form
    youth_pnr = test_pnr(2012, 3, 4, 990)
    bad = youth_pnr[:-1] + str((int(youth_pnr[-1]) + 1) % 10)   # wrong check digit
    form.pnr.setText(bad)
    form.first.setText("Olle")
    form.last.setText("Ängström")
    assert form.pnr.error_code() == "personnummer.checksum"
    assert form.pnr.status.text() == error_text(PersonnummerError(code="personnummer.checksum"))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    screenshot(wizard, "wizard_person_invalid")
    form.pnr.setText(youth_pnr[2:].replace("-", ""))            # the ten-digit form works too
    assert form.pnr.is_valid()
    form.school.setText("Runbacka skola")
    form.school_class.setText("8B")
    _next(wizard)
    assert wizard.currentId() == 1                               # a child: the guardians page
    box = wizard.guardians_page.boxes[0]
    box.setChecked(True)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    box.pnr.setText(test_pnr(1980, 6, 1, 991))
    box.first.setText("Maria")
    box.last.setText("Ängström")
    screenshot(wizard, "wizard_guardians")
    _next(wizard)
    referral = wizard.referral_page
    assert [referral.kind.itemData(i) for i in range(referral.kind.count())] == ["SSPF"]
    assert referral.unit.currentData() == world.units["SSPF Tureberg"]
    assert referral.area.currentText() == "Tureberg"
    referral.set_concerns({"HOG_FRANVARO", "KAMRATER_BROTT"})
    referral.agency.setCurrentIndex(referral.agency.findData("SKOLA"))
    referral.referrer.setText("Rektor Lind")
    referral.orosanmalan.setCurrentIndex(referral.orosanmalan.findData("GJORD"))
    referral.description.setPlainText("Hög frånvaro sedan september.")
    screenshot(wizard, "wizard_referral")
    wizard.button(QWizard.WizardButton.FinishButton).click()

    assert window.stack.currentWidget() is window.pages["case"]  # the new case is open
    s = world.as_("samordnare")
    rows, total = s.cases.list(CaseFilter(query="Olle"))
    assert total == 1
    case = rows[0]
    assert case.kind == "SSPF" and case.pnr_display == youth_pnr
    detail = s.case_view.open(case.id)
    assert detail.concerns == ("KAMRATER_BROTT", "HOG_FRANVARO") or set(detail.concerns) == {"HOG_FRANVARO",
                                                                                            "KAMRATER_BROTT"}
    assert detail.orosanmalan == "GJORD" and detail.referring_agency == "SKOLA"
    assert [(g.person.first_name, g.has_custody) for g in detail.guardians] == [("Maria", True)]
    assert detail.person.school == "Runbacka skola"
    window.show_page("cases")
    QApplication.processEvents()
    assert case.reference in _column(page, CaseTableModel.REFERENCE)

    page.new_case()                                               # the same youth again: a duplicate warning
    again = page.wizard.person_page.form
    again.pnr.setText(youth_pnr)
    again.check_duplicates()
    assert again.duplicates_frame.isVisible() and again.duplicates.rowCount() == 1
    assert again.duplicates.person(0).id == case.person_id
    screenshot(page.wizard, "wizard_duplicate")
    again.use_selected()
    assert again.chosen is not None and again.chosen.id == case.person_id
    assert page.wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.wizard.reject()


def test_wizard_avhoppare_needs_an_environment_and_skips_guardians_for_adults(world: World, window_for) -> None:
    window = window_for("avhopparsamordnare")
    page = _cases_page(window)
    page.new_case()
    wizard = page.wizard
    form = wizard.person_page.form
    form.pnr.setText(test_pnr(1999, 1, 15, 992))
    form.first.setText("Adam")
    form.last.setText("Sten")
    _next(wizard)
    assert wizard.currentId() == 2                               # an adult: straight to the referral
    referral = wizard.referral_page
    assert referral.kind.currentData() == "AVHOPPARE" and referral.environment.isVisible()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert referral.banner.isVisible() and wizard.isVisible()      # no environment chosen yet
    referral.environment.setCurrentIndex(referral.environment.findData("GANG"))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    rows, total = world.as_("avhopparsamordnare").cases.list(CaseFilter(query="Adam Sten"))
    assert total == 1 and rows[0].kind == "AVHOPPARE"
    assert world.as_("avhopparsamordnare").case_view.open(rows[0].id).environment == "GANG"


def test_screenshot_case_list_with_demo_data(world: World, window_for) -> None:
    DemoService(world.db, world.actors["admin"], today=world.today).generate(cases=120, seed=3,
                                                                             create_accounts=False)
    sspf_case(world, first="Sara", last="Lind", born=date(2010, 2, 2), protected="SKYDDAD_FOLKBOKFORING")
    window = window_for("samordnare")
    page = _cases_page(window)
    assert page.model.rowCount() > 10
    assert any(page.model.case(r).protected_identity != "NONE" for r in range(page.model.rowCount()))
    screenshot(window, "cases_samordnare")


@pytest.mark.slow
def test_ten_thousand_cases_load_by_page(world: World, sync_executor, qtbot) -> None:
    started = time.perf_counter()
    DemoService(world.db, world.actors["admin"], today=world.today).generate(cases=10_000, seed=3,
                                                                             create_accounts=False)
    print(f"\ngenerated 10,000 cases in {time.perf_counter() - started:.1f} s")
    sspf_units = [u.id for u in Services(world.db, world.actors["admin"]).users.list_units() if u.case_kind == "SSPF"]
    # The coordinator of every SSPF unit: the largest list a real user gets.
    actor = replace(world.actors["samordnare"], unit_ids=frozenset(sspf_units))
    services = Services(world.db, actor, today=world.today)
    model = CaseTableModel(services.cases.list, sync_executor)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1100, 700)
    view.show()
    QApplication.processEvents()
    model.first_page_size = rows_per_screen(view)   # what CasesPage does: one screen first
    started = time.perf_counter()
    model.set_filter(CaseFilter(open_only=False))
    QApplication.processEvents()
    first_screen_ms = (time.perf_counter() - started) * 1000
    total = model.total
    print(f"first screen: {model.rowCount()} of {total} rows in {first_screen_ms:.0f} ms (target < 200 ms)")
    assert total > 1000 and 0 < model.rowCount() <= total
    assert first_screen_ms < 2000
    counts = [model.rowCount()]
    for _ in range(3):
        started = time.perf_counter()
        view.scrollToBottom()
        QApplication.processEvents()
        counts.append(model.rowCount())
        print(f"scrolled to the bottom: {counts[-1]} rows ({(time.perf_counter() - started) * 1000:.0f} ms)")
    assert counts == sorted(counts) and counts[-1] > counts[0] and counts[-1] <= total
    started = time.perf_counter()
    model.sort(CaseTableModel.REFERRAL, Qt.SortOrder.DescendingOrder)
    print(f"re-sorted by referral date in SQL: {(time.perf_counter() - started) * 1000:.0f} ms")
    dates = [model.case(r).referral_date for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True) and model.rowCount() <= total
    model.clear()
    assert model.rowCount() == 0


def test_model_on_the_worker_thread_drops_stale_pages(world: World, three_cases, qtbot) -> None:
    from trygg_desktop.ui.tasks import Executor
    alva, bo, _trefas = three_cases
    executor = Executor()                         # the real worker thread
    services = world.as_("samordnare")
    model = CaseTableModel(services.cases.list, executor)
    model.set_filter(CaseFilter(query="Alva"))
    model.set_filter(CaseFilter(query="Ek"))      # supersedes the first before it arrives
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not model.loading and executor.running == 0, timeout=5000)
    assert [model.case(r).id for r in range(model.rowCount())] == [bo.case_id]
    model.clear()
    assert model.rowCount() == 0 and model.total is None
    executor.wait_idle()


def test_wizard_warns_before_a_minor_is_registered_without_guardians(world: World, window_for) -> None:
    window = window_for("samordnare")
    page = _cases_page(window)
    window._new_case()
    wizard = page.wizard
    form = wizard.person_page.form
    form.pnr.setText(test_pnr(2013, 7, 8, 992))
    form.first.setText("Ella")
    form.last.setText("Utanvårdnad")
    _next(wizard)
    assert wizard.currentId() == 1
    _next(wizard)                                                 # no guardian ticked: warned, not moved on
    banner = wizard.guardians_page.banner
    assert wizard.currentId() == 1 and banner.isVisible() and banner.kind == "warning"
    assert "vårdnadshavare" in banner.label.text()
    _next(wizard)                                                 # Next again: on to the referral
    assert wizard.currentId() == 2
    wizard.back()
    wizard.guardians_page.boxes[0].setChecked(True)               # a change: the warning is new again
    wizard.guardians_page.boxes[0].setChecked(False)
    _next(wizard)
    assert wizard.currentId() == 1 and wizard.guardians_page.banner.isVisible()
    wizard.reject()
