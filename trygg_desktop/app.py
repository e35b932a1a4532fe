"""Composition root: paths, logging, translations, the single-instance lock, unlock,
services and the main window, and the lock/unlock cycle. The only place that
wires the layers together for the desktop application.

The services (SQLAlchemy, the models, every use case: about half a second of imports)
are imported after the unlock window is shown, on a background thread while the user
types the password (``preload_services``), not before it."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QLockFile, QObject, QSettings, QThread, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .domain import vocab
from .paths import resource, user_data_dir, user_log_dir
from .ui import i18n
from .ui.autolock import AutoLock
from .ui.errors import CrashDialog, safe_details
from .ui.tasks import Executor, set_executor
from .ui.unlock import UnlockDialog

if TYPE_CHECKING:
    from .api.operations import Database
    from .api.facade import Backend
    from .ui.main_window import MainWindow

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


class HealthCheck(QThread):
    """Runs the whole-file check off the UI and DB worker threads. sqlcipher3 releases
    the GIL while SQLite works, so the user's queries go on at the same time."""

    finished_check = Signal(object, list)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def run(self) -> None:
        try:
            # Remembered on the Database: a backup in this session then skips the live quick_check.
            problems = self.db.check_health()
        except Exception as exc:  # noqa: BLE001 - a lock disposed the engine meanwhile
            log.info("health check skipped: %s", type(exc).__name__)
            problems = []
        self.finished_check.emit(self.db, problems)


def unlock(path: Path, username: str, password: str, **kw) -> tuple[Database, object]:
    """``services.database.unlock``, imported when first needed (see the module docstring)."""
    from .api.operations import unlock as unlock_database
    return unlock_database(path, username, password, **kw)


def preload_services() -> None:
    """Import what the first unlock and the main window need, on a background thread (the
    interpreter switches threads every few milliseconds, so the window stays responsive).
    An unlock that needs one of these modules meanwhile waits for its import to finish."""
    def load() -> None:
        try:
            for module in (".api.operations", ".api.facade"):
                importlib.import_module(module, __package__)
        except Exception as exc:  # noqa: BLE001 - the unlock itself will report it
            log.info("preloading the services failed: %s", type(exc).__name__)
    threading.Thread(target=load, name="trygg-preload", daemon=True).start()


