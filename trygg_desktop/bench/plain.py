"""The plain-SQLite twin of the benchmark database: same schema, same rows, same pragmas.

The copy is made with ``sqlcipher_export`` into an attached database with an empty
key (SQLCipher's documented way to decrypt a file), so the two files hold the same
pages' worth of data. The twin is opened with the same SQLCipher library (so the
SQLite version is the same too), the same pragmas (``engine.apply_pragmas``: WAL,
synchronous=FULL, temp_store, foreign_keys, secure_delete, busy_timeout) and the
same BEGIN IMMEDIATE hook; the services run on it unchanged. Only the key and
with it the page encryption and HMAC differ, so the time ratio of a scenario on
the two files is the cost of the encryption.

The twin holds the synthetic benchmark data in clear: it exists only in the
benchmark's output folder and never for a real database.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from ..services.audit import META_AUDIT_KEY, AuditLog
from ..services.database import META_DB_UUID, Database
from ..store.engine import BUSY_TIMEOUT_MS, KeyHolder, apply_pragmas, raw
from ..store.models import Meta

PLAIN_NAME = "plain.db"


def export_plain(db: Database, target: Path) -> None:
    """Write the decrypted twin of ``db`` to ``target`` (replacing an old one)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    # Owner-only from the first byte, like the real database (synthetic data, but still).
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    with raw(db.engine) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        try:
            conn.execute("SELECT sqlcipher_export('plain')").fetchall()
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA plain.user_version = {int(version)}")
        finally:
            conn.execute("DETACH DATABASE plain")


def _plain_connect(path: Path) -> Any:
    conn = sqlcipher.connect(f"file:{path.as_posix()}?mode=rw", uri=True, isolation_level=None,
                             check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    cur = conn.cursor()
    try:
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
        apply_pragmas(cur, readonly=False)
    finally:
        cur.close()
    return conn


def make_plain_engine(path: Path) -> Engine:
    """``store.engine.make_engine`` without the key: same pool, same pragmas, BEGIN IMMEDIATE."""
    path = Path(path)
    engine = create_engine("sqlite://", creator=lambda: _plain_connect(path), module=sqlcipher,
                           poolclass=QueuePool, pool_size=1, max_overflow=8)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_plain(path: Path) -> Database:
    """A ``Database`` on the twin, with the audit key read from its own ``meta`` (the same key)."""
    engine = make_plain_engine(path)
    with Session(engine) as s:
        uuid = s.scalar(select(Meta.value).where(Meta.key == META_DB_UUID))
        audit_key = s.scalar(select(Meta.value).where(Meta.key == META_AUDIT_KEY))
    # The key holder is a random stand-in: nothing on this engine uses it.
    return Database(path=Path(path), engine=engine, key=KeyHolder(os.urandom(32)), db_uuid=uuid or "",
                    audit=AuditLog(bytes.fromhex(audit_key)))
