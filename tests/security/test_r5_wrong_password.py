"""R5 – a wrong password fails cleanly: ``WrongPassword`` in under 2 s, and the
database folder (db, -wal, -shm, key file) is byte-identical afterwards with the
same mtimes and no new file. The failure is counted only in the per-machine
throttle file (outside the database folder) and reaches the audit log as a
LOGIN_FAILED event at the next successful unlock, without a name or password.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from trygg_desktop.domain.errors import WrongPassword
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.database import unlock
from trygg_desktop.store.engine import raw_connect
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.vault.keyfile import KeyFile
from trygg_desktop.vault.throttle import Throttle

from ..conftest import PASSWORD, World, copy_database

WRONG = "wrong password 99"
UNKNOWN_USER = "okand.anvandare"


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """name → (sha256, mtime_ns, size) for every file in the folder."""
    out = {}
    for p in sorted(folder.iterdir()):
        if p.is_file():
            st = p.stat()
            out[p.name] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size)
    return out


def _failed_unlock(path: Path, username: str, password: str) -> float:
    t0 = time.perf_counter()
    with pytest.raises(WrongPassword) as info:
        unlock(path, username, password)
    elapsed = time.perf_counter() - t0
    assert not isinstance(info.value, DBAPIError)
    assert type(info.value) is WrongPassword
    assert username.strip() not in str(info.value)
    assert not password or password not in str(info.value)
    return elapsed


@pytest.mark.parametrize("username,password", [("samordnare", WRONG), (UNKNOWN_USER, WRONG),
                                               ("samordnare", PASSWORD + "x"), ("SAMORDNARE ", "")])
def test_wrong_password_raises_fast_and_writes_nothing(world: World, username: str, password: str) -> None:
    folder = world.path.parent
    # Make sure -wal/-shm exist too (hold a connection) so their bytes are compared as well.
    held = raw_connect(world.path, world.db.key)
    try:
        held.execute("SELECT count(*) FROM audit_event").fetchone()
        before = snapshot(folder)
        assert {"case.db", "case.db.keys", "case.db-wal", "case.db-shm"} <= before.keys()
        time.sleep(0.01)  # a write would now show up as a different mtime_ns
        elapsed = _failed_unlock(world.path, username, password)
        after = snapshot(folder)
    finally:
        held.close()
    assert after == before, {k: (before.get(k), after.get(k)) for k in before.keys() | after.keys()
                             if before.get(k) != after.get(k)}
    assert elapsed < 2.0, f"wrong password answered in {elapsed:.2f} s"
    assert (world.state_dir / "throttle.json").exists(), "the failure must be counted outside the db folder"


def test_failure_counted_in_throttle_file_then_audited_without_names(world: World) -> None:
    keyfile = KeyFile.load(key_file_for(world.path))
    throttle = Throttle(world.state_dir / "throttle.json")
    known_key = Throttle.key_for(keyfile.db_uuid, keyfile.lookup_tag("samordnare"))
    unknown_key = Throttle.key_for(keyfile.db_uuid, keyfile.lookup_tag(UNKNOWN_USER))
    with world.db.session() as s:
        failed_before = len(s.scalars(select(AuditEvent).where(AuditEvent.action == "LOGIN_FAILED")).all())

    _failed_unlock(world.path, "samordnare", WRONG)
    _failed_unlock(world.path, UNKNOWN_USER, WRONG)

    assert throttle.failures(known_key) == 1
    assert throttle.failures(unknown_key) == 1
    raw_state = (world.state_dir / "throttle.json").read_bytes()
    for secret in ("samordnare", UNKNOWN_USER, WRONG, "okand"):
        assert secret.encode() not in raw_state
    assert not list(world.path.parent.glob("*throttle*"))
    with world.db.session() as s:  # nothing was written to the database while locked
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "LOGIN_FAILED")).all()) == failed_before

    db, actor = unlock(world.path, "samordnare", PASSWORD)
    try:
        with db.session() as s:
            events = s.scalars(select(AuditEvent).where(AuditEvent.action == "LOGIN_FAILED")
                               .order_by(AuditEvent.seq)).all()[failed_before:]
            login = s.scalars(select(AuditEvent).where(AuditEvent.action == "LOGIN")
                              .order_by(AuditEvent.seq.desc())).first()
    finally:
        db.close()
    assert len(events) == 2
    assert login is not None and login.seq > max(e.seq for e in events)
    known, unknown = events
    assert known.entity_id == str(actor.user_id) and unknown.entity_id is None
    assert json.loads(known.detail)["known_user"] is True
    assert json.loads(unknown.detail)["known_user"] is False
    for ev in events:
        assert ev.username is None and ev.user_id is None
        assert "FAILED_LOGIN" in (ev.flags or "")
        text = " ".join(str(getattr(ev, c)) for c in ("detail", "entity_id", "purpose", "flags", "role"))
        for secret in ("samordnare", UNKNOWN_USER, WRONG, "okand"):
            assert secret not in text, (secret, text)
    # The queue is drained: the counter for the user is reset and nothing is pending.
    assert throttle.failures(known_key) == 0
    assert throttle.take_pending(Throttle.scope_for(keyfile.db_uuid)) == []


SUBPROCESS_SCRIPT = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    writes = []
    def hook(event, args):
        if event == "open" and args[0] is not None and not isinstance(args[0], int):
            mode, flags = args[1], args[2]
            if (mode and any(c in mode for c in "wax+")) or (flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):
                writes.append(str(args[0]))
        elif event in ("os.rename", "os.replace", "os.remove", "os.truncate", "shutil.move"):
            writes.append(f"{event}:{args[0]}")
    sys.addaudithook(hook)
    from trygg_desktop.domain.errors import WrongPassword
    from trygg_desktop.services.database import unlock
    t0 = time.perf_counter()
    try:
        unlock(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
    except WrongPassword:
        print(json.dumps({"result": "WrongPassword", "elapsed": time.perf_counter() - t0, "writes": writes}))
    except BaseException as exc:
        print(json.dumps({"result": type(exc).__name__, "writes": writes}))
    else:
        print(json.dumps({"result": "unlocked", "writes": writes}))
""")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")
@pytest.mark.parametrize("username", ["samordnare", UNKNOWN_USER])
def test_subprocess_wrong_password_creates_no_journal(template_db: Path, tmp_path: Path, username: str) -> None:
    folder = tmp_path / "closed"
    folder.mkdir()
    state = tmp_path / "state"
    path = copy_database(template_db, folder)
    before = snapshot(folder)
    env = {**os.environ, "TRYGG_KDF_CALIBRATE": "floor", "TRYGG_STATE_DIR": str(state)}
    proc = subprocess.run([sys.executable, "-c", SUBPROCESS_SCRIPT, str(path), username, WRONG],
                          capture_output=True, text=True, env=env, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["result"] == "WrongPassword", report
    assert report["elapsed"] < 2.0
    after = snapshot(folder)
    assert sorted(after) == ["case.db", "case.db.keys"], sorted(after)  # no -journal, -wal or -shm
    assert after == before
    in_folder = [w for w in report["writes"] if str(folder) in w]
    assert not in_folder, in_folder
    assert any(str(state) in w for w in report["writes"]), "the throttle file should be the only write"
    assert (state / "throttle.json").exists()
