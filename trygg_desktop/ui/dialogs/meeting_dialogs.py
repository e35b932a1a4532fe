"""Data-entry dialogs of the meeting screens: new meeting, attendee, action, correction.

A dialog only collects and checks input and emits ``submitted(input)``; the caller
runs the service call and closes the dialog on success or shows the refusal in the
dialog's own banner (``show_error(dialog, exc)``), so the user corrects one field
instead of retyping everything, e.g. an agency outside the consent
(``meeting.attendee_consent``). Dialogs are opened with ``open()`` (window-modal,
not a nested event loop), which keeps the lock sequence and the tests simple.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Callable

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QRadioButton, QTimeEdit, QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.inputs import CaseFilter
from ...api.results import CaseSummary, UnitDTO, UserDTO
from ...api.inputs import AttendeeInput, MeetingInput
from ...api.inputs import ActionInput
from ..errors import show_error
from ..tasks import QueryOp
from ..widgets.banner import Banner

#: A new meeting lasts this long unless the user sets another end (the end follows the start).
DEFAULT_MINUTES = 75
CASE_MEETING_TYPES = ("NATVERKSMOTE", "UPPFOLJNINGSMOTE", "TREFASMOTE")
GROUP_MEETING_TYPES = ("ARBETSGRUPPSMOTE", "STYRGRUPPSMOTE", "TREFASMOTE")
WARNING_STYLE = "color:#8a5a00;"


class MeetingFormDialog(QDialog):
    """A banner, a form and OK/Cancel; OK emits ``submitted(collect())`` when the input is complete."""

    submitted = Signal(object)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(480)
        self.layout_ = QVBoxLayout(self)
        self.banner = Banner(self)
        self.layout_.addWidget(self.banner)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def failed(self, exc: BaseException) -> None:
        show_error(self, exc)

    def submit(self) -> None:
        self.banner.clear()
        value = self.collect()
        if value is not None:
            self.submitted.emit(value)

    def collect(self) -> object | None:
        raise NotImplementedError

    def _line(self, label: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit


def _combo(accessible: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    for text, data in items:
        combo.addItem(text, data)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


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
        self.case_combo = _combo(self.tr("Case"), [])
        self.case_label = QLabel(self.tr("C&ase:"))
        self.case_label.setBuddy(self.case_combo)
        self.form.addRow(self.case_label, self.case_combo)
        self.unit_combo = _combo(self.tr("Unit"), [(u.name, u.id) for u in units])
        self.unit_label = QLabel(self.tr("&Unit:"))
        self.unit_label.setBuddy(self.unit_combo)
        self.form.addRow(self.unit_label, self.unit_combo)
        self.type_combo = _combo(self.tr("Meeting type"), [])
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
                             .replace("%1", starts.strftime("%H:%M")))
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


class AttendeeDialog(MeetingFormDialog):
    """One line of NÄRVARANDE; warns at once when the agency is outside the consent."""

    def __init__(self, covered: frozenset[str] | None, group_level: bool, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add attendee"), self.tr("Add"), parent)
        self.covered = covered
        self.name = self._line(self.tr("&Name:"), self.tr("Name"))
        self.function = self._line(self.tr("&Function:"), self.tr("Function"), self.tr("e.g. mentor, field worker"))
        self.organisation = self._line(self.tr("&Organisation:"), self.tr("Organisation"),
                                       self.tr("e.g. the school or police area"))
        agencies: list[tuple[str, object]] = [] if group_level else [
            (self.tr("– none (youth, guardian, private network) –"), None)]
        agencies += [(t.sv, t.code) for t in vocab.AGENCIES]
        self.agency = _combo(self.tr("Agency"), agencies)
        self.form.addRow(self.tr("&Agency:"), self.agency)
        self.role = _combo(self.tr("Role in the meeting"), [(t.sv, t.code) for t in vocab.MEETING_ROLES])
        select_data(self.role, "DELTAGARE")
        self.form.addRow(self.tr("&Role in the meeting:"), self.role)
        self.present = QCheckBox(self.tr("&Present (untick for absent / sent apologies)"))
        self.present.setChecked(True)
        self.present.setAccessibleName(self.tr("Present"))
        self.form.addRow("", self.present)
        self.part_note = self._line(self.tr("Part &note:"), self.tr("Part note"),
                                    self.tr("e.g. attended §§ 1–4"))
        self.consent_hint = QLabel()
        self.consent_hint.setWordWrap(True)
        self.consent_hint.setStyleSheet("color:#5f6b7a;")
        if covered is not None:
            names = ", ".join(vocab.AGENCIES.label(a) for a in vocab.AGENCIES.codes if a in covered)
            self.consent_hint.setText(self.tr("The consent covers: %1. Only they may attend.")
                                      .replace("%1", names or self.tr("no agency")))
        self.layout_.addWidget(self.consent_hint)
        self.agency_warning = QLabel(self.tr("This agency is not covered by the consent."))
        self.agency_warning.setStyleSheet(WARNING_STYLE)
        self.agency_warning.hide()
        self.layout_.addWidget(self.agency_warning)
        self._add_basis_fields()
        self.agency.currentIndexChanged.connect(self._agency_changed)
        self.finish_layout()
        self._agency_changed()

    def _add_basis_fields(self) -> None:
        """Outside the consent an agency may still attend on a legal basis, recorded as a disclosure."""
        self.basis_box = QWidget()
        basis_form = QFormLayout(self.basis_box)
        basis_form.setContentsMargins(0, 0, 0, 0)
        self.legal_basis = _combo(self.tr("Legal basis"), [(self.tr("– choose –"), None)] + [
            (t.sv, t.code) for t in vocab.LEGAL_BASES if t.code not in ("SAMTYCKE", "ANONYMISERAD")])
        basis_label = QLabel(self.tr("Legal &basis:"))
        basis_label.setBuddy(self.legal_basis)
        basis_form.addRow(basis_label, self.legal_basis)
        self.legal_basis_text = QLineEdit()
        self.legal_basis_text.setAccessibleName(self.tr("Law and section"))
        self.legal_basis_text.setPlaceholderText(self.tr("e.g. OSL 25 kap. 12 §"))
        self.basis_text_label = QLabel(self.tr("&Law and section:"))
        self.basis_text_label.setBuddy(self.legal_basis_text)
        basis_form.addRow(self.basis_text_label, self.legal_basis_text)
        basis_info = QLabel(self.tr("The attendance is recorded as a disclosure with this legal basis."))
        basis_info.setWordWrap(True)
        basis_info.setStyleSheet("color:#5f6b7a;")
        basis_form.addRow(basis_info)
        self.layout_.addWidget(self.basis_box)
        self.legal_basis.currentIndexChanged.connect(self._basis_changed)
        self._basis_changed()

    def needs_basis(self) -> bool:
        code = self.agency.currentData()
        return self.covered is not None and code is not None and code not in self.covered

    def _agency_changed(self, *_args) -> None:
        outside = self.needs_basis()
        self.agency_warning.setVisible(outside)
        self.basis_box.setVisible(outside)
        self.adjustSize()

    def _basis_changed(self, *_args) -> None:
        other = self.legal_basis.currentData() == "OTHER"
        self.basis_text_label.setVisible(other)
        self.legal_basis_text.setVisible(other)

    def collect(self) -> AttendeeInput | None:
        name = self.name.text().strip()
        if not name:
            self.show_banner(self.tr("Enter the attendee's name."))
            self.name.setFocus()
            return None
        basis = self.legal_basis.currentData() if self.needs_basis() else None
        basis_text = (self.legal_basis_text.text().strip() or None) if basis == "OTHER" else None
        if basis == "OTHER" and basis_text is None:
            self.show_banner(self.tr("Name the law and section for the disclosure."))
            self.legal_basis_text.setFocus()
            return None
        return AttendeeInput(name=name, function=self.function.text().strip() or None,
                             organisation=self.organisation.text().strip() or None, agency=self.agency.currentData(),
                             meeting_role=self.role.currentData(), present=self.present.isChecked(),
                             part_note=self.part_note.text().strip() or None,
                             legal_basis=basis, legal_basis_text=basis_text)


class MeetingActionDialog(MeetingFormDialog):
    """An åtagande decided in the meeting: what, who (agency, colleague, name) and by when."""

    def __init__(self, users: list[UserDTO], default_due: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Action decided in the meeting"), self.tr("Add action"), parent)
        self.users = [u for u in users if u.active]
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Action"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.form.addRow(self.tr("&Action:"), self.description)
        self.action_type = _combo(self.tr("Action type"),
                                  [(self.tr("– choose –"), None)] + [(t.sv, t.code) for t in vocab.ACTION_TYPES])
        self.form.addRow(self.tr("&Type:"), self.action_type)
        self.agency = _combo(self.tr("Responsible agency"), [(t.sv, t.code) for t in vocab.AGENCIES])
        self.form.addRow(self.tr("Responsible a&gency:"), self.agency)
        self.user = _combo(self.tr("Responsible colleague"), [])
        self.form.addRow(self.tr("Responsible &colleague:"), self.user)
        self.person = self._line(self.tr("Responsible &person:"), self.tr("Responsible person"),
                                 self.tr("Name and organisation, e.g. Mentor, Tureberg school"))
        self.due = QDateEdit(QDate(default_due))
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setCalendarPopup(True)
        self.due.setAccessibleName(self.tr("Due date"))
        self.form.addRow(self.tr("&Due by:"), self.due)
        self.follow_up_set = QCheckBox(self.tr("&Follow up on"))
        self.follow_up_set.setAccessibleName(self.tr("Set a follow-up date"))
        self.follow_up = QDateEdit(QDate(default_due + timedelta(days=14)))
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setAccessibleName(self.tr("Follow-up date"))
        self.follow_up.setEnabled(False)
        self.follow_up_set.toggled.connect(self.follow_up.setEnabled)
        self.form.addRow(self.follow_up_set, self.follow_up)
        self.finish_layout()
        self.action_type.currentIndexChanged.connect(self._type_changed)
        self.agency.currentIndexChanged.connect(self._fill_users)
        self._fill_users()

    def _type_changed(self, *_args) -> None:
        agency = vocab.ACTION_TYPE_AGENCY.get(self.action_type.currentData() or "")
        if agency:
            select_data(self.agency, agency)

    def _fill_users(self, *_args) -> None:
        agency = self.agency.currentData()
        self.user.clear()
        self.user.addItem(self.tr("– the agency (no named colleague) –"), None)
        for u in self.users:
            if u.agency == agency:
                self.user.addItem(f"{u.display_name} ({u.username})", u.id)

    def collect(self) -> ActionInput | None:
        text = self.description.toPlainText().strip()
        if not text:
            self.show_banner(self.tr("Describe the action."))
            self.description.setFocus()
            return None
        user_id = self.user.currentData()
        person = self.person.text().strip() or None
        if person is None and user_id is not None:
            person = next((u.display_name for u in self.users if u.id == user_id), None)
        return ActionInput(description=text, responsible_agency=self.agency.currentData(),
                           action_type=self.action_type.currentData(), responsible_person=person,
                           responsible_user_id=user_id, due_date=self.due.date().toPython(),
                           follow_up_date=self.follow_up.date().toPython() if self.follow_up_set.isChecked() else None)


class ProtocolCorrectionDialog(MeetingFormDialog):
    """A rättelse/tillägg to an approved protocol: appended with date and author, never an edit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add correction"), self.tr("Add correction"), parent)
        info = QLabel(self.tr("The approved protocol is not changed. The correction is added below it "
                              "with today's date and your name."))
        info.setWordWrap(True)
        self.form.addRow(info)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Correction"))
        self.text.setTabChangesFocus(True)
        self.form.addRow(self.tr("&Correction:"), self.text)
        self.finish_layout()

    def collect(self) -> str | None:
        text = self.text.toPlainText().strip()
        if not text:
            self.show_banner(self.tr("Write the correction."))
            return None
        return text
