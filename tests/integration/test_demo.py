"""Demo data generator: volumes, domain consistency, determinism, access and the audit trail.

Every test runs on a real SQLCipher file (the ``world`` fixture or a fresh
``init_database``); nothing is mocked.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from trygg_desktop.domain import personnummer, vocab
from trygg_desktop.domain.errors import AccessDenied, ValidationError, WrongPassword
from trygg_desktop.domain.lifecycle import CASE_MACHINES
from trygg_desktop.services import demo as demo_module
from trygg_desktop.services.audit import verify_chain
from trygg_desktop.services.base import consent_status_now, current_consent
from trygg_desktop.services.cases import CaseService, Referral
from trygg_desktop.services.database import init_database, unlock
from trygg_desktop.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS, DemoService
from trygg_desktop.services.meetings import PNR_PATTERN
from trygg_desktop.services import protocol_facts
from trygg_desktop.services.protocol_facts import protocol_hash
from trygg_desktop.services.persons import PersonInput, PersonService
from trygg_desktop.services.plans import open_actions
from trygg_desktop.store.models import (Action, AgendaItem, Assessment, AssessmentItem, AuditEvent, Case,
                                        CaseAssignment, CaseReferenceCounter, CaseStatusChange, ConditionBreach,
                                        Conditions, Consent, ConsentSignatory, Disclosure, Goal, Guardianship,
                                        InstrumentReference, JournalEntry, Meeting, Meta, Person, Plan,
                                        RiskLevelEntry, ThreatAssessment, Unit)
from trygg_desktop.vault.throttle import Throttle

from ..conftest import ADMIN_PASSWORD, TODAY, World, copy_database

SEED = 7
CASES = 60


@pytest.fixture
def generated(world: World):
    """The world with 60 demo cases (seed 7), and the run's summary and progress calls."""
    calls: list[tuple[int, int]] = []
    summary = DemoService(world.db, world.actors["admin"], today=world.today).generate(
        cases=CASES, seed=SEED, progress=lambda done, total: calls.append((done, total)))
    return world, summary, calls


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _fingerprint(db) -> list[tuple[str, str, str]]:
    with db.session() as s:
        rows = s.execute(select(Case.reference, Case.status, Person.first_name, Person.last_name)
                         .join(Person, Person.id == Case.person_id).order_by(Case.reference))
        return [(ref, status, f"{first} {last}") for ref, status, first, last in rows]


def _full_rows(db) -> dict[str, list[tuple]]:
    """Every column of the main tables, timestamps included: the wall clock must not leak in."""
    with db.session() as s:
        return {t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY id"))]
                for t in ("person", "case_file", "case_status_change", "consent", "consent_signatory", "meeting",
                          "meeting_attendee", "agenda_item", "plan_action", "journal_entry", "disclosure")}


# --- volumes and coverage ------------------------------------------------------------------

