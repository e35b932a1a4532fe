"""The EST meeting in the window: booking it, and the actions it decides.

*Nytt EST-möte…* (the coordinator, on the Meetings page) books the weekly lägesbild meeting: day
and time, the period it looks back on (the last whole week by default, following the date until
the user types another), place and justerare. The service drafts the agenda from that week's
picture. In the meeting editor the Actions tab of an EST meeting holds the EST actions decided
in it (``EstActionsPanel``): what, who, where, by when, their status; *Besluta åtgärd…* records
one, dated by the meeting.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, \
    QVBoxLayout, QWidget

from ...domain import vocab
from ...api.errors import TryggError
from ...domain.periods import Period
from ...api.results import MeetingDTO, UserDTO
from ...api.results import EstActionDTO
from ...api.inputs import EstMeetingInput, default_period
from ..models.simple_table import Column, DtoTableModel, setup_table_view
from ..tasks import QueryOp
from .est_action_dialog import DecideActionDialog, _Form

EST_ROLES = frozenset({"TRYGGHETSSAMORDNARE", "EST_RAPPORTOR"})
RED = "#b00020"


def next_tuesday(today: date) -> date:
    """Sollentuna's lägesbild meets on Tuesdays: the default day of a new EST meeting."""
    return today + timedelta(days=(1 - today.weekday()) % 7)


class NewEstMeetingDialog(_Form):
    """Book an EST meeting; on success the dialog is accepted and ``saved`` holds the new meeting."""

    def __init__(self, ctx, users: list[UserDTO], today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New EST meeting"), parent)
        day = next_tuesday(today)
        self.starts = QDateTimeEdit(QDateTime(datetime.combine(day, time(9, 0))))
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.ends = QDateTimeEdit(QDateTime(datetime.combine(day, time(10, 30))))
        self.ends.setDisplayFormat("HH:mm")
        self.period = QLineEdit(default_period(day).code)
        self.period.setToolTip(self.tr("The period of the situation picture: a week (2026-W49), a month (2026-11), "
                                       "a tertial (2026-T3) or a year."))
        self._typed_period = False
        self.period.textEdited.connect(lambda _t: setattr(self, "_typed_period", True))
        self.starts.dateTimeChanged.connect(self._start_moved)
        self.place = QLineEdit()
        self.adjuster = QComboBox()
        self.adjuster.addItem(self.tr("(the chair approves)"), None)
        for u in users:
            if u.active and EST_ROLES & set(u.roles) and u.id != ctx.actor.user_id:
                self.adjuster.addItem(f"{u.display_name} ({vocab.AGENCIES.label(u.agency)})", u.id)
        for label, widget in ((self.tr("&Starts"), self.starts), (self.tr("&Ends"), self.ends),
                              (self.tr("Situation &picture of"), self.period), (self.tr("P&lace"), self.place),
                              (self.tr("&Adjuster (justerare)"), self.adjuster)):
            self.form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        hint = QLabel(self.tr("The agenda is drafted from the situation picture: the areas above the thresholds, "
                              "the follow-up of earlier actions, decisions, priorities for the weekend."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6b7a;")
        self.layout_.addWidget(hint)
        self.finish()

    def _start_moved(self, value: QDateTime) -> None:
        start = value.toPython()
        self.ends.setDateTime(QDateTime(datetime.combine(start.date(), self.ends.time().toPython())))
        if not self._typed_period:
            self.period.setText(default_period(start.date()).code)

    def value(self) -> EstMeetingInput:
        starts = self.starts.dateTime().toPython().replace(second=0, microsecond=0)
        ends = datetime.combine(starts.date(), self.ends.time().toPython())
        return EstMeetingInput(starts_at=starts, ends_at=ends, period=self.period.text().strip() or None,
                               place=self.place.text().strip() or None, adjuster_user_id=self.adjuster.currentData())

    def save(self) -> None:
        try:
            Period.parse(self.period.text())
        except TryggError as exc:
            self.banner.show_message(str(exc.message))
            self.period.setFocus()
            return
        inp, service = self.value(), self.ctx.services.est_meetings
        self.run(partial(service.create, inp))


class EstActionsPanel(QWidget):
    """The Actions tab of an EST meeting: the EST actions it decided."""

    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingDTO | None = None
        self.dialog: DecideActionDialog | None = None
        self.model = DtoTableModel([
            Column(self.tr("Action"), lambda a: a.description, stretch=True, tooltip=lambda a: a.description),
            Column(self.tr("Who does it"), lambda a: a.agency_label),
            Column(self.tr("Where"), lambda a: ", ".join(x for x in (a.area_name, a.place_text) if x)),
            Column(self.tr("Due"), lambda a: a.due_on, foreground=lambda a: RED if a.overdue else None),
            Column(self.tr("Status"), lambda a: a.status_label),
        ], parent=self)
        self.view = QTableView()
        setup_table_view(self.view, self.model, self.tr("EST actions"), sortable=True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.decide_button = QPushButton(self.tr("&Decide an action…"))
        self.decide_button.clicked.connect(self.decide)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.decide_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)

    def show_actions(self, meeting: MeetingDTO, actions: tuple[EstActionDTO, ...], editable: bool) -> None:
        self.meeting = meeting
        self.model.set_rows(actions)
        self.decide_button.setEnabled(editable)
        self.hint.setText(self.tr("Actions decided in this meeting (what, who, where, by when). They are printed in "
                                  "the protocol and followed up in the next situation picture."))

    def decide(self) -> None:
        if self.meeting is None or not self.decide_button.isEnabled():
            return
        meeting, setup = self.meeting, self.ctx.services.est_setup

        def opened(result) -> None:
            self.dialog = DecideActionDialog(self.ctx, result, meeting.starts_at.date(), self, meeting_id=meeting.id)
            self.dialog.accepted.connect(self.changed.emit)
            self.dialog.open()
        QueryOp(setup.setup).success(opened).run(self.ctx.executor)

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self.meeting = None
        self.model.clear()
        self.hint.clear()


__all__ = ["EstActionsPanel", "NewEstMeetingDialog", "next_tuesday"]
