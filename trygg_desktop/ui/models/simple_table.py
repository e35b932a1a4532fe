"""A small, typed table model over frozen DTOs, for any page that lists a few hundred rows.

Pages get frozen DTOs from the services and must never fill a ``QTableWidget``
item by item (DESIGN.md §4). This model shows a tuple of DTOs through a list of
columns, each a title and a getter; it knows nothing about any particular DTO,
so any page can reuse it::

    model = DtoTableModel([(tr("Date"), lambda m: m.starts_at), (tr("Place"), lambda m: m.place)])
    view.setModel(sorting_proxy(model))
    model.set_rows(meetings)

Dates and datetimes are shown in Swedish format (``i18n.fmt_date``); ``SORT_ROLE``
gives a comparable key per cell so a ``QSortFilterProxyModel`` sorts dates,
numbers and text correctly, and ``ROW_ROLE`` hands back the DTO of a row through
any proxy (``ID_ROLE`` its ``id``; ``roles`` adds a model's own). ``clear()`` drops every
DTO (the lock empties views, R14).
``setup_table_view`` gives a view the house style; views that size their columns
themselves (the case view's tabs) use ``apply_list_style`` and ``Column.width``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Generic, Iterable, Mapping, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ...domain.timefmt import fmt_date, fmt_datetime

T = TypeVar("T")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3   # the row DTO's ``id``, for DTOs that have one
#: Roles from here on are free for a model's own ``roles`` (the case list's consent light).
FIRST_MODEL_ROLE = Qt.ItemDataRole.UserRole + 4

Getter = Callable[[Any], Any]


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: a title, a getter on the row's DTO, and optional presentation hooks.

    ``sort_key`` overrides the sort value (give one for numeric columns with gaps);
    ``foreground`` and ``background`` return a colour (``QColor`` or ``"#rrggbb"``)
    or None; ``bold`` and ``tooltip`` work per row; ``stretch`` makes the column take
    the free width; ``width`` is a nominal width in pixels at the default font, for
    views that size their columns themselves (``setup_table_view`` ignores it);
    ``elide``: a free-text column that may be narrowed first (cut with "…", the full
    text in the tooltip) so that the stretching column keeps its width;
    ``decoration`` an icon per row (the case list's consent dot); ``checked`` a check
    box per row (True/False, None for none; editing it is the model's business, see
    ``retention_rules``); ``header_tooltip`` the header's tooltip.
    """

    title: str
    getter: Callable[[T], Any]
    sort_key: Callable[[T], Any] | None = None
    align: Qt.AlignmentFlag | None = None
    foreground: Callable[[T], QColor | str | None] | None = None
    bold: Callable[[T], bool] | None = None
    tooltip: Callable[[T], str | None] | None = None
    stretch: bool = False
    width: int | None = None
    background: Callable[[T], QColor | str | None] | None = None
    elide: bool = False
    decoration: Callable[[T], QIcon | None] | None = None
    checked: Callable[[T], bool | None] | None = None
    header_tooltip: str | None = None

    @property
    def header(self) -> str:
        """The header text: ``title`` by the name the case view's callers use."""
        return self.title


ColumnSpec = Column | tuple


def _column(spec: ColumnSpec) -> Column:
    if isinstance(spec, Column):
        return spec
    title, getter, *rest = spec
    return Column(title, getter, rest[0] if rest else None)


def display_text(value: Any) -> str:
    """What a cell shows: empty for None, Swedish dates, ``str()`` otherwise."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


def sort_value(value: Any) -> Any:
    """A key Qt compares consistently: numbers stay numbers, the rest becomes text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, tuple):  # a compound key such as (date, id): one text that orders like the tuple
        return "\x1f".join(_key_part(v) for v in value)
    return str(value).casefold()


def _key_part(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"{value:020d}"  # zero-padded so that 9 sorts before 10 as text
    return str(sort_value(value))


class DtoTableModel(QAbstractTableModel):
    """Rows are DTOs (any objects); columns are ``(title, getter)`` pairs or ``Column``s.

    ``text_tooltips``: a cell without a ``tooltip`` hook shows its own text as tooltip
    (for views whose columns are narrower than their content); ``roles``: a model's
    own item-data roles (from ``FIRST_MODEL_ROLE``), each a getter on the row's DTO.
    """

    def __init__(self, columns: Sequence[ColumnSpec], rows: Iterable[Any] = (),
                 parent: QObject | None = None, *, text_tooltips: bool = False,
                 roles: Mapping[int, Getter] | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column, ...] = tuple(_column(c) for c in columns)
        self._rows: tuple[Any, ...] = tuple(rows)
        self._text_tooltips = text_tooltips
        self._roles = dict(roles or {})

    # -- content --------------------------------------------------------------
    @property
    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(())

    def row(self, index: QModelIndex | QPersistentModelIndex | int) -> Any:
        """The DTO of a row number or of an index of this model (use ``ROW_ROLE`` through proxies)."""
        number = index if isinstance(index, int) else index.row()
        return self._rows[number]

    def row_or_none(self, number: int) -> Any:
        """The DTO of row ``number``, or None when there is no such row."""
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def text(self, item: Any, column: int) -> str:
        """What ``column`` shows for the DTO ``item``."""
        return display_text(self.columns[column].getter(item))

    # -- Qt API ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tooltip
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return display_text(column.getter(item))
        if role == SORT_ROLE:
            return sort_value(column.sort_key(item) if column.sort_key else column.getter(item))
        if role == ROW_ROLE:
            return item
        if role == ID_ROLE:
            return getattr(item, "id", None)
        if role in self._roles:
            return self._roles[role](item)
        if role == Qt.ItemDataRole.EditRole:
            return column.getter(item)
        if role == Qt.ItemDataRole.DecorationRole and column.decoration is not None:
            return column.decoration(item)
        if role == Qt.ItemDataRole.CheckStateRole and column.checked is not None:
            state = column.checked(item)
            return None if state is None else (Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(item)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(item)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(item):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(item) or None
            return display_text(column.getter(item)) if self._text_tooltips else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        return None


def sorting_proxy(model: DtoTableModel, parent: QObject | None = None) -> QSortFilterProxyModel:
    """A proxy that sorts on ``SORT_ROLE`` and filters case-insensitively over all columns."""
    proxy = QSortFilterProxyModel(parent or model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortLocaleAware(True)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def setup_table_view(view: QTableView, model: QAbstractTableModel, accessible_name: str, *,
                     sortable: bool = True) -> None:
    """The house style for a read-only list: whole rows, alternating colours, sized columns."""
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    apply_list_style(view)
    view.setSortingEnabled(sortable)
    header = view.horizontalHeader()
    if sortable:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a header is clicked
    # Size columns from the visible rows only: measuring every row of a long list is O(rows).
    header.setResizeContentsPrecision(60)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    columns = getattr(source, "columns", ())
    stretched = any(c.stretch for c in columns)
    for number, column in enumerate(columns):
        if column.stretch:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(not stretched)


def apply_list_style(view: QTableView) -> None:
    """Whole-row single selection, read-only, alternating colours, one text line per row, no row numbers."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
