"""R9: the key file survives SIGKILL at any moment of a password change.

A subprocess saves two precomputed key file states A (old password) and B
(after ``change_password``) alternately, as fast as it can, through the real
``KeyFile.save``/``atomic_write`` path. The parent kills it with SIGKILL at a
random moment, about 30 times. After every kill the key file must parse and be
byte-identical to A or B. Leftover temp files (``<name>.tmp-<random>``) are
allowed, since nothing ever reads them, but each must be empty, a prefix of A or B
(killed mid-write) or a complete A or B (killed between fsync and rename).

A and B are precomputed once (3 Argon2 calls at FLOOR); the child never derives,
so every kill lands in file I/O rather than in Argon2.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trygg_desktop.domain.errors import WrongPassword
from trygg_desktop.vault.atomic import atomic_write
from trygg_desktop.vault.kdf import FLOOR
from trygg_desktop.vault.keyfile import KeyFile

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix" or not hasattr(signal, "SIGKILL"), reason="POSIX SIGKILL test"),
]

RUNS = 30
MAX_WRITES = 500
MAX_SLEEP = 0.05
USER, OLD_PW, NEW_PW = "anna.berg", "gammalt l\u00f6senord 1", "nytt l\u00f6senord 2"
REPO_ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys
from pathlib import Path
from trygg_desktop.vault.keyfile import KeyFile

target = Path(sys.argv[1])
states = [KeyFile.load(Path(sys.argv[2])), KeyFile.load(Path(sys.argv[3]))]
count = int(sys.argv[4])
sys.stdout.write("ready\\n")
sys.stdout.flush()
for i in range(count):
    states[i % 2].save(target)
sys.stdout.write("done\\n")
sys.stdout.flush()
"""


def classify_temp(content: bytes, a: bytes, b: bytes) -> str:
    if content in (a, b):
        return "complete"
    if a.startswith(content) or b.startswith(content):
        return "empty" if not content else "partial"
    return "foreign"


def test_keyfile_survives_sigkill(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)

    states_dir = tmp_path / "states"
    live_dir = tmp_path / "live"
    states_dir.mkdir()
    live_dir.mkdir()
    a_path, b_path, target = states_dir / "A.keys", states_dir / "B.keys", live_dir / "case.keys"

    kf = KeyFile.new()
    dek = os.urandom(32)
    kf.add_user_slot(USER, OLD_PW, dek, FLOOR)
    kf.save(a_path)
    changed = KeyFile.load(a_path)
    changed.change_password(USER, OLD_PW, NEW_PW)
    changed.save(b_path)
    a, b = a_path.read_bytes(), b_path.read_bytes()
    assert a != b and len(a) == len(b)  # same length: a torn file could not be told apart by size

    atomic_write(target, a)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH", "")]))

    seen_target = {"A": 0, "B": 0}
    temps = {"empty": 0, "partial": 0, "complete": 0}
    killed_mid_loop = 0
    started = time.monotonic()
    for run in range(RUNS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(target), str(a_path), str(b_path), str(MAX_WRITES)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=str(tmp_path),
        )
        try:
            assert child.stdout is not None
            ready = child.stdout.readline()
            assert ready == b"ready\n", (seed, run, ready, child.stderr.read() if child.stderr else b"")
            time.sleep(rng.uniform(0, MAX_SLEEP))
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait(timeout=30)
            for stream in (child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
        if child.returncode == -signal.SIGKILL:
            killed_mid_loop += 1
        else:
            assert child.returncode == 0, (seed, run, child.returncode)

        data = target.read_bytes()
        assert data in (a, b), f"seed={seed} run={run}: key file is neither A nor B ({len(data)} bytes)"
        KeyFile.load(target)  # must parse
        seen_target["A" if data == a else "B"] += 1

        for leftover in live_dir.iterdir():
            if leftover == target:
                continue
            assert leftover.name.startswith(target.name + ".tmp-"), (seed, run, leftover.name)
            kind = classify_temp(leftover.read_bytes(), a, b)
            assert kind != "foreign", (seed, run, leftover.name)
            temps[kind] += 1
            leftover.unlink()

    elapsed = time.monotonic() - started
    print(
        f"\nR9 kill test: seed={seed} runs={RUNS} killed_mid_loop={killed_mid_loop} "
        f"target_after_kill={seen_target} leftover_temps={temps} elapsed={elapsed:.1f}s"
    )
    assert killed_mid_loop >= RUNS // 2, "most kills should land while the child is writing"

    # Both states are real: the old password opens A, the new one opens B.
    state_a, state_b = KeyFile.load(a_path), KeyFile.load(b_path)
    assert state_a.unlock_user(USER, OLD_PW)[1] == dek
    assert state_b.unlock_user(USER, NEW_PW)[1] == dek
    with pytest.raises(WrongPassword):
        state_b.unlock_user(USER, OLD_PW)
