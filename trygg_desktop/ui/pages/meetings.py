"""Meetings page (placeholder until its issue work lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .base import Page


class MeetingsPage(Page):
    cares_about = frozenset({"*"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.placeholder = QLabel(self.tr("Meetings"))
        self.root.addWidget(self.placeholder, 1)

    def open_meeting(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
