"""Builders for gallring tests: full cases carrying marker strings, closed long ago.

Each case gets a unique marker in the person's name, a journal entry (FTS-indexed),
a consent's youth opinion, a protocol note, a plan goal, a disclosure and a guardian;
then its dates are moved back (direct model updates: the services always stamp
today) so the retention rule makes it due.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select, update

from trygg_desktop.domain.access import Actor
from trygg_desktop.services.consents import ConsentInput
from trygg_desktop.services.database import actor_for
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.services.plans import GoalInput
from trygg_desktop.store.models import (Case, CaseStatusChange, Consent, Disclosure, JournalEntry, Meeting, User)

from .conftest import PASSWORD, World, test_pnr
from .scenarios import sspf_case


@dataclass(frozen=True)
class Aged:
    case_id: int
    person_id: int
    reference: str
    markers: tuple[str, ...]


def archivist(world: World, username: str = "arkiv") -> Actor:
    """An ARKIVANSVARIG user, created through the admin's user service."""
    if username not in world.actors:
        world.as_("admin").users.add_user(username, PASSWORD, agency="SOC", roles=["ARKIVANSVARIG"], units=[],
                                          display_name="Arkivansvarig")
        with world.db.session() as s:
            world.actors[username] = actor_for(s.scalar(select(User).where(User.username == username)))
    return world.actors[username]


def marked_case(world: World, tag: str, *, closed: date | None = date(2019, 3, 1),
                born: date = date(2009, 4, 7), last_entry: date | None = None) -> Aged:
    """An SSPF case whose every text field carries ``Zq<tag>…`` markers, closed on ``closed``."""
    first, last = f"Zqfn{tag}", f"Zqln{tag}"
    markers = (first, last, f"Zqjournal{tag}", f"Zqconsent{tag}", f"Zqprotocol{tag}", f"Zqgoal{tag}",
               f"Zqdisclosure{tag}", f"Zqguardian{tag}")
    built = sspf_case(world, first=first, last=last, born=born)
    s = world.as_("samordnare")
    serial = 980 + zlib.crc32(tag.encode()) % 20
    guardian = s.persons.register(PersonInput(f"Zqguardian{tag}", "Vardnadshavare",
                                              pnr=test_pnr(1980, born.month, born.day, serial)))
    s.persons.add_guardian(built.person_id, guardian.id)
    s.journal.add(JournalInput(built.case_id, world.today - timedelta(days=3), "SAMTAL",
                               f"Samtal med {first} om skolan. Zqjournal{tag} nämndes."))
    m = s.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 5, 14, 0), case_id=built.case_id,
                                       place="Turebergsskolan"))
    s.meetings.add_attendee(m.id, AttendeeInput("Sara Samordnare", agency="SOC", meeting_role="ORDFORANDE"))
    s.meetings.set_agenda_item(m.id, 4, "Aktuell situation", note=f"Zqprotocol{tag} lägesbild")
    plan = s.plans.new_version(built.case_id, date(2026, 11, 1), meeting_id=m.id)
    s.plans.add_goal(plan.id, GoalInput(f"Zqgoal{tag} närvaro"))
    s.disclosures.record(built.case_id, what=f"Zqdisclosure{tag}", recipient_agency="SKOLA",
                         legal_basis="SAMTYCKE")
    # Last: a draft consent becomes the current one and would block meeting work.
    s.consents.create(ConsentInput(case_id=built.case_id, purpose="Förnyelse", scope_agencies=(("SOC", ""),),
                                   scope_information=("BETEENDE",), valid_from=world.today - timedelta(days=2),
                                   valid_to=world.today + timedelta(days=200), youth_opinion=f"Zqconsent{tag}"))
    if closed is not None:
        close_back(world, built.case_id, closed, last_entry or closed)
    return Aged(built.case_id, built.person_id, built.reference, markers)


def close_back(world: World, case_id: int, closed: date, last_entry: date) -> None:
    """Close the case on ``closed`` and move every entry date back to ``last_entry``."""
    at = datetime.combine(last_entry, datetime.min.time()).replace(hour=10)  # the meeting's wall time
    written = at.astimezone(timezone.utc)  # the instants: the same local 10:00
    with world.db.session() as s:
        s.execute(update(Case).where(Case.id == case_id).values(status="AVSLUTAD", closed_at=closed,
                                                               closure_reason="MAL_UPPNATT"))
        s.execute(update(JournalEntry).where(JournalEntry.case_id == case_id).values(event_date=last_entry,
                                                                                     written_at=written))
        s.execute(update(CaseStatusChange).where(CaseStatusChange.case_id == case_id).values(changed_at=written))
        s.execute(update(Disclosure).where(Disclosure.case_id == case_id).values(disclosed_at=written))
        s.execute(update(Meeting).where(Meeting.case_id == case_id).values(starts_at=at))
        s.execute(update(Consent).where(Consent.case_id == case_id).values(valid_from=last_entry - timedelta(days=30),
                                                                           valid_to=last_entry))
