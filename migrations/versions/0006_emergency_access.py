"""Emergency access grants (nödåtkomst, DOMAIN.md 6.6).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "emergency_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name=op.f("fk_emergency_grant_case_id_case_file")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_emergency_grant_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_grant")),
    )
    with op.batch_alter_table("emergency_grant", schema=None) as batch_op:
        batch_op.create_index("ix_emergency_grant_user_case", ["user_id", "case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("emergency_grant", schema=None) as batch_op:
        batch_op.drop_index("ix_emergency_grant_user_case")
    op.drop_table("emergency_grant")
