"""The state trygg-server's workers share through PostgreSQL (services/server_state.py, 0019).

Two applications on one database stand for two workers of ``serve --workers 2``: a token from
one is honoured by the other, a logout or a removal on one ends the session on both, a
colleague's save on one rings the doorbell on the other, and failed sign-ins on both count
together. Run as the server's non-owner role, as deployed. The expiry rules are checked with a
clock that is moved, not waited for; and a real ``serve --workers 2`` process serves a session.
"""

from __future__ import annotations

import ssl
import time
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from trygg_desktop.api.server_operations import SharedChanges, SharedSessions, SharedThrottle
from trygg_desktop.server.api import create_app
from trygg_desktop.services.server_state import IDLE_MINUTES, LIFETIME_HOURS, TOUCH_SECONDS

from ..conftest import ADMIN_PASSWORD, PASSWORD
from .remote_support import serving

API = "/api/v1"


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def workers(pg_app_world):
    """Two applications ("workers") over the same database as the server role."""
    with TestClient(create_app(pg_app_world.db)) as one, TestClient(create_app(pg_app_world.db)) as two:
        yield one, two, pg_app_world


def _sign_in(client: TestClient, username: str, password: str = PASSWORD) -> httpx.Response:
    return client.post(f"{API}/session", json={"username": username, "password": password})


def test_a_token_from_one_worker_is_honoured_by_the_other_and_logout_ends_it_on_both(workers) -> None:
    one, two, _world = workers
    token = _sign_in(one, "samordnare").json()["token"]
    assert two.get(f"{API}/cases", headers=_auth(token)).status_code == 200
    assert two.get(f"{API}/session/actor", headers=_auth(token)).json()["username"] == "samordnare"
    assert two.delete(f"{API}/session", headers=_auth(token)).json() == {"closed": True}
    refused = one.get(f"{API}/cases", headers=_auth(token))
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"


def test_removing_a_user_on_one_worker_ends_their_sessions_on_the_other(workers) -> None:
    one, two, world = workers
    school = [_sign_in(one, "skola").json()["token"], _sign_in(two, "skola").json()["token"]]
    police = _sign_in(one, "polis").json()["token"]
    admin = _sign_in(two, "admin", ADMIN_PASSWORD).json()["token"]
    removed = two.post(f"{API}/users/skola/remove", headers=_auth(admin))
    assert removed.status_code == 200 and removed.json() == {"sessions_ended": 2}
    assert [one.get(f"{API}/cases", headers=_auth(t)).status_code for t in school] == [401, 401]
    assert one.get(f"{API}/cases", headers=_auth(police)).status_code == 200


def test_failed_sign_ins_on_both_workers_count_together(workers) -> None:
    one, two, _world = workers
    codes = [(one if i % 2 else two).post(f"{API}/session", json={"username": "polis", "password": f"fel {i}"})
             .status_code for i in range(6)]
    assert codes == [401] * 5 + [429]
    assert _sign_in(one, "polis").status_code == 429 and _sign_in(two, "polis").status_code == 429


def test_a_save_on_one_worker_rings_the_doorbell_of_a_colleague_on_the_other(workers) -> None:
    one, two, world = workers
    from ..scenarios import sspf_case
    built = sspf_case(world)
    mine, colleague = _sign_in(one, "samordnare").json()["token"], _sign_in(two, "socialsekreterare").json()["token"]
    first = two.get(f"{API}/changes", headers=_auth(mine)).json()
    assert first["others"] is False
    saved = one.post(f"{API}/call/journal/add", headers=_auth(colleague), json={"data": {
        "case_id": built.case_id, "event_date": date(2026, 11, 20).isoformat(), "entry_type": "ANTECKNING",
        "text": "Ny uppgift", "visibility": "SHARED"}})
    assert saved.status_code == 200, saved.text
    after = two.get(f"{API}/changes", headers=_auth(mine), params={"since": first["latest"]}).json()
    assert after["others"] is True and after["latest"] > first["latest"]
    own = one.get(f"{API}/changes", headers=_auth(colleague), params={"since": first["latest"]}).json()
    assert own["others"] is False                       # one's own save is no news, on either worker


