"""Protocol documents (DOMAIN.md 2): recipient versions, protected identity, disclosure, justering.

Real services on the ``world`` database: an SSPF case whose valid consent covers
Socialtjänst and Skola but not Polis, a meeting with a shared and an internal
social-services note and a police-internal note, and a plan with one action per agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, ValidationError
from trygg_desktop.domain.timefmt import print_datetime
from trygg_desktop.reports.protocol import render_protocol
from trygg_desktop.services.extract import ExtractService
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.plans import ActionInput, GoalInput
from trygg_desktop.services.protocols import ProtocolService
from trygg_desktop.store.models import AuditEvent, Meta, Person

from ..conftest import World, local_zone
from ..reports.conftest import pdf_pages
from ..scenarios import sspf_case

SHARED_NOTE = "Skolan uppger att närvaron har ökat till 70 procent."
SOC_INTERNAL = "Socialtjänstens interna bedömning: utredning övervägs."
POLICE_NOTE = "Polisens iakttagelse: vistas vid Tureberg centrum kvällstid."
MEETING_AT = datetime(2026, 11, 20, 14, 0)


@dataclass
class Setup:
    case_id: int
    person_id: int
    reference: str
    meeting_id: int


def build(world: World, **case_kw) -> Setup:
    kw = dict(agencies=("SOC", "SKOLA"), assign=("skola", "polis", "socialsekreterare"),
              school="Turebergsskolan", school_class="8B")
    kw.update(case_kw)
    place = kw.pop("place", "Turebergsskolan, rum 12")
    built = sspf_case(world, **kw)
    soc = world.as_("samordnare")
    m = soc.meetings.create(MeetingInput("NATVERKSMOTE", MEETING_AT, case_id=built.case_id,
                                         ends_at=MEETING_AT + timedelta(minutes=75), place=place))
    soc.meetings.add_attendee(m.id, AttendeeInput("Sara Samordnare", function="SSPF-koordinator",
                                                  organisation="Socialförvaltningen", agency="SOC",
                                                  meeting_role="ORDFORANDE"))
    soc.meetings.add_attendee(m.id, AttendeeInput("Mona Mentor", function="Mentor", organisation=kw["school"],
                                                  agency="SKOLA", meeting_role="SEKRETERARE"))
    soc.meetings.set_agenda_item(m.id, 4, "Aktuell situation", note=SHARED_NOTE, visibility="SHARED")
    soc.meetings.set_agenda_item(m.id, 5, "Risk- och skyddsfaktorer", note=SOC_INTERNAL, visibility="INTERNAL")
    soc.meetings.set_agenda_item(m.id, 7, "Övrigt", note=POLICE_NOTE, visibility="INTERNAL", owning_agency="POLIS")
    soc.meetings.set_next_meeting(m.id, datetime(2026, 12, 2, 14, 0), place="Turebergsskolan")
    plan = soc.plans.new_version(built.case_id, MEETING_AT.date(), meeting_id=m.id)
    goal = soc.plans.add_goal(plan.id, GoalInput("Närvaro ≥ 85 %"))
    soc.plans.add_action(plan.id, ActionInput("Närvaroplan och daglig kontakt", "SKOLA",
                                              responsible_person="Mona Mentor", due_date=date(2026, 12, 1),
                                              goal_id=goal.id))
    soc.plans.add_action(plan.id, ActionInput("Föräldrastöd enligt program", "SOC", goal_id=goal.id))
    soc.plans.add_action(plan.id, ActionInput("Orossamtal med polis", "POLIS", goal_id=goal.id))
    return Setup(built.case_id, built.person_id, built.reference, m.id)


def service(world: World, user: str = "samordnare") -> ProtocolService:
    return ProtocolService(world.db, world.actors[user], today=world.today)


def events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def notes(doc) -> list[str]:
    return [a.note for a in doc.agenda]


def test_school_version_leaves_out_internal_notes_and_uncovered_actions(world: World) -> None:
    x = build(world)
    doc = service(world).protocol(x.meeting_id, for_agency="SKOLA")
    assert SHARED_NOTE in notes(doc)
    assert SOC_INTERNAL not in notes(doc) and POLICE_NOTE not in notes(doc)
    assert [a.number for a in doc.agenda] == [1, 2, 3, 4, 6, 8]   # the gaps show where § 5 and § 7 were
    actions = [p.action for p in doc.plan]
    assert "Närvaroplan och daglig kontakt" in actions and "Föräldrastöd enligt program" in actions
    assert "Orossamtal med polis" not in actions
    assert doc.omitted == (
        "1 anteckning som är myndighetsintern för Socialtjänst har utelämnats i denna mottagarversion.",
        "1 anteckning som är myndighetsintern för Polis har utelämnats i denna mottagarversion.",
        "1 åtgärd i åtagandeplanen ligger utanför samtyckets omfattning och har utelämnats.",
    )
    assert doc.recipient == "Skola" and "23 kap. 2 § OSL" in doc.secrecy_marking
    assert doc.title == "SSPF – MINNESANTECKNINGAR / PROTOKOLL" and doc.reference == x.reference
    assert doc.meeting_type == "Nätverksmöte" and doc.unit_area == "SSPF Tureberg / Tureberg"
    assert doc.starts_at == MEETING_AT and doc.ends_at == MEETING_AT + timedelta(minutes=75)
    assert doc.person_line == "Alva Berg, 20110503-XXXX, skola/klass: Turebergsskolan 8B"
    signed = f"{world.today - timedelta(days=20):%Y-%m-%d}"
    assert doc.consent_line.startswith("Giltigt ✔")
    assert f"Vårdnadshavare 1 ({signed}), Ungdom ({signed})" in doc.consent_line
    assert "Omfattar: Socialtjänst, Skola." in doc.consent_line
    assert f"Giltigt t.o.m.: {world.today + timedelta(days=300):%Y-%m-%d}." in doc.consent_line
    assert doc.distribution == ("Socialtjänst", "Skola")
    assert [(a.name, a.role) for a in doc.attendees] == [("Sara Samordnare", "Ordförande"),
                                                          ("Mona Mentor", "Sekreterare")]
    assert doc.chair == "Sara Samordnare" and doc.secretary == "Mona Mentor"
    assert doc.next_meeting == "2026-12-02 kl. 14.00, Turebergsskolan. Kallas av: Sara Samordnare"
    assert doc.plan_version == "gäller från 2026-11-20, version 1"
    school_line = next(p for p in doc.plan if p.action.startswith("Närvaroplan"))
    assert school_line.goal == "1. Närvaro ≥ 85 %" and school_line.responsible == "Mona Mentor, Skola"
    assert school_line.due == date(2026, 12, 1) and school_line.status == "Planerad"
    assert doc.organisation == "Sollentuna kommun – Socialförvaltningen"
    assert not doc.approved and doc.content_hash is None and doc.status == "Utkast"
    # A preview is audited but discloses nothing.
    assert len(events(world, "PROTOCOL_PREVIEW")) == 1 and not events(world, "PROTOCOL_PRINT")
    assert world.as_("samordnare").disclosures.list(x.case_id) == []


def test_full_version_is_the_actors_own_view(world: World) -> None:
    x = build(world)
    doc = service(world).protocol(x.meeting_id)
    assert doc.recipient == "Fullständig version (Socialtjänst)"
    assert SHARED_NOTE in notes(doc) and SOC_INTERNAL in notes(doc)
    assert POLICE_NOTE not in notes(doc)
    internal = next(a for a in doc.agenda if a.note == SOC_INTERNAL)
    assert internal.internal_of == "Socialtjänst"
    assert "1 anteckning som är myndighetsintern för Polis har utelämnats i denna version." in doc.omitted
    assert "Orossamtal med polis" not in [p.action for p in doc.plan]
    assert doc.secrecy_marking == ("SEKRETESS enligt 26 kap. 1 § OSL (socialtjänst), 23 kap. 2 § OSL (skola), "
                                   "35 kap. 1 § OSL (polis) – får ej lämnas ut utan sekretessprövning")
    # The social worker connected to the case prints too; the recipient list follows the consent.
    assert SOC_INTERNAL in notes(service(world, "socialsekreterare").protocol(x.meeting_id))
    assert service(world).recipients(x.meeting_id) == [("SOC", "Socialtjänst"), ("SKOLA", "Skola")]


def test_protected_identity_prints_no_address_school_or_place(world: World) -> None:
    x = build(world, protected="SKYDDAD_FOLKBOKFORING", first="Kim", last="Ek", born=date(2010, 8, 9),
              school="Hemliga skolan", place="Hemliga skolan, rum 3", address="Hemlig väg 1")
    for recipient in (None, "SKOLA"):
        doc = service(world).protocol(x.meeting_id, for_agency=recipient)
        assert doc.person_line == "Skyddad identitet – se akt" and doc.place == ""
        assert "Hemlig" not in repr(doc)  # neither school, place nor address anywhere in the document
        assert "Adress, skola och mötesplats har utelämnats (skyddade personuppgifter)." in doc.omitted
        assert next(a for a in doc.attendees if a.name == "Mona Mentor").organisation == "Skola"


def test_printing_a_recipient_version_records_the_disclosure(world: World) -> None:
    x = build(world)
    doc = service(world).protocol(x.meeting_id, for_agency="SKOLA", disclose=True)
    assert doc.recipient == "Skola"
    [d] = world.as_("samordnare").disclosures.list(x.case_id)
    assert (d.recipient_agency, d.legal_basis, d.channel) == ("SKOLA", "SAMTYCKE", "utskrift")
    assert d.what == f"Protokoll Nätverksmöte 2026-11-20 ({x.reference})"
    assert d.decided_by_user_id == world.actors["samordnare"].user_id and d.person_id == x.person_id
    [ev] = events(world, "PROTOCOL_PRINT")
    assert ev.flags == "DISCLOSURE,PRINT" and ev.case_id == x.case_id and ev.person_id == x.person_id
    assert ev.username == "samordnare"


def test_police_copy_needs_consent_or_a_legal_basis(world: World) -> None:
    x = build(world)
    svc = service(world)
    with pytest.raises(ValidationError) as err:
        svc.protocol(x.meeting_id, for_agency="POLIS", disclose=True)
    assert err.value.code == "protocol.no_basis"
    assert world.as_("samordnare").disclosures.list(x.case_id) == [] and not events(world, "PROTOCOL_PRINT")
    [refusal] = events(world, "DISCLOSURE_REFUSED")  # log review sees the attempt
    assert refusal.flags == "DENIED,DISCLOSURE" and refusal.case_id == x.case_id
    assert refusal.entity_id == str(x.meeting_id) and '"recipient":"POLIS"' in refusal.detail
    with pytest.raises(ValidationError) as err:  # naming consent does not make a consent
        svc.protocol(x.meeting_id, for_agency="POLIS", disclose=True, legal_basis="SAMTYCKE")
    assert err.value.code == "protocol.no_basis"
    with pytest.raises(ValidationError):
        svc.protocol(x.meeting_id, for_agency="POLIS", disclose=True, legal_basis="PÅHITTAT")

    doc = svc.protocol(x.meeting_id, for_agency="POLIS", disclose=True, legal_basis="OSL_10_18a")
    assert doc.consent_line == "Uppgiftslämnande med stöd av OSL 10 kap. 18 a §"
    assert doc.recipient == "Polis" and "35 kap. 1 § OSL" in doc.secrecy_marking
    # Social services discloses its own shared information; not its internal notes, not the school's plan.
    assert SHARED_NOTE in notes(doc) and SOC_INTERNAL not in notes(doc)
    actions = [p.action for p in doc.plan]
    assert actions == ["Föräldrastöd enligt program"]
    assert ("Uppgifter från andra myndigheter än Socialtjänst har utelämnats (uppgiftslämnandet avser endast "
            "Socialtjänst).") in doc.omitted
    [d] = world.as_("samordnare").disclosures.list(x.case_id)
    assert (d.recipient_agency, d.legal_basis) == ("POLIS", "OSL_10_18a")
    [ev] = events(world, "PROTOCOL_PRINT")
    assert '"basis":"OSL_10_18a"' in ev.detail


def test_justerat_protocol_carries_its_hash_and_corrections(world: World) -> None:
    x = build(world)
    soc = world.as_("samordnare")
    soc.meetings.set_protocol_status(x.meeting_id, "JUSTERING")
    locked = soc.meetings.set_protocol_status(x.meeting_id, "JUSTERAT")
    soc.meetings.add_correction(x.meeting_id, "Rättelse: mötet slutade 15.30")
    doc = service(world).protocol(x.meeting_id, for_agency="SKOLA")
    assert doc.approved and doc.status == "Justerat"
    assert doc.content_hash == locked.content_hash and len(doc.content_hash) == 64
    assert doc.approved_at == locked.justerat_at.replace(tzinfo=timezone.utc)  # stored UTC, marked as such
    [c] = doc.corrections
    assert c.text == "Rättelse: mötet slutade 15.30" and c.author == "Samordnare"


def test_only_connected_users_with_print_rights_get_a_protocol(world: World) -> None:
    x = build(world)
    for user in ("annan", "skola", "polis", "granskare"):
        with pytest.raises(AccessDenied):
            service(world, user).protocol(x.meeting_id)
    with pytest.raises(AccessDenied):
        service(world, "annan").recipients(x.meeting_id)
    denied = events(world, "ACCESS_DENIED")
    assert {e.username for e in denied} >= {"annan", "skola", "polis", "granskare"}
    assert not events(world, "PROTOCOL_PREVIEW")


def test_group_meeting_protocol_is_anonymised(world: World) -> None:
    soc = world.as_("samordnare")
    m = soc.meetings.create(MeetingInput("ARBETSGRUPPSMOTE", MEETING_AT, unit_id=world.units["SSPF Tureberg"]))
    soc.meetings.set_agenda_item(m.id, 2, "Lägesbild", note="Oro kring centrum kvällstid.")
    soc.meetings.set_agenda_item(m.id, 3, "Polisens lägesbild", note="Intern polisuppgift.", visibility="INTERNAL",
                                 owning_agency="POLIS")
    doc = service(world).protocol(m.id, for_agency="SKOLA", disclose=True)
    assert doc.reference is None and doc.person_line == "" and doc.anonymised
    assert doc.consent_line == "Ej samtycke – avidentifierad genomgång"
    assert doc.title == "SSPF – MINNESANTECKNINGAR – ARBETSGRUPP (AVIDENTIFIERAD GENOMGÅNG)"
    assert "Oro kring centrum kvällstid." in notes(doc) and "Intern polisuppgift." not in notes(doc)
    assert doc.plan == ()
    [ev] = events(world, "PROTOCOL_PRINT")
    assert ev.case_id is None and '"basis":"ANONYMISERAD"' in ev.detail
    with pytest.raises(AccessDenied):
        service(world, "annan").protocol(m.id)


def test_organisation_name_comes_from_meta(world: World) -> None:
    x = build(world)
    with world.db.session() as s:
        s.add(Meta(key="organisation", value="Testkommun – Socialnämnden"))
    assert service(world).protocol(x.meeting_id).organisation == "Testkommun – Socialnämnden"


def test_plan_printout_in_plain_words(world: World) -> None:
    x = build(world)
    assert events(world, "PLAN_PREVIEW") == []
    service(world).plan_printout(x.case_id)  # a preview
    assert len(events(world, "PLAN_PREVIEW")) == 1 and events(world, "PLAN_PRINT") == []
    printout = service(world).plan_printout(x.case_id, printing=True)
    assert printout.reference == x.reference and printout.person_name == "Alva Berg"
    assert printout.goals == ("Närvaro ≥ 85 %",) and printout.valid_from == MEETING_AT.date()
    assert printout.rows == (("Närvaroplan och daglig kontakt", "Mona Mentor (skolan)", "Senast 2026-12-01"),
                             ("Föräldrastöd enligt program", "Socialtjänsten", ""))
    assert printout.contact.startswith("Samordnare") and printout.printed_by == "Samordnare"
    [ev] = events(world, "PLAN_PRINT")
    assert ev.flags == "PRINT" and ev.person_id == x.person_id
    with pytest.raises(AccessDenied):  # a contact person may read the plan but not print it
        service(world, "skola").plan_printout(x.case_id)


def test_trefas_collaboration_shares_within_the_unit_but_not_internal_notes(world: World) -> None:
    from ..scenarios import restricted_case
    t = restricted_case(world, "TREFAS", assign=("polis", "kriminalvard"))
    trefas = world.as_("trefas")
    m = trefas.meetings.create(MeetingInput("TREFASMOTE", MEETING_AT, case_id=t.case_id))
    trefas.meetings.set_agenda_item(m.id, 2, "Lägesbild", note="Polisen delar: risknivå gul.", owning_agency="POLIS")
    trefas.meetings.set_agenda_item(m.id, 3, "Individärenden", note="Polisens interna spaningsuppgift.",
                                    visibility="INTERNAL", owning_agency="POLIS")
    svc = service(world, "trefas")
    doc = svc.protocol(m.id, for_agency="KRIMINALVARD", disclose=True)
    assert doc.title == "TREFAS – MINNESANTECKNINGAR / PROTOKOLL"
    assert "Polisen delar: risknivå gul." in notes(doc) and "Polisens interna spaningsuppgift." not in notes(doc)
    assert doc.consent_line == "Inget samtycke registrerat – uppgifterna delas inom samverkan i TREFAS Sollentuna"
    # No consent exists, so the disclosure is not recorded as consent-based.
    [d] = world.as_("trefas").disclosures.list(t.case_id)
    assert d.recipient_agency == "KRIMINALVARD" and d.legal_basis == "OTHER"
    assert d.legal_basis_text == "Samverkan inom TREFAS Sollentuna – lagrum ej angivet vid utskriften"
    with pytest.raises(AccessDenied):  # SSPF staff outside the restricted unit
        service(world, "samordnare").protocol(m.id)


def test_anonymised_case_meeting_names_nobody_and_has_no_plan(world: World) -> None:
    built = sspf_case(world, consent="PARTIAL")
    soc = world.as_("samordnare")
    m = soc.meetings.create(MeetingInput("NATVERKSMOTE", MEETING_AT, case_id=built.case_id, anonymised=True))
    soc.meetings.set_agenda_item(m.id, 4, "Aktuell situation", note="Avidentifierad genomgång av situationen.")
    doc = service(world).protocol(m.id, for_agency="SKOLA", disclose=True)
    assert doc.person_line == "" and doc.anonymised and doc.plan == ()
    assert doc.consent_line == "Ej samtycke – avidentifierad genomgång"
    assert "Avidentifierad genomgång av situationen." in notes(doc)
    assert [d.legal_basis for d in soc.disclosures.list(built.case_id)] == ["ANONYMISERAD"]


def test_pdf_plan_table_numbers_each_goal_once(world: World) -> None:
    """Issue 16: the protocol facts number the goals ("1. Närvaro ≥ 85 %") and the PDF
    numbered the rows again, printing "1. 1.". Read back with pypdf: every goal's number
    appears once, the actions of one goal share it, and a goal without actions keeps its own."""
    import io
    import re

    from pypdf import PdfReader

    from trygg_desktop.reports.protocol import render_protocol

    x = build(world)
    soc = world.as_("samordnare")
    plan_id = _plan_id(world, x.case_id)
    second = soc.plans.add_goal(plan_id, GoalInput("Meningsfull fritid"))
    soc.plans.add_action(plan_id, ActionInput("Prova på fotboll", "SOC", goal_id=second.id))
    soc.plans.add_goal(plan_id, GoalInput("Stöd till familjen"))  # no action yet
    doc = service(world).protocol(x.meeting_id)
    assert [line.goal for line in doc.plan] == ["1. Närvaro ≥ 85 %"] * 2 + ["2. Meningsfull fritid",
                                                                           "3. Stöd till familjen"]
    reader = PdfReader(io.BytesIO(render_protocol(doc)))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages).replace("\u00a0", " "))
    plan_part = text[text.index("ÅTAGANDEPLAN"):]
    assert not re.search(r"\b\d+\. \d+\. ", plan_part), plan_part[:400]
    assert "1. 1." not in text
    for goal in ("1. Närvaro ≥ 85 %", "2. Meningsfull fritid", "3. Stöd till familjen"):
        assert goal in plan_part, goal
    assert plan_part.count("1. Närvaro") == 2  # both of the goal's actions name it, with its own number

    # The plain-language printout for the family: goals as bullets, a what-who-when table, no numbers.
    from trygg_desktop.reports.plan_printout import render_plan

    printed = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(
        render_plan(service(world).plan_printout(x.case_id)))).pages)
    assert "Meningsfull fritid" in printed and "Prova på fotboll" in printed
    assert not re.search(r"\b\d+\.\s+\d+\.\s", printed)


def _plan_id(world: World, case_id: int) -> int:
    from trygg_desktop.store.models import Plan

    with world.db.session() as s:
        return s.scalar(select(Plan.id).where(Plan.case_id == case_id).order_by(Plan.version.desc()).limit(1))


def test_printed_stamps_are_instants_shown_in_the_readers_local_time(world: World) -> None:
    """A server (or PC) running in UTC stamps the protocol, the plan printout and the register
    extract; a desk in Stockholm renders them. The paper must say the desk's clock time: the
    services stamp an aware UTC instant, the PDF converts it. Before, the stamp was the naive
    local time of the machine that built the document, here an hour early in winter."""
    x = build(world)
    with world.db.session() as s:
        pnr = s.get(Person, x.person_id).pnr
    with local_zone("UTC"):
        doc = service(world).protocol(x.meeting_id, for_agency="SKOLA")
        printout = service(world).plan_printout(x.case_id)
        extract = ExtractService(world.db, world.actors["samordnare"], today=world.today).collect(pnr)
    for stamp in (doc.printed_at, printout.printed_at, extract.printed_at):
        assert stamp.utcoffset() == timedelta(0), stamp
    assert extract.data["printed_at"].endswith("+00:00"), "the extract's data names its zone"
    with local_zone("Europe/Stockholm"):
        shown = print_datetime(doc.printed_at)
        text = " ".join(pdf_pages(render_protocol(doc)))
    stockholm = doc.printed_at.astimezone(ZoneInfo("Europe/Stockholm"))
    assert shown == f"{stockholm:%Y-%m-%d} kl.\u00a0{stockholm:%H.%M}"
    assert f"Utskrivet {shown}".replace("\u00a0", " ") in text, text[text.find("Utskrivet"):][:60]
