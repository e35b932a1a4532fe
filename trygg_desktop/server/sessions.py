"""Session tokens of trygg-server: short-lived, shared by the server's workers.

A token is 256 random bits (URL-safe text) handed out at sign-in. It ends after
``IDLE_MINUTES`` without a request (the desktop's idle lock is shorter), after
``LIFETIME_HOURS`` at the latest, at logout (the client's Ctrl+L and idle lock call it), and at
once for every session of a user who is removed or deactivated, by the API or by
``trygg-server user remove`` in another process (each lookup joins the account).

The sessions sit in the database (``services/server_state.py``), so every worker of
``serve --workers N`` knows them; only a SHA-256 of each token is kept, so neither a memory
dump of the server nor a copy of the database hands out live tokens. This module makes the
tokens and reads them off the requests.

A worker remembers, for ``TOUCH_SECONDS``, the user of each token it has checked in full. A
request with such a token is not checked before its call but inside it, in the call's first
statement (``SharedSessions.checked_in_call``): the same conditions, one connection and one
round trip less, and nothing read or written for a session that has ended. The memory is a
shortcut to the user's roles only, never a reason to let a request through.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from contextlib import contextmanager
from typing import Iterator

from ..api.server_operations import IDLE_MINUTES, TOUCH_SECONDS, SharedSessions
from ..domain.access import Actor
from ..domain.errors import AuthenticationError

#: Tokens a worker remembers before it forgets the stale ones (one entry per live desktop).
RECENT_LIMIT = 5000


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header ("" when there is none)."""
    return (authorization or "").removeprefix("Bearer ").strip()


def token_key(token: str) -> str:
    """What the server keeps of a token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    """Tokens over the shared sessions: the token goes to the client, its hash to the database."""

    def __init__(self, shared: SharedSessions) -> None:
        self._shared = shared
        self._recent: dict[str, tuple[Actor, float]] = {}   # token hash → (user, when checked in full)

    def open(self, actor: Actor, client: str) -> str:
        token = secrets.token_urlsafe(32)
        self._shared.open(token_key(token), actor, client)
        return token

    def get(self, token: str) -> Actor | None:
        """The token's user, checked in full (one statement of its own), or None."""
        key = token_key(token)
        actor = self._shared.get(key)
        if actor is None:
            self._recent.pop(key, None)
            return None
        if len(self._recent) >= RECENT_LIMIT:
            self._forget_stale()
        self._recent[key] = (actor, time.monotonic())
        return actor

    def recent(self, token: str) -> Actor | None:
        """The user of a token this worker checked in full less than ``TOUCH_SECONDS`` ago (its
        ``last_seen`` is then fresh enough), for ``checked_in_call``; None otherwise."""
        entry = self._recent.get(token_key(token))
        return entry[0] if entry is not None and time.monotonic() - entry[1] < TOUCH_SECONDS else None

    @contextmanager
    def checked_in_call(self, token: str, actor: Actor) -> Iterator[None]:
        """Run a call of a ``recent`` token, its session checked inside the call. A session found
        ended there is checked in full once more, which forgets it and ends what has to end
        (a deactivated user's other sessions), as a check before the call would have."""
        key = token_key(token)
        try:
            with self._shared.checked_in_call(key, actor.user_id) as check:
                yield
        except AuthenticationError as exc:
            if exc.code == "session.required":
                self._recent.pop(key, None)
                if check.live is False:   # refused inside the call (a call without one had its full check)
                    self._shared.get(key)
            raise

    def close(self, token: str) -> bool:
        self._recent.pop(token_key(token), None)
        return self._shared.close(token_key(token))

    def end_user(self, user_id: int) -> int:
        for key in [k for k, (actor, _) in list(self._recent.items()) if actor.user_id == user_id]:
            self._recent.pop(key, None)
        return self._shared.end_user(user_id)

    def _forget_stale(self) -> None:
        limit = time.monotonic() - TOUCH_SECONDS
        for key in [k for k, (_, seen) in list(self._recent.items()) if seen < limit]:
            self._recent.pop(key, None)

    def __len__(self) -> int:
        return self._shared.count()


__all__ = ["IDLE_MINUTES", "SessionStore", "bearer_token", "token_key"]
