"""The one time-formatting module (domain/timefmt.py): the formats the screens and PDFs print.

Run in Europe/Stockholm (set for this module) so that the conversions from stored UTC
are visible: 13:05 UTC on 22 November is 14:05 in Stockholm (winter time), 12:00 UTC
on 1 July is 14:00 (summer time).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from trygg_desktop.domain import timefmt as tf

from ..conftest import local_zone


@pytest.fixture(autouse=True)
def stockholm():
    with local_zone("Europe/Stockholm"):
        yield


UTC = timezone.utc


def test_screen_formats() -> None:
    assert tf.fmt_date(None) == tf.fmt_datetime(None) == tf.fmt_instant(None) == tf.fmt_clock(None) == ""
    assert tf.fmt_date(date(2026, 11, 22)) == "2026-11-22"
    assert tf.fmt_datetime(datetime(2026, 11, 22, 14, 5)) == "2026-11-22 14:05", "a wall time is printed as is"
    assert tf.fmt_instant(datetime(2026, 11, 22, 13, 5, tzinfo=UTC)) == "2026-11-22 14:05", "an instant is shown local"
    assert tf.fmt_instant(datetime(2026, 7, 1, 12, 0, 7, tzinfo=UTC), tf.SECONDS) == "2026-07-01 14:00:07"
    assert tf.fmt_instant(datetime(2026, 11, 22, 13, 5, tzinfo=UTC), tf.CLOCK) == "14:05"
    aware = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert tf.fmt_instant(aware) == tf.fmt_datetime(aware) == "2026-11-23 00:30"
    assert tf.fmt_date(aware) == "2026-11-23", "an aware time's local day"
    assert tf.fmt_clock(datetime(2026, 11, 22, 9, 5)) == "09:05" and tf.fmt_clock(aware) == "00:30"


def test_screen_span() -> None:
    start = datetime(2026, 11, 22, 14, 0)
    assert tf.fmt_span(start, start + timedelta(minutes=90)) == "2026-11-22 14:00–15:30"
    assert tf.fmt_span(start, None) == "2026-11-22 14:00"


def test_an_instant_without_a_zone_is_refused() -> None:
    """A naive value has no zone: guessing UTC (or local) is how a time ends up an hour off."""
    with pytest.raises(ValueError, match="aware"):
        tf.fmt_instant(datetime(2026, 11, 22, 13, 5))
    with pytest.raises(ValueError, match="aware"):
        tf.from_utc(datetime(2026, 11, 22, 13, 5))


def test_print_formats() -> None:
    start = datetime(2026, 11, 22, 14, 0)
    assert tf.print_time(start) == "14.00" and tf.print_time(None) == ""
    assert tf.print_datetime(datetime(2026, 11, 22, 14, 5)) == "2026-11-22 kl.\u00a014.05"
    assert tf.print_span(start, start + timedelta(minutes=75)) == "14.00–15.15"
    assert tf.print_span(start, None) == "14.00"
    assert tf.print_datetime(datetime(2026, 11, 22, 13, 5, tzinfo=timezone.utc)) == "2026-11-22 kl.\u00a014.05"


def test_local_days_as_stored_utc() -> None:
    assert tf.utc_midnight(date(2026, 11, 22)) == datetime(2026, 11, 21, 23, 0, tzinfo=UTC)
    assert tf.utc_midnight(date(2026, 7, 1)) == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)
    assert tf.utc_midnight(date(2026, 7, 1)).tzinfo is not None, "an instant, aware"
    assert tf.from_utc(datetime(2026, 3, 29, 1, 30, tzinfo=UTC)) == datetime(2026, 3, 29, 3, 30), \
        "after the spring change"
    assert tf.local(datetime(2026, 11, 22, 14, 5)) == datetime(2026, 11, 22, 14, 5)
