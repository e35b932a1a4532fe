"""Where an account's password lives: a key-file slot (embedded) or a verifier (server mode).

``UserService`` keeps every rule about accounts (who may add or remove one, what a password
must look like, what is audited); it hands the password itself to the database's credential
store, of which there are two:

* :class:`KeyFileCredentials`, the embedded default: the password wraps the database key in
  the account's key-file slot (vault.keyfile), and removing an account rotates the key (R11).
* :class:`ServerCredentials`, for the shared PostgreSQL server: an Argon2id verifier per
  account in ``server_credential`` (salt, parameters, 32-byte tag), checked by the server with
  a constant-time comparison. There is no file key to rotate: removing the account deletes its
  verifier in the same transaction, so no session can be opened with it afterwards.

Both return the account's ``slot_id`` (its credential handle).
"""

from __future__ import annotations

import hmac
import os
import secrets
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import WrongPassword
from ..store.models import ServerCredential, User, utcnow
from ..vault.kdf import SALT_LENGTH, KdfParams, check_params, derive_key, secret_bytes, wipe
from .key_rotation import KeyedFile, rotate_database_key

#: A fixed verifier to check unknown user names against: the same Argon2 work as a real
#: account, so the answer time does not tell which user names exist.
_DUMMY = ServerCredential(slot_id="-", salt=bytes(SALT_LENGTH), verifier=bytes(32), memory_kib=65536,
                          iterations=3, lanes=4)


class Credentials(Protocol):
    def add(self, session: Session, username: str, password: str, params: KdfParams) -> str: ...

    def reset(self, session: Session, user: User, password: str, params: KdfParams) -> None: ...

    def remove(self, session: Session, slot_ids: list[str]) -> None:
        """Inside the removing transaction (the server's verifiers)."""

    def after_remove(self, slot_ids: list[str]) -> None:
        """After it committed (the embedded key rotation)."""


class KeyFileCredentials:
    """The embedded database: the password opens the account's key-file slot."""

    def __init__(self, db: KeyedFile) -> None:
        self.db = db

    def add(self, session: Session, username: str, password: str, params: KdfParams) -> str:
        keyfile = self.db.load_keyfile()
        dek = self.db.key.copy()
        try:
            slot_id = keyfile.add_user_slot(username, password, dek, params)
        finally:
            dek[:] = bytes(len(dek))
        keyfile.save(self.db.key_path)  # an unused slot at worst if the transaction fails
        return slot_id

    def reset(self, session: Session, user: User, password: str, params: KdfParams) -> None:
        keyfile = self.db.load_keyfile()
        dek = self.db.key.copy()
        try:
            keyfile.reset_user_slot(user.slot_id, user.username, password, dek, params)
        finally:
            dek[:] = bytes(len(dek))
        keyfile.save(self.db.key_path)

    def remove(self, session: Session, slot_ids: list[str]) -> None:
        return None

    def after_remove(self, slot_ids: list[str]) -> None:
        rotate_database_key(self.db, slot_ids)


class ServerCredentials:
    """Server mode: an Argon2id verifier per account in the shared database."""

    def add(self, session: Session, username: str, password: str, params: KdfParams) -> str:
        slot_id = "srv-" + secrets.token_hex(12)
        session.add(_verifier(slot_id, password, params))
        return slot_id

    def reset(self, session: Session, user: User, password: str, params: KdfParams) -> None:
        current = session.get(ServerCredential, user.slot_id)
        if current is not None:
            session.delete(current)
            session.flush()
        session.add(_verifier(user.slot_id, password, params))

    def remove(self, session: Session, slot_ids: list[str]) -> None:
        for slot_id in slot_ids:
            current = session.get(ServerCredential, slot_id)
            if current is not None:
                session.delete(current)

    def after_remove(self, slot_ids: list[str]) -> None:
        return None

    @staticmethod
    def verify(session: Session, username: str, password: str) -> User:
        """The active account whose password this is; ``WrongPassword`` otherwise (an unknown
        name, a removed account and a wrong password look the same and cost the same)."""
        user = session.scalar(select(User).where(User.username == username.strip()))
        credential = session.get(ServerCredential, user.slot_id) if user is not None and user.active else None
        ok = _matches(credential or _DUMMY, password)
        if credential is None or not ok:
            raise WrongPassword()
        return user


def _verifier(slot_id: str, password: str, params: KdfParams) -> ServerCredential:
    salt = os.urandom(SALT_LENGTH)
    secret = secret_bytes(password)
    try:
        tag = derive_key(secret, salt, params)
    finally:
        wipe(secret)
    try:
        return ServerCredential(slot_id=slot_id, salt=salt, verifier=bytes(tag), memory_kib=params.memory_kib,
                                iterations=params.iterations, lanes=params.lanes, changed_at=utcnow())
    finally:
        wipe(tag)


def _matches(credential: ServerCredential, password: str) -> bool:
    params = KdfParams(credential.memory_kib, credential.iterations, credential.lanes)
    check_params(params)
    secret = secret_bytes(password)
    try:
        tag = derive_key(secret, credential.salt, params)
    finally:
        wipe(secret)
    try:
        return hmac.compare_digest(bytes(tag), credential.verifier)
    finally:
        wipe(tag)
