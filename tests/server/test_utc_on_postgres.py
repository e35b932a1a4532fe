"""Stored instants on PostgreSQL: ``UtcDateTime`` over ``timestamp without time zone`` (the
columns as the migrations made them) gives back what was written, aware in UTC, whatever the
session's time zone, and refuses a naive value (tests/integration/test_utc_datetime.py has the
same on SQLCipher)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, exc, insert, select, text

from trygg_desktop.store.models import UtcDateTime

from ..integration.test_utc_datetime import AWARE


@pytest.fixture(scope="module")
def probe(pg_cluster):
    """A scratch table with one instant column, in a session whose zone is not UTC."""
    engine = create_engine(pg_cluster.dsn(), connect_args={"options": "-c timezone=Europe/Stockholm"})
    table = Table("utc_probe", MetaData(), Column("id", Integer, primary_key=True), Column("at", UtcDateTime))
    table.drop(engine, checkfirst=True)
    table.create(engine)
    yield engine, table
    table.drop(engine)
    engine.dispose()


def test_the_column_is_timestamp_without_time_zone(probe) -> None:
    engine, _table = probe
    with engine.connect() as conn:
        kind = conn.execute(text("SELECT data_type FROM information_schema.columns "
                                 "WHERE table_name = 'utc_probe' AND column_name = 'at'")).scalar()
    assert kind == "timestamp without time zone"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=AWARE)
def test_an_aware_instant_comes_back_equal_and_aware_in_utc_on_postgres(probe, value: datetime) -> None:
    engine, table = probe
    with engine.begin() as conn:
        key = conn.execute(insert(table).values(at=value)).inserted_primary_key[0]
        back = conn.execute(select(table.c.at).where(table.c.id == key)).scalar_one()
        raw = conn.execute(text("SELECT at FROM utc_probe WHERE id = :id"), {"id": key}).scalar_one()
    assert back.tzinfo is timezone.utc and back - value == timedelta(0)
    assert back == value.astimezone(timezone.utc)
    assert raw == value.astimezone(timezone.utc).replace(tzinfo=None), "stored as naive UTC, as DateTime did"


def test_a_naive_instant_is_refused_on_postgres(probe) -> None:
    engine, table = probe
    with pytest.raises(exc.StatementError, match="UtcDateTime takes aware datetimes only"):
        with engine.begin() as conn:
            conn.execute(insert(table).values(at=datetime(2026, 11, 22, 13, 5)))


def test_a_value_written_before_reads_back_as_that_utc_instant(probe) -> None:
    engine, table = probe
    with engine.begin() as conn:
        key = conn.execute(text("INSERT INTO utc_probe (at) VALUES ('2026-11-22 13:05:07.123456') RETURNING id")
                           ).scalar_one()
        back = conn.execute(select(table.c.at).where(table.c.id == key)).scalar_one()
    assert back == datetime(2026, 11, 22, 13, 5, 7, 123456, tzinfo=timezone.utc)
