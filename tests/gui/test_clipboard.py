"""Copying a personnummer: OS hints on the clipboard, cleared after the delay and
on lock, never wiping something the user copied since; offered only where the
reader sees the full number (persons list, case list, case view header)."""

from __future__ import annotations

import zlib
from datetime import date

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from trygg_desktop.ui import clipboard as clip

from ..conftest import World, test_pnr
from ..scenarios import sspf_case
from .conftest import screenshot

PNR = test_pnr(2011, 5, 3, 981)
ALVA = test_pnr(2011, 5, 3, 980 + zlib.crc32("Alva|Berg|2011-05-03".encode()) % 20)  # as tests/scenarios.person


@pytest.fixture
def board(qapp):
    """The app-wide sensitive clipboard with a short delay; nothing left behind."""
    sensitive = clip.sensitive_clipboard()
    old = sensitive.clear_after_ms
    sensitive.clear_after_ms = 150
    QApplication.clipboard().clear()
    yield sensitive
    sensitive.clear()
    sensitive.clear_after_ms = old
    QApplication.clipboard().clear()


def _data():
    return QApplication.clipboard().mimeData()


def test_copy_carries_the_platform_hints(board) -> None:
    clip.copy_sensitive(PNR)
    data = _data()
    assert data.text() == PNR
    for fmt in ("ExcludeClipboardContentFromMonitorProcessing", "CanIncludeInClipboardHistory",
                "CanUploadToCloudClipboard"):
        assert bytes(data.data(fmt)) == b"\x00\x00\x00\x00", fmt        # Windows: DWORD 0
    assert bytes(data.data("x-kde-passwordManagerHint")) == b"secret"    # KDE Klipper
    assert data.hasFormat("org.nspasteboard.ConcealedType")               # macOS managers
    assert board.pending


def test_cleared_after_the_delay(board, qtbot) -> None:
    clip.copy_sensitive(PNR)
    assert QApplication.clipboard().text() == PNR
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == "", timeout=3000)
    assert not board.pending


def test_not_cleared_when_the_user_copied_something_else(board, qtbot) -> None:
    clip.copy_sensitive(PNR)
    mime = QMimeData()
    mime.setText("mötesanteckning")
    QApplication.clipboard().setMimeData(mime)
    qtbot.wait(400)  # well past the delay
    assert not board.pending
    assert QApplication.clipboard().text() == "mötesanteckning"


def test_same_text_copied_by_another_program_is_left_alone(board) -> None:
    """Ownership is a random token in our own format, not text equality."""
    clip.copy_sensitive(PNR)
    QApplication.clipboard().setText(PNR)  # e.g. the user copied it from a letter
    assert board.clear() is False
    assert QApplication.clipboard().text() == PNR


def test_lock_clears_the_clipboard(world: World, window_for, board) -> None:
    window = window_for("samordnare")
    board.clear_after_ms = 60_000
    clip.copy_sensitive(PNR)
    window.clear_everything()  # the lock sequence's UI half
    assert QApplication.clipboard().text() == ""
    assert not board.pending


def test_persons_list_copies_the_full_number(world: World, window_for, board, qtbot) -> None:
    sspf_case(world)
    window = window_for("samordnare")
    page = window.show_page("persons")
    page.search.setText("Alva")
    page.run_search()
    assert page.model.rowCount() == 1
    assert not page.copy_pnr_action.isEnabled() or page.table.currentIndex().isValid()
    page.table.selectRow(0)
    assert page.copy_pnr_action.isEnabled()
    assert page.copy_pnr_action in page.table.actions()  # the row's context menu
    page.copy_pnr_action.trigger()
    assert QApplication.clipboard().text() == ALVA
    assert _data().hasFormat("x-kde-passwordManagerHint")
    assert "30" in window.statusBar().currentMessage()


def test_case_list_copies_only_unmasked_numbers(world: World, window_for, board, qtbot) -> None:
    sspf_case(world)
    window = window_for("samordnare")
    page = window.show_page("cases")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    page.table.selectRow(0)
    assert page.copy_pnr_action.isEnabled()
    assert page.copy_personnummer()
    assert QApplication.clipboard().text() == ALVA
    board.clear()
    school = window_for("skola")  # sees YYYYMMDD-•••• only
    spage = school.show_page("cases")
    qtbot.waitUntil(lambda: spage.model.rowCount() == 1, timeout=3000)
    spage.table.selectRow(0)
    assert not spage.copy_pnr_action.isEnabled()
    assert spage.copy_personnummer() is False
    assert QApplication.clipboard().text() == ""


def test_case_view_header_button(world: World, window_for, board, qtbot) -> None:
    built = sspf_case(world, born=date(2011, 5, 3))
    window = window_for("samordnare")
    window.open_case(built.case_id)
    page = window.pages["case"]
    qtbot.waitUntil(lambda: page.detail is not None, timeout=3000)
    assert page.copy_pnr_button.isVisible()
    page.copy_pnr_button.click()
    assert QApplication.clipboard().text() == ALVA == page.detail.person.pnr
    screenshot(page, "case_view_copy_pnr")
    page.clear()
    assert not page.copy_pnr_button.isVisible()
    school = window_for("skola")
    school.open_case(built.case_id)
    spage = school.pages["case"]
    qtbot.waitUntil(lambda: spage.detail is not None, timeout=3000)
    assert not spage.copy_pnr_button.isVisible()
    assert spage.copy_personnummer() is False


def test_personnummer_labels_cannot_be_mouse_selected(window_for, world) -> None:
    """A plain Ctrl+C of a selected label would bypass the hints and the 30 s clearing."""
    from PySide6.QtCore import Qt
    from ..scenarios import sspf_case
    x = sspf_case(world)
    window = window_for("samordnare")
    window.open_case(x.case_id)
    page = window.pages["case"]
    labels = [page.person_label]
    overview = next(t for t in page.findChildren(object) if hasattr(t, "values") and "pnr" in getattr(t, "values"))
    labels += [overview.values[k] for k in ("pnr", "address", "phone", "email")]
    persons = window.show_page("persons")
    labels += [persons.detail_labels[k] for k in ("pnr", "phone", "address")]
    for label in labels:
        assert not label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse, label.accessibleName()
    assert persons.detail_labels["name"].textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
