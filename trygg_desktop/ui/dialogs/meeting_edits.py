"""What the meeting editor's buttons and saves do (a mixin of ``MeetingEditor``).

Every service call of the editor is here: an agenda item (with the edit-conflict
dialog when a colleague saved first), NÄSTA MÖTE, the justering workflow, and the
attendee, action and correction dialogs. The editor's widgets, ``_mutate`` and
``apply`` come from ``MeetingEditor``; the texts are translated in this class's context.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any, Callable

from PySide6.QtWidgets import QMessageBox

from ...api.changes import changes_of
from ...api.errors import EditConflict
from ...api.results import MeetingDTO, PlanDTO
from ..errors import show_error
from .edit_conflict import SAVE_MINE, TAKE_SAVED, EditConflictDialog
from .meeting_dialogs import AttendeeDialog, MeetingActionDialog, ProtocolCorrectionDialog
from .print_preview import PrintPreviewDialog


class ProtocolEdits:
    """Saves and dialogs of the meeting editor; mixed into ``MeetingEditor`` (a QWidget)."""

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
        self._mutate(partial(meetings.set_agenda_item, meeting_id, number, heading, **fields), saved, failed)

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
        self._mutate(partial(meetings.set_next_meeting, meeting_id, when, place, informed, expected_version=version),
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
        self._mutate(partial(meetings.set_protocol_status, meeting_id, target), self.apply)

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
            self._mutate(partial(meetings.add_attendee, meeting_id, data),
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
        changes = changes_of(s.plans.new_version, s.plans.add_action)
        self._open_dialog(dialog, lambda data: self._mutate(lambda: run(data), added, dialog.failed, changes=changes))

    def add_correction(self) -> None:
        if self.meeting is None:
            return
        dialog = ProtocolCorrectionDialog(self)
        meetings, meeting_id = self.ctx.services.meetings, self.meeting.id
        self._open_dialog(dialog, lambda text: self._mutate(
            partial(meetings.add_correction, meeting_id, text),
            lambda m: (dialog.accept(), self.apply(m), self.tabs.setCurrentIndex(4)), dialog.failed))

    def print_protocol(self) -> None:
        """Ctrl+P: the print preview with recipient versions (it logs and records what it hands out)."""
        if self.meeting is None or not self.print_button.isEnabled():
            return
        dialog = PrintPreviewDialog(self.ctx, meeting_id=self.meeting.id, parent=self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()
