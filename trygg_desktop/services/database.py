"""Create, unlock and lock a database: the vault and the store meet here.

``init_database`` makes the encrypted file and its key file; ``unlock`` turns a
user name and password into an open :class:`Database` and the acting user. A
wrong password raises ``WrongPassword`` and writes nothing beside the database
(R5): the failure is counted in the per-machine throttle file and written to the
audit log at the next successful unlock (R13).
"""

from __future__ import annotations

import os
from datetime import date
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import Engine, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from ..domain import vocab
from ..domain.access import Actor
from ..domain.errors import AuthenticationError, KeyFileError, ValidationError, WrongPassword
from ..paths import key_file_for, user_state_dir
from ..store.engine import DatabaseDamaged, KeyHolder, WrongKey, damaged_pages, fsync_dir, make_engine
from ..store.health import quick_check_problems
from ..store.netpath import refuse_network_path
from ..store.walcheck import wal_problems
from ..store.migrate import migrate_if_needed
from ..store.models import Agency, Meta, User, UserRole
from ..vault.kdf import KdfParams, calibrated
from ..vault.keyfile import KeyFile
from ..vault.recovery import new_recovery_code
from ..vault.throttle import Throttle
from .account_rules import check_password, check_username
from .audit import META_AUDIT_KEY, AuditLog, new_audit_key
from .credentials import Credentials, KeyFileCredentials, ServerCredentials
from .key_rotation import PENDING_KEYFILE_SUFFIX, rotate_database_key

META_DB_UUID = "db_uuid"
META_CREATED_AT = "created_at"


