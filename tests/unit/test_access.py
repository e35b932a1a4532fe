"""Table-driven tests of the access policy: every role × record kind × consent state.

The expectations are written from DOMAIN.md 1.10 / 6.6 and the issue (coordinator,
contact person, steering group = statistics only, admin = no case content, log
reviewer = audit log only), independently of the capability table in the code.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trygg_desktop.domain import vocab
from trygg_desktop.domain.access import (CASE_BOUND, Act, Actor, CaseFacts, Rec, RecordFacts, decide,
                                         may_see_full_personnummer, may_see_protected_details)

UNIT = 10
OTHER_UNIT = 20
CONSENT_STATES = ("NONE",) + vocab.CONSENT_STATUSES.codes

# The agency a typical holder of each role works for.
ROLE_AGENCY = {"KONTAKTPERSON": "SKOLA"}

# What each role may READ at all (expectation written from the domain, not the code).
READS: dict[str, set[Rec]] = {
    "SSPF_KOORDINATOR": {Rec.PERSON, Rec.CASE, Rec.CONSENT, Rec.ASSESSMENT, Rec.RISK_LEVEL, Rec.PLAN, Rec.MEETING,
                         Rec.PROTOCOL, Rec.JOURNAL, Rec.DISCLOSURE, Rec.CASE_HISTORY, Rec.STATISTICS},
    "HANDLAGGARE": {Rec.PERSON, Rec.CASE, Rec.CONSENT, Rec.ASSESSMENT, Rec.RISK_LEVEL, Rec.CONDITIONS, Rec.PLAN,
                    Rec.MEETING, Rec.PROTOCOL, Rec.JOURNAL, Rec.DISCLOSURE},
    "KONTAKTPERSON": {Rec.PERSON, Rec.CASE, Rec.CONSENT, Rec.ASSESSMENT, Rec.RISK_LEVEL, Rec.THREAT_ASSESSMENT,
                      Rec.PLAN, Rec.MEETING, Rec.PROTOCOL, Rec.JOURNAL},
    "ORDFORANDE": {Rec.PERSON, Rec.CASE, Rec.CONSENT, Rec.ASSESSMENT, Rec.PLAN, Rec.MEETING, Rec.PROTOCOL,
                   Rec.JOURNAL},
    "SEKRETERARE": {Rec.PERSON, Rec.CASE, Rec.CONSENT, Rec.PLAN, Rec.MEETING, Rec.PROTOCOL, Rec.JOURNAL},
    "JUSTERARE": {Rec.PERSON, Rec.CASE, Rec.CONSENT, Rec.MEETING, Rec.PROTOCOL},
    "STYRGRUPP": {Rec.STATISTICS},
    "SYSTEMADMIN": {Rec.USER_ACCOUNT, Rec.BULK, Rec.INTEGRITY, Rec.RETENTION},
    "LOGGGRANSKARE": {Rec.AUDIT_LOG, Rec.INTEGRITY},
    "ARKIVANSVARIG": {Rec.RETENTION},  # gallring metadata only, no case content
    # EST (DOMAIN 5): places and situations only, no case content.
    "TRYGGHETSSAMORDNARE": {Rec.EST_INCIDENT, Rec.EST_SETUP, Rec.EST_PICTURE, Rec.EST_ACTION, Rec.EST_MEETING},
    "EST_RAPPORTOR": {Rec.EST_INCIDENT, Rec.EST_SETUP, Rec.EST_PICTURE, Rec.EST_ACTION, Rec.EST_MEETING},
}
READS["TREFAS_KOORDINATOR"] = READS["SSPF_KOORDINATOR"]
READS["AVHOPPARSAMORDNARE"] = READS["SSPF_KOORDINATOR"] | {Rec.THREAT_ASSESSMENT, Rec.CONDITIONS}


def actor(role: str, agency: str | None = None, *, user_id: int = 7, units=(UNIT,)) -> Actor:
    return Actor(user_id=user_id, username=role.lower(), agency=agency or ROLE_AGENCY.get(role, "SOC"),
                 roles=frozenset({role}), unit_ids=frozenset(units))


def case(kind: str = "SSPF", consent: str = "VALID", *, assigned=(7,), responsible: int | None = 1,
         agencies=("SOC", "SKOLA", "POLIS"), categories=("SKOLGANG_NARVARO", "BETEENDE"),
         unit: int = UNIT) -> CaseFacts:
    return CaseFacts(case_id=1, kind=kind, unit_id=unit, case_agency="SOC", responsible_user_id=responsible,
                     assigned_user_ids=frozenset(assigned), consent_status=consent,
                     consent_agencies=frozenset(agencies) if consent != "NONE" else frozenset(),
                     consent_categories=frozenset(categories) if consent != "NONE" else frozenset())


def expected_read(role: str, rec: Rec, consent: str) -> bool:
    """The domain's answer for a typical holder of ``role`` assigned to an SSPF case."""
    if rec not in READS[role]:
        return False
    if rec not in CASE_BOUND:
        return True
    agency = ROLE_AGENCY.get(role, "SOC")
    if rec is Rec.THREAT_ASSESSMENT:
        return agency == "SOC"  # the record is the social services' own: only the assessing agency reads it
    return agency == "SOC" or consent == "VALID"


