"""Whole-file integrity of the key file (issue 12, item 4).

Before: a byte changed in one user's slot went unnoticed by everyone else, and that
user was told "wrong password", which also counted toward their throttle. Now every
unlock checks the file's digest before any key derivation (``keyfile.damaged``, CLI
exit 5, nothing counted), and the MAC keyed from the database key catches an edit
whose maker recomputed the digest. Files of the old format still open.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trygg_desktop.cli import main
from trygg_desktop.domain.errors import EXIT_INTEGRITY, KeyFileError
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.database import unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.vault.keyfile import KeyFile
from trygg_desktop.vault.throttle import Throttle

from ..conftest import PASSWORD, World
from ..keyfile_tools import resealed


def _flip_in_slot(path: Path, username: str, field: str = "ct") -> None:
    """Change one base64 character of ``username``'s wrapped private key, as disk damage would."""
    keys = key_file_for(path)
    kf = KeyFile.load(keys)
    slot = kf.find_user_slot(username)
    data = keys.read_bytes()
    value = json.loads(data)["slots"][kf.slots.index(slot)]["private_key"][field]
    changed = value[:5] + ("A" if value[5] != "A" else "B") + value[6:]
    assert data.count(value.encode()) == 1
    keys.write_bytes(data.replace(value.encode(), changed.encode()))


def _throttle_state(world: World) -> bytes:
    state = world.state_dir / "throttle.json"
    return state.read_bytes() if state.exists() else b""


@pytest.mark.parametrize("who", ["polis", "samordnare"])   # another user's slot / their own
def test_a_changed_byte_in_any_slot_is_reported_to_everyone_as_damage(world: World, who: str) -> None:
    world.db.close()
    _flip_in_slot(world.path, "polis")
    before = _throttle_state(world)
    with pytest.raises(KeyFileError) as err:
        unlock(world.path, who, PASSWORD, throttle=Throttle(world.state_dir / "throttle.json"))
    assert err.value.code == "keyfile.damaged" and err.value.exit_code == EXIT_INTEGRITY
    assert _throttle_state(world) == before   # not a wrong password: nothing counted


def test_cli_says_key_file_damaged_with_exit_5(world: World, monkeypatch, capsys) -> None:
    world.db.close()
    _flip_in_slot(world.path, "skola")
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    assert main(["case", "list", "--db", str(world.path), "--as", "skola"]) == EXIT_INTEGRITY
    err = capsys.readouterr().err
    assert "keyfile.damaged" in err and "lösenord" not in err.lower()


def test_an_edit_with_a_recomputed_digest_is_caught_by_the_mac(world: World) -> None:
    """An attacker without a password swaps two users' lookup tags and recomputes the
    plain digest: the next user to unlock is told the file is damaged."""
    world.db.close()
    keys = key_file_for(world.path)
    doc = json.loads(keys.read_bytes())
    kf = KeyFile.load(keys)
    a, b = (kf.slots.index(kf.find_user_slot(n)) for n in ("skola", "fritid"))
    doc["slots"][a]["lookup"], doc["slots"][b]["lookup"] = doc["slots"][b]["lookup"], doc["slots"][a]["lookup"]
    keys.write_bytes(resealed(doc))
    KeyFile.load(keys)   # the digest alone no longer tells
    with pytest.raises(KeyFileError) as err:
        unlock(world.path, "samordnare", PASSWORD, throttle=Throttle(world.state_dir / "throttle.json"))
    assert err.value.code == "keyfile.damaged"


def test_a_version_1_key_file_still_opens_and_is_written_as_version_2(world: World) -> None:
    world.db.close()
    keys = key_file_for(world.path)
    doc = json.loads(keys.read_bytes())
    old = {k: v for k, v in doc.items() if k not in ("digest", "mac")} | {"version": 1}
    keys.write_bytes((json.dumps(old, indent=2) + "\n").encode())
    db, actor = unlock(world.path, "samordnare", PASSWORD, throttle=Throttle(world.state_dir / "throttle.json"))
    try:
        Services(db, actor).users.change_own_password(PASSWORD, PASSWORD + " nytt")
    finally:
        db.close()
    upgraded = json.loads(keys.read_bytes())
    assert upgraded["version"] == 2 and len(upgraded["mac"]) == 64
    db, _ = unlock(world.path, "polis", PASSWORD, throttle=Throttle(world.state_dir / "throttle.json"))
    db.close()
