"""Revision 0014 (EST register): tables, seeded categories, and an upgrade that keeps older data."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import text

from trygg_desktop.store import migrate
from trygg_desktop.store.engine import KeyHolder, make_engine

KEY = os.urandom(32)

#: The issue's list, written out here independently of the migration.
EXPECTED = {
    "Skadegörelse": {"Klotter", "Glaskross", "Brand"},
    "Otrygg samling av personer": {"Trapphus", "Källare", "Garage", "Centrum", "Utomhus"},
    "Ordningsstörande": {"Bråk", "Våld", "Hot", "Inbrott", "Rån", "Misstänkt narkotikahandel", "Olovlig körning"},
    "Otrygg plats": {"Belysning", "Nedskräpning", "Insyn", "Öde plats"},
    "Arrangemang": set(),
}


def test_0014_upgrades_a_0013_database_and_seeds_the_categories(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db", KeyHolder(KEY))
    migrate.upgrade(engine, "0013")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO agency(code, name) VALUES ('SOC', 'Socialtjänst')"))
        conn.execute(text("INSERT INTO unit(name, agency_code) VALUES ('SSPF Tureberg', 'SOC')"))
    migrate.upgrade(engine, "0014")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT name FROM unit")).scalar() == "SSPF Tureberg"
        rows = conn.execute(text("SELECT id, code, label, parent_id FROM est_category")).all()
        by_id = {r.id: r for r in rows}
        found: dict[str, set[str]] = {}
        for r in rows:
            if r.parent_id is None:
                found.setdefault(r.label, set())
            else:
                parent = by_id[r.parent_id]
                assert parent.parent_id is None and r.code.startswith(parent.code + ".")
                found.setdefault(parent.label, set()).add(r.label)
        assert found == EXPECTED
        # Nothing in the EST tables can point at a person or a case.
        for table in ("est_area", "est_place", "est_category", "est_incident", "est_action"):
            fks = conn.execute(text(f"PRAGMA foreign_key_list({table})")).all()
            assert {fk[2] for fk in fks} <= {"est_area", "est_place", "est_category", "user_account"}, table
            columns = {c[1] for c in conn.execute(text(f"PRAGMA table_info({table})"))}
            assert not columns & {"person_id", "case_id", "pnr"}, table
        conn.execute(text("INSERT INTO est_area(code, name, active, sort_order, created_at) "
                          "VALUES ('A', 'Område A', 1, 0, '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO est_incident(category_id, area_id, occurred_on, occurred_from, time_known,"
                          " reporting_agency, owning_agency, police_reported, created_at, updated_at, version) VALUES"
                          " (1, 1, :d, '2026-03-02 22:00:00', 1, 'POLIS', 'POLIS', 0, :t, :t, 1)"),
                     {"d": date(2026, 3, 2), "t": "2026-03-02 23:00:00"})
    with engine.begin() as conn:  # the downgrade removes the tables again
        command.downgrade(migrate.alembic_config(conn), "0012")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert not {t for t in tables if t.startswith("est_")}
