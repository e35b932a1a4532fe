"""A backup taken while another PROCESS writes is consistent (issue 5, R22).

A child process (backup_writer_proc.py) adds journal entries through
the real services, each in one transaction together with its JOURNAL_CREATE
audit event. While it runs we take backups; each is restored to a new path and
must be clean (cipher_integrity_check, quick_check and the audit chain, all
checked by ``restore_backup``) and transactionally whole: exactly as many
journal rows as JOURNAL_CREATE events, i.e. no half-copied transaction.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from trygg_desktop.services.database import unlock
from trygg_desktop.services.restore import restore_backup
from trygg_desktop.store.engine import KeyHolder, raw_connect

from ..conftest import ADMIN_PASSWORD, PASSWORD, World
from ..scenarios import sspf_case

WRITER = Path(__file__).with_name("backup_writer_proc.py")


def _journal_rows(path: Path, key: KeyHolder, case_id: int) -> tuple[int, int]:
    """Both counts in one read snapshot, read-only (no write lock to wait for)."""
    conn = raw_connect(path, key, readonly=True)
    try:
        conn.execute("BEGIN")
        rows = conn.execute("SELECT count(*) FROM journal_entry WHERE case_id = ?", (case_id,)).fetchone()[0]
        events = conn.execute("SELECT count(*) FROM audit_event WHERE action = 'JOURNAL_CREATE' AND case_id = ?",
                              (case_id,)).fetchone()[0]
        conn.execute("COMMIT")
    finally:
        conn.close()
    return rows, events


def test_backup_during_writes_in_another_process(world: World, tmp_path: Path) -> None:
    built = sspf_case(world)
    base_rows, base_events = _journal_rows(world.path, world.db.key, built.case_id)
    env = {**os.environ, "TRYGG_TEST_PASSWORD": PASSWORD, "TRYGG_KDF_CALIBRATE": "floor",
           "TRYGG_STATE_DIR": str(world.state_dir),
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, str(WRITER), str(world.path), str(built.case_id)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    backups = []
    try:
        deadline = time.monotonic() + 60
        while _journal_rows(world.path, world.db.key, built.case_id)[0] < base_rows + 5:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the writer did not start"
            time.sleep(0.05)
        for _ in range(3):
            info = world.as_("admin").backup.create()
            assert proc.poll() is None, "the writer must still be writing when the backup is done"
            backups.append(info)
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    counts = []
    for index, info in enumerate(backups):
        dest = tmp_path / f"restored{index}" / "case.db"
        dest.parent.mkdir()
        restore_backup(info.path, dest, username="admin", password=ADMIN_PASSWORD)  # verifies pages + chain
        db, _actor = unlock(dest, "admin", ADMIN_PASSWORD, throttle=world.throttle())
        try:
            rows, events = _journal_rows(dest, db.key, built.case_id)
        finally:
            db.close()
        assert rows == events - base_events + base_rows, (rows, events)
        counts.append(rows)
    print(f"\nbackup under concurrent writes: journal rows in the three backups {counts}")
    assert counts == sorted(counts) and counts[0] > base_rows
    assert counts[-1] > counts[0], "the writer kept writing between the backups"
