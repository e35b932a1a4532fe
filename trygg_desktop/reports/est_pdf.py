"""The EST lägesbild as PDF: area × category table with levels, narrative, trend charts, the
weekday × hour grid, the actions and their follow-up.

Built in memory on the shared page template (``layout.render``) with the "intern" marking
of the picture (``api.results.EST_MARKING``) on every page; the trend charts are drawn
by the same chart code as the steering group's follow-up (``reports.charts.chart_drawing``).
This module prints what the DTO says: counts and generated sentences, nothing about a person.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from ..domain import vocab
from ..api.results import EST_MARKING as MARKING
from ..api.results import EST_TITLE as TITLE
from ..api.results import EstAreaRow, EstPicture
from ..domain.timefmt import fmt_date, print_datetime
from . import styles as st
from .charts import chart_drawing
from .fonts import SANS, SANS_BOLD
from .est_map import MAP_TITLE, map_drawing
from .layout import FRAME_W, Kit, PageDecor, render

#: Cell backgrounds per level (yellow, orange, red as the issue asks), readable in greyscale.
LEVEL_COLOURS = {"FORHOJD": colors.HexColor("#FFE08A"), "ALLVARLIG": colors.HexColor("#F4A259")}
SERIOUS_TEXT = colors.HexColor("#7A1F1F")
GRID_COLOUR = colors.HexColor("#1F4E79")
TREND_H = 44 * mm


def render_est(picture: EstPicture) -> bytes:
    """The picture as PDF bytes (nothing is written)."""
    decor = PageDecor(organisation=picture.organisation or "Trygg Desktop",
                      document_label=f"{TITLE} – {picture.period.label}", secrecy_marking=MARKING,
                      printed_at=picture.generated_at, printed_by=picture.generated_by, recipient="EST-gruppen")
    return render(lambda kit: story(picture, kit), decor, title=f"{TITLE} {picture.period.code}",
                  subject=f"EST-lägesbild {picture.period.label}", author=picture.organisation)


def story(p: EstPicture, kit: Kit) -> list[Flowable]:
    s = kit.s
    out: list[Flowable] = []
    out += kit.para(TITLE, s.title)
    out += kit.para(f"{p.period.label} ({fmt_date(p.period.start)} – {fmt_date(p.period.end)})", s.subtitle)
    compare = ", ".join(x.short_label for x in p.baseline_periods) or "–"
    out += kit.kv([
        ("Händelser", f"{p.total} (varav {p.police_reported} polisanmälda)"),
        ("Snitt över", compare),
        ("Samma period i fjol", p.last_year.label if p.last_year else "ingen data"),
        ("Nivåer", p.thresholds.text),
        ("Framtagen", f"{print_datetime(p.generated_at)} av {p.generated_by}"),
    ])
    out += kit.info_box("Så läses lägesbilden", list(p.notes))
    out += kit.heading("Läget per område")
    out += kit.bullets([f"{n.text}" + (f" [{vocab.EST_LEVELS.label(n.level)}]" if n.level != "NORMAL" else "")
                        for n in p.narratives])
    if p.map_areas:
        out += [KeepTogether(kit.heading("Karta") + [map_drawing(p.map_areas, MAP_TITLE)]), kit.spacer(3)]
    out += kit.heading("Händelser per område och kategori")
    out += kit.para("Antal denna period, i parentes förändringen mot snittet. Gult: förhöjt läge, orange: allvarligt "
                    "läge.", s.small)
    out += [_area_table(p), kit.spacer(4)]
    out += kit.heading("Jämförelse per område", 3)
    rows = [[r.area, str(r.total.count), r.total.baseline_text, r.total.change, r.total.last_year_text,
             vocab.EST_LEVELS.label(r.total.level)] for r in (*p.ranking, p.totals)]
    out += kit.table(["Område", "Antal", "Snitt", "Förändring", "I fjol", "Nivå"], rows,
                     (0.3, 0.12, 0.12, 0.16, 0.12, 0.18))
    if p.subcategories:
        out += kit.heading("Underkategorier", 3)
        out += kit.table(["Kategori", "Underkategori", "Antal"],
                         [[x.category, x.subcategory, str(x.count)] for x in p.subcategories], (0.45, 0.4, 0.15))
    out += kit.heading("Trend")
    out += [chart_drawing(p.trend_total, FRAME_W, 58 * mm), kit.spacer(3)]
    out += _chart_pairs(p)
    if p.season:
        first, *rest = p.season  # the heading stays with its first chart (no heading alone at a page foot)
        out += [KeepTogether(kit.heading("Årsanalys: säsongsmönster") + kit.para(
            "Händelser per månad jämfört med året före, och per kategori: underlag för nästa års prioriteringar.",
            s.small) + [chart_drawing(first, FRAME_W, 58 * mm)]), kit.spacer(3)]
        for chart in rest:
            out += [chart_drawing(chart, FRAME_W, 58 * mm), kit.spacer(3)]
    out += kit.heading("Veckodag och klockslag")
    out += kit.para(f"Den tid rapportören angav. Okänd tid (bara datum, eller ett fönster över två timmar): "
                    f"{p.grid.unknown_time}.", s.small)
    out += [_grid_table(p)]
    out += kit.heading("Beslutade åtgärder")
    out += actions_table(kit, p.actions, "Inga åtgärder beslutade under perioden.")
    out += kit.heading("Uppföljning av föregående periods och öppna åtgärder")
    out += actions_table(kit, p.follow_up, "Inga åtgärder att följa upp.")
    return out


def _area_table(p: EstPicture) -> Table:
    head = ["Område", *p.categories, "Summa"]
    body_rows: list[EstAreaRow] = [*p.rows, p.totals]
    data = [head] + [[r.area, *(_cell_text(c) for c in (*r.cells, r.total))] for r in body_rows]
    first = 26 * mm
    # Each column as wide as its head word needs (a long head wraps at its spaces), the rest shared.
    need = [min(max(max(stringWidth(w, SANS_BOLD, 6.3) for w in str(h).split() or [""]) + 8, 38), 90)
            for h in head[1:]]
    spare = max(0.0, FRAME_W - first - sum(need)) / len(need)
    widths = [first] + [n + spare for n in need]
    table = Table(_wrap_head(data), colWidths=widths, repeatRows=1, hAlign="LEFT")
    cmds = [("FONTNAME", (0, 0), (-1, -1), SANS), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
            ("FONTNAME", (0, 0), (-1, 0), SANS_BOLD), ("FONTNAME", (0, -1), (-1, -1), SANS_BOLD),
            ("FONTNAME", (-1, 1), (-1, -1), SANS_BOLD), ("BACKGROUND", (0, 0), (-1, 0), st.HEAD_BG),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, st.GRID), ("BOX", (0, 0), (-1, -1), 0.6, st.GRID),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, st.RULE)]
    for ri, r in enumerate(body_rows, 1):
        for ci, c in enumerate((*r.cells, r.total), 1):
            if c.level in LEVEL_COLOURS:
                cmds.append(("BACKGROUND", (ci, ri), (ci, ri), LEVEL_COLOURS[c.level]))
            if c.level == "ALLVARLIG":
                cmds.append(("TEXTCOLOR", (ci, ri), (ci, ri), SERIOUS_TEXT))
    table.setStyle(TableStyle(cmds))
    return table


def _cell_text(c) -> str:
    """"5 (+400 %)"; a cell with nothing now or before is just "0"."""
    if c.baseline is None or (c.count == 0 and not c.baseline):
        return str(c.count)
    return f"{c.count} ({c.change})"


def _wrap_head(data: list[list[str]]) -> list[list]:
    """Category names wrap in the head row (plain strings do not)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    from xml.sax.saxutils import escape
    style = ParagraphStyle("est_head", fontName=SANS_BOLD, fontSize=6.3, leading=7.8, alignment=2)
    left = ParagraphStyle("est_head_left", parent=style, alignment=0)
    head = [Paragraph(escape(str(h)), left if i == 0 else style) for i, h in enumerate(data[0])]
    return [head] + data[1:]


