"""The GUI scenario, in its own process so its peak RSS is the GUI's alone.

    python -m trygg_desktop.bench.gui_probe FOLDER VARIANT

Offscreen QApplication, the real Cases page (``ui/pages/cases.py`` with
``ui/models/case_table.py``) for the benchmark coordinator, who sees every case.
Measures model creation → first page fetched and painted (the view is grabbed into
a pixmap, which runs the paint), then loads every row as scrolling to the end
would and reports the process's peak RSS with all cases listed. Prints one JSON line.
Replaces the older ad-hoc ``tests/bench/gui_timings.py``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    """This process's own peak. On Linux VmHWM, the high-water mark of this process image:
    ``ru_maxrss`` survives ``exec`` and would report the benchmark runner's size at the fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(folder: str, variant: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..ui import i18n
    from ..ui.pages.base import Context
    from ..ui.pages.cases import CasesPage
    from ..ui.tasks import Executor, set_executor
    from .runner import open_variant
    app = QApplication.instance() or QApplication([])
    i18n.install(app, "sv")
    executor = Executor(sync=True)
    set_executor(executor)
    ctx = open_variant(Path(folder), variant)
    services = ctx.services()
    page_ctx = Context(services=services, executor=executor, notify=lambda _s: None,
                       open_case=lambda _i: None, open_meeting=lambda _i: None)
    started = time.perf_counter()
    page = CasesPage(page_ctx)
    page.resize(1280, 800)
    page.filters.open_only.blockSignals(True)  # one query, from apply_filter below
    page.filters.open_only.setChecked(False)  # every case the coordinator may see, closed ones too
    page.filters.open_only.blockSignals(False)
    page.show()
    page.apply_filter()
    app.processEvents()
    page.table.grab()
    first_paint = time.perf_counter() - started
    first_rows = page.model.rowCount()
    t = time.perf_counter()
    while page.model.canFetchMore():
        page.model.fetchMore()
        app.processEvents()
    page.table.scrollToBottom()
    page.table.grab()
    all_rows = time.perf_counter() - t
    print(json.dumps({"first_paint_ms": first_paint * 1000, "first_rows": first_rows,
                      "all_rows_ms": all_rows * 1000, "rows": page.model.rowCount(), "total": page.model.total,
                      "peak_rss_mb": _peak_rss_mb()}))
    ctx.db.engine.dispose()


if __name__ == "__main__":  # pragma: no cover - run by the bench runner
    main(sys.argv[1], sys.argv[2])
