"""EST incidents and their import: validation, warnings, access, audit, atomic CSV/XLSX import."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, time

import pytest
from sqlalchemy import func, select

from trygg_desktop.domain.errors import AccessDenied, ImportFormatError, NotFound, TryggError, ValidationError
from trygg_desktop.services.est_incidents import IncidentInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.store.models import AuditEvent, EstArea, EstIncident

from ..conftest import TODAY, World, test_pnr
from ..est_world import est_template, est_world  # noqa: F401  (fixtures)

DAY = date(2026, 11, 16)


def _count(world: World) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.count()).select_from(EstIncident))


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def _inp(**kw) -> IncidentInput:
    base = dict(category="SKADEGORELSE.KLOTTER", area="Björkdalen", occurred_on=DAY, place="Björkdalens torg",
                time_from=time(22, 15))
    return IncidentInput(**{**base, **kw})


def test_register_fills_in_my_agency_and_audits_without_the_text(est_world: World) -> None:
    dto = est_world.as_("rapp_polis").est_incidents.register(_inp(description="Klotter på busskuren, 3 m²"))
    assert (dto.category_code, dto.subcategory_code) == ("SKADEGORELSE", "SKADEGORELSE.KLOTTER")
    assert dto.category_label == "Skadegörelse" and dto.subcategory_label == "Klotter"
    assert dto.reporting_agency == "POLIS" and dto.owning_agency == "POLIS"
    assert dto.place_id is not None and dto.place == "Björkdalens torg" and dto.warnings == ()
    assert dto.occurred_from.hour == 22 and dto.time_known
    [event] = _events(est_world, "EST_INCIDENT_CREATE")
    assert event.entity == "est_incident" and event.entity_id == str(dto.id) and event.username == "rapp_polis"
    assert "busskuren" not in (event.detail or "") and "torg" not in (event.detail or "")


@pytest.mark.parametrize("field", ["description", "place"])
@pytest.mark.parametrize("number", ["20100101-9981", "201001019981", "100101 9981"])
def test_text_that_looks_like_a_personnummer_is_refused_and_nothing_saved(est_world: World, field: str,
                                                                             number: str) -> None:
    with pytest.raises(ValidationError) as info:
        est_world.as_("rapp_polis").est_incidents.register(_inp(**{field: f"Pojke {number} sprayade"}))
    assert info.value.code == "est.description_pnr" and "personnummer" in info.value.message
    assert _count(est_world) == 0


def test_names_warn_with_one_message_whether_heuristic_or_register(est_world: World) -> None:
    s = est_world.as_("samordnare")
    s.persons.register(PersonInput(first_name="Alva", last_name="Berg", pnr=test_pnr(2011, 4, 5)))
    incidents = est_world.as_("rapp_polis").est_incidents
    plain = incidents.register(_inp(description="Fönsterruta krossad vid entrén, glas på marken"))
    assert plain.warnings == ()
    looks = incidents.register(_inp(category="ORDNINGSSTORANDE.BRAK", description="Kalle Svensson bråkade"))
    registered = incidents.register(_inp(category="OTRYGG_SAMLING.UTOMHUS", description="såg alva berg där"))
    place_name = incidents.register(_inp(category="OTRYGG_PLATS", description="Mörkt vid Björkdalens Torg"))
    assert [w.code for w in looks.warnings] == ["est.description_name"]
    assert [w.code for w in registered.warnings] == ["est.description_name"]
    assert looks.warnings[0].message == registered.warnings[0].message  # never says which or who
    assert "Alva" not in registered.warnings[0].message and "register" not in registered.warnings[0].message
    assert place_name.warnings == (), "area and place names are not persons"


def test_duplicate_warning_same_place_category_and_day(est_world: World) -> None:
    incidents = est_world.as_("rapp_polis").est_incidents
    incidents.register(_inp())
    assert [w.code for w in incidents.check(_inp(time_from=time(9, 0)))] == ["est.duplicate"]
    other_place = incidents.check(_inp(place="Gångtunneln"))
    other_day = incidents.check(_inp(occurred_on=date(2026, 11, 17)))
    other_category = incidents.check(_inp(category="SKADEGORELSE.GLASKROSS"))
    assert other_place == other_day == () and other_category == ()
    second = est_world.as_("rapp_bostad").est_incidents.register(_inp())
    assert second.warnings[0].code == "est.duplicate" and "en händelse" in second.warnings[0].message
    assert _count(est_world) == 2, "a duplicate is warned about, not refused"


def test_validation_errors_are_swedish_and_coded(est_world: World) -> None:
    incidents = est_world.as_("rapp_polis").est_incidents
    cases = [
        (_inp(occurred_on=date(2026, 11, 23)), "est.date_future"),
        (_inp(category="FINNS_INTE"), "est.category"),
        (_inp(category="SKADEGORELSE", subcategory="TRAPPHUS"), "est.category"),
        (_inp(area="Atlantis"), "est.area"),
        (_inp(persons_involved=-1), "est.persons"),
        (_inp(cleaned_up_on=date(2026, 11, 1)), "est.cleaned"),
        (_inp(reporting_agency="FBI"), "est.source"),
        (_inp(description="a\u202eb"), "est.text_character"),
        (_inp(time_from=None, time_to=time(3, 0)), "est.time"),
    ]
    for inp, code in cases:
        with pytest.raises(ValidationError) as info:
            incidents.register(inp)
        assert info.value.code == code, (inp, info.value.code)
    assert _count(est_world) == 0


def test_a_time_window_past_midnight_ends_the_next_day(est_world: World) -> None:
    dto = est_world.as_("rapp_bostad").est_incidents.register(
        _inp(time_from=time(22, 0), time_to=time(2, 0), reporting_agency="VAKTARE"))
    assert dto.occurred_to.date() == date(2026, 11, 17) and dto.occurred_to.hour == 2
    assert dto.reporting_agency == "VAKTARE" and dto.owning_agency == "BOSTAD"


def test_access_refusals_are_audited(est_world: World) -> None:
    with pytest.raises(AccessDenied):
        est_world.as_("styrgrupp").est_incidents.register(_inp())
    with pytest.raises(AccessDenied):
        est_world.as_("samordnare").est_incidents.list(DAY, DAY)
    bostad = est_world.as_("rapp_bostad").est_incidents.register(_inp())
    with pytest.raises(AccessDenied) as info:
        est_world.as_("rapp_polis").est_incidents.update(bostad.id, _inp(place="Gångtunneln"), expected_version=1)
    assert info.value.code == "access.est_other_agency"
    with pytest.raises(AccessDenied):
        est_world.as_("rapp_polis").est_incidents.get(bostad.id)
    denied = _events(est_world, "ACCESS_DENIED")
    assert [(e.username, json.loads(e.detail)["reason"]) for e in denied] == [
        ("styrgrupp", "access.no_capability"), ("samordnare", "access.no_capability"),
        ("rapp_polis", "access.est_other_agency"), ("rapp_polis", "access.est_other_agency")]
    assert all(e.entity == "EST_INCIDENT" for e in denied)
    # The coordinator corrects any agency's incident; a stale version is refused, not overwritten.
    coordinator = est_world.as_("trygghet").est_incidents
    fixed = coordinator.update(bostad.id, _inp(place="Gångtunneln"), expected_version=1)
    assert fixed.version == 2 and fixed.place == "Gångtunneln" and fixed.reporting_agency == "BOSTAD"
    with pytest.raises(ValidationError) as conflict:
        coordinator.update(bostad.id, _inp(), expected_version=1)
    assert conflict.value.code == "est.conflict"
    with pytest.raises(NotFound):
        coordinator.get(99999)


def test_reporters_list_their_own_agency_the_coordinator_all(est_world: World) -> None:
    est_world.as_("rapp_polis").est_incidents.register(_inp())
    est_world.as_("rapp_bostad").est_incidents.register(_inp(place="Gångtunneln"))
    own, total = est_world.as_("rapp_polis").est_incidents.list(date(2026, 11, 1), TODAY)
    assert total == 1 and [r.owning_agency for r in own] == ["POLIS"]
    every, total = est_world.as_("trygghet").est_incidents.list(date(2026, 11, 1), TODAY)
    assert total == 2 and {r.owning_agency for r in every} == {"POLIS", "BOSTAD"}
    reads = _events(est_world, "EST_INCIDENT_READ")
    assert [json.loads(e.detail)["own_agency_only"] for e in reads] == [True, False]


# -- import -------------------------------------------------------------------------------------

MAPPING = {
    "columns": {"Datum": "date", "Klockslag": "time", "Typ": "category", "Område": "area", "Adress": "place",
                "Text": "description", "Källa": "reporting_agency", "Polisanmäld": "police_reported"},
    "values": {"category": {"klotter på fasad": "SKADEGORELSE.KLOTTER", "mopedåkning": "ORDNINGSSTORANDE.OLOVLIG_KORNING"},
               "area": {"centrum": "Björkdalen"}, "reporting_agency": {"kontaktcenter": "KONTAKTCENTER"}},
    "defaults": {"reporting_agency": "KONTAKTCENTER"},
}
GOOD = ("Datum;Klockslag;Typ;Område;Adress;Text;Källa;Polisanmäld\n"
        "2026-11-02;22:10;Klotter på fasad;Centrum;Storgatan 5;Tags på fasaden;Kontaktcenter;nej\n"
        "2026-11-03;23:00-01:30;Mopedåkning;Ekhagen;Ekhagsskolan;Mopeder på skolgården;;ja\n"
        "2026-11-04;;Belysning;Solbacka;;Trasig belysning i gångtunneln;BOSTAD;\n")


def test_csv_import_with_a_mapping(est_world: World) -> None:
    result = est_world.as_("trygghet").est_import.import_file(GOOD.encode(), "export.csv", MAPPING)
    assert (result.rows, result.created, result.duplicates) == (3, 3, 0)
    rows, total = est_world.as_("trygghet").est_incidents.list(date(2026, 11, 1), TODAY)
    by_day = {r.occurred_on.day: r for r in rows}
    assert total == 3
    assert (by_day[2].subcategory_code, by_day[2].area_name, by_day[2].place) == (
        "SKADEGORELSE.KLOTTER", "Björkdalen", "Storgatan 5")
    assert by_day[3].place_id is not None and by_day[3].police_reported and by_day[3].occurred_to.day == 4
    assert by_day[3].reporting_agency == "KONTAKTCENTER", "the default fills an empty cell"
    assert (by_day[4].category_code, by_day[4].subcategory_code, by_day[4].time_known) == (
        "OTRYGG_PLATS", "OTRYGG_PLATS.BELYSNING", False)
    assert by_day[4].reporting_agency == "BOSTAD"
    [event] = _events(est_world, "EST_IMPORT")
    assert "BULK" in event.flags and json.loads(event.detail)["rows"] == 3


def test_a_bad_row_imports_nothing_and_every_error_names_its_row(est_world: World) -> None:
    bad = GOOD + ("2026-11-05;25:00;Klotter på fasad;Centrum;;;;\n"
                  "2026-11-06;;Klotter på fasad;Atlantis;;;;\n"
                  "2026-11-07;;Klotter på fasad;Centrum;;ring 20100101-9981;;\n"
                  "07/11/2026;;Klotter på fasad;Centrum;;;;\n"
                  "2026-11-08;;;Centrum;;;;\n")
    with pytest.raises(ImportFormatError) as info:
        est_world.as_("trygghet").est_import.import_file(bad.encode(), "export.csv", MAPPING)
    errors = {e.row: e.message for e in info.value.params["errors"]}
    assert sorted(errors) == [5, 6, 7, 8, 9]
    assert "tid" in errors[5] and "'25:00'" in errors[5]
    assert "Okänt område 'Atlantis'" in errors[6]
    assert "personnummer" in errors[7]
    assert "datum" in errors[8] and "kategori" in errors[9]
    assert info.value.message.startswith("Inget importerades: 5 rader har fel")
    assert _count(est_world) == 0
    assert _events(est_world, "EST_IMPORT") == []


def test_missing_columns_and_bad_files_are_named(est_world: World) -> None:
    imp = est_world.as_("trygghet").est_import
    with pytest.raises(ImportFormatError) as info:
        imp.import_file(b"Datum;Kategori\n2026-11-02;Klotter\n", "x.csv", None)
    assert "Kolumner saknas: område. Rubrikraden har: Datum, Kategori" in info.value.message
    with pytest.raises(ImportFormatError) as info:
        imp.import_file(GOOD.encode("cp1252"), "x.csv", MAPPING)
    assert "inte UTF-8" in info.value.message and "cp1252" in info.value.message
    result = imp.import_file(GOOD.encode("cp1252"), "x.csv", {**MAPPING, "encoding": "cp1252"})
    assert result.created == 3
    with pytest.raises(ImportFormatError) as info:
        imp.import_file(b"PK\x03\x04not a zip at all", "x.xlsx", None)
    assert "XLSX" in info.value.message
    with pytest.raises(ImportFormatError) as info:
        imp.import_file(GOOD.encode("utf-16"), "x.csv", MAPPING)
    assert "UTF-16" in info.value.message
    with pytest.raises(ImportFormatError) as info:
        imp.import_file(GOOD.encode(), "x.csv", {"columns": {"Datum": "when"}})
    assert "okänt fält" in info.value.message
    assert _count(est_world) == 3


def test_default_column_names_and_a_byte_order_mark(est_world: World) -> None:
    text = ("\ufeffdatum,kategori,område,plats,tid\n"
            "2026-11-10,Klotter,Björkdalen,Gångtunneln,03:15\n"
            "2026-11-10,Klotter,Björkdalen,Gångtunneln,04:15\n")
    result = est_world.as_("trygghet").est_import.import_file(text.encode(), "x.csv")
    assert result.created == 2 and result.duplicates == 1, "the second row repeats the first"
    assert [w.row for w in result.warnings] == [3]


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_import_from_memory_with_dates_times_and_a_formula_refused(est_world: World) -> None:
    from datetime import datetime
    head = ["Datum", "Klockslag", "Typ", "Område", "Text"]
    data = _xlsx([head, [datetime(2026, 11, 9), time(21, 30), "Klotter på fasad", "Centrum", "Tags"],
                  [date(2026, 11, 10), "22:00", "Mopedåkning", "Ekhagen", None]])
    mapping = {"columns": {k: v for k, v in MAPPING["columns"].items() if k in head}, "values": MAPPING["values"]}
    imp = est_world.as_("trygghet").est_import
    result = imp.import_file(data, "rapport.xlsx", mapping)
    assert result.created == 2
    formula = _xlsx([head, [date(2026, 11, 11), "22:00", "Klotter på fasad", "Centrum", '=HYPERLINK("x")']])
    with pytest.raises(ImportFormatError) as info:
        imp.import_file(formula, "rapport.xlsx", mapping)
    assert [e.row for e in info.value.params["errors"]] == [2] and "formel" in info.value.message
    assert _count(est_world) == 2


def test_only_the_coordinator_imports(est_world: World) -> None:
    with pytest.raises(AccessDenied):
        est_world.as_("rapp_polis").est_import.import_file(GOOD.encode(), "x.csv", MAPPING)
    with pytest.raises(AccessDenied):
        est_world.as_("admin").est_import.import_file(b"garbage", "x.csv")
    assert [json.loads(e.detail)["reason"] for e in _events(est_world, "ACCESS_DENIED")] == [
        "access.no_capability", "access.no_capability"]
    assert _count(est_world) == 0


# -- area shapes --------------------------------------------------------------------------------

def _square(x: float, y: float, d: float = 0.01) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


def test_geojson_area_import_updates_and_creates_all_or_nothing(est_world: World) -> None:
    setup = est_world.as_("trygghet").est_setup
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Björkdalen"}, "geometry": _square(17.9, 59.4)},
        {"type": "Feature", "properties": {"namn": "Lindgården", "kommun": "Demokommun"},
         "geometry": {"type": "MultiPolygon", "coordinates": [_square(17.95, 59.42)["coordinates"]]}}]}
    result = setup.import_areas(json.dumps(doc).encode())
    assert result.created == ("Lindgården",) and result.updated == ("Björkdalen",)
    areas = {a.name: a for a in setup.setup().areas}
    assert areas["Björkdalen"].has_shape and areas["Lindgården"].has_shape and not areas["Ekhagen"].has_shape
    open_ring = {"type": "Polygon", "coordinates": [[[18, 59], [18.1, 59], [18.1, 59.1], [18, 59.1]]]}
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Ekhagen"}, "geometry": _square(18.0, 59.5)},
        {"type": "Feature", "properties": {"name": "Nytt"}, "geometry": open_ring}]}
    with pytest.raises(ValidationError) as info:
        setup.import_areas(json.dumps(bad).encode())
    assert info.value.code == "est.geojson" and "Område 2 (Nytt)" in info.value.message
    with est_world.db.session() as s:
        assert s.scalar(select(EstArea.geometry).where(EstArea.name == "Ekhagen")) is None
        assert s.scalar(select(func.count()).select_from(EstArea)) == 4
    for hostile, words in ((b"\xff\xfe{", "UTF-8"), (b"[1,2", "JSON"), (b'{"type":"Feature"}', "FeatureCollection"),
                           (json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
                            "properties": {"name": "X"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]})
                            .encode(), "Polygon")):
        with pytest.raises(ValidationError) as info:
            setup.import_areas(hostile)
        assert words in info.value.message
    with pytest.raises(AccessDenied):
        est_world.as_("rapp_polis").est_setup.import_areas(json.dumps(doc).encode())


def test_huge_files_are_refused_before_they_are_read(est_world: World, monkeypatch) -> None:
    """Every size limit of the import says which one, and nothing is imported (the limits are
    lowered here so the test builds kilobytes, not the real 20 MB / 100,000 rows / 200 MB / 5 MB)."""
    from trygg_desktop.domain import est as est_rules
    from trygg_desktop.services import est_file
    for name, value in (("MAX_BYTES", 4000), ("MAX_ROWS", 50), ("MAX_XLSX_UNPACKED", 4000)):
        monkeypatch.setattr(est_file, name, value)
    monkeypatch.setattr(est_rules, "MAX_GEOJSON_BYTES", 4000)
    imp = est_world.as_("trygghet").est_import
    header = "datum;kategori;område\n"
    too_big = (header + "2026-11-02;Klotter;Ekhagen\n" * 200).encode()
    too_many = (header + "2026-11-02;Klotter;Ekhagen\n" * 51).encode()
    assert len(too_many) < 4000 < len(too_big)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:   # a small file that unpacks big
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 5000)
    assert len(buffer.getvalue()) < 4000
    for data, name, said in ((too_big, "x.csv", "större än"), (too_many, "x.csv", "fler än 50 rader"),
                             (buffer.getvalue(), "x.xlsx", "packas upp till mer än")):
        with pytest.raises(ImportFormatError) as info:
            imp.import_file(data, name, None)
        assert said in info.value.message, info.value.message
    huge_geojson = b'{"type": "FeatureCollection", "features": [' + b" " * 4000 + b"]}"
    with pytest.raises(TryggError) as info:
        est_world.as_("trygghet").est_setup.import_areas(huge_geojson)
    assert "större än" in info.value.message
    assert _count(est_world) == 0
