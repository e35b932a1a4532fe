"""Swedish personnummer and samordningsnummer: parsing, validation, formatting.

A personnummer is personal data, so this module is careful never to echo one:
error messages and parameters carry only lengths, positions and codes, and
``repr()`` shows the masked form. The value is stored normalised as 12 digits
``YYYYMMDDNNNC`` so that equality, hashing and database lookups do not depend
on how the number was typed.

Rules follow Skatteverket:

* ``NNN`` (the birth number) is 001-999; 000 is never issued.
* ``C`` is a Luhn (mod 10) check digit over the ten-digit form's first nine
  digits ``YYMMDDNNN`` with weights 2, 1, 2, 1, ...
* In the ten-digit form the separator is ``-`` until the calendar year the
  person turns 100, then ``+``; that separator is the only century hint.
* A samordningsnummer (coordination number) adds 60 to the day of birth.

Nothing here derives gender: the birth number's parity is exposed as
``serial_is_odd`` only, because the legal meaning of that digit is changing and
the app must not present it as a fact about a person.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from trygg_desktop.domain.errors import PersonnummerError

__all__ = [
    "MASK_CHAR",
    "MAX_INPUT_LENGTH",
    "SAMORDNING_DAY_OFFSET",
    "TEST_SERIAL_RANGE",
    "Personnummer",
    "LOOKS_LIKE_PERSONNUMMER",
    "is_test_serial",
    "is_valid",
    "looks_like_personnummer",
    "luhn_check_digit",
    "make",
    "parse",
]

#: Anything longer cannot be a personnummer even with generous whitespace; the
#: cap keeps pathological input (pasted documents) away from the regex.
MAX_INPUT_LENGTH = 32

#: Added to the day of birth in a samordningsnummer.
SAMORDNING_DAY_OFFSET = 60

#: Birth numbers reserved for our demo data and fixtures, so generated numbers
#: are recognisable as test data wherever they turn up.
TEST_SERIAL_RANGE = range(980, 1000)

#: U+2022 BULLET, used in lists where only the birth date may be shown.
MASK_CHAR = "\u2022"

# 12-digit stored years are limited to these centuries (Skatteverket issues no others).
_CENTURIES = (18, 19, 20)
_MIN_YEAR = _CENTURIES[0] * 100
_MAX_YEAR = _CENTURIES[-1] * 100 + 99

# re.ASCII so that "\d" does not accept Arabic-Indic or full-width digits, which
# str.isdigit() and int() would happily take.
_INPUT_RE = re.compile(r"(?P<date>\d{8}|\d{6})(?P<sep>[-+ ]?)(?P<tail>\d{4})", re.ASCII)
#: Free text that must hold no personal identity (an anonymised protocol, an EST incident)
#: is refused when anything in it looks like a personnummer: six or eight digits, an
#: optional separator and four more, whether or not the date or check digit is valid
#: (a mistyped number is still someone's). Kept broad on purpose.
LOOKS_LIKE_PERSONNUMMER = re.compile(r"\b(\d{2})?\d{6}[-+ ]?\d{4}\b")
_DIGITS12_RE = re.compile(r"\d{12}", re.ASCII)
_DIGITS9_RE = re.compile(r"\d{9}", re.ASCII)


def _error(code: str, message: str, **params: int) -> PersonnummerError:
    """Build an error whose message and params never contain the input itself."""
    return PersonnummerError(message, code=f"personnummer.{code}", **params)


def luhn_check_digit(nine_digits: str) -> int:
    """Return the Luhn check digit for ``YYMMDDNNN``.

    Weights alternate 2, 1, 2, ... from the left; two-digit products contribute
    their digit sum. Exposed so fixtures and demo data can build valid numbers.
    """
    if not isinstance(nine_digits, str) or _DIGITS9_RE.fullmatch(nine_digits) is None:
        raise _error("format", "Luhn input must be exactly nine ASCII digits")
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def _validate_digits(digits: str, *, allow_samordningsnummer: bool = True) -> date:
    """Check century, date, serial and checksum of 12 normalised digits.

    Returns the real birth date. Shared by ``parse`` and ``Personnummer`` itself,
    so a value loaded from storage is held to the same rules as typed input.
    The checks run in a fixed order so the reported code is the most specific.
    """
    if not isinstance(digits, str) or _DIGITS12_RE.fullmatch(digits) is None:
        raise _error("format", "A personnummer is stored as exactly 12 digits")
    year = int(digits[0:4])
    if year // 100 not in _CENTURIES:
        raise _error("century", "The century must be 18, 19 or 20")
    month = int(digits[4:6])
    day = int(digits[6:8])
    samordning = day > SAMORDNING_DAY_OFFSET
    real_day = day - SAMORDNING_DAY_OFFSET if samordning else day
    birth = _calendar_date(year, month, real_day)
    if birth is None:
        raise _error("date", "No such date of birth", position=4)
    if digits[8:11] == "000":
        raise _error("serial", "The birth number 000 is never issued", position=8)
    if luhn_check_digit(digits[2:11]) != int(digits[11]):
        raise _error("checksum", "The check digit does not match", position=11)
    if samordning and not allow_samordningsnummer:
        raise _error("samordningsnummer_not_allowed", "A samordningsnummer is not accepted here")
    return birth


def _calendar_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None if it does not exist (month 13, day 0, 19000229)."""
    if not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


