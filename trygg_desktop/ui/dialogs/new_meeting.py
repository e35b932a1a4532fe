"""The new-meeting dialog: a case meeting (chosen by reference or name) or a group-level one.

Collects a ``MeetingInput`` and emits it (see ``meeting_form``); a refusal for lack of
consent can lead straight to the case's consent tab.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Callable

from PySide6.QtCore import QDateTime, Qt, QTime, QTimer
from PySide6.QtWidgets import QButtonGroup, QDateTimeEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, \
    QTimeEdit, QWidget

from ...domain import vocab
from ...domain.timefmt import fmt_clock
from ...api.inputs import CaseFilter
from ...api.results import CaseSummary, UnitDTO
from ...api.inputs import MeetingInput
from ..tasks import QueryOp
from .meeting_form import MeetingFormDialog, combo_box, select_data

#: A new meeting lasts this long unless the user sets another end (the end follows the start).
DEFAULT_MINUTES = 75
CASE_MEETING_TYPES = ("NATVERKSMOTE", "UPPFOLJNINGSMOTE", "TREFASMOTE")
GROUP_MEETING_TYPES = ("ARBETSGRUPPSMOTE", "STYRGRUPPSMOTE", "TREFASMOTE")


class NewMeetingDialog(MeetingFormDialog):
    """A case meeting (chosen by reference or name) or a group-level meeting of one of the user's units."""

    def __init__(self, ctx, units: list[UnitDTO], today: date, parent: QWidget | None = None,
                 case: CaseSummary | None = None, on_consent: Callable[[int], None] | None = None) -> None:
        """``on_consent(case_id)``: where a refusal for lack of consent leads (the case's consent
        tab); without it the refusal is only said."""
        super().__init__(self.tr("New meeting"), self.tr("Create meeting"), parent)
        self.ctx = ctx
        self.on_consent = on_consent
        self.consent_button = QPushButton(self.tr("&Open the consent tab"))
        self.consent_button.setToolTip(self.tr("Register or renew the consent of the case, then book the meeting"))
        self.consent_button.setAutoDefault(False)
        self.consent_button.clicked.connect(self._go_to_consent)
        self.consent_button.hide()
        self.layout_.insertWidget(self.layout_.indexOf(self.banner) + 1, self.consent_button, 0,
                                  Qt.AlignmentFlag.AlignLeft)
        self.case_radio = QRadioButton(self.tr("&Case meeting (named youth)"))
        self.group_radio = QRadioButton(self.tr("&Group level (anonymised)"))
        kinds = QButtonGroup(self)
        for radio in (self.case_radio, self.group_radio):
            kinds.addButton(radio)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.case_radio)
        kind_row.addWidget(self.group_radio)
        kind_row.addStretch(1)
        self.form.addRow(self.tr("Meeting about:"), kind_row)
        self.case_search = QLineEdit()
        self.case_search.setAccessibleName(self.tr("Search case by reference or name"))
        self.case_search.setPlaceholderText(self.tr("Reference (e.g. SSPF-2026-0001) or name"))
        self.search_button = QPushButton(self.tr("Searc&h"))
        self.search_button.setAutoDefault(False)
        search_row = QHBoxLayout()
        search_row.addWidget(self.case_search, 1)
        search_row.addWidget(self.search_button)
        self.search_label = QLabel(self.tr("&Find case:"))
        self.search_label.setBuddy(self.case_search)
        self.form.addRow(self.search_label, search_row)
        self.case_combo = combo_box(self.tr("Case"), [])
        self.case_label = QLabel(self.tr("C&ase:"))
        self.case_label.setBuddy(self.case_combo)
        self.form.addRow(self.case_label, self.case_combo)
        self.unit_combo = combo_box(self.tr("Unit"), [(u.name, u.id) for u in units])
        self.unit_label = QLabel(self.tr("&Unit:"))
        self.unit_label.setBuddy(self.unit_combo)
        self.form.addRow(self.unit_label, self.unit_combo)
        self.type_combo = combo_box(self.tr("Meeting type"), [])
        self.form.addRow(self.tr("&Type:"), self.type_combo)
        start = datetime.combine(today, time(hour=14))
        self.starts = QDateTimeEdit(QDateTime(start))
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setCalendarPopup(True)
        self.starts.setAccessibleName(self.tr("Start date and time"))
        self.form.addRow(self.tr("&Starts:"), self.starts)
        self.ends = QTimeEdit(QTime(15, 15))
        self.ends.setDisplayFormat("HH:mm")
        self.ends.setAccessibleName(self.tr("End time"))
        self.form.addRow(self.tr("&Ends at:"), self.ends)
        # The end follows the start, keeping the length the user gave (default 1 h 15 min).
        self._minutes = DEFAULT_MINUTES
        self.starts.dateTimeChanged.connect(self._start_moved)
        self.ends.timeChanged.connect(self._end_moved)
        self.place = self._line(self.tr("&Place:"), self.tr("Place"),
                                self.tr("Room or school (no address if identity is protected)"))
        self.finish_layout()
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter in the search field searches, it does not create
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(350)
        self._search_timer.timeout.connect(self.search_now)
        self.case_search.textEdited.connect(lambda _t: self._search_timer.start())
        self.case_search.returnPressed.connect(self.search_now)
        self.search_button.clicked.connect(self.search_now)
        self.case_radio.toggled.connect(self._kind_changed)
        self.group_radio.setEnabled(bool(units))
        if case is not None:
            self.case_combo.addItem(self._case_text(case), case.id)
        self.case_radio.setChecked(True)
        self._kind_changed()

    def failed(self, exc: BaseException) -> None:
        super().failed(exc)
        case_id = self.case_combo.currentData()
        self.consent_button.setVisible(self.on_consent is not None and case_id is not None
                                       and getattr(exc, "code", "") == "meeting.consent_required")

    def submit(self) -> None:
        self.consent_button.hide()
        super().submit()

    def _go_to_consent(self) -> None:
        case_id = self.case_combo.currentData()
        self.reject()
        if self.on_consent is not None and case_id is not None:
            self.on_consent(case_id)

    def _start_moved(self, value: QDateTime) -> None:
        end = value.toPython() + timedelta(minutes=self._minutes)
        self.ends.blockSignals(True)
        self.ends.setTime(QTime(end.hour, end.minute))
        self.ends.blockSignals(False)

    def _end_moved(self, value: QTime) -> None:
        start = self.starts.dateTime().toPython()
        minutes = (value.hour() * 60 + value.minute()) - (start.hour * 60 + start.minute)
        if minutes > 0:
            self._minutes = minutes

    @property
    def is_case_meeting(self) -> bool:
        return self.case_radio.isChecked()

    def _kind_changed(self, *_args) -> None:
        case = self.is_case_meeting
        for widget in (self.search_label, self.case_search, self.search_button, self.case_label, self.case_combo):
            widget.setVisible(case)
        self.unit_label.setVisible(not case)
        self.unit_combo.setVisible(not case)
        current = self.type_combo.currentData()
        self.type_combo.clear()
        for code in (CASE_MEETING_TYPES if case else GROUP_MEETING_TYPES):
            self.type_combo.addItem(vocab.MEETING_TYPES.label(code), code)
        select_data(self.type_combo, current)

    @staticmethod
    def _case_text(case: CaseSummary) -> str:
        return f"{case.reference} – {case.person_name} ({vocab.CASE_STATUSES[case.kind].label(case.status)})"

    def search_now(self) -> None:
        self._search_timer.stop()
        text = self.case_search.text().strip()
        if len(text) < 2:
            return
        cases = self.ctx.services.cases
        QueryOp(lambda: cases.list(CaseFilter(query=text, open_only=True, limit=25))[0]) \
            .success(self._show_cases).failure(self.failed).run(self.ctx.executor)

    def _show_cases(self, cases: list[CaseSummary]) -> None:
        self.case_combo.clear()
        for case in cases:
            self.case_combo.addItem(self._case_text(case), case.id)
        if not cases:
            self.show_banner(self.tr("No open case matches that search."), "info")
        else:
            self.banner.clear()

    def collect(self) -> MeetingInput | None:
        starts = self.starts.dateTime().toPython().replace(second=0, microsecond=0)
        ends = datetime.combine(starts.date(), self.ends.time().toPython())
        if ends <= starts:  # said, never dropped: the user corrects it (or sets a later end)
            self.show_banner(self.tr("The meeting ends before it starts. Set an end time after %1.")
                             .replace("%1", fmt_clock(starts)))
            self.ends.setFocus()
            return None
        common = dict(meeting_type=self.type_combo.currentData(), starts_at=starts, ends_at=ends,
                      place=self.place.text().strip() or None)
        if self.is_case_meeting:
            if self.case_combo.currentData() is None:
                self.show_banner(self.tr("Search for the case and choose it first."))
                self.case_search.setFocus()
                return None
            return MeetingInput(case_id=self.case_combo.currentData(), **common)
        return MeetingInput(unit_id=self.unit_combo.currentData(), anonymised=True, **common)
