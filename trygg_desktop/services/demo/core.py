"""The generator's state and its small helpers: seeded randomness, dates, context for the texts."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from typing import Any, Sequence

from faker import Faker

from .model import Acct, UnitInfo, Walk, Youth
from .places import AREAS, MONTHS, SPORTS
from .rows import Rows
from .texts import CRIMES

DAY = timedelta(days=1)


def dt(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A wall time (a meeting's start): naive local, as the user would enter it."""
    return datetime(day.year, day.month, day.day, hour, minute)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An instant (a journal entry written, a consent recorded) at that local clock time, aware UTC:
    what the ``UtcDateTime`` columns take."""
    return dt(day, hour, minute).astimezone(timezone.utc)


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class GeneratorBase:
    """The state every part of the generator shares, and the helpers that draw from it.

    Every random choice goes through ``self.rng`` (and ``self.fake``, seeded alike) in a
    fixed order, so the same seed and ``today`` give the same rows.
    """

    def __init__(self, seed: int, today: date, accounts: dict[str, Acct], units: dict[str, UnitInfo]) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("sv_SE")
        self.fake.seed_instance(seed)
        self.today = today
        self.acct = accounts
        self.units = units
        self.used_pnrs: set[str] = set()
        self.seen_person_id = 0
        self.pending_links: list[tuple[int, Youth, date]] = []  # TREFAS cases handed to avhoppare
        self.sspf_no = self.trefas_no = self.avh_no = 0
        self.rows: Rows
        self.cases_in_batch: list[dict[str, Any]] = []

    # -- small helpers ---------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[self.rng.randrange(len(seq))]

    def wpick(self, weights: dict[Any, float]) -> Any:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def between(self, lo: date, hi: date) -> date:
        if hi <= lo:
            return lo
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def clamp(self, day: date) -> date:
        return min(day, self.today)

    def days_ago(self, window: tuple[int, int]) -> date:
        """A day ``window[0]`` to ``window[1]`` days before today."""
        return self.today - timedelta(days=self.rng.randint(*window))

    def scenario(self, number: int, coverage: Sequence[str], weights: dict[str, float]) -> str:
        """The scenario of a kind's ``number``-th case: the coverage list first, so that even a
        small run has every status, then drawn by weight."""
        return coverage[number] if number < len(coverage) else self.wpick(weights)

    def ctx(self, youth: Youth | None = None, area: str | None = None) -> dict[str, Any]:
        info = AREAS.get(area or "", AREAS["Tureberg"])
        return dict(namn=youth.first if youth else "ungdomen", plats=self.pick(info["places"]),
                    manad=self.pick(MONTHS), brott=self.pick(CRIMES), pct=self.rng.randint(35, 80),
                    sport=self.pick(SPORTS), fritid=info["fritid"],
                    datum=(self.today - timedelta(days=self.rng.randint(3, 60))).isoformat())

    def staff_name(self) -> str:
        if self.chance(0.5):
            return f"{self.fake.first_name_female()} {self.fake.last_name()}"
        return f"{self.fake.first_name_male()} {self.fake.last_name()}"

    def phone(self) -> str:
        # PTS reserves 070-174 06 05 – 070-174 06 99 for fiction.
        return f"070-174 06 {self.rng.randint(5, 99):02d}"

    def walk_dates(self, start: date, gaps: Sequence[float], limit: date) -> list[date]:
        """Forward gaps of roughly the nominal size, squeezed to end no later than ``limit``."""
        raw = [g * self.rng.uniform(0.5, 1.6) for g in gaps]
        room = max(0, (limit - start).days)
        total = sum(raw)
        if total > room:
            factor = room / total * self.rng.uniform(0.7, 1.0) if total else 0
            raw = [g * factor for g in raw]
        out, acc = [], 0.0
        for g in raw:
            acc += g
            out.append(start + timedelta(days=int(acc)))
        return out

    def walk_to_today(self, path: Sequence[str], start: date, gaps: Sequence[float], closure: str | None) -> Walk:
        """A walk along ``path`` from ``start``, no later than today; ``closure`` is the reason of AVSLUTAD."""
        days = [start] + self.walk_dates(start, gaps, self.today)
        return Walk([(s, d, closure if s == "AVSLUTAD" else None) for s, d in zip(path, days)])
