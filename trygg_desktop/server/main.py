"""``trygg-server``: the shared server of server mode (README, Server mode).

    trygg-server cert --out DIR --host HOST [--host HOST …]    # a self-signed certificate (test, demo)
    trygg-server init --admin NAME [--display-name TEXT]         # schema + first administrator
    trygg-server role [--name trygg_app]                         # the non-owner role serve connects as
    trygg-server serve --bind HOST:PORT --cert FILE --key FILE [--state DIR]

The database URL comes from ``TRYGG_SERVER_DSN`` (``postgresql+psycopg://user:pw@host/db``) or
``--dsn``; prefer the variable, a command line is visible to every user of the machine. The
administrator's password comes from ``TRYGG_PASSWORD`` or is asked for. ``serve`` speaks HTTPS
only: without a certificate and key it does not start. Exit codes as the desktop CLI's.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ..domain.errors import EXIT_OK, EXIT_USAGE, TryggError


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
    from ..services.server_database import init_server_database
    password = os.environ.get("TRYGG_PASSWORD") or getpass.getpass("Administratörens lösenord: ")
    db, actor = init_server_database(_dsn(args), args.admin, password, admin_display_name=args.display_name)
    db.close()
    print(f"Serverdatabasen är skapad; administratör {actor.username}.")
    return EXIT_OK


def cmd_role(args: argparse.Namespace) -> int:
    from ..services.server_database import masked_url, provision_app_role
    password = os.environ.get("TRYGG_APP_PASSWORD") or getpass.getpass(f"Lösenord för rollen {args.name}: ")
    url = provision_app_role(_dsn(args), args.name, password)
    print(f"Rollen {args.name} har läs- och skrivrätt till data, får bara lägga till i loggen och kan inte ändra "
          f"schemat.\nLåt serve ansluta med: TRYGG_SERVER_DSN={masked_url(url)} (med rollens lösenord)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..services.server_database import open_server_database
    from .api import create_app
    host, _, port = args.bind.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit("--bind ska vara VÄRD:PORT, t.ex. 0.0.0.0:8443")
    for path in (args.cert, args.key):
        if not Path(path).is_file():
            raise SystemExit(f"Filen finns inte: {path} (trygg-server talar bara HTTPS)")
    db = open_server_database(_dsn(args))
    state = Path(args.state or Path.cwd() / "trygg-server-state")
    state.mkdir(parents=True, exist_ok=True)
    app = create_app(db, state_dir=state)
    print(f"trygg-server lyssnar på https://{args.bind}", flush=True)
    try:
        uvicorn.run(app, host=host, port=int(port), ssl_certfile=args.cert, ssl_keyfile=args.key,
                    log_level="warning", access_log=False)
    finally:
        db.close()
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
            p.add_argument("--state", help="folder for the sign-in throttle's state")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TryggError as exc:
        print(f"Fel ({exc.code}): {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_USAGE