def _chart_pairs(p: EstPicture) -> list[Flowable]:
    """The per-area trend charts, two side by side."""
    half = FRAME_W / 2 - 2 * mm
    drawings = [chart_drawing(c, half, TREND_H) for c in p.trend]
    rows = [drawings[i:i + 2] + [""] * (2 - len(drawings[i:i + 2])) for i in range(0, len(drawings), 2)]
    if not rows:
        return []
    table = Table(rows, colWidths=[FRAME_W / 2] * 2, hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return [table]


def _grid_table(p: EstPicture) -> Table:
    grid = p.grid
    head = [""] + [f"{h:02d}" for h in range(24)] + ["Σ"]
    data = [head] + [[day, *(str(n) if n else "" for n in row), str(sum(row))]
                     for day, row in zip(grid.weekdays, grid.counts)]
    first = 12 * mm
    widths = [first] + [(FRAME_W - first) / 25] * 25
    table = Table(data, colWidths=widths, hAlign="LEFT")
    cmds = [("FONTNAME", (0, 0), (-1, -1), SANS), ("FONTSIZE", (0, 0), (-1, -1), 6.5),
            ("FONTNAME", (0, 0), (-1, 0), SANS_BOLD), ("FONTNAME", (0, 0), (0, -1), SANS_BOLD),
            ("FONTNAME", (-1, 1), (-1, -1), SANS_BOLD),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"), ("GRID", (0, 0), (-1, -1), 0.3, st.GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]
    peak = grid.peak or 1
    for d, row in enumerate(grid.counts, 1):
        for h, n in enumerate(row, 1):
            if n:
                share = n / peak
                cmds.append(("BACKGROUND", (h, d), (h, d), _shade(share)))
                if share > 0.6:
                    cmds.append(("TEXTCOLOR", (h, d), (h, d), colors.white))
    table.setStyle(TableStyle(cmds))
    return table


def _shade(share: float) -> colors.Color:
    """White to the chart blue, by the share of the busiest hour."""
    base = GRID_COLOUR
    t = 0.15 + 0.85 * share
    return colors.Color(1 - (1 - base.red) * t, 1 - (1 - base.green) * t, 1 - (1 - base.blue) * t)


def actions_table(kit: Kit, actions, empty: str) -> list[Flowable]:
    if not actions:
        return kit.para(empty, kit.s.small)
    rows = []
    for a in actions:
        where = ", ".join(x for x in (a.area_name, a.place_text) if x) or "–"
        status = a.status_label + (" (försenad)" if a.overdue else "")
        if a.follow_up_note:
            status += f": {a.follow_up_note}"
        rows.append([a.description, a.agency_label, where, fmt_date(a.decided_on),
                     fmt_date(a.due_on) if a.due_on else "–", status])
    return kit.table(["Åtgärd", "Vem", "Var", "Beslutad", "Klart", "Status"], rows,
                     (0.29, 0.1, 0.15, 0.13, 0.13, 0.2))


__all__ = ["MARKING", "TITLE", "actions_table", "render_est", "story"]
