"""The "Review" tab of the Log page: the monthly log review (loggkontroll, DOMAIN.md §6.6).

The log reviewer picks a period (default: last calendar month, the monthly
routine), optionally a user, a person (personnummer) or a case (its reference),
and gets every event of the period
with the flags the service computed (outside the user's unit, no active
assignment, protected identity, print/export, unusual hours, failed login,
emergency access, refused). Counts per flag sit above the table. From here the
reviewer previews the PDF report, signs the review off (the chain head becomes
an anchor kept outside the database, R20) and sees the previous reviews.
Timestamps are stored in UTC and shown in local time.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from ...domain import emergency
from ...domain.access import Act, Rec
from ...domain.timefmt import fmt_instant, utc_midnight
from ...api.inputs import FLAG_KINDS, ReviewFilter
from ...api.results import ReviewReport, ReviewSignOff
from ..errors import error_text, show_error
from ..tasks import QueryOp
from ..widgets.banner import Banner
from ..models.simple_table import Column, DtoTableModel
from .log_review_models import ALARM, ROW_ROLE, SORT_ROLE, review_flag_label, review_model, reviews_model

__all__ = ["ROW_ROLE", "LogReviewPanel", "attach_review_tab", "last_calendar_month"]

def last_calendar_month(today: date) -> tuple[date, date]:
    """The monthly routine reviews the month that just ended."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    view.setAccessibleName(name)
    return view


