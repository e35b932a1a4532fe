"""The content of printed documents, assembled by services and rendered by reports/.

A document DTO already holds only what its recipient may see: the service that
builds it applies the access policy and the consent scope for the recipient
agency, records the disclosure and writes the audit event. The renderer
(reportlab, in ``reports/``) only lays it out; it never decides what to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .est_dto import ActionDTO
from .est_picture_dto import EstPicture


@dataclass(frozen=True, slots=True)
class AttendeeLine:
    name: str
    function: str
    organisation: str
    role: str              # Swedish label of the role in the meeting, "" for an ordinary participant
    present: bool
    part_note: str = ""


@dataclass(frozen=True, slots=True)
class AgendaSection:
    number: int
    heading: str
    note: str = ""
    decision: str = ""
    internal_of: str = ""  # agency label when the section is that agency's internal note


@dataclass(frozen=True, slots=True)
class PlanLine:
    goal: str
    action: str
    responsible: str       # "Namn, Organisation"
    due: date | None
    follow_up: date | None
    status: str            # Swedish label


@dataclass(frozen=True, slots=True)
class CorrectionLine:
    created_at: datetime
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class ProtocolDocument:
    """One meeting's protocol as one recipient may see it (DOMAIN.md §2.2)."""

    organisation: str                  # municipality / committee name for the header
    title: str                         # e.g. "SSPF – MINNESANTECKNINGAR / PROTOKOLL"
    secrecy_marking: str               # e.g. "SEKRETESS enligt 26 kap. 1 § OSL …"
    reference: str | None              # case reference (Dnr/Ärende-ID); None for group meetings
    meeting_type: str                  # Swedish label
    unit_area: str                     # "SSPF Tureberg / Tureberg"
    starts_at: datetime
    ends_at: datetime | None
    place: str                         # "" when withheld for protected identity
    person_line: str                   # "Förnamn Efternamn, ÅÅÅÅMMDD-XXXX, skola/klass: …" or protected text or ""
    consent_line: str                  # valid / signed by / covers / valid until, or legal basis, or anonymised
    attendees: tuple[AttendeeLine, ...]
    agenda: tuple[AgendaSection, ...]
    plan: tuple[PlanLine, ...]
    plan_version: str                  # "gäller från 2026-10-14, version 2" or ""
    next_meeting: str                  # "2026-12-02 kl. 14.00, Turebergsskolan. Kallas av: …" or ""
    chair: str
    secretary: str
    adjuster: str
    distribution: tuple[str, ...]      # recipients covered by the consent (agency labels / names)
    guardians_informed: str
    status: str                        # Swedish label of UTKAST / JUSTERING / JUSTERAT
    approved: bool
    content_hash: str | None
    approved_at: datetime | None
    corrections: tuple[CorrectionLine, ...]
    printed_at: datetime
    printed_by: str
    recipient: str                     # "Socialtjänst" etc., or "Fullständig version (intern)"
    omitted: tuple[str, ...] = ()      # sentences telling the reader what was left out and why
    anonymised: bool = False
    # An EST meeting: the lägesbild it discussed (printed as the appendix) and the actions it decided.
    est_picture: EstPicture | None = None
    est_actions: tuple[ActionDTO, ...] = ()
    est_frozen: bool = False           # the appendix as it stood at justering
    est_agencies: tuple[str, ...] = ()  # the agencies present (labels, vocabulary order): attendance by agency


@dataclass(frozen=True, slots=True)
class PlanPrintout:
    """The åtagandeplan in plain language for the young person and the family."""

    organisation: str
    person_name: str
    reference: str
    valid_from: date | None
    goals: tuple[str, ...]
    rows: tuple[tuple[str, str, str], ...]     # (what, who, when) in plain words
    contact: str                               # who to call with questions
    printed_at: datetime
    printed_by: str


@dataclass(frozen=True, slots=True)
class ExtractSection:
    title: str
    rows: tuple[tuple[str, ...], ...]
    headers: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class RegisterExtract:
    """Registerutdrag (GDPR art. 15): everything about one person, after the secrecy review."""

    organisation: str
    person_name: str
    personnummer: str
    sections: tuple[ExtractSection, ...]
    withheld: tuple[str, ...]          # what the review withholds under secrecy, and the ground
    printed_at: datetime
    printed_by: str
    data: dict = field(default_factory=dict)  # the same content as a JSON-ready dict
