"""A world with EST users, areas and places, built once per session and copied per test."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import select

from trygg_desktop.services.database import actor_for, unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.store.models import User
from trygg_desktop.vault.throttle import Throttle

from .conftest import ADMIN_PASSWORD, PASSWORD, TODAY, World, copy_database

#: username → (agency, roles)
EST_USERS = {
    "trygghet": ("SOC", ["TRYGGHETSSAMORDNARE"]),
    "rapp_polis": ("POLIS", ["EST_RAPPORTOR"]),
    "rapp_bostad": ("BOSTAD", ["EST_RAPPORTOR"]),
}
AREAS = ("Björkdalen", "Ekhagen", "Solbacka")
PLACES = {"Björkdalen": ("Björkdalens torg", "Gångtunneln"), "Ekhagen": ("Ekhagsskolan",)}


def build_est_template(template_db: Path, folder: Path) -> Path:
    path = copy_database(template_db, folder, "est-template.db")
    db, admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(folder / "throttle.json"))
    s = Services(db, admin, today=TODAY)
    for username, (agency, roles) in EST_USERS.items():
        s.users.add_user(username, PASSWORD, agency=agency, roles=roles, units=[],
                         display_name=username.capitalize())
    with db.session() as session:
        coordinator = actor_for(session.scalar(select(User).where(User.username == "trygghet")))
    c = Services(db, coordinator, today=TODAY)
    for name in AREAS:
        c.est_setup.add_area(name, municipality="Demokommun")
    for area, places in PLACES.items():
        for place in places:
            c.est_setup.add_place(area, place)
    db.close()
    return path


@pytest.fixture(scope="session")
def est_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_est_template(template_db, tmp_path_factory.mktemp("est-template"))


@pytest.fixture
def est_world(est_template: Path, tmp_path: Path, state_dir: Path) -> Iterator[World]:
    data = tmp_path / "data"
    data.mkdir()
    path = copy_database(est_template, data)
    db, _admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(state_dir / "throttle.json"))
    with db.session() as s:
        actors = {u.username: actor_for(u) for u in s.scalars(select(User))}
    w = World(path=path, db=db, actors=actors, units={}, state_dir=state_dir)
    yield w
    w.db.close()
