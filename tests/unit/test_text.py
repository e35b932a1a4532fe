"""domain.text: which characters stored text may not hold (issue 12, item 11)."""

from __future__ import annotations

import pytest

from trygg_desktop.domain.text import forbidden_character


@pytest.mark.parametrize("text", ["Åsa Öberg-Älvdal", "Nguyễn Thị", "محمد", "José 😀", "O'Brien", ""])
def test_real_names_pass(text: str) -> None:
    assert forbidden_character(text, one_line=True) is None


@pytest.mark.parametrize("text, found", [
    ("A\x00", (1, "U+0000")), ("\x1bA", (0, "U+001B")), ("A\x7f", (1, "U+007F")), ("A\x9f", (1, "U+009F")),
    ("ab\ufeff", (2, "U+FEFF")), ("\u202e", (0, "U+202E")), ("x\u2066", (1, "U+2066")),
])
def test_controls_are_found_everywhere(text: str, found: tuple[int, str]) -> None:
    assert forbidden_character(text) == found == forbidden_character(text, one_line=True)


def test_line_breaks_only_in_free_text() -> None:
    text = "rad ett\r\nrad två\tmed tabb"
    assert forbidden_character(text) is None
    assert forbidden_character(text, one_line=True) == (7, "U+000D")
