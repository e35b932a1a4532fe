"""Argon2id from several threads at once (the server signs colleagues in on a thread pool):
without the process-wide lock in ``vault.kdf.derive_key`` two derivations on a two-core
machine wait for each other's OpenSSL threads forever. Run in a child process with a time
limit, so a regression fails the test instead of hanging the suite."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import threading
from trygg_desktop.vault.kdf import FLOOR, derive_key
keys = []
def work(i):
    keys.append(bytes(derive_key(b"password-%d" % (i % 2), b"s" * 16, FLOOR)))
threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
for t in threads: t.start()
for t in threads: t.join()
print(len(keys), len(set(keys)))
"""


def test_six_threads_derive_at_once_and_all_finish() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["6", "2"]      # six keys, two passwords: the same key for the same input
