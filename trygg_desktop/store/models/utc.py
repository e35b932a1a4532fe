"""Stored instants: one column type, aware UTC in Python, the same bytes on disk as before.

Every instant the models keep (an audit event's time, a grant's expiry, "written at") is a
``UtcDateTime``. Python code only ever sees aware UTC datetimes from it and may only give it
aware ones: a naive datetime has no zone, and guessing one is how a local wall time ends up
an hour off in the audit log, so binding one is refused (``ValueError``).

What is stored is unchanged from the plain ``DateTime`` columns this replaces: naive UTC,
as SQLite text ``YYYY-MM-DD HH:MM:SS.ffffff`` and PostgreSQL ``timestamp without time zone``.
So no data migration, Alembic sees the same ``impl``, and everything that hashes or exports
the stored text (the audit chain, frozen protocol content, exchange files) is byte-identical.

Wall times (a meeting's start, when an EST incident happened) are not instants: they are
naive local times as the user entered them and stay plain ``DateTime`` columns (``WALL_TIMES``
in the models' tests lists them).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import DateTime, TypeDecorator


def utcnow() -> datetime:
    """Now, aware UTC: the default of every ``created_at`` and the time the services stamp."""
    return datetime.now(timezone.utc)


class UtcDateTime(TypeDecorator[datetime]):
    """An instant: binds aware datetimes only, stores naive UTC, returns aware UTC."""

    impl = DateTime  # timezone=False: the column as the migrations created it
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"UtcDateTime takes aware datetimes only; got the naive {value.isoformat()} "
                                 "(attach its zone, e.g. datetime.now(timezone.utc) or .astimezone())")
            return value.astimezone(timezone.utc).replace(tzinfo=None)
        if isinstance(value, date):
            raise ValueError(f"UtcDateTime takes aware datetimes only; got the date {value.isoformat()} "
                             "(which midnight? use timefmt.utc_midnight)")
        return value  # anything else: the dialect's DateTime refuses it with its own message

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        # Naive UTC as stored; an aware value (a timestamptz column) is converted to UTC.
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


# -- raw SQL (the audit review's text queries): the same rule without the ORM ------------------

def stored_text(value: datetime) -> str:
    """An aware instant as the text SQLite keeps (``2026-11-22 13:05:00.000000``, UTC), for raw SQL."""
    return to_stored(value).strftime("%Y-%m-%d %H:%M:%S.%f")


def to_stored(value: datetime) -> datetime:
    """An aware instant as the naive UTC value stored (what the column binds)."""
    stored = UtcDateTime().process_bind_param(value, None)
    if not isinstance(stored, datetime):
        raise ValueError(f"not an instant: {value!r}")
    return stored


def from_stored(value: datetime | str) -> datetime:
    """A stored value read by raw SQL (SQLite text, PostgreSQL naive timestamp) as aware UTC."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(parsed, datetime):
        raise TypeError(f"not a stored instant: {value!r}")
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)
