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


def test_superseded_plan_versions_are_history_not_open_work(world: World) -> None:
    """Issue 12, item 5: a follow-up meeting makes plan version 2 and the open actions are copied
    into it; when the version-2 copy is done, the version-1 original (still open, as it was when
    superseded) must not show as "Försenad" nor count as overdue. A genuinely late action of the
    current version still does."""
    built = sspf_case(world)
    soc = world.as_("samordnare")
    skola = next(u.id for u in soc.users.directory() if u.username == "skola")
    v1 = soc.plans.new_version(built.case_id, world.today - timedelta(days=60))
    soc.plans.add_action(v1.id, ActionInput("Närvaroplan", "SKOLA", responsible_user_id=skola,
                                            due_date=world.today - timedelta(days=10)))
    soc.plans.add_action(v1.id, ActionInput("Läxläsning", "SKOLA", responsible_user_id=skola,
                                            due_date=world.today - timedelta(days=4)))
    before = board(world, "skola")
    assert [(r.title, r.overdue) for r in before.my_actions] == [("Närvaroplan", True), ("Läxläsning", True)]

    v2 = soc.plans.new_version(built.case_id, world.today - timedelta(days=2))
    assert v2.version == 2 and [a.description for a in v2.actions] == ["Närvaroplan", "Läxläsning"]
    copies = {a.description: a.id for a in v2.actions}
    world.as_("skola").plans.set_action_status(copies["Närvaroplan"], "GENOMFORD", outcome="Klart")

    after = board(world, "skola")
    assert [(r.item_id, r.title, r.overdue) for r in after.my_actions] == [(copies["Läxläsning"], "Läxläsning", True)]
    assert sum(r.overdue for r in after.my_actions) == 1
    assert not {a.id for a in v1.actions} & {r.item_id for r in after.my_actions}

    # A version made without carrying over leaves the old open actions as history too.
    soc.plans.new_version(built.case_id, world.today, carry_over=False)
    assert board(world, "skola").my_actions == ()


def test_bulk_case_contexts_equal_the_per_case_facts(world: World) -> None:
    """``case_contexts`` reads the newest consent as Core rows (a window function, no ORM objects):
    over a demo municipality, on several days (expiries, 15th and 18th birthdays, revocations),
    its facts and consent status equal ``case_context``/``consent_status_now`` case by case."""
    from collections import Counter

    from sqlalchemy import select

    from trygg_desktop.services.base import case_context, case_contexts, consent_status_now, current_consent
    from trygg_desktop.services.demo import DemoService
    from trygg_desktop.store.models import Case

    DemoService(world.db, world.actors["admin"], today=world.today).generate(cases=40, seed=3)
    statuses: Counter[str] = Counter()
    with world.db.session() as s:
        cases = list(s.scalars(select(Case).order_by(Case.id)))
        assert len(cases) >= 40
        for day in (world.today, world.today + timedelta(days=200), world.today + timedelta(days=500)):
            bulk = case_contexts(s, cases, day)
            for case in cases:
                consent = current_consent(s, case.id)
                assert bulk[case.id].facts == case_context(s, case, day).facts, case.reference
                assert bulk[case.id].consent_status == consent_status_now(s, consent, day)
                assert bulk[case.id].consent_valid_to == (consent.valid_to if consent else None)
                statuses[bulk[case.id].consent_status] += 1
    assert {"NONE", "VALID", "EXPIRED", "REVOKED"} <= set(statuses), statuses


def test_dashboard_loads_no_orm_objects(world: World) -> None:
    """The dashboard reads Core rows only: no case, person, meeting (with its eagerly loaded
    attendees and agenda) or consent (with its signatories) enters the session."""
    from sqlalchemy import event

    from trygg_desktop.store.models import Base

    built = sspf_case(world)
    soc = world.as_("samordnare")
    plan = soc.plans.new_version(built.case_id, world.today)
    soc.plans.add_action(plan.id, ActionInput("Föräldrastöd", "SOC", due_date=world.today + timedelta(days=5)))
    soc.meetings.create(MeetingInput("UPPFOLJNINGSMOTE", datetime.combine(world.today, datetime.min.time())
                                     .replace(hour=13), case_id=built.case_id))
    loaded: list[str] = []

    def on_load(target, _context) -> None:
        loaded.append(type(target).__name__)

    event.listen(Base, "load", on_load, propagate=True)
    try:
        mine = board(world, "samordnare")
    finally:
        event.remove(Base, "load", on_load)
    assert mine.my_actions and mine.meetings_this_week and mine.without_follow_up
    assert not set(loaded) - {"Meta", "User", "UserRole", "UserUnit"}, loaded
