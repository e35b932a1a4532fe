"""The PostgreSQL engine of server mode (psycopg 3).

The URL carries the credentials of the server's own database role and is only ever read by
``trygg-server``; desktop clients never see it (they talk HTTPS to the server). READ
COMMITTED is PostgreSQL's default and what the service layer expects: the audit chain head
is row-locked per transaction (services/audit.py), other writes are single-row updates.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

POOL_SIZE = 10
MAX_OVERFLOW = 20


def make_server_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("server mode runs on PostgreSQL (postgresql+psycopg://…)")
    if parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW)


def public_url(engine: Engine) -> str:
    """The URL without its password (logs, the Database's ``server`` field)."""
    return engine.url.render_as_string(hide_password=True)
