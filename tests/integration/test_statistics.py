"""Follow-up statistics for the steering group (DOMAIN 7): figures against hand-counted data
built with the real services, small-number suppression, the access rule, the audit trail,
no personal data in the report, the PDF, the CSV and the CLI.

The data (built once per module, copied per test): report period T2 2026 (May–August), the
report made on the world's "today" 2026-11-22. Services are run "on" earlier days where a
step must lie in the past (a closure on 1 July is only possible as a service on 1 July).

SSPF (SSPF Tureberg)
  * 10 referred 4 May by the school, HOG_FRANVARO, born 2011 (15 at referral), 6 girls and 4
    boys; consent signed 14 May (10 days), kartläggning recorded 24 May (20 days); one of
    them closed 1 July (MAL_UPPNATT); five had a network meeting on 10 June; one got a
    plan on 10 June (36 days) with five SOC actions due 15 July, follow-up 20 July: three
    done, one not done, one still planned (overdue);
  * 3 referred 1 June by the police (MISSTANKE_BROTT), boys born 2010, no consent: the "3"
    that must print as <5 and stay hidden;
  * 2 referred 15 January (T1 2026) by social services, still open ("from earlier").
TREFAS: 6 referred 20 May by the police, men born 2005. Avhoppare: 1 referred 5 May
(OTHER), threat assessed HOG on 6 May and MEDEL on 1 July, two breaches in June.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import stat
from datetime import date, datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from trygg_desktop.cli import main
from trygg_desktop.domain.errors import AccessDenied, ValidationError
from trygg_desktop.domain.periods import Period
from trygg_desktop.domain.suppression import SuppressedTable, attack_bounds
from trygg_desktop.reports.statistics_pdf import MARKING, chart_drawing, chart_svg, render_statistics
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.consents import ConsentInput
from trygg_desktop.services.database import actor_for, unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.services.plans import ActionInput
from trygg_desktop.services.assessments import ItemInput
from trygg_desktop.services.statistics import StatisticsService, csv_bytes
from trygg_desktop.services.statistics_dto import FollowUpReport
from trygg_desktop.store.models import AuditEvent, Case, Person, Unit, User
from trygg_desktop.vault.throttle import Throttle

from ..conftest import ADMIN_PASSWORD, PASSWORD, TODAY, World, copy_database, test_pnr

T2 = Period.tertial(2026, 2)
KINDS = ("SSPF", "TREFAS", "AVHOPPARE")


def _at(db, actor, day: date) -> Services:
    return Services(db, actor, today=day)


def _build(world: World) -> dict[str, list]:
    """The module's data set (see the module docstring); returns names, pnrs and references."""
    db, actors, units = world.db, world.actors, world.units
    made: dict[str, list] = {"names": [], "pnrs": [], "refs": []}

    def person(services: Services, first: str, last: str, born: date, gender: str) -> int:
        pnr = test_pnr(born.year, born.month, born.day, 981)  # every birth date here is different
        made["names"] += [first, last]
        made["pnrs"].append(pnr)
        return services.persons.register(PersonInput(first, last, pnr=pnr, legal_gender=gender)).id

    def case(services: Services, kind: str, pid: int, unit: str, referred: date, agency: str,
             concerns: tuple[str, ...] = ()) -> int:
        c = services.cases.create(Referral(kind=kind, person_id=pid, unit_id=units[unit], referral_date=referred,
                                           referring_agency=agency, concerns=concerns))
        made["refs"].append(c.reference)
        return c.id

    coord = actors["samordnare"]
    may14, may24, jun10 = date(2026, 5, 14), date(2026, 5, 24), date(2026, 6, 10)
    school_cases = []
    for i in range(10):
        s = _at(db, coord, date(2026, 5, 4))
        pid = person(s, f"Skolelev{chr(65 + i)}", "Statistiksson", date(2011, 3, 1 + i),
                     "KVINNA" if i < 6 else "MAN")
        cid = case(s, "SSPF", pid, "SSPF Tureberg", date(2026, 5, 4), "SKOLA", ("HOG_FRANVARO",))
        s.cases.change_status(cid, "FORHANDSBEDOMNING")
        s.cases.change_status(cid, "SAMTYCKE_INHAMTAS")
        s = _at(db, coord, may14)
        consent = s.consents.create(ConsentInput(
            case_id=cid, purpose="SSPF-samverkan", scope_agencies=(("SOC", ""), ("SKOLA", "")),
            scope_information=("SKOLGANG_NARVARO",), valid_from=may14, valid_to=date(2027, 5, 13),
            joint_custody=False, single_guardian_exception="Ensam vårdnad enligt dom"))
        s.consents.sign(consent.id, "GUARDIAN_1", may14)
        s.consents.sign(consent.id, "YOUTH", may14)
        s.cases.change_status(cid, "KARTLAGGNING")
        _at(db, coord, may24).assessments.add_assessment(cid, may24, [ItemInput("SKOLA", 2, 1)])
        school_cases.append(cid)
    s = _at(db, coord, jun10)
    for cid in school_cases[:5]:
        s.meetings.create(MeetingInput("NATVERKSMOTE", datetime.combine(jun10, time(14)), case_id=cid))
    plan = s.plans.new_version(school_cases[0], jun10)
    actions = [s.plans.add_action(plan.id, ActionInput(f"Insats {n}", "SOC", due_date=date(2026, 7, 15),
                                                       follow_up_date=date(2026, 7, 20))).id for n in range(5)]
    s = _at(db, coord, date(2026, 7, 16))
    for action_id in actions[:3]:
        s.plans.set_action_status(action_id, "GENOMFORD")
    s.plans.set_action_status(actions[3], "EJ_GENOMFORD", reason="Familjen tackade nej")
    _at(db, coord, date(2026, 7, 1)).cases.change_status(school_cases[9], "AVSLUTAD", reason="MAL_UPPNATT")

    s = _at(db, coord, date(2026, 6, 1))
    for i in range(3):
        pid = person(s, f"Polisfall{chr(65 + i)}", "Statistiksson", date(2010, 1, 11 + i), "MAN")
        case(s, "SSPF", pid, "SSPF Tureberg", date(2026, 6, 1), "POLIS", ("MISSTANKE_BROTT",))
    s = _at(db, coord, date(2026, 1, 15))
    for i in range(2):
        pid = person(s, f"Tidigare{chr(65 + i)}", "Statistiksson", date(2012, 2, 14 + i), "KVINNA")
        case(s, "SSPF", pid, "SSPF Tureberg", date(2026, 1, 15), "SOC")

    s = _at(db, actors["trefas"], date(2026, 5, 20))
    for i in range(6):
        pid = person(s, f"Trefas{chr(65 + i)}", "Statistiksson", date(2005, 4, 1 + i), "MAN")
        case(s, "TREFAS", pid, "TREFAS Sollentuna", date(2026, 5, 20), "POLIS", ("MISSTANKE_BROTT",))

    s = _at(db, actors["avhopparsamordnare"], date(2026, 5, 6))
    pid = person(s, "Defektor", "Statistiksson", date(2001, 9, 9), "MAN")
    avh = case(s, "AVHOPPARE", pid, "Avhopparverksamhet", date(2026, 5, 5), "OTHER")
    s.assessments.add_threat_assessment(avh, "HOG", date(2026, 5, 6))
    conditions = s.assessments.set_conditions(avh, ["Inga nya brott", "Drogtester"], signed_at=date(2026, 5, 6))
    s = _at(db, actors["avhopparsamordnare"], date(2026, 7, 1))
    s.assessments.add_breach(conditions.id, date(2026, 6, 3), "Positivt drogtest")
    s.assessments.add_breach(conditions.id, date(2026, 6, 20), "Uteblev från samtal")
    s.assessments.add_threat_assessment(avh, "MEDEL", date(2026, 7, 1))
    return made


