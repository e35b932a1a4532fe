"""The incidents of the lägesbild's period, to check and correct them (EST).

The coordinator sees every agency's reports, a reporter their own agency's (the service
decides: ``est_incidents.list``); the joint picture stays the lägesbild. Enter or a double
click on a row, or *Correct…*, opens the incident form on it; the save is guarded by the
incident's version, so a colleague's change in between is said, never overwritten.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from ...domain import vocab
from ...domain.periods import Period
from ...domain.timefmt import fmt_clock
from ..errors import error_text
from ..models.simple_table import ROW_ROLE, Column, DtoTableModel, setup_table_view, sorting_proxy
from ..tasks import QueryOp
from ..widgets.banner import Banner


class IncidentListDialog(QDialog):
    def __init__(self, ctx, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.period = ctx, period
        self.editor = None
        self.setWindowTitle(self.tr("Incidents: %1").replace("%1", period.label))
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.model = DtoTableModel([
            Column(self.tr("Date"), lambda i: i.occurred_on),
            Column(self.tr("Time"), lambda i: fmt_clock(i.occurred_from) if i.time_known else ""),
            Column(self.tr("Area"), lambda i: i.area_name),
            Column(self.tr("Place"), lambda i: i.place or "", stretch=True),
            Column(self.tr("Category"), lambda i: i.subcategory_label or i.category_label,
                   tooltip=lambda i: i.category_label),
            Column(self.tr("Reported by"), lambda i: vocab.EST_SOURCES.label(i.reporting_agency)),
            Column(self.tr("Police"), lambda i: self.tr("yes") if i.police_reported else ""),
        ], parent=self, text_tooltips=True)
        self.view = QTableView()
        setup_table_view(self.view, sorting_proxy(self.model, self), self.tr("Incidents"))
        self.view.activated.connect(lambda index: self.correct(index.data(ROW_ROLE)))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.correct_button = buttons.addButton(self.tr("&Correct…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button.clicked.connect(lambda: self.correct(self.selected()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 520)
        self.reload()

    def reload(self) -> None:
        service, p = self.ctx.services.est_incidents, self.period
        QueryOp(lambda: service.list(p.start, p.end)).success(self._shown).failure(
            lambda e: self.banner.show_message(error_text(e))).run(self.ctx.executor)

    def _shown(self, result) -> None:
        incidents, total = result
        self.model.set_rows(incidents)
        self.count.setText(self.tr("%1 of %2 incidents shown").replace("%1", str(len(incidents)))
                           .replace("%2", str(total)))
        if incidents:
            self.view.selectRow(0)

    def selected(self):
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def correct(self, incident) -> None:
        if incident is None:
            return
        from .incident_dialog import IncidentDialog
        setup, incidents = self.ctx.services.est_setup, self.ctx.services.est_incidents

        def opened(result) -> None:
            fresh_setup, defaults, fresh = result
            self.editor = IncidentDialog(self.ctx, fresh_setup, defaults, self, incident=fresh)
            self.editor.accepted.connect(self.reload)
            self.editor.open()
        # The incident as it is now (another user may have corrected it since the list was read).
        QueryOp(lambda: (setup.setup(), incidents.defaults(), incidents.get(incident.id))).success(opened) \
            .failure(lambda e: self.banner.show_message(error_text(e))).run(self.ctx.executor)
