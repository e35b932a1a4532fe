"""Tests for trygg_desktop.domain.personnummer.

Fixtures never hold a real person's number: they are built with ``make`` and
the test serials 980-999, or are the two textbook examples (640823-3234 from
Skatteverket and the classic 811218-9876). Numbers that exist only to be
rejected (serial 000, impossible dates, future dates) cannot belong to anyone.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trygg_desktop.domain.errors import PersonnummerError
from trygg_desktop.domain.personnummer import (
    MASK_CHAR,
    Personnummer,
    is_test_serial,
    is_valid,
    luhn_check_digit,
    make,
    parse,
)

TODAY = date(2026, 5, 15)
SKV_EXAMPLE = "640823-3234"
CLASSIC_EXAMPLE = "811218-9876"


def with_check(yyyymmdd: str, serial: str) -> str:
    """12 digits with a correct check digit, whatever the date says (for error tests)."""
    nine = yyyymmdd[2:] + serial
    return f"{yyyymmdd}{serial}{luhn_check_digit(nine)}"


def code_of(text: str, **kwargs: object) -> str:
    with pytest.raises(PersonnummerError) as info:
        parse(text, **kwargs)  # type: ignore[arg-type]
    return info.value.code


# --------------------------------------------------------------------------- known examples


def test_skatteverket_example_is_valid() -> None:
    p = parse(SKV_EXAMPLE, today=TODAY)
    assert p.digits == "196408233234"
    assert p.birth_date == date(1964, 8, 23)
    assert not p.is_samordningsnummer
    assert luhn_check_digit("640823323") == 4


def test_classic_example_is_valid() -> None:
    p = parse(CLASSIC_EXAMPLE, today=TODAY)
    assert p.digits == "198112189876"
    assert is_valid(CLASSIC_EXAMPLE, today=TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "19850714-9873",
        "198507149873",
        "19850714 9873",
        "850714-9873",
        "8507149873",
        "850714 9873",
        "  850714-9873\t",
        "\n19850714-9873 ",
    ],
)
def test_every_input_form_normalises_to_the_same_digits(text: str) -> None:
    expected = make(date(1985, 7, 14), 987)
    assert expected.digits == "198507149873"
    assert parse(text, today=TODAY) == expected


def test_twelve_digit_plus_form_is_accepted() -> None:
    p = make(date(1920, 3, 4), 981)
    assert parse(f"{p.digits[:8]}+{p.digits[8:]}", today=TODAY) == p


def test_formatting() -> None:
    p = make(date(1985, 7, 14), 987)
    assert p.long_form() == "19850714-9873"
    assert str(p) == "19850714-9873"
    assert p.short_form(TODAY) == "850714-9873"
    assert p.masked() == "19850714-" + MASK_CHAR * 4
    assert repr(p) == f"Personnummer(19850714-{MASK_CHAR * 4})"
    assert "9873" not in repr(p)


# --------------------------------------------------------------------------- century


@pytest.mark.parametrize(
    ("short", "expected_year"),
    [
        ("260515-", 2026),  # born today
        ("260514-", 2026),
        ("260516-", 1926),  # 2026-05-16 would be in the future: back 100 years
        ("270101-", 1927),
        ("250101-", 2025),
        ("000101-", 2000),
        ("991231-", 1999),
        ("260516+", 1926),  # '+': turns 100 in 2026
        ("260514+", 1926),
        ("261231+", 1926),  # turns 100 later this year: '+' already applies
        ("270101+", 1827),
        ("250101+", 1925),
    ],
)
def test_century_inference_around_the_100_year_boundary(short: str, expected_year: int) -> None:
    yymmdd, sep = short[:6], short[6]
    full = with_check(f"{expected_year}{yymmdd[2:]}", "990")
    p = parse(f"{yymmdd}{sep}{full[8:]}", today=TODAY)
    assert p.birth_date.year == expected_year
    assert p.digits == full


def test_plus_separator_switches_in_the_calendar_year_of_the_100th_birthday() -> None:
    p = make(date(1926, 12, 1), 985)
    tail = p.digits[8:]
    assert p.short_form(date(2025, 12, 31)) == f"261201-{tail}"
    assert p.short_form(date(2026, 1, 1)) == f"261201+{tail}"
    assert p.age_on(date(2026, 1, 1)) == 99
    # Each of those forms parses back to the same person on its own day.
    assert parse(f"261201-{tail}", today=date(2025, 12, 31)) == p
    assert parse(f"261201+{tail}", today=date(2026, 1, 1)) == p
    assert parse(f"261201+{tail}", today=date(2026, 12, 2)) == p


def test_plus_form_for_someone_born_in_the_1800s() -> None:
    p = make(date(1890, 6, 1), 999)
    assert p.short_form(TODAY) == f"900601+{p.digits[8:]}"
    assert parse(p.short_form(TODAY), today=TODAY) == p


# --------------------------------------------------------------------------- samordningsnummer


def test_samordningsnummer_round_trips() -> None:
    p = make(date(1990, 1, 1), 123, samordningsnummer=True)
    assert p.digits[:8] == "19900161"
    assert p.is_samordningsnummer
    assert p.birth_date == date(1990, 1, 1)
    for text in (p.long_form(), p.digits, p.short_form(TODAY)):
        assert parse(text, today=TODAY) == p


def test_samordningsnummer_rejected_when_not_allowed() -> None:
    p = make(date(1990, 1, 1), 990, samordningsnummer=True)
    assert code_of(p.long_form(), today=TODAY, allow_samordningsnummer=False) == (
        "personnummer.samordningsnummer_not_allowed"
    )
    assert not is_valid(p.long_form(), today=TODAY, allow_samordningsnummer=False)
    # An ordinary number is still fine with the flag off.
    assert parse(SKV_EXAMPLE, today=TODAY, allow_samordningsnummer=False).digits == "196408233234"


def test_samordningsnummer_day_limits() -> None:
    assert parse(with_check("19900191", "990"), today=TODAY).birth_date == date(1990, 1, 31)
    assert code_of(with_check("19900192", "990"), today=TODAY) == "personnummer.date"
    assert code_of(with_check("19900160", "990"), today=TODAY) == "personnummer.date"
    assert code_of(with_check("19900232", "990"), today=TODAY) == "personnummer.date"
    assert parse(with_check("20000289", "990"), today=TODAY).birth_date == date(2000, 2, 29)
    assert code_of(with_check("19000289", "990"), today=TODAY) == "personnummer.date"


# --------------------------------------------------------------------------- leap years


def test_leap_days() -> None:
    assert parse(with_check("20000229", "990"), today=TODAY).birth_date == date(2000, 2, 29)
    assert parse(with_check("19960229", "990"), today=TODAY).birth_date == date(1996, 2, 29)
    assert code_of(with_check("19000229", "990"), today=TODAY) == "personnummer.date"
    assert code_of(with_check("20230229", "990"), today=TODAY) == "personnummer.date"
    # Ten-digit "000229" means 2000 (a leap year) today.
    assert parse(with_check("20000229", "990")[2:], today=TODAY).birth_date == date(2000, 2, 29)


def test_age_on() -> None:
    p = make(date(1985, 7, 14), 987)
    assert p.age_on(date(2026, 7, 13)) == 40
    assert p.age_on(date(2026, 7, 14)) == 41
    assert p.age_on(date(1985, 7, 14)) == 0
    with pytest.raises(ValueError):
        p.age_on(date(1985, 7, 13))


def test_age_on_for_a_leap_day_birth() -> None:
    p = make(date(2000, 2, 29), 981)
    assert p.age_on(date(2001, 2, 27)) == 0
    assert p.age_on(date(2001, 2, 28)) == 1  # common year: the anniversary is 28 Feb
    assert p.age_on(date(2004, 2, 28)) == 3
    assert p.age_on(date(2004, 2, 29)) == 4


# --------------------------------------------------------------------------- error codes


@pytest.mark.parametrize("text", ["", " ", "   \t\n"])
def test_empty(text: str) -> None:
    assert code_of(text, today=TODAY) == "personnummer.empty"


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "6408233234x",
        "640823-323",  # too short
        "640823-32345",  # too long
        "6408-233234",  # separator in the wrong place
        "1964-08-23-3234",
        "640823--3234",
        "640823  3234",  # two spaces
        "640823_3234",
        "640823\u20133234",  # en dash
        "\uff16\uff14\uff10\uff18\uff12\uff13-3234",  # full-width digits
        "\u0666\u0664\u0660\u0668\u0662\u0663-3234",  # Arabic-Indic digits
        "1" * 33,
        " " * 40,
        "-3234",
    ],
)
def test_format(text: str) -> None:
    assert code_of(text, today=TODAY) == "personnummer.format"


def test_non_string_input_is_a_format_error() -> None:
    with pytest.raises(PersonnummerError) as info:
        parse(6408233234, today=TODAY)  # type: ignore[arg-type]
    assert info.value.code == "personnummer.format"
    assert not is_valid(None, today=TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize("century", ["17", "21", "00", "99"])
def test_century(century: str) -> None:
    assert code_of(f"{century}640823-3234", today=TODAY) == "personnummer.century"


@pytest.mark.parametrize("yyyymmdd", ["20230229", "19000229", "19901301", "19900001", "19900100", "19900431"])
def test_date(yyyymmdd: str) -> None:
    assert code_of(with_check(yyyymmdd, "990"), today=TODAY) == "personnummer.date"


def test_serial() -> None:
    assert code_of(with_check("19850714", "000"), today=TODAY) == "personnummer.serial"
    # Serial is reported before a checksum failure.
    bad = with_check("19850714", "000")
    bad = bad[:11] + str((int(bad[11]) + 1) % 10)
    assert code_of(bad, today=TODAY) == "personnummer.serial"


def test_checksum() -> None:
    assert code_of("640823-3235", today=TODAY) == "personnummer.checksum"
    assert code_of("811218-9875", today=TODAY) == "personnummer.checksum"


def test_future() -> None:
    tomorrow = make(TODAY + timedelta(days=1), 990)
    assert code_of(tomorrow.long_form(), today=TODAY) == "personnummer.future"
    assert parse(tomorrow.long_form(), today=TODAY + timedelta(days=1)) == tomorrow


def test_codes_are_reported_most_specific_first() -> None:
    # Checksum before samordningsnummer and future.
    samordning = make(date(1990, 1, 1), 990, samordningsnummer=True).digits
    broken = samordning[:11] + str((int(samordning[11]) + 1) % 10)
    assert code_of(broken, today=TODAY, allow_samordningsnummer=False) == "personnummer.checksum"
    future = make(date(2030, 1, 1), 990).digits
    assert code_of(future[:11] + str((int(future[11]) + 1) % 10), today=TODAY) == "personnummer.checksum"
    # Samordningsnummer before future.
    future_samordning = make(date(2030, 1, 1), 990, samordningsnummer=True).long_form()
    assert code_of(future_samordning, today=TODAY, allow_samordningsnummer=False) == (
        "personnummer.samordningsnummer_not_allowed"
    )
    # Century before date.
    assert code_of("17901301-9900", today=TODAY) == "personnummer.century"


def test_errors_never_echo_the_input() -> None:
    text = "640823-3235"
    with pytest.raises(PersonnummerError) as info:
        parse(text, today=TODAY)
    err = info.value
    for shown in (str(err), repr(err), err.message, repr(err.params), repr(err.args)):
        assert "640823" not in shown
        assert "3235" not in shown


# --------------------------------------------------------------------------- helpers


def test_luhn_check_digit_rejects_bad_input() -> None:
    for bad in ("", "12345678", "1234567890", "12345678a", "\uff11" * 9):
        with pytest.raises(PersonnummerError) as info:
            luhn_check_digit(bad)
        assert info.value.code == "personnummer.format"


@pytest.mark.parametrize("serial", [0, 1000, -1, True])
def test_make_rejects_bad_serials(serial: int) -> None:
    with pytest.raises(PersonnummerError) as info:
        make(date(1990, 1, 1), serial)
    assert info.value.code == "personnummer.serial"


def test_make_rejects_unsupported_centuries() -> None:
    with pytest.raises(PersonnummerError) as info:
        make(date(1799, 12, 31), 990)
    assert info.value.code == "personnummer.century"


def test_make_serial_edges() -> None:
    assert make(date(1990, 1, 1), 1).serial == 1
    assert make(date(1990, 1, 1), 999).serial == 999


def test_is_test_serial() -> None:
    assert is_test_serial(make(date(1990, 1, 1), 980))
    assert is_test_serial(make(date(1990, 1, 1), 999))
    assert not is_test_serial(make(date(1990, 1, 1), 979))
    assert not is_test_serial(parse(SKV_EXAMPLE, today=TODAY))


def test_serial_is_odd() -> None:
    assert make(date(1990, 1, 1), 981).serial_is_odd
    assert not make(date(1990, 1, 1), 982).serial_is_odd


def test_direct_construction_validates() -> None:
    assert Personnummer("196408233234").birth_date == date(1964, 8, 23)
    for digits, code in [
        ("6408233234", "personnummer.format"),
        ("19640823-3234", "personnummer.format"),
        ("196408233235", "personnummer.checksum"),
        ("176408233234", "personnummer.century"),
    ]:
        with pytest.raises(PersonnummerError) as info:
            Personnummer(digits)
        assert info.value.code == code


def test_value_semantics() -> None:
    a = parse("850714-9873", today=TODAY)
    b = parse("19850714 9873", today=TODAY)
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.digits = "198112189876"  # type: ignore[misc]


# --------------------------------------------------------------------------- properties (R30)

REAL_TODAY = date.today()
LATEST_TODAY = date(2099, 12, 31)
LEAP_YEARS = [y for y in range(1890, REAL_TODAY.year + 1) if calendar.isleap(y)]

leap_days = st.sampled_from(LEAP_YEARS).map(lambda y: date(y, 2, 29)).filter(lambda d: d <= REAL_TODAY)
birth_dates = st.one_of(st.dates(min_value=date(1890, 1, 1), max_value=REAL_TODAY), leap_days)


@st.composite
def numbers_and_days(draw: st.DrawFn) -> tuple[Personnummer, date]:
    """A valid number and a 'today' on which it can be written unambiguously.

    'today' is at most 199 calendar years after birth (beyond that the ten-digit
    form cannot tell centuries apart) and within the supported centuries.
    """
    birth = draw(birth_dates)
    serial = draw(st.integers(min_value=1, max_value=999))
    samordning = draw(st.booleans())
    latest = min(date(birth.year + 199, 12, 31), LATEST_TODAY)
    today = draw(st.one_of(st.just(REAL_TODAY), st.just(birth), st.dates(min_value=birth, max_value=latest)))
    return make(birth, serial, samordningsnummer=samordning), today


FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(numbers_and_days())
def test_every_textual_form_parses_back(case: tuple[Personnummer, date]) -> None:
    p, today = case
    d = p.digits
    assert luhn_check_digit(d[2:11]) == int(d[11])
    separator = "+" if today.year - p.birth_date.year >= 100 else "-"
    short = p.short_form(today)
    assert short == f"{d[2:8]}{separator}{d[8:]}"
    forms = [d, f"{d[:8]}-{d[8:]}", short]
    if separator == "-":
        forms.append(d[2:])  # no separator means '-'
    for text in forms:
        parsed = parse(text, today=today)
        assert parsed.digits == d
        assert parsed.birth_date == p.birth_date
        assert parsed.is_samordningsnummer == p.is_samordningsnummer


@settings(FAST, max_examples=120)
@given(numbers_and_days())
def test_any_single_digit_change_is_rejected(case: tuple[Personnummer, date]) -> None:
    """Luhn catches every single-digit substitution in YYMMDDNNNC; try all 90 of them.

    Some changes break the date or the serial instead, which is just as good:
    what matters is that no typo turns one valid number into another.
    """
    p, today = case
    d = p.digits
    separator = p.short_form(today)[6]
    for position in range(2, 12):
        for shift in range(1, 10):
            changed = d[:position] + str((int(d[position]) + shift) % 10) + d[position + 1 :]
            for text in (changed, f"{changed[:8]}-{changed[8:]}", f"{changed[2:8]}{separator}{changed[8:]}"):
                assert not is_valid(text, today=today), (position, shift)


@FAST
@given(numbers_and_days())
def test_repr_and_masked_never_reveal_the_last_four_digits(case: tuple[Personnummer, date]) -> None:
    p, _ = case
    last4 = p.digits[8:]
    for shown in (repr(p), p.masked()):
        # The birth-date prefix may itself happen to contain those four digits
        # (19901201-1201...), so check everything except that prefix.
        rest = shown.replace(p.digits[:8], "", 1)
        assert last4 not in rest
        assert not any(ch.isdigit() for ch in rest)
        assert p.digits not in shown
        assert p.long_form() not in shown
    assert p.masked() == f"{p.digits[:8]}-{MASK_CHAR * 4}"


@FAST
@given(numbers_and_days())
def test_age_matches_the_calendar(case: tuple[Personnummer, date]) -> None:
    p, today = case
    age = p.age_on(today)
    assert 0 <= age <= 199
    assert (today.year - p.birth_date.year) - age in (0, 1)
