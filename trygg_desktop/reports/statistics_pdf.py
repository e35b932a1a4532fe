"""Uppföljning för styrgruppen as PDF: the suppressed tables, key figures, comparison and charts.

Built in memory on the shared page template (``layout.render``: organisation and
document label top left, the marking top right on every page, "Utskrivet … av …" and
"Sida X av Y" at the foot). The marking is :data:`MARKING` ("Aggregerad statistik –
innehåller inga personuppgifter"): the report holds aggregates only, already
suppressed by the service (``<5``, ``..``); this module prints what the DTO says and
computes nothing from hidden values.

:func:`chart_drawing` is the one chart definition: it turns a ``Chart`` of the DTO into a
reportlab ``Drawing``. The PDF places that Drawing in the story; the window renders the
very same Drawing, so the chart looks the same on screen and on paper: :func:`chart_svg`
gives it as SVG bytes for ``QSvgRenderer`` (PySide6.QtSvg; reportlab's bitmap renderer
renderPM would need the rlPyCairo backend, which is not installed). ``ui`` may not import
``reports``: the composition root hands ``render_statistics`` and ``chart_svg`` to the
window like the other renderers (``app.install_renderers`` → ``ui.printing``).
"""

from __future__ import annotations

import re

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..services.statistics_dto import Chart, FollowUpReport, Section, StatTable
from ..services.statistics_export import MARKING, TITLE
from . import styles as st
from .fonts import SANS, SANS_BOLD, register_fonts
from .layout import FRAME_W, Kit, PageDecor, fmt_date, fmt_datetime, render

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
    from reportlab.graphics import renderSVG
    text = renderSVG.drawToString(chart_drawing(chart, width, height))
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    # Two things Qt's SVG renderer (SVG Tiny) reads otherwise than a browser: it fills with black
    # where reportlab writes "fill: None" (keywords are case-sensitive there), and it paints the
    # rectangle of a <clipPath> it does not support. The clip is the drawing's own bounds.
    text = re.sub(r"<clipPath id=\"clip\">.*?</clipPath>", "", text, flags=re.S)
    text = text.replace(' style="clip-path: url(#clip)"', "")
    return text.replace("fill: None", "fill: none").encode("utf-8")


def render_statistics(report: FollowUpReport) -> bytes:
    """The report as PDF bytes (built in memory; nothing is written)."""
    decor = PageDecor(organisation=report.organisation or "Trygg Desktop",
                      document_label=f"{TITLE} – {report.period.short_label}", secrecy_marking=MARKING,
                      printed_at=report.generated_at, printed_by=report.generated_by, recipient="Styrgruppen")
    return render(lambda kit: _story(report, kit), decor, title=f"{TITLE} {report.period.code}",
                  subject=f"Aggregerad uppföljning {report.period.label}", author=report.organisation)


def _story(report: FollowUpReport, kit: Kit) -> list[Flowable]:
    s = kit.s
    out: list[Flowable] = []
    out += kit.para(TITLE, s.title)
    out += kit.para(f"{report.period.label} · {report.scope_label}", s.subtitle)
    period = f"{fmt_date(report.period.start)} – {fmt_date(report.period.end)}"
    if report.period.running:
        period += f" (pågår; siffrorna gäller till och med {fmt_date(report.period.as_of)})"
    out += kit.kv([
        ("Period", period),
        ("Omfattning", report.scope_label),
        ("Jämförs med", f"{report.previous.label} och {report.last_year.label}"),
        ("Små tal", f"värden från 1 till {report.threshold - 1} visas som <{report.threshold}"),
        ("Framtagen", f"{fmt_datetime(report.generated_at)} av {report.generated_by}"),
    ])
    out += kit.info_box("Så läses tabellerna", list(report.notes))
    out += _comparison(report, kit)
    charts = {c.key: c for c in report.charts}
    after = {"referral_source": "chart_source", "age": "chart_age", "actions": "chart_actions"}
    for section in report.sections:
        out += _section(section, kit, charts, after)
    return out


def _comparison(report: FollowUpReport, kit: Kit) -> list[Flowable]:
    comp = report.comparison
    out = kit.heading("Jämförelse med föregående period och samma period föregående år")
    headers = ["Mått", *(p.short_label for p in comp.periods)]
    rows = [[r.label, *r.texts] for r in comp.rows]
    out += _styled(kit.table(headers, rows, (0.46, 0.18, 0.18, 0.18)), total_row=False)
    if comp.note:
        out += kit.para(comp.note, kit.s.small)
    for key in ("chart_cases", "chart_trend"):
        if key in {c.key for c in report.charts}:
            out += [kit.spacer(4), chart_drawing(report.chart(key))]
    return out


def _section(section: Section, kit: Kit, charts: dict[str, Chart], after: dict[str, str]) -> list[Flowable]:
    out = kit.heading(section.title)
    if section.note:
        out += kit.para(section.note, kit.s.small)
    for table in section.tables:
        out += _table(table, kit)
        chart = charts.get(after.get(table.key, ""))
        if chart is not None and not chart.empty:
            out += [kit.spacer(3), chart_drawing(chart), kit.spacer(4)]
    if section.figures:
        out += kit.heading("Nyckeltal", 3)
        rows = [[f.label, f.text, f.n_text] for f in section.figures]
        out += _styled(kit.table(["Nyckeltal", "Värde", "Underlag"], rows, (0.62, 0.16, 0.22)), total_row=False)
    if section.durations:
        out += kit.heading("Ledtider (dagar från aktualisering)", 3)
        rows = [[d.label, d.median_text, d.p75_text, d.n_text] for d in section.durations]
        out += _styled(kit.table(["Mått", "Median", "75:e percentil", "Underlag"], rows, (0.52, 0.14, 0.16, 0.18)),
                       total_row=False)
    return out


def _table(table: StatTable, kit: Kit) -> list[Flowable]:
    out = kit.heading(table.title, 3)
    header = table.header()
    ncols = len(header)
    first = 0.46 if ncols <= 3 else 0.34 if ncols <= 5 else 0.2
    widths = [first] + [(1 - first) / (ncols - 1)] * (ncols - 1)
    out += _styled(kit.table(header, table.printed_rows(), widths), total_row=table.shows_total_row,
                   total_column=table.shows_total_column)
    if table.note:
        out += kit.para(table.note, kit.s.small)
    return out


def _styled(flowables: list[Flowable], *, total_row: bool, total_column: bool = False) -> list[Flowable]:
    """Numbers (and their heads) right-aligned, the total row and column in bold."""
    for f in flowables:
        if isinstance(f, Table):
            cmds = [("ALIGN", (1, 0), (-1, -1), "RIGHT")]
            if total_row:
                cmds += [("FONTNAME", (0, -1), (-1, -1), SANS_BOLD), ("LINEABOVE", (0, -1), (-1, -1), 0.8, st.RULE)]
            if total_column:
                cmds.append(("FONTNAME", (-1, 1), (-1, -1), SANS_BOLD))
            f.setStyle(TableStyle(cmds))
            for cell in f._cellvalues[0][1:]:  # the head row's Paragraphs ignore ALIGN
                if isinstance(cell, Paragraph):
                    cell.style = _right(cell.style)
    return flowables


def _right(style: ParagraphStyle) -> ParagraphStyle:
    if style.name not in _RIGHT:
        _RIGHT[style.name] = ParagraphStyle(style.name + "_right", parent=style, alignment=TA_RIGHT)
    return _RIGHT[style.name]


_RIGHT: dict[str, ParagraphStyle] = {}


__all__ = ["MARKING", "TITLE", "chart_drawing", "chart_svg", "render_statistics"]
