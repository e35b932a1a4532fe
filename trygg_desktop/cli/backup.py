"""CLI commands for encrypted backups: ``backup``, ``backup list``, ``backup verify``, ``restore``.

A backup opens with the recovery code or an administrator's password, so
``restore`` and ``backup verify`` ask for one of them (``--username`` with the
password from ``--password-file``/``TRYGG_PASSWORD``/prompt, or ``--recovery``
with the code from ``TRYGG_RECOVERY_CODE``/prompt). Exit codes: 3 wrong password
or code, 4 invalid input (e.g. the restore target exists), 5 a tampered,
truncated or damaged backup or database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..api.errors import EXIT_OK
from . import io
from .commands import session


def add_parsers(sub: Any, common: Any) -> None:
    """Register ``backup`` (with ``list``/``verify``) and ``restore`` on the main parser."""
    p = sub.add_parser("backup", help="write an encrypted backup (opens with the recovery code or an admin password)")
    p.add_argument("--db", help="path to the database file")
    p.add_argument("--as", dest="as_user", metavar="USER", help="the acting user")
    p.add_argument("--password-file", help="read the password from this file (else TRYGG_PASSWORD, else a prompt)")
    p.add_argument("--out", metavar="FILE.tdbk|FOLDER",
                   help="a new file, or an existing folder (default: the folder <db>.backups)")
    p.add_argument("--keep", type=int, metavar="N", help="afterwards keep only the newest N backups in that folder")
    p.set_defaults(func=cmd_backup)
    actions = p.add_subparsers(dest="backup_command")
    q = actions.add_parser("list", help="the backups in the default folder (from their headers)")
    q.add_argument("--db", dest="list_db", required=True, help="path to the database file")
    q.set_defaults(func=cmd_backup_list)
    q = actions.add_parser("verify", help="decrypt and check a backup without restoring it")
    _credentials(q)
    q.set_defaults(func=cmd_backup_verify)

    p = sub.add_parser("restore", help="restore a backup to a NEW path (never over an existing database)")
    p.add_argument("--db", required=True, metavar="NEWPATH", help="the new database file (must not exist)")
    p.add_argument("--accept-broken-audit-log", action="store_true",
                   help="last resort: restore even if the audit log in the backup was already broken")
    _credentials(p)
    p.set_defaults(func=cmd_restore)


def _credentials(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="source", required=True, metavar="FILE.tdbk", help="the backup file")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--username", help="an administrator at the time of the backup")
    who.add_argument("--recovery", action="store_true", help="use the recovery code (TRYGG_RECOVERY_CODE or prompt)")
    p.add_argument("--password-file", help="the administrator's password (else TRYGG_PASSWORD, else a prompt)")


def _credential_kwargs(args: argparse.Namespace) -> dict[str, str]:
    if args.recovery:
        return {"recovery_code": io.recovery_code()}
    return {"username": args.username, "password": io.acting_password(args.password_file, args.username)}


def cmd_backup(args: argparse.Namespace) -> int:
    if not args.db or not args.as_user:
        raise io.UsageError("backup kräver --db och --as", code="usage.backup")
    if args.keep is not None and args.keep < 1:
        raise io.UsageError("--keep måste vara minst 1", code="usage.keep")
    with session(args) as s:
        info = s.backup.create(Path(args.out) if args.out else None)
        removed = s.backup.prune(info.path.parent, args.keep) if args.keep else []
    io.out(f"Säkerhetskopian är skapad och kontrollerad: {info.path}")
    io.out(f"  {info.size / 1e6:.1f} MB, {info.seconds:.1f} s. Öppnas med återställningskoden eller "
           f"en systemadministratörs lösenord ({info.recipients - 1} administratör(er)).")
    if removed:
        io.out(f"  {len(removed)} äldre säkerhetskopior togs bort (behåller {args.keep}).")
    return EXIT_OK


def cmd_backup_list(args: argparse.Namespace) -> int:
    from ..api.operations import list_backups

    rows = [[info.path.name, info.created_at.isoformat() if info.created_at else "-",
             f"{info.size / 1e6:.1f} MB", info.reason or "-", "SKADAD" if info.damaged else "ok"]
            for info in list_backups(Path(args.list_db))]
    io.table(rows, ["fil", "skapad (UTC)", "storlek", "anledning", "status"])
    return EXIT_OK


def cmd_backup_verify(args: argparse.Namespace) -> int:
    from ..api.operations import verify_backup

    report = verify_backup(Path(args.source), **_credential_kwargs(args))
    io.out(f"Säkerhetskopian är hel: {report.events} loggposter, kedjan stämmer, alla sidor kontrollerade "
           f"(skapad {report.created_at.isoformat() if report.created_at else '-'}).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ..api.operations import restore_backup

    report = restore_backup(Path(args.source), Path(args.db), accept_broken_chain=args.accept_broken_audit_log,
                            **_credential_kwargs(args))
    if report.chain_problems:
        io.err("VARNING: loggkedjan i säkerhetskopian var redan bruten: " + "; ".join(report.chain_problems))
    io.out(f"Återställd till {report.path} (nyckelfil {report.key_path.name}); kontrollerad, "
           f"{report.events} loggposter. Alla användare loggar in med sina lösenord från tiden för kopian.")
    return EXIT_OK
