"""Översikt: what needs the user's attention today, each row pointing at its case.

Built from a handful of SQL queries limited to the cases the user is connected to
(the same connection filter as the case list), then checked row by row against
the access policy, so the dashboard never shows more than the case view would.
Every query selects just the columns a row needs, as Core rows: no ORM objects,
so no identity map and no eager loads of a meeting's attendees and agenda or a
consent's signatories (bench: ~5,000 ORM objects per call at XL before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select

from ..domain.access import Act, Rec
from ..domain.lifecycle import CASE_MACHINES, is_overdue
from ..store.models import Action, Case, Consent, Meeting, Person, Plan
from .base import CaseContext, CaseLike, Service, Tx, case_contexts
from .cases import connection_filter
from .plans import action_record, open_actions

LIMIT = 200
ACTION_HORIZON_DAYS = 14
CONSENT_WARNING_DAYS = 30


@dataclass(frozen=True, slots=True)
class DashboardRow:
    case_id: int | None
    reference: str | None
    person_name: str | None
    title: str
    when: date | datetime | None
    status: str
    overdue: bool = False
    item_id: int | None = None


@dataclass(frozen=True, slots=True)
class Dashboard:
    my_actions: tuple[DashboardRow, ...]
    meetings_this_week: tuple[DashboardRow, ...]
    consents_expiring: tuple[DashboardRow, ...]
    without_follow_up: tuple[DashboardRow, ...]
    new_referrals: tuple[DashboardRow, ...]

    @property
    def total(self) -> int:
        return sum(len(x) for x in (self.my_actions, self.meetings_this_week, self.consents_expiring,
                                    self.without_follow_up, self.new_referrals))


#: The case and person columns every section reads (labelled: the sections' own tables have
#: ``id`` and ``status`` too).
_CASE_COLUMNS = (Case.id.label("case_id"), Case.reference, Case.kind, Case.unit_id, Case.responsible_user_id,
                 Case.status.label("case_status"), Case.referral_date, Person.first_name, Person.last_name)


@dataclass(frozen=True, slots=True)
class _CaseRow:
    """A case as the dashboard needs it (and as ``case_contexts`` reads it, see ``CaseLike``)."""

    id: int
    reference: str
    kind: str
    unit_id: int
    responsible_user_id: int | None
    status: str
    referral_date: date | None
    person_name: str

    @classmethod
    def of(cls, row) -> "_CaseRow | None":
        if row.case_id is None:  # a group meeting: no case
            return None
        return cls(row.case_id, row.reference, row.kind, row.unit_id, row.responsible_user_id, row.case_status,
                   row.referral_date, f"{row.first_name} {row.last_name}")


def _open_statuses() -> list[str]:
    return [s for m in CASE_MACHINES.values() for s in m.statuses.codes if not m.is_closed(s)]


class DashboardService(Service):

    def for_me(self) -> Dashboard:
        self._contexts: dict[int, CaseContext] = {}
        with self.tx() as tx:
            tx.require_capability(Act.READ, Rec.CASE)
            board = Dashboard(
                my_actions=self._actions(tx), meetings_this_week=self._meetings(tx),
                consents_expiring=self._consents(tx), without_follow_up=self._no_follow_up(tx),
                new_referrals=self._referrals(tx))
            tx.audit("DASHBOARD_READ", entity="dashboard", detail={"rows": board.total})
            return board

    def _prefetch(self, tx: Tx, cases: list[CaseLike | None]) -> None:
        """Access facts for a section's cases in a few bulk queries (not several per row)."""
        missing = {c.id: c for c in cases if c is not None and c.id not in self._contexts}
        self._contexts.update(case_contexts(tx.session, list(missing.values()), tx.today))

    def _readable(self, tx: Tx, case: CaseLike, rec: Rec = Rec.CASE, record=None, act: Act = Act.READ) -> bool:
        self._prefetch(tx, [case])
        return tx.allowed(act, rec, self._contexts[case.id].facts, record)

    def _actions(self, tx: Tx) -> tuple[DashboardRow, ...]:
        """Open actions of the cases' current plan versions (``plans.open_actions``), the user's own
        or their agency's unassigned ones, due within the horizon or overdue."""
        horizon = tx.today + timedelta(days=ACTION_HORIZON_DAYS)
        mine = or_(Action.responsible_user_id == self.actor.user_id,
                   and_(Action.responsible_user_id.is_(None), Action.responsible_agency == self.actor.agency))
        # action_record reads responsible_agency, information_category and action_type.
        stmt = (open_actions().with_only_columns(
                    Action.id, Action.description, Action.due_date, Action.status, Action.responsible_agency,
                    Action.information_category, Action.action_type, *_CASE_COLUMNS)
                .join(Case, Case.id == Plan.case_id).join(Person, Person.id == Case.person_id)
                .where(mine, Action.due_date <= horizon, Case.closed_at.is_(None), connection_filter(self.actor))
                .order_by(Action.due_date, Action.id).limit(LIMIT))
        found = [(action, _CaseRow.of(action)) for action in tx.session.execute(stmt)]
        self._prefetch(tx, [case for _a, case in found])
        rows = []
        for action, case in found:
            if self._readable(tx, case, Rec.PLAN, action_record(action)):
                rows.append(DashboardRow(case.id, case.reference, case.person_name,
                                         action.description, action.due_date, action.status,
                                         overdue=is_overdue(action.status, action.due_date, tx.today),
                                         item_id=action.id))
        return tuple(rows)

    def _meetings(self, tx: Tx) -> tuple[DashboardRow, ...]:
        # The coming seven days from today (on a Friday "this week" must include Monday).
        start, end = datetime.combine(tx.today, time.min), datetime.combine(tx.today + timedelta(days=7), time.min)
        stmt = (select(Meeting.id, Meeting.meeting_type, Meeting.starts_at, Meeting.protocol_status,
                       Meeting.anonymised, *_CASE_COLUMNS)
                .select_from(Meeting).outerjoin(Case, Case.id == Meeting.case_id)
                .outerjoin(Person, Person.id == Case.person_id)
                .where(Meeting.starts_at >= start, Meeting.starts_at < end,
                       or_(and_(Meeting.case_id.is_(None), Meeting.unit_id.in_(list(self.actor.unit_ids))),
                           and_(Meeting.case_id.is_not(None), connection_filter(self.actor))))
                .order_by(Meeting.starts_at).limit(LIMIT))
        found = [(meeting, _CaseRow.of(meeting)) for meeting in tx.session.execute(stmt)]
        self._prefetch(tx, [case for _m, case in found])
        rows = []
        for meeting, case in found:
            if case is not None and not self._readable(tx, case, Rec.MEETING):
                continue
            rows.append(DashboardRow(case.id if case else None, case.reference if case else None,
                                     case.person_name if case and not meeting.anonymised else None,
                                     meeting.meeting_type, meeting.starts_at, meeting.protocol_status,
                                     item_id=meeting.id))
        return tuple(rows)

    def _cases(self, tx: Tx, stmt) -> list[_CaseRow]:
        found = [_CaseRow.of(row) for row in tx.session.execute(stmt)]
        self._prefetch(tx, found)
        return found

    def _consents(self, tx: Tx) -> tuple[DashboardRow, ...]:
        limit_day = tx.today + timedelta(days=CONSENT_WARNING_DAYS)
        stmt = (select(*_CASE_COLUMNS).join(Person, Person.id == Case.person_id)
                .where(Case.closed_at.is_(None), connection_filter(self.actor),
                       Case.id.in_(select(Consent.case_id).where(Consent.valid_to <= limit_day)))
                .order_by(Case.reference).limit(LIMIT))
        rows = []
        for case in self._cases(tx, stmt):
            ctx = self._contexts[case.id]
            if ctx.consent_valid_to is None or ctx.consent_valid_to > limit_day:
                continue
            if ctx.consent_status not in ("VALID", "EXPIRED") or not self._readable(tx, case, Rec.CONSENT):
                continue
            rows.append(DashboardRow(case.id, case.reference, case.person_name,
                                     "consent", ctx.consent_valid_to, ctx.consent_status,
                                     overdue=ctx.consent_status == "EXPIRED"))
        # The most urgent first: the oldest expiry date (expired ones before those about to expire).
        return tuple(sorted(rows, key=lambda r: (r.when, r.reference or "")))

    def _owned(self, tx: Tx):
        """Open cases this user owns (responsible, or coordinator of the kind in the unit)."""
        return (select(*_CASE_COLUMNS).join(Person, Person.id == Case.person_id)
                .where(Case.closed_at.is_(None), Case.status.in_(_open_statuses()), connection_filter(self.actor)))

    def _no_follow_up(self, tx: Tx) -> tuple[DashboardRow, ...]:
        stmt = (self._owned(tx).where(Case.follow_up_date.is_(None), Case.responsible_user_id == self.actor.user_id)
                .order_by(Case.referral_date).limit(LIMIT))
        return tuple(DashboardRow(c.id, c.reference, c.person_name, "follow_up", None, c.status)
                     for c in self._cases(tx, stmt) if self._readable(tx, c))

    def _referrals(self, tx: Tx) -> tuple[DashboardRow, ...]:
        initials = [m.initial for m in CASE_MACHINES.values()]
        stmt = (self._owned(tx).where(Case.status.in_(initials)).order_by(Case.referral_date).limit(LIMIT))
        return tuple(DashboardRow(c.id, c.reference, c.person_name, c.kind, c.referral_date, c.status)
                     for c in self._cases(tx, stmt) if self._readable(tx, c, act=Act.CHANGE_STATUS))
