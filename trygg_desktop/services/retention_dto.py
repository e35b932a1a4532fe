"""Frozen results of the gallring service (metadata only: references, dates, rules, counts).

``DueRecord`` is also the input of the e-archive hand-over (services/earchive.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RuleDTO:
    record_type: str
    years: int
    start_event: str
    enabled: bool
    research_sample: bool
    disposable: bool          # False: this version never disposes the type (audit log, journal items)
    source: str               # the legal source / reasoning behind the default
    updated_by: str | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class DueRecord:
    """One record whose retention time has run out (metadata only)."""

    key: str                  # "CASE:12", "CONSENT:5", "PROTOCOL:7": what a run approves
    record_type: str
    case_id: int
    case_ref: str
    case_kind: str
    record_id: int
    closed_at: date | None
    last_entry: date | None
    start_date: date
    rule_years: int
    rule_start_event: str
    due_date: date
    deadline: date
    overdue: bool             # past the statutory deadline (31 Dec of the year after due)
    blocked_by: str | None    # LEGAL_HOLD | RESEARCH_SAMPLE: listed, never disposed
    archived_at: datetime | None = None  # last e-archive hand-over of the case (EARCHIVE_EXPORT event)


@dataclass(frozen=True, slots=True)
class LegalHoldDTO:
    case_id: int
    case_ref: str
    reason: str
    set_by: str
    set_at: datetime


@dataclass(frozen=True, slots=True)
class DisposalLogDTO:
    id: int
    run_id: str
    record_type: str
    record_ref: str
    closed_at: date | None
    last_entry: date | None
    rule_years: int
    rule_start_event: str
    due_date: date
    approved_by: str
    approved_at: datetime
    executed_at: datetime
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class DisposalResult:
    run_id: str
    disposed: tuple[DisposalLogDTO, ...]
    skipped: tuple[tuple[str, str], ...] = ()      # (key, reason code)
    persons_deleted: int = 0
    secure_delete: bool = False                     # PRAGMA secure_delete was on for the run
    fts_secure_delete: bool = False                 # the FTS5 index removed tokens physically
