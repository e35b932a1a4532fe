"""A justerat protocol keeps what it printed (issue 12, item 1).

``meeting.frozen_content``: the consent as it was on the meeting day, the plan lines
and the next-meeting text, frozen as canonical JSON at justering and covered by the
content hash, so a later consent, renewal or plan change never alters a protocol
that has been approved. Protocols approved before this revision keep their hash
(the service hashes them the old way) and state the consent on the meeting day.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("frozen_content", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("frozen_content")
