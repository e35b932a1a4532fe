"""Exchange files (services/exchange.py): round trip, access, schema and every error kind.

The round trip is the main property: export database A, import the file into a
fresh database B made from the same template, export B; the two files are equal
apart from ``exported_at``. Every refused import must name the JSON path of the
problem and leave the target exactly as it was (export, audit head and a raw dump
of every table compared).
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
from sqlalchemy import select, text

from trygg_desktop.domain import personnummer, vocab
from trygg_desktop.domain.errors import AccessDenied, ImportFormatError
from trygg_desktop.services import exchange
from trygg_desktop.services.assessments import ItemInput
from trygg_desktop.services.audit import META_AUDIT_HEAD
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.database import Database, actor_for, unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.services.exchange import ExchangeService, ImportSummary, parse_document
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.services.plans import ActionInput, GoalInput
from trygg_desktop.store.models import Base, Meta, User
from trygg_desktop.vault.throttle import Throttle

from ..conftest import ADMIN_PASSWORD, World, copy_database, test_pnr
from ..scenarios import Built, restricted_case, sspf_case


# --------------------------------------------------------------------------------------------------
# Helpers shared with tests/fuzz/test_import_fuzz.py
# --------------------------------------------------------------------------------------------------

@dataclass
class Populated:
    valid: Built
    partial: Built
    declined: Built
    revoked: Built
    closed: Built
    trefas: Built
    avhoppare: Built
    linked_reference: str


def populate(world: World) -> Populated:
    """Realistic content touching every exported record kind."""
    today = world.today
    s = world.as_("samordnare")
    users = {u.username: u.id for u in s.users.directory()}
    valid = sspf_case(world, consent="VALID")
    partial = sspf_case(world, consent="PARTIAL", first="Bo", last="Ek", born=date(2012, 1, 9))
    declined = sspf_case(world, consent="DECLINED", first="Cia", last="Lund", born=date(2010, 7, 21))
    revoked = sspf_case(world, consent="REVOKED", first="Dan", last="Ros", born=date(2011, 11, 30),
                        protected="SKYDDAD_FOLKBOKFORING", address="Hemlig väg 1", city="Sollentuna")
    closed = sspf_case(world, consent="NONE", first="Eva", last="Åström", born=date(2013, 3, 3))
    s.cases.change_status(closed.case_id, "AVSLUTAD", reason="SAMTYCKE_SAKNAS", note="Familjen avböjde")

    # Guardians, a signatory with a person, a person known only by a reserve number.
    mother = s.persons.register(PersonInput("Anna", "Berg", pnr=test_pnr(1980, 4, 12, 990),
                                            phone="070-000 00 00")).id
    s.persons.add_guardian(valid.person_id, mother, relation="mor")
    s.consents.sign(partial.consent_id, "YOUTH", today - timedelta(days=5), person_id=partial.person_id,
                    method="WRITTEN_DIGITAL")
    unknown = s.persons.register(PersonInput("Fia", "Okänd", reserve_id="RES-2026-1",
                                             birth_date=date(2009, 1, 1))).id

    # Kartläggning, instrument, journal (with a correction and another agency's internal note).
    s.assessments.add_assessment(valid.case_id, today - timedelta(days=6),
                                 [ItemInput("SKOLA", 2, 1, note="Hög frånvaro"), ItemInput("FRITID", 1, 2)],
                                 youth_view="Vill spela fotboll", guardian_view="Orolig")
    s.assessments.add_instrument(valid.case_id, "ESTER_SCREENING", today - timedelta(days=7), "Skolkurator",
                                 overall_risk="Medel", summary="Screening gjord")
    first = s.journal.add(JournalInput(case_id=valid.case_id, event_date=today - timedelta(days=4),
                                       entry_type="SAMTAL", text="Samtal med Alva om skolan.", visibility="SHARED",
                                       information_category="SKOLGANG_NARVARO"))
    s.journal.correct(first.id, "Rättelse: samtalet gällde även fritiden.")
    s.journal.add(JournalInput(case_id=valid.case_id, event_date=today - timedelta(days=2), entry_type="TELEFON",
                               text="Mamma ringde – \"allt bättre\" ✓", source="telefon"))
    world.as_("skola").journal.add(JournalInput(
        case_id=valid.case_id, event_date=today - timedelta(days=3), entry_type="ANTECKNING",
        text="Skolans interna anteckning", visibility="INTERNAL"))

    # Network meeting with attendees, agenda, approval and a correction; a plan with goals and actions.
    m = s.meetings.create(MeetingInput(meeting_type="NATVERKSMOTE", starts_at=datetime(2026, 11, 10, 14, 0),
                                       ends_at=datetime(2026, 11, 10, 15, 30), case_id=valid.case_id,
                                       place="Turebergsskolan", secretary_user_id=users["socialsekreterare"]))
    s.meetings.add_attendee(m.id, AttendeeInput("Alva Berg", function="Ungdom", person_id=valid.person_id))
    s.meetings.add_attendee(m.id, AttendeeInput("Anna Berg", function="Vårdnadshavare", person_id=mother))
    s.meetings.add_attendee(m.id, AttendeeInput("Skola", function="Mentor", agency="SKOLA",
                                                user_id=users["skola"], meeting_role="JUSTERARE"))
    s.meetings.add_attendee(m.id, AttendeeInput("Fia Okänd", present=False, part_note="Sjuk", person_id=unknown))
    s.meetings.set_agenda_item(m.id, 4, "Aktuell situation", note="Närvaron har ökat.", decision="Fortsätt")
    s.meetings.set_agenda_item(m.id, 9, "Skolans del", note="Internt", visibility="INTERNAL",
                               owning_agency="SKOLA")
    s.meetings.set_next_meeting(m.id, datetime(2026, 12, 15, 9, 0), "Skolan", guardians_informed="Per brev")
    s.meetings.set_protocol_status(m.id, "JUSTERING")
    s.meetings.set_protocol_status(m.id, "JUSTERAT")
    s.meetings.add_correction(m.id, "Tillägg: mentor var närvarande.")
    plan = s.plans.new_version(valid.case_id, today - timedelta(days=1), meeting_id=m.id)
    goal = s.plans.add_goal(plan.id, GoalInput("Närvaro över 85 %", area="SKOLA", indicator="närvaro",
                                               baseline="60 %", target="85 %", target_date=today + timedelta(days=90)))
    a1 = s.plans.add_action(plan.id, ActionInput("Läxhjälp två gånger i veckan", "SKOLA", action_type="LAXLASNING",
                                                 goal_id=goal.id, responsible_user_id=users["skola"],
                                                 due_date=today + timedelta(days=30), created_in_meeting_id=m.id))
    a2 = s.plans.add_action(plan.id, ActionInput("Föräldrastöd", "SOC", action_type="FORALDRASTOD",
                                                 responsible_person="Socialsekreterare"))
    s.plans.set_action_status(a2.id, "PAGAR")
    s.plans.set_action_status(a2.id, "GENOMFORD", outcome="Klart", meeting_id=m.id)
    assert a1.id
    s.plans.new_version(valid.case_id, today)  # carries the open goal and action over
    s.cases.change_status(valid.case_id, "MOTE_PLANERAT")
    s.disclosures.record(valid.case_id, what="Närvarouppgifter", recipient_agency="POLIS", legal_basis="SAMTYCKE",
                         recipient_name="Kommunpolis", channel="säker e-post")
    s.meetings.create(MeetingInput(meeting_type="ARBETSGRUPPSMOTE", starts_at=datetime(2026, 11, 5, 9, 0),
                                   unit_id=world.units["SSPF Tureberg"], place="Stadshuset"))
    s.cases.set_follow_up(valid.case_id, today + timedelta(days=60))

    # TREFAS: risk colours, status, a plan with a measure type. Avhoppare: threat, contract, a linked case.
    trefas = restricted_case(world, "TREFAS")
    t = world.as_("trefas")
    t.assessments.add_risk_level(trefas.case_id, "ROD", today - timedelta(days=8), "POLIS", note="Skottlossning")
    t.assessments.add_risk_level(trefas.case_id, "GUL", today - timedelta(days=1), "POLIS")
    t.cases.change_status(trefas.case_id, "BEDOMD")
    tplan = t.plans.new_version(trefas.case_id, today)
    t.plans.add_action(tplan.id, ActionInput("Kontroll av villkor", "KRIMINALVARD", measure_type="KONTROLL"))
    t.journal.add(JournalInput(case_id=trefas.case_id, event_date=today, entry_type="MOTE", text="TREFAS-möte"))
    avhoppare = restricted_case(world, "AVHOPPARE", assign=())
    a = world.as_("avhopparsamordnare")
    a.assessments.add_threat_assessment(avhoppare.case_id, "HOG", today - timedelta(days=2), summary="Hot",
                                        review_date=today + timedelta(days=14))
    contract = a.assessments.set_conditions(avhoppare.case_id, ["Drogfrihet", "Ingen kontakt med nätverket"],
                                            signed_at=today - timedelta(days=1), drug_test_schedule="Varje vecka")
    a.assessments.add_breach(contract.id, today, "Missat drogtest", consequence="Samtal")
    a.cases.change_status(avhoppare.case_id, "FORHANDSBEDOMNING")
    linked = a.cases.create(Referral(kind="AVHOPPARE", person_id=avhoppare.person_id,
                                     unit_id=world.units["Avhopparverksamhet"], referral_date=today,
                                     linked_case_id=trefas.case_id, environment="GANG", urgency="AKUT"))
    return Populated(valid, partial, declined, revoked, closed, trefas, avhoppare, linked.reference)


def exporter(world: World, username: str = "admin") -> ExchangeService:
    return ExchangeService(world.db, world.actors[username], today=world.today)


def without_time(doc: dict[str, Any]) -> dict[str, Any]:
    out = dict(doc)
    out.pop("exported_at")
    return out


def audit_head(db: Database) -> str:
    with db.session() as s:
        return s.get(Meta, META_AUDIT_HEAD).value


def snapshot(db: Database) -> str:
    """A digest of every row of every table (audit log and meta included), read without writing."""
    digest = hashlib.sha256()
    with db.session() as s:
        for table in Base.metadata.sorted_tables:
            order = ", ".join(c.name for c in table.primary_key.columns) or "rowid"
            for row in s.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}")):
                digest.update(repr(tuple(row)).encode())
        for row in s.execute(text("SELECT rowid, text FROM journal_fts ORDER BY rowid")):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def open_fresh(template_db: Path, folder: Path, state_dir: Path):
    """A fresh database from the same template, unlocked by its administrator."""
    folder.mkdir(parents=True, exist_ok=True)
    path = copy_database(template_db, folder)
    return unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(state_dir / "throttle.json"))


def assert_refused(service: ExchangeService, db: Database, data: bytes, code: str,
                   path: str | None = None) -> ImportFormatError:
    """The import fails with ``code`` (at ``path``), names path and problem, and changes nothing:
    the full export, the audit head and a raw dump of every table are as before."""
    before = without_time(service.export())  # itself audited, so read the head afterwards
    head, rows = audit_head(db), snapshot(db)
    with pytest.raises(ImportFormatError) as info:
        service.import_bytes(data)
    err = info.value
    assert err.code == code, (err.code, err.params)
    assert err.params["path"].startswith("$") and err.params["problem"]
    assert err.params["path"] in str(err) and err.params["problem"] in str(err)
    if path is not None:
        assert err.params["path"] == path, err.params
    assert audit_head(db) == head
    assert snapshot(db) == rows
    assert without_time(service.export()) == before
    return err


# --------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------

def make_world(template_db: Path, folder: Path) -> World:
    """Like the ``world`` fixture, for a longer scope: an open copy of the template database."""
    data, state = folder / "data", folder / "state"
    data.mkdir(parents=True)
    state.mkdir()
    path = copy_database(template_db, data)
    db, admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(state / "throttle.json"))
    with db.session() as s:
        actors = {u.username: actor_for(u) for u in s.scalars(select(User))}
    units = {u.name: u.id for u in Services(db, admin).users.list_units()}
    return World(path=path, db=db, actors=actors, units=units, state_dir=state)


@pytest.fixture(scope="module")
def shared(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, Populated]]:
    """One populated database for the module: building it is the slow part, and the tests
    below only export from it or try imports that must leave it unchanged."""
    w = make_world(template_db, tmp_path_factory.mktemp("exchange-source"))
    built = populate(w)
    yield w, built
    w.db.close()


@pytest.fixture
def world(shared: tuple[World, Populated]) -> World:
    return shared[0]


@pytest.fixture
def populated(shared: tuple[World, Populated]) -> Populated:
    return shared[1]


@pytest.fixture
def fresh(template_db: Path, tmp_path: Path, state_dir: Path) -> Iterator[tuple[Database, ExchangeService]]:
    db, admin = open_fresh(template_db, tmp_path / "fresh", state_dir)
    yield db, ExchangeService(db, admin)
    db.close()


# --------------------------------------------------------------------------------------------------
# Round trip and export
# --------------------------------------------------------------------------------------------------

def test_round_trip_is_identical_except_exported_at(world: World, populated: Populated, fresh) -> None:
    doc_a = exporter(world).export()
    data_a = exporter(world).export_bytes()
    assert json.loads(data_a)["cases"] == doc_a["cases"]
    db_b, service_b = fresh
    summary = service_b.import_bytes(data_a)
    assert isinstance(summary, ImportSummary)
    assert summary.unknown_users == ()
    assert summary.created["cases"] == len(doc_a["cases"]) == 8
    assert summary.reused["units"] == 4 and summary.created.get("units", 0) == 0
    doc_b = service_b.export()
    assert without_time(doc_b) == without_time(doc_a)
    # The file really holds what was built (not two equally empty exports).
    kinds = {c["kind"] for c in doc_a["cases"]}
    assert kinds == {"SSPF", "TREFAS", "AVHOPPARE"}
    valid = next(c for c in doc_a["cases"] if c["reference"] == populated.valid.reference)
    assert {c["status"] for c in next(c for c in doc_a["cases"]
                                      if c["reference"] == populated.revoked.reference)["consents"]} == {"REVOKED"}
    assert len(valid["journal"]) == 4 and valid["journal"][1]["corrects"] == valid["journal"][0]["id"]
    assert [p["version"] for p in valid["plans"]] == [1, 2]
    assert valid["plans"][1]["actions"][0]["goal"] == valid["plans"][1]["goals"][0]["id"]
    meeting = valid["meetings"][0]
    assert meeting["protocol_status"] == "JUSTERAT" and meeting["content_hash"] and meeting["corrections"]
    assert valid["plans"][0]["meeting"] == meeting["id"]
    assert doc_a["meetings"][0]["type"] == "ARBETSGRUPPSMOTE" and doc_a["meetings"][0]["unit"] == "SSPF Tureberg"
    linked = next(c for c in doc_a["cases"] if c["reference"] == populated.linked_reference)
    assert linked["linked_case"] == populated.trefas.reference and linked["environment"] == "GANG"
    assert any(p["reserve_id"] == "RES-2026-1" and p["personnummer"] is None for p in doc_a["persons"])
    assert doc_a["guardianships"] and doc_a["guardianships"][0]["relation"] == "mor"
    assert [p["id"] for p in doc_a["persons"]] == [f"P{i}" for i in range(1, len(doc_a["persons"]) + 1)]
    # Bytes are deterministic as well: same document, same serialisation.
    assert exchange.to_bytes(doc_b).replace(doc_b["exported_at"].encode(), b"") == \
        exchange.to_bytes(doc_a).replace(doc_a["exported_at"].encode(), b"")


def test_import_is_audited_with_counts_only_and_raises_reference_counters(world: World, populated: Populated,
                                                                          fresh) -> None:
    data = exporter(world).export_bytes()
    db_b, service_b = fresh
    service_b.import_bytes(data)
    with db_b.session() as s:
        row = s.execute(text("SELECT action, flags, detail, case_id, person_id FROM audit_event "
                             "ORDER BY seq DESC LIMIT 1")).one()
    assert row.action == "BULK_IMPORT" and row.flags == "BULK" and row.case_id is None and row.person_id is None
    detail = json.loads(row.detail)
    assert set(detail) == {"created", "reused", "unknown_users"}
    assert "Alva" not in row.detail and "SSPF-" not in row.detail
    # A case registered after the import gets the next free reference, not an imported one.
    with db_b.session() as s:
        coordinator = actor_for(s.scalar(select(User).where(User.username == "samordnare")))
    services = Services(db_b, coordinator, today=world.today)
    person = services.persons.register(PersonInput("Ny", "Person", pnr=test_pnr(2012, 6, 6, 999))).id
    units = {u.name: u.id for u in services.users.list_units()}
    new = services.cases.create(Referral(kind="SSPF", person_id=person, unit_id=units["SSPF Tureberg"],
                                         referral_date=world.today))
    imported = {c["reference"] for c in json.loads(data)["cases"]}
    assert new.reference not in imported


def test_export_is_audited(world: World, populated: Populated) -> None:
    exporter(world).export()
    with world.db.session() as s:
        row = s.execute(text("SELECT action, flags, detail FROM audit_event ORDER BY seq DESC LIMIT 1")).one()
    assert row.action == "BULK_EXPORT" and row.flags == "BULK,EXPORT"
    assert json.loads(row.detail)["cases"] == 8


def test_exported_json_validates_against_the_schema(world: World, populated: Populated) -> None:
    data = exporter(world).export_bytes()
    schema = json.loads(Path(exchange.resource(exchange.SCHEMA_NAME)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(data))
    assert parse_document(data)["cases"]
    case_doc = exporter(world, "samordnare").export_bytes(case_reference=populated.valid.reference)
    jsonschema.Draft202012Validator(schema).validate(json.loads(case_doc))
    assert data.decode("utf-8").startswith("{\n  \"cases\"")  # sorted keys, indent 2
    assert "Åström" in data.decode("utf-8")  # ensure_ascii=False


def test_schema_enums_equal_the_vocabularies() -> None:
    schema = exchange.load_schema()
    vocabularies = {v.name: v for v in vars(vocab).values() if isinstance(v, vocab.Vocabulary)}
    defs = schema["$defs"]
    vocab_defs = {name[len("vocab_"):]: d for name, d in defs.items() if name.startswith("vocab_")}
    assert vocab_defs, "the schema must define its vocabularies"
    for name, definition in vocab_defs.items():
        assert name in vocabularies, f"schema vocabulary {name} does not exist in vocab.py"
        assert definition["enum"] == list(vocabularies[name].codes), name
        for code in vocabularies[name].codes:
            assert code in definition["description"], (name, code)
    # Every vocabulary the database stores codes of is in the schema (users' roles and
    # the retention rules' vocabularies do not travel: rules are local administration; nor
    # does the audit log, whose action and record labels are for reading it).
    # The EST register (incidents by place, no persons) is not part of the exchange format yet.
    assert set(vocabularies) - set(vocab_defs) == {"role", "retention_record_type", "retention_start_event",
                                                   "retention_block", "audit_action", "audit_record",
                                                   "est_level", "est_source"}

    # No enum hides anywhere else, except the file's own 'scope'.
    found: list[tuple[str, list]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                found.append((where, node["enum"]))
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "#")
    others = [(w, e) for w, e in found if not w.startswith("#/$defs/vocab_")]
    assert others == [("#/properties/scope", ["database", "case"])]
    # Status and closure codes are tied to the case kind.
    rules = {r["if"]["properties"]["kind"]["const"]: r["then"]["properties"] for r in defs["case"]["allOf"]}
    assert set(rules) == set(vocab.CASE_KINDS.codes)
    for kind, props in rules.items():
        assert props["status"]["$ref"] == f"#/$defs/vocab_{vocab.CASE_STATUSES[kind].name}"
        assert props["closure"]["anyOf"][0]["properties"]["reason"]["anyOf"][0]["$ref"] == \
            f"#/$defs/vocab_{vocab.CLOSURE_REASONS[kind].name}"


def test_schema_objects_are_closed_and_strings_bounded() -> None:
    schema = exchange.load_schema()

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node and "additionalProperties" in node:
                assert node.get("additionalProperties") is False, where
                for key, prop in node["properties"].items():
                    assert prop.get("description"), f"{where}/{key} has no description"
            types = node.get("type")
            # Narrowing sub-schemas ({"type": "string"}) only add a rule; enums are bounded by their codes.
            declared = "description" in node and "enum" not in node
            if declared and (types == "string" or (isinstance(types, list) and "string" in types)):
                assert "maxLength" in node and node["maxLength"] <= exchange.MAX_STRING, where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "#")
    assert schema["additionalProperties"] is False


def test_import_accepts_its_own_database_export_only_once(world: World, populated: Populated) -> None:
    """Importing a database's export into itself: every reference exists, nothing is written."""
    data = exporter(world).export_bytes()
    err = assert_refused(exporter(world), world.db, data, "import.duplicate")
    assert err.params["path"].endswith(".reference")


