"""Encrypted backups (SECURITY.md R22, R23, R29): create, list and prune.

A backup is one R23 container (``.tdbk``) whose payload is

* a short JSON manifest (format, version, db_uuid, sizes, the *backup DEK*),
* the database's key file exactly as it was, and
* a consistent online copy of the database made with ``sqlcipher_export`` into a
  file keyed with a NEW random backup DEK (never a raw copy of a live file).

So the database pages are encrypted twice (SQLCipher under the backup DEK, then
AES-256-GCM under the container's file key), and every temp file holds only
ciphertext. The container opens with the recovery code or with the password of
any system administrator *at the time of the backup* (one stanza per slot, see
:class:`~trygg_desktop.vault.container_keys.SlotRecipient`). Restoring
(:mod:`.restore`) rekeys the copy back to the DEK the restored key file yields,
so the restored pair (db + ``.keys``) works exactly like the original for every
user.

Each whole-file pass over 650 MB costs seconds, so each guarantee is checked once:

* the live database (R29: a damaged database is not backed up over a good backup):
  ``cipher_integrity_check`` (every page's HMAC, free pages included) and, unless
  this session's ``quick_check`` already passed (``Database.health_checked``: at the
  unlock, in the app's background check or at an earlier backup), ``quick_check``;
* the exported copy: one ``quick_check``. Reading a page checks its HMAC, and every
  page of a fresh export is in use, so this one pass covers the HMACs and the
  structure (``cipher_integrity_check`` follows only a failure, to name the pages);
* the container: read back with a throwaway X25519 key and compared byte for
  byte (SHA-256) with what was written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from ..domain.access import Actor
from ..domain.errors import IntegrityFailure, TryggError, ValidationError
from ..store.engine import DatabaseDamaged, KeyHolder, cipher_integrity_check, quick_check, raw, raw_connect
from ..store.models import User, UserRole
from ..vault.container import KeyRecipient, KeySecret, SlotRecipient, read_container, write_container
from ..vault.kdf import wipe
from ..vault.keyfile import KeyFile
from .backup_files import FORMAT, SUFFIX, backups_in, default_backup_dir
from .base import Service
from .database import Database

log = logging.getLogger(__name__)

PAYLOAD_VERSION = 1
DEFAULT_KEEP = 7  # settings.ini ``backup/keep``
REASONS = ("manual", "auto_close", "pre_migration")
PAYLOAD_MAGIC = b"TDBK"
READ_BLOCK = 1024 * 1024
LENGTH_PREFIX = struct.Struct(">I")  # before the payload header; restore reads it back


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup just written."""

    path: Path
    created_at: datetime
    db_uuid: str
    size: int
    seconds: float
    reason: str
    recipients: int  # admin slots + the recovery slot that can open it


# ------------------------------------------------------------------ the export


def _problems(check: Any, engine: Any) -> list[str]:
    try:
        return list(check(engine))
    except Exception as exc:  # noqa: BLE001 - a page so damaged the check itself fails
        return [type(exc).__name__]


def health_check(engine: Any, *, session_checked: bool = False) -> None:
    """R29: refuse to back up a damaged database (it would push good backups out).

    ``cipher_integrity_check`` reads every page and checks its HMAC, free pages too
    (which ``quick_check`` never reads). ``quick_check`` (the structure) follows only
    when this session's has not passed yet: with ``session_checked`` the structure
    was found sound, and any page damaged since fails its HMAC (XL: 1.3 s instead
    of 4 s)."""
    problems = _problems(cipher_integrity_check, engine)
    if not problems and not session_checked:
        problems = _problems(quick_check, engine)
    if problems:
        raise DatabaseDamaged("The database failed its integrity check; it was not backed up",
                              code="db.damaged", problems=problems[:20])


def export_encrypted(engine: Any, target: Path, dek: bytes | bytearray) -> None:
    """A consistent copy of the live database into ``target``, keyed with ``dek``.

    ``sqlcipher_export`` inside one read transaction: a single WAL snapshot, so
    a writer in another process neither blocks nor tears the copy.
    """
    with raw(engine) as dbapi:
        dbapi.execute("ATTACH DATABASE ? AS trygg_backup KEY ?", (str(target), f"x'{bytes(dek).hex()}'"))
        try:
            dbapi.execute("BEGIN")
            try:
                dbapi.execute("SELECT sqlcipher_export('trygg_backup')").fetchall()
                dbapi.execute("COMMIT")
            except BaseException:
                dbapi.execute("ROLLBACK")
                raise
        finally:
            dbapi.execute("DETACH DATABASE trygg_backup")