class DesktopSession(QObject):
    """Unlock → main window → lock → unlock, for one database file."""

    def __init__(self, db_path: Path, executor: Executor, *, demo: bool = False,
                 unlock_fn: Callable[..., tuple[Database, object]] = unlock,
                 autolock_minutes: int | None = None, clock=None) -> None:
        super().__init__()
        self.db_path, self.executor, self.demo, self.unlock_fn = Path(db_path), executor, demo, unlock_fn
        self.window: MainWindow | None = None
        self.db: Database | None = None
        self.dialog: UnlockDialog | None = None
        self._checked_path: Path | None = None
        self.instance_lock: QLockFile | None = None  # run_gui hands over the single-instance lock
        self.health_check: HealthCheck | None = None
        minutes = autolock_minutes or int(settings().value("security/autolock_minutes", 5))
        self.autolock = AutoLock(minutes, **({"clock": clock} if clock else {}))
        self.autolock.idle.connect(lambda: self.lock(manual=False))
        QApplication.instance().installEventFilter(self.autolock)

    def start(self, username: str = "") -> UnlockDialog:
        accounts, password = (self._demo_accounts() if self.demo else (None, None))
        self.dialog = UnlockDialog(self.db_path, self._unlock, self.executor, demo_accounts=accounts,
                                   demo_password=password, username=username)
        self.dialog.unlocked.connect(self._open)
        self.dialog.show()
        return self.dialog

    def _unlock(self, path: Path, username: str, password: str):
        """Unlock without the whole-file check: on a large file ``quick_check`` takes
        seconds, so the window runs it in the background instead (``_start_health_check``)."""
        return self.unlock_fn(path, username, password, health_check=False)

    def _demo_accounts(self):
        from .api.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, EST_DEMO_ACCOUNTS
        import os
        rows = [(name, vocab.AGENCIES.label(spec[0]), ", ".join(vocab.ROLES.label(r) for r in spec[1]))
                for name, spec in {**DEMO_ACCOUNTS, **EST_DEMO_ACCOUNTS}.items()]
        return rows, os.environ.get("TRYGG_NEW_PASSWORD") or DEMO_PASSWORD

    def _open(self, result) -> None:
        previous = self.health_check.db if self.health_check is not None else None
        self.db, actor = result
        # The unlock screen may have switched to a database restored from a backup (R29):
        # from now on the single-instance lock guards the restored file.
        opened = Path(getattr(self.db, "path", self.db_path))
        if opened != self.db_path and self.instance_lock is not None:
            moved = acquire_instance_lock(opened)
            if moved is not None:
                self.instance_lock.unlock()
                self.instance_lock = moved
        first_open = opened != self._checked_path
        self.db_path = opened
        self._checked_path = self.db_path
        from .api.facade import Services
        from .ui.main_window import MainWindow
        self.window = MainWindow(Services(self.db, actor), self.executor, self.db_path)
        self.window.lock_requested.connect(lambda: self.lock(manual=True))
        self.window.closing.connect(self._window_closing)
        self.window.show()
        self.autolock.start()
        settings().setValue("last_database", str(self.db_path))
        if first_open:
            self._start_health_check()
        elif getattr(previous, "health_checked", False):
            self.db.health_checked = True  # the session's check passed before the lock (R29)

    def _start_health_check(self) -> None:
        """R29: ``quick_check`` of the whole file once per session, on its own thread and
        connection while the user works (SQLCipher checks each page's HMAC as it is read
        anyway). A failure locks the session and the unlock screen guides to a restore."""
        self.health_check = HealthCheck(self.db, self)
        self.health_check.finished_check.connect(self._health_checked)
        self.health_check.start()

    def _health_checked(self, db: object, problems: list[str]) -> None:
        if not problems or db is not self.db:
            return  # healthy, or the session was locked meanwhile
        from .store.engine import DatabaseDamaged, damaged_pages
        log.error("health check failed: %d problem(s)", len(problems))
        self.lock(manual=False)
        if self.dialog is not None:
            self.dialog._show_damage(DatabaseDamaged(problems=problems, pages=damaged_pages(problems)))

    _locking = False

    def _window_closing(self) -> None:
        """Closing the window or quitting (not locking): the automatic backup, waited
        for, with a short status message; a failure is logged by code and never
        stops the quit (R22, R29: ``auto_backup`` refuses a damaged database)."""
        if self._locking or self.db is None or self.window is None:
            return
        from .ui.dialogs.backup_dialogs import backup_on_close
        try:
            keep = max(1, int(settings().value("backup/keep", 7)))
        except (TypeError, ValueError):
            keep = 7
        backup_on_close(self.window, self.db, self.window.services.actor, self.executor, keep)

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
            end_emergency_grants(self.window.services)
            self._locking = True  # a lock closes the window too, but is no reason for a backup
            self.window.close()
            self._locking = False
            self.window.deleteLater()
            self.window = None
        else:
            username = ""
        if self.db is not None:
            self.db.close()
            self.db = None
        self.start(username)
        return True


class RemoteSession(QObject):
    """Sign-in → main window → lock → sign-in, against one ``trygg-server`` (``--server URL``).

    The window gets ``RemoteServices`` (client/) and cannot tell it from the local backend. A
    lock (idle timer, Ctrl+L, the Lock button) ends the session on the server (``DELETE
    /api/v1/session``): the token is gone and the password is needed again."""

    def __init__(self, url: str, executor: Executor, *, ca: Path | None = None,
                 connect_fn: Callable[..., object] | None = None, known=None,
                 autolock_minutes: int | None = None, clock=None) -> None:
        super().__init__()
        from .client.connect import connect
        from .client.trust import KnownServers, server_address
        host, port = server_address(url)
        self.url, self.executor, self.ca = url.rstrip("/"), executor, ca
        self.host_port = f"{host}:{port}"
        self.known = known or KnownServers()
        self.connect_fn = connect_fn or connect
        self.window: MainWindow | None = None
        self.services = None
        self.dialog = None
        minutes = autolock_minutes or int(settings().value("security/autolock_minutes", 5))
        self.autolock = AutoLock(minutes, **({"clock": clock} if clock else {}))
        self.autolock.idle.connect(lambda: self.lock(manual=False))
        QApplication.instance().installEventFilter(self.autolock)

    def _sign_in(self, username: str, password: str):
        return self.connect_fn(self.url, username, password, ca=self.ca, known=self.known)

    def _trust(self, fingerprint: str) -> None:
        self.known.trust(self.host_port, fingerprint)

    def start(self, username: str = ""):
        from .ui.dialogs.server_sign_in import ServerSignInDialog
        self.dialog = ServerSignInDialog(self.url, self._sign_in, self._trust, self.executor, username=username)
        self.dialog.unlocked.connect(self._open)
        self.dialog.show()
        return self.dialog

    def _open(self, services) -> None:
        from .ui.main_window import MainWindow
        self.services = services
        self.window = MainWindow(services, self.executor, Path(self.host_port))
        self.window.lock_requested.connect(lambda: self.lock(manual=True))
        self.window.show()
        self.autolock.start()

    def lock(self, manual: bool = False) -> bool:
        """As ``DesktopSession.lock``; then the token is discarded on the server."""
        if manual and self.window is not None and self.window.has_unsaved_edits():
            answer = confirm_discard(self.window)
            if self.window is None:
                return True
            if not answer:
                return False
        self.autolock.stop()
        username = ""
        if self.window is not None:
            username = self.window.services.actor.username
            self.window.clear_everything()
            end_emergency_grants(self.window.services)
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.sign_out()
        self.start(username)
        return True

    def sign_out(self) -> None:
        if self.services is not None:
            self.services.close()  # DELETE /api/v1/session; the token is forgotten even offline
            self.services = None


