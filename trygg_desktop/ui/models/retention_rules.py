"""The editable retention-rule table of the Gallring page.

Years (a spin box through the default delegate), "on" and "research sample"
(check boxes) are editable for users who may change rules and only for types this version can
dispose; edits are kept as pending changes until the page saves them, so one
save is one service call per changed rule and Cancel is simply a reload. The
cells are the shared ``DtoTableModel``'s; this class adds the pending edits.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...domain import vocab
from ...api.results import RuleDTO
from .simple_table import Column, DtoTableModel

Index = QModelIndex | QPersistentModelIndex
COL_TYPE, COL_YEARS, COL_START, COL_ENABLED, COL_SAMPLE, COL_SOURCE = range(6)
MUTED = "#666666"
CHANGED = "#fff6d5"


class RulesModel(DtoTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__((), parent=parent, text_tooltips=True)
        self.pending: dict[str, tuple[int, bool, bool]] = {}  # years, enabled, research sample
        self.editable = False

        def muted(rule: RuleDTO) -> str | None:
            return MUTED if not rule.disposable else None

        def changed(rule: RuleDTO) -> str | None:
            return CHANGED if rule.record_type in self.changes() else None

        def column(title: str, getter, **hooks) -> Column:
            hooks.setdefault("foreground", muted)
            return Column(title, getter, background=changed, **hooks)

        self.columns = (
            column(self.tr("Record type"), lambda r: vocab.RETENTION_RECORD_TYPES.label(r.record_type)),
            column(self.tr("Years"), lambda r: self.value(r)[0]),
            column(self.tr("Counted from"), lambda r: vocab.RETENTION_START_EVENTS.label(r.start_event)),
            column(self.tr("Disposal"), self._disposal_text,
                   checked=lambda r: self.value(r)[1] if r.disposable else None,
                   foreground=lambda r: MUTED if not r.disposable or not self.value(r)[1] else None),
            column(self.tr("Research sample"), self._sample_text,
                   checked=lambda r: self.value(r)[2] if r.disposable else None),
            column(self.tr("Basis"), lambda r: r.source),
        )

    def _disposal_text(self, rule: RuleDTO) -> str:
        if not rule.disposable:
            return self.tr("Kept (not disposed by this version)")
        return self.tr("On") if self.value(rule)[1] else self.tr("Off (follows the case)")

    def _sample_text(self, rule: RuleDTO) -> str:
        if not rule.disposable:
            return ""
        return self.tr("Kept") if self.value(rule)[2] else self.tr("Not kept")

    def set_rows(self, rows: Iterable[RuleDTO]) -> None:
        self.pending = {}
        super().set_rows(rows)

    def value(self, rule: RuleDTO) -> tuple[int, bool, bool]:
        return self.pending.get(rule.record_type, (rule.years, rule.enabled, rule.research_sample))

    def changes(self) -> dict[str, tuple[int, bool, bool]]:
        return {t: v for t, v in self.pending.items()
                if v != next((r.years, r.enabled, r.research_sample) for r in self.rows if r.record_type == t)}

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or not self.editable or not self.rows[index.row()].disposable:
            return base
        if index.column() == COL_YEARS:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() in (COL_ENABLED, COL_SAMPLE):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

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
