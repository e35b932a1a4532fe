"""``trygg-server backup`` / ``restore`` on a real cluster: pg_dump inside the encrypted container,
nothing readable in the file, restore into a new database swapped in, and every refusal (wrong
passphrase, tampered, cut-off, foreign file, a database in use) leaving the target unchanged."""

from __future__ import annotations

import subprocess
import pytest
from sqlalchemy import create_engine, text

from trygg_desktop.server.main import main
from trygg_desktop.services.server_backup import _split_payload, libpq_connection, pg_tool
from trygg_desktop.vault.container import PassphraseSecret, read_container

from ..conftest import ADMIN_PASSWORD
from ..scenarios import person, sspf_case

PASSPHRASE = "en lång lösenfras för kopian"


def _sql(dsn: str, statement: str, **params):
    engine = create_engine(dsn, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            result = conn.execute(text(statement), params)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def _databases(world) -> set[str]:
    return {r[0] for r in _sql(world.dsn, "SELECT datname FROM pg_database")}


@pytest.fixture
def backed_up(pg_world, tmp_path, monkeypatch, capsys):
    """A server database with a real case (Alva Berg and her personnummer) and a backup of it."""
    sspf_case(pg_world)
    person(pg_world, "Tindra", "Lindqvist")
    pg_world.db.close()  # restore swaps databases: no connection of ours may hold the target open
    monkeypatch.setenv("TRYGG_SERVER_DSN", pg_world.dsn)
    monkeypatch.setenv("TRYGG_BACKUP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "server.tdbk"
    assert main(["backup", "--out", str(out)]) == 0
    assert "Säkerhetskopian är skapad och kontrollerad" in capsys.readouterr().out
    return pg_world, out


def _people(world) -> list[str]:
    return sorted(f"{r[0]} {r[1]}" for r in _sql(world.dsn, "SELECT first_name, last_name FROM person"))


def test_backup_change_restore_gives_the_data_back_and_the_chain_verifies(backed_up, capsys) -> None:
    world, out = backed_up
    assert out.stat().st_mode & 0o077 == 0
    before = _people(world)
    assert "Alva Berg" in before and "Tindra Lindqvist" in before
    events_before = _sql(world.dsn, "SELECT max(seq) FROM audit_event")[0][0]
    assert _sql(world.dsn, "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1")[0][0] == "BACKUP_CREATED"
    _sql(world.dsn, "UPDATE person SET first_name = 'Ändrad' WHERE first_name = 'Tindra'")
    _sql(world.dsn, "DELETE FROM journal_entry")
    assert main(["restore", "--from", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "är återställd" in printed and "finns kvar som" in printed
    assert _people(world) == before
    analysed = {r[0] for r in _sql(world.dsn, "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND last_vacuum IS NOT NULL")}
    assert {"case_file", "journal_entry", "person"} <= analysed  # pg_restore brings no statistics, VACUUM tidies
    assert main(["audit", "verify"]) == 0
    last = _sql(world.dsn, "SELECT seq, action FROM audit_event ORDER BY seq DESC LIMIT 1")[0]
    assert last[1] == "BACKUP_RESTORED" and last[0] == events_before  # the dump was taken before BACKUP_CREATED
    kept = [d for d in _databases(world) if "_before_restore_" in d]
    assert len(kept) == 1  # the replaced database, for IT to drop once satisfied
    _sql(world.dsn, f'DROP DATABASE "{kept[0]}" WITH (FORCE)')
    # The restored database works as a server database again: the services and a new backup.
    from trygg_desktop.services.server_database import open_server_database, sign_in
    db = open_server_database(world.dsn)
    try:
        assert sign_in(db, "admin", ADMIN_PASSWORD).username == "admin"
    finally:
        db.close()


def test_the_backup_file_holds_no_readable_personal_data(backed_up) -> None:
    world, out = backed_up
    raw = out.read_bytes()
    pnrs = [r[0] for r in _sql(world.dsn, "SELECT pnr FROM person WHERE pnr IS NOT NULL")]
    assert pnrs
    secrets = ["Alva", "Berg", "Tindra", "Lindqvist", "Hög frånvaro", *pnrs, *(p.replace("-", "") for p in pnrs)]
    for secret in secrets:
        for encoding in ("utf-8", "utf-16-le", "latin-1"):
            try:
                assert secret.encode(encoding) not in raw, secret
            except UnicodeEncodeError:
                continue
    # The check means something: decrypted, the same file does hold them (pg_restore turns the
    # archive into SQL text in memory, through a pipe).
    manifest, archive = _split_payload(read_container(out, PassphraseSecret(PASSPHRASE)))
    assert manifest["format"] == "trygg-server-backup"
    sql = subprocess.run([str(pg_tool("pg_restore")), "--data-only", "-f", "-"], input=b"".join(archive),
                         capture_output=True, check=True).stdout.decode()
    assert "Alva" in sql and "Lindqvist" in sql and pnrs[0] in sql


def test_restore_refuses_a_wrong_passphrase_and_a_damaged_file_and_changes_nothing(backed_up, tmp_path,
                                                                                  monkeypatch, capsys) -> None:
    world, out = backed_up
    _sql(world.dsn, "UPDATE person SET first_name = 'Efter' WHERE first_name = 'Tindra'")
    state, databases = _people(world), _databases(world)
    monkeypatch.setenv("TRYGG_BACKUP_PASSPHRASE", "fel lösenfras, helt fel")
    assert main(["restore", "--from", str(out)]) == 3
    assert "container.wrong_secret" in capsys.readouterr().err
    monkeypatch.setenv("TRYGG_BACKUP_PASSPHRASE", PASSPHRASE)
    data = bytearray(out.read_bytes())
    tampered = tmp_path / "tampered.tdbk"
    data[len(data) * 2 // 3] ^= 0x01  # one bit deep in the archive: pg_restore has started by then
    tampered.write_bytes(bytes(data))
    assert main(["restore", "--from", str(tampered)]) == 5
    assert "container.tampered" in capsys.readouterr().err
    cut = tmp_path / "cut.tdbk"
    cut.write_bytes(out.read_bytes()[:-70_000])
    assert main(["restore", "--from", str(cut)]) == 5
    assert "container.truncated" in capsys.readouterr().err
    foreign = tmp_path / "foreign.tdbk"
    foreign.write_bytes(b"PGDMP" + bytes(200))
    assert main(["restore", "--from", str(foreign)]) == 4
    assert "container.not_container" in capsys.readouterr().err
    assert _people(world) == state and _databases(world) == databases  # no new database left behind
    assert main(["audit", "verify"]) == 0


def test_restore_refuses_while_the_database_is_in_use(backed_up, capsys) -> None:
    world, out = backed_up
    databases = _databases(world)
    engine = create_engine(world.dsn)  # a serve process's connection
    with engine.connect() as held:
        held.execute(text("SELECT 1"))
        assert main(["restore", "--from", str(out)]) == 4
        err = capsys.readouterr().err
        assert "server.database_in_use" in err and "Stoppa servern" in err
    engine.dispose()
    assert _databases(world) == databases


def test_backup_refusals(backed_up, tmp_path, monkeypatch, capsys, pg_database) -> None:
    world, out = backed_up
    assert main(["backup", "--out", str(out)]) == 4  # never over an existing file
    assert "backup.out_exists" in capsys.readouterr().err
    monkeypatch.setenv("TRYGG_BACKUP_PASSPHRASE", "kort")
    assert main(["backup", "--out", str(tmp_path / "b.tdbk")]) == 4
    assert "minst 12 tecken" in capsys.readouterr().err
    monkeypatch.setenv("TRYGG_BACKUP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TRYGG_SERVER_DSN", pg_database)  # an empty database: nothing to back up
    assert main(["backup", "--out", str(tmp_path / "c.tdbk")]) == 4
    assert "server.empty" in capsys.readouterr().err
    assert not (tmp_path / "b.tdbk").exists() and not (tmp_path / "c.tdbk").exists()
    monkeypatch.setenv("TRYGG_SERVER_DSN", world.dsn.replace(world.dsn.rsplit("/", 1)[1], "finns_inte"))
    assert main(["backup", "--out", str(tmp_path / "d.tdbk")]) == 4
    err = capsys.readouterr().err
    assert "server.connect" in err and "finns_inte" in err and "Traceback" not in err
    assert not (tmp_path / "d.tdbk").exists()


def test_the_password_never_reaches_a_command_line(pg_world) -> None:
    conninfo, env = libpq_connection(pg_world.dsn)
    password = pg_world.dsn.split(":")[2].split("@")[0]
    assert password and password not in conninfo and env["PGPASSWORD"]
    assert "dbname=" in conninfo and "host='127.0.0.1'" in conninfo


def test_a_backup_whose_archive_pg_restore_rejects_changes_nothing(backed_up, tmp_path, capsys) -> None:
    """A well-formed, correctly encrypted file whose dump is not a dump: pg_restore refuses it,
    the new database is dropped, the message is pg_restore's own error line."""
    from trygg_desktop.services.server_backup import SERVER_FORMAT, _payload_head
    from trygg_desktop.vault.container import PassphraseRecipient, read_meta, write_container
    from trygg_desktop.vault.kdf import KdfParams
    world, out = backed_up
    manifest = read_meta(out)
    manifest.pop("reason")
    bogus = tmp_path / "bogus.tdbk"
    write_container(bogus, [_payload_head(manifest), b"not a pg_dump archive" * 100],
                    [PassphraseRecipient(PASSPHRASE, KdfParams(65536, 3, 4))], {**manifest, "format": SERVER_FORMAT})
    state, databases = _people(world), _databases(world)
    assert main(["restore", "--from", str(bogus)]) == 4
    err = capsys.readouterr().err
    assert "server.restore_failed" in err and "pg_restore" in err and "Traceback" not in err
    assert _people(world) == state and _databases(world) == databases
