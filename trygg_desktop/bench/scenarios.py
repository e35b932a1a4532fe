"""The benchmark scenarios: what a user does, through the same services the app uses.

Each scenario's ``setup(ctx)`` does the untimed preparation and returns the timed
step (a zero-argument callable). Every database scenario runs on both variants
(``sqlcipher`` and ``plain``) with the same inputs; ``cipher_only`` ones (the KDF)
and the GUI scenario (its own process, see ``gui_probe``) are special-cased by the
runner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time as dtime, timedelta
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import func, select

from ..services.cases import CaseFilter
from ..services.database import Database, actor_for
from ..services.facade import Services
from ..services.journal import JournalInput
from ..services.meetings import MeetingInput
from ..store.migrate import migrate_if_needed
from ..store.models import Meta, Person, User
from .dataset import COORDINATOR, TODAY, DatasetInfo

Step = Callable[[], Any]


@dataclass
class Ctx:
    """One variant's open database and what the scenarios share."""

    variant: str                       # "sqlcipher" | "plain"
    db: Database
    info: DatasetInfo
    folder: Path
    reopen: Callable[[], Database]     # a fresh Database on the same file (the unlock scenario)
    kdf: Callable[[], Any] | None = None
    state: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)
    _services: dict[str, Services] = field(default_factory=dict)

    def services(self, username: str = COORDINATOR) -> Services:
        if username not in self._services:
            with self.db.session() as s:
                user = s.scalar(select(User).where(User.username == username))
                actor = actor_for(user)
            self._services[username] = Services(self.db, actor, today=TODAY)
        return self._services[username]


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    setup: Callable[[Ctx], Step]
    target_ms: float | None = None
    heavy: bool = False          # fewer repeats
    cipher_only: bool = False
    #: Untimed, before every run (warm-up and timed): puts the file in the state the step assumes.
    before: Callable[[Ctx], None] | None = None


# -- unlock -----------------------------------------------------------------------------------

def _unlock(ctx: Ctx) -> Step:
    return _unlock_with(ctx, ctx.reopen)


def _clean_lock(ctx: Ctx) -> None:
    """The file as an idle lock leaves it: the app disposes its engine, and the last connection's
    close checkpoints the WAL into the file. The bench keeps its own connection open, so it
    truncates the WAL instead; otherwise every unlock would time the pre-open WAL check
    (``store/walcheck.py``) over the frames the other scenarios wrote."""
    from ..store.engine import checkpoint
    checkpoint(ctx.db.engine)


def _health_check(ctx: Ctx) -> Step:
    from ..store.health import quick_check_problems
    return lambda: quick_check_problems(ctx.db.engine)


def _unlock_with(ctx: Ctx, reopen: Callable[[], Database]) -> Step:
    def step() -> None:
        db = reopen()
        try:
            migrate_if_needed(db.engine, db.path)
            with db.session() as s:
                s.get(Meta, "db_uuid")
                user = s.scalar(select(User).where(User.username == COORDINATOR))
                db.audit.append(s, actor_for(user), "LOGIN", entity="user", entity_id=user.id, purpose="login")
        finally:
            db.engine.dispose()
    return step


def _kdf(ctx: Ctx) -> Step:
    assert ctx.kdf is not None
    return ctx.kdf


# -- lists and searches ---------------------------------------------------------------------------

def _dashboard(ctx: Ctx) -> Step:
    board = ctx.services("samordnare").dashboard
    return board.for_me


FIRST_PAGE = CaseFilter(kind="SSPF", open_only=True, order_by="referral_date", descending=True, limit=50)


def _case_list(ctx: Ctx) -> Step:
    cases = ctx.services().cases
    rows, total = cases.list(FIRST_PAGE)
    ctx.notes["case_list_first_page"] = {"rows": len(rows), "total": total}
    return lambda: cases.list(FIRST_PAGE)


