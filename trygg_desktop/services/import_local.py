"""``trygg-server import-local --from case.db``: move a desktop database to an empty server database.

The audit chain moves **as it is**. Its HMAC key is not derived from the key file or from any
password (services/audit.py): it is a random key kept in the database's own ``meta`` table, and
the MAC of an event is defined on the same canonical form on SQLite and on PostgreSQL. So the
rows, the key and the chain head are copied unchanged, every old event keeps its MAC, anchors
saved by earlier log reviews (R20) still match on the server, and ``audit verify`` there checks
the whole history. The move itself is written into the chain twice: ``BULK_EXPORT`` in the local
file before it is read (so the copy ends with it), and ``BULK_IMPORT`` on the server right after
the copied head, naming the local head (seq and MAC), the number of events and rows. See
docs/decisions.md.

Everything happens in **one PostgreSQL transaction**: the reference rows the migrations seed
are replaced by the file's, the rows of every table are copied in dependency order, the identity sequences moved past the copied ids, a password verifier for the importing
administrator (the password that just opened the file), the import event; then, still inside
the transaction, the chain is verified and every table's row count compared with the file's.
Any difference rolls the whole import back: the server database stays empty.

Other accounts come along with their names, roles and units, but their passwords lived in the
file's key-file slots (they wrapped the file key) and cannot be turned into server verifiers
without the passwords themselves: the administrator gives each a new one with
``trygg-server user passwd --username NAME``; until then they cannot sign in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, func, insert, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from ..domain.errors import AccessDenied, IntegrityFailure, ValidationError
from .audit import META_AUDIT_HEAD, META_AUDIT_KEY, AuditLog, verify_chain
from .credentials import ServerCredentials
from ..store.migrate import head_revision, upgrade
from ..store.models import Base, User
from ..store.server_engine import advance_identities, make_server_engine, settle_after_bulk_load
from ..vault.kdf import KdfParams, calibrated
from .server_ops import database_state, known_revisions

BATCH = 2000


@dataclass
class ImportReport:
    rows: dict[str, int] = field(default_factory=dict)  # table → rows copied (and found on the server)
    events: int = 0  # audit events on the server after the import (the local ones + BULK_IMPORT)
    local_head: str = ""  # "seq:mac" of the local chain as copied
    users_without_password: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


#: Tables that hold a database's own data from its first moment (``init`` writes meta, the
#: administrator and the first event): rows in any of them and the target is in use. Other
#: tables may hold the reference rows the migrations seed (agencies, EST categories).
_IN_USE = ("meta", "user_account", "audit_event", "person", "case_file")


def _require_empty(engine) -> None:
    state = database_state(engine)
    if state.empty:
        return
    if state.initialised or state.revision not in known_revisions():
        raise ValidationError("Serverdatabasen är inte tom. import-local flyttar bara till en tom databas "
                              "(skapa en ny med CREATE DATABASE); ingenting ändrades.", code="server.not_empty")
    with engine.connect() as conn:  # the schema without data (e.g. after migrate): still empty?
        for name in _IN_USE:
            if name in state.tables and conn.execute(text(f"SELECT count(*) FROM {name}")).scalar():  # noqa: S608
                raise ValidationError(f"Serverdatabasen är inte tom (tabellen {name} har rader); "
                                      "ingenting ändrades.", code="server.not_empty")


def import_local(local_path: Path, username: str, password: str, server_url: str, *,
                 kdf_params: KdfParams | None = None) -> ImportReport:
    """Copy the local database at ``local_path`` (opened as ``username``, a system administrator)
    into the empty server database at ``server_url``, with its audit chain, verified."""
    from .database import unlock
    started = time.monotonic()
    params = kdf_params or calibrated()
    local, actor = unlock(Path(local_path), username, password, purpose="import-local")
    try:
        if "SYSTEMADMIN" not in actor.roles:
            raise AccessDenied("Bara en systemadministratör kan flytta databasen till servern.",
                               code="access.denied")
        with local.session() as s:
            before = verify_chain(s, local.audit.key)
        if not before.ok:
            raise IntegrityFailure(f"Loggkedjan i den lokala databasen är redan bruten ({before.first_problem}); "
                                   "den flyttas inte.", code="server.import_chain")
        engine = make_server_engine(server_url)
        try:
            _require_empty(engine)
            if database_state(engine).revision != head_revision():
                upgrade(engine)  # the one Alembic chain: the same tables as the file's
            with local.session() as s:  # the file says that its content left, before it is read
                local.audit.append(s, actor, "BULK_EXPORT", entity="database", detail={"to": "server"})
            report = _copy(local, engine, actor, password, params)
            settle_after_bulk_load(engine)
        finally:
            engine.dispose()
    finally:
        local.close()
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _copy_table(src, dst, table) -> int:
    """Copy one table's rows in batches. A column that refers to its own table (a case linked to
    another case, a category's parent) is filled in a second pass, once every row exists: the
    file's order of ids says nothing about which row was made first."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    (pk,) = table.primary_key.columns if len(table.primary_key.columns) == 1 else (None,)
    own = own if pk is not None else []
    links: list[dict] = []
    count = 0
    result = src.execute(select(table))
    while rows := result.fetchmany(BATCH):
        batch = [dict(row._mapping) for row in rows]
        for row in batch:
            if own and any(row[c] is not None for c in own):
                links.append({"_pk": row[pk.name], **{c: row[c] for c in own}})
                for column in own:
                    row[column] = None
        dst.execute(insert(table), batch)
        count += len(batch)
    for column in own:
        values = [{"_pk": link["_pk"], "_value": link[column]} for link in links if link[column] is not None]
        if values:
            dst.execute(table.update().where(pk == bindparam("_pk")).values({column: bindparam("_value")}), values)
    return count


