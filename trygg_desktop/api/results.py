"""The results the services answer with: frozen DTOs, never ORM rows.

The window, the CLI, the PDF reports and the remote client all read these same classes (the
client decodes the server's JSON into them), so they are one list here whichever service
module defines them. Also here: the headings and secrecy markings the services put on the
documents they hand to ``reports/``.
"""

from ..services.dashboard import Dashboard, DashboardRow
from ..services.documents import (AgendaSection, AttendeeLine, ExtractSection, PlanPrintout, ProtocolDocument,
                                  RegisterExtract)
from ..services.audit_dto import AuditEventDTO, EmergencyCandidate, EmergencyGrantDTO
from ..services.dto import (ActionDTO, AssessmentDTO, AssessmentItemDTO, CaseDetail, CaseSummary, ConsentDTO,
                            DisclosureDTO, GuardianDTO, JournalDTO, PersonDTO, PlanDTO, SignatoryDTO,
                            StatusChangeDTO, UnitDTO, UserDTO)
from ..services.meeting_dto import AgendaItemDTO, MeetingDTO
from ..services.earchive import EArchiveCandidate, EArchiveInfo
from ..services.est_dto import ActionDTO as EstActionDTO
from ..services.est_dto import EstSetup, IncidentDTO
from ..services.est_picture import MARKING as EST_MARKING
from ..services.est_picture import TITLE as EST_TITLE
from ..services.est_picture_dto import EstAreaRow, EstMapArea, EstPicture
from ..services.log_review import ChainSummary, ReviewReport, ReviewRow, ReviewSignOff
from ..services.retention_dto import DisposalResult, DueRecord, LegalHoldDTO, RuleDTO
from ..services.statistics_dto import Chart, FollowUpReport, Section, StatTable
from ..services.statistics_export import MARKING as STATISTICS_MARKING
from ..services.statistics_export import TITLE as STATISTICS_TITLE

__all__ = [
    "ActionDTO", "AgendaItemDTO", "AgendaSection", "AssessmentDTO", "AssessmentItemDTO", "AttendeeLine",
    "AuditEventDTO", "CaseDetail", "CaseSummary", "ChainSummary", "Chart", "ConsentDTO", "Dashboard",
    "DashboardRow", "DisclosureDTO", "DisposalResult", "DueRecord", "EArchiveCandidate", "EArchiveInfo",
    "EST_MARKING", "EST_TITLE", "EmergencyCandidate", "EmergencyGrantDTO", "EstActionDTO", "EstAreaRow",
    "EstMapArea", "EstPicture", "EstSetup", "ExtractSection", "FollowUpReport", "GuardianDTO", "IncidentDTO",
    "JournalDTO", "LegalHoldDTO", "MeetingDTO", "PersonDTO", "PlanDTO", "PlanPrintout", "ProtocolDocument",
    "RegisterExtract", "ReviewReport", "ReviewRow", "ReviewSignOff", "RuleDTO", "STATISTICS_MARKING",
    "STATISTICS_TITLE", "Section", "SignatoryDTO", "StatTable", "StatusChangeDTO", "UnitDTO", "UserDTO",
]
