"""Emergency access (nödåtkomst, break-the-glass; DOMAIN.md 6.6).

Access is tied to the case; in an emergency a user with a case-work role may
open a case of their OWN agency that they are not connected to, READ-only, for
at most four hours (a lock or logout ends it sooner), after giving a purpose code
and a reason. Nothing here widens what ``access.decide`` allows by itself: the
grant row only adds the user to ``CaseFacts.emergency_user_ids``, and the policy
turns that into a READ-only "EMERGENCY" connection. Refusals are:

- ``emergency.no_role``       no case-work role (admin, log reviewer, steering group);
- ``emergency.restricted_kind`` TREFAS and avhoppare cases: membership of the unit is
                               their legal basis, so break-the-glass never opens them;
- ``emergency.other_agency``  secrecy between agencies is law: never across agencies;
- ``emergency.not_needed``    the user already has normal access;
- ``emergency.already_active`` one active grant per user and case;
- ``emergency.reason_short``/``emergency.purpose`` (``domain/emergency.py``).

Audit: the grant writes EMERGENCY_ACCESS, the lookup EMERGENCY_LOOKUP and the end at
lock EMERGENCY_END, all flagged EMERGENCY, with codes and ids only (the free-text
reason stays in the encrypted grant table); every event written while the case is
read through the grant is flagged EMERGENCY by ``Tx.audit``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from ..domain import personnummer
from ..domain.access import RESTRICTED_KINDS, Act, Rec, capable, decide, may_use_emergency_access
from ..domain.emergency import GRANT_DURATION, check_request
from ..domain.errors import AccessDenied, ValidationError
from ..domain.vocab import CASE_WORK_ROLES
from ..store.models import Case, EmergencyGrant, Person, Unit, User
from . import grants
from .base import Service, Tx, case_contexts, changes
from .audit_dto import EmergencyCandidate, EmergencyGrantDTO, EmergencyReviewRow
from ..domain.topics import Topic

MAX_LOOKUP_TEXT = 40
REVIEW_LIMIT = 500


def _dto(grant: EmergencyGrant, reference: str) -> EmergencyGrantDTO:
    return EmergencyGrantDTO(id=grant.id, case_id=grant.case_id, reference=reference, purpose=grant.purpose,
                             reason=grant.reason, granted_at=grant.granted_at, expires_at=grant.expires_at,
                             ended_at=grant.ended_at)


class EmergencyAccessService(Service):

    def _require_role(self) -> None:
        if not (self.actor.roles & CASE_WORK_ROLES) or not capable(self.actor, Act.READ, Rec.CASE):
            raise AccessDenied(code="emergency.no_role", action="READ", record="CASE", case_id=None)

    def _normal_access(self, facts) -> bool:
        """Whether the user could read the case without any emergency grant."""
        return bool(decide(self.actor, Act.READ, Rec.CASE, replace(facts, emergency_user_ids=frozenset())))

    def lookup(self, reference_or_pnr: str) -> list[EmergencyCandidate]:
        """Cases the user could open with emergency access, found by exact case
        reference or personnummer. Only minimal facts (no names), only cases of the
        user's own agency that are not restricted modules; the search itself is logged."""
        text = (reference_or_pnr or "").strip()
        if not text or len(text) > MAX_LOOKUP_TEXT:
            raise ValidationError("Enter a case reference or a personnummer", code="emergency.lookup_empty")
        with self.tx() as tx:
            self._require_role()
            person_id, by = None, "reference"
            try:
                pnr = personnummer.parse(text, today=tx.today)
            except ValidationError:
                # References are stored upper-case; IN keeps the unique index in use.
                cases = list(tx.session.scalars(select(Case).where(Case.reference.in_({text, text.upper()}))))
            else:
                by = "pnr"
                person = tx.session.scalar(select(Person).where(Person.pnr == pnr.digits))
                person_id = person.id if person is not None else None
                cases = [] if person is None else list(tx.session.scalars(
                    select(Case).where(Case.person_id == person.id).order_by(Case.referral_date.desc())))
            found = self._candidates(tx, cases)
            tx.audit("EMERGENCY_LOOKUP", entity="case", person_id=person_id, flags=["EMERGENCY"],
                     detail={"by": by, "rows": len(found)})
            return found

    def lookup_case(self, case_id: int) -> list[EmergencyCandidate]:
        """The same for one case the user was just refused (the case view offers
        emergency access after ``access.not_in_case``); empty when not eligible."""
        with self.tx() as tx:
            self._require_role()
            case = tx.session.get(Case, case_id)
            found = self._candidates(tx, [case] if case is not None else [])
            tx.audit("EMERGENCY_LOOKUP", entity="case", case_id=case_id if found else None, flags=["EMERGENCY"],
                     detail={"by": "case", "rows": len(found)})
            return found

    def eligible(self, case_id: int) -> bool:
        """Whether offering emergency access for a just-refused case makes sense (own
        agency, not restricted, not already connected). A yes/no only, so not logged:
        the refusal that prompts it was logged, and the lookup that follows is."""
        if not (self.actor.roles & CASE_WORK_ROLES) or not capable(self.actor, Act.READ, Rec.CASE):
            return False
        with self.tx() as tx:
            case = tx.session.get(Case, case_id)
            if case is None:
                return False
            facts = tx.case_facts(case)
            return may_use_emergency_access(self.actor, facts) and not self._normal_access(facts)

    def _candidates(self, tx: Tx, cases: list[Case]) -> list[EmergencyCandidate]:
        contexts = case_contexts(tx.session, cases, tx.today)
        units = {u.id: u.name for u in tx.session.scalars(select(Unit))}
        found = []
        for case in cases:
            facts = contexts[case.id].facts
            if not may_use_emergency_access(self.actor, facts):
                continue  # other agencies' and restricted cases are not even listed
            found.append(EmergencyCandidate(
                case_id=case.id, reference=case.reference, kind=case.kind, unit_name=units.get(case.unit_id, ""),
                has_access=self._normal_access(facts),
                emergency_until=grants.active_until(tx.session, self.actor.user_id, case.id)))
        return found

    @changes(Topic.CASE, Topic.CASES)
    def grant(self, case_id: int, purpose: str, reason: str) -> EmergencyGrantDTO:
        """Open ``case_id`` READ-only for ``GRANT_DURATION`` (or until lock/logout)."""
        with self.tx() as tx:
            self._require_role()
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            if self._normal_access(facts):
                raise ValidationError("You already have access to this case", code="emergency.not_needed")
            if case.kind in RESTRICTED_KINDS:
                raise AccessDenied(code="emergency.restricted_kind", action="READ", record="CASE", case_id=case.id)
            if facts.case_agency != self.actor.agency:
                raise AccessDenied(code="emergency.other_agency", action="READ", record="CASE", case_id=case.id)
            if grants.active_grant(tx.session, self.actor.user_id, case.id) is not None:
                raise ValidationError("An emergency access to this case is already active",
                                      code="emergency.already_active")
            text = check_request(purpose, reason)
            at = grants.now()
            grant = EmergencyGrant(user_id=self.actor.user_id, case_id=case.id, purpose=purpose, reason=text,
                                   granted_at=at, expires_at=at + GRANT_DURATION)
            tx.session.add(grant)
            tx.session.flush()
            # Codes and ids only: the reason may name people and stays in the grant table.
            tx.audit("EMERGENCY_ACCESS", entity="case", entity_id=case.id, case_id=case.id,
                     person_id=case.person_id, flags=["EMERGENCY"], detail={"purpose": purpose, "grant": grant.id})
            return _dto(grant, case.reference)

    def active_grants(self) -> list[EmergencyGrantDTO]:
        """This user's grants in force now (their own session state: not audited)."""
        with self.tx() as tx:
            rows = tx.session.execute(
                select(EmergencyGrant, Case.reference).join(Case, Case.id == EmergencyGrant.case_id)
                .where(EmergencyGrant.user_id == self.actor.user_id, *grants.active_filter())
                .order_by(EmergencyGrant.expires_at))
            return [_dto(g, ref) for g, ref in rows]

    @changes(Topic.CASE, Topic.CASES)
    def end_all(self) -> int:
        """End this user's active grants (lock, logout). Returns how many were ended."""
        with self.tx() as tx:
            return self._end(tx, "lock")

    def _end(self, tx: Tx, why: str) -> int:
        at = grants.now()
        active = list(tx.session.scalars(select(EmergencyGrant).where(
            EmergencyGrant.user_id == self.actor.user_id, *grants.active_filter(at))))
        for grant in active:
            grant.ended_at = at
        if active:
            tx.audit("EMERGENCY_END", entity="emergency_grant", flags=["EMERGENCY"],
                     detail={"grants": [g.id for g in active], "why": why})
        return len(active)

    @changes()
    def review(self, since: datetime | None = None, limit: int = REVIEW_LIMIT) -> list[EmergencyReviewRow]:
        """Every grant with its reason, newest first, for the log reviewer (R21)."""
        with self.tx() as tx:
            tx.require(Act.READ, Rec.AUDIT_LOG)
            stmt = (select(EmergencyGrant, Case.reference, User).join(Case, Case.id == EmergencyGrant.case_id)
                    .join(User, User.id == EmergencyGrant.user_id))
            if since is not None:
                stmt = stmt.where(EmergencyGrant.granted_at >= since)
            rows = [EmergencyReviewRow(grant=_dto(g, ref), user_id=u.id, username=u.username,
                                       display_name=u.display_name, agency=u.agency_code)
                    for g, ref, u in tx.session.execute(
                        stmt.order_by(EmergencyGrant.granted_at.desc(), EmergencyGrant.id.desc()).limit(limit))]
            tx.audit("EMERGENCY_REVIEW", entity="emergency_grant", flags=["EMERGENCY"], detail={"rows": len(rows)})
            return rows
