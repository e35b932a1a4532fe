"""What the desktops poll to pick up colleagues' changes (server mode, issue 13).

Every successful call of a changing service method (``MethodSpec.changes``) is numbered with the
session that made it (``services/server_state.SharedChanges``, in the database, so whichever
worker took the save rings the bell for all). ``GET /api/v1/changes?since=N`` answers the newest
number and whether *someone else* changed anything after N, so a desktop refreshes its page for
a colleague's save and not for its own. The answer holds no data (a number and a yes/no) and is
not audited: it is the doorbell, the reads that follow are audited as usual.
"""

from __future__ import annotations

from ..api.server_operations import ChangeAnswer, SharedChanges, ringing_for
from .sessions import bearer_token, token_key


def caller_key(authorization: str | None) -> str:
    """The session a request belongs to, as the feed remembers it (a hash, never the token)."""
    return token_key(bearer_token(authorization))


__all__ = ["ChangeAnswer", "SharedChanges", "caller_key", "ringing_for"]
