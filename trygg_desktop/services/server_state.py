"""What trygg-server's workers share: sessions, the change doorbell and the sign-in throttle.

They live in PostgreSQL (schema ``trygg_server``, migration 0019), not in one process's memory,
so ``trygg-server serve --workers N`` can run several processes behind one port: a token handed
out by one worker is honoured by the next, a logout or a removed account ends the session in
every worker, a colleague's save rings the doorbell whichever worker took it, and failed
sign-ins count together (an attacker cannot spread guesses over the workers). Each function is
one short statement on its own connection, outside the services' audited transactions, except
the doorbell of a changing call, which rings inside that call's transaction (``ringing_for``):
none of this is case data (token hashes, session hashes, opaque throttle keys) and none of it
is audited (the sign-in and what follows are, by the services).

Times are the database's clock (``clock_timestamp()``, epoch seconds), not the worker's: workers
on several machines then agree on when a session ran out or a sign-in wait ends, whatever their
own clocks say. A test passes its own ``clock`` to move time without waiting.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Callable, ClassVar, Iterator

from sqlalchemy import Connection, Engine, Insert, column, event, table, text
from sqlalchemy.orm import Session, SessionTransaction

from ..domain.access import Actor
from ..domain.errors import AuthenticationError
from ..vault.throttle import Throttle, check_wait

SHARED_STATE_SCHEMA = "trygg_server"
IDLE_MINUTES = 15
LIFETIME_HOURS = 8
#: ``last_seen`` is written at most this often per session: a request is then one read, and an
#: idle limit of 15 minutes is kept to within half a minute.
TOUCH_SECONDS = 30
#: Writes the doorbell remembers: a desktop that has not polled for longer refreshes anyway.
REMEMBERED = 10_000
#: A throttle count is forgotten a day after its last failure (the table cannot grow without end).
THROTTLE_MEMORY_SECONDS = 24 * 3600


#: Now on the database server, in epoch seconds (the unit of the tables' time columns).
DB_NOW = "extract(epoch FROM clock_timestamp())::float8"


def _per_statement(engine: Engine):
    """A connection on which each statement commits by itself. The per-request reads and writes
    here (the session check, the doorbell) are single statements on rows of no case data; inside
    a transaction each would cost two more round trips to the database (BEGIN, COMMIT)."""
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


class _Clocked:
    """The shared clock: the database's, or a test's ``clock``."""

    def __init__(self, engine: Engine, clock: Callable[[], float] | None = None) -> None:
        self._engine, self._clock = engine, clock

    def _now(self, conn, read: float | None = None) -> float:
        """``read`` is the database's now when a statement already fetched it (no extra round trip)."""
        if self._clock is not None:
            return self._clock()
        return float(read) if read is not None else float(conn.execute(text(f"SELECT {DB_NOW}")).scalar_one())


def _actor_json(actor: Actor) -> str:
    return json.dumps({"user_id": actor.user_id, "username": actor.username, "agency": actor.agency,
                       "roles": sorted(actor.roles), "unit_ids": sorted(actor.unit_ids),
                       "display_name": actor.display_name})


def _actor(doc: dict) -> Actor:
    return Actor(user_id=int(doc["user_id"]), username=doc["username"], agency=doc["agency"],
                 roles=frozenset(doc["roles"]), unit_ids=frozenset(int(u) for u in doc["unit_ids"]),
                 display_name=doc.get("display_name") or "")


