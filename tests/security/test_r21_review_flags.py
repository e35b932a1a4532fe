"""R21: the log review report filters by user, case, person and period and flags what
deserves a second look; fixture logs give exactly the expected flagged rows.

The audit clock is moved to a known weekday morning (local time) so only the
flags a scenario provokes appear; one scenario moves it into the night and to a
Saturday for UNUSUAL_HOURS. Events come from the real services where the policy
allows the situation (reads, refusals, failed logins) and are appended with the
log's own ``AuditLog.append`` for what other features write (prints, emergency
access), so the chain stays valid throughout.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from trygg_desktop.domain.errors import AccessDenied, NotFound, PersonnummerError, ValidationError
from trygg_desktop.domain.holidays import days_off, is_day_off
from trygg_desktop.services import audit as audit_module
from trygg_desktop.services.database import unlock
from trygg_desktop.services.log_review import FLAG_KINDS, ReviewFilter, period_bounds, unusual_hours_sql
from trygg_desktop.store.models import AuditEvent, CaseAssignment
from trygg_desktop.domain.errors import WrongPassword

from ..conftest import PASSWORD, World, test_pnr
from ..scenarios import sspf_case


def _weekday_morning() -> datetime:
    """A Wednesday at least a week ahead, 10:00 local time, as an aware UTC instant (after every real
    assignment)."""
    day = date.today() + timedelta(days=7)
    while day.weekday() != 2 or is_day_off(day):   # Trettondedag jul can be a Wednesday
        day += timedelta(days=1)
    return datetime.combine(day, time(10, 0)).astimezone(timezone.utc)


class Clock:
    """The audit log's clock: ``at`` sets it, each event then moves it on by one second."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def at(self, when: datetime) -> None:
        self.now = when

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock(_weekday_morning())
    monkeypatch.setattr(audit_module, "utcnow", c)
    return c


def _local_day(utc: datetime) -> date:
    return utc.astimezone().date()


def _append(world: World, username: str | None, action: str, **kw) -> int:
    with world.db.session() as s:
        actor = world.actors[username] if username else None
        return world.db.audit.append(s, actor, action, **kw).seq


def _uid(world: World, username: str) -> int:
    return world.actors[username].user_id


@pytest.fixture
def fixture_log(world: World, clock: Clock) -> dict:
    """Every situation once; returns the seqs of the events to look for."""
    base = clock.now
    seqs: dict[str, int] = {}
    normal = sspf_case(world, agencies=("SOC", "SKOLA", "POLIS", "KRIMINALVARD"),
                       assign=("skola", "polis", "socialsekreterare", "kriminalvard"))
    protected = sspf_case(world, first="Sigrid", last="Lund", born=date(2012, 2, 2), protected="SKYDDAD_FOLKBOKFORING",
                          assign=("skola",))
    clock.at(base + timedelta(hours=1))
    world.as_("skola").case_view.open(normal.case_id)
    seqs["normal"] = _last_seq(world)
    world.as_("kriminalvard").case_view.open(normal.case_id)
    seqs["outside_unit"] = _last_seq(world)
    with pytest.raises(AccessDenied):
        world.as_("fritid").case_view.open(normal.case_id)
    seqs["denied_no_assignment"] = _last_seq(world)
    world.as_("skola").case_view.open(protected.case_id)
    seqs["protected"] = _last_seq(world)
    seqs["print"] = _append(world, "samordnare", "PROTOCOL_PRINT", entity="meeting", entity_id=1,
                            case_id=normal.case_id, person_id=normal.person_id)
    seqs["bulk"] = _append(world, "admin", "BULK_EXPORT", entity="database", flags=["BULK", "EXPORT"])
    seqs["emergency_grant"] = _append(world, "annan", "EMERGENCY_ACCESS", entity="case", case_id=normal.case_id,
                                      person_id=normal.person_id, flags=["EMERGENCY"])
    seqs["emergency_read"] = _append(world, "annan", "CASE_READ", entity="case", case_id=normal.case_id,
                                     person_id=normal.person_id, flags=["EMERGENCY"])
    # An assignment that ended: a read while it lasted is fine, one after it is not.
    with world.db.session() as s:
        a = s.scalar(select(CaseAssignment).where(CaseAssignment.case_id == normal.case_id,
                                                  CaseAssignment.user_id == _uid(world, "polis")))
        a.assigned_at, a.ended_at = base - timedelta(days=2), base + timedelta(hours=2)
    seqs["during_assignment"] = _append(world, "polis", "CASE_READ", entity="case", case_id=normal.case_id,
                                        person_id=normal.person_id)
    clock.at(base + timedelta(hours=3))
    seqs["after_assignment"] = _append(world, "polis", "CASE_READ", entity="case", case_id=normal.case_id,
                                       person_id=normal.person_id)
    # A failed login: counted by the throttle, written to the log at the next unlock.
    with pytest.raises(WrongPassword):
        unlock(world.path, "skola", "not the password", throttle=world.throttle())
    db2, _actor = unlock(world.path, "skola", PASSWORD, throttle=world.throttle())
    db2.close()
    seqs["failed_login"] = _find(world, "LOGIN_FAILED")
    # Night and weekend (local time).
    night = datetime.combine(_local_day(base), time(2, 30)).astimezone(timezone.utc)
    clock.at(night)
    seqs["night"] = _append(world, "skola", "CASE_READ", entity="case", case_id=normal.case_id,
                            person_id=normal.person_id)
    saturday = _local_day(base) + timedelta(days=3)
    clock.at(datetime.combine(saturday, time(12, 0)).astimezone(timezone.utc))
    seqs["saturday"] = _append(world, "skola", "CASE_READ", entity="case", case_id=normal.case_id,
                               person_id=normal.person_id)
    clock.at(datetime(2031, 1, 1, tzinfo=timezone.utc))  # what the tests do later (reports, refusals) falls outside the period
    return {"seqs": seqs, "normal": normal, "protected": protected, "day": _local_day(base),
            "saturday": saturday}


