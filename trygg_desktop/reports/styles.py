"""Paragraph styles and colours shared by the documents.

Two scales: ``normal`` for protocols and register extracts (9.5 pt body text,
close to what municipal documents use) and ``large`` for the plan printout
meant for a young person and the family (12 pt body text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from .fonts import MONO, SANS, SANS_BOLD, SANS_OBLIQUE, register_fonts

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
MARKING = colors.HexColor("#9B1C1C")      # the secrecy marking: dark red
RULE = colors.HexColor("#8A8A8A")
GRID = colors.HexColor("#B8BCC4")
HEAD_BG = colors.HexColor("#E4E8EE")
ZEBRA = colors.HexColor("#F5F6F8")
INFO_BG = colors.HexColor("#FFF7DB")
INFO_BORDER = colors.HexColor("#C9A227")
INTERNAL_BG = colors.HexColor("#F1F1F1")
DRAFT = colors.Color(0.86, 0.86, 0.86)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_indent: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    info: ParagraphStyle
    mono: ParagraphStyle
    draft: ParagraphStyle
    bullet: ParagraphStyle
    header_org: ParagraphStyle
    header_doc: ParagraphStyle
    marking: ParagraphStyle
    footer_size: float


def _make(scale: str) -> Styles:
    register_fonts()
    big = scale == "large"
    size = 12.0 if big else 9.5
    lead = 16.0 if big else 12.5
    cell = 11.0 if big else 8.5
    base = ParagraphStyle("body", fontName=SANS, fontSize=size, leading=lead, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=3 if not big else 5, splitLongWords=1,
                          bulletFontName=SANS, bulletFontSize=size)
    return Styles(
        body=base,
        body_indent=ParagraphStyle("body_indent", parent=base, leftIndent=14),
        small=ParagraphStyle("small", parent=base, fontSize=size - 1.5, leading=lead - 2,
                             textColor=MUTED),
        title=ParagraphStyle("title", parent=base, fontName=SANS_BOLD,
                             fontSize=20 if big else 15, leading=25 if big else 19,
                             spaceAfter=6 if big else 4),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=14 if big else 10.5,
                                leading=18 if big else 13.5, spaceAfter=6),
        h2=ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=14.5 if big else 10.5,
                          leading=18 if big else 13, spaceBefore=14 if big else 11,
                          spaceAfter=6 if big else 4),
        h3=ParagraphStyle("h3", parent=base, fontName=SANS_BOLD, fontSize=size + 0.5,
                          leading=lead + 0.5, spaceBefore=9, spaceAfter=2),
        cell=ParagraphStyle("cell", parent=base, fontSize=cell, leading=cell * 1.25, spaceAfter=0),
        cell_head=ParagraphStyle("cell_head", parent=base, fontName=SANS_BOLD, fontSize=cell,
                                 leading=cell * 1.25, spaceAfter=0),
        info=ParagraphStyle("info", parent=base, fontSize=size - 0.5, leading=lead - 0.5, spaceAfter=2),
        mono=ParagraphStyle("mono", parent=base, fontName=MONO, fontSize=size - 1.5, leading=lead - 1.5),
        draft=ParagraphStyle("draft", parent=base, fontName=SANS_BOLD, textColor=MARKING, spaceAfter=6),
        bullet=ParagraphStyle("bullet", parent=base, leftIndent=18 if big else 14,
                              bulletIndent=4 if big else 2, spaceAfter=4 if big else 2),
        header_org=ParagraphStyle("header_org", parent=base, fontName=SANS_BOLD, fontSize=9,
                                  leading=11, spaceAfter=0),
        header_doc=ParagraphStyle("header_doc", parent=base, fontSize=7.5, leading=9.5,
                                  textColor=MUTED, spaceAfter=0),
        marking=ParagraphStyle("marking", parent=base, fontName=SANS_BOLD, fontSize=8, leading=10,
                               textColor=MARKING, alignment=TA_RIGHT, spaceAfter=0),
        footer_size=7.5,
    )


@lru_cache(maxsize=2)
def get_styles(scale: str = "normal") -> Styles:
    return _make(scale)


__all__ = ["Styles", "get_styles", "SANS", "SANS_BOLD", "SANS_OBLIQUE", "MONO"]
