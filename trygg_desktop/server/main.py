"""``trygg-server``: the shared server of server mode (README, Server mode).

    trygg-server cert --out DIR --host HOST [--host HOST …]    # a self-signed certificate (test, demo)
    trygg-server init --admin NAME [--display-name TEXT]         # schema + first administrator
    trygg-server role [--name trygg_app]                         # the non-owner role serve connects as
    trygg-server serve --bind HOST:PORT --cert FILE --key FILE [--workers N]
    trygg-server demo [--port N] [--cases N]                     # a throwaway demo server (needs PostgreSQL)
    trygg-server migrate                                         # the schema to the program's version
    trygg-server user add|list|passwd|remove --as ADMIN …        # accounts, as a signed-in administrator
    trygg-server backup --out FILE.tdbk | restore --from FILE.tdbk
    trygg-server audit verify [--anchors FILE …]
    trygg-server import-local --from case.db --as ADMIN          # a desktop file to an empty server database

The database URL comes from ``TRYGG_SERVER_DSN`` (``postgresql+psycopg://user:pw@host/db``) or
``--dsn``; prefer the variable, a command line is visible to every user of the machine. The
administrator's password comes from ``TRYGG_PASSWORD`` or is asked for, a new user's from
``TRYGG_NEW_PASSWORD`` (as in the desktop's admin CLI, whose user commands these are), the backup
passphrase from ``--passphrase-file`` or ``TRYGG_BACKUP_PASSPHRASE``. ``serve`` speaks HTTPS
only: without a certificate and key it does not start. Exit codes as the desktop CLI's
(5: a broken audit chain, a tampered backup). The operations' logic is in ``ops.py``,
``ops_backup.py`` and ``import_local.py``; this module only wires the commands.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shutil
import sys
from pathlib import Path

from ..api.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, TryggError, ValidationError


#: On SIGTERM, how long running requests may finish. Desktops keep their HTTPS connection open
#: between calls, and uvicorn would otherwise wait for them without end (systemd then kills).
GRACEFUL_SECONDS = 5
#: How long the server keeps a desktop's idle connection open: longer than the desktop reuses it
#: (``client/transport.py`` KEEPALIVE_SECONDS), so the side that closes an idle connection is
#: always the desktop, and a call never goes out on a connection the server is closing that
#: instant. With uvicorn's and httpx's 5 s on both sides, one paced bench call failed so.
KEEP_ALIVE_SECONDS = 30


def _dsn(args: argparse.Namespace) -> str:
    dsn = args.dsn or os.environ.get("TRYGG_SERVER_DSN")
    if not dsn:
        raise SystemExit("Ange databasen med TRYGG_SERVER_DSN (postgresql+psycopg://…) eller --dsn.")
    return dsn


def cmd_cert(args: argparse.Namespace) -> int:
    from .tls import fingerprint, self_signed
    cert, key = self_signed(Path(args.out), args.host)
    print(f"Självsignerat certifikat: {cert}\nNyckel (endast ägaren kan läsa): {key}")
    print(f"Fingeravtryck (SHA-256), att jämföra vid första anslutningen:\n{fingerprint(cert.read_bytes())}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from ..api.server_operations import init_server_database
    password = os.environ.get("TRYGG_PASSWORD") or getpass.getpass("Administratörens lösenord: ")
    db, actor = init_server_database(_dsn(args), args.admin, password, admin_display_name=args.display_name)
    db.close()
    print(f"Serverdatabasen är skapad; administratör {actor.username}.")
    return EXIT_OK


def cmd_role(args: argparse.Namespace) -> int:
    from ..api.server_operations import masked_url, provision_app_role
    password = os.environ.get("TRYGG_APP_PASSWORD") or getpass.getpass(f"Lösenord för rollen {args.name}: ")
    url = provision_app_role(_dsn(args), args.name, password)
    print(f"Rollen {args.name} har läs- och skrivrätt till data, får bara lägga till i loggen och kan inte ändra "
          f"schemat.\nLåt serve ansluta med: TRYGG_SERVER_DSN={masked_url(url)} (med rollens lösenord)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..api.server_operations import open_server_database
    from .api import create_app
    host, _, port = args.bind.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit("--bind ska vara VÄRD:PORT, t.ex. 0.0.0.0:8443")
    if args.workers < 1:
        raise SystemExit("--workers ska vara minst 1")
    for path in (args.cert, args.key):
        if not Path(path).is_file():
            raise SystemExit(f"Filen finns inte: {path} (trygg-server talar bara HTTPS)")
    dsn = _dsn(args)
    db = open_server_database(dsn)  # checks the database and migrates it once, before any worker starts
    tls = {"host": host, "port": int(port), "ssl_certfile": args.cert, "ssl_keyfile": args.key,
           "log_level": "warning", "access_log": False, "timeout_graceful_shutdown": GRACEFUL_SECONDS,
           "timeout_keep_alive": KEEP_ALIVE_SECONDS}
    print(f"trygg-server lyssnar på https://{args.bind}"
          + (f" ({args.workers} arbetsprocesser)" if args.workers > 1 else ""), flush=True)
    try:
        if args.workers == 1:
            uvicorn.run(create_app(db), **tls)
        else:
            db.close()
            os.environ["TRYGG_SERVER_DSN"] = dsn  # the workers open their own pools from it (server/worker.py)
            uvicorn.run("trygg_desktop.server.worker:app", factory=True, workers=args.workers, **tls)
    finally:
        db.close()
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """A demo server: a throwaway PostgreSQL cluster in the user data folder (made once, started
    each time), the demo data, a self-signed certificate, HTTPS on 127.0.0.1; prints the URL,
    the fingerprint and the accounts. Without PostgreSQL's programs it says what to install."""
    import signal

    import uvicorn

    from ..paths import user_data_dir
    from ..api.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, EST_DEMO_ACCOUNTS
    from ..api.facade import Services
    from ..api.server_operations import init_server_database, open_server_database
    from .api import create_app
    from .cluster import Cluster, create, find_bindir, free_port
    from .tls import fingerprint, self_signed
    if args.data:
        folder = Path(args.data)
    elif os.geteuid() == 0:  # the cluster runs as "postgres", which cannot enter root's home folder
        import tempfile
        folder = Path(tempfile.gettempdir()) / "trygg-server-demo"
    else:
        folder = user_data_dir() / "server-demo"
    bindir = find_bindir()
    if bindir is None:
        from .cluster import INSTALL_HINT
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    # A SIGTERM (service stop, a test) ends the demo like Ctrl+C: the cluster is stopped below.
    signal.signal(signal.SIGTERM, _interrupt)
    state = folder / "cluster.json"
    if not state.exists() and (folder / "pgdata").exists():  # a first run that did not finish
        Cluster(data_dir=folder / "pgdata", bindir=bindir, port=0, password="",
                run_as="postgres" if os.geteuid() == 0 else None).stop()
        shutil.rmtree(folder, ignore_errors=True)
    cluster = None
    db = None
    try:
        if state.exists():
            saved = json.loads(state.read_text())
            cluster = Cluster(data_dir=Path(saved["data_dir"]), bindir=bindir, port=saved["port"],
                              password=saved["password"], run_as=saved.get("run_as"))
            cluster.start()
            db = open_server_database(cluster.dsn("trygg_demo"))
        else:
            print(f"Skapar ett demokluster i {folder} …", flush=True)
            cluster = create(folder, bindir=bindir)
            _create_database(cluster)
            db, admin = init_server_database(cluster.dsn("trygg_demo"), "admin", DEMO_PASSWORD,
                                             admin_display_name="Demo-administratör")
            summary = Services(db, admin).demo.generate(cases=args.cases, seed=1, password=DEMO_PASSWORD, est=True)
            print(f"  {summary.cases} ärenden, {summary.est_incidents} EST-händelser ({summary.seconds:.1f} s).")
            from ..vault.private_file import write_private
            write_private(state, json.dumps({"data_dir": str(cluster.data_dir), "port": cluster.port,
                                             "password": cluster.password, "run_as": cluster.run_as}).encode())
        cert = folder / "tls" / "server.crt"
        if not cert.exists():
            self_signed(folder / "tls", ["127.0.0.1", "localhost"])
        port = args.port or free_port()
        app = create_app(db)
        print(f"Demoservern: https://127.0.0.1:{port}\nCertifikatets fingeravtryck (SHA-256): "
              f"{fingerprint(cert.read_bytes())}\nKonton: {', '.join({**DEMO_ACCOUNTS, **EST_DEMO_ACCOUNTS})}; "
              f"lösenord {DEMO_PASSWORD}",
              flush=True)
        uvicorn.run(app, host="127.0.0.1", port=port, ssl_certfile=str(cert),
                    ssl_keyfile=str(folder / "tls" / "server.key"), log_level="warning", access_log=False,
                    timeout_graceful_shutdown=GRACEFUL_SECONDS, timeout_keep_alive=KEEP_ALIVE_SECONDS)
    except KeyboardInterrupt:
        pass
    finally:
        if db is not None:
            db.close()
        if cluster is not None:
            cluster.stop()
    return EXIT_OK


