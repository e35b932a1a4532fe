"""Is this database path on a network file system? (R28)

SQLite's locking and its WAL index (the ``-shm`` file is shared memory) rely on
POSIX/Win32 byte-range locks and ``mmap`` behaving exactly as on a local disk.
SMB, NFS and FUSE network mounts do not guarantee that: two machines can both
believe they hold the write lock, and the WAL index is not shared between hosts,
so the file can be corrupted silently (sqlite.org/useovernet.html). We therefore
refuse to create or open a database on such a path; shared use by several
machines is a job for the future server mode, not for a file on a share.

The probes are module attributes so tests can replace them:

* ``drive_type(root)`` – Windows ``GetDriveTypeW`` (``DRIVE_REMOTE`` = 4 for a
  mapped network drive);
* ``MOUNT_TABLE`` – the Linux mount table (``/proc/self/mountinfo``);
* ``mac_fs_type(path)`` – macOS ``statfs`` (file-system type name and the
  ``MNT_LOCAL`` flag) through ctypes, no subprocess.

When a probe cannot answer (no ``/proc``, an unknown libc), the path is treated
as local: the check is a guard against a common mistake, not a security boundary.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

from ..domain.errors import NetworkPathRefused

DRIVE_REMOTE = 4
MOUNT_TABLE = Path("/proc/self/mountinfo")

# Linux/BSD file-system types that live on another machine.
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb", "ncpfs", "ncp", "afs", "openafs", "coda", "9p",
    "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "davfs", "webdav", "afpfs", "sshfs",
    "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.glusterfs", "fuse.ceph", "fuse.cephfs", "fuse.davfs",
    "fuse.gvfsd-fuse", "fuse.smbnetfs", "fuse.curlftpfs", "fuse.goofys", "fuse.gcsfuse", "fuse.juicefs",
})


# -- Windows -----------------------------------------------------------------------------
def _get_drive_type(root: str) -> int:
    """``GetDriveTypeW`` for a root such as ``Z:\\`` (0 when not on Windows)."""
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


drive_type = _get_drive_type  # replaced in tests (R28: "monkeypatch the drive-type check")


def _windows_reason(text: str) -> str | None:
    norm = text.replace("/", "\\")
    upper = norm.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        return "unc"
    if upper.startswith("\\\\?\\") or upper.startswith("\\\\.\\"):
        norm = norm[4:]  # a long-path prefix on a drive letter: look at the drive
    elif norm.startswith("\\\\"):
        return "unc"
    if len(norm) >= 2 and norm[1] == ":" and norm[0].isalpha():
        if drive_type(norm[0].upper() + ":\\") == DRIVE_REMOTE:
            return "remote_drive"
    return None


# -- Linux -------------------------------------------------------------------------------
def _unescape(field: str) -> str:
    """Mount points escape space, tab, newline and backslash as octal (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit() and len(field[i + 1:i + 4]) == 3:
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _mounts(table: Path) -> list[tuple[str, str]]:
    """(mount point, fstype) pairs from mountinfo (or the older /proc/mounts layout)."""
    try:
        lines = table.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    result = []
    for line in lines:
        parts = line.split()
        if " - " in line:  # mountinfo: "... mount_point options [optional...] - fstype source superopts"
            left, right = line.split(" - ", 1)
            lparts, rparts = left.split(), right.split()
            if len(lparts) >= 5 and rparts:
                result.append((_unescape(lparts[4]), rparts[0]))
        elif len(parts) >= 3:  # /proc/mounts: "source mount_point fstype options 0 0"
            result.append((_unescape(parts[1]), parts[2]))
    return result


def _linux_reason(path: Path) -> str | None:
    target = str(path)
    best, best_type = "", ""
    for mount_point, fstype in _mounts(MOUNT_TABLE):
        mp = mount_point.rstrip("/") or "/"
        inside = target == mp or target.startswith(mp if mp == "/" else mp + "/")
        if inside and len(mp) >= len(best):
            best, best_type = mp, fstype
    fstype = best_type.lower()
    return fstype if fstype in NETWORK_FS_TYPES else None


# -- macOS -------------------------------------------------------------------------------
MNT_LOCAL = 0x00001000


class _MacStatfs(ctypes.Structure):
    """``struct statfs`` with 64-bit inodes (the only layout on current macOS)."""

    _fields_ = [("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32), ("f_blocks", ctypes.c_uint64),
                ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
                ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2), ("f_owner", ctypes.c_uint32),
                ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
                ("f_fstypename", ctypes.c_char * 16), ("f_mntonname", ctypes.c_char * 1024),
                ("f_mntfromname", ctypes.c_char * 1024), ("f_flags_ext", ctypes.c_uint32),
                ("f_reserved", ctypes.c_uint32 * 7)]


def _get_mac_fs_type(path: Path) -> tuple[str, bool] | None:
    """(file-system type name, is local) from ``statfs``; None if it cannot be asked."""
    try:
        libc = ctypes.CDLL("libc.dylib", use_errno=True)
        fn = getattr(libc, "statfs$INODE64", None) or libc.statfs
        buf = _MacStatfs()
        if fn(os.fsencode(str(path)), ctypes.byref(buf)) != 0:
            return None
        return buf.f_fstypename.decode(errors="replace"), bool(buf.f_flags & MNT_LOCAL)
    except (OSError, AttributeError):
        return None


mac_fs_type = _get_mac_fs_type


def _mac_reason(path: Path) -> str | None:
    answer = mac_fs_type(path)
    if answer is None:
        return None
    fstype, local = answer
    if fstype.lower() in NETWORK_FS_TYPES or not local:
        return fstype or "remote"
    return None


# -- entry points ------------------------------------------------------------------------
def _existing_ancestor(path: Path) -> Path:
    """The database may not exist yet (a new one, a restore target): ask about its folder."""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def is_network_path(path: Path | str, *, platform: str | None = None) -> str | None:
    """The reason (``unc``, ``remote_drive`` or the file-system type) when ``path``
    lies on a network file system; None when it is local or cannot be told."""
    platform = platform or sys.platform
    text = os.fspath(path)
    if platform.startswith("win"):
        reason = _windows_reason(text)
        if reason is None and os.name == "nt":
            # A symbolic link or junction on C: can still point at a share.
            try:
                resolved = os.path.realpath(text)
            except OSError:
                return None
            reason = _windows_reason(resolved) if resolved != text else None
        return reason
    try:
        resolved = Path(text).expanduser().resolve()  # symlinks in the existing part followed
    except OSError:
        return None
    if platform == "darwin":
        return _mac_reason(_existing_ancestor(resolved))
    return _linux_reason(resolved)


def refuse_network_path(path: Path | str) -> None:
    """Raise ``NetworkPathRefused`` (code ``db.network_path``) for a database on a share."""
    reason = is_network_path(path)
    if reason is not None:
        raise NetworkPathRefused(
            "The database is on a network drive or share. SQLite's file locking and write-ahead log are not "
            "reliable over SMB/NFS and the file can be corrupted; keep the database on this computer's own disk. "
            "Several computers work on one database through trygg-server (server mode; trygg-desktop --server URL).", reason=reason)
