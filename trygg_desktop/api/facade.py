"""The typed facade the window and the CLI hold after sign-in, and the interface it shares
with the remote backend.

``Services`` (local: the services in this process on the unlocked file) and
``client.RemoteServices`` (the same calls over HTTPS to ``trygg-server``) answer the same
attribute names with the same DTOs. ``Backend`` writes that common shape down, so a page or
a command is typed against what both have; ``tests/unit/test_api.py`` checks that both
satisfy it and that it names every service of the facade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..services.facade import Services

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from ..domain.access import Actor
    from ..services.assessments import AssessmentService
    from ..services.audit_view import AuditViewService
    from ..services.backup import BackupService
    from ..services.case_view import CaseViewService
    from ..services.cases import CaseService
    from ..services.consents import ConsentService
    from ..services.dashboard import DashboardService
    from ..services.demo import DemoService
    from ..services.earchive import EArchiveService
    from ..services.emergency import EmergencyAccessService
    from ..services.est_actions import EstActionService
    from ..services.est_import import EstImportService
    from ..services.est_incidents import EstIncidentService
    from ..services.est_meetings import EstMeetingService
    from ..services.est_picture import EstPictureService
    from ..services.est_setup import EstSetupService
    from ..services.exchange import ExchangeService
    from ..services.extract import ExtractService
    from ..services.integrity import IntegrityService
    from ..services.journal import DisclosureService, JournalService
    from ..services.log_review import LogReviewService
    from ..services.meetings import MeetingService
    from ..services.persons import PersonService
    from ..services.plans import PlanService
    from ..services.protocols import ProtocolService
    from ..services.retention import RetentionService
    from ..services.statistics import StatisticsService
    from ..services.users import UserService


@runtime_checkable
class Backend(Protocol):
    """What the window and the CLI may use of either backend. The remote one answers a method
    outside the remotable surface with ``LocalOnly`` (the file's backups, the integrity check,
    the demo data)."""

    actor: Actor
    today: date | None
    #: Colleagues write to the same database (the window polls ``colleague_changes``).
    shared_database: bool

    @property
    def local_file(self) -> Path | None:
        """The database file, or None on a server: the window hides the file functions then."""
        ...

    def colleague_changes(self) -> bool: ...

    def as_user(self, actor: Actor) -> Backend: ...

    @property
    def users(self) -> UserService: ...
    @property
    def persons(self) -> PersonService: ...
    @property
    def cases(self) -> CaseService: ...
    @property
    def case_view(self) -> CaseViewService: ...
    @property
    def consents(self) -> ConsentService: ...
    @property
    def assessments(self) -> AssessmentService: ...
    @property
    def plans(self) -> PlanService: ...
    @property
    def meetings(self) -> MeetingService: ...
    @property
    def journal(self) -> JournalService: ...
    @property
    def disclosures(self) -> DisclosureService: ...
    @property
    def dashboard(self) -> DashboardService: ...
    @property
    def audit_view(self) -> AuditViewService: ...
    @property
    def exchange(self) -> ExchangeService: ...
    @property
    def integrity(self) -> IntegrityService: ...
    @property
    def protocols(self) -> ProtocolService: ...
    @property
    def emergency(self) -> EmergencyAccessService: ...
    @property
    def extract(self) -> ExtractService: ...
    @property
    def backup(self) -> BackupService: ...
    @property
    def log_review(self) -> LogReviewService: ...
    @property
    def retention(self) -> RetentionService: ...
    @property
    def statistics(self) -> StatisticsService: ...
    @property
    def earchive(self) -> EArchiveService: ...
    @property
    def demo(self) -> DemoService: ...
    @property
    def est_setup(self) -> EstSetupService: ...
    @property
    def est_incidents(self) -> EstIncidentService: ...
    @property
    def est_import(self) -> EstImportService: ...
    @property
    def est_actions(self) -> EstActionService: ...
    @property
    def est_picture(self) -> EstPictureService: ...
    @property
    def est_meetings(self) -> EstMeetingService: ...


__all__ = ["Backend", "Services"]
