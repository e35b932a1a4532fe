"""The service layer on the shared PostgreSQL database: the same services, access policy and
audit as on the embedded file, run against a real cluster (one service layer, two backends).

The scenarios are the SQLCipher suites' own (tests/scenarios.py) on a ``World`` whose database
is a server database; accounts sign in through the server's Argon2id verifiers."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from trygg_desktop.domain.errors import AccessDenied, WrongPassword
from trygg_desktop.services.audit import verify_chain
from trygg_desktop.services.facade import Services
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.server_database import sign_in
from trygg_desktop.store.models import AuditEvent, ServerCredential

from ..conftest import PASSWORD, USERS, World
from ..est_world import EST_USERS
from ..scenarios import sspf_case


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def _chain_ok(world: World) -> int:
    with world.db.session() as s:
        report = verify_chain(s, world.db.audit.key)
    assert report.problems == [], report.problems
    return report.events


def test_accounts_sign_in_with_their_password_only(pg_world: World) -> None:
    assert pg_world.actors["samordnare"].roles == {"SSPF_KOORDINATOR", "ORDFORANDE"}
    with pytest.raises(WrongPassword):
        sign_in(pg_world.db, "samordnare", "fel lösenord")
    with pytest.raises(WrongPassword):
        sign_in(pg_world.db, "finns-inte", PASSWORD)  # no hint that the name is unknown
    failed = _events(pg_world, "LOGIN_FAILED")
    assert len(failed) == 2 and all(e.username is None and "DENIED" in e.flags for e in failed)
    with pg_world.db.session() as s:  # no password in the database: a salted Argon2id tag per account
        rows = s.scalars(select(ServerCredential)).all()
        accounts = len(USERS) + len(EST_USERS) + 1   # the test users, the EST users, the administrator
        assert len(rows) == accounts and len({r.salt for r in rows}) == accounts
        assert all(len(r.verifier) == 32 and PASSWORD.encode() not in r.verifier for r in rows)
        assert s.execute(text("SELECT count(*) FROM server_credential WHERE verifier::text LIKE :p"),
                         {"p": f"%{PASSWORD}%"}).scalar() == 0


def test_case_work_access_and_search_on_the_server(pg_world: World) -> None:
    built = sspf_case(pg_world)  # consent for SOC, SKOLA and POLIS; skola and polis assigned
    soc = pg_world.as_("samordnare")
    soc.journal.add(JournalInput(built.case_id, pg_world.today, "SAMTAL",
                                 "Träffade fotbollstränaren om träningarna", visibility="SHARED",
                                 information_category="BETEENDE"))
    soc.journal.add(JournalInput(built.case_id, pg_world.today, "ANTECKNING", "Intern notering om fotboll"))
    hits = soc.journal.search("träningen")  # the swedish configuration stems the words (träning)
    assert [h.text for h in hits] == ["Träffade fotbollstränaren om träningarna"]
    assert {h.text for h in soc.journal.search("fotboll")} >= {"Intern notering om fotboll"}
    police = pg_world.as_("polis").journal.list(built.case_id)
    assert [e.text for e in police] == ["Träffade fotbollstränaren om träningarna"]  # not SOC's internal note
    with pytest.raises(AccessDenied):
        pg_world.as_("annan").case_view.open(built.case_id)  # a coordinator of another unit
    denied = _events(pg_world, "ACCESS_DENIED")
    assert denied and denied[-1].username == "annan" and denied[-1].case_id == built.case_id
    assert soc.journal.search("'; DROP TABLE journal_entry; --") == []  # text, never SQL
    assert _chain_ok(pg_world) > 20


def test_a_removed_account_cannot_sign_in_and_its_verifier_is_gone(pg_world: World) -> None:
    pg_world.as_("admin").users.remove_user("skola")
    with pytest.raises(WrongPassword):
        sign_in(pg_world.db, "skola", PASSWORD)
    with pg_world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(ServerCredential)) == len(USERS) + len(EST_USERS)
    removal = _events(pg_world, "USER_REMOVE")[-1]
    assert removal.flags is None  # no key to rotate on the server
    pg_world.as_("admin").users.reset_password("polis", "ett helt nytt lösenord")
    with pytest.raises(WrongPassword):
        sign_in(pg_world.db, "polis", PASSWORD)
    assert sign_in(pg_world.db, "polis", "ett helt nytt lösenord").username == "polis"
    _chain_ok(pg_world)


def test_concurrent_writers_keep_one_audit_chain(pg_world: World) -> None:
    """Six threads, each its own session and connection, write journal entries at once: the
    chain head is locked per transaction, so every event gets the next seq and the chain
    verifies (an unlocked head gives duplicate seqs or a broken mac chain)."""
    built = sspf_case(pg_world)
    before = _chain_ok(pg_world)
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def write(n: int) -> None:
        services = Services(pg_world.db, pg_world.actors["samordnare"], today=pg_world.today)
        try:
            start.wait()
            for i in range(15):
                services.journal.add(JournalInput(built.case_id, pg_world.today - timedelta(days=i % 3),
                                                  "ANTECKNING", f"Skrivare {n} anteckning {i}"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    after = _chain_ok(pg_world)
    assert after - before >= 90  # one event per entry at least
    with pg_world.db.session() as s:
        seqs = list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))
    assert seqs == list(range(1, len(seqs) + 1))


def test_the_chain_head_is_not_held_while_a_case_view_is_read(pg_world: World, monkeypatch) -> None:
    """Every audited call of every user takes its turn on the chain head's row lock, from its
    append to its commit. A read's event is appended at the end of its transaction, so while the
    view is assembled another session can take the head at once (NOWAIT); then the read's event
    is in the chain as before, exactly one."""
    from sqlalchemy.exc import OperationalError

    from trygg_desktop.services import case_view
    from trygg_desktop.services.audit import META_AUDIT_HEAD
    w = pg_world
    built = sspf_case(w)
    seen: list[str] = []
    assemble = case_view.CaseViewService._detail

    def while_assembling(self, tx, *args, **kwargs):
        with w.db.engine.connect() as other:
            try:
                other.execute(text("SELECT value FROM meta WHERE key = :k FOR UPDATE NOWAIT"), {"k": META_AUDIT_HEAD})
                seen.append("free")
            except OperationalError:
                seen.append("locked")
            other.rollback()
        return assemble(self, tx, *args, **kwargs)
    monkeypatch.setattr(case_view.CaseViewService, "_detail", while_assembling)
    before = len(_events(w, "CASE_READ"))
    w.as_("samordnare").case_view.open(built.case_id)
    assert seen == ["free"]
    assert len(_events(w, "CASE_READ")) == before + 1
    _chain_ok(w)


def test_the_servers_connections_run_without_jit(pg_world: World) -> None:
    """PostgreSQL's JIT compiled the plan of a row policy's sub-selects for 0.3 s before a 13 ms
    statement (docs/decisions.md); the server's connections turn it off."""
    with pg_world.db.engine.connect() as conn:
        assert conn.execute(text("SHOW jit")).scalar() == "off"


