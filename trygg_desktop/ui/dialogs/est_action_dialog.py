"""EST actions in the window: decide one at the meeting, and follow one up.

*Besluta åtgärd…* (the coordinator) records what was decided: what, who does it (the same
reporting parties as the incidents: social services, the police, the housing company …), where
(an area, or a place text) and by when; the day is the meeting day (today by default). A row of
the page's action tables opens the follow-up: its status (planned, ongoing, done, not done,
struck) and a note, guarded by the action's version like the incidents.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.inputs import EstActionInput
from ...api.results import EstActionDTO, EstSetup
from ..errors import error_text
from ..tasks import MutationOp
from ..widgets.banner import Banner


def _date_edit(day: date | None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if day is not None:
        edit.setDate(QDate(day.year, day.month, day.day))
    return edit


class _Form(QDialog):
    """A save of one service call: ``run(partial(service.method, ...))``; what it changes (the
    pages that care refresh) is what the method declares, ``changes_of(call)``."""

    def __init__(self, ctx, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved = None
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.banner = Banner(self)
        self.layout_.addWidget(self.banner)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.layout_.addWidget(self.buttons)
        self.resize(520, 0)

    def run(self, call: partial) -> None:
        def done(dto) -> None:
            self.saved = dto
            self.accept()
        MutationOp(call, None, self.ctx.notify).success(done).failure(
            lambda e: self.banner.show_message(error_text(e))).run(self.ctx.executor)


class DecideActionDialog(_Form):
    """Decide an action; with ``meeting_id`` it is the decision of that EST meeting, dated by it."""

    def __init__(self, ctx, setup: EstSetup, today: date, parent: QWidget | None = None, *,
                 meeting_id: int | None = None) -> None:
        super().__init__(ctx, self.tr("Decide action"), parent)
        self.meeting_id = meeting_id
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(80)
        self.agency = QComboBox()
        for term in vocab.EST_SOURCES:
            self.agency.addItem(term.sv, term.code)
        self.area = QComboBox()
        self.area.addItem(self.tr("(no area)"), None)
        for a in setup.areas:
            if a.active:
                self.area.addItem(a.name, a.id)
        self.place = QLineEdit()
        self.decided = _date_edit(today)
        self.due = _date_edit(today)
        for label, widget in ((self.tr("&What"), self.description), (self.tr("&Who does it"), self.agency),
                              (self.tr("&Area"), self.area), (self.tr("&Place"), self.place),
                              (self.tr("&Decided on"), self.decided), (self.tr("D&ue"), self.due)):
            self.form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        if meeting_id is not None:  # the meeting's day, not to be changed here
            self.decided.setEnabled(False)
        self.finish()

    def value(self) -> EstActionInput:
        return EstActionInput(description=self.description.toPlainText().strip(), agency=self.agency.currentData(),
                           decided_on=self.decided.date().toPython(), area=self.area.currentData(),
                           place=self.place.text().strip() or None, due_on=self.due.date().toPython())

    def save(self) -> None:
        inp, meeting_id = self.value(), self.meeting_id
        if meeting_id is not None:
            meetings = self.ctx.services.est_meetings
            self.run(partial(meetings.add_action, meeting_id, inp))
            return
        service = self.ctx.services.est_actions
        self.run(partial(service.create, inp))


class FollowUpActionDialog(_Form):
    def __init__(self, ctx, action: EstActionDTO, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Follow up action"), parent)
        self.action = action
        self.status = QComboBox()
        for term in vocab.ACTION_STATUSES:
            self.status.addItem(term.sv, term.code)
        self.status.setCurrentIndex(max(0, self.status.findData(action.status)))
        self.note = QPlainTextEdit(action.follow_up_note or "")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        what = QLineEdit(action.description)
        what.setReadOnly(True)
        for label, widget in ((self.tr("Action"), what), (self.tr("&Status"), self.status),
                              (self.tr("&Follow-up note"), self.note)):
            self.form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        self.finish()

    def save(self) -> None:
        service, action = self.ctx.services.est_actions, self.action
        status, note = self.status.currentData(), self.note.toPlainText().strip() or None
        self.run(partial(service.set_status, action.id, status, note=note, expected_version=action.version))
