"""The restricted parts of the Kartläggning tab: the TREFAS risk-level history
(append-only, "the police's assessment as of <date>") and, for avhoppare cases,
the threat assessment and the conditions ("kontrakt") with their breaches.

Threat assessments are in the ``CaseDetail`` only when the reader may see them;
otherwise the section says so instead of looking empty (an empty table would
suggest that no threat exists).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....domain import vocab
from ....domain.access import Act, Rec
from ....domain.timefmt import fmt_date
from ....api.results import CaseDetail
from .common import (LEVEL_COLOURS, RED, Column, DtoTableModel, group, hint_label, make_table, value_label)


def _level_fg(code: str):
    return LEVEL_COLOURS.get(code, (None, None))[0]


def _level_bg(code: str):
    return LEVEL_COLOURS.get(code, (None, None))[1]


class TrefasSection(QWidget):
    def __init__(self, tab) -> None:
        super().__init__()
        self.tab, self.ctx = tab, tab.ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        box, layout = group(self.tr("Risk level (the police's assessment)"))
        self.current = QLabel()
        self.current.setAccessibleName(self.tr("Current risk level"))
        layout.addWidget(self.current)
        self.model = DtoTableModel([
            Column(self.tr("Assessed on"), lambda r: fmt_date(r.assessed_on), sort_key=lambda r: r.assessed_on, width=100),
            Column(self.tr("Level"), lambda r: vocab.RISK_LEVELS.label(r.level), width=80,
                   foreground=lambda r: _level_fg(r.level), background=lambda r: _level_bg(r.level),
                   bold=lambda r: True),
            Column(self.tr("Assessed by"), lambda r: vocab.AGENCIES.label(r.assessing_agency), width=120),
            Column(self.tr("Note"), lambda r: r.note or "", stretch=True),
        ], self)
        self.view = make_table(self.model, self.tr("Risk level history"), sortable=False, min_rows=1, fit_rows=8)
        layout.addWidget(self.view)
        self.empty = hint_label(self.tr("No risk level is registered yet."))
        layout.addWidget(self.empty)
        self.add_button = QPushButton(self.tr("Add &risk level…"))
        self.add_button.clicked.connect(lambda: tab.page.add_risk_level())
        self.linked_button = QPushButton(self.tr("Open the linked &defector case"))
        self.linked_button.clicked.connect(lambda: tab.page.open_linked_case())
        layout.addLayout(tab.button_row(self.add_button, self.linked_button))
        outer.addWidget(box)

    def fill(self, detail: CaseDetail) -> None:
        levels = detail.risk_levels  # newest first
        self.model.set_rows(levels)
        self.view.setVisible(bool(levels))
        self.empty.setVisible(not levels)
        if levels:
            latest = levels[0]
            fg, bg = LEVEL_COLOURS[latest.level]
            self.current.setText(self.tr("%1 – assessed %2 by %3").replace("%1", vocab.RISK_LEVELS.label(latest.level))
                                 .replace("%2", fmt_date(latest.assessed_on))
                                 .replace("%3", vocab.AGENCIES.label(latest.assessing_agency)))
            self.current.setStyleSheet(f"background:{bg.name()}; color:{fg.name()}; font-size:13pt; font-weight:700;"
                                       f"padding:6px 12px; border:1px solid {fg.name()}; border-radius:4px;")
            self.current.show()
        else:
            self.current.clear()
            self.current.hide()
        self.add_button.setVisible(self.ctx.can(Act.CREATE, Rec.RISK_LEVEL))
        self.linked_button.setVisible(detail.linked_case_id is not None)

    def clear(self) -> None:
        self.model.clear()
        self.current.clear()
        self.current.setStyleSheet("")


class AvhoppareSection(QWidget):
    def __init__(self, tab) -> None:
        super().__init__()
        self.tab, self.ctx = tab, tab.ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        self.threat_box, layout = group(self.tr("Threat assessment (restricted)"))
        self.threats = DtoTableModel([
            Column(self.tr("Assessed on"), lambda t: fmt_date(t.assessed_on), sort_key=lambda t: t.assessed_on, width=100),
            Column(self.tr("Level"), lambda t: vocab.THREAT_LEVELS.label(t.level), width=80,
                   foreground=lambda t: _level_fg(t.level), background=lambda t: _level_bg(t.level),
                   bold=lambda t: True),
            Column(self.tr("Assessed by"), lambda t: vocab.AGENCIES.label(t.assessed_by_agency), width=120),
            Column(self.tr("Review on"), lambda t: fmt_date(t.review_date), sort_key=lambda t: t.review_date, width=100,
                   foreground=lambda t: RED if t.review_date and t.review_date < self.tab.session.today() else None),
            Column(self.tr("Summary"), lambda t: t.summary or "", stretch=True),
        ], self)
        self.threat_view = make_table(self.threats, self.tr("Threat assessments"), sortable=False, min_rows=1,
                                      fit_rows=5)
        layout.addWidget(self.threat_view)
        self.threat_note = hint_label()
        layout.addWidget(self.threat_note)
        self.threat_button = QPushButton(self.tr("Add &threat assessment…"))
        self.threat_button.clicked.connect(lambda: tab.page.add_threat())
        layout.addLayout(tab.button_row(self.threat_button))
        outer.addWidget(self.threat_box)

        conditions_box, c_layout = group(self.tr("Conditions (kontrakt)"))
        form = QFormLayout()
        self.signed = value_label()
        self.conditions = value_label()
        self.drug_tests = value_label()
        form.addRow(self.tr("Signed on:"), self.signed)
        form.addRow(self.tr("Conditions:"), self.conditions)
        form.addRow(self.tr("Drug tests:"), self.drug_tests)
        self.conditions_form = QWidget()
        self.conditions_form.setLayout(form)
        c_layout.addWidget(self.conditions_form)
        self.breaches = DtoTableModel([
            Column(self.tr("Date"), lambda b: fmt_date(b.occurred_on), sort_key=lambda b: b.occurred_on, width=100),
            Column(self.tr("Breach"), lambda b: b.breach_type, width=220, foreground=lambda b: RED),
            Column(self.tr("Consequence"), lambda b: b.consequence or "", stretch=True),
        ], self)
        self.breach_view = make_table(self.breaches, self.tr("Breaches of conditions"), sort_column=0,
                                      descending=True, min_rows=1, fit_rows=6)
        c_layout.addWidget(self.breach_view)
        self.conditions_note = hint_label()
        c_layout.addWidget(self.conditions_note)
        self.set_conditions_button = QPushButton(self.tr("Set &conditions…"))
        self.set_conditions_button.clicked.connect(lambda: tab.page.set_conditions())
        self.breach_button = QPushButton(self.tr("Register &breach…"))
        self.breach_button.clicked.connect(lambda: tab.page.add_breach())
        c_layout.addLayout(tab.button_row(self.set_conditions_button, self.breach_button))
        outer.addWidget(conditions_box)

    def fill(self, detail: CaseDetail) -> None:
        can = self.ctx.can
        may_read = can(Act.READ, Rec.THREAT_ASSESSMENT)
        threats = detail.threat_assessments
        self.threats.set_rows(threats)
        self.threat_view.setVisible(may_read and bool(threats))
        if not may_read:
            self.threat_note.setText(self.tr(
                "Threat assessments are restricted to the defector coordinator and the assessing agency; "
                "they are not shown to you."))
        elif "threat_assessments" in detail.withheld:
            self.threat_note.setText(self.tr("Some threat assessments are restricted and not shown to you."))
        elif not threats:
            self.threat_note.setText(self.tr("No threat assessment is registered."))
        else:
            self.threat_note.clear()
        self.threat_note.setVisible(bool(self.threat_note.text()))
        self.threat_button.setVisible(can(Act.CREATE, Rec.THREAT_ASSESSMENT))

        latest = detail.conditions[0] if detail.conditions else None
        self.conditions_form.setVisible(latest is not None)
        self.breach_view.setVisible(latest is not None and bool(latest.breaches))
        if latest is not None:
            self.signed.setText(fmt_date(latest.signed_at) if latest.signed_at else self.tr("Not signed"))
            self.conditions.setText("\n".join(f"• {c}" for c in latest.conditions))
            self.drug_tests.setText(latest.drug_test_schedule or "–")
            self.breaches.set_rows(latest.breaches)
            self.conditions_note.setText(self.tr("No breaches are registered.") if not latest.breaches else "")
        else:
            self.breaches.clear()
            self.conditions_note.setText(self.tr("No conditions are registered.") if can(Act.READ, Rec.CONDITIONS)
                                         else self.tr("The conditions are not shown to you."))
        self.conditions_note.setVisible(bool(self.conditions_note.text()))
        self.set_conditions_button.setVisible(can(Act.CREATE, Rec.CONDITIONS))
        self.breach_button.setVisible(can(Act.UPDATE, Rec.CONDITIONS))
        self.breach_button.setEnabled(latest is not None)

    def latest_conditions_id(self) -> int | None:
        detail = self.tab.detail
        return detail.conditions[0].id if detail is not None and detail.conditions else None

    def clear(self) -> None:
        self.threats.clear()
        self.breaches.clear()
        for label in (self.signed, self.conditions, self.drug_tests, self.threat_note, self.conditions_note):
            label.clear()