# --------------------------------------------------------------------------------------------------
# Single-case export and access
# --------------------------------------------------------------------------------------------------

def test_case_export_by_coordinator_withholds_what_they_may_not_read(world: World, populated: Populated,
                                                                      fresh) -> None:
    doc = exporter(world, "samordnare").export(case_reference=populated.valid.reference)
    assert doc["scope"] == "case" and [c["reference"] for c in doc["cases"]] == [populated.valid.reference]
    case = doc["cases"][0]
    texts = [e["text"] for e in case["journal"]]
    assert "Skolans interna anteckning" not in texts and len(texts) == 3
    assert case["withheld"]["journal"] == 1 and case["withheld"]["agenda"] == 1
    assert doc["meetings"] == [] and [u["name"] for u in doc["units"]] == ["SSPF Tureberg"]
    names = {(p["first_name"], p["last_name"]) for p in doc["persons"]}
    assert names == {("Alva", "Berg"), ("Anna", "Berg"), ("Fia", "Okänd")}
    with world.db.session() as s:
        row = s.execute(text("SELECT action, case_id, flags FROM audit_event ORDER BY seq DESC LIMIT 1")).one()
    assert row.action == "CASE_EXPORT" and row.case_id == populated.valid.case_id and row.flags == "EXPORT"
    # The administrator's copy of the same case is complete; both import into a fresh database.
    full = exporter(world).export(case_reference=populated.valid.reference)
    assert len(full["cases"][0]["journal"]) == 4 and "withheld" not in full["cases"][0]
    db_b, service_b = fresh
    summary = service_b.import_bytes(exchange.to_bytes(doc))
    assert summary.created["cases"] == 1 and summary.created["persons"] == 3
    again = service_b.export(case_reference=populated.valid.reference)
    assert without_time(again) == without_time(full) | {"cases": again["cases"]}
    assert len(again["cases"][0]["journal"]) == 3


