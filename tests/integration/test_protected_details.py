"""Protected identity (DOMAIN.md 6.7, issue 12 item 7): address, school and contact
details of a person with skyddade personuppgifter never leave the service layer in
an ordinary read, for any reader. Only the owner of the case in the case-owning agency
(its responsible worker, or the kind's coordinator in the case's unit) may ask for them
with ``persons.reveal_protected``, which writes exactly one audit event; everyone else is
refused and the refusal is audited. A guardian's contact details count as the protected
child's (a guardian's address is where the child lives)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from trygg_desktop.domain.errors import AccessDenied, ValidationError
from trygg_desktop.services.audit import AuditLog, verify_chain
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.extract import ExtractService
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.store.models import AuditEvent

from ..conftest import World, test_pnr
from ..scenarios import Built, person, sspf_case

SECRETS = dict(address="Hemlig väg 1", postal_code="191 99", city="Hemliga staden", school="Hemliga skolan",
               school_class="8C", phone="070-999 11 22", email="hemlig@example.se")
GUARDIAN_SECRETS = dict(address="Hemlig väg 1", postal_code="191 99", city="Hemliga staden", phone="070-555 66 77",
                        email="mamma@example.se")
DETAIL_FIELDS = ("school", "school_class", "phone", "email", "address", "postal_code", "city")
READERS = ("samordnare", "socialsekreterare", "skola", "polis")


def _last_seq(world: World) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.max(AuditEvent.seq))) or 0


def _events_after(world: World, seq: int) -> list[AuditEvent]:
    with world.db.session() as s:
        rows = list(s.scalars(select(AuditEvent).where(AuditEvent.seq > seq).order_by(AuditEvent.seq)))
        s.expunge_all()
        return rows


def _flags(ev: AuditEvent) -> set[str]:
    return set((ev.flags or "").split(",")) - {""}


def _protected_case(world: World, protected: str = "SKYDDAD_FOLKBOKFORING") -> tuple[Built, int]:
    built = sspf_case(world, first="Maja", last="Ek", protected=protected, **SECRETS)
    s = world.as_("samordnare")
    mother = s.persons.register(PersonInput("Lena", "Ek", pnr=test_pnr(1980, 3, 4, 990), **GUARDIAN_SECRETS))
    s.persons.add_guardian(built.person_id, mother.id, has_custody=True, relation="Mamma")
    return built, mother.id


def _assert_hidden(p: Any) -> None:
    assert p.details_hidden, p.name
    assert all(getattr(p, f) is None for f in DETAIL_FIELDS), [(f, getattr(p, f)) for f in DETAIL_FIELDS]


def _no_secret_in(value: Any) -> None:
    text = json.dumps(repr(value), ensure_ascii=False)
    for secret in (*SECRETS.values(), *GUARDIAN_SECRETS.values()):
        assert secret not in text, secret


@pytest.mark.parametrize("protected", ["SEKRETESSMARKERING", "SKYDDAD_FOLKBOKFORING", "FINGERADE"])
def test_every_reader_gets_the_protected_details_as_none(world: World, protected: str) -> None:
    built, mother_id = _protected_case(world, protected)
    for reader in READERS:
        detail = world.as_(reader).case_view.open(built.case_id)
        _assert_hidden(detail.person)
        assert detail.person.protected_identity == protected
        assert [g.person.id for g in detail.guardians] == [mother_id]
        _assert_hidden(detail.guardians[0].person)   # the guardian's address is the child's
        _no_secret_in(detail)
        assert detail.may_reveal_protected is (reader == "samordnare"), reader
    # The person register's own read hides them too, also from the owner.
    for reader in ("samordnare", "socialsekreterare"):
        _assert_hidden(world.as_(reader).persons.get(built.person_id))
        _assert_hidden(world.as_(reader).persons.get(mother_id))


def test_the_case_owner_reveals_with_exactly_one_audit_event(world: World) -> None:
    built, mother_id = _protected_case(world)
    owner = world.as_("samordnare")
    actor = world.actors["samordnare"]
    before = _last_seq(world)
    shown = owner.persons.reveal_protected(built.person_id, case_id=built.case_id)
    assert not shown.details_hidden and shown.id == built.person_id
    assert {f: getattr(shown, f) for f in DETAIL_FIELDS} == SECRETS
    [event] = _events_after(world, before)
    assert event.action == "PROTECTED_DETAILS_SHOWN"
    assert (event.user_id, event.username, event.agency) == (actor.user_id, "samordnare", "SOC")
    assert (event.case_id, event.person_id, event.entity, event.entity_id) == (
        built.case_id, built.person_id, "person", str(built.person_id))
    assert event.purpose == "case_view"
    _no_secret_in(event.detail)
    # The guardian of the protected child: one more event, and the details.
    before = _last_seq(world)
    guardian = owner.persons.reveal_protected(mother_id, case_id=built.case_id)
    assert not guardian.details_hidden and guardian.address == "Hemlig väg 1" and guardian.phone == "070-555 66 77"
    assert [(e.action, e.case_id, e.person_id) for e in _events_after(world, before)] == [
        ("PROTECTED_DETAILS_SHOWN", built.case_id, mother_id)]
    # Revealing is for this one answer only: the next read hides them again.
    _assert_hidden(owner.case_view.open(built.case_id).person)
    with world.db.session() as s:
        report = verify_chain(s, world.db.audit.key)
        assert report.ok, report.problems


def test_the_responsible_worker_may_reveal_too(world: World) -> None:
    """A handläggare who is the case's responsible worker owns it; merely assigned, they do not."""
    s = world.as_("samordnare")
    users = {u.username: u.id for u in s.users.directory()}
    pid = person(world, "Maja", "Ek", date(2011, 5, 3), "SKYDDAD_FOLKBOKFORING", **SECRETS)
    case = s.cases.create(Referral(kind="SSPF", person_id=pid, unit_id=world.units["SSPF Tureberg"],
                                   referral_date=world.today - timedelta(days=3),
                                   responsible_user_id=users["socialsekreterare"]))
    worker = world.as_("socialsekreterare")
    assert worker.case_view.open(case.id).may_reveal_protected
    assert worker.persons.reveal_protected(pid, case_id=case.id).address == "Hemlig väg 1"


