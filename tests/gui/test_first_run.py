"""First start: create a database (recovery sheet shown once, must be confirmed) or
open an existing one; wrong input is refused inline."""

from __future__ import annotations

from pathlib import Path

from trygg_desktop.services.database import unlock
from trygg_desktop.ui.dialogs.first_run import FirstRunDialog
from trygg_desktop.ui.tasks import Executor
from trygg_desktop.vault.throttle import Throttle

from .conftest import screenshot

ADMIN_PASSWORD = "ett langt admin ord"


def test_create_runs_off_the_ui_thread_and_shows_the_recovery_sheet(tmp_path: Path, state_dir: Path,
                                                                     qtbot) -> None:
    dialog = FirstRunDialog(executor=Executor())  # the real worker thread: Argon2 must not block the UI
    qtbot.addWidget(dialog)
    dialog.show()
    path = tmp_path / "x.db"
    dialog.new_path.setText(str(path))
    dialog.admin_name.setText("")
    qtbot.keyClicks(dialog.admin_name, "chef")
    qtbot.keyClicks(dialog.passwords.first, ADMIN_PASSWORD)
    qtbot.keyClicks(dialog.passwords.second, ADMIN_PASSWORD)
    qtbot.wait(20)  # let pending layout requests settle before the grab
    screenshot(dialog, "first_run_dialog")
    dialog.go_button.click()
    qtbot.waitUntil(lambda: dialog.recovery_sheet is not None and dialog.recovery_sheet.isVisible(), timeout=20_000)
    assert path.exists() and Path(str(path) + ".keys").exists()
    assert dialog.passwords.first.text() == "" and dialog.chosen_path is None

    sheet = dialog.recovery_sheet
    code = sheet.code_label.text()
    assert len(code.replace("-", "")) == 26
    assert str(path) in sheet.document().toPlainText() and code in sheet.document().toPlainText()
    qtbot.wait(20)  # let pending layout requests settle before the grab
    screenshot(sheet, "recovery_sheet")

    sheet.reject()  # Esc
    assert sheet.isVisible() and sheet.banner.kind == "warning"
    sheet.close()  # the window's close button
    assert sheet.isVisible() and not sheet.close_button.isEnabled()

    pdf = tmp_path / "sheet.pdf"
    sheet.write_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    sheet.stored.setChecked(True)
    assert sheet.close_button.isEnabled()
    sheet.close_button.click()
    assert not sheet.isVisible() and sheet.code_label.text() == "" and sheet._code == ""
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted and dialog.chosen_path == path

    db, actor = unlock(path, "chef", ADMIN_PASSWORD, throttle=Throttle(state_dir / "throttle.json"))
    assert "SYSTEMADMIN" in actor.roles
    db.close()


def test_mismatched_passwords_are_refused_inline(tmp_path: Path, sync_executor, qtbot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_path.setText(str(tmp_path / "y"))
    dialog.passwords.first.setText(ADMIN_PASSWORD)
    dialog.passwords.second.setText(ADMIN_PASSWORD + "!")
    assert dialog.passwords.mismatch.isVisible()
    dialog.go_button.click()
    assert dialog.banner.isVisible() and dialog.banner.kind == "error"
    assert dialog.isVisible() and dialog.recovery_sheet is None and list(tmp_path.iterdir()) == []

    dialog.new_path.setText(str(tmp_path / "missing-folder" / "z.db"))
    dialog.passwords.second.setText(ADMIN_PASSWORD)
    dialog.go_button.click()
    assert dialog.banner.isVisible() and list(tmp_path.iterdir()) == []


def test_open_existing_checks_the_key_file_and_sets_the_path(tmp_path: Path, sync_executor, qtbot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_choice.setChecked(True)
    assert dialog.panes[1].isVisible() and not dialog.panes[0].isVisible()
    path = tmp_path / "shared.db"
    path.write_bytes(b"x")
    dialog.open_path.setText(str(path))
    dialog.go_button.click()
    assert dialog.banner.isVisible() and dialog.chosen_path is None  # no key file beside it
    qtbot.wait(20)  # let pending layout requests settle before the grab
    screenshot(dialog, "first_run_open_missing_keys")
    Path(str(path) + ".keys").write_bytes(b"{}")
    dialog.go_button.click()
    assert dialog.chosen_path == path and dialog.result() == FirstRunDialog.DialogCode.Accepted
