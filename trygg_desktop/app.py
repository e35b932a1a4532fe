"""Composition root: paths, logging, translations, the single-instance lock, unlock,
services and the main window, and the lock/unlock cycle. The only place that
wires the layers together for the desktop application."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QLockFile, QObject, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from .domain import vocab
from .paths import user_data_dir, user_log_dir
from .services.database import Database, unlock
from .services.facade import Services
from .ui import i18n
from .ui.autolock import AutoLock
from .ui.errors import CrashDialog, safe_details
from .ui.main_window import MainWindow
from .ui.tasks import Executor, set_executor
from .ui.unlock import UnlockDialog

log = logging.getLogger("trygg_desktop")


def setup_logging() -> None:
    """Logs hold codes and locations only, never personal data."""
    folder = user_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=folder / "trygg-desktop.log", level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def install_excepthook() -> None:
    def hook(exc_type, exc, tb) -> None:
        exc.__traceback__ = tb
        log.error("uncaught: %s", safe_details(exc))
        if QApplication.instance() is not None:
            CrashDialog(exc).exec()
    sys.excepthook = hook


def settings() -> QSettings:
    return QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def confirm_discard(parent) -> bool:
    """Ask before a manual lock throws away unsaved edits; tests monkeypatch this."""
    box = QMessageBox(QMessageBox.Icon.Warning, QApplication.translate("App", "Unsaved changes"),
                      QApplication.translate("App", "You have unsaved changes. Lock anyway? They will be lost."),
                      QMessageBox.StandardButton.NoButton, parent)
    lock = box.addButton(QApplication.translate("App", "Lock"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is lock


class DesktopSession(QObject):
    """Unlock → main window → lock → unlock, for one database file."""

    def __init__(self, db_path: Path, executor: Executor, *, demo: bool = False,
                 unlock_fn: Callable[[Path, str, str], tuple[Database, object]] = unlock,
                 autolock_minutes: int | None = None, clock=None) -> None:
        super().__init__()
        self.db_path, self.executor, self.demo, self.unlock_fn = Path(db_path), executor, demo, unlock_fn
        self.window: MainWindow | None = None
        self.db: Database | None = None
        self.dialog: UnlockDialog | None = None
        minutes = autolock_minutes or int(settings().value("security/autolock_minutes", 5))
        self.autolock = AutoLock(minutes, **({"clock": clock} if clock else {}))
        self.autolock.idle.connect(lambda: self.lock(manual=False))
        QApplication.instance().installEventFilter(self.autolock)

    def start(self, username: str = "") -> UnlockDialog:
        accounts, password = (self._demo_accounts() if self.demo else (None, None))
        self.dialog = UnlockDialog(self.db_path, self.unlock_fn, self.executor, demo_accounts=accounts,
                                   demo_password=password, username=username)
        self.dialog.unlocked.connect(self._open)
        self.dialog.show()
        return self.dialog

    def _demo_accounts(self):
        from .services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
        import os
        rows = [(name, vocab.AGENCIES.label(spec[0]), ", ".join(vocab.ROLES.label(r) for r in spec[1]))
                for name, spec in DEMO_ACCOUNTS.items()]
        return rows, os.environ.get("TRYGG_NEW_PASSWORD") or DEMO_PASSWORD

    def _open(self, result) -> None:
        self.db, actor = result
        self.window = MainWindow(Services(self.db, actor), self.executor, self.db_path)
        self.window.lock_requested.connect(lambda: self.lock(manual=True))
        self.window.show()
        self.autolock.start()
        settings().setValue("last_database", str(self.db_path))

    def lock(self, manual: bool = False) -> bool:
        """R14: finish writes, close dialogs, empty views, dispose the engine, wipe the key.

        A MANUAL lock (Ctrl+L, the Lock button) first asks about unsaved edits
        (DESIGN.md §4) and stays unlocked if the user cancels. An IDLE lock never
        asks: the user is away and the screen must not stay open behind a question,
        so unsaved edits are discarded. Returns whether the session was locked.
        """
        if manual and self.window is not None and self.window.has_unsaved_edits():
            answer = confirm_discard(self.window)
            if self.window is None:  # the idle lock struck while the question was open
                return True
            if not answer:
                return False
        self.autolock.stop()
        if self.window is not None:
            username = self.window.services.actor.username
            self.window.clear_everything()
            self.window.close()
            self.window.deleteLater()
            self.window = None
        else:
            username = ""
        if self.db is not None:
            self.db.close()
            self.db = None
        self.start(username)
        return True


def install_renderers() -> None:
    """Hand the PDF renderers (reports/) to the UI: the two layers may not import each other."""
    from .reports.plan_printout import render_plan
    from .reports.protocol import render_protocol
    from .reports.register_extract import render_extract
    from .ui import printing
    printing.install_renderers(protocol=render_protocol, plan=render_plan, extract=render_extract)


def acquire_instance_lock(db_path: Path) -> QLockFile | None:
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(100) else None


def run_gui(db_path: Path | None, *, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Trygg Desktop")
    setup_logging()
    install_excepthook()
    i18n.install(app, str(settings().value("ui/language", i18n.DEFAULT_LANGUAGE)))
    username = ""
    if db_path is None:
        last = settings().value("last_database")
        if not last or not Path(str(last)).exists():
            from .ui.dialogs.first_run import FirstRunDialog
            chooser = FirstRunDialog()
            if chooser.exec() != FirstRunDialog.DialogCode.Accepted or chooser.chosen_path is None:
                return 0
            db_path = chooser.chosen_path
            username = chooser.created_admin  # a new database: its admin logs in first
        else:
            db_path = Path(str(last))
    lock = acquire_instance_lock(db_path)
    if lock is None:
        QMessageBox.warning(None, app.translate("App", "Already open"),
                            app.translate("App", "The database is already open in another Trygg Desktop window "
                                                 "on this computer. Close that one first."))
        return 4
    install_renderers()
    executor = Executor()
    set_executor(executor)
    session = DesktopSession(db_path, executor, demo=demo)
    session.start(username)
    try:
        return app.exec()
    finally:
        if session.db is not None:
            session.db.close()
        lock.unlock()
