"""Desktop timings on a demo database of 10,000 cases (not part of the test run).

    QT_QPA_PLATFORM=offscreen python tests/bench/gui_timings.py [--db PATH]

Prints: process start to unlock dialog shown, unlock (KDF at the floor) to dashboard
filled, case list first screen, filter change, scroll to the end of the loaded rows.
The database is made once (demo generator, seed 1) and reused.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRYGG_KDF_CALIBRATE", "floor")

PASSWORD = "Trygg-demo-2026"


def ensure_db(path: Path) -> None:
    if path.exists():
        return
    from trygg_desktop.services.database import init_database
    from trygg_desktop.services.demo import DemoService
    path.parent.mkdir(parents=True, exist_ok=True)
    db, admin, _ = init_database(path, "admin", "admin password 1")
    started = time.perf_counter()
    DemoService(db, admin).generate(cases=10_000, seed=1, password=PASSWORD)
    print(f"demo database: {time.perf_counter() - started:.1f} s")
    db.close()


STARTUP = r"""
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication
from trygg_desktop.ui import i18n
from trygg_desktop.ui.tasks import Executor
from trygg_desktop.ui.unlock import UnlockDialog
from trygg_desktop.services.database import unlock
app = QApplication([])
i18n.install(app, "sv")
d = UnlockDialog(sys.argv[2], unlock, Executor())
d.show(); app.processEvents()
print(f"{(time.time() - t0) * 1000:.0f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/trygg-bench/gui10k.db")
    path = Path(parser.parse_args().db)
    ensure_db(path)
    out = subprocess.run([sys.executable, "-c", STARTUP, str(time.time()), str(path)], capture_output=True,
                         text=True, check=True).stdout.strip()
    print(f"process start → unlock dialog shown: {out} ms")

    from PySide6.QtWidgets import QApplication
    from trygg_desktop.services.database import unlock
    from trygg_desktop.services.facade import Services
    from trygg_desktop.ui import i18n
    from trygg_desktop.ui.main_window import MainWindow
    from trygg_desktop.ui.tasks import Executor, set_executor
    app = QApplication([])
    i18n.install(app, "sv")
    executor = Executor(sync=True)
    set_executor(executor)
    started = time.perf_counter()
    db, actor = unlock(path, "samordnare", PASSWORD)
    unlocked = time.perf_counter()
    window = MainWindow(Services(db, actor), executor, path)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    print(f"unlock (Argon2 at the floor): {(unlocked - started) * 1000:.0f} ms; "
          f"unlock → dashboard filled: {(shown - started) * 1000:.0f} ms")
    cases = window.show_page("cases")
    t = time.perf_counter()
    cases.refresh()
    app.processEvents()
    print(f"case list first screen: {(time.perf_counter() - t) * 1000:.0f} ms "
          f"({cases.model.rowCount()} rows of {cases.model.total})")
    t = time.perf_counter()
    cases.search.setText("andersson")
    cases.apply_filter()
    app.processEvents()
    print(f"search 'andersson': {(time.perf_counter() - t) * 1000:.0f} ms ({cases.model.rowCount()} rows)")
    cases.search.setText("")
    cases.refresh()
    app.processEvents()
    t = time.perf_counter()
    fetches = 0
    while cases.model.canFetchMore() and fetches < 10:
        cases.model.fetchMore()
        app.processEvents()
        fetches += 1
    print(f"scroll: {fetches} more pages in {(time.perf_counter() - t) * 1000:.0f} ms "
          f"({cases.model.rowCount()} rows loaded)")
    db.close()


if __name__ == "__main__":
    main()
