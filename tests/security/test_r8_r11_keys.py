"""R8 – a password change rewraps one slot and never touches the database.
R11 – removing a user rotates the DEK (PRAGMA rekey) and re-seals every other slot;
an interrupted rotation is completed by the next unlock.
"""

from __future__ import annotations

import hashlib
import json
import os
import types
from pathlib import Path

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import KeyFileError, WrongPassword
from trygg_desktop.paths import key_file_for
from trygg_desktop.services import key_rotation as rotation_module
from trygg_desktop.services.audit import verify_chain
from trygg_desktop.services.database import unlock, unlock_with_recovery
from trygg_desktop.services.key_rotation import PENDING_KEYFILE_SUFFIX
from trygg_desktop.store.engine import KeyHolder, WrongKey, raw_connect
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.vault.kdf import FLOOR
from trygg_desktop.vault.keyfile import KeyFile
from trygg_desktop.vault.recovery import new_recovery_code

from ..conftest import ADMIN_PASSWORD, PASSWORD, World
from ..scenarios import sspf_case

NEW_PASSWORD = "new password 123"


def db_hashes(path: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{path}{suffix}")
        out[suffix or "db"] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None
    return out


def slots_by_id(raw: bytes) -> dict[str, dict]:
    return {s["id"]: s for s in json.loads(raw)["slots"]}


def _opens(path: Path, dek: bytes | bytearray) -> bool:
    try:
        raw_connect(path, KeyHolder(dek), readonly=True).close()
    except WrongKey:
        return False
    return True


def _unlock_ok(path: Path, user: str, password: str) -> None:
    db, actor = unlock(path, user, password)
    try:
        assert actor.username == user
    finally:
        db.close()


# --------------------------------------------------------------------------- R8

def _change_password(world: World) -> tuple[dict, dict, bytes, bytes]:
    key_path = key_file_for(world.path)
    world.db.engine.dispose()
    before_db = db_hashes(world.path)
    before_keys = key_path.read_bytes()
    world.as_("samordnare").users.change_own_password(PASSWORD, NEW_PASSWORD, kdf_params=FLOOR)
    world.db.engine.dispose()
    return before_db, db_hashes(world.path), before_keys, key_path.read_bytes()


def test_r8_only_the_users_slot_changes(world: World) -> None:
    _before_db, _after_db, before_keys, after_keys = _change_password(world)
    before, after = slots_by_id(before_keys), slots_by_id(after_keys)
    assert before.keys() == after.keys()
    changed = [sid for sid in before if before[sid] != after[sid]]
    kf = KeyFile.from_bytes(after_keys)
    assert changed == [kf.find_user_slot("samordnare").id]
    old, new = before[changed[0]], after[changed[0]]
    # The DEK envelope and the slot's key pair stay byte-identical: no new DEK, no rekey.
    assert old["dek"] == new["dek"] and old["public_key"] == new["public_key"] and old["lookup"] == new["lookup"]
    assert old["kdf"]["salt"] != new["kdf"]["salt"] and old["private_key"] != new["private_key"]
    top_before, top_after = json.loads(before_keys), json.loads(after_keys)
    same = {"slots", "digest", "mac"}  # the whole-file digest and MAC change with any slot
    assert {k: v for k, v in top_before.items() if k not in same} == {k: v for k, v in top_after.items() if k not in same}


def test_r8_old_password_fails_new_one_works(world: World) -> None:
    dek_before = world.db.key.copy()
    _change_password(world)
    with pytest.raises(WrongPassword):
        unlock(world.path, "samordnare", PASSWORD)
    db, _actor = unlock(world.path, "samordnare", NEW_PASSWORD)
    try:
        assert db.key.copy() == dek_before
    finally:
        db.close()
    _unlock_ok(world.path, "polis", PASSWORD)  # the other users are unaffected


def test_r8_password_change_is_audited_at_the_next_unlock(world: World) -> None:
    """The DEK is unchanged, nothing is written to the database at the change, and the
    PASSWORD_CHANGE event (queued in the per-machine state file) reaches the log at the
    next unlock."""
    with world.db.session() as s:
        before = s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq.desc())).first()
    dek = world.db.key.copy()
    _change_password(world)
    assert _opens(world.path, dek)
    with world.db.session() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.seq > before)).all() == []
    db, _actor = unlock(world.path, "polis", PASSWORD, throttle=world.throttle())
    try:
        with db.session() as s:
            new = s.scalars(select(AuditEvent).where(AuditEvent.seq > before).order_by(AuditEvent.seq)).all()
            assert [e.action for e in new] == ["PASSWORD_CHANGE", "LOGIN"]
            assert new[0].entity_id == str(world.actors["samordnare"].user_id)
            assert verify_chain(s, db.audit.key).ok
    finally:
        db.close()


def test_r8_database_bytes_unchanged(world: World) -> None:
    before_db, after_db, _b, _a = _change_password(world)
    assert after_db == before_db


# -------------------------------------------------------------------------- R11

def _fresh_recovery_code(world: World) -> str:
    """The template's recovery code was not kept: issue a new sheet (replaces the slot)."""
    code = new_recovery_code()
    kf = world.db.load_keyfile()
    dek = world.db.key.copy()
    kf.add_recovery_slot(code, dek, FLOOR)
    kf.save(world.db.key_path)
    return code


