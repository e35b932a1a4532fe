"""Retention date arithmetic (domain/retention.py): table tests and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trygg_desktop.domain import retention as R
from trygg_desktop.domain import vocab
from trygg_desktop.domain.access import Act, Actor, Rec, capable

SSPF = R.DEFAULTS[R.SSPF_CASE]
AVHOPP = R.DEFAULTS[R.AVHOPP_CASE]


@pytest.mark.parametrize("rule, facts, expected", [
    # SSPF: 5 years after closure; the last entry does not matter.
    (SSPF, R.Facts(closed_at=date(2019, 3, 1), last_entry=date(2020, 1, 1)), date(2024, 3, 1)),
    (SSPF, R.Facts(closed_at=None, last_entry=date(2010, 1, 1)), None),           # open: never
    # Personakt: from the later of closure and the last entry (a late correction restarts it).
    (AVHOPP, R.Facts(closed_at=date(2019, 3, 1), last_entry=date(2020, 6, 30)), date(2025, 6, 30)),
    (AVHOPP, R.Facts(closed_at=date(2019, 3, 1), last_entry=date(2018, 1, 1)), date(2024, 3, 1)),
    (AVHOPP, R.Facts(closed_at=None, last_entry=date(2001, 1, 1)), None),          # still in use
    # Leap day: 29 Feb + 5 years is 28 Feb.
    (SSPF, R.Facts(closed_at=date(2020, 2, 29)), date(2025, 2, 28)),
    # Rules that are off, or types this version never disposes.
    (R.DEFAULTS[R.CONSENT], R.Facts(consent_ended=date(2000, 1, 1)), None),
    (R.Rule(R.CONSENT, 2, R.CONSENT_ENDED), R.Facts(consent_ended=date(2020, 5, 1)), date(2022, 5, 1)),
    (R.Rule(R.PROTOCOL, 3, R.MEETING_HELD), R.Facts(meeting_held=date(2020, 5, 1)), date(2023, 5, 1)),
    (R.Rule(R.AUDIT_LOG, 1, R.CREATED, enabled=True), R.Facts(created=date(2000, 1, 1)), None),
    (R.Rule(R.JOURNAL, 1, R.LAST_ENTRY, enabled=True), R.Facts(last_entry=date(2000, 1, 1)), None),
    (R.Rule(R.SSPF_CASE, 0, R.CASE_CLOSED), R.Facts(closed_at=date(2026, 1, 2)), date(2026, 1, 2)),
])
def test_due_date_table(rule: R.Rule, facts: R.Facts, expected: date | None) -> None:
    assert R.due_date(rule, facts) == expected


@pytest.mark.parametrize("due, deadline", [
    (date(2024, 3, 1), date(2025, 12, 31)),
    (date(2024, 12, 31), date(2025, 12, 31)),
    (date(2025, 1, 1), date(2026, 12, 31)),
])
def test_deadline_is_end_of_the_following_calendar_year(due: date, deadline: date) -> None:
    assert R.deadline(due) == deadline


def test_is_due_on_the_day_and_not_before() -> None:
    facts = R.Facts(closed_at=date(2019, 3, 1))
    assert not R.is_due(SSPF, facts, date(2024, 2, 29))
    assert R.is_due(SSPF, facts, date(2024, 3, 1))


@pytest.mark.parametrize("day, sampled", [(5, True), (15, True), (25, True), (4, False), (6, False),
                                          (16, False), (26, False), (1, False), (31, False)])
def test_research_sample_days(day: int, sampled: bool) -> None:
    born = date(2008, 1, day)
    assert R.in_research_sample(born) is sampled
    facts = R.Facts(closed_at=date(2010, 1, 1), birth_date=born)
    # Only a rule that keeps the sample blocks; the SSPF default does not (not a personakt).
    assert R.blocked_by(AVHOPP, facts) == (R.BLOCK_RESEARCH_SAMPLE if sampled else None)
    assert R.blocked_by(SSPF, facts) is None


def test_legal_hold_blocks_first_and_unknown_birth_date_is_not_sampled() -> None:
    assert R.blocked_by(AVHOPP, R.Facts(legal_hold=True, birth_date=date(2008, 1, 5))) == R.BLOCK_LEGAL_HOLD
    assert R.in_research_sample(None) is False


@given(closed=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
       years=st.integers(min_value=0, max_value=40),
       extra=st.integers(min_value=0, max_value=4000))
def test_properties_of_due_and_deadline(closed: date, years: int, extra: int) -> None:
    rule = R.Rule(R.SSPF_CASE, years, R.CASE_CLOSED)
    due = R.due_date(rule, R.Facts(closed_at=closed))
    assert due is not None
    assert due >= closed and due.year == closed.year + years
    assert abs((due - closed).days - round(365.2425 * years)) <= 2
    assert due < R.deadline(due) <= date(due.year + 1, 12, 31)
    # LAST_ENTRY never comes earlier than CASE_CLOSED, and moves with a later entry.
    personakt = R.Rule(R.AVHOPP_CASE, years, R.LAST_ENTRY)
    later = R.due_date(personakt, R.Facts(closed_at=closed, last_entry=closed + timedelta(days=extra)))
    assert later is not None and later >= due


def test_defaults_cover_every_type_and_vocabularies_agree() -> None:
    assert set(R.DEFAULTS) == set(R.RECORD_TYPES) == set(vocab.RETENTION_RECORD_TYPES.codes)
    assert set(R.START_EVENTS) == set(vocab.RETENTION_START_EVENTS.codes)
    assert {R.BLOCK_LEGAL_HOLD, R.BLOCK_RESEARCH_SAMPLE} == set(vocab.RETENTION_BLOCKS.codes)
    assert not R.DEFAULTS[R.AUDIT_LOG].enabled and R.AUDIT_LOG in R.NOT_DISPOSABLE
    assert "gallras inte" in R.DEFAULTS[R.AUDIT_LOG].source


def test_the_migration_seeds_the_same_defaults() -> None:
    import importlib.util
    from pathlib import Path
    path = Path(__file__).parents[2] / "migrations" / "versions" / "0004_retention_and_legal_hold.py"
    spec = importlib.util.spec_from_file_location("m0004", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    seeded = {t: (y, e, en, rs) for t, y, e, en, rs in module.DEFAULT_RULES}
    assert seeded == {r.record_type: (r.years, r.start_event, r.enabled, r.research_sample)
                      for r in R.DEFAULT_RULES}


@pytest.mark.parametrize("record_type, years, enabled, code", [
    ("NOPE", 5, True, "retention.unknown_type"),
    (R.SSPF_CASE, -1, True, "retention.years_range"),
    (R.SSPF_CASE, 151, True, "retention.years_range"),
    (R.AUDIT_LOG, 10, True, "retention.not_disposable"),
    (R.JOURNAL, 10, True, "retention.not_disposable"),
])
def test_validate_rule_refuses(record_type: str, years: int, enabled: bool, code: str) -> None:
    with pytest.raises(ValueError, match=code):
        R.validate_rule(record_type, years, enabled)
    R.validate_rule(R.SSPF_CASE, 7, False)  # a sane rule passes


def _actor(*roles: str) -> Actor:
    return Actor(1, "x", "SOC", frozenset(roles))


@pytest.mark.parametrize("roles, act, allowed", [
    (("ARKIVANSVARIG",), Act.APPROVE, True),
    (("ARKIVANSVARIG",), Act.UPDATE, True),
    (("ARKIVANSVARIG",), Act.EXPORT, True),
    (("SYSTEMADMIN",), Act.READ, True),
    (("SYSTEMADMIN",), Act.UPDATE, True),
    (("SYSTEMADMIN",), Act.APPROVE, False),
    (("SSPF_KOORDINATOR",), Act.READ, False),
    (("LOGGGRANSKARE",), Act.READ, False),
])
def test_retention_capabilities(roles: tuple[str, ...], act: Act, allowed: bool) -> None:
    assert capable(_actor(*roles), act, Rec.RETENTION) is allowed
    assert "ARKIVANSVARIG" in vocab.ROLES
    # The archive manager sees no case content.
    assert not capable(_actor("ARKIVANSVARIG"), Act.READ, Rec.CASE)
