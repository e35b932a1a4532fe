"""Key file security requirements: R7 (binding), R10 (recovery code never leaks),
R12 (KDF floor / downgrade protection) and "no secrets in the key file".

Each tampering test asserts the only thing that matters: no DEK comes back.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from trygg_desktop.domain.errors import KeyFileError, TryggError, WrongPassword
from trygg_desktop.vault import keyfile
from trygg_desktop.vault.kdf import CALIBRATE_ENV, FLOOR, KdfParams, calibrate, derive_key
from ..keyfile_tools import resealed
from trygg_desktop.vault.keyfile import KeyFile
from trygg_desktop.vault.recovery import new_recovery_code, normalize_recovery_code

ALICE, ALICE_PW = "\u00c5sa Lindstr\u00f6m", "Hemligt-L\u00f6senord-\u00d69"
BOB, BOB_PW = "bertil.nilsson", "another secret passphrase"
DEK = bytes.fromhex("9f" * 4 + "00112233445566778899aabbccddeeff" + "a5" * 12)
REJECTED = (WrongPassword, KeyFileError)


class Fixture:
    def __init__(self) -> None:
        self.code = new_recovery_code()
        kf = KeyFile.new()
        self.alice_id = kf.add_user_slot(ALICE, ALICE_PW, DEK, FLOOR)
        self.bob_id = kf.add_user_slot(BOB, BOB_PW, DEK, FLOOR)
        self.recovery_id = kf.add_recovery_slot(self.code, DEK, FLOOR)
        self.data = kf.to_bytes()

    def doc(self) -> dict[str, Any]:
        return json.loads(self.data)


@pytest.fixture(scope="module")
def fx() -> Fixture:
    return Fixture()


def edited(fx: Fixture, change: Callable[[dict[str, Any]], None]) -> KeyFile:
    doc = fx.doc()
    change(doc)
    return KeyFile.from_bytes(resealed(doc))


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[KdfParams]]:
    calls: list[KdfParams] = []

    def spy(secret: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
        calls.append(params)
        return derive_key(secret, salt, params)

    monkeypatch.setattr(keyfile, "derive_key", spy)
    yield calls


# ------------------------------------------------------------------ R7 binding


def _swap(field: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        a, b = doc["slots"][0], doc["slots"][1]
        a[field], b[field] = b[field], a[field]

    return change


def test_r7_swapped_private_keys_fail(fx: Fixture) -> None:
    kf = edited(fx, _swap("private_key"))
    with pytest.raises(REJECTED):
        kf.unlock_user(ALICE, ALICE_PW)
    with pytest.raises(REJECTED):
        kf.unlock_user(BOB, BOB_PW)


def test_r7_swapped_dek_envelopes_fail(fx: Fixture) -> None:
    kf = edited(fx, _swap("dek"))
    with pytest.raises(KeyFileError) as info:
        kf.unlock_user(ALICE, ALICE_PW)  # password right, envelope foreign
    assert info.value.code == "keyfile.tampered"


def test_r7_moved_password_wrap_fails(fx: Fixture) -> None:
    """Bob's whole password wrap (kdf + private key) copied into Alice's slot:
    Bob's password must not open Alice's slot (AD binds the slot id and key)."""

    def change(doc: dict[str, Any]) -> None:
        a, b = doc["slots"][0], doc["slots"][1]
        a["kdf"], a["private_key"] = b["kdf"], b["private_key"]

    kf = edited(fx, change)
    with pytest.raises(REJECTED):
        kf.unlock_user(ALICE, BOB_PW)


def test_r7_whole_slot_body_swap_fails(fx: Fixture) -> None:
    """Everything but id and lookup swapped: each name now points at the other's
    key material, which is bound to the other slot id."""

    def change(doc: dict[str, Any]) -> None:
        a, b = doc["slots"][0], doc["slots"][1]
        for name in ("kdf", "public_key", "private_key", "dek"):
            a[name], b[name] = b[name], a[name]

    kf = edited(fx, change)
    with pytest.raises(REJECTED):
        kf.unlock_user(ALICE, BOB_PW)


def test_r7_swapped_lookup_tags_report_the_true_slot(fx: Fixture) -> None:
    """The lookup tag is not in the AD (by contract). Swapping tags makes Alice's
    password fail; Bob's password under Alice's name opens *Bob's* slot, and then
    the whole-file MAC (keyed from the database key) reports the edit as damage,
    even though the editor recomputed the plain digest."""
    kf = edited(fx, _swap("lookup"))
    with pytest.raises(REJECTED):
        kf.unlock_user(ALICE, ALICE_PW)
    with pytest.raises(KeyFileError) as err:
        kf.unlock_user(ALICE, BOB_PW)
    assert err.value.code == "keyfile.damaged"


KDF_EDITS = {
    "m": lambda kdf: kdf.update(m=131072),
    "t": lambda kdf: kdf.update(t=4),
    "p": lambda kdf: kdf.update(p=8),
    "salt": lambda kdf: kdf.update(salt=base64.b64encode(bytes(16)).decode()),
}


@pytest.mark.parametrize("name", sorted(KDF_EDITS))
def test_r7_edited_kdf_params_fail(fx: Fixture, name: str) -> None:
    kf = edited(fx, lambda doc: KDF_EDITS[name](doc["slots"][0]["kdf"]))
    with pytest.raises(REJECTED):
        kf.unlock_user(ALICE, ALICE_PW)


def test_r7_edited_public_key_or_context_fail(fx: Fixture) -> None:
    other_pub = fx.doc()["slots"][1]["public_key"]
    kf = edited(fx, lambda doc: doc["slots"][0].update(public_key=other_pub))
    with pytest.raises(REJECTED):
        kf.unlock_user(ALICE, ALICE_PW)
    kf = edited(fx, lambda doc: doc.update(key_epoch=doc["key_epoch"] + 1))
    with pytest.raises(REJECTED):
        kf.unlock_recovery(fx.code)


def test_r7_slot_copied_into_another_database_fails(fx: Fixture) -> None:
    """Same slots under a different db_uuid (e.g. pasted into another key file)."""

    def change(doc: dict[str, Any]) -> None:
        doc["db_uuid"] = "0" * 32

    kf = edited(fx, change)
    # The lookup tag depends on db_uuid too, so find the slot by id instead.
    slot = next(s for s in kf.slots if s.id == fx.alice_id)
    secret = bytearray(ALICE_PW.encode())
    with pytest.raises(REJECTED):
        kf._unwrap_private(slot, secret)


# -------------------------------------------------------------- R12 downgrade


@pytest.mark.parametrize(
    "params",
    [{"m": 32768}, {"t": 2}, {"p": 1}, {"m": 19456, "t": 2, "p": 1}],
)
def test_r12_below_floor_refused_without_deriving(
    fx: Fixture, derivations: list[KdfParams], params: dict[str, int]
) -> None:
    kf = edited(fx, lambda doc: doc["slots"][0]["kdf"].update(params))
    with pytest.raises(KeyFileError) as info:
        kf.unlock_user(ALICE, ALICE_PW)
    assert info.value.code == "keyfile.kdf_below_floor"
    with pytest.raises(KeyFileError):
        kf.change_password(ALICE, ALICE_PW, "new password")  # cannot launder the downgrade
    assert derivations == []


def test_r12_recovery_slot_below_floor_refused(fx: Fixture, derivations: list[KdfParams]) -> None:
    kf = edited(fx, lambda doc: doc["slots"][2]["kdf"].update(m=8))
    with pytest.raises(KeyFileError) as info:
        kf.unlock_recovery(fx.code)
    assert info.value.code == "keyfile.kdf_below_floor"
    assert derivations == []


@pytest.mark.parametrize("params", [{"m": 2**30}, {"t": 10_000}, {"p": 255}])
def test_r12_absurd_params_refused_without_deriving(
    fx: Fixture, derivations: list[KdfParams], params: dict[str, int]
) -> None:
    kf = edited(fx, lambda doc: doc["slots"][0]["kdf"].update(params))
    with pytest.raises(KeyFileError) as info:
        kf.unlock_user(ALICE, ALICE_PW)
    assert info.value.code == "keyfile.kdf_out_of_range"
    assert derivations == []


def test_r12_written_params_at_or_above_floor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CALIBRATE_ENV, "floor")
    params = calibrate()
    kf = KeyFile.new()
    monkeypatch.setattr(keyfile, "derive_key", lambda s, salt, p: bytearray(32))  # layout only
    kf.add_user_slot("carl", "pw", DEK, params)
    kf.save(tmp_path / "k")
    for slot in json.loads((tmp_path / "k").read_bytes())["slots"]:
        kdf = slot["kdf"]
        assert kdf["m"] >= 65536 and kdf["t"] >= 3 and kdf["p"] >= 4


# ------------------------------------------------------- no secrets on disk


def encodings(text: str) -> set[bytes]:
    variants = {text, text.lower(), text.upper(), text.casefold()}
    out: set[bytes] = set()
    for variant in variants:
        out.add(variant.encode("utf-8"))
        out.add(variant.encode("utf-16-le"))
    return out


def needles(fx: Fixture, dek: bytes) -> dict[str, set[bytes]]:
    canonical = normalize_recovery_code(fx.code)
    return {
        "user name": encodings(ALICE) | encodings(BOB) | encodings("Lindstr\u00f6m") | encodings("nilsson"),
        "password": encodings(ALICE_PW) | encodings(BOB_PW) | encodings("L\u00f6senord"),
        "recovery code": encodings(fx.code) | encodings(canonical) | encodings(canonical[:13]),
        "dek": {dek, dek[:12], dek[-12:]}
        | encodings(dek.hex())
        | encodings(base64.b64encode(dek).decode())
        | encodings(base64.urlsafe_b64encode(dek).decode()),
    }


def find_leaks(data: bytes, wanted: dict[str, set[bytes]]) -> list[str]:
    return [name for name, patterns in wanted.items() for pattern in patterns if pattern in data]


def test_scanner_self_check(fx: Fixture) -> None:
    planted = b"xx" + ALICE.lower().encode("utf-16-le") + b"yy" + DEK.hex().upper().encode()
    leaks = find_leaks(planted, needles(fx, DEK))
    assert "user name" in leaks and "dek" in leaks


def test_keyfile_bytes_hold_no_secrets(fx: Fixture, tmp_path: Path) -> None:
    path = tmp_path / "case.keys"
    kf = KeyFile.from_bytes(fx.data)
    kf.save(path)
    assert find_leaks(path.read_bytes(), needles(fx, DEK)) == []

    # After a password change and a rotation, still nothing (old or new DEK).
    new_dek = bytes(reversed(DEK))
    kf.change_password(BOB, BOB_PW, "yet another passphrase")
    kf.rotate(new_dek)
    kf.save(path)
    data = path.read_bytes()
    assert find_leaks(data, needles(fx, DEK)) == []
    assert find_leaks(data, needles(fx, new_dek)) == []
    assert find_leaks(data, {"new password": encodings("yet another passphrase")}) == []
    assert [p.name for p in tmp_path.iterdir()] == ["case.keys"]


# --------------------------------------------------- R10 recovery code hygiene


def test_r10_recovery_code_not_in_repr(fx: Fixture) -> None:
    kf = KeyFile.from_bytes(fx.data)
    canonical = normalize_recovery_code(fx.code)
    shown = repr(kf) + str(kf) + repr(kf.slots) + "".join(str(s) for s in kf.slots)
    for slot in kf.slots:
        shown += repr(slot.kdf) + repr(slot.private_key) + repr(slot.dek)
    for form in (fx.code, canonical, canonical.lower(), canonical[:5]):
        assert form not in shown


def test_r10_recovery_code_never_logged(fx: Fixture, caplog: pytest.LogCaptureFixture) -> None:
    canonical = normalize_recovery_code(fx.code)
    wrong = ("0" if canonical[0] != "0" else "1") + canonical[1:]
    errors: list[TryggError] = []
    with caplog.at_level(logging.DEBUG):
        kf = KeyFile.from_bytes(fx.data)
        assert kf.unlock_recovery(fx.code) == DEK
        try:
            kf.unlock_recovery(wrong)
        except WrongPassword as error:
            errors.append(error)
        try:
            kf.unlock_recovery(canonical + "X")
        except TryggError as error:
            errors.append(error)
        kf.add_recovery_slot(fx.code, DEK, FLOOR)
    assert len(errors) == 2
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}" for record in caplog.records
    )
    raised = "".join(f"{e} {e!r} {e.params!r}" for e in errors)
    for form in (fx.code, canonical, canonical.lower(), wrong, canonical[:10], canonical[-10:]):
        assert form not in logged
        assert form not in raised


def test_errors_never_name_users_or_passwords(fx: Fixture) -> None:
    kf = KeyFile.from_bytes(fx.data)
    errors: list[TryggError] = []
    for action in (
        lambda: kf.unlock_user(ALICE, "wrong " + ALICE_PW),
        lambda: kf.unlock_user("mallory.secretname", ALICE_PW),
        lambda: kf.change_password(BOB, "wrong " + BOB_PW, "new"),
        lambda: kf.add_user_slot(ALICE.upper(), ALICE_PW, DEK, FLOOR),
    ):
        with pytest.raises(TryggError) as info:
            action()
        errors.append(info.value)
    text = "".join(f"{e} {e!r} {e.params!r}" for e in errors)
    for secret in (ALICE, ALICE.casefold(), BOB, ALICE_PW, BOB_PW, "mallory", "L\u00f6senord"):
        assert secret not in text
