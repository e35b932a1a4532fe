"""What a printed figure becomes in the XLSX export: numbers a spreadsheet can sum and
chart, while the suppression labels stay text (services/statistics_export.py)."""

from __future__ import annotations

import pytest

from trygg_desktop.services.statistics_export import _cell_value


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("0", 0), ("2,4", 2.4), ("86 %", 0.86), ("12,5 %", 0.125),
    ("<5", "<5"), ("..", ".."), ("–", "–"), ("n = 41", "n = 41"), ("T1 2026", "T1 2026"), ("", ""),
])
def test_numbers_become_numbers_and_labels_stay_text(text: str, value) -> None:
    result = _cell_value(text)
    assert result == pytest.approx(value) if isinstance(value, float) else result == value
    assert type(result) is type(value)
