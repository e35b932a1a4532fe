"""The generator's own values: who acts, in which unit, about whom, under which consent, along which walk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Acct:
    """A demo account as it is in this database (``user_id`` None: a name without a login)."""

    key: str
    user_id: int | None
    name: str
    title: str
    agency: str


@dataclass(frozen=True)
class UnitInfo:
    """A demo unit: its row id, case kind, area and kommun."""

    id: int
    name: str
    kind: str
    area: str
    kommun: str


@dataclass
class Youth:
    """The subject of a case, as the rest of the case needs them."""

    id: int
    first: str
    last: str
    birth: date
    protected: str
    school: str | None
    guardians: list[tuple[int, str, bool]]   # (person id, full name, has custody); minors only
    # JOINT, SOLE or SPLIT custody while a minor (None: an adult already at referral). Kept
    # apart from ``guardians``: someone who has turned 18 since has no guardians any more,
    # but a consent they signed as a minor was signed by theirs.
    family: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class ConsentPlan:
    """What a consent is to look like; ``accept``: the derived statuses on ``today`` the scenario wants."""

    mode: str                 # ALL | PARTIAL | DECLINED | NONE
    sd: date                  # the day of the (last) signature, or the form date
    valid_to: date
    revoked_at: date | None = None
    accept: tuple[str, ...] = ()


@dataclass
class Walk:
    """A case's path through its state machine: (status, date, reason) per step."""

    steps: list[tuple[str, date, str | None]]

    @property
    def status(self) -> str:
        return self.steps[-1][0]

    def date_of(self, status: str) -> date | None:
        for s, d, _ in self.steps:
            if s == status:
                return d
        return None

    @property
    def last_date(self) -> date:
        return self.steps[-1][1]

    @property
    def closed(self) -> bool:
        return self.status in ("AVSLUTAD", "EJ_AKTUELL")