def _last_seq(world: World) -> int:
    with world.db.session() as s:
        return s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1))


def _find(world: World, action: str) -> int:
    with world.db.session() as s:
        return s.scalar(select(AuditEvent.seq).where(AuditEvent.action == action).order_by(AuditEvent.seq.desc()))


def _report(world: World, log: dict, **kw):
    return world.as_("granskare").log_review.report(ReviewFilter(log["day"] - timedelta(days=1), log["saturday"],
                                                                 **kw))


EXPECTED = {
    "normal": set(),
    "outside_unit": {"OUTSIDE_UNIT"},
    "denied_no_assignment": {"DENIED", "NO_ASSIGNMENT"},
    "protected": {"PROTECTED_IDENTITY"},
    "print": {"PRINT_EXPORT"},
    "bulk": {"PRINT_EXPORT"},
    "emergency_grant": {"EMERGENCY", "OUTSIDE_UNIT", "NO_ASSIGNMENT"},
    "emergency_read": {"EMERGENCY", "OUTSIDE_UNIT", "NO_ASSIGNMENT"},
    "during_assignment": set(),
    "after_assignment": {"NO_ASSIGNMENT"},
    "failed_login": {"FAILED_LOGIN"},
    "night": {"UNUSUAL_HOURS"},
    "saturday": {"UNUSUAL_HOURS"},
}


def test_each_situation_gets_exactly_its_flags(world: World, fixture_log: dict) -> None:
    report = _report(world, fixture_log)
    by_seq = {r.seq: r for r in report.rows}
    for name, seq in fixture_log["seqs"].items():
        assert seq in by_seq, name
        assert set(by_seq[seq].flags) == EXPECTED[name], name
    # The case reference travels with case events; the failed login names the account tried.
    assert by_seq[fixture_log["seqs"]["outside_unit"]].case_reference == fixture_log["normal"].reference
    assert by_seq[fixture_log["seqs"]["failed_login"]].username == "skola"
    # Counts cover the whole period and agree with the rows.
    for kind in FLAG_KINDS:
        assert report.count(kind) == sum(1 for r in report.rows if kind in r.flags), kind
    assert report.flagged_events == sum(1 for r in report.rows if r.flags)
    assert report.total_events == len(report.rows)
    users = {u.username: u for u in report.users}
    assert dict(users["annan"].counts)["EMERGENCY"] == 2
    assert users["skola"].flagged >= 3  # protected, failed login, night, saturday


def test_public_holidays_and_eves_are_unusual_hours(world: World, clock: Clock) -> None:
    """Ten in the morning on Ascension Day (a Thursday) or on Christmas Eve is as unusual as a
    Sunday; the Wednesday before Ascension Day is a working day."""
    year = date.today().year + 1
    while date(year, 12, 24).weekday() >= 5:           # a Christmas Eve on a weekday
        year += 1
    ascension = next(d for d, name in days_off(year).items() if name == "Kristi himmelsfärdsdag")
    case = sspf_case(world)
    seqs = {}
    for name, day in (("workday", ascension - timedelta(days=1)), ("ascension", ascension),
                      ("christmas_eve", date(year, 12, 24))):
        clock.at(datetime.combine(day, time(10, 0)).astimezone(timezone.utc))
        seqs[name] = _append(world, "skola", "CASE_READ", entity="case", case_id=case.case_id,
                             person_id=case.person_id)
    report = world.as_("granskare").log_review.report(ReviewFilter(ascension - timedelta(days=1),
                                                                   date(year, 12, 24)))
    unusual = {r.seq: "UNUSUAL_HOURS" in r.flags for r in report.rows}
    assert unusual == {seqs["workday"]: False, seqs["ascension"]: True, seqs["christmas_eve"]: True}


