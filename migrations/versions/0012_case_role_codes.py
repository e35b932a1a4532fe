"""Case assignments: stored roles brought onto the case_role vocabulary (issue 12, item 2).

The demo generator wrote the user role ``HANDLAGGARE`` as a user's part in a case, a code
the ``case_role`` vocabulary does not have, so an export of such a database could not be
imported anywhere. A handläggare who is not the case's responsible is a participant;
any other unknown code is treated the same way (DELTAGARE grants nothing beyond the
connection the row already gives). The code list is frozen as it was when this revision
was written.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_KNOWN = ("ANSVARIG", "DELTAGARE", "KONTAKT")


def upgrade() -> None:
    op.get_bind().execute(
        sa.text("UPDATE case_assignment SET role_in_case = 'DELTAGARE' "
                "WHERE role_in_case NOT IN ('ANSVARIG', 'DELTAGARE', 'KONTAKT')"))


def downgrade() -> None:
    pass  # the wrong codes are not worth restoring
