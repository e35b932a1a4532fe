"""The case header's next step: what is still missing in the SSPF flow
(referral → consent → kartläggning → plan → meeting) and a button that goes there.

Derived only from the ``CaseDetail`` the case view already read: no extra service
call. ``missing_steps`` is the rule (kept free of widgets so it reads as a list),
``NextSteps`` shows it. A step is offered only when the user's role may do it
(``ctx.can``); steps after the consent are shown but disabled while no valid
consent exists, since the services refuse them (DOMAIN 1.11) and saying so here
is kinder than a refusal later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ....domain.access import Act, Rec
from ....domain.lifecycle import CASE_MACHINES
from ....api.results import CaseDetail, ConsentDTO

CONSENT, SIGN, MAPPING, PLAN, MEETING = "consent", "sign", "mapping", "plan", "meeting"
CONSENT_OK = ("VALID", "EXPIRING")
OPEN_CONSENT = ("DRAFT", "PARTIAL")
FIRST_STYLE = ("QPushButton{background:#1a5fb4; color:white; border:1px solid #174f96; border-radius:4px;"
               "padding:2px 10px; font-weight:600;} QPushButton:focus{border:2px solid #0b2e5c;}")
ITEM_STYLE = ("QPushButton{background:#fdf3f2; color:#7a1010; border:1px solid #e6b8b4; border-radius:4px;"
              "padding:2px 8px;} QPushButton:disabled{background:#f1f3f4; color:#80868b; border-color:#dadce0;}"
              " QPushButton:focus{border:2px solid #1a5fb4;}")


@dataclass(frozen=True, slots=True)
class Step:
    key: str                 # CONSENT, SIGN, MAPPING, PLAN or MEETING
    reason: str = ""         # for CONSENT: the consent light (NONE, EXPIRED, REVOKED)
    blocked: bool = False    # needs a valid consent first


def pending_consent(detail: CaseDetail) -> ConsentDTO | None:
    """A consent still waiting for signatures (not revoked), the newest first."""
    pending = [c for c in detail.consents if c.status in OPEN_CONSENT and c.revoked_at is None]
    return max(pending, key=lambda c: c.id) if pending else None


def missing_steps(detail: CaseDetail, today: date, can: Callable[[Act, Rec], bool]) -> list[Step]:
    """The steps of an open SSPF case that are not done yet and that this user may do."""
    s = detail.summary
    if s.kind != "SSPF" or CASE_MACHINES["SSPF"].is_closed(s.status) or detail.access_level == "EMERGENCY":
        return []
    steps: list[Step] = []
    consent_ok = s.consent_light in CONSENT_OK
    if not consent_ok:
        if pending_consent(detail) is not None and can(Act.UPDATE, Rec.CONSENT):
            steps.append(Step(SIGN))
        elif can(Act.CREATE, Rec.CONSENT):
            steps.append(Step(CONSENT, reason=s.consent_light))
    blocked = not consent_ok
    # Assessments the reader may not see are named in ``withheld``: they exist.
    if not detail.assessments and "assessments" not in detail.withheld and can(Act.CREATE, Rec.ASSESSMENT):
        steps.append(Step(MAPPING, blocked=blocked))
    if not detail.plan_exists and can(Act.CREATE, Rec.PLAN):
        steps.append(Step(PLAN, blocked=blocked))
    if not any(m.starts_at.date() >= today for m in detail.meetings) and can(Act.CREATE, Rec.MEETING):
        steps.append(Step(MEETING, blocked=blocked))
    return steps


class NextSteps(QWidget):
    """A row under the case facts: "Next step:" and per missing step its text and a button."""

    def __init__(self, page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setAccessibleName(self.tr("Next step"))
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 4, 0, 0)
        self.row.setSpacing(6)
        caption = QLabel(self.tr("Next step:"))
        caption.setStyleSheet("color:#5f6368; font-weight:600;")
        self.row.addWidget(caption)
        self.items: list[QWidget] = []
        self.buttons: dict[str, QPushButton] = {}
        self.steps: list[Step] = []
        self.row.addStretch(1)
        self.hide()

    def _texts(self, step: Step) -> tuple[str, str]:
        if step.key == CONSENT:
            missing = {"EXPIRED": self.tr("Consent has expired"), "REVOKED": self.tr("Consent is revoked")}
            return missing.get(step.reason, self.tr("Consent missing")), self.tr("Register consent")
        return {SIGN: (self.tr("Consent not signed by everyone"), self.tr("Register signature")),
                MAPPING: (self.tr("No kartläggning"), self.tr("Kartläggning")),
                PLAN: (self.tr("No action plan"), self.tr("Plan and actions")),
                MEETING: (self.tr("No meeting booked"), self.tr("Book meeting"))}[step.key]

    def set_steps(self, steps: list[Step]) -> None:
        """The first step in full ("Consent missing → Register consent"), the rest as short
        items of the checklist (the full text in the tooltip), so the row fits at 1280 px."""
        self.clear()
        self.steps = list(steps)
        first = next((s for s in steps if not s.blocked), None)
        blocked_note = self.tr("needs a valid consent first")
        for step in steps:
            missing, action = self._texts(step)
            full = f"{missing} → {action}"
            button = QPushButton(f"✗ {full}" if step is first else f"✗ {missing}")
            button.setAccessibleName(full)
            button.setToolTip(full if not step.blocked else f"{full} ({blocked_note})")
            button.setStyleSheet(FIRST_STYLE if step is first else ITEM_STYLE)
            button.setEnabled(not step.blocked)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, key=step.key: self.page.go_to_step(key))
            self.row.insertWidget(self.row.count() - 1, button)  # before the stretch
            self.items.append(button)
            self.buttons[step.key] = button
        self.setVisible(bool(steps))

    def clear(self) -> None:
        for widget in self.items:
            widget.setParent(None)
            widget.deleteLater()
        self.items = []
        self.buttons = {}
        self.steps = []
        self.hide()
