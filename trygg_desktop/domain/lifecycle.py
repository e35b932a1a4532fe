"""Status lifecycles of cases, actions and protocols, kept as data.

Why data and not code: DOMAIN.md marks every state machine as inferred ([I]),
so municipalities and later reviews will want to change them. Keeping each
machine as a table of ``Transition`` rows lets the UI list the allowed next
steps with their labels, lets tests check the tables against the vocabulary,
and keeps the rules in one place instead of spread over services.

Everything here is pure: the service layer gathers the facts a guard needs
(consent status, whether the meeting was held, the status before a pause) into
a ``GuardContext``; this module only decides. Errors carry stable codes and
status codes as parameters, never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trygg_desktop.domain.errors import InvalidTransition, ValidationError
from trygg_desktop.domain.vocab import (
    ACTION_STATUSES,
    CASE_STATUSES,
    CLOSURE_REASONS,
    PROTOCOL_STATUSES,
    Vocabulary,
)


@dataclass(frozen=True, slots=True)
class Transition:
    """One allowed status change and the conditions it needs.

    ``needs_reason``: the caller must give a reason. With ``closure_code`` the
    reason must be a closure-reason code of the case kind (it feeds statistics,
    DOMAIN.md 1.9); without it the reason is a free note (reopening a case, an
    action that was not done).
    ``needs_valid_consent``: SSPF guard (DOMAIN.md 1.11): no mapping, meeting or
    plan work unless consent is VALID for every agency shared with.
    ``needs_meeting_held``: the network meeting was held and the plan saved.
    ``needs_consent_expired``: only taken when the consent has run out (pause).
    ``resumes_previous``: leaving a pause may only go back to the status held
    before it, so a renewal cannot be used to skip steps.
    """

    source: str
    target: str
    needs_reason: bool = False
    needs_valid_consent: bool = False
    label_sv: str = ""
    label_en: str = ""
    closure_code: bool = False
    needs_meeting_held: bool = False
    needs_consent_expired: bool = False
    resumes_previous: bool = False

    def label(self, lang: str = "sv") -> str:
        return self.label_sv if lang == "sv" else self.label_en


@dataclass(frozen=True, slots=True)
class GuardContext:
    """Facts the service layer gathers before asking whether a change is allowed.

    Revoked or expired consent always wins over ``consent_valid_for_all_shared_agencies``
    (fail closed): a caller that mixes up consents must not unlock sharing.
    """

    consent_valid_for_all_shared_agencies: bool = False
    consent_revoked: bool = False
    consent_expired: bool = False
    meeting_held_and_plan_saved: bool = False
    previous_status: str | None = None

    @property
    def consent_ok(self) -> bool:
        return (self.consent_valid_for_all_shared_agencies
                and not self.consent_revoked and not self.consent_expired)


def _guard_failure(t: Transition, ctx: GuardContext) -> str | None:
    """Return the error code of the first guard ``ctx`` fails, or None."""
    if t.needs_valid_consent and not ctx.consent_ok:
        return "lifecycle.consent_required"
    if t.needs_meeting_held and not ctx.meeting_held_and_plan_saved:
        return "lifecycle.meeting_required"
    if t.needs_consent_expired and not ctx.consent_expired:
        return "lifecycle.invalid_transition"
    if t.resumes_previous and ctx.previous_status != t.target:
        return "lifecycle.invalid_transition"
    return None


@dataclass(frozen=True, slots=True)
class StateMachine:
    """A named set of statuses and the transitions between them.

    ``terminal``: no way out at all. ``closed``: counts as closed for dashboards,
    statistics and retention, which is wider than terminal (an SSPF case that
    is AVSLUTAD can still be reopened, yet it is closed until then).
    """

    name: str
    statuses: Vocabulary
    initial: str
    terminal: frozenset[str]
    closed: frozenset[str]
    transitions: tuple[Transition, ...]
    closure_vocab: Vocabulary | None = None
    _by_source: dict[str, tuple[Transition, ...]] = field(
        init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Transition]] = {code: [] for code in self.statuses.codes}
        for t in self.transitions:
            if t.source not in index or t.target not in index:
                raise ValueError(f"{self.name}: {t.source}->{t.target} uses an unknown status")
            if any(o.target == t.target for o in index[t.source]):
                raise ValueError(f"{self.name}: duplicate {t.source}->{t.target}")
            if t.source in self.terminal:
                raise ValueError(f"{self.name}: terminal status {t.source} has a way out")
            index[t.source].append(t)
        object.__setattr__(self, "_by_source", {k: tuple(v) for k, v in index.items()})

    def _known(self, status: str) -> None:
        if status not in self.statuses:
            raise InvalidTransition("Unknown status", code="lifecycle.invalid_transition",
                                    machine=self.name, status=status)

    def is_terminal(self, status: str) -> bool:
        return status in self.terminal

    def is_closed(self, status: str) -> bool:
        return status in self.closed

    def transition(self, source: str, target: str) -> Transition | None:
        """The table row for ``source → target`` ignoring guards, or None."""
        self._known(source)
        return next((t for t in self._by_source[source] if t.target == target), None)

    def targets(self, source: str, ctx: GuardContext | None = None) -> list[Transition]:
        """Transitions out of ``source``; with ``ctx``, only those whose guards pass now.

        Reasons are not guards: the user supplies them when choosing the step.
        """
        self._known(source)
        rows = self._by_source[source]
        if ctx is None:
            return list(rows)
        return [t for t in rows if _guard_failure(t, ctx) is None]

    def check(self, source: str, target: str, ctx: GuardContext,
              reason: str | None = None) -> Transition:
        """Return the transition if ``source → target`` is allowed now, else raise.

        Codes: ``lifecycle.terminal`` (no way out of source),
        ``lifecycle.invalid_transition`` (not in the table, or a pause/resume
        guard fails), ``lifecycle.consent_required``, ``lifecycle.meeting_required``,
        ``lifecycle.reason_required`` and ``lifecycle.closure_reason`` (the
        reason is not a closure code of this kind).
        """
        self._known(source)
        self._known(target)
        params = {"machine": self.name, "source": source, "target": target}
        if source in self.terminal:
            raise InvalidTransition("The status is final", code="lifecycle.terminal", **params)
        t = self.transition(source, target)
        if t is None:
            raise InvalidTransition(code="lifecycle.invalid_transition", **params)
        failure = _guard_failure(t, ctx)
        if failure is not None:
            raise InvalidTransition(code=failure, **params)
        if t.needs_reason and not (reason and reason.strip()):
            raise InvalidTransition("A reason is required", code="lifecycle.reason_required",
                                    **params)
        if t.closure_code and (self.closure_vocab is None or reason not in self.closure_vocab):
            raise InvalidTransition("Unknown closure reason", code="lifecycle.closure_reason",
                                    **params)
        return t


def _t(source: str, target: str, sv: str, en: str, **flags: bool) -> Transition:
    return Transition(source, target, label_sv=sv, label_en=en, **flags)


def _close_all(open_statuses: list[str], target: str = "AVSLUTAD") -> list[Transition]:
    """Close from every open status: coordinators close for FLYTT, revoked consent etc."""
    return [_t(s, target, "Avsluta ärendet", "Close the case",
               needs_reason=True, closure_code=True) for s in open_statuses]


# --- SSPF (DOMAIN.md 1.11) ---------------------------------------------------------

_SSPF_CONSENT_STATES = ("KARTLAGGNING", "MOTE_PLANERAT", "AKTIV_PLAN")
# Statuses a case can be paused from and resumed to when consent expires.
_SSPF_PAUSABLE = ["AKTUALISERAD", "FORHANDSBEDOMNING", "SAMTYCKE_INHAMTAS",
                  "KARTLAGGNING", "MOTE_PLANERAT", "AKTIV_PLAN"]
_SSPF_OPEN = _SSPF_PAUSABLE + ["VILANDE_SAMTYCKE_UTGATT"]

_SSPF_TRANSITIONS = [
    _t("AKTUALISERAD", "FORHANDSBEDOMNING", "Påbörja förhandsbedömning",
       "Start pre-assessment"),
    _t("FORHANDSBEDOMNING", "EJ_AKTUELL", "Bedöm som ej aktuellt", "Mark as not relevant",
       needs_reason=True, closure_code=True),
    _t("FORHANDSBEDOMNING", "SAMTYCKE_INHAMTAS", "Inhämta samtycke", "Obtain consent"),
    _t("SAMTYCKE_INHAMTAS", "KARTLAGGNING", "Påbörja kartläggning", "Start mapping",
       needs_valid_consent=True),
    _t("KARTLAGGNING", "MOTE_PLANERAT", "Boka nätverksmöte", "Book network meeting",
       needs_valid_consent=True),
    _t("MOTE_PLANERAT", "AKTIV_PLAN", "Aktivera plan efter möte", "Activate plan after meeting",
       needs_valid_consent=True, needs_meeting_held=True),
    *_close_all(_SSPF_OPEN),
    *[_t(s, "VILANDE_SAMTYCKE_UTGATT", "Vila – samtycket har gått ut",
         "Pause – consent has expired", needs_consent_expired=True) for s in _SSPF_PAUSABLE],
    *[_t("VILANDE_SAMTYCKE_UTGATT", s, "Återuppta efter förnyat samtycke",
         "Resume after renewed consent", needs_valid_consent=True, resumes_previous=True)
      for s in _SSPF_PAUSABLE],
    _t("AVSLUTAD", "KARTLAGGNING", "Återöppna med nytt samtycke", "Reopen with new consent",
       needs_valid_consent=True, needs_reason=True),
]

# --- TREFAS (DOMAIN.md 3.2) --------------------------------------------------------

_TREFAS_TRANSITIONS = [
    _t("IDENTIFIERAD", "BEDOMD", "Registrera bedömning", "Record assessment"),
    _t("BEDOMD", "AKTIV", "Starta handlingsplan", "Start action plan"),
    _t("AKTIV", "FRIHETSBEROVAD", "Registrera frihetsberövande", "Record deprivation of liberty"),
    _t("FRIHETSBEROVAD", "AKTIV", "Registrera frigivning", "Record release"),
    _t("AKTIV", "OVERFORD_AVHOPPARARENDE", "Överför till avhopparärende",
       "Transfer to defector case"),
    _t("FRIHETSBEROVAD", "OVERFORD_AVHOPPARARENDE", "Överför till avhopparärende",
       "Transfer to defector case"),
    *_close_all(["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD", "OVERFORD_AVHOPPARARENDE"]),
]

# --- Avhoppare (DOMAIN.md 4.2) -----------------------------------------------------

_AVHOPPARE_TRANSITIONS = [
    _t("FORFRAGAN", "FORHANDSBEDOMNING", "Påbörja förhandsbedömning", "Start pre-assessment"),
    _t("FORHANDSBEDOMNING", "AKUT_SKYDD", "Ordna akut skydd", "Arrange acute protection"),
    _t("FORHANDSBEDOMNING", "UTREDNING", "Inled utredning", "Open investigation"),
    _t("AKUT_SKYDD", "UTREDNING", "Inled utredning", "Open investigation"),
    _t("UTREDNING", "BESLUT", "Registrera beslut och plan", "Record decision and plan"),
    _t("BESLUT", "GENOMFORANDE", "Påbörja genomförande", "Start implementation"),
    _t("GENOMFORANDE", "UPPFOLJNING", "Påbörja uppföljning", "Start follow-up"),
    _t("UPPFOLJNING", "GENOMFORANDE", "Återgå till genomförande", "Return to implementation"),
    *_close_all(["FORFRAGAN", "FORHANDSBEDOMNING", "AKUT_SKYDD", "UTREDNING", "BESLUT",
                 "GENOMFORANDE", "UPPFOLJNING"]),
]

CASE_MACHINES: dict[str, StateMachine] = {
    "SSPF": StateMachine(
        name="SSPF", statuses=CASE_STATUSES["SSPF"], initial="AKTUALISERAD",
        terminal=frozenset({"EJ_AKTUELL"}), closed=frozenset({"EJ_AKTUELL", "AVSLUTAD"}),
        transitions=tuple(_SSPF_TRANSITIONS), closure_vocab=CLOSURE_REASONS["SSPF"]),
    "TREFAS": StateMachine(
        name="TREFAS", statuses=CASE_STATUSES["TREFAS"], initial="IDENTIFIERAD",
        terminal=frozenset({"AVSLUTAD"}), closed=frozenset({"AVSLUTAD"}),
        transitions=tuple(_TREFAS_TRANSITIONS), closure_vocab=CLOSURE_REASONS["TREFAS"]),
    "AVHOPPARE": StateMachine(
        name="AVHOPPARE", statuses=CASE_STATUSES["AVHOPPARE"], initial="FORFRAGAN",
        terminal=frozenset({"AVSLUTAD"}), closed=frozenset({"AVSLUTAD"}),
        transitions=tuple(_AVHOPPARE_TRANSITIONS), closure_vocab=CLOSURE_REASONS["AVHOPPARE"]),
}

# --- Actions in a plan (DOMAIN.md 1.11, last paragraph) ----------------------------

_ACTION_DONE = frozenset({"GENOMFORD", "EJ_GENOMFORD", "STRUKEN"})
_ACTION_TRANSITIONS = [
    _t("PLANERAD", "PAGAR", "Påbörja", "Start"),
    *[row for s in ("PLANERAD", "PAGAR") for row in (
        _t(s, "GENOMFORD", "Markera som genomförd", "Mark as done"),
        # The note says why; it is what the follow-up meeting discusses.
        _t(s, "EJ_GENOMFORD", "Markera som ej genomförd", "Mark as not done", needs_reason=True),
        _t(s, "STRUKEN", "Stryk åtgärden", "Cancel the action"),
    )],
]

ACTION_MACHINE = StateMachine(
    name="ACTION", statuses=ACTION_STATUSES, initial="PLANERAD",
    terminal=_ACTION_DONE, closed=_ACTION_DONE, transitions=tuple(_ACTION_TRANSITIONS))

# --- Protocols (DOMAIN.md 2.3) -----------------------------------------------------
# JUSTERAT is final: corrections are appended as logged notes, the original stays.

PROTOCOL_MACHINE = StateMachine(
    name="PROTOCOL", statuses=PROTOCOL_STATUSES, initial="UTKAST",
    terminal=frozenset({"JUSTERAT"}), closed=frozenset({"JUSTERAT"}),
    transitions=(
        _t("UTKAST", "JUSTERING", "Skicka till justering", "Send for approval"),
        _t("JUSTERING", "UTKAST", "Skicka tillbaka till utkast", "Send back to draft"),
        _t("JUSTERING", "JUSTERAT", "Justera protokollet", "Approve the minutes"),
    ))


def is_overdue(status: str, due: date | None, today: date,
               machine: StateMachine = ACTION_MACHINE) -> bool:
    """"Försenad" is derived, never stored: past due and not yet finished.

    Storing it would go stale overnight; deriving it keeps lists and reports honest.
    """
    return due is not None and today > due and status not in machine.terminal


def _closure_vocab(kind: str) -> Vocabulary:
    vocab = CLOSURE_REASONS.get(kind)
    if vocab is None:
        raise ValidationError("Unknown case kind", code="lifecycle.unknown_kind", kind=kind)
    return vocab


def closure_reasons(kind: str) -> tuple[str, ...]:
    """Closure-reason codes of a case kind, in vocabulary order (for pick lists)."""
    return _closure_vocab(kind).codes


def validate_closure_reason(kind: str, reason: str) -> None:
    """Raise ``lifecycle.closure_reason`` unless ``reason`` is a closure code of ``kind``.

    Closure reasons drive follow-up statistics, so free text is not accepted.
    """
    if reason not in _closure_vocab(kind):
        raise ValidationError("Unknown closure reason", code="lifecycle.closure_reason",
                              kind=kind)
