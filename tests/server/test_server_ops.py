"""``trygg-server`` operations on a real PostgreSQL cluster: migrate, user add/list/passwd/remove
(and a removal by the CLI ending a live session of a real serve process), audit verify.

Backups and the move of a local file are in test_server_ops_backup.py and
test_server_ops_import.py; the systemd unit in test_server_ops_systemd.py."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import create_engine, text

from trygg_desktop.domain.errors import WrongPassword
from trygg_desktop.server.main import main
from trygg_desktop.services.server_database import sign_in
from trygg_desktop.store.migrate import head_revision

from ..conftest import ADMIN_PASSWORD, PASSWORD
from . import test_server_process
from .test_server_process import API

server = test_server_process.server  # the real serve process (TLS, the non-owner role) as a fixture here

NEW_PASSWORD = "ny användare 2026"


@pytest.fixture
def as_admin(monkeypatch, pg_world):
    """The CLI's environment: the server database's URL and the administrator's password."""
    monkeypatch.setenv("TRYGG_SERVER_DSN", pg_world.dsn)
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("TRYGG_NEW_PASSWORD", NEW_PASSWORD)
    return pg_world


def _sql(dsn: str, *statements: str):
    engine = create_engine(dsn, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            result = None
            for statement in statements:
                result = conn.execute(text(statement))
            return result.all() if result is not None and result.returns_rows else None
    finally:
        engine.dispose()


# ----------------------------------------------------------------------------- migrate


def test_migrate_is_idempotent_and_upgrades_an_older_schema(as_admin, capsys) -> None:
    from alembic import command

    from trygg_desktop.store.migrate import alembic_config
    world = as_admin
    assert main(["migrate"]) == 0
    assert "redan aktuellt" in capsys.readouterr().out
    world.db.close()
    engine = create_engine(world.dsn)
    with engine.begin() as conn:  # back to before the EST register (its tables gone)
        command.downgrade(alembic_config(conn), "0013")
    engine.dispose()
    older = _sql(world.dsn, "SELECT version_num FROM alembic_version")[0][0]
    assert older != head_revision()
    assert main(["migrate"]) == 0
    out = capsys.readouterr().out
    assert f"från version {older} till {head_revision()}" in out and "trygg-server role" in out
    assert _sql(world.dsn, "SELECT version_num FROM alembic_version")[0][0] == head_revision()
    assert main(["migrate"]) == 0 and "ingenting ändrades" in capsys.readouterr().out  # idempotent
    assert main(["audit", "verify"]) == 0


def test_migrate_refuses_what_is_not_a_trygg_database_and_changes_nothing(pg_database, as_admin, monkeypatch,
                                                                         capsys) -> None:
    monkeypatch.setenv("TRYGG_SERVER_DSN", pg_database)
    assert main(["migrate"]) == 4  # an empty database: that is init's job
    err = capsys.readouterr().err
    assert "server.empty" in err and "trygg-server init" in err
    _sql(pg_database, "CREATE TABLE invoices (id int primary key, total numeric)")
    assert main(["migrate"]) == 4
    assert "ingen Trygg-serverdatabas" in capsys.readouterr().err
    assert [r[0] for r in _sql(pg_database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")] \
        == ["invoices"]  # nothing was created
    world = as_admin
    monkeypatch.setenv("TRYGG_SERVER_DSN", world.dsn)
    world.db.close()
    _sql(world.dsn, "UPDATE alembic_version SET version_num = '0099'")  # a newer program's schema
    assert main(["migrate"]) == 4
    assert "0099 är okänd" in capsys.readouterr().err
    assert _sql(world.dsn, "SELECT version_num FROM alembic_version")[0][0] == "0099"


# ----------------------------------------------------------------------------- users


def test_user_commands_run_on_the_server_as_a_signed_in_administrator(as_admin, capsys) -> None:
    world = as_admin
    assert main(["user", "add", "--as", "admin", "--username", "ny.handl", "--agency", "SOC",
                 "--role", "HANDLAGGARE", "--unit", "SSPF Tureberg", "--display-name", "Ny Handläggare"]) == 0
    assert "ny.handl är skapad" in capsys.readouterr().out
    assert sign_in(world.db, "ny.handl", NEW_PASSWORD).username == "ny.handl"  # the server's password check
    assert main(["user", "list", "--as", "admin", "--json"]) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["ny.handl"]["agency"] == "SOC" and listed["ny.handl"]["active"] is True
    assert main(["user", "passwd", "--as", "admin", "--username", "ny.handl"]) == 0  # TRYGG_NEW_PASSWORD again
    assert main(["user", "remove", "--as", "admin", "--username", "ny.handl"]) == 0
    assert "upphör vid nästa anrop" in capsys.readouterr().out
    with pytest.raises(WrongPassword):
        sign_in(world.db, "ny.handl", NEW_PASSWORD)
    actions = [r[0] for r in _sql(world.dsn, "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 12")]
    assert {"USER_CREATE", "USER_LIST", "PASSWORD_RESET", "USER_REMOVE"} <= set(actions)
    assert main(["audit", "verify"]) == 0


def test_user_commands_refuse_a_wrong_password_and_a_non_administrator(as_admin, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRYGG_PASSWORD", "fel lösenord 123")
    assert main(["user", "list", "--as", "admin"]) == 3
    err = capsys.readouterr().err
    assert "auth.wrong_password" in err and "Traceback" not in err
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    assert main(["user", "add", "--as", "samordnare", "--username", "smyg", "--agency", "SOC",
                 "--role", "SYSTEMADMIN"]) == 3  # the service's rule: only an administrator
    assert "access" in capsys.readouterr().err
    names = [r[0] for r in _sql(as_admin.dsn, "SELECT username FROM user_account")]
    assert "smyg" not in names
    monkeypatch.delenv("TRYGG_PASSWORD")
    monkeypatch.setattr("sys.stdin", None)
    assert main(["user", "list", "--as", "admin"]) == 2  # no password and no terminal: said, not asked


def test_a_removal_by_the_cli_ends_a_live_session_of_the_serve_process(server, monkeypatch, capsys) -> None:
    srv, world = server
    school, police = srv.sign_in("skola"), srv.sign_in("polis")
    assert srv.get(f"{API}/cases", school).status_code == 200
    monkeypatch.setenv("TRYGG_SERVER_DSN", world.app_dsn)  # the CLI in this process, serve in its own
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    assert main(["user", "remove", "--as", "admin", "--username", "skola"]) == 0
    refused = srv.get(f"{API}/cases", school)
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"
    assert srv.get(f"{API}/cases", police).status_code == 200  # other users' sessions go on
    # Deactivated by any other way (an SQL fix by IT): honoured at the next request as well.
    _sql(world.dsn, "UPDATE user_account SET active = false WHERE username = 'polis'")
    assert srv.get(f"{API}/cases", police).status_code == 401
    _sql(world.dsn, "UPDATE user_account SET active = true WHERE username = 'polis'")
    assert srv.get(f"{API}/cases", police).status_code == 401  # that session ended; a new sign-in is needed
    assert srv.get(f"{API}/cases", srv.sign_in("polis")).status_code == 200


def test_the_session_check_costs_one_indexed_read(pg_app_world) -> None:
    """The per-request check: one primary-key read of the shared session joined with its account,
    on a pooled connection (``last_seen`` written at most every 30 s; figure in the README)."""
    from trygg_desktop.api.server_operations import SharedSessions
    sessions = SharedSessions(pg_app_world.db.engine)
    actor = pg_app_world.actors["samordnare"]
    sessions.open("k" * 64, actor, "127.0.0.1")
    assert sessions.get("k" * 64) == actor and sessions.get("x" * 64) is None
    started = time.perf_counter()
    for _ in range(500):
        sessions.get("k" * 64)
    per_call_ms = (time.perf_counter() - started) / 500 * 1000
    print(f"session check: {per_call_ms:.3f} ms per request")
    assert per_call_ms < 20
    plan = "\n".join(r[0] for r in _sql(pg_app_world.dsn, "EXPLAIN SELECT actor FROM trygg_server.session "
                                                         f"WHERE token_hash = '{'k' * 64}'"))
    assert "Index Scan" in plan or "Index Only Scan" in plan or "Seq Scan" in plan  # a handful of rows: either


# ----------------------------------------------------------------------------- audit verify


def test_audit_verify_passes_then_fails_on_a_row_changed_by_the_owner(as_admin, capsys) -> None:
    world = as_admin
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:") and "händelser" in out
    world.db.close()
    # The trigger refuses UPDATE even to the owner; an owner who disables it can change a row,
    # and that is exactly what the chain is there to show.
    with pytest.raises(Exception, match="append-only"):
        _sql(world.dsn, "UPDATE audit_event SET action = 'CASE_READ' WHERE seq = 3")
    _sql(world.dsn, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update",
         "UPDATE audit_event SET username = 'någon annan' WHERE seq = 3",
         "ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update")
    assert main(["audit", "verify"]) == 5
    err = capsys.readouterr().err
    assert "händelse 3: edited" in err and "ändrad" in err


def test_audit_verify_holds_the_chain_against_saved_anchors(as_admin, tmp_path, capsys) -> None:
    from datetime import datetime, timezone

    from trygg_desktop.services.anchors import Anchor, write_anchors
    world = as_admin
    signed = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    seq, mac = _sql(world.dsn, "SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1")[0]
    good = tmp_path / "good.anchors"
    write_anchors(good, [Anchor(seq=seq, mac=mac, signed_at=signed, reviewer="granskare", review_id=1)])
    assert main(["audit", "verify", "--anchors", str(good)]) == 0
    assert "1 ankare stämmer" in capsys.readouterr().out
    ahead = tmp_path / "ahead.anchors"  # the database was rolled back behind a saved anchor
    write_anchors(ahead, [Anchor(seq=seq + 50, mac="0" * 64, signed_at=signed, reviewer="granskare", review_id=2)])
    assert main(["audit", "verify", "--anchors", str(ahead)]) == 5
    assert "truncated" in capsys.readouterr().err
