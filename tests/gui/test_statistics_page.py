"""The steering group's page (ui/pages/statistics.py): real widgets over the real service.

The window shows what the suppressed report prints and nothing else (every cell is checked
against the DTO), the filters make a new report, charts are the PDF's drawings rendered by
Qt, and print, "Save as PDF" and the CSV/XLSX export are logged and written owner-only
after the warning. Roles without the statistics right never get the page."""

from __future__ import annotations

import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from sqlalchemy import select

from trygg_desktop.reports.statistics_pdf import chart_svg, render_statistics
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.facade import Services
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.services.statistics_export import MARKING
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.ui import printing
from trygg_desktop.ui.pages.statistics import StatisticsPage, last_completed_tertial
from trygg_desktop.ui.widgets.stat_views import ChartView, GridView

from ..conftest import World, test_pnr
from .conftest import screenshot


@pytest.fixture
def renderers():
    printing.install_renderers(statistics=render_statistics, chart_svg=chart_svg)
    yield


@pytest.fixture
def referrals(world: World) -> World:
    """SSPF referrals in T2 2026 (May–August): twelve by the school, six by leisure, three by the police."""
    def refer(n: int, agency: str, day: date, serial: int) -> None:
        s = Services(world.db, world.actors["samordnare"], today=day)
        for i in range(n):
            person = s.persons.register(PersonInput(f"Stat{agency}{i}", "Sidan", pnr=test_pnr(2011, 3, 1 + i, serial),
                                                    legal_gender="KVINNA" if i % 2 else "MAN"))
            s.cases.create(Referral(kind="SSPF", person_id=person.id, unit_id=world.units["SSPF Tureberg"],
                                    referral_date=day, referring_agency=agency))
    refer(12, "SKOLA", date(2026, 5, 4), 983)
    refer(6, "FRITID", date(2026, 5, 20), 985)
    refer(3, "POLIS", date(2026, 6, 1), 984)
    return world


def _page(window) -> StatisticsPage:
    page = window.pages["statistics"]
    assert window.stack.currentWidget() is page
    return page


def _grids(page: StatisticsPage) -> list[GridView]:
    return page.content.findChildren(GridView)


