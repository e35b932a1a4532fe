"""Registrera händelse: the keyboard-first EST incident form, fast enough for the Tuesday meeting.

Defaults are the service's (``est_incidents.defaults``: today, my agency as the reporter);
Tab walks the fields in reading order, Enter saves. *Save and next* keeps the area, the day
and the reporter and clears the rest, for a stack of reports. Before saving, the service's
``check`` gives the warnings (the same place, category and day already registered; text that
reads like a name): they are shown in the dialog and a second Enter saves anyway. A description
that looks like a personnummer is refused by the service and said in the banner; nothing is
lost from the form.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QDate, QTime, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QPlainTextEdit, QSpinBox, QTimeEdit, QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.results import EstSetup, IncidentDTO
from ...api.inputs import IncidentInput
from ..errors import error_text
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner


class IncidentDialog(QDialog):
    def __init__(self, ctx, setup: EstSetup, defaults: IncidentInput, parent: QWidget | None = None, *,
                 incident: IncidentDTO | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.setup, self.defaults = ctx, setup, defaults
        self.incident = incident         # set: correcting this incident (its version guards the save)
        self.saved: list = []            # the IncidentDTOs saved from this dialog
        self._confirmed: IncidentInput | None = None
        self.setWindowTitle(self.tr("Correct incident") if incident else self.tr("Register incident"))
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.category, self.subcategory = QComboBox(), QComboBox()
        for c in setup.categories:
            if c.active:
                self.category.addItem(c.label, c.code)
        self.area, self.place = QComboBox(), QComboBox()
        self.place.setEditable(True)
        for a in setup.areas:
            if a.active:
                self.area.addItem(a.name, a.id)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.time_known = QCheckBox(self.tr("Time of day &known"))
        self.time_from, self.time_to = QTimeEdit(), QTimeEdit()
        for edit in (self.time_from, self.time_to):
            edit.setDisplayFormat("HH:mm")
        self.window = QCheckBox(self.tr("&Until"))
        times = QHBoxLayout()
        for widget in (self.time_known, self.time_from, self.window, self.time_to):
            times.addWidget(widget)
        times.addStretch(1)
        self.source = QComboBox()
        for term in vocab.EST_SOURCES:
            self.source.addItem(term.sv, term.code)
        self.persons = QSpinBox()
        self.persons.setRange(0, 500)
        self.persons.setSpecialValueText(self.tr("unknown"))
        self.police = QCheckBox(self.tr("Re&ported to the police"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What happened, without names or personnummer."))
        self.description.setMaximumHeight(90)
        for label, widget in ((self.tr("&Category"), self.category), (self.tr("S&ubcategory"), self.subcategory),
                              (self.tr("&Area"), self.area), (self.tr("P&lace"), self.place),
                              (self.tr("&Date"), self.day)):
            form.addRow(label, widget)
        form.addRow(self.tr("Time"), times)
        for label, widget in ((self.tr("&Reported by"), self.source), (self.tr("Number of &people"), self.persons),
                              ("", self.police), (self.tr("D&escription"), self.description)):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button = self.buttons.addButton(self.tr("Save and &next"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.disconnect()
        self.save_button.clicked.connect(lambda: self.save(close=True))
        self.next_button.clicked.connect(lambda: self.save(close=False))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.category.currentIndexChanged.connect(self._fill_subcategories)
        self.area.currentIndexChanged.connect(self._fill_places)
        self.time_known.toggled.connect(self._times)
        self.window.toggled.connect(self._times)
        for widget in (self.category, self.subcategory, self.area, self.place, self.day, self.time_known,
                       self.time_from, self.window, self.time_to, self.source, self.persons, self.police,
                       self.description):
            widget.setAccessibleName(form.labelForField(widget).text().replace("&", "")
                                     if form.labelForField(widget) else widget.accessibleName())
        self._reset(keep=False)
        if incident is not None:
            self._load(incident)
            self.next_button.hide()  # one incident is corrected at a time
        self.resize(560, 0)

    # -- form -----------------------------------------------------------------------------
    def _fill_subcategories(self) -> None:
        self.subcategory.clear()
        self.subcategory.addItem(self.tr("(none)"), None)
        code = self.category.currentData()
        for c in self.setup.categories:
            if c.code == code:
                for sub in c.subcategories:
                    if sub.active:
                        self.subcategory.addItem(sub.label, sub.code)

    def _fill_places(self) -> None:
        self.place.clear()
        self.place.addItem("", None)
        for a in self.setup.areas:
            if a.id == self.area.currentData():
                for p in a.places:
                    self.place.addItem(p.name, p.name)

    def _times(self) -> None:
        known = self.time_known.isChecked()
        self.time_from.setEnabled(known)
        self.window.setEnabled(known)
        self.time_to.setEnabled(known and self.window.isChecked())

    def _reset(self, *, keep: bool) -> None:
        """Empty the form; ``keep``: the area, the day and the reporter stay (the next report)."""
        if not keep:
            d = self.defaults.occurred_on
            self.day.setDate(QDate(d.year, d.month, d.day))
            self.source.setCurrentIndex(max(0, self.source.findData(self.defaults.reporting_agency)))
            self.area.setCurrentIndex(0)
            self._fill_places()
        self.category.setCurrentIndex(0)
        self._fill_subcategories()
        self.place.setCurrentIndex(0)
        self.place.setEditText("")
        self.time_known.setChecked(False)
        self.window.setChecked(False)
        self.time_from.setTime(QTime(12, 0))
        self.time_to.setTime(QTime(13, 0))
        self._times()
        self.persons.setValue(0)
        self.police.setChecked(False)
        self.description.clear()
        self._confirmed = None
        self.category.setFocus()

    def _load(self, i: IncidentDTO) -> None:
        """The form filled with the incident to correct."""
        self.category.setCurrentIndex(max(0, self.category.findData(i.category_code)))
        self._fill_subcategories()
        self.subcategory.setCurrentIndex(max(0, self.subcategory.findData(i.subcategory_code)))
        self.area.setCurrentIndex(max(0, self.area.findData(i.area_id)))
        self._fill_places()
        self.place.setEditText(i.place or "")
        self.day.setDate(QDate(i.occurred_on.year, i.occurred_on.month, i.occurred_on.day))
        self.time_known.setChecked(i.time_known)
        if i.time_known:
            self.time_from.setTime(QTime(i.occurred_from.hour, i.occurred_from.minute))
            if i.occurred_to is not None:
                self.window.setChecked(True)
                self.time_to.setTime(QTime(i.occurred_to.hour, i.occurred_to.minute))
        self._times()
        self.source.setCurrentIndex(max(0, self.source.findData(i.reporting_agency)))
        self.persons.setValue(i.persons_involved or 0)
        self.police.setChecked(i.police_reported)
        self.description.setPlainText(i.description or "")

    def value(self) -> IncidentInput:
        known = self.time_known.isChecked()
        return IncidentInput(
            category=self.category.currentData() or "", subcategory=self.subcategory.currentData(),
            area=self.area.currentData() or "", place=self.place.currentText().strip() or None,
            occurred_on=self.day.date().toPython(),
            time_from=self.time_from.time().toPython() if known else None,
            time_to=self.time_to.time().toPython() if known and self.window.isChecked() else None,
            reporting_agency=self.source.currentData(), persons_involved=self.persons.value() or None,
            police_reported=self.police.isChecked(), description=self.description.toPlainText().strip() or None)

    # -- saving ---------------------------------------------------------------------------
    def save(self, *, close: bool) -> None:
        inp = self.value()
        service = self.ctx.services.est_incidents
        if self._confirmed == inp:  # the warnings were shown for exactly this: save anyway
            self._register(inp, close)
            return

        def checked(warnings) -> None:
            if warnings:
                self._confirmed = inp
                self.banner.show_message("\n".join(w.message for w in warnings) + "\n" + self.tr(
                    "Press Save again to save anyway, or change the report."), "warning")
                return
            self._register(inp, close)
        own = self.incident.id if self.incident is not None else None  # a correction is no duplicate of itself
        QueryOp(lambda: service.check(inp, incident_id=own)).success(checked).failure(self._failed) \
            .run(self.ctx.executor)

    def _register(self, inp: IncidentInput, close: bool) -> None:
        service = self.ctx.services.est_incidents

        def done(dto) -> None:
            self.saved.append(dto)
            self.banner.clear()
            self.status.setText(self.tr("Saved: %1, %2, %3").replace("%1", dto.category_label)
                                .replace("%2", dto.area_name).replace("%3", dto.occurred_on.isoformat()))
            if close:
                self.accept()
            else:
                self._reset(keep=True)
        incident = self.incident
        save = partial(service.register, inp) if incident is None else \
            partial(service.update, incident.id, inp, expected_version=incident.version)
        MutationOp(save, None, self.ctx.notify).success(done).failure(self._failed).run(self.ctx.executor)

    def _failed(self, exc: BaseException) -> None:
        self._confirmed = None
        self.banner.show_message(error_text(exc), "error")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.description.hasFocus():
            self.save(close=True)
            return
        super().keyPressEvent(event)
