"""Reading the audit log: a case's own history (coordinators) and the log
reviewer's search. Reading the log is itself logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..domain.access import Act, Rec
from ..store.models import AuditEvent, Case
from .base import Service
from .dto import AuditEventDTO

MAX_ROWS = 2000


def _dto(e: AuditEvent) -> AuditEventDTO:
    return AuditEventDTO(seq=e.seq, ts=e.ts, username=e.username, role=e.role, action=e.action, entity=e.entity,
                         entity_id=e.entity_id, case_id=e.case_id, flags=e.flags)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    username: str | None = None
    case_id: int | None = None
    person_id: int | None = None
    action: str | None = None
    flag: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    limit: int = 500


class AuditViewService(Service):

    def case_history(self, case_id: int, limit: int = 500) -> list[AuditEventDTO]:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            tx.require(Act.READ, Rec.CASE_HISTORY, tx.case_facts(case))
            rows = tx.session.scalars(select(AuditEvent).where(AuditEvent.case_id == case_id)
                                      .order_by(AuditEvent.seq.desc()).limit(min(limit, MAX_ROWS)))
            result = [_dto(e) for e in rows]
            tx.audit("CASE_HISTORY_READ", entity="audit_log", case_id=case.id, person_id=case.person_id)
            return result

    def search(self, f: AuditFilter = AuditFilter()) -> list[AuditEventDTO]:
        with self.tx() as tx:
            tx.require(Act.READ, Rec.AUDIT_LOG)
            stmt = select(AuditEvent)
            if f.username:
                stmt = stmt.where(AuditEvent.username == f.username)
            if f.case_id is not None:
                stmt = stmt.where(AuditEvent.case_id == f.case_id)
            if f.person_id is not None:
                stmt = stmt.where(AuditEvent.person_id == f.person_id)
            if f.action:
                stmt = stmt.where(AuditEvent.action == f.action)
            if f.flag:
                stmt = stmt.where(AuditEvent.flags.like(f"%{f.flag}%"))
            if f.start:
                stmt = stmt.where(AuditEvent.ts >= f.start)
            if f.end:
                stmt = stmt.where(AuditEvent.ts < f.end)
            rows = tx.session.scalars(stmt.order_by(AuditEvent.seq.desc()).limit(min(f.limit, MAX_ROWS)))
            result = [_dto(e) for e in rows]
            tx.audit("AUDIT_SEARCH", entity="audit_log", detail={"rows": len(result)})
            return result
