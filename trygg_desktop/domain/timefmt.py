"""How times are shown: the one place for the display zone and the printed formats.

The UI, the PDFs and the CLI format every time through this module (no ``strftime`` or
``astimezone`` of their own). Two kinds of time reach the screen and the paper:

* **Stored instants** (audit events, grants, journal "written at", disclosures):
  aware datetimes (the store's ``UtcDateTime`` returns aware UTC). ``from_utc`` turns
  them into local wall time; ``fmt_instant`` refuses a naive value (it has no zone).
* **Wall times** (a meeting's start, an EST incident's time): naive local times as the
  user entered them; an aware value is converted to local (``local``), so ``fmt_date``,
  ``fmt_datetime``, ``fmt_clock`` and the print functions take either kind.

The display zone is the machine's local zone, which for this product is
Europe/Stockholm (the municipality's computers); taking it from the machine keeps
the test machines' output and the shipped app's output the same code path and
leaves daylight-saving rules to the OS. Formats: the screen writes ISO dates and
24-hour clock times with a colon (``2026-11-22 14:05``, the log with seconds); printed
documents use the Swedish style with a full stop and "kl." (``2026-11-22 kl. 14.05``,
spans ``14.00–15.15``). Only the standard library is used (domain layer).
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

DATE = "%Y-%m-%d"
MINUTES = "%Y-%m-%d %H:%M"
SECONDS = "%Y-%m-%d %H:%M:%S"
CLOCK = "%H:%M"
PRINT_CLOCK = "%H.%M"
NBSP = "\u00a0"


def local(value: datetime) -> datetime:
    """A wall time as naive local time: naive values are already local; aware ones are converted."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def from_utc(value: datetime) -> datetime:
    """A stored instant (aware) as naive local time."""
    if value.tzinfo is None:
        raise ValueError(f"an instant must be aware; got the naive {value.isoformat()}")
    return value.astimezone().replace(tzinfo=None)


def utc_midnight(day: date) -> datetime:
    """Local midnight at the start of ``day`` as the aware UTC instant stored instants compare with."""
    return datetime.combine(day, time()).astimezone(timezone.utc)


# -- on screen --------------------------------------------------------------------------


def fmt_date(value: date | datetime | None) -> str:
    """2026-11-22 ("" for None); a datetime's local day."""
    if value is None:
        return ""
    return (local(value) if isinstance(value, datetime) else value).strftime(DATE)


def fmt_datetime(value: datetime | None) -> str:
    """2026-11-22 14:05 for a wall time ("" for None)."""
    return "" if value is None else local(value).strftime(MINUTES)


def fmt_clock(value: datetime | None) -> str:
    """14:05, the local clock time of a wall time or an instant ("" for None)."""
    return "" if value is None else local(value).strftime(CLOCK)


def fmt_span(start: datetime, end: datetime | None) -> str:
    """2026-11-22 14:00–15:30 (an en dash, no spaces), or only the start."""
    return fmt_datetime(start) + (f"–{fmt_clock(end)}" if end is not None else "")


def fmt_instant(value: datetime | None, fmt: str = MINUTES) -> str:
    """A stored instant in local time, 2026-11-22 14:05 by default ("" for None)."""
    return "" if value is None else from_utc(value).strftime(fmt)


# -- on paper ----------------------------------------------------------------------------


def print_time(value: datetime | None) -> str:
    """Swedish clock time with a full stop: 14.05 ("" for None)."""
    return local(value).strftime(PRINT_CLOCK) if value is not None else ""


def print_datetime(value: datetime | None) -> str:
    """2026-11-22 kl. 14.05 (a no-break space after "kl.")."""
    if value is None:
        return ""
    return f"{fmt_date(value)} kl.{NBSP}{print_time(value)}"


def print_span(start: datetime, end: datetime | None) -> str:
    """14.00–15.15 (an en dash, no spaces), or only the start time."""
    return f"{print_time(start)}–{print_time(end)}" if end is not None else print_time(start)
