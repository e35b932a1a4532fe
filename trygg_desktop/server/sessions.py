"""Session tokens of trygg-server: short-lived, in the server's memory only.

A token is 256 random bits (URL-safe text) handed out at sign-in. It ends after
``IDLE_MINUTES`` without a request (the desktop's idle lock is shorter), after
``LIFETIME_HOURS`` at the latest, at logout (the client's Ctrl+L and idle lock call it), and at
once for every session of a user who is removed. Only a SHA-256 of each token is kept, so
a memory dump of the server does not hand out live tokens. A restart of the server ends all
sessions (users sign in again).

Removal is honoured wherever it happens: the API's remove endpoint ends the sessions here
directly, but an administrator may as well remove or deactivate the account with
``trygg-server user remove`` in another process, which cannot reach this memory. So every
lookup of a token also asks the database whether its user is still active
(``still_active``: one primary-key read of ``user_account``); the first request after a removal
anywhere is refused and ends every session of that user.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable

from ..domain.access import Actor

IDLE_MINUTES = 15
LIFETIME_HOURS = 8


@dataclass
class Session:
    actor: Actor
    created: float
    last_seen: float
    client: str


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header ("" when there is none)."""
    return (authorization or "").removeprefix("Bearer ").strip()


def token_key(token: str) -> str:
    """What the server keeps of a token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 still_active: Callable[[int], bool] | None = None) -> None:
        self._clock = clock
        self._still_active = still_active
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, actor: Actor, client: str) -> str:
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._sessions[token_key(token)] = Session(actor, now, now, client)
        return token

    def get(self, token: str) -> Actor | None:
        """The session's user, or None when the token is unknown, has run out or its user is no
        longer active in the database (then the session is gone)."""
        key, now = token_key(token), self._clock()
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                return None
            if now - session.last_seen > IDLE_MINUTES * 60 or now - session.created > LIFETIME_HOURS * 3600:
                del self._sessions[key]
                return None
            session.last_seen = now
            actor = session.actor
        # Outside the lock: a database round trip must not hold up other requests' lookups.
        if self._still_active is not None and not self._still_active(actor.user_id):
            self.end_user(actor.user_id)
            return None
        return actor

    def close(self, token: str) -> bool:
        with self._lock:
            return self._sessions.pop(token_key(token), None) is not None

    def end_user(self, user_id: int) -> int:
        """End every session of ``user_id`` (the account was removed); returns how many."""
        with self._lock:
            gone = [k for k, s in self._sessions.items() if s.actor.user_id == user_id]
            for key in gone:
                del self._sessions[key]
        return len(gone)

    def __len__(self) -> int:
        return len(self._sessions)
