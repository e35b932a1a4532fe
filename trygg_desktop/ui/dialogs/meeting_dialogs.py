"""Data-entry dialogs of the meeting editor: attendee, action decided in the meeting, correction.

Each collects and checks its input and emits ``submitted(input)`` (see ``meeting_form``);
the new-meeting dialog lives in ``new_meeting``.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...domain import vocab
from ...api.results import UserDTO
from ...api.inputs import AttendeeInput
from ...api.inputs import ActionInput
from .meeting_form import WARNING_STYLE, MeetingFormDialog, combo_box, select_data


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
        self.agency = combo_box(self.tr("Agency"), agencies)
        self.form.addRow(self.tr("&Agency:"), self.agency)
        self.role = combo_box(self.tr("Role in the meeting"), [(t.sv, t.code) for t in vocab.MEETING_ROLES])
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
        self.legal_basis = combo_box(self.tr("Legal basis"), [(self.tr("– choose –"), None)] + [
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
        self.action_type = combo_box(self.tr("Action type"),
                                  [(self.tr("– choose –"), None)] + [(t.sv, t.code) for t in vocab.ACTION_TYPES])
        self.form.addRow(self.tr("&Type:"), self.action_type)
        self.agency = combo_box(self.tr("Responsible agency"), [(t.sv, t.code) for t in vocab.AGENCIES])
        self.form.addRow(self.tr("Responsible a&gency:"), self.agency)
        self.user = combo_box(self.tr("Responsible colleague"), [])
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
