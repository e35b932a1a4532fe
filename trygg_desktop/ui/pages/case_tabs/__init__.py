"""The tabs of the case view, one module per tab group; each fills itself from
the one ``CaseDetail`` the page's ``CaseSession`` loads (its ``loaded`` signal) and empties
itself completely in ``clear`` (its ``cleared`` signal)."""

from .assessment import AssessmentTab
from .consent import ConsentTab
from .disclosures import DisclosuresTab
from .history import HistoryTab
from .journal import JournalTab
from .meetings import MeetingsTab
from .overview import OverviewTab
from .plan import PlanTab

__all__ = ["AssessmentTab", "ConsentTab", "DisclosuresTab", "HistoryTab", "JournalTab", "MeetingsTab",
           "OverviewTab", "PlanTab"]
