"""The case list's search field and filters (kind, status, unit, area, responsible, mine, open).

Split from the Cases page, which owns the list, its keyboard flow and its actions: this bar
only holds what the user chose and turns it into a ``CaseFilter``. The status choices follow
the kind (each kind has its own state machine), the unit and area choices follow the kind's
units, and "My cases" replaces the responsible person.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain import vocab
from ...api.inputs import CaseFilter
from ...api.results import UnitDTO, UserDTO


class CaseFilterBar(QWidget):
    """Two rows: the search and the check boxes, then the choice lists."""

    #: A choice list or check box changed (the search text is debounced by the page).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._units: list[UnitDTO] = []
        self._users: list[UserDTO] = []
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setPlaceholderText(self.tr("Reference, name or personnummer"))
        self.search.setClearButtonEnabled(True)
        self.kind = self._combo(self.tr("Kind"))
        self.kind.addItem(self.tr("All kinds"), None)
        for term in vocab.CASE_KINDS:
            self.kind.addItem(term.sv, term.code)
        self.status = self._combo(self.tr("Status"))
        self.unit = self._combo(self.tr("Unit"))
        self.area = self._combo(self.tr("Area"))
        self.responsible = self._combo(self.tr("Responsible"))
        self.mine = QCheckBox(self.tr("&My cases"))
        self.mine.setAccessibleName(self.tr("Only my cases"))
        self.open_only = QCheckBox(self.tr("&Open cases only"))
        self.open_only.setAccessibleName(self.tr("Open cases only"))
        self.open_only.setChecked(True)
        for box in (self.mine, self.open_only):
            box.toggled.connect(self._changed)
        self.reset_button = QPushButton(self.tr("Clear filters"))
        self._fill_status()
        self.fill_options()
        for combo in self.combos:
            combo.currentIndexChanged.connect(self._changed)
        self._lay_out()

    @property
    def combos(self) -> tuple[QComboBox, ...]:
        return (self.kind, self.status, self.unit, self.area, self.responsible)

    def tab_chain(self) -> list[QWidget]:
        return [self.search, *self.combos, self.mine, self.open_only, self.reset_button]

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(10)
        return combo

    def _lay_out(self) -> None:
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        second.setSpacing(6)

        def labelled(row: QHBoxLayout, text: str, widget: QWidget, stretch: int = 0) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, stretch)

        labelled(first, self.tr("&Search:"), self.search, 1)
        first.addSpacing(12)
        first.addWidget(self.mine)
        first.addWidget(self.open_only)
        first.addWidget(self.reset_button)
        for text, combo in ((self.tr("&Kind:"), self.kind), (self.tr("S&tatus:"), self.status),
                            (self.tr("&Unit:"), self.unit), (self.tr("&Area:"), self.area),
                            (self.tr("&Responsible:"), self.responsible)):
            labelled(second, text, combo)
            second.addSpacing(8)
        second.addStretch(1)
        rows.addLayout(first)
        rows.addLayout(second)

    # -- the choices ---------------------------------------------------------------------
    def _fill(self, combo: QComboBox, items: list[tuple[str, object]], all_text: str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def _fill_status(self) -> None:
        kind = self.kind.currentData()
        statuses = vocab.CASE_STATUSES.get(kind) if kind else None
        items = [(t.sv, t.code) for t in statuses] if statuses else []
        self._fill(self.status, items, self.tr("All statuses") if kind else self.tr("Choose a kind first"))
        self.status.setEnabled(bool(items))

    def set_options(self, units: list[UnitDTO], users: list[UserDTO]) -> None:
        """The units and people to choose from (loaded by the page); an empty pair on lock."""
        self._units, self._users = units, users
        self.fill_options()

    def fill_options(self) -> None:
        kind = self.kind.currentData()
        units = [u for u in self._units if kind is None or u.case_kind in (None, kind)]
        self._fill(self.unit, [(u.name, u.id) for u in units], self.tr("All units"))
        areas = sorted({u.area for u in units if u.area})
        self._fill(self.area, [(a, a) for a in areas], self.tr("All areas"))
        workers = [u for u in self._users if set(u.roles) & vocab.CASE_WORK_ROLES]
        self._fill(self.responsible, [(u.display_name or u.username, u.id) for u in workers], self.tr("Anyone"))
        self.responsible.setEnabled(not self.mine.isChecked())

    def _changed(self) -> None:
        sender = self.sender()
        if sender is self.kind:
            self._fill_status()
            self.fill_options()
        if sender is self.mine:
            self.responsible.setEnabled(not self.mine.isChecked())
        self.changed.emit()

    # -- what they say -------------------------------------------------------------------
    def case_filter(self, order_by: str, descending: bool) -> CaseFilter:
        mine = self.mine.isChecked()
        return CaseFilter(
            kind=self.kind.currentData(), status=self.status.currentData(), unit_id=self.unit.currentData(),
            area=self.area.currentData(), responsible_user_id=None if mine else self.responsible.currentData(),
            mine=mine, open_only=self.open_only.isChecked(), query=self.search.text().strip() or None,
            order_by=order_by, descending=descending)

    def active(self) -> bool:
        """Something narrows the list beyond the default (open cases)."""
        f = self.case_filter("reference", False)
        return any((f.kind, f.status, f.unit_id, f.area, f.responsible_user_id, f.mine, f.query))

    def reset(self) -> None:
        """Back to all open cases, without a ``changed`` per widget (the page reloads once)."""
        for widget in (*self.combos, self.mine, self.open_only, self.search):
            widget.blockSignals(True)
        for combo in (self.kind, self.unit, self.area, self.responsible):
            combo.setCurrentIndex(0)
        self.mine.setChecked(False)
        self.open_only.setChecked(True)
        self.search.clear()
        for widget in (*self.combos, self.mine, self.open_only, self.search):
            widget.blockSignals(False)
        self._fill_status()
        self.fill_options()

    def clear_search(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
