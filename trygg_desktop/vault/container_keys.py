"""Recipient stanzas of the CMX1 container: who can recover a container's file key.

Split from :mod:`trygg_desktop.vault.container` (the framing) to keep both small.
A *recipient* turns the file key into a JSON stanza at write time; a *secret*
finds and opens a matching stanza at read time, or returns None.

* :class:`PassphraseRecipient` / :class:`PassphraseSecret`: Argon2id(passphrase)
  wraps the file key (parameters are checked against the floor and the ceiling
  before any derivation, so a hostile header cannot downgrade or DoS).
* :class:`SlotRecipient` / :class:`SlotSecret`: a key-file slot (admin user or the
  recovery slot). The file key is sealed to the slot's X25519 public key and the
  stanza carries the slot's password-wrapped private key, so the container opens
  with that password or recovery code without the key file.
* :class:`KeyRecipient` / :class:`KeySecret`: a bare X25519 key pair (the backup
  writer's throwaway verification key).
"""

from __future__ import annotations

import base64
import os
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from trygg_desktop.domain.errors import ContainerError, KeyFileError
from trygg_desktop.vault.kdf import SALT_LENGTH, KdfParams, calibrated, check_params, derive_key, secret_bytes, wipe
from trygg_desktop.vault.slots import (
    KIND_RECOVERY,
    KIND_USER,
    SealedDek,
    Slot,
    SlotKdf,
    WrappedPrivateKey,
    ad_slot,
    open_dek,
    recovery_secret,
    seal_dek,
    unwrap_private_key,
)

TAG_LENGTH = 16
FILE_KEY_LENGTH = 32


# ------------------------------------------------------------------ errors


def _tampered(detail: str = "") -> ContainerError:
    return ContainerError("The file has been altered or damaged", code="container.tampered", detail=detail)


def _truncated() -> ContainerError:
    return ContainerError("The file is incomplete (cut off)", code="container.truncated")


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(value: object, length: int | None = None) -> bytes:
    if not isinstance(value, str):
        raise _tampered("field")
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise _tampered("base64") from None
    if length is not None and len(data) != length:
        raise _tampered("length")
    return data


# --------------------------------------------------------------- recipients


class Recipient(Protocol):
    """Something that can turn the file key into a header stanza."""

    def stanza(self, file_key: bytes | bytearray) -> dict[str, Any]: ...


def _kdf_dict(params: KdfParams, salt: bytes) -> dict[str, Any]:
    return {"alg": "argon2id", "m": params.memory_kib, "t": params.iterations, "p": params.lanes,
            "salt": _b64(salt)}


def _kdf_from(value: object) -> tuple[KdfParams, bytes]:
    if not isinstance(value, dict) or value.get("alg") != "argon2id":
        raise _tampered("kdf")
    params = KdfParams(value.get("m"), value.get("t"), value.get("p"))  # type: ignore[arg-type]
    try:
        check_params(params)  # before deriving: a hostile header cannot ask for 1 TB
    except KeyFileError:
        raise _tampered("kdf") from None
    return params, _unb64(value.get("salt"), SALT_LENGTH)


def _passphrase_ad(params: KdfParams, salt: bytes) -> bytes:
    return b"|".join((b"cmx1-passphrase", f"{params.memory_kib},{params.iterations},{params.lanes}".encode(),
                      salt))


def _slot_ad(db_uuid: str, slot_id: str) -> bytes:
    return b"|".join((b"cmx1-slot", db_uuid.encode("ascii"), slot_id.encode("ascii")))