class LogReviewPanel(QWidget):
    """The Review tab. Owns no service state: every call goes through the page's executor."""

    def __init__(self, page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.ctx = page.ctx
        self.report: ReviewReport | None = None
        self.dialog = None
        self.stale = True
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 6, 0, 0)
        info = QLabel(self.tr("The monthly log review: go through the period's events, look closer at the "
                              "flagged ones, then sign the review off. Signing off saves the log's current "
                              "end point as an anchor outside the database."))
        info.setWordWrap(True)
        info.setStyleSheet("color:#555;")
        root.addWidget(info)
        root.addLayout(self._filters())
        self.banner = Banner(self)
        root.addWidget(self.banner)
        self.chips = QLabel()
        self.chips.setWordWrap(True)
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        self.chips.setAccessibleName(self.tr("Counts per flag"))
        root.addWidget(self.chips)
        self.model = review_model(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = _table(self.proxy, self.tr("Reviewed events"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.reviews_model = reviews_model(self)
        self.reviews_view = _table(self.reviews_model, self.tr("Previous reviews"))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(self.tr("Previous reviews")))
        lower_layout.addWidget(self.reviews_view, 1)
        self.no_reviews = QLabel(self.tr("No review has been signed off yet. Sign off each month's review "
                                         "when you have gone through it."))
        self.no_reviews.setStyleSheet("color:#666; padding:4px;")
        lower_layout.addWidget(self.no_reviews)
        # Emergency access in the period with the reasons given (kept in the database, never
        # in the log): the reviewer checks each one (DOMAIN.md 6.6).
        self.grants_model = DtoTableModel([
            Column(self.tr("Granted"), lambda r: fmt_instant(r.grant.granted_at)),
            Column(self.tr("User"), lambda r: r.username),
            Column(self.tr("Case"), lambda r: r.grant.reference),
            Column(self.tr("Purpose"), lambda r: emergency.PURPOSES.label(r.grant.purpose)),
            Column(self.tr("Reason"), lambda r: r.grant.reason, stretch=True)], parent=self)
        self.grants_view = _table(self.grants_model, self.tr("Emergency access in the period"))
        self.grants_label = QLabel(self.tr("Emergency access in the period (with the reasons given)"))
        lower_layout.addWidget(self.grants_label)
        lower_layout.addWidget(self.grants_view, 1)
        lower_layout.addStretch(0)  # keeps the empty-state text under its heading
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        root.addWidget(splitter, 1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#555;")
        root.addWidget(self.count_label)

    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)

        def labelled(row: int, col: int, text: str, field: QWidget, name: str, compact: bool = False) -> None:
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(name)
            grid.addWidget(label, row, col)
            if compact:
                grid.addWidget(field, row, col + 1, Qt.AlignmentFlag.AlignLeft)
            else:
                grid.addWidget(field, row, col + 1)

        first, last = last_calendar_month(date.today())
        self.from_date = self._date_edit(first)
        self.to_date = self._date_edit(last)
        labelled(0, 0, self.tr("F&rom:"), self.from_date, self.tr("From date"), compact=True)
        labelled(0, 2, self.tr("&To:"), self.to_date, self.tr("To date"), compact=True)
        self.flagged_only = QCheckBox(self.tr("F&lagged only"))
        self.flagged_only.setAccessibleName(self.tr("Flagged only"))
        grid.addWidget(self.flagged_only, 0, 4, 1, 2)  # spans the case filter's label column too
        self.user_filter = QLineEdit()
        self.user_filter.setPlaceholderText(self.tr("any user"))
        labelled(1, 0, self.tr("&User name:"), self.user_filter, self.tr("User name"))
        self.person_filter = QLineEdit()
        self.person_filter.setPlaceholderText(self.tr("any person (personnummer)"))
        labelled(1, 2, self.tr("&Person:"), self.person_filter, self.tr("Personnummer"))
        self.case_filter = QLineEdit()
        self.case_filter.setMaxLength(40)
        self.case_filter.setPlaceholderText(self.tr("any case (case reference)"))
        labelled(1, 4, self.tr("&Case:"), self.case_filter, self.tr("Case reference"))
        buttons = QHBoxLayout()
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.load)
        self.pdf_button = QPushButton(self.tr("Report (&PDF)…"))
        self.pdf_button.clicked.connect(self.open_report)
        self.sign_button = QPushButton(self.tr("Sign &off review…"))
        self.sign_button.clicked.connect(self.sign_off)
        self.anchor_button = QPushButton(self.tr("Save &anchor copy…"))
        self.anchor_button.setToolTip(self.tr("Save every anchor to a file to keep outside this computer."))
        self.anchor_button.clicked.connect(self.save_anchors)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        for button in (self.pdf_button, self.sign_button, self.anchor_button):
            buttons.addWidget(button)
        self.anchor_button.setVisible(self.ctx.services.local_file is not None)  # a file on this PC only
        grid.addLayout(buttons, 2, 0, 1, 6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        for edit in (self.user_filter, self.person_filter, self.case_filter):
            edit.returnPressed.connect(self.load)
        can_print = self.ctx.can(Act.PRINT, Rec.AUDIT_LOG) or self.ctx.can(Act.EXPORT, Rec.AUDIT_LOG)
        self.pdf_button.setVisible(can_print)
        return grid

    @staticmethod
    def _date_edit(day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2026-10-31") + 48)
        return edit

    # -- data ------------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return self.from_date.date().toPython(), self.to_date.date().toPython()

    def current_filter(self) -> ReviewFilter:
        start, end = self.period()
        return ReviewFilter(start=start, end=end, username=self.user_filter.text().strip() or None,
                            person_pnr=self.person_filter.text().strip() or None,
                            case_query=self.case_filter.text().strip() or None,
                            flags_only=self.flagged_only.isChecked())

    def refresh(self) -> None:
        self.stale = False
        self.load()
        service = self.ctx.services.log_review
        self.page.query(service.list_reviews, self._reviews_loaded)

    def _reviews_loaded(self, reviews: list[ReviewSignOff]) -> None:
        self.reviews_model.set_rows(reviews)
        self.no_reviews.setVisible(not reviews)
        self.reviews_view.setVisible(bool(reviews))
        self.reviews_view.resizeColumnsToContents()

    def load(self) -> None:
        start, end = self.period()
        if end < start:
            self.banner.show_message(self.tr("The period ends before it starts."), "warning")
            return
        self.banner.clear()
        review_filter = self.current_filter()
        service = self.ctx.services.log_review
        QueryOp(lambda: service.report(review_filter)).success(self._loaded) \
            .failure(self._failed).run(self.ctx.executor)
        # Local midnights as aware UTC instants (what the grants are compared with).
        since, until = (utc_midnight(d)
                        for d in (start, end + timedelta(days=1)))
        grants = self.ctx.services.emergency
        QueryOp(lambda: [r for r in grants.review(since=since) if r.grant.granted_at < until]) \
            .success(self._grants_loaded).failure(self._failed).run(self.ctx.executor)

    def _grants_loaded(self, rows) -> None:
        self.grants_model.set_rows(rows)
        self.grants_label.setVisible(bool(rows))
        self.grants_view.setVisible(bool(rows))
        self.grants_view.resizeColumnsToContents()

    def _failed(self, exc: BaseException) -> None:
        from ...api.errors import NotFound, PersonnummerError, ValidationError
        if isinstance(exc, (ValidationError, NotFound)) and exc.code in ("audit.case_query", "case.not_found"):
            self.banner.show_message(error_text(exc), "warning")
        elif isinstance(exc, PersonnummerError):
            self.banner.show_message(self.tr("That is not a valid personnummer."), "warning")
        elif isinstance(exc, NotFound):
            self.banner.show_message(self.tr("No person with that personnummer is registered."), "warning")
        else:
            show_error(self, exc)

    def _loaded(self, report: ReviewReport) -> None:
        self.report = report
        self.model.set_rows(list(report.rows))
        self.view.resizeColumnsToContents()
        for column, cap in ((2, 160), (3, 260), (4, 280)):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), cap))
        chips = []
        for kind in FLAG_KINDS:
            n = report.count(kind)
            colour = ("#fde2e2", "#6b0f0f") if n and kind in ALARM else (("#fff1c9", "#5c4100") if n
                                                                         else ("#eef0f3", "#555"))
            chips.append(f"<span style='background:{colour[0]}; color:{colour[1]};'>&nbsp;"
                         f"{review_flag_label(kind)}: <b>{n}</b>&nbsp;</span>")
        self.chips.setText("&nbsp; ".join(chips))
        text = (self.tr("%n event(s) in the period", "", report.total_events) + " · "
                + self.tr("%n flagged", "", report.flagged_events))
        if report.truncated:
            text += " · " + self.tr("only the first %1 are listed: narrow the filters").replace(
                "%1", str(len(report.rows)))
        self.count_label.setText(text)

    # -- actions -----------------------------------------------------------------------------
    def open_report(self) -> None:
        from ..dialogs.log_review_dialogs import ReviewReportDialog
        self._open(ReviewReportDialog(self.ctx, self.current_filter(), parent=self))

    def sign_off(self) -> None:
        from ..dialogs.log_review_dialogs import SignOffDialog
        start, end = self.period()
        if end < start:
            self.banner.show_message(self.tr("The period ends before it starts."), "warning")
            return
        flagged = self.report.flagged_events if self.report is not None else None
        dialog = SignOffDialog(self.ctx, start, end, flagged, parent=self)
        dialog.signed.connect(lambda _s: self.refresh())
        self._open(dialog)

    def _open(self, dialog) -> None:
        """Window-modal, non-blocking, one at a time; closed on lock with the rest of the page."""
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_finished(d))
        dialog.open()

    def _dialog_finished(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def save_anchors(self) -> None:
        from ..dialogs.log_review_dialogs import save_anchor_copy
        save_anchor_copy(self, self.ctx)

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.report = None
        self.stale = True
        self.model.set_rows([])
        self.reviews_model.set_rows([])
        self.grants_model.set_rows([])
        self.chips.clear()
        self.count_label.clear()
        self.banner.clear()
        self.user_filter.clear()
        self.person_filter.clear()
        self.case_filter.clear()


def attach_review_tab(page) -> LogReviewPanel:
    """Move the Log page's existing content into a "Search" tab and add "Review" beside it.

    Called at the end of ``AuditLogPage.__init__``; the page keeps its own
    widgets and attributes (only their parent changes).
    """
    search = QWidget()
    layout = QVBoxLayout(search)
    layout.setContentsMargins(0, 6, 0, 0)
    root = page.root
    while root.count() > 2:  # the page banner and the heading stay above the tabs
        item = root.takeAt(2)
        if item.widget() is not None:
            layout.addWidget(item.widget(), 1 if item.widget() is getattr(page, "view", None) else 0)
        elif item.layout() is not None:
            layout.addLayout(item.layout())
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    panel = LogReviewPanel(page)
    tabs.addTab(search, QCoreApplication.translate("LogReview", "Search"))
    tabs.addTab(panel, QCoreApplication.translate("LogReview", "Review"))
    tabs.setAccessibleName(QCoreApplication.translate("LogReview", "Log views"))
    root.addWidget(tabs, 1)
    page.tabs = tabs

    def changed(index: int) -> None:
        if tabs.widget(index) is panel and panel.stale:
            panel.refresh()
    tabs.currentChanged.connect(changed)
    return panel
