"""Widgets that show a suppressed follow-up report: its tables and its charts.

Everything shown is what the DTO prints (``StatTable.printed_rows``, ``Figure.text``):
the widgets compute nothing from the numbers, so the window can never show more than
the PDF. A chart is the same reportlab Drawing as in the PDF, handed over as SVG by the
composition root (``printing.renderer("chart_svg")``) and drawn with ``QSvgRenderer``:
one chart definition for paper and screen.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLabel, QScrollArea, QSizePolicy, QTableView,
                               QVBoxLayout, QWidget)

from ..models.simple_table import Column, DtoTableModel, apply_list_style

RIGHT = Qt.AlignmentFlag.AlignRight
MAX_LABEL_WIDTH, NUMBER_WIDTH = 460, 130
#: Charts are drawn at most this wide (pixels), the PDF's proportions kept.
MAX_CHART_WIDTH = 900


class _GridModel(DtoTableModel):
    """Heads aligned as their columns: the label heads left, the number heads right."""

    left: frozenset[int] = frozenset({0})

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            side = Qt.AlignmentFlag.AlignLeft if section in self.left else Qt.AlignmentFlag.AlignRight
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)


class GridView(QTableView):
    """A read-only table of printed strings that is as tall as its rows (the page scrolls, not
    the table): the first column the label, the others right-aligned numbers, the total row
    (when ``total_row``) and the total column (when ``total_column``) in bold. ``colours``
    (the shape of ``rows``, a colour or None per cell) shades cells, e.g. the lägesbild's levels;
    ``left`` columns are text and stay left-aligned."""

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[str]], accessible_name: str, *,
                 total_row: bool = False, total_column: bool = False, parent: QWidget | None = None,
                 colours: Sequence[Sequence[str | None]] | None = None, left: Sequence[int] = (0,)) -> None:
        super().__init__(parent)
        cells = [(list(r), list(colours[n]) if colours else None) for n, r in enumerate(rows)]
        last_col = len(header) - 1

        def column(i: int) -> Column:
            def bold(row) -> bool:
                return (total_column and 0 < i == last_col) or (total_row and row is cells[-1])

            def background(row) -> str | None:
                return row[1][i] if row[1] else None
            return Column(header[i], lambda r: r[0][i], align=None if i in left else RIGHT, bold=bold,
                          stretch=i == 0, background=background if colours else None)
        rows = cells

        self.grid_model = _GridModel([column(i) for i in range(len(header))], rows, self, text_tooltips=True)
        self.grid_model.left = frozenset(left)
        self.setModel(self.grid_model)
        apply_list_style(self)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)  # cell by cell with the keys
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        head = self.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in range(1, len(header)):
            head.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.resizeRowsToContents()
        height = head.sizeHint().height() + 2 * self.frameWidth() + 2
        height += sum(self.rowHeight(r) for r in range(len(rows)))
        self.setFixedHeight(height)
        # A label column and narrow number columns: on a wide screen the numbers stay near their labels.
        self.setMaximumWidth(MAX_LABEL_WIDTH + NUMBER_WIDTH * (len(header) - 1))

    def cell_text(self, row: int, column: int) -> str:
        return self.grid_model.index(row, column).data() or ""

    def cell_colour(self, row: int, column: int) -> str | None:
        colour = self.grid_model.index(row, column).data(Qt.ItemDataRole.BackgroundRole)
        return colour.name() if colour is not None else None


class ChartView(QWidget):
    """An SVG chart drawn at the width the page gives it, keeping its proportions."""

    def __init__(self, svg: bytes, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = QSvgRenderer(svg, self)
        self.renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setAccessibleName(accessible_name)
        self.setToolTip(accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        size = self.renderer.defaultSize()
        self._ratio = size.height() / size.width() if size.width() else 0.4
        self.setMinimumSize(QSize(360, int(360 * self._ratio)))

    @property
    def valid(self) -> bool:
        return self.renderer.isValid()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return int(min(width, MAX_CHART_WIDTH) * self._ratio)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(760, int(760 * self._ratio))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.rect().adjusted(0, 0, min(self.width(), MAX_CHART_WIDTH) - self.width(), 0)
        painter.fillRect(area, QColor("white"))  # the drawing has no background of its own (paper is white)
        self.renderer.render(painter, area)
        painter.end()


class ReportBody(QScrollArea):
    """The scrolling column a report page fills with headings, tables and charts, top-aligned;
    ``clear`` removes them all (a new report, or the lock)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.content = QWidget()
        self.layout_ = QVBoxLayout(self.content)
        self.layout_.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.content)

    def clear(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size:15pt; font-weight:600;")
    return label


def heading(text: str, level: int = 2) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size:%spt; font-weight:600; margin-top:%dpx;" % (13 if level == 2 else 11,
                                                                                14 if level == 2 else 8))
    label.setAccessibleName(text)
    return label


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color:#555;")
    return label
