"""Log reviews signed off with their chain-head anchors (R20, R21).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reviewer_user_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.DateTime(), nullable=False),
        sa.Column("period_end", sa.DateTime(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("head_mac", sa.String(length=64), nullable=False),
        sa.Column("flagged_count", sa.Integer(), nullable=False),
        sa.Column("report_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["reviewer_user_id"], ["user_account.id"],
                                name=op.f("fk_audit_review_reviewer_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_review")),
    )
    with op.batch_alter_table("audit_review", schema=None) as batch_op:
        batch_op.create_index("ix_audit_review_period", ["period_start", "period_end"], unique=False)
    # A plain CREATE INDEX: a batch (copy-and-move) of audit_event would trip its append-only triggers.
    op.create_index("ix_audit_event_ts", "audit_event", ["ts"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_event_ts", table_name="audit_event")
    with op.batch_alter_table("audit_review", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_review_period")
    op.drop_table("audit_review")
