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

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget

from ...domain import vocab
from ...domain.access import Act, Rec, decide_est_meeting
from ...api.errors import EditConflict, TryggError
from ...api.inputs import CaseFilter
from ...api.results import CaseSummary, MeetingDTO, PlanDTO, UserDTO
from ...api.results import EstActionDTO
from ...api.inputs import EST_MEETING
from ..errors import show_error
from ..i18n import fmt_date
from ..models.simple_table import Column, DtoTableModel, setup_table_view
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner
from .edit_conflict import SAVE_MINE, TAKE_SAVED, EditConflictDialog
from .est_meeting import EstActionsPanel
from .meeting_sections import AgendaPanel, NextMeetingPanel, ProtocolHeader
from .meeting_dialogs import AttendeeDialog, MeetingActionDialog, ProtocolCorrectionDialog
from .print_preview import PrintPreviewDialog

RED = "#b00020"


@dataclass(frozen=True)
class Loaded:
    """Everything the editor shows, fetched in one worker call."""

    meeting: MeetingDTO
    case: CaseSummary | None
    plan: PlanDTO | None
    covered: frozenset[str] | None      # agencies that may attend (None: no consent rule applies)
    users: dict[int, UserDTO]
    est_actions: tuple[EstActionDTO, ...] = ()   # an EST meeting: the actions it decided


def local_time(utc: datetime) -> datetime:
    """Timestamps are stored in UTC (naive); people read local time."""
    return utc.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


def _optional(fn: Callable[[], Any]) -> Any:
    """A part the reader may not see (plan, consent) is left out instead of failing the whole view."""
    try:
        return fn()
    except TryggError:
        return None


def _box(title: str, widget: QWidget, *extra: QWidget) -> QWidget:
    host = QWidget()
    layout = QVBoxLayout(host)
    for w in extra:
        layout.addWidget(w)
    layout.addWidget(widget, 1)
    host.setAccessibleName(title)
    return host


