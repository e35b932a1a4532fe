"""One schema, one Alembic chain: the migrations that build the SQLCipher file build the same
tables on PostgreSQL, the audit log is append-only there too (a trigger, whoever asks), and the
journal's full-text index is PostgreSQL's own (``swedish`` configuration, GIN)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy import exc as sa_exc

from trygg_desktop.store import migrate
from trygg_desktop.store.models import Base


@pytest.fixture
def migrated(pg_database: str):
    engine = create_engine(pg_database)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def test_models_and_migrations_agree_on_postgres(migrated) -> None:
    with migrated.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The generated tsvector column of the full-text index lives only in the migration, and
    # PostgreSQL drops a UNIQUE constraint that repeats the primary key (user_unit's, in 0001).
    diff = [d for d in diff if not (d[0] == "remove_column" and d[3].name == "text_search")
            and not (d[0] == "remove_index" and d[1].name == "ix_journal_entry_text_search")
            and not (d[0] == "add_constraint" and d[1].table.name == "user_unit"
                     and {c.name for c in d[1].columns} == {"user_id", "unit_id"})]
    assert diff == []
    assert migrate.current_revision(migrated) == migrate.head_revision()
    assert set(inspect(migrated).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}



@pytest.mark.parametrize("statement", ["UPDATE audit_event SET action = 'Z'", "DELETE FROM audit_event",
                                       "TRUNCATE audit_event"])
def test_the_audit_log_is_append_only_on_postgres(migrated, statement: str) -> None:
    columns = {c["name"] for c in inspect(migrated).get_columns("audit_event")}
    assert {"seq", "mac"} <= columns
    with migrated.begin() as conn:
        _insert_event_matching(conn, columns)
    with pytest.raises(sa_exc.DBAPIError, match="append-only"):
        with migrated.begin() as conn:
            conn.execute(text(statement))
    with migrated.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar() == 1


def _insert_event_matching(conn, columns: set[str]) -> None:
    """One row with every NOT NULL column filled, whatever the table's exact shape."""
    rows = conn.execute(text("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'audit_event' AND is_nullable = 'NO'")).all()
    values = {}
    for name, kind in rows:
        values[name] = 1 if kind in ("integer", "bigint") else ("2026-01-01" if "time" in kind or kind == "date"
                                                                else "x")
    names = ", ".join(values)
    conn.execute(text(f"INSERT INTO audit_event({names}) VALUES ({', '.join(':' + n for n in values)})"), values)


def test_journal_text_is_indexed_with_the_swedish_configuration(migrated) -> None:
    with migrated.connect() as conn:
        kind = conn.execute(text("SELECT data_type FROM information_schema.columns WHERE table_name = "
                                 "'journal_entry' AND column_name = 'text_search'")).scalar()
        index = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = "
                                  "'ix_journal_entry_text_search'")).scalar()
        stemmed = conn.execute(text("SELECT to_tsvector('swedish', 'fotbollsträningarna') @@ "
                                    "plainto_tsquery('swedish', 'fotbollsträning')")).scalar()
    assert kind == "tsvector" and "USING gin (text_search)" in index and stemmed is True


def test_the_servers_role_has_data_rights_only_and_the_audit_log_is_insert_only(pg_app_world) -> None:
    """As the role trygg-server connects as: the services work, but the audit log cannot be
    changed even where the trigger would not fire first, and no table can be created or dropped."""
    from ..scenarios import sspf_case
    built = sspf_case(pg_app_world)  # services write cases, consents, assignments and audit events
    assert built.case_id
    engine = create_engine(pg_app_world.app_dsn)
    try:
        for statement in ("UPDATE audit_event SET action = 'X'", "DELETE FROM audit_event",
                          "TRUNCATE audit_event", "CREATE TABLE stolen (x int)", "DROP TABLE case_file",
                          "ALTER TABLE case_file DISABLE TRIGGER ALL", "UPDATE alembic_version SET version_num = '0'"):
            with pytest.raises(sa_exc.DBAPIError, match="permission denied|must be owner"):
                with engine.begin() as conn:
                    conn.execute(text(statement))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar() > 5
            assert conn.execute(text("SELECT current_user")).scalar() == "trygg_app"
    finally:
        engine.dispose()
