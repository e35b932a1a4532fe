"""Key-file slots and the cryptography that guards them (SECURITY.md R7–R12).

A *slot* is one way into the database:

* It owns an X25519 key pair. The private key is wrapped with AES-256-GCM
  under ``KEK = Argon2id(password or recovery code, salt16)`` (this is R7's
  ``AES-256-GCM(KEK_user, …)``). The Argon2 derivation itself happens in
  :mod:`trygg_desktop.vault.keyfile`; the helpers here take the finished KEK.
* The DEK is *sealed to the slot's public key*: ephemeral X25519, HKDF-SHA256,
  AES-256-GCM. Sealing needs only public keys, which is why removing a user can
  rotate the DEK and re-seal it for every remaining slot without anybody's
  password (R11), and why a password change rewraps one private key and leaves
  the DEK envelope byte-identical (R8).

Both AES-GCM layers bind their context as associated data: the private-key
wrap binds db_uuid, slot id, kind, the KDF parameters, the salt and the public
key (:func:`ad_slot`); the DEK envelope binds db_uuid, slot id and the key epoch
(:func:`ad_dek`). Moving blobs between slots, editing KDF parameters or rolling
one envelope back to an older epoch therefore makes authentication fail instead
of yielding a key (R7).

Memory: decrypted private keys and opened DEKs are ``bytearray``s wiped in
``finally`` blocks (R15 residual risk: ``bytes`` intermediates cannot be wiped).
Nothing here logs, and no error message contains a secret.
"""

from __future__ import annotations

import hmac
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from trygg_desktop.domain.errors import KeyFileError, ValidationError
from trygg_desktop.vault.kdf import FLOOR, SALT_LENGTH, KdfParams, check_params, secret_bytes, wipe
from trygg_desktop.vault.recovery import normalize_recovery_code

KIND_USER = "user"
KIND_RECOVERY = "recovery"
KDF_ALG = "argon2id"
DEK_LENGTH = 32
NONCE_LENGTH = 12
X25519_LENGTH = 32
TAG_LENGTH = 16
WRAPPED_LENGTH = 32 + TAG_LENGTH  # both layers encrypt exactly 32 bytes
HKDF_INFO = b"trygg-dek-v1"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class SlotKdf:
    """``slot.kdf``: Argon2id parameters and salt of one slot."""

    alg: str
    m: int
    t: int
    p: int
    salt: bytes = field(repr=False)

    @property
    def params(self) -> KdfParams:
        return KdfParams(self.m, self.t, self.p)


@dataclass(frozen=True, slots=True)
class WrappedPrivateKey:
    """``slot.private_key``: AES-256-GCM(KEK, X25519 private key, AD=ad_slot)."""

    nonce: bytes = field(repr=False)
    ct: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class SealedDek:
    """``slot.dek``: the DEK sealed to the slot's public key (ECIES-style)."""

    epk: bytes = field(repr=False)
    nonce: bytes = field(repr=False)
    ct: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Slot:
    """One way into the database. ``repr`` shows only id and kind."""

    id: str
    kind: str
    lookup: str | None = field(repr=False)
    kdf: SlotKdf = field(repr=False)
    public_key: bytes = field(repr=False)
    private_key: WrappedPrivateKey = field(repr=False)
    dek: SealedDek = field(repr=False)


def new_slot_kdf(params: KdfParams) -> SlotKdf:
    """``slot.kdf`` for ``params`` with a fresh random salt."""
    return SlotKdf(KDF_ALG, params.memory_kib, params.iterations, params.lanes, os.urandom(SALT_LENGTH))


def decoy_params(slots: Iterable[Slot]) -> KdfParams:
    """Parameters for the decoy derivation on an unknown user name.

    The contract asks for FLOOR; when user slots exist we use their most
    common (valid) parameters instead, so that after calibration an unknown
    name costs as much as a known one and timing does not reveal which
    user names exist. With no usable slot, FLOOR.
    """
    counts = Counter(slot.kdf.params for slot in slots if slot.kind == KIND_USER)
    for params, _count in counts.most_common():
        try:
            check_params(params)
        except KeyFileError:
            continue
        return params
    return FLOOR


# ------------------------------------------------------------------ checked input


def tampered() -> KeyFileError:
    return KeyFileError(
        "The key file has been altered or does not belong to this database", code="keyfile.tampered"
    )


def check_dek(dek: bytes | bytearray | memoryview) -> None:
    if not isinstance(dek, (bytes, bytearray, memoryview)) or len(dek) != DEK_LENGTH:
        raise ValidationError("The database key must be 32 bytes", code="keyfile.dek_length")


def nonempty_secret(secret: str | bytes | bytearray) -> bytearray:
    buf = secret_bytes(secret)
    if not buf:
        raise ValidationError("The password must not be empty", code="keyfile.empty_password")
    return buf


