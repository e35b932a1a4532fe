"""Audit rows carry the names people read (issue 12, item 8): the case reference, the
user's name and the record's name, resolved in the service for a whole page at once;
the case filter takes a case reference or a personnummer (a person's every case), and a
search by personnummer is itself logged with the person. Real services, real encrypted
database."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select

from trygg_desktop.cli import main
from trygg_desktop.domain import personnummer
from trygg_desktop.domain.error_messages import MESSAGES
from trygg_desktop.domain.errors import AccessDenied, NotFound, PersonnummerError, ValidationError
from trygg_desktop.services.audit_view import AuditFilter
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.database import actor_for
from trygg_desktop.services.facade import Services
from trygg_desktop.services.log_review import ReviewFilter
from trygg_desktop.store.models import AuditEvent, User

from ..conftest import PASSWORD, World, test_pnr
from ..gallring_scenarios import archivist, marked_case
from ..scenarios import sspf_case


def _search(world: World, **kw) -> list:
    return world.as_("granskare").audit_view.search(AuditFilter(limit=2000, **kw))


def _last_event(world: World) -> AuditEvent:
    with world.db.session() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()


def _pnr(world: World, person_id: int) -> str:
    return world.as_("samordnare").persons.get(person_id).pnr


def test_log_rows_carry_case_references_and_user_names(world: World) -> None:
    built = sspf_case(world)
    world.as_("skola").case_view.open(built.case_id)
    with pytest.raises(AccessDenied):
        world.as_("annan").case_view.open(built.case_id)
    rows = _search(world)
    read = next(e for e in rows if e.action == "CASE_READ" and e.username == "skola")
    assert read.case_id == built.case_id and read.case_reference == built.reference and not read.case_disposed
    assert read.user_name == "Skola"  # the display name (the test users' equal their user names but for case)
    assert read.record_name == built.reference  # the record the event is about: the case
    denied = next(e for e in rows if e.action == "ACCESS_DENIED" and e.username == "annan")
    assert denied.case_reference == built.reference
    created = next(e for e in rows if e.action == "USER_CREATE" and e.entity_id == str(world.actors["polis"].user_id))
    assert created.record_name == "Polis" and created.user_name == "admin"
    # The case's own history carries the same names.
    history = world.as_("samordnare").audit_view.case_history(built.case_id)
    assert history and {e.case_reference for e in history} == {built.reference}
    assert "Skola" in {e.user_name for e in history}


def test_a_removed_user_keeps_their_name_in_the_log(world: World) -> None:
    built = sspf_case(world, assign=())
    admin = world.as_("admin").users
    admin.add_user("alind", PASSWORD, agency="SKOLA", roles=["KONTAKTPERSON"], units=["SSPF Tureberg"],
                   display_name="Anna Lind")
    with world.db.session() as s:
        user = s.scalar(select(User).where(User.username == "alind"))
        actor = actor_for(user)
    world.as_("samordnare").cases.assign(built.case_id, actor.user_id, "KONTAKT")
    Services(world.db, actor, today=world.today).case_view.open(built.case_id)
    admin.remove_user("alind")
    rows = _search(world, username="alind")
    assert rows and {e.user_name for e in rows} == {"Anna Lind (alind)"}
    removal = next(e for e in _search(world, action="USER_REMOVE"))
    assert removal.record_name == "Anna Lind (alind)"


def test_filter_by_case_reference(world: World) -> None:
    first = sspf_case(world)
    other = sspf_case(world, first="Bo", last="Ek", born=date(2010, 2, 3))
    world.as_("skola").case_view.open(first.case_id)
    world.as_("skola").case_view.open(other.case_id)
    everything = _search(world)
    assert {first.case_id, other.case_id} <= {e.case_id for e in everything}
    rows = _search(world, case_query=first.reference)
    assert rows and {e.case_id for e in rows} == {first.case_id}
    assert {e.case_reference for e in rows} == {first.reference}
    # Any case: references are stored in capitals.
    assert [e.seq for e in _search(world, case_query=f"  {first.reference.lower()} ")] == [e.seq for e in rows]
    searched = _last_event(world)
    assert searched.action == "AUDIT_SEARCH" and searched.person_id is None
    assert json.loads(searched.detail) == {"rows": len(rows), "by": "reference", "cases": [first.case_id]}


def test_filter_by_personnummer_finds_every_case_of_the_person(world: World) -> None:
    first = sspf_case(world)
    s = world.as_("samordnare")
    second = s.cases.create(Referral(kind="SSPF", person_id=first.person_id, unit_id=world.units["SSPF Tureberg"],
                                     referral_date=world.today - timedelta(days=3), concerns=("HOG_FRANVARO",),
                                     description="Ny aktualisering"))
    other = sspf_case(world, first="Bo", last="Ek", born=date(2010, 2, 3))
    s.persons.get(first.person_id)  # a read of the person outside any case
    digits = _pnr(world, first.person_id).replace("-", "")
    parsed = personnummer.parse(digits)
    short = parsed.short_form(world.today)
    forms = (parsed.long_form(), digits, short, short.replace("-", ""))
    results = [_search(world, case_query=form) for form in forms]
    rows = results[0]
    assert {e.case_id for e in rows if e.case_id} == {first.case_id, second.id}
    assert other.case_id not in {e.case_id for e in rows}
    assert any(e.case_id is None and e.action == "PERSON_READ" for e in rows), "reads of the person without a case"
    # (Each search is itself an event about the person, so later searches also list the earlier ones.)
    same = [[e.seq for e in r if e.action != "AUDIT_SEARCH"] for r in results]
    assert all(seqs == same[0] for seqs in same), "10 or 12 digits, with or without -"
    assert [e.action for e in results[-1]].count("AUDIT_SEARCH") == len(forms) - 1
    # The search read whom the log is about: it is logged with the person, never the number.
    searched = _last_event(world)
    assert searched.action == "AUDIT_SEARCH" and searched.person_id == first.person_id
    detail = json.loads(searched.detail)
    assert detail["by"] == "pnr" and sorted(detail["cases"]) == sorted([first.case_id, second.id])
    assert digits not in (searched.detail or "") and digits[2:] not in (searched.detail or "")


def test_a_bad_case_filter_gets_a_clear_error(world: World) -> None:
    built = sspf_case(world)
    valid = _pnr(world, built.person_id).replace("-", "")
    wrong_check = f"{valid[:8]}-{valid[8:11]}{(int(valid[11]) + 1) % 10}"
    with pytest.raises(PersonnummerError) as bad_checksum:
        _search(world, case_query=wrong_check)
    assert bad_checksum.value.code == "personnummer.checksum"
    for text in ("266", "12345", "2011-05-03", "#266"):
        with pytest.raises(ValidationError) as neither:
            _search(world, case_query=text)
        assert neither.value.code == "audit.case_query", text
    with pytest.raises(NotFound) as unknown:
        _search(world, case_query="SSPF-2099-9999")
    assert unknown.value.code == "case.not_found"
    with pytest.raises(NotFound) as nobody:
        _search(world, case_query=test_pnr(1990, 1, 1))
    assert nobody.value.code == "person.not_found"
    # Each has a sentence of its own (shown in the window, and in Swedish by the CLI).
    for code in ("audit.case_query", "case.not_found", "person.not_found", "personnummer.checksum"):
        assert code in MESSAGES


def test_a_disposed_case_is_named_by_what_is_known(world: World) -> None:
    gone = marked_case(world, "Gone")
    archivist(world)
    retention = Services(world.db, world.actors["arkiv"], today=world.today).retention
    assert [d.record_ref for d in retention.run([d.key for d in retention.due()]).disposed] == [gone.reference]
    rows = _search(world, case_query=gone.reference)  # the case row is gone; its events are not
    assert rows and {e.case_id for e in rows} == {gone.case_id}
    assert {(e.case_reference, e.case_disposed) for e in rows} == {(gone.reference, True)}
    # A case id with no case and no reference kept (an event from before GALLRING kept it).
    with world.db.session() as s:
        world.db.audit.append(s, world.actors["arkiv"], "GALLRING", entity="case", entity_id=987654,
                              case_id=987654, detail={"run": "x", "type": "SSPF_CASE"})
    old = next(e for e in _search(world, action="GALLRING") if e.case_id == 987654)
    assert (old.case_reference, old.case_disposed, old.record_name) == (None, True, None)


def test_a_page_of_the_log_costs_the_same_few_queries_however_long(world: World) -> None:
    built = sspf_case(world)
    for _ in range(60):
        world.as_("skola").case_view.open(built.case_id)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(world.db.engine, "before_cursor_execute", count)
    try:
        short = world.as_("granskare").audit_view.search(AuditFilter(limit=5))
        few = len(statements)
        statements.clear()
        long = world.as_("granskare").audit_view.search(AuditFilter(limit=2000))
        many = len(statements)
    finally:
        event.remove(world.db.engine, "before_cursor_execute", count)
    assert len(short) == 5 and len(long) > 80
    assert many <= few + 2, f"{few} statements for 5 rows, {many} for {len(long)}: a query per row?"


def test_log_review_filters_by_case_reference_and_names_its_rows(world: World) -> None:
    first = sspf_case(world)
    other = sspf_case(world, first="Bo", last="Ek", born=date(2010, 2, 3))
    world.as_("skola").case_view.open(first.case_id)
    world.as_("skola").case_view.open(other.case_id)
    today = date.today()
    review = world.as_("granskare").log_review
    report = review.report(ReviewFilter(today, today, case_query=first.reference.lower()))
    assert report.rows and {r.case_id for r in report.rows} == {first.case_id}
    assert report.case_label == first.reference
    read = next(r for r in report.rows if r.action == "CASE_READ")
    assert read.user_name == "Skola" and read.case_reference == first.reference
    assert {u.user_name for u in report.users} >= {"Skola", "Samordnare"}
    by_person = review.report(ReviewFilter(today, today, case_query=_pnr(world, other.person_id)))
    assert {r.case_id for r in by_person.rows if r.case_id} == {other.case_id}
    assert _last_event(world).person_id == other.person_id  # filtering by personnummer is logged with the person
    with pytest.raises(NotFound):
        review.report(ReviewFilter(today, today, case_query="SSPF-2099-9999"))


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str) -> int:
        monkeypatch.setenv("TRYGG_PASSWORD", PASSWORD)
        return main(list(args))
    return run


def _pdf_text(data: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(data)).pages)


def test_cli_report_takes_a_case_reference_or_an_id(world: World, tmp_path: Path, cli, capsys) -> None:
    from trygg_desktop.ui.plain_messages import cli_message
    built = sspf_case(world)
    world.as_("skola").case_view.open(built.case_id)
    world.db.close()
    today = date.today().isoformat()
    base = ("audit", "report", "--db", str(world.path), "--as", "granskare", "--from", today, "--to", today,
            "--all-rows")
    for value in (built.reference, built.reference.lower(), str(built.case_id)):
        out = tmp_path / f"r-{value}.pdf"
        assert cli(*base, "--case", value, "--out", str(out)) == 0, value
        text = _pdf_text(out.read_bytes())
        assert f"Ärende: {built.reference}" in text and "Öppnade ärendet" in text and "CASE_READ" not in text
        assert "#" + str(built.case_id) not in text
    capsys.readouterr()
    assert cli(*base, "--case", "SSPF-2099-9999", "--out", str(tmp_path / "x.pdf")) == 4
    assert cli_message(NotFound("No case with that reference", code="case.not_found")) in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
