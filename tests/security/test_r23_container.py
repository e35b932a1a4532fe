"""R23: the CMX1 container round-trips and rejects every kind of tampering with a clear code."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trygg_desktop.domain.errors import EXIT_AUTH, EXIT_INTEGRITY, EXIT_INVALID, ContainerError
from trygg_desktop.vault.container import (
    CHUNK_SIZE,
    PassphraseRecipient,
    PassphraseSecret,
    SlotRecipient,
    SlotSecret,
    read_container,
    read_meta,
    write_container,
)
from trygg_desktop.vault.kdf import FLOOR
from trygg_desktop.vault.keyfile import KeyFile
from trygg_desktop.vault.recovery import new_recovery_code

PASS = "rätt lösenfras"
META = {"kind": "test", "n": 1}


@pytest.fixture(scope="module")
def recipient() -> PassphraseRecipient:
    return PassphraseRecipient(PASS, FLOOR)


def _read(path: Path, secret=None) -> bytes:
    return b"".join(read_container(path, secret or PassphraseSecret(PASS)))


def _frames(data: bytes) -> tuple[bytes, list[bytes]]:
    """Split a container into its header bytes and its frames (length prefix included)."""
    (hlen,) = struct.unpack(">I", data[5:9])
    head, rest, frames = data[: 9 + hlen], data[9 + hlen :], []
    while rest:
        (n,) = struct.unpack(">I", rest[:4])
        frames.append(rest[: 4 + n])
        rest = rest[4 + n :]
    return head, frames


def _payload(size: int) -> bytes:
    return os.urandom(size)


@pytest.fixture(scope="module")
def sample(tmp_path_factory, recipient) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("cmx")
    payload = _payload(3 * CHUNK_SIZE + 123)
    path = folder / "sample.cmx"
    write_container(path, [payload[:1000], payload[1000:]], [recipient], META)
    return path, payload


def test_round_trip_and_meta(sample) -> None:
    path, payload = sample
    assert _read(path) == payload
    assert read_meta(path) == META
    assert b"CMX1" == path.read_bytes()[:4]
    assert [p.name for p in path.parent.iterdir()] == ["sample.cmx"]  # no temp left


def test_empty_payload(tmp_path, recipient) -> None:
    path = tmp_path / "empty.cmx"
    write_container(path, [], [recipient], {})
    assert _read(path) == b""
    write_container(path, [b"", b""], [recipient], {})
    assert _read(path) == b""


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    size=st.sampled_from([1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 1])
    | st.integers(0, 3 * CHUNK_SIZE),
    split=st.integers(1, 70_000),
)
def test_round_trip_sizes(tmp_path, recipient, size, split) -> None:
    payload = _payload(size)
    pieces = [payload[i : i + split] for i in range(0, len(payload), split)]
    path = tmp_path / f"s{size}-{split}.cmx"
    write_container(path, pieces, [recipient], {"size": size})
    chunks = list(read_container(path, PassphraseSecret(PASS)))
    assert b"".join(chunks) == payload
    assert all(len(c) == CHUNK_SIZE for c in chunks[:-1])


def _expect(path: Path, code: str, exit_code: int, secret=None) -> None:
    with pytest.raises(ContainerError) as info:
        _read(path, secret)
    assert info.value.code == code
    assert info.value.exit_code == exit_code


def test_truncation_at_frame_boundary(sample, tmp_path) -> None:
    path, _ = sample
    head, frames = _frames(path.read_bytes())
    assert len(frames) == 4
    bad = tmp_path / "cut.cmx"
    bad.write_bytes(head + b"".join(frames[:-1]))
    _expect(bad, "container.truncated", EXIT_INTEGRITY)
    bad.write_bytes(head)  # every frame gone
    _expect(bad, "container.truncated", EXIT_INTEGRITY)


@pytest.mark.parametrize("cut", [1, 10, 5000, 70_000])
def test_truncation_mid_file(sample, tmp_path, cut) -> None:
    path, _ = sample
    data = path.read_bytes()
    bad = tmp_path / "cut.cmx"
    bad.write_bytes(data[:-cut])
    _expect(bad, "container.truncated", EXIT_INTEGRITY)


def test_truncated_inside_header(sample, tmp_path) -> None:
    data = sample[0].read_bytes()
    bad = tmp_path / "h.cmx"
    bad.write_bytes(data[:40])
    _expect(bad, "container.truncated", EXIT_INTEGRITY)
    with pytest.raises(ContainerError):
        read_meta(bad)


def test_chunk_reorder(sample, tmp_path) -> None:
    head, frames = _frames(sample[0].read_bytes())
    bad = tmp_path / "swap.cmx"
    bad.write_bytes(head + frames[1] + frames[0] + b"".join(frames[2:]))
    _expect(bad, "container.tampered", EXIT_INTEGRITY)


def test_dropped_middle_chunk(sample, tmp_path) -> None:
    head, frames = _frames(sample[0].read_bytes())
    bad = tmp_path / "drop.cmx"
    bad.write_bytes(head + frames[0] + b"".join(frames[2:]))
    _expect(bad, "container.tampered", EXIT_INTEGRITY)


def test_appended_data(sample, tmp_path) -> None:
    head, frames = _frames(sample[0].read_bytes())
    bad = tmp_path / "extra.cmx"
    bad.write_bytes(head + b"".join(frames) + frames[0])
    _expect(bad, "container.tampered", EXIT_INTEGRITY)


def test_header_meta_edit(sample, tmp_path) -> None:
    data = sample[0].read_bytes()
    edited = data.replace(b'"n":1', b'"n":2', 1)
    assert edited != data
    bad = tmp_path / "meta.cmx"
    bad.write_bytes(edited)
    assert read_meta(bad)["n"] == 2  # the header itself is readable without a key ...
    _expect(bad, "container.tampered", EXIT_INTEGRITY)  # ... but the payload refuses it


def test_ciphertext_bit_flip(sample, tmp_path) -> None:
    data = bytearray(sample[0].read_bytes())
    data[-100] ^= 0x01
    bad = tmp_path / "flip.cmx"
    bad.write_bytes(bytes(data))
    _expect(bad, "container.tampered", EXIT_INTEGRITY)


def test_version_bump(sample, tmp_path) -> None:
    data = bytearray(sample[0].read_bytes())
    data[4] = 2
    bad = tmp_path / "v2.cmx"
    bad.write_bytes(bytes(data))
    _expect(bad, "container.version", EXIT_INVALID)
    with pytest.raises(ContainerError) as info:
        read_meta(bad)
    assert info.value.code == "container.version"


def test_wrong_passphrase(sample) -> None:
    _expect(sample[0], "container.wrong_secret", EXIT_AUTH, PassphraseSecret("fel"))


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + b"\x00" * 100, b"CMX", b"PK\x03\x04zip"])
def test_not_a_container(tmp_path, content) -> None:
    bad = tmp_path / "x.bin"
    bad.write_bytes(content)
    _expect(bad, "container.not_container", EXIT_INVALID)


def test_missing_file(tmp_path) -> None:
    _expect(tmp_path / "nope.cmx", "container.missing", EXIT_INVALID)


def test_hostile_kdf_params_refused_before_deriving(sample, tmp_path) -> None:
    data = sample[0].read_bytes()
    (hlen,) = struct.unpack(">I", data[5:9])
    header = json.loads(data[9 : 9 + hlen])
    header["recipients"][0]["kdf"]["m"] = 1 << 40
    body = json.dumps(header).encode()
    bad = tmp_path / "kdf.cmx"
    bad.write_bytes(data[:5] + struct.pack(">I", len(body)) + body + data[9 + hlen :])
    _expect(bad, "container.tampered", EXIT_INTEGRITY)


def test_slot_recipients(tmp_path) -> None:
    """A key-file slot opens the container with its password or the recovery code, no key file needed."""
    dek = os.urandom(32)
    code = new_recovery_code()
    keyfile = KeyFile.new()
    keyfile.add_user_slot("Admin", "adminpass", dek, FLOOR)
    keyfile.add_user_slot("other", "otherpass", dek, FLOOR)
    keyfile.add_recovery_slot(code, dek, FLOOR)
    admin = keyfile.find_user_slot("admin")
    recipients = [SlotRecipient(keyfile.db_uuid, admin), SlotRecipient(keyfile.db_uuid, keyfile.find_recovery_slot())]
    path = tmp_path / "slots.cmx"
    payload = _payload(CHUNK_SIZE + 5)
    write_container(path, [payload], recipients, {})
    assert _read(path, SlotSecret("adminpass", username="admin")) == payload
    assert _read(path, SlotSecret(code.lower(), recovery=True)) == payload
    _expect(path, "container.wrong_secret", EXIT_AUTH, SlotSecret("wrong", username="admin"))
    _expect(path, "container.wrong_secret", EXIT_AUTH, SlotSecret("otherpass", username="other"))
    _expect(path, "container.wrong_secret", EXIT_AUTH, SlotSecret(new_recovery_code(), recovery=True))
    _expect(path, "container.wrong_secret", EXIT_AUTH, PassphraseSecret("adminpass"))
    raw = path.read_bytes()
    assert b"admin" not in raw.lower() and b"Admin" not in raw


def test_key_recipient_throwaway(tmp_path) -> None:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from trygg_desktop.vault.container import KeyRecipient, KeySecret

    private = X25519PrivateKey.generate()
    path = tmp_path / "k.cmx"
    write_container(path, [b"abc"], [KeyRecipient(private.public_key().public_bytes_raw())], {})
    assert _read(path, KeySecret(private)) == b"abc"
    _expect(path, "container.wrong_secret", EXIT_AUTH, KeySecret(X25519PrivateKey.generate()))
