"""Crash-safe whole-file replacement (SECURITY.md R9).

The key file is the only way into the database: a torn write would lock every
user out. So we never write it in place. The new content goes to a temp file in
the same directory (``os.replace`` is only atomic within one file system), is
fsynced, and is then renamed over the target; the directory is fsynced so the
rename itself survives a power cut. A crash at any moment leaves either the old
or the new file, never a mix. A leftover temp file (after SIGKILL or power
loss) is never read by anyone and can be deleted at leisure.

The temp file is created with its final permissions (0o600) in the same
``os.open`` call that creates it, so there is no window in which another local
user could open it (permission-first, as Electrum does for wallet files).
"""

from __future__ import annotations

import os
import secrets
import time
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

_WINDOWS = os.name == "nt"


def _fsync_directory(directory: Path) -> None:
    """Persist the rename. POSIX only: Windows cannot open a directory for fsync.

    Errors are swallowed on purpose: the new file is already in place, a file
    system that cannot fsync directories (some FUSE/network mounts) only loses
    power-cut durability, and the caller could do nothing useful with the error.
    """
    if _WINDOWS:
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace(source: Path, target: Path) -> None:
    """``os.replace`` with a short retry on Windows, where antivirus or an indexer
    briefly holding the target open makes the rename fail with PermissionError."""
    attempts = 5 if _WINDOWS else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def atomic_write(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new bytes only."""
    atomic_write_with(path, lambda out: out.write(data), mode=mode)


def atomic_write_with(path: Path, write: Callable[[BinaryIO], object], *, mode: int = 0o600) -> None:
    """:func:`atomic_write` for content produced piece by piece (the encrypted
    containers stream gigabytes through ``write`` without holding them in memory)."""
    with atomic_open(path, mode=mode) as out:
        write(out)


@contextmanager
def atomic_open(path: Path, *, mode: int = 0o600,
                prepare: Callable[[int, Path], object] | None = None) -> Iterator[BinaryIO]:
    """The file object behind :func:`atomic_write_with`: the content appears under ``path``
    only when the block ends without an exception; otherwise the temp file is removed and
    ``path`` is as it was. ``prepare(fd, temp)`` runs on the still empty temp file (the
    private outputs restrict its Windows ACL there, before any byte is written)."""
    path = Path(path)
    directory = path.parent
    temp = directory / f"{path.name}.tmp-{secrets.token_hex(8)}"
    flags = (
        os.O_WRONLY
        | os.O_CREAT
        | os.O_EXCL  # never reuse or follow something an attacker planted
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    fd = os.open(temp, flags, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            if not _WINDOWS:
                os.fchmod(out.fileno(), mode)  # exact mode regardless of the process umask
            if prepare is not None:
                prepare(out.fileno(), temp)
            yield out
            out.flush()
            os.fsync(out.fileno())
        _replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_directory(directory)
