"""Reading the audit log: a case's own history (coordinators) and the log
reviewer's search. Reading the log is itself logged.

Rows leave with the names people read (``audit_names``): the case reference, the
user's name, the record's name, resolved for the whole page in a few IN queries.
The search's case filter takes a case reference or a personnummer (``case_query``),
never an internal id from the screen; a search by personnummer reads whom the log is
about, so its AUDIT_SEARCH event names the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from sqlalchemy import or_, select

from ..domain.access import Act, Rec
from ..store.models import AuditEvent, Case
from .audit_names import AuditNames, CaseScope, resolve_case_query, resolve_names
from .base import Service
from .audit_dto import AuditEventDTO

MAX_ROWS = 2000


def _dtos(session, events: Sequence[AuditEvent]) -> list[AuditEventDTO]:
    names = resolve_names(session, [(e.user_id, e.case_id, e.entity, e.entity_id) for e in events])
    return [_dto(e, names) for e in events]


def _dto(e: AuditEvent, names: AuditNames) -> AuditEventDTO:
    reference, disposed = names.case(e.case_id)
    return AuditEventDTO(seq=e.seq, ts=e.ts, username=e.username, role=e.role, action=e.action, entity=e.entity,
                         entity_id=e.entity_id, case_id=e.case_id, flags=e.flags,
                         user_name=names.user(e.user_id, e.username), case_reference=reference,
                         case_disposed=disposed, record_name=names.record(e.entity, e.entity_id))


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """``case_query``: a case reference or a personnummer (what the screen offers);
    ``case_id``: an internal id (callers that already hold one)."""

    username: str | None = None
    case_id: int | None = None
    case_query: str | None = None
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
            rows = list(tx.session.scalars(select(AuditEvent).where(AuditEvent.case_id == case_id)
                                           .order_by(AuditEvent.seq.desc()).limit(min(limit, MAX_ROWS))))
            result = _dtos(tx.session, rows)
            tx.audit("CASE_HISTORY_READ", entity="audit_log", case_id=case.id, person_id=case.person_id)
            return result

    def search(self, f: AuditFilter = AuditFilter()) -> list[AuditEventDTO]:
        with self.tx() as tx:
            tx.require(Act.READ, Rec.AUDIT_LOG)
            scope: CaseScope | None = None
            if f.case_query and f.case_query.strip():
                scope = resolve_case_query(tx.session, f.case_query, tx.today)
            stmt = select(AuditEvent)
            if f.username:
                stmt = stmt.where(AuditEvent.username == f.username)
            if f.case_id is not None:
                stmt = stmt.where(AuditEvent.case_id == f.case_id)
            if scope is not None:
                by_case = AuditEvent.case_id.in_(scope.case_ids)
                # A personnummer: every case of the person and the events about the person without a case.
                stmt = stmt.where(or_(by_case, AuditEvent.person_id == scope.person_id)
                                  if scope.person_id is not None else by_case)
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
            rows = list(tx.session.scalars(stmt.order_by(AuditEvent.seq.desc()).limit(min(f.limit, MAX_ROWS))))
            result = _dtos(tx.session, rows)
            detail: dict[str, object] = {"rows": len(result)}
            if scope is not None:
                detail.update(by=scope.by, cases=list(scope.case_ids))
            # A search by personnummer reads whom the log is about: the event names the person
            # (their register extract lists it). Cases stay in the detail, so the reviewer's own
            # searches are not flagged as access to a case outside a unit.
            tx.audit("AUDIT_SEARCH", entity="audit_log", person_id=scope.person_id if scope is not None else None,
                     detail=detail)
            return result
