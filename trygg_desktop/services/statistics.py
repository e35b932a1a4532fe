"""Uppföljning för styrgruppen: tertial and annual statistics with small-number suppression.

``StatisticsService(db, actor).report(period, kind=None, unit_id=None, threshold=5)``
returns a :class:`~.statistics_dto.FollowUpReport`: cases (new, open at the end, closed,
closure reasons, per unit), inflow (referring agency, concern categories, age bands,
gender), consent (reached, declined, revoked) and lead times (median and p75 days from
referral to consent, kartläggning and first plan), the work (meetings per case, the share
of TREFAS clients with at least four meetings, actions per agency planned / done on time
/ overdue, follow-up dates met), the defector work (phases, breaches of conditions,
threat level changes: counts only), and a comparison with the previous period and the
same period last year.

Layout of the package: ``statistics_data`` (the SQL and the definitions of every count),
``statistics_layout`` (the tables and their shared totals), ``statistics_tables`` (linked
suppression, figure rules), ``statistics_attack`` (the reader's combined attack),
``statistics_build`` (figures, comparison, charts), ``statistics_dto`` (what leaves).

**Access** (``domain.access_aggregates.statistics_scope`` / ``decide_statistics``, capability
``Rec.STATISTICS``): the steering group (STYRGRUPP) sees every kind and unit; a coordinator
(SSPF_KOORDINATOR, TREFAS_KOORDINATOR, AVHOPPARSAMORDNARE) sees the kinds they coordinate in
their own units (``kind=None`` / ``unit_id=None`` then mean "all of mine"); everyone else,
SYSTEMADMIN included, is refused. READ is the report, PRINT the PDF
(:meth:`StatisticsService.record_output`), EXPORT the CSV or XLSX (:meth:`export`). A refusal
raises ``AccessDenied`` and is audited (ACCESS_DENIED); every report, print and export is
audited (STATS_REPORT, STATS_PRINT, STATS_EXPORT) with the period, kind, unit and threshold,
never a name.

**What leaves**: aggregates only. The raw counts stay in this package; the DTO holds
suppressed tables (``<5``, ``..``), figures with their n (hidden when small) and labels
of kinds, agencies, units and vocabulary terms. No person or case id, name, personnummer,
reference or single case's date is ever in it.

**Threshold**: ``threshold`` (default 5, the municipality may raise it, never lower it
below ``MIN_THRESHOLD``): a count from 1 to threshold-1 is printed ``<threshold``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.access_aggregates import decide_statistics, statistics_scope
from ..domain.errors import AccessDenied, NotFound, ValidationError
from ..domain.periods import Period
from ..domain.suppression import DEFAULT_THRESHOLD
from ..store.models import Unit, utcnow
from ..vault.private_file import write_private
from .base import Service, Tx
from .protocols import organisation_name
from .statistics_build import Meta, UnitRow, build
from .statistics_data import gather_periods
from .statistics_period import Scope
from .statistics_trend import trend_counts, trend_periods
from .statistics_dto import FollowUpReport
from .statistics_export import MARKING, TITLE, csv_bytes, xlsx_bytes

MIN_THRESHOLD = DEFAULT_THRESHOLD
#: Export formats: file suffix → writer of the suppressed tables.
EXPORTS = {"csv": csv_bytes, "xlsx": xlsx_bytes}
#: Page cache (KiB) of the connection while it serves statistics (see ``_grow_cache``).
STATS_CACHE_KIB = 48 * 1024
MAX_THRESHOLD = 100

__all__ = ["EXPORTS", "MARKING", "MAX_THRESHOLD", "MIN_THRESHOLD", "TITLE", "StatisticsOptions",
           "StatisticsService", "csv_bytes", "xlsx_bytes"]


@dataclass(frozen=True, slots=True)
class StatisticsOptions:
    """What the user may choose from: kinds and units (id, name) in their scope (the window's filters)."""

    kinds: tuple[str, ...]
    units: tuple[tuple[int, str], ...]


class StatisticsService(Service):

    def options(self) -> StatisticsOptions:
        """The kinds and units (id, name) the user may ask for; refused (and audited) without access."""
        with self.tx() as tx:
            self._require(tx, Act.READ)
            scope = self._scope(tx, None, None)
            units = tuple((u.id, u.name) for u in self._units(tx, scope))
            return StatisticsOptions(scope.kinds, units)

    def report(self, period: Period | str, kind: str | None = None, unit_id: int | None = None,
               threshold: int = DEFAULT_THRESHOLD) -> FollowUpReport:
        """The follow-up of ``period`` (a Period or its text: "2026-T1", "2026", "2026-01-01..2026-03-31")."""
        if isinstance(period, str):
            period = Period.parse(period)
        if kind is not None and kind not in vocab.CASE_KINDS:
            raise ValidationError(f"Okänd ärendetyp {kind!r}", code="stats.kind")
        if isinstance(threshold, bool) or not isinstance(threshold, int) or not (
                MIN_THRESHOLD <= threshold <= MAX_THRESHOLD):
            raise ValidationError(f"Gränsen för små tal ska vara ett heltal {MIN_THRESHOLD}–{MAX_THRESHOLD}",
                                  code="stats.threshold")
        today = self.today
        if period.start > today:
            raise ValidationError(f"Perioden {period.code} har inte börjat", code="period.not_started")
        with self.tx() as tx:
            self._require(tx, Act.READ, kind, unit_id)
            scope = self._scope(tx, kind, unit_id)
            unit_name = None
            if unit_id is not None:
                unit = tx.session.get(Unit, unit_id)
                if unit is None:
                    raise NotFound("Enheten finns inte", code="unit.not_found")
                unit_name = unit.name
            _grow_cache(tx)
            current, previous, last_year = gather_periods(
                tx.session, [period, period.previous(), period.same_period_last_year()], scope, today)
            units = [UnitRow(u.id, u.name, u.case_kind) for u in self._units(tx, scope)]
            if unit_name is None and scope.unit_ids is not None:  # a coordinator: their own units
                names = sorted(u.name for u in units)
                unit_name = ", ".join(names) if len(names) <= 3 else f"{len(names)} egna enheter"
            meta = Meta(kind=kind, unit_id=unit_id, unit_name=unit_name, threshold=threshold,
                        generated_at=utcnow().replace(microsecond=0),
                        generated_by=self.actor.display_name or self.actor.username,
                        organisation=organisation_name(tx.session), today=today)
            trend = trend_periods(period)
            counts = trend_counts(tx.session, trend, scope, today)
            report = build(current, previous, last_year, units, meta,
                           tuple((p, new, closed) for p, (new, closed) in zip(trend, counts)))
            hidden = sum(len(t.table.primary) + len(t.table.secondary) for t in report.tables)
            tx.audit("STATS_REPORT", entity="statistics", detail=_detail(report, tables=len(report.tables),
                                                                          hidden_entries=hidden))
            return report

    def record_output(self, report: FollowUpReport, kind: str = "PRINT", output: str = "pdf") -> None:
        """Log that the report left the program: ``PRINT`` (printed, or saved as PDF) or
        ``EXPORT`` (``output`` "csv" or "xlsx")."""
        act = Act.PRINT if kind == "PRINT" else Act.EXPORT
        with self.tx() as tx:
            self._require(tx, act, report.kind, report.unit_id)
            tx.audit("STATS_PRINT" if act is Act.PRINT else "STATS_EXPORT", entity="statistics",
                     detail=_detail(report, output="pdf" if act is Act.PRINT else output),
                     flags=["EXPORT"] if act is Act.EXPORT else ())

    def export(self, report: FollowUpReport, path: Path, fmt: str | None = None) -> Path:
        """Write the suppressed tables as CSV or XLSX (``fmt``, else the path's suffix), owner-only
        0600 and atomic (a symbolic link is refused), and audit it. The only plaintext this
        report is written as."""
        path = Path(path)
        fmt = (fmt or path.suffix.lstrip(".")).lower()
        if fmt not in EXPORTS:
            raise ValidationError(f"Okänt exportformat {fmt!r}: välj .csv eller .xlsx", code="stats.format")
        data = EXPORTS[fmt](report)
        self.record_output(report, "EXPORT", fmt)
        try:
            write_private(path, data)
        except OSError as exc:
            raise ValidationError(f"Kan inte skriva {path.name}: {exc.strerror}", code="stats.write") from None
        return path

    def export_csv(self, report: FollowUpReport, path: Path) -> Path:
        return self.export(report, path, "csv")

    # -- helpers ---------------------------------------------------------------------------
    def _require(self, tx: Tx, act: Act, kind: str | None = None, unit_id: int | None = None) -> None:
        decision = decide_statistics(self.actor, act, kind, unit_id)
        if not decision:
            raise AccessDenied(code=decision.reason, action=str(act), record=str(Rec.STATISTICS), case_id=None)

    def _scope(self, tx: Tx, kind: str | None, unit_id: int | None) -> Scope:
        allowed = statistics_scope(self.actor)
        assert allowed is not None  # _require checked it
        kinds = tuple(k for k in vocab.CASE_KINDS.codes if k in allowed.kinds and (kind is None or k == kind))
        if unit_id is not None:
            return Scope(kinds=kinds, unit_ids=frozenset({unit_id}))
        return Scope(kinds=kinds, unit_ids=allowed.unit_ids)

    @staticmethod
    def _units(tx: Tx, scope: Scope) -> list[Unit]:
        stmt = select(Unit).order_by(Unit.name)
        if scope.unit_ids is not None:
            stmt = stmt.where(Unit.id.in_(sorted(scope.unit_ids)))
        return [u for u in tx.session.scalars(stmt)
                if u.case_kind is None or u.case_kind in scope.kinds or scope.unit_ids is not None]


def _grow_cache(tx: Tx) -> None:
    """A larger page cache on this connection for the report (kept while it stays open).

    The report reads cases, persons, consents, plans, actions and meetings of three periods:
    at 10,000 cases that is more than the engine's 32 MiB cache, and every page it drops must
    be decrypted again on the next run (bench, XL: 520 → 390 ms CPU with 48 MiB). Only the
    connection of a user who asks for statistics grows; a lock disposes of it."""
    conn = tx.session.connection()
    if conn.dialect.name != "sqlite":  # server mode: PostgreSQL's shared buffers, not ours to size
        return
    current = conn.exec_driver_sql("PRAGMA cache_size").scalar() or 0
    if current > -STATS_CACHE_KIB:  # negative values are KiB
        conn.exec_driver_sql(f"PRAGMA cache_size = -{STATS_CACHE_KIB}")


def _detail(report: FollowUpReport, **extra) -> dict:
    return {"period": report.period.code, "kind": report.kind or "ALL", "kinds": list(report.kinds),
            "unit_id": report.unit_id, "threshold": report.threshold, **extra}
