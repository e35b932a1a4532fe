"""The hotspot map of the lägesbild: the imported area shapes coloured by the period's level,
drawn once (reports/est_map.py) for the PDF and for the window."""

from __future__ import annotations

import io
import json
from datetime import date, time

from pypdf import PdfReader

from trygg_desktop.reports.est_map import LEVEL_FILL, NONE_FILL, map_drawing, picture_map_svg
from trygg_desktop.reports.est_pdf import render_est
from trygg_desktop.services.est_incidents import IncidentInput

from ..conftest import World
from ..est_world import est_template, est_world  # noqa: F401 - fixtures


def _square(x: float, y: float, d: float = 0.01) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


def _shapes(world: World) -> None:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Björkdalen"}, "geometry": _square(17.90, 59.40)},
        {"type": "Feature", "properties": {"name": "Ekhagen"},
         "geometry": {"type": "MultiPolygon", "coordinates": [_square(17.92, 59.40)["coordinates"],
                                                              _square(17.95, 59.40, 0.005)["coordinates"]]}}]}
    world.as_("trygghet").est_setup.import_areas(json.dumps(doc).encode())


def test_the_picture_carries_the_shapes_with_their_counts_and_levels(est_world: World) -> None:  # noqa: F811
    _shapes(est_world)
    s = est_world.as_("trygghet")
    for day in (9, 10, 11, 12):  # week 46: four in Björkdalen, none before: no baseline, normal level
        s.est_incidents.register(IncidentInput(category="Skadegörelse", area="Björkdalen",
                                               occurred_on=date(2026, 11, day), time_from=time(21)))
    picture = s.est_picture.picture("2026-W46")
    by_name = {m.area: m for m in picture.map_areas}
    assert set(by_name) == {"Björkdalen", "Ekhagen"}  # Solbacka has no shape: not on the map
    assert by_name["Björkdalen"].count == 4 and by_name["Ekhagen"].count == 0
    assert len(by_name["Ekhagen"].rings) == 2 and by_name["Björkdalen"].rings[0][0] == (17.90, 59.40)
    drawing = map_drawing(picture.map_areas, "Karta")
    fills = [shape.fillColor for shape in drawing.contents if type(shape).__name__ == "Polygon"]
    assert len(fills) == 3 and fills.count(NONE_FILL) == 2  # Ekhagen's two parts have no incidents
    assert LEVEL_FILL[by_name["Björkdalen"].level] in fills
    pdf = render_est(picture)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Karta" in text and "Områdena efter läge denna period" in text and "Allvarligt läge" in text
    svg = picture_map_svg(picture).decode()
    assert "Björkdalen" in svg and "fill: None" not in svg and "clipPath" not in svg


def test_no_shapes_no_map(est_world: World) -> None:  # noqa: F811
    picture = est_world.as_("trygghet").est_picture.picture("2026-W46")
    assert picture.map_areas == ()
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(render_est(picture))).pages)
    assert "Områdena efter läge" not in text
