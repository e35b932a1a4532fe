"""E-archive hand-over (issue 5, DOMAIN.md §6.5): closed cases as an encrypted, self-describing package.

Real services on the ``world`` database: an SSPF case with a justerat protocol
(shared and internal notes, a correction), a journal entry and its correction, a
disclosure, closed; an archive manager (ARKIVANSVARIG) who has no case connection
exports it. The container is opened again with the same code the CLI uses.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader
from referencing import Registry, Resource
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, ContainerError, ValidationError
from trygg_desktop.paths import resource
from trygg_desktop.reports.protocol import render_protocol
from trygg_desktop.services import earchive_package as pkg
from trygg_desktop.services.database import actor_for
from trygg_desktop.services.earchive import EArchiveService
from trygg_desktop.services.exchange.schema import FORMATS
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.store.models import AuditEvent, Person, User
from trygg_desktop.vault.container import read_meta

from ..conftest import PASSWORD, World
from ..rawscan import scan_for_markers
from ..scenarios import sspf_case

PASSPHRASE = "lång lösenfras för arkivet 2026"
SHARED_NOTE = "Skolan uppger att närvaron har ökat till Xylofonmarkör procent."
INTERNAL_NOTE = "Socialtjänstens interna bedömning Zebramarkör."
JOURNAL_TEXT = "Samtal med vårdnadshavare om Kvittrmarkör."
CORRECTION_TEXT = "Rättelse: samtalet gällde Pelikanmarkör."
MEETING_AT = datetime(2026, 11, 10, 14, 0)  # within the consent (from 2026-11-02)


@dataclass
class Closed:
    case_id: int
    reference: str
    meeting_id: int


def archive_user(world: World, name: str = "arkiv", roles: tuple[str, ...] = ("ARKIVANSVARIG",)) -> EArchiveService:
    """The conftest world has "arkiv" (ARKIVANSVARIG); other names are created here."""
    if name not in world.actors:
        world.as_("admin").users.add_user(name, PASSWORD, agency="SOC", roles=list(roles), units=[],
                                          display_name="Arkivansvarig")
        with world.db.session() as s:
            world.actors[name] = actor_for(s.scalar(select(User).where(User.username == name)))
    return EArchiveService(world.db, world.actors[name], today=world.today)


def closed_case(world: World, *, close: bool = True, first: str = "Alva") -> Closed:
    built = sspf_case(world, agencies=("SOC", "SKOLA"), first=first)
    soc = world.as_("samordnare")
    m = soc.meetings.create(MeetingInput("NATVERKSMOTE", MEETING_AT, case_id=built.case_id,
                                         ends_at=MEETING_AT + timedelta(minutes=60), place="Turebergsskolan"))
    soc.meetings.add_attendee(m.id, AttendeeInput("Sara Samordnare", function="SSPF-koordinator", agency="SOC",
                                                  meeting_role="ORDFORANDE"))
    soc.meetings.set_agenda_item(m.id, 4, "Aktuell situation", note=SHARED_NOTE, visibility="SHARED")
    soc.meetings.set_agenda_item(m.id, 5, "Risk- och skyddsfaktorer", note=INTERNAL_NOTE, visibility="INTERNAL")
    soc.meetings.set_protocol_status(m.id, "JUSTERING")
    soc.meetings.set_protocol_status(m.id, "JUSTERAT")
    soc.meetings.add_correction(m.id, "Rättelse: mötet slutade 15.00")
    entry = soc.journal.add(JournalInput(built.case_id, world.today - timedelta(days=5), "SAMTAL", JOURNAL_TEXT))
    soc.journal.correct(entry.id, CORRECTION_TEXT)
    if close:
        soc.cases.change_status(built.case_id, "AVSLUTAD", reason="MAL_UPPNATT")
    return Closed(built.case_id, built.reference, m.id)


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    """An empty folder for the chosen output file (``tmp_path`` also holds the database)."""
    folder = tmp_path / "ut"
    folder.mkdir()
    return folder


def events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def case_validator() -> jsonschema.Draft202012Validator:
    """The bundled schema pair, with the exchange format's format checks switched on."""
    case_schema = json.loads(resource(pkg.CASE_SCHEMA_NAME).read_text(encoding="utf-8"))
    exchange_schema = json.loads(resource(pkg.EXCHANGE_SCHEMA_NAME).read_text(encoding="utf-8"))
    registry = Registry().with_resources([
        (case_schema["$id"], Resource.from_contents(case_schema)),
        (exchange_schema["$id"], Resource.from_contents(exchange_schema)),
    ])
    checker = jsonschema.FormatChecker(formats=())
    for name, (func, _) in FORMATS.items():
        checker.checks(name)(func)
    jsonschema.Draft202012Validator.check_schema(case_schema)
    return jsonschema.Draft202012Validator(case_schema, registry=registry, format_checker=checker)


