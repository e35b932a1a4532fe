"""EST meetings: the period a meeting's lägesbild covers, and the actions decided in a meeting (issue 15).

``meeting.est_period`` (a period code such as ``2026-W49``) marks an EST meeting and names the
lägesbild its agenda is built from and its protocol carries; ``est_action.meeting_id`` ties an
action to the meeting that decided it, so the protocol lists its own decisions.

Revision ID: 0015
Revises: 0014
Create Date: 2027-01-20
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("est_period", sa.String(length=32), nullable=True))
    with op.batch_alter_table("est_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_est_action_meeting_id_meeting"), "meeting", ["meeting_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_est_action_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("est_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_est_action_meeting_id"))
        batch_op.drop_constraint(batch_op.f("fk_est_action_meeting_id_meeting"), type_="foreignkey")
        batch_op.drop_column("meeting_id")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("est_period")
