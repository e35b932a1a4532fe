"""Indexes found by the benchmark (issue 6).

``ix_case_file_open_list`` (closed_at, kind, referral_date, unit_id, responsible_user_id):
the case list's count and first page ("open SSPF cases, newest referral first") are
answered from the index alone instead of reading every case row (and its person):
at 10,000 cases the count went from ~95 ms to ~1 ms and the first page from ~95 ms to
~1.3 ms (plain SQLite timings; on SQLCipher the saving is larger, every row read is
a page to decrypt).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_case_file_open_list", "case_file",
                    ["closed_at", "kind", "referral_date", "unit_id", "responsible_user_id"])


def downgrade() -> None:
    op.drop_index("ix_case_file_open_list", table_name="case_file")
