"""The admin CLI's commands. Each opens the database as the acting user, calls one
service and prints the result; access rules and audit live in the services.

The services (SQLAlchemy, the models) are imported when a command runs, not when the
parser is built: the desktop window's start and ``--version`` go through this package."""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..domain import vocab
from ..api.errors import EXIT_OK, ValidationError
from ..vault.private_file import write_private
from . import io

if TYPE_CHECKING:
    from ..api.facade import Backend


@contextmanager
def session(args: argparse.Namespace) -> Iterator[Backend]:
    """The services as the acting user: the database file unlocked with their password, or, for
    ``trygg-server``, whatever ``args.open_services`` opens (the server database, signed in)."""
    if getattr(args, "open_services", None) is not None:
        with args.open_services(args) as services:
            yield services
        return
    if getattr(args, "server", None):  # the same commands against a trygg-server (client/)
        from ..client.connect import connect
        password = io.acting_password(getattr(args, "password_file", None), args.as_user)
        remote = connect(args.server, args.as_user, password, ca=Path(args.ca) if args.ca else None)
        try:
            yield remote
        finally:
            remote.close()
        return
    from ..api.operations import unlock
    from ..api.facade import Services

    password = io.acting_password(getattr(args, "password_file", None), args.as_user)
    db, actor = unlock(Path(args.db), args.as_user, password, purpose=f"cli:{args.command}")
    try:
        yield Services(db, actor)
    finally:
        db.close()


def cmd_init(args: argparse.Namespace) -> int:
    from ..api.operations import init_database

    password = io.new_password(f"Lösenord för {args.admin}")
    db, _actor, recovery = init_database(Path(args.db), args.admin, password, admin_agency=args.agency,
                                         admin_display_name=args.display_name)
    db.close()
    io.out(f"Databasen är skapad: {args.db}")
    io.out("")
    io.out("ÅTERSTÄLLNINGSKOD (visas bara nu – skriv ut och förvara i kassaskåp):")
    io.out(f"    {recovery}")
    io.out("")
    io.out("Koden öppnar databasen om alla lösenord går förlorade. Den sparas inte någonstans.")
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    password = io.new_password(f"Lösenord för {args.username}")
    with session(args) as s:
        user = s.users.add_user(args.username, password, agency=args.agency, roles=args.role,
                                units=args.unit or [], display_name=args.display_name, title=args.title)
    io.out(f"Användaren {user.username} är skapad ({user.agency}; {', '.join(user.roles)}).")
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    with session(args) as s:
        users = s.users.list_users()
        units = {u.id: u.name for u in s.users.list_units()}
    if args.json:
        io.out_json(users)
        return EXIT_OK
    io.table([[u.username, u.display_name, u.agency, ",".join(u.roles),
               ", ".join(units.get(i, str(i)) for i in u.unit_ids), "aktiv" if u.active else "borttagen"]
              for u in users], ["användare", "namn", "myndighet", "roller", "enheter", "status"])
    return EXIT_OK


