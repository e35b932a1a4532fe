"""Shared pieces of the case view's tabs: table views over DTOs, labels, and the
base class every tab derives from.

Every list in the case view is a tuple of frozen DTOs from ``CaseDetail``, shown
through the generic ``models.simple_table`` model; describing columns as data keeps
each tab short and makes ``clear()`` trivially complete (drop the tuple, reset the
model). What is particular to the case view lives here: cells show their text as
tooltip, and ``make_table`` sizes columns from ``Column.width`` and rows to fit.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QTableView,
                               QVBoxLayout, QWidget)

from ....domain.timefmt import fmt_date
from ....domain.vocab import Vocabulary
from ...models import simple_table
from ...models.simple_table import ROW_ROLE as DTO_ROLE
from ...models.simple_table import SORT_ROLE, Column, apply_list_style

if TYPE_CHECKING:  # pragma: no cover
    from ....api.results import CaseDetail
    from ..case_actions import CaseActions

__all__ = ["DTO_ROLE", "SORT_ROLE", "Column", "DtoTableModel"]  # re-exported for the tabs

RED = QColor("#b3261e")
AMBER = QColor("#8a5a00")
GREEN = QColor("#1e6b2f")
GREY = QColor("#5f6368")
RED_BG = QColor("#fde8e8")
AMBER_BG = QColor("#fff4d6")
GREEN_BG = QColor("#e3f4e6")

LEVEL_COLOURS = {"GRON": (GREEN, GREEN_BG), "GUL": (AMBER, AMBER_BG), "ROD": (RED, RED_BG),
                 "LAG": (GREEN, GREEN_BG), "MEDEL": (AMBER, AMBER_BG), "HOG": (RED, RED_BG)}


class DtoTableModel(simple_table.DtoTableModel):
    """The generic model as the case view uses it: every cell's tooltip is its text
    (columns are capped in width), and ``rows()`` is a method."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent=parent, text_tooltips=True)

    def rows(self) -> tuple[Any, ...]:  # type: ignore[override]
        return self._rows


