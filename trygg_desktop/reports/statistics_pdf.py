"""Uppföljning för styrgruppen as PDF: the suppressed tables, key figures, comparison and charts.

Built in memory on the shared page template (``layout.render``: organisation and
document label top left, the marking top right on every page, "Utskrivet … av …" and
"Sida X av Y" at the foot). The marking is :data:`MARKING` ("Aggregerad statistik –
innehåller inga personuppgifter"): the report holds aggregates only, already
suppressed by the service (``<5``, ``..``); this module prints what the DTO says and
computes nothing from hidden values.

:func:`chart_drawing` (``reports.charts``, re-exported here) is the one chart definition: it
turns a ``Chart`` of the DTO into a reportlab ``Drawing``. The PDF places that Drawing in the story; the window renders the
very same Drawing, so the chart looks the same on screen and on paper: :func:`chart_svg`
gives it as SVG bytes for ``QSvgRenderer`` (PySide6.QtSvg; reportlab's bitmap renderer
renderPM would need the rlPyCairo backend, which is not installed). ``ui`` may not import
``reports``: the composition root hands ``render_statistics`` and ``chart_svg`` to the
window like the other renderers (``app.install_renderers`` → ``ui.printing``).
"""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..domain.timefmt import fmt_date, print_datetime
from ..api.results import Chart, FollowUpReport, Section, StatTable
from ..api.results import STATISTICS_MARKING as MARKING
from ..api.results import STATISTICS_TITLE as TITLE
from . import styles as st
from .charts import CHART_HEIGHT, SERIES_COLOURS, chart_drawing, chart_svg  # re-exported (__all__)
from .fonts import SANS_BOLD
from .kit import Kit
from .layout import render
from .page_furniture import PageDecor

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
        ("Framtagen", f"{print_datetime(report.generated_at)} av {report.generated_by}"),
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


__all__ = ["CHART_HEIGHT", "MARKING", "SERIES_COLOURS", "TITLE", "chart_drawing", "chart_svg", "render_statistics"]
