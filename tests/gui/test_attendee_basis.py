"""Attendance outside the consent through the real attendee dialog: the legal basis
appears only for an uncovered agency, OTHER asks for the law, and OK adds the
attendee and registers the disclosure.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication

from trygg_desktop.domain import vocab
from trygg_desktop.services.meetings import MeetingInput

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot


def _select(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_uncovered_agency_attends_on_a_legal_basis(world: World, window_for) -> None:
    built = sspf_case(world)
    soc = world.as_("samordnare")
    meeting = soc.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 24, 14), case_id=built.case_id))
    window = window_for("samordnare")
    window.open_meeting(meeting.id)
    editor = window.pages["meetings"].editor
    assert editor.meeting is not None and editor.meeting.id == meeting.id

    editor.add_attendee_button.click()
    dialog = editor.dialog
    dialog.name.setText("Fia Fältare")
    _select(dialog.agency, "SKOLA")
    assert dialog.basis_box.isHidden(), "no basis asked for an agency the consent covers"
    _select(dialog.agency, "FRITID")
    assert not dialog.agency_warning.isHidden() and not dialog.basis_box.isHidden()
    offered = [dialog.legal_basis.itemData(i) for i in range(dialog.legal_basis.count())]
    assert offered[0] is None and "SAMTYCKE" not in offered and "ANONYMISERAD" not in offered
    assert set(offered[1:]) == set(vocab.LEGAL_BASES.codes) - {"SAMTYCKE", "ANONYMISERAD"}
    assert dialog.legal_basis_text.isHidden()

    # OTHER needs the law and section before anything is sent.
    _select(dialog.legal_basis, "OTHER")
    assert not dialog.legal_basis_text.isHidden()
    dialog.ok_button.click()
    assert editor.dialog is dialog and dialog.banner.kind == "error"
    assert editor.attendees.rowCount() == 0

    _select(dialog.legal_basis, "OSL_10_18a")
    assert dialog.legal_basis_text.isHidden()
    QApplication.processEvents()
    screenshot(dialog, "meeting_attendee_legal_basis")
    dialog.ok_button.click()
    assert editor.dialog is None, "the dialog closes once the attendee is added"
    assert editor.attendees.rowCount() == 1 and editor.attendees.rows[0].name == "Fia Fältare"
    (d,) = soc.disclosures.list(built.case_id)
    assert (d.recipient_agency, d.recipient_name, d.legal_basis) == ("FRITID", "Fia Fältare", "OSL_10_18a")
