"""``trygg-desktop stats``: the steering group's follow-up report as PDF (and CSV/XLSX).

    trygg-desktop stats --db PATH --as USER (--tertial 2026-T1 | --year 2026 | --from DATE --to DATE)
                        [--kind K] [--unit UNIT] [--threshold N] --out FILE.pdf [--csv FILE.csv]
                        [--xlsx FILE.xlsx]

The service decides who may see what and audits the report, the PDF (STATS_PRINT) and the
CSV or XLSX (STATS_EXPORT). The files are written owner-only (0600) and atomically; they are not
encrypted, so the command says so on stderr. They hold aggregated, suppressed figures only.
Exit codes as for every command: 0 ok, 2 usage, 3 refused or wrong password, 4 invalid input.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Callable

from ..domain import vocab
from ..api.errors import EXIT_OK, ValidationError
from ..domain.periods import Period
from . import io
from .commands import session


def register(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("stats", help="follow-up statistics for the steering group as PDF (and CSV/XLSX); "
                                     "aggregated and suppressed, unencrypted files")
    common(p)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--tertial", metavar="YYYY-TN", help="a tertial, e.g. 2026-T1 (T1 jan–apr, T2 maj–aug, "
                                                          "T3 sep–dec)")
    when.add_argument("--year", type=int, metavar="YYYY")
    when.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="with --to: any range of days")
    p.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--kind", choices=vocab.CASE_KINDS.codes, help="one case kind (default: every kind you may see)")
    p.add_argument("--unit", metavar="UNIT", help="one unit, by name or id (default: every unit you may see)")
    p.add_argument("--threshold", type=int, default=5, help="small numbers below this are shown as <N (default 5)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--csv", metavar="FILE.csv", help="also write the suppressed tables as CSV")
    p.add_argument("--xlsx", metavar="FILE.xlsx", help="also write the suppressed tables as an Excel workbook")
    p.set_defaults(func=cmd_stats)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("ange datumet som ÅÅÅÅ-MM-DD") from None


def _period(args: argparse.Namespace) -> Period:
    if args.tertial:
        return Period.parse(args.tertial)
    if args.year is not None:
        return Period.of_year(args.year)
    if args.end is None:
        raise io.UsageError("--from kräver --to", code="usage.stats_range")
    return Period.between(args.start, args.end)


def _unit_id(s, ref: str | None) -> int | None:
    if ref is None:
        return None
    for unit_id, name in s.statistics.options().units:
        if ref.strip() == name or (ref.strip().isdigit() and int(ref) == unit_id):
            return unit_id
    raise ValidationError(f"Okänd enhet, eller en enhet du inte har statistik för: {ref}", code="stats.unit")


def cmd_stats(args: argparse.Namespace) -> int:
    if args.end is not None and args.start is None:
        raise io.UsageError("--to kräver --from", code="usage.stats_range")
    period = _period(args)
    from ..reports.statistics_pdf import render_statistics
    with session(args) as s:
        report = s.statistics.report(period, kind=args.kind, unit_id=_unit_id(s, args.unit),
                                     threshold=args.threshold)
        pdf = render_statistics(report)
        out = Path(args.out)
        s.statistics.record_output(report, "PRINT")
        io.write_output(out, pdf, "stats.write")
        written = [out]
        for fmt in ("csv", "xlsx"):
            if getattr(args, fmt):
                written.append(s.statistics.export(report, Path(getattr(args, fmt)), fmt))
    hidden = sum(len(t.table.primary) + len(t.table.secondary) for t in report.tables)
    io.out(f"Uppföljningen för {report.period.label} ({report.scope_label}) är sparad: "
           f"{', '.join(str(p) for p in written)}.")
    io.out(f"{len(report.tables)} tabeller; {hidden} värden dolda (under {report.threshold}, eller för att "
           "ett litet värde inte ska kunna räknas fram).")
    if report.period.running:
        io.out(f"Perioden pågår: siffrorna gäller till och med {report.period.as_of.isoformat()}.")
    for path in written:
        io.err(f"VARNING: {path} är inte krypterad. Den innehåller endast aggregerad statistik med skydd för "
               "små tal, men förvara och radera den enligt kommunens rutiner.")
    return EXIT_OK
