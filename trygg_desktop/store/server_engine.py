"""The PostgreSQL engine of server mode (psycopg 3).

The URL carries the credentials of the server's own database role and is only ever read by
``trygg-server``; desktop clients never see it (they talk HTTPS to the server). READ
COMMITTED is PostgreSQL's default and what the service layer expects: the audit chain head
is row-locked per transaction (services/audit.py), other writes are single-row updates.
"""

from __future__ import annotations

import time
from typing import Any, Iterable

from sqlalchemy import Connection, Engine, Table, create_engine, event, exc, text
from sqlalchemy.orm import Session
from sqlalchemy.engine import make_url

POOL_SIZE = 10
MAX_OVERFLOW = 20
#: A pooled connection that has rested longer than this is pinged before it is handed out.
PING_AFTER_IDLE_SECONDS = 2.0


def make_server_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("server mode runs on PostgreSQL (postgresql+psycopg://…)")
    if parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    # No JIT: it pays off for queries that run for seconds; ours take milliseconds, and a high
    # cost estimate (a row policy's sub-selects) made PostgreSQL spend 0.3 s compiling one.
    engine = create_engine(parsed, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW,
                           connect_args={"options": "-c jit=off"})
    _ping_rested_connections(engine)
    return engine


def _ping_rested_connections(engine: Engine) -> None:
    """Ping a pooled connection before use only when it has rested (``PING_AFTER_IDLE_SECONDS``).

    SQLAlchemy's ``pool_pre_ping`` pings at every checkout, and a request checks out two
    connections (the session check, then the service with its doorbell): two more round trips
    to the database on every call, while the connections of a busy server were used a moment
    ago. A connection that rested is the one a restarted PostgreSQL, a dropped network or an
    idle timeout has cut; it is pinged, and a dead one is replaced before the request sees
    it (``DisconnectionError``: the pool connects again). A connection cut within its last
    seconds of use fails that one request with a clear error, and SQLAlchemy then renews
    every pooled connection older than the failure."""

    @event.listens_for(engine, "checkin")
    def rested_from(_dbapi: Any, record: Any) -> None:
        record.info["rested_from"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_rested(dbapi: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("rested_from", None)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return  # just connected, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi)
        except Exception as error:
            raise exc.DisconnectionError(f"a rested connection is gone: {type(error).__name__}") from None


def public_url(engine: Engine) -> str:
    """The URL without its password (logs, the Database's ``server`` field)."""
    return engine.url.render_as_string(hide_password=True)


def advance_identities(bind: Session | Connection, tables: Iterable[Table]) -> None:
    """After rows were written with explicit ids (the demo's batches, a moved local file): move
    PostgreSQL's identity sequences past them, or the next ordinary insert collides with a
    copied id. SQLite takes max(id) + 1 by itself: nothing to do there."""
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    if engine.dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        bind.execute(text(f"SELECT setval(pg_get_serial_sequence(:t, :c), "
                          f"GREATEST(COALESCE(MAX({column.name}), 0), 1), MAX({column.name}) IS NOT NULL) "
                          f"FROM {table.name}"), {"t": table.name, "c": column.name})


def settle_after_bulk_load(engine: Engine) -> None:
    """VACUUM (ANALYZE) every table, as the owner, after a bulk load (import-local, a restore).

    Until autovacuum gets round to rows that arrived in bulk, PostgreSQL plans as if the tables
    were empty, checks every row's visibility in the heap, and the journal's full-text index
    keeps the new entries in its unsorted pending list, which every search reads through: a
    search of the moved bench register (scale M) took 33 ms before and 24 ms after. SQLite:
    nothing to do."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:  # VACUUM: no transaction
        conn.execute(text("VACUUM (ANALYZE)"))
