"""Case assignments: stored case roles brought onto the case_role vocabulary (issue 12, item 2).

An empty revision: it was released as a reserved slot, so databases may already stand at
it; the work it was reserved for is in a later revision (the chain never changes behind
a database).

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
