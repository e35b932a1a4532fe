"""R27 – concurrency: several processes writing one file with BEGIN IMMEDIATE and
busy_timeout=5000 see no "database is locked" error, lose nothing, and a
concurrent reader never sees half a transaction.

Each writer transaction inserts two rows (same ``a`` = "writer:i", ``b`` = writer),
so a reader that ever saw a partial transaction would find an odd row count for
a writer or an ``a`` value with one row. The end state must hold exactly 2,000
transactions (4,000 rows). A second test runs four processes through the real
service layer (unlock + JournalService.add) and checks the audit chain.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from trygg_desktop.services.audit import verify_chain
from trygg_desktop.services.database import unlock
from trygg_desktop.store.engine import KeyHolder, raw_connect
from trygg_desktop.store.models import AuditEvent

from ..conftest import PASSWORD, World
from ..scenarios import sspf_case

pytestmark = pytest.mark.slow

WRITER = Path(__file__).with_name("writer_proc.py")
REPO = Path(__file__).resolve().parents[2]
WRITERS = 4
TRANSACTIONS = 500


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, **extra,
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO)


def _summary(proc: subprocess.Popen, timeout: float = 120) -> dict:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_four_writers_and_a_reader(tmp_path: Path) -> None:
    dek = os.urandom(32)
    path = tmp_path / "busy.db"
    conn = raw_connect(path, KeyHolder(dek))
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b TEXT)")
    conn.close()
    env = _env(TRYGG_TEST_DEK=dek.hex())
    stop, go = tmp_path / "stop", tmp_path / "go"

    reader = _start(["reader", str(path), str(stop)], env)
    writers = [_start(["tx", str(path), f"w{n}", str(TRANSACTIONS), str(go)], env) for n in range(WRITERS)]
    try:
        for w in writers:
            assert w.stdout is not None and w.stdout.readline().strip() == "ready"
        t0 = time.perf_counter()
        go.touch()
        results = [_summary(w) for w in writers]
    finally:
        stop.touch()
        for w in writers:
            if w.poll() is None:
                w.kill()
    seen = _summary(reader, timeout=30)
    elapsed = time.perf_counter() - t0

    conn = raw_connect(path, KeyHolder(dek), readonly=True)
    try:
        per_writer = dict(conn.execute("SELECT b, count(*) FROM t GROUP BY b").fetchall())
        pairs = conn.execute("SELECT count(*) FROM (SELECT a FROM t GROUP BY a HAVING count(*) = 2)").fetchone()[0]
        torn = conn.execute("SELECT count(*) FROM (SELECT a FROM t GROUP BY a HAVING count(*) != 2)").fetchone()[0]
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        order = [r[0] for r in conn.execute("SELECT b FROM t ORDER BY id")]
    finally:
        conn.close()
    switches = sum(1 for x, y in zip(order, order[1:]) if x != y)
    print(f"\nR27: {WRITERS}x{TRANSACTIONS} transactions in {elapsed:.1f} s, writer switches {switches}; "
          f"writers {results}; reader {seen}")
    assert [r["locked"] for r in results] == [0] * WRITERS, results
    assert [r["other"] for r in results] == [0] * WRITERS, results
    assert [r["commits"] for r in results] == [TRANSACTIONS] * WRITERS
    assert per_writer == {f"w{n}": 2 * TRANSACTIONS for n in range(WRITERS)}
    assert pairs == WRITERS * TRANSACTIONS == 2000 and torn == 0
    assert integrity == ["ok"]
    assert seen["violations"] == 0, seen["examples"]
    assert seen["locked"] == 0
    assert seen["checks"] >= 10, "the reader hardly ran: the invariant was not really exercised"


def test_four_processes_through_the_service_layer(world: World) -> None:
    built = sspf_case(world)
    entries = 25
    with world.db.session() as s:
        before = s.scalar(text("SELECT count(*) FROM audit_event"))
    world.db.close()

    env = _env(TRYGG_TEST_PASSWORD=PASSWORD, TRYGG_KDF_CALIBRATE="floor", TRYGG_STATE_DIR=str(world.state_dir))
    t0 = time.perf_counter()
    procs = [_start(["journal", str(world.path), str(built.case_id), str(entries)], env) for _ in range(WRITERS)]
    try:
        results = [_summary(p) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    elapsed = time.perf_counter() - t0
    assert [r["added"] for r in results] == [entries] * WRITERS

    db, actor = unlock(world.path, "samordnare", PASSWORD, throttle=world.throttle())
    try:
        with db.session() as s:
            report = verify_chain(s, db.audit.key)
            seqs = list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))
            created = s.scalar(text("SELECT count(*) FROM audit_event WHERE action = 'JOURNAL_CREATE' "
                                    "AND case_id = :c"), {"c": built.case_id})
            journal_rows = s.scalar(text("SELECT count(*) FROM journal_entry WHERE case_id = :c"),
                                    {"c": built.case_id})
    finally:
        db.close()
    print(f"\nR27 services: {WRITERS} processes x {entries} journal entries in {elapsed:.1f} s; "
          f"audit events {before} -> {len(seqs)}")
    assert report.ok, report.problems
    assert seqs == list(range(1, len(seqs) + 1)), "seq must be contiguous"
    # Each process: one LOGIN and one JOURNAL_CREATE per entry; the final unlock adds one LOGIN.
    assert len(seqs) == before + WRITERS * (1 + entries) + 1
    assert created == journal_rows == WRITERS * entries
