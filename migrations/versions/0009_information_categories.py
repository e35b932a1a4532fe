"""Information categories on what reaches another agency (issue 12, item 6).

A numbered slot reserved so parallel work keeps one linear chain; a no-op until filled.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
