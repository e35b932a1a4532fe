"""Failed-attempt throttling (SECURITY.md R13).

After ``FREE_ATTEMPTS`` failures for one user of one database, each further
attempt must wait 30 s, then 60 s, 120 s … up to 15 minutes. There is never a
permanent lockout: field staff must always be able to get in eventually.

State lives in a small JSON file in the user's *local* data folder, never beside
the database: R5 says a failed attempt writes nothing to the database or the key
file (their hashes and mtimes must not change). The file stores only opaque keys
(:meth:`Throttle.key_for` is a SHA-256 of db_uuid and the slot lookup tag), so no
user names end up on disk.

Failures are also queued in a ``pending`` list. The database cannot be written
while locked, so the service layer drains it with :meth:`take_pending` after
the next successful unlock and writes one audit event per failure (R13).

A missing or corrupt state file is treated as empty. That sounds generous but
costs nothing: throttling only slows guessing *through the app*. Anyone able to
edit this file can also copy the key file and guess offline, where Argon2id
(R12) is the real defence. Refusing to start on a corrupt file would instead
turn a disk hiccup into a lockout.

Concurrency: the app is single-user per machine; two processes racing on the
file may lose an increment, which only makes throttling slightly weaker.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trygg_desktop.domain.errors import Throttled
from trygg_desktop.vault.atomic import atomic_write

_STATE_VERSION = 1
_MAX_STATE_BYTES = 1024 * 1024
_MAX_PENDING = 1000
_MAX_KEYS = 1000


# Events queued here and written to the audit log at the next successful unlock.
PENDING_EVENTS = frozenset({"LOGIN_FAILED", "PASSWORD_CHANGE"})


def _empty() -> dict[str, Any]:
    return {"version": _STATE_VERSION, "failures": {}, "pending": []}


FREE_ATTEMPTS = 5
FIRST_DELAY = 30
CAP = 900


def delay_for(failures: int) -> int:
    """Seconds to wait after ``failures`` consecutive failures: 0 below the free
    attempts, then FIRST_DELAY doubling per failure, never above CAP. The one policy, also
    for trygg-server's throttle in its database (services/server_state.py)."""
    if failures < FREE_ATTEMPTS:
        return 0
    doublings = failures - FREE_ATTEMPTS
    if doublings >= 32:  # avoid building huge integers for absurd counts
        return CAP
    return min(CAP, FIRST_DELAY * (2**doublings))


def check_wait(failures: int, last: float, now: float) -> None:
    """Raise ``Throttled(retry_after=seconds)`` while ``failures`` ending at ``last`` still bar
    an attempt at ``now``. A clock that went backwards caps the wait at the full delay instead
    of growing it: no lockout by clock skew."""
    delay = delay_for(failures)
    if delay <= 0:
        return
    remaining = min(float(delay), last + delay - now)
    if remaining > 0:
        raise Throttled(retry_after=math.ceil(remaining))


