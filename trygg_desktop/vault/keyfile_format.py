"""The key file's on-disk format: strict JSON parsing and canonical serialising.

The file is UTF-8 JSON with a fixed shape (``format``, ``version``, ``db_uuid``,
``key_epoch``, ``slots``; from version 2 also ``digest`` and ``mac``). Parsing is strict because the file is attacker-
writable: unknown or missing fields, duplicate keys, non-finite numbers,
non-canonical base64 and wrong lengths are all refused with
``KeyFileError(code="keyfile.malformed")`` before any key is derived. Writing is
canonical, so loading a saved file and serialising it again gives the same bytes.

Whole-file integrity (version 2): ``digest`` is the SHA-256 of the canonical document
without ``digest`` and ``mac``, checked on every load before any key is derived, so a
byte changed anywhere (in any user's slot) is reported to everyone as a damaged key
file, never as a wrong password that counts toward a throttle. ``mac`` is an HMAC of
the same bytes under a key derived from the database key; it is checked once a slot
has been opened (:class:`~trygg_desktop.vault.keyfile.KeyFile`) and catches a
deliberate change whose maker also recomputed the digest. Version 1 files (no
digest, no mac) still open and are written as version 2 at their next save.

Nothing here logs, and no error message quotes a value from the file.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from trygg_desktop.domain.errors import KeyFileError
from trygg_desktop.vault.kdf import SALT_LENGTH
from trygg_desktop.vault.slots import (
    KDF_ALG,
    KIND_RECOVERY,
    KIND_USER,
    NONCE_LENGTH,
    WRAPPED_LENGTH,
    X25519_LENGTH,
    SealedDek,
    Slot,
    SlotKdf,
    WrappedPrivateKey,
)

FORMAT = "trygg-keyfile"
VERSION = 2
VERSIONS = (1, 2)  # read; VERSION is written
MAX_FILE_SIZE = 1024 * 1024  # a real file is a few KiB; anything bigger is hostile
MAX_SLOTS = 1000
_INT_LIMIT = 2**32  # structural bound on load; check_params enforces the real range
_HEX = frozenset("0123456789abcdef")

_TOP_KEYS = frozenset({"format", "version", "db_uuid", "key_epoch", "slots"})
_INTEGRITY_KEYS = frozenset({"digest", "mac"})
_SLOT_KEYS = frozenset({"id", "kind", "lookup", "kdf", "public_key", "private_key", "dek"})
_KDF_KEYS = frozenset({"alg", "m", "t", "p", "salt"})
_PRIV_KEYS = frozenset({"nonce", "ct"})
_DEK_KEYS = frozenset({"epk", "nonce", "ct"})


# ---------------------------------------------------------------------- helpers


def malformed(detail: str) -> KeyFileError:
    return KeyFileError(f"The key file is damaged: {detail}", code="keyfile.malformed")


def damaged() -> KeyFileError:
    return KeyFileError("The key file is damaged: its content does not match its checksum",
                        code="keyfile.damaged")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def is_hex32(value: object) -> bool:
    return isinstance(value, str) and len(value) == 32 and set(value) <= _HEX


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
        raise malformed(f"{where} must be an object")
    missing = sorted(keys - value.keys())
    if missing:
        raise malformed(f"{where} is missing {', '.join(missing)}")
    extra = sorted(value.keys() - keys)
    if extra:
        # Field names come from the file: show a few, shortened, never the values.
        shown = ", ".join(repr(name[:40]) for name in extra[:3])
        raise malformed(f"{where} has unexpected field(s) {shown}")
    return value


def _int(value: object, where: str, *, minimum: int = 1, maximum: int = _INT_LIMIT) -> int:
    if type(value) is not int or not minimum <= value <= maximum:
        raise malformed(f"{where} must be an integer between {minimum} and {maximum}")
    return value


def _decode_b64(value: object, where: str, *, length: int, urlsafe: bool = False) -> bytes:
    if not isinstance(value, str) or not value.isascii():
        raise malformed(f"{where} must be base64 text")
    try:
        if urlsafe:
            raw = base64.b64decode(value, altchars=b"-_", validate=True)
        else:
            raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise malformed(f"{where} is not valid base64") from None
    canonical = b64url(raw) if urlsafe else b64(raw)
    if canonical != value:  # one value, one spelling: no hidden bits, no mixed alphabets
        raise malformed(f"{where} is not valid base64")
    if len(raw) != length:
        raise malformed(f"{where} must hold {length} bytes")
    return raw


# ------------------------------------------------------------------------ slots


def _parse_slot(value: object, where: str) -> Slot:
    obj = _object(value, _SLOT_KEYS, where)
    slot_id = obj["id"]
    if not is_hex32(slot_id):
        raise malformed(f"{where}.id must be 32 lowercase hex characters")
    kind = obj["kind"]
    if kind not in (KIND_USER, KIND_RECOVERY):
        raise malformed(f"{where}.kind must be 'user' or 'recovery'")
    lookup = obj["lookup"]
    if kind == KIND_USER:
        _decode_b64(lookup, f"{where}.lookup", length=32, urlsafe=True)
    elif lookup is not None:
        raise malformed(f"{where}.lookup must be null for a recovery slot")
    kdf_obj = _object(obj["kdf"], _KDF_KEYS, f"{where}.kdf")
    if kdf_obj["alg"] != KDF_ALG:
        raise malformed(f"{where}.kdf.alg must be 'argon2id'")
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
            "salt": b64(slot.kdf.salt),
        },
        "public_key": b64(slot.public_key),
        "private_key": {"nonce": b64(slot.private_key.nonce), "ct": b64(slot.private_key.ct)},
        "dek": {"epk": b64(slot.dek.epk), "nonce": b64(slot.dek.nonce), "ct": b64(slot.dek.ct)},
    }


# --------------------------------------------------------------------- document


def parse_keyfile(data: bytes) -> tuple[str, int, list[Slot], int, str | None]:
    """``(db_uuid, key_epoch, slots, version, mac)`` from key file bytes; every field is
    type-, length- and base64-checked, the slot set is checked for consistency, and a
    version-2 file's digest must match (``keyfile.damaged``). ``mac`` is None for version 1."""
    if len(data) > MAX_FILE_SIZE:
        raise malformed("the file is larger than 1 MiB")
    try:
        text = bytes(data).decode("utf-8")
        doc = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise malformed("it is not valid UTF-8 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise malformed("it is not a Trygg key file")
    version = doc.get("version")
    if type(version) is not int:
        raise malformed("the version field is missing or not a number")
    if version not in VERSIONS:
        raise KeyFileError(
            f"The key file has version {version}; this program reads versions up to {VERSION} "
            "(it was probably written by a newer Trygg Desktop)",
            code="keyfile.version",
        )
    _object(doc, _TOP_KEYS | (_INTEGRITY_KEYS if version >= 2 else frozenset()), "the top level")
    db_uuid = doc["db_uuid"]
    if not is_hex32(db_uuid):
        raise malformed("db_uuid must be 32 lowercase hex characters")
    key_epoch = _int(doc["key_epoch"], "key_epoch", maximum=2**53)
    raw_slots = doc["slots"]
    if not isinstance(raw_slots, list):
        raise malformed("slots must be a list")
    if len(raw_slots) > MAX_SLOTS:
        raise malformed("too many slots")
    mac: str | None = None
    if version >= 2:
        digest, mac = doc["digest"], doc["mac"]
        if not _is_hex64(digest) or not (_is_hex64(mac) or (mac is None and not raw_slots)):
            raise damaged()
        if digest != content_digest(_document(db_uuid, key_epoch, raw_slots, version)):
            raise damaged()  # checked before the slots are even parsed: any changed byte counts
    slots = [_parse_slot(item, f"slots[{index}]") for index, item in enumerate(raw_slots)]
    if len({slot.id for slot in slots}) != len(slots):
        raise malformed("two slots share an id")
    lookups = [slot.lookup for slot in slots if slot.kind == KIND_USER]
    if len(set(lookups)) != len(lookups):
        raise malformed("two user slots share a lookup tag")
    if sum(slot.kind == KIND_RECOVERY for slot in slots) > 1:
        raise malformed("more than one recovery slot")
    return db_uuid, key_epoch, slots, version, mac


def _is_hex64(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def _document(db_uuid: str, key_epoch: int, slots: list[Any], version: int) -> dict[str, Any]:
    return {"format": FORMAT, "version": version, "db_uuid": db_uuid, "key_epoch": key_epoch, "slots": slots}


def _canonical(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=True) + "\n").encode("utf-8")


def content(db_uuid: str, key_epoch: int, slots: Iterable[Slot]) -> bytes:
    """The canonical version-2 document without its integrity fields: what digest and mac cover."""
    return _canonical(_document(db_uuid, key_epoch, [_slot_to_json(slot) for slot in slots], VERSION))


def content_digest(doc: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(doc)).hexdigest()


def dump_keyfile(db_uuid: str, key_epoch: int, slots: Iterable[Slot], *, mac: str | None,
                 version: int = VERSION) -> bytes:
    """Canonical UTF-8 JSON; :func:`parse_keyfile` + this reproduces a saved file exactly.
    Version 2 carries the digest and ``mac``; version 1 only for re-writing an unchanged
    old file (see ``KeyFile.to_bytes``)."""
    doc = _document(db_uuid, key_epoch, [_slot_to_json(slot) for slot in slots], version)
    if version >= 2:
        doc["digest"] = content_digest(doc)
        doc["mac"] = mac
    return _canonical(doc)