class PassphraseRecipient:
    """Argon2id(passphrase) wraps the file key; the parameters and salt are in the stanza."""

    def __init__(self, passphrase: str, params: KdfParams | None = None) -> None:
        self._secret = secret_bytes(passphrase)
        if not self._secret:
            raise ContainerError("The passphrase must not be empty", code="container.empty_passphrase")
        self._params = params if params is not None else calibrated()
        check_params(self._params)

    def __repr__(self) -> str:
        return "PassphraseRecipient()"

    def stanza(self, file_key: bytes | bytearray) -> dict[str, Any]:
        salt = os.urandom(SALT_LENGTH)
        kek = derive_key(self._secret, salt, self._params)
        try:
            nonce = os.urandom(12)
            ct = AESGCM(bytes(kek)).encrypt(nonce, bytes(file_key), _passphrase_ad(self._params, salt))
        finally:
            wipe(kek)
        return {"type": "passphrase", "kdf": _kdf_dict(self._params, salt), "nonce": _b64(nonce), "ct": _b64(ct)}


class SlotRecipient:
    """Seals the file key to a key-file slot's X25519 public key (an admin or the recovery slot).

    The stanza also carries the slot's password-wrapped private key and KDF
    parameters, so the container opens with that slot's password (or the
    recovery code) *as it was when the container was written*, without the key
    file. A later password change does not reach into old containers; a user
    slot's lookup tag (HMAC of the user name, as in the key file) lets the
    reader try only the matching stanza.
    """

    def __init__(self, db_uuid: str, slot: Slot) -> None:
        self.db_uuid = db_uuid
        self.slot = slot

    def __repr__(self) -> str:
        return f"SlotRecipient(kind={self.slot.kind!r})"

    def stanza(self, file_key: bytes | bytearray) -> dict[str, Any]:
        slot = self.slot
        sealed = seal_dek(slot.public_key, file_key, _slot_ad(self.db_uuid, slot.id))
        return {
            "type": "slot",
            "db_uuid": self.db_uuid,
            "slot_id": slot.id,
            "kind": slot.kind,
            "lookup": slot.lookup,
            "kdf": _kdf_dict(slot.kdf.params, slot.kdf.salt),
            "public_key": _b64(slot.public_key),
            "private_key": {"nonce": _b64(slot.private_key.nonce), "ct": _b64(slot.private_key.ct)},
            "sealed": {"epk": _b64(sealed.epk), "nonce": _b64(sealed.nonce), "ct": _b64(sealed.ct)},
        }


class KeyRecipient:
    """Seals the file key to a bare X25519 public key.

    Used by the backup writer with a throwaway key pair to read its own output
    back (verification) without holding anybody's password; once the private
    key is dropped, nobody can open that stanza.
    """

    def __init__(self, public_key: bytes) -> None:
        self.public_key = bytes(public_key)

    def __repr__(self) -> str:
        return "KeyRecipient()"

    def stanza(self, file_key: bytes | bytearray) -> dict[str, Any]:
        sealed = seal_dek(self.public_key, file_key, b"cmx1-x25519")
        return {"type": "x25519", "public_key": _b64(self.public_key), "epk": _b64(sealed.epk),
                "nonce": _b64(sealed.nonce), "ct": _b64(sealed.ct)}


# ------------------------------------------------------------------ secrets


class KeySecret:
    """Opens ``x25519`` stanzas with the matching private key."""

    def __init__(self, private_key: X25519PrivateKey) -> None:
        self._private = private_key

    def __repr__(self) -> str:
        return "KeySecret()"

    def open(self, stanzas: list[dict[str, Any]]) -> bytearray | None:
        mine = self._private.public_key().public_bytes_raw()
        for stanza in stanzas:
            if stanza.get("type") != "x25519" or _unb64(stanza.get("public_key"), 32) != mine:
                continue
            fake = Slot("0" * 32, "x25519", None, SlotKdf("argon2id", 0, 0, 0, b""), mine,
                        WrappedPrivateKey(b"", b""),
                        SealedDek(_unb64(stanza.get("epk"), 32), _unb64(stanza.get("nonce"), 12),
                                  _unb64(stanza.get("ct"), 48)))
            try:
                return open_dek(self._private, fake, b"cmx1-x25519")
            except KeyFileError:
                raise _tampered("sealed key") from None
        return None


