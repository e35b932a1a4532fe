"""DESIGN.md §4 "ask about unsaved edits": a manual lock (Ctrl+L, the Lock button)
asks when an agenda item is edited but not saved; an idle lock never asks."""

from __future__ import annotations

import pytest

import trygg_desktop.app as app_module
from trygg_desktop.app import DesktopSession
from trygg_desktop.services.database import unlock

from ..conftest import PASSWORD, World


def _session_with_dirty_agenda(world: World, qtbot, sync_executor, now: list[float]) -> DesktopSession:
    world.db.close()
    session = DesktopSession(world.path, sync_executor, autolock_minutes=5, clock=lambda: now[0],
                             unlock_fn=lambda p, u, pw, **kw: unlock(p, u, pw, throttle=world.throttle(), **kw))
    dialog = session.start()
    qtbot.addWidget(dialog)
    dialog.username.setText("samordnare")
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    assert session.window is not None
    assert not session.window.has_unsaved_edits()
    page = session.window.show_page("meetings")
    page.new_meeting()
    page.dialog.group_radio.setChecked(True)
    page.dialog.place.setText("Kommunhuset")
    page.dialog.ok_button.click()
    editor = page.editor
    assert editor.meeting is not None and not editor.has_unsaved_edits()
    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda.select(editor.agenda.model.rows[0].number)
    editor.agenda.note.setPlainText("Ett osparat utkast.")
    assert editor.has_unsaved_edits() and session.window.has_unsaved_edits()
    return session


def _finish(session: DesktopSession) -> None:
    if session.window is not None:
        session.lock()
    session.dialog.close()


def test_manual_lock_asks_about_unsaved_edits(world: World, qtbot, sync_executor, monkeypatch) -> None:
    now = [1000.0]
    session = _session_with_dirty_agenda(world, qtbot, sync_executor, now)
    asked: list[object] = []
    monkeypatch.setattr(app_module, "confirm_discard", lambda parent: asked.append(parent) or False)
    session.window.lock_requested.emit()  # Ctrl+L / the Lock button
    assert asked and session.window is not None and session.db is not None, "Cancel keeps the session open"
    assert session.window.pages["meetings"].editor.has_unsaved_edits(), "the edit is still there"

    monkeypatch.setattr(app_module, "confirm_discard", lambda parent: asked.append(parent) or True)
    session.window.lock_requested.emit()
    assert len(asked) == 2 and session.window is None and session.db is None
    assert session.dialog is not None and session.dialog.isVisible()
    _finish(session)


def test_idle_lock_never_asks(world: World, qtbot, sync_executor, monkeypatch) -> None:
    now = [1000.0]
    session = _session_with_dirty_agenda(world, qtbot, sync_executor, now)
    monkeypatch.setattr(app_module, "confirm_discard", lambda parent: pytest.fail("an idle lock must not ask"))
    now[0] += 5 * 60 + 1
    assert session.autolock.check()
    assert session.window is None and session.db is None
    _finish(session)


def test_manual_lock_without_edits_does_not_ask(world: World, qtbot, sync_executor, monkeypatch) -> None:
    world.db.close()
    session = DesktopSession(world.path, sync_executor, autolock_minutes=5,
                             unlock_fn=lambda p, u, pw, **kw: unlock(p, u, pw, throttle=world.throttle(), **kw))
    dialog = session.start()
    qtbot.addWidget(dialog)
    dialog.username.setText("samordnare")
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    monkeypatch.setattr(app_module, "confirm_discard", lambda parent: pytest.fail("nothing to ask about"))
    session.window.lock_requested.emit()
    assert session.window is None
    _finish(session)


def test_health_check_runs_in_the_background_once_per_session(world: World, qtbot, sync_executor) -> None:
    """R29's quick_check costs seconds on a large file: the unlock skips it and the session
    runs it once, on its own thread, after the window is shown; re-unlocks do not repeat it."""
    world.db.close()
    calls: list[bool] = []

    def fn(p, u, pw, **kw):
        calls.append(kw.get("health_check", True))
        return unlock(p, u, pw, throttle=world.throttle(), **kw)
    session = DesktopSession(world.path, sync_executor, autolock_minutes=5, unlock_fn=fn)
    dialog = session.start()
    qtbot.addWidget(dialog)
    checks = []
    for _ in range(2):
        session.dialog.username.setText("samordnare")
        session.dialog.password.setText(PASSWORD)
        session.dialog.attempt()
        assert session.window is not None
        checks.append(session.health_check)
        session.health_check.wait(10_000)
        qtbot.wait(20)
        assert session.window is not None, "a healthy file keeps the session open"
        assert session.db.health_checked, "a backup in this session then skips the live quick_check"
        session.lock()
    assert calls == [False, False]
    assert checks[0] is not None and checks[1] is checks[0], "one background check per session"
    session.dialog.close()
