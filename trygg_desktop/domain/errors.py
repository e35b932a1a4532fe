"""Errors that carry a stable code and parameters.

The UI and the CLI translate codes into messages; logs record codes only, so no
personal data ever leaks through an exception message written to a log. Each
error also has an ``exit_code`` so the CLI can map failures to the documented
exit codes (2 usage, 3 authentication, 4 invalid input, 5 integrity).
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_INVALID = 4
EXIT_INTEGRITY = 5


class TryggError(Exception):
    """Base for every expected failure. ``code`` is stable, ``params`` hold details."""

    code = "error"
    exit_code = EXIT_INVALID
    default_message = "Operation failed"

    def __init__(self, message: str | None = None, *, code: str | None = None, **params: Any) -> None:
        if code is not None:
            self.code = code
        self.params = params
        self.message = message or self.default_message
        super().__init__(self.message)

    def __repr__(self) -> str:  # never echo params: they may hold user input
        return f"{type(self).__name__}(code={self.code!r})"


class ValidationError(TryggError):
    """Input that breaks a domain rule; nothing was written."""

    code = "invalid"
    default_message = "Invalid input"


class PersonnummerError(ValidationError):
    code = "personnummer.invalid"
    default_message = "Invalid personnummer"


class InvalidTransition(ValidationError):
    code = "lifecycle.invalid_transition"
    default_message = "That status change is not allowed"


class NotFound(TryggError):
    code = "not_found"
    default_message = "Not found"


class AccessDenied(TryggError):
    code = "access.denied"
    exit_code = EXIT_AUTH
    default_message = "You are not allowed to do that"


class AuthenticationError(TryggError):
    code = "auth.failed"
    exit_code = EXIT_AUTH
    default_message = "Authentication failed"


class WrongPassword(AuthenticationError):
    code = "auth.wrong_password"
    default_message = "Wrong user name or password"


class Throttled(AuthenticationError):
    """Too many failed attempts; ``params['retry_after']`` says how many seconds to wait."""

    code = "auth.throttled"
    default_message = "Too many failed attempts; wait before trying again"


class IntegrityFailure(TryggError):
    """Tampering or corruption was detected in the database, key file or audit log."""

    code = "integrity.failed"
    exit_code = EXIT_INTEGRITY
    default_message = "Integrity check failed"


class KeyFileError(IntegrityFailure):
    code = "keyfile.invalid"
    default_message = "The key file is damaged or does not belong to this database"


class EditConflict(ValidationError):
    """A save made with an older version than the stored one: a colleague saved in between.

    Nothing was written; ``params['saved']`` holds the stored version's fields (and its
    ``version``) so the editor can show both and let the user choose. Codes end in
    ``.conflict`` (HTTP 409 in server mode)."""

    code = "edit.conflict"
    default_message = "Someone else saved this in the meantime"


class ImportFormatError(ValidationError):
    """A bad import file; ``params['path']`` is the JSON path of the problem."""

    code = "import.format"
    default_message = "The import file is not valid"


class DatabaseLocked(TryggError):
    code = "db.locked"
    exit_code = EXIT_INVALID
    default_message = "The database is in use by another program"


class NetworkPathRefused(TryggError):
    """R28: the database is on a share. SQLite's locks and WAL index are unreliable over
    SMB/NFS, so the file could be corrupted; ``params['reason']`` names the file system."""

    code = "db.network_path"
    exit_code = EXIT_INVALID
    default_message = "Databases on network drives are not supported"


class ContainerError(IntegrityFailure):
    """An R23 "CMX1" container (backup or export file) could not be opened.

    The exit code follows the code: tampering/truncation is an integrity
    failure (5), a file that is not a container or has an unknown version is
    invalid input (4), a wrong passphrase/password/recovery code is an
    authentication failure (3).
    """

    code = "container.tampered"
    default_message = "The file has been altered or damaged"

    _EXIT_CODES = {
        "container.not_container": EXIT_INVALID,
        "container.version": EXIT_INVALID,
        "container.missing": EXIT_INVALID,
        "container.unreadable": EXIT_INVALID,
        "container.empty_passphrase": EXIT_INVALID,
        "container.wrong_secret": EXIT_AUTH,
    }

    def __init__(self, message: str | None = None, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message, code=code, **params)
        self.exit_code = self._EXIT_CODES.get(self.code, EXIT_INTEGRITY)

