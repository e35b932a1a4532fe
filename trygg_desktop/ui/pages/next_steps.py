"""The case header's next step: what is still missing in the case's flow and a button
that goes there, for each kind of case.

- SSPF (DOMAIN 1): referral → consent → kartläggning → plan → meeting.
- TREFAS (DOMAIN 3.2): a risk level (green/yellow/red, by an agency) that is not older than
  the group's meeting interval (every third week: the colour "can change quickly"), an
  individual action plan, the next meeting. No consent step: adults are often not asked in
  TREFAS (3.3) and the services do not gate on it.
- Avhoppare (DOMAIN 4.1, 4.2): the police's requirements before a defector case: consent to
  exchange information, a documented threat assessment (reviewed by its review date),
  conditions signed by the person; from the investigation on, the support plan; from the
  decision on, the next follow-up meeting. Nothing here is gated by consent in the services, so no step is
  disabled; the checklist only says what is missing.

Derived only from the ``CaseDetail`` the case view already read: no extra service
call. ``missing_steps`` is the rule (kept free of widgets so it reads as a list),
``NextSteps`` shows it. A step is offered only when the user's role may do it
(``ctx.can``); SSPF steps after the consent are shown but disabled while no valid
consent exists, since the services refuse them (DOMAIN 1.11) and saying so here
is kinder than a refusal later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ...domain.access import Act, Rec
from ...domain.lifecycle import CASE_MACHINES
from ...api.results import CaseDetail, ConsentDTO

CONSENT, SIGN, MAPPING, PLAN, MEETING = "consent", "sign", "mapping", "plan", "meeting"
RISK, THREAT, CONDITIONS = "risk", "threat", "conditions"
#: A TREFAS risk level older than this is due again: the group meets every third week and
#: goes through the lägesbild (DOMAIN 3.2).
RISK_VALID_DAYS = 21
#: Avhoppare statuses from which the support plan is due (the investigation prepares the decision
#: and the plan, DOMAIN 4.2 phases 4-5), and from which follow-up meetings are (phases 5-7).
AVHOPP_PLAN_FROM = ("UTREDNING", "BESLUT", "GENOMFORANDE", "UPPFOLJNING")
AVHOPP_MEETINGS_FROM = ("BESLUT", "GENOMFORANDE", "UPPFOLJNING")
CONSENT_OK = ("VALID", "EXPIRING")
OPEN_CONSENT = ("DRAFT", "PARTIAL")
FIRST_STYLE = ("QPushButton{background:#1a5fb4; color:white; border:1px solid #174f96; border-radius:4px;"
               "padding:2px 10px; font-weight:600;} QPushButton:focus{border:2px solid #0b2e5c;}")
ITEM_STYLE = ("QPushButton{background:#fdf3f2; color:#7a1010; border:1px solid #e6b8b4; border-radius:4px;"
              "padding:2px 8px;} QPushButton:disabled{background:#f1f3f4; color:#80868b; border-color:#dadce0;}"
              " QPushButton:focus{border:2px solid #1a5fb4;}")


@dataclass(frozen=True, slots=True)
class Step:
    key: str                 # CONSENT, SIGN, MAPPING, PLAN, MEETING, RISK, THREAT or CONDITIONS
    reason: str = ""         # CONSENT: the consent light (NONE, EXPIRED, REVOKED); RISK/THREAT: "OLD"
    blocked: bool = False    # needs a valid consent first


def pending_consent(detail: CaseDetail) -> ConsentDTO | None:
    """A consent still waiting for signatures (not revoked), the newest first."""
    pending = [c for c in detail.consents if c.status in OPEN_CONSENT and c.revoked_at is None]
    return max(pending, key=lambda c: c.id) if pending else None


def missing_steps(detail: CaseDetail, today: date, can: Callable[[Act, Rec], bool]) -> list[Step]:
    """The steps of an open case that are not done yet and that this user may do."""
    s = detail.summary
    rules = {"SSPF": _sspf, "TREFAS": _trefas, "AVHOPPARE": _avhoppare}.get(s.kind)
    if rules is None or CASE_MACHINES[s.kind].is_closed(s.status) or detail.access_level == "EMERGENCY":
        return []
    return rules(detail, today, can)


def _consent(detail: CaseDetail, can: Callable[[Act, Rec], bool]) -> list[Step]:
    """Sign the pending consent, or register one, while no valid consent exists."""
    light = detail.summary.consent_light
    if light in CONSENT_OK:
        return []
    if pending_consent(detail) is not None and can(Act.UPDATE, Rec.CONSENT):
        return [Step(SIGN)]
    return [Step(CONSENT, reason=light)] if can(Act.CREATE, Rec.CONSENT) else []


def _plan_and_meeting(detail: CaseDetail, today: date, can: Callable[[Act, Rec], bool], *,
                      plan: bool = True, meeting: bool = True, blocked: bool = False) -> list[Step]:
    steps: list[Step] = []
    if plan and not detail.plan_exists and can(Act.CREATE, Rec.PLAN):
        steps.append(Step(PLAN, blocked=blocked))
    if meeting and not any(m.starts_at.date() >= today for m in detail.meetings) and can(Act.CREATE, Rec.MEETING):
        steps.append(Step(MEETING, blocked=blocked))
    return steps


def _sspf(detail: CaseDetail, today: date, can: Callable[[Act, Rec], bool]) -> list[Step]:
    steps = _consent(detail, can)
    blocked = detail.summary.consent_light not in CONSENT_OK
    # Assessments the reader may not see are named in ``withheld``: they exist.
    if not detail.assessments and "assessments" not in detail.withheld and can(Act.CREATE, Rec.ASSESSMENT):
        steps.append(Step(MAPPING, blocked=blocked))
    return steps + _plan_and_meeting(detail, today, can, blocked=blocked)


def _trefas(detail: CaseDetail, today: date, can: Callable[[Act, Rec], bool]) -> list[Step]:
    steps: list[Step] = []
    if can(Act.CREATE, Rec.RISK_LEVEL) and "risk_levels" not in detail.withheld:
        latest = detail.risk_levels[0] if detail.risk_levels else None   # newest first
        if latest is None:
            steps.append(Step(RISK))
        elif (today - latest.assessed_on).days > RISK_VALID_DAYS:
            steps.append(Step(RISK, reason="OLD"))
    return steps + _plan_and_meeting(detail, today, can)


def _avhoppare(detail: CaseDetail, today: date, can: Callable[[Act, Rec], bool]) -> list[Step]:
    steps = _consent(detail, can)
    if can(Act.CREATE, Rec.THREAT_ASSESSMENT) and "threat_assessments" not in detail.withheld:
        latest = detail.threat_assessments[0] if detail.threat_assessments else None   # newest first
        if latest is None:
            steps.append(Step(THREAT))
        elif latest.review_date is not None and latest.review_date < today:
            steps.append(Step(THREAT, reason="OLD"))
    if can(Act.CREATE, Rec.CONDITIONS) and "conditions" not in detail.withheld \
            and not any(c.signed_at for c in detail.conditions[:1]):     # the newest, signed
        steps.append(Step(CONDITIONS))
    status = detail.summary.status
    return steps + _plan_and_meeting(detail, today, can, plan=status in AVHOPP_PLAN_FROM,
                                     meeting=status in AVHOPP_MEETINGS_FROM)


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
        if step.key == RISK:
            return (self.tr("Risk level not reassessed") if step.reason == "OLD" else self.tr("No risk level"),
                    self.tr("Add risk level"))
        if step.key == THREAT:
            return (self.tr("Threat assessment due for review") if step.reason == "OLD"
                    else self.tr("No threat assessment"), self.tr("Add threat assessment"))
        return {SIGN: (self.tr("Consent not signed by everyone"), self.tr("Register signature")),
                MAPPING: (self.tr("No kartläggning"), self.tr("Kartläggning")),
                PLAN: (self.tr("No action plan"), self.tr("Plan and actions")),
                MEETING: (self.tr("No meeting booked"), self.tr("Book meeting")),
                CONDITIONS: (self.tr("Conditions not signed"), self.tr("Set conditions"))}[step.key]

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