def _message(exc: TryggError) -> str:
    """The operations word their own errors in Swedish (``server.*``); anything else (a wrong
    password, a refusal, a tampered container) gets the desktop CLI's Swedish sentence."""
    if exc.code.startswith("server.") or exc.code.startswith("usage."):
        return exc.message
    from ..ui.plain_messages import cli_message
    return cli_message(exc)


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def _create_database(cluster) -> None:
    from ..api.server_operations import create_database
    create_database(cluster.dsn(), "trygg_demo")


def cmd_migrate(args: argparse.Namespace) -> int:
    from ..api.server_operations import migrate
    report = migrate(_dsn(args))
    if not report.changed:
        print(f"Schemat är redan aktuellt (version {report.after}); ingenting ändrades.")
        return EXIT_OK
    print(f"Schemat är uppgraderat från version {report.before} till {report.after}.")
    if report.new_tables:
        print(f"Nya tabeller: {', '.join(report.new_tables)}. Kör trygg-server role igen så att serverns roll "
              f"får rätt till dem.")
    return EXIT_OK


def _open_services(args: argparse.Namespace):
    """The desktop CLI's user commands run on the server database, signed in as ``--as``."""
    from ..cli import io
    from ..api.server_operations import admin_services
    return admin_services(_dsn(args), args.as_user, io.acting_password(args.password_file, args.as_user))