def test_r11_remove_user_rotates_the_dek(world: World) -> None:
    built = sspf_case(world)
    code = _fresh_recovery_code(world)
    key_path = key_file_for(world.path)
    saved_keys = key_path.read_bytes()
    old_dek = world.db.key.copy()
    assert _opens(world.path, old_dek)

    world.as_("admin").users.remove_user("skola")

    new_dek = world.db.key.copy()
    assert new_dek != old_dek and any(new_dek)
    assert not Path(str(key_path) + PENDING_KEYFILE_SUFFIX).exists()
    # The removed user cannot get in, by the app or by their saved slot plus the old DEK.
    with pytest.raises(WrongPassword):
        unlock(world.path, "skola", PASSWORD)
    with pytest.raises(WrongKey):
        raw_connect(world.path, KeyHolder(old_dek))
    _slot, unwrapped = KeyFile.from_bytes(saved_keys).unlock_user("skola", PASSWORD)
    assert unwrapped == old_dek and unwrapped != new_dek
    assert not _opens(world.path, unwrapped)
    # Grafting the old slot into the new file does not yield the new DEK either.
    current = KeyFile.load(key_path)
    assert current.find_user_slot("skola") is None
    assert current.key_epoch == KeyFile.from_bytes(saved_keys).key_epoch + 1
    grafted = KeyFile.from_bytes(key_path.read_bytes())
    grafted.slots.append(KeyFile.from_bytes(saved_keys).find_user_slot("skola"))
    with pytest.raises((KeyFileError, WrongPassword)):
        grafted.unlock_user("skola", PASSWORD)
    # Everybody else, and the recovery sheet, still get in; the data is intact.
    for user in ("samordnare", "polis", "socialsekreterare"):
        _unlock_ok(world.path, user, PASSWORD)
    _unlock_ok(world.path, "admin", ADMIN_PASSWORD)
    rdb = unlock_with_recovery(world.path, code)
    rdb.close()
    detail = world.as_("samordnare").case_view.open(built.case_id)
    assert detail.summary.reference == built.reference
    db, actor = unlock(world.path, "socialsekreterare", PASSWORD)
    try:
        assert db.key.copy() == new_dek
        with db.session() as s:
            report = verify_chain(s, db.audit.key)
            assert report.ok, report.problems
            actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
            assert "USER_REMOVE" in actions
    finally:
        db.close()


def _os_with_failing_replace(calls: list[str]) -> types.SimpleNamespace:
    def replace(src, dst):
        calls.append(str(src))
        if len(calls) == 1:
            raise OSError("simulated crash between rekey and key file swap")
        return os.replace(src, dst)

    proxy = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    proxy.replace = replace
    return proxy


def test_r11_crash_between_rekey_and_swap_is_completed_by_next_unlock(world: World,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    built = sspf_case(world)
    key_path = key_file_for(world.path)
    pending = Path(str(key_path) + PENDING_KEYFILE_SUFFIX)
    saved_keys = key_path.read_bytes()
    old_dek = world.db.key.copy()
    calls: list[str] = []
    monkeypatch.setattr(rotation_module, "os", _os_with_failing_replace(calls))
    with pytest.raises(OSError, match="simulated crash"):
        world.as_("admin").users.remove_user("skola")
    monkeypatch.undo()
    world.db.close()  # the "crashed" process is gone

    # State after the crash: database rekeyed, old key file still in place, rotated one pending.
    assert calls == [str(pending)]
    assert pending.exists() and key_path.read_bytes() == saved_keys
    assert not _opens(world.path, old_dek)
    pending_bytes = pending.read_bytes()

    db, actor = unlock(world.path, "samordnare", PASSWORD)
    try:
        assert actor.username == "samordnare"
        assert not pending.exists(), "the pending key file must be promoted"
        assert key_path.read_bytes() == pending_bytes
        assert db.key.copy() != old_dek
        with db.session() as s:
            assert verify_chain(s, db.audit.key).ok
    finally:
        db.close()
    with pytest.raises(WrongPassword):
        unlock(world.path, "skola", PASSWORD)
    _unlock_ok(world.path, "admin", ADMIN_PASSWORD)
    _unlock_ok(world.path, "polis", PASSWORD)
    db, _ = unlock(world.path, "samordnare", PASSWORD)
    try:
        from trygg_desktop.services.facade import Services
        detail = Services(db, _, today=world.today).case_view.open(built.case_id)
        assert detail.summary.reference == built.reference
    finally:
        db.close()


def test_r11_removed_user_cannot_complete_a_pending_rotation(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the crash the removed user still has a slot in the (old) main key file;
    it unwraps only the old DEK, which no longer opens the database."""
    key_path = key_file_for(world.path)
    pending = Path(str(key_path) + PENDING_KEYFILE_SUFFIX)
    monkeypatch.setattr(rotation_module, "os", _os_with_failing_replace([]))
    with pytest.raises(OSError):
        world.as_("admin").users.remove_user("skola")
    monkeypatch.undo()
    world.db.close()
    with pytest.raises(WrongPassword):
        unlock(world.path, "skola", PASSWORD)
    assert pending.exists(), "a failed attempt must not promote or delete the pending key file"
    _unlock_ok(world.path, "polis", PASSWORD)
    assert not pending.exists()


def test_r11_crash_before_rekey_still_ends_in_a_rotation(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    key_path = key_file_for(world.path)
    old_dek = world.db.key.copy()

    def fail_rekey(engine, new_key):
        raise RuntimeError("simulated crash before rekey")

    monkeypatch.setattr(rotation_module, "rekey", fail_rekey)
    with pytest.raises(RuntimeError, match="simulated crash"):
        world.as_("admin").users.remove_user("skola")
    monkeypatch.undo()
    world.db.close()
    assert Path(str(key_path) + PENDING_KEYFILE_SUFFIX).exists()
    assert _opens(world.path, old_dek)  # the crash left the database under the old DEK

    _unlock_ok(world.path, "admin", ADMIN_PASSWORD)  # the next normal unlock
    assert KeyFile.load(key_path).find_user_slot("skola") is None
    assert not _opens(world.path, old_dek)
