"""Persons page (placeholder until its issue work lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .base import Page


class PersonsPage(Page):
    cares_about = frozenset({"*"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.placeholder = QLabel(self.tr("Persons"))
        self.root.addWidget(self.placeholder, 1)
