"""The admin CLI contract: command names, password sources and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trygg_desktop.cli import main
from trygg_desktop.store.engine import checkpoint

from ..conftest import ADMIN_PASSWORD, PASSWORD, World, copy_database
from ..scenarios import sspf_case


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str, password: str | None = None, new_password: str | None = None) -> int:
        if password is None:
            monkeypatch.delenv("TRYGG_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("TRYGG_PASSWORD", password)
        if new_password is None:
            monkeypatch.delenv("TRYGG_NEW_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("TRYGG_NEW_PASSWORD", new_password)
        return main(list(args))
    return run


def test_init_prints_the_recovery_code_once(tmp_path: Path, cli, capsys) -> None:
    db = tmp_path / "ny.db"
    assert cli("init", "--db", str(db), "--admin", "it-admin", new_password="a long admin password") == 0
    out = capsys.readouterr().out
    code = next(line.strip() for line in out.splitlines() if line.strip().count("-") == 4)
    assert len(code.replace("-", "")) == 26
    for file in tmp_path.iterdir():  # the code is nowhere on disk
        if file.is_file():
            assert code.encode() not in file.read_bytes()
            assert code.replace("-", "").encode() not in file.read_bytes()
    # A second init on the same path is refused with "invalid input" and changes nothing.
    before = db.read_bytes()
    assert cli("init", "--db", str(db), "--admin", "x1", new_password="a long admin password") == 4
    assert db.read_bytes() == before


def test_users_units_and_exit_codes(world: World, cli, capsys, tmp_path: Path) -> None:
    db = str(world.path)
    world.db.close()
    assert cli("unit", "add", "--db", db, "--as", "admin", "--name", "SSPF Rotebro", "--agency", "SOC",
               "--kind", "SSPF", "--area", "Rotebro", password=ADMIN_PASSWORD) == 0
    assert cli("user", "add", "--db", db, "--as", "admin", "--username", "fältare", "--agency", "FRITID",
               "--role", "KONTAKTPERSON", "--unit", "SSPF Rotebro", password=ADMIN_PASSWORD,
               new_password="fältarens lösenord") == 0
    capsys.readouterr()
    assert cli("user", "list", "--db", db, "--as", "admin", "--json", password=ADMIN_PASSWORD) == 0
    users = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["fältare"]["agency"] == "FRITID" and users["fältare"]["roles"] == ["KONTAKTPERSON"]
    # 3: wrong password; 3: a working role may not manage users (access denied)
    assert cli("user", "list", "--db", db, "--as", "admin", password="fel lösenord") == 3
    assert cli("user", "list", "--db", db, "--as", "samordnare", password=PASSWORD) == 3
    # 4: invalid input (unknown unit), nothing written
    assert cli("user", "add", "--db", db, "--as", "admin", "--username", "ny", "--agency", "SOC", "--role",
               "HANDLAGGARE", "--unit", "Finns inte", password=ADMIN_PASSWORD, new_password="ett lösenord 12") == 4
    # 2: usage (unknown role, missing argument, no password source without a terminal)
    assert cli("user", "add", "--db", db, "--as", "admin", "--username", "x", "--agency", "SOC",
               "--role", "CHEF", password=ADMIN_PASSWORD) == 2
    assert cli("user", "list", "--db", db) == 2
    monkeypatch_stdin_not_tty = cli("user", "list", "--db", db, "--as", "admin")
    assert monkeypatch_stdin_not_tty == 2
    # The new user can log in; after removal they cannot.
    assert cli("case", "list", "--db", db, "--as", "fältare", password="fältarens lösenord") == 0
    assert cli("user", "remove", "--db", db, "--as", "admin", "--username", "fältare", password=ADMIN_PASSWORD) == 0
    assert cli("case", "list", "--db", db, "--as", "fältare", password="fältarens lösenord") == 3


def test_password_file_and_passwd(world: World, cli, tmp_path: Path) -> None:
    db = str(world.path)
    world.db.close()
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    assert cli("case", "list", "--db", db, "--as", "skola", "--password-file", str(pw)) == 0
    assert cli("user", "passwd", "--db", db, "--as", "skola", password=PASSWORD,
               new_password="skolans nya lösenord") == 0
    assert cli("case", "list", "--db", db, "--as", "skola", password=PASSWORD) == 3
    assert cli("case", "list", "--db", db, "--as", "skola", password="skolans nya lösenord") == 0
    # An administrator sets a forgotten password.
    assert cli("user", "passwd", "--db", db, "--as", "admin", "--username", "skola", password=ADMIN_PASSWORD,
               new_password="återställt lösenord") == 0
    assert cli("case", "list", "--db", db, "--as", "skola", password="återställt lösenord") == 0


def test_audit_verify_ok_then_tampering_gives_exit_5(world: World, cli, capsys) -> None:
    sspf_case(world)
    checkpoint(world.db.engine)
    world.db.close()
    db = str(world.path)
    assert cli("audit", "verify", "--db", db, "--as", "granskare", password=PASSWORD) == 0
    assert "OK:" in capsys.readouterr().out
    assert cli("audit", "verify", "--db", db, "--as", "skola", password=PASSWORD) == 3
    # Flip one byte in the middle of the file (an encrypted data page).
    raw = bytearray(world.path.read_bytes())
    page = 4096
    target = (len(raw) // page // 2) * page + 1000
    raw[target] ^= 0x5A
    world.path.write_bytes(bytes(raw))
    code = cli("audit", "verify", "--db", db, "--as", "granskare", password=PASSWORD)
    assert code == 5
    assert str(target // page + 1) in capsys.readouterr().err  # the damaged page is named


def test_export_warns_that_the_file_is_plaintext(world: World, cli, capsys, tmp_path: Path) -> None:
    pytest.importorskip("trygg_desktop.services.exchange")
    sspf_case(world)
    world.db.close()
    out = tmp_path / "export.json"
    assert cli("export", "--db", str(world.path), "--as", "admin", "--out", str(out), password=ADMIN_PASSWORD) == 0
    assert "inte krypterad" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "trygg-exchange"


def test_python_dash_m_runs_the_same_program(template_db: Path, tmp_path: Path) -> None:
    path = copy_database(template_db, tmp_path)
    env = {**os.environ, "TRYGG_PASSWORD": PASSWORD, "TRYGG_STATE_DIR": str(tmp_path / "state")}
    result = subprocess.run([sys.executable, "-m", "trygg_desktop", "case", "list", "--db", str(path),
                             "--as", "samordnare", "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"total": 0, "shown": 0, "limit": 50, "cases": []}
    result = subprocess.run([sys.executable, "-m", "trygg_desktop", "case", "list", "--db", str(path),
                             "--as", "samordnare"], capture_output=True, text=True, timeout=120,
                            env={**env, "TRYGG_PASSWORD": "wrong"})
    assert result.returncode == 3 and "auth.wrong_password" in result.stderr


def test_recovery_code_resets_a_lost_admin_password(tmp_path: Path, cli, capsys, monkeypatch) -> None:
    db = str(tmp_path / "r.db")
    assert cli("init", "--db", db, "--admin", "it-admin", new_password="first admin password") == 0
    code = next(line.strip() for line in capsys.readouterr().out.splitlines() if line.strip().count("-") == 4)
    monkeypatch.setenv("TRYGG_RECOVERY_CODE", "not-a-code")
    assert cli("recover", "--db", db, "--username", "it-admin", new_password="second admin pw") == 4
    monkeypatch.setenv("TRYGG_RECOVERY_CODE", "0" * 26)
    assert cli("recover", "--db", db, "--username", "it-admin", new_password="second admin pw") == 3
    monkeypatch.setenv("TRYGG_RECOVERY_CODE", code.lower())  # typed sloppily: still accepted
    assert cli("recover", "--db", db, "--username", "it-admin", new_password="second admin pw") == 0
    assert cli("user", "list", "--db", db, "--as", "it-admin", password="first admin password") == 3
    assert cli("user", "list", "--db", db, "--as", "it-admin", password="second admin pw") == 0


def test_case_list_says_when_it_is_cut_and_how_to_see_more(world: World, cli, capsys) -> None:
    """Issue 12 (12): "2 av 3 ärenden" read as a complete count; the cut list now says so
    and names --limit, and the JSON says total, shown and limit."""
    for _ in range(3):
        sspf_case(world)
    db = str(world.path)
    world.db.close()
    assert cli("case", "list", "--db", db, "--as", "samordnare", "--limit", "2", password=PASSWORD) == 0
    out = capsys.readouterr().out
    assert "2 av 3 ärenden visas; använd --limit för att visa fler." in out
    assert cli("case", "list", "--db", db, "--as", "samordnare", password=PASSWORD) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("3 ärenden") and "--limit" not in out
    assert cli("case", "list", "--db", db, "--as", "samordnare", "--limit", "2", "--json", password=PASSWORD) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["total"], doc["shown"], doc["limit"], len(doc["cases"])) == (3, 2, 2, 2)
    assert all(c["reference"].startswith("SSPF-") for c in doc["cases"])
    assert cli("case", "list", "--db", db, "--as", "samordnare", "--limit", "0", password=PASSWORD) == 2


def test_cli_errors_are_in_swedish(world: World, cli, capsys, tmp_path: Path) -> None:
    """Issue 12 (8): a refusal printed the service's English text inside Swedish output.
    The CLI now prints the same Swedish sentence the window shows for the code."""
    from trygg_desktop.ui.plain_messages import cli_message
    from trygg_desktop.domain.errors import AccessDenied, Throttled
    sspf_case(world)
    db = str(world.path)
    world.db.close()
    assert cli("case", "list", "--db", db, "--as", "admin", password=ADMIN_PASSWORD) == 3
    err = capsys.readouterr().err
    assert "Fel (access.no_capability): Din roll tillåter inte det." in err and "allowed" not in err
    assert cli("case", "list", "--db", db, "--as", "skola", password="fel") == 3
    assert "Fel användarnamn eller lösenord." in capsys.readouterr().err
    assert cli("case", "list", "--db", str(tmp_path / "finns-inte.db"), "--as", "skola", password=PASSWORD) == 4
    err = capsys.readouterr().err
    assert "db.missing" in err and "No database" not in err
    assert cli("case", "list", "--db", db, "--as", "skola") == 2
    assert "Inget lösenord: sätt TRYGG_PASSWORD" in capsys.readouterr().err
    # An access code without its own sentence still reads as a Swedish refusal; plural forms work.
    assert cli_message(AccessDenied("Nope", code="access.something_new")) == "Du har inte behörighet att göra det."
    text = cli_message(Throttled("Too many", code="auth.throttled", retry_after=30))
    assert "30" in text and "%n" not in text and "försök" in text.lower()
