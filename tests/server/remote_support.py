"""One server world per test module for the remote-backend tests: a clone of the server
template with the SSPF scenario and EST users, the non-owner role, and a real ``trygg-server``
process over TLS (self-signed). Module-scoped so each module starts PostgreSQL work and the
server once."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

import httpx
import ssl
from sqlalchemy import text

from trygg_desktop.server.cluster import free_port
from trygg_desktop.server.tls import self_signed

from ..conftest import World
from ..scenarios import sspf_case


@dataclass
class RemoteWorld:
    world: World
    url: str
    cert: Path
    folder: Path
    process: subprocess.Popen
    built: object

    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


@contextmanager
def serving(dsn: str, folder: Path, *options: str) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    """A real ``trygg-server serve`` on ``dsn`` over TLS (a self-signed certificate in ``folder``,
    its log in ``folder/server.log``), healthy before the block and stopped after it:
    (URL, certificate, process)."""
    cert, key = self_signed(folder / "tls", ["127.0.0.1", "localhost"])
    url = f"https://127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [sys.executable, "-m", "trygg_desktop.server", "serve", "--bind", url.removeprefix("https://"),
         "--cert", str(cert), "--key", str(key), *options],
        env={**os.environ, "TRYGG_SERVER_DSN": dsn}, stdout=subprocess.DEVNULL,
        stderr=(folder / "server.log").open("w"), text=True)
    context = ssl.create_default_context(cafile=str(cert))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with httpx.Client(verify=context, timeout=5) as c:
                    if c.get(f"{url}/health").status_code == 200:
                        break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (folder / "server.log").read_text(errors="replace")[-2000:]
                    raise AssertionError(f"trygg-server did not start: {log}") from None
                time.sleep(0.2)
        yield url, cert, process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def build_remote_world(pg_cluster, pg_template) -> Iterator[RemoteWorld]:
    from trygg_desktop.services.server_database import open_server_database, provision_app_role

    from .conftest import admin_engine
    template, actors, units = pg_template
    name = "r_" + secrets.token_hex(6)
    engine = admin_engine(pg_cluster)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    folder = Path(tempfile.mkdtemp(prefix="trygg-remote-test-"))
    os.environ["TRYGG_STATE_DIR"] = str(folder / "client-state")
    db = open_server_database(pg_cluster.dsn(name))
    world = World(path=folder / "server", db=db, actors=dict(actors), units=dict(units), state_dir=folder,
                  today=date.today())  # the server's services use the real date too
    try:
        built = sspf_case(world)   # the template has the EST users, areas and places already (conftest)
        app_url = provision_app_role(pg_cluster.dsn(name), "trygg_app", "app-" + secrets.token_hex(8))
        with serving(app_url, folder) as (url, cert, process):
            yield RemoteWorld(world, url, cert, folder, process, built)
    finally:
        db.close()
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
        os.environ.pop("TRYGG_STATE_DIR", None)
        if os.environ.get("TRYGG_KEEP_SERVER_LOG"):
            shutil.copy(folder / "server.log", os.environ["TRYGG_KEEP_SERVER_LOG"])
        shutil.rmtree(folder, ignore_errors=True)
