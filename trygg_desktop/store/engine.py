"""SQLCipher engine: raw-key connect hook, pinned pragmas, immediate transactions.

Not the ``sqlite+pysqlcipher`` dialect: it sends ``pragma key=""`` without a URL
password, and a key never belongs in a URL. We use the plain sqlite dialect with
``module=sqlcipher3`` and key each new connection in a ``connect`` hook, then read
``sqlite_master`` at once so a wrong key fails before anything is written
(SECURITY.md §1, R3–R5).
"""

from __future__ import annotations

import logging
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from ..domain.errors import IntegrityFailure

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
#: Page cache per connection, in KiB (see ``apply_pragmas``).
CACHE_KIB = 32 * 1024

# The settings every connection must report (R3). Our DEK is a raw key, so
# kdf_iter is irrelevant but pinned anyway: a changed default would show up here.
GOLDEN_CIPHER_SETTINGS = (
    "PRAGMA kdf_iter = 256000;",
    "PRAGMA cipher_page_size = 4096;",
    "PRAGMA cipher_use_hmac = 1;",
    "PRAGMA cipher_plaintext_header_size = 0;",
    "PRAGMA cipher_hmac_algorithm = HMAC_SHA512;",
    "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;",
)


class WrongKey(IntegrityFailure):
    """The key does not open this file: a wrong key file, or a file that is not ours."""

    code = "db.wrong_key"
    default_message = "The key does not open this database file"


class DatabaseDamaged(IntegrityFailure):
    code = "db.damaged"
    default_message = "The database file is damaged"


class KeyHolder:
    """Holds the DEK in a mutable buffer so that locking can wipe it (R14, R15).

    Residual risk, documented in the README: each connect builds a short-lived hex
    ``str`` for the pragma, and SQLCipher keeps its own copy while a connection is open.
    """

    def __init__(self, dek: bytes | bytearray) -> None:
        if len(dek) != 32:
            raise ValueError("the database key must be 32 bytes")
        self._dek = bytearray(dek)

    @property
    def wiped(self) -> bool:
        return not any(self._dek)

    def pragma(self) -> str:
        if self.wiped:
            raise WrongKey("the database is locked", code="db.locked_key")
        return f"PRAGMA key = \"x'{self._dek.hex()}'\""

    def copy(self) -> bytearray:
        return bytearray(self._dek)

    def wipe(self) -> None:
        for i in range(len(self._dek)):
            self._dek[i] = 0


def raw_connect(path: Path, key: KeyHolder, *, readonly: bool = False) -> sqlcipher.Connection:
    """Open and verify one DBAPI connection (also used by tools that bypass SQLAlchemy)."""
    uri = f"file:{Path(path).as_posix()}?mode={'ro' if readonly else 'rwc'}"
    conn = sqlcipher.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                             timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _configure(conn, key, readonly=readonly)
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: Any, key: KeyHolder, *, readonly: bool) -> None:
    cur = conn.cursor()
    try:
        cur.execute(key.pragma())
        # The first read is where SQLCipher notices a wrong key: before any write.
        try:
            cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            msg = str(exc).lower()
            if "not a database" in msg or "encrypted" in msg:
                raise WrongKey() from None
            # The key is right but a schema page is damaged: name the pages (R6).
            problems = _page_problems(cur)
            raise DatabaseDamaged(f"The database file is damaged ({'; '.join(problems) or type(exc).__name__})",
                                  pages=damaged_pages(problems), problems=problems) from None
        apply_pragmas(cur, readonly=readonly)
    finally:
        cur.close()


