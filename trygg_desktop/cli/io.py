"""Terminal input and output for the admin CLI: passwords, messages, exit codes.

Passwords never come as arguments (they would land in shell history and the
process list): the acting user's from ``TRYGG_PASSWORD`` or ``--password-file``,
a new one from ``TRYGG_NEW_PASSWORD``, otherwise an interactive prompt.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..api.errors import EXIT_USAGE, TryggError, ValidationError


class UsageError(TryggError):
    code = "usage"
    exit_code = EXIT_USAGE
    default_message = "Usage error"


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def acting_password(password_file: str | None, username: str) -> str:
    if password_file:
        try:
            text = Path(password_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Kan inte läsa lösenordsfilen: {exc.strerror}", code="usage.password_file") from None
        return text.rstrip("\r\n")
    env = os.environ.get("TRYGG_PASSWORD")
    if env is not None:
        return env
    if not _interactive():
        raise UsageError("Inget lösenord: sätt TRYGG_PASSWORD, använd --password-file eller kör i en terminal",
                         code="usage.no_password")
    return getpass.getpass(f"Lösenord för {username}: ")


def recovery_code() -> str:
    env = os.environ.get("TRYGG_RECOVERY_CODE")
    if env is not None:
        return env
    if not _interactive():
        raise UsageError("Ingen återställningskod: sätt TRYGG_RECOVERY_CODE eller kör i en terminal",
                         code="usage.no_recovery_code")
    return getpass.getpass("Återställningskod: ")


def new_password(prompt: str = "Nytt lösenord") -> str:
    env = os.environ.get("TRYGG_NEW_PASSWORD")
    if env is not None:
        return env
    if not _interactive():
        raise UsageError("Inget nytt lösenord: sätt TRYGG_NEW_PASSWORD eller kör i en terminal",
                         code="usage.no_new_password")
    first = getpass.getpass(f"{prompt}: ")
    second = getpass.getpass(f"{prompt} (igen): ")
    if first != second:
        raise ValidationError("Lösenorden stämmer inte överens", code="user.password_mismatch")
    return first


def out(text: str = "") -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def out_json(value: Any) -> None:
    out(json.dumps(_jsonable(value), ensure_ascii=False, indent=2))


def table(rows: list[list[str]], headers: list[str]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)] if rows else [len(h) for h in headers]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out(line)
    out("  ".join("-" * w for w in widths))
    for row in rows:
        out("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))


def write_output(path: Path, data: bytes, code: str) -> None:
    """Write a file the user asked for (owner-only 0600, atomic, never through a link); a failure
    is a clear input error with ``code`` ("Kan inte skriva FIL: …"), exit 4."""
    from ..vault.private_file import write_private
    try:
        write_private(path, data)
    except OSError as exc:
        raise ValidationError(f"Kan inte skriva {path.name}: {exc.strerror}", code=code) from None
