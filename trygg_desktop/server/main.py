"""``trygg-server``: the shared server of server mode (README, Server mode).

    trygg-server cert --out DIR --host HOST [--host HOST …]    # a self-signed certificate (test, demo)
    trygg-server init --admin NAME [--display-name TEXT]         # schema + first administrator
    trygg-server role [--name trygg_app]                         # the non-owner role serve connects as
    trygg-server serve --bind HOST:PORT --cert FILE --key FILE [--state DIR]
    trygg-server demo [--port N] [--cases N]                     # a throwaway demo server (needs PostgreSQL)

The database URL comes from ``TRYGG_SERVER_DSN`` (``postgresql+psycopg://user:pw@host/db``) or
``--dsn``; prefer the variable, a command line is visible to every user of the machine. The
administrator's password comes from ``TRYGG_PASSWORD`` or is asked for. ``serve`` speaks HTTPS
only: without a certificate and key it does not start. Exit codes as the desktop CLI's.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shutil
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


def cmd_demo(args: argparse.Namespace) -> int:
    """A demo server: a throwaway PostgreSQL cluster in the user data folder (made once, started
    each time), the demo data, a self-signed certificate, HTTPS on 127.0.0.1; prints the URL,
    the fingerprint and the accounts. Without PostgreSQL's programs it says what to install."""
    import signal

    import uvicorn

    from ..paths import user_data_dir
    from ..services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, EST_DEMO_ACCOUNTS, DemoService
    from ..services.server_database import init_server_database, open_server_database
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
            summary = DemoService(db, admin).generate(cases=args.cases, seed=1, password=DEMO_PASSWORD, est=True)
            print(f"  {summary.cases} ärenden, {summary.est_incidents} EST-händelser ({summary.seconds:.1f} s).")
            from ..vault.private_file import write_private
            write_private(state, json.dumps({"data_dir": str(cluster.data_dir), "port": cluster.port,
                                             "password": cluster.password, "run_as": cluster.run_as}).encode())
        cert = folder / "tls" / "server.crt"
        if not cert.exists():
            self_signed(folder / "tls", ["127.0.0.1", "localhost"])
        port = args.port or free_port()
        app = create_app(db, state_dir=folder / "state")
        print(f"Demoservern: https://127.0.0.1:{port}\nCertifikatets fingeravtryck (SHA-256): "
              f"{fingerprint(cert.read_bytes())}\nKonton: {', '.join({**DEMO_ACCOUNTS, **EST_DEMO_ACCOUNTS})}; "
              f"lösenord {DEMO_PASSWORD}",
              flush=True)
        uvicorn.run(app, host="127.0.0.1", port=port, ssl_certfile=str(cert),
                    ssl_keyfile=str(folder / "tls" / "server.key"), log_level="warning", access_log=False)
    except KeyboardInterrupt:
        pass
    finally:
        if db is not None:
            db.close()
        if cluster is not None:
            cluster.stop()
    return EXIT_OK


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def _create_database(cluster) -> None:
    from ..services.server_database import create_database
    create_database(cluster.dsn(), "trygg_demo")


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
    p = sub.add_parser("demo", help="a throwaway demo server on 127.0.0.1 (needs PostgreSQL's programs)")
    p.add_argument("--port", type=int)
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--data", help="folder for the demo cluster (default: the user data folder)")
    p.set_defaults(func=cmd_demo)
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
