"""What every part of the exchange code shares: the format's constants, errors with
JSON paths, the file's date and time notation, and the serialised form."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from typing import Any, Iterable

from ...domain.errors import ImportFormatError
from ...store.models import to_stored

FORMAT = "trygg-exchange"
VERSION = 1
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_STRING = 100_000
SCHEMA_NAME = "exchange.schema.json"


# -- Errors and JSON paths --------------------------------------------------------------------------

def fail(code: str, path: str, problem: str, **extra: Any) -> ImportFormatError:
    """The error for ``problem`` at JSON ``path`` (never with the offending value: it may be personal data)."""
    return ImportFormatError(f"{path}: {problem}", code=code, path=path, problem=problem, **extra)


_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def format_path(parts: Iterable[str | int]) -> str:
    """``$.cases[3]["odd key"]`` from ``["cases", 3, "odd key"]`` (long keys clipped)."""
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path = f"{path}[{part}]"
        elif _IDENT_RE.fullmatch(part):
            path = f"{path}.{part}"
        else:
            path = f"{path}[{json.dumps(_clip(part), ensure_ascii=False)}]"
    return path


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_SAFE_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")


def code_repr(value: Any) -> str:
    """Show a value in a message only when it looks like a code (never names, text or numbers)."""
    if isinstance(value, str) and _SAFE_CODE_RE.fullmatch(value):
        return repr(value)
    return "the value"


# -- Dates and times: ORM value -> file text ---------------------------------------------------------

def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_utc(value: datetime | None) -> str | None:
    """An aware instant as the file's UTC text, ``2026-11-22T13:05:00Z`` (a naive one is refused)."""
    return to_stored(value).isoformat() + "Z" if value is not None else None


def iso_local(value: datetime | None) -> str | None:
    return value.replace(tzinfo=None).isoformat() if value is not None else None


# -- ... and file text -> ORM value (the schema has checked the form) --------------------------------

def read_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def read_utc(value: str | None) -> datetime | None:
    """The file's ``…Z`` text as an aware UTC instant."""
    return datetime.fromisoformat(value[:-1]).replace(tzinfo=timezone.utc) if value is not None else None


def read_local(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


# -- Meeting records as columns (the import and the protocol-hash check both build them) ------------

def attendee_values(a: dict[str, Any]) -> dict[str, Any]:
    return dict(name=a["name"], function=a.get("function"), organisation=a.get("organisation"),
                agency_code=a.get("agency"), meeting_role=a.get("meeting_role", "DELTAGARE"),
                present=a.get("present", True), part_note=a.get("part_note"))


def agenda_values(i: dict[str, Any]) -> dict[str, Any]:
    return dict(number=int(i["number"]), heading=i["heading"], note=i.get("note"), decision=i.get("decision"),
                owning_agency=i.get("owning_agency"), visibility=i.get("visibility", "SHARED"),
                information_category=i.get("information_category"))


def to_bytes(doc: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON: sorted keys, two-space indent, non-ASCII kept."""
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")
