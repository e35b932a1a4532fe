"""Encrypted backups (services/backup.py, services/restore.py, cli/backup.py): round trip, API, CLI.

The main property: a backup restored to a new path exports (ExchangeService) to
the same document as the original, and the restored pair (db + key file) opens
for every user with their own password and with the recovery code.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from trygg_desktop.cli import main
from trygg_desktop.domain.errors import (EXIT_AUTH, EXIT_INTEGRITY, EXIT_INVALID, EXIT_OK, IntegrityFailure,
                                         ValidationError, WrongPassword)
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.backup import DEFAULT_KEEP, auto_backup
from trygg_desktop.services.backup_files import SUFFIX, default_backup_dir, list_backups, newest_backup
from trygg_desktop.services.database import unlock, unlock_with_recovery
from trygg_desktop.services.facade import Services
from trygg_desktop.services.restore import restore_backup, verify_backup
from trygg_desktop.store.engine import DatabaseDamaged, KeyHolder, checkpoint, cipher_integrity_check, raw_connect
from trygg_desktop.store.migrate import prune_pre_migration_copies
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.vault.kdf import FLOOR
from trygg_desktop.vault.recovery import new_recovery_code

from ..conftest import ADMIN_PASSWORD, PASSWORD, USERS, World
from ..scenarios import restricted_case, sspf_case


def give_recovery_code(world: World) -> str:
    """The template's recovery code is not kept; set a known one (as a new recovery sheet would)."""
    code = new_recovery_code()
    keyfile = world.db.load_keyfile()
    dek = world.db.key.copy()
    keyfile.add_recovery_slot(code, dek, FLOOR)
    keyfile.save(world.db.key_path)
    return code


def _export(services: Services) -> dict:
    doc = services.exchange.export()
    doc.pop("exported_at", None)
    return doc


def _events(db, action: str) -> list[AuditEvent]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def populated(world: World) -> World:
    sspf_case(world)
    sspf_case(world, first="Noah", last="Lind", consent="NONE")
    restricted_case(world)
    return world


def test_round_trip_equals_export_and_every_user_opens(populated: World, tmp_path: Path) -> None:
    world = populated
    code = give_recovery_code(world)
    admin = world.as_("admin")
    before = _export(admin)
    info = world.as_("socialsekreterare").backup.create()  # any logged-in user may back up
    assert info.path.parent == default_backup_dir(world.path) == world.path.parent / "case.db.backups"
    assert info.path.suffix == SUFFIX and info.reason == "manual" and info.size == info.path.stat().st_size
    assert info.recipients == 2  # the one admin + the recovery slot
    created = _events(world.db, "BACKUP_CREATED")
    assert len(created) == 1 and json.loads(created[0].detail)["reason"] == "manual"
    assert set(json.loads(created[0].detail)) == {"reason", "size", "seconds"}

    dest = tmp_path / "restored" / "case.db"
    dest.parent.mkdir()
    report = restore_backup(info.path, dest, username="admin", password=ADMIN_PASSWORD)
    assert report.path == dest and key_file_for(dest).exists() and report.db_uuid == world.db.db_uuid
    for username in USERS:  # every user, own password
        db, actor = unlock(dest, username, PASSWORD, throttle=world.throttle())
        db.close()
    db = unlock_with_recovery(dest, code)
    db.close()
    db, actor = unlock(dest, "admin", ADMIN_PASSWORD, throttle=world.throttle())
    try:
        assert cipher_integrity_check(db.engine) == []
        assert _export(Services(db, actor)) == before
        restored = _events(db, "BACKUP_RESTORED")
        assert len(restored) == 1 and restored[0].username == "admin"
        report = Services(db, actor).integrity.verify()
        assert report.ok
    finally:
        db.close()


def test_restore_with_recovery_code_and_verify(world: World, tmp_path: Path) -> None:
    code = give_recovery_code(world)
    info = world.as_("admin").backup.create(tmp_path / "explicit.tdbk")
    assert info.path == tmp_path / "explicit.tdbk"
    checked = verify_backup(info.path, recovery_code=code)
    assert checked.db_uuid == world.db.db_uuid and checked.events > 0 and checked.reason == "manual"
    assert verify_backup(info.path, username="admin", password=ADMIN_PASSWORD).ok
    dest = tmp_path / "r.db"
    restore_backup(info.path, dest, recovery_code=code.lower().replace("-", " "))
    db = unlock_with_recovery(dest, code)
    try:
        event = _events(db, "BACKUP_RESTORED")[0]
        assert event.username is None and "RECOVERY_CODE" in event.flags
    finally:
        db.close()


