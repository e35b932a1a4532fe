"""The key file: envelope encryption of the database key (SECURITY.md R7–R12).

The database is keyed with a random 32-byte DEK (raw SQLCipher key, R4). The DEK
is never stored in clear; instead every *slot* in this JSON file can recover it:

* Each slot owns an X25519 key pair. The private key is wrapped with
  AES-256-GCM under ``KEK = Argon2id(password or recovery code, salt16)``
  (this is R7's ``AES-256-GCM(KEK_user, …)``).
* The DEK is *sealed to the slot's public key*: ephemeral X25519, HKDF-SHA256,
  AES-256-GCM. Sealing needs only public keys, which is why removing a user can
  rotate the DEK and re-seal it for every remaining slot without anybody's
  password (R11), and why a password change rewraps one private key and leaves
  the DEK envelope byte-identical (R8).

Both AES-GCM layers bind their context as associated data: the private-key
wrap binds db_uuid, slot id, kind, the KDF parameters, the salt and the public
key; the DEK envelope binds db_uuid, slot id and the key epoch. Moving blobs
between slots, editing KDF parameters or rolling one envelope back to an older
epoch therefore makes authentication fail instead of yielding a key (R7).

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

import base64
import hashlib
import hmac
import json
import os
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from trygg_desktop.domain.errors import (
    KeyFileError,
    NotFound,
    ValidationError,
    WrongPassword,
)
from trygg_desktop.vault.atomic import atomic_write
from trygg_desktop.vault.kdf import (
    FLOOR,
    SALT_LENGTH,
    KdfParams,
    check_params,
    derive_key,
    secret_bytes,
    wipe,
)
from trygg_desktop.vault.recovery import normalize_recovery_code

FORMAT = "trygg-keyfile"
VERSION = 1
MAX_FILE_SIZE = 1024 * 1024  # a real file is a few KiB; anything bigger is hostile
MAX_SLOTS = 1000
KIND_USER = "user"
KIND_RECOVERY = "recovery"
KDF_ALG = "argon2id"
DEK_LENGTH = 32
NONCE_LENGTH = 12
X25519_LENGTH = 32
TAG_LENGTH = 16
WRAPPED_LENGTH = 32 + TAG_LENGTH  # both layers encrypt exactly 32 bytes
HKDF_INFO = b"trygg-dek-v1"
_INT_LIMIT = 2**32  # structural bound on load; check_params enforces the real range
_HEX = frozenset("0123456789abcdef")

_TOP_KEYS = frozenset({"format", "version", "db_uuid", "key_epoch", "slots"})
_SLOT_KEYS = frozenset({"id", "kind", "lookup", "kdf", "public_key", "private_key", "dek"})
_KDF_KEYS = frozenset({"alg", "m", "t", "p", "salt"})
_PRIV_KEYS = frozenset({"nonce", "ct"})
_DEK_KEYS = frozenset({"epk", "nonce", "ct"})


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


# ------------------------------------------------------------------- primitives


def _malformed(detail: str) -> KeyFileError:
    return KeyFileError(f"The key file is damaged: {detail}", code="keyfile.malformed")


def _tampered() -> KeyFileError:
    return KeyFileError(
        "The key file has been altered or does not belong to this database", code="keyfile.tampered"
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _is_hex32(value: object) -> bool:
    return isinstance(value, str) and len(value) == 32 and set(value) <= _HEX


def _ad_slot(db_uuid: str, slot_id: str, kind: str, kdf: SlotKdf, public_key: bytes) -> bytes:
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


def _ad_dek(db_uuid: str, slot_id: str, key_epoch: int) -> bytes:
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


def _seal_dek(public_key: bytes, dek: bytes | bytearray, ad: bytes) -> SealedDek:
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    except ValueError:  # low-order point planted in the file
        raise _tampered() from None
    key = _envelope_key(shared, epk, public_key)
    try:
        nonce = os.urandom(NONCE_LENGTH)
        ct = AESGCM(key).encrypt(nonce, bytes(dek), ad)
    finally:
        wipe(key)
    return SealedDek(epk=epk, nonce=nonce, ct=ct)


def _open_dek(private_key: X25519PrivateKey, slot: Slot, ad: bytes) -> bytearray:
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(slot.dek.epk))
    except ValueError:
        raise _tampered() from None
    key = _envelope_key(shared, slot.dek.epk, slot.public_key)
    try:
        return _decrypt_32(key, slot.dek.nonce, slot.dek.ct, ad)
    except InvalidTag:
        # The password was right (the private key authenticated), so this is
        # tampering or a mixed-up file, not a typo: say so.
        raise _tampered() from None
    finally:
        wipe(key)


def _check_dek(dek: bytes | bytearray | memoryview) -> None:
    if not isinstance(dek, (bytes, bytearray, memoryview)) or len(dek) != DEK_LENGTH:
        raise ValidationError("The database key must be 32 bytes", code="keyfile.dek_length")


def _nonempty_secret(secret: str | bytes | bytearray) -> bytearray:
    buf = secret_bytes(secret)
    if not buf:
        raise ValidationError("The password must not be empty", code="keyfile.empty_password")
    return buf


def _normalise_username(username: str) -> bytes:
    if not isinstance(username, str):
        raise ValidationError("The user name must be text", code="keyfile.username")
    # NFC before and after casefold: "Å" typed precomposed or decomposed must
    # find the same slot; casefold handles "ß"/"SS" and similar.
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", username.strip()).casefold())
    if not text:
        raise ValidationError("The user name must not be empty", code="keyfile.username")
    return text.encode("utf-8")


# ------------------------------------------------------------------ JSON parsing


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")  # two parsers could disagree on which wins
        result[key] = value
    return result


def _reject_constant(_name: str) -> Any:
    raise ValueError("non-finite number")


def _object(value: object, keys: frozenset[str], where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _malformed(f"{where} must be an object")
    missing = sorted(keys - value.keys())
    if missing:
        raise _malformed(f"{where} is missing {', '.join(missing)}")
    extra = sorted(value.keys() - keys)
    if extra:
        # Field names come from the file: show a few, shortened, never the values.
        shown = ", ".join(repr(name[:40]) for name in extra[:3])
        raise _malformed(f"{where} has unexpected field(s) {shown}")
    return value


def _int(value: object, where: str, *, minimum: int = 1, maximum: int = _INT_LIMIT) -> int:
    if type(value) is not int or not minimum <= value <= maximum:
        raise _malformed(f"{where} must be an integer between {minimum} and {maximum}")
    return value


def _decode_b64(value: object, where: str, *, length: int, urlsafe: bool = False) -> bytes:
    if not isinstance(value, str) or not value.isascii():
        raise _malformed(f"{where} must be base64 text")
    try:
        if urlsafe:
            raw = base64.b64decode(value, altchars=b"-_", validate=True)
        else:
            raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise _malformed(f"{where} is not valid base64") from None
    canonical = _b64url(raw) if urlsafe else _b64(raw)
    if canonical != value:  # one value, one spelling: no hidden bits, no mixed alphabets
        raise _malformed(f"{where} is not valid base64")
    if len(raw) != length:
        raise _malformed(f"{where} must hold {length} bytes")
    return raw


def _parse_slot(value: object, where: str) -> Slot:
    obj = _object(value, _SLOT_KEYS, where)
    slot_id = obj["id"]
    if not _is_hex32(slot_id):
        raise _malformed(f"{where}.id must be 32 lowercase hex characters")
    kind = obj["kind"]
    if kind not in (KIND_USER, KIND_RECOVERY):
        raise _malformed(f"{where}.kind must be 'user' or 'recovery'")
    lookup = obj["lookup"]
    if kind == KIND_USER:
        _decode_b64(lookup, f"{where}.lookup", length=32, urlsafe=True)
    elif lookup is not None:
        raise _malformed(f"{where}.lookup must be null for a recovery slot")
    kdf_obj = _object(obj["kdf"], _KDF_KEYS, f"{where}.kdf")
    if kdf_obj["alg"] != KDF_ALG:
        raise _malformed(f"{where}.kdf.alg must be 'argon2id'")
    kdf = SlotKdf(
        alg=KDF_ALG,
        m=_int(kdf_obj["m"], f"{where}.kdf.m"),
        t=_int(kdf_obj["t"], f"{where}.kdf.t"),
        p=_int(kdf_obj["p"], f"{where}.kdf.p"),
        salt=_decode_b64(kdf_obj["salt"], f"{where}.kdf.salt", length=SALT_LENGTH),
    )
    public_key = _decode_b64(obj["public_key"], f"{where}.public_key", length=X25519_LENGTH)
    priv_obj = _object(obj["private_key"], _PRIV_KEYS, f"{where}.private_key")
    private_key = WrappedPrivateKey(
        nonce=_decode_b64(priv_obj["nonce"], f"{where}.private_key.nonce", length=NONCE_LENGTH),
        ct=_decode_b64(priv_obj["ct"], f"{where}.private_key.ct", length=WRAPPED_LENGTH),
    )
    dek_obj = _object(obj["dek"], _DEK_KEYS, f"{where}.dek")
    dek = SealedDek(
        epk=_decode_b64(dek_obj["epk"], f"{where}.dek.epk", length=X25519_LENGTH),
        nonce=_decode_b64(dek_obj["nonce"], f"{where}.dek.nonce", length=NONCE_LENGTH),
        ct=_decode_b64(dek_obj["ct"], f"{where}.dek.ct", length=WRAPPED_LENGTH),
    )
    return Slot(
        id=slot_id,
        kind=kind,
        lookup=lookup,
        kdf=kdf,
        public_key=public_key,
        private_key=private_key,
        dek=dek,
    )


def _slot_to_json(slot: Slot) -> dict[str, Any]:
    return {
        "id": slot.id,
        "kind": slot.kind,
        "lookup": slot.lookup,
        "kdf": {
            "alg": slot.kdf.alg,
            "m": slot.kdf.m,
            "t": slot.kdf.t,
            "p": slot.kdf.p,
            "salt": _b64(slot.kdf.salt),
        },
        "public_key": _b64(slot.public_key),
        "private_key": {"nonce": _b64(slot.private_key.nonce), "ct": _b64(slot.private_key.ct)},
        "dek": {"epk": _b64(slot.dek.epk), "nonce": _b64(slot.dek.nonce), "ct": _b64(slot.dek.ct)},
    }


# ---------------------------------------------------------------------- KeyFile


class KeyFile:
    """In-memory key file. Mutating methods change this object only; call
    :meth:`save` to persist (atomically)."""

    __slots__ = ("db_uuid", "key_epoch", "slots")

    def __init__(self, db_uuid: str, key_epoch: int, slots: Iterable[Slot]) -> None:
        if not _is_hex32(db_uuid):
            raise ValidationError("db_uuid must be 32 lowercase hex characters", code="keyfile.db_uuid")
        self.db_uuid: str = db_uuid
        self.key_epoch: int = key_epoch
        self.slots: list[Slot] = list(slots)

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
        if len(data) > MAX_FILE_SIZE:
            raise _malformed("the file is larger than 1 MiB")
        try:
            text = bytes(data).decode("utf-8")
            doc = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _malformed("it is not valid UTF-8 JSON") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise _malformed("it is not a Trygg key file")
        version = doc.get("version")
        if type(version) is not int:
            raise _malformed("the version field is missing or not a number")
        if version != VERSION:
            raise KeyFileError(
                f"The key file has version {version}; this program reads version {VERSION} "
                "(it was probably written by a newer Trygg Desktop)",
                code="keyfile.version",
            )
        _object(doc, _TOP_KEYS, "the top level")
        db_uuid = doc["db_uuid"]
        if not _is_hex32(db_uuid):
            raise _malformed("db_uuid must be 32 lowercase hex characters")
        key_epoch = _int(doc["key_epoch"], "key_epoch", maximum=2**53)
        raw_slots = doc["slots"]
        if not isinstance(raw_slots, list):
            raise _malformed("slots must be a list")
        if len(raw_slots) > MAX_SLOTS:
            raise _malformed("too many slots")
        slots = [_parse_slot(item, f"slots[{index}]") for index, item in enumerate(raw_slots)]
        if len({slot.id for slot in slots}) != len(slots):
            raise _malformed("two slots share an id")
        lookups = [slot.lookup for slot in slots if slot.kind == KIND_USER]
        if len(set(lookups)) != len(lookups):
            raise _malformed("two user slots share a lookup tag")
        if sum(slot.kind == KIND_RECOVERY for slot in slots) > 1:
            raise _malformed("more than one recovery slot")
        return cls(db_uuid, key_epoch, slots)

    def to_bytes(self) -> bytes:
        """Canonical UTF-8 JSON; ``load`` + ``to_bytes`` reproduces a saved file exactly."""
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "db_uuid": self.db_uuid,
            "key_epoch": self.key_epoch,
            "slots": [_slot_to_json(slot) for slot in self.slots],
        }
        return (json.dumps(doc, indent=2, ensure_ascii=True) + "\n").encode("utf-8")

    def save(self, path: Path) -> None:
        """Write atomically with mode 0o600 (R9): readers see the old or the new file."""
        atomic_write(Path(path), self.to_bytes())

    # ---- lookup

    def lookup_tag(self, username: str) -> str:
        """Name-free tag that locates a user's slot (HMAC keyed by db_uuid)."""
        digest = hmac.new(bytes.fromhex(self.db_uuid), _normalise_username(username), hashlib.sha256).digest()
        return _b64url(digest)

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
        _check_dek(dek)
        private = X25519PrivateKey.generate()
        public_key = private.public_key().public_bytes_raw()
        kdf = SlotKdf(KDF_ALG, params.memory_kib, params.iterations, params.lanes, os.urandom(SALT_LENGTH))
        wrapped = self._wrap_private(slot_id, kind, kdf, public_key, private, secret)
        sealed = _seal_dek(public_key, dek, _ad_dek(self.db_uuid, slot_id, self.key_epoch))
        return Slot(slot_id, kind, lookup, kdf, public_key, wrapped, sealed)

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
        raw = bytearray(private.private_bytes_raw())  # the bytes copy cannot be wiped (R15)
        try:
            nonce = os.urandom(NONCE_LENGTH)
            ct = AESGCM(kek).encrypt(nonce, raw, _ad_slot(self.db_uuid, slot_id, kind, kdf, public_key))
        finally:
            wipe(kek)
            wipe(raw)
        return WrappedPrivateKey(nonce=nonce, ct=ct)

    def _new_slot_id(self, slot_id: str | None) -> str:
        if slot_id is None:
            slot_id = uuid.uuid4().hex
        if not _is_hex32(slot_id):
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
        secret = _nonempty_secret(password)
        try:
            slot = self._make_slot(slot_id, KIND_USER, tag, secret, dek, params)
        finally:
            wipe(secret)
        self.slots.append(slot)
        return slot_id

    def add_recovery_slot(self, code: str, dek: bytes | bytearray, params: KdfParams) -> str:
        """Create the recovery slot, replacing any existing one (a new sheet voids the old)."""
        secret = bytearray(normalize_recovery_code(code).encode("ascii"))
        try:
            slot = self._make_slot(self._new_slot_id(None), KIND_RECOVERY, None, secret, dek, params)
        finally:
            wipe(secret)
        self.slots = [existing for existing in self.slots if existing.kind != KIND_RECOVERY]
        self.slots.append(slot)
        return slot.id

    # ---- unlocking

    def _decoy_params(self) -> KdfParams:
        """Parameters for the decoy derivation on an unknown user name.

        The contract asks for FLOOR; when user slots exist we use their most
        common (valid) parameters instead, so that after calibration an unknown
        name costs as much as a known one and timing does not reveal which
        user names exist. With no usable slot, FLOOR.
        """
        counts = Counter(slot.kdf.params for slot in self.slots if slot.kind == KIND_USER)
        for params, _count in counts.most_common():
            try:
                check_params(params)
            except KeyFileError:
                continue
            return params
        return FLOOR

    def _decoy_derivation(self, secret: str | bytes | bytearray) -> None:
        buf = secret_bytes(secret)
        try:
            wipe(derive_key(buf, os.urandom(SALT_LENGTH), self._decoy_params()))
        finally:
            wipe(buf)

    def _unwrap_private(self, slot: Slot, secret: bytearray) -> X25519PrivateKey:
        """Recover a slot's X25519 private key; ``WrongPassword`` if the tag fails.

        KDF parameters are checked *before* deriving (R12 downgrade protection,
        and a hostile file cannot make us allocate absurd memory).
        """
        check_params(slot.kdf.params)
        kek = derive_key(secret, slot.kdf.salt, slot.kdf.params)
        raw: bytearray | None = None
        try:
            ad = _ad_slot(self.db_uuid, slot.id, slot.kind, slot.kdf, slot.public_key)
            raw = _decrypt_32(kek, slot.private_key.nonce, slot.private_key.ct, ad)
            private = X25519PrivateKey.from_private_bytes(raw)
        except InvalidTag:
            raise WrongPassword() from None
        finally:
            wipe(kek)
            wipe(raw)
        if not hmac.compare_digest(private.public_key().public_bytes_raw(), slot.public_key):
            raise _tampered()
        return private

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
        return slot.id, _open_dek(private, slot, _ad_dek(self.db_uuid, slot.id, self.key_epoch))

    def unlock_recovery(self, code: str) -> bytearray:
        """Return the DEK using the printed recovery code alone (R10).

        A code that is not 26 Crockford characters raises
        ``ValidationError(code="recovery.format")`` so the UI can say "check
        the code"; a well-formed but wrong code raises
        ``WrongPassword(code="auth.wrong_recovery_code")``.
        """
        secret = bytearray(normalize_recovery_code(code).encode("ascii"))
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
        return _open_dek(private, slot, _ad_dek(self.db_uuid, slot.id, self.key_epoch))

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
        new_secret = _nonempty_secret(new_password)
        old_secret = secret_bytes(old_password)
        try:
            private = self._unwrap_private(slot, old_secret)
            kdf = SlotKdf(
                KDF_ALG, new_params.memory_kib, new_params.iterations, new_params.lanes, os.urandom(SALT_LENGTH)
            )
            wrapped = self._wrap_private(slot.id, slot.kind, kdf, slot.public_key, private, new_secret)
        finally:
            wipe(old_secret)
            wipe(new_secret)
        index = self._index(slot.id)
        self.slots[index] = Slot(slot.id, slot.kind, slot.lookup, kdf, slot.public_key, wrapped, slot.dek)

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
        secret = _nonempty_secret(new_password)
        try:
            slot = self._make_slot(slot_id, KIND_USER, tag, secret, dek, params)
        finally:
            wipe(secret)
        self.slots[index] = slot

    def remove_slot(self, slot_id: str) -> None:
        """Drop a slot. R11: the caller must then :meth:`rotate` and rekey the database,
        or the removed user's saved copy of the old slot still opens it."""
        del self.slots[self._index(slot_id)]

    def rotate(self, new_dek: bytes | bytearray) -> None:
        """Start a new key epoch and seal ``new_dek`` to every remaining slot.

        Only public keys are needed, so no password is asked for (R11). All
        envelopes are built before any is replaced: on error nothing changes.
        """
        _check_dek(new_dek)
        epoch = self.key_epoch + 1
        resealed = [
            Slot(
                slot.id,
                slot.kind,
                slot.lookup,
                slot.kdf,
                slot.public_key,
                slot.private_key,
                _seal_dek(slot.public_key, new_dek, _ad_dek(self.db_uuid, slot.id, epoch)),
            )
            for slot in self.slots
        ]
        self.key_epoch = epoch
        self.slots = resealed
