"""The case list model: ten thousand cases without loading ten thousand cases.

Anki's browser model in spirit: the view asks (``canFetchMore``/``fetchMore``)
and the model fetches the next page of ~200 ``CaseSummary`` DTOs (the first
page only one screen's worth, so the list appears quickly) from
``services.cases.list`` on the executor, appending them with
``beginInsertRows``. Sorting is done by the database (``order_by``/``descending``
in ``CaseFilter``), so clicking a header re-queries from the first page instead
of sorting a partial list. Every request carries a generation number: a page
that arrives after the filter changed (or after ``clear()`` on lock) is dropped.

Offsets count SQL rows, not displayed rows: the service applies the access
policy per row after paging, so a page may hold fewer rows than asked for, and
``rowCount()`` never exceeds the total the service reported.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ...domain import vocab
from ...domain.consent import TRAFFIC_LIGHTS
from ...api.inputs import CaseFilter
from ...api.results import CaseSummary
from ..tasks import Executor, QueryOp
from .simple_table import FIRST_MODEL_ROLE, ID_ROLE, Column, DtoTableModel

__all__ = ["ID_ROLE", "LIGHT_ROLE", "CaseTableModel", "rows_per_screen"]

LIGHT_ROLE = FIRST_MODEL_ROLE  # the row's consent light code

PAGE_SIZE = 200
# The first page only has to fill one screen: it is what the user waits for.
FIRST_PAGE_SIZE = 50

# The dot colours of the case view's consent light (widgets/consent_light.py), so a case looks the same
# in the list and when opened.
LIGHT_COLOURS = {"VALID": "#1e8e3e", "EXPIRING": "#e8a200", "EXPIRED": "#c5221f", "REVOKED": "#c5221f",
                 "NONE": "#80868b"}

PROTECTED_COLOUR = "#9b1111"

_Index = QModelIndex | QPersistentModelIndex
ListFn = Callable[[CaseFilter], tuple[list[CaseSummary], int]]


def rows_per_screen(view) -> int:
    """How many rows fill ``view`` (plus a few): the first page needs no more than that."""
    row_height = max(1, view.verticalHeader().defaultSectionSize())
    return max(20, min(PAGE_SIZE, view.viewport().height() // row_height + 5))


def _dot(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(colour).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def _status(c: CaseSummary) -> str:
    statuses = vocab.CASE_STATUSES.get(c.kind)
    return statuses.label(c.status) if statuses else c.status


def _protected(c: CaseSummary) -> bool:
    return c.protected_identity != "NONE"


class CaseTableModel(DtoTableModel):
    """Lazy, SQL-sorted table of the cases the logged-in user may see (the columns and cells
    are the shared ``DtoTableModel``'s; this class adds paging and sorting in SQL)."""

    # The columns a worker scans first come first (who, consent, protection); kind, unit and
    # dates follow and may scroll out of view on a narrow screen.
    (REFERENCE, NAME, PNR, STATUS, CONSENT, PROTECTED, KIND, UNIT, AREA, REFERRAL, FOLLOW_UP) = range(11)
    #: Columns the database can sort by (CaseFilter.order_by).
    SORT_KEYS = {REFERENCE: "reference", STATUS: "status", NAME: "name", REFERRAL: "referral_date"}

    loaded = Signal(int, int)       # rows now held, total
    loading_changed = Signal(bool)
    failed = Signal(object)         # the exception

    def __init__(self, list_fn: ListFn, executor: Executor, parent=None, *, page_size: int = PAGE_SIZE,
                 first_page_size: int = FIRST_PAGE_SIZE) -> None:
        super().__init__((), parent=parent, roles={LIGHT_ROLE: lambda c: c.consent_light})
        self._icons: dict[str, QIcon] = {}
        self.columns = tuple(self._columns())
        self._list_fn, self._executor = list_fn, executor
        self.page_size, self.first_page_size = page_size, min(first_page_size, page_size)
        self._filter: CaseFilter | None = None
        self._total: int | None = None
        self._offset = 0
        self._generation = 0
        self._loading = False

    def _columns(self) -> list[Column]:
        """In the order of the column numbers above; sortable headers say so."""
        sortable = self.tr("Click to sort")
        return [
            Column(self.tr("Reference"), lambda c: c.reference, header_tooltip=sortable),
            Column(self.tr("Name"), lambda c: c.person_name, tooltip=lambda c: c.person_name,
                   header_tooltip=sortable),
            Column(self.tr("Personnummer"), lambda c: c.pnr_display or ""),
            Column(self.tr("Status"), _status, tooltip=_status, header_tooltip=sortable),
            Column(self.tr("Consent"), lambda c: TRAFFIC_LIGHTS.label(c.consent_light),
                   decoration=lambda c: self._icon(c.consent_light),
                   tooltip=lambda c: self.tr("Consent: %1").replace("%1", TRAFFIC_LIGHTS.label(c.consent_light))),
            Column(self.tr("Protected"), lambda c: ("⚠ " + self.tr("Protected")) if _protected(c) else "",
                   foreground=lambda c: PROTECTED_COLOUR if _protected(c) else None,
                   tooltip=lambda c: vocab.PROTECTED_IDENTITY.label(c.protected_identity) if _protected(c) else None),
            Column(self.tr("Kind"), lambda c: vocab.CASE_KINDS.label(c.kind)),
            Column(self.tr("Unit"), lambda c: c.unit_name),
            Column(self.tr("Area"), lambda c: c.area or ""),
            Column(self.tr("Referred"), lambda c: c.referral_date, header_tooltip=sortable),
            Column(self.tr("Follow-up"), lambda c: c.follow_up_date),
        ]

    # -- filter and loading -----------------------------------------------------
    @property
    def filter(self) -> CaseFilter | None:
        return self._filter

    @property
    def total(self) -> int | None:
        """Cases matching the filter (None before the first page arrived)."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, f: CaseFilter) -> None:
        """Start over with a new filter: empty the rows and fetch the first page."""
        self._filter = replace(f, offset=0, limit=self.page_size)
        self._restart()

    def reload(self) -> None:
        if self._filter is not None:
            self._restart()

    def clear(self) -> None:
        """Drop every DTO and the filter (which may hold a searched name): used on lock."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._filter, self._total, self._offset = (), None, None, 0
        self.endResetModel()
        self._set_loading(False)

    def _restart(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows, self._total, self._offset = (), None, 0
        self.endResetModel()
        self._set_loading(False)
        self._fetch_page()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802 - Qt API
        if parent.isValid() or self._loading or self._filter is None or self._total is None:
            return False
        return self._offset < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802 - Qt API
        if self.canFetchMore(parent):
            self._fetch_page()

    def _fetch_page(self) -> None:
        assert self._filter is not None
        limit = self.first_page_size if self._offset == 0 else self.page_size
        request = replace(self._filter, offset=self._offset, limit=limit)
        generation = self._generation
        list_fn = self._list_fn
        self._set_loading(True)
        QueryOp(lambda: list_fn(request)) \
            .success(lambda result: self._arrived(generation, request, result)) \
            .failure(lambda exc: self._failed(generation, exc)).run(self._executor)

    def _arrived(self, generation: int, request: CaseFilter, result: tuple[list[CaseSummary], int]) -> None:
        if generation != self._generation:
            return  # the filter changed (or the window locked) while this page was on its way
        rows, total = result
        self._total = total
        self._offset = request.offset + request.limit
        room = max(0, total - len(self._rows))
        rows = list(rows)[:room]
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows += tuple(rows)
            self.endInsertRows()
        self._set_loading(False)
        self.loaded.emit(len(self._rows), total)
        if not rows and self.canFetchMore():
            self._fetch_page()  # every row of this page was withheld: no insert tells the view to go on

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._total = len(self._rows)  # stop asking for more until the next filter
        self._set_loading(False)
        self.failed.emit(exc)

    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loading_changed.emit(value)

    # -- sorting (in SQL) -----------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column)
        if key is None or self._filter is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._filter.order_by and descending == self._filter.descending and self._total is not None:
            return
        self._filter = replace(self._filter, order_by=key, descending=descending)
        self._restart()

    def sort_column(self) -> int:
        key = self._filter.order_by if self._filter else "reference"
        return next((c for c, k in self.SORT_KEYS.items() if k == key), self.REFERENCE)

    # -- access to rows ----------------------------------------------------------------
    def case(self, row: int) -> CaseSummary | None:
        return self.row_or_none(row)

    def case_id(self, row: int) -> int | None:
        case = self.case(row)
        return case.id if case else None

    def _icon(self, light: str) -> QIcon:
        if light not in self._icons:
            self._icons[light] = _dot(LIGHT_COLOURS.get(light, LIGHT_COLOURS["NONE"]))
        return self._icons[light]
