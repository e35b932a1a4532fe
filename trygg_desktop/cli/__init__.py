"""``trygg-desktop``: the admin CLI and the program's entry point.

Exit codes are a contract: 0 ok · 2 usage · 3 authentication failed · 4 invalid
input (nothing written) · 5 integrity failure (tampering or corruption).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Callable

from ..domain import vocab
from ..api.errors import EXIT_OK, EXIT_USAGE, TryggError
from . import commands, io

log = logging.getLogger("trygg_desktop")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError("ange ett heltal större än 0")
    return value


def _common(p: argparse.ArgumentParser, *, acting: bool = True) -> None:
    p.add_argument("--db", help="path to the database file (or give --server URL before the command)")
    p.set_defaults(needs_db=True)  # required unless --server (``_backend_problem``)
    if acting:
        p.add_argument("--as", dest="as_user", required=True, metavar="USER", help="the acting user")
        p.add_argument("--password-file", help="read the acting user's password from this file "
                                               "(else TRYGG_PASSWORD, else a prompt)")


def add_user_parsers(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None],
                     remove_help: str = "remove a user and rotate the database key") -> None:
    """``user add|list|passwd|remove``: shared with ``trygg-server``, whose ``common`` names the
    server database and the acting administrator instead of a file."""
    user = sub.add_parser("user", help="manage user accounts").add_subparsers(dest="user_command", required=True)
    p = user.add_parser("add")
    common(p)
    p.add_argument("--username", required=True)
    p.add_argument("--agency", required=True, choices=vocab.AGENCIES.codes)
    p.add_argument("--role", required=True, action="append", choices=vocab.ROLES.codes)
    p.add_argument("--unit", nargs="*", default=[], help="unit names or ids")
    p.add_argument("--display-name")
    p.add_argument("--title")
    p.set_defaults(func=commands.cmd_user_add)
    p = user.add_parser("list")
    common(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=commands.cmd_user_list)
    p = user.add_parser("passwd", help="change your password, or (admin) set another user's")
    common(p)
    p.add_argument("--username")
    p.set_defaults(func=commands.cmd_user_passwd)
    p = user.add_parser("remove", help=remove_help)
    common(p)
    p.add_argument("--username", required=True)
    p.set_defaults(func=commands.cmd_user_remove)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trygg-desktop",
        description="Trygg Desktop – ärendehantering för SSPF, TREFAS och avhopparverksamhet.")
    parser.add_argument("--demo", action="store_true", help="create (first time) and open the demo database")
    parser.add_argument("--terminal", action="store_true",
                        help="with --demo: show the demo in the terminal instead of the window")
    parser.add_argument("--db", dest="gui_db", metavar="PATH", help="open this database in the window")
    parser.add_argument("--server", metavar="URL", help="work on a trygg-server instead (https://HOST:PORT)")
    parser.add_argument("--ca", metavar="FILE", help="with --server: trust the server's certificate through this CA "
                                                     "file (else its fingerprint is pinned at the first connection)")
    parser.add_argument("--version", action="store_true", help="print the version")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation end to end on a temporary database, then delete it "
                             "(exit 0 when every step passed)")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("init", help="create a new encrypted database")
    _common(p, acting=False)
    p.add_argument("--admin", required=True, metavar="USERNAME")
    p.add_argument("--agency", default="OTHER", choices=vocab.AGENCIES.codes)
    p.add_argument("--display-name")
    p.set_defaults(func=commands.cmd_init)

    add_user_parsers(sub, _common)

    p = sub.add_parser("recover", help="set a user's password with the recovery code (all passwords lost)")
    _common(p, acting=False)
    p.add_argument("--username", required=True)
    p.set_defaults(func=commands.cmd_recover)

    unit = sub.add_parser("unit", help="manage units").add_subparsers(dest="unit_command", required=True)
    p = unit.add_parser("add")
    _common(p)
    p.add_argument("--name", required=True)
    p.add_argument("--agency", required=True, choices=vocab.AGENCIES.codes)
    p.add_argument("--kind", choices=vocab.CASE_KINDS.codes)
    p.add_argument("--area")
    p.set_defaults(func=commands.cmd_unit_add)
    p = unit.add_parser("list")
    _common(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=commands.cmd_unit_list)

    p = sub.add_parser("demo", help="fill the database with synthetic demo data (admin)")
    _common(p)
    p.add_argument("--cases", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=commands.cmd_demo)

    p = sub.add_parser("import", help="import a JSON exchange file (admin; atomic)")
    _common(p)
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=commands.cmd_import)

    p = sub.add_parser("export", help="export to a JSON exchange file (unencrypted!)")
    _common(p)
    p.add_argument("--out", required=True, metavar="FILE.json")
    p.add_argument("--case", metavar="REF")
    p.set_defaults(func=commands.cmd_export)

    from . import audit  # audit verify (with anchors), report, signoff
    audit.register(sub, _common)

    from .. import bench  # the benchmark suite (issue 6); its heavy imports happen when it runs
    p = sub.add_parser("bench", help="benchmark at municipal scale, SQLCipher against a plain-SQLite twin "
                                     "(synthetic data; writes DIR/bench.json and DIR/bench.md)")
    bench.add_arguments(p)
    p.set_defaults(func=bench.run_from_args)

    case = sub.add_parser("case", help="cases").add_subparsers(dest="case_command", required=True)
    p = case.add_parser("list")
    _common(p)
    p.add_argument("--kind", choices=vocab.CASE_KINDS.codes)
    p.add_argument("--mine", action="store_true")
    p.add_argument("--query")
    p.add_argument("--limit", type=_positive, default=50, help="show at most this many cases (default 50)")
    p.add_argument("--json", action="store_true",
                   help='print {"total", "shown", "limit", "cases"} as JSON')
    p.set_defaults(func=commands.cmd_case_list)

    from . import documents  # protocol, extract and meeting commands
    p = sub.add_parser("protocol", help="save a meeting protocol as PDF, for one recipient agency (unencrypted!)")
    _common(p)
    p.add_argument("--meeting", required=True, type=int, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--for-agency", choices=vocab.AGENCIES.codes, help="the recipient version (default: full version)")
    p.add_argument("--legal-basis", choices=vocab.LEGAL_BASES.codes,
                   help="the legal basis when no valid consent covers the recipient")
    p.set_defaults(func=documents.cmd_protocol)

    p = sub.add_parser("extract", help="registerutdrag (GDPR art. 15) for one person as PDF (unencrypted!)")
    _common(p)
    p.add_argument("--person", required=True, metavar="PERSONNUMMER")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--json", metavar="FILE.json", help="also write the same content as JSON")
    p.set_defaults(func=documents.cmd_extract)

    meeting = sub.add_parser("meeting", help="meetings").add_subparsers(dest="meeting_command", required=True)
    p = meeting.add_parser("list")
    _common(p)
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=documents.cmd_meeting_list)

    from . import backup as backup_cli  # backup, backup list/verify, restore
    backup_cli.add_parsers(sub, _common)

    from . import earchive  # earchive export/open/verify (e-archive hand-over)
    earchive.register(sub, _common)

    from . import retention as retention_cli  # gallring (--dry-run/--approve, rules), legal-hold
    retention_cli.register(sub, _common)

    from . import stats  # follow-up statistics for the steering group (PDF, CSV, XLSX)
    stats.register(sub, _common)

    from . import est  # EST: incident import, the lägesbild as PDF/JSON, area shapes
    est.register(sub, _common)
    return parser


#: Commands that work on the database file itself (or make one): not against a server, whose
#: operations are trygg-server's (README, Server operations).
FILE_COMMANDS = frozenset({"init", "recover", "demo", "backup", "restore", "earchive", "bench", "gallring"})


def _backend_problem(args: argparse.Namespace) -> str | None:
    """A command needs either ``--db`` or ``--server``; file commands need the file."""
    if args.server and args.command in FILE_COMMANDS:
        return (f"{args.command} arbetar med databasfilen och fungerar inte mot en server; "
                "på servern: trygg-server (README, Serverdrift).")
    if getattr(args, "needs_db", False) and args.db is None and not args.server:
        return "Ange databasen med --db SÖKVÄG, eller en server med --server https://VÄRD:PORT före kommandot."
    return None


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["--version"]:  # before building the whole parser
        from .. import __version__
        io.out(f"trygg-desktop {__version__}")
        return EXIT_OK
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        return int(exc.code or 0)
    if args.version:
        from .. import __version__
        io.out(f"trygg-desktop {__version__}")
        return EXIT_OK
    if args.self_test:
        from ..selftest import run as run_self_test  # PySide6 only from here on
        return run_self_test()
    try:
        if (not args.terminal) if args.demo else args.command is None:  # the window comes next
            from .qt_preflight import preflight  # Linux: missing xcb libraries/no display → the fix, exit 1
            if (code := preflight()) is not None:
                return code
        if args.demo:
            from .demo_launch import run_demo
            return run_demo(gui=not args.terminal)
        if args.command is None and args.server:
            from ..app import run_remote_gui  # the window on a trygg-server (client/)
            return run_remote_gui(args.server, ca=Path(args.ca) if args.ca else None)
        if args.ca and not args.server:
            io.err("--ca används bara tillsammans med --server.")
            return EXIT_USAGE
        if args.command is not None and (problem := _backend_problem(args)):
            io.err(problem)
            return EXIT_USAGE
        if args.command is None:
            from ..app import run_gui  # the desktop window (PySide6 only from here on)
            return run_gui(Path(args.gui_db) if args.gui_db else None)
        return int(args.func(args))
    except TryggError as exc:
        from ..ui.plain_messages import cli_message
        io.err(f"Fel ({exc.code}): {cli_message(exc)}")
        return exc.exit_code
    except KeyboardInterrupt:
        io.err("Avbrutet.")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
