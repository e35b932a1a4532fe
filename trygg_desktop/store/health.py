"""The health check at open (R29), with every failure turned into problem lines.

``PRAGMA quick_check`` on a healthy file returns ``ok``; on a damaged one it
either lists problems or fails outright (an HMAC failure on a page the check
must read surfaces as ``DatabaseError``, sometimes with an unrelated-looking
message such as "vtable constructor failed: journal_fts"). On a healthy file it
never raises, so any database error from it counts as damage. The lines name
pages, tables and indexes, never row content, so they may be shown and logged.
"""

from __future__ import annotations

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc

from .engine import cipher_integrity_check, quick_check


def _lines(check, engine: Engine) -> list[str]:
    try:
        return list(check(engine))
    except sa_exc.DBAPIError as exc:
        return [f"{check.__name__} failed: {exc.orig}"]
    except sqlcipher.DatabaseError as exc:
        return [f"{check.__name__} failed: {exc}"]


def quick_check_problems(engine: Engine) -> list[str]:
    """Empty when healthy; otherwise up to 20 problem lines (R29).

    Only when ``quick_check`` fails does ``cipher_integrity_check`` run too: it
    names the pages whose HMAC is wrong (R6), which quick_check's "malformed"
    does not, and on the failure path its cost does not matter."""
    problems = _lines(quick_check, engine)
    if problems:
        problems = [*_lines(cipher_integrity_check, engine), *problems]
    return problems[:20]
