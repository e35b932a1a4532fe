"""Sections of the meeting editor: the protocol header, DAGORDNING and NÄSTA MÖTE.

Each section only shows a ``MeetingDTO`` and asks for saves by signal; the editor
owns every service call. The agenda panel has its own small state machine: which
§ the form shows, whether it holds unsaved text, and the personnummer check of a
group-level (anonymised) protocol, which warns while typing and stops the save
before anything is sent (the service refuses it too: ``meeting.pnr_in_anonymised``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDateTimeEdit, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QPushButton, QSpinBox, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from ...domain import vocab
from ...domain.timefmt import fmt_span
from ...api.results import AgendaItemDTO, MeetingDTO
from ...api.inputs import PNR_PATTERN
from .form_dialog import category_combo
from ..models.simple_table import ROW_ROLE, Column, DtoTableModel, setup_table_view

RED, INTERNAL_COLOUR = "#b00020", "#7a3e00"
STATUS_COLOURS = {"UTKAST": "#5f6b7a", "JUSTERING": "#b26a00", "JUSTERAT": "#1d7a3a"}


class ProtocolHeader(QFrame):
    """Type, status pill, time and place, what the meeting is about, roles, and the hash once approved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setStyleSheet("QFrame#header { background:#f3f6f9; border:1px solid #c9d3de; border-radius:6px; }")
        grid = QVBoxLayout(self)
        first = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-size:15pt; font-weight:600;")
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Protocol status"))
        first.addWidget(self.title)
        first.addSpacing(10)
        first.addWidget(self.status)
        first.addStretch(1)
        grid.addLayout(first)
        self.when, self.subject, self.roles, self.hash, self.anonymised = (QLabel() for _ in range(5))
        for label in self.labels[2:]:
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label)
        self.subject.setStyleSheet("font-weight:600;")
        self.hash.setStyleSheet("font-family:monospace; color:#1d7a3a;")
        self.anonymised.setStyleSheet("color:#8a5a00;")

    @property
    def labels(self) -> tuple[QLabel, ...]:
        return (self.title, self.status, self.when, self.subject, self.roles, self.hash, self.anonymised)

    def show_meeting(self, m: MeetingDTO, person_name: str | None, user_name) -> None:
        self.title.setText(vocab.MEETING_TYPES.label(m.meeting_type))
        colour = STATUS_COLOURS.get(m.protocol_status, "#5f6b7a")
        self.status.setText(vocab.PROTOCOL_STATUSES.label(m.protocol_status).upper())
        self.status.setStyleSheet(f"background:{colour}; color:white; border-radius:4px; padding:2px 10px; "
                                  "font-weight:600;")
        when = fmt_span(m.starts_at, m.ends_at)
        self.when.setText(self.tr("%1   Place: %2").replace("%1", when).replace("%2", m.place or "–"))
        if m.est_period:
            subject = self.tr("EST situation picture %1 – places and situations, no persons").replace(
                "%1", m.est_period)
        elif m.case_id is None:
            subject = self.tr("Group level – anonymised")
        elif m.anonymised:
            subject = self.tr("%1 (anonymised discussion)").replace("%1", m.case_reference or "")
        else:
            subject = self.tr("Case %1").replace("%1", m.case_reference or "")
            subject += f" – {person_name}" if person_name else ""
        self.subject.setText(subject)
        roles = [(self.tr("Chair"), user_name(m.chair_user_id)), (self.tr("Secretary"), user_name(m.secretary_user_id)),
                 (self.tr("Adjuster"), user_name(m.adjuster_user_id))]
        self.roles.setText("     ".join(f"{title}: {name}" for title, name in roles if name))
        self.hash.setText(self.tr("Approved. Content hash (SHA-256): %1").replace("%1", m.content_hash)
                          if m.content_hash else "")
        self.hash.setVisible(bool(m.content_hash))
        self.anonymised.setText(
            self.tr("EST: write no names or personnummer – places and situations only.") if m.est_period else
            self.tr("Group level: write no names, personnummer or details that identify a young person.")
            if m.anonymised else "")
        self.anonymised.setVisible(m.anonymised)

    def clear(self) -> None:
        for label in self.labels:
            label.clear()


