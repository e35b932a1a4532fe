"""Meetings page and meeting editor through real widgets against real services.

A coordinator creates a network meeting for an SSPF case, takes attendance (an
agency outside the consent is refused inline), writes an agenda item, decides an
action for the school's contact person (who then sees it on their dashboard),
and approves the protocol (read-only, hashed, corrections only). A group-level
meeting stops a personnummer before it is sent.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from trygg_desktop.domain import vocab
from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.services.demo import DemoService
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.ui.errors import error_text

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot


def _settle() -> None:
    """Let pending layout requests run so the screenshot shows the final geometry."""
    QApplication.processEvents()
    QApplication.processEvents()


def _select(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def _create_case_meeting(window, reference: str, when: datetime):
    page = window.show_page("meetings")
    page.new_meeting()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.case_search.setText(reference)
    dialog.search_button.click()
    assert dialog.case_combo.count() == 1 and reference in dialog.case_combo.currentText()
    _select(dialog.type_combo, "NATVERKSMOTE")
    dialog.starts.setDateTime(QDateTime(when))
    dialog.place.setText("Tureberg skola, rum 12")
    _settle()
    screenshot(dialog, "meeting_new_dialog")
    dialog.ok_button.click()
    assert page.dialog is None, "the dialog closes when the meeting is created"
    assert page.stack.currentWidget() is page.editor
    return page


def test_case_meeting_attendance_agenda_actions_and_approval(world: World, window_for, qtbot, monkeypatch) -> None:
    built = sspf_case(world)
    users = {u.username: u.id for u in world.as_("samordnare").users.directory()}
    window = window_for("samordnare")
    page = _create_case_meeting(window, built.reference, datetime.combine(world.today, datetime.min.time())
                                + timedelta(hours=14))
    editor = page.editor
    meeting = editor.meeting
    assert meeting.case_id == built.case_id and meeting.protocol_status == "UTKAST"
    assert editor.agenda.model.rowCount() == 8, "the network meeting template is applied"
    assert built.reference in editor.header.subject.text() and "Alva Berg" in editor.header.subject.text()
    assert editor.send_button.isVisible() and not editor.approve_button.isVisible()
    assert editor.print_button.isEnabled() and editor.print_button.toolTip()

    # Attendance: the school is covered by the consent, leisure services are not.
    editor.add_attendee_button.click()
    dialog = editor.dialog
    dialog.name.setText("Maria Lärare")
    dialog.function.setText("Mentor")
    dialog.organisation.setText("Turebergsskolan")
    _select(dialog.agency, "SKOLA")
    _select(dialog.role, "SEKRETERARE")
    assert dialog.agency_warning.isHidden()
    dialog.ok_button.click()
    assert editor.dialog is None and editor.attendees.rowCount() == 1
    assert editor.attendees.rows[0].meeting_role == "SEKRETERARE"
    editor.add_attendee_button.click()
    dialog = editor.dialog
    dialog.name.setText("Fredrik Fältare")
    _select(dialog.agency, "FRITID")
    assert not dialog.agency_warning.isHidden(), "warned before sending"
    dialog.ok_button.click()
    assert editor.dialog is dialog and dialog.isVisible(), "the refusal keeps the dialog open"
    assert dialog.banner.kind == "error"
    assert dialog.banner.label.text() == error_text(ValidationError("x", code="meeting.attendee_consent"))
    assert editor.attendees.rowCount() == 1
    _settle()
    screenshot(dialog, "meeting_attendee_refused")
    dialog.reject()

    # Agenda item § 4, saved with Ctrl+S through the window.
    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda.select(4)
    editor.agenda.note.setPlainText("Skolan uppger hög frånvaro sedan augusti.")
    editor.agenda.decision.setPlainText("Närvaroplan upprättas.")
    editor.agenda.internal.setChecked(True)
    assert editor.agenda.dirty
    window._save()  # the window's Ctrl+S handler
    assert not editor.agenda.dirty
    stored = world.as_("samordnare").meetings.get(meeting.id)
    item = next(i for i in stored.agenda if i.number == 4)
    assert item.note.startswith("Skolan uppger") and item.decision == "Närvaroplan upprättas."
    assert item.visibility == "INTERNAL"
    row = next(r for r in range(editor.agenda.model.rowCount()) if editor.agenda.model.rows[r].number == 4)
    assert editor.agenda.model.index(row, 3).data() == vocab.VISIBILITY.label("INTERNAL")

    # An action decided in the meeting, for the school's contact person, due tomorrow.
    editor.tabs.setCurrentIndex(2)
    assert editor.add_action_button.isEnabled()
    editor.add_action_button.click()
    dialog = editor.dialog
    dialog.description.setPlainText("Närvaroplan med daglig kontakt mentor–hem")
    _select(dialog.action_type, "NARVAROPLAN")
    assert dialog.agency.currentData() == "SKOLA", "the action type suggests the agency"
    _select(dialog.user, users["skola"])
    dialog.due.setDate(world.today + timedelta(days=1))
    dialog.ok_button.click()
    assert editor.dialog is None and editor.actions.rowCount() == 1
    plan = world.as_("samordnare").plans.get_current(built.case_id)
    assert plan is not None and plan.version == 1
    action = plan.actions[0]
    assert action.responsible_user_id == users["skola"] and action.due_date == world.today + timedelta(days=1)
    _settle()
    screenshot(window, "meeting_editor_actions")

    # Next meeting and guardians informed.
    editor.tabs.setCurrentWidget(editor.next_meeting)
    editor.next_meeting.decided.setChecked(True)
    editor.next_meeting.when.setDateTime(QDateTime(datetime(2026, 12, 15, 14, 0)))
    editor.next_meeting.place.setText("Turebergsskolan")
    editor.next_meeting.guardians.setText("2026-11-23 per telefon")
    editor.next_meeting.save_button.click()
    stored = world.as_("samordnare").meetings.get(meeting.id)
    assert stored.next_meeting_at == datetime(2026, 12, 15, 14, 0) and stored.guardians_informed
    editor.tabs.setCurrentIndex(0)
    _settle()
    screenshot(window, "meeting_editor_attendance")
    editor.tabs.setCurrentWidget(editor.agenda)
    _settle()
    screenshot(window, "meeting_editor_draft")

    # The school's contact person sees the action under "my actions".
    school = window_for("skola")
    mine = school.pages["dashboard"].actions_card.model.rows
    assert any(r.item_id == action.id and r.case_id == built.case_id for r in mine)
    school.open_meeting(meeting.id)
    seen = school.pages["meetings"].editor
    assert seen.meeting.id == meeting.id and not seen.protocol_editable
    assert seen.meeting.hidden_items == 1, "the coordinator's internal § 4 is not shown to the school"
    assert 4 not in [i.number for i in seen.agenda.model.rows]
    assert seen.agenda.heading.isReadOnly() and not seen.add_attendee_button.isEnabled()
    assert not seen.add_action_button.isEnabled() and not seen.send_button.isVisible()

    # Justering: send for approval, then approve (confirmed): read-only, hashed, corrections only.
    editor.send_button.click()
    assert editor.meeting.protocol_status == "JUSTERING"
    assert editor.approve_button.isVisible() and editor.back_to_draft_button.isVisible()
    assert editor.agenda.heading.isReadOnly()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.approve_button.click()
    assert editor.meeting.protocol_status == "JUSTERAT" and editor.meeting.content_hash
    assert editor.meeting.content_hash in editor.header.hash.text() and not editor.header.hash.isHidden()
    assert editor.agenda.note.isReadOnly() and not editor.agenda.save_button.isEnabled()
    assert not editor.add_attendee_button.isEnabled() and not editor.add_action_button.isEnabled()
    assert not editor.next_meeting.save_button.isEnabled()
    assert not editor.send_button.isVisible() and editor.correction_button.isVisible()
    editor.correction_button.click()
    dialog = editor.dialog
    dialog.text.setPlainText("Rättelse: mentorn heter Maria Larsson.")
    dialog.ok_button.click()
    assert editor.corrections.rowCount() == 1 and editor.tabs.isTabVisible(4)
    assert editor.corrections.index(0, 1).data() == "Samordnare"
    _settle()
    screenshot(window, "meeting_editor_approved")


def test_group_meeting_refuses_a_personnummer(world: World, window_for) -> None:
    window = window_for("samordnare")
    page = window.show_page("meetings")
    page.new_meeting()
    dialog = page.dialog
    dialog.group_radio.setChecked(True)
    assert dialog.unit_combo.isVisibleTo(dialog) and not dialog.case_combo.isVisibleTo(dialog)
    assert [dialog.type_combo.itemData(i) for i in range(dialog.type_combo.count())][0] == "ARBETSGRUPPSMOTE"
    dialog.place.setText("Kommunhuset, rum Rönnen")
    dialog.ok_button.click()
    editor = page.editor
    meeting = editor.meeting
    assert meeting.case_id is None and meeting.anonymised
    assert not editor.tabs.isTabVisible(2), "no action plan on group level"
    assert editor.next_meeting.guardians.isHidden(), "no person fields on group level"
    assert not editor.header.anonymised.isHidden()

    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda.select(3)
    editor.agenda.note.setPlainText("Pojken 20110503-1234 nämndes av skolan.")
    assert not editor.agenda.pnr_warning.isHidden(), "warned while typing"
    page.save()
    assert editor.banner.kind == "warning" and editor.agenda.dirty
    assert next(i for i in world.as_("samordnare").meetings.get(meeting.id).agenda if i.number == 3).note is None
    # The service refuses it too, and that refusal is shown inline.
    editor.save_item(3, "Nya aktualiseringar", {"note": "Pojke 110503-1234"})
    assert editor.banner.kind == "error"
    assert editor.banner.label.text() == error_text(ValidationError("x", code="meeting.pnr_in_anonymised"))
    editor.agenda.note.setPlainText("En pojke i årskurs 8 med hög frånvaro.")
    assert editor.agenda.pnr_warning.isHidden()
    page.save()
    assert next(i for i in world.as_("samordnare").meetings.get(meeting.id).agenda
                if i.number == 3).note.startswith("En pojke")

    # Attendees of a group meeting belong to an agency: no private persons.
    editor.add_attendee_button.click()
    assert None not in [editor.dialog.agency.itemData(i) for i in range(editor.dialog.agency.count())]
    editor.dialog.reject()


def test_meeting_list_filters_opens_and_clears(world: World, window_for) -> None:
    DemoService(world.db, world.actors["admin"], today=world.today).generate(cases=40, seed=5,
                                                                              create_accounts=False)
    window = window_for("samordnare")
    page = window.show_page("meetings")
    all_meetings = page._meetings
    assert all_meetings, "demo data has meetings"
    _select(page.time_filter, "upcoming")
    assert all(m.starts_at.date() >= world.today for m in page.model.rows)
    upcoming = page.model.rowCount()
    _select(page.time_filter, "past")
    assert all(m.starts_at.date() < world.today for m in page.model.rows)
    assert page.model.rowCount() + upcoming == len(all_meetings)
    first = page.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert first.starts_at == max(m.starts_at for m in page.model.rows), "past: latest first"
    _select(page.type_filter, "ARBETSGRUPPSMOTE")
    assert all(m.meeting_type == "ARBETSGRUPPSMOTE" for m in page.model.rows)
    _select(page.type_filter, None)
    _select(page.time_filter, "all")
    _settle()
    screenshot(window, "meetings_list")
    page.view.activated.emit(page.proxy.index(0, 0))
    assert page.stack.currentWidget() is page.editor and page.editor.meeting is not None
    page.editor.back_button.click()
    assert page.stack.currentIndex() == 0

    page.open_meeting(first.id)
    page.editor.add_correction() if page.editor.meeting.protocol_status == "JUSTERAT" else \
        page.editor.add_attendee()
    assert page.editor.dialog is not None
    window.clear_everything()  # the lock
    assert page.editor.dialog is None
    assert page.model.rowCount() == 0 and page._meetings == ()
    editor = page.editor
    assert editor.meeting is None and editor.plan is None and editor.users == {}
    assert editor.agenda.model.rowCount() == 0 and editor.attendees.rowCount() == 0
    assert editor.corrections.rowCount() == 0 and editor.actions.rowCount() == 0
    assert editor.header.subject.text() == "" and editor.agenda.note.toPlainText() == ""
    assert page.stack.currentIndex() == 0


def test_a_named_meeting_without_consent_is_refused_in_the_dialog(world: World, window_for) -> None:
    built = sspf_case(world, consent="NONE", first="Elin", last="Ek")
    window = window_for("samordnare")
    page = window.show_page("meetings")
    page.new_meeting()
    dialog = page.dialog
    dialog.case_search.setText(built.reference)
    dialog.search_button.click()
    dialog.ok_button.click()
    assert page.dialog is dialog and dialog.banner.kind == "error"
    assert page.stack.currentIndex() == 0
    dialog.reject()


def test_the_end_time_follows_the_start_and_an_end_before_the_start_is_said(world: World, window_for) -> None:
    from PySide6.QtCore import QTime
    built = sspf_case(world)
    page = window_for("samordnare").show_page("meetings")
    page.new_meeting()
    dialog = page.dialog
    assert dialog.ends.time() == QTime(15, 15)  # 14:00 + the default 75 minutes
    dialog.starts.setDateTime(QDateTime(datetime.combine(world.today, time(9, 30))))
    assert dialog.ends.time() == QTime(10, 45)  # moved with the start
    dialog.ends.setTime(QTime(11, 0))  # the user makes it 90 minutes
    dialog.starts.setDateTime(QDateTime(datetime.combine(world.today, time(13, 0))))
    assert dialog.ends.time() == QTime(14, 30)  # the length the user gave is kept
    dialog.case_search.setText(built.reference)
    dialog.search_button.click()
    dialog.ends.setTime(QTime(12, 0))  # before the start
    dialog.ok_button.click()
    assert page.dialog is dialog and dialog.isVisible()  # nothing created, nothing dropped
    assert "12" not in dialog.banner.label.text() and "13:00" in dialog.banner.label.text()
    assert world.as_("samordnare").meetings.list(case_id=built.case_id) == []


def test_who_may_not_print_sees_why_beside_the_greyed_button(world: World, window_for) -> None:
    built = sspf_case(world)
    meeting = world.as_("samordnare").meetings.create(
        MeetingInput("NATVERKSMOTE", datetime.combine(world.today, time(14)), case_id=built.case_id))
    chair = window_for("samordnare")
    chair.open_meeting(meeting.id)
    editor = chair.pages["meetings"].editor
    assert editor.print_button.isEnabled() and editor.print_reason.isHidden()
    contact = window_for("skola")  # a contact person of the case: reads the protocol, does not print it
    contact.open_meeting(meeting.id)
    editor = contact.pages["meetings"].editor
    assert not editor.print_button.isEnabled() and not editor.print_reason.isHidden()
    assert "Kontaktperson" in editor.print_reason.text() and "skriver ut" in editor.print_reason.text()
