"""R28 – a database on a network share is refused, with a reason.

SQLite's locks and the WAL index are unreliable over SMB/NFS, so ``init_database``,
``unlock`` and ``unlock_with_recovery`` refuse such paths before reading the key
file. The probes are replaced here: the Windows drive-type check
(``GetDriveTypeW``) is monkeypatched, and the Linux mount table is a fake
``mountinfo`` file; the real local temp folder must stay accepted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from trygg_desktop.domain.errors import EXIT_INVALID, NetworkPathRefused
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.database import init_database, unlock, unlock_with_recovery
from trygg_desktop.store import netpath

from ..conftest import ADMIN_PASSWORD, copy_database

MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 27 0:45 / /mnt/share rw,relatime shared:20 - cifs //fileserver/socialtjanst rw,vers=3.1.1
41 27 0:46 / /srv/nfs rw,relatime - nfs4 fileserver:/export rw
42 40 8:2 / /mnt/share/local\\040disk rw,relatime - ext4 /dev/sdb1 rw
43 27 0:47 / /home/anna/remote rw,nosuid - fuse.sshfs anna@host:/data rw
44 27 0:48 / /home/anna/remote2 rw,nosuid - fuse.rclone onedrive: rw
"""


@pytest.fixture
def fake_mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    table = tmp_path / "mountinfo"
    table.write_text(MOUNTINFO, encoding="utf-8")
    monkeypatch.setattr(netpath, "MOUNT_TABLE", table)
    return table


@pytest.mark.parametrize("path, reason", [
    ("/mnt/share/trygg.db", "cifs"),
    ("/mnt/share/sub/dir/trygg.db", "cifs"),
    ("/srv/nfs/trygg.db", "nfs4"),
    ("/home/anna/remote/trygg.db", "fuse.sshfs"),
    ("/home/anna/remote2/trygg.db", "fuse.rclone"),
])
def test_linux_network_mounts_are_named(fake_mounts: Path, path: str, reason: str) -> None:
    assert netpath.is_network_path(path, platform="linux") == reason


@pytest.mark.parametrize("path", ["/home/anna/trygg.db", "/mnt/sharex/trygg.db", "/mnt/share/local disk/trygg.db",
                                  "/srv/nfsdata/trygg.db", "/"])
def test_linux_local_paths_pass(fake_mounts: Path, path: str) -> None:
    """Longest prefix wins (a local disk mounted inside a share is local) and a
    mount point is a whole path component (/mnt/sharex is not under /mnt/share)."""
    assert netpath.is_network_path(path, platform="linux") is None


def test_old_proc_mounts_layout_is_understood(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "mounts"
    table.write_text("/dev/sda1 / ext4 rw 0 0\nserver:/x /data nfs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(netpath, "MOUNT_TABLE", table)
    assert netpath.is_network_path("/data/trygg.db", platform="linux") == "nfs"
    assert netpath.is_network_path("/home/trygg.db", platform="linux") is None


def test_unreadable_mount_table_means_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netpath, "MOUNT_TABLE", tmp_path / "missing")
    assert netpath.is_network_path("/mnt/share/trygg.db", platform="linux") is None


def test_the_real_temp_folder_is_local(tmp_path: Path) -> None:
    assert netpath.is_network_path(tmp_path / "trygg.db") is None


@pytest.mark.parametrize("path", [r"\\fileserver\social\trygg.db", "//fileserver/social/trygg.db",
                                  r"\\?\UNC\fileserver\social\trygg.db"])
def test_windows_unc_paths_are_refused(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netpath, "drive_type", lambda root: 3)  # DRIVE_FIXED: must not matter
    assert netpath.is_network_path(path, platform="win32") == "unc"


def test_windows_mapped_drive_uses_the_drive_type(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake(root: str) -> int:
        asked.append(root)
        return netpath.DRIVE_REMOTE if root == "Z:\\" else 3

    monkeypatch.setattr(netpath, "drive_type", fake)
    assert netpath.is_network_path(r"Z:\Trygg\trygg.db", platform="win32") == "remote_drive"
    assert netpath.is_network_path(r"z:/Trygg/trygg.db", platform="win32") == "remote_drive"
    assert netpath.is_network_path(r"\\?\Z:\Trygg\trygg.db", platform="win32") == "remote_drive"
    assert netpath.is_network_path(r"C:\Users\anna\trygg.db", platform="win32") is None
    assert "Z:\\" in asked and "C:\\" in asked


# -- the services refuse, before touching anything ----------------------------------------
@pytest.fixture
def everything_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netpath, "is_network_path", lambda path, platform=None: "cifs")


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_init_refuses_and_creates_nothing(tmp_path: Path, everything_remote: None) -> None:
    target = tmp_path / "new.db"
    with pytest.raises(NetworkPathRefused) as info:
        init_database(target, "admin", ADMIN_PASSWORD)
    err = info.value
    assert err.code == "db.network_path" and err.exit_code == EXIT_INVALID
    assert err.params["reason"] == "cifs"
    assert "lock" in err.message.lower() and "server mode" in err.message.lower()  # says why
    assert not target.exists() and not key_file_for(target).exists()


def test_unlock_and_recovery_refuse_and_change_nothing(template_db: Path, tmp_path: Path, state_dir: Path,
                                                       everything_remote: None) -> None:
    path = copy_database(template_db, tmp_path)
    before = _hashes(tmp_path)
    with pytest.raises(NetworkPathRefused):
        unlock(path, "admin", ADMIN_PASSWORD)
    with pytest.raises(NetworkPathRefused):
        unlock_with_recovery(path, "0" * 26)
    assert _hashes(tmp_path) == before
    assert not any(state_dir.iterdir()), "a refused open must not count as a failed attempt"


def test_unlock_on_a_mapped_drive_is_refused(template_db: Path, tmp_path: Path, state_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The R28 wording: monkeypatch the drive-type check, go through ``unlock``."""
    path = copy_database(template_db, tmp_path)
    monkeypatch.setattr(netpath.sys, "platform", "win32")
    monkeypatch.setattr(netpath, "drive_type", lambda root: netpath.DRIVE_REMOTE)
    with pytest.raises(NetworkPathRefused) as info:
        unlock(Path("Z:/Trygg") / path.name, "admin", ADMIN_PASSWORD)
    assert info.value.params["reason"] == "remote_drive"
    monkeypatch.setattr(netpath, "drive_type", lambda root: 3)
    monkeypatch.setattr(netpath.sys, "platform", "linux")
    db, _actor = unlock(path, "admin", ADMIN_PASSWORD)  # the same file on a local disk opens
    db.close()
