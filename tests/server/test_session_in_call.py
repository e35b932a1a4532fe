"""A session checked inside the call (services/server_state.SharedSessions.checked_in_call).

A worker that checked a token in full moments ago checks it again in the call's first
statement instead of before the call. These tests hold that this is a shortcut and never a
way in: after a logout on another worker, a deactivation by SQL or the CLI, or an idle session,
the very next call is refused with nothing read, written or rung; a call that opens no
transaction is checked after it and its answer withheld; and a transaction that does not
start with the services' ``act_as`` sends the check first. Run as the server's non-owner role.
"""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text

from trygg_desktop.api.server_operations import IDLE_MINUTES, SharedSessions
from trygg_desktop.domain.errors import AuthenticationError
from trygg_desktop.server.api import create_app
from trygg_desktop.store.models import JournalEntry

from ..conftest import PASSWORD
from ..scenarios import sspf_case

API = "/api/v1"


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _entry(case_id: int, text_: str = "Ny uppgift") -> dict:
    return {"data": {"case_id": case_id, "event_date": date(2026, 11, 20).isoformat(), "entry_type": "ANTECKNING",
                     "text": text_, "visibility": "SHARED"}}


@pytest.fixture
def served(pg_app_world):
    """Two workers over one database, a case, and the coordinator signed in on the first one,
    whose token that worker has checked in full once (a first call)."""
    built = sspf_case(pg_app_world)
    with TestClient(create_app(pg_app_world.db)) as one, TestClient(create_app(pg_app_world.db)) as two:
        token = one.post(f"{API}/session", json={"username": "samordnare", "password": PASSWORD}).json()["token"]
        first = one.post(f"{API}/call/journal/add", headers=_auth(token), json=_entry(built.case_id, "Första"))
        assert first.status_code == 200, first.text
        yield one, two, token, built, pg_app_world


class _Watch:
    """The statements and connection checkouts of the database engine while it is open."""

    def __init__(self, engine) -> None:
        self.engine, self.statements, self.checkouts = engine, [], 0

    def _seen(self, _conn, _cursor, statement, *_args) -> None:
        self.statements.append(" ".join(statement.split()))

    def _checked_out(self, *_args) -> None:
        self.checkouts += 1

    def __enter__(self) -> _Watch:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        event.listen(self.engine, "checkout", self._checked_out)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)
        event.remove(self.engine, "checkout", self._checked_out)


def _journal_texts(world) -> list[str]:
    with world.db.session() as s:
        s.execute(text("SELECT set_config('trygg.scope', 'all', true)"))
        return [e.text for e in s.query(JournalEntry).order_by(JournalEntry.id)]


def test_a_recent_session_is_checked_in_the_calls_first_statement(served) -> None:
    one, _two, token, built, world = served
    with _Watch(world.db.engine) as watch:
        saved = one.post(f"{API}/call/journal/add", headers=_auth(token), json=_entry(built.case_id))
    assert saved.status_code == 200, saved.text
    assert watch.checkouts == 1                                      # the service's connection only
    first = watch.statements[0]
    assert "set_config('trygg.user_id'" in first and "FROM trygg_server.session" in first, watch.statements
    assert not any("trygg_server.session" in s for s in watch.statements[1:])   # and never again


def test_a_logout_on_another_worker_refuses_the_next_call_and_saves_nothing(served) -> None:
    one, two, token, built, world = served
    before = _journal_texts(world)
    with world.db.engine.connect() as conn:
        rings = conn.execute(text("SELECT count(*) FROM trygg_server.change")).scalar_one()
    assert two.delete(f"{API}/session", headers=_auth(token)).json() == {"closed": True}
    refused = one.post(f"{API}/call/journal/add", headers=_auth(token), json=_entry(built.case_id, "Efter utloggning"))
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"
    assert _journal_texts(world) == before
    with world.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM trygg_server.change")).scalar_one() == rings   # no ring
    read = one.post(f"{API}/call/cases/list", headers=_auth(token), json={})
    assert read.status_code == 401


def test_a_deactivated_user_is_refused_at_the_next_call_and_all_their_sessions_end(served) -> None:
    one, two, token, built, world = served
    other = two.post(f"{API}/session", json={"username": "samordnare", "password": PASSWORD}).json()["token"]
    with world.db.engine.begin() as conn:       # an SQL fix by IT, or `trygg-server user remove` elsewhere
        conn.execute(text("UPDATE user_account SET active = false WHERE username = 'samordnare'"))
    refused = one.post(f"{API}/call/journal/add", headers=_auth(token), json=_entry(built.case_id, "Avstängd"))
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"
    assert "Avstängd" not in _journal_texts(world)
    with world.db.engine.connect() as conn:     # the full check after the refusal ended the other one too
        assert conn.execute(text("SELECT count(*) FROM trygg_server.session")).scalar_one() == 0
    assert two.post(f"{API}/call/cases/list", headers=_auth(other), json={}).status_code == 401


def test_an_idle_session_is_refused_inside_the_call(served) -> None:
    one, _two, token, built, world = served
    with world.db.engine.begin() as conn:       # 16 minutes without a request, by the database's clock
        conn.execute(text("UPDATE trygg_server.session SET last_seen = last_seen - :s"), {"s": IDLE_MINUTES * 60 + 60})
    refused = one.post(f"{API}/call/cases/list", headers=_auth(token), json={})
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"


def test_a_call_without_a_transaction_is_checked_before_its_answer_leaves(served) -> None:
    one, two, token, _built, world = served
    with _Watch(world.db.engine) as watch:      # nothing to search for: the service opens no transaction
        fine = one.post(f"{API}/call/journal/search", headers=_auth(token), json={"query": "!!!"})
    assert fine.status_code == 200 and fine.json() == []
    assert len(watch.statements) == 1 and "FROM trygg_server.session" in watch.statements[0]
    two.delete(f"{API}/session", headers=_auth(token))
    refused = one.post(f"{API}/call/journal/search", headers=_auth(token), json={"query": "!!!"})
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"


def test_a_transaction_without_act_as_sends_the_check_first(pg_app_world) -> None:
    """Any transaction of the call, not only the services' ``tx``: the check is its first
    statement, and a failed one rolls back what the transaction would have written."""
    sessions = SharedSessions(pg_app_world.db.engine)
    actor = pg_app_world.actors["polis"]
    sessions.open("k", actor, "x")
    with _Watch(pg_app_world.db.engine) as watch, sessions.checked_in_call("k", actor.user_id) as check:
        with pg_app_world.db.session() as s:
            s.execute(text("SELECT 1"))
    assert check.live is True
    assert "FROM trygg_server.session" in watch.statements[0] and watch.statements[1] == "SELECT 1"
    sessions.close("k")
    with pytest.raises(AuthenticationError), sessions.checked_in_call("k", actor.user_id):
        with pg_app_world.db.session() as s:
            s.execute(text("INSERT INTO trygg_server.change (session_key) VALUES ('never')"))
    with pg_app_world.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM trygg_server.change WHERE session_key = 'never'")).scalar() == 0


def test_a_test_clock_moves_the_check_inside_the_call_too(pg_app_world) -> None:
    now = [2_000_000.0]
    sessions = SharedSessions(pg_app_world.db.engine, clock=lambda: now[0])
    actor = pg_app_world.actors["polis"]
    sessions.open("k", actor, "x")
    with sessions.checked_in_call("k", actor.user_id):
        pg_app_world.as_("polis").cases.list()
    now[0] += IDLE_MINUTES * 60 + 1
    with pytest.raises(AuthenticationError), sessions.checked_in_call("k", actor.user_id):
        pg_app_world.as_("polis").cases.list()
