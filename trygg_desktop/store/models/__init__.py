"""ORM models. Importing this package registers every table on ``Base.metadata``."""

from .assessment import (Assessment, AssessmentItem, ConditionBreach, Conditions, InstrumentReference,
                         RiskLevelEntry, ThreatAssessment)
from .audit import AuditEvent
from .base import Base
from .cases import Case, CaseAssignment, CaseReferenceCounter, CaseStatusChange
from .consent import Consent, ConsentSignatory
from .emergency import EmergencyGrant
from .est import EstAction, EstArea, EstCategory, EstIncident, EstPlace
from .journal import Disclosure, JournalEntry
from .meetings import AgendaItem, Attendee, Meeting, ProtocolCorrection
from .org import Agency, Meta, ServerCredential, Unit, User, UserRole, UserUnit
from .people import Guardianship, Person
from .plans import Action, Goal, Plan
from .retention import DisposalLog, LegalHold, RetentionRule
from .review import AuditReview
from .utc import UtcDateTime, from_stored, stored_text, to_stored, utcnow

__all__ = [
    "Action", "Agency", "AgendaItem", "Assessment", "AssessmentItem", "Attendee", "AuditEvent", "AuditReview", "Base",
    "Case", "CaseAssignment", "CaseReferenceCounter", "CaseStatusChange", "ConditionBreach", "Conditions",
    "Consent", "ConsentSignatory", "Disclosure", "EmergencyGrant", "EstAction", "EstArea", "EstCategory",
    "EstIncident", "EstPlace", "Goal", "Guardianship", "InstrumentReference",
    "JournalEntry", "Meeting", "Meta", "Person", "Plan", "ProtocolCorrection", "RiskLevelEntry",
    "ServerCredential", "ThreatAssessment", "Unit", "User", "UserRole", "UserUnit", "UtcDateTime", "from_stored", "stored_text", "to_stored", "utcnow",
    "DisposalLog", "LegalHold", "RetentionRule",
]
