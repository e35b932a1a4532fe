"""The daily flow in the case view (issue 16): the header's next step says what is
missing (consent → kartläggning → plan → meeting) and its buttons go there, only
for what the user's role may do; meetings are booked from the case's Möten tab.
Real widgets, real services. Screenshots: tests/artifacts/case_flow_*.png."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QApplication

from trygg_desktop.domain import vocab
from trygg_desktop.services.assessments import ItemInput
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.ui.dialogs import consent_dialogs
from trygg_desktop.ui.dialogs.new_meeting import NewMeetingDialog
from trygg_desktop.ui.pages import next_steps as ns

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot


def _open(window_for, username: str, case_id: int):
    window = window_for(username)
    window.open_case(case_id)
    QApplication.processEvents()
    return window, window.pages["case"]


def _shot(widget, name: str) -> None:
    QApplication.processEvents()
    screenshot(widget, name)


def _keys(page) -> list[str]:
    return [s.key for s in page.next_steps.steps]


def _pick(combo, code) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def test_without_consent_the_header_asks_for_it_and_the_button_opens_the_consent_dialog(world: World,
                                                                                        window_for) -> None:
    built = sspf_case(world, consent="NONE")
    window, page = _open(window_for, "samordnare", built.case_id)
    window.resize(1280, 800)
    strip = page.next_steps
    assert strip.isVisibleTo(page)
    assert _keys(page) == [ns.CONSENT, ns.MAPPING, ns.PLAN, ns.MEETING]
    assert strip.buttons[ns.CONSENT].isEnabled()
    for key in (ns.MAPPING, ns.PLAN, ns.MEETING):  # the services refuse them without consent
        assert not strip.buttons[key].isEnabled() and strip.buttons[key].toolTip()
    _shot(window, "case_flow_next_step_no_consent")

    strip.buttons[ns.CONSENT].click()
    assert page.tabs.currentWidget() is page.consent
    dialog = page.dialog
    assert isinstance(dialog, consent_dialogs.NewConsentDialog) and dialog.isVisible()
    for code in ("SOC", "SKOLA"):
        dialog.agencies[code][0].setChecked(True)
    dialog.categories["SKOLGANG_NARVARO"].setChecked(True)
    dialog.joint.setChecked(False)
    dialog.exception.setText("Ensam vårdnad enligt dom")
    dialog.ok_button.click()
    assert page.dialog is None

    # Registered but not signed: the next step is the signatures, on that consent.
    assert _keys(page)[0] == ns.SIGN and ns.CONSENT not in _keys(page)
    for role in ("GUARDIAN_1", "YOUTH"):
        page.next_steps.buttons[ns.SIGN].click()
        assert page.tabs.currentWidget() is page.consent
        sign = page.dialog
        assert isinstance(sign, consent_dialogs.SignConsentDialog)
        assert page.consent.selected().id == page.detail.consents[0].id
        _pick(sign.role, role)
        sign.ok_button.click()
    assert page.detail.summary.consent_light == "VALID"
    assert _keys(page) == [ns.MAPPING, ns.PLAN, ns.MEETING]
    assert all(b.isEnabled() for b in page.next_steps.buttons.values())


def test_steps_follow_the_case_and_vanish_when_everything_is_done(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    window.resize(1280, 800)
    assert _keys(page) == [ns.MAPPING, ns.PLAN, ns.MEETING]
    _shot(window, "case_flow_next_step_after_consent")

    page.next_steps.buttons[ns.MAPPING].click()
    assert page.tabs.currentWidget() is page.assessment
    page.next_steps.buttons[ns.PLAN].click()
    assert page.tabs.currentWidget() is page.plan

    s = world.as_("samordnare")
    s.assessments.add_assessment(built.case_id, world.today, [ItemInput(vocab.ASSESSMENT_DOMAINS.codes[0], 2, 1)])
    page.refresh()
    assert _keys(page) == [ns.PLAN, ns.MEETING]
    s.plans.new_version(built.case_id, world.today)
    # A meeting in the past does not count as booked.
    s.meetings.create(MeetingInput(meeting_type="NATVERKSMOTE", case_id=built.case_id,
                                   starts_at=datetime.combine(world.today - timedelta(days=3), datetime.min.time())))
    page.refresh()
    assert page.detail.plan_exists and _keys(page) == [ns.MEETING]
    s.meetings.create(MeetingInput(meeting_type="UPPFOLJNINGSMOTE", case_id=built.case_id,
                                   starts_at=datetime.combine(world.today + timedelta(days=7), datetime.min.time())))
    page.refresh()
    assert _keys(page) == [] and not page.next_steps.isVisibleTo(page)


def test_only_steps_the_role_may_do_are_offered(world: World, window_for) -> None:
    built = sspf_case(world, consent="NONE")
    # Handläggare: consent and kartläggning, but no plan or meeting (the coordinator's).
    _, worker = _open(window_for, "socialsekreterare", built.case_id)
    assert _keys(worker) == [ns.CONSENT, ns.MAPPING]
    built = sspf_case(world, first="Nils", last="Ek")
    # The school's contact person: only its part of the kartläggning.
    _, school = _open(window_for, "skola", built.case_id)
    assert _keys(school) == [ns.MAPPING]
    school.next_steps.buttons[ns.MAPPING].click()
    assert school.tabs.currentWidget() is school.assessment


def test_a_closed_case_and_clear_show_no_next_step(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    assert page.next_steps.steps
    page.clear()
    assert not page.next_steps.steps and not page.next_steps.buttons and not page.next_steps.isVisibleTo(page)
    world.as_("samordnare").cases.change_status(built.case_id, "AVSLUTAD", reason="FLYTT")
    window.open_case(built.case_id)
    QApplication.processEvents()
    assert page.detail is not None and _keys(page) == []


def _book(page, when: datetime):
    page.tabs.setCurrentWidget(page.meetings)
    assert page.meetings.book_button.isVisibleTo(page.meetings)
    page.meetings.book_button.click()
    dialog = page.dialog
    assert isinstance(dialog, NewMeetingDialog) and dialog.isVisible()
    assert dialog.is_case_meeting and dialog.case_combo.currentData() == page.detail.summary.id
    dialog.starts.setDateTime(QDateTime(when))
    return dialog


def test_booking_a_meeting_from_the_cases_meetings_tab_opens_it(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    window.resize(1280, 800)
    page.tabs.setCurrentWidget(page.meetings)
    assert page.meetings.empty.isVisibleTo(page.meetings) and "Boka möte" in page.meetings.empty.text()
    dialog = _book(page, datetime.combine(world.today + timedelta(days=5), datetime.min.time()).replace(hour=9))
    assert not dialog.consent_button.isVisibleTo(dialog)
    dialog.place.setText("Turebergsskolan")
    _shot(dialog, "case_flow_book_meeting_dialog")
    dialog.ok_button.click()
    assert page.dialog is None and dialog.result() == dialog.DialogCode.Accepted
    meetings = window.pages["meetings"]
    assert window.stack.currentWidget() is meetings and meetings.stack.currentWidget() is meetings.editor
    booked = world.as_("samordnare").meetings.get(meetings.editor.meeting_id)
    assert booked.case_id == built.case_id and booked.place == "Turebergsskolan"
    assert booked.starts_at == datetime.combine(world.today + timedelta(days=5), datetime.min.time()).replace(hour=9)
    window.open_case(built.case_id)
    QApplication.processEvents()
    assert page.meetings.model.rowCount() == 1 and ns.MEETING not in _keys(page)


def test_a_refusal_for_lack_of_consent_offers_the_consent_tab(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    # The consent runs out after 300 days: a meeting after that is refused.
    dialog = _book(page, datetime.combine(world.today + timedelta(days=400), datetime.min.time()).replace(hour=14))
    dialog.ok_button.click()
    assert page.dialog is dialog and dialog.isVisible() and dialog.banner.isVisibleTo(dialog)
    assert dialog.consent_button.isVisibleTo(dialog)
    assert world.as_("samordnare").meetings.list(case_id=built.case_id) == []
    _shot(dialog, "case_flow_book_meeting_refused")
    dialog.consent_button.click()
    assert page.dialog is None and not dialog.isVisible()
    assert page.tabs.currentWidget() is page.consent


def test_the_meeting_step_of_the_header_opens_the_booking_dialog(world: World, window_for) -> None:
    built = sspf_case(world)
    _, page = _open(window_for, "samordnare", built.case_id)
    page.next_steps.buttons[ns.MEETING].click()
    assert page.tabs.currentWidget() is page.meetings and isinstance(page.dialog, NewMeetingDialog)
    # Who may not book (the school's contact person) sees no booking button.
    _, school = _open(window_for, "skola", built.case_id)
    school.tabs.setCurrentWidget(school.meetings)
    assert not school.meetings.book_button.isVisibleTo(school.meetings)
