"""Registerutdrag (GDPR art. 15, DOMAIN.md 6.3): what the compiler may read, and what the review withholds."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, NotFound, PersonnummerError
from trygg_desktop.services.cases import Referral
from trygg_desktop.domain.documents import EXTRACT_OTHER_CASES
from trygg_desktop.services.extract import ExtractService
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.store.models import AuditEvent

from ..conftest import World, test_pnr
from ..scenarios import sspf_case

POLICE_TEXT = "Polisens interna iakttagelse nummer {n}."


def extractor(world: World, user: str = "samordnare") -> ExtractService:
    return ExtractService(world.db, world.actors[user], today=world.today)


def person_pnr(world: World, person_id: int) -> str:
    return world.as_("samordnare").persons.get(person_id).pnr


def setup(world: World):
    built = sspf_case(world, school="Turebergsskolan")
    soc, police = world.as_("samordnare"), world.as_("polis")
    day = world.today - timedelta(days=3)
    soc.journal.add(JournalInput(built.case_id, day, "SAMTAL", "Samtal med Alva om skolan.", visibility="SHARED"))
    soc.journal.add(JournalInput(built.case_id, day, "ANTECKNING", "Socialtjänstens interna anteckning."))
    for n in range(3):
        police.journal.add(JournalInput(built.case_id, day, "ANTECKNING", POLICE_TEXT.format(n=n)))
    soc.disclosures.record(built.case_id, what="Närvarouppgifter", recipient_agency="SKOLA", legal_basis="SAMTYCKE")
    mother = soc.persons.register(PersonInput("Anna", "Berg", pnr=test_pnr(1980, 2, 1, 990))).id
    soc.persons.add_guardian(built.person_id, mother, relation="mor")
    trefas = world.as_("trefas").cases.create(Referral(kind="TREFAS", person_id=built.person_id,
                                                       unit_id=world.units["TREFAS Sollentuna"],
                                                       referral_date=world.today - timedelta(days=5)))
    return built, trefas, mother


def test_extract_holds_what_the_compiler_may_read_and_names_the_rest(world: World) -> None:
    built, trefas, _mother = setup(world)
    pnr = person_pnr(world, built.person_id)
    extract = extractor(world).collect(pnr[2:])  # any accepted form: YYMMDD-NNNC
    assert extract.person_name == "Alva Berg" and extract.personnummer == pnr
    assert extract.organisation == "Sollentuna kommun – Socialförvaltningen" and extract.printed_by == "Samordnare"
    titles = [s.title for s in extract.sections]
    assert titles[0] == "Personuppgifter" and "Vårdnad" in titles
    assert f"Ärende {built.reference} (SSPF)" in titles and f"Journal {built.reference}" in titles
    assert f"Samtycken {built.reference}" in titles and f"Utlämnanden {built.reference}" in titles
    assert not any(trefas.reference in t for t in titles)
    text = json.dumps([s.rows for s in extract.sections], ensure_ascii=False)
    assert "Samtal med Alva om skolan." in text and "Socialtjänstens interna anteckning." in text
    assert "Polisens interna" not in text and "Närvarouppgifter" in text and "Anna Berg" in text
    # The review: the police's internal notes are withheld with their ground; the TREFAS case is
    # neither named nor hinted at, only the fixed sentence every extract carries.
    assert extract.withheld[0] == EXTRACT_OTHER_CASES
    assert not any(trefas.reference in w or "TREFAS" in w or "begränsad" in w for w in extract.withheld)
    assert (f"3 journalanteckningar som är myndighetsinterna för Polis (OSL 35 kap.), ärende {built.reference}"
            in extract.withheld)
    # The access log of the person's data, without the events of the secret case.
    log = next(s for s in extract.sections if s.title.startswith("Åtkomstlogg"))
    assert log.headers == ("Tid", "Användare", "Roll", "Händelse")   # local time, as every time people read
    users = {row[1] for row in log.rows}
    assert {"samordnare (Socialtjänst)", "polis (Polis)"} <= users
    assert "Skrev journalanteckning" in {row[3] for row in log.rows}
    assert not any(row[1].startswith("trefas") for row in log.rows)
    # The same content as data, JSON-ready with ISO dates.
    data = json.loads(json.dumps(extract.data))
    assert data["person"]["pnr"] == pnr and data["withheld"] == list(extract.withheld)
    [case] = data["cases"]
    assert case["reference"] == built.reference
    assert case["referral_date"] == (world.today - timedelta(days=30)).isoformat()
    assert {j["text"] for j in case["journal"]} == {"Samtal med Alva om skolan.",
                                                    "Socialtjänstens interna anteckning."}
    assert case["consents"][0]["status"] == "VALID" and len(case["consents"][0]["signatories"]) == 2
    assert data["guardians"] == [{"name": "Anna Berg", "has_custody": True, "relation": "mor"}]
    assert data["access_log"] and all("ts" in e and "user" in e for e in data["access_log"])
    # Audited as an export of the person's data.
    with world.db.session() as s:
        [ev] = s.scalars(select(AuditEvent).where(AuditEvent.action == "REGISTER_EXTRACT")).all()
    assert ev.flags == "EXPORT" and ev.person_id == built.person_id and ev.username == "samordnare"


def test_the_trefas_coordinator_sees_the_other_side(world: World) -> None:
    built, trefas, _mother = setup(world)
    extract = extractor(world, "trefas").collect(person_pnr(world, built.person_id))
    titles = [s.title for s in extract.sections]
    assert f"Ärende {trefas.reference} (TREFAS)" in titles
    assert not any(built.reference in w or "SSPF" in w for w in extract.withheld)
    assert extract.withheld[0] == EXTRACT_OTHER_CASES
    assert "Polisens interna" not in json.dumps(extract.data, ensure_ascii=False)


def test_a_guardians_extract_names_the_childs_cases_as_withheld(world: World) -> None:
    built, _trefas, mother = setup(world)
    extract = extractor(world).collect(person_pnr(world, mother))
    rows = next(s for s in extract.sections if s.title == "Vårdnad").rows
    assert rows[0][:2] == ("Alva Berg", "Barn (personen är vårdnadshavare)")
    assert "Uppgifter om personen som vårdnadshavare i ärenden som gäller barn ingår inte – begär prövning hos " \
        "ansvarig enhet" in extract.withheld   # no count: it would tell how many children's cases exist


def test_protected_identity_details_are_withheld_unless_owner(world: World) -> None:
    built = sspf_case(world, protected="SKYDDAD_FOLKBOKFORING", address="Hemlig väg 1", school="Hemliga skolan")
    pnr = person_pnr(world, built.person_id)
    own = extractor(world).collect(pnr)
    assert "Hemlig väg 1" in json.dumps([s.rows for s in own.sections], ensure_ascii=False)
    # A handläggare connected to the case (not its owner) gets the extract without the address.
    other = extractor(world, "socialsekreterare").collect(pnr)
    assert "Hemlig" not in json.dumps([s.rows for s in other.sections], ensure_ascii=False)
    assert "Hemlig" not in json.dumps(other.data, ensure_ascii=False)
    assert any(w.startswith("Adress, skola och kontaktuppgifter: skyddade personuppgifter") for w in other.withheld)
    # Without any case connection a protected person's extract is refused (and audited).
    with pytest.raises(AccessDenied):
        extractor(world, "annan").collect(pnr)


def test_who_may_compile_and_bad_input(world: World) -> None:
    built = sspf_case(world)
    pnr = person_pnr(world, built.person_id)
    for user in ("skola", "granskare", "admin"):
        with pytest.raises(AccessDenied):
            extractor(world, user).collect(pnr)
    with pytest.raises(PersonnummerError):
        extractor(world).collect("20110503-9811" if not pnr.endswith("9811") else "20110503-9812")
    with pytest.raises(PersonnummerError):
        extractor(world).collect("inte ett nummer")
    with pytest.raises(NotFound):
        extractor(world).collect(test_pnr(1999, 9, 9, 999))
    extract = extractor(world).collect(pnr)
    assert date.fromisoformat(extract.data["printed_at"][:10])


def test_an_unconnected_compiler_is_refused_and_learns_nothing(world: World) -> None:
    """Issue 12, item 3: the defector coordinator, or a coordinator in another unit, asked for a
    person they have no case with, got personnummer, address, school, guardians and another
    unit's case reference. Now: refused, audited, and the refusal is the same whether or not
    the person has cases elsewhere."""
    built, _trefas, mother = setup(world)
    lonely = world.as_("samordnare").persons.register(PersonInput("Ebba", "Ek", pnr=test_pnr(2010, 6, 6, 985))).id
    for user in ("avhopparsamordnare", "annan"):
        codes = set()
        for person_id in (built.person_id, mother, lonely):
            with pytest.raises(AccessDenied) as err:
                extractor(world, user).collect(person_pnr(world, person_id))
            codes.add((err.value.code, err.value.params.get("case_id")))
        assert codes == {("access.extract_not_connected", None)}
    with world.db.session() as s:
        denied = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "ACCESS_DENIED",
                                                         AuditEvent.username == "annan")))
    assert len(denied) == 3 and all(e.case_id is None for e in denied)
    assert all("extract_not_connected" in (e.detail or "") for e in denied)
    # Connected through a child's case: the guardian's own extract may be compiled.
    assert extractor(world).collect(person_pnr(world, mother)).person_name == "Anna Berg"