class MeetingEditor(QWidget):
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
            Column(self.tr("Added"), lambda c: local_time(c.created_at)),
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

        def fetch() -> Loaded:
            meeting = s.meetings.get(meeting_id)
            users = known_users or {u.id: u for u in s.users.directory()}
            if meeting.meeting_type == EST_MEETING:
                return Loaded(meeting, None, None, None, users, tuple(s.est_meetings.actions(meeting_id)))
            case = plan = covered = None
            if meeting.case_id is not None:
                found = _optional(lambda: s.cases.list(CaseFilter(query=meeting.case_reference, limit=5))[0]) or []
                case = next((c for c in found if c.id == meeting.case_id), None)
                plan = _optional(lambda: s.plans.get_current(meeting.case_id)) if read_plan else None
                if case is not None and case.kind == "SSPF":
                    units = {u.id: u.agency for u in s.users.list_units()}
                    consents = _optional(lambda: s.consents.list_for_case(meeting.case_id)) or []
                    scope = {a for a, _ in consents[0].scope_agencies} if consents and \
                        consents[0].status == "VALID" else set()
                    covered = frozenset(scope | {units.get(case.unit_id, "SOC")})
            return Loaded(meeting, case, plan, covered, users)

        self._run(QueryOp(fetch), self._loaded)

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

    def _mutate(self, fn: Callable[[], Any], changes: set[str], on_success: Callable[[Any], None],
                on_failure: Callable[[BaseException], None] | None = None) -> None:
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

    def save(self) -> None:
        """Ctrl+S: save what the current tab edits."""
        if self.tabs.currentIndex() == 3:
            self.next_meeting.save()
        else:
            self.agenda.save()

    def save_item(self, number: int, heading: str, fields: dict) -> None:
        """The agenda panel asks to save § ``number`` (it has checked the text already)."""
        if self.meeting is None or not self.protocol_editable:
            return
        meetings, meeting_id = self.ctx.services.meetings, self.meeting.id

        def saved(meeting: MeetingDTO) -> None:
            self.agenda.saved(number)
            self.banner.clear()
            self.apply(meeting)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, EditConflict):
                self._agenda_conflict(number, heading, fields, exc.params.get("saved") or {})
            else:
                show_error(self, exc)
        self._mutate(lambda: meetings.set_agenda_item(meeting_id, number, heading, **fields), {"meetings"}, saved,
                     failed)

    def _agenda_conflict(self, number: int, heading: str, fields: dict, saved: dict) -> None:
        """A colleague saved § ``number`` first: show both, nothing is lost (the form keeps the text)."""
        mine = self.agenda.form_text()
        dialog = EditConflictDialog([(self.tr("Heading"), saved.get("heading") or "", mine[0]),
                                     (self.tr("Note"), saved.get("note") or "", mine[1]),
                                     (self.tr("Decision"), saved.get("decision") or "", mine[2])], self)
        self.dialog = dialog
        dialog.exec()
        self.dialog = None
        version = saved.get("version", 0)
        if dialog.choice == TAKE_SAVED:
            self.agenda.take(number, saved)
            self.reload()
        elif dialog.choice == SAVE_MINE:
            self.agenda.based_on(version)
            self.save_item(number, heading, {**fields, "expected_version": version})
        else:
            self.agenda.based_on(version)
            self.show_banner(self.tr("Your text is kept in the form; the saved version is shown in the comparison. "
                                     "Save again when you have merged them."), "warning")

    # -- other edits ----------------------------------------------------------
    def save_next(self, when, place, informed) -> None:
        if self.meeting is None or not self.protocol_editable:
            return
        meetings, meeting_id, version = self.ctx.services.meetings, self.meeting.id, self.meeting.version
        self._mutate(lambda: meetings.set_next_meeting(meeting_id, when, place, informed, expected_version=version),
                     {"meetings"},
                     lambda m: (self.apply(m), self.show_banner(self.tr("Next meeting saved."), "info")))

    def set_status(self, target: str) -> None:
        if self.meeting is None:
            return
        if self.agenda.dirty:
            self.show_banner(self.tr("Save the current agenda item first."), "warning")
            return
        if target == "JUSTERAT":
            answer = QMessageBox.question(
                self, self.tr("Approve the protocol"),
                self.tr("Approving locks the protocol for good. Later changes can only be added as "
                        "corrections. Approve now?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        meetings, meeting_id = self.ctx.services.meetings, self.meeting.id
        self._mutate(lambda: meetings.set_protocol_status(meeting_id, target), {"meetings"}, self.apply)

    def _open_dialog(self, dialog, on_submit: Callable[[Any], None]) -> None:
        self.dialog = dialog
        dialog.submitted.connect(on_submit)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def add_attendee(self) -> None:
        if self.meeting is None:
            return
        dialog = AttendeeDialog(self.covered, self.meeting.case_id is None, self)
        meetings, meeting_id = self.ctx.services.meetings, self.meeting.id

        def submit(data) -> None:
            self._mutate(lambda: meetings.add_attendee(meeting_id, data), {"meetings"},
                         lambda m: (dialog.accept(), self.apply(m)), dialog.failed)
        self._open_dialog(dialog, submit)

    def add_action(self) -> None:
        if self.meeting is None or self.meeting.case_id is None:
            return
        due = self.meeting.starts_at.date()
        dialog = MeetingActionDialog(list(self.users.values()), max(due, self.ctx.services.today or due), self)
        s, meeting = self.ctx.services, self.meeting

        def run(data):
            plan = s.plans.get_current(meeting.case_id)
            if plan is None:
                plan = s.plans.new_version(meeting.case_id, meeting.starts_at.date(), meeting_id=meeting.id)
            s.plans.add_action(plan.id, replace(data, created_in_meeting_id=meeting.id))
            return s.plans.get_current(meeting.case_id)

        def added(plan: PlanDTO) -> None:
            dialog.accept()
            self.plan = plan
            self.apply(self.meeting)
        self._open_dialog(dialog, lambda data: self._mutate(lambda: run(data), {"plans", "cases"}, added,
                                                            dialog.failed))

    def add_correction(self) -> None:
        if self.meeting is None:
            return
        dialog = ProtocolCorrectionDialog(self)
        meetings, meeting_id = self.ctx.services.meetings, self.meeting.id
        self._open_dialog(dialog, lambda text: self._mutate(
            lambda: meetings.add_correction(meeting_id, text), {"meetings"},
            lambda m: (dialog.accept(), self.apply(m), self.tabs.setCurrentIndex(4)), dialog.failed))

    def print_protocol(self) -> None:
        """Ctrl+P: the print preview with recipient versions (it logs and records what it hands out)."""
        if self.meeting is None or not self.print_button.isEnabled():
            return
        dialog = PrintPreviewDialog(self.ctx, meeting_id=self.meeting.id, parent=self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

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
