"""Back up now (R22, R29), the automatic backup on close, and remembering a database.

A backup is one encrypted ``.tdbk`` file that opens only with the password of an
administrator at the time of the backup, or the recovery code. Restoring never
overwrites anything: it writes a NEW database file (and key file) and verifies
it, so a damaged original stays for IT to look at. Both run on the worker thread;
what the two dialogs share is in ``backup_common``.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QWidget

from ...domain.timefmt import fmt_datetime
from ...paths import user_data_dir
from ...api.operations import BACKUP_SUFFIX, BackupInfo, default_backup_dir, list_backups
from ...store.netpath import is_network_path
from ..integrity_text import breakable
from ..tasks import Executor, QueryOp
from ..widgets.forms import typed_path
from .backup_common import BackupTaskDialog, megabytes

log = logging.getLogger(__name__)


def remember_database(path: Path) -> None:
    """Open ``path`` at the next start (the same settings file as app.settings())."""
    QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat).setValue("last_database", str(path))


class BackupDialog(BackupTaskDialog):
    """"Back up now": where, then one click; shows size and time when done."""

    backed_up = Signal(object)  # BackupInfo

    def __init__(self, services, executor: Executor, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Back up now"),
                         self.tr("The backup is one encrypted file. It can be opened only with the password of an "
                                 "administrator or with the recovery code. Keep a copy on another disk as well: a "
                                 "backup beside the database does not survive a broken disk."),
                         600, QDialogButtonBox.StandardButton.Close, parent)
        self.services, self.executor, self.db_path = services, executor, Path(db_path)
        self.result_info: BackupInfo | None = None
        self.default_folder = default_backup_dir(self.db_path)
        self.target = QLineEdit(str(self.default_folder))
        self.target.setAccessibleName(self.tr("Backup folder or file"))
        self.add_file_row(self.tr("&Save in:"), self.target, self.tr("&Browse…"), self._browse)
        self.existing = QLabel()
        self.existing.setWordWrap(True)
        self.existing.setStyleSheet("color:#555;")
        self.form.addRow("", self.existing)
        self.backup_button = self.buttons.addButton(self.tr("&Back up"), QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.setDefault(True)
        self.backup_button.clicked.connect(self.start)
        self._show_existing()

    def _show_existing(self) -> None:
        found = [b for b in list_backups(self.db_path) if not b.damaged]
        if found:
            self.existing.setText(self.tr("%n backup(s) in the standard folder; the newest is from %1.", "",
                                          len(found)).replace("%1", fmt_datetime(found[0].created_at) or "?"))
        else:
            self.existing.setText(self.tr("No backups in the standard folder yet."))

    def _browse(self) -> None:
        start = str(self.default_folder if self.default_folder.is_dir() else self.db_path.parent)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save backup as"), start,
                                              self.tr("Trygg backups (*.tdbk)"))
        if path:
            self.target.setText(path)

    def _out(self) -> Path | None:
        """None = the standard folder with an automatic name; else a file path."""
        typed = typed_path(self.target)
        if typed is None or typed == self.default_folder:
            return None
        if typed.is_dir():
            return typed / f"{self.db_path.stem}-{date.today():%Y%m%d}{BACKUP_SUFFIX}"
        return typed if typed.suffix == BACKUP_SUFFIX else typed.with_name(typed.name + BACKUP_SUFFIX)

    def start(self) -> None:
        out = self._out()
        if out is not None and is_network_path(out) is None and out.exists():
            self.show_banner(self.tr("A file already exists at that path. Choose a new name."), "warning")
            return
        self.banner.clear()
        self._busy(True)
        backup = self.services.backup
        QueryOp(lambda: backup.create(out, reason="manual")).success(self._done).failure(self._failed) \
            .run(self.executor)

    def inputs(self) -> tuple[QWidget, ...]:
        return self.backup_button, self.target

    def _done(self, info: BackupInfo) -> None:
        self._busy(False)
        self.result_info = info
        self.show_banner(self.tr("Backup saved: %1\n%2 MB, made in %3 s.").replace("%1", breakable(str(info.path)))
                         .replace("%2", megabytes(info.size)).replace("%3", f"{info.seconds:.1f}".replace(".", ",")),
                         "success")
        self._show_existing()
        self.backup_button.setEnabled(False)
        self.adjustSize()
        self.backed_up.emit(info)


def backup_on_close(window, db, actor, executor: Executor, keep: int) -> object | None:
    """The automatic backup when the window closes (not on lock): on the worker
    thread, waited for, with a status message. ``auto_backup`` never raises (it logs
    codes only), so a failure never blocks the quit; returns its BackupInfo or None."""
    from PySide6.QtWidgets import QApplication
    from ...api.operations import auto_backup
    window.statusBar().showMessage(QApplication.translate("BackupDialog", "Making the automatic backup…"))
    QApplication.processEvents()
    outcome: dict[str, object] = {}

    def work() -> object | None:
        outcome["info"] = auto_backup(db, actor, keep)
        return outcome["info"]

    QueryOp(work).success(lambda _r: None).failure(lambda exc: log.warning(
        "auto backup failed: %s", getattr(exc, "code", type(exc).__name__))).run(executor)
    executor.wait_idle(300_000)
    return outcome.get("info")
