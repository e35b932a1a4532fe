"""Models and migrations agree, and a database made by revision 0001 upgrades."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
import pytest
from sqlalchemy import text

from trygg_desktop.store import migrate
from trygg_desktop.store.engine import KeyHolder, WrongKey, make_engine
from trygg_desktop.store.models import Base

FTS_TABLES = ("journal_fts",)


KEY = os.urandom(32)


def _fresh_engine(tmp_path: Path):
    path = tmp_path / "m.db"
    return path, make_engine(path, KeyHolder(KEY))


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    _, engine = _fresh_engine(tmp_path)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The FTS5 index (virtual table + shadow tables) lives only in the migration.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith(FTS_TABLES))]
    assert diff == []
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_revision_0001_database_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    path, engine = _fresh_engine(tmp_path)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO agency(code, name) VALUES ('SOC', 'Socialtjänst')"))
        conn.execute(text("INSERT INTO unit(name, agency_code) VALUES ('SSPF Tureberg', 'SOC')"))
        conn.execute(text("INSERT INTO person(first_name, last_name, reserve_id, legal_gender, protected_identity,"
                          " created_at, updated_at) VALUES ('Alva', 'Berg', 'R1', 'OKAND', 'NONE', :t, :t)"),
                     {"t": "2026-01-01 00:00:00"})
        conn.execute(text("INSERT INTO case_file(kind, reference, person_id, unit_id, status, referral_date, concerns,"
                          " urgency, orosanmalan, legal_hold, created_at, updated_at) VALUES ('SSPF', 'SSPF-2026-0001',"
                          " 1, 1, 'AKTUALISERAD', :d, '[]', 'NORMAL', 'OKANT', 0, :t, :t)"),
                     {"d": date(2026, 1, 1), "t": "2026-01-01 00:00:00"})
        conn.execute(text("INSERT INTO journal_entry(case_id, event_date, written_at, author_name, entry_type, text,"
                          " owning_agency, visibility, information_category) VALUES (1, :d, :t, 'A', 'SAMTAL',"
                          " 'Gammal anteckning om fotbollsträning', 'SOC', 'INTERNAL', 'BETEENDE')"),
                     {"d": date(2026, 1, 1), "t": "2026-01-01 00:00:00"})
    assert migrate.current_revision(engine) == "0001"
    copy = migrate.migrate_if_needed(engine, path)
    assert migrate.current_revision(engine) == migrate.head_revision()
    # An encrypted safety copy was kept before migrating, and it is not plaintext.
    assert copy is not None and copy.exists()
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    assert b"fotbollstr" not in copy.read_bytes()
    with engine.connect() as conn:
        hits = conn.execute(text("SELECT rowid FROM journal_fts WHERE journal_fts MATCH 'fotbollstraning'")).all()
        assert [h[0] for h in hits] == [1], "old entries are indexed by the upgrade (diacritics folded)"
        assert conn.execute(text("SELECT reference FROM case_file")).scalar() == "SSPF-2026-0001"
    # The safety copy opens with the same key (and only with it) and is still at 0001.
    assert migrate.current_revision(make_engine(copy, KeyHolder(KEY))) == "0001"
    with pytest.raises(WrongKey):
        with make_engine(copy, KeyHolder(os.urandom(32))).connect():
            pass


def test_revision_0012_brings_stored_case_roles_onto_the_vocabulary(tmp_path: Path) -> None:
    """Issue 12 (2): demo databases held ``HANDLAGGARE`` as a case role, which made their
    export impossible to import. The upgrade maps every unknown role to DELTAGARE and
    leaves the known ones alone."""
    from trygg_desktop.domain import vocab
    _, engine = _fresh_engine(tmp_path)
    migrate.upgrade(engine, "0011")
    t = "2026-01-01 00:00:00"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO agency(code, name) VALUES ('SOC', 'Socialtjänst')"))
        conn.execute(text("INSERT INTO unit(name, agency_code) VALUES ('SSPF Tureberg', 'SOC')"))
        conn.execute(text("INSERT INTO person(first_name, last_name, reserve_id, legal_gender, protected_identity,"
                          " created_at, updated_at) VALUES ('Alva', 'Berg', 'R1', 'OKAND', 'NONE', :t, :t)"), {"t": t})
        conn.execute(text("INSERT INTO case_file(kind, reference, person_id, unit_id, status, referral_date, concerns,"
                          " urgency, orosanmalan, legal_hold, created_at, updated_at) VALUES ('SSPF', 'SSPF-2026-0001',"
                          " 1, 1, 'AKTUALISERAD', :d, '[]', 'NORMAL', 'OKANT', 0, :t, :t)"),
                     {"d": date(2026, 1, 1), "t": t})
        for i, (name, role) in enumerate((("a", "ANSVARIG"), ("b", "HANDLAGGARE"), ("c", "KONTAKT"), ("d", "X")), 1):
            conn.execute(text("INSERT INTO user_account(username, display_name, agency_code, slot_id, active,"
                              " created_at) VALUES (:u, :u, 'SOC', :u, 1, :t)"), {"u": name, "t": t})
            conn.execute(text("INSERT INTO case_assignment(case_id, user_id, role_in_case, assigned_at)"
                              " VALUES (1, :i, :r, :t)"), {"i": i, "r": role, "t": t})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        roles = [r[0] for r in conn.execute(text("SELECT role_in_case FROM case_assignment ORDER BY user_id"))]
    assert roles == ["ANSVARIG", "DELTAGARE", "KONTAKT", "DELTAGARE"]
    assert all(r in vocab.CASE_ROLES for r in roles)