@pytest.mark.parametrize("role,rec,consent", list(itertools.product(
    vocab.ROLES.codes, list(Rec), CONSENT_STATES)))
def test_every_role_record_kind_and_consent_state(role: str, rec: Rec, consent: str) -> None:
    facts = case(consent=consent) if rec in CASE_BOUND else None
    record = RecordFacts(owning_agency="SOC", visibility="SHARED") if rec is Rec.THREAT_ASSESSMENT else None
    decision = decide(actor(role), Act.READ, rec, facts, record)
    assert bool(decision) is expected_read(role, rec, consent), decision.reason


@pytest.mark.parametrize("role", ["SYSTEMADMIN", "STYRGRUPP", "LOGGGRANSKARE", "ARKIVANSVARIG",
                                  "TRYGGHETSSAMORDNARE", "EST_RAPPORTOR"])
@pytest.mark.parametrize("act", list(Act))
def test_non_case_roles_never_touch_case_content(role: str, act: Act) -> None:
    facts = case(assigned=(7,), responsible=7)  # even when (wrongly) connected to the case
    for rec in CASE_BOUND:
        assert not decide(actor(role), act, rec, facts), (role, act, rec)


@pytest.mark.parametrize("consent", CONSENT_STATES)
def test_other_agency_needs_valid_consent_covering_it(consent: str) -> None:
    polis = actor("KONTAKTPERSON", "POLIS")
    assert bool(decide(polis, Act.READ, Rec.CASE, case(consent=consent))) is (consent == "VALID")
    # A valid consent that does not name the police keeps the case closed to them.
    assert not decide(polis, Act.READ, Rec.CASE, case(consent=consent, agencies=("SOC", "SKOLA")))


def test_consent_revocation_stops_sharing_but_not_own_agency_work() -> None:
    handlaggare = actor("HANDLAGGARE")
    for consent in CONSENT_STATES:
        assert decide(handlaggare, Act.READ, Rec.JOURNAL, case(consent=consent))
        assert decide(handlaggare, Act.CREATE, Rec.JOURNAL, case(consent=consent))


def test_case_connection_is_required() -> None:
    unconnected = case(assigned=(), responsible=99)
    assert not decide(actor("KONTAKTPERSON"), Act.READ, Rec.CASE, unconnected)
    assert not decide(actor("HANDLAGGARE"), Act.READ, Rec.CASE, unconnected)
    # A coordinator sees every case of their kind in their units, but not other units.
    assert decide(actor("SSPF_KOORDINATOR"), Act.READ, Rec.CASE, unconnected)
    assert not decide(actor("SSPF_KOORDINATOR", units=(OTHER_UNIT,)), Act.READ, Rec.CASE, unconnected)
    # …and not cases of another kind.
    assert not decide(actor("SSPF_KOORDINATOR"), Act.READ, Rec.CASE, case(kind="TREFAS", assigned=(), responsible=99))


@pytest.mark.parametrize("kind", ["TREFAS", "AVHOPPARE"])
def test_restricted_modules_need_unit_membership(kind: str) -> None:
    polis_in_unit = actor("KONTAKTPERSON", "POLIS", units=(UNIT,))
    polis_elsewhere = actor("KONTAKTPERSON", "POLIS", units=(OTHER_UNIT,))
    facts = case(kind=kind, consent="NONE")
    assert decide(polis_in_unit, Act.READ, Rec.CASE, facts), "TREFAS sharing needs no consent, only the unit"
    assert not decide(polis_elsewhere, Act.READ, Rec.CASE, facts), "assigned but outside the restricted unit"


