"""Gallring page through real widgets and real services (archive manager, admin, case worker)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from trygg_desktop.services.facade import Services
from trygg_desktop.ui.main_window import MainWindow
from trygg_desktop.ui.models.retention_rules import COL_ENABLED, COL_SAMPLE, COL_YEARS
from trygg_desktop.ui.pages.retention import RetentionPage

from ..conftest import World
from ..gallring_scenarios import archivist, marked_case
from .conftest import screenshot


def _window(world: World, executor, qtbot, actor) -> MainWindow:
    window = MainWindow(Services(world.db, actor, today=world.today), executor, world.path)
    qtbot.addWidget(window)
    window.show()
    return window


def _page(window: MainWindow) -> RetentionPage:
    page = window.show_page("retention")
    assert isinstance(page, RetentionPage)
    return page


def _destructive(box: QMessageBox):
    return next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)


def test_archive_manager_reviews_and_approves_a_run(world: World, sync_executor, qtbot) -> None:
    gone = marked_case(world, "GuiGone")
    held = marked_case(world, "GuiHeld", closed=date(2018, 5, 2))
    world.as_("samordnare").retention.set_legal_hold(held.case_id, "Överklagande hos förvaltningsrätten")
    window = _window(world, sync_executor, qtbot, archivist(world))
    page = _page(window)
    assert page.due_model.rowCount() == 2
    assert [d.case_ref for d in page.eligible()] == [gone.reference]
    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    qtbot.wait(20)
    screenshot(window, "retention_due")

    # Cancel changes nothing.
    page.approve_button.click()
    box = page.confirm_box
    assert box is not None and box.isVisible() and "1" in box.text()
    screenshot(box, "retention_confirm")
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert page.due_model.rowCount() == 2

    page.approve_button.click()
    _destructive(page.confirm_box).click()
    assert page.last_result is not None and [d.record_ref for d in page.last_result.disposed] == [gone.reference]
    assert page.banner.kind == "info"
    # The page refreshed: the held case stays, the log shows the disposed one.
    assert [d.case_ref for d in page.due_model.rows] == [held.reference]
    assert not page.approve_button.isEnabled()
    assert [e.record_ref for e in page.log_model.rows] == [gone.reference]
    page.tabs.setCurrentIndex(3)
    qtbot.wait(20)
    screenshot(window, "retention_log")

    # Legal holds tab: lift the hold after confirming.
    page.tabs.setCurrentIndex(2)
    assert [h.case_ref for h in page.holds_model.rows] == [held.reference]
    page.holds_view.selectRow(0)
    assert page.clear_hold_button.isEnabled()
    qtbot.wait(20)
    screenshot(window, "retention_holds")
    page.clear_hold_button.click()
    _destructive(page.confirm_box).click()
    assert page.holds_model.rowCount() == 0
    assert [d.blocked_by for d in page.due_model.rows] == [None]

    page.clear()
    assert all(m.rowCount() == 0 for m in (page.due_model, page.rules_model, page.holds_model, page.log_model))


def test_set_legal_hold_dialog_reports_errors_inline(world: World, sync_executor, qtbot) -> None:
    case = marked_case(world, "GuiDlg")
    page = _page(_window(world, sync_executor, qtbot, archivist(world)))
    page.tabs.setCurrentIndex(2)
    dialog = page.set_hold()
    dialog.reference.setText("SSPF-1999-0001")
    dialog.reason.setPlainText("Begäran om allmän handling")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.banner.isVisible(), "an unknown reference is refused inline"
    screenshot(dialog, "retention_hold_dialog")
    dialog.reference.setText(case.reference)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert [h.case_ref for h in page.holds_model.rows] == [case.reference]
    assert [d.blocked_by for d in page.due_model.rows] == ["LEGAL_HOLD"]


def test_admin_edits_rules_but_cannot_approve(window_for, world: World, qtbot) -> None:
    marked_case(world, "GuiAdm", closed=date(2023, 1, 10))
    window = window_for("admin")
    page = _page(window)
    assert page.due_model.rowCount() == 0 and page.due_empty.isVisible()
    assert not page.approve_button.isVisible()
    page.tabs.setCurrentIndex(1)
    model = page.rules_model
    row = next(i for i, r in enumerate(model.rows) if r.record_type == "SSPF_CASE")
    audit_row = next(i for i, r in enumerate(model.rows) if r.record_type == "AUDIT_LOG")
    assert not model.setData(model.index(audit_row, COL_ENABLED), Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole), "the audit log is never disposed"
    assert not page.save_button.isEnabled()
    assert model.setData(model.index(row, COL_SAMPLE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(row, COL_YEARS), 3)
    assert not model.setData(model.index(row, COL_YEARS), 999)
    assert page.save_button.isEnabled()
    qtbot.wait(20)
    screenshot(window, "retention_rules")
    page.save_button.click()
    assert page.banner.kind == "info"
    sspf = next(r for r in model.rows if r.record_type == "SSPF_CASE")
    assert (sspf.years, sspf.research_sample) == (3, True)
    assert page.due_model.rowCount() == 1  # 2023-01-10 + 3 years is past
    # Born 7 April: not in the research sample, so the switch does not block this case.
    assert [d.blocked_by for d in page.due_model.rows] == [None]


def test_case_workers_have_no_gallring_page(window_for) -> None:
    for username in ("samordnare", "granskare"):
        assert "retention" not in window_for(username).pages



def test_coordinator_sets_a_legal_hold_from_the_case_view(window_for, world: World, qtbot) -> None:
    from ..scenarios import sspf_case
    built = sspf_case(world, first="Hilda", last="Holm")
    window = window_for("samordnare")
    window.open_case(built.case_id)
    page = window.pages["case"]
    assert page.hold_button.isVisible(), "the case's coordinator (OWNER) is offered the legal hold"
    dialog = page.set_legal_hold()
    assert dialog is not None and dialog.reference.isReadOnly() and dialog.reference.text() == built.reference
    dialog.reason.setPlainText("Överklagan av beslut pågår")
    qtbot.wait(20)
    screenshot(window, "case_legal_hold_button")
    screenshot(dialog, "case_legal_hold_dialog")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible() and page.banner.kind == "info"
    assert world.as_("samordnare").retention.hold_of(built.case_id).reason == "Överklagan av beslut pågår"
    page.clear()
    assert not page.hold_button.isVisible()
    # A participant from another agency is not offered the hold.
    other = window_for("skola")
    other.open_case(built.case_id)
    assert not other.pages["case"].hold_button.isVisible()


def test_e_archive_hand_over_starts_from_the_due_list(world: World, sync_executor, qtbot, monkeypatch) -> None:
    from trygg_desktop.ui.dialogs.earchive_dialog import EArchiveDialog
    due = marked_case(world, "GuiArchive")
    window = _window(world, sync_executor, qtbot, archivist(world))
    page = _page(window)
    assert page.earchive_button.isVisible()
    offered: list[list[int]] = []

    def fake_exec(dialog: EArchiveDialog) -> int:
        offered.append([dialog.case_list.item(i).data(Qt.ItemDataRole.UserRole)
                        for i in range(dialog.case_list.count())])
        return 0
    monkeypatch.setattr(EArchiveDialog, "exec", fake_exec)
    page.earchive_button.click()
    assert offered == [[due.case_id]]


def test_admin_has_no_e_archive_export(window_for) -> None:
    page = _page(window_for("admin"))
    assert not page.earchive_button.isVisible()
