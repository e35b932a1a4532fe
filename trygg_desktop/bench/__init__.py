"""The benchmark suite (issue 6): municipal-scale data, every database scenario on the
SQLCipher file and on an identical plain-SQLite twin, the ratio as the encryption cost.

Not part of the test run (a smoke test runs the TINY scale once). Layout: ``dataset``
(deterministic generator), ``plain`` (the twin), ``scenarios`` (what is timed),
``runner`` (warm-up, repeats, both variants), ``gui_probe`` (the Cases page in its
own process), ``report`` (bench.json, bench.md).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (the dataset is kept there and reused)")
    p.add_argument("--scale", default="S", choices=("TINY", "S", "M", "XL"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=5, help="timed runs per scenario after one warm-up")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs before the timed ones")
    p.add_argument("--only", action="append", metavar="SCENARIO", help="run only these scenarios (repeatable)")
    p.add_argument("--backend", choices=("local", "server"), default="local",
                   help="server: the interactive scenarios through a trygg-server on PostgreSQL (needs PostgreSQL)")
    p.add_argument("--clients", default="1,10,50", help="--backend server: client processes per run, e.g. 1,10,50")
    p.add_argument("--rounds", type=int, default=20, help="--backend server: rounds of the four scenarios per client")
    p.add_argument("--workers", type=int, default=1, help="--backend server: trygg-server worker processes")
    p.add_argument("--pace", type=float, default=0.0, metavar="MS",
                   help="--backend server: each client pauses a random time of this mean (ms) before its first "
                        "call and after every call, as a desktop's user does; 0 (the default) runs them back to back")


def run_from_args(args: argparse.Namespace) -> int:
    # The benchmark's own accounts use the Argon2 floor; it is measured separately ("kdf").
    os.environ.setdefault("TRYGG_KDF_CALIBRATE", "floor")
    out = Path(args.out)
    if args.backend == "server":
        from .server_bench import run as run_server
        result = run_server(out, args.scale, [int(n) for n in args.clients.split(",") if n.strip()],
                            max(1, args.rounds), workers=max(1, args.workers), pace_ms=max(0.0, args.pace),
                            log=lambda line: print(line, flush=True))
        print((out / "server-bench.md").read_text(encoding="utf-8"))
        return 0 if result else 1
    from .report import write
    from .runner import run
    result = run(out, args.scale, seed=args.seed, repeat=max(1, args.repeat), warmup=max(0, args.warmup),
                 only=set(args.only) if args.only else None, log=lambda line: print(line, flush=True))
    json_path, md_path = write(out, result)
    print(md_path.read_text(encoding="utf-8"))
    print(f"Written: {json_path}, {md_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trygg-desktop bench", description=__doc__)
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv))
