"""``trygg-desktop est``: the EST incident import, the lägesbild as PDF (and JSON), area shapes.

    trygg-desktop est import --db PATH --as USER FILE.csv|FILE.xlsx [--mapping FILE.json]
    trygg-desktop est report --db PATH --as USER (--week 2026-W10 | --month 2026-03 | --tertial 2026-T1 |
                             --year 2026) [--threshold 3,50,100] --out FILE.pdf [--json FILE.json]
    trygg-desktop est areas import --db PATH --as USER FILE.geojson

The services decide who may do what and audit it (EST_IMPORT, EST_REPORT, EST_PRINT, EST_EXPORT,
EST_AREAS_IMPORT). An import is all or nothing: on any bad row nothing is saved and every
problem is listed with its row. The PDF and JSON are written owner-only (0600) and atomically;
they are not encrypted, so the command says so on stderr (they hold counts, no personal data).
Exit codes as for every command: 0 ok, 2 usage, 3 refused or wrong password, 4 invalid input.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from ..api.errors import EXIT_OK, ValidationError
from ..domain.est import Thresholds
from ..domain.periods import Period
from . import io
from .commands import session


def register(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    est = sub.add_parser("est", help="EST (effektiv samordning för trygghet): incidents, lägesbild, areas")
    commands = est.add_subparsers(dest="est_command", required=True)

    p = commands.add_parser("import", help="import incidents from a CSV or XLSX export (atomic)")
    common(p)
    p.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--mapping", metavar="FILE.json", help="column mapping: source column → field, value maps")
    p.set_defaults(func=cmd_import)

    p = commands.add_parser("report", help="the lägesbild as PDF (and JSON); unencrypted files")
    common(p)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--week", metavar="YYYY-Www", help="an ISO week, e.g. 2026-W10")
    when.add_argument("--month", metavar="YYYY-MM", help="a month, e.g. 2026-03")
    when.add_argument("--tertial", metavar="YYYY-TN", help="a tertial, e.g. 2026-T1")
    when.add_argument("--year", metavar="YYYY")
    p.add_argument("--threshold", default=None, metavar="N[,ELEVATED%,SERIOUS%]",
                   help="flag cells from N incidents and these percentages above the mean (default 3,50,100)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--json", metavar="FILE.json", help="also write the figures as JSON")
    p.set_defaults(func=cmd_report)

    areas = commands.add_parser("areas", help="EST areas").add_subparsers(dest="est_areas_command", required=True)
    p = areas.add_parser("import", help="import area shapes from a GeoJSON FeatureCollection")
    common(p)
    p.add_argument("file", metavar="FILE.geojson")
    p.set_defaults(func=cmd_areas_import)


def _read(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Kan inte läsa {what} {Path(path).name}: {exc.strerror}", code="est.read") from None


def _period(args: argparse.Namespace) -> Period:
    text = args.week or args.month or args.tertial or args.year
    period = Period.parse(text)
    wanted = {"week": "WEEK", "month": "MONTH", "tertial": "TERTIAL", "year": "YEAR"}
    kind = next(v for k, v in wanted.items() if getattr(args, k))
    if period.kind != kind:
        raise io.UsageError(f"{text!r} är ingen {kind.lower()}", code="usage.est_period")
    return period


def cmd_import(args: argparse.Namespace) -> int:
    data = _read(args.file, "filen")
    mapping = _read(args.mapping, "mappningen") if args.mapping else None
    with session(args) as s:
        result = s.est_import.import_file(data, Path(args.file).name, mapping)
    io.out(f"Importerade {result.created} händelser från {Path(args.file).name} ({result.seconds:.1f} s).")
    if result.duplicates:
        io.out(f"{result.duplicates} rader liknar en redan registrerad händelse (samma kategori, plats och dag): "
               "kontrollera dem.")
    for warning in result.warnings[:20]:
        io.out(f"  rad {warning.row}: {warning.message}")
    if len(result.warnings) > 20:
        io.out(f"  … och {len(result.warnings) - 20} varningar till.")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    period = _period(args)
    thresholds = Thresholds.parse(args.threshold) if args.threshold else Thresholds()
    from ..reports.est_pdf import render_est
    with session(args) as s:
        picture = s.est_picture.picture(period, thresholds=thresholds)
        pdf = render_est(picture)
        s.est_picture.record_output(picture, "PRINT")
        out = Path(args.out)
        io.write_output(out, pdf, "est.write")
        written = [out]
        if args.json:
            data = s.est_picture.export_json(picture)
            io.write_output(Path(args.json), data, "est.write")
            written.append(Path(args.json))
    flagged = sum(1 for r in picture.rows for c in r.cells if c.flagged)
    io.out(f"Lägesbilden för {picture.period.label} är sparad: {', '.join(str(p) for p in written)}.")
    io.out(f"{picture.total} händelser i {len(picture.rows)} områden; {flagged} celler med förhöjt eller allvarligt "
           f"läge; {len(picture.actions)} beslutade åtgärder, {len(picture.follow_up)} att följa upp.")
    if picture.period.running:
        io.out(f"Perioden pågår: siffrorna gäller till och med {picture.period.as_of.isoformat()}.")
    for path in written:
        io.err(f"VARNING: {path} är inte krypterad. Den innehåller inga personuppgifter, men förvara och radera "
               "den enligt kommunens rutiner.")
    return EXIT_OK


def cmd_areas_import(args: argparse.Namespace) -> int:
    data = _read(args.file, "filen")
    with session(args) as s:
        result = s.est_setup.import_areas(data)
    io.out(f"Områden: {len(result.created)} nya, {len(result.updated)} med ny gräns.")
    for name in result.created:
        io.out(f"  nytt: {name}")
    return EXIT_OK