class SharedSessions(_Clocked):
    """Sessions by the SHA-256 of their token (the server layer makes and hashes the tokens).

    A session ends after ``IDLE_MINUTES`` without a request, after ``LIFETIME_HOURS`` at the
    latest, at logout, and at once for every session of a user who is no longer active: each
    lookup joins the account, so a removal by the CLI in another process counts at the next
    request."""

    @staticmethod
    def _limits(now: float) -> dict[str, float]:
        return {"now": now, "idle": now - IDLE_MINUTES * 60, "born": now - LIFETIME_HOURS * 3600}

    def open(self, key: str, actor: Actor, client: str) -> None:
        with self._engine.begin() as conn:
            limits = self._limits(self._now(conn))
            # Sign-in is rare: the moment to drop the sessions that ran out, and the doorbell's
            # oldest rings (a desktop that has not polled since then refreshes anyway).
            conn.execute(text("DELETE FROM trygg_server.session WHERE last_seen < :idle OR created < :born"), limits)
            conn.execute(text("DELETE FROM trygg_server.change "
                              "WHERE seq <= (SELECT max(seq) FROM trygg_server.change) - :remembered"),
                         {"remembered": REMEMBERED})
            conn.execute(text("INSERT INTO trygg_server.session (token_hash, user_id, actor, client, created, last_seen) "
                              "VALUES (:key, :user_id, CAST(:actor AS jsonb), :client, :now, :now)"),
                         {**limits, "key": key, "user_id": actor.user_id, "actor": _actor_json(actor),
                          "client": client[:64]})

    def get(self, key: str) -> Actor | None:
        """The session's user, or None when the token is unknown, has run out or its user is no
        longer active (then that user's sessions are gone)."""
        with _per_statement(self._engine) as conn:
            row = conn.execute(text(
                f"SELECT s.actor, s.created, s.last_seen, u.active, {DB_NOW} AS now FROM trygg_server.session s "
                "LEFT JOIN user_account u ON u.id = s.user_id WHERE s.token_hash = :key"), {"key": key}).first()
            if row is None:      # unknown: nothing to write
                return None
            limits = self._limits(self._now(conn, row.now))
            if row.last_seen < limits["idle"] or row.created < limits["born"]:   # run out: it goes now
                conn.execute(text("DELETE FROM trygg_server.session WHERE token_hash = :key"), {"key": key})
                return None
            if not row.active:   # removed or deactivated, here or by the CLI: every session of theirs ends
                self._end(conn, int(row.actor["user_id"]))
                return None
            if limits["now"] - row.last_seen > TOUCH_SECONDS:
                conn.execute(text("UPDATE trygg_server.session SET last_seen = :now WHERE token_hash = :key"),
                             {**limits, "key": key})
            return _actor(row.actor)

    @contextmanager
    def checked_in_call(self, key: str, user_id: int) -> Iterator[SessionCheck]:
        """Run a request of session ``key`` (user ``user_id``) that this worker found live moments
        ago, and check the session again inside the call instead of before it: the first
        statement of the call's first transaction carries the check (``act_as`` folds it into
        its own; any other transaction sends it first, ``_check_first``), so nothing is read or
        written for a session that has ended, and the call saves a connection and a round trip
        to the database. A call that opened no transaction is checked in full after it, before
        its answer (or its error) leaves. A failed check raises ``session_ended`` and rolls its
        transaction back."""
        check = SessionCheck({"session_key": key, "session_user": user_id,
                              "session_now": self._clock() if self._clock is not None else None})
        token = _CHECK.set(check)
        try:
            yield check
        finally:
            _CHECK.reset(token)
            if check.live is None and self.get(key) is None:
                raise session_ended()   # instead of whatever the call answered: the session has ended

    def close(self, key: str) -> bool:
        with self._engine.begin() as conn:
            return conn.execute(text("DELETE FROM trygg_server.session WHERE token_hash = :key RETURNING 1"),
                                {"key": key}).first() is not None

    def end_user(self, user_id: int) -> int:
        """End every session of ``user_id`` (the account was removed); returns how many."""
        with self._engine.begin() as conn:
            return self._end(conn, user_id)

    def count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM trygg_server.session")).scalar_one())

    @staticmethod
    def _end(conn, user_id: int) -> int:
        return conn.execute(text("DELETE FROM trygg_server.session WHERE user_id = :id"), {"id": user_id}).rowcount


@dataclass(frozen=True)
class ChangeAnswer:
    latest: int
    others: bool      # another session changed something after ``since``


