"""Case work through the services on a real encrypted database."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, InvalidTransition, NotFound, ValidationError
from trygg_desktop.services.assessments import ItemInput
from trygg_desktop.services.cases import CaseFilter, Referral
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.plans import ActionInput, GoalInput
from trygg_desktop.store.models import AuditEvent, CaseReferenceCounter

from ..conftest import World
from ..scenarios import person, restricted_case, sspf_case


def test_references_are_per_kind_and_year_and_never_reused(world: World) -> None:
    a = sspf_case(world)
    b = sspf_case(world, first="Bo", last="Ek", born=date(2010, 1, 9))
    assert a.reference == "SSPF-2026-0001" and b.reference == "SSPF-2026-0002"
    t = restricted_case(world, "TREFAS")
    assert t.reference == "TREFAS-2026-0001"
    with world.db.session() as s:
        assert s.get(CaseReferenceCounter, ("SSPF", 2026)).last_number == 2


def test_sspf_cannot_reach_kartlaggning_without_valid_consent(world: World) -> None:
    built = sspf_case(world, consent="PARTIAL")
    with pytest.raises(InvalidTransition) as err:
        world.as_("samordnare").cases.change_status(built.case_id, "KARTLAGGNING")
    assert err.value.code == "lifecycle.consent_required"
    assert "KARTLAGGNING" not in world.as_("samordnare").cases.allowed_transitions(built.case_id)


def test_closing_needs_a_reason_of_the_kind(world: World) -> None:
    built = sspf_case(world)
    cases = world.as_("samordnare").cases
    with pytest.raises(InvalidTransition) as err:
        cases.change_status(built.case_id, "AVSLUTAD")
    assert err.value.code == "lifecycle.reason_required"
    with pytest.raises(InvalidTransition):
        cases.change_status(built.case_id, "AVSLUTAD", reason="AVLIDEN")  # a TREFAS reason
    closed = cases.change_status(built.case_id, "AVSLUTAD", reason="FLYTT", note="Flyttat till Umeå")
    assert closed.status == "AVSLUTAD"
    detail = world.as_("samordnare").case_view.open(built.case_id)
    assert detail.closure_reason == "FLYTT" and detail.closed_at == world.today
    assert [h.to_status for h in detail.status_history][-1] == "AVSLUTAD"


def test_contact_person_cannot_change_status(world: World) -> None:
    built = sspf_case(world)
    with pytest.raises(AccessDenied):
        world.as_("skola").cases.change_status(built.case_id, "MOTE_PLANERAT")


def test_case_list_filters_pages_and_masks(world: World) -> None:
    for i in range(5):
        sspf_case(world, first=f"Namn{i}", last="Testsson", born=date(2010, 2, 1 + i))
    restricted_case(world, "TREFAS")
    rows, total = world.as_("samordnare").cases.list(CaseFilter(kind="SSPF", limit=2, order_by="reference"))
    assert total == 5 and [r.reference for r in rows] == ["SSPF-2026-0001", "SSPF-2026-0002"]
    assert rows[0].pnr_display and "•" not in rows[0].pnr_display  # coordinators see full numbers
    rows, total = world.as_("samordnare").cases.list(CaseFilter(query="namn3"))
    assert total == 1 and rows[0].person_name == "Namn3 Testsson"
    # The school sees the cases it is assigned to (valid consent) with masked numbers, no TREFAS.
    rows, total = world.as_("skola").cases.list(CaseFilter())
    assert total == 5 and all(r.kind == "SSPF" for r in rows)
    assert all(r.pnr_display.endswith("••••") for r in rows)
    # The coordinator of another unit sees none of them.
    assert world.as_("annan").cases.list(CaseFilter())[1] == 0


def test_search_by_personnummer_in_any_form(world: World) -> None:
    built = sspf_case(world)
    pnr12 = world.as_("samordnare").persons.get(built.person_id).pnr
    short = pnr12[2:8] + "-" + pnr12[-4:]
    rows, total = world.as_("samordnare").cases.list(CaseFilter(query=short))
    assert total == 1 and rows[0].id == built.case_id


def test_revoked_consent_hides_shared_information_immediately_and_deletes_nothing(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    soc.journal.add(JournalInput(built.case_id, world.today, "SAMTAL", "Delad anteckning om närvaro",
                                 visibility="SHARED", information_category="SKOLGANG_NARVARO"))
    assert [j.text for j in world.as_("skola").journal.list(built.case_id)] == ["Delad anteckning om närvaro"]
    soc.consents.revoke(built.consent_id, world.today, channel="brev", note="Vårdnadshavaren återkallade")
    with pytest.raises(AccessDenied) as err:
        world.as_("skola").journal.list(built.case_id)
    assert err.value.code == "access.consent_missing"
    # Nothing deleted: the owning agency still reads it; the case was closed with the right reason.
    assert [j.text for j in soc.journal.list(built.case_id)] == ["Delad anteckning om närvaro"]
    detail = soc.case_view.open(built.case_id)
    assert detail.summary.status == "AVSLUTAD" and detail.closure_reason == "SAMTYCKE_ATERKALLAT"
    assert detail.summary.consent_light == "REVOKED"


def test_expired_consent_stops_sharing_without_any_batch_job(world: World) -> None:
    built = sspf_case(world)
    later = world.as_("skola").__class__(world.db, world.actors["skola"], today=world.today + timedelta(days=400))
    with pytest.raises(AccessDenied):
        later.case_view.open(built.case_id)
    assert world.as_("skola").case_view.open(built.case_id).summary.consent_light == "VALID"


def test_agency_internal_entries_stay_in_the_agency(world: World) -> None:
    built = sspf_case(world)
    world.as_("polis").journal.add(JournalInput(built.case_id, world.today, "ANTECKNING", "Polisens interna notering",
                                                visibility="INTERNAL"))
    world.as_("skola").journal.add(JournalInput(built.case_id, world.today, "SAMTAL", "Skolan: frånvaro 30 %",
                                                visibility="SHARED", information_category="SKOLGANG_NARVARO"))
    soc_view = world.as_("samordnare").case_view.open(built.case_id)
    assert [j.text for j in soc_view.journal] == ["Skolan: frånvaro 30 %"]
    assert "journal" in soc_view.withheld
    assert {j.text for j in world.as_("polis").journal.list(built.case_id)} == {
        "Polisens interna notering", "Skolan: frånvaro 30 %"}


def test_journal_corrections_append_and_keep_the_original(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    original = soc.journal.add(JournalInput(built.case_id, world.today, "SAMTAL", "Fel datum angivet"))
    fixed = soc.journal.correct(original.id, "Rättat: samtalet hölls i går", event_date=world.today - timedelta(1))
    entries = {j.id: j for j in soc.journal.list(built.case_id)}
    assert entries[original.id].text == "Fel datum angivet"
    assert entries[original.id].corrected_by == (fixed.id,)
    assert entries[fixed.id].corrects_id == original.id
    with pytest.raises(ValidationError):  # another agency's entry cannot be "corrected"
        world.as_("skola").journal.correct(original.id, "x")


def test_full_text_search_respects_secrecy(world: World) -> None:
    built = sspf_case(world)
    world.as_("polis").journal.add(JournalInput(built.case_id, world.today, "ANTECKNING",
                                                "Iakttagelse vid Tureberg centrum", visibility="INTERNAL"))
    world.as_("samordnare").journal.add(JournalInput(built.case_id, world.today, "SAMTAL",
                                                     "Samtal om fotbollsträning i Tureberg", visibility="SHARED",
                                                     information_category="BETEENDE"))
    assert [j.text for j in world.as_("skola").journal.search("tureberg")] == ["Samtal om fotbollsträning i Tureberg"]
    assert len(world.as_("polis").journal.search("Tureberg")) == 2
    assert world.as_("annan").journal.search("tureberg") == []


def test_full_text_search_fills_its_page_past_withheld_matches(world: World) -> None:
    """The first rows read are one page; when the best matches are withheld the search reads
    on in rank order until the page is full or the matches end."""
    built = sspf_case(world)
    for n in range(3):  # the best matches (the word three times), but the police's own
        world.as_("polis").journal.add(JournalInput(built.case_id, world.today, "ANTECKNING",
                                                    f"Tureberg Tureberg Tureberg {n}", visibility="INTERNAL"))
        world.as_("samordnare").journal.add(JournalInput(built.case_id, world.today, "SAMTAL",
                                                         f"Samtal om läxhjälp, fritidsgården och resan till Tureberg {n}",
                                                         visibility="SHARED", information_category="BETEENDE"))
    school = world.as_("skola").journal
    assert [h.text.startswith("Samtal") for h in school.search("tureberg", limit=2)] == [True, True]
    assert len(school.search("tureberg", limit=10)) == 3
    assert len(world.as_("polis").journal.search("tureberg", limit=4)) == 4


def test_plan_actions_of_other_agencies_follow_the_consent(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    plan = soc.plans.new_version(built.case_id, world.today)
    goal = soc.plans.add_goal(plan.id, GoalInput("Närvaro ≥ 85 %", area="SKOLA", target="85 %"))
    soc.plans.add_action(plan.id, ActionInput("Närvaroplan", "SKOLA", action_type="NARVAROPLAN", goal_id=goal.id,
                                              due_date=world.today - timedelta(days=1)))
    soc.plans.add_action(plan.id, ActionInput("Föräldrastöd", "SOC", action_type="FORALDRASTOD"))
    soc.plans.add_action(plan.id, ActionInput("Orossamtal", "POLIS", action_type="OROSSAMTAL_POLIS"))
    skola_plan = world.as_("skola").plans.get_current(built.case_id)
    assert {a.description for a in skola_plan.actions} == {"Närvaroplan", "Föräldrastöd", "Orossamtal"}
    overdue = next(a for a in skola_plan.actions if a.description == "Närvaroplan")
    assert overdue.overdue
    # The school updates its own action, not the social services'.
    world.as_("skola").plans.set_action_status(overdue.id, "PAGAR")
    soc_action = next(a for a in skola_plan.actions if a.description == "Föräldrastöd")
    with pytest.raises(AccessDenied):
        world.as_("skola").plans.set_action_status(soc_action.id, "PAGAR")
    with pytest.raises(InvalidTransition):
        soc.plans.set_action_status(soc_action.id, "EJ_GENOMFORD")  # needs a reason
    # A new version carries open items over.
    v2 = soc.plans.new_version(built.case_id, world.today)
    assert v2.version == 2 and len(v2.actions) == 3 and len(v2.goals) == 1


def test_meeting_protocol_lifecycle(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    meeting = soc.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 20, 14), case_id=built.case_id,
                                               place="Turebergsskolan"))
    assert [i.number for i in meeting.agenda] == list(range(1, 9))
    soc.meetings.add_attendee(meeting.id, AttendeeInput("Anna Mentor", "Mentor", "Turebergsskolan", "SKOLA"))
    with pytest.raises(ValidationError) as err:  # not covered by the consent
        soc.meetings.add_attendee(meeting.id, AttendeeInput("Fia Fältare", "Fältassistent", "Fritid", "FRITID"))
    assert err.value.code == "meeting.attendee_consent"
    soc.meetings.set_agenda_item(meeting.id, 6, "Mål och åtaganden – beslut", note="Närvaroplan",
                                 decision="Skolan upprättar närvaroplan")
    soc.meetings.set_agenda_item(meeting.id, 9, "Socialtjänstens interna bedömning", note="Intern",
                                 visibility="INTERNAL")
    assert world.as_("skola").meetings.get(meeting.id).hidden_items == 1
    soc.meetings.set_protocol_status(meeting.id, "JUSTERING")
    with pytest.raises(AccessDenied):  # a contact person is not an adjuster
        world.as_("skola").meetings.set_protocol_status(meeting.id, "JUSTERAT")
    locked = soc.meetings.set_protocol_status(meeting.id, "JUSTERAT")  # samordnare is also ORDFORANDE
    assert locked.protocol_status == "JUSTERAT" and len(locked.content_hash) == 64
    with pytest.raises(ValidationError):
        soc.meetings.set_agenda_item(meeting.id, 1, "Ändrad rubrik")
    corrected = soc.meetings.add_correction(meeting.id, "Rättelse: mötet slutade 15.30")
    assert corrected.content_hash == locked.content_hash and len(corrected.corrections) == 1


def test_named_meeting_needs_valid_consent_and_anonymised_protocols_refuse_personnummer(world: World) -> None:
    built = sspf_case(world, consent="PARTIAL")
    soc = world.as_("samordnare")
    with pytest.raises(ValidationError) as err:
        soc.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 20, 14), case_id=built.case_id))
    assert err.value.code == "meeting.consent_required"
    group = soc.meetings.create(MeetingInput("ARBETSGRUPPSMOTE", datetime(2026, 11, 21, 9),
                                             unit_id=world.units["SSPF Tureberg"]))
    assert group.anonymised
    with pytest.raises(ValidationError) as err:
        soc.meetings.set_agenda_item(group.id, 3, "Nya aktualiseringar", note="Gäller 20110503-9810")
    assert err.value.code == "meeting.pnr_in_anonymised"
    with pytest.raises(AccessDenied):  # group meetings belong to the unit's members
        world.as_("annan").meetings.get(group.id)


def test_trefas_risk_levels_and_avhoppare_restricted_records(world: World) -> None:
    t = restricted_case(world, "TREFAS", assign=("polis", "kriminalvard"))
    world.as_("polis").assessments.add_risk_level(t.case_id, "ROD", world.today, "POLIS", note="Hot efter skjutning")
    world.as_("trefas").assessments.add_risk_level(t.case_id, "GUL", world.today, "POLIS")
    levels = world.as_("kriminalvard").case_view.open(t.case_id).risk_levels
    assert [r.level for r in levels] == ["GUL", "ROD"]
    with pytest.raises(AccessDenied):  # SSPF staff outside the restricted unit
        world.as_("skola").case_view.open(t.case_id)

    a = restricted_case(world, "AVHOPPARE", assign=("socialsekreterare",))
    coordinator = world.as_("avhopparsamordnare")
    coordinator.assessments.add_threat_assessment(a.case_id, "HOG", world.today, summary="Hotbild från gruppen")
    conditions = coordinator.assessments.set_conditions(a.case_id, ["Inga brott", "Drogtester varannan vecka"])
    coordinator.assessments.add_breach(conditions.id, world.today, "Positivt drogtest", consequence="Samtal")
    assert len(coordinator.case_view.open(a.case_id).threat_assessments) == 1
    with pytest.raises(ValidationError):
        coordinator.assessments.add_risk_level(a.case_id, "ROD", world.today, "POLIS")  # TREFAS only


def test_kartlaggning_validates_scale(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare").assessments
    with pytest.raises(ValidationError):
        soc.add_assessment(built.case_id, world.today, [ItemInput("SKOLA", 4, 0)])
    a = soc.add_assessment(built.case_id, world.today, [ItemInput("SKOLA", 3, 1, "Hög frånvaro"),
                                                        ItemInput("FRITID", 1, 2)], youth_view="Vill spela fotboll")
    assert [i.domain for i in a.items] == ["SKOLA", "FRITID"]


def test_protected_identity_hides_contact_details(world: World) -> None:
    built = sspf_case(world, protected="SKYDDAD_FOLKBOKFORING", address="Hemlig väg 1", school="Hemliga skolan")
    owner = world.as_("samordnare")
    assert owner.case_view.open(built.case_id).person.address is None       # hidden from every reader...
    assert owner.persons.reveal_protected(built.person_id, case_id=built.case_id).address == "Hemlig väg 1"
    seen = world.as_("skola").case_view.open(built.case_id).person
    assert seen.details_hidden and seen.address is None and seen.school is None
    # Protected persons are left out of register searches.
    assert world.as_("samordnare").persons.search("Berg") == []


def test_register_validates_personnummer_and_warns_about_duplicates(world: World) -> None:
    from trygg_desktop.services.persons import PersonInput
    persons = world.as_("samordnare").persons
    with pytest.raises(ValidationError) as err:
        persons.register(PersonInput("Ada", "Ny", pnr="20110503-9811"))
    assert err.value.code == "personnummer.checksum"
    pid = person(world, "Ada", "Ny", date(2012, 3, 4))
    dupes = persons.possible_duplicates(PersonInput("ada", "NY", reserve_id="R-1", birth_date=date(2012, 3, 4)))
    assert [d.id for d in dupes] == [pid]
    with pytest.raises(ValidationError):
        persons.register(PersonInput("Ada", "Ny", pnr=persons.get(pid).pnr))
    with pytest.raises(AccessDenied):
        world.as_("skola").persons.search("Ada")


def test_every_service_call_is_audited_with_the_actor(world: World) -> None:
    built = sspf_case(world)
    world.as_("skola").case_view.open(built.case_id)
    with world.db.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert (last.action, last.username, last.case_id, last.agency) == ("CASE_READ", "skola", built.case_id, "SKOLA")
    assert last.detail is None or "Berg" not in last.detail


def test_unknown_records_give_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        world.as_("samordnare").case_view.open(9999)


def test_referral_validation(world: World) -> None:
    pid = person(world)
    cases = world.as_("samordnare").cases
    unit = world.units["SSPF Tureberg"]
    with pytest.raises(ValidationError):
        cases.create(Referral("SSPF", pid, unit, world.today + timedelta(days=1)))
    with pytest.raises(ValidationError):
        cases.create(Referral("SSPF", pid, unit, world.today, concerns=("NOT_A_CONCERN",)))
    with pytest.raises(ValidationError):
        cases.create(Referral("SSPF", pid, world.units["TREFAS Sollentuna"], world.today))
    with pytest.raises(AccessDenied):  # not a member of that unit
        cases.create(Referral("SSPF", pid, world.units["SSPF Edsberg"], world.today))


def test_case_view_says_whether_a_plan_exists(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    detail = soc.case_view.open(built.case_id)
    assert detail.plan is None and not detail.plan_exists
    soc.plans.new_version(built.case_id, world.today)
    detail = soc.case_view.open(built.case_id)
    assert detail.plan is not None and detail.plan_exists


def test_a_case_view_and_a_list_page_read_each_row_once(world: World) -> None:
    """The view reads the case's person, unit and current consent once, not again for each part
    that needs them (the facts, the summary, the journal); the list reads the units once. On the
    server every statement is a round trip (here: SQLite; tests/server re-runs it on PostgreSQL)."""
    from sqlalchemy import event
    built = sspf_case(world)
    world.as_("samordnare").journal.add(JournalInput(case_id=built.case_id, event_date=date(2026, 11, 20),
                                                     entry_type="ANTECKNING", text="Ett möte", visibility="SHARED"))
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(" ".join(statement.split()))

    def loads(table: str) -> int:   # a plain read of the table, or one joined to its children
        return sum(1 for s in statements if re.search(rf"\bFROM {table}(?![_\w])", s))
    event.listen(world.db.engine, "before_cursor_execute", seen)
    try:
        detail = world.as_("samordnare").case_view.open(built.case_id)
        view = {table: loads(table) for table in ("person", "unit", "consent")}
        statements.clear()
        cases, _total = world.as_("samordnare").cases.list(CaseFilter())
        page = loads("unit")
    finally:
        event.remove(world.db.engine, "before_cursor_execute", seen)
    assert detail.journal and detail.consents and cases
    assert view == {"person": 1, "unit": 1, "consent": 2}, view   # the consent: the facts' and the list's
    assert page == 1
