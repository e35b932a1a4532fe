"""The follow-up report's building blocks: what it counts (``Scope``), the raw counts of one
period (``PeriodData``), the constants that name the categories, and small helpers shared by
the queries (``statistics_data`` gathers, ``statistics_events`` counts the events). The
definitions of every count are in ``statistics_data``'s module text.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from ..domain.lifecycle import ACTION_MACHINE
from ..domain.periods import Period
from ..domain.timefmt import local
from ..store.models import Case

#: Case kinds whose work rests on consent (TREFAS has none to count: DOMAIN 3.3).
CONSENT_KINDS = ("SSPF", "AVHOPPARE")
#: The status that marks kartläggning/assessment in each kind's state machine.
ASSESSMENT_STATUS = {"SSPF": "KARTLAGGNING", "TREFAS": "BEDOMD", "AVHOPPARE": "UTREDNING"}
#: A follow-up date counts as met by a meeting of the case this many days before or after it.
FOLLOW_UP_WINDOW_DAYS = 7
#: Meeting counts are grouped 0, 1, 2, 3 and this many or more.
MEETING_BUCKETS = 4
#: Action categories (a partition of the actions due in the period).
ACTION_CATEGORIES = ("ON_TIME", "LATE", "NOT_DONE", "STRUCK", "OVERDUE", "OPEN")
THREAT_ORDER = {"LAG": 0, "MEDEL": 1, "HOG": 2}
THREAT_CHANGES = ("FIRST", "UP", "SAME", "DOWN")
CONSENT_OUTCOMES = ("VALID", "DECLINED", "NONE")
MEASURES = ("CONSENT", "ASSESSMENT", "PLAN")
TERMINAL_ACTION = tuple(sorted(ACTION_MACHINE.terminal))


@dataclass(frozen=True, slots=True)
class Scope:
    """Which cases a report counts: kinds, and units (None: every unit)."""

    kinds: tuple[str, ...]
    unit_ids: frozenset[int] | None

    @property
    def everything(self) -> bool:
        """Every kind in every unit (the steering group): child tables need no join to the case."""
        from ..domain.vocab import CASE_KINDS
        return self.unit_ids is None and set(self.kinds) >= set(CASE_KINDS.codes)

    def where(self, model: type[Case] = Case) -> list:
        conds = [model.kind.in_(list(self.kinds))]
        if self.unit_ids is not None:
            conds.append(model.unit_id.in_(sorted(self.unit_ids)))
        return conds


@dataclass
class PeriodData:
    """Raw counts of one period (internal to the service layer)."""

    period: Period
    as_of: date
    kinds: tuple[str, ...]
    # flow[kind] = Counter of ("EARLIER"|"NEW", "CLOSED"|"OPEN")
    flow: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    closure: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    new_by_unit: Counter = field(default_factory=Counter)            # (unit_id, kind) → new cases
    source: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    concerns: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    ages: dict[int | None, Counter] = field(default_factory=lambda: defaultdict(Counter))   # age → kind → n
    gender: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    consent: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))      # kind → outcome
    days: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))  # (measure, kind)
    revocations: Counter = field(default_factory=Counter)
    meetings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))     # kind → bucket → n
    meetings_total: Counter = field(default_factory=Counter)
    actions: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))      # agency → category
    follow_ups: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))   # agency → MET|MISSED
    avh_phase_end: Counter = field(default_factory=Counter)
    avh_reached: Counter = field(default_factory=Counter)
    avh_breaches: int = 0
    avh_threats: Counter = field(default_factory=Counter)
    # Internal bookkeeping of the gathering (case ids never leave the service layer).
    active_cases: dict[int, str] = field(default_factory=dict, repr=False)
    status_now: dict[int, str] = field(default_factory=dict, repr=False)
    referral: dict[int, tuple[str, date]] = field(default_factory=dict, repr=False)

    # -- sums ---------------------------------------------------------------------------
    def new(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["NEW", "CLOSED"] + self.flow[k]["NEW", "OPEN"] for k in self._kinds(kind))

    def closed(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["NEW", "CLOSED"] + self.flow[k]["EARLIER", "CLOSED"] for k in self._kinds(kind))

    def open_at_end(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["NEW", "OPEN"] + self.flow[k]["EARLIER", "OPEN"] for k in self._kinds(kind))

    def from_earlier(self, kind: str | None = None) -> int:
        return sum(self.flow[k]["EARLIER", "CLOSED"] + self.flow[k]["EARLIER", "OPEN"] for k in self._kinds(kind))

    def active(self, kind: str | None = None) -> int:
        return self.new(kind) + self.from_earlier(kind)

    def consent_reached(self, kinds: tuple[str, ...]) -> tuple[int, int]:
        """(reached a valid consent, referred) over ``kinds``."""
        return (sum(self.consent[k]["VALID"] for k in kinds), sum(sum(self.consent[k].values()) for k in kinds))

    def durations(self, measure: str, kind: str | None) -> list[int]:
        return sorted(d for k in self._kinds(kind) for d in self.days[measure, k])

    def _kinds(self, kind: str | None) -> tuple[str, ...]:
        return self.kinds if kind is None else (kind,)


def median_p75(values: list[int]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    if len(values) == 1:
        return float(values[0]), float(values[0])
    return float(statistics.median(values)), float(statistics.quantiles(values, n=4, method="inclusive")[2])


def core(session: Session):
    """The session's connection: Core execution returns plain rows without the ORM's per-row
    loading machinery (a third of the report's time at XL went there)."""
    return session.connection()


def day_start(day: date) -> datetime:
    """The wall time a day starts at, for the wall-time columns (a meeting's start)."""
    return datetime.combine(day, time.min)


def as_day(value: date | datetime | str | None) -> date | None:
    """A stored day, datetime or ISO text (SQLite returns dates as text from Core rows) as a date."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return local(value).date()  # an instant (aware): its local day; a wall time as it is
    return date.fromisoformat(str(value)[:10])
