"""Restore and verify encrypted backups (SECURITY.md R22, R23).

Restoring never touches a live database: it writes to a NEW path (refused if the
file or its key file exists; ``O_EXCL`` guards the race), and on any failure
removes everything it created. Steps:

1. decrypt the container with an administrator's password or the recovery code
   (a wrong one raises ``WrongPassword`` before anything is written);
2. stream the database copy to ``dest`` (still SQLCipher-encrypted under the
   backup DEK: ciphertext only) and run ``cipher_integrity_check`` on it;
3. derive the DEK that the backed-up key file gives for the same credentials and
   ``PRAGMA rekey`` the copy to it, then write the key file beside it;
4. open the pair the normal way (``unlock`` / ``unlock_with_recovery``: quick
   check, migrations, key file ↔ database id), verify the audit chain and append
   ``BACKUP_RESTORED``.

:func:`verify_backup` does steps 1–2 and the chain check into a temporary folder
(again ciphertext only) and deletes it afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.orm import Session

from ..domain.access import Actor
from ..domain.errors import ContainerError, IntegrityFailure, ValidationError, WrongPassword
from ..paths import key_file_for
from ..store.engine import KeyHolder, cipher_integrity_check, make_engine
from ..store.netpath import refuse_network_path
from ..vault.container import SlotSecret, read_container, read_meta
from ..vault.kdf import wipe
from ..vault.keyfile import KeyFile
from .audit import META_AUDIT_KEY, verify_chain
from .backup import LENGTH_PREFIX, PAYLOAD_MAGIC, PAYLOAD_VERSION, check_copy, remove_quietly
from .backup_files import FORMAT, parse_time
from .database import unlock, unlock_with_recovery


@dataclass(frozen=True, slots=True)
class RestoreReport:
    path: Path
    key_path: Path
    db_uuid: str
    backup_created_at: datetime | None
    events: int  # audit events in the restored chain
    seconds: float
    # Empty unless ``accept_broken_chain`` let a backup with a broken audit chain through.
    chain_problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BackupVerifyReport:
    path: Path
    db_uuid: str
    created_at: datetime | None
    reason: str | None
    db_size: int
    events: int
    ok: bool = True


# ------------------------------------------------------------------ credentials


def _secret(username: str | None, password: str | None, recovery_code: str | None) -> SlotSecret:
    if recovery_code is not None:
        if username is not None or password is not None:
            raise ValidationError("Give a password or the recovery code, not both", code="backup.credentials")
        return SlotSecret(recovery_code, recovery=True)  # ValidationError recovery.format if malformed
    if not username or password is None:
        raise ValidationError("An administrator's user name and password, or the recovery code, are needed",
                              code="backup.credentials")
    return SlotSecret(password, username=username)


def _translated(chunks: Iterator[bytes], recovery: bool) -> Iterator[bytes]:
    """A wrong secret is an authentication failure like a wrong login, not tampering."""
    try:
        yield from chunks
    except ContainerError as exc:
        if exc.code != "container.wrong_secret":
            raise
        if recovery:
            raise WrongPassword("Wrong recovery code", code="auth.wrong_recovery_code") from None
        raise WrongPassword("The user name and password do not open this backup "
                            "(only administrators at the time of the backup can)") from None


# ------------------------------------------------------------------ payload


def _malformed() -> IntegrityFailure:
    return IntegrityFailure("The backup's content is not valid", code="backup.malformed")


class _Payload:
    """Reads ``TDBK | len | manifest | key file | database`` from decrypted chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = bytearray()

    def take(self, size: int) -> bytes:
        while len(self._buffer) < size:
            try:
                self._buffer += next(self._chunks)
            except StopIteration:
                raise _malformed() from None
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def rest(self) -> Iterator[bytes]:
        if self._buffer:
            yield bytes(self._buffer)
            self._buffer.clear()
        yield from self._chunks

    def manifest(self) -> dict[str, Any]:
        if self.take(4) != PAYLOAD_MAGIC:
            raise _malformed()
        (length,) = LENGTH_PREFIX.unpack(self.take(4))
        if length > 64 * 1024:
            raise _malformed()
        try:
            manifest = json.loads(self.take(length))
        except ValueError:
            raise _malformed() from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _malformed()
        if manifest.get("version") != PAYLOAD_VERSION:
            raise ContainerError("The backup was written by a newer version", code="container.version")
        for name in ("keyfile_size", "db_size"):
            if type(manifest.get(name)) is not int or manifest[name] < 0:
                raise _malformed()
        return manifest


