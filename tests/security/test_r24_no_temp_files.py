"""R24/R25 – no plaintext temp files: every feature that reads case data out of the
database writes only where the user chose, and the PDFs are built in memory.

One ``sys.addaudithook`` recorder for the whole process (audit hooks cannot be
removed, so it is installed once and switched on and off around each operation).
While on, it records every write-mode ``open`` (mode string with w/a/x/+, or
``os.open`` flags with O_WRONLY/O_RDWR/O_CREAT/O_APPEND/O_TRUNC), ``os.rename``
(also raised by ``os.replace``), ``shutil.copyfile``/``copytree``/``move``,
``tempfile.mkstemp``/``mkdtemp``, ``os.remove`` (temp files leave a trace here
even when they are gone), ``os.truncate``, ``os.mkdir`` and ``sqlite3.connect``
(the stdlib raises it; sqlcipher3 does not, so SQLite's own native writes to the
database, -wal, -shm and -journal are invisible to Python's hooks: those files
are covered by the R1 raw-byte scans instead). Python's tempfile and ``TMPDIR``
point to a private empty folder that must still be empty afterwards, which also
catches native (Qt, SQLite temp store) temp files written there.

Allowed, per operation: (a) the chosen output path(s) and their atomic-write
temp siblings (``<name>.tmp-<random>``, ``.<name>.export-<random>.tmp``), which
hold ciphertext only (checked on the final file by the R1 scans); (b) the
database, its -wal/-shm/-journal, its .keys file (with its atomic temp sibling
and ``.keys.next``, a pending key rotation) and its .lock; (c) the backup folder's files (ciphertext). Nothing else.

The GUI print preview and print path has its own guard in tests/gui/test_printing.py;
the hostile-text PDFs in tests/reports/test_hostile_text.py (R32).
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

import pytest
from sqlalchemy import select

from trygg_desktop.reports.protocol import render_protocol
from trygg_desktop.reports.register_extract import render_extract
from trygg_desktop.services.database import actor_for, unlock
from trygg_desktop.services.meetings import AttendeeInput, MeetingInput
from trygg_desktop.services.protocols import ProtocolService
from trygg_desktop.store.engine import checkpoint
from trygg_desktop.store.models import Person, User

from ..conftest import ADMIN_PASSWORD, PASSWORD, World, copy_database
from ..scenarios import sspf_case

NOTE = "Protokollmarkör Vitsippa i § 4."
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
PATH_EVENTS = {"os.rename": (0, 1), "shutil.copyfile": (1,), "shutil.copytree": (1,), "shutil.move": (1,),
               "tempfile.mkstemp": (0,), "tempfile.mkdtemp": (0,), "os.remove": (0,), "os.truncate": (0,),
               "os.mkdir": (0,), "sqlite3.connect": (0,)}


class Recorder:
    """The process-wide hook. Cheap when off; never raises into the code it watches."""

    def __init__(self) -> None:
        self.active = False
        self.events: list[tuple[str, str]] = []

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        try:
            if event == "open":
                path, mode, flags = (tuple(args) + (None, None, None))[:3]
                if isinstance(path, int):
                    return  # an already open descriptor (fdopen): its open was recorded
                writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                    (mode is None and isinstance(flags, int) and bool(flags & WRITE_FLAGS))
                if writing:
                    self.events.append(("open", _text(path)))
            elif event in PATH_EVENTS:
                for index in PATH_EVENTS[event]:
                    if index < len(args) and not isinstance(args[index], int):
                        self.events.append((event, _text(args[index])))
        except Exception:  # noqa: BLE001 - a broken hook must not break the program under test
            self.events.append(("hook-error", event))


def _text(path: Any) -> str:
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return os.path.abspath(os.fspath(path))


_RECORDER = Recorder()
_INSTALLED = False


@dataclass
class Allowed:
    outputs: list[Path] = field(default_factory=list)
    databases: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def permits(self, path_text: str) -> bool:
        p = Path(path_text)
        for out in map(_abs, self.outputs):
            if p == out or (p.parent == out.parent and (p.name.startswith(f"{out.name}.tmp-")
                                                        or p.name.startswith(f".{out.name}."))):
                return True
        for db in map(_abs, self.databases):
            names = {db.name + suffix for suffix in ("", "-wal", "-shm", "-journal", ".keys", ".lock")}
            # ``.keys.next`` is a pending key rotation (R13); ``.keys.tmp-*`` the key file's atomic write.
            if p.parent == db.parent and (p.name in names or p.name.startswith(f"{db.name}.keys.")):
                return True
        return any(p == f or f in p.parents for f in map(_abs, self.folders))


def _abs(path: Path) -> Path:
    return Path(os.path.abspath(path))


@dataclass
class Recording:
    tmp: Path
    events: list[tuple[str, str]] = field(default_factory=list)

    def violations(self, allowed: Allowed) -> list[tuple[str, str]]:
        return [(event, path) for event, path in self.events
                if event == "hook-error" or not allowed.permits(path)]

    def check(self, allowed: Allowed) -> None:
        assert self.violations(allowed) == [], "files written outside the chosen paths"
        assert list(self.tmp.iterdir()) == [], "temporary files left in TMPDIR"

    def paths(self) -> set[str]:
        return {path for _event, path in self.events}


@pytest.fixture
def recording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``with recording() as rec:`` records one operation (hook installed on first use)."""
    global _INSTALLED
    if not _INSTALLED:
        sys.addaudithook(_RECORDER.hook)
        _INSTALLED = True
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))

    @contextmanager
    def record() -> Iterator[Recording]:
        rec = Recording(private)
        _RECORDER.events = rec.events
        _RECORDER.active = True
        try:
            yield rec
        finally:
            _RECORDER.active = False

    yield record
    _RECORDER.active = False


