"""Åtagandeplan: versions, goals, actions and their state machine.

Plan details belong to the agency responsible for each action: another agency
sees them only while a valid consent covers both (access policy), so a revoked
consent hides other agencies' actions at once without deleting anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, exists, select
from sqlalchemy.orm import aliased

from ..domain import information, vocab
from ..domain.access import Act, CaseFacts, Rec, RecordFacts
from ..domain.errors import ValidationError
from ..domain.lifecycle import ACTION_MACHINE, GuardContext
from ..store.models import Action, Case, Goal, Plan
from . import mapping
from .base import Service, Tx, changes
from .cases import check_text
from .dto import ActionDTO, GoalDTO, PlanDTO
from .versions import bump, check_version
from ..domain.topics import Topic


@dataclass(frozen=True, slots=True)
class GoalInput:
    text: str
    area: str | None = None
    indicator: str | None = None
    baseline: str | None = None
    target: str | None = None
    target_date: date | None = None
    information_category: str | None = None   # None: from the area (domain/information.py)


@dataclass(frozen=True, slots=True)
class ActionInput:
    description: str
    responsible_agency: str
    action_type: str | None = None
    measure_type: str | None = None
    support_area: str | None = None
    responsible_person: str | None = None
    responsible_user_id: int | None = None
    due_date: date | None = None
    follow_up_date: date | None = None
    goal_id: int | None = None
    created_in_meeting_id: int | None = None
    information_category: str | None = None   # None: from the action type or agency


def action_record(a: Action) -> RecordFacts:
    return RecordFacts(owning_agency=a.responsible_agency, visibility="SHARED",
                       category=information.of_action(a.information_category, a.action_type, a.responsible_agency))


def goal_record(g: Goal) -> RecordFacts:
    """A goal belongs to the plan, not to one agency: only its category limits who sees it."""
    return RecordFacts(owning_agency=None, visibility="SHARED", category=information.of_goal(g.information_category,
                                                                                             g.area))


def _check_category(category: str | None) -> None:
    if category is not None and category not in vocab.INFORMATION_CATEGORIES:
        raise ValidationError("Unknown information category", code="plan.category")


def _check_action(a: ActionInput) -> None:
    if not a.description.strip():
        raise ValidationError("Describe the action", code="action.description_required")
    check_text(a.description, "action.description_long", 5000)
    _check_category(a.information_category)
    if a.responsible_agency not in vocab.AGENCIES:
        raise ValidationError("Unknown agency", code="action.agency")
    for value, voc, code in ((a.action_type, vocab.ACTION_TYPES, "action.type"),
                             (a.measure_type, vocab.TREFAS_MEASURE_TYPES, "action.measure_type"),
                             (a.support_area, vocab.AVHOPPARE_SUPPORT_AREAS, "action.support_area")):
        if value is not None and value not in voc:
            raise ValidationError("Unknown value", code=code)


def plan_dto(tx: Tx, plan: Plan, facts: CaseFacts) -> PlanDTO:
    goals = [g for g in plan.goals if tx.allowed(Act.READ, Rec.PLAN, facts, goal_record(g))]
    shown = [a for a in plan.actions if tx.allowed(Act.READ, Rec.PLAN, facts, action_record(a))]
    return PlanDTO(id=plan.id, case_id=plan.case_id, version=plan.version, valid_from=plan.valid_from,
                   goals=tuple(mapping.goal(g) for g in goals),
                   actions=tuple(mapping.action(a, tx.today) for a in shown),
                   hidden_actions=len(plan.actions) - len(shown), hidden_goals=len(plan.goals) - len(goals))


#: Action states that are still work to do (not GENOMFORD, EJ_GENOMFORD or STRUKEN).
OPEN_ACTION_STATUSES = tuple(s for s in ACTION_MACHINE.statuses.codes if not ACTION_MACHINE.is_terminal(s))


def is_current_plan(plan: type[Plan] = Plan) -> ColumnElement[bool]:
    """SQL condition: ``plan`` is its case's current version, the highest one (DOMAIN.md 1.11:
    a follow-up meeting revises the plan, version++). An older version is history: its open
    actions were copied into the newer version by ``new_version`` (the copy is what is followed
    up) or left out of it, and the originals stay as they were when the plan was replaced."""
    newer = aliased(Plan)
    return ~exists().where(newer.case_id == plan.case_id, newer.version > plan.version)


def open_actions() -> Select:
    """``select(Action)`` joined to its ``Plan``: the actions that are open work, i.e. not finished
    and in their case's current plan version. Every list or count of open or overdue actions
    builds on this (``.add_columns``, ``.join``, ``.where``) so that a superseded version's
    originals never show as "Försenad" next to their carried-over copies."""
    return (select(Action).join(Plan, Plan.id == Action.plan_id)
            .where(Action.status.in_(OPEN_ACTION_STATUSES), is_current_plan()))


def current_plan(tx: Tx, case_id: int) -> Plan | None:
    return tx.session.scalar(select(Plan).where(Plan.case_id == case_id, is_current_plan()))


class PlanService(Service):

    @changes(Topic.CASE, Topic.CASES, Topic.PLANS)
    def new_version(self, case_id: int, valid_from: date, *, meeting_id: int | None = None,
                    carry_over: bool = True) -> PlanDTO:
        """A new plan version (e.g. at a follow-up meeting); open goals and actions carry over."""
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            tx.require(Act.CREATE, Rec.PLAN, facts)
            previous = current_plan(tx, case.id)
            plan = Plan(case_id=case.id, version=(previous.version + 1) if previous else 1, valid_from=valid_from,
                        created_in_meeting_id=meeting_id, created_by=self.actor.user_id)
            tx.session.add(plan)
            tx.session.flush()
            if previous and carry_over:
                goal_map: dict[int, Goal] = {}
                for g in previous.goals:
                    if g.status == "PAGAR":
                        new_goal = Goal(text=g.text, area=g.area, indicator=g.indicator, baseline=g.baseline,
                                        target=g.target, target_date=g.target_date,
                                        information_category=g.information_category)
                        plan.goals.append(new_goal)
                        goal_map[g.id] = new_goal
                tx.session.flush()
                for a in previous.actions:
                    if not ACTION_MACHINE.is_terminal(a.status):
                        plan.actions.append(Action(
                            goal_id=goal_map[a.goal_id].id if a.goal_id in goal_map else None,
                            description=a.description, action_type=a.action_type, measure_type=a.measure_type,
                            support_area=a.support_area, responsible_agency=a.responsible_agency,
                            responsible_person=a.responsible_person, responsible_user_id=a.responsible_user_id,
                            due_date=a.due_date, status=a.status, follow_up_date=a.follow_up_date,
                            created_in_meeting_id=a.created_in_meeting_id,
                            information_category=a.information_category))
                tx.session.flush()
            tx.audit("PLAN_VERSION", entity="plan", entity_id=plan.id, case_id=case.id, person_id=case.person_id,
                     detail={"version": plan.version})
            return plan_dto(tx, plan, facts)

    @changes(Topic.CASE, Topic.CASES, Topic.PLANS)
    def add_goal(self, plan_id: int, g: GoalInput) -> GoalDTO:
        if not g.text.strip():
            raise ValidationError("Describe the goal", code="goal.text_required")
        check_text(g.text, "goal.text_long", 5000)
        if g.area is not None and g.area not in vocab.ASSESSMENT_DOMAINS:
            raise ValidationError("Unknown area", code="goal.area")
        _check_category(g.information_category)
        with self.tx() as tx:
            plan = tx.get(Plan, plan_id)
            case = tx.get(Case, plan.case_id)
            tx.require(Act.UPDATE, Rec.PLAN, tx.case_facts(case))
            goal = Goal(text=g.text.strip(), area=g.area, indicator=g.indicator, baseline=g.baseline,
                        target=g.target, target_date=g.target_date,
                        information_category=g.information_category or information.suggest(g.text))
            plan.goals.append(goal)
            tx.session.flush()
            tx.audit("GOAL_CREATE", entity="goal", entity_id=goal.id, case_id=case.id, person_id=case.person_id)
            return mapping.goal(goal)

    @changes(Topic.CASE, Topic.CASES, Topic.PLANS)
    def add_action(self, plan_id: int, a: ActionInput) -> ActionDTO:
        _check_action(a)
        with self.tx() as tx:
            plan = tx.get(Plan, plan_id)
            case = tx.get(Case, plan.case_id)
            facts = tx.case_facts(case)
            record = RecordFacts(owning_agency=a.responsible_agency, visibility="SHARED",
                                 category=information.of_action(
                                     a.information_category or information.suggest(a.description), a.action_type,
                                     a.responsible_agency))
            tx.require(Act.UPDATE, Rec.PLAN, facts, record)
            if a.goal_id is not None and a.goal_id not in {g.id for g in plan.goals}:
                raise ValidationError("The goal belongs to another plan", code="action.goal")
            action = Action(goal_id=a.goal_id, description=a.description.strip(), action_type=a.action_type,
                            measure_type=a.measure_type, support_area=a.support_area,
                            responsible_agency=a.responsible_agency, responsible_person=a.responsible_person,
                            responsible_user_id=a.responsible_user_id, due_date=a.due_date,
                            follow_up_date=a.follow_up_date, created_in_meeting_id=a.created_in_meeting_id,
                            information_category=a.information_category or information.suggest(a.description))
            plan.actions.append(action)
            tx.session.flush()
            tx.audit("ACTION_CREATE", entity="action", entity_id=action.id, case_id=case.id,
                     person_id=case.person_id)
            return mapping.action(action, self.today)

    @changes(Topic.CASE, Topic.CASES, Topic.PLANS)
    def set_action_status(self, action_id: int, status: str, *, reason: str | None = None,
                          outcome: str | None = None, meeting_id: int | None = None,
                          expected_version: int | None = None) -> ActionDTO:
        """PLANERAD → PAGAR → GENOMFORD | EJ_GENOMFORD (reason) | STRUKEN.

        ``expected_version``: the action's version the user saw; a colleague's change in between
        is an ``EditConflict`` with the saved status, and nothing is written."""
        check_text(outcome, "action.outcome_long")
        with self.tx() as tx:
            # Read locked: two changes at once must not both pass the version and state checks
            # (PostgreSQL's READ COMMITTED lets both read the old row otherwise).
            tx.session.get(Action, action_id, with_for_update=True)
            action = tx.get(Action, action_id)
            plan = tx.get(Plan, action.plan_id)
            case = tx.get(Case, plan.case_id)
            tx.require(Act.UPDATE, Rec.PLAN, tx.case_facts(case), action_record(action))
            if tx.session.scalar(select(Plan.id).where(Plan.id == plan.id, ~is_current_plan())) is not None:
                # A replaced version is history: its open actions live on as copies in the new one.
                raise ValidationError("The action belongs to a replaced plan version; follow it up in the current "
                                      "plan", code="plan.superseded")
            check_version(action, expected_version, message="The action was changed by someone else in the meantime",
                          code="plan.conflict", status=action.status, status_reason=action.status_reason)
            ACTION_MACHINE.check(action.status, status, GuardContext(), reason)
            source, action.status = action.status, status
            action.status_reason = reason
            if outcome is not None:
                action.outcome = outcome
            if ACTION_MACHINE.is_terminal(status):
                action.closed_in_meeting_id = meeting_id
            bump(action)
            tx.audit("ACTION_STATUS", entity="action", entity_id=action.id, case_id=case.id,
                     person_id=case.person_id, detail={"from": source, "to": status})
            return mapping.action(action, self.today)

    def get_current(self, case_id: int) -> PlanDTO | None:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            tx.require(Act.READ, Rec.PLAN, facts)
            plan = current_plan(tx, case.id)
            tx.audit("PLAN_READ", entity="plan", entity_id=plan.id if plan else None, case_id=case.id,
                     person_id=case.person_id)
            return plan_dto(tx, plan, facts) if plan else None
