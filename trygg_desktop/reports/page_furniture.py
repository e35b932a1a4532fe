"""The running page furniture of every document: header, footer, watermark, "Sida X av Y".

Every page carries, drawn by the page template (``PageFurniture.on_page``) and the
numbering canvas:

* top left the organisation and a short document label ("Protokoll
  SSPF-2026-0001"); top right the secrecy marking in bold dark red;
* bottom left "Utskrivet <datum> kl. <tid> av <användare> för <mottagare>",
  bottom right "Sida X av Y" (the NumberedCanvas pattern: pages are kept until
  ``save()``, when the total is known);
* optionally a diagonal watermark ("UTKAST – ej justerat") behind the content.

The running header and footer cannot grow, so over-long values are cut there
with "…" and then printed in full in the body (``overflow_top``/``overflow_bottom``):
nothing the service put in the DTO is lost. The page geometry lives here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph, Spacer

from ..domain.timefmt import print_datetime
from . import styles as st
from .fonts import SANS, SANS_BOLD
from .sanitize import one_line

class Labeller(Protocol):
    """What the overflow lines need of ``kit.Kit``, which imports this module (``FRAME_W``)."""

    s: st.Styles

    def labelled(self, label: str, text: str, style: Any = None) -> list[Flowable]: ...

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 11 * mm            # page edge to the header
MARGIN_BOTTOM = 20 * mm         # page edge to the frame bottom (the footer sits below)
FOOTER_Y = 10 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X

# DOMAIN.md §2.3: every printout carries a secrecy label, also when the DTO's is empty
DEFAULT_MARKING = "SEKRETESS – får ej lämnas ut utan sekretessprövning"
HEADER_MARKING_CHARS = 300
HEADER_ORG_CHARS = 120
FOOTER_NAME_CHARS = 80


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


class PageFurniture:
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
        text = f"Utskrivet {print_datetime(decor.printed_at)} av {by or '–'}"
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

    def overflow_top(self, kit: Labeller) -> list[Flowable]:
        """The full marking and organisation when the running header had to cut them."""
        out: list[Flowable] = []
        if self.marking_cut:
            out += kit.labelled("Sekretessmarkering", self.decor.secrecy_marking, kit.s.body)
        if self.org_cut:
            out += kit.labelled("Organisation", self.decor.organisation, kit.s.body)
        return out

    def overflow_bottom(self, kit: Labeller) -> list[Flowable]:
        if not self.footer_cut:
            return []
        out: list[Flowable] = [Spacer(1, 6)]
        out += kit.labelled("Utskrivet", print_datetime(self.decor.printed_at), kit.s.small)
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


class NumberedCanvas(rl_canvas.Canvas):
    """Keeps every page until ``save()`` so that "Sida X av Y" knows Y."""

    def __init__(self, *args, furniture: PageFurniture, **kwargs) -> None:
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
