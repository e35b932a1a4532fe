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


@pytest.fixture(scope="session")
def pg_template(pg_cluster: pg.Cluster) -> tuple[str, dict, dict]:
    """A server database with the test units and users (built once; cloned per test), with the
    accounts signed in once through the server's password check (the clones have the same ids)."""
    from trygg_desktop.services.server_database import sign_in
    from trygg_desktop.services.facade import Services
    from trygg_desktop.services.server_database import init_server_database

    from ..conftest import ADMIN_PASSWORD, PASSWORD, TODAY, UNITS, USERS
    from ..est_world import AREAS, EST_USERS, PLACES
    name = "trygg_template"
    engine = admin_engine(pg_cluster)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    db, admin = init_server_database(pg_cluster.dsn(name), "admin", ADMIN_PASSWORD)
    services = Services(db, admin, today=TODAY)
    for unit, agency, kind, area in UNITS:
        services.users.add_unit(unit, agency=agency, case_kind=kind, area=area)
    for username, (agency, roles, units) in USERS.items():
        services.users.add_user(username, PASSWORD, agency=agency, roles=roles, units=units,
                                display_name=username.capitalize())
    # The EST users, areas and places of tests/est_world.py, so the EST suites run here too.
    for username, (agency, roles) in EST_USERS.items():
        services.users.add_user(username, PASSWORD, agency=agency, roles=roles, units=[],
                                display_name=username.capitalize())
    coordinator = Services(db, sign_in(db, "trygghet", PASSWORD), today=TODAY)
    for area in AREAS:
        coordinator.est_setup.add_area(area, municipality="Demokommun")
    for area, places in PLACES.items():
        for place in places:
            coordinator.est_setup.add_place(area, place)
    actors = {u: sign_in(db, u, PASSWORD) for u in (*USERS, *EST_USERS)}
    actors["admin"] = sign_in(db, "admin", ADMIN_PASSWORD)
    units = {u.name: u.id for u in services.users.list_units()}
    db.close()
    return name, actors, units


@pytest.fixture
def pg_world(pg_cluster: pg.Cluster, pg_template: tuple, tmp_path: Path, state_dir: Path):
    """The tests' ``World`` on a fresh clone of the server template: the same services and
    scenarios as on SQLCipher, signed in through the server's password check."""
    from trygg_desktop.services.server_database import open_server_database

    from ..conftest import World
    template, actors, units = pg_template
    name = "w_" + secrets.token_hex(6)
    engine = admin_engine(pg_cluster)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    db = open_server_database(pg_cluster.dsn(name))
    world = World(path=tmp_path / "server", db=db, actors=dict(actors), units=dict(units), state_dir=state_dir)
    world.dsn = pg_cluster.dsn(name)  # type: ignore[attr-defined] - for a trygg-server process on it
    try:
        yield world
    finally:
        db.close()
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def pg_app_world(pg_world):
    """``pg_world`` as the server runs it: connected as the non-owner application role
    (``provision_app_role``: data only, the audit log insert-only, no DDL)."""
    from trygg_desktop.services.server_database import open_server_database, provision_app_role
    url = provision_app_role(pg_world.dsn, "trygg_app", "app-" + secrets.token_hex(8))
    owner_db = pg_world.db
    pg_world.db = open_server_database(url)
    pg_world.app_dsn = url
    pg_world._services.clear()
    try:
        yield pg_world
    finally:
        pg_world.db.close()
        pg_world.db = owner_db


@pytest.fixture
def world(pg_app_world):
    """Suites imported into tests/server (``from ..integration.test_x import *``) run their own
    tests on the server database, connected as the server's non-owner role."""
    return pg_app_world
