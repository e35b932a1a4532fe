"""Small-number suppression for the steering group's tables (DOMAIN.md 7: "suppress cells
with n < 5 to avoid re-identification in small municipalities").

Why more than hiding the small cells: a table prints its row and column totals, so a
single hidden cell in a row is the row total minus the cells shown. *Secondary*
suppression hides further cells until no hidden cell can be worked out again. This
module checks that the way a reader would attack the table: it propagates the
bounds every printed total puts on the hidden cells, and a small cell counts as
protected only when those bounds still leave more than one value.

What a reader knows, and so what the check assumes:
- a primary cell (shown ``"<5"``) lies in ``1 … threshold-1``;
- a secondary cell (shown ``".."``) is 0 or at least ``threshold`` (it was not small);
- every visible number is exact, and every line (row or column with its total) adds up.

Zeros are shown: a zero identifies nobody, and hiding every zero would blank most
small tables. A zero is chosen as a complement only when non-zero complements were
not enough (next to a small cell in a line whose total is small a hidden zero gives
little cover). A table that stays attackable even so (only small counts, e.g. a
municipality's four TREFAS clients) is blanked whole: every entry prints "..".

Age bands: before blanking, a table over ages is tried in coarser bands
(:func:`choose_banding`), so that "13–15: 7" is printed rather than three ``<5``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
PRIMARY_LABEL_FORMAT = "<{threshold}"
SECONDARY_LABEL = ".."

Pos = tuple[int, int]
_UNBOUNDED = 10**9  # what a reader knows of a hidden entry when the grand total is hidden too


@dataclass(frozen=True, slots=True)
class SuppressedTable:
    """A table with its margins, ready to print: ``None`` marks a hidden value.

    Row ``len(rows)`` of :attr:`grid` is the column-total row and column
    ``len(columns)`` is the row-total column, so the grand total is the last
    entry of the last row. Only aggregates: nothing here points at a person.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    grid: tuple[tuple[int | None, ...], ...]
    primary: frozenset[Pos]
    secondary: frozenset[Pos]
    threshold: int
    blanked: bool = False

    def cell(self, row: int, column: int) -> int | None:
        return self.grid[row][column]

    def row_total(self, row: int) -> int | None:
        return self.grid[row][len(self.columns)]

    def column_total(self, column: int) -> int | None:
        return self.grid[len(self.rows)][column]

    @property
    def grand_total(self) -> int | None:
        return self.grid[len(self.rows)][len(self.columns)]

    def label(self, row: int, column: int) -> str:
        """The printed text of one entry (margins included)."""
        if self.blanked:
            return SECONDARY_LABEL
        if (row, column) in self.primary:
            return PRIMARY_LABEL_FORMAT.format(threshold=self.threshold)
        if (row, column) in self.secondary:
            return SECONDARY_LABEL
        return str(self.grid[row][column])

    def labels(self) -> list[list[str]]:
        return [[self.label(r, c) for c in range(len(self.columns) + 1)] for r in range(len(self.rows) + 1)]


