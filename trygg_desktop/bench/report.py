"""bench.json and bench.md: statistics per scenario and variant, the ratio, the machine."""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
from pathlib import Path
from typing import Any

VARIANTS = ("sqlcipher", "plain")
RATIO_TARGET = 1.3


def stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    n = len(ordered)
    mid = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    # p95 by the nearest-rank method (with 5 samples it is the maximum).
    rank = max(0, min(n - 1, -(-95 * n // 100) - 1))
    return {"n": n, "median_ms": round(mid, 2), "p95_ms": round(ordered[rank], 2), "min_ms": round(ordered[0], 2),
            "max_ms": round(ordered[-1], 2)}


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3, 1)
    except (ValueError, OSError, AttributeError):
        return None


def machine_info(folder: Path) -> dict[str, Any]:
    from ..store.engine import raw
    from .dataset import open_dataset
    db = open_dataset(folder)
    try:
        with raw(db.engine) as conn:
            cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
            sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
            provider = conn.execute("PRAGMA cipher_provider").fetchone()
    finally:
        db.engine.dispose()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"cpu": _cpu_model(), "cores": os.cpu_count(), "ram_gb": _ram_gb(),
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "sqlcipher": cipher, "crypto_provider": provider[0] if provider else None, "sqlite": sqlite,
            "load_average_at_end": [round(x, 2) for x in load] if load else None}


def summarise(raw_result: dict[str, Any]) -> dict[str, Any]:
    """Add the statistics and the SQLCipher/plain ratio (of the medians) to every scenario."""
    for entry in raw_result["scenarios"].values():
        for variant in VARIANTS:
            data = entry.get(variant)
            if isinstance(data, dict) and "samples_ms" in data:
                data.update(stats(data["samples_ms"]))
        cipher, plain = entry.get("sqlcipher", {}), entry.get("plain", {})
        if "median_ms" in cipher and "median_ms" in plain and plain["median_ms"] > 0:
            entry["ratio"] = round(cipher["median_ms"] / plain["median_ms"], 2)
            # The fastest runs are the least disturbed by other load: their ratio is the steadier one.
            entry["ratio_min"] = round(cipher["min_ms"] / max(plain["min_ms"], 1e-6), 2)
        target = entry.get("target_ms")
        if target is not None and "median_ms" in cipher:
            entry["meets_target"] = cipher["median_ms"] <= target
    raw_result["peak_rss_mb_runner"] = peak_rss_mb()
    return raw_result


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Scale {result['scale']} (seed {result['seed']}): " + ", ".join(f"{k} {v:,}" for k, v in
                                                                  result["dataset"].items()) + ".",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}, Python {m['python']}, "
        f"SQLCipher {m['sqlcipher']} ({m['crypto_provider']}), SQLite {m['sqlite']}; load average (1/5/15 min) "
        f"at start {m.get('load_average_at_start')}, at end {m.get('load_average_at_end')}.",
        f"Each scenario: {result.get('warmup', 1)} warm-up + {result['repeat']} timed runs (heavy ones at most 3); "
        "times in ms; ratio = SQLCipher median / plain median.",
        "",
        "| Scenario | SQLCipher median | p95 | min–max | plain median | ratio | ratio of minima | target | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for name, entry in result["scenarios"].items():
        if "skipped" in entry:
            lines.append(f"| {entry['title']} | skipped: {entry['skipped']} | | | | | | | |")
            continue
        c, p = entry.get("sqlcipher", {}), entry.get("plain", {})
        if "error" in c:
            lines.append(f"| {entry['title']} | error: {c['error'][:80]} | | | | | | | |")
            continue
        ratio = entry.get("ratio")
        target = entry.get("target_ms")
        met = entry.get("meets_target")
        ratio_text = "–" if ratio is None else (f"**{ratio:.2f}**" if ratio > RATIO_TARGET else f"{ratio:.2f}")
        lines.append(
            f"| {entry['title']} | {_fmt(c.get('median_ms'))} | {_fmt(c.get('p95_ms'))} | "
            f"{_fmt(c.get('min_ms'))}–{_fmt(c.get('max_ms'))} | {_fmt(p.get('median_ms'))} | {ratio_text} | "
            f"{_fmt_ratio(entry.get('ratio_min'))} | {'≤ ' + _fmt(target) if target else '–'} | "
            f"{'–' if met is None else ('yes' if met else '**no**')} |")
    gui = result["scenarios"].get("gui_first_paint", {})
    if "sqlcipher" in gui and "peak_rss_mb" in gui["sqlcipher"]:
        g = gui["sqlcipher"]
        all_rows = sorted(g["all_rows_ms"])[len(g["all_rows_ms"]) // 2]
        plain_rss = gui.get("plain", {}).get("peak_rss_mb", 0)
        lines += ["", f"GUI: {g['rows']:,} of {g['total']:,} cases listed; all rows loaded in {_fmt(all_rows)} ms; "
                      f"peak RSS of the GUI process {g['peak_rss_mb']:.0f} MB (target ≤ 350 MB); "
                      f"plain twin {plain_rss:.0f} MB."]
    if result.get("notes"):
        lines += ["", "Notes: " + "; ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}"
                                           for k, v in result["notes"].items())]
    lines.append(f"Peak RSS of the benchmark runner: {result.get('peak_rss_mb_runner')} MB; run took "
                 f"{result['seconds']:.0f} s (dataset generation {result['dataset_seconds']:.0f} s, once).")
    return "\n".join(lines) + "\n"


def write(folder: Path, result: dict[str, Any]) -> tuple[Path, Path]:
    result = summarise(result)
    json_path, md_path = folder / "bench.json", folder / "bench.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    md_path.write_text(markdown(result), encoding="utf-8")
    return json_path, md_path
