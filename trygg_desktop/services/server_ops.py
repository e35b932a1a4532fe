"""Operations on a server database: what ``trygg-server migrate``, ``user …`` and ``audit verify``
do (the CLI wiring is in ``main.py``; backups are in ``ops_backup.py``, the move of a local file
in ``import_local.py``).

Every command here is run by IT with the database URL (``TRYGG_SERVER_DSN``), never by a
desktop client. Before anything is changed the database is recognised: a database that is not
a Trygg server database (no Alembic version, no ``meta`` with an id and an audit key), or one
at a schema version this program does not know (written by a newer program), is refused with
a sentence that says so, and nothing is touched.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session

from ..domain.errors import ValidationError
from .audit import META_AUDIT_KEY, AuditLog, ChainReport, verify_chain
from .database import META_DB_UUID, Database
from .server_state import SHARED_STATE_SCHEMA
from ..store.migrate import VERSION_TABLE, head_revision, upgrade
from ..store.server_engine import make_server_engine, public_url

if TYPE_CHECKING:
    from .facade import Services


class NotTryggDatabase(ValidationError):
    code = "server.not_trygg"
    default_message = "Databasen är ingen Trygg-serverdatabas"


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every revision of the program's one Alembic chain."""
    from alembic.script import ScriptDirectory

    from ..store.migrate import alembic_config
    return frozenset(r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions())


@dataclass(frozen=True)
class DatabaseState:
    """What is in a PostgreSQL database, as far as Trygg is concerned."""

    tables: frozenset[str]
    revision: str | None
    db_uuid: str | None
    audit_key: str | None

    @property
    def empty(self) -> bool:
        return not self.tables

    @property
    def initialised(self) -> bool:
        return self.revision is not None and self.db_uuid is not None and self.audit_key is not None


def database_state(engine: Engine) -> DatabaseState:
    with engine.connect() as conn:
        inspector = inspect(conn)
        tables = frozenset(inspector.get_table_names())
        if SHARED_STATE_SCHEMA in inspector.get_schema_names():  # the workers' state (0019): the role needs it too
            tables |= {f"{SHARED_STATE_SCHEMA}.{t}" for t in inspector.get_table_names(schema=SHARED_STATE_SCHEMA)}
        revision = db_uuid = audit_key = None
        if VERSION_TABLE in tables:
            rows = [r[0] for r in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]  # noqa: S608
            revision = rows[0] if len(rows) == 1 else None
        if "meta" in tables:
            values = dict(conn.execute(text("SELECT key, value FROM meta WHERE key IN (:a, :b)"),
                                       {"a": META_DB_UUID, "b": META_AUDIT_KEY}).all())
            db_uuid, audit_key = values.get(META_DB_UUID), values.get(META_AUDIT_KEY)
    return DatabaseState(tables=tables, revision=revision, db_uuid=db_uuid, audit_key=audit_key)


def require_trygg(state: DatabaseState, *, what: str) -> None:
    """Refuse (changing nothing) a database that is not a set-up Trygg server database."""
    if state.empty:
        raise NotTryggDatabase(f"Databasen är tom: skapa den först med trygg-server init. {what} ändrade ingenting.",
                               code="server.empty")
    if not state.initialised:
        raise NotTryggDatabase(
            f"Databasen är ingen Trygg-serverdatabas (ingen schemaversion, databas-id eller loggnyckel). "
            f"{what} ändrade ingenting.", code="server.not_trygg")
    if state.revision not in known_revisions():
        raise NotTryggDatabase(
            f"Databasens schemaversion {state.revision} är okänd för det här programmet (skriven av en nyare "
            f"version?). Uppdatera trygg-server; {what} ändrade ingenting.", code="server.unknown_revision",
            revision=state.revision)


def open_existing(url: str) -> Database:
    """A set-up server database as it is, *without* migrating it (backup, audit verify: an
    older schema is worth backing up before it is migrated)."""
    engine = make_server_engine(url)
    try:
        state = database_state(engine)
        require_trygg(state, what="Kommandot")
    except BaseException:
        engine.dispose()
        raise
    return Database(path=None, engine=engine, key=None, db_uuid=state.db_uuid, audit=AuditLog(
        bytes.fromhex(state.audit_key)), server=public_url(engine))


# ----------------------------------------------------------------------------- migrate


@dataclass(frozen=True)
class MigrateReport:
    before: str
    after: str
    new_tables: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


def migrate(url: str) -> MigrateReport:
    """Upgrade a server database to the program's schema through the one Alembic chain (the
    same scripts as the desktop file's); at head already, nothing is done. Runs as the owner."""
    engine = make_server_engine(url)
    try:
        state = database_state(engine)
        require_trygg(state, what="migrate")
        if state.revision == head_revision():
            return MigrateReport(before=state.revision, after=state.revision)
        upgrade(engine)  # one transaction: PostgreSQL's DDL rolls back whole on a failure
        after = database_state(engine)
        return MigrateReport(before=state.revision, after=after.revision or "?",
                             new_tables=tuple(sorted(after.tables - state.tables)))
    finally:
        engine.dispose()


# ----------------------------------------------------------------------------- users


@contextmanager
def admin_services(url: str, username: str, password: str) -> Iterator[Services]:
    """The services as ``username``, signed in with the server's own password check (a LOGIN
    event, or LOGIN_FAILED and a refusal): ``UserService`` then applies the same rules as
    everywhere (only a system administrator manages accounts), with its audit events."""
    from .facade import Services
    from .server_database import open_server_database, sign_in
    db = open_server_database(url)
    try:
        actor = sign_in(db, username, password)
        yield Services(db, actor)
    finally:
        db.close()


# ----------------------------------------------------------------------------- audit verify


@dataclass
class VerifyResult:
    report: ChainReport
    anchors: int = 0
    problems: list = field(default_factory=list)


def verify_audit(url: str, anchor_files: Iterable[Path] = ()) -> VerifyResult:
    """Recompute the server's HMAC chain (and compare it with anchor lists kept elsewhere).

    Reads only: it works as the owner or as the server's own role (which may read the log)."""
    from .anchors import anchor_pairs, merge, read_anchors
    anchors = merge(*(read_anchors(Path(p)) for p in anchor_files))
    db = open_existing(url)
    try:
        with Session(db.engine) as s, s.begin():
            report = verify_chain(s, db.audit.key, anchor_pairs(anchors))
    finally:
        db.close()
    return VerifyResult(report=report, anchors=len(anchors), problems=list(report.problems))
