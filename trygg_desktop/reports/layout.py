"""The shared page template and the building blocks of every document.

Every page carries, drawn by the page template (``onPage``) and the numbering
canvas:

* top left the organisation and a short document label ("Protokoll
  SSPF-2026-0001"); top right the secrecy marking in bold dark red;
* bottom left "Utskrivet <datum> kl. <tid> av <användare> för <mottagare>",
  bottom right "Sida X av Y" (the NumberedCanvas pattern: pages are kept until
  ``save()``, when the total is known);
* optionally a diagonal watermark ("UTKAST – ej justerat") behind the content.

The running header and footer cannot grow, so over-long values are cut there
with "…" and then printed in full in the body (the marking at the top, the
printing details at the end): nothing the service put in the DTO is lost.

Documents are built with Platypus into an ``io.BytesIO``; no file is written
and none is read except the fonts (R24, R25). All user text goes through
``sanitize`` (R32). Tables never hold a cell that could outgrow a page: a row
with a very long cell is printed as a labelled block instead, and if reportlab
still reports a layout error the document is built again with every table
printed as blocks, so rendering never fails on content.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Iterable, Sequence
from xml.sax.saxutils import escape, unescape

from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)
from reportlab.platypus.doctemplate import LayoutError

from . import styles as st
from .fonts import SANS, SANS_BOLD, register_fonts
from .sanitize import clean, one_line, paragraphs

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 11 * mm            # page edge to the header
MARGIN_BOTTOM = 20 * mm         # page edge to the frame bottom (the footer sits below)
FOOTER_Y = 10 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X

CREATOR = "Trygg Desktop"
# DOMAIN.md §2.3: every printout carries a secrecy label, also when the DTO's is empty
DEFAULT_MARKING = "SEKRETESS – får ej lämnas ut utan sekretessprövning"
CELL_PAD_X = 3.5
CELL_MAX_CHARS = 1500           # longer cells are printed as blocks below the table
HEADER_MARKING_CHARS = 300
HEADER_ORG_CHARS = 120
FOOTER_NAME_CHARS = 80

# ---------------------------------------------------------------- formatting


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return value.strftime("%Y-%m-%d")


def fmt_time(value: datetime | None) -> str:
    """Swedish clock time with a full stop: 14.05."""
    return _local(value).strftime("%H.%M") if value is not None else ""


def fmt_datetime(value: datetime | None) -> str:
    """2026-11-22 kl. 14.05"""
    if value is None:
        return ""
    return f"{fmt_date(value)} kl.\u00a0{fmt_time(value)}"


def fmt_span(start: datetime, end: datetime | None) -> str:
    """14.00–15.15 (an en dash, no spaces), or only the start time."""
    return f"{fmt_time(start)}–{fmt_time(end)}" if end is not None else fmt_time(start)


def _local(value: datetime) -> datetime:
    # Services pass naive local times; an aware time is shown in the machine's zone.
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


# ---------------------------------------------------------------- page decoration


def _wrap_words(words: list[str], font: str, size: float, room: float) -> list[str]:
    """Greedy line filling, as a left-aligned Paragraph does it (words joined by one space)."""
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        w = stringWidth(word, font, size)
        if line and used + space + w > room:
            lines.append(" ".join(line))
            line, used = [word], w
        else:
            used = used + space + w if line else w
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


@dataclass(frozen=True)
class PageDecor:
    """What the page template draws on every page."""

    organisation: str
    document_label: str
    secrecy_marking: str
    printed_at: datetime
    printed_by: str
    recipient: str
    watermark: str = ""
    scale: str = "normal"


class _PageFurniture:
    """Prepares the running header and footer once per document and draws them per page."""

    def __init__(self, decor: PageDecor, styles: st.Styles) -> None:
        self.decor = decor
        self.styles = styles
        org, self.org_cut = one_line(decor.organisation, HEADER_ORG_CHARS)
        label, self.label_cut = one_line(decor.document_label, HEADER_ORG_CHARS)
        marking, self.marking_cut = one_line(decor.secrecy_marking, HEADER_MARKING_CHARS)
        marking = marking or DEFAULT_MARKING
        left_w = FRAME_W * 0.44
        right_w = FRAME_W * 0.54
        self.org = Paragraph(escape(org), styles.header_org)
        self.label = Paragraph(escape(label), styles.header_doc)
        self.marking = Paragraph(escape(marking), styles.marking)
        _, oh = self.org.wrap(left_w, PAGE_H)
        _, lh = self.label.wrap(left_w, PAGE_H)
        _, mh = self.marking.wrap(right_w, PAGE_H)
        self.left_w, self.right_w = left_w, right_w
        self.org_h, self.label_h, self.marking_h = oh, lh, mh
        self.header_h = max(oh + lh + 1, mh)
        self.rule_y = PAGE_H - MARGIN_TOP - self.header_h - 2.5 * mm
        self.frame_top = self.rule_y - 4 * mm

        by, self.by_cut = one_line(decor.printed_by, FOOTER_NAME_CHARS)
        to, self.to_cut = one_line(decor.recipient, FOOTER_NAME_CHARS)
        text = f"Utskrivet {fmt_datetime(decor.printed_at)} av {by or '–'}"
        if to:
            text += f" för {to}"
        self.footer_cut = self.by_cut or self.to_cut
        self.footer = self._fit(text, FRAME_W - 28 * mm)
        watermark, _ = one_line(decor.watermark, 60)
        self.watermark = watermark

    def _fit(self, text: str, width: float) -> str:
        size = self.styles.footer_size
        if stringWidth(text, SANS, size) <= width:
            return text
        self.footer_cut = True
        lo, hi = 0, len(text)
        while lo < hi:  # longest prefix that fits with the ellipsis
            mid = (lo + hi + 1) // 2
            if stringWidth(text[:mid] + "…", SANS, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def overflow_top(self, kit: "Kit") -> list[Flowable]:
        """The full marking and organisation when the running header had to cut them."""
        out: list[Flowable] = []
        if self.marking_cut:
            out += kit.labelled("Sekretessmarkering", self.decor.secrecy_marking, kit.s.body)
        if self.org_cut:
            out += kit.labelled("Organisation", self.decor.organisation, kit.s.body)
        return out

    def overflow_bottom(self, kit: "Kit") -> list[Flowable]:
        if not self.footer_cut:
            return []
        out: list[Flowable] = [Spacer(1, 6)]
        out += kit.labelled("Utskrivet", fmt_datetime(self.decor.printed_at), kit.s.small)
        out += kit.labelled("Utskrivet av", self.decor.printed_by, kit.s.small)
        if self.decor.recipient:
            out += kit.labelled("Utskrivet för", self.decor.recipient, kit.s.small)
        return out

    def on_page(self, canv: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        if self.watermark:
            canv.saveState()
            canv.setFillColor(st.DRAFT)
            canv.setFont(SANS_BOLD, 54)
            canv.translate(PAGE_W / 2, PAGE_H / 2)
            canv.rotate(50)
            canv.drawCentredString(0, -18, self.watermark)
            canv.restoreState()
        top = PAGE_H - MARGIN_TOP
        self.org.drawOn(canv, MARGIN_X, top - self.org_h)
        self.label.drawOn(canv, MARGIN_X, top - self.org_h - 1 - self.label_h)
        self.marking.drawOn(canv, PAGE_W - MARGIN_X - self.right_w, top - self.marking_h)
        canv.setStrokeColor(st.RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, self.rule_y, PAGE_W - MARGIN_X, self.rule_y)
        canv.line(MARGIN_X, FOOTER_Y + 4.2 * mm, PAGE_W - MARGIN_X, FOOTER_Y + 4.2 * mm)
        canv.setFillColor(st.MUTED)
        canv.setFont(SANS, self.styles.footer_size)
        canv.drawString(MARGIN_X, FOOTER_Y, self.footer)
        canv.restoreState()

    def page_number(self, canv: rl_canvas.Canvas, page: int, total: int) -> None:
        canv.saveState()
        canv.setFillColor(st.INK)
        canv.setFont(SANS_BOLD, self.styles.footer_size + 0.5)
        canv.drawRightString(PAGE_W - MARGIN_X, FOOTER_Y, f"Sida {page} av {total}")
        canv.restoreState()


class _NumberedCanvas(rl_canvas.Canvas):
    """Keeps every page until ``save()`` so that "Sida X av Y" knows Y."""

    def __init__(self, *args, furniture: _PageFurniture, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furniture.page_number(self, number, total)
            super().showPage()
        super().save()


# ---------------------------------------------------------------- building blocks


class Para(Paragraph):
    """A Paragraph whose adjacent same-style fragments are merged after parsing.

    reportlab's parser makes a new fragment at every entity (``&amp;``, ``&lt;``),
    so escaped user text would take the slow multi-fragment line breaker;
    merged, plain text is one fragment again (3–4× faster on markup-heavy text).
    """

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1,  # noqa: N803
                 encoding="utf8") -> None:
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
        if frags is None and len(self.frags) > 1:
            merged = [self.frags[0]]
            for frag in self.frags[1:]:
                if sameFrag(merged[-1], frag):
                    merged[-1].text += frag.text
                else:
                    merged.append(frag)
            self.frags = merged

    @classmethod
    def literal(cls, markup: str, style: ParagraphStyle, template) -> "Para":
        """A line of escaped user text without running the markup parser.

        ``markup`` comes from ``sanitize.paragraphs`` (escaped, no tags), so parsing it
        can only yield one fragment in ``style`` holding the unescaped text: that
        fragment is cloned from ``template`` (the style's parse of a plain word).
        Same result, no parser: on entity-heavy text the parser is a quarter of the time.
        """
        frag = template.clone(text=unescape(markup))
        return cls(markup, style, frags=[frag])


class Kit:
    """Flowable factories bound to one scale; every user string goes through ``sanitize``."""

    def __init__(self, styles: st.Styles, *, safe: bool, frame_height: float) -> None:
        self.s = styles
        self.safe = safe                      # True: no tables with user text, only blocks
        self.max_cell_h = frame_height * 0.4
        self._tight_styles: dict[str, ParagraphStyle] = {}
        self._templates: dict[str, object] = {}

    # text ---------------------------------------------------------------
    def _tight(self, style: ParagraphStyle) -> ParagraphStyle:
        tight = self._tight_styles.get(style.name)
        if tight is None:
            tight = ParagraphStyle(style.name + "_tight", parent=style, spaceAfter=0)
            self._tight_styles[style.name] = tight
        return tight

    def _template(self, style: ParagraphStyle):
        frag = self._templates.get(style.name)
        if frag is None:
            frag = Paragraph("x", style).frags[0]
            self._templates[style.name] = frag
        return frag

    def flow(self, chunks: list[str], style, *, prefix: str = "", bullet: str | None = None) -> list[Flowable]:
        """Markup chunks (from ``paragraphs``) as flowables: one Para per line of text.

        A line break becomes a new flowable rather than ``<br/>`` inside one: a
        paragraph without inner markup takes reportlab's fast single-fragment
        path, and a page break then splits between small flowables instead of
        re-wrapping a big one. Lines of one chunk sit tight; a blank line is a small spacer.
        """
        tight = self._tight(style)
        out: list[Flowable] = []
        for ci, chunk in enumerate(chunks):
            lines = chunk.split("<br/>")
            for li, line in enumerate(lines):
                first = ci == 0 and li == 0
                if first:
                    line = prefix + line
                last = li == len(lines) - 1
                if not line.strip():
                    if not last:  # a blank line in the text: paragraph spacing, not a full line
                        out.append(Spacer(1, style.leading * 0.6))
                    continue
                line_style = style if last else tight
                if (first and (prefix or bullet)) or "<" in line:
                    out.append(Para(line, line_style, bulletText=bullet if first else None))
                else:
                    out.append(Para.literal(line, line_style, self._template(line_style)))
        return out

    def para(self, text: str, style=None) -> list[Flowable]:
        return self.flow(paragraphs(text), style or self.s.body)

    def markup(self, markup: str, style=None) -> Paragraph:
        """Our own markup; any user text inside must come from ``inline``/``escape``."""
        return Para(markup, style or self.s.body)

    def labelled(self, label: str, text: str, style=None, *, empty: str = "–") -> list[Flowable]:
        """ "<b>Label:</b> text" – the first line carries the label, long text continues below."""
        chunks = paragraphs(text) or [escape(empty)]
        return self.flow(chunks, style or self.s.body, prefix=f"<b>{escape(label)}:</b> ")

    def room(self, style: ParagraphStyle, lines: int = 3) -> CondPageBreak:
        """A heading starts a new page unless it and a few lines below it still fit.

        (Instead of keepWithNext, which would move a whole long paragraph or table
        part to the next page with the heading and leave a gap.)"""
        return CondPageBreak(style.spaceBefore + style.leading * 2 + self.s.body.leading * lines)

    def heading(self, text: str, level: int = 2) -> list[Flowable]:
        style = self.s.h2 if level == 2 else self.s.h3
        chunks = paragraphs(text) or [""]
        if len(chunks) == 1 and "<br/>" not in chunks[0]:
            return [self.room(style), Para(chunks[0], style)]
        # an absurdly long heading: only its first line is styled as a heading
        first, _, rest = chunks[0].partition("<br/>")
        return [self.room(style), Para(first, style)] + self.flow(([rest] if rest else []) + chunks[1:], self.s.body)

    def bullets(self, items: Iterable[str], style=None, *, numbered: bool = False) -> list[Flowable]:
        style = style or self.s.bullet
        if not style.leftIndent:
            style = ParagraphStyle(style.name + "_bullet", parent=style, leftIndent=12, bulletIndent=1)
        out: list[Flowable] = []
        for n, item in enumerate(items, start=1):
            chunks = paragraphs(item)
            if chunks:
                out += self.flow(chunks, style, bullet=f"{n}." if numbered else "•")
        return out

    def item(self, mark: str, text: str, *, indent: float = 24, style=None) -> list[Flowable]:
        """One list line with our own mark ("§ 3") hanging to the left of the text."""
        base = style or self.s.body
        hanging = ParagraphStyle(base.name + "_item", parent=base, leftIndent=indent, bulletIndent=0,
                                 spaceAfter=1.5)
        return self.flow(paragraphs(text) or [""], hanging, bullet=mark)

    def spacer(self, height: float) -> Spacer:
        return Spacer(1, height)

    # tables ---------------------------------------------------------------
    def _too_big(self, text: str, width: float, style) -> bool:
        if len(text) > CELL_MAX_CHARS:
            return True
        per_line = max(1, int((width - 6) / (style.fontSize * 0.62)))
        lines = sum(1 + len(line) // per_line for line in text.split("\n"))
        return lines * style.leading > self.max_cell_h

    def _cell(self, text: str, style) -> Flowable | list[Flowable] | str:
        chunks = paragraphs(text)
        if not chunks:
            return ""
        if len(chunks) == 1:
            return Para(chunks[0], style)
        return [Para(c, style) for c in chunks]

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float], *,
              zebra: bool = True, bold_first: bool = False, grid: bool = True,
              style=None, head_style=None) -> list[Flowable]:
        """A table that splits across pages with the header repeated on each page.

        ``widths`` are fractions of the frame width (or points when > 1). Rows
        may be shorter or longer than the headers; missing cells are blank. A
        row with a cell that could not fit on a page is printed as a labelled
        block between two parts of the table.
        """
        style = style or self.s.cell
        head_style = head_style or self.s.cell_head
        rows = [tuple(r) for r in rows]
        ncols = max([len(headers)] + [len(r) for r in rows] + [1])
        cols = self._widths(widths, ncols)
        head = [self._cell(h, head_style) for h in headers] + [""] * (ncols - len(headers)) if headers else None
        out: list[Flowable] = []
        pending: list[tuple[str, ...]] = []

        def flush() -> None:
            if pending:
                out.append(self._make_table(head, pending, cols, style, zebra, bold_first, grid))
                pending.clear()

        for row in rows:
            row = tuple(row) + ("",) * (ncols - len(row))
            if self.safe or ncols > 8 or any(self._too_big(str(c or ""), w, style) for c, w in zip(row, cols)):
                flush()
                out += self._block(headers, row)
            else:
                pending.append(row)
        flush()
        return out

    def auto_widths(self, headers: Sequence[str], rows: Sequence[Sequence[str]], *, sample: int = 60,
                    bold_first: bool = False) -> list[float]:
        """Column widths in points from the text (header and the 80th percentile of the first rows).

        Columns that fit their natural width keep it; the wide ones share the rest,
        and spare width goes to the widest column, so the table spans the frame.
        """
        ncols = max([len(headers)] + [len(r) for r in rows[:sample]] + [1])
        body, head = self.s.cell, self.s.cell_head
        pad = 2 * CELL_PAD_X + 1
        natural = []
        for i in range(ncols):
            h = stringWidth(clean(str(headers[i])), head.fontName, head.fontSize) if i < len(headers) else 0
            font = head if (bold_first and i == 0) else body
            widths = sorted(stringWidth(clean(str(r[i] or ""))[:200], font.fontName, font.fontSize)
                            for r in rows[:sample] if i < len(r))
            typical = widths[int(len(widths) * 0.8)] if widths else 0
            natural.append(min(max(h, typical, 12) + pad, FRAME_W * 0.7))
        if sum(natural) <= FRAME_W:
            widest = max(range(ncols), key=lambda i: (natural[i], i))  # ties: the last column
            natural[widest] += FRAME_W - sum(natural)
            return natural
        fair = FRAME_W / ncols
        fixed = {i: w for i, w in enumerate(natural) if w <= fair}
        rest = FRAME_W - sum(fixed.values())
        wide = sum(w for i, w in enumerate(natural) if i not in fixed)
        return [fixed[i] if i in fixed else w * rest / wide for i, w in enumerate(natural)]

    def _widths(self, widths: Sequence[float], ncols: int) -> list[float]:
        given = [w * FRAME_W if w <= 1 else w for w in widths][:ncols]
        if len(given) < ncols:
            rest = max(FRAME_W - sum(given), 20 * mm)
            given += [rest / (ncols - len(given))] * (ncols - len(given))
        scale = FRAME_W / sum(given) if sum(given) > FRAME_W else 1.0
        return [w * scale for w in given]

    def _fast_cell(self, text: str, style, width: float) -> Flowable | list[Flowable] | str:
        """A short one-line value as a plain string (drawn as is, no markup, no wrapping: much
        faster than a Paragraph in big tables); anything else as Paragraphs."""
        room = width - 2 * CELL_PAD_X - 0.5
        if len(text) <= 60 and "\n" not in text:
            plain = clean(text).strip()
            if stringWidth(plain, style.fontName, style.fontSize) <= room:
                return plain
        if "\n" not in text and len(text) <= 2000:
            # One paragraph of running text (a journal entry): wrapped here once, drawn as plain
            # lines. A Paragraph is measured twice (table height, then drawing) and drawn
            # fragment by fragment, which was most of the 100-page register extract's time
            # (bench: register_extract). Only when every word fits the column, else the
            # Paragraph's long-word splitting is needed.
            plain = clean(text).strip()
            words = plain.split()
            if words and all(stringWidth(w, style.fontName, style.fontSize) <= room for w in set(words)):
                return "\n".join(_wrap_words(words, style.fontName, style.fontSize, room))
        return self._cell(text, style)

    def _make_table(self, head, rows, cols, style, zebra, bold_first, grid) -> Table:
        first_style = self.s.cell_head if bold_first else style
        body = [[self._fast_cell(str(c or ""), first_style if i == 0 else style, cols[i])
                 for i, c in enumerate(r)] for r in rows]
        data = ([head] if head else []) + body
        t = Table(data, colWidths=cols, repeatRows=1 if head else 0, hAlign="LEFT", splitByRow=1)
        top = 1 if head else 0
        cmds = [
            ("FONTNAME", (0, top), (-1, -1), style.fontName),
            ("FONTSIZE", (0, top), (-1, -1), style.fontSize),
            ("LEADING", (0, top), (-1, -1), style.leading),
            ("TEXTCOLOR", (0, top), (-1, -1), st.INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if bold_first:
            cmds.append(("FONTNAME", (0, top), (0, -1), self.s.cell_head.fontName))
        if grid:
            cmds += [("LINEBELOW", (0, 0), (-1, -1), 0.4, st.GRID),
                     ("BOX", (0, 0), (-1, -1), 0.6, st.GRID)]
        if head:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), st.HEAD_BG),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, st.RULE)]
        if zebra:
            first = 1 if head else 0
            for i in range(first + 1, len(data), 2):
                cmds.append(("BACKGROUND", (0, i), (-1, i), st.ZEBRA))
        t.setStyle(TableStyle(cmds))
        return t

    def _block(self, headers: Sequence[str], row: Sequence[str]) -> list[Flowable]:
        """One row as "Header: value" paragraphs, for a cell too long for a table."""
        out: list[Flowable] = [Spacer(1, 3)]
        for i, value in enumerate(row):
            label = headers[i] if i < len(headers) else f"Kolumn {i + 1}"
            if str(value or "").strip():
                out += self.labelled(label, str(value), self.s.body_indent)
        out.append(Spacer(1, 3))
        return out

    def kv(self, pairs: Iterable[tuple[str, str]], label_width: float | None = None) -> list[Flowable]:
        """Aligned "Label:  value" lines (the document head); empty values are skipped.

        The label column fits the longest label (our own constants), within 30–70 mm.
        """
        pairs = list(pairs)
        if label_width is None:
            widest = max((stringWidth(f"{label}:", SANS_BOLD, self.s.body.fontSize) for label, _ in pairs),
                         default=0)
            label_width = min(max(widest + 8, 30 * mm), 70 * mm)
        out: list[Flowable] = []
        data: list[list] = []

        def flush() -> None:
            if data:
                t = Table(list(data), colWidths=[label_width, FRAME_W - label_width], hAlign="LEFT")
                t.setStyle(TableStyle([
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]))
                out.append(t)
                data.clear()

        for label, value in pairs:
            value = str(value or "")
            if not value.strip():
                continue
            if self.safe or self._too_big(value, FRAME_W - label_width, self.s.body):
                flush()
                out += self.labelled(label, value)
            else:
                data.append([Paragraph(f"<b>{escape(label)}:</b>", self.s.body),
                             self._cell(value, self.s.body)])
        flush()
        return out

    def info_box(self, title: str, items: Sequence[str], *, bulleted: bool = True) -> list[Flowable]:
        """A tinted box with a bold title and lines (e.g. what a recipient version leaves out)."""
        lines: list[Flowable] = [Paragraph(f"<b>{escape(title)}</b>", self.s.info)]
        for item in items:
            lines += self.bullets([item], self.s.info) if bulleted else self.para(item, self.s.info)
        if self.safe or sum(len(str(i)) for i in items) > CELL_MAX_CHARS * 2:
            return [Spacer(1, 4)] + lines + [Spacer(1, 4)]
        t = Table([[lines]], colWidths=[FRAME_W], hAlign="LEFT")
        t.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), st.INFO_BG),
            ("BOX", (0, 0), (-1, -1), 0.8, st.INFO_BORDER),
            ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ("RIGHTPADDING", (0, 0), (-1, -1), 7),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        return [Spacer(1, 4), t, Spacer(1, 4)]

    def keep(self, flowables: list[Flowable]) -> list[Flowable]:
        """Keep a small group on one page (never used around user text of unbounded length)."""
        return [KeepTogether(flowables)] if not self.safe else flowables


# ---------------------------------------------------------------- the build


def render(make_story: Callable[[Kit], list[Flowable]], decor: PageDecor, *, title: str,
           subject: str, author: str = "") -> bytes:
    """Lay out ``make_story(kit)`` on the shared page template; the PDF as bytes.

    ``title``/``subject``/``author`` go into the PDF metadata: callers pass
    document kinds and references, never names or personnummer.
    """
    register_fonts()
    styles = st.get_styles(decor.scale)
    furniture = _PageFurniture(decor, styles)
    frame_h = furniture.frame_top - MARGIN_BOTTOM
    meta_title, _ = one_line(title, 200)
    meta_subject, _ = one_line(subject, 200)
    meta_author, _ = one_line(author, 200)
    for safe in (False, True):
        kit = Kit(styles, safe=safe, frame_height=frame_h)
        story = furniture.overflow_top(kit) + make_story(kit) + furniture.overflow_bottom(kit)
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=PAGE_H - furniture.frame_top, bottomMargin=MARGIN_BOTTOM,
            title=meta_title, subject=meta_subject, author=meta_author, creator=CREATOR,
            producer=CREATOR, keywords="", lang="sv-SE", pageCompression=1,
            initialFontName=SANS, allowSplitting=1,
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, frame_h, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture.on_page)])

        def maker(*args, **kwargs):
            return _NumberedCanvas(*args, furniture=furniture, **kwargs)

        try:
            doc.build(story, canvasmaker=maker)
        except LayoutError:  # content that no page can hold: build again without tables
            continue
        return buffer.getvalue()
    # No chaining: reportlab's message quotes the flowable's text (personal data) and would reach logs.
    raise RuntimeError("PDF layout failed even without tables") from None
