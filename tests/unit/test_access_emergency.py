"""Table-driven tests of emergency access (nödåtkomst) in the access policy.

Expectations from DOMAIN.md 6.6 and the issue: an active grant connects a
case-work user to a case of their OWN agency as "EMERGENCY", READ only; never
across agencies, never TREFAS/avhoppare, never for admin/reviewer/steering group;
other agencies' records follow the participant rules (internal ones hidden).
"""

from __future__ import annotations

import pytest

from trygg_desktop.domain.access import Act, Actor, CaseFacts, Rec, RecordFacts, case_connection, decide
from trygg_desktop.domain.emergency import MIN_REASON_LENGTH, check_request
from trygg_desktop.domain.errors import ValidationError

UNIT, OTHER_UNIT, ME = 10, 20, 7


def actor(role: str = "SSPF_KOORDINATOR", agency: str = "SOC", units=(OTHER_UNIT,)) -> Actor:
    return Actor(user_id=ME, username="u", agency=agency, roles=frozenset({role}), unit_ids=frozenset(units))


def case(kind: str = "SSPF", *, grant: bool = True, consent: str = "VALID", agency: str = "SOC",
         agencies=("SOC", "SKOLA", "POLIS"), categories=("SKOLGANG_NARVARO", "BETEENDE"),
         assigned=()) -> CaseFacts:
    return CaseFacts(case_id=1, kind=kind, unit_id=UNIT, case_agency=agency, responsible_user_id=1,
                     assigned_user_ids=frozenset(assigned), consent_status=consent,
                     consent_agencies=frozenset(agencies), consent_categories=frozenset(categories),
                     emergency_user_ids=frozenset({ME}) if grant else frozenset())


CASE_WORK = ("SSPF_KOORDINATOR", "TREFAS_KOORDINATOR", "AVHOPPARSAMORDNARE", "HANDLAGGARE", "KONTAKTPERSON",
             "ORDFORANDE", "SEKRETERARE", "JUSTERARE")


@pytest.mark.parametrize("role", CASE_WORK)
def test_a_grant_gives_case_work_roles_read_of_an_own_agency_case(role: str) -> None:
    a, c = actor(role), case()
    assert case_connection(a, c) == "EMERGENCY"
    d = decide(a, Act.READ, Rec.CASE, c)
    assert d.allowed and d.level == "EMERGENCY"
    assert not decide(a, Act.READ, Rec.CASE, case(grant=False)), "without the grant: not in case"


@pytest.mark.parametrize("role", ("SYSTEMADMIN", "LOGGGRANSKARE", "STYRGRUPP"))
def test_roles_without_case_work_get_nothing_from_a_grant(role: str) -> None:
    a = actor(role)
    assert case_connection(a, case()) == "NONE"
    assert not decide(a, Act.READ, Rec.CASE, case())


@pytest.mark.parametrize("act", [a for a in Act if a is not Act.READ])
@pytest.mark.parametrize("rec", (Rec.CASE, Rec.JOURNAL, Rec.PLAN, Rec.CONSENT, Rec.MEETING, Rec.PROTOCOL,
                                 Rec.ASSESSMENT, Rec.DISCLOSURE))
def test_emergency_is_read_only(act: Act, rec: Rec) -> None:
    d = decide(actor("SSPF_KOORDINATOR"), act, rec, case())
    assert not d.allowed
    assert d.reason in ("access.emergency_read_only", "access.no_capability")


def test_read_only_reason_is_specific() -> None:
    d = decide(actor("SSPF_KOORDINATOR"), Act.CREATE, Rec.JOURNAL, case())
    assert (d.allowed, d.reason, d.level) == (False, "access.emergency_read_only", "EMERGENCY")
    d = decide(actor("SSPF_KOORDINATOR"), Act.PRINT, Rec.PLAN, case())
    assert d.reason == "access.emergency_read_only"


@pytest.mark.parametrize("agency", ("SKOLA", "POLIS", "FRITID", "KRIMINALVARD"))
def test_never_across_an_agency_boundary_even_with_consent(agency: str) -> None:
    a = actor("KONTAKTPERSON", agency)
    c = case(agencies=("SOC", "SKOLA", "POLIS", "FRITID", "KRIMINALVARD"))
    assert case_connection(a, c) == "NONE"
    assert decide(a, Act.READ, Rec.CASE, c).reason == "access.not_in_case"


@pytest.mark.parametrize("kind", ("TREFAS", "AVHOPPARE"))
def test_restricted_kinds_are_never_opened_by_a_grant(kind: str) -> None:
    for role in ("TREFAS_KOORDINATOR", "AVHOPPARSAMORDNARE", "HANDLAGGARE"):
        a = actor(role)
        assert case_connection(a, case(kind)) == "NONE"
        assert not decide(a, Act.READ, Rec.CASE, case(kind))


def test_normal_connection_wins_over_a_grant() -> None:
    a = actor("HANDLAGGARE")
    assert case_connection(a, case(assigned=(ME,))) == "PARTICIPANT"
    owner = actor("SSPF_KOORDINATOR", units=(UNIT,))
    assert case_connection(owner, case()) == "OWNER"


@pytest.mark.parametrize("record, consent, expected", [
    (RecordFacts("SOC", "INTERNAL", "BETEENDE"), "VALID", True),       # own agency, even internal
    (RecordFacts("SKOLA", "INTERNAL", "SKOLGANG_NARVARO"), "VALID", False),  # another agency's internal note
    (RecordFacts("SKOLA", "SHARED", "SKOLGANG_NARVARO"), "VALID", True),     # shared, inside the consent
    (RecordFacts("SKOLA", "SHARED", "POLISIARA_UPPGIFTER"), "VALID", False),  # category outside the consent
    (RecordFacts("SKOLA", "SHARED", "SKOLGANG_NARVARO"), "REVOKED", False),  # consent revoked
    (RecordFacts(None, "SHARED", None), "NONE", True),                  # case-level facts
])
def test_records_follow_the_participant_rules(record: RecordFacts, consent: str, expected: bool) -> None:
    a = actor("HANDLAGGARE")
    c = case(consent=consent)
    assert bool(decide(a, Act.READ, Rec.JOURNAL, c, record)) is expected
    participant = actor("HANDLAGGARE")
    as_participant = case(consent=consent, grant=False, assigned=(ME,))
    assert bool(decide(participant, Act.READ, Rec.JOURNAL, as_participant, record)) is expected


def test_own_agency_case_needs_no_consent_to_open() -> None:
    assert decide(actor("HANDLAGGARE"), Act.READ, Rec.CASE, case(consent="NONE"))


@pytest.mark.parametrize("purpose, reason, code", [
    ("ACUTE_RISK", "kort", "emergency.reason_short"),
    ("ACUTE_RISK", "   " + "x" * (MIN_REASON_LENGTH - 1) + "   ", "emergency.reason_short"),
    ("NOPE", "x" * 40, "emergency.purpose"),
    ("OTHER", "x" * 1001, "emergency.reason_long"),
])
def test_reason_rules(purpose: str, reason: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_request(purpose, reason)
    assert info.value.code == code


def test_reason_is_trimmed() -> None:
    assert check_request("CHILD_SAFETY", "  " + "y" * MIN_REASON_LENGTH + "  ") == "y" * MIN_REASON_LENGTH