def test_threat_assessment_is_restricted() -> None:
    facts = case(kind="AVHOPPARE", consent="NONE", assigned=(7,), responsible=1)
    soc_record = RecordFacts(owning_agency="SOC", visibility="INTERNAL")
    polis_record = RecordFacts(owning_agency="POLIS", visibility="INTERNAL")
    coordinator = actor("AVHOPPARSAMORDNARE")
    assert decide(coordinator, Act.READ, Rec.THREAT_ASSESSMENT, facts, soc_record)
    polis = actor("KONTAKTPERSON", "POLIS")
    assert decide(polis, Act.READ, Rec.THREAT_ASSESSMENT, facts, polis_record), "the assessing agency reads its own"
    assert not decide(polis, Act.READ, Rec.THREAT_ASSESSMENT, facts, soc_record)
    assert not decide(actor("HANDLAGGARE"), Act.READ, Rec.THREAT_ASSESSMENT, facts, soc_record)
    assert not decide(actor("KONTAKTPERSON", "KRIMINALVARD"), Act.CREATE, Rec.THREAT_ASSESSMENT, facts, None)


@pytest.mark.parametrize("visibility", vocab.VISIBILITY.codes)
@pytest.mark.parametrize("consent", CONSENT_STATES)
def test_record_secrecy_between_agencies(visibility: str, consent: str) -> None:
    skola = actor("KONTAKTPERSON", "SKOLA")
    soc_entry = RecordFacts(owning_agency="SOC", visibility=visibility, category="SKOLGANG_NARVARO")
    expected = visibility == "SHARED" and consent == "VALID"
    assert bool(decide(skola, Act.READ, Rec.JOURNAL, case(consent=consent), soc_entry)) is expected
    # Own records are always readable (to anyone who may see the case at all).
    own = RecordFacts(owning_agency="SKOLA", visibility=visibility, category="SKOLGANG_NARVARO")
    assert bool(decide(skola, Act.READ, Rec.JOURNAL, case(consent=consent), own)) is (consent == "VALID")


def test_categories_outside_the_consent_are_withheld() -> None:
    skola = actor("KONTAKTPERSON", "SKOLA")
    health = RecordFacts(owning_agency="SOC", visibility="SHARED", category="HALSA")
    assert not decide(skola, Act.READ, Rec.JOURNAL, case(), health)
    police = RecordFacts(owning_agency="POLIS", visibility="SHARED", category="POLISIARA_UPPGIFTER")
    coordinator = actor("SSPF_KOORDINATOR")
    assert not decide(coordinator, Act.READ, Rec.JOURNAL, case(), police), "category not in consent"
    assert decide(coordinator, Act.READ, Rec.JOURNAL,
                  case(categories=("POLISIARA_UPPGIFTER",)), police)


def test_other_agencies_records_are_not_changed_by_participants() -> None:
    skola = actor("KONTAKTPERSON", "SKOLA")
    soc_action = RecordFacts(owning_agency="SOC", visibility="SHARED")
    assert not decide(skola, Act.UPDATE, Rec.PLAN, case(), soc_action)
    assert decide(skola, Act.UPDATE, Rec.PLAN, case(), RecordFacts(owning_agency="SKOLA"))
    assert decide(actor("SSPF_KOORDINATOR"), Act.UPDATE, Rec.PLAN, case(), soc_action)


def test_status_changes_and_consents_belong_to_the_owner() -> None:
    facts = case()
    assert decide(actor("SSPF_KOORDINATOR"), Act.CHANGE_STATUS, Rec.CASE, facts)
    assert not decide(actor("KONTAKTPERSON", "SKOLA"), Act.CHANGE_STATUS, Rec.CASE, facts)
    assert not decide(actor("KONTAKTPERSON", "SKOLA"), Act.UPDATE, Rec.CONSENT, facts)
    assert decide(actor("HANDLAGGARE"), Act.UPDATE, Rec.CONSENT, facts)


