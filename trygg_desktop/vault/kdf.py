"""Password-based key derivation (Argon2id) with a hard floor and a DoS ceiling.

Why Argon2id: it is memory-hard, so a stolen key file cannot be attacked cheaply
on GPUs (SECURITY.md section 2). Why a floor: the parameters live in the key
file, which an attacker may edit; without a floor they could rewrite a slot to
trivially cheap parameters and have the next password change store an easily
guessed wrap (downgrade, R12). Why a ceiling: the same hostile file could ask
for terabytes of memory or hours of CPU and hang the app at login.

Python cannot promise that secrets are erased from memory: ``bytes`` and ``str``
are immutable and the interpreter may copy them. We return derived keys as
``bytearray`` so callers can overwrite them in ``finally`` blocks, which is the
best the language allows (see cryptography's "Known security limitations").
"""

from __future__ import annotations

import math
import os
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from trygg_desktop.domain.errors import KeyFileError

KEY_LENGTH = 32
SALT_LENGTH = 16
CALIBRATE_ENV = "TRYGG_KDF_CALIBRATE"


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost parameters; ``memory_kib`` is in KiB as Argon2 itself counts it."""

    memory_kib: int
    iterations: int
    lanes: int


# RFC 9106's second recommended setting; SECURITY.md R12 makes it the hard floor.
FLOOR = KdfParams(65536, 3, 4)
# Far above anything calibration produces on an office laptop, low enough that a
# hostile key file cannot make login allocate absurd memory or spin for hours.
CEILING = KdfParams(4 * 1024 * 1024, 64, 16)


def check_params(params: KdfParams) -> None:
    """Refuse parameters below the floor (downgrade) or above the ceiling (DoS).

    Runs before every derivation on parameters read from disk, so a tampered
    slot is rejected without spending a single Argon2 call on it.
    """
    fields = (params.memory_kib, params.iterations, params.lanes)
    if any(type(value) is not int for value in fields):
        raise KeyFileError("Key derivation parameters are not integers", code="keyfile.kdf_out_of_range")
    if (
        params.memory_kib < FLOOR.memory_kib
        or params.iterations < FLOOR.iterations
        or params.lanes < FLOOR.lanes
    ):
        raise KeyFileError(
            "Key derivation parameters are below the security floor", code="keyfile.kdf_below_floor"
        )
    if (
        params.memory_kib > CEILING.memory_kib
        or params.iterations > CEILING.iterations
        or params.lanes > CEILING.lanes
    ):
        raise KeyFileError(
            "Key derivation parameters are out of the accepted range", code="keyfile.kdf_out_of_range"
        )


def secret_bytes(secret: str | bytes | bytearray) -> bytearray:
    """Turn a password or recovery code into a mutable UTF-8 buffer.

    Strings are NFC-normalised first so that "Å" typed as one code point or as
    "A" plus a combining ring gives the same key on every keyboard and OS.
    Byte input is taken as already encoded (the caller owns the normalisation).
    """
    if isinstance(secret, str):
        return bytearray(unicodedata.normalize("NFC", secret).encode("utf-8"))
    if isinstance(secret, (bytes, bytearray)):
        return bytearray(secret)
    raise TypeError("secret must be str, bytes or bytearray")


def wipe(buffer: bytearray | None) -> None:
    """Overwrite a mutable secret in place (best effort; see the module docstring)."""
    if buffer is not None:
        for index in range(len(buffer)):
            buffer[index] = 0


#: One derivation at a time in a process. cryptography runs Argon2id's lanes on OpenSSL's thread
#: pool, which it caps at the number of CPUs: two derivations at once on a two-core machine wait
#: for each other's threads forever (found by the server's 20-client load test: every sign-in
#: hung). The desktop derives on one worker thread anyway; the server signs colleagues in one
#: after the other, which also bounds the memory (up to 1 GiB each on a calibrated machine).
_ONE_AT_A_TIME = threading.Lock()


def derive_key(secret: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
    """Derive a 32-byte key with Argon2id.

    The parameters are checked here as well as by callers: this is the single
    choke point every password goes through, so no code path can derive below
    the floor by accident.
    """
    check_params(params)
    if not isinstance(salt, (bytes, bytearray)) or len(salt) != SALT_LENGTH:
        raise KeyFileError("The key derivation salt has the wrong length", code="keyfile.malformed")
    kdf = Argon2id(
        salt=bytes(salt),
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    out = bytearray(KEY_LENGTH)
    derive_into = getattr(kdf, "derive_into", None)
    with _ONE_AT_A_TIME:
        if derive_into is not None:  # cryptography >= 47: no immutable copy of the key
            derive_into(secret, out)
        else:  # pragma: no cover - older cryptography
            out[:] = kdf.derive(bytes(secret))
    return out


def _floor_requested() -> bool:
    return os.environ.get(CALIBRATE_ENV, "").strip().lower() == "floor"


_calibrated: KdfParams | None = None


def calibrated() -> KdfParams:
    """This machine's calibration, measured once per process.

    Adding ten users used to cost ten calibrations (~1 s each) for the same
    answer: the machine does not change while the program runs. Tests that
    exercise the measurement call :func:`calibrate` directly.
    """
    global _calibrated
    if _floor_requested():
        return FLOOR
    if _calibrated is None:
        _calibrated = calibrate()
    return _calibrated


def calibrate(
    *,
    target: tuple[float, float] = (0.5, 1.5),
    clock: Callable[[], float] = time.perf_counter,
    derive: Callable[[bytes | bytearray, bytes, KdfParams], bytearray] = derive_key,
    max_memory_kib: int = 1024 * 1024,
) -> KdfParams:
    """Pick Argon2id parameters that take about 0.75 s on this machine.

    KeePassXC-style benchmark (SECURITY.md R12): time is roughly linear in
    memory, so we measure at the floor, jump straight to the power-of-two
    multiple of the floor memory predicted to land near the aim, and then walk
    in doubling/halving steps until one measured derivation lies inside
    ``target``. Only memory moves (t=3, p=4 stay fixed): memory is what makes
    GPU attacks expensive. The result is never below ``FLOOR`` and never above
    ``max_memory_kib`` (clamped to the ceiling).

    If no measurement falls inside the window (noisy or non-linear machine),
    we return the largest measured memory that was still faster than the
    window, or ``FLOOR`` if even the floor is slower than the window: a login
    that is too slow is preferable to one below the floor, and one slightly
    quick is preferable to one that blows the 2 s unlock budget.

    ``TRYGG_KDF_CALIBRATE=floor`` returns ``FLOOR`` without measuring, so test
    suites and CI stay fast; the floor is still the security minimum.
    """
    if _floor_requested():
        return FLOOR
    low, high = target
    if not 0 < low <= high:
        raise ValueError("target must be (low, high) with 0 < low <= high")
    aim = min(max(0.75, low), high)  # ~0.75 s, kept inside a custom window
    max_memory = max(FLOOR.memory_kib, min(int(max_memory_kib), CEILING.memory_kib))

    def params_for(memory: int) -> KdfParams:
        return KdfParams(memory, FLOOR.iterations, FLOOR.lanes)

    salt = os.urandom(SALT_LENGTH)
    probe = bytearray(b"trygg-calibration")
    measured: dict[int, float] = {}
    memory = FLOOR.memory_kib
    for _ in range(16):  # bounded: at most log2(ceiling/floor) steps each way
        start = clock()
        key = derive(probe, salt, params_for(memory))
        elapsed = clock() - start
        wipe(key)
        measured[memory] = elapsed
        if low <= elapsed <= high:
            return params_for(memory)
        ratio = aim / elapsed if elapsed > 0 else float(max_memory)
        steps = max(1, round(abs(math.log2(ratio))))
        if elapsed < low:
            if memory >= max_memory:
                break
            nxt = min(max_memory, memory << steps)
        else:
            if memory <= FLOOR.memory_kib:
                break
            nxt = max(FLOOR.memory_kib, memory >> steps)
        if nxt in measured:
            break
        memory = nxt
    quick = [mem for mem, took in measured.items() if took < low]
    return params_for(max(quick) if quick else FLOOR.memory_kib)
