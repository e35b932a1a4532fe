"""Log page ("Logg"): the log reviewer's search in the audit log and the chain check.

Log review (loggkontroll, DOMAIN.md §6.6) looks for what stands out: refused
access, failed logins, bulk exports, reads of restricted records. The filters
map one to one onto ``AuditFilter``; the case filter takes a case reference or a
personnummer (a person's every case), never an internal id. Rows show the action's
label, the user's name and the case reference (``ui/audit_text.py``); flagged rows
are tinted so they catch the eye. "Verify chain" recomputes every event's MAC and checks the database pages,
so a deleted or edited event is reported with its sequence number.
Timestamps are stored in UTC and shown in local time.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QTableView, QWidget)

from ...domain import vocab
from ...api.changes import Topic
from ...api.errors import NotFound, ValidationError
from ...domain.timefmt import SECONDS, fmt_instant, utc_midnight
from ...api.inputs import AuditFilter
from ...api.results import AuditEventDTO
from ..audit_text import action_text, case_text, record_text, user_text
from ..errors import error_text, show_error
from ..models.simple_table import ROW_ROLE, SORT_ROLE, Column, DtoTableModel
from ..tasks import QueryOp
from ..widgets.banner import Banner
from .base import Page

ROW_LIMIT = 1000
DTO_ROLE = ROW_ROLE  # an event's DTO through the proxy (the name the page's callers use)

FLAGS = {
    "FAILED_LOGIN": QT_TRANSLATE_NOOP("AuditLog", "Failed login"),
    "DENIED": QT_TRANSLATE_NOOP("AuditLog", "Access denied"),
    "BULK": QT_TRANSLATE_NOOP("AuditLog", "Bulk operation"),
    "EXPORT": QT_TRANSLATE_NOOP("AuditLog", "Export"),
    "RESTRICTED": QT_TRANSLATE_NOOP("AuditLog", "Restricted record"),
    "KEY_ROTATION": QT_TRANSLATE_NOOP("AuditLog", "Key rotation"),
    "DISCLOSURE": QT_TRANSLATE_NOOP("AuditLog", "Disclosure"),
    "RECOVERY_CODE": QT_TRANSLATE_NOOP("AuditLog", "Recovery code used"),
    "SHARING_STOPPED": QT_TRANSLATE_NOOP("AuditLog", "Sharing stopped"),
}
# Flags that point at a possible misuse or attack get the stronger tint.
ALARM_FLAGS = frozenset({"DENIED", "FAILED_LOGIN", "RECOVERY_CODE"})

CHAIN_PROBLEMS = {
    "edited": QT_TRANSLATE_NOOP("AuditLog", "an event was changed"),
    "deleted": QT_TRANSLATE_NOOP("AuditLog", "an event is missing"),
    "reordered": QT_TRANSLATE_NOOP("AuditLog", "events are out of order"),
    "truncated": QT_TRANSLATE_NOOP("AuditLog", "the newest events were cut off"),
    "anchor_mismatch": QT_TRANSLATE_NOOP("AuditLog", "an event differs from a saved anchor"),
    "head_mismatch": QT_TRANSLATE_NOOP("AuditLog", "the chain head does not match"),
}

# Errors of the case filter that the reviewer fixes in the field (shown beside it, not as a crash).
CASE_FILTER_ERRORS = ("audit.case_query", "case.not_found", "person.not_found")


def flag_label(code: str) -> str:
    source = FLAGS.get(code)
    return QCoreApplication.translate("AuditLog", source) if source else code


def event_flags(e: AuditEventDTO) -> list[str]:
    return [f for f in (e.flags or "").split(",") if f]


def _tint(e: AuditEventDTO) -> str | None:
    flags = set(event_flags(e))
    return "#fde2e2" if flags & ALARM_FLAGS else "#fff1c9" if flags else None


def _ink(e: AuditEventDTO) -> str | None:
    return "#6b0f0f" if set(event_flags(e)) & ALARM_FLAGS else None


class AuditModel(DtoTableModel):
    """Events as rows, tinted by their flags; the time column sorts in the log's own order."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent=parent, text_tooltips=True)
        by_seq = {"sort_key": lambda e: e.seq}
        self.columns = tuple(Column(title, getter, background=_tint, foreground=_ink, **extra)
                             for title, getter, extra in (
            (self.tr("No."), lambda e: e.seq, {"align": Qt.AlignmentFlag.AlignRight}),
            (self.tr("Time"), lambda e: fmt_instant(e.ts, SECONDS), by_seq),
            (self.tr("User"), lambda e: user_text(e.user_name, e.username), {}),
            (self.tr("Role"), lambda e: ", ".join(vocab.ROLES.label(r) for r in e.role.split(",")) if e.role else "",
             {}),
            (self.tr("Action"), lambda e: action_text(e.action), {}),
            (self.tr("Record"), lambda e: record_text(e.entity, e.entity_id, e.record_name), {}),
            (self.tr("Case"), lambda e: case_text(e.case_reference, e.case_id, e.case_disposed), {}),
            (self.tr("Flags"), lambda e: ", ".join(flag_label(f) for f in event_flags(e)), {}),
        ))


