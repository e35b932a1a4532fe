"""A real PostgreSQL cluster for the server-mode tests: started once per session in a
temporary folder (as the ``postgres`` system user when the tests run as root: initdb refuses
root), one fresh database per test from a migrated template (``CREATE DATABASE … TEMPLATE``).

Without PostgreSQL's server binaries the tests are skipped with the reason, except where
``TRYGG_REQUIRE_POSTGRES=1`` (``.ci/run`` sets it and installs Debian's ``postgresql``):
there a missing server is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from trygg_desktop.server import cluster as pg


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    if pg.find_bindir() is None:
        if os.environ.get("TRYGG_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"TRYGG_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries: {pg.INSTALL_HINT}")
        pytest.skip(f"no PostgreSQL server binaries ({pg.INSTALL_HINT})")
    folder = Path(tempfile.mkdtemp(prefix="trygg-pg-test-"))
    cluster = pg.create(folder)
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def admin_engine(cluster: pg.Cluster) -> Engine:
    return create_engine(cluster.dsn(), isolation_level="AUTOCOMMIT")


@pytest.fixture
def pg_database(pg_cluster: pg.Cluster) -> Iterator[str]:
    """The URL of a new, empty database (dropped after the test)."""
    name = "t_" + secrets.token_hex(6)
    engine = admin_engine(pg_cluster)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield pg_cluster.dsn(name)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
