"""The unlock screen: user name, password, inline banners, KDF off the UI thread.

Argon2id takes about a second by design, so the unlock runs on the worker thread
with a busy indicator; a wrong password, a throttling delay (with a live
countdown) and a damaged file each get their own banner, never a crash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..api.errors import IntegrityFailure, NetworkPathRefused, Throttled, TryggError
from .dialogs.recovery_reset import RecoveryResetDialog
from .errors import error_text, safe_details
from .tasks import Executor, QueryOp
from .widgets.banner import Banner
from .widgets.password import PasswordEdit

UnlockFn = Callable[[Path, str, str], object]


class UnlockDialog(QDialog):
    """Emits ``unlocked(result)`` with whatever ``unlock_fn`` returned (db, actor)."""

    unlocked = Signal(object)

    def __init__(self, db_path: Path, unlock_fn: UnlockFn, executor: Executor, *,
                 demo_accounts: list[tuple[str, str, str]] | None = None, demo_password: str | None = None,
                 username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.unlock_fn, self.executor = Path(db_path), unlock_fn, executor
        self.result_value: object | None = None
        self.setWindowTitle(self.tr("Trygg Desktop – unlock"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Unlock the database"))
        title.setStyleSheet("font-size:16pt; font-weight:600;")
        layout.addWidget(title)
        self.title_label = title  # the server sign-in (dialogs/server_sign_in.py) words it its own way
        path_label = QLabel(str(self.db_path))
        path_label.setStyleSheet("color:#555;")
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(path_label)
        self.path_label = path_label
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.username = QLineEdit(username)
        self.username.setAccessibleName(self.tr("User name"))
        self.password = PasswordEdit(self.tr("Password"))
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        layout.addLayout(form)
        self.recovery_button = QPushButton(self.tr("Forgot password? Use the &recovery code…"))
        self.recovery_button.setFlat(True)
        self.recovery_button.setStyleSheet("QPushButton{color:#1a5fb4; text-decoration:underline; text-align:left;"
                                           " padding:2px 0;}")
        self.recovery_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.recovery_button.setAutoDefault(False)
        self.recovery_button.clicked.connect(self.open_recovery)
        self.recovery_dialog: RecoveryResetDialog | None = None
        layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        # R29: a damaged database or key file is not opened; this offers the newest backup.
        self.restore_button = QPushButton(self.tr("Restore from &backup…"))
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.open_restore)
        self.restore_button.hide()
        self.restore_dialog = None
        self.newest_backup = None
        layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        layout.addWidget(self.progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.attempt)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)
        if demo_accounts:
            layout.addWidget(self._demo_box(demo_accounts, demo_password or ""))
        self._countdown = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        (self.password if username else self.username).setFocus()

    def _demo_box(self, accounts: list[tuple[str, str, str]], password: str) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 8, 0, 0)
        v.addWidget(QLabel(self.tr("Demo database – every account has the password %1").replace("%1", password)))
        table = QTableWidget(len(accounts), 3)
        table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Agency"), self.tr("Role")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, values in enumerate(accounts):
            for col, value in enumerate(values):
                table.setItem(row, col, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        table.setMaximumHeight(260)
        table.setAccessibleName(self.tr("Demo accounts"))
        table.cellClicked.connect(lambda r, _c: self._pick_demo(accounts[r][0], password))
        self.demo_table = table
        v.addWidget(table)
        return box

    def _pick_demo(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.unlock_button.setFocus()

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for w in (self.username, self.password, self.unlock_button, self.recovery_button):
            w.setEnabled(not busy and (w is not self.unlock_button or self._countdown == 0))

    def open_recovery(self) -> None:
        """"Forgot password?": the recovery-code reset, on the same file and worker thread."""
        dialog = RecoveryResetDialog(self.db_path, self.executor, username=self.username.text().strip(), parent=self)
        dialog.password_reset.connect(self._password_reset)
        dialog.finished.connect(lambda _r: self._recovery_closed(dialog))
        self.recovery_dialog = dialog
        dialog.open()

    def _recovery_closed(self, dialog: RecoveryResetDialog) -> None:
        if self.recovery_dialog is dialog:
            self.recovery_dialog = None
        dialog.deleteLater()

    def _password_reset(self, username: str) -> None:
        self.username.setText(username)
        self.password.clear()
        self.show_banner(self.tr("Password changed – log in with the new password"), "info")
        self.password.setFocus()

    def attempt(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.show_banner(self.tr("Enter your user name and password."), "warning")
            return
        self.banner.clear()
        self._busy(True)
        QueryOp(lambda: self.unlock_fn(self.db_path, username, password)) \
            .success(self._done).failure(self._failed).run(self.executor)

    def _done(self, result: object) -> None:
        self.password.clear()
        self._busy(False)
        self.result_value = result
        self.unlocked.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, Throttled):
            self._countdown = int(exc.params.get("retry_after", 30))
            self._tick(first=True)
            self._timer.start()
        elif isinstance(exc, NetworkPathRefused):
            from .integrity_text import network_refusal_text
            self.show_banner(network_refusal_text(), "error")
            self.adjustSize()  # a long explanation: grow instead of clipping it
        elif isinstance(exc, IntegrityFailure) and exc.code != "db.locked_key":
            self._show_damage(exc)
        elif isinstance(exc, TryggError):
            self.show_banner(error_text(exc), "error")
        else:
            self.show_banner(self.tr("The database could not be opened.") + "\n" + safe_details(exc), "error")

    def _show_damage(self, exc: TryggError) -> None:
        """R29: the guided message (what happened, the newest backup's date and path)
        and the "Restore from backup…" button, which restores to a NEW file."""
        from .integrity_text import backup_lookup, damage_text
        self.newest_backup, folder = backup_lookup(self.db_path)
        self.show_banner(damage_text(exc, self.newest_backup, folder), "error")
        self.restore_button.show()
        self.adjustSize()  # the guidance is long: grow instead of clipping it
        self.restore_button.setFocus()

    def open_restore(self) -> None:
        from .dialogs.restore_dialog import show_restore_for
        preselect = getattr(self.newest_backup, "path", None)
        self.restore_dialog = show_restore_for(self, self.executor, self.db_path, self.switch_to,
                                               preselect=preselect)

    def switch_to(self, path: Path) -> None:
        """Unlock the restored database instead (the damaged file stays for IT)."""
        self.db_path = Path(path)
        self.path_label.setText(str(self.db_path))
        self.restore_button.hide()
        self.newest_backup = None
        self.show_banner(self.tr("The backup was restored to a new file. Log in to it; the damaged database "
                                 "was left untouched."), "success")
        self.password.clear()
        (self.password if self.username.text() else self.username).setFocus()

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._countdown -= 1
        if self._countdown <= 0:
            self._timer.stop()
            self._countdown = 0
            self.banner.clear()
            self.unlock_button.setEnabled(True)
            return
        self.unlock_button.setEnabled(False)
        self.show_banner(self.tr("Too many failed attempts. You can try again in %n second(s).", "",
                                 self._countdown), "warning")
