"""State machines of cases, actions and protocols (DOMAIN.md 1.11, 2.3, 3.2, 4.2).

The expected tables below are written out by hand, independently of the module,
so a change to a machine has to be made twice, on purpose.
"""

from __future__ import annotations

from collections import deque
from datetime import date
from itertools import product

import pytest

from trygg_desktop.domain.errors import InvalidTransition, ValidationError
from trygg_desktop.domain.lifecycle import (
    ACTION_MACHINE,
    CASE_MACHINES,
    PROTOCOL_MACHINE,
    GuardContext,
    StateMachine,
    Transition,
    closure_reasons,
    is_overdue,
    validate_closure_reason,
)
from trygg_desktop.domain.vocab import (
    ACTION_STATUSES,
    CASE_STATUSES,
    CLOSURE_REASONS,
    PROTOCOL_STATUSES,
)

SSPF = CASE_MACHINES["SSPF"]
TREFAS = CASE_MACHINES["TREFAS"]
AVHOPPARE = CASE_MACHINES["AVHOPPARE"]

ALL_GUARDS = GuardContext(consent_valid_for_all_shared_agencies=True,
                          meeting_held_and_plan_saved=True)
SSPF_PAUSABLE = ["AKTUALISERAD", "FORHANDSBEDOMNING", "SAMTYCKE_INHAMTAS",
                 "KARTLAGGNING", "MOTE_PLANERAT", "AKTIV_PLAN"]

# (source, target) → (needs_reason, needs_valid_consent)
EXPECTED: dict[str, dict[tuple[str, str], tuple[bool, bool]]] = {
    "SSPF": {
        ("AKTUALISERAD", "FORHANDSBEDOMNING"): (False, False),
        ("FORHANDSBEDOMNING", "EJ_AKTUELL"): (True, False),
        ("FORHANDSBEDOMNING", "SAMTYCKE_INHAMTAS"): (False, False),
        ("SAMTYCKE_INHAMTAS", "KARTLAGGNING"): (False, True),
        ("KARTLAGGNING", "MOTE_PLANERAT"): (False, True),
        ("MOTE_PLANERAT", "AKTIV_PLAN"): (False, True),
        ("AVSLUTAD", "KARTLAGGNING"): (True, True),
        **{(s, "AVSLUTAD"): (True, False) for s in SSPF_PAUSABLE + ["VILANDE_SAMTYCKE_UTGATT"]},
        **{(s, "VILANDE_SAMTYCKE_UTGATT"): (False, False) for s in SSPF_PAUSABLE},
        **{("VILANDE_SAMTYCKE_UTGATT", s): (False, True) for s in SSPF_PAUSABLE},
    },
    "TREFAS": {
        ("IDENTIFIERAD", "BEDOMD"): (False, False),
        ("BEDOMD", "AKTIV"): (False, False),
        ("AKTIV", "FRIHETSBEROVAD"): (False, False),
        ("FRIHETSBEROVAD", "AKTIV"): (False, False),
        ("AKTIV", "OVERFORD_AVHOPPARARENDE"): (False, False),
        ("FRIHETSBEROVAD", "OVERFORD_AVHOPPARARENDE"): (False, False),
        **{(s, "AVSLUTAD"): (True, False) for s in
           ["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD", "OVERFORD_AVHOPPARARENDE"]},
    },
    "AVHOPPARE": {
        ("FORFRAGAN", "FORHANDSBEDOMNING"): (False, False),
        ("FORHANDSBEDOMNING", "AKUT_SKYDD"): (False, False),
        ("FORHANDSBEDOMNING", "UTREDNING"): (False, False),
        ("AKUT_SKYDD", "UTREDNING"): (False, False),
        ("UTREDNING", "BESLUT"): (False, False),
        ("BESLUT", "GENOMFORANDE"): (False, False),
        ("GENOMFORANDE", "UPPFOLJNING"): (False, False),
        ("UPPFOLJNING", "GENOMFORANDE"): (False, False),
        **{(s, "AVSLUTAD"): (True, False) for s in
           ["FORFRAGAN", "FORHANDSBEDOMNING", "AKUT_SKYDD", "UTREDNING", "BESLUT",
            "GENOMFORANDE", "UPPFOLJNING"]},
    },
    "ACTION": {
        ("PLANERAD", "PAGAR"): (False, False),
        **{(s, t): (t == "EJ_GENOMFORD", False) for s in ("PLANERAD", "PAGAR")
           for t in ("GENOMFORD", "EJ_GENOMFORD", "STRUKEN")},
    },
    "PROTOCOL": {
        ("UTKAST", "JUSTERING"): (False, False),
        ("JUSTERING", "UTKAST"): (False, False),
        ("JUSTERING", "JUSTERAT"): (False, False),
    },
}

