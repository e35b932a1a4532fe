"""The systemd unit example (installer/systemd/trygg-server.service): it parses, runs
``trygg-server serve`` with a certificate and key as an unprivileged user with the database URL
from an environment file, and carries the hardening options the README promises."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[2] / "installer" / "systemd" / "trygg-server.service"


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_the_unit_runs_serve_with_tls_as_an_unprivileged_user_and_is_hardened() -> None:
    unit = _unit()
    service = unit["Service"]
    command = service["ExecStart"].split()
    assert command[0].endswith("/trygg-server") and command[1] == "serve"
    assert "--cert" in command and "--key" in command and "--bind" in command
    assert int(command[command.index("--workers") + 1]) > 1  # several workers: their state is in the database
    assert service["User"] == "trygg" and service["User"] != "root"
    assert service["EnvironmentFile"].startswith("/etc/")
    assert "TRYGG_SERVER_DSN" not in service.get("Environment", "")  # the URL is never in the unit itself
    for key, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "PrivateTmp": "yes",
                       "ProtectHome": "yes", "PrivateDevices": "yes", "RestrictSUIDSGID": "yes"}.items():
        assert service[key] == value, key
    assert service["CapabilityBoundingSet"] == ""  # no capabilities at all (port 8443 needs none)
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    assert "encrypted volume" in UNIT.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    """systemd's own parser; the program path is pointed at a stand-in, since verify also checks
    that ExecStart's binary exists and is executable."""
    stand_in = tmp_path / "trygg-server"
    stand_in.write_text("#!/bin/sh\nexit 0\n")
    stand_in.chmod(0o755)
    text = UNIT.read_text(encoding="utf-8").replace("/opt/trygg-server/bin/trygg-server", str(stand_in))
    copy = tmp_path / "trygg-server.service"
    copy.write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Unknown key" not in result.stderr and "Unknown section" not in result.stderr, result.stderr
