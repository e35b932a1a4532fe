"""Key file: slots, unlock, password change, reset, rotation, strict loading.

Every Argon2 call uses FLOOR parameters; a module-scoped base file is built once
and copied per test through ``to_bytes``/``from_bytes`` to keep the suite fast.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from trygg_desktop.domain.errors import KeyFileError, NotFound, ValidationError, WrongPassword
from trygg_desktop.vault import atomic, keyfile
from trygg_desktop.vault.atomic import atomic_write
from trygg_desktop.vault.kdf import FLOOR, KdfParams, derive_key
from ..keyfile_tools import resealed
from trygg_desktop.vault.keyfile import KeyFile, Slot
from trygg_desktop.vault.recovery import new_recovery_code

ALICE, ALICE_PW = "alice", "correct horse battery staple"
BOB, BOB_PW = "Bertil.Nilsson", "L\u00f6senord-\u00c5sa-42"
DEK = bytes(range(100, 132))


class Base:
    """Built once per module: alice, bob and a recovery slot sealing DEK."""

    def __init__(self) -> None:
        self.code = new_recovery_code()
        kf = KeyFile.new()
        self.alice_id = kf.add_user_slot(ALICE, ALICE_PW, DEK, FLOOR)
        self.bob_id = kf.add_user_slot(BOB, BOB_PW, bytearray(DEK), FLOOR)
        self.recovery_id = kf.add_recovery_slot(self.code, DEK, FLOOR)
        self.data = kf.to_bytes()

    def fresh(self) -> KeyFile:
        return KeyFile.from_bytes(self.data)

    def doc(self) -> dict[str, Any]:
        return json.loads(self.data)


@pytest.fixture(scope="module")
def base() -> Base:
    return Base()


def slot_json(kf: KeyFile, slot_id: str) -> dict[str, Any]:
    return next(s for s in json.loads(kf.to_bytes())["slots"] if s["id"] == slot_id)


def count_derivations(monkeypatch: pytest.MonkeyPatch) -> list[KdfParams]:
    calls: list[KdfParams] = []

    def spy(secret: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
        calls.append(params)
        return derive_key(secret, salt, params)

    monkeypatch.setattr(keyfile, "derive_key", spy)
    return calls


# ----------------------------------------------------------------- creation


def test_new_keyfile() -> None:
    kf = KeyFile.new()
    assert len(kf.db_uuid) == 32 and int(kf.db_uuid, 16) >= 0
    assert kf.key_epoch == 1
    assert kf.slots == [] and kf.slot_ids() == []
    assert KeyFile.new("ab" * 16).db_uuid == "ab" * 16
    assert KeyFile.new().db_uuid != kf.db_uuid
    for bad in ("AB" * 16, "ab" * 15, "zz" * 16, "12345678-1234-1234-1234-123456789012"):
        with pytest.raises(ValidationError):
            KeyFile.new(bad)


def test_layout_matches_contract(base: Base) -> None:
    doc = base.doc()
    kf = base.fresh()
    assert list(doc) == ["format", "version", "db_uuid", "key_epoch", "slots", "digest", "mac"]
    assert doc["format"] == "trygg-keyfile" and doc["version"] == 2 and doc["key_epoch"] == 1
    assert len(doc["digest"]) == 64 and len(doc["mac"]) == 64
    assert [s["kind"] for s in doc["slots"]] == ["user", "user", "recovery"]
    assert kf.slot_ids() == [base.alice_id, base.bob_id, base.recovery_id]
    alice = doc["slots"][0]
    assert set(alice) == {"id", "kind", "lookup", "kdf", "public_key", "private_key", "dek"}
    assert alice["lookup"] == kf.lookup_tag(ALICE)
    assert alice["kdf"]["alg"] == "argon2id"
    assert (alice["kdf"]["m"], alice["kdf"]["t"], alice["kdf"]["p"]) == (65536, 3, 4)
    assert set(alice["private_key"]) == {"nonce", "ct"}
    assert set(alice["dek"]) == {"epk", "nonce", "ct"}
    assert doc["slots"][2]["lookup"] is None
    # every slot has its own salt, key pair and nonces
    assert len({s["kdf"]["salt"] for s in doc["slots"]}) == 3
    assert len({s["public_key"] for s in doc["slots"]}) == 3


def test_lookup_tag_normalises_names(base: Base) -> None:
    kf = base.fresh()
    assert kf.lookup_tag("  ALICE ") == kf.lookup_tag("alice")
    assert kf.lookup_tag("\u00c5sa") == kf.lookup_tag("A\u030asa")  # NFC vs NFD
    assert kf.lookup_tag("alice") != kf.lookup_tag("alicia")
    assert KeyFile.new().lookup_tag("alice") != kf.lookup_tag("alice")  # keyed by db_uuid
    slot = kf.find_user_slot(" bertil.nilsson")
    assert isinstance(slot, Slot) and slot.id == base.bob_id
    assert kf.find_user_slot("nobody") is None
    with pytest.raises(ValidationError):
        kf.lookup_tag("   ")


def test_save_load_round_trip(base: Base, tmp_path: Path) -> None:
    path = tmp_path / "case.keys"
    kf = base.fresh()
    kf.save(path)
    assert path.read_bytes() == base.data
    again = KeyFile.load(path)
    assert again.to_bytes() == base.data
    assert again.slots == kf.slots
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["case.keys"]  # no temp left behind


# ---------------------------------------------------------------- unlocking


def test_unlock_by_password_and_recovery_give_same_dek(base: Base) -> None:
    kf = base.fresh()
    alice_id, alice_dek = kf.unlock_user(ALICE, ALICE_PW)
    bob_id, bob_dek = kf.unlock_user(" bertil.NILSSON ", BOB_PW.encode("utf-8"))
    recovered = kf.unlock_recovery(base.code.lower().replace("-", " "))
    assert (alice_id, bob_id) == (base.alice_id, base.bob_id)
    assert isinstance(alice_dek, bytearray)
    assert alice_dek == bob_dek == recovered == DEK


def test_wrong_password(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_derivations(monkeypatch)
    with pytest.raises(WrongPassword) as info:
        base.fresh().unlock_user(ALICE, "correct horse battery stapler")
    assert info.value.code == "auth.wrong_password"
    assert len(calls) == 1
    text = str(info.value) + repr(info.value) + repr(info.value.params)
    assert "stapler" not in text and "alice" not in text.lower()


def test_unknown_user_runs_one_floor_derivation(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_derivations(monkeypatch)
    with pytest.raises(WrongPassword) as info:
        base.fresh().unlock_user("mallory", "whatever")
    assert calls == [FLOOR]
    assert "mallory" not in str(info.value) + repr(info.value)


def test_unknown_user_takes_about_as_long_as_a_floor_derivation(base: Base) -> None:
    kf = base.fresh()
    reference = []
    for _ in range(2):
        start = time.perf_counter()
        derive_key(b"x", os.urandom(16), FLOOR)
        reference.append(time.perf_counter() - start)
    floor_time = min(reference)
    start = time.perf_counter()
    with pytest.raises(WrongPassword):
        kf.unlock_user("mallory", "whatever")
    elapsed = time.perf_counter() - start
    assert elapsed >= 0.5 * floor_time, (elapsed, floor_time)
    assert elapsed <= 4 * floor_time + 1.0, (elapsed, floor_time)


def test_unknown_user_decoy_matches_calibrated_slots(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    """With calibrated (costlier) slots, the decoy costs the same as a real try."""
    doc = base.doc()
    for slot in doc["slots"]:
        slot["kdf"]["m"] = 262144
    kf = KeyFile.from_bytes(resealed(doc))
    calls: list[KdfParams] = []
    monkeypatch.setattr(keyfile, "derive_key", lambda s, salt, p: calls.append(p) or bytearray(32))
    with pytest.raises(WrongPassword):
        kf.unlock_user("mallory", "whatever")
    assert calls == [KdfParams(262144, 3, 4)]


def test_recovery_failures(base: Base) -> None:
    kf = base.fresh()
    other = new_recovery_code()
    with pytest.raises(WrongPassword) as info:
        kf.unlock_recovery(other)
    assert info.value.code == "auth.wrong_recovery_code"
    with pytest.raises(ValidationError) as bad:
        kf.unlock_recovery("not a code")
    assert bad.value.code == "recovery.format"
    kf.remove_slot(base.recovery_id)
    with pytest.raises(WrongPassword) as none:
        kf.unlock_recovery(base.code)
    assert none.value.code == "auth.wrong_recovery_code"


def test_tampered_dek_envelope_with_right_password(base: Base) -> None:
    doc = base.doc()
    ct = bytearray(base64.b64decode(doc["slots"][0]["dek"]["ct"]))
    ct[5] ^= 0x01
    doc["slots"][0]["dek"]["ct"] = base64.b64encode(bytes(ct)).decode()
    kf = KeyFile.from_bytes(resealed(doc))
    with pytest.raises(KeyFileError) as info:
        kf.unlock_user(ALICE, ALICE_PW)
    assert not isinstance(info.value, WrongPassword)
    assert info.value.code == "keyfile.tampered"


# ------------------------------------------------------------ slot changes


def test_add_user_slot_validation(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    kf = base.fresh()
    calls = count_derivations(monkeypatch)
    with pytest.raises(ValidationError) as dup:
        kf.add_user_slot(" ALICE", "another password", DEK, FLOOR)
    assert dup.value.code == "keyfile.duplicate_user"
    with pytest.raises(ValidationError) as short:
        kf.add_user_slot("carl", "pw", DEK[:31], FLOOR)
    assert short.value.code == "keyfile.dek_length"
    with pytest.raises(ValidationError) as empty:
        kf.add_user_slot("carl", "", DEK, FLOOR)
    assert empty.value.code == "keyfile.empty_password"
    with pytest.raises(ValidationError):
        kf.add_user_slot("", "pw", DEK, FLOOR)
    with pytest.raises(ValidationError) as sid:
        kf.add_user_slot("carl", "pw", DEK, FLOOR, slot_id=base.alice_id)
    assert sid.value.code == "keyfile.slot_id"
    with pytest.raises(ValidationError):
        kf.add_user_slot("carl", "pw", DEK, FLOOR, slot_id="XYZ")
    with pytest.raises(KeyFileError) as weak:
        kf.add_user_slot("carl", "pw", DEK, KdfParams(32768, 3, 4))
    assert weak.value.code == "keyfile.kdf_below_floor"
    assert calls == []  # every refusal happened before any Argon2 work
    assert kf.to_bytes() == base.data


def test_add_user_slot_with_chosen_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyfile, "derive_key", lambda s, salt, p: bytearray(32))  # no crypto check here
    kf = KeyFile.new()
    assert kf.add_user_slot("carl", "pw", DEK, FLOOR, slot_id="c" * 32) == "c" * 32
    assert kf.slot_ids() == ["c" * 32]


def test_change_password(base: Base) -> None:
    kf = base.fresh()
    before = json.loads(kf.to_bytes())
    kf.change_password("ALICE", ALICE_PW, "new and longer password", KdfParams(65536, 4, 4))
    after = json.loads(kf.to_bytes())

    # Only alice's slot changed (and the whole-file digest and MAC); everything else is byte-identical.
    same = {"slots", "digest", "mac"}
    assert {k: v for k, v in before.items() if k not in same} == {k: v for k, v in after.items() if k not in same}
    assert before["digest"] != after["digest"] and before["mac"] != after["mac"]
    assert before["slots"][1:] == after["slots"][1:]
    old, new = before["slots"][0], after["slots"][0]
    assert new["id"] == old["id"] and new["lookup"] == old["lookup"]
    assert new["public_key"] == old["public_key"]
    assert new["dek"] == old["dek"]
    assert new["kdf"]["salt"] != old["kdf"]["salt"]
    assert new["kdf"]["t"] == 4
    assert new["private_key"] != old["private_key"]

    with pytest.raises(WrongPassword):
        kf.unlock_user(ALICE, ALICE_PW)
    assert kf.unlock_user(ALICE, "new and longer password") == (base.alice_id, DEK)


def test_change_password_refusals(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    kf = base.fresh()
    with pytest.raises(WrongPassword):
        kf.change_password(ALICE, "not the password", "new password")
    with pytest.raises(WrongPassword):
        kf.change_password("mallory", "x", "new password")
    calls = count_derivations(monkeypatch)
    with pytest.raises(ValidationError):
        kf.change_password(ALICE, ALICE_PW, "")
    with pytest.raises(KeyFileError):
        kf.change_password(ALICE, ALICE_PW, "new password", KdfParams(65536, 1, 4))
    assert calls == []
    assert kf.to_bytes() == base.data


def test_reset_user_slot(base: Base) -> None:
    kf = base.fresh()
    old_bob = slot_json(kf, base.bob_id)
    kf.reset_user_slot(base.bob_id, BOB, "admin-set password", DEK, FLOOR)
    new_bob = slot_json(kf, base.bob_id)
    assert kf.slot_ids() == [base.alice_id, base.bob_id, base.recovery_id]
    assert new_bob["lookup"] == old_bob["lookup"]
    assert new_bob["public_key"] != old_bob["public_key"]
    assert new_bob["dek"] != old_bob["dek"]
    assert slot_json(kf, base.alice_id) == slot_json(base.fresh(), base.alice_id)
    with pytest.raises(WrongPassword):
        kf.unlock_user(BOB, BOB_PW)
    assert kf.unlock_user(BOB, "admin-set password") == (base.bob_id, DEK)


def test_reset_user_slot_refusals(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    kf = base.fresh()
    calls = count_derivations(monkeypatch)
    with pytest.raises(ValidationError) as dup:
        kf.reset_user_slot(base.bob_id, ALICE, "pw", DEK, FLOOR)
    assert dup.value.code == "keyfile.duplicate_user"
    with pytest.raises(ValidationError) as kind:
        kf.reset_user_slot(base.recovery_id, "carl", "pw", DEK, FLOOR)
    assert kind.value.code == "keyfile.not_user_slot"
    with pytest.raises(NotFound):
        kf.reset_user_slot("f" * 32, "carl", "pw", DEK, FLOOR)
    assert calls == []


def test_reset_user_slot_can_rename(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyfile, "derive_key", lambda s, salt, p: bytearray(32))
    kf = base.fresh()
    kf.reset_user_slot(base.bob_id, "bertil.karlsson", "pw", DEK, FLOOR)
    assert kf.find_user_slot(BOB) is None
    assert kf.find_user_slot("bertil.karlsson").id == base.bob_id  # type: ignore[union-attr]


def test_add_recovery_slot_replaces_old_one(base: Base) -> None:
    kf = base.fresh()
    code = new_recovery_code()
    new_id = kf.add_recovery_slot(code, DEK, FLOOR)
    assert new_id != base.recovery_id
    assert [s.kind for s in kf.slots].count("recovery") == 1
    assert base.recovery_id not in kf.slot_ids()
    assert kf.unlock_recovery(code) == DEK
    with pytest.raises(WrongPassword):
        kf.unlock_recovery(base.code)


def test_remove_slot(base: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    kf = base.fresh()
    kf.remove_slot(base.bob_id)
    assert kf.slot_ids() == [base.alice_id, base.recovery_id]
    assert kf.find_user_slot(BOB) is None
    with pytest.raises(NotFound) as info:
        kf.remove_slot(base.bob_id)
    assert info.value.code == "keyfile.slot_not_found"


def test_rotate_after_removal_r11(base: Base, tmp_path: Path) -> None:
    old_path, new_path = tmp_path / "old.keys", tmp_path / "new.keys"
    kf = base.fresh()
    kf.save(old_path)  # the removed user's saved copy
    before = json.loads(kf.to_bytes())

    new_dek = os.urandom(32)
    kf.remove_slot(base.bob_id)
    kf.rotate(bytearray(new_dek))
    kf.save(new_path)
    rotated = KeyFile.load(new_path)
    assert rotated.key_epoch == 2

    # Remaining slots: same key pairs and password wraps, new DEK envelopes.
    after = json.loads(rotated.to_bytes())
    for old_slot, new_slot in zip([before["slots"][0], before["slots"][2]], after["slots"]):
        assert {k: v for k, v in old_slot.items() if k != "dek"} == {k: v for k, v in new_slot.items() if k != "dek"}
        assert old_slot["dek"] != new_slot["dek"]

    assert rotated.unlock_user(ALICE, ALICE_PW) == (base.alice_id, new_dek)
    assert rotated.unlock_recovery(base.code) == new_dek
    assert rotated.find_user_slot(BOB) is None

    # Bob's saved copy still opens — but only to the OLD key.
    stale = KeyFile.load(old_path)
    assert stale.unlock_user(BOB, BOB_PW) == (base.bob_id, DEK)
    assert DEK != new_dek

    # Transplanting bob's old slot into the new file yields nothing either:
    # his envelope is bound to epoch 1.
    doc = json.loads(rotated.to_bytes())
    doc["slots"].append(before["slots"][1])
    grafted = KeyFile.from_bytes(resealed(doc))
    with pytest.raises(KeyFileError):
        grafted.unlock_user(BOB, BOB_PW)


def test_rotate_rejects_bad_dek_and_changes_nothing(base: Base) -> None:
    kf = base.fresh()
    with pytest.raises(ValidationError):
        kf.rotate(b"too short")
    assert kf.to_bytes() == base.data


def test_repr_is_quiet(base: Base) -> None:
    kf = base.fresh()
    text = repr(kf) + repr(kf.slots) + str(kf.slots[0])
    assert base.alice_id in text
    assert kf.slots[0].lookup not in text  # type: ignore[operator]
    assert "kdf" not in text and "public_key" not in text


# ------------------------------------------------------------ strict loading


def load_error(tmp_path: Path, data: bytes) -> KeyFileError:
    path = tmp_path / "bad.keys"
    path.write_bytes(data)
    with pytest.raises(KeyFileError) as info:
        KeyFile.load(path)
    return info.value


def mutated(base: Base, change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = copy.deepcopy(base.doc())
    change(doc)
    return resealed(doc)


def test_load_missing_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError) as missing:
        KeyFile.load(tmp_path / "nope.keys")
    assert missing.value.code == "keyfile.missing"
    with pytest.raises(KeyFileError) as unreadable:
        KeyFile.load(tmp_path)
    assert unreadable.value.code == "keyfile.unreadable"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{",
        b"null",
        b"[]",
        b"\xef\xbb\xbf{}",
        b"\xff\xfe{\x00}\x00",
        b'{"format": "something-else", "version": 1}',
        b'{"format": "trygg-keyfile"}',
        b'{"format": "trygg-keyfile", "version": "1"}',
        b'{"format": "trygg-keyfile", "version": true}',
        b"[" * 200_000,
    ],
)
def test_load_rejects_non_keyfiles(tmp_path: Path, data: bytes) -> None:
    assert load_error(tmp_path, data).code == "keyfile.malformed"


@pytest.mark.parametrize("version", [0, 3, 99])
def test_load_rejects_other_versions(base: Base, tmp_path: Path, version: int) -> None:
    error = load_error(tmp_path, mutated(base, lambda d: d.update(version=version)))
    assert error.code == "keyfile.version"
    assert "newer" in error.message


def test_load_rejects_huge_file(base: Base, tmp_path: Path) -> None:
    data = base.data.rstrip() + b" " * (1024 * 1024)
    error = load_error(tmp_path, data)
    assert error.code == "keyfile.malformed"
    assert "1 MiB" in error.message


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


MALFORMED_EDITS: dict[str, Callable[[dict[str, Any]], None]] = {
    "no db_uuid": _drop(("db_uuid",)),
    "no key_epoch": _drop(("key_epoch",)),
    "no slots": _drop(("slots",)),
    "extra top field": _set(("comment",), "hi"),
    "slot no id": _drop(("slots", 0, "id")),
    "slot no kdf": _drop(("slots", 0, "kdf")),
    "slot no dek": _drop(("slots", 1, "dek")),
    "kdf no salt": _drop(("slots", 0, "kdf", "salt")),
    "kdf no m": _drop(("slots", 0, "kdf", "m")),
    "priv no nonce": _drop(("slots", 0, "private_key", "nonce")),
    "dek no epk": _drop(("slots", 0, "dek", "epk")),
    "slot extra field": _set(("slots", 0, "name"), "alice"),
    "uppercase db_uuid": lambda d: d.update(db_uuid=d["db_uuid"].upper()),
    "short db_uuid": lambda d: d.update(db_uuid="ab" * 15),
    "epoch zero": _set(("key_epoch",), 0),
    "epoch string": _set(("key_epoch",), "1"),
    "epoch float": _set(("key_epoch",), 1.0),
    "slots object": _set(("slots",), {}),
    "slot not object": _set(("slots", 0), "x"),
    "bad slot id": _set(("slots", 0, "id"), "not-hex"),
    "bad kind": _set(("slots", 0, "kind"), "admin"),
    "user without lookup": _set(("slots", 0, "lookup"), None),
    "recovery with lookup": lambda d: d["slots"][2].update(lookup=d["slots"][0]["lookup"]),
    "bad alg": _set(("slots", 0, "kdf", "alg"), "pbkdf2"),
    "m bool": _set(("slots", 0, "kdf", "m"), True),
    "m string": _set(("slots", 0, "kdf", "m"), "65536"),
    "m negative": _set(("slots", 0, "kdf", "m"), -1),
    "m huge": _set(("slots", 0, "kdf", "m"), 2**70),
    "salt bad base64": _set(("slots", 0, "kdf", "salt"), "!!!!notbase64!!!!!!!!!=="),
    "salt wrong length": _set(("slots", 0, "kdf", "salt"), "A" * 20),
    "salt urlsafe alphabet": _set(("slots", 0, "kdf", "salt"), "-_-_-_-_-_-_-_-_-_-_-w=="),
    "salt no padding": _set(("slots", 0, "kdf", "salt"), "AAAAAAAAAAAAAAAAAAAAAA"),
    "salt non-canonical": _set(("slots", 0, "kdf", "salt"), "AAAAAAAAAAAAAAAAAAAAAB=="),
    "salt non-ascii": _set(("slots", 0, "kdf", "salt"), "\u00c5AAAAAAAAAAAAAAAAAAAAA=="),
    "public key short": _set(("slots", 0, "public_key"), "AAAA"),
    "nonce long": _set(("slots", 0, "private_key", "nonce"), "A" * 24),
    "ct short": _set(("slots", 0, "private_key", "ct"), "AAAA"),
    "dek ct int": _set(("slots", 0, "dek", "ct"), 5),
    "lookup std alphabet": lambda d: d["slots"][0].update(lookup="+" + d["slots"][0]["lookup"][1:]),
    "duplicate slot id": lambda d: d["slots"][1].update(id=d["slots"][0]["id"]),
    "duplicate lookup": lambda d: d["slots"][1].update(lookup=d["slots"][0]["lookup"]),
    "two recovery slots": lambda d: d["slots"].append(dict(d["slots"][2], id="e" * 32)),
}


@pytest.mark.parametrize("edit", sorted(MALFORMED_EDITS))
def test_load_rejects_malformed_fields(base: Base, tmp_path: Path, edit: str) -> None:
    error = load_error(tmp_path, mutated(base, MALFORMED_EDITS[edit]))
    assert error.code == "keyfile.malformed", edit
    assert "alice" not in error.message.lower()


def test_load_rejects_duplicate_json_keys_and_nan(base: Base, tmp_path: Path) -> None:
    text = base.data.decode()
    dup = text.replace('"key_epoch": 1,', '"key_epoch": 1, "key_epoch": 2,', 1)
    assert load_error(tmp_path, dup.encode()).code == "keyfile.malformed"
    nan = text.replace('"key_epoch": 1,', '"key_epoch": NaN,', 1)
    assert load_error(tmp_path, nan.encode()).code == "keyfile.malformed"


def test_load_accepts_empty_slot_list(base: Base) -> None:
    kf = KeyFile.from_bytes(mutated(base, _set(("slots",), [])))
    assert kf.slot_ids() == []


# ------------------------------------------------------------- atomic write


def test_atomic_write_creates_private_file(tmp_path: Path) -> None:
    target = tmp_path / "f.keys"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    atomic_write(target, b"two" * 1000)
    assert target.read_bytes() == b"two" * 1000
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.keys"]


def test_atomic_write_tightens_existing_permissions(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    target = tmp_path / "f.keys"
    target.write_bytes(b"old")
    target.chmod(0o644)
    old_umask = os.umask(0)
    try:
        atomic_write(target, b"new")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_atomic_write_failure_keeps_old_file_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.keys"
    atomic_write(target, b"old")

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.keys"]


def test_atomic_write_fsync_failure_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.keys"

    def broken_fsync(fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(target, b"data")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_temp_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: Any, dst: Any) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    atomic_write(tmp_path / "f.keys", b"x")
    assert len(seen) == 1 and seen[0].startswith("f.keys.tmp-") and len(seen[0]) > len("f.keys.tmp-")