def _grid_texts(grid: GridView) -> list[list[str]]:
    model = grid.grid_model
    return [[grid.cell_text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_last_completed_tertial() -> None:
    assert last_completed_tertial(date(2026, 11, 22)).code == "2026-T2"
    assert last_completed_tertial(date(2026, 1, 10)).code == "2025-T3"
    assert last_completed_tertial(date(2026, 4, 30)).code == "2026-T1"   # its last day: it has ended
    assert last_completed_tertial(date(2026, 5, 1)).code == "2026-T1"


def test_the_steering_group_sees_exactly_what_the_report_prints(referrals: World, window_for, renderers) -> None:
    window = window_for("styrgrupp")
    assert list(window.pages) == ["statistics"]  # no case pages: aggregates only
    page = _page(window)
    report = referrals.as_("styrgrupp").statistics.report("2026-T2")
    assert page.report is not None and page.report.period.code == "2026-T2"
    assert "T2 2026 (maj–aug)" in page.summary.text() and "tabeller" in page.summary.text()
    grids = _grids(page)
    comparison = grids[0]
    assert _grid_texts(comparison) == [[r.label, *r.texts] for r in report.comparison.rows]
    new = next(row for row in _grid_texts(comparison) if row[0] == "Nya ärenden")
    assert new[1] in ("21", "..")  # the 21 referrals (or hidden to protect a small cell)
    tables = {t.title: t for t in report.tables}
    shown = {g.accessibleName(): g for g in grids}
    for title, table in tables.items():
        assert _grid_texts(shown[title]) == table.printed_rows(), title
    source = _grid_texts(shown["Nya ärenden efter aktualiserande myndighet"])
    assert next(r for r in source if r[0] == "Skola")[1] == "12"
    assert next(r for r in source if r[0] == "Polis")[1] == "<5"  # three: suppressed on screen as on paper
    assert next(r for r in source if r[0] == "Fritid")[1] == ".."  # the complement that protects it
    charts = page.content.findChildren(ChartView)
    assert {c.accessibleName() for c in charts} >= {"Ärenden – jämförelse", "Nya och avslutade ärenden över tid"}
    for chart in charts:
        assert chart.valid
        image = QImage(600, 220, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        chart.renderer.render(painter)
        painter.end()
        dark = sum(1 for x in range(0, 600, 5) for y in range(0, 220, 5) if QColor(image.pixel(x, y)).lightness() < 30)
        assert dark < 0.08 * (120 * 44), chart.accessibleName()  # lines and bars on white, not a black box
    window.resize(1280, 800)
    screenshot(window, "statistics_page")
    audit = _events(referrals, "STATS_REPORT")
    assert audit and audit[-1].username == "styrgrupp"


def test_filters_make_a_new_report(referrals: World, window_for, renderers, qtbot) -> None:
    page = _page(window_for("styrgrupp"))
    page.period_kind.setCurrentIndex(page.period_kind.findData("YEAR"))
    assert not page.tertial.isVisible() and page.year.isVisible()
    page.kind.setCurrentIndex(page.kind.findData("SSPF"))
    page.threshold.setValue(20)
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.report.period.code == "2026" and page.report.kinds == ("SSPF",)
    assert page.report.threshold == 20
    assert any("<20" in cell for g in _grids(page) for row in _grid_texts(g) for cell in row)
    page.period_kind.setCurrentIndex(page.period_kind.findData("RANGE"))
    page.start.setDate(QDate(2026, 6, 1))
    page.end.setDate(QDate(2026, 5, 1))  # backwards: the service's clear error, no report
    before = page.report
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.banner.isVisible() and page.report is before
    page.end.setDate(QDate(2026, 6, 30))
    qtbot.keyClick(page.end, Qt.Key.Key_Return)  # Enter in a filter shows the report
    assert page.report.period.code == "2026-06-01..2026-06-30"


def test_exports_and_pdf_are_logged_and_written_owner_only(referrals: World, window_for, renderers, monkeypatch,
                                                           tmp_path: Path) -> None:
    page = _page(window_for("styrgrupp"))
    warned: list[str] = []
    monkeypatch.setattr(printing, "confirm_unencrypted", lambda _p, text=None: warned.append(text) or True)
    out = tmp_path / "out"
    out.mkdir()
    targets = iter([out / "t2.xlsx", out / "t2", out / "t2.pdf"])
    monkeypatch.setattr(printing, "ask_save_path", lambda _p, _name, _filter=None: next(targets))
    page.xlsx_button.click()
    page.csv_button.click()  # no suffix typed: .csv is added
    page.save_button.click()
    written = sorted(p.name for p in out.iterdir())
    assert written == ["t2.csv", "t2.pdf", "t2.xlsx"]
    for path in out.iterdir():
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert all("aggregerad statistik" in w for w in warned) and len(warned) == 3
    assert (out / "t2.xlsx").read_bytes().startswith(b"PK")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(
        (out / "t2.pdf").read_bytes())).pages)
    assert MARKING in text and "Uppföljning för styrgruppen" in text
    assert [e.detail.count('"output":"xlsx"') for e in _events(referrals, "STATS_EXPORT")] == [1, 0]
    assert len(_events(referrals, "STATS_PRINT")) == 1
    monkeypatch.setattr(printing, "confirm_unencrypted", lambda _p, text=None: False)  # stop at the warning
    page.xlsx_button.click()
    assert len(_events(referrals, "STATS_EXPORT")) == 2


def test_roles_without_the_right_get_no_page_and_a_coordinator_only_their_kind(referrals: World, window_for,
                                                                                renderers) -> None:
    assert "statistics" not in window_for("socialsekreterare").pages
    assert "statistics" not in window_for("polis").pages
    page = window_for("samordnare").pages["statistics"]
    page.refresh()
    assert [page.kind.itemData(i) for i in range(page.kind.count())] == [None]  # SSPF only, no choice
    assert page.report is not None and page.report.kinds == ("SSPF",)
    assert [page.unit.itemText(i) for i in range(page.unit.count())] == ["Alla enheter", "SSPF Tureberg"]


def test_lock_empties_the_page(referrals: World, window_for, renderers) -> None:
    window = window_for("styrgrupp")
    page = _page(window)
    assert _grids(page)
    window.clear_everything()
    assert page.report is None and page.pdf is None
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not _grids(page) and page.summary.text() == ""


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def test_the_page_fits_a_1280_pixel_window(referrals: World, window_for, renderers) -> None:
    window = window_for("styrgrupp")
    window.resize(1280, 800)
    assert window.minimumSizeHint().width() <= 1280 and window.width() <= 1280
