"""Print preview, printing and saving from memory, through real widgets and services.

A coordinator opens a network meeting's protocol from the meeting editor: the
PDF preview loads from a buffer, a recipient version for the school re-renders
without the social services' internal note, printing goes to a (test) PDF
printer, and "Save as PDF" records the disclosure and a PROTOCOL_PRINT event
before writing the one file the user chose. A recipient the consent does not
cover is refused inline until a legal basis is chosen. The family's plan is
previewed from the case view. Throughout, an audit hook (R24) and an empty
private temp directory prove that nothing else is written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from trygg_desktop.domain import vocab
from trygg_desktop.reports.plan_printout import render_plan
from trygg_desktop.reports.protocol import render_protocol
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.plans import ActionInput, GoalInput
from trygg_desktop.services.protocols import ProtocolService
from trygg_desktop.ui import printing
from trygg_desktop.ui.dialogs.print_preview import PrintPreviewDialog
from trygg_desktop.ui.pages.base import Context
from trygg_desktop.ui.tasks import Executor

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot

INTERNAL_NOTE = "Socialtjänstens interna bedömning: orosanmälan övervägs."
SHARED_NOTE = "Skolan uppger hög frånvaro sedan augusti."


# -- R24: no file is written except where the user chose -------------------------------------
class WriteGuard:
    """Records every write-mode ``open``, rename and tempfile call while active."""

    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    EVENTS = ("os.rename", "os.replace", "os.link", "os.symlink", "shutil.copyfile", "shutil.move",
              "tempfile.mkstemp", "tempfile.mkdtemp")

    def __init__(self) -> None:
        self.active = False
        self.writes: list[str] = []
        self.allowed: set[str] = set()
        self.tmp: Path | None = None

    def hook(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None))[:3]
            if isinstance(path, int):
                return
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                (mode is None and isinstance(flags, int) and bool(flags & self.WRITE_FLAGS))
            if writing:
                self.writes.append(os.fspath(path))
        elif event in self.EVENTS:
            self.writes.append(f"{event}: {args[0] if args else ''}")

    def violations(self) -> list[str]:
        return [w for w in self.writes if w not in self.allowed]

    def allow(self, path: Path) -> Path:
        self.allowed.add(str(path))
        return path

    def check(self) -> None:
        assert self.violations() == [], "files written outside the chosen paths"
        assert self.tmp is not None and list(self.tmp.iterdir()) == [], "temporary files left"


_GUARD = WriteGuard()
_hook_installed = False


@pytest.fixture
def guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteGuard:
    """The audit hook (installed once: hooks cannot be removed) plus a private, empty temp dir
    that Python's tempfile and Qt's QDir::tempPath both use, to catch native writes too."""
    global _hook_installed
    if not _hook_installed:
        sys.addaudithook(_GUARD.hook)
        _hook_installed = True
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    _GUARD.writes, _GUARD.allowed, _GUARD.tmp = [], set(), private
    yield _GUARD
    _GUARD.active = False


@pytest.fixture(autouse=True)
def renderers():
    """What app.py does at start: hand the report renderers to the UI (sibling layers)."""
    printing.install_renderers(protocol=render_protocol, plan=render_plan)
    yield


@pytest.fixture
def no_native_dialogs(monkeypatch: pytest.MonkeyPatch):
    """Fail loudly if a test would open a native dialog it did not replace."""
    def refuse(*_a, **_k):
        raise AssertionError("unexpected native dialog")
    for name in ("ask_printer", "ask_save_path", "confirm_unencrypted"):
        monkeypatch.setattr(printing, name, refuse)
    return monkeypatch


# -- scenario ---------------------------------------------------------------------------------
def _meeting(world: World, case_id: int) -> int:
    """A network meeting with attendees, a shared and an internal § and an action decided in it."""
    s = world.as_("samordnare")
    meeting = s.meetings.create(MeetingInput("NATVERKSMOTE", datetime.combine(world.today, time(14)),
                                             case_id=case_id, ends_at=datetime.combine(world.today, time(15, 30)),
                                             place="Turebergsskolan, rum 12"))
    s.meetings.add_attendee(meeting.id, AttendeeInput("Maria Lärare", "Mentor", "Turebergsskolan", agency="SKOLA",
                                                      meeting_role="SEKRETERARE"))
    s.meetings.add_attendee(meeting.id, AttendeeInput("Per Polis", "Kontaktpolis", "Polisen Sollentuna",
                                                      agency="POLIS"))
    headings = {item.number: item.heading for item in meeting.agenda}
    s.meetings.set_agenda_item(meeting.id, 4, headings[4], note=SHARED_NOTE, decision="Närvaroplan upprättas.")
    s.meetings.set_agenda_item(meeting.id, 7, headings[7], note=INTERNAL_NOTE, visibility="INTERNAL")
    _plan(world, case_id, meeting.id)
    return meeting.id


def _plan(world: World, case_id: int, meeting_id: int | None = None) -> None:
    s = world.as_("samordnare")
    plan = s.plans.get_current(case_id) or s.plans.new_version(case_id, world.today, meeting_id=meeting_id)
    goal = s.plans.add_goal(plan.id, GoalInput("Alva går i skolan varje dag", area="SKOLA"))
    s.plans.add_action(plan.id, ActionInput("Närvaroplan med daglig kontakt mentor–hem", "SKOLA",
                                            action_type="NARVAROPLAN", responsible_person="Maria Lärare",
                                            due_date=world.today + timedelta(days=14), goal_id=goal.id,
                                            created_in_meeting_id=meeting_id))


def _settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(50)  # QPdfView renders pages on a timer; let them paint before a screenshot
    QApplication.processEvents()


def _select(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def _pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    return len(pypdf.PdfReader(path).pages)


def _actions(world: World, case_id: int) -> list[str]:
    return [e.action for e in world.as_("samordnare").audit_view.case_history(case_id)]


def _open_preview(window, meeting_id: int) -> PrintPreviewDialog:
    window.open_meeting(meeting_id)
    editor = window.pages["meetings"].editor
    assert editor.meeting_id == meeting_id and editor.print_button.isEnabled()
    editor.print_button.click()
    dialog = editor.dialog
    assert isinstance(dialog, PrintPreviewDialog) and dialog.isVisible()
    return dialog


# -- tests ------------------------------------------------------------------------------------
def test_protocol_preview_recipient_version_print_and_save(world: World, window_for, qtbot, guard, tmp_path,
                                                           no_native_dialogs) -> None:
    built = sspf_case(world)
    meeting_id = _meeting(world, built.case_id)
    window = window_for("samordnare")
    guard.active = True

    dialog = _open_preview(window, meeting_id)
    assert dialog.pdf.status() == QPdfDocument.Status.Ready and dialog.page_count >= 1
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.recipient.currentData() is None and dialog.basis.isHidden()
    internal = dialog.source
    assert any(s.note == INTERNAL_NOTE for s in internal.agenda), "the full version holds the internal note"
    recipients = ProtocolService(world.db, world.actors["samordnare"], today=world.today).recipients(meeting_id)
    offered = [dialog.recipient.itemData(i) for i in range(1, dialog.recipient.count())]
    assert offered[:len(recipients)] == [c for c, _ in recipients] == ["SOC", "SKOLA", "POLIS"]
    assert "FRITID" in offered, "agencies outside the consent are offered, with a legal basis"
    assert "PROTOCOL_PREVIEW" in _actions(world, built.case_id)
    _settle(qtbot)
    screenshot(dialog, "print_preview_protocol")

    # The school's version: re-rendered without the social services' internal note.
    full_bytes = dialog.data
    _select(dialog.recipient, "SKOLA")
    assert dialog.pdf.status() == QPdfDocument.Status.Ready and dialog.page_count >= 1
    assert dialog.data != full_bytes and dialog.source is not internal
    assert all(s.note != INTERNAL_NOTE for s in dialog.source.agenda)
    assert any(s.note == SHARED_NOTE for s in dialog.source.agenda)
    assert dialog.source.omitted, "the PDF says what the version leaves out"
    assert dialog.basis.isHidden(), "the consent covers the school"
    _settle(qtbot)
    screenshot(dialog, "print_preview_recipient")

    # Print: the test's printer writes a PDF file; a real one would go to the spooler.
    printed = guard.allow(tmp_path / "printed.pdf")

    def pdf_printer(_parent):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer
    no_native_dialogs.setattr(printing, "ask_printer", pdf_printer)
    dialog.print_button.click()
    assert dialog.banner.kind == "success", dialog.banner.label.text()
    assert _pdf_pages(printed) == dialog.page_count
    disclosures = world.as_("samordnare").disclosures.list(built.case_id)
    assert [d.recipient_agency for d in disclosures] == ["SKOLA"], "printing the school's version discloses it"
    assert "PROTOCOL_PRINT" in _actions(world, built.case_id)

    # Save as PDF: warned first, then the chosen path; the name gets its ".pdf".
    warned: list[bool] = []
    no_native_dialogs.setattr(printing, "confirm_unencrypted", lambda _p: warned.append(True) or True)
    no_native_dialogs.setattr(printing, "ask_save_path", lambda _p, name: tmp_path / "protokoll-skola")
    saved = guard.allow(tmp_path / "protokoll-skola.pdf")
    dialog.save_button.click()
    assert warned == [True] and dialog.saved_path == saved and dialog.banner.kind == "warning"
    assert _pdf_pages(saved) >= 1
    assert (saved.stat().st_mode & 0o077) == 0, "readable by the owner only"
    disclosures = world.as_("samordnare").disclosures.list(built.case_id)
    assert [d.recipient_agency for d in disclosures] == ["SKOLA", "SKOLA"]
    assert _actions(world, built.case_id).count("PROTOCOL_PRINT") >= 2

    # Cancelling the warning writes nothing and records nothing.
    no_native_dialogs.setattr(printing, "confirm_unencrypted", lambda _p: False)
    dialog.save_button.click()
    assert len(world.as_("samordnare").disclosures.list(built.case_id)) == 2

    guard.active = False
    guard.check()
    assert guard.writes == [str(saved)], "Python wrote only the chosen file (Qt wrote the test printer's)"
    dialog.close_button.click()
    assert window.pages["meetings"].editor.dialog is None
    assert dialog.data is None and dialog.source is None and dialog.pdf.pageCount() == 0


def test_recipient_without_consent_is_refused_until_a_legal_basis_is_chosen(
        world: World, window_for, qtbot, guard, tmp_path, no_native_dialogs) -> None:
    built = sspf_case(world)  # the consent covers social services, school and police – not leisure
    meeting_id = _meeting(world, built.case_id)
    s = world.as_("samordnare")
    window = window_for("samordnare")
    guard.active = True
    dialog = _open_preview(window, meeting_id)
    _select(dialog.recipient, "FRITID")
    assert not dialog.basis.isHidden() and dialog.basis.currentData() is None
    assert dialog.pdf.status() == QPdfDocument.Status.Ready, "previewing is not a disclosure"
    assert all(s.note != SHARED_NOTE for s in dialog.source.agenda), "nothing outside the consent"
    target = guard.allow(tmp_path / "fritid.pdf")
    no_native_dialogs.setattr(printing, "confirm_unencrypted", lambda _p: True)
    no_native_dialogs.setattr(printing, "ask_save_path", lambda _p, _name: target)
    dialog.save_button.click()
    assert dialog.banner.kind == "error" and dialog.banner.isVisibleTo(dialog)
    assert not target.exists(), "refused: nothing written"
    assert s.disclosures.list(built.case_id) == []
    assert "PROTOCOL_PRINT" not in _actions(world, built.case_id)
    _settle(qtbot)
    screenshot(dialog, "print_preview_refused")

    # "Other basis" needs the law and section before a version is made.
    _select(dialog.basis, "OTHER")
    assert dialog.data is None and not dialog.save_button.isEnabled() and not dialog.basis_text.isHidden()
    dialog.basis_text.setText("OSL 10 kap. 19 §")
    dialog.basis_text.editingFinished.emit()
    assert dialog.page_count >= 1 and dialog.save_button.isEnabled()
    assert "OSL 10 kap. 19 §" in dialog.source.consent_line

    # A legal basis (OSL 10 kap. 2 §) makes the disclosure possible; it is recorded with that basis.
    _select(dialog.basis, "OSL_10_2_NODVANDIGT_UTLAMNANDE")
    assert dialog.pdf.status() == QPdfDocument.Status.Ready and dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.banner.kind == "warning" and _pdf_pages(target) >= 1
    disclosure = s.disclosures.list(built.case_id)[0]
    assert disclosure.recipient_agency == "FRITID" and disclosure.legal_basis == "OSL_10_2_NODVANDIGT_UTLAMNANDE"
    guard.active = False
    guard.check()
    dialog.reject()


def test_plan_printout_from_the_case_view(world: World, window_for, qtbot, guard, no_native_dialogs) -> None:
    built = sspf_case(world)
    _plan(world, built.case_id)
    window = window_for("samordnare")
    window.open_case(built.case_id)
    page = window.pages["case"]
    page.tabs.setCurrentWidget(page.plan)
    QApplication.processEvents()
    assert page.plan.print_button.isVisibleTo(page.plan)
    _settle(qtbot)
    screenshot(window, "case_plan_print_button")
    guard.active = True
    page.plan.print_button.click()
    dialog = page.dialog
    assert isinstance(dialog, PrintPreviewDialog) and dialog.isVisible()
    assert dialog.recipient_row.isHidden()
    assert dialog.pdf.status() == QPdfDocument.Status.Ready and dialog.page_count >= 1
    assert dialog.source.person_name and dialog.source.rows
    assert dialog.suggested_name().startswith("atagandeplan-") and built.reference.split("-")[0] in \
        dialog.suggested_name()
    _settle(qtbot)
    screenshot(dialog, "print_preview_plan")
    guard.active = False
    guard.check()
    page.clear()  # the window locks: the preview closes and forgets the document
    assert page.dialog is None and dialog.data is None


def test_shortcuts_and_a_role_without_the_print_right(world: World, window_for, qtbot, monkeypatch) -> None:
    """Ctrl+P in the meeting editor opens the preview, Ctrl+S in it saves; the school's contact
    person (no print right on protocols or plans) gets no print buttons."""
    built = sspf_case(world)
    meeting_id = _meeting(world, built.case_id)
    window = window_for("samordnare")
    window.open_meeting(meeting_id)
    editor = window.pages["meetings"].editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    editor.tabs.setFocus()
    QTest.keyClick(editor.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.dialog is not None, timeout=2000)  # a button shortcut animates the click
    dialog = editor.dialog
    assert isinstance(dialog, PrintPreviewDialog) and dialog.page_count >= 1
    asked: list[str] = []
    monkeypatch.setattr(printing, "confirm_unencrypted", lambda _p: asked.append("warned") or False)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    QTest.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["warned"], "Ctrl+S in the preview is Save as PDF (cancelled at the warning)"
    dialog.reject()
    assert editor.dialog is None
    editor.clear()
    assert not editor.print_button.isEnabled()

    school = window_for("skola")
    school.open_meeting(meeting_id)
    assert school.pages["meetings"].editor.meeting_id == meeting_id
    assert not school.pages["meetings"].editor.print_button.isEnabled()
    school.open_case(built.case_id)
    page = school.pages["case"]
    page.tabs.setCurrentWidget(page.plan)
    QApplication.processEvents()
    assert page.detail.plan is not None and not page.plan.print_button.isVisibleTo(page.plan)


def test_preview_on_the_worker_thread(world: World, qtbot, qapp) -> None:
    """With the real DB thread: the newest choice wins, and a result after closing is dropped."""
    built = sspf_case(world)
    meeting_id = _meeting(world, built.case_id)
    executor = Executor()
    ctx = Context(world.as_("samordnare"), executor, notify=lambda _c: None, open_case=lambda _i: None,
                  open_meeting=lambda _i: None)
    dialog = PrintPreviewDialog(ctx, meeting_id=meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page_count >= 1, timeout=15000)
    assert dialog.recipient.count() > 4
    _select(dialog.recipient, "SKOLA")
    assert not dialog.print_button.isEnabled(), "no printing while the version is being made"
    _select(dialog.recipient, "POLIS")
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=15000)
    assert dialog.source.recipient == vocab.AGENCIES.label("POLIS") and dialog.print_button.isEnabled()
    _select(dialog.recipient, "SKOLA")
    dialog.reject()
    assert executor.wait_idle(15000)
    qapp.processEvents()
    assert dialog.data is None and dialog.source is None and dialog.page_count == 0