def test_case_export_hides_protected_details_only_from_those_who_may_not_see_them(world: World,
                                                                                   populated: Populated) -> None:
    doc = exporter(world, "samordnare").export(case_reference=populated.revoked.reference)
    person = next(p for p in doc["persons"] if p["first_name"] == "Dan")
    assert person["protected_identity"] == "SKYDDAD_FOLKBOKFORING" and person["address"] == "Hemlig väg 1"
    whole = exporter(world).export()
    assert next(p for p in whole["persons"] if p["first_name"] == "Dan")["address"] == "Hemlig väg 1"


@pytest.mark.parametrize("username", ["annan", "skola", "styrgrupp", "granskare"])
def test_case_export_refused_without_access(world: World, populated: Populated, username: str) -> None:
    head = audit_head(world.db)
    with pytest.raises(AccessDenied):
        exporter(world, username).export(case_reference=populated.valid.reference)
    with world.db.session() as s:
        row = s.execute(text("SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1")).one()
    assert row.action == "ACCESS_DENIED" and audit_head(world.db) != head


def test_case_export_of_restricted_case_needs_the_unit(world: World, populated: Populated) -> None:
    with pytest.raises(AccessDenied):
        exporter(world, "samordnare").export(case_reference=populated.trefas.reference)
    doc = exporter(world, "trefas").export(case_reference=populated.trefas.reference)
    assert [r["level"] for r in doc["cases"][0]["risk_levels"]] == ["ROD", "GUL"]