def _pragma_lines(conn: Any, pragma: str) -> list[str]:
    try:
        return [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlcipher.DatabaseError as exc:  # a page whose HMAC fails while the check reads it
        return [f"{pragma} failed: {exc}"]


def check_copy(path: Path, dek: bytes | bytearray, *, structure: bool = True) -> str:
    """Open a copy read-only with ``dek``, check it in one pass and return its db_uuid.

    ``structure``: ``quick_check``, which reads every page in use and so checks their HMACs
    too; ``cipher_integrity_check`` follows only a failure (to name the pages) or free pages
    (which ``quick_check`` does not read; a fresh export has none). Without ``structure``
    (restore, whose unlock runs ``quick_check`` anyway): ``cipher_integrity_check`` alone."""
    holder = KeyHolder(dek)
    try:
        conn = raw_connect(path, holder, readonly=True)
    finally:
        holder.wipe()
    try:
        if structure:
            problems = [line for line in _pragma_lines(conn, "quick_check") if line != "ok"]
            if problems or conn.execute("PRAGMA freelist_count").fetchone()[0]:
                # Name the damaged pages, or cover free pages, which quick_check does not read.
                problems = _pragma_lines(conn, "cipher_integrity_check") + problems
        else:
            problems = _pragma_lines(conn, "cipher_integrity_check")
        if problems:
            raise IntegrityFailure("The backup copy failed its integrity check", code="backup.copy_damaged",
                                   problems=problems[:20])
        row = conn.execute("SELECT value FROM meta WHERE key = ?", ("db_uuid",)).fetchone()
    finally:
        conn.close()
    if row is None:
        raise IntegrityFailure("The backup copy has no database id", code="backup.copy_damaged")
    return str(row[0])


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                candidate.unlink(missing_ok=True)
            except OSError:
                pass


# ------------------------------------------------------------------ the payload


def payload_chunks(manifest: dict[str, Any], keyfile: bytes, db_file: Path) -> Iterator[bytes]:
    """``TDBK | len | manifest JSON | key file | database`` streamed in 1 MiB reads."""
    body = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    yield PAYLOAD_MAGIC + LENGTH_PREFIX.pack(len(body)) + body
    yield keyfile
    with open(db_file, "rb") as handle:
        while block := handle.read(READ_BLOCK):
            yield block


def _hashing(chunks: Iterator[bytes], digest: Any) -> Iterator[bytes]:
    for chunk in chunks:
        digest.update(chunk)
        yield chunk


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


# ------------------------------------------------------------------ the service


class BackupService(Service):
    """Backups of the open database. Any logged-in user may make one: the file is
    encrypted and opens only with the recovery code or an administrator's password."""

    def _recipients(self, keyfile: KeyFile) -> list[SlotRecipient]:
        """The recovery slot and every active SYSTEMADMIN's slot of ``keyfile``."""
        with self.db.session() as s:
            admin_slots = set(s.scalars(
                select(User.slot_id).join(UserRole, UserRole.user_id == User.id)
                .where(UserRole.role == "SYSTEMADMIN", User.active.is_(True))))
        recipients = [SlotRecipient(keyfile.db_uuid, slot) for slot in keyfile.slots
                      if slot.id in admin_slots or slot.kind == "recovery"]
        if not any(r.slot.kind == "recovery" for r in recipients):
            raise ValidationError("The key file has no recovery slot", code="backup.no_recovery_slot")
        return recipients

    def _target(self, out: Path | None, created: datetime) -> Path:
        """``out`` None → the default folder; an existing folder → a stamped name in it; else that file."""
        if out is None or Path(out).is_dir():
            folder = default_backup_dir(self.db.path) if out is None else Path(out)
            folder.mkdir(mode=0o700, exist_ok=True)
            base = f"{self.db.path.stem}-{_stamp(created)}"
            target = folder / f"{base}{SUFFIX}"
            counter = 2
            while target.exists():
                target = folder / f"{base}-{counter}{SUFFIX}"
                counter += 1
            return target
        target = Path(out)
        if not target.parent.is_dir():
            raise ValidationError("The folder does not exist", code="backup.no_folder")
        if target.exists():
            raise ValidationError("A file already exists at that path", code="backup.out_exists")
        if target.resolve() in {self.db.path.resolve(), self.db.key_path.resolve()}:
            raise ValidationError("A backup cannot replace the database", code="backup.out_exists")
        return target

    def create(self, out: Path | None = None, *, reason: str = "manual") -> BackupInfo:
        """Write an encrypted, verified backup; audited ``BACKUP_CREATED``."""
        if reason not in REASONS:
            raise ValidationError("Unknown backup reason", code="backup.reason")
        started = time.monotonic()
        created = datetime.now(timezone.utc)
        try:
            health_check(self.db.engine, session_checked=self.db.health_checked)  # R29, before anything is written
        except DatabaseDamaged:
            self.db.health_checked = False
            raise
        self.db.health_checked = True
        # One read of the key file: the copy inside and the recipients come from the same bytes.
        keyfile_bytes = self.db.key_path.read_bytes()
        recipients = self._recipients(KeyFile.from_bytes(keyfile_bytes))
        target = self._target(out, created)
        export = target.parent / f".{target.name}.export-{secrets.token_hex(6)}.tmp"
        backup_dek = bytearray(os.urandom(32))
        wrote = False
        try:
            export_encrypted(self.db.engine, export, backup_dek)
            db_uuid = check_copy(export, backup_dek)
            if db_uuid != self.db.db_uuid:
                raise IntegrityFailure("The copy is not of this database", code="backup.copy_damaged")
            manifest = {"format": FORMAT, "version": PAYLOAD_VERSION, "db_uuid": db_uuid,
                        "backup_dek": bytes(backup_dek).hex(), "keyfile_size": len(keyfile_bytes),
                        "db_size": export.stat().st_size}
            meta = {"format": FORMAT, "version": PAYLOAD_VERSION, "db_uuid": db_uuid,
                    "created_at": created.isoformat(), "reason": reason, "db_size": export.stat().st_size}
            verifier = X25519PrivateKey.generate()
            written = hashlib.sha256()
            write_container(target, _hashing(payload_chunks(manifest, keyfile_bytes, export), written),
                            [*recipients, KeyRecipient(verifier.public_key().public_bytes_raw())], meta)
            wrote = True
            read_back = hashlib.sha256()
            for chunk in read_container(target, KeySecret(verifier)):
                read_back.update(chunk)
            if read_back.digest() != written.digest():
                raise IntegrityFailure("The backup did not read back correctly", code="backup.verify_failed")
        except BaseException:
            remove_quietly(export)
            if wrote:
                target.unlink(missing_ok=True)
            raise
        finally:
            wipe(backup_dek)
        remove_quietly(export)
        size = target.stat().st_size
        seconds = round(time.monotonic() - started, 3)
        try:
            with self.tx() as tx:
                tx.audit("BACKUP_CREATED", entity="database",
                         detail={"reason": reason, "size": size, "seconds": seconds})
        except BaseException:
            # No backup without its audit event: a copy of everything that leaves no
            # trace is exactly what an insider would want.
            target.unlink(missing_ok=True)
            raise
        return BackupInfo(path=target, created_at=created, db_uuid=db_uuid, size=size, seconds=seconds,
                          reason=reason, recipients=len(recipients))

    def prune(self, folder: Path, keep: int) -> list[Path]:
        """Delete this database's oldest backups in ``folder`` beyond ``keep``.

        Only files whose header says they are our backups *of this database* are
        candidates; damaged or foreign files are never touched.
        """
        if keep < 1:
            raise ValidationError("Keep at least one backup", code="backup.keep")
        ours = [info for info in backups_in(folder) if not info.damaged and info.db_uuid == self.db.db_uuid]
        removed = []
        for info in ours[keep:]:
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError:
                log.warning("backup.prune_failed")
        return removed


def auto_backup(db: Database, actor: Actor, keep: int = DEFAULT_KEEP) -> BackupInfo | None:
    """The app's close hook: back up into the default folder and keep the newest ``keep``.

    Never raises into the close path: failures are logged by code (no paths, no
    personal data) and reported as None.
    """
    try:
        service = BackupService(db, actor)
        info = service.create(reason="auto_close")
        service.prune(default_backup_dir(db.path), keep)
        return info
    except TryggError as exc:
        log.warning("auto backup failed: %s", exc.code)
    except Exception as exc:  # noqa: BLE001 - the window must close whatever happens
        log.warning("auto backup failed: %s", type(exc).__name__)
    return None
