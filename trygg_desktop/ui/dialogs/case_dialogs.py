"""Data-entry dialogs of the case view: status change, follow-up date, assigning a colleague,
journal entries and their corrections (on ``form_dialog.FormDialog``).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ...domain import vocab
from ...domain.lifecycle import CASE_MACHINES
from ...api.results import CaseDetail, UserDTO
from ...api.inputs import JournalInput
from .form_dialog import Call, FormDialog, OptionalDate, date_edit, from_qdate, plain, text_edit, vocab_combo


# -- case -----------------------------------------------------------------------
class StatusChangeDialog(FormDialog):
    """Only the transitions the service offered; closing asks for a closure reason and a confirmation."""

    def __init__(self, ctx, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Change status"), parent, ok_text=self.tr("Change status"),
                         confirm=self.tr("I have checked this: the case will be closed."))
        self.case_id, self.kind, self.source = detail.summary.id, detail.summary.kind, detail.summary.status
        self.expected_version = detail.version
        self.machine = CASE_MACHINES[self.kind]
        statuses = vocab.CASE_STATUSES[self.kind]
        self.add_row(self.tr("Current status:"), QLabel(statuses.label(self.source)))
        self.target = self.add_row(self.tr("&New status:"), vocab_combo(statuses, detail.allowed_transitions))
        self.step = QLabel()
        self.step.setStyleSheet("color:#444;")
        self.add_row(self.tr("Step:"), self.step)
        self.reason = self.add_row(self.tr("Closure &reason:"), vocab_combo(
            vocab.CLOSURE_REASONS[self.kind], empty=self.tr("– choose a reason –")))
        self.note = self.add_row(self.tr("N&ote:"), text_edit(lines=3))
        self.target.currentIndexChanged.connect(self._target_changed)
        self.finish_layout()
        self._target_changed()

    def _transition(self):
        target = self.target.currentData()
        return self.machine.transition(self.source, target) if target else None

    def closing(self) -> bool:
        return self.machine.is_closed(self.target.currentData() or "")

    def needs_confirmation(self) -> bool:
        return self.closing()

    def _target_changed(self, *_args: Any) -> None:
        t = self._transition()
        self.step.setText(t.label("sv") if t else "")
        self.set_row_visible(self.reason, bool(t and t.closure_code))
        if self.confirm_box is not None:
            self.confirm_box.setVisible(self.closing())
            self.confirm_box.setChecked(False)
        self._update_ok()

    def build_call(self) -> Call | None:
        t = self._transition()
        if t is None:
            self.warn(self.tr("Choose the new status."))
            return None
        note = plain(self.note)
        reason: str | None = None
        if t.closure_code:
            reason = self.reason.currentData()
            if not reason:
                self.warn(self.tr("Choose a closure reason."))
                return None
        elif t.needs_reason:
            if not note:
                self.warn(self.tr("Write a note that says why."))
                return None
            reason = note
        services, case_id, target, version = self.ctx.services, self.case_id, t.target, self.expected_version
        return partial(services.cases.change_status, case_id, target, reason=reason, note=note,
                                                     expected_version=version)

    def saved_text(self, saved: dict[str, Any]) -> str:
        status = saved.get("status")
        if not status:
            return ""
        return self.tr("The case's status is now: %1.").replace("%1", vocab.CASE_STATUSES[self.kind].label(status))


class FollowUpDialog(FormDialog):
    may_save_over = True  # one date: the user sees the colleague's and may keep their own

    def __init__(self, ctx, case_id: int, current: date | None, today: date, parent: QWidget | None = None, *,
                 version: int | None = None) -> None:
        super().__init__(ctx, self.tr("Follow-up date"), parent)
        self.case_id, self.expected_version = case_id, version
        self.when = self.add_row(self.tr("&Follow up on:"), OptionalDate(
            current or today, self.tr("Date"), checked=True))
        self.finish_layout()

    def build_call(self) -> Call | None:
        services, case_id, when, version = self.ctx.services, self.case_id, self.when.value(), self.expected_version
        return partial(services.cases.set_follow_up, case_id, when, expected_version=version)

    def saved_text(self, saved: dict[str, Any]) -> str:
        if "follow_up_date" not in saved:
            return ""
        when = saved["follow_up_date"]
        return (self.tr("Saved now: follow up on %1.").replace("%1", str(when)) if when
                else self.tr("Saved now: no follow-up date."))


class AssignUserDialog(FormDialog):
    """Colleagues who do case work; for restricted kinds only members of the case's unit."""

    def __init__(self, ctx, detail: CaseDetail, users: list[UserDTO], parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Assign user"), parent, ok_text=self.tr("Assign"))
        self.case_id = detail.summary.id
        s = detail.summary
        self.user = self.add_row(self.tr("&User:"), QComboBox())
        for u in users:
            if not u.active or not (set(u.roles) & vocab.CASE_WORK_ROLES) or u.id == s.responsible_user_id:
                continue
            if s.kind != "SSPF" and s.unit_id not in u.unit_ids:
                continue
            roles = ", ".join(vocab.ROLES.label(r) for r in u.roles)
            self.user.addItem(f"{u.display_name or u.username} – {vocab.AGENCIES.label(u.agency)} ({roles})", u.id)
        self.role = self.add_row(self.tr("&Role in the case:"), QComboBox())
        self.role.addItem(self.tr("Contact person"), "KONTAKT")
        self.role.addItem(self.tr("Participant"), "DELTAGARE")
        self.finish_layout()

    def build_call(self) -> Call | None:
        user_id = self.user.currentData()
        if user_id is None:
            self.warn(self.tr("Choose a user."))
            return None
        services, case_id, role = self.ctx.services, self.case_id, self.role.currentData()
        return partial(services.cases.assign, case_id, user_id, role)


# -- journal ------------------------------------------------------------------------
class JournalDialog(FormDialog):
    """A new entry. INTERNAL stays within the author's agency; SHARED reaches the
    agencies the consent covers, within its information categories."""

    def __init__(self, ctx, case_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New journal entry"), parent, ok_text=self.tr("Save entry"))
        self.case_id = case_id
        self.event_date = self.add_row(self.tr("&Date:"), date_edit(today, maximum=today))
        self.entry_type = self.add_row(self.tr("&Type:"), vocab_combo(vocab.JOURNAL_TYPES, current="ANTECKNING"))
        self.visibility = self.add_row(self.tr("&Visibility:"), vocab_combo(vocab.VISIBILITY, current="INTERNAL"))
        self.visibility_hint = QLabel()
        self.visibility_hint.setWordWrap(True)
        self.visibility_hint.setStyleSheet("color:#444;")
        self.form.addRow("", self.visibility_hint)
        self.visibility.currentIndexChanged.connect(self._visibility_changed)
        self.category = self.add_row(self.tr("Information &category:"), vocab_combo(
            vocab.INFORMATION_CATEGORIES, current=vocab.AGENCY_DEFAULT_CATEGORY.get(ctx.actor.agency)))
        self.source = self.add_row(self.tr("&Source:"), QLineEdit())
        self.source.setPlaceholderText(self.tr("e.g. mentor, guardian, own observation"))
        self.text = self.add_row(self.tr("Te&xt:"), text_edit(lines=8))
        self.finish_layout()
        self._visibility_changed()

    def _visibility_changed(self, *_args: Any) -> None:
        self.visibility_hint.setText(
            self.tr("Only your own agency sees this entry.") if self.visibility.currentData() == "INTERNAL" else
            self.tr("The agencies the consent covers see this entry, if it covers the information category."))

    def build_call(self) -> Call | None:
        text = self.text.toPlainText()
        if not text.strip():
            self.warn(self.tr("Write the entry."))
            return None
        data = JournalInput(case_id=self.case_id, event_date=from_qdate(self.event_date.date()),
                            entry_type=self.entry_type.currentData(), text=text,
                            visibility=self.visibility.currentData(),
                            information_category=self.category.currentData(), source=plain(self.source))
        services = self.ctx.services
        return partial(services.journal.add, data)


class CorrectJournalDialog(FormDialog):
    """A correction is a new entry pointing at the original, which stays as written."""

    def __init__(self, ctx, entry_id: int, original_text: str, event_date: date, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Correct journal entry"), parent, ok_text=self.tr("Save correction"),
                         intro=self.tr("The original entry is kept and shown as corrected."))
        self.entry_id = entry_id
        original = text_edit(original_text, lines=4)
        original.setReadOnly(True)
        self.add_row(self.tr("Original:"), original, self.tr("Original text"))
        self.event_date = self.add_row(self.tr("&Date:"), date_edit(event_date, maximum=today))
        self.text = self.add_row(self.tr("&Corrected text:"), text_edit(original_text, lines=6))
        self.finish_layout()

    def build_call(self) -> Call | None:
        text = self.text.toPlainText()
        if not text.strip():
            self.warn(self.tr("Write the corrected text."))
            return None
        services, entry_id, when = self.ctx.services, self.entry_id, from_qdate(self.event_date.date())
        return partial(services.journal.correct, entry_id, text, event_date=when)
