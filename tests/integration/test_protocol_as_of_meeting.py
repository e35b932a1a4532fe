"""A protocol states the facts of its meeting day and never changes once justerat (issue 12, item 1).

The reviewer's case: a protocol printed the consent in force *today* (a renewal that
ran to 2027) instead of the one in force at the meeting, and nothing stopped a named
SSPF meeting from being booked on a day no consent covered.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.services.base import consent_status_now
from trygg_desktop.services.consents import ConsentInput
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.services.protocol_facts import protocol_hash
from trygg_desktop.store.models import Consent, ConsentSignatory, Meeting

from ..conftest import World
from .test_protocols import MEETING_AT, build, service


def _renew(world: World, case_id: int) -> None:
    """A renewal registered after the meeting: wider scope, a later end, signed today."""
    soc = world.as_("samordnare")
    c = soc.consents.create(ConsentInput(
        case_id=case_id, purpose="SSPF-samverkan (förnyat)", scope_agencies=(("SOC", ""), ("SKOLA", ""), ("POLIS", "")),
        scope_information=("SKOLGANG_NARVARO", "BETEENDE", "POLISIARA_UPPGIFTER"), valid_from=world.today,
        valid_to=world.today + timedelta(days=700), joint_custody=False, single_guardian_exception="Ensam vårdnad"))
    soc.consents.sign(c.id, "GUARDIAN_1", world.today)
    soc.consents.sign(c.id, "YOUTH", world.today)


def test_protocol_states_the_consent_of_the_meeting_day_not_a_later_renewal(world: World) -> None:
    x = build(world)
    _renew(world, x.case_id)
    doc = service(world).protocol(x.meeting_id)
    assert doc.consent_line.startswith("Giltigt ✔")
    assert "Omfattar: Socialtjänst, Skola." in doc.consent_line           # not the renewal's Polis
    assert f"Giltigt t.o.m.: {world.today + timedelta(days=300):%Y-%m-%d}." in doc.consent_line
    assert f"{world.today + timedelta(days=700):%Y-%m-%d}" not in doc.consent_line
    assert doc.distribution == ("Socialtjänst", "Skola")


def test_signature_given_after_the_meeting_is_not_stated_as_valid(world: World) -> None:
    """Stored data from before this rule: a meeting held while the consent was only partly
    signed states "Delvis undertecknat", not today's validity."""
    x = build(world)
    with world.db.session() as s:  # the youth signed only the day after the meeting
        youth = s.scalar(select(ConsentSignatory).join(Consent).where(Consent.case_id == x.case_id,
                                                                      ConsentSignatory.role == "YOUTH"))
        youth.signed_at = MEETING_AT.date() + timedelta(days=1)
        s.flush()
        assert consent_status_now(s, s.get(Consent, youth.consent_id), world.today) == "VALID"   # today, not then
    doc = service(world).protocol(x.meeting_id)
    assert doc.consent_line.startswith("Delvis undertecknat ✘"), doc.consent_line
    assert "Ungdom" not in doc.consent_line
    assert doc.distribution == ()  # nothing may be distributed on an invalid consent


def test_justerat_protocol_is_frozen_and_its_hash_covers_what_it_prints(world: World) -> None:
    x = build(world)
    soc = world.as_("samordnare")
    soc.meetings.set_protocol_status(x.meeting_id, "JUSTERING")
    locked = soc.meetings.set_protocol_status(x.meeting_id, "JUSTERAT")
    before = service(world).protocol(x.meeting_id)
    plan = soc.plans.get_current(x.case_id)
    action = next(a for a in plan.actions if a.description.startswith("Närvaroplan"))
    soc.plans.set_action_status(action.id, "PAGAR")
    soc.plans.set_action_status(action.id, "GENOMFORD")
    _renew(world, x.case_id)
    after = service(world).protocol(x.meeting_id)
    assert after.consent_line == before.consent_line and after.distribution == before.distribution
    # The same frozen lines (the printer may now read one more, under the renewal's wider scope).
    assert set((p.action, p.status) for p in before.plan) <= set((p.action, p.status) for p in after.plan)
    assert ("Närvaroplan och daglig kontakt", "Planerad") in [(p.action, p.status) for p in after.plan]
    assert after.content_hash == locked.content_hash
    with world.db.session() as s:
        m = s.get(Meeting, x.meeting_id)
        assert m.frozen_content and protocol_hash(m) == m.content_hash
        m.frozen_content = m.frozen_content.replace("Närvaroplan", "Närvaro")   # tampering with what it states
        assert protocol_hash(m) != m.content_hash


def test_named_meeting_needs_a_consent_valid_on_the_meeting_day(world: World) -> None:
    x = build(world)
    soc = world.as_("samordnare")
    after_expiry = datetime.combine(world.today + timedelta(days=310), MEETING_AT.time())
    before_consent = datetime.combine(world.today - timedelta(days=25), MEETING_AT.time())
    for when in (after_expiry, before_consent):
        with pytest.raises(ValidationError) as err:
            soc.meetings.create(MeetingInput("UPPFOLJNINGSMOTE", when, case_id=x.case_id))
        assert err.value.code == "meeting.consent_required"
    soon = soc.meetings.create(MeetingInput("UPPFOLJNINGSMOTE", datetime.combine(world.today + timedelta(days=10),
                                                                                 MEETING_AT.time()), case_id=x.case_id))
    assert soon.id
    with world.db.session() as s:
        assert s.scalar(select(Meeting.id).where(Meeting.starts_at == after_expiry)) is None
