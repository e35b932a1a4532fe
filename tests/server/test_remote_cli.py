"""The admin CLI on the remote backend: ``trygg-desktop --server URL [--ca FILE] COMMAND --as USER``
runs the same commands through a real trygg-server; file commands are refused with a sentence,
and a command that reaches for the database file gets a clear error, never a traceback."""

from __future__ import annotations

from typing import Iterator

import pytest

from trygg_desktop.cli import main
from trygg_desktop.domain.errors import EXIT_AUTH, EXIT_OK, EXIT_USAGE

from ..conftest import ADMIN_PASSWORD, PASSWORD
from .remote_support import RemoteWorld, build_remote_world


@pytest.fixture(scope="module")
def remote(pg_cluster, pg_template) -> Iterator[RemoteWorld]:
    yield from build_remote_world(pg_cluster, pg_template)


def test_case_list_through_the_server(remote: RemoteWorld, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    assert main(["--server", remote.url, "--ca", str(remote.cert), "case", "list", "--as", "samordnare"]) == EXIT_OK
    assert remote.built.reference in capsys.readouterr().out
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    assert main(["--server", remote.url, "--ca", str(remote.cert), "user", "list", "--as", "admin"]) == EXIT_OK
    assert "samordnare" in capsys.readouterr().out


def test_file_commands_and_the_file_itself_are_refused_clearly(remote: RemoteWorld, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    assert main(["--server", remote.url, "--ca", str(remote.cert), "backup", "--as", "admin"]) == EXIT_USAGE
    assert "trygg-server" in capsys.readouterr().err
    # audit verify checks the file's pages: against a server it is refused, not a traceback
    code = main(["--server", remote.url, "--ca", str(remote.cert), "audit", "verify", "--as", "admin"])
    err = capsys.readouterr().err
    assert code not in (EXIT_OK, 1) and "Fel (server.local_only)" in err and "Traceback" not in err
    assert main(["case", "list", "--as", "samordnare"]) == EXIT_USAGE       # neither --db nor --server
    assert "--db" in capsys.readouterr().err


def test_an_untrusted_server_is_refused_without_ca_or_pin(remote: RemoteWorld, monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    monkeypatch.setenv("TRYGG_CONFIG_DIR", str(tmp_path))          # no pinned fingerprint here
    assert main(["--server", remote.url, "case", "list", "--as", "samordnare"]) == EXIT_AUTH
    assert "server.untrusted_certificate" in capsys.readouterr().err


def test_a_user_added_and_removed_through_the_server_says_so(remote: RemoteWorld, monkeypatch, capsys) -> None:
    """The removal's message is chosen without touching a database file (there is none here)."""
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("TRYGG_NEW_PASSWORD", "Tillfälligt-lösen-2026")
    server = ["--server", remote.url, "--ca", str(remote.cert)]
    assert main([*server, "user", "add", "--as", "admin", "--username", "vikarie", "--agency", "SOC",
                 "--role", "HANDLAGGARE"]) == EXIT_OK
    capsys.readouterr()
    assert main([*server, "user", "remove", "--as", "admin", "--username", "vikarie"]) == EXIT_OK
    captured = capsys.readouterr()
    assert "vikarie är borttagen" in captured.out and "servern" in captured.out and captured.err == ""
