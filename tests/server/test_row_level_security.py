"""Row-level security in PostgreSQL (revision 0017), shown by querying as the server's own
database role with the session settings of different users: the case content tables give
rows only for cases the acting user is connected to, nothing without an acting user, and a
write into another case is refused by the database itself, whatever the service layer did."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from trygg_desktop.services.journal import JournalInput

from ..conftest import World
from ..scenarios import sspf_case


def _as(world: World, user_id: int | None, scope: str = "connected", coordinates: str = ""):
    """A raw connection of the server's role (trygg_app) with the given acting user."""
    engine = create_engine(world.app_dsn)
    conn = engine.connect()
    trans = conn.begin()
    if user_id is not None:
        conn.execute(text("SELECT set_config('trygg.user_id', :u, true), set_config('trygg.scope', :s, true), "
                          "set_config('trygg.coordinates', :k, true)"), {"u": str(user_id), "s": scope, "k": coordinates})
    return engine, conn, trans


def _journal_cases(world: World, user_id: int | None, scope: str = "connected", coordinates: str = "", *,
                   reader: str = "table") -> set[int]:
    """The cases whose journal the role sees with these settings: reading the table, or through
    the search function of revision 0020 (ids only, mapped to their cases as the owner)."""
    engine, conn, trans = _as(world, user_id, scope, coordinates)
    try:
        if reader == "table":
            return set(conn.execute(text("SELECT DISTINCT case_id FROM journal_entry")).scalars())
        ids = list(conn.execute(text("SELECT id FROM trygg_journal_matches('anteckning', 100)")).scalars())
    finally:
        trans.rollback()
        conn.close()
        engine.dispose()
    owner = create_engine(world.dsn)
    try:
        with owner.connect() as c:
            return set(c.execute(text("SELECT case_id FROM journal_entry WHERE id = ANY(:ids)"), {"ids": ids}).scalars())
    finally:
        owner.dispose()


@pytest.mark.parametrize("reader", ["table", "search"])
def test_rows_follow_the_acting_users_connection_to_the_case(pg_app_world: World, reader: str) -> None:
    """The same cases through the table's policy and through the journal search (0020, 0021),
    which reads by the index as the owner and must apply the policy's condition itself: on each
    match's case for a coordinator, as the reader's own cases for anyone else (0021's two forms)."""
    w = pg_app_world
    built = sspf_case(w)
    other = sspf_case(w, first="Elias", last="Nord", born=date(2010, 2, 2), assign=("socialsekreterare",))
    for case_id in (built.case_id, other.case_id):
        w.as_("samordnare").journal.add(JournalInput(case_id=case_id, event_date=date(2026, 11, 20),
                                                     entry_type="ANTECKNING", text="Anteckning", visibility="SHARED"))
    ids = {name: actor.user_id for name, actor in w.actors.items()}
    both = {built.case_id, other.case_id}

    def cases(user: str | None, scope: str = "connected", coordinates: str = "") -> set[int]:
        return _journal_cases(w, ids[user] if user else None, scope, coordinates, reader=reader)
    assert cases("skola") == {built.case_id}                        # assigned to the first case only
    assert cases("samordnare", coordinates="SSPF") == both          # responsible (and coordinator)
    assert cases("annan", coordinates="SSPF") == set()              # the SSPF coordinator of another unit
    assert cases("kriminalvard") == set()                           # another unit, not connected
    assert cases(None) == set()                                     # no acting user: nothing (fail closed)
    assert cases("styrgrupp", "all") == both                        # a role that spans every case by design
    w.as_("annan").emergency.grant(built.case_id, "ACUTE_RISK", "Polisen ringer om akut hot i kväll")
    assert cases("annan", coordinates="SSPF") == {built.case_id}    # an active emergency grant
    assert cases("annan") == {built.case_id}                        # the same, for a reader who coordinates nothing
    assert w.as_("annan").emergency.end_all() == 1
    assert cases("annan", coordinates="SSPF") == set()              # ended (the lock ends it): gone again
    if reader == "search":
        return
    engine, conn, trans = _as(w, ids["kriminalvard"])
    try:
        with pytest.raises(ProgrammingError, match="row-level security"):
            conn.execute(text("INSERT INTO journal_entry (case_id, event_date, written_at, author_name, entry_type, text, "
                              "owning_agency, visibility, information_category) VALUES (:c, '2026-11-20', now(), 'X', "
                              "'ANTECKNING', 'x', 'KRIMINALVARD', 'SHARED', 'POLISIARA_UPPGIFTER')"),
                         {"c": built.case_id})
    finally:
        trans.rollback()
        conn.close()
        engine.dispose()


