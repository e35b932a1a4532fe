"""The backups beside a database: where they go, which exist, and what each file's header says.

Read without any secret (the container's header is plaintext metadata: format, database id,
time, reason), so the unlock screen can name the newest backup of a database that will not
open, and the backup dialogs can list them. Writing and pruning is ``backup``; restoring is
``restore``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..domain.errors import TryggError
from ..vault.container import read_meta

FORMAT = "trygg-backup"
SUFFIX = ".tdbk"


@dataclass(frozen=True, slots=True)
class BackupFileInfo:
    """One file in a backup folder, read from its header only (no secret needed)."""

    path: Path
    created_at: datetime | None
    db_uuid: str | None
    size: int
    reason: str | None = None
    damaged: bool = False


def default_backup_dir(db_path: Path) -> Path:
    """``case.db`` → ``case.db.backups`` beside the database."""
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.name}.backups"


def parse_time(value: Any) -> datetime | None:
    """A time written into a backup's metadata, or None when it is missing or not a time."""
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def backup_file_info(path: Path) -> BackupFileInfo:
    """Header facts of one file; anything unreadable or foreign is marked damaged, never raised."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    try:
        meta = read_meta(path)
    except (TryggError, OSError):
        return BackupFileInfo(path=path, created_at=None, db_uuid=None, size=size, damaged=True)
    if meta.get("format") != FORMAT:
        return BackupFileInfo(path=path, created_at=None, db_uuid=None, size=size, damaged=True)
    db_uuid = meta.get("db_uuid")
    return BackupFileInfo(path=path, created_at=parse_time(meta.get("created_at")),
                          db_uuid=db_uuid if isinstance(db_uuid, str) else None, size=size,
                          reason=meta.get("reason") if isinstance(meta.get("reason"), str) else None,
                          damaged=False)


def _sort_key(info: BackupFileInfo) -> tuple[datetime, str]:
    return (info.created_at or datetime.min.replace(tzinfo=timezone.utc), info.path.name)


def backups_in(folder: Path) -> list[BackupFileInfo]:
    """Every ``*.tdbk`` file in ``folder``, newest first (an unreadable folder: none)."""
    try:
        files = [p for p in Path(folder).glob(f"*{SUFFIX}") if p.is_file()]
    except OSError:
        return []
    return sorted((backup_file_info(p) for p in files), key=_sort_key, reverse=True)


def list_backups(db_path: Path) -> list[BackupFileInfo]:
    """The backups in the database's default backup folder, newest first."""
    return backups_in(default_backup_dir(db_path))


def newest_backup(db_path: Path) -> BackupFileInfo | None:
    """The newest readable backup of ``db_path`` (for the guided restore after R29)."""
    for info in list_backups(db_path):
        if not info.damaged:
            return info
    return None