def test_generate_fills_every_kind_of_record(generated):
    world, summary, calls = generated
    assert summary.cases == CASES
    assert summary.persons >= CASES and summary.consents > 0 and summary.meetings > 0
    assert summary.journal_entries > 0
    assert summary.accounts == ()  # the template already has every demo account name: left alone
    assert calls == [(CASES, CASES)]
    with world.db.session() as s:
        assert _count(s, Case) == CASES
        assert _count(s, Person) == summary.persons
        assert _count(s, Consent) == summary.consents
        assert _count(s, Meeting) == summary.meetings
        assert _count(s, JournalEntry) == summary.journal_entries
        for model in (Guardianship, CaseStatusChange, CaseAssignment, ConsentSignatory, Assessment, AssessmentItem,
                      InstrumentReference, RiskLevelEntry, ThreatAssessment, Conditions, ConditionBreach, Plan,
                      Goal, Action, AgendaItem, Disclosure):
            assert _count(s, model) > 0, model.__name__
        assert set(s.scalars(select(Case.kind).distinct())) == set(vocab.CASE_KINDS.codes)
        assert set(s.scalars(select(Consent.status).distinct())) == set(vocab.CONSENT_STATUSES.codes)
        assert s.scalar(select(func.count()).where(Meeting.protocol_status == "JUSTERAT")) > 0
        assert set(s.scalars(select(Meeting.protocol_status).distinct())) == set(vocab.PROTOCOL_STATUSES.codes)
        agencies = set(s.scalars(select(JournalEntry.owning_agency).distinct()))
        assert len(agencies) >= 4 and agencies <= {"SOC", "SKOLA", "POLIS", "FRITID", "KRIMINALVARD"}
        assert set(s.scalars(select(JournalEntry.visibility).distinct())) == {"INTERNAL", "SHARED"}
        assert s.scalar(select(func.count()).where(JournalEntry.corrects_id.is_not(None))) >= 0
        protected = set(s.scalars(select(Person.protected_identity).distinct()))
        assert {"SEKRETESSMARKERING", "SKYDDAD_FOLKBOKFORING"} <= protected
        # Kind-specific records sit on cases of their own kind.
        for model, kind in ((RiskLevelEntry, "TREFAS"), (ThreatAssessment, "AVHOPPARE"), (Conditions, "AVHOPPARE")):
            kinds = set(s.scalars(select(Case.kind).join(model, model.case_id == Case.id).distinct()))
            assert kinds == {kind}, model.__name__
        assert set(s.scalars(select(RiskLevelEntry.assessing_agency).distinct())) == {"POLIS"}
        assert set(s.scalars(select(Action.measure_type).where(Action.measure_type.is_not(None)).distinct())) <= set(
            vocab.TREFAS_MEASURE_TYPES.codes)
        assert s.scalar(select(func.count()).where(Action.support_area.is_not(None))) > 0
        assert s.scalar(select(func.count()).where(Action.responsible_user_id.is_not(None))) > 0
        assert set(s.scalars(select(Disclosure.legal_basis).distinct())) <= set(vocab.LEGAL_BASES.codes)
        # Demo units exist, and cases are spread over them.
        units = {u.name: u for u in s.scalars(select(Unit))}
        assert set(DEMO_UNITS) <= set(units)
        assert all(units[n].agency_code == "SOC" and units[n].case_kind == DEMO_UNITS[n][0] for n in DEMO_UNITS)
        assert s.scalar(select(func.count(Case.unit_id.distinct()))) >= 4
        assert s.get(Meta, demo_module.META_DEMO_DATA) is not None


def test_every_personnummer_is_in_the_test_range_and_unique(generated):
    world, _, _ = generated
    with world.db.session() as s:
        pnrs = [p for p in s.scalars(select(Person.pnr)) if p]
    assert pnrs and len(pnrs) == len(set(pnrs))
    assert all(personnummer.is_test_serial(personnummer.Personnummer(p)) for p in pnrs)


def test_ages_fit_the_kinds(generated):
    """SSPF's young people are 12–20, on the referral day and on the demo's reference date
    (issue 16: the generator made 21-year-olds and, with referrals up to two years back,
    22-year-olds); TREFAS and avhoppare 15–30 at referral."""
    world, _, _ = generated
    with world.db.session() as s:
        rows = s.execute(select(Case.kind, Case.referral_date, Person.birth_date)
                         .join(Person, Person.id == Case.person_id)).all()
        guardian_births = list(s.scalars(select(Person.birth_date).join(
            Guardianship, Guardianship.guardian_id == Person.id)))
    from trygg_desktop.domain.consent import age_on
    sspf_today = set()
    for kind, referral, birth in rows:
        if kind == "SSPF":
            assert 12 <= age_on(birth, referral) <= age_on(birth, TODAY) <= 20, (referral, birth)
            sspf_today.add(age_on(birth, TODAY))
        else:
            assert 15 <= age_on(birth, referral) <= 30, kind
    assert min(sspf_today) <= 14 and max(sspf_today) >= 18, sspf_today  # the whole range, not a corner
    assert guardian_births and all(30 <= age_on(b, TODAY) <= 60 for b in guardian_births)