class SharedChanges:
    """Every successful change, numbered, with the hash of the session that made it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, session_key: str) -> int:
        with _per_statement(self._engine) as conn:
            return _ring(conn, session_key)

    def since(self, since: int | None, session_key: str) -> ChangeAnswer:
        with _per_statement(self._engine) as conn:
            row = conn.execute(text(
                "SELECT coalesce(max(seq), 0) AS latest, min(seq) AS oldest, "
                "EXISTS (SELECT 1 FROM trygg_server.change WHERE seq > :since AND session_key <> :k) AS others "
                "FROM trygg_server.change"), {"since": since or 0, "k": session_key}).one()
        latest = int(row.latest)
        if since is None:
            return ChangeAnswer(latest, False)          # the first poll: the window has just loaded
        if since > latest or (row.oldest is not None and since < row.oldest - 1):
            return ChangeAnswer(latest, True)           # a restored database, or too long ago: refresh
        return ChangeAnswer(latest, bool(row.others))


#: The doorbell's table, for its INSERT inside other statements (migration 0019 makes it).
_CHANGE = table("change", column("seq"), column("session_key"), schema=SHARED_STATE_SCHEMA)


def _ring(conn: Connection, session_key: str) -> int:
    return int(conn.execute(_CHANGE.insert().values(session_key=session_key).returning(_CHANGE.c.seq)).scalar_one())


@dataclass
class _Bell:
    session_key: str
    rang: bool = False


#: The changing call this thread runs for a server session (``ringing_for``), if any.
_BELL: ContextVar[_Bell | None] = ContextVar("trygg_doorbell", default=None)


@contextmanager
def ringing_for(session_key: str) -> Iterator[_Bell]:
    """Run a changing call for ``session_key``: each of its service transactions rings the
    doorbell as its last write (``ring_statement``), so the ring commits with the change (a colleague
    who hears it finds the change there, and a change never commits without it) and costs one
    statement, not a connection of its own. ``rang`` says whether any did (a call that wrote
    without a service transaction is rung after it by the caller)."""
    bell = _Bell(session_key)
    token = _BELL.set(bell)
    try:
        yield bell
    finally:
        _BELL.reset(token)


def ring_statement() -> Insert | None:
    """The doorbell of the server request's changing call that runs in this thread, as the
    statement its service transaction ends with (``AuditLog.append_all`` sends it with the audit
    events); None otherwise (a read, the desktop's own file, which has no doorbell). ``rang`` is
    set now: if the transaction then fails, its exception ends the call anyway."""
    bell = _BELL.get()
    if bell is None:
        return None
    bell.rang = True
    return _CHANGE.insert().values(session_key=bell.session_key)


def session_ended() -> AuthenticationError:
    """The refusal of a token that is unknown, has run out or whose user is no longer active."""
    return AuthenticationError("Inte inloggad, eller sessionen har gått ut: logga in igen.", code="session.required")


#: Whether the session ``:session_key`` of ``:session_user`` is live now (``:session_now``, a test's
#: clock, or the database's): the same conditions as ``SharedSessions.get``, as one SQL column.
_LIVE = ("EXISTS (SELECT 1 FROM trygg_server.session s JOIN user_account u ON u.id = s.user_id "
         "WHERE s.token_hash = :session_key AND s.user_id = :session_user AND u.active "
         f"AND s.last_seen >= coalesce(CAST(:session_now AS float8), {DB_NOW}) - {IDLE_MINUTES * 60} "
         f"AND s.created >= coalesce(CAST(:session_now AS float8), {DB_NOW}) - {LIFETIME_HOURS * 3600})")


@dataclass
class SessionCheck:
    """A request's session check, moved into the request's first database transaction
    (``checked_in_call``). ``sql`` is a column that says whether the session is live, ``params``
    its parameters; whoever sends it first calls ``claim`` before and ``settle`` after."""

    params: dict[str, object]
    claimed: bool = False
    live: bool | None = None
    sql: ClassVar[str] = _LIVE

    def claim(self) -> SessionCheck | None:
        """This check if nobody has sent it yet (then it is the caller's to send)."""
        if self.claimed:
            return None
        self.claimed = True
        return self

    def settle(self, live: bool) -> None:
        self.live = live
        if not live:
            raise session_ended()


_CHECK: ContextVar[SessionCheck | None] = ContextVar("trygg_session_check", default=None)


def claim_session_check() -> SessionCheck | None:
    """The pending session check of this thread's request, now the caller's to send (``act_as``)."""
    check = _CHECK.get()
    return check.claim() if check is not None else None


@event.listens_for(Session, "after_begin")
def _check_first(_session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
    """A transaction of a request whose session check is still pending sends it first."""
    check = claim_session_check()
    if check is not None:
        check.settle(bool(connection.execute(text(f"SELECT {check.sql}"), check.params).scalar()))


class SharedThrottle(_Clocked):
    """The desktop's throttle policy (vault/throttle.py) over one table: each failure is one
    atomic upsert, so concurrent guesses on several workers are all counted."""

    key_for = staticmethod(Throttle.key_for)   # the same opaque keys: no name is stored

    def check(self, key: str) -> None:
        with _per_statement(self._engine) as conn:
            row = conn.execute(text(f"SELECT failures, last, {DB_NOW} AS now FROM trygg_server.throttle WHERE key = :k"),
                               {"k": key}).first()
            if row is not None:
                check_wait(int(row.failures), float(row.last), self._now(conn, row.now))

    def record_failure(self, key: str) -> int:
        with self._engine.begin() as conn:
            now = self._now(conn)
            conn.execute(text("DELETE FROM trygg_server.throttle WHERE last < :old"),
                         {"old": now - THROTTLE_MEMORY_SECONDS})
            return int(conn.execute(text(
                "INSERT INTO trygg_server.throttle AS t (key, failures, last) VALUES (:k, 1, :now) "
                "ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1, last = :now RETURNING failures"),
                {"k": key, "now": now}).scalar_one())

    def record_success(self, key: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(text("DELETE FROM trygg_server.throttle WHERE key = :k"), {"k": key})


__all__ = ["IDLE_MINUTES", "LIFETIME_HOURS", "ChangeAnswer", "SessionCheck", "SharedChanges", "SharedSessions",
           "SharedThrottle", "claim_session_check", "ring_statement", "ringing_for", "session_ended"]
