"""Recovery codes for the printed sheet (SECURITY.md R10)."""

from __future__ import annotations

import math
import re

import pytest

from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.vault.recovery import (
    ALPHABET,
    CODE_LENGTH,
    format_recovery_code,
    new_recovery_code,
    normalize_recovery_code,
)

PRINTED = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}-[0-9A-HJKMNP-TV-Z]{6}$")


def test_alphabet_is_crockford() -> None:
    assert ALPHABET == "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    assert len(set(ALPHABET)) == 32
    assert not set("ILOU") & set(ALPHABET)


def test_new_code_shape_and_strength() -> None:
    code = new_recovery_code()
    assert PRINTED.match(code), "printed form is XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX"
    canonical = normalize_recovery_code(code)
    assert len(canonical) == CODE_LENGTH == 26
    assert set(canonical) <= set(ALPHABET)
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 128


def test_new_codes_are_random() -> None:
    codes = {normalize_recovery_code(new_recovery_code()) for _ in range(200)}
    assert len(codes) == 200
    # Every alphabet character shows up somewhere across 200 codes (5,200 chars).
    assert set("".join(codes)) == set(ALPHABET)
    # The first character covers the full range too (top bits are not fixed).
    assert len({code[0] for code in codes}) > 16


def test_round_trip() -> None:
    code = new_recovery_code()
    assert format_recovery_code(normalize_recovery_code(code)) == code
    assert format_recovery_code(code) == code


def test_normalise_is_forgiving_about_typing() -> None:
    canonical = "0123456789ABCDEFGHJKMNPQRS"
    typed = "o1234 56789-abcdefghjkmn pqrs"
    assert normalize_recovery_code(typed) == canonical
    assert normalize_recovery_code("i" + canonical[1:]) == "1" + canonical[1:]
    assert normalize_recovery_code("L" + canonical[1:]) == "1" + canonical[1:]
    assert normalize_recovery_code("l" + canonical[1:]) == "1" + canonical[1:]
    assert normalize_recovery_code("O" + canonical[1:]) == canonical
    pasted = "01234\u201356789\u2010ABCDE\u00a0FGHJK\tMNPQRS\n"
    assert normalize_recovery_code(pasted) == canonical


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "0123456789ABCDEFGHJKMNPQR",  # 25
        "0123456789ABCDEFGHJKMNPQRST",  # 27
        "0123456789ABCDEFGHJKMNPQRU",  # U is not Crockford
        "0123456789ABCDEFGHJKMNPQR*",
        "0123456789ABCDEFGHJKMNPQR\u00c5",
        "0123456789ABCDEFGHJKMNPQR_",
    ],
)
def test_bad_input_is_rejected_with_code(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_recovery_code(bad)
    assert info.value.code == "recovery.format"
    assert not info.value.params


def test_error_never_echoes_input() -> None:
    secretish = "ZZZZZZZZZZZZZZZZZZZZZZZZZ*"
    with pytest.raises(ValidationError) as info:
        normalize_recovery_code(secretish)
    assert "ZZZZZ" not in str(info.value)
    assert "ZZZZZ" not in repr(info.value)


def test_non_string_rejected() -> None:
    with pytest.raises(ValidationError):
        normalize_recovery_code(b"0123456789ABCDEFGHJKMNPQRS")  # type: ignore[arg-type]
