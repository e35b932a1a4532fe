"""Layout of the case view's long-text lists at 1280×800 (issue 16): the Plan tab's
action text and the journal's text column get the width; the other columns stay at
their nominal width (elided, the full text in the tooltip)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.plans import ActionInput, GoalInput

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot

LONG_ACTION = ("Mentorn ringer hem varje måndag och stämmer av närvaron med vårdnadshavaren; vid frånvaro "
               "bokas samtal med elevhälsan samma vecka")
LONG_GOAL = "Närvaron i skolan ska öka till minst 85 procent under vårterminen och hållas där hela läsåret"
LONG_OUTCOME = "Påbörjat men behöver följas upp av elevhälsan och socialtjänsten tillsammans vid nästa möte"


def _open(window_for, username: str, case_id: int):
    window = window_for(username)
    window.resize(1280, 800)
    window.open_case(case_id)
    QApplication.processEvents()
    return window, window.pages["case"]


def _widths(view) -> list[int]:
    return [view.columnWidth(c) for c in range(view.model().columnCount())]


def test_plan_action_text_gets_the_width_at_1280x800(world: World, window_for) -> None:
    built = sspf_case(world)
    s = world.as_("samordnare")
    plan = s.plans.new_version(built.case_id, world.today)
    goal = s.plans.add_goal(plan.id, GoalInput(LONG_GOAL, area="SKOLA", target="85 %"))
    action = s.plans.add_action(plan.id, ActionInput(LONG_ACTION, "SOC", action_type="FORALDRASTOD", goal_id=goal.id,
                                                     responsible_person="Mentor Karin Lindqvist på Turebergsskolan",
                                                     due_date=world.today + timedelta(days=14)))
    s.plans.set_action_status(action.id, "EJ_GENOMFORD", reason=LONG_OUTCOME)
    window, page = _open(window_for, "samordnare", built.case_id)
    page.tabs.setCurrentWidget(page.plan)
    QApplication.processEvents()
    view = page.plan.action_view
    widths = _widths(view)
    text = widths[0]
    assert text == max(widths), widths
    assert text >= 0.3 * view.viewport().width(), (widths, view.viewport().width())
    assert sum(widths) <= view.viewport().width() + 2, "no horizontal scrolling at 1280×800"
    # The others are elided; their full text is in the tooltip.
    model = view.model()
    goal_cell = model.index(0, 2)
    assert view.fontMetrics().horizontalAdvance(LONG_GOAL) > view.columnWidth(2)
    assert goal_cell.data(Qt.ItemDataRole.ToolTipRole) == LONG_GOAL
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    # Short vocabulary columns and dates are not cut: the status and the due date stay readable.
    metrics = view.fontMetrics()
    for column in (1, 5, 6):   # type, done by, status
        assert metrics.horizontalAdvance(str(model.index(0, column).data())) <= view.columnWidth(column), _widths(view)
    # The goals list: the goal text is the stretching column, not the status.
    goals = page.plan.goal_view
    goal_widths = _widths(goals)
    assert goal_widths[0] == max(goal_widths) and goal_widths[0] >= 0.3 * goals.viewport().width()
    screenshot(window, "case_plan_1280x800")


def test_journal_text_gets_the_width_at_1280x800(world: World, window_for) -> None:
    built = sspf_case(world)
    s = world.as_("samordnare")
    for n in range(3):
        s.journal.add(JournalInput(built.case_id, world.today - timedelta(days=n), "ANTECKNING",
                                   f"Samtal {n + 1} med mentorn om närvaron: eleven har varit borta tre dagar den "
                                   "här veckan och vårdnadshavaren har inte hört av sig trots två försök",
                                   visibility="SHARED", information_category="SKOLGANG_NARVARO",
                                   source="mentor"))
    window, page = _open(window_for, "samordnare", built.case_id)
    page.tabs.setCurrentWidget(page.journal)
    QApplication.processEvents()
    view = page.journal.view
    widths = _widths(view)
    assert widths[-1] == max(widths), widths
    assert widths[-1] >= 0.3 * view.viewport().width(), (widths, view.viewport().width())
    assert sum(widths) <= view.viewport().width() + 2
    screenshot(window, "case_journal_1280x800")
