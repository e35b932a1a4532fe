"""The case view: what a social worker looks at all day.

``load(case_id)`` makes ONE audited read (``services.case_view.open``, through the
page's ``CaseSession``) and the header and every tab fill themselves from the returned
``CaseDetail`` on the session's ``loaded`` signal; the services have
already left out what this reader may not see, and ``withheld`` names what was
left out so the view can say so. After every change the case is read again
(the window's change notification refreshes the page), so the screen never
shows a state the database does not have. ``clear()`` drops every DTO (the session
empties and every view connected to its ``cleared`` signal with it).
The header is ``case_header.CaseHeader``; what the buttons open is ``case_actions``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from ...domain import vocab
from ...domain.access import Act, Rec
from ...domain.timefmt import CLOCK, fmt_instant
from ...api.changes import Topic
from ...api.results import CaseDetail, UserDTO
from ..errors import show_error
from ..tasks import QueryOp
from ..widgets.banner import Banner
from .base import Page
from .case_actions import CaseActions
from .case_header import CaseHeader
from .case_session import CaseSession
from .case_tabs import (AssessmentTab, ConsentTab, DisclosuresTab, HistoryTab, JournalTab, MeetingsTab,
                        OverviewTab, PlanTab)

class CaseViewPage(CaseActions, Page):
    cares_about = frozenset({Topic.CASES, Topic.CASE, Topic.PERSONS, Topic.CONSENTS, Topic.JOURNAL, Topic.PLANS,
                             Topic.MEETINGS, Topic.USERS, Topic.ASSESSMENTS, Topic.DISCLOSURES})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.session = CaseSession(ctx, self)
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
        self.header = CaseHeader(self, self.session)
        h = self.header  # its parts under the names the tabs and tests use
        self.name_label, self.person_label, self.copy_pnr_button = h.name_label, h.person_label, h.copy_pnr_button
        self.restricted_label, self.light, self.fact_labels = h.restricted_label, h.light, h.fact_labels
        self.status_button, self.hold_button, self.next_steps = h.status_button, h.hold_button, h.next_steps
        column.addWidget(self.header)
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
        # Connected after the header and the tabs: they are filled first, then the page's
        # banners (the emergency banner hides buttons the tabs have just shown).
        self.session.loaded.connect(self._loaded)
        self.session.cleared.connect(self._dropped)
        self.session.failed.connect(self._load_failed)
        self.session.revealed.connect(lambda revealed: self.show_protected_banner(revealed=revealed))

    # -- the open case (held by the session) ----------------------------------
    @property
    def case_id(self) -> int | None:
        return self.session.case_id

    @property
    def detail(self) -> CaseDetail | None:
        return self.session.detail

    @property
    def users(self) -> dict[int, UserDTO]:
        return self.session.users

    # -- loading --------------------------------------------------------------
    def today(self) -> date:
        return self.session.today()

    def user_name(self, user_id: int | None) -> str:
        return self.session.user_name(user_id)

    def load(self, case_id: int) -> None:
        """Read the case (one audited read) and fill everything from it."""
        if case_id != self.case_id:
            self.tabs.setCurrentIndex(0)   # the session drops the other case's DTOs in ``open``
        self._stale = False
        self.banner.clear()
        self.session.open(case_id)

    def _loaded(self, detail: CaseDetail) -> None:
        self._fill_banners(detail)
        self._show_emergency(detail)
        self.stack.setCurrentWidget(self.content)
        if self.tabs.currentWidget() is self.history:
            self.history.ensure_loaded()

    def _load_failed(self, case_id: int, exc: BaseException) -> None:
        """The session has dropped the case already; say why and offer emergency access where it applies."""
        show_error(self, exc)
        if getattr(exc, "code", "") == "access.not_in_case" and self.ctx.actor.roles & vocab.CASE_WORK_ROLES:
            emergency = self.ctx.services.emergency
            QueryOp(lambda: emergency.eligible(case_id)).success(
                lambda ok: self.emergency_offer.setVisible(bool(ok) and self.case_id == case_id and self.detail is None)
            ).failure(lambda _exc: None).run(self.ctx.executor)

    def _fill_banners(self, d: CaseDetail) -> None:
        p = d.person
        self.show_protected_banner(revealed=not p.details_hidden)
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

    def _dropped(self) -> None:
        """The session forgot its DTOs (the header and the tabs empty themselves on the same signal)."""
        self.protected_banner.clear()
        self.withheld_banner.clear()
        self.emergency_banner.clear()
        self.emergency_offer.hide()
        self.stack.setCurrentWidget(self.empty_label)

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.session.clear()
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