@pytest.mark.parametrize("username", ["samordnare", "polis", "granskare"])
def test_database_export_and_import_need_the_bulk_right(world: World, populated: Populated, fresh,
                                                        username: str) -> None:
    with pytest.raises(AccessDenied):
        exporter(world, username).export()
    data = exporter(world).export_bytes()
    db_b, _ = fresh
    with db_b.session() as s:
        actor = actor_for(s.scalar(select(User).where(User.username == username)))
    rows = snapshot(db_b)
    with pytest.raises(AccessDenied):
        ExchangeService(db_b, actor, today=world.today).import_bytes(data)
    with db_b.session() as s:
        last = s.execute(text("SELECT action, flags FROM audit_event ORDER BY seq DESC LIMIT 1")).one()
    assert last.action == "ACCESS_DENIED" and last.flags == "DENIED"
    assert rows != snapshot(db_b)  # only the refusal was written ...
    with db_b.session() as s:
        assert s.execute(text("SELECT count(*) FROM case_file")).scalar() == 0  # ... no data


def test_unknown_case_reference(world: World, populated: Populated) -> None:
    from trygg_desktop.domain.errors import NotFound
    with pytest.raises(NotFound):
        exporter(world).export(case_reference="SSPF-1999-0001")
    with pytest.raises(AccessDenied):  # no export right at all: refused before the lookup
        exporter(world, "skola").export(case_reference="SSPF-1999-0001")


