"""The one chart definition of every report: a ``statistics_dto.Chart`` as a reportlab Drawing.

:func:`chart_drawing` turns a ``Chart`` (grouped bars, or lines with ``style="line"``) into a
reportlab ``Drawing``; the PDFs place that Drawing in their story and the window renders the
very same Drawing as SVG (:func:`chart_svg`, for ``QSvgRenderer``), so a chart looks the same
on screen and on paper. Used by the steering group's follow-up (``statistics_pdf``, which
re-exports both names) and the EST lägesbild (``est_pdf``).
"""

from __future__ import annotations

import re

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..api.results import Chart
from . import styles as st
from .fonts import SANS, SANS_BOLD, register_fonts
from .page_furniture import FRAME_W

#: Bar colours per series (accessible on white and in greyscale print).
SERIES_COLOURS = (colors.HexColor("#1F4E79"), colors.HexColor("#8FAADC"), colors.HexColor("#C9A227"),
                  colors.HexColor("#5B8C5A"), colors.HexColor("#9B1C1C"))
CHART_HEIGHT = 62 * mm
_LABEL_CHARS = 16


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def chart_drawing(chart: Chart, width: float = FRAME_W, height: float = CHART_HEIGHT) -> Drawing:
    """``chart`` as a reportlab Drawing (the same for PDF and window): grouped bars, or lines
    for a chart over periods (``chart.style == "line"``).

    A suppressed value has no bar or point; its printed label ("<5", "..") stands at the base
    instead, so a reader never sees a height the tables do not print."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, chart.title, fontName=SANS_BOLD, fontSize=9, fillColor=st.INK))
    legend_h = 12 if len(chart.series) > 1 else 0
    values = [v for s in chart.series for v in s.values if v is not None]
    top = max(values + [1]) * 1.15
    plot = _line_plot(chart) if chart.style == "line" else _bar_plot(chart)
    plot.x, plot.y = 34, 30
    plot.width, plot.height = width - 44, height - 48 - legend_h
    room = plot.width / max(1, len(chart.categories))  # points per category
    plot.categoryAxis.categoryNames = [_short(c, max(_LABEL_CHARS, int(room / 3.6))) for c in chart.categories] or [""]
    plot.categoryAxis.labels.fontName = SANS
    plot.categoryAxis.labels.fontSize = 6.5
    plot.categoryAxis.labels.angle = 0 if len(chart.categories) <= 6 else 25
    plot.categoryAxis.labels.boxAnchor = "n" if len(chart.categories) <= 6 else "ne"
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = top
    plot.valueAxis.labels.fontName = SANS
    plot.valueAxis.labels.fontSize = 6.5
    plot.valueAxis.visibleGrid = True
    plot.valueAxis.gridStrokeColor = st.GRID
    plot.valueAxis.gridStrokeWidth = 0.3
    drawing.add(plot)
    if chart.style == "line":
        _point_labels(chart, drawing, plot, top)
    if legend_h:
        legend = Legend()
        legend.x, legend.y = 34, height - 18
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 0
        legend.dx = legend.dy = 6
        legend.fontName = SANS
        legend.fontSize = 7
        legend.colorNamePairs = [(SERIES_COLOURS[i % len(SERIES_COLOURS)], s.name) for i, s in enumerate(chart.series)]
        legend.boxAnchor = "nw"
        legend.autoXPadding = 18
        drawing.add(legend)
    if chart.note:
        drawing.add(String(0, 2, chart.note, fontName=SANS, fontSize=6.5, fillColor=st.MUTED))
    return drawing


def _bar_plot(chart: Chart) -> VerticalBarChart:
    plot = VerticalBarChart()
    plot.data = [[v if v is not None else 0 for v in s.values] for s in chart.series] or [[0]]
    plot.barLabelFormat = "values"
    plot.barLabelArray = [list(s.texts) for s in chart.series] or [[""]]
    plot.barLabels.fontName = SANS
    plot.barLabels.fontSize = 6
    plot.barLabels.nudge = 5
    plot.groupSpacing = 8
    plot.barSpacing = 1
    for i in range(len(chart.series)):
        plot.bars[i].fillColor = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        plot.bars[i].strokeColor = None
    return plot


def _runs(values: tuple[float | None, ...]) -> list[list[float | None]]:
    """One data row per unbroken run of visible values (None elsewhere): a hidden point
    breaks the line instead of being bridged."""
    runs: list[list[float | None]] = []
    current: list[float | None] | None = None
    for i, value in enumerate(values):
        if value is None:
            current = None
            continue
        if current is None:
            current = [None] * len(values)
            runs.append(current)
        current[i] = value
    return runs


def _line_plot(chart: Chart) -> HorizontalLineChart:
    plot = HorizontalLineChart()
    rows, colours = [], []
    for i, series in enumerate(chart.series):
        for run in _runs(series.values):
            rows.append(run)
            colours.append(SERIES_COLOURS[i % len(SERIES_COLOURS)])
    plot.data = rows or [[0] * max(1, len(chart.categories))]
    plot.joinedLines = 1
    for i, colour in enumerate(colours):
        plot.lines[i].strokeColor = colour
        plot.lines[i].strokeWidth = 1.4
        plot.lines[i].symbol = makeMarker("FilledCircle", size=3.5, fillColor=colour, strokeColor=colour)
    if not rows:
        plot.lines[0].strokeColor = None
    return plot


def _point_labels(chart: Chart, drawing: Drawing, plot: HorizontalLineChart, top: float) -> None:
    """The printed figure above each point, and a hidden one's label at the base."""
    step = plot.width / max(1, len(chart.categories))
    for s_index, series in enumerate(chart.series):
        colour = SERIES_COLOURS[s_index % len(SERIES_COLOURS)]
        for i, (value, text) in enumerate(zip(series.values, series.texts)):
            x = plot.x + (i + 0.5) * step
            # A hidden point's label stands above the base, clear of a visible zero's label.
            y = plot.y + 14 + 8 * s_index if value is None else plot.y + value / top * plot.height + 4
            drawing.add(String(x, y, text, fontName=SANS, fontSize=6, fillColor=colour, textAnchor="middle"))


def chart_svg(chart: Chart, width: float = FRAME_W, height: float = CHART_HEIGHT) -> bytes:
    """The chart as SVG (UTF-8 bytes), drawn from :func:`chart_drawing` (for the window)."""
    return drawing_svg(chart_drawing(chart, width, height))


def drawing_svg(drawing: Drawing) -> bytes:
    """Any of our Drawings as SVG bytes that Qt's renderer draws as the PDF does."""
    from reportlab.graphics import renderSVG
    text = renderSVG.drawToString(drawing)
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    # Two things Qt's SVG renderer (SVG Tiny) reads otherwise than a browser: it fills with black
    # where reportlab writes "fill: None" (keywords are case-sensitive there), and it paints the
    # rectangle of a <clipPath> it does not support. The clip is the drawing's own bounds.
    text = re.sub(r"<clipPath id=\"clip\">.*?</clipPath>", "", text, flags=re.S)
    text = text.replace(' style="clip-path: url(#clip)"', "")
    return text.replace("fill: None", "fill: none").encode("utf-8")


__all__ = ["CHART_HEIGHT", "SERIES_COLOURS", "chart_drawing", "chart_svg", "drawing_svg"]