def test_guardians_only_for_minors(generated):
    """A guardianship ends at 18: only young people who are minors on the demo's reference date
    have guardians, and every minor case subject has at least one."""
    world, _, _ = generated
    from trygg_desktop.domain.consent import age_on
    with world.db.session() as s:
        subjects = dict(s.execute(select(Person.id, Person.birth_date).join(Case, Case.person_id == Person.id)).all())
        wards = dict(s.execute(select(Person.id, Person.birth_date).join(
            Guardianship, Guardianship.child_id == Person.id)).all())
        guardian_signed = s.execute(
            select(Person.birth_date, Consent.valid_from).join(Consent, Consent.subject_person_id == Person.id)
            .join(ConsentSignatory, ConsentSignatory.consent_id == Consent.id)
            .where(ConsentSignatory.role.in_(("GUARDIAN_1", "GUARDIAN_2")))).all()
    assert wards and all(age_on(birth, TODAY) < vocab.ADULT_AGE for birth in wards.values()), wards
    minors = {pid for pid, birth in subjects.items() if age_on(birth, TODAY) < vocab.ADULT_AGE}
    assert minors and minors <= set(wards), minors - set(wards)
    # ... and an adult now whose consent was signed as a minor: signed by the guardians then.
    assert any(age_on(birth, TODAY) >= vocab.ADULT_AGE > age_on(birth, signed) for birth, signed in guardian_signed)


# --- consistency with the domain rules -----------------------------------------------------

def test_stored_consent_status_equals_derived(generated):
    world, _, _ = generated
    with world.db.session() as s:
        consents = list(s.scalars(select(Consent)))
        assert consents
        for consent in consents:
            assert consent.status == consent_status_now(s, consent, TODAY), consent.id
            assert consent.valid_to is not None and consent.scope_agencies and consent.scope_information
            assert {a["agency"] for a in consent.scope_agencies} <= set(vocab.AGENCIES.codes)
            assert set(consent.scope_information) <= set(vocab.INFORMATION_CATEGORIES.codes)
            assert {x.role for x in consent.signatories} <= set(vocab.SIGNATORY_ROLES.codes)


def test_case_status_matches_its_consent(generated):
    world, _, _ = generated
    expected = {"KARTLAGGNING": {"VALID"}, "MOTE_PLANERAT": {"VALID"}, "AKTIV_PLAN": {"VALID"},
                "VILANDE_SAMTYCKE_UTGATT": {"EXPIRED"}}
    by_closure = {"SAMTYCKE_ATERKALLAT": {"REVOKED"}, "SAMTYCKE_SAKNAS": {"DECLINED"},
                  "SAMTYCKE_UTGATT_EJ_FORNYAT": {"EXPIRED"}, "MAL_UPPNATT": {"VALID", "EXPIRED"}}
    with world.db.session() as s:
        checked = 0
        for case in s.scalars(select(Case).where(Case.kind == "SSPF")):
            status = consent_status_now(s, current_consent(s, case.id), TODAY)
            want = expected.get(case.status) or by_closure.get(case.closure_reason or "")
            if case.status in ("AKTUALISERAD", "FORHANDSBEDOMNING", "EJ_AKTUELL"):
                want = {"NONE"}
            if case.status == "SAMTYCKE_INHAMTAS":
                want = {"DRAFT", "PARTIAL", "DECLINED"}
            if want is not None:
                assert status in want, (case.reference, case.status, case.closure_reason, status)
                checked += 1
        assert checked > 20


