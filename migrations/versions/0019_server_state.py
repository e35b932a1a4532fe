"""The shared state of trygg-server's workers (server mode, issue 13; PostgreSQL only).

Sessions, the change doorbell and the sign-in throttle lived in the memory of the one server
process (and the throttle in a JSON file beside it), so the server could not run more than one
worker, and a second worker would have refused every other request of a signed-in user and
counted failed sign-ins apart. They move into the database, in a schema of their own
(``trygg_server``) so that nothing that walks the case data's tables (export, import-local,
gallring, the bench's copy) meets them. None of it is case data: a session row holds the
SHA-256 of its token, never the token; a change row holds the hash of the session that wrote,
no data; a throttle row an opaque key. SQLite: nothing (the desktop has no server).

Revision ID: 0019
Revises: 0018
Create Date: 2027-01-24
"""
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

SCHEMA = "trygg_server"

STATEMENTS = (
    f"CREATE SCHEMA {SCHEMA}",
    # ``actor``: who signed in, as the sign-in found them (the session's roles do not change under it).
    f"""CREATE TABLE {SCHEMA}.session (
          token_hash text PRIMARY KEY,
          user_id integer NOT NULL,
          actor jsonb NOT NULL,
          client text NOT NULL,
          created double precision NOT NULL,
          last_seen double precision NOT NULL)""",
    f"CREATE INDEX session_user_id ON {SCHEMA}.session (user_id)",
    f"""CREATE TABLE {SCHEMA}.change (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          session_key text NOT NULL)""",
    f"""CREATE TABLE {SCHEMA}.throttle (
          key text PRIMARY KEY,
          failures integer NOT NULL,
          last double precision NOT NULL)""",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP SCHEMA {SCHEMA} CASCADE")