MACHINES: dict[str, StateMachine] = {**CASE_MACHINES, "ACTION": ACTION_MACHINE,
                                     "PROTOCOL": PROTOCOL_MACHINE}
STATUS_VOCABS = {**CASE_STATUSES, "ACTION": ACTION_STATUSES, "PROTOCOL": PROTOCOL_STATUSES}


def _reason_for(machine: StateMachine, t: Transition) -> str | None:
    if not t.needs_reason:
        return None
    return machine.closure_vocab.codes[0] if t.closure_code else "anteckning"


def _ctx_for(t: Transition) -> GuardContext:
    """A context in which every guard of ``t`` passes."""
    return GuardContext(consent_valid_for_all_shared_agencies=not t.needs_consent_expired,
                        consent_expired=t.needs_consent_expired,
                        meeting_held_and_plan_saved=True,
                        previous_status=t.target if t.resumes_previous else None)


ALL_PAIRS = [(name, s, t) for name, m in MACHINES.items()
             for s, t in product(m.statuses.codes, repeat=2)]


@pytest.mark.parametrize(("name", "source", "target"), ALL_PAIRS)
def test_every_pair_allowed_exactly_when_in_table(name: str, source: str, target: str) -> None:
    machine = MACHINES[name]
    expected = EXPECTED[name].get((source, target))
    row = machine.transition(source, target)
    if expected is None:
        assert row is None
        terminal = source in machine.terminal
        code = "lifecycle.terminal" if terminal else "lifecycle.invalid_transition"
        with pytest.raises(InvalidTransition) as err:
            machine.check(source, target, ALL_GUARDS, reason="OVRIGT")
        assert err.value.code == code
    else:
        assert row is not None
        assert (row.needs_reason, row.needs_valid_consent) == expected
        assert machine.check(source, target, _ctx_for(row), _reason_for(machine, row)) == row


@pytest.mark.parametrize("name", list(MACHINES))
def test_table_matches_module_exactly(name: str) -> None:
    rows = {(t.source, t.target) for t in MACHINES[name].transitions}
    assert rows == set(EXPECTED[name])


@pytest.mark.parametrize("name", list(MACHINES))
def test_codes_and_labels(name: str) -> None:
    machine, vocab = MACHINES[name], STATUS_VOCABS[name]
    assert set(machine.statuses.codes) == set(vocab.codes)
    assert machine.initial in vocab
    assert machine.terminal <= machine.closed <= set(vocab.codes)
    for t in machine.transitions:
        assert t.source in vocab and t.target in vocab
        assert t.label_sv and t.label_en and t.label("sv") == t.label_sv
        assert t.label("en") == t.label_en
        if t.closure_code:
            assert t.needs_reason and machine.closure_vocab is not None


@pytest.mark.parametrize("name", list(MACHINES))
def test_every_status_reachable_from_initial(name: str) -> None:
    machine = MACHINES[name]
    seen, todo = {machine.initial}, deque([machine.initial])
    while todo:
        for t in machine.targets(todo.popleft()):
            if t.target not in seen:
                seen.add(t.target)
                todo.append(t.target)
    assert seen == set(machine.statuses.codes)


@pytest.mark.parametrize("name", list(MACHINES))
def test_terminal_states_have_no_targets(name: str) -> None:
    machine = MACHINES[name]
    assert machine.terminal
    for status in machine.terminal:
        assert machine.targets(status) == []
        assert machine.targets(status, ALL_GUARDS) == []
        assert machine.is_terminal(status) and machine.is_closed(status)


def test_closed_sets() -> None:
    assert SSPF.terminal == {"EJ_AKTUELL"}
    assert SSPF.closed == {"EJ_AKTUELL", "AVSLUTAD"}
    assert not SSPF.is_terminal("AVSLUTAD") and SSPF.is_closed("AVSLUTAD")
    assert TREFAS.closed == AVHOPPARE.closed == {"AVSLUTAD"}
    assert ACTION_MACHINE.terminal == {"GENOMFORD", "EJ_GENOMFORD", "STRUKEN"}
    assert PROTOCOL_MACHINE.terminal == {"JUSTERAT"}
    assert {k: m.initial for k, m in CASE_MACHINES.items()} == {
        "SSPF": "AKTUALISERAD", "TREFAS": "IDENTIFIERAD", "AVHOPPARE": "FORFRAGAN"}


# --- SSPF guards ------------------------------------------------------------------

CONSENT_TARGETS = [("SAMTYCKE_INHAMTAS", "KARTLAGGNING"), ("KARTLAGGNING", "MOTE_PLANERAT"),
                   ("MOTE_PLANERAT", "AKTIV_PLAN"), ("AVSLUTAD", "KARTLAGGNING")]
