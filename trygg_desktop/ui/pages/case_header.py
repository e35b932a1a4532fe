"""The case view's header: who, which case, its consent light, the next step.

A frame above the tabs with the young person's name, age and personnummer (copied
only through the page's guarded copy), the restricted-module mark, the case
facts, the status and legal-hold buttons and the next-step checklist. It shows
one ``CaseDetail`` (``fill``, on the ``CaseSession``'s ``loaded`` signal) and holds
nothing once the session is cleared; the buttons call back into the page, which owns
the dialogs.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...domain import vocab
from ...domain.consent import age_on
from ...api.results import CaseDetail
from ..clipboard import not_selectable
from ..widgets.consent_light import ConsentLight
from . import next_steps


class CaseHeader(QFrame):
    """The header frame; its parts are attributes so the page (and its tests) can reach them."""

    def __init__(self, page, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.loaded.connect(self._show)
        session.cleared.connect(self.clear)
        frame = self
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
        self.copy_pnr_button.clicked.connect(page.copy_personnummer)
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
        self.status_button.clicked.connect(page.change_status)
        # Gallring: the case's owner may put a legal hold on it (DOMAIN 6.5; ui/dialogs/retention_dialogs.py).
        self.hold_button = QPushButton(self.tr("Legal &hold…"))
        self.hold_button.setToolTip(self.tr("Keep this case from disposal (gallring), e.g. during an appeal"))
        self.hold_button.clicked.connect(page.set_legal_hold)
        self.hold_button.hide()
        header_buttons = QHBoxLayout()
        header_buttons.setSpacing(6)
        header_buttons.addWidget(self.hold_button)
        header_buttons.addWidget(self.status_button)
        grid.addLayout(header_buttons, 1, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.next_steps = next_steps.NextSteps(page)
        grid.addWidget(self.next_steps, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _show(self, d: CaseDetail) -> None:
        s = self.session
        self.fill(d, s.today(), s.user_name(d.summary.responsible_user_id), s.ctx.can)

    def fill(self, d: CaseDetail, today: date, responsible: str, can) -> None:
        """Show the case ``d``; ``responsible`` is the responsible user's name, ``can`` the access check."""
        s, p = d.summary, d.person
        self.name_label.setText(p.name)
        parts = []
        if p.birth_date is not None:
            parts.append(self.tr("%1 years").replace("%1", str(age_on(p.birth_date, today))))
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
        f["responsible"].setText(responsible or "–")
        self.light.set_light(s.consent_light)
        restricted = s.kind in ("TREFAS", "AVHOPPARE")
        self.restricted_label.setText(self.tr("Restricted module – every read is logged") if restricted else "")
        self.restricted_label.setVisible(restricted)
        self.status_button.setVisible(bool(d.allowed_transitions))
        self.hold_button.setVisible(d.access_level == "OWNER")
        self.next_steps.set_steps(next_steps.missing_steps(d, today, can))

    def clear(self) -> None:
        """Empty every part (the lock and a refused read show no stale case)."""
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