def test_round_trip_export_open_verify_schema_and_protocol_text(world: World, outdir: Path) -> None:
    x = closed_case(world)
    y = closed_case(world, first="Bo")
    out = outdir / "leverans.tdar"
    info = archive_user(world).export([x.case_id, y.case_id], out, PASSPHRASE, render_protocol=render_protocol)
    assert info.references == tuple(sorted([x.reference, y.reference])) and info.protocols == 2
    assert out.exists() and info.size == out.stat().st_size and list(outdir.iterdir()) == [out]

    # The header tells what it is, without personal data.
    meta = read_meta(out)
    assert meta["kind"] == "trygg-earchive" and meta["cases"] == 2 and x.reference not in json.dumps(meta)

    package = pkg.open_package(pkg.unseal(out, PASSPHRASE))
    report = pkg.verify_package(package)
    assert report.cases == 2 and report.files == len(package.files)
    manifest = package.manifest
    assert manifest["format"] == "trygg-earchive" and manifest["version"] == 1
    assert manifest["producer"]["name"] == "Trygg Desktop" and manifest["created_at"].endswith("Z")
    media = {f["path"]: f["media_type"] for f in manifest["files"]}
    assert media["README.txt"].startswith("text/plain") and media[pkg.CASE_SCHEMA_PATH] == "application/json"
    assert all(f["description"] for f in manifest["files"])
    assert set(manifest) == set(manifest["manifest_fields"])  # the manifest describes each of its fields
    readme = package.files["README.txt"].decode("utf-8")
    assert "earchive open --in" in readme and "FGS" in readme and "PDF/A" in readme and "ENGLISH" in readme

    validator = case_validator()
    for ref, case_id in ((x.reference, x.case_id), (y.reference, y.case_id)):
        folder = pkg.case_folder(ref)
        doc = json.loads(package.files[f"{folder}/case.json"])
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        assert doc["status"] == "AVSLUTAD" and doc["closure_reason"] == "MAL_UPPNATT"
        [case] = doc["record"]["cases"]
        assert case["reference"] == ref
        assert "withheld" not in case  # the archive copy is complete
        journal = case["journal"]
        texts = {e["text"] for e in journal}
        assert {JOURNAL_TEXT, CORRECTION_TEXT} <= texts
        correction = next(e for e in journal if e["text"] == CORRECTION_TEXT)
        assert correction["corrects"] == next(e["id"] for e in journal if e["text"] == JOURNAL_TEXT)
        [meeting] = case["meetings"]
        assert {i["note"] for i in meeting["agenda"]} >= {SHARED_NOTE, INTERNAL_NOTE}
        assert meeting["corrections"][0]["text"] == "Rättelse: mötet slutade 15.00"
        assert [h["to_status"] for h in case["status_history"]][-1] == "AVSLUTAD"
        assert case["consents"] and doc["record"]["persons"]
        [protocol] = doc["protocols"]
        pdf = package.files[f"{folder}/{protocol['file']}"]
        assert protocol["sha256"] == pkg.sha256_hex(pdf) and protocol["meeting"] == meeting["id"]
        reader = PdfReader(io.BytesIO(pdf))
        text = " ".join(page.extract_text() for page in reader.pages)
        flat = " ".join(text.split())
        # The full version: the internal note too (the archive manager reads it by law).
        assert "Xylofonmarkör" in flat and "Zebramarkör" in flat and ref in flat
        assert reader.metadata.title and reader.metadata.author and reader.metadata.creation_date
        assert not reader.is_encrypted
        raw = pdf
        assert b"/JavaScript" not in raw and b"/URI" not in raw and b"/Launch" not in raw
        fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
        assert fonts  # fonts are embedded: every font dictionary has a font file
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
                if descriptor is not None:
                    d = descriptor.get_object()
                    assert any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))

    # One audit event per case, counts only.
    exported = events(world, "EARCHIVE_EXPORT")
    assert sorted(e.case_id for e in exported) == sorted([x.case_id, y.case_id])
    for ev in exported:
        assert ev.flags == "EXPORT" and ev.username == "arkiv"
        detail = json.loads(ev.detail)
        assert detail["protocols"] == 1 and all(isinstance(v, int) for v in detail.values())

    # Inside the container too: the manifest's hashes catch an altered or an added file.
    path = f"{pkg.case_folder(x.reference)}/case.json"
    bad = pkg.Package(package.manifest, package.manifest_bytes, {**package.files, path: package.files[path] + b" "})
    with pytest.raises(pkg.PackageError) as exc:
        pkg.verify_package(bad)
    assert exc.value.code == "earchive.hash_mismatch" and exc.value.exit_code == 5
    extra = pkg.Package(package.manifest, package.manifest_bytes, {**package.files, "extra.txt": b"x"})
    with pytest.raises(pkg.PackageError) as exc:
        pkg.verify_package(extra)
    assert exc.value.code == "earchive.unlisted_file"
    with pytest.raises(pkg.PackageError) as exc:
        pkg.open_package(b"not a zip")
    assert exc.value.code == "earchive.not_package"

    # R1: the container file holds none of the case text, names or personnummer.
    with world.db.session() as s:
        pnrs = [f"{p.pnr[:8]}-{p.pnr[8:]}" for p in s.scalars(select(Person)) if p.pnr]
    markers = ["Xylofonmarkör", "Zebramarkör", "Kvittrmarkör", "Pelikanmarkör", "Turebergsskolan", x.reference,
               "Alva", "Berg", *pnrs]
    assert scan_for_markers(outdir, markers) == []
    # The scanner can see: the same markers are found in the plaintext package.
    plain = outdir.parent / "plain"
    plain.mkdir()
    (plain / "package.zip").write_bytes(pkg.unseal(out, PASSPHRASE))
    assert {m for _p, m, _l in scan_for_markers(plain, markers)} >= {x.reference}

    # ``extract`` (the CLI's open) writes the files and refuses a non-empty folder.
    target = outdir.parent / "oppnad"
    written = pkg.extract(package, target)
    assert (target / "manifest.json").read_bytes() == package.manifest_bytes
    assert len(written) == len(package.files) + 1
    with pytest.raises(ValidationError) as exc:
        pkg.extract(package, target)
    assert exc.value.code == "earchive.out_not_empty"


