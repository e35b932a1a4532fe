"""Årsanalys (issue 15): a year's lägesbild carries its seasonal pattern, per month against the
year before and per category, with "no data" kept apart from zero incidents."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from trygg_desktop.reports.est_pdf import render_est
from trygg_desktop.services.est_incidents import IncidentInput

from ..conftest import World
from ..est_world import est_template, est_world  # noqa: F401 - fixtures


def test_the_year_picture_has_the_seasonal_pattern(est_world: World) -> None:  # noqa: F811
    s = est_world.as_("trygghet")
    for day, category in ((date(2025, 6, 10), "Skadegörelse"), (date(2025, 6, 20), "Ordningsstörande"),
                          (date(2026, 3, 5), "Skadegörelse"), (date(2026, 6, 2), "Skadegörelse"),
                          (date(2026, 6, 9), "Skadegörelse"), (date(2026, 6, 16), "Ordningsstörande")):
        s.est_incidents.register(IncidentInput(category=category, area="Björkdalen", occurred_on=day))
    picture = s.est_picture.picture("2026")  # the world's day is 22 November 2026
    years, per_category = picture.season
    this, last = years.series
    assert (this.name, last.name) == ("2026", "2025") and len(years.categories) == 12
    assert this.values[:6] == (0.0, 0.0, 1.0, 0.0, 0.0, 3.0) and this.values[10] == 0.0
    assert this.values[11] is None and this.texts[11] == "–"       # December has not begun
    assert last.values[:5] == (None,) * 5 and last.values[5] == 2.0  # before the first incident: no data
    lines = {series.name: series.values for series in per_category.series}
    assert set(lines) == {"Skadegörelse", "Ordningsstörande"}
    assert lines["Skadegörelse"][2] == 1.0 and lines["Skadegörelse"][5] == 2.0 and lines["Ordningsstörande"][5] == 1.0
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(render_est(picture))).pages)
    assert "Årsanalys: säsongsmönster" in text and "Säsongsmönster per kategori 2026" in text
    assert s.est_picture.picture("2026-W46").season == ()  # a week has no seasonal view
