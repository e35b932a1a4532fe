"""One object that hands out every service for one acting user.

The CLI and the UI hold a ``Services`` after unlock; each attribute is a cheap
service bound to the same database and actor.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from ..domain.access import Actor
from .assessments import AssessmentService
from .audit_view import AuditViewService
from .case_view import CaseViewService
from .cases import CaseService
from .consents import ConsentService
from .dashboard import DashboardService
from .database import Database
from .journal import DisclosureService, JournalService
from .meetings import MeetingService
from .persons import PersonService
from .plans import PlanService
from .users import UserService


class Services:
    def __init__(self, db: Database, actor: Actor, *, today: date | None = None) -> None:
        self.db, self.actor, self.today = db, actor, today

    @property
    def local_file(self):
        """The database file these services work on, or None (a server database; the remote
        backend has None too): the window hides backup, restore and other file functions then."""
        return getattr(self.db, "path", None)

    def _make(self, cls):
        return cls(self.db, self.actor, today=self.today)

    @cached_property
    def users(self) -> UserService:
        return self._make(UserService)

    @cached_property
    def persons(self) -> PersonService:
        return self._make(PersonService)

    @cached_property
    def cases(self) -> CaseService:
        return self._make(CaseService)

    @cached_property
    def case_view(self) -> CaseViewService:
        return self._make(CaseViewService)

    @cached_property
    def consents(self) -> ConsentService:
        return self._make(ConsentService)

    @cached_property
    def assessments(self) -> AssessmentService:
        return self._make(AssessmentService)

    @cached_property
    def plans(self) -> PlanService:
        return self._make(PlanService)

    @cached_property
    def meetings(self) -> MeetingService:
        return self._make(MeetingService)

    @cached_property
    def journal(self) -> JournalService:
        return self._make(JournalService)

    @cached_property
    def disclosures(self) -> DisclosureService:
        return self._make(DisclosureService)

    @cached_property
    def dashboard(self) -> DashboardService:
        return self._make(DashboardService)

    @cached_property
    def audit_view(self) -> AuditViewService:
        return self._make(AuditViewService)

    @cached_property
    def exchange(self):
        from .exchange import ExchangeService
        return self._make(ExchangeService)

    @cached_property
    def integrity(self):
        from .integrity import IntegrityService
        return self._make(IntegrityService)

    @cached_property
    def protocols(self):
        from .protocols import ProtocolService
        return self._make(ProtocolService)

    @cached_property
    def emergency(self):
        from .emergency import EmergencyAccessService
        return self._make(EmergencyAccessService)

    @cached_property
    def extract(self):
        from .extract import ExtractService
        return self._make(ExtractService)

    @cached_property
    def backup(self):
        from .backup import BackupService
        return self._make(BackupService)

    @cached_property
    def log_review(self):
        from .log_review import LogReviewService
        return self._make(LogReviewService)

    @cached_property
    def retention(self):
        from .retention import RetentionService
        return self._make(RetentionService)

    @cached_property
    def statistics(self):
        from .statistics import StatisticsService
        return self._make(StatisticsService)

    @cached_property
    def earchive(self):
        from .earchive import EArchiveService
        return self._make(EArchiveService)

    @cached_property
    def demo(self):
        from .demo import DemoService
        return self._make(DemoService)

    @cached_property
    def est_setup(self):
        from .est_setup import EstSetupService
        return self._make(EstSetupService)

    @cached_property
    def est_incidents(self):
        from .est_incidents import EstIncidentService
        return self._make(EstIncidentService)

    @cached_property
    def est_import(self):
        from .est_import import EstImportService
        return self._make(EstImportService)

    @cached_property
    def est_actions(self):
        from .est_actions import EstActionService
        return self._make(EstActionService)

    @cached_property
    def est_picture(self):
        from .est_picture import EstPictureService
        return self._make(EstPictureService)

    @cached_property
    def est_meetings(self):
        from .est_meetings import EstMeetingService
        return self._make(EstMeetingService)

    #: One encrypted file, opened on one PC at a time: no colleague writes beside this window.
    shared_database = False

    def colleague_changes(self) -> bool:
        return False

    def as_user(self, actor: Actor) -> "Services":
        return Services(self.db, actor, today=self.today)
