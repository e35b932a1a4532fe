"""R19 – the audit log is append-only in the schema; R18 – the HMAC chain finds and
locates every edit an attacker with raw SQL access makes (after dropping the two
append-only triggers, as an attacker holding the DEK would).

What is asserted for each edit of a log with N events (seq 1..N contiguous):

* update one field of row k            → first problem is (k, "edited")
* delete row k, k < N                  → first problem is (k, "deleted")
* delete row N (the last)              → first problem is (N, "truncated")  (meta head says N)
* swap the contents of rows i < j      → first problem has seq i, kind "edited" or "reordered"
  (the seq numbers stay, every other column including the mac moves)
* insert a forged row at k (rows k..N shifted up by one) → first problem is (k, "edited")
* append a forged row at N+1           → first problem is (N+1, "edited"), then a head mismatch
* append a forged row at N+g, g > 1    → first problem is (N+1, "deleted") (the gap)
* truncate the tail to m rows (0 ≤ m < N) → first problem is (m+1, "truncated")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import exc as sa_exc
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from trygg_desktop.services.audit import META_AUDIT_KEY, ChainProblem, verify_chain
from trygg_desktop.services.database import unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.store.engine import KeyHolder, make_engine, raw_connect
from trygg_desktop.store.models import Meta
from trygg_desktop.vault.throttle import Throttle

from ..conftest import ADMIN_PASSWORD, World, copy_database

COLUMNS = ("ts", "user_id", "username", "role", "agency", "action", "entity", "entity_id", "case_id",
           "person_id", "purpose", "detail", "workstation", "flags", "mac")
TARGET_EVENTS = 40


# --------------------------------------------------------------------------- R19

@pytest.mark.parametrize("sql", [
    "UPDATE audit_event SET action = 'NOTHING' WHERE seq = 1",
    "UPDATE audit_event SET detail = NULL",
    "DELETE FROM audit_event WHERE seq = 1",
    "DELETE FROM audit_event",
])
def test_r19_update_and_delete_are_refused(world: World, sql: str) -> None:
    with world.db.session() as s:
        before = s.execute(select(Meta.value).where(Meta.key == "audit_head")).scalar()
        rows_before = s.execute(text("SELECT count(*) FROM audit_event")).scalar()
    with pytest.raises(sa_exc.DatabaseError) as info:
        with world.db.engine.begin() as conn:
            conn.exec_driver_sql(sql)
    assert "append-only" in str(info.value)
    assert isinstance(info.value, sa_exc.IntegrityError)
    with world.db.session() as s:
        assert s.execute(select(Meta.value).where(Meta.key == "audit_head")).scalar() == before
        report = verify_chain(s, world.db.audit.key)
    assert report.ok and report.events == rows_before


def test_r19_insert_or_replace_is_refused(world: World) -> None:
    with pytest.raises(sa_exc.DatabaseError):
        with world.db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO audit_event (seq, ts, action, mac) "
                "VALUES (1, '2026-01-01 00:00:00.000000', 'FORGED', 'x')")


def test_r19_replace_is_at_least_caught_by_the_chain(world: World) -> None:
    try:
        with world.db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO audit_event (seq, ts, action, mac) "
                "VALUES (2, '2026-01-01 00:00:00.000000', 'FORGED', 'x')")
    except sa_exc.DatabaseError:
        return  # refused by the schema: even better
    with world.db.session() as s:
        report = verify_chain(s, world.db.audit.key)
    assert report.first_problem == ChainProblem(2, "edited")


def test_r18_clean_log_verifies(world: World) -> None:
    world.as_("admin").users.list_users()
    with world.db.session() as s:
        report = verify_chain(s, world.db.audit.key)
    assert report.ok, report.problems
    assert report.events == report.last_seq > 10


# --------------------------------------------------------------------------- R18

@dataclass
class Log:
    data: bytes
    dek: bytes
    audit_key: bytes
    events: int
    rows: dict[int, tuple]
    work: Path


@pytest.fixture(scope="module")
def log(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Log:
    base = tmp_path_factory.mktemp("r18")
    path = copy_database(template_db, base)
    db, admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(base / "throttle.json"))
    try:
        services = Services(db, admin)
        with db.session() as s:
            count = len(s.execute(text("SELECT seq FROM audit_event")).all())
        for _ in range(TARGET_EVENTS - count):
            services.users.list_users()
        with db.session() as s:
            rows = {r[0]: tuple(r[1:]) for r in s.execute(text(
                f"SELECT seq, {', '.join(COLUMNS)} FROM audit_event ORDER BY seq"))}
            audit_key = bytes.fromhex(s.get(Meta, META_AUDIT_KEY).value)
        dek = bytes(db.key.copy())
    finally:
        db.close()
    assert len(rows) == TARGET_EVENTS and sorted(rows) == list(range(1, TARGET_EVENTS + 1))
    return Log(data=path.read_bytes(), dek=dek, audit_key=audit_key, events=len(rows), rows=rows, work=base)


def _verify(path: Path, log: Log, anchors=()) -> list[ChainProblem]:
    engine = make_engine(path, KeyHolder(log.dek))
    try:
        with Session(engine) as s:
            return verify_chain(s, log.audit_key, anchors).problems
    finally:
        engine.dispose()


def _attack(log: Log, statements: list[tuple[str, tuple]], name: str = "attacked.db") -> Path:
    path = log.work / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(log.data)
    conn = raw_connect(path, KeyHolder(log.dek))
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DROP TRIGGER audit_event_no_update")
        conn.execute("DROP TRIGGER audit_event_no_delete")
        for sql, params in statements:
            conn.execute(sql, params)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def _changed_value(column: str, old):
    if column == "ts":
        return "1999-12-31 23:59:59.000000" if old != "1999-12-31 23:59:59.000000" else "2000-01-01 00:00:00.000000"
    if column in ("user_id", "case_id", "person_id"):
        return (old or 0) + 1
    if column == "mac":
        return ("0" if not str(old).startswith("0") else "1") + str(old)[1:]
    return (old or "") + "x"


def _forged_row(seq: int, like: tuple) -> tuple[str, tuple]:
    placeholders = ", ".join("?" for _ in range(len(COLUMNS) + 1))
    values = dict(zip(COLUMNS, like))
    values["action"] = "FORGED"
    values["mac"] = "ab" * 32
    return (f"INSERT INTO audit_event (seq, {', '.join(COLUMNS)}) VALUES ({placeholders})",
            (seq, *[values[c] for c in COLUMNS]))


def test_r18_pristine_copy_verifies(log: Log) -> None:
    assert _verify(_attack(log, []), log) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_r18_every_edit_is_detected_and_located(log: Log, data: st.DataObject) -> None:
    n = log.events
    kind = data.draw(st.sampled_from(["update", "delete", "swap", "insert", "append", "gap", "truncate"]),
                     label="edit")
    if kind == "update":
        k = data.draw(st.integers(1, n), label="k")
        column = data.draw(st.sampled_from(COLUMNS), label="column")
        old = log.rows[k][COLUMNS.index(column)]
        stmts = [(f"UPDATE audit_event SET {column} = ? WHERE seq = ?", (_changed_value(column, old), k))]
        expected = {ChainProblem(k, "edited")}
    elif kind == "delete":
        k = data.draw(st.integers(1, n), label="k")
        stmts = [("DELETE FROM audit_event WHERE seq = ?", (k,))]
        expected = {ChainProblem(k, "truncated" if k == n else "deleted")}
    elif kind == "swap":
        i = data.draw(st.integers(1, n - 1), label="i")
        j = data.draw(st.integers(i + 1, n), label="j")
        sets = ", ".join(f"{c} = ?" for c in COLUMNS)
        stmts = [(f"UPDATE audit_event SET {sets} WHERE seq = ?", (*log.rows[j], i)),
                 (f"UPDATE audit_event SET {sets} WHERE seq = ?", (*log.rows[i], j))]
        expected = {ChainProblem(i, "edited"), ChainProblem(i, "reordered")}
    elif kind == "insert":
        k = data.draw(st.integers(1, n), label="k")
        stmts = [("UPDATE audit_event SET seq = -(seq + 1) WHERE seq >= ?", (k,)),
                 ("UPDATE audit_event SET seq = -seq WHERE seq < 0", ()),
                 _forged_row(k, log.rows[k])]
        expected = {ChainProblem(k, "edited")}
    elif kind == "append":
        stmts = [_forged_row(n + 1, log.rows[n])]
        expected = {ChainProblem(n + 1, "edited")}
    elif kind == "gap":
        g = data.draw(st.integers(2, 50), label="gap")
        stmts = [_forged_row(n + g, log.rows[n])]
        expected = {ChainProblem(n + 1, "deleted")}
    else:
        m = data.draw(st.integers(0, n - 1), label="m")
        stmts = [("DELETE FROM audit_event WHERE seq > ?", (m,))]
        expected = {ChainProblem(m + 1, "truncated")}
    problems = _verify(_attack(log, stmts), log)
    assert problems, f"{kind} went undetected"
    assert problems[0] in expected, (kind, problems[:4])


def test_r18_swapping_seq_numbers_is_detected(log: Log) -> None:
    """Physically reorder two events by exchanging their seq numbers."""
    stmts = [("UPDATE audit_event SET seq = -1 WHERE seq = 5", ()),
             ("UPDATE audit_event SET seq = 5 WHERE seq = 9", ()),
             ("UPDATE audit_event SET seq = 9 WHERE seq = -1", ())]
    problems = _verify(_attack(log, stmts), log)
    assert problems and problems[0].seq == 5 and problems[0].kind in ("edited", "reordered"), problems


def test_r18_truncation_with_rewritten_head_needs_anchors(log: Log) -> None:
    """An attacker who also rewrites the head in meta hides a truncation from the
    chain alone; an exported anchor (R20) still exposes it."""
    m = 30
    head_mac = log.rows[m][COLUMNS.index("mac")]
    stmts = [("DELETE FROM audit_event WHERE seq > ?", (m,)),
             ("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{m}:{head_mac}",))]
    path = _attack(log, stmts)
    assert _verify(path, log) == []
    anchor = (log.events, log.rows[log.events][COLUMNS.index("mac")])
    assert _verify(path, log, [anchor])[0] == ChainProblem(m + 1, "truncated")

