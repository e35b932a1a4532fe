"""The editable retention-rule table of the Gallring page.

Years (a spin box through the default delegate), "on" and "research sample"
(check boxes) are editable for users who may change rules and only for types this version can
dispose; edits are kept as pending changes until the page saves them, so one
save is one service call per changed rule and Cancel is simply a reload.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain import vocab
from ...services.retention import RuleDTO

Index = QModelIndex | QPersistentModelIndex
COL_TYPE, COL_YEARS, COL_START, COL_ENABLED, COL_SAMPLE, COL_SOURCE = range(6)


class RulesModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[RuleDTO] = []
        self.pending: dict[str, tuple[int, bool, bool]] = {}  # years, enabled, research sample
        self.editable = False
        self.headers = [self.tr("Record type"), self.tr("Years"), self.tr("Counted from"), self.tr("Disposal"),
                        self.tr("Research sample"), self.tr("Basis")]

    def set_rows(self, rows: list[RuleDTO]) -> None:
        self.beginResetModel()
        self.rows, self.pending = list(rows), {}
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def value(self, rule: RuleDTO) -> tuple[int, bool, bool]:
        return self.pending.get(rule.record_type, (rule.years, rule.enabled, rule.research_sample))

    def changes(self) -> dict[str, tuple[int, bool, bool]]:
        return {t: v for t, v in self.pending.items()
                if v != next((r.years, r.enabled, r.research_sample) for r in self.rows if r.record_type == t)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or not self.editable or not self.rows[index.row()].disposable:
            return base
        if index.column() == COL_YEARS:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() in (COL_ENABLED, COL_SAMPLE):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rule = self.rows[index.row()]
        years, enabled, sample = self.value(rule)
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == COL_YEARS:
            return years
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_TYPE:
                return vocab.RETENTION_RECORD_TYPES.label(rule.record_type)
            if column == COL_YEARS:
                return str(years)
            if column == COL_START:
                return vocab.RETENTION_START_EVENTS.label(rule.start_event)
            if column == COL_ENABLED:
                if not rule.disposable:
                    return self.tr("Kept (not disposed by this version)")
                return self.tr("On") if enabled else self.tr("Off (follows the case)")
            if column == COL_SAMPLE:
                if not rule.disposable:
                    return ""
                return self.tr("Kept") if sample else self.tr("Not kept")
            if column == COL_SOURCE:
                return rule.source
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_ENABLED and rule.disposable:
            return Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_SAMPLE and rule.disposable:
            return Qt.CheckState.Checked if sample else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and (not rule.disposable or
                                                       (column == COL_ENABLED and not enabled)):
            return QColor("#666666")
        if role == Qt.ItemDataRole.BackgroundRole and rule.record_type in self.changes():
            return QColor("#fff6d5")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or not (self.flags(index) & (Qt.ItemFlag.ItemIsEditable |
                                                             Qt.ItemFlag.ItemIsUserCheckable)):
            return False
        rule = self.rows[index.row()]
        years, enabled, sample = self.value(rule)
        if index.column() == COL_YEARS and role == Qt.ItemDataRole.EditRole:
            try:
                years = int(value)
            except (TypeError, ValueError):
                return False
            if not 0 <= years <= 150:
                return False
        elif index.column() == COL_ENABLED and role == Qt.ItemDataRole.CheckStateRole:
            enabled = Qt.CheckState(value) == Qt.CheckState.Checked
        elif index.column() == COL_SAMPLE and role == Qt.ItemDataRole.CheckStateRole:
            sample = Qt.CheckState(value) == Qt.CheckState.Checked
        else:
            return False
        self.pending[rule.record_type] = (years, enabled, sample)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True
