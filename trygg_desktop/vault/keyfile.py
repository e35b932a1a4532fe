"""The key file: envelope encryption of the database key (SECURITY.md R7–R12).

The database is keyed with a random 32-byte DEK (raw SQLCipher key, R4). The DEK
is never stored in clear; each *slot* of this JSON file can recover it with a
password or the recovery code. The slot design and its cryptography are described
in :mod:`trygg_desktop.vault.slots`, the strict on-disk format in
:mod:`trygg_desktop.vault.keyfile_format`. This module holds :class:`KeyFile`, which
ties them together, and re-exports the names callers import from here.

The file holds no user names: a slot is found through
``HMAC-SHA256(key=db_uuid, msg=normalised user name)``. (That tag only hides
names from a casual reader; anyone holding the file can test guessed names, so
it is not a secrecy guarantee.)

Memory: derived keys, decrypted private keys and returned DEKs are
``bytearray``s wiped in ``finally`` blocks. Python cannot guarantee erasure:
``str`` passwords, HKDF/X25519 intermediate ``bytes`` and OpenSSL's own copies
stay in memory until the allocator reuses them (R15 residual risk).

Nothing in this module logs, and no error message contains a password,
recovery code, user name or path.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from trygg_desktop.domain.errors import KeyFileError, NotFound, ValidationError, WrongPassword
from trygg_desktop.vault.atomic import atomic_write
from trygg_desktop.vault.kdf import SALT_LENGTH, KdfParams, check_params, derive_key, secret_bytes, wipe
from trygg_desktop.vault.keyfile_format import (
    FORMAT,
    MAX_FILE_SIZE,
    VERSION,
    b64url,
    content,
    damaged,
    dump_keyfile,
    is_hex32,
    parse_keyfile,
)
from trygg_desktop.vault.slots import (
    KIND_RECOVERY,
    KIND_USER,
    SealedDek,
    Slot,
    SlotKdf,
    WrappedPrivateKey,
    ad_dek,
    ad_slot,
    check_dek,
    decoy_params,
    new_slot_kdf,
    nonempty_secret,
    normalise_username,
    open_dek,
    recovery_secret,
    seal_dek,
    unwrap_private_key,
    wrap_private_key,
)

__all__ = [
    "FORMAT",
    "KIND_RECOVERY",
    "KIND_USER",
    "MAX_FILE_SIZE",
    "VERSION",
    "KeyFile",
    "SealedDek",
    "Slot",
    "SlotKdf",
    "WrappedPrivateKey",
]


class KeyFile:
    """In-memory key file. Mutating methods change this object only; call
    :meth:`save` to persist (atomically).

    Integrity (format version 2, see :mod:`keyfile_format`): the digest is checked on
    load; the MAC, keyed from the database key, is checked whenever a slot is opened
    and computed whenever the file is written, so every method that is given or opens
    the database key also binds the MAC key (``_bind``)."""

    __slots__ = ("db_uuid", "key_epoch", "slots", "_version", "_stored_mac", "_loaded", "_mac_key")

    def __init__(self, db_uuid: str, key_epoch: int, slots: Iterable[Slot], *, version: int = VERSION,
                 mac: str | None = None) -> None:
        if not is_hex32(db_uuid):
            raise ValidationError("db_uuid must be 32 lowercase hex characters", code="keyfile.db_uuid")
        self.db_uuid: str = db_uuid
        self.key_epoch: int = key_epoch
        self.slots: list[Slot] = list(slots)
        self._version = version
        self._stored_mac = mac
        self._loaded = content(db_uuid, key_epoch, self.slots)
        self._mac_key: bytes | None = None

    def __repr__(self) -> str:
        return f"KeyFile(db_uuid={self.db_uuid!r}, key_epoch={self.key_epoch}, slots={len(self.slots)})"

    # ---- construction, loading, saving

    @classmethod
    def new(cls, db_uuid: str | None = None) -> KeyFile:
        """An empty key file (epoch 1, no slots) for a new database."""
        return cls(db_uuid if db_uuid is not None else uuid.uuid4().hex, 1, [])

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read and strictly validate a key file. Never derives anything."""
        try:
            with open(Path(path), "rb") as handle:
                data = handle.read(MAX_FILE_SIZE + 1)
        except FileNotFoundError:
            raise KeyFileError("The key file was not found", code="keyfile.missing") from None
        except OSError:
            raise KeyFileError("The key file could not be read", code="keyfile.unreadable") from None
        return cls.from_bytes(data)

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        """Parse key file bytes; every field is type-, length- and base64-checked."""
        db_uuid, key_epoch, slots, version, mac = parse_keyfile(data)
        return cls(db_uuid, key_epoch, slots, version=version, mac=mac)

    def to_bytes(self) -> bytes:
        """Canonical UTF-8 JSON; ``load`` + ``to_bytes`` reproduces a saved file exactly.

        A changed file needs the MAC key (bound by any method that had the database
        key); an unchanged one is written as it was read, its MAC and version kept."""
        now = content(self.db_uuid, self.key_epoch, self.slots)
        if self._mac_key is not None:
            return dump_keyfile(self.db_uuid, self.key_epoch, self.slots, mac=self._mac(now))
        if now == self._loaded and (self._stored_mac is not None or self._version == 1 or not self.slots):
            return dump_keyfile(self.db_uuid, self.key_epoch, self.slots, mac=self._stored_mac,
                                version=self._version)
        if not self.slots:
            return dump_keyfile(self.db_uuid, self.key_epoch, self.slots, mac=None)
        raise RuntimeError("a changed key file is written only with its MAC key bound")

    # ---- whole-file MAC

    def _mac_key_for(self, dek: bytes | bytearray) -> bytes:
        return hmac.new(bytes(dek), b"trygg-keyfile-mac-v2|" + self.db_uuid.encode("ascii"), hashlib.sha256).digest()

    def _mac(self, data: bytes) -> str:
        assert self._mac_key is not None
        return hmac.new(self._mac_key, data, hashlib.sha256).hexdigest()

    def _bind(self, dek: bytes | bytearray) -> None:
        """Remember the MAC key of this database key (for the next ``to_bytes``)."""
        self._mac_key = self._mac_key_for(dek)

    def _verify(self, dek: bytearray) -> bytearray:
        """After a slot opened: the stored MAC must match what was read (a version-1 file
        has none and is accepted once; it is written as version 2 next time)."""
        if self._stored_mac is not None:
            expected = hmac.new(self._mac_key_for(dek), self._loaded, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, self._stored_mac):
                wipe(dek)
                raise damaged()
        self._bind(dek)
        return dek

    def save(self, path: Path) -> None:
        """Write atomically with mode 0o600 (R9): readers see the old or the new file."""
        atomic_write(Path(path), self.to_bytes())

    # ---- lookup

    def lookup_tag(self, username: str) -> str:
        """Name-free tag that locates a user's slot (HMAC keyed by db_uuid)."""
        digest = hmac.new(bytes.fromhex(self.db_uuid), normalise_username(username), hashlib.sha256).digest()
        return b64url(digest)

    def find_user_slot(self, username: str) -> Slot | None:
        tag = self.lookup_tag(username)
        found: Slot | None = None
        for slot in self.slots:  # no early exit: same work whichever slot matches
            if slot.kind == KIND_USER and slot.lookup is not None and hmac.compare_digest(slot.lookup, tag):
                found = slot
        return found

    def find_recovery_slot(self) -> Slot | None:
        for slot in self.slots:
            if slot.kind == KIND_RECOVERY:
                return slot
        return None

    def slot_ids(self) -> list[str]:
        return [slot.id for slot in self.slots]

    def _index(self, slot_id: str) -> int:
        for index, slot in enumerate(self.slots):
            if slot.id == slot_id:
                return index
        raise NotFound("No such key slot", code="keyfile.slot_not_found")

    # ---- the two layers, bound to this file's db_uuid

    def _wrap_private(
        self,
        slot_id: str,
        kind: str,
        kdf: SlotKdf,
        public_key: bytes,
        private: X25519PrivateKey,
        secret: bytearray,
    ) -> WrappedPrivateKey:
        kek = derive_key(secret, kdf.salt, kdf.params)
        try:
            return wrap_private_key(kek, private, ad_slot(self.db_uuid, slot_id, kind, kdf, public_key))
        finally:
            wipe(kek)

    def _unwrap_private(self, slot: Slot, secret: bytearray) -> X25519PrivateKey:
        """Recover a slot's X25519 private key; ``WrongPassword`` if the tag fails.

        KDF parameters are checked *before* deriving (R12 downgrade protection,
        and a hostile file cannot make us allocate absurd memory).
        """
        check_params(slot.kdf.params)
        kek = derive_key(secret, slot.kdf.salt, slot.kdf.params)
        try:
            ad = ad_slot(self.db_uuid, slot.id, slot.kind, slot.kdf, slot.public_key)
            return unwrap_private_key(kek, slot, ad)
        except InvalidTag:
            raise WrongPassword() from None
        finally:
            wipe(kek)

    def _seal(self, slot_id: str, public_key: bytes, dek: bytes | bytearray, key_epoch: int) -> SealedDek:
        return seal_dek(public_key, dek, ad_dek(self.db_uuid, slot_id, key_epoch))

    def _open(self, private: X25519PrivateKey, slot: Slot) -> bytearray:
        return open_dek(private, slot, ad_dek(self.db_uuid, slot.id, self.key_epoch))

    # ---- slot creation

    def _make_slot(
        self,
        slot_id: str,
        kind: str,
        lookup: str | None,
        secret: bytearray,
        dek: bytes | bytearray,
        params: KdfParams,
    ) -> Slot:
        check_params(params)
        check_dek(dek)
        private = X25519PrivateKey.generate()
        public_key = private.public_key().public_bytes_raw()
        kdf = new_slot_kdf(params)
        wrapped = self._wrap_private(slot_id, kind, kdf, public_key, private, secret)
        sealed = self._seal(slot_id, public_key, dek, self.key_epoch)
        return Slot(slot_id, kind, lookup, kdf, public_key, wrapped, sealed)

    def _new_slot_id(self, slot_id: str | None) -> str:
        if slot_id is None:
            slot_id = uuid.uuid4().hex
        if not is_hex32(slot_id):
            raise ValidationError("A slot id is 32 lowercase hex characters", code="keyfile.slot_id")
        if slot_id in self.slot_ids():
            raise ValidationError("That slot id is already in use", code="keyfile.slot_id")
        return slot_id

    def add_user_slot(
        self,
        username: str,
        password: str | bytearray,
        dek: bytes | bytearray,
        params: KdfParams,
        *,
        slot_id: str | None = None,
    ) -> str:
        """Give a user access; returns the new slot id (store it with the user record)."""
        tag = self.lookup_tag(username)
        if self.find_user_slot(username) is not None:
            raise ValidationError("A key slot for that user already exists", code="keyfile.duplicate_user")
        slot_id = self._new_slot_id(slot_id)
        secret = nonempty_secret(password)
        try:
            slot = self._make_slot(slot_id, KIND_USER, tag, secret, dek, params)
        finally:
            wipe(secret)
        self.slots.append(slot)
        self._bind(dek)
        return slot_id

    def add_recovery_slot(self, code: str, dek: bytes | bytearray, params: KdfParams) -> str:
        """Create the recovery slot, replacing any existing one (a new sheet voids the old)."""
        secret = recovery_secret(code)
        try:
            slot = self._make_slot(self._new_slot_id(None), KIND_RECOVERY, None, secret, dek, params)
        finally:
            wipe(secret)
        self.slots = [existing for existing in self.slots if existing.kind != KIND_RECOVERY]
        self.slots.append(slot)
        self._bind(dek)
        return slot.id

    # ---- unlocking

    def _decoy_derivation(self, secret: str | bytes | bytearray) -> None:
        """One derivation at realistic cost for an unknown user (see ``decoy_params``)."""
        buf = secret_bytes(secret)
        try:
            wipe(derive_key(buf, os.urandom(SALT_LENGTH), decoy_params(self.slots)))
        finally:
            wipe(buf)

    def unlock_user(self, username: str, password: str | bytearray) -> tuple[str, bytearray]:
        """Return ``(slot_id, dek)``. The caller must wipe the DEK when locking (R14).

        Unknown user and wrong password both raise ``WrongPassword`` after one
        Argon2 derivation, so neither the answer nor its timing says which.
        """
        slot = self.find_user_slot(username)
        if slot is None:
            self._decoy_derivation(password)
            raise WrongPassword()
        secret = secret_bytes(password)
        try:
            private = self._unwrap_private(slot, secret)
        finally:
            wipe(secret)
        return slot.id, self._verify(self._open(private, slot))

    def unlock_recovery(self, code: str) -> bytearray:
        """Return the DEK using the printed recovery code alone (R10).

        A code that is not 26 Crockford characters raises
        ``ValidationError(code="recovery.format")`` so the UI can say "check
        the code"; a well-formed but wrong code raises
        ``WrongPassword(code="auth.wrong_recovery_code")``.
        """
        secret = recovery_secret(code)
        try:
            slot = self.find_recovery_slot()
            if slot is None:
                raise WrongPassword("Wrong recovery code", code="auth.wrong_recovery_code")
            try:
                private = self._unwrap_private(slot, secret)
            except WrongPassword:
                raise WrongPassword("Wrong recovery code", code="auth.wrong_recovery_code") from None
        finally:
            wipe(secret)
        return self._verify(self._open(private, slot))

    # ---- changing slots

    def change_password(
        self,
        username: str,
        old_password: str | bytearray,
        new_password: str | bytearray,
        params: KdfParams | None = None,
    ) -> None:
        """Rewrap only this user's private key under the new password (new salt).

        The public key and the DEK envelope stay byte-identical, the database is
        not touched (R8). ``params`` defaults to the slot's current parameters;
        pass freshly calibrated ones to upgrade cost at the same time.
        """
        slot = self.find_user_slot(username)
        if slot is None:
            self._decoy_derivation(old_password)
            raise WrongPassword()
        new_params = params if params is not None else slot.kdf.params
        check_params(new_params)
        new_secret = nonempty_secret(new_password)
        old_secret = secret_bytes(old_password)
        try:
            private = self._unwrap_private(slot, old_secret)
            wipe(self._verify(self._open(private, slot)))  # the rewritten file needs its MAC key
            kdf = new_slot_kdf(new_params)
            wrapped = self._wrap_private(slot.id, slot.kind, kdf, slot.public_key, private, new_secret)
        finally:
            wipe(old_secret)
            wipe(new_secret)
        index = self._index(slot.id)
        self.slots[index] = replace(slot, kdf=kdf, private_key=wrapped)

    def reset_user_slot(
        self,
        slot_id: str,
        username: str,
        new_password: str | bytearray,
        dek: bytes | bytearray,
        params: KdfParams,
    ) -> None:
        """An administrator (who holds the DEK) sets a new password for a user.

        The slot keeps its id (so the user record still points at it) but gets a
        new key pair, new salt and a freshly sealed DEK; the old password is
        useless afterwards. ``username`` may differ from before (a rename).
        """
        index = self._index(slot_id)
        if self.slots[index].kind != KIND_USER:
            raise ValidationError("Only a user slot can be reset", code="keyfile.not_user_slot")
        tag = self.lookup_tag(username)
        other = self.find_user_slot(username)
        if other is not None and other.id != slot_id:
            raise ValidationError("A key slot for that user already exists", code="keyfile.duplicate_user")
        secret = nonempty_secret(new_password)
        try:
            slot = self._make_slot(slot_id, KIND_USER, tag, secret, dek, params)
        finally:
            wipe(secret)
        self.slots[index] = slot
        self._bind(dek)

    def remove_slot(self, slot_id: str) -> None:
        """Drop a slot. R11: the caller must then :meth:`rotate` and rekey the database,
        or the removed user's saved copy of the old slot still opens it."""
        del self.slots[self._index(slot_id)]

    def rotate(self, new_dek: bytes | bytearray) -> None:
        """Start a new key epoch and seal ``new_dek`` to every remaining slot.

        Only public keys are needed, so no password is asked for (R11). All
        envelopes are built before any is replaced: on error nothing changes.
        """
        check_dek(new_dek)
        epoch = self.key_epoch + 1
        resealed = [
            replace(slot, dek=self._seal(slot.id, slot.public_key, new_dek, epoch)) for slot in self.slots
        ]
        self.key_epoch = epoch
        self.slots = resealed
        self._bind(new_dek)
