"""The R23 "CMX1" container: one encrypted file for backups and exports.

Layout (all integers big-endian)::

    b"CMX1" | version (1 byte) | header length (4 bytes) | header JSON
    frame*  where frame = ciphertext length (4 bytes) | AES-256-GCM(chunk)

* A fresh random 32-byte *file key* per container encrypts the payload in
  64 KiB chunks. The nonce is a 7-byte random prefix (in the header), a 4-byte
  chunk counter and a 1-byte last-chunk flag, so chunks cannot be reordered,
  dropped or moved between files, and the final chunk cannot be cut off without
  notice (the STREAM construction that age and Tink use).
* The associated data of every chunk is SHA-256 of everything before the first
  frame (magic, version, header), so any header edit breaks the first chunk.
* The header holds metadata (never personal data: callers put ids, dates and
  sizes there) and *recipient stanzas*: each stanza lets one secret recover the
  file key. :class:`PassphraseRecipient` wraps it under Argon2id(passphrase);
  :class:`SlotRecipient` seals it to a key-file slot's X25519 public key and
  carries that slot's password-wrapped private key, so the slot's own password
  or recovery code opens the container without the key file. (The recipient
  and secret classes live in :mod:`trygg_desktop.vault.container_keys` and are
  re-exported here, so callers import everything from this module.)

Writing is atomic (temp file in the same folder, fsync, ``os.replace``) and the
temp file only ever holds ciphertext. Reading yields a chunk only after its tag
verified; a stream that ends without the last-chunk flag raises
``ContainerError(code="container.truncated")`` after the last good chunk, so a
caller must treat already received chunks as provisional until the iterator ends.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from trygg_desktop.domain.errors import ContainerError, KeyFileError, WrongPassword
from trygg_desktop.vault.atomic import atomic_write_with
from trygg_desktop.vault.kdf import wipe
from trygg_desktop.vault.container_keys import (
    FILE_KEY_LENGTH,
    TAG_LENGTH,
    KeyRecipient,
    KeySecret,
    PassphraseRecipient,
    PassphraseSecret,
    Recipient,
    SlotRecipient,
    SlotSecret,
    _b64,
    _tampered,
    _truncated,
    _unb64,
)

__all__ = [
    "CHUNK_SIZE",
    "KeyRecipient",
    "KeySecret",
    "MAGIC",
    "VERSION",
    "ContainerError",
    "PassphraseRecipient",
    "PassphraseSecret",
    "Recipient",
    "SlotRecipient",
    "SlotSecret",
    "read_container",
    "read_meta",
    "write_container",
]

MAGIC = b"CMX1"
VERSION = 1
CHUNK_SIZE = 64 * 1024
NONCE_PREFIX_LENGTH = 7
MAX_HEADER = 1024 * 1024  # a real header is a few KiB; bigger is hostile
_LEN = struct.Struct(">I")


# ------------------------------------------------------------------- writing


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    if counter >= 2**32:
        raise ContainerError("The payload is too large for one container", code="container.too_large")
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _rechunk(chunks: Iterable[bytes]) -> Iterator[tuple[bytes, bool]]:
    """64 KiB pieces with a last flag; an empty payload is one empty final piece."""
    buffer = bytearray()
    pending: bytes | None = None
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= CHUNK_SIZE:
            if pending is not None:
                yield pending, False
            pending = bytes(buffer[:CHUNK_SIZE])
            del buffer[:CHUNK_SIZE]
    if buffer:
        if pending is not None:
            yield pending, False
        pending = bytes(buffer)
    yield (pending if pending is not None else b""), True


def _header_bytes(header: dict[str, Any], version: int = VERSION) -> bytes:
    body = json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode()
    if len(body) > MAX_HEADER:
        raise ContainerError("The container header is too large", code="container.header_too_large")
    return MAGIC + bytes([version]) + _LEN.pack(len(body)) + body


def write_container(path: Path, chunks: Iterable[bytes], recipients: Sequence[Recipient], meta: dict[str, Any]) -> None:
    """Encrypt ``chunks`` into a container at ``path``, atomically.

    ``meta`` must be JSON-serialisable and must not hold personal data: it is
    readable by anyone who has the file (see :func:`read_meta`).
    """
    if not recipients:
        raise ValueError("a container needs at least one recipient")
    path = Path(path)
    file_key = bytearray(os.urandom(FILE_KEY_LENGTH))
    try:
        prefix = os.urandom(NONCE_PREFIX_LENGTH)
        header = {
            "chunk_size": CHUNK_SIZE,
            "nonce_prefix": _b64(prefix),
            "meta": dict(meta),
            "recipients": [recipient.stanza(file_key) for recipient in recipients],
        }
        head = _header_bytes(header)
        ad = hashlib.sha256(head).digest()
        aead = AESGCM(bytes(file_key))

        def write(out: BinaryIO) -> None:
            out.write(head)
            for counter, (piece, last) in enumerate(_rechunk(chunks)):
                ct = aead.encrypt(_nonce(prefix, counter, last), piece, ad)
                out.write(_LEN.pack(len(ct)))
                out.write(ct)

        atomic_write_with(path, write)
    finally:
        wipe(file_key)


# ------------------------------------------------------------------- reading


def _read_exact(handle: BinaryIO, size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise _truncated()
    return data


def _read_header(handle: BinaryIO) -> tuple[dict[str, Any], bytes]:
    magic = handle.read(len(MAGIC))
    if magic != MAGIC:
        raise ContainerError("The file is not a Trygg container", code="container.not_container")
    version_byte = _read_exact(handle, 1)
    if version_byte[0] != VERSION:
        raise ContainerError("The file was written in an unknown container version", code="container.version",
                             version=version_byte[0])
    raw_len = _read_exact(handle, 4)
    (length,) = _LEN.unpack(raw_len)
    if length > MAX_HEADER:
        raise _tampered("header size")
    body = _read_exact(handle, length)
    try:
        header = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _tampered("header") from None
    if not isinstance(header, dict) or not isinstance(header.get("meta"), dict) \
            or not isinstance(header.get("recipients"), list) or header.get("chunk_size") != CHUNK_SIZE:
        raise _tampered("header")
    return header, magic + version_byte + raw_len + body


def _open_path(path: Path) -> BinaryIO:
    try:
        return open(Path(path), "rb")
    except FileNotFoundError:
        raise ContainerError("The file was not found", code="container.missing") from None
    except OSError:
        raise ContainerError("The file could not be read", code="container.unreadable") from None


def read_meta(path: Path) -> dict[str, Any]:
    """The header metadata (no secret is needed or used)."""
    with _open_path(path) as handle:
        header, _head = _read_header(handle)
    return dict(header["meta"])


def _open_file_key(header: dict[str, Any], secret: PassphraseSecret | SlotSecret | KeySecret) -> bytearray:
    stanzas = [s for s in header["recipients"] if isinstance(s, dict)]
    try:
        key = secret.open(stanzas)
    except (WrongPassword, KeyFileError):
        raise _tampered("recipient") from None
    if key is None:
        raise ContainerError("The password or recovery code does not open this file", code="container.wrong_secret")
    if len(key) != FILE_KEY_LENGTH:
        raise _tampered("file key")
    return key


def read_container(path: Path, secret: PassphraseSecret | SlotSecret | KeySecret) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk, each only after its tag verified.

    The header and the file key are checked eagerly (on the first ``next``):
    a wrong secret fails before any payload is read.
    """
    with _open_path(path) as handle:
        header, head = _read_header(handle)
        prefix = _unb64(header.get("nonce_prefix"), NONCE_PREFIX_LENGTH)
        file_key = _open_file_key(header, secret)
        try:
            aead = AESGCM(bytes(file_key))
        finally:
            wipe(file_key)
        ad = hashlib.sha256(head).digest()
        counter = 0
        raw_len = handle.read(4)
        if not raw_len:
            raise _truncated()
        while True:
            if len(raw_len) != 4:
                raise _truncated()
            (length,) = _LEN.unpack(raw_len)
            if length < TAG_LENGTH or length > CHUNK_SIZE + TAG_LENGTH:
                raise _tampered("frame size")
            ct = _read_exact(handle, length)
            raw_len = handle.read(4)
            at_end = not raw_len
            try:
                piece = aead.decrypt(_nonce(prefix, counter, at_end), ct, ad)
            except InvalidTag:
                if at_end and _decrypts(aead, _nonce(prefix, counter, False), ct, ad):
                    raise _truncated() from None  # a good middle chunk with nothing after it
                raise _tampered("chunk") from None
            if at_end:
                yield piece
                return
            if len(piece) != CHUNK_SIZE:
                raise _tampered("chunk size")
            yield piece
            counter += 1


def _decrypts(aead: AESGCM, nonce: bytes, ct: bytes, ad: bytes) -> bool:
    try:
        aead.decrypt(nonce, ct, ad)
    except InvalidTag:
        return False
    return True