def test_the_recorder_sees_writes_renames_and_temp_files(recording, tmp_path: Path) -> None:
    """The control: each kind of write the hook claims to see, it sees."""
    target = tmp_path / "out" / "file.bin"
    with recording() as rec:
        target.parent.mkdir()
        target.write_bytes(b"x")
        fd = os.open(tmp_path / "out" / "flags.bin", os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
        os.replace(tmp_path / "out" / "flags.bin", tmp_path / "out" / "renamed.bin")
        with tempfile.NamedTemporaryFile() as handle:
            handle.write(b"y")
        os.remove(target)
    kinds = {event for event, _ in rec.events}
    assert {"open", "os.rename", "tempfile.mkstemp", "os.remove", "os.mkdir"} <= kinds
    assert str(target) in rec.paths() and str(tmp_path / "out" / "renamed.bin") in rec.paths()
    assert rec.violations(Allowed(outputs=[target])) != []           # the other files are not allowed
    assert rec.violations(Allowed(folders=[tmp_path])) == []
    assert Allowed(outputs=[target]).permits(str(target.parent / "file.bin.tmp-0123abcd"))
    assert not Allowed(outputs=[target]).permits(str(target.parent / "other.bin"))


# -- scenario ----------------------------------------------------------------------------------

def _meeting(world: World, case_id: int, *, approve: bool = False) -> int:
    s = world.as_("samordnare")
    m = s.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 20, 14), case_id=case_id,
                                       place="Turebergsskolan"))
    s.meetings.add_attendee(m.id, AttendeeInput("Sara Samordnare", agency="SOC", meeting_role="ORDFORANDE"))
    s.meetings.set_agenda_item(m.id, 4, "Aktuell situation", note=NOTE)
    if approve:
        s.meetings.set_protocol_status(m.id, "JUSTERING")
        s.meetings.set_protocol_status(m.id, "JUSTERAT")
    return m.id


def _archivist(world: World):
    if "arkiv" not in world.actors:
        world.as_("admin").users.add_user("arkiv", PASSWORD, agency="SOC", roles=["ARKIVANSVARIG"], units=[])
        with world.db.session() as s:
            world.actors["arkiv"] = actor_for(s.scalar(select(User).where(User.username == "arkiv")))
    return world.actors["arkiv"]


def _db(world: World) -> Allowed:
    return Allowed(databases=[world.path])


# -- PDFs in memory (R25) -----------------------------------------------------------------------

def test_protocol_preview_and_print_write_no_file(world: World, recording) -> None:
    built = sspf_case(world, agencies=("SOC", "SKOLA"))
    meeting_id = _meeting(world, built.case_id)
    service = ProtocolService(world.db, world.actors["samordnare"], today=world.today)
    with recording() as rec:
        preview = render_protocol(service.protocol(meeting_id))
        printed = render_protocol(service.protocol(meeting_id, for_agency="SKOLA", disclose=True))
    assert preview.startswith(b"%PDF") and printed.startswith(b"%PDF")
    assert rec.events == [], "a protocol PDF must be built without touching the file system"
    rec.check(Allowed())


def test_register_extract_pdf_is_built_in_memory(world: World, recording) -> None:
    built = sspf_case(world)
    with world.db.session() as s:
        pnr = s.get(Person, built.person_id).pnr
    services = world.as_("samordnare")
    with recording() as rec:
        data = render_extract(services.extract.collect(pnr))
    assert data.startswith(b"%PDF")
    assert rec.events == []
    rec.check(Allowed())


# -- JSON exchange ---------------------------------------------------------------------------------