NO_CONSENT = [
    GuardContext(meeting_held_and_plan_saved=True),
    GuardContext(consent_valid_for_all_shared_agencies=True, consent_revoked=True,
                 meeting_held_and_plan_saved=True),
    GuardContext(consent_valid_for_all_shared_agencies=True, consent_expired=True,
                 meeting_held_and_plan_saved=True),
]


@pytest.mark.parametrize("ctx", NO_CONSENT)
@pytest.mark.parametrize(("source", "target"), CONSENT_TARGETS)
def test_sspf_consent_guard(source: str, target: str, ctx: GuardContext) -> None:
    with pytest.raises(InvalidTransition) as err:
        SSPF.check(source, target, ctx, reason="Ny kartläggning")
    assert err.value.code == "lifecycle.consent_required"
    assert target not in [t.target for t in SSPF.targets(source, ctx)]


def test_no_consent_state_entered_without_consent() -> None:
    for t in SSPF.transitions:
        if t.target in {"KARTLAGGNING", "MOTE_PLANERAT", "AKTIV_PLAN"}:
            assert t.needs_valid_consent


def test_aktiv_plan_needs_meeting_held() -> None:
    ctx = GuardContext(consent_valid_for_all_shared_agencies=True)
    with pytest.raises(InvalidTransition) as err:
        SSPF.check("MOTE_PLANERAT", "AKTIV_PLAN", ctx)
    assert err.value.code == "lifecycle.meeting_required"
    assert [t.target for t in SSPF.targets("MOTE_PLANERAT", ctx)] == ["AVSLUTAD"]
    assert SSPF.check("MOTE_PLANERAT", "AKTIV_PLAN", ALL_GUARDS).target == "AKTIV_PLAN"


def test_plan_revision_is_not_a_status_change() -> None:
    with pytest.raises(InvalidTransition) as err:
        SSPF.check("AKTIV_PLAN", "AKTIV_PLAN", ALL_GUARDS)
    assert err.value.code == "lifecycle.invalid_transition"


@pytest.mark.parametrize("source", SSPF_PAUSABLE)
def test_pause_only_when_consent_expired(source: str) -> None:
    with pytest.raises(InvalidTransition) as err:
        SSPF.check(source, "VILANDE_SAMTYCKE_UTGATT", ALL_GUARDS)
    assert err.value.code == "lifecycle.invalid_transition"
    expired = GuardContext(consent_expired=True)
    assert SSPF.check(source, "VILANDE_SAMTYCKE_UTGATT", expired).needs_consent_expired
    assert "VILANDE_SAMTYCKE_UTGATT" in [t.target for t in SSPF.targets(source, expired)]


@pytest.mark.parametrize("previous", SSPF_PAUSABLE)
def test_resume_goes_back_to_previous_status_only(previous: str) -> None:
    ctx = GuardContext(consent_valid_for_all_shared_agencies=True, previous_status=previous)
    allowed = [t.target for t in SSPF.targets("VILANDE_SAMTYCKE_UTGATT", ctx)]
    assert allowed == ["AVSLUTAD", previous]
    assert SSPF.check("VILANDE_SAMTYCKE_UTGATT", previous, ctx).resumes_previous
    for other in SSPF_PAUSABLE:
        if other != previous:
            with pytest.raises(InvalidTransition) as err:
                SSPF.check("VILANDE_SAMTYCKE_UTGATT", other, ctx)
            assert err.value.code == "lifecycle.invalid_transition"
    with pytest.raises(InvalidTransition) as err:
        SSPF.check("VILANDE_SAMTYCKE_UTGATT", previous, GuardContext(previous_status=previous))
    assert err.value.code == "lifecycle.consent_required"


def test_close_on_revoked_consent_from_anywhere_open() -> None:
    ctx = GuardContext(consent_revoked=True)
    for source in SSPF_PAUSABLE + ["VILANDE_SAMTYCKE_UTGATT"]:
        t = SSPF.check(source, "AVSLUTAD", ctx, reason="SAMTYCKE_ATERKALLAT")
        assert t.closure_code


def test_targets_without_ctx_ignore_guards() -> None:
    assert [t.target for t in SSPF.targets("SAMTYCKE_INHAMTAS")] == ["KARTLAGGNING", "AVSLUTAD",
                                                                    "VILANDE_SAMTYCKE_UTGATT"]
    assert [t.target for t in SSPF.targets("SAMTYCKE_INHAMTAS", GuardContext())] == ["AVSLUTAD"]


# --- reasons ------------------------------------------------------------------------