def test_non_admin_and_wrong_credentials_leave_nothing(world: World, tmp_path: Path) -> None:
    info = world.as_("admin").backup.create()
    target = tmp_path / "out"
    target.mkdir()
    for kwargs in ({"username": "samordnare", "password": PASSWORD},  # not an admin: not a recipient
                   {"username": "admin", "password": "wrong password!"},
                   {"username": "nobody", "password": ADMIN_PASSWORD}):
        with pytest.raises(WrongPassword) as exc:
            restore_backup(info.path, target / "r.db", **kwargs)
        assert exc.value.code == "auth.wrong_password"
        assert list(target.iterdir()) == []
    with pytest.raises(WrongPassword) as exc:
        restore_backup(info.path, target / "r.db", recovery_code=new_recovery_code())
    assert exc.value.code == "auth.wrong_recovery_code"
    with pytest.raises(ValidationError) as bad:
        restore_backup(info.path, target / "r.db", recovery_code="not a code")
    assert bad.value.code == "recovery.format"
    with pytest.raises(ValidationError) as bad:
        restore_backup(info.path, target / "r.db")
    assert bad.value.code == "backup.credentials"
    with pytest.raises(WrongPassword):
        verify_backup(info.path, username="admin", password="wrong password!")
    assert list(target.iterdir()) == []


def test_dest_exists_is_refused_and_untouched(world: World, tmp_path: Path) -> None:
    info = world.as_("admin").backup.create()
    before = _files(world.path.parent)
    for dest in (world.path, tmp_path / "only-keys.db"):
        if dest != world.path:
            key_file_for(dest).write_bytes(b"someone else's key file")
        with pytest.raises(ValidationError) as exc:
            restore_backup(info.path, dest, username="admin", password=ADMIN_PASSWORD)
        assert exc.value.code == "backup.dest_exists"
    assert _files(world.path.parent) == before
    assert key_file_for(tmp_path / "only-keys.db").read_bytes() == b"someone else's key file"
    assert not (tmp_path / "only-keys.db").exists()
    with pytest.raises(ValidationError) as exc:
        restore_backup(info.path, tmp_path / "no" / "such" / "r.db", username="admin", password=ADMIN_PASSWORD)
    assert exc.value.code == "backup.no_folder"


def test_create_refuses_existing_out_and_bad_reason(world: World, tmp_path: Path) -> None:
    existing = tmp_path / "x.tdbk"
    existing.write_bytes(b"keep me")
    service = world.as_("admin").backup
    with pytest.raises(ValidationError) as exc:
        service.create(existing)
    assert exc.value.code == "backup.out_exists" and existing.read_bytes() == b"keep me"
    with pytest.raises(ValidationError):
        service.create(reason="whenever")
    with pytest.raises(ValidationError) as exc:
        service.create(tmp_path / "missing" / "b.tdbk")
    assert exc.value.code == "backup.no_folder"
    info = service.create(tmp_path)  # an existing folder: a stamped name inside it
    assert info.path.parent == tmp_path and info.path.name.startswith("case-") and info.path.suffix == SUFFIX


