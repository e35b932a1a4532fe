"""Child process for the crash-safety (R26) and concurrency (R27) tests.

Not a test module: the tests start it with ``sys.executable writer_proc.py MODE …``.
The raw DEK comes in hex through the ``TRYGG_TEST_DEK`` environment variable (never
on the command line, where ``ps`` would show it). Every connection is opened with
``trygg_desktop.store.engine.raw_connect``: raw key, WAL, synchronous=FULL,
busy_timeout=5000, exactly as the app does.

Modes
  crash PATH START        2-row transactions with counter START, START+1, …; after
                          each COMMIT print the counter and flush (the
                          acknowledgement); runs until killed.
  tx PATH WRITER N GO     print "ready", wait until the file GO exists, then run N
                          transactions of 2 rows (a=WRITER:i, b=WRITER); prints a
                          JSON summary (commits, "database is locked" errors).
  reader PATH STOPFILE    until STOPFILE exists: check that no transaction is seen
                          half-done; prints a JSON summary.
  journal PATH CASE N     unlock as samordnare (TRYGG_TEST_PASSWORD) and add N
                          journal entries to CASE through JournalService.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from trygg_desktop.store.engine import KeyHolder, raw_connect


def _key() -> KeyHolder:
    return KeyHolder(bytes.fromhex(os.environ["TRYGG_TEST_DEK"]))


def crash(path: Path, start: int) -> None:
    conn = raw_connect(path, _key())
    print("ready", flush=True)
    counter = start
    while True:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t(a, b) VALUES (?, ?)", (str(counter), "first"))
        conn.execute("INSERT INTO t(a, b) VALUES (?, ?)", (str(counter), "second"))
        conn.execute("COMMIT")
        sys.stdout.write(f"{counter}\n")
        sys.stdout.flush()
        counter += 1


def tx(path: Path, writer: str, n: int, go: Path) -> None:
    conn = raw_connect(path, _key())
    print("ready", flush=True)
    while not go.exists():  # all writers start together: real contention
        time.sleep(0.002)
    locked = other = commits = 0
    t0 = time.perf_counter()
    for i in range(n):
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t(a, b) VALUES (?, ?)", (f"{writer}:{i}", writer))
            conn.execute("INSERT INTO t(a, b) VALUES (?, ?)", (f"{writer}:{i}", writer))
            conn.execute("COMMIT")
            commits += 1
        except Exception as exc:  # counted, never hidden
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                locked += 1
            else:
                other += 1
                print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    conn.close()
    print(json.dumps({"writer": writer, "commits": commits, "locked": locked, "other": other,
                      "elapsed": time.perf_counter() - t0}), flush=True)


def reader(path: Path, stopfile: Path) -> None:
    conn = raw_connect(path, _key(), readonly=True)
    checks = violations = locked = 0
    max_rows = 0
    examples: list[str] = []
    while not stopfile.exists():
        try:
            # One statement = one snapshot: both invariants are read in the same view.
            conn.execute("BEGIN")
            odd = conn.execute("SELECT b, count(*) FROM t GROUP BY b HAVING count(*) % 2 != 0").fetchall()
            torn = conn.execute("SELECT a, count(*) FROM t GROUP BY a HAVING count(*) != 2").fetchall()
            total = conn.execute("SELECT count(*) FROM t").fetchone()[0]
            conn.execute("COMMIT")
        except Exception as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                locked += 1
                continue
            raise
        checks += 1
        max_rows = max(max_rows, total)
        if odd or torn:
            violations += 1
            if len(examples) < 5:
                examples.append(repr((odd[:3], torn[:3])))
    conn.close()
    print(json.dumps({"checks": checks, "violations": violations, "locked": locked, "max_rows": max_rows,
                      "examples": examples}), flush=True)


def journal(path: Path, case_id: int, n: int) -> None:
    from datetime import date

    from trygg_desktop.services.database import unlock
    from trygg_desktop.services.facade import Services
    from trygg_desktop.services.journal import JournalInput

    db, actor = unlock(path, "samordnare", os.environ["TRYGG_TEST_PASSWORD"])
    added = 0
    try:
        services = Services(db, actor)
        for i in range(n):
            services.journal.add(JournalInput(case_id=case_id, event_date=date.today(), entry_type="SAMTAL",
                                              text=f"Anteckning {i} från process {os.getpid()}"))
            added += 1
    finally:
        db.close()
    print(json.dumps({"pid": os.getpid(), "added": added}), flush=True)


def main(argv: list[str]) -> None:
    mode, path = argv[0], Path(argv[1])
    if mode == "crash":
        crash(path, int(argv[2]))
    elif mode == "tx":
        tx(path, argv[2], int(argv[3]), Path(argv[4]))
    elif mode == "reader":
        reader(path, Path(argv[2]))
    elif mode == "journal":
        journal(path, int(argv[2]), int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
