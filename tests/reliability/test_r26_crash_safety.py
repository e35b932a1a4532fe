"""R26 – crash safety: a writer killed with SIGKILL at a random moment loses no
acknowledged commit and leaves no torn transaction or damaged page.

The writer (``writer_proc.py crash``) runs 2-row transactions on a raw-keyed
SQLCipher file (WAL, synchronous=FULL) and prints each counter after COMMIT
returns. 30 times the parent starts it, waits 0.05–0.4 s after it is ready and
kills it; the next writer recovers the hot WAL left behind.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from trygg_desktop.store.engine import KeyHolder, raw_connect

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")]

WRITER = Path(__file__).with_name("writer_proc.py")
REPO = Path(__file__).resolve().parents[2]
RUNS = 30
MIN_ACKED = 1000


def _env(dek: bytes) -> dict[str, str]:
    return {**os.environ, "TRYGG_TEST_DEK": dek.hex(),
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def _run_and_kill(path: Path, dek: bytes, start: int, delay: float) -> list[int]:
    proc = subprocess.Popen([sys.executable, str(WRITER), "crash", str(path), str(start)], env=_env(dek),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    lines: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:  # complete lines only; a torn last line has no "\n"
            if line.strip() == "ready":
                ready.set()
            elif line.endswith("\n"):
                lines.append(line.strip())
        ready.set()

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    try:
        assert ready.wait(30), "writer did not start"
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
        thread.join(10)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, proc.stderr.read() if proc.stderr else "")
    return [int(x) for x in lines]


def test_sigkill_never_loses_an_acknowledged_commit(tmp_path: Path) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    dek = os.urandom(32)
    path = tmp_path / "crash.db"
    conn = raw_connect(path, KeyHolder(dek))
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b TEXT)")
    conn.close()

    acked: list[int] = []
    per_run: list[int] = []
    t0 = time.perf_counter()
    for run in range(RUNS):
        got = _run_and_kill(path, dek, start=run * 10_000_000, delay=rng.uniform(0.05, 0.4))
        assert got == list(range(run * 10_000_000, run * 10_000_000 + len(got))), "acks out of order"
        acked += got
        per_run.append(len(got))
        # After every crash, the next opener must see each acknowledged commit.
        check = raw_connect(path, KeyHolder(dek), readonly=True)
        try:
            if got:
                assert check.execute("SELECT count(*) FROM t WHERE a = ?", (str(got[-1]),)).fetchone()[0] == 2
        finally:
            check.close()
    elapsed = time.perf_counter() - t0

    conn = raw_connect(path, KeyHolder(dek))
    try:
        rows = conn.execute("SELECT a, count(*) FROM t GROUP BY a").fetchall()
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    finally:
        conn.close()
    counts = {int(a): n for a, n in rows}
    lost = [c for c in acked if c not in counts]
    torn = {c: n for c, n in counts.items() if n != 2}
    unacked = len(counts) - len(acked)
    print(f"\nR26: {RUNS} SIGKILL runs in {elapsed:.1f} s; {len(acked)} acknowledged commits "
          f"(per run min {min(per_run)}, max {max(per_run)}); {unacked} committed but unacknowledged; "
          f"lost {len(lost)}, torn {len(torn)}; integrity_check {integrity}; "
          f"cipher_integrity_check rows {len(cipher)}")
    assert not lost, f"{len(lost)} acknowledged commits lost, e.g. {lost[:5]}"
    assert not torn, f"torn transactions: {list(torn.items())[:5]}"
    assert 0 <= unacked <= RUNS, "at most one commit per run can be durable but unacknowledged"
    assert integrity == ["ok"]
    assert cipher == []
    assert len(acked) >= MIN_ACKED
    assert sum(1 for n in per_run if n > 0) >= RUNS // 2, per_run