def _server_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dsn", help="database URL (prefer TRYGG_SERVER_DSN)")
    p.add_argument("--as", dest="as_user", required=True, metavar="ADMIN", help="the acting administrator")
    p.add_argument("--password-file", help="read the administrator's password from this file "
                                           "(else TRYGG_PASSWORD, else a prompt)")
    p.set_defaults(open_services=_open_services)


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    from ..cli import io
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise io.UsageError(f"Kan inte läsa lösenfrasfilen: {exc.strerror}", code="usage.passphrase_file") from None
    env = os.environ.get("TRYGG_BACKUP_PASSPHRASE")
    if env is not None:
        return env
    if not (sys.stdin and sys.stdin.isatty()):
        raise io.UsageError("Ingen lösenfras: använd --passphrase-file, sätt TRYGG_BACKUP_PASSPHRASE eller kör i en "
                            "terminal", code="usage.no_passphrase")
    first = getpass.getpass("Lösenfras för säkerhetskopian: ")
    if confirm and getpass.getpass("Lösenfras (igen): ") != first:
        raise io.UsageError("Lösenfraserna stämmer inte överens", code="usage.passphrase_mismatch")
    return first


def cmd_backup(args: argparse.Namespace) -> int:
    from ..api.server_operations import create_backup
    info = create_backup(_dsn(args), Path(args.out), _passphrase(args, confirm=True))
    print(f"Säkerhetskopian är skapad och kontrollerad: {info.path}\n  {info.size / 1e6:.1f} MB, {info.seconds:.1f} s, "
          f"schemaversion {info.schema_revision}. Öppnas bara med lösenfrasen: förvara den skild från kopiorna.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ..api.server_operations import restore_backup
    report = restore_backup(_dsn(args), Path(args.source), _passphrase(args, confirm=False))
    print(f"Databasen {report.database} är återställd från kopian ({report.backup_created_at}); loggkedjan "
          f"stämmer, {report.events} händelser ({report.seconds:.1f} s).")
    if report.previous:
        print(f"Den tidigare databasen finns kvar som {report.previous}: ta bort den (DROP DATABASE) när allt "
              f"är kontrollerat.")
    if report.needs_migration:
        print("Kopian har ett äldre schema: kör trygg-server migrate innan servern startas.")
    print("Kör trygg-server role igen om serverns roll ska ansluta till den återställda databasen.")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from ..cli.audit import CHAIN_TEXT
    from ..api.errors import EXIT_INTEGRITY
    from ..api.server_operations import verify_audit
    files = [Path(p) for p in args.anchors]
    for path in files:
        if not path.is_file():
            raise ValidationError(f"Ingen ankarfil {path}", code="server.no_file")
    result = verify_audit(_dsn(args), files)
    for problem in result.problems:
        print(f"Loggkedjan bruten vid händelse {problem.seq}: {problem.kind} – "
              f"{CHAIN_TEXT.get(problem.kind, problem.kind)}", file=sys.stderr)
    if result.problems:
        return EXIT_INTEGRITY
    report = result.report
    print(f"OK: {report.events} händelser, kedjans huvud {report.last_seq}:{report.head_mac[:16]}…, "
          f"{result.anchors} ankare stämmer.")
    return EXIT_OK


def cmd_import_local(args: argparse.Namespace) -> int:
    from ..cli import io
    from ..api.server_operations import import_local
    source = Path(args.source)
    if not source.is_file():
        raise ValidationError(f"Ingen databasfil {source}", code="server.no_file")
    report = import_local(source, args.as_user, io.acting_password(args.password_file, args.as_user), _dsn(args))
    print(f"Flyttat till servern: {report.total} rader i {len(report.rows)} tabeller ({report.seconds:.1f} s); "
          f"radantalen stämmer tabell för tabell.")
    print(f"Loggkedjan är flyttad oförändrad och kontrollerad på servern: {report.events} händelser (den lokala "
          f"kedjans huvud {report.local_head[:24]}…, plus flytten).")
    if report.users_without_password:
        print(f"{len(report.users_without_password)} användare behöver ett nytt lösenord på servern innan de kan "
              f"logga in (trygg-server user passwd --as {args.as_user} --username NAMN): "
              f"{', '.join(report.users_without_password)}")
    print(f"Den lokala filen {source.name} är oförändrad utom loggposten om flytten; arkivera eller radera den "
          f"enligt era rutiner.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trygg-server", description="Trygg Desktop server mode (PostgreSQL)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("cert", help="make a self-signed TLS certificate (tests, demo)")
    p.add_argument("--out", required=True)
    p.add_argument("--host", action="append", required=True, help="host name or IP address (repeat)")
    p.set_defaults(func=cmd_cert)
    for name, func, text in (("init", cmd_init, "create the schema and the first administrator"),
                             ("role", cmd_role, "create or update the non-owner role serve connects as"),
                             ("serve", cmd_serve, "serve the API over HTTPS")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--dsn", help="database URL (prefer TRYGG_SERVER_DSN)")
        p.set_defaults(func=func)
        if name == "init":
            p.add_argument("--admin", required=True)
            p.add_argument("--display-name")
        elif name == "role":
            p.add_argument("--name", default="trygg_app")
        else:
            p.add_argument("--bind", required=True, metavar="HOST:PORT")
            p.add_argument("--cert", required=True)
            p.add_argument("--key", required=True)
            p.add_argument("--workers", type=int, default=1, metavar="N",
                           help="server processes behind the port (they share sessions through the database)")
    p = sub.add_parser("demo", help="a throwaway demo server on 127.0.0.1 (needs PostgreSQL's programs)")
    p.add_argument("--port", type=int)
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--data", help="folder for the demo cluster (default: the user data folder)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("migrate", help="upgrade the schema to the program's version (as the owner)")
    p.add_argument("--dsn", help="database URL (prefer TRYGG_SERVER_DSN)")
    p.set_defaults(func=cmd_migrate)
    from ..cli import add_user_parsers
    add_user_parsers(sub, _server_common, remove_help="remove a user; their sessions end at the next request")
    for name, func, text in (("backup", cmd_backup, "write an encrypted backup (pg_dump in the container)"),
                             ("restore", cmd_restore, "restore a backup (into a new database, then swapped in)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--dsn", help="database URL (prefer TRYGG_SERVER_DSN)")
        if name == "backup":
            p.add_argument("--out", required=True, metavar="FILE.tdbk", help="a new file")
        else:
            p.add_argument("--from", dest="source", required=True, metavar="FILE.tdbk")
        p.add_argument("--passphrase-file", help="read the passphrase from this file "
                                                 "(else TRYGG_BACKUP_PASSPHRASE, else a prompt)")
        p.set_defaults(func=func)
    audit = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_command", required=True)
    p = audit.add_parser("verify", help="verify the HMAC chain (exit 5 when it is broken)")
    p.add_argument("--dsn", help="database URL (prefer TRYGG_SERVER_DSN)")
    p.add_argument("--anchors", action="extend", nargs="+", default=[], metavar="FILE",
                   help="anchor lists kept elsewhere (from log reviews)")
    p.set_defaults(func=cmd_audit_verify)
    p = sub.add_parser("import-local", help="move a desktop database file to an empty server database")
    p.add_argument("--dsn", help="database URL of the empty server database (prefer TRYGG_SERVER_DSN)")
    p.add_argument("--from", dest="source", required=True, metavar="case.db")
    p.add_argument("--as", dest="as_user", required=True, metavar="ADMIN",
                   help="a system administrator of the local database")
    p.add_argument("--password-file", help="that administrator's password (else TRYGG_PASSWORD, else a prompt)")
    p.set_defaults(func=cmd_import_local)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TryggError as exc:
        print(f"Fel ({exc.code}): {_message(exc)}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - the database cannot be reached: say so, no traceback
        from ..api.server_operations import database_error_text
        text = database_error_text(exc)
        if text is None:
            raise
        print(text, file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return EXIT_USAGE