class PassphraseSecret:
    """Opens passphrase stanzas."""

    def __init__(self, passphrase: str) -> None:
        self._secret = secret_bytes(passphrase)

    def __repr__(self) -> str:
        return "PassphraseSecret()"

    def open(self, stanzas: list[dict[str, Any]]) -> bytearray | None:
        for stanza in stanzas:
            if stanza.get("type") != "passphrase":
                continue
            params, salt = _kdf_from(stanza.get("kdf"))
            nonce, ct = _unb64(stanza.get("nonce"), 12), _unb64(stanza.get("ct"), FILE_KEY_LENGTH + TAG_LENGTH)
            kek = derive_key(self._secret, salt, params)
            try:
                return bytearray(AESGCM(bytes(kek)).decrypt(nonce, ct, _passphrase_ad(params, salt)))
            except InvalidTag:
                continue
            finally:
                wipe(kek)
        return None


class SlotSecret:
    """Opens slot stanzas with a user's password (``username`` given) or the recovery code."""

    def __init__(self, secret: str, *, username: str | None = None, recovery: bool = False) -> None:
        if recovery == (username is not None):
            raise ValueError("give exactly one of username or recovery=True")
        self._secret = recovery_secret(secret) if recovery else secret_bytes(secret)
        self._username = username
        self.recovery = recovery

    def __repr__(self) -> str:
        return f"SlotSecret(recovery={self.recovery})"

    def _candidates(self, stanzas: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from trygg_desktop.vault.keyfile import KeyFile  # lookup tag, same as in the key file

        found = []
        for stanza in stanzas:
            if stanza.get("type") != "slot":
                continue
            if self.recovery:
                if stanza.get("kind") == KIND_RECOVERY:
                    found.append(stanza)
                continue
            if stanza.get("kind") != KIND_USER:
                continue
            try:
                tag = KeyFile(str(stanza.get("db_uuid")), 1, []).lookup_tag(self._username or "")
            except Exception:  # noqa: BLE001 - malformed uuid or name: not this stanza
                continue
            if stanza.get("lookup") == tag:
                found.append(stanza)
        return found

    def open(self, stanzas: list[dict[str, Any]]) -> bytearray | None:
        for stanza in self._candidates(stanzas):
            slot = _slot_from(stanza)
            db_uuid = str(stanza["db_uuid"])
            params = slot.kdf.params
            kek = derive_key(self._secret, slot.kdf.salt, params)
            try:
                private = unwrap_private_key(kek, slot, ad_slot(db_uuid, slot.id, slot.kind, slot.kdf, slot.public_key))
            except InvalidTag:
                continue  # wrong password for this stanza
            except KeyFileError:
                raise _tampered("slot") from None
            finally:
                wipe(kek)
            return _open_sealed(private, slot, db_uuid)
        return None


def _slot_from(stanza: dict[str, Any]) -> Slot:
    db_uuid, slot_id, kind = stanza.get("db_uuid"), stanza.get("slot_id"), stanza.get("kind")
    if not all(isinstance(v, str) and v.isascii() for v in (db_uuid, slot_id, kind)):
        raise _tampered("slot")
    params, salt = _kdf_from(stanza.get("kdf"))
    priv, sealed = stanza.get("private_key"), stanza.get("sealed")
    if not isinstance(priv, dict) or not isinstance(sealed, dict):
        raise _tampered("slot")
    return Slot(
        id=slot_id,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        lookup=stanza.get("lookup") if isinstance(stanza.get("lookup"), str) else None,
        kdf=SlotKdf("argon2id", params.memory_kib, params.iterations, params.lanes, salt),
        public_key=_unb64(stanza.get("public_key"), 32),
        private_key=WrappedPrivateKey(_unb64(priv.get("nonce"), 12), _unb64(priv.get("ct"), 48)),
        dek=SealedDek(_unb64(sealed.get("epk"), 32), _unb64(sealed.get("nonce"), 12), _unb64(sealed.get("ct"), 48)),
    )


def _open_sealed(private: X25519PrivateKey, slot: Slot, db_uuid: str) -> bytearray:
    try:
        return open_dek(private, slot, _slot_ad(db_uuid, slot.id))
    except KeyFileError:
        raise _tampered("sealed key") from None