def test_status_history_walks_the_state_machine(generated):
    world, _, _ = generated
    with world.db.session() as s:
        history: dict[int, list[CaseStatusChange]] = defaultdict(list)
        for change in s.scalars(select(CaseStatusChange).order_by(CaseStatusChange.id)):
            history[change.case_id].append(change)
        for case in s.scalars(select(Case)):
            machine = CASE_MACHINES[case.kind]
            steps = history[case.id]
            assert steps[0].from_status is None and steps[0].to_status == machine.initial
            for a, b in zip(steps, steps[1:]):
                assert b.from_status == a.to_status
                assert machine.transition(b.from_status, b.to_status) is not None, (case.kind, b.from_status,
                                                                                   b.to_status)
                assert a.changed_at <= b.changed_at
            assert steps[-1].to_status == case.status
            assert case.status in machine.statuses
            if machine.is_closed(case.status):
                assert case.closed_at is not None and case.closure_reason in vocab.CLOSURE_REASONS[case.kind]
            else:
                assert case.closed_at is None
            if case.status == "VILANDE_SAMTYCKE_UTGATT":
                assert case.previous_status in ("KARTLAGGNING", "MOTE_PLANERAT", "AKTIV_PLAN")
            assert case.referral_date <= TODAY and steps[-1].changed_at.date() <= TODAY
            assert set(case.concerns) <= set(vocab.REFERRAL_CONCERNS.codes) and case.concerns
            assert case.urgency in vocab.URGENCY and case.orosanmalan in vocab.OROSANMALAN
        # The coordinator is responsible and assigned on every case.
        unassigned = s.scalar(select(func.count()).select_from(Case).where(~select(CaseAssignment.id).where(
            CaseAssignment.case_id == Case.id, CaseAssignment.user_id == Case.responsible_user_id).exists()))
        assert unassigned == 0


def test_references_are_unique_and_the_counter_is_right(generated):
    world, _, _ = generated
    with world.db.session() as s:
        refs = list(s.scalars(select(Case.reference)))
        assert len(refs) == len(set(refs))
        highest: dict[tuple[str, int], int] = {}
        prefix_kind = {"SSPF": "SSPF", "TREFAS": "TREFAS", "AVH": "AVHOPPARE"}
        for ref in refs:
            prefix, year, number = ref.split("-")
            key = (prefix_kind[prefix], int(year))
            highest[key] = max(highest.get(key, 0), int(number))
        counters = {(c.kind, c.year): c.last_number for c in s.scalars(select(CaseReferenceCounter))}
        assert counters == highest
        # The reference year is the referral year, as CaseService.create does it.
        for case in s.scalars(select(Case)):
            assert case.reference.split("-")[1] == str(case.referral_date.year)


def test_real_cases_continue_the_reference_sequence(generated):
    world, _, _ = generated
    with world.db.session() as s:
        before = s.get(CaseReferenceCounter, ("SSPF", TODAY.year))
        last = before.last_number if before else 0
        refs = set(s.scalars(select(Case.reference)))
    actor = world.actors["samordnare"]
    person = PersonService(world.db, actor, today=TODAY).register(
        PersonInput("Testa", "Fortsättning", reserve_id="RES-DEMO-1"))
    created = CaseService(world.db, actor, today=TODAY).create(Referral(
        kind="SSPF", person_id=person.id, unit_id=world.units["SSPF Tureberg"], referral_date=TODAY,
        concerns=("HOG_FRANVARO",)))
    assert created.reference == f"SSPF-{TODAY.year}-{last + 1:04d}"
    assert created.reference not in refs


def test_justerade_protocols_are_hashed_and_group_meetings_anonymised(generated):
    world, _, _ = generated
    with world.db.session() as s:
        meetings = list(s.scalars(select(Meeting)))
        justerade = [m for m in meetings if m.protocol_status == "JUSTERAT"]
        assert justerade
        for m in justerade:
            assert m.frozen_content and m.content_hash == protocol_hash(m) and m.justerat_at is not None
            assert m.justerat_at.date() <= TODAY
        for m in meetings:
            assert [i.number for i in m.agenda] == list(range(1, len(m.agenda) + 1)) and m.agenda
            assert m.attendees
            assert {a.meeting_role for a in m.attendees} <= set(vocab.MEETING_ROLES.codes)
            if m.protocol_status != "JUSTERAT":
                assert m.content_hash is None
        groups = [m for m in meetings if m.case_id is None]
        assert {m.meeting_type for m in groups} >= {"ARBETSGRUPPSMOTE"}
        for m in groups:
            assert m.anonymised and m.unit_id is not None
            assert all(a.person_id is None for a in m.attendees)
            for item in m.agenda:
                for part in (item.heading, item.note, item.decision):
                    assert not (part and PNR_PATTERN.search(part))
        types = {m.meeting_type for m in meetings if m.case_id is not None}
        assert {"NATVERKSMOTE", "TREFASMOTE"} <= types
        upcoming = [m for m in meetings if TODAY < m.starts_at.date() <= date.fromordinal(TODAY.toordinal() + 7)]
        assert upcoming
        # SSPF meetings invite only agencies the consent covers (or the case-owning agency).
        for m in meetings:
            if m.case_id is None or s.get(Case, m.case_id).kind != "SSPF":
                continue
            consent = current_consent(s, m.case_id)
            covered = {a["agency"] for a in consent.scope_agencies} | {"SOC"}
            assert {a.agency_code for a in m.attendees if a.agency_code} <= covered


