"""The register extract's small parts: its cell texts, its JSON form and the secrecy review.

``WithheldReview`` collects what a record filter kept out, counted by owning agency
and ground (DOMAIN.md 6.3); cases the compiler does not read are never named,
counted or typed (one fixed sentence says so, see ``extract``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date, datetime
from typing import Any, Iterable

from ..domain import documents as texts
from ..domain import vocab
from ..domain.access import RecordFacts
from ..domain.timefmt import fmt_date, fmt_datetime


def jsonable(value: Any) -> Any:
    """DTOs, tuples and dates → JSON types (dates ISO)."""
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def cell_date(value: date | datetime | None) -> str:
    """A date, or a datetime to the minute in local time (a wall time as entered, an instant converted)."""
    return fmt_datetime(value) if isinstance(value, datetime) else fmt_date(value)


def agency_label(code: str | None) -> str:
    return vocab.AGENCIES.label(code) if code else ""


class WithheldReview:
    """Collects what is withheld, with counts per agency and ground."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def records(self, reference: str, noun: tuple[str, str], hidden: Iterable[RecordFacts],
                reader_agency: str) -> None:
        internal: Counter[str] = Counter()
        outside = 0
        for r in hidden:
            if r.visibility == "INTERNAL" and r.owning_agency and r.owning_agency != reader_agency:
                internal[r.owning_agency] += 1
            else:
                outside += 1
        order = {c: n for n, c in enumerate(vocab.AGENCIES.codes)}
        for agency in sorted(internal, key=lambda a: order.get(a, 99)):
            self.add(texts.extract_internal(internal[agency], noun, agency, agency_label(agency), reference))
        if outside:
            self.add(texts.extract_outside(outside, noun, reference))