def test_json_export_writes_only_the_chosen_file(world: World, recording, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    from trygg_desktop.cli import main

    sspf_case(world)
    world.db.close()
    out_dir = tmp_path / "export"
    out_dir.mkdir()
    out = out_dir / "export.json"
    monkeypatch.setenv("TRYGG_PASSWORD", ADMIN_PASSWORD)
    with recording() as rec:
        assert main(["export", "--db", str(world.path), "--as", "admin", "--out", str(out)]) == 0
    assert out.exists() and str(out) in rec.paths()
    rec.check(Allowed(outputs=[out], databases=[world.path]))
    assert list(out_dir.iterdir()) == [out]


def test_json_import_writes_only_the_database(world: World, recording, template_db: Path,
                                              tmp_path: Path) -> None:
    sspf_case(world)
    data = world.as_("admin").exchange.export_bytes()
    target_dir = tmp_path / "target"
    target_dir.mkdir()
    path = copy_database(template_db, target_dir, "import.db")
    db, admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=world.throttle())
    try:
        from trygg_desktop.services.exchange import ExchangeService
        with recording() as rec:
            summary = ExchangeService(db, admin).import_bytes(data)
        assert summary.created.get("cases") == 1
    finally:
        db.close()
    rec.check(Allowed(databases=[path]))


# -- backups ---------------------------------------------------------------------------------------

def test_backup_create_and_restore_write_only_ciphertext_where_chosen(world: World, recording,
                                                                     tmp_path: Path) -> None:
    backup = pytest.importorskip("trygg_desktop.services.backup")
    restore = pytest.importorskip("trygg_desktop.services.restore")
    built = sspf_case(world)
    _meeting(world, built.case_id)
    folder = tmp_path / "backups"
    folder.mkdir()
    out = folder / "kopia.tdbk"
    admin = world.actors["admin"]
    with recording() as rec:
        info = backup.BackupService(world.db, admin, today=world.today).create(out)
    assert info.path == out
    rec.check(Allowed(outputs=[out], databases=[world.path]))
    assert list(folder.iterdir()) == [out]  # the temp export and container siblings are gone
    # (R1 over the backup, its temp export and the restored files: tests/security/test_r22_backup.py)

    dest_dir = tmp_path / "restored"
    dest_dir.mkdir()
    dest = dest_dir / "restored.db"
    with recording() as rec:
        restore.restore_backup(out, dest, username="admin", password=ADMIN_PASSWORD)
    rec.check(Allowed(databases=[dest]))


# -- gallring and e-archive --------------------------------------------------------------------------

def test_gallring_run_writes_only_the_database(world: World, recording) -> None:
    pytest.importorskip("trygg_desktop.services.retention")
    from trygg_desktop.services.facade import Services

    from ..gallring_scenarios import marked_case
    marked_case(world, "R24")
    svc = Services(world.db, _archivist(world), today=world.today).retention
    due = svc.due()
    assert due
    with recording() as rec:
        result = svc.run([d.key for d in due])
        checkpoint(world.db.engine)
    assert result.disposed
    rec.check(_db(world))


def test_earchive_export_writes_only_the_container(world: World, recording, tmp_path: Path) -> None:
    from trygg_desktop.services.earchive import EArchiveService

    built = sspf_case(world, agencies=("SOC", "SKOLA"))
    _meeting(world, built.case_id, approve=True)
    world.as_("samordnare").cases.change_status(built.case_id, "AVSLUTAD", reason="MAL_UPPNATT")
    folder = tmp_path / "arkiv"
    folder.mkdir()
    out = folder / "leverans.tdar"
    service = EArchiveService(world.db, _archivist(world), today=world.today)
    with recording() as rec:
        info = service.export([built.case_id], out, "lösenfras för arkivet", render_protocol=render_protocol)
    assert info.protocols == 1
    rec.check(Allowed(outputs=[out], databases=[world.path]))
    assert list(folder.iterdir()) == [out]
    assert str(out) in rec.paths()  # the recorder saw the container being put in place


def test_earchive_open_writes_only_into_the_chosen_folder(world: World, recording, tmp_path: Path) -> None:
    from trygg_desktop.services import earchive_package as pkg
    from trygg_desktop.services.earchive import EArchiveService

    built = sspf_case(world)
    world.as_("samordnare").cases.change_status(built.case_id, "AVSLUTAD", reason="MAL_UPPNATT")
    out = tmp_path / "leverans.tdar"
    EArchiveService(world.db, _archivist(world), today=world.today).export(
        [built.case_id], out, "lösenfras för arkivet", render_protocol=render_protocol)
    target = tmp_path / "oppnad"
    with recording() as rec:
        package = pkg.open_package(pkg.unseal(out, "lösenfras för arkivet"))
        pkg.verify_package(package)
    assert rec.events == []  # verify: decrypted in memory only
    with recording() as rec:
        pkg.extract(package, target)
    rec.check(Allowed(folders=[target]))

