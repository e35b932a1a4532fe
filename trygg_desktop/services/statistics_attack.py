"""The reader's attack on all tables of a report at once.

``domain.suppression.attack_bounds`` attacks one table. A report prints several tables whose
totals are the same numbers (the new cases per kind are column totals here and row totals
there), so a reader can combine their equations: the meetings per case of the TREFAS and
defector cases with their flows and the referral totals may give the new SSPF cases, and
then a small cell of the SSPF flow. This module runs that combined attack:

* every hidden entry is a variable; an entry that stands for a shared quantity (its
  ``Spec.links`` key) is the same variable in every table that prints it;
* every row and column of every table (totals included) is an equation; a total that is
  never printed (``Spec.printed`` False: the n of the lead times has no row total) is an
  unknown like a hidden entry;
* **exact**: Gaussian elimination (fractions) finds each variable the equations fix to one
  value, whatever the domains;
* **bounds**: interval propagation over all equations with the domains the labels tell
  (``<5`` → 1…4; ``..`` → 0 or ≥ 5; a blanked table tells nothing), as ``attack_bounds``.

:func:`leaks` returns the small entries that either attack pins; ``suppress_linked`` then
blanks the table that holds most of them and suppresses again, until nothing is pinned.
"""

from __future__ import annotations

from fractions import Fraction

from ..domain.suppression import SuppressedTable

_BIG = 10**9


def _lines(n_rows: int, n_cols: int) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    out = [([(r, c) for c in range(n_cols)], (r, n_cols)) for r in range(n_rows + 1)]
    out += [([(r, c) for r in range(n_rows)], (n_rows, c)) for c in range(n_cols + 1)]
    return out


def leaks(specs, tables: dict[str, SuppressedTable], threshold: int) -> set[str]:
    """Names of the small hidden entries (a link key, or ``table|row|col``) the combined attack pins."""
    small: set[str] = set()
    secondary: set[str] = set()
    equations: list[tuple[dict[str, int], int]] = []
    # A shared quantity printed in any table is known in all of them.
    known: dict[str, int] = {}
    for spec in specs:
        for (r, c), key in spec.links.items():
            value = tables[spec.key].grid[r][c]
            if value is not None and spec.printed:
                known[key] = value
    for spec in specs:
        table = tables[spec.key]
        n_rows, n_cols = len(spec.row_codes), len(spec.column_codes)

        def name(pos: tuple[int, int]) -> str:
            return spec.links.get(pos) or f"{spec.key}|{pos[0]}|{pos[1]}"

        for r in range(n_rows + 1):
            for c in range(n_cols + 1):
                if (table.grid[r][c] is None and not table.blanked and (spec.printed or c < n_cols)
                        and spec.links.get((r, c)) not in known):
                    (small if (r, c) in table.primary else secondary).add(name((r, c)))
        unprinted = set() if spec.printed else {(r, n_cols) for r in range(n_rows + 1)}
        for members, total in _lines(n_rows, n_cols):
            coeffs: dict[str, int] = {}
            rhs = 0
            for pos, coef in [*((m, 1) for m in members), (total, -1)]:
                value = table.grid[pos[0]][pos[1]]
                if value is None and spec.links.get(pos) in known:
                    value = known[spec.links[pos]]
                if value is None or pos in unprinted:  # an unprinted total is unknown to the reader
                    key = name(pos)
                    coeffs[key] = coeffs.get(key, 0) + coef
                    if coeffs[key] == 0:
                        del coeffs[key]
                else:
                    rhs -= coef * value
            if coeffs:
                equations.append((coeffs, rhs))
    secondary -= small
    if not small:
        return set()
    exact = _determined(equations)
    pinned = {v for v in small if v in exact}
    bounds = _propagate(equations, small, secondary, exact, threshold)
    pinned |= {v for v in small if bounds[v][0] >= bounds[v][1]}
    return pinned


def _determined(equations: list[tuple[dict[str, int], int]]) -> dict[str, Fraction]:
    """Variables the linear system fixes to one value (reduced row echelon form, exact)."""
    pivots: dict[str, tuple[dict[str, Fraction], Fraction]] = {}
    for coeffs, rhs in equations:
        row = {k: Fraction(v) for k, v in coeffs.items()}
        value = Fraction(rhs)
        # Pivot rows hold no other pivot variable, so each elimination step removes one for good.
        while True:
            again = [v for v in row if v in pivots]
            if not again:
                break
            var = again[0]
            factor = row[var]
            prow, pval = pivots[var]
            for k, v in prow.items():
                row[k] = row.get(k, 0) - factor * v
                if row[k] == 0:
                    del row[k]
            value -= factor * pval
        if not row:
            continue
        pivot = min(row)
        factor = row[pivot]
        row = {k: v / factor for k, v in row.items()}
        value /= factor
        for var, (prow, pval) in list(pivots.items()):  # keep the pivot rows reduced
            if pivot in prow:
                f = prow[pivot]
                new = dict(prow)
                for k, v in row.items():
                    new[k] = new.get(k, 0) - f * v
                    if new[k] == 0:
                        del new[k]
                pivots[var] = (new, pval - f * value)
        pivots[pivot] = (row, value)
    return {var: val for var, (row, val) in pivots.items() if len(row) == 1}


def _propagate(equations, small: set[str], secondary: set[str], exact: dict[str, Fraction],
               threshold: int) -> dict[str, list[int]]:
    t = threshold
    bounds: dict[str, list[int]] = {}
    for coeffs, _rhs in equations:
        for v in coeffs:
            if v not in bounds:
                bounds[v] = [1, t - 1] if v in small else [0, _BIG]
    for v, val in exact.items():
        if v in bounds and val.denominator == 1:
            bounds[v] = [max(bounds[v][0], int(val)), min(bounds[v][1], int(val))]
    for _ in range(200):
        changed = False
        for coeffs, rhs in equations:
            items = list(coeffs.items())
            for v, coef in items:
                lo_rest = sum(min(c * bounds[u][0], c * bounds[u][1]) for u, c in items if u != v)
                hi_rest = sum(max(c * bounds[u][0], c * bounds[u][1]) for u, c in items if u != v)
                # coef * v = rhs - rest
                if coef > 0:
                    lo, hi = (rhs - hi_rest) / coef, (rhs - lo_rest) / coef
                else:
                    lo, hi = (rhs - lo_rest) / coef, (rhs - hi_rest) / coef
                new_lo, new_hi = max(bounds[v][0], _ceil(lo)), min(bounds[v][1], _floor(hi))
                if v in secondary:
                    if new_hi < t:
                        new_hi = min(new_hi, 0)
                    if new_lo > 0:
                        new_lo = max(new_lo, t)
                if [new_lo, new_hi] != bounds[v]:
                    bounds[v] = [new_lo, new_hi]
                    changed = True
        if not changed:
            break
    return bounds


def _ceil(x: float) -> int:
    return -int(-x // 1)


def _floor(x: float) -> int:
    return int(x // 1)
