"""The EST demo's meetings: last Tuesday's lägesbild meeting, justerat, and next Tuesday's draft.

Made through the real services as the demo coordinator and the housing company's reporter
(the named adjuster), so the agenda is drafted from the demo's own picture and the justerat
protocol carries the frozen lägesbild exactly as a real one does. Names are the demo accounts'
and fictional colleagues'; nothing refers to a person in a case.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ...store.models import Meeting, User
from ..database import Database, actor_for
from ..est_actions import ActionInput
from ..est_meetings import EST_MEETING, EstMeetingInput, EstMeetingService
from ..meetings import AttendeeInput, MeetingService

#: (name, agency, role in the meeting): the weekly EST group of the demo.
ATTENDEES = (("Nora Almgren", "SOC", "ORDFORANDE"), ("Jonas Berg", "POLIS", "DELTAGARE"),
             ("Olle Fager", "BOSTAD", "JUSTERARE"), ("Selma Lind", "FRITID", "DELTAGARE"),
             ("Karin Åkesson", "SKOLA", "DELTAGARE"))
#: (what, who does it, days to do it); the area is the picture's first hotspot
DECISIONS = (("Förstärkt fältarbete fredag och lördag 20–24", "FRITID", 4),
             ("Sanering av klotter inom 24 timmar", "BOSTAD", 1),
             ("Polisiär närvaro vid centrum fredag kväll", "POLIS", 4))


def generate_est_meetings(db: Database, today: date) -> int:
    """Both meetings (nothing when the demo has EST meetings already); returns how many were made."""
    with db.session() as s:
        if s.scalar(select(Meeting.id).where(Meeting.meeting_type == EST_MEETING).limit(1)) is not None:
            return 0
        users = {u.username: actor_for(u) for u in s.scalars(
            select(User).where(User.username.in_(("trygghetssamordnare", "rapportor"))))}
    coordinator, adjuster = users.get("trygghetssamordnare"), users.get("rapportor")
    if coordinator is None or adjuster is None:
        return 0
    last = today - timedelta(days=(today.weekday() - 1) % 7 or 7)    # the last Tuesday before today
    made = 0
    for day, approve in ((last, True), (last + timedelta(days=7), False)):
        est = EstMeetingService(db, coordinator, today=today)
        meeting = est.create(EstMeetingInput(starts_at=datetime.combine(day, time(9, 0)),
                                             ends_at=datetime.combine(day, time(10, 30)),
                                             place="Kommunhuset, rum Ekhagen", adjuster_user_id=adjuster.user_id))
        made += 1
        if not approve:
            continue
        meetings = MeetingService(db, coordinator, today=today)
        for name, agency, role in ATTENDEES:
            meetings.add_attendee(meeting.id, AttendeeInput(name=name, agency=agency, meeting_role=role))
        hotspot = next((i.heading.split(":")[0] for i in meeting.agenda if i.heading.endswith(" läge")), None)
        for what, who, days in DECISIONS:
            est.add_action(meeting.id, ActionInput(what, who, day, area=hotspot, due_on=day + timedelta(days=days)))
        decided = next(i for i in meeting.agenda if i.heading.startswith("Beslut om insatser"))
        meetings.set_agenda_item(meeting.id, decided.number, decided.heading,
                                 decision="Beslutade åtgärder enligt listan nedan; uppföljning nästa vecka.")
        meetings.set_protocol_status(meeting.id, "JUSTERING")
        MeetingService(db, adjuster, today=today).set_protocol_status(meeting.id, "JUSTERAT")
    return made
