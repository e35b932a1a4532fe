"""The shared password field (ui/widgets/password.py) on its own, and that every dialog uses it.

Real widgets, no mocks: the field must stay masked, keep copy and cut off the clipboard
(a password never reaches it), keep its accessible name, and behave as a plain line
edit for typing; the pair below it measures strength and notes a mismatch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QWidget

from trygg_desktop.services.dto import UserDTO
from trygg_desktop.ui.dialogs.restore_dialog import RestoreDialog
from trygg_desktop.ui.dialogs.user_dialogs import ResetPasswordDialog
from trygg_desktop.ui.tasks import Executor
from trygg_desktop.ui.unlock import UnlockDialog
from trygg_desktop.ui.widgets.password import MIN_PASSWORD_LENGTH, PasswordEdit, PasswordPair, password_score

from .conftest import screenshot


def test_password_edit_is_masked_named_and_types_like_a_line_edit(qtbot) -> None:
    edit = PasswordEdit("Lösenord")
    qtbot.addWidget(edit)
    edit.show()
    assert isinstance(edit, QLineEdit)
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert edit.accessibleName() == "Lösenord"
    assert edit.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData
    assert edit.inputMethodHints() & Qt.InputMethodHint.ImhNoPredictiveText
    seen: list[str] = []
    edit.textChanged.connect(seen.append)
    qtbot.keyClicks(edit, "hemligt ord")
    assert edit.text() == "hemligt ord" and seen[-1] == "hemligt ord"
    assert edit.displayText() != "hemligt ord", "the screen shows bullets, never the password"


def test_password_edit_never_puts_the_password_on_the_clipboard(qtbot) -> None:
    edit = PasswordEdit("Lösenord")
    qtbot.addWidget(edit)
    clipboard = QApplication.clipboard()
    clipboard.setText("innan")
    edit.setText("hemligt ord 123")
    edit.selectAll()
    edit.copy()
    edit.cut()
    assert clipboard.text() == "innan", "neither copy nor cut reaches the clipboard"


def test_password_pair_measures_and_notes_a_mismatch(qtbot) -> None:
    host = QWidget()
    form = QFormLayout(host)
    pair = PasswordPair()
    pair.add_to(form, "&Lösenord:", "&Upprepa:")
    qtbot.addWidget(host)
    host.show()
    assert isinstance(pair.first, PasswordEdit) and isinstance(pair.second, PasswordEdit)
    assert form.labelForField(pair.first).buddy() is pair.first
    assert pair.problem() is not None  # empty: too short
    strong = "Tre Orelaterade Ord 42!"
    assert password_score("a" * (MIN_PASSWORD_LENGTH - 1)) == 0 and password_score(strong) == 4
    pair.first.setText(strong)
    pair.second.setText(strong + "x")
    assert pair.meter.value() == 4 and pair.mismatch.isVisible()
    assert pair.problem() is not None
    pair.second.setText(strong)
    assert not pair.mismatch.isVisible() and pair.problem() is None and pair.password() == strong
    pair.clear()
    assert pair.first.text() == pair.second.text() == ""


def test_the_dialogs_use_the_shared_field(qtbot, tmp_path: Path) -> None:
    """The unlock window, a user dialog and the restore dialog; screenshots for a look."""
    executor = Executor(sync=True)
    unlock = UnlockDialog(tmp_path / "trygg.db", lambda *_a: None, executor, username="anna")
    qtbot.addWidget(unlock)
    unlock.show()
    assert isinstance(unlock.password, PasswordEdit)
    unlock.password.setText("hemligt ord")
    screenshot(unlock, "password_widget_unlock")
    user = UserDTO(id=1, username="anna", display_name="Anna", title=None, agency="SOC", roles=("HANDLAGGARE",),
                   unit_ids=(), active=True)
    reset = ResetPasswordDialog(user)
    qtbot.addWidget(reset)
    reset.show()
    reset.passwords.first.setText("Tre Orelaterade Ord")
    reset.passwords.second.setText("Tre Orelaterade")
    assert isinstance(reset.passwords.first, PasswordEdit)
    qtbot.wait(20)
    screenshot(reset, "password_widget_reset_dialog")
    restore = RestoreDialog(executor, None)
    qtbot.addWidget(restore)
    assert isinstance(restore.password, PasswordEdit)
