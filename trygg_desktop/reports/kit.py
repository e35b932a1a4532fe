"""The building blocks of every document body, bound to one scale: text, lists, tables, boxes.

All user text goes through ``sanitize`` (R32). Tables never hold a cell that could
outgrow a page: a row with a very long cell is printed as a labelled block instead
(and ``layout.render`` builds again with every table as blocks if reportlab still
reports a layout error), so rendering never fails on content.
"""

from __future__ import annotations

from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from . import styles as st
from .fonts import SANS_BOLD
from .page_furniture import FRAME_W
from .paragraphs import Para, wrap_words
from .sanitize import clean, paragraphs

CELL_PAD_X = 3.5
CELL_MAX_CHARS = 1500           # longer cells are printed as blocks below the table


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
                return "\n".join(wrap_words(words, style.fontName, style.fontSize, room))
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
