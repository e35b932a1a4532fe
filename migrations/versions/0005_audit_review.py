"""Log reviews signed off with their chain-head anchors (R20, R21).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""
from alembic import op  # noqa: F401

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled in by its issue's work


def downgrade() -> None:
    pass
