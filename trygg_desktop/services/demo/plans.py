"""Plans: SSPF åtagandeplaner (versioned in meetings), TREFAS action plans and avhoppare support plans."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ...domain import vocab
from ...store.models import Action, Goal, Plan
from .accounts import CONTACT_ACCOUNT
from .core import GeneratorBase, at
from .model import Acct, Walk, Youth
from .texts import ACTION_TEXT, ACTIONS_FOR_AREA, AVH_ACTIONS, GOALS, TREFAS_ACTIONS


#: agency → how a responsible person's organisation is written in an action.
_ORGANISATION = {"SOC": "socialtjänsten", "SKOLA": "skolan", "POLIS": "polisen", "FRITID": "fritid",
                 "KRIMINALVARD": "frivården"}


def _action_types(area: str, allowed: set[str]) -> list[str]:
    """The area's action types carried out by an allowed agency (a talk with social services without one)."""
    return [t for t in ACTIONS_FOR_AREA[area] if (vocab.ACTION_TYPE_AGENCY[t] or "SOC") in allowed] or [
        "SAMTALSKONTAKT"]


class Plans(GeneratorBase):
    """Plans with goals and actions, each action with a status that fits its due date."""

    def sspf_plans(self, case_id: int, meetings: list[dict[str, Any]], scope: list[str], y: Youth,
                   ctx: dict[str, Any], end: date) -> None:
        held = [m for m in meetings if m["starts_at"].date() <= self.today]
        if not held:
            return
        first = held[0]
        follow = held[1] if len(held) > 1 and self.chance(0.6) else None
        areas = self.rng.sample(list(GOALS), self.rng.randint(2, 3))
        start = first["starts_at"].date()
        plan1, goals = self.sspf_plan_version(case_id, 1, first, areas, ctx, (90, 200))
        allowed = {"SOC"} | set(scope)
        carried: list[dict[str, Any]] = []
        cut = follow["starts_at"].date() if follow else None
        for area in areas:
            types = _action_types(area, allowed)
            for t in self.rng.sample(types, min(len(types), self.rng.randint(1, 2))):
                due = start + timedelta(days=self.rng.randint(14, 90))
                row = self.action(plan1, goals[area], area, t, due, first["id"], cut,
                                  follow["id"] if follow else None, end)
                if row is not None:
                    carried.append(row)
        if follow is None:
            return
        fday = follow["starts_at"].date()
        plan2, goals2 = self.sspf_plan_version(case_id, 2, follow, areas, ctx, (60, 150))
        for row in carried:  # open actions carry over to the new version (PlanService.new_version does the same)
            self.action(plan2, goals2[row["area"]], row["area"], row["action_type"], row["due_date"],
                        row["created_in"], None, None, end, copy_of=row)
        area = self.pick(areas)
        self.action(plan2, goals2[area], area, self.pick(_action_types(area, allowed)),
                    fday + timedelta(days=self.rng.randint(14, 60)), follow["id"], None, None, end)

    def sspf_plan_version(self, case_id: int, version: int, meeting: dict[str, Any], areas: list[str],
                          ctx: dict[str, Any], horizon: tuple[int, int]) -> tuple[int, dict[str, int]]:
        """Version ``version`` of the åtagandeplan, set in ``meeting``: one goal per area, each with a
        target date ``horizon`` days after the meeting; returns the plan id and goal id per area."""
        day = meeting["starts_at"].date()
        plan = self.rows.add(Plan, case_id=case_id, version=version, valid_from=day,
                             created_in_meeting_id=meeting["id"], created_by=self.acct["samordnare"].user_id,
                             created_at=at(day, 16))
        goals = {}
        for area in areas:
            text, indicator, baseline, target = GOALS[area]
            goals[area] = self.rows.add(Goal, plan_id=plan, text=text, area=area, indicator=indicator,
                                        baseline=baseline.format(**ctx), target=target,
                                        target_date=day + timedelta(days=self.rng.randint(*horizon)),
                                        status="PAGAR")
        return plan, goals

    def action_status(self, due: date, end: date) -> tuple[str, str | None, str | None]:
        if due < end:
            status = self.wpick({"GENOMFORD": 50, "EJ_GENOMFORD": 14, "PAGAR": 20, "PLANERAD": 10, "STRUKEN": 6})
        else:
            status = self.wpick({"PLANERAD": 50, "PAGAR": 50})
        reason = outcome = None
        if status == "EJ_GENOMFORD":
            reason = self.pick(("Ungdomen uteblev från bokade tider.", "Familjen tackade nej.",
                                "Platsen blev inte tillgänglig."))
        if status == "GENOMFORD":
            outcome = self.pick(("Genomfört enligt plan.", "Genomfört; närvaron har ökat.",
                                 "Genomfört; ungdomen deltar regelbundet."))
        return status, reason, outcome

    def responsible(self, agency: str, org: str) -> tuple[str, int | None]:
        key = CONTACT_ACCOUNT.get(agency, self.pick(("samordnare", "socialsekreterare")))
        acct = self.acct.get(key)
        if acct is not None and self.chance(0.6):
            return f"{acct.name}, {org}", acct.user_id
        return f"{self.staff_name()}, {org}", None

    def action(self, plan_id: int, goal_id: int, area: str, action_type: str, due: date, created_in: int | None,
               cut: date | None, closed_in: int | None, end: date,
               copy_of: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Add one SSPF action; returns its spec when it is still open at ``cut`` (to carry over)."""
        agency = vocab.ACTION_TYPE_AGENCY[action_type] or "SOC"
        org = _ORGANISATION[agency]
        if copy_of is not None:
            person, user_id = copy_of["person"], copy_of["user_id"]
        else:
            person, user_id = self.responsible(agency, org)
        if cut is not None:
            # As the follow-up meeting found it: an action not yet due is still open and is carried
            # over; what happens to it later happens to its copy in the new version, never here.
            status, reason, outcome = self.action_status(due, cut)
            closed_meeting = closed_in if status in ("GENOMFORD", "EJ_GENOMFORD", "STRUKEN") else None
        else:
            status, reason, outcome = self.action_status(due, min(end, self.today))
            if copy_of is not None and copy_of["status"] == "PAGAR" and status == "PLANERAD":
                status = "PAGAR"  # a copy starts from the status it was carried over with
            closed_meeting = None
        self.rows.add(Action, plan_id=plan_id, goal_id=goal_id, description=ACTION_TEXT[action_type],
                      action_type=action_type, measure_type=None, support_area=None, responsible_agency=agency,
                      responsible_person=person, responsible_user_id=user_id, due_date=due, status=status,
                      status_reason=reason, follow_up_date=due + timedelta(days=14), outcome=outcome,
                      created_in_meeting_id=created_in, closed_in_meeting_id=closed_meeting)
        if cut is not None and status in ("PLANERAD", "PAGAR"):
            return dict(area=area, action_type=action_type, due_date=max(due, cut + timedelta(days=14)),
                        created_in=created_in, person=person, user_id=user_id, status=status)
        return None

    def measure_plan(self, case_id: int, start: date, meeting_id: int | None, end: date, coord: Acct) -> None:
        plan = self.rows.add(Plan, case_id=case_id, version=1, valid_from=start, created_in_meeting_id=meeting_id,
                             created_by=coord.user_id, created_at=at(start, 16))
        goal = self.rows.add(Goal, plan_id=plan, text="Minskad risk för grovt våld", area="KRIMINALITET",
                             indicator="Polisens risknivå", baseline="Röd eller gul", target="Grön",
                             target_date=start + timedelta(days=180), status="PAGAR")
        goal2 = self.rows.add(Goal, plan_id=plan, text="Stabil boende- och sysselsättningssituation", area="INDIVID",
                              indicator="Eget boende och sysselsättning", baseline="Saknas", target="Ordnat",
                              target_date=start + timedelta(days=270), status="PAGAR")
        for agency, measure, atype, text in self.rng.sample(TREFAS_ACTIONS, self.rng.randint(3, 5)):
            due = start + timedelta(days=self.rng.randint(14, 120))
            status, reason, outcome = self.action_status(due, min(end, self.today))
            org = _ORGANISATION[agency]
            person, user_id = self.responsible(agency, org) if agency != "SOC" else (
                f"{coord.name}, {org}", coord.user_id if self.chance(0.6) else None)
            self.rows.add(Action, plan_id=plan, goal_id=goal if measure != "STOD" else goal2, description=text,
                          action_type=atype, measure_type=measure, support_area=None, responsible_agency=agency,
                          responsible_person=person, responsible_user_id=user_id, due_date=due, status=status,
                          status_reason=reason, follow_up_date=due + timedelta(days=21), outcome=outcome,
                          created_in_meeting_id=meeting_id, closed_in_meeting_id=None)

    def support_plan(self, case_id: int, start: date, walk: Walk, end: date, coord: Acct) -> None:
        versions = [start]
        upp = walk.date_of("UPPFOLJNING")
        if upp and self.chance(0.5):
            versions.append(upp)
        for version, day in enumerate(versions, start=1):
            plan = self.rows.add(Plan, case_id=case_id, version=version, valid_from=day, created_in_meeting_id=None,
                                 created_by=coord.user_id, created_at=at(day, 15))
            goal = self.rows.add(Goal, plan_id=plan, text="Fullföljt avhopp och ett liv utan kriminalitet",
                                 area="KRIMINALITET", indicator="Inga nya brott, villkoren följs",
                                 baseline="Nyligen lämnat miljön", target="Fullföljt", target_date=day + timedelta(
                                     days=365), status="PAGAR")
            areas = self.rng.sample(list(AVH_ACTIONS), self.rng.randint(3, 6))
            if version == 1 and "SKYDD" not in areas and walk.date_of("AKUT_SKYDD"):
                areas[0] = "SKYDD"
            for area in areas:
                agency, atype, text = AVH_ACTIONS[area]
                due = day + timedelta(days=self.rng.randint(14, 150))
                status, reason, outcome = self.action_status(due, min(end, self.today))
                if agency == "POLIS":
                    person, user_id = "Polisens avhopparsamordnare", None
                else:
                    person, user_id = f"{coord.name}, socialtjänsten", coord.user_id if self.chance(0.7) else None
                self.rows.add(Action, plan_id=plan, goal_id=goal, description=text, action_type=atype,
                              measure_type=None, support_area=area, responsible_agency=agency,
                              responsible_person=person, responsible_user_id=user_id, due_date=due, status=status,
                              status_reason=reason, follow_up_date=due + timedelta(days=30), outcome=outcome,
                              created_in_meeting_id=None, closed_in_meeting_id=None)