# --------------------------------------------------------------------------------------------------
# Refused imports: every kind names its JSON path and changes nothing
# --------------------------------------------------------------------------------------------------

@pytest.fixture
def source(world: World, populated: Populated) -> dict[str, Any]:
    return exporter(world).export()


def _bytes(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _case(doc: dict[str, Any], reference: str) -> tuple[int, dict[str, Any]]:
    return next((i, c) for i, c in enumerate(doc["cases"]) if c["reference"] == reference)


def test_refused_wrong_type(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["consents"][0]["valid_to"] = 20271231
    err = assert_refused(service, db, _bytes(doc), "import.schema", f"$.cases[{i}].consents[0].valid_to")
    assert "integer" in err.params["problem"]


def test_refused_unknown_enum(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["referral"]["concerns"].append("HEMLIGT")
    j = len(case["referral"]["concerns"]) - 1
    err = assert_refused(service, db, _bytes(doc), "import.schema", f"$.cases[{i}].referral.concerns[{j}]")
    assert "referral_concern" in err.params["problem"]


def test_refused_status_of_another_kind(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.trefas.reference)
    case["status"] = "KARTLAGGNING"  # an SSPF status
    assert_refused(service, db, _bytes(doc), "import.schema", f"$.cases[{i}].status")


def test_refused_invalid_personnummer(source, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    k, person = next((k, p) for k, p in enumerate(doc["persons"]) if p["personnummer"])
    digits = person["personnummer"]
    person["personnummer"] = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    err = assert_refused(service, db, _bytes(doc), "import.personnummer", f"$.persons[{k}].personnummer")
    assert digits[:8] not in str(err) and err.params["reason"] == "personnummer.checksum"


def test_refused_unknown_person_reference(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["person"] = "P999"
    assert_refused(service, db, _bytes(doc), "import.reference", f"$.cases[{i}].person")
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["journal"][1]["corrects"] = "J99"
    assert_refused(service, db, _bytes(doc), "import.reference", f"$.cases[{i}].journal[1].corrects")
    doc = copy.deepcopy(source)
    doc["meetings"][0]["unit"] = "Okänd enhet"
    assert_refused(service, db, _bytes(doc), "import.reference", "$.meetings[0].unit")


def test_person_may_be_referenced_by_personnummer(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    pnr = next(p["personnummer"] for p in doc["persons"] if p["id"] == case["person"])
    case["person"] = pnr
    service.import_bytes(_bytes(doc))
    out = service.export(case_reference=populated.valid.reference)
    assert next(p for p in out["persons"] if p["id"] == out["cases"][0]["person"])["personnummer"] == pnr


def test_refused_duplicate_reference(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    doc["cases"].append(copy.deepcopy(case))
    assert_refused(service, db, _bytes(doc), "import.duplicate", f"$.cases[{len(doc['cases']) - 1}].reference")
    # ... and against the target: import one case, then the whole file.
    one = dict(source, cases=[source["cases"][i]])
    service.import_bytes(_bytes(one))
    assert_refused(service, db, _bytes(source), "import.duplicate", f"$.cases[{i}].reference")


def test_refused_person_with_same_personnummer_but_another_name(source, fresh) -> None:
    db, service = fresh
    service.import_bytes(_bytes(dict(source, cases=[], guardianships=[], meetings=[], disclosures=[])))
    doc = copy.deepcopy(source)
    k = next(k for k, p in enumerate(doc["persons"]) if p["personnummer"])
    doc["persons"][k]["first_name"] = "Någon Annan"
    assert_refused(service, db, _bytes(doc), "import.duplicate", f"$.persons[{k}].personnummer")


def test_existing_person_with_same_name_is_reused(source, fresh) -> None:
    db, service = fresh
    first = service.import_bytes(_bytes(dict(source, cases=[], meetings=[], disclosures=[])))
    second = service.import_bytes(_bytes(dict(source, meetings=[], disclosures=[])))
    assert first.created["persons"] == len(source["persons"])
    assert second.reused["persons"] == len(source["persons"]) and "persons" not in second.created
    assert second.reused["guardianships"] == len(source["guardianships"])


def test_refused_too_deep_nesting(source, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    deep: Any = "x"
    for _ in range(exchange.MAX_DEPTH + 5):
        deep = [deep]
    doc["cases"][0]["referral"]["description"] = deep
    err = assert_refused(service, db, _bytes(doc), "import.depth")
    assert err.params["path"].startswith("$.cases[0].referral.description")
    # A flat file of a million brackets is refused quickly, with the path of the first one too deep.
    assert_refused(service, db, b"[" * 1_000_000, "import.depth", "$" + "[0]" * exchange.MAX_DEPTH)
    assert_refused(service, db, b'{"a":' * 100_000, "import.depth", "$" + ".a" * exchange.MAX_DEPTH)


def test_nesting_at_the_limit_is_not_a_depth_error() -> None:
    ok = "[" * exchange.MAX_DEPTH + "]" * exchange.MAX_DEPTH
    with pytest.raises(ImportFormatError) as info:
        parse_document(ok.encode())
    assert info.value.code == "import.format"  # parsed fine, just not an object
    brackets_in_strings = json.dumps({"format": "trygg-exchange", "version": 1, "x": "[" * 1000})
    with pytest.raises(ImportFormatError) as info:
        parse_document(brackets_in_strings.encode())
    assert info.value.code == "import.schema"


def test_refused_over_long_string(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["journal"][0]["text"] = "x" * (exchange.MAX_STRING + 1)
    err = assert_refused(service, db, _bytes(doc), "import.schema", f"$.cases[{i}].journal[0].text")
    assert "longer than 100000" in err.params["problem"] and "xxxx" not in str(err)
    doc = copy.deepcopy(source)
    doc["units"][0]["name"] = "E" * 201
    assert_refused(service, db, _bytes(doc), "import.schema", "$.units[0].name")


def test_refused_invalid_utf8(source, fresh) -> None:
    db, service = fresh
    data = _bytes(source)
    at = data.index(b'"persons"') + 40
    broken = data[:at] + b"\xff\xfe" + data[at:]
    err = assert_refused(service, db, broken, "import.encoding")
    assert err.params["position"] == at and err.params["path"].startswith("$.persons")
    assert_refused(service, db, json.dumps({"format": "\\ud800"}).replace("\\\\", "\\").encode(), "import.encoding",
                   "$.format")


def test_refused_too_large(source, fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    db, service = fresh
    data = _bytes(source)
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", len(data) - 1)
    err = assert_refused(service, db, data, "import.too_large", "$")
    assert err.params["size"] == len(data)
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", len(data))
    service.import_bytes(data)  # exactly at the limit is fine


@pytest.mark.parametrize("data, code, path", [
    (b"", "import.format", "$"),
    (b"[]", "import.format", "$"),
    (b'{"format": "trygg-exchange", "version": 1, "units": [}', "import.format", "$.units[0]"),
    (b'{"format": "other", "version": 1}', "import.format", "$.format"),
    (b'{"format": "trygg-exchange", "version": 2}', "import.format", "$.version"),
    (b'{"format": "trygg-exchange", "version": true}', "import.format", "$.version"),
    (b'{"format": "trygg-exchange", "version": 1, "version": 1}', "import.format", "$.version"),
    (b'{"format": "trygg-exchange", "version": 1, "x": NaN}', "import.format", None),
    (b'{"format": "trygg-exchange", "version": 1, "x": ' + b"9" * 5000 + b"}", "import.format", "$"),
    (b'{"format": "trygg-exchange", "version": 1}', "import.schema", "$.exported_at"),
    (b"\xef\xbb\xbf[1]", "import.encoding", "$"),  # a byte-order mark: not the file as exported
])
def test_refused_malformed(fresh, data: bytes, code: str, path: str | None) -> None:
    db, service = fresh
    assert_refused(service, db, data, code, path)


def test_refused_unknown_field_and_missing_field(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["consents"][0]["signatories"][0]["secret"] = 1
    assert_refused(service, db, _bytes(doc), "import.schema", f"$.cases[{i}].consents[0].signatories[0].secret")
    doc = copy.deepcopy(source)
    del doc["cases"][0]["referral"]["date"]
    assert_refused(service, db, _bytes(doc), "import.schema", "$.cases[0].referral.date")
    doc = copy.deepcopy(source)
    doc["cases"][0]["referral"]["date"] = "2026-02-30"
    err = assert_refused(service, db, _bytes(doc), "import.schema", "$.cases[0].referral.date")
    assert "date" in err.params["problem"]


def test_refused_tampered_protocol(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["meetings"][0]["agenda"][3]["decision"] = "Något annat beslut"
    assert_refused(service, db, _bytes(doc), "import.integrity", f"$.cases[{i}].meetings[0].content_hash")


def test_refused_protocol_whose_frozen_content_or_hash_was_changed(source, populated: Populated, fresh) -> None:
    """The consent and plan an approved protocol states are covered by its hash, and an
    approved protocol without a hash is refused rather than taken on trust (issue 12, item 11)."""
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    meeting = case["meetings"][0]
    assert meeting["protocol_status"] == "JUSTERAT" and '"consent"' in meeting["frozen_content"]
    meeting["frozen_content"] = meeting["frozen_content"].replace('"VALID"', '"PARTIAL"')
    assert_refused(service, db, _bytes(doc), "import.integrity", f"$.cases[{i}].meetings[0].content_hash")
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["meetings"][0]["content_hash"] = None
    err = assert_refused(service, db, _bytes(doc), "import.integrity", f"$.cases[{i}].meetings[0].content_hash")
    assert "needs its content hash" in err.params["problem"]


def test_refused_records_of_another_case_kind(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    _, trefas = _case(doc, populated.trefas.reference)
    case["risk_levels"] = trefas["risk_levels"]
    assert_refused(service, db, _bytes(doc), "import.schema", f"$.cases[{i}].risk_levels")


def test_refused_late_database_conflict_rolls_everything_back(source, populated: Populated, fresh) -> None:
    """A conflict found after most rows were written (linked case missing) still leaves nothing behind."""
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.linked_reference)
    case["linked_case"] = "TREFAS-1999-0001"
    assert_refused(service, db, _bytes(doc), "import.reference", f"$.cases[{i}].linked_case")


def test_unknown_users_are_dropped_and_names_kept(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    for plan in case["plans"]:
        for action in plan["actions"]:
            if action["responsible_user"] == "skola":
                action["responsible_user"] = "flyttad.larare"
    case["journal"][0]["author"] = "slutat"
    summary = service.import_bytes(_bytes(doc))
    assert summary.unknown_users == ("flyttad.larare", "slutat")
    out = service.export(case_reference=populated.valid.reference)["cases"][0]
    action = out["plans"][0]["actions"][0]
    assert action["responsible_user"] is None and action["responsible_person"] == "flyttad.larare"
    assert out["journal"][0]["author"] is None and out["journal"][0]["author_name"] == "Samordnare"


def test_parse_document_never_touches_personnummer_in_messages() -> None:
    pnr = personnummer.make(date(2011, 5, 3), 981).digits
    bad = pnr[:-1] + str((int(pnr[-1]) + 3) % 10)
    doc = {"format": "trygg-exchange", "version": 1, "exported_at": "2026-11-22T10:00:00Z", "scope": "database",
           "units": [], "persons": [{"id": "P1", "personnummer": bad, "first_name": "A", "last_name": "B"}],
           "cases": []}
    with pytest.raises(ImportFormatError) as info:
        parse_document(_bytes(doc))
    assert bad not in str(info.value) and bad not in repr(info.value.params)


@pytest.mark.parametrize("where, value, path_tail", [
    ("first_name", "Al\x00va", "persons[0].first_name"),         # NUL in a name
    ("first_name", "Al\u200bva\ufeff", "persons[0].first_name"),  # a stray BOM inside a word
    ("first_name", "Alva\nBerg", "persons[0].first_name"),        # a line break in a name
    ("journal", "Samtal\x00 med Alva", "journal[0].text"),         # NUL in journal text
    ("journal", "Samtal \x1b[31m", "journal[0].text"),             # an escape sequence
    ("journal", "Samtal \u202eavla\u202c", "journal[0].text"),     # a bidi override
    ("journal", "Samtal \x85 slut", "journal[0].text"),            # a C1 control
])
def test_refused_control_characters_in_text(source, populated: Populated, fresh, where: str, value: str,
                                            path_tail: str) -> None:
    """Issue 12 (11): NUL and other controls reached names and journal text. Each is refused
    with its JSON path and character, and nothing is written."""
    db, service = fresh
    doc = copy.deepcopy(source)
    if where == "first_name":
        doc["persons"][0]["first_name"] = value
        path = f"$.{path_tail}"
    else:
        i, case = _case(doc, populated.valid.reference)
        case["journal"][0]["text"] = value
        path = f"$.cases[{i}].{path_tail}"
    err = assert_refused(service, db, _bytes(doc), "import.text", path)
    assert err.params["character"].startswith("U+")


def test_line_breaks_and_tabs_stay_welcome_in_free_text(source, populated: Populated, fresh) -> None:
    db, service = fresh
    doc = copy.deepcopy(source)
    i, case = _case(doc, populated.valid.reference)
    case["journal"][0]["text"] = "Första stycket.\r\n\r\nAndra stycket\tmed tabb."
    service.import_bytes(_bytes(doc))
    texts = [e["text"] for c in service.export()["cases"] for e in c["journal"]]
    assert "Första stycket.\r\n\r\nAndra stycket\tmed tabb." in texts