@dataclass
class Database:
    """An unlocked database: engine, key and the facts every service needs.

    ``server`` is None for the embedded, encrypted file (``path``, ``key``); in server mode it
    is the PostgreSQL URL without its password, ``path`` and ``key`` are None, and the
    accounts' passwords are verifiers in the database (``credentials``)."""

    path: Path | None
    engine: Engine
    key: KeyHolder | None
    db_uuid: str
    audit: AuditLog
    server: str | None = None
    _credentials: Credentials | None = None
    #: This session's whole-file ``quick_check`` (R29) passed: at an unlock that ran it, by
    #: ``check_health`` (the app's background check) or at a backup. A backup then checks the
    #: live file only for pages damaged since (``cipher_integrity_check``, the cheaper pass).
    health_checked: bool = field(default=False, compare=False)

    def check_health(self) -> list[str]:
        """R29 ``quick_check`` of the whole file (every page read is also HMAC-checked):
        empty when healthy; the outcome is remembered in ``health_checked``."""
        problems = quick_check_problems(self.engine)
        self.health_checked = not problems
        return problems

    @property
    def credentials(self) -> Credentials:
        if self._credentials is None:
            self._credentials = ServerCredentials() if self.server else KeyFileCredentials(self)
        return self._credentials

    @property
    def key_path(self) -> Path:
        return key_file_for(self.path)

    def load_keyfile(self) -> KeyFile:
        return KeyFile.load(self.key_path)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction (BEGIN IMMEDIATE): commit on success, roll back on error.

        A damaged page surfaces as ``DatabaseDamaged`` (an integrity failure, CLI
        exit code 5), never as a half-finished action.
        """
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                with session.begin():
                    yield session
        except sa_exc.DatabaseError as exc:
            if is_corruption(exc):
                raise DatabaseDamaged(detail=type(exc.orig).__name__ if exc.orig else "") from None
            raise

    def close(self) -> None:
        """Lock: close every connection and wipe the key (R14)."""
        self.engine.dispose()
        if self.key is not None:
            self.key.wipe()


_CORRUPTION_MARKERS = ("malformed", "not a database", "hmac", "corrupt", "disk image")


def is_corruption(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(marker in text for marker in _CORRUPTION_MARKERS)


def default_throttle() -> Throttle:
    return Throttle(user_state_dir() / "throttle.json")


def _read_meta(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else None


def open_engine(path: Path, dek: bytearray, keyfile: KeyFile, *, health_check: bool = True) -> Database:
    wal_damage = wal_problems(path)  # R29: before the first connection replays (and drops) it
    if wal_damage:
        dek[:] = bytes(len(dek))
        raise DatabaseDamaged("The write-ahead log is damaged", problems=wal_damage, pages=[])
    holder = KeyHolder(dek)
    engine = make_engine(path, holder)
    try:
        migrate_if_needed(engine, path)
        if health_check:
            _health_check(engine)
        with Session(engine) as s:
            db_uuid = _read_meta(s, META_DB_UUID)
            audit_key = _read_meta(s, META_AUDIT_KEY)
    except sa_exc.DatabaseError as exc:
        engine.dispose()
        holder.wipe()
        if is_corruption(exc):
            raise DatabaseDamaged(detail=type(exc.orig).__name__ if exc.orig else "") from None
        raise
    except BaseException:
        engine.dispose()
        holder.wipe()
        raise
    if db_uuid != keyfile.db_uuid or audit_key is None:
        engine.dispose()
        holder.wipe()
        raise KeyFileError("The key file belongs to another database", code="keyfile.other_database")
    return Database(path=path, engine=engine, key=holder, db_uuid=db_uuid,
                    audit=AuditLog(bytes.fromhex(audit_key)), health_checked=health_check)


def _health_check(engine: Engine) -> None:
    """R29: ``quick_check`` at every open. A damaged database is not opened at all:
    every read must be audit-logged, which needs a healthy, writable file, so the
    user is guided to restore the newest backup instead (``problems`` holds the
    check's lines, which name pages and tables but no content)."""
    problems = quick_check_problems(engine)
    if problems:
        pages = damaged_pages(problems)
        named = f"; page(s) {', '.join(map(str, pages[:10]))}" if pages else ""
        raise DatabaseDamaged(f"quick_check failed ({len(problems)} problem(s){named})", problems=problems,
                              pages=pages)


def init_database(path: Path, admin_username: str, admin_password: str, *,
                  admin_display_name: str | None = None, admin_agency: str = "OTHER",
                  kdf_params: KdfParams | None = None) -> tuple[Database, Actor, str]:
    """Create a new encrypted database with one admin and a recovery slot.

    Returns the open database, the admin actor and the recovery code (shown once,
    never stored in clear anywhere).
    """
    path = Path(path)
    refuse_network_path(path)  # R28
    key_path = key_file_for(path)
    if path.exists() or key_path.exists():
        raise ValidationError("A database already exists at that path", code="db.exists")
    if not path.parent.is_dir():
        raise ValidationError("The folder does not exist", code="db.no_folder")
    check_username(admin_username)
    check_password(admin_password)
    vocab.AGENCIES.check(admin_agency)
    params = kdf_params or calibrated()
    dek = bytearray(os.urandom(32))
    keyfile = KeyFile.new()
    recovery = new_recovery_code()
    slot_id = keyfile.add_user_slot(admin_username, admin_password, dek, params)
    keyfile.add_recovery_slot(recovery, dek, params)
    holder = KeyHolder(dek)
    # Permission-first: the file exists with owner-only rights before SQLite writes
    # a byte (SQLite gives -wal and -shm the same mode).
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    engine = make_engine(path, holder)
    try:
        migrate_if_needed(engine, path)
        with Session(engine, expire_on_commit=False) as s, s.begin():
            audit, actor = seed_new_database(s, keyfile.db_uuid, admin_username, admin_display_name, admin_agency,
                                             lambda _s: slot_id)
            keyfile.save(key_path)
    except BaseException:
        engine.dispose()
        holder.wipe()
        for leftover in (path, key_path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    db = Database(path=path, engine=engine, key=holder, db_uuid=keyfile.db_uuid, audit=audit)
    return db, actor, recovery


def seed_new_database(s: Session, db_uuid: str, admin_username: str, admin_display_name: str | None,
                      admin_agency: str, admin_slot: Callable[[Session], str]) -> tuple[AuditLog, Actor]:
    """What every new database holds, embedded or on the server: its uuid, the audit key, the
    agencies and the first administrator (``admin_slot`` gives the account's credential
    handle), whose creation is the chain's first event."""
    audit = AuditLog(bytes.fromhex(audit_key := new_audit_key()))
    s.add_all([Meta(key=META_DB_UUID, value=db_uuid), Meta(key=META_AUDIT_KEY, value=audit_key),
               Meta(key=META_CREATED_AT, value=date.today().isoformat())])
    s.add_all([Agency(code=t.code, name=t.sv) for t in vocab.AGENCIES])
    s.flush()
    admin = User(username=admin_username.strip(), display_name=admin_display_name or admin_username,
                 agency_code=admin_agency, slot_id=admin_slot(s), roles=[UserRole(role="SYSTEMADMIN")])
    s.add(admin)
    s.flush()
    actor = actor_for(admin)
    audit.append(s, actor, "DB_INIT", entity="database")
    return audit, actor


def actor_for(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, agency=user.agency_code,
                 roles=frozenset(r.role for r in user.roles), unit_ids=frozenset(u.unit_id for u in user.units),
                 display_name=user.display_name)


def _load_keyfile(path: Path) -> KeyFile:
    if not Path(path).exists():
        raise ValidationError("No database at that path", code="db.missing")
    return KeyFile.load(key_file_for(path))


def _unlock_engine(path: Path, keyfile: KeyFile, unlock: Callable[[KeyFile], bytearray], *,
                   health_check: bool = True) -> tuple[Database, KeyFile]:
    """Open with the main key file; if a user removal was interrupted between the
    rekey and the key file swap, the pending key file opens it and is promoted."""
    pending = Path(str(key_file_for(path)) + PENDING_KEYFILE_SUFFIX)
    dek = unlock(keyfile)
    try:
        return open_engine(path, dek, keyfile, health_check=health_check), keyfile
    except WrongKey:
        if not pending.exists():
            raise KeyFileError("The key file does not open this database (a wrong key file, or the start "
                               "of the database file is damaged)", code="keyfile.wrong_key") from None
    next_keyfile = KeyFile.load(pending)
    db = open_engine(path, unlock(next_keyfile), next_keyfile, health_check=health_check)
    os.replace(pending, key_file_for(path))
    fsync_dir(path.parent)
    return db, next_keyfile


def unlock(path: Path, username: str, password: str, *, throttle: Throttle | None = None,
           purpose: str = "login", health_check: bool = True) -> tuple[Database, Actor]:
    """Unlock with a user's password; ``WrongPassword`` leaves every file untouched.

    ``health_check=False`` skips ``quick_check`` (R29) for a re-unlock after an idle
    lock in a process that already checked the file at start: on a large database
    the check costs a good part of the unlock budget, and SQLCipher still verifies
    every page's HMAC as it is read."""
    path = Path(path)
    refuse_network_path(path)  # R28
    keyfile = _load_keyfile(path)
    throttle = throttle or default_throttle()
    tkey = Throttle.key_for(keyfile.db_uuid, keyfile.lookup_tag(username))
    throttle.check(tkey)
    slot_holder: dict[str, str] = {}

    def by_password(kf: KeyFile) -> bytearray:
        slot_id, dek = kf.unlock_user(username, password)
        slot_holder["slot"] = slot_id
        return dek

    try:
        db, keyfile = _unlock_engine(path, keyfile, by_password, health_check=health_check)
    except WrongPassword:
        throttle.record_failure(tkey, Throttle.scope_for(keyfile.db_uuid))
        raise
    try:
        with db.session() as s:
            user = s.scalar(select(User).where(User.slot_id == slot_holder["slot"]))
            if user is None or not user.active or user.username.casefold() != username.strip().casefold():
                raise WrongPassword()
            actor = actor_for(user)
            _flush_pending_events(s, db, throttle, keyfile)
            db.audit.append(s, actor, "LOGIN", entity="user", entity_id=user.id, purpose=purpose)
            stale_slots = [u.slot_id for u in s.scalars(select(User).where(User.active.is_(False)))
                           if u.slot_id in keyfile.slot_ids()]
    except WrongPassword:
        db.close()
        throttle.record_failure(tkey, Throttle.scope_for(keyfile.db_uuid))
        raise
    except BaseException:
        db.close()
        raise
    throttle.record_success(tkey)
    _finish_interrupted_removal(db, stale_slots)
    return db, actor


def _finish_interrupted_removal(db: Database, stale_slots: list[str]) -> None:
    """A removal that died before the rekey left a removed user's slot behind (and
    maybe a stale pending key file): rotate now, as ``remove_user`` would have."""
    pending = Path(str(db.key_path) + PENDING_KEYFILE_SUFFIX)
    if not stale_slots:
        pending.unlink(missing_ok=True)
        return
    pending.unlink(missing_ok=True)
    rotate_database_key(db, stale_slots)
    with db.session() as s:
        db.audit.append(s, None, "KEY_ROTATION", entity="database", flags=["KEY_ROTATION"],
                        detail={"removed_slots": len(stale_slots), "cause": "interrupted_removal"})


def unlock_with_recovery(path: Path, code: str) -> Database:
    """Open with the recovery code (for an admin to reset passwords)."""
    path = Path(path)
    refuse_network_path(path)  # R28
    keyfile = _load_keyfile(path)
    db, _ = _unlock_engine(path, keyfile, lambda kf: kf.unlock_recovery(code))
    with db.session() as s:
        db.audit.append(s, None, "LOGIN_RECOVERY", entity="database", flags=["RECOVERY_CODE"])
    return db


def reset_password_with_recovery(path: Path, code: str, username: str, new_password: str) -> None:
    """Lost passwords: the recovery code opens the database and sets a user's password.

    Used when no administrator can log in any more; audited with the RECOVERY_CODE flag.
    """
    check_password(new_password)
    db = unlock_with_recovery(path, code)
    try:
        with db.session() as s:
            user = s.scalar(select(User).where(User.username == username.strip()))
            if user is None or not user.active:
                raise ValidationError("No such active user", code="user.not_found")
            keyfile = db.load_keyfile()
            dek = db.key.copy()
            try:
                keyfile.reset_user_slot(user.slot_id, user.username, new_password, dek, calibrated())
            finally:
                dek[:] = bytes(len(dek))
            db.audit.append(s, None, "PASSWORD_RESET", entity="user", entity_id=user.id, flags=["RECOVERY_CODE"])
            keyfile.save(db.key_path)
    finally:
        db.close()


def _flush_pending_events(session: Session, db: Database, throttle: Throttle, keyfile: KeyFile) -> None:
    """Write the events this machine queued for this database (failed attempts,
    password changes) into the audit log (R13, R8)."""
    pending = throttle.take_pending(Throttle.scope_for(keyfile.db_uuid))
    if not pending:
        return
    users = {Throttle.key_for(keyfile.db_uuid, keyfile.lookup_tag(u.username)): u
             for u in session.scalars(select(User))}
    for item in pending:
        user = users.get(item.get("key", ""))
        event = item.get("event", "LOGIN_FAILED")
        db.audit.append(session, None, event, entity="user", entity_id=user.id if user else None,
                        flags=["FAILED_LOGIN"] if event == "LOGIN_FAILED" else [],
                        detail={"at": item.get("at"), "known_user": user is not None})


def require_authenticated(actor: Actor | None) -> Actor:
    if actor is None:
        raise AuthenticationError()
    return actor