def _scroll_middle(ctx: Ctx) -> Step:
    cases = ctx.services().cases
    _rows, total = cases.list(CaseFilter(limit=1))
    f = CaseFilter(order_by="reference", offset=total // 2, limit=200)
    ctx.notes["scroll_middle"] = {"offset": total // 2, "total": total}
    return lambda: cases.list(f)


def _common_last_name(ctx: Ctx) -> str:
    with ctx.db.session() as s:
        return s.execute(select(Person.last_name).where(Person.pnr.is_not(None)).group_by(Person.last_name)
                         .order_by(func.count().desc(), Person.last_name).limit(1)).scalar_one()


def _search_name(ctx: Ctx) -> Step:
    cases = ctx.services().cases
    name = _common_last_name(ctx)
    f = CaseFilter(query=name, limit=50)
    rows, total = cases.list(f)
    ctx.notes["search_name"] = {"query": "(most common last name)", "rows": len(rows), "total": total}
    return lambda: cases.list(f)


def _search_pnr(ctx: Ctx) -> Step:
    cases = ctx.services().cases
    f = CaseFilter(query=ctx.info.extract_pnr, limit=50)
    rows, _total = cases.list(f)
    ctx.notes["search_pnr"] = {"rows": len(rows)}
    return lambda: cases.list(f)


FTS_QUERY = "hembesök familjen"


def _search_fulltext(ctx: Ctx) -> Step:
    journal = ctx.services().journal
    ctx.notes["search_fulltext"] = {"query": FTS_QUERY, "hits": len(journal.search(FTS_QUERY))}
    return lambda: journal.search(FTS_QUERY)


# -- a case ---------------------------------------------------------------------------------------------

def _open_case(ctx: Ctx) -> Step:
    view = ctx.services().case_view
    detail = view.open(ctx.info.open_case_id)
    ctx.notes["open_case"] = {"journal": len(detail.journal), "meetings": len(detail.meetings),
                              "consents": len(detail.consents)}
    return lambda: view.open(ctx.info.open_case_id)


def _save_journal(ctx: Ctx) -> Step:
    journal = ctx.services().journal
    data = JournalInput(case_id=ctx.info.open_case_id, event_date=TODAY, entry_type="SAMTAL",
                        text="Uppföljande samtal med ungdomen. Närvaron i skolan har blivit bättre.")
    return lambda: journal.add(data)


AGENDA = ("Mötets öppnande", "Sekretess och samtycke", "Lägesbild skola", "Lägesbild fritid", "Lägesbild polis",
          "Ungdomens synpunkter", "Vårdnadshavarnas synpunkter", "Uppföljning av planen", "Beslut", "Övrigt")


def _make_meeting(ctx: Ctx) -> int:
    meetings = ctx.services().meetings
    starts = datetime.combine(TODAY - timedelta(days=1), dtime(9, 0))
    m = meetings.create(MeetingInput(meeting_type="UPPFOLJNINGSMOTE", starts_at=starts,
                                     ends_at=starts + timedelta(hours=1), case_id=ctx.info.open_case_id,
                                     place="Socialkontoret, rum 3", use_template=False))
    for number, heading in enumerate(AGENDA, start=1):
        meetings.set_agenda_item(m.id, number, heading, note=f"Anteckning till punkt {number}: läget följs upp "
                                 "och ansvariga redogör för vad som hänt sedan förra mötet.",
                                 decision=f"Beslut {number}: planen fortsätter.")
    return m.id


def _create_meeting(ctx: Ctx) -> Step:
    return lambda: _make_meeting(ctx)


def _protocol_pdf(ctx: Ctx) -> Step:
    from ..reports.protocol import render_protocol
    protocols = ctx.services().protocols
    meeting_id = _make_meeting(ctx)

    def step() -> bytes:
        return render_protocol(protocols.protocol(meeting_id))
    ctx.notes["protocol_pdf"] = {"bytes": len(step()), "agenda_items": len(AGENDA)}
    return step


def _register_extract(ctx: Ctx) -> Step:
    from ..reports.register_extract import render_extract
    extract = ctx.services().extract

    def step() -> bytes:
        return render_extract(extract.collect(ctx.info.extract_pnr))
    pdf = step()
    ctx.notes["register_extract"] = {"bytes": len(pdf), "pages": _pages(pdf)}
    return step


def _pages(pdf: bytes) -> int | None:
    try:
        import io

        from pypdf import PdfReader
    except ImportError:  # pypdf is a test dependency
        return None
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _stats_period():
    """The last whole tertial before the dataset's "today" (2026-11-20 → T2 2026)."""
    from ..domain.periods import Period
    return Period.tertial_of(TODAY).previous()


def _stats_tertial(ctx: Ctx) -> Step:
    """The steering group's tertial report (three periods counted, linked suppression, audit)."""
    stats = ctx.services("styrgrupp").statistics
    period = _stats_period()

    def step():
        return stats.report(period)
    report = step()
    ctx.notes["stats_tertial"] = {"period": period.code, "tables": len(report.tables),
                                  "hidden_entries": sum(len(t.table.primary) + len(t.table.secondary)
                                                        for t in report.tables)}
    return step


def _stats_pdf(ctx: Ctx) -> Step:
    from ..reports.statistics_pdf import render_statistics
    report = ctx.services("styrgrupp").statistics.report(_stats_period())

    def step() -> bytes:
        return render_statistics(report)
    pdf = step()
    ctx.notes["stats_pdf"] = {"bytes": len(pdf), "pages": _pages(pdf)}
    return step


def _audit_verify(ctx: Ctx) -> Step:
    integrity = ctx.services("granskare").integrity

    def step():
        report = integrity.verify(pages=False)
        if not report.ok:
            raise AssertionError(f"audit chain broken: {report.chain_problems[:3]}")
        return report
    ctx.notes["audit_verify"] = {"events": step().events}
    return step


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("unlock", "Unlock as the app does it, KDF excluded: WAL check, raw key, migrate check, "
             "login event", _unlock, 50, before=_clean_lock),
    Scenario("health_check", "R29 whole-file quick_check (the app runs it in the background once per "
             "session)", _health_check, None, heavy=True),
    Scenario("kdf", "Argon2id key-file unlock (the KDF alone, for reference)", _kdf, None, cipher_only=True),
    Scenario("dashboard", "Dashboard (Översikt) for the SSPF coordinator", _dashboard),
    Scenario("case_list_first_page", "Case list first page, filtered (SSPF, open) and sorted (referral date)",
             _case_list, 30),
    Scenario("scroll_middle", "Case list: a page of 200 from the middle (sorted by reference)", _scroll_middle),
    Scenario("search_name", "Search cases by name", _search_name),
    Scenario("search_pnr", "Search cases by personnummer", _search_pnr),
    Scenario("search_fulltext", "Full-text search over journal text (FTS5)", _search_fulltext, 50),
    Scenario("open_case", "Open a case with all tabs' data", _open_case, 50),
    Scenario("save_journal", "Save a journal entry + audit event (synchronous=FULL)", _save_journal, 15),
    Scenario("create_meeting", "Create a meeting with 10 agenda items (11 transactions)", _create_meeting),
    Scenario("protocol_pdf", "Build a 10-item protocol PDF", _protocol_pdf, 200),
    Scenario("register_extract", "Build the register extract (GDPR art. 15) PDF", _register_extract, 3000,
             heavy=True),
    Scenario("audit_verify", "Audit chain verify over every event", _audit_verify, 10_000, heavy=True),
    Scenario("stats_tertial", "Steering group's tertial report (with previous period and last year)",
             _stats_tertial, 500),
    Scenario("stats_pdf", "The tertial report's PDF (tables and charts)", _stats_pdf, 1000),
)

#: Targets of scenarios the runner measures itself.
GUI_TARGET_MS = None
GUI_RSS_TARGET_MB = 350