def test_the_services_set_the_acting_user_per_transaction(pg_app_world: World) -> None:
    """Through the services the same user reads the same rows as before (the policy is a
    superset of the access rules), and the setting ends with the transaction."""
    w = pg_app_world
    built = sspf_case(w)
    w.as_("samordnare").journal.add(JournalInput(case_id=built.case_id, event_date=date(2026, 11, 20),
                                                 entry_type="ANTECKNING", text="Delad uppgift", visibility="SHARED"))
    assert [j.text for j in w.as_("skola").journal.list(built.case_id)] == ["Delad uppgift"]
    with w.db.engine.connect() as conn:   # a new transaction on a pooled connection carries no acting user
        assert conn.execute(text("SELECT coalesce(current_setting('trygg.user_id', true), '')")).scalar() == ""


def test_the_journal_search_function_is_pinned_and_not_public(pg_app_world: World) -> None:
    """The search runs as the owner (SECURITY DEFINER), so its search_path is fixed (no object of
    another schema can stand in for the journal) and only roles granted it may call it: a role
    that may connect but was given nothing is refused."""
    w = pg_app_world
    owner = create_engine(w.dsn, isolation_level="AUTOCOMMIT")
    try:
        with owner.connect() as conn:
            definer, config = conn.execute(text(
                "SELECT prosecdef, proconfig FROM pg_proc WHERE proname = 'trygg_journal_matches'")).one()
            assert definer and config == ["search_path=pg_catalog, public"]
            conn.execute(text("DROP ROLE IF EXISTS trygg_stranger"))
            conn.execute(text("CREATE ROLE trygg_stranger LOGIN PASSWORD 'stranger-pw'"))
        stranger = create_engine(make_url(w.dsn).set(username="trygg_stranger", password="stranger-pw"))
        try:
            with stranger.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text("SELECT set_config('trygg.scope', 'all', true)"))
                conn.execute(text("SELECT id FROM trygg_journal_matches('anteckning', 10)"))
        finally:
            stranger.dispose()
    finally:
        with owner.connect() as conn:
            conn.execute(text("DROP ROLE IF EXISTS trygg_stranger"))
        owner.dispose()


def test_an_upgraded_database_lets_the_servers_role_search(pg_app_world: World) -> None:
    """A server whose role was provisioned before revision 0020: ``migrate`` (as the owner)
    grants the new search function to the roles that may read the journal, so the running
    server's searches work without provisioning the role again."""
    from alembic import command

    from trygg_desktop.store.migrate import alembic_config, upgrade
    w = pg_app_world
    built = sspf_case(w)
    w.as_("samordnare").journal.add(JournalInput(case_id=built.case_id, event_date=date(2026, 11, 20),
                                                 entry_type="ANTECKNING", text="Uppgraderad", visibility="SHARED"))
    owner = create_engine(w.dsn)
    try:
        with owner.begin() as conn:
            command.downgrade(alembic_config(conn), "0019")
            assert conn.execute(text("SELECT count(*) FROM pg_proc WHERE proname = 'trygg_journal_matches'")).scalar() == 0
        upgrade(owner)
    finally:
        owner.dispose()
    assert [e.text for e in w.as_("samordnare").journal.search("uppgraderad")] == ["Uppgraderad"]
