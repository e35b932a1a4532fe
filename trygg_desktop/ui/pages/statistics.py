"""Uppföljning: the steering group's page (tertial, year or any range; per kind and unit).

The page asks ``StatisticsService`` for a report, which is already suppressed and holds
aggregates only, and shows what it prints: the comparison with the previous period and
the same period last year, the trend and the bar charts (the PDF's own Drawings, as SVG),
then every section's tables, key figures and lead times. Print and "Save as PDF" use the
renderer the composition root installed (``printing.renderer("statistics")``) and are
logged by the service first (``record_output``: STATS_PRINT); the CSV/XLSX export is the
service's (STATS_EXPORT). Every file is written after a warning that it is not encrypted.

Access is the service's: a user whose role has no statistics capability never gets the
page (``MainWindow``), and the service refuses and audits anyone else all the same.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ...domain import vocab
from ...api.errors import TryggError
from ...domain.periods import Period
from ...api.inputs import MAX_THRESHOLD, MIN_THRESHOLD
from ...api.results import FollowUpReport, Section
from .. import printing
from ..errors import error_text
from ..report_outputs import ReportOutputs
from ..tasks import QueryOp
from ..widgets.stat_views import ChartView, GridView, ReportBody, heading, note, page_title
from .base import Page

#: Which chart follows which table (as in the PDF).
CHART_AFTER = {"referral_source": "chart_source", "age": "chart_age", "actions": "chart_actions"}
TERTIAL, YEAR, RANGE = "TERTIAL", "YEAR", "RANGE"


def last_completed_tertial(today: date) -> Period:
    """A follow-up is made after its tertial: the default is the last one that has ended."""
    current = Period.tertial(today.year, next(n for n in (1, 2, 3) if Period.tertial(today.year, n).end >= today))
    return current if current.end <= today else current.previous()


class StatisticsPage(Page):
    title = QT_TRANSLATE_NOOP("MainWindow", "Follow-up")
    cares_about = frozenset()  # figures are asked for, not pushed: "Show" makes a new report

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: FollowUpReport | None = None
        service = ctx.services.statistics
        self.outputs = ReportOutputs(self, "statistics", lambda r: service.record_output(r, "PRINT", "pdf"),
                                     lambda _r: self._file_name("pdf"), self._warning)
        self._options_loaded = False
        self.root.addWidget(page_title(self.tr("Follow-up for the steering group")))
        self.root.addWidget(note(self.tr(
            "Aggregated figures per tertial, year or any range of days, with small numbers hidden (\"<5\", "
            "and \"..\" where a small number could otherwise be worked out). No person, case or date of a "
            "single case is shown.")))
        self.root.addLayout(self._filters())
        self.root.addLayout(self._actions())
        self.scroll = ReportBody()
        self.content, self.body = self.scroll.content, self.scroll.layout_
        self.root.addWidget(self.scroll, 1)
        self._set_ready(False)

    # -- filters ----------------------------------------------------------------------------
    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        self.period_kind = QComboBox()
        for code, text in ((TERTIAL, self.tr("Tertial")), (YEAR, self.tr("Year")), (RANGE, self.tr("Date range"))):
            self.period_kind.addItem(text, code)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.tertial = QComboBox()
        for n, text in ((1, self.tr("T1 (Jan–Apr)")), (2, self.tr("T2 (May–Aug)")), (3, self.tr("T3 (Sep–Dec)"))):
            self.tertial.addItem(text, n)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.unit = QComboBox()
        self.threshold = QSpinBox()
        self.threshold.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.threshold.setValue(MIN_THRESHOLD)
        self.threshold.setToolTip(self.tr("Counts from 1 up to one below this are shown as \"<N\"."))
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.show_report)
        fields = [(self.tr("&Period"), self.period_kind), (self.tr("&Year"), self.year),
                  (self.tr("&Tertial"), self.tertial), (self.tr("&From"), self.start), (self.tr("T&o"), self.end),
                  (self.tr("&Kind"), self.kind), (self.tr("&Unit"), self.unit),
                  (self.tr("Small &numbers below"), self.threshold)]
        self.labels: dict[QWidget, QLabel] = {}
        for i, (text, widget) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            self.labels[widget] = label
            grid.addWidget(label, 0, i)
            grid.addWidget(widget, 1, i)
        grid.addWidget(self.show_button, 1, len(fields))
        grid.setColumnStretch(len(fields) + 1, 1)
        self.period_kind.currentIndexChanged.connect(self._period_fields)
        for widget in (self.period_kind, self.year, self.tertial, self.start, self.end, self.kind, self.unit,
                       self.threshold):
            widget.installEventFilter(self)  # Enter in any filter shows the report
        default = last_completed_tertial(self.ctx.services.today or date.today())
        self.year.setValue(default.year)
        self.tertial.setCurrentIndex(default.number - 1)
        self.start.setDate(QDate(default.start.year, default.start.month, default.start.day))
        self.end.setDate(QDate(default.end.year, default.end.month, default.end.day))
        self._period_fields()
        return grid

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = getattr(watched, "view", None)
            if popup is None or not popup().isVisible():  # an open combo list takes Enter itself
                self.show_report()
                return True
        return super().eventFilter(watched, event)

    def _period_fields(self) -> None:
        kind = self.period_kind.currentData()
        for widget, shown in ((self.year, kind != RANGE), (self.tertial, kind == TERTIAL),
                              (self.start, kind == RANGE), (self.end, kind == RANGE)):
            widget.setVisible(shown)
            self.labels[widget].setVisible(shown)

    def period(self) -> Period:
        kind = self.period_kind.currentData()
        if kind == TERTIAL:
            return Period.tertial(self.year.value(), self.tertial.currentData())
        if kind == YEAR:
            return Period.of_year(self.year.value())
        return Period.between(self.start.date().toPython(), self.end.date().toPython())

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.print_button.clicked.connect(self.print_report)
        self.save_button = QPushButton(self.tr("Save as P&DF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.csv_button = QPushButton(self.tr("Export &CSV…"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button = QPushButton(self.tr("Export &Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        for button in (self.print_button, self.save_button, self.csv_button, self.xlsx_button):
            row.addWidget(button)
        return row

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_button, self.csv_button, self.xlsx_button):
            button.setEnabled(ready)

    # -- the report -------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if not self._options_loaded:
            self.query(self.ctx.services.statistics.options, self._fill_options)

    def _fill_options(self, options) -> None:
        self._options_loaded = True
        self.kind.clear()
        self.kind.addItem(self.tr("All my kinds") if len(options.kinds) > 1 else vocab.CASE_KINDS.label(options.kinds[0]),
                          None)
        if len(options.kinds) > 1:
            for code in options.kinds:
                self.kind.addItem(vocab.CASE_KINDS.label(code), code)
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        for unit_id, name in options.units:
            self.unit.addItem(name, unit_id)
        self.show_report()

    def show_report(self) -> None:
        try:
            period = self.period()
        except TryggError as exc:
            self.show_banner(error_text(exc))
            return
        service, kind, unit = self.ctx.services.statistics, self.kind.currentData(), self.unit.currentData()
        threshold = self.threshold.value()
        self.banner.clear()
        self.summary.setText(self.tr("Preparing the report…"))
        self._set_ready(False)
        QueryOp(lambda: service.report(period, kind=kind, unit_id=unit, threshold=threshold)) \
            .success(self._shown).failure(self._failed).run(self.ctx.executor)

    def _failed(self, exc: BaseException) -> None:
        self.summary.clear()
        self.show_banner(error_text(exc))

    def _shown(self, report: FollowUpReport) -> None:
        self.report = report
        self.outputs.show(report)
        self.scroll.clear()
        hidden = sum(len(t.table.primary) + len(t.table.secondary) for t in report.tables)
        summary = self.tr("%1 · %2 · %3 tables, %4 values hidden").replace("%1", report.period.label) \
            .replace("%2", report.scope_label).replace("%3", str(len(report.tables))).replace("%4", str(hidden))
        if report.period.running:
            summary += " · " + self.tr("the period is running: figures up to %1").replace(
                "%1", report.period.as_of.isoformat())
        self.summary.setText(summary)
        self._set_ready(True)
        printable = self.outputs.available
        for button in (self.print_button, self.save_button):
            button.setEnabled(printable)
            button.setToolTip("" if printable else self.tr(
                "Printing is not available in this installation (the report module is missing). Contact IT."))
        self.body.addWidget(note("\n".join("• " + n for n in report.notes)))
        self._comparison(report)
        for section in report.sections:
            self._section(report, section)
        self.body.addStretch(1)

    def _chart(self, report: FollowUpReport, key: str) -> None:
        draw = printing.renderer("chart_svg")
        if draw is None or key not in {c.key for c in report.charts}:
            return
        chart = report.chart(key)
        if chart.style != "line" and chart.empty:
            return
        self.body.addWidget(ChartView(draw(chart), chart.title, self.content))

    def _comparison(self, report: FollowUpReport) -> None:
        comp = report.comparison
        self.body.addWidget(heading(self.tr("Compared with the previous period and the same period last year")))
        self.body.addWidget(GridView([self.tr("Measure"), *(p.short_label for p in comp.periods)],
                                     [[r.label, *r.texts] for r in comp.rows], self.tr("Comparison"),
                                     parent=self.content))
        if comp.note:
            self.body.addWidget(note(comp.note))
        self._chart(report, "chart_cases")
        self._chart(report, "chart_trend")

    def _section(self, report: FollowUpReport, section: Section) -> None:
        self.body.addWidget(heading(section.title))
        if section.note:
            self.body.addWidget(note(section.note))
        for table in section.tables:
            self.body.addWidget(heading(table.title, 3))
            self.body.addWidget(GridView(table.header(), table.printed_rows(), table.title,
                                         total_row=table.shows_total_row, total_column=table.shows_total_column,
                                         parent=self.content))
            if table.note:
                self.body.addWidget(note(table.note))
            if table.key in CHART_AFTER:
                self._chart(report, CHART_AFTER[table.key])
        if section.figures:
            self.body.addWidget(heading(self.tr("Key figures"), 3))
            self.body.addWidget(GridView([self.tr("Key figure"), self.tr("Value"), self.tr("Based on")],
                                         [[f.label, f.text, f.n_text] for f in section.figures],
                                         self.tr("Key figures") + " – " + section.title, parent=self.content))
        if section.durations:
            self.body.addWidget(heading(self.tr("Lead times (days from referral)"), 3))
            self.body.addWidget(GridView(
                [self.tr("Measure"), self.tr("Median"), self.tr("75th percentile"), self.tr("Based on")],
                [[d.label, d.median_text, d.p75_text, d.n_text] for d in section.durations],
                self.tr("Lead times") + " – " + section.title, parent=self.content))

    # -- outputs ----------------------------------------------------------------------------
    def _warning(self) -> str:
        return self.tr("The file will not be encrypted. It holds aggregated statistics with small numbers hidden, "
                       "no personal data, but keep and delete it according to the municipality's routines.\n\n"
                       "Save the file?")

    def _file_name(self, suffix: str) -> str:
        assert self.report is not None
        return f"uppfoljning-{self.report.period.code.replace('..', '_')}.{suffix}"

    def print_report(self) -> None:
        self.outputs.print()

    def save_pdf(self) -> None:
        self.outputs.save()

    def export(self, fmt: str) -> None:
        if self.report is None:
            return
        filters = {"csv": self.tr("CSV files (*.csv)"), "xlsx": self.tr("Excel workbooks (*.xlsx)")}
        path = printing.choose_save_path(self, self._file_name(fmt), warning=self._warning(), file_filter=filters[fmt])
        if path is None:
            return
        report, service = self.report, self.ctx.services.statistics
        QueryOp(lambda: service.export(report, Path(path), fmt)).success(
            lambda written: self.show_banner(self.tr("Saved (not encrypted): %1").replace("%1", str(written)),
                                             "success")).failure(self._failed).run(self.ctx.executor)

    @property
    def pdf(self) -> bytes | None:
        return self.outputs.pdf

    def clear(self) -> None:
        super().clear()
        self.report = None
        self.outputs.show(None)
        self._options_loaded = False
        self.scroll.clear()
        self.summary.clear()
        self.kind.clear()
        self.unit.clear()
        self._set_ready(False)
