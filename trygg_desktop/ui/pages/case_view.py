"""The case view: what a social worker looks at all day.

``load(case_id)`` makes ONE audited read (``services.case_view.open``) and fills
the header and every tab from the returned ``CaseDetail``; the services have
already left out what this reader may not see, and ``withheld`` names what was
left out so the view can say so. After every change the case is read again
(the window's change notification refreshes the page), so the screen never
shows a state the database does not have. ``clear()`` drops every DTO.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from ...domain import vocab
from ...domain.access import Act, Rec
from ...domain.consent import age_on
from ...domain.timefmt import CLOCK, fmt_instant
from ...services.dto import CaseDetail, UserDTO
from ..dialogs import case_dialogs as cd
from ..dialogs import consent_dialogs as consent_d
from ..dialogs import meeting_dialogs as meeting_d
from ..dialogs import record_dialogs as rd
from ..errors import show_error
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner
from ..widgets.consent_light import ConsentLight
from ..clipboard import not_selectable
from .base import Page
from .case_tabs import (AssessmentTab, ConsentTab, DisclosuresTab, HistoryTab, JournalTab, MeetingsTab,
                        OverviewTab, PlanTab)
from .case_tabs import next_steps


class CaseViewPage(Page):
    cares_about = frozenset({"cases", "case", "persons", "consents", "journal", "plans", "meetings", "users",
                             "assessments", "disclosures"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.case_id: int | None = None
        self.detail: CaseDetail | None = None
        self.users: dict[int, UserDTO] = {}
        self.dialog: QDialog | None = None
        self.protected_banner = Banner(self, closable=False)
        # The banner's "protected" colours are set on its frame only; the text needs its own.
        self.protected_banner.label.setStyleSheet("color:white; font-weight:bold; font-size:11pt;")
        self.withheld_banner = Banner(self)
        # Nödåtkomst: a red banner while the case is read through an emergency grant,
        # and an offer of emergency access when opening a case was refused.
        self.emergency_banner = Banner(self, closable=False)
        self.emergency_banner.label.setStyleSheet("color:white; font-weight:bold; font-size:11pt;")
        self.emergency_offer = QPushButton(self.tr("Request &emergency access…"))
        self.emergency_offer.setToolTip(self.tr("Read this case in an emergency, with a reason (logged and reviewed)"))
        self.emergency_offer.clicked.connect(self.request_emergency_access)
        self.emergency_offer.hide()
        self.root.addWidget(self.emergency_banner)
        self.root.addWidget(self.emergency_offer, 0, Qt.AlignmentFlag.AlignLeft)
        self.root.addWidget(self.protected_banner)
        self.root.addWidget(self.withheld_banner)
        self.stack = QStackedWidget()
        self.root.addWidget(self.stack, 1)
        self.empty_label = QLabel(self.tr("No case is open. Open a case from the case list (Ctrl+F searches)."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color:#5f6368; font-size:11pt;")
        self.stack.addWidget(self.empty_label)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._build_header())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Case tabs"))
        self.tabs.setDocumentMode(True)
        self.overview, self.consent, self.assessment = OverviewTab(self), ConsentTab(self), AssessmentTab(self)
        self.plan, self.meetings, self.journal = PlanTab(self), MeetingsTab(self), JournalTab(self)
        self.disclosures, self.history = DisclosuresTab(self), HistoryTab(self)
        for tab, title in ((self.overview, self.tr("Overview")), (self.consent, self.tr("Consent")),
                           (self.assessment, self.tr("Mapping")), (self.plan, self.tr("Plan and actions")),
                           (self.meetings, self.tr("Meetings")), (self.journal, self.tr("Journal")),
                           (self.disclosures, self.tr("Disclosures")), (self.history, self.tr("History"))):
            self.tabs.addTab(tab, title)
        self.tabs.setTabVisible(self.tabs.indexOf(self.history), ctx.can(Act.READ, Rec.CASE_HISTORY))
        self.tabs.currentChanged.connect(self._tab_changed)
        column.addWidget(self.tabs, 1)
        self.stack.addWidget(content)
        self.content = content

    # -- header ---------------------------------------------------------------
    def _build_header(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("caseHeader")
        frame.setStyleSheet("QFrame#caseHeader{background:#f4f6f8; border:1px solid #dde1e5; border-radius:6px;}")
        grid = QGridLayout(frame)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(24)
        self.name_label = QLabel()
        self.name_label.setStyleSheet("font-size:16pt; font-weight:700;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setAccessibleName(self.tr("Name"))
        self.person_label = QLabel()
        self.person_label.setStyleSheet("color:#3c4043; font-size:11pt;")
        not_selectable(self.person_label)  # the pnr: copied only through copy_sensitive
        self.person_label.setAccessibleName(self.tr("Age and personal identity number"))
        title_row = QHBoxLayout()
        title_row.addWidget(self.name_label)
        title_row.addSpacing(12)
        title_row.addWidget(self.person_label)
        self.copy_pnr_button = QPushButton(self.tr("Copy"))
        self.copy_pnr_button.setToolTip(self.tr("Copy the personnummer (the clipboard is cleared after 30 seconds)"))
        self.copy_pnr_button.setAccessibleName(self.tr("Copy personnummer"))
        self.copy_pnr_button.setFlat(True)
        self.copy_pnr_button.setStyleSheet("QPushButton{color:#1a5fb4; padding:1px 6px;}")
        self.copy_pnr_button.clicked.connect(self.copy_personnummer)
        self.copy_pnr_button.hide()
        title_row.addWidget(self.copy_pnr_button)
        title_row.addSpacing(12)
        self.restricted_label = QLabel()
        self.restricted_label.setStyleSheet("color:#7a1010; background:#fde8e8; border:1px solid #e0a0a0;"
                                            "border-radius:3px; padding:1px 6px;")
        self.restricted_label.hide()
        title_row.addWidget(self.restricted_label)
        title_row.addStretch(1)
        self.light = ConsentLight()
        title_row.addWidget(self.light)
        grid.addLayout(title_row, 0, 0, 1, 2)
        facts = QHBoxLayout()
        facts.setSpacing(28)
        self.fact_labels: dict[str, QLabel] = {}
        for key, caption in (("reference", self.tr("Reference")), ("kind", self.tr("Kind")),
                             ("status", self.tr("Status")), ("unit", self.tr("Unit")), ("area", self.tr("Area")),
                             ("responsible", self.tr("Responsible"))):
            box = QVBoxLayout()
            box.setSpacing(0)
            top = QLabel(caption)
            top.setStyleSheet("color:#5f6368; font-size:8pt; text-transform:uppercase;")
            value = QLabel()
            value.setStyleSheet("font-weight:600;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(caption)
            box.addWidget(top)
            box.addWidget(value)
            facts.addLayout(box)
            self.fact_labels[key] = value
        facts.addStretch(1)
        grid.addLayout(facts, 1, 0)
        self.status_button = QPushButton(self.tr("Change &status…"))
        self.status_button.clicked.connect(self.change_status)
        # Gallring: the case's owner may put a legal hold on it (DOMAIN 6.5; ui/dialogs/retention_dialogs.py).
        self.hold_button = QPushButton(self.tr("Legal &hold…"))
        self.hold_button.setToolTip(self.tr("Keep this case from disposal (gallring), e.g. during an appeal"))
        self.hold_button.clicked.connect(self.set_legal_hold)
        self.hold_button.hide()
        header_buttons = QHBoxLayout()
        header_buttons.setSpacing(6)
        header_buttons.addWidget(self.hold_button)
        header_buttons.addWidget(self.status_button)
        grid.addLayout(header_buttons, 1, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.next_steps = next_steps.NextSteps(self)
        grid.addWidget(self.next_steps, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return frame

    # -- loading --------------------------------------------------------------
    def today(self) -> date:
        return self.ctx.services.today or date.today()

    def user_name(self, user_id: int | None) -> str:
        user = self.users.get(user_id) if user_id is not None else None
        return (user.display_name or user.username) if user else ""

    def load(self, case_id: int) -> None:
        """Read the case (one audited read) and fill everything from it."""
        if case_id != self.case_id:
            self._drop()
            self.tabs.setCurrentIndex(0)
        self.case_id = case_id
        self._stale = False
        self.banner.clear()
        services = self.ctx.services
        QueryOp(lambda: (services.case_view.open(case_id), services.users.directory())) \
            .success(self._loaded).failure(lambda exc: self._load_failed(case_id, exc)).run(self.ctx.executor)

    def _loaded(self, result: tuple[CaseDetail, list[UserDTO]]) -> None:
        detail, users = result
        if detail.summary.id != self.case_id:
            return  # another case was opened meanwhile
        self.detail = detail
        self.users = {u.id: u for u in users}
        self._fill_header(detail)
        for tab in self._tabs():
            tab.fill(detail)
        self._show_emergency(detail)
        self.stack.setCurrentWidget(self.content)
        if self.tabs.currentWidget() is self.history:
            self.history.ensure_loaded()

    def _load_failed(self, case_id: int, exc: BaseException) -> None:
        if case_id != self.case_id:
            return  # a read of a case no longer shown
        self._drop()
        show_error(self, exc)
        if getattr(exc, "code", "") == "access.not_in_case" and self.ctx.actor.roles & vocab.CASE_WORK_ROLES:
            emergency = self.ctx.services.emergency
            QueryOp(lambda: emergency.eligible(case_id)).success(
                lambda ok: self.emergency_offer.setVisible(bool(ok) and self.case_id == case_id and self.detail is None)
            ).failure(lambda _exc: None).run(self.ctx.executor)

    def _fill_header(self, d: CaseDetail) -> None:
        s, p = d.summary, d.person
        self.name_label.setText(p.name)
        parts = []
        if p.birth_date is not None:
            parts.append(self.tr("%1 years").replace("%1", str(age_on(p.birth_date, self.today()))))
        if s.pnr_display or p.pnr:
            parts.append(s.pnr_display or p.pnr or "")
        self.person_label.setText(" · ".join(parts))
        self.copy_pnr_button.setVisible(bool(p.pnr) and not p.pnr_masked)
        f = self.fact_labels
        f["reference"].setText(s.reference)
        f["kind"].setText(vocab.CASE_KINDS.label(s.kind))
        f["status"].setText(vocab.CASE_STATUSES[s.kind].label(s.status))
        f["unit"].setText(s.unit_name)
        f["area"].setText(s.area or "–")
        f["responsible"].setText(self.user_name(s.responsible_user_id) or "–")
        self.light.set_light(s.consent_light)
        restricted = s.kind in ("TREFAS", "AVHOPPARE")
        self.restricted_label.setText(self.tr("Restricted module – every read is logged") if restricted else "")
        self.restricted_label.setVisible(restricted)
        self.status_button.setVisible(bool(d.allowed_transitions))
        self.hold_button.setVisible(d.access_level == "OWNER")
        self.show_protected_banner(revealed=not p.details_hidden)
        self.next_steps.set_steps(next_steps.missing_steps(d, self.today(), self.ctx.can))
        if d.withheld:
            names = ", ".join(self._withheld_name(k) for k in d.withheld)
            self.withheld_banner.show_message(
                self.tr("Some information is withheld under secrecy and not shown to you: %1.").replace("%1", names),
                "info")
        else:
            self.withheld_banner.clear()

    def show_protected_banner(self, *, revealed: bool) -> None:
        """The red banner of a protected identity: the details are hidden, or (shown on request
        in the overview) must not be given out."""
        p = self.detail.person if self.detail is not None else None
        if p is None or p.protected_identity == "NONE":
            self.protected_banner.clear()
            return
        text = vocab.PROTECTED_IDENTITY.label(p.protected_identity) + " – " + (
            self.tr("do not disclose address, school or contact details") if revealed
            else self.tr("address, school and contact details are not shown"))
        self.protected_banner.show_message(text, "protected")

    def _withheld_name(self, key: str) -> str:
        names = {"journal": self.tr("journal entries"), "plan_actions": self.tr("plan actions"),
                 "assessments": self.tr("assessments"), "instruments": self.tr("instrument results"),
                 "threat_assessments": self.tr("threat assessments"), "risk_levels": self.tr("risk levels"),
                 "conditions": self.tr("conditions"), "disclosures": self.tr("disclosures")}
        return names.get(key, key)

    def _tabs(self):
        return (self.overview, self.consent, self.assessment, self.plan, self.meetings, self.journal,
                self.disclosures, self.history)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.history and self.detail is not None:
            self.history.ensure_loaded()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Deferred: ``open_case`` shows the page and then loads the new case;
        # refreshing the previous case first would be a needless audited read.
        QWidget.showEvent(self, event)
        if self._stale:
            QTimer.singleShot(0, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        super().refresh()
        if self.case_id is not None:
            self.load(self.case_id)

    def _drop(self) -> None:
        """Forget every DTO and empty every widget (the case id stays)."""
        self.detail = None
        self.users = {}
        self.name_label.clear()
        self.person_label.clear()
        self.copy_pnr_button.hide()
        self.restricted_label.clear()
        self.restricted_label.hide()
        for label in self.fact_labels.values():
            label.clear()
        self.light.clear()
        self.next_steps.clear()
        self.status_button.hide()
        self.hold_button.hide()
        self.protected_banner.clear()
        self.withheld_banner.clear()
        self.emergency_banner.clear()
        self.emergency_offer.hide()
        for tab in self._tabs():
            tab.clear()
        self.stack.setCurrentWidget(self.empty_label)

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self._drop()
        self.case_id = None
        super().clear()

    # -- emergency access (nödåtkomst) -------------------------------------------------
    # Buttons that change, print or export: hidden while reading through an emergency
    # grant (the services refuse these anyway; the view should not offer them).
    EMERGENCY_HIDDEN = {
        "overview": ("assign_button", "follow_up_button"), "consent": ("new_button", "sign_button", "revoke_button"),
        "assessment": ("new_button", "instrument_button"),
        "plan": ("version_button", "goal_button", "action_button", "status_button", "print_button"),
        "journal": ("new_button", "correct_button"), "disclosures": ("add_button",), "meetings": ("book_button",),
    }

    def _show_emergency(self, d: CaseDetail) -> None:
        self.emergency_offer.hide()
        if d.access_level != "EMERGENCY":
            self.emergency_banner.clear()
            return
        self.emergency_banner.show_message(self.tr(
            "Emergency access (nödåtkomst) – you have temporary read-only access until %1. "
            "Every access is logged and reviewed.").replace("%1", fmt_instant(d.emergency_until, CLOCK)), "protected")
        self.status_button.hide()
        for tab_name, names in self.EMERGENCY_HIDDEN.items():
            tab = getattr(self, tab_name, None)
            for name in names:
                button = getattr(tab, name, None)
                if button is not None:
                    button.hide()
        for sub in ("trefas", "avhoppare"):
            panel = getattr(self.assessment, sub, None)
            for name in ("add_button", "threat_button", "set_conditions_button", "breach_button"):
                button = getattr(panel, name, None)
                if button is not None:
                    button.hide()

    def request_emergency_access(self) -> None:
        if self.case_id is None:
            return
        from ..dialogs.emergency_dialog import EmergencyDialog
        self.emergency_offer.hide()
        self.open_dialog(EmergencyDialog(self.ctx, self, case_id=self.case_id))

    def copy_personnummer(self) -> bool:
        """Copy the shown person's full personnummer (ui/clipboard.py: hinted, cleared after 30 s)."""
        person = self.detail.person if self.detail is not None else None
        return self.copy_personnummer_value(person.pnr if person is not None and not person.pnr_masked else None)

    # -- dialogs ----------------------------------------------------------------
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
        tab = {next_steps.CONSENT: self.consent, next_steps.SIGN: self.consent, next_steps.MAPPING: self.assessment,
               next_steps.PLAN: self.plan, next_steps.MEETING: self.meetings}[key]
        self.tabs.setCurrentWidget(tab)
        if key == next_steps.CONSENT:
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
        dialog = meeting_d.NewMeetingDialog(self.ctx, [], self.today(), self, case=self.detail.summary,
                                            on_consent=lambda _case_id: self.tabs.setCurrentWidget(self.consent))
        services = self.ctx.services

        def created(meeting) -> None:
            dialog.accept()
            self.ctx.open_meeting(meeting.id)   # attendees and agenda are set in the meeting editor
        dialog.submitted.connect(lambda data: MutationOp(lambda: services.meetings.create(data), {"meetings"},
                                                         self.ctx.notify)
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
            self.open_dialog(cd.FollowUpDialog(self.ctx, s.id, s.follow_up_date, self.today(), self))

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

    def new_assessment(self) -> None:
        if self.detail is not None:
            self.open_dialog(rd.AssessmentDialog(self.ctx, self.detail.summary.id, self.today(), self))

    def add_instrument(self) -> None:
        if self.detail is not None:
            self.open_dialog(rd.InstrumentDialog(self.ctx, self.detail.summary.id, self.today(), self))

    def add_risk_level(self) -> None:
        if self.detail is not None:
            self.open_dialog(rd.RiskLevelDialog(self.ctx, self.detail.summary.id, self.today(), self))

    def add_threat(self) -> None:
        if self.detail is not None:
            self.open_dialog(rd.ThreatDialog(self.ctx, self.detail.summary.id, self.today(), self))

    def set_conditions(self) -> None:
        if self.detail is not None:
            self.open_dialog(rd.ConditionsDialog(self.ctx, self.detail.summary.id, self.today(), self))

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
