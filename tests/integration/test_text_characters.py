"""Free text typed in the window passes the same character check as imported text and person
fields (domain/text.py): a bidirectional override, a NUL or another control character is refused
with a clear code and nothing is saved; line breaks and tabs in free text are fine."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.plans import ActionInput
from trygg_desktop.store.models import JournalEntry

from ..conftest import World
from ..scenarios import sspf_case


def _entries(world: World) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.count()).select_from(JournalEntry))


@pytest.mark.parametrize("bad", ["Möte med \u202eelev\u202c", "Anteckning\x00dold", "Samtal\x1b[2J", "\ufeffStart"])
def test_journal_text_with_a_forbidden_character_is_refused_and_not_saved(world: World, bad: str) -> None:
    built = sspf_case(world)
    before = _entries(world)
    with pytest.raises(ValidationError) as refused:
        world.as_("samordnare").journal.add(JournalInput(built.case_id, world.today, "SAMTAL", bad))
    assert refused.value.code == "text.character" and refused.value.params["position"] >= 1
    assert _entries(world) == before


def test_line_breaks_and_tabs_belong_in_free_text(world: World) -> None:
    built = sspf_case(world)
    entry = world.as_("samordnare").journal.add(JournalInput(built.case_id, world.today, "SAMTAL",
                                                             "Rad ett\nRad två\tmed tabb\r\nRad tre"))
    assert entry.text.startswith("Rad ett\nRad två")


def test_a_plan_action_refuses_a_direction_override(world: World) -> None:
    built = sspf_case(world)
    s = world.as_("samordnare")
    plan = s.plans.new_version(built.case_id, world.today)
    with pytest.raises(ValidationError) as refused:
        s.plans.add_action(plan.id, ActionInput("Läxhjälp \u2066två gånger\u2069 i veckan", "SKOLA"))
    assert refused.value.code == "text.character"


def test_an_action_of_a_replaced_plan_version_cannot_change_status(world: World) -> None:
    """A follow-up revises the plan (version 2 copies the open actions): the old version's action is
    history, so only its copy in the current version is followed up."""
    from trygg_desktop.services.plans import ActionInput as Action
    built = sspf_case(world)
    s = world.as_("samordnare")
    first = s.plans.new_version(built.case_id, world.today)
    old = s.plans.add_action(first.id, Action("Läxhjälp", "SKOLA"))
    second = s.plans.new_version(built.case_id, world.today)
    with pytest.raises(ValidationError) as refused:
        s.plans.set_action_status(old.id, "PAGAR")
    assert refused.value.code == "plan.superseded"
    copy = next(a for a in s.plans.get_current(built.case_id).actions if a.description == "Läxhjälp")
    assert copy.id != old.id and s.plans.set_action_status(copy.id, "PAGAR").status == "PAGAR"
    assert second.id != first.id
