"""Optimistic concurrency for records edited in place (server mode, issue 13).

A record that two colleagues may change at once carries a ``version`` (revisions 0016, 0018).
The editor gives back the version it read; a save made with an older one writes nothing and
raises ``EditConflict`` carrying what is stored now, so the user sees both and chooses. The row
must be read ``FOR UPDATE`` first: under PostgreSQL's READ COMMITTED two saves could otherwise
both pass the check with the same version and the second would overwrite the first.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import EditConflict


def check_version(row: Any, expected: int | None, *, message: str, code: str, **saved: Any) -> None:
    """Refuse a save made with an older version than ``row``'s (``expected`` None: no check,
    the caller did not read a version, e.g. an import or the CLI)."""
    stored = row.version or 1
    if expected is not None and stored != expected:
        raise EditConflict(message, code=code, saved={"version": stored, **saved})


def bump(row: Any) -> None:
    """The next version, after a successful change."""
    row.version = (row.version or 1) + 1


__all__ = ["bump", "check_version"]
