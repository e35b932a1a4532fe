"""What callers build to ask the services something: input and filter dataclasses, and the
few limits and vocabularies a form checks before it calls (a personnummer pattern, the
statistics threshold's range, the log review's flag kinds).

Each is defined beside the service that validates it; the callers find them all here. Two
names clash between the SSPF and the EST services; the EST ones carry the prefix.
"""

from ..services.assessments import ItemInput
from ..services.audit_view import AuditFilter
from ..services.cases import CaseFilter, Referral
from ..services.consents import ConsentInput
from ..services.est_actions import ActionInput as EstActionInput
from ..services.est_incidents import IncidentInput
from ..services.est_meetings import EST_MEETING, EstMeetingInput, default_period
from ..services.journal import JournalInput
from ..services.log_review import FLAG_KINDS, ReviewFilter
from ..services.meetings import PNR_PATTERN, AttendeeInput, MeetingInput
from ..services.persons import PersonInput, normalise_person
from ..services.plans import ActionInput, GoalInput
from ..services.statistics import MAX_THRESHOLD, MIN_THRESHOLD

__all__ = [
    "EST_MEETING", "FLAG_KINDS", "MAX_THRESHOLD", "MIN_THRESHOLD", "PNR_PATTERN", "ActionInput", "AttendeeInput",
    "AuditFilter", "CaseFilter", "ConsentInput", "EstActionInput", "EstMeetingInput", "GoalInput",
    "IncidentInput", "ItemInput", "JournalInput", "MeetingInput", "PersonInput", "Referral", "ReviewFilter",
    "default_period", "normalise_person",
]
