"""Lost password: set a new one with the printed recovery code (SECURITY.md R10).

Reached from the unlock screen ("Forgot password?"), so nobody is logged in and no
database is open. The recovery code is checked for its form here (any grouping,
case, O/0 and I/L/1 confusions are accepted, as the vault reads it) so a typo is
reported at once without an Argon2 round; the reset itself derives keys and runs on
the worker thread. Errors appear inline and the input stays, so a mistyped group
can be fixed; the code is never logged or echoed in a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from ...api.errors import TryggError, ValidationError
from ...vault.recovery import normalize_recovery_code
from ..errors import error_text, safe_details
from ..tasks import Executor, QueryOp
from ..widgets.banner import Banner
from ..widgets.forms import busy_bar
from ..widgets.password import PasswordPair

ResetFn = Callable[[Path, str, str, str], None]

# Codes the shared error table (ui/errors.py) does not word for this situation.
LOCAL_MESSAGES = {
    "recovery.format": QT_TRANSLATE_NOOP(
        "RecoveryResetDialog", "A recovery code has 26 letters and digits (hyphens and spaces do not matter). "
                               "Check it against the printed recovery sheet."),
    "user.not_found": QT_TRANSLATE_NOOP("RecoveryResetDialog", "There is no active user with that user name."),
}


def _default_reset(path: Path, code: str, username: str, new_password: str) -> None:
    from ...api.operations import reset_password_with_recovery
    reset_password_with_recovery(path, code, username, new_password)


def message_for(exc: BaseException) -> str:
    if isinstance(exc, TryggError) and exc.code in LOCAL_MESSAGES:
        return QCoreApplication.translate("RecoveryResetDialog", LOCAL_MESSAGES[exc.code])
    if isinstance(exc, TryggError):
        return error_text(exc)
    return QCoreApplication.translate("RecoveryResetDialog", "The password could not be changed.") \
        + "\n" + safe_details(exc)


class RecoveryResetDialog(QDialog):
    """Emits ``password_reset(username)`` once the new password is stored, then closes."""

    password_reset = Signal(str)

    def __init__(self, db_path: Path, executor: Executor, *, username: str = "",
                 reset_fn: ResetFn = _default_reset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.executor, self.reset_fn = Path(db_path), executor, reset_fn
        self.setWindowTitle(self.tr("Reset a password with the recovery code"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The recovery code is on the recovery sheet that was printed when the database "
                               "was created. It sets a new password for one user; the change is logged."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.username = QLineEdit(username)
        self.username.setAccessibleName(self.tr("User name"))
        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("Recovery code"))
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX")
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        for text, edit in ((self.tr("&User name:"), self.username), (self.tr("&Recovery code:"), self.code)):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.passwords = PasswordPair(self)
        self.passwords.hint.setWordWrap(True)  # the hint is long in Swedish and at 200 %
        self.passwords.add_to(form, self.tr("&New password:"), self.tr("Re&peat new password:"))
        layout.addLayout(form)
        self.progress = busy_bar()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(self.tr("&Set new password"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.username, self.code)
        self.setTabOrder(self.code, self.passwords.first)
        self.setTabOrder(self.passwords.first, self.passwords.second)
        (self.code if username else self.username).setFocus()

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in (self.username, self.code, self.passwords, self.ok_button):
            widget.setEnabled(not busy)

    def submit(self) -> None:
        """Check the input here, then reset on the worker thread (Argon2 takes a while)."""
        username = self.username.text().strip()
        if not username:
            self.show_banner(self.tr("Enter the user name whose password is to be reset."), "warning")
            self.username.setFocus()
            return
        try:
            code = normalize_recovery_code(self.code.text())
        except ValidationError as exc:
            self.show_banner(message_for(exc), "error")
            self.code.setFocus()
            return
        problem = self.passwords.problem()
        if problem:
            self.show_banner(problem, "warning")
            self.passwords.first.setFocus()
            return
        self.banner.clear()
        self._busy(True)
        path, password, reset = self.db_path, self.passwords.password(), self.reset_fn
        QueryOp(lambda: reset(path, code, username, password)) \
            .success(lambda _r: self._done(username)).failure(self._failed).run(self.executor)

    def _done(self, username: str) -> None:
        self._busy(False)
        self.code.clear()
        self.passwords.clear()
        self.password_reset.emit(username)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.show_banner(message_for(exc), "error")
        code = exc.code if isinstance(exc, TryggError) else ""
        if code == "user.not_found":
            self.username.setFocus()
        elif code.startswith("user.password"):
            self.passwords.first.setFocus()
        else:
            self.code.setFocus()
            self.code.selectAll()
