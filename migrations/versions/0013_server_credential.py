"""Server mode: a password verifier per account (issue 13).

In the embedded database a password unwraps the database key (the key file's slot), so the
file holds no password material at all. On the shared PostgreSQL server there is no file
key: ``trygg-server`` checks each password against an Argon2id verifier kept here, keyed
by the account's ``slot_id`` (the account's credential handle in both modes). The table
exists in both backends (one schema); the embedded database never writes to it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_credential",
        sa.Column("slot_id", sa.String(length=32), nullable=False),
        sa.Column("salt", sa.LargeBinary(length=16), nullable=False),
        sa.Column("verifier", sa.LargeBinary(length=32), nullable=False),
        sa.Column("memory_kib", sa.Integer(), nullable=False),
        sa.Column("iterations", sa.Integer(), nullable=False),
        sa.Column("lanes", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("slot_id", name=op.f("pk_server_credential")),
    )


def downgrade() -> None:
    op.drop_table("server_credential")
