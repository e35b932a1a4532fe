"""The case header's next step for TREFAS and avhoppare cases (issue 16): the rules per kind
(DOMAIN 3.2, 4.1-4.2) on real case details read through the services, and the real case view:
the first step's button opens the dialog that does it, and the step is gone once it is done.
Screenshots: tests/artifacts/next_steps_*.png."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QApplication

from trygg_desktop.domain.access import capable
from trygg_desktop.services.consents import ConsentInput
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.ui.dialogs import record_dialogs as rd
from trygg_desktop.ui.pages import next_steps as ns

from ..conftest import World
from ..scenarios import restricted_case
from .conftest import screenshot


def _steps(world: World, username: str, case_id: int, today=None) -> list[tuple[str, str]]:
    s = world.as_(username)
    detail = s.case_view.open(case_id)
    steps = ns.missing_steps(detail, today or world.today, lambda act, rec: capable(s.actor, act, rec))
    return [(step.key, step.reason) for step in steps]


def _keys(world: World, username: str, case_id: int, today=None) -> list[str]:
    return [key for key, _reason in _steps(world, username, case_id, today)]


def _upcoming(world: World, username: str, case_id: int, meeting_type: str) -> None:
    world.as_(username).meetings.create(MeetingInput(
        meeting_type=meeting_type, case_id=case_id,
        starts_at=datetime.combine(world.today + timedelta(days=7), datetime.min.time())))


# ------------------------------------------------------------------------------- the rules

def test_trefas_asks_for_a_risk_level_then_for_a_new_one_after_three_weeks(world: World) -> None:
    built = restricted_case(world, "TREFAS")
    assert _steps(world, "trefas", built.case_id) == [(ns.RISK, ""), (ns.PLAN, ""), (ns.MEETING, "")]
    s = world.as_("trefas")
    s.assessments.add_risk_level(built.case_id, "GUL", world.today, "POLIS")
    assert _keys(world, "trefas", built.case_id) == [ns.PLAN, ns.MEETING]
    later = world.today + timedelta(days=ns.RISK_VALID_DAYS)
    assert ns.RISK not in _keys(world, "trefas", built.case_id, today=later)        # still in time
    assert _steps(world, "trefas", built.case_id, today=later + timedelta(days=1))[0] == (ns.RISK, "OLD")
    s.plans.new_version(built.case_id, world.today)
    _upcoming(world, "trefas", built.case_id, "TREFASMOTE")
    assert _keys(world, "trefas", built.case_id) == []
    # No consent step in TREFAS (DOMAIN 3.3): the case above never had one.


def test_avhoppare_asks_for_consent_threat_assessment_and_signed_conditions(world: World) -> None:
    built = restricted_case(world, "AVHOPPARE")
    s = world.as_("avhopparsamordnare")
    assert _keys(world, "avhopparsamordnare", built.case_id) == [ns.CONSENT, ns.THREAT, ns.CONDITIONS]
    consent = s.consents.create(ConsentInput(   # to exchange information with the police (DOMAIN 4.1, 2)
        case_id=built.case_id, purpose="Avhopparverksamhet", scope_agencies=(("SOC", ""), ("POLIS", "")),
        scope_information=("POLISIARA_UPPGIFTER", "SOCIALTJANST_INSATSER"), valid_from=world.today,
        valid_to=world.today + timedelta(days=365), joint_custody=False))
    assert _keys(world, "avhopparsamordnare", built.case_id)[0] == ns.SIGN
    s.consents.sign(consent.id, "ADULT_SELF", world.today)
    s.assessments.add_threat_assessment(built.case_id, "HOG", world.today, review_date=world.today + timedelta(days=30))
    s.assessments.set_conditions(built.case_id, ["Inga brott"], signed_at=None)
    assert _keys(world, "avhopparsamordnare", built.case_id) == [ns.CONDITIONS]   # not signed yet
    s.assessments.set_conditions(built.case_id, ["Inga brott", "Drogtester"], signed_at=world.today)
    assert _keys(world, "avhopparsamordnare", built.case_id) == []
    # The threat assessment past its review date is due again.
    late = world.today + timedelta(days=31)
    assert (ns.THREAT, "OLD") in _steps(world, "avhopparsamordnare", built.case_id, today=late)


def test_the_avhoppare_plan_is_due_from_the_investigation_and_meetings_from_the_decision(world: World) -> None:
    built = restricted_case(world, "AVHOPPARE")
    s = world.as_("avhopparsamordnare")
    keys = _keys(world, "avhopparsamordnare", built.case_id)
    assert ns.PLAN not in keys and ns.MEETING not in keys                        # FORFRAGAN: too early
    s.cases.change_status(built.case_id, "FORHANDSBEDOMNING")
    s.cases.change_status(built.case_id, "UTREDNING")
    keys = _keys(world, "avhopparsamordnare", built.case_id)
    assert ns.PLAN in keys and ns.MEETING not in keys
    s.plans.new_version(built.case_id, world.today)
    s.cases.change_status(built.case_id, "BESLUT")
    keys = _keys(world, "avhopparsamordnare", built.case_id)
    assert ns.PLAN not in keys and ns.MEETING in keys
    _upcoming(world, "avhopparsamordnare", built.case_id, "UPPFOLJNINGSMOTE")
    assert ns.MEETING not in _keys(world, "avhopparsamordnare", built.case_id)


def test_only_what_the_role_may_do_and_nothing_for_a_closed_case(world: World) -> None:
    built = restricted_case(world, "TREFAS", assign=("polis",))
    # The police contact records the police's risk colour, but neither plans nor books.
    assert _keys(world, "polis", built.case_id) == [ns.RISK]
    world.as_("trefas").cases.change_status(built.case_id, "AVSLUTAD", reason="FLYTT")
    assert _keys(world, "trefas", built.case_id) == []


# ------------------------------------------------------------------------------- the window

def _open(window_for, username: str, case_id: int):
    window = window_for(username)
    window.resize(1280, 800)
    window.open_case(case_id)
    QApplication.processEvents()
    return window, window.pages["case"]


def test_the_trefas_risk_step_opens_the_risk_dialog_and_goes_when_saved(world: World, window_for) -> None:
    built = restricted_case(world, "TREFAS")
    window, page = _open(window_for, "trefas", built.case_id)
    assert [s.key for s in page.next_steps.steps] == [ns.RISK, ns.PLAN, ns.MEETING]
    button = page.next_steps.buttons[ns.RISK]
    assert button.isEnabled() and "Ingen risknivå" in button.text()
    QApplication.processEvents()
    screenshot(window, "next_steps_trefas")
    button.click()
    assert page.tabs.currentWidget() is page.assessment
    dialog = page.dialog
    assert isinstance(dialog, rd.RiskLevelDialog) and dialog.isVisible()
    dialog.level.setCurrentIndex(dialog.level.findData("ROD"))
    dialog.ok_button.click()
    assert page.dialog is None
    assert page.detail.risk_levels and page.detail.risk_levels[0].level == "ROD"
    assert [s.key for s in page.next_steps.steps] == [ns.PLAN, ns.MEETING]


def test_the_avhoppare_steps_open_threat_and_conditions_dialogs(world: World, window_for) -> None:
    built = restricted_case(world, "AVHOPPARE")
    window, page = _open(window_for, "avhopparsamordnare", built.case_id)
    assert [s.key for s in page.next_steps.steps] == [ns.CONSENT, ns.THREAT, ns.CONDITIONS]
    assert all(b.isEnabled() for b in page.next_steps.buttons.values())   # nothing gated by consent here
    QApplication.processEvents()
    screenshot(window, "next_steps_avhoppare")
    page.next_steps.buttons[ns.THREAT].click()
    assert page.tabs.currentWidget() is page.assessment
    threat = page.dialog
    assert isinstance(threat, rd.ThreatDialog)
    threat.level.setCurrentIndex(threat.level.findData("HOG"))
    threat.ok_button.click()
    assert page.dialog is None and ns.THREAT not in [s.key for s in page.next_steps.steps]
    page.next_steps.buttons[ns.CONDITIONS].click()
    conditions = page.dialog
    assert isinstance(conditions, rd.ConditionsDialog)
    conditions.conditions.setPlainText("Inga nya brott\nDrogtester varannan vecka")
    conditions.ok_button.click()
    assert page.dialog is None
    assert [s.key for s in page.next_steps.steps] == [ns.CONSENT]
