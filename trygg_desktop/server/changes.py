"""What the desktops poll to pick up colleagues' changes (server mode, issue 13).

Every successful call of a changing service method (``MethodSpec.changes``) is numbered here
with the session that made it. ``GET /api/v1/changes?since=N`` answers the newest number and
whether *someone else* changed anything after N, so a desktop refreshes its page for a
colleague's save and not for its own. The answer holds no data (a number and a yes/no) and is
not audited: it is the doorbell, the reads that follow are audited as usual. Kept in the
server process; a restart starts again from zero, which the client takes as "changed".
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from .sessions import bearer_token, token_key

#: Writes remembered: a desktop that has not polled for longer refreshes anyway.
REMEMBERED = 10_000


@dataclass(frozen=True)
class ChangeAnswer:
    latest: int
    others: bool      # another session changed something after ``since``


class ChangeFeed:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest = 0
        self._writes: deque[tuple[int, str]] = deque(maxlen=REMEMBERED)

    def record(self, session_key: str) -> int:
        with self._lock:
            self._latest += 1
            self._writes.append((self._latest, session_key))
            return self._latest

    def since(self, since: int | None, session_key: str) -> ChangeAnswer:
        with self._lock:
            latest = self._latest
            if since is None:
                return ChangeAnswer(latest, False)          # the first poll: the window has just loaded
            if since > latest or (self._writes and since < self._writes[0][0] - 1):
                return ChangeAnswer(latest, True)           # the server restarted, or too long ago: refresh
            others = any(seq > since and key != session_key for seq, key in self._writes)
            return ChangeAnswer(latest, others)


def caller_key(authorization: str | None) -> str:
    """The session a request belongs to, as the feed remembers it (a hash, never the token)."""
    return token_key(bearer_token(authorization))


__all__ = ["ChangeAnswer", "ChangeFeed", "caller_key"]