class Throttle:
    """Per-machine failure counter with exponential delays and a fake-able clock."""

    def __init__(self, state_path: Path, clock: Callable[[], float] = time.time) -> None:
        self.state_path = Path(state_path)
        self._clock = clock

    # ---- policy

    @staticmethod
    def delay_for(failures: int) -> int:
        return delay_for(failures)

    @staticmethod
    def scope_for(db_uuid: str) -> str:
        """A stable name for one database in the state file (no identifying data)."""
        return hashlib.sha256(f"trygg-throttle-scope-v1|{db_uuid}".encode()).hexdigest()[:32]

    @staticmethod
    def key_for(db_uuid: str, lookup_tag: str) -> str:
        """Opaque per-database, per-user key; the state file never holds a name."""
        return hashlib.sha256(f"trygg-throttle-v1|{db_uuid}|{lookup_tag}".encode()).hexdigest()

    # ---- state file

    def _load(self) -> dict[str, Any]:
        try:
            with open(self.state_path, "rb") as handle:
                raw = handle.read(_MAX_STATE_BYTES + 1)
        except OSError:
            return _empty()
        if len(raw) > _MAX_STATE_BYTES:
            return _empty()
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _empty()
        if not isinstance(doc, dict) or doc.get("version") != _STATE_VERSION:
            return _empty()
        failures: dict[str, dict[str, float | int]] = {}
        raw_failures = doc.get("failures")
        if isinstance(raw_failures, dict):
            for key, entry in raw_failures.items():
                if not isinstance(entry, dict):
                    continue
                count, last = entry.get("count"), entry.get("last")
                if (
                    type(count) is int
                    and count > 0
                    and isinstance(last, (int, float))
                    and not isinstance(last, bool)
                    and math.isfinite(last)
                ):
                    failures[str(key)] = {"count": count, "last": last}
        pending: list[dict[str, Any]] = []
        raw_pending = doc.get("pending")
        if isinstance(raw_pending, list):
            for item in raw_pending[-_MAX_PENDING:]:
                if (
                    isinstance(item, dict)
                    and isinstance(item.get("key"), str)
                    and isinstance(item.get("at"), (int, float))
                    and not isinstance(item.get("at"), bool)
                ):
                    entry = {"key": item["key"], "at": item["at"]}
                    if isinstance(item.get("scope"), str):
                        entry["scope"] = item["scope"]
                    if item.get("event") in PENDING_EVENTS:
                        entry["event"] = item["event"]
                    pending.append(entry)
        return {"version": _STATE_VERSION, "failures": failures, "pending": pending}

    def _save(self, state: dict[str, Any]) -> None:
        directory = self.state_path.parent
        if not directory.exists():
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(self.state_path, json.dumps(state, sort_keys=True).encode("utf-8"))

    # ---- operations

    def failures(self, key: str) -> int:
        """Current consecutive failure count for ``key`` (0 if none)."""
        entry = self._load()["failures"].get(key)
        return int(entry["count"]) if entry else 0

    def check(self, key: str) -> None:
        """Raise ``Throttled(retry_after=seconds)`` if ``key`` must still wait.

        If the clock went backwards (the user changed the system time), the wait
        is capped at the full delay instead of growing: no lockout by clock skew.
        """
        entry = self._load()["failures"].get(key)
        if entry:
            check_wait(int(entry["count"]), float(entry["last"]), self._clock())

    def record_failure(self, key: str, scope: str | None = None) -> int:
        """Count one failed attempt, queue it for the audit log, return the new count.

        ``scope`` names the database (a hash of its uuid), so that the next unlock
        of that database takes only its own failures into its audit log.
        """
        state = self._load()
        now = self._clock()
        failures = state["failures"]
        entry = failures.get(key)
        count = (int(entry["count"]) if entry else 0) + 1
        failures.pop(key, None)
        failures[key] = {"count": count, "last": now}
        if len(failures) > _MAX_KEYS:  # many guessed names: forget the stalest
            for stale in sorted(failures, key=lambda k: failures[k]["last"])[: len(failures) - _MAX_KEYS]:
                del failures[stale]
        pending = state["pending"]
        pending.append({"key": key, "at": now, **({"scope": scope} if scope else {})})
        # Keep the newest entries: they describe the attack still going on.
        del pending[: max(0, len(pending) - _MAX_PENDING)]
        self._save(state)
        return count

    def record_event(self, key: str, scope: str, event: str) -> None:
        """Queue a security event for the audit log without touching the database
        (a password change must leave the database file byte-identical: R8)."""
        if event not in PENDING_EVENTS:
            raise ValueError(event)
        state = self._load()
        pending = state["pending"]
        pending.append({"key": key, "at": self._clock(), "scope": scope, "event": event})
        del pending[: max(0, len(pending) - _MAX_PENDING)]
        self._save(state)

    def record_success(self, key: str) -> None:
        """Reset the counter for ``key`` (pending audit entries are kept)."""
        state = self._load()
        if key in state["failures"]:
            del state["failures"][key]
            self._save(state)

    def take_pending(self, scope: str | None = None) -> list[dict[str, Any]]:
        """Return queued failures ``[{"key", "at"}, …]`` and remove them from the queue;
        with ``scope``, only those recorded for that scope."""
        state = self._load()
        pending = state["pending"]
        taken = [p for p in pending if scope is None or p.get("scope") == scope]
        if taken:
            state["pending"] = [p for p in pending if not (scope is None or p.get("scope") == scope)]
            self._save(state)
        return taken
