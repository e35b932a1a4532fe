"""Small-number suppression: crafted tables where naive suppression leaks, and a
property test that no suppressed table lets the bounds attack pin a small cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trygg_desktop.domain.suppression import (
    attack_bounds, band_counts, band_label, choose_banding, suppress,
)


def _leaks(table) -> list:
    """Primary entries the reader can work out exactly."""
    return [pos for pos, (lo, hi) in attack_bounds(table).items() if pos in table.primary and lo >= hi]


def test_a_lone_small_cell_is_not_recoverable_from_the_row_total() -> None:
    table = suppress([[3, 10], [12, 20]], ["A", "B"], ["x", "y"])
    assert table.label(0, 0) == "<5"
    # Naive suppression hides (0, 0) only; 13 - 10 would give it away.
    assert len(table.secondary) >= 2
    for r in range(3):
        hidden = [c for c in range(3) if table.grid[r][c] is None]
        assert len(hidden) != 1
    for c in range(3):
        hidden = [r for r in range(3) if table.grid[r][c] is None]
        assert len(hidden) != 1
    assert _leaks(table) == []


def test_the_smallest_complement_alone_would_pin_the_small_cell() -> None:
    # Row 0 = 1 + 5 + 9 = 15. Hiding 1 and 5 leaves "p + s = 6": since s is not
    # small (it is not labelled <5) it must be 5, so p = 1. The check must see this.
    counts = [[1, 5, 9], [6, 7, 8]]
    table = suppress(counts, ["A", "B"], ["x", "y", "z"])
    assert _leaks(table) == []
    assert table.grid[0][2] is None or table.grid[0][3] is None
    # Visible numbers stay exact and the hidden ones are reported as such.
    for r, row in enumerate(counts):
        for c, value in enumerate(row):
            assert table.grid[r][c] in (None, value)
            assert table.label(r, c) == ("<5" if (r, c) in table.primary else ".." if table.grid[r][c] is None
                                         else str(value))


def test_small_totals_are_hidden_too_and_zeros_are_shown() -> None:
    table = suppress([[2, 0], [0, 0]], ["A", "B"], ["x", "y"])
    assert table.row_total(0) is None and table.grand_total is None
    assert table.cell(1, 1) == 0 and table.label(1, 1) == "0"
    assert _leaks(table) == []


def test_a_table_without_small_cells_is_printed_whole() -> None:
    table = suppress([[5, 7], [9, 11]], ["A", "B"], ["x", "y"])
    assert not table.primary and not table.secondary
    assert table.labels() == [["5", "7", "12"], ["9", "11", "20"], ["14", "18", "32"]]


def test_threshold_is_configurable() -> None:
    table = suppress([[7, 20], [30, 40]], ["A", "B"], ["x", "y"], threshold=10)
    assert table.label(0, 0) == "<10"
    assert _leaks(table) == []


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda cols: st.lists(
    st.lists(st.integers(0, 12), min_size=cols, max_size=cols), min_size=1, max_size=5)))
def test_no_small_cell_is_ever_pinned(counts: list[list[int]]) -> None:
    rows = [f"r{i}" for i in range(len(counts))]
    columns = [f"c{j}" for j in range(len(counts[0]))]
    table = suppress(counts, rows, columns)
    every = [[*row, sum(row)] for row in counts]
    every.append([sum(col) for col in zip(*every)])
    for r, row in enumerate(every):
        for c, value in enumerate(row):
            if 0 < value < 5:
                assert (r, c) in table.primary
            assert table.grid[r][c] in (None, value)
    assert _leaks(table) == []
    if table.blanked:   # only when even hiding every other entry leaves a small cell pinned
        assert {table.label(r, c) for r in range(len(every)) for c in range(len(every[0]))} == {".."}


def test_a_leak_through_other_lines_totals_is_closed() -> None:
    # Row 1 = 1 + 0 + 5 = 6. Once row 1 and column 0 are hidden, the printed grand
    # total 11 and "a hidden total is not small" still give (1, 0) = 1 away.
    table = suppress([[1, 0, 4], [1, 0, 5]], ["A", "B"], ["x", "y", "z"])
    assert _leaks(table) == []
    assert not table.blanked


def test_a_table_of_only_small_counts_is_blanked() -> None:
    # Every cell small and the grand total 4: the bounds alone give 1 + 3 = 4 away.
    table = suppress([[0, 0, 1], [1, 1, 1]], ["A", "B"], ["x", "y", "z"])
    assert table.blanked
    assert all(label == ".." for row in table.labels() for label in row)


def test_age_bands_coarsen_before_blanking() -> None:
    by_age = {13: [2], 14: [3], 15: [2], 16: [6], 17: [5]}
    one_year = [(a, a) for a in range(13, 18)]
    school = [(13, 15), (16, 17)]
    assert choose_banding(by_age, [one_year, school]) == 1
    assert band_counts(by_age, school) == [[7], [11]]
    assert band_label(13, 15) == "13–15" and band_label(16, 16) == "16"
    # When even the coarsest banding has small cells, it is still the one used.
    assert choose_banding({13: [1], 16: [1]}, [one_year, school]) == 1
