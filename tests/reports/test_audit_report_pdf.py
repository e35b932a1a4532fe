"""The log review report (Logggranskning) as PDF, read back with pypdf; and the
``audit report`` / ``audit signoff`` CLI with its exit codes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from trygg_desktop.cli import main
from trygg_desktop.reports.audit_report import FLAG_LABELS, render_audit_report
from trygg_desktop.services.anchors import anchor_path, read_anchors
from trygg_desktop.services.log_review import (FLAG_KINDS, ChainSummary, ReviewFilter, ReviewReport, ReviewRow,
                                               UserSummary, period_bounds)

from ..conftest import PASSWORD, World
from ..scenarios import sspf_case
from .conftest import pdf_pages

HEAD = "ab" * 32


def _row(seq: int, flags: tuple[str, ...], ts: datetime, user: str = "skola", action: str = "CASE_READ") -> ReviewRow:
    return ReviewRow(seq=seq, ts=ts, username=user, role="KONTAKTPERSON", agency="SKOLA", action=action,
                     entity="case", entity_id="7", case_id=7, case_reference="SSPF-2026-0007", person_id=3,
                     flags=flags, logged_flags=None)


def _report(rows: list[ReviewRow], *, flags_only: bool = False, truncated: bool = False) -> ReviewReport:
    counts = tuple((k, sum(1 for r in rows if k in r.flags)) for k in FLAG_KINDS)
    start, end = period_bounds(date(2026, 10, 1), date(2026, 10, 31))  # local days → UTC
    return ReviewReport(
        period_start=start, period_end=end,
        filter=ReviewFilter(date(2026, 10, 1), date(2026, 10, 31), username="skola", flags_only=flags_only),
        total_events=len(rows), flagged_events=sum(1 for r in rows if r.flags), counts=counts,
        users=(UserSummary("skola", len(rows), sum(1 for r in rows if r.flags),
                           tuple((k, n) for k, n in counts if n)),),
        rows=tuple(rows), truncated=truncated, reviewer="granskare", generated_at=datetime(2026, 11, 2, 8, 15),
        organisation="Sollentuna kommun – Socialförvaltningen")


def test_report_head_counts_flagged_rows_chain_and_page_numbers() -> None:
    start = datetime(2026, 10, 5, 8)
    rows = [_row(i + 1, ("OUTSIDE_UNIT", "UNUSUAL_HOURS") if i % 3 == 0 else (), start + timedelta(hours=i))
            for i in range(240)]
    rows.append(_row(241, ("FAILED_LOGIN",), start, user="polis", action="LOGIN_FAILED"))
    chain = ChainSummary(ok=True, events=5000, last_seq=5000, head_mac=HEAD, problems=(), anchors_checked=2)
    pages = pdf_pages(render_audit_report(_report(rows), chain))
    text = " ".join(pages)
    assert len(pages) >= 3
    for expected in ("Logggranskning", "Period: 2026-10-01 – 2026-10-31", "Användare: skola", "Granskare: granskare",
                     "Händelser: 241", "Flaggade: 81", "Sammanfattning per flagga", "Per användare",
                     "Flaggade händelser", "SSPF-2026-0007", "Kontaktperson", "Loggkedjan", "Händelser: 241",
                     "Kedjan är obruten: 5000 händelser kontrollerade mot 2 sparade ankare", HEAD[:32]):
        assert expected in text, expected
    for kind in FLAG_KINDS:
        assert FLAG_LABELS[kind] in text
    # Times in local time; the flagged row of the first hour is listed with its flags.
    first = start.replace(tzinfo=timezone.utc).astimezone()
    assert f"{first:%Y-%m-%d} {first:%H.%M}" in text
    assert "Utanför enheten, Ovanlig tid" in text
    # The unflagged rows are not listed unless all rows are asked for.
    second = (start + timedelta(hours=1)).replace(tzinfo=timezone.utc).astimezone()
    assert f"{second:%Y-%m-%d} {second:%H.%M}" not in text
    for number, page in enumerate(pages, start=1):
        assert "SEKRETESS" in page
        assert f"Sida {number} av {len(pages)}" in page
    everything = " ".join(pdf_pages(render_audit_report(_report(rows), chain, all_rows=True)))
    assert "Alla händelser" in everything and len(everything) > len(text)


def test_rows_show_action_labels_case_references_and_user_names() -> None:
    when = datetime(2026, 10, 6, 9)
    rows = [replace(_row(1, ("DENIED",), when, action="ACCESS_DENIED"), user_name="Anna Lind (skola)"),
            replace(_row(2, ("OUTSIDE_UNIT",), when), case_reference=None, case_id=266, case_disposed=True),
            replace(_row(3, ("OUTSIDE_UNIT",), when), case_reference="SSPF-2026-0012", case_disposed=True)]
    report = replace(_report(rows), users=(replace(_report(rows).users[0], user_name="Anna Lind (skola)"),),
                     case_label="SSPF-2026-0007")
    text = " ".join(pdf_pages(render_audit_report(report, None)))
    for expected in ("Nekades åtkomst", "Öppnade ärendet", "Anna Lind (skola)", "gallrat ärende",
                     "SSPF-2026-0012 (gallrat)", "Ärende: SSPF-2026-0007"):
        assert expected in text, expected
    for raw in ("ACCESS_DENIED", "CASE_READ", "#266", "#7"):
        assert raw not in text, raw


def test_broken_chain_and_truncation_are_stated() -> None:
    rows = [_row(1, ("DENIED",), datetime(2026, 10, 6, 9))]
    chain = ChainSummary(ok=False, events=10, last_seq=10, head_mac=HEAD, problems=("seq 11: truncated",),
                         anchors_checked=1)
    text = " ".join(pdf_pages(render_audit_report(_report(rows, truncated=True), chain)))
    assert "Kedjan är bruten" in text and "Händelse 11" in text and "bortklippt logg" in text
    assert "Listan är avkortad" in text
    empty = " ".join(pdf_pages(render_audit_report(replace(_report([]), users=()), None)))
    assert "Inga händelser i perioden." in empty and "Kedjan kontrollerades inte" in empty


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str, password: str = PASSWORD) -> int:
        monkeypatch.setenv("TRYGG_PASSWORD", password)
        return main(list(args))
    return run


def test_cli_report_and_signoff(world: World, tmp_path: Path, cli, capsys) -> None:
    built = sspf_case(world)
    world.as_("skola").case_view.open(built.case_id)
    world.db.close()
    db = str(world.path)
    today = date.today().isoformat()
    out = tmp_path / "granskning.pdf"
    assert cli("audit", "report", "--db", db, "--as", "granskare", "--from", today, "--to", today,
               "--user", "skola", "--out", str(out)) == 0
    captured = capsys.readouterr()
    assert "inte krypterad" in captured.err
    text = " ".join(pdf_pages(out.read_bytes()))
    assert "Logggranskning" in text and "Användare: skola" in text and "Kedjan är obruten" in text
    # Refusals and bad input: exit codes 3 (not a reviewer), 2 (usage), 4 (invalid input).
    assert cli("audit", "report", "--db", db, "--as", "skola", "--from", today, "--to", today,
               "--out", str(tmp_path / "x.pdf")) == 3
    assert not (tmp_path / "x.pdf").exists()
    assert cli("audit", "report", "--db", db, "--as", "granskare", "--from", "oktober", "--to", today,
               "--out", str(tmp_path / "x.pdf")) == 2
    assert cli("audit", "report", "--db", db, "--as", "granskare", "--from", today, "--to", "2020-01-01",
               "--out", str(tmp_path / "x.pdf")) == 4
    assert cli("audit", "report", "--db", db, "--as", "granskare", "--from", today, "--to", today,
               "--person", "19990101-0000", "--out", str(tmp_path / "x.pdf")) == 4
    capsys.readouterr()
    # Sign-off: the anchor lands beside the database and in the copy asked for.
    copy = tmp_path / "usb" / "anchors.jsonl"
    copy.parent.mkdir()
    assert cli("audit", "signoff", "--db", db, "--as", "granskare", "--from", today, "--to", today,
               "--comment", "Granskat, inga avvikelser", "--anchors-out", str(copy)) == 0
    assert "Ankare: händelse" in capsys.readouterr().out
    assert [a.pair for a in read_anchors(copy)] == [a.pair for a in read_anchors(anchor_path(world.path))]
    assert cli("audit", "signoff", "--db", db, "--as", "granskare", "--from", today, "--to", today,
               "--comment", "  ") == 4
    assert cli("audit", "signoff", "--db", db, "--as", "samordnare", "--from", today, "--to", today,
               "--comment", "x") == 3
    assert len(read_anchors(anchor_path(world.path))) == 1