def test_protocol_approval_only_for_adjusters_and_chairs() -> None:
    facts = case()
    for role in vocab.ROLES.codes:
        allowed = bool(decide(actor(role), Act.APPROVE, Rec.PROTOCOL, facts))
        assert allowed is (role in ("JUSTERARE", "ORDFORANDE")), role


def test_masking_rules() -> None:
    assert may_see_full_personnummer(actor("SSPF_KOORDINATOR"))
    assert not may_see_full_personnummer(actor("KONTAKTPERSON", "POLIS"))
    owner_case = case(responsible=7)
    assert may_see_protected_details(actor("SSPF_KOORDINATOR"), owner_case)
    assert not may_see_protected_details(actor("KONTAKTPERSON", "SKOLA"), owner_case)
    assert not may_see_protected_details(actor("SSPF_KOORDINATOR"), None)


@settings(max_examples=300, deadline=None)
@given(role=st.sampled_from(vocab.ROLES.codes), agency=st.sampled_from(vocab.AGENCIES.codes),
       act=st.sampled_from(list(Act)), rec=st.sampled_from(sorted(CASE_BOUND, key=str)),
       consent=st.sampled_from(CONSENT_STATES), kind=st.sampled_from(vocab.CASE_KINDS.codes),
       assigned=st.booleans(), in_unit=st.booleans(),
       visibility=st.sampled_from(vocab.VISIBILITY.codes), owner=st.sampled_from(vocab.AGENCIES.codes))
def test_invariants(role, agency, act, rec, consent, kind, assigned, in_unit, visibility, owner) -> None:
    who = actor(role, agency, units=(UNIT,) if in_unit else (OTHER_UNIT,))
    facts = case(kind=kind, consent=consent, assigned=(7,) if assigned else (), responsible=1)
    record = RecordFacts(owning_agency=owner, visibility=visibility)
    allowed = bool(decide(who, act, rec, facts, record))
    if not allowed:
        return
    # Whatever is allowed respects the law's hard lines:
    assert role not in ("SYSTEMADMIN", "STYRGRUPP", "LOGGGRANSKARE")
    assert assigned or in_unit, "no case connection, no access"
    if kind == "SSPF" and agency != "SOC":
        assert consent == "VALID", "another agency sees an SSPF case only under valid consent"
    if kind != "SSPF" and not in_unit:
        raise AssertionError("restricted modules need unit membership")
    if act is Act.READ and owner != agency:
        assert visibility == "SHARED", "agency-internal records stay in their agency"


@pytest.mark.parametrize("role", sorted(READS))
def test_who_may_compile_a_register_extract(role: str) -> None:
    """Only those who register persons, and only when connected to one of the person's cases
    (or a child's case): an unconnected compiler is refused, so an extract never reveals that
    a case exists elsewhere (docs/decisions.md, issue 12 item 3)."""
    from trygg_desktop.domain.access import may_compile_extract
    registers = role in {"SSPF_KOORDINATOR", "TREFAS_KOORDINATOR", "AVHOPPARSAMORDNARE", "HANDLAGGARE"}
    a = actor(role)
    kind = {"TREFAS_KOORDINATOR": "TREFAS", "AVHOPPARSAMORDNARE": "AVHOPPARE"}.get(role, "SSPF")
    connected = case(kind, assigned=(7,))
    elsewhere = case(kind, assigned=(99,), responsible=98, unit=OTHER_UNIT)
    assert bool(may_compile_extract(a, [connected])) is registers
    assert not may_compile_extract(a, [elsewhere])
    assert not may_compile_extract(a, [])
    if registers:
        assert may_compile_extract(a, [elsewhere, connected])
        assert may_compile_extract(a, [elsewhere]).reason == "access.extract_not_connected"


# -- follow-up statistics (DOMAIN 7): aggregated, suppressed figures only ---------------------

#: Who may see follow-up statistics, and which acts (READ the report, PRINT the PDF, EXPORT the
#: CSV): written from DOMAIN 1.10 (STYRGRUPP = aggregated statistics only) and the issue.
STATISTICS_ACTS = {"STYRGRUPP": {Act.READ, Act.PRINT, Act.EXPORT},
                   "SSPF_KOORDINATOR": {Act.READ, Act.PRINT, Act.EXPORT},
                   "TREFAS_KOORDINATOR": {Act.READ, Act.PRINT, Act.EXPORT},
                   "AVHOPPARSAMORDNARE": {Act.READ, Act.PRINT, Act.EXPORT}}