def suppress(counts: Sequence[Sequence[int]], rows: Sequence[str], columns: Sequence[str],
             threshold: int = DEFAULT_THRESHOLD, *, also_hide: Iterable[Pos] = ()) -> SuppressedTable:
    """Suppress ``counts`` (rows × columns of non-negative counts) with its margins.

    Primary: every entry, totals included, with ``0 < n < threshold``. Secondary:
    complements are added until no line has exactly one hidden entry and the bounds
    attack pins no primary entry to one value.

    ``also_hide``: entries (margins included) to hide from the start, as secondary unless
    they are small. For linked tables: a total that another table of the same report had
    to hide must be hidden here too, and the complements then protect it here as well.
    """
    if threshold < 2:
        raise ValueError("threshold must be at least 2")
    n_rows, n_cols = len(rows), len(columns)
    if len(counts) != n_rows or any(len(r) != n_cols for r in counts):
        raise ValueError("counts must have one row per row label and one value per column label")
    if any(v < 0 for r in counts for v in r):
        raise ValueError("counts must be non-negative")
    full = _with_margins(counts)
    primary = {(r, c) for r in range(n_rows + 1) for c in range(n_cols + 1) if 0 < full[r][c] < threshold}
    forced = set(also_hide)
    if any(not (0 <= r <= n_rows and 0 <= c <= n_cols) for r, c in forced):
        raise ValueError("also_hide names an entry outside the table")
    hidden = primary | forced
    for allow_zero in (False, True):
        while (complement := _next_complement(full, hidden, primary, threshold, allow_zero)) is not None:
            hidden.add(complement)
        table = _table(rows, columns, full, hidden, primary, threshold)
        if not _pinned(table):
            return table
    # Every entry the reader could be told about still gives a small cell away (a table
    # of only small counts): print nothing of it.
    everything = {(r, c) for r in range(n_rows + 1) for c in range(n_cols + 1)}
    return SuppressedTable(tuple(rows), tuple(columns), _table(rows, columns, full, everything, primary,
                                                                threshold).grid,
                           frozenset(primary), frozenset(everything - primary), threshold, blanked=True)


def attack_bounds(table: SuppressedTable) -> dict[Pos, tuple[int, int]]:
    """The tightest bounds a reader can derive for each hidden entry from what is printed.

    Interval propagation over every line equation, with the domain each label tells
    (primary ``1…t-1``; secondary ``{0} ∪ [t, ∞)``). Public so tests (and a later
    audit of a report) run the same attack the suppression defends against.
    """
    t = table.threshold
    n_rows, n_cols = len(table.rows), len(table.columns)
    if table.blanked:   # every label is the same "..": each entry is only known to be ≥ 0
        return {(r, c): (0, _UNBOUNDED) for r in range(n_rows + 1) for c in range(n_cols + 1)}
    cap = table.grand_total if table.grand_total is not None else _UNBOUNDED
    bounds: dict[Pos, list[int]] = {}
    for pos in table.primary:
        bounds[pos] = [1, t - 1]
    for pos in table.secondary:
        bounds[pos] = [0, cap]
    lines = _lines(n_rows, n_cols)
    for _ in range(200):
        changed = False
        for members, total in lines:
            entries = [*members, total]
            coefficients = [1] * len(members) + [-1]
            known = sum(coef * table.grid[r][c] for (r, c), coef in zip(entries, coefficients)
                        if table.grid[r][c] is not None)
            unknown = [(pos, coef) for pos, coef in zip(entries, coefficients) if table.grid[pos[0]][pos[1]] is None]
            for pos, coef in unknown:
                # coef*x = -known - sum(other coef*y)
                lo_rest = sum(min(cf * bounds[p][0], cf * bounds[p][1]) for p, cf in unknown if p != pos)
                hi_rest = sum(max(cf * bounds[p][0], cf * bounds[p][1]) for p, cf in unknown if p != pos)
                lo, hi = (-known - hi_rest, -known - lo_rest) if coef == 1 else (known + lo_rest, known + hi_rest)
                new_lo, new_hi = max(bounds[pos][0], lo), min(bounds[pos][1], hi)
                if pos in table.secondary:
                    if new_hi < t:
                        new_hi = min(new_hi, 0)
                    if new_lo > 0:
                        new_lo = max(new_lo, t)
                if [new_lo, new_hi] != bounds[pos]:
                    bounds[pos] = [new_lo, new_hi]
                    changed = True
        if not changed:
            break
    return {pos: (lo, hi) for pos, (lo, hi) in bounds.items()}


def choose_banding(counts_by_age: Mapping[int, Sequence[int]], bandings: Sequence[Sequence[tuple[int, int]]],
                   threshold: int = DEFAULT_THRESHOLD) -> int:
    """Index of the finest banding whose banded table has no small cell, else the coarsest.

    ``counts_by_age`` maps an age to its row of counts (one per column); each banding
    is a list of inclusive ``(low, high)`` age ranges, finest first.
    """
    if not bandings:
        raise ValueError("at least one banding is needed")
    for index, banding in enumerate(bandings):
        banded = band_counts(counts_by_age, banding)
        if not any(0 < v < threshold for row in _with_margins(banded) for v in row):
            return index
    return len(bandings) - 1


