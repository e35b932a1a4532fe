"""The shared PostgreSQL database of server mode: create, open, and sign a user in.

The same schema (one Alembic chain), the same ``Database`` and the same services as the
embedded file; what differs is below the services: no file key (PostgreSQL's data directory
sits on an encrypted volume, README), and the accounts' passwords are Argon2id verifiers in
the database (``services.credentials.ServerCredentials``). Only ``trygg-server`` opens it;
a desktop client never holds the database URL or its credentials.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from ..domain import vocab
from ..domain.access import Actor
from ..domain.errors import ValidationError, WrongPassword
from ..store.migrate import current_revision, head_revision, upgrade
from ..store.models import Meta
from ..store.server_engine import make_server_engine, public_url
from ..vault.kdf import KdfParams, calibrated
from .audit import META_AUDIT_KEY, AuditLog
from .credentials import ServerCredentials
from .account_rules import check_password, check_username
from .server_state import SHARED_STATE_SCHEMA
from .database import META_DB_UUID, Database, actor_for, seed_new_database


def init_server_database(url: str, admin_username: str, admin_password: str, *,
                         admin_display_name: str | None = None, admin_agency: str = "OTHER",
                         kdf_params: KdfParams | None = None) -> tuple[Database, Actor]:
    """Build the schema in an empty PostgreSQL database and add the first administrator."""
    check_username(admin_username)
    check_password(admin_password)
    vocab.AGENCIES.check(admin_agency)
    params = kdf_params or calibrated()
    engine = make_server_engine(url)
    try:
        upgrade(engine)
        with Session(engine, expire_on_commit=False) as s, s.begin():
            if s.get(Meta, META_DB_UUID) is not None:
                raise ValidationError("The server database is already set up", code="server.exists")
            audit, actor = seed_new_database(
                s, uuid.uuid4().hex, admin_username, admin_display_name, admin_agency,
                lambda session: ServerCredentials().add(session, admin_username, admin_password, params))
            db_uuid = s.get(Meta, META_DB_UUID).value
    except BaseException:
        engine.dispose()
        raise
    return Database(path=None, engine=engine, key=None, db_uuid=db_uuid, audit=audit,
                    server=public_url(engine)), actor


def open_server_database(url: str) -> Database:
    """Open (and migrate to the program's schema) a server database made by ``init_server_database``."""
    engine = make_server_engine(url)
    try:
        if current_revision(engine) != head_revision():
            upgrade(engine)
        with Session(engine) as s:
            db_uuid, audit_key = s.get(Meta, META_DB_UUID), s.get(Meta, META_AUDIT_KEY)
            if db_uuid is None or audit_key is None:
                raise ValidationError("The server database is not set up (trygg-server init)",
                                      code="server.not_initialised")
            values = db_uuid.value, audit_key.value
    except BaseException:
        engine.dispose()
        raise
    return Database(path=None, engine=engine, key=None, db_uuid=values[0], audit=AuditLog(bytes.fromhex(values[1])),
                    server=public_url(engine))


def sign_in(db: Database, username: str, password: str) -> Actor:
    """The acting user for a correct password, with a LOGIN event; ``WrongPassword`` otherwise
    (audited as a failed attempt, without saying whether the name exists)."""
    try:
        with db.session() as s:
            user = ServerCredentials.verify(s, username, password)
            actor = actor_for(user)
            db.audit.append(s, actor, "LOGIN", entity="session")
            return actor
    except WrongPassword:
        with db.session() as s:
            db.audit.append(s, None, "LOGIN_FAILED", entity="session", flags=["DENIED"],
                            detail={"username_length": len(username.strip())})
        raise


#: What the server's own database role may do: read and write the data, append to the audit log
#: (never change or remove an event), no DDL, no ownership. Migrations run as the owner.
APP_ROLE_GRANTS = (
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM {role}",
    "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {role}",
    # UPDATE: setval, after rows were written with their ids (the demo's batches, store.server_engine).
    "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
    # The journal search by its index under the policy (0020; not executable by PUBLIC).
    "GRANT EXECUTE ON FUNCTION trygg_journal_matches(text, integer) TO {role}",
    # The workers' shared sessions, doorbell and throttle (services/server_state.py, 0019).
    f"GRANT USAGE ON SCHEMA {SHARED_STATE_SCHEMA} TO {{role}}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {SHARED_STATE_SCHEMA} TO {{role}}",
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {SHARED_STATE_SCHEMA} TO {{role}}",
)


def provision_app_role(owner_url: str, role: str, password: str) -> str:
    """Create (or update) the non-owner role ``trygg-server serve`` connects as, and return its URL.

    Defence in depth: a fault in a query can read and write rows but never alter the schema, and
    the audit table is insert-only for this role twice over (privileges here, the trigger of 0001
    for everyone). Run again after a migration that adds tables."""
    import re

    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        raise ValidationError("Rollnamnet får bara innehålla a–z, 0–9 och _", code="server.role_name")
    engine = make_server_engine(owner_url)
    try:
        with engine.begin() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
            verb = "ALTER" if exists else "CREATE"
            # The password is a bound literal in neither statement form PostgreSQL accepts; quote it.
            quoted = "'" + password.replace("'", "''") + "'"
            conn.execute(text(f"{verb} ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT "
                              f"PASSWORD {quoted}"))
            database = conn.execute(text("SELECT current_database()")).scalar()
            conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role}'))
            for statement in APP_ROLE_GRANTS:
                conn.execute(text(statement.format(role=role)))
    finally:
        engine.dispose()
    return make_url(owner_url).set(username=role, password=password).render_as_string(hide_password=False)


def masked_url(url: str) -> str:
    """A database URL with its password shown as *** (for what is printed or logged)."""
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)


def create_database(admin_url: str, name: str) -> None:
    """CREATE DATABASE ``name`` (outside a transaction, as PostgreSQL requires)."""
    import re

    from sqlalchemy import create_engine, text
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValidationError("Databasnamnet får bara innehålla a–z, 0–9 och _", code="server.database_name")
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


def database_error_text(exc: BaseException) -> str | None:
    """One line for an error from the database, or None when ``exc`` is not one.

    Never the statement or its parameters (they may be case data): the driver's error class, or
    for a connection failure libpq's reason (host, port, database)."""
    from sqlalchemy.exc import DBAPIError, OperationalError
    if isinstance(exc, DBAPIError) and not isinstance(exc, OperationalError):
        return (f"Fel (server.database): Databasen svarade med ett fel ({type(exc.orig).__name__}); "
                f"ingenting halvgjort sparades.")
    if not isinstance(exc, OperationalError):
        return None
    reason = str(exc.orig or exc).strip().splitlines()[0][:300]
    return (f"Fel (server.connect): Kan inte ansluta till databasen ({reason}). Kontrollera TRYGG_SERVER_DSN "
            f"och att PostgreSQL körs.")
