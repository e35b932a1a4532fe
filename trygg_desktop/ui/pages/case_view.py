"""Case page (placeholder until its issue work lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .base import Page


class CaseViewPage(Page):
    cares_about = frozenset({"*"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.placeholder = QLabel(self.tr("Case"))
        self.root.addWidget(self.placeholder, 1)

    def load(self, case_id: int) -> None:
        self.case_id = case_id
