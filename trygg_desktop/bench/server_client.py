"""One client process of the server benchmark (``bench/server_bench.py``): signs in to
``trygg-server`` over TLS and runs the four interactive scenarios in turn, ``ROUNDS`` times,
printing each call's time as JSON on stdout. A separate process per client, so 50 clients are
50 Python interpreters with their own connections, as 50 desktops would be.

``PACE_MS`` > 0 makes the client pause before its first call and after every call for a random
time of that mean (an exponential draw, seeded by the worker number: independent users, the
same draws every run), as a person at a desktop reads and types between calls; 0 runs the
calls back to back, the worst case, where every client is always waiting for the server.

    python -m trygg_desktop.bench.server_client URL CERT USER PASSWORD CASE_IDS ROUNDS WORKER [PACE_MS]
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable

from ..client.connect import connect
from ..domain.errors import TryggError
from ..services.cases import CaseFilter
from ..services.journal import JournalInput

SCENARIOS = ("case_list", "open_case", "save_journal", "search")
SEARCH_WORD = "skolan"


def scenario_calls(services: Any, case_ids: list[int], worker: int) -> dict[str, Callable[[int], Any]]:
    """The scenarios as calls on a ``Services``-shaped object: the same for both backends."""
    def save(i: int) -> Any:
        return services.journal.add(JournalInput(case_id=case_ids[(worker + i) % len(case_ids)],
                                                 event_date=date(2026, 11, 20), entry_type="ANTECKNING",
                                                 text=f"Benchmark-anteckning {worker}-{i}", visibility="SHARED"))
    return {
        "case_list": lambda i: services.cases.list(CaseFilter(limit=50)),
        "open_case": lambda i: services.case_view.open(case_ids[(worker * 7 + i) % len(case_ids)]),
        "save_journal": save,
        "search": lambda i: services.journal.search(SEARCH_WORD),
    }


def run_rounds(calls: dict[str, Callable[[int], Any]], rounds: int, *, pace_ms: float = 0.0,
               seed: int = 0) -> tuple[dict[str, list[float]], list[str]]:
    times: dict[str, list[float]] = {name: [] for name in SCENARIOS}
    errors: list[str] = []
    draws = random.Random(seed)
    if pace_ms > 0:   # users do not all click at the same moment: no burst of every client's first call
        time.sleep(draws.expovariate(1000.0 / pace_ms))
    for i in range(rounds):
        for name in SCENARIOS:
            started = time.perf_counter()
            try:
                calls[name](i)
            except TryggError as exc:
                errors.append(f"{name}: {type(exc).__name__} {exc.code}")
            else:
                times[name].append((time.perf_counter() - started) * 1000)
            if pace_ms > 0:
                time.sleep(draws.expovariate(1000.0 / pace_ms))
    return times, errors


def main(argv: list[str]) -> int:
    url, cert, user, password, case_ids, rounds, worker, *pace = argv
    services = connect(url, user, password, ca=Path(cert), timeout=300)
    try:
        started = time.perf_counter()
        times, errors = run_rounds(scenario_calls(services, json.loads(case_ids), int(worker)), int(rounds),
                                   pace_ms=float(pace[0]) if pace else 0.0, seed=int(worker))
        wall = time.perf_counter() - started
    finally:
        services.close()
    print(json.dumps({"times": times, "errors": errors, "wall": wall}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
