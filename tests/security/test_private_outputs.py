"""Plaintext outputs the user asks for are owner-only (issue "Plaintext exports are world-readable").

Every file that leaves the encrypted database on request – the JSON export, the
audit report, a protocol PDF, a register extract (PDF and JSON), an unpacked
e-archive package, the GUI's "Save as PDF" and the recovery sheet – is written
through ``vault.private_file``: exactly 0600 on POSIX whatever the umask (the
usual 022 would give 0644), an existing 0644 file at the path ends 0600, and a
symbolic link at the path is refused (``file.unsafe_target``) without touching
what it points to. The CLI commands run for real on the template database.
Mode assertions are skipped on Windows (ACLs there, best effort).
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from trygg_desktop.cli import main
from trygg_desktop.vault import private_file
from trygg_desktop.vault.private_file import UnsafeTarget, open_private, write_private

from ..conftest import ADMIN_PASSWORD, PASSWORD, World
from ..scenarios import sspf_case

WINDOWS = sys.platform == "win32"
needs_symlinks = pytest.mark.skipif(WINDOWS, reason="symbolic links need extra rights on Windows")
VICTIM_TEXT = "someone else's file, must stay as it is\n"


def assert_private(path: Path) -> None:
    assert path.is_file() and not path.is_symlink()
    if not WINDOWS:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, f"{path.name}: {oct(os.stat(path).st_mode)}"


def no_temp_siblings(folder: Path) -> bool:
    return not any(".tmp-" in p.name for p in folder.iterdir())


@pytest.fixture
def umask() -> Iterator[int]:
    """The common default umask, which turns a plain ``write_bytes`` into 0644."""
    old = os.umask(0o022)
    try:
        yield 0o022
    finally:
        os.umask(old)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path, umask: int):
    def run(*args: str, password: str) -> int:
        monkeypatch.setenv("TRYGG_PASSWORD", password)
        return main(list(args))
    return run


def world_readable(path: Path, text: str = "old content\n") -> Path:
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o644)
    return path


def planted_link(folder: Path, name: str) -> tuple[Path, Path]:
    """``name`` in ``folder`` is a link to a victim file elsewhere."""
    victim_dir = folder.parent / f"victim-{name}"
    victim_dir.mkdir()
    victim = victim_dir / "victim.txt"
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    os.chmod(victim, 0o644)
    link = folder / name
    link.symlink_to(victim)
    return link, victim


def assert_untouched(link: Path, victim: Path) -> None:
    assert link.is_symlink(), "the link itself is left alone"
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    if not WINDOWS:
        assert stat.S_IMODE(victim.stat().st_mode) == 0o644


# -- write_private itself -----------------------------------------------------------------------

@pytest.mark.parametrize("mask", [0o000, 0o022], ids=["umask000", "umask022"])
@pytest.mark.parametrize("atomic", [True, False], ids=["atomic", "in_place"])
def test_new_file_is_0600_whatever_the_umask(tmp_path: Path, mask: int, atomic: bool) -> None:
    target = tmp_path / "out.json"
    old = os.umask(mask)
    try:
        write_private(target, b'{"a": 1}', atomic=atomic)
    finally:
        os.umask(old)
    assert target.read_bytes() == b'{"a": 1}'
    assert_private(target)
    assert no_temp_siblings(tmp_path)


@pytest.mark.parametrize("atomic", [True, False], ids=["atomic", "in_place"])
def test_existing_0644_file_is_replaced_and_tightened(tmp_path: Path, umask: int, atomic: bool) -> None:
    target = world_readable(tmp_path / "out.pdf", "a much longer old content than the new one\n")
    write_private(target, b"%PDF new", atomic=atomic)
    assert target.read_bytes() == b"%PDF new"
    assert_private(target)
    assert no_temp_siblings(tmp_path)


@needs_symlinks
@pytest.mark.parametrize("atomic", [True, False], ids=["atomic", "in_place"])
def test_symlink_target_is_refused_and_left_alone(tmp_path: Path, umask: int, atomic: bool) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    link, victim = planted_link(folder, "export.json")
    with pytest.raises(UnsafeTarget) as caught:
        write_private(link, b"personal data", atomic=atomic)
    assert caught.value.code == "file.unsafe_target" and caught.value.exit_code == 4
    assert "export.json" in caught.value.message and "symbolic link" in caught.value.message
    assert_untouched(link, victim)
    assert list(folder.iterdir()) == [link]


@needs_symlinks
def test_dangling_symlink_is_refused_and_nothing_is_created(tmp_path: Path, umask: int) -> None:
    link = tmp_path / "out.json"
    missing = tmp_path / "elsewhere" / "new.json"
    missing.parent.mkdir()
    link.symlink_to(missing)
    for atomic in (True, False):
        with pytest.raises(UnsafeTarget):
            write_private(link, b"personal data", atomic=atomic)
    assert not missing.exists() and link.is_symlink()


@needs_symlinks
def test_link_appearing_after_the_check_is_not_followed(tmp_path: Path, umask: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The lstat check is for a clear message; O_NOFOLLOW / the rename are what protect."""
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    link = tmp_path / "out.pdf"
    link.symlink_to(victim)
    monkeypatch.setattr(private_file, "_check_target", lambda _path: None)
    with pytest.raises(UnsafeTarget):
        write_private(link, b"personal data", atomic=False)  # O_NOFOLLOW → ELOOP
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    write_private(link, b"personal data")  # atomic: the rename replaces the link itself
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert not link.is_symlink() and link.read_bytes() == b"personal data"
    assert_private(link)


