"""Builders for realistic case situations, shared by integration and security tests."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, timedelta

from trygg_desktop.services.cases import Referral
from trygg_desktop.services.consents import ConsentInput
from trygg_desktop.services.persons import PersonInput

from .conftest import World, test_pnr


@dataclass(frozen=True)
class Built:
    case_id: int
    person_id: int
    consent_id: int | None
    reference: str


def person(world: World, first: str = "Alva", last: str = "Berg", born: date = date(2011, 5, 3),
           protected: str = "NONE", user: str = "samordnare", **extra) -> int:
    # A stable serial per name and birth date (str hash() changes between runs).
    serial = 980 + zlib.crc32(f"{first}|{last}|{born}".encode()) % 20
    data = PersonInput(first, last, pnr=test_pnr(born.year, born.month, born.day, serial),
                       protected_identity=protected, **extra)
    existing = world.as_(user).persons.possible_duplicates(data)
    if existing:
        return existing[0].id
    return world.as_(user).persons.register(data).id


def sspf_case(world: World, *, consent: str = "VALID", agencies: tuple[str, ...] = ("SOC", "SKOLA", "POLIS"),
              categories: tuple[str, ...] = ("SKOLGANG_NARVARO", "BETEENDE", "POLISIARA_UPPGIFTER",
                                             "SOCIALTJANST_INSATSER"),
              first: str = "Alva", last: str = "Berg", born: date = date(2011, 5, 3), protected: str = "NONE",
              assign: tuple[str, ...] = ("skola", "polis", "socialsekreterare"), **person_extra) -> Built:
    """An SSPF case in KARTLAGGNING (or SAMTYCKE_INHAMTAS without consent), with users assigned."""
    s = world.as_("samordnare")
    pid = person(world, first, last, born, protected, **person_extra)
    case = s.cases.create(Referral(kind="SSPF", person_id=pid, unit_id=world.units["SSPF Tureberg"],
                                   referral_date=world.today - timedelta(days=30), concerns=("HOG_FRANVARO",),
                                   description="Hög frånvaro sedan augusti"))
    s.cases.change_status(case.id, "FORHANDSBEDOMNING")
    s.cases.change_status(case.id, "SAMTYCKE_INHAMTAS")
    consent_id = None
    if consent != "NONE":
        c = s.consents.create(ConsentInput(
            case_id=case.id, purpose="SSPF-samverkan", scope_agencies=tuple((a, "") for a in agencies),
            scope_information=categories, valid_from=world.today - timedelta(days=20),
            valid_to=world.today + timedelta(days=300), joint_custody=False,
            single_guardian_exception="Ensam vårdnad enligt dom"))
        consent_id = c.id
        if consent in ("VALID", "REVOKED", "EXPIRED"):
            s.consents.sign(c.id, "GUARDIAN_1", world.today - timedelta(days=20))
            s.consents.sign(c.id, "YOUTH", world.today - timedelta(days=20))
            s.cases.change_status(case.id, "KARTLAGGNING")
        elif consent == "PARTIAL":
            s.consents.sign(c.id, "GUARDIAN_1", world.today - timedelta(days=20))
        elif consent == "DECLINED":
            s.consents.sign(c.id, "YOUTH", world.today - timedelta(days=20), declined=True)
    users = {u.username: u.id for u in s.users.directory()}
    for name in assign:
        s.cases.assign(case.id, users[name], "KONTAKT")
    if consent == "REVOKED":
        s.consents.revoke(consent_id, world.today, channel="telefon")
    return Built(case.id, pid, consent_id, case.reference)


def restricted_case(world: World, kind: str = "TREFAS", assign: tuple[str, ...] = ("polis",)) -> Built:
    coordinator = "trefas" if kind == "TREFAS" else "avhopparsamordnare"
    unit = "TREFAS Sollentuna" if kind == "TREFAS" else "Avhopparverksamhet"
    s = world.as_(coordinator)
    serial = 985 if kind == "TREFAS" else 986
    pid = s.persons.register(PersonInput("Elias", "Nord", pnr=test_pnr(2003, 2, 14, serial))).id
    case = s.cases.create(Referral(kind=kind, person_id=pid, unit_id=world.units[unit],
                                   referral_date=world.today - timedelta(days=10)))
    users = {u.username: u.id for u in s.users.directory()}
    for name in assign:
        s.cases.assign(case.id, users[name], "KONTAKT")
    return Built(case.id, pid, None, case.reference)
