"""The access policy: one function answers "may this user do this to this record".

Secrecy between agencies is law (OSL), so the answer is built from four facts,
in this order, and the first "no" wins:

1. capability — does any of the user's roles allow this action on this kind of
   record at all (the table below; SYSTEMADMIN sees no case content, STYRGRUPP
   only statistics, LOGGGRANSKARE only the audit log);
2. case connection (ärendekoppling) — is the user the case's coordinator in its
   unit, its responsible worker, or actively assigned to it; TREFAS and avhoppare
   cases additionally require membership of the case's unit (restricted modules);
3. agency gate — a user from another agency than the case-owning one sees an SSPF
   case only while a VALID consent covers that agency (revocation and expiry stop
   sharing at once; nothing is deleted);
4. the record itself — agency-internal records are for their own agency; shared
   records reach other agencies only within the consent's information categories;
   threat assessments are restricted further.

Emergency access (nödåtkomst, DOMAIN 6.6) is a fifth, narrow kind of case
connection, "EMERGENCY": a user with a case-work role and an active, reasoned
grant (``CaseFacts.emergency_user_ids``) may READ an SSPF case of their OWN
agency and nothing else — no change, print or export; other agencies' records
then follow the participant rules (agency-internal ones stay hidden, shared ones
only under the consent). It never crosses an agency boundary (secrecy between
agencies is law) and never opens TREFAS/avhoppare cases, whose legal basis is
membership of the collaboration's unit.

The service layer gathers the facts (``CaseFacts``, ``RecordFacts``) and calls
``decide`` before every read and write; the UI only mirrors the answers. The aggregated
views (follow-up statistics, EST) have their own rules beside this one, in
``access_aggregates``, on the same capability table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from .vocab import CASE_WORK_ROLES


class Act(StrEnum):
    READ = "READ"
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    CHANGE_STATUS = "CHANGE_STATUS"
    APPROVE = "APPROVE"
    PRINT = "PRINT"
    EXPORT = "EXPORT"
    DELETE = "DELETE"


class Rec(StrEnum):
    PERSON = "PERSON"
    CASE = "CASE"
    CONSENT = "CONSENT"
    ASSESSMENT = "ASSESSMENT"
    RISK_LEVEL = "RISK_LEVEL"
    THREAT_ASSESSMENT = "THREAT_ASSESSMENT"
    CONDITIONS = "CONDITIONS"
    PLAN = "PLAN"
    MEETING = "MEETING"
    PROTOCOL = "PROTOCOL"
    JOURNAL = "JOURNAL"
    DISCLOSURE = "DISCLOSURE"
    CASE_HISTORY = "CASE_HISTORY"
    AUDIT_LOG = "AUDIT_LOG"
    USER_ACCOUNT = "USER_ACCOUNT"
    STATISTICS = "STATISTICS"
    BULK = "BULK"
    INTEGRITY = "INTEGRITY"
    # Gallring: retention rules, legal holds, the due list and the disposal log.
    # Metadata only (case references, dates, counts), never case content.
    RETENTION = "RETENTION"
    # EST (DOMAIN 5): places and situations, never persons or cases. Incidents, the bulk
    # import of incidents, the set-up (areas, places, categories), the lägesbild, and the
    # actions decided in the lägesbild meeting. Scope per role: ``decide_est``.
    EST_INCIDENT = "EST_INCIDENT"
    EST_IMPORT = "EST_IMPORT"
    EST_SETUP = "EST_SETUP"
    EST_PICTURE = "EST_PICTURE"
    EST_ACTION = "EST_ACTION"
    EST_MEETING = "EST_MEETING"


# Records that belong to a case: access needs the case connection.
CASE_BOUND = frozenset({
    Rec.CASE, Rec.CONSENT, Rec.ASSESSMENT, Rec.RISK_LEVEL, Rec.THREAT_ASSESSMENT, Rec.CONDITIONS,
    Rec.PLAN, Rec.MEETING, Rec.PROTOCOL, Rec.JOURNAL, Rec.DISCLOSURE, Rec.CASE_HISTORY,
})

R, C, U, S, A, P, E, D = (Act.READ, Act.CREATE, Act.UPDATE, Act.CHANGE_STATUS, Act.APPROVE,
                          Act.PRINT, Act.EXPORT, Act.DELETE)

_COORDINATOR = {
    Rec.PERSON: {R, C, U}, Rec.CASE: {R, C, U, S, P, E}, Rec.CONSENT: {R, C, U},
    Rec.ASSESSMENT: {R, C}, Rec.RISK_LEVEL: {R}, Rec.PLAN: {R, C, U, P}, Rec.MEETING: {R, C, U},
    Rec.PROTOCOL: {R, U, P}, Rec.JOURNAL: {R, C, P}, Rec.DISCLOSURE: {R, C},
    Rec.CASE_HISTORY: {R}, Rec.STATISTICS: {R, P, E},
}

# Capability table: role → record kind → actions. Data, so the table-driven tests
# and the README's role matrix read the same source.
CAPABILITIES: dict[str, dict[Rec, set[Act]]] = {
    "SSPF_KOORDINATOR": _COORDINATOR,
    "TREFAS_KOORDINATOR": {**_COORDINATOR, Rec.RISK_LEVEL: {R, C}},
    "AVHOPPARSAMORDNARE": {**_COORDINATOR, Rec.THREAT_ASSESSMENT: {R, C}, Rec.CONDITIONS: {R, C, U}},
    "HANDLAGGARE": {
        Rec.PERSON: {R, C, U}, Rec.CASE: {R, C, U, P}, Rec.CONSENT: {R, C, U}, Rec.ASSESSMENT: {R, C},
        Rec.RISK_LEVEL: {R}, Rec.CONDITIONS: {R}, Rec.PLAN: {R, U}, Rec.MEETING: {R},
        Rec.PROTOCOL: {R, P}, Rec.JOURNAL: {R, C, P}, Rec.DISCLOSURE: {R, C},
    },
    "KONTAKTPERSON": {
        Rec.PERSON: {R}, Rec.CASE: {R}, Rec.CONSENT: {R}, Rec.ASSESSMENT: {R, C},
        Rec.RISK_LEVEL: {R, C}, Rec.THREAT_ASSESSMENT: {R, C}, Rec.PLAN: {R, U}, Rec.MEETING: {R},
        Rec.PROTOCOL: {R}, Rec.JOURNAL: {R, C},
    },
    "ORDFORANDE": {
        Rec.PERSON: {R}, Rec.CASE: {R}, Rec.CONSENT: {R}, Rec.ASSESSMENT: {R}, Rec.PLAN: {R, C, U},
        Rec.MEETING: {R, C, U}, Rec.PROTOCOL: {R, U, A, P}, Rec.JOURNAL: {R},
    },
    "SEKRETERARE": {
        Rec.PERSON: {R}, Rec.CASE: {R}, Rec.CONSENT: {R}, Rec.PLAN: {R, U}, Rec.MEETING: {R, U},
        Rec.PROTOCOL: {R, U, P}, Rec.JOURNAL: {R},
    },
    "JUSTERARE": {
        Rec.PERSON: {R}, Rec.CASE: {R}, Rec.CONSENT: {R}, Rec.MEETING: {R}, Rec.PROTOCOL: {R, A},
    },
    # Follow-up statistics (DOMAIN 7): aggregated, suppressed tables only; PRINT is the PDF,
    # EXPORT the CSV of the suppressed tables. Scope per role: ``statistics_scope``.
    "STYRGRUPP": {Rec.STATISTICS: {R, P, E}},
    # INTEGRITY: run the chain and page checks; the result holds sequence and page
    # numbers only, so IT may run it without seeing who read what.
    "SYSTEMADMIN": {Rec.USER_ACCOUNT: {R, C, U, D}, Rec.BULK: {R, C, E}, Rec.INTEGRITY: {R},
                    Rec.RETENTION: {R, U}},
    "LOGGGRANSKARE": {Rec.AUDIT_LOG: {R, P, E}, Rec.INTEGRITY: {R}},
    # Gallring (DOMAIN 6.5): configures rules and holds, approves a disposal run
    # (APPROVE), hands records to the e-archive (EXPORT). Admins configure and see
    # the dry run but cannot approve: deletion needs the archive function's decision.
    "ARKIVANSVARIG": {Rec.RETENTION: {R, U, A, E}},
    # EST (DOMAIN 5): the coordinator (trygghetssamordnare) owns areas, categories, actions
    # and the weekly picture, and imports reporting tools' exports; PRINT is the PDF,
    # EXPORT the picture's JSON. No case content at all.
    "TRYGGHETSSAMORDNARE": {Rec.EST_INCIDENT: {R, C, U}, Rec.EST_IMPORT: {C}, Rec.EST_SETUP: {R, C, U},
                            Rec.EST_PICTURE: {R, P, E}, Rec.EST_ACTION: {R, C, U},
                            Rec.EST_MEETING: {R, C, U, A, P}},
    # A reporter (rapportör) of any agency registers incidents and reads the joint picture;
    # they read and change their own agency's incidents and actions only (``decide_est``).
    "EST_RAPPORTOR": {Rec.EST_INCIDENT: {R, C, U}, Rec.EST_SETUP: {R}, Rec.EST_PICTURE: {R, P},
                      Rec.EST_ACTION: {R, U}, Rec.EST_MEETING: {R, P}},
}

COORDINATOR_ROLES = {"SSPF": "SSPF_KOORDINATOR", "TREFAS": "TREFAS_KOORDINATOR",
                     "AVHOPPARE": "AVHOPPARSAMORDNARE"}
RESTRICTED_KINDS = frozenset({"TREFAS", "AVHOPPARE"})

#: Roles whose work spans every case by design, so PostgreSQL's row-level security (revision
#: 0017) lets their transactions see every case's rows: the system administrator's bulk work
#: (demo, import), gallring, the steering group's aggregates. The service layer is their guard.
ALL_CASE_ROWS_ROLES = frozenset({"SYSTEMADMIN", "ARKIVANSVARIG", "STYRGRUPP"})


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: taken from the user's account at unlock, immutable for the session."""

    user_id: int
    username: str
    agency: str
    roles: frozenset[str]
    unit_ids: frozenset[int] = frozenset()
    display_name: str = ""

    @property
    def role_label(self) -> str:
        return ",".join(sorted(self.roles))


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the policy needs to know about a case, gathered by the service."""

    case_id: int
    kind: str
    unit_id: int
    case_agency: str
    responsible_user_id: int | None = None
    assigned_user_ids: frozenset[int] = frozenset()
    consent_status: str = "NONE"
    consent_agencies: frozenset[str] = frozenset()
    consent_categories: frozenset[str] = frozenset()
    closed: bool = False
    # Users holding an active emergency grant (nödåtkomst) to this case.
    emergency_user_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """Facts about one piece of case information."""

    owning_agency: str | None = None
    visibility: str = "SHARED"
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str = "access.allowed"
    level: str = field(default="NONE")  # NONE | EMERGENCY | PARTICIPANT | OWNER: the case connection found

    def __bool__(self) -> bool:
        return self.allowed


def capable(actor: Actor, act: Act, rec: Rec) -> bool:
    return any(act in CAPABILITIES.get(role, {}).get(rec, ()) for role in actor.roles)


def may_use_emergency_access(actor: Actor, case: CaseFacts) -> bool:
    """Whether an emergency grant can connect ``actor`` to ``case`` at all: a case-work
    role, the case-owning agency, and not a restricted (TREFAS/avhoppare) module."""
    return (bool(actor.roles & CASE_WORK_ROLES) and actor.agency == case.case_agency
            and case.kind not in RESTRICTED_KINDS)


def case_connection(actor: Actor, case: CaseFacts) -> str:
    """OWNER (coordinator in the unit, or responsible), PARTICIPANT (assigned),
    EMERGENCY (an active nödåtkomst grant and nothing else), or NONE."""
    in_unit = case.unit_id in actor.unit_ids
    if actor.user_id == case.responsible_user_id:
        return "OWNER"
    if COORDINATOR_ROLES.get(case.kind) in actor.roles and in_unit:
        return "OWNER"
    if actor.user_id in case.assigned_user_ids:
        if case.kind in RESTRICTED_KINDS and not in_unit:
            return "NONE"
        return "PARTICIPANT"
    if actor.user_id in case.emergency_user_ids and may_use_emergency_access(actor, case):
        return "EMERGENCY"
    return "NONE"


def consent_covers(case: CaseFacts, agency: str, category: str | None = None) -> bool:
    if case.consent_status != "VALID" or agency not in case.consent_agencies:
        return False
    return category is None or category in case.consent_categories


def decide(actor: Actor, act: Act, rec: Rec, case: CaseFacts | None = None,
           record: RecordFacts | None = None) -> Decision:
    """The single answer to "may ``actor`` do ``act`` to this ``rec``"."""
    if not capable(actor, act, rec):
        return Decision(False, "access.no_capability")
    if rec not in CASE_BOUND:
        return Decision(True)
    if case is None:
        # Case-bound kinds without a case: only the act of creating a case (a referral).
        if rec is Rec.CASE and act is Act.CREATE:
            return Decision(True)
        return Decision(False, "access.not_in_case")

    level = case_connection(actor, case)
    if level == "NONE":
        return Decision(False, "access.not_in_case")
    if level == "EMERGENCY" and act is not Act.READ:
        # Break-the-glass is for reading in an emergency: no change, print or export.
        return Decision(False, "access.emergency_read_only", level)
    own_agency = actor.agency == case.case_agency
    if not own_agency and case.kind not in RESTRICTED_KINDS and not consent_covers(case, actor.agency):
        return Decision(False, "access.consent_missing", level)

    if rec is Rec.THREAT_ASSESSMENT:
        assessor = record is not None and record.owning_agency == actor.agency
        if not ("AVHOPPARSAMORDNARE" in actor.roles and level == "OWNER") and not (
                act is Act.CREATE and actor.agency in ("POLIS", "SOC")) and not (act is Act.READ and assessor):
            return Decision(False, "access.restricted", level)

    if rec in (Rec.CONSENT,) and act is not Act.READ and not (level == "OWNER" or own_agency):
        return Decision(False, "access.consent_owner_only", level)
    if rec is Rec.CASE and act in (Act.CHANGE_STATUS, Act.UPDATE) and level != "OWNER" and not (
            own_agency and "HANDLAGGARE" in actor.roles):
        return Decision(False, "access.owner_only", level)

    if record is not None:
        decision = _record_rule(actor, act, rec, case, record, level)
        if decision is not None:
            return decision
    return Decision(True, "access.allowed", level)


def _record_rule(actor: Actor, act: Act, rec: Rec, case: CaseFacts, record: RecordFacts,
                 level: str) -> Decision | None:
    if record.owning_agency == actor.agency:
        return None
    if record.owning_agency is None:
        # A record of the whole collaboration (a goal, a shared agenda note): no agency owns
        # it, but its information category still decides whether the consent lets this
        # agency see it (a health goal is not police information because nobody owns it).
        if (record.category is None or act not in (Act.READ, Act.PRINT) or actor.agency == case.case_agency
                or case.kind in RESTRICTED_KINDS or consent_covers(case, actor.agency, record.category)):
            return None
        return Decision(False, "access.category_outside_consent", level)
    if act is not Act.READ and act is not Act.PRINT:
        # Another agency's record is changed only by the case owner (e.g. the
        # coordinator updating the plan in the meeting), never by a participant.
        if level == "OWNER" and rec in (Rec.PLAN, Rec.MEETING, Rec.PROTOCOL):
            return None
        return Decision(False, "access.other_agency_record", level)
    if record.visibility == "INTERNAL":
        return Decision(False, "access.internal_record", level)
    if case.kind in RESTRICTED_KINDS:
        return None  # shared within the collaboration's unit: the legal basis is the collaboration
    if actor.agency == case.case_agency and level == "OWNER":
        # The case-owning agency (the coordinator) sees shared records that other
        # agencies contributed under the consent, within the consent's categories.
        if consent_covers(case, record.owning_agency, record.category):
            return None
        return Decision(False, "access.category_outside_consent", level)
    if consent_covers(case, actor.agency, record.category) and consent_covers(case, record.owning_agency):
        return None
    return Decision(False, "access.category_outside_consent", level)


def may_see_protected_details(actor: Actor, case: CaseFacts | None) -> bool:
    """Who may have address, school, placement and contact details of a person with
    protected identity (DOMAIN 6.7) shown, through ``case``: only the case's owner in the
    case-owning agency (its responsible worker, or the kind's coordinator in its unit),
    who keeps in touch with the young person and the family. Not another agency, not a
    participant merely assigned to the case (a handläggare among them), not emergency
    access, not administrators. Even the owner sees them only on an explicit, audited
    request (``PersonService.reveal_protected``); every ordinary read hides them."""
    return case is not None and case_connection(actor, case) == "OWNER" and actor.agency == case.case_agency


def may_see_full_personnummer(actor: Actor) -> bool:
    """Lists mask personnummer unless the role registers or verifies identities."""
    return bool(actor.roles & {"SSPF_KOORDINATOR", "TREFAS_KOORDINATOR", "AVHOPPARSAMORDNARE", "HANDLAGGARE"})


def may_compile_extract(actor: Actor, readable_cases: Iterable[CaseFacts]) -> Decision:
    """Who may compile a registerutdrag (GDPR art. 15) about a person (docs/decisions.md).

    Someone who registers persons (the capability to create them) *and* who may read a
    case the person is connected to: their own case, or a child's case they are a
    guardian in. Anyone else is refused, however senior: that a person has a case in
    another unit, or a TREFAS or defector case at all, is itself secret, so an
    unconnected compiler must not learn it from an extract, not even as "withheld"."""
    if not capable(actor, Act.CREATE, Rec.PERSON):
        return Decision(False, "access.no_capability")
    if not any(decide(actor, Act.READ, Rec.CASE, c) for c in readable_cases):
        return Decision(False, "access.extract_not_connected")
    return Decision(True)