@pytest.mark.parametrize("reader", ["socialsekreterare", "skola", "polis"])
def test_others_connected_to_the_case_are_refused_and_the_refusal_is_audited(world: World, reader: str) -> None:
    built, mother_id = _protected_case(world)
    for person_id in (built.person_id, mother_id):
        before = _last_seq(world)
        with pytest.raises(AccessDenied) as err:
            world.as_(reader).persons.reveal_protected(person_id, case_id=built.case_id)
        assert err.value.code == "access.protected_details"
        _no_secret_in(err.value.params)
        [event] = _events_after(world, before)
        assert event.action == "ACCESS_DENIED" and "DENIED" in _flags(event)
        assert event.username == reader and event.case_id == built.case_id and event.person_id == person_id
        assert json.loads(event.detail)["reason"] == "access.protected_details"


def test_unconnected_emergency_and_unrelated_reveals_are_refused(world: World) -> None:
    built, _mother = _protected_case(world)
    # Not connected to the case at all: the ordinary refusal, audited.
    before = _last_seq(world)
    with pytest.raises(AccessDenied) as err:
        world.as_("annan").persons.reveal_protected(built.person_id, case_id=built.case_id)
    assert err.value.code == "access.not_in_case"
    assert [e.action for e in _events_after(world, before)] == ["ACCESS_DENIED"]
    # Emergency access (nödåtkomst) reads the case, but never the protected details.
    annan = world.as_("annan")
    annan.emergency.grant(built.case_id, "ACUTE_RISK", "Polisen ringer om akut hot i kväll")
    detail = annan.case_view.open(built.case_id)
    assert detail.access_level == "EMERGENCY" and not detail.may_reveal_protected
    _assert_hidden(detail.person)
    before = _last_seq(world)
    with pytest.raises(AccessDenied) as err:
        annan.persons.reveal_protected(built.person_id, case_id=built.case_id)
    assert err.value.code == "access.protected_details"
    [event] = _events_after(world, before)
    assert event.action == "ACCESS_DENIED" and {"DENIED", "EMERGENCY"} <= _flags(event)
    # A person who is neither the case's person nor a guardian in it is not revealed through it.
    other = sspf_case(world, first="Sam", last="Ny", protected="SKYDDAD_FOLKBOKFORING", address="Annan väg 2")
    before = _last_seq(world)
    with pytest.raises(AccessDenied) as err:
        world.as_("samordnare").persons.reveal_protected(other.person_id, case_id=built.case_id)
    assert err.value.code == "access.protected_details"
    assert [e.action for e in _events_after(world, before)] == ["ACCESS_DENIED"]


