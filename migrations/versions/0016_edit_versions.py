"""A version on the records two people edit at once in server mode: agenda items and plan actions (issue 13).

Saving with the version one read refuses the save when a colleague saved in between (optimistic
concurrency: both versions are shown, nothing is overwritten). Existing rows start at 1.

Revision ID: 0016
Revises: 0015
Create Date: 2027-01-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TABLES = ("agenda_item", "plan_action")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
