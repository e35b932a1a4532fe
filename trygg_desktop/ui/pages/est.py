"""EST – lägesbild: the weekly joint picture of incidents by area (trygghetssamordnare, reporters).

The page asks ``EstPictureService`` for the picture of a week, month, tertial or year (default:
the last week that has ended, the one the Tuesday meeting looks at) and shows what the PDF
prints: the areas ranked with their narrative, the area × category table with the change
against the mean of the previous periods and the levels shaded (yellow elevated, orange
serious), the trend lines (the same chart code as the PDF and *Uppföljning*), the weekday ×
hour grid and the actions decided and to follow up. Print and "Save as PDF" are logged by the
service first (EST_PRINT). Counts only: no description, place text or reporter is shown.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ...domain.access import Act, Rec
from ...domain.periods import Period
from ...api.changes import Topic
from ...api.results import EstPicture
from .. import printing
from ..errors import error_text
from ..report_outputs import ReportOutputs
from ..tasks import QueryOp
from ..widgets.stat_views import ChartView, GridView, ReportBody, heading, note, page_title
from .base import Page

LEVEL_COLOURS = {"FORHOJD": "#fbe58a", "ALLVARLIG": "#f4a259"}
#: How many periods of each kind the period list offers, newest first.
CHOICES = {"WEEK": 26, "MONTH": 24, "TERTIAL": 6, "YEAR": 5}


def recent_periods(kind: str, today: date) -> list[Period]:
    """The last ``CHOICES[kind]`` periods that have begun, newest first; the current (running)
    one is included, but the default is the newest that has ended (``default_index``)."""
    current = {"WEEK": Period.week_of, "MONTH": Period.month_of, "TERTIAL": Period.tertial_of,
               "YEAR": lambda d: Period.of_year(d.year)}[kind](today)
    out = [current]
    while len(out) < CHOICES[kind]:
        out.append(out[-1].previous())
    return out


def default_index(periods: list[Period], today: date) -> int:
    return next((i for i, p in enumerate(periods) if p.end < today), 0)


class EstPage(Page):
    title = QT_TRANSLATE_NOOP("MainWindow", "EST")
    cares_about = frozenset({Topic.EST})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.picture: EstPicture | None = None
        service = ctx.services.est_picture
        self.outputs = ReportOutputs(self, "est", lambda p: service.record_output(p, "PRINT", "pdf"),
                                     lambda p: f"lagesbild-{p.period.code}.pdf", self._warning)
        self.incident_dialog = None
        self.incident_list = None
        self.action_dialog = None
        self.root.addWidget(page_title(self.tr("EST – joint picture of incidents by area")))
        self.root.addWidget(note(self.tr(
            "Incidents reported by social services, schools, leisure, the police and the housing company, "
            "counted per area and category against the mean of the previous periods. No person is registered "
            "or shown.")))
        row = QHBoxLayout()
        self.kind = QComboBox()
        for code, text in (("WEEK", self.tr("Week")), ("MONTH", self.tr("Month")), ("TERTIAL", self.tr("Tertial")),
                           ("YEAR", self.tr("Year"))):
            self.kind.addItem(text, code)
        self.period = QComboBox()
        self.period.setMinimumContentsLength(22)
        kind_label, period_label = QLabel(self.tr("&Kind of period")), QLabel(self.tr("&Period"))
        kind_label.setBuddy(self.kind)
        period_label.setBuddy(self.period)
        self.kind.setAccessibleName(self.tr("Kind of period"))
        self.period.setAccessibleName(self.tr("Period"))
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.show_picture)
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.print_button.clicked.connect(lambda: self.outputs.print())
        self.save_button = QPushButton(self.tr("Save as P&DF…"))
        self.save_button.clicked.connect(lambda: self.outputs.save())
        for widget in (kind_label, self.kind, period_label, self.period, self.show_button):
            row.addWidget(widget)
        row.addStretch(1)
        self.root.addLayout(row)
        # The work of the meeting on a row of its own: one row of everything would not fit 1280 px.
        row = QHBoxLayout()
        self.register_button = QPushButton(self.tr("Register &incident…"))
        self.register_button.clicked.connect(self.register_incident)
        self.register_button.setVisible(self.ctx.can(Act.CREATE, Rec.EST_INCIDENT))
        row.addWidget(self.register_button)
        self.decide_button = QPushButton(self.tr("&Decide action…"))
        self.decide_button.clicked.connect(self.decide_action)
        self.decide_button.setVisible(self.ctx.can(Act.CREATE, Rec.EST_ACTION))
        row.addWidget(self.decide_button)
        self.list_button = QPushButton(self.tr("Incidents in the &period…"))
        self.list_button.clicked.connect(self.list_incidents)
        self.list_button.setVisible(self.ctx.can(Act.READ, Rec.EST_INCIDENT))
        row.addWidget(self.list_button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        self.root.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.root.addWidget(self.summary)
        self.scroll = ReportBody()
        self.content, self.body = self.scroll.content, self.scroll.layout_
        self.root.addWidget(self.scroll, 1)
        self.kind.currentIndexChanged.connect(self._fill_periods)
        for widget in (self.kind, self.period):
            widget.installEventFilter(self)
        self._fill_periods()
        self._set_ready(False)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.show_picture()
            return True
        return super().eventFilter(watched, event)

    def _today(self) -> date:
        return self.ctx.services.today or date.today()

    def _fill_periods(self) -> None:
        periods = recent_periods(self.kind.currentData(), self._today())
        self.period.clear()
        for p in periods:
            self.period.addItem(p.label, p.code)
        self.period.setCurrentIndex(default_index(periods, self._today()))

    def _set_ready(self, ready: bool) -> None:
        printable = ready and self.outputs.available
        for button in (self.print_button, self.save_button):
            button.setEnabled(printable)

    # -- the picture ----------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.show_picture()

    def show_picture(self) -> None:
        service, code = self.ctx.services.est_picture, self.period.currentData()
        self.banner.clear()
        self.summary.setText(self.tr("Preparing the picture…"))
        self._set_ready(False)
        QueryOp(lambda: service.picture(code)).success(self._shown).failure(self._failed).run(self.ctx.executor)

    def _failed(self, exc: BaseException) -> None:
        self.summary.clear()
        self.show_banner(error_text(exc))

    def _shown(self, picture: EstPicture) -> None:
        self.picture = picture
        self.outputs.show(picture)
        self.scroll.clear()
        flagged = sum(1 for r in picture.rows for c in (*r.cells, r.total) if c.flagged)
        self.summary.setText(self.tr("%1: %2 incidents (%3 reported to the police), %4 cells with an elevated or "
                                     "serious level").replace("%1", picture.period.label)
                             .replace("%2", str(picture.total)).replace("%3", str(picture.police_reported))
                             .replace("%4", str(flagged)))
        self._set_ready(True)
        self.body.addWidget(heading(self.tr("The situation per area")))
        for narrative in sorted(picture.narratives, key=lambda n: {"ALLVARLIG": 0, "FORHOJD": 1}.get(n.level, 2)):
            text = narrative.text  # it begins with the area's name: that part in bold
            if text.startswith(narrative.area):
                text = f"<b>{_escape(narrative.area)}</b>{_escape(text[len(narrative.area):])}"
            else:
                text = _escape(text)
            label = note(text)
            label.setTextFormat(Qt.TextFormat.RichText)
            if narrative.level in LEVEL_COLOURS:
                label.setStyleSheet(f"background:{LEVEL_COLOURS[narrative.level]}; padding:3px;")
            self.body.addWidget(label)
        draw_map = printing.renderer("est_map")
        if picture.map_areas and draw_map is not None:
            self.body.addWidget(heading(self.tr("Map")))
            self.body.addWidget(ChartView(draw_map(picture), self.tr("Map of the areas by level"), self.content))
        self._area_table(picture)
        self._charts(picture)
        self._grid(picture)
        self._actions(self.tr("Actions decided"), picture.actions)
        self._actions(self.tr("Actions to follow up"), picture.follow_up)
        for text in picture.notes:
            self.body.addWidget(note("• " + text))
        self.body.addStretch(1)

    def _area_table(self, p: EstPicture) -> None:
        self.body.addWidget(heading(self.tr("Incidents per area and category")))
        self.body.addWidget(note(self.tr("Count for the period, in brackets the change against the mean of the "
                                         "previous periods. Yellow: elevated level, orange: serious level.")))
        rows, colours = [], []
        for r in (*p.rows, p.totals):
            rows.append([r.area, *(f"{c.count} ({c.change})" for c in r.cells), f"{r.total.count} ({r.total.change})"])
            colours.append([None, *(LEVEL_COLOURS.get(c.level) for c in r.cells), LEVEL_COLOURS.get(r.total.level)])
        self.body.addWidget(GridView([self.tr("Area"), *p.categories, self.tr("Total")], rows,
                                     self.tr("Incidents per area and category"), total_row=True, total_column=True,
                                     colours=colours, parent=self.content))

    def _charts(self, p: EstPicture) -> None:
        draw = printing.renderer("chart_svg")
        if draw is None:
            return
        if p.season:
            self.body.addWidget(heading(self.tr("Annual analysis: seasonal pattern")))
            for chart in p.season:
                self.body.addWidget(ChartView(draw(chart), chart.title, self.content))
        self.body.addWidget(heading(self.tr("Trend")))
        for chart in (p.trend_total, *p.trend):
            self.body.addWidget(ChartView(draw(chart), chart.title, self.content))

    def _grid(self, p: EstPicture) -> None:
        self.body.addWidget(heading(self.tr("Weekday and hour")))
        header = [self.tr("Day"), *(f"{h:02d}" for h in range(24))]
        rows = [[day, *(str(n) if n else "" for n in counts)] for day, counts in zip(p.grid.weekdays, p.grid.counts)]
        peak = max(p.grid.peak, 1)
        colours = [[None, *(_shade(n / peak) for n in counts)] for counts in p.grid.counts]
        self.body.addWidget(GridView(header, rows, self.tr("Weekday and hour"), colours=colours, parent=self.content))
        if p.grid.unknown_time:
            self.body.addWidget(note(self.tr("%1 incidents without a time of day (or with a window over two hours) "
                                             "are not in the grid.").replace("%1", str(p.grid.unknown_time))))

    def _actions(self, title: str, actions) -> None:
        self.body.addWidget(heading(title, 3))
        if not actions:
            self.body.addWidget(note(self.tr("None.")))
            return
        rows = [[a.description, a.agency_label, a.area_name or a.place_text or "", str(a.decided_on),
                 str(a.due_on or ""), a.status_label + (" – " + self.tr("overdue") if a.overdue else "")]
                for a in actions]
        grid = GridView([self.tr("Action"), self.tr("Agency"), self.tr("Where"), self.tr("Decided"), self.tr("Due"),
                         self.tr("Status")], rows, title, left=(0, 1, 2, 5), parent=self.content)
        if self.ctx.can(Act.UPDATE, Rec.EST_ACTION):  # Enter or a double click: follow the action up
            grid.setToolTip(self.tr("Double-click or press Enter to follow the action up"))
            grid.activated.connect(lambda index, shown=tuple(actions): self.follow_up(shown[index.row()]))
        self.body.addWidget(grid)

    def decide_action(self) -> None:
        from ..dialogs.est_action_dialog import DecideActionDialog
        setup = self.ctx.services.est_setup

        def opened(result) -> None:
            self.action_dialog = DecideActionDialog(self.ctx, result, self._today(), self)
            self.action_dialog.open()
        QueryOp(setup.setup).success(opened).failure(self._failed).run(self.ctx.executor)

    def follow_up(self, action) -> None:
        from ..dialogs.est_action_dialog import FollowUpActionDialog
        self.action_dialog = FollowUpActionDialog(self.ctx, action, self)
        self.action_dialog.open()

    def register_incident(self) -> None:
        """Open the incident form with the service's areas, categories and defaults."""
        from ..dialogs.incident_dialog import IncidentDialog
        setup, incidents = self.ctx.services.est_setup, self.ctx.services.est_incidents

        def opened(result) -> None:
            self.incident_dialog = IncidentDialog(self.ctx, *result, parent=self)
            self.incident_dialog.open()
        QueryOp(lambda: (setup.setup(), incidents.defaults())).success(opened).failure(self._failed) \
            .run(self.ctx.executor)

    def list_incidents(self) -> None:
        """The single reports of the period shown (the user's own agency's, or all for the coordinator)."""
        from ..dialogs.incident_list import IncidentListDialog
        code = self.period.currentData()
        if code is None:
            return
        self.incident_list = IncidentListDialog(self.ctx, Period.parse(code), self)
        self.incident_list.open()

    # -- outputs ----------------------------------------------------------------------------
    def _warning(self) -> str:
        return self.tr("The PDF will not be encrypted. It holds counts of incidents by area, no personal data, but it "
                       "is marked INTERN: keep and delete it according to the municipality's routines.\n\nSave the PDF?")

    @property
    def pdf(self) -> bytes | None:
        return self.outputs.pdf

    def clear(self) -> None:
        super().clear()
        self.picture = None
        self.outputs.show(None)
        self.scroll.clear()
        self.summary.clear()
        self._set_ready(False)


def _shade(share: float) -> str | None:
    """Blue, darker for busier hours (the grid's heat map); nothing for an empty hour."""
    if share <= 0:
        return None
    level = int(235 - 120 * min(share, 1.0))
    return f"#{level:02x}{min(level + 10, 255):02x}ff"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["EstPage", "default_index", "recent_periods"]
