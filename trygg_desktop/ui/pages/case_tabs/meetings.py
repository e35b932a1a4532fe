"""Möten: the case's meetings; a double-click opens the meeting and its protocol."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from ....domain import vocab
from ....domain.access import Act, Rec
from ....domain.timefmt import fmt_datetime
from ....api.results import CaseDetail, MeetingDTO
from .common import DTO_ROLE, GREEN, CaseTab, Column, DtoTableModel, hint_label, make_table, selected_dto


class MeetingsTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.book_button = self.button(self.tr("&Book meeting…"), page.book_meeting)
        self.book_button.setToolTip(self.tr("A network or follow-up meeting about this case"))
        self.open_button = self.button(self.tr("&Open meeting"), self.open_selected)
        self.layout_.addLayout(self.button_row(self.book_button, self.open_button))
        self.model = DtoTableModel([
            Column(self.tr("Date"), lambda m: fmt_datetime(m.starts_at), sort_key=lambda m: m.starts_at, width=130),
            Column(self.tr("Type"), lambda m: vocab.MEETING_TYPES.label(m.meeting_type), width=160),
            Column(self.tr("Place"), lambda m: m.place or "", width=180),
            Column(self.tr("Protocol"), lambda m: vocab.PROTOCOL_STATUSES.label(m.protocol_status), width=130,
                   foreground=lambda m: GREEN if m.protocol_status == "JUSTERAT" else None),
            Column(self.tr("Anonymised"), lambda m: self.tr("Yes") if m.anonymised else "", stretch=True),
        ], self)
        self.view = make_table(self.model, self.tr("Meetings of the case"), sort_column=0, descending=True)
        self.view.doubleClicked.connect(self.open_at)
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self.view, self.open_selected, context=Qt.ShortcutContext.WidgetShortcut)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.layout_.addWidget(self.view, 1)
        self.empty = hint_label()
        self.layout_.addWidget(self.empty)
        self.end_with_stretch()

    def selected(self) -> MeetingDTO | None:
        return selected_dto(self.view)

    def _selected(self, *_args) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> None:
        m = self.selected()
        if m is not None:
            self.ctx.open_meeting(m.id)

    def open_at(self, index: QModelIndex) -> None:
        m = self.view.model().data(index, DTO_ROLE) if index.isValid() else None
        if m is not None:
            self.ctx.open_meeting(m.id)

    def fill(self, detail: CaseDetail) -> None:
        super().fill(detail)
        self.model.set_rows(detail.meetings)
        self.view.setVisible(bool(detail.meetings))
        self.empty.setVisible(not detail.meetings)
        may_book = self.ctx.can(Act.CREATE, Rec.MEETING) and detail.access_level != "EMERGENCY"
        self.empty.setText(self.tr("No meetings yet. Book the first with \"Book meeting…\".") if may_book
                           else self.tr("No meetings yet."))
        self.book_button.setVisible(may_book)
        self.open_button.setVisible(self.ctx.can(Act.READ, Rec.MEETING))
        self._selected()

    def clear(self) -> None:
        super().clear()
        self.model.clear()