def test_sessions_run_out_when_idle_and_at_their_lifetime_and_only_a_hash_is_stored(pg_app_world) -> None:
    now = [1_000_000.0]
    sessions = SharedSessions(pg_app_world.db.engine, clock=lambda: now[0])
    actor = pg_app_world.actors["samordnare"]
    sessions.open("k-idle", actor, "127.0.0.1")
    assert sessions.get("k-idle") == actor
    now[0] += IDLE_MINUTES * 60 + 1
    assert sessions.get("k-idle") is None and sessions.count() == 0      # idle too long: gone
    born = now[0]
    sessions.open("k-busy", actor, "127.0.0.1")
    alive = {}
    while now[0] - born < LIFETIME_HOURS * 3600 + 1200:                   # busy every ten minutes …
        now[0] += 600
        alive[now[0] - born] = sessions.get("k-busy") is not None
    assert all(ok for age, ok in alive.items() if age <= LIFETIME_HOURS * 3600)
    assert not any(ok for age, ok in alive.items() if age > LIFETIME_HOURS * 3600)   # … ends at its lifetime
    sessions.open("k-touch", actor, "127.0.0.1")
    now[0] += TOUCH_SECONDS - 1
    assert sessions.get("k-touch") == actor
    with pg_app_world.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT token_hash, actor::text FROM trygg_server.session")).all()
    assert [r.token_hash for r in rows] == ["k-touch"] and "samordnare" in rows[0][1]


def test_expiry_follows_the_database_clock_not_the_workers(pg_app_world, monkeypatch) -> None:
    """Workers on several machines must agree on when a session ran out or a sign-in wait ends:
    the times are the database's. A worker whose own clock is an hour off changes nothing."""
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)
    sessions, throttle = SharedSessions(pg_app_world.db.engine), SharedThrottle(pg_app_world.db.engine)
    actor = pg_app_world.actors["samordnare"]
    sessions.open("k", actor, "127.0.0.1")
    throttle.record_failure("t")
    with pg_app_world.db.engine.connect() as conn:
        skew = conn.execute(text("SELECT extract(epoch FROM now()) - (SELECT created FROM trygg_server.session), "
                                 "extract(epoch FROM now()) - (SELECT last FROM trygg_server.throttle)")).one()
    assert all(abs(float(x)) < 60 for x in skew), skew      # stamped with the database's now
    assert sessions.get("k") == actor
    with pg_app_world.db.engine.begin() as conn:           # 16 minutes idle by the database's clock
        conn.execute(text("UPDATE trygg_server.session SET last_seen = last_seen - :s"), {"s": IDLE_MINUTES * 60 + 60})
    assert sessions.get("k") is None


def test_the_session_row_never_holds_the_token(workers) -> None:
    one, _two, world = workers
    token = _sign_in(one, "polis").json()["token"]
    with world.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT token_hash FROM trygg_server.session")).scalars().all()
    assert stored and token not in stored and all(len(h) == 64 for h in stored)


def test_a_deactivated_account_is_refused_at_the_next_lookup(pg_app_world) -> None:
    sessions = SharedSessions(pg_app_world.db.engine)
    actor = pg_app_world.actors["polis"]
    sessions.open("a", actor, "x")
    sessions.open("b", actor, "y")
    with pg_app_world.db.engine.begin() as conn:   # an SQL fix by IT, or the CLI in another process
        conn.execute(text("UPDATE user_account SET active = false WHERE id = :id"), {"id": actor.user_id})
    assert sessions.get("a") is None and sessions.get("b") is None and sessions.count() == 0


def test_the_doorbell_tells_others_changes_from_ones_own(pg_app_world) -> None:
    feed = SharedChanges(pg_app_world.db.engine)
    assert feed.since(None, "a").others is False          # the first poll only takes the number
    n = feed.record("a")
    assert feed.since(n - 1, "a").others is False and feed.since(n - 1, "b").others is True
    assert feed.since(n, "b").others is False              # nothing new since the last poll
    assert feed.since(n + 5, "a").others is True           # a restored database: refresh to be sure


def test_a_sign_in_forgets_the_doorbells_oldest_rings(pg_app_world, monkeypatch) -> None:
    """The doorbell keeps the last ``REMEMBERED`` rings; the older go at a sign-in (rare), not
    in the changing calls, and a desktop that polls from before them refreshes."""
    from trygg_desktop.services import server_state
    monkeypatch.setattr(server_state, "REMEMBERED", 3)
    feed = SharedChanges(pg_app_world.db.engine)
    first = feed.record("a")
    for _ in range(5):
        last = feed.record("a")
    SharedSessions(pg_app_world.db.engine).open("k", pg_app_world.actors["polis"], "x")
    with pg_app_world.db.engine.connect() as conn:
        kept = conn.execute(text("SELECT seq FROM trygg_server.change ORDER BY seq")).scalars().all()
    assert kept == [last - 2, last - 1, last]
    assert feed.since(first, "a").others is True          # too long ago: refresh
    assert feed.since(last - 1, "a").others is False