def _cut_connections(pg_cluster, world: World) -> int:
    """What a restarted PostgreSQL, a dropped network or an idle timeout does to the server's
    pooled connections: the database ends them."""
    from .conftest import admin_engine
    admin = admin_engine(pg_cluster)
    try:
        with admin.connect() as conn:
            return len(conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"),
                {"db": world.db.engine.url.database}).all())
    finally:
        admin.dispose()


def test_a_rested_connection_is_pinged_and_a_dead_one_replaced_before_use(pg_world: World, pg_cluster,
                                                                        monkeypatch) -> None:
    """A busy server spends no round trip pinging a connection it used a moment ago (a request
    checks out two or three); one that rested is pinged, and a dead one is replaced unseen."""
    from sqlalchemy.exc import OperationalError

    from trygg_desktop.store import server_engine
    pings: list[int] = []
    dialect = pg_world.db.engine.dialect
    real_ping = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda dbapi: pings.append(1) or real_ping(dbapi))
    soc = pg_world.as_("samordnare")
    soc.cases.list()
    soc.cases.list()
    assert pings == []                      # used a moment ago: no ping
    assert _cut_connections(pg_cluster, pg_world) >= 1
    monkeypatch.setattr(server_engine, "PING_AFTER_IDLE_SECONDS", 0.0)  # as if it had rested
    assert soc.cases.list() is not None     # pinged, found dead, replaced: the call works
    assert pings
    # Cut within its last seconds of use, a connection is not pinged: that one call fails, and
    # SQLAlchemy renews the pool, so the next one works.
    monkeypatch.setattr(server_engine, "PING_AFTER_IDLE_SECONDS", 60.0)
    _cut_connections(pg_cluster, pg_world)
    with pytest.raises(OperationalError):
        soc.cases.list()
    assert soc.cases.list() is not None


def test_a_transactions_audit_events_and_the_new_head_go_in_as_one_statement(pg_world: World) -> None:
    """From its read to the commit the chain head is locked, and every audited call of every user
    waits its turn on it: after the head's read, one statement holds the transaction's events and
    the new head (was one INSERT and one UPDATE per event). Its compiled form has a cache key: a
    multi-row VALUES had none, and compiling it each time took longer than its round trip."""
    from sqlalchemy import event
    statements: list[str] = []
    cacheable: list[bool] = []

    def seen(_conn, _cursor, statement, _parameters, context, _many) -> None:
        statements.append(" ".join(statement.split()))
        cacheable.append(context.cache_hit != context.dialect.NO_CACHE_KEY)
    before = _chain_ok(pg_world)
    event.listen(pg_world.db.engine, "before_cursor_execute", seen)
    try:
        with pg_world.as_("samordnare").cases.tx() as tx:
            tx.audit("CASE_READ", entity="case", case_id=None, detail={"n": 1})
            tx.audit("CASE_SEARCH", entity="case", detail={"n": 2})
    finally:
        event.remove(pg_world.db.engine, "before_cursor_execute", seen)
    head_read = next(i for i, s in enumerate(statements) if s.startswith("SELECT meta.key") and "FOR UPDATE" in s)
    after = statements[head_read + 1:]
    assert len(after) == 1, after
    assert after[0].startswith("WITH appended_0 AS (INSERT INTO audit_event") and "appended_1 AS (INSERT" in after[0]
    assert "UPDATE meta SET value" in after[0] and cacheable[head_read + 1]
    assert _chain_ok(pg_world) == before + 2
    last = _events(pg_world, "CASE_SEARCH")[-1]
    assert _events(pg_world, "CASE_READ")[-1].seq == last.seq - 1 and last.username == "samordnare"
