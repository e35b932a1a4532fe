"""Journal: entries newest first with a clear internal/shared marker.

Why the marker is in every row: an INTERNAL entry stays within the author's
agency, a SHARED one reaches the agencies the consent covers; the worker must
see at a glance which is which before reading out or printing anything.
Corrections never overwrite: the original stays visible, marked as corrected
and linked to the correcting entry.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from ....domain import vocab
from ....domain.access import Act, Rec
from ....domain.timefmt import fmt_date, fmt_instant
from ....api.results import CaseDetail, JournalDTO
from .common import (AMBER, GREEN, CaseTab, Column, DtoTableModel, hint_label, make_table,
                     select_first, selected_dto, warning_label)

INTERNAL_COLOUR = QColor("#0d3a66")


class JournalTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.new_button = self.button(self.tr("&New entry…"), page.new_journal_entry)
        self.correct_button = self.button(self.tr("&Correct entry…"), page.correct_journal_entry)
        self.layout_.addLayout(self.button_row(self.new_button, self.correct_button))
        self.withheld_note = warning_label()
        self.layout_.addWidget(self.withheld_note)
        self.model = DtoTableModel([
            Column(self.tr("No."), lambda j: str(j.id), sort_key=lambda j: j.id, width=50),
            Column(self.tr("Date"), lambda j: fmt_date(j.event_date), sort_key=lambda j: (j.event_date, j.id), width=95),
            Column(self.tr("Type"), lambda j: vocab.JOURNAL_TYPES.label(j.entry_type), width=110),
            Column(self.tr("Author"), self._author, width=150, elide=True),
            Column(self.tr("Agency"), lambda j: vocab.AGENCIES.label(j.owning_agency), width=100),
            Column(self.tr("Visibility"), lambda j: vocab.VISIBILITY.label(j.visibility), width=160,
                   foreground=lambda j: INTERNAL_COLOUR if j.visibility == "INTERNAL" else GREEN,
                   bold=lambda j: True),
            Column(self.tr("Correction"), self.correction_text, width=170, elide=True,
                   foreground=lambda j: AMBER if j.corrected_by else None),
            Column(self.tr("Text"), lambda j: j.text.split("\n", 1)[0], stretch=True),
        ], self)
        self.view = make_table(self.model, self.tr("Journal entries"), sort_column=1, descending=True)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.empty = hint_label(self.tr("No journal entries that you may see."))
        self.layout_.addWidget(self.empty)

        reader = QWidget()
        r_layout = QVBoxLayout(reader)
        r_layout.setContentsMargins(0, 4, 0, 0)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta.setStyleSheet("font-weight:600;")
        r_layout.addWidget(self.meta)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Entry text"))
        r_layout.addWidget(self.text)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(reader)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        self.layout_.addWidget(splitter, 1)
        self.end_with_stretch()

    # -- presentation ---------------------------------------------------------
    @staticmethod
    def _author(j: JournalDTO) -> str:
        return f"{j.author_name}, {j.author_title}" if j.author_title else j.author_name

    def correction_text(self, j: JournalDTO) -> str:
        if j.corrected_by:
            return self.tr("Corrected – see entry %1").replace("%1", ", ".join(f"#{i}" for i in j.corrected_by))
        if j.corrects_id is not None:
            return self.tr("Corrects entry %1").replace("%1", f"#{j.corrects_id}")
        return ""

    def selected(self) -> JournalDTO | None:
        return selected_dto(self.view)

    def _selected(self, *_args) -> None:
        j = self.selected()
        own = j is not None and j.owning_agency == self.ctx.actor.agency
        self.correct_button.setEnabled(own and self.ctx.can(Act.CREATE, Rec.JOURNAL))
        if j is None:
            self.meta.clear()
            self.text.clear()
            return
        parts = [fmt_date(j.event_date), vocab.JOURNAL_TYPES.label(j.entry_type), self._author(j),
                 vocab.AGENCIES.label(j.owning_agency), vocab.VISIBILITY.label(j.visibility),
                 vocab.INFORMATION_CATEGORIES.label(j.information_category)]
        if j.source:
            parts.append(self.tr("Source: %1").replace("%1", j.source))
        parts.append(self.tr("Written %1").replace("%1", fmt_instant(j.written_at)))
        correction = self.correction_text(j)
        self.meta.setText(" · ".join(parts) + (f"\n{correction}" if correction else ""))
        self.text.setPlainText(j.text)

    # -- fill / clear ---------------------------------------------------------
    def fill(self, detail: CaseDetail) -> None:
        super().fill(detail)
        self.new_button.setVisible(self.ctx.can(Act.CREATE, Rec.JOURNAL))
        self.correct_button.setVisible(self.ctx.can(Act.CREATE, Rec.JOURNAL))
        self.model.set_rows(detail.journal)
        self.splitter.setVisible(bool(detail.journal))
        self.empty.setVisible(not detail.journal)
        withheld = "journal" in detail.withheld
        self.withheld_note.setText(self.tr(
            "Some entries are not shown: they are internal to another agency or outside what the consent covers "
            "for you.") if withheld else "")
        self.withheld_note.setVisible(withheld)
        select_first(self.view)
        self._selected()

    def clear(self) -> None:
        super().clear()
        self.model.clear()
        self.meta.clear()
        self.text.clear()
        self.withheld_note.clear()