def _damage(world: World) -> None:
    checkpoint(world.db.engine)
    data = bytearray(world.path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[5 * page + 200 : 5 * page + 216] = os.urandom(16)
    world.path.write_bytes(bytes(data))


def test_damaged_live_database_is_not_backed_up(world: World) -> None:
    _damage(world)
    with pytest.raises(DatabaseDamaged) as exc:
        world.as_("admin").backup.create()
    assert exc.value.exit_code == EXIT_INTEGRITY
    assert not default_backup_dir(world.path).exists() or not any(default_backup_dir(world.path).iterdir())
    assert auto_backup(world.db, world.actors["admin"], 3) is None  # the close hook never raises


def _count_whole_file_checks(monkeypatch) -> list[str]:
    """Every whole-file check backup and verify run: on the live engine (the store helpers)
    and on the copies (the PRAGMAs sent on ``check_copy``'s raw connections)."""
    import trygg_desktop.services.backup as backup_module

    seen: list[str] = []
    for name in ("cipher_integrity_check", "quick_check"):
        real = getattr(backup_module, name)
        monkeypatch.setattr(backup_module, name, lambda engine, real=real, name=name: (
            seen.append(f"live {name}"), real(engine))[1])
    real_connect = backup_module.raw_connect

    def traced(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(lambda sql: seen.append("copy " + sql.removeprefix("PRAGMA ").strip())
                                if sql.startswith("PRAGMA") and "check" in sql else None)
        return conn
    monkeypatch.setattr(backup_module, "raw_connect", traced)
    return seen


def test_backup_and_verify_check_each_file_once(world: World, monkeypatch) -> None:
    """Issue 16: every whole-file pass costs seconds at XL. The live file gets
    cipher_integrity_check (every page's HMAC, free pages too) plus quick_check only while
    this session has not passed one; the exported copy and verify's copy one quick_check each
    (reading a page checks its HMAC; a fresh export has no free pages)."""
    code = give_recovery_code(world)
    seen = _count_whole_file_checks(monkeypatch)
    service = world.as_("admin").backup
    world.db.health_checked = False  # e.g. the app's background check has not finished yet
    service.create()
    assert seen == ["live cipher_integrity_check", "live quick_check", "copy quick_check"]
    assert world.db.health_checked, "the backup's own quick_check counts for the session"
    seen.clear()
    info = service.create()
    assert seen == ["live cipher_integrity_check", "copy quick_check"]
    seen.clear()
    assert verify_backup(info.path, recovery_code=code).ok
    assert seen == ["copy quick_check"]


def test_damage_after_the_sessions_check_still_stops_the_backup(world: World) -> None:
    """The session's quick_check passed at the unlock; a page damaged afterwards is still
    found by the live cipher_integrity_check, and the session's mark is cleared."""
    assert world.db.health_checked
    _damage(world)
    with pytest.raises(DatabaseDamaged) as exc:
        world.as_("admin").backup.create()
    assert exc.value.params["problems"] and not world.db.health_checked
    assert not default_backup_dir(world.path).exists() or not any(default_backup_dir(world.path).iterdir())


def test_damaged_export_is_refused(world: World, monkeypatch) -> None:
    """Damage in the exported copy (a disk error between writing and reading it) is caught by
    its one quick_check: no backup is written and the temporary export is removed."""
    import trygg_desktop.services.backup as backup_module

    real_export = backup_module.export_encrypted
    exports: list[Path] = []

    def damaging_export(engine, target, dek):
        real_export(engine, target, dek)
        exports.append(target)
        data = bytearray(target.read_bytes())
        page = 4096
        data[7 * page + 300 : 7 * page + 316] = os.urandom(16)
        target.write_bytes(bytes(data))
    monkeypatch.setattr(backup_module, "export_encrypted", damaging_export)
    with pytest.raises(IntegrityFailure) as exc:
        world.as_("admin").backup.create()
    assert exc.value.code == "backup.copy_damaged" and exc.value.params["problems"]
    assert exports and not exports[0].exists()
    assert not default_backup_dir(world.path).exists() or not any(
        p.suffix == SUFFIX for p in default_backup_dir(world.path).iterdir())


def test_list_newest_and_prune(world: World) -> None:
    service = world.as_("samordnare").backup
    made = [service.create() for _ in range(4)]
    folder = default_backup_dir(world.path)
    (folder / "junk.tdbk").write_bytes(b"not a backup")
    (folder / "notes.txt").write_text("not ours")
    listed = list_backups(world.path)
    assert [i.path for i in listed if not i.damaged] == [m.path for m in reversed(made)]
    assert [i.path.name for i in listed if i.damaged] == ["junk.tdbk"]
    assert newest_backup(world.path).path == made[-1].path
    removed = service.prune(folder, 2)
    assert sorted(removed) == sorted(m.path for m in made[:2])
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [made[2].path.name, made[3].path.name, "junk.tdbk", "notes.txt"])
    with pytest.raises(ValidationError):
        service.prune(folder, 0)
    assert list_backups(world.path.parent / "nothing.db") == [] and newest_backup(world.path.parent / "x.db") is None


def test_auto_backup_keeps_n(world: World) -> None:
    for _ in range(3):
        info = auto_backup(world.db, world.actors["admin"], keep=2)
        assert info is not None and info.reason == "auto_close"
    assert len(list(default_backup_dir(world.path).glob("*.tdbk"))) == 2
    assert DEFAULT_KEEP == 7


def test_auto_backup_failure_returns_none(world: World) -> None:
    folder = default_backup_dir(world.path)
    folder.write_text("a file where the folder should be")
    assert auto_backup(world.db, world.actors["admin"], keep=2) is None


def test_pre_migration_copies_are_pruned(tmp_path: Path) -> None:
    db = tmp_path / "case.db"
    names = [f"case.db.pre-0003-2026010{i}T000000Z.bak" for i in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "other.db.pre-0003-20260101T000000Z.bak").write_bytes(b"x")
    removed = prune_pre_migration_copies(db, keep=3)
    assert sorted(p.name for p in removed) == names[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[2:] + ["other.db.pre-0003-20260101T000000Z.bak"])


# ------------------------------------------------------------------------- CLI


def test_cli_round_trip_and_exit_codes(world: World, tmp_path: Path, monkeypatch, capsys) -> None:
    code = give_recovery_code(world)
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    out = tmp_path / "cli.tdbk"
    assert main(["backup", "--db", str(world.path), "--as", "samordnare", "--out", str(out)]) == EXIT_OK
    assert out.exists()
    assert main(["backup", "--db", str(world.path), "--as", "samordnare", "--keep", "1"]) == EXIT_OK
    assert main(["backup", "--db", str(world.path), "--as", "samordnare", "--keep", "1"]) == EXIT_OK
    assert len(list(default_backup_dir(world.path).glob("*.tdbk"))) == 1
    assert main(["backup", "list", "--db", str(world.path)]) == EXIT_OK
    assert main(["backup"]) == 2  # usage

    # wrong password (a non-admin's) → 3, nothing written
    dest = tmp_path / "new" / "case.db"
    dest.parent.mkdir()
    assert main(["restore", "--from", str(out), "--db", str(dest), "--username", "samordnare"]) == EXIT_AUTH
    assert list(dest.parent.iterdir()) == []
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    assert main(["backup", "verify", "--from", str(out), "--username", "admin"]) == EXIT_OK
    assert main(["restore", "--from", str(out), "--db", str(dest), "--username", "admin"]) == EXIT_OK
    assert main(["restore", "--from", str(out), "--db", str(dest), "--username", "admin"]) == EXIT_INVALID
    monkeypatch.setenv("TRYGG_RECOVERY_CODE", code)
    dest2 = tmp_path / "new" / "second.db"
    assert main(["restore", "--from", str(out), "--db", str(dest2), "--recovery"]) == EXIT_OK
    db, _ = unlock(dest2, "polis", PASSWORD, throttle=world.throttle())
    db.close()

    data = bytearray(out.read_bytes())
    data[-5] ^= 1
    bad = tmp_path / "bad.tdbk"
    bad.write_bytes(bytes(data))
    assert main(["restore", "--from", str(bad), "--db", str(tmp_path / "new" / "third.db"), "--recovery"]) \
        == EXIT_INTEGRITY
    assert not (tmp_path / "new" / "third.db").exists()
    (tmp_path / "plain.txt").write_text("hello")
    assert main(["backup", "verify", "--from", str(tmp_path / "plain.txt"), "--recovery"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "container.tampered" in err and "container.not_container" in err and "auth.wrong_password" in err


def _break_chain(world: World) -> None:
    """Edit one audit row in the live database (dropping the R19 triggers first, as an attacker would)."""
    conn = raw_connect(world.path, KeyHolder(world.db.key.copy()))
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DROP TRIGGER audit_event_no_update")
        conn.execute("UPDATE audit_event SET purpose = 'edited' WHERE seq = 1")
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_backup_of_a_broken_audit_chain(world: World, tmp_path: Path) -> None:
    _break_chain(world)
    info = world.as_("admin").backup.create()  # still backed up: the break is evidence worth keeping
    target = tmp_path / "t"
    target.mkdir()
    with pytest.raises(IntegrityFailure) as exc:
        restore_backup(info.path, target / "r.db", username="admin", password=ADMIN_PASSWORD)
    assert exc.value.code == "backup.chain_broken" and exc.value.exit_code == EXIT_INTEGRITY
    assert list(target.iterdir()) == []
    with pytest.raises(IntegrityFailure):
        verify_backup(info.path, username="admin", password=ADMIN_PASSWORD)
    report = restore_backup(info.path, target / "r.db", username="admin", password=ADMIN_PASSWORD,
                            accept_broken_chain=True)
    assert report.chain_problems == ("seq 1: edited",)
    db, _actor = unlock(target / "r.db", "admin", ADMIN_PASSWORD, throttle=world.throttle())
    try:
        assert json.loads(_events(db, "BACKUP_RESTORED")[0].detail)["chain_ok"] is False
    finally:
        db.close()


def test_migration_keeps_the_newest_three_copies(tmp_path: Path) -> None:
    from trygg_desktop.store import migrate

    from .test_migrations import _fresh_engine

    path, engine = _fresh_engine(tmp_path)
    try:
        migrate.upgrade(engine, "0001")
        old = [tmp_path / f"{path.name}.pre-0001-2025010{i}T000000Z.bak" for i in range(1, 5)]
        for copy in old:
            copy.write_bytes(b"an older copy")
        made = migrate.migrate_if_needed(engine, path)
    finally:
        engine.dispose()
    assert made is not None and made.exists()
    left = sorted(p.name for p in tmp_path.glob(f"{path.name}.pre-*.bak"))
    assert left == sorted([old[2].name, old[3].name, made.name])


def test_no_backup_without_its_audit_event(world: World, monkeypatch) -> None:
    from trygg_desktop.services.audit import AuditLog

    real_append = AuditLog.append_all

    def failing(self, session, actor, events, **kw):
        if any(action == "BACKUP_CREATED" for action, _kw in events):
            raise OSError("disk full")
        return real_append(self, session, actor, events, **kw)

    monkeypatch.setattr(AuditLog, "append_all", failing)
    with pytest.raises(OSError):
        world.as_("admin").backup.create()
    assert list(default_backup_dir(world.path).iterdir()) == []