COORDINATED_KIND = {"SSPF_KOORDINATOR": "SSPF", "TREFAS_KOORDINATOR": "TREFAS", "AVHOPPARSAMORDNARE": "AVHOPPARE"}


@pytest.mark.parametrize("role", vocab.ROLES.codes)
@pytest.mark.parametrize("act", list(Act))
def test_statistics_capability_per_role(role: str, act: Act) -> None:
    from trygg_desktop.domain.access_aggregates import decide_statistics
    expected = act in STATISTICS_ACTS.get(role, set())
    assert bool(decide(actor(role), act, Rec.STATISTICS)) is expected
    kind = COORDINATED_KIND.get(role)
    assert bool(decide_statistics(actor(role), act, kind, None)) is expected


@pytest.mark.parametrize("role", vocab.ROLES.codes)
def test_statistics_scope_per_role(role: str) -> None:
    from trygg_desktop.domain.access_aggregates import decide_statistics, statistics_scope
    scope = statistics_scope(actor(role))
    if role == "STYRGRUPP":
        assert scope is not None and scope.kinds == set(vocab.CASE_KINDS.codes) and scope.unit_ids is None
        for kind in (None, *vocab.CASE_KINDS.codes):
            assert decide_statistics(actor(role), Act.READ, kind, OTHER_UNIT)
    elif role in COORDINATED_KIND:
        own = COORDINATED_KIND[role]
        assert scope is not None and scope.kinds == {own} and scope.unit_ids == {UNIT}
        assert decide_statistics(actor(role), Act.READ, own, UNIT)
        assert decide_statistics(actor(role), Act.READ, None, None), "None means: within the scope"
        for kind in set(vocab.CASE_KINDS.codes) - {own}:
            refusal = decide_statistics(actor(role), Act.READ, kind, UNIT)
            assert not refusal and refusal.reason == "access.statistics_scope"
        refusal = decide_statistics(actor(role), Act.READ, own, OTHER_UNIT)
        assert not refusal and refusal.reason == "access.not_in_unit"
    else:
        # Administrators, log reviewers, archivists and case-work roles: no statistics at all.
        assert scope is None
        refusal = decide_statistics(actor(role), Act.READ)
        assert not refusal and refusal.reason == "access.no_capability"


def test_statistics_is_not_case_bound_and_styrgrupp_reaches_nothing_else() -> None:
    assert Rec.STATISTICS not in CASE_BOUND
    styrgrupp = actor("STYRGRUPP")
    for rec in Rec:
        for act in Act:
            if rec is not Rec.STATISTICS:
                assert not decide(styrgrupp, act, rec, case() if rec in CASE_BOUND else None), (act, rec)


def test_a_coordinator_of_several_kinds_sees_each_of_them() -> None:
    from trygg_desktop.domain.access_aggregates import statistics_scope
    both = Actor(user_id=7, username="b", agency="SOC", roles=frozenset({"SSPF_KOORDINATOR", "TREFAS_KOORDINATOR"}),
                 unit_ids=frozenset({UNIT, OTHER_UNIT}))
    scope = statistics_scope(both)
    assert scope is not None and scope.kinds == {"SSPF", "TREFAS"} and scope.unit_ids == {UNIT, OTHER_UNIT}
    # The steering group role widens it to everything.
    wide = Actor(user_id=7, username="b", agency="SOC", roles=frozenset({"SSPF_KOORDINATOR", "STYRGRUPP"}),
                 unit_ids=frozenset({UNIT}))
    assert statistics_scope(wide).unit_ids is None


# -- EST (DOMAIN 5): incidents, set-up, the lägesbild and its actions -----------------------------

