"""Shared fixtures: a real encrypted database built once per session and copied per test.

No database mocks: every integration test runs on a SQLCipher file made by the
same ``init_database`` the CLI uses. Argon2 runs at the security floor
(``TRYGG_KDF_CALIBRATE=floor``) so unlocks take ~0.2 s instead of ~1 s.
"""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("TRYGG_KDF_CALIBRATE", "floor")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select  # noqa: E402

from trygg_desktop.domain import personnummer  # noqa: E402
from trygg_desktop.domain.access import Actor  # noqa: E402
from trygg_desktop.paths import key_file_for  # noqa: E402
from trygg_desktop.services.database import Database, actor_for, init_database, unlock  # noqa: E402
from trygg_desktop.services.facade import Services  # noqa: E402
from trygg_desktop.store.models import User  # noqa: E402
from trygg_desktop.vault.throttle import Throttle  # noqa: E402

PASSWORD = "correct horse battery"
ADMIN_PASSWORD = "admin password 1"
TODAY = date(2026, 11, 22)

# username → (agency, roles, unit names)
USERS: dict[str, tuple[str, list[str], list[str]]] = {
    "samordnare": ("SOC", ["SSPF_KOORDINATOR", "ORDFORANDE"], ["SSPF Tureberg"]),
    "socialsekreterare": ("SOC", ["HANDLAGGARE"], ["SSPF Tureberg"]),
    "skola": ("SKOLA", ["KONTAKTPERSON"], ["SSPF Tureberg"]),
    "polis": ("POLIS", ["KONTAKTPERSON"], ["SSPF Tureberg", "TREFAS Sollentuna"]),
    "fritid": ("FRITID", ["KONTAKTPERSON"], ["SSPF Tureberg"]),
    "kriminalvard": ("KRIMINALVARD", ["KONTAKTPERSON"], ["TREFAS Sollentuna"]),
    "trefas": ("SOC", ["TREFAS_KOORDINATOR"], ["TREFAS Sollentuna"]),
    "avhopparsamordnare": ("SOC", ["AVHOPPARSAMORDNARE"], ["Avhopparverksamhet"]),
    "granskare": ("SOC", ["LOGGGRANSKARE"], []),
    "styrgrupp": ("SOC", ["STYRGRUPP"], []),
    "annan": ("SOC", ["SSPF_KOORDINATOR"], ["SSPF Edsberg"]),
    "arkiv": ("SOC", ["ARKIVANSVARIG"], []),
}
UNITS = [("SSPF Tureberg", "SOC", "SSPF", "Tureberg"), ("SSPF Edsberg", "SOC", "SSPF", "Edsberg"),
         ("TREFAS Sollentuna", "SOC", "TREFAS", "Sollentuna"),
         ("Avhopparverksamhet", "SOC", "AVHOPPARE", "Sollentuna")]


@contextmanager
def local_zone(name: str) -> Iterator[None]:
    """Run with the process's local time zone set to ``name`` (POSIX ``TZ``), as on a PC or
    server in that zone; the old zone comes back after."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_pnr(year: int, month: int, day: int, serial: int = 981) -> str:
    """A valid personnummer in the test serial range (980–999), never a real person's."""
    return personnummer.make(date(year, month, day), serial).long_form()


test_pnr.__test__ = False  # type: ignore[attr-defined]  # not a test function


@dataclass
class World:
    """An open copy of the template database plus ready-made actors."""

    path: Path
    db: Database
    actors: dict[str, Actor]
    units: dict[str, int]
    state_dir: Path
    today: date = TODAY
    _services: dict[str, Services] = field(default_factory=dict)

    def as_(self, username: str) -> Services:
        if username not in self._services:
            self._services[username] = Services(self.db, self.actors[username], today=self.today)
        return self._services[username]

    def throttle(self, clock=None) -> Throttle:
        return Throttle(self.state_dir / "throttle.json", clock) if clock else Throttle(self.state_dir / "throttle.json")

    def files(self) -> list[Path]:
        return sorted(p for p in self.path.parent.iterdir() if p.is_file())


def _build_template(folder: Path) -> Path:
    path = folder / "template.db"
    db, admin, _code = init_database(path, "admin", ADMIN_PASSWORD)
    services = Services(db, admin, today=TODAY)
    for name, agency, kind, area in UNITS:
        services.users.add_unit(name, agency=agency, case_kind=kind, area=area)
    for username, (agency, roles, units) in USERS.items():
        services.users.add_user(username, PASSWORD, agency=agency, roles=roles, units=units,
                                display_name=username.capitalize())
    db.close()
    return path


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_template(tmp_path_factory.mktemp("template"))


def copy_database(source: Path, target_dir: Path, name: str = "case.db") -> Path:
    target = target_dir / name
    shutil.copyfile(source, target)
    shutil.copyfile(key_file_for(source), key_file_for(target))
    return target


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    state.mkdir()
    monkeypatch.setenv("TRYGG_STATE_DIR", str(state))
    return state


@pytest.fixture
def world(template_db: Path, tmp_path: Path, state_dir: Path) -> Iterator[World]:
    data = tmp_path / "data"
    data.mkdir()
    path = copy_database(template_db, data)
    db, admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(state_dir / "throttle.json"))
    with db.session() as s:
        actors = {u.username: actor_for(u) for u in s.scalars(select(User))}
    units = {u.name: u.id for u in Services(db, admin).users.list_units()}
    w = World(path=path, db=db, actors=actors, units=units, state_dir=state_dir)
    yield w
    w.db.close()
