"""Översikt through real widgets: the five sections, red overdue rows, rows that open their
case or meeting, refresh on changes and F5, and a lock that empties everything."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from trygg_desktop.domain import vocab
from trygg_desktop.domain.topics import Topic
from trygg_desktop.services.demo import DemoService
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.services.plans import ActionInput

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot


def _settle() -> None:
    """Let pending layout requests run so the screenshot shows the final geometry."""
    QApplication.processEvents()
    QApplication.processEvents()


def _seed(world: World):
    """A case with a meeting today, an overdue and a coming action for skola, and a group meeting."""
    s = world.as_("samordnare")
    built = sspf_case(world)
    skola = next(u.id for u in s.users.directory() if u.username == "skola")
    meeting = s.meetings.create(MeetingInput("NATVERKSMOTE", datetime.combine(world.today, time(14)),
                                             case_id=built.case_id, place="Turebergsskolan"))
    group = s.meetings.create(MeetingInput("ARBETSGRUPPSMOTE", datetime.combine(world.today, time(9)),
                                           unit_id=world.units["SSPF Tureberg"], place="Kommunhuset"))
    plan = s.plans.new_version(built.case_id, world.today, meeting_id=meeting.id)
    late = s.plans.add_action(plan.id, ActionInput("Närvaroplan", "SKOLA", responsible_user_id=skola,
                                                   due_date=world.today - timedelta(days=3)))
    soon = s.plans.add_action(plan.id, ActionInput("Mentorssamtal varje vecka", "SKOLA", responsible_user_id=skola,
                                                   due_date=world.today + timedelta(days=5)))
    return built, meeting, group, late, soon


def test_sections_show_the_users_work_and_rows_open_it(world: World, window_for) -> None:
    built, meeting, group, late, soon = _seed(world)
    window = window_for("samordnare")
    page = window.pages["dashboard"]
    assert window.stack.currentWidget() is page
    meetings = page.meetings_card.model
    assert {r.item_id for r in meetings.rows} == {meeting.id, group.id}
    assert page.meetings_card.count.text() == "2"
    by_id = {r.item_id: n for n, r in enumerate(meetings.rows)}
    assert meetings.index(by_id[group.id], 2).data() == page.tr("Group level")
    assert meetings.index(by_id[meeting.id], 2).data() == built.reference
    assert meetings.index(by_id[meeting.id], 1).data() == vocab.MEETING_TYPES.label("NATVERKSMOTE")
    assert meetings.index(by_id[meeting.id], 0).data() == "2026-11-22 14:00"
    assert page.actions_card.model.rowCount() == 0, "the actions are the school's, not the coordinator's"
    assert page.actions_card.stack.currentWidget() is page.actions_card.empty

    # A group meeting opens the meeting; a case row opens the case.
    card = page.meetings_card
    row = card.proxy.mapFromSource(meetings.index(by_id[group.id], 0))
    card.view.activated.emit(row)
    assert window.stack.currentWidget() is window.pages["meetings"]
    assert window.pages["meetings"].editor.meeting.id == group.id
    window.show_page("dashboard")
    row = card.proxy.mapFromSource(meetings.index(by_id[meeting.id], 0))
    card.view.scrollTo(row)
    centre = card.view.visualRect(row).center()
    QTest.mouseClick(card.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.stack.currentWidget() is page, "a single click only selects"
    QTest.mouseDClick(card.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.stack.currentWidget() is window.pages["case"]

    # The school's contact person: overdue first and in red, the other due soon.
    school = window_for("skola")
    board = school.pages["dashboard"]
    actions = board.actions_card.model
    assert [r.item_id for r in actions.rows] == [late.id, soon.id]
    assert actions.rows[0].overdue and not actions.rows[1].overdue
    assert actions.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor("#b00020")
    assert actions.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert actions.index(0, 4).data() == board.tr("Overdue")
    assert actions.index(1, 4).data() == vocab.ACTION_STATUSES.label("PLANERAD")
    assert board.actions_card.note.text(), "the heading says how many are overdue"
    assert board.actions_card.count.text() == "2"
    board.actions_card.view.activated.emit(board.actions_card.proxy.index(0, 0))
    assert school.stack.currentWidget() is school.pages["case"]


def test_refreshes_on_changes_and_f5_and_clear_empties_it(world: World, window_for, qtbot) -> None:
    built, meeting, *_ = _seed(world)
    window = window_for("samordnare")
    page = window.pages["dashboard"]
    assert page.meetings_card.model.rowCount() == 2
    world.as_("samordnare").meetings.create(MeetingInput("UPPFOLJNINGSMOTE", datetime.combine(world.today, time(16)),
                                                         case_id=built.case_id))
    window.changed.emit(frozenset({Topic.MEETINGS}))  # what a mutation elsewhere in the window announces
    assert page.meetings_card.model.rowCount() == 3
    world.as_("samordnare").meetings.create(MeetingInput("UPPFOLJNINGSMOTE", datetime.combine(world.today, time(17)),
                                                         case_id=built.case_id))
    window.changed.emit(frozenset({Topic.JOURNAL}))  # not something the overview shows
    assert page.meetings_card.model.rowCount() == 3
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page.refresh_button.setFocus()
    QTest.keyClick(page.refresh_button, Qt.Key.Key_F5)
    assert page.meetings_card.model.rowCount() == 4

    page.clear()
    for card in page.cards:
        assert card.model.rowCount() == 0 and card.count.text() == "0"
        assert card.stack.currentWidget() is card.empty
    assert page.today_label.text() == ""


def test_screenshots_with_demo_data(world: World, window_for) -> None:
    DemoService(world.db, world.actors["admin"], today=world.today).generate(cases=80, seed=5, create_accounts=False)
    _seed(world)
    window = window_for("samordnare")
    page = window.pages["dashboard"]
    assert page.follow_up_card.model.rowCount() > 0 and page.referrals_card.model.rowCount() > 0
    assert page.consents_card.model.rowCount() > 0
    expired = [n for n, r in enumerate(page.consents_card.model.rows) if r.status == "EXPIRED"]
    assert expired and page.consents_card.model.index(expired[0], 0).data(Qt.ItemDataRole.ForegroundRole) \
        == QColor("#b00020")
    _settle()
    screenshot(window, "dashboard_samordnare")
    school = window_for("skola")
    assert school.pages["dashboard"].actions_card.model.rowCount() >= 2
    _settle()
    screenshot(school, "dashboard_skola")


def test_superseded_plan_version_leaves_the_count(world: World, window_for) -> None:
    """Issue 12, item 5: after a follow-up meeting makes plan version 2 and the copied action is
    marked done there, the card no longer shows version 1's original as "Försenad" and its
    heading counts only the actions of the current version."""
    s = world.as_("samordnare")
    built = sspf_case(world)
    skola = next(u.id for u in s.users.directory() if u.username == "skola")
    v1 = s.plans.new_version(built.case_id, world.today - timedelta(days=60))
    for text, days in (("Närvaroplan", 10), ("Läxläsning", 4)):
        s.plans.add_action(v1.id, ActionInput(text, "SKOLA", responsible_user_id=skola,
                                              due_date=world.today - timedelta(days=days)))
    window = window_for("skola")
    card = window.pages["dashboard"].actions_card
    assert card.count.text() == "2" and card.note.text() == card.tr("%n overdue", "", 2)

    v2 = s.plans.new_version(built.case_id, world.today - timedelta(days=2))
    copies = {a.description: a.id for a in v2.actions}
    world.as_("skola").plans.set_action_status(copies["Närvaroplan"], "GENOMFORD")
    window.changed.emit(frozenset({Topic.PLANS}))

    assert [r.item_id for r in card.model.rows] == [copies["Läxläsning"]]
    assert card.count.text() == "1" and card.note.text() == card.tr("%n overdue", "", 1)
    assert card.model.index(0, 4).data() == window.pages["dashboard"].tr("Overdue")
    assert card.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor("#b00020")
    card.view.activated.emit(card.proxy.index(0, 0))
    assert window.stack.currentWidget() is window.pages["case"]
    assert window.pages["case"].case_id == built.case_id


def test_consent_card_lists_the_most_urgent_first_and_counts_the_expired(world: World, window_for) -> None:
    """Two consents: one ran out on 1 November, one runs out on 1 December (world day 22 November).
    The card lists them by date, not by reference, and its note says how many have expired."""
    from datetime import date

    from trygg_desktop.services.consents import ConsentInput
    from trygg_desktop.services.facade import Services
    refs = {}
    for first, born, valid_from, valid_to in (("Bo", date(2011, 2, 2), date(2025, 11, 1), date(2026, 12, 1)),
                                              ("Cilla", date(2011, 3, 3), date(2025, 11, 2), date(2026, 11, 1))):
        built = sspf_case(world, consent="NONE", first=first, born=born, assign=())
        s = Services(world.db, world.actors["samordnare"], today=valid_from)
        consent = s.consents.create(ConsentInput(
            case_id=built.case_id, purpose="SSPF-samverkan", scope_agencies=(("SOC", ""), ("SKOLA", "")),
            scope_information=("SKOLGANG_NARVARO",), valid_from=valid_from, valid_to=valid_to, joint_custody=False,
            single_guardian_exception="Ensam vårdnad enligt dom"))
        s.consents.sign(consent.id, "GUARDIAN_1", valid_from)
        s.consents.sign(consent.id, "YOUTH", valid_from)
        refs[first] = built.reference
    card = window_for("samordnare").pages["dashboard"].consents_card
    rows = card.model.rows
    assert [r.reference for r in rows] == [refs["Cilla"], refs["Bo"]]  # 1 Nov (expired), then 1 Dec
    assert rows[0].overdue and not rows[1].overdue
    assert card.note.text() == "1 utgånget"
    assert card.model.index(1, 3).data() == "Giltigt, 9 dagar kvar"
