"""Stored instants on SQLCipher: ``UtcDateTime`` gives back what was written, aware and in UTC,
refuses a naive value with a clear error, and keeps the on-disk text the plain ``DateTime``
columns wrote before it (so databases written before it read back the same instants and
nothing needed migrating).

Which columns are wall times (plain ``DateTime``, naive local) is a decision per column:
``WALL_TIMES`` lists them and the test fails for a new datetime column nobody decided on.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, exc, insert, select, text, update

from trygg_desktop.services.audit import verify_chain
from trygg_desktop.store.models import Base, Case, JournalEntry, UtcDateTime, from_stored, stored_text, to_stored

from ..conftest import World
from ..scenarios import sspf_case

#: The wall-time columns: naive local times as people entered them, never converted.
WALL_TIMES = {
    "meeting.starts_at", "meeting.ends_at", "meeting.next_meeting_at",
    "est_incident.occurred_from", "est_incident.occurred_to",
}

#: Aware datetimes in any zone (DST folds and gaps included), within the years the product sees.
AWARE = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30),
                     timezones=st.timezones())


def _datetime_columns() -> dict[str, type]:
    found = {}
    for table in Base.metadata.sorted_tables:
        for col in table.columns:
            if isinstance(col.type, UtcDateTime):
                found[f"{table.name}.{col.name}"] = UtcDateTime
            elif isinstance(col.type, DateTime):
                found[f"{table.name}.{col.name}"] = DateTime
    return found


def test_every_datetime_column_is_an_instant_or_a_listed_wall_time() -> None:
    columns = _datetime_columns()
    walls = {name for name, kind in columns.items() if kind is DateTime}
    assert walls == WALL_TIMES, (
        "a datetime column is either an instant (UtcDateTime: aware UTC in Python) or a wall time "
        "(DateTime, naive local, listed in WALL_TIMES); decide for: "
        f"{sorted(walls - WALL_TIMES) or sorted(WALL_TIMES - walls)}")
    instants = {name for name, kind in columns.items() if kind is UtcDateTime}
    assert {"audit_event.ts", "journal_entry.written_at", "emergency_grant.expires_at"} <= instants
    assert all(isinstance(c.type.impl, DateTime) and not c.type.impl.timezone
               for t in Base.metadata.tables.values() for c in t.columns if isinstance(c.type, UtcDateTime)), \
        "the column as the migrations made it: timestamp without time zone"


@pytest.fixture
def probe(world: World):
    """A scratch table with one instant column in the world's SQLCipher file."""
    table = Table("utc_probe", MetaData(), Column("id", Integer, primary_key=True), Column("at", UtcDateTime))
    table.create(world.db.engine)
    yield world.db.engine, table
    table.drop(world.db.engine)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=AWARE)
def test_an_aware_instant_comes_back_equal_and_aware_in_utc(probe, value: datetime) -> None:
    engine, table = probe
    with engine.begin() as conn:
        key = conn.execute(insert(table).values(at=value)).inserted_primary_key[0]
        back = conn.execute(select(table.c.at).where(table.c.id == key)).scalar_one()
        raw = conn.execute(text("SELECT at FROM utc_probe WHERE id = :id"), {"id": key}).scalar_one()
    assert back.utcoffset() == timedelta(0) and back.tzinfo is timezone.utc
    assert back - value == timedelta(0), "the same instant"
    assert back == value.astimezone(timezone.utc)
    assert raw == value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f"), \
        "stored as the naive UTC text DateTime wrote"
    assert raw == stored_text(value) and from_stored(raw) == back


def test_a_naive_instant_is_refused_with_a_clear_error(world: World, probe) -> None:
    engine, table = probe
    with pytest.raises(exc.StatementError, match="UtcDateTime takes aware datetimes only; got the naive "
                                                 "2026-11-22T13:05:00"):
        with engine.begin() as conn:
            conn.execute(insert(table).values(at=datetime(2026, 11, 22, 13, 5)))
    built = sspf_case(world)
    with pytest.raises(exc.StatementError, match="aware datetimes only"):
        with world.db.session() as s:
            s.execute(update(JournalEntry).where(JournalEntry.case_id == built.case_id)
                      .values(written_at=datetime(2026, 11, 22, 13, 5)))
    with pytest.raises(ValueError, match="aware datetimes only"):
        to_stored(datetime(2026, 11, 22, 13, 5))


def test_rows_written_before_utcdatetime_read_back_the_same_instants(world: World) -> None:
    """The text the plain ``DateTime`` column stored (naive UTC) is read as that instant in UTC,
    and an instant written now is stored as that same text: the on-disk format did not change."""
    built = sspf_case(world)
    old_text = "2026-11-22 13:05:07.123456"  # what the DateTime column wrote for 13:05:07 UTC
    with world.db.engine.begin() as conn:
        conn.execute(text("UPDATE case_file SET created_at = :t WHERE id = :c"), {"t": old_text, "c": built.case_id})
    with world.db.session() as s:
        case = s.get(Case, built.case_id)
        assert case.created_at == datetime(2026, 11, 22, 13, 5, 7, 123456, tzinfo=timezone.utc)
        assert case.created_at.tzinfo is timezone.utc
        case.created_at = datetime(2026, 11, 22, 14, 5, 7, 123456, tzinfo=timezone(timedelta(hours=1)))
        case.closure_note = "touched"
    with world.db.engine.connect() as conn:
        raw = conn.execute(text("SELECT created_at FROM case_file WHERE id = :c"), {"c": built.case_id}).scalar()
    assert raw == old_text


def test_the_audit_chain_of_a_database_is_still_valid(world: World) -> None:
    """The chain hashes the stored text of each event's time: aware times in Python change nothing."""
    sspf_case(world)
    with world.db.session() as s:
        assert verify_chain(s, world.db.audit.key).ok