class NextMeetingPanel(QWidget):
    """NÄSTA MÖTE and "Informerade vårdnadshavare om beslut" (not on group-level protocols)."""

    save_requested = Signal(object, object, object)   # when (datetime | None), place, guardians informed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.decided = QCheckBox(self.tr("A next meeting is &decided"))
        self.decided.setAccessibleName(self.tr("Next meeting decided"))
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName(self.tr("Next meeting date and time"))
        self.decided.toggled.connect(self._update_enabled)
        self.place = QLineEdit()
        self.place.setAccessibleName(self.tr("Next meeting place"))
        self.guardians = QLineEdit()
        self.guardians.setAccessibleName(self.tr("Guardians informed"))
        self.guardians.setPlaceholderText(self.tr("Date and how, e.g. 2026-11-23 by phone"))
        self.guardians_label = QLabel(self.tr("&Guardians informed of the decisions:"))
        self.guardians_label.setBuddy(self.guardians)
        self.save_button = QPushButton(self.tr("Sa&ve"))
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.decided)
        form.addRow(self.tr("&When:"), self.when)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.guardians_label, self.guardians)
        form.addRow("", self.save_button)
        self.editable = False
        self.anonymised = False

    def show_meeting(self, m: MeetingDTO, editable: bool) -> None:
        self.editable, self.anonymised = editable, m.anonymised
        self.decided.setChecked(m.next_meeting_at is not None)
        self.when.setDateTime(QDateTime(m.next_meeting_at or m.starts_at))
        self.place.setText(m.next_meeting_place or "")
        self.guardians.setText(m.guardians_informed or "")
        self.guardians.setVisible(not m.anonymised)
        self.guardians_label.setVisible(not m.anonymised)
        self._update_enabled()

    def _update_enabled(self, *_args) -> None:
        for widget in (self.decided, self.place, self.guardians, self.save_button):
            widget.setEnabled(self.editable)
        self.when.setEnabled(self.editable and self.decided.isChecked())

    def save(self) -> None:
        if not self.editable:
            return
        when: datetime | None = self.when.dateTime().toPython().replace(second=0, microsecond=0) \
            if self.decided.isChecked() else None
        informed = None if self.anonymised else (self.guardians.text().strip() or None)
        self.save_requested.emit(when, self.place.text().strip() or None, informed)

    def clear(self) -> None:
        self.place.clear()
        self.guardians.clear()
        self.decided.setChecked(False)
        self.editable = False


