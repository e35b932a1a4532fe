"""The EST hotspot map: the areas' outlines coloured by their level in the lägesbild.

One Drawing for the PDF and the window (``map_svg`` → ``QSvgRenderer``, as the charts). The
shapes are the ones the administrator imported (GeoJSON, WGS 84); they are drawn in a simple
equirectangular projection with the longitude scaled by the cosine of the mean latitude,
which is true enough at the size of a municipality. No tiles, no internet: only the areas.
Colours as the lägesbild's table: yellow for an elevated level, orange for a serious one, a pale
blue-grey for incidents at a normal level and light grey for none; every area carries its name
and count.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..api.results import EstMapArea, EstPicture
from . import styles as st
from .charts import drawing_svg
from .fonts import SANS, SANS_BOLD, register_fonts
from .layout import FRAME_W

MAP_HEIGHT = 80 * mm
MAP_TITLE = "Områdena efter läge denna period"
LEVEL_FILL = {"NORMAL": colors.HexColor("#dde6ee"), "FORHOJD": colors.HexColor("#fbe58a"),
              "ALLVARLIG": colors.HexColor("#f4a259")}
NONE_FILL = colors.HexColor("#eeeeee")
LEGEND = (("Inga händelser", NONE_FILL), ("Normalt läge", LEVEL_FILL["NORMAL"]), ("Förhöjt läge", LEVEL_FILL["FORHOJD"]),
          ("Allvarligt läge", LEVEL_FILL["ALLVARLIG"]))


def map_drawing(areas: tuple[EstMapArea, ...], title: str, width: float = FRAME_W,
                height: float = MAP_HEIGHT) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=SANS_BOLD, fontSize=9, fillColor=st.INK))
    points = [p for a in areas for ring in a.rings for p in ring]
    if not points:
        return drawing
    legend_h, top_pad = 14, 16
    lon0, lon1 = min(x for x, _ in points), max(x for x, _ in points)
    lat0, lat1 = min(y for _, y in points), max(y for _, y in points)
    k = math.cos(math.radians((lat0 + lat1) / 2))
    span_x, span_y = max((lon1 - lon0) * k, 1e-9), max(lat1 - lat0, 1e-9)
    avail_w, avail_h = width - 8, height - legend_h - top_pad - 4
    scale = min(avail_w / span_x, avail_h / span_y)
    off_x = 4 + (avail_w - span_x * scale) / 2
    off_y = legend_h + 4 + (avail_h - span_y * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return off_x + (lon - lon0) * k * scale, off_y + (lat - lat0) * scale

    for area in areas:
        fill = LEVEL_FILL.get(area.level, NONE_FILL) if area.count else NONE_FILL
        for ring in area.rings:
            flat = [v for lon, lat in ring for v in xy(lon, lat)]
            drawing.add(Polygon(flat, fillColor=fill, strokeColor=colors.HexColor("#555555"), strokeWidth=0.6))
        biggest = max(area.rings, key=len)
        corners = biggest[:-1] if len(biggest) > 1 and biggest[0] == biggest[-1] else biggest  # closed ring
        cx = sum(xy(*p)[0] for p in corners) / len(corners)
        cy = sum(xy(*p)[1] for p in corners) / len(corners)
        drawing.add(String(cx, cy + 2, area.area, fontName=SANS_BOLD, fontSize=7, fillColor=st.INK,
                           textAnchor="middle"))
        drawing.add(String(cx, cy - 7, str(area.count), fontName=SANS, fontSize=7, fillColor=st.INK,
                           textAnchor="middle"))
    x = 0.0
    for label, fill in LEGEND:
        drawing.add(Rect(x, 2, 8, 8, fillColor=fill, strokeColor=colors.HexColor("#555555"), strokeWidth=0.4))
        drawing.add(String(x + 11, 3, label, fontName=SANS, fontSize=6.5, fillColor=st.MUTED))
        x += 11 + len(label) * 3.6 + 12
    return drawing


def picture_map_svg(picture: EstPicture) -> bytes:
    """The lägesbild's map as SVG for the window (the same Drawing as in the PDF)."""
    return drawing_svg(map_drawing(picture.map_areas, MAP_TITLE))


__all__ = ["MAP_HEIGHT", "MAP_TITLE", "map_drawing", "picture_map_svg"]