def _extract(src: Path, secret: SlotSecret, db_target: Path,
             created: list[Path]) -> tuple[dict[str, Any], dict[str, Any], bytes, bytearray]:
    """Decrypt ``src``; the database copy goes to ``db_target`` (created with O_EXCL).

    Returns (header meta, manifest, key file bytes, backup DEK). ``db_target`` is
    only created after the secret opened the container.
    """
    meta = read_meta(src)
    if meta.get("format") != FORMAT:
        raise ContainerError("The file is not a Trygg backup", code="container.not_container")
    payload = _Payload(_translated(read_container(src, secret), secret.recovery))
    manifest = payload.manifest()
    keyfile_bytes = payload.take(manifest["keyfile_size"])
    try:
        dek = bytearray(bytes.fromhex(str(manifest.get("backup_dek"))))
    except ValueError:
        raise _malformed() from None
    if len(dek) != 32 or manifest.get("db_uuid") != meta.get("db_uuid"):
        raise _malformed()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(db_target, flags, 0o600)
    except FileExistsError:
        wipe(dek)
        raise ValidationError("A file already exists at that path", code="backup.dest_exists") from None
    created.append(db_target)
    written = 0
    with os.fdopen(fd, "wb") as out:
        for chunk in payload.rest():
            out.write(chunk)
            written += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    if written != manifest["db_size"]:
        raise _malformed()
    return meta, manifest, keyfile_bytes, dek


def _chain_events(path: Path, dek: bytes | bytearray) -> int:
    """Verify the audit chain of a copy read-only; return the number of events."""
    holder = KeyHolder(dek)
    engine = make_engine(path, holder, readonly=True)
    try:
        with Session(engine) as session:
            from ..store.models import Meta

            row = session.get(Meta, META_AUDIT_KEY)
            if row is None:
                raise IntegrityFailure("The backup has no audit key", code="backup.chain_broken")
            report = verify_chain(session, bytes.fromhex(row.value))
    finally:
        engine.dispose()
        holder.wipe()
    if not report.ok:
        raise IntegrityFailure("The audit log in the backup is broken", code="backup.chain_broken",
                               problem=str(report.first_problem))
    return report.events


def _rekey(path: Path, old: bytes | bytearray, new: bytes | bytearray) -> None:
    """Re-encrypt the restored copy under the key file's DEK (rollback journal, not WAL)."""
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        conn.execute(KeyHolder(old).pragma())
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(KeyHolder(new).pragma().replace("PRAGMA key", "PRAGMA rekey", 1))
    finally:
        conn.close()


def _write_new(path: Path, data: bytes, created: list[Path]) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise ValidationError("A file already exists at that path", code="backup.dest_exists") from None
    created.append(path)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


# ------------------------------------------------------------------ public API


def _check_dest(dest: Path) -> None:
    refuse_network_path(dest)
    if not dest.parent.is_dir():
        raise ValidationError("The folder does not exist", code="backup.no_folder")
    sidecars = (dest, key_file_for(dest), Path(f"{dest}-wal"), Path(f"{dest}-shm"), Path(f"{dest}-journal"))
    if any(p.exists() for p in sidecars):
        raise ValidationError("A database already exists at that path; choose a new one",
                              code="backup.dest_exists")