@pytest.fixture(scope="module")
def stats_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("stats")
    path = copy_database(template_db, folder)
    state = folder / "state"
    state.mkdir()
    db, _admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(state / "throttle.json"))
    try:
        with db.session() as s:
            actors = {u.username: actor_for(u) for u in s.scalars(select(User))}
        units = {u.name: u.id for u in Services(db, _admin).users.list_units()}
        made = _build(World(path=path, db=db, actors=actors, units=units, state_dir=state))
    finally:
        db.close()
    return path, made


@pytest.fixture
def sw(stats_template, tmp_path: Path, state_dir: Path) -> World:
    source, _made = stats_template
    data = tmp_path / "data"
    data.mkdir()
    path = copy_database(source, data)
    db, admin = unlock(path, "admin", ADMIN_PASSWORD, throttle=Throttle(state_dir / "throttle.json"))
    with db.session() as s:
        actors = {u.username: actor_for(u) for u in s.scalars(select(User))}
    units = {u.name: u.id for u in Services(db, admin).users.list_units()}
    world = World(path=path, db=db, actors=actors, units=units, state_dir=state_dir)
    yield world
    world.db.close()


@pytest.fixture
def made(stats_template) -> dict:
    return stats_template[1]


def _report(world: World, user: str = "styrgrupp", period=T2, **kw) -> FollowUpReport:
    return StatisticsService(world.db, world.actors[user], today=TODAY).report(period, **kw)


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def _band(code: str) -> tuple[int, int]:
    """ "ALL", "-12", "13-15", "14", "26-" as (low, high)."""
    if code == "ALL":
        return 0, 200
    if code.isdigit():
        return int(code), int(code)
    low, _, high = code.partition("-")
    return int(low or 0), int(high) if high else 200


