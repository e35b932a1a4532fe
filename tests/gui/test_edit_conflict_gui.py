"""Two people on one protocol: the editor shows both versions when a colleague saved the same §
first, keeps the user's text, and writes over the colleague's only when the user says so."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from trygg_desktop.services.facade import Services
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.store.models import AgendaItem
from trygg_desktop.ui.dialogs import edit_conflict
from trygg_desktop.ui.dialogs.edit_conflict import EditConflictDialog

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot

COLLEAGUE = "Skolan: närvaron är 70 %."
MINE = "Polisen: inga nya händelser."


def _note(world: World, meeting_id: int) -> str | None:
    with world.db.session() as s:
        return s.scalar(select(AgendaItem.note).where(AgendaItem.meeting_id == meeting_id, AgendaItem.number == 4))


@pytest.fixture
def editing(world: World, window_for):
    """The chair's editor on § 4, with a colleague (the same chair on another PC) saving it first."""
    built = sspf_case(world)
    s = world.as_("samordnare")
    m = s.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 24, 14, 0), case_id=built.case_id))
    page = window_for("samordnare").show_page("meetings")
    page.open_meeting(m.id)
    editor = page.editor
    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda.select(4)
    editor.agenda.note.setPlainText(MINE)
    other = Services(world.db, world.actors["samordnare"], today=world.today)
    item = next(i for i in other.meetings.get(m.id).agenda if i.number == 4)
    other.meetings.set_agenda_item(m.id, 4, item.heading, note=COLLEAGUE, expected_version=item.version)
    return editor, m.id


def _answer(monkeypatch, choice: int, seen: list) -> None:
    def exec_(dialog: EditConflictDialog) -> int:
        seen.append([(saved.toPlainText(), mine.toPlainText()) for saved, mine in dialog.views])
        screenshot(dialog, "edit_conflict_dialog")
        dialog.choice = choice
        return 1
    monkeypatch.setattr(EditConflictDialog, "exec", exec_)


def test_keep_editing_shows_both_and_overwrites_nothing(world: World, editing, monkeypatch) -> None:
    editor, meeting_id = editing
    seen: list = []
    _answer(monkeypatch, edit_conflict.KEEP_EDITING, seen)
    editor.agenda.save()
    assert seen and seen[0][1] == (COLLEAGUE, MINE)              # the note: saved beside mine
    assert _note(world, meeting_id) == COLLEAGUE                 # nothing of mine was written
    assert editor.agenda.note.toPlainText() == MINE and editor.agenda.dirty
    assert editor.banner.kind == "warning"
    editor.agenda.note.setPlainText(f"{COLLEAGUE}\n{MINE}")      # merged by hand, saved on top of theirs
    editor.agenda.save()
    assert _note(world, meeting_id) == f"{COLLEAGUE}\n{MINE}" and not editor.agenda.dirty


def test_use_the_saved_text(world: World, editing, monkeypatch) -> None:
    editor, meeting_id = editing
    _answer(monkeypatch, edit_conflict.TAKE_SAVED, [])
    editor.agenda.save()
    assert editor.agenda.note.toPlainText() == COLLEAGUE and not editor.agenda.dirty
    assert _note(world, meeting_id) == COLLEAGUE


def test_save_mine_over_it_knowingly(world: World, editing, monkeypatch) -> None:
    editor, meeting_id = editing
    _answer(monkeypatch, edit_conflict.SAVE_MINE, [])
    editor.agenda.save()
    assert _note(world, meeting_id) == MINE and not editor.agenda.dirty


def test_a_follow_up_date_a_colleague_set_meanwhile_is_shown_and_replaced_only_on_a_second_save(
        world: World, window_for) -> None:
    """The case dialogs give back the case's version (0018): the first save after a colleague's
    writes nothing and says what is saved now; the page behind is read again; saving again
    replaces it knowingly."""
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication
    built = sspf_case(world)
    window = window_for("samordnare")
    window.open_case(built.case_id)
    QApplication.processEvents()
    page = window.pages["case"]
    page.overview.follow_up_button.click()
    dialog = page.dialog
    dialog.when.edit.setDate(world.today + timedelta(days=90))
    colleague = Services(world.db, world.actors["samordnare"], today=world.today)
    theirs = world.today + timedelta(days=30)
    colleague.cases.set_follow_up(built.case_id, theirs, expected_version=colleague.case_view.open(built.case_id).version)
    dialog.ok_button.click()
    assert page.dialog is dialog and dialog.isVisible()          # not saved, still open with the user's date
    assert dialog.banner.isVisible() and str(theirs) in dialog.banner.label.text()
    assert "inget skrevs över" in dialog.banner.label.text()      # said in Swedish
    assert page.detail.summary.follow_up_date == theirs           # the page read the case again
    screenshot(dialog, "follow_up_conflict")
    dialog.ok_button.click()
    assert page.dialog is None
    assert page.detail.summary.follow_up_date == world.today + timedelta(days=90)


def test_a_stale_status_change_cannot_be_saved_again_from_the_same_dialog(world: World, window_for) -> None:
    """Which statuses come next depends on the status that changed: the dialog asks to be opened again."""
    from PySide6.QtWidgets import QApplication
    built = sspf_case(world)
    window = window_for("samordnare")
    window.open_case(built.case_id)
    QApplication.processEvents()
    page = window.pages["case"]
    page.status_button.click()
    dialog = page.dialog
    colleague = Services(world.db, world.actors["samordnare"], today=world.today)
    colleague.cases.set_follow_up(built.case_id, world.today, expected_version=page.detail.version)
    dialog.target.setCurrentIndex(max(dialog.target.findData(page.detail.allowed_transitions[0]), 0))
    dialog.note.setPlainText("Skäl")
    if dialog.confirm_box is not None and dialog.confirm_box.isVisible():
        dialog.confirm_box.setChecked(True)
    if dialog.reason.isVisible():
        dialog.reason.setCurrentIndex(1)
    status_before = page.detail.summary.status
    dialog.ok_button.click()
    assert page.dialog is dialog and not dialog.ok_button.isEnabled()
    assert "Avbryt" in dialog.banner.label.text()
    assert colleague.case_view.open(built.case_id).summary.status == status_before