def test_a_person_without_protected_identity_is_unaffected(world: World) -> None:
    built = sspf_case(world, **SECRETS)
    s = world.as_("samordnare")
    mother = s.persons.register(PersonInput("Lena", "Berg", pnr=test_pnr(1980, 3, 4, 990), **GUARDIAN_SECRETS))
    s.persons.add_guardian(built.person_id, mother.id, has_custody=True, relation="Mamma")
    for reader in READERS:
        detail = world.as_(reader).case_view.open(built.case_id)
        assert not detail.person.details_hidden, reader
        assert {f: getattr(detail.person, f) for f in DETAIL_FIELDS} == SECRETS
        assert not detail.guardians[0].person.details_hidden and detail.guardians[0].person.phone == "070-555 66 77"
    assert s.persons.get(built.person_id).address == "Hemlig väg 1"
    before = _last_seq(world)
    with pytest.raises(ValidationError) as err:
        s.persons.reveal_protected(built.person_id, case_id=built.case_id)
    assert err.value.code == "person.not_protected"
    assert _events_after(world, before) == []


def test_a_failed_audit_write_reveals_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    built, _mother = _protected_case(world)
    owner = world.as_("samordnare")

    def broken_append(self, session, actor, events, **kw):
        raise RuntimeError("audit insert failed")

    returned: list[Any] = []
    before = _last_seq(world)
    with monkeypatch.context() as m:
        m.setattr(AuditLog, "append_all", broken_append)
        with pytest.raises(RuntimeError, match="audit insert failed"):
            returned.append(owner.persons.reveal_protected(built.person_id, case_id=built.case_id))
    assert returned == [] and _last_seq(world) == before


def test_the_persons_own_access_log_names_the_showing(world: World) -> None:
    """The register extract's access log (the person's own view of who read what) says in
    words that protected details were shown, and the event carries the case for log review."""
    built, _mother = _protected_case(world)
    owner = world.as_("samordnare")
    owner.persons.reveal_protected(built.person_id, case_id=built.case_id)
    pnr = owner.persons.get(built.person_id).pnr
    extract = ExtractService(world.db, world.actors["samordnare"], today=world.today).collect(pnr)
    log = next(sec for sec in extract.sections if sec.title.startswith("Åtkomstlogg"))
    assert "Visade skyddade personuppgifter" in [row[3] for row in log.rows]
    assert [e.case_id for e in _events_after(world, 0) if e.action == "PROTECTED_DETAILS_SHOWN"] == [built.case_id]


@pytest.mark.parametrize("field, value", [("first_name", "Al\x00va"), ("last_name", "Berg\ufeff"),
                                          ("address", "Storgatan 1\nLgh 1101"), ("phone", "070\u202e123")])
def test_person_fields_refuse_control_characters(world: World, field: str, value: str) -> None:
    """Manual entry refuses what the import refuses (issue 12, item 11), and stores nothing."""
    data = {"first_name": "Alva", "last_name": "Berg", "pnr": test_pnr(2011, 5, 3, 981), field: value}
    with pytest.raises(ValidationError) as info:
        world.as_("samordnare").persons.register(PersonInput(**data))
    assert info.value.code == "person.text_character" and info.value.params["field"] == field
    assert world.as_("samordnare").persons.search("Berg") == []
