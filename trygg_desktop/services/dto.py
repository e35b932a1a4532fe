"""Frozen results that leave the service layer (never live ORM rows).

The UI, the CLI, the reports and the exchange format all read these, so a Qt
model can never trigger a lazy load and every way in shares one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .meeting_dto import MeetingDTO


@dataclass(frozen=True, slots=True)
class UnitDTO:
    id: int
    name: str
    case_kind: str | None
    area: str | None
    agency: str


@dataclass(frozen=True, slots=True)
class UserDTO:
    id: int
    username: str
    display_name: str
    title: str | None
    agency: str
    roles: tuple[str, ...]
    unit_ids: tuple[int, ...]
    active: bool


@dataclass(frozen=True, slots=True)
class PersonDTO:
    id: int
    pnr: str | None             # 12 digits, or the masked form when the reader may not see it
    pnr_masked: bool
    reserve_id: str | None
    first_name: str
    last_name: str
    birth_date: date | None
    legal_gender: str
    protected_identity: str
    school: str | None          # None when hidden by protected identity (details_hidden)
    school_class: str | None
    phone: str | None
    email: str | None
    address: str | None
    postal_code: str | None
    city: str | None
    details_hidden: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class GuardianDTO:
    person: PersonDTO
    has_custody: bool
    relation: str | None


@dataclass(frozen=True, slots=True)
class CaseSummary:
    id: int
    kind: str
    reference: str
    status: str
    person_id: int
    person_name: str
    pnr_display: str | None
    unit_id: int
    unit_name: str
    area: str | None
    responsible_user_id: int | None
    referral_date: date
    follow_up_date: date | None
    protected_identity: str
    consent_light: str


@dataclass(frozen=True, slots=True)
class StatusChangeDTO:
    from_status: str | None
    to_status: str
    reason: str | None
    changed_at: datetime
    changed_by: int | None


@dataclass(frozen=True, slots=True)
class SignatoryDTO:
    id: int
    person_id: int | None
    role: str
    signed_at: date | None
    method: str | None
    declined: bool


@dataclass(frozen=True, slots=True)
class ConsentDTO:
    id: int
    case_id: int
    subject_person_id: int
    purpose: str
    scope_agencies: tuple[tuple[str, str], ...]   # (agency, named organisation)
    scope_information: tuple[str, ...]
    valid_from: date
    valid_to: date
    joint_custody: bool
    single_guardian_exception: str | None
    youth_opinion: str | None
    status: str
    light: str
    required_signatories: tuple[str, ...]
    signatories: tuple[SignatoryDTO, ...]
    revoked_at: date | None
    revocation_channel: str | None
    revocation_note: str | None


@dataclass(frozen=True, slots=True)
class AssessmentItemDTO:
    domain: str
    risk: int
    protection: int
    note: str | None
    source_agency: str


@dataclass(frozen=True, slots=True)
class AssessmentDTO:
    id: int
    case_id: int
    assessed_on: date
    owning_agency: str
    visibility: str
    youth_view: str | None
    guardian_view: str | None
    note: str | None
    items: tuple[AssessmentItemDTO, ...]


@dataclass(frozen=True, slots=True)
class RiskLevelDTO:
    id: int
    level: str
    assessed_on: date
    assessing_agency: str
    note: str | None


@dataclass(frozen=True, slots=True)
class ThreatAssessmentDTO:
    id: int
    assessed_by_agency: str
    assessed_on: date
    level: str
    summary: str | None
    review_date: date | None


@dataclass(frozen=True, slots=True)
class BreachDTO:
    occurred_on: date
    breach_type: str
    consequence: str | None


@dataclass(frozen=True, slots=True)
class ConditionsDTO:
    id: int
    signed_at: date | None
    conditions: tuple[str, ...]
    drug_test_schedule: str | None
    breaches: tuple[BreachDTO, ...]


@dataclass(frozen=True, slots=True)
class InstrumentDTO:
    id: int
    instrument: str
    assessed_on: date
    assessor: str
    overall_risk: str | None
    summary: str | None
    owning_agency: str


@dataclass(frozen=True, slots=True)
class GoalDTO:
    id: int
    text: str
    area: str | None
    indicator: str | None
    baseline: str | None
    target: str | None
    target_date: date | None
    status: str
    information_category: str | None = None   # the effective one (chosen or derived)


@dataclass(frozen=True, slots=True)
class ActionDTO:
    id: int
    plan_id: int
    goal_id: int | None
    description: str
    action_type: str | None
    measure_type: str | None
    support_area: str | None
    responsible_agency: str
    responsible_person: str | None
    responsible_user_id: int | None
    due_date: date | None
    status: str
    status_reason: str | None
    follow_up_date: date | None
    outcome: str | None
    overdue: bool
    created_in_meeting_id: int | None = None
    closed_in_meeting_id: int | None = None
    information_category: str | None = None   # the effective one (chosen or derived)
    version: int = 1                          # give it back when changing the status (conflict check)


@dataclass(frozen=True, slots=True)
class PlanDTO:
    id: int
    case_id: int
    version: int
    valid_from: date
    goals: tuple[GoalDTO, ...]
    actions: tuple[ActionDTO, ...]
    hidden_actions: int = 0     # actions of other agencies outside this reader's consent
    hidden_goals: int = 0       # goals whose information category the consent does not give this reader






@dataclass(frozen=True, slots=True)
class JournalDTO:
    id: int
    case_id: int
    event_date: date
    written_at: datetime
    author_user_id: int | None
    author_name: str
    author_title: str | None
    entry_type: str
    text: str
    source: str | None
    owning_agency: str
    visibility: str
    information_category: str
    corrects_id: int | None
    corrected_by: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DisclosureDTO:
    id: int
    case_id: int | None
    person_id: int | None
    what: str
    recipient_agency: str
    recipient_name: str | None
    legal_basis: str
    legal_basis_text: str | None
    harm_assessment: str | None
    channel: str | None
    decided_by_user_id: int | None
    disclosed_at: datetime



@dataclass(frozen=True, slots=True)
class AssignmentDTO:
    user_id: int
    role_in_case: str
    assigned_at: datetime


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """Everything the case view shows, filtered to what the reader may see."""

    summary: CaseSummary
    person: PersonDTO
    guardians: tuple[GuardianDTO, ...]
    referring_agency: str | None
    referring_person: str | None
    concerns: tuple[str, ...]
    description: str | None
    urgency: str
    orosanmalan: str
    environment: str | None
    closed_at: date | None
    closure_reason: str | None
    closure_note: str | None
    linked_case_id: int | None
    access_level: str
    consents: tuple[ConsentDTO, ...] = ()
    assessments: tuple[AssessmentDTO, ...] = ()
    instruments: tuple[InstrumentDTO, ...] = ()
    risk_levels: tuple[RiskLevelDTO, ...] = ()
    threat_assessments: tuple[ThreatAssessmentDTO, ...] = ()
    conditions: tuple[ConditionsDTO, ...] = ()
    plan: PlanDTO | None = None
    meetings: tuple[MeetingDTO, ...] = ()
    journal: tuple[JournalDTO, ...] = ()
    disclosures: tuple[DisclosureDTO, ...] = ()
    status_history: tuple[StatusChangeDTO, ...] = ()
    allowed_transitions: tuple[str, ...] = ()
    withheld: tuple[str, ...] = field(default=())   # names of sections withheld from this reader
    assignments: tuple[AssignmentDTO, ...] = ()
    # Set when the reader sees the case through an emergency grant (access_level EMERGENCY):
    # when that READ-only access ends (aware UTC).
    emergency_until: datetime | None = None
    # Whether this reader may ask for the protected details that ``person`` and ``guardians``
    # leave out (``details_hidden``): ``persons.reveal_protected``, audited.
    may_reveal_protected: bool = False
    # Whether the case has a plan at all, also when ``plan`` is None because this reader
    # may not read it: the case header's next step says "no plan" only when there is none.
    plan_exists: bool = False
    # The case's version: give it back when changing its status or follow-up date (conflict check).
    version: int = 1
