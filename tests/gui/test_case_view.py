"""The case view through real widgets and real services: the header, every tab,
the data-entry dialogs, what other agencies see, and that ``clear()`` leaves no
case data behind. Screenshots go to tests/artifacts/case_*.png."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt
import shiboken6
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from trygg_desktop.domain import vocab
from trygg_desktop.services.facade import Services
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.ui.main_window import MainWindow
from trygg_desktop.ui.tasks import Executor

from ..conftest import World, test_pnr
from ..scenarios import restricted_case, sspf_case
from .conftest import screenshot


def _shot(widget, name: str) -> None:
    QApplication.processEvents()  # let pending layout requests run before grabbing
    screenshot(widget, name)


def _open(window_for, username: str, case_id: int):
    window = window_for(username)
    window.open_case(case_id)
    QApplication.processEvents()
    return window, window.pages["case"]


def _tab(page, tab) -> None:
    page.tabs.setCurrentWidget(tab)
    QApplication.processEvents()


def _pick(combo, code) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def _rows(model) -> list:
    return list(model.rows())


def _add_journal(page, text: str, visibility: str, category: str = "SKOLGANG_NARVARO", shot: str = "") -> None:
    _tab(page, page.journal)
    page.journal.new_button.click()
    dialog = page.dialog
    _pick(dialog.visibility, visibility)
    _pick(dialog.category, category)
    dialog.source.setText("mentor")
    dialog.text.setPlainText(text)
    if shot:
        _shot(dialog, shot)
    dialog.ok_button.click()
    assert page.dialog is None and dialog.result() == dialog.DialogCode.Accepted


def _add_plan_action(page, field: str, code: str, text: str) -> None:
    """A plan version and one action typed by the kind's own vocabulary (measure or support area)."""
    if page.detail.plan is None:
        page.new_plan_version()
        page.dialog.ok_button.click()
    page.add_action()
    dialog = page.dialog
    assert dialog.action_type.isHidden() or not dialog.action_type.isVisibleTo(dialog)
    combo = getattr(dialog, field)
    assert combo.isVisibleTo(dialog)
    _pick(combo, code)
    dialog.description.setPlainText(text)
    dialog.ok_button.click()
    action = next(a for a in page.detail.plan.actions if a.description == text)
    assert code in (action.measure_type, action.support_area)


def test_samordnare_opens_an_sspf_case_with_header_light_and_tabs(world: World, window_for) -> None:
    built = sspf_case(world)
    s = world.as_("samordnare")
    guardian = s.persons.register(PersonInput("Lena", "Berg", pnr=test_pnr(1980, 3, 4, 990), phone="070-1234567",
                                              address="Lingonvägen 3", postal_code="191 40", city="Sollentuna"))
    s.persons.add_guardian(built.person_id, guardian.id, has_custody=True, relation="Mamma")
    window, page = _open(window_for, "samordnare", built.case_id)
    assert page.fact_labels["reference"].text() == built.reference
    assert page.fact_labels["status"].text() == vocab.SSPF_STATUSES.label("KARTLAGGNING")
    assert page.fact_labels["responsible"].text() == "Samordnare"
    assert page.name_label.text() == "Alva Berg" and page.person_label.text().startswith("15")
    assert page.light.light == "VALID" and page.light.isVisible()
    assert not page.protected_banner.isVisible() and not page.withheld_banner.isVisible()
    assert page.status_button.isVisible()
    assert page.consent.model.rowCount() == 1 and page.consent.signatories.rowCount() == 2
    assert page.overview.guardians.rowCount() == 1 and page.overview.history.rowCount() == 4
    assert page.overview.values["description"].text() == "Hög frånvaro sedan augusti"
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.history))
    _shot(window, "case_sspf_overview")
    _tab(page, page.consent)
    _shot(window, "case_sspf_consent")
    _tab(page, page.history)  # the audit trail is read only when its tab is opened
    assert page.history.model.rowCount() > 0
    actions = {e.action for e in page.history.model.rows()}
    assert {"CASE_CREATE", "CASE_READ", "CONSENT_SIGN"} <= actions
    # Follow-up date and assigning a colleague (the colleague list leaves out admins and reviewers).
    page.overview.follow_up_button.click()
    page.dialog.when.edit.setDate(world.today + timedelta(days=90))
    page.dialog.ok_button.click()
    assert page.detail.summary.follow_up_date == world.today + timedelta(days=90)
    page.overview.assign_button.click()
    dialog = page.dialog
    offered = {page.users[dialog.user.itemData(i)].username for i in range(dialog.user.count())}
    assert "fritid" in offered and not offered & {"admin", "granskare", "styrgrupp", "samordnare"}
    _pick(dialog.user, next(u.id for u in page.users.values() if u.username == "fritid"))
    dialog.ok_button.click()
    assert page.dialog is None
    assert "CASE_ASSIGN" in {e.action for e in world.as_("samordnare").audit_view.case_history(built.case_id)}
    skola_window, skola_page = _open(window_for, "skola", built.case_id)
    assert not skola_page.tabs.isTabVisible(skola_page.tabs.indexOf(skola_page.history))
    assert not skola_page.status_button.isVisible()
    assert skola_page.consent.new_button.isHidden() and skola_page.consent.revoke_button.isHidden()


