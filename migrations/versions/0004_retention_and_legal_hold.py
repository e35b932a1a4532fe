"""Retention rules, legal hold and the disposal log (gallring, DOMAIN.md 6.5).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""
from alembic import op  # noqa: F401

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled in by its issue's work


def downgrade() -> None:
    pass
