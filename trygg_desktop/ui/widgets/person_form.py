"""Entering a person: identity, names, protected identity, school; duplicate warning.

Used by the new-case wizard and by "Register person" on the persons page, so a
person is registered the same way everywhere. While the user types, a debounced
``services.persons.possible_duplicates`` query looks for the same personnummer
or the same birth date with a similar name; the user can then pick the existing
person instead of registering a second record for the same youth (DOMAIN 1.3:
register a referral quickly, without duplicates).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QFormLayout, QFrame, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.errors import ValidationError
from ...api.results import PersonDTO
from ...api.inputs import PersonInput, normalise_person
from ..errors import error_text, show_error
from ..models.person_table import PersonTableModel
from ..tasks import QueryOp
from .banner import Banner
from .personnummer_edit import PersonnummerEdit

if TYPE_CHECKING:
    from ..pages.base import Context

DUPLICATE_DELAY_MS = 300
# Stand-in names for a duplicate check by personnummer alone (the service needs names
# to validate its input; no stored name equals this, so only the number matches).
NO_NAME = "\u2014"


def today_of(ctx: "Context") -> date:
    return ctx.services.today or date.today()


class PersonForm(QWidget):
    """The person fields; ``chosen`` is set when the user picks an existing person."""

    changed = Signal()

    def __init__(self, ctx: "Context", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: PersonDTO | None = None
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.chosen_frame = self._build_chosen_frame()
        layout.addWidget(self.chosen_frame)
        self.fields = QWidget()
        layout.addWidget(self.fields)
        self._build_fields()
        self.duplicates_frame = self._build_duplicates()
        layout.addWidget(self.duplicates_frame)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DUPLICATE_DELAY_MS)
        self._timer.timeout.connect(self.check_duplicates)
        for signal in (self.pnr.changed, self.first.textChanged, self.last.textChanged, self.reserve.textChanged,
                       self.birth_known.toggled, self.birth.dateChanged):
            signal.connect(self._edited)
        self.no_pnr.toggled.connect(self._toggle_reserve)
        self.protected.currentIndexChanged.connect(self._protected_hint)
        self._toggle_reserve(False)
        self._protected_hint()

    # -- construction -------------------------------------------------------------
    def _build_fields(self) -> None:
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.pnr = PersonnummerEdit(today=today_of(self.ctx))
        self.no_pnr = QCheckBox(self.tr("No personnummer known – use a &reserve id"))
        self.no_pnr.setAccessibleName(self.tr("No personnummer known"))
        self.reserve = QLineEdit()
        self.reserve.setAccessibleName(self.tr("Reserve id"))
        self.reserve.setPlaceholderText(self.tr("e.g. RES-2026-001"))
        self.birth_known = QCheckBox(self.tr("Birth date known:"))
        self.birth_known.setAccessibleName(self.tr("Birth date known"))
        self.birth = QDateEdit()
        self.birth.setDisplayFormat("yyyy-MM-dd")
        self.birth.setCalendarPopup(True)
        self.birth.setMaximumDate(QDate(today_of(self.ctx)))
        self.birth.setDate(QDate(today_of(self.ctx).year - 14, 1, 1))
        self.birth.setAccessibleName(self.tr("Birth date"))
        self.first = QLineEdit()
        self.first.setAccessibleName(self.tr("First name"))
        self.last = QLineEdit()
        self.last.setAccessibleName(self.tr("Last name"))
        self.gender = QComboBox()
        self.gender.setAccessibleName(self.tr("Legal gender"))
        for term in vocab.LEGAL_GENDER:
            self.gender.addItem(term.sv, term.code)
        self.gender.setCurrentIndex(self.gender.findData("OKAND"))
        self.protected = QComboBox()
        self.protected.setAccessibleName(self.tr("Protected identity"))
        for term in vocab.PROTECTED_IDENTITY:
            self.protected.addItem(term.sv, term.code)
        self.protected_note = QLabel()
        self.protected_note.setStyleSheet("color:#7a1010;")
        self.school = QLineEdit()
        self.school.setAccessibleName(self.tr("School"))
        self.school_class = QLineEdit()
        self.school_class.setAccessibleName(self.tr("Class"))
        self.school_class.setMaximumWidth(120)

        def row(text: str, widget: QWidget) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)

        row(self.tr("&Personnummer:"), self.pnr)
        form.addRow("", self.no_pnr)
        reserve_row = QHBoxLayout()
        reserve_row.addWidget(self.reserve, 1)
        reserve_row.addWidget(self.birth_known)
        reserve_row.addWidget(self.birth)
        self.reserve_label = QLabel(self.tr("Reser&ve id:"))
        self.reserve_label.setBuddy(self.reserve)
        form.addRow(self.reserve_label, reserve_row)
        row(self.tr("&First name:"), self.first)
        row(self.tr("&Last name:"), self.last)
        row(self.tr("Legal &gender:"), self.gender)
        row(self.tr("Pro&tected identity:"), self.protected)
        form.addRow("", self.protected_note)
        school_row = QHBoxLayout()
        school_row.addWidget(self.school, 1)
        class_label = QLabel(self.tr("Cla&ss:"))
        class_label.setBuddy(self.school_class)
        school_row.addWidget(class_label)
        school_row.addWidget(self.school_class)
        school_label = QLabel(self.tr("Sc&hool:"))
        school_label.setBuddy(self.school)
        form.addRow(school_label, school_row)

    def _build_duplicates(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("duplicates")
        frame.setStyleSheet("QFrame#duplicates{background:#fff4d6; border:1px solid #e6c66e; border-radius:4px;}")
        v = QVBoxLayout(frame)
        self.duplicates_label = QLabel(self.tr("This person may already be registered. Pick the existing person "
                                               "instead of registering a new one:"))
        self.duplicates_label.setStyleSheet("color:#5c4100; font-weight:600;")
        v.addWidget(self.duplicates_label)
        self.duplicates = PersonTableModel(self)
        self.duplicates_view = QTableView()
        self.duplicates_view.setModel(self.duplicates)
        self.duplicates_view.setAccessibleName(self.tr("Possible duplicates"))
        self.duplicates_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.duplicates_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.duplicates_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.duplicates_view.verticalHeader().hide()
        self.duplicates_view.horizontalHeader().setStretchLastSection(True)
        self.duplicates_view.setAlternatingRowColors(True)
        self.duplicates_view.setMaximumHeight(120)
        self.duplicates_view.activated.connect(lambda _i: self.use_selected())
        v.addWidget(self.duplicates_view)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.use_button = QPushButton(self.tr("&Use the selected person"))
        self.use_button.clicked.connect(self.use_selected)
        buttons.addWidget(self.use_button)
        v.addLayout(buttons)
        frame.hide()
        return frame

    def _build_chosen_frame(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("chosen")
        frame.setStyleSheet("QFrame#chosen{background:#e7f1fb; border:1px solid #9cc2e8; border-radius:4px;}")
        h = QHBoxLayout(frame)
        self.chosen_label = QLabel()
        self.chosen_label.setStyleSheet("color:#0d3a66;")
        h.addWidget(self.chosen_label, 1)
        self.unchoose_button = QPushButton(self.tr("Register a &new person instead"))
        self.unchoose_button.clicked.connect(lambda: self.set_chosen(None))
        h.addWidget(self.unchoose_button)
        frame.hide()
        return frame

    # -- state ------------------------------------------------------------------------
    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def _toggle_reserve(self, on: bool) -> None:
        self.pnr.setEnabled(not on)
        for w in (self.reserve, self.birth_known, self.reserve_label):
            w.setEnabled(on)
        self.birth.setEnabled(on and self.birth_known.isChecked())
        self._edited()

    def _protected_hint(self) -> None:
        code = self.protected.currentData()
        self.protected_note.setVisible(code not in (None, "NONE"))
        self.protected_note.setText(self.tr("Address, school and placement are never printed and are shown only "
                                            "to the case owner."))

    def _edited(self) -> None:
        self.birth.setEnabled(self.no_pnr.isChecked() and self.birth_known.isChecked())
        self.banner.clear()
        self._timer.start()
        self.changed.emit()

    def set_chosen(self, person: PersonDTO | None) -> None:
        """Use an existing person (picked among duplicates, or just registered)."""
        self.chosen = person
        self.fields.setEnabled(person is None)
        self.chosen_frame.setVisible(person is not None)
        if person is not None:
            ident = person.pnr or person.reserve_id or ""
            self.chosen_label.setText(self.tr("Existing person: %1 (%2)").replace("%1", person.name)
                                      .replace("%2", ident))
            self.duplicates_frame.hide()
        else:
            self.chosen_label.clear()
            self._timer.start()
        self.changed.emit()

    def use_selected(self) -> None:
        rows = self.duplicates_view.selectionModel().selectedRows()
        row = rows[0].row() if rows else (0 if self.duplicates.rowCount() == 1 else -1)
        person = self.duplicates.person(row)
        if person is None:
            self.show_banner(self.tr("Select a person in the list first."), "warning")
            return
        self.set_chosen(person)

    def person_input(self) -> PersonInput:
        reserve_mode = self.no_pnr.isChecked()
        birth = self.birth.date().toPython() if reserve_mode and self.birth_known.isChecked() else None
        return PersonInput(
            first_name=self.first.text(), last_name=self.last.text(),
            pnr=None if reserve_mode else (self.pnr.text().strip() or None),
            reserve_id=(self.reserve.text().strip() or None) if reserve_mode else None, birth_date=birth,
            legal_gender=self.gender.currentData() or "OKAND", protected_identity=self.protected.currentData() or "NONE",
            school=self.school.text().strip() or None, school_class=self.school_class.text().strip() or None)

    def is_complete(self) -> bool:
        if self.chosen is not None:
            return True
        if not (self.first.text().strip() and self.last.text().strip()):
            return False
        if self.no_pnr.isChecked():
            return bool(self.reserve.text().strip())
        return self.pnr.is_valid()

    def validate(self) -> str | None:
        """The error code of the input (None when it can be registered); shown inline.

        ``normalise_person`` is the service's own pure validation (no database), so
        the form and the service can never disagree about what is valid.
        """
        if self.chosen is not None:
            return None
        try:
            normalise_person(self.person_input(), today_of(self.ctx))
        except ValidationError as exc:
            self.show_banner(error_text(exc), "error")
            (self.pnr if exc.code.startswith("personnummer") else self.first).setFocus()
            return exc.code
        return None

    def birth_date(self) -> date | None:
        if self.chosen is not None:
            return self.chosen.birth_date
        if not self.no_pnr.isChecked():
            value = self.pnr.value()
            return value.birth_date if value else None
        return self.birth.date().toPython() if self.birth_known.isChecked() else None

    # -- duplicates -----------------------------------------------------------------------
    def _duplicate_probe(self) -> PersonInput | None:
        if self.chosen is not None:
            return None
        first, last = self.first.text().strip(), self.last.text().strip()
        if not self.no_pnr.isChecked():
            if not self.pnr.is_valid():
                return None
            return PersonInput(first or NO_NAME, last or NO_NAME, pnr=self.pnr.text())
        if first and last and self.birth_known.isChecked():
            return PersonInput(first, last, reserve_id=self.reserve.text().strip() or NO_NAME,
                               birth_date=self.birth.date().toPython())
        return None

    def check_duplicates(self) -> None:
        """Ask the service now (the debounce timer calls this ~300 ms after typing stops)."""
        self._timer.stop()
        self._generation += 1
        probe = self._duplicate_probe()
        if probe is None:
            self._show_duplicates([])
            return
        generation, persons = self._generation, self.ctx.services.persons
        QueryOp(lambda: persons.possible_duplicates(probe)) \
            .success(lambda found: self._show_duplicates(found) if generation == self._generation else None) \
            .failure(lambda exc: show_error(self, exc)).run(self.ctx.executor)

    def _show_duplicates(self, found: list[PersonDTO]) -> None:
        self.duplicates.set_rows(found)
        self.duplicates_frame.setVisible(bool(found))
        if found:
            self.duplicates_view.resizeColumnsToContents()
            self.duplicates_view.selectRow(0)

    def clear(self) -> None:
        """Empty every field and drop every DTO (lock, or a fresh registration)."""
        self._timer.stop()
        self._generation += 1
        self.chosen = None
        for w in (self.first, self.last, self.reserve, self.school, self.school_class):
            w.clear()
        self.pnr.clear()
        self.no_pnr.setChecked(False)
        self.protected.setCurrentIndex(0)
        self.duplicates.clear()
        self.duplicates_frame.hide()
        self.chosen_frame.hide()
        self.chosen_label.clear()
        self.fields.setEnabled(True)
        self.banner.clear()