def test_overdue_actions_exist_for_dashboards(generated):
    world, _, _ = generated
    with world.db.session() as s:
        # Counted as the dashboard counts them: open actions of the current plan versions only.
        overdue = len(s.execute(open_actions().where(Action.due_date < TODAY)).all())
        assert overdue > 0
        assert set(s.scalars(select(Action.status).distinct())) <= set(vocab.ACTION_STATUSES.codes)
        types = set(s.scalars(select(Action.action_type).where(Action.action_type.is_not(None)).distinct()))
        assert types <= set(vocab.ACTION_TYPES.codes)


def test_replaced_plan_versions_are_history_like_the_service_makes_them(generated):
    """As ``PlanService.new_version`` does it: what was open when an SSPF plan was revised is
    copied into the new version (with the status it had then or a later one) and stays as it
    was in the old one; nothing in a replaced version is closed after the follow-up meeting."""
    world, _, _ = generated
    later = {"PLANERAD": {"PLANERAD", "PAGAR", "GENOMFORD", "EJ_GENOMFORD", "STRUKEN"},
             "PAGAR": {"PAGAR", "GENOMFORD", "EJ_GENOMFORD", "STRUKEN"}}
    revised = 0
    with world.db.session() as s:
        for case in s.scalars(select(Case).where(Case.kind == "SSPF")):
            plans = list(s.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.version)))
            for old, new in zip(plans, plans[1:]):
                revised += 1
                copies = {(a.action_type, a.responsible_user_id, a.responsible_person): a.status
                          for a in new.actions}
                for a in old.actions:
                    if a.status in later:
                        key = (a.action_type, a.responsible_user_id, a.responsible_person)
                        assert copies.get(key) in later[a.status], (case.reference, a.description)
                    else:
                        assert a.closed_in_meeting_id == new.created_in_meeting_id, (case.reference, a.description)
    assert revised > 0


# --- audit, access ---------------------------------------------------------------------

def test_audit_chain_verifies_and_batches_are_flagged_bulk(generated):
    world, _, _ = generated
    with world.db.session() as s:
        assert verify_chain(s, world.db.audit._key).ok
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "DEMO_GENERATE")))
    assert len(events) == 2  # the setup transaction and one batch of 60 cases
    for ev in events:
        assert ev.flags == "BULK" and ev.username == "admin"
        # Counts only: no names, no personnummer.
        assert not PNR_PATTERN.search(ev.detail or "")
        assert ev.person_id is None and ev.case_id is None


def test_non_admin_is_refused_and_nothing_is_written(world: World):
    with pytest.raises(AccessDenied):
        DemoService(world.db, world.actors["samordnare"], today=world.today).generate(cases=5, seed=1)
    with world.db.session() as s:
        assert _count(s, Case) == 0 and _count(s, Person) == 0
        denied = s.scalar(select(func.count()).where(AuditEvent.action == "ACCESS_DENIED",
                                                     AuditEvent.entity == "BULK"))
        assert denied == 1
        assert verify_chain(s, world.db.audit._key).ok


