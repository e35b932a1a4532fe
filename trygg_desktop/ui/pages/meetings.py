"""Möten: the meetings of the user's units (group level) and of their cases, and the editor.

The list comes from ``services.meetings.list()`` (the service decides what the user
may see); filtering by type and upcoming/past is client-side over those DTOs.
"New meeting" creates a case meeting or a group-level meeting (the service applies
the agenda template of the type) and opens it; ``open_meeting(id)`` shows the
editor in place of the list, so Ctrl+S (the window's ``save()``) reaches it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QStackedWidget,
                               QTableView, QVBoxLayout, QWidget)

from ...domain import vocab
from ...domain.access import Act, Rec
from ...api.changes import Topic
from ...api.results import MeetingDTO
from ..dialogs.new_meeting import NewMeetingDialog
from ..dialogs.meeting_editor import MeetingEditor
from ..models.simple_table import ROW_ROLE, Column, DtoTableModel, setup_table_view, sorting_proxy
from ..tasks import MutationOp
from .base import Context, Page

UPCOMING, PAST, ALL = "upcoming", "past", "all"
STATUS_COLOURS = {"UTKAST": None, "JUSTERING": "#b26a00", "JUSTERAT": "#1d7a3a"}


class MeetingsPage(Page):
    title = "Meetings"
    cares_about = frozenset({Topic.MEETINGS, Topic.PLANS, Topic.CASES, Topic.CONSENTS, Topic.EST})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._meetings: tuple[MeetingDTO, ...] = ()
        self.dialog: NewMeetingDialog | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list())
        self.editor = MeetingEditor(ctx)
        self.editor.back_requested.connect(self.show_list)
        self.stack.addWidget(self.editor)
        self.root.addWidget(self.stack, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_list(self) -> QWidget:
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        heading = QLabel(self.tr("Meetings"))
        heading.setStyleSheet("font-size:16pt; font-weight:600;")
        self.new_button = QPushButton(self.tr("&New meeting…"))
        self.new_button.clicked.connect(lambda: self.new_meeting())
        self.new_button.setVisible(self.ctx.can(Act.CREATE, Rec.MEETING))
        self.new_est_button = QPushButton(self.tr("New &EST meeting…"))
        self.new_est_button.setToolTip(self.tr("The weekly situation picture meeting; its agenda is drafted from "
                                               "the picture."))
        self.new_est_button.clicked.connect(lambda: self.new_est_meeting())
        self.new_est_button.setVisible(self.ctx.can(Act.CREATE, Rec.EST_MEETING))
        header.addWidget(heading, 1)
        header.addWidget(self.new_est_button)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.type_filter = QComboBox()
        self.type_filter.setAccessibleName(self.tr("Meeting type"))
        self.type_filter.addItem(self.tr("All types"), None)
        for term in vocab.MEETING_TYPES:
            self.type_filter.addItem(term.sv, term.code)
        self.time_filter = QComboBox()
        self.time_filter.setAccessibleName(self.tr("Upcoming or past"))
        self.time_filter.addItem(self.tr("Upcoming"), UPCOMING)
        self.time_filter.addItem(self.tr("Past"), PAST)
        self.time_filter.addItem(self.tr("All dates"), ALL)
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Filter meetings"))
        self.search.setPlaceholderText(self.tr("Case reference, name or place"))
        self.search.setClearButtonEnabled(True)
        for label_text, widget in ((self.tr("&Type:"), self.type_filter), (self.tr("&When:"), self.time_filter),
                                   (self.tr("&Filter:"), self.search)):
            label = QLabel(label_text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.search else 0)
        layout.addLayout(filters)
        self.type_filter.currentIndexChanged.connect(self._apply_filter)
        self.time_filter.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)

        self.model = DtoTableModel([
            Column(self.tr("Date and time"), lambda m: m.starts_at),
            Column(self.tr("Type"), lambda m: vocab.MEETING_TYPES.label(m.meeting_type)),
            Column(self.tr("Case"), lambda m: m.case_reference or (f"EST {m.est_period}" if m.est_period else
                                                                   self.tr("Group level")),
                   foreground=lambda m: None if m.case_reference else "#5f6b7a"),
            Column(self.tr("Young person"), lambda m: m.person_name or ""),
            Column(self.tr("Place"), lambda m: m.place, stretch=True),
            Column(self.tr("Protocol"), lambda m: vocab.PROTOCOL_STATUSES.label(m.protocol_status),
                   foreground=lambda m: STATUS_COLOURS.get(m.protocol_status),
                   bold=lambda m: m.protocol_status == "JUSTERING"),
        ], parent=self)
        self.proxy = sorting_proxy(self.model, self)
        self.view = QTableView()
        setup_table_view(self.view, self.proxy, self.tr("Meetings"))
        self.view.activated.connect(lambda index: self.open_meeting(index.data(ROW_ROLE).id))
        if not self.ctx.can(Act.READ, Rec.CASE):  # the EST roles: places and situations, no young person
            self.view.setColumnHidden(3, True)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#5f6b7a; font-style:italic; padding:30px;")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)
        layout.addWidget(self.list_stack, 1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#5f6b7a;")
        layout.addWidget(self.count_label)
        return host

    # -- list -----------------------------------------------------------------
    @property
    def today(self) -> date:
        return self.ctx.services.today or date.today()

    def refresh(self) -> None:
        super().refresh()
        s, case_work, est = self.ctx.services, self.ctx.can(Act.READ, Rec.MEETING), \
            self.ctx.can(Act.READ, Rec.EST_MEETING)
        self.query(lambda: (tuple(s.meetings.list()) if case_work else ()) +
                   (tuple(s.est_meetings.list()) if est else ()), self._show_meetings)
        if self.stack.currentWidget() is self.editor and self.editor.meeting_id is not None \
                and not self.editor.take_own_change():
            self.editor.reload()

    def _show_meetings(self, meetings: tuple[MeetingDTO, ...]) -> None:
        self._meetings = meetings
        self._apply_filter()

    def _apply_filter(self, *_args) -> None:
        kind, when = self.type_filter.currentData(), self.time_filter.currentData()
        text = self.search.text().strip().casefold()
        today = self.today

        def keep(m: MeetingDTO) -> bool:
            if kind and m.meeting_type != kind:
                return False
            if when == UPCOMING and m.starts_at.date() < today or when == PAST and m.starts_at.date() >= today:
                return False
            return not text or text in f"{m.case_reference or ''} {m.person_name or ''} {m.place or ''}".casefold()

        rows = [m for m in self._meetings if keep(m)]
        self.model.set_rows(rows)
        descending = when != UPCOMING   # upcoming: soonest first; past: latest first
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.count_label.setText(self.tr("%n meeting(s)", "", len(rows)) if rows else "")
        if not self._meetings:
            self.empty.setText(self.tr("No meetings yet. Create one with \"New meeting\"."))
        else:
            self.empty.setText(self.tr("No meetings match the filter."))
        self.list_stack.setCurrentWidget(self.view if rows else self.empty)

    def show_list(self) -> None:
        if self.editor.agenda.dirty and not self._discard_ok():
            return
        self.stack.setCurrentIndex(0)
        self.refresh()

    def _discard_ok(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("The agenda item has unsaved changes. Leave without saving?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    # -- editor ---------------------------------------------------------------
    def open_meeting(self, meeting_id: int) -> None:
        if self.editor.agenda.dirty and self.editor.meeting_id != meeting_id and not self._discard_ok():
            return
        self.banner.clear()
        self.stack.setCurrentWidget(self.editor)
        self.editor.load(meeting_id)

    def save(self) -> None:
        """Ctrl+S from the window: the editor saves its current agenda item."""
        if self.stack.currentWidget() is self.editor:
            self.editor.save()

    def new_meeting(self, case=None) -> None:
        """Open the "new meeting" dialog; ``case`` (a ``CaseSummary``) preselects a case."""
        my_units = self.ctx.actor.unit_ids

        def show(units) -> None:
            dialog = NewMeetingDialog(self.ctx, [u for u in units if u.id in my_units], self.today, self, case=case)
            dialog.submitted.connect(lambda data: self._create(dialog, data))
            dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
            self.dialog = dialog
            dialog.open()
        self.query(self.ctx.services.users.list_units, show)

    def new_est_meeting(self) -> None:
        """Book the weekly EST meeting; its agenda comes from the situation picture."""
        from ..dialogs.est_meeting import NewEstMeetingDialog

        def show(users) -> None:
            dialog = NewEstMeetingDialog(self.ctx, users, self.today, self)
            dialog.accepted.connect(lambda: self.open_meeting(dialog.saved.id))
            dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
            self.dialog = dialog
            dialog.open()
        self.query(self.ctx.services.users.directory, show)

    def _create(self, dialog: NewMeetingDialog, data) -> None:
        """Create and open the meeting; a refusal (e.g. no valid consent) shows in the dialog."""
        def created(meeting: MeetingDTO) -> None:
            dialog.accept()
            self.open_meeting(meeting.id)
        meetings = self.ctx.services.meetings
        MutationOp.call(meetings.create, data, notify=self.ctx.notify) \
            .success(created).failure(dialog.failed).run(self.ctx.executor)

    def _dialog_closed(self, dialog: NewMeetingDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # -- lock -----------------------------------------------------------------
    def clear(self) -> None:
        super().clear()
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self._meetings = ()
        self.model.clear()
        self.search.clear()
        self.count_label.clear()
        self.editor.clear()
        self.stack.setCurrentIndex(0)