def make_table(model: DtoTableModel, accessible_name: str, *, sortable: bool = True,
               sort_column: int | None = None, descending: bool = False, min_rows: int = 3,
               fit_rows: int | None = None) -> QTableView:
    """A read-only, row-selecting table view with alternating colours and a sort proxy.

    ``fit_rows``: inside a scroll area a table should be as tall as its rows (up
    to that many) instead of a fixed default height with empty space below.
    """
    view = QTableView()
    view.setAccessibleName(accessible_name)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSortRole(SORT_ROLE)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        if sort_column is not None:
            view.sortByColumn(sort_column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    else:
        view.setModel(model)
    apply_list_style(view)
    header = view.horizontalHeader()
    # Only one column takes the free width: the text column if there is one, else the last.
    header.setStretchLastSection(not any(col.stretch for col in model.columns))
    for i, col in enumerate(model.columns):
        if col.stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
    model.modelReset.connect(lambda: fit_columns(view, model))
    if any(col.stretch for col in model.columns):
        # The free text column's share depends on the width: fit again when it changes.
        view.viewport().installEventFilter(_RefitOnResize(view, model))
    fit_columns(view, model)
    view.setMinimumHeight(table_height(view, min_rows))
    if fit_rows is not None:
        def fit() -> None:
            view.setFixedHeight(table_height(view, min(max(model.rowCount(), min_rows), fit_rows)))
        model.modelReset.connect(fit)
        fit()
    return view


def table_height(view: QTableView, rows: int) -> int:
    return (view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth() + 2)


#: The share of a list's width kept for its free-text column (the action, the journal text);
#: the other columns are narrowed (elided, full text in the tooltip) rather than squeezing it.
TEXT_SHARE = 0.34


def fit_columns(view: QTableView, model: DtoTableModel) -> None:
    """Columns as wide as their content, at least their nominal width (scaled with
    the font, so 200 % scaling stays readable) and at most a third of the screen.

    With a stretching text column, the other columns together leave it ``TEXT_SHARE``
    of the width: the ``elide`` columns give way first (the widest most), then, if
    that is not enough, the others; none goes below its header's width."""
    scale = view.fontMetrics().height() / 17
    natural: dict[int, int] = {}
    for i, col in enumerate(model.columns):
        if col.stretch:
            continue
        view.resizeColumnToContents(i)
        nominal = int((col.width or 80) * scale)
        natural[i] = min(max(view.columnWidth(i) + 8, nominal), int(420 * scale))
    widths = dict(natural)
    available = view.viewport().width()
    if len(natural) < len(model.columns) and available > 300:
        budget = int(available * (1 - TEXT_SHARE))
        header = view.horizontalHeader()
        floor = {i: min(w, max(header.fontMetrics().horizontalAdvance(str(model.columns[i].title)) + 18,
                               int(56 * scale))) for i, w in natural.items()}
        for first in (True, False):
            excess = sum(widths.values()) - budget
            movable = [i for i in widths if model.columns[i].elide or not first]
            give = sum(widths[i] - floor[i] for i in movable)
            if excess <= 0 or give <= 0:
                continue
            ratio = min(1.0, excess / give)
            for i in movable:
                widths[i] -= int((widths[i] - floor[i]) * ratio)
    for i, width in widths.items():
        if view.columnWidth(i) != width:
            view.setColumnWidth(i, width)


class _RefitOnResize(QObject):
    """Fits a view's columns again when its viewport changes width (shown, window resized)."""

    def __init__(self, view: QTableView, model: DtoTableModel) -> None:
        super().__init__(view)
        self.view, self.model, self.width = view, model, -1

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched.width() != self.width:
            self.width = watched.width()
            fit_columns(self.view, self.model)
        return False


def selected_dto(view: QTableView) -> Any:
    """The DTO of the selected row (through the proxy), or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    return view.model().data(rows[0], DTO_ROLE)


def select_first(view: QTableView) -> None:
    if view.model() is not None and view.model().rowCount() > 0:
        view.selectRow(0)


def labels(voc: Vocabulary, codes: Iterable[str]) -> str:
    return ", ".join(voc.label(c) for c in codes)


def date_text(value: date | None) -> str:
    return fmt_date(value)


def value_label(text: str = "") -> QLabel:
    """A selectable, wrapping label for a field value."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


def hint_label(text: str = "") -> QLabel:
    """Grey explanatory text (empty states, notes about withheld records)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    label.setStyleSheet("color:#5f6368; padding:4px 2px;")
    return label


def warning_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    label.setStyleSheet("background:#fff4d6; color:#5c4100; border:1px solid #e6c66e; border-radius:3px;"
                        "padding:4px 8px;")
    return label


def group(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 8, 8, 8)
    return box, layout


class CaseTab(QWidget):
    """A tab of the case view: ``fill`` from the one ``CaseDetail``, ``clear`` drops it all.

    Both run on the page's ``CaseSession`` signals (``loaded``, ``cleared``); the tab reads
    names and dates from the session and calls the page only for what its buttons open."""

    def __init__(self, page: "CaseActions") -> None:
        super().__init__()
        self.page = page
        self.session = page.session
        self.ctx = page.ctx
        self.session.loaded.connect(self.fill)
        self.session.cleared.connect(self.clear)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.detail: CaseDetail | None = None

    def fill(self, detail: "CaseDetail") -> None:
        self.detail = detail

    def clear(self) -> None:
        self.detail = None

    @property
    def case_id(self) -> int | None:
        return self.detail.summary.id if self.detail is not None else None

    def button(self, text: str, slot: Callable[[], None], accessible: str | None = None) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(lambda _checked=False: slot())
        if accessible:
            b.setAccessibleName(accessible)
        return b

    def end_with_stretch(self) -> None:
        """Keep empty-state texts at the top when the main table is hidden."""
        self.layout_.addStretch(0)

    def button_row(self, *buttons: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        return row
