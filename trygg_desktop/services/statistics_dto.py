"""The follow-up report's value types (frozen DTOs): what leaves ``StatisticsService``.

Nothing here can point at a person: no person or case id, no reference, no name, no
date of a single case. Tables carry suppressed entries only (``domain.suppression``:
a hidden entry is ``None`` in the grid, printed ``<5`` when it is small and ``..``
when it hides something else); key figures carry their value and their n, both
``None`` when suppressed. Every printed string is ready for the window, the PDF and
the CSV alike (Swedish, decimal comma).

Layout for a consumer (the window, ``reports.statistics_pdf``, the CSV):

* ``FollowUpReport.sections`` in order, each with its ``tables``, ``figures`` and
  ``durations``; ``FollowUpReport.table(key)`` / ``figure(key)`` / ``duration(key)``
  find one by its stable key.
* ``FollowUpReport.comparison``: this period, the previous one and the same period
  last year side by side (texts and values).
* ``FollowUpReport.charts``: bar-chart data built from the suppressed figures only;
  ``reports.statistics_pdf.chart_drawing(chart)`` turns one into a reportlab Drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..domain.suppression import SuppressedTable

#: What a suppressed key figure prints when its n is too small, and for "no data".
SMALL = "<{threshold}"
HIDDEN = ".."
NO_DATA = "–"


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    """One period as the report names it (``domain.periods.Period`` flattened)."""

    code: str            # "2026-T1", "2026", "2026-01-15..2026-03-31"
    kind: str            # TERTIAL | YEAR | RANGE
    label: str           # "T1 2026 (jan–apr)"
    short_label: str     # "T1 2026" (column heads)
    start: date
    end: date
    as_of: date          # the last day the figures speak of: the end, or the report day while it runs
    running: bool        # the period has not ended yet on the report day


@dataclass(frozen=True, slots=True)
class StatTable:
    """One suppressed table with its margins.

    ``table.rows`` / ``table.columns`` are the printed labels, ``row_codes`` /
    ``column_codes`` the stable codes behind them (vocabulary codes, age bands such as
    ``13-15``, unit ids as text). ``table.label(r, c)`` is the printed entry; row
    ``len(rows)`` is the total row and column ``len(columns)`` the total column
    (``table.labels()`` gives the whole grid as strings). ``table.grid`` holds the
    visible numbers and ``None`` for hidden ones, never a hidden value.
    """

    key: str
    title: str
    row_codes: tuple[str, ...]
    column_codes: tuple[str, ...]
    table: SuppressedTable
    row_header: str = ""                  # what the rows are ("Myndighet", "Ålder")
    total_label: str = "Summa"
    note: str = ""                         # a Swedish footnote (what is counted)

    @property
    def rows(self) -> tuple[str, ...]:
        return self.table.rows

    @property
    def columns(self) -> tuple[str, ...]:
        return self.table.columns

    def label(self, row: int, column: int) -> str:
        return self.table.label(row, column)

    def labels(self) -> list[list[str]]:
        return self.table.labels()

    @property
    def shows_total_column(self) -> bool:
        """False for a one-column table, whose total column would repeat it."""
        return len(self.table.columns) > 1

    @property
    def shows_total_row(self) -> bool:
        """False for a one-row table, whose total row would repeat it."""
        return len(self.table.rows) > 1

    def header(self) -> list[str]:
        """The printed head row: row header, the columns, the total (when it adds anything)."""
        return [self.row_header, *self.table.columns] + ([self.total_label] if self.shows_total_column else [])

    def printed_rows(self) -> list[list[str]]:
        """Every printed row (the total row last) with its label first: ready for a grid or a CSV.
        A total that would only repeat the single row or column is left out."""
        names = [*self.table.rows, self.total_label]
        width = len(self.table.columns) + (1 if self.shows_total_column else 0)
        lines = self.table.labels()
        if not self.shows_total_row:
            lines = lines[:-1]
        return [[names[r], *line[:width]] for r, line in enumerate(lines)]

    @property
    def suppressed(self) -> bool:
        return bool(self.table.primary or self.table.secondary or self.table.blanked)


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure: a count, a share or a mean, with the n it rests on.

    ``value`` and ``n`` are ``None`` when suppressed (or when there is nothing to
    count); ``text`` is what is printed ("63 %", "2,4", "<5", "..", "–") and
    ``n_text`` the n ("n = 41", "n < 5", "n = .." or "")."""

    key: str
    label: str
    value: float | None
    n: int | None
    text: str
    n_text: str = ""
    unit: str = ""          # "%", "st", "möten", "dagar", ""
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class Duration:
    """Days from referral (aktualisering) to an event, for the cases referred in the
    period that reached it: median and 75th percentile, suppressed when n < threshold."""

    key: str                # e.g. "days_to_consent:SSPF", "days_to_plan:*"
    kind: str | None        # a case kind, or None for all kinds of the report together
    measure: str            # CONSENT | ASSESSMENT | PLAN
    label: str
    median: float | None
    p75: float | None
    n: int | None
    median_text: str
    p75_text: str
    n_text: str
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    tables: tuple[StatTable, ...] = ()
    figures: tuple[Figure, ...] = ()
    durations: tuple[Duration, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One measure in this period, the previous period and the same period last year."""

    key: str
    label: str
    unit: str
    current: str
    previous: str
    last_year: str
    current_value: float | None = None
    previous_value: float | None = None
    last_year_value: float | None = None

    @property
    def texts(self) -> tuple[str, str, str]:
        return (self.current, self.previous, self.last_year)

    @property
    def values(self) -> tuple[float | None, float | None, float | None]:
        return (self.current_value, self.previous_value, self.last_year_value)


@dataclass(frozen=True, slots=True)
class Comparison:
    periods: tuple[PeriodInfo, PeriodInfo, PeriodInfo]   # this, previous, same period last year
    rows: tuple[ComparisonRow, ...]
    note: str = ""

    def row(self, key: str) -> ComparisonRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class ChartSeries:
    name: str
    values: tuple[float | None, ...]      # None: suppressed (no bar is drawn)
    texts: tuple[str, ...]                # what is printed at each bar ("12", "<5", "..")


@dataclass(frozen=True, slots=True)
class Chart:
    """A grouped bar chart (one group per category, one bar per series) or, with
    ``style="line"``, one line per series over the categories (periods, oldest first)."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    unit: str = ""
    note: str = ""
    style: str = "bar"      # "bar" | "line"

    @property
    def empty(self) -> bool:
        return not any(v for s in self.series for v in s.values if v)


@dataclass(frozen=True, slots=True)
class FollowUpReport:
    """The steering group's follow-up of one period (DOMAIN 7). Aggregates only."""

    period: PeriodInfo
    previous: PeriodInfo
    last_year: PeriodInfo
    kind: str | None                  # the kind asked for; None: every kind in the user's scope
    kinds: tuple[str, ...]            # the kinds the report covers (column order)
    unit_id: int | None
    unit_name: str | None
    threshold: int
    generated_at: datetime            # local time, naive
    generated_by: str                 # the user's display name (printed in the footer)
    organisation: str
    sections: tuple[Section, ...]
    comparison: Comparison
    charts: tuple[Chart, ...]
    notes: tuple[str, ...] = ()       # how the figures are counted, in Swedish

    @property
    def tables(self) -> tuple[StatTable, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in self.sections for f in s.figures)

    @property
    def durations(self) -> tuple[Duration, ...]:
        return tuple(d for s in self.sections for d in s.durations)

    def section(self, key: str) -> Section:
        return _find(self.sections, key)

    def table(self, key: str) -> StatTable:
        return _find(self.tables, key)

    def figure(self, key: str) -> Figure:
        return _find(self.figures, key)

    def duration(self, key: str) -> Duration:
        return _find(self.durations, key)

    def chart(self, key: str) -> Chart:
        return _find(self.charts, key)

    @property
    def scope_label(self) -> str:
        """Swedish: "SSPF, TREFAS och avhoppare – alla enheter", "SSPF – SSPF Tureberg"."""
        from ..domain import vocab
        names = [vocab.CASE_KINDS.label(k) if i == 0 or k != "AVHOPPARE" else "avhoppare"
                 for i, k in enumerate(self.kinds)]
        kinds = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
        return f"{kinds} – {self.unit_name or 'alla enheter'}"


def _find(items, key: str):
    for item in items:
        if item.key == key:
            return item
    raise KeyError(key)
