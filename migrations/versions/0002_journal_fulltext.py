"""Full-text search over journal text (FTS5, external content).

The index lives inside the encrypted file like every other page (R1). Triggers keep
it in step with ``journal_entry``; existing entries are indexed by a rebuild, so a
database made by revision 0001 finds its old entries after the upgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE journal_fts USING fts5("
        "text, content='journal_entry', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER journal_fts_ai AFTER INSERT ON journal_entry BEGIN "
        "INSERT INTO journal_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER journal_fts_ad AFTER DELETE ON journal_entry BEGIN "
        "INSERT INTO journal_fts(journal_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER journal_fts_au AFTER UPDATE OF text ON journal_entry BEGIN "
        "INSERT INTO journal_fts(journal_fts, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO journal_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute("INSERT INTO journal_fts(journal_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("journal_fts_au", "journal_fts_ad", "journal_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS journal_fts")