def band_counts(counts_by_age: Mapping[int, Sequence[int]], banding: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Sum the per-age rows into one row per band (ages outside every band are dropped)."""
    width = len(next(iter(counts_by_age.values()), ()))
    out = [[0] * width for _ in banding]
    for age, row in counts_by_age.items():
        for i, (low, high) in enumerate(banding):
            if low <= age <= high:
                out[i] = [a + b for a, b in zip(out[i], row)]
                break
    return out


def band_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _with_margins(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    rows = [list(r) + [sum(r)] for r in counts]
    width = len(rows[0]) if rows else 1
    totals = [sum(r[c] for r in rows) for c in range(width)] if rows else [0]
    return [*rows, totals]


def _lines(n_rows: int, n_cols: int) -> list[tuple[list[Pos], Pos]]:
    """Every equation the printed table satisfies: members add up to the total."""
    lines: list[tuple[list[Pos], Pos]] = []
    for r in range(n_rows + 1):
        lines.append(([(r, c) for c in range(n_cols)], (r, n_cols)))
    for c in range(n_cols + 1):
        lines.append(([(r, c) for r in range(n_rows)], (n_rows, c)))
    return lines


def _table(rows: Sequence[str], columns: Sequence[str], full: list[list[int]], hidden: set[Pos],
           primary: set[Pos], threshold: int) -> SuppressedTable:
    grid = tuple(tuple(None if (r, c) in hidden else full[r][c] for c in range(len(columns) + 1))
                 for r in range(len(rows) + 1))
    return SuppressedTable(tuple(rows), tuple(columns), grid, frozenset(primary),
                           frozenset(hidden - primary), threshold)


def _pinned(table: SuppressedTable) -> list[Pos]:
    return sorted(pos for pos, (lo, hi) in attack_bounds(table).items() if pos in table.primary and lo >= hi)


def _next_complement(full: list[list[int]], hidden: set[Pos], primary: set[Pos], threshold: int,
                     allow_zero: bool) -> Pos | None:
    """The next entry to hide: first for a line with a lone hidden entry, then for a
    line through a primary entry the bounds attack still pins; ``None`` when safe (or
    when no line in need has anything left to hide)."""
    n_rows, n_cols = len(full) - 1, len(full[0]) - 1
    lines = [[*members, total] for members, total in _lines(n_rows, n_cols)]
    for entries in lines:
        if sum(1 for p in entries if p in hidden) == 1:
            found = _complement(full, hidden, entries, allow_zero)
            if found is not None:
                return found
    names_r, names_c = [str(i) for i in range(n_rows)], [str(i) for i in range(n_cols)]
    pinned = _pinned(_table(names_r, names_c, full, hidden, primary, threshold))
    for pos in pinned:
        for entries in lines:
            found = _complement(full, hidden, entries, allow_zero) if pos in entries else None
            if found is not None:
                return found
    if pinned:  # its own lines are all hidden: the leak comes through other lines' totals
        everywhere = [(r, c) for r in range(n_rows + 1) for c in range(n_cols + 1)]
        return _complement(full, hidden, everywhere, allow_zero)
    return None


def _complement(full: list[list[int]], hidden: set[Pos], line: list[Pos], allow_zero: bool) -> Pos | None:
    """The cheapest visible entry of ``line`` to hide: inner cells before totals (a
    hidden total costs the reader more), then the smallest value; zeros only when
    non-zero complements were not enough."""
    n_rows, n_cols = len(full) - 1, len(full[0]) - 1
    candidates = [p for p in line if p not in hidden and (allow_zero or full[p[0]][p[1]] > 0)]
    if not candidates:
        return None
    return min(candidates, key=lambda p: (p[0] == n_rows or p[1] == n_cols, full[p[0]][p[1]], p))