def test_open_cases_are_refused(world: World, outdir: Path) -> None:
    done = closed_case(world)
    running = closed_case(world, close=False, first="Bo")
    out = outdir / "x.tdar"
    with pytest.raises(ValidationError) as exc:
        archive_user(world).export([done.case_id, running.case_id], out, PASSPHRASE, render_protocol=render_protocol)
    assert exc.value.code == "earchive.case_open" and exc.value.params["references"] == [running.reference]
    assert not out.exists() and list(outdir.iterdir()) == []
    assert events(world, "EARCHIVE_EXPORT") == []


def test_short_passphrase_and_empty_selection_are_refused(world: World, outdir: Path) -> None:
    x = closed_case(world)
    service = archive_user(world)
    with pytest.raises(ValidationError) as exc:
        service.export([x.case_id], outdir / "x.tdar", "kort", render_protocol=render_protocol)
    assert exc.value.code == "earchive.passphrase_short"
    with pytest.raises(ValidationError) as exc:
        service.export([], outdir / "x.tdar", PASSPHRASE, render_protocol=render_protocol)
    assert exc.value.code == "earchive.no_cases"
    assert list(outdir.iterdir()) == []
    before = world.path.read_bytes()[:4096]
    with pytest.raises(ValidationError) as exc:  # e.g. a slip that names the database
        service.export([x.case_id], world.path, PASSPHRASE, render_protocol=render_protocol)
    assert exc.value.code == "earchive.out_exists" and world.path.read_bytes()[:4096] == before
    with pytest.raises(ValidationError) as exc:
        service.export([x.case_id], outdir / "saknas" / "x.tdar", PASSPHRASE, render_protocol=render_protocol)
    assert exc.value.code == "earchive.no_folder"


