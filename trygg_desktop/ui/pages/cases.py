"""Cases ("Ärenden"): one list for SSPF, TREFAS and avhoppare cases.

The list shows only what the services return for this user (they filter by
case connection, consent and restricted modules, and mask personnummer for
roles that must not see it). Filters and the quick search go to the database
(``CaseFilter``); the model loads pages as the user scrolls, so ten thousand
cases stay as quick as ten. Enter or a double-click opens the case.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget,
                               QTableView, QWidget)

from ...domain import vocab
from ...domain.access import Act, Rec
from ...domain.consent import TRAFFIC_LIGHTS
from ...api.changes import Topic
from ...api.inputs import CaseFilter
from ...api.results import UnitDTO, UserDTO
from ..errors import show_error
from ..models.case_table import ID_ROLE, CaseTableModel, rows_per_screen
from .base import Context, Page
from .case_filters import CaseFilterBar

SEARCH_DELAY_MS = 250
# Typical content per column, to size columns without measuring every row.
COLUMN_SAMPLES = {
    CaseTableModel.REFERENCE: "SSPF-2026-0000", CaseTableModel.KIND: "Avhoppare",
    CaseTableModel.STATUS: max((t.sv for v in vocab.CASE_STATUSES.values() for t in v), key=len), CaseTableModel.NAME: "Alexandra Johansson Berg",
    CaseTableModel.PNR: "20110503-0000", CaseTableModel.UNIT: "SSPF Tureberg", CaseTableModel.AREA: "Tureberg",
    CaseTableModel.REFERRAL: "2026-11-22", CaseTableModel.FOLLOW_UP: "2026-11-22",
    CaseTableModel.CONSENT: "●  " + max((t.sv for t in TRAFFIC_LIGHTS), key=len), CaseTableModel.PROTECTED: "⚠ Skyddad",
}


class CasesPage(Page):
    title = "Cases"
    cares_about = frozenset({Topic.CASES, Topic.CASE, Topic.CONSENTS, Topic.PERSONS, Topic.USERS})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.wizard = None
        self.emergency_dialog = None
        self._sort = (CaseTableModel.REFERENCE, Qt.SortOrder.AscendingOrder)
        self._build_header()
        self.filters = CaseFilterBar(self)
        self.filters.changed.connect(self.apply_filter)
        self.filters.reset_button.clicked.connect(self.reset_filters)
        self.search = self.filters.search   # the page's keyboard flow starts here
        self.root.addWidget(self.filters)
        self._build_table()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        # Keyboard: Down moves from the search into the results, Enter opens the selected
        # (or first) case, and Up on the first row goes back to the search.
        self._open_when_loaded = False
        self.search.returnPressed.connect(self._search_entered)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        chain = [*self.filters.tab_chain(), self.table, self.refresh_button, self.emergency_button, self.new_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- construction ------------------------------------------------------------------
    def _build_header(self) -> None:
        row = QHBoxLayout()
        heading = QLabel(self.tr("Cases"))
        heading.setStyleSheet("font-size:16pt; font-weight:600;")
        row.addWidget(heading)
        row.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#555;")
        row.addWidget(self.count_label)
        self.refresh_button = QPushButton(self.tr("R&efresh"))
        self.refresh_button.setToolTip(self.tr("Load the list again (F5)"))
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        self.new_button = QPushButton(self.tr("&New case…"))
        self.new_button.setToolTip(self.tr("Register a new referral (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_case)
        self.new_button.setVisible(self.ctx.can(Act.CREATE, Rec.CASE))
        self.emergency_button = QPushButton(self.tr("E&mergency access…"))
        self.emergency_button.setToolTip(self.tr("Read a case of your agency that you are not connected to, "
                                                 "in an emergency (logged and reviewed)"))
        self.emergency_button.clicked.connect(self.emergency_access)
        self.emergency_button.setVisible(bool(self.ctx.actor.roles & vocab.CASE_WORK_ROLES))
        row.addWidget(self.emergency_button)
        row.addWidget(self.new_button)
        self.root.insertLayout(0, row)

    def _build_table(self) -> None:
        services = self.ctx.services
        self.model = CaseTableModel(lambda f: services.cases.list(f), self.ctx.executor, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        for col, sample in COLUMN_SAMPLES.items():
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 14) + 12
            self.table.setColumnWidth(col, width)
        header.setMinimumSectionSize(metrics.horizontalAdvance("SSPF") + 12)
        header.setSortIndicator(*self._sort)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.activated.connect(self._open_index)
        self._add_copy_action()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#555; font-size:11pt; padding:24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.root.addWidget(self.stack, 1)

    # -- filtering ---------------------------------------------------------------------
    def _options_loaded(self, result: tuple[list[UnitDTO], list[UserDTO]]) -> None:
        self.filters.set_options(*result)
        self.apply_filter()

    def current_filter(self) -> CaseFilter:
        column, order = self._sort
        return self.filters.case_filter(CaseTableModel.SORT_KEYS.get(column, "reference"),
                                        order == Qt.SortOrder.DescendingOrder)

    def apply_filter(self) -> None:
        self._open_when_loaded = False
        self._timer.stop()
        self.count_label.setText(self.tr("Loading…"))
        if self.table.isVisible():
            self.model.first_page_size = rows_per_screen(self.table)
        self.model.set_filter(self.current_filter())

    def reset_filters(self) -> None:
        self.filters.reset()
        self.apply_filter()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column in CaseTableModel.SORT_KEYS:
            self._sort = (column, order)
            return
        header = self.table.horizontalHeader()  # the database cannot sort by this column: keep the old one
        header.blockSignals(True)
        header.setSortIndicator(*self._sort)
        header.blockSignals(False)
        self.status_message.emit(self.tr("The list can be sorted by reference, status, name or referral date."))

    def _loaded(self, rows: int, total: int) -> None:
        self.count_label.setText(self.tr("%n case(s)", "", total))
        if total == 0:
            if self.filters.active() or not self.filters.open_only.isChecked():
                text = self.tr("No cases match the search and filters. Clear the filters to see all your cases.")
            elif self.ctx.can(Act.CREATE, Rec.CASE):
                text = self.tr("You have no open cases. Register a referral with “New case” (Ctrl+N).")
            else:
                text = self.tr("No cases yet. Cases you are connected to appear here.")
            self.empty.setText(text)
        self.stack.setCurrentWidget(self.table if total else self.empty)
        if self._open_when_loaded:
            self._open_when_loaded = False
            if total:
                self.open_selected_or_first()

    # -- actions ------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        users = self.ctx.services.users
        self.query(lambda: (users.list_units(), users.directory()), self._options_loaded)

    def _open_index(self, index) -> None:
        case_id = index.data(ID_ROLE) if index.isValid() else None
        if case_id is not None:
            self.ctx.open_case(case_id)

    def _add_copy_action(self) -> None:
        """Right-click (or Ctrl+Shift+C) on a row: copy the personnummer safely, only
        when this reader sees it in full (ui/clipboard.py: hinted, cleared after 30 s)."""
        from PySide6.QtGui import QAction, QKeySequence
        self.copy_pnr_action = QAction(self.tr("Copy &personnummer"), self.table)
        self.copy_pnr_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_pnr_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_pnr_action.triggered.connect(self.copy_personnummer)
        self.table.addAction(self.copy_pnr_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.copy_pnr_action.setEnabled(self._copyable_pnr() is not None))
        self.copy_pnr_action.setEnabled(False)

    def _copyable_pnr(self) -> str | None:
        from ...domain import personnummer
        from ...api.errors import TryggError
        index = self.table.currentIndex()
        case = self.model.case(index.row()) if index.isValid() else None
        value = case.pnr_display if case is not None else None
        if not value or personnummer.MASK_CHAR in value:
            return None
        try:
            return personnummer.Personnummer(value.replace("-", "").replace("+", "")).long_form()
        except (ValueError, TryggError):  # a reserve id, not a personnummer
            return None

    def copy_personnummer(self) -> bool:
        return self.copy_personnummer_value(self._copyable_pnr())

    def open_selected(self) -> None:
        self._open_index(self.table.currentIndex())

    # -- keyboard ------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if watched is self.search and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                return self.focus_results()
            if watched is self.table and event.key() == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)

    def focus_results(self) -> bool:
        """Move the keyboard focus into the list, on the selected row or else the first one."""
        if self._timer.isActive():
            self.apply_filter()  # what was typed is searched first
        if self.model.rowCount() == 0:
            return False
        if not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _search_entered(self) -> None:
        """Enter in the search: a pending search runs first, then the selected (or first) case opens."""
        if self._timer.isActive():
            self.apply_filter()
        if self.model.loading:
            self._open_when_loaded = True  # opened in ``_loaded`` when the results are in
        elif self.model.rowCount():
            self.open_selected_or_first()

    def open_selected_or_first(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        index = rows[0] if rows else self.model.index(0, 0)
        self._open_index(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_case(self) -> None:
        if not self.ctx.can(Act.CREATE, Rec.CASE):
            return
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        from ..dialogs.new_case import NewCaseWizard
        wizard = NewCaseWizard(self.ctx, self)
        self.wizard = wizard
        wizard.finished.connect(self._wizard_closed)
        wizard.open()

    def emergency_access(self) -> None:
        """Nödåtkomst: find a case of the own agency and open it READ-only with a reason."""
        if not self.ctx.actor.roles & vocab.CASE_WORK_ROLES:
            return
        if self.emergency_dialog is not None:
            self.emergency_dialog.raise_()
            return
        from ..dialogs.emergency_dialog import EmergencyDialog
        dialog = EmergencyDialog(self.ctx, self, query=self.search.text().strip())
        self.emergency_dialog = dialog
        dialog.finished.connect(self._emergency_closed)
        dialog.open()

    def _emergency_closed(self) -> None:
        if self.emergency_dialog is not None:
            self.emergency_dialog.deleteLater()
            self.emergency_dialog = None

    def _wizard_closed(self) -> None:
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    def clear(self) -> None:
        """Lock: drop every case DTO, the search text, the option lists and the wizard."""
        self._timer.stop()
        if self.wizard is not None:
            self.wizard.reject()
        if self.emergency_dialog is not None:
            self.emergency_dialog.clear()
            self.emergency_dialog.reject()
        self.model.clear()
        self.filters.clear_search()
        self.filters.set_options([], [])
        self.count_label.clear()
        self.empty.clear()
        super().clear()
