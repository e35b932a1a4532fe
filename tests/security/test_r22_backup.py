"""R22 (encrypted backups only) and R23 applied to backups; R1 over every backup file.

Raw files are read as bytes: the backup folder, the container, the temp export
while the backup runs, and the restored folder. Tampered backups (truncated,
chunks reordered, header edited, version bumped) must be refused with a clear
code and leave nothing at the restore target.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from trygg_desktop.domain.errors import EXIT_INTEGRITY, EXIT_INVALID, ContainerError
from trygg_desktop.services import backup as backup_module
from trygg_desktop.services import restore as restore_module
from trygg_desktop.services.backup import PAYLOAD_MAGIC
from trygg_desktop.services.backup_files import default_backup_dir
from trygg_desktop.services.restore import restore_backup, verify_backup
from trygg_desktop.store.engine import KeyHolder, WrongKey, checkpoint, raw_connect
from trygg_desktop.vault.container import SlotSecret, read_container

from ..conftest import ADMIN_PASSWORD, World, test_pnr
from ..integration.test_backup import give_recovery_code
from ..rawscan import scan_for_markers
from .test_r1_no_plaintext import _fill, _markers


@pytest.fixture
def marked(world: World) -> tuple[World, list[str]]:
    pnr = test_pnr(2010, 3, 14, 982)
    _fill(world, pnr)
    return world, _markers(pnr)


def test_no_markers_in_backup_export_or_restore(marked, tmp_path: Path, monkeypatch) -> None:
    world, markers = marked
    code = give_recovery_code(world)
    checkpoint(world.db.engine)
    # Control: the live database really holds the markers (decrypted read).
    conn = raw_connect(world.path, KeyHolder(world.db.key.copy()), readonly=True)
    assert conn.execute("SELECT count(*) FROM person WHERE last_name = ?", ("Markörsson",)).fetchone()[0] == 1
    conn.close()

    seen_exports: list[Path] = []
    real_check = backup_module.check_copy

    def scanning_check(path: Path, dek):
        seen_exports.append(path)
        assert path.exists() and path.stat().st_size > 0
        assert not path.read_bytes().startswith(b"SQLite format 3")
        hits = scan_for_markers(path.parent, markers)
        assert hits == [], hits
        return real_check(path, dek)

    monkeypatch.setattr(backup_module, "check_copy", scanning_check)
    info = world.as_("samordnare").backup.create()
    assert seen_exports and not seen_exports[0].exists()  # the temp export is gone afterwards
    folder = default_backup_dir(world.path)
    assert [p.name for p in folder.iterdir()] == [info.path.name]
    assert scan_for_markers(folder, markers) == []
    raw = info.path.read_bytes()
    assert b"SQLite format 3" not in raw and b"trygg-keyfile" not in raw  # the key file is inside, encrypted

    # While restore and verify run, the decrypted-from-the-container copy is still SQLCipher ciphertext.
    scanned: list[Path] = []
    real_restore_check = restore_module.check_copy

    def scanning_restore_check(path: Path, dek, **kw):
        scanned.append(path)
        assert scan_for_markers(path.parent, markers) == []
        return real_restore_check(path, dek, **kw)

    monkeypatch.setattr(restore_module, "check_copy", scanning_restore_check)
    restored = tmp_path / "restored"
    restored.mkdir()
    restore_backup(info.path, restored / "case.db", recovery_code=code)
    assert scan_for_markers(restored, markers) == []
    verify_backup(info.path, recovery_code=code)
    assert len(scanned) == 2 and not scanned[1].parent.exists()  # verify's temp folder is gone
    assert scan_for_markers(world.path.parent, markers) == []


def test_header_holds_no_personal_data_and_payload_is_double_encrypted(marked, tmp_path: Path) -> None:
    world, _markers_ = marked
    code = give_recovery_code(world)
    info = world.as_("admin").backup.create(tmp_path / "b.tdbk")
    data = info.path.read_bytes()
    (hlen,) = struct.unpack(">I", data[5:9])
    header = json.loads(data[9 : 9 + hlen])
    assert set(header["meta"]) == {"format", "version", "db_uuid", "created_at", "reason", "db_size"}
    kinds = sorted(s.get("kind", s["type"]) for s in header["recipients"])
    assert kinds == ["recovery", "user", "x25519"]  # admin slot, recovery slot, throwaway verifier
    assert b"admin" not in data[: 9 + hlen]

    payload = b"".join(read_container(info.path, SlotSecret(code, recovery=True)))
    assert payload.startswith(PAYLOAD_MAGIC)
    (mlen,) = struct.unpack(">I", payload[4:8])
    manifest = json.loads(payload[8 : 8 + mlen])
    live_dek = world.db.key.copy()
    assert manifest["backup_dek"] != bytes(live_dek).hex()  # a NEW key for the copy
    db_bytes = payload[8 + mlen + manifest["keyfile_size"] :]
    assert len(db_bytes) == manifest["db_size"]
    assert not db_bytes.startswith(b"SQLite format 3")
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_bytes)
    with pytest.raises(WrongKey):
        raw_connect(copy, KeyHolder(live_dek), readonly=True)
    conn = raw_connect(copy, KeyHolder(bytes.fromhex(manifest["backup_dek"])), readonly=True)
    try:
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        conn.close()


def _frames(data: bytes) -> tuple[bytes, list[bytes]]:
    (hlen,) = struct.unpack(">I", data[5:9])
    head, rest, frames = data[: 9 + hlen], data[9 + hlen :], []
    while rest:
        (n,) = struct.unpack(">I", rest[:4])
        frames.append(rest[: 4 + n])
        rest = rest[4 + n :]
    return head, frames


def _tampered_versions(data: bytes) -> dict[str, tuple[bytes, str, int]]:
    head, frames = _frames(data)
    assert len(frames) >= 3
    bumped = bytearray(data)
    bumped[4] += 1
    return {
        "truncated_tail": (data[:-1000], "container.truncated", EXIT_INTEGRITY),
        "last_frame_dropped": (head + b"".join(frames[:-1]), "container.truncated", EXIT_INTEGRITY),
        "reordered": (head + frames[1] + frames[0] + b"".join(frames[2:]), "container.tampered", EXIT_INTEGRITY),
        "header_edited": (data.replace(b'"reason":"manual"', b'"reason":"manuaL"', 1), "container.tampered",
                          EXIT_INTEGRITY),
        "version_bumped": (bytes(bumped), "container.version", EXIT_INVALID),
        "not_a_backup": (b"SQLite format 3\x00" + data[16:], "container.not_container", EXIT_INVALID),
    }


def test_tampered_backups_are_refused_and_leave_nothing(world: World, tmp_path: Path) -> None:
    info = world.as_("admin").backup.create(tmp_path / "good.tdbk")
    target = tmp_path / "target"
    target.mkdir()
    for name, (data, code, exit_code) in _tampered_versions(info.path.read_bytes()).items():
        bad = tmp_path / f"{name}.tdbk"
        bad.write_bytes(data)
        with pytest.raises(ContainerError) as exc:
            restore_backup(bad, target / "case.db", username="admin", password=ADMIN_PASSWORD)
        assert (exc.value.code, exc.value.exit_code) == (code, exit_code), name
        assert list(target.iterdir()) == [], name
        with pytest.raises(ContainerError) as exc:
            verify_backup(bad, username="admin", password=ADMIN_PASSWORD)
        assert exc.value.code == code, name
    # the untouched original still restores
    restore_backup(info.path, target / "case.db", username="admin", password=ADMIN_PASSWORD)
