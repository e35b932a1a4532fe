"""A small table of persons (search results, duplicate warnings) over ``PersonDTO``.

Person searches return at most a few dozen rows, so the model holds the DTOs
the service returned and sorts client-side through a ``QSortFilterProxyModel``
on ``SORT_ROLE``. The personnummer column shows exactly what the service gave:
the service masks it for roles that must not see the full number.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain import vocab
from ...services.dto import PersonDTO
from ...domain.timefmt import fmt_date

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class PersonTableModel(QAbstractTableModel):
    NAME, PNR, BIRTH, PROTECTED = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PersonDTO] = []
        self._headers = [self.tr("Name"), self.tr("Personnummer"), self.tr("Birth date"),
                         self.tr("Protected identity")]

    # -- content --------------------------------------------------------------
    def set_rows(self, rows: list[PersonDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def person(self, row: int) -> PersonDTO | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt API ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return p.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(p, col)
        if role == SORT_ROLE:
            if col == self.NAME:
                return f"{p.last_name} {p.first_name}".lower()
            if col == self.BIRTH:
                return p.birth_date.isoformat() if p.birth_date else ""
            return self._text(p, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.PROTECTED and p.protected_identity != "NONE":
            return QColor("#9b1111")
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PROTECTED and p.protected_identity != "NONE":
            return vocab.PROTECTED_IDENTITY.label(p.protected_identity)
        return None

    def _text(self, p: PersonDTO, col: int) -> str:
        if col == self.NAME:
            return p.name
        if col == self.PNR:
            return p.pnr or (self.tr("Reserve id %1").replace("%1", p.reserve_id) if p.reserve_id else "")
        if col == self.BIRTH:
            return fmt_date(p.birth_date)
        if col == self.PROTECTED:
            return "⚠ " + vocab.PROTECTED_IDENTITY.label(p.protected_identity) if p.protected_identity != "NONE" else ""
        return ""
