"""Small-number protection across the tables of one follow-up report.

``domain.suppression`` protects one table against its own row and column totals. A
report prints many tables over the same cases, and they share totals: the new cases
per kind are the column totals of the referral-source, age, gender and unit tables and
a row total of the consent table and of each kind's flow table. A total hidden in one
table but printed in another would undo the first table's protection. So the tables are
suppressed together (:func:`suppress_linked`):

1. each table names the entries that are shared quantities (``links``: position → key,
   e.g. ``N:SSPF`` for the new SSPF cases);
2. every table is suppressed; a key hidden in any table is then hidden in every table
   that prints it (``suppress(..., also_hide=…)``, whose complements protect it there
   too), until no table hides a key another one shows;
3. the bounds attack (``attack_bounds``) is run on each table for the shared entries it
   was made to hide, and then the combined attack on every table at once
   (``statistics_attack.leaks``: exact linear algebra and bounds over all equations, the
   shared entries as shared unknowns): a table in which a small entry could be pinned to
   one value is *collapsed* (every non-zero cell hidden, its totals kept where safe), and
   blanked whole only if that is not enough, and the tables are suppressed again.

Figures derived from the tables (shares, means, sums over kinds) follow one rule: for
the report's own period a derived figure is printed only when every entry it is
computed from is printed, so it adds nothing a reader could not compute already. For
the comparison periods, whose tables are not printed, a count is printed unless it is
small, and a share only when neither its numerator nor its complement is small.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.suppression import SECONDARY_LABEL, SuppressedTable, attack_bounds, suppress
from .statistics_attack import leaks
from .statistics_dto import NO_DATA, ChartSeries, Duration, Figure, StatTable

Pos = tuple[int, int]


@dataclass
class Spec:
    """A table before suppression: codes, labels, counts and its shared entries."""

    key: str
    title: str
    row_codes: list[str]
    row_labels: list[str]
    column_codes: list[str]
    column_labels: list[str]
    counts: list[list[int]]
    links: dict[Pos, str] = field(default_factory=dict)
    row_header: str = ""
    total_label: str = "Summa"
    note: str = ""
    printed: bool = True          # False: only protects figures (e.g. the n of the durations)

    @property
    def total_row(self) -> int:
        return len(self.row_codes)

    @property
    def total_col(self) -> int:
        return len(self.column_codes)


def blank(spec: Spec, table: SuppressedTable) -> SuppressedTable:
    """The table with nothing printed (every entry ".."), as ``suppress`` blanks a hopeless one."""
    everything = frozenset((r, c) for r in range(spec.total_row + 1) for c in range(spec.total_col + 1))
    grid = tuple(tuple(None for _c in range(spec.total_col + 1)) for _r in range(spec.total_row + 1))
    return SuppressedTable(table.rows, table.columns, grid, table.primary, everything - table.primary,
                           table.threshold, blanked=True)


def _pinned(table: SuppressedTable, positions: set[Pos]) -> bool:
    if table.blanked or not positions:
        return False
    bounds = attack_bounds(table)
    return any(pos in bounds and bounds[pos][0] >= bounds[pos][1] for pos in positions)


def suppress_linked(specs: list[Spec], threshold: int, *,
                    always: Iterable[str] = ()) -> dict[str, SuppressedTable]:
    """Suppress ``specs`` together so that no shared entry is printed in one table and
    hidden in another, and none can be pinned from one table or from all of them.
    ``always``: keys hidden whatever their value (entries that are never printed).

    A table in which a small entry can still be pinned is first *collapsed* (every non-zero
    cell hidden, the totals kept where they give nothing away: the steering group still
    reads the closed cases per kind when the closure reasons are all small) and only
    blanked whole when that is not enough either."""
    hidden_keys: set[str] = set(always)
    level: dict[str, int] = {}          # 1: collapsed, 2: blanked
    for _round in range(len(specs) * 6 + 20):
        tables: dict[str, SuppressedTable] = {}
        for spec in specs:
            tables[spec.key] = _suppress_one(spec, threshold, hidden_keys, level)
        newly = {key for spec in specs for (r, c), key in spec.links.items()
                 if tables[spec.key].grid[r][c] is None} - hidden_keys
        if newly:
            hidden_keys |= newly
            continue
        pinned = leaks(specs, tables, threshold)
        if not pinned:
            return tables
        # Escalate the one table holding most of the pinned entries, then suppress and attack again.
        holding = {spec.key: sum(1 for p in pinned if p in spec.links.values() or p.startswith(spec.key + "|"))
                   for spec in specs if level.get(spec.key, 0) < BLANKED}
        holding = {k: n for k, n in holding.items() if n}
        if not holding:  # nothing left to blank where the leak is: print nothing at all
            left = {spec.key for spec in specs if level.get(spec.key, 0) < BLANKED}
            if not left:
                return tables
            level.update(dict.fromkeys(left, BLANKED))
            continue
        chosen = max(holding, key=lambda k: (holding[k], k))
        level[chosen] = level.get(chosen, 0) + 1
    # Not reached in practice (every round hides or escalates more); fail closed.
    return {spec.key: blank(spec, suppress(spec.counts, spec.row_labels, spec.column_labels, threshold))
            for spec in specs}


COLLAPSED, BLANKED = 1, 2


def _suppress_one(spec: Spec, threshold: int, hidden_keys: set[str], level: dict[str, int]) -> SuppressedTable:
    """One table at its level: suppressed, collapsed or blanked; a table whose forced shared
    entries could be pinned goes one level up (recorded in ``level``)."""
    forced = {pos for pos, key in spec.links.items() if key in hidden_keys}
    while True:
        current = level.get(spec.key, 0)
        also = set(forced)
        if current == COLLAPSED:
            also |= {(r, c) for r in range(spec.total_row) for c in range(spec.total_col) if spec.counts[r][c]}
        table = suppress(spec.counts, spec.row_labels, spec.column_labels, threshold, also_hide=also)
        if current >= BLANKED or table.blanked:
            level[spec.key] = BLANKED
            return blank(spec, table)
        if not _pinned(table, forced - table.primary):
            return table
        level[spec.key] = current + 1


def stat_table(spec: Spec, table: SuppressedTable) -> StatTable:
    return StatTable(key=spec.key, title=spec.title, row_codes=tuple(spec.row_codes),
                     column_codes=tuple(spec.column_codes), table=table, row_header=spec.row_header,
                     total_label=spec.total_label, note=spec.note)


# -- printing numbers (Swedish) -------------------------------------------------------------

def small_text(threshold: int) -> str:
    return f"<{threshold}"


def fmt_number(value: float, decimals: int = 1) -> str:
    """2,4 · 14 · 14,5 (decimal comma, no needless ",0")."""
    rounded = round(value, decimals)
    if float(rounded).is_integer():
        return str(int(rounded))
    return f"{rounded:.{decimals}f}".replace(".", ",")


def fmt_share(value: float) -> str:
    return f"{round(value * 100)}\u00a0%"


def n_text(label: str) -> str:
    if label == NO_DATA:
        return ""
    if label.startswith("<"):
        return f"n\u00a0{label[0]}\u00a0{label[1:]}"
    return f"n\u00a0=\u00a0{label}"


# -- figures --------------------------------------------------------------------------------

def visible(table: SuppressedTable, *positions: Pos) -> bool:
    return not table.blanked and all(table.grid[r][c] is not None for r, c in positions)


def entry_text(table: SuppressedTable, pos: Pos) -> str:
    return table.label(*pos)


def share_from_table(key: str, label: str, table: SuppressedTable, numerator: Pos, denominator: Pos) -> Figure:
    """A share computed from two printed entries; hidden when either is hidden."""
    den_text = entry_text(table, denominator)
    if not visible(table, numerator, denominator):
        return Figure(key, label, None, None, SECONDARY_LABEL, n_text(den_text), "%", suppressed=True)
    num, den = table.grid[numerator[0]][numerator[1]], table.grid[denominator[0]][denominator[1]]
    if not den:
        return Figure(key, label, None, 0, NO_DATA, "", "%")
    return Figure(key, label, num / den, den, fmt_share(num / den), n_text(str(den)), "%")


def share_primary(key: str, label: str, num: int, den: int, threshold: int) -> Figure:
    """A comparison period's share: printed only when neither part is small."""
    if den == 0:
        return Figure(key, label, None, 0, NO_DATA, "", "%")
    rest = den - num
    if 0 < num < threshold or 0 < rest < threshold:
        return Figure(key, label, None, None, SECONDARY_LABEL, "", "%", suppressed=True)
    return Figure(key, label, num / den, den, fmt_share(num / den), n_text(str(den)), "%")


