"""The SQL behind the log review's flags (R21), and the anchor probe (R20).

Each flag is one SQL expression over an event joined with its case; together
they form a bit mask per event (bit i = ``FLAG_KINDS[i]``), so one scan of the
period yields the per-flag and per-user counts and the rows. The expressions
use only primary-key and index probes (user_unit, case_assignment, person).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable

from sqlalchemy import text

from ..domain.access import COORDINATOR_ROLES
from ..domain.errors import ValidationError
from ..domain.holidays import is_day_off
from ..domain.timefmt import from_utc, utc_midnight
from ..store.models import stored_text, to_stored
from .anchors import Anchor
from .audit import ChainProblem

# The working day: events outside it (local time), at a weekend or on a public holiday or eve
# (domain/holidays.py: Christmas Eve, Midsummer Eve, Ascension Day …) are flagged.
WORKDAY_START = time(7, 0)
WORKDAY_END = time(19, 0)
WEEKEND_DAYS = (0, 6)  # SQLite's %w: Sunday = 0, Saturday = 6

# Every flag kind, in the order reports list them.
FLAG_KINDS = ("OUTSIDE_UNIT", "NO_ASSIGNMENT", "PROTECTED_IDENTITY", "PRINT_EXPORT", "UNUSUAL_HOURS",
              "FAILED_LOGIN", "EMERGENCY", "DENIED")
BIT = {kind: 1 << i for i, kind in enumerate(FLAG_KINDS)}


def period_bounds(start: date | datetime, end: date | datetime) -> tuple[datetime, datetime]:
    """Local calendar days (or aware instants) → the aware UTC half-open range the log compares with."""
    lo = to_utc(start) if isinstance(start, datetime) else utc_midnight(start)
    hi = to_utc(end) if isinstance(end, datetime) else utc_midnight(end + timedelta(days=1))
    if hi <= lo:
        raise ValidationError("The period ends before it starts", code="review.period")
    return lo, hi


def to_utc(value: datetime) -> datetime:
    """An aware instant in UTC (a naive one is refused: it has no zone)."""
    return to_stored(value).replace(tzinfo=timezone.utc)


def ts_text(value: datetime) -> str:
    return stored_text(value)  # the text SQLAlchemy stores on SQLite


def _coordinator_case() -> str:
    whens = " ".join(f"WHEN '{kind}' THEN '{role}'" for kind, role in COORDINATOR_ROLES.items())
    return f"CASE ev.case_kind {whens} END"


def _has_flag(token: str) -> str:
    return f"(ev.flags IS NOT NULL AND instr(ev.fl, ',{token},') > 0)"


_HOURS_FALLBACK = (
    f"(CAST(strftime('%w', datetime(substr(ev.ts, 1, 19), 'localtime')) AS INTEGER)"
    f" IN ({', '.join(map(str, WEEKEND_DAYS))})"
    f" OR strftime('%H:%M', datetime(substr(ev.ts, 1, 19), 'localtime')) < '{WORKDAY_START:%H:%M}'"
    f" OR strftime('%H:%M', datetime(substr(ev.ts, 1, 19), 'localtime')) >= '{WORKDAY_END:%H:%M}')")
#: About 2.3 years of hours; beyond that SQLite's ``localtime`` per row (nights and weekends
#: only: such a long period is a search, not the monthly review, so holidays are not looked up).
MAX_HOUR_KEYS = 20_000


def _is_work(utc: datetime) -> bool:
    local = from_utc(utc)
    return ((local.isoweekday() % 7) not in WEEKEND_DAYS and WORKDAY_START <= local.time() < WORKDAY_END
            and not is_day_off(local.date()))


def unusual_hours_sql(start: datetime, end: datetime) -> str:
    """"Outside the working day" as a lookup of the stored UTC hour ("2026-10-05 14").

    SQLite's ``localtime`` modifier costs ~35 µs a row (most of a million-event
    report), so Python classifies each UTC hour of the period once (daylight
    saving included): hours wholly outside the working day go into an ``IN``
    list (SQLite probes it as an index), hours only partly outside (a zone with
    a half-hour offset, a window not on the hour) are checked minute by minute
    with plain comparisons.
    """
    hour = start.replace(minute=0, second=0, microsecond=0)
    if (end - hour).total_seconds() / 3600 > MAX_HOUR_KEYS:
        return _HOURS_FALLBACK
    unusual: list[str] = []
    partial: list[str] = []
    while hour < end:
        minutes = [_is_work(hour + timedelta(minutes=m)) for m in range(0, 60, 15)]
        key = hour.strftime("%Y-%m-%d %H")
        if not any(minutes):
            unusual.append(f"'{key}'")
        elif not all(minutes):
            work = [f"substr(ev.ts, 1, 16) = '{(hour + timedelta(minutes=m)):%Y-%m-%d %H:%M}'"
                    for m in range(60) if _is_work(hour + timedelta(minutes=m))]
            partial.append(f"(substr(ev.ts, 1, 13) = '{key}' AND NOT ({' OR '.join(work)}))")
        hour += timedelta(hours=1)
    terms = [f"substr(ev.ts, 1, 13) IN ({', '.join(unusual)})"] if unusual else []
    terms += partial
    return f"({' OR '.join(terms)})" if terms else "0"


_IN_UNIT = "EXISTS (SELECT 1 FROM user_unit uu WHERE uu.user_id = ev.user_id AND uu.unit_id = ev.case_unit)"
_CASE_ACCESS = "(ev.case_unit IS NOT NULL AND ev.user_id IS NOT NULL)"
_FLAG_SQL = {
    "OUTSIDE_UNIT": f"({_CASE_ACCESS} AND NOT {_IN_UNIT})",
    "NO_ASSIGNMENT": (
        f"({_CASE_ACCESS} AND COALESCE(ev.resp, -1) <> ev.user_id"
        " AND NOT EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = ev.case_id AND a.user_id = ev.user_id"
        " AND a.assigned_at <= ev.ts AND (a.ended_at IS NULL OR a.ended_at > ev.ts))"
        f" AND NOT (instr(',' || COALESCE(ev.role, '') || ',', ',' || {_coordinator_case()} || ',') > 0"
        f" AND {_IN_UNIT}))"),
    "PROTECTED_IDENTITY": ("EXISTS (SELECT 1 FROM person p WHERE p.id = ev.subject_pid"
                           " AND p.protected_identity <> 'NONE')"),
    "PRINT_EXPORT": ("(instr(ev.action, 'PRINT') > 0 OR instr(ev.action, 'EXPORT') > 0"
                     " OR instr(ev.action, 'EXTRACT') > 0"
                     f" OR ev.action = 'DISCLOSURE_CREATE' OR {_has_flag('EXPORT')} OR {_has_flag('BULK')})"),
    "UNUSUAL_HOURS": _HOURS_FALLBACK,  # per period: unusual_hours_sql()
    "FAILED_LOGIN": f"(ev.action = 'LOGIN_FAILED' OR {_has_flag('FAILED_LOGIN')})",
    "EMERGENCY": f"(ev.action = 'EMERGENCY_ACCESS' OR {_has_flag('EMERGENCY')})",
    "DENIED": f"(ev.action = 'ACCESS_DENIED' OR {_has_flag('DENIED')})",
}


def review_sql(where: str, hours: str) -> str:
    """The period's events joined with their case and a bit mask of the flags (bit i = FLAG_KINDS[i]).

    ``LIMIT -1`` keeps SQLite from flattening the subquery into the outer
    aggregate, which would evaluate every flag expression once per use; as a
    co-routine each is evaluated once per event and nothing is materialised.
    """
    bits = " | ".join(f"(({(hours if k == 'UNUSUAL_HOURS' else expr)}) << {i})"
                      for i, (k, expr) in enumerate(_FLAG_SQL.items()))
    return f"""