def test_invalid_arguments_are_refused(world: World):
    service = DemoService(world.db, world.actors["admin"], today=world.today)
    with pytest.raises(ValidationError):
        service.generate(cases=-1)
    with pytest.raises(ValidationError):
        service.generate(cases=demo_module.MAX_CASES + 1)
    with pytest.raises(ValidationError):
        service.generate(cases=1, password="short")


# --- determinism --------------------------------------------------------------------------

def _open_copy(template: Path, folder: Path, world: World):
    folder.mkdir()
    path = copy_database(template, folder)
    return unlock(path, "admin", ADMIN_PASSWORD, throttle=world.throttle())


def test_same_seed_same_data_other_seed_other_data(world: World, template_db: Path, tmp_path: Path):
    db_a, admin_a = _open_copy(template_db, tmp_path / "a", world)
    db_b, admin_b = _open_copy(template_db, tmp_path / "b", world)
    try:
        DemoService(db_a, admin_a, today=TODAY).generate(cases=40, seed=SEED)
        DemoService(db_b, admin_b, today=TODAY).generate(cases=40, seed=SEED)
        DemoService(world.db, world.actors["admin"], today=TODAY).generate(cases=40, seed=SEED + 1)
        first, second, other = _fingerprint(db_a), _fingerprint(db_b), _fingerprint(world.db)
        rows_a, rows_b = _full_rows(db_a), _full_rows(db_b)
    finally:
        db_a.close()
        db_b.close()
    assert len(first) == 40
    assert first == second
    assert first != other
    for table in rows_a:
        assert rows_a[table] == rows_b[table], table


# --- accounts ---------------------------------------------------------------------------

def _fresh(tmp_path: Path, name: str = "fresh.db"):
    return init_database(tmp_path / name, "admin", ADMIN_PASSWORD)


def test_accounts_are_created_and_can_unlock(tmp_path: Path, state_dir: Path):
    db, admin, _code = _fresh(tmp_path)
    try:
        summary = DemoService(db, admin, today=TODAY).generate(cases=12, seed=3, password="Demo-lösen-2026")
    finally:
        db.close()
    assert summary.accounts == tuple(DEMO_ACCOUNTS)
    throttle = Throttle(state_dir / "throttle.json")
    for username in ("samordnare", "trefas", "polis"):
        opened, actor = unlock(tmp_path / "fresh.db", username, "Demo-lösen-2026", throttle=throttle)
        try:
            agency, roles, units, display, title = DEMO_ACCOUNTS[username]
            assert actor.agency == agency and actor.roles == frozenset(roles)
            assert actor.display_name == display
            with opened.session() as s:
                names = set(s.scalars(select(Unit.name).where(Unit.id.in_(list(actor.unit_ids)))))
            assert names == set(units)
        finally:
            opened.close()
    # A second run leaves the accounts alone.
    db, admin = unlock(tmp_path / "fresh.db", "admin", ADMIN_PASSWORD, throttle=throttle)
    try:
        again = DemoService(db, admin, today=TODAY).generate(cases=3, seed=4, password="Annat-lösen-2026")
        assert again.accounts == ()
        with db.session() as s:
            owners = set(s.scalars(select(Case.responsible_user_id)))
            assert None not in owners
    finally:
        db.close()


