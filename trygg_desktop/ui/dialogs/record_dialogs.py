"""Dialogs for the case's records: the åtagandeplan (version, goal, action,
action status), kartläggning and instrument references, TREFAS risk levels and
the restricted avhoppare records (threat assessment, conditions, breaches).

Each builds the service call from its inputs; ``FormDialog`` runs it off the UI
thread and keeps the dialog open with the message when the service says no.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ...domain import vocab
from ...domain.lifecycle import ACTION_MACHINE
from ...api.inputs import ItemInput
from ...api.results import ActionDTO, PlanDTO
from ...api.inputs import ActionInput, GoalInput
from .form_dialog import (Call, FormDialog, OptionalDate, add_header_item, category_combo, date_edit, from_qdate,
                           plain, text_edit, vocab_combo)


# -- plan -----------------------------------------------------------------------
class PlanVersionDialog(FormDialog):
    def __init__(self, ctx, case_id: int, has_plan: bool, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New plan version"), parent, intro=self.tr(
            "A new version is made at a follow-up meeting. Goals and actions that are still open carry over."))
        self.case_id = case_id
        self.valid_from = self.add_row(self.tr("&Valid from:"), date_edit(today))
        self.carry = self.add_row(self.tr("&Carry over:"), QCheckBox(self.tr("Open goals and actions")))
        self.carry.setChecked(True)
        self.carry.setEnabled(has_plan)
        self.finish_layout()

    def build_call(self) -> Call | None:
        services, case_id = self.ctx.services, self.case_id
        valid_from, carry = from_qdate(self.valid_from.date()), self.carry.isChecked()
        return partial(services.plans.new_version, case_id, valid_from, carry_over=carry)


class GoalDialog(FormDialog):
    def __init__(self, ctx, plan_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add goal"), parent)
        self.plan_id = plan_id
        self.text = self.add_row(self.tr("&Goal:"), text_edit(lines=2))
        self.area = self.add_row(self.tr("&Area:"), vocab_combo(vocab.ASSESSMENT_DOMAINS, empty=self.tr("–")))
        self.indicator = self.add_row(self.tr("&Indicator:"), QLineEdit())
        self.indicator.setPlaceholderText(self.tr("e.g. attendance at least 85 %"))
        self.baseline = self.add_row(self.tr("&Baseline:"), QLineEdit())
        self.target = self.add_row(self.tr("&Target:"), QLineEdit())
        self.target_date = self.add_row(self.tr("Target &date:"), OptionalDate(today, self.tr("Set")))
        self.category = self.add_row(self.tr("Information &category:"), category_combo())
        self.finish_layout()

    def build_call(self) -> Call | None:
        text = plain(self.text)
        if not text:
            self.warn(self.tr("Describe the goal."))
            return None
        goal = GoalInput(text=text, area=self.area.currentData(), indicator=plain(self.indicator),
                         baseline=plain(self.baseline), target=plain(self.target),
                         target_date=self.target_date.value(), information_category=self.category.currentData())
        services, plan_id = self.ctx.services, self.plan_id
        return partial(services.plans.add_goal, plan_id, goal)


class ActionDialog(FormDialog):
    """Action types grouped by the agency that normally does them; TREFAS measure
    types and avhoppare support areas for those kinds."""

    def __init__(self, ctx, kind: str, plan: PlanDTO, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add action"), parent)
        self.kind, self.plan_id = kind, plan.id
        self.description = self.add_row(self.tr("&Description:"), text_edit(lines=2))
        self.goal = self.add_row(self.tr("&Goal:"), QComboBox())
        self.goal.addItem(self.tr("– no goal –"), None)
        for g in plan.goals:
            self.goal.addItem(g.text if len(g.text) < 70 else g.text[:67] + "…", g.id)
        self.action_type = self.add_row(self.tr("Action &type:"), QComboBox())
        self.action_type.addItem(self.tr("– none –"), None)
        groups: dict[str | None, list[str]] = {}
        for code in vocab.ACTION_TYPES.codes:
            groups.setdefault(vocab.ACTION_TYPE_AGENCY.get(code), []).append(code)
        for agency, codes in groups.items():
            add_header_item(self.action_type, vocab.AGENCIES.label(agency) if agency else self.tr("Any agency"))
            for code in codes:
                self.action_type.addItem("    " + vocab.ACTION_TYPES.label(code), code)
        self.measure = self.add_row(self.tr("&Measure type:"), vocab_combo(vocab.TREFAS_MEASURE_TYPES,
                                                                           empty=self.tr("– none –")))
        self.support = self.add_row(self.tr("&Support area:"), vocab_combo(vocab.AVHOPPARE_SUPPORT_AREAS,
                                                                           empty=self.tr("– none –")))
        self.set_row_visible(self.measure, kind == "TREFAS")
        self.set_row_visible(self.support, kind == "AVHOPPARE")
        self.set_row_visible(self.action_type, kind == "SSPF")
        self.agency = self.add_row(self.tr("Responsible a&gency:"), vocab_combo(
            vocab.AGENCIES, current=ctx.actor.agency))
        self.person = self.add_row(self.tr("Responsible &person:"), QLineEdit())
        self.due = self.add_row(self.tr("D&one by:"), OptionalDate(today, self.tr("Set"), checked=True))
        self.follow_up = self.add_row(self.tr("&Follow up on:"), OptionalDate(today, self.tr("Set")))
        self.category = self.add_row(self.tr("Information &category:"), category_combo())
        self.set_row_visible(self.category, kind == "SSPF")  # restricted kinds share within their unit
        self.action_type.currentIndexChanged.connect(self._type_changed)
        self.finish_layout()

    def _type_changed(self, *_args: Any) -> None:
        agency = vocab.ACTION_TYPE_AGENCY.get(self.action_type.currentData() or "")
        if agency:
            self.agency.setCurrentIndex(self.agency.findData(agency))

    def build_call(self) -> Call | None:
        description = plain(self.description)
        if not description:
            self.warn(self.tr("Describe the action."))
            return None
        data = ActionInput(
            description=description, responsible_agency=self.agency.currentData(),
            action_type=self.action_type.currentData() if self.kind == "SSPF" else None,
            measure_type=self.measure.currentData() if self.kind == "TREFAS" else None,
            support_area=self.support.currentData() if self.kind == "AVHOPPARE" else None,
            responsible_person=plain(self.person), due_date=self.due.value(), follow_up_date=self.follow_up.value(),
            goal_id=self.goal.currentData(),
            information_category=self.category.currentData() if self.kind == "SSPF" else None)
        services, plan_id = self.ctx.services, self.plan_id
        return partial(services.plans.add_action, plan_id, data)


class ActionStatusDialog(FormDialog):
    """PLANERAD → PAGAR → GENOMFORD | EJ_GENOMFORD (with a reason) | STRUKEN."""

    def __init__(self, ctx, action: ActionDTO, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Change action status"), parent)
        self.action, self.expected_version = action, action.version
        shown = QLabel(action.description)
        shown.setWordWrap(True)
        self.add_row(self.tr("Action:"), shown)
        self.add_row(self.tr("Current status:"), QLabel(vocab.ACTION_STATUSES.label(action.status)))
        targets = [t.target for t in ACTION_MACHINE.targets(action.status)]
        self.target = self.add_row(self.tr("&New status:"), vocab_combo(vocab.ACTION_STATUSES, targets))
        self.reason = self.add_row(self.tr("&Why not done:"), QLineEdit())
        self.outcome = self.add_row(self.tr("&Outcome:"), text_edit(action.outcome or "", lines=2))
        self.target.currentIndexChanged.connect(self._target_changed)
        self.finish_layout()
        self._target_changed()

    def _target_changed(self, *_args: Any) -> None:
        t = ACTION_MACHINE.transition(self.action.status, self.target.currentData() or "PLANERAD") \
            if self.target.currentData() else None
        self.set_row_visible(self.reason, bool(t and t.needs_reason))

    def build_call(self) -> Call | None:
        target = self.target.currentData()
        if target is None:
            self.warn(self.tr("The action is finished; its status cannot change."))
            return None
        t = ACTION_MACHINE.transition(self.action.status, target)
        reason = plain(self.reason) if t and t.needs_reason else None
        if t and t.needs_reason and not reason:
            self.warn(self.tr("Say why the action was not done."))
            return None
        services, action_id, outcome, version = self.ctx.services, self.action.id, plain(self.outcome), \
            self.expected_version
        return partial(services.plans.set_action_status, action_id, target, reason=reason, outcome=outcome,
                                                         expected_version=version)

    def saved_text(self, saved: dict[str, Any]) -> str:
        status = saved.get("status")
        return self.tr("The action's status is now: %1.").replace("%1", vocab.ACTION_STATUSES.label(status)) \
            if status else ""


# -- kartläggning -------------------------------------------------------------------
class AssessmentDialog(FormDialog):
    """One row per domain: risk and protection 0–3 and a note (DOMAIN.md 1.6)."""

    def __init__(self, ctx, case_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New kartläggning"), parent, intro=self.tr(
            "Risk and protection from 0 (none) to 3 (high); note what the rating builds on."))
        self.setMinimumWidth(720)
        self.case_id = case_id
        self.assessed_on = self.add_row(self.tr("&Date:"), date_edit(today, maximum=today))
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, text in enumerate((self.tr("Domain"), self.tr("Risk"), self.tr("Protection"), self.tr("Note"))):
            header = QLabel(text)
            header.setStyleSheet("font-weight:600;")
            grid.addWidget(header, 0, col)
        self.rows: dict[str, tuple[QSpinBox, QSpinBox, QLineEdit]] = {}
        for r, code in enumerate(vocab.ASSESSMENT_DOMAINS.codes, start=1):
            name = vocab.ASSESSMENT_DOMAINS.label(code)
            risk, protection, note = QSpinBox(), QSpinBox(), QLineEdit()
            for spin, what in ((risk, self.tr("%1: risk")), (protection, self.tr("%1: protection"))):
                spin.setRange(0, 3)
                spin.setAccessibleName(what.replace("%1", name))
            note.setAccessibleName(self.tr("%1: note").replace("%1", name))
            label = QLabel(name)
            label.setBuddy(risk)
            grid.addWidget(label, r, 0)
            grid.addWidget(risk, r, 1)
            grid.addWidget(protection, r, 2)
            grid.addWidget(note, r, 3)
            self.rows[code] = (risk, protection, note)
        grid.setColumnStretch(3, 1)
        self.form.addRow(grid_box)
        self.youth_view = self.add_row(self.tr("The &young person's view:"), text_edit(lines=2))
        self.guardian_view = self.add_row(self.tr("The &guardians' view:"), text_edit(lines=2))
        self.note = self.add_row(self.tr("&Summary:"), text_edit(lines=2))
        self.visibility = self.add_row(self.tr("&Visibility:"), vocab_combo(vocab.VISIBILITY, current="SHARED"))
        self.finish_layout()

    def build_call(self) -> Call | None:
        items = [ItemInput(domain=code, risk=risk.value(), protection=protection.value(), note=plain(note))
                 for code, (risk, protection, note) in self.rows.items()]
        services, case_id, when = self.ctx.services, self.case_id, from_qdate(self.assessed_on.date())
        kwargs = dict(youth_view=plain(self.youth_view), guardian_view=plain(self.guardian_view),
                      note=plain(self.note), visibility=self.visibility.currentData())
        return partial(services.assessments.add_assessment, case_id, when, items, **kwargs)


class InstrumentDialog(FormDialog):
    """ESTER/SAVRY results are referenced, never re-implemented (proprietary instruments)."""

    def __init__(self, ctx, case_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add instrument reference"), parent)
        self.case_id = case_id
        self.instrument = self.add_row(self.tr("&Instrument:"), vocab_combo(vocab.INSTRUMENTS))
        self.assessed_on = self.add_row(self.tr("&Date:"), date_edit(today, maximum=today))
        self.assessor = self.add_row(self.tr("A&ssessor:"), QLineEdit())
        self.overall = self.add_row(self.tr("&Overall risk:"), QComboBox())
        self.overall.setEditable(True)
        self.overall.addItems(["", self.tr("Low"), self.tr("Moderate"), self.tr("High")])
        self.summary = self.add_row(self.tr("S&ummary or link:"), text_edit(lines=3))
        self.finish_layout()

    def build_call(self) -> Call | None:
        assessor = plain(self.assessor)
        if not assessor:
            self.warn(self.tr("Name the assessor."))
            return None
        services, case_id = self.ctx.services, self.case_id
        instrument, when = self.instrument.currentData(), from_qdate(self.assessed_on.date())
        overall, summary = self.overall.currentText().strip() or None, plain(self.summary)
        return partial(services.assessments.add_instrument, case_id, instrument, when, assessor,
                                                            overall_risk=overall, summary=summary)


class RiskLevelDialog(FormDialog):
    """TREFAS risk colour, appended to the history: "the police's assessment as of <date>"."""

    def __init__(self, ctx, case_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add risk level"), parent, ok_text=self.tr("Add"))
        self.case_id = case_id
        self.level = self.add_row(self.tr("&Risk level:"), vocab_combo(vocab.RISK_LEVELS))
        self.assessed_on = self.add_row(self.tr("Assessed &on:"), date_edit(today, maximum=today))
        self.agency = self.add_row(self.tr("Assessed &by:"), vocab_combo(vocab.AGENCIES, current="POLIS"))
        self.note = self.add_row(self.tr("&Note:"), text_edit(lines=3))
        self.finish_layout()

    def build_call(self) -> Call | None:
        services, case_id = self.ctx.services, self.case_id
        level, when, agency = self.level.currentData(), from_qdate(self.assessed_on.date()), self.agency.currentData()
        note = plain(self.note)
        return partial(services.assessments.add_risk_level, case_id, level, when, agency, note=note)


class ThreatDialog(FormDialog):
    def __init__(self, ctx, case_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add threat assessment"), parent, ok_text=self.tr("Add"))
        self.case_id = case_id
        self.level = self.add_row(self.tr("&Threat level:"), vocab_combo(vocab.THREAT_LEVELS))
        self.assessed_on = self.add_row(self.tr("Assessed &on:"), date_edit(today, maximum=today))
        self.summary = self.add_row(self.tr("&Summary:"), text_edit(lines=4))
        self.review = self.add_row(self.tr("&Review on:"), OptionalDate(today, self.tr("Set"), checked=True))
        self.finish_layout()

    def build_call(self) -> Call | None:
        services, case_id = self.ctx.services, self.case_id
        level, when = self.level.currentData(), from_qdate(self.assessed_on.date())
        summary, review = plain(self.summary), self.review.value()
        return partial(services.assessments.add_threat_assessment, case_id, level, when, summary=summary,
                                                                   review_date=review)


class ConditionsDialog(FormDialog):
    """The "kontrakt": one condition per line, when it was signed, the drug-test schedule."""

    def __init__(self, ctx, case_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Set conditions"), parent, intro=self.tr(
            "A new set of conditions replaces the one shown; earlier sets and their breaches are kept."))
        self.case_id = case_id
        self.conditions = self.add_row(self.tr("&Conditions (one per line):"), text_edit(lines=5))
        self.signed = self.add_row(self.tr("&Signed on:"), OptionalDate(today, self.tr("Signed"), checked=True))
        self.drug_tests = self.add_row(self.tr("&Drug tests:"), QLineEdit())
        self.drug_tests.setPlaceholderText(self.tr("e.g. urine test every other week"))
        self.finish_layout()

    def build_call(self) -> Call | None:
        lines = [line.strip() for line in self.conditions.toPlainText().splitlines() if line.strip()]
        if not lines:
            self.warn(self.tr("List the conditions, one per line."))
            return None
        services, case_id, signed, tests = self.ctx.services, self.case_id, self.signed.value(), plain(self.drug_tests)
        return partial(services.assessments.set_conditions, case_id, lines, signed_at=signed, drug_test_schedule=tests)


class BreachDialog(FormDialog):
    def __init__(self, ctx, conditions_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Register breach of conditions"), parent, ok_text=self.tr("Register"))
        self.conditions_id = conditions_id
        self.occurred = self.add_row(self.tr("&Date:"), date_edit(today, maximum=today))
        self.breach_type = self.add_row(self.tr("&Breach:"), QLineEdit())
        self.breach_type.setPlaceholderText(self.tr("e.g. positive drug test"))
        self.consequence = self.add_row(self.tr("&Consequence:"), text_edit(lines=3))
        self.finish_layout()

    def build_call(self) -> Call | None:
        breach = plain(self.breach_type)
        if not breach:
            self.warn(self.tr("Describe the breach."))
            return None
        services, cid, when, consequence = (self.ctx.services, self.conditions_id, from_qdate(self.occurred.date()),
                                            plain(self.consequence))
        return partial(services.assessments.add_breach, cid, when, breach, consequence=consequence)
