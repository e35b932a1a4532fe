"""What the log review reads and returns: the filter, the flagged rows, the per-user counts, the
chain check and a sign-off (``log_review`` computes them; the page, the PDF and the CLI show them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

#: The most rows one report lists (the counts cover every event of the period).
MAX_ROWS = 5000

@dataclass(frozen=True, slots=True)
class ReviewFilter:
    """``start``/``end``: local calendar days (both included), or aware instants [start, end)."""

    start: date | datetime
    end: date | datetime
    username: str | None = None
    person_pnr: str | None = None
    person_id: int | None = None
    case_id: int | None = None
    case_query: str | None = None  # a case reference or a personnummer (``audit_names.resolve_case_query``)
    action: str | None = None
    flags_only: bool = False
    limit: int = MAX_ROWS


@dataclass(frozen=True, slots=True)
class ReviewRow:
    seq: int
    ts: datetime  # aware UTC
    username: str | None  # the acting user; for a failed login the account tried
    role: str | None
    agency: str | None
    action: str
    entity: str | None
    entity_id: str | None
    case_id: int | None
    case_reference: str | None
    person_id: int | None
    flags: tuple[str, ...]  # computed review flags (FLAG_KINDS)
    logged_flags: str | None  # the flags the service wrote at the time
    # For people reading the review (audit_names): the user's name ("Anna Lind (alind)"),
    # whether the case has been disposed (its reference then only if the GALLRING event
    # kept it), and the name of the record the event is about where it has one.
    user_name: str | None = None
    case_disposed: bool = False
    record_name: str | None = None


@dataclass(frozen=True, slots=True)
class UserSummary:
    username: str  # "" for events without a user (system, unknown account)
    events: int
    flagged: int
    counts: tuple[tuple[str, int], ...]  # (flag, n) for the flags this user has
    user_name: str | None = None  # "Anna Lind (alind)"; None for "" and unknown accounts


@dataclass(frozen=True, slots=True)
class ReviewReport:
    period_start: datetime  # aware UTC, inclusive
    period_end: datetime  # aware UTC, exclusive
    filter: ReviewFilter
    total_events: int
    flagged_events: int
    counts: tuple[tuple[str, int], ...]  # every FLAG_KINDS entry, in order
    users: tuple[UserSummary, ...]
    rows: tuple[ReviewRow, ...]
    truncated: bool  # more rows matched than ``limit``
    reviewer: str
    generated_at: datetime  # aware UTC
    organisation: str = ""
    person_label: str | None = None  # the personnummer filter as given (long form), for the report head
    case_label: str | None = None  # the case filter: a reference, or a personnummer in long form

    def count(self, flag: str) -> int:
        return dict(self.counts).get(flag, 0)


@dataclass(frozen=True, slots=True)
class ChainSummary:
    ok: bool
    events: int
    last_seq: int
    head_mac: str
    problems: tuple[str, ...]  # "seq N: kind"
    anchors_checked: int


@dataclass(frozen=True, slots=True)
class ReviewSignOff:
    review_id: int
    reviewer: str
    period_start: datetime
    period_end: datetime
    comment: str
    signed_at: datetime
    head_seq: int
    head_mac: str
    flagged_count: int
    report_sha256: str
    anchor_file: str | None  # where the anchor was appended (None if that failed)