@pytest.mark.parametrize("explicit, env, expected", [
    ("Explicit-lösen-1", "Miljö-lösen-2026", "Explicit-lösen-1"),
    (None, "Miljö-lösen-2026", "Miljö-lösen-2026"),
    (None, None, DEMO_PASSWORD),
])
def test_password_precedence(tmp_path: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch,
                             explicit, env, expected):
    monkeypatch.setattr(demo_module, "DEMO_ACCOUNTS", {"granskare": DEMO_ACCOUNTS["granskare"]})
    if env is None:
        monkeypatch.delenv("TRYGG_NEW_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("TRYGG_NEW_PASSWORD", env)
    db, admin, _code = _fresh(tmp_path)
    try:
        summary = DemoService(db, admin, today=TODAY).generate(cases=0, password=explicit)
    finally:
        db.close()
    assert summary.accounts == ("granskare",) and summary.cases == 0
    throttle = Throttle(state_dir / "throttle.json")
    if expected != DEMO_PASSWORD:
        with pytest.raises(WrongPassword):
            unlock(tmp_path / "fresh.db", "granskare", DEMO_PASSWORD, throttle=throttle)
    opened, actor = unlock(tmp_path / "fresh.db", "granskare", expected, throttle=throttle)
    opened.close()
    assert actor.roles == frozenset({"LOGGGRANSKARE"})


# --- scale --------------------------------------------------------------------------------

@pytest.mark.slow
def test_two_thousand_cases_in_reasonable_time(world: World):
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    summary = DemoService(world.db, world.actors["admin"], today=world.today).generate(
        cases=2000, seed=11, progress=lambda done, total: calls.append((done, total)))
    elapsed = time.perf_counter() - started
    print(f"\ndemo: 2000 cases in {elapsed:.1f} s ({summary.persons} persons, {summary.consents} consents, "
          f"{summary.meetings} meetings, {summary.journal_entries} journal entries)")
    assert elapsed < 60
    assert summary.cases == 2000
    assert calls == [(500, 2000), (1000, 2000), (1500, 2000), (2000, 2000)]
    assert 1.0 <= summary.journal_entries / summary.cases <= 3.0
    assert 0.3 <= summary.meetings / summary.cases <= 1.0
    with world.db.session() as s:
        assert verify_chain(s, world.db.audit._key).ok
        assert s.scalar(select(func.count()).where(AuditEvent.action == "DEMO_GENERATE")) == 5


def test_every_named_sspf_meeting_had_a_valid_consent_on_its_day(generated):
    """The service refuses such a meeting (meeting.consent_required); the demo must not hold one,
    nor let a 15th or 18th birthday lapse a running consent (issue 12, item 1)."""
    world, _, _ = generated
    with world.db.session() as s:
        named = list(s.scalars(select(Meeting).join(Case, Case.id == Meeting.case_id)
                               .where(Case.kind == "SSPF", Meeting.anonymised.is_(False))))
        assert len(named) > 20
        for m in named:
            stated = protocol_facts.facts_of(s, m)
            assert stated.consent is not None and stated.consent.status == "VALID", (m.id, stated.consent)


def test_demo_database_survives_export_and_import(generated, template_db: Path, tmp_path: Path, state_dir: Path):
    """Issue 12 (2): the README promises that ``export --as admin`` then ``import`` moves a
    database. It failed on demo data (a user role stored as a case role). Every kind of
    demo record goes through, and the imported database exports the same document."""
    from trygg_desktop.services.exchange import ExchangeService
    world, _, _ = generated
    doc_a = ExchangeService(world.db, world.actors["admin"], today=world.today).export()
    data = ExchangeService(world.db, world.actors["admin"], today=world.today).export_bytes()
    (tmp_path / "b").mkdir()
    db_b, admin_b = unlock(copy_database(template_db, tmp_path / "b"), "admin", ADMIN_PASSWORD,
                           throttle=Throttle(state_dir / "throttle-b.json"))
    try:
        service_b = ExchangeService(db_b, admin_b, today=world.today)
        summary = service_b.import_bytes(data)
        assert summary.created["cases"] == len(doc_a["cases"]) == CASES
        doc_b = service_b.export()
    finally:
        db_b.close()
    doc_a.pop("exported_at"), doc_b.pop("exported_at")
    assert doc_b == doc_a
    cases = doc_a["cases"]
    assert {c["kind"] for c in cases} == {"SSPF", "TREFAS", "AVHOPPARE"}
    for collection in ("assignments", "consents", "journal", "plans", "meetings", "assessments"):
        assert any(c.get(collection) for c in cases), collection
    roles = {a["role_in_case"] for c in cases for a in c["assignments"]}
    assert all(r in vocab.CASE_ROLES for r in roles) and "DELTAGARE" in roles
    assert any(m["protocol_status"] == "JUSTERAT" and m["content_hash"] for c in cases for m in c["meetings"])
    assert doc_a["meetings"] and doc_a["guardianships"]
