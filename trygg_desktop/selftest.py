"""``trygg-desktop --self-test``: prove that an installed copy works, end to end.

Why it exists: social workers install a frozen bundle (PyInstaller) that has no
Python beside it, so a missing native module (sqlcipher3), Qt plugin (platforms,
printsupport, QtPdf), migration script or translation only shows up when someone
clicks the wrong button. IT runs this once after deployment instead; the Linux
build script and ``tests/installer`` run it from the freshly built bundle.

Every step is a small function that raises on failure; each is timed. Everything
the test makes lives in one ``TemporaryDirectory`` (the per-user data, state and
log folders are pointed there too), which is removed at the end, whether the run
passed or not. Exit code 0 when every step passed, else 1, with the failing
step's name in the summary. Argon2 runs at the security floor (R12's minimum) so
the test takes seconds; no real user's data or settings are touched.

Qt runs offscreen unless ``TRYGG_SELFTEST_DISPLAY=1`` asks for the real display.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, TextIO

DISPLAY_ENV = "TRYGG_SELFTEST_DISPLAY"
EXIT_FAILED = 1
# A string from our Swedish catalogue (context "App" in app.py) and its translation.
KNOWN_SOURCE = ("App", "Unsaved changes")
KNOWN_SWEDISH = "Osparade ändringar"
_ENV_KEYS = ("TRYGG_DATA_DIR", "TRYGG_STATE_DIR", "TRYGG_LOG_DIR", "TRYGG_KDF_CALIBRATE")


@dataclass
class Context:
    """What one step hands to the next (the open database, the ids it made, ...)."""

    folder: Path
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    app: Any = None
    db: Any = None
    actor: Any = None
    admin: Any = None
    db_path: Path | None = None
    case_id: int | None = None
    reference: str = ""
    meeting_id: int | None = None
    pdf: bytes = b""
    opened: list[Any] = field(default_factory=list)  # databases to close whatever happens


@dataclass
class StepResult:
    name: str
    ok: bool
    seconds: float
    detail: str


# -- the steps ------------------------------------------------------------------

def step_qt(ctx: Context) -> str:
    """Start Qt (the platform plugin is the first thing a broken bundle lacks)."""
    if os.environ.get(DISPLAY_ENV) != "1":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication
    ctx.app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "trygg-desktop"])
    return f"PySide6 {pyside_version}, platform {ctx.app.platformName()}"


def step_database(ctx: Context) -> str:
    """Create an encrypted database (SQLCipher through the native sqlcipher3 module)."""
    from .paths import key_file_for
    from .api.operations import init_database
    from .vault.kdf import FLOOR
    ctx.db_path = ctx.folder / "data" / "selftest.db"
    ctx.db_path.parent.mkdir()
    db, admin, _recovery = init_database(ctx.db_path, "selftest-admin", ctx.password, kdf_params=FLOOR)
    ctx.opened.append(db)
    ctx.db, ctx.actor, ctx.admin = db, admin, admin
    head = ctx.db_path.read_bytes()[:16]
    if head.startswith(b"SQLite format 3"):
        raise AssertionError("the database file is not encrypted")
    if not key_file_for(ctx.db_path).is_file():
        raise AssertionError("no key file beside the database")
    from sqlcipher3 import dbapi2
    with ctx.db.engine.connect() as conn:
        version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
    return f"SQLCipher {version} (SQLite {dbapi2.sqlite_version}), encrypted file and key file"


def step_migrations(ctx: Context) -> str:
    """Every migration script shipped and applied: the database is at head."""
    from alembic.script import ScriptDirectory

    from .store.migrate import alembic_config, current_revision, head_revision
    revisions = list(ScriptDirectory.from_config(alembic_config()).walk_revisions())
    current, head = current_revision(ctx.db.engine), head_revision()
    if current != head:
        raise AssertionError(f"database at {current}, scripts at {head}")
    return f"{len(revisions)} revisions, at {head}"


def step_services(ctx: Context) -> str:
    """Admin adds a unit and a coordinator; the coordinator unlocks (KDF + key slot),
    registers a person, opens a case and a meeting, and reads the case back."""
    from .domain import personnummer
    from .api.inputs import Referral
    from .api.operations import unlock
    from .api.facade import Services
    from .api.inputs import AttendeeInput, MeetingInput
    from .api.inputs import PersonInput
    from .vault.kdf import FLOOR
    from .vault.throttle import Throttle
    admin = Services(ctx.db, ctx.actor)
    unit = admin.users.add_unit("Självtest", agency="SOC", case_kind="SSPF", area="Test")
    admin.users.add_user("selftest-koordinator", ctx.password, agency="SOC", roles=["SSPF_KOORDINATOR"],
                         units=[unit.id], display_name="Självtest Koordinator", kdf_params=FLOOR)
    ctx.db.close()
    ctx.opened.remove(ctx.db)
    throttle = Throttle(ctx.folder / "state" / "throttle.json")
    ctx.db, ctx.actor = unlock(ctx.db_path, "selftest-koordinator", ctx.password, throttle=throttle)
    ctx.opened.append(ctx.db)
    s = Services(ctx.db, ctx.actor)
    pnr = personnummer.make(date(2012, 3, 4), 983).long_form()  # test serial range, never a real person
    person = s.persons.register(PersonInput("Åsa", "Östlund", pnr=pnr))
    case = s.cases.create(Referral(kind="SSPF", person_id=person.id, unit_id=unit.id,
                                   referral_date=date.today() - timedelta(days=1), description="Självtest"))
    detail = s.case_view.open(case.id)
    if detail.summary.reference != case.reference or detail.person.first_name != "Åsa":
        raise AssertionError("the case read back differs from the one created")
    starts = datetime.combine(date.today(), datetime.min.time()).replace(hour=14)
    meeting = s.meetings.create(MeetingInput("NATVERKSMOTE", starts, case_id=case.id,
                                             ends_at=starts + timedelta(hours=1), place="Rum 1",
                                             anonymised=True))  # no consent in the test case
    s.meetings.add_attendee(meeting.id, AttendeeInput("Självtest Koordinator", function="SSPF-koordinator",
                                                      organisation="Socialförvaltningen", agency="SOC",
                                                      meeting_role="ORDFORANDE"))
    s.meetings.set_agenda_item(meeting.id, 4, "Aktuell situation", note="Självtestets anteckning å ä ö.",
                               visibility="SHARED")
    ctx.case_id, ctx.reference, ctx.meeting_id = case.id, case.reference, meeting.id
    return f"case {case.reference} and meeting {meeting.id} written and read back"


def step_integrity(ctx: Context) -> str:
    """The audit chain the round trip wrote verifies, and so does every page's HMAC."""
    from .api.facade import Services
    report = Services(ctx.db, ctx.admin).integrity.verify()
    if not report.ok or report.events < 5:
        raise AssertionError(f"integrity check failed: {report.chain_problems or report.page_problems}")
    return f"{report.events} audit events chained, pages verified"