def test_a_changing_call_rings_the_doorbell_in_its_own_transaction(pg_app_world) -> None:
    """The ring commits with the change, on the service's own connection: a colleague who hears
    it finds the change there, and a call that is refused and rolled back rings nothing."""
    from sqlalchemy import event

    from trygg_desktop.domain.errors import AccessDenied, NotFound
    from trygg_desktop.services.journal import JournalInput
    from trygg_desktop.services.server_state import ringing_for

    from ..scenarios import sspf_case
    built = sspf_case(pg_app_world)
    feed = SharedChanges(pg_app_world.db.engine)
    start = feed.since(None, "me").latest
    entry = JournalInput(case_id=built.case_id, event_date=date(2026, 11, 20), entry_type="ANTECKNING",
                         text="Ny uppgift", visibility="SHARED")
    checkouts: list[int] = []
    statements: list[str] = []

    def checked_out(*_args) -> None:
        checkouts.append(1)

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(" ".join(statement.split()))
    event.listen(pg_app_world.db.engine, "checkout", checked_out)
    event.listen(pg_app_world.db.engine, "before_cursor_execute", seen)
    try:
        with ringing_for("colleague") as bell:
            pg_app_world.as_("samordnare").journal.add(entry)
    finally:
        event.remove(pg_app_world.db.engine, "checkout", checked_out)
        event.remove(pg_app_world.db.engine, "before_cursor_execute", seen)
    assert bell.rang and len(checkouts) == 1            # the service's one connection, no other
    # …and no statement of its own: it rides in the audit events' one statement, the last.
    ringing = [s for s in statements if "INSERT INTO trygg_server.change" in s]
    assert ringing == [statements[-1]] and "INSERT INTO audit_event" in ringing[0], ringing
    after = feed.since(start, "me")
    assert after.others is True and after.latest == start + 1
    with ringing_for("colleague") as bell, pytest.raises((AccessDenied, NotFound)):
        pg_app_world.as_("annan").journal.add(entry)     # another unit's coordinator: refused
    assert not bell.rang and feed.since(None, "me").latest == after.latest


def test_a_call_takes_one_trip_to_a_worker_thread(workers, monkeypatch) -> None:
    """The session check, the service and the doorbell run in one worker-thread trip per call
    (FastAPI took three for a plain function with the session check as a dependency); a call
    without a valid token is still refused before any service runs."""
    import anyio.to_thread
    one, _two, world = workers
    from ..scenarios import sspf_case
    built = sspf_case(world)
    token = _sign_in(one, "samordnare").json()["token"]
    trips: list[str] = []
    real = anyio.to_thread.run_sync

    async def counted(func, *args, **kwargs):
        trips.append(getattr(func, "__name__", "?"))
        return await real(func, *args, **kwargs)
    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    saved = one.post(f"{API}/call/journal/add", headers=_auth(token), json={"data": {
        "case_id": built.case_id, "event_date": date(2026, 11, 20).isoformat(), "entry_type": "ANTECKNING",
        "text": "Ny uppgift", "visibility": "SHARED"}})
    assert saved.status_code == 200, saved.text
    assert len(trips) == 1, trips
    refused = one.post(f"{API}/call/journal/add", headers=_auth("no-such-token"), json={"data": {
        "case_id": built.case_id, "event_date": date(2026, 11, 20).isoformat(), "entry_type": "ANTECKNING",
        "text": "Ny uppgift", "visibility": "SHARED"}})
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"


def test_throttle_policy_is_the_desktops_and_a_success_resets_it(pg_app_world) -> None:
    now = [5_000.0]
    throttle = SharedThrottle(pg_app_world.db.engine, clock=lambda: now[0])
    assert [throttle.record_failure("k") for _ in range(5)] == [1, 2, 3, 4, 5]
    with pytest.raises(Exception) as refused:
        throttle.check("k")
    assert refused.value.params["retry_after"] == 30
    now[0] += 31
    throttle.check("k")
    throttle.record_success("k")
    assert throttle.record_failure("k") == 1


def test_serve_with_two_workers_serves_one_session_on_every_connection(pg_app_world, tmp_path: Path) -> None:
    with serving(pg_app_world.app_dsn, tmp_path, "--workers", "2") as (url, cert, process):
        context = ssl.create_default_context(cafile=str(cert))
        token = httpx.post(f"{url}{API}/session", json={"username": "samordnare", "password": PASSWORD},
                           verify=context).json()["token"]
        # A new connection each time: the kernel hands them to either worker.
        codes = [httpx.get(f"{url}{API}/cases", headers=_auth(token), verify=context).status_code for _ in range(20)]
        assert codes == [200] * 20
        assert len(_workers_of(process.pid)) == 2

def _workers_of(pid: int) -> list[int]:
    """The worker processes uvicorn's supervisor ``pid`` started (multiprocessing's spawn children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and b"multiprocessing" in command and b"spawn_main" in command:
            found.append(int(entry.name))
    return found
