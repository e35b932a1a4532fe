"""The EST lägesbild PDF (read back with pypdf) and the est CLI: import, report, areas import."""

from __future__ import annotations

import io
import json
import os
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from trygg_desktop.cli import main
from trygg_desktop.reports.est_pdf import render_est
from trygg_desktop.services.est_actions import ActionInput
from trygg_desktop.services.est_incidents import IncidentInput
from trygg_desktop.store.models import AuditEvent, EstArea, EstIncident

from ..conftest import PASSWORD, World
from ..est_world import est_template, est_world  # noqa: F401  (fixtures)


def _data(world: World) -> None:
    inc = world.as_("rapp_polis").est_incidents
    for day, area, cat, hour, n in ((date(2026, 11, 13), "Björkdalen", "SKADEGORELSE.KLOTTER", 22, 5),
                                     (date(2026, 11, 11), "Ekhagen", "ORDNINGSSTORANDE.OLOVLIG_KORNING", 20, 2),
                                     (date(2026, 11, 4), "Björkdalen", "SKADEGORELSE.KLOTTER", 21, 1),
                                     (date(2026, 10, 28), "Solbacka", "OTRYGG_PLATS.BELYSNING", 18, 1)):
        for _ in range(n):
            inc.register(IncidentInput(category=cat, area=area, occurred_on=day, time_from=time(hour, 0)))
    world.as_("trygghet").est_actions.create(ActionInput("Förstärkt fältarbete fredag 20–24", "FRITID",
                                                         date(2026, 11, 10), area="Björkdalen",
                                                         due_on=date(2026, 11, 13)))


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_reads_back_with_marking_table_narrative_and_actions(est_world: World, tmp_path: Path) -> None:
    _data(est_world)
    picture = est_world.as_("trygghet").est_picture.picture("2026-W46")
    pdf = render_est(picture)
    assert pdf.startswith(b"%PDF")
    if os.environ.get("EST_PDF_OUT"):
        Path(os.environ["EST_PDF_OUT"]).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = _text(pdf)
    assert text.count("INTERN") >= len(reader.pages), "the marking on every page"
    assert f"Sida 1 av {len(reader.pages)}" in text
    for expected in ("EST-lägesbild", "Vecka 46 2026", "Björkdalen: 5 händelser vecka 46", "Skadegörelse",
                     "Förstärkt fältarbete fredag", "Fritid", "Planerad", "(försenad)", "Veckodag och klockslag",
                     "Björkdalen – de senaste 12 veckorna", "Allvarligt"):
        assert expected in text, (expected, text)
    assert reader.metadata.title == "EST-lägesbild 2026-W46"
