"""The shared page template and the build of every document.

``render`` lays a story made by a ``Kit`` (kit.py) out on the page template whose
header, footer and page numbers ``PageFurniture`` (page_furniture.py) draws.
Documents are built with Platypus into an ``io.BytesIO``; no file is written and
none is read except the fonts (R24, R25). If reportlab reports a layout error the
document is built again with every table printed as blocks, so rendering never
fails on content. Dates and times are printed by ``domain.timefmt``.
"""

from __future__ import annotations

import io
from typing import Callable

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from . import styles as st
from .fonts import SANS, register_fonts
from .kit import Kit
from .page_furniture import FRAME_W, MARGIN_BOTTOM, MARGIN_X, PAGE_H, NumberedCanvas, PageDecor, PageFurniture
from .sanitize import one_line

__all__ = ["FRAME_W", "Kit", "PageDecor", "render"]

CREATOR = "Trygg Desktop"


def render(make_story: Callable[[Kit], list[Flowable]], decor: PageDecor, *, title: str,
           subject: str, author: str = "") -> bytes:
    """Lay out ``make_story(kit)`` on the shared page template; the PDF as bytes.

    ``title``/``subject``/``author`` go into the PDF metadata: callers pass
    document kinds and references, never names or personnummer.
    """
    register_fonts()
    styles = st.get_styles(decor.scale)
    furniture = PageFurniture(decor, styles)
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
            return NumberedCanvas(*args, furniture=furniture, **kwargs)

        try:
            doc.build(story, canvasmaker=maker)
        except LayoutError:  # content that no page can hold: build again without tables
            continue
        return buffer.getvalue()
    # No chaining: reportlab's message quotes the flowable's text (personal data) and would reach logs.
    raise RuntimeError("PDF layout failed even without tables") from None
