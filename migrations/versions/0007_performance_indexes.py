"""Indexes found by the benchmark (issue 6).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""
from alembic import op  # noqa: F401

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled in by its issue's work


def downgrade() -> None:
    pass