SELECT ev.*, ({bits}) AS mask FROM (
  SELECT e.seq, e.ts, e.user_id, COALESCE(e.username, tu.username, '') AS who, e.role, e.agency, e.action,
         e.entity, e.entity_id, e.case_id, e.person_id, e.flags,
         c.reference AS case_ref, c.unit_id AS case_unit, c.kind AS case_kind, c.responsible_user_id AS resp,
         COALESCE(c.person_id, e.person_id) AS subject_pid,
         ',' || COALESCE(e.flags, '') || ',' AS fl
  FROM audit_event e
  LEFT JOIN case_file c ON c.id = e.case_id
  LEFT JOIN user_account tu ON e.user_id IS NULL AND e.entity = 'user' AND tu.id = CAST(e.entity_id AS INTEGER)
  WHERE {where}
  ORDER BY e.seq
) AS ev
LIMIT -1"""


def anchor_problems(session, anchors: Iterable[Anchor]) -> list[ChainProblem]:
    """Each anchor against the stored event with its seq.

    Checked one by one rather than through ``verify_chain``'s seq→mac map, so two
    anchor lists that disagree about one seq (a forged copy) cannot hide each
    other: whichever the log does not match is reported.
    """
    anchors = list(anchors)
    if not anchors:
        return []
    last = session.execute(text("SELECT MAX(seq) FROM audit_event")).scalar() or 0
    problems: list[ChainProblem] = []
    for anchor in anchors:
        if anchor.seq > last:
            problems.append(ChainProblem(last + 1, "truncated"))
            continue
        mac = session.execute(text("SELECT mac FROM audit_event WHERE seq = :seq"), {"seq": anchor.seq}).scalar()
        if mac != anchor.mac:
            problems.append(ChainProblem(anchor.seq, "anchor_mismatch"))
    return problems


def merge_problems(*lists: Iterable[ChainProblem]) -> list[ChainProblem]:
    seen: dict[tuple[int, str], ChainProblem] = {}
    for problems in lists:
        for p in problems:
            seen.setdefault((p.seq, p.kind), p)
    return list(seen.values())


