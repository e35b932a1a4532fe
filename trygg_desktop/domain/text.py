"""Characters no stored text may hold.

A NUL in a name cuts it short in C libraries and PDF tools, other C0/C1 controls
are invisible and make two names that look alike differ, a zero-width no-break
space (U+FEFF, a stray byte-order mark) hides inside a word and breaks search and
matching by name, and the bidirectional overrides and isolates can make a text read
differently from what it is ("Trojan source"). None of them has a use in case
records. Tabs and line breaks belong in free text, not in a name or an identifier.
"""

from __future__ import annotations

import re

_ALWAYS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[{_ALWAYS}]")
_FORBIDDEN_ONE_LINE = re.compile(f"[{_ALWAYS}\t\n\r\u2028\u2029]")


def forbidden_character(text: str, *, one_line: bool = False) -> tuple[int, str] | None:
    """The position and U+ code of the first character ``text`` may not hold, else None."""
    found = (_FORBIDDEN_ONE_LINE if one_line else _FORBIDDEN).search(text)
    return None if found is None else (found.start(), f"U+{ord(found.group()):04X}")
