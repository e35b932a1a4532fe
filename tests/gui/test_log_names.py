"""Words, not codes, where people read the log (issue 12, item 8): the Log page's search,
the Review tab and a case's history show the action's label, the case reference and the
user's name, never an event code, "case #266" or "user #10"; the case filter takes a case
reference or a personnummer. Real widgets, real services."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from trygg_desktop.domain import vocab
from trygg_desktop.domain.errors import AccessDenied, NotFound, ValidationError
from trygg_desktop.ui.errors import error_text
from trygg_desktop.ui.pages.audit_log import DTO_ROLE, AuditLogPage
from trygg_desktop.ui.pages.log_review import ROW_ROLE, LogReviewPanel

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot

# An event code (CASE_READ), an internal id with a hash (case #266, #10) or "case 266".
RAW = re.compile(r"\b[A-Z]{2,}_[A-Z_]+\b|#\d|\b(case|user|person) ?\d", re.IGNORECASE)
CASE_READ = vocab.AUDIT_ACTIONS.label("CASE_READ")


@pytest.fixture
def cases(world: World):
    first = sspf_case(world)
    other = sspf_case(world, first="Bo", last="Ek")
    world.as_("skola").case_view.open(first.case_id)
    world.as_("skola").case_view.open(other.case_id)
    with pytest.raises(AccessDenied):
        world.as_("annan").case_view.open(first.case_id)
    return first, other


def _cells(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]


def _log_page(window_for) -> tuple[object, AuditLogPage]:
    window = window_for("granskare")
    page = window.show_page("log")
    assert isinstance(page, AuditLogPage)
    return window, page


def _type_case_filter(page: AuditLogPage, text: str) -> None:
    page.case_filter.clear()
    QTest.keyClicks(page.case_filter, text)
    QTest.keyClick(page.case_filter, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_log_search_shows_labels_references_and_names(window_for, world: World, cases, qtbot) -> None:
    first, other = cases
    window, page = _log_page(window_for)
    cells = _cells(page.view)
    assert len(cells) > 10
    for row in cells:
        for text in row:
            assert not RAW.search(text), f"a code or an internal id on screen: {text!r} in {row}"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    action, case, user, record = (headers.index(page.model.tr(h)) for h in ("Action", "Case", "User", "Record"))
    reads = [row for row in cells if row[action] == CASE_READ]
    assert {row[case] for row in reads} == {first.reference, other.reference}
    assert {row[user] for row in reads} == {"Skola"}
    assert {row[record] for row in reads} == {f"Ärende {first.reference}", f"Ärende {other.reference}"}
    denied = [row for row in cells if row[action] == vocab.AUDIT_ACTIONS.label("ACCESS_DENIED")]
    assert denied and denied[0][case] == first.reference and denied[0][user] == "Annan"
    created = [row for row in cells if row[action] == vocab.AUDIT_ACTIONS.label("USER_CREATE")]
    assert "Användare Polis" in {row[record] for row in created}
    # The action filter lists labels, not codes.
    items = [page.action_filter.itemText(i) for i in range(page.action_filter.count())]
    assert CASE_READ in items and not any(RAW.search(t) for t in items)
    page.action_filter.setCurrentIndex(page.action_filter.findData("CASE_READ"))
    page.search_button.click()
    assert page.model.rowCount() == len(reads)
    page.action_filter.setCurrentIndex(0)
    page.search_button.click()

    # Typing a case reference narrows the rows to that case.
    before = page.proxy.rowCount()
    _type_case_filter(page, first.reference.lower())
    rows = [page.proxy.index(r, 0).data(DTO_ROLE) for r in range(page.proxy.rowCount())]
    assert 0 < len(rows) < before and {e.case_id for e in rows} == {first.case_id}
    assert {page.proxy.index(r, case).data() for r in range(page.proxy.rowCount())} == {first.reference}
    assert not page.banner.isVisible()
    qtbot.wait(20)
    screenshot(window, "audit_log_names")

    # A personnummer finds that person's cases.
    pnr = world.as_("samordnare").persons.get(other.person_id).pnr
    _type_case_filter(page, pnr)
    assert {page.proxy.index(r, 0).data(DTO_ROLE).case_id for r in range(page.proxy.rowCount())} - {None} == {
        other.case_id}


@pytest.mark.parametrize("text, error", [
    ("266", ValidationError("x", code="audit.case_query")),
    ("SSPF-2099-9999", NotFound("x", code="case.not_found")),
])
def test_a_case_filter_that_names_nothing_is_explained_beside_it(window_for, world: World, cases, text: str,
                                                                  error) -> None:
    _window, page = _log_page(window_for)
    assert page.model.rowCount() > 0
    _type_case_filter(page, text)
    assert page.banner.isVisible() and page.banner.kind == "warning"
    assert page.banner.label.text() == error_text(error)
    assert page.model.rowCount() == 0, "no stale rows under a refused filter"
    assert page.case_filter.styleSheet(), "the field is marked"
    _type_case_filter(page, cases[0].reference)
    assert page.model.rowCount() > 0 and not page.banner.isVisible() and not page.case_filter.styleSheet()


def test_log_review_shows_labels_references_and_names(window_for, world: World, cases, qtbot) -> None:
    first, other = cases
    window, page = _log_page(window_for)
    page.tabs.setCurrentIndex(1)
    review = page.review
    assert isinstance(review, LogReviewPanel)
    today = QDate.currentDate()
    review.from_date.setDate(today)
    review.to_date.setDate(today)
    review.show_button.click()
    cells = _cells(review.view)
    assert len(cells) > 10
    for row in cells:
        for text in row:
            assert not RAW.search(text), f"a code or an internal id on screen: {text!r} in {row}"
    reads = [row for row in cells if row[4] == CASE_READ]
    assert {row[5] for row in reads} == {first.reference, other.reference} and {row[2] for row in reads} == {"Skola"}
    # The case filter takes the reference.
    QTest.keyClicks(review.case_filter, other.reference)
    QTest.keyClick(review.case_filter, Qt.Key.Key_Return)
    rows = [review.proxy.index(r, 0).data(ROW_ROLE) for r in range(review.proxy.rowCount())]
    assert rows and {r.case_id for r in rows} == {other.case_id}
    review.case_filter.setText("SSPF-2099-9999")
    review.show_button.click()
    assert review.banner.isVisible() and review.banner.label.text() == error_text(NotFound(code="case.not_found"))
    review.case_filter.clear()
    review.show_button.click()
    qtbot.wait(20)
    screenshot(window, "log_review_names")


def test_case_history_shows_labels_and_names(window_for, world: World, cases) -> None:
    first, _other = cases
    window = window_for("samordnare")
    window.open_case(first.case_id)
    QApplication.processEvents()
    page = window.pages["case"]
    page.tabs.setCurrentWidget(page.history)
    QApplication.processEvents()
    cells = _cells(page.history.view)
    assert cells
    for row in cells:
        for text in row:
            assert not RAW.search(text), f"a code or an internal id on screen: {text!r} in {row}"
    texts = {text for row in cells for text in row}
    assert CASE_READ in texts and vocab.AUDIT_ACTIONS.label("CASE_CREATE") in texts
    assert f"Ärende {first.reference}" in texts and "Skola" in texts
    assert vocab.AUDIT_ACTIONS.label("ACCESS_DENIED") in texts  # another unit's coordinator was refused
