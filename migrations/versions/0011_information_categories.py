"""Information categories on goals, actions and agenda items (issue 12, item 6).

What reaches another agency must be filtered by the consent's *information* scope, not
only by agency: a BUP referral or a drug-use goal reached the police although the
consent left out Hälsa. ``information_category`` (an INFORMATION_CATEGORIES code) on
``plan_goal``, ``plan_action`` and ``agenda_item``; None means derived (goals and
actions: from the area, action type or agency) or no particular category (agenda).

Stored items whose text reads as health information are set to HALSA, failing closed:
an agency the consent does not give health information stops seeing them. The word
list is frozen here as it was when this revision was written (domain/information.py
may grow; a migration must not change behind a database).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_HEALTH = re.compile(
    r"\b(bup|barn- och ungdomspsykiatri|psykiatri|psykisk|psykolog|ungdomsmottagning|elevhälsa|skolsköterska|"
    r"skolläkare|vårdcentral|läkare|diagnos|adhd|autism|depression|ångest|självskad|suicid|medicin|"
    r"beroende|missbruk|drog|narkotika(?!brott|handel)|cannabis|hasch|alkohol|berusad|"
    r"behandling|öppenvård|abstinens|trauma)", re.IGNORECASE)

_TABLES = {"plan_goal": ("text",), "plan_action": ("description",), "agenda_item": ("heading", "note", "decision")}


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("information_category", sa.String(length=40), nullable=True))
    bind = op.get_bind()
    for table, columns in _TABLES.items():
        rows = bind.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}")).all()
        health = [{"id": row[0]} for row in rows if any(v and _HEALTH.search(v) for v in row[1:])]
        if health:
            bind.execute(sa.text(f"UPDATE {table} SET information_category = 'HALSA' WHERE id = :id"), health)


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("information_category")
