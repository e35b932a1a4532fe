"""What reaches another agency is filtered by the consent's information scope (issue 12, item 6).

The reviewer saw the police version of a protocol and the police plan view show a BUP
referral, a drug-use goal and a youth clinic while the consent left out Hälsa. Goals,
actions and agenda items now carry an information category (chosen, or derived from
action type, goal area and text), and every view for another agency filters by it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from trygg_desktop.domain import information
from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.plans import ActionInput, GoalInput
from trygg_desktop.services.protocols import ProtocolService

from ..conftest import World
from ..scenarios import sspf_case

NO_HEALTH = ("SKOLGANG_NARVARO", "BETEENDE", "POLISIARA_UPPGIFTER", "SOCIALTJANST_INSATSER")
DRUG_GOAL = "Minskat bruk av droger"
BUP = "Remiss till BUP för bedömning"
CLINIC = "Insats från öppenvården (ungdomsmottagning för beroende)"
DIET = "Samtal om kost och sömn"
BUP_NOTE = "Kontakt med BUP har inletts; bedömning i januari."
SCHOOL_NOTE = "Närvaron har ökat till 80 procent."


def build(world: World, categories: tuple[str, ...] = NO_HEALTH) -> tuple[int, int]:
    built = sspf_case(world, agencies=("SOC", "SKOLA", "POLIS"), categories=categories)
    soc = world.as_("samordnare")
    when = datetime.combine(world.today - timedelta(days=1), datetime.min.time()).replace(hour=14)
    m = soc.meetings.create(MeetingInput("NATVERKSMOTE", when, case_id=built.case_id, place="Socialkontoret"))
    soc.meetings.add_attendee(m.id, AttendeeInput("Sara Samordnare", agency="SOC", meeting_role="ORDFORANDE"))
    soc.meetings.set_agenda_item(m.id, 4, "Aktuell situation", note=SCHOOL_NOTE)
    soc.meetings.set_agenda_item(m.id, 5, "Vård och stöd", note=BUP_NOTE)            # text → Hälsa
    soc.meetings.set_agenda_item(m.id, 6, "Kost", note="Äter dåligt.", information_category="HALSA")
    plan = soc.plans.new_version(built.case_id, when.date(), meeting_id=m.id)
    drugs = soc.plans.add_goal(plan.id, GoalInput(DRUG_GOAL, area="INDIVID"))          # area → Hälsa
    school = soc.plans.add_goal(plan.id, GoalInput("Regelbunden skolgång", area="SKOLA"))
    soc.plans.add_action(plan.id, ActionInput(BUP, "SOC", action_type="REMISS_BUP_BEROENDE", goal_id=drugs.id))
    soc.plans.add_action(plan.id, ActionInput(CLINIC, "SOC", action_type="OVRIGT", goal_id=drugs.id))   # text
    soc.plans.add_action(plan.id, ActionInput(DIET, "SOC", information_category="HALSA", goal_id=school.id))
    soc.plans.add_action(plan.id, ActionInput("Närvaroplan", "SKOLA", goal_id=school.id))
    soc.plans.add_action(plan.id, ActionInput("Orossamtal om droger på skolgården", "POLIS",
                                              information_category="POLISIARA_UPPGIFTER", goal_id=drugs.id))
    return built.case_id, m.id


def test_police_plan_view_leaves_out_health_goals_and_actions(world: World) -> None:
    case_id, _ = build(world)
    plan = world.as_("polis").plans.get_current(case_id)
    actions = {a.description for a in plan.actions}
    assert actions == {"Närvaroplan", "Orossamtal om droger på skolgården"}
    assert [g.text for g in plan.goals] == ["Regelbunden skolgång"]
    assert plan.hidden_actions == 3 and plan.hidden_goals == 1
    # The coordinator (the case-owning agency) sees all of it, each with its category.
    full = world.as_("samordnare").plans.get_current(case_id)
    assert {a.description: a.information_category for a in full.actions}[BUP] == "HALSA"
    assert {g.text: g.information_category for g in full.goals}[DRUG_GOAL] == "HALSA"


def test_police_version_of_the_protocol_leaves_out_health_items(world: World) -> None:
    _, meeting_id = build(world)
    doc = ProtocolService(world.db, world.actors["samordnare"], today=world.today).protocol(
        meeting_id, for_agency="POLIS")
    notes = [a.note for a in doc.agenda]
    assert SCHOOL_NOTE in notes and BUP_NOTE not in notes and "Äter dåligt." not in notes
    actions = [p.action for p in doc.plan]
    assert BUP not in actions and CLINIC not in actions and DIET not in actions
    assert "Närvaroplan" in actions
    police = next(p for p in doc.plan if p.action.startswith("Orossamtal"))
    assert police.goal == ""                   # the police's own action, but its goal is health information
    assert not any(DRUG_GOAL in p.goal for p in doc.plan)
    assert any("utanför samtyckets omfattning" in o for o in doc.omitted)


def test_with_health_in_the_consent_the_police_see_it(world: World) -> None:
    case_id, meeting_id = build(world, categories=NO_HEALTH + ("HALSA",))
    plan = world.as_("polis").plans.get_current(case_id)
    assert {BUP, CLINIC, DIET} <= {a.description for a in plan.actions} and plan.hidden_goals == 0
    doc = ProtocolService(world.db, world.actors["samordnare"], today=world.today).protocol(
        meeting_id, for_agency="POLIS")
    assert BUP_NOTE in [a.note for a in doc.agenda] and BUP in [p.action for p in doc.plan]


def test_categories_are_checked_and_suggested() -> None:
    assert information.suggest("Remiss till BUP") == "HALSA"
    assert information.suggest("Misstänkt narkotikabrott vid centrum") is None   # police information
    assert information.suggest("Röker cannabis på helgerna") == "HALSA"
    assert information.suggest("Läxläsning två eftermiddagar") is None
    assert information.of_action(None, "REMISS_BUP_BEROENDE", "SOC") == "HALSA"
    assert information.of_action("BETEENDE", "REMISS_BUP_BEROENDE", "SOC") == "BETEENDE"   # the choice wins
    assert information.of_action(None, "LAXLASNING", "SKOLA") == "SKOLGANG_NARVARO"
    assert information.of_goal(None, "INDIVID") == "HALSA" and information.of_goal(None, None) is None


def test_unknown_category_is_refused(world: World) -> None:
    case_id, meeting_id = build(world)
    soc = world.as_("samordnare")
    plan = soc.plans.get_current(case_id)
    with pytest.raises(ValidationError):
        soc.plans.add_action(plan.id, ActionInput("X", "SOC", information_category="PÅHITTAD"))
    with pytest.raises(ValidationError):
        soc.plans.add_goal(plan.id, GoalInput("X", information_category="PÅHITTAD"))
    with pytest.raises(ValidationError):
        soc.meetings.set_agenda_item(meeting_id, 9, "X", information_category="PÅHITTAD")
