"""Emergency access (nödåtkomst) through real widgets: the dialog from the case list,
the offer after a refused open, the red banner and hidden edit buttons in the case
view, and the end of every grant at lock."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from trygg_desktop.app import DesktopSession
from trygg_desktop.services.database import unlock
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.store.models import AuditEvent, EmergencyGrant

from ..conftest import ADMIN_PASSWORD, PASSWORD, World
from ..scenarios import restricted_case, sspf_case
from .conftest import screenshot

REASON = "Polisen larmar om akut hot mot den unge ikväll"


def _shot(widget, name: str) -> None:
    QApplication.processEvents()
    screenshot(widget, name)


def _case(world: World):
    built = sspf_case(world, assign=("skola", "polis"))
    world.as_("samordnare").journal.add(JournalInput(built.case_id, world.today - timedelta(days=1), "SAMTAL",
                                                     "Samtal med vårdnadshavare om oro", visibility="SHARED",
                                                     information_category="BETEENDE"))
    return built


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        rows = list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))
        s.expunge_all()
        return rows


def test_dialog_from_the_case_list_opens_the_case_read_only(world: World, window_for, qtbot) -> None:
    built = _case(world)
    window = window_for("annan")
    cases = window.show_page("cases")
    assert cases.emergency_button.isVisible()
    _shot(window, "emergency_cases_page_button")
    cases.emergency_button.click()
    dialog = cases.emergency_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.open_button.isEnabled()
    assert _events(world, "EMERGENCY_LOOKUP") == [], "opening the dialog searches nothing"
    _shot(dialog, "emergency_dialog_empty")

    qtbot.keyClicks(dialog.search, built.reference)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    assert dialog.selected().reference == built.reference and not dialog.selected().has_access
    assert len(_events(world, "EMERGENCY_LOOKUP")) == 1
    assert not dialog.open_button.isEnabled(), "no reason yet"
    dialog.reason.setPlainText("Akut läge")  # too short
    assert not dialog.open_button.isEnabled()
    assert dialog.counter.text().startswith("9")
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("CHILD_SAFETY"))
    dialog.reason.setPlainText(REASON)
    assert dialog.open_button.isEnabled()
    _shot(dialog, "emergency_dialog_filled")

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert cases.emergency_dialog is None or not dialog.isVisible()
    page = window.pages["case"]
    assert window.stack.currentWidget() is page
    assert page.detail is not None and page.detail.access_level == "EMERGENCY"
    assert page.emergency_banner.isVisible() and page.emergency_banner.kind == "protected"
    assert page.detail.emergency_until is not None
    for button in (page.status_button, page.journal.new_button, page.journal.correct_button,
                   page.overview.assign_button, page.overview.follow_up_button, page.consent.new_button,
                   page.plan.version_button, page.disclosures.add_button, page.assessment.new_button):
        assert not button.isVisible() or not button.isVisibleTo(page), button.text()
    assert [j.text for j in page.detail.journal] == ["Samtal med vårdnadshavare om oro"]
    _shot(window, "emergency_case_view")
    page.tabs.setCurrentWidget(page.journal)
    _shot(window, "emergency_case_view_journal")
    [event] = _events(world, "EMERGENCY_ACCESS")
    assert json.loads(event.detail)["purpose"] == "CHILD_SAFETY" and event.flags == "EMERGENCY"
    with world.db.session() as s:
        assert s.scalar(select(EmergencyGrant.reason)) == REASON

    # The journal tab's write is refused by the service even if called directly.
    from trygg_desktop.domain.errors import AccessDenied
    try:
        world.as_("annan").journal.add(JournalInput(built.case_id, world.today, "SAMTAL", "x"))
        raise AssertionError("the write went through")
    except AccessDenied as exc:
        assert exc.code == "access.emergency_read_only"

    # Reopening the dialog: the case now shows the active grant and opens without a new grant.
    cases = window.show_page("cases")
    cases.emergency_access()
    dialog = cases.emergency_dialog
    qtbot.keyClicks(dialog.search, built.reference)
    dialog.find()
    assert dialog.selected().emergency_until is not None
    assert dialog.open_button.isEnabled() and not dialog.reason.isEnabled()
    dialog.submit()
    assert len(_events(world, "EMERGENCY_ACCESS")) == 1


def test_refusals_show_in_the_dialog(world: World, window_for, qtbot) -> None:
    built = _case(world)
    trefas = restricted_case(world, "TREFAS", assign=())
    window = window_for("annan")
    cases = window.show_page("cases")
    cases.emergency_access()
    dialog = cases.emergency_dialog
    qtbot.keyClicks(dialog.search, trefas.reference)
    dialog.find()
    assert dialog.model.rowCount() == 0 and "TREFAS" in dialog.empty.text()
    _shot(dialog, "emergency_dialog_nothing_found")
    dialog.search.clear()
    dialog.find()
    assert dialog.banner.isVisible()
    # The service refuses a short reason even if the UI were bypassed; the dialog shows the code's text.
    dialog.search.setText(built.reference)
    dialog.find()
    dialog.reason.setPlainText(" " * 20 + "kort" + " " * 20)
    assert not dialog.open_button.isEnabled(), "the count ignores surrounding spaces"
    dialog.reason.setPlainText(REASON)
    dialog.submit()
    assert window.pages["case"].detail.access_level == "EMERGENCY"


def test_refused_open_offers_emergency_access(world: World, window_for, qtbot) -> None:
    built = _case(world)
    window = window_for("socialsekreterare")  # HANDLAGGARE, same agency, not connected
    window.open_case(built.case_id)
    QApplication.processEvents()
    page = window.pages["case"]
    assert page.detail is None and page.banner.isVisible()
    assert page.emergency_offer.isVisible()
    _shot(window, "emergency_offer_after_refusal")
    page.emergency_offer.click()
    dialog = page.dialog
    assert dialog is not None and dialog.model.rowCount() == 1
    assert dialog.selected().case_id == built.case_id
    dialog.reason.setPlainText(REASON)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert page.detail is not None and page.detail.access_level == "EMERGENCY"
    assert not page.emergency_offer.isVisible()
    assert not page.journal.new_button.isVisibleTo(page)

    # A user of another agency is refused without an offer (never across agencies).
    school = window_for("fritid")
    school.open_case(built.case_id)
    QApplication.processEvents()
    assert not school.pages["case"].emergency_offer.isVisible()


def test_lock_ends_the_grants(world: World, qtbot, sync_executor) -> None:
    built = _case(world)
    world.db.close()
    session = DesktopSession(world.path, sync_executor, autolock_minutes=5,
                             unlock_fn=lambda p, u, pw, **kw: unlock(p, u, pw, throttle=world.throttle(), **kw))
    dialog = session.start()
    qtbot.addWidget(dialog)
    dialog.username.setText("annan")
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    assert session.window is not None
    grant = session.window.services.emergency.grant(built.case_id, "ACUTE_RISK", REASON)
    session.window.open_case(built.case_id)
    assert session.window.pages["case"].emergency_banner.isVisible()
    assert session.lock(manual=False)
    session.dialog.close()
    db, _admin = unlock(world.path, "admin", ADMIN_PASSWORD, throttle=world.throttle())
    try:
        with db.session() as s:
            assert s.get(EmergencyGrant, grant.id).ended_at is not None
            ends = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "EMERGENCY_END")))
            assert len(ends) == 1 and json.loads(ends[0].detail)["grants"] == [grant.id]
    finally:
        db.close()
