"""Emergency access (nödåtkomst, DOMAIN.md 6.6) end to end on a real encrypted database.

"annan" is an SSPF coordinator of the same agency (SOC) in another unit: not
connected to the Tureberg case, so the case is closed to them until they give a
reason; then it is open READ-only, for four hours or until lock, and every audit
event written meanwhile is flagged EMERGENCY.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from trygg_desktop.domain.errors import AccessDenied, ValidationError
from trygg_desktop.services import grants
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.store.models import AuditEvent, EmergencyGrant

from ..conftest import World
from ..scenarios import restricted_case, sspf_case

REASON = "Polisen ringer om akut hot mot den unge i kväll"


def _journal(world: World, user: str, case_id: int, text: str, visibility: str, category: str) -> int:
    return world.as_(user).journal.add(JournalInput(case_id, world.today - timedelta(days=2), "SAMTAL", text,
                                                    visibility=visibility, information_category=category)).id


@pytest.fixture
def case(world: World):
    built = sspf_case(world, assign=("skola", "polis"))
    ids = {
        "soc_internal": _journal(world, "samordnare", built.case_id, "SOC intern anteckning", "INTERNAL", "BETEENDE"),
        "skola_shared": _journal(world, "skola", built.case_id, "Skolan delar närvaro", "SHARED", "SKOLGANG_NARVARO"),
        "skola_internal": _journal(world, "skola", built.case_id, "Skolans interna anteckning", "INTERNAL",
                                   "SKOLGANG_NARVARO"),
    }
    return built, ids


def _last_seq(world: World) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.max(AuditEvent.seq))) or 0


def _events_after(world: World, seq: int) -> list[AuditEvent]:
    with world.db.session() as s:
        rows = list(s.scalars(select(AuditEvent).where(AuditEvent.seq > seq).order_by(AuditEvent.seq)))
        s.expunge_all()
        return rows


def _flags(ev: AuditEvent) -> set[str]:
    return set((ev.flags or "").split(",")) - {""}


def test_read_needs_a_grant_and_the_grant_is_logged_without_the_reason(world: World, case) -> None:
    built, ids = case
    annan = world.as_("annan")
    with pytest.raises(AccessDenied) as info:
        annan.case_view.open(built.case_id)
    assert info.value.code == "access.not_in_case"

    [candidate] = annan.emergency.lookup(built.reference.lower())
    assert (candidate.case_id, candidate.has_access, candidate.emergency_until) == (built.case_id, False, None)
    assert candidate.unit_name == "SSPF Tureberg"

    before = _last_seq(world)
    grant = annan.emergency.grant(built.case_id, "ACUTE_RISK", "  " + REASON + "  ")
    assert grant.reason == REASON, "trimmed"
    assert grant.expires_at - grant.granted_at == timedelta(hours=4)
    [event] = _events_after(world, before)
    assert event.action == "EMERGENCY_ACCESS" and _flags(event) == {"EMERGENCY"}
    assert event.case_id == built.case_id and event.user_id == world.actors["annan"].user_id
    assert json.loads(event.detail) == {"purpose": "ACUTE_RISK", "grant": grant.id}
    assert "hot" not in (event.detail or "") and "Polisen" not in (event.detail or "")
    with world.db.session() as s:
        stored = s.get(EmergencyGrant, grant.id)
        assert (stored.reason, stored.purpose, stored.ended_at) == (REASON, "ACUTE_RISK", None)

    detail = annan.case_view.open(built.case_id)
    assert detail.access_level == "EMERGENCY"
    assert detail.emergency_until == grant.expires_at
    shown = {j.id for j in detail.journal}
    # Own agency's records (even internal ones) and shared records under the consent; never
    # another agency's internal record.
    assert shown == {ids["soc_internal"], ids["skola_shared"]}
    assert "journal" in detail.withheld
    assert detail.allowed_transitions == ()
    assert detail.person.details_hidden in (False, True)  # protected details follow OWNER-only rules

    [again] = annan.emergency.lookup(built.reference)
    assert again.emergency_until == grant.expires_at
    assert [g.id for g in annan.emergency.active_grants()] == [grant.id]


def test_every_audit_event_under_the_grant_is_flagged(world: World, case) -> None:
    built, _ids = case
    soc = world.as_("samordnare")
    meeting = soc.meetings.create(MeetingInput("NATVERKSMOTE", datetime(2026, 11, 20, 14), case_id=built.case_id))
    soc.plans.new_version(built.case_id, world.today)
    annan = world.as_("annan")
    annan.emergency.grant(built.case_id, "CHILD_SAFETY", REASON)

    before = _last_seq(world)
    annan.case_view.open(built.case_id)
    annan.journal.list(built.case_id)
    annan.consents.list_for_case(built.case_id)
    annan.plans.get_current(built.case_id)
    annan.meetings.list(built.case_id)
    annan.meetings.get(meeting.id)
    annan.disclosures.list(built.case_id)
    annan.audit_view.case_history(built.case_id)
    events = _events_after(world, before)
    assert len(events) >= 8
    assert {e.action for e in events} >= {"CASE_READ", "JOURNAL_READ", "MEETING_READ"}
    for e in events:
        assert "EMERGENCY" in _flags(e), e.action
        assert e.case_id in (built.case_id, None)

    # Control: the connected coordinator's reads are not flagged.
    before = _last_seq(world)
    soc.case_view.open(built.case_id)
    assert all("EMERGENCY" not in _flags(e) for e in _events_after(world, before))


def test_writes_prints_and_exports_are_refused_under_the_grant(world: World, case) -> None:
    built, _ids = case
    worker = world.as_("socialsekreterare")  # HANDLAGGARE: may write journal notes where connected
    coordinator = world.as_("annan")         # SSPF coordinator: may change, print and export where connected
    worker.emergency.grant(built.case_id, "OTHER", REASON)
    coordinator.emergency.grant(built.case_id, "OTHER", REASON)
    users = {u.username: u.id for u in coordinator.users.directory()}
    before = _last_seq(world)
    attempts = [
        lambda: worker.journal.add(JournalInput(built.case_id, world.today, "SAMTAL", "Ny anteckning")),
        lambda: worker.cases.set_follow_up(built.case_id, world.today + timedelta(days=7)),
        lambda: worker.disclosures.record(built.case_id, what="x", recipient_agency="POLIS",
                                          legal_basis="SAMTYCKE"),
        lambda: coordinator.cases.change_status(built.case_id, "AVSLUTAD", reason="test"),
        lambda: coordinator.cases.assign(built.case_id, users["annan"]),
        lambda: coordinator.plans.new_version(built.case_id, world.today),
        lambda: coordinator.protocols.plan_printout(built.case_id, printing=True),
        lambda: coordinator.journal.add(JournalInput(built.case_id, world.today, "SAMTAL", "Ny anteckning")),
        lambda: coordinator.exchange.export(case_reference=built.reference),
    ]
    codes: list[str] = []
    for attempt in attempts:
        with pytest.raises((AccessDenied, ValidationError)) as info:
            attempt()
        codes.append(info.value.code)
    assert codes == ["access.emergency_read_only"] * len(attempts)
    denied = [e for e in _events_after(world, before) if e.action == "ACCESS_DENIED"]
    assert len(denied) == len(attempts)
    assert all("EMERGENCY" in _flags(e) and "DENIED" in _flags(e) for e in denied)
    # Nothing was written (the reader sees SOC's note and the school's shared one).
    assert len(worker.journal.list(built.case_id)) == 2
    with world.db.session() as s:
        from trygg_desktop.store.models import CaseAssignment, JournalEntry
        assert s.scalar(select(func.count(JournalEntry.id))) == 3
        assert s.scalar(select(func.count(CaseAssignment.id)).where(
            CaseAssignment.user_id == users["annan"])) == 0


def test_refusals_have_clear_codes_and_are_logged(world: World, case) -> None:
    built, _ids = case
    trefas = restricted_case(world, "TREFAS", assign=())

    def refused(user: str, case_id: int, reason: str = REASON, purpose: str = "ACUTE_RISK") -> str:
        with pytest.raises((AccessDenied, ValidationError)) as info:
            world.as_(user).emergency.grant(case_id, purpose, reason)
        return info.value.code

    assert refused("fritid", built.case_id) == "emergency.other_agency"
    assert refused("polis", built.case_id) == "emergency.not_needed"  # assigned: already has access
    assert refused("samordnare", built.case_id) == "emergency.not_needed"
    assert refused("granskare", built.case_id) == "emergency.no_role"
    assert refused("admin", built.case_id) == "emergency.no_role"
    assert refused("styrgrupp", built.case_id) == "emergency.no_role"
    assert refused("annan", trefas.case_id) == "emergency.restricted_kind"
    assert refused("socialsekreterare", trefas.case_id) == "emergency.restricted_kind"
    assert refused("annan", built.case_id, reason="  för kort   ") == "emergency.reason_short"
    assert refused("annan", built.case_id, purpose="BORED") == "emergency.purpose"
    with world.db.session() as s:
        assert s.scalar(select(func.count(EmergencyGrant.id))) == 0
        denied = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "ACCESS_DENIED")))
        reasons = {json.loads(e.detail)["reason"] for e in denied if "EMERGENCY" in _flags(e)}
    assert reasons >= {"emergency.other_agency", "emergency.no_role", "emergency.restricted_kind"}

    world.as_("annan").emergency.grant(built.case_id, "ACUTE_RISK", REASON)
    assert refused("annan", built.case_id) == "emergency.already_active"  # one active grant per user and case

    # The lookup does not even list other agencies' or restricted cases.
    assert world.as_("fritid").emergency.lookup(built.reference) == []
    assert world.as_("annan").emergency.lookup(trefas.reference) == []
    with pytest.raises(AccessDenied) as info:
        world.as_("granskare").emergency.lookup(built.reference)
    assert info.value.code == "emergency.no_role"
    with pytest.raises(ValidationError):
        world.as_("annan").emergency.lookup("   ")


def test_lookup_by_personnummer_is_audited_without_the_number(world: World, case) -> None:
    built, _ids = case
    with world.db.session() as s:
        from trygg_desktop.store.models import Person
        pnr = s.get(Person, built.person_id).pnr
    before = _last_seq(world)
    [candidate] = world.as_("annan").emergency.lookup(f"{pnr[:8]}-{pnr[8:]}")
    assert candidate.reference == built.reference and not candidate.has_access
    [own] = world.as_("samordnare").emergency.lookup(pnr)
    assert own.has_access
    events = _events_after(world, before)
    assert [e.action for e in events] == ["EMERGENCY_LOOKUP", "EMERGENCY_LOOKUP"]
    assert all(_flags(e) == {"EMERGENCY"} and e.person_id == built.person_id for e in events)
    assert all(pnr not in (e.detail or "") and pnr[2:8] not in (e.detail or "") for e in events)
    assert json.loads(events[0].detail) == {"by": "pnr", "rows": 1}


def test_grant_expires_after_four_hours(world: World, case, monkeypatch: pytest.MonkeyPatch) -> None:
    built, _ids = case
    annan = world.as_("annan")
    start = datetime(2026, 11, 22, 8, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(grants, "now", lambda: start)
    grant = annan.emergency.grant(built.case_id, "ACUTE_RISK", REASON)
    assert grant.expires_at == start + timedelta(hours=4)
    monkeypatch.setattr(grants, "now", lambda: start + timedelta(hours=3, minutes=59))
    assert annan.case_view.open(built.case_id).access_level == "EMERGENCY"
    monkeypatch.setattr(grants, "now", lambda: start + timedelta(hours=4))
    with pytest.raises(AccessDenied) as info:
        annan.case_view.open(built.case_id)
    assert info.value.code == "access.not_in_case"
    assert annan.emergency.active_grants() == []
    # A new grant (new reason) can be given after expiry.
    assert annan.emergency.grant(built.case_id, "OTHER", REASON).id != grant.id


def test_end_all_at_lock_ends_the_grants(world: World, case) -> None:
    built, _ids = case
    annan = world.as_("annan")
    grant = annan.emergency.grant(built.case_id, "ACUTE_RISK", REASON)
    annan.case_view.open(built.case_id)
    before = _last_seq(world)
    assert annan.emergency.end_all() == 1
    [event] = _events_after(world, before)
    assert event.action == "EMERGENCY_END" and _flags(event) == {"EMERGENCY"}
    assert json.loads(event.detail) == {"grants": [grant.id], "why": "lock"}
    with pytest.raises(AccessDenied):
        annan.case_view.open(built.case_id)
    assert annan.emergency.end_all() == 0
    with world.db.session() as s:
        assert s.get(EmergencyGrant, grant.id).ended_at is not None
        from trygg_desktop.services.audit import verify_chain
        assert verify_chain(s, world.db.audit.key).problems == [], "flagged events keep the chain intact"


def test_log_reviewer_sees_grants_with_reasons(world: World, case) -> None:
    built, _ids = case
    world.as_("annan").emergency.grant(built.case_id, "CHILD_SAFETY", REASON)
    [row] = world.as_("granskare").emergency.review()
    assert (row.username, row.agency, row.grant.reason, row.grant.purpose, row.grant.reference) == (
        "annan", "SOC", REASON, "CHILD_SAFETY", built.reference)
    for user in ("annan", "samordnare", "admin"):
        with pytest.raises(AccessDenied):
            world.as_(user).emergency.review()
    assert world.as_("granskare").emergency.review(since=datetime(2030, 1, 1, tzinfo=timezone.utc)) == []


def test_log_reviewer_lists_grants_with_reasons_from_the_cli(world: World, case, monkeypatch: pytest.MonkeyPatch,
                                                            state_dir, capsys) -> None:
    from trygg_desktop.cli import main
    from trygg_desktop.domain.timefmt import fmt_instant
    from ..conftest import PASSWORD
    built, _ids = case
    world.as_("annan").emergency.grant(built.case_id, "ACUTE_RISK", REASON)
    monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
    capsys.readouterr()
    assert main(["audit", "emergency", "--db", str(world.path), "--as", "granskare", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["username"] == "annan" and row["grant"]["reason"] == REASON
    assert row["grant"]["reference"] == built.reference and row["grant"]["purpose"] == "ACUTE_RISK"
    # The table shows the grant's times in local time, and its headers do not claim UTC.
    assert main(["audit", "emergency", "--db", str(world.path), "--as", "granskare"]) == 0
    table = capsys.readouterr().out
    [grant] = world.as_("granskare").emergency.review()
    assert REASON in table and "UTC" not in table and fmt_instant(grant.grant.granted_at) in table
    assert main(["audit", "emergency", "--db", str(world.path), "--as", "granskare", "--since", "2099-01-01"]) == 0
    assert REASON not in capsys.readouterr().out
    # Only the log reviewer: the coordinator is refused (exit 3) and the refusal is logged.
    assert main(["audit", "emergency", "--db", str(world.path), "--as", "samordnare"]) == 3
