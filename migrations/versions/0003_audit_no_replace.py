"""Close the INSERT OR REPLACE hole in the append-only audit log (R19).

REPLACE deletes the conflicting row without firing BEFORE DELETE triggers (SQLite
fires them only with recursive_triggers on), so an insert that reuses an existing
seq is refused outright. PostgreSQL has no REPLACE: a conflicting insert fails on the
primary key, and ``ON CONFLICT DO UPDATE`` is an update, which 0001's trigger refuses.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute(
        "CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event "
        "WHEN EXISTS (SELECT 1 FROM audit_event WHERE seq = NEW.seq) "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_event_no_replace")