@dataclass(frozen=True, slots=True, repr=False)
class Personnummer:
    """A validated personnummer or samordningsnummer, stored as 12 digits.

    Construct through ``parse`` or ``make``; direct construction validates too
    (but cannot know "today", so it does not reject future birth dates), which
    lets storage code detect corrupted values on load.
    """

    digits: str

    def __post_init__(self) -> None:
        _validate_digits(self.digits)

    @property
    def birth_date(self) -> date:
        """The real date of birth; for a samordningsnummer the day minus 60."""
        day = int(self.digits[6:8])
        if day > SAMORDNING_DAY_OFFSET:
            day -= SAMORDNING_DAY_OFFSET
        return date(int(self.digits[0:4]), int(self.digits[4:6]), day)

    @property
    def is_samordningsnummer(self) -> bool:
        """True when the day field carries the +60 samordningsnummer offset."""
        return int(self.digits[6:8]) > SAMORDNING_DAY_OFFSET

    @property
    def serial(self) -> int:
        """The birth number NNN (1-999)."""
        return int(self.digits[8:11])

    @property
    def check_digit(self) -> int:
        return int(self.digits[11])

    @property
    def serial_is_odd(self) -> bool:
        """Parity of the birth number, with no claim about what it means."""
        return int(self.digits[10]) % 2 == 1

    def age_on(self, on: date) -> int:
        """Completed years on ``on``.

        Someone born on 29 February gains a year on 28 February in common years,
        following lag (1930:173) om beräkning av lagstadgad tid: a missing
        anniversary day counts as the last day of that month.
        """
        birth = self.birth_date
        if on < birth:
            raise ValueError("age_on: the date is before the date of birth")
        years = on.year - birth.year
        month, day = birth.month, birth.day
        if (month, day) == (2, 29) and not calendar.isleap(on.year):
            day = 28
        if (on.month, on.day) < (month, day):
            years -= 1
        return years

    def long_form(self) -> str:
        """``YYYYMMDD-NNNC``: unambiguous, so used for storage-facing display."""
        return f"{self.digits[:8]}-{self.digits[8:]}"

    def short_form(self, on: date) -> str:
        """``YYMMDD-NNNC``, or ``YYMMDD+NNNC`` from the calendar year of the 100th birthday.

        Skatteverket switches the separator at the turn of the year in which the
        person turns 100, not on the birthday, hence the year difference.
        """
        separator = "+" if on.year - self.birth_date.year >= 100 else "-"
        return f"{self.digits[2:8]}{separator}{self.digits[8:]}"

    def masked(self) -> str:
        """``YYYYMMDD-••••``: enough to tell people apart in a list, no more."""
        return f"{self.digits[:8]}-{MASK_CHAR * 4}"

    def __str__(self) -> str:
        return self.long_form()

    def __repr__(self) -> str:
        # repr() ends up in logs, tracebacks and debuggers: never the full number.
        return f"Personnummer({self.masked()})"