def restore_backup(src: Path, dest: Path, *, username: str | None = None, password: str | None = None,
                   recovery_code: str | None = None, accept_broken_chain: bool = False) -> RestoreReport:
    """Restore ``src`` to the new path ``dest`` (+ ``dest.keys``) and verify it; see the module docstring.

    A broken audit chain inside the backup cannot come from tampering with the
    backup file (the container authenticates every byte): it was broken in the
    live database when the backup was made. By default that refuses the restore
    (``backup.chain_broken``: try an older backup); ``accept_broken_chain`` is the
    last resort when no intact backup exists: the data comes back, the report
    lists the problems and ``BACKUP_RESTORED`` records ``chain_ok: false``.
    """
    started = time.monotonic()
    src, dest = Path(src), Path(dest)
    _check_dest(dest)
    secret = _secret(username, password, recovery_code)
    key_path = key_file_for(dest)
    before = set(dest.parent.glob(f"{dest.name}.pre-*"))
    created: list[Path] = []
    dek: bytearray | None = None
    target: bytearray | None = None
    try:
        meta, manifest, keyfile_bytes, dek = _extract(src, secret, dest, created)
        db_uuid = check_copy(dest, dek, structure=False)  # pages now; structure at the unlock below
        keyfile = KeyFile.from_bytes(keyfile_bytes)
        if db_uuid != manifest["db_uuid"] or keyfile.db_uuid != db_uuid:
            raise _malformed()
        if recovery_code is not None:
            target = keyfile.unlock_recovery(recovery_code)
        else:
            _slot, target = keyfile.unlock_user(username or "", password or "")
        _rekey(dest, dek, target)
        _write_new(key_path, keyfile_bytes, created)
        if recovery_code is not None:
            db, actor = unlock_with_recovery(dest, recovery_code), None
        else:
            db, actor = unlock(dest, username or "", password or "", purpose="restore")
        try:
            events, chain_problems = _verify_open(db, actor, meta, recovery_code is not None, accept_broken_chain)
        finally:
            db.close()
    except BaseException:
        remove_quietly(*created)
        for leftover in set(dest.parent.glob(f"{dest.name}.pre-*")) - before:
            leftover.unlink(missing_ok=True)
        raise
    finally:
        wipe(dek)
        wipe(target)
    return RestoreReport(path=dest, key_path=key_path, db_uuid=db_uuid,
                         backup_created_at=parse_time(meta.get("created_at")), events=events,
                         seconds=round(time.monotonic() - started, 3), chain_problems=chain_problems)


def _verify_open(db: Any, actor: Actor | None, meta: dict[str, Any], recovery: bool,
                 accept_broken_chain: bool) -> tuple[int, tuple[str, ...]]:
    # quick_check already ran inside unlock (R29 health check); the pages under the new key here.
    problems = list(cipher_integrity_check(db.engine))
    if problems:
        raise IntegrityFailure("The restored database failed its integrity check", code="backup.copy_damaged",
                               problems=problems[:20])
    with db.session() as session:
        report = verify_chain(session, db.audit.key)
        if not report.ok and not accept_broken_chain:
            raise IntegrityFailure("The audit log in the backup is broken", code="backup.chain_broken",
                                   problem=str(report.first_problem))
        db.audit.append(session, actor, "BACKUP_RESTORED", entity="database",
                        flags=["RECOVERY_CODE"] if recovery else [],
                        detail={"backup_created_at": meta.get("created_at"), "reason": meta.get("reason"),
                                "chain_ok": report.ok})
    return report.events + 1, tuple(str(p) for p in report.problems[:20])


def verify_backup(src: Path, *, username: str | None = None, password: str | None = None,
                  recovery_code: str | None = None) -> BackupVerifyReport:
    """Decrypt and check a backup without restoring it (nothing but ciphertext touches disk)."""
    src = Path(src)
    secret = _secret(username, password, recovery_code)
    folder = Path(tempfile.mkdtemp(prefix="trygg-verify-"))
    dek: bytearray | None = None
    try:
        copy = folder / "copy.db"
        meta, manifest, keyfile_bytes, dek = _extract(src, secret, copy, [])
        db_uuid = check_copy(copy, dek)
        keyfile = KeyFile.from_bytes(keyfile_bytes)
        if db_uuid != manifest["db_uuid"] or keyfile.db_uuid != db_uuid:
            raise _malformed()
        events = _chain_events(copy, dek)
        return BackupVerifyReport(path=src, db_uuid=db_uuid, created_at=parse_time(meta.get("created_at")),
                                  reason=meta.get("reason"), db_size=manifest["db_size"], events=events)
    finally:
        wipe(dek)
        shutil.rmtree(folder, ignore_errors=True)