#: Who may do what with EST records, written from the issue: the coordinator (trygghetssamordnare)
#: owns areas, categories, actions and the weekly picture and imports exports; reporters of every
#: agency register incidents and read (and print) the joint picture; nobody else has any of it.
EST_ACTS: dict[str, dict[Rec, set[Act]]] = {
    "TRYGGHETSSAMORDNARE": {Rec.EST_INCIDENT: {Act.READ, Act.CREATE, Act.UPDATE}, Rec.EST_IMPORT: {Act.CREATE},
                            Rec.EST_SETUP: {Act.READ, Act.CREATE, Act.UPDATE},
                            Rec.EST_PICTURE: {Act.READ, Act.PRINT, Act.EXPORT},
                            Rec.EST_ACTION: {Act.READ, Act.CREATE, Act.UPDATE},
                            Rec.EST_MEETING: {Act.READ, Act.CREATE, Act.UPDATE, Act.APPROVE, Act.PRINT}},
    "EST_RAPPORTOR": {Rec.EST_INCIDENT: {Act.READ, Act.CREATE, Act.UPDATE}, Rec.EST_SETUP: {Act.READ},
                      Rec.EST_PICTURE: {Act.READ, Act.PRINT}, Rec.EST_ACTION: {Act.READ, Act.UPDATE},
                      Rec.EST_MEETING: {Act.READ, Act.PRINT}},
}
EST_RECS = (Rec.EST_INCIDENT, Rec.EST_IMPORT, Rec.EST_SETUP, Rec.EST_PICTURE, Rec.EST_ACTION, Rec.EST_MEETING)


@pytest.mark.parametrize("role", vocab.ROLES.codes)
@pytest.mark.parametrize("act", list(Act))
@pytest.mark.parametrize("rec", EST_RECS)
def test_est_capability_per_role(role: str, act: Act, rec: Rec) -> None:
    from trygg_desktop.domain.access_aggregates import decide_est
    expected = act in EST_ACTS.get(role, {}).get(rec, set())
    assert bool(decide(actor(role), act, rec)) is expected
    decision = decide_est(actor(role), act, rec)
    assert bool(decision) is expected
    if not expected:
        assert decision.reason == "access.no_capability"


def test_an_est_meetings_named_adjuster_justerar_it_although_a_reporter() -> None:
    from trygg_desktop.domain.access_aggregates import decide_est_meeting
    reporter = actor("EST_RAPPORTOR")
    assert decide_est_meeting(reporter, Act.APPROVE, adjuster_user_id=reporter.user_id)
    assert not decide_est_meeting(reporter, Act.APPROVE, adjuster_user_id=reporter.user_id + 1)
    assert not decide_est_meeting(reporter, Act.UPDATE, adjuster_user_id=reporter.user_id)
    assert not decide_est_meeting(actor("SSPF_KOORDINATOR"), Act.APPROVE, adjuster_user_id=actor("SSPF_KOORDINATOR").user_id)


@pytest.mark.parametrize("agency", vocab.AGENCIES.codes)
@pytest.mark.parametrize("rec", [Rec.EST_INCIDENT, Rec.EST_ACTION])
def test_est_reporters_change_their_own_agency_rows_the_coordinator_all(agency: str, rec: Rec) -> None:
    from trygg_desktop.domain.access_aggregates import decide_est
    reporter = actor("EST_RAPPORTOR", agency)
    coordinator = actor("TRYGGHETSSAMORDNARE", "SOC")
    other = "POLIS" if agency != "POLIS" else "BOSTAD"
    assert decide_est(reporter, Act.UPDATE, rec, agency)
    assert decide_est(reporter, Act.READ, rec, agency)
    refusal = decide_est(reporter, Act.UPDATE, rec, other)
    assert not refusal and refusal.reason == "access.est_other_agency"
    assert not decide_est(reporter, Act.READ, rec, other)
    assert decide_est(coordinator, Act.UPDATE, rec, agency) and decide_est(coordinator, Act.READ, rec, other)
    # Without a row (lists, the joint picture) a reporter reads across agencies.
    assert decide_est(reporter, Act.READ, rec)


def test_est_roles_are_not_case_work_and_case_roles_get_no_est() -> None:
    from trygg_desktop.domain.access_aggregates import decide_est
    assert not {"TRYGGHETSSAMORDNARE", "EST_RAPPORTOR"} & vocab.CASE_WORK_ROLES
    for role in vocab.ROLES.codes:
        if role in EST_ACTS:
            continue
        for rec in EST_RECS:
            for act in Act:
                assert not decide_est(actor(role), act, rec), (role, act, rec)
    # A case record kind is never an EST decision, even for the coordinator.
    assert not decide_est(actor("TRYGGHETSSAMORDNARE"), Act.READ, Rec.CASE)
