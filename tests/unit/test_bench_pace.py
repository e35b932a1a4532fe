"""The server bench's paced clients (``--pace``): a pause before the first call and after every
call, as a desktop's user reads and types between calls, that never counts in a call's time."""

from __future__ import annotations

import random
import time

from trygg_desktop.bench.server_client import SCENARIOS, run_rounds
from trygg_desktop.domain.errors import NotFound


def test_a_paced_client_pauses_before_and_after_every_call_and_times_the_calls_alone() -> None:
    def refused(_i: int) -> None:
        raise NotFound(code="case.not_found")
    calls = {name: (lambda _i: None) for name in SCENARIOS} | {"search": refused}
    started = time.perf_counter()
    times, errors = run_rounds(calls, 5, pace_ms=20, seed=3)
    elapsed = time.perf_counter() - started
    draws = random.Random(3)
    pauses = sum(draws.expovariate(1000.0 / 20) for _ in range(1 + 5 * len(SCENARIOS)))  # a refused call pauses too
    assert errors == ["search: NotFound case.not_found"] * 5 and times["search"] == []
    assert all(len(times[name]) == 5 for name in SCENARIOS if name != "search")
    assert elapsed >= pauses > 0.2
    assert all(ms < 5 for values in times.values() for ms in values)   # the pause is not in the call's time


def test_an_unpaced_client_runs_the_calls_back_to_back() -> None:
    started = time.perf_counter()
    times, errors = run_rounds({name: (lambda _i: None) for name in SCENARIOS}, 50)
    assert errors == [] and all(len(v) == 50 for v in times.values())
    assert time.perf_counter() - started < 0.5
