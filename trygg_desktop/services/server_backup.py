"""``trygg-server backup`` / ``restore``: the database dump inside the encrypted CMX1 container.

A server backup is the same kind of file as the desktop's (vault/container.py: AES-256-GCM in
64 KiB chunks, the header authenticated, a cut-off or edited file refused), with this payload::

    b"TDBK" | manifest length (4 bytes) | manifest JSON | pg_dump custom-format archive

``pg_dump`` (found beside the server binaries like cluster.py finds them, else on ``PATH``)
writes into a pipe and its output is encrypted as it arrives: the dump never touches the disk
in plain text (the container's own temp file beside the target holds ciphertext only). The
desktop backup seals the file key to the key file's slots (the recovery code, each
administrator's password); the server has no key file and its passwords are verifiers, not
keys, so the file key is wrapped under Argon2id of a **backup passphrase**
(``PassphraseRecipient``, as the e-archive package does) that IT keeps apart from the
backups. As in the desktop backup the file is read back with a throwaway X25519 key and
compared (SHA-256) with what was written, and ``BACKUP_CREATED`` is logged (no backup without
its audit event: the file is removed if the event cannot be written).

Restore never writes over the live database while it is unsure: the archive is streamed from
the container into ``pg_restore`` (one transaction) in a **new** database beside the target;
only when that finished, its id matches the backup's and its audit chain verifies is it
swapped in by renaming (both renames in one transaction). The replaced database is kept under
``<name>_before_restore_<stamp>`` for IT to drop. A wrong passphrase fails before anything is
created; a tampered or truncated file stops ``pg_restore`` before it sees the end of its
input, and the new database is dropped: the target is unchanged either way.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import struct
import subprocess
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from ..domain.errors import IntegrityFailure, TryggError, ValidationError
from .audit import verify_chain
from ..store.migrate import head_revision
from ..store.server_engine import settle_after_bulk_load
from ..vault.container import (KeyRecipient, KeySecret, PassphraseRecipient, PassphraseSecret, read_container,
                               read_meta, write_container)
from ..vault.kdf import KdfParams
from ..store.pg_binaries import INSTALL_HINT, find_bindir
from .server_ops import open_existing
from .server_state import SHARED_STATE_SCHEMA

SERVER_FORMAT = "trygg-server-backup"
PAYLOAD_VERSION = 1
PAYLOAD_MAGIC = b"TDBK"
MIN_PASSPHRASE = 12
READ_BLOCK = 1024 * 1024
_LEN = struct.Struct(">I")
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_ROW_ECHO = re.compile(r"\s*(?:pg_(?:dump|restore): )?(?:(?:error|warning|detail|hint): )?(?:DETAIL|CONTEXT|Command was|QUERY|LINE \d+)",
                       re.IGNORECASE)
#: URL query keys handed to libpq as they are (TLS to the database, time-outs).
_LIBPQ_KEYS = frozenset({"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "gssencmode",
                         "connect_timeout", "target_session_attrs", "application_name", "host", "port"})


class ServerBackupError(TryggError):
    code = "server.backup"
    default_message = "Säkerhetskopieringen misslyckades"


# ------------------------------------------------------------------ PostgreSQL's programs


def pg_tool(name: str) -> Path:
    """``pg_dump`` or ``pg_restore``: beside the newest server binaries ≥ 15, else on PATH."""
    bindir = find_bindir()
    if bindir is not None and (bindir / name).exists():
        return bindir / name
    found = shutil.which(name)
    if found:
        return Path(found)
    raise ServerBackupError(f"Programmet {name} finns inte. {INSTALL_HINT}", code="server.no_pg_tools")


def _quote(value: Any) -> str:
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def libpq_connection(url: str | URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string for the URL and the environment to run a tool in: the password
    goes in ``PGPASSWORD`` (the environment of our own child), never on a command line, which
    every user of the machine can read."""
    parsed = make_url(url) if isinstance(url, str) else url
    parts: dict[str, Any] = {"dbname": parsed.database, "host": parsed.host, "port": parsed.port,
                             "user": parsed.username}
    for key, value in parsed.query.items():
        if key in _LIBPQ_KEYS:
            parts[key] = value[-1] if isinstance(value, tuple) else value
    conninfo = " ".join(f"{k}={_quote(v)}" for k, v in parts.items() if v not in (None, ""))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return conninfo, env


