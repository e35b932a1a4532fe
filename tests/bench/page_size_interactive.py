"""The interactive scenarios on ``cipher_page_size = 16384`` with ``HMAC_SHA256`` against today's
4096 with ``HMAC_SHA512`` (issue 16: adopt the larger page only if the interactive scenarios stay
within ratio 1.3). A measurement beside the bench, not part of the test run:

    python tests/bench/page_size_interactive.py BENCH_OUT_DIR [ROUNDS [SCENARIO …]]

``BENCH_OUT_DIR`` is a folder made by ``trygg-desktop bench`` (its ``bench.db``, key file and
plain twin). The script copies it twice, converts one copy with ``sqlcipher_export``, then runs
the bench's own ``run_database`` on each copy against the same plain twin, alternating the two
copies for ``ROUNDS`` rounds so that a noisy neighbour slows both alike. It prints one table of
medians and ratios to plain. The 16384 copy is opened by wrapping the engine's connect: a
measurement only, nothing in the product changes here.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
from pathlib import Path

from trygg_desktop.bench import runner
from trygg_desktop.bench.dataset import COORDINATOR, DB_NAME, PASSWORD
from trygg_desktop.bench.plain import PLAIN_NAME
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.database import unlock
from trygg_desktop.store import engine
from trygg_desktop.store.engine import raw

SCENARIOS = {"unlock", "health_check", "dashboard", "case_list_first_page", "scroll_middle", "search_name",
             "search_pnr", "search_fulltext", "open_case", "save_journal", "create_meeting", "protocol_pdf"}
BIG = ("PRAGMA cipher_page_size = 16384", "PRAGMA cipher_hmac_algorithm = HMAC_SHA256")


def _variant_folder(source: Path, target: Path, big: bool) -> None:
    if target.exists():
        return
    target.mkdir()
    for name in (key_file_for(source / DB_NAME).name, "dataset.json"):
        shutil.copyfile(source / name, target / name)
    os.link(source / PLAIN_NAME, target / PLAIN_NAME)  # one twin, read by both
    if not big:
        shutil.copyfile(source / DB_NAME, target / DB_NAME)
        return
    db, _actor = unlock(source / DB_NAME, COORDINATOR, PASSWORD)
    try:
        with raw(db.engine) as conn:
            conn.execute(f"ATTACH DATABASE ? AS big KEY \"x'{db.key.copy().hex()}'\"", (str(target / DB_NAME),))
            for pragma in BIG:
                conn.execute(pragma.replace("PRAGMA ", "PRAGMA big.", 1))
            conn.execute("SELECT sqlcipher_export('big')").fetchall()
            conn.execute("DETACH DATABASE big")
    finally:
        db.close()


def _open_big_pages(folder: Path) -> None:
    """Connections to ``folder/bench.db`` get the large-page settings between key and first read."""
    original_connect, original_configure = engine.raw_connect, engine._configure
    target = (folder / DB_NAME).resolve()
    state = {"big": False}

    class _Keyed:
        @staticmethod
        def pragma() -> str:
            return "PRAGMA cipher_version"  # the key is already set; a harmless statement

    def configure(conn, key, *, readonly):
        if not state["big"]:
            return original_configure(conn, key, readonly=readonly)
        conn.execute(key.pragma())
        for pragma in BIG:
            conn.execute(pragma)
        return original_configure(conn, _Keyed, readonly=readonly)

    def connect(path, key, *, readonly=False):
        state["big"] = Path(path).resolve() == target
        try:
            return original_connect(path, key, readonly=readonly)
        finally:
            state["big"] = False

    engine.raw_connect, engine._configure = connect, configure


def main(source: Path, rounds: int, only: set[str]) -> None:
    folders = {"4096/SHA512": source.parent / (source.name + "-p4096"),
               "16384/SHA256": source.parent / (source.name + "-p16384")}
    for name, folder in folders.items():
        _variant_folder(source, folder, big=name.startswith("16384"))
    _open_big_pages(folders["16384/SHA256"])
    samples: dict[str, dict[str, dict[str, list[float]]]] = {n: {} for n in folders}
    for round_no in range(rounds):
        for name, folder in (folders.items() if round_no % 2 == 0 else reversed(folders.items())):
            print(f"round {round_no + 1}: {name}", flush=True)
            results, _notes = runner.run_database(folder, 5, only, print)
            for scenario, result in results.items():
                for variant in ("sqlcipher", "plain"):
                    values = result.get(variant, {}).get("samples_ms", [])
                    samples[name].setdefault(scenario, {}).setdefault(variant, []).extend(values)
    out = {name: {s: {v: statistics.median(x) for v, x in per.items() if x} for s, per in by.items()}
           for name, by in samples.items()}
    print(json.dumps(out, indent=1))
    print("| scenario | 4096/SHA512 ms (ratio) | 16384/SHA256 ms (ratio) |")
    print("|---|---|---|")
    for scenario in sorted(only):
        cells = []
        for name in folders:
            m = out[name].get(scenario, {})
            cipher, plain = m.get("sqlcipher"), m.get("plain")
            cells.append(f"{cipher:.1f} ({cipher / plain:.2f})" if cipher and plain else "–")
        print(f"| {scenario} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2, set(sys.argv[3:]) or SCENARIOS)
