"""The main window: navigation, pages, status bar, shortcuts and the lock sequence.

It holds no data itself: pages ask the services (through the executor) and keep
DTOs only. ``lock()`` follows DESIGN.md §4 / SECURITY.md R14: wait for a running
write, close dialogs, empty every page, dispose the engine, wipe the key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMainWindow, QProgressBar, QPushButton, QStackedWidget, QWidget)

from ..domain import vocab
from ..domain.access import Act, Rec
from ..api.changes import EVERYTHING, Topic
from ..api.facade import Backend
from .pages.base import Context, Page
from .tasks import Executor, QueryOp

#: How often a window on a shared server database asks whether a colleague changed something.
POLL_SECONDS = 15


class MainWindow(QMainWindow):
    changed = Signal(object)  # frozenset[Topic]: what a mutation changed (pages/base.py Page.on_changed)
    lock_requested = Signal()
    closing = Signal()  # the user closes the window or quits (not a lock): the automatic backup runs

    def __init__(self, services: Backend, executor: Executor, db_path: Path) -> None:
        super().__init__()
        self.services, self.executor, self.db_path = services, executor, Path(db_path)
        self.setWindowTitle(self.tr("Trygg Desktop"))
        self.resize(1280, 800)
        self.ctx = Context(services=services, executor=executor, notify=self.changed.emit,
                           open_case=self.open_case, open_meeting=self.open_meeting)
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet("QListWidget{font-size:11pt;} QListWidget::item{padding:8px;}")
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.pages: dict[str, Page] = {}
        self._build_pages()
        self.nav.currentRowChanged.connect(self._show_row)
        self.changed.connect(self._broadcast)
        self._build_status_bar()
        self._build_shortcuts()
        self._build_menu()
        for page in self.pages.values():
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.nav.setCurrentRow(0)
        # On a shared database the lists pick up colleagues' saves: a cheap, unaudited question
        # every POLL_SECONDS; a yes refreshes the shown page as an own save does (editors keep
        # what is typed). A local file has no colleagues, so no timer.
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_SECONDS * 1000)
        self.poll_timer.timeout.connect(self.poll_changes)
        if services.shared_database:
            self.poll_timer.start()

    def poll_changes(self) -> None:
        if not self.isVisible() or self.executor.running:
            return
        QueryOp(self.services.colleague_changes).success(
            lambda changed: changed and self.changed.emit(EVERYTHING)).failure(self._poll_failed).run(self.executor)

    def _poll_failed(self, exc: BaseException) -> None:
        """No answer: said in the status bar; the page says more at its next call."""
        self.statusBar().showMessage(self.tr("The server does not answer; changes by colleagues are not shown "
                                             "until it does."), POLL_SECONDS * 1000)

    # -- pages ----------------------------------------------------------------
    def _page_specs(self) -> list[tuple[str, str, type]]:
        from .pages.audit_log import AuditLogPage
        from .pages.case_view import CaseViewPage
        from .pages.cases import CasesPage
        from .pages.dashboard import DashboardPage
        from .pages.meetings import MeetingsPage
        from .pages.persons import PersonsPage
        from .pages.users import UsersPage
        can = self.ctx.can
        specs: list[tuple[str, str, type]] = []
        if can(Act.READ, Rec.CASE):
            specs += [("dashboard", self.tr("Overview"), DashboardPage), ("cases", self.tr("Cases"), CasesPage),
                      ("persons", self.tr("Persons"), PersonsPage), ("meetings", self.tr("Meetings"), MeetingsPage)]
        if can(Act.READ, Rec.USER_ACCOUNT):
            specs.append(("users", self.tr("Users"), UsersPage))
        if can(Act.READ, Rec.AUDIT_LOG):
            specs.append(("log", self.tr("Log"), AuditLogPage))
        if can(Act.READ, Rec.STATISTICS):  # uppföljning: the steering group and the coordinators (aggregates only)
            from .pages.statistics import StatisticsPage
            specs.append(("statistics", self.tr("Follow-up"), StatisticsPage))
        if can(Act.READ, Rec.EST_PICTURE):  # EST: the joint picture of incidents by area (no persons)
            from .pages.est import EstPage
            specs.append(("est", self.tr("EST"), EstPage))
            if not can(Act.READ, Rec.CASE) and can(Act.READ, Rec.EST_MEETING):  # the weekly EST meetings
                specs.append(("meetings", self.tr("Meetings"), MeetingsPage))
        if can(Act.READ, Rec.RETENTION):  # gallring: archive manager and admin (metadata only)
            from .pages.retention import RetentionPage
            specs.append(("retention", self.tr("Gallring"), RetentionPage))
        if can(Act.READ, Rec.CASE):
            specs.append(("case", self.tr("Case"), CaseViewPage))
        return specs

    def _build_pages(self) -> None:
        for key, title, cls in self._page_specs():
            page = cls(self.ctx)
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            if key == "case":
                item.setHidden(True)  # reached by opening a case
        if not self.pages:
            label = QLabel(self.tr("Your role has no pages in the desktop application yet."))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(label)

    def _show_row(self, row: int) -> None:
        item = self.nav.item(row)
        if item is not None:
            self.show_page(item.data(Qt.ItemDataRole.UserRole))

    def show_page(self, key: str) -> Page | None:
        page = self.pages.get(key)
        if page is None:
            return None
        self.stack.setCurrentWidget(page)
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.item(i).setHidden(False)
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(i)
                self.nav.blockSignals(False)
        return page

    def open_case(self, case_id: int) -> None:
        page = self.show_page("case")
        if page is not None:
            page.load(case_id)  # type: ignore[attr-defined]

    def open_meeting(self, meeting_id: int) -> None:
        page = self.show_page("meetings")
        if page is not None:
            page.open_meeting(meeting_id)  # type: ignore[attr-defined]

    def _broadcast(self, changes: frozenset[Topic]) -> None:
        for page in self.pages.values():
            page.on_changed(changes)

    # -- chrome ---------------------------------------------------------------
    def _build_status_bar(self) -> None:
        actor = self.services.actor
        bar = self.statusBar()
        roles = ", ".join(vocab.ROLES.label(r, "sv") for r in sorted(actor.roles))
        self.user_label = QLabel(self.tr("Logged in: %1 (%2) – %3")
                                 .replace("%1", actor.display_name or actor.username)
                                 .replace("%2", vocab.AGENCIES.label(actor.agency)).replace("%3", roles))
        # Where the data lives: the file, or the server's address (``services.location``).
        location = getattr(self.services, "location", None)
        self.db_label = QLabel(location or self.db_path.name)
        self.db_label.setToolTip(location or str(self.db_path))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        self.executor.busy_changed.connect(self.busy.setVisible)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        bar.addWidget(self.user_label, 1)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.db_label)
        bar.addPermanentWidget(self.lock_button)

    def _build_shortcuts(self) -> None:
        def shortcut(keys: str, handler) -> None:
            QShortcut(QKeySequence(keys), self, handler)

        shortcut("Ctrl+L", self.lock_requested.emit)
        shortcut("Ctrl+N", self._new_case)
        shortcut("Ctrl+F", self._search)
        shortcut("Ctrl+S", self._save)

    def _build_menu(self) -> None:
        """File menu: backup, restore, lock, quit (R22/R29). Lock's Ctrl+L stays the
        window shortcut above; the menu only shows it (a second binding would be ambiguous)."""
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.backup_action = menu.addAction(self.tr("&Back up now…"), self.backup_now)
        self.restore_action = menu.addAction(self.tr("&Restore from backup…"), self.restore_from_backup)
        menu.addSeparator()
        self.lock_action = menu.addAction(self.tr("&Lock") + "\tCtrl+L", self.lock_requested.emit)
        self.quit_action = menu.addAction(self.tr("&Quit"), self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.file_menu = menu
        self.backup_dialog: QDialog | None = None
        if self.services.local_file is None:  # a server backend: backups are the server's (README)
            self.backup_action.setVisible(False)
            self.restore_action.setVisible(False)

    def backup_now(self) -> QDialog:
        from .dialogs.backup_dialogs import BackupDialog
        dialog = BackupDialog(self.services, self.executor, self.db_path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "backup_dialog", None))
        self.backup_dialog = dialog
        dialog.open()
        return dialog

    def restore_from_backup(self) -> QDialog:
        from .dialogs.backup_dialogs import remember_database
        from .dialogs.restore_dialog import show_restore_for

        def remember(path) -> None:
            remember_database(path)
            self.statusBar().showMessage(self.tr("The restored database opens the next time Trygg Desktop "
                                                 "starts: %1").replace("%1", str(path)), 15000)

        dialog = show_restore_for(self, self.executor, self.db_path, remember,
                                  open_text=self.tr("&Open it at the next start"))
        dialog.destroyed.connect(lambda *_: setattr(self, "backup_dialog", None))
        self.backup_dialog = dialog
        return dialog

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.closing.emit()
        super().closeEvent(event)

    def _new_case(self) -> None:
        page = self.show_page("cases")
        if page is not None and hasattr(page, "new_case"):
            page.new_case()

    def _search(self) -> None:
        page = self.show_page("cases")
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    def _save(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "save"):
            page.save()

    # -- lock -----------------------------------------------------------------
    def has_unsaved_edits(self) -> bool:
        """True if any page, any widget inside one (the meeting editor sits in its page)
        or any open dialog reports edits that a lock would throw away."""
        candidates: list[QWidget] = [*self.pages.values(), *self.findChildren(QWidget)]
        candidates += [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        for widget in candidates:
            ask = getattr(widget, "has_unsaved_edits", None)
            if callable(ask) and ask():
                return True
        return False

    def clear_everything(self) -> None:
        """The lock sequence's UI half: finish writes, close dialogs, empty pages."""
        self.poll_timer.stop()
        self.executor.wait_idle()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for page in self.pages.values():
            page.clear()
        self.user_label.clear()
        from .clipboard import clear_sensitive
        clear_sensitive()  # a copied personnummer does not outlive the lock
