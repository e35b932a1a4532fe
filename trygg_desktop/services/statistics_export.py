"""The follow-up report's suppressed tables as CSV and XLSX: the only plaintext it is written as.

Both formats are built from one list of rows (:func:`export_rows`), so the spreadsheet and
the CSV can never disagree. Only what the report prints leaves: the suppressed entries
("<5", ".."), the key figures with their n and the comparison, never a hidden value.

XLSX (openpyxl) is built in memory and written by the caller with ``write_private``
(owner-only, atomic): openpyxl's write-only mode would spool through temporary files, so
the ordinary workbook is used and saved to a buffer. Integers become number cells and
shares ("63 %") percentages, so the steering group can chart them; "<5", ".." and "–"
stay text.
"""

from __future__ import annotations

import csv
import io
import re

from ..domain.timefmt import print_datetime
from .statistics_dto import FollowUpReport

TITLE = "Uppföljning för styrgruppen"
MARKING = "Aggregerad statistik – innehåller inga personuppgifter"

#: Row kinds of :func:`export_rows`: how a spreadsheet styles them.
TITLE_ROW, SECTION_ROW, TABLE_TITLE_ROW, HEADER_ROW, DATA_ROW, TOTAL_ROW, NOTE_ROW, BLANK_ROW = range(8)

_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+,\d+$")
_PERCENT = re.compile(r"^(-?\d+(?:,\d+)?)\s*%$")


def export_rows(report: FollowUpReport) -> list[tuple[int, list[str]]]:
    """(row kind, cells) of the whole export, in order."""
    out: list[tuple[int, list[str]]] = []

    def add(kind: int, *cells: str) -> None:
        out.append((kind, [str(c) for c in cells]))

    add(TITLE_ROW, TITLE)
    add(NOTE_ROW, MARKING)
    add(DATA_ROW, "Organisation", report.organisation)
    add(DATA_ROW, "Period", report.period.label, report.period.start.isoformat(), report.period.end.isoformat())
    add(DATA_ROW, "Omfattning", report.scope_label)
    add(DATA_ROW, "Gräns för små tal", f"värden under {report.threshold} visas som <{report.threshold}")
    add(DATA_ROW, "Framtagen", print_datetime(report.generated_at), report.generated_by)
    for note in report.notes:
        add(NOTE_ROW, "Not", note)
    for section in report.sections:
        add(BLANK_ROW)
        add(SECTION_ROW, section.title.upper())
        for table in section.tables:
            add(BLANK_ROW)
            add(TABLE_TITLE_ROW, table.title)
            add(HEADER_ROW, *table.header())
            rows = table.printed_rows()
            for i, row in enumerate(rows):
                add(TOTAL_ROW if table.shows_total_row and i == len(rows) - 1 else DATA_ROW, *row)
            if table.note:
                add(NOTE_ROW, "Not", table.note)
        if section.figures or section.durations:
            add(BLANK_ROW)
            add(HEADER_ROW, "Nyckeltal", "Värde", "Enhet", "n")
            for f in section.figures:
                add(DATA_ROW, f.label, f.text, f.unit, f.n_text)
            for d in section.durations:
                add(DATA_ROW, f"{d.label} (median)", d.median_text, "dagar", d.n_text)
                add(DATA_ROW, f"{d.label} (75:e percentilen)", d.p75_text, "dagar", d.n_text)
    add(BLANK_ROW)
    add(SECTION_ROW, "JÄMFÖRELSE")
    add(HEADER_ROW, "Mått", *(p.short_label for p in report.comparison.periods), "Enhet")
    for row in report.comparison.rows:
        add(DATA_ROW, row.label, *row.texts, row.unit)
    if report.comparison.note:
        add(NOTE_ROW, "Not", report.comparison.note)
    for chart in report.charts:
        if chart.style != "line":
            continue
        add(BLANK_ROW)
        add(TABLE_TITLE_ROW, chart.title)
        add(HEADER_ROW, "Period", *(s.name for s in chart.series))
        for i, category in enumerate(chart.categories):
            add(DATA_ROW, category, *(s.texts[i] for s in chart.series))
    return [(kind, [c.replace("\u00a0", " ") for c in cells]) for kind, cells in out]


def csv_bytes(report: FollowUpReport) -> bytes:
    """The export as CSV (UTF-8 with BOM, semicolons and decimal commas, as Swedish
    spreadsheet programs read it)."""
    buffer = io.StringIO()
    w = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    w.writerows(cells for _kind, cells in export_rows(report))
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(report: FollowUpReport) -> bytes:
    """The export as an Excel workbook (one sheet), built in memory."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = f"Uppföljning {report.period.short_label}"[:31]
    bold, head_fill = Font(bold=True), PatternFill("solid", fgColor="E4E9F0")
    styles = {TITLE_ROW: Font(bold=True, size=14), SECTION_ROW: Font(bold=True, size=12),
              TABLE_TITLE_ROW: bold, HEADER_ROW: bold, TOTAL_ROW: bold, NOTE_ROW: Font(italic=True, color="555555")}
    for kind, cells in export_rows(report):
        sheet.append([_cell_value(text) if i and kind in (DATA_ROW, TOTAL_ROW) else text
                      for i, text in enumerate(cells)])
        row = sheet[sheet.max_row]
        for cell in row:
            if kind in styles:
                cell.font = styles[kind]
            if kind == HEADER_ROW:
                cell.fill = head_fill
            if isinstance(cell.value, float) and kind in (DATA_ROW, TOTAL_ROW) and _PERCENT.match(
                    cells[cell.column - 1]):
                cell.number_format = "0%"
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJ":
        sheet.column_dimensions[letter].width = 16
    book.properties.title = f"{TITLE} {report.period.code}"
    book.properties.subject = MARKING
    book.properties.creator = report.organisation
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_value(text: str) -> int | float | str:
    """A number cell for what is a number ("63", "2,4", "86 %"), text for the rest ("<5", "..")."""
    if _INTEGER.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return float(text.replace(",", "."))
    match = _PERCENT.match(text)
    if match:
        return float(match.group(1).replace(",", ".")) / 100
    return text