def test_meetings_tab_lists_the_case_meetings_and_opens_one(world: World, window_for) -> None:
    built = sspf_case(world)
    meeting = world.as_("samordnare").meetings.create(MeetingInput(
        meeting_type="NATVERKSMOTE", starts_at=datetime(2026, 11, 20, 14, 0), case_id=built.case_id,
        place="Turebergsskolan"))
    window, page = _open(window_for, "samordnare", built.case_id)
    opened: list[int] = []
    page.ctx.open_meeting = opened.append
    _tab(page, page.meetings)
    assert page.meetings.model.rowCount() == 1 and not page.meetings.empty.isVisibleTo(page.meetings)
    page.meetings.view.doubleClicked.emit(page.meetings.view.model().index(0, 0))
    assert opened == [meeting.id]
    _shot(window, "case_sspf_meetings")


def test_shared_journal_entry_reaches_the_school_and_an_internal_one_does_not(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    _add_journal(page, "Samtal med mentor om närvaron", "SHARED", shot="case_dialog_journal")
    _add_journal(page, "Intern bedömning av familjesituationen", "INTERNAL", "FAMILJESITUATION")
    entries = _rows(page.journal.model)
    assert [e.visibility for e in entries] == ["INTERNAL", "SHARED"]  # newest first
    assert page.journal.selected() is not None and page.journal.text.toPlainText()
    _shot(window, "case_sspf_journal")
    _, skola = _open(window_for, "skola", built.case_id)
    seen = [e.text for e in _rows(skola.journal.model)]
    assert seen == ["Samtal med mentor om närvaron"]
    assert "journal" in skola.detail.withheld and skola.withheld_banner.isVisible()
    assert skola.journal.withheld_note.isVisibleTo(skola.journal)
    # The school may not correct social services' entry; its own entries it may.
    _tab(skola, skola.journal)
    skola.journal.view.selectRow(0)
    assert not skola.journal.correct_button.isEnabled()


def test_journal_correction_keeps_the_original_visible(world: World, window_for) -> None:
    built = sspf_case(world)
    _, page = _open(window_for, "samordnare", built.case_id)
    _add_journal(page, "Mötet hölls den 3 november", "SHARED")
    page.journal.view.selectRow(0)
    page.journal.correct_button.click()
    dialog = page.dialog
    dialog.text.setPlainText("Mötet hölls den 4 november")
    _shot(dialog, "case_dialog_correct_journal")
    dialog.ok_button.click()
    entries = {e.text: e for e in _rows(page.journal.model)}
    original, correction = entries["Mötet hölls den 3 november"], entries["Mötet hölls den 4 november"]
    assert original.corrected_by == (correction.id,) and correction.corrects_id == original.id
    assert f"#{correction.id}" in page.journal.correction_text(original)


def test_revoking_consent_closes_the_case_and_shuts_the_school_out(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    _tab(page, page.consent)
    page.consent.view.selectRow(0)
    page.consent.revoke_button.click()
    dialog = page.dialog
    assert not dialog.ok_button.isEnabled(), "irreversible: needs the confirmation"
    dialog.note.setPlainText("Vårdnadshavaren ringde")
    _shot(dialog, "case_dialog_revoke_consent")
    dialog.confirm_box.setChecked(True)
    dialog.ok_button.click()
    assert page.dialog is None
    assert page.light.light == "REVOKED"
    assert page.detail.consents[0].status == "REVOKED"
    assert page.detail.summary.status == "AVSLUTAD" and page.detail.closure_reason == "SAMTYCKE_ATERKALLAT"
    _shot(window, "case_sspf_revoked")
    _, skola = _open(window_for, "skola", built.case_id)
    assert skola.banner.isVisible() and skola.banner.kind == "error"
    assert skola.detail is None and skola.stack.currentWidget() is skola.empty_label
    assert skola.name_label.text() == "" and skola.fact_labels["reference"].text() == ""
    assert skola.journal.model.rowCount() == 0 and skola.consent.model.rowCount() == 0


def test_status_dialog_offers_only_allowed_transitions_and_closing_asks_for_a_reason(world: World,
                                                                                      window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    allowed = world.as_("samordnare").cases.allowed_transitions(built.case_id)
    page.status_button.click()
    dialog = page.dialog
    offered = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert offered == list(page.detail.allowed_transitions) and set(offered) == set(allowed)
    assert "AKTIV_PLAN" not in offered  # needs a held meeting and a plan
    _pick(dialog.target, "AVSLUTAD")
    assert dialog.reason.isVisibleTo(dialog) and dialog.confirm_box.isVisibleTo(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.confirm_box.setChecked(True)
    dialog.ok_button.click()  # no reason chosen yet
    assert page.dialog is dialog and dialog.banner.isVisible() and dialog.banner.kind == "warning"
    reasons = [dialog.reason.itemData(i) for i in range(1, dialog.reason.count())]
    assert reasons == list(vocab.CLOSURE_REASONS["SSPF"].codes)
    _pick(dialog.reason, "MAL_UPPNATT")
    dialog.note.setPlainText("Närvaron är god sedan oktober")
    _shot(dialog, "case_dialog_status_close")
    dialog.ok_button.click()
    assert page.dialog is None
    assert page.detail.summary.status == "AVSLUTAD" and page.detail.closure_reason == "MAL_UPPNATT"
    assert page.fact_labels["status"].text() == vocab.SSPF_STATUSES.label("AVSLUTAD")
    # Reopening (with the valid consent) asks for a note instead of a closure reason.
    page.status_button.click()
    dialog = page.dialog
    assert [dialog.target.itemData(i) for i in range(dialog.target.count())] == ["KARTLAGGNING"]
    assert not dialog.reason.isVisibleTo(dialog) and not dialog.confirm_box.isVisibleTo(dialog)
    dialog.ok_button.click()
    assert dialog.banner.isVisible() and page.dialog is dialog
    dialog.note.setPlainText("Ny oro från skolan")
    dialog.ok_button.click()
    assert page.detail.summary.status == "KARTLAGGNING"


def test_new_consent_and_signatures_through_the_dialogs(world: World, window_for) -> None:
    built = sspf_case(world, consent="NONE")
    window, page = _open(window_for, "samordnare", built.case_id)
    assert page.light.light == "NONE" and page.consent.empty.isVisibleTo(page.consent)
    _tab(page, page.consent)
    page.consent.new_button.click()
    dialog = page.dialog
    assert dialog.valid_to.date().toPython() == world.today.replace(year=world.today.year + 1)
    for code, org in (("SOC", "Socialtjänsten Sollentuna"), ("SKOLA", "Turebergsskolan")):
        dialog.agencies[code][0].setChecked(True)
        dialog.agencies[code][1].setText(org)
    dialog.categories["SKOLGANG_NARVARO"].setChecked(True)
    dialog.joint.setChecked(False)
    dialog.exception.setText("Ensam vårdnad enligt dom")
    _shot(dialog, "case_dialog_new_consent")
    dialog.ok_button.click()
    assert page.dialog is None
    consent = page.detail.consents[0]
    assert consent.scope_agencies == (("SOC", "Socialtjänsten Sollentuna"), ("SKOLA", "Turebergsskolan"))
    assert set(consent.required_signatories) == {"GUARDIAN_1", "YOUTH"}
    for role in ("GUARDIAN_1", "YOUTH"):
        page.consent.view.selectRow(0)
        page.consent.sign_button.click()
        dialog = page.dialog
        assert {dialog.role.itemData(i) for i in range(dialog.role.count())} == {"GUARDIAN_1", "YOUTH"}
        _pick(dialog.role, role)
        dialog.ok_button.click()
    assert page.detail.consents[0].status == "VALID" and page.light.light == "VALID"


def test_plan_with_goal_action_overdue_and_status_change(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    _tab(page, page.plan)
    assert page.plan.empty.isVisibleTo(page.plan) and not page.plan.action_button.isEnabled()
    page.plan.version_button.click()
    page.dialog.ok_button.click()
    assert page.detail.plan is not None and page.detail.plan.version == 1
    page.plan.goal_button.click()
    page.dialog.text.setPlainText("Närvaro minst 85 %")
    _pick(page.dialog.area, "SKOLA")
    page.dialog.ok_button.click()
    page.plan.action_button.click()
    dialog = page.dialog
    dialog.description.setPlainText("Läxläsning två gånger i veckan")
    _pick(dialog.action_type, "LAXLASNING")
    assert dialog.agency.currentData() == "SKOLA", "the action type suggests its agency"
    dialog.due.edit.setDate(world.today - timedelta(days=5))
    _pick(dialog.goal, page.detail.plan.goals[0].id)
    _shot(dialog, "case_dialog_action")
    dialog.ok_button.click()
    action = page.detail.plan.actions[0]
    assert action.overdue and action.action_type == "LAXLASNING"
    col = [c.header for c in page.plan.actions.columns].index(page.plan.tr("Done by"))
    assert page.plan.actions.data(page.plan.actions.index(0, col), Qt.ItemDataRole.ForegroundRole) is not None
    page.plan.action_button.click()  # a second action that stays overdue
    page.dialog.description.setPlainText("Mentorssamtal varje vecka")
    _pick(page.dialog.action_type, "MENTORSSAMTAL")
    page.dialog.person.setText("Mentor Karin")
    page.dialog.due.edit.setDate(world.today - timedelta(days=3))
    page.dialog.ok_button.click()
    assert [a.description for a in page.plan.actions.rows()][1] == "Mentorssamtal varje vecka"
    page.plan.action_view.selectRow(0)  # sorted by due date: the older one first
    assert page.plan.selected_action().description == "Läxläsning två gånger i veckan"
    page.plan.status_button.click()
    dialog = page.dialog
    assert [dialog.target.itemData(i) for i in range(dialog.target.count())] == [
        "PAGAR", "GENOMFORD", "EJ_GENOMFORD", "STRUKEN"]
    _pick(dialog.target, "EJ_GENOMFORD")
    assert dialog.reason.isVisibleTo(dialog)
    dialog.ok_button.click()
    assert page.dialog is dialog, "a reason is required"
    dialog.reason.setText("Ingen läxhjälp fanns")
    dialog.ok_button.click()
    statuses = {a.description: (a.status, a.overdue) for a in page.detail.plan.actions}
    assert statuses == {"Läxläsning två gånger i veckan": ("EJ_GENOMFORD", False),
                        "Mentorssamtal varje vecka": ("PLANERAD", True)}
    _shot(window, "case_sspf_plan")


def test_goal_and_action_dialogs_tag_the_information_category(world: World, window_for) -> None:
    """Issue 12, item 6: what reaches another agency carries its category; the police, whose
    consent gives no health information, do not see a health-tagged action or goal."""
    built = sspf_case(world)   # consent: SOC, SKOLA, POLIS; no Hälsa
    window, page = _open(window_for, "samordnare", built.case_id)
    _tab(page, page.plan)
    page.plan.version_button.click()
    page.dialog.ok_button.click()
    page.plan.goal_button.click()
    page.dialog.text.setPlainText("Bättre sömn")
    assert page.dialog.category.currentData() is None   # automatic by default
    _pick(page.dialog.category, "HALSA")
    page.dialog.ok_button.click()
    page.plan.action_button.click()
    page.dialog.description.setPlainText("Samtal med skolsköterskan om sömn")
    _pick(page.dialog.category, "HALSA")
    page.dialog.ok_button.click()
    page.plan.action_button.click()
    page.dialog.description.setPlainText("Mentorssamtal varje vecka")
    _pick(page.dialog.action_type, "MENTORSSAMTAL")
    page.dialog.ok_button.click()
    full = world.as_("samordnare").plans.get_current(built.case_id)
    assert {a.description: a.information_category for a in full.actions} == {
        "Samtal med skolsköterskan om sömn": "HALSA", "Mentorssamtal varje vecka": "SKOLGANG_NARVARO"}
    police = world.as_("polis").plans.get_current(built.case_id)
    assert [a.description for a in police.actions] == ["Mentorssamtal varje vecka"] and not police.goals


def test_kartlaggning_and_disclosure_dialogs(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    _tab(page, page.assessment)
    page.assessment.new_button.click()
    dialog = page.dialog
    dialog.rows["SKOLA"][0].setValue(3)
    dialog.rows["SKOLA"][2].setText("Närvaro 60 %")
    dialog.rows["STYRKOR_INTRESSEN"][1].setValue(2)
    dialog.youth_view.setPlainText("Vill börja spela fotboll igen")
    _shot(dialog, "case_dialog_assessment")
    dialog.ok_button.click()
    assessment = page.detail.assessments[0]
    assert {i.domain: i.risk for i in assessment.items}["SKOLA"] == 3
    assert page.assessment.items.rowCount() == len(vocab.ASSESSMENT_DOMAINS)
    page.assessment.instrument_button.click()
    page.dialog.assessor.setText("Elevhälsan")
    page.dialog.ok_button.click()
    assert page.assessment.instruments.rowCount() == 1
    _shot(window, "case_sspf_mapping")
    _tab(page, page.disclosures)
    page.disclosures.add_button.click()
    dialog = page.dialog
    dialog.what.setPlainText("Uppgift om risk för brottslighet")
    _pick(dialog.basis, "OTHER")
    assert dialog.basis_text.isVisibleTo(dialog)
    dialog.ok_button.click()
    assert page.dialog is dialog and dialog.banner.isVisible(), "OTHER needs the legal basis named"
    _pick(dialog.basis, "OSL_10_18a")
    dialog.harm.setPlainText("Ingen men: uppgiften förebygger brott")
    _shot(dialog, "case_dialog_disclosure")
    dialog.ok_button.click()
    assert [d.legal_basis for d in page.detail.disclosures] == ["OSL_10_18a"]
    _shot(window, "case_sspf_disclosures")


def test_protected_identity_banner_and_no_address_for_the_school(world: World, window_for) -> None:
    built = sspf_case(world, first="Maja", last="Ek", protected="SKYDDAD_FOLKBOKFORING",
                      address="Hemliga gatan 7", school="Edsbergsskolan", city="Sollentuna")
    _, own = _open(window_for, "samordnare", built.case_id)
    assert own.protected_banner.isVisible() and own.protected_banner.kind == "protected"
    # Hidden for the owner too until asked for (an audited "Show"; tests/gui/test_protected_details.py).
    assert own.overview.values["address"].text() == own.overview._protected_text()
    own.overview.reveal_button.click()
    assert own.overview.values["address"].text().startswith("Hemliga gatan 7")
    window, page = _open(window_for, "skola", built.case_id)
    assert page.protected_banner.isVisible() and page.protected_banner.kind == "protected"
    assert page.detail.person.details_hidden and page.detail.person.address is None
    texts = [w.text() for w in page.findChildren(QLabel)]
    assert not any("Hemliga" in t or "Edsbergsskolan" in t for t in texts)
    assert page.overview.values["address"].text() == page.overview._protected_text()
    _shot(window, "case_protected_skola")


def test_trefas_case_risk_level_history(world: World, window_for) -> None:
    built = restricted_case(world, "TREFAS")
    window, page = _open(window_for, "trefas", built.case_id)
    assert page.fact_labels["kind"].text() == "TREFAS"
    _tab(page, page.assessment)
    section = page.assessment.trefas
    assert section.isVisibleTo(page.assessment) and not page.assessment.avhoppare.isVisibleTo(page.assessment)
    assert section.empty.isVisibleTo(section) and not section.linked_button.isVisibleTo(section)
    for level in ("GUL", "ROD"):
        section.add_button.click()
        dialog = page.dialog
        _pick(dialog.level, level)
        dialog.note.setPlainText("Polisens bedömning efter lägesbild")
        if level == "ROD":
            _shot(dialog, "case_dialog_risk_level")
        dialog.ok_button.click()
    assert [r.level for r in section.model.rows()] == ["ROD", "GUL"]
    _add_plan_action(page, "measure", "KONTROLL", "Täta kontroller på platsen")
    assert vocab.RISK_LEVELS.label("ROD") in section.current.text()
    _shot(window, "case_trefas_mapping")
    _tab(page, page.overview)
    _shot(window, "case_trefas_overview")
    # An adult (23): the overview says "Person", has no empty guardians box and no school row.
    overview = page.overview
    assert overview.person_box.title() == "Person" and not overview.guardians_box.isVisibleTo(overview)
    assert not overview.person_form.isRowVisible(overview.values["school"])
    minor = sspf_case(world, first="Tove", last="Lind")
    _window, sspf = _open(window_for, "samordnare", minor.case_id)
    assert sspf.overview.person_box.title() == "Den unge" and sspf.overview.guardians_box.isVisibleTo(sspf.overview)
    assert sspf.overview.person_form.isRowVisible(sspf.overview.values["school"])


def test_avhoppare_threat_assessment_only_for_the_coordinator(world: World, window_for) -> None:
    built = restricted_case(world, "AVHOPPARE", assign=("socialsekreterare",))
    # The case worker must belong to the restricted unit to be connected at all.
    world.as_("admin").users.set_units("socialsekreterare", ["SSPF Tureberg", "Avhopparverksamhet"])
    actor = world.actors["socialsekreterare"]
    world.actors["socialsekreterare"] = dataclasses.replace(
        actor, unit_ids=actor.unit_ids | {world.units["Avhopparverksamhet"]})
    window, page = _open(window_for, "avhopparsamordnare", built.case_id)
    _tab(page, page.assessment)
    section = page.assessment.avhoppare
    assert section.threat_button.isVisibleTo(section) and section.threat_note.isVisibleTo(section)
    section.threat_button.click()
    _pick(page.dialog.level, "HOG")
    page.dialog.summary.setPlainText("Hot från tidigare nätverk")
    page.dialog.ok_button.click()
    section.set_conditions_button.click()
    page.dialog.conditions.setPlainText("Inga brott\nInget missbruk\nDrogtester varannan vecka")
    _shot(page.dialog, "case_dialog_conditions")
    page.dialog.ok_button.click()
    section.breach_button.click()
    page.dialog.breach_type.setText("Positivt drogtest")
    page.dialog.ok_button.click()
    _add_plan_action(page, "support", "SAMTALSSTOD", "Samtalsstöd varje vecka")
    _tab(page, page.plan)
    _shot(window, "case_avhoppare_plan")
    _tab(page, page.assessment)
    assert section.threats.rowCount() == 1 and section.threat_view.isVisibleTo(section)
    assert section.breaches.rowCount() == 1 and "Inga brott" in section.conditions.text()
    _shot(window, "case_avhoppare_mapping")
    _, worker = _open(window_for, "socialsekreterare", built.case_id)
    assert worker.detail is not None and worker.detail.threat_assessments == ()
    w_section = worker.assessment.avhoppare
    assert w_section.threat_view.isHidden() and w_section.threat_button.isHidden()
    assert w_section.threat_note.text() and not w_section.threat_note.isHidden()
    assert "threat_assessments" in worker.detail.withheld and worker.withheld_banner.isVisible()
    assert w_section.breaches.rowCount() == 1  # the conditions are not restricted for the case worker
    _tab(worker, worker.assessment)
    _shot(worker.window(), "case_avhoppare_mapping_socialsekreterare")


def test_clear_leaves_no_case_data_in_any_widget(world: World, window_for) -> None:
    built = sspf_case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    _add_journal(page, "Hemligt journalinnehåll", "SHARED")
    _tab(page, page.history)
    page.change_status()  # an open dialog is closed too
    dialog = page.dialog
    secrets = ["Alva", "Berg", built.reference, "20110503", "Hög frånvaro sedan augusti", "Hemligt journalinnehåll",
               "SSPF-samverkan", "Samordnare", "Tureberg"]
    page.clear()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert page.case_id is None and page.detail is None and page.users == {} and page.dialog is None
    assert page.session.is_empty and page.session.detail is None and page.session.users == {}
    assert not shiboken6.isValid(dialog), "the dialog is closed and deleted"
    texts = [w.text() for w in page.findChildren(QLabel)] + [w.text() for w in page.findChildren(QLineEdit)]
    texts += [w.toPlainText() for w in page.findChildren(QTextEdit)]
    texts += [w.toPlainText() for w in page.findChildren(QPlainTextEdit)]
    leaks = [t for t in texts if any(s in t for s in secrets)]
    assert not leaks
    models = page.findChildren(QAbstractItemModel)
    assert models and all(m.rowCount() == 0 for m in models)
    assert all(tab.detail is None for tab in page._tabs())
    assert page.stack.currentWidget() is page.empty_label


def test_loading_and_saving_run_on_the_worker_thread(world: World, qtbot) -> None:
    """With the real executor the read and the dialog's write happen off the UI thread."""
    built = sspf_case(world)
    executor = Executor()
    window = MainWindow(Services(world.db, world.actors["samordnare"], today=world.today), executor, world.path)
    qtbot.addWidget(window)
    window.show()
    window.open_case(built.case_id)
    page = window.pages["case"]
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    assert page.fact_labels["reference"].text() == built.reference
    page.new_journal_entry()
    dialog = page.dialog
    dialog.text.setPlainText("Skrivet via arbetstråden")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.dialog is None, timeout=10_000)
    qtbot.waitUntil(lambda: page.journal.model.rowCount() == 1, timeout=10_000)
    executor.wait_idle()
