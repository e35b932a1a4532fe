"""``trygg-server import-local``: a desktop database (SQLCipher) with demo data moved to an empty
server database: every table's rows, the audit chain carried unchanged (the same MACs) and
verified there, the server usable afterwards (new ids after the copied ones), and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from trygg_desktop.domain.errors import WrongPassword
from trygg_desktop.server.main import main
from trygg_desktop.services.database import unlock
from trygg_desktop.services.demo import DemoService
from trygg_desktop.services.facade import Services
from trygg_desktop.services.server_database import open_server_database, sign_in
from trygg_desktop.store.models import Base, User
from trygg_desktop.vault.throttle import Throttle

from ..conftest import ADMIN_PASSWORD, PASSWORD, World, copy_database
from ..scenarios import sspf_case

NEW_PASSWORD = "nytt serverlösenord"


@pytest.fixture
def local_file(template_db: Path, tmp_path: Path, state_dir: Path) -> Path:
    """A desktop database with the tests' users, an SSPF case and a few demo cases (with EST)."""
    data = tmp_path / "data"
    data.mkdir()
    path = copy_database(template_db, data)
    db, admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(state_dir / "throttle.json"))
    try:
        with db.session() as s:
            from trygg_desktop.services.database import actor_for
            actors = {u.username: actor_for(u) for u in s.scalars(select(User))}
        units = {u.name: u.id for u in Services(db, admin).users.list_units()}
        local = World(path=path, db=db, actors=actors, units=units, state_dir=state_dir)
        sspf_case(local)
        DemoService(db, admin).generate(cases=8, seed=3, create_accounts=False, est=True)
        with db.engine.begin() as conn:  # a link to a case made later (a higher id): copied in a second pass
            conn.execute(text("UPDATE case_file SET linked_case_id = (SELECT max(id) FROM case_file) "
                              "WHERE id = (SELECT min(id) FROM case_file)"))
    finally:
        db.close()
    return path


def _local_rows(path: Path) -> tuple[dict[str, int], list[tuple[int, str]]]:
    db, _admin = unlock(path, "admin", ADMIN_PASSWORD)
    try:
        with db.engine.connect() as conn:
            counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in Base.metadata.sorted_tables}
            chain = [tuple(r) for r in conn.execute(text("SELECT seq, mac FROM audit_event ORDER BY seq"))]
    finally:
        db.close()
    return counts, chain


def test_import_local_moves_every_row_and_the_chain_verified(local_file, pg_database, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRYGG_SERVER_DSN", pg_database)
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    assert main(["import-local", "--from", str(local_file), "--as", "admin"]) == 0
    out = capsys.readouterr().out
    assert "radantalen stämmer" in out and "behöver ett nytt lösenord" in out and "samordnare" in out
    local_counts, local_chain = _local_rows(local_file)  # the file, re-opened (one more LOGIN event)
    engine = create_engine(pg_database)
    with engine.connect() as conn:
        server_counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                         for t in Base.metadata.sorted_tables}
        server_chain = [tuple(r) for r in conn.execute(text("SELECT seq, mac FROM audit_event ORDER BY seq"))]
        last = conn.execute(text("SELECT action, detail FROM audit_event ORDER BY seq DESC LIMIT 1")).one()
        link = conn.execute(text("SELECT linked_case_id FROM case_file WHERE id = (SELECT min(id) FROM case_file)")
                            ).scalar()
        assert link == conn.execute(text("SELECT max(id) FROM case_file")).scalar()
        # Vacuumed and analysed at once (statistics, visibility, the search index's pending list),
        # not when autovacuum gets round to it.
        analysed = set(conn.execute(text("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND last_vacuum IS NOT NULL"))
                       .scalars())
        assert {"case_file", "journal_entry", "person", "audit_event"} <= analysed
    engine.dispose()
    assert local_counts["case_file"] >= 9 and local_counts["person"] >= 9 and local_counts["journal_entry"] > 0
    for table, count in local_counts.items():
        if table == "audit_event":
            continue
        expected = count + (1 if table == "server_credential" else 0)  # the importing admin's verifier
        assert server_counts[table] == expected, table
    # The chain is the file's, event for event, MAC for MAC, up to the export event; then the import.
    exported = server_chain[:-1]
    assert exported == local_chain[:len(exported)] and len(local_chain) == len(exported) + 1  # + the re-open's LOGIN
    assert last[0] == "BULK_IMPORT" and f'"local_head_seq":{exported[-1][0]}' in last[1]
    assert exported[-1][1] in last[1]
    assert main(["audit", "verify"]) == 0
    assert "OK:" in capsys.readouterr().out

    db = open_server_database(pg_database)
    try:
        admin = sign_in(db, "admin", ADMIN_PASSWORD)  # the password that opened the file works on the server
        with pytest.raises(WrongPassword):
            sign_in(db, "samordnare", PASSWORD)  # key-file slots do not move: a new password first
        monkeypatch.setenv("TRYGG_NEW_PASSWORD", NEW_PASSWORD)
        assert main(["user", "passwd", "--as", "admin", "--username", "samordnare"]) == 0
        coordinator = sign_in(db, "samordnare", NEW_PASSWORD)
        cases, total = Services(db, coordinator).cases.list(__import__("trygg_desktop.services.cases",
                                                                       fromlist=["CaseFilter"]).CaseFilter())
        assert total >= 1 and any(c.person_name == "Alva Berg" for c in cases)
        # New rows get ids after the copied ones (the identity sequences were moved on).
        unit = Services(db, admin).users.add_unit("Ny enhet efter flytten", agency="SOC", case_kind="SSPF")
        assert unit.id > max(Services(db, admin).users.list_units(), key=lambda u: u.id if u.id != unit.id else 0).id
    finally:
        db.close()
    assert main(["audit", "verify"]) == 0


def test_import_local_refuses_a_non_empty_target_a_wrong_password_and_a_non_admin(local_file, pg_world, pg_database,
                                                                                 monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRYGG_SERVER_DSN", pg_world.dsn)  # a server database in use
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    before = pg_world.as_("admin").users.list_units()
    assert main(["import-local", "--from", str(local_file), "--as", "admin"]) == 4
    assert "server.not_empty" in capsys.readouterr().err
    assert pg_world.as_("admin").users.list_units() == before
    monkeypatch.setenv("TRYGG_SERVER_DSN", pg_database)
    monkeypatch.setenv("TRYGG_PASSWORD", "inte rätt lösenord")
    assert main(["import-local", "--from", str(local_file), "--as", "admin"]) == 3
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    assert main(["import-local", "--from", str(local_file), "--as", "samordnare"]) == 3  # not an administrator
    assert "access" in capsys.readouterr().err
    engine = create_engine(pg_database)
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar()
    engine.dispose()
    assert tables == 0  # nothing was created on the server
    assert main(["import-local", "--from", str(local_file.parent / "saknas.db"), "--as", "admin"]) == 4
    assert "Ingen databasfil" in capsys.readouterr().err
