"""The unit of work every service method runs in, and the shared guard helpers.

One user action = one transaction: access is checked first, the audit event is
written in the same transaction as the change (or before the data of a read is
returned), and the result leaves as frozen DTOs, never as live ORM objects. A
service object is cheap and holds no session, so it is safe to use from the one
DB worker thread the UI runs its work on (or from any single thread).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence, TypeVar

from sqlalchemy import Insert, Integer, String, func, literal, select, text, union_all
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.util import identity_key

from ..domain.access import (ALL_CASE_ROWS_ROLES, COORDINATOR_ROLES, Act, Actor, CaseFacts, Decision, Rec,
                             RecordFacts, capable, decide)
from ..domain.consent import ConsentFacts, Signature, derive_status
from ..domain.errors import AccessDenied, NotFound
from ..domain.lifecycle import CASE_MACHINES
from ..domain.topics import Topic
from ..store.models import Case, CaseAssignment, Consent, ConsentSignatory, EmergencyGrant, Person, Unit
from . import grants
from .database import Database
from .server_state import claim_session_check, ring_statement

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Tx:
    """What a service method works with inside its transaction."""

    session: Session
    actor: Actor
    db: Database
    today: date
    # Cases this transaction reached through an emergency grant (nödåtkomst): every
    # audit event about them is flagged EMERGENCY so log review picks it out.
    emergency_cases: set[int] = field(default_factory=set)
    # The events of this transaction, appended to the chain by ``append_audit`` at its end.
    pending_audit: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def audit(self, action: str, **kw: Any) -> None:
        """Log ``action`` in this transaction (R17: the data leaves only once it is committed)."""
        case_id = kw.get("case_id")
        if self.emergency_cases and (case_id in self.emergency_cases or case_id is None):
            kw["flags"] = {*kw.get("flags", ()), "EMERGENCY"}
        self.pending_audit.append((action, kw))

    def append_audit(self, also_write: Sequence[Insert] = ()) -> None:
        """Append the transaction's events to the chain, the last work before the commit.

        On PostgreSQL the chain head is row-locked from the first append to the commit, and every
        audited call of every user takes its turn on that one row: appended as they were logged,
        a case view held it while the whole view was read. The events are the same, in the same
        order, in the same transaction; a failing append still returns no data."""
        self.db.audit.append_all(self.session, self.actor, self.pending_audit, also_write=also_write)
        self.pending_audit.clear()

    def _note(self, case: CaseFacts | None, decision: Decision) -> Decision:
        if case is not None and decision.allowed and decision.level == "EMERGENCY":
            self.emergency_cases.add(case.case_id)
        return decision

    def get(self, model: type[T], ident: Any) -> T:
        obj = self.session.get(model, ident)
        if obj is None:
            raise NotFound(code=f"{getattr(model, '__tablename__', 'record')}.not_found")
        return obj

    def require(self, act: Act, rec: Rec, case: CaseFacts | None = None,
                record: RecordFacts | None = None, *, audit_denial: bool = True) -> Decision:
        """Ask the policy; a denial is raised, and audited by ``Service.tx`` after rollback."""
        decision = decide(self.actor, act, rec, case, record)
        if not decision:
            raise AccessDenied(code=decision.reason, action=str(act), record=str(rec),
                               case_id=case.case_id if case else None, audit=audit_denial)
        return self._note(case, decision)

    def require_capability(self, act: Act, rec: Rec) -> None:
        """For lists and searches: the role must allow the act at all; rows are checked one by one."""
        if not capable(self.actor, act, rec):
            raise AccessDenied(code="access.no_capability", action=str(act), record=str(rec), case_id=None)

    def allowed(self, act: Act, rec: Rec, case: CaseFacts | None = None,
                record: RecordFacts | None = None) -> bool:
        return bool(self._note(case, decide(self.actor, act, rec, case, record)))

    def case_facts(self, case: Case, *, consent_on: date | None = None) -> CaseFacts:
        """The case's facts; ``consent_on`` takes the consent and its status as they were on
        that day (a meeting's day) instead of today's, for what a meeting may do and say."""
        return case_context(self.session, case, self.today, consent_day=consent_on).facts

    def case_context(self, case: Case) -> CaseContext:
        """The facts with the current consent's status and end date (for a summary as well)."""
        return case_context(self.session, case, self.today)


class Service:
    """Base of every service: binds the database and the acting user."""

    def __init__(self, db: Database, actor: Actor, *, today: date | None = None) -> None:
        self.db = db
        self.actor = actor
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

    @contextmanager
    def tx(self) -> Iterator[Tx]:
        try:
            with self.db.session() as session:
                act_as(session, self.actor)
                tx = Tx(session=session, actor=self.actor, db=self.db, today=self.today)
                yield tx
                # A server request's changing call: the colleagues' doorbell, in this commit and in
                # the audit events' statement, so under the chain head's lock: the rings are numbered
                # in the order their changes commit, and a poll never passes one that commits later.
                ring = ring_statement()
                tx.append_audit(also_write=() if ring is None else (ring,))
        except AccessDenied as exc:
            # The action's transaction is rolled back; the refusal itself is logged,
            # so log review sees attempts as well as successes.
            if exc.params.get("audit", True):
                with self.db.session() as session:
                    emergency = exc.code.startswith(("access.emergency", "emergency.")) or bool(
                        exc.params.get("emergency"))
                    self.db.audit.append(
                        session, self.actor, "ACCESS_DENIED", entity=exc.params.get("record"),
                        case_id=exc.params.get("case_id"), person_id=exc.params.get("person_id"),
                        flags=["DENIED", *(["EMERGENCY"] if emergency else [])],
                        detail={"action": exc.params.get("action"), "reason": exc.code})
            raise


def act_as(session: Session, actor: Actor) -> None:
    """On PostgreSQL: tell the row-level security policies who acts in this transaction
    (revision 0017; ``set_config(…, true)`` is SET LOCAL, it ends with the transaction), and
    check a server request's session in the same statement when that check is still to be
    made (``SharedSessions.checked_in_call``). A local file has no policies: nothing to do there."""
    if session.get_bind().dialect.name != "postgresql":
        return
    scope = "all" if actor.roles & ALL_CASE_ROWS_ROLES else "connected"
    coordinates = ",".join(kind for kind, role in COORDINATOR_ROLES.items() if role in actor.roles)
    check = claim_session_check()   # before the statement: its transaction must not send it again
    row = session.execute(text(
        "SELECT set_config('trygg.user_id', :user_id, true), set_config('trygg.scope', :scope, true), "
        "set_config('trygg.coordinates', :coordinates, true)" + (f", {check.sql} AS live" if check else "")),
        {"user_id": str(actor.user_id), "scope": scope, "coordinates": coordinates,
         **(check.params if check else {})}).one()
    if check is not None:
        check.settle(bool(row.live))


def current_consent(session: Session, case_id: int) -> Consent | None:
    """The consent that governs sharing now: the newest one of the case, with its signatories and
    its subject in the same query (its status is derived from them: two more round trips on a
    server)."""
    return session.scalars(select(Consent).options(joinedload(Consent.signatories), joinedload(Consent.subject))
                           .where(Consent.case_id == case_id)
                           .order_by(Consent.valid_from.desc(), Consent.id.desc()).limit(1)).unique().first()


def consent_in_force(session: Session, case_id: int, day: date) -> Consent | None:
    """The consent that governed the case on ``day``: of those whose period had begun by
    then, the newest one that was valid on that day, else simply the newest (whose
    status on that day then says why nothing could be shared). A renewal registered
    later, or signed after ``day``, never changes what a past day's consent was."""
    candidates = list(session.scalars(
        select(Consent).where(Consent.case_id == case_id, Consent.valid_from <= day)
        .order_by(Consent.valid_from.desc(), Consent.id.desc())))
    for consent in candidates:
        if consent_status_now(session, consent, day) == "VALID":
            return consent
    return candidates[0] if candidates else None


def consent_facts(session: Session, consent: Consent) -> ConsentFacts | None:
    """The domain view of a stored consent (None when the youth's birth date is unknown)."""
    person = session.get(Person, consent.subject_person_id)
    if person is None or person.birth_date is None:
        return None
    return _consent_facts(consent, person.birth_date, [(s.role, s.signed_at, s.declined) for s in consent.signatories])


def _consent_facts(consent: Any, birth_date: date | None,
                   signatures: Iterable[tuple[str, date | None, bool]]) -> ConsentFacts | None:
    """``ConsentFacts`` from a consent's columns (an ORM ``Consent`` or a Core row with the same
    names), the subject's birth date and the signatories' (role, signed_at, declined)."""
    if birth_date is None:
        return None
    return ConsentFacts(
        youth_birth_date=birth_date, joint_custody=consent.joint_custody,
        single_guardian_exception=consent.single_guardian_exception,
        signatures=tuple(Signature(role=role, signed_at=signed_at, declined=declined)
                         for role, signed_at, declined in signatures),
        valid_from=consent.valid_from, valid_to=consent.valid_to, revoked_at=consent.revoked_at,
        scope_agencies=tuple(a["agency"] for a in consent.scope_agencies),
        scope_information=tuple(consent.scope_information))


def _status_of(consent: Any, facts: ConsentFacts | None, today: date) -> str:
    if facts is None:
        return "EXPIRED" if consent.status == "VALID" and today > consent.valid_to else consent.status
    return derive_status(facts, today)


def consent_status_now(session: Session, consent: Consent | None, today: date) -> str:
    """The status on ``today``, derived from the signatures and dates rather than the
    stored value, so expiry, a birthday that adds a required signatory, or a
    revocation take effect at once without a batch job."""
    if consent is None:
        return "NONE"
    return _status_of(consent, consent_facts(session, consent), today)


@dataclass(frozen=True, slots=True)
class CaseContext:
    """Facts plus the current consent's status and end date, for lists."""

    facts: CaseFacts
    consent_status: str
    consent_valid_to: date | None


class CaseLike(Protocol):
    """What ``case_contexts`` reads of a case: an ORM ``Case`` or a Core row with these names."""

    id: int
    kind: str
    unit_id: int
    responsible_user_id: int | None
    status: str


#: The consent columns the access facts need (no purpose, opinion or revocation note).
_CONSENT_COLUMNS = (Consent.id, Consent.case_id, Consent.scope_agencies, Consent.scope_information,
                    Consent.valid_from, Consent.valid_to, Consent.joint_custody,
                    Consent.single_guardian_exception, Consent.status, Consent.revoked_at)


def case_contexts(session: Session, cases: Sequence[CaseLike], today: date, *,
                  agencies: dict[int, str] | None = None) -> dict[int, CaseContext]:
    """``case_context`` for a page of cases in a few bulk queries instead of several per case.

    Everything is read as Core rows (no ORM objects, no identity map): the newest consent
    of each case by a window function, joined to its subject's birth date, and the
    signatories of just those consents. The status is derived exactly as
    ``consent_status_now`` derives it. ``agencies``: each unit's agency, when the caller has
    read the units already."""
    ids = [c.id for c in cases]
    if not ids:
        return {}
    agency = agencies if agencies is not None else dict(session.execute(select(Unit.id, Unit.agency_code).where(
        Unit.id.in_({c.unit_id for c in cases}))).all())
    assigned: dict[int, set[int]] = {}
    for case_id, user_id in session.execute(select(CaseAssignment.case_id, CaseAssignment.user_id).where(
            CaseAssignment.case_id.in_(ids), CaseAssignment.ended_at.is_(None))):
        assigned.setdefault(case_id, set()).add(user_id)
    emergency = grants.emergency_users(session, ids)
    # Only the newest consent of each case (the one ``current_consent`` returns).
    ranked = select(*_CONSENT_COLUMNS, Consent.subject_person_id, func.row_number().over(
        partition_by=Consent.case_id, order_by=(Consent.valid_from.desc(), Consent.id.desc())).label("rn")
    ).where(Consent.case_id.in_(ids)).subquery()
    newest = select(ranked, Person.birth_date).outerjoin(Person, Person.id == ranked.c.subject_person_id) \
        .where(ranked.c.rn == 1)
    current = {row.case_id: row for row in session.execute(newest)}
    signatures: dict[int, list[tuple[str, date | None, bool]]] = {}
    if current:
        for consent_id, role, signed_at, declined in session.execute(
                select(ConsentSignatory.consent_id, ConsentSignatory.role, ConsentSignatory.signed_at,
                       ConsentSignatory.declined)
                .where(ConsentSignatory.consent_id.in_([r.id for r in current.values()]))
                .order_by(ConsentSignatory.id)):
            signatures.setdefault(consent_id, []).append((role, signed_at, declined))
    result = {}
    for case in cases:
        consent = current.get(case.id)
        if consent is None:
            status = "NONE"
        else:
            status = _status_of(consent, _consent_facts(consent, consent.birth_date,
                                                        signatures.get(consent.id, ())), today)
        result[case.id] = CaseContext(
            facts=CaseFacts(
                case_id=case.id, kind=case.kind, unit_id=case.unit_id,
                case_agency=agency[case.unit_id] if case.unit_id in agency else "SOC",
                responsible_user_id=case.responsible_user_id,
                assigned_user_ids=frozenset(assigned.get(case.id, ())), consent_status=status,
                consent_agencies=frozenset(a["agency"] for a in consent.scope_agencies) if consent else frozenset(),
                consent_categories=frozenset(consent.scope_information) if consent else frozenset(),
                closed=CASE_MACHINES[case.kind].is_closed(case.status),
                emergency_user_ids=emergency.get(case.id, frozenset())),
            consent_status=status, consent_valid_to=consent.valid_to if consent else None)
    return result


def case_context(session: Session, case: Case, today: date, *, consent_day: date | None = None) -> CaseContext:
    """One case's ``CaseContext`` (``case_contexts`` reads a page of them in bulk)."""
    agency, assigned, emergency = _case_ties(session, case)
    if consent_day is None:
        consent = current_consent(session, case.id)
        status = consent_status_now(session, consent, today)
    else:
        consent = consent_in_force(session, case.id, consent_day)
        status = consent_status_now(session, consent, consent_day)
    facts = CaseFacts(
        case_id=case.id, kind=case.kind, unit_id=case.unit_id,
        case_agency=agency or "SOC",
        responsible_user_id=case.responsible_user_id, assigned_user_ids=assigned,
        consent_status=status,
        consent_agencies=frozenset(a["agency"] for a in consent.scope_agencies) if consent else frozenset(),
        consent_categories=frozenset(consent.scope_information) if consent else frozenset(),
        closed=CASE_MACHINES[case.kind].is_closed(case.status),
        emergency_user_ids=emergency,
    )
    return CaseContext(facts=facts, consent_status=status, consent_valid_to=consent.valid_to if consent else None)


def _case_ties(session: Session, case: Case) -> tuple[str | None, frozenset[int], frozenset[int]]:
    """The agency of the case's unit, its assigned users and the users holding an emergency grant
    to it now, in one query: three were three round trips to a server database on every
    single-case call. Each row says which of the three it is. A unit the session already holds
    (a case view loads it for its header) is not read again."""
    held = session.identity_map.get(identity_key(Unit, case.unit_id))
    users = (select(literal("assigned").label("tie"), CaseAssignment.user_id, literal(None, String).label("agency"))
             .where(CaseAssignment.case_id == case.id, CaseAssignment.ended_at.is_(None)),
             select(literal("emergency"), EmergencyGrant.user_id, literal(None, String))
             .where(EmergencyGrant.case_id == case.id, *grants.active_filter()))
    unit = select(literal("unit"), literal(None, Integer), Unit.agency_code).where(Unit.id == case.unit_id)
    rows = session.execute(union_all(*users, *(() if held is not None else (unit,)))).all()
    agency = held.agency_code if held is not None else next((code for tie, _, code in rows if tie == "unit"), None)
    return (agency, frozenset(user for tie, user, _ in rows if tie == "assigned"),
            frozenset(user for tie, user, _ in rows if tie == "emergency"))


#: The attribute ``changes`` sets on a service function: the topics a call changes.
CHANGES_ATTR = "__trygg_changes__"


def changes(*topics: Topic) -> Callable[[F], F]:
    """Declare what a changing service method changes, for the window's refresh.

    ``@changes(Topic.PLANS, Topic.CASE)``; ``@changes()`` says "nothing a page shows" (a
    logged read). ``tests/unit/test_topics.py`` fails for a remotable method that
    ``MethodSpec.changes`` calls changing but that declares nothing, so a new one cannot forget."""
    declared = frozenset(Topic(t) for t in topics)

    def mark(fn: F) -> F:
        setattr(fn, CHANGES_ATTR, declared)
        return fn
    return mark


def changes_of(*methods: Callable[..., Any]) -> frozenset[Topic]:
    """The union of what the given (bound, local or remote) service methods declare they change.

    A ``functools.partial`` of one counts as the method itself, so the UI can build the call
    once, ``partial(services.cases.set_follow_up, case_id, day)``, and read its changes from it."""
    out: set[Topic] = set()
    for method in methods:
        while isinstance(method, partial):
            method = method.func
        declared = getattr(getattr(method, "__func__", method), CHANGES_ATTR, None)
        if declared is None:
            raise TypeError(f"{getattr(method, '__qualname__', method)!r} declares no changed topics (@changes)")
        out |= declared
    return frozenset(out)
