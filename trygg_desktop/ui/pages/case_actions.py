"""What the case view's buttons open: one window-modal dialog at a time, on the shown case.

Every action reads the case the page shows (``self.detail``), opens its dialog
through ``open_dialog`` (non-blocking; the dialog runs its own service call and
the window's change notification refreshes the page) and does nothing when no
case is shown. ``CaseActions`` is mixed into ``CaseViewPage``; it holds no state of
its own and no text (the dialogs carry their own strings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ..dialogs import case_dialogs as cd
from ..dialogs import consent_dialogs as consent_d
from ..dialogs.new_meeting import NewMeetingDialog
from ..dialogs import record_dialogs as rd
from ..tasks import MutationOp
from . import next_steps

if TYPE_CHECKING:
    from datetime import date
    from typing import Any, Callable

    from ...api.results import CaseDetail
    from .base import Context
    from .case_session import CaseSession


class CaseActions:
    """The dialog-opening half of ``CaseViewPage`` (see there for the attributes it uses).

    It is also the type the tabs know their page by: they import this module, never
    ``case_view``, so the page and its tabs form no import circle."""

    detail: CaseDetail | None
    dialog: QDialog | None
    ctx: Context
    session: CaseSession

    if TYPE_CHECKING:
        def today(self) -> date: ...

        def query(self, fn: Callable[[], Any], on_success: Callable[[Any], None]) -> None: ...

    def open_dialog(self, dialog: QDialog) -> QDialog:
        """Window-modal and non-blocking; the dialog runs its own service call."""
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_finished(d))
        dialog.open()
        return dialog

    def _dialog_finished(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def go_to_step(self, key: str) -> None:
        """A next-step button of the header: the tab where the step is done, and its dialog."""
        if self.detail is None:
            return
        tab = {next_steps.CONSENT: self.consent, next_steps.SIGN: self.consent, next_steps.PLAN: self.plan,
               next_steps.MEETING: self.meetings}.get(key, self.assessment)   # the risk records are there too
        self.tabs.setCurrentWidget(tab)
        record = {next_steps.RISK: self.add_risk_level, next_steps.THREAT: self.add_threat,
                  next_steps.CONDITIONS: self.set_conditions}.get(key)
        if record is not None:
            record()
        elif key == next_steps.CONSENT:
            self.new_consent()
        elif key == next_steps.SIGN:
            pending = next_steps.pending_consent(self.detail)
            if pending is not None and self.consent.select_consent(pending.id):
                self.sign_consent()
        elif key == next_steps.MAPPING:
            self.assessment.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif key == next_steps.PLAN:
            self.plan.version_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.book_meeting()

    def book_meeting(self) -> QDialog | None:
        """The new-meeting dialog with this case chosen; a refusal for lack of consent
        (``meeting.consent_required``) offers the way to the consent tab."""
        if self.detail is None:
            return None
        dialog = NewMeetingDialog(self.ctx, [], self.today(), self, case=self.detail.summary,
                                            on_consent=lambda _case_id: self.tabs.setCurrentWidget(self.consent))
        services = self.ctx.services

        def created(meeting) -> None:
            dialog.accept()
            self.ctx.open_meeting(meeting.id)   # attendees and agenda are set in the meeting editor
        dialog.submitted.connect(lambda data: MutationOp.call(services.meetings.create, data, notify=self.ctx.notify)
                                 .success(created).failure(dialog.failed).run(self.ctx.executor))
        return self.open_dialog(dialog)

    def set_legal_hold(self) -> QDialog | None:
        if self.detail is None:
            return None
        from ..dialogs.retention_dialogs import case_hold_dialog
        return self.open_dialog(case_hold_dialog(self, self.detail.summary.id, self.detail.summary.reference))

    def change_status(self) -> None:
        if self.detail is not None and self.detail.allowed_transitions:
            self.open_dialog(cd.StatusChangeDialog(self.ctx, self.detail, self))

    def set_follow_up(self) -> None:
        if self.detail is not None:
            s = self.detail.summary
            self.open_dialog(cd.FollowUpDialog(self.ctx, s.id, s.follow_up_date, self.today(), self,
                                               version=self.detail.version))

    def assign_user(self) -> None:
        if self.detail is not None:
            self.open_dialog(cd.AssignUserDialog(self.ctx, self.detail, list(self.users.values()), self))

    def open_linked_case(self) -> None:
        if self.detail is not None and self.detail.linked_case_id is not None:
            self.ctx.open_case(self.detail.linked_case_id)

    def new_consent(self) -> None:
        if self.detail is not None:
            s = self.detail.summary
            self.open_dialog(consent_d.NewConsentDialog(self.ctx, s.id, s.kind, self.detail.person.name,
                                                        self.today(), self))

    def sign_consent(self) -> None:
        consent = self.consent.selected()
        if consent is not None:
            self.open_dialog(consent_d.SignConsentDialog(self.ctx, consent, self.today(), self))

    def revoke_consent(self) -> None:
        consent = self.consent.selected()
        if consent is not None and self.detail is not None:
            self.open_dialog(consent_d.RevokeConsentDialog(self.ctx, consent, self.detail.summary.kind,
                                                           self.today(), self))

    def _record_dialog(self, dialog_class) -> None:
        """A new-record dialog that takes (ctx, case id, today, parent): assessments, risk levels …"""
        if self.detail is not None:
            self.open_dialog(dialog_class(self.ctx, self.detail.summary.id, self.today(), self))

    def new_assessment(self) -> None:
        self._record_dialog(rd.AssessmentDialog)

    def add_instrument(self) -> None:
        self._record_dialog(rd.InstrumentDialog)

    def add_risk_level(self) -> None:
        self._record_dialog(rd.RiskLevelDialog)

    def add_threat(self) -> None:
        self._record_dialog(rd.ThreatDialog)

    def set_conditions(self) -> None:
        self._record_dialog(rd.ConditionsDialog)

    def add_breach(self) -> None:
        conditions_id = self.assessment.avhoppare.latest_conditions_id()
        if conditions_id is not None:
            self.open_dialog(rd.BreachDialog(self.ctx, conditions_id, self.today(), self))

    def new_plan_version(self) -> None:
        if self.detail is not None:
            self.open_dialog(rd.PlanVersionDialog(self.ctx, self.detail.summary.id, self.detail.plan is not None,
                                                  self.today(), self))

    def add_goal(self) -> None:
        if self.detail is not None and self.detail.plan is not None:
            self.open_dialog(rd.GoalDialog(self.ctx, self.detail.plan.id, self.today(), self))

    def add_action(self) -> None:
        if self.detail is not None and self.detail.plan is not None:
            self.open_dialog(rd.ActionDialog(self.ctx, self.detail.summary.kind, self.detail.plan, self.today(),
                                             self))

    def change_action_status(self) -> None:
        action = self.plan.selected_action()
        if action is not None and self.plan.status_button.isEnabled():
            self.open_dialog(rd.ActionStatusDialog(self.ctx, action, self))

    def new_journal_entry(self) -> None:
        if self.detail is not None:
            self.open_dialog(cd.JournalDialog(self.ctx, self.detail.summary.id, self.today(), self))

    def correct_journal_entry(self) -> None:
        entry = self.journal.selected()
        if entry is not None and entry.owning_agency == self.ctx.actor.agency:
            self.open_dialog(cd.CorrectJournalDialog(self.ctx, entry.id, entry.text, entry.event_date, self.today(),
                                                     self))

    def record_disclosure(self) -> None:
        if self.detail is not None:
            self.open_dialog(consent_d.DisclosureDialog(self.ctx, self.detail.summary.id, self))
