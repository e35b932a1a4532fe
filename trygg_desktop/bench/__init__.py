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


def run_from_args(args: argparse.Namespace) -> int:
    # The benchmark's own accounts use the Argon2 floor; it is measured separately ("kdf").
    os.environ.setdefault("TRYGG_KDF_CALIBRATE", "floor")
    from .report import write
    from .runner import run
    out = Path(args.out)
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