class AuditLogPage(Page):
    title = QT_TRANSLATE_NOOP("MainWindow", "Log")
    cares_about = frozenset({Topic.ALL})  # a colleague's change; own saves show on the next Search

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[AuditEventDTO] = []
        self.verify_result = None
        heading = QLabel(self.tr("Log"))
        heading.setStyleSheet("font-size:15pt; font-weight:600;")
        self.root.addWidget(heading)
        info = QLabel(self.tr("Search the log of every read, change, export and refused attempt. Rows with a "
                              "flag are tinted; red rows deserve a closer look. Reading the log is logged too. "
                              "The monthly review with sign-off and a PDF report is on the Review tab."))
        info.setWordWrap(True)
        info.setStyleSheet("color:#555;")
        self.root.addWidget(info)
        self.root.addLayout(self._filters())
        self.verify_banner = Banner(self)
        self.root.addWidget(self.verify_banner)
        self.model = AuditModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setAccessibleName(self.tr("Log events"))
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self.root.addWidget(self.view, 1)
        self.empty_label = QLabel(self.tr("No events match the filters."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color:#666; padding:12px;")
        self.empty_label.hide()
        self.root.addWidget(self.empty_label)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#555;")
        self.root.addWidget(self.count_label)
        from .log_review import attach_review_tab  # the Review tab (log review, sign-off, PDF report)
        self.review = attach_review_tab(self)

    # -- filters ----------------------------------------------------------------
    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)

        def labelled(row: int, col: int, text: str, field: QWidget, name: str) -> None:
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(name)
            grid.addWidget(label, row, col)
            grid.addWidget(field, row, col + 1)

        self.user_filter = QLineEdit()
        self.user_filter.setPlaceholderText(self.tr("any user"))
        labelled(0, 0, self.tr("&User name:"), self.user_filter, self.tr("User name"))
        self.case_filter = QLineEdit()
        self.case_filter.setMaxLength(40)
        self.case_filter.setPlaceholderText(self.tr("case reference or personnummer"))
        self.case_filter.setToolTip(self.tr("A case reference such as SSPF-2026-0012, or a personnummer: then "
                                            "every case of that person. A search by personnummer is logged."))
        self.case_filter.textEdited.connect(self._case_filter_edited)
        labelled(0, 2, self.tr("&Case:"), self.case_filter, self.tr("Case reference or personnummer"))
        self.action_filter = QComboBox()
        self.action_filter.addItem(self.tr("any action"), None)
        for term in sorted(vocab.AUDIT_ACTIONS, key=lambda t: t.sv.casefold()):
            self.action_filter.addItem(term.sv, term.code)
        labelled(0, 4, self.tr("&Action:"), self.action_filter, self.tr("Action"))
        self.flag_filter = QComboBox()
        self.flag_filter.addItem(self.tr("any flag"), None)
        for code in ("FAILED_LOGIN", "DENIED", "BULK", "EXPORT", "RESTRICTED", "KEY_ROTATION", "DISCLOSURE",
                     "RECOVERY_CODE"):
            self.flag_filter.addItem(flag_label(code), code)
        labelled(1, 0, self.tr("&Flag:"), self.flag_filter, self.tr("Flag"))
        today = QDate.currentDate()
        self.from_check, self.from_date = self._period(self.tr("F&rom:"), today.addDays(-30), self.tr("From date"))
        self.to_check, self.to_date = self._period(self.tr("&To:"), today, self.tr("To date"))
        grid.addWidget(self.from_check, 1, 2)
        grid.addWidget(self.from_date, 1, 3)
        grid.addWidget(self.to_check, 1, 4)
        grid.addWidget(self.to_date, 1, 5)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.reset_button = QPushButton(self.tr("Clear filters"))
        self.reset_button.clicked.connect(self.reset_filters)
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.setToolTip(self.tr("Check that no event has been changed, removed or reordered, "
                                              "and that the database file is whole."))
        self.verify_button.clicked.connect(self.verify)
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        # The chain and the file's pages are checked where the file is; the server's chain with
        # `trygg-server audit verify` (README, Server operations).
        self.verify_button.setVisible(self.ctx.services.local_file is not None)
        grid.addLayout(buttons, 2, 0, 1, 6)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)
        for edit in (self.user_filter, self.case_filter):
            edit.returnPressed.connect(self.search)
        return grid

    def _period(self, text: str, initial: QDate, name: str) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(text)
        edit = QDateEdit(initial)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        edit.setAccessibleName(name)
        check.setAccessibleName(name)
        check.toggled.connect(edit.setEnabled)
        return check, edit

    def current_filter(self) -> AuditFilter:
        start = utc_midnight(self.from_date.date().toPython()) if self.from_check.isChecked() else None
        end = (utc_midnight(self.to_date.date().toPython() + timedelta(days=1))
               if self.to_check.isChecked() else None)  # the whole "to" day is included
        return AuditFilter(username=self.user_filter.text().strip() or None,
                           case_query=self.case_filter.text().strip() or None,
                           action=self.action_filter.currentData(),
                           flag=self.flag_filter.currentData(), start=start, end=end, limit=ROW_LIMIT)

    def reset_filters(self) -> None:
        self.user_filter.clear()
        self.case_filter.clear()
        self._mark_case_filter(False)
        self.action_filter.setCurrentIndex(0)
        self.flag_filter.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.search()

    # -- data -------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.search()

    def search(self) -> None:
        audit_filter = self.current_filter()
        if audit_filter.start and audit_filter.end and audit_filter.start >= audit_filter.end:
            self.show_banner(self.tr("The period ends before it starts."), "warning")
            return
        self.banner.clear()
        audit_view = self.ctx.services.audit_view
        QueryOp(lambda: audit_view.search(audit_filter)).success(self._loaded).failure(self._search_failed) \
            .run(self.ctx.executor)

    def _search_failed(self, exc: BaseException) -> None:
        """A case filter the service cannot resolve is the reviewer's to fix: say why beside the field."""
        if isinstance(exc, (ValidationError, NotFound)) and (
                exc.code in CASE_FILTER_ERRORS or exc.code.startswith("personnummer.")):
            self._mark_case_filter(True)
            self.rows = []  # the table must not look like the answer to the refused filter
            self.model.clear()
            self.count_label.clear()
            self.empty_label.hide()
            self.show_banner(error_text(exc), "warning")
            self.case_filter.setFocus()
            self.case_filter.selectAll()
        else:
            show_error(self, exc)

    def _mark_case_filter(self, bad: bool) -> None:
        self.case_filter.setStyleSheet("QLineEdit { border: 1px solid #b3261e; }" if bad else "")

    def _case_filter_edited(self, _text: str) -> None:
        self._mark_case_filter(False)

    def _loaded(self, rows: list[AuditEventDTO]) -> None:
        self._mark_case_filter(False)
        self.rows = rows
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        for column, cap in ((2, 180), (3, 260), (5, 160)):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), cap))
        self.empty_label.setVisible(not rows)
        flagged = sum(1 for e in rows if e.flags)
        text = self.tr("%n event(s)", "", len(rows)) + " · " + self.tr("%n flagged", "", flagged)
        if len(rows) >= ROW_LIMIT:
            text += " · " + self.tr("only the newest %1 are shown: narrow the filters").replace("%1", str(ROW_LIMIT))
        self.count_label.setText(text)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_banner.show_message(self.tr("Checking the log chain and the database pages…"), "info")
        integrity, review = self.ctx.services.integrity, self.ctx.services.log_review

        def run():  # against the anchors of signed-off reviews too (R20): a rolled-back copy fails
            return integrity.verify([a.pair for a in review.load_anchors()])
        QueryOp(run).success(self._verified).failure(self._verify_failed).run(self.ctx.executor)

    def _verified(self, report) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result = report
        if report.ok:
            self.verify_banner.show_message(
                self.tr("The log is intact: %1 events, chain head %2 (event %3). The database pages are whole.")
                .replace("%1", str(report.events)).replace("%2", report.head_mac[:16])
                .replace("%3", str(report.last_seq)), "success")
        elif report.chain_problems:
            first = report.chain_problems[0]
            kind = CHAIN_PROBLEMS.get(first.kind)
            self.verify_banner.show_message(
                self.tr("The log chain is broken at event %1: %2. %n problem(s) in all. Report this to the "
                        "information security officer; do not change the database.", "", len(report.chain_problems))
                .replace("%1", str(first.seq))
                .replace("%2", QCoreApplication.translate("AuditLog", kind) if kind else first.kind), "error")
        else:
            self.verify_banner.show_message(
                self.tr("The log chain is intact, but the database file has damaged pages (%1). Restore the "
                        "newest backup and contact IT.").replace("%1", str(report.page_problems[0])), "error")

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_banner.clear()
        show_error(self, exc)

    def clear(self) -> None:
        super().clear()
        self.rows = []
        self.model.clear()
        self.verify_result = None
        self.verify_banner.clear()
        self.count_label.clear()
        self.empty_label.hide()
        self.review.clear()
        self.user_filter.clear()
        self.case_filter.clear()
        self._mark_case_filter(False)
        self.action_filter.setCurrentIndex(0)