def test_a_folder_at_the_path_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out.json"
    folder.mkdir()
    for atomic in (True, False):
        with pytest.raises(UnsafeTarget):
            write_private(folder, b"x", atomic=atomic)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_failed_atomic_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"old complete export")
    with pytest.raises(RuntimeError):
        with open_private(target) as out:
            out.write(b"half of the new")
            raise RuntimeError("killed halfway")
    assert target.read_bytes() == b"old complete export"
    assert list(tmp_path.iterdir()) == [target]


def test_open_private_streams_into_an_owner_only_file(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "big.json"
    with open_private(target) as out:
        for _ in range(3):
            out.write(b"chunk ")
    assert target.read_bytes() == b"chunk chunk chunk "
    assert_private(target)


def test_missing_folder_is_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_private(tmp_path / "no-such-folder" / "out.json", b"x")


def test_windows_acl_grant_comes_before_removing_inheritance(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The icacls calls (simulated on every platform): no shell, hidden, grant first; a failed grant
    stops before ``/inheritance:r`` so the user can never be locked out of their own file."""
    calls: list[tuple[list[str], dict]] = []
    codes = iter([0, 0])

    def fake_run(args, **kwargs):
        calls.append((list(args), kwargs))
        return subprocess.CompletedProcess(args, next(codes))

    monkeypatch.setattr(private_file, "_WINDOWS", True)
    monkeypatch.setattr(private_file.subprocess, "run", fake_run)
    monkeypatch.setenv("USERNAME", "sara")
    monkeypatch.setenv("USERDOMAIN", "KOMMUN")
    monkeypatch.setenv("SystemRoot", r"C:\Windows")
    target = tmp_path / "out.pdf"
    assert private_file._restrict_windows_acl(target) is True
    assert [c[0][2:] for c in calls] == [["/grant:r", "KOMMUN\\sara:F"], ["/inheritance:r"]]
    assert all(c[0][0].endswith("icacls.exe") and c[0][1] == str(target) for c in calls)
    assert all(c[1].get("shell", False) is False and c[1]["check"] is False and "timeout" in c[1] for c in calls)
    assert all(c[1]["stdout"] == subprocess.DEVNULL and c[1]["stderr"] == subprocess.DEVNULL for c in calls)

    calls.clear()
    codes = iter([5])
    assert private_file._restrict_windows_acl(target) is False
    assert len(calls) == 1, "no /inheritance:r after a failed grant"

    def missing(*_a, **_k):
        raise FileNotFoundError("icacls")
    monkeypatch.setattr(private_file.subprocess, "run", missing)
    assert private_file._restrict_windows_acl(target) is False  # best effort: never raises


# -- the CLI commands -----------------------------------------------------------------------------

def test_cli_json_export_is_owner_only(world: World, cli, tmp_path: Path, capsys) -> None:
    sspf_case(world)
    world.db.close()
    folder = tmp_path / "export"
    folder.mkdir()
    out = folder / "export.json"
    assert cli("export", "--db", str(world.path), "--as", "admin", "--out", str(out), password=ADMIN_PASSWORD) == 0
    assert out.read_bytes().startswith(b"{")
    assert_private(out)
    # Exporting again over a world-readable file tightens it.
    world_readable(out)
    assert cli("export", "--db", str(world.path), "--as", "admin", "--out", str(out), password=ADMIN_PASSWORD) == 0
    assert b"trygg-exchange" in out.read_bytes()
    assert_private(out)
    assert list(folder.iterdir()) == [out]
    capsys.readouterr()


@needs_symlinks
def test_cli_json_export_refuses_a_symlink(world: World, cli, tmp_path: Path, capsys) -> None:
    sspf_case(world)
    world.db.close()
    folder = tmp_path / "export"
    folder.mkdir()
    link, victim = planted_link(folder, "export.json")
    capsys.readouterr()
    assert cli("export", "--db", str(world.path), "--as", "admin", "--out", str(link), password=ADMIN_PASSWORD) == 4
    err = capsys.readouterr().err
    assert "file.unsafe_target" in err and "symbolisk länk" in err
    assert_untouched(link, victim)
    assert list(folder.iterdir()) == [link]


def test_cli_audit_report_is_owner_only(world: World, cli, tmp_path: Path, capsys) -> None:
    pytest.importorskip("trygg_desktop.reports.audit_report")
    built = sspf_case(world)
    world.as_("skola").case_view.open(built.case_id)
    world.db.close()
    today = date.today().isoformat()
    out = world_readable(tmp_path / "granskning.pdf")
    assert cli("audit", "report", "--db", str(world.path), "--as", "granskare", "--from", today, "--to", today,
               "--out", str(out), password=PASSWORD) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert_private(out)
    capsys.readouterr()


def test_cli_protocol_and_register_extract_are_owner_only(world: World, cli, tmp_path: Path, capsys) -> None:
    pytest.importorskip("trygg_desktop.reports.protocol")
    from ..integration.test_protocols import build

    x = build(world)
    pnr = world.as_("samordnare").persons.get(x.person_id).pnr
    world.db.close()
    db = str(world.path)
    protocol = tmp_path / "skola.pdf"
    assert cli("protocol", "--db", db, "--as", "samordnare", "--meeting", str(x.meeting_id), "--for-agency",
               "SKOLA", "--out", str(protocol), password=PASSWORD) == 0
    assert protocol.read_bytes().startswith(b"%PDF")
    assert_private(protocol)
    pdf, js = tmp_path / "utdrag.pdf", world_readable(tmp_path / "utdrag.json")
    assert cli("extract", "--db", db, "--as", "samordnare", "--person", pnr, "--out", str(pdf), "--json", str(js),
               password=PASSWORD) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and pnr in js.read_text(encoding="utf-8")
    assert_private(pdf)
    assert_private(js)
    capsys.readouterr()


@needs_symlinks
def test_cli_protocol_refuses_a_symlink(world: World, cli, tmp_path: Path, capsys) -> None:
    pytest.importorskip("trygg_desktop.reports.protocol")
    from ..integration.test_protocols import build

    x = build(world)
    world.db.close()
    folder = tmp_path / "ut"
    folder.mkdir()
    link, victim = planted_link(folder, "skola.pdf")
    capsys.readouterr()
    assert cli("protocol", "--db", str(world.path), "--as", "samordnare", "--meeting", str(x.meeting_id),
               "--for-agency", "SKOLA", "--out", str(link), password=PASSWORD) == 4
    assert "file.unsafe_target" in capsys.readouterr().err
    assert_untouched(link, victim)


def test_cli_earchive_open_writes_owner_only_files_and_folders(world: World, cli, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from ..integration.test_earchive import PASSPHRASE, archive_user, closed_case

    x = closed_case(world)
    archive_user(world)
    world.db.close()
    secret = tmp_path / "fras.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    monkeypatch.delenv("TRYGG_EARCHIVE_PASSPHRASE", raising=False)
    package = tmp_path / "leverans.tdar"
    assert cli("earchive", "export", "--db", str(world.path), "--as", "arkiv", "--out", str(package),
               "--case", x.reference, "--passphrase-file", str(secret), password=PASSWORD) == 0
    target = tmp_path / "arkivarie"
    assert cli("earchive", "open", "--in", str(package), "--out", str(target), "--passphrase-file", str(secret),
               password=PASSWORD) == 0
    files = sorted(p for p in target.rglob("*") if p.is_file())
    folders = [target] + sorted(p for p in target.rglob("*") if p.is_dir())
    assert any(p.name == "case.json" for p in files) and any(p.suffix == ".pdf" for p in files)
    for path in files:
        assert_private(path)
    if not WINDOWS:
        for folder in folders:
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder.relative_to(tmp_path)
    assert not any(".tmp-" in p.name for p in target.rglob("*"))
    capsys.readouterr()


# -- the GUI: "Save as PDF" and the recovery sheet -------------------------------------------------

def test_gui_save_as_pdf_writes_owner_only(tmp_path: Path, umask: int) -> None:
    printing = pytest.importorskip("trygg_desktop.ui.printing")
    out = tmp_path / "protokoll.pdf"
    assert printing.write_pdf(out, b"%PDF-1.4 test") == out
    assert out.read_bytes() == b"%PDF-1.4 test"
    assert_private(out)
    world_readable(out, "x" * 100)
    printing.write_pdf(out, b"%PDF-1.4 again")
    assert out.read_bytes() == b"%PDF-1.4 again"
    assert_private(out)
    assert list(tmp_path.iterdir()) == [out], "straight to the chosen file (R24): no temp sibling"


@needs_symlinks
def test_gui_save_as_pdf_refuses_a_symlink_as_oserror(tmp_path: Path, umask: int) -> None:
    """The dialogs catch OSError ("could not be saved there"), so the refusal arrives as one."""
    printing = pytest.importorskip("trygg_desktop.ui.printing")
    folder = tmp_path / "ut"
    folder.mkdir()
    link, victim = planted_link(folder, "protokoll.pdf")
    with pytest.raises(OSError) as caught:
        printing.write_pdf(link, b"%PDF-1.4 personal data")
    assert caught.value.errno == errno.ELOOP
    assert isinstance(caught.value.__cause__, UnsafeTarget)
    assert_untouched(link, victim)


def test_recovery_sheet_pdf_is_owner_only_and_never_written_through_a_link(tmp_path: Path, umask: int,
                                                                          qtbot) -> None:
    from trygg_desktop.ui.dialogs.recovery_sheet import RecoverySheetDialog

    sheet = RecoverySheetDialog("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z", tmp_path / "x.db", date(2026, 11, 22))
    qtbot.addWidget(sheet)
    out = world_readable(tmp_path / "sheet.pdf")
    assert sheet.write_pdf(tmp_path / "sheet") is True  # ".pdf" is added
    assert out.read_bytes().startswith(b"%PDF") and sheet.banner.kind == "warning"
    assert_private(out)
    if WINDOWS:
        return
    folder = tmp_path / "usb"
    folder.mkdir()
    link, victim = planted_link(folder, "recovery.pdf")
    assert sheet.write_pdf(link) is False
    assert sheet.banner.kind == "error"
    assert_untouched(link, victim)
    sheet.stored.setChecked(True)
    sheet.accept()
