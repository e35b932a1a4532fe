"""Recovery codes for the printed recovery sheet (SECURITY.md R10).

A recovery code is 26 Crockford base32 characters, i.e. exactly 130 random bits
from :mod:`secrets`, above the 128-bit minimum. Like 1Password's Secret Key it is
strong enough on its own that an offline attacker cannot guess it.

Printed form: five groups separated by hyphens, ``XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX``
(5+5+5+5+6 characters). Short groups are easy to read aloud and to retype; the
last group carries the one leftover character so there is no one-character tail.

Crockford's alphabet leaves out I, L, O and U, so a code read from paper cannot
be confused: on input, O is read as 0 and I/L as 1, case is ignored, and spaces
and hyphens (including the typographic dashes a PDF viewer may paste) are
dropped. Anything else is refused with ``ValidationError(code="recovery.format")``.

This module never logs, and its errors never echo the input: a recovery code in a
log file would defeat the whole scheme.
"""

from __future__ import annotations

import secrets

from trygg_desktop.domain.errors import ValidationError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 26
CODE_BITS = CODE_LENGTH * 5  # 130
GROUPS = (5, 5, 5, 5, 6)

_ALIASES = {"O": "0", "I": "1", "L": "1"}
# Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus.
_SEPARATORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")
_VALID = frozenset(ALPHABET)


def new_recovery_code() -> str:
    """Return a fresh code with 130 random bits, formatted for printing."""
    value = secrets.randbits(CODE_BITS)
    chars = []
    for _ in range(CODE_LENGTH):
        chars.append(ALPHABET[value & 0x1F])
        value >>= 5
    return format_recovery_code("".join(reversed(chars)))


def normalize_recovery_code(text: str) -> str:
    """Return the 26-character canonical form of a typed or pasted code.

    Raises ``ValidationError(code="recovery.format")`` for a wrong length or a
    character outside the alphabet; the message says what is wrong in general
    terms only, never which characters were typed.
    """
    if not isinstance(text, str):
        raise ValidationError("The recovery code must be text", code="recovery.format")
    out = []
    for char in text:
        if char.isspace() or char in _SEPARATORS:
            continue
        upper = char.upper()
        upper = _ALIASES.get(upper, upper)
        if upper not in _VALID:
            raise ValidationError(
                "The recovery code contains a character that is not allowed", code="recovery.format"
            )
        out.append(upper)
    if len(out) != CODE_LENGTH:
        raise ValidationError(
            f"A recovery code has exactly {CODE_LENGTH} characters", code="recovery.format"
        )
    return "".join(out)


def format_recovery_code(code: str) -> str:
    """Group a code (raw or already formatted) as ``XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX``."""
    canonical = normalize_recovery_code(code)
    parts = []
    start = 0
    for size in GROUPS:
        parts.append(canonical[start : start + size])
        start += size
    return "-".join(parts)
