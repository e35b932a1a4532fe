"""Smoke test of the benchmark suite: the TINY scale, every scenario once, both variants.

The real runs (S, M, XL) are not part of the test run; this keeps the bench code
working: the dataset generator (with a valid audit chain), the plain twin, every
scenario, the GUI probe in its own process and the report files.
"""

from __future__ import annotations

import json

from trygg_desktop.bench import main
from trygg_desktop.bench.dataset import DB_NAME
from trygg_desktop.bench.plain import PLAIN_NAME
from trygg_desktop.bench.scenarios import SCENARIOS
from tests.rawscan import scan_for_markers


def test_tiny_bench_runs_every_scenario_on_both_variants(tmp_path, monkeypatch):
    monkeypatch.setenv("TRYGG_KDF_CALIBRATE", "floor")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    out = tmp_path / "bench"
    assert main(["--out", str(out), "--scale", "TINY", "--repeat", "1", "--warmup", "0"]) == 0

    result = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert result["scale"] == "TINY"
    assert result["dataset"]["audit_event"] >= 2000
    scenarios = result["scenarios"]
    for scenario in SCENARIOS:
        entry = scenarios[scenario.name]
        variants = ("sqlcipher",) if scenario.cipher_only else ("sqlcipher", "plain")
        for variant in variants:
            data = entry[variant]
            assert "error" not in data, (scenario.name, variant, data)
            assert data["n"] == 1
            assert 0 < data["min_ms"] <= data["median_ms"] <= data["p95_ms"] <= data["max_ms"] < 120_000
        if not scenario.cipher_only:
            assert entry["ratio"] > 0
    gui = scenarios["gui_first_paint"]
    for variant in ("sqlcipher", "plain"):
        assert "error" not in gui[variant], gui[variant]
        assert gui[variant]["rows"] == gui[variant]["total"] == result["dataset"]["case_file"]
        assert 50 < gui[variant]["peak_rss_mb"] < 2000
    assert "backup_verify" in scenarios
    # The audit chain the generator wrote verifies (the scenario raises otherwise) and counts every event.
    assert result["notes"]["audit_verify"]["events"] >= result["dataset"]["audit_event"]
    assert result["machine"]["sqlcipher"] and result["machine"]["sqlite"]

    table = (out / "bench.md").read_text(encoding="utf-8")
    assert "| Scenario |" in table and "ratio" in table
    for scenario in SCENARIOS:
        assert scenario.title in table

    # The encrypted file holds no readable demo text; the twin (bench only) does: the comparison is real.
    hits = {path.name for path, _marker, _label in scan_for_markers(out, ["Hembesök genomfört"])}
    assert PLAIN_NAME in hits
    assert not any(name.startswith(DB_NAME) for name in hits), hits

    # A second run reuses the dataset (generation is the slow part at XL) and can pick scenarios.
    assert main(["--out", str(out), "--scale", "TINY", "--repeat", "1", "--warmup", "0",
                 "--only", "search_pnr"]) == 0
    again = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert set(again["scenarios"]) == {"search_pnr"}
    assert again["dataset_seconds"] == result["dataset_seconds"]


def test_the_unlock_scenario_starts_from_a_checkpointed_wal(world):
    """``unlock`` is timed on the file as the app's lock leaves it: the bench's own open connection
    has its WAL checkpointed away first, so the pre-open WAL check has no frames to read."""
    from pathlib import Path

    from trygg_desktop.bench.scenarios import Ctx

    unlock = next(s for s in SCENARIOS if s.name == "unlock")
    assert unlock.before is not None
    world.as_("samordnare").users.list_units()          # a read writes its audit event: the WAL grows
    wal = Path(f"{world.path}-wal")
    assert wal.stat().st_size > 0
    unlock.before(Ctx("sqlcipher", world.db, None, world.path.parent, reopen=lambda: world.db))
    assert wal.stat().st_size == 0
