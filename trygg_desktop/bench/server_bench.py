"""``trygg-desktop bench --backend server --clients 1,10,50``: the interactive scenarios through
a real ``trygg-server`` against the local backend, on the same data, in one run.

The bench's own dataset (``bench.dataset``, a SQLCipher file kept in ``--out``) is moved to a
throwaway PostgreSQL cluster with ``import-local`` (every row and the audit chain), a
``trygg-server`` is started on it over TLS as the non-owner role, and for each client count that
many client processes (``bench/server_client.py``) sign in as the bench coordinator and run the
four scenarios (case list first page, open case, save journal entry, full-text search) in turn.
The local baseline runs the same calls in process on the SQLCipher file. Reported: p50/p95 per
scenario and client count, saves per second, errors, the machine and its load; the issue's
targets are checked in the table (one client ≤ 2× local; 50 clients p95 case list ≤ 150 ms and
save ≤ 100 ms; 0 errors). Not part of the timed test run.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median, quantiles
from typing import Any, Callable

from .dataset import ADMIN, ADMIN_PASSWORD, COORDINATOR, DB_NAME, PASSWORD, SCALES, ensure_dataset
from .server_client import SCENARIOS, run_rounds, scenario_calls

TARGET_ONE_CLIENT = 2.0
TARGETS_50 = {"case_list": 150.0, "save_journal": 100.0}


def p50_p95(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    return (median(values), quantiles(values, n=20, method="inclusive")[18])


def run(out: Path, scale: str, clients: list[int], rounds: int, *, workers: int = 1, pace_ms: float = 0.0,
        log: Callable[[str], None] = print) -> dict[str, Any]:
    from ..services.database import unlock
    from ..services.facade import Services
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    load_at_start = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    ensure_dataset(out, SCALES[scale], 1, log=log)
    db, coordinator = unlock(out / DB_NAME, COORDINATOR, PASSWORD)
    try:
        s = Services(db, coordinator)
        case_ids = [c.id for c in s.cases.list()[0]]
        local_times, local_errors = run_rounds(scenario_calls(s, case_ids, 0), rounds)
    finally:
        db.close()
    log(f"local: {len(case_ids)} cases on the first page, {rounds} rounds")
    with _server(out / DB_NAME, log, workers) as (url, cert):
        remote = {str(n): _clients(url, cert, case_ids, n, rounds, pace_ms, log) for n in clients}  # JSON keys
    from .report import machine_info
    result = {"scale": scale, "rounds": rounds, "clients": clients, "workers": workers, "pace_ms": pace_ms,
              "machine": {**machine_info(out), "load_average_at_start": load_at_start},
              "local": {name: p50_p95(v) for name, v in local_times.items()}, "local_errors": local_errors,
              "server": remote, "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (out / "server-bench.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    (out / "server-bench.md").write_text(table(result), encoding="utf-8")
    return result


def _clients(url: str, cert: Path, case_ids: list[int], n: int, rounds: int, pace_ms: float, log) -> dict[str, Any]:
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "trygg_desktop.bench.server_client", url, str(cert), COORDINATOR,
                               PASSWORD, json.dumps(case_ids), str(rounds), str(k), str(pace_ms)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(n)]
    times: dict[str, list[float]] = {name: [] for name in SCENARIOS}
    errors: list[str] = []
    walls = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=3600)
        if p.returncode != 0:
            errors.append(f"client exited {p.returncode}: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}")
            continue
        report = json.loads(stdout.strip().splitlines()[-1])
        for name in SCENARIOS:
            times[name] += report["times"][name]
        errors += report["errors"]
        walls.append(report["wall"])
    elapsed = time.perf_counter() - started
    saves = len(times["save_journal"])
    result = {"p50_p95": {name: p50_p95(v) for name, v in times.items()}, "errors": errors,
              "saves_per_second": round(saves / max(walls) if walls else 0.0, 1), "seconds": round(elapsed, 1)}
    log(f"{n} client(s): {json.dumps(result['p50_p95'])} saves/s {result['saves_per_second']} errors {len(errors)}")
    return result


class _server:
    """A throwaway cluster with the dataset moved in and a trygg-server on it (context manager)."""

    def __init__(self, dataset: Path, log, workers: int = 1) -> None:
        self.dataset, self.log, self.workers = dataset, log, workers

    def __enter__(self) -> tuple[str, Path]:
        from ..server.cluster import create, free_port
        from ..server.tls import self_signed
        from ..services.import_local import import_local
        from ..services.server_database import create_database, provision_app_role
        from ..vault.kdf import FLOOR
        self.folder = Path(tempfile.mkdtemp(prefix="trygg-server-bench-"))  # outside /root: the cluster's user reads it
        started = time.perf_counter()
        self.cluster = create(self.folder)
        create_database(self.cluster.dsn(), "bench")
        owner = self.cluster.dsn("bench")
        import_local(self.dataset, ADMIN, ADMIN_PASSWORD, owner, kdf_params=FLOOR)
        _give_password(owner, COORDINATOR, PASSWORD)
        app_url = provision_app_role(owner, "trygg_app", "app-" + secrets.token_hex(8))
        cert, key = self_signed(self.folder / "tls", ["127.0.0.1", "localhost"])
        port = free_port()
        self.log(f"server: dataset moved to PostgreSQL in {time.perf_counter() - started:.1f} s")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "trygg_desktop.server", "serve", "--bind", f"127.0.0.1:{port}", "--cert", str(cert),
             "--key", str(key), "--workers", str(self.workers)],
            env={**os.environ, "TRYGG_SERVER_DSN": app_url}, stdout=subprocess.DEVNULL,
            stderr=(self.folder / "server.log").open("w"))
        url = f"https://127.0.0.1:{port}"
        _wait_healthy(url, cert, self.process)
        return url, cert

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.cluster.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def _give_password(owner_url: str, username: str, password: str) -> None:
    """import-local brings the accounts but not their passwords (they lived in the file's key
    slots): the bench coordinator gets its server password as `trygg-server user passwd` would."""
    from sqlalchemy import select

    from ..services.credentials import ServerCredentials
    from ..services.server_database import open_server_database
    from ..store.models import User
    from ..vault.kdf import FLOOR
    db = open_server_database(owner_url)
    try:
        with db.session() as s:
            user = s.scalar(select(User).where(User.username == username))
            ServerCredentials().reset(s, user, password, FLOOR)
    finally:
        db.close()


def _wait_healthy(url: str, cert: Path, process: subprocess.Popen) -> None:
    import ssl

    import httpx
    deadline = time.monotonic() + 120
    while True:
        try:
            with httpx.Client(verify=ssl.create_default_context(cafile=str(cert)), timeout=5) as c:
                if c.get(f"{url}/health").status_code == 200:
                    return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("trygg-server did not start (see server.log)")
        time.sleep(0.3)


def table(result: dict[str, Any]) -> str:
    """The README table: p50/p95 ms per scenario, local and per client count, with the targets."""
    clients = result["clients"]
    head = "| Scenario | local p50 / p95 | " + " | ".join(f"{n} client(s) p50 / p95" for n in clients) + " |"
    lines = [head, "|" + "---|" * (2 + len(clients))]
    for name in SCENARIOS:
        local = result["local"][name]
        cells = [f"{local[0]:.0f} / {local[1]:.0f}"]
        for n in clients:
            p50, p95 = result["server"][str(n)]["p50_p95"][name]
            mark = ""
            if n == 1:
                mark = " ✓" if p50 <= TARGET_ONE_CLIENT * max(local[0], 1.0) else " ✗ (> 2× local)"
            if n == 50 and name in TARGETS_50:
                mark = " ✓" if p95 <= TARGETS_50[name] else f" ✗ (target p95 ≤ {TARGETS_50[name]:.0f})"
            cells.append(f"{p50:.0f} / {p95:.0f}{mark}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    server = result["server"]
    lines.append("| saves per second | – | " + " | ".join(
        str(server[str(n)]["saves_per_second"]) for n in clients) + " |")
    lines.append("| errors | " + str(len(result["local_errors"])) + " | " + " | ".join(
        str(len(server[str(n)]["errors"])) for n in clients) + " |")
    m = result["machine"]
    pace = result.get("pace_ms", 0.0)
    return ("\n".join(lines) + f"\n\nScale {result['scale']}, {result['rounds']} rounds per client, "
            + (f"a pause of {pace:.0f} ms on average before the first call and after each call, " if pace
               else "calls back to back, ")
            + f"{result.get('workers', 1)} server worker(s), machine: "
            f"{json.dumps(m, ensure_ascii=False)}\n")


__all__ = ["run", "table"]
