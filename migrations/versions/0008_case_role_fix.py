"""Case assignments: stored case roles brought onto the case_role vocabulary (issue 12, item 2).

A numbered slot reserved so parallel work keeps one linear chain; a no-op until filled.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
