"""The Review tab of the Log page: period and filters, flagged rows with counts, the PDF
report preview (from memory), sign-off with the anchor, previous reviews, and clearing
on lock. Real widgets against real services."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied
from trygg_desktop.reports.audit_report import render_audit_report
from trygg_desktop.services.anchors import anchor_path, read_anchors
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.ui import printing
from trygg_desktop.ui.dialogs import log_review_dialogs
from trygg_desktop.ui.dialogs.log_review_dialogs import ReviewReportDialog, SignOffDialog
from trygg_desktop.ui.pages.log_review import ROW_ROLE, LogReviewPanel, last_calendar_month

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot


@pytest.fixture
def panel(window_for, world: World, qtbot):
    built = sspf_case(world)
    world.as_("skola").case_view.open(built.case_id)
    with pytest.raises(AccessDenied):
        world.as_("annan").case_view.open(built.case_id)
    window = window_for("granskare")
    page = window.show_page("log")
    page.tabs.setCurrentIndex(1)
    review = page.review
    assert isinstance(review, LogReviewPanel) and not review.stale
    today = QDate.currentDate()
    review.from_date.setDate(today)
    review.to_date.setDate(today)
    review.show_button.click()
    review.window_ = window
    review.built = built
    return review


def _rows(panel: LogReviewPanel):
    return [panel.proxy.index(r, 0).data(ROW_ROLE) for r in range(panel.proxy.rowCount())]


def _last_actions(world: World, n: int = 3) -> list[str]:
    with world.db.session() as s:
        return [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(n))]


def test_default_period_is_last_calendar_month() -> None:
    assert last_calendar_month(date(2026, 11, 22)) == (date(2026, 10, 1), date(2026, 10, 31))
    assert last_calendar_month(date(2026, 1, 5)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_review_flags_filters_and_counts(panel: LogReviewPanel, world: World, qtbot) -> None:
    rows = _rows(panel)
    assert panel.report is not None and len(rows) == panel.report.total_events > 5
    denied = [r for r in rows if r.username == "annan" and "DENIED" in r.flags]
    assert denied and denied[0].case_reference == panel.built.reference
    assert {"DENIED", "NO_ASSIGNMENT", "OUTSIDE_UNIT"} <= set(denied[0].flags)
    row = next(i for i, r in enumerate(rows) if r is denied[0])
    assert panel.proxy.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "annan" in panel.proxy.index(row, 2).data().casefold()  # the user's name (display name "Annan")
    assert f"<b>{panel.report.count('DENIED')}</b>" in panel.chips.text()
    assert "AUDIT_REPORT" in _last_actions(world)
    qtbot.wait(20)
    screenshot(panel.window_, "log_review_tab")

    panel.flagged_only.setChecked(True)
    panel.show_button.click()
    assert all(r.flags for r in _rows(panel))
    panel.flagged_only.setChecked(False)
    panel.user_filter.setText("annan")
    panel.show_button.click()
    assert {r.username for r in _rows(panel)} == {"annan"}
    panel.user_filter.clear()
    panel.person_filter.setText("12345")
    panel.show_button.click()
    assert panel.banner.isVisible() and panel.banner.kind == "warning"
    panel.person_filter.clear()
    panel.to_date.setDate(panel.from_date.date().addDays(-1))
    panel.show_button.click()
    assert panel.banner.kind == "warning"


def test_sign_off_shows_the_anchor_and_saves_a_copy(panel: LogReviewPanel, world: World, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    copy = tmp_path / "usb" / "copy.anchors"
    copy.parent.mkdir()
    monkeypatch.setattr(log_review_dialogs, "ask_anchor_path", lambda _parent, _name: copy)
    panel.sign_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, SignOffDialog)
    assert not dialog.sign_button.isEnabled()  # a comment is required
    dialog.comment.setPlainText("Kontrollerat nekade försök; annan har fått information.")
    assert dialog.sign_button.isEnabled()
    dialog.sign_button.click()
    signed = dialog.result_signoff
    assert signed is not None and signed.reviewer == "granskare"
    assert dialog.anchor_label.text() == f"{signed.head_seq}:{signed.head_mac}"
    assert dialog.copy_button.isVisible() and not dialog.sign_button.isVisible()
    assert [a.pair for a in read_anchors(anchor_path(world.path))] == [(signed.head_seq, signed.head_mac)]
    qtbot.wait(20)
    screenshot(dialog, "log_review_signed")
    dialog.copy_button.click()
    assert dialog.saved_copy == copy
    assert json.loads(copy.read_text(encoding="utf-8").splitlines()[0])["seq"] == signed.head_seq
    dialog.reject()
    assert panel.reviews_model.rowCount() == 1
    assert panel.reviews_model.rows[0].review_id == signed.review_id
    assert str(signed.head_seq) in panel.reviews_model.index(0, 4).data()


def test_pdf_report_preview_save_and_clear(panel: LogReviewPanel, world: World, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    monkeypatch.setattr(printing, "_renderers", {})
    panel.pdf_button.click()
    assert isinstance(panel.dialog, ReviewReportDialog)
    assert panel.dialog.data is None and panel.dialog.banner.kind == "error"  # no renderer installed
    panel.dialog.reject()

    printing.install_renderers(audit_report=render_audit_report)
    out = tmp_path / "granskning.pdf"
    monkeypatch.setattr(printing, "confirm_unencrypted", lambda _p: True)
    monkeypatch.setattr(printing, "ask_save_path", lambda _p, _name: out)
    panel.pdf_button.click()
    dialog = panel.dialog
    assert dialog.data is not None and dialog.view.page_count >= 1 and dialog.save_button.isEnabled()
    QApplication.processEvents()
    qtbot.wait(100)  # QPdfView renders pages on a timer; let them paint before the screenshot
    QApplication.processEvents()
    screenshot(dialog, "log_review_report_preview")
    dialog.save_button.click()
    assert out.read_bytes().startswith(b"%PDF") and dialog.saved_path == out
    assert "AUDIT_REPORT_EXPORT" in _last_actions(world)
    dialog.reject()
    assert dialog.data is None

    panel.page.clear()  # lock
    assert panel.model.rowCount() == 0 and panel.reviews_model.rowCount() == 0 and panel.report is None
    assert panel.chips.text() == ""


def test_verify_chain_on_the_search_tab_uses_the_anchors(panel: LogReviewPanel, world: World) -> None:
    signed = world.as_("granskare").log_review.sign_off(date.today(), date.today(), "Granskad")
    page = panel.page
    page.tabs.setCurrentIndex(0)
    page.verify_button.click()
    assert page.verify_result.ok and page.verify_banner.kind == "success"
    # An anchor the log does not reach (as after a rollback to an older copy) breaks the check.
    path = anchor_path(world.path)
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    line.update(seq=signed.head_seq + 1000, review_id=None)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
    page.verify_button.click()
    assert not page.verify_result.ok and page.verify_banner.kind == "error"
    assert {p.kind for p in page.verify_result.chain_problems} == {"truncated"}


def test_emergency_grants_with_their_reasons_are_listed_for_the_period(window_for, world: World, qtbot) -> None:
    built = sspf_case(world)
    reason = "Polisen ringer om akut hot mot den unge i kväll"
    world.as_("annan").emergency.grant(built.case_id, "ACUTE_RISK", reason)
    page = window_for("granskare").show_page("log")
    page.tabs.setCurrentIndex(1)
    review = page.review
    today = QDate.currentDate()
    review.from_date.setDate(today)
    review.to_date.setDate(today)
    review.show_button.click()
    assert [(r.username, r.grant.reference, r.grant.reason) for r in review.grants_model.rows] == [
        ("annan", built.reference, reason)]
    assert review.grants_view.isVisibleTo(review)
    qtbot.wait(20)
    screenshot(page.window(), "log_review_emergency_grants")
    # An earlier period has none, and the table hides.
    review.from_date.setDate(today.addDays(-40))
    review.to_date.setDate(today.addDays(-35))
    review.show_button.click()
    assert review.grants_model.rowCount() == 0 and not review.grants_view.isVisibleTo(review)
    review.clear()
    assert review.grants_model.rowCount() == 0