REASON_CASES = [(SSPF, "FORHANDSBEDOMNING", "EJ_AKTUELL"), (SSPF, "AKTIV_PLAN", "AVSLUTAD"),
                (SSPF, "SAMTYCKE_INHAMTAS", "AVSLUTAD"), (TREFAS, "AKTIV", "AVSLUTAD"),
                (AVHOPPARE, "UTREDNING", "AVSLUTAD"),
                (ACTION_MACHINE, "PAGAR", "EJ_GENOMFORD"), (SSPF, "AVSLUTAD", "KARTLAGGNING")]


@pytest.mark.parametrize("reason", [None, "", "   "])
@pytest.mark.parametrize(("machine", "source", "target"), REASON_CASES)
def test_reason_required(machine: StateMachine, source: str, target: str,
                         reason: str | None) -> None:
    with pytest.raises(InvalidTransition) as err:
        machine.check(source, target, ALL_GUARDS, reason)
    assert err.value.code == "lifecycle.reason_required"


@pytest.mark.parametrize(("kind", "good", "bad"), [
    ("SSPF", "SAMTYCKE_SAKNAS", "AVHOPP_FULLFOLJT"),
    ("TREFAS", "AVLIDEN", "MAL_UPPNATT"),
    ("AVHOPPARE", "AVBRUTET_VILLKORSBROTT", "Flyttade till Malmö"),
])
def test_closure_needs_a_code_of_its_own_kind(kind: str, good: str, bad: str) -> None:
    machine = CASE_MACHINES[kind]
    source = machine.initial
    assert machine.check(source, "AVSLUTAD", GuardContext(), good).target == "AVSLUTAD"
    with pytest.raises(InvalidTransition) as err:
        machine.check(source, "AVSLUTAD", GuardContext(), bad)
    assert err.value.code == "lifecycle.closure_reason"
    assert "Malmö" not in str(err.value)


def test_free_note_reasons_are_not_codes() -> None:
    t = ACTION_MACHINE.check("PLANERAD", "EJ_GENOMFORD", GuardContext(), "Eleven flyttade")
    assert not t.closure_code
    t = SSPF.check("AVSLUTAD", "KARTLAGGNING", ALL_GUARDS, "Nytt samtycke")
    assert not t.closure_code


def test_unknown_status_is_rejected_without_echoing_it() -> None:
    with pytest.raises(InvalidTransition) as err:
        SSPF.check("PÅHITTAD", "AVSLUTAD", ALL_GUARDS, "OVRIGT")
    assert err.value.code == "lifecycle.invalid_transition"
    assert "PÅHITTAD" not in str(err.value) and "PÅHITTAD" not in repr(err.value)
    with pytest.raises(InvalidTransition):
        SSPF.targets("PÅHITTAD")


def test_protocol_is_locked_once_approved() -> None:
    with pytest.raises(InvalidTransition) as err:
        PROTOCOL_MACHINE.check("JUSTERAT", "UTKAST", ALL_GUARDS)
    assert err.value.code == "lifecycle.terminal"
    assert PROTOCOL_MACHINE.check("JUSTERING", "UTKAST", GuardContext()).target == "UTKAST"


# --- derived lateness and closure reasons -----------------------------------------------

@pytest.mark.parametrize(("status", "due", "today", "overdue"), [
    ("PLANERAD", date(2025, 3, 1), date(2025, 3, 2), True),
    ("PAGAR", date(2025, 3, 1), date(2025, 3, 2), True),
    ("PAGAR", date(2025, 3, 1), date(2025, 3, 1), False),
    ("PAGAR", date(2025, 3, 1), date(2025, 2, 28), False),
    ("PAGAR", None, date(2030, 1, 1), False),
    ("GENOMFORD", date(2025, 3, 1), date(2025, 6, 1), False),
    ("EJ_GENOMFORD", date(2025, 3, 1), date(2025, 6, 1), False),
    ("STRUKEN", date(2025, 3, 1), date(2025, 6, 1), False),
])
def test_is_overdue(status: str, due: date | None, today: date, overdue: bool) -> None:
    assert is_overdue(status, due, today) is overdue


@pytest.mark.parametrize("kind", list(CLOSURE_REASONS))
def test_closure_reasons(kind: str) -> None:
    codes = closure_reasons(kind)
    assert codes == CLOSURE_REASONS[kind].codes and codes
    for code in codes:
        validate_closure_reason(kind, code)
    with pytest.raises(ValidationError) as err:
        validate_closure_reason(kind, "NOT_A_REASON")
    assert err.value.code == "lifecycle.closure_reason"


def test_unknown_kind() -> None:
    with pytest.raises(ValidationError) as err:
        closure_reasons("EST")
    assert err.value.code == "lifecycle.unknown_kind"


def test_machines_are_immutable() -> None:
    with pytest.raises(AttributeError):
        SSPF.initial = "AVSLUTAD"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        SSPF.transitions[0].target = "AVSLUTAD"  # type: ignore[misc]