def test_filters_user_person_case_action_and_flagged_only(world: World, fixture_log: dict) -> None:
    seqs, normal = fixture_log["seqs"], fixture_log["normal"]
    only_skola = _report(world, fixture_log, username="skola")
    assert {r.username for r in only_skola.rows} == {"skola"}
    assert seqs["failed_login"] in {r.seq for r in only_skola.rows}
    flagged = _report(world, fixture_log, flags_only=True)
    assert all(r.flags for r in flagged.rows)
    assert seqs["normal"] not in {r.seq for r in flagged.rows}
    assert flagged.total_events == _report(world, fixture_log).total_events
    by_case = _report(world, fixture_log, case_id=fixture_log["protected"].case_id)
    assert by_case.rows and all(r.case_id == fixture_log["protected"].case_id for r in by_case.rows)
    by_person = _report(world, fixture_log, person_pnr=test_pnr(2011, 5, 3, _serial("Alva", "Berg", date(2011, 5, 3))))
    assert by_person.rows and {r.case_id for r in by_person.rows if r.case_id} == {normal.case_id}
    assert by_person.person_label
    by_action = _report(world, fixture_log, action="access_denied")
    assert [r.seq for r in by_action.rows] == [seqs["denied_no_assignment"]]
    # Before the fixture's days nothing at all.
    empty = world.as_("granskare").log_review.report(ReviewFilter(date(2020, 1, 1), date(2020, 1, 31)))
    assert empty.total_events == 0 and not empty.rows and empty.flagged_events == 0
    # The row limit cuts the list, never the counts.
    full = _report(world, fixture_log)
    short = _report(world, fixture_log, limit=3)
    assert len(short.rows) == 3 and short.truncated and not full.truncated
    assert [r.seq for r in short.rows] == [r.seq for r in full.rows[:3]]
    assert short.counts == full.counts and short.total_events == full.total_events


def _serial(first: str, last: str, born: date) -> int:
    import zlib
    return 980 + zlib.crc32(f"{first}|{last}|{born}".encode()) % 20


def test_only_the_log_reviewer_and_the_report_is_logged(world: World) -> None:
    with pytest.raises(AccessDenied):
        _report_as(world, "samordnare")
    with pytest.raises(AccessDenied):
        _report_as(world, "admin")
    _report_as(world, "granskare")
    with world.db.session() as s:
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(4)))
    assert events[0].action == "AUDIT_REPORT" and events[0].username == "granskare"
    assert any(e.action == "ACCESS_DENIED" and e.username == "admin" for e in events)


def _report_as(world: World, username: str):
    return world.as_(username).log_review.report(ReviewFilter(date(2026, 1, 1), date(2026, 12, 31)))


def test_bad_input_is_refused(world: World) -> None:
    service = world.as_("granskare").log_review
    with pytest.raises(ValidationError) as exc:
        service.report(ReviewFilter(date(2026, 11, 2), date(2026, 11, 1)))
    assert exc.value.code == "review.period"
    with pytest.raises(PersonnummerError):
        service.report(ReviewFilter(date(2026, 11, 1), date(2026, 11, 30), person_pnr="20110503-0000"))
    with pytest.raises(NotFound) as missing:
        service.report(ReviewFilter(date(2026, 11, 1), date(2026, 11, 30), person_pnr=test_pnr(1990, 1, 1)))
    assert missing.value.code == "person.not_found"


def test_unusual_hours_lookup_matches_local_time() -> None:
    """The hour table equals a direct local-time check for every 15 minutes of a month with a DST change."""
    start, end = period_bounds(date(2026, 10, 20), date(2026, 11, 3))
    sql = unusual_hours_sql(start, end)
    assert "localtime" not in sql
    hour_keys = set(sql.split("IN (", 1)[1].split(")", 1)[0].replace("'", "").split(", "))
    t = start
    while t < end:
        local = t.astimezone()
        unusual = local.weekday() >= 5 or not time(7) <= local.time() < time(19)
        assert (t.strftime("%Y-%m-%d %H") in hour_keys) == unusual, t
        t += timedelta(minutes=15)


def test_real_emergency_access_is_flagged(world: World, clock: Clock) -> None:
    """The emergency access feature's own events: the grant and every read under it."""
    built = sspf_case(world)
    clock.at(_weekday_morning() + timedelta(hours=1))
    annan = world.as_("annan")
    with pytest.raises(AccessDenied):
        annan.case_view.open(built.case_id)
    annan.emergency.grant(built.case_id, "ACUTE_RISK", "Polisen ringer om akut hot mot den unge i kväll")
    annan.case_view.open(built.case_id)
    day = _local_day(clock.now)
    clock.at(datetime(2031, 1, 1, tzinfo=timezone.utc))
    report = world.as_("granskare").log_review.report(ReviewFilter(day, day, username="annan"))
    by_action = {r.action: set(r.flags) for r in report.rows}
    assert by_action["EMERGENCY_ACCESS"] >= {"EMERGENCY", "OUTSIDE_UNIT", "NO_ASSIGNMENT"}
    assert by_action["CASE_READ"] >= {"EMERGENCY", "OUTSIDE_UNIT", "NO_ASSIGNMENT"}
    assert "UNUSUAL_HOURS" not in by_action["CASE_READ"]
    assert report.count("EMERGENCY") >= 2