def _infer_year(yy: int, month: int, day: int, separator: str, today: date) -> int:
    """Pick the century for a ten-digit form.

    ``-`` (or none): the latest year ending in ``yy`` that is not after
    ``today``, going back 100 years if the birthday would still be ahead.
    ``+``: the person turns 100 or more this calendar year, so the latest year
    ending in ``yy`` not after ``today.year - 100``. That is the exact inverse of
    ``short_form``, which also switches on the calendar year.
    """
    latest = today.year - (today.year - yy) % 100
    if separator == "+":
        return latest - 100
    if latest == today.year and (month, day) > (today.month, today.day):
        return latest - 100
    return latest


def parse(
    text: str,
    *,
    today: date | None = None,
    allow_samordningsnummer: bool = True,
) -> Personnummer:
    """Parse any accepted textual form into a validated ``Personnummer``.

    Accepted (surrounding whitespace ignored, a single space works as "-"):
    ``YYYYMMDD-NNNC``, ``YYYYMMDD+NNNC``, ``YYYYMMDDNNNC``, ``YYMMDD-NNNC``,
    ``YYMMDD+NNNC``, ``YYMMDDNNNC``. In 12-digit forms the separator carries no
    information (the century is explicit). Raises ``PersonnummerError`` with the
    most specific code, checked in the order empty, format, century, date,
    serial, checksum, samordningsnummer_not_allowed, future.
    """
    if not isinstance(text, str):
        raise _error("format", "A personnummer must be text")
    # Length first: cheap, and bounds the work done on hostile input.
    if len(text) > MAX_INPUT_LENGTH:
        raise _error("format", "Too long to be a personnummer", length=len(text))
    stripped = text.strip()
    if not stripped:
        raise _error("empty", "No personnummer given")
    match = _INPUT_RE.fullmatch(stripped)
    if match is None:
        raise _error("format", "Not a recognised personnummer format", length=len(stripped))
    if today is None:
        today = date.today()

    date_part, separator, tail = match["date"], match["sep"], match["tail"]
    if len(date_part) == 8:
        digits = date_part + tail
    else:
        yy, month, day = int(date_part[0:2]), int(date_part[2:4]), int(date_part[4:6])
        real_day = day - SAMORDNING_DAY_OFFSET if day > SAMORDNING_DAY_OFFSET else day
        year = _infer_year(yy, month, real_day, separator, today)
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise _error("century", "The inferred century is outside 18, 19 or 20")
        digits = f"{year:04d}{date_part[2:]}{tail}"

    birth = _validate_digits(digits, allow_samordningsnummer=allow_samordningsnummer)
    if birth > today:
        raise _error("future", "The date of birth is in the future")
    return Personnummer(digits)


def is_valid(
    text: str,
    *,
    today: date | None = None,
    allow_samordningsnummer: bool = True,
) -> bool:
    """True if ``parse`` would accept ``text``; for quick UI feedback."""
    try:
        parse(text, today=today, allow_samordningsnummer=allow_samordningsnummer)
    except PersonnummerError:
        return False
    return True


def make(birth_date: date, serial: int, *, samordningsnummer: bool = False) -> Personnummer:
    """Build a valid number from its parts, computing the check digit.

    Used for demo data and fixtures (with ``TEST_SERIAL_RANGE`` serials), so no
    real person's number ever has to be written into the code base.
    """
    if isinstance(serial, bool) or not isinstance(serial, int) or not 1 <= serial <= 999:
        raise _error("serial", "The birth number must be 1-999")
    if not _MIN_YEAR <= birth_date.year <= _MAX_YEAR:
        raise _error("century", "The century must be 18, 19 or 20")
    day = birth_date.day + (SAMORDNING_DAY_OFFSET if samordningsnummer else 0)
    nine = f"{birth_date.year % 100:02d}{birth_date.month:02d}{day:02d}{serial:03d}"
    return Personnummer(f"{birth_date.year // 100:02d}{nine}{luhn_check_digit(nine)}")


def is_test_serial(p: Personnummer) -> bool:
    """True if the birth number is in 980-999, the range reserved for test data."""
    return p.serial in TEST_SERIAL_RANGE


def looks_like_personnummer(text: str | None) -> bool:
    """Whether ``text`` holds something that looks like a personnummer (see
    :data:`LOOKS_LIKE_PERSONNUMMER`); for free text that must stay anonymous."""
    return bool(text) and LOOKS_LIKE_PERSONNUMMER.search(text) is not None