def count_primary(key: str, label: str, n: int, threshold: int, unit: str = "st") -> Figure:
    if 0 < n < threshold:
        return Figure(key, label, None, None, small_text(threshold), "", unit, suppressed=True)
    return Figure(key, label, float(n), n, str(n), "", unit)


def count_from_table(key: str, label: str, table: SuppressedTable, pos: Pos, unit: str = "st") -> Figure:
    text = entry_text(table, pos)
    value = table.grid[pos[0]][pos[1]]
    return Figure(key, label, None if value is None else float(value), value, text, "", unit,
                  suppressed=value is None)


def mean_figure(key: str, label: str, total: int, total_shown: bool, den: int, den_shown: bool,
                threshold: int, unit: str = "") -> Figure:
    """``total / den``: printed when both are printed (or, for a comparison period, not small)."""
    if den == 0:
        return Figure(key, label, None, 0, NO_DATA, "", unit)
    small = (0 < total < threshold) or (0 < den < threshold)
    if small or not (total_shown and den_shown):
        return Figure(key, label, None, None, SECONDARY_LABEL if not small else small_text(threshold), "", unit,
                      suppressed=True)
    return Figure(key, label, total / den, den, fmt_number(total / den), n_text(str(den)), unit)


def median_text(median: float | None, n: int, threshold: int) -> str:
    if n == 0 or median is None:
        return NO_DATA
    return small_text(threshold) if n < threshold else fmt_number(median)


