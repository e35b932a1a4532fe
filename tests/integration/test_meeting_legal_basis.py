"""An agency outside the consent attends a case meeting only on a recorded legal basis.

The attendance is then a disclosure (OSL 10 kap.), registered with the basis in the
same transaction as the attendee and audited with the DISCLOSURE flag.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.store.models import AuditEvent

from ..conftest import World
from ..scenarios import sspf_case


def _meeting(world: World):
    built = sspf_case(world)
    soc = world.as_("samordnare")
    meeting = soc.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 20, 14), case_id=built.case_id))
    return built, soc, meeting


def test_outside_consent_refused_without_basis_and_allowed_with_one(world: World) -> None:
    built, soc, meeting = _meeting(world)
    with pytest.raises(ValidationError) as err:
        soc.meetings.add_attendee(meeting.id, AttendeeInput("Fia Fältare", "Fältassistent", "Fritid", "FRITID"))
    assert err.value.code == "meeting.attendee_consent"
    assert soc.disclosures.list(built.case_id) == []

    updated = soc.meetings.add_attendee(meeting.id, AttendeeInput(
        "Fia Fältare", "Fältassistent", "Fritid", "FRITID", legal_basis="OSL_10_18a"))
    assert [a.name for a in updated.attendees] == ["Fia Fältare"]

    (d,) = soc.disclosures.list(built.case_id)
    assert d.recipient_agency == "FRITID" and d.recipient_name == "Fia Fältare"
    assert d.legal_basis == "OSL_10_18a" and d.legal_basis_text is None and d.channel == "möte"
    assert d.what == f"Deltagande i möte Nätverksmöte 2026-11-20 ({built.reference})"
    assert d.person_id == built.person_id
    with world.db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "DISCLOSURE_CREATE")).all()
    assert len(events) == 1 and events[0].flags == "DISCLOSURE" and events[0].case_id == built.case_id


def test_covered_agency_records_no_disclosure(world: World) -> None:
    built, soc, meeting = _meeting(world)
    soc.meetings.add_attendee(meeting.id, AttendeeInput("Anna Mentor", "Mentor", "Turebergsskolan", "SKOLA",
                                                        legal_basis="OSL_10_18a"))
    assert soc.disclosures.list(built.case_id) == []


@pytest.mark.parametrize(("basis", "text", "code"), [
    ("OTHER", None, "meeting.legal_basis_text"),
    ("OTHER", "   ", "meeting.legal_basis_text"),
    ("SAMTYCKE", None, "meeting.legal_basis"),
    ("ANONYMISERAD", None, "meeting.legal_basis"),
    ("NO_SUCH_LAW", None, "meeting.legal_basis"),
])
def test_bad_basis_refused(world: World, basis: str, text: str | None, code: str) -> None:
    built, soc, meeting = _meeting(world)
    with pytest.raises(ValidationError) as err:
        soc.meetings.add_attendee(meeting.id, AttendeeInput("Fia Fältare", agency="FRITID", legal_basis=basis,
                                                            legal_basis_text=text))
    assert err.value.code == code
    assert not soc.meetings.get(meeting.id).attendees
    assert soc.disclosures.list(built.case_id) == []


def test_other_basis_with_text_is_recorded(world: World) -> None:
    built, soc, meeting = _meeting(world)
    soc.meetings.add_attendee(meeting.id, AttendeeInput("Fia Fältare", agency="FRITID", legal_basis="OTHER",
                                                        legal_basis_text=" OSL 25 kap. 12 § "))
    (d,) = soc.disclosures.list(built.case_id)
    assert d.legal_basis == "OTHER" and d.legal_basis_text == "OSL 25 kap. 12 §"