def test_wrong_passphrase_and_tampered_containers_are_refused(world: World, outdir: Path) -> None:
    x = closed_case(world)
    out = outdir / "x.tdar"
    archive_user(world).export([x.case_id], out, PASSPHRASE, render_protocol=render_protocol)
    with pytest.raises(ContainerError) as exc:
        pkg.unseal(out, PASSPHRASE + "!")
    assert exc.value.code == "container.wrong_secret"
    good = out.read_bytes()
    for where in ("header", "body", "tail"):
        data = bytearray(good)
        if where == "header":
            at = data.index(b'"cases":') + 8
            data[at] = ord("7") if data[at] != ord("7") else ord("8")  # the meta's case count
        elif where == "body":
            data[len(data) // 2] ^= 0x01
        else:
            del data[-100:]
        out.write_bytes(bytes(data))
        with pytest.raises(ContainerError) as exc:
            pkg.unseal(out, PASSPHRASE)
        assert exc.value.code in ("container.tampered", "container.truncated"), where


def test_other_roles_are_refused_and_audited(world: World, outdir: Path) -> None:
    x = closed_case(world)
    for user in ("samordnare", "admin", "granskare"):
        service = EArchiveService(world.db, world.actors[user], today=world.today)
        with pytest.raises(AccessDenied):
            service.export([x.case_id], outdir / "x.tdar", PASSPHRASE, render_protocol=render_protocol)
        assert list(outdir.iterdir()) == []
        [denied] = [e for e in events(world, "ACCESS_DENIED") if e.username == user]
        assert json.loads(denied.detail)["action"] == "EXPORT" and denied.entity == "RETENTION"
    assert events(world, "EARCHIVE_EXPORT") == []


def test_candidates_resolve_references_for_the_archive_role(world: World) -> None:
    x = closed_case(world)
    running = closed_case(world, close=False, first="Bo")
    found = archive_user(world).candidates([x.reference, running.reference])
    assert [(c.id, c.open) for c in found] == [(x.case_id, False), (running.case_id, True)]


def test_cli_export_verify_open_and_exit_codes(world: World, outdir: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from trygg_desktop.cli import main

    x = closed_case(world)
    running = closed_case(world, close=False, first="Bo")
    archive_user(world)
    world.db.close()
    secret = outdir.parent / "fras.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    monkeypatch.delenv("TRYGG_EARCHIVE_PASSPHRASE", raising=False)
    db = str(world.path)
    out = outdir / "leverans.tdar"
    base = ["earchive", "export", "--db", db, "--as", "arkiv", "--out", str(out)]

    assert main(base + ["--case", x.reference, "--case", running.reference, "--passphrase-file", str(secret)]) == 4
    assert "earchive.case_open" in capsys.readouterr().err and not out.exists()
    assert main(["earchive", "export", "--db", db, "--as", "samordnare", "--out", str(out), "--case", x.reference,
                 "--passphrase-file", str(secret)]) == 3
    monkeypatch.setenv("TRYGG_EARCHIVE_PASSPHRASE", "för kort")
    assert main(base + ["--case", x.reference]) == 4
    assert "earchive.passphrase_short" in capsys.readouterr().err
    monkeypatch.delenv("TRYGG_EARCHIVE_PASSPHRASE")
    assert main(base + ["--case", x.reference, "--passphrase-file", str(secret)]) == 0
    assert x.reference in capsys.readouterr().out and out.exists()

    assert main(["earchive", "verify", "--in", str(out), "--passphrase-file", str(secret)]) == 0
    assert "OK:" in capsys.readouterr().out
    target = outdir.parent / "arkivarie"
    assert main(["earchive", "open", "--in", str(out), "--out", str(target), "--passphrase-file", str(secret)]) == 0
    assert "INTE krypterade" in capsys.readouterr().err
    folder = target / pkg.case_folder(x.reference)
    assert json.loads((folder / "case.json").read_text(encoding="utf-8"))["reference"] == x.reference
    assert len(list((folder / "protocols").glob("*.pdf"))) == 1
    assert main(["earchive", "open", "--in", str(out), "--out", str(target), "--passphrase-file", str(secret)]) == 4

    monkeypatch.setenv("TRYGG_EARCHIVE_PASSPHRASE", PASSPHRASE + "x")
    assert main(["earchive", "verify", "--in", str(out)]) == 3
    data = bytearray(out.read_bytes())
    data[-50] ^= 0x01
    out.write_bytes(bytes(data))
    assert main(["earchive", "verify", "--in", str(out), "--passphrase-file", str(secret)]) == 5
    assert "container.tampered" in capsys.readouterr().err


def test_cli_export_due_takes_the_gallring_list(world: World, outdir: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("trygg_desktop.services.retention")
    from trygg_desktop.cli import main

    from ..gallring_scenarios import marked_case
    due = marked_case(world, "Due")
    closed_case(world, first="Bo")  # closed today: not due for years
    archive_user(world)
    world.db.close()
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    monkeypatch.setenv("TRYGG_EARCHIVE_PASSPHRASE", PASSPHRASE)
    out = outdir / "due.tdar"
    assert main(["earchive", "export", "--db", str(world.path), "--as", "arkiv", "--due", "--out", str(out)]) == 0
    assert due.reference in capsys.readouterr().out
    package = pkg.open_package(pkg.unseal(out, PASSPHRASE))
    assert [c["reference"] for c in package.manifest["cases"]] == [due.reference]


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil", "cases/../../evil", "C:\\evil.txt", "a//b"])
def test_open_refuses_unsafe_member_names(name: str) -> None:
    """Whoever knows a passphrase can seal any ZIP: ``open`` never writes outside its folder."""
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": pkg.FORMAT, "version": pkg.VERSION, "files": []}))
        z.writestr(name, b"x")
    with pytest.raises(pkg.PackageError) as exc:
        pkg.open_package(buffer.getvalue())
    assert exc.value.code == "earchive.unsafe_name"
