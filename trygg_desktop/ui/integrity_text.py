"""The words for integrity trouble: a damaged database (R29), a refused network
path (R28) and backup/restore failures. Shared by the unlock screen, the
first-run dialog and the backup dialogs, so the guidance reads the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from ..api.errors import NetworkPathRefused, TryggError
from ..domain.timefmt import fmt_datetime
from .errors import error_text

CTX = "Integrity"

BACKUP_MESSAGES: dict[str, str] = {
    "backup.dest_exists": QT_TRANSLATE_NOOP(
        "Integrity", "A database already exists at that path. Restore to a new file name."),
    "backup.out_exists": QT_TRANSLATE_NOOP("Integrity", "A file already exists at that path. Choose a new name."),
    "backup.no_folder": QT_TRANSLATE_NOOP("Integrity", "The folder does not exist."),
    "backup.credentials": QT_TRANSLATE_NOOP(
        "Integrity", "Give an administrator's user name and password, or the recovery code."),
    "backup.copy_damaged": QT_TRANSLATE_NOOP(
        "Integrity", "The backup copy failed its integrity check. Try an older backup."),
    "backup.chain_broken": QT_TRANSLATE_NOOP(
        "Integrity", "The audit log inside the backup is broken. Try an older backup and contact IT."),
    "backup.malformed": QT_TRANSLATE_NOOP("Integrity", "The file is not a readable Trygg backup."),
    "backup.verify_failed": QT_TRANSLATE_NOOP(
        "Integrity", "The backup did not read back correctly and was removed. Check the disk and try again."),
    "backup.no_recovery_slot": QT_TRANSLATE_NOOP(
        "Integrity", "The key file has no recovery slot, so a backup could never be restored. Contact IT."),
    "container.wrong_secret": QT_TRANSLATE_NOOP(
        "Integrity", "The password or recovery code does not open this backup. Only administrators at the "
                     "time of the backup, and the recovery code, can open it."),
    "container.not_container": QT_TRANSLATE_NOOP("Integrity", "The file is not a Trygg backup."),
    "container.truncated": QT_TRANSLATE_NOOP("Integrity", "The backup file is incomplete (cut off)."),
    "container.version": QT_TRANSLATE_NOOP("Integrity", "The backup was made by a newer version of Trygg Desktop."),
    "container.missing": QT_TRANSLATE_NOOP("Integrity", "The backup file was not found."),
    "recovery.format": QT_TRANSLATE_NOOP(
        "Integrity", "A recovery code has 26 letters and digits (dashes and spaces are ignored)."),
    "db.damaged": QT_TRANSLATE_NOOP(
        "Integrity", "The database failed its integrity check, so it was not backed up (a damaged copy "
                     "would push good backups out). Restore the newest backup or contact IT."),
}


def breakable(path: str) -> str:
    """A long path may wrap after each separator (a zero-width space after it)."""
    return path.replace("/", "/\u200b").replace("\\", "\\\u200b")


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def message_for(exc: BaseException) -> str:
    """Backup/restore/network failures in words; everything else as ui.errors says."""
    if isinstance(exc, NetworkPathRefused):
        return network_refusal_text()
    if isinstance(exc, TryggError) and exc.code in BACKUP_MESSAGES:
        return tr(BACKUP_MESSAGES[exc.code])
    if isinstance(exc, TryggError) and exc.code.startswith("container."):
        return tr("The backup file is damaged or has been altered (%1). Try another backup.").replace("%1", exc.code)
    return error_text(exc)


def network_refusal_text() -> str:
    """R28: say what, why and what to do instead."""
    return tr("The database is on a network drive or shared folder, and Trygg Desktop does not open databases "
              "there. The database file relies on file locking that network file systems (SMB, NFS) do not "
              "provide reliably: two computers could write at the same time and damage the file without "
              "anyone noticing. Copy the database and its key file to this computer's own disk (for example "
              "Documents) and open it from there. To work on the same cases from several computers, use a Trygg "
              "server instead (set up by IT; the app connects with --server and the server's address).")


def damage_text(exc: TryggError, newest: object | None, backup_folder: Path | None) -> str:
    """R29: the guided message for a database that failed its health check.

    ``newest`` is a ``BackupFileInfo`` (path, created_at) or None."""
    what = (tr("The key file beside the database is missing, so the database cannot be opened.")
            if exc.code == "keyfile.missing" else
            tr("The key file is damaged or has been altered, so the database cannot be opened.")
            if exc.code.startswith("keyfile.") else
            tr("The database file is damaged and is not opened: every read must be logged, and a damaged file "
               "cannot be trusted to keep the log."))
    lines = [what, tr("Nothing has been changed on disk.")]
    if newest is not None:
        when = getattr(newest, "created_at", None)
        lines.append(tr("The newest backup is from %1:\n%2")
                     .replace("%1", fmt_datetime(when) if when else "?")
                     .replace("%2", breakable(str(getattr(newest, "path", "")))))
        lines.append(tr("Choose \u201cRestore from backup\u2026\u201d: it restores to a NEW file and leaves the "
                        "damaged one for IT. Work done after the backup has to be entered again."))
    else:
        folder = breakable(str(backup_folder)) if backup_folder is not None else ""
        lines.append(tr("No backup was found in %1. If you have a backup elsewhere, choose \u201cRestore from "
                        "backup\u2026\u201d and pick it; otherwise contact IT.").replace("%1", folder))
    return "\n".join(lines)


def backup_lookup(db_path: Path) -> tuple[object | None, Path | None]:
    """(newest backup info or None, the default backup folder) without raising."""
    try:
        from ..api.operations import default_backup_dir, newest_backup
    except ImportError:  # pragma: no cover - backups not installed
        return None, None
    try:
        return newest_backup(db_path), default_backup_dir(db_path)
    except Exception:  # noqa: BLE001 - guidance must never crash the unlock screen
        return None, default_backup_dir(db_path)
