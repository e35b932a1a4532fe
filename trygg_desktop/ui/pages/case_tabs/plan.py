"""Plan & åtgärder: the current plan version, its goals and actions ("what is to
be done, when and by whom"), overdue actions in red, and a note when actions of
other agencies are outside what the reader's consent covers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ....domain import vocab
from ....domain.access import Act, Rec
from ....domain.lifecycle import ACTION_MACHINE
from ....domain.timefmt import fmt_date
from ....api.results import ActionDTO, CaseDetail
from ...dialogs.print_preview import PrintPreviewDialog
from .common import (RED, RED_BG, CaseTab, Column, DtoTableModel, hint_label, make_table, selected_dto,
                     warning_label)


def action_kind_label(a: ActionDTO) -> str:
    """The type column: SSPF action type, TREFAS measure type or avhoppare support area."""
    if a.action_type:
        return vocab.ACTION_TYPES.label(a.action_type)
    if a.measure_type:
        return vocab.TREFAS_MEASURE_TYPES.label(a.measure_type)
    if a.support_area:
        return vocab.AVHOPPARE_SUPPORT_AREAS.label(a.support_area)
    return ""


DUE_COLUMN = 5  # actions are listed by due date: what is late comes first


class PlanTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.version_button = self.button(self.tr("New plan &version…"), page.new_plan_version)
        self.goal_button = self.button(self.tr("Add &goal…"), page.add_goal)
        self.action_button = self.button(self.tr("Add &action…"), page.add_action)
        self.status_button = self.button(self.tr("Change action s&tatus…"), page.change_action_status)
        self.print_button = self.button(self.tr("Print plan for the &family…"), self.print_plan)
        self.print_button.setToolTip(self.tr("The plan in plain language for the young person and the guardians."))
        row = self.button_row(self.version_button, self.goal_button, self.action_button, self.status_button)
        row.addWidget(self.print_button)
        self.layout_.addLayout(row)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size:12pt; font-weight:600;")
        self.layout_.addWidget(self.heading)
        self.empty = hint_label(self.tr(
            "No plan yet. The åtagandeplan is drawn up at the network meeting: goals, and for each action who "
            "does what and by when."))
        self.layout_.addWidget(self.empty)
        self.hidden_note = warning_label()
        self.layout_.addWidget(self.hidden_note)

        self.goals = DtoTableModel([
            Column(self.tr("Goal"), lambda g: g.text, stretch=True),
            Column(self.tr("Area"), lambda g: vocab.ASSESSMENT_DOMAINS.label(g.area) if g.area else "", width=110),
            Column(self.tr("Indicator"), lambda g: g.indicator or "", width=160, elide=True),
            Column(self.tr("Baseline → target"), lambda g: " → ".join(x for x in (g.baseline, g.target) if x),
                   width=140, elide=True),
            Column(self.tr("Target date"), lambda g: fmt_date(g.target_date), sort_key=lambda g: g.target_date, width=95),
            Column(self.tr("Status"), lambda g: vocab.ACTION_STATUSES.label(g.status), width=130),
        ], self)
        self.goal_view = make_table(self.goals, self.tr("Goals"), sortable=False, min_rows=2)
        self.actions = DtoTableModel([
            Column(self.tr("Action"), lambda a: a.description, foreground=self._overdue_fg, stretch=True),
            Column(self.tr("Type"), action_kind_label, width=150),
            Column(self.tr("Goal"), self._goal_text, width=140, elide=True),
            Column(self.tr("Agency"), lambda a: vocab.AGENCIES.label(a.responsible_agency), width=100),
            Column(self.tr("Responsible"), lambda a: a.responsible_person or self.session.user_name(
                a.responsible_user_id), width=130, elide=True),
            Column(self.tr("Done by"), lambda a: fmt_date(a.due_date), sort_key=lambda a: a.due_date, width=95,
                   foreground=self._overdue_fg, background=lambda a: RED_BG if a.overdue else None,
                   bold=lambda a: a.overdue),
            Column(self.tr("Status"), self._status_text, sort_key=lambda a: a.status, width=130,
                   foreground=self._overdue_fg, bold=lambda a: a.overdue),
            Column(self.tr("Follow up"), lambda a: fmt_date(a.follow_up_date), sort_key=lambda a: a.follow_up_date,
                   width=95),
            Column(self.tr("Outcome"), lambda a: a.outcome or a.status_reason or "", width=160, elide=True),
        ], self)
        self.action_view = make_table(self.actions, self.tr("Actions"), sort_column=DUE_COLUMN)
        self.action_view.selectionModel().selectionChanged.connect(self._action_selected)
        self.action_view.doubleClicked.connect(lambda _i: page.change_action_status())
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, view in ((self.tr("Goals"), self.goal_view), (self.tr("Actions"), self.action_view)):
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 4, 0, 0)
            caption = QLabel(title)
            caption.setStyleSheet("font-weight:600;")
            v.addWidget(caption)
            v.addWidget(view)
            splitter.addWidget(box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        self.layout_.addWidget(splitter, 1)
        self.end_with_stretch()

    @staticmethod
    def _overdue_fg(a: ActionDTO):
        return RED if a.overdue else None

    def _goal_text(self, a: ActionDTO) -> str:
        plan = self.detail.plan if self.detail is not None else None
        goal = next((g for g in plan.goals if g.id == a.goal_id), None) if plan is not None else None
        return goal.text if goal is not None else ""

    def _status_text(self, a: ActionDTO) -> str:
        text = vocab.ACTION_STATUSES.label(a.status)
        return text + " – " + self.tr("overdue") if a.overdue else text

    def selected_action(self) -> ActionDTO | None:
        return selected_dto(self.action_view)

    def _action_selected(self, *_args) -> None:
        a = self.selected_action()
        self.status_button.setEnabled(a is not None and not ACTION_MACHINE.is_terminal(a.status))

    def fill(self, detail: CaseDetail) -> None:
        super().fill(detail)
        plan = detail.plan
        can = self.ctx.can
        self.version_button.setVisible(can(Act.CREATE, Rec.PLAN))
        for b in (self.goal_button, self.action_button, self.status_button):
            b.setVisible(can(Act.UPDATE, Rec.PLAN))
        self.goal_button.setEnabled(plan is not None)
        self.print_button.setVisible(plan is not None and can(Act.PRINT, Rec.PLAN))
        self.action_button.setEnabled(plan is not None)
        self.empty.setVisible(plan is None)
        self.splitter.setVisible(plan is not None)
        if plan is None:
            self.heading.clear()
            self.heading.hide()
            self.goals.clear()
            self.actions.clear()
        else:
            self.heading.setText(self.tr("Plan version %1, valid from %2").replace("%1", str(plan.version))
                                 .replace("%2", fmt_date(plan.valid_from)))
            self.heading.show()
            self.goals.set_rows(plan.goals)
            self.actions.set_rows(plan.actions)
        hidden = plan.hidden_actions if plan is not None else 0
        hidden_goals = plan.hidden_goals if plan is not None else 0
        notes = []
        if hidden:
            notes.append(self.tr("%n action(s) of other agencies are not shown: the consent does not cover "
                                 "them for you.", "", hidden))
        if hidden_goals:
            notes.append(self.tr("%n goal(s) are not shown: the consent does not cover their information "
                                 "category for you.", "", hidden_goals))
        self.hidden_note.setText(" ".join(notes))
        self.hidden_note.setVisible(bool(notes))
        self._action_selected()

    def print_plan(self) -> None:
        if self.case_id is not None and self.detail.plan is not None:
            self.page.open_dialog(PrintPreviewDialog(self.ctx, case_id=self.case_id, parent=self.page))

    def clear(self) -> None:
        super().clear()
        self.goals.clear()
        self.actions.clear()
        self.heading.clear()
        self.hidden_note.clear()
