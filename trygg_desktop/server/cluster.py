"""A throwaway PostgreSQL cluster in a folder: for ``trygg-server --demo`` and the tests.

Uses the PostgreSQL server binaries that are installed (Debian's ``postgresql`` package puts
them in ``/usr/lib/postgresql/<major>/bin``; elsewhere ``pg_config --bindir`` or ``PATH``).
``initdb`` refuses to run as root, so a root process runs the cluster as the ``postgres``
system user the package creates (``runuser``); anyone else runs it as themselves.

The cluster listens on 127.0.0.1 only, at a free port, with SCRAM passwords for every
connection (``pg_hba.conf``: nothing is trusted) and its Unix socket in the data folder.
It is for a demo or a test: a municipality's server runs on the PostgreSQL its IT operates,
on an encrypted volume (README, Server mode).
"""

from __future__ import annotations

import os
import pwd
import secrets
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..api.errors import TryggError
from ..store.pg_binaries import INSTALL_HINT, find_bindir  # noqa: F401 - the cluster's callers use them

SUPERUSER = "trygg_admin"
class ClusterError(TryggError):
    code = "server.cluster"
    default_message = "The PostgreSQL cluster could not be started"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    """A running (or stopped) cluster: where it lives, how to reach it, who runs it."""

    data_dir: Path
    bindir: Path
    port: int
    password: str
    run_as: str | None = None
    host: str = "127.0.0.1"
    superuser: str = SUPERUSER

    def dsn(self, dbname: str = "postgres", user: str | None = None, password: str | None = None) -> str:
        """A SQLAlchemy URL for psycopg 3 (the password URL-quoted)."""
        user = user or self.superuser
        password = self.password if password is None and user == self.superuser else password
        auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{dbname}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise ClusterError(f"{args[0]} failed: {(result.stderr or result.stdout).strip()[-800:]}")
        return result

    def start(self) -> None:
        """Start the cluster (nothing to do when it already runs, e.g. after an unclean exit)."""
        if self.running:
            return
        log = self.data_dir / "server.log"
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(log), "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.data_dir} -c listen_addresses={self.host}", "start")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop", check=False)

    @property
    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data_dir), "status", check=False).returncode == 0


def _cluster_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterError("initdb refuses to run as root and there is no 'postgres' user to run it as; "
                           "install Debian's postgresql package or run as another user") from None
    return "postgres"


def create(folder: Path, *, port: int | None = None, bindir: Path | None = None) -> Cluster:
    """initdb a new cluster in ``folder`` (which must not hold one) and start it."""
    bindir = bindir or find_bindir()
    if bindir is None:
        raise ClusterError(INSTALL_HINT, code="server.no_postgresql")
    folder = Path(folder)
    data = folder / "pgdata"
    folder.mkdir(parents=True, exist_ok=True)
    run_as = _cluster_user()
    password = secrets.token_urlsafe(24)
    pwfile = folder / "initdb.pw"
    pwfile.write_text(password)
    os.chmod(pwfile, 0o600)
    if run_as:
        user = pwd.getpwnam(run_as)
        for path in (folder, pwfile):
            os.chown(path, user.pw_uid, user.pw_gid)
        os.chmod(folder, 0o700)
    cluster = Cluster(data_dir=data, bindir=bindir, port=port or free_port(), password=password, run_as=run_as)
    try:
        cluster._run("initdb", "-D", str(data), "-U", SUPERUSER, "--pwfile", str(pwfile), "-A", "scram-sha-256",
                     "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions")
    finally:
        pwfile.unlink(missing_ok=True)
    cluster.start()
    return cluster