def step_protocol_pdf(ctx: Context) -> str:
    """Render the meeting protocol (reportlab + bundled fonts) and open it with QtPdf."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    from .reports.protocol import render_protocol
    from .api.facade import Services
    doc = Services(ctx.db, ctx.actor).protocols.protocol(ctx.meeting_id)
    ctx.pdf = render_protocol(doc)
    if not ctx.pdf.startswith(b"%PDF-"):
        raise AssertionError("the protocol renderer did not produce a PDF")
    data = QByteArray(ctx.pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    pdf = QPdfDocument()
    pdf.load(buffer)
    if pdf.status() != QPdfDocument.Status.Ready or pdf.pageCount() < 1:
        raise AssertionError(f"QtPdf could not open the protocol ({pdf.status().name}, {pdf.error().name})")
    pages = pdf.pageCount()
    text = "".join(pdf.getAllText(page).text() for page in range(pages))
    pdf.close()
    if ctx.reference not in text or "Självtestets anteckning" not in text:
        raise AssertionError("the protocol text lacks the case reference or the agenda note")
    return f"{len(ctx.pdf)} bytes, {pages} page(s), text read back by QtPdf"


def step_translation(ctx: Context) -> str:
    """The Swedish catalogue loads and translates a known string."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    from .ui import i18n
    if not i18n.install(ctx.app, "sv"):
        raise AssertionError(f"could not load {i18n.catalogue_path('sv')}")
    got = QCoreApplication.translate(*KNOWN_SOURCE)
    if got != KNOWN_SWEDISH:
        raise AssertionError(f"{KNOWN_SOURCE[1]!r} translated to {got!r}")
    # Qt's own catalogue translates the standard dialogs (file chooser, print dialog).
    qt = QTranslator()
    if not qt.load("qtbase_sv", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise AssertionError("Qt's qtbase_sv.qm is missing")
    return f"{KNOWN_SOURCE[1]!r} → {got!r}; qtbase_sv loaded"


def step_main_window(ctx: Context) -> str:
    """Open the main window for the coordinator (every page builds), then close it."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from .app import install_renderers
    from .api.facade import Services
    from .ui.main_window import MainWindow
    from .ui.tasks import Executor, set_executor
    install_renderers()
    executor = Executor(sync=True)
    set_executor(executor)
    window = MainWindow(Services(ctx.db, ctx.actor), executor, ctx.db_path)
    try:
        window.show()
        QApplication.processEvents()
        if not window.isVisible() or not window.pages:
            raise AssertionError("the main window did not show its pages")
        for key in list(window.pages):
            window.show_page(key)
            QApplication.processEvents()
        pages = len(window.pages)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # the printsupport module loads
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    finally:
        window.clear_everything()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        set_executor(Executor(sync=True))  # drop our executor; the real app makes its own
    return f"{pages} pages shown and closed"


def step_cleanup(ctx: Context) -> str:
    """Lock: dispose the engine and wipe the key (R14)."""
    for db in list(ctx.opened):
        db.close()
        ctx.opened.remove(db)
        if not db.key.wiped:
            raise AssertionError("the database key was not wiped")
    return "engine disposed, key wiped"


STEPS: list[tuple[str, Callable[[Context], str]]] = [
    ("qt", step_qt),
    ("database", step_database),
    ("migrations", step_migrations),
    ("services", step_services),
    ("integrity", step_integrity),
    ("protocol_pdf", step_protocol_pdf),
    ("translation", step_translation),
    ("main_window", step_main_window),
    ("cleanup", step_cleanup),
]


# -- the runner -----------------------------------------------------------------

def _redirect_user_dirs(folder: Path) -> dict[str, str | None]:
    """Point data/state/log folders into the temporary folder; returns what to restore."""
    saved = {key: os.environ.get(key) for key in _ENV_KEYS}
    for key, sub in (("TRYGG_DATA_DIR", "userdata"), ("TRYGG_STATE_DIR", "state"), ("TRYGG_LOG_DIR", "logs")):
        (folder / sub).mkdir(exist_ok=True)
        os.environ[key] = str(folder / sub)
    os.environ["TRYGG_KDF_CALIBRATE"] = "floor"
    return saved


def _restore(saved: dict[str, str | None]) -> None:
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _summary(results: list[StepResult], total: float, folder_removed: bool, out: TextIO) -> None:
    from . import __version__
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    out.write(f"Trygg Desktop {__version__} self-test ({frozen}, {sys.platform})\n")
    width = max(len(r.name) for r in results) if results else 4
    for r in results:
        out.write(f"  {'OK  ' if r.ok else 'FAIL'} {r.name:<{width}} {r.seconds:6.2f} s  {r.detail}\n")
    failed = [r.name for r in results if not r.ok]
    out.write(f"  temporary files removed: {'yes' if folder_removed else 'NO'}\n")
    if failed:
        out.write(f"SELF-TEST FAILED at step '{failed[0]}' after {total:.2f} s\n")
    else:
        out.write(f"SELF-TEST PASSED: {len(results)} steps in {total:.2f} s\n")
    out.flush()


def _report_file() -> TextIO:
    """Where the summary goes when there is no console: ``self-test.txt`` in the log folder."""
    from .paths import user_log_dir
    folder = user_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return open(folder / "self-test.txt", "w", encoding="utf-8")


def run(out: TextIO | None = None, *, base_dir: Path | None = None) -> int:
    """Run every step in order, stop at the first failure, clean up, print a summary.

    Returns the process exit code (0 passed, 1 failed). ``base_dir`` chooses where
    the temporary folder is made (tests point it at their own tmp_path).
    """
    results: list[StepResult] = []
    started = time.perf_counter()
    tmp = tempfile.TemporaryDirectory(prefix="trygg-selftest-", dir=base_dir)
    folder = Path(tmp.name)
    saved = _redirect_user_dirs(folder)
    ctx = Context(folder=folder)
    try:
        for name, step in STEPS:
            t0 = time.perf_counter()
            try:
                detail = step(ctx)
            except Exception as exc:  # noqa: BLE001 - reported with the step's name
                results.append(StepResult(name, False, time.perf_counter() - t0,
                                          f"{type(exc).__name__}: {exc}"))
                break
            results.append(StepResult(name, True, time.perf_counter() - t0, detail))
    finally:
        for db in ctx.opened:  # a failed step may leave the database open
            try:
                db.close()
            except Exception:  # noqa: BLE001 - best effort before the folder goes
                pass
        _restore(saved)
        try:
            tmp.cleanup()
        except OSError:
            pass
    removed = not folder.exists()
    total = time.perf_counter() - started
    if out is None and sys.stdout is None:  # a windowed program (TryggDesktop.exe) has no console
        with _report_file() as report:
            _summary(results, total, removed, report)
    else:
        _summary(results, total, removed, out or sys.stdout)
    ok = removed and len(results) == len(STEPS) and all(r.ok for r in results)
    return 0 if ok else EXIT_FAILED