def _check(table: SuppressedTable, expected: list[list[int]]) -> None:
    """Every printed entry is the hand count; every small one (1–4) is hidden as <5; hidden
    entries carry no number; and no hidden small entry can be worked out from the totals."""
    rows = [list(r) + [sum(r)] for r in expected]
    rows.append([sum(r[c] for r in rows) for c in range(len(rows[0]))])
    if table.blanked:  # printed whole as ".." (the combined attack could pin a small entry otherwise)
        assert all(label == ".." for line in table.labels() for label in line)
        assert all(v is None for line in table.grid for v in line)
        return
    for r, line in enumerate(rows):
        for c, value in enumerate(line):
            shown = table.grid[r][c]
            assert shown in (None, value), (r, c, shown, value)
            if 0 < value < table.threshold:
                assert shown is None and table.label(r, c) == f"<{table.threshold}", (r, c)
            elif shown is None:
                assert table.label(r, c) == "..", (r, c)
    for pos, (lo, hi) in attack_bounds(table).items():
        if pos in table.primary:
            assert lo < hi, f"small entry {pos} can be derived: {lo}..{hi}"


def test_case_flow_sources_and_inflow_match_hand_counts(sw: World) -> None:
    report = _report(sw)
    assert report.kinds == KINDS and report.period.code == "2026-T2" and not report.period.running
    assert report.previous.code == "2026-T1" and report.last_year.code == "2025-T2"
    _check(report.table("flow:SSPF").table, [[0, 2], [1, 12]])
    _check(report.table("flow:TREFAS").table, [[0, 0], [0, 6]])
    _check(report.table("flow:AVHOPPARE").table, [[0, 0], [0, 1]])
    src = report.table("referral_source")
    rows = dict(zip(src.row_codes, range(len(src.row_codes))))
    expected = [[0] * 3 for _ in src.row_codes]
    expected[rows["SKOLA"]] = [10, 0, 0]
    expected[rows["POLIS"]] = [3, 6, 0]
    expected[rows["OTHER"]] = [0, 0, 1]
    _check(src.table, expected)
    # The 3 police referrals print as <5 and the bounds attack cannot narrow them to one value.
    cell = (rows["POLIS"], 0)
    assert src.label(*cell) == "<5"
    lo, hi = attack_bounds(src.table)[cell]
    assert lo < hi
    gender = report.table("gender")
    g = dict(zip(gender.row_codes, range(3)))
    exp = [[0] * 3 for _ in range(3)]
    exp[g["KVINNA"]] = [6, 0, 0]
    exp[g["MAN"]] = [7, 6, 1]
    _check(gender.table, exp)
    closure = report.table("closure")
    exp = [[0] * 3 for _ in closure.row_codes]
    exp[closure.row_codes.index("MAL_UPPNATT")] = [1, 0, 0]
    _check(closure.table, exp)
    concerns = report.table("concerns")
    exp = [[0] * 3 for _ in concerns.row_codes]
    exp[concerns.row_codes.index("HOG_FRANVARO")] = [10, 0, 0]
    exp[concerns.row_codes.index("MISSTANKE_BROTT")] = [3, 6, 0]
    _check(concerns.table, exp)
    age = report.table("age")
    counts = {code: [0, 0, 0] for code in age.row_codes}
    for band in age.row_codes:  # 15 (school), 16 (police), 21 (TREFAS), 24 (defector), as banded
        lo, hi = _band(band)
        for years, kind, n in ((15, 0, 10), (16, 0, 3), (21, 1, 6), (24, 2, 1)):
            if lo <= years <= hi:
                counts[band][kind] += n
    _check(age.table, [counts[code] for code in age.row_codes])
    units = report.table("units")
    exp = [[0, 0, 0] for _ in units.row_codes]
    exp[units.row_codes.index(str(sw.units["SSPF Tureberg"]))] = [13, 0, 0]
    exp[units.row_codes.index(str(sw.units["TREFAS Sollentuna"]))] = [0, 6, 0]
    exp[units.row_codes.index(str(sw.units["Avhopparverksamhet"]))] = [0, 0, 1]
    _check(units.table, exp)