class AgendaPanel(QSplitter):
    save_requested = Signal(int, str, dict)   # number, heading, {note, decision, visibility, owning_agency, category}
    message = Signal(str, str)                # text, banner kind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_number: int | None = None   # the § in the form; None = a new item
        self.current_version = 0                  # the version the form's text is based on (0: new)
        self.dirty = False
        self.editable = False
        self.anonymised = False
        self._filling = False
        self.model = DtoTableModel([
            Column("§", lambda i: i.number, align=Qt.AlignmentFlag.AlignRight),
            Column(self.tr("Heading"), lambda i: i.heading, stretch=True, tooltip=lambda i: i.note),
            Column(self.tr("Decision"), lambda i: "✓" if i.decision else "", align=Qt.AlignmentFlag.AlignHCenter,
                   tooltip=lambda i: i.decision),
            Column(self.tr("Visibility"), lambda i: vocab.VISIBILITY.label("INTERNAL")
                   if i.visibility == "INTERNAL" else "", foreground=lambda i: INTERNAL_COLOUR,
                   bold=lambda i: i.visibility == "INTERNAL",
                   tooltip=lambda i: self.tr("Seen only by the agency that wrote it")
                   if i.visibility == "INTERNAL" else None),
        ], parent=self)
        self.view = QTableView()
        setup_table_view(self.view, self.model, self.tr("Agenda"), sortable=False)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button = QPushButton(self.tr("&New item"))
        self.new_button.clicked.connect(self.new_item)
        self.hidden_label = QLabel()
        self.hidden_label.setStyleSheet("color:#5f6b7a;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.hidden_label)
        left_layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.addWidget(left)
        self.addWidget(self._build_form())
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([440, 620])
        self.setChildrenCollapsible(False)

    def _build_form(self) -> QWidget:
        host = QWidget()
        form = QFormLayout(host)
        self.number = QSpinBox()
        self.number.setRange(1, 99)
        self.number.setPrefix("§ ")
        self.number.setAccessibleName(self.tr("Item number"))
        self.heading = QLineEdit()
        self.heading.setAccessibleName(self.tr("Heading"))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Factual; keep facts and assessments apart and name the source: "
                                             "\"The school reports …\""))
        self.decision = QPlainTextEdit()
        self.decision.setAccessibleName(self.tr("Decision"))
        self.decision.setMaximumHeight(90)
        for edit in (self.note, self.decision):
            edit.setTabChangesFocus(True)
        self.internal = QCheckBox(self.tr("&Internal to my agency (not shared with the others)"))
        self.internal.setAccessibleName(self.tr("Internal item"))
        self.category = category_combo()
        self.pnr_warning = QLabel(self.tr("This looks like a personnummer. A group-level protocol must not "
                                          "identify anyone – remove it before saving."))
        self.pnr_warning.setWordWrap(True)
        self.pnr_warning.setStyleSheet(f"color:{RED}; font-weight:600;")
        self.pnr_warning.hide()
        self.save_button = QPushButton(self.tr("&Save item (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        form.addRow(self.tr("N&umber:"), self.number)
        form.addRow(self.tr("&Heading:"), self.heading)
        form.addRow(self.tr("N&ote:"), self.note)
        form.addRow(self.tr("&Decision:"), self.decision)
        form.addRow("", self.internal)
        form.addRow(self.tr("Information &category:"), self.category)
        form.addRow(self.pnr_warning)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        for signal in (self.heading.textEdited, self.note.textChanged, self.decision.textChanged,
                       self.internal.toggled, self.number.valueChanged, self.category.currentIndexChanged):
            signal.connect(self._edited)
        return host

    # -- content --------------------------------------------------------------
    def set_items(self, items: tuple[AgendaItemDTO, ...], hidden: int, editable: bool, anonymised: bool) -> None:
        """New protocol content; an unsaved form is kept, otherwise it follows the selection."""
        self.editable, self.anonymised = editable, anonymised
        self.model.set_rows(sorted(items, key=lambda i: i.number))
        self.hidden_label.setText(self.tr("%n item(s) of other agencies are not shown.", "", hidden) if hidden else "")
        if self.dirty:
            self._select_row(self.current_number)
        else:
            first = self.model.rows[0].number if self.model.rows else None
            self.select(self.current_number if self._item(self.current_number) else first)
        self._update_enabled()

    def _item(self, number: int | None) -> AgendaItemDTO | None:
        return next((i for i in self.model.rows if i.number == number), None)

    def _select_row(self, number: int | None) -> None:
        """Mark the row of § ``number`` (or none) without touching the form."""
        item = self._item(number)
        self._filling = True
        if item is None:
            self.view.setCurrentIndex(QModelIndex())
            self.view.clearSelection()
        else:
            self.view.selectRow(self.model.rows.index(item))
        self._filling = False

    def select(self, number: int | None) -> None:
        self._select_row(number)
        self._fill(self._item(number))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filling or not current.isValid():
            return
        item = current.data(ROW_ROLE)
        if item is None or item.number == self.current_number:
            return
        if self.dirty and self._ask_save():
            self.save()
        self._fill(item)

    def _ask_save(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Save the changes to the current item first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Save)
        return answer == QMessageBox.StandardButton.Save

    def _fill(self, item: AgendaItemDTO | None) -> None:
        self._filling = True
        self.current_number = item.number if item else None
        self.current_version = item.version if item else 0
        next_number = max((i.number for i in self.model.rows), default=0) + 1
        self.number.setValue(item.number if item else min(next_number, 99))
        self.heading.setText(item.heading if item else "")
        self.note.setPlainText((item.note or "") if item else "")
        self.decision.setPlainText((item.decision or "") if item else "")
        self.internal.setChecked(bool(item and item.visibility == "INTERNAL"))
        self.category.setCurrentIndex(max(0, self.category.findData(item.information_category if item else None)))
        self._filling = False
        self.dirty = False
        self.pnr_warning.hide()
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.new_button.setEnabled(self.editable)
        for edit in (self.heading, self.note, self.decision):
            edit.setReadOnly(not self.editable)
        self.internal.setEnabled(self.editable)
        self.category.setEnabled(self.editable)
        self.number.setEnabled(self.editable and self.current_number is None)
        self.save_button.setEnabled(self.editable)

    def _edited(self, *_args) -> None:
        if self._filling:
            return
        self.dirty = True
        self.pnr_warning.setVisible(self.looks_identifying())

    def looks_identifying(self) -> bool:
        if not self.anonymised:
            return False
        texts = (self.heading.text(), self.note.toPlainText(), self.decision.toPlainText())
        return any(PNR_PATTERN.search(t) for t in texts if t)

    # -- actions --------------------------------------------------------------
    def new_item(self) -> None:
        if self.dirty and self._ask_save():
            self.save()
        self._select_row(None)
        self._fill(None)
        self.heading.setFocus()

    def save(self) -> None:
        if not self.editable:
            return
        heading = self.heading.text().strip()
        if not heading:
            self.message.emit(self.tr("Give the item a heading."), "error")
            self.heading.setFocus()
            return
        if self.looks_identifying():
            self.pnr_warning.show()
            self.message.emit(self.tr("The text looks like it contains a personnummer. A group-level protocol "
                                      "must not identify anyone."), "warning")
            return
        number = self.current_number if self.current_number is not None else self.number.value()
        existing = self._item(number)
        if self.current_number is None and existing is not None:
            self.message.emit(self.tr("§ %1 already exists; choose another number.").replace("%1", str(number)),
                              "error")
            return
        fields = dict(note=self.note.toPlainText().strip() or None,
                      decision=self.decision.toPlainText().strip() or None,
                      visibility="INTERNAL" if self.internal.isChecked() else "SHARED",
                      owning_agency=existing.owning_agency if existing else None,
                      information_category=self.category.currentData(), expected_version=self.current_version)
        self.save_requested.emit(number, heading, fields)

    def form_text(self) -> tuple[str, str, str]:
        return self.heading.text(), self.note.toPlainText(), self.decision.toPlainText()

    def based_on(self, version: int) -> None:
        """The user has seen the colleague's version ``version``: the next save goes over it."""
        self.current_version = version

    def take(self, number: int, saved: dict) -> None:
        """Put the saved text of § ``number`` into the form (a clean form based on that version)."""
        self._filling = True
        self.heading.setText(saved.get("heading") or "")
        self.note.setPlainText(saved.get("note") or "")
        self.decision.setPlainText(saved.get("decision") or "")
        self._filling = False
        self.current_number, self.current_version, self.dirty = number, saved.get("version", 0), False

    def saved(self, number: int) -> None:
        """The editor's save succeeded: the form is clean and shows § ``number``."""
        self.dirty = False
        self.current_number = number

    def clear(self) -> None:
        self.model.clear()
        self._filling = True
        self.heading.clear()
        self.note.clear()
        self.decision.clear()
        self.internal.setChecked(False)
        self._filling = False
        self.current_number, self.dirty, self.editable = None, False, False
        self.hidden_label.clear()
        self.pnr_warning.hide()
