"""Runs the scenarios on both variants and collects the samples.

Order per scenario: the SQLCipher variant, then the plain twin, each with one
untimed warm-up and ``repeat`` timed runs (heavy scenarios at most 3), so both
variants see the same machine state as closely as a shared machine allows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

from ..services.database import open_engine
from .dataset import (ADMIN, ADMIN_PASSWORD, COORDINATOR, DB_NAME, PASSWORD, SCALES, DatasetInfo, dataset_key,
                      ensure_dataset)
from .plain import PLAIN_NAME, export_plain, open_plain
from .scenarios import SCENARIOS, Ctx, Scenario

VARIANTS = ("sqlcipher", "plain")


def _reopen_plain(path: Path):
    """What the app's unlock does after the KDF (``open_engine(..., health_check=False)``),
    on the twin: the WAL check, the open and the migrate check. The whole-file R29 check
    runs in the background and has its own scenario (``health_check``)."""
    from ..services import database
    from ..store.migrate import migrate_if_needed
    database.wal_problems(path)
    db = open_plain(path)
    migrate_if_needed(db.engine, path)
    return db


def open_variant(folder: Path, variant: str) -> Ctx:
    """An open ``Ctx`` on the encrypted file (KDF once, then raw-key opens) or on its twin."""
    info = DatasetInfo.load(folder)
    if info is None:
        raise FileNotFoundError(f"no benchmark dataset in {folder}")
    if variant == "plain":
        path = folder / PLAIN_NAME
        return Ctx(variant, open_plain(path), info, folder, reopen=lambda: _reopen_plain(path))
    path = folder / DB_NAME
    keyfile, dek = dataset_key(folder)
    db = open_engine(path, bytearray(dek), keyfile)
    return Ctx(variant, db, info, folder, reopen=lambda: open_engine(path, bytearray(dek), keyfile, health_check=False),
               kdf=lambda: keyfile.unlock_user(COORDINATOR, PASSWORD))


def _time(step: Callable[[], Any], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _prepare(scenario: Scenario, ctx: Ctx) -> None:
    if scenario.before is not None:
        scenario.before(ctx)


def _backup_scenario() -> Scenario | None:
    """Backup + verify (SQLCipher only: a backup is an encrypted export plus the key file, which
    the plain twin has not), when the backup service exists (it was written in parallel)."""
    try:
        from ..services import backup, restore  # type: ignore[attr-defined]
    except ImportError:
        return None

    def setup(ctx: Ctx):
        out = ctx.folder / "bench-backup.tbak"

        def step():
            out.unlink(missing_ok=True)
            backup.BackupService(ctx.db, ctx.services(ADMIN).actor).create(out)
            report = restore.verify_backup(out, username=ADMIN, password=ADMIN_PASSWORD)
            out.unlink(missing_ok=True)
            return report
        return step
    return Scenario("backup_verify", "Backup + verify (SQLCipher only; includes one Argon2 unlock of the "
                    "backup's key slot)", setup, heavy=True, cipher_only=True)


def run_database(folder: Path, repeat: int, only: set[str] | None, log: Callable[[str], None], *,
                 warmup: int = 1) -> tuple[dict, dict]:
    """Both variants open side by side; per scenario the timed runs alternate between them
    (cipher, plain, cipher, …) so that a noisy neighbour slows both alike."""
    scenarios = list(SCENARIOS)
    extra = _backup_scenario()
    if extra is not None:
        scenarios.append(extra)
    scenarios = [s for s in scenarios if not only or s.name in only]
    results: dict[str, dict[str, Any]] = {s.name: {"title": s.title, "target_ms": s.target_ms} for s in scenarios}
    ctxs = {variant: open_variant(folder, variant) for variant in VARIANTS}
    try:
        for scenario in scenarios:
            variants = [v for v in VARIANTS if v == "sqlcipher" or not scenario.cipher_only]
            runs = min(repeat, 3) if scenario.heavy else repeat
            steps: dict[str, Callable[[], Any]] = {}
            for variant in variants:
                try:
                    steps[variant] = scenario.setup(ctxs[variant])
                    for _ in range(warmup):
                        _prepare(scenario, ctxs[variant])
                        steps[variant]()
                except Exception as exc:  # noqa: BLE001 - a broken scenario is reported, not fatal
                    results[scenario.name][variant] = {"error": f"{type(exc).__name__}: {exc}"}
                    log(f"  {scenario.name} [{variant}]: FAILED {type(exc).__name__}: {exc}")
            samples: dict[str, list[float]] = {v: [] for v in steps}
            try:
                for _ in range(runs):
                    for variant, step in steps.items():
                        _prepare(scenario, ctxs[variant])
                        samples[variant] += _time(step, 1)
            except Exception as exc:  # noqa: BLE001
                results[scenario.name]["sqlcipher"] = {"error": f"{type(exc).__name__}: {exc}"}
                log(f"  {scenario.name}: FAILED {type(exc).__name__}: {exc}")
                continue
            for variant, values in samples.items():
                results[scenario.name][variant] = {"samples_ms": values}
            log(f"  {scenario.name}: " + ", ".join(
                f"{v} median {sorted(x)[len(x) // 2]:.1f} ms" for v, x in samples.items() if x))
        notes = dict(ctxs["sqlcipher"].notes)
    finally:
        for ctx in ctxs.values():
            ctx.db.engine.dispose()
    if extra is None and (not only or "backup_verify" in only):
        results["backup_verify"] = {"title": "Backup + verify", "target_ms": None,
                                    "skipped": "services/backup.py is not in this tree yet"}
    return results, notes


def run_gui(folder: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    out: dict[str, Any] = {"title": "GUI (offscreen): Cases page, model creation → first page painted",
                           "target_ms": None}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for variant in VARIANTS:
        probes = []
        for _ in range(max(1, min(repeat, 3))):
            proc = subprocess.run([sys.executable, "-m", "trygg_desktop.bench.gui_probe", str(folder), variant],
                                  capture_output=True, text=True, env=env, timeout=1800)
            if proc.returncode != 0:
                out[variant] = {"error": proc.stderr.strip()[-2000:]}
                log(f"  gui [{variant}]: FAILED {proc.stderr.strip()[-300:]}")
                break
            probes.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        if probes:
            out[variant] = {"samples_ms": [p["first_paint_ms"] for p in probes],
                            "all_rows_ms": [p["all_rows_ms"] for p in probes],
                            "rows": probes[-1]["rows"], "total": probes[-1]["total"],
                            "peak_rss_mb": max(p["peak_rss_mb"] for p in probes)}
            log(f"  gui [{variant}]: first paint {probes[-1]['first_paint_ms']:.0f} ms, "
                f"{probes[-1]['rows']} rows, peak RSS {out[variant]['peak_rss_mb']:.0f} MB")
    return out


def run(folder: Path, scale: str, *, seed: int = 1, repeat: int = 5, warmup: int = 1, only: set[str] | None = None,
        log: Callable[[str], None] = print) -> dict[str, Any]:
    folder = Path(folder)
    started = time.perf_counter()
    load_at_start = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    info = ensure_dataset(folder, SCALES[scale], seed, log=log)
    from .dataset import ensure_indexes
    from ..store.engine import raw
    cipher = open_variant(folder, "sqlcipher")
    try:
        with raw(cipher.db.engine) as conn:
            if made := ensure_indexes(conn):
                log(f"dataset: created missing indexes {made}")
                (folder / PLAIN_NAME).unlink(missing_ok=True)  # the twin is exported again below
    finally:
        cipher.db.engine.dispose()
    if not (folder / PLAIN_NAME).exists():
        log("plain twin: sqlcipher_export …")
        ctx = open_variant(folder, "sqlcipher")
        try:
            export_plain(ctx.db, folder / PLAIN_NAME)
        finally:
            ctx.db.engine.dispose()
    results, notes = run_database(folder, repeat, only, log, warmup=warmup)
    if not only or "gui_first_paint" in only:
        results["gui_first_paint"] = run_gui(folder, repeat, log)
    from .report import machine_info
    return {"scale": scale, "seed": seed, "repeat": repeat, "warmup": warmup, "dataset": info.counts,
            "dataset_seconds": info.seconds,
            "machine": {**machine_info(folder), "load_average_at_start": load_at_start},
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "seconds": round(time.perf_counter() - started, 1), "notes": notes, "scenarios": results}
