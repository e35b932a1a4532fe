"""Unlock, navigation per role, and the lock sequence, through real widgets."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from PySide6.QtCore import Qt

from trygg_desktop.app import DesktopSession
from trygg_desktop.services.database import unlock
from trygg_desktop.ui.tasks import Executor
from trygg_desktop.ui.unlock import UnlockDialog

from ..conftest import PASSWORD, World
from ..scenarios import sspf_case
from .conftest import screenshot


def _texts_containing(needle: str) -> list[str]:
    """Every text any live widget shows or holds (labels, inputs, item views)."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit
    found = []
    for w in QApplication.allWidgets():
        texts = []
        if isinstance(w, (QLabel, QLineEdit)):
            texts.append(w.text())
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            texts.append(w.toPlainText())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            try:
                rows, cols = m.rowCount(QModelIndex()), m.columnCount(QModelIndex())
            except TypeError:  # list models hide columnCount
                rows, cols = m.rowCount(QModelIndex()), 1
            for r in range(rows):
                for c in range(cols):
                    texts.append(str(m.data(m.index(r, c))))
        found += [t for t in texts if needle in t]
    return found


def world_on(session: DesktopSession) -> World:
    """A World view of the session's open database, for the scenario builders."""
    from sqlalchemy import select
    from trygg_desktop.services.database import actor_for
    from trygg_desktop.store.models import Unit, User
    with session.db.session() as s:
        actors = {u.username: actor_for(u) for u in s.scalars(select(User))}
        units = {u.name: u.id for u in s.scalars(select(Unit))}
    return World(path=session.db_path, db=session.db, actors=actors, units=units, state_dir=session.db_path.parent)


def _unlock_fn(world: World):
    return lambda path, user, pw, **kw: unlock(path, user, pw, throttle=world.throttle(), **kw)


def test_unlock_runs_off_the_ui_thread_and_reports_wrong_password(world: World, qtbot) -> None:
    world.db.close()
    executor = Executor()  # the real worker thread: Argon2 must not block the UI
    dialog = UnlockDialog(world.path, _unlock_fn(world), executor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "skola")
    qtbot.keyClicks(dialog.password, "fel losenord")  # QTest types ASCII only
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() or dialog.banner.isVisible()
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10_000)
    assert dialog.banner.kind == "error" and dialog.banner.label.text()
    assert dialog.password.text() == ""
    screenshot(dialog, "unlock_wrong_password")
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000) as blocker:
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    db, actor = blocker.args[0]
    assert actor.username == "skola"
    db.close()


def test_throttling_shows_a_countdown_and_disables_unlock(world: World, qtbot, sync_executor) -> None:
    world.db.close()
    dialog = UnlockDialog(world.path, _unlock_fn(world), sync_executor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("skola")
    for _ in range(6):
        dialog.password.setText("fel lösenord")
        dialog.attempt()
    assert not dialog.unlock_button.isEnabled()
    assert dialog.banner.kind == "warning" and "30" in dialog.banner.label.text()
    screenshot(dialog, "unlock_throttled")


def test_demo_unlock_screen_lists_the_accounts(world: World, qtbot, sync_executor) -> None:
    world.db.close()
    dialog = UnlockDialog(world.path, _unlock_fn(world), sync_executor,
                          demo_accounts=[("samordnare", "Socialtjänst", "SSPF-samordnare")], demo_password="pw")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.demo_table.cellClicked.emit(0, 0)
    assert dialog.username.text() == "samordnare" and dialog.password.text() == "pw"
    screenshot(dialog, "unlock_demo")


@pytest.mark.parametrize("username,expected", [
    ("samordnare", ["Översikt", "Ärenden", "Personer", "Möten", "Uppföljning"]),  # their own kind's statistics
    ("admin", ["Användare", "Gallring"]),  # gallring: rules and the dry run, metadata only
    ("granskare", ["Logg"]),
    ("styrgrupp", ["Uppföljning"]),  # aggregates only: no case pages
])
def test_navigation_follows_the_role(window_for, username: str, expected: list[str]) -> None:
    window = window_for(username)
    shown = [window.nav.item(i).text() for i in range(window.nav.count()) if not window.nav.item(i).isHidden()]
    assert shown == expected
    assert username in window.user_label.text() or username.capitalize() in window.user_label.text()


def test_idle_lock_disposes_the_engine_wipes_the_key_and_empties_views(world: World, qtbot, sync_executor) -> None:
    world.db.close()
    now = [1000.0]
    session = DesktopSession(world.path, sync_executor, unlock_fn=_unlock_fn(world), autolock_minutes=5,
                             clock=lambda: now[0])
    dialog = session.start()
    qtbot.addWidget(dialog)
    dialog.username.setText("samordnare")
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    assert session.window is not None and session.db is not None
    db = session.db
    # Show personal data on screen: open a case and the case list.
    built = sspf_case(world_on(session), first="Lovisa", last="Låsdóttir", born=date(2011, 2, 3))
    session.window.open_case(built.case_id)
    assert _texts_containing("Låsdóttir"), "the case view shows the name before the lock"
    now[0] += 4 * 60
    assert not session.autolock.check()  # 4 minutes: still open
    now[0] += 61
    assert session.autolock.check()
    assert session.window is None and session.db is None
    assert db.key.wiped, "the database key buffer is zeroed"
    gc.collect()
    import sqlcipher3.dbapi2 as sqlcipher
    open_connections = [o for o in gc.get_objects() if isinstance(o, sqlcipher.Connection)]
    for conn in open_connections:  # any surviving object must be closed
        with pytest.raises(sqlcipher.ProgrammingError):
            conn.execute("SELECT 1")
    assert not _texts_containing("Låsdóttir"), "no widget holds the name after the lock"
    assert session.dialog is not None and session.dialog.isVisible()
    assert session.dialog.username.text() == "samordnare" and session.dialog.password.text() == ""
    session.dialog.close()


def test_admin_cannot_open_a_case(world: World, window_for) -> None:
    built = sspf_case(world)
    window = window_for("admin")
    assert "case" not in window.pages
    window.open_case(built.case_id)  # no page to open it in
    from trygg_desktop.domain.errors import AccessDenied
    with pytest.raises(AccessDenied):
        world.as_("admin").case_view.open(built.case_id)


def test_a_second_window_on_the_same_database_is_refused(world: World) -> None:
    from trygg_desktop.app import acquire_instance_lock
    first = acquire_instance_lock(world.path)
    assert first is not None
    try:
        assert acquire_instance_lock(world.path) is None, "a second opener must get the 'already open' message"
    finally:
        first.unlock()
    again = acquire_instance_lock(world.path)
    assert again is not None
    again.unlock()
