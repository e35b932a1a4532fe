"""Full-text search over journal text (FTS5, external content; PostgreSQL: tsvector + GIN).

The index lives inside the encrypted file like every other page (R1). Triggers keep
it in step with ``journal_entry``; existing entries are indexed by a rebuild, so a
database made by revision 0001 finds its old entries after the upgrade.

On PostgreSQL (server mode) the index is a stored generated ``tsvector`` column with the
``swedish`` text search configuration and a GIN index: the engine keeps it in step.

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
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE journal_entry ADD COLUMN text_search tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('swedish', text)) STORED")
        op.execute("CREATE INDEX ix_journal_entry_text_search ON journal_entry USING GIN (text_search)")
        return
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
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_journal_entry_text_search")
        op.execute("ALTER TABLE journal_entry DROP COLUMN IF EXISTS text_search")
        return
    for trigger in ("journal_fts_au", "journal_fts_ad", "journal_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS journal_fts")
