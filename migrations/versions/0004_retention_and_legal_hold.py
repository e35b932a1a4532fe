"""Retention rules, legal hold and the disposal log (gallring, DOMAIN.md 6.5).

The default rules are seeded here (a copy of ``domain.retention.DEFAULT_RULES`` at
the time of writing: a migration must not change when the code's defaults do).
Existing ``case_file.legal_hold = 1`` flags (from an import) become hold rows so
the new table is the one source of truth.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# record_type, years, start_event, enabled, research_sample
DEFAULT_RULES = [
    ("SSPF_CASE", 5, "CASE_CLOSED", True, False),
    ("TREFAS_CASE", 5, "CASE_CLOSED", True, False),
    ("AVHOPP_CASE", 5, "LAST_ENTRY", True, True),
    ("CONSENT", 5, "CONSENT_ENDED", False, False),
    ("PROTOCOL", 5, "MEETING_HELD", False, False),
    ("JOURNAL", 5, "LAST_ENTRY", False, False),
    ("AUDIT_LOG", 10, "CREATED", False, False),
]


def upgrade() -> None:
    rule = op.create_table(
        "retention_rule",
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("years", sa.Integer(), nullable=False),
        sa.Column("start_event", sa.String(length=40), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("research_sample", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("record_type", name=op.f("pk_retention_rule")),
    )
    op.create_table(
        "legal_hold",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name=op.f("fk_legal_hold_case_id_case_file")),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_legal_hold")),
    )
    op.create_table(
        "disposal_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_ref", sa.String(length=64), nullable=False),
        sa.Column("closed_at", sa.Date(), nullable=True),
        sa.Column("last_entry", sa.Date(), nullable=True),
        sa.Column("rule_years", sa.Integer(), nullable=False),
        sa.Column("rule_start_event", sa.String(length=40), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.Column("executed_at", sa.DateTime(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disposal_log")),
    )
    with op.batch_alter_table("disposal_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disposal_log_run_id"), ["run_id"], unique=False)
    op.bulk_insert(rule, [
        {"record_type": t, "years": y, "start_event": e, "enabled": en, "research_sample": rs,
         "updated_by": None, "updated_at": None}
        for t, y, e, en, rs in DEFAULT_RULES])
    op.execute("INSERT INTO legal_hold(case_id, reason, set_by, set_at) "
               "SELECT id, 'import', 'migration', CURRENT_TIMESTAMP FROM case_file WHERE legal_hold")


def downgrade() -> None:
    with op.batch_alter_table("disposal_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disposal_log_run_id"))
    op.drop_table("disposal_log")
    op.drop_table("legal_hold")
    op.drop_table("retention_rule")
