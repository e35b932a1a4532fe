"""Backup and restore in the UI (R22), the damaged-database unlock (R29), the
network-path refusal (R28) and the automatic backup on close, through real
widgets, real services and real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from trygg_desktop.app import DesktopSession
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.backup_files import default_backup_dir, list_backups, newest_backup
from trygg_desktop.services.database import unlock
from trygg_desktop.store import netpath
from trygg_desktop.ui.dialogs import restore_dialog
from trygg_desktop.ui.dialogs.first_run import RESTORE, FirstRunDialog
from trygg_desktop.ui.integrity_text import network_refusal_text
from trygg_desktop.ui.unlock import UnlockDialog

from ..conftest import ADMIN_PASSWORD, PASSWORD, World
from .conftest import screenshot

PAGE = 4096


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """settings.ini goes here, not into the real user folder."""
    folder = tmp_path / "userdata"
    folder.mkdir()
    monkeypatch.setenv("TRYGG_DATA_DIR", str(folder))
    return folder


def _unlock_fn(world: World):
    return lambda path, user, pw, **kw: unlock(path, user, pw, throttle=world.throttle(), **kw)


def _damage_last_page(path: Path) -> None:
    pages = path.stat().st_size // PAGE
    with open(path, "r+b") as fh:
        fh.seek((pages - 1) * PAGE + 1500)
        byte = fh.read(1)[0]
        fh.seek((pages - 1) * PAGE + 1500)
        fh.write(bytes([byte ^ 0x08]))


def test_file_menu(world: World, window_for, qtbot) -> None:
    window = window_for("samordnare")
    menu = window.file_menu
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert actions == [window.backup_action, window.restore_action, window.lock_action, window.quit_action]
    assert window.lock_action.text().endswith("\tCtrl+L")
    with qtbot.waitSignal(window.lock_requested, timeout=1000):
        window.lock_action.trigger()
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    screenshot(menu, "file_menu")
    menu.close()


def test_backup_now_writes_an_encrypted_backup(world: World, window_for, qtbot) -> None:
    window = window_for("samordnare")
    dialog = window.backup_now()
    qtbot.addWidget(dialog)
    assert dialog.target.text() == str(default_backup_dir(world.path))
    screenshot(dialog, "backup_dialog")
    dialog.backup_button.click()
    info = dialog.result_info
    assert info is not None and info.path.parent == default_backup_dir(world.path) and info.size > 0
    assert dialog.banner.isVisible() and dialog.banner.kind == "success" \
        and str(info.path) in dialog.banner.label.text().replace("\u200b", "")
    assert not info.path.read_bytes().startswith(b"SQLite format 3")
    assert [b.path for b in list_backups(world.path)] == [info.path]
    qtbot.wait(20)
    screenshot(dialog, "backup_dialog_done")
    dialog.close()


def test_backup_to_an_existing_file_is_refused(world: World, window_for, qtbot, tmp_path: Path) -> None:
    window = window_for("samordnare")
    dialog = window.backup_now()
    qtbot.addWidget(dialog)
    taken = tmp_path / "taken.tdbk"
    taken.write_bytes(b"x")
    dialog.target.setText(str(taken))
    dialog.backup_button.click()
    assert dialog.result_info is None and dialog.banner.kind == "warning"
    assert taken.read_bytes() == b"x"
    dialog.close()


def test_restore_from_the_menu(world: World, window_for, qtbot, data_dir: Path) -> None:
    made = world.as_("admin").backup.create()
    window = window_for("samordnare")
    dialog = window.restore_from_backup()
    qtbot.addWidget(dialog)
    assert dialog.known.count() == 1 and Path(dialog.source.text()) == made.path
    dest = Path(dialog.dest.text())
    assert not dest.exists() and dest.parent == world.path.parent
    # An existing database is never a target.
    dialog.dest.setText(str(world.path))
    dialog.username.setText("admin")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.restore_button.click()
    assert dialog.report is None and dialog.banner.kind == "warning"
    # A wrong password: refused, nothing written.
    dialog.dest.setText(str(dest))
    dialog.password.setText("not the password")
    dialog.restore_button.click()
    assert dialog.report is None and dialog.banner.kind == "error"
    assert not dest.exists() and not key_file_for(dest).exists()
    dialog.password.setText(ADMIN_PASSWORD)
    screenshot(dialog, "restore_dialog")
    dialog.restore_button.click()
    assert dialog.report is not None and dialog.report.path == dest
    assert dest.exists() and key_file_for(dest).exists()
    assert dialog.open_button.isVisible() and dialog.banner.kind == "success"
    qtbot.wait(20)
    screenshot(dialog, "restore_dialog_done")
    dialog.open_button.click()
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("last_database") == str(dest)
    db, _ = unlock(dest, "samordnare", PASSWORD, throttle=world.throttle())  # every user works in the copy
    db.close()


def test_restore_refuses_a_network_destination(world: World, window_for, qtbot,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    made = world.as_("admin").backup.create()
    monkeypatch.setattr(restore_dialog, "is_network_path", lambda path, platform=None: "cifs")
    window = window_for("samordnare")
    dialog = window.restore_from_backup()
    qtbot.addWidget(dialog)
    dialog.select_source(made.path)
    dialog.by_code.setChecked(True)
    assert not dialog.username.isVisible() and dialog.code.isVisible()
    dialog.code.setText("0" * 26)
    dialog.restore_button.click()
    assert dialog.report is None and dialog.banner.label.text() == network_refusal_text()
    # It names the way to work from several computers that exists now: server mode.
    assert "--server" in network_refusal_text() and "planned" not in network_refusal_text()
    dialog.close()


def test_damaged_database_unlock_offers_the_newest_backup(world: World, sync_executor, qtbot) -> None:
    world.as_("admin").backup.create()
    newest = newest_backup(world.path)
    world.db.close()
    _damage_last_page(world.path)
    damaged_bytes = world.path.read_bytes()
    dialog = UnlockDialog(world.path, _unlock_fn(world), sync_executor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("admin")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.attempt()
    assert dialog.result_value is None and dialog.isVisible()
    text = dialog.banner.label.text().replace("\u200b", "")  # paths may wrap at zero-width spaces
    local = newest.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert dialog.banner.kind == "error" and local in text and str(newest.path) in text
    assert dialog.restore_button.isVisible()
    qtbot.wait(20)
    screenshot(dialog, "unlock_damaged")
    dialog.restore_button.click()
    restore = dialog.restore_dialog
    assert restore is not None and Path(restore.source.text()) == newest.path
    restore.username.setText("admin")
    restore.password.setText(ADMIN_PASSWORD)
    restore.restore_button.click()
    assert restore.report is not None
    restored = restore.report.path
    restore.open_button.click()
    assert dialog.db_path == restored and dialog.banner.kind == "success"
    assert not dialog.restore_button.isVisible()
    assert world.path.read_bytes() == damaged_bytes, "the damaged file is left for IT"
    dialog.password.setText(PASSWORD)
    dialog.username.setText("samordnare")
    dialog.attempt()
    db, actor = dialog.result_value
    assert db.path == restored and actor.username == "samordnare"
    db.close()


def test_damaged_database_without_backups_says_so(world: World, sync_executor, qtbot) -> None:
    world.db.close()
    _damage_last_page(world.path)
    dialog = UnlockDialog(world.path, _unlock_fn(world), sync_executor)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.attempt()
    text = dialog.banner.label.text().replace("\u200b", "")
    assert dialog.banner.kind == "error" and str(default_backup_dir(world.path)) in text
    assert dialog.restore_button.isVisibleTo(dialog)


def test_network_path_is_refused_in_the_unlock_dialog(world: World, sync_executor, qtbot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    world.db.close()
    monkeypatch.setattr(netpath, "is_network_path", lambda path, platform=None: "nfs4")
    dialog = UnlockDialog(world.path, _unlock_fn(world), sync_executor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("admin")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.attempt()
    assert dialog.result_value is None
    assert dialog.banner.label.text() == network_refusal_text() and not dialog.restore_button.isVisible()
    qtbot.wait(20)
    screenshot(dialog, "unlock_network_path")


def test_first_run_restore_choice(world: World, sync_executor, qtbot) -> None:
    made = world.as_("admin").backup.create()
    dialog = FirstRunDialog(executor=sync_executor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.restore_choice.setChecked(True)
    assert dialog.panes[RESTORE].isVisible() and not dialog.panes[0].isVisible()
    qtbot.wait(20)
    screenshot(dialog, "first_run_restore")
    dialog.go_button.click()
    restore = dialog.restore_dialog
    assert restore is not None and restore.known.count() == 0  # no database known yet
    restore.source.setText(str(made.path))
    target = world.path.parent / "from-backup.db"
    restore.dest.setText(str(target))
    restore.username.setText("admin")
    restore.password.setText(ADMIN_PASSWORD)
    restore.restore_button.click()
    restore.open_button.click()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted and dialog.chosen_path == target


def test_automatic_backup_on_close_not_on_lock(world: World, sync_executor, qtbot, data_dir: Path) -> None:
    QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat).setValue("backup/keep", 1)
    world.db.close()
    session = DesktopSession(world.path, sync_executor, unlock_fn=_unlock_fn(world), autolock_minutes=5)
    dialog = session.start()
    qtbot.addWidget(dialog)
    dialog.username.setText("samordnare")
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    assert session.window is not None
    assert session.lock(manual=False)
    assert list_backups(world.path) == [], "a lock makes no backup"
    first = None
    for _ in range(2):
        session.dialog.username.setText("samordnare")
        session.dialog.password.setText(PASSWORD)
        session.dialog.attempt()
        window = session.window
        window.close()  # the window's close button / File → Quit
        QApplication.processEvents()
        assert session.db is not None
        session.lock(manual=False)
        first = first or list_backups(world.path)[0].path
    backups = list_backups(world.path)
    assert len(backups) == 1 and backups[0].reason == "auto_close", "keep = 1 from settings"
    assert backups[0].path != first, "the older automatic backup was pruned"
    session.dialog.close()


def test_instance_lock_follows_a_database_restored_at_unlock(world: World, sync_executor, qtbot) -> None:
    """After "Restore from backup…" on the unlock screen the session works on the new
    file, so the single-instance lock must guard that file (and free the damaged one)."""
    from trygg_desktop.app import acquire_instance_lock
    from trygg_desktop.services.restore import restore_backup
    made = world.as_("admin").backup.create()
    world.db.close()
    restored = world.path.parent / "restored-here.db"
    restore_backup(made.path, restored, username="admin", password=ADMIN_PASSWORD)
    session = DesktopSession(world.path, sync_executor, unlock_fn=_unlock_fn(world), autolock_minutes=5)
    session.instance_lock = acquire_instance_lock(world.path)
    assert session.instance_lock is not None
    session._open(unlock(restored, "samordnare", PASSWORD, throttle=world.throttle()))
    try:
        assert session.db_path == restored
        assert acquire_instance_lock(restored) is None, "the restored file is now guarded"
        old = acquire_instance_lock(world.path)
        assert old is not None, "the damaged file's lock was released"
        old.unlock()
    finally:
        session.lock()
        session.instance_lock.unlock()
        if session.dialog is not None:
            session.dialog.close()


def test_damage_found_by_the_background_check_locks_and_guides(world: World, sync_executor, qtbot) -> None:
    """The window opens at once; the whole-file check runs behind it and, on damage, locks
    the session and shows the guided restore on the unlock screen (R29)."""
    made = world.as_("admin").backup.create()
    world.db.close()
    _damage_last_page(world.path)
    session = DesktopSession(world.path, sync_executor, unlock_fn=_unlock_fn(world), autolock_minutes=5)
    dialog = session.start()
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.attempt()
    assert session.health_check is not None
    qtbot.waitUntil(lambda: session.window is None, timeout=15_000)
    assert session.db is None and session.dialog is not None
    text = session.dialog.banner.label.text().replace("\u200b", "")
    assert session.dialog.banner.kind == "error" and made.path.name in text
    assert session.dialog.restore_button.isVisibleTo(session.dialog)
    session.dialog.close()
