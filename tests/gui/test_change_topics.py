"""Issue 16: a save announces what its service method declares (``@changes``), typed, and
exactly the pages that care about one of those topics read again; a colleague's change on
the server (the poll) still refreshes everything."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import partial

from PySide6.QtWidgets import QApplication

from trygg_desktop.domain.topics import EVERYTHING, Topic
from trygg_desktop.services.base import changes_of
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import MeetingInput

from ..conftest import World
from ..scenarios import sspf_case


def _fresh(window) -> None:
    """Forget that the hidden pages were never shown: only a change makes one stale below."""
    for page in window.pages.values():
        page._stale = False


def test_a_dialogs_save_announces_the_methods_topics_and_only_the_pages_that_care_go_stale(
        world: World, window_for) -> None:
    built = sspf_case(world)
    window = window_for("samordnare")
    window.open_case(built.case_id)
    QApplication.processEvents()
    page = window.pages["case"]
    seen: list[frozenset[Topic]] = []
    window.changed.connect(seen.append)
    _fresh(window)

    page.overview.follow_up_button.click()
    page.dialog.when.edit.setDate(world.today + timedelta(days=90))
    page.dialog.ok_button.click()

    assert seen == [changes_of(window.services.cases.set_follow_up)] == [frozenset({Topic.CASE, Topic.CASES})]
    assert all(isinstance(t, Topic) for t in seen[0])
    assert page.detail.summary.follow_up_date == world.today + timedelta(days=90)   # the shown page read again
    assert window.pages["cases"]._stale and window.pages["dashboard"]._stale         # the case list changed
    assert not window.pages["persons"]._stale                                       # no person changed


def test_a_page_refreshes_after_a_real_mutation_it_cares_about_and_not_after_an_unrelated_one(
        world: World, window_for) -> None:
    built = sspf_case(world)
    window = window_for("samordnare")
    board = window.show_page("dashboard")
    s = window.services
    shown = board.meetings_card.model.rowCount()

    # Someone books a meeting behind the window's back (nothing announced): not shown yet.
    world.as_("samordnare").meetings.create(MeetingInput("UPPFOLJNINGSMOTE", datetime.combine(world.today, time(15)),
                                                         case_id=built.case_id))
    # A journal entry (case, journal) is nothing the overview shows: it does not read again.
    entry = partial(s.journal.add, JournalInput(built.case_id, world.today, "ANTECKNING", "Samtal med mentor"))
    board.mutate(entry, changes_of(entry))
    assert board.meetings_card.model.rowCount() == shown
    # A meeting of its own (meetings) is: it reads again and both meetings appear.
    meeting = partial(s.meetings.create, MeetingInput("UPPFOLJNINGSMOTE", datetime.combine(world.today, time(16)),
                                                      case_id=built.case_id))
    board.mutate(meeting, changes_of(meeting))
    assert board.meetings_card.model.rowCount() == shown + 2


def test_a_colleagues_change_on_the_server_still_refreshes_everything(world: World, window_for, monkeypatch) -> None:
    window = window_for("samordnare")
    seen: list[frozenset[Topic]] = []
    window.changed.connect(seen.append)
    monkeypatch.setattr(window.services, "colleague_changes", lambda: True)
    _fresh(window)
    window.poll_changes()
    assert seen == [EVERYTHING]
    hidden = [p for p in window.pages.values() if not p.isVisible()]
    assert hidden and all(p._stale for p in hidden)
