"""A version on the case and on the meeting for their in-place edits (server mode, issue 13).

Revision 0016 gave agenda items and plan actions a version. What was still saved blind: a
case's follow-up date and status, and a protocol's "next meeting" part (time, place, guardians
informed). Two colleagues changing them at once now get a conflict instead of the later save
silently replacing the earlier one. Existing rows start at 1.

Revision ID: 0018
Revises: 0017
Create Date: 2027-01-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

TABLES = ("case_file", "meeting")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
