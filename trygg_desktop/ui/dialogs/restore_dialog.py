"""Restore from a backup to a NEW database file (R22, R28, R29).

Restoring never overwrites anything: it writes a new database file and key file
and verifies them (integrity checks, the audit chain), so a damaged original
stays for IT to look at. The restore runs on the worker thread; the result offers
to open the restored database (the caller decides what "open" means: the unlock
screen switches to it, the first-run dialog picks it, the main window opens it at
the next start).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QRadioButton, QWidget)

from ...domain.timefmt import fmt_datetime
from ...paths import key_file_for
from ...api.operations import default_backup_dir, list_backups
from ...store.netpath import is_network_path
from ..integrity_text import breakable, network_refusal_text
from ..tasks import Executor, QueryOp
from ..widgets.forms import typed_path
from ..widgets.password import PasswordEdit
from .backup_common import BackupTaskDialog, megabytes

PASSWORD, RECOVERY = 0, 1
RestoreFn = Callable[..., object]


def _default_restore(src: Path, dest: Path, **credentials) -> object:
    from ...api.operations import restore_backup
    return restore_backup(src, dest, **credentials)


def _free_name(folder: Path, stem: str) -> Path:
    candidate = folder / f"{stem}.db"
    counter = 2
    while candidate.exists() or key_file_for(candidate).exists():
        candidate = folder / f"{stem}-{counter}.db"
        counter += 1
    return candidate


class RestoreDialog(BackupTaskDialog):
    """Restore a ``.tdbk`` to a NEW database file; emits ``open_requested(path)``
    when the user chooses to open the restored database."""

    restored = Signal(object)        # RestoreReport
    open_requested = Signal(object)  # Path

    def __init__(self, executor: Executor, db_path: Path | None = None, *, preselect: Path | None = None,
                 open_text: str | None = None, restore_fn: RestoreFn = _default_restore,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Restore from backup"),
                         self.tr("The backup is restored to a NEW database file; nothing existing is overwritten. "
                                 "It opens with the password of an administrator at the time of the backup, or "
                                 "with the recovery code from the recovery sheet."),
                         640, QDialogButtonBox.StandardButton.Cancel, parent)
        self.executor, self.db_path, self.restore_fn = executor, Path(db_path) if db_path else None, restore_fn
        self.report = None
        form = self.form
        self.known = QComboBox()
        self.known.setAccessibleName(self.tr("Known backups"))
        self._fill_known()
        self.known.currentIndexChanged.connect(self._known_chosen)
        if self.known.count():
            label = QLabel(self.tr("&Backups:"))
            label.setBuddy(self.known)
            form.addRow(label, self.known)
        else:
            self.known.hide()
        self.source = QLineEdit()
        self.source.setAccessibleName(self.tr("Backup file"))
        self.add_file_row(self.tr("Backup &file:"), self.source, self.tr("B&rowse…"), self._browse_source)
        self.dest = QLineEdit(str(self._default_dest()))
        self.dest.setAccessibleName(self.tr("New database file"))
        self.add_file_row(self.tr("&New database:"), self.dest, self.tr("Br&owse…"), self._browse_dest)
        self.by_password = QRadioButton(self.tr("Administrator &password"))
        self.by_code = QRadioButton(self.tr("Recovery &code"))
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.by_password, PASSWORD)
        self.mode.addButton(self.by_code, RECOVERY)
        modes = QWidget()
        mh = QHBoxLayout(modes)
        mh.setContentsMargins(0, 0, 0, 0)
        mh.addWidget(self.by_password)
        mh.addWidget(self.by_code)
        mh.addStretch(1)
        form.addRow(self.tr("Open with:"), modes)
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Administrator user name"))
        self.password = PasswordEdit(self.tr("Administrator password"))
        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("Recovery code"))
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX")
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.credential_labels = {}
        for key, text, edit in (("username", self.tr("&User name:"), self.username),
                                ("password", self.tr("Pass&word:"), self.password),
                                ("code", self.tr("Recovery c&ode:"), self.code)):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.credential_labels[key] = label
        self.restore_button = self.buttons.addButton(self.tr("&Restore"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.start)
        self.open_button = self.buttons.addButton(open_text or self.tr("&Open the restored database"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.hide()
        self.open_button.clicked.connect(self._open_restored)
        self.mode.idToggled.connect(lambda _id, on: on and self._show_mode())
        self.by_password.setChecked(True)
        if preselect is not None:
            self.select_source(Path(preselect))
        elif self.known.count():
            self._known_chosen(0)

    # -- choosing -----------------------------------------------------------------------
    def _fill_known(self) -> None:
        if self.db_path is None:
            return
        for info in list_backups(self.db_path):
            if info.damaged:
                continue
            reason = {"manual": self.tr("manual"), "auto_close": self.tr("automatic"),
                      "pre_migration": self.tr("before an update")}.get(info.reason or "", info.reason or "")
            text = self.tr("%1 – %2 – %3 MB").replace("%1", (fmt_datetime(info.created_at) or "?")).replace("%2", reason) \
                .replace("%3", megabytes(info.size))
            self.known.addItem(text, str(info.path))

    def _known_chosen(self, index: int) -> None:
        value = self.known.itemData(index)
        if value:
            self.source.setText(str(value))

    def select_source(self, path: Path) -> None:
        for i in range(self.known.count()):
            if Path(self.known.itemData(i)) == path:
                self.known.setCurrentIndex(i)
        self.source.setText(str(path))

    def _default_dest(self) -> Path:
        if self.db_path is not None:
            return _free_name(self.db_path.parent, f"{self.db_path.stem}-restored-{date.today():%Y%m%d}")
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return _free_name(Path(docs), f"trygg-restored-{date.today():%Y%m%d}")

    def _browse_source(self) -> None:
        start = self.source.text() or (str(default_backup_dir(self.db_path)) if self.db_path else "")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), start,
                                              self.tr("Trygg backups (*.tdbk)"))
        if path:
            self.source.setText(path)

    def _browse_dest(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New database"), self.dest.text(),
                                              self.tr("Databases (*.db)"))
        if path:
            self.dest.setText(path)

    def _show_mode(self) -> None:
        recovery = self.mode.checkedId() == RECOVERY
        for key, edit in (("username", self.username), ("password", self.password), ("code", self.code)):
            shown = (key == "code") == recovery
            self.form.setRowVisible(edit, shown)
        (self.code if recovery else (self.password if self.username.text() else self.username)).setFocus()

    # -- restoring ------------------------------------------------------------------------
    def _problem(self, src: Path | None, dest: Path | None) -> str | None:
        if src is None or not src.is_file():
            return self.tr("Choose the backup file to restore.")
        if dest is None:
            return self.tr("Enter a name for the new database file.")
        if is_network_path(dest) is not None:  # restore_backup refuses too (R28); say why here
            return network_refusal_text()
        if not dest.parent.is_dir():
            return self.tr("The folder %1 does not exist.").replace("%1", str(dest.parent))
        if dest.exists() or key_file_for(dest).exists():
            return self.tr("A database already exists at %1. Restore to a new file name; nothing is ever "
                           "overwritten.").replace("%1", str(dest))
        if self.mode.checkedId() == RECOVERY:
            return None if self.code.text().strip() else self.tr("Enter the recovery code.")
        if not self.username.text().strip() or not self.password.text():
            return self.tr("Enter an administrator's user name and password.")
        return None

    def start(self) -> None:
        src, dest = typed_path(self.source), typed_path(self.dest)
        if dest is not None and not dest.suffix:
            dest = dest.with_name(dest.name + ".db")
            self.dest.setText(str(dest))
        problem = self._problem(src, dest)
        if problem:
            self.show_banner(problem, "warning")
            self.adjustSize()
            return
        if self.mode.checkedId() == RECOVERY:
            credentials = {"recovery_code": self.code.text().strip()}
        else:
            credentials = {"username": self.username.text().strip(), "password": self.password.text()}
        self.banner.clear()
        self._busy(True)
        restore = self.restore_fn
        QueryOp(lambda: restore(src, dest, **credentials)).success(self._done).failure(self._failed) \
            .run(self.executor)

    def inputs(self) -> tuple[QWidget, ...]:
        return (self.known, self.source, self.dest, self.by_password, self.by_code, self.username, self.password,
                self.code, self.restore_button)

    def _done(self, report) -> None:
        self._busy(False)
        self.password.clear()
        self.code.clear()
        self.report = report
        self.show_banner(self.tr("Restored to %1.\nIt holds the data as of %2; the audit log was checked "
                                 "(%3 events). Work done after that time has to be entered again.")
                         .replace("%1", breakable(str(report.path))).replace("%2", (fmt_datetime(report.backup_created_at) or "?"))
                         .replace("%3", str(report.events)), "success")
        self.restore_button.hide()
        for w in self.inputs():
            w.setEnabled(False)
        self.open_button.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.adjustSize()
        self.open_button.setDefault(True)
        self.open_button.setFocus()
        self.restored.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.password.clear()
        super()._failed(exc)

    def _open_restored(self) -> None:
        if self.report is not None:
            self.open_requested.emit(Path(self.report.path))
        self.accept()


def show_restore_for(parent: QWidget, executor: Executor, db_path: Path | None,
                     on_open: Callable[[Path], None], *, preselect: Path | None = None,
                     open_text: str | None = None) -> RestoreDialog:
    """Open the restore dialog window-modally and route "open" to ``on_open``."""
    dialog = RestoreDialog(executor, db_path, preselect=preselect, open_text=open_text, parent=parent)
    dialog.open_requested.connect(on_open)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