def _copy(local, engine, actor, password: str, params: KdfParams) -> ImportReport:
    report = ImportReport()
    with local.engine.connect() as src, src.begin(), Session(engine) as s, s.begin():
        dst = s.connection()
        # The migrations seed reference rows (agencies, EST categories): the file's own rows replace
        # them, children before parents, so the server holds exactly what the file held.
        for table in reversed(Base.metadata.sorted_tables):
            dst.execute(table.delete())
        for table in Base.metadata.sorted_tables:
            try:
                report.rows[table.name] = _copy_table(src, dst, table)
            except sa_exc.DBAPIError as exc:
                # Never the statement's parameters: they are the file's personal data.
                raise IntegrityFailure(f"Flytten avbröts i tabellen {table.name} ({type(exc.orig).__name__}); "
                                       "ingenting sparades på servern.", code="server.import_failed") from None
            advance_identities(dst, [table])  # the next id PostgreSQL hands out follows the copied ones
        head = s.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": META_AUDIT_HEAD}).scalar_one()
        report.local_head = head
        key = bytes.fromhex(s.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": META_AUDIT_KEY}).scalar_one())
        user = s.get(User, actor.user_id)
        ServerCredentials().reset(s, user, password, params)
        report.users_without_password = sorted(
            u.username for u in s.scalars(select(User).where(User.active.is_(True), User.id != actor.user_id)))
        seq, mac = head.split(":", 1)
        AuditLog(key).append(s, actor, "BULK_IMPORT", entity="database", detail={
            "from": "local", "local_head_seq": int(seq), "local_head_mac": mac, "local_events": int(seq),
            "rows": report.total, "tables": len(report.rows), "passwords_set": 1})
        # Checked before the commit: a chain that does not verify or a missing row rolls it all back.
        chain = verify_chain(s, key)
        if not chain.ok:
            raise IntegrityFailure(f"Loggkedjan stämmer inte efter flytten ({chain.first_problem}); ingenting "
                                   "sparades på servern.", code="server.import_chain")
        for table in Base.metadata.sorted_tables:
            found = dst.execute(select(func.count()).select_from(table)).scalar()
            expected = report.rows[table.name] + (1 if table.name in ("audit_event", "server_credential") else 0)
            if found != expected:
                raise IntegrityFailure(f"Tabellen {table.name} har {found} rader på servern men {expected} väntades; "
                                       "ingenting sparades.", code="server.import_count")
        report.events = chain.events
    return report
