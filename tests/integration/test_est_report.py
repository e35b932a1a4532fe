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


# -- the CLI (real clock: the data lies in 2025) ------------------------------------------------

@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str, password: str = PASSWORD) -> int:
        monkeypatch.setenv("TRYGG_PASSWORD", password)
        return main(list(args))
    return run


CSV = ("Datum;Tid;Kategori;Område;Plats;Beskrivning\n"
       "2025-11-11;21:30;Klotter;Björkdalen;Gångtunneln;Nya tags på väggen\n"
       "2025-11-12;22:00;Glaskross;Björkdalen;;Busskur krossad\n"
       "2025-11-14;23:15;Olovlig körning;Ekhagen;Ekhagsskolan;Mopeder på skolgården\n")


def test_cli_import_report_and_areas_with_exit_codes(est_world: World, cli, capsys, tmp_path: Path) -> None:
    db = str(est_world.path)
    est_world.db.close()
    good = tmp_path / "export.csv"
    good.write_text(CSV, encoding="utf-8")
    assert cli("est", "import", "--db", db, "--as", "trygghet", str(good)) == 0
    assert "Importerade 3 händelser" in capsys.readouterr().out
    # A bad row: exit 4, every bad row named, nothing saved.
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV + "2025-11-15;;Klotter;Atlantis;;\n2025-11-16;;Klotter;Björkdalen;;ring 20100101-9981\n",
                   encoding="utf-8")
    assert cli("est", "import", "--db", db, "--as", "trygghet", str(bad)) == 4
    err = capsys.readouterr().err
    assert "Inget importerades: 2 rader har fel" in err and "rad 5:" in err and "rad 6:" in err
    assert "personnummer" in err
    # A mapping file.
    mapped = tmp_path / "kc.csv"
    mapped.write_text("När,Vad,Var\n2025-11-13,Klotter på fasad,Centrum\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": {"När": "date", "Vad": "category", "Var": "area"},
                                   "values": {"category": {"klotter på fasad": "SKADEGORELSE.KLOTTER"},
                                              "area": {"centrum": "Björkdalen"}},
                                   "defaults": {"reporting_agency": "KONTAKTCENTER"}}), encoding="utf-8")
    assert cli("est", "import", "--db", db, "--as", "trygghet", str(mapped), "--mapping", str(mapping)) == 0
    assert cli("est", "import", "--db", db, "--as", "rapp_polis", str(good)) == 3
    assert cli("est", "import", "--db", db, "--as", "trygghet", str(tmp_path / "finns-inte.csv")) == 4
    capsys.readouterr()
    # The report.
    pdf, data = tmp_path / "w46.pdf", tmp_path / "w46.json"
    assert cli("est", "report", "--db", db, "--as", "trygghet", "--week", "2025-W46", "--out", str(pdf),
               "--json", str(data)) == 0
    out, err = capsys.readouterr()
    assert "Lägesbilden för Vecka 46 2025 är sparad" in out and "4 händelser i 3 områden" in out
    assert "VARNING" in err and "inte krypterad" in err
    assert "Björkdalen: 3 händelser vecka 46" in _text(pdf.read_bytes())
    figures = json.loads(data.read_text(encoding="utf-8"))
    assert figures["totals"]["total"]["count"] == 4 and "Nya tags" not in data.read_text(encoding="utf-8")
    if os.name == "posix":
        assert (pdf.stat().st_mode & 0o777) == (data.stat().st_mode & 0o777) == 0o600
    assert cli("est", "report", "--db", db, "--as", "rapp_bostad", "--month", "2025-11", "--threshold", "2,50,100",
               "--out", str(tmp_path / "m.pdf")) == 0
    assert cli("est", "report", "--db", db, "--as", "rapp_bostad", "--week", "2025-W46", "--out",
               str(tmp_path / "x.pdf"), "--json", str(tmp_path / "x.json")) == 3, "reporters print, not export"
    assert not (tmp_path / "x.json").exists()
    assert cli("est", "report", "--db", db, "--as", "samordnare", "--year", "2025", "--out",
               str(tmp_path / "n.pdf")) == 3
    assert not (tmp_path / "n.pdf").exists()
    assert cli("est", "report", "--db", db, "--as", "trygghet", "--week", "2025-W60", "--out",
               str(tmp_path / "n.pdf")) == 4
    assert cli("est", "report", "--db", db, "--as", "trygghet", "--week", "2025-11", "--out",
               str(tmp_path / "n.pdf")) == 2
    assert cli("est", "report", "--db", db, "--as", "trygghet", "--out", str(tmp_path / "n.pdf")) == 2
    assert cli("est", "report", "--db", db, "--as", "trygghet", "--year", "2025", "--threshold", "x",
               "--out", str(tmp_path / "n.pdf")) == 4
    # Area shapes.
    shapes = tmp_path / "areas.geojson"
    square = [[[17.9, 59.4], [17.91, 59.4], [17.91, 59.41], [17.9, 59.41], [17.9, 59.4]]]
    shapes.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Björkdalen"}, "geometry": {"type": "Polygon", "coordinates": square}},
        {"type": "Feature", "properties": {"name": "Lindgården"},
         "geometry": {"type": "Polygon", "coordinates": square}}]}), encoding="utf-8")
    assert cli("est", "areas", "import", "--db", db, "--as", "trygghet", str(shapes)) == 0
    assert "1 nya, 1 med ny gräns" in capsys.readouterr().out
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Y"},'
                      ' "geometry": {"type": "Polygon", "coordinates": [[[1, 2], [3, 4]]]}}]}', encoding="utf-8")
    assert cli("est", "areas", "import", "--db", db, "--as", "trygghet", str(broken)) == 4
    assert "minst fyra positioner" in capsys.readouterr().err
    assert cli("est", "areas", "import", "--db", db, "--as", "rapp_polis", str(shapes)) == 3
    db2 = _reopen(est_world)
    with db2.session() as s:
        assert s.scalar(select(func.count()).select_from(EstIncident)) == 4
        assert s.scalar(select(func.count()).select_from(EstArea)) == 4
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.username == "trygghet"))]
    db2.close()
    assert {"EST_IMPORT", "EST_REPORT", "EST_PRINT", "EST_EXPORT", "EST_AREAS_IMPORT"} <= set(actions)


def _reopen(world: World):
    from trygg_desktop.services.database import unlock
    from ..conftest import ADMIN_PASSWORD
    db, _admin = unlock(world.path, "admin", ADMIN_PASSWORD)
    return db