def _application() -> QApplication:
    """The one QApplication of a desktop run, with its name, icon, logging and language."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Trygg Desktop")
    app.setWindowIcon(QIcon(str(resource("icons/trygg.png"))))
    setup_logging()
    install_excepthook()
    i18n.install(app, str(settings().value("ui/language", i18n.DEFAULT_LANGUAGE)))
    return app


def run_remote_gui(url: str, *, ca: Path | None = None) -> int:
    """``trygg-desktop --server https://HOST:PORT [--ca FILE]``: the window on a server."""
    from .client.trust import server_address
    server_address(url)  # an http:// or malformed address is refused before any window opens
    app = _application()
    install_renderers()
    executor = Executor()
    set_executor(executor)
    session = RemoteSession(url, executor, ca=ca)
    session.start()
    try:
        return app.exec()
    finally:
        if session.window is not None:  # quitting is a logout: end emergency grants, then the session
            executor.wait_idle()
            end_emergency_grants(session.window.services)
        session.sign_out()


def end_emergency_grants(services: Backend) -> None:
    """Lock and logout end the user's emergency grants (nödåtkomst, DOMAIN 6.6).

    Runs after the executor is idle; a failure must not keep the screen unlocked
    (the grants run out by themselves within four hours), so it is only logged."""
    try:
        services.emergency.end_all()
    except Exception as exc:  # noqa: BLE001 - the lock must go through
        log.error("ending emergency grants failed: %s", safe_details(exc))


#: kind → (module, function) of every PDF/chart renderer the UI may ask for.
RENDERERS = {
    "protocol": (".reports.protocol", "render_protocol"),
    "plan": (".reports.plan_printout", "render_plan"),
    "extract": (".reports.register_extract", "render_extract"),
    "audit_report": (".reports.audit_report", "render_audit_report"),
    "statistics": (".reports.statistics_pdf", "render_statistics"),
    "chart_svg": (".reports.charts", "chart_svg"),
    "est": (".reports.est_pdf", "render_est"),
    "est_map": (".reports.est_map", "picture_map_svg"),
}


def _lazy(module: str, name: str):
    """A renderer that imports its module on first use: reportlab and the reports (and, through
    them, SQLAlchemy) stay out of the start-up path until someone prints."""
    def render(*args, **kwargs):
        return getattr(importlib.import_module(module, __package__), name)(*args, **kwargs)
    render.__name__ = name
    return render


def install_renderers() -> None:
    """Hand the PDF renderers (reports/) to the UI: the two layers may not import each other."""
    from .ui import printing
    printing.install_renderers(**{kind: _lazy(module, name) for kind, (module, name) in RENDERERS.items()})


def acquire_instance_lock(db_path: Path) -> QLockFile | None:
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(100) else None


def run_gui(db_path: Path | None, *, demo: bool = False) -> int:
    app = _application()
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
    session.instance_lock = lock
    session.start(username)
    QTimer.singleShot(0, preload_services)  # once the event loop runs: after the window is shown
    try:
        return app.exec()
    finally:
        if session.health_check is not None:
            session.health_check.wait()
        if session.db is not None:
            if session.window is not None:  # quitting is a logout: end emergency grants
                executor.wait_idle()
                end_emergency_grants(session.window.services)
            session.db.close()
        if session.instance_lock is not None:
            session.instance_lock.unlock()