def cmd_user_passwd(args: argparse.Namespace) -> int:
    with session(args) as s:
        if args.username and args.username != args.as_user:
            s.users.reset_password(args.username, io.new_password(f"Nytt lösenord för {args.username}"))
            io.out(f"Lösenordet för {args.username} är bytt.")
        else:
            current = io.acting_password(args.password_file, args.as_user)
            s.users.change_own_password(current, io.new_password())
            io.out("Ditt lösenord är bytt.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    from ..api.operations import reset_password_with_recovery

    code = io.recovery_code()
    reset_password_with_recovery(Path(args.db), code, args.username, io.new_password(f"Nytt lösenord för {args.username}"))
    io.out(f"Lösenordet för {args.username} är bytt med återställningskoden.")
    return EXIT_OK


def cmd_user_remove(args: argparse.Namespace) -> int:
    with session(args) as s:
        s.users.remove_user(args.username)
        server = s.local_file is None   # a server, through trygg-server or --server (no ``db`` there)
    if server:  # no file key on the server: the verifier is gone and every session ends
        io.out(f"Användaren {args.username} är borttagen; hens inloggningar på servern upphör vid nästa anrop.")
    else:
        io.out(f"Användaren {args.username} är borttagen och databasnyckeln är bytt.")
    return EXIT_OK


def cmd_unit_add(args: argparse.Namespace) -> int:
    with session(args) as s:
        unit = s.users.add_unit(args.name, agency=args.agency, case_kind=args.kind, area=args.area)
    io.out(f"Enheten {unit.name} är skapad (id {unit.id}).")
    return EXIT_OK


def cmd_unit_list(args: argparse.Namespace) -> int:
    with session(args) as s:
        units = s.users.list_units()
    if args.json:
        io.out_json(units)
    else:
        io.table([[str(u.id), u.name, u.case_kind or "", u.area or "", u.agency] for u in units],
                 ["id", "enhet", "ärendeslag", "område", "myndighet"])
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    with session(args) as s:
        summary = s.demo.generate(cases=args.cases, seed=args.seed)
    io.out(f"Demodata skapad på {summary.seconds:.1f} s: {summary.persons} personer, {summary.cases} ärenden, "
           f"{summary.consents} samtycken, {summary.meetings} möten, {summary.journal_entries} journalanteckningar.")
    if summary.accounts:
        io.out(f"Demokonton: {', '.join(summary.accounts)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with session(args) as s:
        data = s.exchange.export_bytes(case_reference=args.case)
    out = Path(args.out)
    try:
        write_private(out, data)  # owner-only (0600), atomic; a symbolic link is refused
    except OSError as exc:
        raise ValidationError(f"Kan inte skriva {out.name}: {exc.strerror}", code="export.write") from None
    io.err(f"VARNING: {out} är inte krypterad och innehåller personuppgifter. Förvara och radera den säkert.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Kan inte läsa {path.name}: {exc.strerror}", code="import.read") from None
    with session(args) as s:
        summary = s.exchange.import_bytes(data)
    io.out("Importerat: " + _counts(summary.created))
    if any(summary.reused.values()):
        io.out("Återanvänt: " + _counts(summary.reused))
    if summary.unknown_users:
        io.out("Okända användare (namnen behålls som text): " + ", ".join(summary.unknown_users))
    return EXIT_OK


# The import summary's record kinds as the administrator reads them.
_KIND_NAMES = {
    "actions": "åtgärder", "assessments": "kartläggningar", "cases": "ärenden", "conditions": "villkor",
    "consents": "samtycken", "disclosures": "utlämnanden", "guardianships": "vårdnadshavarkopplingar",
    "instruments": "bedömningsinstrument", "journal_entries": "journalanteckningar", "meetings": "möten",
    "persons": "personer", "plans": "planer", "risk_levels": "risknivåer", "threat_assessments": "hotbedömningar",
    "units": "enheter",
}


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {_KIND_NAMES.get(kind, kind)}" for kind, n in counts.items() if n)


def cmd_case_list(args: argparse.Namespace) -> int:
    from ..api.inputs import CaseFilter
    with session(args) as s:
        rows, total = s.cases.list(CaseFilter(kind=args.kind, mine=args.mine, query=args.query, limit=args.limit))
    if args.json:
        # An object, not a bare list: a script must be able to tell a cut list from a short one.
        io.out_json({"total": total, "shown": len(rows), "limit": args.limit, "cases": rows})
        return EXIT_OK
    io.table([[r.reference, vocab.CASE_STATUSES[r.kind].label(r.status), r.person_name, r.pnr_display or "",
               r.unit_name, r.consent_light] for r in rows],
             ["referens", "status", "namn", "personnummer", "enhet", "samtycke"])
    if len(rows) < total:
        io.out(f"{len(rows)} av {total} ärenden visas; använd --limit för att visa fler.")
    else:
        io.out(f"{total} ärenden")
    return EXIT_OK
