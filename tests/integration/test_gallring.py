"""Gallring end to end on a real encrypted database (DOMAIN 6.5).

The dry run lists exactly the due cases; a legal hold and the research sample keep a
case; only the archive manager approves; the disposal log is metadata only; a person
stays while another case on them remains; the audit chain still verifies; the CLI
keeps its exit-code contract.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from trygg_desktop.cli import main
from trygg_desktop.domain.errors import AccessDenied, NotFound, ValidationError
from trygg_desktop.services.audit import verify_chain
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.facade import Services
from trygg_desktop.store.models import (AuditEvent, Case, DisposalLog, Guardianship, JournalEntry, Meeting, Person,
                                        RetentionRule)

from ..conftest import ADMIN_PASSWORD, PASSWORD, World
from ..gallring_scenarios import archivist, close_back, marked_case


def retention(world: World, user: str = "arkiv"):
    actor = archivist(world) if user == "arkiv" else world.actors[user]
    return Services(world.db, actor, today=world.today).retention


def count(world: World, model, *where) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_dry_run_lists_exactly_the_due_cases_and_changes_nothing(world: World) -> None:
    due_case = marked_case(world, "Due", closed=date(2021, 11, 22))        # due 2026-11-22: today
    young = marked_case(world, "Young", closed=date(2021, 11, 23))         # due tomorrow
    open_case = marked_case(world, "Open", closed=None)
    svc = retention(world)
    due = svc.due()
    assert [(d.case_ref, d.record_type, d.due_date, d.deadline, d.blocked_by) for d in due] == [
        (due_case.reference, "SSPF_CASE", date(2026, 11, 22), date(2027, 12, 31), None)]
    assert not due[0].overdue
    assert due[0].archived_at is None
    with world.db.session() as session:  # what services/earchive.py writes per case handed over
        world.db.audit.append(session, world.actors["admin"], "EARCHIVE_EXPORT", entity="case",
                              entity_id=due_case.case_id, case_id=due_case.case_id)
    assert svc.due()[0].archived_at is not None
    assert young.reference not in {d.case_ref for d in due} and open_case.reference not in {d.case_ref for d in due}
    assert count(world, Case) == 3  # a dry run deletes nothing
    # The admin sees the same dry run (metadata only) ...
    assert [d.key for d in retention(world, "admin").due()] == [d.key for d in due]
    # ... a case worker does not see it at all.
    with pytest.raises(AccessDenied):
        retention(world, "samordnare").due()


def test_run_disposes_everything_of_the_case_and_logs_metadata_only(world: World) -> None:
    gone = marked_case(world, "Gone")
    svc = retention(world)
    result = svc.run([d.key for d in svc.due()])
    assert [d.record_ref for d in result.disposed] == [gone.reference]
    assert result.persons_deleted == 2  # the youth and the guardian registered only for this case
    assert count(world, Case, Case.id == gone.case_id) == 0
    assert count(world, JournalEntry) == 0 and count(world, Meeting) == 0 and count(world, Person) == 0
    with world.db.session() as s:
        fts = s.execute(text("SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'ZqjournalGone'")).scalar()
        assert fts == 0
        log = s.scalars(select(DisposalLog)).one()
        counts = json.loads(log.counts)
        assert counts["case_file"] == 1 and counts["journal_entry"] == 1 and counts["person"] == 2
        assert counts["consent_signatory"] >= 1 and counts["agenda_item"] >= 1
        assert (log.record_type, log.record_ref, log.closed_at, log.rule_years, log.approved_by) == (
            "SSPF_CASE", gone.reference, date(2019, 3, 1), 5, "arkiv")
        # Metadata only: no column of the log holds a name, a marker or a personnummer.
        row = " ".join(str(v) for k, v in s.execute(text("SELECT * FROM disposal_log")).one()._mapping.items()
                       if k != "run_id")  # the run id is random hex
        for marker in gone.markers:
            assert marker not in row
        assert re.search(r"\d{10,}", row) is None, "a personnummer-like number in the disposal log"
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "GALLRING")).all()
        assert len(events) == 1 and events[0].case_id == gone.case_id
        assert all(m not in (events[0].detail or "") for m in gone.markers)
    assert [entry.record_ref for entry in svc.disposal_log()] == [gone.reference]


def test_legal_hold_blocks_and_only_the_archive_clears_it(world: World) -> None:
    held = marked_case(world, "Held")
    coordinator = retention(world, "samordnare")
    # The case's coordinator may set a hold on their own case ...
    hold = coordinator.set_legal_hold(held.reference, "Överklagande pågår")
    assert hold.case_ref == held.reference and hold.set_by == "samordnare"
    # ... but a coordinator of another unit may not, nor may anyone clear it but the archive.
    with pytest.raises(AccessDenied):
        retention(world, "annan").set_legal_hold(held.case_id, "x")
    for user in ("samordnare", "admin"):  # an admin may set holds and rules, but not lift a hold
        with pytest.raises(AccessDenied):
            retention(world, user).clear_legal_hold(held.case_id)
    with pytest.raises(ValidationError):
        coordinator.set_legal_hold(held.case_id, "   ")
    svc = retention(world)
    due = svc.due()
    assert [(d.case_ref, d.blocked_by) for d in due] == [(held.reference, "LEGAL_HOLD")]
    result = svc.run([due[0].key])
    assert result.disposed == () and result.skipped == ((due[0].key, "retention.blocked.legal_hold"),)
    assert count(world, Case, Case.id == held.case_id) == 1
    assert [h.case_ref for h in svc.legal_holds()] == [held.reference]
    svc.clear_legal_hold(held.reference)
    with pytest.raises(NotFound):
        svc.clear_legal_hold(held.reference)
    assert [d.record_ref for d in svc.run([due[0].key]).disposed] == [held.reference]


def test_approval_is_required(world: World) -> None:
    marked_case(world, "Appr")
    keys = [d.key for d in retention(world).due()]
    for user in ("admin", "samordnare", "granskare"):
        with pytest.raises(AccessDenied) as exc:
            retention(world, user).run(keys)
        assert exc.value.code == "access.no_capability"
    assert count(world, Case) == 1
    with world.db.session() as s:  # the refusal is audited
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "ACCESS_DENIED", AuditEvent.username == "admin")) >= 1
    with pytest.raises(ValidationError):
        retention(world).run([])
    with pytest.raises(ValidationError):
        retention(world).run(keys, approver="someone-else")
    # A key that is not due is skipped, not deleted.
    result = retention(world).run(["CASE:999999", "BOGUS"])
    assert result.disposed == () and {k for k, _r in result.skipped} == {"CASE:999999", "BOGUS"}


def test_person_is_kept_while_another_case_remains(world: World) -> None:
    first = marked_case(world, "Twice")
    s = world.as_("samordnare")
    second = s.cases.create(Referral(kind="SSPF", person_id=first.person_id, unit_id=world.units["SSPF Tureberg"],
                                     referral_date=date(2026, 10, 1)))
    svc = retention(world)
    result = svc.run([d.key for d in svc.due()])
    assert [d.record_ref for d in result.disposed] == [first.reference]
    assert result.persons_deleted == 0
    assert count(world, Person, Person.id == first.person_id) == 1
    assert count(world, Guardianship, Guardianship.child_id == first.person_id) == 1
    assert count(world, Case, Case.id == second.id) == 1


def test_research_sample_and_personakt_rule(world: World) -> None:
    """Avhoppare cases are a social-services personakt: 5 years from the last entry,
    and people born on the 5th, 15th or 25th are kept (research sample)."""
    from ..scenarios import restricted_case
    built = restricted_case(world, "AVHOPPARE", assign=())
    close_back(world, built.case_id, closed=date(2019, 1, 1), last_entry=date(2019, 1, 1))
    svc = retention(world)
    assert [(d.case_ref, d.record_type, d.blocked_by) for d in svc.due()] == [
        (built.reference, "AVHOPP_CASE", None)]  # born 14 Feb: not in the sample
    with world.db.session() as s:
        s.get(Person, built.person_id).birth_date = date(2003, 2, 15)
    assert [d.blocked_by for d in svc.due()] == ["RESEARCH_SAMPLE"]
    # The switch is configurable per rule.
    svc.set_rule("AVHOPP_CASE", 5, True, research_sample=False)
    assert [d.blocked_by for d in svc.due()] == [None]


def test_rules_are_configurable_by_archive_and_admin_only(world: World) -> None:
    old = marked_case(world, "Rule", closed=date(2023, 1, 1))
    svc = retention(world)
    assert svc.due() == []
    retention(world, "admin").set_rule("SSPF_CASE", 2, True)
    assert [d.case_ref for d in svc.due()] == [old.reference]
    svc.set_rule("SSPF_CASE", 2, False)
    assert svc.due() == []
    with world.db.session() as s:
        rule = s.get(RetentionRule, "SSPF_CASE")
        assert (rule.years, rule.enabled, rule.updated_by) == (2, False, "arkiv")
    with pytest.raises(ValidationError) as exc:
        svc.set_rule("AUDIT_LOG", 10, True)
    assert exc.value.code == "retention.not_disposable"
    with pytest.raises(AccessDenied):
        retention(world, "samordnare").set_rule("SSPF_CASE", 1, True)


def test_item_rules_dispose_old_consents_and_protocols_of_an_open_case(world: World) -> None:
    case = marked_case(world, "Items", closed=None)
    with world.db.session() as s:
        s.execute(text("UPDATE consent SET valid_to = '2019-01-01' WHERE case_id = :c"), {"c": case.case_id})
        s.execute(text("UPDATE meeting SET starts_at = '2019-01-01 10:00:00.000000' WHERE case_id = :c"),
                  {"c": case.case_id})
    svc = retention(world)
    assert svc.due() == []  # items follow their case by default
    svc.set_rule("CONSENT", 5, True)
    svc.set_rule("PROTOCOL", 5, True)
    due = svc.due()
    assert sorted(d.record_type for d in due) == ["CONSENT", "CONSENT", "PROTOCOL"]
    result = svc.run([d.key for d in due])
    assert len(result.disposed) == 3 and result.persons_deleted == 0
    assert count(world, Meeting, Meeting.case_id == case.case_id) == 0
    assert count(world, Case, Case.id == case.case_id) == 1
    with world.db.session() as s:  # the plan made in the meeting stays, unlinked from it
        assert s.execute(text("SELECT created_in_meeting_id FROM plan WHERE case_id = :c"),
                         {"c": case.case_id}).scalar() is None


def test_audit_chain_verifies_after_a_run(world: World) -> None:
    marked_case(world, "Chain")
    svc = retention(world)
    svc.run([d.key for d in svc.due()])
    with world.db.session() as s:
        report = verify_chain(s, world.db.audit._key)
    assert report.ok, report


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str, password: str) -> int:
        monkeypatch.setenv("TRYGG_PASSWORD", password)
        return main(list(args))
    return run


def test_cli_dry_run_approve_rules_and_hold(world: World, cli, capsys) -> None:
    gone = marked_case(world, "CliGone")
    held = marked_case(world, "CliHeld")
    archivist(world)
    db = str(world.path)
    world.db.close()
    base = ("--db", db)
    assert cli("gallring", *base, "--as", "arkiv", "--dry-run", password=PASSWORD) == 0
    out = capsys.readouterr().out
    assert gone.reference in out and held.reference in out and "ZqfnCliGone" not in out
    # Usage errors: no mode, --case without --approve.
    assert cli("gallring", *base, "--as", "arkiv", password=PASSWORD) == 2
    assert cli("gallring", *base, "--as", "arkiv", "--dry-run", "--case", gone.reference, password=PASSWORD) == 2
    # Approval needs the APPROVE capability: admin and a coordinator are refused (exit 3).
    assert cli("gallring", *base, "--as", "admin", "--approve", password=ADMIN_PASSWORD) == 3
    assert "access.no_capability" in capsys.readouterr().err
    # Legal hold by the case's coordinator; clearing it needs the archive.
    assert cli("legal-hold", *base, "--as", "samordnare", "--case", held.reference, "--set", "--reason",
               "Begäran om utlämnande", password=PASSWORD) == 0
    assert cli("legal-hold", *base, "--as", "samordnare", "--case", held.reference, "--clear",
               password=PASSWORD) == 3
    assert cli("legal-hold", *base, "--as", "arkiv", "--case", "SSPF-1999-9999", "--set", "--reason", "x",
               password=PASSWORD) == 4
    assert cli("legal-hold", *base, "--as", "arkiv", "--list", password=PASSWORD) == 0
    assert held.reference in capsys.readouterr().out
    # A case that is not due cannot be named for approval (exit 4), then the real run.
    assert cli("gallring", *base, "--as", "arkiv", "--approve", "--case", "SSPF-1999-9999", password=PASSWORD) == 4
    assert cli("gallring", *base, "--as", "arkiv", "--approve", "--json", password=PASSWORD) == 0
    result = json.loads(capsys.readouterr().out)
    assert [d["record_ref"] for d in result["disposed"]] == [gone.reference]
    # Rules: show, change, refuse bad input.
    assert cli("gallring", "rules", *base, "--as", "arkiv", "--set", "SSPF_CASE=x", password=PASSWORD) == 2
    assert cli("gallring", "rules", *base, "--as", "arkiv", "--enable", "AUDIT_LOG", password=PASSWORD) == 4
    assert cli("gallring", "rules", *base, "--as", "samordnare", "--set", "SSPF_CASE=1", password=PASSWORD) == 3
    assert cli("gallring", "rules", *base, "--as", "arkiv", "--research-sample", "SSPF_CASE=maybe",
               password=PASSWORD) == 2
    assert cli("gallring", "rules", *base, "--as", "arkiv", "--set", "SSPF_CASE=7", "--research-sample",
               "SSPF_CASE=on", "--json", password=PASSWORD) == 0
    rules = {r["record_type"]: r for r in json.loads(capsys.readouterr().out)}
    assert rules["SSPF_CASE"]["years"] == 7 and rules["SSPF_CASE"]["research_sample"] is True
    assert rules["AUDIT_LOG"]["disposable"] is False


def test_a_failed_deletion_leaves_the_case_whole_and_the_run_goes_on(world: World, monkeypatch) -> None:
    first = marked_case(world, "Fail1")
    second = marked_case(world, "Fail2", closed=date(2019, 4, 1))
    from sqlalchemy import exc as sa_exc
    from trygg_desktop.services import retention_purge
    real = retention_purge.delete_found

    def failing(session, found):
        counts = real(session, found)
        if first.case_id in found.get("case_file", ()):
            raise sa_exc.IntegrityError("DELETE", {}, Exception("FOREIGN KEY constraint failed"))
        return counts

    monkeypatch.setattr(retention_purge, "delete_found", failing)
    svc = retention(world)
    result = svc.run([d.key for d in svc.due()])
    assert result.skipped == ((f"CASE:{first.case_id}", "retention.still_referenced"),)
    assert [d.record_ref for d in result.disposed] == [second.reference]
    assert count(world, Case, Case.id == first.case_id) == 1
    assert count(world, JournalEntry, JournalEntry.case_id == first.case_id) == 1  # rolled back whole
    assert [e.record_ref for e in svc.disposal_log()] == [second.reference]


def test_a_bare_imported_hold_flag_holds_and_can_be_lifted(world: World) -> None:
    case = marked_case(world, "Flag")
    with world.db.session() as s:  # what the exchange importer writes: the flag only
        s.get(Case, case.case_id).legal_hold = True
    svc = retention(world)
    assert [d.blocked_by for d in svc.due()] == ["LEGAL_HOLD"]
    assert [(h.case_ref, h.reason) for h in svc.legal_holds()] == [(case.reference, "import")]
    svc.clear_legal_hold(case.case_id)
    assert [d.blocked_by for d in svc.due()] == [None] and svc.legal_holds() == []
