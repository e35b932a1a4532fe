"""Plaintext files the user asked for, readable by the owner only.

A JSON export, a protocol or register-extract PDF, an audit report, an unpacked
e-archive package and a saved recovery sheet leave the encrypted database on
purpose: the user chose the path and was warned that the file is not encrypted.
They still must not be readable by every other account on the machine, which is
what ``Path.write_bytes`` gives them (0644 under the usual umask 022). So:

* POSIX: the file is created with mode 0600 and then ``fchmod``-ed to exactly
  0600, so neither the process umask nor an existing 0644 file at the path can
  widen it.
* Windows: the file would inherit the folder's ACL (often readable by every
  user of a shared PC or by a whole domain group). After creation, before any
  byte is written, ``icacls`` grants the current user full control and then
  removes the inherited entries. This is best effort: a failure (icacls
  missing, an account name it cannot resolve, a file system without ACLs) is
  not an error, the file is then as private as the folder the user chose.
* A symbolic link at the path is refused with :class:`UnsafeTarget`
  (``file.unsafe_target``), as is anything else that is not a regular file
  (a folder, a FIFO, a device): writing "through" a planted link would put
  personal data, or truncation, wherever the link points.

By default the write is atomic like ``vault.atomic`` (temp file in the same
folder, created 0600 with ``O_EXCL``, fsynced, ``os.replace``): a killed process
or a full disk never leaves a half file under the final name, and an existing
file there survives a failed write. The rename also replaces a link instead of
following it, so even a link planted between the check and the rename never
gets written through. The price: after SIGKILL or a power cut a
``<name>.tmp-<random>`` sibling (0600, plaintext) can stay behind in the chosen
folder. ``atomic=False`` writes straight to the path instead (``O_NOFOLLOW``,
``O_TRUNC``) for callers that promise to touch no other file at all (the GUI's
"Save as PDF", whose R24 guard allows exactly the chosen file).
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from ..domain.errors import ValidationError
from .atomic import atomic_open

_WINDOWS = os.name == "nt"
MODE = 0o600
_BASE_FLAGS = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class UnsafeTarget(ValidationError):
    """The chosen output path is a symbolic link or not a regular file; nothing was written."""

    code = "file.unsafe_target"
    default_message = "The output path is a symbolic link or not a regular file; nothing was written"


def _refuse(path: Path) -> UnsafeTarget:
    return UnsafeTarget(f"Refusing to write {path.name}: it is a symbolic link or not a regular file")


def _check_target(path: Path) -> None:
    """Refuse a link or a non-regular file at ``path`` (a missing path is fine)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise _refuse(path)


@contextmanager
def open_private(path: Path, *, atomic: bool = True) -> Iterator[BinaryIO]:
    """A binary file object that ends up as ``path`` with owner-only access.

    The content is flushed and fsynced when the block ends without an exception;
    with ``atomic`` (the default) only then does it appear under ``path``, and an
    exception removes the temp file and leaves ``path`` as it was. Raises
    :class:`UnsafeTarget` for a link or non-regular file at ``path``, ``OSError``
    when the file cannot be written.
    """
    path = Path(path)
    _check_target(path)
    if atomic:
        with _atomic(path) as out:
            yield out
    else:
        with _in_place(path) as out:
            yield out


def write_private(path: Path, data: bytes, *, atomic: bool = True) -> None:
    """Write ``data`` to ``path``, readable and writable by the owner only (see the module)."""
    with open_private(path, atomic=atomic) as out:
        out.write(data)


@contextmanager
def _atomic(path: Path) -> Iterator[BinaryIO]:
    restricted: list[bool] = []
    prepare = (lambda fd, temp: restricted.append(_restrict_windows_acl(temp))) if _WINDOWS else None
    with atomic_open(path, mode=MODE, prepare=prepare) as out:  # 0600 + fchmod, O_EXCL/O_NOFOLLOW
        yield out
    if _WINDOWS and not any(restricted):
        _restrict_windows_acl(path)  # second chance on the closed, renamed file


@contextmanager
def _in_place(path: Path) -> Iterator[BinaryIO]:
    try:
        fd = os.open(path, _BASE_FLAGS | os.O_TRUNC | _NOFOLLOW, MODE)
    except OSError as exc:
        # ELOOP: a link appeared after the check (or is refused by O_NOFOLLOW); some BSDs say EMLINK.
        if exc.errno in (errno.ELOOP, errno.EMLINK) and _NOFOLLOW:
            raise _refuse(path) from None
        raise
    restricted = False
    with os.fdopen(fd, "wb") as out:
        if not stat.S_ISREG(os.fstat(out.fileno()).st_mode):
            raise _refuse(path)
        restricted = _tighten(out.fileno(), path)
        yield out
        out.flush()
        os.fsync(out.fileno())
    if _WINDOWS and not restricted:
        _restrict_windows_acl(path)


def _tighten(fd: int, path: Path) -> bool:
    """Make the open, still empty file owner-only. Returns whether that is known to have worked."""
    if not _WINDOWS:
        os.fchmod(fd, MODE)  # exact mode whatever the umask, also for an existing 0644 file
        return True
    return _restrict_windows_acl(path)


def _restrict_windows_acl(path: Path) -> bool:
    """Best effort (Windows): full control for the current user, no inherited entries.

    Two ``icacls`` runs, in this order, so a failed grant can never leave a file
    its own user cannot open: first ``/grant:r <user>:F``, and only if that worked
    ``/inheritance:r``. icacls comes from System32 by full path (not from PATH),
    runs without a shell or a console window, and its output is discarded: it
    may name the path, which may name a person. Returns True when both ran OK.
    """
    user = os.environ.get("USERNAME")
    if not _WINDOWS or not user:
        return False
    domain = os.environ.get("USERDOMAIN")
    principal = f"{domain}\\{user}" if domain else user
    icacls = Path(os.environ.get("SystemRoot", r"C:\Windows")) / "System32" / "icacls.exe"
    for args in (["/grant:r", f"{principal}:F"], ["/inheritance:r"]):
        try:
            result = subprocess.run([str(icacls), str(path), *args], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                                    timeout=30, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except (OSError, subprocess.SubprocessError):
            return False
        if result.returncode != 0:
            return False
    return True
