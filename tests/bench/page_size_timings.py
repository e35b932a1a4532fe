"""cipher_page_size 16384 with HMAC_SHA256 against today's 4096 with HMAC_SHA512 (issue 16): the
whole-file health check (``PRAGMA quick_check``, what the unlock and the backup run) and random
reads (a case row and its journal, as opening a case does), each against the plain-SQLite twin
of the same data, in one run. A measurement beside the bench, not part of the test run:

    python tests/bench/page_size_timings.py BENCH_OUT_DIR     # a folder made by trygg-desktop bench

The copy is made with ``sqlcipher_export`` into an attached file with the other page size and
HMAC; the same raw key opens both. Nothing is adopted here: a migration would follow only if the
interactive scenarios stay within ratio 1.3 (issue 16).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import sqlcipher3

from trygg_desktop.bench.dataset import COORDINATOR, DB_NAME, PASSWORD
from trygg_desktop.bench.plain import PLAIN_NAME, export_plain
from trygg_desktop.services.database import unlock
from trygg_desktop.store.engine import raw



def connect(path: Path, key_pragma: str | None, page: int | None, hmac: str | None):
    conn = sqlcipher3.connect(str(path))
    if key_pragma:
        conn.execute(key_pragma)
        conn.execute(f"PRAGMA cipher_page_size = {page}")
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")
        conn.execute("PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512")
    conn.execute("PRAGMA cache_size = -32768")
    return conn


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def main(folder: Path) -> None:
    db, _actor = unlock(folder / DB_NAME, COORDINATOR, PASSWORD)
    key = db.key.pragma()
    copy = folder / "pagesize-16384.db"
    if not copy.exists():
        with raw(db.engine) as conn:
            conn.execute(f"ATTACH DATABASE ? AS big KEY \"x'{db.key.copy().hex()}'\"", (str(copy),))
            conn.execute("PRAGMA big.cipher_page_size = 16384")
            conn.execute("PRAGMA big.cipher_hmac_algorithm = HMAC_SHA256")
            conn.execute("SELECT sqlcipher_export('big')").fetchall()
            conn.execute("DETACH DATABASE big")
    if not (folder / PLAIN_NAME).exists():
        export_plain(db, folder / PLAIN_NAME)
    db.close()
    files = {"plain SQLite": (folder / PLAIN_NAME, None, None, None),
             "4096/SHA512 (today)": (folder / DB_NAME, key, 4096, "HMAC_SHA512"),
             "16384/SHA256": (copy, key, 16384, "HMAC_SHA256")}
    probe = connect(*files["plain SQLite"])
    case_ids = [r[0] for r in probe.execute("SELECT id FROM case_file")]
    probe.close()
    rng = random.Random(7)
    sample = [rng.choice(case_ids) for _ in range(300)]
    results = {}
    for name, spec in files.items():
        def check() -> None:
            conn = connect(*spec)              # a new connection: a cold page cache, as at unlock
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            conn.close()

        def reads() -> None:
            conn = connect(*spec)
            for case_id in sample:
                conn.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchall()
                conn.execute("SELECT * FROM journal_entry WHERE case_id = ? ORDER BY event_date DESC",
                             (case_id,)).fetchall()
            conn.close()
        results[name] = (timed(check, 3), timed(reads, 5) / len(sample))
    plain_check, plain_read = results["plain SQLite"]
    print(f"{folder / DB_NAME}: {(folder / DB_NAME).stat().st_size / 1e6:.0f} MB, {len(case_ids)} cases")
    print("| file | quick_check ms (ratio) | one case + its journal, ms (ratio) |")
    print("|---|---|---|")
    for name, (check_ms, read_ms) in results.items():
        print(f"| {name} | {check_ms:.0f} ({check_ms / plain_check:.2f}) | {read_ms:.3f} ({read_ms / plain_read:.2f}) |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
