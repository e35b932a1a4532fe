"""The meeting editor: one protocol after the DOMAIN.md §2.2 template.

Header (type, time, place, case or "Gruppnivå – avidentifierat", protocol status),
NÄRVARANDE, DAGORDNING (§ with note and decision), the åtagandeplan actions decided
in the meeting, NÄSTA MÖTE, and the justering workflow UTKAST → JUSTERING →
JUSTERAT. An approved protocol is read-only and shows its content hash; later
changes are appended as corrections (§2.3). It is a widget inside the Meetings
page (not a modal dialog) so Ctrl+S reaches it through the window and a lock
empties it with the page. Group-level meetings carry no person fields, and free
text that looks like a personnummer is stopped before it is sent.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget

from ...domain import vocab
from ...domain.access import Act, Rec
from ...domain.access_aggregates import decide_est_meeting
from ...api.changes import Topic
from ...api.results import CaseSummary, MeetingDTO, PlanDTO, UserDTO
from ...api.results import EstActionDTO
from ...api.inputs import EST_MEETING
from ..errors import show_error
from ..i18n import fmt_date
from ..models.simple_table import Column, DtoTableModel, setup_table_view
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner
from .est_meeting import EstActionsPanel
from .meeting_edits import ProtocolEdits
from .meeting_load import Loaded, fetch_meeting
from .meeting_sections import AgendaPanel, NextMeetingPanel, ProtocolHeader

RED = "#b00020"


def _box(title: str, widget: QWidget, *extra: QWidget) -> QWidget:
    host = QWidget()
    layout = QVBoxLayout(host)
    for w in extra:
        layout.addWidget(w)
    layout.addWidget(widget, 1)
    host.setAccessibleName(title)
    return host


class MeetingEditor(ProtocolEdits, QWidget):
    """The protocol on screen: what it shows and when; its saves and dialogs are ``ProtocolEdits``."""

    back_requested = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingDTO | None = None
        self.case: CaseSummary | None = None
        self.plan: PlanDTO | None = None
        self.covered: frozenset[str] | None = None
        self.users: dict[int, UserDTO] = {}
        self.est_actions: tuple[EstActionDTO, ...] = ()
        self.dialog: QWidget | None = None
        self._own_change = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_top())
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.header = ProtocolHeader()
        layout.addWidget(self.header)
        layout.addLayout(self._build_workflow())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Protocol sections"))
        self.tabs.addTab(self._build_attendance(), "")
        self.agenda = AgendaPanel()
        self.agenda.save_requested.connect(self.save_item)
        self.agenda.message.connect(self.show_banner)
        self.tabs.addTab(self.agenda, "")
        self.tabs.addTab(self._build_actions(), "")
        self.next_meeting = NextMeetingPanel()
        self.next_meeting.save_requested.connect(self.save_next)
        self.tabs.addTab(self.next_meeting, "")
        self.tabs.addTab(self._build_corrections(), "")
        layout.addWidget(self.tabs, 1)
        self._update_tab_titles()

    # -- building -------------------------------------------------------------
    def _build_top(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("‹ &Back to meetings"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setEnabled(False)
        self.print_button.setToolTip(self.tr("Preview, print or save the protocol, also per recipient (Ctrl+P)."))
        self.print_button.clicked.connect(self.print_protocol)
        # Why the button is greyed, in words beside it (a tooltip is not read on a disabled button).
        self.print_reason = QLabel()
        self.print_reason.setStyleSheet("color:#555;")
        self.print_reason.setWordWrap(True)
        self.print_reason.hide()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.print_reason)
        row.addWidget(self.print_button)
        return row

    def _build_workflow(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.workflow_hint = QLabel()
        self.workflow_hint.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send for &approval"))
        self.send_button.setToolTip(self.tr("The draft is locked for editing while it is being approved."))
        self.back_to_draft_button = QPushButton(self.tr("Send bac&k to draft"))
        self.approve_button = QPushButton(self.tr("Appro&ve (justera)…"))
        self.correction_button = QPushButton(self.tr("Add co&rrection…"))
        self.send_button.clicked.connect(lambda: self.set_status("JUSTERING"))
        self.back_to_draft_button.clicked.connect(lambda: self.set_status("UTKAST"))
        self.approve_button.clicked.connect(lambda: self.set_status("JUSTERAT"))
        self.correction_button.clicked.connect(self.add_correction)
        row.addWidget(self.workflow_hint, 1)
        for button in (self.send_button, self.back_to_draft_button, self.approve_button, self.correction_button):
            row.addWidget(button)
        return row

    def _table(self, columns: list[Column], name: str, sortable: bool = False) -> tuple[QTableView, DtoTableModel]:
        model = DtoTableModel(columns, parent=self)
        view = QTableView()
        setup_table_view(view, model, name, sortable=sortable)
        return view, model

    def _build_attendance(self) -> QWidget:
        self.attendee_view, self.attendees = self._table([
            Column(self.tr("Name"), lambda a: a.name),
            Column(self.tr("Function"), lambda a: a.function),
            Column(self.tr("Organisation"), lambda a: a.organisation),
            Column(self.tr("Agency"), lambda a: vocab.AGENCIES.label(a.agency) if a.agency else ""),
            Column(self.tr("Role in the meeting"), lambda a: vocab.MEETING_ROLES.label(a.meeting_role)),
            Column(self.tr("Attendance"), lambda a: self.tr("Present") if a.present else self.tr("Absent"),
                   foreground=lambda a: None if a.present else RED),
            Column(self.tr("Part note"), lambda a: a.part_note, stretch=True),
        ], self.tr("Attendance"))
        self.add_attendee_button = QPushButton(self.tr("Add a&ttendee…"))
        self.add_attendee_button.clicked.connect(self.add_attendee)
        self.consent_label = QLabel()
        self.consent_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.consent_label, 1)
        row.addWidget(self.add_attendee_button)
        host = _box(self.tr("Attendance"), self.attendee_view)
        host.layout().addLayout(row)
        return host

    def _build_actions(self) -> QWidget:
        self.action_view, self.actions = self._table([
            Column(self.tr("Action"), lambda a: a.description, stretch=True, tooltip=lambda a: a.description),
            Column(self.tr("Agency"), lambda a: vocab.AGENCIES.label(a.responsible_agency)),
            Column(self.tr("Responsible"), lambda a: a.responsible_person or self._user_name(a.responsible_user_id)),
            Column(self.tr("Due"), lambda a: a.due_date, foreground=lambda a: RED if a.overdue else None),
            Column(self.tr("Status"), lambda a: vocab.ACTION_STATUSES.label(a.status)),
        ], self.tr("Actions"), sortable=True)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.add_action_button = QPushButton(self.tr("Add a&ction…"))
        self.add_action_button.clicked.connect(self.add_action)
        row = QHBoxLayout()
        row.addWidget(self.plan_label, 1)
        row.addWidget(self.add_action_button)
        host = _box(self.tr("Actions"), self.action_view)
        host.layout().insertLayout(0, row)
        # An EST meeting decides EST actions (who, where, by when), not a case's plan actions.
        self.est_panel = EstActionsPanel(self.ctx)
        self.est_panel.changed.connect(self.reload)
        self.est_panel.hide()
        host.layout().addWidget(self.est_panel, 1)
        return host

    def _build_corrections(self) -> QWidget:
        self.correction_view, self.corrections = self._table([
            Column(self.tr("Added"), lambda c: c.created_at),
            Column(self.tr("By"), lambda c: self._user_name(c.author_user_id)),
            Column(self.tr("Correction"), lambda c: c.text, stretch=True, tooltip=lambda c: c.text),
        ], self.tr("Corrections"))
        info = QLabel(self.tr("Corrections and additions made after approval. The approved text is kept."))
        info.setWordWrap(True)
        return _box(self.tr("Corrections"), self.correction_view, info)

    def _user_name(self, user_id: int | None) -> str:
        user = self.users.get(user_id) if user_id is not None else None
        return user.display_name if user else ""

    # -- loading --------------------------------------------------------------
    @property
    def meeting_id(self) -> int | None:
        return self.meeting.id if self.meeting else None

    def take_own_change(self) -> bool:
        """True once after this editor's own save (the page then need not reload it)."""
        own, self._own_change = self._own_change, False
        return own

    def load(self, meeting_id: int) -> None:
        if self.meeting_id != meeting_id:
            self.clear()  # never show one meeting's content under another's header while loading
        s, known_users, read_plan = self.ctx.services, dict(self.users), self.ctx.can(Act.READ, Rec.PLAN)
        self._run(QueryOp(lambda: fetch_meeting(s, meeting_id, known_users, read_plan)), self._loaded)

    def reload(self) -> None:
        if self.meeting is not None:
            self.load(self.meeting.id)

    def _loaded(self, data: Loaded) -> None:
        self.case, self.plan, self.covered, self.users = data.case, data.plan, data.covered, data.users
        self.est_actions = data.est_actions
        self.apply(data.meeting)

    def _run(self, op: QueryOp, on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None] | None = None) -> None:
        op.success(on_success).failure(on_failure or (lambda e: show_error(self, e))).run(self.ctx.executor)

    def _mutate(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
                on_failure: Callable[[BaseException], None] | None = None, *,
                changes: frozenset[Topic] | None = None) -> None:
        """``fn`` as a change: a ``partial`` of one service method announces what it declares;
        a closure over several names ``changes`` (``changes_of(...)``)."""
        def done(result: Any) -> None:
            self._own_change = True
            self.banner.clear()   # an earlier message no longer applies
            on_success(result)
        self._run(MutationOp(fn, changes, self.ctx.notify), done, on_failure)

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    # -- showing --------------------------------------------------------------
    @property
    def protocol_editable(self) -> bool:
        return bool(self.meeting and self.meeting.protocol_status == "UTKAST" and self._may(Act.UPDATE))

    @property
    def is_est(self) -> bool:
        return self.meeting is not None and self.meeting.meeting_type == EST_MEETING

    def _may(self, act: Act, rec: Rec = Rec.PROTOCOL) -> bool:
        """What the buttons offer (the service decides): an EST meeting follows the EST roles."""
        if self.is_est:
            return bool(decide_est_meeting(self.ctx.actor, act, adjuster_user_id=self.meeting.adjuster_user_id))
        return self.ctx.can(act, rec)

    def apply(self, meeting: MeetingDTO) -> None:
        self.meeting = meeting
        self.header.show_meeting(meeting, self.case.person_name if self.case else None, self._user_name)
        self._fill_workflow()
        self.attendees.set_rows(meeting.attendees)
        self.agenda.set_items(meeting.agenda, meeting.hidden_items, self.protocol_editable, meeting.anonymised)
        self.corrections.set_rows(meeting.corrections)
        self.actions.set_rows(self.plan.actions if self.plan else ())
        est = self.is_est
        for widget in (self.action_view, self.plan_label, self.add_action_button):
            widget.setVisible(not est)
        self.est_panel.setVisible(est)
        if est:
            self.est_panel.show_actions(meeting, self.est_actions, self.protocol_editable)
        self._fill_plan_label()
        self._fill_consent_label()
        self.next_meeting.show_meeting(meeting, self.protocol_editable)
        self._update_enabled()
        self._update_tab_titles()

    def _fill_workflow(self) -> None:
        status, may = self.meeting.protocol_status, self._may
        self.send_button.setVisible(status == "UTKAST" and may(Act.UPDATE))
        self.back_to_draft_button.setVisible(status == "JUSTERING" and may(Act.UPDATE))
        self.approve_button.setVisible(status == "JUSTERING" and may(Act.APPROVE))
        self.correction_button.setVisible(status == "JUSTERAT" and may(Act.UPDATE))
        hints = {"UTKAST": self.tr("Draft: the protocol can be edited."),
                 "JUSTERING": self.tr("Awaiting approval: send it back to the draft to change anything."),
                 "JUSTERAT": self.tr("Approved and locked. Changes are added as corrections.")}
        self.workflow_hint.setText(hints.get(status, ""))

    def _fill_plan_label(self) -> None:
        if self.meeting.case_id is None:
            self.plan_label.setText("")
        elif self.plan is None:
            self.plan_label.setText(self.tr("The case has no action plan yet: the first action creates one."))
        else:
            text = self.tr("Action plan version %1, valid from %2.").replace("%1", str(self.plan.version)) \
                .replace("%2", fmt_date(self.plan.valid_from))
            if self.plan.hidden_actions:
                text += " " + self.tr("%n action(s) of other agencies are not shown.", "", self.plan.hidden_actions)
            self.plan_label.setText(text)

    def _fill_consent_label(self) -> None:
        if self.covered is None:
            self.consent_label.setText("")
            return
        names = ", ".join(vocab.AGENCIES.label(a) for a in vocab.AGENCIES.codes if a in self.covered)
        self.consent_label.setText(self.tr("Only agencies covered by the consent may attend: %1.")
                                   .replace("%1", names))

    def _update_enabled(self) -> None:
        m, can, may = self.meeting, self.ctx.can, self._may
        group = m.case_id is None
        self.add_attendee_button.setEnabled(m.protocol_status == "UTKAST" and may(Act.UPDATE, Rec.MEETING))
        may_print = may(Act.PRINT)
        self.print_button.setEnabled(may_print)
        self.print_reason.setVisible(not may_print)
        if not may_print:
            roles = ", ".join(vocab.ROLES.label(r) for r in sorted(self.ctx.actor.roles))
            text = (self.tr("Your role (%1) may approve the protocol but not print it: the chair or the secretary "
                            "prints it.") if may(Act.APPROVE) else
                    self.tr("Your role (%1) may read the protocol but not print it: the chair or the secretary "
                            "prints it."))
            self.print_reason.setText(text.replace("%1", roles))
        self.tabs.setTabVisible(2, not group or self.is_est)
        self.tabs.setTabVisible(4, m.protocol_status == "JUSTERAT" or bool(m.corrections))
        # Actions decided in the meeting are written by whoever writes the protocol.
        self.add_action_button.setEnabled(
            not group and self.protocol_editable and can(Act.UPDATE, Rec.PLAN)
            and (self.plan is not None or can(Act.CREATE, Rec.PLAN)))

    def _update_tab_titles(self) -> None:
        m = self.meeting
        actions = len(self.est_actions) if self.is_est else len(self.plan.actions) if self.plan else 0
        counts = (len(m.attendees), len(m.agenda), actions, None, len(m.corrections)) if m else (0, 0, 0, None, 0)
        titles = (self.tr("Attendance (%1)"), self.tr("Agenda (%1)"), self.tr("Actions (%1)"),
                  self.tr("Next meeting"), self.tr("Corrections (%1)"))
        for number, (title, count) in enumerate(zip(titles, counts)):
            self.tabs.setTabText(number, title.replace("%1", str(count)) if count is not None else title)

    # -- lock -----------------------------------------------------------------
    def has_unsaved_edits(self) -> bool:
        """An agenda item edited but not saved (asked before a manual lock, DESIGN.md §4)."""
        return self.meeting is not None and self.agenda.dirty

    def clear(self) -> None:
        """Drop every DTO and empty every widget (lock, R14)."""
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self.meeting = self.case = self.plan = self.covered = None
        self.users = {}
        self.est_actions = ()
        self.est_panel.clear()
        self._own_change = False
        self.agenda.clear()
        for model in (self.attendees, self.actions, self.corrections):
            model.clear()
        self.header.clear()
        self.next_meeting.clear()
        for label in (self.workflow_hint, self.plan_label, self.consent_label):
            label.clear()
        self.banner.clear()
        self.print_button.setEnabled(False)
        self._update_tab_titles()
