"""Argon2id derivation, parameter floor/ceiling and calibration (SECURITY.md R12)."""

from __future__ import annotations

import pytest

from trygg_desktop.domain.errors import KeyFileError
from trygg_desktop.vault import kdf
from trygg_desktop.vault.kdf import CEILING, FLOOR, KdfParams, calibrate, check_params, derive_key

SALT_A = bytes(range(16))
SALT_B = bytes(range(1, 17))


@pytest.fixture(autouse=True)
def _real_calibration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Calibration tests use a fake clock; the env shortcut must not mask them."""
    monkeypatch.delenv(kdf.CALIBRATE_ENV, raising=False)


def test_derive_is_deterministic_and_mutable() -> None:
    first = derive_key(b"correct horse", SALT_A, FLOOR)
    second = derive_key(bytearray(b"correct horse"), SALT_A, FLOOR)
    assert isinstance(first, bytearray)
    assert len(first) == 32
    assert first == second


def test_derive_differs_with_salt_secret_and_params() -> None:
    base = derive_key(b"pw", SALT_A, FLOOR)
    assert derive_key(b"pw", SALT_B, FLOOR) != base
    assert derive_key(b"pw2", SALT_A, FLOOR) != base
    assert derive_key(b"pw", SALT_A, KdfParams(FLOOR.memory_kib, FLOOR.iterations + 1, FLOOR.lanes)) != base


def test_derive_refuses_bad_salt_and_below_floor() -> None:
    with pytest.raises(KeyFileError):
        derive_key(b"pw", b"short", FLOOR)
    with pytest.raises(KeyFileError) as info:
        derive_key(b"pw", SALT_A, KdfParams(19456, 2, 1))
    assert info.value.code == "keyfile.kdf_below_floor"


def test_secret_bytes_normalises_unicode() -> None:
    composed = "L\u00e5ngt l\u00f6senord"  # å, ö precomposed
    decomposed = "La\u030angt lo\u0308senord"
    assert kdf.secret_bytes(composed) == kdf.secret_bytes(decomposed)
    assert kdf.secret_bytes(bytearray(b"x")) == bytearray(b"x")


def test_wipe_zeroes_in_place() -> None:
    buf = bytearray(b"secret")
    kdf.wipe(buf)
    assert buf == bytearray(6)


@pytest.mark.parametrize(
    "params",
    [FLOOR, KdfParams(262144, 3, 4), CEILING, KdfParams(65536, 64, 16)],
)
def test_check_params_accepts_range(params: KdfParams) -> None:
    check_params(params)


@pytest.mark.parametrize(
    "params",
    [KdfParams(32768, 3, 4), KdfParams(65536, 2, 4), KdfParams(65536, 3, 1), KdfParams(19456, 2, 1)],
)
def test_check_params_floor(params: KdfParams) -> None:
    with pytest.raises(KeyFileError) as info:
        check_params(params)
    assert info.value.code == "keyfile.kdf_below_floor"


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(CEILING.memory_kib * 2, 3, 4),
        KdfParams(65536, CEILING.iterations + 1, 4),
        KdfParams(65536, 3, CEILING.lanes + 1),
        KdfParams(2**40, 3, 4),
    ],
)
def test_check_params_ceiling(params: KdfParams) -> None:
    with pytest.raises(KeyFileError) as info:
        check_params(params)
    assert info.value.code == "keyfile.kdf_out_of_range"


def test_check_params_rejects_non_integers() -> None:
    with pytest.raises(KeyFileError):
        check_params(KdfParams(65536.0, 3, 4))  # type: ignore[arg-type]
    with pytest.raises(KeyFileError):
        check_params(KdfParams(65536, True, 4))  # type: ignore[arg-type]


class FakeMachine:
    """A fake clock plus a fake derive whose cost is linear in memory."""

    def __init__(self, seconds_at_floor: float) -> None:
        self.now = 1000.0
        self.seconds_at_floor = seconds_at_floor
        self.calls: list[KdfParams] = []

    def clock(self) -> float:
        return self.now

    def derive(self, secret: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
        check_params(params)
        self.calls.append(params)
        self.now += self.seconds_at_floor * params.memory_kib / FLOOR.memory_kib
        return bytearray(32)


def test_calibrate_lands_in_window() -> None:
    machine = FakeMachine(0.2)  # like the measured server: 64 MiB = 0.19 s
    params = calibrate(clock=machine.clock, derive=machine.derive)
    assert params == KdfParams(262144, 3, 4)  # 0.8 s, the measured sweet spot
    assert machine.calls[0] == FLOOR
    assert len(machine.calls) == 2  # one jump, not a slow walk of doublings


@pytest.mark.parametrize("seconds_at_floor", [0.01, 0.05, 0.1, 0.13, 0.2, 0.3, 0.45, 0.5, 0.9, 1.4])
def test_calibrate_result_is_inside_window_and_above_floor(seconds_at_floor: float) -> None:
    machine = FakeMachine(seconds_at_floor)
    params = calibrate(clock=machine.clock, derive=machine.derive, max_memory_kib=4 * 1024 * 1024)
    assert params.memory_kib >= FLOOR.memory_kib
    assert (params.iterations, params.lanes) == (FLOOR.iterations, FLOOR.lanes)
    took = seconds_at_floor * params.memory_kib / FLOOR.memory_kib
    assert 0.5 <= took <= 1.5
    check_params(params)


def test_calibrate_slow_machine_stays_at_floor() -> None:
    machine = FakeMachine(2.5)  # even the floor is over the window
    assert calibrate(clock=machine.clock, derive=machine.derive) == FLOOR
    assert machine.calls == [FLOOR]


def test_calibrate_respects_max_memory() -> None:
    machine = FakeMachine(0.01)  # would want ~5 GiB
    params = calibrate(clock=machine.clock, derive=machine.derive, max_memory_kib=262144)
    assert params == KdfParams(262144, 3, 4)
    assert all(call.memory_kib <= 262144 for call in machine.calls)


def test_calibrate_max_memory_below_floor_is_ignored() -> None:
    machine = FakeMachine(0.01)
    assert calibrate(clock=machine.clock, derive=machine.derive, max_memory_kib=1024) == FLOOR


def test_calibrate_custom_window() -> None:
    machine = FakeMachine(0.1)
    params = calibrate(target=(1.0, 2.0), clock=machine.clock, derive=machine.derive)
    took = 0.1 * params.memory_kib / FLOOR.memory_kib
    assert 1.0 <= took <= 2.0


def test_calibrate_noisy_machine_never_below_floor() -> None:
    """A machine whose timings jump around still yields a valid result."""
    times = iter([0.1, 3.0, 0.2, 3.0, 0.2, 3.0] * 5)
    now = [0.0]

    def clock() -> float:
        return now[0]

    def derive(secret: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
        now[0] += next(times)
        return bytearray(32)

    params = calibrate(clock=clock, derive=derive)
    check_params(params)


def test_calibrate_env_floor_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kdf.CALIBRATE_ENV, "floor")

    def must_not_run(*_args: object) -> bytearray:
        raise AssertionError("calibrate measured despite TRYGG_KDF_CALIBRATE=floor")

    assert calibrate(derive=must_not_run) == FLOOR


def test_calibrate_real_derivation_at_floor_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Smoke test with the real Argon2 but a window the floor already satisfies."""
    monkeypatch.delenv(kdf.CALIBRATE_ENV, raising=False)
    assert calibrate(target=(0.0001, 1000.0)) == FLOOR


def test_calibrated_measures_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    measured = KdfParams(128 * 1024, 3, 4)
    monkeypatch.delenv("TRYGG_KDF_CALIBRATE", raising=False)
    monkeypatch.setattr(kdf, "_calibrated", None)
    monkeypatch.setattr(kdf, "calibrate", lambda: calls.append(1) or measured)
    assert kdf.calibrated() == measured
    assert kdf.calibrated() == measured
    assert calls == [1]


def test_calibrated_honours_the_floor_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRYGG_KDF_CALIBRATE", "floor")
    monkeypatch.setattr(kdf, "calibrate", lambda: pytest.fail("must not measure"))
    assert kdf.calibrated() == FLOOR