class _Stderr:
    """A child's standard error read in a thread (a full pipe would stall it), kept in memory."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._data = bytearray()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[bytes]) -> None:
        while block := stream.read(8192):
            self._data += block

    def tail(self) -> str:
        """The tool's own error lines. PostgreSQL's DETAIL/CONTEXT lines and echoed commands are
        left out: on a failed COPY they quote the row, which is case data."""
        self._thread.join(10)
        lines = [line for line in self._data.decode("utf-8", "replace").splitlines()
                 if line.strip() and not _ROW_ECHO.match(line)]
        return " ".join(lines)[-800:]


# ------------------------------------------------------------------ backup


def check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError(f"Lösenfrasen för säkerhetskopian behöver minst {MIN_PASSPHRASE} tecken.",
                              code="server.passphrase_short", minimum=MIN_PASSPHRASE)


@dataclass(frozen=True)
class ServerBackupInfo:
    path: Path
    created_at: datetime
    db_uuid: str
    schema_revision: str
    size: int
    seconds: float


def _hashing(chunks: Iterable[bytes], digest: Any) -> Iterator[bytes]:
    for chunk in chunks:
        digest.update(chunk)
        yield chunk


def _payload_head(manifest: dict[str, Any]) -> bytes:
    body = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    return PAYLOAD_MAGIC + _LEN.pack(len(body)) + body


def create_backup(url: str, out: Path, passphrase: str, *, kdf_params: KdfParams | None = None) -> ServerBackupInfo:
    """Dump the server database into an encrypted, read-back-verified container at ``out``."""
    check_passphrase(passphrase)
    out = Path(out)
    if out.exists():
        raise ValidationError(f"Filen finns redan: {out}", code="backup.out_exists")
    if not out.parent.is_dir():
        raise ValidationError(f"Mappen finns inte: {out.parent}", code="backup.no_folder")
    pg_dump = pg_tool("pg_dump")
    db = open_existing(url)  # recognise the database before anything runs
    try:
        started = time.monotonic()
        created = datetime.now(timezone.utc)
        with Session(db.engine) as s:
            revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conninfo, env = libpq_connection(url)
        manifest = {"format": SERVER_FORMAT, "version": PAYLOAD_VERSION, "db_uuid": db.db_uuid,
                    "schema_revision": revision, "created_at": created.isoformat()}
        meta = {**manifest, "reason": "manual"}
        # One snapshot of the whole database, compressed, streamed to us through a pipe. The
        # workers' sessions and throttle counts stay out (their tables travel, empty): a restore
        # must not bring old sign-ins back to life.
        process = subprocess.Popen([str(pg_dump), "--format=custom", "--no-password",
                                    f"--exclude-table-data={SHARED_STATE_SCHEMA}.*", "--dbname", conninfo],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=env)
        errors = _Stderr(process.stderr)

        def payload() -> Iterator[bytes]:
            yield _payload_head(manifest)
            while block := process.stdout.read(READ_BLOCK):
                yield block
            if process.wait() != 0:  # raised inside the writer: the container is never completed
                raise ServerBackupError(f"pg_dump misslyckades: {errors.tail()}", code="server.dump_failed")

        verifier = X25519PrivateKey.generate()
        written = hashlib.sha256()
        try:
            write_container(out, _hashing(payload(), written),
                            [PassphraseRecipient(passphrase, kdf_params),
                             KeyRecipient(verifier.public_key().public_bytes_raw())], meta)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            process.stdout.close()
        try:
            read_back = hashlib.sha256()
            for chunk in read_container(out, KeySecret(verifier)):
                read_back.update(chunk)
            if read_back.digest() != written.digest():
                raise IntegrityFailure("Säkerhetskopian gick inte att läsa tillbaka oförändrad; den är borttagen.",
                                       code="backup.verify_failed")
            size = out.stat().st_size
            seconds = round(time.monotonic() - started, 3)
            with db.session() as s:  # no backup without its audit event
                db.audit.append(s, None, "BACKUP_CREATED", entity="database",
                                detail={"reason": "server", "size": size, "seconds": seconds})
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        return ServerBackupInfo(path=out, created_at=created, db_uuid=db.db_uuid, schema_revision=revision,
                                size=size, seconds=seconds)
    finally:
        db.close()


# ------------------------------------------------------------------ restore


@dataclass(frozen=True)
class ServerRestoreReport:
    database: str
    previous: str | None  # the replaced database, kept under this name
    db_uuid: str
    events: int
    backup_created_at: str | None
    seconds: float
    schema_revision: str  # an older one is restored as it was: ``trygg-server migrate`` then

    @property
    def needs_migration(self) -> bool:
        return self.schema_revision != head_revision()


def _split_payload(chunks: Iterator[bytes]) -> tuple[dict[str, Any], Iterator[bytes]]:
    """The manifest, and the rest of the payload (the archive) as an iterator."""
    buffer = bytearray()

    def need(size: int) -> None:
        while len(buffer) < size:
            try:
                buffer.extend(next(chunks))
            except StopIteration:
                raise ServerBackupError("Säkerhetskopian är ofullständig.", code="server.backup_format") from None

    need(8)
    if bytes(buffer[:4]) != PAYLOAD_MAGIC:
        raise ServerBackupError("Filen är ingen säkerhetskopia av en Trygg-server.", code="server.backup_format")
    (length,) = _LEN.unpack(bytes(buffer[4:8]))
    if length > 1024 * 1024:
        raise ServerBackupError("Säkerhetskopians innehållsförteckning är skadad.", code="server.backup_format")
    need(8 + length)
    try:
        manifest = json.loads(bytes(buffer[8:8 + length]))
    except ValueError:
        raise ServerBackupError("Säkerhetskopians innehållsförteckning är skadad.",
                                code="server.backup_format") from None
    rest = bytes(buffer[8 + length:])

    def archive() -> Iterator[bytes]:
        if rest:
            yield rest
        yield from chunks

    return manifest, archive()


def _admin_engine(target: URL):
    """A connection to the cluster's maintenance database as the target's owner (CREATE, RENAME
    and DROP DATABASE cannot run inside the database they change)."""
    return create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _drop_quietly(target: URL, name: str) -> None:
    engine = _admin_engine(target)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except sa_exc.DBAPIError:
        pass
    finally:
        engine.dispose()


def _pg_restore(url: URL, archive: Iterator[bytes]) -> None:
    conninfo, env = libpq_connection(url)
    process = subprocess.Popen([str(pg_tool("pg_restore")), "--no-password", "--no-owner", "--single-transaction",
                                "--exit-on-error", "--dbname", conninfo],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    errors = _Stderr(process.stderr)
    try:
        try:
            for chunk in archive:
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # pg_restore stopped (an error): its exit code and message tell why
    except BaseException:
        # A tampered or cut-off file: pg_restore must never see the end of its input, so its
        # one transaction is never committed; the new database is dropped by the caller.
        process.kill()
        process.wait()
        raise
    if process.wait() != 0:
        raise ServerBackupError(f"pg_restore misslyckades, ingenting återställdes: {errors.tail()}",
                                code="server.restore_failed")


def _swap(target: URL, name: str, fresh: str, stamp: str) -> str | None:
    """Rename ``fresh`` to ``name``, keeping an existing ``name`` as ``<name>_before_restore_…``;
    both renames in one transaction, so the database is the old one or the new one, never none."""
    engine = create_engine(target.set(database="postgres"))
    previous = f"{name[:40]}_before_restore_{stamp}"
    try:
        with engine.begin() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
            if exists:
                conn.execute(text(f'ALTER DATABASE "{name}" RENAME TO "{previous}"'))
            conn.execute(text(f'ALTER DATABASE "{fresh}" RENAME TO "{name}"'))
    except sa_exc.OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == "55006":  # object_in_use
            raise ValidationError(
                f"Databasen {name} används av andra anslutningar (trygg-server serve?). Stoppa servern och "
                f"försök igen; ingenting återställdes.", code="server.database_in_use") from None
        raise
    finally:
        engine.dispose()
    return previous if exists else None


def restore_backup(url: str, source: Path, passphrase: str) -> ServerRestoreReport:
    """Restore a server backup into the database of ``url`` (see the module text)."""
    started = time.monotonic()
    source = Path(source)
    meta = read_meta(source)  # not a container, missing: a clear ContainerError
    if meta.get("format") != SERVER_FORMAT:
        raise ValidationError("Filen är ingen säkerhetskopia av en Trygg-server (trygg-server backup); "
                              "en skrivbordsdatabas återställs med trygg-desktop restore.",
                              code="server.backup_format")
    manifest, archive = _split_payload(read_container(source, PassphraseSecret(passphrase)))  # wrong secret: here
    if manifest.get("format") != SERVER_FORMAT or manifest.get("version") != PAYLOAD_VERSION:
        raise ValidationError("Säkerhetskopian har ett okänt format.", code="server.backup_format")
    target = make_url(url)
    if target.get_backend_name() != "postgresql":
        raise ValidationError("server mode runs on PostgreSQL (postgresql+psycopg://…)", code="server.dsn")
    name = target.database or ""
    if not _NAME.fullmatch(name):
        raise ValidationError("Databasnamnet får bara innehålla a–z, 0–9 och _", code="server.database_name")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    fresh = f"{name[:40]}_restore_{secrets.token_hex(4)}"
    engine = _admin_engine(target)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{fresh}"'))
    finally:
        engine.dispose()
    try:
        _pg_restore(target.set(database=fresh), archive)
        db = open_existing(target.set(database=fresh).render_as_string(hide_password=False))
        try:
            if db.db_uuid != manifest.get("db_uuid"):
                raise IntegrityFailure("Säkerhetskopian stämmer inte med sin innehållsförteckning; ingenting "
                                       "återställdes.", code="server.restore_mismatch")
            with Session(db.engine) as s, s.begin():
                report = verify_chain(s, db.audit.key)
            if not report.ok:
                raise IntegrityFailure(f"Loggkedjan i säkerhetskopian är bruten ({report.first_problem}); ingenting "
                                       "återställdes.", code="server.restore_chain")
            with db.session() as s:
                db.audit.append(s, None, "BACKUP_RESTORED", entity="database",
                                detail={"backup_created_at": meta.get("created_at"), "events": report.events,
                                        "schema_revision": manifest.get("schema_revision")})
            settle_after_bulk_load(db.engine)  # pg_restore brings rows, not statistics or a tidy index
        finally:
            db.close()
        previous = _swap(target, name, fresh, stamp)
    except BaseException:
        _drop_quietly(target, fresh)
        raise
    return ServerRestoreReport(database=name, previous=previous, db_uuid=manifest["db_uuid"],
                               events=report.events + 1, backup_created_at=meta.get("created_at"),
                               seconds=round(time.monotonic() - started, 3),
                               schema_revision=str(manifest.get("schema_revision")))
