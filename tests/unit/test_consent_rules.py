"""Consent rules of DOMAIN.md 1.4: who signs, status, traffic light, scope."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trygg_desktop.domain.consent import (
    TRAFFIC_LIGHTS,
    ConsentFacts,
    ConsentRules,
    Signature,
    age_on,
    covers,
    derive_status,
    effective_period,
    facts_cover,
    next_signatory_change,
    required_signatories,
    traffic_light,
    validate,
)
from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.domain.vocab import CONSENT_STATUSES, SIGNATORY_ROLES

BIRTH = date(2010, 6, 15)
G1, G2, YOUTH, ADULT = "GUARDIAN_1", "GUARDIAN_2", "YOUTH", "ADULT_SELF"


def on_age(years: int, days: int = 0) -> date:
    """The day BIRTH turns ``years``, shifted by ``days``."""
    return BIRTH.replace(year=BIRTH.year + years) + timedelta(days=days)


# --- age and signatories -----------------------------------------------------------

@pytest.mark.parametrize(("birth", "on", "age"), [
    (BIRTH, on_age(15, -1), 14),
    (BIRTH, on_age(15), 15),
    (BIRTH, on_age(18, -1), 17),
    (BIRTH, on_age(18), 18),
    (BIRTH, BIRTH, 0),
    (BIRTH, BIRTH - timedelta(days=1), -1),
    (date(2008, 2, 29), date(2026, 2, 27), 17),
    (date(2008, 2, 29), date(2026, 2, 28), 18),   # month-end rule, lag (1930:173)
    (date(2008, 2, 29), date(2028, 2, 28), 19),
    (date(2008, 2, 29), date(2028, 2, 29), 20),
])
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


@pytest.mark.parametrize(("on", "joint", "exception", "expected"), [
    (on_age(14), False, None, {G1}),
    (on_age(14), True, None, {G1, G2}),
    (on_age(14), True, "Ensam vårdnad enligt dom", {G1}),
    (on_age(14), True, "   ", {G1, G2}),                    # blank text is no exception
    (on_age(15, -1), True, None, {G1, G2}),                  # day before 15th birthday
    (on_age(15), True, None, {G1, G2, YOUTH}),               # on the birthday
    (on_age(15), False, None, {G1, YOUTH}),
    (on_age(15), True, "Beslut enligt föräldrabalken", {G1, YOUTH}),
    (on_age(17), True, None, {G1, G2, YOUTH}),
    (on_age(18, -1), True, None, {G1, G2, YOUTH}),
    (on_age(18), True, None, {ADULT}),                       # adult signs alone
    (on_age(18), False, "Ensam vårdnad", {ADULT}),
    (on_age(30), True, None, {ADULT}),
])
def test_required_signatories(on: date, joint: bool, exception: str | None,
                              expected: set[str]) -> None:
    assert required_signatories(BIRTH, on, joint, exception) == expected


def test_signature_age_is_configurable() -> None:
    rules = ConsentRules(youth_signature_age=13)
    assert YOUTH in required_signatories(BIRTH, on_age(13), False, None, rules)
    assert YOUTH not in required_signatories(BIRTH, on_age(13, -1), False, None, rules)
    with pytest.raises(ValidationError) as err:
        ConsentRules(youth_signature_age=19)
    assert err.value.code == "consent.rules"


def test_next_signatory_change() -> None:
    assert next_signatory_change(BIRTH, on_age(12)) == on_age(15)
    assert next_signatory_change(BIRTH, on_age(15)) == on_age(18)
    assert next_signatory_change(BIRTH, on_age(18, -1)) == on_age(18)
    assert next_signatory_change(BIRTH, on_age(18)) is None


# --- status derivation ---------------------------------------------------------------

D0 = on_age(16)                       # a 16-year-old under joint custody
FROM, TO = D0, D0 + timedelta(days=365)
ALL_SIGNED = (Signature(G1, D0), Signature(G2, D0), Signature(YOUTH, D0))


def facts(**changes: object) -> ConsentFacts:
    base = ConsentFacts(youth_birth_date=BIRTH, joint_custody=True, single_guardian_exception=None,
                        signatures=ALL_SIGNED, valid_from=FROM, valid_to=TO,
                        scope_agencies=("SOC", "SKOLA"), scope_information=("SKOLGANG_NARVARO",))
    return replace(base, **changes)


@pytest.mark.parametrize(("f", "on", "status"), [
    (facts(), D0, "VALID"),
    (facts(), TO, "VALID"),
    (facts(), TO + timedelta(days=1), "EXPIRED"),
    (facts(signatures=()), D0, "DRAFT"),
    (facts(signatures=(Signature(G1, None), Signature(G2, None))), D0, "DRAFT"),  # unsigned rows
    (facts(signatures=ALL_SIGNED[:2]), D0, "PARTIAL"),
    (facts(signatures=ALL_SIGNED[1:]), D0, "PARTIAL"),
    (facts(signatures=ALL_SIGNED[:2] + (Signature(YOUTH, D0, declined=True),)), D0, "DECLINED"),
    (facts(signatures=(Signature(G2, None, declined=True),)), D0, "DECLINED"),
    (facts(revoked_at=D0 + timedelta(days=10)), D0 + timedelta(days=10), "REVOKED"),
    (facts(revoked_at=D0 + timedelta(days=10)), D0 + timedelta(days=9), "VALID"),
    (facts(revoked_at=D0), TO + timedelta(days=5), "REVOKED"),      # revoked beats expired
    (facts(valid_to=None), D0, "DRAFT"),                             # no end date: never valid
    (facts(valid_from=D0 + timedelta(days=30)), D0, "DRAFT"),       # signed ahead of start
    (facts(valid_from=D0 + timedelta(days=30)), D0 + timedelta(days=30), "VALID"),
    (facts(valid_from=TO + timedelta(days=1)), D0, "DRAFT"),        # inverted period
    (facts(valid_from=None), D0, "VALID"),                           # starts at last signature
    (facts(valid_from=None, signatures=ALL_SIGNED[:2] + (Signature(YOUTH, D0 + timedelta(5)),)),
     D0 + timedelta(days=4), "PARTIAL"),                             # youth signs later
    (facts(joint_custody=True, single_guardian_exception="Ensam vårdnad",
           signatures=(Signature(G1, D0), Signature(YOUTH, D0))), D0, "VALID"),
    # a 14-year-old's opinion is recorded, but only required signatories can decline
    (facts(signatures=(Signature(G1, on_age(14)), Signature(G2, on_age(14)),
                       Signature(YOUTH, on_age(14), declined=True)), valid_from=None),
     on_age(14), "VALID"),
])
def test_derive_status(f: ConsentFacts, on: date, status: str) -> None:
    assert derive_status(f, on) == status


def test_birthdays_change_the_status() -> None:
    guardians_only = facts(signatures=(Signature(G1, on_age(14)), Signature(G2, on_age(14))),
                           valid_from=on_age(14), valid_to=on_age(16))
    assert derive_status(guardians_only, on_age(15, -1)) == "VALID"
    assert derive_status(guardians_only, on_age(15)) == "PARTIAL"
    minor = facts(valid_to=on_age(19))
    assert derive_status(minor, on_age(18, -1)) == "VALID"
    assert derive_status(minor, on_age(18)) == "PARTIAL"
    adult = replace(minor, signatures=minor.signatures + (Signature(ADULT, on_age(18)),))
    assert derive_status(adult, on_age(18)) == "VALID"


def test_effective_period() -> None:
    assert effective_period(facts(), D0) == (FROM, TO)
    assert effective_period(facts(valid_from=None), D0) == (D0, TO)
    assert effective_period(facts(signatures=ALL_SIGNED[:2]), D0) is None


# --- validation ------------------------------------------------------------------------

@pytest.mark.parametrize(("f", "codes"), [
    (facts(), []),
    (facts(valid_to=None), ["consent.valid_to_required"]),
    (facts(valid_to=FROM - timedelta(days=1)), ["consent.valid_to_before_from"]),
    (facts(scope_agencies=()), ["consent.scope_agencies_required"]),
    (facts(scope_agencies=("SKOLA", "MAFIAN")), ["consent.scope_agency"]),
    (facts(scope_information=()), ["consent.scope_information_required"]),
    (facts(scope_information=("ALLT",)), ["consent.scope_information"]),
    (facts(signatures=ALL_SIGNED + (Signature("GRANNE", D0),)), ["consent.signatory_role"]),
    (facts(signatures=ALL_SIGNED + (Signature(G1, D0 + timedelta(days=1)),)),
     ["consent.signature_in_future"]),
    (facts(revoked_at=D0 + timedelta(days=1)), ["consent.revoked_in_future"]),
    (facts(valid_to=None, scope_agencies=(), scope_information=()),
     ["consent.valid_to_required", "consent.scope_agencies_required",
      "consent.scope_information_required"]),
])
def test_validate(f: ConsentFacts, codes: list[str]) -> None:
    assert validate(f, D0) == codes


def test_adult_signs_alone() -> None:
    adult = facts(signatures=(Signature(ADULT, on_age(18)), Signature(G1, on_age(18))))
    assert validate(adult, on_age(18)) == ["consent.adult_signs_alone"]
    undated = facts(signatures=(Signature(ADULT, on_age(18)), Signature(G2, None)))
    assert validate(undated, on_age(18)) == ["consent.adult_signs_alone"]
    # guardians who signed while the youth was a minor did nothing wrong
    assert validate(facts(), on_age(18)) == []


# --- traffic light ---------------------------------------------------------------------

@pytest.mark.parametrize(("status", "valid_to", "light"), [
    ("VALID", D0 + timedelta(days=31), "VALID"),
    ("VALID", D0 + timedelta(days=30), "EXPIRING"),      # the 30-day boundary warns
    ("VALID", D0, "EXPIRING"),                            # last valid day
    ("VALID", D0 - timedelta(days=1), "EXPIRED"),         # stale stored status
    ("VALID", None, "NONE"),
    ("EXPIRED", D0 - timedelta(days=1), "EXPIRED"),
    ("REVOKED", TO, "REVOKED"),
    ("DRAFT", TO, "NONE"),
    ("PARTIAL", TO, "NONE"),
    ("DECLINED", TO, "NONE"),
])
def test_traffic_light(status: str, valid_to: date | None, light: str) -> None:
    assert traffic_light(status, valid_to, D0) == light
    assert light in TRAFFIC_LIGHTS


def test_traffic_light_warning_is_configurable() -> None:
    rules = ConsentRules(warning_days=10)
    assert traffic_light("VALID", D0 + timedelta(days=11), D0, rules) == "VALID"
    assert traffic_light("VALID", D0 + timedelta(days=10), D0, rules) == "EXPIRING"


# --- scope -------------------------------------------------------------------------------

AGENCIES_IN = ("SOC", "SKOLA")
INFO_IN = ("SKOLGANG_NARVARO", "BETEENDE")


@pytest.mark.parametrize("status", [c for c in CONSENT_STATUSES.codes if c != "VALID"])
def test_covers_false_unless_valid(status: str) -> None:
    assert not covers(status, AGENCIES_IN, INFO_IN, "SOC")
    assert not covers(status, AGENCIES_IN, INFO_IN, "SOC", "BETEENDE")


@pytest.mark.parametrize(("agency", "category", "expected"), [
    ("SOC", None, True),
    ("SKOLA", "BETEENDE", True),
    ("POLIS", None, False),
    ("POLIS", "BETEENDE", False),
    ("SOC", "POLISIARA_UPPGIFTER", False),
    ("SOC", "HALSA", False),                    # health only when explicitly listed
])
def test_covers_scope(agency: str, category: str | None, expected: bool) -> None:
    assert covers("VALID", iter(AGENCIES_IN), iter(INFO_IN), agency, category) is expected


def test_facts_cover_derives_status() -> None:
    f = facts(scope_information=("HALSA",))
    assert facts_cover(f, D0, "SOC", "HALSA")
    assert not facts_cover(f, TO + timedelta(days=1), "SOC", "HALSA")
    assert not facts_cover(replace(f, revoked_at=D0), D0, "SOC")


# --- property ----------------------------------------------------------------------------

# A narrow window so that VALID (and every other status) actually turns up.
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))
births = st.dates(min_value=date(2004, 1, 1), max_value=date(2014, 12, 31))


def mostly(value: object, other: st.SearchStrategy) -> st.SearchStrategy:
    """``value`` three times in four, so complete, unrevoked consents are common."""
    return st.one_of(st.just(value), st.just(value), st.just(value), other)


signatures = st.builds(Signature, role=st.sampled_from(SIGNATORY_ROLES.codes),
                       signed_at=dates | st.none(), declined=mostly(False, st.just(True)))


@settings(max_examples=150, deadline=None)
@given(birth=births, on=dates, joint=st.booleans(),
       exception=st.none() | st.sampled_from(["", "Ensam vårdnad"]),
       sigs=st.lists(signatures, max_size=8).map(tuple),
       valid_from=st.none() | dates, valid_to=mostly(date(2026, 12, 31), st.none() | dates),
       revoked=mostly(None, dates))
def test_derive_status_property(birth: date, on: date, joint: bool, exception: str | None,
                                sigs: tuple[Signature, ...], valid_from: date | None,
                                valid_to: date | None, revoked: date | None) -> None:
    f = ConsentFacts(birth, joint, exception, sigs, valid_from, valid_to, revoked)
    status = derive_status(f, on)
    assert status in CONSENT_STATUSES
    assert traffic_light(status, valid_to, on) in TRAFFIC_LIGHTS
    if status == "VALID":
        assert revoked is None or revoked > on
        assert valid_to is not None and on <= valid_to
        assert valid_from is None or valid_from <= on
        for role in required_signatories(birth, on, joint, exception):
            own = [s for s in sigs if s.role == role]
            assert any(not s.declined and s.signed_at is not None and s.signed_at <= on
                       for s in own)
            assert not any(s.declined and (s.signed_at is None or s.signed_at <= on) for s in own)
        period = effective_period(f, on)
        assert period is not None and period[0] <= on <= period[1]


@settings(max_examples=80, deadline=None)
@given(birth=births, on=dates, joint=st.booleans(),
       exception=st.none() | st.just("Ensam vårdnad"),
       signed_days_before=st.integers(0, 400), valid_from=st.none() | dates, valid_to=dates)
def test_complete_consent_is_valid_exactly_within_its_period(
        birth: date, on: date, joint: bool, exception: str | None, signed_days_before: int,
        valid_from: date | None, valid_to: date) -> None:
    signed = on - timedelta(days=signed_days_before)
    sigs = tuple(Signature(r, signed) for r in required_signatories(birth, on, joint, exception))
    status = derive_status(ConsentFacts(birth, joint, exception, sigs, valid_from, valid_to), on)
    start = valid_from or signed
    if on > valid_to:
        assert status == "EXPIRED"
    elif start <= on and start <= valid_to:
        assert status == "VALID"
    else:
        assert status == "DRAFT"


def test_lapsed_consent_stays_expired_after_a_birthday_adds_a_signatory() -> None:
    """Signed by the guardian alone at 14; by the time it lapsed the youth was still 14;
    a year later (15) it must read EXPIRED, not PARTIAL."""
    from trygg_desktop.domain.consent import ConsentFacts, Signature, derive_status
    facts = ConsentFacts(youth_birth_date=date(2010, 6, 1), joint_custody=False,
                         single_guardian_exception="Ensam vårdnad",
                         signatures=(Signature("GUARDIAN_1", date(2024, 9, 1)),),
                         valid_from=date(2024, 9, 1), valid_to=date(2025, 3, 1))
    assert derive_status(facts, date(2024, 12, 1)) == "VALID"
    assert derive_status(facts, date(2025, 4, 1)) == "EXPIRED"
    assert derive_status(facts, date(2025, 7, 1)) == "EXPIRED"
