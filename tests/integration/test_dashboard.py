"""Översikt: each list holds what needs attention, and nothing the user may not see."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from trygg_desktop.services.dashboard import DashboardService
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.services.plans import ActionInput

from ..conftest import World
from ..scenarios import restricted_case, sspf_case


def board(world: World, user: str):
    return DashboardService(world.db, world.actors[user], today=world.today).for_me()


def test_dashboard_lists_what_needs_attention(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    plan = soc.plans.new_version(built.case_id, world.today)
    users = {u.username: u.id for u in soc.users.directory()}
    soc.plans.add_action(plan.id, ActionInput("Närvaroplan", "SKOLA", responsible_user_id=users["skola"],
                                              due_date=world.today - timedelta(days=2)))
    soc.plans.add_action(plan.id, ActionInput("Föräldrastöd", "SOC", responsible_user_id=users["samordnare"],
                                              due_date=world.today + timedelta(days=5)))
    soc.plans.add_action(plan.id, ActionInput("Långt fram", "SOC", responsible_user_id=users["samordnare"],
                                              due_date=world.today + timedelta(days=90)))
    soc.meetings.create(MeetingInput("UPPFOLJNINGSMOTE", datetime.combine(world.today, datetime.min.time())
                                     .replace(hour=13), case_id=built.case_id))
    referral = sspf_case(world, consent="NONE", first="Nils", last="Ny", born=date(2012, 8, 8), assign=())

    skola = board(world, "skola")
    assert [(r.title, r.overdue) for r in skola.my_actions] == [("Närvaroplan", True)]
    assert [r.reference for r in skola.meetings_this_week] == [built.reference]
    assert skola.new_referrals == ()  # only owners assess referrals

    mine = board(world, "samordnare")
    assert [r.title for r in mine.my_actions] == ["Föräldrastöd"]
    assert referral.case_id not in {r.case_id for r in mine.new_referrals}  # already moved on by the builder
    assert {r.case_id for r in mine.without_follow_up} >= {built.case_id, referral.case_id}


def test_expiring_and_expired_consents(world: World) -> None:
    built = sspf_case(world)
    later = DashboardService(world.db, world.actors["samordnare"], today=world.today + timedelta(days=290)).for_me()
    assert [(r.case_id, r.status) for r in later.consents_expiring] == [(built.case_id, "VALID")]
    expired = DashboardService(world.db, world.actors["samordnare"], today=world.today + timedelta(days=320)).for_me()
    assert [(r.case_id, r.status, r.overdue) for r in expired.consents_expiring] == [(built.case_id, "EXPIRED", True)]


def test_dashboard_never_leaks_other_units_or_restricted_cases(world: World) -> None:
    sspf_case(world)
    restricted_case(world, "TREFAS", assign=("polis",))
    assert board(world, "annan").total == 0
    skola = board(world, "skola")
    assert all(r.reference is None or r.reference.startswith("SSPF") for r in
               skola.my_actions + skola.meetings_this_week + skola.consents_expiring)
    fresh = world.as_("trefas")
    assert any(r.reference.startswith("TREFAS") for r in board(world, "trefas").new_referrals)
    assert fresh is not None
