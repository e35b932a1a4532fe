"""Lost password: the unlock screen's "Forgot password?" resets it with the printed
recovery code, against a real database made by ``init_database``."""

from __future__ import annotations

from pathlib import Path

from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.services.database import init_database, unlock
from trygg_desktop.ui.dialogs.recovery_reset import RecoveryResetDialog
from trygg_desktop.ui.unlock import UnlockDialog
from trygg_desktop.vault.throttle import Throttle

from .conftest import screenshot

OLD_PASSWORD = "gammalt losenord 1"
NEW_PASSWORD = "nytt langt losenord 2"


def test_reset_with_recovery_code_from_the_unlock_screen(tmp_path: Path, state_dir: Path, qtbot,
                                                         sync_executor) -> None:
    path = tmp_path / "reset.db"
    db, _admin, code = init_database(path, "admin", OLD_PASSWORD)
    db.close()
    throttle = Throttle(state_dir / "throttle.json")
    unlock_dialog = UnlockDialog(path, lambda p, u, pw: unlock(p, u, pw, throttle=throttle), sync_executor)
    qtbot.addWidget(unlock_dialog)
    unlock_dialog.show()
    assert unlock_dialog.recovery_button.isVisible()
    screenshot(unlock_dialog, "unlock_with_recovery_link")
    unlock_dialog.recovery_button.click()
    dialog = unlock_dialog.recovery_dialog
    assert isinstance(dialog, RecoveryResetDialog) and dialog.isVisible()

    dialog.username.setText("admin")
    dialog.passwords.first.setText(NEW_PASSWORD)
    dialog.passwords.second.setText(NEW_PASSWORD)
    # A malformed code is caught before any key derivation.
    dialog.code.setText("ABC-123")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.banner.kind == "error" and dialog.banner.label.text()
    # A well-formed but wrong code is refused inline; nothing changes.
    wrong = ("0" * 26) if code.replace("-", "") != "0" * 26 else ("1" * 26)
    dialog.code.setText(wrong)
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.banner.kind == "error"
    assert dialog.code.text() == wrong, "the input stays so a typo can be fixed"
    screenshot(dialog, "recovery_reset_wrong_code")
    unlock(path, "admin", OLD_PASSWORD, throttle=throttle)[0].close()  # the old password still works
    # An unknown user is reported inline as well.
    typed = " ".join(code.replace("-", "").lower()[i:i + 4] for i in range(0, 26, 4))
    dialog.username.setText("ingen")
    dialog.code.setText(typed)
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.banner.kind == "error"
    # The right code, typed in lower case with spaces in other places, resets the password.
    dialog.username.setText("admin")
    with qtbot.waitSignal(dialog.password_reset, timeout=20_000):
        dialog.ok_button.click()
    assert not dialog.isVisible()
    assert unlock_dialog.username.text() == "admin" and unlock_dialog.password.text() == ""
    assert unlock_dialog.banner.kind == "info" and unlock_dialog.banner.isVisible()
    screenshot(unlock_dialog, "unlock_after_recovery_reset")

    unlock_dialog.password.setText(NEW_PASSWORD)
    with qtbot.waitSignal(unlock_dialog.unlocked, timeout=20_000) as blocker:
        unlock_dialog.attempt()
    db, actor = blocker.args[0]
    assert actor.username == "admin"
    db.close()


def test_recovery_dialog_checks_code_format_and_passwords_locally(tmp_path: Path, qtbot, sync_executor) -> None:
    calls: list[tuple] = []
    dialog = RecoveryResetDialog(tmp_path / "none.db", sync_executor, username="admin",
                                 reset_fn=lambda *args: calls.append(args))
    qtbot.addWidget(dialog)
    dialog.show()
    screenshot(dialog, "recovery_reset_dialog")
    dialog.code.setText("0123456789abcdefghjkmnpqrs")
    dialog.passwords.first.setText(NEW_PASSWORD)
    dialog.passwords.second.setText(NEW_PASSWORD + "x")
    dialog.ok_button.click()
    assert not calls and dialog.banner.kind == "warning"
    dialog.passwords.second.setText(NEW_PASSWORD)
    dialog.code.setText("0123456789abcdefghjkmnpqrU")  # U is not in Crockford's alphabet
    dialog.ok_button.click()
    assert not calls and dialog.banner.kind == "error"
    # O/I/L are read as 0/1/1, hyphens and case do not matter; the service gets the canonical form.
    dialog.code.setText("o1234-56789-abcde-fghjk-mnpqrs")
    dialog.ok_button.click()
    assert calls and calls[0][1] == "0123456789ABCDEFGHJKMNPQRS" and calls[0][2] == "admin"


def test_service_errors_word_for_the_dialog(tmp_path: Path, qtbot, sync_executor) -> None:
    def refuse(*_args) -> None:
        raise ValidationError("No such active user", code="user.not_found")
    dialog = RecoveryResetDialog(tmp_path / "none.db", sync_executor, reset_fn=refuse)
    qtbot.addWidget(dialog)
    dialog.username.setText("ingen")
    dialog.code.setText("0" * 26)
    dialog.passwords.first.setText(NEW_PASSWORD)
    dialog.passwords.second.setText(NEW_PASSWORD)
    dialog.ok_button.click()
    assert dialog.banner.kind == "error" and "user.not_found" not in dialog.banner.label.text()