def apply_pragmas(cur: Any, *, readonly: bool) -> None:
    """The pinned connection settings after the key. Shared with the benchmark's plain-SQLite
    twin (``bench.plain``) so both files run with exactly the same pragmas."""
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # A 32 MiB page cache (SQLite's default is 8 MiB): with SQLCipher every page that falls
    # out of the cache is decrypted and HMAC-checked again when next read. Measured at 10,000
    # cases (bench): name search 172 → 50 ms, full-text search 261 → 53 ms, dashboard 816 →
    # 312 ms. 64 MiB was a little faster still but took the GUI's peak RSS to the 350 MB
    # limit (the unlock's quick_check fills the cache). The pooled connection keeps it
    # between transactions; a lock closes it.
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA secure_delete = ON")
    if not readonly:
        mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DatabaseDamaged("could not switch to WAL", code="db.journal_mode")
    cur.execute("PRAGMA synchronous = FULL")


def _page_problems(cur: Any) -> list[str]:
    try:
        return [str(r[0]) for r in cur.execute("PRAGMA cipher_integrity_check").fetchall()]
    except sqlcipher.DatabaseError:
        return []


def damaged_pages(problems: list[str]) -> list[int]:
    """Page numbers named in ``cipher_integrity_check`` output."""
    return sorted({int(m) for line in problems for m in re.findall(r"page (\d+)", line)})


def make_engine(path: Path, key: KeyHolder, *, readonly: bool = False, echo: bool = False) -> Engine:
    """An engine whose every connection is keyed, verified and configured.

    One pooled connection is kept open between transactions (QueuePool, size 1;
    extra threads get short-lived overflow connections). It used to be NullPool,
    a fresh connection per transaction, which the benchmark showed costs far more
    than "about a millisecond" on a real database: every open re-reads the schema,
    every page is decrypted and HMAC-checked again into a cold page cache, and
    closing the last connection checkpoints the WAL into the file (two more fsyncs)
    and deletes it. A lock (R14) still leaves no connection behind:
    ``Database.close`` disposes the engine, which closes the pooled connection,
    before the key is wiped; a wiped key cannot open a new one.
    """
    path = Path(path)
    engine = create_engine(
        "sqlite://",
        creator=lambda: raw_connect(path, key, readonly=readonly),
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=8,
        pool_timeout=BUSY_TIMEOUT_MS / 1000,
        echo=echo,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:  # pragma: no cover - exercised by every write
        # Take the write lock at the start: no upgrade deadlocks between processes (R27).
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def raw(engine: Engine) -> Iterator[Any]:
    """The DBAPI connection outside any transaction, for PRAGMAs that must run in
    autocommit mode (checkpoint, integrity checks, rekey): SQLAlchemy would wrap
    ``exec_driver_sql`` in our BEGIN IMMEDIATE."""
    with engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        yield dbapi


def cipher_settings(engine: Engine) -> tuple[str, ...]:
    with raw(engine) as dbapi:
        return tuple(row[0] for row in dbapi.execute("PRAGMA cipher_settings").fetchall())


def quick_check(engine: Engine) -> list[str]:
    """``PRAGMA quick_check``: an empty list means healthy (R29)."""
    with raw(engine) as dbapi:
        rows = [str(r[0]) for r in dbapi.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def cipher_integrity_check(engine: Engine) -> list[str]:
    """``PRAGMA cipher_integrity_check``: every page HMAC; names the damaged pages (R6)."""
    with raw(engine) as dbapi:
        return [str(r[0]) for r in dbapi.execute("PRAGMA cipher_integrity_check").fetchall()]


def checkpoint(engine: Engine) -> None:
    with raw(engine) as dbapi:
        dbapi.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def rekey(engine: Engine, new_key: KeyHolder) -> None:
    """Re-encrypt every page under a new key (R11); the caller swaps the key file."""
    with engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        dbapi.execute(new_key.pragma().replace("PRAGMA key", "PRAGMA rekey", 1))
        # This connection now runs under the new key while the engine's creator still holds
        # the old one: never hand it out again.
        conn.invalidate()


def sidecar_paths(path: Path) -> list[Path]:
    """The files SQLite may create beside the database."""
    return [Path(str(path) + suffix) for suffix in ("-wal", "-shm", "-journal")]


def fsync_dir(path: Path) -> None:
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
