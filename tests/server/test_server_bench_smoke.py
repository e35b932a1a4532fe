"""Smoke test of ``trygg-desktop bench --backend server`` at TINY scale: the dataset moved to a
real cluster with import-local, a real trygg-server, two client counts, the table written.
The figures themselves are measured by hand (README, Server mode), not in the test run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trygg_desktop.bench import main
from trygg_desktop.server import cluster


def test_the_server_bench_runs_end_to_end_at_tiny_scale(tmp_path: Path) -> None:
    if cluster.find_bindir() is None:
        pytest.skip("no PostgreSQL server binaries")
    out = tmp_path / "bench"
    assert main(["--out", str(out), "--scale", "TINY", "--backend", "server", "--clients", "1,2", "--rounds", "2",
                 "--workers", "2", "--pace", "5"]) == 0
    result = json.loads((out / "server-bench.json").read_text(encoding="utf-8"))
    assert set(result["server"]) == {"1", "2"} and result["local_errors"] == [] and result["workers"] == 2
    for run in result["server"].values():
        assert run["errors"] == [] and run["saves_per_second"] > 0
        assert all(p50 > 0 for p50, _p95 in run["p50_p95"].values())
    table = (out / "server-bench.md").read_text(encoding="utf-8")
    assert "| case_list |" in table and "| save_journal |" in table and "saves per second" in table
    assert "2 server worker(s)" in table and "a pause of 5 ms on average before the first call and after each call" in table
    assert result["pace_ms"] == 5