def duration(key: str, kind: str | None, measure: str, label: str, median: float | None, p75: float | None,
             n: int, threshold: int, n_label: str | None = None) -> Duration:
    """Median and p75 days, printed when n ≥ threshold; ``n_label`` is the n as a table prints it."""
    label_n = n_label if n_label is not None else (str(n) if not 0 < n < threshold else small_text(threshold))
    if n == 0:
        return Duration(key, kind, measure, label, None, None, 0, NO_DATA, NO_DATA, "n\u00a0=\u00a00")
    n_value = n if not (label_n.startswith("<") or label_n == SECONDARY_LABEL) else None
    if n < threshold:
        return Duration(key, kind, measure, label, None, None, None, small_text(threshold), small_text(threshold),
                        n_text(label_n), suppressed=True)
    return Duration(key, kind, measure, label, median, p75, n_value, fmt_number(median), fmt_number(p75),
                    n_text(label_n))


# -- charts ---------------------------------------------------------------------------------

def series_from_column(name: str, table: SuppressedTable, column: int, rows: list[int]) -> ChartSeries:
    values = tuple(None if table.blanked else table.grid[r][column] for r in rows)
    return ChartSeries(name, tuple(None if v is None else float(v) for v in values),
                       tuple(table.label(r, column) for r in rows))


def series_from_figures(name: str, figures: list[Figure]) -> ChartSeries:
    return ChartSeries(name, tuple(f.value for f in figures), tuple(f.text for f in figures))
