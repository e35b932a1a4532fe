"""CLI commands for the e-archive hand-over: ``earchive export``, ``earchive open``, ``earchive verify``.

``export`` (archive manager) seals closed cases into an encrypted ``.tdar``
container; ``open`` decrypts one for the archivist and writes its files in
plain text (with a warning); ``verify`` decrypts in memory and checks every
file against the manifest, writing nothing. The passphrase never comes as an
argument: ``--passphrase-file``, else ``TRYGG_EARCHIVE_PASSPHRASE``, else a
prompt (twice when it is chosen, at export). Exit codes: 3 wrong passphrase or
no archive role, 4 invalid input (an open case, a short passphrase, a non-empty
output folder), 5 a tampered or incomplete file.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import Any

from ..api.errors import EXIT_OK, ValidationError
from . import io
from .commands import session

PASSPHRASE_ENV = "TRYGG_EARCHIVE_PASSPHRASE"


def register(sub: Any, common: Any) -> None:
    """Add ``earchive`` with its three commands to the main parser."""
    group = sub.add_parser("earchive", help="hand closed cases over to the e-archive (encrypted package)")
    actions = group.add_subparsers(dest="earchive_command", required=True)

    p = actions.add_parser("export", help="seal closed cases into an encrypted e-archive package (archive manager)")
    common(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", action="append", metavar="REF", help="a closed case's reference (repeatable)")
    which.add_argument("--due", action="store_true", help="every case the gallring list says is due")
    p.add_argument("--out", required=True, metavar="FILE.tdar")
    p.add_argument("--passphrase-file", help=f"read the passphrase from this file (else {PASSPHRASE_ENV}, "
                                             "else a prompt); at least 12 characters")
    p.set_defaults(func=cmd_export)

    for name, text in (("open", "decrypt a package into a NEW folder (writes plain text!)"),
                       ("verify", "decrypt in memory and check every file against the manifest")):
        p = actions.add_parser(name, help=text)
        p.add_argument("--in", dest="source", required=True, metavar="FILE.tdar")
        if name == "open":
            p.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
        p.add_argument("--passphrase-file", help=f"read the passphrase from this file (else {PASSPHRASE_ENV}, "
                                                 "else a prompt)")
        p.set_defaults(func=cmd_open if name == "open" else cmd_verify)


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise io.UsageError(f"Kan inte läsa lösenfrasfilen: {exc.strerror}",
                                code="usage.passphrase_file") from None
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        return env
    if not io._interactive():  # noqa: SLF001 (the CLI's own helper)
        raise io.UsageError(f"Ingen lösenfras: använd --passphrase-file, sätt {PASSPHRASE_ENV} eller kör i en terminal",
                            code="usage.no_passphrase")
    first = getpass.getpass("Lösenfras för arkivpaketet: ")
    if confirm:
        if getpass.getpass("Lösenfras (igen): ") != first:
            raise ValidationError("Lösenfraserna stämmer inte överens", code="earchive.passphrase_mismatch")
    return first


def _due_case_ids(s: Any) -> list[int]:
    """The closed cases of the gallring list that will really be disposed (held ones are kept anyway;
    a record due in a case still open, e.g. an old consent, is not a hand-over of the case)."""
    try:
        service = s.retention
    except ImportError:
        raise io.UsageError("--due kräver gallringsmodulen, som den här versionen saknar",
                            code="usage.no_retention") from None
    return list(dict.fromkeys(row.case_id for row in service.due()
                                  if not row.blocked_by and row.closed_at is not None))


def cmd_export(args: argparse.Namespace) -> int:
    from ..reports.protocol import render_protocol
    from ..api.operations import check_passphrase

    passphrase = _passphrase(args, confirm=True)
    check_passphrase(passphrase)  # before unlocking: a typo costs nothing
    out = Path(args.out)
    with session(args) as s:
        service = s.earchive
        if args.due:
            ids = _due_case_ids(s)
            if not ids:
                io.out("Inga ärenden är aktuella för gallring; inget paket skrevs.")
                return EXIT_OK
        else:
            ids = [c.id for c in service.candidates(args.case)]
        info = service.export(ids, out, passphrase, render_protocol=render_protocol)
    io.out(f"Arkivpaketet är skapat och krypterat: {info.path}")
    io.out(f"  {len(info.references)} ärenden ({', '.join(info.references)}), {info.protocols} protokoll, "
           f"{info.size / 1e6:.2f} MB.")
    io.out("  Lämna över lösenfrasen separat (inte i samma e-post eller på samma medium som filen).")
    return EXIT_OK


def _unsealed(args: argparse.Namespace):
    from ..api.operations import open_package, unseal, verify_package

    passphrase = _passphrase(args, confirm=False)
    package = open_package(unseal(Path(args.source), passphrase))
    return package, verify_package(package)


def cmd_open(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):  # before the passphrase prompt
        raise ValidationError("Utmappen finns redan och är inte tom", code="earchive.out_not_empty")
    from ..api.operations import extract_package

    package, report = _unsealed(args)
    written = extract_package(package, out)
    io.out(f"Paketet är kontrollerat ({report.files} filer, {report.cases} ärenden) och uppackat i {out} "
           f"({len(written)} filer).")
    io.err(f"VARNING: filerna i {out} är INTE krypterade och innehåller sekretessbelagda personuppgifter. "
           "Förvara och radera dem säkert.")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    package, report = _unsealed(args)
    manifest = package.manifest
    io.out(f"OK: {report.files} filer ({report.bytes / 1e6:.2f} MB) stämmer med manifest.json; "
           f"{report.cases} ärenden; skapat {manifest.get('created_at')} av "
           f"{manifest.get('producer', {}).get('name')} {manifest.get('producer', {}).get('version')}.")
    return EXIT_OK
