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
