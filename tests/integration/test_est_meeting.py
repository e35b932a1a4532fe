"""The EST meeting: agenda from the lägesbild, attendance by agency, decisions as EST actions,
the protocol with the lägesbild as appendix, justering that freezes it, and who may do what."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, ValidationError
from trygg_desktop.reports.protocol import render_protocol
from trygg_desktop.services.est_actions import ActionInput
from trygg_desktop.services.est_incidents import IncidentInput
from trygg_desktop.services.est_meetings import EstMeetingInput, default_period
from trygg_desktop.services.est_picture_dto import EstPicture, plain
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.protocol_facts import protocol_hash
from trygg_desktop.services.thaw import thaw
from trygg_desktop.store.models import AuditEvent, EstAction, Meeting

from ..conftest import World
from ..est_world import est_template, est_world  # noqa: F401  (fixtures)

TUESDAY = datetime(2026, 11, 17, 9, 0)     # week 47; the meeting looks back on week 46 (9–15 November)


def _incidents(world: World) -> None:
    inc = world.as_("rapp_polis").est_incidents
    for day, area, cat, n in ((date(2026, 11, 13), "Björkdalen", "SKADEGORELSE.KLOTTER", 5),
                              (date(2026, 11, 11), "Ekhagen", "ORDNINGSSTORANDE.OLOVLIG_KORNING", 2),
                              (date(2026, 11, 4), "Björkdalen", "SKADEGORELSE.KLOTTER", 1),
                              (date(2026, 10, 19), "Solbacka", "OTRYGG_PLATS.BELYSNING", 1)):
        for _ in range(n):
            inc.register(IncidentInput(category=cat, area=area, occurred_on=day, time_from=time(21, 0)))
    world.as_("trygghet").est_actions.create(ActionInput("Förstärkt fältarbete fredag 20–24", "FRITID",
                                                         date(2026, 11, 10), area="Björkdalen"))


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_default_period_is_the_last_whole_week_before_the_meeting() -> None:
    assert default_period(date(2026, 11, 17)).code == "2026-W46"
    assert default_period(date(2026, 11, 16)).code == "2026-W46"   # a Monday meeting
    assert default_period(date(2027, 1, 5)).code == "2026-W53"     # across the year boundary (2026 has 53 weeks)


def test_agenda_is_drafted_from_the_lagesbild(est_world: World) -> None:
    _incidents(est_world)
    m = est_world.as_("trygghet").est_meetings.create(EstMeetingInput(starts_at=TUESDAY, place="Kommunhuset"))
    assert (m.meeting_type, m.est_period, m.case_id, m.unit_id, m.anonymised) == ("ESTMOTE", "2026-W46", None,
                                                                                  None, True)
    headings = [i.heading for i in m.agenda]
    assert headings[:3] == ["Mötets öppnande och närvaro per aktör", "Val av justerare", "Lägesbild vecka 46 2026"]
    summary = m.agenda[2].note
    assert summary.startswith("7 händelser (varav 0 polisanmälda)")     # 5 + 2 in week 46, counted by hand
    # Björkdalen: 5 against a mean of 1/3 over weeks 43–45 (the whole weeks since the first
    # incident): far above; Ekhagen's 2 are under
    # the minimum count of 3, never flagged.
    assert "Björkdalen: allvarligt läge" in headings
    assert not any(h.startswith("Ekhagen") for h in headings)
    assert "Björkdalen 5" in summary and "Ekhagen" not in summary
    follow_up = next(i for i in m.agenda if i.heading.startswith("Uppföljning"))
    assert "Förstärkt fältarbete fredag 20–24 – Fritid, Björkdalen: Planerad" in follow_up.note
    assert headings[-1].startswith("Återkoppling")


def test_protocol_carries_attendance_decisions_and_the_frozen_lagesbild(est_world: World) -> None:
    _incidents(est_world)
    coordinator = est_world.as_("trygghet")
    m = coordinator.est_meetings.create(EstMeetingInput(starts_at=TUESDAY,
                                                        adjuster_user_id=est_world.actors["rapp_bostad"].user_id))
    meetings = coordinator.meetings
    for name, agency in (("Nora Almgren", "SOC"), ("Per Polis", "POLIS"), ("Olle Fager", "BOSTAD")):
        meetings.add_attendee(m.id, AttendeeInput(name=name, agency=agency))
    meetings.add_attendee(m.id, AttendeeInput(name="Frida Fritid", agency="FRITID", present=False))
    decided = coordinator.est_meetings.add_action(m.id, ActionInput("Sanering av klotter inom 24 h", "BOSTAD",
                                                                    date(2000, 1, 1), area="Björkdalen",
                                                                    due_on=date(2026, 11, 18)))
    assert decided.decided_on == TUESDAY.date()     # a meeting's decision is dated by the meeting
    meetings.set_agenda_item(m.id, 7, "Beslut om insatser och samverkanspartner",
                             decision="Bostadsbolaget sanerar klottret i Björkdalen.")

    draft = coordinator.protocols.protocol(m.id)
    assert draft.est_agencies == ("Socialtjänst", "Polis", "Bostadsbolag")
    assert [a.description for a in draft.est_actions] == ["Sanering av klotter inom 24 h"]
    assert draft.est_picture.total == 7 and not draft.est_frozen
    text = _text(render_protocol(draft))
    for expected in ("EST – PROTOKOLL LÄGESBILDSMÖTE", "Vecka 46 2026 (2026-11-09 – 2026-11-15)", "Närvarande aktörer:",
                     "Sanering av klotter inom 24 h", "BILAGA: EST-LÄGESBILD", "den låses när protokollet justeras",
                     "INTERN – EST-lägesbild", "UTKAST", "Olle Fager\nBostadsbolag"):
        assert expected in text, expected
    assert "SAMTYCKE" not in text

    meetings.set_protocol_status(m.id, "JUSTERING")
    est_world.as_("rapp_bostad").meetings.set_protocol_status(m.id, "JUSTERAT")   # the named adjuster
    # Registered after justering, in the same week: the live picture changes, the protocol does not.
    est_world.as_("rapp_polis").est_incidents.register(IncidentInput(
        category="SKADEGORELSE.GLASKROSS", area="Solbacka", occurred_on=date(2026, 11, 14), time_from=time(2, 0)))
    assert coordinator.est_picture.picture("2026-W46").total == 8
    approved = est_world.as_("rapp_polis").protocols.protocol(m.id)    # every reporter reads and prints it
    assert approved.est_frozen and approved.est_picture.total == 7 and approved.approved
    text = _text(render_protocol(approved))
    assert "som den var vid justeringen" in text and "UTKAST" not in text
    with est_world.db.session() as s:
        row = s.get(Meeting, m.id)
        assert protocol_hash(row) == row.content_hash                  # the frozen appendix is under the hash
        frozen = json.loads(row.frozen_content)["est"]
        assert frozen["picture"]["totals"]["total"]["count"] == 7
        assert s.scalar(select(EstAction.meeting_id).where(EstAction.id == decided.id)) == m.id
        row.frozen_content = row.frozen_content.replace('"count":7', '"count":9', 1)
        assert protocol_hash(row) != row.content_hash                  # a changed appendix no longer verifies
        s.rollback()
    with pytest.raises(ValidationError) as err:
        coordinator.est_meetings.add_action(m.id, ActionInput("För sent", "POLIS", TUESDAY.date()))
    assert err.value.code == "meeting.locked"


def test_who_may_do_what(est_world: World) -> None:
    _incidents(est_world)
    coordinator = est_world.as_("trygghet")
    m = coordinator.est_meetings.create(EstMeetingInput(starts_at=TUESDAY))
    reporter = est_world.as_("rapp_polis")
    assert reporter.meetings.get(m.id).id == m.id
    assert [x.id for x in reporter.est_meetings.list()] == [m.id]
    for attempt in (lambda: reporter.est_meetings.create(EstMeetingInput(starts_at=TUESDAY)),
                    lambda: reporter.meetings.set_agenda_item(m.id, 1, "Ändrad"),
                    lambda: reporter.est_meetings.add_action(m.id, ActionInput("x", "POLIS", TUESDAY.date())),
                    lambda: reporter.meetings.add_attendee(m.id, AttendeeInput(name="X", agency="POLIS"))):
        with pytest.raises(AccessDenied):
            attempt()
    coordinator.meetings.set_protocol_status(m.id, "JUSTERING")
    with pytest.raises(AccessDenied):   # not the named adjuster
        reporter.meetings.set_protocol_status(m.id, "JUSTERAT")
    # Case work and the steering group have nothing to do with EST meetings, and never list them.
    for outsider in ("samordnare", "styrgrupp", "admin"):
        with pytest.raises(AccessDenied):
            est_world.as_(outsider).meetings.get(m.id)
        with pytest.raises(AccessDenied):
            est_world.as_(outsider).est_meetings.list()
    assert all(x.meeting_type != "ESTMOTE" for x in est_world.as_("samordnare").meetings.list())
    with est_world.db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.entity_id == str(m.id)))]
    assert "MEETING_CREATE" in actions and "MEETING_READ" in actions


def test_bad_input_is_refused_and_changes_nothing(est_world: World) -> None:
    coordinator = est_world.as_("trygghet")
    for inp, code in ((EstMeetingInput(starts_at=TUESDAY, period="2026-W48"), "est.period_future"),
                      (EstMeetingInput(starts_at=TUESDAY, period="2026-01-01..2026-02-01"), "est.period"),
                      (EstMeetingInput(starts_at=TUESDAY, ends_at=datetime(2026, 11, 17, 8)),
                       "meeting.ends_before_start")):
        with pytest.raises(ValidationError) as err:
            coordinator.est_meetings.create(inp)
        assert err.value.code == code
    with pytest.raises(ValidationError) as err:   # booked only through the EST service, from its picture
        coordinator.meetings.create(MeetingInput(meeting_type="ESTMOTE", starts_at=TUESDAY, unit_id=1))
    assert err.value.code == "meeting.type"
    m = coordinator.est_meetings.create(EstMeetingInput(starts_at=TUESDAY, period="2026-W45"))
    assert m.est_period == "2026-W45"
    with pytest.raises(ValidationError) as err:
        coordinator.meetings.set_agenda_item(m.id, 3, "Lägesbild", note="Gäller 20100101-1234")
    assert err.value.code == "meeting.pnr_in_anonymised"
    with pytest.raises(ValidationError) as err:
        coordinator.est_meetings.add_action(m.id, ActionInput("Samtal med 20100101-1234", "SOC", TUESDAY.date()))
    assert err.value.code == "est.description_pnr"
    with est_world.db.session() as s:
        assert s.scalar(select(EstAction.id)) is None
        assert len(s.get(Meeting, m.id).agenda[2].note or "") > 0


def test_a_picture_thaws_back_to_the_same_value(est_world: World) -> None:
    _incidents(est_world)
    picture = est_world.as_("trygghet").est_picture.picture("2026-W46")
    data = json.loads(json.dumps(plain(picture)))
    assert thaw(EstPicture, data) == picture

