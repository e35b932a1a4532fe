"""Consent (samtycke) rules of DOMAIN.md 1.4, as pure functions.

Why this matters: in SSPF consent is what lifts secrecy between school, social
services, police and leisure. Sharing without it is a breach of OSL, so every
rule here fails closed: when facts are missing or contradictory the answer is
"not valid", never "valid".

The status is derived from the facts (signatures, period, revocation) on a
given day instead of being trusted from storage, because consent expires and
young people have birthdays while a record sits untouched. The service layer
may store the derived status for listing, but decisions re-derive it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from trygg_desktop.domain.errors import ValidationError
from trygg_desktop.domain.vocab import (
    ADULT_AGE,
    AGENCIES,
    CONSENT_EXPIRY_WARNING_DAYS,
    DEFAULT_YOUTH_SIGNATURE_AGE,
    INFORMATION_CATEGORIES,
    SIGNATORY_ROLES,
    Vocabulary,
)

GUARDIAN_ROLES = frozenset({"GUARDIAN_1", "GUARDIAN_2"})

# The consent traffic light shown on case lists; not stored, so not in vocab.py.
TRAFFIC_LIGHTS = Vocabulary("consent_light", [
    ("VALID", "Giltigt", "Valid"),
    ("EXPIRING", "Går snart ut", "Expiring soon"),
    ("EXPIRED", "Utgånget", "Expired"),
    ("REVOKED", "Återkallat", "Revoked"),
    ("NONE", "Inget giltigt samtycke", "No valid consent"),
])


@dataclass(frozen=True, slots=True)
class Signature:
    """One signatory's answer. ``declined`` records a refusal (``signed_at`` is then
    the day of the refusal, or None when unknown)."""

    role: str
    signed_at: date | None
    declined: bool = False


@dataclass(frozen=True, slots=True)
class ConsentFacts:
    """What the consent form says; everything the rules need and nothing more.

    ``valid_from`` None means "from the day the last required signature was given",
    which is how most local forms read.
    """

    youth_birth_date: date
    joint_custody: bool
    single_guardian_exception: str | None
    signatures: tuple[Signature, ...]
    valid_from: date | None
    valid_to: date | None
    revoked_at: date | None = None
    scope_agencies: tuple[str, ...] = ()
    scope_information: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConsentRules:
    """Municipal settings: the age from which the youth signs, adulthood, warning time."""

    youth_signature_age: int = DEFAULT_YOUTH_SIGNATURE_AGE
    adult_age: int = ADULT_AGE
    warning_days: int = CONSENT_EXPIRY_WARNING_DAYS

    def __post_init__(self) -> None:
        if not (0 <= self.youth_signature_age <= self.adult_age) or self.warning_days < 0:
            raise ValidationError("Inconsistent consent settings", code="consent.rules")


DEFAULT_RULES = ConsentRules()


def _birthday_in(birth: date, year: int) -> date:
    """The birthday in ``year``; 29 February falls on 28 February in common years.

    That follows the month-end rule of lag (1930:173) om beräkning av lagstadgad
    tid (a period ending on a day the month lacks ends on its last day), so a
    leap-day child is of age on 28 February, not a day later.
    """
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return birth.replace(year=year)


def age_on(birth: date, on: date) -> int:
    """Completed years on ``on``; the birthday itself counts (you are 15 on your 15th birthday).

    Negative when ``on`` is before the birth date; callers treat that as a child.
    """
    years = on.year - birth.year
    return years if on >= _birthday_in(birth, on.year) else years - 1


def _has_exception(single_guardian_exception: str | None) -> bool:
    return bool(single_guardian_exception and single_guardian_exception.strip())


def required_signatories(youth_birth_date: date, on: date, joint_custody: bool,
                         single_guardian_exception: str | None,
                         rules: ConsentRules = DEFAULT_RULES) -> frozenset[str]:
    """Who must have signed for consent to be valid on ``on``.

    From adulthood only the person themself may consent (guardians no longer act
    for them). Below it the guardians consent, both of them under joint custody
    unless an exception (sole custody decision etc.) is documented, and from the
    municipal signature age the youth signs too. The set is computed for ``on``,
    not for the signing day: a guardian-only consent stops being enough on the
    youth's 15th birthday and a minor's consent stops covering an adult at 18
    (see ``next_signatory_change`` to warn ahead).
    """
    age = age_on(youth_birth_date, on)
    if age >= rules.adult_age:
        return frozenset({"ADULT_SELF"})
    roles = {"GUARDIAN_1"}
    if joint_custody and not _has_exception(single_guardian_exception):
        roles.add("GUARDIAN_2")
    if age >= rules.youth_signature_age:
        roles.add("YOUTH")
    return frozenset(roles)


def next_signatory_change(youth_birth_date: date, on: date,
                          rules: ConsentRules = DEFAULT_RULES) -> date | None:
    """The next day after ``on`` on which ``required_signatories`` changes, or None.

    Lets the coordinator collect the youth's or the adult's own signature before a
    birthday silently turns a valid consent into a partial one.
    """
    for years in sorted({rules.youth_signature_age, rules.adult_age}):
        day = _birthday_in(youth_birth_date, youth_birth_date.year + years)
        if day > on:
            return day
    return None


def _in_effect(sig: Signature, on: date) -> bool:
    """A signature counts from its date; an undated refusal counts at once (fail closed)."""
    if sig.signed_at is None:
        return sig.declined
    return sig.signed_at <= on


def _signed_roles(facts: ConsentFacts, on: date) -> dict[str, date]:
    """Role → latest date it signed (not declined) on or before ``on``."""
    signed: dict[str, date] = {}
    for sig in facts.signatures:
        if not sig.declined and sig.signed_at is not None and sig.signed_at <= on:
            signed[sig.role] = max(sig.signed_at, signed.get(sig.role, sig.signed_at))
    return signed


def effective_period(facts: ConsentFacts, on: date,
                     rules: ConsentRules = DEFAULT_RULES) -> tuple[date, date] | None:
    """The period the consent is in force, or None when it cannot be in force.

    None when ``valid_to`` is missing, a required signature is missing, or the
    period is inverted. A missing ``valid_from`` starts on the day of the last
    required signature.
    """
    if facts.valid_to is None:
        return None
    required = required_signatories(facts.youth_birth_date, on, facts.joint_custody,
                                    facts.single_guardian_exception, rules)
    signed = _signed_roles(facts, on)
    if not required <= signed.keys():
        return None
    start = facts.valid_from or max(signed[r] for r in required)
    if facts.valid_to < start:
        return None
    return start, facts.valid_to


def derive_status(facts: ConsentFacts, on: date, rules: ConsentRules = DEFAULT_RULES) -> str:
    """The consent status code on ``on`` (a CONSENT_STATUSES code).

    In order, first match wins:
    REVOKED  revoked on or before ``on`` (revocation takes effect at once);
    DECLINED a required signatory refused;
    DRAFT    nobody has signed yet;
    EXPIRED  ``on`` is after ``valid_to`` and everyone required *while it ran* signed
             (a birthday after the end does not make it "partly signed");
    PARTIAL  a required signature is missing (also after a birthday added one);
    EXPIRED  all signed and ``on`` is after ``valid_to``;
    DRAFT    all signed but not in force: ``valid_to`` missing, period inverted,
             or ``valid_from`` still ahead (a renewal signed in advance). DRAFT,
             not PARTIAL, because there is no signature left to chase; either
             way nothing may be shared;
    VALID    all required signed and valid_from <= on <= valid_to.
    """
    if facts.revoked_at is not None and facts.revoked_at <= on:
        return "REVOKED"
    required = required_signatories(facts.youth_birth_date, on, facts.joint_custody,
                                    facts.single_guardian_exception, rules)
    if any(s.declined and s.role in required and _in_effect(s, on) for s in facts.signatures):
        return "DECLINED"
    signed = _signed_roles(facts, on)
    if not signed:
        return "DRAFT"
    if facts.valid_to is not None and on > facts.valid_to:
        # A lapsed consent is judged by who had to sign while it ran: a birthday
        # after it ended must not turn an expired consent into a "partly signed" one.
        required_then = required_signatories(facts.youth_birth_date, facts.valid_to, facts.joint_custody,
                                             facts.single_guardian_exception, rules)
        if required_then <= _signed_roles(facts, facts.valid_to).keys():
            return "EXPIRED"
    if not required <= signed.keys():
        return "PARTIAL"
    if facts.valid_to is not None and on > facts.valid_to:
        return "EXPIRED"
    period = effective_period(facts, on, rules)
    if period is None or on < period[0]:
        return "DRAFT"
    return "VALID"


def validate(facts: ConsentFacts, on: date, rules: ConsentRules = DEFAULT_RULES) -> list[str]:
    """Problem codes for a consent form, in a stable order; empty when it is fine.

    Checks what makes a consent lawful and specific (DOMAIN.md 1.4): a mandatory
    end date, named agencies and information (never general), adults signing
    alone, known roles and codes, and no signature dated after ``on`` (today).
    """
    problems: list[str] = []
    if facts.valid_to is None:
        problems.append("consent.valid_to_required")
    elif facts.valid_from is not None and facts.valid_to < facts.valid_from:
        problems.append("consent.valid_to_before_from")
    if not facts.scope_agencies:
        problems.append("consent.scope_agencies_required")
    elif any(a not in AGENCIES for a in facts.scope_agencies):
        problems.append("consent.scope_agency")
    if not facts.scope_information:
        problems.append("consent.scope_information_required")
    elif any(c not in INFORMATION_CATEGORIES for c in facts.scope_information):
        problems.append("consent.scope_information")
    if any(s.role not in SIGNATORY_ROLES for s in facts.signatures):
        problems.append("consent.signatory_role")
    if any(s.role in GUARDIAN_ROLES and not s.declined
           and age_on(facts.youth_birth_date, s.signed_at or on) >= rules.adult_age
           for s in facts.signatures):
        problems.append("consent.adult_signs_alone")
    if any(s.signed_at is not None and s.signed_at > on for s in facts.signatures):
        problems.append("consent.signature_in_future")
    if facts.revoked_at is not None and facts.revoked_at > on:
        problems.append("consent.revoked_in_future")
    return problems


def traffic_light(status: str, valid_to: date | None, on: date,
                  rules: ConsentRules = DEFAULT_RULES) -> str:
    """The light shown beside a case: VALID, EXPIRING, EXPIRED, REVOKED or NONE.

    EXPIRING when ``valid_to`` is at most ``warning_days`` away (inclusive: the
    warning starts 30 days before the last valid day). A stored VALID whose end
    date has passed shows EXPIRED, so a stale status never looks green.
    """
    if status == "REVOKED":
        return "REVOKED"
    if status == "EXPIRED":
        return "EXPIRED"
    if status != "VALID" or valid_to is None:
        return "NONE"
    days_left = (valid_to - on).days
    if days_left < 0:
        return "EXPIRED"
    return "EXPIRING" if days_left <= rules.warning_days else "VALID"


def covers(status: str, scope_agencies: Iterable[str], scope_information: Iterable[str],
           agency: str, category: str | None = None) -> bool:
    """May information be shared with ``agency`` (about ``category``) under this consent?

    Only a VALID consent lifts secrecy, and only towards the agencies and the
    kinds of information it names; health (HALSA) is therefore shared only when
    explicitly listed.
    """
    if status != "VALID" or agency not in set(scope_agencies):
        return False
    return category is None or category in set(scope_information)


def facts_cover(facts: ConsentFacts, on: date, agency: str, category: str | None = None,
                rules: ConsentRules = DEFAULT_RULES) -> bool:
    """``covers`` with the status derived on ``on``, so a stale stored status cannot leak."""
    return covers(derive_status(facts, on, rules), facts.scope_agencies,
                  facts.scope_information, agency, category)