def test_shared_totals_are_hidden_alike_in_every_table(sw: World) -> None:
    """The new cases per kind are totals of several tables: hidden in one, hidden in all."""
    report = _report(sw)
    for j, kind in enumerate(KINDS):
        printed = set()
        for key in ("referral_source", "gender", "age", "units"):
            t = report.table(key)
            printed.add(t.table.column_total(j))
        flow = report.table(f"flow:{kind}").table
        printed.add(flow.row_total(1))
        consent = report.table("consent")
        printed.add(consent.table.row_total(j))
        assert len(printed) == 1, (kind, printed)  # the same number everywhere, or None everywhere
    assert report.table("gender").table.column_total(2) is None  # the one defector case


def test_consent_lead_times_and_work(sw: World) -> None:
    report = _report(sw)
    consent = report.table("consent")
    assert consent.column_codes == ("VALID", "DECLINED", "NONE", "NOT_APPLICABLE")
    _check(consent.table, [[10, 0, 3, 0], [0, 0, 0, 6], [0, 0, 1, 0]])
    d = report.duration("days_to_consent:SSPF")
    assert (d.median, d.p75, d.median_text) == (10.0, 10.0, "10")
    a = report.duration("days_to_assessment:SSPF")
    assert (a.median, a.p75, a.n_text) == (20.0, 20.0, "n\u00a0=\u00a010")
    plan = report.duration("days_to_plan:SSPF")
    assert plan.suppressed and plan.median is None and plan.median_text == "<5"  # one plan only
    assert report.duration("days_to_plan:TREFAS").median_text == "–"
    share = report.figure("consent_share:SSPF")
    assert share.value in (None, 10 / 13)
    meetings = report.table("meetings")
    _check(meetings.table, [[10, 5, 0, 0, 0], [6, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    assert report.figure("trefas_4_meetings").text in ("0\u00a0%", "..")
    _check(report.table("meetings_held").table, [[5], [0], [0]])
    actions = report.table("actions")
    soc = actions.row_codes.index("SOC")
    exp = [[0] * 6 for _ in actions.row_codes]
    exp[soc] = [3, 0, 1, 0, 1, 0]  # on time, late, not done, struck, overdue, open
    _check(actions.table, exp)
    follow = report.table("follow_ups")
    exp = [[0, 0] for _ in follow.row_codes]
    exp[follow.row_codes.index("SOC")] = [4, 1]
    _check(follow.table, exp)
    assert report.figure("avh_breaches").text == "<5" and report.figure("avh_breaches").value is None
    threats = report.table("avh_threats")
    _check(threats.table, [[1], [0], [0], [1]])  # first, up, same, down


def test_comparison_with_previous_period_and_last_year(sw: World) -> None:
    report = _report(sw)
    comp = report.comparison
    assert [p.code for p in comp.periods] == ["2026-T2", "2026-T1", "2025-T2"]
    new = comp.row("new")
    assert new.current in ("20", "..") and new.previous == "<5" and new.last_year == "0"
    assert comp.row("closed").texts == ("<5", "0", "0")
    assert comp.row("avh_breaches").texts[1:] == ("0", "0")
    # The previous period's "open at the end" is this period's "from earlier": never printed
    # where this period's flow tables hide it.
    earlier = [report.table(f"flow:{k}").table.row_total(0) for k in KINDS]
    if None in earlier:
        assert comp.row("open_end").previous in ("<5", "..")
    chart = report.chart("chart_cases")
    assert chart.categories == ("Nya", "Avslutade", "Öppna vid periodens slut")
    for series in chart.series:
        for value, text in zip(series.values, series.texts):
            assert (value is None) == (text in ("<5", "..")), (value, text)


def test_trend_line_over_six_tertials(sw: World) -> None:
    """New and closed cases per tertial up to the report's (T3 2026, still running on the
    world's day): T1 2026's two referrals print <5 without a point, T2 2026's twenty print."""
    report = _report(sw, period=Period.tertial(2026, 3))
    trend = report.chart("chart_trend")
    assert trend.style == "line"
    assert trend.categories == ("T1 2025", "T2 2025", "T3 2025", "T1 2026", "T2 2026", "T3 2026")
    new, closed = trend.series
    assert (new.name, closed.name) == ("Nya", "Avslutade")
    assert new.texts == ("0", "0", "0", "<5", "20", "0")
    assert new.values == (0.0, 0.0, 0.0, None, 20.0, 0.0)
    assert closed.texts == ("0", "0", "0", "0", "<5", "0")
    # The periods the comparison prints carry the comparison's own text, suppressed alike.
    comp = report.comparison
    assert new.texts[-1] == comp.row("new").current and new.texts[-2] == comp.row("new").previous
    svg = chart_svg(trend).decode()
    assert "Nya och avslutade ärenden över tid" in svg and "T1 2025" in svg and "&lt;5" in svg


def test_a_unit_and_a_kind_narrow_the_report(sw: World) -> None:
    report = _report(sw, kind="SSPF", unit_id=sw.units["SSPF Tureberg"])
    assert report.kinds == ("SSPF",) and report.unit_name == "SSPF Tureberg"
    assert report.table("flow:SSPF").table.grid[2][2] == 15
    assert "flow:TREFAS" not in {t.key for t in report.tables}
    assert report.scope_label == "SSPF – SSPF Tureberg"
    other = _report(sw, unit_id=sw.units["SSPF Edsberg"])
    assert other.comparison.row("new").texts == ("0", "0", "0")


def test_threshold_is_configurable_upwards_only(sw: World) -> None:
    high = _report(sw, threshold=10)
    assert high.threshold == 10
    for table in high.tables:  # nothing from 1 to 9 is printed anywhere
        assert not [v for line in table.table.grid for v in line if v is not None and 0 < v < 10], table.key
        assert "<5" not in {label for line in table.labels() for label in line}
    assert high.table("flow:SSPF").label(0, 2) in ("<10", "..")  # the two cases from earlier
    assert high.duration("days_to_consent:SSPF").median == 10.0  # n = 10 is not below 10
    for bad in (3, 4, 0, 101, True, "5"):
        with pytest.raises(ValidationError):
            _report(sw, threshold=bad)
    with pytest.raises(ValidationError) as info:
        _report(sw, period=Period.tertial(2027, 1))
    assert info.value.code == "period.not_started"


def test_year_and_range_periods(sw: World) -> None:
    year = _report(sw, period="2026")
    assert year.period.running and year.period.as_of == TODAY
    assert year.previous.code == year.last_year.code == "2025"
    assert year.table("flow:SSPF").table.grid[2][2] in (None, 15)
    rng = _report(sw, period="2026-05-01..2026-05-31")
    assert rng.previous.code == "2026-03-31..2026-04-30"
    src = rng.table("referral_source")
    assert src.table.grid[src.row_codes.index("SKOLA")][0] in (None, 10)  # the police came in June
    assert src.table.grid[src.row_codes.index("POLIS")][0] == 0


# -- access, audit ----------------------------------------------------------------------------

def test_styrgrupp_may_and_the_report_is_audited(sw: World) -> None:
    report = _report(sw)
    events = _events(sw, "STATS_REPORT")
    assert len(events) == 1
    ev = events[0]
    assert ev.username == "styrgrupp" and ev.entity == "statistics" and ev.case_id is None and ev.person_id is None
    assert '"period":"2026-T2"' in ev.detail and '"kind":"ALL"' in ev.detail
    assert str(report.threshold) in ev.detail


@pytest.mark.parametrize("user", ["socialsekreterare", "polis", "skola", "admin", "granskare", "arkiv"])
def test_case_work_and_admin_roles_are_refused_and_audited(sw: World, user: str) -> None:
    with pytest.raises(AccessDenied) as info:
        _report(sw, user)
    assert info.value.code == "access.no_capability"
    denied = [e for e in _events(sw, "ACCESS_DENIED") if e.username == user]
    assert denied and denied[-1].entity == "STATISTICS" and '"reason":"access.no_capability"' in denied[-1].detail
    assert _events(sw, "STATS_REPORT") == []


def test_a_coordinator_sees_only_their_kind_and_units(sw: World) -> None:
    own = _report(sw, "samordnare")
    assert own.kinds == ("SSPF",) and own.unit_id is None and own.unit_name == "SSPF Tureberg"
    assert own.scope_label == "SSPF – SSPF Tureberg"
    options = StatisticsService(sw.db, sw.actors["samordnare"], today=TODAY).options()
    assert options.kinds == ("SSPF",) and options.units == ((sw.units["SSPF Tureberg"], "SSPF Tureberg"),)
    assert {t.key for t in own.tables} >= {"flow:SSPF", "consent"} and "avh_threats" not in {t.key for t in own.tables}
    with pytest.raises(AccessDenied) as info:
        _report(sw, "samordnare", kind="TREFAS")
    assert info.value.code == "access.statistics_scope"
    with pytest.raises(AccessDenied) as info:
        _report(sw, "samordnare", unit_id=sw.units["TREFAS Sollentuna"])
    assert info.value.code == "access.not_in_unit"
    assert len([e for e in _events(sw, "ACCESS_DENIED") if e.username == "samordnare"]) == 2


# -- no personal data ---------------------------------------------------------------------------

def _strings(value, seen=None):
    """Every string anywhere in the DTO (dataclasses, tuples, frozensets, dicts)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield f.name
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)


def test_the_report_holds_no_personal_data(sw: World, made: dict) -> None:
    report = _report(sw)
    texts = list(_strings(report))
    assert len(texts) > 500
    with sw.db.session() as s:
        case_ids = {str(i) for i in s.scalars(select(Case.id))}
        names = {n for p in s.scalars(select(Person)) for n in (p.first_name, p.last_name)}
    forbidden = set(made["names"]) | names | set(made["refs"])
    pnrs = set(made["pnrs"]) | {p[2:] for p in made["pnrs"]} | {p[:8] for p in made["pnrs"]}
    for text in texts:
        for word in forbidden:
            assert word not in text, (word, text)
        for pnr in pnrs:
            assert pnr not in text.replace("-", ""), (pnr, text)
        assert "SSPF-2026" not in text and "TREFAS-2026" not in text
    # No field is a person or case identifier, and no code of a row or column is a case id.
    fields = {f for f in texts if f.endswith("_id")}
    assert fields <= {"unit_id"}
    codes = {c for t in report.tables for c in t.row_codes + t.column_codes}
    unit_ids = {str(u) for u in sw.units.values()}
    assert not (codes & case_ids) - unit_ids


# -- outputs ---------------------------------------------------------------------------------------

def test_pdf_is_built_in_memory_and_marked(sw: World, made: dict) -> None:
    report = _report(sw)
    pdf = render_statistics(report)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    compact = " ".join(text.split())
    assert "Uppföljning för styrgruppen" in compact and MARKING in compact
    assert "T2 2026 (maj–aug)" in compact and "<5" in compact
    assert f"Sida 1 av {len(reader.pages)}" in compact
    assert "Nya ärenden efter aktualiserande myndighet" in compact and "Jämförelse" in compact
    for page in reader.pages:
        assert MARKING in " ".join(page.extract_text().split())
    for word in set(made["names"]) | set(made["refs"]):
        assert word not in text
    assert reader.metadata.title == "Uppföljning för styrgruppen 2026-T2"
    drawing = chart_drawing(report.chart("chart_cases"))
    assert drawing.width > 0 and drawing.contents
    svg = chart_svg(report.chart("chart_cases"))
    assert svg.lstrip().startswith(b"<?xml") and "Ärenden – jämförelse".encode() in svg


def test_csv_export_is_private_audited_and_holds_the_suppressed_tables(sw: World, tmp_path: Path) -> None:
    report = _report(sw)
    service = StatisticsService(sw.db, sw.actors["styrgrupp"], today=TODAY)
    path = service.export_csv(report, tmp_path / "uppfoljning.csv")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert raw == csv_bytes(report) and raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["Aggregerad statistik – innehåller inga personuppgifter"]
    flat = [cell for row in rows for cell in row]
    assert "Nya ärenden efter aktualiserande myndighet" in flat and "<5" in flat and "Polis" in flat
    police = next(row for row in rows if row[:1] == ["Polis"] and len(row) == 5)
    assert police[1] == "<5"
    assert len(_events(sw, "STATS_EXPORT")) == 1
    with pytest.raises(AccessDenied):
        StatisticsService(sw.db, sw.actors["socialsekreterare"], today=TODAY).export_csv(report, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_xlsx_export_has_number_cells_the_same_rows_and_is_audited(sw: World, made: dict, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from trygg_desktop.services.statistics_export import HEADER_ROW, export_rows
    report = _report(sw)
    service = StatisticsService(sw.db, sw.actors["styrgrupp"], today=TODAY)
    out = tmp_path / "export"
    out.mkdir()
    path = service.export(report, out / "uppfoljning.xlsx")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == ["uppfoljning.xlsx"]  # no temp file left beside it
    sheet = load_workbook(path).active
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    expected = export_rows(report)
    assert len(cells) == len(expected)
    assert cells[1][0] == "Aggregerad statistik – innehåller inga personuppgifter"
    police = next(row for row in cells if row[0] == "Polis" and row[1] is not None and len([c for c in row if c is not None]) == 5)
    assert police[1] == "<5"  # suppressed entries stay text
    twenty = next(row for row in cells if row[0] == "Nya ärenden")
    assert twenty[2] == "<5" and twenty[3] == 0  # T1 2026 small, T2 2025 a number cell
    numbers = 0
    for (kind, texts), row in zip(expected, sheet.iter_rows()):
        for i, text in enumerate(texts[1:], start=1):
            cell = row[i]
            if text.isdigit() and kind != HEADER_ROW:  # a header ("2026") keeps its text
                assert cell.value == int(text), (texts, cell.value)
                numbers += 1
            elif kind != HEADER_ROW and text.count(",") == 1 and text.replace(",", "").isdigit():
                assert cell.value == pytest.approx(float(text.replace(",", ".")))  # "0,2" → 0.2
            elif text.endswith(" %") and text[:-2].isdigit():
                assert cell.value == pytest.approx(int(text[:-2]) / 100) and cell.number_format == "0%"
            else:
                assert cell.value == (text or None), (texts, cell.value)
    assert numbers > 50  # the shares of this data set are all suppressed; _cell_value has its unit test
    flat = " ".join(str(c) for row in cells for c in row if c is not None)
    for word in set(made["names"]) | set(made["refs"]) | set(made["pnrs"]):
        assert word not in flat
    events = _events(sw, "STATS_EXPORT")
    assert len(events) == 1 and '"output":"xlsx"' in events[0].detail
    with pytest.raises(ValidationError) as refused:
        service.export(report, out / "uppfoljning.ods")
    assert refused.value.code == "stats.format" and not (out / "uppfoljning.ods").exists()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str, password: str = PASSWORD) -> int:
        monkeypatch.setenv("TRYGG_PASSWORD", password)
        return main(list(args))
    return run


def test_cli_exit_codes_and_files(sw: World, cli, capsys, tmp_path: Path) -> None:
    db = str(sw.path)
    sw.db.close()
    pdf, table, book = tmp_path / "t2.pdf", tmp_path / "t2.csv", tmp_path / "t2.xlsx"
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--tertial", "2026-T2", "--out", str(pdf),
               "--csv", str(table), "--xlsx", str(book)) == 0
    out, err = capsys.readouterr()
    assert "Uppföljningen för T2 2026 (maj–aug)" in out and "VARNING" in err and "inte krypterad" in err
    assert pdf.read_bytes().startswith(b"%PDF") and table.stat().st_size > 0
    assert book.read_bytes().startswith(b"PK")  # a zip: the workbook
    if os.name == "posix":
        assert stat.S_IMODE(pdf.stat().st_mode) == stat.S_IMODE(table.stat().st_mode) == 0o600
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--year", "2025", "--kind", "SSPF",
               "--out", str(tmp_path / "y.pdf")) == 0
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--from", "2026-05-01", "--to", "2026-06-30",
               "--unit", "SSPF Tureberg", "--out", str(tmp_path / "r.pdf")) == 0
    capsys.readouterr()
    assert cli("stats", "--db", db, "--as", "socialsekreterare", "--tertial", "2026-T2",
               "--out", str(tmp_path / "no.pdf")) == 3
    assert "Fel (access.no_capability)" in capsys.readouterr().err
    assert not (tmp_path / "no.pdf").exists()
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--tertial", "2026-T4", "--out", str(tmp_path / "x.pdf")) == 4
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--from", "2026-05-01", "--out",
               str(tmp_path / "x.pdf")) == 2
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--out", str(tmp_path / "x.pdf")) == 2
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--year", "2026", "--unit", "Finns inte",
               "--out", str(tmp_path / "x.pdf")) == 4
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--tertial", "2026-T2", "--out", str(tmp_path / "x.pdf"),
               password="fel lösenord") == 3
    db2, _actor = unlock(Path(db), "admin", ADMIN_PASSWORD)
    try:
        with db2.session() as s:
            actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.username == "styrgrupp"))]
    finally:
        db2.close()
    assert actions.count("STATS_REPORT") == 3 and actions.count("STATS_PRINT") == 3
    assert actions.count("STATS_EXPORT") == 2


def test_the_combined_attack_pins_nothing_in_the_printed_report(sw: World) -> None:
    """Re-run the report's own layout and attack all its tables at once, as a reader would."""
    from trygg_desktop.services.statistics_attack import leaks
    from trygg_desktop.services.statistics_data import gather_periods
    from trygg_desktop.services.statistics_period import Scope
    from trygg_desktop.services.statistics_layout import Layout, Meta, UnitRow
    from trygg_desktop.services.statistics_tables import suppress_linked
    report = _report(sw)
    with sw.db.session() as s:
        (data,) = gather_periods(s, [T2], Scope(KINDS, None), TODAY)
        units = [UnitRow(u.id, u.name, u.case_kind) for u in s.scalars(select(Unit).order_by(Unit.name))]
    layout = Layout(data, units, Meta(None, None, None, 5, datetime.now(), "", "", TODAY))
    layout.build()
    tables = suppress_linked(layout.specs, 5)
    assert leaks(layout.specs, tables, 5) == set()
    for spec in layout.specs:  # the report printed exactly these tables
        if spec.printed:
            assert report.table(spec.key).table == tables[spec.key]


@pytest.mark.skipif(os.name != "posix", reason="modes and symbolic links as on POSIX")
def test_cli_outputs_are_owner_only_and_never_written_through_a_link(sw: World, cli, tmp_path: Path,
                                                                     capsys) -> None:
    db = str(sw.path)
    sw.db.close()
    pdf = tmp_path / "old.pdf"
    pdf.write_bytes(b"old")
    os.chmod(pdf, 0o644)
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    assert cli("stats", "--db", db, "--as", "styrgrupp", "--tertial", "2026-T2", "--out", str(pdf),
               "--csv", str(link)) == 4
    assert "file.unsafe_target" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "someone else's file\n" and link.is_symlink()
    assert pdf.read_bytes().startswith(b"%PDF") and stat.S_IMODE(pdf.stat().st_mode) == 0o600
