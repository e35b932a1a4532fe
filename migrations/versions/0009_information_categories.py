"""Information categories on what reaches another agency (issue 12, item 6).

An empty revision: it was released as a reserved slot, so databases may already stand at
it; the work it was reserved for is in a later revision (the chain never changes behind
a database).

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