def recovery_secret(code: str) -> bytearray:
    """The normalised recovery code as a wipeable buffer (``recovery.format`` if malformed)."""
    return bytearray(normalize_recovery_code(code).encode("ascii"))


def normalise_username(username: str) -> bytes:
    if not isinstance(username, str):
        raise ValidationError("The user name must be text", code="keyfile.username")
    # NFC before and after casefold: "Å" typed precomposed or decomposed must
    # find the same slot; casefold handles "ß"/"SS" and similar.
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", username.strip()).casefold())
    if not text:
        raise ValidationError("The user name must not be empty", code="keyfile.username")
    return text.encode("utf-8")


# ------------------------------------------------------------------- primitives


def ad_slot(db_uuid: str, slot_id: str, kind: str, kdf: SlotKdf, public_key: bytes) -> bytes:
    """Associated data of the private-key wrap."""
    return b"|".join(
        (
            b"slot-v1",
            db_uuid.encode("ascii"),
            slot_id.encode("ascii"),
            kind.encode("ascii"),
            f"{kdf.m},{kdf.t},{kdf.p}".encode("ascii"),
            bytes(kdf.salt),
            bytes(public_key),
        )
    )


def ad_dek(db_uuid: str, slot_id: str, key_epoch: int) -> bytes:
    """Associated data of the DEK envelope."""
    return b"|".join(
        (b"dek-v1", db_uuid.encode("ascii"), slot_id.encode("ascii"), str(key_epoch).encode("ascii"))
    )


def _envelope_key(shared: bytes, epk: bytes, public_key: bytes) -> bytearray:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=bytes(epk) + bytes(public_key), info=HKDF_INFO)
    out = bytearray(32)
    derive_into = getattr(hkdf, "derive_into", None)
    if derive_into is not None:
        derive_into(shared, out)
    else:  # pragma: no cover - older cryptography
        out[:] = hkdf.derive(shared)
    return out


def _decrypt_32(key: bytes | bytearray, nonce: bytes, ct: bytes, ad: bytes) -> bytearray:
    """AES-256-GCM decrypt of a 32-byte secret straight into a wipeable buffer."""
    aead = AESGCM(key)
    out = bytearray(len(ct) - TAG_LENGTH)
    decrypt_into = getattr(aead, "decrypt_into", None)
    if decrypt_into is not None:
        decrypt_into(nonce, ct, ad, out)
    else:  # pragma: no cover - older cryptography
        out[:] = aead.decrypt(nonce, ct, ad)
    return out


def wrap_private_key(kek: bytes | bytearray, private: X25519PrivateKey, ad: bytes) -> WrappedPrivateKey:
    """Encrypt ``private`` under the KEK. The caller wipes the KEK."""
    raw = bytearray(private.private_bytes_raw())  # the bytes copy cannot be wiped (R15)
    try:
        nonce = os.urandom(NONCE_LENGTH)
        ct = AESGCM(kek).encrypt(nonce, raw, ad)
    finally:
        wipe(raw)
    return WrappedPrivateKey(nonce=nonce, ct=ct)


def unwrap_private_key(kek: bytes | bytearray, slot: Slot, ad: bytes) -> X25519PrivateKey:
    """Decrypt a slot's private key. ``InvalidTag`` means a wrong KEK (password);
    a key that does not match the slot's public key means tampering."""
    raw: bytearray | None = None
    try:
        raw = _decrypt_32(kek, slot.private_key.nonce, slot.private_key.ct, ad)
        private = X25519PrivateKey.from_private_bytes(raw)
    finally:
        wipe(raw)
    if not hmac.compare_digest(private.public_key().public_bytes_raw(), slot.public_key):
        raise tampered()
    return private


def seal_dek(public_key: bytes, dek: bytes | bytearray, ad: bytes) -> SealedDek:
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    except ValueError:  # low-order point planted in the file
        raise tampered() from None
    key = _envelope_key(shared, epk, public_key)
    try:
        nonce = os.urandom(NONCE_LENGTH)
        ct = AESGCM(key).encrypt(nonce, bytes(dek), ad)
    finally:
        wipe(key)
    return SealedDek(epk=epk, nonce=nonce, ct=ct)


def open_dek(private_key: X25519PrivateKey, slot: Slot, ad: bytes) -> bytearray:
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(slot.dek.epk))
    except ValueError:
        raise tampered() from None
    key = _envelope_key(shared, slot.dek.epk, slot.public_key)
    try:
        return _decrypt_32(key, slot.dek.nonce, slot.dek.ct, ad)
    except InvalidTag:
        # The password was right (the private key authenticated), so this is
        # tampering or a mixed-up file, not a typo: say so.
        raise tampered() from None
    finally:
        wipe(key)
