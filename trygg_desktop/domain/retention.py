"""Retention rules (gallring, DOMAIN.md 6.5) as data, and the pure date arithmetic.

Why data: DOMAIN.md marks the SSPF/TREFAS retention times as the municipality's
own choice (dokumenthanteringsplan, [I]); only the social services personakt has a
statutory rule (SoL 12 kap. 1 §: five years after the last entry, carried out no
later than the calendar year after the duty arose). So every record type carries
a rule the archive manager can change, and this module only computes dates.

Two dates per record, as the law distinguishes them:

* ``due_date`` — the day the duty to dispose arises (start event + N years);
* ``deadline`` — 31 December of the calendar year after ``due_date``: the latest
  day the disposal may be carried out (SoL 12 kap. 1 § second sentence).

Never disposed, whatever the dates say: a record under legal hold, a case of a
person in the research sample (born on the 5th, 15th or 25th, SoF 7 kap.) when the
rule keeps the sample, and the audit log (its HMAC chain and external anchors
would break; this version keeps it — stated in the rule table and the README).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Record types (codes stored in retention_rule.record_type).
SSPF_CASE = "SSPF_CASE"
TREFAS_CASE = "TREFAS_CASE"
AVHOPP_CASE = "AVHOPP_CASE"
CONSENT = "CONSENT"
PROTOCOL = "PROTOCOL"
JOURNAL = "JOURNAL"
AUDIT_LOG = "AUDIT_LOG"

RECORD_TYPES = (SSPF_CASE, TREFAS_CASE, AVHOPP_CASE, CONSENT, PROTOCOL, JOURNAL, AUDIT_LOG)
CASE_RECORD_TYPES = {"SSPF": SSPF_CASE, "TREFAS": TREFAS_CASE, "AVHOPPARE": AVHOPP_CASE}
# Types whose disposal this version does not carry out, whatever the rule says.
NOT_DISPOSABLE = frozenset({AUDIT_LOG, JOURNAL})

# Start events: which date the N years run from.
CASE_CLOSED = "CASE_CLOSED"      # the day the case was closed
LAST_ENTRY = "LAST_ENTRY"        # the last entry in the case (journal, status change, closure)
CREATED = "CREATED"              # the record's own date (an event, an audit event)
CONSENT_ENDED = "CONSENT_ENDED"  # revocation date, else the consent's end date
MEETING_HELD = "MEETING_HELD"    # the meeting's date (a protocol)
START_EVENTS = (CASE_CLOSED, LAST_ENTRY, CREATED, CONSENT_ENDED, MEETING_HELD)

RESEARCH_SAMPLE_DAYS = frozenset({5, 15, 25})

# Why a due record is not disposed.
BLOCK_LEGAL_HOLD = "LEGAL_HOLD"
BLOCK_RESEARCH_SAMPLE = "RESEARCH_SAMPLE"


@dataclass(frozen=True, slots=True)
class Rule:
    """One retention rule. ``years`` counts from ``start_event``; ``enabled`` False
    means "never due under this rule" (e.g. items that follow their case)."""

    record_type: str
    years: int
    start_event: str
    enabled: bool = True
    research_sample: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """The dates of one record the rule may count from (None = not happened)."""

    closed_at: date | None = None
    last_entry: date | None = None
    created: date | None = None
    consent_ended: date | None = None
    meeting_held: date | None = None
    birth_date: date | None = None
    legal_hold: bool = False


# The defaults the migration seeds (see the README's rule table for the reasoning).
DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(SSPF_CASE, 5, CASE_CLOSED, True, False,
         "Dokumenthanteringsplan (kommunens beslut); SSPF hålls inte som personakt. Standard: 5 år efter avslut."),
    Rule(TREFAS_CASE, 5, CASE_CLOSED, True, False,
         "Dokumenthanteringsplan (kommunens beslut). Standard: 5 år efter avslut."),
    Rule(AVHOPP_CASE, 5, LAST_ENTRY, True, True,
         "SoL 12 kap. 1 § (personakt): 5 år efter sista anteckningen; forskningsurval SoF 7 kap."),
    Rule(CONSENT, 5, CONSENT_ENDED, False, False,
         "Följer ärendet. Kan slås på: upphört samtycke i pågående ärende gallras N år efter att det upphörde."),
    Rule(PROTOCOL, 5, MEETING_HELD, False, False,
         "Följer ärendet. Kan slås på: protokoll i pågående ärende gallras N år efter mötet."),
    Rule(JOURNAL, 5, LAST_ENTRY, False, False,
         "Följer ärendet (akten gallras som helhet från sista anteckningen); gallras inte post för post."),
    Rule(AUDIT_LOG, 10, CREATED, False, False,
         "Bevaras; gallras inte av denna version (HMAC-kedja och ankare)."),
)
DEFAULTS = {r.record_type: r for r in DEFAULT_RULES}


def add_years(day: date, years: int) -> date:
    """``day`` + ``years`` calendar years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def start_date(rule: Rule, facts: Facts) -> date | None:
    """The date the rule counts from, or None when the start event has not happened.

    LAST_ENTRY on a case counts only once the case is closed (an open personakt is
    still in use) and runs from the later of the closure and the last entry, so a
    correction written after closing restarts the time, as SoL 12 kap. 1 § reads.
    """
    if rule.start_event == CASE_CLOSED:
        return facts.closed_at
    if rule.start_event == LAST_ENTRY:
        if facts.closed_at is None and rule.record_type in CASE_RECORD_TYPES.values():
            return None
        dates = [d for d in (facts.closed_at, facts.last_entry) if d is not None]
        return max(dates) if dates else None
    if rule.start_event == CREATED:
        return facts.created
    if rule.start_event == CONSENT_ENDED:
        return facts.consent_ended
    if rule.start_event == MEETING_HELD:
        return facts.meeting_held
    raise ValueError(rule.start_event)


def due_date(rule: Rule, facts: Facts) -> date | None:
    """The day the duty to dispose arises, or None (rule off, not disposable, no start yet)."""
    if not rule.enabled or rule.record_type in NOT_DISPOSABLE or rule.years < 0:
        return None
    start = start_date(rule, facts)
    return None if start is None else add_years(start, rule.years)


def deadline(due: date) -> date:
    """Disposal is carried out no later than the calendar year after the duty arose."""
    return date(due.year + 1, 12, 31)


def in_research_sample(birth_date: date | None) -> bool:
    """SoF 7 kap.: people born on the 5th, 15th or 25th of any month are kept."""
    return birth_date is not None and birth_date.day in RESEARCH_SAMPLE_DAYS


def blocked_by(rule: Rule, facts: Facts) -> str | None:
    """Why a record that is due must still be kept, or None when it may be disposed."""
    if facts.legal_hold:
        return BLOCK_LEGAL_HOLD
    if rule.research_sample and in_research_sample(facts.birth_date):
        return BLOCK_RESEARCH_SAMPLE
    return None


def is_due(rule: Rule, facts: Facts, today: date) -> bool:
    due = due_date(rule, facts)
    return due is not None and due <= today


def validate_rule(record_type: str, years: int, enabled: bool) -> None:
    """Refuse rules this version cannot honour (raises ValueError with a stable code)."""
    if record_type not in RECORD_TYPES:
        raise ValueError("retention.unknown_type")
    if not 0 <= years <= 150:
        raise ValueError("retention.years_range")
    if enabled and record_type in NOT_DISPOSABLE:
        raise ValueError("retention.not_disposable")
