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
"""

from __future__ import annotations

import hashlib
import secrets

from ..api.server_operations import IDLE_MINUTES, SharedSessions
from ..domain.access import Actor


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

    def open(self, actor: Actor, client: str) -> str:
        token = secrets.token_urlsafe(32)
        self._shared.open(token_key(token), actor, client)
        return token

    def get(self, token: str) -> Actor | None:
        return self._shared.get(token_key(token))

    def close(self, token: str) -> bool:
        return self._shared.close(token_key(token))

    def end_user(self, user_id: int) -> int:
        return self._shared.end_user(user_id)

    def __len__(self) -> int:
        return self._shared.count()


__all__ = ["IDLE_MINUTES", "SessionStore", "bearer_token", "token_key"]
