"""First run: create a new database or open an existing one.

Shown when this computer has no last database. Creating one runs Argon2
calibration and the SQLCipher set-up (a second or two) on the worker thread,
closes the new database again (the normal unlock follows) and shows the recovery
sheet, which must be confirmed before the dialog finishes. Paths can be typed as
well as chosen, so the dialog works without native file dialogs (and in tests).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths
from PySide6.QtWidgets import (QButtonGroup, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from ...paths import key_file_for
from ...api.operations import init_database
from ..tasks import Executor, QueryOp, executor as default_executor
from ..widgets.banner import Banner
from ..widgets.forms import busy_bar, typed_path, with_button
from ..widgets.password import PasswordPair
from .recovery_sheet import RecoverySheetDialog
from .user_dialogs import message_for

CREATE, OPEN, RESTORE = 0, 1, 2


class FirstRunDialog(QDialog):
    """``chosen_path`` holds the database to unlock once the dialog is accepted."""

    def __init__(self, parent: QWidget | None = None, *, executor: Executor | None = None) -> None:
        super().__init__(parent)
        self.chosen_path: Path | None = None
        self.executor = executor
        self.recovery_sheet: RecoverySheetDialog | None = None
        self._created_path: Path | None = None
        self._working = False
        self.setWindowTitle(self.tr("Trygg Desktop – first start"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Welcome to Trygg Desktop"))
        title.setStyleSheet("font-size:16pt; font-weight:600;")
        layout.addWidget(title)
        intro = QLabel(self.tr("There is no database on this computer yet. Create a new one if you are setting up "
                               "Trygg Desktop for your unit, or open the database IT has prepared."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.create_choice = QRadioButton(self.tr("&Create a new database"))
        self.open_choice = QRadioButton(self.tr("&Open an existing database"))
        self.choices = QButtonGroup(self)
        self.choices.addButton(self.create_choice, CREATE)
        self.choices.addButton(self.open_choice, OPEN)
        self.restore_choice = QRadioButton(self.tr("&Restore from backup…"))
        self.choices.addButton(self.restore_choice, RESTORE)
        self.restore_dialog = None
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.create_choice)
        choice_row.addWidget(self.open_choice)
        choice_row.addWidget(self.restore_choice)
        choice_row.addStretch(1)
        layout.addLayout(choice_row)
        # Two panes, only the chosen one shown: hidden panes take no room (a QStackedWidget
        # would keep the taller pane's height and leave a gap under the short one).
        self.panes = (self._create_page(), self._open_page(), self._restore_page())
        for pane in self.panes:
            layout.addWidget(pane)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.progress = busy_bar()
        layout.addWidget(self.progress)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.go_button = QPushButton()
        self.go_button.setDefault(True)
        self.go_button.clicked.connect(self.go)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.go_button)
        layout.addLayout(buttons)
        self.choices.idToggled.connect(lambda _id, on: on and self._choose(self.choices.checkedId()))
        self.create_choice.setChecked(True)
        self._choose(CREATE)
        self.resize(self.sizeHint().expandedTo(QSize(600, 0)))

    # -- layout -----------------------------------------------------------------
    def _create_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        self.new_path = QLineEdit(str(Path(docs) / "trygg.db"))
        self.new_path.setAccessibleName(self.tr("New database file"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse_new)
        label = QLabel(self.tr("Database &file:"))
        label.setBuddy(self.new_path)
        form.addRow(label, with_button(self.new_path, browse))
        hint = QLabel(self.tr("A key file (the same name plus .keys) is created beside it. Keep the two files "
                              "together, and back up both."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        form.addRow("", hint)
        self.admin_name = QLineEdit("admin")
        self.admin_name.setAccessibleName(self.tr("Administrator user name"))
        label = QLabel(self.tr("&Administrator:"))
        label.setBuddy(self.admin_name)
        form.addRow(label, self.admin_name)
        self.passwords = PasswordPair()
        self.passwords.add_to(form, self.tr("&Password:"), self.tr("Re&peat password:"))
        note = QLabel(self.tr("The administrator manages accounts and never sees case content. After this, a "
                              "recovery code is shown once: print it and keep it in a safe."))
        note.setWordWrap(True)
        note.setStyleSheet("color:#555;")
        form.addRow("", note)
        return page

    def _open_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.open_path = QLineEdit()
        self.open_path.setAccessibleName(self.tr("Existing database file"))
        self.open_path.setPlaceholderText(self.tr("e.g. S:\\Trygg\\trygg.db"))
        browse = QPushButton(self.tr("B&rowse…"))
        browse.clicked.connect(self._browse_open)
        label = QLabel(self.tr("Database &file:"))
        label.setBuddy(self.open_path)
        form.addRow(label, with_button(self.open_path, browse))
        hint = QLabel(self.tr("The key file (the database name plus .keys) must lie in the same folder."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        form.addRow("", hint)
        return page

    def _restore_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        text = QLabel(self.tr("Restore a backup file (.tdbk) to a new database on this computer, for example "
                              "after a broken disk or a damaged database. You need the password of an "
                              "administrator at the time of the backup, or the recovery code."))
        text.setWordWrap(True)
        v.addWidget(text)
        return page

    def _choose(self, which: int) -> None:
        for i, pane in enumerate(self.panes):
            pane.setVisible(i == which)
        self.go_button.setText(self.tr("Create database") if which == CREATE else
                               self.tr("Choose backup…") if which == RESTORE else self.tr("Open"))
        self.banner.clear()
        if which != RESTORE:
            (self.new_path if which == CREATE else self.open_path).setFocus()

    def _browse_new(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New database"), self.new_path.text(),
                                              self.tr("Databases (*.db)"))
        if path:
            self.new_path.setText(path)

    def _browse_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), self.open_path.text(),
                                              self.tr("Databases (*.db)"))
        if path:
            self.open_path.setText(path)

    # -- actions ----------------------------------------------------------------
    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def go(self) -> None:
        if self.choices.checkedId() == CREATE:
            self.create()
        elif self.choices.checkedId() == RESTORE:
            self.restore()
        else:
            self.open_existing()

    def restore(self) -> None:
        """Restore a backup to a new file, then unlock that file (R29's way back)."""
        from .restore_dialog import show_restore_for
        self.restore_dialog = show_restore_for(self, self.executor or default_executor(), None, self._restored)

    def _restored(self, path: Path) -> None:
        self.chosen_path = Path(path)
        self.accept()

    def create(self) -> None:
        path = typed_path(self.new_path)
        if path is None:
            self.show_banner(self.tr("Enter where the new database should be saved."))
            return
        if path.is_dir():  # a folder was typed: put the usual file name in it
            path = path / "trygg.db"
        elif not path.suffix:
            path = path.with_name(path.name + ".db")
        self.new_path.setText(str(path))
        username = self.admin_name.text().strip()
        problem = (self.tr("The folder %1 does not exist.").replace("%1", str(path.parent))
                   if not path.parent.is_dir() else
                   self.tr("There is already a database at that path. Choose another name, or open it instead.")
                   if path.exists() or key_file_for(path).exists() else
                   self.tr("Enter a user name for the administrator.") if not username else
                   self.passwords.problem())
        if problem:
            self.show_banner(problem)
            return
        password = self.passwords.password()
        self.banner.clear()
        self._busy(True)

        def work() -> str:
            db, _actor, code = init_database(path, username, password)
            db.close()  # the normal unlock opens it next; no key stays in memory meanwhile
            return code

        self._created_path = path
        QueryOp(work).success(self._created).failure(self._failed).run(self.executor or default_executor())

    def reject(self) -> None:
        """Not while the database is being created (its files would be left half-made)."""
        if not self._working:
            super().reject()

    def _busy(self, busy: bool) -> None:
        self._working = busy
        self.progress.setVisible(busy)
        for widget in (*self.panes, self.create_choice, self.open_choice, self.go_button, self.cancel_button):
            widget.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._created_path = None
        from ..integrity_text import message_for as integrity_message
        from ...api.errors import NetworkPathRefused
        self.show_banner(integrity_message(exc) if isinstance(exc, NetworkPathRefused) else message_for(exc))

    def _created(self, code: str) -> None:
        self._busy(False)
        self.passwords.clear()
        self.go_button.setEnabled(False)  # created: only the sheet's confirmation leads on
        self.recovery_sheet = RecoverySheetDialog(code, self._created_path, date.today(), self)
        self.recovery_sheet.finished.connect(self._sheet_closed)
        self.recovery_sheet.open()

    def _sheet_closed(self, _result: int) -> None:
        self.chosen_path = self._created_path
        if self.recovery_sheet is not None:
            self.recovery_sheet.deleteLater()
        self.recovery_sheet = None
        self.accept()

    @property
    def created_admin(self) -> str:
        """The new database's administrator (empty when an existing database was chosen)."""
        return self.admin_name.text().strip() if self._created_path is not None else ""

    def open_existing(self) -> None:
        path = typed_path(self.open_path)
        if path is None:
            self.show_banner(self.tr("Enter or choose the database file."))
            return
        if not path.is_file():
            self.show_banner(self.tr("There is no database at %1.").replace("%1", str(path)))
            return
        from ...store.netpath import is_network_path
        if is_network_path(path) is not None:  # R28: say why before the unlock screen refuses it
            from ..integrity_text import network_refusal_text
            self.show_banner(network_refusal_text())
            return
        if not key_file_for(path).is_file():
            self.show_banner(self.tr("The key file %1 is missing. It must lie beside the database; ask IT for "
                                     "it, or restore it from the backup.").replace("%1", key_file_for(path).name))
            return
        self.chosen_path = path
        self.accept()
