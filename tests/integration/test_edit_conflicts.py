"""Optimistic concurrency on what two people edit at once (server mode, issue 13): a save made
with an older version than the stored one is refused as a conflict carrying the saved text, and
nothing is overwritten; saving again with the version just read goes through."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, EditConflict
from trygg_desktop.services.facade import Services
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.services.plans import ActionInput
from trygg_desktop.store.models import AgendaItem

from ..conftest import World
from ..scenarios import sspf_case

WHEN = datetime(2026, 11, 24, 14, 0)


def _two_desks(world: World) -> tuple[Services, Services]:
    """The chair on two PCs (or the chair and the secretary): two sessions, one database."""
    actor = world.actors["samordnare"]
    return Services(world.db, actor, today=world.today), Services(world.db, actor, today=world.today)


def test_two_saves_of_one_agenda_item_never_overwrite_each_other(world: World) -> None:
    built = sspf_case(world)
    a, b = _two_desks(world)
    m = a.meetings.create(MeetingInput("NATVERKSMOTE", WHEN, case_id=built.case_id))
    item = next(i for i in a.meetings.get(m.id).agenda if i.number == 4)
    seen_by_b = next(i for i in b.meetings.get(m.id).agenda if i.number == 4)
    assert item.version == seen_by_b.version == 1
    saved = a.meetings.set_agenda_item(m.id, 4, item.heading, note="Skolan: närvaron 70 %.",
                                       expected_version=item.version)
    assert next(i for i in saved.agenda if i.number == 4).version == 2
    with pytest.raises(EditConflict) as err:
        b.meetings.set_agenda_item(m.id, 4, seen_by_b.heading, note="Polisen: inga nya händelser.",
                                   expected_version=seen_by_b.version)
    assert err.value.code == "protocol.conflict"
    assert err.value.params["saved"] == {"version": 2, "heading": item.heading, "note": "Skolan: närvaron 70 %.",
                                         "decision": None}
    with world.db.session() as s:   # nothing of b's was written
        assert s.scalar(select(AgendaItem.note).where(AgendaItem.meeting_id == m.id, AgendaItem.number == 4)) \
            == "Skolan: närvaron 70 %."
    both = "Skolan: närvaron 70 %.\nPolisen: inga nya händelser."
    merged = b.meetings.set_agenda_item(m.id, 4, seen_by_b.heading, note=both, expected_version=2)
    assert next(i for i in merged.agenda if i.number == 4).note == both


def test_two_new_items_with_one_number_conflict(world: World) -> None:
    built = sspf_case(world)
    a, b = _two_desks(world)
    m = a.meetings.create(MeetingInput("NATVERKSMOTE", WHEN, case_id=built.case_id, use_template=False))
    a.meetings.set_agenda_item(m.id, 1, "Mötets öppnande", expected_version=0)
    with pytest.raises(EditConflict) as err:
        b.meetings.set_agenda_item(m.id, 1, "Presentation", expected_version=0)
    assert err.value.params["saved"]["heading"] == "Mötets öppnande"
    # Without a version (the CLI, the scripts of old) the last save wins, as before.
    assert b.meetings.set_agenda_item(m.id, 1, "Presentation").agenda[0].heading == "Presentation"


def test_another_agencys_internal_item_cannot_be_replaced_unseen(world: World) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    m = soc.meetings.create(MeetingInput("NATVERKSMOTE", WHEN, case_id=built.case_id))
    soc.meetings.set_agenda_item(m.id, 7, "Övrigt", note="Polisens interna notering", visibility="INTERNAL",
                                 owning_agency="POLIS")
    with pytest.raises(AccessDenied) as err:
        soc.meetings.set_agenda_item(m.id, 7, "Övrigt", note="skrivs över")
    assert err.value.code == "access.internal_item"
    with world.db.session() as s:
        assert s.scalar(select(AgendaItem.note).where(AgendaItem.meeting_id == m.id, AgendaItem.number == 7)) \
            == "Polisens interna notering"


def test_a_stale_status_change_of_a_plan_action_is_a_conflict(world: World) -> None:
    built = sspf_case(world)
    a, b = _two_desks(world)
    plan = a.plans.new_version(built.case_id, world.today)
    action = a.plans.add_action(plan.id, ActionInput("Närvaroplan", "SKOLA", action_type="NARVAROPLAN"))
    assert action.version == 1
    started = a.plans.set_action_status(action.id, "PAGAR", expected_version=1)
    assert started.version == 2
    with pytest.raises(EditConflict) as err:   # b still sees PLANERAD and strikes it
        b.plans.set_action_status(action.id, "STRUKEN", reason="Behövs inte", expected_version=1)
    assert err.value.code == "plan.conflict" and err.value.params["saved"]["status"] == "PAGAR"
    assert b.plans.get_current(built.case_id).actions[0].status == "PAGAR"


def test_a_group_meeting_shows_another_agencys_internal_item_to_nobody_else(world: World) -> None:
    """The editor follows the printed protocol: on a group meeting another agency's internal §
    is counted as hidden, neither shown nor replaceable."""
    soc = world.as_("samordnare")
    m = soc.meetings.create(MeetingInput("ARBETSGRUPPSMOTE", WHEN, unit_id=world.units["SSPF Tureberg"],
                                         use_template=False))
    soc.meetings.set_agenda_item(m.id, 1, "Lägesbild", note="Delad anteckning")
    shown = soc.meetings.set_agenda_item(m.id, 2, "Polisens punkt", note="Intern", visibility="INTERNAL",
                                         owning_agency="POLIS")
    assert [i.number for i in shown.agenda] == [1] and shown.hidden_items == 1
    with pytest.raises(AccessDenied):
        soc.meetings.set_agenda_item(m.id, 2, "Skrivs över")


def test_a_stale_follow_up_date_is_a_conflict_and_the_saved_date_stays(world: World) -> None:
    """Revision 0018: the case's in-place edits carry the case's version."""
    built = sspf_case(world)
    a, b = _two_desks(world)
    seen_by_b = b.case_view.open(built.case_id).version
    a.cases.set_follow_up(built.case_id, date(2027, 1, 15), expected_version=a.case_view.open(built.case_id).version)
    with pytest.raises(EditConflict) as err:
        b.cases.set_follow_up(built.case_id, date(2027, 2, 1), expected_version=seen_by_b)
    assert err.value.code == "case.conflict"
    assert err.value.params["saved"] == {"version": seen_by_b + 1, "follow_up_date": date(2027, 1, 15)}
    assert b.case_view.open(built.case_id).summary.follow_up_date == date(2027, 1, 15)
    # Saving again with the version the conflict gave back replaces it knowingly.
    b.cases.set_follow_up(built.case_id, date(2027, 2, 1), expected_version=err.value.params["saved"]["version"])
    assert a.case_view.open(built.case_id).summary.follow_up_date == date(2027, 2, 1)


def test_a_status_change_made_on_an_older_version_of_the_case_is_a_conflict(world: World) -> None:
    built = sspf_case(world)
    a, b = _two_desks(world)
    seen_by_b = b.case_view.open(built.case_id)
    a.cases.set_follow_up(built.case_id, date(2027, 1, 15), expected_version=seen_by_b.version)
    target = seen_by_b.allowed_transitions[0]
    with pytest.raises(EditConflict) as err:
        b.cases.change_status(built.case_id, target, reason="Skäl", note="Skäl", expected_version=seen_by_b.version)
    assert err.value.code == "case.conflict" and err.value.params["saved"]["status"] == seen_by_b.summary.status
    assert b.case_view.open(built.case_id).summary.status == seen_by_b.summary.status   # nothing changed
    changed = b.cases.change_status(built.case_id, target, reason="Skäl", note="Skäl",
                                    expected_version=err.value.params["saved"]["version"])
    assert changed.status == target
    assert a.case_view.open(built.case_id).version == seen_by_b.version + 2   # follow-up, then status


def test_the_next_meeting_saved_by_a_colleague_is_not_replaced_unseen(world: World) -> None:
    built = sspf_case(world)
    a, b = _two_desks(world)
    m = a.meetings.create(MeetingInput("NATVERKSMOTE", WHEN, case_id=built.case_id))
    seen_by_b = b.meetings.get(m.id).version
    saved = a.meetings.set_next_meeting(m.id, datetime(2026, 12, 8, 9, 0), "Skolan", "Mamma informerad",
                                        expected_version=seen_by_b)
    assert saved.version == seen_by_b + 1
    with pytest.raises(EditConflict) as err:
        b.meetings.set_next_meeting(m.id, datetime(2026, 12, 9, 13, 0), "Fritidsgården", None,
                                    expected_version=seen_by_b)
    assert err.value.code == "meeting.conflict"
    assert err.value.params["saved"]["next_meeting_place"] == "Skolan"
    assert err.value.params["saved"]["guardians_informed"] == "Mamma informerad"
    kept = b.meetings.get(m.id)
    assert (kept.next_meeting_at, kept.next_meeting_place) == (datetime(2026, 12, 8, 9, 0), "Skolan")
    # An agenda save does not move the meeting's version (items have their own).
    item = next(i for i in kept.agenda if i.number == 4)
    assert b.meetings.set_agenda_item(m.id, 4, item.heading, note="x", expected_version=item.version).version \
        == kept.version
